"""The official books as data: each layout is a definition with its validity dates, so a new
form is a new definition, not new code. Rows are read from the entries' column snapshots.

Columns of the outgoing and incoming registers follow Decree 63/2026 Appendix III as
practitioners encode it (shared/domain/SOURCES.md §5.3, tagged [3P] there: to be checked
against the official appendix); the copy register and the handover book carry the content the
rules require (ND26 Art. 3, 4.1.c), their official column order not having been retrieved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from bmnn.core.documents import build_xlsx
from bmnn.registry import rules
from bmnn.registry.models import RegisterBook, RegisterEntry

SUMMARY_COLUMNS = {"type_summary", "summary"}


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    source: str
    valid_from: date
    valid_to: date | None
    columns: tuple[tuple[str, str], ...]  # (key in the entry's snapshot, heading)


LAYOUTS = [
    Layout("outgoing", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI", "Nghị định 63/2026/NĐ-CP, Phụ lục III",
           date(2026, 3, 1), None, (
               ("seq", "Số thứ tự"),
               ("number", "Số, ký hiệu tài liệu, vật chứa BMNN"),
               ("date", "Ngày tháng xác định tài liệu, vật chứa BMNN"),
               ("type_summary", "Tên loại và trích yếu nội dung"),
               ("level", "Độ mật"),
               ("signer", "Người ký"),
               ("recipients", "Nơi nhận và ký nhận"),
               ("keeping_unit", "Đơn vị lưu"),
               ("copies", "Số lượng"),
               ("note", "Ghi chú"),
           )),
    Layout("incoming", "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN", "Nghị định 63/2026/NĐ-CP, Phụ lục III",
           date(2026, 3, 1), None, (
               ("seq", "Số thứ tự"),
               ("received_on", "Ngày đến"),
               ("incoming_no", "Số đến"),
               ("issuer", "Cơ quan, tổ chức ban hành"),
               ("number", "Số, ký hiệu"),
               ("date", "Ngày tháng"),
               ("type_summary", "Tên loại và trích yếu nội dung"),
               ("level", "Độ mật"),
               ("receiver", "Đơn vị và ký nhận"),
               ("note", "Ghi chú"),
           )),
    Layout("copies", "SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC", "Thông tư 24/2020/TT-BCA, mẫu số 12 (nội dung theo Nghị định 26/2020, Điều 3)",
           date(2020, 7, 1), None, (
               ("seq", "Số thứ tự"),
               ("date", "Ngày sao, chụp"),
               ("original", "Tên loại, số, ký hiệu, ngày tháng, cơ quan ban hành"),
               ("summary", "Trích yếu nội dung"),
               ("level", "Độ mật"),
               ("form", "Hình thức sao, chụp"),
               ("copies", "Số lượng, số bản"),
               ("authorised_by", "Người cho phép sao, chụp"),
               ("performed_by", "Người thực hiện"),
               ("recipients", "Nơi nhận"),
               ("spoiled", "Số bản hỏng đã hủy"),
               ("note", "Ghi chú"),
           )),
    Layout("handover", "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC", "Thông tư 24/2020/TT-BCA, mẫu số 16 (nội dung theo Nghị định 26/2020, Điều 4)",
           date(2020, 7, 1), None, (
               ("seq", "Số thứ tự"),
               ("date", "Ngày chuyển"),
               ("number", "Số, ký hiệu"),
               ("level", "Độ mật, ký hiệu bì"),
               ("envelopes", "Số bì"),
               ("copies", "Bản"),
               ("receiver", "Nơi nhận"),
               ("signature", "Ký nhận"),
               ("note", "Ghi chú"),
           )),
]  # fmt: skip


def layout_for(kind: str, year: int) -> Layout:
    """The layout in force for a book of that year (a book follows the form of its year)."""
    start = date(year, 1, 1)
    candidates = [
        layout for layout in LAYOUTS
        if layout.kind == kind and (layout.valid_to is None or layout.valid_to >= start)
    ]  # fmt: skip
    if not candidates:
        raise LookupError(f"no layout for the {kind} book of {year}")
    return max(candidates, key=lambda layout: layout.valid_from)


def row(layout: Layout, entry: RegisterEntry) -> list[Any]:
    """One line in the layout's column order; never a Tuyệt mật summary (Decree 63/2026)."""
    values = []
    for key, _heading in layout.columns:
        value = entry.columns.get(key, "")
        if key in SUMMARY_COLUMNS and not rules.summary_allowed(entry.item.level, entry.entered_on):
            value = entry.item.doc_type if key == "type_summary" else ""
        values.append("" if value is None else value)
    return values


def export(book: RegisterBook, entries: list[RegisterEntry], fmt: str) -> tuple[bytes, str]:
    layout = layout_for(book.kind, book.year)
    rows = [row(layout, entry) for entry in entries]
    headings = [heading for _key, heading in layout.columns]
    if fmt == "xlsx":
        return (
            build_xlsx([(f"{book.year}-{book.volume}", headings, rows)]),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return _docx(book, layout, headings, rows), (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def _docx(book: RegisterBook, layout: Layout, headings: list[str], rows: list[list[Any]]) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(1.5))
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(11)
    cover = [book.agency.parent.name.upper() if book.agency.parent else "", book.agency.name.upper(), "",
             layout.title, f"Năm {book.year} — Quyển số {book.volume}", f"({layout.source})"]  # fmt: skip
    for line in cover:
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_page_break()
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
