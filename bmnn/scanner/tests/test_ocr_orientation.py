"""Scans turned by the feeder and skewed scans: the orientation is found (Tesseract's OSD) when
the first reading of the header strip looks wrong, and only then."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.extract.images import _page_sized
from tests.corpus.families.scans import turned_scan
from tests.corpus.scanner_corpus import make_doc, write_scan


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie") and ocr.available("osd"), (
        "Tesseract with vie and osd data is missing"
    )


def _pdf(image: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)  # type: ignore[attr-defined]
    return out.getvalue()


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_a_scan_turned_by_the_feeder_is_read_upright(turn: int) -> None:
    rng = random.Random(40 + turn)
    data = _pdf(
        turned_scan(make_doc(rng, "toi_mat", variant="framed"), rng, turn + rng.uniform(-1, 1))
    )
    verdict, extracted = scan_document(data, "turned.pdf")
    assert verdict.secret and verdict.level == "toi_mat"
    stamp = next(e for e in verdict.evidence if e.rule.startswith("level_stamp"))
    # read upright: the stamp is at the top of the page, under the number line
    assert stamp.box is not None and stamp.box[1] < 0.3
    assert extracted is not None and extracted.ocr_pages < 1  # the header strip was enough


def test_a_photo_turned_sideways_without_exif_is_read_upright() -> None:
    rng = random.Random(47)
    image = turned_scan(make_doc(rng, "mat", variant="plain"), rng, 90)
    out = io.BytesIO()
    image.save(out, format="PNG")
    verdict, _ = scan_document(out.getvalue(), "sideways.png")
    assert verdict.secret and verdict.level == "mat"


def test_a_turned_plan_about_secrets_stays_clean() -> None:
    from tests.corpus.scanner_corpus import negative_plan

    rng = random.Random(48)
    verdict, extracted = scan_document(_pdf(turned_scan(negative_plan(rng), rng, 180)), "plan.pdf")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and any("KẾ HOẠCH" in block.text for block in extracted.blocks)


def test_an_upright_page_is_not_checked_for_orientation(monkeypatch: pytest.MonkeyPatch) -> None:
    """OSD costs about as much as reading the strip: it runs only when the reading looks wrong."""
    asked = []
    real = ocr.orientation

    def counting(image: object, **kwargs: float) -> tuple[int, float] | None:
        asked.append(image)
        return real(image, **kwargs)

    monkeypatch.setattr(ocr, "orientation", counting)
    rng = random.Random(49)
    verdict, _ = scan_document(write_scan(make_doc(rng, "mat"), rng), "upright.pdf")
    assert verdict.secret and not asked
    scan_document(_pdf(turned_scan(make_doc(rng, "mat"), rng, 180)), "turned.pdf")
    assert len(asked) == 1  # once for the turned page, not once per band


def test_a_skewed_black_and_white_copy_is_straightened_before_its_frame_is_erased() -> None:
    """Without red ink the stamp is read from the page's text: its frame must be found, and a
    frame four degrees off level is not a level rectangle until the band is turned straight."""
    rng = random.Random(50)
    page = turned_scan(make_doc(rng, "mat", variant="framed"), rng, 4.5, grey=True)
    verdict, _ = scan_document(_pdf(page), "skewed-copy.pdf")
    assert verdict.secret and verdict.level == "mat"


def test_skew_is_measured_from_the_lines_of_text() -> None:
    from PIL import Image, ImageDraw

    from bmnn.scanner.engine.extract.images import skew

    page = Image.new("L", (600, 300), 255)
    draw = ImageDraw.Draw(page)
    for y in range(30, 280, 24):
        draw.rectangle((40, y, 560, y + 8), fill=0)
    assert skew(page) == 0
    assert abs(skew(page.rotate(3, fillcolor=255)) + 3) <= 0.5  # turned back by -3°


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ((3000, 4000), (1660, 2213)),  # a phone's portrait photo: its width to A4's at 200 dpi
        ((1754, 1240), (1754, 1240)),  # an A4 page scanned turned a quarter: kept whole
        ((2339, 1654), (2339, 1654)),  # two pages side by side on one landscape sheet
        ((4000, 3000), (2213, 1660)),  # a landscape photo: its height to A4's width
        ((30000, 5), (2340, 1)),  # a sliver: never a side of no pixels
    ],
)
def test_a_picture_is_read_at_an_a4_pages_resolution_either_way_up(
    size: tuple[int, int], expected: tuple[int, int]
) -> None:
    """The short side is held to A4's width and the long side to its height: a page turned a
    quarter is not shrunk by a limit meant for its width (read upright, it is the portrait
    page's size)."""
    assert _page_sized(Image.new("L", size, 255), 200).size == expected
