"""Renderers of held-out corpus 12 (tests/corpus/heldout12.py): one official paper (`Paper`)
drawn as a page picture, a PDF with a text layer, a Word file, a workbook, a web page, plain
text, a mail or a slide deck, and the pictures made of it (scans, phone photos, envelopes).

Written with the corpus by a helper who saw neither the scanner nor the earlier corpora's
renderers. Every random choice comes from the `Random` the caller passes in.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime
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

RED = (204, 28, 36)
DARK_RED = (150, 22, 30)
PURPLE_RED = (170, 30, 70)
COPY_BLACK = (45, 45, 48)
INKS = (RED, RED, DARK_RED, PURPLE_RED)
PAPERS = ((252, 251, 246), (255, 255, 255), (246, 243, 232), (240, 240, 236))
KRAFT = (198, 162, 112)
STAMP_FACES = (
    "LiberationSerif-Bold",
    "LiberationSans-Bold",
    "DejaVuSans-Bold",
    "DejaVuSerif-Bold",
    "LiberationSansNarrow-Bold",
    "DejaVuSansCondensed-Bold",
    "DejaVuSerifCondensed-Bold",
    "LiberationMono-Bold",
)
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PARTY_MOTTO = ("ĐẢNG CỘNG SẢN VIỆT NAM", "")
PAGE_W, PAGE_H = 1240, 1754  # A4 at 150 dpi
WHEN = dt.datetime(2027, 5, 18, 9, 40, tzinfo=dt.UTC)  # files made by the offices carry this date


def font(face: str, size: int) -> ImageFont.FreeTypeFont:
    """A TrueType face by file stem (bold when the stem says so)."""
    return ImageFont.truetype(str(font_path(face, bold="Bold" in face)), size)


def hex_of(colour: tuple[int, int, int]) -> str:
    return "{:02X}{:02X}{:02X}".format(*colour)


@dataclass
class Stamp:
    """A mark on the paper: its lines of text, ink, face, size in pixels at 150 dpi, frame
    (single, double, rounded, none, circle), tilt in degrees, wear (0..1), where it sits
    (under_number, top_right, top_centre, top_left, over_text, bottom, margin), and whether a
    line strikes it out (the old level of a changed or declassified paper)."""

    lines: tuple[str, ...]
    ink: tuple[int, int, int] = RED
    face: str = "LiberationSerif-Bold"
    size: int = 34
    frame: str = "single"
    tilt: float = 0.0
    wear: float = 0.0
    where: str = "under_number"
    struck: bool = False
    caption: str = ""  # a line printed under it in body ink (a specimen's label)


@dataclass
class Paper:
    """One official paper: the issuing body (parent, unit), its number and symbol, place and
    date, kind and title, paragraphs, signer (role, name), the marks on it and an optional
    annex that starts on a new page."""

    parent: str
    unit: str
    number: str
    place_date: str
    kind: str
    title: str
    body: list[str]
    signer: tuple[str, str]
    stamps: list[Stamp] = field(default_factory=list)
    annex: Paper | None = None
    motto: tuple[str, str] = MOTTO


# --- pictures -------------------------------------------------------------------------------


def speckle(size: tuple[int, int], wear: float, rng: Random) -> Image.Image:
    """A mask (L) where worn ink is dark: blotches from coarse noise scaled up."""
    w, h = max(2, size[0] // 6), max(2, size[1] // 6)
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).resize(size, Image.BILINEAR)
    cut = int(255 * (1 - wear * 0.55))
    return noise.point(lambda v: 255 if v < cut else 60)


def stamp_image(stamp: Stamp, rng: Random, scale: float = 1.0) -> Image.Image:
    """The mark as an RGBA picture (transparent around it), tilted and worn."""
    size = max(10, int(stamp.size * scale))
    face = font(stamp.face, size)
    widths = [face.getlength(line) for line in stamp.lines]
    line_h = int(size * 1.25)
    pad = int(size * 0.45)
    w = int(max(widths)) + 2 * pad
    h = line_h * len(stamp.lines) + 2 * pad - int(size * 0.2)
    if stamp.frame == "circle":
        w = h = max(w, h)
    mask = Image.new("L", (w + 8, h + 8), 0)
    draw = ImageDraw.Draw(mask)
    stroke = max(2, size // 11)
    box = (4, 4, w + 3, h + 3)
    if stamp.frame == "single":
        draw.rectangle(box, outline=255, width=stroke)
    elif stamp.frame == "double":
        draw.rectangle(box, outline=255, width=stroke)
        inner = stroke * 2 + 2
        draw.rectangle(
            (box[0] + inner, box[1] + inner, box[2] - inner, box[3] - inner),
            outline=255,
            width=max(1, stroke // 2),
        )
    elif stamp.frame == "rounded":
        draw.rounded_rectangle(box, radius=size // 2, outline=255, width=stroke)
    elif stamp.frame == "circle":
        draw.ellipse(box, outline=255, width=stroke)
    y = (h + 8 - line_h * len(stamp.lines)) // 2
    for line, width in zip(stamp.lines, widths, strict=True):
        x = (w + 8 - width) / 2
        draw.text((x, y), line, font=face, fill=255)
        if stamp.struck:
            mid = y + int(size * 0.6)
            draw.line((x - 6, mid, x + width + 6, mid), fill=255, width=stroke + 1)
        y += line_h
    if stamp.wear:
        mask = Image.composite(
            mask, Image.new("L", mask.size, 0), speckle(mask.size, stamp.wear, rng)
        )
    if stamp.tilt:
        mask = mask.rotate(stamp.tilt, expand=True, resample=Image.BICUBIC)
    out = Image.new("RGBA", mask.size, (*stamp.ink, 0))
    out.putalpha(mask.point(lambda v: int(v * 0.9)))
    return out


def stamp_height(stamp: Stamp) -> float:
    """About how tall a stamp stands, with a gap under it, in 150-dpi pixels."""
    return stamp.size * (1.3 * len(stamp.lines) + 1.0) + (stamp.size if stamp.caption else 0)


class PageDrawer:
    """Lays a paper out on page pictures, returning where the header's blocks ended so the
    marks can be put where offices put them."""

    def __init__(self, paper_colour: tuple[int, int, int], face: str, scale: float) -> None:
        self.scale = scale
        self.paper_colour = paper_colour
        self.body = font(face, int(25 * scale))
        self.bold = font(
            "LiberationSerif-Bold" if "Serif" in face else "DejaVuSans-Bold", int(25 * scale)
        )
        self.pages: list[Image.Image] = []

    def new_page(self) -> ImageDraw.ImageDraw:
        page = Image.new(
            "RGB", (int(PAGE_W * self.scale), int(PAGE_H * self.scale)), self.paper_colour
        )
        self.pages.append(page)
        return ImageDraw.Draw(page)

    def centred(
        self, draw: ImageDraw.ImageDraw, text: str, cx: float, y: float, bold: bool
    ) -> float:
        f = self.bold if bold else self.body
        draw.text((cx - f.getlength(text) / 2, y), text, font=f, fill=(20, 20, 24))
        return y + f.size * 1.35

    def draw(self, paper: Paper, rng: Random) -> list[Image.Image]:
        s = self.scale
        d = self.new_page()
        left_cx, right_cx = 300 * s, 860 * s
        y = 90 * s
        y = self.centred(d, paper.parent, left_cx, y, False)
        for line in wrap_words(paper.unit, self.bold, 500 * s):
            y = self.centred(d, line, left_cx, y, True)
        y = self.centred(d, paper.number, left_cx, y + 8 * s, False)
        number_bottom = y
        ry = 90 * s
        for line in paper.motto:
            if line:
                ry = self.centred(d, line, right_cx, ry, True)
        ry = self.centred(d, paper.place_date, right_cx, ry + 14 * s, False)
        under = sum(stamp_height(st) for st in paper.stamps if st.where == "under_number") * s
        y = max(y + under, ry) + 50 * s
        y = self.centred(d, paper.kind, PAGE_W * s / 2, y, True)
        for line in wrap_words(paper.title, self.bold, 900 * s):
            y = self.centred(d, line, PAGE_W * s / 2, y, True)
        y += 30 * s
        body_top = y
        for para in paper.body:
            for line in wrap_words(para, self.body, 1000 * s):
                d.text((130 * s, y), line, font=self.body, fill=(20, 20, 24))
                y += self.body.size * 1.4
            y += 8 * s
        y += 30 * s
        y = self.centred(d, paper.signer[0], right_cx, y, True)
        sign_y = y
        y = self.centred(d, paper.signer[1], right_cx, y + 90 * s, True)
        anchors = {
            "under_number": (left_cx, number_bottom + 10 * s),
            "top_right": (1020 * s, 12 * s),
            "top_centre": (PAGE_W * s / 2, 10 * s),
            "top_left": (200 * s, 10 * s),
            "over_text": (PAGE_W * s / 2, (body_top + sign_y) / 2 - 40 * s),
            "bottom": (PAGE_W * s / 2, PAGE_H * s - 220 * s),
            "margin": (1120 * s, 700 * s),
            "signature": (right_cx - 120 * s, sign_y - 10 * s),
        }
        page = self.pages[-1]
        for stamp in paper.stamps:
            self.put(page, stamp, anchors[stamp.where], rng)
            x, y = anchors[stamp.where]
            anchors[stamp.where] = (x, y + stamp_height(stamp) * s)
        if paper.annex is not None:
            self.draw(paper.annex, rng)
        return self.pages

    def put(
        self, page: Image.Image, stamp: Stamp, anchor: tuple[float, float], rng: Random
    ) -> None:
        mark = stamp_image(stamp, rng, self.scale)
        x = int(anchor[0] - mark.width / 2)
        x = min(max(4, x), page.width - mark.width - 4)
        page.paste(mark, (x, int(anchor[1])), mark)
        if stamp.caption:
            d = ImageDraw.Draw(page)
            cap_y = int(anchor[1]) + mark.height + 4
            d.text((x, cap_y), stamp.caption, font=self.body, fill=(30, 30, 30))


def paper_pages(
    paper: Paper,
    rng: Random,
    *,
    face: str = "LiberationSerif-Regular",
    scale: float = 1.0,
    colour: tuple[int, int, int] | None = None,
) -> list[Image.Image]:
    """The paper drawn as page pictures (a new page for the annex)."""
    return PageDrawer(colour or rng.choice(PAPERS), face, scale).draw(paper, rng)


def scanned(
    page: Image.Image,
    rng: Random,
    *,
    turn: int = 0,
    skew: float = 0.0,
    mode: str = "RGB",
    dpi_scale: float = 1.0,
    noise: int = 10,
) -> Image.Image:
    """A flatbed scan of a page: scaled, skewed, grain, optionally grey or bilevel (1-bit),
    turned by a multiple of 90 degrees (a page fed the wrong way)."""
    img = page
    if dpi_scale != 1.0:
        img = img.resize((int(img.width * dpi_scale), int(img.height * dpi_scale)), Image.LANCZOS)
    if skew:
        img = img.rotate(skew, expand=True, fillcolor=(235, 235, 232), resample=Image.BICUBIC)
    if noise:
        w, h = img.width // 3, img.height // 3
        grain = Image.frombytes("L", (w, h), rng.randbytes(w * h)).resize(img.size)
        grain_rgb = Image.merge("RGB", (grain, grain, grain))
        img = Image.blend(img, grain_rgb, noise / 255)
    if turn:
        img = img.rotate(turn, expand=True)
    if mode == "L":
        img = img.convert("L")
    elif mode == "1":
        img = img.convert("L").point(lambda v: 255 if v > 165 else 0).convert("1")
    elif mode == "copy":  # photocopied: grey, contrast up, the red ink comes out dark
        img = img.convert("L").point(lambda v: min(255, max(0, int((v - 60) * 1.5))))
    return img


def lit(img: Image.Image, rng: Random, *, shadow: bool) -> Image.Image:
    """Uneven room light over a picture: bright on one side, a soft hand shadow maybe."""
    w, h = img.size
    gx = Image.linear_gradient("L").rotate(rng.choice((0, 90, 180, 270))).resize((w, h))
    depth = rng.uniform(0.25, 0.5)
    light = gx.point(lambda v: 255 - int(v * depth))
    out = Image.composite(img, Image.new("RGB", (w, h), (0, 0, 0)), light)
    if shadow:
        mask = Image.new("L", (w, h), 0)
        sd = ImageDraw.Draw(mask)
        x0 = rng.randint(w // 2, w)
        sd.polygon([(x0, 0), (w, 0), (w, h), (x0 - rng.randint(50, 300), h)], fill=110)
        mask = mask.filter(ImageFilter.GaussianBlur(40))
        out = Image.composite(Image.new("RGB", (w, h), (20, 20, 25)), out, mask)
    return out


def photographed(
    page: Image.Image,
    rng: Random,
    *,
    quality: int = 78,
    shadow: bool = True,
    background: tuple[int, int, int] = (92, 70, 52),
) -> bytes:
    """A phone photo of a page or envelope lying on a table: perspective, the table around it,
    uneven light, a shadow maybe, slight blur, JPEG."""
    out_w = 1400
    out_h = int(out_w * page.height / page.width * 1.05)
    src = [(0, 0), (page.width, 0), (page.width, page.height), (0, page.height)]
    m = 0.06
    dst = [
        (out_w * rng.uniform(m, 2 * m), out_h * rng.uniform(m / 2, m)),
        (out_w * (1 - rng.uniform(m, 2 * m)), out_h * rng.uniform(m / 2, 1.5 * m)),
        (out_w * (1 - rng.uniform(0, m)), out_h * (1 - rng.uniform(m / 3, m))),
        (out_w * rng.uniform(0, m), out_h * (1 - rng.uniform(m / 3, m))),
    ]
    coeffs = perspective_coeffs(dst, src)
    table = Image.new("RGB", (out_w, out_h), background)
    warped = page.convert("RGB").transform(
        (out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=(0, 0, 0)
    )
    mask = Image.new("L", page.size, 255).transform(
        (out_w, out_h), Image.PERSPECTIVE, coeffs, Image.BILINEAR
    )
    table.paste(warped, (0, 0), mask)
    img = lit(table, rng, shadow=shadow).filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.1)))
    return jpeg(img, quality)


def envelope_image(
    rng: Random,
    *,
    mark: Stamp | None,
    colour: tuple[int, int, int],
    sender: str,
    to: str,
    number: str,
    extra: list[Stamp] | None = None,
) -> Image.Image:
    """An official envelope: sender top left, number under it, addressee in the middle, the
    circled mark (a letter, a figure or a seal) below the sender."""
    w, h = 1300, 720
    img = Image.new("RGB", (w, h), colour)
    d = ImageDraw.Draw(img)
    small = font("LiberationSans-Bold", 26)
    body = font("LiberationSerif-Regular", 30)
    d.text((50, 40), sender, font=small, fill=(25, 25, 25))
    d.text((50, 80), number, font=body, fill=(25, 25, 25))
    d.text((520, 380), "Kính gửi:", font=body, fill=(25, 25, 25))
    y = 420
    for line in wrap_words(to, font("LiberationSerif-Bold", 34), 700):
        d.text((560, y), line, font=font("LiberationSerif-Bold", 34), fill=(20, 20, 20))
        y += 46
    x, y = 90, 150
    for stamp in ([mark] if mark else []) + (extra or []):
        st = stamp_image(stamp, rng)
        img.paste(st, (x, y), st)
        x += st.width + 60
    return img


def scan_file(pages: list[Image.Image], kind: str, quality: int = 80) -> bytes:
    """Pictures of a scan saved as PNG, JPEG, image-only PDF or multipage TIFF."""
    if kind == "png":
        return png(pages[0])
    if kind == "jpeg":
        return jpeg(pages[0], quality)
    out = io.BytesIO()
    first, rest = pages[0], pages[1:]
    if kind == "tiff":
        first.save(
            out,
            "TIFF",
            save_all=True,
            append_images=rest,
            compression="tiff_deflate" if first.mode != "1" else "group4",
        )
    else:
        rgb = [p.convert("RGB") if p.mode not in ("L", "RGB") else p for p in pages]
        rgb[0].save(
            out,
            "PDF",
            save_all=True,
            append_images=rgb[1:],
            resolution=150,
            creationDate=WHEN.timetuple(),
            modDate=WHEN.timetuple(),
        )
    return out.getvalue()


# --- PDF with a text layer -----------------------------------------------------------------


def text_pdf(
    paper: Paper, rng: Random, *, stamp_as: str = "text", face: str = "DejaVuSerif"
) -> bytes:
    """A PDF as a word processor exports it: every line of text in the text layer; the marks
    either as framed red text (`text`) or as pictures of the stamp (`image`)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(WHEN)
    pdf.set_auto_page_break(False)
    regular = font_path(face, bold=False)
    bold = font_path(face + "-Bold", bold=True)
    pdf.add_font("body", "", str(regular))
    pdf.add_font("body", "B", str(bold))
    k = 210 / PAGE_W  # mm per 150-dpi pixel
    current: Paper | None = paper
    while current is not None:
        pdf.add_page()
        pdf.set_text_color(20, 20, 24)
        pdf.set_font("body", "", 11)
        pdf.set_xy(15, 14)
        pdf.cell(95, 6, current.parent, align="C")
        pdf.set_xy(15, 20)
        pdf.set_font("body", "B", 11)
        pdf.multi_cell(95, 5.5, current.unit, align="C")
        pdf.set_xy(15, pdf.get_y() + 1)
        pdf.set_font("body", "", 11)
        pdf.cell(95, 6, current.number, align="C")
        number_bottom = pdf.get_y() + 8
        pdf.set_font("body", "B", 11)
        for i, line in enumerate(current.motto):
            pdf.set_xy(105, 14 + 6 * i)
            pdf.cell(95, 6, line, align="C")
        pdf.set_font("body", "", 11)
        pdf.set_xy(105, 28)
        pdf.cell(95, 6, current.place_date, align="C")
        under = sum(stamp_height(st) * k for st in current.stamps if st.where == "under_number")
        pdf.set_xy(20, max(52, number_bottom + under + 4))
        pdf.set_font("body", "B", 13)
        pdf.cell(170, 7, current.kind, align="C")
        pdf.set_xy(25, pdf.get_y() + 8)
        pdf.multi_cell(160, 6.5, current.title, align="C")
        pdf.set_font("body", "", 12)
        pdf.set_xy(20, pdf.get_y() + 6)
        body_top = pdf.get_y()
        for para in current.body:
            pdf.set_x(20)
            pdf.multi_cell(170, 6.2, para)
            pdf.set_y(pdf.get_y() + 2)
        pdf.set_font("body", "B", 12)
        sign_y = pdf.get_y() + 8
        pdf.set_xy(105, sign_y)
        pdf.cell(95, 6, current.signer[0], align="C")
        pdf.set_xy(105, sign_y + 26)
        pdf.cell(95, 6, current.signer[1], align="C")
        anchors = {
            "under_number": (62.0, number_bottom),
            "top_right": (172.0, 4.0),
            "top_centre": (105.0, 4.0),
            "top_left": (35.0, 4.0),
            "over_text": (105.0, (body_top + sign_y) / 2),
            "bottom": (105.0, 255.0),
            "margin": (190.0, 120.0),
            "signature": (135.0, sign_y + 8),
        }
        for stamp in current.stamps:
            cx, top = anchors[stamp.where]
            anchors[stamp.where] = (cx, top + stamp_height(stamp) * k)
            if stamp_as == "image":
                mark = stamp_image(stamp, rng)
                w = mark.width * k
                pdf.image(io.BytesIO(png(mark)), x=cx - w / 2, y=top, w=w)
                continue
            pdf.set_text_color(*stamp.ink)
            pdf.set_draw_color(*stamp.ink)
            size_pt = stamp.size * k / 0.3528 * 0.95
            pdf.set_font("body", "B", size_pt)
            line_h = size_pt * 0.3528 * 1.35
            width = max(pdf.get_string_width(line) for line in stamp.lines) + 6
            height = line_h * len(stamp.lines) + 2
            with pdf.rotation(stamp.tilt, cx, top + height / 2):
                if stamp.frame != "none":
                    pdf.set_line_width(0.6)
                    pdf.rect(
                        cx - width / 2, top, width, height, round_corners=stamp.frame == "rounded"
                    )
                for i, line in enumerate(stamp.lines):
                    pdf.set_xy(cx - width / 2, top + 1 + i * line_h)
                    pdf.cell(width, line_h, line, align="C")
                    if stamp.struck:
                        pdf.line(
                            cx - width / 2 + 2,
                            top + 1 + (i + 0.5) * line_h,
                            cx + width / 2 - 2,
                            top + 1 + (i + 0.5) * line_h,
                        )
            if stamp.caption:
                pdf.set_text_color(20, 20, 24)
                pdf.set_font("body", "", 10)
                pdf.set_xy(cx - 40, top + height + 1)
                pdf.cell(80, 5, stamp.caption, align="C")
        current = current.annex
    return bytes(pdf.output())


# --- Word ----------------------------------------------------------------------------------


def word_doc(
    paper: Paper, rng: Random, *, marks_as: str = "frame", face: str = "Times New Roman"
) -> bytes:
    """A Word file: the header as a two-column borderless table (agency and number left, motto
    right), then title, body and signer. The marks: `frame` a bordered red paragraph under the
    table, `cell` inside the table under the number, `picture` a stamp picture, `header` or
    `footer` the page header or footer, `top` a right-aligned line above the table. The annex
    follows a page break."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Pt, RGBColor

    document = Document()
    document.core_properties.created = document.core_properties.modified = WHEN
    style = document.styles["Normal"]
    style.font.name = face
    style.font.size = Pt(13)

    def add_mark(paragraph: Any, stamp: Stamp) -> None:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(stamp.lines):
            run = paragraph.add_run(line)
            run.bold = True
            run.font.size = Pt(max(9, stamp.size * 0.42))
            run.font.color.rgb = RGBColor(*stamp.ink)
            run.font.strike = stamp.struck
            if i < len(stamp.lines) - 1:
                run.add_break()
        if stamp.frame != "none":
            paragraph_border(
                paragraph,
                hex_of(stamp.ink),
                size=14,
                style="double" if stamp.frame == "double" else "single",
            )

    current: Paper | None = paper
    first = True
    while current is not None:
        if not first:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        marks = [stamp for stamp in current.stamps if not stamp.caption]
        figures = [stamp for stamp in current.stamps if stamp.caption]
        if marks_as == "top":
            for stamp in marks:
                p = document.add_paragraph()
                add_mark(p, stamp)
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.paragraphs[0].add_run(current.parent)
        left.add_paragraph().add_run(current.unit).bold = True
        left.add_paragraph(current.number)
        for line in current.motto:
            right.add_paragraph().add_run(line).bold = True
        right.add_paragraph().add_run(current.place_date).italic = True
        for cell in (left, right):
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if marks_as == "cell":
            for stamp in marks:
                add_mark(left.add_paragraph(), stamp)
        elif marks_as == "frame":
            for stamp in marks:
                p = document.add_paragraph()
                add_mark(p, stamp)
                p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        elif marks_as == "picture":
            for stamp in marks:
                p = document.add_paragraph()
                mark = stamp_image(stamp, rng)
                p.add_run().add_picture(io.BytesIO(png(mark)), width=Pt(mark.width * 0.36))
        elif marks_as in ("header", "footer") and first:
            section = document.sections[0]
            part = section.header if marks_as == "header" else section.footer
            for stamp in marks:
                add_mark(part.add_paragraph(), stamp)
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(current.kind).bold = True
        p.add_run().add_break()
        p.add_run(current.title).bold = True
        for para in current.body:
            document.add_paragraph(para)
        for stamp in figures:  # a specimen: a figure in the text with its caption under it
            add_mark(document.add_paragraph(), stamp)
            document.add_paragraph().add_run(stamp.caption).italic = True
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run(current.signer[0]).bold = True
        p.add_run().add_break()
        p.add_run().add_break()
        p.add_run(current.signer[1]).bold = True
        current = current.annex
        first = False
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- workbooks, web pages, text, mail, slides ---------------------------------------------


def workbook(
    sheets: list[tuple[str, list[list[Any]]]],
    *,
    print_header: str = "",
    print_footer: str = "",
    title_cell: tuple[int, str] | None = None,
) -> bytes:
    """A workbook of named sheets (rows of cells); a level in the print header or footer of the
    first sheet, or a red bold framed cell on a given sheet (index, text) above its rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side

    book = Workbook()
    book.remove(book.active)
    for index, (name, rows) in enumerate(sheets):
        sheet = book.create_sheet(name)
        if title_cell and title_cell[0] == index:
            sheet.append([title_cell[1]])
            cell = sheet.cell(1, 1)
            cell.font = Font(bold=True, color=hex_of(RED), size=14)
            side = Side(style="medium", color=hex_of(RED))
            cell.border = Border(left=side, right=side, top=side, bottom=side)
        for row in rows:
            sheet.append(row)
        if index == 0:
            if print_header:
                sheet.oddHeader.right.text = print_header
                sheet.oddHeader.right.color = hex_of(RED)
            if print_footer:
                sheet.oddFooter.center.text = print_footer
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def html_page(paper: Paper, rng: Random, *, marks_as: str = "box") -> bytes:
    """A web page of the paper (a portal's copy or an exported document): marks as a framed
    red box, letters spaced out by CSS, the word cut across styled spans, or an embedded
    picture; each after the number, as offices put them."""
    marks = []
    for stamp in [st for st in paper.stamps if not st.caption]:
        style = f"color:#{hex_of(stamp.ink)};font-weight:bold;"
        deco = "text-decoration:line-through;" if stamp.struck else ""
        if marks_as == "image":
            data = base64.b64encode(png(stamp_image(stamp, rng))).decode()
            marks.append(f'<img class="dau" alt="" src="data:image/png;base64,{data}">')
            continue
        inner = []
        for line in stamp.lines:
            if marks_as == "split":
                cut = rng.randint(1, max(1, len(line) - 1))
                inner.append(
                    f'<span style="{deco}">{line[:cut]}</span><span class="x" style="{deco}">{line[cut:]}</span>'
                )
            else:
                inner.append(f'<span style="{deco}">{line}</span>')
        spacing = "letter-spacing:0.35em;" if marks_as == "spaced" else ""
        border = "" if stamp.frame == "none" else f"border:2px solid #{hex_of(stamp.ink)};"
        marks.append(
            f'<div class="dau" style="{style}{spacing}{border}display:inline-block;padding:4px 10px;">{"<br>".join(inner)}</div>'
        )
    body = "".join(f"<p>{p}</p>" for p in paper.body)
    for stamp in [st for st in paper.stamps if st.caption]:  # a specimen: a captioned figure
        data = base64.b64encode(png(stamp_image(stamp, rng))).decode()
        body += f'<figure><img alt="" src="data:image/png;base64,{data}"><figcaption>{stamp.caption}</figcaption></figure>'

    html = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{paper.title}</title>
<style>body{{font-family:'Times New Roman',serif;max-width:820px;margin:auto}}
.hd td{{text-align:center;vertical-align:top;width:50%}} .x{{font-style:normal}}</style></head>
<body><table class="hd"><tr><td>{paper.parent}<br><b>{paper.unit}</b><br>{paper.number}<br>{"<br>".join(marks)}</td>
<td><b>{paper.motto[0]}</b><br><b>{paper.motto[1]}</b><br><i>{paper.place_date}</i></td></tr></table>
<h2 style="text-align:center">{paper.kind}<br>{paper.title}</h2>{body}
<p style="text-align:right"><b>{paper.signer[0]}</b><br><br><b>{paper.signer[1]}</b></p></body></html>"""
    return html.encode("utf-8")


def plain_text(paper: Paper, *, marks_as: str = "box", encoding: str = "utf-8") -> bytes:
    """The paper as plain text: a mark boxed with line characters, in brackets, or spaced."""
    marks = []
    for stamp in paper.stamps:
        for line in stamp.lines:
            shown = f"{line} (đã gạch bỏ)" if stamp.struck else line
            if marks_as == "box":
                bar = "─" * (len(shown) + 4)
                marks += [f"┌{bar}┐", f"│  {shown}  │", f"└{bar}┘"]
            elif marks_as == "bracket":
                marks.append(f"[{shown}]")
            else:
                marks.append(" ".join(shown))
    lines = [
        paper.parent,
        paper.unit,
        paper.number,
        *marks,
        "",
        *paper.motto,
        paper.place_date,
        "",
        paper.kind,
        paper.title,
        "",
        *paper.body,
        "",
        *paper.signer,
    ]
    return "\r\n".join(lines).encode(encoding)


def mail(
    sender: str,
    to: str,
    subject: str,
    body: str,
    *,
    html: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
    when: tuple[int, int, int] = (2027, 5, 4),
) -> bytes:
    """A mail as an official mailbox exports it (.eml): text body, an HTML body maybe, and
    attachments (name, bytes, MIME type)."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(dt.datetime(*when, 8, 15, tzinfo=dt.UTC))
    msg.set_content(body)
    if html:
        msg.add_alternative(html, subtype="html")
    for name, data, mime in attachments or []:
        main, sub = mime.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return bytes(msg)


def slides(
    pages: list[tuple[str, list[str]]],
    rng: Random,
    *,
    mark: Stamp | None = None,
    on_slide: int = 0,
    as_picture: bool = False,
    caption: str = "",
) -> bytes:
    """A slide deck (title, bullet lines per slide); a mark on one slide as a red text box or a
    picture, top right, with an optional caption under it."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Emu, Pt

    deck = Presentation()
    deck.core_properties.created = deck.core_properties.modified = WHEN
    for index, (title, bullets) in enumerate(pages):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text = "\n".join(bullets)
        if mark is None or index != on_slide:
            continue
        left, top = Emu(deck.slide_width - Emu(2900000)), Emu(150000)
        if as_picture:
            slide.shapes.add_picture(
                io.BytesIO(png(stamp_image(mark, rng))), left, top, width=Emu(2300000)
            )
        else:
            box = slide.shapes.add_textbox(left, top, Emu(2600000), Emu(600000))
            box.line.color.rgb = RGBColor(*mark.ink)
            para = box.text_frame.paragraphs[0]
            run = para.add_run()
            run.text = "\n".join(mark.lines)
            run.font.bold = True
            run.font.size = Pt(24)
            run.font.color.rgb = RGBColor(*mark.ink)
        if caption:
            cap = slide.shapes.add_textbox(left, Emu(900000), Emu(2600000), Emu(400000))
            cap.text_frame.text = caption
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def tilt_between(rng: Random, low: float, high: float) -> float:
    """A tilt in degrees, either way round."""
    return rng.uniform(low, high) * rng.choice((-1, 1))
