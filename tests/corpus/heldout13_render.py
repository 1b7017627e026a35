"""Renderers of held-out corpus 13 (tests/corpus/heldout13.py): the paper page of an
administrative document with its stamps, what a scanner, a fax, a photocopier or a phone makes
of it, envelopes, and the same document as Word, PDF with a text layer, workbook, web page,
plain text, mail and slides. Every random choice comes from the caller's `Random`."""

from __future__ import annotations

import io
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
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
    wrap_words,
)

RGB = tuple[int, int, int]
RED: RGB = (205, 32, 38)
DARK_RED: RGB = (138, 22, 30)
FADED_RED: RGB = (226, 128, 120)
COPY_BLACK: RGB = (45, 45, 48)
BLUE_BLACK: RGB = (28, 38, 92)
WHITE: RGB = (255, 255, 255)
CREAM: RGB = (250, 246, 232)
PINK: RGB = (250, 228, 230)
PALE_BLUE: RGB = (226, 238, 250)
PALE_GREEN: RGB = (230, 245, 226)
KRAFT: RGB = (196, 160, 112)
PAPERS: tuple[RGB, ...] = (WHITE, WHITE, CREAM, PINK, PALE_BLUE, PALE_GREEN)
INK: RGB = (20, 20, 24)
STAMP_FACES = (
    "LiberationSerif-Bold",
    "LiberationSans-Bold",
    "LiberationSerif-BoldItalic",
    "DejaVuSerifCondensed-Bold",
    "LiberationMono-Bold",
    "DejaVuSans-Bold",
    "DejaVuSerif-Bold",
    "DejaVuSansCondensed-Bold",
)
FRAMES = ("single", "double", "rounded", "broken", "none", "thick")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PARTY = "ĐẢNG CỘNG SẢN VIỆT NAM"
W, H = 1240, 1754  # an A4 page at 150 dpi


@cache
def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_path(name, bold="Bold" in name)), size)


def hex_of(rgb: RGB) -> str:
    return "{:02X}{:02X}{:02X}".format(*rgb)


@dataclass
class Stamp:
    """A rubber stamp: its lines of text (the first one biggest), ink, face, size in pixels at
    150 dpi, frame, tilt in degrees, share of the face worn away, and whether it is struck
    through by hand (an old level after a change)."""

    lines: tuple[str, ...]
    ink: RGB = RED
    face: str = STAMP_FACES[0]
    size: int = 34
    frame: str = "single"
    angle: float = 0.0
    wear: float = 0.0
    struck: bool = False


@dataclass
class Doc:
    """An administrative document: its issuing agency (parent and own name), number and
    symbol, place and date, kind and summary, body, signer, recipients; `party` puts the
    party's name where the state's motto goes."""

    parent: str
    agency: str
    number: str
    place_date: str
    kind: str
    title: str
    body: list[str]
    role: str = "GIÁM ĐỐC"
    signer: str = ""
    recipients: list[str] = field(default_factory=list)
    party: bool = False
    annex: list[str] = field(default_factory=list)


def stamp_image(stamp: Stamp, rng: Random) -> Image.Image:
    """The stamp as an RGBA picture (transparent around the inked parts)."""
    big = font(stamp.face, stamp.size)
    small = font(
        stamp.face.replace("-Bold", "-Regular")
        if "Liberation" in stamp.face and "Italic" not in stamp.face
        else stamp.face,
        max(14, stamp.size // 2),
    )
    fonts = [big] + [small] * (len(stamp.lines) - 1)
    widths = [f.getlength(t) for f, t in zip(fonts, stamp.lines, strict=True)]
    heights = [int(f.size * 1.25) for f in fonts]
    pad = max(8, stamp.size // 3)
    w = int(max(widths)) + 2 * pad
    h = sum(heights) + 2 * pad
    img = Image.new("L", (w + 8, h + 8), 0)
    draw = ImageDraw.Draw(img)
    y = 4 + pad
    for f, text, tw, th in zip(fonts, stamp.lines, widths, heights, strict=True):
        draw.text((4 + (w - tw) / 2, y), text, font=f, fill=255)
        y += th
    box = (4, 4, w + 3, h + 3)
    line = max(2, stamp.size // 12)
    if stamp.frame in ("single", "thick", "double"):
        draw.rectangle(box, outline=255, width=line * (2 if stamp.frame == "thick" else 1))
        if stamp.frame == "double":
            inner = (box[0] + line * 3, box[1] + line * 3, box[2] - line * 3, box[3] - line * 3)
            draw.rectangle(inner, outline=255, width=max(1, line - 1))
    elif stamp.frame == "rounded":
        draw.rounded_rectangle(box, radius=h // 3, outline=255, width=line)
    elif stamp.frame == "broken":
        draw.rectangle(box, outline=255, width=line)
        for _ in range(5):  # gaps where the rubber did not touch
            side = rng.randrange(4)
            t = rng.uniform(0.1, 0.8)
            if side < 2:
                x0 = int(box[0] + t * w)
                yy = box[1] if side == 0 else box[3]
                draw.rectangle((x0, yy - line, x0 + w // 8, yy + line), fill=0)
            else:
                y0 = int(box[1] + t * h)
                xx = box[0] if side == 2 else box[2]
                draw.rectangle((xx - line, y0, xx + line, y0 + h // 5), fill=0)
    if stamp.struck:
        draw.line((0, h // 2 + 6, w + 8, h // 2 - 2), fill=255, width=max(3, line + 1))
        draw.line((0, h // 2 + 14, w + 8, h // 2 + 6), fill=255, width=max(3, line + 1))
    if stamp.wear > 0:
        mask = Image.new("L", (max(1, img.width // 4), max(1, img.height // 4)), 255)
        pixels = mask.load()
        assert pixels is not None
        for my in range(mask.height):
            for mx in range(mask.width):
                if rng.random() < stamp.wear:
                    pixels[mx, my] = rng.randrange(0, 140)
        img = Image.composite(img, Image.new("L", img.size, 0), mask.resize(img.size))
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    out = Image.new("RGBA", img.size, (*stamp.ink, 0))
    out.putalpha(img.point(lambda v: int(v * 0.92)))
    if stamp.angle:
        out = out.rotate(stamp.angle, expand=True, resample=Image.Resampling.BICUBIC)
    return out


def circled(letter: str, ink: RGB, size: int) -> Image.Image:
    """An envelope's mark: a letter (or figure) in a circle, as RGBA."""
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    draw.ellipse((3, 3, size - 4, size - 4), outline=255, width=max(3, size // 18))
    f = font("LiberationSerif-Bold", int(size * 0.62))
    draw.text((size / 2, size / 2), letter, font=f, fill=255, anchor="mm")
    out = Image.new("RGBA", img.size, (*ink, 0))
    out.putalpha(img.filter(ImageFilter.GaussianBlur(0.7)))
    return out


def round_seal(agency: str, ink: RGB, size: int) -> Image.Image:
    """An agency's round seal (two rings, its name around a star), as RGBA."""
    img = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(img)
    c = size / 2
    draw.ellipse((2, 2, size - 3, size - 3), outline=255, width=5)
    draw.ellipse((size * 0.2, size * 0.2, size * 0.8, size * 0.8), outline=255, width=3)
    star = [
        (
            c + size * 0.14 * math.cos(math.pi / 2 + k * 4 * math.pi / 5),
            c - size * 0.14 * math.sin(math.pi / 2 + k * 4 * math.pi / 5),
        )
        for k in range(5)
    ]
    draw.polygon(star, fill=255)
    f = font("LiberationSans-Bold", max(10, size // 13))
    text = agency.upper()[:34]
    for i, ch in enumerate(text):
        a = math.pi + (i + 0.5) * (math.pi * 1.7 / len(text)) - math.pi * 0.35
        x = c + size * 0.4 * math.cos(a)
        y = c + size * 0.4 * math.sin(a)
        draw.text((x, y), ch, font=f, fill=255, anchor="mm")
    out = Image.new("RGBA", img.size, (*ink, 0))
    out.putalpha(img.point(lambda v: int(v * 0.8)))
    return out


def _centre(
    draw: ImageDraw.ImageDraw,
    x: float,
    y: float,
    text: str,
    f: ImageFont.FreeTypeFont,
    *,
    underline: bool = False,
) -> float:
    tw = f.getlength(text)
    draw.text((x - tw / 2, y), text, font=f, fill=INK)
    if underline:
        draw.line((x - tw / 2, y + f.size + 4, x + tw / 2, y + f.size + 4), fill=INK, width=2)
    return y + f.size * 1.35


class Page:
    """One paper page being laid out, with the points where marks may go."""

    def __init__(self, paper: RGB) -> None:
        self.img = Image.new("RGB", (W, H), paper)
        self.draw = ImageDraw.Draw(self.img)
        self.anchors: dict[str, tuple[int, int]] = {
            "top_right": (900, 60),
            "top_left": (120, 50),
            "footer": (520, H - 150),
        }

    def paste(self, mark: Image.Image, centre: tuple[int, int]) -> None:
        x = int(centre[0] - mark.width / 2)
        y = int(centre[1] - mark.height / 2)
        self.img.paste(mark, (x, y), mark)


def render_pages(
    doc: Doc,
    marks: list[tuple[Image.Image, str]],
    paper: RGB = WHITE,
    extra: list[tuple[Image.Image, tuple[int, int]]] | None = None,
) -> list[Image.Image]:
    """The document on A4 pages at 150 dpi, each mark (a picture) pasted at its place."""
    regular = font("LiberationSerif-Regular", 27)
    bold = font("LiberationSerif-Bold", 26)
    italic = font("LiberationSerif-Italic", 27)
    pages = [Page(paper)]
    p = pages[0]
    left_x, right_x = 330, 860
    y = _centre(p.draw, left_x, 150, doc.parent.upper(), font("LiberationSerif-Regular", 24))
    y = _centre(p.draw, left_x, y, doc.agency.upper(), bold, underline=True) + 12
    y = _centre(p.draw, left_x, y, doc.number, regular)
    p.anchors["under_number"] = (left_x, int(y + 34))
    ry = _centre(
        p.draw,
        right_x,
        150,
        PARTY if doc.party else NATION,
        bold if doc.party else font("LiberationSerif-Bold", 24),
        underline=doc.party,
    )
    if not doc.party:
        ry = _centre(p.draw, right_x, ry, MOTTO, bold, underline=True)
    _centre(p.draw, right_x, ry + 14, doc.place_date, italic)
    y = max(y + 90, 390)
    y = _centre(p.draw, W / 2, y, doc.kind, font("LiberationSerif-Bold", 30))
    for line in wrap_words(doc.title, bold, 820):
        y = _centre(p.draw, W / 2, y, line, bold)
    y += 30
    p.anchors["over_body"] = (W // 2 + 120, int(y + 160))
    for para in doc.body:
        for i, line in enumerate(wrap_words(para, regular, 1000)):
            if y > H - 230:
                pages.append(Page(paper))
                p = pages[-1]
                y = 120
            p.draw.text((140 + (50 if i == 0 else 0), y), line, font=regular, fill=INK)
            y += 40
        y += 8
    if y > H - 420:
        pages.append(Page(paper))
        p = pages[-1]
        y = 120
    y += 30
    small = font("LiberationSerif-Regular", 21)
    p.draw.text((130, y), "Nơi nhận:", font=font("LiberationSerif-BoldItalic", 23), fill=INK)
    for i, r in enumerate(doc.recipients or ["- Như trên;", "- Lưu: VT."]):
        p.draw.text((130, y + 32 + i * 28), r, font=small, fill=INK)
    sy = _centre(p.draw, 880, y, doc.role, bold)
    p.anchors["signature"] = (660, int(sy + 60))
    p.anchors["seal"] = (800, int(sy + 70))
    _centre(p.draw, 880, sy + 130, doc.signer, bold)
    if len(pages) > 1 or doc.annex:
        for i, page in enumerate(pages):
            page.draw.text((W / 2, H - 70), str(i + 1), font=small, fill=INK)
    if doc.annex:
        a = Page(paper)
        a.anchors["under_number"] = (W // 2, 80)
        ay = _centre(a.draw, W / 2, 150, "PHỤ LỤC", font("LiberationSerif-Bold", 30))
        ay = (
            _centre(
                a.draw,
                W / 2,
                ay,
                f"(Kèm theo {doc.kind.lower()} {doc.number.replace('Số: ', 'số ')})",
                italic,
            )
            + 30
        )
        for para in doc.annex:
            for line in wrap_words(para, regular, 1000):
                a.draw.text((140, ay), line, font=regular, fill=INK)
                ay += 40
        pages.append(a)
    for mark, place in marks:
        if place == "annex":
            pages[-1].paste(mark, (W - 110 - mark.width // 2, 90))
        elif place == "later_page":
            target = pages[1] if len(pages) > 1 else pages[0]
            target.paste(mark, (W // 2, 70 if target is not pages[0] else H - 110))
        else:
            at = pages[0].anchors.get(place) or p.anchors[place]
            if place in ("top_right", "top_left"):  # hangs from the top edge, above the header
                at = (at[0], 28 + mark.height // 2)
            pages[0 if place not in ("signature", "seal") else -1 - bool(doc.annex)].paste(mark, at)
    for mark, at in extra or []:
        pages[0].paste(mark, at)
    return [page.img for page in pages]


def signature_scrawl(rng: Random, size: tuple[int, int] = (260, 110)) -> Image.Image:
    """A pen signature in blue ink, as RGBA."""
    img = Image.new("L", size, 0)
    draw = ImageDraw.Draw(img)
    pts = [(10 + i * size[0] / 12, size[1] / 2 + rng.uniform(-40, 40)) for i in range(12)]
    draw.line(pts, fill=255, width=4, joint="curve")
    draw.line((20, size[1] - 25, size[0] - 15, size[1] - 40), fill=255, width=3)
    out = Image.new("RGBA", size, (25, 45, 150, 0))
    out.putalpha(img.filter(ImageFilter.GaussianBlur(0.8)))
    return out


# ---- what paper becomes -------------------------------------------------------------------


@dataclass
class Scan:
    """How a page is scanned or copied: tilt in degrees, quarter turns, dots per inch (the
    page is drawn at 150), grey or bilevel, speckle, a photocopy's grey wash, a fax header,
    a staple, JPEG quality (0: PNG)."""

    skew: float = 0.0
    turns: int = 0
    dpi: int = 150
    grey: bool = False
    bilevel: bool = False
    speckle: float = 0.0
    photocopy: bool = False
    fax: str = ""
    staple: bool = False
    quality: int = 0


def scanned(page: Image.Image, how: Scan, rng: Random) -> Image.Image:
    img = page
    if how.staple:
        img = img.copy()
        d = ImageDraw.Draw(img)
        d.line((40, 70, 95, 40), fill=(120, 120, 125), width=5)
        d.line((0, 8, W, 0), fill=(200, 200, 200), width=6)  # the edge of the page under it
    if how.photocopy:
        img = img.convert("L").point(lambda v: 0 if v < 150 else min(255, v + 10)).convert("RGB")
        d = ImageDraw.Draw(img)
        d.rectangle((0, 0, 14, H), fill=(60, 60, 60))  # the copier's dark edge
    if how.skew:
        img = img.rotate(
            how.skew, expand=False, fillcolor=(236, 236, 236), resample=Image.Resampling.BICUBIC
        )
    if how.dpi != 150:
        img = img.resize(
            (int(img.width * how.dpi / 150), int(img.height * how.dpi / 150)),
            Image.Resampling.LANCZOS,
        )
    if how.fax:
        img = img.resize((img.width, int(img.height * 0.66)), Image.Resampling.BILINEAR).resize(
            img.size
        )
        canvas = Image.new("RGB", (img.width, img.height + 30), WHITE)
        canvas.paste(img, (0, 30))
        ImageDraw.Draw(canvas).text(
            (20, 6),
            how.fax,
            font=font("LiberationMono-Regular", max(12, img.width // 70)),
            fill=INK,
        )
        img = canvas
    if how.speckle:
        d = ImageDraw.Draw(img)
        for _ in range(int(how.speckle * 4000)):
            x, y = rng.randrange(img.width), rng.randrange(img.height)
            d.point((x, y), fill=(30, 30, 30))
    if how.grey or how.fax:
        img = img.convert("L")
    if how.bilevel or how.fax:
        img = img.convert("L").point(lambda v: 255 if v > 165 else 0).convert("1")
    if how.turns:
        img = img.rotate(90 * how.turns, expand=True)
    return img


def encoded(img: Image.Image, how: Scan) -> bytes:
    return jpeg(img, how.quality) if how.quality and img.mode != "1" else png(img)


def pdf_of_pictures(images: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    first = images[0] if images[0].mode in ("1", "L") else images[0].convert("RGB")
    rest = [i if i.mode in ("1", "L") else i.convert("RGB") for i in images[1:]]
    first.save(out, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return out.getvalue()


def tiff_of_pictures(images: list[Image.Image], dpi: int) -> bytes:
    out = io.BytesIO()
    bilevel = all(i.mode == "1" for i in images)
    images[0].save(
        out,
        "TIFF",
        save_all=True,
        append_images=images[1:],
        compression="group4" if bilevel else "tiff_lzw",
        dpi=(dpi, dpi),
    )
    return out.getvalue()


def two_up(pages: list[Image.Image]) -> Image.Image:
    """Two pages side by side on one landscape sheet (a copier's 2-in-1)."""
    sheet = Image.new("RGB", (H, W), WHITE)
    for i, page in enumerate(pages[:2]):
        small = page.resize((int(W * 0.7), int(H * 0.7)), Image.Resampling.LANCZOS)
        sheet.paste(small, (i * H // 2 + (H // 2 - small.width) // 2, (W - small.height) // 2))
    return sheet


def photographed(
    page: Image.Image, rng: Random, *, shadow: bool, table: RGB = (92, 70, 52), width: int = 1500
) -> Image.Image:
    """A phone photo of a page lying on a table: perspective, light falling off, maybe the
    shadow of the phone."""
    pw, ph = page.size
    out_w, out_h = width, int(width * ph / pw * 1.05)
    j = lambda s: rng.uniform(-s, s)  # noqa: E731
    dst = [
        (out_w * 0.08 + j(40), out_h * 0.06 + j(40)),
        (out_w * 0.92 + j(40), out_h * 0.05 + j(40)),
        (out_w * 0.95 + j(40), out_h * 0.95 + j(30)),
        (out_w * 0.05 + j(40), out_h * 0.94 + j(30)),
    ]
    coeffs = perspective_coeffs(dst, [(0, 0), (pw, 0), (pw, ph), (0, ph)])
    warped = page.convert("RGB").transform(
        (out_w, out_h),
        Image.Transform.PERSPECTIVE,
        coeffs,
        Image.Resampling.BICUBIC,
        fillcolor=(1, 2, 3),
    )
    mask = warped.convert("RGB").point(lambda v: v).split()
    hole = Image.eval(Image.merge("RGB", mask).convert("L"), lambda v: 255 if v > 4 else 0)
    background = Image.new("RGB", (out_w, out_h), table)
    background.paste(warped, (0, 0), hole)
    light = Image.linear_gradient("L").resize((out_w, out_h)).rotate(rng.choice((0, 90, 180, 270)))
    shade = Image.new("RGB", (out_w, out_h), (0, 0, 0))
    img = Image.composite(background, shade, light.point(lambda v: 255 - v // 4))
    if shadow:
        poly = Image.new("L", (out_w, out_h), 0)
        x0 = rng.randrange(out_w // 3, out_w // 2)
        ImageDraw.Draw(poly).polygon(
            [(x0, out_h), (x0 + 200, out_h * 0.6), (out_w, out_h * 0.55), (out_w, out_h)], fill=90
        )
        img = Image.composite(shade, img, poly.filter(ImageFilter.GaussianBlur(25)))
    return img.filter(ImageFilter.GaussianBlur(0.5))


def envelope(
    sender: list[str],
    to: list[str],
    number: str,
    marks: list[tuple[Image.Image, tuple[int, int]]],
    paper: RGB = KRAFT,
) -> Image.Image:
    """A landscape envelope: sender top left, addressee in the middle, the number, marks."""
    img = Image.new("RGB", (1400, 820), paper)
    d = ImageDraw.Draw(img)
    y = 50
    for line in sender:
        d.text((60, y), line, font=font("LiberationSerif-Bold", 28), fill=INK)
        y += 38
    d.text((60, y + 10), number, font=font("LiberationSerif-Regular", 28), fill=INK)
    y = 420
    for line in to:
        d.text(
            (520, y),
            line,
            font=font("LiberationSerif-Bold" if y == 420 else "LiberationSerif-Regular", 34),
            fill=INK,
        )
        y += 52
    for mark, at in marks:
        img.paste(mark, at, mark)
    return img


# ---- electronic formats -------------------------------------------------------------------


def pdf_text(doc: Doc, marks: list[tuple[Stamp | Image.Image, str]]) -> bytes:
    """The document as a PDF with a text layer: marks are framed text (a Stamp) or a stamp
    picture, at the given place (under_number, top_right, signature, footer, annex,
    later_page)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(18, 22, 15)
    pdf.set_auto_page_break(True, margin=22)
    pdf.add_font("Serif", "", str(font_path("LiberationSerif-Regular", bold=False)))
    pdf.add_font("Serif", "B", str(font_path("LiberationSerif-Bold", bold=True)))
    pdf.add_font("Serif", "I", str(font_path("LiberationSerif-Italic", bold=False)))
    for face in STAMP_FACES:
        pdf.add_font(face, "", str(font_path(face, bold=True)))
    pdf.add_page()
    spots: dict[str, tuple[int, float, float]] = {}

    def mark_at(mark: Stamp | Image.Image, x: float, y: float, *, top: bool) -> None:
        """A mark centred on x; on y too, or hanging from y when `top`."""
        if isinstance(mark, Image.Image):
            buf = io.BytesIO(png(mark))
            w = mark.width * 25.4 / 150
            h = mark.height * 25.4 / 150
            pdf.image(buf, x=x - w / 2, y=y if top else y - h / 2, w=w)
            return
        size = mark.size * 0.5
        pdf.set_text_color(*mark.ink)
        pdf.set_draw_color(*mark.ink)
        pdf.set_font(mark.face, size=size)
        widths = [pdf.get_string_width(t) for t in mark.lines]
        w = max(widths) + 6
        h = len(mark.lines) * size * 0.45 + 4
        if top:
            y += h / 2
        with pdf.rotation(mark.angle, x, y):
            if mark.frame != "none":
                pdf.set_line_width(0.6 if mark.frame != "thick" else 1.1)
                pdf.rect(
                    x - w / 2, y - h / 2, w, h, style="D", round_corners=mark.frame == "rounded"
                )
                if mark.frame == "double":
                    pdf.rect(x - w / 2 + 1.2, y - h / 2 + 1.2, w - 2.4, h - 2.4)
            for i, t in enumerate(mark.lines):
                pdf.set_font(mark.face, size=size if i == 0 else size * 0.55)
                ty = y - h / 2 + 2 + (i + 0.8) * size * 0.42
                pdf.text(x - pdf.get_string_width(t) / 2, ty, t)
            if mark.struck:
                pdf.line(x - w / 2 - 2, y + 1, x + w / 2 + 2, y - 1)
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)

    pdf.set_font("Serif", size=12)
    pdf.set_xy(12, 26)
    pdf.multi_cell(
        90,
        5.5,
        f"{doc.parent.upper()}\n**{doc.agency.upper()}**\n{doc.number}",
        align="C",
        markdown=True,
        new_x="LMARGIN",
        new_y="NEXT",
    )
    spots["under_number"] = (1, 57, pdf.get_y() + 9)
    pdf.set_xy(100, 26)
    pdf.set_font("Serif", "B", 12)
    pdf.multi_cell(
        100,
        5.5,
        (PARTY if doc.party else f"{NATION}\n{MOTTO}"),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("Serif", "I", 12)
    pdf.set_x(100)
    pdf.multi_cell(100, 7, doc.place_date, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), spots["under_number"][2]) + 14)
    pdf.set_font("Serif", "B", 14)
    pdf.multi_cell(0, 7, doc.kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "B", 13)
    pdf.multi_cell(0, 6.5, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(5)
    pdf.set_font("Serif", size=13)
    spots["over_body"] = (1, 130, pdf.get_y() + 25)
    for para in doc.body:
        pdf.multi_cell(0, 6.5, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    pdf.ln(6)
    y0 = pdf.get_y()
    if y0 > 240:
        pdf.add_page()
        y0 = 20
    pdf.set_font("Serif", "B", 13)
    pdf.set_xy(110, y0)
    pdf.multi_cell(90, 6, doc.role, align="C", new_x="LMARGIN", new_y="NEXT")
    spots["signature"] = (pdf.page_no(), 88, y0 + 22)
    pdf.set_xy(110, y0 + 30)
    pdf.multi_cell(90, 6, doc.signer, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Serif", "I", 11)
    pdf.set_xy(15, y0)
    pdf.multi_cell(
        80,
        5,
        "Nơi nhận:\n" + "\n".join(doc.recipients or ["- Như trên;", "- Lưu: VT."]),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    body_pages = pdf.page_no()
    if doc.annex:
        pdf.add_page()
        pdf.set_font("Serif", "B", 14)
        pdf.set_y(30)
        pdf.multi_cell(0, 7, "PHỤ LỤC", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Serif", size=12)
        for para in doc.annex:
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
    spots["top_right"] = (1, 170, 5)
    spots["top_left"] = (1, 40, 5)
    spots["footer"] = (1, 105, 285)
    spots["annex"] = (pdf.page_no(), 165, 8)
    spots["later_page"] = (min(2, body_pages), 105, 6 if body_pages > 1 else 270)
    last = pdf.page_no()
    for mark, place in marks:
        page, x, y = spots[place]
        pdf.page = page
        mark_at(mark, x, y, top=place in ("top_right", "top_left", "annex", "later_page"))
    pdf.page = last
    return bytes(pdf.output())


def docx_of(
    doc: Doc, marks: list[tuple[Stamp | Image.Image, str]], *, header_table: bool = True
) -> bytes:
    """The document in Word: the header as a borderless two-column table, then summary, body,
    signature table; each mark at its place: in_cell (under the number inside the header
    table), para (a framed paragraph under the table), top_right (framed, right aligned),
    textbox (a floating text box), page_header, page_footer, signature (the signature table's
    left cell), annex (after a page break), picture (a stamp picture under the header)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt, RGBColor

    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    by_place: dict[str, list[Stamp | Image.Image]] = {}
    for mark, place in marks:
        by_place.setdefault(place, []).append(mark)

    def put(paragraph: Any, mark: Stamp | Image.Image) -> None:
        if isinstance(mark, Image.Image):
            paragraph.add_run().add_picture(
                io.BytesIO(png(mark)), width=Cm(mark.width * 2.54 / 150)
            )
            return
        for i, text in enumerate(mark.lines):
            run = paragraph.add_run(text if i == 0 else "\n" + text)
            run.bold = i == 0
            run.font.strike = mark.struck
            run.font.size = Pt(max(9, mark.size * 0.42 if i == 0 else mark.size * 0.25))
            run.font.color.rgb = RGBColor(*mark.ink)
            run.font.name = mark.face.split("-")[0].replace(
                "Liberation", "Times New Roman" if "Serif" in mark.face else "Arial"
            )
        if mark.frame != "none":
            paragraph_border(
                paragraph,
                hex_of(mark.ink),
                size=18 if mark.frame == "thick" else 10,
                style="double" if mark.frame == "double" else "single",
            )

    def stamp_para(container: Any, mark: Stamp | Image.Image, align: Any) -> None:
        par = container.add_paragraph()
        par.alignment = align
        put(par, mark)

    section = d.sections[0]
    for mark in by_place.get("page_header", []):
        stamp_para(section.header, mark, WD_ALIGN_PARAGRAPH.RIGHT)
    for mark in by_place.get("page_footer", []):
        stamp_para(section.footer, mark, WD_ALIGN_PARAGRAPH.CENTER)
    if header_table:
        table = d.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(doc.parent.upper() + "\n")
        left.paragraphs[0].add_run(doc.agency.upper()).bold = True
        left.add_paragraph(doc.number)
        for p in left.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for mark in by_place.get("in_cell", []):
            stamp_para(left, mark, WD_ALIGN_PARAGRAPH.CENTER)
        right.paragraphs[0].add_run(PARTY if doc.party else f"{NATION}\n{MOTTO}").bold = True
        right.add_paragraph().add_run(doc.place_date).italic = True
        for p in right.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        for text in (doc.agency.upper(), doc.number, doc.place_date):
            d.add_paragraph(text)
    for mark in by_place.get("para", []):
        stamp_para(d, mark, WD_ALIGN_PARAGRAPH.LEFT)
    for mark in by_place.get("top_right", []):
        stamp_para(d, mark, WD_ALIGN_PARAGRAPH.RIGHT)
    for mark in by_place.get("picture", []):
        stamp_para(d, mark, WD_ALIGN_PARAGRAPH.LEFT)
    for mark in by_place.get("textbox", []):
        assert isinstance(mark, Stamp)
        colour = hex_of(mark.ink)
        runs = "".join(
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="{colour}"/><w:sz w:val="{int(mark.size * (0.8 if i == 0 else 0.5))}"/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
            for i, t in enumerate(mark.lines)
        )
        xml = (
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
            f'<w:pict><v:shape id="stampbox" type="#_x0000_t202" style="position:absolute;margin-left:300pt;margin-top:-40pt;width:150pt;height:{30 + 16 * len(mark.lines)}pt;rotation:{int(mark.angle)}" '
            f'strokecolor="#{colour}" strokeweight="1.5pt" filled="f"><v:textbox><w:txbxContent>{runs}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>'
        )
        d.add_paragraph()._p.append(parse_xml(xml))
    title = d.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(doc.kind + "\n").bold = True
    title.add_run(doc.title).bold = True
    for para in doc.body:
        p = d.add_paragraph(para)
        p.paragraph_format.first_line_indent = Cm(1)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    sig = d.add_table(rows=1, cols=2)
    note, who = sig.rows[0].cells
    note.paragraphs[0].add_run("Nơi nhận:").bold = True
    for r in doc.recipients or ["- Như trên;", "- Lưu: VT."]:
        note.add_paragraph(r)
    who.paragraphs[0].add_run(doc.role).bold = True
    who.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for mark in by_place.get("signature", []):
        stamp_para(note, mark, WD_ALIGN_PARAGRAPH.LEFT)
    who.add_paragraph("\n\n")
    last = who.add_paragraph()
    last.alignment = WD_ALIGN_PARAGRAPH.CENTER
    last.add_run(doc.signer).bold = True
    if doc.annex or by_place.get("annex"):
        d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for mark in by_place.get("annex", []):
            stamp_para(d, mark, WD_ALIGN_PARAGRAPH.RIGHT)
        head = d.add_paragraph()
        head.alignment = WD_ALIGN_PARAGRAPH.CENTER
        head.add_run("PHỤ LỤC").bold = True
        for para in doc.annex:
            d.add_paragraph(para)
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def xlsx_of(
    sheets: Sequence[tuple[str, Sequence[Sequence[object]]]],
    *,
    header: str = "",
    footer: str = "",
    red_cells: tuple[tuple[int, str], ...] = (),
) -> bytes:
    """A workbook: (sheet title, rows) each; `header`/`footer` the first sheet's (or, if the
    text starts with '>', the last sheet's) printed header and footer; red_cells (sheet index,
    cell) in bold red."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.worksheets[0])
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        ws.column_dimensions["B"].width = 46
    for sheet_index, cell in red_cells:
        wb.worksheets[sheet_index][cell].font = Font(bold=True, color="C8141E", size=13)
    for text, attr in ((header, "oddHeader"), (footer, "oddFooter")):
        if text:
            ws = wb.worksheets[-1] if text.startswith(">") else wb.worksheets[0]
            part = getattr(ws, attr)
            part.center.text = text.lstrip(">")
            part.center.color = "C8141E"
            part.center.size = 14
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def html_page(
    title: str, agency: str, head_html: str, paragraphs: list[str], tail_html: str = ""
) -> bytes:
    """A web page of an agency's portal or intranet: `head_html` goes before the body."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    page = (
        '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>body{{font-family:'Times New Roman',serif;max-width:820px;margin:auto}}"
        ".dm{color:#c8141e;font-weight:bold}.box{border:2px solid #c8141e;display:inline-block;padding:2px 10px}</style></head>"
        f'<body><div class="agency">{agency}</div>\n{head_html}\n<h2>{title}</h2>\n{body}\n{tail_html}\n</body></html>'
    )
    return page.encode("utf-8")


def img_tag(image: Image.Image, alt: str = "") -> str:
    import base64

    data = base64.b64encode(png(image)).decode("ascii")
    return f'<img src="data:image/png;base64,{data}" alt="{alt}">'


def mail(
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str]],
    when: datetime,
) -> bytes:
    """A mail message: plain text body and (name, bytes, MIME type) attachments."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(when.replace(tzinfo=UTC))
    msg["Message-ID"] = (
        f"<{zlib.crc32((subject + sender).encode())}@{sender.split('@')[-1].rstrip('>')}>"
    )
    msg.set_content(body)
    for name, data, mime in attachments:
        main, sub = mime.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(msg)


def pptx_of(
    slides: Sequence[tuple[str, Sequence[str], Sequence[tuple[Stamp | Image.Image, str]]]],
) -> bytes:
    """Slides: (title, bullet lines, marks), each mark at 'corner' (top right) or 'middle', as
    a red text box (a Stamp) or a picture."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation()
    for title, lines, marks in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = "\n".join(lines)
        for mark, where in marks:
            left = Emu(6400000) if where == "corner" else Emu(3000000)
            top = Emu(150000) if where == "corner" else Emu(3600000)
            if isinstance(mark, Image.Image):
                slide.shapes.add_picture(
                    io.BytesIO(png(mark)), left, top, width=Emu(mark.width * 7000)
                )
                continue
            box = slide.shapes.add_textbox(left, top, Emu(2400000), Emu(500000))
            box.rotation = mark.angle
            if mark.frame != "none":
                box.line.color.rgb = RGBColor(*mark.ink)
                box.line.width = Pt(2)
            tf = box.text_frame
            tf.text = mark.lines[0]
            for extra in mark.lines[1:]:
                tf.add_paragraph().text = extra
            for k, par in enumerate(tf.paragraphs):
                for run in par.runs:
                    run.font.bold = k == 0
                    run.font.size = Pt(24 if k == 0 else 12)
                    run.font.color.rgb = RGBColor(*mark.ink)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
