"""The real plans of ../shared/realplans read the same as text, as DOCX and as PDF (issue 17).

Each plan there is a text export (its `|` rows are its tables: the first one, when it opens the
document, is the two-column header; the others are appendix tables or a signature block). The
builders render the document to a DOCX with real Word tables and to a typeset PDF with drawn
tables; `bmnn plan import`'s extraction (`parse_bytes`, as the command calls it) must give the
same header fields and the same tasks (content, leads, coordinators, timing kind, due date,
flags) from all three. Two of the plans are text layers of PDFs, already broken into printed
lines: their PDF is typeset so that no line is broken again, as the original was.

The folder sits beside the repository here and in CI, not in a user's clone: there these
tests are skipped, and say so.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest

from bmnn.plans.importer import Resolver, parse_bytes
from bmnn.plans.importer.extract import extract
from bmnn.plans.importer.layout import looks_wrapped
from bmnn.plans.importer.table import column_role
from bmnn.plans.tests.builders import extraction, layout_docx, layout_pdf, layout_text

pytestmark = pytest.mark.beside_shared

REALPLANS = Path(__file__).resolve().parents[3].parent / "shared" / "realplans"


def _plans() -> list[Any]:
    found = sorted(REALPLANS.glob("*.txt")) if REALPLANS.is_dir() else []
    if not found:
        reason = f"the real plans ({REALPLANS}) are not beside this clone"
        return [pytest.param(None, id="absent", marks=pytest.mark.skip(reason=reason))]
    return [pytest.param(path, id=path.name[:2]) for path in found]


def document(path: Path) -> str:
    """The plan without the notes the folder puts above it (SOURCE:, COMPLETENESS:, =====)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[0].startswith("SOURCE:"):
        rule = next(i for i, line in enumerate(lines) if line.startswith("====="))
        lines = lines[rule + 1 :]
    return "\n".join(lines) + "\n"


@functools.cache
def forms(path: Path) -> dict[str, bytes]:
    text = document(path)
    as_text = layout_text(text).encode("utf-8")
    printed_lines = looks_wrapped(extract(as_text).blocks)
    return {
        "text": as_text,
        "docx": layout_docx(text),
        "pdf": layout_pdf(text, fit_lines=printed_lines),
    }


def test_the_folder_holds_the_four_plans_of_its_readme() -> None:
    if not REALPLANS.is_dir():
        pytest.skip(f"the real plans ({REALPLANS}) are not beside this clone")
    assert len(list(REALPLANS.glob("*.txt"))) >= 4


@pytest.mark.parametrize("path", _plans())
def test_the_text_form_reads_as_the_file_does(path: Path, resolver: Resolver) -> None:
    """The builder's text form is the document as published: nothing lost on the way."""
    published = extraction(parse_bytes(document(path).encode("utf-8"), resolver))
    assert extraction(parse_bytes(forms(path)["text"], resolver)) == published


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize("path", _plans())
def test_docx_and_pdf_give_the_extraction_of_the_text(
    path: Path, form: str, resolver: Resolver
) -> None:
    header, tasks = extraction(parse_bytes(forms(path)["text"], resolver))
    assert len(tasks) >= 20
    got_header, got_tasks = extraction(parse_bytes(forms(path)[form], resolver))
    assert got_header == header
    assert [task[0] for task in got_tasks] == [task[0] for task in tasks]
    for got, want in zip(got_tasks, tasks, strict=True):
        assert got == want, f"task {want[0]}"


def _task_tables(data: bytes) -> list[list[list[str]]]:
    """The tables whose heading row names a task and a lead column (the appendix tables), cell
    texts with white space collapsed."""
    found = []
    for block in extract(data).blocks:
        if isinstance(block, str):
            continue
        roles = [{column_role(cell) for cell in row} for row in block.rows[:5]]
        if any({"content", "lead"} <= row for row in roles):
            found.append([[" ".join(cell.split()) for cell in row] for row in block.rows])
    return found


@pytest.mark.parametrize("form", ["docx", "pdf"])
@pytest.mark.parametrize("path", _plans())
def test_the_appendix_tables_come_back_cell_for_cell(path: Path, form: str) -> None:
    """Where the text has `|` task tables, the DOCX and the PDF give them back, the same rows
    and cells (a PDF's wrapped cell as one cell, its narrow columns' headings unbroken)."""
    assert _task_tables(forms(path)[form]) == _task_tables(forms(path)["text"])


# --- the shapes that differed between the forms, as small documents (run without the folder) --

MINI_PLAN = """| ỦY BAN NHÂN DÂN<br>TỈNH BẮC LÂM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc |
| Số:          /KH-UBND | Bắc Lâm, ngày        tháng 3 năm 2026 |

KẾ HOẠCH
Rà soát danh mục bí mật nhà nước năm 2026

I. NHIỆM VỤ
1. Rà soát danh mục bí mật nhà nước của các sở, ngành.
- Cơ quan chủ trì: Công an tỉnh.
- Thời gian hoàn thành: Quý II/2026.

Nơi nhận:                                                TM. ỦY BAN NHÂN DÂN
- Bộ Công an;                                                  CHỦ TỊCH
- Lưu: VT, NC.                                              Trần Văn Minh
"""


def test_a_drafts_blank_number_and_day_keep_the_header_in_two_rows() -> None:
    """ "Số:      /KH-UBND" is one cell of the PDF's header, not three runs that end it."""
    blocks = extract(layout_pdf(MINI_PLAN)).blocks
    assert not [b for b in blocks[: blocks.index("KẾ HOẠCH")] if isinstance(b, str) and b.strip()]
    header = next(b for b in blocks if not isinstance(b, str))
    assert header.rows == [
        [
            "ỦY BAN NHÂN DÂN TỈNH BẮC LÂM",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc",
        ],
        ["Số: /KH-UBND", "Bắc Lâm, ngày tháng 3 năm 2026"],
    ]


def test_the_signature_beside_the_recipients_is_read_apart_in_a_pdf(resolver: Resolver) -> None:
    """Two blocks on the same lines of a PDF: pdfium writes one space between them; the wide
    gap is kept, so the recipients end before the signature and the signer is found."""
    for data in (layout_text(MINI_PLAN).encode("utf-8"), layout_pdf(MINI_PLAN)):
        header = parse_bytes(data, resolver).plan
        assert header.recipients == ["Bộ Công an", "Lưu: VT, NC"]
        assert header.signer == "Trần Văn Minh"
        assert header.number == "/KH-UBND" and header.date is None


def test_a_word_broken_at_its_hyphen_is_one_word_in_prose_and_in_a_cell() -> None:
    """pdfium hands out a hyphen that ends a line as a control code (U+FFFE in its text)."""
    from fpdf import FPDF

    from bmnn.plans.tests.builders import FONT

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.add_page()
    pdf.set_font("DejaVu", size=10)
    pdf.multi_cell(w=0, h=5, text="Quản lý tín chỉ các-\nbon nhằm thực hiện NDC")
    with pdf.table(col_widths=(10, 60, 40), first_row_as_headings=False) as table:
        row = table.row()
        for cell in ("1", "Phát triển thị trường các-\nbon trong nước", "Cục Biến đổi khí hậu"):
            row.cell(cell)
    blocks = [b for b in extract(bytes(pdf.output())).blocks if not isinstance(b, str) or b]
    assert blocks[0].strip() == "Quản lý tín chỉ các-bon nhằm thực hiện NDC"
    assert not isinstance(blocks[1], str)
    assert blocks[1].rows[0][1] == "Phát triển thị trường các-bon trong nước"


def test_a_title_in_capitals_goes_on_over_a_line_that_starts_with_nham(resolver) -> None:
    from bmnn.plans.importer.parser import PlanParser

    lines = [
        "Số: 09/KH-BTNMT",
        "Hà Nội, ngày 06 tháng 8 năm 2024",
        "KẾ HOẠCH",
        "TRIỂN KHAI CHỈ THỊ SỐ 13/CT-TTG VỀ QUẢN LÝ TÍN CHỈ CÁC-BON",
        "NHẰM THỰC HIỆN ĐÓNG GÓP DO QUỐC GIA TỰ QUYẾT ĐỊNH",
        "Thực hiện Chỉ thị số 13/CT-TTg, Bộ ban hành Kế hoạch",
        "nhằm các mục tiêu sau:",
        "I. NHIỆM VỤ",
        "1. Cục Biến đổi khí hậu hoàn thiện dự thảo Nghị định trong quý IV/2024.",
    ]
    title = PlanParser(resolver).parse(list(lines), wrapped=True).plan.title
    assert title == (
        "TRIỂN KHAI CHỈ THỊ SỐ 13/CT-TTG VỀ QUẢN LÝ TÍN CHỈ CÁC-BON "
        "NHẰM THỰC HIỆN ĐÓNG GÓP DO QUỐC GIA TỰ QUYẾT ĐỊNH"
    )


def test_the_signers_name_after_the_title_in_one_cell_is_the_signer(resolver) -> None:
    """A reader joins a signature cell's lines: "KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành"."""
    text = """Số: 09/KH-BTNMT
Hà Nội, ngày 06 tháng 8 năm 2024
KẾ HOẠCH
Quản lý tín chỉ các-bon
I. NHIỆM VỤ
1. Hoàn thiện dự thảo Nghị định.
- Cơ quan chủ trì: Cục Biến đổi khí hậu.
| Nơi nhận: - Bộ trưởng; - Lưu VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Lê Công Thành |
"""
    assert parse_bytes(text.encode("utf-8"), resolver).plan.signer == "Lê Công Thành"
