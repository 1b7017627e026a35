"""Plans whose header and appendix are tables read the same from text, DOCX and PDF.

Each plan in samples/layouts/ is written as text with pipe tables and rendered by builders.py
to a DOCX with real Word tables and to a PDF with drawn tables (merged cells, wrapped cells, a
table crossing a page break, page numbers). The PDF reader must rebuild the same tables from
the characters' positions and the drawn lines.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bmnn.core.text import fold
from bmnn.plans.importer import parse_bytes
from bmnn.plans.importer.extract import extract
from bmnn.plans.importer.parser import Table
from bmnn.plans.tests.builders import extraction, layout_docx, layout_pdf, layout_text

LAYOUTS = Path(__file__).resolve().parent / "samples" / "layouts"
PLANS = sorted(LAYOUTS.glob("*.txt"))


def _tables(blocks: list[str | Table]) -> list[list[list[str]]]:
    return [
        [[" ".join(cell.split()) for cell in row] for row in block.rows]
        for block in blocks
        if isinstance(block, Table)
    ]


def _forms(path: Path, **pdf_options: object) -> dict[str, bytes]:
    source = path.read_text(encoding="utf-8")
    return {
        "text": layout_text(source).encode("utf-8"),
        "docx": layout_docx(source),
        "pdf": layout_pdf(source, **pdf_options),  # type: ignore[arg-type]
    }


def test_there_are_layout_plans_on_two_subjects() -> None:
    assert len(PLANS) >= 2
    subjects = {"bi mat nha nuoc" in fold(p.read_text(encoding="utf-8")) for p in PLANS}
    assert subjects == {True, False}


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_docx_and_pdf_give_the_tables_of_the_text_form(path: Path) -> None:
    forms = _forms(path)
    expected = _tables(extract(forms["text"]).blocks)
    assert len(expected) >= 2  # the header and at least one appendix table
    assert len(expected[0][0]) == 2  # the header: issuer | motto
    assert _tables(extract(forms["docx"]).blocks) == expected
    assert _tables(extract(forms["pdf"]).blocks) == expected


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_a_table_continued_without_its_heading_row_is_still_one_table(path: Path) -> None:
    forms = _forms(path, repeat_headings=False, page_number="bottom")
    expected = _tables(extract(forms["text"]).blocks)
    assert _tables(extract(forms["pdf"]).blocks) == expected


def test_the_appendix_crosses_a_page_and_comes_back_as_one_table() -> None:
    import pypdfium2 as pdfium

    path = PLANS[0]
    data = _forms(path)["pdf"]
    document = pdfium.PdfDocument(data)
    try:
        heading = "Nội dung nhiệm vụ"
        pages_with_heading = [
            i
            for i in range(len(document))
            if heading in document[i].get_textpage().get_text_range()
        ]
    finally:
        document.close()
    assert len(pages_with_heading) >= 2  # the heading row repeated on each page it covers
    tables = _tables(extract(data).blocks)
    assert len(tables) == 2
    assert sum(1 for row in tables[1] if row[1] == heading) == 1


@pytest.mark.parametrize("page_number", ["top", "bottom"])
def test_page_numbers_are_neither_cells_nor_prose(page_number: str) -> None:
    data = _forms(PLANS[0], page_number=page_number)["pdf"]
    blocks = extract(data).blocks
    cells = [cell for table in _tables(blocks) for row in table for cell in row]
    assert not [c for c in cells if c.isdigit() and c not in {str(n) for n in range(1, 10)}]
    assert not [c for c in cells if re.match(r"trang \d", fold(c))]
    lines = [b.strip() for b in blocks if isinstance(b, str)]
    assert not [line for line in lines if line.isdigit() or re.match(r"trang \d", fold(line))]


def test_a_cell_merged_down_repeats_and_a_cell_merged_across_leaves_the_rest_empty() -> None:
    for form in ("docx", "pdf"):
        appendix = _tables(extract(_forms(PLANS[0])[form]).blocks)[1]
        section = next(row for row in appendix if row[0] == "I")
        assert section[1].startswith("CÔNG TÁC") and section[2:] == ["", "", ""]
        second, third = (
            row
            for row in appendix
            if row[1].startswith(("Ban hành danh mục", "Xây dựng, ban hành nội quy"))
        )
        assert second[2:4] == third[2:4] == ["Các sở, ban, ngành", "Công an tỉnh"]
        assert second[4] != third[4]


def test_a_wrapped_cell_is_one_cell() -> None:
    tables = _tables(extract(_forms(PLANS[0])["pdf"]).blocks)
    longest = max((row[1] for row in tables[1]), key=len)
    assert len(longest) > 100  # drawn over four lines or more in its column
    assert "\n" not in longest


def test_prose_around_the_tables_keeps_its_order() -> None:
    blocks = extract(_forms(PLANS[0])["pdf"]).blocks
    kinds = [
        "table" if isinstance(b, Table) else fold(b)
        for b in blocks
        if isinstance(b, Table) or b.strip()
    ]
    assert kinds[0] == "table"  # the document header comes first
    assert kinds[1] == "ke hoach"
    appendix = kinds.index("table", 1)
    assert kinds[appendix - 3] == "phu luc"
    assert kinds[appendix + 1].startswith("noi nhan")


@pytest.mark.parametrize(
    "pdf_options",
    [{}, {"repeat_headings": False, "page_number": "bottom"}],
    ids=["headings-repeated", "headings-once"],
)
@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.stem)
def test_the_three_forms_give_the_same_header_and_tasks(
    path: Path, pdf_options: dict[str, object], resolver
) -> None:
    """The whole extraction, prose tasks included: the PDF's wrapped lines are joined back
    into the paragraphs of the text form (a heading is not glued to the line below it, a line
    ending one clause with ';' goes on)."""
    forms = _forms(path, **pdf_options)
    from_text = extraction(parse_bytes(forms["text"], resolver))
    assert len([task for task in from_text[1] if task[1] == "table"]) >= 10
    assert extraction(parse_bytes(forms["docx"], resolver)) == from_text
    assert extraction(parse_bytes(forms["pdf"], resolver)) == from_text


def _two_page_table(parts: list[list[list[str]]]) -> bytes:
    """One table drawn over two pages, each part as it sits on its page."""
    from fpdf import FPDF

    from bmnn.plans.tests.builders import BOLD_FONT, FONT

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_font("DejaVu", "B", str(BOLD_FONT))
    for part in parts:
        pdf.add_page()
        pdf.set_font("DejaVu", size=10)
        with pdf.table(col_widths=(10, 70, 35, 35, 30), first_row_as_headings=False) as table:
            for cells in part:
                row = table.row()
                for cell in cells:
                    row.cell(cell)
    return bytes(pdf.output())


HEADING = ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]


def test_a_row_cut_by_the_page_break_is_put_back_together() -> None:
    first_page = [
        HEADING,
        ["1", "Rà soát danh mục bí mật nhà nước", "Sở Nội vụ", "Công an tỉnh", "Quý I/2026"],
        ["2", "Hướng dẫn các xã, phường xây dựng quy chế", "Sở Nội vụ", "Công an tỉnh", "Tháng"],
    ]
    second_page = [
        ["", "bảo vệ bí mật nhà nước", "", "", "8/2026"],
        ["3", "Tập huấn cán bộ văn thư", "Công an tỉnh", "Sở Nội vụ", "Quý III/2026"],
    ]
    tables = _tables(extract(_two_page_table([first_page, second_page])).blocks)
    assert tables == [
        [
            *first_page[:2],
            [
                "2",
                "Hướng dẫn các xã, phường xây dựng quy chế bảo vệ bí mật nhà nước",
                "Sở Nội vụ",
                "Công an tỉnh",
                "Tháng 8/2026",
            ],
            second_page[1],
        ]
    ]


def test_a_section_row_at_the_top_of_a_page_is_not_glued_to_the_row_before() -> None:
    first_page = [
        HEADING,
        ["1", "Rà soát danh mục bí mật nhà nước", "Sở Nội vụ", "Công an tỉnh", "Quý I/2026"],
    ]
    second_page = [
        ["", "CÔNG TÁC KIỂM TRA", "", "", ""],
        ["1", "Kiểm tra tại 10 sở, ngành", "Công an tỉnh", "Thanh tra tỉnh", "Quý III/2026"],
    ]
    tables = _tables(extract(_two_page_table([first_page, second_page])).blocks)
    assert tables == [first_page + second_page]
