"""Renderers of held-out corpus 9 (tests/corpus/heldout9.py): an administrative document drawn
as a page picture, written as Word, PDF, workbook, slides, web page, plain text or mail, with
its stamps placed the way the corpus asks; scanning, photographing and envelopes.

Written without reading the scanner or the earlier corpora's renderers; shared primitives come
from tests/corpus/common.py.
"""

from __future__ import annotations

import io
import math
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from tests.corpus.common import font_path, jpeg, perspective_coeffs, png, wrap_words

RED = (200, 24, 30)
BLACK = (20, 20, 24)
FIXED = datetime(2027, 3, 14, 8, 30, tzinfo=UTC)


@dataclass
class Stamp:
    """A mark stamped or typed near the number: its text, ink, a line through it (an old level
    struck out), a double frame, a small line under it (e.g. the decision that changed it)."""

    text: str
    colour: tuple[int, int, int] = RED
    struck: bool = False
    double: bool = False
    note: str = ""
    frame: bool = True


@dataclass
class Doc:
    """An administrative document: the agency's two header lines, number, place and date, the
    kind and its summary (trích yếu), body paragraphs, recipients and the signer."""

    agency: tuple[str, str]
    number: str
    place_date: str
    kind: str
    title: str
    body: list[str]
    recipients: list[str]
    signer: tuple[str, str]
    party: bool = False
    annex: list[str] = field(default_factory=list)  # a second page (Phụ lục) when not empty
    # specimen stamps shown in the body of training material: (caption, stamp)
    specimens: list[tuple[str, Stamp]] = field(default_factory=list)


def hexc(colour: tuple[int, int, int]) -> str:
    return "{:02X}{:02X}{:02X}".format(*colour)


_FONTS: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    key = (name, size)
    if key not in _FONTS:
        _FONTS[key] = ImageFont.truetype(str(font_path(name, bold="Bold" in name)), size)
    return _FONTS[key]


SERIF = "LiberationSerif-Regular"
SERIF_B = "LiberationSerif-Bold"
SERIF_I = "LiberationSerif-Italic"


def national_lines(doc: Doc) -> tuple[str, str]:
    if doc.party:
        return "ĐẢNG CỘNG SẢN VIỆT NAM", ""
    return "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"


# --- pictures ---------------------------------------------------------------------------------


def stamp_image(
    stamp: Stamp, px: int, rng: random.Random, *, rough: bool = False, angle: float = 0.0
) -> Image.Image:
    """The stamp alone on a transparent ground, its letters `px` pixels high."""
    f = font(SERIF_B, px)
    small = font(SERIF_I, max(8, px // 2))
    w = int(f.getlength(stamp.text)) + px
    h = int(px * 1.6)
    nh = int(px * 0.8) if stamp.note else 0
    nw = int(small.getlength(stamp.note)) + px // 2 if stamp.note else 0
    width, height = max(w, nw) + 8, h + nh + 8
    img = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    ink = (*stamp.colour, 235)
    x0 = (width - w) // 2
    lw = max(2, px // 9)
    if stamp.frame:
        d.rectangle((x0, 3, x0 + w, 3 + h), outline=ink, width=lw)
        if stamp.double:
            g = lw * 2
            d.rectangle((x0 + g, 3 + g, x0 + w - g, 3 + h - g), outline=ink, width=max(1, lw // 2))
    d.text((x0 + w / 2, 3 + h / 2), stamp.text, font=f, fill=ink, anchor="mm")
    if stamp.struck:
        y = 3 + h // 2
        d.line((x0 - 4, y + 2, x0 + w + 4, y - 2), fill=ink, width=lw)
    if stamp.note:
        d.text((width / 2, h + 6 + nh / 2), stamp.note, font=small, fill=ink, anchor="mm")
    if rough:
        # uneven ink: small bare patches, as a worn rubber stamp leaves
        alpha = img.getchannel("A")
        mask = Image.frombytes(
            "L",
            (width // 3 + 1, height // 3 + 1),
            rng.randbytes((width // 3 + 1) * (height // 3 + 1)),
        )
        mask = mask.resize((width, height)).point(lambda v: 0 if v < 40 else 255)
        img.putalpha(ImageChops.multiply(alpha, mask))
    if angle:
        img = img.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    return img


def _text_block(
    d: ImageDraw.ImageDraw, lines: list[tuple[str, str]], cx: float, y: float, px: int
) -> float:
    for text, style in lines:
        if text:
            d.text((cx, y), text, font=font(style, px), fill=BLACK, anchor="mt")
        y += px * 1.35
    return y


def page_images(
    doc: Doc,
    stamps: list[Stamp],
    rng: random.Random,
    *,
    dpi: int = 150,
    where: str = "under_number",
    paper: tuple[int, int, int] = (252, 252, 250),
    rough: bool = True,
) -> list[Image.Image]:
    """The document printed and stamped: one A4 page (two when it has an annex); the stamps
    under the number, at the top right, at the foot of the page or on the annex page."""
    width, height = int(8.27 * dpi), int(11.69 * dpi)
    px = int(dpi * 13 / 72)
    pages = []
    page = Image.new("RGB", (width, height), paper)
    d = ImageDraw.Draw(page)
    left, right = int(1.1 * dpi), int(0.75 * dpi)
    lc, rc = left + int(1.45 * dpi), width - right - int(2.0 * dpi)
    top = int(0.8 * dpi)
    a1, a2 = doc.agency
    y_left = _text_block(d, [(a1, SERIF), (a2, SERIF_B)], lc, top, px)
    d.line((lc - dpi * 0.5, y_left, lc + dpi * 0.5, y_left), fill=BLACK, width=1)
    y_left = _text_block(d, [(doc.number, SERIF)], lc, y_left + px * 0.5, px)
    n1, n2 = national_lines(doc)
    y_right = _text_block(d, [(n1, SERIF_B), (n2, SERIF_B)], rc, top, px)
    d.line((rc - dpi * 0.9, y_right, rc + dpi * 0.9, y_right), fill=BLACK, width=1)
    y_right = _text_block(d, [(doc.place_date, SERIF_I)], rc, y_right + px * 0.6, px)
    stamp_px = int(px * 1.1)

    def put(img: Image.Image, stamp_list: list[Stamp], x: float, y: float, centred: bool) -> float:
        for s in stamp_list:
            pic = stamp_image(s, stamp_px, rng, rough=rough, angle=rng.uniform(-2.5, 2.5))
            px0 = int(x - pic.width / 2) if centred else int(x)
            img.paste(pic, (px0, int(y)), pic)
            y += pic.height + 4
        return y

    if where == "under_number" and stamps:
        y_left = put(page, stamps, lc, y_left + px * 0.3, True)
    elif where == "top_right" and stamps:
        put(page, stamps, width - right - dpi * 1.6, top * 0.25, False)
    y = max(y_left, y_right) + px * 1.2
    cx = width / 2
    y = _text_block(d, [(doc.kind, SERIF_B)], cx, y, int(px * 1.1))
    for line in wrap_words(doc.title, font(SERIF_B, px), width - left - right - dpi):
        y = _text_block(d, [(line, SERIF_B)], cx, y, px)
    d.line((cx - dpi * 0.7, y + 2, cx + dpi * 0.7, y + 2), fill=BLACK, width=1)
    y += px
    body_font = font(SERIF, px)
    for para in doc.body:
        for i, line in enumerate(wrap_words(para, body_font, width - left - right - dpi * 0.4)):
            d.text((left + (dpi * 0.4 if i == 0 else 0), y), line, font=body_font, fill=BLACK)
            y += px * 1.4
        y += px * 0.3
    for caption, spec in doc.specimens:
        d.text((left + dpi * 0.4, y + px * 0.3), caption, font=body_font, fill=BLACK)
        pic = stamp_image(spec, px, rng, rough=False)
        page.paste(pic, (int(left + dpi * 3.2), int(y)), pic)
        y += max(pic.height, px * 1.4) + px * 0.4
    y += px * 0.5
    yr = _text_block(d, [(doc.signer[0], SERIF_B)], rc, y, px)
    d.text((rc, yr + px * 3.5), doc.signer[1], font=font(SERIF_B, px), fill=BLACK, anchor="mt")
    small = font(SERIF, int(px * 0.85))
    d.text(
        (left, y), "Nơi nhận:", font=font("LiberationSerif-BoldItalic", int(px * 0.9)), fill=BLACK
    )
    for r in doc.recipients:
        y += px * 1.15
        d.text((left, y), f"- {r};", font=small, fill=BLACK)
    if where == "footer" and stamps:
        put(page, stamps, width / 2, height - dpi * 1.1, True)
    pages.append(page)
    if doc.annex:
        annex = Image.new("RGB", (width, height), paper)
        d2 = ImageDraw.Draw(annex)
        y2 = top
        if where == "annex" and stamps:
            y2 = put(annex, stamps, left, top, False) + px * 0.6
        y2 = _text_block(d2, [("PHỤ LỤC", SERIF_B)], width / 2, y2, px)
        for para in doc.annex:
            for line in wrap_words(para, body_font, width - left - right):
                d2.text((left, y2), line, font=body_font, fill=BLACK)
                y2 += px * 1.4
            y2 += px * 0.3
        pages.append(annex)
    return pages


def noise_layer(size: tuple[int, int], rng: random.Random, grain: int) -> Image.Image:
    """Grey grain from the corpus's own generator (coarse, scaled up: cheap and repeatable)."""
    w, h = max(1, size[0] // grain), max(1, size[1] // grain)
    return Image.frombytes("L", (w, h), rng.randbytes(w * h)).resize(
        size, Image.Resampling.BILINEAR
    )


def scanned(
    page: Image.Image,
    rng: random.Random,
    *,
    turn: int = 0,
    skew: float = 0.0,
    noise: float = 0.0,
    contrast: float = 1.0,
    cast: tuple[int, int, int] | None = None,
    mode: str = "RGB",
    scale: float = 1.0,
) -> Image.Image:
    """A page through a scanner: resampled, skewed on the glass, turned by a multiple of 90°,
    with grain, weak contrast, a colour cast, grey or bilevel."""
    img = page
    if scale != 1.0:
        img = img.resize(
            (int(img.width * scale), int(img.height * scale)), Image.Resampling.LANCZOS
        )
    if skew:
        img = img.rotate(
            skew, expand=True, fillcolor=(235, 235, 232), resample=Image.Resampling.BICUBIC
        )
    if noise:
        grain = noise_layer(img.size, rng, 2).convert("RGB")
        img = Image.blend(img, grain, noise)
    if contrast != 1.0:
        img = ImageEnhance.Contrast(img).enhance(contrast)
        img = ImageEnhance.Brightness(img).enhance(1.0 + (1.0 - contrast) * 0.4)
    if cast:
        img = Image.blend(img, Image.new("RGB", img.size, cast), 0.18)
    if turn:
        img = img.rotate(turn, expand=True)
    if mode == "L":
        img = img.convert("L")
    elif mode == "1":
        img = (
            img.convert("L")
            .point(lambda v: 255 if v > 150 else 0)
            .convert("1", dither=Image.Dither.NONE)
        )
    return img


def photographed(
    page: Image.Image, rng: random.Random, *, shadow: bool = True, out: int = 1400
) -> Image.Image:
    """A phone photo of the page on a desk: a perspective, a background, a shadow, soft focus."""
    scale = out / max(page.size)
    src = page.resize((int(page.width * scale * 0.8), int(page.height * scale * 0.8)))
    w, h = (int(out * 0.75), out) if page.height >= page.width else (out, int(out * 0.75))
    bg = rng.choice([(120, 92, 64), (70, 74, 80), (160, 150, 135), (40, 52, 60)])
    canvas = Image.new("RGB", (w, h), bg)
    sw, sh = src.size
    j = [rng.uniform(0.02, 0.09) for _ in range(8)]
    dst = [
        (w * (0.06 + j[0]), h * (0.05 + j[1])),
        (w * (0.94 - j[2]), h * (0.04 + j[3])),
        (w * (0.97 - j[4] / 2), h * (0.96 - j[5])),
        (w * (0.03 + j[6] / 2), h * (0.95 - j[7])),
    ]
    coeffs = perspective_coeffs(dst, [(0, 0), (sw, 0), (sw, sh), (0, sh)])
    warped = src.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC)
    mask = Image.new("L", src.size, 255).transform((w, h), Image.Transform.PERSPECTIVE, coeffs)
    canvas.paste(warped, (0, 0), mask)
    if shadow:
        grad = Image.linear_gradient("L").resize((w, h))
        if rng.random() < 0.5:
            grad = grad.rotate(90, expand=False)
        dark = Image.new("RGB", (w, h), (0, 0, 0))
        canvas = Image.composite(dark, canvas, grad.point(lambda v: int(v * 0.45)))
    warm = Image.new("RGB", (w, h), rng.choice([(255, 220, 170), (200, 215, 255), (255, 245, 225)]))
    canvas = Image.blend(canvas, warm, 0.1)
    return canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.1)))


def envelope_image(
    rng: random.Random,
    *,
    sender: tuple[str, str],
    to: list[str],
    number: str,
    mark: str,
    style: str,
    paper: tuple[int, int, int],
    extra: list[str] | None = None,
    px: int = 30,
) -> Image.Image:
    """A DL envelope's front: the sender at the top left, the number, a circled `mark` (a level
    letter or another sign) printed, stamped in red or drawn by hand, the addressee."""
    w, h = 1320, 660
    img = Image.new("RGB", (w, h), paper)
    d = ImageDraw.Draw(img)
    d.text((60, 50), sender[0], font=font(SERIF, px), fill=BLACK)
    d.text((60, 50 + px * 1.3), sender[1], font=font(SERIF_B, px), fill=BLACK)
    d.text((60, 50 + px * 2.8), number, font=font(SERIF, px), fill=BLACK)
    if mark:
        cx, cy, r = 150 + rng.randint(-10, 10), 310 + rng.randint(-10, 10), 52
        if style == "printed":
            d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=BLACK, width=5)
            d.text((cx, cy), mark, font=font(SERIF_B, 70), fill=BLACK, anchor="mm")
        elif style == "stamped":
            layer = Image.new("RGBA", (2 * r + 20, 2 * r + 20), (0, 0, 0, 0))
            ld = ImageDraw.Draw(layer)
            ld.ellipse((10, 10, 2 * r + 10, 2 * r + 10), outline=(*RED, 220), width=7)
            ld.text((r + 10, r + 10), mark, font=font(SERIF_B, 72), fill=(*RED, 220), anchor="mm")
            layer = layer.rotate(rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC)
            img.paste(layer, (cx - r - 10, cy - r - 10), layer)
        else:  # drawn by hand with a ballpoint: a wobbly loop and a slanted letter
            pen = rng.choice([(30, 40, 140), (20, 20, 20), (170, 20, 30)])
            pts = []
            for k in range(46):
                t = 2 * math.pi * k / 42
                rr = r * (1 + 0.08 * math.sin(3 * t + rng.random()))
                pts.append((cx + rr * math.cos(t) * 1.1, cy + rr * math.sin(t)))
            d.line(pts, fill=pen, width=4, joint="curve")
            glyph = Image.new("RGBA", (120, 120), (0, 0, 0, 0))
            ImageDraw.Draw(glyph).text(
                (60, 60),
                mark,
                font=font("LiberationSans-Regular", 74),
                fill=(*pen, 255),
                anchor="mm",
            )
            glyph = glyph.transform(
                glyph.size,
                Image.Transform.AFFINE,
                (1, 0.25, -15, 0, 1, 0),
                Image.Resampling.BICUBIC,
            )
            img.paste(glyph, (cx - 60, cy - 60), glyph)
    y = 300
    for i, line in enumerate(to):
        d.text(
            (560, y + i * px * 1.5), line, font=font(SERIF_B if i == 0 else SERIF, px), fill=BLACK
        )
    for i, line in enumerate(extra or []):
        d.text((60, h - 110 + i * px * 1.3), line, font=font(SERIF_B, int(px * 0.9)), fill=RED)
    return img


def image_bytes(img: Image.Image, kind: str, *, quality: int = 80, dpi: int = 150) -> bytes:
    """The picture as a file: png, jpg, tif (G4 when bilevel, else LZW), or an image-only pdf."""
    out = io.BytesIO()
    if kind == "png":
        return png(img)
    if kind == "jpg":
        return jpeg(img, quality)
    if kind == "tif":
        img.save(
            out, "TIFF", compression="group4" if img.mode == "1" else "tiff_lzw", dpi=(dpi, dpi)
        )
        return out.getvalue()
    if kind == "pdf":
        rgb = img if img.mode in ("1", "L") else img.convert("RGB")
        rgb.save(
            out, "PDF", resolution=dpi, creationDate=FIXED.timetuple(), modDate=FIXED.timetuple()
        )
        return out.getvalue()
    raise ValueError(kind)


def pages_file(pages: list[Image.Image], kind: str, dpi: int) -> bytes:
    """Several scanned pages in one multipage TIFF or PDF."""
    out = io.BytesIO()
    first, rest = pages[0], pages[1:]
    if kind == "tif":
        comp = "group4" if first.mode == "1" else "tiff_lzw"
        first.save(out, "TIFF", save_all=True, append_images=rest, compression=comp, dpi=(dpi, dpi))
    else:
        first.save(
            out,
            "PDF",
            save_all=True,
            append_images=rest,
            resolution=dpi,
            creationDate=FIXED.timetuple(),
            modDate=FIXED.timetuple(),
        )
    return out.getvalue()


def redated(package: bytes) -> bytes:
    """An Office package (a ZIP) with every entry dated FIXED: the libraries date entries with
    the clock, so two builds would differ in bytes that hold nothing the scanner reads."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps "modified" at saving
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2027-03-14T08:30:00Z\g<2>",
                    data,
                )
            dst.writestr(entry, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------------


def _fixed_props(props: object) -> None:
    props.created = FIXED.replace(tzinfo=None)  # type: ignore[attr-defined]
    props.modified = FIXED.replace(tzinfo=None)  # type: ignore[attr-defined]
    props.author = "Văn thư"  # type: ignore[attr-defined]


def _no_borders(table: object) -> None:
    from docx.oxml import parse_xml

    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    tbl_pr.append(
        parse_xml(
            '<w:tblBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + "".join(
                f'<w:{s} w:val="nil"/>'
                for s in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    )


def _cell_border(cell: object, colour: str, size: int = 14) -> None:
    from docx.oxml import parse_xml

    tc_pr = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    tc_pr.append(
        parse_xml(
            '<w:tcBorders xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + "".join(
                f'<w:{s} w:val="single" w:sz="{size}" w:space="0" w:color="{colour}"/>'
                for s in ("top", "left", "bottom", "right")
            )
            + "</w:tcBorders>"
        )
    )


def _run(
    paragraph: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = 13,
    colour: tuple[int, int, int] | None = None,
    strike: bool = False,
) -> object:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    run.font.name = "Times New Roman"
    run.font.strike = strike
    if colour:
        run.font.color.rgb = RGBColor(*colour)
    return run


def _centre(paragraph: object) -> object:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER  # type: ignore[attr-defined]
    paragraph.paragraph_format.space_after = 0  # type: ignore[attr-defined]
    return paragraph


TEXTBOX = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    '<w:pict><v:shape id="tb{n}" o:spid="_x0000_s10{n}" type="#_x0000_t202" '
    'style="position:absolute;margin-left:{left}pt;margin-top:{top}pt;width:{w}pt;height:{h}pt;z-index:3;'
    'mso-wrap-style:square" '
    'stroked="t" strokecolor="#{c}" strokeweight="1.5pt"><v:textbox><w:txbxContent>{paras}</w:txbxContent>'
    "</v:textbox></v:shape></w:pict></w:r>"
)
TB_PARA = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="Times New Roman" '
    'w:hAnsi="Times New Roman"/><w:b/>{strike}<w:color w:val="{c}"/><w:sz w:val="28"/></w:rPr>'
    '<w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
)


TB_NOTE = (
    '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:i/><w:color w:val="{c}"/>'
    '<w:sz w:val="16"/></w:rPr><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
)


def _textbox_run(stamps: list[Stamp], n: int, left: int, top: int) -> object:
    from xml.sax.saxutils import escape

    from docx.oxml import parse_xml

    paras = "".join(
        TB_PARA.format(c=hexc(s.colour), t=escape(s.text), strike="<w:strike/>" if s.struck else "")
        + (TB_NOTE.format(c=hexc(s.colour), t=escape(s.note)) if s.note else "")
        for s in stamps
    )
    height = 24 * len(stamps) + 12 * sum(1 for s in stamps if s.note) + 6
    width = max(max(len(s.text) * 11, len(s.note) * 4) for s in stamps) + 24
    return parse_xml(
        TEXTBOX.format(
            n=n, left=left, top=top, w=width, h=height, c=hexc(stamps[0].colour), paras=paras
        )
    )


def word_doc(
    doc: Doc, stamps: list[Stamp], rng: random.Random, *, where: str, cover: Doc | None = None
) -> bytes:
    """The document in Word: the header as a borderless two-column table; the stamps typed in
    a framed cell under the number, a text box, a pasted picture (upright or slanted like
    WordArt), the page header or footer, or under the number of a second section that follows
    a cover letter."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.shared import Cm, Pt

    d = Document()
    _fixed_props(d.core_properties)
    sec = d.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3), Cm(2)

    def header_table(x: Doc, marks: list[Stamp], mode: str) -> None:
        t = d.add_table(rows=1, cols=2)
        _no_borders(t)
        t.autofit = False
        left, right = t.rows[0].cells
        left.width, right.width = Cm(6.8), Cm(9.2)
        t.columns[0].width, t.columns[1].width = Cm(6.8), Cm(9.2)
        p = left.paragraphs[0]
        _centre(p)
        _run(p, x.agency[0])
        _centre(left.add_paragraph())
        _run(left.paragraphs[1], x.agency[1], bold=True)
        _run(_centre(left.add_paragraph()), x.number)
        if marks and mode == "cell":
            inner = left.add_table(rows=1, cols=1)
            cell = inner.rows[0].cells[0]
            _cell_border(cell, hexc(marks[0].colour))
            for i, s in enumerate(marks):
                para = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
                _run(_centre(para), s.text, bold=True, size=14, colour=s.colour, strike=s.struck)
                if s.note:
                    _run(
                        _centre(cell.add_paragraph()), s.note, italic=True, size=9, colour=s.colour
                    )
            left.add_paragraph()
        if marks and mode in ("picture", "wordart"):
            for s in marks:
                pic = stamp_image(
                    s,
                    60,
                    rng,
                    rough=mode == "wordart",
                    angle=rng.uniform(6, 12) if mode == "wordart" else 0,
                )
                _centre(left.add_paragraph()).add_run().add_picture(
                    io.BytesIO(png(pic)), width=Cm(pic.width / 60 * 0.55)
                )
        if marks and mode == "textbox":
            p = _centre(left.add_paragraph())
            p._p.append(_textbox_run(marks, rng.randint(1, 99), 20, 4))
        n1, n2 = national_lines(x)
        _run(_centre(right.paragraphs[0]), n1, bold=True, size=12)
        if n2:
            _run(_centre(right.add_paragraph()), n2, bold=True)
        _run(_centre(right.add_paragraph()), x.place_date, italic=True)

    def body(x: Doc) -> None:
        d.add_paragraph()
        _run(_centre(d.add_paragraph()), x.kind, bold=True, size=14)
        _run(_centre(d.add_paragraph()), x.title, bold=True)
        for para in x.body:
            p = d.add_paragraph()
            p.paragraph_format.first_line_indent = Cm(1)
            _run(p, para)
        if x.specimens:
            st = d.add_table(rows=len(x.specimens), cols=2)
            st.style = "Table Grid"
            for (caption, spec), row in zip(x.specimens, st.rows, strict=True):
                _run(row.cells[0].paragraphs[0], caption)
                _run(
                    _centre(row.cells[1].paragraphs[0]),
                    f" {spec.text} ",
                    bold=True,
                    colour=spec.colour,
                )
                from tests.corpus.common import paragraph_border as _pb

                _pb(row.cells[1].paragraphs[0], hexc(spec.colour))
        t = d.add_table(rows=1, cols=2)
        _no_borders(t)
        lc, rc = t.rows[0].cells
        _run(lc.paragraphs[0], "Nơi nhận:", bold=True, italic=True, size=12)
        for r in x.recipients:
            _run(lc.add_paragraph(), f"- {r};", size=11)
        _run(_centre(rc.paragraphs[0]), x.signer[0], bold=True)
        for _ in range(3):
            rc.add_paragraph()
        _run(_centre(rc.add_paragraph()), x.signer[1], bold=True)
        if x.annex:
            d.add_page_break()
            if where == "annex" and stamps:
                p = d.add_paragraph()
                for s in stamps:
                    _run(p, f" {s.text} ", bold=True, size=14, colour=s.colour, strike=s.struck)
                from tests.corpus.common import paragraph_border

                paragraph_border(p, hexc(stamps[0].colour))
            _run(_centre(d.add_paragraph()), "PHỤ LỤC", bold=True)
            for para in x.annex:
                _run(d.add_paragraph(), para)

    in_table = where if where in ("cell", "picture", "wordart", "textbox") else ""
    if cover is not None:  # a cover letter, then the document itself in a new section
        header_table(cover, [], "")
        body(cover)
        d.add_section(WD_SECTION.NEW_PAGE)
        header_table(doc, stamps, "cell")
    else:
        header_table(doc, stamps, in_table)
    body(doc)
    if where in ("header", "footer") and stamps:
        part = sec.header if where == "header" else sec.footer
        if where == "header":
            sec.different_first_page_header_footer = True
            part = sec.first_page_header
        p = part.paragraphs[0]
        for s in stamps:
            _run(p, s.text, bold=True, size=14, colour=s.colour, strike=s.struck)
            _run(p, "   ")
        from tests.corpus.common import paragraph_border

        paragraph_border(p, hexc(stamps[0].colour), size=10)
        p.paragraph_format.space_after = Pt(6)
    out = io.BytesIO()
    d.save(out)
    return redated(out.getvalue())


def soffice_convert(files: dict[str, bytes], target: str) -> dict[str, bytes]:
    """Many files converted at once by LibreOffice headless (e.g. docx → doc); stem → bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src = root / "in"
        src.mkdir()
        for stem, data in files.items():
            (src / f"{stem}.docx").write_bytes(data)
        profile = (root / "profile").as_uri()
        subprocess.run(
            [
                shutil.which("soffice") or shutil.which("libreoffice") or "soffice",
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(root / "out"),
                *sorted(str(p) for p in src.iterdir()),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return {stem: (root / "out" / f"{stem}.{target}").read_bytes() for stem in files}


# --- PDF ----------------------------------------------------------------------------------------


def text_pdf(doc: Doc, stamps: list[Stamp], rng: random.Random, *, where: str) -> bytes:
    """The document as a text PDF (as Word's "save as PDF" makes it): the stamps as framed
    text under the number, condensed, spaced out, turned, as a picture, or on the annex page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED)
    pdf.set_producer("Microsoft® Word for Microsoft 365")
    for style, name in (("", "Regular"), ("B", "Bold"), ("I", "Italic")):
        pdf.add_font("serif", style, str(font_path(f"LiberationSerif-{name}", bold=style == "B")))
    pdf.set_auto_page_break(True, 20)
    pdf.add_page()
    lx, lw, rx, rw = 22, 70, 95, 100

    def line(x: float, y: float, w: float, text: str, style: str = "", size: float = 12) -> None:
        pdf.set_font("serif", style, size)
        pdf.set_xy(x, y)
        pdf.cell(w, 6, text, align="C")

    line(lx, 15, lw, doc.agency[0])
    line(lx, 21, lw, doc.agency[1], "B")
    pdf.line(lx + 25, 28, lx + 45, 28)
    line(lx, 30, lw, doc.number)
    n1, n2 = national_lines(doc)
    line(rx, 15, rw, n1, "B")
    line(rx, 21, rw, n2, "B")
    line(rx, 30, rw, doc.place_date, "I")
    y = 39.0

    def framed(x: float, yy: float, s: Stamp, spacing: float = 0, stretch: float = 100) -> float:
        pdf.set_font("serif", "B", 14)
        pdf.set_char_spacing(spacing)
        pdf.set_stretching(stretch)
        w = pdf.get_string_width(s.text) + 8
        pdf.set_draw_color(*s.colour)
        pdf.set_text_color(*s.colour)
        pdf.set_line_width(0.6)
        if s.frame:
            pdf.rect(x - w / 2, yy, w, 9)
        pdf.set_xy(x - w / 2, yy + 1.5)
        pdf.cell(w, 6, s.text, align="C")
        if s.struck:
            pdf.line(x - w / 2 - 1, yy + 4.8, x + w / 2 + 1, yy + 4.2)
        pdf.set_char_spacing(0)
        pdf.set_stretching(100)
        if s.note:
            pdf.set_font("serif", "I", 8)
            pdf.set_xy(x - 40, yy + 9.5)
            pdf.cell(80, 4, s.note, align="C")
            yy += 4
        pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)
        return yy + 11

    cx = lx + lw / 2
    if where in ("text", "spaced", "condensed"):
        for s in stamps:
            y = framed(
                cx,
                y,
                s,
                spacing=2.2 if where == "spaced" else 0,
                stretch=78 if where == "condensed" else 100,
            )
    elif where == "turned":
        with pdf.rotation(rng.choice([8, -7, 90]), x=cx, y=y + 5):
            yy = y
            for s in stamps:
                yy = framed(cx, yy, s)
        y = yy + 8
    elif where == "picture":
        for s in stamps:
            pic = stamp_image(s, 64, rng, rough=True, angle=rng.uniform(-4, 4))
            wmm = pic.width / 64 * 5.5
            pdf.image(io.BytesIO(png(pic)), x=cx - wmm / 2, y=y, w=wmm)
            y += pic.height / 64 * 5.5 + 2
    pdf.set_y(max(y, 45) + 3)
    pdf.set_font("serif", "B", 14)
    pdf.multi_cell(0, 7, doc.kind, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("serif", "B", 12)
    pdf.multi_cell(0, 6, doc.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("serif", "", 12)
    for para in doc.body:
        pdf.multi_cell(0, 6, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    for caption, spec in doc.specimens:
        y0 = pdf.get_y() + 2
        pdf.set_font("serif", "", 12)
        pdf.set_xy(30, y0 + 1.5)
        pdf.cell(80, 6, caption)
        framed(140, y0, spec)
        pdf.set_font("serif", "", 12)
        pdf.set_y(y0 + 13)
    pdf.ln(4)
    yy = pdf.get_y()
    pdf.set_font("serif", "B", 12)
    pdf.set_xy(rx, yy)
    pdf.cell(rw, 6, doc.signer[0], align="C")
    pdf.set_xy(rx, yy + 24)
    pdf.cell(rw, 6, doc.signer[1], align="C")
    pdf.set_xy(lx, yy)
    pdf.set_font("serif", "I", 11)
    pdf.cell(60, 6, "Nơi nhận:")
    pdf.set_font("serif", "", 10)
    for i, r in enumerate(doc.recipients):
        pdf.set_xy(lx, yy + 6 + i * 5)
        pdf.cell(70, 5, f"- {r};")
    if doc.annex:
        pdf.add_page()
        y = 15.0
        if where == "annex":
            for s in stamps:
                y = framed(55, y, s)
        pdf.set_y(y + 2)
        pdf.set_font("serif", "B", 13)
        pdf.multi_cell(0, 7, "PHỤ LỤC", align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "", 12)
        for para in doc.annex:
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


# --- workbooks, slides --------------------------------------------------------------------------


def workbook(
    doc: Doc,
    header: list[str],
    rows: list[list[object]],
    stamps: list[Stamp],
    *,
    where: str,
    extra_sheets: list[tuple[str, list[list[object]]]] | None = None,
) -> bytes:
    """A register or table as a workbook: the agency and number at the top, the table, the
    stamps in a framed merged cell under the number, in the print header or footer, or at the
    top of a later sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    wb = Workbook()
    wb.properties.created = FIXED.replace(tzinfo=None)
    wb.properties.modified = FIXED.replace(tzinfo=None)
    wb.properties.creator = "Văn thư"
    ws = wb.active
    ws.title = "Bieu 01"
    ws["A1"], ws["A2"], ws["A3"] = doc.agency[0], doc.agency[1], doc.number
    ws["A2"].font = Font(bold=True)
    n1, n2 = national_lines(doc)
    ws["E1"], ws["E2"], ws["E3"] = n1, n2, doc.place_date
    row = 4
    red = Side(style="medium", color="FF" + hexc(stamps[0].colour)) if stamps else None

    def stamp_cells(sheet: object, r: int) -> int:
        for s in stamps:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)  # type: ignore[attr-defined]
            c = sheet.cell(row=r, column=1, value=s.text)  # type: ignore[attr-defined]
            c.font = Font(bold=True, size=13, color="FF" + hexc(s.colour), strike=s.struck)
            c.alignment = Alignment(horizontal="center")
            if s.frame:
                c.border = Border(left=red, right=red, top=red, bottom=red)
            r += 1
            if s.note:
                sheet.cell(row=r, column=1, value=s.note).font = Font(italic=True, size=9)  # type: ignore[attr-defined]
                r += 1
        return r

    if stamps and where == "cell":
        row = stamp_cells(ws, row)
    ws.cell(row=row + 1, column=1, value=doc.kind + ": " + doc.title).font = Font(bold=True)
    row += 3
    for j, h in enumerate(header, 1):
        ws.cell(row=row, column=j, value=h).font = Font(bold=True)
    for r in rows:
        row += 1
        for j, v in enumerate(r, 1):
            ws.cell(row=row, column=j, value=v)
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 34
    text = " ".join(
        ("&S" if s.struck else "") + s.text + ("&S" if s.struck else "") for s in stamps
    )
    if stamps and where == "print_header":
        ws.oddHeader.left.text = text
        ws.oddHeader.left.font = "Times New Roman,Bold"
        ws.oddHeader.left.color = hexc(stamps[0].colour)
    if stamps and where == "print_footer":
        ws.oddFooter.center.text = text
        ws.oddFooter.center.color = hexc(stamps[0].colour)
    for name, srows in extra_sheets or []:
        sheet = wb.create_sheet(name)
        r = 1
        if stamps and where == "later_sheet" and name == (extra_sheets or [])[-1][0]:
            r = stamp_cells(sheet, 1) + 1
        for values in srows:
            for j, v in enumerate(values, 1):
                sheet.cell(row=r, column=j, value=v)
            r += 1
    out = io.BytesIO()
    wb.save(out)
    return redated(out.getvalue())


def slides(
    doc: Doc,
    pages: list[tuple[str, list[str]]],
    stamps: list[Stamp],
    rng: random.Random,
    *,
    where: str,
) -> bytes:
    """A briefing deck: a title slide with the agency and number, then bullet slides; the
    stamps in a framed text box on the title slide, as a picture, or on a later annex slide."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Cm, Pt

    prs = Presentation()
    prs.core_properties.created = FIXED.replace(tzinfo=None)
    prs.core_properties.modified = FIXED.replace(tzinfo=None)
    prs.core_properties.author = "Văn phòng"
    prs.core_properties.last_modified_by = "Văn phòng"

    def put_stamps(slide: object, x: float, y: float) -> None:
        for i, s in enumerate(stamps):
            if where == "picture":
                pic = stamp_image(s, 60, rng, rough=True)
                slide.shapes.add_picture(
                    io.BytesIO(png(pic)), Cm(x), Cm(y + i * 1.6), width=Cm(pic.width / 60 * 0.7)
                )  # type: ignore[attr-defined]
                continue
            box = slide.shapes.add_textbox(Cm(x), Cm(y + i * 1.4), Cm(5), Cm(1.2))  # type: ignore[attr-defined]
            if s.frame:
                box.line.color.rgb = RGBColor(*s.colour)
                box.line.width = Pt(2)
            run = box.text_frame.paragraphs[0].add_run()
            run.text = s.text
            run.font.bold, run.font.size = True, Pt(20)
            run.font.color.rgb = RGBColor(*s.colour)
            if s.struck:
                run.font._rPr.set("strike", "sngStrike")

    title = prs.slides.add_slide(prs.slide_layouts[0])
    title.shapes.title.text = doc.kind + " " + doc.title
    title.placeholders[1].text = f"{doc.agency[1]} — {doc.number}\n{doc.place_date}"
    if stamps and where in ("textbox", "picture"):
        put_stamps(title, 1.0, 0.6)
    for heading, bullets in pages:
        s = prs.slides.add_slide(prs.slide_layouts[1])
        s.shapes.title.text = heading
        s.placeholders[1].text = "\n".join(bullets)
    if stamps and where == "later_slide":
        s = prs.slides.add_slide(prs.slide_layouts[5])
        s.shapes.title.text = "Phụ lục: " + doc.title
        put_stamps(s, 1.0, 0.4)
    out = io.BytesIO()
    prs.save(out)
    return redated(out.getvalue())


# --- web, text, mail ----------------------------------------------------------------------------


def web_page(doc: Doc, stamps: list[Stamp], rng: random.Random, *, where: str) -> str:
    """The document as a page of the provincial document portal: the stamp as a framed div,
    a picture, a word cut into spans, spaced out letters, or numeric character references."""
    import base64
    from html import escape

    def stamp_html(s: Stamp) -> str:
        style = f"color:#{hexc(s.colour)};font-weight:bold;"
        if s.frame:
            style += f"border:2px solid #{hexc(s.colour)};padding:2px 10px;display:inline-block;"
        if s.struck:
            style += "text-decoration:line-through;"
        if where == "image":
            data = base64.b64encode(png(stamp_image(s, 40, rng, rough=True))).decode()
            return f'<img src="data:image/png;base64,{data}" alt="" class="dau">'
        if where == "spans":
            parts = [s.text[: len(s.text) // 2], s.text[len(s.text) // 2 :]]
            inner = "".join(f'<span class="s{i}">{escape(p)}</span>' for i, p in enumerate(parts))
        elif where == "spaced":
            style += "letter-spacing:4px;"
            inner = escape(s.text)
        elif where == "entities":
            inner = "".join(c if ord(c) < 128 else f"&#{ord(c)};" for c in s.text)
        else:
            inner = escape(s.text)
        note = f'<div style="font-size:9pt"><i>{escape(s.note)}</i></div>' if s.note else ""
        return f'<div style="{style}">{inner}</div>{note}'

    marks = "".join(stamp_html(s) for s in stamps)
    n1, n2 = national_lines(doc)
    body = "".join(f"<p>{escape(p)}</p>" for p in doc.body)
    if doc.specimens:
        body += (
            '<table border="1" class="mau">'
            + "".join(
                f"<tr><td>{escape(c)}</td><td>{stamp_html(st)}</td></tr>" for c, st in doc.specimens
            )
            + "</table>"
        )
    recips = "".join(f"<li>{escape(r)}</li>" for r in doc.recipients)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(doc.number)}</title></head><body>"
        '<table style="width:100%"><tr><td style="text-align:center;width:40%">'
        f"{escape(doc.agency[0])}<br><b>{escape(doc.agency[1])}</b><br>{escape(doc.number)}<br>{marks}</td>"
        f'<td style="text-align:center"><b>{escape(n1)}</b><br><b>{escape(n2)}</b><br>'
        f"<i>{escape(doc.place_date)}</i></td></tr></table>"
        f'<h3 style="text-align:center">{escape(doc.kind)}<br>{escape(doc.title)}</h3>{body}'
        f"<p><b><i>Nơi nhận:</i></b></p><ul>{recips}</ul>"
        f'<p style="text-align:right"><b>{escape(doc.signer[0])}</b><br><br><b>{escape(doc.signer[1])}</b></p>'
        "</body></html>"
    )


def plain_text(doc: Doc, stamps: list[Stamp], *, boxed: bool) -> str:
    """The document as a clerk types it into a plain-text file: the stamps on their own lines
    under the number, drawn in a box of line characters or not."""
    n1, n2 = national_lines(doc)
    lines = [
        f"{doc.agency[0]:<40}{n1}",
        f"{doc.agency[1]:<40}{n2}",
        f"{doc.number:<40}{doc.place_date}",
    ]
    for s in stamps:
        text = f"[gạch bỏ: {s.text}]" if s.struck else s.text  # no strike-through in plain text
        if boxed and s.frame:
            lines += [
                "┌" + "─" * (len(text) + 2) + "┐",
                f"│ {text} │",
                "└" + "─" * (len(text) + 2) + "┘",
            ]
        else:
            lines.append(f"   {text}")
        if s.note:
            lines.append(f"   ({s.note})")
    lines += ["", doc.kind.center(80).rstrip(), doc.title.center(80).rstrip(), ""]
    lines += [p for para in doc.body for p in (para, "")]
    lines += ["Nơi nhận:"] + [f"- {r};" for r in doc.recipients]
    lines += ["", f"{'':>44}{doc.signer[0]}", "", f"{'':>44}{doc.signer[1]}", ""]
    return "\r\n".join(lines)


def mail(
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes, str]],
    n: int,
    *,
    html_body: str | None = None,
    forwarded: bytes | None = None,
) -> bytes:
    """A mail as the provincial mail server stores it: a text (and HTML) part and attachments
    (name, bytes, MIME type), with fixed date, id and boundaries."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = format_datetime(FIXED)
    msg["Message-ID"] = f"<h9.{n:04d}@mail.khelam.gov.vn>"
    msg.set_content(body)
    if html_body:
        msg.add_alternative(html_body, subtype="html")
    for name, data, mime in attachments:
        main, sub = mime.split("/")
        msg.add_attachment(data, maintype=main, subtype=sub, filename=name)
    if forwarded is not None:  # a forwarded message travels as a message/rfc822 part
        import email
        from email import policy

        msg.add_attachment(email.message_from_bytes(forwarded, policy=policy.default))
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"=_h9_{n:04d}_{i}")
    return msg.as_bytes()
