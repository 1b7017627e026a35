"""Renderers of held-out corpus 10 (tests/corpus/heldout10.py): a page drawn as a picture with
its stamps, envelopes with their marks, scans and phone photos of them, and the office formats
(Word, PDF with a text layer, workbook, slides, web page, mail, plain text). Every random choice
comes from the generator the caller passes; every date inside a file is fixed.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from functools import cache
from random import Random

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from tests.corpus.common import (
    font_path,
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    wrap_words,
    zip_of,
)

RED = (200, 30, 38)
FIXED_DATE = datetime(2026, 10, 19, 7, 45, 0, tzinfo=UTC)
ZIP_DATE = (2026, 10, 19, 7, 45, 0)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# regular and bold TrueType names of each family a page may be set in
FAMILIES = {
    "serif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic"),
    "sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "dejavu": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
}
STAMP_FONTS = ("LiberationSerif-Bold", "LiberationSans-Bold", "DejaVuSans-Bold", "DejaVuSerif-Bold")


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A TrueType font by file name and pixel size (DejaVu when the file is missing)."""
    return ImageFont.truetype(str(font_path(name, bold="Bold" in name)), max(6, size))


@dataclass
class Mark:
    """A stamp as it is pressed on paper: its lines of text inside a frame ('rect', 'double' or
    'none'), its ink, how much bigger than usual, its tilt and letter spacing, and a pen stroke
    through it ('' none, 'line' one stroke, 'cross' two) in `strike_colour`."""

    lines: tuple[str, ...]
    frame: str = "rect"
    colour: tuple[int, int, int] = RED
    scale: float = 1.0
    angle: float = 0.0
    font: str = "LiberationSerif-Bold"
    spacing: float = 0.0
    strike: str = ""
    strike_colour: tuple[int, int, int] = (30, 40, 150)
    where: str = "under_number"
    caption: str = ""


@dataclass
class Page:
    """One page of an administrative document as the picture renderers draw it."""

    agency: tuple[str, ...] = ()
    number: str = ""
    place_date: str = ""
    title: tuple[str, ...] = ()
    body: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    signer: tuple[str, ...] = ()
    family: str = "serif"
    size_pt: float = 13.0
    paper: tuple[int, int, int] = (253, 252, 249)
    heading: str = ""  # an annex's heading line, drawn instead of the two header blocks


def ink_mask(mask: Image.Image, rng: Random, dropout: float) -> Image.Image:
    """A stamp's mask with the specks where the ink did not take knocked out."""
    noise = Image.frombytes("L", mask.size, rng.randbytes(mask.size[0] * mask.size[1]))
    noise = noise.filter(ImageFilter.BoxBlur(1))
    # box-blurred bytes spread about 25 levels round 128: 0.05 knocks out about 3% of the
    # ink, 0.3 about a quarter
    cut = 128 - round(25 * (2.1 - 5 * dropout))
    holes = noise.point(lambda v: 0 if v < cut else 255)
    return ImageChops.multiply(mask, holes).filter(ImageFilter.GaussianBlur(0.5))


def _spaced_width(f: ImageFont.FreeTypeFont, text: str, gap: float) -> float:
    return sum(f.getlength(ch) for ch in text) + gap * max(0, len(text) - 1)


def _draw_spaced(
    d: ImageDraw.ImageDraw,
    xy: tuple[float, float],
    text: str,
    f: ImageFont.FreeTypeFont,
    gap: float,
) -> None:
    x, y = xy
    for ch in text:
        d.text((x, y), ch, font=f, fill=255)
        x += f.getlength(ch) + gap


def stamp_image(mark: Mark, ppmm: float, rng: Random) -> Image.Image:
    """The stamp as an RGBA picture at `ppmm` pixels per millimetre."""
    size = max(9, round(4.6 * ppmm * mark.scale))
    big = font(mark.font, size)
    small = font(mark.font, round(size * 0.62))
    fonts = [big if i == 0 or len(line) < 14 else small for i, line in enumerate(mark.lines)]
    gap = mark.spacing * size
    widths = [_spaced_width(f, line, gap) for f, line in zip(fonts, mark.lines, strict=True)]
    pad = round(1.7 * ppmm * mark.scale)
    lw = max(1, round(0.5 * ppmm * mark.scale))
    heights = [round(f.size * 1.28) for f in fonts]
    w = round(max(widths)) + 2 * pad + 2 * lw
    h = sum(heights) + 2 * pad + 2 * lw - round(fonts[-1].size * 0.2)
    mask = Image.new("L", (w, h), 0)
    d = ImageDraw.Draw(mask)
    if mark.frame in ("rect", "double"):
        d.rectangle((0, 0, w - 1, h - 1), outline=255, width=lw)
        if mark.frame == "double":
            off = 2 * lw + 1
            d.rectangle((off, off, w - 1 - off, h - 1 - off), outline=255, width=max(1, lw // 2))
    y = pad + lw - round(fonts[0].size * 0.1)
    for f, line, width, lh in zip(fonts, mark.lines, widths, heights, strict=True):
        _draw_spaced(d, ((w - width) / 2, y), line, f, gap)
        y += lh
    mask = ink_mask(mask, rng, rng.uniform(0.05, 0.3))
    layer = Image.new("RGBA", (w, h), (*mark.colour, 0))
    layer.putalpha(mask.point(lambda v: round(v * 0.9)))
    if mark.strike:
        pen = ImageDraw.Draw(layer)
        width = max(2, round(0.45 * ppmm))
        if mark.strike == "line":
            yy = h / 2 + rng.uniform(-h / 8, h / 8)
            pen.line(
                (-2, yy + rng.uniform(-3, 3), w + 2, yy),
                fill=(*mark.strike_colour, 235),
                width=width,
            )
        else:
            pen.line((0, 0, w, h), fill=(*mark.strike_colour, 235), width=width)
            pen.line((0, h, w, 0), fill=(*mark.strike_colour, 235), width=width)
    if mark.angle:
        layer = layer.rotate(mark.angle, resample=Image.Resampling.BICUBIC, expand=True)
    return layer


def circle_mark(
    text: str,
    ppmm: float,
    rng: Random,
    *,
    colour: tuple[int, int, int] = RED,
    diameter_mm: float = 15.0,
    printed: bool = False,
    font_name: str = "LiberationSerif-Bold",
    angle: float = 0.0,
) -> Image.Image:
    """A letter or figure inside a ring, pressed in ink or printed clean, as an RGBA picture."""
    dia = round(diameter_mm * ppmm)
    lw = max(2, round(dia * rng.uniform(0.045, 0.08)))
    mask = Image.new("L", (dia + 4, dia + 4), 0)
    d = ImageDraw.Draw(mask)
    d.ellipse((2, 2, dia + 1, dia + 1), outline=255, width=lw)
    f = font(font_name, round(dia * rng.uniform(0.55, 0.68)))
    box = d.textbbox((0, 0), text, font=f)
    tx = (dia + 4 - (box[2] - box[0])) / 2 - box[0]
    ty = (dia + 4 - (box[3] - box[1])) / 2 - box[1]
    d.text((tx, ty), text, font=f, fill=255)
    if not printed:
        mask = ink_mask(mask, rng, rng.uniform(0.05, 0.3))
    layer = Image.new("RGBA", mask.size, (*colour, 0))
    layer.putalpha(mask)
    if angle:
        layer = layer.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    return layer


def seal_image(ring_text: str, centre: str, ppmm: float, rng: Random) -> Image.Image:
    """A round agency seal: its name around the rim, a star and a word in the middle."""
    dia = round(rng.uniform(34, 40) * ppmm)
    mask = Image.new("L", (dia + 4, dia + 4), 0)
    d = ImageDraw.Draw(mask)
    lw = max(2, round(0.7 * ppmm))
    d.ellipse((2, 2, dia + 1, dia + 1), outline=255, width=lw)
    inner = round(dia * 0.27)
    c = (dia + 4) / 2
    d.ellipse((c - inner, c - inner, c + inner, c + inner), outline=255, width=max(1, lw // 2))
    f = font("LiberationSans-Bold", round(dia * 0.085))
    radius = dia / 2 - lw - f.size * 0.75
    step = 300 / max(1, len(ring_text))
    for i, ch in enumerate(ring_text):
        theta = math.radians(-240 + i * step)
        glyph = Image.new("L", (f.size * 2, f.size * 2), 0)
        ImageDraw.Draw(glyph).text((f.size * 0.6, f.size * 0.4), ch, font=f, fill=255)
        glyph = glyph.rotate(-math.degrees(theta) - 90, resample=Image.Resampling.BICUBIC)
        x = c + radius * math.cos(theta) - f.size
        y = c + radius * math.sin(theta) - f.size
        mask.paste(255, (round(x), round(y)), glyph)
    star = [
        (
            c + (inner * (0.85 if k % 2 == 0 else 0.35)) * math.cos(math.radians(-90 + 36 * k)),
            c
            - inner * 0.15
            + (inner * (0.85 if k % 2 == 0 else 0.35)) * math.sin(math.radians(-90 + 36 * k)),
        )
        for k in range(10)
    ]
    d.polygon(star, fill=255)
    small = font("LiberationSans-Bold", round(dia * 0.06))
    d.text((c, c + inner * 0.55), centre, font=small, fill=255, anchor="mm")
    mask = ink_mask(mask, rng, 0.2)
    layer = Image.new("RGBA", mask.size, (*RED, 0))
    layer.putalpha(mask)
    return layer.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC, expand=True)


def _centred(
    d: ImageDraw.ImageDraw, text: str, f: ImageFont.FreeTypeFont, x0: float, x1: float, y: float
) -> None:
    d.text(((x0 + x1 - f.getlength(text)) / 2, y), text, font=f, fill=(20, 20, 20))


def render_page(page: Page, dpi: int, rng: Random) -> Image.Image:
    """The page drawn at `dpi`: the two header blocks (or an annex heading), the title, body,
    table, signature and every stamp where its `where` puts it."""
    ppmm = dpi / 25.4
    width, height = round(210 * ppmm), round(297 * ppmm)
    img = Image.new("RGB", (width, height), page.paper)
    d = ImageDraw.Draw(img)
    regular, bold, italic = FAMILIES[page.family]
    pt = dpi / 72

    def px(mm: float) -> int:
        return round(mm * ppmm)

    body_f = font(regular, round(page.size_pt * pt))
    head_f = font(regular, round(12.5 * pt))
    head_b = font(bold, round(12.5 * pt))
    left, right = px(rng.uniform(27, 32)), width - px(rng.uniform(14, 18))
    top = px(rng.uniform(14, 20))
    anchors: dict[str, tuple[float, float]] = {}
    y = top
    if page.heading:
        _centred(d, page.heading, head_b, left, right, y + px(14))
        anchors["under_number"] = (left + px(30), y + px(24))
        y += px(26)
    else:
        col = (left, left + px(80))
        yl = y
        for i, line in enumerate(page.agency):
            _centred(d, line, head_b if i == len(page.agency) - 1 else head_f, *col, yl)
            yl += round(head_f.size * 1.25)
        mid = (col[0] + col[1]) / 2
        d.line(
            (mid - px(12), yl + 2, mid + px(12), yl + 2), fill=(20, 20, 20), width=max(1, px(0.3))
        )
        yl += px(4)
        if page.number:
            _centred(d, page.number, head_f, *col, yl)
            yl += round(head_f.size * 1.5)
        anchors["under_number"] = (mid, yl + px(1))
        colr = (left + px(82), right)
        yr = y
        motto_f = font(bold, round(12 * pt))
        _centred(d, MOTTO[0], motto_f, *colr, yr)
        yr += round(motto_f.size * 1.25)
        _centred(d, MOTTO[1], head_b, *colr, yr)
        midr = (colr[0] + colr[1]) / 2
        half = head_b.getlength(MOTTO[1]) / 2
        yr += round(head_b.size * 1.2)
        d.line((midr - half, yr, midr + half, yr), fill=(20, 20, 20), width=max(1, px(0.3)))
        yr += px(4)
        if page.place_date:
            _centred(d, page.place_date, font(italic, round(13 * pt)), *colr, yr)
            yr += round(13 * pt * 1.4)
        y = max(yl, yr) + px(10)
    anchors["top_left"] = (left + px(20), px(6))
    anchors["top_right"] = (right - px(25), px(6))
    anchors["top_centre"] = ((left + right) / 2, px(5))
    stacked: dict[str, float] = {}
    mark_bottom = 0.0
    for mark in page.marks:
        if mark.where == "foot":
            continue
        stamp = stamp_image(mark, ppmm, rng)
        ax, ay = anchors.get(mark.where, anchors["under_number"])
        stacked_before = stacked.get(mark.where, 0.0)
        ay += stacked_before
        x = round(ax - stamp.size[0] / 2 + rng.uniform(-px(3), px(3)))
        yy = round(ay)
        img.paste(stamp, (max(0, x), yy), stamp)
        stacked[mark.where] = stacked.get(mark.where, 0.0) + stamp.size[1] + px(2)
        if mark.caption:
            cap_f = font(italic, round(11 * pt))
            d.text((x, yy + stamp.size[1] + px(1)), mark.caption, font=cap_f, fill=(30, 30, 30))
            stacked[mark.where] += px(7)
        if mark.where == "under_number":
            mark_bottom = max(mark_bottom, ay + stacked[mark.where] - stacked_before)
    y = max(y, mark_bottom + px(4))
    title_f = font(bold, round(13.5 * pt))
    for line in page.title:
        _centred(d, line, title_f, left, right, y)
        y += round(title_f.size * 1.3)
    y += px(4)
    line_h = round(body_f.size * 1.38)
    for para in page.body:
        for i, line in enumerate(wrap_words(para, body_f, right - left - px(10))):
            d.text((left + (px(10) if i == 0 else 0), y), line, font=body_f, fill=(25, 25, 25))
            y += line_h
            if y > height - px(30):
                break
        y += px(1.5)
    if page.table:
        cols = len(page.table[0])
        cw = (right - left) / cols
        cell_f = font(regular, round(11.5 * pt))
        rh = round(cell_f.size * 1.7)
        for r, row in enumerate(page.table):
            for c, cell in enumerate(row):
                x0 = left + c * cw
                d.rectangle((x0, y, x0 + cw, y + rh), outline=(30, 30, 30), width=max(1, px(0.25)))
                f = font(bold, cell_f.size) if r == 0 else cell_f
                text = cell
                while f.getlength(text) > cw - px(2) and len(text) > 3:
                    text = text[:-2]
                d.text((x0 + px(1.2), y + rh * 0.2), text, font=f, fill=(25, 25, 25))
            y += rh
        y += px(5)
    if page.signer:
        sx = (left + right) / 2 + px(15)
        for i, line in enumerate(page.signer):
            f = head_b if i in (0, len(page.signer) - 1) else font(italic, head_f.size)
            _centred(d, line, f, sx, right, y)
            y += round(f.size * (4 if i == len(page.signer) - 2 else 1.3))
    for mark in page.marks:
        if mark.where == "foot":
            stamp = stamp_image(mark, ppmm, rng)
            img.paste(stamp, (round((width - stamp.size[0]) / 2), height - px(22)), stamp)
    return img


# ---------------------------------------------------------------------------------------------
# envelopes


@dataclass
class Envelope:
    """A mailing envelope: sender block, addressee, its circled marks (text, colour, printed)
    and other stamps."""

    sender: tuple[str, ...]
    number: str
    addressee: tuple[str, ...]
    circles: list[tuple[str, tuple[int, int, int], bool]] = field(default_factory=list)
    stamps: list[Mark] = field(default_factory=list)
    seal: str = ""
    paper: tuple[int, int, int] = (246, 244, 236)
    size_mm: tuple[int, int] = (229, 162)


def envelope_image(env: Envelope, ppmm: float, rng: Random) -> Image.Image:
    """The envelope's face at `ppmm` pixels per millimetre, paper fibres included."""
    w, h = round(env.size_mm[0] * ppmm), round(env.size_mm[1] * ppmm)
    img = Image.new("RGB", (w, h), env.paper)
    fibres = Image.frombytes("L", (w, h), rng.randbytes(w * h)).filter(ImageFilter.BoxBlur(1))
    img = ImageChops.multiply(img, Image.merge("RGB", [fibres.point(lambda v: 236 + v // 14)] * 3))
    d = ImageDraw.Draw(img)
    name = rng.choice(("LiberationSerif", "LiberationSans", "DejaVuSans"))
    reg = font(name + ("" if name.startswith("DejaVu") else "-Regular"), round(3.4 * ppmm))
    bold = font(name + "-Bold", round(3.4 * ppmm))
    x0, y = round(rng.uniform(9, 16) * ppmm), round(rng.uniform(8, 13) * ppmm)
    block_w = round(78 * ppmm)
    for i, line in enumerate(env.sender):
        f = bold if i == len(env.sender) - 1 else reg
        d.text((x0 + (block_w - f.getlength(line)) / 2, y), line, font=f, fill=(25, 25, 25))
        y += round(f.size * 1.3)
    d.text(
        (x0 + (block_w - reg.getlength(env.number)) / 2, y + 4),
        env.number,
        font=reg,
        fill=(25, 25, 25),
    )
    y += round(reg.size * 1.6)
    cx = x0 + round(rng.uniform(0.15, 0.6) * block_w)
    for text, colour, printed in env.circles:
        ring = circle_mark(
            text,
            ppmm,
            rng,
            colour=colour,
            diameter_mm=rng.uniform(12, 17),
            printed=printed,
            font_name=rng.choice(STAMP_FONTS),
            angle=0 if printed else rng.uniform(-12, 12),
        )
        img.paste(ring, (cx, y + round(rng.uniform(2, 6) * ppmm)), ring)
        cx += ring.size[0] + round(6 * ppmm)
    sy = y + round(22 * ppmm)
    for mark in env.stamps:
        st = stamp_image(mark, ppmm, rng)
        img.paste(st, (x0 + round(rng.uniform(0, 20) * ppmm), sy), st)
        sy += st.size[1] + round(3 * ppmm)
    if env.seal:
        seal = seal_image(env.seal, "", ppmm, rng)
        img.paste(seal, (round(w * rng.uniform(0.55, 0.7)), round(h * 0.05)), seal)
    ax, ay = round(w * rng.uniform(0.38, 0.45)), round(h * rng.uniform(0.55, 0.62))
    hand = font(rng.choice(("LiberationSerif-Italic", "DejaVuSerif-Italic")), round(4.4 * ppmm))
    for line in env.addressee:
        d.text((ax, ay), line, font=hand, fill=rng.choice(((20, 30, 120), (25, 25, 25))))
        ay += round(hand.size * 1.5)
    return img


# ---------------------------------------------------------------------------------------------
# scans and photos


def grain(img: Image.Image, rng: Random, amount: int) -> Image.Image:
    """Scanner or sensor grain of about ±amount levels."""
    w, h = img.size
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).point(
        lambda v: 128 + (v - 128) * amount // 128
    )
    noise_rgb = Image.merge("RGB", [noise] * 3)
    return ImageChops.add(img.convert("RGB"), noise_rgb, 1.0, -128)


def scanned(
    img: Image.Image,
    rng: Random,
    *,
    scale: float = 1.0,
    skew: float = 0.0,
    turn: int = 0,
    mode: str = "RGB",
    contrast: float = 1.0,
) -> Image.Image:
    """A flatbed scan of the picture: resampled by `scale`, skewed by `skew` degrees, turned by
    `turn` (0, 90, 180, 270), with grain, in `mode` ('RGB', 'L' or '1'), contrast squeezed."""
    if scale != 1.0:
        img = img.resize(
            (round(img.size[0] * scale), round(img.size[1] * scale)), Image.Resampling.LANCZOS
        )
    if skew:
        img = img.rotate(
            skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(238, 238, 236)
        )
    img = grain(img, rng, rng.randint(6, 16))
    if contrast != 1.0:
        img = img.point(lambda v: round(128 + (v - 128) * contrast))
    if turn:
        img = img.rotate(turn, expand=True)
    if mode == "L":
        return img.convert("L")
    if mode == "1":
        return img.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
    return img


def photographed(img: Image.Image, rng: Random, *, long_side: int = 1700) -> Image.Image:
    """A phone photo of the sheet lying on a desk: seen at an angle, lit unevenly, a shadow
    across part of it, a little soft."""
    w, h = img.size
    portrait = h >= w
    out_w, out_h = (
        (round(long_side * 0.75), long_side) if portrait else (long_side, round(long_side * 0.75))
    )
    desk = rng.choice(((120, 86, 58), (160, 150, 140), (70, 72, 80), (190, 180, 160)))
    bg = Image.new("RGB", (out_w, out_h), desk)
    bg = grain(bg, rng, 20)
    margin_x, margin_y = out_w * 0.08, out_h * 0.06

    def jitter(x: float, y: float) -> tuple[float, float]:
        return (
            x + rng.uniform(-margin_x, margin_x) * 0.8,
            y + rng.uniform(-margin_y, margin_y) * 0.8,
        )

    dst = [
        jitter(margin_x, margin_y),
        jitter(out_w - margin_x, margin_y),
        jitter(out_w - margin_x, out_h - margin_y),
        jitter(margin_x, out_h - margin_y),
    ]
    src = [(0.0, 0.0), (float(w), 0.0), (float(w), float(h)), (0.0, float(h))]
    coeffs = perspective_coeffs(dst, src)
    sheet = img.convert("RGB").transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", img.size, 255).transform(
        (out_w, out_h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    bg.paste(sheet, (0, 0), mask)
    low = rng.randint(150, 200)
    glow = Image.radial_gradient("L").resize((2 * out_w, 2 * out_h))
    ox, oy = rng.randint(0, out_w), rng.randint(0, out_h)
    light = glow.crop((ox, oy, ox + out_w, oy + out_h)).point(
        lambda v: 255 - (255 - low) * v // 255
    )
    shadow = Image.new("L", (out_w, out_h), 255)
    sd = ImageDraw.Draw(shadow)
    corner = rng.choice(((0, 0), (out_w, 0), (0, out_h), (out_w, out_h)))
    reach = rng.uniform(0.3, 0.55)
    sd.polygon(
        [
            corner,
            (corner[0], abs(corner[1] - out_h * reach)),
            (abs(corner[0] - out_w * reach), corner[1]),
        ],
        fill=rng.randint(120, 170),
    )
    shadow = shadow.filter(ImageFilter.GaussianBlur(out_w / 30))
    shade = ImageChops.multiply(light, shadow)
    photo = ImageChops.multiply(bg, Image.merge("RGB", [shade] * 3))
    warm = rng.choice(((255, 246, 230), (240, 246, 255), (255, 255, 255)))
    photo = ImageChops.multiply(photo, Image.new("RGB", photo.size, warm))
    return photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))


def image_bytes(img: Image.Image, fmt: str, rng: Random) -> bytes:
    """The picture as 'png', 'jpg' (quality drawn here) or 'tif' bytes."""
    if fmt == "jpg":
        return jpeg(img, rng.randint(55, 88))
    if fmt == "tif":
        out = io.BytesIO()
        img.save(out, "TIFF", compression="group4" if img.mode == "1" else "tiff_lzw")
        return out.getvalue()
    return png(img)


# ---------------------------------------------------------------------------------------------
# PDF


def new_pdf(family: str) -> object:
    """An A4 fpdf2 document with the family's three faces registered as 'f'."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    regular, bold, italic = FAMILIES[family]
    pdf.add_font("f", "", str(font_path(regular, bold=False)))
    pdf.add_font("f", "B", str(font_path(bold, bold=True)))
    pdf.add_font("f", "I", str(font_path(italic, bold=False)))
    pdf.set_auto_page_break(True, 18)
    pdf.set_margins(28, 16, 16)
    return pdf


def pdf_mark(pdf: object, mark: Mark, x: float, y: float, rng: Random, *, as_image: bool) -> float:
    """A stamp on the PDF page at (x, y) mm, as framed text or as a picture; returns its
    height in mm."""
    p: object = pdf
    if as_image:
        img = stamp_image(mark, 12.0, rng)
        w_mm, h_mm = img.size[0] / 12.0, img.size[1] / 12.0
        p.image(io.BytesIO(png(img)), x, y, w=w_mm)  # type: ignore[attr-defined]
        return h_mm
    size = 14 * mark.scale
    p.set_text_color(*mark.colour)  # type: ignore[attr-defined]
    p.set_draw_color(*mark.colour)  # type: ignore[attr-defined]
    p.set_line_width(0.5 * mark.scale)  # type: ignore[attr-defined]
    p.set_char_spacing(mark.spacing * 10)  # type: ignore[attr-defined]
    widths = []
    for i, line in enumerate(mark.lines):
        p.set_font("f", "B", size if i == 0 or len(line) < 14 else size * 0.62)  # type: ignore[attr-defined]
        widths.append(p.get_string_width(line))  # type: ignore[attr-defined]
    w = max(widths) + 6
    line_h = size * 0.45
    h = line_h * len(mark.lines) + 3
    with p.rotation(mark.angle, x + w / 2, y + h / 2):  # type: ignore[attr-defined]
        if mark.frame != "none":
            p.rect(x, y, w, h)  # type: ignore[attr-defined]
        yy = y + 1.5
        for i, line in enumerate(mark.lines):
            p.set_font("f", "B", size if i == 0 or len(line) < 14 else size * 0.62)  # type: ignore[attr-defined]
            p.set_xy(x, yy)  # type: ignore[attr-defined]
            p.cell(w, line_h, line, align="C")  # type: ignore[attr-defined]
            yy += line_h
        if mark.strike:
            p.set_draw_color(*mark.strike_colour)  # type: ignore[attr-defined]
            p.line(x - 1, y + h / 2, x + w + 1, y + h / 2 + 0.6)  # type: ignore[attr-defined]
            if mark.strike == "cross":
                p.line(x, y, x + w, y + h)  # type: ignore[attr-defined]
    p.set_char_spacing(0)  # type: ignore[attr-defined]
    p.set_text_color(20, 20, 20)  # type: ignore[attr-defined]
    p.set_draw_color(20, 20, 20)  # type: ignore[attr-defined]
    return h


def pdf_page(pdf: object, page: Page, rng: Random, *, marks_as_image: bool) -> None:
    """One page of the PDF written as text, its stamps as framed text or pictures."""
    p: object = pdf
    p.add_page()  # type: ignore[attr-defined]
    p.set_text_color(20, 20, 20)  # type: ignore[attr-defined]
    y = 16.0
    under: tuple[float, float] = (40.0, 40.0)
    if page.heading:
        p.set_font("f", "B", 13)  # type: ignore[attr-defined]
        p.set_xy(28, 30)  # type: ignore[attr-defined]
        p.cell(166, 6, page.heading, align="C")  # type: ignore[attr-defined]
        under = (34.0, 38.0)
        y = 44.0
    else:
        p.set_xy(24, y)  # type: ignore[attr-defined]
        for i, line in enumerate(page.agency):
            p.set_font("f", "B" if i == len(page.agency) - 1 else "", 12)  # type: ignore[attr-defined]
            p.set_x(24)  # type: ignore[attr-defined]
            p.cell(76, 5.5, line, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        p.set_font("f", "", 12.5)  # type: ignore[attr-defined]
        p.set_x(24)  # type: ignore[attr-defined]
        p.cell(76, 8, page.number, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        under = (36.0 + rng.uniform(-4, 6), p.get_y() + 1.5)  # type: ignore[attr-defined]
        p.set_xy(102, y)  # type: ignore[attr-defined]
        p.set_font("f", "B", 12)  # type: ignore[attr-defined]
        p.cell(92, 5.5, MOTTO[0], align="C", new_x="LEFT", new_y="NEXT")  # type: ignore[attr-defined]
        p.set_font("f", "B", 12.5)  # type: ignore[attr-defined]
        p.cell(92, 6, MOTTO[1], align="C", new_x="LEFT", new_y="NEXT")  # type: ignore[attr-defined]
        p.set_font("f", "I", 12.5)  # type: ignore[attr-defined]
        p.cell(92, 8, page.place_date, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
        y = max(p.get_y(), under[1]) + 4  # type: ignore[attr-defined]
    spots = {
        "under_number": under,
        "top_left": (30.0, 6.0),
        "top_right": (160.0, 6.0),
        "top_centre": (95.0, 5.0),
        "foot": (90.0, 272.0),
    }
    offsets: dict[str, float] = {}
    bottom = 0.0
    for mark in page.marks:
        x, yy = spots.get(mark.where, under)
        yy += offsets.get(mark.where, 0.0)
        h = pdf_mark(pdf, mark, x, yy, rng, as_image=marks_as_image)
        offsets[mark.where] = offsets.get(mark.where, 0.0) + h + 2
        if mark.caption:
            p.set_font("f", "I", 10.5)  # type: ignore[attr-defined]
            p.set_xy(x, yy + h + 0.5)  # type: ignore[attr-defined]
            p.cell(80, 5, mark.caption)  # type: ignore[attr-defined]
            offsets[mark.where] += 6
        if mark.where == "under_number":
            bottom = max(bottom, under[1] + offsets[mark.where])
    y = max(y, bottom + 2)
    p.set_xy(28, y)  # type: ignore[attr-defined]
    p.set_font("f", "B", 13.5)  # type: ignore[attr-defined]
    for line in page.title:
        p.cell(0, 6.5, line, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    p.ln(3)  # type: ignore[attr-defined]
    p.set_font("f", "", page.size_pt)  # type: ignore[attr-defined]
    for para in page.body:
        p.multi_cell(
            0, page.size_pt * 0.48, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT"
        )  # type: ignore[attr-defined]
        p.ln(1)  # type: ignore[attr-defined]
    if page.table:
        p.ln(2)  # type: ignore[attr-defined]
        p.set_font("f", "", 11)  # type: ignore[attr-defined]
        with p.table(text_align="LEFT") as table:  # type: ignore[attr-defined]
            for row in page.table:
                cells = table.row()
                for cell in row:
                    cells.cell(cell)
    if page.signer:
        p.ln(4)  # type: ignore[attr-defined]
        for i, line in enumerate(page.signer):
            p.set_font("f", "B" if i in (0, len(page.signer) - 1) else "I", 12.5)  # type: ignore[attr-defined]
            p.set_x(110)  # type: ignore[attr-defined]
            p.cell(84, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
            if i == len(page.signer) - 2:
                p.ln(14)  # type: ignore[attr-defined]


def text_pdf(pages: list[Page], rng: Random, *, marks_as_image: bool = False) -> bytes:
    """A PDF with a text layer, one page per Page."""
    pdf = new_pdf(pages[0].family)
    for page in pages:
        pdf_page(pdf, page, rng, marks_as_image=marks_as_image)
    return bytes(pdf.output())  # type: ignore[attr-defined]


def picture_pdf(images: list[Image.Image], dpi: int, rng: Random, *, quality: int = 70) -> bytes:
    """A scanner's PDF: each picture as one page at `dpi`, JPEG-compressed, no text layer."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED_DATE)
    for img in images:
        w_mm, h_mm = img.size[0] * 25.4 / dpi, img.size[1] * 25.4 / dpi
        pdf.add_page(format=(w_mm, h_mm))
        data = jpeg(img, quality + rng.randint(-8, 8)) if img.mode != "1" else png(img)
        pdf.image(io.BytesIO(data), 0, 0, w=w_mm, h=h_mm)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# office files


def fixed_zip(data: bytes) -> bytes:
    """An Office file's archive again, every entry with one fixed date and the document's own
    creation and change dates fixed: the same bytes on every build."""
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            blob = archive.read(name)
            if name == "docProps/core.xml":
                text = blob.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)",
                    r"\g<1>2026-10-19T07:45:00Z\g<3>",
                    text,
                )
                blob = text.encode("utf-8")
            members.append((name, blob))
    return zip_of(members, ZIP_DATE)


def docx_bytes(document: object) -> bytes:
    """A python-docx document's bytes, dates fixed."""
    out = io.BytesIO()
    document.core_properties.created = FIXED_DATE.replace(tzinfo=None)  # type: ignore[attr-defined]
    document.core_properties.modified = FIXED_DATE.replace(tzinfo=None)  # type: ignore[attr-defined]
    document.save(out)  # type: ignore[attr-defined]
    return fixed_zip(out.getvalue())


def hex_colour(colour: tuple[int, int, int]) -> str:
    return "{:02X}{:02X}{:02X}".format(*colour)


def word_mark(container: object, mark: Mark, rng: Random, *, picture: bool = False) -> None:
    """A stamp as a Word paragraph in `container` (document, cell or header): framed red
    text, a struck old level, or a pasted picture of the stamp."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt, RGBColor

    para = container.add_paragraph()  # type: ignore[attr-defined]
    para.alignment = rng.choice((WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT))
    if mark.caption:
        note = container.add_paragraph()  # type: ignore[attr-defined]
        note.add_run(mark.caption).italic = True
    if picture:
        img = stamp_image(mark, 12.0, rng)
        para.add_run().add_picture(io.BytesIO(png(img)), width=Mm(img.size[0] / 12.0))
        return
    if mark.frame != "none":
        paragraph_border(
            para,
            hex_colour(mark.colour),
            size=rng.choice((12, 16, 18)),
            style="double" if mark.frame == "double" else "single",
        )
    for i, line in enumerate(mark.lines):
        if i:
            para.add_run().add_break()
        run = para.add_run(line)
        run.bold = True
        run.font.size = Pt(round(13 * mark.scale) if i == 0 or len(line) < 14 else 10)
        run.font.color.rgb = RGBColor(*mark.colour)
        run.font.name = rng.choice(("Times New Roman", "Arial"))
        if mark.strike:
            run.font.strike = True
        if mark.spacing:
            from docx.oxml import OxmlElement
            from docx.oxml.ns import qn

            spacing = OxmlElement("w:spacing")
            spacing.set(qn("w:val"), str(round(mark.spacing * 80)))
            run._r.get_or_add_rPr().append(spacing)


def word_doc(
    pages: list[Page],
    rng: Random,
    *,
    mode: str = "paragraph",
) -> bytes:
    """A .docx of the pages. The first page's header sits in a two-column table without
    borders; its stamps go where `mode` says: 'paragraph' under the table, 'cell' inside the
    table's left cell under the number, 'picture' pasted as a picture, 'header' in the page
    header, 'footer' in the footer. Later pages follow a page break (or a new section with
    'section') with their stamps as paragraphs."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = rng.choice(("Times New Roman", "Arial", "Tahoma"))
    style.font.size = Pt(rng.choice((12, 13, 14)))
    for s in document.sections:
        s.left_margin, s.right_margin = Mm(rng.randint(25, 30)), Mm(rng.randint(15, 20))
    for index, page in enumerate(pages):
        if index:
            if mode == "section":
                document.add_section(WD_SECTION.NEW_PAGE)
            else:
                document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if page.heading:
            for mark in page.marks:
                if not mark.caption:
                    word_mark(document, mark, rng, picture=mode == "picture")
            h = document.add_paragraph()
            h.alignment = WD_ALIGN_PARAGRAPH.CENTER
            h.add_run(page.heading).bold = True
            for mark in page.marks:
                if mark.caption:
                    word_mark(document, mark, rng, picture=mode == "picture")
        else:
            table = document.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            first = True
            for i, line in enumerate((*page.agency, page.number)):
                para = left.paragraphs[0] if first else left.add_paragraph()
                first = False
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                para.add_run(line).bold = i == len(page.agency) - 1
            for i, line in enumerate((*MOTTO, page.place_date)):
                para = right.paragraphs[0] if i == 0 else right.add_paragraph()
                para.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = para.add_run(line)
                run.bold = i < 2
                run.italic = i == 2
            for mark in page.marks:
                if mode == "cell" and index == 0:
                    word_mark(left, mark, rng)
                elif mode == "header" and index == 0:
                    word_mark(document.sections[-1].header, mark, rng)
                elif mode == "footer" and index == 0:
                    word_mark(document.sections[-1].footer, mark, rng)
                else:
                    word_mark(document, mark, rng, picture=mode == "picture")
        for line in page.title:
            t = document.add_paragraph()
            t.alignment = WD_ALIGN_PARAGRAPH.CENTER
            t.add_run(line).bold = True
        for para_text in page.body:
            p = document.add_paragraph(para_text)
            p.paragraph_format.first_line_indent = Mm(10)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if page.table:
            t = document.add_table(rows=len(page.table), cols=len(page.table[0]))
            t.style = "Table Grid"
            for r, row in enumerate(page.table):
                for c, cell in enumerate(row):
                    t.cell(r, c).text = cell
        for i, line in enumerate(page.signer):
            s = document.add_paragraph()
            s.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            s.add_run(line).bold = i in (0, len(page.signer) - 1)
    return docx_bytes(document)


def workbook(
    sheets: list[tuple[str, list[list[object]]]],
    rng: Random,
    *,
    header: str = "",
    footer: str = "",
    framed: tuple[int, str] | None = None,
) -> bytes:
    """An .xlsx of (title, rows) sheets; `header` / `footer` text in the first sheet's print
    header or footer (red, bold), `framed` (sheet index, text) a red framed merged cell at the
    top of that sheet, pushing its rows down."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.properties.created = FIXED_DATE.replace(tzinfo=None)
    book.properties.modified = FIXED_DATE.replace(tzinfo=None)
    book.properties.creator = "Văn thư"
    first = True
    for index, (title, rows) in enumerate(sheets):
        ws = book.active if first else book.create_sheet()
        first = False
        assert ws is not None
        ws.title = title
        start = 1
        if framed and framed[0] == index:
            ws.merge_cells("A1:C2")
            cell = ws["A1"]
            cell.value = framed[1]
            cell.font = Font(name="Times New Roman", bold=True, size=14, color="FFC00000")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            side = Side(style="medium", color="FFC00000")
            for row in ws["A1:C2"]:
                for c in row:
                    c.border = Border(left=side, right=side, top=side, bottom=side)
            start = 4
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                ws.cell(row=start + r, column=c + 1, value=value)  # type: ignore[arg-type]
        ws.column_dimensions["A"].width = rng.choice((6, 8))
        ws.column_dimensions["B"].width = rng.choice((34, 40, 46))
        ws.column_dimensions["C"].width = 18
        if index == 0 and header:
            part = rng.choice(("left", "center", "right"))
            hf = getattr(ws.oddHeader, part)
            hf.text, hf.size, hf.font, hf.color = header, 14, "Times New Roman,Bold", "C00000"
        if index == 0 and footer:
            hf = ws.oddFooter.left if rng.random() < 0.5 else ws.oddFooter.center
            hf.text, hf.size, hf.font, hf.color = footer, 13, "Arial,Bold", "FF0000"
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


def slides(
    deck: list[tuple[str, list[str], Mark | None, bool, str]],
    rng: Random,
) -> bytes:
    """A .pptx: each slide (title, bullets, mark, mark as picture, caption under the mark)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Mm, Pt

    prs = Presentation()
    for title, bullets, mark, as_picture, caption in deck:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0] if bullets else ""
        for line in bullets[1:]:
            body.add_paragraph().text = line
        if mark is None:
            continue
        left, top = Mm(rng.uniform(150, 190)), Mm(rng.uniform(4, 12))
        if as_picture:
            img = stamp_image(mark, 10.0, rng)
            slide.shapes.add_picture(io.BytesIO(png(img)), left, top, width=Mm(img.size[0] / 10.0))
        else:
            box = slide.shapes.add_textbox(left, top, Mm(60), Mm(14))
            box.line.color.rgb = RGBColor(*mark.colour)
            box.line.width = Pt(2)
            tf = box.text_frame
            tf.text = mark.lines[0]
            run = tf.paragraphs[0].runs[0]
            run.font.bold = True
            run.font.size = Pt(24)
            run.font.color.rgb = RGBColor(*mark.colour)
            for line in mark.lines[1:]:
                extra = tf.add_paragraph()
                extra.text = line
        if caption:
            cap = slide.shapes.add_textbox(left, top + Emu(Mm(16)), Mm(70), Mm(10))
            cap.text_frame.text = caption
    out = io.BytesIO()
    prs.core_properties.created = FIXED_DATE.replace(tzinfo=None)
    prs.core_properties.modified = FIXED_DATE.replace(tzinfo=None)
    prs.save(out)
    return fixed_zip(out.getvalue())


# ---------------------------------------------------------------------------------------------
# web pages, mail, plain text


def to_cp1258(text: str) -> bytes:
    """Vietnamese text in windows-1258: each letter the code page lacks written as the nearest
    precomposed letter it has followed by the remaining tone mark (combining)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        done = False
        for i, m in enumerate(marks):
            composed = unicodedata.normalize("NFC", base + m)
            rest = [x for j, x in enumerate(marks) if j != i]
            try:
                out += composed.encode("cp1258") + "".join(rest).encode("cp1258")
                done = True
                break
            except UnicodeEncodeError:
                continue
        if not done:
            out += (base + "".join(marks)).encode("cp1258", errors="replace")
    return bytes(out)


def data_uri(img: Image.Image) -> str:
    import base64

    return "data:image/png;base64," + base64.b64encode(png(img)).decode("ascii")


def html_page(title: str, head_html: str, body: list[str], *, charset: str = "utf-8") -> bytes:
    """A web page (an agency portal's article or an office's intranet copy) around the given
    header HTML and paragraphs."""
    paras = "\n".join(f"<p>{p}</p>" for p in body)
    text = (
        f'<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="{charset}">\n'
        f"<title>{title}</title>\n"
        '<style>body{font-family:"Times New Roman",serif;max-width:820px;margin:2em auto}'
        ".hd{display:flex;justify-content:space-between}.c{text-align:center}</style>\n"
        f'</head>\n<body>\n{head_html}\n<h2 class="c">{title}</h2>\n{paras}\n</body>\n</html>\n'
    )
    if charset == "windows-1258":
        return to_cp1258(text)
    return text.encode(charset)


def mail(
    subject: str,
    sender: str,
    to: str,
    text: str,
    *,
    html: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
    forwarded: bytes = b"",
    index: int = 0,
) -> bytes:
    """A mail with a plain part (and an HTML one), attachments (name, data, MIME type) and a
    forwarded message; its date, id and boundaries fixed."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = f"Mon, 19 Oct 2026 14:{index % 60:02d}:00 +0700"
    msg["Message-ID"] = f"<h10.{index:04d}@mail.hoalung.gov.vn>"
    msg.set_content(text, cte="base64" if index % 2 else "quoted-printable")
    if html:
        msg.add_alternative(html, subtype="html", cte="base64")
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    if forwarded:
        from email import message_from_bytes
        from email.policy import default

        inner = message_from_bytes(forwarded, policy=default)
        msg.add_attachment(inner)
    counter = 0
    for part in msg.walk():
        if part.get_content_maintype() == "multipart":
            part.set_boundary(f"=_h10_{index:04d}_{counter}")
            counter += 1
    return msg.as_bytes(policy=SMTP)
