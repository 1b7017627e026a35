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
from pathlib import Path
from typing import Any

from bmnn.core.documents import build_xlsx
from bmnn.registry import rules
from bmnn.registry.models import RegisterBook, RegisterEntry

SUMMARY_COLUMNS = {"type_summary", "summary"}
FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
# Relative widths of the columns that hold long text; the others share what is left.
WIDE = {"type_summary": 4, "summary": 3, "original": 3, "recipients": 2.5, "issuer": 2.2,
        "number": 1.6, "receiver": 1.8, "note": 1.5, "signer": 1.4, "keeping_unit": 1.4,
        "authorised_by": 1.4, "performed_by": 1.4, "signature": 1.6}  # fmt: skip


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
    if fmt == "pdf":
        return _pdf(book, layout, headings, rows), "application/pdf"
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
    for line in _cover(book, layout):
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


def _cover(book: RegisterBook, layout: Layout) -> list[str]:
    """The cover: superior body, agency, book title, year and volume, the form's source."""
    first = book.entries.order_by("seq").values_list("seq", "entered_on").first()
    last = book.entries.order_by("-seq").values_list("seq", "entered_on").first()
    span = ""
    if first and last:
        span = f"Từ số {first[0]} ngày {first[1]:%d/%m/%Y} đến số {last[0]} ngày {last[1]:%d/%m/%Y}"
    return [
        book.agency.parent.name.upper() if book.agency.parent else "",
        book.agency.name.upper(),
        "",
        layout.title,
        f"Năm {book.year} — Quyển số {book.volume}",
        span,
        f"({layout.source})",
    ]


def _widths(layout: Layout) -> tuple[float, ...]:
    return tuple(WIDE.get(key, 1.0) for key, _heading in layout.columns)


class _Grid:
    """Draws a ruled table fast: fpdf2's own table lays out every cell through its general
    line breaker (54 s for a 20,000-line book); here each character's width is measured once
    and lines are broken on spaces, which is all a register's plain text needs."""

    def __init__(self, pdf: Any, widths: list[float], size: float, line_height: float) -> None:
        self.pdf, self.widths, self.size, self.line = pdf, widths, size, line_height
        self.widths_by_style: dict[str, dict[str, float]] = {"": {}, "B": {}}
        self.char = self.widths_by_style[""]
        self.pad = 0.8

    def width(self, text: str) -> float:
        total = 0.0
        for ch in text:
            w = self.char.get(ch)
            if w is None:
                w = self.char[ch] = self.pdf.get_string_width(ch)
            total += w
        return total

    def wrap(self, text: str, limit: float) -> list[str]:
        lines: list[str] = []
        for paragraph in str(text).split("\n"):
            current, used = "", 0.0
            space = self.width(" ")
            for word in paragraph.split(" "):
                w = self.width(word)
                while w > limit and len(word) > 1:  # a word longer than the cell is cut
                    cut = max(1, int(len(word) * limit / w))
                    if current:
                        lines.append(current)
                        current, used = "", 0.0
                    lines.append(word[:cut])
                    word = word[cut:]
                    w = self.width(word)
                if current and used + space + w > limit:
                    lines.append(current)
                    current, used = word, w
                else:
                    current, used = (
                        (f"{current} {word}" if current else word),
                        used + (space if current else 0) + w,
                    )
            lines.append(current)
        return lines or [""]

    def row(
        self, values: list[Any], *, bold: bool = False, header: list[list[Any]] | None = None
    ) -> None:
        pdf = self.pdf
        style = "B" if bold else ""
        pdf.set_font("DejaVu", style, self.size)
        self.char = self.widths_by_style[style]
        cells = [
            self.wrap(str(v), w - 2 * self.pad) for v, w in zip(values, self.widths, strict=True)
        ]
        height = max(len(c) for c in cells) * self.line + 2 * self.pad
        if pdf.get_y() + height > pdf.h - pdf.b_margin:
            pdf.add_page()
            for heading in header or []:
                self.row(heading, bold=True)
            pdf.set_font("DejaVu", style, self.size)
            self.char = self.widths_by_style[style]
        x, y = pdf.l_margin, pdf.get_y()
        for lines, w in zip(cells, self.widths, strict=True):
            pdf.rect(x, y, w, height)
            for index, text in enumerate(lines):
                if text:
                    pdf.text(x + self.pad, y + self.pad + (index + 0.8) * self.line, text)
            x += w
        pdf.set_y(y + height)


def _pdf(book: RegisterBook, layout: Layout, headings: list[str], rows: list[list[Any]]) -> bytes:
    """A4 landscape: the cover, then the table with its headings repeated on every page. The
    vendored DejaVu fonts cover Vietnamese, so the output does not depend on the machine."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(10, 10, 10)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.ln(30)
    for line in _cover(book, layout):
        pdf.cell(0, 10, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    relative = _widths(layout)
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    widths = [usable * r / sum(relative) for r in relative]
    pdf.set_font("DejaVu", "", 7)
    grid = _Grid(pdf, widths, 7, 3.2)
    header = [[str(h) for h in headings], [str(n) for n in range(1, len(headings) + 1)]]
    for heading in header:
        grid.row(heading, bold=True)
    for values in rows:
        grid.row(values, header=header)
    return bytes(pdf.output())
