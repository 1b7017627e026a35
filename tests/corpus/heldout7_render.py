"""Renderers for held-out corpus 7 (tests/corpus/heldout7.py): pages, stamps and envelopes drawn
with Pillow, office files with python-docx / python-pptx / openpyxl, hand-written ODT and RTF,
text PDFs with fpdf2 (the stamp as text, as glyph outlines drawn as paths, or as a picture), and
the scanner/phone/fax damage. Every random choice comes from the `random.Random` passed in;
every archive entry and document property carries a fixed date, so a build is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import random
import re
import zipfile
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont, ImageOps

from tests.corpus.common import (
    jpeg,
    paragraph_border,
    perspective_coeffs,
    png,
    rtf_unicode,
    wrap_words,
)

FIXED = dt.datetime(2025, 3, 14, 8, 30, 0)
ZIP_TIME = (2025, 3, 14, 8, 30, 0)
TTF = Path("/usr/share/fonts/truetype")
FACE_FILES = {
    "times": "liberation2/LiberationSerif-Regular.ttf",
    "times_b": "liberation2/LiberationSerif-Bold.ttf",
    "arial": "liberation2/LiberationSans-Regular.ttf",
    "arial_b": "liberation2/LiberationSans-Bold.ttf",
    "scond_b": "dejavu/DejaVuSerifCondensed-Bold.ttf",
    "serif": "dejavu/DejaVuSerif.ttf",
    "serif_b": "dejavu/DejaVuSerif-Bold.ttf",
    "sans": "dejavu/DejaVuSans.ttf",
    "sans_b": "dejavu/DejaVuSans-Bold.ttf",
    "cond_b": "dejavu/DejaVuSansCondensed-Bold.ttf",
    "mono": "liberation2/LiberationMono-Regular.ttf",
}
RGB = tuple[int, int, int]
INKS: dict[str, RGB] = {
    "red": (206, 24, 30),
    "dark_red": (140, 14, 22),
    "purple": (128, 30, 96),
    "faded": (226, 112, 112),
    "black": (24, 24, 24),
    "blue": (30, 52, 160),
}


@functools.lru_cache(maxsize=128)
def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(TTF / FACE_FILES[face]), size)


def hexcolor(rgb: RGB) -> str:
    return "{:02X}{:02X}{:02X}".format(*rgb)


# --------------------------------------------------------------------------- content model


@dataclass(frozen=True)
class Stamp:
    """A rubber stamp: words on one or two lines, ink, frame, face; `struck` draws it crossed
    out (an old level replaced by a later decision)."""

    words: str
    ink: str = "red"
    frame: str = "box"  # box, double, thin, rounded, none
    face: str = "times_b"
    size: int = 34
    angle: float = 0.0
    struck: bool = False
    second: str = ""  # a smaller second line (a date, "MẪU", ...)
    worn: float = 0.0  # share of the ink missing


@dataclass
class Paper:
    """One administrative document, whatever the file format."""

    parent: str
    agency: str
    number: str
    place_date: str
    title: str
    subject: str
    paras: list[str]
    signer_role: str
    signer: str
    lang: str = "vi"
    # where each stamp sits: "number" (under the number, left), "corner" (top right),
    # "top" (centred above everything), "title" (right of the title), "foot" (bottom left)
    stamps: list[tuple[Stamp, str]] = field(default_factory=list)
    annex: list[list[str]] = field(default_factory=list)  # later pages' lines
    annex_stamps: dict[int, list[tuple[Stamp, str]]] = field(default_factory=dict)

    def head_left(self) -> list[str]:
        return [self.parent, self.agency, f"Số: {self.number}"]

    def head_right(self) -> list[str]:
        if self.lang == "en":
            return ["SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness"]
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]

    def closing(self) -> list[str]:
        if self.lang == "en":
            return ["Recipients:", "- As above;", "- Archive."]
        return ["Nơi nhận:", "- Như trên;", "- Lưu: VT, VP."]


# --------------------------------------------------------------------------- raster drawing


def stamp_image(stamp: Stamp, rng: random.Random, scale: float = 1.0) -> Image.Image:
    """The stamp alone on a transparent background."""
    size = max(8, int(stamp.size * scale))
    f = font(stamp.face, size)
    lines = [stamp.words] + ([stamp.second] if stamp.second else [])
    f2 = font(stamp.face, max(8, int(size * 0.55)))
    widths = [f.getbbox(stamp.words)[2]] + ([f2.getbbox(stamp.second)[2]] if stamp.second else [])
    pad = int(size * 0.45)
    w = int(max(widths)) + 2 * pad
    h = int(size * 1.25) + (int(size * 0.8) if stamp.second else 0) + pad
    im = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    ink = INKS[stamp.ink] + (255,)
    thick = max(1, size // 10)
    if stamp.frame == "box":
        d.rectangle([1, 1, w - 2, h - 2], outline=ink, width=thick)
    elif stamp.frame == "double":
        d.rectangle([1, 1, w - 2, h - 2], outline=ink, width=thick)
        g = thick * 2 + 2
        d.rectangle([g, g, w - g - 1, h - g - 1], outline=ink, width=max(1, thick // 2))
    elif stamp.frame == "thin":
        d.rectangle([1, 1, w - 2, h - 2], outline=ink, width=1)
    elif stamp.frame == "rounded":
        d.rounded_rectangle([1, 1, w - 2, h - 2], radius=size // 2, outline=ink, width=thick)
    y = pad // 2 + 2
    for text, fnt in zip(lines, [f, f2], strict=False):
        tw = fnt.getbbox(text)[2]
        d.text(((w - tw) // 2, y), text, font=fnt, fill=ink)
        y += int(size * 1.1)
    if stamp.struck:
        d.line([4, h // 2 - 3, w - 4, h // 2 - 3], fill=ink, width=thick + 1)
        d.line([4, h // 2 + 5, w - 4, h // 2 + 5], fill=ink, width=thick + 1)
    if stamp.worn:
        holes = ImageDraw.Draw(im)
        for _ in range(int(w * h * stamp.worn / 30)):
            x, yy = rng.randrange(w), rng.randrange(h)
            r = rng.randint(1, 3)
            holes.ellipse([x - r, yy - r, x + r, yy + r], fill=(0, 0, 0, 0))
    if stamp.angle:
        im = im.rotate(stamp.angle, expand=True, resample=Image.Resampling.BICUBIC)
    return im


def stamp_png(stamp: Stamp, rng: random.Random, scale: float = 1.0) -> bytes:
    """The stamp as a PNG on white (as a clerk would paste a picture of it)."""
    im = stamp_image(stamp, rng, scale)
    bg = Image.new("RGB", im.size, (255, 255, 255))
    bg.paste(im, (0, 0), im)
    return png(bg)


def _centred(d: ImageDraw.ImageDraw, cx: int, y: int, text: str, fnt: Any, fill: RGB) -> None:
    for i, line in enumerate(text.split("\n")):
        d.text((cx - fnt.getlength(line) / 2, y + i * fnt.size * 1.3), line, font=fnt, fill=fill)


def _place(
    page: Image.Image,
    stamps: list[tuple[Stamp, str]],
    anchors: dict[str, tuple[int, int]],
    rng: random.Random,
    scale: float,
) -> None:
    used: dict[str, int] = {}
    for stamp, where in stamps:
        im = stamp_image(stamp, rng, scale)
        x, y = anchors[where]
        y += used.get(where, 0)
        used[where] = used.get(where, 0) + im.size[1] + 6
        x -= im.size[0] // 2
        page.paste(im, (max(0, x), max(0, y)), im)


def page_image(
    paper: Paper, rng: random.Random, face: str = "times", width: int = 1240
) -> list[Image.Image]:
    """The document's pages at about 150 dpi (A4), stamps pasted at their anchors."""
    height = int(width * 1.414)
    k = width / 1240
    fs, fb = (
        font(face, int(25 * k)),
        font(face + "_b" if face + "_b" in FACE_FILES else face, int(25 * k)),
    )
    ink: RGB = (20, 20, 20)
    page = Image.new("RGB", (width, height), (255, 255, 255))
    d = ImageDraw.Draw(page)
    left_cx, right_cx = int(300 * k), int(850 * k)
    y = int(110 * k)
    for i, line in enumerate(paper.head_left()):
        _centred(d, left_cx, y + i * int(34 * k), line, fb if i == 1 else fs, ink)
    for i, line in enumerate(paper.head_right()):
        _centred(d, right_cx, y + i * int(34 * k), line, fb, ink)
    _centred(d, right_cx, y + int(84 * k), paper.place_date, font(face, int(23 * k)), ink)
    anchors = {
        "number": (left_cx, y + int(112 * k)),
        "corner": (int(1080 * k), int(30 * k)),
        "top": (width // 2, int(24 * k)),
        "title": (int(1060 * k), y + int(250 * k)),
        "foot": (left_cx, height - int(260 * k)),
    }
    y += int(270 * k)
    _centred(
        d,
        width // 2,
        y,
        paper.title,
        font(face + "_b" if face + "_b" in FACE_FILES else face, int(32 * k)),
        ink,
    )
    y += int(46 * k)
    for line in wrap_words(paper.subject, fb, int(900 * k)):
        _centred(d, width // 2, y, line, fb, ink)
        y += int(34 * k)
    y += int(24 * k)
    for para in paper.paras:
        for line in wrap_words(para, fs, int(1000 * k)):
            if y > height - int(320 * k):
                break
            d.text((int(140 * k), y), line, font=fs, fill=ink)
            y += int(33 * k)
        y += int(8 * k)
    y = max(y + int(20 * k), height - int(300 * k))
    for i, line in enumerate(paper.closing()):
        d.text((int(140 * k), y + i * int(28 * k)), line, font=font(face, int(20 * k)), fill=ink)
    _centred(d, right_cx, y, paper.signer_role, fb, ink)
    _centred(d, right_cx, y + int(150 * k), paper.signer, fb, ink)
    _place(page, paper.stamps, anchors, rng, k)
    pages = [page]
    for n, lines in enumerate(paper.annex, start=2):
        extra = Image.new("RGB", (width, height), (255, 255, 255))
        d = ImageDraw.Draw(extra)
        yy = int(150 * k)
        for line in lines:
            for part in wrap_words(line, fs, int(1000 * k)):
                d.text((int(140 * k), yy), part, font=fs, fill=ink)
                yy += int(34 * k)
        _place(
            extra,
            paper.annex_stamps.get(n, []),
            {**anchors, "number": (int(300 * k), int(60 * k))},
            rng,
            k,
        )
        pages.append(extra)
    return pages


def speckle(im: Image.Image, rng: random.Random, count: int) -> None:
    d = ImageDraw.Draw(im)
    w, h = im.size
    for _ in range(count):
        x, y = rng.randrange(w), rng.randrange(h)
        shade = rng.randint(60, 170)
        d.point((x, y), fill=(shade, shade, shade) if im.mode == "RGB" else shade)


def scanned(
    im: Image.Image,
    rng: random.Random,
    *,
    turn: int = 0,
    skew: float = 0.0,
    contrast: float = 1.0,
    gray: bool = False,
    fax: bool = False,
    shrink: float = 1.0,
) -> Image.Image:
    """A flatbed scan or a fax of a page."""
    out = im.convert("RGB")
    if shrink != 1.0:
        out = out.resize(
            (int(out.width * shrink), int(out.height * shrink)), Image.Resampling.BILINEAR
        )
    if skew:
        out = out.rotate(
            skew, expand=True, fillcolor=(250, 250, 248), resample=Image.Resampling.BILINEAR
        )
    if contrast != 1.0:
        out = ImageEnhance.Contrast(out).enhance(contrast)
        out = ImageEnhance.Brightness(out).enhance(1.0 + (1.0 - contrast) * 0.6)
    speckle(out, rng, int(out.width * out.height / 4000))
    if fax:
        g = out.convert("L")
        g = g.resize((g.width // 2, g.height // 2), Image.Resampling.BILINEAR)
        threshold = rng.randint(150, 185)
        g = g.point(lambda v: 255 if v > threshold else 0)
        fine = rng.random() < 0.5  # fine mode keeps the aspect; standard mode halves the rows
        out = g.resize((g.width * 2, g.height * (2 if fine else 1)), Image.Resampling.NEAREST)
    elif gray:
        out = out.convert("L")
    if turn:
        out = out.rotate(turn, expand=True)
    return out


def photographed(
    im: Image.Image,
    rng: random.Random,
    *,
    tilt: float = 0.08,
    shadow: float = 0.35,
    background: RGB = (120, 90, 60),
    out_width: int = 1400,
    quality: int = 82,
) -> bytes:
    """A phone photo of a sheet lying on a desk: perspective, a hand's shadow, uneven light."""
    src = im.convert("RGB")
    scale = out_width * 0.8 / src.width
    src = src.resize((int(src.width * scale), int(src.height * scale)), Image.Resampling.BILINEAR)
    w, h = out_width, int(src.height * 1.22)
    canvas = Image.new("RGB", (w, h), background)
    grain = Image.linear_gradient("L").resize((w, h)).rotate(rng.uniform(0, 360))
    canvas = Image.composite(canvas, ImageEnhance.Brightness(canvas).enhance(0.7), grain)
    ox, oy = (w - src.width) // 2, (h - src.height) // 2
    sheet = Image.new("RGB", (w, h), background)
    sheet.paste(src, (ox, oy))
    mask = Image.new("L", (w, h), 0)
    mask.paste(255, (ox, oy, ox + src.width, oy + src.height))
    corners = [
        (ox, oy),
        (ox + src.width, oy),
        (ox + src.width, oy + src.height),
        (ox, oy + src.height),
    ]
    moved = [
        (x + rng.uniform(-tilt, tilt) * src.width, y + rng.uniform(-tilt, tilt) * src.height)
        for x, y in corners
    ]
    coeffs = perspective_coeffs(moved, corners)
    sheet = sheet.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    mask = mask.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR)
    canvas.paste(sheet, (0, 0), mask)
    light = Image.radial_gradient("L").resize((w, h))
    light = ImageOps.invert(light).point(lambda v: int(150 + v * 0.42))
    canvas = Image.composite(canvas, ImageEnhance.Brightness(canvas).enhance(0.72), light)
    if shadow:
        edge = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize((w, h))
        edge = edge.point(lambda v: 255 if v < 150 else int(255 - (v - 150) * 2.4 * shadow))
        canvas = Image.composite(canvas, ImageEnhance.Brightness(canvas).enhance(1 - shadow), edge)
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 1.0)))
    warm = Image.new("RGB", (w, h), (255, 236, 200))
    canvas = Image.blend(canvas, warm, rng.uniform(0.02, 0.1))
    return jpeg(canvas, quality)


def envelope_image(
    rng: random.Random,
    *,
    mark: str | None,
    ring: str = "single",
    ink: str = "red",
    sender: str,
    recipient: str,
    number: str,
    extra: str = "",
    logo: bool = False,
) -> Image.Image:
    """A brown or white envelope face with a circled mark (letter, digit) or none."""
    w, h = 1300, 640
    paper = rng.choice([(236, 214, 170), (245, 241, 232), (226, 200, 150), (250, 250, 250)])
    im = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(im)
    dark: RGB = (30, 30, 40)
    face = rng.choice(["times", "arial", "serif"])
    d.text((50, 40), sender, font=font(face, 26), fill=dark)
    d.text((50, 78), f"Số: {number}", font=font(face, 24), fill=dark)
    d.text((560, 330), "Kính gửi:", font=font(face, 28), fill=dark)
    for i, line in enumerate(recipient.split("\n")):
        d.text(
            (600, 372 + i * 40),
            line,
            font=font(face + "_b" if face + "_b" in FACE_FILES else face, 30),
            fill=dark,
        )
    if extra:
        d.text((50, 540), extra, font=font("arial_b", 34), fill=INKS["red"])
    if mark is not None or logo:
        cx, cy = rng.randint(180, 320), rng.randint(230, 330)
        r = rng.randint(46, 70)
        colour = INKS[ink]
        widths = {"single": 5, "thin": 2, "thick": 9, "double": 4}
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=colour, width=widths[ring])
        if ring == "double":
            r2 = r - 10
            d.ellipse([cx - r2, cy - r2, cx + r2, cy + r2], outline=colour, width=2)
        if logo:
            star = [
                (
                    cx
                    + 0.55
                    * r
                    * math.cos(math.pi / 2 + i * math.pi / 5)
                    * (1 if i % 2 == 0 else 0.45),
                    cy
                    - 0.55
                    * r
                    * math.sin(math.pi / 2 + i * math.pi / 5)
                    * (1 if i % 2 == 0 else 0.45),
                )
                for i in range(10)
            ]
            d.polygon(star, fill=colour)
        if mark is not None:
            f = font(rng.choice(["times_b", "arial_b", "serif_b"]), int(r * 1.2))
            box = f.getbbox(mark)
            d.text(
                (cx - (box[0] + box[2]) / 2, cy - (box[1] + box[3]) / 2), mark, font=f, fill=colour
            )
    return im


# --------------------------------------------------------------------------- archives / OOXML


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = (
                zipfile.ZIP_STORED if (stored_first and i == 0) else zipfile.ZIP_DEFLATED
            )
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return out.getvalue()


def settle(data: bytes) -> bytes:
    """An OOXML package rewritten with fixed entry dates and fixed core-property dates."""
    src = zipfile.ZipFile(io.BytesIO(data))
    entries = []
    for info in src.infolist():
        body = src.read(info.filename)
        if info.filename == "docProps/core.xml":
            text = body.decode("utf-8")
            stamp = "2025-03-14T08:30:00Z"
            text = re.sub(r"(<dcterms:created[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
            text = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(<)", rf"\g<1>{stamp}\g<2>", text)
            body = text.encode("utf-8")
        entries.append((info.filename, body))
    return zip_bytes(entries)


# --------------------------------------------------------------------------- PDF with fpdf2


def new_pdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_producer("Kim Thach office")
    pdf.add_font("tnr", "", str(TTF / FACE_FILES["times"]))
    pdf.add_font("tnr", "B", str(TTF / FACE_FILES["times_b"]))
    pdf.add_font("dv", "", str(TTF / FACE_FILES["sans"]))
    pdf.add_font("dv", "B", str(TTF / FACE_FILES["sans_b"]))
    pdf.set_auto_page_break(True, 18)
    return pdf


def pdf_bytes(pdf: Any) -> bytes:
    return bytes(pdf.output())


def images_pdf(pages: list[Image.Image], quality: int = 70) -> bytes:
    """Scanned pages, each a JPEG on an A4 page (no text layer)."""
    pdf = new_pdf()
    pdf.set_auto_page_break(False)
    for im in pages:
        landscape = im.width > im.height
        pdf.add_page(orientation="L" if landscape else "P")
        w, h = (297, 210) if landscape else (210, 297)
        pdf.image(io.BytesIO(jpeg(im, quality)), x=0, y=0, w=w, h=h)
    return pdf_bytes(pdf)


class _OutlinePen:
    """Collects a glyph's outline as fpdf2 path commands (quadratic curves turned cubic)."""

    def __init__(self, glyph_set: Any) -> None:
        from fontTools.pens.basePen import BasePen

        cmds: list[tuple[str, tuple[float, ...]]] = []
        self.cmds = cmds

        class Pen(BasePen):
            def _moveTo(self, p: tuple[float, float]) -> None:
                cmds.append(("M", p))

            def _lineTo(self, p: tuple[float, float]) -> None:
                cmds.append(("L", p))

            def _curveToOne(self, a: Any, b: Any, c: Any) -> None:
                cmds.append(("C", (*a, *b, *c)))

            def _closePath(self) -> None:
                cmds.append(("Z", ()))

        self.pen = Pen(glyph_set)


@functools.lru_cache(maxsize=4)
def _tt(face: str) -> Any:
    from fontTools.ttLib import TTFont

    return TTFont(str(TTF / FACE_FILES[face]))


def outline_text(
    pdf: Any, text: str, x: float, y: float, size_mm: float, rgb: RGB, face: str = "times_b"
) -> float:
    """Draws `text` as filled paths (no text object) with its baseline at y; returns its width."""
    from fpdf.enums import PathPaintRule

    tt = _tt(face)
    cmap = tt.getBestCmap()
    glyphs = tt.getGlyphSet()
    upm = tt["head"].unitsPerEm
    k = size_mm / upm
    pen_x = x
    for ch in text:
        name = cmap.get(ord(ch))
        if name is None:
            continue
        collector = _OutlinePen(glyphs)
        glyphs[name].draw(collector.pen)
        if collector.cmds:
            with pdf.new_path() as path:
                path.style.fill_color = "#" + hexcolor(rgb)
                path.style.stroke_color = None
                path.style.paint_rule = PathPaintRule.FILL_NONZERO
                for op, pts in collector.cmds:
                    xy = [(pen_x + pts[i] * k, y - pts[i + 1] * k) for i in range(0, len(pts), 2)]
                    if op == "M":
                        path.move_to(*xy[0])
                    elif op == "L":
                        path.line_to(*xy[0])
                    elif op == "C":
                        path.curve_to(*xy[0], *xy[1], *xy[2])
                    else:
                        path.close()
        pen_x += glyphs[name].width * k
    return pen_x - x


def text_pdf(
    paper: Paper,
    rng: random.Random,
    *,
    stamp_mode: str = "text",  # text, outline, picture
    family: str = "tnr",
) -> bytes:
    """A word-processor PDF with a text layer; stamps drawn per `stamp_mode`."""
    pdf = new_pdf()

    def draw_stamps(stamps: list[tuple[Stamp, str]], top: bool) -> None:
        used: dict[str, float] = {}
        for stamp, where in stamps:
            ink = INKS[stamp.ink]
            pos = {
                "number": (25.0, 44.0),
                "corner": (150.0, 8.0),
                "top": (85.0, 6.0),
                "title": (160.0, 70.0),
                "foot": (25.0, 240.0),
            }[where if top else "number" if where == "number" else where]
            x, y = pos[0], pos[1] + used.get(where, 0)
            used[where] = used.get(where, 0) + 14
            size_pt = stamp.size * 0.5
            if stamp_mode == "picture":
                data = stamp_png(stamp, rng, 1.4)
                im = Image.open(io.BytesIO(data))
                wmm = im.width / 8.0
                pdf.image(io.BytesIO(data), x=x, y=y, w=wmm)
                continue
            pdf.set_font(family, "B", size_pt)
            width = pdf.get_string_width(stamp.words) + 6
            pdf.set_draw_color(*ink)
            pdf.set_line_width(0.6 if stamp.frame != "thin" else 0.2)
            height = size_pt * 0.55 + (size_pt * 0.35 if stamp.second else 0)
            if stamp.frame != "none":
                pdf.rect(x, y, width, height)
                if stamp.frame == "double":
                    pdf.rect(x + 1, y + 1, width - 2, height - 2)
            if stamp_mode == "outline":
                outline_text(pdf, stamp.words, x + 3, y + size_pt * 0.42, size_pt * 0.3528, ink)
                if stamp.second:
                    outline_text(pdf, stamp.second, x + 3, y + height - 1.5, size_pt * 0.2, ink)
            else:
                pdf.set_text_color(*ink)
                pdf.set_xy(x, y + 0.5)
                pdf.cell(width, size_pt * 0.45, stamp.words, align="C")
                if stamp.second:
                    pdf.set_font(family, "B", size_pt * 0.6)
                    pdf.set_xy(x, y + size_pt * 0.45)
                    pdf.cell(width, size_pt * 0.3, stamp.second, align="C")
            if stamp.struck:
                pdf.line(x, y + height / 2, x + width, y + height / 2)
            pdf.set_text_color(0, 0, 0)
            pdf.set_draw_color(0, 0, 0)

    pdf.add_page()
    pdf.set_font(family, "", 12)
    top = pdf.get_y()
    for i, line in enumerate(paper.head_left()):
        pdf.set_xy(15, 18 + i * 6)
        pdf.set_font(family, "B" if i == 1 else "", 12)
        pdf.cell(80, 6, line, align="C")
    for i, line in enumerate(paper.head_right()):
        pdf.set_xy(95, 18 + i * 6)
        pdf.set_font(family, "B", 12)
        pdf.cell(105, 6, line, align="C")
    pdf.set_font(family, "", 12)
    pdf.set_xy(95, 32)
    pdf.cell(105, 6, paper.place_date, align="C")
    pdf.set_xy(20, 70 + top * 0)
    pdf.set_font(family, "B", 15)
    pdf.cell(170, 8, paper.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, "B", 12)
    pdf.set_x(30)
    pdf.multi_cell(150, 6, paper.subject, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font(family, "", 12)
    for para in paper.paras:
        pdf.set_x(20)
        pdf.multi_cell(170, 6, para, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(6)
    y = pdf.get_y()
    pdf.set_font(family, "", 10)
    for i, line in enumerate(paper.closing()):
        pdf.set_xy(20, y + i * 5)
        pdf.cell(60, 5, line)
    pdf.set_font(family, "B", 12)
    pdf.set_xy(110, y)
    pdf.multi_cell(80, 6, paper.signer_role, align="C")
    pdf.set_xy(110, y + 28)
    pdf.cell(80, 6, paper.signer, align="C")
    draw_stamps(paper.stamps, True)
    for n, lines in enumerate(paper.annex, start=2):
        pdf.add_page()
        pdf.set_font(family, "", 12)
        pdf.set_y(40)
        for line in lines:
            pdf.set_x(20)
            pdf.multi_cell(170, 6, line, new_x="LMARGIN", new_y="NEXT")
        draw_stamps(paper.annex_stamps.get(n, []), True)
    return pdf_bytes(pdf)


# --------------------------------------------------------------------------- DOCX


def _red_run(paragraph: Any, text: str, stamp: Stamp, pt: float | None = None) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.bold = True
    run.font.size = Pt(pt or stamp.size * 0.4)
    run.font.color.rgb = RGBColor(*INKS[stamp.ink])
    run.font.name = {"times_b": "Times New Roman", "arial_b": "Arial"}.get(
        stamp.face, "Times New Roman"
    )
    if stamp.struck:
        run.font.strike = True
    return run


TEXTBOX_XML = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:pict>
<v:shape id="stampbox{n}" o:spid="_x0000_s10{n}" type="#_x0000_t202" style="position:absolute;margin-left:{left}pt;margin-top:{top}pt;width:{w}pt;height:{h}pt;z-index:2" strokecolor="#{color}" strokeweight="1.5pt">
<v:textbox><w:txbxContent><w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="{color}"/><w:sz w:val="{sz}"/></w:rPr><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>
</v:shape></w:pict></w:r>"""


def letter_docx(
    paper: Paper, rng: random.Random, *, where: str = "body", split: bool = False
) -> bytes:
    """A Word letter; the first stamp goes `where`: body (top paragraph, framed), header (page
    header), cell (the header table's left cell, under the number), textbox (a floating VML
    text box), picture (an inserted PNG), none (no stamp). Further stamps go in the body."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm, Pt

    doc = Document()
    doc.core_properties.author = "Văn thư"
    doc.core_properties.created = FIXED
    doc.core_properties.modified = FIXED
    doc.core_properties.last_modified_by = "Văn thư"
    style = doc.styles["Normal"]
    style.font.name = rng.choice(["Times New Roman", "Arial", "Cambria"])
    style.font.size = Pt(rng.choice([12, 13, 14]))
    first, rest = (paper.stamps[0], paper.stamps[1:]) if paper.stamps else (None, [])
    if first is not None and where == "header":
        hp = doc.sections[0].header.paragraphs[0]
        hp.alignment = rng.choice(
            [WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER]
        )
        _red_run(hp, first[0].words, first[0])
    if first is not None and where == "body":
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER if first[1] == "top" else WD_ALIGN_PARAGRAPH.LEFT
        if split:
            for piece in re.split(r"(\s+)", first[0].words):
                if piece:
                    _red_run(p, piece, first[0])
        else:
            _red_run(p, first[0].words, first[0])
        if first[0].frame != "none":
            paragraph_border(
                p,
                hexcolor(INKS[first[0].ink]),
                style="double" if first[0].frame == "double" else "single",
            )
    if first is not None and where == "picture":
        p = doc.add_paragraph()
        p.add_run().add_picture(
            io.BytesIO(stamp_png(first[0], rng, 1.5)), width=Cm(rng.uniform(3.0, 4.5))
        )
    if first is not None and where == "textbox":
        p = doc.add_paragraph()
        sz = int(first[0].size * 0.8)
        xml = TEXTBOX_XML.format(
            n=rng.randint(10, 99),
            left=rng.randint(0, 40),
            top=rng.randint(55, 85),
            w=110,
            h=30,
            color=hexcolor(INKS[first[0].ink]),
            sz=sz,
            text=first[0].words,
        )
        p._p.append(parse_xml(xml))
    table = doc.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text = "\n".join(paper.head_left())
    right.text = "\n".join([*paper.head_right(), paper.place_date])
    for cell in (left, right):
        for para in cell.paragraphs:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if first is not None and where == "cell":
        cp = left.add_paragraph()
        cp.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _red_run(cp, first[0].words, first[0])
        if first[0].second:
            cp2 = left.add_paragraph()
            cp2.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _red_run(cp2, first[0].second, first[0], 10)
    for stamp, _ in rest:
        sp = doc.add_paragraph()
        _red_run(sp, stamp.words, stamp)
        if stamp.second:
            _red_run(sp, "\n" + stamp.second, stamp, 10)
        if stamp.frame != "none":
            paragraph_border(sp, hexcolor(INKS[stamp.ink]))
    t = doc.add_paragraph()
    t.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t.add_run(paper.title).bold = True
    s = doc.add_paragraph()
    s.alignment = WD_ALIGN_PARAGRAPH.CENTER
    s.add_run(paper.subject).bold = True
    for para in paper.paras:
        doc.add_paragraph(para)
    for line in paper.closing():
        doc.add_paragraph(line)
    sig = doc.add_paragraph()
    sig.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    sig.add_run(f"{paper.signer_role}\n\n\n{paper.signer}").bold = True
    for n, lines in enumerate(paper.annex, start=2):
        doc.add_page_break()
        for stamp, _ in paper.annex_stamps.get(n, []):
            ap = doc.add_paragraph()
            _red_run(ap, stamp.words, stamp)
            paragraph_border(ap, hexcolor(INKS[stamp.ink]))
        for line in lines:
            doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return settle(out.getvalue())


# --------------------------------------------------------------------------- ODT and RTF


def _x(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def letter_odt(paper: Paper, *, stamp_in: str = "body") -> bytes:
    """An OpenDocument text written by hand; the stamp in a framed red paragraph at the top
    (`body`) or in the page header of the master page (`header`)."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"'
    )
    stamp_paras = ""
    header = ""
    ink = hexcolor(INKS[paper.stamps[0][0].ink]) if paper.stamps else "000000"
    for i, (stamp, _) in enumerate(paper.stamps):
        line = f'<text:p text:style-name="Stamp">{_x(stamp.words)}</text:p>'
        if stamp.second:
            line += f'<text:p text:style-name="Stamp">{_x(stamp.second)}</text:p>'
        if i == 0 and stamp_in == "header":
            header = line
        else:
            stamp_paras += line
    body = "".join(f"<text:p>{_x(line)}</text:p>" for line in paper.head_left())
    body += stamp_paras
    body += "".join(
        f"<text:p>{_x(line)}</text:p>" for line in [*paper.head_right(), paper.place_date]
    )
    body += f'<text:p text:style-name="Title">{_x(paper.title)}</text:p><text:p text:style-name="Title">{_x(paper.subject)}</text:p>'
    body += "".join(
        f"<text:p>{_x(p)}</text:p>"
        for p in [*paper.paras, *paper.closing(), paper.signer_role, paper.signer]
    )
    styles_auto = (
        f'<style:style style:name="Stamp" style:family="paragraph"><style:paragraph-properties fo:border="1.2pt solid #{ink}" fo:padding="0.05cm" fo:text-align="center" fo:margin-right="12cm"/>'
        f'<style:text-properties fo:color="#{ink}" fo:font-weight="bold" fo:font-size="14pt"/></style:style>'
        '<style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold"/></style:style>'
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}>'
        f"<office:automatic-styles>{styles_auto}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {ns}>'
        f"<office:styles>{styles_auto}</office:styles>"
        '<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/></style:page-layout></office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">'
        + (f"<style:header>{header}</style:header>" if header else "")
        + "</style:master-page></office:master-styles></office:document-styles>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return zip_bytes(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.encode()),
            ("styles.xml", styles.encode()),
            ("META-INF/manifest.xml", manifest.encode()),
        ],
        stored_first=True,
    )


def letter_rtf(paper: Paper, *, stamp_in: str = "body") -> bytes:
    """RTF as old Word/WordPad write it: Unicode escapes, the stamp red and boxed at the top,
    in the header (`header`) or in the left cell of the header table (`cell`)."""
    r, g, b = INKS[paper.stamps[0][0].ink] if paper.stamps else (0, 0, 0)
    parts = [
        "{\\rtf1\\ansi\\ansicpg1258\\deff0{\\fonttbl{\\f0\\froman Times New Roman;}{\\f1\\fswiss Arial;}}",
        f"{{\\colortbl;\\red{r}\\green{g}\\blue{b};\\red0\\green0\\blue0;}}",
        "\\paperw11906\\paperh16838\\margl1700\\margr1134",
    ]
    stamp_run = ""
    for stamp, _ in paper.stamps:
        second = f"\\line {rtf_unicode(stamp.second)}" if stamp.second else ""
        strike = "\\strike" if stamp.struck else ""
        stamp_run += f"{{\\pard\\qc\\box\\brdrs\\brdrw20\\brdrcf1\\cf1\\b{strike}\\fs30 {rtf_unicode(stamp.words)}{second}\\par}}"
    if stamp_in == "header":
        parts.append(f"{{\\header {stamp_run}}}")
    left = "\\line ".join(rtf_unicode(x) for x in paper.head_left())
    right = "\\line ".join(rtf_unicode(x) for x in [*paper.head_right(), paper.place_date])
    cell_extra = (
        f"\\line {{\\cf1\\b\\fs28 {rtf_unicode(paper.stamps[0][0].words)}}}"
        if (stamp_in == "cell" and paper.stamps)
        else ""
    )
    if stamp_in == "body":
        parts.append(stamp_run)
    parts.append(
        "\\trowd\\cellx4500\\cellx9600"
        f"\\pard\\intbl\\qc {left}{cell_extra}\\cell\\pard\\intbl\\qc\\b {right}\\b0\\cell\\row\\pard"
    )
    parts.append(
        f"{{\\pard\\qc\\b\\fs28 {rtf_unicode(paper.title)}\\par}}{{\\pard\\qc\\b {rtf_unicode(paper.subject)}\\par}}"
    )
    for para in [*paper.paras, *paper.closing()]:
        parts.append(f"{{\\pard\\fi567\\sa120 {rtf_unicode(para)}\\par}}")
    parts.append(
        f"{{\\pard\\qr\\b {rtf_unicode(paper.signer_role)}\\line\\line {rtf_unicode(paper.signer)}\\par}}}}"
    )
    return "\n".join(parts).encode("ascii")


# --------------------------------------------------------------------------- PPTX, XLSX


def deck(
    slides: list[tuple[str, list[str]]],
    rng: random.Random,
    *,
    stamp: Stamp | None = None,
    stamp_on: str = "slide",  # slide (first slide), layout, master
    specimen_images: list[Stamp] | None = None,
) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    prs = Presentation()
    prs.core_properties.created = FIXED
    prs.core_properties.modified = FIXED
    prs.core_properties.author = "Phòng Tổng hợp"
    layout = prs.slide_layouts[1]
    made = []
    for title, bullets in slides:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = title
        body = slide.placeholders[1].text_frame
        body.text = bullets[0] if bullets else ""
        for line in bullets[1:]:
            body.add_paragraph().text = line
        made.append(slide)
    if specimen_images:
        slide = made[-1]
        for i, sp in enumerate(specimen_images):
            pic = stamp_png(sp, rng, 1.2)
            slide.shapes.add_picture(
                io.BytesIO(pic), Emu(600000 + i * 2700000), Emu(5200000), width=Emu(2400000)
            )
    if stamp is not None:
        host = made[0]
        box = host.shapes.add_textbox(
            Emu(rng.randint(6000000, 6900000)),
            Emu(rng.randint(80000, 250000)),
            Emu(2000000),
            Emu(450000),
        )
        box.line.color.rgb = RGBColor(*INKS[stamp.ink])
        box.line.width = Pt(2)
        tf = box.text_frame
        tf.text = stamp.words
        run = tf.paragraphs[0].runs[0]
        run.font.bold = True
        run.font.size = Pt(rng.choice([18, 20, 24]))
        run.font.color.rgb = RGBColor(*INKS[stamp.ink])
        if stamp_on != "slide":
            element = box._element
            host.shapes._spTree.remove(element)
            target = layout if stamp_on == "layout" else prs.slide_master
            target.shapes._spTree.append(element)
    out = io.BytesIO()
    prs.save(out)
    return settle(out.getvalue())


def workbook(
    sheets: list[tuple[str, list[list[Any]]]],
    *,
    stamp: Stamp | None = None,
    stamp_sheet: int = 0,
    stamp_in: str = "cell",  # cell (A1, red bold), header, footer
    red_cells: list[tuple[int, str]] | None = None,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    wb = Workbook()
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "Kế toán"
    first = True
    for index, (title, rows) in enumerate(sheets):
        ws = wb.active if first else wb.create_sheet()
        assert ws is not None
        first = False
        ws.title = title
        offset = 0
        if stamp is not None and index == stamp_sheet and stamp_in == "cell":
            ws["A1"] = stamp.words
            ws["A1"].font = Font(bold=True, color="FF" + hexcolor(INKS[stamp.ink]), size=14)
            side = Side(style="medium", color="FF" + hexcolor(INKS[stamp.ink]))
            ws["A1"].border = Border(left=side, right=side, top=side, bottom=side)
            offset = 2
        for r, row in enumerate(rows, start=1 + offset):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
        if stamp is not None and index == stamp_sheet and stamp_in in ("header", "footer"):
            hf = ws.oddHeader if stamp_in == "header" else ws.oddFooter
            hf.right.text = stamp.words
            hf.right.color = hexcolor(INKS[stamp.ink])
            hf.right.size = 14
        for sheet_index, label in red_cells or []:
            if sheet_index == index:
                ws.insert_rows(1)
                ws["A1"] = label
                ws["A1"].font = Font(bold=True, color="FFC00000", size=14)
    out = io.BytesIO()
    wb.save(out)
    return settle(out.getvalue())


# --------------------------------------------------------------------------- mail


def mail(
    rng: random.Random,
    *,
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str, str]],
    inline_html: str | None = None,
) -> bytes:
    """An e-mail with fixed headers and boundaries; attachments are (name, data, maintype,
    subtype)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = "Fri, 14 Mar 2025 08:30:00 +0700"
    msg["Message-ID"] = f"<{rng.randrange(10**12)}@kimthach.gov.vn>"
    msg.set_content(body)
    if inline_html:
        msg.add_alternative(inline_html, subtype="html")
    for name, data, maintype, subtype in attachments:
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_kt{n}_{rng.randrange(16**10):010x}")
    return msg.as_bytes()
