"""A declassification that the header's level stamp does not reveal: Form 05 stamped lower on
a scan than its still-intact level stamp (read although the header already showed a secret),
its heading read by OCR with one letter wrong above its own rows, and its words written on
one line with the deciding decision at length."""

from __future__ import annotations

import pytest
from PIL import ImageDraw, ImageFont

from bmnn.scanner.engine import ocr, scan_bytes, scan_document
from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.limits import DEFAULT
from bmnn.scanner.engine.model import HEADER, Block
from bmnn.scanner.tests.scan_pages import RED, letter_page, saved
from tests.corpus.scanner_corpus import FONTS


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _framed(draw: ImageDraw.ImageDraw, rows: list[str], x: int, y: int, size: int) -> None:
    """A red stamp of `rows`, the first in bold capitals, in one frame."""
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), size)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), size * 2 // 3)
    top, right = y + 12, x
    for i, row in enumerate(rows):
        font = bold if i == 0 else small
        box = draw.textbbox((x + 18, top), row, font=font)
        draw.text((x + 18, top), row, font=font, fill=RED)
        top, right = box[3] + 8, max(right, box[2])
    draw.rectangle((x, y, right + 18, top + 6), outline=RED, width=4)


FORM_05 = ["GIẢI MẬT", "Ngày 15 tháng 8 năm 2026", "Theo QĐ số 96/QĐ-UBND"]


def _stamped(*, declassified_at: int | None) -> bytes:
    def marks(draw: ImageDraw.ImageDraw) -> None:
        _framed(draw, ["TỐI MẬT"], 140, 240, 36)
        if declassified_at is not None:
            _framed(draw, FORM_05, 120, declassified_at, 36)

    return letter_page(marks)


@pytest.mark.parametrize("fmt", ["PDF", "PNG"])
def test_a_declassification_stamped_below_the_level_by_the_signature_is_read(fmt: str) -> None:
    page = _stamped(declassified_at=1000)
    verdict, extracted = scan_document(saved(page, fmt), f"quyet-dinh.{fmt.lower()}")
    assert verdict.declassified and not verdict.secret, verdict
    assert extracted is not None and extracted.ocr_pages == pytest.approx(1.0)


def test_a_stamped_secret_without_a_mark_below_costs_its_header_strip_only() -> None:
    verdict, extracted = scan_document(saved(_stamped(declassified_at=None)), "bao-cao.pdf")
    assert verdict.secret and verdict.level == "toi_mat", verdict
    assert extracted is not None and extracted.ocr_pages == pytest.approx(DEFAULT.header_share)


def _header(lines: list[str]) -> list[Block]:
    return [
        Block(
            text=text,
            zone=HEADER,
            order=i,
            origin="ocr",
            box=(0.6, 0.02 * i, 0.9, 0.02 * i + 0.015),
        )
        for i, text in enumerate(lines)
    ]


TOP = ["UBND TỈNH TÂY LÃNG", "CÔNG AN TỈNH", "Số: 147/BC-CAT", "MẬT"]


@pytest.mark.parametrize(
    ("heading", "rows", "declassified"),
    [
        ("GIAT MẠT", ["Ngày 04 tháng 6 năm 2026", "Theo QĐ số 33/QĐ-UBND"], True),
        ("GIẢI MẬI", ["Người giải mật: Tòng Văn Nghĩa"], True),
        ("GIAT MẠT", ["Báo cáo tình hình an ninh"], False),  # no row of its own under it
        ("GIẢ MẠO", ["Ngày 04 tháng 6 năm 2026"], False),  # two letters off: other words
    ],
)
def test_a_declassification_heading_misread_by_one_letter(
    heading: str, rows: list[str], declassified: bool
) -> None:
    verdict = detect(_header([heading, *rows, *TOP]), "scan.png", "image")
    assert verdict.declassified is declassified
    assert verdict.secret is not declassified


def test_a_declassification_with_its_decision_at_length_on_one_line() -> None:
    text = (
        "UBND TỈNH TÂY LÃNG\nVĂN PHÒNG UBND TỈNH\nSố: 290/KH-VP\nTUYỆT MẬT\n"
        "ĐÃ GIẢI MẬT theo Quyết định số 57/QĐ-UBND ngày 20/6/2026; người giải mật: Tòng Văn Nghĩa"
        "\n\nKẾ HOẠCH\nBảo vệ đập thủy điện Suối Ngang\n"
    )
    verdict = scan_bytes(text.encode(), "ke-hoach.txt")[0]
    assert verdict.declassified and not verdict.secret, verdict
    still = text.replace("ĐÃ GIẢI MẬT theo", "Đề nghị giải mật theo")
    assert scan_bytes(still.encode(), "ke-hoach.txt")[0].secret


def test_the_look_below_a_stamped_header_is_rendered_small() -> None:
    """The red mark below a stamped header is looked for on a rendering as small as asked
    (an A4 page at 60 dpi is 496 pixels across), not one enlarged for reading."""
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.images import LOOK_DPI
    from bmnn.scanner.engine.extract.pdf import _loader

    pdf = pdfium.PdfDocument(saved(_stamped(declassified_at=None)))
    try:
        small = _loader(pdf, 0, DEFAULT, enlarge=False)(LOOK_DPI)
        assert small.width == pytest.approx(210 / 25.4 * LOOK_DPI, abs=2)
        assert _loader(pdf, 0, DEFAULT)(LOOK_DPI).width >= 1600
    finally:
        pdf.close()
