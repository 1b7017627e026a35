"""A stamp's frame is erased before its words are read, also when the frame comes out of the red
mask broken into dashes (a faded stamp, pasted askew, as a JPEG)."""

from __future__ import annotations

import random

import pytest

from bmnn.scanner.engine import ocr, scan_bytes
from bmnn.scanner.engine.extract.images import _frame_piece
from tests.corpus.families.scans import faded_picture, typed_pdf_with_picture
from tests.corpus.scanner_corpus import make_doc


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), "Tesseract is missing (./dev test installs it)"


def test_a_faded_stamp_pasted_askew_in_a_typed_pdf_is_read() -> None:
    """Ten pale, tilted JPEG stamps under the number line of typed PDFs (the text layer has no
    level): before the frame's dashes were dropped, two of them were read as nothing."""
    missed = []
    for seed in range(1, 11):
        rng = random.Random(seed)
        doc = make_doc(rng, "mat")
        data = typed_pdf_with_picture(doc, faded_picture("MẬT", rng), where="left")
        verdict = scan_bytes(data, "ke-hoach.pdf")[0]
        if not (verdict.secret and verdict.level == "mat"):
            missed.append(seed)
    assert missed == []


def test_dashes_of_a_frame_go_and_letters_stay() -> None:
    width, height = 280, 160
    assert _frame_piece((25, 11, 27, 3), width, height)  # a dash of the top line
    assert _frame_piece((99, 113, 24, 2), width, height)  # of the bottom line, tilted inwards
    assert _frame_piece((245, 43, 2, 25), width, height)  # of the right side
    assert not _frame_piece((58, 38, 52, 50), width, height)  # M
    assert not _frame_piece((132, 32, 19, 9), width, height)  # the circumflex of Ậ
    assert not _frame_piece((132, 95, 10, 9), width, height)  # its dot below
    assert not _frame_piece((100, 40, 8, 50), width, height)  # an I in the middle


def test_two_stamps_one_above_the_other_are_two_marks() -> None:
    """A level stamp with the declassification stamp right under it (Form 05 beside the old
    level): a band of clean rows between them, however thin, keeps them apart."""
    from PIL import Image, ImageDraw

    from bmnn.scanner.engine.extract.images import stamp_regions

    mask = Image.new("L", (1400, 700), 255)
    draw = ImageDraw.Draw(mask)
    draw.rectangle((300, 100, 560, 170), outline=0, width=5)  # TỐI MẬT
    draw.rectangle((240, 190, 640, 330), outline=0, width=5)  # GIẢI MẬT, 20 px lower
    assert len(stamp_regions(mask)) == 2


def test_a_mark_without_a_frame_keeps_the_letters_at_its_edges() -> None:
    """A frameless two-line mark (the level-change stamp) is cut to its ink, so its first and
    last letters touch the region's edges: with no frame there, none of them is taken for a
    frame's piece."""
    from PIL import Image, ImageDraw, ImageFont

    from bmnn.scanner.engine.extract.images import _without_frame
    from bmnn.scanner.tests.test_transparent_pictures import FONT

    face = ImageFont.truetype(str(FONT), 30)
    region = Image.new("L", (520, 90), 255)
    draw = ImageDraw.Draw(region)
    draw.text((0, 0), "ĐIỀU CHỈNH ĐỘ MẬT", font=face, fill=0)
    draw.text((0, 48), "THÀNH TUYỆT MẬT", font=face, fill=0)
    box = region.point(lambda v: 255 - v).getbbox()
    assert box is not None
    region = region.crop(box)
    assert _without_frame(region) is region
