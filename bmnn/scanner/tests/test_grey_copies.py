"""A red stamp copied on a black-and-white copier comes out light grey beside black print: with
no red layer, the light grey marks of a band are read on their own."""

from __future__ import annotations

import io
import random

import pytest
from PIL import ImageChops

from bmnn.scanner.engine import ocr, scan_bytes
from bmnn.scanner.engine.extract.images import grey_mask, stamp_regions
from tests.corpus.scanner_corpus import make_doc, page_image


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), "Tesseract is missing (./dev test installs it)"


def _copied(level: str | None, seed: int, stamp_grey: int = 150) -> bytes:
    """The page as a grey copy in a PDF: black print stays black, the red stamp turns grey."""
    page = page_image(make_doc(random.Random(seed), level)).convert("RGB")  # type: ignore[attr-defined]
    red, green, _blue = page.split()
    stamp_ink = ImageChops.multiply(
        red.point(lambda v: 255 if v > 150 else 0), green.point(lambda v: 255 if v < 100 else 0)
    )
    grey = page.convert("L")
    grey.paste(stamp_grey, mask=stamp_ink)
    out = io.BytesIO()
    grey.save(out, format="PDF", resolution=200)
    return out.getvalue()


@pytest.mark.parametrize("level", ["tuyet_mat", "toi_mat", "mat"])
def test_a_stamp_copied_in_grey_is_read(level: str) -> None:
    verdict = scan_bytes(_copied(level, 5), "ban-sao.pdf")[0]
    assert verdict.secret and verdict.level == level


def test_black_print_and_its_grey_fringes_are_not_light_grey_ink() -> None:
    page = page_image(make_doc(random.Random(6), None)).convert("L")  # type: ignore[attr-defined]
    assert stamp_regions(grey_mask(page)) == []


def test_a_copy_without_a_stamp_stays_public() -> None:
    assert not scan_bytes(_copied(None, 7), "ban-sao.pdf")[0].secret


def test_a_grey_stamp_darker_in_places_than_a_copys_grey_is_read_in_its_own_ink() -> None:
    """An annex page scanned in grey (made by heldout corpus 7's scanner, kept as a fixture):
    its framed "TỐI MẬT" runs from dark to light grey, so the light-grey mask keeps only broken
    pieces of it; the same region read in its own ink gives the level."""
    from pathlib import Path

    from bmnn.scanner.engine.extract.images import extract_image

    data = (Path(__file__).parent / "fixtures" / "grey_stamp_darker_than_a_copy.png").read_bytes()
    blocks = extract_image(data).blocks
    assert "TỐI MẬT" in [b.text.strip(" |") for b in blocks]
