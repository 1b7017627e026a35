"""Renderers of held-out corpus 8 (tests/corpus/heldout8.py): pages, stamps, scans, photos,
envelopes, Word, Word 97 through LibreOffice, PDF, spreadsheets, slides, web pages, mail and
archives. Everything is drawn from a `random.Random` passed in and fixed dates, so a build is
the same bytes every time."""

from __future__ import annotations

import io
import math
import random
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps

FIXED = datetime(2026, 4, 14, 9, 30, 0, tzinfo=UTC)
ZIP_TIME = (2026, 4, 14, 9, 30, 0)

_FONT_FILES = {
    "times": "liberation2/LiberationSerif-Regular.ttf",
    "times_b": "liberation2/LiberationSerif-Bold.ttf",
    "times_i": "liberation2/LiberationSerif-Italic.ttf",
    "arial_b": "liberation2/LiberationSans-Bold.ttf",
    "arial": "liberation2/LiberationSans-Regular.ttf",
    "narrow_b": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "serif": "dejavu/DejaVuSerif.ttf",
    "serif_b": "dejavu/DejaVuSerif-Bold.ttf",
    "serifcond_b": "dejavu/DejaVuSerifCondensed-Bold.ttf",
    "sans_b": "dejavu/DejaVuSans-Bold.ttf",
    "cond_b": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "hand": "dejavu/DejaVuSans-Oblique.ttf",
    "mono": "dejavu/DejaVuSansMono.ttf",
}

INKS = {
    "red": (214, 24, 32),
    "scarlet": (232, 44, 36),
    "crimson": (176, 18, 40),
    "maroon": (122, 20, 28),
    "faded": (208, 92, 96),
    "violet": (150, 30, 90),
}


def font_path(key: str) -> str:
    return "/usr/share/fonts/truetype/" + _FONT_FILES[key]


@lru_cache(maxsize=256)
def font(key: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(font_path(key), max(6, px))


@dataclass(frozen=True)
class Stamp:
    """A rubber stamp or printed mark: its words, face, size and how it was applied."""

    text: str
    face: str = "times_b"
    pt: float = 14.0
    border: str = "single"  # single, double, none, round
    ink: str = "red"
    angle: float = 0.0
    wear: float = 0.0  # share of the ink that did not take
    place: str = "center"  # under the number: left, center, right; or top, sign, body
    struck: bool = False  # crossed out by hand
    sub: tuple[str, ...] = ()  # small lines below the words, inside the frame
    tracking: float = 0.0  # extra letter spacing, in em


@dataclass
class Page:
    """A Vietnamese administrative document's first page (or a later page when `issuer` is
    empty)."""

    issuer: tuple[str, ...] = ()
    number: str = ""
    place_date: str = ""
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    stamps: tuple[Stamp, ...] = ()
    notes: tuple[str, ...] = ()  # lines in the header's left column below the stamps
    signer: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    motto: bool = True
    extra: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------- images


def _noise(rng: random.Random, size: tuple[int, int], cell: int) -> Image.Image:
    w, h = max(1, size[0] // cell), max(1, size[1] // cell)
    small = Image.frombytes("L", (w, h), rng.randbytes(w * h))
    return small.resize(size, Image.Resampling.BILINEAR)


def stamp_image(stamp: Stamp, dpi: int, rng: random.Random) -> Image.Image:
    """The stamp alone on a transparent ground."""
    px = max(7, round(stamp.pt * dpi / 72))
    f = font(stamp.face, px)
    small = font(stamp.face, max(6, px * 45 // 100))
    track = round(stamp.tracking * px)
    widths = [f.getlength(ch) + track for ch in stamp.text]
    text_w = max(1, round(sum(widths) - track))
    sub_w = max([round(small.getlength(s)) for s in stamp.sub] or [0])
    pad = max(4, px // 3)
    inner_w = max(text_w, sub_w)
    line_h = round(px * 1.15)
    sub_h = round(px * 0.6) * len(stamp.sub)
    w = inner_w + 2 * pad + 8
    h = line_h + sub_h + 2 * pad + 8
    if stamp.border == "round":
        w = h = max(w, h) + pad
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    ink = (*INKS[stamp.ink], 255)
    lw = max(1, px // 10)
    if stamp.border in ("single", "double"):
        d.rectangle((2, 2, w - 3, h - 3), outline=ink, width=lw)
        if stamp.border == "double":
            gap = lw + max(2, px // 9)
            d.rectangle((2 + gap, 2 + gap, w - 3 - gap, h - 3 - gap), outline=ink, width=lw)
    elif stamp.border == "round":
        d.ellipse((2, 2, w - 3, h - 3), outline=ink, width=lw + 1)
    x = (w - text_w) / 2
    y = pad + 4 if stamp.border != "round" else (h - line_h) / 2
    for ch, cw in zip(stamp.text, widths, strict=True):
        d.text((x, y), ch, font=f, fill=ink)
        x += cw
    sy = y + line_h
    for s in stamp.sub:
        d.text(((w - small.getlength(s)) / 2, sy), s, font=small, fill=ink)
        sy += round(px * 0.6)
    if stamp.struck:
        pen = (30, 40, 120, 255)
        d.line((0, h * 0.62, w, h * 0.38), fill=pen, width=max(2, px // 8))
        d.line((0, h * 0.42, w, h * 0.66), fill=pen, width=max(2, px // 8))
    if stamp.wear > 0:
        mask = _noise(rng, img.size, max(2, px // 6))
        cut = round(255 * (1 - stamp.wear))
        keep = mask.point(lambda v: 255 if v < cut else 70)
        img.putalpha(ImageChops.multiply(img.getchannel("A"), keep))
    if stamp.angle:
        img = img.rotate(stamp.angle, expand=True, resample=Image.Resampling.BICUBIC)
    return img


def _wrap(text: str, f: ImageFont.FreeTypeFont, width: float) -> list[str]:
    lines: list[str] = []
    cur = ""
    for word in text.split():
        trial = f"{cur} {word}".strip()
        if f.getlength(trial) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = word
    if cur:
        lines.append(cur)
    return lines


def page_image(page: Page, dpi: int, rng: random.Random, *, ink: int = 20) -> Image.Image:
    """An A4 page as printed: the two-column header, the stamps under the number, the title,
    the body, the signature and the recipients."""
    W, H = round(8.27 * dpi), round(11.69 * dpi)
    img = Image.new("RGB", (W, H), (255, 255, 255))
    d = ImageDraw.Draw(img)
    pt = dpi / 72
    black = (ink, ink, ink)
    reg, bold, ital = (font(k, round(13 * pt)) for k in ("times", "times_b", "times_i"))
    left_c, right_c = W * 0.27, W * 0.66
    y = round(0.7 * dpi)
    stamp_boxes: list[tuple[Stamp, int]] = []
    if page.issuer:
        ly = y
        for i, line in enumerate(page.issuer):
            f = bold if i == len(page.issuer) - 1 else reg
            if f.getlength(line) > W * 0.4:
                f = font(
                    "times_b" if f is bold else "times",
                    round(13 * pt * W * 0.4 / f.getlength(line)),
                )
            d.text((left_c - f.getlength(line) / 2, ly), line, font=f, fill=black)
            ly += round(16 * pt)
        d.line((left_c - 0.5 * dpi, ly + 2, left_c + 0.5 * dpi, ly + 2), fill=black, width=1)
        ly += round(8 * pt)
        if page.number:
            d.text((left_c - reg.getlength(page.number) / 2, ly), page.number, font=reg, fill=black)
            ly += round(19 * pt)
        for st in page.stamps:
            if st.place in ("left", "center", "right"):
                stamp_boxes.append((st, ly))
                ly += round(st.pt * pt * (1.9 + 0.6 * len(st.sub))) + round(6 * pt)
            elif st.place == "over":  # stamped by hand across the number line
                stamp_boxes.append((st, ly - round(14 * pt)))
                ly += round(st.pt * pt * 1.2)
        for note in page.notes:
            for part in _wrap(note, ital, W * 0.42):
                d.text((left_c - ital.getlength(part) / 2, ly), part, font=ital, fill=black)
                ly += round(15 * pt)
        ry = y
        if page.motto:
            for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
                d.text((right_c - bold.getlength(line) / 2, ry), line, font=bold, fill=black)
                ry += round(16 * pt)
            d.line((right_c - 1.0 * dpi, ry + 2, right_c + 1.0 * dpi, ry + 2), fill=black)
            ry += round(14 * pt)
        if page.place_date:
            d.text(
                (right_c - ital.getlength(page.place_date) / 2, ry),
                page.place_date,
                font=ital,
                fill=black,
            )
        y = max(ly, ry) + round(22 * pt)
    for line in page.title:
        d.text(((W - bold.getlength(line)) / 2, y), line, font=bold, fill=black)
        y += round(17 * pt)
    y += round(8 * pt)
    margin_l, margin_r = round(1.1 * dpi), round(0.8 * dpi)
    for para in page.body:
        for j, line in enumerate(_wrap(para, reg, W - margin_l - margin_r - 0.4 * dpi)):
            x = margin_l + (0.4 * dpi if j == 0 else 0)
            if y > H - 1.2 * dpi:
                break
            d.text((x, y), line, font=reg, fill=black)
            y += round(17 * pt)
    for st in page.stamps:
        if st.place == "body":
            si = stamp_image(st, dpi, rng)
            img.paste(si, (round((W - si.width) / 2), round(y + 10 * pt)), si)
            y += si.height + round(20 * pt)
    sign_y = y + round(12 * pt)
    if page.signer and sign_y < H - 1.5 * dpi:
        sy = sign_y
        for i, line in enumerate(page.signer):
            f = bold if i < 2 or i == len(page.signer) - 1 else reg
            d.text((right_c - f.getlength(line) / 2, sy), line, font=f, fill=black)
            sy += round(16 * pt)
        ry = sign_y
        small = font("times", round(11 * pt))
        for i, line in enumerate(page.recipients):
            f = font("times_b", round(11 * pt)) if i == 0 else small
            d.text((margin_l, ry), line, font=f, fill=black)
            ry += round(14 * pt)
    for st, sy0 in stamp_boxes:
        si = stamp_image(st, dpi, rng)
        cx = {
            "left": left_c - 0.75 * dpi,
            "center": left_c,
            "right": left_c + 0.7 * dpi,
            "over": left_c + 0.35 * dpi,
        }[st.place]
        img.paste(si, (round(cx - si.width / 2), sy0), si)
    for st in page.stamps:
        if st.place in ("left", "center", "right", "body", "over"):
            continue
        si = stamp_image(st, dpi, rng)
        pos = {
            "top": (round(left_c - si.width / 2), round(0.25 * dpi)),
            "topright": (round(W - 0.9 * dpi - si.width), round(0.3 * dpi)),
            "sign": (round(right_c - si.width * 0.7), round(sign_y + 20 * pt)),
        }[st.place]
        img.paste(si, pos, si)
    return img


def scanned(
    img: Image.Image,
    rng: random.Random,
    *,
    mode: str = "gray",  # rgb, gray, bw, dither
    angle: float = 0.0,
    turn: int = 0,
    punch: bool = False,
    border: bool = False,
    copies: int = 0,
    scale: float = 1.0,
) -> Image.Image:
    """A page through a scanner: skew, dark border, punch holes, photocopy generations, then
    the colour mode."""
    out = img.convert("RGB")
    if scale != 1.0:
        out = out.resize((round(out.width * scale), round(out.height * scale)))
    for _ in range(copies):
        g = out.convert("L")
        g = ImageOps.autocontrast(g, cutoff=2).point(lambda v: 255 if v > 200 else max(0, v - 40))
        grain = _noise(rng, g.size, 3).point(lambda v: 0 if v < 18 else 255)
        g = ImageChops.darker(g, grain).filter(ImageFilter.GaussianBlur(0.7))
        out = g.convert("RGB")
    if punch:
        d = ImageDraw.Draw(out)
        r = out.width // 45
        for fy in (0.38, 0.62):
            cy = round(out.height * fy)
            d.ellipse((out.width // 30 - r, cy - r, out.width // 30 + r, cy + r), fill=(70, 70, 70))
    if angle:
        out = out.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 250))
    if border:
        d = ImageDraw.Draw(out)
        b = out.width // 60
        d.rectangle((0, 0, out.width, b), fill=(25, 25, 25))
        d.rectangle((0, 0, b // 2, out.height), fill=(40, 40, 40))
        d.rectangle((out.width - b, 0, out.width, out.height), fill=(30, 30, 30))
    if turn:
        out = out.rotate(turn, expand=True)
    if mode == "gray":
        return out.convert("L")
    if mode == "bw":
        return out.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
    if mode == "dither":
        return out.convert("L").convert("1")  # Floyd-Steinberg
    return out


def two_up(left: Image.Image, right: Image.Image) -> Image.Image:
    """Two A4 pages reduced onto one landscape sheet."""
    h = left.width
    w = round(h * 1.414)
    sheet = Image.new("RGB", (w, h), (255, 255, 255))
    pw = round(w * 0.48)
    ph = round(pw * 1.414)
    if ph > h:
        ph = h - 10
        pw = round(ph / 1.414)
    for i, page in enumerate((left, right)):
        small = page.convert("RGB").resize((pw, ph), Image.Resampling.LANCZOS)
        sheet.paste(small, (round(w * 0.01 + i * w * 0.5), (h - ph) // 2))
    return sheet


def encode(images: Sequence[Image.Image], kind: str, dpi: int, quality: int = 80) -> bytes:
    """Image bytes: jpg, png, tif (group 4 when bilevel), pdf (JPEG pages)."""
    buf = io.BytesIO()
    first = images[0]
    if kind == "jpg":
        first.convert("RGB" if first.mode not in ("L",) else "L").save(
            buf, "JPEG", quality=quality, dpi=(dpi, dpi)
        )
    elif kind == "png":
        first.save(buf, "PNG", dpi=(dpi, dpi), compress_level=3)
    elif kind == "tif":
        pages = [im.convert("1") for im in images]
        pages[0].save(
            buf,
            "TIFF",
            compression="group4",
            save_all=True,
            append_images=pages[1:],
            dpi=(dpi, dpi),
        )
    elif kind == "pdf":
        pages = [im.convert("L") if im.mode in ("1", "L") else im.convert("RGB") for im in images]
        stamp = time.struct_time((2026, 4, 14, 9, 30, 0, 1, 104, 0))
        pages[0].save(
            buf,
            "PDF",
            save_all=True,
            append_images=pages[1:],
            resolution=float(dpi),
            quality=quality,
            creationDate=stamp,
            modDate=stamp,
            producer="ScanSnap Manager",
        )
    else:
        raise ValueError(kind)
    return buf.getvalue()


def _perspective(dst: Sequence[tuple[float, float]], src: Sequence[tuple[float, float]]) -> list:
    """Coefficients mapping output points `dst` to input points `src` (PIL's PERSPECTIVE)."""
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    n = 8
    m = [[*r, b] for r, b in zip(rows, rhs, strict=True)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c:
                k = m[r][c] / m[c][c]
                m[r] = [a - k * b for a, b in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def photographed(
    img: Image.Image,
    rng: random.Random,
    *,
    backdrop: str = "desk",  # desk, hand, lamp, cloth
    tilt: float = 0.08,
    blur: float = 0.8,
    portrait: bool = True,
    quality: int = 82,
) -> bytes:
    """A phone photo of a sheet: perspective, a backdrop, uneven light, blur and JPEG."""
    W, H = (1200, 1600) if portrait else (1600, 1200)
    ground = {
        "desk": (120, 82, 50),
        "hand": (70, 72, 78),
        "lamp": (96, 70, 44),
        "cloth": (40, 60, 90),
    }[backdrop]
    canvas = Image.new("RGB", (W, H), ground)
    d = ImageDraw.Draw(canvas)
    for i in range(0, H, 7):
        shade = rng.randint(-14, 14)
        d.line(
            (0, i, W, i + rng.randint(-20, 20)),
            fill=tuple(max(0, c + shade) for c in ground),
            width=4,
        )
    sheet = img.convert("RGB")
    aspect = sheet.height / sheet.width
    tw = W * 0.84 if aspect * W * 0.84 < H * 0.9 else H * 0.88 / aspect
    th = tw * aspect
    x0, y0 = (W - tw) / 2, (H - th) / 2

    def j(v: float) -> float:
        return v + rng.uniform(-tilt, tilt) * min(W, H) * 0.5

    dst = [(j(x0), j(y0)), (j(x0 + tw), j(y0)), (j(x0 + tw), j(y0 + th)), (j(x0), j(y0 + th))]
    src = [(0, 0), (sheet.width, 0), (sheet.width, sheet.height), (0, sheet.height)]
    coeffs = _perspective(dst, src)
    rgba = sheet.convert("RGBA")
    warped = rgba.transform((W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    shadow = Image.new("RGBA", (W, H), (0, 0, 0, 0))
    shadow.paste((0, 0, 0, 90), (12, 16), warped.getchannel("A"))
    canvas.paste(
        shadow.convert("RGB"), (0, 0), shadow.getchannel("A").filter(ImageFilter.GaussianBlur(8))
    )
    canvas.paste(warped, (0, 0), warped)
    if backdrop == "hand":
        hd = ImageDraw.Draw(canvas)
        cx, cy = dst[3][0] + 40, dst[3][1] - 60
        hd.ellipse((cx - 170, cy - 90, cx + 120, cy + 260), fill=(214, 168, 138))
        hd.ellipse((cx + 40, cy - 140, cx + 140, cy + 20), fill=(206, 160, 130))
    light = Image.radial_gradient("L").resize((W, H))
    light = light.point(lambda v: 255 - v * (110 if backdrop == "lamp" else 60) // 255)
    lit = ImageChops.multiply(canvas, Image.merge("RGB", (light, light, light)))
    canvas = Image.blend(canvas, lit, 0.8)
    if backdrop in ("lamp", "desk"):
        r, g, b = canvas.split()
        warm = 1.0 if backdrop == "desk" else 0.82
        canvas = Image.merge(
            "RGB",
            (
                r.point(lambda v: min(255, round(v * 1.04))),
                g.point(lambda v: round(v * (0.5 + warm / 2))),
                b.point(lambda v: round(v * warm * 0.9)),
            ),
        )
    if blur:
        canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    buf = io.BytesIO()
    canvas.save(buf, "JPEG", quality=quality)
    return buf.getvalue()


def circled(
    mark: str, style: str, rng: random.Random, px: int = 100, ink: str = "red"
) -> Image.Image:
    """A letter in a ring: printed (clean), stamped (worn ink, turned), hand (ballpoint)."""
    size = px + 20
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    colour = (*INKS[ink], 255) if style != "hand" else (28, 48, 150, 255)
    if style == "hand":
        pts = []
        turns = rng.uniform(1.05, 1.2)
        for k in range(60):
            t = 2 * math.pi * turns * k / 59
            r = px / 2 * (1 + 0.05 * math.sin(3 * t + rng.uniform(0, 0.3)))
            pts.append((size / 2 + r * math.cos(t), size / 2 + r * math.sin(t) * 0.95))
        d.line(pts, fill=colour, width=max(2, px // 30))
        f = font("hand", round(px * 0.62))
    else:
        d.ellipse((10, 10, size - 10, size - 10), outline=colour, width=max(3, px // 14))
        f = font("arial_b" if style == "printed" else "times_b", round(px * 0.6))
    box = d.textbbox((0, 0), mark, font=f)
    d.text(
        ((size - (box[2] - box[0])) / 2 - box[0], (size - (box[3] - box[1])) / 2 - box[1]),
        mark,
        font=f,
        fill=colour,
    )
    if style == "stamped":
        mask = _noise(rng, img.size, 4).point(lambda v: 255 if v < 200 else 60)
        img.putalpha(ImageChops.multiply(img.getchannel("A"), mask))
        img = img.rotate(rng.uniform(-14, 14), resample=Image.Resampling.BICUBIC)
    return img


def envelope_image(
    rng: random.Random,
    *,
    sender: tuple[str, ...],
    number: str,
    to: tuple[str, ...],
    mark: Image.Image | None,
    paper: str = "white",
    lines: tuple[str, ...] = (),
    postmark: str = "",
) -> Image.Image:
    """The face of an envelope: sender block top left, the ring mark below it, addressee."""
    W, H = 1320, 660
    ground = (246, 244, 236) if paper == "white" else (190, 150, 102)
    img = Image.new("RGB", (W, H), ground)
    d = ImageDraw.Draw(img)
    if paper == "kraft":
        for _ in range(400):
            x, y = rng.randrange(W), rng.randrange(H)
            d.line((x, y, x + rng.randint(3, 12), y + rng.randint(-2, 2)), fill=(170, 128, 84))
    ink = (30, 30, 40)
    reg, bold = font("times", 26), font("times_b", 26)
    y = 40
    for i, line in enumerate(sender):
        f = bold if i == len(sender) - 1 else reg
        d.text((210 - f.getlength(line) / 2, y), line, font=f, fill=ink)
        y += 32
    d.text((210 - reg.getlength(number) / 2, y + 6), number, font=reg, fill=ink)
    if mark is not None:
        img.paste(mark, (210 - mark.width // 2, y + 50), mark)
    ly = y + 60 + (mark.height if mark is not None else 0)
    for line in lines:
        f = font("times_b", 22)
        d.text((60, ly), line, font=f, fill=(190, 20, 30))
        ly += 30
    ty = 330
    d.text((600, ty), "Kính gửi:", font=font("times_i", 30), fill=ink)
    for line in to:
        ty += 40
        d.text((660, ty), line, font=font("times_b", 30), fill=ink)
    if postmark:
        pm = Image.new("RGBA", (180, 180), (0, 0, 0, 0))
        pd = ImageDraw.Draw(pm)
        pd.ellipse((5, 5, 175, 175), outline=(40, 40, 60, 220), width=4)
        pd.ellipse((30, 30, 150, 150), outline=(40, 40, 60, 220), width=2)
        pf = font("arial", 18)
        pd.text((90 - pf.getlength(postmark) / 2, 80), postmark, font=pf, fill=(40, 40, 60, 230))
        pm = pm.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
        img.paste(pm, (W - 300, 40), pm)
        d.rectangle((W - 150, 40, W - 50, 160), outline=(120, 40, 40), width=3)
    return img


# ---------------------------------------------------------------- zip-based files


def fixed_zip(data: bytes) -> bytes:
    """The same archive with fixed entry times and fixed document dates (docx, xlsx, pptx)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = body.decode("utf-8")
                for tag in ("dcterms:created", "dcterms:modified"):
                    start = text.find(f"<{tag}")
                    if start >= 0:
                        open_end = text.index(">", start) + 1
                        close = text.index(f"</{tag}>", open_end)
                        text = text[:open_end] + "2026-04-14T09:30:00Z" + text[close:]
                body = text.encode("utf-8")
            zi = zipfile.ZipInfo(info.filename, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


def zip_bytes(entries: Sequence[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries:
            zi = zipfile.ZipInfo(name, ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, body)
    return out.getvalue()


# ---------------------------------------------------------------- Word


def _run_props(run, stamp: Stamp) -> None:
    run.bold = True
    run.font.size = Pt(stamp.pt)
    run.font.name = {"times_b": "Times New Roman", "arial_b": "Arial", "narrow_b": "Tahoma"}.get(
        stamp.face, "Times New Roman"
    )
    run.font.color.rgb = RGBColor(*INKS[stamp.ink])
    if stamp.tracking:
        spacing = parse_xml(
            f'<w:spacing {nsdecls("w")} w:val="{round(stamp.tracking * 20 * stamp.pt)}"/>'
        )
        run._r.get_or_add_rPr().append(spacing)


def _run_border(run, stamp: Stamp) -> None:
    style = "double" if stamp.border == "double" else "single"
    bdr = parse_xml(
        f'<w:bdr {nsdecls("w")} w:val="{style}" w:sz="12" w:space="2" w:color="{_hex(stamp.ink)}"/>'
    )
    run._r.get_or_add_rPr().append(bdr)


def _hex(ink: str) -> str:
    return hex_colour(INKS[ink])


def hex_colour(rgb: tuple[int, int, int]) -> str:
    return "".join(f"{v:02X}" for v in rgb)


def _align(place: str) -> WD_ALIGN_PARAGRAPH:
    return {"left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}.get(
        place, WD_ALIGN_PARAGRAPH.CENTER
    )


def _boxed_table(cell, stamp: Stamp, shade: str = "") -> None:
    """The stamp as a one-cell bordered table nested in the header cell."""
    inner = cell.add_table(rows=1, cols=1)
    inner.alignment = {"left": 0, "right": 2}.get(stamp.place, 1)
    inner.autofit = False
    c = inner.cell(0, 0)
    c.width = Cm((0.8 + 0.36 * len(stamp.text)) * stamp.pt / 14)
    inner._tbl.tblPr.append(
        parse_xml(f'<w:tblW {nsdecls("w")} w:w="{round(c.width.twips)}" w:type="dxa"/>')
    )
    tc_pr = c._tc.get_or_add_tcPr()
    style = "double" if stamp.border == "double" else "single"
    borders = "".join(
        f'<w:{side} w:val="{style}" w:sz="12" w:color="{_hex(stamp.ink)}"/>'
        for side in ("top", "left", "bottom", "right")
    )
    tc_pr.append(parse_xml(f"<w:tcBorders {nsdecls('w')}>{borders}</w:tcBorders>"))
    if shade:
        tc_pr.append(
            parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{shade}"/>')
        )
    p = c.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run_props(p.add_run(stamp.text), stamp)
    for s in stamp.sub:
        sp = c.add_paragraph()
        sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = sp.add_run(s)
        r.font.size = Pt(max(7, stamp.pt * 0.5))
        r.font.color.rgb = RGBColor(*INKS[stamp.ink])


_SHAPE = """<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300"
 simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="paragraph"><wp:posOffset>60000</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>
<wp:docPr id="{id}" name="Hinh {id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm rot="{rot}"><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>
<a:ln w="{lw}" cmpd="{cmpd}"><a:solidFill><a:srgbClr val="{col}"/></a:solidFill></a:ln></wps:spPr>
<wps:txbx><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:b/><w:color w:val="{col}"/><w:sz w:val="{sz}"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="45720" tIns="27432" rIns="45720" bIns="27432" anchor="ctr"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"""


def _shape_run(paragraph, stamp: Stamp, ident: int) -> None:
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    )
    cx = round((0.9 + 0.55 * len(stamp.text)) * 360000 * stamp.pt / 14)
    cy = round(0.95 * 360000 * stamp.pt / 14)
    x = {"left": 0, "center": 500000, "right": 1100000}.get(stamp.place, 500000)
    xml = _SHAPE.format(
        ns=ns,
        x=x,
        cx=cx,
        cy=cy,
        id=ident,
        rot=round(stamp.angle * -60000),
        lw=25400 if stamp.border != "none" else 0,
        cmpd="dbl" if stamp.border == "double" else "sng",
        col=_hex(stamp.ink),
        sz=round(stamp.pt * 2),
        text=escape(stamp.text),
    )
    paragraph._p.append(parse_xml(xml))


def _png(img: Image.Image) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def _fill_header(doc_part, page: Page, variant: str, rng: random.Random) -> None:
    """The two-column header in `doc_part` (the body or a page header); the stamp goes in the
    left cell in the way `variant` says."""
    table = (
        doc_part.add_table(rows=1, cols=2, width=Cm(16.5))
        if variant.startswith("hdr")
        else doc_part.add_table(rows=1, cols=2)
    )
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.width, right.width = Cm(6.8), Cm(9.7)
    p = left.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, line in enumerate(page.issuer):
        r = p.add_run(line + ("\n" if i < len(page.issuer) - 1 else ""))
        r.bold = i == len(page.issuer) - 1
        r.font.size = Pt(13)
    np_ = left.add_paragraph()
    np_.alignment = WD_ALIGN_PARAGRAPH.CENTER
    np_.add_run(page.number).font.size = Pt(13)
    for st in page.stamps:
        kind = variant.removeprefix("hdr-")
        if kind in ("cell", "shaded"):
            _boxed_table(left, st, "FBE4E4" if kind == "shaded" else "")
            continue
        sp = left.add_paragraph()
        sp.alignment = _align(st.place)
        if kind == "shape":
            _shape_run(sp, st, 10 + len(st.text))
        elif kind == "picture":
            img = stamp_image(st, 220, rng)
            sp.add_run().add_picture(io.BytesIO(_png(img)), width=Cm(img.width / 220 * 2.54))
        elif kind == "caps":
            r = sp.add_run(st.text.capitalize() if " " not in st.text else st.text.title())
            r.style = "DauDoMat"
            _run_border(r, st)
        elif kind == "sdt":
            r = sp.add_run(st.text)
            _run_props(r, st)
            _run_border(r, st)
            sdt = parse_xml(
                f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Độ mật"/><w:tag w:val="DoMat"/>'
                "</w:sdtPr><w:sdtContent/></w:sdt>"
            )
            sp._p.addprevious(sdt)
            sdt.find(qn("w:sdtContent")).append(sp._p)
        else:
            r = sp.add_run(st.text)
            _run_props(r, st)
            if st.border != "none":
                _run_border(r, st)
        for s in st.sub:
            ss = left.add_paragraph()
            ss.alignment = _align(st.place)
            sr = ss.add_run(s)
            sr.font.size = Pt(8)
            sr.font.color.rgb = RGBColor(*INKS[st.ink])
    for note in page.notes:
        npar = left.add_paragraph()
        npar.alignment = WD_ALIGN_PARAGRAPH.CENTER
        nr = npar.add_run(note)
        nr.italic = True
        nr.font.size = Pt(11)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if page.motto:
        r1 = rp.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n")
        r1.bold = True
        r2 = rp.add_run("Độc lập - Tự do - Hạnh phúc")
        r2.bold = True
    dp = right.add_paragraph()
    dp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    dp.add_run(page.place_date).italic = True


def _body(doc, page: Page) -> None:
    for line in page.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    for para in page.body:
        p = doc.add_paragraph(para)
        p.paragraph_format.first_line_indent = Cm(1)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if page.signer:
        t = doc.add_table(rows=1, cols=2)
        lp = t.cell(0, 0).paragraphs[0]
        for i, line in enumerate(page.recipients):
            r = lp.add_run(line + "\n")
            r.bold = i == 0
            r.font.size = Pt(11)
        sp = t.cell(0, 1).paragraphs[0]
        sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for line in page.signer:
            sp.add_run(line + "\n").bold = True


def letter_docx(
    page: Page, variant: str, rng: random.Random, *, cover: Page | None = None
) -> bytes:
    """A Word letter. Variants: run (bordered run), cell, shaded, shape, picture, caps, sdt,
    spaced (letter-spaced run), first-header (the header of the first page only), section2
    (a cover page in section 1; the stamped document starts section 2)."""
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(13)
    cs = doc.styles.add_style("DauDoMat", WD_STYLE_TYPE.CHARACTER)
    cs.font.bold = True
    cs.font.all_caps = True
    cs.font.size = Pt(page.stamps[0].pt if page.stamps else 14)
    cs.font.color.rgb = RGBColor(*INKS[page.stamps[0].ink if page.stamps else "red"])
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)
    kind = variant
    if variant == "first-header":
        sec.different_first_page_header_footer = True
        _fill_header(sec.first_page_header, page, "hdr-run", rng)
        sec.header.paragraphs[0].add_run(" ")
        _body(doc, page)
    elif variant == "section2" and cover is not None:
        _fill_header(doc, cover, "run", rng)
        _body(doc, cover)
        new = doc.add_section(WD_SECTION.NEW_PAGE)
        new.header.is_linked_to_previous = True
        _fill_header(doc, page, "run", rng)
        _body(doc, page)
    else:
        _fill_header(doc, page, kind, rng)
        _body(doc, page)
    core = doc.core_properties
    core.author = page.extra.get("author", "Văn thư")
    core.created = core.modified = FIXED.replace(tzinfo=None)
    core.last_modified_by = core.author
    core.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return fixed_zip(buf.getvalue())


def letter_fodt(page: Page, frame: bool) -> str:
    """A flat ODF text file (for LibreOffice to turn into DOCX or Word 97): the stamp as a
    bordered paragraph, or in a text frame."""

    def para(style: str, text: str) -> str:
        return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'

    stamps = []
    for i, st in enumerate(page.stamps):
        colour = "#" + _hex(st.ink)
        if frame:
            stamps.append(
                f'<text:p text:style-name="C"><draw:frame draw:style-name="fr{i}" draw:name="Khung{i}" '
                f'text:anchor-type="as-char" svg:width="{(0.9 + 0.36 * len(st.text)) * st.pt / 14:.2f}cm" '
                f'svg:x="1.2cm" svg:y="0.1cm"><draw:text-box fo:min-height="0.8cm">'
                f'<text:p text:style-name="S{i}">{escape(st.text)}</text:p></draw:text-box></draw:frame></text:p>'
            )
        else:
            stamps.append(para(f"S{i}", st.text))
    styles = []
    for i, st in enumerate(page.stamps):
        colour = "#" + _hex(st.ink)
        width = 0.7 + 0.32 * len(st.text) * st.pt / 14
        side = max(0.2, (7.0 - width) / 2)
        border = (
            ""
            if frame
            else f'fo:border="1.5pt {"double" if st.border == "double" else "solid"} {colour}" fo:padding="0.05cm" fo:margin-left="{side:.2f}cm" fo:margin-right="{side:.2f}cm"'
        )
        styles.append(
            f'<style:style style:name="S{i}" style:family="paragraph"><style:paragraph-properties fo:text-align="center" {border}/>'
            f'<style:text-properties fo:color="{colour}" fo:font-weight="bold" fo:font-size="{st.pt}pt" style:font-name="Liberation Serif" fo:letter-spacing="{st.tracking * st.pt:.1f}pt"/></style:style>'
        )
        styles.append(
            f'<style:style style:name="fr{i}" style:family="graphic"><style:graphic-properties fo:border="1.5pt solid {colour}" '
            'draw:fill="none" fo:background-color="transparent" style:vertical-pos="middle" style:vertical-rel="line"/></style:style>'
        )
    head = "".join(para("C", s) for s in page.issuer) + para("C", page.number)
    right = (
        para("CB", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        + para("CB", "Độc lập - Tự do - Hạnh phúc")
        + para("CI", page.place_date)
    )
    notes = "".join(para("CI", n) for n in page.notes)
    body = "".join(para("CB", t) for t in page.title) + "".join(para("J", b) for b in page.body)
    sign = "".join(para("SB", s) for s in page.signer)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><meta:creation-date>2026-04-14T09:30:00</meta:creation-date><dc:date>2026-04-14T09:30:00</dc:date><meta:initial-creator>Van thu</meta:initial-creator></office:meta>
<office:font-face-decls><style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"/></office:font-face-decls>
<office:automatic-styles>
<style:style style:name="C" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"/></style:style>
<style:style style:name="CB" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="CI" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt" fo:font-style="italic"/></style:style>
<style:style style:name="J" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt"/></style:style>
<style:style style:name="SB" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/><style:text-properties style:font-name="Liberation Serif" fo:font-size="13pt" fo:font-weight="bold"/></style:style>
<style:style style:name="T" style:family="table"><style:table-properties style:width="16cm"/></style:style>
{"".join(styles)}
</office:automatic-styles>
<office:body><office:text>
<table:table table:name="DauVB" table:style-name="T"><table:table-column table:number-columns-repeated="2"/>
<table:table-row><table:table-cell office:value-type="string">{head}{"".join(stamps)}{notes}</table:table-cell>
<table:table-cell office:value-type="string">{right}</table:table-cell></table:table-row></table:table>
{body}{sign}
</office:text></office:body></office:document>
"""


def soffice_convert(files: dict[str, bytes], target: str) -> dict[str, bytes]:
    """Converts every file in one LibreOffice headless call (slow to start), with its own user
    profile in a temporary directory; returns the outputs by input name. Empty when LibreOffice
    is not installed."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe or not files:
        return {}
    with tempfile.TemporaryDirectory(prefix="h8lo-") as tmp:
        root = Path(tmp)
        (root / "in").mkdir()
        paths = []
        for name, body in files.items():
            path = root / "in" / name
            path.write_bytes(body)
            paths.append(str(path))
        subprocess.run(
            [
                exe,
                f"-env:UserInstallation=file://{root}/profile",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(root / "out"),
                *paths,
            ],
            check=False,
            capture_output=True,
            timeout=300,
        )
        out = {}
        for name in files:
            result = root / "out" / (Path(name).stem + "." + target.split(":")[0])
            if result.exists():
                out[name] = result.read_bytes()
        return out


# ---------------------------------------------------------------- PDF


class _Pdf(FPDF):
    def __init__(self) -> None:
        super().__init__(unit="mm", format="A4")
        for key, style in (("times", ""), ("times_b", "B"), ("times_i", "I")):
            self.add_font("TNR", style, font_path(key))
        for key in ("arial_b", "narrow_b", "serifcond_b", "sans_b", "cond_b", "serif_b"):
            self.add_font(key, "", font_path(key))
        self.set_creation_date(FIXED)
        self.set_producer("Microsoft® Word 2019")
        self.set_auto_page_break(True, 20)
        self.set_margins(30, 20, 20)


def _pdf_stamp(
    pdf: _Pdf, st: Stamp, cx: float, y: float, rng: random.Random, as_image: bool
) -> float:
    """Draws a stamp centred at `cx`, top at `y` (mm); returns its height."""
    if as_image:
        img = stamp_image(st, 300, rng)
        w = img.width / 300 * 25.4
        h = img.height / 300 * 25.4
        pdf.image(io.BytesIO(_png(img)), x=cx - w / 2, y=y, w=w, h=h)
        return h
    face = "TNR" if st.face.startswith("times") else st.face
    pdf.set_font(face, "B" if face == "TNR" else "", st.pt)
    pdf.set_char_spacing(st.tracking * st.pt)
    w = pdf.get_string_width(st.text) + 4
    h = st.pt * 0.3528 * 1.25 + 2 + 3 * len(st.sub)
    r, g, b = INKS[st.ink]
    pdf.set_text_color(r, g, b)
    pdf.set_draw_color(r, g, b)
    pdf.set_line_width(0.45)
    with pdf.rotation(st.angle, cx, y + h / 2):
        if st.border in ("single", "double"):
            pdf.rect(cx - w / 2, y, w, h)
            if st.border == "double":
                pdf.rect(cx - w / 2 + 0.8, y + 0.8, w - 1.6, h - 1.6)
        pdf.set_xy(cx - w / 2, y + 1)
        pdf.cell(w, st.pt * 0.3528 * 1.25, st.text, align="C")
        pdf.set_char_spacing(0)
        for i, s in enumerate(st.sub):
            pdf.set_font("TNR", "", max(6, st.pt * 0.45))
            pdf.set_xy(cx - w / 2, y + 1 + st.pt * 0.3528 * 1.25 + 3 * i)
            pdf.cell(w, 3, s, align="C")
        if st.struck:
            pdf.set_draw_color(30, 40, 120)
            pdf.line(cx - w / 2 - 1, y + h * 0.7, cx + w / 2 + 1, y + h * 0.3)
    pdf.set_text_color(0, 0, 0)
    pdf.set_char_spacing(0)
    return h


def _pdf_page(pdf: _Pdf, page: Page, rng: random.Random, stamp_image_mode: bool) -> None:
    pdf.add_page()
    left_c, right_c = 50.0, 135.0
    y = 15.0
    if page.issuer:
        pdf.set_font("TNR", "", 12.5)
        for i, line in enumerate(page.issuer):
            pdf.set_font("TNR", "B" if i == len(page.issuer) - 1 else "", 12.5)
            pdf.set_xy(left_c - 40, y)
            pdf.cell(80, 5.5, line, align="C")
            y += 5.5
        pdf.line(left_c - 12, y + 0.5, left_c + 12, y + 0.5)
        y += 2.5
        pdf.set_font("TNR", "", 12.5)
        pdf.set_xy(left_c - 40, y)
        pdf.cell(80, 6, page.number, align="C")
        y += 8
        for st in page.stamps:
            if st.place in ("left", "center", "right"):
                cx = left_c + {"left": -18, "center": 0, "right": 16}[st.place]
                y += _pdf_stamp(pdf, st, cx, y, rng, stamp_image_mode) + 2
        pdf.set_font("TNR", "I", 11)
        for note in page.notes:
            pdf.set_xy(left_c - 40, y)
            pdf.multi_cell(80, 4.8, note, align="C")
            y = pdf.get_y()
        ry = 15.0
        if page.motto:
            pdf.set_font("TNR", "B", 12.5)
            for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"):
                pdf.set_xy(right_c - 50, ry)
                pdf.cell(100, 5.5, line, align="C")
                ry += 5.5
            pdf.line(right_c - 25, ry + 0.5, right_c + 25, ry + 0.5)
            ry += 4
        pdf.set_font("TNR", "I", 12.5)
        pdf.set_xy(right_c - 50, ry)
        pdf.cell(100, 6, page.place_date, align="C")
        y = max(y, ry) + 10
    pdf.set_font("TNR", "B", 13)
    for line in page.title:
        pdf.set_xy(30, y)
        pdf.cell(160, 6, line, align="C")
        y += 6
    pdf.set_xy(30, y + 4)
    pdf.set_font("TNR", "", 13)
    for para in page.body:
        pdf.set_x(30)
        pdf.multi_cell(160, 6.2, "      " + para, align="J")
    for st in page.stamps:
        if st.place == "body":
            pdf.set_y(
                pdf.get_y() + 4 + _pdf_stamp(pdf, st, 105, pdf.get_y() + 4, rng, stamp_image_mode)
            )
    sign_y = pdf.get_y() + 4
    if page.signer:
        pdf.set_font("TNR", "B", 12.5)
        for i, line in enumerate(page.signer):
            pdf.set_xy(right_c - 45, sign_y + 5.5 * i)
            pdf.cell(90, 5.5, line, align="C")
        pdf.set_font("TNR", "", 10.5)
        for i, line in enumerate(page.recipients):
            pdf.set_xy(30, sign_y + 4.6 * i)
            pdf.cell(70, 4.6, line)
    for st in page.stamps:
        if st.place == "sign":
            _pdf_stamp(pdf, st, right_c + 5, sign_y + 10, rng, stamp_image_mode)
        elif st.place == "topright":
            _pdf_stamp(pdf, st, 175, 8, rng, stamp_image_mode)
        elif st.place == "top":
            _pdf_stamp(pdf, st, left_c, 5, rng, stamp_image_mode)


def text_pdf(
    pages: Sequence[Page], rng: random.Random, *, stamp_as_image: bool = False, title: str = ""
) -> bytes:
    pdf = _Pdf()
    pdf.set_title(title or (pages[0].title[0] if pages[0].title else "Văn bản"))
    pdf.set_author("Văn thư")
    for page in pages:
        _pdf_page(pdf, page, rng, stamp_as_image)
    return bytes(pdf.output())


def image_pdf(images: Sequence[Image.Image]) -> bytes:
    """Photos or pictures placed one per page in an fpdf2 PDF (JPEG inside)."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED)
    for img in images:
        pdf.add_page()
        buf = io.BytesIO()
        img.convert("RGB").save(buf, "JPEG", quality=70)
        w = 210.0
        h = w * img.height / img.width
        if h > 297:
            h = 297.0
            w = h * img.width / img.height
        pdf.image(buf, x=(210 - w) / 2, y=0, w=w, h=h)
    return bytes(pdf.output())


# ---------------------------------------------------------------- plain text, web, mail


def page_text(page: Page, *, width: int = 78) -> str:
    """A page as a plain-text export: header columns side by side, stamps on their own line."""
    out: list[str] = []
    left = (
        [*page.issuer, page.number]
        + [s.text for s in page.stamps if s.place in ("left", "center", "right")]
        + list(page.notes)
    )
    right = (
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "", page.place_date]
        if page.motto
        else [page.place_date]
    )
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        out.append(f"{a.center(34)}  {b.center(width - 36)}".rstrip())
    out.append("")
    out += [t.center(width).rstrip() for t in page.title]
    out.append("")
    for para in page.body:
        line = "    "
        for word in para.split():
            if len(line) + len(word) + 1 > width:
                out.append(line.rstrip())
                line = ""
            line += word + " "
        out.append(line.rstrip())
    out.append("")
    out += [s.rjust(width - 10) for s in page.signer]
    return "\r\n".join(out) + "\r\n"


def mail(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    when: datetime,
    ident: str,
    attachments: Sequence[tuple[str, str, bytes]] = (),
    html_body: str = "",
    forwarded: bytes = b"",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{ident}@mail.bachlinh.gov.vn>"
    msg.set_content(text)
    if html_body:
        msg.add_alternative(html_body, subtype="html")
    for filename, mime, body in attachments:
        maintype, subtype = mime.split("/")
        msg.add_attachment(body, maintype=maintype, subtype=subtype, filename=filename)
    if forwarded:
        from email import message_from_bytes
        from email.policy import default

        msg.add_attachment(message_from_bytes(forwarded, policy=default))
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{ident}_{n}")
    return msg.as_bytes()
