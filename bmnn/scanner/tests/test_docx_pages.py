"""Pages of a Word document, from its hard breaks: a public covering letter, then a page break
and an annex whose own top carries the level stamp — the stamp sits at the top of its page."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_BREAK

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract.office import extract_docx

LETTER = [
    "UBND TỈNH NAM SƠN",
    "SỞ NỘI VỤ",
    "Số: 210/SNV-TCCB",
    "V/v gửi phụ lục kèm theo",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Kính gửi: Ban Tổ chức Tỉnh ủy",
    "Sở Nội vụ gửi kèm theo phụ lục danh sách để đồng chí nghiên cứu, cho ý kiến.",
    *(
        f"{number}. Nội dung thứ {number} của công văn, trình bày theo đề nghị của các phòng."
        for number in range(1, 16)
    ),
    "Nơi nhận:",
    "GIÁM ĐỐC",
]
ANNEX = [
    "TUYỆT MẬT",
    "PHỤ LỤC",
    "Danh sách cán bộ dự kiến điều động",
    "(Kèm theo Công văn số 210/SNV-TCCB)",
    "1. Nguyễn Văn An, Phó Trưởng phòng",
]


def _letter_with_annex(how: str) -> bytes:
    document = Document()
    for line in LETTER:
        document.add_paragraph(line)
    if how == "run-break":  # Ctrl+Enter: a break in a run of its own paragraph
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = document.add_paragraph(ANNEX[0])
    elif how == "break-before":  # the annex's first paragraph starts a page
        first = document.add_paragraph(ANNEX[0])
        first.paragraph_format.page_break_before = True
    else:  # no break: the annex runs on after the letter
        first = document.add_paragraph(ANNEX[0])
    first.runs[0].bold = True
    for line in ANNEX[1:]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_paragraphs_after_a_page_break_are_on_the_next_page() -> None:
    for how in ("run-break", "break-before"):
        blocks = extract_docx(_letter_with_annex(how)).blocks
        pages = {block.text: block.page for block in blocks}
        assert pages["Kính gửi: Ban Tổ chức Tỉnh ủy"] == 1
        assert pages["TUYỆT MẬT"] == pages["PHỤ LỤC"] == 2, how


def test_a_stamp_atop_an_annex_page_makes_the_file_secret() -> None:
    for how in ("run-break", "break-before"):
        verdict = scan_bytes(_letter_with_annex(how), "cong-van-kem-phu-luc.docx")[0]
        assert verdict.secret and verdict.level == "tuyet_mat", how


def test_the_same_line_in_the_middle_of_one_long_page_stays_below_the_line() -> None:
    """Without the break the line is a capitalised word deep in the letter's body."""
    verdict = scan_bytes(_letter_with_annex("none"), "cong-van-kem-phu-luc.docx")[0]
    assert not verdict.secret
