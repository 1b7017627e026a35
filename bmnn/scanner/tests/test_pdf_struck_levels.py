"""An old level voided in a PDF by a line drawn over it (a change of level, TT24 Form 06), not
by the font's strike-through: the text layer still reads it whole, the drawing strikes it, and
the new level stamped elsewhere decides. A line under the level, or a frame round it, voids
nothing."""

from __future__ import annotations

import pytest

from bmnn.scanner.engine import scan_bytes
from tests.corpus.scanner_corpus import FONTS

RED = (200, 20, 30)


def _changed(line: str) -> bytes:
    """A commune's report: TỐI MẬT under its number, MẬT stamped at the top right, the change
    stamp over the text; `line` says what is drawn at TỐI MẬT ("through", "under", "frame")."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    for x, y, text in [
        (30, 25, "UBND XÃ PA CHIẾN"),
        (30, 33, "Số: 902/BC-UBND"),
        (110, 25, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        (122, 33, "Độc lập - Tự do - Hạnh phúc"),
        (90, 65, "BÁO CÁO"),
        (25, 80, "Vị trí cất giấu lương thực của dân quân xã trong thời chiến."),
    ]:
        pdf.text(x, y, text)
    pdf.set_text_color(*RED)
    pdf.set_draw_color(*RED)
    pdf.set_font("DejaVu", "B", 14)
    pdf.text(36, 48, "TỐI MẬT")  # baseline at 48 mm: the letters stand from about 43 to 48
    pdf.set_line_width(0.6)
    if line == "through":
        pdf.line(33, 45.5, 65, 45.5)
    elif line == "under":
        pdf.line(33, 50, 65, 50)
    else:
        pdf.rect(33, 41, 32, 10)
    pdf.text(165, 12, "MẬT")
    pdf.text(110, 100, "ĐIỀU CHỈNH ĐỘ MẬT")
    pdf.set_font("DejaVu", "", 10)
    pdf.text(118, 106, "Ngày 01/10/2026")
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("line", "level"), [("through", "mat"), ("under", "toi_mat"), ("frame", "toi_mat")]
)
def test_a_level_crossed_out_by_a_drawn_line(line: str, level: str) -> None:
    """Struck, TỐI MẬT gives way to the new MẬT and weighs little; a rule under it or a frame
    round it leaves it standing, and the higher level is kept."""
    verdict = scan_bytes(_changed(line), "bao-cao.pdf")[0]
    assert verdict.secret and verdict.level == level, verdict
    old = [e.score for e in verdict.evidence if e.text == "TỐI MẬT" and e.rule == "level_stamp"]
    assert old and (old[0] < 0.5) is (line == "through"), verdict
