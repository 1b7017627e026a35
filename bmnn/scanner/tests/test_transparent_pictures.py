"""A stamp cut out as a transparent PNG — one colour everywhere, the letters drawn by the alpha
channel alone — is read as the stamp it shows, not as a plain red rectangle."""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from bmnn.scanner.engine import ocr, scan_bytes
from bmnn.scanner.engine.extract.images import on_white

FONT = Path(__file__).resolve().parents[2] / "core" / "fonts" / "DejaVuSerif-Bold.ttf"


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), "Tesseract is missing (./dev test installs it)"


def cut_out_stamp(text: str) -> Image.Image:
    """Red everywhere; only the frame and the letters are opaque."""
    face = ImageFont.truetype(str(FONT), 30)
    left, top, right, bottom = face.getbbox(text)
    width, height = int(right - left) + 40, int(bottom - top) + 30
    alpha = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(alpha)
    draw.rectangle((2, 2, width - 3, height - 3), outline=230, width=3)
    draw.text((20 - left, 15 - top), text, font=face, fill=230)
    picture = Image.new("RGBA", (width, height), (208, 0, 0, 0))
    picture.putalpha(alpha)
    return picture


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_on_white_lays_the_picture_on_paper() -> None:
    stamp = cut_out_stamp("MẬT")
    assert stamp.convert("RGB").getextrema()[1] == (0, 0)  # dropped alpha: no letters left
    flat = on_white(stamp)
    assert flat.mode == "RGB"
    assert flat.getpixel((0, 0)) == (255, 255, 255)
    assert flat.getchannel("G").getextrema()[0] < 60  # the letters are there, dark


def test_a_palette_picture_with_a_transparent_colour_is_laid_on_white_too() -> None:
    stamp = cut_out_stamp("MẬT").convert("P")
    stamp.info["transparency"] = stamp.getpixel((0, 0))
    assert on_white(stamp).getpixel((0, 0)) == (255, 255, 255)


def _page(picture: bytes) -> bytes:
    source = base64.b64encode(picture).decode()
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo</title>'
        "</head><body><table><tr><td>ỦY BAN NHÂN DÂN<br>TỈNH HÀ GIANG<br>Số: 118/BC-UBND"
        f'<br><img src="data:image/png;base64,{source}" alt=""></td>'
        "<td>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM<br>Độc lập - Tự do - Hạnh phúc<br>"
        "Hà Giang, ngày 02 tháng 10 năm 2026</td></tr></table>"
        "<h3>BÁO CÁO</h3><p>Kết quả rà soát công tác quý III năm 2026.</p></body></html>"
    ).encode()


@pytest.mark.parametrize("text,level", [("TUYỆT MẬT", "tuyet_mat"), ("MẬT", "mat")])
def test_a_cut_out_stamp_in_a_web_page_is_read(text: str, level: str) -> None:
    verdict = scan_bytes(_page(png(cut_out_stamp(text))), "bao-cao.html")[0]
    assert verdict.secret and verdict.level == level


def test_a_cut_out_logo_is_not_a_stamp() -> None:
    assert not scan_bytes(_page(png(cut_out_stamp("SỞ Y TẾ"))), "bao-cao.html")[0].secret
