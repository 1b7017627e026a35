"""A level stamp put lower than the header of a scanned page — over the text, beside the
signature, at the foot — is read: a red mark shaped like a stamp below the header strip asks
for the rest of the page, which a round seal by the signature does not. With it, what keeps
the red marks that are not stamps clean there and in the header: a specimen's caption, and the
words of a red heading found apart, even those read as nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.detect import detect, words_beside
from bmnn.scanner.engine.extract.images import (
    Mark,
    crossed_out,
    mark_blocks,
    red_mask,
    stamp_below,
)
from bmnn.scanner.engine.limits import DEFAULT
from bmnn.scanner.engine.model import BODY, HEADER, Block
from bmnn.scanner.tests.scan_pages import RED, letter_page, saved
from tests.corpus.scanner_corpus import FONTS

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _stamp(draw: ImageDraw.ImageDraw, text: str, x: int, y: int) -> None:
    """A framed red stamp, its top-left corner at (x, y)."""
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 40)
    *_, right, bottom = draw.textbbox((x + 18, y + 12), text, font=font)
    draw.text((x + 18, y + 12), text, font=font, fill=RED)
    draw.rectangle((x, y, right + 18, bottom + 14), outline=RED, width=5)


def _seal(draw: ImageDraw.ImageDraw, x: int, y: int) -> None:
    """An agency's round seal, 180 px across (3 cm at 150 dpi), with its star."""
    draw.ellipse((x, y, x + 180, y + 180), outline=RED, width=6)
    draw.ellipse((x + 22, y + 22, x + 158, y + 158), outline=RED, width=3)
    draw.regular_polygon((x + 90, y + 90, 30), 5, fill=RED)


def _signed(page: Image.Image, *, seal: bool = True) -> Image.Image:
    """The letter's signature block below its body, sealed (or not)."""
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 24)
    draw.text((760, 940), "GIÁM ĐỐC", fill="black", font=font)
    draw.text((740, 1160), "Trần Văn Bình", fill="black", font=font)
    if seal:
        _seal(draw, 650, 980)
    return page


def _page(*marks: tuple[str, int, int], seal: bool = True) -> Image.Image:
    page = _signed(letter_page(lambda draw: None), seal=seal)
    draw = ImageDraw.Draw(page)
    for text, x, y in marks:
        _stamp(draw, text, x, y)
    return page


@pytest.mark.parametrize("fmt", ["PDF", "JPEG"])
def test_a_red_stamp_at_the_foot_of_a_scanned_letter_makes_it_secret(fmt: str) -> None:
    page = _page(("TỐI MẬT", 470, 1560))
    verdict, extracted = scan_document(saved(page, fmt), f"letter.{fmt.lower()}")
    assert verdict.secret and verdict.level == "toi_mat", verdict
    assert extracted is not None and extracted.ocr_pages == pytest.approx(1.0)


def test_a_red_stamp_over_the_text_makes_it_secret() -> None:
    verdict, _ = scan_document(saved(_page(("TUYỆT MẬT", 420, 560))), "letter.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat", verdict


def test_a_round_seal_by_the_signature_does_not_cost_the_rest_of_the_page() -> None:
    verdict, extracted = scan_document(saved(_page()), "letter.pdf")
    assert not verdict.secret
    assert extracted is not None
    assert extracted.ocr_pages == pytest.approx(DEFAULT.header_share)


def test_another_red_stamp_in_the_body_is_read_and_stays_clean() -> None:
    """The incoming-mail stamp put on the body is stamp-shaped: the rest is read, and found to
    hold no level."""
    verdict, extracted = scan_document(saved(_page(("ĐẾN  Số: 512", 120, 900))), "letter.pdf")
    assert not verdict.secret
    assert extracted is not None and extracted.ocr_pages == pytest.approx(1.0)


@pytest.mark.parametrize("fmt", ["PDF", "TIFF"])
@pytest.mark.parametrize("stamped_first", [False, True])
def test_a_stamp_at_the_foot_of_either_page_of_two_is_read(fmt: str, stamped_first: bool) -> None:
    """Page one's mark below its strip is not forgotten when the later pages' headers are read
    (review: a two-page scan with the stamp at page one's foot was missed)."""
    public = _page(seal=False)
    stamped = _page(("TỐI MẬT", 470, 1560))
    first, second = (stamped, public) if stamped_first else (public, stamped)
    out = io.BytesIO()
    options = {"resolution": 150} if fmt == "PDF" else {"compression": "tiff_deflate"}
    first.save(out, format=fmt, save_all=True, append_images=[second], **options)
    verdict, _ = scan_document(out.getvalue(), f"letter.{fmt.lower()}")
    assert verdict.secret and verdict.level == "toi_mat", verdict


def test_a_red_level_in_a_handouts_list_stays_clean() -> None:
    """A training handout lists the levels, one in red bold the size of its print: the red word
    below the header is read with its line ("1) TỐI MẬT"), which is print, not a stamp."""
    page = _signed(letter_page(lambda draw: None), seal=False)
    draw = ImageDraw.Draw(page)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 24)
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 24)
    draw.text(
        (120, 960), "Các độ mật theo Luật Bảo vệ bí mật nhà nước gồm:", fill="black", font=regular
    )
    draw.text((150, 1010), "1)", fill="black", font=regular)
    draw.text((190, 1010), "TỐI MẬT", fill=RED, font=bold)
    verdict, _ = scan_document(saved(page), "tai-lieu.pdf")
    assert not verdict.secret, verdict


@pytest.mark.parametrize(
    ("marks", "seal", "below"),
    [
        ([("TỐI MẬT", 470, 1560)], True, True),
        ([("TỐI MẬT", 470, 1560)], False, True),
        ([], True, False),  # a seal is round
        ([("MẬT", 120, 250)], True, False),  # the stamp under the number is the header's
    ],
)
def test_which_red_marks_below_the_header_ask_for_the_rest(
    marks: list[tuple[str, int, int]], seal: bool, below: bool
) -> None:
    page = _page(*marks, seal=seal)
    small = page.reduce(2)  # ~75 dpi, as the envelope search looks at a page
    assert stamp_below(small, DEFAULT.header_share) is below


def test_capitals_with_accents_above_their_top_bars_are_not_crossed_out() -> None:
    """A frameless stamp in a heavy face: the bars atop TUYỆT MẬT's capitals make the fullest
    row, a quarter of the way down under the accents — a stroke through letters has letters on
    both sides of it (this mark, cut from a phone photo, was read as voided)."""
    mark = Image.open(FIXTURES / "frameless_capitals_accented.png").convert("RGB")
    assert not crossed_out(red_mask(mark))
    struck = mark.copy()
    ImageDraw.Draw(struck).line((2, 25, mark.width - 3, 25), fill=RED, width=3)
    assert crossed_out(red_mask(struck))


def _read(lines: list[tuple[str, str, float]]) -> list[Block]:
    """A photo's reading: (text, origin, top) for each line, one under the other."""
    return [
        Block(text=text, zone=BODY, order=i, origin=origin, box=(0.3, top, 0.7, top + 0.03))
        for i, (text, origin, top) in enumerate(lines)
    ]


LEAFLET = [
    ("Sản phẩm của hợp tác xã nuôi ong xã Tà Xùa", "ocr", 0.35),
    ("Thu hoạch vụ xuân, đóng chai tại xưởng", "ocr", 0.4),
    ("Bảo quản nơi khô ráo, tránh ánh nắng", "ocr", 0.45),
]


@pytest.mark.parametrize(("level", "secret"), [("TỐI MẬT", True), ("MẬT", False)])
def test_a_red_level_mark_of_its_own_below_the_header(level: str, secret: bool) -> None:
    """Below the header, a red mark reading TUYỆT MẬT or TỐI MẬT and nothing else is a stamp;
    a red MẬT alone there may be a label (honey: mật ong) and needs more."""
    verdict = detect(_read([*LEAFLET, (level, "ocr-stamp", 0.6)]), "anh.jpg", "image")
    assert verdict.secret is secret


@pytest.mark.parametrize(
    ("stamp", "top", "caption"),
    [
        ("TUYỆT MẬT", 0.8, "MẪU - dấu độ Tuyệt mật"),  # at the foot of the page's text
        ("MẬT", 0.39, "MẪU - dùng để hướng dẫn"),  # a third of the way down it
    ],
)
def test_a_specimen_under_its_caption_stays_clean(stamp: str, top: float, caption: str) -> None:
    """A guide's specimen lower on its page, captioned under it by a line that opens with
    "MẪU -" (not "mẫu dấu" word for word); the page's own reading of the stamp stands beside
    the red mark's."""
    guide = [
        ("HƯỚNG DẪN", "ocr", 0.1),
        ("Công tác văn thư của các đơn vị trực thuộc", "ocr", 0.15),
        ("trong quý IV năm 2026.", "ocr", 0.2),
    ]
    lines = [*guide, (stamp, "ocr", top), (stamp, "ocr-stamp", top)]
    assert detect(_read(lines), "huong-dan.jpg", "image").secret  # the caption decides
    lines.append((caption, "ocr", top + 0.04))
    assert not detect(_read(lines), "huong-dan.jpg", "image").secret


def _red_row(words: list[str]) -> list[Block]:
    """Red marks side by side on one row near the top of a photo, as a heading's words are
    found apart (one mark a word); an empty text is a word Tesseract read as nothing."""
    return [
        Block(
            text=word,
            zone=HEADER,
            order=i,
            origin="ocr-stamp",
            box=(0.16 + 0.13 * i, 0.17, 0.26 + 0.13 * i, 0.25),
        )
        for i, word in enumerate(words)
    ]


def test_a_red_heading_whose_words_were_read_as_nothing_is_still_a_line() -> None:
    """A honey label's red heading MẬT ONG RỪNG U MINH: its middle words read as nothing still
    stand beside MẬT, which is one word of a red line, not a stamp."""
    heading = _red_row(["MẬT", "", "", "", "MINH"])
    assert not detect(heading, "anh.jpg", "image").secret
    # without the unread words, MẬT has one red word beside it, as a stamp may have
    assert detect(_red_row(["MẬT", "MINH"]), "anh.jpg", "image").secret


def test_an_unread_word_of_a_red_line_stays_on_the_page() -> None:
    word = Mark((0.3, 0.17, 0.4, 0.25), Image.new("L", (40, 20), 255), 2.0, in_line=True)
    alone = Mark((0.5, 0.17, 0.6, 0.25), Image.new("L", (40, 20), 255), 2.0)
    blocks = mark_blocks([word, alone], [[], []], page=1, limits=DEFAULT, start_order=0)
    assert [(b.text, b.origin, b.box) for b in blocks] == [("", "ocr-stamp", word.box)]


def test_the_words_of_a_red_line_are_told_from_stamps_side_by_side() -> None:
    row = [(100, 200, 220, 260), (240, 200, 330, 262), (350, 198, 520, 260)]
    assert all(words_beside(box, [b for b in row if b != box]) == 2 for box in row)
    taller = (600, 150, 760, 330)  # a seal beside: not a word of the line
    assert words_beside(taller, row) == 0
