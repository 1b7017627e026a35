"""Scans and photos the way they reach an inspector (issue 18): pages turned a quarter or a half
turn by the scanner's feeder, phone photos of a page on a desk, a stamp pasted as a picture into
a typed PDF, and a stamp that only appears on a later page of a scan.

Families (`Item.family`):
- ``rotated-scan``: a scanned page turned 90°, 180° or 270° (plus a little), or skewed by a few
  degrees; image-only PDFs, some PNG/TIFF files;
- ``phone-photo``: the page photographed at an angle (perspective), with the phone's shadow
  across it, uneven light and a colour cast, on a desk, JPEG-compressed;
- ``pdf-stamp-image``: a PDF whose text layer has no level word and whose stamp is a picture:
  at the left or the right of the header, red or grey, small, drawn from a Form XObject, or a
  "searchable PDF" (the page is one scanned picture under an invisible OCR text layer that
  lacks the stamp);
- ``later-page-stamp``: a covering letter that is public, then an annex whose first page
  carries the stamp (page 2 or 3 of the scan).

Each family has look-alike negatives of the same shape: a rotated plan *about* secrets, a photo
of such a plan, a PDF whose header picture is a receipt stamp ("ĐẾN"), an "ĐÃ KIỂM TRA" stamp or
a logo, a covering letter with a public annex, a later page that mentions a level in its prose.
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from typing import Any

from tests.corpus.common import perspective_coeffs
from tests.corpus.scanner_corpus import (
    ABOUT_SECRETS,
    FONTS,
    LEVELS,
    SENTENCES,
    Doc,
    Item,
    logo_picture,
    make_doc,
    negative_plan,
    page_image,
    stamp_picture,
)

ROTATED, PHOTO, PDF_STAMP, LATER = (
    "rotated-scan",
    "phone-photo",
    "pdf-stamp-image",
    "later-page-stamp",
)


# --- pictures ------------------------------------------------------------------------------------


def _speckle(image: Any, rng: random.Random, count: int = 400) -> Any:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)
    for _ in range(count):
        draw.point((rng.randrange(image.width), rng.randrange(image.height)), fill=(70, 70, 70))
    return image


def _grey(image: Any) -> Any:
    from PIL import ImageOps

    return ImageOps.autocontrast(image.convert("L")).convert("RGB")


def _pdf_of_images(pages: list[Any], resolution: int = 200) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=resolution, save_all=True, append_images=pages[1:])
    return out.getvalue()


def _image_file(image: Any, rng: random.Random) -> tuple[bytes, str]:
    out = io.BytesIO()
    kind = rng.choice(["PNG", "TIFF", "JPEG"])
    options: dict[str, Any] = {"JPEG": {"quality": 85}, "TIFF": {"compression": "tiff_deflate"}}
    image.save(
        out,
        format=kind,
        **options.get(kind, {}),
    )
    return out.getvalue(), {"PNG": "png", "TIFF": "tif", "JPEG": "jpg"}[kind]


def text_page(lines: list[str], dpi: int = 200) -> Any:
    """A page of running text (an annex's continuation): no header, no stamp."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    image = Image.new("RGB", (int(210 * px), int(297 * px)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(4.2 * px))
    y = 20 * px
    for line in lines:
        while line:
            head, line = line[:80], line[80:]
            draw.text((25 * px, y), head, fill="black", font=font)
            y += 7 * px
        y += 2 * px
    return image


def _perspective(
    image: Any, corners: list[tuple[float, float]], size: tuple[int, int], fill: Any
) -> Any:
    """The page drawn into `size` with its corners (tl, tr, br, bl) at `corners`."""
    from PIL import Image

    w, h = image.size
    coefficients = perspective_coeffs(corners, [(0, 0), (w, 0), (w, h), (0, h)])
    return image.transform(
        size, Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC, fillcolor=fill
    )


def _gradient(size: tuple[int, int], darkest: float, rng: random.Random) -> Any:
    """Light falling off across the picture in a random direction (the phone's shadow)."""
    from PIL import Image

    small = Image.linear_gradient("L").resize((64, 64))
    small = small.rotate(
        rng.choice([0, 90, 180, 270]) + rng.uniform(-30, 30),
        fillcolor=255,
        resample=Image.Resampling.BILINEAR,
    )
    low = int(255 * darkest)
    small = small.point(lambda v: low + (255 - low) * v // 255)
    return small.resize(size, Image.Resampling.BILINEAR)


def _vignette(size: tuple[int, int], strength: float, rng: random.Random) -> Any:
    """A bright spot (the lamp) fading towards the edges."""
    from PIL import Image

    small = Image.radial_gradient("L").resize((64, 64))  # 0 at the centre, 255 at the rim
    shift = (rng.randint(-14, 14), rng.randint(-14, 14))
    small = small.transform(
        (64, 64), Image.Transform.AFFINE, (1, 0, shift[0], 0, 1, shift[1]), fillcolor=255
    )
    low = int(255 * (1 - strength))
    small = small.point(lambda v: 255 - (255 - low) * v // 255)
    return small.resize(size, Image.Resampling.BILINEAR)


def phone_photo(doc: Doc, rng: random.Random, *, turned: int = 0) -> bytes:
    """The page photographed on a desk: perspective, shadow, uneven light, warm cast, JPEG."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    page = page_image(doc, dpi=rng.choice([150, 170, 200]))
    w, h = page.size  # type: ignore[attr-defined]
    canvas = (int(w * rng.uniform(1.12, 1.3)), int(h * rng.uniform(1.08, 1.2)))
    desk_colour = rng.choice([(92, 74, 58), (120, 110, 96), (60, 62, 70), (150, 132, 110)])
    desk = Image.new("RGB", canvas, desk_colour)
    draw = ImageDraw.Draw(desk)
    for _ in range(60):  # wood grain / fabric texture
        y = rng.randrange(canvas[1])
        tone = tuple(max(0, c + rng.randint(-18, 18)) for c in desk_colour)
        draw.line((0, y, canvas[0], y + rng.randint(-40, 40)), fill=tone, width=rng.randint(1, 4))
    strength = rng.uniform(0.03, 0.09)  # how far each corner moves, as a share of the page
    ox, oy = (canvas[0] - w) / 2, (canvas[1] - h) / 2

    def jitter(x: float, y: float) -> tuple[float, float]:
        return (x + rng.uniform(-1, 1) * strength * w, y + rng.uniform(-1, 1) * strength * h)

    # the far edge (top of the page) is the narrower one: the phone is held over the bottom
    narrow = rng.uniform(0.0, 0.08) * w
    corners = [
        jitter(ox + narrow, oy),
        jitter(ox + w - narrow, oy),
        jitter(ox + w, oy + h),
        jitter(ox, oy + h),
    ]
    warped = _perspective(page, corners, canvas, (0, 0, 0))
    inside = _perspective(Image.new("L", page.size, 255), corners, canvas, 0)  # type: ignore[attr-defined]
    photo = Image.composite(warped, desk, inside)
    light = ImageChops.multiply(
        _gradient(canvas, rng.uniform(0.45, 0.7), rng),
        _vignette(canvas, rng.uniform(0.1, 0.3), rng),
    )
    cast = Image.merge(
        "RGB", [light.point(lambda v, k=k: int(v * k)) for k in (1.0, 0.95, rng.uniform(0.8, 0.9))]
    )
    photo = ImageChops.multiply(photo, cast)
    photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.0)))
    if turned:
        photo = photo.rotate(turned, expand=True)
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=rng.randint(60, 85))
    return out.getvalue()


def turned_scan(doc: Doc, rng: random.Random, turn: float, *, grey: bool = False) -> Any:
    """A scanned page turned by `turn` degrees counter-clockwise (a quarter turn in the feeder)."""
    page: Any = page_image(doc)
    page = _grey(page) if grey else page
    page = page.rotate(turn, expand=True, fillcolor="white")
    return _speckle(page, rng)


# --- text PDFs with a stamp picture ----------------------------------------------------------------


def receipt_picture(rng: random.Random) -> bytes:
    """The incoming-mail stamp a registry puts on what it receives: ĐẾN, a number, a date."""
    from PIL import Image, ImageDraw, ImageFont

    px = 300 / 25.4
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(4.2 * px))
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(3.0 * px))
    width, height = int(48 * px), int(24 * px)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    red = (190, 25, 30)
    draw.rectangle((3, 3, width - 4, height - 4), outline=red, width=int(0.5 * px))
    draw.text((3 * px, 2 * px), "VĂN PHÒNG UBND TỈNH", fill=red, font=small)
    draw.text((3 * px, 7 * px), "ĐẾN", fill=red, font=bold)
    draw.text((18 * px, 7.5 * px), f"Số: {rng.randint(100, 9999)}", fill=red, font=small)
    draw.text(
        (3 * px, 13 * px),
        f"Ngày: {rng.randint(1, 28)}/{rng.randint(1, 12)}/2026",
        fill=red,
        font=small,
    )
    draw.text((3 * px, 18 * px), "Chuyển: ..........", fill=red, font=small)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _fpdf() -> Any:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    return pdf


def typed_pdf_with_picture(
    doc: Doc, picture: bytes, *, where: str, height: float = 8.0, in_form: str = ""
) -> bytes:
    """A typed PDF (text layer without the level) with `picture` in its header: under the
    number line (left), or in the right column under the place and date."""
    from tests.corpus.scanner_corpus import _pdf_page

    pdf = _fpdf()
    level, doc.level = doc.level, None
    _pdf_page(pdf, doc)
    doc.level = level
    x, y = (40.0, 15 + 7 * 3 + 1) if where == "left" else (130.0, 15 + 7 * 3 + 1)
    pdf.image(io.BytesIO(picture), x=x, y=y, h=height)
    data = bytes(pdf.output())
    return _into_form(data, placed_by=in_form) if in_form else data


def faded_picture(text: str, rng: random.Random) -> bytes:
    """A stamp scanned from paper and pasted in: pale, pinkish ink, a little askew, JPEG."""
    from PIL import Image

    colour = (rng.randint(200, 235), rng.randint(90, 130), rng.randint(100, 140))
    picture = Image.open(io.BytesIO(stamp_picture(text, colour))).convert("RGB")
    picture = picture.rotate(
        rng.uniform(-6, 6), expand=True, fillcolor="white", resample=Image.Resampling.BICUBIC
    )
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=rng.randint(55, 80))
    return out.getvalue()


def _into_form(data: bytes, *, placed_by: str = "matrix") -> bytes:
    """The same PDF with each picture drawn from a Form XObject (as a stamp tool or a PDF
    editor does): `q … cm /I Do Q` becomes `/Fm Do`, the form placed on the page by its own
    /Matrix (`placed_by="matrix"`) or by the page's `cm` before the `Do` ("cm")."""
    import re

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        DecodedStreamObject,
        DictionaryObject,
        FloatObject,
        NameObject,
    )

    by_matrix = placed_by == "matrix"
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    page = writer.pages[0]
    content = page.get_contents()
    if content is None:
        return data
    text = content.get_data().decode("latin-1")
    resources: Any = page["/Resources"]
    resources = resources.get_object()
    xobjects = resources["/XObject"].get_object()
    pattern = re.compile(r"q\s+([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm\s+/(\w+) Do\s+Q")

    def wrap(match: re.Match[str]) -> str:
        w, h, x, y, name = match.groups()
        form = DecodedStreamObject()
        form.set_data(f"q {w} 0 0 {h} 0 0 cm /{name} Do Q".encode())
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(
                    [FloatObject(0), FloatObject(0), FloatObject(w), FloatObject(h)]
                ),
                NameObject("/Matrix"): ArrayObject(
                    [FloatObject(v) for v in (1, 0, 0, 1, *((x, y) if by_matrix else (0, 0)))]
                ),
                NameObject("/Resources"): DictionaryObject(
                    {
                        NameObject("/XObject"): DictionaryObject(
                            {NameObject(f"/{name}"): xobjects.raw_get(f"/{name}")}
                        )
                    }
                ),
            }
        )
        xobjects[NameObject(f"/Fm{name}")] = writer._add_object(form)
        return f"/Fm{name} Do" if by_matrix else f"q 1 0 0 1 {x} {y} cm /Fm{name} Do Q"

    replaced = pattern.sub(wrap, text)
    stream = DecodedStreamObject()
    stream.set_data(replaced.encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def searchable_pdf(doc: Doc, rng: random.Random, *, grey: bool = False) -> bytes:
    """A scan made "searchable": the page is one picture (with its red stamp), and over it an
    invisible text layer of what OCR read — everything but the stamp."""
    from fpdf.enums import TextMode

    picture: Any = page_image(doc)
    picture = _grey(picture) if grey else picture
    picture = _speckle(picture.rotate(rng.uniform(-0.8, 0.8), fillcolor="white"), rng)
    jpeg = io.BytesIO()
    picture.save(jpeg, format="JPEG", quality=80)
    pdf = _fpdf()
    pdf.add_page()
    pdf.image(jpeg, x=0, y=0, w=210, h=297)
    pdf.text_mode = TextMode.INVISIBLE
    pdf.set_font("DejaVu", "", 11)
    stamp = doc.stamp_text() if doc.level else None
    bottom = 15.0
    for lines, x, width in ((doc.header_lines(), 20, 80), (doc.right_lines(), 110, 85)):
        y = 15.0
        for line in lines:
            if line != stamp:
                pdf.set_xy(x, y)
                pdf.cell(width, 6, line, align="C")
            y += 7
        bottom = max(bottom, y)
    y = bottom + 10
    for line in doc.body_lines():
        pdf.set_xy(25, y)
        pdf.cell(165, 6, line[:95])
        y += 7
    return bytes(pdf.output())


# --- the families ---------------------------------------------------------------------------------


def _item(name: str, data: bytes, level: str | None, category: str, fmt: str, family: str) -> Item:
    return Item(name, data, level is not None, level, False, category, fmt, family)


def rotated_items(rng: random.Random) -> list[Item]:
    items = []
    for level in LEVELS:
        for turn in (90, 180, 270, 0):
            skew = rng.uniform(-1.2, 1.2) if turn else rng.choice([-1, 1]) * rng.uniform(2.0, 4.5)
            doc = make_doc(rng, level, variant=rng.choice(["plain", "framed"]))
            page = turned_scan(doc, rng, turn + skew, grey=rng.random() < 0.25)
            name = f"rotated-{turn}-{level}"
            if rng.random() < 0.25:
                data, ext = _image_file(page, rng)
                items.append(_item(f"{name}.{ext}", data, level, "positive", "image", ROTATED))
            else:
                blank = page.copy()
                blank.paste("white", (0, 0, *blank.size))
                pages = [page] if rng.random() < 0.5 else [page, blank]
                items.append(
                    _item(f"{name}.pdf", _pdf_of_images(pages), level, "positive", "scan", ROTATED)
                )
    for turn in (90, 180, 270):
        page = turned_scan(negative_plan(rng), rng, turn + rng.uniform(-1, 1))
        items.append(
            _item(
                f"rotated-{turn}-negative-plan.pdf",
                _pdf_of_images([page]),
                None,
                "hard_negative",
                "scan",
                ROTATED,
            )
        )
    page = turned_scan(make_doc(rng, None), rng, rng.choice([90, 180, 270]))
    items.append(
        _item(
            "rotated-negative-letter.pdf", _pdf_of_images([page]), None, "negative", "scan", ROTATED
        )
    )
    return items


def photo_items(rng: random.Random) -> list[Item]:
    items = []
    for level in LEVELS:
        for variant in range(2):
            doc = make_doc(rng, level, variant=rng.choice(["plain", "framed", "plain"]))
            turned = rng.choice([90, 270]) if variant and rng.random() < 0.3 else 0
            items.append(
                _item(
                    f"photo-{level}-{variant}.jpg",
                    phone_photo(doc, rng, turned=turned),
                    level,
                    "positive",
                    "photo",
                    PHOTO,
                )
            )
    for index in range(2):
        items.append(
            _item(
                f"photo-negative-plan-{index}.jpg",
                phone_photo(negative_plan(rng), rng),
                None,
                "hard_negative",
                "photo",
                PHOTO,
            )
        )
    items.append(
        _item(
            "photo-negative-letter.jpg",
            phone_photo(make_doc(rng, None), rng),
            None,
            "negative",
            "photo",
            PHOTO,
        )
    )
    return items


def _stamp_variants(text: str, rng: random.Random) -> dict[str, Callable[[Doc], bytes]]:
    """The ways a stamp picture of `text` is put into a typed PDF."""
    grey = (70, 70, 70)

    def side() -> str:
        return rng.choice(["left", "right"])

    return {
        "left": lambda d: typed_pdf_with_picture(d, stamp_picture(text), where="left"),
        "right": lambda d: typed_pdf_with_picture(d, stamp_picture(text), where="right"),
        "grey": lambda d: typed_pdf_with_picture(d, stamp_picture(text, grey), where=side()),
        "small": lambda d: typed_pdf_with_picture(d, stamp_picture(text), where="left", height=5.5),
        "form": lambda d: typed_pdf_with_picture(
            d, stamp_picture(text), where=side(), in_form=rng.choice(["matrix", "cm"])
        ),
        "faded": lambda d: typed_pdf_with_picture(d, faded_picture(text, rng), where=side()),
        "searchable": lambda d: searchable_pdf(d, rng, grey=rng.random() < 0.3),
    }


def pdf_stamp_items(rng: random.Random) -> list[Item]:
    items = []
    for level, text in LEVELS.items():
        for variant, writer in _stamp_variants(text, rng).items():
            doc = make_doc(rng, level)
            items.append(
                _item(
                    f"pdf-stamp-{variant}-{level}.pdf",
                    writer(doc),
                    level,
                    "positive",
                    "pdf",
                    PDF_STAMP,
                )
            )
    negatives: dict[str, Callable[[Doc], bytes]] = {
        "receipt": lambda d: typed_pdf_with_picture(
            d, receipt_picture(rng), where=rng.choice(["left", "right"]), height=16
        ),
        "checked": lambda d: typed_pdf_with_picture(d, stamp_picture("ĐÃ KIỂM TRA"), where="left"),
        "logo": lambda d: typed_pdf_with_picture(
            d, logo_picture(), where="left", height=14, in_form=rng.choice(["", "cm"])
        ),
        "searchable-plan": lambda d: searchable_pdf(negative_plan(rng), rng),
    }
    for variant, writer in negatives.items():
        doc = make_doc(rng, None)
        items.append(
            _item(
                f"pdf-stamp-negative-{variant}.pdf",
                writer(doc),
                None,
                "hard_negative",
                "pdf",
                PDF_STAMP,
            )
        )
    return items


def _covering_letter(rng: random.Random) -> Doc:
    doc = make_doc(rng, None)
    doc.kind = "CÔNG VĂN"
    doc.subject = "V/v gửi hồ sơ kèm theo"
    doc.body = [
        "Kính gửi: Văn phòng UBND tỉnh.",
        *rng.sample(SENTENCES, 3),
        "Hồ sơ gồm văn bản này và phụ lục kèm theo.",
    ]
    return doc


def _annex(rng: random.Random, level: str | None) -> Doc:
    doc = make_doc(rng, level, variant=rng.choice(["plain", "framed"]))
    doc.kind = "PHỤ LỤC"
    return doc


def later_items(rng: random.Random) -> list[Item]:
    items = []
    for level in LEVELS:
        for _ in range(2):
            pages = rng.choice([2, 3, 3])
            stamped = rng.randint(2, pages)
            grey = rng.random() < 0.3
            images: list[Any] = [page_image(_covering_letter(rng))]
            for number in range(2, pages + 1):
                if number == stamped:
                    images.append(page_image(_annex(rng, level)))
                else:
                    images.append(text_page(rng.sample(SENTENCES, 6)))
            images = [
                _speckle(
                    (_grey(i) if grey else i).rotate(rng.uniform(-0.8, 0.8), fillcolor="white"), rng
                )
                for i in images
            ]
            items.append(
                _item(
                    f"later-page-{stamped}-of-{pages}-{level}.pdf",
                    _pdf_of_images(images),
                    level,
                    "positive",
                    "scan",
                    LATER,
                )
            )
    # negatives: a public annex; a later page whose prose names a level
    for _ in range(2):
        images = [page_image(_covering_letter(rng)), page_image(_annex(rng, None))]
        if rng.random() < 0.5:
            images.append(text_page(rng.sample(SENTENCES, 5)))
        items.append(
            _item(
                "later-page-public-annex.pdf",
                _pdf_of_images(images),
                None,
                "hard_negative",
                "scan",
                LATER,
            )
        )
    for _ in range(2):
        prose = rng.sample(ABOUT_SECRETS, 4) + rng.sample(SENTENCES, 2)
        rng.shuffle(prose)
        images = [page_image(_covering_letter(rng)), text_page(prose)]
        items.append(
            _item(
                "later-page-mentions-a-level.pdf",
                _pdf_of_images(images),
                None,
                "hard_negative",
                "scan",
                LATER,
            )
        )
    return items


def items(rng: random.Random, scale: int = 1) -> list[Item]:
    found: list[Item] = []
    for _ in range(scale):
        for family in (rotated_items, photo_items, pdf_stamp_items, later_items):
            found += family(rng)
    return found
