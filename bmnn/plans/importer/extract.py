"""Reading a plan file (DOCX, PDF text layer, plain text) into lines and tables, defensively.

The file may come from anywhere: its type is decided by its content, not its name; sizes,
archive members and pages are bounded before anything is expanded; every failure becomes an
`ImportFailed` with a stable code instead of a traceback.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from bmnn.core.text import nfc
from bmnn.plans.importer.parser import Table
from bmnn.plans.importer.pdf_layout import document_blocks, page_text
from bmnn.scanner.engine.extract.plain import decode
from bmnn.scanner.engine.limits import ExtractError, Limits, open_zip

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 2000
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 200
MAX_PDF_PAGES = 300

logger = logging.getLogger(__name__)


class ImportFailed(Exception):
    """A file that cannot be read as a plan. `code` is stable; `detail` says what was wrong."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


@dataclass
class Extracted:
    kind: str  # docx | pdf | text
    blocks: list[str | Table]
    wrapped: bool


def sniff(data: bytes) -> str:
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"  # legacy Word: not supported
    return "text"


def extract(data: bytes) -> Extracted:
    if not data:
        raise ImportFailed("empty", "the file is empty")
    if len(data) > MAX_FILE_BYTES:
        raise ImportFailed("too_large", f"{len(data)} bytes, limit {MAX_FILE_BYTES}")
    kind = sniff(data)
    if kind == "doc":
        raise ImportFailed("unsupported", "legacy .doc; save it as .docx or PDF")
    try:
        if kind == "pdf":
            return Extracted("pdf", _pdf(data), wrapped=True)
        if kind == "docx":
            return Extracted("docx", _docx(data), wrapped=False)
        text = _decode(data)
    except ImportFailed:
        raise
    except Exception as exc:  # any parser failure is a malformed file to the user
        raise ImportFailed("malformed", f"{kind}: {type(exc).__name__}") from exc
    lines = text.splitlines()
    return Extracted("text", _text_tables(lines), wrapped=_looks_wrapped(lines))


def _cells(line: str) -> list[str] | None:
    """'| 1 | Rà soát | Sở Tư pháp |' or tab-separated columns -> cells; None for prose."""
    stripped = line.strip()
    if stripped.count("|") >= 2:
        cells = [c.strip() for c in stripped.strip("|").split("|")]
    elif stripped.count("\t") >= 2:
        cells = [c.strip() for c in stripped.split("\t")]
    else:
        return None
    if all(set(c) <= set("-:= ") for c in cells):  # a |---|---| rule under a header
        return []
    return cells


def _text_tables(lines: list[str]) -> list[str | Table]:
    """Runs of table-shaped lines in a text file become tables, as in a DOCX appendix."""
    blocks: list[str | Table] = []
    rows: list[list[str]] = []
    for line in lines:
        cells = _cells(line)
        if cells is None:
            if rows:
                blocks.append(Table(rows))
                rows = []
            blocks.append(line)
        elif cells:
            rows.append(cells)
    if rows:
        blocks.append(Table(rows))
    return blocks


def _looks_wrapped(lines: list[str]) -> bool:
    """A text layer of a PDF breaks lines mid-sentence; a typed text file has one per paragraph."""
    lengths = [len(line.strip()) for line in lines if line.strip()]
    return bool(lengths) and max(lengths) <= 110 and len(lengths) >= 10


def _decode(data: bytes) -> str:
    """The scanner's decoder (BOMs, UTF-8, then what charset-normalizer recognises), after
    refusing binary files."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFailed("binary", "not a text, DOCX or PDF file")
    try:
        return decode(data)
    except ExtractError as exc:
        raise ImportFailed(exc.code, exc.detail) from exc


_ZIP_LIMITS = Limits(
    max_zip_members=MAX_ZIP_MEMBERS, max_unzipped_bytes=MAX_UNZIPPED_BYTES, max_ratio=MAX_RATIO
)


def _check_zip(data: bytes) -> zipfile.ZipFile:
    """The scanner's ZIP guard with the importer's tighter limits."""
    try:
        archive = open_zip(data, _ZIP_LIMITS, what="DOCX")
    except ExtractError as exc:
        raise ImportFailed(exc.code, exc.detail) from exc
    if "word/document.xml" not in archive.namelist():
        raise ImportFailed("unsupported", "a ZIP archive that is not a Word document")
    return archive


def _docx(data: bytes) -> list[str | Table]:
    _check_zip(data)
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    numbering = _Numbering(document)
    blocks: list[str | Table] = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(node.text or "" for node in child.iter(qn("w:t")))
            marker = numbering.marker(child)
            line = f"{marker} {text}".strip() if marker else text
            blocks.append(nfc(line))
        elif child.tag == qn("w:tbl"):
            blocks.append(Table(_docx_rows(child, document)))
    return blocks


def _docx_rows(table: Any, document: Any) -> list[list[str]]:
    """A Word table's rows on its grid, merged cells as the PDF reader gives them: a cell
    merged down (vMerge) repeats its text in each row, a cell merged across (gridSpan) keeps
    it in its first column and leaves the others empty."""
    from docx.oxml.ns import qn
    from docx.table import Table as WordTable

    def text(tc: Any) -> str:
        paragraphs = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
        return nfc(" ".join(p for p in paragraphs if p.strip()))

    try:
        grid = WordTable(table, document)
        rows = []
        for row in grid.rows:
            cells = row.cells
            rows.append(
                [
                    text(cell._tc) if i == 0 or cells[i - 1]._tc is not cell._tc else ""
                    for i, cell in enumerate(cells)
                ]
            )
        return rows
    except (IndexError, ValueError, AttributeError):  # a grid Word itself would repair
        return [[text(tc) for tc in tr.iterchildren(qn("w:tc"))] for tr in table.iter(qn("w:tr"))]


class _Numbering:
    """Renders Word's automatic numbering ("1.", "a)", "-") as the text a reader sees."""

    def __init__(self, document: object) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.formats: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        # numbering inherited from a paragraph style ("List Number", "Heading 1", …)
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            for style in document.styles.element.iter(qn("w:style")):  # type: ignore[attr-defined]
                num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
                num_id = num_pr.find(qn("w:numId")) if num_pr is not None else None
                if num_id is not None:
                    ilvl = num_pr.find(qn("w:ilvl"))
                    level = int(ilvl.get(qn("w:val"))) if ilvl is not None else 0
                    self.style_numbering[style.get(qn("w:styleId"))] = (
                        num_id.get(qn("w:val")),
                        level,
                    )
        except (AttributeError, KeyError, NotImplementedError):
            pass
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (AttributeError, KeyError, NotImplementedError):
            return
        abstract = {}
        for node in root.iter(qn("w:abstractNum")):
            levels = {}
            for level in node.iter(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                text = level.find(qn("w:lvlText"))
                levels[int(level.get(qn("w:ilvl")))] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    text.get(qn("w:val")) if text is not None else "%1.",
                )
            abstract[node.get(qn("w:abstractNumId"))] = levels
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is None:
                continue
            for ilvl, spec in abstract.get(ref.get(qn("w:val")), {}).items():
                self.formats[(num.get(qn("w:numId")), ilvl)] = spec

    def marker(self, paragraph: object) -> str:
        qn = self.qn
        props = paragraph.find(qn("w:pPr"))  # type: ignore[attr-defined]
        num_pr = props.find(qn("w:numPr")) if props is not None else None
        num_id_node = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_id_node is not None:
            num_id = num_id_node.get(qn("w:val"))
            ilvl_node = num_pr.find(qn("w:ilvl"))  # type: ignore[union-attr]
            ilvl = int(ilvl_node.get(qn("w:val"))) if ilvl_node is not None else 0
        else:
            style = props.find(qn("w:pStyle")) if props is not None else None
            inherited = (
                self.style_numbering.get(style.get(qn("w:val"))) if style is not None else None
            )
            if inherited is None:
                return ""
            num_id, ilvl = inherited
        if num_id == "0":  # numbering explicitly switched off
            return ""
        fmt, text = self.formats.get((num_id, ilvl), ("decimal", "%1."))
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        if fmt == "bullet":
            return "-"

        def render(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            return _format_number(counters[level], self.formats.get((num_id, level), (fmt, ""))[0])

        return re.sub(r"%(\d)", render, text)


def _format_number(value: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = "abcdefghijklmnopqrstuvwxyz"
        letter = letters[(value - 1) % 26]
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"upperRoman", "lowerRoman"}:
        numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        out, rest = "", value
        for amount, symbol in numerals:
            while rest >= amount:
                out, rest = out + symbol, rest - amount
        return out if fmt == "upperRoman" else out.lower()
    return str(value)


def _pdf(data: bytes) -> list[str | Table]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ImportFailed("malformed", "damaged or encrypted PDF") from exc
    try:
        if len(pdf) > MAX_PDF_PAGES:
            raise ImportFailed("too_large", f"{len(pdf)} pages, limit {MAX_PDF_PAGES}")
        try:
            lines = document_blocks(pdf)
        except Exception:  # the layout is a bonus: a PDF it cannot follow still reads as text
            logger.warning("PDF layout analysis failed; reading the text layer only", exc_info=True)
            lines = _pdf_lines(pdf)
        if not any(isinstance(line, Table) or line.strip() for line in lines):
            raise ImportFailed(
                "no_text", "the PDF has no text layer (a scan): OCR is not done here"
            )
        return lines
    finally:
        pdf.close()


def _pdf_lines(pdf: Any) -> list[str | Table]:
    """The text layer page by page, as pdfium orders it."""
    lines: list[str | Table] = []
    for index in range(len(pdf)):
        text = page_text(pdf[index].get_textpage())
        lines.extend(nfc(line) for line in text.replace("\r\n", "\n").split("\n"))
    return lines
