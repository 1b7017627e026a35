"""Renderers for held-out corpus 5 (tests/corpus/heldout5.py): one document model, many files.

A `Doc` is an administrative document (header blocks, number, date, title, body, recipients,
signer, an optional annex) with its `Mark`s (level stamps, struck-out old stamps, other red
stamps). Each renderer here turns it into one file format: page images (then scans and phone
photos), PDFs with a text layer, DOCX, ODT, RTF, XLSX, PPTX, HTML, plain text and e-mail.
Everything is written for this corpus; nothing is shared with the scanner or the other corpora.
"""

from __future__ import annotations

import base64
import functools
import io
import math
import random
import unicodedata
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from html import escape
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.drawing.image import Image as XlImage
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor as SlideRGB
from pptx.util import Mm as SlideMm
from pptx.util import Pt as SlidePt

from tests.corpus.common import (
    font_path,
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    rtf_unicode,
)

Colour = tuple[int, int, int]

# ---------------------------------------------------------------------------------------------
# the document model


@dataclass
class Agency:
    parent: str  # the line above the issuing body ("UBND TỈNH NGHỆ AN"); may be empty
    name: str  # the issuing body ("SỞ NỘI VỤ")
    code: str  # its abbreviation in document numbers ("SNV")
    place: str  # the place written before the date
    signer_lines: tuple[str, ...]  # ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
    party: bool = False


@dataclass
class Mark:
    lines: tuple[str, ...]
    where: str = "under_number"  # under_number | top_right | top_center | footer | annex
    struck: bool = False  # an old stamp crossed out
    frame: bool = True
    colour: Colour | None = None  # None: the look's ink


@dataclass
class Doc:
    agency: Agency
    number: str
    date: str
    kind: str  # "KẾ HOẠCH", "BÁO CÁO", ...; empty for a letter (công văn)
    title: str
    body: list[str]
    recipients: list[str]
    signer: str
    annex_title: str = ""
    annex: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)

    def number_line(self) -> str:
        return f"Số {self.number}" if self.agency.party else f"Số: {self.number}"

    def motto(self) -> list[tuple[str, str]]:
        if self.agency.party:
            return [("ĐẢNG CỘNG SẢN VIỆT NAM", "b")]
        return [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b"), ("Độc lập - Tự do - Hạnh phúc", "b")]

    def head(self) -> list[tuple[str, str]]:
        out = [(self.agency.parent, "r")] if self.agency.parent else []
        return [*out, (self.agency.name, "b")]

    def marks_at(self, where: str) -> list[Mark]:
        return [m for m in self.marks if m.where == where]


@dataclass
class Look:
    face: str  # serif | sans | dejavu | narrow
    ink: Colour
    angle: float  # stamp rotation, degrees
    stamp_pt: float
    paper: Colour = (252, 252, 250)
    double: bool = False  # a double frame
    seal: bool = True


INKS: dict[str, Colour] = {
    "red": (210, 28, 36),
    "deep": (160, 20, 30),
    "faded": (228, 110, 120),
    "orange_red": (222, 60, 40),
    "purple_red": (170, 30, 80),
}


def random_look(rng: random.Random, **over: object) -> Look:
    look = Look(
        face=rng.choice(("serif", "serif", "sans", "dejavu", "narrow")),
        ink=INKS[rng.choice(list(INKS))],
        angle=rng.uniform(-3.5, 3.5),
        stamp_pt=rng.choice((12, 13, 14, 15, 16)),
        paper=rng.choice(((252, 252, 250), (248, 246, 240), (255, 255, 255), (244, 244, 238))),
        double=rng.random() < 0.25,
        seal=rng.random() < 0.8,
    )
    for key, value in over.items():
        setattr(look, key, value)
    return look


def plain_name(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else "_" for c in s.lower()).strip("_")


# ---------------------------------------------------------------------------------------------
# typefaces

_FACES = {
    "serif": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic"),
    "sans": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
    "narrow": ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Oblique"),
    "dejavu": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
}


def font_file(face: str, style: str) -> Path:
    return font_path(_FACES.get(face, _FACES["dejavu"])["rbi".index(style)], bold=style == "b")


@functools.lru_cache(maxsize=256)
def pil_font(face: str, style: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(font_file(face, style)), max(6, px))


# ---------------------------------------------------------------------------------------------
# page images


def stamp_mask(
    lines: tuple[str, ...],
    look: Look,
    dpi: int,
    rng: random.Random,
    *,
    frame: bool = True,
    struck: bool = False,
    pt: float | None = None,
) -> Image.Image:
    """The stamp's ink as an 8-bit mask, textured and turned by the look's angle."""
    size = pt or look.stamp_pt
    big = pil_font("sans" if look.face == "narrow" else look.face, "b", round(size * dpi / 72))
    small = pil_font(
        "sans" if look.face == "narrow" else look.face, "b", round(size * 0.6 * dpi / 72)
    )
    fonts = [big] + [small] * (len(lines) - 1)
    widths = [f.getlength(s) for f, s in zip(fonts, lines, strict=True)]
    heights = [f.size * 1.25 for f in fonts]
    pad = round(dpi * 0.05)
    w = round(max(widths) + 2 * pad + dpi * 0.06)
    h = round(sum(heights) + 2 * pad)
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    y = pad + dpi * 0.01
    for font, text, lh in zip(fonts, lines, heights, strict=True):
        draw.text((w / 2, y), text, font=font, fill=255, anchor="ma")
        y += lh
    line = max(2, round(dpi / 70))
    if frame:
        draw.rectangle((line, line, w - line - 1, h - line - 1), outline=255, width=line)
        if look.double:
            gap = 2 * line + 2
            draw.rectangle((gap, gap, w - gap - 1, h - gap - 1), outline=255, width=1)
    if struck:
        draw.line((0, h * 0.55, w, h * 0.45), fill=255, width=line + 1)
        if rng.random() < 0.5:
            draw.line((0, 0, w, h), fill=255, width=line)
    noise = Image.effect_noise((w, h), 80).point(lambda v: 255 if v > 55 else 110)
    mask = ImageChops.multiply(mask, noise).filter(ImageFilter.GaussianBlur(0.5))
    return mask.rotate(look.angle + rng.uniform(-0.8, 0.8), Image.Resampling.BICUBIC, expand=True)


def ink_on(page: Image.Image, mask: Image.Image, colour: Colour, x: int, y: int) -> None:
    """Multiplies ink of `colour` through `mask` onto the page, top-left at (x, y)."""
    x = max(0, min(x, page.width - mask.width))
    y = max(0, min(y, page.height - mask.height))
    box = (x, y, x + mask.width, y + mask.height)
    region = page.crop(box)
    ink = Image.composite(
        Image.new("RGB", mask.size, colour), Image.new("RGB", mask.size, (255, 255, 255)), mask
    )
    page.paste(ImageChops.multiply(region, ink), box)


def stamp_png(lines: tuple[str, ...], look: Look, rng: random.Random, dpi: int = 200) -> bytes:
    """A stamp on white, as a PNG picture (what a clerk pastes into a file)."""
    mask = stamp_mask(lines, look, dpi, rng)
    img = Image.new("RGB", mask.size, (255, 255, 255))
    ink_on(img, mask, look.ink, 0, 0)
    return png(img)


def seal_mask(label: str, dpi: int, rng: random.Random) -> Image.Image:
    """A round agency seal (two rings, a star and a word), a red mark that is not a level."""
    r = round(dpi * 0.72)
    mask = Image.new("L", (2 * r + 4, 2 * r + 4), 0)
    d = ImageDraw.Draw(mask)
    c = r + 2
    d.ellipse((2, 2, 2 * r + 2, 2 * r + 2), outline=255, width=max(2, dpi // 60))
    ri = round(r * 0.72)
    d.ellipse((c - ri, c - ri, c + ri, c + ri), outline=255, width=max(1, dpi // 120))
    star = []
    for k in range(10):
        rad = r * (0.25 if k % 2 == 0 else 0.1)
        ang = -math.pi / 2 + k * math.pi / 5
        star.append((c + rad * math.cos(ang), c - r * 0.18 + rad * math.sin(ang)))
    d.polygon(star, fill=255)
    font = pil_font("sans", "b", round(dpi * 0.09))
    d.text((c, c + r * 0.25), label[:14], font=font, fill=255, anchor="mm")
    for k in range(28):  # tick marks standing for the ring's lettering
        ang = 2 * math.pi * k / 28 + rng.uniform(-0.03, 0.03)
        x1, y1 = c + r * 0.8 * math.cos(ang), c + r * 0.8 * math.sin(ang)
        x2, y2 = c + r * 0.92 * math.cos(ang), c + r * 0.92 * math.sin(ang)
        d.line((x1, y1, x2, y2), fill=255, width=max(1, dpi // 100))
    noise = Image.effect_noise(mask.size, 80).point(lambda v: 255 if v > 60 else 120)
    return ImageChops.multiply(mask, noise).rotate(rng.uniform(0, 360), expand=False)


class Page:
    """One A4 page image with a text cursor in millimetres."""

    def __init__(self, dpi: int, look: Look) -> None:
        self.dpi = dpi
        self.k = dpi / 25.4
        self.look = look
        self.img = Image.new("RGB", (round(210 * self.k), round(297 * self.k)), look.paper)
        self.draw = ImageDraw.Draw(self.img)

    def font(self, style: str, pt: float) -> ImageFont.FreeTypeFont:
        return pil_font(self.look.face, style, round(pt * self.dpi / 72))

    def text(
        self, x: float, y: float, s: str, style: str = "r", pt: float = 13, anchor: str = "la"
    ) -> None:
        self.draw.text(
            (x * self.k, y * self.k), s, font=self.font(style, pt), fill=(25, 25, 28), anchor=anchor
        )

    def width(self, s: str, style: str, pt: float) -> float:
        return self.font(style, pt).getlength(s) / self.k

    def wrap(self, s: str, width: float, style: str, pt: float, indent: float = 0) -> list[str]:
        lines: list[str] = []
        current = ""
        for word in s.split():
            trial = f"{current} {word}".strip()
            limit = width - (indent if not lines else 0)
            if current and self.width(trial, style, pt) > limit:
                lines.append(current)
                current = word
            else:
                current = trial
        if current:
            lines.append(current)
        return lines

    def rule(self, x1: float, y: float, x2: float) -> None:
        self.draw.line(
            (x1 * self.k, y * self.k, x2 * self.k, y * self.k),
            fill=(25, 25, 28),
            width=max(1, self.dpi // 110),
        )

    def stamp(
        self, mark: Mark, cx: float, top: float, rng: random.Random, pt: float | None = None
    ) -> float:
        """Inks `mark` centred on cx; returns its height in mm."""
        mask = stamp_mask(
            mark.lines, self.look, self.dpi, rng, frame=mark.frame, struck=mark.struck, pt=pt
        )
        ink_on(
            self.img,
            mask,
            mark.colour or self.look.ink,
            round(cx * self.k - mask.width / 2),
            round(top * self.k),
        )
        return mask.height / self.k

    def seal(self, label: str, cx: float, cy: float, rng: random.Random) -> None:
        mask = seal_mask(label, self.dpi, rng)
        ink_on(
            self.img,
            mask,
            (200, 30, 40),
            round(cx * self.k - mask.width / 2),
            round(cy * self.k - mask.height / 2),
        )

    def signature(self, x: float, y: float, rng: random.Random) -> None:
        pts = []
        for i in range(30):
            t = i / 29
            pts.append(
                (
                    (x + 30 * t) * self.k,
                    (y + 4 * math.sin(t * rng.uniform(9, 15)) + rng.uniform(-1, 1)) * self.k,
                )
            )
        self.draw.line(pts, fill=(30, 40, 120), width=max(2, self.dpi // 80), joint="curve")


def _stamps_at(
    page: Page, doc: Doc, where: str, cx: float, top: float, rng: random.Random
) -> float:
    y = top
    for mark in doc.marks_at(where):
        y += page.stamp(mark, cx, y, rng) + 2
    return y


def render_pages(doc: Doc, look: Look, rng: random.Random, dpi: int = 150) -> list[Image.Image]:
    """The document laid out as page images (Decree 30-like margins and blocks)."""
    pages = [Page(dpi, look)]
    p = pages[0]
    left_cx, right_cx = 62.0, 142.0
    y = 18.0
    for s, style in doc.head():
        pt = min(12.5, 12.5 * 74 / max(1.0, p.width(s, style, 12.5)))  # long names shrink
        p.text(left_cx, y, s, style, pt, "ma")
        y += 5.6
    p.rule(left_cx - 14, y + 0.5, left_cx + 14)
    y_right = 18.0
    for s, style in doc.motto():
        p.text(right_cx, y_right, s, style, 12.5 if style == "b" else 13, "ma")
        y_right += 5.8
    p.rule(right_cx - 25, y_right + 0.5, right_cx + 25)
    y = max(y, y_right) + 5
    p.text(left_cx, y, doc.number_line(), "r", 13, "ma")
    p.text(right_cx, y, doc.date, "i", 13, "ma")
    y += 7
    if not doc.kind:
        for line in p.wrap(doc.title, 62, "r", 12):
            p.text(left_cx, y, line, "r", 12, "ma")
            y += 5.2
        y += 1
    y = max(y, _stamps_at(p, doc, "under_number", left_cx, y, rng))
    _stamps_at(p, doc, "top_right", 172, 8, rng)
    _stamps_at(p, doc, "top_center", 105, 6, rng)
    y += 6
    if doc.kind:
        p.text(105, y, doc.kind, "b", 14, "ma")
        y += 7
        for line in p.wrap(doc.title, 140, "b", 13.5):
            p.text(105, y, line, "b", 13.5, "ma")
            y += 6.2
        p.rule(85, y + 1, 125)
        y += 7
    else:
        y += 2
    left, width = 30.0, 165.0

    def need(h: float) -> None:
        nonlocal p, y
        if y + h > 272:
            _stamps_at(p, doc, "footer", 105, 277, rng)
            p = Page(dpi, look)
            pages.append(p)
            p.text(105, 10, str(len(pages)), "r", 12, "ma")
            y = 20.0

    for para in doc.body:
        for i, line in enumerate(p.wrap(para, width, "r", 13, indent=10)):
            need(6.5)
            p.text(left + (10 if i == 0 else 0), y, line, "r", 13)
            y += 6.5
        y += 2
    need(45)
    y += 4
    top = y
    p.text(left, y, "Nơi nhận:", "b", 12)
    y += 5.5
    for r in doc.recipients:
        p.text(left, y, f"- {r};", "r", 11)
        y += 4.8
    sy = top
    for s in doc.agency.signer_lines:
        p.text(150, sy, s, "b", 13, "ma")
        sy += 5.8
    p.signature(135, sy + 12, rng)
    if look.seal:
        p.seal(doc.agency.name, 138, sy + 12, rng)
    p.text(150, sy + 26, doc.signer, "b", 13, "ma")
    _stamps_at(p, doc, "footer", 105, 277, rng)
    if doc.annex:
        p = Page(dpi, look)
        pages.append(p)
        _stamps_at(p, doc, "annex", 170, 10, rng)
        y = 32.0
        p.text(105, y, "PHỤ LỤC", "b", 14, "ma")
        y += 7
        for line in p.wrap(doc.annex_title, 150, "b", 13):
            p.text(105, y, line, "b", 13, "ma")
            y += 6
        p.text(105, y, f"(Kèm theo văn bản số {doc.number})", "i", 12, "ma")
        y += 10
        for para in doc.annex:
            for i, line in enumerate(p.wrap(para, width, "r", 13, indent=10)):
                p.text(left + (10 if i == 0 else 0), y, line, "r", 13)
                y += 6.5
            y += 2
    return [pg.img for pg in pages]


# ---------------------------------------------------------------------------------------------
# scans and photographs


def scanned(
    img: Image.Image, rng: random.Random, *, grey: bool = False, tilt: float | None = None
) -> Image.Image:
    """A flatbed or copier scan: grey or colour, a little turned, noisy, dust specks."""
    if grey:
        img = img.convert("L").convert("RGB")
    angle = rng.uniform(-1.6, 1.6) if tilt is None else tilt
    img = img.rotate(angle, Image.Resampling.BICUBIC, fillcolor=(238, 238, 234))
    noise = Image.effect_noise(img.size, rng.uniform(8, 18)).convert("RGB")
    img = ImageChops.add(img, noise, 1.0, -128)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    draw = ImageDraw.Draw(img)
    for _ in range(rng.randint(40, 160)):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        draw.point((x, y), fill=(60, 60, 60))
    if rng.random() < 0.4:  # the lid's dark edge
        draw.rectangle((0, 0, img.width, rng.randint(4, 14)), fill=(70, 70, 70))
    return img


def photographed(
    img: Image.Image, rng: random.Random, *, desk: Colour | None = None
) -> Image.Image:
    """A phone photo of a sheet on a desk: shrunk, in perspective, unevenly lit, soft."""
    scale = rng.uniform(0.55, 0.75)
    sheet = img.resize((round(img.width * scale), round(img.height * scale)))
    w, h = sheet.size
    cw, ch = round(w * 1.3), round(h * 1.22)
    desk = desk or rng.choice(((95, 72, 50), (128, 104, 80), (62, 64, 70), (170, 160, 146)))
    canvas = Image.new("RGB", (cw, ch), desk)
    canvas = ImageChops.add(canvas, Image.effect_noise((cw, ch), 12).convert("RGB"), 1.0, -128)
    ox, oy = (cw - w) / 2, (ch - h) / 2
    j = 0.07
    quad = [
        (ox + rng.uniform(-j, j) * w, oy + rng.uniform(-j, j) * h),
        (ox + w + rng.uniform(-j, j) * w, oy + rng.uniform(-j, j) * h),
        (ox + w + rng.uniform(-j, j) * w, oy + h + rng.uniform(-j, j) * h),
        (ox + rng.uniform(-j, j) * w, oy + h + rng.uniform(-j, j) * h),
    ]
    coeffs = perspective_coeffs(quad, [(0, 0), (w, 0), (w, h), (0, h)])
    warped = sheet.transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    cover = Image.new("L", sheet.size, 255).transform(
        (cw, ch), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    canvas.paste(warped, (0, 0), cover)
    shade = Image.linear_gradient("L").rotate(rng.uniform(0, 360), fillcolor=rng.choice((0, 255)))
    shade = shade.filter(ImageFilter.GaussianBlur(rng.uniform(3, 24))).resize((cw, ch))
    low = rng.randint(120, 175)
    shade = shade.point(lambda v: low + v * (255 - low) // 255).convert("RGB")
    canvas = ImageChops.multiply(canvas, shade)
    warm = Image.new("RGB", (cw, ch), (255, rng.randint(236, 250), rng.randint(210, 235)))
    canvas = ImageChops.multiply(canvas, warm)
    return canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.1)))


def pdf_of_images(
    pages: list[Image.Image], *, quality: int, producer: str, dpi: int = 150
) -> bytes:
    pdf = FPDF(unit="mm")
    pdf.set_producer(producer)
    pdf.set_creator(producer)
    for img in pages:
        wmm, hmm = img.width * 25.4 / dpi, img.height * 25.4 / dpi
        pdf.add_page(format=(wmm, hmm))
        pdf.image(io.BytesIO(jpeg(img, quality)), x=0, y=0, w=wmm, h=hmm)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# PDF with a text layer


class _Pdf(FPDF):
    footer_marks: list[Mark]
    look: Look

    def footer(self) -> None:
        for mark in self.footer_marks:
            pdf_mark(self, mark, self.look, 105, 279)


def _pdf_fonts(pdf: FPDF, face: str) -> None:
    pdf.add_font("body", "", str(font_file(face, "r")))
    pdf.add_font("body", "B", str(font_file(face, "b")))
    pdf.add_font("body", "I", str(font_file(face, "i")))


def pdf_mark(
    pdf: FPDF,
    mark: Mark,
    look: Look,
    cx: float,
    top: float,
    *,
    spaced: float = 0,
    picture: bytes | None = None,
) -> float:
    """Draws a stamp centred on cx (framed text in the ink colour, or a picture); its height."""
    colour = mark.colour or look.ink
    if picture is not None:
        with Image.open(io.BytesIO(picture)) as im:
            ratio = im.height / im.width
        w = 10 + 3.2 * len(mark.lines[0]) * look.stamp_pt / 14
        pdf.image(io.BytesIO(picture), x=cx - w / 2, y=top, w=w)
        return w * ratio
    size = look.stamp_pt
    pdf.set_font("body", "B", size)
    pdf.set_char_spacing(spaced)
    widths = [pdf.get_string_width(s) for s in mark.lines]
    pdf.set_char_spacing(0)
    w = max(widths) + 6
    h = size * 0.45 + 2 + 4.2 * (len(mark.lines) - 1)
    with pdf.rotation(look.angle, cx, top + h / 2):
        pdf.set_draw_color(*colour)
        pdf.set_text_color(*colour)
        if mark.frame:
            pdf.set_line_width(0.6)
            pdf.rect(cx - w / 2, top, w, h)
            if look.double:
                pdf.set_line_width(0.2)
                pdf.rect(cx - w / 2 + 1, top + 1, w - 2, h - 2)
        y = top + 1
        for i, s in enumerate(mark.lines):
            pdf.set_font("body", "B", size if i == 0 else size * 0.6)
            pdf.set_char_spacing(spaced if i == 0 else 0)
            pdf.set_xy(cx - w / 2, y)
            lh = size * 0.45 if i == 0 else 4.2
            pdf.cell(w, lh, s, align="C")
            y += lh
        pdf.set_char_spacing(0)
        if mark.struck:
            pdf.set_line_width(0.8)
            pdf.line(cx - w / 2 - 1, top + h * 0.6, cx + w / 2 + 1, top + h * 0.4)
    pdf.set_text_color(20, 20, 20)
    pdf.set_draw_color(20, 20, 20)
    return h


def letter_pdf(
    doc: Doc,
    look: Look,
    rng: random.Random,
    *,
    producer: str,
    spaced: float = 0,
    picture_stamps: bool = False,
) -> bytes:
    """The document as a PDF with a text layer, as an office suite or a print driver writes it."""
    pdf = _Pdf(unit="mm", format="A4")
    pdf.footer_marks = doc.marks_at("footer")
    pdf.look = look
    pdf.set_producer(producer)
    pdf.set_creator(producer.split(" ")[0])
    pdf.set_title(doc.title[:60])
    _pdf_fonts(pdf, look.face)
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, 22)
    pdf.add_page()

    def mark_at(where: str, cx: float, top: float) -> float:
        y = top
        for mark in doc.marks_at(where):
            pic = stamp_png(mark.lines, look, rng) if picture_stamps else None
            y += pdf_mark(pdf, mark, look, cx, y, spaced=spaced, picture=pic) + 2
        return y

    y = 18.0
    for s, style in doc.head():
        size = 12.5
        pdf.set_font("body", "B" if style == "b" else "", size)
        while pdf.get_string_width(s) > 74 and size > 8:
            size -= 0.5
            pdf.set_font("body", "B" if style == "b" else "", size)
        pdf.set_xy(12, y)
        pdf.cell(100, 5.5, s, align="C")
        y += 5.6
    yr = 18.0
    for s, _ in doc.motto():
        pdf.set_font("body", "B", 12.5)
        pdf.set_xy(90, yr)
        pdf.cell(105, 5.5, s, align="C")
        yr += 5.8
    pdf.line(48, y + 0.5, 76, y + 0.5)
    pdf.line(117, yr + 0.5, 167, yr + 0.5)
    y = max(y, yr) + 5
    pdf.set_font("body", "", 13)
    pdf.set_xy(12, y)
    pdf.cell(100, 6, doc.number_line(), align="C")
    pdf.set_font("body", "I", 13)
    pdf.set_xy(90, y)
    pdf.cell(105, 6, doc.date, align="C")
    y += 7
    if not doc.kind:
        pdf.set_font("body", "", 12)
        pdf.set_xy(30, y)
        pdf.multi_cell(64, 5.2, doc.title, align="C")
        y = pdf.get_y() + 1
    y = max(y, mark_at("under_number", 62, y))
    mark_at("top_right", 172, 8)
    mark_at("top_center", 105, 6)
    y += 6
    pdf.set_xy(30, y)
    if doc.kind:
        pdf.set_font("body", "B", 14)
        pdf.cell(165, 7, doc.kind, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", "B", 13.5)
        pdf.multi_cell(165, 6.2, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(5)
    pdf.set_font("body", "", 13)
    for para in doc.body:
        pdf.multi_cell(165, 6.5, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    pdf.ln(4)
    if pdf.get_y() > 235:
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font("body", "B", 12)
    pdf.cell(80, 5.5, "Nơi nhận:", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "", 11)
    for r in doc.recipients:
        pdf.cell(80, 4.8, f"- {r};", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("body", "B", 13)
    sy = top
    for s in doc.agency.signer_lines:
        pdf.set_xy(110, sy)
        pdf.cell(80, 5.8, s, align="C")
        sy += 5.8
    pdf.set_xy(110, sy + 24)
    pdf.cell(80, 6, doc.signer, align="C")
    if doc.annex:
        pdf.add_page()
        mark_at("annex", 170, 10)
        pdf.set_xy(30, 32)
        pdf.set_font("body", "B", 14)
        pdf.cell(165, 7, "PHỤ LỤC", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", "B", 13)
        pdf.multi_cell(165, 6, doc.annex_title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("body", "I", 12)
        pdf.cell(
            165, 6, f"(Kèm theo văn bản số {doc.number})", align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.ln(4)
        pdf.set_font("body", "", 13)
        for para in doc.annex:
            pdf.multi_cell(165, 6.5, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# DOCX

WORD_FONT = {
    "serif": "Times New Roman",
    "sans": "Arial",
    "narrow": "Arial Narrow",
    "dejavu": "Cambria",
}


def _hex(c: Colour) -> str:
    return "".join(f"{v:02X}" for v in c)


def _run(par, text: str, *, bold=False, italic=False, size=13.0, colour=None, strike=False):  # type: ignore[no-untyped-def]
    run = par.add_run(text)
    run.bold = bold
    run.italic = italic
    run.font.size = Pt(size)
    run.font.strike = strike
    if colour is not None:
        run.font.color.rgb = RGBColor(*colour)
    return run


def _cell_borders(cell, colour: Colour | None) -> None:  # type: ignore[no-untyped-def]
    tcpr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if colour else "nil")
        if colour:
            el.set(qn("w:sz"), "14")
            el.set(qn("w:color"), _hex(colour))
        borders.append(el)
    tcpr.append(borders)


def _stamp_runs(par, mark: Mark, look: Look, rng: random.Random, split: bool) -> None:  # type: ignore[no-untyped-def]
    """The stamp's words as runs, split the way an edited Word file splits them."""
    colour = mark.colour or look.ink
    first = mark.lines[0]
    pieces = [first]
    if split and len(first) > 3:
        cut = rng.randint(1, len(first) - 1)
        pieces = [first[:cut], first[cut:]]
    for piece in pieces:
        _run(par, piece, bold=True, size=look.stamp_pt, colour=colour, strike=mark.struck)
    for extra in mark.lines[1:]:
        par.add_run().add_break()
        _run(par, extra, bold=True, size=9, colour=colour)


def _textbox_vml(mark: Mark, look: Look, left_pt: float, top_pt: float) -> str:
    colour = _hex(mark.colour or look.ink)
    lines = "".join(
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="{colour}"/>'
        f'<w:sz w:val="{int(look.stamp_pt * 2) if i == 0 else 18}"/>'
        f"{'<w:strike/>' if mark.struck and i == 0 else ''}</w:rPr>"
        f"<w:t>{escape(s)}</w:t></w:r></w:p>"
        for i, s in enumerate(mark.lines)
    )
    width = 30 + 11 * max(len(s) for s in mark.lines)
    return (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
        "<w:pict>"
        f'<v:shape id="StampBox{int(left_pt)}" type="#_x0000_t202" '
        f'style="position:absolute;margin-left:{left_pt:.0f}pt;margin-top:{top_pt:.0f}pt;'
        f'width:{width}pt;height:{24 + 12 * (len(mark.lines) - 1)}pt;z-index:3" '
        f'strokecolor="#{colour}" strokeweight="1.5pt" filled="f">'
        f"<v:textbox><w:txbxContent>{lines}</w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"
    )


def _textbox_wps(mark: Mark, look: Look, x_mm: float, y_mm: float, ident: int) -> str:
    colour = _hex(mark.colour or look.ink)
    emu = 36000
    cx = round((16 + 5.5 * len(mark.lines[0]) * look.stamp_pt / 13) * emu)
    cy = round((9 + 4 * (len(mark.lines) - 1)) * emu)
    lines = "".join(
        f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="{colour}"/>'
        f'<w:sz w:val="{int(look.stamp_pt * 2) if i == 0 else 18}"/></w:rPr>'
        f"<w:t>{escape(s)}</w:t></w:r></w:p>"
        for i, s in enumerate(mark.lines)
    )
    return (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{251659264 + ident}" behindDoc="0" locked="0" layoutInCell="1" '
        'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="page"><wp:posOffset>{round(x_mm * emu)}</wp:posOffset>'
        "</wp:positionH>"
        f'<wp:positionV relativeFrom="page"><wp:posOffset>{round(y_mm * emu)}</wp:posOffset>'
        "</wp:positionV>"
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{ident}" name="Hộp văn bản {ident}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm rot="{round(look.angle * 60000)}"><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/>'
        f'<a:ln w="22225"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln>'
        f"</wps:spPr><wps:txbx><w:txbxContent>{lines}</w:txbxContent></wps:txbx>"
        '<wps:bodyPr rot="0" vert="horz" wrap="square" anchor="ctr"/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        "</mc:AlternateContent></w:r>"
    )


def letter_docx(doc: Doc, look: Look, rng: random.Random, *, mode: str = "cell") -> bytes:
    """The document as Word writes it. `mode` says how the level stamp is made:
    cell (bordered paragraph under the number), nested (a one-cell bordered table),
    header (page header), first_header (first page's header only), vml_box / wps_box (text
    boxes), picture (a stamp image), footer, body_top (a framed paragraph above the title),
    annex (on the annex page). Marks of another `where` are placed as their `where` says."""
    d = docx.Document()
    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    style = d.styles["Normal"]
    style.font.name = WORD_FONT.get(look.face, "Times New Roman")
    style.font.size = Pt(13)
    split = rng.random() < 0.4
    under = doc.marks_at("under_number")
    annex_marks = doc.marks_at("annex")
    top_marks = doc.marks_at("top_right") + doc.marks_at("top_center")
    footer_marks = doc.marks_at("footer")

    if mode in ("header", "first_header"):
        if mode == "first_header":
            section.different_first_page_header_footer = True
            header = section.first_page_header
        else:
            header = section.header
        hp = header.paragraphs[0]
        hp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        for mark in under + top_marks:
            _stamp_runs(hp, mark, look, rng, split)
            hp.add_run("   ")
        paragraph_border(hp, _hex(look.ink), size=10)
        under, top_marks = [], []
    if footer_marks:
        fp = section.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for mark in footer_marks:
            _stamp_runs(fp, mark, look, rng, split)
    for mark in top_marks:
        tp = d.add_paragraph()
        tp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _stamp_runs(tp, mark, look, rng, split)
        paragraph_border(tp, _hex(mark.colour or look.ink))

    table = d.add_table(rows=1, cols=2)
    table.autofit = False
    left, right = table.rows[0].cells
    left.width, right.width = Mm(68), Mm(97)
    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, (s, st) in enumerate(doc.head()):
        if i:
            lp.add_run().add_break()
        _run(lp, s, bold=st == "b", size=12.5)
    _run(left.add_paragraph("______"), "", size=6)
    np_ = left.add_paragraph()
    np_.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(np_, doc.number_line())
    if not doc.kind:
        vp = left.add_paragraph()
        vp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(vp, doc.title, size=12)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, (s, _) in enumerate(doc.motto()):
        if i:
            rp.add_run().add_break()
        _run(rp, s, bold=True, size=12.5)
    dp = right.add_paragraph()
    dp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(dp, doc.date, italic=True)

    ident = 1
    for mark in under:
        if mode == "nested":
            inner = left.add_table(rows=1, cols=1)
            cell = inner.rows[0].cells[0]
            _cell_borders(cell, mark.colour or look.ink)
            sp = cell.paragraphs[0]
            sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _stamp_runs(sp, mark, look, rng, split)
        elif mode == "picture":
            sp = left.add_paragraph()
            sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            sp.add_run().add_picture(io.BytesIO(stamp_png(mark.lines, look, rng)), width=Mm(30))
        elif mode == "vml_box":
            anchor = left.add_paragraph()
            anchor._p.append(parse_xml(_textbox_vml(mark, look, 40, 6)))
        elif mode == "wps_box":
            anchor = left.add_paragraph()
            anchor._p.append(parse_xml(_textbox_wps(mark, look, 52, 46, ident)))
            ident += 1
        elif mode == "body_top":
            continue
        else:
            sp = left.add_paragraph()
            sp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _stamp_runs(sp, mark, look, rng, split)
            if mark.frame:
                paragraph_border(sp, _hex(mark.colour or look.ink))
    if mode == "body_top":
        for mark in under:
            bp = d.add_paragraph()
            bp.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _stamp_runs(bp, mark, look, rng, split)
            paragraph_border(bp, _hex(mark.colour or look.ink))

    if doc.kind:
        kp = d.add_paragraph()
        kp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(kp, doc.kind, bold=True, size=14)
        kp.add_run().add_break()
        _run(kp, doc.title, bold=True, size=13.5)
    for para in doc.body:
        bp = d.add_paragraph()
        bp.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        bp.paragraph_format.first_line_indent = Mm(10)
        _run(bp, para)
    sign = d.add_table(rows=1, cols=2)
    sl, sr = sign.rows[0].cells
    np2 = sl.paragraphs[0]
    _run(np2, "Nơi nhận:", bold=True, italic=True, size=12)
    for r in doc.recipients:
        np2.add_run().add_break()
        _run(np2, f"- {r};", size=11)
    sp2 = sr.paragraphs[0]
    sp2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, s in enumerate(doc.agency.signer_lines):
        if i:
            sp2.add_run().add_break()
        _run(sp2, s, bold=True)
    for _ in range(4):
        sp2.add_run().add_break()
    _run(sp2, doc.signer, bold=True)
    if doc.annex:
        brk = d.add_paragraph()
        brk.add_run().add_break(WD_BREAK.PAGE)
        for mark in annex_marks:
            ap = d.add_paragraph()
            ap.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if mode == "picture":
                ap.add_run().add_picture(io.BytesIO(stamp_png(mark.lines, look, rng)), width=Mm(30))
            else:
                _stamp_runs(ap, mark, look, rng, split)
                paragraph_border(ap, _hex(mark.colour or look.ink))
        tp2 = d.add_paragraph()
        tp2.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(tp2, "PHỤ LỤC", bold=True, size=14)
        tp2.add_run().add_break()
        _run(tp2, doc.annex_title, bold=True)
        tp2.add_run().add_break()
        _run(tp2, f"(Kèm theo văn bản số {doc.number})", italic=True, size=12)
        for para in doc.annex:
            ap2 = d.add_paragraph()
            ap2.paragraph_format.first_line_indent = Mm(10)
            _run(ap2, para)
    d.core_properties.author = rng.choice(("Văn thư", "user", "Admin", "PC-VANTHU", "Phong TH"))
    d.core_properties.title = doc.title[:80]
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def simple_docx(
    paragraphs: list[tuple[str, str]],
    *,
    face: str = "serif",
    header: str = "",
    footer: str = "",
    red: Colour | None = None,
    framed: tuple[str, ...] = (),
    new_section_at: int = -1,
) -> bytes:
    """A free-form Word file: (text, style) paragraphs, style in {"", "b", "i", "c", "cb",
    "red"}; `framed` texts go into bordered red paragraphs at the top (look-alike stamps)."""
    d = docx.Document()
    d.styles["Normal"].font.name = WORD_FONT.get(face, "Times New Roman")
    d.styles["Normal"].font.size = Pt(13)
    if header:
        d.sections[0].header.paragraphs[0].text = header
    if footer:
        d.sections[0].footer.paragraphs[0].text = footer
    colour = red or (205, 30, 35)
    for text in framed:
        fp = d.add_paragraph()
        fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(fp, text, bold=True, size=14, colour=colour)
        paragraph_border(fp, _hex(colour))
    for i, (text, st) in enumerate(paragraphs):
        if i == new_section_at:
            d.add_section(WD_SECTION.NEW_PAGE)
        p = d.add_paragraph()
        if "c" in st:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(
            p,
            text,
            bold="b" in st,
            italic="i" in st,
            colour=colour if st == "red" else None,
        )
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# ODT (written by hand: the OpenDocument zip with content, styles and a manifest)

_ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" office:version="1.3"'
)


def _odt_zip(content: str, styles: str, pictures: dict[str, bytes] | None = None) -> bytes:
    pictures = pictures or {}
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="image/png"/>'
            for name in pictures
        )
        + "</manifest:manifest>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text"
        )  # stored first, uncompressed
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr("styles.xml", styles, zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        for name, data in pictures.items():
            z.writestr(name, data, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def letter_odt(doc: Doc, look: Look, rng: random.Random, *, mode: str = "para") -> bytes:
    """The document as LibreOffice Writer saves it; the level stamp as a bordered paragraph
    (para), in the page header (header), in a text frame (frame) or a picture frame (picture)."""
    ink = "#" + _hex(look.ink).lower()
    font = WORD_FONT.get(look.face, "Times New Roman")
    auto = (
        "<office:automatic-styles>"
        '<style:style style:name="C" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="center"/></style:style>'
        '<style:style style:name="CB" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>'
        '<style:style style:name="J" style:family="paragraph"><style:paragraph-properties '
        'fo:text-align="justify" fo:text-indent="1cm"/></style:style>'
        '<style:style style:name="I" style:family="text"><style:text-properties '
        'fo:font-style="italic"/></style:style>'
        '<style:style style:name="STAMP" style:family="paragraph"><style:paragraph-properties '
        f'fo:text-align="center" fo:border="0.06cm solid {ink}" fo:padding="0.1cm" '
        'fo:margin-left="1.6cm" fo:margin-right="1.6cm"/>'
        f'<style:text-properties fo:color="{ink}" fo:font-weight="bold" '
        f'fo:font-size="{look.stamp_pt}pt"/></style:style>'
        '<style:style style:name="STRUCK" style:family="text"><style:text-properties '
        'style:text-line-through-style="solid" style:text-line-through-width="bold"/></style:style>'
        '<style:style style:name="FR" style:family="graphic"><style:graphic-properties '
        f'fo:border="0.06cm solid {ink}" style:wrap="none" style:vertical-pos="from-top" '
        'style:horizontal-pos="from-left" draw:fill="none" fo:padding="0.05cm"/></style:style>'
        '<style:style style:name="FSTAMP" style:family="paragraph"><style:paragraph-properties '
        f'fo:text-align="center"/><style:text-properties fo:color="{ink}" fo:font-weight="bold" '
        f'fo:font-size="{look.stamp_pt}pt"/></style:style>'
        "</office:automatic-styles>"
    )

    def stamp_xml(mark: Mark) -> str:
        lines = "<text:line-break/>".join(escape(s) for s in mark.lines)
        if mark.struck:
            lines = f'<text:span text:style-name="STRUCK">{lines}</text:span>'
        return lines

    def p(text: str, st: str = "J") -> str:
        return f'<text:p text:style-name="{st}">{escape(text)}</text:p>'

    pictures: dict[str, bytes] = {}
    header_marks = ""
    under = ""
    frame_n = 0
    for mark in doc.marks_at("under_number") + doc.marks_at("top_right"):
        if mode == "header":
            header_marks += f'<text:p text:style-name="STAMP">{stamp_xml(mark)}</text:p>'
        elif mode == "frame":
            frame_n += 1
            under += (
                f'<text:p text:style-name="C"><draw:frame draw:style-name="FR" '
                f'draw:name="Khung{frame_n}" text:anchor-type="paragraph" svg:x="1.2cm" '
                f'svg:y="0.2cm" svg:width="{1.2 + 0.5 * len(mark.lines[0]):.1f}cm" svg:height="1cm" '
                f'draw:z-index="{frame_n}"><draw:text-box>'
                f'<text:p text:style-name="FSTAMP">{stamp_xml(mark)}</text:p>'
                "</draw:text-box></draw:frame></text:p>"
            )
        elif mode == "picture":
            frame_n += 1
            name = f"Pictures/stamp{frame_n}.png"
            pictures[name] = stamp_png(mark.lines, look, rng)
            under += (
                f'<text:p text:style-name="C"><draw:frame draw:name="Anh{frame_n}" '
                'text:anchor-type="as-char" svg:width="3.2cm" svg:height="1.2cm">'
                f'<draw:image xlink:href="{name}" xlink:type="simple" xlink:show="embed" '
                'xlink:actuate="onLoad"/></draw:frame></text:p>'
            )
        else:
            under += f'<text:p text:style-name="STAMP">{stamp_xml(mark)}</text:p>'
    head = "".join(p(s, "CB" if st == "b" else "C") for s, st in doc.head())
    motto = "".join(p(s, "CB") for s, _ in doc.motto())
    body = (
        '<table:table table:name="DauVanBan"><table:table-column table:number-columns-repeated="2"/>'
        "<table:table-row><table:table-cell>"
        + head
        + p(doc.number_line(), "C")
        + (p(doc.title, "C") if not doc.kind else "")
        + under
        + "</table:table-cell><table:table-cell>"
        + motto
        + f'<text:p text:style-name="C"><text:span text:style-name="I">{escape(doc.date)}'
        "</text:span></text:p></table:table-cell></table:table-row></table:table>"
    )
    if doc.kind:
        body += p(doc.kind, "CB") + p(doc.title, "CB")
    body += "".join(p(s) for s in doc.body)
    body += p("Nơi nhận:", "J") + "".join(p(f"- {r};", "J") for r in doc.recipients)
    body += "".join(p(s, "CB") for s in doc.agency.signer_lines) + p(doc.signer, "CB")
    if doc.annex:
        body += '<text:p text:style-name="C"/>'
        for mark in doc.marks_at("annex"):
            body += f'<text:p text:style-name="STAMP">{stamp_xml(mark)}</text:p>'
        body += p("PHỤ LỤC", "CB") + p(doc.annex_title, "CB")
        body += "".join(p(s) for s in doc.annex)
    footer = "".join(
        f'<text:p text:style-name="STAMP">{stamp_xml(m)}</text:p>' for m in doc.marks_at("footer")
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f'<office:font-face-decls><style:font-face style:name="{font}" svg:font-family="{font}"/>'
        f"</office:font-face-decls>{auto}<office:body><office:text>{body}</office:text>"
        "</office:body></office:document-content>"
    )
    header_xml = f"<style:header>{header_marks}</style:header>" if header_marks else ""
    footer_xml = f"<style:footer>{footer}</style:footer>" if footer else ""
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}>'
        "<office:automatic-styles>"
        '<style:style style:name="STAMP" style:family="paragraph"><style:paragraph-properties '
        f'fo:text-align="right" fo:border="0.06cm solid {ink}" fo:padding="0.1cm" '
        'fo:margin-left="11cm"/>'
        f'<style:text-properties fo:color="{ink}" fo:font-weight="bold" fo:font-size="14pt"/>'
        "</style:style>"
        '<style:page-layout style:name="PL"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" fo:margin-left="3cm" fo:margin-right="1.5cm" '
        'fo:margin-top="2cm" fo:margin-bottom="2cm"/></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        f'<style:master-page style:name="Standard" style:page-layout-name="PL">{header_xml}'
        f"{footer_xml}</style:master-page></office:master-styles></office:document-styles>"
    )
    return _odt_zip(content, styles, pictures)


def simple_odt(paragraphs: list[str], *, header: str = "") -> bytes:
    body = "".join(f"<text:p>{escape(s)}</text:p>" for s in paragraphs)
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODF_NS}>'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    hdr = f"<style:header><text:p>{escape(header)}</text:p></style:header>" if header else ""
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {_ODF_NS}>'
        '<office:master-styles><style:master-page style:name="Standard">'
        f"{hdr}</style:master-page></office:master-styles></office:document-styles>"
    )
    return _odt_zip(content, styles)


# ---------------------------------------------------------------------------------------------
# RTF (written by hand, with \uN escapes as Word writes them)


def rtf_escape(s: str) -> str:
    return rtf_unicode(unicodedata.normalize("NFC", s))


def letter_rtf(doc: Doc, look: Look, *, header_stamp: bool = False) -> bytes:
    r, g, b = look.ink
    font = WORD_FONT.get(look.face, "Times New Roman")
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0",
        f"{{\\fonttbl{{\\f0\\froman\\fcharset0 {font};}}{{\\f1\\fswiss\\fcharset0 Arial;}}}}",
        f"{{\\colortbl;\\red0\\green0\\blue0;\\red{r}\\green{g}\\blue{b};}}",
        "\\paperw11906\\paperh16838\\margl1701\\margr850\\margt1134\\margb1134",
    ]

    def stamp(mark: Mark, align: str) -> str:
        strike = "\\strike" if mark.struck else ""
        frame = "\\box\\brdrs\\brdrw30\\brsp60\\brdrcf2" if mark.frame else ""
        text = "\\line ".join(rtf_escape(s) for s in mark.lines)
        return (
            f"{{\\pard\\{align}{frame}\\li2200\\ri2200\\cf2\\b{strike}\\fs{int(look.stamp_pt * 2)} "
            f"{text}\\par}}"
        )

    if header_stamp:
        parts.append(
            "{\\header "
            + "".join(
                stamp(m, "qr") for m in doc.marks_at("under_number") + doc.marks_at("top_right")
            )
            + "}"
        )
    for s, st in doc.head():
        bold = "\\b" if st == "b" else ""
        parts.append(f"{{\\pard\\qc{bold}\\fs25 {rtf_escape(s)}\\par}}")
    parts.append(f"{{\\pard\\qc\\fs26 {rtf_escape(doc.number_line())}\\par}}")
    if not header_stamp:
        for m in doc.marks_at("under_number") + doc.marks_at("top_right"):
            parts.append(stamp(m, "qc"))
    for s, _ in doc.motto():
        parts.append(f"{{\\pard\\qc\\b\\fs25 {rtf_escape(s)}\\par}}")
    parts.append(f"{{\\pard\\qr\\i\\fs26 {rtf_escape(doc.date)}\\par}}")
    if doc.kind:
        parts.append(f"{{\\pard\\qc\\b\\fs28 {rtf_escape(doc.kind)}\\par}}")
    parts.append(f"{{\\pard\\qc\\b\\fs26 {rtf_escape(doc.title)}\\par}}")
    for para in doc.body:
        parts.append(f"{{\\pard\\qj\\fi567\\fs26 {rtf_escape(para)}\\par}}")
    parts.append(f"{{\\pard\\b\\i\\fs24 {rtf_escape('Nơi nhận:')}\\par}}")
    for rcp in doc.recipients:
        parts.append(f"{{\\pard\\fs22 - {rtf_escape(rcp)};\\par}}")
    for s in doc.agency.signer_lines:
        parts.append(f"{{\\pard\\qr\\b\\fs26 {rtf_escape(s)}\\par}}")
    parts.append(f"{{\\pard\\qr\\b\\fs26 \\line\\line {rtf_escape(doc.signer)}\\par}}")
    if doc.annex:
        parts.append("\\page")
        for m in doc.marks_at("annex"):
            parts.append(stamp(m, "qr"))
        parts.append(f"{{\\pard\\qc\\b\\fs28 {rtf_escape('PHỤ LỤC')}\\par}}")
        parts.append(f"{{\\pard\\qc\\b\\fs26 {rtf_escape(doc.annex_title)}\\par}}")
        for para in doc.annex:
            parts.append(f"{{\\pard\\qj\\fi567\\fs26 {rtf_escape(para)}\\par}}")
    parts.append("}")
    return "\n".join(parts).encode("ascii")


def simple_rtf(paragraphs: list[str]) -> bytes:
    body = "\n".join(f"{{\\pard\\qj\\fs26 {rtf_escape(s)}\\par}}" for s in paragraphs)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "\n}").encode(
        "ascii"
    )


# ---------------------------------------------------------------------------------------------
# plain text, HTML, e-mail, archives


def letter_text(doc: Doc, *, width: int = 78) -> str:
    """The document as text, the way an export or a copy-paste keeps it."""
    left = [s for s, _ in doc.head()] + [doc.number_line()]
    right = [s for s, _ in doc.motto()] + [doc.date]
    lines = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ""
        b = right[i] if i < len(right) else ""
        lines.append(f"{a:<36}{b}".rstrip())
    for mark in doc.marks_at("top_right") + doc.marks_at("top_center"):
        lines.insert(0, " " * 50 + " ".join(mark.lines))
    for mark in doc.marks_at("under_number"):
        lines.extend(f"        {s}" for s in mark.lines)
    lines.append("")
    if doc.kind:
        lines += [doc.kind.center(width).rstrip(), doc.title.center(width).rstrip()]
    else:
        lines.append(doc.title)
    lines.append("")
    lines += [f"    {para}" for para in doc.body]
    lines += ["", "Nơi nhận:"] + [f"- {r};" for r in doc.recipients]
    lines += [" " * 44 + s for s in doc.agency.signer_lines] + ["", " " * 44 + doc.signer]
    if doc.annex:
        lines += ["", "-" * 20, ""]
        lines += [" ".join(m.lines) for m in doc.marks_at("annex")]
        lines += ["PHỤ LỤC", doc.annex_title] + [f"    {p}" for p in doc.annex]
    for mark in doc.marks_at("footer"):
        lines += ["", " ".join(mark.lines).center(width).rstrip()]
    return "\n".join(lines) + "\n"


def letter_html(doc: Doc, look: Look, rng: random.Random, *, mode: str = "div") -> str:
    """The document as a web page (a portal's viewer or an intranet page). The stamp is a
    bordered div (div), a table cell (cell), numeric entities (entity), an image (img)."""
    ink = "#" + _hex(look.ink).lower()

    def stamp(mark: Mark) -> str:
        if mode == "img":
            data = stamp_png(mark.lines, look, rng, dpi=120)
            return f'<img src="data:image/png;base64,{base64.b64encode(data).decode()}" alt="">'
        text = "<br>".join(escape(s) for s in mark.lines)
        if mode == "entity":
            text = "<br>".join(
                "".join(f"&#{ord(c)};" if ord(c) > 127 else c for c in s) for s in mark.lines
            )
        if mark.struck:
            text = f"<s>{text}</s>"
        if mode == "cell":
            return (
                f'<table style="border:2px solid {ink};margin:auto"><tr><td style="color:{ink};'
                f'font-weight:bold;padding:2px 10px">{text}</td></tr></table>'
            )
        return (
            f'<div class="dau-do" style="display:inline-block;border:2px solid {ink};color:{ink};'
            f'font-weight:bold;padding:2px 12px;letter-spacing:1px">{text}</div>'
        )

    under = "".join(stamp(m) for m in doc.marks_at("under_number"))
    top = "".join(stamp(m) for m in doc.marks_at("top_right") + doc.marks_at("top_center"))
    head = "<br>".join(f"<b>{escape(s)}</b>" if st == "b" else escape(s) for s, st in doc.head())
    motto = "<br>".join(f"<b>{escape(s)}</b>" for s, _ in doc.motto())
    body = "".join(
        f"<p style='text-indent:1cm;text-align:justify'>{escape(p)}</p>" for p in doc.body
    )
    annex = ""
    if doc.annex:
        annex = (
            "<hr>"
            + "".join(
                f'<div style="text-align:right">{stamp(m)}</div>' for m in doc.marks_at("annex")
            )
            + f"<h3 style='text-align:center'>PHỤ LỤC<br>{escape(doc.annex_title)}</h3>"
            + "".join(f"<p>{escape(p)}</p>" for p in doc.annex)
        )
    footer = "".join(stamp(m) for m in doc.marks_at("footer"))
    title = f"{escape(doc.kind)}<br>{escape(doc.title)}" if doc.kind else escape(doc.title)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(doc.number)}</title></head><body style='font-family:\"Times New Roman\"'>"
        f'<div style="text-align:right">{top}</div>'
        '<table style="width:100%"><tr><td style="text-align:center;width:40%">'
        f"{head}<br>{escape(doc.number_line())}<br>{under}</td>"
        f'<td style="text-align:center">{motto}<br><i>{escape(doc.date)}</i></td></tr></table>'
        f"<h3 style='text-align:center'>{title}</h3>{body}"
        f"<p><b><i>Nơi nhận:</i></b><br>{'<br>'.join('- ' + escape(r) for r in doc.recipients)}</p>"
        f"<p style='text-align:right'><b>{'<br>'.join(escape(s) for s in doc.agency.signer_lines)}"
        f"<br><br><br>{escape(doc.signer)}</b></p>{annex}"
        f"<footer style='text-align:center'>{footer}</footer></body></html>"
    )


def email(
    sender: str,
    to: str,
    subject: str,
    text: str,
    *,
    html: str | None = None,
    attachments: tuple[tuple[str, bytes], ...] = (),
    date: str = "Tue, 14 Apr 2026 09:12:00 +0700",
) -> bytes:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = date
    msg.set_content(text)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    types = {
        "pdf": ("application", "pdf"),
        "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
        "jpg": ("image", "jpeg"),
        "png": ("image", "png"),
        "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        "zip": ("application", "zip"),
    }
    for name, data in attachments:
        main, sub = types.get(name.rsplit(".", 1)[-1], ("application", "octet-stream"))
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return msg.as_bytes(policy=SMTP)


# ---------------------------------------------------------------------------------------------
# spreadsheets and slides


@dataclass
class SheetSpec:
    name: str
    title: list[str]  # lines above the table
    header: list[str]
    rows: list[list[object]]
    stamp: Mark | None = None
    stamp_mode: str = "cell"  # cell | print_header | picture | far_cell


def workbook_xlsx(sheets: list[SheetSpec], look: Look, rng: random.Random) -> bytes:
    """A workbook as Excel saves it: a title block, a bordered table, the stamp in a merged
    red-framed cell, the printed page header, a picture, or a cell far to the right."""
    wb = Workbook()
    wb.remove(wb.active)
    thin = Side(style="thin", color="000000")
    ink = _hex(look.ink)
    for spec in sheets:
        ws = wb.create_sheet(spec.name)
        row = 1
        if spec.stamp is not None and spec.stamp_mode == "cell":
            c = ws.cell(row=1, column=1, value="\n".join(spec.stamp.lines))
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
            c.font = Font(bold=True, color=ink, size=look.stamp_pt, strike=spec.stamp.struck)
            red = Side(style="medium", color=ink)
            c.border = Border(left=red, right=red, top=red, bottom=red)
            c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            row = 3
        elif spec.stamp is not None and spec.stamp_mode == "print_header":
            ws.oddHeader.right.text = " ".join(spec.stamp.lines)
            ws.oddHeader.right.color = ink
            ws.oddHeader.right.size = 14
            ws.oddHeader.right.font = "Times New Roman,Bold"
        elif spec.stamp is not None and spec.stamp_mode == "picture":
            pic = XlImage(io.BytesIO(stamp_png(spec.stamp.lines, look, rng, dpi=110)))
            ws.add_image(pic, "F1")
        elif spec.stamp is not None and spec.stamp_mode == "far_cell":
            c = ws.cell(row=1, column=len(spec.header) + 2, value=" ".join(spec.stamp.lines))
            c.font = Font(bold=True, color=ink, size=14)
        for line in spec.title:
            ws.cell(row=row, column=1, value=line).font = Font(bold=True, size=12)
            row += 1
        row += 1
        for col, h in enumerate(spec.header, 1):
            c = ws.cell(row=row, column=col, value=h)
            c.font = Font(bold=True)
            c.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            c.alignment = Alignment(horizontal="center", wrap_text=True)
        for values in spec.rows:
            row += 1
            for col, v in enumerate(values, 1):
                ws.cell(row=row, column=col, value=v).border = Border(
                    left=thin, right=thin, top=thin, bottom=thin
                )
        for col in range(1, len(spec.header) + 1):
            ws.column_dimensions[chr(64 + col)].width = 12 if col > 2 else 30
    wb.properties.creator = rng.choice(("Ke toan", "Phong KHTC", "admin", "Văn phòng"))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@dataclass
class SlideSpec:
    title: str
    bullets: list[str]
    stamp: Mark | None = None
    stamp_mode: str = "box"  # box | picture | table | sample (a drawn specimen in a lesson)
    caption: str = ""


def deck_pptx(slides: list[SlideSpec], look: Look, rng: random.Random) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SlideMm(254), SlideMm(143)
    layout = prs.slide_layouts[5]  # title only
    ink = SlideRGB(*look.ink)
    for spec in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = spec.title
        slide.shapes.title.text_frame.paragraphs[0].font.size = SlidePt(28)
        body = slide.shapes.add_textbox(SlideMm(15), SlideMm(40), SlideMm(200), SlideMm(90))
        tf = body.text_frame
        tf.word_wrap = True
        for i, b in enumerate(spec.bullets):
            par = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            par.text = f"• {b}"
            par.font.size = SlidePt(17)
        if spec.stamp is None:
            continue
        text = "\n".join(spec.stamp.lines)
        if spec.stamp_mode == "picture":
            slide.shapes.add_picture(
                io.BytesIO(stamp_png(spec.stamp.lines, look, rng)),
                SlideMm(200),
                SlideMm(6),
                width=SlideMm(40),
            )
        elif spec.stamp_mode == "table":
            shape = slide.shapes.add_table(1, 1, SlideMm(195), SlideMm(5), SlideMm(45), SlideMm(12))
            cell = shape.table.cell(0, 0)
            cell.text = text
            run = cell.text_frame.paragraphs[0].runs[0]
            run.font.bold = True
            run.font.color.rgb = ink
            run.font.size = SlidePt(18)
        else:
            x = SlideMm(195) if spec.stamp_mode == "box" else SlideMm(150)
            y = SlideMm(5) if spec.stamp_mode == "box" else SlideMm(75)
            box = slide.shapes.add_textbox(x, y, SlideMm(48), SlideMm(13))
            box.line.color.rgb = ink
            box.line.width = SlidePt(2)
            box.rotation = look.angle
            par = box.text_frame.paragraphs[0]
            par.text = text
            par.font.bold = True
            par.font.size = SlidePt(20)
            par.font.color.rgb = ink
            if spec.caption:
                cap = slide.shapes.add_textbox(x, y + SlideMm(15), SlideMm(70), SlideMm(10))
                cap.text_frame.text = spec.caption
                cap.text_frame.paragraphs[0].font.size = SlidePt(12)
                cap.text_frame.paragraphs[0].font.italic = True
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()
