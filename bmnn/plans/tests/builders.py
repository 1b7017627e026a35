"""Builds DOCX and PDF plan files for the importer tests (in memory, no fixtures on disk)."""

from __future__ import annotations

import io
from pathlib import Path

FONT = Path(__file__).resolve().parents[2] / "core" / "fonts" / "DejaVuSans.ttf"


def docx_bytes(paragraphs: list[tuple[str, str]], table: list[list[str]] | None = None) -> bytes:
    """paragraphs: (style, text); style '' for Normal, or 'List Number' etc."""
    import docx

    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style or None)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def pdf_bytes(text: str, width: int = 95) -> bytes:
    """A PDF whose text layer wraps lines like a typeset plan does."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT))
    pdf.set_font("DejaVu", size=10)
    for paragraph in text.split("\n"):
        pdf.multi_cell(w=0, h=5, text=paragraph or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
