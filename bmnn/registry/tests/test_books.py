"""The books for a fixture year, generated and read back: every column of the layout, filled
from the entries, in order, with no summary for Tuyệt mật (Decree 63/2026 Appendix III)."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from openpyxl import load_workbook

from bmnn.registry import books
from bmnn.registry.models import RegisterBook, RegisterEntry
from bmnn.registry.tests.builders import received

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026(reg):
    rows = [
        ("mat", "Công văn", "Về tập huấn văn thư", date(2026, 3, 5)),
        ("tuyet_mat", "Kế hoạch", "Nội dung không được ghi", date(2026, 6, 10)),
        ("toi_mat", "Báo cáo", "Kết quả rà soát danh mục", date(2026, 11, 20)),
    ]
    for n, (level, doc_type, summary, day) in enumerate(rows, start=1):
        received(
            reg,
            level,
            number=f"{n}/BTP",
            doc_date=day,
            doc_type=doc_type,
            summary=summary,
            received_on=day,
            receiver="Phòng Hành chính — Lê Văn Bình",
        )
    return RegisterBook.objects.get(agency=reg["justice"], kind="incoming", year=2026)


def test_the_layout_of_a_line_is_the_one_in_force_on_its_date() -> None:
    """LAW.md "Stamps and forms": the layout follows the date of the entry, not the book's year."""
    layout = books.layout_for("incoming", date(2026, 3, 5))
    assert layout.source.startswith("Nghị định 63/2026")
    assert [h for _k, h in layout.columns][:3] == ["Số thứ tự", "Ngày đến", "Số đến"]
    with pytest.raises(LookupError):
        books.layout_for("unknown", date(2026, 3, 5))


def test_xlsx_book_has_every_column_in_order_and_no_tuyet_mat_summary(reg, year_2026) -> None:
    entries = list(RegisterEntry.objects.filter(book=year_2026).order_by("seq"))
    data, _type = books.export(year_2026, entries, "xlsx")
    rows = list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(values_only=True))
    layout = books.layout_for("incoming", date(2026, 3, 5))
    assert list(rows[0]) == [heading for _k, heading in layout.columns]
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    first = dict(zip([k for k, _h in layout.columns], rows[1], strict=True))
    assert first["received_on"] == "05/03/2026" and first["incoming_no"] == 1
    assert first["issuer"] == "Bộ Tư pháp" and first["number"] == "1/BTP"
    assert first["type_summary"] == "Công văn Về tập huấn văn thư" and first["level"] == "Mật"
    assert (
        first["receiver"] == "Phòng Hành chính — Lê Văn Bình"
    )  # the unit it went to, not the clerk
    secret_row = dict(zip([k for k, _h in layout.columns], rows[2], strict=True))
    assert secret_row["type_summary"] == "Kế hoạch" and secret_row["level"] == "Tuyệt mật"
    assert all("không được ghi" not in str(cell) for row in rows for cell in row)
    for values in rows[1:]:
        filled = [
            v for k, v in zip([k for k, _ in layout.columns], values, strict=True) if k != "note"
        ]
        assert all(v not in (None, "") for v in filled)


def test_docx_book_has_the_cover_and_the_table(reg, year_2026) -> None:
    entries = list(RegisterEntry.objects.filter(book=year_2026).order_by("seq"))
    data, _type = books.export(year_2026, entries, "docx")
    document = docx.Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN" in text and "Năm 2026 — Quyển số 1" in text
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells][:2] == ["Số thứ tự", "Ngày đến"]
    assert len(table.rows) == 4
    assert "không được ghi" not in "".join(c.text for row in table.rows for c in row.cells)


def test_an_officer_below_tuyet_mat_gets_the_book_without_its_tuyet_mat_lines(
    reg, year_2026, client_for
) -> None:
    from django.urls import reverse

    page = (
        client_for(reg["officer"])
        .get(reverse("registry:book", args=[year_2026.pk]))
        .content.decode()
    )
    assert "1/BTP" in page and "3/BTP" in page and "2/BTP" not in page


def test_pdf_book_reads_back_with_every_heading_and_row(reg, year_2026) -> None:
    import pypdfium2 as pdfium

    entries = list(RegisterEntry.objects.filter(book=year_2026).order_by("seq"))
    data, content_type = books.export(year_2026, entries, "pdf")
    assert content_type == "application/pdf"
    pdf = pdfium.PdfDocument(data)
    cover = pdf[0].get_textpage().get_text_range()
    assert "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN" in cover and "Quyển số 1" in cover
    text = " ".join(
        " ".join(pdf[i].get_textpage().get_text_range().split()) for i in range(1, len(pdf))
    )
    for heading in (
        "Số thứ tự",
        "Ngày đến",
        "Số đến",
        "Cơ quan, tổ chức ban hành",
        "Độ mật",
        "Ghi chú",
    ):
        assert heading in text
    assert "1/BTP" in text and "3/BTP" in text and "Kế hoạch" in text
    assert "không được ghi" not in text
    assert text.index("1/BTP") < text.index("2/BTP") < text.index("3/BTP")
    pdf.close()


def test_long_books_repeat_the_headings_on_every_page(reg, year_2026) -> None:
    import pypdfium2 as pdfium

    layout = books.layout_for("incoming", date(2026, 3, 5))
    rows = [
        [
            n,
            "01/01/2026",
            n,
            "Bộ Tư pháp",
            f"{n}/BTP",
            "01/01/2026",
            "Công văn " + "rất dài " * 12,
            "Mật",
            "Hoa",
            "",
        ]
        for n in range(1, 201)
    ]
    pdf = pdfium.PdfDocument(books._pdf(year_2026, [books.Part(layout, rows=rows)]))
    assert len(pdf) > 3
    last = pdf[len(pdf) - 1].get_textpage().get_text_range()
    assert "Số thứ tự" in last and "200/BTP" in last
    pdf.close()


def test_reading_and_exporting_a_book_is_audited(reg, year_2026, client_for) -> None:
    from django.urls import reverse

    from bmnn.core.models import AuditEvent

    client = client_for(reg["officer"])
    client.get(reverse("registry:book", args=[year_2026.pk]))
    client.get(reverse("registry:book_export", args=[year_2026.pk, "pdf"]))
    events = list(
        AuditEvent.objects.filter(object_type="registry.registerbook").values_list(
            "action", "changes"
        )
    )
    assert events == [
        ("register.export", {"format": "pdf", "lines": 2}),
        ("register.read", {"format": "page", "lines": 2}),
    ]
