"""A book prints each line in the layout in force on the line's date (LAW.md "Stamps and
forms"; SOURCES.md §5.1): Circular 24/2020/TT-BCA forms before 01/3/2026, Decree 63/2026
forms from that day; a volume spanning the change prints each part in its own layout under
its own heading."""

from __future__ import annotations

import io
import itertools
from datetime import date

import docx
import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bmnn.registry import books
from bmnn.registry.models import Book, RegisterBook, RegisterEntry
from bmnn.registry.tests.builders import received

pytestmark = pytest.mark.django_db

TT24 = "Thông tư 24/2020/TT-BCA"
ND63 = "Nghị định 63/2026/NĐ-CP"


def _incoming(reg, n: int, day: date, level: str = "mat") -> RegisterEntry:
    return received(
        reg,
        level,
        number=f"{n}/BTP",
        doc_date=day,
        doc_type="Công văn",
        summary=f"Nội dung {n}",
        received_on=day,
        receiver="Phòng Văn bản",
    )


def _book(reg, year: int) -> RegisterBook:
    return RegisterBook.objects.get(agency=reg["justice"], kind=Book.INCOMING, year=year)


def _entries(book: RegisterBook) -> list[RegisterEntry]:
    return list(RegisterEntry.objects.filter(book=book).select_related("item").order_by("seq"))


def _pdf_text(data: bytes) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    text = " ".join(
        " ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(len(pdf))
    )
    pdf.close()
    return text


@pytest.mark.parametrize("kind", [Book.OUTGOING, Book.INCOMING, Book.COPIES, Book.HANDOVER])
def test_every_book_changes_layout_on_1_march_2026(kind) -> None:
    """LAW.md "Stamps and forms": entries up to 28/02/2026 in TT24 forms, from 01/3/2026 in
    Decree 63/2026 forms, for the four books."""
    assert books.layout_for(kind, date(2026, 2, 28)).source.startswith(TT24)
    assert books.layout_for(kind, date(2026, 3, 1)).source.startswith(ND63)
    assert books.layout_for(kind, date(2020, 7, 1)).source.startswith(TT24)


def test_each_kind_has_layouts_without_gap_or_overlap() -> None:
    """Layouts are data with validity dates: for each book exactly one is in force on any day
    from TT24's entry into force (01/7/2020)."""
    for kind in Book.values:
        layouts = sorted(
            (lay for lay in books.LAYOUTS if lay.kind == kind), key=lambda lay: lay.valid_from
        )
        assert layouts[0].valid_from == date(2020, 7, 1) and layouts[-1].valid_to is None
        for before, after in itertools.pairwise(layouts):
            assert before.valid_to is not None
            assert (after.valid_from - before.valid_to).days == 1
    with pytest.raises(LookupError):
        books.layout_for("unknown", date(2026, 3, 1))


def test_the_tt24_layouts_say_what_is_not_verified() -> None:
    """SOURCES.md §5.3: of TT24 Form 14 only the first column (sequence number) and the count of
    nine columns were retrieved; the printed source must not pass the arrangement off as the
    official one."""
    outgoing = books.layout_for(Book.OUTGOING, date(2025, 6, 1))
    assert outgoing.source.startswith(f"{TT24}, mẫu số 14")
    assert "chưa đối chiếu" in outgoing.source and "09 cột" in outgoing.source
    assert outgoing.columns[0] == ("seq", "Số thứ tự")
    assert books.layout_for(Book.INCOMING, date(2025, 6, 1)).source.startswith(f"{TT24}, mẫu số 15")
    assert books.layout_for(Book.COPIES, date(2025, 6, 1)).source.startswith(f"{TT24}, mẫu số 12")
    assert books.layout_for(Book.HANDOVER, date(2025, 6, 1)).source.startswith(f"{TT24}, mẫu số 16")


def test_a_2025_book_prints_the_tt24_source_and_layout_in_every_format(reg, client_for) -> None:
    """LAW.md "Stamps and forms": a book of 2025 entries follows Circular 24/2020 (Form 15),
    not Decree 63/2026, in the PDF, DOCX, XLSX and on the page."""
    _incoming(reg, 1, date(2025, 4, 2))
    _incoming(reg, 2, date(2025, 11, 20))
    book = _book(reg, 2025)
    layout = books.layout_for(Book.INCOMING, date(2025, 4, 2))
    text = _pdf_text(books.export(book, _entries(book), "pdf")[0])
    assert "mẫu số 15" in text and TT24 in text and ND63 not in text
    document = docx.Document(io.BytesIO(books.export(book, _entries(book), "docx")[0]))
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert f"({layout.source})" in paragraphs and ND63 not in paragraphs
    assert len(document.tables) == 1
    sheet = load_workbook(io.BytesIO(books.export(book, _entries(book), "xlsx")[0])).worksheets
    assert [s.title for s in sheet] == ["2025-1"]
    assert [c.value for c in sheet[0][1]] == [h for _k, h in layout.columns]
    page = client_for(reg["officer"]).get(reverse("registry:book", args=[book.pk])).content.decode()
    assert layout.source in page and ND63 not in page


def test_a_book_from_1_march_2026_prints_decree_63(reg) -> None:
    """LAW.md "Stamps and forms": the first day of Decree 63/2026 is 01/3/2026."""
    _incoming(reg, 1, date(2026, 3, 1))
    book = _book(reg, 2026)
    text = _pdf_text(books.export(book, _entries(book), "pdf")[0])
    assert f"{ND63}, Phụ lục III" in text and TT24 not in text


def test_a_volume_spanning_the_change_prints_each_part_in_its_own_layout(reg, client_for) -> None:
    """LAW.md "Stamps and forms": lines of 28/02/2026 and before in the TT24 layout, later ones
    in Decree 63/2026's, each part under a heading naming its lines and its source."""
    _incoming(reg, 1, date(2026, 1, 15))
    _incoming(reg, 2, date(2026, 2, 28))
    _incoming(reg, 3, date(2026, 3, 1))
    _incoming(reg, 4, date(2026, 7, 9))
    book = _book(reg, 2026)
    parts = books.parts(book, _entries(book))
    assert [p.layout.source.split(",")[0] for p in parts] == [TT24, ND63]
    assert [[e.seq for e in p.entries] for p in parts] == [[1, 2], [3, 4]]
    assert parts[0].heading().startswith("Từ số 1 ngày 15/01/2026 đến số 2 ngày 28/02/2026")
    assert parts[1].heading().endswith(parts[1].layout.source)

    text = _pdf_text(books.export(book, _entries(book), "pdf")[0])
    first, second = parts[0].heading(), parts[1].heading()
    assert first in text and second in text
    # the cover names both parts; in the table pages the second heading comes between the parts
    assert text.index("1/BTP") < text.index("2/BTP") < text.rindex(second) < text.index("3/BTP")

    document = docx.Document(io.BytesIO(books.export(book, _entries(book), "docx")[0]))
    paragraphs = [p.text for p in document.paragraphs]
    assert first in paragraphs and second in paragraphs
    assert [len(t.rows) for t in document.tables] == [3, 3]
    assert [t.rows[1].cells[4].text for t in document.tables] == ["1/BTP", "3/BTP"]

    sheets = load_workbook(io.BytesIO(books.export(book, _entries(book), "xlsx")[0])).worksheets
    assert [s.title for s in sheets] == ["2026-1 (1) TT24", "2026-1 (2) NĐ63"]
    assert [[r[0] for r in s.iter_rows(min_row=2, values_only=True)] for s in sheets] == [
        [1, 2],
        [3, 4],
    ]

    page = client_for(reg["officer"]).get(reverse("registry:book", args=[book.pk])).content.decode()
    assert page.count('data-testid="book-part"') == 2 and page.count('data-testid="book"') == 2
    assert page.index(TT24) < page.index("2/BTP") < page.index(ND63) < page.index("3/BTP")


def test_an_empty_volume_shows_the_layout_in_force_at_the_end_of_its_year(reg) -> None:
    book = RegisterBook.objects.create(agency=reg["justice"], kind=Book.OUTGOING, year=2025)
    [part] = books.parts(book, [])
    assert part.layout.source.startswith(f"{TT24}, mẫu số 14") and part.rows == []


def test_a_line_entered_late_keeps_its_own_layout_and_the_book_its_order(reg) -> None:
    """LAW.md "Stamps and forms": a line dated before 01/3/2026 but written after later lines
    still prints in the TT24 layout; the book keeps its sequence order, so it makes a third part,
    and the cover names each text once with the dates of its lines."""
    _incoming(reg, 1, date(2026, 1, 10))
    _incoming(reg, 2, date(2026, 3, 5))
    _incoming(reg, 3, date(2026, 2, 20))
    book = _book(reg, 2026)
    parts = books.parts(book, _entries(book))
    assert [(p.layout.short, [e.seq for e in p.entries]) for p in parts] == [
        ("TT24", [1]),
        ("NĐ63", [2]),
        ("TT24", [3]),
    ]
    document = docx.Document(io.BytesIO(books.export(book, _entries(book), "docx")[0]))
    covers = [p.text for p in document.paragraphs if p.text.startswith("(Các dòng ngày")]
    assert covers == [
        f"(Các dòng ngày 10/01/2026 – 20/02/2026: mẫu theo {parts[0].layout.source})",
        f"(Các dòng ngày 05/03/2026 – 05/03/2026: mẫu theo {parts[1].layout.source})",
    ]
    assert len(document.tables) == 3
