"""Word, Excel and PowerPoint files (Office Open XML): text in reading order with what the
format says about where it sits — page headers and footers of every section, the first
paragraphs and the first table (the administrative header block), text boxes, content controls,
words crossed out; every sheet's print headers and footers, top rows and shapes; the top of
slide one.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Generator, Iterator
from contextlib import closing
from dataclasses import replace
from typing import Any

from bmnn.scanner.engine.limits import (
    DEFAULT,
    Budget,
    ExtractError,
    Limits,
    open_zip,
    read_member,
)
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted, annex_pages, is_red_rgb
from bmnn.scanner.engine.normalise import nfc

HEADER_PARAGRAPHS = 15  # non-empty paragraphs (or header-table cells) that form the header block
HEADER_ROWS = 8  # rows from a sheet's first row with text that form its header
# Characters drawn as nothing between letters (zero-width space, joiners, BOM, soft hyphen)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
VML_TEXTPATH = "{urn:schemas-microsoft-com:vml}textpath"  # WordArt and watermarks: drawn text
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
OFF = ("0", "false", "off", "none")


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _clean(text: str) -> str:
    """NFC, without invisible characters, single spaces."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(_INVISIBLE.sub("", text).split())


def _has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


# --- Word ---------------------------------------------------------------------------------------


def _child(element: Any, tag: str) -> Any:
    """The first child with `tag`, or None (a loop over a few children is cheaper than find)."""
    if element is not None:
        for child in element:
            if child.tag == tag:
                return child
    return None


VAL, STYLE_ID, BASED_ON = _w("val"), _w("styleId"), _w("basedOn")
RPR, PPR, RSTYLE, PSTYLE = _w("rPr"), _w("pPr"), _w("rStyle"), _w("pStyle")
SWITCHES = (_w("b"), _w("strike"), _w("dstrike"))  # bold; struck once or twice


def _switches(properties: Any) -> list[bool | None]:
    """The on/off run properties of SWITCHES as `properties` (a w:rPr) sets them (None: not)."""
    found: list[bool | None] = [None, None, None]
    if properties is not None:
        for child in properties:
            if child.tag in SWITCHES:
                value = (child.get(VAL) or "true").lower() not in OFF
                found[SWITCHES.index(child.tag)] = value
    return found


class _Styles:
    """Bold and strike-through as a run's own properties, its character style, its paragraph's
    style (each following `basedOn`) or the document's defaults set them."""

    def __init__(self, document: Any) -> None:
        self.styles: dict[str, Any] = {}
        self.default: list[bool] = [False, False, False]
        self._cache: dict[str, list[bool | None]] = {}
        try:
            root = document.styles.element
        except Exception:  # no styles part: direct formatting only
            return
        for style in root.iterchildren(_w("style")):
            self.styles[style.get(STYLE_ID) or ""] = style
        defaults = _child(_child(_child(root, _w("docDefaults")), _w("rPrDefault")), RPR)
        self.default = [bool(value) for value in _switches(defaults)]

    def _styled(self, style_id: str | None) -> list[bool | None]:
        """What a style (and those it is based on) sets, cached."""
        if not style_id or style_id not in self.styles:
            return [None, None, None]
        if style_id not in self._cache:
            found: list[bool | None] = [None, None, None]
            current: str | None = style_id
            for _ in range(12):  # basedOn chains are short; a loop in a damaged file ends here
                style = self.styles.get(current or "")
                if style is None:
                    break
                own = _switches(_child(style, RPR))
                found = [f if f is not None else o for f, o in zip(found, own, strict=True)]
                based = _child(style, BASED_ON)
                current = based.get(VAL) if based is not None else None
            self._cache[style_id] = found
        return self._cache[style_id]

    def run(self, run: Any, paragraph_style: str | None) -> tuple[bool, bool]:
        """(bold, struck) of a w:r (None: a text outside any run)."""
        properties = _child(run, RPR)
        values = _switches(properties)
        if None in values:
            style = _child(properties, RSTYLE)
            for inherited in (
                self._styled(style.get(VAL) if style is not None else None),
                self._styled(paragraph_style),
                self.default,
            ):
                values = [v if v is not None else i for v, i in zip(values, inherited, strict=True)]
        return bool(values[0]), bool(values[1] or values[2])


def _inside(node: Any, stop: Any, tags: tuple[str, ...]) -> bool:
    """Whether an element between `node` and `stop` has one of `tags`."""
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in tags:
            return True
        parent = parent.getparent()
    return False


_NESTED = (_w("txbxContent"), MC_FALLBACK)
TEXT_TAGS = (_w("t"), _w("tab"), _w("br"), _w("cr"))


def _pieces(paragraph: Any, styles: _Styles) -> list[tuple[str, bool, bool]]:
    """The paragraph's own text as (text, bold, struck) pieces in order: not that of the text
    boxes anchored in it (read as paragraphs of their own), nor the fallback copy of a drawing."""
    style = _child(_child(paragraph, PPR), PSTYLE)
    paragraph_style = style.get(VAL) if style is not None else None
    text_tag, run_tag = TEXT_TAGS[0], _w("r")
    runs: dict[Any, tuple[bool, bool]] = {}  # keyed by the element: its proxy stays alive
    pieces: list[tuple[str, bool, bool]] = []
    for node in paragraph.iter(*TEXT_TAGS):
        if _inside(node, paragraph, _NESTED):
            continue
        run = node.getparent()
        if run is None or run.tag != run_tag:
            run = None
        if run not in runs:
            runs[run] = styles.run(run, paragraph_style)
        bold, struck = runs[run]
        pieces.append(((node.text or "") if node.tag == text_tag else " ", bold, struck))
    return pieces


def _paragraph_blocks(paragraph: Any, styles: _Styles, zone: str, origin: str) -> list[Block]:
    """The paragraph as blocks (`blocks_of_pieces`); text drawn by WordArt or a watermark
    follows as its own block."""
    pieces = [(text, bold, struck, False) for text, bold, struck in _pieces(paragraph, styles)]
    blocks = blocks_of_pieces(pieces, zone, origin)
    for drawn in paragraph.iter(VML_TEXTPATH):
        text = _clean(drawn.get("string") or "")
        if text and not _inside(drawn, paragraph, _NESTED):
            kind = origin if origin == "page-header" else "textbox"
            blocks.append(Block(text=text, zone=zone, origin=kind))
    return blocks


Piece = tuple[str, bool, bool, bool]  # text, bold, struck, red


def blocks_of_pieces(pieces: list[Piece], zone: str, origin: str) -> list[Block]:
    """A paragraph's pieces as one block. When some of its letters are crossed out and others
    are not, the crossed-out words (an old level beside the new one) are a block of their own,
    `struck`, and the rest another. A block is bold, or red, when all its letters are."""
    segments: list[tuple[bool, list[Piece]]] = []
    for piece in pieces:
        if segments and segments[-1][0] == piece[2]:
            segments[-1][1].append(piece)
        else:
            segments.append((piece[2], [piece]))
    struck_letters = any(_has_letters(p[0]) for p in pieces if p[2])
    live_letters = any(_has_letters(p[0]) for p in pieces if not p[2])
    parts: list[tuple[bool, str, list[Piece]]] = []
    if struck_letters and live_letters:
        for flag in dict.fromkeys(flag for flag, _ in segments):  # in order of appearance
            chosen = [segment for f, segment in segments if f == flag]
            text = " ".join("".join(p[0] for p in segment) for segment in chosen)
            parts.append((flag, text, [p for segment in chosen for p in segment]))
    else:
        parts.append((struck_letters, "".join(p[0] for p in pieces), pieces))
    blocks = []
    for struck, raw, group in parts:
        text = _clean(raw)
        if not text:
            continue
        lettered = [p for p in group if _has_letters(p[0])]
        bold = bool(lettered) and all(p[1] for p in lettered)
        red = bool(lettered) and all(p[3] for p in lettered)
        blocks.append(Block(text=text, zone=zone, origin=origin, bold=bold, struck=struck, red=red))
    return blocks


def _page_parts(document: Any) -> Iterator[Any]:
    """The root elements of every section's page headers, then of its footers — first-page,
    odd and even pages — each part once (sections share the parts they inherit)."""
    related = document.part.related_parts
    seen: set[int] = set()
    order = {"first": 0, "default": 1, "even": 2}
    for reference_tag in ("headerReference", "footerReference"):
        for section in document.sections:
            references = sorted(
                section._sectPr.iterchildren(_w(reference_tag)),
                key=lambda r: order.get(r.get(_w("type")) or "default", 3),
            )
            for reference in references:
                part = related.get(reference.get(R_ID) or "")
                element = getattr(part, "element", None)
                if element is not None and id(part) not in seen:
                    seen.add(id(part))
                    yield element


def extract_docx(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    archive = open_zip(data, limits, what="Word document", budget=budget)
    if "word/document.xml" not in archive.namelist():
        raise ExtractError("unsupported", "a ZIP archive that is not a Word document")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ExtractError("malformed", "damaged Word document") from exc
    styles = _Styles(document)
    result = Extracted(kind="docx")
    found: list[Block] = []
    try:
        parts = list(_page_parts(document))
    except Exception:  # a damaged section or relationship: the body is still read
        parts = []
        result.notes.append("page headers could not be read")
    for element in parts:
        for paragraph in element.iter(_w("p")):
            if not _inside(paragraph, element, (MC_FALLBACK,)):
                found += _paragraph_blocks(paragraph, styles, HEADER, "page-header")
    body = document.element.body
    table_tag, box_tag = _w("tbl"), _w("txbxContent")
    counted = 0
    first_table: Any = None
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    header_pictures: list[Any] = []
    page_pictures: list[tuple[Any, int]] = []  # pictures of a whole page below the header
    page, turn_after = 1, False  # the page a paragraph starts on, by the file's hard breaks
    for paragraph in body.iter(_w("p")):
        if turn_after:
            page, turn_after = page + 1, False
        starts_page, ends_page = _page_breaks(paragraph)
        page += starts_page
        turn_after = ends_page
        origin, parent, table, fallback = "text", paragraph.getparent(), None, False
        while parent is not None and parent is not body:
            if parent.tag == box_tag:
                origin = "textbox"
            elif parent.tag == table_tag:
                table = parent
            elif parent.tag == MC_FALLBACK:
                fallback = True
            parent = parent.getparent()
        if fallback:
            continue
        if table is not None and origin == "text":
            origin = "table"
            if first_table is None:
                first_table = table
        in_header = counted < HEADER_PARAGRAPHS or (
            table is not None and table is first_table and counted < 40
        )
        blocks = _paragraph_blocks(paragraph, styles, HEADER if in_header else BODY, origin)
        if page > 1:
            blocks = [replace(block, page=page) for block in blocks]
        drawn = _drawn_pages(paragraph)  # pictures of a whole page: read as scans
        if in_header and (page == 1 or not drawn):
            header_pictures.extend(paragraph.iter(blip))
        elif len(page_pictures) < MAX_PAGE_PICTURES:
            page_pictures += [(picture, page) for picture in drawn]
        if not blocks:
            continue
        found += blocks
        counted += 1
        if len(found) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    result.blocks = [replace(block, order=index) for index, block in enumerate(found)]
    _plan_picture_ocr(document, header_pictures, result, limits, page_pictures)
    return result


_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PAGE_WIDE = 3_600_000  # EMU (10 cm): a picture of a page is pasted at least this wide


def _drawn_pages(paragraph: Any) -> list[Any]:
    """The pictures (their `a:blip`) a paragraph draws at a page's proportions (`PAGE_SHAPE`)
    and at least `PAGE_WIDE` across: a scanned page pasted into the document, an annex often."""
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    found = []
    for drawing in (*paragraph.iter(f"{_WP}inline"), *paragraph.iter(f"{_WP}anchor")):
        if drawing.get("behindDoc") in ("1", "true"):
            continue  # a watermark or a background, not a page
        extent = drawing.find(f"{_WP}extent")
        try:
            wide, high = int(extent.get("cx")), int(extent.get("cy"))
        except (AttributeError, TypeError, ValueError):
            continue
        if wide >= PAGE_WIDE and PAGE_SHAPE[0] <= high / wide <= PAGE_SHAPE[1]:
            found += list(drawing.iter(blip))[:1]
    return found


_PAGE_BREAK = _w("br")
_BREAK_TYPE = _w("type")
_RENDERED_BREAK = _w("lastRenderedPageBreak")


def _page_breaks(paragraph: Any) -> tuple[bool, bool]:
    """(the paragraph starts a new page, the next one does), from a hard page break (before its
    first letter, or after), "page break before", or a section ending with the paragraph."""
    properties = paragraph.find(_w("pPr"))
    before = properties is not None and properties.find(_w("pageBreakBefore")) is not None
    after = properties is not None and properties.find(_w("sectPr")) is not None
    seen_text = False
    for node in paragraph.iter(_w("t"), _PAGE_BREAK, _RENDERED_BREAK):
        if node.tag == _w("t"):
            seen_text = seen_text or bool((node.text or "").strip())
        elif node.tag == _RENDERED_BREAK or node.get(_BREAK_TYPE) == "page":
            if seen_text:
                after = True
            else:
                before = True
    return before, after


def _plan_picture_ocr(
    document: Any,
    pictures: list[Any],
    result: Extracted,
    limits: Limits,
    pages: list[tuple[Any, int]] | None = None,
) -> None:
    """Pictures in the header paragraphs (a stamp pasted as an image), and pictures of a whole
    page lower down with the page they are on (read as scans), are OCR'd only when the text
    does not already show a secret."""
    embed = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"

    def blob_of(picture: Any) -> bytes | None:
        blob = getattr(document.part.related_parts.get(picture.get(embed, "")), "blob", None)
        return blob if isinstance(blob, bytes) and 2_000 < len(blob) < 20_000_000 else None

    blobs = [blob for blob in map(blob_of, pictures[:3]) if blob is not None]
    scans: dict[bytes, int] = {}
    for picture, page in (pages or [])[:MAX_PAGE_PICTURES]:
        if (blob := blob_of(picture)) is not None:
            scans.setdefault(blob, page)
    read_pictures_later(blobs, result, limits, scans=list(scans.items()))


def read_pictures_later(
    blobs: list[bytes],
    result: Extracted,
    limits: Limits,
    pages: list[int] | None = None,
    scans: list[tuple[bytes, int]] | None = None,
) -> None:
    """Pictures that belong to the document's header (a stamp pasted as an image) are OCR'd
    whole, their lines added to the header, only when the text does not already show a secret
    (`Extracted.needs_more`). A picture given a later page in `pages` (atop a later slide) is
    read onto that page's top instead. `scans` are pictures of a whole page and the page they
    stand on, read after those and only if they did not show a secret either: each as a
    scanned page is, its header strip first (turned upright, its envelope mark looked for),
    onto that page."""
    scans = scans or []
    if not blobs and not scans:
        return
    pages = pages or [1] * len(blobs)

    def pictured() -> list[Block]:
        found: list[Block] = []
        for blob, page in scans:
            found += _scanned_page(blob, page, result, limits, len(result.blocks) + len(found))
        return found

    def more() -> list[Block]:
        from bmnn.scanner.engine.extract.images import (
            ocr_page,
            open_image,
            prepare,
            read_as_stamp,
        )

        found: list[Block] = []
        for blob, page in zip(blobs, pages, strict=True):
            try:
                picture = open_image(blob, limits)
                image = prepare(picture)
            except ExtractError:
                continue
            start = len(result.blocks) + len(found)
            read = read_as_stamp(image, limits, start, size=picture.size) or ocr_page(
                image, page=1, limits=limits, part="all", start_order=start
            )
            for block in read:
                zone = HEADER if page == 1 else BODY
                found.append(replace(block, zone=zone, box=None, page=page))
            result.ocr_pages += 1
        if scans:
            result.unread_images = True
            result.needs_more = pictured
        return found

    result.unread_images = True
    result.needs_more = more if blobs else pictured


def _scanned_page(
    blob: bytes, page: int, result: Extracted, limits: Limits, start: int
) -> list[Block]:
    """A picture of a page read as a scan is (`extract_image`): its header strip, and the rest
    of it where a mark below the strip asks for it. Its lines go on `page` of the document,
    `pictured`, with their places on the pictured page; only page one's header strip is the
    document's header. A picture that cannot be decoded gives nothing; OCR's own failures
    (a timeout) are the scan's, as a scanned page's are."""
    from bmnn.scanner.engine.extract.images import extract_image

    try:
        scan = extract_image(blob, limits)
    except ExtractError as exc:
        if exc.code in UNREADABLE_PICTURE:
            return []
        raise
    try:
        if scan.unread_images and scan.needs_more is not None:
            scan.blocks.extend(scan.needs_more())
    finally:
        if scan.cleanup is not None:
            scan.cleanup()
    result.ocr_pages += scan.ocr_pages
    return [
        replace(
            block,
            zone=HEADER if page == 1 and block.zone == HEADER else BODY,
            page=page,
            order=start + i,
            pictured=True,
        )
        for i, block in enumerate(scan.blocks)
    ]


UNREADABLE_PICTURE = frozenset({"malformed", "unsupported", "too_large", "empty"})


# --- Excel --------------------------------------------------------------------------------------
# Cells are read from the sheet's XML as it streams (lxml iterparse), strings only: numbers,
# dates and booleans carry no marking. A sheet's print headers and footers sit at the end of its
# XML; they are found by searching the inflated bytes, without parsing every row before them.

_HEADER_FOOTER = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?headerFooter[\s>/]")
_HEADER_FOOTER_PART = re.compile(
    r"<(?:[A-Za-z_][\w.-]*:)?(firstHeader|oddHeader|evenHeader|firstFooter|oddFooter|evenFooter)"
    r"(?:\s[^>]*)?>(.*?)</(?:[A-Za-z_][\w.-]*:)?\1\s*>",
    re.DOTALL,
)
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|lt|gt|amp|quot|apos);")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_COLOUR = re.compile(r"K(?:[0-9A-Fa-f]{6}|\d\d[+-]\d{3})")
# what reading a damaged part of the ZIP can raise (a bad CRC, a cut deflate stream, …)
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError)
SHEET_SCAN_ROWS = 50  # rows searched for a sheet's first text before its header is given up
MAX_DRAWING_BYTES = 5 * 1024 * 1024
MAX_HEADER_FOOTER_BYTES = 64 * 1024  # the six strings are at most 255 characters each


def _xml_text(escaped: str) -> str:
    """XML character data with its entities and OOXML's _xHHHH_ escapes resolved."""

    def entity(match: re.Match[str]) -> str:
        name = match.group(1)
        if name[0] != "#":
            return _ENTITIES[name]
        code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
        return chr(code) if 0 < code < 0x110000 and not 0xD800 <= code < 0xE000 else ""

    text = _ENTITY.sub(entity, escaped.replace("<![CDATA[", "").replace("]]>", ""))
    return _OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def header_footer_lines(value: str, sheet_name: str = "") -> list[tuple[str, bool]]:
    """The printed lines of an Excel header or footer string, as (text, struck): its &L, &C and
    &R sections apart, formatting codes (font, size, colour, bold, italic, underline, super- and
    subscript) dropped, fields replaced (&A by the sheet's name; page numbers, dates, times,
    file names and pictures by nothing), && as &, &S's strike-through kept."""
    sections: dict[str, list[tuple[str, bool]]] = {"C": []}
    current, struck, index = "C", False, 0
    while index < len(value):
        char = value[index]
        if char != "&" or index + 1 >= len(value):
            sections.setdefault(current, []).append((char, struck))
            index += 1
            continue
        code = value[index + 1]
        index += 2
        if code == "&":
            sections.setdefault(current, []).append(("&", struck))
        elif code in "LCR":
            current = code
        elif code == '"':
            closing = value.find('"', index)
            index = len(value) if closing < 0 else closing + 1
        elif code.isdigit():
            while index < len(value) and value[index].isdigit():
                index += 1
        elif code == "K":
            colour = _COLOUR.match(value, index - 1)
            index = colour.end() if colour else index
        elif code == "S":
            struck = not struck
        elif code == "A":
            sections.setdefault(current, []).extend((ch, struck) for ch in sheet_name)
    lines: list[tuple[str, bool]] = []
    for key in ("L", "C", "R"):
        chars = sections.get(key, [])
        line: list[tuple[str, bool]] = []
        for char, flag in [*chars, ("\n", False)]:
            if char not in "\r\n":
                line.append((char, flag))
                continue
            live = "".join(c for c, f in line if not f)
            dead = "".join(c for c, f in line if f)
            if _has_letters(dead) and _has_letters(live):
                lines += [(_clean(live), False), (_clean(dead), True)]
            elif _clean(live + dead):
                lines.append((_clean("".join(c for c, _ in line)), _has_letters(dead)))
            line = []
    return lines


def _parse_events(source: Any, tag: str) -> Any:
    from lxml import etree

    # no DTD, no entity expansion, no network: a workbook needs none of them
    return etree.iterparse(
        source,
        events=("end",),
        tag=tag,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
    )


MAX_STYLES_BYTES = 4 << 20  # a workbook's styles part larger than this is not looked at for colour
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def is_red(value: str | None) -> bool:
    """An (A)RGB hex colour a reader calls red (`is_red_rgb`)."""
    digits = (value or "").strip()[-6:]
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", digits):
        return False
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return is_red_rgb(r, g, b)


class _Book:
    """The parts of a workbook found through its relationships, read as streams."""

    def __init__(self, archive: zipfile.ZipFile, limits: Limits) -> None:
        self.archive = archive
        self.limits = limits
        self.names = set(archive.namelist())
        self._strings: list[str] = []
        self._string_events: Any = None
        self._string_file: Any = None
        rels = self.relationships("xl/workbook.xml")
        self.sheets: list[tuple[str, str]] = []
        for sheet in self._elements("xl/workbook.xml", "sheet"):
            target = rels.get(
                sheet.get(R_ID)
                or sheet.get("{http://purl.oclc.org/ooxml/officeDocument/relationships}id")
                or ""
            )
            if target and target[1] in self.names:
                self.sheets.append((sheet.get("name") or "", target[1]))
        if not self.sheets:  # no usable relationships: the usual part names, in number order
            found = [n for n in self.names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
            found.sort(key=lambda n: int(re.sub(r"\D", "", n) or 0))
            self.sheets = [("", name) for name in found]
        strings = [path for kind, path in rels.values() if kind.endswith("/sharedStrings")]
        self.strings_path = strings[0] if strings else "xl/sharedStrings.xml"
        styles = [path for kind, path in rels.values() if kind.endswith("/styles")]
        self.red_styles = self._red_styles(styles[0] if styles else "xl/styles.xml")

    def _red_styles(self, path: str) -> frozenset[str]:
        """The cell formats (`s` attribute values) whose font is red; none when the styles part
        is missing, damaged or implausibly large (colour is a hint, never needed to read)."""
        from lxml import etree

        try:
            if self.archive.getinfo(path).file_size > MAX_STYLES_BYTES:
                return frozenset()
            with self.open(path) as handle:
                parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
                root = etree.fromstring(handle.read(MAX_STYLES_BYTES + 1), parser)
        except (KeyError, ExtractError, etree.XMLSyntaxError, *ZIP_ERRORS):
            return frozenset()
        fonts = root.xpath("*[local-name()='fonts']/*[local-name()='font']")
        red_fonts = {
            str(index)
            for index, font in enumerate(fonts)
            if any(is_red(color.get("rgb")) for color in font.iterfind("{*}color"))
        }
        formats = root.xpath("*[local-name()='cellXfs']/*[local-name()='xf']")
        return frozenset(
            str(index) for index, xf in enumerate(formats) if (xf.get("fontId") or "0") in red_fonts
        )

    def open(self, path: str) -> Any:
        """A part as a stream; a damaged, encrypted or oversized part raises ExtractError."""
        try:
            info = self.archive.getinfo(path)
            if info.flag_bits & 0x1:
                raise ExtractError("encrypted", f"{path} is password-protected")
            if info.file_size > self.limits.max_member_bytes:
                raise ExtractError("too_large", f"{path} expands to {info.file_size} bytes")
            return self.archive.open(info)
        except (KeyError, *ZIP_ERRORS) as exc:
            raise ExtractError("malformed", f"damaged workbook ({path})") from exc

    def _elements(self, path: str, name: str) -> list[Any]:
        if path not in self.names:
            return []
        from lxml import etree

        try:
            with self.open(path) as handle:
                return [element for _event, element in _parse_events(handle, f"{{*}}{name}")][
                    :10_000
                ]
        except (etree.XMLSyntaxError, *ZIP_ERRORS) as exc:
            raise ExtractError("malformed", f"damaged workbook ({path})") from exc

    def relationships(self, path: str) -> dict[str, tuple[str, str]]:
        """Relationship id → (type, part name) of a part."""
        folder, name = posixpath.split(path)
        rels = {}
        for rel in self._elements(posixpath.join(folder, "_rels", name + ".rels"), "Relationship"):
            target = rel.get("Target") or ""
            if rel.get("TargetMode") == "External" or not target:
                continue
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join(folder, target))
            )
            rels[rel.get("Id") or ""] = (rel.get("Type") or "", part)
        return rels

    def string(self, index: int) -> str:
        """Shared string `index`, reading the table only as far as needed."""
        from lxml import etree

        while index >= len(self._strings) and self._string_events is not False:
            if self._string_events is None:
                if self.strings_path not in self.names:
                    self._string_events = False
                    return ""
                try:
                    self._string_file = self.open(self.strings_path)
                except ExtractError:
                    self._string_events = False
                    return ""
                self._string_events = _parse_events(self._string_file, "{*}si")
            try:
                _event, item = next(self._string_events)
            except (StopIteration, ExtractError, etree.XMLSyntaxError, *ZIP_ERRORS):
                self._string_events = False  # read to its end, or damaged: no more strings
                break
            self._strings.append(_rich_text(item))
            item.clear()
        return self._strings[index] if 0 <= index < len(self._strings) else ""

    def close(self) -> None:
        if self._string_file is not None:
            self._string_file.close()

    def drawing(self, sheet_path: str) -> str | None:
        for kind, part in self.relationships(sheet_path).values():
            if kind.endswith("/drawing") and part in self.names:
                return part
        return None


def _rich_text(item: Any) -> str:
    """A string item (<si> or <is>): its text runs, without phonetic guides (<rPh>)."""
    if len(item) == 1 and str(item[0].tag).endswith("}t"):  # plain text, the usual case
        return item[0].text or ""
    return "".join(
        t.text or "" for t in item.iter("{*}t") if not str(t.getparent().tag).endswith("}rPh")
    )


def _cell_text(cell: Any, book: _Book) -> str:
    kind = cell.get("t")
    if kind == "s":
        value = cell.findtext("{*}v") or ""
        value = value.strip()
        return book.string(int(value)) if value.isdigit() and len(value) < 10 else ""
    if kind == "inlineStr":
        item = cell.find("{*}is")
        return _rich_text(item) if item is not None else ""
    if kind == "str":
        return cell.findtext("{*}v") or ""
    return ""  # numbers, dates, booleans, errors


def _text_cells() -> Any:
    from lxml import etree

    return etree.XPath("*[local-name()='c' and (@t='s' or @t='inlineStr' or @t='str')]")


_TEXT_CELLS = _text_cells()  # cells holding text: numbers, dates and booleans are skipped in C


def _rows(
    book: _Book, path: str, budget: Budget | None
) -> Generator[tuple[int, list[tuple[str, bool]]], None, None]:
    """(row number, (text, in red) of its cells) of a sheet, as the XML streams in; memory
    stays flat."""
    from lxml import etree

    number = 0
    with book.open(path) as handle:
        try:
            for count, (_event, row) in enumerate(_parse_events(handle, "{*}row")):
                declared = row.get("r") or ""
                number = int(declared) if declared.isdigit() else number + 1
                texts = [
                    (text, cell.get("s") in book.red_styles)
                    for cell in _TEXT_CELLS(row)
                    if (text := _cell_text(cell, book))
                ]
                row.clear(keep_tail=True)
                parent = row.getparent()
                while parent is not None and row.getprevious() is not None:
                    del parent[0]
                if budget is not None and count % 2000 == 1999:
                    budget.check()
                yield number, texts
        except (etree.XMLSyntaxError, *ZIP_ERRORS) as exc:
            raise ExtractError("malformed", f"damaged sheet ({path})") from exc


def _header_footer(book: _Book, path: str) -> str:
    """The sheet's <headerFooter> element as text, found in the inflated bytes, or "" (none, or
    the part is damaged before it)."""
    found = b""
    try:
        with book.open(path) as handle:
            tail = b""
            while True:
                chunk = handle.read(1 << 20)
                if not chunk:
                    return ""
                buffer = tail + chunk
                match = _HEADER_FOOTER.search(buffer)
                if match is not None:
                    found = buffer[match.start() :]
                    break
                tail = buffer[-64:]
            while b"headerFooter>" not in found[20:] and len(found) < MAX_HEADER_FOOTER_BYTES:
                more = handle.read(1 << 16)
                if not more:
                    break
                found += more
    except (ExtractError, *ZIP_ERRORS):
        pass  # what was found before the damage is kept
    return found[:MAX_HEADER_FOOTER_BYTES].decode("utf-8", "replace")


def _print_header_blocks(book: _Book, path: str, name: str, page: int) -> list[Block]:
    blocks: list[Block] = []
    seen: set[tuple[str, bool]] = set()
    for _part, escaped in _HEADER_FOOTER_PART.findall(_header_footer(book, path)):
        for text, struck in header_footer_lines(_xml_text(escaped), name):
            if text and (text, struck) not in seen:
                seen.add((text, struck))
                blocks.append(
                    Block(text=text, page=page, zone=HEADER, origin="page-header", struck=struck)
                )
    return blocks


def _shape_blocks(
    book: _Book, path: str, page: int, header_end: int, pictures: list[str] | None = None
) -> list[Block]:
    """Text of shapes and text boxes drawn over the sheet (a stamp typed in a box atop it);
    the part names of the pictures anchored in the sheet's header rows (a stamp pasted as an
    image) are added to `pictures`."""
    from lxml import etree

    drawing = book.drawing(path)
    if drawing is None or book.archive.getinfo(drawing).file_size > MAX_DRAWING_BYTES:
        return []  # (the relationships name only parts the archive holds)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    try:
        with book.open(drawing) as handle:
            root = etree.fromstring(handle.read(MAX_DRAWING_BYTES + 1), parser)
    except (ExtractError, etree.XMLSyntaxError, *ZIP_ERRORS):
        return []
    blocks = []
    media: dict[str, tuple[str, str]] | None = None
    for anchor in root:
        row = anchor.findtext("{*}from/{*}row")
        top = int(row) + 1 if row and row.strip().isdigit() else 0  # 0-based in the drawing
        zone = HEADER if top < header_end else BODY
        for paragraph in anchor.iter(f"{{{DRAWING_NS}}}p"):
            text = _clean("".join(t.text or "" for t in paragraph.iter("{*}t")))
            if text:
                blocks.append(Block(text=text, page=page, zone=zone, origin="textbox"))
        if pictures is not None and zone == HEADER:
            for blip in anchor.iter(f"{{{DRAWING_NS}}}blip"):
                if media is None:
                    try:
                        media = book.relationships(drawing)
                    except ExtractError:
                        media = {}
                kind, part = media.get(blip.get(R_EMBED) or "", ("", ""))
                if kind.endswith("/image") and part in book.names:
                    pictures.append(part)
    return blocks


DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def extract_xlsx(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """Every sheet's print headers and footers (page headers), top rows (that sheet's header)
    and shapes first, then the rest of each sheet in turn while `limits.max_blocks` lasts: the
    limit counts the text cells of the whole workbook, and a big first sheet no longer hides the
    header of the next one. A damaged sheet is noted and the others are still read."""
    archive = open_zip(data, limits, what="workbook", budget=budget)
    if "xl/workbook.xml" not in archive.namelist():
        raise ExtractError("unsupported", "a ZIP archive that is not a workbook")
    book = _Book(archive, limits)
    result = Extracted(kind="xlsx", pages=max(1, len(book.sheets)))
    found: list[Block] = []
    header_ends: dict[int, int] = {}
    damaged: set[int] = set()
    pictures: list[str] = []  # pictures atop a sheet, read if the cells show no secret

    def add(block: Block) -> bool:
        """Adds a block unless the limit is reached (False then)."""
        if len(found) >= limits.max_blocks:
            if "cells truncated" not in result.notes:
                result.notes.append("cells truncated")
            return False
        found.append(block)
        return True

    def add_cells(number: int, texts: list[tuple[str, bool]], zone: str) -> bool:
        for text, red in texts:
            for line in nfc(text).splitlines():
                line = _clean(line)
                if not line:
                    continue
                block = Block(
                    text=line, page=number, zone=zone, order=len(found), origin="cell", red=red
                )
                if not add(block):
                    return False
        return True

    try:
        for number, (name, path) in enumerate(book.sheets, start=1):
            if budget is not None:
                budget.check()
            try:
                for block in _print_header_blocks(book, path, name, number):
                    add(replace(block, order=len(found)))
                header_end = 0
                with closing(_rows(book, path, budget)) as rows:
                    for seen, (row, texts) in enumerate(rows, start=1):
                        if not header_end and (texts or seen > SHEET_SCAN_ROWS):
                            header_end = row + HEADER_ROWS
                        if header_end and row >= header_end:
                            break
                        add_cells(number, texts, HEADER)
                header_ends[number] = header_end or 1 + HEADER_ROWS
                for block in _shape_blocks(book, path, number, header_ends[number], pictures):
                    add(replace(block, order=len(found)))
            except ExtractError:
                damaged.add(number)
        for number, (_name, path) in enumerate(book.sheets, start=1):
            if number in damaged or number not in header_ends or len(found) >= limits.max_blocks:
                continue
            try:
                with closing(_rows(book, path, budget)) as rows:
                    for row, texts in rows:
                        if row >= header_ends[number] and not add_cells(number, texts, BODY):
                            break
            except ExtractError:
                damaged.add(number)
    finally:
        book.close()
    if damaged:
        if not found:
            raise ExtractError("malformed", "damaged workbook (no sheet could be read)")
        result.notes.append(
            "damaged sheets not read in full: " + ", ".join(map(str, sorted(damaged)))
        )
    found.sort(key=lambda b: (b.page, b.order))
    result.blocks = found
    blobs: list[bytes] = []
    for part in dict.fromkeys(pictures):
        if len(blobs) >= 3:
            break
        try:
            blob = read_member(archive, archive.getinfo(part), limits, budget)
        except (ExtractError, KeyError, *ZIP_ERRORS):
            continue
        if 2_000 < len(blob) < 20_000_000:
            blobs.append(blob)
    read_pictures_later(blobs, result, limits)
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
    header_pictures: list[bytes] = []
    later_pictures: dict[int, list[Any]] = {}  # pictures atop later slides, by slide
    page_pictures: dict[bytes, int] = {}  # pictures of a whole page, by the slide they are on

    for number, shape in _deck_shapes(deck):
        top = (shape.top or 0) / height
        box = (
            (shape.left or 0) / width,
            top,
            ((shape.left or 0) + (shape.width or 0)) / width,
            top + (shape.height or 0) / height,
        )
        if _is_picture(shape) and len(page_pictures) < MAX_PAGE_PICTURES:
            for blob in _page_picture(shape, height):
                page_pictures.setdefault(blob, number)
        if top < 0.4 and _shape_type(shape) == 13:  # a stamp pasted as a picture
            if number == 1 and len(header_pictures) < 3:
                header_pictures.extend(_slide_picture(shape))
            elif number > 1 and len(later_pictures.setdefault(number, [])) < 2:
                later_pictures[number].append(shape)
        # a stamp drawn on a slide: red text or a red outline
        red = any(is_red(colour.get("val")) for colour in shape._element.iter(f"{_A}srgbClr"))
        paragraphs: list[list[Piece]] = []
        if getattr(shape, "has_text_frame", False):
            paragraphs = [_slide_pieces(p) for p in shape.text_frame.paragraphs]
        elif getattr(shape, "has_table", False):
            paragraphs = [
                [(cell.text, False, False, False)] for row in shape.table.rows for cell in row.cells
            ]
        zone = HEADER if number == 1 and top < 0.4 else BODY
        for pieces in paragraphs:
            for block in blocks_of_pieces(pieces, zone, "slide"):
                result.blocks.append(
                    replace(
                        block,
                        text=nfc(block.text).strip(),
                        page=number,
                        order=len(result.blocks),
                        box=box,
                        red=red,
                    )
                )
        if len(result.blocks) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    pictured = {number for number, shapes in later_pictures.items() if shapes}
    annexes = annex_pages(result.blocks, pictured)
    for number in annexes:
        header_pictures += [
            blob for shape in later_pictures[number] for blob in _slide_picture(shape)
        ]
    # a stamp picture atop another slide is read on that slide (a specimen's caption beside it
    # counts there), after the first slide's and the annexes', within the same three; a logo
    # repeated on every slide is one picture, read once
    elsewhere: dict[bytes, int] = {}
    for number in sorted(pictured - set(annexes)):
        for shape in later_pictures[number]:
            for blob in _slide_picture(shape):
                if blob not in header_pictures:
                    elsewhere.setdefault(blob, number)
    room = max(0, 3 - len(header_pictures))
    read_pictures_later(
        header_pictures + list(elsewhere)[:room],
        result,
        limits,
        pages=[1] * len(header_pictures) + list(elsewhere.values())[:room],
        scans=list(page_pictures.items()),
    )
    return result


MAX_PAGE_PICTURES = 2  # pictures of a page per deck read as scans: a budget, not a rule
PAGE_SHAPE = (1.2, 1.6)  # height over width of a page picture: A4 is 1.41, US letter 1.29


def _is_picture(shape: Any) -> bool:
    """A picture shape, or a picture placeholder holding one (a "Picture with Caption"
    layout's)."""
    from pptx.shapes.placeholder import PlaceholderPicture

    return _shape_type(shape) == 13 or isinstance(shape, PlaceholderPicture)


def _page_picture(shape: Any, slide_height: int) -> list[bytes]:
    """The picture of a slide shape when it shows a whole page upright (a scanned document
    pasted into a deck): of a page's proportions and at least half the slide's height."""
    if not shape.width or not shape.height or shape.height < 0.5 * slide_height:
        return []
    if not PAGE_SHAPE[0] <= shape.height / shape.width <= PAGE_SHAPE[1]:
        return []
    return _picture_bytes(shape, 2_000)


def _picture_bytes(shape: Any, least: int) -> list[bytes]:
    """A picture shape's bytes when it holds more than `least` and less than 20 MB of them."""
    try:
        blob = shape.image.blob
    except Exception:  # a linked or damaged picture: nothing to read
        return []
    return [blob] if isinstance(blob, bytes) and least < len(blob) < 20_000_000 else []


STRIKES = ("sngStrike", "dblStrike")


def _slide_pieces(paragraph: Any) -> list[Piece]:
    """A slide paragraph as one piece, or as its runs when some are struck through (an old
    level crossed out beside the new one)."""
    runs = list(paragraph.runs)
    if not any(run._r.rPr is not None and run._r.rPr.get("strike") in STRIKES for run in runs):
        return [(paragraph.text, False, False, False)]
    return [
        (run.text, False, run._r.rPr is not None and run._r.rPr.get("strike") in STRIKES, False)
        for run in runs
    ]


def _shape_type(shape: Any) -> int | None:
    """python-pptx's kind of a shape, or None for a shape it does not know (a valid shape with
    no geometry of a kind it names, as other tools write in layouts): read for its text only."""
    try:
        return int(shape.shape_type)
    except (NotImplementedError, ValueError, TypeError):
        return None


def _flat(group: Any) -> Any:
    """The shapes of a shape tree, a group's children in its place."""
    for shape in group:
        if _shape_type(shape) == 6:  # a group
            yield from _flat(shape.shapes)
        else:
            yield shape


def _deck_shapes(deck: Any) -> Any:
    """(slide number, shape) for the shapes a slide shows: its own, then those its layout and
    master draw on it (unless the slide or the layout hides them, `showMasterSp="0"`); shapes
    marked hidden are left out. A stamp put in a layout or the master shows on every slide made
    from it, though no slide holds its text; their placeholders ("Click to edit…") only show
    through when a slide leaves them empty, so they are passed over. A layout or master is read
    once, as part of the first slide that shows it."""
    seen: set[int] = set()
    for number, slide in enumerate(deck.slides, start=1):
        yield from ((number, shape) for shape in _flat(slide.shapes) if not _hidden(shape))
        try:
            layout = slide.slide_layout
            behind = [layout, layout.slide_master]
        except (KeyError, AttributeError, ValueError):  # no layout part: its own shapes only
            behind = []
        if _hides_master(slide):
            behind = []
        elif behind and _hides_master(behind[0]):
            behind = behind[:1]
        for part in behind:
            if id(part.part) in seen:
                continue
            seen.add(id(part.part))
            for shape in _flat(part.shapes):
                if not shape.is_placeholder and not _hidden(shape):
                    yield number, shape


def _hides_master(part: Any) -> bool:
    """Whether a slide (or a layout) hides the shapes of the parts behind it."""
    return part._element.get("showMasterSp") in ("0", "false")


def _hidden(shape: Any) -> bool:
    """Whether a shape is marked hidden (its non-visual properties, `hidden="1"`)."""
    for element in shape._element.iter():
        if str(element.tag).endswith("}cNvPr"):
            return element.get("hidden") in ("1", "true")
    return False


def _slide_picture(shape: Any) -> list[bytes]:
    """The picture of a slide shape when it is shaped like a stamp (wide and low on the slide),
    not a photo or a logo."""
    if not shape.width or not shape.height or shape.width < 1.3 * shape.height:
        return []
    return _picture_bytes(shape, 500)
