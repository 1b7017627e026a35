"""PDF: the text layer with positions (pdfium); pages without one are rendered and OCR'd,
the header strip of the first scanned page first, then those of the later scanned pages, then
the rest; pictures in page one's header of a typed PDF (a pasted stamp) are read when its text
shows no secret."""

from __future__ import annotations

import ctypes
import re
from typing import Any

from bmnn.scanner.engine.limits import DEFAULT, ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted, annex_pages, is_red_rgb
from bmnn.scanner.engine.normalise import fold

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
        rects = [textpage.get_rect(rect) for rect in range(min(textpage.count_rects(), 20_000))]
        crowded = 0
        for number, (left, bottom, right, top) in enumerate(rects):
            text = textpage.get_text_bounded(left, bottom, right, top).strip()
            if "\n" in text and crowded < MAX_CROWDED and LEVEL_WORD.search(fold(text)):
                # another line's letters reach into the box (a stamp laid over the text, an
                # accent from the line below): where it bears on a level word, the box's own
                # letters are its text (sought only there: it costs pdfium a pass per halving)
                crowded += 1
                text = _own_text(textpage, number, text).strip() or text
            if not text:
                continue
            box = (left / width, 1 - top / height, right / width, 1 - bottom / height)
            zone = HEADER if index == 0 and box[1] < limits.header_share else BODY
            red, bold = _ink(textpage, left, bottom, top) if len(text) <= SHORT else (False, False)
            blocks.append(
                Block(
                    text=text,
                    page=index + 1,
                    zone=zone,
                    order=start + len(blocks),
                    box=box,
                    red=red,
                    bold=bold,
                )
            )
        return blocks
    finally:
        textpage.close()


SHORT = 40  # a line this short may be a stamp: its ink is looked at
MAX_CROWDED = 50  # boxes of a page whose own letters are sought
# each search costs pdfium ~2 × log2(characters) passes over the page's text: not on a page
# with more characters than this (a dense page; its stamp, if any, is read as it was)
MAX_CROWDED_CHARS = 20_000
LEVEL_WORD = re.compile(r"\bmat\b")  # folded


def _own_text(textpage: Any, number: int, bounded: str) -> str:
    """The text of the page's `number`-th box alone: the characters pdfium put in it, found
    by halving (pdfium counts the boxes of the page's first n characters; it does not say
    which characters a box holds), where the text within the box's bounds (`bounded`) takes in
    any other line's letters that reach into it. `bounded` where pdfium cannot say."""
    import pypdfium2 as pdfium

    def first_of(box: int) -> int:
        low, high = 1, chars + 1
        while low < high:
            middle = (low + high) // 2
            if textpage.count_rects(0, middle) > box:
                high = middle
            else:
                low = middle + 1
        return low - 1  # the character that opens box `box` (`chars` when there is none)

    chars = textpage.count_chars()
    if chars > MAX_CROWDED_CHARS:
        return bounded
    try:
        start = first_of(number)
        return str(textpage.get_text_range(start, max(0, first_of(number + 1) - start)))
    except (pdfium.PdfiumError, ctypes.ArgumentError, RecursionError, ValueError):
        # pypdfium2 trims characters without text from a range's ends one recursive call at
        # a time; whatever pdfium cannot say of a crafted text layer, the bounded text stands
        return bounded


BOLD_WEIGHT = 700


def _ink(textpage: Any, left: float, bottom: float, top: float) -> tuple[bool, bool]:
    """Whether a short line's first character is filled red, and whether its font is bold —
    what a stamp typed into the document (or exported from a slide) keeps in the PDF."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        char = textpage.get_index(left + 0.5, (bottom + top) / 2, 2, max(2.0, (top - bottom) / 2))
    except pdfium.PdfiumError:  # pdfium could not say which character is there: no ink known
        return False, False
    if char is None:
        return False, False
    rgba = [ctypes.c_uint() for _ in range(4)]
    filled = raw.FPDFText_GetFillColor(textpage.raw, char, *(ctypes.byref(c) for c in rgba))
    r, g, b = (c.value for c in rgba[:3])
    red = bool(filled) and is_red_rgb(r, g, b)
    return red, raw.FPDFText_GetFontWeight(textpage.raw, char) >= BOLD_WEIGHT


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
                found = _struck_through(page, text_blocks(page, index, limits, len(result.blocks)))
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
        else:
            pictured = {
                index: boxes
                for index in [0, *(page - 1 for page in annex_pages(result.blocks))]
                if (boxes := _pictures(pdf, limits, index))
            }
            if pictured:
                _ocr_header_pictures(pdf, pictured, result, limits)
                handed_over = True
        return result
    finally:
        if not handed_over:
            pdf.close()


STRIKE_THIN = 0.45  # of a level's line height: a line drawn through it is no thicker
STRIKE_ACROSS = 0.7  # of the level's width: how much of it the line runs over
STRIKE_MIDDLE = (0.25, 0.75)  # of the level's height: where the line's middle lies


def _struck_through(page: Any, blocks: list[Block]) -> list[Block]:
    """The page's text blocks with a level crossed out by a drawn line marked `struck`: an old
    level voided by a stroke drawn over it (TT24 Form 06's change of level), not by the font's
    strike-through, which the text layer does not carry. The page's drawings are looked at
    only when it has a short line that reads as a level."""
    from dataclasses import replace

    import pypdfium2.raw as pdfium_raw

    from bmnn.scanner.engine.detect import stamp_level

    levels = [
        i
        for i, block in enumerate(blocks)
        if block.box is not None and len(block.text) <= 40 and stamp_level(block.text)
    ]
    if not levels:
        return blocks
    width, height = page.get_size()
    if width <= 0 or height <= 0:
        return blocks
    turn = page.get_rotation() % 360
    lines = []
    for count, thing in enumerate(page.get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_PATH])):
        if count > MAX_PATHS:
            break
        left, bottom, right, top = thing.get_bounds()
        lines.append(
            _upright_box((left / width, 1 - top / height, right / width, 1 - bottom / height), turn)
        )
    for i in levels:
        x0, y0, x1, y1 = blocks[i].box  # type: ignore[misc]
        high = y1 - y0
        for left, top, right, bottom in lines:
            middle = (top + bottom) / 2
            if (
                bottom - top <= STRIKE_THIN * high
                and min(right, x1) - max(left, x0) >= STRIKE_ACROSS * (x1 - x0)
                and y0 + STRIKE_MIDDLE[0] * high <= middle <= y0 + STRIKE_MIDDLE[1] * high
            ):
                blocks[i] = replace(blocks[i], struck=True)
                break
    return blocks


def _loader(pdf: Any, index: int, limits: Limits, *, enlarge: bool = True) -> Any:
    """`load(dpi, share)` for a `PageImage`: the top `share` of page `index` (all of it by
    default) rendered at that resolution (fewer pixels when `max_image_pixels` says so), in
    RGB; the header strip alone costs a third of the page's rendering. Not to `enlarge`, a
    small rendering stays small (`prepare` would give it 1,600 pixels across)."""
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.images import prepare

    def load(dpi: int, share: float = 1.0) -> Any:
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            raise ExtractError("malformed", f"page {index + 1} cannot be rendered") from exc
        try:
            width, height = page.get_size()
            scale = dpi / 72
            if width * height * scale * scale > limits.max_image_pixels:
                scale = (limits.max_image_pixels / (width * height)) ** 0.5
            if page.get_rotation() % 180:
                width, height = height, width  # the crop is of the page as displayed
            crop = (0.0, height * (1 - share), 0.0, 0.0) if share < 1 else (0.0, 0.0, 0.0, 0.0)
            picture = page.render(scale=scale, crop=crop).to_pil()
            return prepare(picture, exif=False) if enlarge else picture.convert("RGB")
        finally:
            page.close()

    return load


def _ocr_plan(pdf: Any, scanned: list[int], result: Extracted, limits: Limits) -> None:
    """The header strip of the first scanned page now; then, when asked, the header strips of
    the later scanned pages, up to `max_header_pages` (a public covering letter can come before
    a stamped annex, so they are read even when page one's header was clean:
    `unread_images`); then the rest of the first `max_ocr_pages`."""
    from bmnn.scanner.engine.detect import stamp_level
    from bmnn.scanner.engine.extract.images import PageImage

    headed = scanned[: max(limits.max_ocr_pages, limits.max_header_pages)]
    reading = scanned[: limits.max_ocr_pages]
    if len(scanned) > len(headed):
        result.notes.append(f"OCR stopped after {len(headed)} scanned pages")
    if len(headed) > len(reading):
        result.notes.append(
            f"below the header strip, OCR stopped after {limits.max_ocr_pages} scanned pages"
        )
    pages = {i: PageImage(_loader(pdf, i, limits), page=i + 1, limits=limits) for i in headed}
    first: list[int] = []

    def first_envelope(start: int) -> list[Block]:
        return pages[first.pop()].envelope(start_order=start) if first else []

    done = result.ocr_pages  # OCR spent before, if any

    def spent() -> float:
        return done + sum(page.spent for page in pages.values())

    header = pages[headed[0]].header(start_order=len(result.blocks))
    result.blocks.extend(header)
    # page one's envelope mark: looked for now, unless its header holds a level stamp — then
    # with what is read next, which a stamp that decided the verdict spares (the search is a
    # fifth of a page's header-first cost)
    first.append(headed[0])
    if not any(stamp_level(block.text) for block in header if len(block.text) <= 40):
        result.blocks.extend(first_envelope(len(result.blocks)))
    else:
        pages[headed[0]].look_below(_loader(pdf, headed[0], limits, enlarge=False))
    pages[headed[0]].release()  # what is read next is rendered at `ocr_dpi`
    result.ocr_pages = spent()

    def rests() -> list[Block]:
        blocks: list[Block] = []
        try:
            blocks += first_envelope(len(result.blocks))
            for index in reading:
                blocks += pages[index].rest(start_order=len(result.blocks) + len(blocks))
                pages[index].release()
                result.ocr_pages = spent()
        finally:
            pdf.close()
            result.cleanup = None
        return blocks

    def headers() -> list[Block]:
        blocks = first_envelope(len(result.blocks))
        for index in headed[1:]:
            blocks += pages[index].header(start_order=len(result.blocks) + len(blocks))
            blocks += pages[index].envelope(start_order=len(result.blocks) + len(blocks))
            pages[index].release()
            result.ocr_pages = spent()
        result.needs_more = rests
        # page one's envelope search may have run only now, and found a mark below its strip
        result.unread_images = any(pages[index].mark_below for index in reading)
        result.marks_below = result.unread_images
        return blocks

    result.unread_images = (
        len(headed) > 1 or pages[headed[0]].cut_mark or pages[headed[0]].mark_below
    )
    result.marks_below = pages[headed[0]].mark_below
    result.needs_more = headers if len(headed) > 1 else rests
    result.cleanup = pdf.close


def _pictures(pdf: Any, limits: Limits, index: int = 0) -> list[tuple[float, float, float, float]]:
    """Pictures in the header strip of page `index` (page one, or an annex's first page): a
    stamp pasted as an image, a scanned page under an invisible text layer; as boxes in
    fractions of the page from its top-left corner. Pictures inside Form XObjects are placed by
    their forms' matrices. A page that cannot be loaded has none."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_raw

    try:
        page = pdf[index]
    except pdfium.PdfiumError:
        return []
    try:
        width, height = page.get_size()
        if width <= 0 or height <= 0:
            return []
        turn = page.get_rotation() % 360
        forms: list[Any] = []  # the matrices of the forms around the current object
        boxes, drawn = [], []
        compound = set()  # drawn boxes of one path with a word's outlines in it
        kinds = [
            pdfium_raw.FPDF_PAGEOBJ_IMAGE,
            pdfium_raw.FPDF_PAGEOBJ_FORM,
            pdfium_raw.FPDF_PAGEOBJ_PATH,
        ]
        # pictures and forms as before (at most 2000 looked at); paths on their own count, so
        # a page-one table's thousands of border lines neither stop the search for a picture
        # nor cost without end
        pictures = paths = 0
        for found, thing in enumerate(page.get_objects(filter=kinds, max_depth=4)):
            path = thing.type == pdfium_raw.FPDF_PAGEOBJ_PATH
            paths += path
            pictures += not path
            if pictures > 2000 or found > MAX_PAGE_OBJECTS:
                break
            del forms[thing.level :]
            if thing.type == pdfium_raw.FPDF_PAGEOBJ_FORM:
                forms.append(thing.get_matrix())
                continue
            if path and (paths > MAX_PATHS or not _in_stamp_ink(thing)):
                continue
            left, bottom, right, top = thing.get_bounds()
            for matrix in reversed(forms):
                left, bottom, right, top = matrix.on_rect(left, bottom, right, top)
            box = _upright_box(
                (left / width, 1 - top / height, right / width, 1 - bottom / height), turn
            )
            if box[1] >= limits.header_share:
                continue
            if path:
                drawn.append(box)
                wide = (box[2] - box[0]) * width >= WORD_SHAPE * (box[3] - box[1]) * height
                if wide and pdfium_raw.FPDFPath_CountSegments(thing.raw) >= WORD_SEGMENTS:
                    compound.add(box)
            elif (box[2] - box[0]) > 0.03 and (box[3] - box[1]) > 0.01:
                boxes.append(tuple(max(0.0, min(1.0, v)) for v in box))
        # a stamp's size only: a red band or bar across a letterhead is not a stamp, and read
        # as one it would send the whole header strip to OCR
        heights = sorted(box[3] - box[1] for box in drawn)
        gap = max(0.012, heights[len(heights) // 2]) if heights else 0.012
        boxes += [
            tuple(max(0.0, min(1.0, v)) for v in box)
            for box, count in _clusters(drawn, gap)
            if (count >= 2 or box in compound)
            and 0.03 < (box[2] - box[0]) <= MAX_STAMP_WIDTH
            and 0.01 < (box[3] - box[1]) <= MAX_STAMP_HEIGHT
        ]
        return boxes[:20]  # type: ignore[return-value]
    finally:
        page.close()


MAX_PAGE_OBJECTS = 50_000  # page objects looked through for header pictures and drawn stamps
MAX_PATHS = 5_000  # red paths looked at, of those
# a drawn stamp is two paths or more (its letters, its frame), or one path drawing a word: a
# design program's "text to outlines" may join all its letters in one compound path, while a
# red rule or frame alone has a handful of segments (a letter's outline has a dozen or more)
WORD_SEGMENTS = 40
# and lies like a word: a round emblem or a square logo drawn as one path has as many
# segments (a circle is 13) but is as tall as it is wide
WORD_SHAPE = 1.8
# a drawn stamp's greatest size, of the page: a Tuyệt mật stamp is about 60 × 15 mm on A4
MAX_STAMP_WIDTH, MAX_STAMP_HEIGHT = 0.4, 0.1


def _in_stamp_ink(path: Any) -> bool:
    """Whether a vector path is painted in a stamp's ink (`is_red_rgb`) where it is painted
    (filled, stroked): a stamp drawn as the outlines of its letters and its frame has no text
    for the text layer to give."""
    import pypdfium2.raw as pdfium_raw

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_raw.FPDFPath_GetDrawMode(path.raw, fill, stroke):
        return False
    for painted, get in (
        (fill.value != 0, pdfium_raw.FPDFPageObj_GetFillColor),
        (bool(stroke.value), pdfium_raw.FPDFPageObj_GetStrokeColor),
    ):
        r, g, b, a = (ctypes.c_uint() for _ in range(4))
        if (
            painted
            and get(path.raw, r, g, b, a)
            and a.value > 0
            and is_red_rgb(r.value, g.value, b.value)
        ):
            return True
    return False


def _clusters(
    boxes: list[tuple[float, float, float, float]], gap: float = 0.012
) -> list[tuple[tuple[float, float, float, float], int]]:
    """Boxes that touch or stand within `gap` of one another (a page's fraction), joined: each
    group's outer box and how many boxes it holds."""
    groups: list[tuple[list[float], int]] = []
    for x0, y0, x1, y1 in sorted(boxes):
        for group in groups:
            outer = group[0]
            if (
                x0 <= outer[2] + gap
                and outer[0] <= x1 + gap
                and y0 <= outer[3] + gap
                and outer[1] <= y1 + gap
            ):
                outer[:] = [
                    min(outer[0], x0),
                    min(outer[1], y0),
                    max(outer[2], x1),
                    max(outer[3], y1),
                ]
                groups[groups.index(group)] = (outer, group[1] + 1)
                break
        else:
            groups.append(([x0, y0, x1, y1], 1))
    return [((g[0], g[1], g[2], g[3]), count) for g, count in groups]


def _upright_box(
    box: tuple[float, float, float, float], turn: int
) -> tuple[float, float, float, float]:
    """A box on the unrotated page (fractions, top-left origin) as it is on the page shown
    turned clockwise by `turn` (its /Rotate)."""
    x0, y0, x1, y1 = box
    if turn == 90:
        return (1 - y1, x0, 1 - y0, x1)
    if turn == 180:
        return (1 - x1, 1 - y1, 1 - x0, 1 - y0)
    if turn == 270:
        return (y0, 1 - x1, y1, 1 - x0)
    return box


MARGIN = 0.006  # of the page, around a picture's box: its frame's antialiasing, a tilt


def _ocr_header_pictures(
    pdf: Any,
    pictured: dict[int, list[tuple[float, float, float, float]]],
    result: Extracted,
    limits: Limits,
) -> None:
    """OCR of the pictures in the header of page one and of the annexes' first pages, only if
    the text did not already show a secret: small ones (a stamp) cut out and read on their own,
    red ink through the red mask, all of a page in one Tesseract process; a large one (a scanned
    page under a text layer) as the header strip of a scan."""
    result.unread_images = True

    def more() -> list[Block]:
        try:
            blocks: list[Block] = []
            for index, boxes in pictured.items():
                image = _loader(pdf, index, limits)(limits.header_dpi)
                blocks += _read_pictures(image, boxes, result, limits, page=index + 1)
                result.ocr_pages += limits.header_share
            return blocks
        finally:
            pdf.close()
            result.cleanup = None

    result.needs_more = more
    result.cleanup = pdf.close


def _read_pictures(
    image: Any,
    boxes: list[tuple[float, float, float, float]],
    result: Extracted,
    limits: Limits,
    page: int = 1,
) -> list[Block]:
    from bmnn.scanner.engine.detect import is_stamp_line
    from bmnn.scanner.engine.extract.images import (
        Mark,
        PageImage,
        mark_blocks,
        read_marks,
        red_mask,
        stamp_picture,
        stamp_regions,
        upper_part,
    )

    start = len(result.blocks)
    if any((x1 - x0) > 0.5 or (y1 - y0) > 0.15 for x0, y0, x1, y1 in boxes):
        strip = PageImage(
            lambda _dpi, share=1.0: upper_part(image, share), page=page, limits=limits
        )
        strip.oriented = True  # the text layer is upright: so is the page
        return strip.header(start_order=start)
    width, height = image.size
    marks: list[Mark] = []
    inked: list[Mark] = []  # each picture in its own ink, for a second reading
    for x0, y0, x1, y1 in boxes:
        left, top = int(max(0.0, x0 - MARGIN) * width), int(max(0.0, y0 - MARGIN) * height)
        right, bottom = int(min(1.0, x1 + MARGIN) * width), int(min(1.0, y1 + MARGIN) * height)
        if right - left < 8 or bottom - top < 8:
            continue
        crop = image.crop((left, top, right, bottom))
        mask = red_mask(crop)
        regions = stamp_regions(mask)
        for a, b, c, d in regions:
            box = ((left + a) / width, (top + b) / height, (left + c) / width, (top + d) / height)
            marks.append(Mark(box, stamp_picture(mask.crop((a, b, c, d))), (c - a) / max(1, d - b)))
        # the picture's own ink, darkened to black: a grey or black stamp; or, read after the
        # red marks read nothing, a stamp in an ink the red mask takes only the pink fringes of
        # (a purple or dark red stamp comes out as hollow letters there)
        grey = crop.convert("L").point(lambda v: 0 if v < 170 else 255)
        box = (left / width, top / height, right / width, bottom / height)
        own = Mark(box, stamp_picture(grey), (right - left) / max(1, bottom - top), "ocr")
        (inked if regions else marks).append(own)
    _text, lines = read_marks(marks, limits)
    blocks = mark_blocks(marks, lines, page=page, limits=limits, start_order=start)
    if inked and not any(is_stamp_line(line) for found in lines for line in found):
        _text, again = read_marks(inked, limits)
        blocks += mark_blocks(
            inked, again, page=page, limits=limits, start_order=start + len(blocks)
        )
    return blocks
