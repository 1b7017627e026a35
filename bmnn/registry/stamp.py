"""Stamping a PDF with its level mark (TT24 Form 02) where the layout diagram puts it.

The level stamp goes under the number-and-symbol line of the document's header (box 10a of the
Decree 30/2020 layout; TT24 Form 19 is the official diagram, SOURCES.md §5.2). We look for
that line ("Số: …") in the text layer of the first page and put the stamp under it, centred on
it; a scanned page without a text layer gets the stamp where the administrative layout places
that line. The stamp itself follows Form 02: red ink (TT24 Art. 3.2), upper case bold serif,
a double border 1 mm apart, 40 × 8 mm for TUYỆT MẬT and 30 × 8 mm for TỐI MẬT; MẬT's size was
not retrieved and uses 20 × 8 mm (SOURCES.md §5.2 [U]). Copies also get "Bản sao số: n" at the
top right of the first page (TT104 Art. 4.3.b).

No Django imports: the function takes bytes and returns bytes, and raises `StampError` with a
message for people when the file is not a PDF it can rewrite.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from bmnn.core.levels import MAT, STAMP_WORDS, TOI_MAT, TUYET_MAT

FONT = Path(__file__).resolve().parent.parent / "core" / "fonts" / "DejaVuSerif-Bold.ttf"
MM = 72 / 25.4  # points per millimetre
RED = (200, 0, 0)

STAMP_SIZE_MM = {TUYET_MAT: (40.0, 8.0), TOI_MAT: (30.0, 8.0), MAT: (20.0, 8.0)}
BORDER_GAP_MM = 1.0
GAP_BELOW_NUMBER_MM = 2.0
# Where the number line sits on an A4 page in the administrative layout when the text layer
# cannot tell us: centred in the left header column (left margin 30 mm, column about 75 mm
# wide), about 40 mm from the top edge.
DEFAULT_CENTRE_X_MM = 30.0 + 75.0 / 2
DEFAULT_NUMBER_BOTTOM_MM = 40.0
# The "Số:" line is looked for in the top third and the left 60% of the page.
NUMBER_LINE = re.compile(r"^\s*S[ốo]\s*[:.]", re.IGNORECASE)


class StampError(ValueError):
    """The file cannot be stamped; `code` says why (unreadable, empty, encrypted)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Anchor:
    """Centre x of the number line and its bottom edge, in points from the page's top-left."""

    centre_x: float
    bottom: float
    found: bool


def find_number_line(data: bytes) -> Anchor | None:
    """The number-and-symbol line on the first page, from the text layer (read the way the
    leak scanner reads it); None if absent."""
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.pdf import text_blocks
    from bmnn.scanner.engine.limits import DEFAULT

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise StampError("the file is not a readable PDF") from exc
    try:
        if len(pdf) == 0:
            raise StampError("the PDF has no pages", "empty")
        page = pdf[0]
        try:
            width, height = page.get_size()
            for block in text_blocks(page, 0, DEFAULT, 0):
                x0, y0, x1, y1 = block.box or (1.0, 1.0, 1.0, 1.0)
                if y0 < 1 / 3 and x0 <= 0.6 and NUMBER_LINE.match(block.text):
                    return Anchor(centre_x=(x0 + x1) / 2 * width, bottom=y1 * height, found=True)
        finally:
            page.close()
    finally:
        pdf.close()
    return None


def _overlay(width: float, height: float, level: str, anchor: Anchor, copy_label: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_page()
    pdf.add_font("StampSerif", "B", str(FONT))
    pdf.set_draw_color(*RED)
    pdf.set_text_color(*RED)
    w, h = (size * MM for size in STAMP_SIZE_MM[level])
    x = max(2 * MM, min(anchor.centre_x - w / 2, width - w - 2 * MM))
    y = anchor.bottom + GAP_BELOW_NUMBER_MM * MM
    pdf.set_line_width(0.6)
    pdf.rect(x, y, w, h)
    gap = BORDER_GAP_MM * MM
    pdf.set_line_width(0.4)
    pdf.rect(x + gap, y + gap, w - 2 * gap, h - 2 * gap)
    pdf.set_font("StampSerif", "B", 13)
    pdf.set_xy(x, y)
    pdf.cell(w, h, STAMP_WORDS[level], align="C")
    if copy_label:
        pdf.set_font("StampSerif", "B", 11)
        label_w = pdf.get_string_width(copy_label) + 4 * MM
        lx, ly = width - label_w - 15 * MM, 10 * MM
        pdf.set_line_width(0.5)
        pdf.rect(lx, ly, label_w, 7 * MM)
        pdf.set_xy(lx, ly)
        pdf.cell(label_w, 7 * MM, copy_label, align="C")
    return bytes(pdf.output())


def stamp_pdf(data: bytes, level: str, *, copy_number: int | None = None) -> bytes:
    """The PDF with the level stamp on its first page (and the copy number for a copy)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PdfReadError

    if level not in STAMP_WORDS:
        raise ValueError(f"unknown level {level!r}")
    anchor = find_number_line(data)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise StampError("the PDF is encrypted; stamp the unprotected original", "encrypted")
        writer = PdfWriter(clone_from=reader)
    except (PdfReadError, OSError, KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, StampError):
            raise
        raise StampError("the file is not a readable PDF") from exc
    first = writer.pages[0]
    if first.get("/Rotate"):
        first.transfer_rotation_to_content()
    box = first.mediabox
    width, height = float(box.width), float(box.height)
    if anchor is None:
        anchor = Anchor(DEFAULT_CENTRE_X_MM * MM, DEFAULT_NUMBER_BOTTOM_MM * MM, found=False)
    label = f"Bản sao số: {copy_number}" if copy_number else ""
    stamp = PdfReader(io.BytesIO(_overlay(width, height, level, anchor, label))).pages[0]
    first.merge_translated_page(stamp, float(box.left), float(box.bottom), over=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
