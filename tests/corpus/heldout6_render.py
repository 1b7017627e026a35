"""Renderers for held-out corpus 6 (tests/corpus/heldout6.py).

One page layout (`layout`) produces drawing operations in pixels at 150 dpi; two back ends draw
them: Pillow (page images for scans, photos, faxes) and fpdf2 (PDFs with a text layer). The
office formats (DOCX, ODT, RTF, XLSX, PPTX), HTML, e-mail and archives are written from the same
`Letter` model. Only libraries already in the project's environment are used.
"""

from __future__ import annotations

import functools
import html
import io
import random
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

from tests.corpus.common import (
    font_path,
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    rtf_unicode,
    wrap_words,
)

RED = (200, 16, 24)
BLACK = (20, 20, 20)
W, H = 1240, 1754  # A4 at 150 dpi
PT = 72 / 150  # points per pixel

_FACES = {
    "lib-serif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic"),
    "lib-sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "dv-serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
    "dv-sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
    "mono": ("LiberationMono-Regular", "LiberationMono-Bold", "LiberationMono-Italic"),
}
FACES = ("lib-serif", "lib-serif", "dv-serif", "lib-sans", "dv-sans")


@functools.cache
def ttf(face: str, style: str) -> str:
    """Path of a TrueType file; style is r, b or i."""
    return str(
        font_path(_FACES.get(face, _FACES["dv-serif"])["rbi".index(style)], bold=style == "b")
    )


@functools.lru_cache(maxsize=512)
def font(face: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(ttf(face, style), max(6, int(px)))


# --------------------------------------------------------------------------- model


@dataclass
class Mark:
    """A stamp or a note beside it. `text` may hold several lines separated by newlines."""

    text: str
    frame: bool = True
    struck: bool = False
    bold: bool = True
    size: float = 1.25  # relative to the body text
    color: tuple[int, int, int] = RED
    angle: float = 0.0
    spacing: int = 0  # extra pixels between letters
    double: bool = False  # double frame
    picture: bool = False  # a picture in the office/PDF/HTML formats, not text
    split: bool = False  # one run/span per letter in office formats and HTML
    circle: bool = False  # circled letter (envelopes)
    italic: bool = False


@dataclass
class Letter:
    org_top: str
    org: str
    number: str
    place_date: str
    kind: str
    title: str
    body: list[str]
    signer_role: str = ""
    signer_name: str = ""
    recipients: list[str] = field(default_factory=list)
    marks: dict[str, list[Mark]] = field(default_factory=dict)  # position -> stack
    top_lines: list[str] = field(default_factory=list)  # e.g. "Bản số: 02" under the stamp
    national: bool = True
    face: str = "lib-serif"
    px: int = 24
    table: list[list[str]] = field(default_factory=list)


# --------------------------------------------------------------------------- stamp pictures


def stamp_image(mark: Mark, px: int, face: str = "lib-serif") -> Image.Image:
    """The mark drawn on a transparent layer (RGBA), rotated by its angle."""
    size = max(8, int(px * mark.size))
    style = "b" if mark.bold else ("i" if mark.italic else "r")
    f = font(face if not mark.bold else "lib-serif", style, size)
    lines = mark.text.split("\n")
    widths = []
    for line in lines:
        widths.append(
            sum(f.getlength(ch) + mark.spacing for ch in line) - mark.spacing
            if mark.spacing
            else f.getlength(line)
        )
    line_h = int(size * 1.25)
    pad = int(size * 0.45) if (mark.frame or mark.circle) else 2
    tw, th = int(max(widths)) + 1, line_h * len(lines)
    if mark.circle:
        side = int(max(tw, th) * 1.7) + 2 * pad
        img = Image.new("RGBA", (side, side), (0, 0, 0, 0))
        d = ImageDraw.Draw(img)
        lw = max(2, size // 9)
        d.ellipse((lw, lw, side - lw, side - lw), outline=(*mark.color, 255), width=lw)
        d.text((side / 2, side / 2), mark.text, font=f, fill=(*mark.color, 255), anchor="mm")
        return img.rotate(mark.angle, expand=True, resample=Image.Resampling.BICUBIC)
    img = Image.new("RGBA", (tw + 2 * pad + 8, th + 2 * pad + 8), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        x = pad + 4 + (tw - widths[i]) / 2
        y = pad + 4 + i * line_h + size
        if mark.spacing:
            for ch in line:
                d.text((x, y), ch, font=f, fill=(*mark.color, 255), anchor="ls")
                x += f.getlength(ch) + mark.spacing
        else:
            d.text((x, y), line, font=f, fill=(*mark.color, 255), anchor="ls")
    lw = max(2, size // 10)
    if mark.frame:
        d.rectangle((2, 2, img.width - 3, img.height - 3), outline=(*mark.color, 255), width=lw)
        if mark.double:
            g = lw * 2 + 1
            d.rectangle(
                (2 + g, 2 + g, img.width - 3 - g, img.height - 3 - g),
                outline=(*mark.color, 255),
                width=max(1, lw // 2),
            )
    if mark.struck:
        ink = (30, 30, 30, 255)
        mid = img.height // 2
        d.line((0, mid - 3, img.width, mid + 3), fill=ink, width=max(2, lw))
        d.line((0, mid + 5, img.width, mid + 11), fill=ink, width=max(2, lw))
    if mark.angle:
        img = img.rotate(mark.angle, expand=True, resample=Image.Resampling.BICUBIC)
    return img


def stamp_png(mark: Mark, px: int = 40) -> bytes:
    img = stamp_image(mark, px)
    out = Image.new("RGB", img.size, (255, 255, 255))
    out.paste(img, mask=img)
    return png(out)


# --------------------------------------------------------------------------- layout


Op = tuple[Any, ...]


def _text(
    ops: list[Op],
    x: float,
    y: float,
    s: str,
    face: str,
    style: str,
    px: int,
    color: tuple[int, int, int] = BLACK,
    anchor: str = "l",
) -> None:
    """Text with its baseline at y; anchor l (left), m (centre) or r (right) of x."""
    f = font(face, style, px)
    w = f.getlength(s)
    x0 = x if anchor == "l" else (x - w / 2 if anchor == "m" else x - w)
    ops.append(("text", x0, y, s, face, style, px, color))


def _mark_ops(
    ops: list[Op], marks: list[Mark], cx: float, y: float, px: int, face: str, align: str = "m"
) -> float:
    """A stack of marks from y downwards, centred on cx (or ending at cx for align r);
    returns the y below it."""
    for mark in marks:
        if mark.picture or mark.angle or mark.spacing or mark.circle:
            img = stamp_image(mark, px, face)
            x0 = cx - img.width / 2 if align == "m" else cx - img.width
            ops.append(("image", x0, y, img))
            y += img.height + 6
            continue
        size = int(px * mark.size)
        style = "b" if mark.bold else ("i" if mark.italic else "r")
        mface = "lib-serif" if mark.bold else face
        f = font(mface, style, size)
        lines = mark.text.split("\n")
        tw = max(f.getlength(s) for s in lines)
        pad = int(size * 0.45) if mark.frame else 0
        bw, bh = tw + 2 * pad, int(size * 1.25) * len(lines) + 2 * pad
        x0 = cx - bw / 2 if align == "m" else cx - bw
        for i, s in enumerate(lines):
            _text(
                ops,
                x0 + bw / 2,
                y + pad + i * int(size * 1.25) + size,
                s,
                mface,
                style,
                size,
                mark.color,
                "m",
            )
        lw = max(2, size // 10)
        if mark.frame:
            ops.append(("rect", x0, y, x0 + bw, y + bh + 4, mark.color, lw))
            if mark.double:
                g = 2 * lw + 1
                ops.append(
                    (
                        "rect",
                        x0 + g,
                        y + g,
                        x0 + bw - g,
                        y + bh + 4 - g,
                        mark.color,
                        max(1, lw // 2),
                    )
                )
        if mark.struck:
            mid = y + bh / 2
            ops.append(("line", x0 - 4, mid - 3, x0 + bw + 4, mid + 3, (30, 30, 30), lw))
            ops.append(("line", x0 - 4, mid + 5, x0 + bw + 4, mid + 11, (30, 30, 30), lw))
        y += bh + 12
    return y


def layout(letter: Letter) -> list[list[Op]]:
    """Pages of drawing operations for one letter (continued on more pages if the body is long)."""
    face, px = letter.face, letter.px
    small = int(px * 0.92)
    left, right = 140, W - 110
    lc, rc = left + 230, right - 270
    pages: list[list[Op]] = []
    ops: list[Op] = []
    pages.append(ops)
    if "header" in letter.marks:
        _mark_ops(ops, letter.marks["header"], W / 2, 36, px, face)
    if "top_right" in letter.marks:
        _mark_ops(ops, letter.marks["top_right"], right, 40, px, face, align="r")
    if "top_left" in letter.marks:
        _mark_ops(ops, letter.marks["top_left"], left + 120, 40, px, face)
    y: float = 150
    _text(ops, lc, y, letter.org_top, face, "r", small, anchor="m")
    y += int(small * 1.3)
    for part in wrap_words(letter.org, font(face, "b", small), 430):
        _text(ops, lc, y, part, face, "b", small, anchor="m")
        y += int(small * 1.3)
    ops.append(("line", lc - 60, y - small + 8, lc + 60, y - small + 8, BLACK, 2))
    y += 14
    _text(ops, lc, y, letter.number, face, "r", small, anchor="m")
    y += 24
    if "under_number" in letter.marks:
        y = _mark_ops(ops, letter.marks["under_number"], lc, y, px, face)
    for line in letter.top_lines:
        y += small
        _text(ops, lc, y, line, face, "i", small, anchor="m")
        y += 6
    ry = 150
    if letter.national:
        _text(ops, rc, ry, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", face, "b", small, anchor="m")
        ry += int(small * 1.3)
        _text(ops, rc, ry, "Độc lập - Tự do - Hạnh phúc", face, "b", small + 1, anchor="m")
        ops.append(("line", rc - 140, ry + 8, rc + 140, ry + 8, BLACK, 2))
        ry += int(small * 2.1)
    _text(ops, rc, ry, letter.place_date, face, "i", small, anchor="m")
    y = max(y, ry) + 70
    if letter.kind:
        _text(ops, W / 2, y, letter.kind, face, "b", px + 4, anchor="m")
        y += int(px * 1.5)
    for part in wrap_words(letter.title, font(face, "b", px), right - left - 120):
        _text(ops, W / 2, y, part, face, "b", px, anchor="m")
        y += int(px * 1.35)
    y += px
    body_f = font(face, "r", px)
    bottom = H - 150
    for para in letter.body:
        lines = wrap_words(para, body_f, right - left - 40)
        for i, line in enumerate(lines):
            if y > bottom:
                ops = []
                pages.append(ops)
                y = 140
            _text(ops, left + (50 if i == 0 else 0), y, line, face, "r", px)
            y += int(px * 1.45)
        y += int(px * 0.4)
    if letter.table:
        col = (right - left) / len(letter.table[0])
        for row in letter.table:
            if y > bottom:
                ops = []
                pages.append(ops)
                y = 140
            for j, cell in enumerate(row):
                _text(ops, left + j * col + 8, y, cell[:40], face, "r", small)
                ops.append(
                    ("rect", left + j * col, y - small - 6, left + (j + 1) * col, y + 10, BLACK, 1)
                )
            y += int(small * 1.7)
    if y > bottom - 200:
        ops = []
        pages.append(ops)
        y = 140
    y += px
    sy = y
    if letter.signer_role:
        _text(ops, rc, y, letter.signer_role, face, "b", small, anchor="m")
        _text(ops, rc, y + 150, letter.signer_name, face, "b", small, anchor="m")
    if letter.recipients:
        _text(ops, left, sy, "Nơi nhận:", face, "b", int(px * 0.8))
        for r in letter.recipients:
            sy += int(px * 1.05)
            _text(ops, left, sy, f"- {r};", face, "r", int(px * 0.75))
    if "footer" in letter.marks:
        for pg in pages:
            _mark_ops(pg, letter.marks["footer"], W / 2, H - 110, px, face)
    if "every_header" in letter.marks:
        for pg in pages:
            _mark_ops(pg, letter.marks["every_header"], W / 2, 30, px, face)
    return pages


# --------------------------------------------------------------------------- back ends


def draw_page(
    ops: list[Op], paper: tuple[int, int, int] = (255, 255, 255), size: tuple[int, int] = (W, H)
) -> Image.Image:
    img = Image.new("RGB", size, paper)
    d = ImageDraw.Draw(img)
    for op in ops:
        kind = op[0]
        if kind == "fill":
            _, x0, y0, x1, y1, color = op
            d.rectangle((x0, y0, x1, y1), fill=color)
        if kind == "text":
            _, x, y, s, face, style, px, color = op
            d.text((x, y), s, font=font(face, style, px), fill=color, anchor="ls")
        elif kind == "rect":
            _, x0, y0, x1, y1, color, lw = op
            d.rectangle((x0, y0, x1, y1), outline=color, width=lw)
        elif kind == "line":
            _, x0, y0, x1, y1, color, lw = op
            d.line((x0, y0, x1, y1), fill=color, width=lw)
        elif kind == "image":
            _, x0, y0, stamp = op
            img.paste(stamp, (int(x0), int(y0)), mask=stamp)
    return img


def letter_pages(letters: list[Letter]) -> list[Image.Image]:
    return [draw_page(ops) for letter in letters for ops in layout(letter)]


class _Pdf(FPDF):
    pass


def _pdf(producer: str) -> FPDF:
    pdf = _Pdf(unit="pt", format=(W * PT, H * PT))
    pdf.set_auto_page_break(False)
    pdf.set_creator(producer)
    pdf.set_producer(producer)
    for face in ("lib-serif", "lib-sans", "dv-serif", "dv-sans"):
        for style, fs in (("r", ""), ("b", "B"), ("i", "I")):
            pdf.add_font(face, fs, ttf(face, style))
    return pdf


def _pdf_ops(pdf: FPDF, ops: list[Op], k: float = PT) -> None:
    for op in ops:
        kind = op[0]
        if kind == "text":
            _, x, y, text, face, style, px, color = op
            pdf.set_font(face, {"r": "", "b": "B", "i": "I"}[style], px * k)
            pdf.set_text_color(*color)
            pdf.text(x * k, y * k, text)
        elif kind == "fill":
            _, x0, y0, x1, y1, color = op
            pdf.set_fill_color(*color)
            pdf.rect(x0 * k, y0 * k, (x1 - x0) * k, (y1 - y0) * k, style="F")
        elif kind in ("rect", "line"):
            _, x0, y0, x1, y1, color, lw = op
            pdf.set_draw_color(*color)
            pdf.set_line_width(lw * k)
            if kind == "rect":
                pdf.rect(x0 * k, y0 * k, (x1 - x0) * k, (y1 - y0) * k)
            else:
                pdf.line(x0 * k, y0 * k, x1 * k, y1 * k)
        elif kind == "image":
            _, x0, y0, stamp = op
            flat = Image.new("RGB", stamp.size, (255, 255, 255))
            flat.paste(stamp, mask=stamp)
            pdf.image(io.BytesIO(png(flat)), x0 * k, y0 * k, stamp.width * k, stamp.height * k)


def letters_pdf(letters: list[Letter], producer: str = "Microsoft Word 2016") -> bytes:
    """A PDF with a text layer; marks drawn as pictures stay pictures."""
    pdf = _pdf(producer)
    for letter in letters:
        for ops in layout(letter):
            pdf.add_page()
            _pdf_ops(pdf, ops)
    return bytes(pdf.output())


def images_pdf(images: list[Image.Image], quality: int = 70, producer: str = "Scanner") -> bytes:
    """A scanned PDF: one JPEG picture per page, no text layer."""
    pdf = FPDF(unit="pt")
    pdf.set_auto_page_break(False)
    pdf.set_creator(producer)
    for img in images:
        w, h = img.width * PT, img.height * PT
        pdf.add_page(format=(w, h))
        pdf.image(io.BytesIO(jpeg(img, quality)), 0, 0, w, h)
    return bytes(pdf.output())


# --------------------------------------------------------------------------- image effects


def scanned(
    page: Image.Image,
    rng: random.Random,
    *,
    turn: int = 0,
    skew: float | None = None,
    gray: bool = True,
    dpi_scale: float = 1.0,
) -> Image.Image:
    """A flatbed scan: grey, a small skew, speckles, turned by `turn` degrees (0/90/180/270)."""
    img = page.convert("L") if gray else page
    if dpi_scale != 1.0:
        img = img.resize((int(img.width * dpi_scale), int(img.height * dpi_scale)))
    angle = rng.uniform(-1.2, 1.2) if skew is None else skew
    if angle:
        img = img.rotate(
            angle,
            expand=False,
            fillcolor=255 if gray else (255, 255, 255),
            resample=Image.Resampling.BILINEAR,
        )
    noise = Image.effect_noise((img.width // 2, img.height // 2), 22).resize(img.size)
    noise = noise.point(lambda v: 255 if v > 95 else 235)
    if gray:
        img = ImageChops.multiply(img, noise)
    else:
        img = ImageChops.multiply(img, Image.merge("RGB", [noise] * 3))
    img = ImageOps.autocontrast(img, cutoff=0) if rng.random() < 0.3 else img
    if turn:
        img = img.rotate(turn, expand=True)
    return img


def faxed(page: Image.Image, rng: random.Random, header: str) -> Image.Image:
    """A fax: a transmission line on top, half vertical resolution, black and white."""
    img = page.convert("L")
    d = ImageDraw.Draw(img)
    d.text((40, 34), header, font=font("mono", "r", 20), fill=0, anchor="ls")
    img = img.rotate(rng.uniform(-1.5, 1.5), fillcolor=255, resample=Image.Resampling.BILINEAR)
    img = img.resize((img.width, img.height * 2 // 3)).resize(
        (img.width, img.height), Image.Resampling.NEAREST
    )
    thr = rng.randint(150, 185)
    return img.point(lambda v: 255 if v > thr else 0).convert("L")


def photographed(
    page: Image.Image,
    rng: random.Random,
    *,
    size: tuple[int, int] = (1200, 1600),
    tilt: float = 0.08,
    fill: float = 0.86,
    shadow: bool = True,
    background: tuple[int, int, int] | None = None,
) -> Image.Image:
    """A phone photo of a sheet on a desk: perspective, uneven light, a shadow, colour cast."""
    ow, oh = size
    bg = background or rng.choice([(112, 84, 60), (150, 150, 146), (70, 72, 80), (186, 170, 140)])
    canvas = Image.new("RGB", (ow, oh), bg)
    grain = Image.effect_noise((ow // 4, oh // 4), 30).resize((ow, oh))
    canvas = ImageChops.multiply(
        canvas, Image.merge("RGB", [grain.point(lambda v: 200 + v // 5)] * 3)
    )
    scale = min(ow * fill / page.width, oh * fill / page.height)
    pw, ph = page.width * scale, page.height * scale
    x0, y0 = (ow - pw) / 2, (oh - ph) / 2

    def j(v: float) -> float:
        return rng.uniform(-v, v)

    t = tilt
    dst = [
        (x0 + j(pw * t), y0 + j(ph * t * 0.6)),
        (x0 + pw + j(pw * t), y0 + j(ph * t * 0.6)),
        (x0 + pw + j(pw * t * 0.6), y0 + ph + j(ph * t * 0.4)),
        (x0 + j(pw * t * 0.6), y0 + ph + j(ph * t * 0.4)),
    ]
    dst = [(min(ow - 2, max(2, x)), min(oh - 2, max(2, y))) for x, y in dst]
    src: list[tuple[float, float]] = [
        (0, 0),
        (page.width, 0),
        (page.width, page.height),
        (0, page.height),
    ]
    coeffs = perspective_coeffs(dst, src)
    warped = page.convert("RGB").transform(
        (ow, oh), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", page.size, 255).transform(
        (ow, oh), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    canvas.paste(warped, mask=mask)
    light = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize((ow, oh))
    lo = rng.randint(150, 200)
    light = light.point(lambda v: lo + (255 - lo) * v // 255)
    if shadow:
        sh = Image.new("L", (ow // 4, oh // 4), 255)
        ds = ImageDraw.Draw(sh)
        cx, cy = rng.choice([(0, 0), (ow // 4, 0), (0, oh // 4), (ow // 4, oh // 4)])
        r = rng.randint(ow // 10, ow // 6)
        ds.ellipse((cx - r * 2, cy - r, cx + r * 2, cy + r * 2), fill=rng.randint(110, 160))
        sh = sh.filter(ImageFilter.GaussianBlur(12)).resize((ow, oh))
        light = ImageChops.multiply(light, sh)
    canvas = ImageChops.multiply(canvas, Image.merge("RGB", [light] * 3))
    warm = rng.choice([(255, 244, 226), (240, 246, 255), (255, 255, 248)])
    canvas = ImageChops.multiply(canvas, Image.new("RGB", (ow, oh), warm))
    return canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))


def envelope(
    rng: random.Random,
    sender: list[str],
    number: str,
    to: list[str],
    marks: list[Mark],
    letter_mark: Mark | None,
    face: str = "lib-serif",
) -> Image.Image:
    """An envelope seen flat: sender and number top left, the circled letter beside or under
    them, other stamps below, the addressee on the right half."""
    ew, eh = 1500, 900
    paper = rng.choice([(236, 222, 190), (244, 238, 224), (226, 206, 168), (250, 250, 246)])
    img = Image.new("RGB", (ew, eh), paper)
    d = ImageDraw.Draw(img)
    y = 90
    right_edge = 0.0
    for i, line in enumerate(sender):
        f = font(face, "b" if i else "r", 28)
        d.text((330, y), line, font=f, fill=BLACK, anchor="ms")
        right_edge = max(right_edge, 330 + f.getlength(line) / 2)
        y += 38
    d.text((330, y + 6), number, font=font(face, "r", 26), fill=BLACK, anchor="ms")
    my = y + 50
    if letter_mark is not None:
        st = stamp_image(letter_mark, 44, face)
        if rng.random() < 0.5:  # beside the sender block
            img.paste(st, (int(right_edge) + 40, 50 + rng.randint(0, 30)), mask=st)
        else:  # under the number
            img.paste(st, (330 - st.width // 2 + rng.randint(-60, 60), my), mask=st)
            my += st.height + 10
    for m in marks:
        st = stamp_image(m, 34, face)
        img.paste(st, (90 + rng.randint(0, 60), my), mask=st)
        my += st.height + 14
    ty = 520
    for i, line in enumerate(to):
        for part in wrap_words(line, font(face, "b" if i == 0 else "r", 32), ew - 700 - 60):
            d.text(
                (700, ty),
                part,
                font=font(face, "b" if i == 0 else "r", 32),
                fill=BLACK,
                anchor="ls",
            )
            ty += 46
    d.line((0, eh - 90, ew, eh - 90), fill=tuple(c - 12 for c in paper), width=3)
    return img


# --------------------------------------------------------------------------- DOCX


def _docx_spacing(run: Any, twips: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rpr = run._r.get_or_add_rPr()
    sp = OxmlElement("w:spacing")
    sp.set(qn("w:val"), str(twips))
    rpr.append(sp)


def _docx_marks(
    container: Any, marks: list[Mark], align: int, room: float = 16.0, side: str = "both"
) -> None:
    """Marks as paragraphs; a framed one is indented so that its border hugs the text (`room`
    is the width in cm the paragraph would otherwise take; `side` where the slack goes)."""
    from docx.shared import Cm, Pt, RGBColor

    for mark in marks:
        p = container.add_paragraph()
        p.alignment = align
        if mark.frame and not mark.picture:
            width = 0.42 * max(len(t) for t in mark.text.split("\n")) * mark.size + 0.8
            slack = max(0.0, room - width)
            if side == "left":
                p.paragraph_format.left_indent = Cm(slack)
            else:
                p.paragraph_format.left_indent = Cm(slack / 2)
                p.paragraph_format.right_indent = Cm(slack / 2)
        if mark.picture:
            p.add_run().add_picture(
                io.BytesIO(stamp_png(mark)), width=Cm(1.0 + 0.5 * len(mark.text) ** 0.8)
            )
            continue
        chunks = list(mark.text) if mark.split else mark.text.split("\n")
        for i, chunk in enumerate(chunks):
            if not mark.split and i:
                p.add_run().add_break()
            run = p.add_run(chunk)
            run.bold = mark.bold
            run.italic = mark.italic
            run.font.strike = mark.struck
            run.font.size = Pt(round(13 * mark.size))
            r, g, b = mark.color
            run.font.color.rgb = RGBColor(r, g, b)
            if mark.spacing:
                _docx_spacing(run, mark.spacing * 8)
        if mark.frame:
            paragraph_border(p, "{:02X}{:02X}{:02X}".format(*mark.color))


def letters_docx(letters: list[Letter], *, core_title: str = "") -> bytes:
    """Word document: a borderless header table (agency and number | national motto), the marks
    where the letter puts them (a section header or footer for header/footer marks)."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = core_title
    doc.core_properties.author = "Văn thư"
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    center, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    for n, letter in enumerate(letters):
        section = doc.sections[0] if n == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
        if n:
            section.header.is_linked_to_previous = False
            section.footer.is_linked_to_previous = False
        for key, part, align in (
            ("header", section.header, center),
            ("every_header", section.header, center),
            ("footer", section.footer, center),
        ):
            if key in letter.marks:
                first = part.paragraphs[0]
                _docx_marks(part, letter.marks[key], align)
                if not first.text:
                    first._p.getparent().remove(first._p)
        if n and not any(k in letter.marks for k in ("header", "every_header")):
            section.header.paragraphs[0].text = ""
        if "top_right" in letter.marks:
            _docx_marks(doc, letter.marks["top_right"], right, side="left")
        if "top_left" in letter.marks:
            _docx_marks(doc, letter.marks["top_left"], WD_ALIGN_PARAGRAPH.LEFT)
        table = doc.add_table(rows=1, cols=2)
        lcell, rcell = table.rows[0].cells
        lcell.paragraphs[0].text = letter.org_top
        lcell.paragraphs[0].alignment = center
        p = lcell.add_paragraph()
        p.alignment = center
        p.add_run(letter.org).bold = True
        p = lcell.add_paragraph(letter.number)
        p.alignment = center
        if "under_number" in letter.marks:
            _docx_marks(lcell, letter.marks["under_number"], center, room=7.5)
        for line in letter.top_lines:
            p = lcell.add_paragraph()
            p.alignment = center
            p.add_run(line).italic = True
        if letter.national:
            p = rcell.paragraphs[0]
            p.alignment = center
            p.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
            p = rcell.add_paragraph()
            p.alignment = center
            p.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
            p = rcell.add_paragraph()
        else:
            p = rcell.paragraphs[0]
        p.alignment = center
        p.add_run(letter.place_date).italic = True
        if letter.kind:
            p = doc.add_paragraph()
            p.alignment = center
            p.add_run(letter.kind).bold = True
        p = doc.add_paragraph()
        p.alignment = center
        p.add_run(letter.title).bold = True
        for para in letter.body:
            doc.add_paragraph(para).paragraph_format.first_line_indent = Pt(28)
        if letter.table:
            t = doc.add_table(rows=len(letter.table), cols=len(letter.table[0]))
            t.style = "Table Grid"
            for i, row in enumerate(letter.table):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
        if letter.signer_role:
            p = doc.add_paragraph()
            p.alignment = right
            p.add_run(f"{letter.signer_role}\n\n\n{letter.signer_name}").bold = True
        if letter.recipients:
            p = doc.add_paragraph()
            p.add_run("Nơi nhận:").bold = True
            for r in letter.recipients:
                doc.add_paragraph(f"- {r};").runs[0].font.size = Pt(11)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------- ODT and RTF


def _x(s: str) -> str:
    return html.escape(s, quote=True)


def letter_odt(letter: Letter) -> bytes:
    """OpenDocument text written by hand: marks as bordered red paragraphs; header marks in the
    master page's header (styles.xml)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'office:version="1.2"'
    )

    def mark_xml(marks: list[Mark]) -> str:
        out = []
        for m in marks:
            st = "PStamp" if m.frame else "PNote"
            txt = _x(m.text).replace("\n", "<text:line-break/>")
            span = "TStruck" if m.struck else ("TRed" if m.bold else "TNote")
            out.append(
                f'<text:p text:style-name="{st}"><text:span text:style-name="{span}">{txt}</text:span></text:p>'
            )
        return "".join(out)

    auto = (
        "<office:automatic-styles>"
        '<style:style style:name="PStamp" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="center" fo:border="0.06cm solid #c00000" fo:padding="0.1cm" '
        'fo:margin-left="1cm" fo:margin-right="11cm"/></style:style>'
        '<style:style style:name="PNote" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="start"/></style:style>'
        '<style:style style:name="PC" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="TRed" style:family="text"><style:text-properties '
        'fo:color="#c00000" fo:font-weight="bold" fo:font-size="14pt"/></style:style>'
        '<style:style style:name="TStruck" style:family="text"><style:text-properties '
        'fo:color="#c00000" fo:font-weight="bold" style:text-line-through-style="solid"/></style:style>'
        '<style:style style:name="TNote" style:family="text"><style:text-properties '
        'fo:font-style="italic"/></style:style>'
        "</office:automatic-styles>"
    )
    body = []
    if "top_right" in letter.marks:
        body.append(mark_xml(letter.marks["top_right"]))
    body.append(f"<text:p>{_x(letter.org_top)}</text:p>")
    body.append(f'<text:p text:style-name="PC">{_x(letter.org)}</text:p>')
    body.append(f"<text:p>{_x(letter.number)}</text:p>")
    if "under_number" in letter.marks:
        body.append(mark_xml(letter.marks["under_number"]))
    for line in letter.top_lines:
        body.append(f"<text:p>{_x(line)}</text:p>")
    if letter.national:
        body.append('<text:p text:style-name="PC">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>')
        body.append('<text:p text:style-name="PC">Độc lập - Tự do - Hạnh phúc</text:p>')
    body.append(f"<text:p>{_x(letter.place_date)}</text:p>")
    if letter.kind:
        body.append(f'<text:p text:style-name="PC">{_x(letter.kind)}</text:p>')
    body.append(f'<text:p text:style-name="PC">{_x(letter.title)}</text:p>')
    body += [f"<text:p>{_x(p)}</text:p>" for p in letter.body]
    if letter.signer_role:
        body.append(f'<text:p text:style-name="PC">{_x(letter.signer_role)}</text:p>')
        body.append(f'<text:p text:style-name="PC">{_x(letter.signer_name)}</text:p>')
    if letter.recipients:
        body.append("<text:p>Nơi nhận:</text:p>")
        body += [f"<text:p>- {_x(r)};</text:p>" for r in letter.recipients]
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>{auto}'
        f"<office:body><office:text>{''.join(body)}</office:text></office:body>"
        "</office:document-content>"
    )
    header = mark_xml(letter.marks.get("header", []) + letter.marks.get("every_header", []))
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}>'
        '<office:styles/><office:automatic-styles><style:page-layout style:name="pm1">'
        '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/>'
        "</style:page-layout>"
        '<style:style style:name="PStamp" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="center" fo:border="0.06cm solid #c00000"/></style:style>'
        '<style:style style:name="TRed" style:family="text"><style:text-properties '
        'fo:color="#c00000" fo:font-weight="bold"/></style:style>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
        + (f"<style:header>{header}</style:header>" if header else "")
        + "</style:master-page></office:master-styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def letter_rtf(letter: Letter) -> bytes:
    """RTF written by hand: marks boxed (\\box), red, bold; header marks in {\\header}."""

    def mark_rtf(marks: list[Mark], align: str = "\\qc") -> str:
        out = []
        for m in marks:
            box = "\\box\\brdrs\\brdrw20\\brdrcf1 " if m.frame else ""
            strike = "\\strike " if m.struck else ""
            ind = "\\li400\\ri6500 " if m.frame else ""
            body = "\\line ".join(rtf_unicode(t) for t in m.text.split("\n"))
            weight = "\\b\\cf1\\fs28 " if m.bold else "\\i "
            out.append(f"\\pard{align}{ind}{box}{{{weight}{strike}{body}}}\\par\n")
        return "".join(out)

    parts = [
        "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}}",
        "{\\colortbl;\\red192\\green0\\blue0;}\\fs26\n",
    ]
    hm = letter.marks.get("header", []) + letter.marks.get("every_header", [])
    if hm:
        parts.append("{\\header " + mark_rtf(hm) + "}\n")
    if "footer" in letter.marks:
        parts.append("{\\footer " + mark_rtf(letter.marks["footer"]) + "}\n")
    if "top_right" in letter.marks:
        parts.append(mark_rtf(letter.marks["top_right"], "\\qr"))
    parts.append(
        f"\\pard\\qc {rtf_unicode(letter.org_top)}\\par\n\\pard\\qc{{\\b {rtf_unicode(letter.org)}}}\\par\n"
    )
    parts.append(f"\\pard\\qc {rtf_unicode(letter.number)}\\par\n")
    if "under_number" in letter.marks:
        parts.append(mark_rtf(letter.marks["under_number"]))
    for line in letter.top_lines:
        parts.append(f"\\pard\\qc{{\\i {rtf_unicode(line)}}}\\par\n")
    if letter.national:
        parts.append(
            "\\pard\\qc{\\b " + rtf_unicode("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") + "}\\par\n"
        )
        parts.append("\\pard\\qc{\\b " + rtf_unicode("Độc lập - Tự do - Hạnh phúc") + "}\\par\n")
    parts.append(f"\\pard\\qr{{\\i {rtf_unicode(letter.place_date)}}}\\par\n")
    if letter.kind:
        parts.append(f"\\pard\\qc{{\\b {rtf_unicode(letter.kind)}}}\\par\n")
    parts.append(f"\\pard\\qc{{\\b {rtf_unicode(letter.title)}}}\\par\n")
    for p in letter.body:
        parts.append(f"\\pard\\qj\\fi560 {rtf_unicode(p)}\\par\n")
    if letter.signer_role:
        parts.append(
            f"\\pard\\qr{{\\b {rtf_unicode(letter.signer_role)}\\line\\line {rtf_unicode(letter.signer_name)}}}\\par\n"
        )
    for r in letter.recipients:
        parts.append(f"\\pard\\fs22 - {rtf_unicode(r)};\\par\n")
    parts.append("}")
    return "".join(parts).encode("ascii")


def plain_text(letter: Letter) -> str:
    lines = []
    for key in ("header", "every_header", "top_right"):
        lines += [m.text for m in letter.marks.get(key, [])]
    lines += [letter.org_top, letter.org, letter.number]
    lines += [m.text for m in letter.marks.get("under_number", [])]
    lines += letter.top_lines
    if letter.national:
        lines += ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    lines += [letter.place_date, "", letter.kind, letter.title, "", *letter.body]
    if letter.signer_role:
        lines += ["", letter.signer_role, "", letter.signer_name]
    if letter.recipients:
        lines += ["Nơi nhận:"] + [f"- {r};" for r in letter.recipients]
    lines += [m.text for m in letter.marks.get("footer", [])]
    return "\n".join(x for x in lines if x is not None)


# --------------------------------------------------------------------------- HTML, mail, zip


def letter_html(letter: Letter, *, stamp_style: str = "text") -> bytes:
    """An intranet page. stamp_style: text (a framed red div), image (an embedded PNG),
    spans (one styled span per letter), spaced (CSS letter-spacing, with spaces in the text)."""

    def marks_html(marks: list[Mark]) -> str:
        out = []
        for m in marks:
            if stamp_style == "image" or m.picture:
                import base64

                data = base64.b64encode(stamp_png(m)).decode()
                out.append(f'<div class="dm"><img alt="" src="data:image/png;base64,{data}"></div>')
            elif stamp_style == "spans":
                spans = "".join(
                    f'<span class="c{i % 3}">{_x(ch)}</span>' if ch != " " else "&nbsp;"
                    for i, ch in enumerate(m.text)
                )
                out.append(f'<div class="box">{spans}</div>')
            elif stamp_style == "spaced":
                txt = " ".join(_x(m.text))
                out.append(f'<div class="box" style="letter-spacing:0.4em">{txt}</div>')
            else:
                deco = ' style="text-decoration:line-through"' if m.struck else ""
                cls = "box" if m.frame else "note"
                out.append(f'<div class="{cls}"{deco}>{_x(m.text)}</div>')
        return "".join(out)

    head = (
        "<style>.box{display:inline-block;border:2px solid #c00;color:#c00;font-weight:bold;"
        "padding:2px 8px}.c0{color:#c00}.c1{color:#b00}.c2{color:#d10}.note{font-style:italic}"
        "table.hd td{width:50%;text-align:center;vertical-align:top}</style>"
    )
    parts = [
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{_x(letter.title)}</title>{head}</head><body>'
    ]
    for key in ("header", "every_header", "top_right"):
        if key in letter.marks:
            parts.append(
                f'<div style="text-align:{"right" if key == "top_right" else "center"}">{marks_html(letter.marks[key])}</div>'
            )
    left = f"<p>{_x(letter.org_top)}<br><b>{_x(letter.org)}</b></p><p>{_x(letter.number)}</p>"
    if "under_number" in letter.marks:
        left += marks_html(letter.marks["under_number"])
    left += "".join(f"<p><i>{_x(s)}</i></p>" for s in letter.top_lines)
    right = (
        "<p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b></p>"
        if letter.national
        else ""
    ) + f"<p><i>{_x(letter.place_date)}</i></p>"
    parts.append(f'<table class="hd"><tr><td>{left}</td><td>{right}</td></tr></table>')
    if letter.kind:
        parts.append(f'<h2 style="text-align:center">{_x(letter.kind)}</h2>')
    parts.append(f'<h3 style="text-align:center">{_x(letter.title)}</h3>')
    parts += [f"<p>{_x(p)}</p>" for p in letter.body]
    if letter.table:
        parts.append(
            "<table border=1>"
            + "".join(
                "<tr>" + "".join(f"<td>{_x(c)}</td>" for c in row) + "</tr>" for row in letter.table
            )
            + "</table>"
        )
    if letter.signer_role:
        parts.append(
            f'<p style="text-align:right"><b>{_x(letter.signer_role)}<br><br>{_x(letter.signer_name)}</b></p>'
        )
    if "footer" in letter.marks:
        parts.append(f'<div style="text-align:center">{marks_html(letter.marks["footer"])}</div>')
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def mail(
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes]],
    when: Any,
    html_body: str | None = None,
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{abs(hash((subject, sender))) % 10**12}@mail.gov.example>"
    msg.set_content(body)
    if html_body:
        msg.add_alternative(html_body, subtype="html")
    for name, data in attachments:
        ext = name.rsplit(".", 1)[-1].lower()
        maintype, subtype = {
            "pdf": ("application", "pdf"),
            "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
            "jpg": ("image", "jpeg"),
            "png": ("image", "png"),
            "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "zip": ("application", "zip"),
        }.get(ext, ("application", "octet-stream"))
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


# --------------------------------------------------------------------------- XLSX and PPTX


@dataclass
class Sheet:
    title: str
    rows: list[list[Any]]
    header: dict[str, str] = field(default_factory=dict)  # left/center/right -> print header text
    footer: dict[str, str] = field(default_factory=dict)
    first_page_only: bool = False
    cell_marks: list[tuple[str, str]] = field(default_factory=list)  # (cell, text) red bold
    picture: tuple[str, Mark] | None = None  # (anchor cell, mark drawn as a picture)
    hidden: bool = False
    struck: bool = False  # the cell marks are struck through


def workbook(sheets: list[Sheet], creator: str = "Phòng Kế hoạch") -> bytes:
    from openpyxl import Workbook
    from openpyxl.drawing.image import Image as XlImage
    from openpyxl.styles import Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = creator
    red = Side(style="medium", color="C00000")
    for spec in sheets:
        ws = wb.create_sheet(spec.title[:31])
        for row in spec.rows:
            ws.append(row)
        for cell, text in spec.cell_marks:
            ws[cell] = text
            ws[cell].font = Font(bold=True, color="C00000", size=14, strike=spec.struck)
            ws[cell].border = Border(left=red, right=red, top=red, bottom=red)
        for where, parts in (("header", spec.header), ("footer", spec.footer)):
            if not parts:
                continue
            hf = (
                getattr(ws, "firstHeader" if where == "header" else "firstFooter")
                if spec.first_page_only
                else getattr(ws, "oddHeader" if where == "header" else "oddFooter")
            )
            if spec.first_page_only:
                ws.HeaderFooter.differentFirst = True
            for pos, text in parts.items():
                item = getattr(hf, pos)
                item.text = text
                item.size = 14
                item.font = "Times New Roman,Bold"
                item.color = "C00000"
        if spec.picture:
            anchor, mark = spec.picture
            img = XlImage(io.BytesIO(stamp_png(mark, 34)))
            ws.add_image(img, anchor)
        if spec.hidden:
            ws.sheet_state = "hidden"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass
class Slide:
    title: str
    bullets: list[str]
    marks: list[Mark] = field(default_factory=list)  # text boxes on the slide, top right
    pictures: list[tuple[Image.Image, str]] = field(default_factory=list)  # (RGBA, caption)
    notes: str = ""


def _textbox(shapes: Any, mark: Mark, left: float, top: float) -> Any:
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    tb = shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(2_300_000), Emu(480_000))
    tf = tb.text_frame
    p = tf.paragraphs[0]
    if mark.split:
        for ch in mark.text:
            r = p.add_run()
            r.text = ch
            r.font.bold = True
            r.font.size = Pt(20)
            r.font.color.rgb = RGBColor(*mark.color)
    else:
        r = p.add_run()
        r.text = mark.text
        r.font.bold = mark.bold
        r.font.size = Pt(20 * mark.size / 1.25)
        r.font.color.rgb = RGBColor(*mark.color)
    if mark.frame:
        tb.line.color.rgb = RGBColor(*mark.color)
        tb.line.width = Pt(2.25)
    if mark.angle:
        tb.rotation = -mark.angle
    return tb


def deck(
    slides: list[Slide],
    *,
    layout_marks: list[Mark] | None = None,
    on: str = "layout",
    widescreen: bool = True,
) -> bytes:
    """A deck; `layout_marks` go into the slide layout (on="layout") or the master (on="master")
    that every slide uses, so no slide carries them itself."""
    from pptx import Presentation
    from pptx.util import Emu, Pt

    prs = Presentation()
    if widescreen:
        prs.slide_width, prs.slide_height = Emu(12_192_000), Emu(6_858_000)
    sw = prs.slide_width
    layout = prs.slide_layouts[1]
    if layout_marks:
        scratch = prs.slides.add_slide(prs.slide_layouts[6])
        target = layout.shapes._spTree if on == "layout" else prs.slide_master.shapes._spTree
        for i, mark in enumerate(layout_marks):
            tb = _textbox(scratch.shapes, mark, sw - 2_600_000, 150_000 + i * 520_000)
            target.append(tb._element)
        sld_ids = prs.slides._sldIdLst
        rid = sld_ids[0].rId
        prs.part.drop_rel(rid)
        sld_ids.remove(sld_ids[0])
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec.title
        body = slide.placeholders[1].text_frame
        body.text = spec.bullets[0] if spec.bullets else ""
        for b in spec.bullets[1:]:
            body.add_paragraph().text = b
        for i, mark in enumerate(spec.marks):
            _textbox(slide.shapes, mark, sw - 2_600_000, 150_000 + i * 520_000)
        for i, (pic, caption) in enumerate(spec.pictures):
            flat = Image.new("RGB", pic.size, (255, 255, 255))
            flat.paste(pic, mask=pic)
            top = Emu(2_000_000 + i * 2_000_000)
            left = Emu(7_000_000)
            slide.shapes.add_picture(io.BytesIO(png(flat)), left, top, width=Emu(2_600_000))
            cap = slide.shapes.add_textbox(left, top + Emu(1_300_000), Emu(3_000_000), Emu(400_000))
            cap.text_frame.text = caption
            cap.text_frame.paragraphs[0].runs[0].font.size = Pt(14)
        if spec.notes:
            slide.notes_slide.notes_text_frame.text = spec.notes
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


SW, SH = 1600, 900  # a 16:9 slide in pixels


def _slide_ops(spec: Slide, layout_marks: list[Mark] | None, face: str) -> list[Op]:
    ops: list[Op] = [("fill", 0, 0, SW, 120, (24, 60, 120))]
    _text(ops, 60, 82, spec.title, face, "b", 44, (255, 255, 255))
    y: float = 210
    for b in spec.bullets:
        for line in wrap_words(b, font(face, "r", 34), 820 if spec.pictures else 1400):
            _text(ops, 80, y, line, face, "r", 34)
            y += 50
        y += 12
    for i, (pic, caption) in enumerate(spec.pictures):
        x, top = 1000, 260 + i * 300
        ops.append(("image", x, top, pic))
        _text(ops, x, top + pic.height + 36, caption, face, "i", 26)
    y = 140
    for mark in (layout_marks or []) + spec.marks:
        y = _mark_ops(ops, [mark], SW - 40, y, 32, face, align="r")
    return ops


def slide_image(
    spec: Slide, layout_marks: list[Mark] | None = None, face: str = "lib-sans"
) -> Image.Image:
    """A slide as it looks on a projector screen (for photos of a training session)."""
    return draw_page(_slide_ops(spec, layout_marks, face), (250, 250, 252), (SW, SH))


def slides_pdf(
    slides: list[Slide],
    layout_marks: list[Mark] | None = None,
    producer: str = "Microsoft® PowerPoint® 2019",
    face: str = "lib-sans",
) -> bytes:
    """Slides saved as PDF the way PowerPoint does it: one page per slide, text kept as text,
    marks from the layout repeated on every page."""
    k = 0.6  # 1600 px -> 960 pt
    pdf = _pdf(producer)
    for spec in slides:
        pdf.add_page(format=(SW * k, SH * k))
        _pdf_ops(pdf, _slide_ops(spec, layout_marks, face), k)
    return bytes(pdf.output())
