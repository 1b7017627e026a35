"""A red stamp worn pale and grainy — few of its pixels red enough for the red-ink mask, the
rest pink — is drawn again from how much redder than green each pixel is, its specks blurred
into whole letters, when its other readings find no stamp.

The fixture is a page of held-out corpus 4 (a scan shown in a saved web page) that the scanner
missed: its "TUYỆT MẬT" stamp under the number is pale pink and speckled."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.detect import is_stamp_line
from bmnn.scanner.engine.extract import images
from bmnn.scanner.engine.limits import DEFAULT

PAGE = Path(__file__).parent / "fixtures" / "pale_grainy_stamp.jpg"
STAMP = (165, 215, 340, 262)  # the stamp on the page, in pixels


def _lines(picture: Image.Image) -> list[str]:
    [found] = images._read_stacked([picture], DEFAULT)
    return images._stamp_lines(found)


def test_the_page_with_a_pale_grainy_stamp_is_secret_at_its_level() -> None:
    verdict = scan_bytes(PAGE.read_bytes(), "van-ban.jpg")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_the_stamp_is_read_from_its_redness_where_the_red_ink_mask_fails() -> None:
    region = Image.open(PAGE).convert("RGB").crop(STAMP)
    from_mask = images.stamp_picture(images.red_mask(region))
    assert not any(is_stamp_line(line) for line in _lines(from_mask))
    assert not any(is_stamp_line(line) for line in _lines(images._inside_frame(from_mask)))
    redrawn = images.stamp_picture(images.redness(region))
    assert any(is_stamp_line(line) for line in _lines(redrawn))


def test_the_redness_picture_is_black_ink_on_white_at_a_stamps_size() -> None:
    picture = images.redness(Image.open(PAGE).convert("RGB").crop(STAMP))
    assert picture.mode == "L" and picture.height == images.STAMP_HEIGHT
    dark = picture.histogram()[0] / (picture.width * picture.height)
    assert 0.05 < dark < 0.5  # the letters and the frame: neither empty nor all black
