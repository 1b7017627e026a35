"""PDF: the text layer with positions (pdfium); pages without one are rendered and OCR'd,
the header strip of page one first."""

from __future__ import annotations

from typing import Any

from bmnn.scanner.engine.limits import DEFAULT, ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted

MIN_TEXT_CHARS = 20  # fewer characters than this on page one: treat it as a scan


def _open(data: bytes) -> Any:
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        message = str(exc).lower()
        if "password" in message:
            raise ExtractError("encrypted", "the PDF is password-protected") from exc
        raise ExtractError("malformed", "not a readable PDF") from exc


def text_blocks(page: Any, index: int, limits: Limits, start: int) -> list[Block]:
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return []
    textpage = page.get_textpage()
    try:
        blocks: list[Block] = []
        for rect in range(min(textpage.count_rects(), 20_000)):
            left, bottom, right, top = textpage.get_rect(rect)
            text = textpage.get_text_bounded(left, bottom, right, top).strip()
            if not text:
                continue
            box = (left / width, 1 - top / height, right / width, 1 - bottom / height)
            zone = HEADER if index == 0 and box[1] < limits.header_share else BODY
            blocks.append(
                Block(text=text, page=index + 1, zone=zone, order=start + len(blocks), box=box)
            )
        return blocks
    finally:
        textpage.close()


def extract_pdf(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    import pypdfium2 as pdfium

    pdf = _open(data)
    handed_over = False
    try:
        try:
            pages = len(pdf)
        except Exception as exc:
            raise ExtractError("malformed", "the PDF's page tree is damaged") from exc
        if pages == 0:
            raise ExtractError("malformed", "the PDF has no pages")
        result = Extracted(kind="pdf", pages=pages)
        scanned: list[int] = []
        for index in range(min(pages, limits.max_text_pages)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                result.notes.append(f"page {index + 1} is damaged")
                continue
            try:
                found = text_blocks(page, index, limits, len(result.blocks))
            finally:
                page.close()
            if sum(len(b.text) for b in found) < MIN_TEXT_CHARS:
                scanned.append(index)
            result.blocks.extend(found)
            if len(result.blocks) > limits.max_blocks:
                result.notes.append(f"text truncated after page {index + 1}")
                break
        if len(result.notes) >= min(pages, limits.max_text_pages):
            raise ExtractError("malformed", "no page of the PDF can be read")
        if pages > limits.max_text_pages:
            result.notes.append(
                f"only the first {limits.max_text_pages} of {pages} pages were read"
            )
        if scanned:
            result.kind = "scan" if len(scanned) == min(pages, limits.max_text_pages) else "pdf"
            _ocr_plan(pdf, scanned, result, limits)
            handed_over = True
        elif _header_images(pdf, limits):
            _ocr_header_images(pdf, result, limits)
            handed_over = True
        return result
    finally:
        if not handed_over:
            pdf.close()


def _render(pdf: Any, index: int, limits: Limits) -> Any:
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.images import prepare

    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise ExtractError("malformed", f"page {index + 1} cannot be rendered") from exc
    try:
        width, height = page.get_size()
        scale = limits.ocr_dpi / 72
        if width * height * scale * scale > limits.max_image_pixels:
            scale = (limits.max_image_pixels / (width * height)) ** 0.5
        return prepare(page.render(scale=scale).to_pil())
    finally:
        page.close()


def _ocr_plan(pdf: Any, scanned: list[int], result: Extracted, limits: Limits) -> None:
    """OCR the header strip of the first scanned page now; the rest when asked."""
    from bmnn.scanner.engine.extract.images import ocr_page

    first = scanned[0]
    image = _render(pdf, first, limits)
    if first == 0:
        result.blocks.extend(
            ocr_page(image, page=1, limits=limits, part="header", start_order=len(result.blocks))
        )
        result.ocr_pages += limits.header_share
        remaining: list[tuple[int, str]] = [(0, "rest")]
    else:
        remaining = [(first, "all")]
    remaining += [(i, "all") for i in scanned[1 : limits.max_ocr_pages]]

    def more() -> list[Block]:
        blocks: list[Block] = []
        try:
            for index, part in remaining:
                picture = image if index == first else _render(pdf, index, limits)
                blocks += ocr_page(picture, page=index + 1, limits=limits, part=part,
                                   start_order=len(result.blocks) + len(blocks))  # fmt: skip
                result.ocr_pages += (1 - limits.header_share) if part == "rest" else 1
        finally:
            pdf.close()
            result.cleanup = None
        if len(scanned) > limits.max_ocr_pages:
            result.notes.append(f"OCR stopped after {limits.max_ocr_pages} scanned pages")
        return blocks

    result.needs_more = more
    result.cleanup = pdf.close


def _header_images(pdf: Any, limits: Limits) -> bool:
    """Whether page one has a picture in its header strip (a stamp pasted as an image); a page
    one that cannot be loaded has none to read."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        page = pdf[0]
    except pdfium.PdfiumError:
        return False
    try:
        width, height = page.get_size()
        for image in page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE], max_depth=2):
            left, _bottom, right, top = image.get_bounds()
            if (right - left) > 0.04 * width and (1 - top / height) < limits.header_share:
                return True
        return False
    finally:
        page.close()


def _ocr_header_images(pdf: Any, result: Extracted, limits: Limits) -> None:
    """OCR of page one's header strip, only if its text did not already show a secret."""
    from bmnn.scanner.engine.extract.images import ocr_page

    result.unread_images = True

    def more() -> list[Block]:
        try:
            image = _render(pdf, 0, limits)
            blocks = ocr_page(
                image, page=1, limits=limits, part="header", start_order=len(result.blocks)
            )
            result.ocr_pages += limits.header_share
            return blocks
        finally:
            pdf.close()
            result.cleanup = None

    result.needs_more = more
    result.cleanup = pdf.close
