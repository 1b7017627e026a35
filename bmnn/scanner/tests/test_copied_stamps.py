"""Level stamps on copies: no red ink, the stamp in black or grey. One put below the header (at
the foot, over the text) is found by its closed frame, which makes the rest of the page be
read, and a framed TUYỆT MẬT or TỐI MẬT there is a stamp; one whose letters came out darker
than its frame is read whole, not as its frame's top and bottom apart."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.extract.images import _framed_halves_joined, stamp_below
from bmnn.scanner.engine.limits import DEFAULT
from bmnn.scanner.engine.model import BODY, Block
from bmnn.scanner.tests.scan_pages import letter_page, saved
from tests.corpus.scanner_corpus import FONTS


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _stamp(
    draw: ImageDraw.ImageDraw, text: str, x: int, y: int, *, ink: int, frame: int, size: int = 40
) -> None:
    """A stamp as a copier prints it: `ink` letters in a rounded frame of grey `frame`."""
    font = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), size)
    *_, right, bottom = draw.textbbox((x + 18, y + 12), text, font=font)
    draw.text((x + 18, y + 12), text, font=font, fill=(ink,) * 3)
    draw.rounded_rectangle(
        (x, y, right + 18, bottom + 14), radius=12, outline=(frame,) * 3, width=3
    )


def _copied_letter(*stamps: tuple[str, int, int], ink: int = 70, frame: int = 70) -> Image.Image:
    """A signed letter photocopied in grey, with `stamps` (text, x, y) on it."""

    def marks(draw: ImageDraw.ImageDraw) -> None:
        font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 24)
        draw.text((760, 940), "GIÁM ĐỐC", fill="black", font=font)
        draw.text((740, 1160), "Trần Văn Bình", fill="black", font=font)
        for text, x, y in stamps:
            _stamp(draw, text, x, y, ink=ink, frame=frame)

    return letter_page(marks).convert("L")


@pytest.mark.parametrize("fmt", ["PDF", "JPEG"])
def test_a_framed_stamp_at_the_foot_of_a_copied_letter_makes_it_secret(fmt: str) -> None:
    page = _copied_letter(("TỐI MẬT", 470, 1480))
    verdict, extracted = scan_document(saved(page, fmt), f"ban-sao.{fmt.lower()}")
    assert verdict.secret and verdict.level == "toi_mat", verdict
    assert extracted is not None and extracted.ocr_pages == pytest.approx(1.0)


def test_a_copied_letter_without_a_stamp_costs_its_header_strip_only() -> None:
    verdict, extracted = scan_document(saved(_copied_letter(), "PDF"), "ban-sao.pdf")
    assert not verdict.secret
    assert extracted is not None and extracted.ocr_pages == pytest.approx(DEFAULT.header_share)


def _edge_frame(draw: ImageDraw.ImageDraw) -> None:
    """A photographed page's lower corner: the paper's edge and the desk's, a box at the edge."""
    draw.rectangle((2, 1640, 520, 1751), outline=(40, 40, 40), width=4)


@pytest.mark.parametrize(
    ("page", "below"),
    [
        (lambda: _copied_letter(("TỐI MẬT", 470, 1480)), True),
        (lambda: _copied_letter(("TUYỆT MẬT", 120, 1000), ink=120, frame=120), True),
        (lambda: _copied_letter(), False),
        (lambda: letter_page(_edge_frame).convert("L"), False),
    ],
)
def test_which_frames_below_the_header_ask_for_the_rest(page, below: bool) -> None:
    small = page().reduce(2).convert("RGB")  # ~75 dpi, as the envelope search looks at a page
    assert stamp_below(small, DEFAULT.header_share) is below


def _read(lines: list[tuple[str, bool, float]]) -> list[Block]:
    """A copied page's reading: (text, read inside a frame, top) for each line."""
    return [
        Block(
            text=text,
            zone=BODY,
            order=i,
            origin="ocr",
            framed=framed,
            box=(0.3, top, 0.7, top + 0.03),
        )
        for i, (text, framed, top) in enumerate(lines)
    ]


BODY_TEXT = [
    ("Báo cáo tình hình quản lý đất đai khu vực biên giới", False, 0.35),
    ("trong quý IV năm 2026 của các xã, thị trấn", False, 0.4),
    ("GIÁM ĐỐC", False, 0.5),
]


@pytest.mark.parametrize(
    ("level", "framed", "secret"),
    [
        ("TỐI MẬT", True, True),
        ("TUYỆT MẬT", True, True),
        ("TỐI MẬT", False, False),
        ("MẬT", True, False),
    ],
)
def test_a_framed_level_of_its_own_below_the_header(level: str, framed: bool, secret: bool) -> None:
    """Below the header of a copy, TUYỆT MẬT or TỐI MẬT alone inside a stamp's frame is a stamp;
    the same words typed in the text are not, nor is a framed MẬT alone (a label may read so)."""
    verdict = detect(_read([*BODY_TEXT, (level, framed, 0.7)]), "ban-sao.pdf", "pdf")
    assert verdict.secret is secret, verdict


def test_a_grey_stamps_darker_letters_leave_its_frames_halves_joined() -> None:
    """The grey mask of a copied stamp whose letters are darker than its frame holds only the
    frame's top and bottom with the letters' edges: two parts lined up at both ends, one above
    the other. A note under a stamp, narrower, stays apart; so do parts far apart."""
    top, bottom = (800, 20, 1000, 44), (800, 60, 1001, 84)
    assert _framed_halves_joined([bottom, top], 1240) == [(800, 20, 1001, 84)]
    note = (820, 60, 960, 84)
    assert _framed_halves_joined([top, note], 1240) == [top, note]
    far = (800, 200, 1000, 224)
    assert _framed_halves_joined([top, far], 1240) == [top, far]


def test_a_copied_stamp_with_letters_darker_than_its_frame_is_read_whole() -> None:
    def marks(draw: ImageDraw.ImageDraw) -> None:
        _stamp(draw, "TUYỆT MẬT", 860, 20, ink=85, frame=150, size=30)

    page = letter_page(marks).convert("L")
    verdict, _ = scan_document(saved(page, "PDF"), "phu-luc.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat", verdict
