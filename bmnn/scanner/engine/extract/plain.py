"""Plain text in any common encoding, HTML pages (their pictures included) and e-mail messages
with their attachments."""

from __future__ import annotations

import base64
import binascii
import email
import email.policy
import io
import re
from dataclasses import dataclass, field, replace
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote_to_bytes

from bmnn.core.levels import STAMP_WORDS
from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, LimitReached, Limits, allowed
from bmnn.scanner.engine.model import BODY, HEADER, MAIL_SUBJECT, Block, Extracted, is_red_rgb
from bmnn.scanner.engine.normalise import letters_key, nfc

HEADER_LINES = 15


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else what charset-normalizer recognises (Windows-1258,
    UTF-16, VNI-free legacy code pages)."""
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return nfc(data.decode(codec, errors="replace"))
    try:
        return nfc(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is None:
        raise ExtractError("encoding", "the text encoding could not be recognised")
    return nfc(str(best))


def lines_to_blocks(
    text: str, *, origin: str = "text", start: int = 0, header_lines: int = HEADER_LINES
) -> list[Block]:
    """One block a line; in the header's lines, one a column: a text laid out with spaces (a
    letter saved as plain text, a layout export) sets the two header columns side by side, the
    level under the number sharing its line with the date at the right."""
    blocks: list[Block] = []
    lines = 0
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        zone = HEADER if lines < header_lines else BODY
        lines += 1
        for part in _columns(line) if zone == HEADER else [line]:
            blocks.append(Block(text=part, zone=zone, order=start + len(blocks), origin=origin))
    return blocks


def _columns(line: str) -> list[str]:
    """A header line's columns; the two words of a letter-spaced level ("T Ố I    M Ậ T")
    stay one column, whether alone on the line or beside another column (the date)."""
    parts = COLUMN_GAP.split(line)
    gaps = [found.group() for found in COLUMN_GAP.finditer(line)]
    columns = [parts[0]]
    for gap, part in zip(gaps, parts[1:], strict=True):
        joined = columns[-1] + gap + part
        if _spaced(columns[-1]) and _spaced(part) and letters_key(joined) in SPACED_LEVELS:
            columns[-1] = joined
        else:
            columns.append(part)
    return columns


COLUMN_GAP = re.compile(r" {4,}|\t+")  # between two columns of a text laid out with spaces


SPACED_LEVELS = {letters_key(words) for words in STAMP_WORDS.values()}


def _spaced(line: str) -> bool:
    """A column typed letter by letter ("T U Y Ệ T", "M Ậ T"): one word of a spaced level."""
    letters = line.split()
    return len(letters) >= 3 and all(len(letter) == 1 for letter in letters)


def extract_text(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    return Extracted(kind="text", blocks=lines_to_blocks(decode(data))[: limits.max_blocks])


# --- HTML ------------------------------------------------------------------------------------------
# A browser puts inline elements (span, b, i, a, font, unknown tags) side by side on one line and
# starts a new line at a block element or <br>. A level word written as <span>M</span><span>ẬT</span>,
# one letter per span or as two styled words reads whole only when the text is joined the same way;
# whitespace inside a paragraph (the source's own line breaks included) is one space.

BLOCK_TAGS = frozenset(
    (
        *("address", "article", "aside", "blockquote", "body", "caption", "center", "dd"),
        *("details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure"),
        *("footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hgroup", "hr", "html", "iframe", "legend", "li", "listing", "main", "menu", "nav"),
        *("ol", "optgroup", "option", "p", "plaintext", "pre", "search", "section", "select"),
        *("summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "ul"),
        *("xmp", "text"),
    )
)  # `text` is SVG's: each <text> element is drawn apart
HIDDEN_TAGS = frozenset(("script", "style", "noscript", "template", "head", "title"))
PRE_TAGS = frozenset(("pre", "listing", "plaintext", "textarea", "xmp"))
# Characters drawn as nothing (zero-width space, joiners, word joiner, BOM) or only at a line's
# end (soft hyphen): between the letters of a word they change nothing on screen.
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_SPACE = re.compile(r"\s+")
_DECLARATION = re.compile(r"([a-z-]+)\s*:\s*([^;]*)", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9-]*)?((?:[.#][\w-]+)*)$", re.IGNORECASE)
_PIXELS = re.compile(r"^\s*(\d{1,6})(?:\.\d+)?\s*(?:px)?\s*$", re.IGNORECASE)
BLOCK_DISPLAYS = frozenset(("block", "flex", "grid", "list-item", "flow-root"))  # and table-*
INLINE_DISPLAYS = frozenset(("inline", "contents", "ruby"))
# A box laid out in the line (a framed stamp as `display: inline-block`): the browser draws it
# apart from the words beside it, so its text is a line of its own, never glued to theirs
BOXED_DISPLAYS = frozenset(("inline-block", "inline-flex", "inline-grid", "inline-table"))
MAX_DEPTH = 2000  # elements nested deeper are not read (the stack of the walk stays small)
# The parser's work on nested block elements grows with the square of their depth (each new one
# looks down the stack of open elements): a page whose nesting would cost more than this many
# steps is read only up to that point.
MAX_NESTING_WORK = 40_000_000
_NESTING_TAG = re.compile(
    r"<(/?)(?:div|section|article|aside|blockquote|center|details|dialog|dir|dl|fieldset|"
    r"figure|figcaption|footer|header|hgroup|main|menu|nav|ol|ul|address|summary|search|pre|"
    r"listing)[\s/>]",
    re.IGNORECASE,
)
# Pictures of a page read as images (a scanned page shown on the page): at most this many, of at
# most these many bytes in all; icons (small by declared or real size, or by bytes) are skipped.
PAGE_IMAGES = 10
PAGE_IMAGE_BYTES = 20 * 1024 * 1024
# a data: URI longer than this cannot hold a picture the page may read (base64: 4 characters for 3
# bytes): it is dropped from the page before parsing, so that it costs no memory
_TOO_LONG_DATA = re.compile(rb"data:[^\"'\s>)]{%d,}" % (PAGE_IMAGE_BYTES * 4 // 3 + 1024))
IMAGE_MIN_BYTES = 800
IMAGE_MIN_SIDE = 24  # pixels: less than this in either direction is a rule, a bullet, a spacer
ICON_SIDE = 64  # pixels: no bigger than this in both directions is an icon
DATA_IMAGE_TYPES = {
    "png": "png",
    "jpeg": "jpg",
    "jpg": "jpg",
    "gif": "gif",
    "webp": "webp",
    "bmp": "bmp",
    "tiff": "tif",
    "x-ms-bmp": "bmp",
}


@dataclass(frozen=True)
class ImageRef:
    """An <img> of a page: its source as written and the size the page declares (pixels)."""

    src: str
    width: int | None = None
    height: int | None = None
    line: int = 0  # how many lines of text come before it

    def too_small(self) -> bool:
        return is_icon(self.width, self.height)


def is_icon(width: int | None, height: int | None) -> bool:
    """A picture too small to hold a readable stamp: a rule, a bullet, an icon."""
    sides = [side for side in (width, height) if side is not None]
    if any(side < IMAGE_MIN_SIDE for side in sides):
        return True
    return len(sides) == 2 and all(side <= ICON_SIDE for side in sides)


@dataclass
class PageText:
    """The lines of a page as a browser would lay them out, and its pictures."""

    lines: list[tuple[str, bool]] = field(default_factory=list)  # (text, inside navigation)
    struck: set[int] = field(default_factory=set)  # the lines crossed out (<s>, line-through)
    # the lines whose every word is in red ink inside a frame: drawn as a stamp is
    red: set[int] = field(default_factory=set)
    images: list[ImageRef] = field(default_factory=list)
    truncated: str = ""  # why not all of the page was read


def _declarations(style: str) -> dict[str, str]:
    return {
        name.lower(): value.strip().lower() for name, value in _DECLARATION.findall(style[:4000])
    }


class _Rules:
    """The simple rules of a page's style sheets (tag, .class, #id and their compounds) that
    change how text is laid out or cased: display and text-transform (font-variant small-caps
    draws lower-case letters as capitals)."""

    def __init__(self, sheets: list[str]) -> None:
        self.rules: list[tuple[str | None, frozenset[str], str | None, dict[str, str]]] = []
        for sheet in sheets:
            for rule in _CSS_COMMENT.sub(" ", sheet[:200_000]).split("}"):
                head, brace, body = rule.rpartition("{")
                if not brace:
                    continue
                selectors = head.rsplit("{", 1)[-1]  # inside @media: the rule's own selectors
                wanted = {k: v for k, v in _declarations(body).items() if k in _LAYOUT_PROPERTIES}
                if not wanted:
                    continue
                for selector in selectors.split(","):
                    match = _SIMPLE_SELECTOR.match(selector.strip())
                    if match is None or not (match.group(1) or match.group(2)):
                        continue
                    parts = re.findall(r"([.#])([\w-]+)", match.group(2))
                    classes = frozenset(name for kind, name in parts if kind == ".")
                    ids = [name for kind, name in parts if kind == "#"]
                    tag = match.group(1).lower() if match.group(1) else None
                    self.rules.append((tag, classes, ids[0] if ids else None, wanted))
                    if len(self.rules) >= 500:
                        return

    def apply(self, tag: str, attributes: dict[str, str | None]) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.rules:
            classes = set((attributes.get("class") or "").split())
            ident = attributes.get("id")
            for rule_tag, rule_classes, rule_id, declarations in self.rules:
                if (
                    (rule_tag is None or rule_tag == tag)
                    and rule_classes <= classes
                    and (rule_id is None or rule_id == ident)
                ):
                    found.update(declarations)
        style = attributes.get("style")
        if style:
            found.update((k, v) for k, v in _declarations(style).items() if k in _LAYOUT_PROPERTIES)
        return found


_LAYOUT_PROPERTIES = frozenset(
    (
        "display",
        "text-transform",
        "font-variant",
        "font-variant-caps",
        "color",
        "border",
        "border-style",
        "outline",
        "text-decoration",
        "text-decoration-line",
    )
)
_LETTER = re.compile(r"[^\W\d_]")
STRUCK_TAGS = frozenset(("s", "strike", "del"))


def _in_red(
    tag: str, attributes: dict[str, str | None], declarations: dict[str, str], inherited: bool
) -> bool:
    """Whether an element's text is drawn in red (CSS color, or an old <font color>): the
    stamp's colour (TT24 Art. 3.2); a colour it does not name is its parent's."""
    colour = declarations.get("color") or (attributes.get("color") if tag == "font" else None)
    if not colour:
        return inherited
    rgb = _css_rgb(colour.strip().lower())
    return rgb is not None and is_red_rgb(*rgb)


_NAMED_REDS = {
    "red": (255, 0, 0),
    "darkred": (139, 0, 0),
    "firebrick": (178, 34, 34),
    "crimson": (220, 20, 60),
    "maroon": (128, 0, 0),
    "brown": (165, 42, 42),
}
_RGB_FUNCTION = re.compile(r"rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})")


def _framed(declarations: dict[str, str]) -> bool:
    """Whether an element draws a frame (a border or an outline) around its text: a stamp's look
    on a web page, where a red heading alone is only a heading."""
    for name in ("border", "border-style", "outline"):
        value = declarations.get(name, "")
        if (
            value
            and not any(word in value for word in ("none", "hidden"))
            and not NO_WIDTH.match(value)
        ):
            return True
    return False


NO_WIDTH = re.compile(r"0(?:\.0+)?(?:px|pt|em|rem)?(?:\s|$)")  # "0", "0px solid": no line drawn


def _css_rgb(value: str) -> tuple[int, int, int] | None:
    """A CSS colour as red, green and blue (0–255): #rgb, #rrggbb, rgb() and a few red names."""
    value = value.removesuffix("!important").strip()
    if value in _NAMED_REDS:
        return _NAMED_REDS[value]
    if value.startswith("#") and len(value) in (4, 7):
        digits = value[1:] if len(value) == 7 else "".join(c * 2 for c in value[1:])
        try:
            return (int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))
        except ValueError:
            return None
    found = _RGB_FUNCTION.match(value)
    if found:
        r, g, b = (min(255, int(v)) for v in found.groups())
        return r, g, b
    return None


def _crossed_out(tag: str, declarations: dict[str, str], inherited: bool) -> bool:
    """Whether an element's text is drawn crossed out (an old marking kept visible but void)."""
    decoration = declarations.get("text-decoration-line") or declarations.get("text-decoration")
    if decoration is not None and "line-through" not in decoration and "none" in decoration:
        return False  # a child may undo its parent's line only by naming none
    return inherited or tag in STRUCK_TAGS or "line-through" in (decoration or "")


def _transform(declarations: dict[str, str], inherited: str) -> str:
    """ "upper", "lower" or "" (as written), from text-transform and small capitals."""
    transform = declarations.get("text-transform", "")
    if transform.startswith("uppercase"):
        return "upper"
    if transform.startswith("lowercase"):
        return "lower"
    if transform.startswith("none"):
        return ""
    caps = declarations.get("font-variant-caps") or declarations.get("font-variant", "")
    if "small-caps" in caps:
        return "upper"
    return inherited


def _pixels(value: str | None) -> int | None:
    match = _PIXELS.match(value or "")
    return int(match.group(1)) if match else None


def image_ref(attributes: dict[str, str | None], line: int = 0) -> ImageRef | None:
    """An <img>'s picture: its source (the one a lazy-loading script would put in, when given)
    and declared size."""
    src = (attributes.get("src") or "").strip()
    lazy = (attributes.get("data-src") or attributes.get("data-original") or "").strip()
    if lazy and (not src or (src[:5].lower() == "data:" and len(src) < IMAGE_MIN_BYTES)):
        src = lazy
    if not src:
        return None
    style = _declarations(attributes.get("style") or "")
    width = _pixels(attributes.get("width")) or _pixels(style.get("width"))
    height = _pixels(attributes.get("height")) or _pixels(style.get("height"))
    return ImageRef(src=src, width=width, height=height, line=line)


def nesting_cut(data: str) -> int | None:
    """Where the page's nesting of block elements becomes too costly to parse, or None."""
    depth = work = 0
    for match in _NESTING_TAG.finditer(data):
        if match.group(1):
            depth = max(0, depth - 1)
            continue
        depth += 1
        work += depth
        if work > MAX_NESTING_WORK:
            return match.start()
    return None


def page_text(data: bytes) -> PageText:
    """The page's lines and pictures (script, style and the head left out)."""
    from selectolax.lexbor import LexborHTMLParser

    page = PageText()
    if len(data) > PAGE_IMAGE_BYTES and b"data:" in data:
        data = _TOO_LONG_DATA.sub(b"data:,", data)
    text = decode(data)
    cut = nesting_cut(text)
    if cut is not None:
        text = text[:cut]
        page.truncated = "the page nests its elements too deeply; only its beginning was read"
    tree = LexborHTMLParser(text)
    rules = _Rules([node.text() or "" for node in tree.css("style")[:50]])
    root = tree.body or tree.root
    if root is None:
        return page
    parts: list[str] = []
    crossed: list[bool] = []  # whether each of `parts` is drawn crossed out
    inks: list[bool] = []  # whether each of `parts` is drawn in red
    in_nav = False

    def add_line(pieces: list[str], struck: bool, red: bool = False) -> None:
        text = _SPACE.sub(" ", "".join(pieces).translate(INVISIBLE)).strip()
        if text:
            if struck:
                page.struck.add(len(page.lines))
            if red:
                page.red.add(len(page.lines))
            page.lines.append((text, in_nav))

    def end_line() -> None:
        nonlocal in_nav
        if not parts:
            return
        lettered = [flag for part, flag in zip(parts, crossed, strict=True) if _LETTER.search(part)]
        red = [ink for part, ink in zip(parts, inks, strict=True) if _LETTER.search(part)]
        if any(lettered) and not all(lettered):
            # the crossed-out words (an old level beside the new one) are a line of their own
            for flag in dict.fromkeys(lettered):
                add_line(
                    [p for p, f in zip(parts, crossed, strict=True) if f == flag] + [" "], flag
                )
        else:
            add_line(parts, bool(lettered) and all(lettered), bool(red) and all(red))
        parts.clear()
        crossed.clear()
        inks.clear()
        in_nav = False

    # (children still to visit, is a block, text transform, preformatted, navigation, struck,
    # in red, inside a frame)
    stack: list[tuple[Any, bool, str, bool, bool, bool, bool, bool]] = [
        (root.iter(include_text=True), True, "", False, False, False, False, False)
    ]
    while stack:
        children, block, transform, pre, nav, struck, red, framed = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if block:
                end_line()
            continue
        if child.is_text_node:
            text = child.text_content or ""
            if transform == "upper":
                text = text.upper()
            elif transform == "lower":
                text = text.lower()
            if pre:
                lines = text.replace("\r\n", "\n").split("\n")
                for line in lines[:-1]:
                    parts.append(line)
                    crossed.append(struck)
                    inks.append(red and framed)
                    in_nav = in_nav or nav
                    end_line()
                text = lines[-1]
            if text.strip():
                in_nav = in_nav or nav
            parts.append(text if pre else _SPACE.sub(" ", text))
            crossed.append(struck)
            inks.append(red and framed)
            continue
        if not child.is_element_node:
            continue
        tag = (child.tag or "").lower()
        if tag in HIDDEN_TAGS:
            continue
        attributes = child.attributes
        if tag == "img":
            ref = image_ref(attributes, len(page.lines) + bool(parts))
            if ref is not None and len(page.images) < 10_000:
                page.images.append(ref)
            continue
        if tag == "br":
            end_line()
            continue
        if len(stack) >= MAX_DEPTH:
            page.truncated = page.truncated or "elements nested too deeply were not read"
            continue
        styled = rules.rules or "style" in attributes
        declarations = rules.apply(tag, attributes) if styled else {}
        display = declarations.get("display", "").split(" ")[0] if declarations else ""
        is_block = display in BOXED_DISPLAYS or (
            display not in INLINE_DISPLAYS
            and (tag in BLOCK_TAGS or display in BLOCK_DISPLAYS or display.startswith("table"))
        )
        if is_block:
            end_line()
        child_nav = nav or tag == "nav" or attributes.get("role") == "navigation"
        stack.append(
            (
                child.iter(include_text=True),
                is_block,
                _transform(declarations, transform) if declarations else transform,
                pre or tag in PRE_TAGS,
                child_nav,
                _crossed_out(tag, declarations, struck),
                _in_red(tag, attributes, declarations, red),
                framed or _framed(declarations),
            )
        )
    end_line()
    return page


def html_text(data: bytes) -> str:
    """The page's text, one laid-out line per line."""
    return "\n".join(text for text, _nav in page_text(data).lines)


def _page_blocks(
    page: PageText, origin: str = "html", header_lines: int = HEADER_LINES
) -> list[Block]:
    """Lines to blocks: the header is the page's first lines, its navigation menus left out
    (they are in the body, and do not count)."""
    blocks: list[Block] = []
    header_left = header_lines
    for index, (text, nav) in enumerate(page.lines):
        zone = BODY
        if not nav and header_left > 0:
            zone, header_left = HEADER, header_left - 1
        blocks.append(
            Block(
                text=text,
                zone=zone,
                order=len(blocks),
                origin=origin,
                struck=index in page.struck,
                red=index in page.red,
            )
        )
    return blocks


def data_image(src: str, max_bytes: int) -> tuple[bytes, str] | None:
    """The picture of a data: URI (base64 or percent-encoded) and its usual suffix, or None when
    it is no raster image, is damaged, or would be larger than `max_bytes`."""
    head, comma, payload = src.partition(",")
    if not comma or head[:5].lower() != "data:":
        return None
    media = head[5:].split(";")
    subtype = media[0].strip().lower().removeprefix("image/")
    suffix = DATA_IMAGE_TYPES.get(subtype)
    if suffix is None and media[0].strip():
        return None  # an SVG drawing, a font, a document: not a picture to read
    if "base64" in (m.strip().lower() for m in media[1:]):
        if len(payload) * 3 // 4 > max_bytes + 3:
            return None
        try:
            raw = base64.b64decode(payload + "=" * (-len(payload.strip()) % 4), validate=False)
        except (binascii.Error, ValueError):
            return None
    else:
        if len(payload) > 3 * max_bytes:
            return None
        raw = unquote_to_bytes(payload)
    if len(raw) > max_bytes:
        return None
    from bmnn.scanner.engine.extract import sniff

    if sniff(raw[:64]) != "image":
        return None
    return raw, suffix or "img"


def picture_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the picture's header (nothing decoded), or None if unreadable."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            return image.size
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError):
        return None


def _in_header(page: PageText, line: int, header_lines: int = HEADER_LINES) -> bool:
    """Whether a picture placed after `line` lines of text sits among the page's header lines."""
    return sum(1 for _text, nav in page.lines[:line] if not nav) < header_lines


def is_stamp_shaped(width: int, height: int) -> bool:
    """A wide, low picture: a stamp or a line of text, not a page or a photo."""
    return width >= 2 * height and height <= 400


def extract_html(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """The page's text and its embedded pictures (data: URIs). A stamp-shaped picture among the
    header lines (a stamp pasted into a typed page) is read as part of the page's header when its
    text shows no secret; other pictures (a scanned page shown on the page) are members, each
    read as an image of its own."""
    from bmnn.scanner.engine.extract.office import read_pictures_later

    page = page_text(data)
    result = Extracted(kind="html", blocks=_page_blocks(page)[: limits.max_blocks])
    if page.truncated:
        result.notes.append(page.truncated)
    if page.truncated.startswith("the page nests"):
        result.limit = LimitReached("depth", page.truncated)
    header_pictures: list[bytes] = []
    bytes_left = PAGE_IMAGE_BYTES
    skipped = tried = 0
    for ref in page.images:
        if ref.src[:5].lower() != "data:" or ref.too_small() or len(ref.src) < IMAGE_MIN_BYTES:
            continue
        if len(result.members) + len(header_pictures) >= PAGE_IMAGES or tried >= 3 * PAGE_IMAGES:
            skipped += 1
            continue
        tried += 1
        found = data_image(ref.src, min(bytes_left, limits.max_member_bytes))
        size = picture_size(found[0]) if found is not None else None
        if found is None or size is None or len(found[0]) < IMAGE_MIN_BYTES or is_icon(*size):
            continue
        raw, suffix = found
        if not allowed(budget, result, member=True, size=len(raw)):
            break
        bytes_left -= len(raw)
        if is_stamp_shaped(*size) and _in_header(page, ref.line) and len(header_pictures) < 3:
            header_pictures.append(raw)
        else:
            result.members.append((f"img/data-{len(result.members) + 1}.{suffix}", raw))
    if skipped:
        result.notes.append(f"{skipped} more embedded pictures were not read")
    read_pictures_later(header_pictures, result, limits)
    return result


SHORT_PLAIN = 100  # characters the HTML version must hold beyond twice the plain one's
MAIL_NESTING = 16  # multiparts inside multiparts looked into; a mail client nests three or four


def _mail_parts(part: Any, body: Any, depth: int = 0, alternative: bool = False) -> Any:
    """The parts of a message scanned on their own: attachments, pictures shown inside the text
    (`cid:` images in a multipart/related part, a photo of a page pasted into the mail), and
    text parts other than the body (`body`, read as the body, and the other versions of it in
    its multipart/alternative). A forwarded message is one part. Parts nested deeper than
    `MAIL_NESTING` are not looked into."""
    if depth > MAIL_NESTING:
        return
    if part.get_content_maintype() == "message" or not part.is_multipart():
        text = part.get_content_type() in ("text/plain", "text/html") and not (
            part.get_content_disposition() == "attachment" or part.get_filename()
        )
        if not (text and (part is body or alternative)):
            yield part
        return
    inside = alternative or part.get_content_subtype() == "alternative"
    for inner in part.iter_parts():
        yield from _mail_parts(inner, body, depth + 1, inside)


def _html_version(message: Any, body: Any) -> Any:
    """The message's HTML text part other than `body`, if any (not an attachment)."""
    return next(
        (
            part
            for part in message.walk()
            if part.get_content_type() == "text/html"
            and part is not body
            and not (part.get_content_disposition() == "attachment" or part.get_filename())
        ),
        None,
    )


def _text_of(part: Any) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError):
        raw = part.get_payload(decode=True)
        content = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else ""
    if part.get_content_type() == "text/html":
        return html_text(str(content).encode("utf-8"))
    return str(content)


def _html_body(part: Any, start: int) -> list[Block]:
    """An HTML body's lines as a web page's are read: red and crossed-out lines keep their
    colour and their stroke (a level stamped in a red box, an old level struck through)."""
    try:
        page = page_text(str(part.get_content()).encode("utf-8"))
    except (LookupError, ValueError, AssertionError):
        return lines_to_blocks(_text_of(part), origin="mail", start=start)
    return [
        replace(block, order=start + block.order) for block in _page_blocks(page, origin="mail")
    ]


def _red_as_in_html(blocks: list[Block], message: Any, body: Any) -> list[Block]:
    """The plain text body's lines, red where the message's HTML version of the same text
    draws that line in red (the plain version has no colours)."""
    if body.get_content_type() != "text/plain":
        return blocks
    html = _html_version(message, body)
    if html is None:
        return blocks
    try:
        page = page_text(str(html.get_content()).encode("utf-8"))
    except (LookupError, ValueError, AssertionError):
        return blocks
    red = {page.lines[index][0] for index in page.red}
    return [replace(block, red=True) if block.text in red else block for block in blocks]


def extract_mail(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """Subject and body as text; every attachment, and every picture shown in the body, becomes
    a member scanned on its own."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as exc:
        raise ExtractError("malformed", "the message cannot be parsed") from exc
    if not isinstance(message, EmailMessage):  # the default policy always makes one
        raise ExtractError("malformed", "the message cannot be parsed")
    result = Extracted(kind="eml")
    subject = str(message.get("subject", "") or "")
    if subject.strip():
        # its own origin: the body's first line is the one after it
        subject_line = Block(text=nfc(subject).strip(), zone=HEADER, origin=MAIL_SUBJECT)
        result.blocks.append(subject_line)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        content = _text_of(body)
        html = _html_version(message, body) if body.get_content_type() == "text/plain" else None
        if html is not None:
            # a plain version that only points at the HTML one ("see the HTML part"): the
            # document is in the HTML, which becomes the body
            fuller = _text_of(html)
            if len(fuller.strip()) > 2 * len(content.strip()) + SHORT_PLAIN:
                body, content = html, fuller
        if body.get_content_type() == "text/html":
            result.blocks += _html_body(body, start=len(result.blocks))
        else:
            lines = lines_to_blocks(content, origin="mail", start=len(result.blocks))
            result.blocks += _red_as_in_html(lines, message, body)
    for index, part in enumerate(_mail_parts(message, body)):
        if len(result.members) >= limits.max_members_scanned:
            result.notes.append("too many attachments; the rest were not scanned")
            break
        payload = part.get_payload(decode=True)
        size = len(payload) if isinstance(payload, bytes) else 0
        if not allowed(budget, result, member=True, size=size):
            break
        if isinstance(payload, bytes):
            name = part.get_filename() or f"attachment-{index + 1}"
            result.members.append((name, payload))
        elif part.get_content_type() == "message/rfc822":
            inner = part.get_payload()
            if isinstance(inner, list) and inner and hasattr(inner[0], "as_bytes"):
                result.members.append((f"message-{index + 1}.eml", inner[0].as_bytes()))
    return result
