"""How OCR words become lines: a frame's side read as a bar separates two stamps side by side,
the sides of a box read as lone small letters are dropped from a capitalised line, and a photo's
header strip that stops right under the number line is not taken as the whole header."""

from __future__ import annotations

from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.model import BODY, HEADER, Block
from bmnn.scanner.engine.ocr import Word, lines


def _row(*texts: str, top: int = 100, height: int = 30) -> list[Word]:
    words, left = [], 50
    for text in texts:
        width = 18 * max(1, len(text))
        words.append(Word(text, left, top, width, height, (1, 1, 1), 90.0))
        left += width + 12
    return words


def _texts(words: list[Word]) -> list[str]:
    found = lines(words, page=1, page_width=2000, page_height=2800)
    return [block.text for block in found]


def test_a_bar_between_two_stamps_makes_two_lines() -> None:
    assert _texts(_row("—-<<e=", "|", "GIẢI", "MẬT")) == ["—-<<e=", "GIẢI MẬT"]
    assert _texts(_row("[", "TỐI", "MẬT", "]")) == ["TỐI MẬT"]


def test_a_word_with_a_bar_inside_stays_whole() -> None:
    assert _texts(_row("Số:", "12|BC")) == ["Số: 12|BC"]


def test_the_sides_of_a_box_read_as_small_letters_go_from_a_capitalised_line() -> None:
    assert _texts(_row("ị", "MẬT", "ị")) == ["MẬT"]
    assert _texts(_row("i", "TỐI", "MẬT", "l")) == ["TỐI MẬT"]


def test_small_words_of_ordinary_text_stay() -> None:
    assert _texts(_row("o", "Hà", "Nội")) == ["o Hà Nội"]
    assert _texts(_row("a", "B")) == ["a B"]  # one capital letter is not a capitalised line


def _photo_header(*, gap_under_number: float) -> list[Block]:
    """An envelope photographed: the issuing body and its number read in the header strip,
    the strip ending `gap_under_number` (page fractions) under the number line; the level
    stamp lies below the strip."""
    number_top = 0.23
    blocks = [
        Block("ỦY BAN NHÂN DÂN", zone=HEADER, order=0, box=(0.12, 0.14, 0.26, 0.16), origin="ocr"),
        Block("TỈNH LẠNG SƠN", zone=HEADER, order=1, box=(0.12, 0.17, 0.23, 0.19), origin="ocr"),
        Block(
            "Địa chỉ: 205 đường Nguyễn Trãi, Lạng Sơn",
            zone=HEADER,
            order=2,
            box=(0.12, 0.2, 0.36, 0.22),
            origin="ocr",
        ),
        Block(
            "Số: 203/UBND",
            zone=HEADER,
            order=3,
            box=(0.12, number_top, 0.21, number_top + 0.015),
            origin="ocr",
        ),
    ]
    if gap_under_number:
        bottom = number_top + 0.015 + gap_under_number
        blocks.append(
            Block(
                "V/v phối hợp công tác",
                zone=HEADER,
                order=4,
                box=(0.12, bottom - 0.015, 0.3, bottom),
                origin="ocr",
            )
        )
    return blocks


def test_a_strip_ending_under_the_number_asks_for_the_rest() -> None:
    assert not detect(_photo_header(gap_under_number=0.0), "IMG_1.jpg", "image").decisive
    assert not detect(_photo_header(gap_under_number=0.02), "IMG_1.jpg", "image").decisive


def test_a_strip_that_shows_what_lies_under_the_number_is_enough() -> None:
    assert detect(_photo_header(gap_under_number=0.08), "IMG_1.jpg", "image").decisive


def test_text_lines_of_a_typed_file_are_not_judged_by_their_position() -> None:
    blocks = [
        Block(b.text, zone=b.zone, order=b.order, box=b.box, origin="text")
        for b in _photo_header(gap_under_number=0.0)
    ]
    blocks.append(Block("Kính gửi: Sở Nội vụ", zone=BODY, order=9, origin="text"))
    assert detect(blocks, "cong-van.pdf", "pdf").decisive


def _red_marks(*words: str, top: float = 0.17, height: float = 0.08) -> list[Block]:
    """Marks read from red ink side by side on one row, as the red pass reads them."""
    marks, left = [], 0.16
    for order, word in enumerate(words):
        right = left + 0.03 * len(word)
        box = (left, top, right, top + height)
        marks.append(Block(word, zone=HEADER, order=10 + order, box=box, origin="ocr-stamp"))
        left = right + 0.02
    return marks


def test_a_word_of_a_line_printed_in_red_is_no_stamp() -> None:
    """A honey jar's label, "MẬT ONG RỪNG U MINH" in dark red: each word a red mark."""
    line = Block(
        "MẬT ONG RỪNG U MINH", zone=HEADER, order=0, box=(0.16, 0.17, 0.8, 0.25), origin="ocr"
    )
    verdict = detect([line, *_red_marks("MẬT", "ONG", "RỪNG", "MINH")], "IMG_9.jpg", "image")
    assert not verdict.secret


def test_a_level_stamp_beside_one_other_red_stamp_still_counts() -> None:
    header = _photo_header(gap_under_number=0.08)
    marks = _red_marks("TỐI MẬT", "KHẨN", top=0.3, height=0.03)
    verdict = detect([*header, *marks], "IMG_9.jpg", "image")
    assert verdict.secret and verdict.level == "toi_mat"
