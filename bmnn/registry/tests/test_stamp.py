"""The level stamp on a PDF: under the number line of the header, red, in the Form 02 sizes."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from fpdf import FPDF

from bmnn.registry import stamp

FONTS = stamp.FONT.parent


def _document(with_number_line: bool = True, pages: int = 2) -> bytes:
    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", "", 12)
    for page in range(pages):
        pdf.add_page()
        if page == 0 and with_number_line:
            pdf.set_xy(30, 20)
            pdf.cell(75, 6, "UBND TỈNH BẮC LÂM", align="C")
            pdf.set_xy(120, 20)
            pdf.cell(70, 6, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
            pdf.set_xy(30, 30)
            pdf.cell(75, 6, "Số: 12/KH-UBND", align="C")
            pdf.set_xy(120, 30)
            pdf.cell(70, 6, "Bắc Lâm, ngày 02 tháng 4 năm 2026", align="C")
        pdf.set_xy(30, 80)
        pdf.cell(150, 6, f"Nội dung trang {page + 1}")
    return bytes(pdf.output())


def _find(data: bytes, needle: str) -> tuple[int, tuple[float, float, float, float]] | None:
    """(page index, box in mm from the top-left) of the first line containing `needle`."""
    from bmnn.scanner.engine.extract.pdf import text_blocks
    from bmnn.scanner.engine.limits import DEFAULT

    pdf = pdfium.PdfDocument(data)
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = (v * 25.4 / 72 for v in page.get_size())
        for block in text_blocks(page, index, DEFAULT, 0):
            if needle in block.text and block.box is not None:
                x0, y0, x1, y1 = block.box
                return index, (x0 * width, y0 * height, x1 * width, y1 * height)
    return None


@pytest.mark.parametrize(
    "level,text", [("tuyet_mat", "TUYỆT MẬT"), ("toi_mat", "TỐI MẬT"), ("mat", "MẬT")]
)
def test_the_stamp_sits_under_the_number_line(level, text) -> None:
    """TT24 Form 02 / Form 19: under the number-and-symbol line, centred on it; first page only."""
    original = _document()
    stamped = stamp.stamp_pdf(original, level)
    found = _find(stamped, text)
    assert found is not None
    page, (left, top, right, _bottom) = found
    number = _find(stamped, "Số: 12/KH-UBND")
    assert number is not None and page == 0
    _page, (n_left, _n_top, n_right, n_bottom) = number
    assert n_bottom < top < n_bottom + 8  # just under the number line
    assert abs((left + right) / 2 - (n_left + n_right) / 2) < 3  # centred on it
    assert len(pdfium.PdfDocument(stamped)) == 2
    assert "Nội dung trang 2" in pdfium.PdfDocument(stamped)[1].get_textpage().get_text_range()
    assert _find(original, text) is None


def test_the_stamp_is_red_and_sized_for_its_level() -> None:
    """TT24 Art. 3.2: red ink; Form 02: 40 × 8 mm for Tuyệt mật, 30 × 8 mm for Tối mật."""
    widths = {}
    for level in ("tuyet_mat", "toi_mat"):
        page = pdfium.PdfDocument(stamp.stamp_pdf(_document(), level))[0]
        image = page.render(scale=4).to_pil().convert("RGB")
        reds = [
            (x, y)
            for x in range(0, image.width, 2)
            for y in range(0, image.height // 3, 2)
            if image.getpixel((x, y))[0] > 150 and image.getpixel((x, y))[1] < 80
        ]
        assert reds, "no red pixels"
        xs = [x for x, _ in reds]
        widths[level] = (max(xs) - min(xs)) / (4 * 72 / 25.4)
    assert widths["tuyet_mat"] == pytest.approx(40, abs=1.5)
    assert widths["toi_mat"] == pytest.approx(30, abs=1.5)


def test_a_page_without_text_gets_the_stamp_where_the_layout_puts_the_number() -> None:
    stamped = stamp.stamp_pdf(_document(with_number_line=False), "mat")
    found = _find(stamped, "MẬT")
    assert found is not None
    _page, (left, top, right, _bottom) = found
    assert 30 < (left + right) / 2 < 105 and 35 < top < 55


def test_a_copy_carries_its_copy_number() -> None:
    """TT104 Art. 4.3.b: "Bản sao số" on the first page of a copy."""
    stamped = stamp.stamp_pdf(_document(), "toi_mat", copy_number=2)
    found = _find(stamped, "Bản sao số: 2")
    assert found is not None and found[1][0] > 105  # top right


@pytest.mark.parametrize(
    "data", [b"", b"not a pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF", _document()[:400]]
)
def test_what_is_not_a_pdf_is_refused_with_a_reason(data) -> None:
    with pytest.raises(stamp.StampError):
        stamp.stamp_pdf(data, "mat")


def test_an_encrypted_pdf_is_refused() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_document())))
    writer.encrypt(user_password="", owner_password="x")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(stamp.StampError, match="encrypted"):
        stamp.stamp_pdf(out.getvalue(), "mat")
