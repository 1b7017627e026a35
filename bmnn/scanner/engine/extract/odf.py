"""OpenDocument files (ODT text, and the text of ODS sheets and ODP slides), as LibreOffice
saves them: paragraphs in reading order with what the styles say of them — the page headers
and footers of every master page, the first paragraphs and the first table (the administrative
header block), text frames and bordered paragraphs (a typed stamp), words crossed out, text
in red — and the pictures of the header block (a stamp pasted as an image).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from typing import Any

from bmnn.scanner.engine.extract.office import (
    ZIP_ERRORS,
    Piece,
    blocks_of_pieces,
    is_red,
    read_pictures_later,
)
from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, Limits, open_zip, read_member
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted

HEADER_PARAGRAPHS = 15  # as extract_docx: non-empty paragraphs that form the header block
HEADER_TABLE_PARAGRAPHS = 40  # the first table's paragraphs count as header up to this many
MIMETYPE_PREFIX = b"application/vnd.oasis.opendocument."
KINDS = {"text": "odt", "spreadsheet": "ods", "presentation": "odp"}

_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}


def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


PARAGRAPHS = (_q("text:p"), _q("text:h"))
FRAME = _q("draw:frame")
TABLE = _q("table:table")
SPACE, TAB, BREAK = _q("text:s"), _q("text:tab"), _q("text:line-break")
NOTE = _q("text:note")  # a footnote's text is read where it is printed, not in the line
STYLE_NAME = _q("text:style-name")
IMAGE_HREF = (_q("draw:image"), _q("xlink:href"))
MAX_PART_BYTES = 64 * 1024 * 1024
MAX_PICTURES = 3


class _Styles:
    """What each named style (text and paragraph families, automatic or not) makes of its
    text: bold, struck through, red; and of a paragraph: framed by a border, starting or ending
    a page. A style inherits what it does not set from its parent."""

    def __init__(self, roots: list[Any]) -> None:
        self._own: dict[str, dict[str, Any]] = {}
        for root in roots:
            for style in root.iter(_q("style:style")):
                name = style.get(_q("style:name"))
                if name:
                    self._own[name] = self._read(style)
        self._cache: dict[str, dict[str, Any]] = {}

    @staticmethod
    def _read(style: Any) -> dict[str, Any]:
        found: dict[str, Any] = {"parent": style.get(_q("style:parent-style-name"))}
        text = style.find(_q("style:text-properties"))
        if text is not None:
            weight = text.get(_q("fo:font-weight"))
            if weight:
                found["bold"] = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
            through = text.get(_q("style:text-line-through-style"))
            if through:
                found["struck"] = through != "none"
            colour = text.get(_q("fo:color"))
            if colour:
                found["red"] = is_red(colour.lstrip("#"))
        paragraph = style.find(_q("style:paragraph-properties"))
        if paragraph is not None:
            borders = [
                paragraph.get(_q(f"fo:{side}"))
                for side in ("border", "border-top", "border-bottom", "border-left", "border-right")
            ]
            if any(borders):
                found["framed"] = any(b and b != "none" for b in borders)
            if paragraph.get(_q("fo:break-before")) == "page":
                found["page_before"] = True
            if paragraph.get(_q("fo:break-after")) == "page":
                found["page_after"] = True
        return found

    def of(self, name: str | None) -> dict[str, Any]:
        """The style's properties with those it inherits (cycles and depth bounded)."""
        if not name:
            return {}
        if name not in self._cache:
            merged: dict[str, Any] = {}
            seen: set[str] = set()
            current: str | None = name
            while current and current not in seen and len(seen) < 20:
                seen.add(current)
                own = self._own.get(current, {})
                for key, value in own.items():
                    merged.setdefault(key, value)
                current = own.get("parent")
            merged.pop("parent", None)
            self._cache[name] = merged
        return self._cache[name]


def _pieces(paragraph: Any, styles: _Styles) -> list[Piece]:
    """The paragraph's own text as pieces, each with the properties of its span (a span's own
    style over the paragraph's): not the text of frames anchored in it (read as paragraphs of
    their own) nor of its notes."""
    base = styles.of(paragraph.get(STYLE_NAME))
    pieces: list[Piece] = []

    def walk(node: Any, props: dict[str, Any]) -> None:
        if node.text:
            pieces.append(_piece(node.text, props))
        for child in node:
            if child.tag in (FRAME, NOTE):
                pass
            elif child.tag == SPACE:
                count = child.get(_q("text:c")) or "1"
                pieces.append(_piece(" " * min(int(count) if count.isdigit() else 1, 50), props))
            elif child.tag in (TAB, BREAK):
                pieces.append(_piece(" ", props))
            else:
                own = styles.of(child.get(STYLE_NAME))
                walk(child, {**props, **own} if own else props)
            if child.tail:
                pieces.append(_piece(child.tail, props))

    walk(paragraph, base)
    return pieces


def _piece(text: str, props: dict[str, Any]) -> Piece:
    return (
        text,
        bool(props.get("bold")),
        bool(props.get("struck")),
        bool(props.get("red")),
    )


def _parse(archive: Any, name: str, limits: Limits, budget: Budget | None) -> Any:
    from lxml import etree

    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise ExtractError("too_large", f"{name} expands to {info.file_size} bytes")
    raw = read_member(archive, info, limits, budget)
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        return etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        raise ExtractError("malformed", f"damaged OpenDocument file ({name})") from exc


def _page_header_blocks(styles_root: Any, styles: _Styles) -> list[Block]:
    """Every master page's headers and footers (first page, left and right pages), each text
    once: printed atop or under every page, where a level is often typed."""
    blocks: list[Block] = []
    seen: set[tuple[str, bool]] = set()
    if styles_root is None:
        return blocks
    for master in styles_root.iter(_q("style:master-page")):
        for part in master:
            if part.tag.rsplit("}", 1)[-1] not in (
                "header",
                "footer",
                "header-first",
                "footer-first",
                "header-left",
                "footer-left",
            ):
                continue
            for paragraph in part.iter(*PARAGRAPHS):
                for block in blocks_of_pieces(_pieces(paragraph, styles), HEADER, "page-header"):
                    if (block.text, block.struck) not in seen:
                        seen.add((block.text, block.struck))
                        blocks.append(block)
    return blocks


def extract_odf(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    archive = open_zip(data, limits, what="OpenDocument file", budget=budget)
    try:
        mimetype = archive.read("mimetype")[:100] if "mimetype" in archive.namelist() else b""
    except ZIP_ERRORS as exc:
        raise ExtractError("malformed", "damaged OpenDocument file") from exc
    kind = KINDS.get(mimetype.removeprefix(MIMETYPE_PREFIX).decode("ascii", "replace"), "odt")
    try:
        content = _parse(archive, "content.xml", limits, budget)
        styles_root = _parse(archive, "styles.xml", limits, budget)
    except ZIP_ERRORS as exc:
        raise ExtractError("malformed", "damaged OpenDocument file") from exc
    if content is None:
        raise ExtractError("unsupported", "a ZIP archive that is not an OpenDocument file")
    styles = _Styles([root for root in (styles_root, content) if root is not None])
    result = Extracted(kind=kind)
    found = _page_header_blocks(styles_root, styles)
    body = content.find(_q("office:body"))
    if body is None:
        result.blocks = found
        return result
    counted, page, turn_after = 0, 1, False
    first_table: Any = None
    header_pictures: list[str] = []
    for paragraph in body.iter(*PARAGRAPHS):
        if turn_after:
            page, turn_after = page + 1, False
        props = styles.of(paragraph.get(STYLE_NAME))
        if props.get("page_before") and counted:
            page += 1
        turn_after = bool(props.get("page_after"))
        origin, table, parent = "text", None, paragraph.getparent()
        while parent is not None and parent is not body:
            if parent.tag == FRAME:
                origin = "textbox"
            elif parent.tag == TABLE and table is None:
                table = parent
            parent = parent.getparent()
        if origin == "text" and props.get("framed"):
            origin = "textbox"  # a bordered paragraph: a stamp typed in a box
        if table is not None and origin == "text":
            origin = "table"
            first_table = table if first_table is None else first_table
        in_header = counted < HEADER_PARAGRAPHS or (
            table is not None and table is first_table and counted < HEADER_TABLE_PARAGRAPHS
        )
        if in_header:
            header_pictures += [
                image.get(IMAGE_HREF[1]) or ""
                for frame in paragraph.iterchildren(FRAME)
                for image in frame.iter(IMAGE_HREF[0])
            ]
        blocks = blocks_of_pieces(_pieces(paragraph, styles), HEADER if in_header else BODY, origin)
        if not blocks:
            continue
        found += [replace(block, page=page) for block in blocks] if page > 1 else blocks
        counted += 1
        if len(found) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    result.blocks = [replace(block, order=index) for index, block in enumerate(found)]
    read_pictures_later(_pictures(archive, header_pictures, limits, budget), result, limits)
    return result


_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


def _pictures(archive: Any, hrefs: list[str], limits: Limits, budget: Budget | None) -> list[bytes]:
    """The header block's pictures stored in the file (never a link outside it)."""
    blobs = []
    names = set(archive.namelist())
    for href in hrefs:
        if not href or _EXTERNAL.match(href):
            continue
        name = posixpath.normpath(href.removeprefix("./"))
        if name not in names or name.startswith(".."):
            continue
        try:
            blob = read_member(archive, archive.getinfo(name), limits, budget)
        except (ExtractError, *ZIP_ERRORS):
            continue
        if 2_000 < len(blob) < 20_000_000:
            blobs.append(blob)
        if len(blobs) >= MAX_PICTURES:
            break
    return blobs
