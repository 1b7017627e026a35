"""A typed letter scanned at 150 dpi with the marks a test draws under its number: the page the
tests of stamps on scans share."""

from __future__ import annotations

import io
from collections.abc import Callable

from PIL import Image, ImageDraw, ImageFont

from tests.corpus.scanner_corpus import FONTS

RED = (190, 25, 30)  # a stamp's ink as scanned


def letter_page(marks: Callable[[ImageDraw.ImageDraw], object]) -> Image.Image:
    """An A4 page at 150 dpi: the agency and the number at the top left, the motto at the
    right, `marks` drawing the stamps under the number (from about y=230), ten body lines."""
    page = Image.new("RGB", (1240, 1754), (250, 250, 248))
    draw = ImageDraw.Draw(page)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 24)
    for row, line in enumerate(["ỦY BAN NHÂN DÂN TỈNH", "SỞ TÀI NGUYÊN", "Số: 214/BC-STN"]):
        draw.text((120, 90 + 40 * row), line, fill="black", font=regular)
    draw.text((700, 90), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", fill="black", font=regular)
    draw.text((760, 130), "Độc lập - Tự do - Hạnh phúc", fill="black", font=regular)
    marks(draw)
    for row in range(10):
        line = "Báo cáo tình hình quản lý đất đai khu vực biên giới."
        draw.text((120, 460 + 42 * row), line, fill="black", font=regular)
    return page


def saved(page: Image.Image, fmt: str = "PDF") -> bytes:
    """The page as a scanner saves it: an image-only PDF at 150 dpi, or a JPEG."""
    out = io.BytesIO()
    page.save(out, format=fmt, **({"resolution": 150} if fmt == "PDF" else {"quality": 85}))
    return out.getvalue()
