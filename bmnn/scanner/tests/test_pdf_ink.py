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


def _annex_with_stamp_over_text(*, stamp: str, colour: tuple[int, int, int]) -> bytes:
    """A covering letter and an annex whose level stamp, typed in a text box, was laid a little
    low: over the first line of the annex's text."""
    pdf = FPDF(unit="pt", format="A4")
    pdf.add_font("face", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("face", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    for title, first in (
        ("CÔNG VĂN", "Gửi kèm theo công văn này tài liệu phục vụ hội nghị."),
        ("PHỤ LỤC", "Các điểm chốt chặn được bố trí tại km 12 và ngã ba theo sơ đồ kèm theo."),
    ):
        pdf.add_page()
        pdf.set_font("face", "", 12)
        pdf.set_text_color(20, 20, 20)
        pdf.text(60, 120, title)
        for row, line in enumerate([first, "Lực lượng tham gia gồm 03 tổ công tác."]):
            pdf.text(60, 145 + 20 * row, line)
    pdf.set_font("face", "B", 14)
    pdf.set_text_color(*colour)
    pdf.text(80, 141, stamp)  # its letters reach into the line below it
    return bytes(pdf.output())


def test_a_stamp_laid_over_a_line_of_text_is_read_as_its_own_line() -> None:
    """Corpus 7's annex: the text within the stamp's box took in the letters of the line under
    it ("Ụ Ụ / điểm chốt chặn đư / TUYỆT MẬT"), and the line under it took in the stamp."""
    data = _annex_with_stamp_over_text(stamp="TUYỆT MẬT", colour=(210, 30, 40))
    lines = [block.text for block in extract_pdf(data).blocks if block.page == 2]
    assert "TUYỆT MẬT" in lines
    assert not any("TUYỆT" in line and "chốt" in line for line in lines), lines
    verdict = scan_bytes(data, "cong-van.pdf")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_other_words_laid_over_a_line_are_their_own_line_and_no_stamp() -> None:
    data = _annex_with_stamp_over_text(stamp="Mật khẩu: 1234", colour=(20, 20, 20))
    lines = [block.text for block in extract_pdf(data).blocks if block.page == 2]
    assert "Mật khẩu: 1234" in lines
    assert not scan_bytes(data, "cong-van.pdf")[0].secret
