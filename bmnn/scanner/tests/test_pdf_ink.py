"""A short line of a PDF's text layer keeps its ink: a level typed in red, bold, in the top
corner of a slide exported to PDF is the stamp of the deck; the same words in black, regular
type are read as weaker evidence and left below the line."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract.pdf import extract_pdf

FONTS = Path(__file__).resolve().parents[2] / "core" / "fonts"


def _slides(*, red: bool, bold: bool) -> bytes:
    """Two landscape slides as a presentation program exports them: a title, bullet points,
    and on the first slide the level at the top right."""
    pdf = FPDF(orientation="L", unit="pt", format=(405, 720))
    pdf.add_font("face", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("face", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    for number, (title, points) in enumerate(
        [
            ("Tình hình an ninh nội bộ quý III", ["Rà soát 12 cơ quan", "Phát hiện 02 vi phạm"]),
            ("Phương hướng quý IV", ["Tăng cường kiểm tra", "Bồi dưỡng cán bộ"]),
        ]
    ):
        pdf.add_page()
        pdf.set_font("face", "B", 24)
        pdf.set_text_color(20, 20, 20)
        pdf.text(30, 50, title)
        if number == 0:
            pdf.set_font("face", "B" if bold else "", 16)
            pdf.set_text_color(*((208, 32, 42) if red else (20, 20, 20)))
            pdf.text(600, 40, "TỐI MẬT")
        pdf.set_font("face", "", 16)
        pdf.set_text_color(30, 30, 30)
        for row, point in enumerate(points):
            pdf.text(45, 120 + 30 * row, f"• {point}")
    return bytes(pdf.output())


def test_a_red_bold_level_atop_an_exported_slide_is_its_stamp() -> None:
    data = _slides(red=True, bold=True)
    [stamp] = [b for b in extract_pdf(data).blocks if b.text == "TỐI MẬT"]
    assert (stamp.red, stamp.bold) == (True, True)
    verdict = scan_bytes(data, "giao-ban.pdf")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_the_same_words_in_black_regular_type_stay_below_the_line() -> None:
    data = _slides(red=False, bold=False)
    [line] = [b for b in extract_pdf(data).blocks if b.text == "TỐI MẬT"]
    assert (line.red, line.bold) == (False, False)
    assert not scan_bytes(data, "giao-ban.pdf")[0].secret


def test_long_lines_are_not_looked_at_for_ink() -> None:
    """Only short lines (a stamp's length) have their ink read: a red sentence stays plain."""
    pdf = FPDF(unit="pt")
    pdf.add_font("face", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("face", "B", 11)
    pdf.set_text_color(208, 32, 42)
    pdf.text(40, 60, "Thông báo về việc tổ chức hội nghị tổng kết công tác năm 2026")
    [line] = extract_pdf(bytes(pdf.output())).blocks
    assert (line.red, line.bold) == (False, False)
