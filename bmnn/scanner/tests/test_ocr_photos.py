"""Phone photos of a page: the shadow of the phone and the fall-off of a lamp are evened out
before the red-ink mask and Tesseract's binarisation see the picture."""

from __future__ import annotations

import io
import random

import pytest

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.extract.images import even_light, red_mask, stamp_regions
from tests.corpus.families.scans import phone_photo
from tests.corpus.scanner_corpus import make_doc, negative_plan, page_image


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _in_shadow(page: object, darkest: float) -> object:
    """The page with light falling off from its right edge to `darkest` at its left."""
    from PIL import Image, ImageChops

    width, height = page.size  # type: ignore[attr-defined]
    ramp = Image.linear_gradient("L").rotate(90).resize((width, height))  # dark left, bright right
    low = int(255 * darkest)
    light = ramp.point(lambda v: low + (255 - low) * v // 255)
    return ImageChops.multiply(page, Image.merge("RGB", [light] * 3))  # type: ignore[arg-type]


def _header(image: object) -> object:
    return image.crop((0, 0, image.width, int(image.height * 0.3)))  # type: ignore[attr-defined]


def test_a_stamp_in_shadow_is_red_again_once_the_light_is_evened_out() -> None:
    rng = random.Random(81)
    page = page_image(make_doc(rng, "toi_mat", variant="plain"), dpi=150)
    dark = _in_shadow(page, 0.4)
    assert stamp_regions(red_mask(_header(page)))  # the stamp, in daylight
    assert not stamp_regions(red_mask(_header(dark)))  # lost in the shadow
    assert stamp_regions(red_mask(_header(even_light(dark))))


def test_an_evenly_lit_scan_is_left_as_it_is() -> None:
    rng = random.Random(82)
    page = page_image(make_doc(rng, "mat"), dpi=150)
    assert even_light(page) is page


def test_a_page_photographed_in_the_shadow_of_the_phone_is_found() -> None:
    rng = random.Random(83)
    out = io.BytesIO()
    _in_shadow(page_image(make_doc(rng, "toi_mat", variant="framed"), dpi=170), 0.35).save(  # type: ignore[attr-defined]
        out, format="JPEG", quality=75
    )
    verdict, _ = scan_document(out.getvalue(), "shadow.jpg")
    assert verdict.secret and verdict.level == "toi_mat"


def _tinted(page: object, tint: tuple[float, float, float]) -> object:
    """The page as seen under a coloured light: each colour scaled by its share of `tint`."""
    from PIL import Image

    bands = [
        band.point([round(value * share) for value in range(256)])
        for band, share in zip(page.split(), tint, strict=True)  # type: ignore[attr-defined]
    ]
    return Image.merge("RGB", bands)


WARM_LAMP = (1.0, 0.84, 0.58)


def _faded(page: object) -> object:
    """A copy with pale ink: the stamp pink rather than red, the text grey."""
    from PIL import Image

    return Image.blend(page, Image.new("RGB", page.size, "white"), 0.45)  # type: ignore[arg-type, attr-defined]


def test_a_stamp_under_a_warm_cast_is_red_again_once_the_paper_is_grey() -> None:
    rng = random.Random(88)
    page = page_image(make_doc(rng, "toi_mat", variant="plain"), dpi=150)
    warm = _tinted(_faded(page), WARM_LAMP)
    assert stamp_regions(red_mask(_header(_faded(page))))
    assert not stamp_regions(red_mask(_header(warm)))  # its ink looks brown
    assert stamp_regions(red_mask(_header(even_light(warm))))


@pytest.mark.parametrize(
    "tint",
    [
        (1.0, 1.0, 1.0),  # white paper
        (0.95, 0.95, 0.95),  # grey paper: dimmer, no cast
        (0.35, 0.3, 0.2),  # dark paper (a dark photo): no paper to make grey
    ],
)
def test_paper_without_a_cast_keeps_its_colours(tint: tuple[float, float, float]) -> None:
    rng = random.Random(92)
    page = _tinted(page_image(make_doc(rng, "mat"), dpi=100), tint)
    assert even_light(page).tobytes() == page.tobytes()  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", [84, 89])
def test_a_phone_photo_on_a_desk_with_perspective_and_uneven_light_is_found(seed: int) -> None:
    rng = random.Random(seed)
    level = rng.choice(["mat", "toi_mat", "tuyet_mat"])
    verdict, _ = scan_document(phone_photo(make_doc(rng, level), rng), "photo.jpg")
    assert verdict.secret and verdict.level == level


def test_a_photo_of_a_plan_about_secrets_stays_clean() -> None:
    rng = random.Random(86)
    verdict, _ = scan_document(phone_photo(negative_plan(rng), rng), "plan.jpg")
    assert not verdict.secret and verdict.error is None


@pytest.mark.parametrize(
    "colour,red",
    [
        ((200, 10, 20), True),  # fresh red ink
        ((170, 77, 95), True),  # a faded stamp's core
        ((210, 152, 162), True),  # the same stamp once the light is evened out: pink
        ((160, 100, 60), False),  # brown wood
        ((230, 130, 40), False),  # orange
        ((190, 150, 100), False),  # kraft paper
        ((225, 165, 140), False),  # skin
        ((40, 40, 40), False),  # black print
        ((240, 200, 200), False),  # pale paper tint
    ],
)
def test_what_counts_as_red_ink(colour: tuple[int, int, int], red: bool) -> None:
    from PIL import Image

    patch = Image.new("RGB", (8, 8), colour)
    assert (red_mask(patch).getextrema()[0] == 0) is red


@pytest.mark.parametrize(
    ("dpi", "size"),
    [
        ((204, 98), (400, 416)),
        ((98, 204), (833, 200)),
        ((200, 200), (400, 200)),
        ((float("nan"), 200), (400, 200)),  # a TIFF whose resolution is 1/0 (review)
        ((float("inf"), 200), (400, 200)),
        (None, (400, 200)),
    ],
)
def test_a_picture_stating_unequal_resolutions_gets_square_pixels(
    dpi: tuple[int, int] | None, size: tuple[int, int]
) -> None:
    """A fax in normal mode states 204 dpi across and 98 down: its rows are drawn twice as tall
    before reading, as the page is. A picture stating one resolution, or none, is left as is."""
    from PIL import Image

    from bmnn.scanner.engine.extract.images import square_pixels

    picture = Image.new("L", (400, 200), 255)
    if dpi is not None:
        picture.info["dpi"] = dpi
    assert square_pixels(picture).size == size


def test_a_fax_in_normal_mode_is_read_with_its_rows_stretched() -> None:
    """Half-height rows squash the letters beyond Tesseract's reading; the TIFF's stated
    resolution stands them up again."""

    rng = random.Random(87)
    page = page_image(make_doc(rng, "toi_mat"), dpi=200).convert("L")  # type: ignore[attr-defined]
    fax = page.resize((page.width, page.height * 98 // 204)).point(lambda v: 0 if v < 160 else 255)
    out = io.BytesIO()
    fax.convert("1").save(out, format="TIFF", dpi=(204, 98), compression="group4")
    verdict, _ = scan_document(out.getvalue(), "fax.tif")
    assert verdict.secret and verdict.level == "toi_mat"


def test_squaring_pixels_does_not_grow_a_large_picture_past_its_bound() -> None:
    """A picture that would pass the pixel bound when stretched has its other side narrowed
    instead (review of session 12)."""
    from PIL import Image

    from bmnn.scanner.engine.extract.images import SQUARED_PIXELS, square_pixels

    picture = Image.new("L", (8000, 2500), 255)
    picture.info["dpi"] = (400, 100)
    squared = square_pixels(picture)
    assert squared.size == (2000, 2500)
    assert squared.width * squared.height <= SQUARED_PIXELS
