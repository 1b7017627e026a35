"""The official books as data: each layout is a definition with its validity dates, so a new
form is a new definition, not new code. Rows are read from the entries' column snapshots.

Which layout a line is printed in follows the date of the entry, not the year of the book
(LAW.md "Stamps and forms"; SOURCES.md §5.1: records made before 01/3/2026 keep the forms of
Circular 24/2020/TT-BCA, later ones use the appendices of Decree 63/2026/NĐ-CP). A volume whose
lines straddle 01/3/2026 is printed in parts, each under its own heading with its own columns
and source; BMNN does not close the volume at the change, because the year's numbering runs on
across volumes anyway and a printed part says which text it follows.

What is verified and what is not (SOURCES.md §5.3, open question 8):
- Decree 63/2026 outgoing and incoming registers: the columns as practitioners encode Appendix
  III ([3P], to be checked against the official appendix).
- Circular 24/2020 Forms 14 and 15: only the cover notes and, for Form 14, that it has nine
  columns of which the first is the sequence number were retrieved. The TT24 layouts below
  therefore print every content field the register must hold (TT24 Art. 3.3: a database holds
  all the content of the forms) under neutral headings, and their source line says that the
  column arrangement is not the verified one.
- Copy register (TT24 Form 12) and handover book (TT24 Form 16) and their 2026 successors:
  content required by the rules (ND26 Art. 3, 4.1.c; LAW.md), official column order not retrieved.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.utils import timezone

from bmnn.core.documents import build_xlsx
from bmnn.registry import rules
from bmnn.registry.models import RegisterBook, RegisterEntry

SUMMARY_COLUMNS = {"type_summary", "summary"}
FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
# Relative widths of the columns that hold long text; the others share what is left.
WIDE = {
    "type_summary": 4,
    "summary": 3,
    "original": 3,
    "recipients": 2.5,
    "issuer": 2.2,
    "number": 1.6,
    "receiver": 1.8,
    "note": 1.5,
    "signer": 1.4,
    "keeping_unit": 1.4,
    "authorised_by": 1.6,
    "performed_by": 1.4,
    "signature": 1.6,
    "form": 1.2,
}

TT24_FROM = date(2020, 7, 1)  # Circular 24/2020/TT-BCA in force (TT24 Art. 4)
TT24_TO = date(2026, 2, 28)
ND63_FROM = date(2026, 3, 1)  # Decree 63/2026/NĐ-CP in force with Law 117/2025 [S]


@dataclass(frozen=True)
class Layout:
    kind: str
    title: str
    source: str
    valid_from: date
    valid_to: date | None
    columns: tuple[tuple[str, str], ...]  # (key in the entry's snapshot, heading)
    short: str = ""  # the text's short name, for sheet names

    def in_force(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


OUTGOING_COLUMNS = (
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
)
INCOMING_COLUMNS = (
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
)
COPY_COLUMNS = (
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
)
HANDOVER_COLUMNS = (
    ("seq", "Số thứ tự"),
    ("date", "Ngày chuyển"),
    ("number", "Số, ký hiệu"),
    ("level", "Độ mật, ký hiệu bì"),
    ("envelopes", "Số bì"),
    ("copies", "Bản"),
    ("receiver", "Nơi nhận"),
    ("signature", "Ký nhận"),
    ("note", "Ghi chú"),
)
# TT24 Forms 14 and 15: column 1 of Form 14 (sequence number) is the only verified heading; the
# rest are the contents the register must hold, with neutral headings.
TT24_OUTGOING_COLUMNS = (
    ("seq", "Số thứ tự"),
    ("number", "Số, ký hiệu"),
    ("date", "Ngày tháng"),
    *OUTGOING_COLUMNS[3:],
)
UNVERIFIED = "thứ tự cột chưa đối chiếu với mẫu gốc"

LAYOUTS = [
    Layout(
        "outgoing",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI",
        f"Thông tư 24/2020/TT-BCA, mẫu số 14 (mẫu gốc 09 cột, cột 1 là số thứ tự; {UNVERIFIED}, "
        "sổ in đủ nội dung phải ghi theo Điều 3.3)",
        TT24_FROM,
        TT24_TO,
        TT24_OUTGOING_COLUMNS,
        "TT24",
    ),
    Layout(
        "outgoing",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI",
        "Nghị định 63/2026/NĐ-CP, Phụ lục III",
        ND63_FROM,
        None,
        OUTGOING_COLUMNS,
        "NĐ63",
    ),
    Layout(
        "incoming",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN",
        f"Thông tư 24/2020/TT-BCA, mẫu số 15 ({UNVERIFIED}, sổ in đủ nội dung phải ghi theo Điều 3.3)",
        TT24_FROM,
        TT24_TO,
        INCOMING_COLUMNS,
        "TT24",
    ),
    Layout(
        "incoming",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN",
        "Nghị định 63/2026/NĐ-CP, Phụ lục III",
        ND63_FROM,
        None,
        INCOMING_COLUMNS,
        "NĐ63",
    ),
    Layout(
        "copies",
        "SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC",
        f"Thông tư 24/2020/TT-BCA, mẫu số 12 ({UNVERIFIED}; nội dung theo Nghị định 26/2020, Điều 3)",
        TT24_FROM,
        TT24_TO,
        COPY_COLUMNS,
        "TT24",
    ),
    Layout(
        "copies",
        "SỔ QUẢN LÝ SAO, CHỤP BÍ MẬT NHÀ NƯỚC",
        f"Nghị định 63/2026/NĐ-CP, phụ lục mẫu sổ quản lý sao, chụp ({UNVERIFIED}; "
        "nội dung theo Luật 117/2025, Điều 11)",
        ND63_FROM,
        None,
        COPY_COLUMNS,
        "NĐ63",
    ),
    Layout(
        "handover",
        "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC",
        f"Thông tư 24/2020/TT-BCA, mẫu số 16 ({UNVERIFIED}; nội dung theo Nghị định 26/2020, Điều 4)",
        TT24_FROM,
        TT24_TO,
        HANDOVER_COLUMNS,
        "TT24",
    ),
    Layout(
        "handover",
        "SỔ CHUYỂN GIAO BÍ MẬT NHÀ NƯỚC",
        f"Nghị định 63/2026/NĐ-CP, phụ lục mẫu sổ chuyển giao ({UNVERIFIED})",
        ND63_FROM,
        None,
        HANDOVER_COLUMNS,
        "NĐ63",
    ),
]


def layout_for(kind: str, day: date) -> Layout:
    """The layout in force on the day of an entry. BMNN keeps no layout older than TT24 (in
    force 01/7/2020): an earlier line prints in the earliest layout of its book."""
    candidates = sorted(
        (lay for lay in LAYOUTS if lay.kind == kind), key=lambda lay: lay.valid_from
    )
    if not candidates:
        raise LookupError(f"no layout for the {kind} book")
    for layout in candidates:
        if layout.in_force(day):
            return layout
    if day < candidates[0].valid_from:
        return candidates[0]
    raise LookupError(f"no layout for the {kind} book on {day:%d/%m/%Y}")


def empty_layout(book: RegisterBook) -> Layout:
    """The layout for a volume with no line (yet): the one in force at the end of its year,
    or today for the current year."""
    return layout_for(book.kind, min(date(book.year, 12, 31), timezone.localdate()))


@dataclass
class Part:
    """A run of consecutive lines of a volume printed in one layout."""

    layout: Layout
    entries: list[RegisterEntry] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)

    @property
    def headings(self) -> list[str]:
        return [heading for _key, heading in self.layout.columns]

    def heading(self) -> str:
        """The part's heading: its lines, their dates and the text it follows."""
        if not self.entries:
            return self.layout.source
        first, last = self.entries[0], self.entries[-1]
        return (
            f"Từ số {first.seq} ngày {first.entered_on:%d/%m/%Y} đến số {last.seq} ngày "
            f"{last.entered_on:%d/%m/%Y} — mẫu theo {self.layout.source}"
        )


def parts(book: RegisterBook, entries: list[RegisterEntry]) -> list[Part]:
    """The volume's lines in order, cut wherever the layout in force changes (a line is printed
    in the layout of its own date). A volume with no line is one empty part."""
    out: list[Part] = []
    by_day: dict[date, Layout] = {}
    for entry in entries:
        layout = by_day.get(entry.entered_on)
        if layout is None:
            layout = by_day[entry.entered_on] = layout_for(book.kind, entry.entered_on)
        if not out or out[-1].layout is not layout:
            out.append(Part(layout))
        out[-1].entries.append(entry)
        out[-1].rows.append(row(layout, entry))
    return out or [Part(empty_layout(book))]


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
    pieces = parts(book, entries)
    if fmt == "pdf":
        return _pdf(book, pieces), "application/pdf"
    if fmt == "xlsx":
        return (
            build_xlsx(_sheets(book, pieces)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    return _docx(book, pieces), (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def _sheets(book: RegisterBook, pieces: list[Part]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """One sheet per part, named after the volume (and, for a volume in several layouts, the
    part's number and text)."""
    name = f"{book.year}-{book.volume}"
    if len(pieces) == 1:
        return [(name, pieces[0].headings, pieces[0].rows)]
    return [
        (f"{name} ({n}) {part.layout.short}", part.headings, part.rows)
        for n, part in enumerate(pieces, start=1)
    ]


def _docx(book: RegisterBook, pieces: list[Part]) -> bytes:
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
    for line in _cover(book, pieces):
        paragraph = document.add_paragraph(line)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for part in pieces:
        document.add_page_break()
        if len(pieces) > 1:
            document.add_paragraph().add_run(part.heading()).bold = True
        table = document.add_table(rows=1, cols=len(part.headings))
        table.style = "Table Grid"
        for cell, heading in zip(table.rows[0].cells, part.headings, strict=True):
            cell.text = heading
            for run in cell.paragraphs[0].runs:
                run.bold = True
        for values in part.rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, values, strict=True):
                cell.text = str(value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _cover(book: RegisterBook, pieces: list[Part]) -> list[str]:
    """The cover: superior body, agency, book title, year and volume, the span of the lines and
    the text the lines follow (for a volume spanning a change, each text with its dates)."""
    first = book.entries.order_by("seq").values_list("seq", "entered_on").first()
    last = book.entries.order_by("-seq").values_list("seq", "entered_on").first()
    span = ""
    if first and last:
        span = f"Từ số {first[0]} ngày {first[1]:%d/%m/%Y} đến số {last[0]} ngày {last[1]:%d/%m/%Y}"
    sources = []
    layouts = list(dict.fromkeys(part.layout for part in pieces))  # in order of first use
    for layout in layouts:
        days = [e.entered_on for part in pieces if part.layout is layout for e in part.entries]
        if len(layouts) == 1 or not days:
            sources.append(f"({layout.source})")
        else:  # one line per text, however many parts: the dates of its lines do not overlap
            sources.append(
                f"(Các dòng ngày {min(days):%d/%m/%Y} – {max(days):%d/%m/%Y}: mẫu theo {layout.source})"
            )
    return [
        book.agency.parent.name.upper() if book.agency.parent else "",
        book.agency.name.upper(),
        "",
        pieces[0].layout.title,
        f"Năm {book.year} — Quyển số {book.volume}",
        span,
        *sources,
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


def _pdf(book: RegisterBook, pieces: list[Part]) -> bytes:
    """A4 landscape: the cover, then each part's table with its headings repeated on every
    page (a part of a volume that spans a change of forms starts on a new page under its own
    heading). The vendored DejaVu fonts cover Vietnamese, so the output does not depend on the
    machine."""
    from fpdf import FPDF

    pdf = FPDF(orientation="L", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(10, 10, 10)
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 13)
    pdf.ln(30)
    for line in _cover(book, pieces):
        pdf.multi_cell(0, 10, line, align="C", new_x="LMARGIN", new_y="NEXT")
    usable = pdf.w - pdf.l_margin - pdf.r_margin
    for part in pieces:
        pdf.add_page()
        if len(pieces) > 1:
            pdf.set_font("DejaVu", "B", 9)
            pdf.multi_cell(0, 5, part.heading(), new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        relative = _widths(part.layout)
        widths = [usable * r / sum(relative) for r in relative]
        pdf.set_font("DejaVu", "", 7)
        grid = _Grid(pdf, widths, 7, 3.2)
        header = [[str(h) for h in part.headings], [str(n) for n in range(1, len(widths) + 1)]]
        for heading in header:
            grid.row(heading, bold=True)
        for values in part.rows:
            grid.row(values, header=header)
    return bytes(pdf.output())
