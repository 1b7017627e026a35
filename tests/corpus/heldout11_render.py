"""Renderers of held-out corpus 11 (tests/corpus/heldout11.py): pages drawn with Pillow and
their scans and phone photos, envelopes, and the Word, PDF, workbook, slide, web page, mail and
plain-text files. A document's marks are `Block`s (rows of a stamp, some struck out); each
renderer shows them in its own way. Written for this corpus alone."""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import io
import math
import random
import unicodedata
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from tests.corpus.common import (
    font_path,
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    wrap_words,
)

RED = (204, 28, 40)
DARK_RED = (160, 20, 35)
INK = (22, 22, 28)
BLUE = (30, 50, 150)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# stamp faces of this corpus (fonts found on a Debian machine with Liberation and DejaVu)
STAMP_FACES = (
    "LiberationSerif-Bold",
    "LiberationSans-Bold",
    "DejaVuSans-Bold",
    "DejaVuSansCondensed-Bold",
    "DejaVuSerifCondensed-Bold",
    "LiberationMono-Bold",
)
WORD_FACES = ("Times New Roman", "Arial", "Arial Narrow", "Cambria", "Tahoma")
PAGE_W, PAGE_H = 1240, 1754  # A4 at 150 dpi


@functools.lru_cache(maxsize=256)
def face(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name, bold="Bold" in name)), size)


@dataclass
class Block:
    """One stamp: its rows (the first the largest), which rows are struck out, its look."""

    rows: list[str]
    struck: set[int] = field(default_factory=set)
    face: str = "LiberationSerif-Bold"
    size: int = 40  # pixels on a 150 dpi page
    colour: tuple[int, int, int] = RED
    frame: str = "single"  # single, double, rounded, dashed, none, circle
    angle: float = 0.0
    worn: float = 0.0  # share of the ink lost
    spacing: int = 0  # extra pixels between letters of the first row
    row_scale: float = 0.55  # size of the later rows against the first


def _blobs(rng: random.Random, size: tuple[int, int], grain: int) -> Image.Image:
    """A smooth random field (L) of `size`: random cells of `grain` pixels, blurred up."""
    w, h = max(2, size[0] // grain), max(2, size[1] // grain)
    small = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    return small.resize(size, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(2))


def _spaced(
    draw: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    font: ImageFont.FreeTypeFont,
    fill: tuple[int, ...],
    spacing: int,
) -> None:
    x, y = xy
    for ch in text:
        draw.text((x, y), ch, font=font, fill=fill)
        x += font.getlength(ch) + spacing


def _spaced_len(text: str, font: ImageFont.FreeTypeFont, spacing: int) -> float:
    return font.getlength(text) + spacing * max(0, len(text) - 1)


def stamp_image(block: Block, rng: random.Random) -> Image.Image:
    """The stamp as an RGBA picture (transparent around the ink)."""
    big = face(block.face, block.size)
    small = face(block.face, max(14, int(block.size * block.row_scale)))
    fonts = [big] + [small] * (len(block.rows) - 1)
    widths = [
        _spaced_len(row, font, block.spacing if i == 0 else 0)
        for i, (row, font) in enumerate(zip(block.rows, fonts, strict=True))
    ]
    heights = [int(font.size * 1.3) for font in fonts]
    pad = int(block.size * (0.45 if block.frame != "circle" else 0.6))
    w = int(max(widths)) + 2 * pad
    h = sum(heights) + 2 * pad - int(block.size * 0.2)
    if block.frame == "circle":
        w = h = max(w, h)
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    ink = (*block.colour, 255)
    y = pad - int(block.size * 0.1) if block.frame != "circle" else (h - sum(heights)) // 2
    for i, (row, font, rw, rh) in enumerate(zip(block.rows, fonts, widths, heights, strict=True)):
        x = (w - rw) / 2
        _spaced(draw, (x, y), row, font, ink, block.spacing if i == 0 else 0)
        if i in block.struck:
            mid = y + rh * 0.45
            thick = max(3, font.size // 9)
            draw.line((x - 8, mid, x + rw + 8, mid + rng.uniform(-3, 3)), fill=ink, width=thick)
            if rng.random() < 0.4:
                draw.line(
                    (x - 6, mid + thick * 2, x + rw + 6, mid + thick * 2), fill=ink, width=thick
                )
        y += rh
    line = max(3, block.size // 12)
    box = (line, line, w - line - 1, h - line - 1)
    if block.frame == "single":
        draw.rectangle(box, outline=ink, width=line)
    elif block.frame == "double":
        draw.rectangle(box, outline=ink, width=line)
        gap = line * 2 + 2
        draw.rectangle(
            (gap + line, gap + line, w - gap - line - 1, h - gap - line - 1),
            outline=ink,
            width=max(2, line // 2),
        )
    elif block.frame == "rounded":
        draw.rounded_rectangle(box, radius=block.size // 2, outline=ink, width=line)
    elif block.frame == "dashed":
        dash = block.size // 3
        for x0 in range(line, w - line, dash * 2):
            draw.line((x0, line, min(x0 + dash, w - line), line), fill=ink, width=line)
            draw.line(
                (x0, h - line - 1, min(x0 + dash, w - line), h - line - 1), fill=ink, width=line
            )
        for y0 in range(line, h - line, dash * 2):
            draw.line((line, y0, line, min(y0 + dash, h - line)), fill=ink, width=line)
            draw.line(
                (w - line - 1, y0, w - line - 1, min(y0 + dash, h - line)), fill=ink, width=line
            )
    elif block.frame == "circle":
        draw.ellipse(box, outline=ink, width=line + 1)
    if block.worn > 0:
        field_ = _blobs(rng, img.size, 6)
        keep = field_.point(lambda v: 0 if v < 255 * block.worn else 255)
        alpha = ImageChops.multiply(img.getchannel("A"), keep)
        img.putalpha(alpha)
    if block.angle:
        img = img.rotate(block.angle, expand=True, resample=Image.Resampling.BICUBIC)
    return img


def ink_on(page: Image.Image, ink: Image.Image, xy: tuple[int, int], strength: float = 1.0) -> None:
    """Stamp `ink` (RGBA) onto `page` (RGB) at `xy`, multiplied like ink over paper."""
    layer = Image.new("RGB", page.size, (255, 255, 255))
    alpha = ink.getchannel("A").point(lambda v: int(v * strength))
    layer.paste(ink.convert("RGB"), xy, alpha)
    page.paste(ImageChops.multiply(page, layer))


@dataclass
class Doc:
    """A Vietnamese administrative document: header, number, title, body, signer, annex."""

    agency: list[str]
    number: str
    place_date: str
    title: list[str]
    body: list[str]
    signer: list[str]
    annex: list[str] = field(default_factory=list)  # annex title, then paragraphs (page 2)
    recipients: list[str] = field(default_factory=list)


@dataclass
class Placed:
    """Blocks stamped at a place of a page: under_number, top_right, top_centre, top_left,
    over_signature, over_text, footer, annex (top right of the annex page)."""

    blocks: list[Block]
    where: str


def _signature(draw: ImageDraw.ImageDraw, x: int, y: int, rng: random.Random) -> None:
    points = [(x + i * 14, y + rng.randint(-18, 18)) for i in range(12)]
    draw.line(points, fill=BLUE, width=3, joint="curve")


def round_seal(
    rng: random.Random, text: str, colour: tuple[int, int, int] = RED, radius: int = 110
) -> Image.Image:
    """A round office seal: two rings, a star and the name around."""
    size = radius * 2 + 8
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    ink = (*colour, 235)
    c = size / 2
    draw.ellipse((4, 4, size - 4, size - 4), outline=ink, width=6)
    draw.ellipse((30, 30, size - 30, size - 30), outline=ink, width=3)
    star = [
        (
            c + (26 if k % 2 == 0 else 11) * math.cos(math.pi / 2 + k * math.pi / 5),
            c - (26 if k % 2 == 0 else 11) * math.sin(math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=ink)
    font = face("DejaVuSansCondensed-Bold", 17)
    n = len(text)
    for i, ch in enumerate(text):
        ang = math.pi + (i + 0.5) * (2 * math.pi * 0.9) / n
        r = radius - 24
        glyph = Image.new("RGBA", (28, 28), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((14, 14), ch, font=font, fill=ink, anchor="mm")
        glyph = glyph.rotate(-math.degrees(ang) - 90, resample=Image.Resampling.BICUBIC)
        img.alpha_composite(
            glyph, (int(c + r * math.cos(ang) - 14), int(c + r * math.sin(ang) - 14))
        )
    return img.rotate(rng.uniform(-20, 20), resample=Image.Resampling.BICUBIC)


def render_pages(
    doc: Doc,
    placed: list[Placed],
    rng: random.Random,
    *,
    text_face: str = "LiberationSerif-Regular",
    seal: str = "",
    figures: list[tuple[Block, str]] | None = None,
) -> list[Image.Image]:
    """The document's pages (RGB) with the stamps inked at their places; `figures` (stamps
    with their captions, a rule's specimens) are drawn under the annex's text."""
    bold = (
        text_face.replace("-Regular", "-Bold") if "-Regular" in text_face else text_face + "-Bold"
    )
    head = face(bold, 23)
    body = face(text_face, 26)
    title = face(bold, 30)
    margin = 115
    page = Image.new("RGB", (PAGE_W, PAGE_H), (255, 255, 255))
    draw = ImageDraw.Draw(page)
    anchors: dict[str, tuple[int, int, str]] = {}
    top = 150 if any(p.where in ("top_right", "top_centre", "top_left") for p in placed) else 90
    left_c, right_c = 330, 860
    y = top
    for line in doc.agency:
        draw.text((left_c, y), line, font=head, fill=INK, anchor="ma")
        y += 32
    draw.line((left_c - 70, y + 2, left_c + 70, y + 2), fill=INK, width=2)
    y += 14
    draw.text((left_c, y), doc.number, font=body, fill=INK, anchor="ma")
    anchors["under_number"] = (left_c, y + 44, "centre")
    yr = top
    for line in MOTTO:
        draw.text((right_c, yr), line, font=head, fill=INK, anchor="ma")
        yr += 32
    draw.line((right_c - 150, yr + 2, right_c + 150, yr + 2), fill=INK, width=2)
    draw.text(
        (right_c, yr + 30),
        doc.place_date,
        font=face(
            text_face.replace("Regular", "Italic") if "Liberation" in text_face else text_face, 24
        ),
        fill=INK,
        anchor="ma",
    )
    anchors["top_right"] = (PAGE_W - 60, 35, "right")
    anchors["top_centre"] = (PAGE_W // 2, 35, "centre")
    anchors["top_left"] = (60, 35, "left")
    y = max(y, yr) + 150
    for line in doc.title:
        draw.text((PAGE_W // 2, y), line, font=title, fill=INK, anchor="ma")
        y += 40
    y += 25
    text_ys = []
    for para in doc.body:
        for i, line in enumerate(wrap_words(para, body, PAGE_W - 2 * margin - 40)):
            draw.text((margin + (40 if i == 0 else 0), y), line, font=body, fill=INK)
            y += 36
        text_ys.append(y)
        y += 10
        if y > PAGE_H - 420:
            break
    anchors["over_text"] = (
        PAGE_W // 2 + rng.randint(-150, 150),
        text_ys[len(text_ys) // 2] - 80,
        "centre",
    )
    y += 30
    if doc.recipients:
        draw.text((margin, y), "Nơi nhận:", font=face(bold, 22), fill=INK)
        for i, r in enumerate(doc.recipients):
            draw.text((margin, y + 30 + 26 * i), f"- {r};", font=face(text_face, 20), fill=INK)
    sx = 860
    for i, line in enumerate(doc.signer):
        draw.text((sx, y + 36 * i), line, font=head if i < 2 else body, fill=INK, anchor="ma")
    _signature(draw, sx - 80, y + 36 * 2 + 40, rng)
    anchors["over_signature"] = (sx - 40, y + 50, "centre")
    anchors["footer"] = (PAGE_W // 2, PAGE_H - 130, "centre")
    if seal:
        ink_on(page, round_seal(rng, seal), (sx - 210, y + 20), 0.85)
    pages = [page]
    if doc.annex:
        annex = Image.new("RGB", (PAGE_W, PAGE_H), (255, 255, 255))
        ad = ImageDraw.Draw(annex)
        ya = 230
        for i, para in enumerate(doc.annex):
            font = title if i == 0 else body
            for line in wrap_words(para, font, PAGE_W - 2 * margin):
                ad.text(
                    (margin if i else PAGE_W // 2, ya),
                    line,
                    font=font,
                    fill=INK,
                    anchor="la" if i else "ma",
                )
                ya += 38
            ya += 14
            if ya > PAGE_H - 200:
                break
        for block, caption in figures or []:
            ink = stamp_image(block, rng)
            ya += 20
            ink_on(annex, ink, (PAGE_W // 2 - ink.width // 2, ya))
            ya += ink.height + 8
            ad.text((PAGE_W // 2, ya), caption, font=face(text_face, 22), fill=INK, anchor="ma")
            ya += 40
        pages.append(annex)
    for p in placed:
        target = pages[-1] if p.where == "annex" else page
        x, yy, align = (PAGE_W - 60, 60, "right") if p.where == "annex" else anchors[p.where]
        side_by_side = p.where.startswith("top_") or p.where == "annex"
        for block in p.blocks:
            ink = stamp_image(block, rng)
            if align == "centre":
                x0 = x - ink.width // 2
            elif align == "right":
                x0 = x - ink.width
            else:
                x0 = x
            strength = 1.0 - block.worn * 0.5
            ink_on(target, ink, (x0, yy), strength)
            if not side_by_side:
                yy += ink.height + 6
            elif align == "right":
                x -= ink.width + 24
            else:
                x += ink.width + 24 if align == "left" else ink.width // 2 + 24
                align = "left" if align == "centre" else align
    return pages


def degrade(
    page: Image.Image,
    rng: random.Random,
    *,
    mode: str = "colour",  # colour, grey, bilevel, photocopy
    angle: float = 0.0,
    turn: int = 0,
    scale: float = 1.0,
    blur: float = 0.0,
    fade: float = 0.0,
) -> Image.Image:
    """A scanner's copy of the page: skewed, turned, greyed or thresholded, smaller, softer."""
    img = page
    if fade:
        img = Image.blend(img, Image.new("RGB", img.size, (255, 255, 255)), fade)
    if mode == "photocopy":
        grey = ImageOps.grayscale(img)
        img = grey.point(lambda v: 0 if v < 200 else min(255, v + 20)).convert("RGB")
    if angle:
        img = img.rotate(
            angle, expand=True, fillcolor=(250, 250, 248), resample=Image.Resampling.BICUBIC
        )
    if scale != 1.0:
        img = img.resize(
            (int(img.width * scale), int(img.height * scale)), Image.Resampling.LANCZOS
        )
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if mode == "grey":
        img = ImageOps.grayscale(img)
        speck = _blobs(rng, img.size, 40).point(lambda v: 255 - max(0, v - 210) // 5)
        img = ImageChops.multiply(img, speck)
    elif mode == "bilevel":
        img = ImageOps.grayscale(img).point(lambda v: 255 if v > 165 else 0).convert("1")
    if turn:
        img = img.rotate(turn, expand=True)
    return img


def scan_bytes(pages: list[Image.Image], fmt: str, *, quality: int = 70, dpi: int = 150) -> bytes:
    """The scanned pages as PNG, JPEG, TIFF (multipage) or PDF (a picture per page)."""
    out = io.BytesIO()
    if fmt == "png":
        return png(pages[0])
    if fmt == "jpg":
        return jpeg(pages[0], quality)
    if fmt == "tif":
        first = pages[0]
        first.save(
            out,
            "TIFF",
            save_all=True,
            append_images=pages[1:],
            compression="tiff_deflate" if first.mode != "1" else "group4",
            dpi=(dpi, dpi),
        )
        return out.getvalue()
    rgb = [p.convert("RGB") if p.mode not in ("1", "L") else p for p in pages]
    rgb[0].save(out, "PDF", save_all=True, append_images=rgb[1:], resolution=dpi)
    return out.getvalue()


def photographed(
    page: Image.Image,
    rng: random.Random,
    *,
    turn: int = 0,
    shadow: bool = True,
    quality: int = 80,
    dark: float = 0.0,
) -> bytes:
    """A phone photo of the page on a desk: perspective, uneven light, a hand's shadow."""
    pw, ph = page.size
    cw, ch = int(pw * 1.18), int(ph * 1.12)
    desk = rng.choice([(120, 95, 70), (90, 90, 96), (150, 130, 105), (60, 62, 70)])
    canvas = Image.new("RGB", (cw, ch), desk)
    mx, my = (cw - pw) / 2, (ch - ph) / 2
    j = lambda: rng.uniform(-0.06, 0.06) * pw  # noqa: E731
    dst = [
        (mx + j(), my + j()),
        (mx + pw + j(), my + j()),
        (mx + pw + j(), my + ph + j()),
        (mx + j(), my + ph + j()),
    ]
    src = [(0, 0), (pw, 0), (pw, ph), (0, ph)]
    coeffs = perspective_coeffs(dst, src)
    warped = page.convert("RGB").transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=desk
    )
    mask = Image.new("L", page.size, 255).transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR, fillcolor=0
    )
    canvas.paste(warped, (0, 0), mask)
    light = Image.linear_gradient("L").resize((cw, ch)).rotate(rng.choice([0, 90, 180, 270]))
    light = light.point(lambda v: int(255 - v * (0.25 + dark)))
    canvas = ImageChops.multiply(canvas, Image.merge("RGB", (light, light, light)))
    if shadow:
        sh = Image.new("L", (cw, ch), 255)
        sd = ImageDraw.Draw(sh)
        x0 = rng.randint(0, cw // 2)
        sd.polygon(
            [
                (x0, ch),
                (x0 + cw // 3, ch * 0.55),
                (x0 + cw // 2, ch * 0.6),
                (x0 + cw // 3 + 80, ch),
            ],
            fill=150,
        )
        sh = sh.filter(ImageFilter.GaussianBlur(40))
        canvas = ImageChops.multiply(canvas, Image.merge("RGB", (sh, sh, sh)))
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    if turn:
        canvas = canvas.rotate(turn, expand=True)
    scale = rng.uniform(0.75, 0.95)
    canvas = canvas.resize(
        (int(canvas.width * scale), int(canvas.height * scale)), Image.Resampling.LANCZOS
    )
    return jpeg(canvas, quality)


KRAFT = (198, 163, 112)
WHITE_PAPER = (246, 244, 236)


def envelope_image(
    rng: random.Random,
    *,
    sender: list[str],
    number: str,
    to: list[str],
    mark: str,
    mark_colour: tuple[int, int, int],
    paper: tuple[int, int, int],
    extra: Block | None = None,
) -> Image.Image:
    """An envelope: sender and number top left, a mark under the number (a circled letter or
    figure, a round seal, or nothing), the addressee in the middle."""
    w, h = 1500, 900
    img = Image.new("RGB", (w, h), paper)
    grain = _blobs(rng, (w, h), 12).point(lambda v: 235 + v // 12)
    img = ImageChops.multiply(img, Image.merge("RGB", (grain, grain, grain)))
    draw = ImageDraw.Draw(img)
    bold = face("LiberationSerif-Bold", 28)
    reg = face("LiberationSerif-Regular", 30)
    y = 60
    for line in sender:
        draw.text((300, y), line, font=bold, fill=INK, anchor="ma")
        y += 36
    draw.text((300, y + 10), number, font=reg, fill=INK, anchor="ma")
    if mark.startswith("seal:"):
        ink_on(img, round_seal(rng, mark[5:], mark_colour, 95), (200, y + 60), 0.9)
    elif mark:
        size = rng.choice([54, 62, 70])
        block = Block(
            [mark],
            face=rng.choice(
                ["LiberationSerif-Bold", "LiberationSans-Bold", "DejaVuSerifCondensed-Bold"]
            ),
            size=size,
            colour=mark_colour,
            frame="circle",
            angle=rng.uniform(-8, 8),
            worn=rng.choice([0, 0, 0.15, 0.3]),
        )
        ink_on(img, stamp_image(block, rng), (300 - size, y + 70))
    if extra is not None:
        ink_on(img, stamp_image(extra, rng), (w - 460, 70))
    ty = 470
    for i, line in enumerate(to):
        draw.text((620, ty + 46 * i), line, font=bold if i == 0 else reg, fill=INK)
    draw.line(
        (620, ty + 46 * len(to) + 10, w - 80, ty + 46 * len(to) + 10), fill=(90, 90, 90), width=2
    )
    return img


# ---- Word ---------------------------------------------------------------------------------


def _hex(colour: tuple[int, int, int]) -> str:
    return "".join(f"{c:02X}" for c in colour)


def _block_paragraph(
    paragraph: object, block: Block, font: str, pt: float, *, frame: bool = True
) -> None:
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt, RGBColor

    for i, row in enumerate(block.rows):
        run = paragraph.add_run(row)  # type: ignore[attr-defined]
        run.bold = True
        run.font.name = font
        run.font.size = Pt(pt if i == 0 else max(8, pt * block.row_scale))
        run.font.color.rgb = RGBColor(*block.colour)
        run.font.strike = i in block.struck
        if block.spacing and i == 0:
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), str(block.spacing * 10))
            run._r.get_or_add_rPr().append(sp)
        if i < len(block.rows) - 1:
            run.add_break(WD_BREAK.LINE)
    if frame and block.frame != "none":
        style = {"double": "double", "dashed": "dashed", "rounded": "single"}.get(
            block.frame, "single"
        )
        paragraph_border(
            paragraph, _hex(block.colour), size=16 if style != "double" else 6, space=3, style=style
        )


def word_doc(
    doc: Doc,
    placed: list[Placed],
    rng: random.Random,
    *,
    picture: bool = False,
    font: str = "Times New Roman",
) -> bytes:
    """A .docx of the document: a header table (agency and number left, motto and date right),
    title, body, signer; stamps as framed red paragraphs (or pictures) at their places: under
    the number (in the table), top right or centre, the page header or footer, or an annex
    after a page break."""
    import docx
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt

    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(13)
    section = d.sections[0]
    section.left_margin = Cm(3)
    section.right_margin = Cm(2)
    where = {p.where: p.blocks for p in placed}
    align = {
        "top_right": WD_ALIGN_PARAGRAPH.RIGHT,
        "top_centre": WD_ALIGN_PARAGRAPH.CENTER,
        "top_left": WD_ALIGN_PARAGRAPH.LEFT,
    }

    def stamp_paragraphs(container: object, key: str, alignment: object) -> None:
        for block in where.get(key, []):
            p = container.add_paragraph()  # type: ignore[attr-defined]
            p.alignment = alignment
            if picture:
                p.add_run().add_picture(
                    io.BytesIO(png(stamp_image(block, rng))), width=Cm(max(2.5, block.size / 10))
                )
            else:
                pt = 13 + block.size / 10
                _block_paragraph(p, block, font, pt)
                # the frame hugs the words: the paragraph is narrowed to about their width
                words = max(
                    len(row) * (pt if i == 0 else pt * block.row_scale)
                    for i, row in enumerate(block.rows)
                )
                stamp_cm = words * 0.62 / 28.35 + 0.8
                room = (7.5 if key == "under_number" else 16.0) - stamp_cm
                if room > 0:
                    fmt = p.paragraph_format
                    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                        fmt.left_indent = Cm(room)
                    elif alignment == WD_ALIGN_PARAGRAPH.LEFT:
                        fmt.right_indent = Cm(room)
                    else:
                        fmt.left_indent = fmt.right_indent = Cm(room / 2)

    for key in ("header", "footer"):
        if key in where:
            part = section.header if key == "header" else section.footer
            stamp_paragraphs(
                part,
                key,
                WD_ALIGN_PARAGRAPH.RIGHT if rng.random() < 0.6 else WD_ALIGN_PARAGRAPH.CENTER,
            )
    for key in ("top_left", "top_right", "top_centre"):
        stamp_paragraphs(d, key, align[key])
    table = d.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(doc.agency):
        p = left.paragraphs[0] if i == 0 else left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = i > 0
        r.font.size = Pt(12)
    p = left.add_paragraph(doc.number)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    stamp_paragraphs(left, "under_number", WD_ALIGN_PARAGRAPH.CENTER)
    for i, line in enumerate(MOTTO):
        p = right.paragraphs[0] if i == 0 else right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = True
        r.font.size = Pt(12)
    p = right.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(doc.place_date)
    r.italic = True
    d.add_paragraph()
    for line in doc.title:
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(line)
        r.bold = True
        r.font.size = Pt(14)
    for i, para in enumerate(doc.body):
        p = d.add_paragraph(para)
        p.paragraph_format.first_line_indent = Cm(1)
        if i == len(doc.body) // 2:
            stamp_paragraphs(d, "over_text", WD_ALIGN_PARAGRAPH.CENTER)
    for i, line in enumerate(doc.signer):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = p.add_run(line)
        r.bold = i < 2 or i == len(doc.signer) - 1
    stamp_paragraphs(d, "over_signature", WD_ALIGN_PARAGRAPH.RIGHT)
    if doc.recipients:
        p = d.add_paragraph()
        r = p.add_run("Nơi nhận:")
        r.bold = True
        for rcp in doc.recipients:
            d.add_paragraph(f"- {rcp};")
    if doc.annex:
        if "second_section" in where:
            new = d.add_section(WD_SECTION.NEW_PAGE)
            new.header.is_linked_to_previous = False
            stamp_paragraphs(new.header, "second_section", WD_ALIGN_PARAGRAPH.RIGHT)
        else:
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            stamp_paragraphs(d, "annex", WD_ALIGN_PARAGRAPH.RIGHT)
        for i, para in enumerate(doc.annex):
            p = d.add_paragraph()
            if i == 0:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                r = p.add_run(para)
                r.bold = True
            else:
                p.add_run(para)
    stamp_paragraphs(d, "end", WD_ALIGN_PARAGRAPH.LEFT)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---- PDF with a text layer ------------------------------------------------------------------


def text_pdf(
    doc: Doc,
    placed: list[Placed],
    rng: random.Random,
    *,
    picture: bool = False,
    serif: bool = True,
    turned: bool = False,
    figures: list[tuple[Block, str]] | None = None,
) -> bytes:
    """A PDF whose words are text: the stamps are framed red text (struck rows with a line
    through), or pictures, or turned text; `figures` are stamps drawn with a caption (a rule's
    specimens)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(dt.datetime(2027, 6, 14, 9, 30, tzinfo=dt.UTC))
    family = "dv"
    regular = font_path("DejaVuSerif" if serif else "DejaVuSans", bold=False)
    boldp = font_path("DejaVuSerif-Bold" if serif else "DejaVuSans-Bold", bold=True)
    pdf.add_font(family, "", str(regular))
    pdf.add_font(family, "B", str(boldp))
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    where = {p.where: p.blocks for p in placed}

    def stamp_at(blocks: list[Block], x: float, y: float, align: str, side: bool = False) -> float:
        """Stamps from (x, y): one under the other, or (`side`) side by side; returns the y
        under the last one when they are stacked."""
        for block in blocks:
            pt = 10 + block.size / 6
            if picture:
                img = stamp_image(block, rng)
                wmm = img.width / 150 * 25.4 * 0.8
                hmm = img.height / 150 * 25.4 * 0.8
                x0 = x - wmm if align == "R" else x - wmm / 2 if align == "C" else x
                buf = io.BytesIO(png(img))
                pdf.image(buf, x=x0, y=y, w=wmm, h=hmm)
                if side:
                    x, align = (x0 - 3, "R") if align == "R" else (x0 + wmm + 3, "L")
                else:
                    y += hmm + 2
                continue
            pdf.set_text_color(*block.colour)
            widths = []
            for i, row in enumerate(block.rows):
                pdf.set_font(family, "B", pt if i == 0 else pt * block.row_scale)
                pdf.set_char_spacing(block.spacing / 2 if i == 0 else 0)
                widths.append(pdf.get_string_width(row))
            bw = max(widths) + 8
            bh = (
                sum(
                    pt * 0.45 if i == 0 else pt * block.row_scale * 0.5
                    for i in range(len(block.rows))
                )
                + 4
            )
            x0 = x - bw if align == "R" else x - bw / 2 if align == "C" else x
            ctx = pdf.rotation(block.angle if turned else 0, x0 + bw / 2, y + bh / 2)
            with ctx:
                yy = y + 2
                for i, row in enumerate(block.rows):
                    size = pt if i == 0 else pt * block.row_scale
                    pdf.set_font(family, "B", size)
                    pdf.set_char_spacing(block.spacing / 2 if i == 0 else 0)
                    rh = size * 0.45 if i == 0 else size * 0.5
                    pdf.set_xy(x0 + (bw - widths[i]) / 2, yy)
                    pdf.cell(widths[i], rh, row)
                    if i in block.struck:
                        pdf.set_draw_color(*block.colour)
                        pdf.set_line_width(0.6)
                        pdf.line(x0 + 2, yy + rh / 2, x0 + bw - 2, yy + rh / 2)
                    yy += rh
                pdf.set_char_spacing(0)
                if block.frame != "none":
                    pdf.set_draw_color(*block.colour)
                    pdf.set_line_width(0.7)
                    if block.frame == "dashed":
                        pdf.set_dash_pattern(dash=2, gap=1.5)
                    pdf.rect(x0, y, bw, bh, round_corners=block.frame == "rounded")
                    if block.frame == "double":
                        pdf.rect(x0 + 1.2, y + 1.2, bw - 2.4, bh - 2.4)
                    pdf.set_dash_pattern()
            if side:
                x, align = (x0 - 3, "R") if align == "R" else (x0 + bw + 3, "L")
            else:
                y += bh + 2
        pdf.set_text_color(0, 0, 0)
        return y

    if "top_right" in where:
        stamp_at(where["top_right"], 195, 8, "R", side=True)
    if "top_centre" in where:
        stamp_at(where["top_centre"], 105, 8, "C", side=True)
    top = 26 if any(k in where for k in ("top_right", "top_centre")) else 14
    pdf.set_font(family, "", 10.5)
    for i, line in enumerate(doc.agency):
        pdf.set_font(family, "B" if i else "", 10.5)
        pdf.set_xy(15, top + 5 * i)
        pdf.cell(80, 5, line, align="C")
    ny = top + 5 * len(doc.agency) + 2
    pdf.set_font(family, "", 11)
    pdf.set_xy(15, ny)
    pdf.cell(80, 5, doc.number, align="C")
    for i, line in enumerate(MOTTO):
        pdf.set_font(family, "B", 10.5)
        pdf.set_xy(95, top + 5 * i)
        pdf.cell(105, 5, line, align="C")
    pdf.set_font(family, "", 10.5)
    pdf.set_xy(95, top + 12)
    pdf.cell(105, 5, doc.place_date, align="C")
    if "under_number" in where:
        stamp_at(where["under_number"], 55, ny + 7, "C")
    pdf.set_y(ny + 28)
    for line in doc.title:
        pdf.set_font(family, "B", 13)
        pdf.cell(0, 7, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font(family, "", 11.5)
    for i, para in enumerate(doc.body):
        pdf.multi_cell(0, 6, "      " + para, new_x="LMARGIN", new_y="NEXT")
        if i == len(doc.body) // 2 and "over_text" in where:
            stamp_at(where["over_text"], 105, pdf.get_y() - 10, "C")
    for fig, caption in figures or []:
        below = stamp_at([fig], 105, pdf.get_y() + 4, "C")
        pdf.set_font(family, "", 10)
        pdf.set_y(below + 1)
        pdf.cell(0, 5, caption, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    sy = pdf.get_y()
    for i, line in enumerate(doc.signer):
        pdf.set_font(family, "B" if i < 2 or i == len(doc.signer) - 1 else "", 11)
        pdf.set_xy(110, sy + 6 * i)
        pdf.cell(90, 6, line, align="C")
    if "over_signature" in where:
        stamp_at(where["over_signature"], 150, sy + 4, "C")
    if "footer" in where:
        stamp_at(where["footer"], 105, 272, "C")
    if doc.annex:
        pdf.add_page()
        if "annex" in where:
            stamp_at(where["annex"], 195, 10, "R", side=True)
        pdf.set_y(34)
        for i, para in enumerate(doc.annex):
            pdf.set_font(family, "B" if i == 0 else "", 13 if i == 0 else 11.5)
            pdf.multi_cell(
                0, 6.5, para, align="C" if i == 0 else "L", new_x="LMARGIN", new_y="NEXT"
            )
    return bytes(pdf.output())


# ---- workbook, slides, web page, mail, plain text ----------------------------------------------


def workbook(
    sheets: list[tuple[str, list[list[object]]]],
    *,
    stamp: tuple[int, str, Block] | None = None,
    header: tuple[str, Block] | None = None,
) -> bytes:
    """An .xlsx of (title, rows) sheets; `stamp` (sheet index, cell, block) writes the block's
    rows in framed red cells from that cell down; `header` ("header"/"footer", block) puts it
    in the print header or footer of every sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    wb = Workbook()
    first = wb.active
    for i, (title, rows) in enumerate(sheets):
        ws = first if i == 0 else wb.create_sheet()
        ws.title = title
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 8
        ws.column_dimensions["B"].width = 46
        for col in "CDEF":
            ws.column_dimensions[col].width = 16
        if header is not None:
            place, block = header
            text = " / ".join(block.rows)
            part = ws.oddHeader if place == "header" else ws.oddFooter
            part.right.text = text
            part.right.color = _hex(block.colour)
            part.right.size = 14
    if stamp is not None:
        index, cell, block = stamp
        ws = wb.worksheets[index]
        col_letter, row0 = coordinate_from_string(cell)
        col = column_index_from_string(col_letter)
        style = {"double": "double", "dashed": "dashed"}.get(block.frame, "medium")
        side = Side(style=style, color=_hex(block.colour))
        for i, text in enumerate(block.rows):
            c = ws.cell(row=row0 + i, column=col, value=text)
            c.font = Font(
                bold=True,
                color=_hex(block.colour),
                size=16 if i == 0 else round(16 * block.row_scale),
                strike=i in block.struck,
                name="Times New Roman",
            )
            c.alignment = Alignment(horizontal="center")
            last = i == len(block.rows) - 1
            c.border = Border(
                left=side, right=side, top=side if i == 0 else None, bottom=side if last else None
            )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def slides(
    pages: list[tuple[str, list[str]]],
    *,
    stamp: tuple[int, Block] | None = None,
    picture: bool = False,
    rng: random.Random | None = None,
) -> bytes:
    """A .pptx of (title, bullets) slides; `stamp` (slide index, block) is a framed red text
    box (or a picture) at the top right of that slide."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation()
    for i, (title, bullets) in enumerate(pages):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0] if bullets else ""
        for b in bullets[1:]:
            body.add_paragraph().text = b
        if stamp is not None and stamp[0] == i:
            block = stamp[1]
            if picture and rng is not None:
                img = stamp_image(block, rng)
                w = Emu(img.width * 6000)
                slide.shapes.add_picture(
                    io.BytesIO(png(img)), prs.slide_width - w - Emu(200000), Emu(150000), width=w
                )
                continue
            box = slide.shapes.add_textbox(
                prs.slide_width - Emu(2900000),
                Emu(120000),
                Emu(2700000),
                Emu(500000 + 250000 * (len(block.rows) - 1)),
            )
            tf = box.text_frame
            for j, row in enumerate(block.rows):
                para = tf.paragraphs[0] if j == 0 else tf.add_paragraph()
                run = para.add_run()
                run.text = row
                run.font.bold = True
                run.font.size = Pt(24 if j == 0 else round(24 * block.row_scale))
                run.font.color.rgb = RGBColor(*block.colour)
                if j in block.struck:
                    run.font._rPr.set("strike", "sngStrike")
            if block.frame != "none":
                box.line.color.rgb = RGBColor(*block.colour)
                box.line.width = Pt(2.25)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def block_html(block: Block, style: str, rng: random.Random) -> str:
    """A stamp in a web page: a bordered box (`box`), the letters spaced by CSS (`spaced`),
    the word cut across spans (`spans`), character references (`refs`) or a picture (`img`)."""
    colour = "#" + _hex(block.colour)
    border = {"double": "double", "dashed": "dashed"}.get(block.frame, "solid")
    rows = []
    for i, row in enumerate(block.rows):
        if style == "img":
            break
        if style == "spans" and i == 0:
            cut = max(1, len(row) // 2)
            text = f'<span class="a">{html.escape(row[:cut])}</span><span class="b">{html.escape(row[cut:])}</span>'
        elif style == "refs" and i == 0:
            text = "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in row)
        else:
            text = html.escape(row)
        if i in block.struck:
            text = f"<del>{text}</del>"
        size = "20pt" if i == 0 else f"{round(20 * block.row_scale)}pt"
        spacing = "letter-spacing:0.3em;" if style == "spaced" and i == 0 else ""
        rows.append(f'<div style="font-size:{size};{spacing}">{text}</div>')
    if style == "img":
        uri = "data:image/png;base64," + base64.b64encode(png(stamp_image(block, rng))).decode()
        return f'<img src="{uri}" alt="" style="float:right;width:{block.size * 4}px">'
    frame = "" if block.frame == "none" else f"border:3px {border} {colour};"
    radius = "border-radius:10px;" if block.frame == "rounded" else ""
    return f'<div style="display:inline-block;color:{colour};font-weight:bold;{frame}{radius}padding:4px 14px;text-align:center">{"".join(rows)}</div>'


def html_page(doc: Doc, stamps_html: str, *, where: str = "top", charset: str = "utf-8") -> bytes:
    """A web page of the document with the stamp markup at the top, under the number or on an
    annex section at the end."""
    head = "".join(f"<div>{html.escape(a)}</div>" for a in doc.agency)
    number = f"<div>{html.escape(doc.number)}</div>"
    stamp_div = f'<div class="stamp">{stamps_html}</div>'
    parts = [
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}"><title>{html.escape(" ".join(doc.title))}</title>',
        "<style>.a{color:#c8102e}.b{color:#c8102e;font-style:normal}body{font-family:serif;max-width:52em;margin:auto}</style></head><body>",
        stamp_div if where == "top" else "",
        f'<table width="100%"><tr><td align="center">{head}{number}{stamp_div if where == "under_number" else ""}</td>',
        f'<td align="center"><b>{MOTTO[0]}</b><br><b>{MOTTO[1]}</b><br><i>{html.escape(doc.place_date)}</i></td></tr></table>',
        "".join(f"<h2 style='text-align:center'>{html.escape(t)}</h2>" for t in doc.title),
        "".join(f"<p>{html.escape(p)}</p>" for p in doc.body),
        "".join(f"<p style='text-align:right'><b>{html.escape(s)}</b></p>" for s in doc.signer),
    ]
    if doc.annex:
        parts.append("<hr>")
        if where == "annex":
            parts.append(stamp_div)
        parts.append(
            f"<h3>{html.escape(doc.annex[0])}</h3>"
            + "".join(f"<p>{html.escape(p)}</p>" for p in doc.annex[1:])
        )
    parts.append("</body></html>")
    text = "".join(parts)
    return text.encode(charset, errors="xmlcharrefreplace")


def block_text(block: Block, style: str) -> list[str]:
    """A stamp in plain text: `box` (drawn with box characters), `brackets`, `spaced` (letters
    apart) or `plain`. Struck rows are marked as a typist would: (gạch bỏ)."""
    rows = []
    for i, row in enumerate(block.rows):
        text = row
        if style == "spaced" and i == 0:
            text = " ".join(row)
        if i in block.struck:
            text = f"{text} (đã gạch bỏ)" if style != "box" else "".join(c + "\u0336" for c in text)
        rows.append(text)
    if style == "box":
        w = max(len(r) for r in rows) + 2
        return ["┌" + "─" * w + "┐", *[f"│ {r.ljust(w - 2)} │" for r in rows], "└" + "─" * w + "┘"]
    if style == "brackets":
        return [f"[ {r} ]" for r in rows]
    return rows


def plain_text(
    doc: Doc,
    stamp_lines: list[str],
    *,
    where: str = "top",
    encoding: str = "utf-8",
    nfd: bool = False,
) -> bytes:
    """The document as a .txt: the stamp lines at the top, under the number or before the annex."""
    lines: list[str] = []
    if where == "top":
        lines += [*stamp_lines, ""]
    lines += [*doc.agency, doc.number]
    if where == "under_number":
        lines += stamp_lines
    lines += ["", *MOTTO, doc.place_date, "", *doc.title, "", *doc.body, "", *doc.signer]
    if doc.annex:
        lines += ["", "-" * 40]
        if where == "annex":
            lines += stamp_lines
        lines += doc.annex
    text = "\n".join(lines) + "\n"
    if nfd:
        text = unicodedata.normalize("NFD", text)
    return text.encode(encoding)


def mail(
    subject: str,
    sender: str,
    to: str,
    body: str,
    *,
    attachments: list[tuple[str, bytes, str]] = (),
    html_body: str | None = None,
    when: object = None,
) -> bytes:  # type: ignore[assignment]
    """A mail message (.eml): a text body (and an HTML one), with attached files."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = to
    if when is not None:
        msg["Date"] = format_datetime(when)  # type: ignore[arg-type]
    msg.set_content(body)
    if html_body is not None:
        msg.add_alternative(html_body, subtype="html")
    for name, data, mime in attachments:
        main, sub = mime.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(msg)
