"""Administrative documents (văn bản hành chính) as DOCX, and spreadsheets as XLSX.

The layout follows the usual shape of Vietnamese administrative documents: the issuing body
and the national motto side by side at the top, the number and symbol under the issuer, place
and date under the motto, the document type and summary centred, the body, then recipients on
the left and the signature block on the right. Times New Roman, 13–14 pt.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


@dataclass
class AdminDocument:
    issuer_parent: str  # e.g. "UBND TỈNH BẮC LÂM"
    issuer: str  # e.g. "CÔNG AN TỈNH"
    number: str  # e.g. "   /BC-CAT"
    place: str
    day: date
    kind: str  # e.g. "BÁO CÁO"
    summary: str
    recipients: list[str] = field(default_factory=list)
    signer_title: str = ""
    signer_name: str = ""


def _font(run: Any, size: float = 13, bold: bool = False, italic: bool = False) -> None:
    from docx.shared import Pt

    run.font.name = "Times New Roman"
    run.font.size = Pt(size)
    run.bold, run.italic = bold, italic


def _para(
    cell_or_doc: Any,
    text: str,
    *,
    size: float = 13,
    bold: bool = False,
    italic: bool = False,
    align: str = "center",
) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph = cell_or_doc.add_paragraph()
    paragraph.alignment = {
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    _font(paragraph.add_run(_CONTROL.sub("", text)), size, bold, italic)
    return paragraph


def build_docx(
    doc: AdminDocument,
    body: Sequence[tuple[str, Any]],
) -> bytes:
    """body: ("heading", text) | ("text", text) | ("table", (header, rows))."""
    import docx
    from docx.shared import Cm

    document = docx.Document()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    top = document.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run(doc.issuer_parent), 13)
    left.paragraphs[0].alignment = 1
    _para(left, doc.issuer, bold=True)
    _para(left, f"Số: {doc.number}")
    right.paragraphs[0].alignment = 1
    _font(right.paragraphs[0].add_run(NATION), 12, bold=True)
    _para(right, MOTTO, size=13, bold=True)
    _para(
        right,
        f"{doc.place}, ngày {doc.day.day:02d} tháng {doc.day.month:02d} năm {doc.day.year}",
        italic=True,
    )
    _para(document, "")
    _para(document, doc.kind, size=14, bold=True)
    _para(document, doc.summary, size=14, bold=True)
    for kind, content in body:
        if kind == "heading":
            _para(document, content, bold=True, align="left")
        elif kind == "text":
            _para(document, content, align="justify")
        elif kind == "table":
            header, rows = content
            _add_table(document, header, rows, size=12)
        elif kind == "small_table":  # wide annex tables: 9 pt
            header, rows = content
            _add_table(document, header, rows, size=9)
        elif kind == "image":
            from docx.shared import Cm

            document.add_picture(io.BytesIO(content), width=Cm(16))
    bottom = document.add_table(rows=1, cols=2)
    left, right = bottom.rows[0].cells
    left.paragraphs[0].text = ""
    _font(left.paragraphs[0].add_run("Nơi nhận:"), 12, bold=True, italic=True)
    for recipient in doc.recipients:
        _para(left, f"- {recipient};", size=11, align="left")
    right.paragraphs[0].alignment = 1
    _font(right.paragraphs[0].add_run(doc.signer_title), 13, bold=True)
    for _ in range(3):
        _para(right, "")
    _para(right, doc.signer_name, bold=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _add_table(
    document: Any, header: Sequence[Any], rows: Iterable[Sequence[Any]], *, size: float
) -> None:
    """A bordered table written as WordprocessingML in one piece: python-docx's cell-by-cell
    API takes seconds for a table of thousands of rows, this takes milliseconds."""
    from xml.sax.saxutils import escape  # nosec B406 # escapes text for XML we write; nothing is parsed

    from docx.oxml import parse_xml

    half_points = int(size * 2)

    def cell(value: Any, bold: bool) -> str:
        text = escape(_CONTROL.sub("", str(value))).replace(
            "\n", '</w:t><w:br/><w:t xml:space="preserve">'
        )
        return (
            f'<w:tc><w:p><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            f'w:cs="Times New Roman"/>{"<w:b/>" if bold else ""}<w:sz w:val="{half_points}"/></w:rPr>'
            f'<w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:tc>'
        )

    border = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {_W_NS}><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{border}</w:tblBorders>'
        f"</w:tblPr><w:tblGrid>{'<w:gridCol/>' * len(header)}</w:tblGrid>",
        "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        + "".join(cell(h, True) for h in header)
        + "</w:tr>",
    ]
    for row in rows:
        parts.append("<w:tr>" + "".join(cell(v, False) for v in row) + "</w:tr>")
    parts.append("</w:tbl>")
    body = document.element.body
    body.insert(len(body) - 1, parse_xml("".join(parts)))  # before the final section properties


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")  # not allowed in XML
_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def build_xlsx(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """One sheet per (title, header, rows); header bold and frozen, columns sized to content."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, header, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) for h in header]
        for row in rows:
            values = [spreadsheet_text(v) for v in row]
            sheet.append(values)
            widths = [max(w, min(60, len(str(v)))) for w, v in zip(widths, values, strict=True)]
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width + 2
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# What a spreadsheet program takes as the start of a formula (or, for tab and carriage return,
# skips before looking for one): OWASP's list for CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is written as text (a leading
    apostrophe), and control characters, which a worksheet cannot hold, are dropped. Every
    XLSX and CSV export passes its cells through this one rule."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
