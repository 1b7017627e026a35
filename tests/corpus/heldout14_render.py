"""Renderers of held-out corpus 14 (tests/corpus/heldout14.py): a paper page of an
administrative document with its stamps, and what becomes of it when it is scanned, faxed,
photographed (on a desk, off a monitor, forwarded in a chat), shown in a PDF viewer or
printed from a microfilm reader; envelopes; and the same document as Word, RTF saved under a
.doc name, PDF (text, stamp picture, scanned with an OCR layer), workbook, web page (hand
written or saved from Word), plain text, mail and slides. Every random choice comes from the
caller's `Random`; no noise is drawn from anywhere else."""

from __future__ import annotations

import base64
import io
import math
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from functools import cache
from random import Random
from typing import Any

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.corpus.common import (
    font_path,
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    rtf_unicode,
    wrap_words,
)

Colour = tuple[int, int, int]
RED: Colour = (214, 30, 36)
DEEP_RED: Colour = (160, 18, 28)
PALE_RED: Colour = (226, 96, 96)
PURPLE_RED: Colour = (170, 30, 90)
COPY_GREY: Colour = (55, 55, 55)
INK_BLUE: Colour = (30, 50, 150)
BLACK: Colour = (20, 20, 20)
WHITE: Colour = (255, 255, 255)
IVORY: Colour = (250, 246, 232)
PALE_BLUE: Colour = (228, 238, 250)
PALE_GREEN: Colour = (232, 246, 226)
MANILA: Colour = (232, 212, 160)
GREY_PAPER: Colour = (236, 236, 236)

# the faces a stamp maker cuts level stamps in (all have Vietnamese glyphs)
STAMP_FACES = (
    "LiberationSerif-Bold",
    "LiberationSans-Bold",
    "DejaVuSansCondensed-Bold",
    "DejaVuSerif-Bold",
    "DejaVuSans-Bold",
    "DejaVuSerifCondensed-Bold",
    "LiberationSerif-BoldItalic",
)
FRAMES = ("single", "double", "thick", "round", "none", "dashed")
PAGE_W = 1240  # an A4 page at 150 dpi
PAGE_H = 1754


@cache
def face(name: str, size: int) -> ImageFont.FreeTypeFont:
    """A TrueType face at a pixel size (bold when the name says so)."""
    return ImageFont.truetype(str(font_path(name, bold="Bold" in name)), size)


@dataclass
class Mark:
    """A stamp on the paper. `kind`: level (the level word in a frame), changed (the old level
    struck through and a box naming the new one), declassified (the old level, struck or not,
    and a box with the decision), red (another stamp's words), specimen (a level stamp printed
    as an example, with its caption). `where`: number (under the number and symbol), top (top
    of the page), signature (by the signer), footer, body (over the text) or annex (top of the
    last page)."""

    kind: str
    text: str = ""
    new: str = ""
    lines: tuple[str, ...] = ()
    where: str = "number"
    ink: Colour = RED
    face: str = "LiberationSerif-Bold"
    frame: str = "single"
    tilt: float = 0.0
    size: int = 34
    strike: bool = True


@dataclass
class Paper:
    """An administrative document as printed (Decree 30/2020 layout)."""

    parent: str
    agency: str
    number: str
    place_date: str
    title: str
    subject: str
    body: list[str]
    signer_role: str
    signer_name: str
    recipients: list[str]
    marks: list[Mark] = field(default_factory=list)
    annex_title: str = ""
    annex: list[str] = field(default_factory=list)
    paper: Colour = WHITE
    seal: bool = True


def hex_of(colour: Colour) -> str:
    return "".join(f"{v:02X}" for v in colour)


def _frame(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], mark: Mark) -> None:
    x0, y0, x1, y1 = box
    ink = (*mark.ink, 255)
    if mark.frame == "single":
        draw.rectangle(box, outline=ink, width=3)
    elif mark.frame == "double":
        draw.rectangle(box, outline=ink, width=2)
        draw.rectangle((x0 + 6, y0 + 6, x1 - 6, y1 - 6), outline=ink, width=2)
    elif mark.frame == "thick":
        draw.rectangle(box, outline=ink, width=6)
    elif mark.frame == "round":
        draw.rounded_rectangle(box, radius=14, outline=ink, width=3)
    elif mark.frame == "dashed":
        for x in range(x0, x1, 16):
            draw.line((x, y0, min(x + 9, x1), y0), fill=ink, width=3)
            draw.line((x, y1, min(x + 9, x1), y1), fill=ink, width=3)
        for y in range(y0, y1, 16):
            draw.line((x0, y, x0, min(y + 9, y1)), fill=ink, width=3)
            draw.line((x1, y, x1, min(y + 9, y1)), fill=ink, width=3)


def _word_box(word: str, mark: Mark, *, strike: bool = False) -> Image.Image:
    """One framed word (a level, or another stamp's words) on a transparent ground."""
    font = face(mark.face, mark.size)
    left, top, right, bottom = font.getbbox(word)
    pad = 14 if mark.frame != "double" else 20
    w, h = int(right - left) + 2 * pad, int(bottom - top) + 2 * pad
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.text((pad - left, pad - top), word, font=font, fill=(*mark.ink, 255))
    _frame(draw, (1, 1, w - 2, h - 2), mark)
    if strike:
        draw.line((4, h // 2, w - 4, h // 2 - 2), fill=(*mark.ink, 255), width=4)
    return img


def _box_of_lines(lines: list[tuple[str, int, bool]], mark: Mark) -> Image.Image:
    """A framed box of lines (text, pixel size, bold), centred."""
    fonts = [
        face(
            mark.face
            if bold
            else mark.face.replace("-BoldItalic", "-Italic").replace(
                "-Bold", "-Regular" if mark.face.startswith("Lib") else ""
            ),
            size,
        )
        for _, size, bold in lines
    ]
    widths = [int(f.getlength(t)) for (t, _, _), f in zip(lines, fonts, strict=True)]
    heights = [int(size * 1.3) for _, size, _ in lines]
    w = max(widths) + 36
    h = sum(heights) + 28
    img = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    y = 14
    for (text, _, _), f, tw, lh in zip(lines, fonts, widths, heights, strict=True):
        draw.text(((w - tw) // 2, y), text, font=f, fill=(*mark.ink, 255))
        y += lh
    framed = Mark(
        kind=mark.kind, ink=mark.ink, frame="single" if mark.frame == "none" else mark.frame
    )
    _frame(draw, (1, 1, w - 2, h - 2), framed)
    return img


def _stack(parts: list[Image.Image], gap: int = 10, *, side: bool = False) -> Image.Image:
    if side:
        w = sum(p.width for p in parts) + gap * (len(parts) - 1)
        h = max(p.height for p in parts)
        out = Image.new("RGBA", (w, h), (0, 0, 0, 0))
        x = 0
        for p in parts:
            out.alpha_composite(p, (x, (h - p.height) // 2))
            x += p.width + gap
        return out
    w = max(p.width for p in parts)
    h = sum(p.height for p in parts) + gap * (len(parts) - 1)
    out = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    y = 0
    for p in parts:
        out.alpha_composite(p, ((w - p.width) // 2, y))
        y += p.height + gap
    return out


def stamp_image(mark: Mark) -> Image.Image:
    """The stamp as an RGBA picture, tilted by `mark.tilt` degrees."""
    if mark.kind in ("level", "red"):
        img = _word_box(mark.text, mark)
    elif mark.kind == "changed":
        old = _word_box(mark.text, mark, strike=True)
        box = _box_of_lines(
            [
                ("ĐIỀU CHỈNH ĐỘ MẬT", int(mark.size * 0.7), True),
                (f"thành: {mark.new}", mark.size, True),
                *[(line, int(mark.size * 0.55), False) for line in mark.lines],
            ],
            mark,
        )
        img = _stack([old, box], 12, side=bool(mark.tilt == 0 and len(mark.new) < 5))
    elif mark.kind == "declassified":
        box = _box_of_lines(
            [
                ("ĐÃ GIẢI MẬT", mark.size, True),
                *[(line, int(mark.size * 0.55), False) for line in mark.lines],
            ],
            mark,
        )
        if mark.text:
            old = _word_box(mark.text, mark, strike=mark.strike)
            img = _stack([old, box], 12)
        else:
            img = box
    elif mark.kind == "box":
        img = _box_of_lines(
            [
                (mark.text, mark.size, True),
                *[(line, int(mark.size * 0.55), False) for line in mark.lines],
            ],
            mark,
        )
    elif mark.kind == "specimen":
        sample = _word_box(mark.text, mark)
        font = face("LiberationSerif-Italic", 22)
        caption = mark.lines[0] if mark.lines else f"Mẫu dấu độ mật “{mark.text}”"
        w = max(sample.width, int(font.getlength(caption)) + 8)
        out = Image.new("RGBA", (w, sample.height + 40), (0, 0, 0, 0))
        out.alpha_composite(sample, ((w - sample.width) // 2, 0))
        ImageDraw.Draw(out).text((4, sample.height + 8), caption, font=font, fill=(20, 20, 20, 255))
        img = out
    else:
        raise ValueError(mark.kind)
    if mark.tilt:
        img = img.rotate(mark.tilt, expand=True, resample=Image.Resampling.BICUBIC)
    return img


def stamp_png(mark: Mark, background: Colour = WHITE) -> bytes:
    """The stamp alone as a PNG on a plain ground (what goes into Word, PDF, web pages)."""
    img = stamp_image(mark)
    ground = Image.new("RGB", (img.width + 16, img.height + 16), background)
    ground.paste(img, (8, 8), img)
    return png(ground)


def round_seal(agency: str, ink: Colour, radius: int = 105) -> Image.Image:
    """A round red seal: two rings, the agency's name round the edge and a star in the middle."""
    size = 2 * radius + 8
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    c = size // 2
    fill = (*ink, 200)
    draw.ellipse((4, 4, size - 4, size - 4), outline=fill, width=5)
    draw.ellipse(
        (c - radius + 32, c - radius + 32, c + radius - 32, c + radius - 32), outline=fill, width=2
    )
    font = face("DejaVuSans-Bold", 17)
    text = agency.upper()[:40]
    n = len(text)
    for i, ch in enumerate(text):
        angle = math.pi + (i / max(1, n - 1)) * math.pi * 1.6 - math.pi * 0.3
        x = c + (radius - 20) * math.cos(angle)
        y = c + (radius - 20) * math.sin(angle)
        glyph = Image.new("RGBA", (26, 26), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((4, 2), ch, font=font, fill=fill)
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        img.alpha_composite(glyph, (int(x) - 13, int(y) - 13))
    star = [
        (
            c + (26 if k % 2 == 0 else 11) * math.cos(-math.pi / 2 + k * math.pi / 5),
            c + (26 if k % 2 == 0 else 11) * math.sin(-math.pi / 2 + k * math.pi / 5),
        )
        for k in range(10)
    ]
    draw.polygon(star, fill=fill)
    return img


def scrawl(rng: Random, ink: Colour = INK_BLUE) -> Image.Image:
    """A signature: a few looping strokes."""
    img = Image.new("RGBA", (260, 90), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    x, y = 10.0, 55.0
    points = [(x, y)]
    for _ in range(rng.randint(14, 22)):
        x += rng.uniform(6, 16)
        y = 45 + rng.uniform(-30, 30)
        points.append((x, y))
    draw.line(points, fill=(*ink, 255), width=3, joint="curve")
    return img


def _centered(
    draw: ImageDraw.ImageDraw, cx: int, y: int, text: str, font: Any, ink: Colour
) -> None:
    draw.text((cx - font.getlength(text) / 2, y), text, font=font, fill=ink)


def _place(page: Image.Image, stamp: Image.Image, x: int, y: int) -> None:
    x = max(0, min(page.width - stamp.width, x))
    y = max(0, min(page.height - stamp.height, y))
    page.paste(stamp, (x, y), stamp)


def paint(paper: Paper, rng: Random) -> list[Image.Image]:
    """The printed pages (150 dpi) with their stamps: the first page, and the annex's page when
    the paper has one."""
    page = Image.new("RGB", (PAGE_W, PAGE_H), paper.paper)
    draw = ImageDraw.Draw(page)
    reg = face("LiberationSerif-Regular", 25)
    bold = face("LiberationSerif-Bold", 25)
    ital = face("LiberationSerif-Italic", 25)
    left_c, right_c = 300, 860
    _centered(draw, left_c, 110, paper.parent, reg, BLACK)
    _centered(draw, left_c, 142, paper.agency, bold, BLACK)
    draw.line((left_c - 70, 176, left_c + 70, 176), fill=BLACK, width=2)
    _centered(draw, right_c, 110, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold, BLACK)
    _centered(draw, right_c, 142, "Độc lập - Tự do - Hạnh phúc", bold, BLACK)
    draw.line((right_c - 170, 176, right_c + 170, 176), fill=BLACK, width=2)
    _centered(draw, left_c, 196, paper.number, reg, BLACK)
    _centered(draw, right_c, 196, paper.place_date, ital, BLACK)
    stamps = [(mark, stamp_image(mark)) for mark in paper.marks]
    under = 238
    for mark, stamp in stamps:
        if mark.where == "number":
            _place(page, stamp, left_c - stamp.width // 2 + rng.randint(-20, 20), under)
            under += stamp.height + 8
        elif mark.where == "right":
            _place(page, stamp, right_c - stamp.width // 2, 238 + rng.randint(0, 10))
            under = max(under, 238 + stamp.height + 10)
    y = max(330, under + 24)
    _centered(draw, PAGE_W // 2, y, paper.title, face("LiberationSerif-Bold", 30), BLACK)
    y += 44
    for line in wrap_words(paper.subject, bold, 900):
        _centered(draw, PAGE_W // 2, y, line, bold, BLACK)
        y += 34
    y += 30
    for para in paper.body:
        first = True
        for line in wrap_words(para, reg, 980 - (50 if first else 0)):
            draw.text((130 + (50 if first else 0), y), line, font=reg, fill=BLACK)
            first = False
            y += 36
        y += 8
        if y > PAGE_H - 600:
            break
    sig_y = max(y + 30, 1130)
    draw.text((130, sig_y), "Nơi nhận:", font=face("LiberationSerif-BoldItalic", 21), fill=BLACK)
    for i, rec in enumerate(paper.recipients[:6]):
        draw.text(
            (130, sig_y + 30 + 26 * i),
            f"- {rec};",
            font=face("LiberationSerif-Regular", 20),
            fill=BLACK,
        )
    sx = 880
    for i, line in enumerate(paper.signer_role.split("\n")):
        _centered(draw, sx, sig_y + 34 * i, line, bold, BLACK)
    sign = scrawl(rng)
    page.paste(sign, (sx - 130, sig_y + 80), sign)
    if paper.seal:
        seal = round_seal(f"{paper.parent} ★ {paper.agency}", RED)
        page.paste(seal, (sx - 210, sig_y + 20), seal)
    _centered(draw, sx, sig_y + 210, paper.signer_name, bold, BLACK)
    pages = [page]
    if paper.annex:
        annex = Image.new("RGB", (PAGE_W, PAGE_H), paper.paper)
        ad = ImageDraw.Draw(annex)
        _centered(ad, PAGE_W // 2, 250, paper.annex_title, face("LiberationSerif-Bold", 29), BLACK)
        _centered(ad, PAGE_W // 2, 292, f"(Kèm theo văn bản {paper.number})", ital, BLACK)
        ay = 370
        for line in paper.annex:
            for part in wrap_words(line, reg, 980):
                ad.text((130, ay), part, font=reg, fill=BLACK)
                ay += 36
            ay += 6
        pages.append(annex)
    for mark, stamp in stamps:
        target = pages[-1] if mark.where == "annex" else page
        if mark.where == "top":
            x = rng.choice((70, PAGE_W - stamp.width - 70))
            _place(target, stamp, x, 30)
        elif mark.where == "signature":
            _place(target, stamp, sx - stamp.width // 2 - rng.randint(120, 260), sig_y + 120)
        elif mark.where == "footer":
            _place(target, stamp, PAGE_W // 2 - stamp.width // 2, PAGE_H - stamp.height - 60)
        elif mark.where == "body":
            _place(target, stamp, rng.randint(300, 700), rng.randint(500, 800))
        elif mark.where == "annex":
            _place(target, stamp, PAGE_W - stamp.width - 110, 90)
    return pages


# ---------------------------------------------------------------- what becomes of a page


def noise_layer(rng: Random, size: tuple[int, int], density: float) -> Image.Image:
    """Specks: a mask where a share `density` of the pixels is set, from the caller's Random."""
    raw = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
    cut = int(255 * (1 - density))
    return raw.point(lambda v: 255 if v > cut else 0)


def scanned(
    page: Image.Image,
    rng: Random,
    *,
    scale: float = 0.67,
    skew: float = 0.0,
    turn: int = 0,
    specks: float = 0.0,
    mode: str = "RGB",
    blur: float = 0.0,
    tint: Colour | None = None,
) -> Image.Image:
    """A flatbed scan: resampled, skewed by a few degrees, turned by a multiple of 90, with
    specks, blur, grey or bilevel output, and a scanner lid's grey edge."""
    img = page.resize((int(page.width * scale), int(page.height * scale)), Image.Resampling.LANCZOS)
    if tint:
        img = Image.blend(img, Image.new("RGB", img.size, tint), 0.12)
    if skew:
        img = img.rotate(
            skew, expand=True, fillcolor=(200, 200, 200), resample=Image.Resampling.BICUBIC
        )
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    if specks:
        dots = noise_layer(rng, img.size, specks)
        img.paste((40, 40, 40), (0, 0), dots)
    if turn:
        img = img.rotate(turn, expand=True)
    if mode == "L":
        return img.convert("L")
    if mode == "1":
        return img.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
    return img


def fax_copy(page: Image.Image, rng: Random, sender: str) -> Image.Image:
    """A fax: low vertical resolution, bilevel, the sending machine's line on top."""
    img = page.convert("L").resize((page.width // 2, page.height // 3), Image.Resampling.BILINEAR)
    img = img.resize((page.width // 2, page.height // 2), Image.Resampling.NEAREST)
    img = img.point(lambda v: 255 if v > 165 else 0)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, img.width, 22), fill=255)
    draw.text((8, 3), sender, font=face("LiberationMono-Regular", 15), fill=0)
    dots = noise_layer(rng, img.size, 0.002)
    img.paste(0, (0, 0), dots)
    return img


def photographed(
    page: Image.Image,
    rng: Random,
    *,
    background: Colour = (96, 72, 52),
    lean: float = 0.08,
    shadow: bool = True,
    falloff: float = 0.35,
    blur: float = 0.8,
    out_w: int = 1100,
) -> Image.Image:
    """A phone photo of a page on a desk: perspective, the phone's shadow, light falling off
    towards a corner, slight blur."""
    w, h = page.size
    ow, oh = out_w, int(out_w * h / w)
    m = lean
    corners = [
        (ow * rng.uniform(0.04, 0.04 + m), oh * rng.uniform(0.03, 0.03 + m)),
        (ow * rng.uniform(0.96 - m, 0.96), oh * rng.uniform(0.03, 0.03 + m)),
        (ow * rng.uniform(0.96 - m, 0.97), oh * rng.uniform(0.97 - m, 0.97)),
        (ow * rng.uniform(0.03, 0.03 + m), oh * rng.uniform(0.97 - m, 0.97)),
    ]
    coeffs = perspective_coeffs(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = page.convert("RGB").transform(
        (ow, oh), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", (w, h), 255).transform((ow, oh), Image.Transform.PERSPECTIVE, coeffs)
    out = Image.new("RGB", (ow, oh), background)
    out.paste(warped, (0, 0), mask)
    # light falling off from one corner
    grad = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize((ow, oh))
    dark = Image.new("RGB", (ow, oh), (30, 28, 24))
    out = Image.composite(dark, out, grad.point(lambda v: int(v * falloff)))
    if shadow:
        sh = Image.new("L", (ow, oh), 0)
        sd = ImageDraw.Draw(sh)
        x0 = rng.randint(-200, ow // 2)
        sd.ellipse((x0, oh - rng.randint(300, 520), x0 + ow, oh + 400), fill=110)
        sh = sh.filter(ImageFilter.GaussianBlur(60))
        out = Image.composite(Image.new("RGB", (ow, oh), (20, 20, 20)), out, sh)
    if blur:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    return out


def monitor_photo(page: Image.Image, rng: Random) -> Image.Image:
    """A phone photo of the document open on a monitor: dark bezel, bluish glow, the screen's
    line pattern, a slant."""
    screen = page.resize((820, int(820 * page.height / page.width)), Image.Resampling.LANCZOS)
    screen = Image.blend(
        screen.convert("RGB"), Image.new("RGB", screen.size, (200, 215, 255)), 0.12
    )
    lines = Image.new("L", screen.size, 0)
    ld = ImageDraw.Draw(lines)
    step = rng.randint(5, 8)
    for yy in range(0, screen.height, step):
        ld.line((0, yy, screen.width, yy + rng.randint(-2, 2)), fill=38, width=1)
    screen = Image.composite(Image.new("RGB", screen.size, (60, 60, 90)), screen, lines)
    monitor = Image.new("RGB", (screen.width + 80, screen.height + 80), (18, 18, 20))
    monitor.paste(screen, (40, 40))
    return photographed(
        monitor,
        rng,
        background=(40, 36, 34),
        lean=0.05,
        shadow=False,
        falloff=0.25,
        blur=0.9,
        out_w=1000,
    )


def viewer_screenshot(page: Image.Image, rng: Random, file_name: str) -> Image.Image:
    """A screenshot of the document open in a PDF viewer: title bar, toolbar, grey margins and
    a zoom that shows the top of the page."""
    width = rng.choice((1366, 1440, 1600))
    height = int(width * 0.5625)
    out = Image.new("RGB", (width, height), (82, 86, 89))
    draw = ImageDraw.Draw(out)
    draw.rectangle((0, 0, width, 34), fill=(222, 225, 230))
    draw.text(
        (14, 8), f"{file_name} - Trình xem PDF", font=face("DejaVuSans", 15), fill=(30, 30, 30)
    )
    draw.rectangle((0, 34, width, 78), fill=(50, 54, 57))
    for i, label in enumerate(("◀", "▶", "1 / 2", "−", "125%", "+", "⤓", "⎙")):
        draw.text((20 + 70 * i, 46), label, font=face("DejaVuSans", 16), fill=(230, 230, 230))
    shown_w = int(width * rng.uniform(0.62, 0.72))
    shown = page.resize(
        (shown_w, int(shown_w * page.height / page.width)), Image.Resampling.LANCZOS
    )
    top = rng.randint(0, 60)
    crop = shown.crop((0, top, shown_w, top + height - 96))
    out.paste(crop, ((width - shown_w) // 2, 92))
    return out


def chat_forward(page: Image.Image, rng: Random, sender: str, clock: str) -> Image.Image:
    """A phone screenshot of a chat app showing a forwarded photo of the page opened full
    screen: status bar, the sender's name and time, the photo, a reply bar."""
    photo = photographed(
        page, rng, lean=0.05, shadow=rng.random() < 0.5, falloff=0.2, blur=0.6, out_w=900
    )
    w, h = 1080, 2160
    out = Image.new("RGB", (w, h), (12, 12, 12))
    draw = ImageDraw.Draw(out)
    draw.text((40, 20), clock, font=face("DejaVuSans-Bold", 34), fill=(240, 240, 240))
    draw.text((w - 190, 20), "4G ▮▮▮ 67%", font=face("DejaVuSans", 30), fill=(240, 240, 240))
    draw.text((120, 110), sender, font=face("DejaVuSans-Bold", 40), fill=(250, 250, 250))
    draw.text(
        (120, 162), "Đã chuyển tiếp · hôm qua", font=face("DejaVuSans", 30), fill=(170, 170, 170)
    )
    draw.text((40, 112), "←", font=face("DejaVuSans-Bold", 48), fill=(250, 250, 250))
    ph = photo.resize((w, int(w * photo.height / photo.width)), Image.Resampling.LANCZOS)
    out.paste(ph, (0, (h - ph.height) // 2))
    draw.rectangle((0, h - 150, w, h), fill=(28, 28, 30))
    draw.text(
        (40, h - 110),
        "Trả lời    Chuyển tiếp    Lưu ảnh",
        font=face("DejaVuSans", 36),
        fill=(210, 210, 210),
    )
    return out


def microfilm_print(page: Image.Image) -> Image.Image:
    """A print from a microfilm reader: negative (light letters on dark ground), grey,
    slightly soft."""
    img = page.convert("L").resize(
        (page.width * 3 // 4, page.height * 3 // 4), Image.Resampling.LANCZOS
    )
    img = img.point(lambda v: 255 - v)
    return img.filter(ImageFilter.GaussianBlur(0.7))


def with_slip(page: Image.Image, rng: Random, lines: list[str]) -> Image.Image:
    """A routing slip (phiếu trình) clipped over the lower body of the page, leaving the header
    and the number's stamp clear."""
    out = page.copy()
    slip = Image.new("RGB", (520, 330), (252, 240, 150))
    sd = ImageDraw.Draw(slip)
    for i, line in enumerate(lines):
        sd.text((22, 20 + 40 * i), line, font=face("LiberationSerif-Italic", 26), fill=INK_BLUE)
    slip = slip.rotate(rng.uniform(-4, 4), expand=True, fillcolor=(0, 0, 0))
    mask = slip.convert("L").point(lambda v: 255 if v > 0 else 0)
    out.paste(slip, (rng.randint(560, 660), rng.randint(760, 900)), mask)
    return out


def two_sided(pages: list[Image.Image]) -> list[Image.Image]:
    """A duplex scan: a near-blank back after every printed page (a little show-through)."""
    out = []
    for p in pages:
        out.append(p)
        back = (
            p.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            .convert("L")
            .point(lambda v: 250 if v > 128 else 238)
        )
        out.append(back.convert("RGB"))
    return out


def circled(
    draw: ImageDraw.ImageDraw, cx: int, cy: int, r: int, text: str, ink: Colour, font: str
) -> None:
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=max(3, r // 12))
    f = face(font, int(r * 1.15))
    left, top, right, bottom = f.getbbox(text)
    draw.text((cx - (left + right) / 2, cy - (top + bottom) / 2), text, font=f, fill=ink)


def envelope(
    rng: Random,
    *,
    sender: tuple[str, str],
    recipient: list[str],
    number: str,
    letter: str = "",
    letter_ink: Colour = RED,
    extra: list[Mark] | None = None,
    colour: Colour = MANILA,
    postage: bool = False,
    block_mark: str = "",
) -> Image.Image:
    """A document envelope (22 × 11 cm at 100 dpi): sender top left, the number, the addressee
    in the middle; a circled letter A/B/C for the level where `letter`, other marks in
    `extra`, a postage stamp and postmark, or a circled block letter of an address."""
    w, h = 880, 440
    img = Image.new("RGB", (w, h), colour)
    draw = ImageDraw.Draw(img)
    reg = face("LiberationSerif-Regular", 22)
    bold = face("LiberationSerif-Bold", 22)
    draw.text((30, 24), sender[0], font=reg, fill=BLACK)
    draw.text((30, 52), sender[1], font=bold, fill=BLACK)
    draw.text((30, 84), number, font=reg, fill=BLACK)
    y = 220
    draw.text((300, y - 34), "Kính gửi:", font=face("LiberationSerif-Italic", 22), fill=BLACK)
    for line in recipient:
        draw.text((330, y), line, font=bold, fill=BLACK)
        y += 32
    if letter:
        r = rng.randint(34, 50)
        cx = rng.choice((w - 90, w // 2 + 60, 120))
        cy = 150 if cx != 120 else 160
        if cx == w // 2 + 60:
            cy = 70
        circled(
            draw,
            cx,
            cy,
            r,
            letter,
            letter_ink,
            rng.choice(("LiberationSerif-Bold", "DejaVuSans-Bold")),
        )
    if block_mark:
        circled(draw, w - 110, h - 90, 30, block_mark, INK_BLUE, "LiberationSans-Bold")
    if postage:
        draw.rectangle(
            (w - 130, 20, w - 40, 120), fill=(200, 220, 240), outline=(80, 80, 140), width=2
        )
        draw.text((w - 118, 58), "4000đ", font=face("DejaVuSans-Bold", 18), fill=(60, 60, 120))
        draw.ellipse((w - 200, 40, w - 100, 140), outline=(60, 60, 60), width=3)
        draw.text((w - 186, 80), "BƯU ĐIỆN", font=face("DejaVuSans", 13), fill=(60, 60, 60))
    out = img.convert("RGBA")
    for mark in extra or []:
        stamp = stamp_image(mark)
        out.alpha_composite(stamp, (rng.randint(30, 120), h - stamp.height - 30))
    return out.convert("RGB")


# ---------------------------------------------------------------- the same text as files


def _plain(paper: Paper) -> list[str]:
    return [
        f"{paper.parent} — {paper.agency}",
        paper.number,
        paper.place_date,
        paper.title,
        paper.subject,
    ]


def docx_of(
    paper: Paper,
    style: str,
    rng: Random,
    *,
    picture: bytes | None = None,
    extra: list[str] | None = None,
) -> bytes:
    """A Word file. `style` says where the level goes: cell (under the number in the header
    table), framed (a framed red paragraph under the header table), header or footer (the
    page's), picture (the stamp as an inline picture under the number), annex (a framed
    paragraph at the top of the annex after a page break), none (no stamp: the marks' words,
    if any, are in `extra` lines of the body)."""
    from docx import Document
    from docx.enum.section import WD_SECTION  # noqa: F401
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(13)
    level_marks = list(paper.marks)

    def red_run(par: Any, text: str, mark: Mark, size: int = 14) -> None:
        run = par.add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        run.font.color.rgb = RGBColor(*mark.ink)

    def mark_paragraphs(container: Any, mark: Mark) -> None:
        if mark.kind in ("level", "red"):
            p = container.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            red_run(p, mark.text, mark)
            paragraph_border(
                p, hex_of(mark.ink), style="double" if mark.frame == "double" else "single"
            )
        elif mark.kind == "changed":
            p = container.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(mark.text)
            run.bold = True
            run.font.strike = True
            run.font.color.rgb = RGBColor(*mark.ink)
            for text in ("ĐIỀU CHỈNH ĐỘ MẬT", f"thành: {mark.new}", *mark.lines):
                q = container.add_paragraph()
                q.alignment = WD_ALIGN_PARAGRAPH.CENTER
                red_run(q, text, mark, 14 if text.startswith("thành") else 10)
                paragraph_border(q, hex_of(mark.ink))
        elif mark.kind == "declassified":
            if mark.text:
                p = container.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = p.add_run(mark.text)
                run.bold = True
                run.font.strike = mark.strike
                run.font.color.rgb = RGBColor(*mark.ink)
            for text in ("ĐÃ GIẢI MẬT", *mark.lines):
                q = container.add_paragraph()
                q.alignment = WD_ALIGN_PARAGRAPH.CENTER
                red_run(q, text, mark, 14 if text == "ĐÃ GIẢI MẬT" else 10)
                paragraph_border(q, hex_of(mark.ink))
        elif mark.kind == "box":
            for text in (mark.text, *mark.lines):
                q = container.add_paragraph()
                q.alignment = WD_ALIGN_PARAGRAPH.CENTER
                red_run(q, text, mark, 14 if text == mark.text else 10)
                paragraph_border(q, hex_of(mark.ink))
        elif mark.kind == "specimen":
            p = container.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            red_run(p, mark.text, mark)
            paragraph_border(p, hex_of(mark.ink))
            c = container.add_paragraph()
            c.alignment = WD_ALIGN_PARAGRAPH.CENTER
            cap = c.add_run(mark.lines[0] if mark.lines else f"Mẫu dấu độ mật “{mark.text}”")
            cap.italic = True

    section = doc.sections[0]
    section.left_margin = Cm(3)
    section.right_margin = Cm(2)
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.paragraphs[0].add_run(paper.parent).font.size = Pt(12)
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    a = left.add_paragraph()
    a.alignment = WD_ALIGN_PARAGRAPH.CENTER
    a.add_run(paper.agency).bold = True
    n = left.add_paragraph()
    n.alignment = WD_ALIGN_PARAGRAPH.CENTER
    n.add_run(paper.number)
    r0 = right.paragraphs[0]
    r0.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r0.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").bold = True
    r1 = right.add_paragraph()
    r1.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r1.add_run("Độc lập - Tự do - Hạnh phúc").bold = True
    r2 = right.add_paragraph()
    r2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r2.add_run(paper.place_date).italic = True
    annex_marks = [m for m in level_marks if m.where == "annex"]
    first_marks = [m for m in level_marks if m.where != "annex"]
    if style == "cell":
        for m in first_marks:
            mark_paragraphs(left, m)
    elif style == "picture" and picture is not None:
        p = left.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(io.BytesIO(picture), width=Cm(rng.uniform(3.0, 4.2)))
    elif style in ("header", "footer"):
        part = section.header if style == "header" else section.footer
        for m in first_marks:
            target = part.paragraphs[0]
            target.alignment = (
                WD_ALIGN_PARAGRAPH.RIGHT if style == "header" else WD_ALIGN_PARAGRAPH.CENTER
            )
            if m.kind in ("level", "red"):
                red_run(target, m.text, m)
                paragraph_border(target, hex_of(m.ink))
            else:
                mark_paragraphs(part, m)
    elif style == "framed":
        for m in first_marks:
            mark_paragraphs(doc, m)
    t = doc.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tr = t.add_run(paper.title)
    tr.bold = True
    tr.font.size = Pt(14)
    s = doc.add_paragraph()
    s.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s.add_run(paper.subject).bold = True
    for para in paper.body + (extra or []):
        p = doc.add_paragraph(para)
        p.paragraph_format.first_line_indent = Cm(1)
    sig = doc.add_table(rows=1, cols=2)
    rl, rr = sig.rows[0].cells
    rl.paragraphs[0].add_run("Nơi nhận:").bold = True
    for rec in paper.recipients:
        rl.add_paragraph(f"- {rec};")
    for i, line in enumerate(paper.signer_role.split("\n")):
        p = rr.paragraphs[0] if i == 0 else rr.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(line).bold = True
    rr.add_paragraph()
    rr.add_paragraph()
    p = rr.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(paper.signer_name).bold = True
    if paper.annex:
        brk = doc.add_paragraph().add_run()
        brk.add_break(WD_BREAK.PAGE)
        if style != "none":
            for m in annex_marks:
                mark_paragraphs(doc, m)
        at = doc.add_paragraph()
        at.alignment = WD_ALIGN_PARAGRAPH.CENTER
        at.add_run(paper.annex_title).bold = True
        if len(paper.annex) > 3 and rng.random() < 0.5:
            rows = [line.split(" | ") for line in paper.annex]
            cols = max(len(r) for r in rows)
            grid = doc.add_table(rows=len(rows), cols=cols)
            grid.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    grid.cell(i, j).text = cell
        else:
            for line in paper.annex:
                doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def rtf_of(paper: Paper) -> bytes:
    """The document as RTF (what many offices save and send under a .doc name): a header table,
    the level in red bold framed under the number, the body."""

    def esc(text: str) -> str:
        return rtf_unicode(text)

    parts = [
        "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0 Times New Roman;}}",
        "{\\colortbl;\\red0\\green0\\blue0;\\red214\\green30\\blue36;}",
        "\\paperw11906\\paperh16838\\margl1701\\margr1134\\fs26",
        "\\trowd\\cellx4500\\cellx9000",
        f"\\pard\\intbl\\qc {esc(paper.parent)}\\line\\b {esc(paper.agency)}\\b0\\line {esc(paper.number)}",
    ]
    for m in paper.marks:
        if m.kind == "level":
            parts.append(
                f"\\par\\brdrt\\brdrs\\brdrb\\brdrs\\brdrl\\brdrs\\brdrr\\brdrs\\cf2\\b\\fs30 {esc(m.text)}\\b0\\cf1\\fs26"
            )
        elif m.kind == "changed":
            parts.append(
                f"\\par\\cf2\\b\\strike {esc(m.text)}\\strike0\\line {esc('ĐIỀU CHỈNH ĐỘ MẬT')}"
                f"\\line {esc('thành: ' + m.new)}\\b0\\cf1"
            )
        elif m.kind == "red":
            parts.append(f"\\par\\cf2\\b {esc(m.text)}\\b0\\cf1")
    parts.append("\\cell")
    parts.append(
        f"\\pard\\intbl\\qc\\b {esc('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')}\\line "
        f"{esc('Độc lập - Tự do - Hạnh phúc')}\\b0\\line\\i {esc(paper.place_date)}\\i0\\cell\\row"
    )
    parts.append(
        f"\\pard\\qc\\b\\fs28 {esc(paper.title)}\\line {esc(paper.subject)}\\b0\\fs26\\par"
    )
    for para in paper.body:
        parts.append(f"\\pard\\qj\\fi567 {esc(para)}\\par")
    parts.append(
        f"\\pard\\qr\\b {esc(paper.signer_role.replace(chr(10), ' '))}\\line\\line {esc(paper.signer_name)}\\b0\\par"
    )
    parts.append("}")
    return "\n".join(parts).encode("ascii")


PDF_FONT = "LiberationSerif"


def _pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(datetime(2026, 3, 9, 8, 0, tzinfo=UTC))
    pdf.add_font(PDF_FONT, "", str(font_path("LiberationSerif-Regular", bold=False)))
    pdf.add_font(PDF_FONT, "B", str(font_path("LiberationSerif-Bold", bold=True)))
    pdf.add_font(PDF_FONT, "I", str(font_path("LiberationSerif-Italic", bold=False)))
    pdf.set_auto_page_break(True, 20)
    return pdf


def _pdf_mark(pdf: Any, mark: Mark, x: float, y: float) -> None:
    pdf.set_draw_color(*mark.ink)
    pdf.set_text_color(*mark.ink)
    pdf.set_line_width(0.6)
    if mark.kind in ("level", "red", "specimen"):
        pdf.set_font(PDF_FONT, "B", 15)
        w = pdf.get_string_width(mark.text) + 8
        with pdf.rotation(mark.tilt, x + w / 2, y + 5):
            pdf.rect(x, y, w, 10)
            if mark.frame == "double":
                pdf.rect(x - 1.2, y - 1.2, w + 2.4, 12.4)
            pdf.text(x + 4, y + 7.3, mark.text)
        if mark.kind == "specimen":
            pdf.set_text_color(20, 20, 20)
            pdf.set_font(PDF_FONT, "I", 10)
            pdf.text(x, y + 15, mark.lines[0] if mark.lines else f"Mẫu dấu độ mật “{mark.text}”")
    elif mark.kind == "changed":
        pdf.set_font(PDF_FONT, "B", 15)
        w = pdf.get_string_width(mark.text) + 8
        pdf.rect(x, y, w, 10)
        pdf.text(x + 4, y + 7.3, mark.text)
        pdf.line(x + 1, y + 5, x + w - 1, y + 5)
        pdf.set_font(PDF_FONT, "B", 10)
        pdf.text(x, y + 16, "ĐIỀU CHỈNH ĐỘ MẬT")
        pdf.set_font(PDF_FONT, "B", 15)
        pdf.text(x, y + 23, f"thành: {mark.new}")
        pdf.set_font(PDF_FONT, "", 8)
        for i, line in enumerate(mark.lines):
            pdf.text(x, y + 28 + 4 * i, line)
        pdf.rect(x - 2, y + 11.5, 62, 14 + 4 * len(mark.lines))
    elif mark.kind in ("declassified", "box"):
        yy = y
        if mark.text and mark.kind == "declassified":
            pdf.set_font(PDF_FONT, "B", 15)
            w = pdf.get_string_width(mark.text) + 8
            pdf.rect(x, y, w, 10)
            pdf.text(x + 4, y + 7.3, mark.text)
            if mark.strike:
                pdf.line(x + 1, y + 5, x + w - 1, y + 5)
            yy = y + 13
        pdf.set_font(PDF_FONT, "B", 14)
        pdf.text(x + 2, yy + 6, "ĐÃ GIẢI MẬT" if mark.kind == "declassified" else mark.text)
        pdf.set_font(PDF_FONT, "", 8)
        for i, line in enumerate(mark.lines):
            pdf.text(x + 2, yy + 11 + 4 * i, line)
        pdf.rect(x, yy, 64, 9 + 4 * len(mark.lines))
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)


def pdf_of(
    paper: Paper, rng: Random, *, stamp_picture: bytes | None = None, picture_w: float = 32.0
) -> bytes:
    """A PDF with a text layer (exported from Word): the header, the marks as red framed text
    (or, with `stamp_picture`, the level stamp as a picture in place of its text), the body,
    the signature, the annex on its own page."""
    pdf = _pdf()
    pdf.add_page()
    pdf.set_font(PDF_FONT, "", 12)
    pdf.set_xy(15, 15)
    pdf.cell(80, 5, paper.parent, align="C")
    pdf.set_xy(105, 15)
    pdf.set_font(PDF_FONT, "B", 12)
    pdf.cell(95, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
    pdf.set_xy(15, 21)
    pdf.cell(80, 5, paper.agency, align="C")
    pdf.set_xy(105, 21)
    pdf.cell(95, 5, "Độc lập - Tự do - Hạnh phúc", align="C")
    pdf.set_font(PDF_FONT, "", 12)
    pdf.set_xy(15, 29)
    pdf.cell(80, 5, paper.number, align="C")
    pdf.set_font(PDF_FONT, "I", 12)
    pdf.set_xy(105, 29)
    pdf.cell(95, 5, paper.place_date, align="C")
    y_after = 40.0
    for m in paper.marks:
        if m.where == "annex":
            continue
        if stamp_picture is not None and m.kind in ("level", "changed"):
            pdf.image(io.BytesIO(stamp_picture), x=55 - picture_w / 2, y=38, w=picture_w)
            y_after = 40 + picture_w * 0.6
            continue
        x, y = {
            "number": (40.0, 38.0),
            "top": (150.0, 6.0),
            "right": (135.0, 38.0),
            "footer": (90.0, 275.0),
            "signature": (110.0, 235.0),
            "body": (70.0, 120.0),
        }.get(m.where, (40.0, 38.0))
        _pdf_mark(pdf, m, x, y)
        if m.where in ("number", "right"):
            y_after = max(y_after, 52.0 if m.kind in ("level", "red") else 80.0)
    pdf.set_xy(20, y_after + 4)
    pdf.set_font(PDF_FONT, "B", 14)
    pdf.cell(170, 7, paper.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(PDF_FONT, "B", 12)
    pdf.set_x(25)
    pdf.multi_cell(160, 6, paper.subject, align="C")
    pdf.ln(4)
    pdf.set_font(PDF_FONT, "", 12)
    for para in paper.body:
        pdf.set_x(20)
        pdf.multi_cell(170, 6, "      " + para, align="J")
        pdf.ln(1)
        if pdf.get_y() > 215:
            break
    pdf.ln(6)
    y = max(pdf.get_y(), 0)
    pdf.set_font(PDF_FONT, "B", 12)
    for i, line in enumerate(paper.signer_role.split("\n")):
        pdf.set_xy(110, y + 6 * i)
        pdf.cell(80, 6, line, align="C")
    pdf.set_xy(110, y + 32)
    pdf.cell(80, 6, paper.signer_name, align="C")
    if paper.annex:
        pdf.add_page()
        for m in paper.marks:
            if m.where == "annex":
                if stamp_picture is not None and m.kind == "level":
                    pdf.image(io.BytesIO(stamp_picture), x=150, y=12, w=picture_w)
                else:
                    _pdf_mark(pdf, m, 150, 14)
        pdf.set_xy(20, 40)
        pdf.set_font(PDF_FONT, "B", 13)
        pdf.cell(170, 7, paper.annex_title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(PDF_FONT, "", 12)
        for line in paper.annex:
            pdf.set_x(20)
            pdf.multi_cell(170, 6, line)
    return bytes(pdf.output())


def pdf_of_images(
    pages: list[Image.Image], *, ocr_text: list[str] | None = None, quality: int = 70
) -> bytes:
    """A scanned PDF: one JPEG a page, A4; with `ocr_text`, the scanner's OCR laid under each
    page as invisible text (a searchable PDF)."""
    pdf = _pdf()
    pdf.set_auto_page_break(False)
    for i, page in enumerate(pages):
        pdf.add_page()
        pdf.image(io.BytesIO(jpeg(page, quality)), x=0, y=0, w=210, h=297)
        if ocr_text and i < len(ocr_text):
            pdf.set_font(PDF_FONT, "", 11)
            pdf.text_mode = "INVISIBLE"
            pdf.set_xy(15, 15)
            pdf.multi_cell(180, 5, ocr_text[i])
            pdf.text_mode = "FILL"
    return bytes(pdf.output())


def tiff_of(pages: list[Image.Image]) -> bytes:
    out = io.BytesIO()
    first = pages[0].convert("L")
    first.save(
        out,
        "TIFF",
        save_all=True,
        append_images=[p.convert("L") for p in pages[1:]],
        compression="tiff_deflate",
    )
    return out.getvalue()


def xlsx_of(
    sheets: list[tuple[str, list[list[Any]]]],
    *,
    header: str = "",
    footer: str = "",
    red_cells: dict[tuple[int, int, int], str] | None = None,
) -> bytes:
    """A workbook: each (title, rows) a sheet; `header`/`footer` the first sheet's printed page
    header or footer; `red_cells` (sheet, row, col) → text written in red bold framed."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["A"].width = 8
        ws.column_dimensions["B"].width = 42
    first = wb.worksheets[0]
    if header:
        first.oddHeader.right.text = header
        first.oddHeader.right.color = "D61E24"
        first.oddHeader.right.size = 14
    if footer:
        first.oddFooter.center.text = footer
        first.oddFooter.center.color = "D61E24"
    side = Side(style="medium", color="D61E24")
    for (s, r, c), text in (red_cells or {}).items():
        cell = wb.worksheets[s].cell(row=r, column=c, value=text)
        cell.font = Font(bold=True, color="D61E24", size=14)
        cell.border = Border(left=side, right=side, top=side, bottom=side)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def html_page(title: str, body: str, *, word: bool = False) -> bytes:
    """A web page around `body`; `word` makes it look like Word's "Save as Web Page" output
    (Office namespaces, mso styles, a WordSection div)."""
    if word:
        head = (
            '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
            'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
            '<head><meta http-equiv=Content-Type content="text/html; charset=utf-8">'
            '<meta name=ProgId content=Word.Document><meta name=Generator content="Microsoft Word 15">'
            f'<title>{title}</title><style>p.MsoNormal{{margin:0cm;font-size:13.0pt;font-family:"Times New Roman"}}'
            "</style></head>\n<body lang=VI><div class=WordSection1>\n"
        )
        return (head + body + "\n</div></body></html>\n").encode("utf-8")
    return (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title></head>\n<body>\n{body}\n</body></html>\n"
    ).encode()


def img_tag(data: bytes, alt: str = "", width: int = 0) -> str:
    w = f' width="{width}"' if width else ""
    return f'<img src="data:image/png;base64,{base64.b64encode(data).decode()}" alt="{alt}"{w}>'


def mail(
    *,
    sender: str,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None,
    date: str = "Mon, 09 Mar 2026 08:15:00 +0700",
) -> bytes:
    """A mail message: plain text (and an HTML alternative), attachments (name, data, MIME
    type)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    msg["Message-ID"] = f"<{zlib.crc32(subject.encode())}.{len(text)}@mail.bachsa.gov.vn>"
    msg.set_content(text)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, data, mime in attachments or []:
        maintype, subtype = mime.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


def pptx_of(slides: list[dict[str, Any]]) -> bytes:
    """Slides: each a dict with title, lines, and optionally `stamp` (Mark: a framed red text
    box at the top right), `footer` (text in a small footer box), `picture` (PNG bytes filling
    the right half)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor as PRGB
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.slide_width = Emu(12192000)
    prs.slide_height = Emu(6858000)
    for spec in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = spec["title"]
        box = slide.shapes.add_textbox(
            Emu(600000),
            Emu(1500000),
            Emu(6400000 if spec.get("picture") else 10800000),
            Emu(4200000),
        )
        tf = box.text_frame
        tf.word_wrap = True
        for i, line in enumerate(spec.get("lines", [])):
            p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            p.text = line
            p.font.size = Pt(18)
        mark: Mark | None = spec.get("stamp")
        if mark is not None:
            sb = slide.shapes.add_textbox(Emu(9300000), Emu(200000), Emu(2500000), Emu(600000))
            sb.line.color.rgb = PRGB(*mark.ink)
            sb.line.width = Pt(2.5)
            p = sb.text_frame.paragraphs[0]
            p.text = mark.text
            p.font.bold = True
            p.font.size = Pt(24)
            p.font.color.rgb = PRGB(*mark.ink)
        if spec.get("footer"):
            fb = slide.shapes.add_textbox(Emu(4200000), Emu(6300000), Emu(3800000), Emu(400000))
            p = fb.text_frame.paragraphs[0]
            p.text = spec["footer"]
            p.font.size = Pt(14)
            p.font.bold = True
            p.font.color.rgb = PRGB(*RED)
        if spec.get("picture"):
            slide.shapes.add_picture(
                io.BytesIO(spec["picture"]), Emu(7200000), Emu(1300000), height=Emu(5300000)
            )
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def text_of(paper: Paper, level_line: str | None) -> str:
    """The document as plain text (Word's "save as text"): the header lines, `level_line`
    under the number when given, the body and the signer."""
    lines = _plain(paper)
    out = [lines[0], lines[1]]
    if level_line:
        out.append(level_line)
    out += ["", paper.place_date, "", paper.title, paper.subject, ""]
    out += paper.body
    out += ["", paper.signer_role.replace("\n", " "), paper.signer_name, ""]
    return "\n".join(out)
