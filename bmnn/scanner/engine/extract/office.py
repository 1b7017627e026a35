"""Word, Excel and PowerPoint files (Office Open XML): text in reading order with what the
format says about where it sits — page headers, the first paragraphs and the first table (the
administrative header block), text boxes, the top rows of the first sheet, the top of slide one.
"""

from __future__ import annotations

import io
from typing import Any

from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, Limits, open_zip
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted
from bmnn.scanner.engine.normalise import nfc

HEADER_PARAGRAPHS = 15  # non-empty paragraphs (or header-table cells) that form the header block
HEADER_ROWS = 8


def _is_bold(paragraph: Any, qn: Any) -> bool:
    runs = [
        r
        for r in paragraph.iter(qn("w:r"))
        if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()
    ]
    return bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)


def _own_text(paragraph: Any, qn: Any) -> str:
    """The paragraph's text without that of text boxes anchored in it (read separately)."""
    box = qn("w:txbxContent")
    parts = []
    for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
        parent = node.getparent()
        inside = False
        while parent is not None and parent is not paragraph:
            if parent.tag == box:
                inside = True
                break
            parent = parent.getparent()
        if inside:
            continue
        parts.append(node.text or "" if node.tag == qn("w:t") else " ")
    return nfc("".join(parts)).strip()


def extract_docx(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    archive = open_zip(data, limits, what="Word document", budget=budget)
    if "word/document.xml" not in archive.namelist():
        raise ExtractError("unsupported", "a ZIP archive that is not a Word document")
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ExtractError("malformed", "damaged Word document") from exc
    result = Extracted(kind="docx")
    seen_headers: set[int] = set()
    for section in document.sections:
        for part in (section.first_page_header, section.header):
            try:
                element = part._element
            except Exception:  # noqa: S112 (a missing header part)  # nosec B112 # a missing header part is skipped
                continue
            if id(element) in seen_headers:
                continue
            seen_headers.add(id(element))
            for paragraph in element.iter(qn("w:p")):
                text = _own_text(paragraph, qn)
                if text:
                    result.blocks.append(Block(text=text, zone=HEADER, order=len(result.blocks), origin="page-header",
                                               bold=_is_bold(paragraph, qn)))  # fmt: skip
    body = document.element.body
    table_tag, box_tag = qn("w:tbl"), qn("w:txbxContent")
    counted = 0
    first_table: Any = None
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    header_pictures: list[Any] = []
    for paragraph in body.iter(qn("w:p")):
        text = _own_text(paragraph, qn)
        if not text:
            if counted < HEADER_PARAGRAPHS:
                header_pictures.extend(paragraph.iter(blip))
            continue
        origin, parent = "text", paragraph.getparent()
        table = None
        while parent is not None and parent is not body:
            if parent.tag == box_tag:
                origin = "textbox"
            elif parent.tag == table_tag:
                table = parent
            parent = parent.getparent()
        if table is not None and origin == "text":
            origin = "table"
            if first_table is None:
                first_table = table
        in_header = counted < HEADER_PARAGRAPHS or (
            table is not None and table is first_table and counted < 40
        )
        if in_header:
            header_pictures.extend(paragraph.iter(blip))
        result.blocks.append(Block(text=text, zone=HEADER if in_header else BODY, order=len(result.blocks),
                                   origin=origin, bold=_is_bold(paragraph, qn)))  # fmt: skip
        counted += 1
        if len(result.blocks) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    _plan_picture_ocr(document, header_pictures, result, limits)
    return result


def _plan_picture_ocr(
    document: Any, pictures: list[Any], result: Extracted, limits: Limits
) -> None:
    """Pictures in the header paragraphs (a stamp pasted as an image) are OCR'd only when the
    text does not already show a secret."""
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
    blobs = []
    for picture in pictures[:3]:
        part = document.part.related_parts.get(picture.get(embed, ""))
        blob = getattr(part, "blob", None)
        if isinstance(blob, bytes) and 2_000 < len(blob) < 20_000_000:
            blobs.append(blob)
    if not blobs:
        return

    def more() -> list[Block]:
        from dataclasses import replace

        from bmnn.scanner.engine.extract.images import ocr_page, open_image, prepare

        found: list[Block] = []
        for blob in blobs:
            try:
                image = prepare(open_image(blob, limits))
            except ExtractError:
                continue
            start = len(result.blocks) + len(found)
            for block in ocr_page(image, page=1, limits=limits, part="all", start_order=start):
                found.append(replace(block, zone=HEADER, box=None))
            result.ocr_pages += 1
        return found

    result.unread_images = True
    result.needs_more = more


def extract_xlsx(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    archive = open_zip(data, limits, what="workbook", budget=budget)
    if not any(name.startswith("xl/") for name in archive.namelist()):
        raise ExtractError("unsupported", "a ZIP archive that is not a workbook")
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ExtractError("malformed", "damaged workbook") from exc
    result = Extracted(kind="xlsx", pages=len(book.worksheets))
    try:
        for number, sheet in enumerate(book.worksheets, start=1):
            for part in ("oddHeader", "firstHeader"):
                header = getattr(sheet, part, None)
                for piece in (
                    getattr(header, "left", None),
                    getattr(header, "center", None),
                    getattr(header, "right", None),
                ):
                    text = getattr(piece, "text", None)
                    if text and text.strip():
                        result.blocks.append(Block(text=nfc(text).strip(), page=number, zone=HEADER,
                                                   order=len(result.blocks), origin="page-header"))  # fmt: skip
            for row_number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
                for value in row:
                    if value is None or not str(value).strip():
                        continue
                    zone = HEADER if number == 1 and row_number <= HEADER_ROWS else BODY
                    result.blocks.append(Block(text=nfc(str(value)).strip(), page=number, zone=zone,
                                               order=len(result.blocks), origin="cell"))  # fmt: skip
                if len(result.blocks) > limits.max_blocks:
                    result.notes.append("cells truncated")
                    return result
    finally:
        book.close()
    return result


def extract_pptx(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    archive = open_zip(data, limits, what="presentation", budget=budget)
    if "ppt/presentation.xml" not in archive.namelist():
        raise ExtractError("unsupported", "a ZIP archive that is not a presentation")
    from pptx import Presentation

    try:
        deck = Presentation(io.BytesIO(data))
    except Exception as exc:
        raise ExtractError("malformed", "damaged presentation") from exc
    width, height = deck.slide_width or 1, deck.slide_height or 1
    result = Extracted(kind="pptx", pages=len(deck.slides))

    def shapes(group: Any) -> Any:
        for shape in group:
            if shape.shape_type == 6:  # a group: its children
                yield from shapes(shape.shapes)
            else:
                yield shape

    for number, slide in enumerate(deck.slides, start=1):
        for shape in shapes(slide.shapes):
            top = (shape.top or 0) / height
            box = ((shape.left or 0) / width, top, ((shape.left or 0) + (shape.width or 0)) / width,
                   top + (shape.height or 0) / height)  # fmt: skip
            texts: list[str] = []
            if getattr(shape, "has_text_frame", False):
                texts = [p.text for p in shape.text_frame.paragraphs]
            elif getattr(shape, "has_table", False):
                texts = [cell.text for row in shape.table.rows for cell in row.cells]
            for text in texts:
                if text.strip():
                    zone = HEADER if number == 1 and top < 0.4 else BODY
                    result.blocks.append(Block(text=nfc(text).strip(), page=number, zone=zone,
                                               order=len(result.blocks), box=box, origin="slide"))  # fmt: skip
        if len(result.blocks) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    return result
