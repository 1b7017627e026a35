"""Review of session 15's scanner changes: inputs on which they gave a wrong verdict."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.tests.scan_pages import RED, letter_page, saved

SPACED_LETTER = """\
   ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
     XÃ NẬM KHAO                     Độc lập - Tự do - Hạnh phúc
   Số: 466/PA-UBND
{level}

                  PHƯƠNG ÁN
   Bảo đảm an ninh, trật tự khu vực biên giới xã Nậm Khao.
"""


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        # the letter-spaced level under the number, the date at the right as in any letter
        ("   T Ố I    M Ậ T                  Nậm Khao, ngày 09 tháng 07 năm 2026", "toi_mat"),
        ("   T U Y Ệ T     M Ậ T              Nậm Khao, ngày 09 tháng 07 năm 2026", "tuyet_mat"),
        # the right column letter-spaced too: the whole line was kept as one and nothing found
        ("   T U Y Ệ T    M Ậ T              N G À Y   0 9 / 0 7", "tuyet_mat"),
        ("   T Ố I    M Ậ T", "toi_mat"),
    ],
)
def test_a_letter_spaced_level_beside_another_column_is_read_whole(
    level: str, expected: str
) -> None:
    verdict = scan_bytes(SPACED_LETTER.format(level=level).encode(), "phuong-an.txt")[0]
    assert verdict.secret and verdict.level == expected


# --- two stamps stacked so close that the red mask makes them one region -------------------------


def _framed(draw: ImageDraw.ImageDraw, text: str, top: int, *, struck: bool) -> int:
    """A framed red level stamp at 150 dpi, its left edge at x=150, crossed by a pen stroke
    through its letters when `struck`. Returns its frame's bottom edge."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 26)
    right = 150 + int(draw.textlength(text, font=font)) + 24
    draw.rectangle((150, top, right, top + 46), outline=RED, width=3)
    draw.text((162, top + 8), text, fill=RED, font=font)
    if struck:
        draw.line((136, top + 24, right + 14, top + 22), fill=RED, width=2)
    return top + 46


def _stacked_stamps(old: str, new: str, gap: int) -> tuple[Image.Image, bytes]:
    """A scanned report whose old level is struck through and whose new level is stamped `gap`
    pixels under it (the frames touch when it is 0): the page, and the page as a PDF."""

    def stamps(draw: ImageDraw.ImageDraw) -> None:
        bottom = _framed(draw, old, 230, struck=True)
        _framed(draw, new, bottom + gap, struck=False)

    page = letter_page(stamps)
    return page, saved(page)


@pytest.mark.parametrize("gap", [0, 2, 4, 8])
@pytest.mark.parametrize(("old", "new"), [("TỐI MẬT", "TUYỆT MẬT"), ("TUYỆT MẬT", "MẬT")])
def test_two_stacked_stamps_in_one_region_are_not_voided_by_the_stroke_of_one(
    old: str, new: str, gap: int
) -> None:
    from bmnn.scanner.engine.extract.images import crossed_out, red_mask, stamp_regions

    page, _pdf = _stacked_stamps(old, new, gap)
    mask = red_mask(page.crop((100, 200, 700, 400)))
    regions = stamp_regions(mask)
    assert len(regions) == 1  # the shape under test: the red mask joins the two stamps
    assert not crossed_out(mask.crop(regions[0]))


@pytest.mark.parametrize("gap", [0, 3])
@pytest.mark.parametrize(
    ("old", "new", "level"), [("TỐI MẬT", "TUYỆT MẬT", "tuyet_mat"), ("TỐI MẬT", "MẬT", "mat")]
)
def test_a_new_level_stamped_right_under_the_struck_one_is_found(
    old: str, new: str, level: str, gap: int
) -> None:
    """It was missed: the stroke through the old level voided the region holding both."""
    _page, pdf = _stacked_stamps(old, new, gap)
    verdict = scan_bytes(pdf, "bao-cao.pdf")[0]
    assert verdict.secret and verdict.level == level


def test_a_lone_struck_stamp_is_still_crossed_out() -> None:
    from bmnn.scanner.engine.extract.images import crossed_out, red_mask, stamp_regions

    page = Image.new("RGB", (600, 200), "white")
    _framed(ImageDraw.Draw(page), "TỐI MẬT", 60, struck=True)
    mask = red_mask(page)
    (region,) = stamp_regions(mask)
    assert crossed_out(mask.crop(region))


def _side_by_side_scan(old: str, new: str, gap: int) -> bytes:
    """A scanned report whose new level is stamped `gap` pixels right of the struck old one."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    def stamps(draw: ImageDraw.ImageDraw) -> None:
        font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 26)
        left = 150
        for text, struck in ((old, True), (new, False)):
            right = left + int(draw.textlength(text, font=font)) + 24
            draw.rectangle((left, 230, right, 276), outline=RED, width=3)
            draw.text((left + 12, 238), text, fill=RED, font=font)
            if struck:
                draw.line((left - 14, 254, right + 14, 252), fill=RED, width=2)
            left = right + gap

    return saved(letter_page(stamps))


@pytest.mark.parametrize("gap", [0, 10])
def test_a_new_level_stamped_right_beside_the_struck_one_keeps_the_scan_secret(gap: int) -> None:
    """The two framed stamps are one red region; the stroke through the old level voided the
    new one too, and the report was clean."""
    verdict = scan_bytes(_side_by_side_scan("TUYỆT MẬT", "MẬT", gap), "bao-cao.pdf")[0]
    assert verdict.secret


@pytest.mark.parametrize("gap", [0, 4, 20])
def test_two_framed_stamps_side_by_side_are_not_crossed_out_by_one_stroke(gap: int) -> None:
    from PIL import ImageFont

    from bmnn.scanner.engine.extract.images import crossed_out, red_mask, stamp_regions
    from tests.corpus.scanner_corpus import FONTS

    page = Image.new("RGB", (900, 200), "white")
    draw = ImageDraw.Draw(page)
    _framed(draw, "TỐI MẬT", 40, struck=True)  # its frame from y=40 to y=86
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 26)
    left = 150 + int(draw.textlength("TỐI MẬT", font=font)) + 24 + gap
    draw.rectangle((left, 40, left + 90, 86), outline=RED, width=3)
    draw.text((left + 12, 48), "MẬT", fill=RED, font=font)
    mask = red_mask(page)
    regions = stamp_regions(mask)
    assert len(regions) == 1  # the shape under test: one region holds both stamps
    assert not crossed_out(mask.crop(regions[0]))
