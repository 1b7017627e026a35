"""A typed PDF whose stamp is a picture: the text layer has no level word, the picture in the
header is cut out and read on its own — wherever it sits, whatever its ink, inside a Form
XObject or as the whole page of a "searchable" scan."""

from __future__ import annotations

import io
import math
import random
from collections.abc import Callable
from typing import Any

import pytest
from fontTools.pens.basePen import BasePen

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.limits import DEFAULT
from tests.corpus.families.scans import (
    faded_picture,
    receipt_picture,
    searchable_pdf,
    typed_pdf_with_picture,
)
from tests.corpus.scanner_corpus import LEVELS, Doc, logo_picture, make_doc, stamp_picture

GREY = (70, 70, 70)


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


VARIANTS: dict[str, Callable[[Doc, str, random.Random], bytes]] = {
    "left": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="left"),
    "right": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="right"),
    "grey": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t, GREY), where="right"),
    "small": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="left", height=5.5),
    "form placed by its matrix": lambda d, t, r: typed_pdf_with_picture(
        d, stamp_picture(t), where="left", in_form="matrix"
    ),
    "form placed by the page": lambda d, t, r: typed_pdf_with_picture(
        d, stamp_picture(t), where="right", in_form="cm"
    ),
    "faded and askew": lambda d, t, r: typed_pdf_with_picture(d, faded_picture(t, r), where="left"),
    "searchable scan": lambda d, t, r: searchable_pdf(d, r),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_stamp_picture_in_a_typed_pdf_is_read(variant: str) -> None:
    rng = random.Random(f"picture-{variant}")
    level = rng.choice(list(LEVELS))
    data = VARIANTS[variant](make_doc(rng, level), LEVELS[level], rng)
    verdict, extracted = scan_document(data, "typed.pdf")
    assert verdict.secret and verdict.level == level
    assert extracted is not None and extracted.kind == "pdf"
    stamp = next(e for e in verdict.evidence if e.rule.startswith("level_stamp"))
    assert stamp.box is not None and stamp.box[1] < DEFAULT.header_share


NEGATIVES: dict[str, Callable[[Doc, random.Random], bytes]] = {
    "receipt stamp ĐẾN": lambda d, r: typed_pdf_with_picture(
        d, receipt_picture(r), where="right", height=16
    ),
    "ĐÃ KIỂM TRA": lambda d, r: typed_pdf_with_picture(
        d, stamp_picture("ĐÃ KIỂM TRA"), where="left"
    ),
    "logo in a form": lambda d, r: typed_pdf_with_picture(
        d, logo_picture(), where="left", height=14, in_form="cm"
    ),
}


@pytest.mark.parametrize("negative", NEGATIVES)
def test_a_header_picture_that_is_not_a_level_stamp_is_not_taken_for_one(negative: str) -> None:
    rng = random.Random(f"negative-{negative}")
    verdict, extracted = scan_document(NEGATIVES[negative](make_doc(rng, None), rng), "typed.pdf")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and extracted.ocr_pages > 0  # the picture was read


def test_only_the_picture_is_read_not_the_typed_text_around_it() -> None:
    rng = random.Random(61)
    data = typed_pdf_with_picture(make_doc(rng, "mat"), stamp_picture("MẬT"), where="left")
    verdict, extracted = scan_document(data, "typed.pdf")
    assert verdict.level == "mat" and extracted is not None
    read = [block for block in extracted.blocks if block.origin.startswith("ocr")]
    assert read and all(block.text.strip() for block in read)
    assert not any("CỘNG HÒA" in block.text.upper() for block in read)  # the motto is typed text


def test_a_picture_in_a_form_is_placed_by_the_forms_matrix() -> None:
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.pdf import _pictures

    rng = random.Random(62)
    for placed_by in ("matrix", "cm"):
        data = typed_pdf_with_picture(
            make_doc(rng, "mat"), stamp_picture("MẬT"), where="right", in_form=placed_by
        )
        pdf = pdfium.PdfDocument(data)
        try:
            boxes = _pictures(pdf, DEFAULT)
        finally:
            pdf.close()
        assert len(boxes) == 1
        left, top, _right, _bottom = boxes[0]
        # drawn at x = 130 mm, y = 37 mm of an A4 page
        assert abs(left - 130 / 210) < 0.01 and abs(top - 37 / 297) < 0.01, placed_by


class _OutlinePen(BasePen):  # type: ignore[misc]
    """A glyph's outline drawn as an fpdf2 path, in mm from a baseline point."""

    def __init__(self, glyphs: Any, path: Any, x: float, y: float, scale: float) -> None:
        super().__init__(glyphs)
        self.path, self.x, self.y, self.scale = path, x, y, scale

    def _at(self, point: tuple[float, float]) -> tuple[float, float]:
        return self.x + point[0] * self.scale, self.y - point[1] * self.scale

    def _moveTo(self, pt: tuple[float, float]) -> None:
        self.path.move_to(*self._at(pt))

    def _lineTo(self, pt: tuple[float, float]) -> None:
        self.path.line_to(*self._at(pt))

    def _curveToOne(self, a: Any, b: Any, c: Any) -> None:
        self.path.curve_to(*self._at(a), *self._at(b), *self._at(c))

    def _qCurveToOne(self, a: Any, b: Any) -> None:
        self.path.quadratic_curve_to(*self._at(a), *self._at(b))

    def _closePath(self) -> None:
        self.path.close()


def _typed_pdf_with_drawn_stamp(
    doc: Doc, text: str, colour: tuple[int, int, int], *, one_path: bool = False
) -> bytes:
    """A typed PDF whose stamp is drawn, not written: its frame a stroked rectangle and each
    letter the filled outline of its glyph (as a PDF editor that turns text into curves leaves
    it), so the text layer has no level word and the page has no picture. `one_path`: all the
    letters in one compound path and no frame (a design program's "create outlines")."""
    from fontTools.ttLib import TTFont
    from fpdf import FPDF
    from fpdf.drawing import DeviceRGB

    from tests.corpus.scanner_corpus import FONTS, _pdf_page

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    level, doc.level = doc.level, None
    _pdf_page(pdf, doc)
    doc.level = level
    font = TTFont(str(FONTS / "DejaVuSans-Bold.ttf"))
    glyphs, cmap = font.getGlyphSet(), font.getBestCmap()
    size, x, y = 5.0, 42.0, 15 + 7 * 3 + 7.5  # em in mm; the baseline under the number line
    scale = size / font["head"].unitsPerEm
    pdf.set_draw_color(*colour)
    pdf.set_fill_color(*colour)
    names = [cmap[ord(char)] for char in text if ord(char) in cmap]
    words = [names] if one_path else [[name] for name in names]
    start = x
    for word in words:
        with pdf.new_path() as path:
            path.style.fill_color = DeviceRGB(*(c / 255 for c in colour))
            path.style.stroke_color = None
            for name in word:
                glyphs[name].draw(_OutlinePen(glyphs, path, x, y, scale))
                x += glyphs[name].width * scale
    if not one_path:
        pdf.set_line_width(0.5)
        pdf.rect(start - 2, y - size - 1, x - start + 4, size + 3.5)
    return bytes(pdf.output())


@pytest.mark.parametrize(
    ("colour", "secret"),
    [((206, 24, 30), True), ((140, 14, 22), True), ((128, 30, 96), True), ((30, 60, 160), False)],
)
def test_a_stamp_drawn_as_curves_in_a_typed_pdf_is_read(
    colour: tuple[int, int, int], secret: bool
) -> None:
    """Red, dark red and red shading to purple are a stamp's ink; a blue drawing is a logo or
    a signature, and is not read."""
    rng = random.Random(f"curves-{colour}")
    data = _typed_pdf_with_drawn_stamp(make_doc(rng, "toi_mat"), "TỐI MẬT", colour)
    verdict, extracted = scan_document(data, "typed.pdf")
    assert extracted is not None and extracted.kind == "pdf"
    assert verdict.secret is secret
    if secret:
        assert verdict.level == "toi_mat"


def test_a_stamp_drawn_as_one_compound_path_is_read() -> None:
    """All the letters in one path, no frame: one drawn thing, read as a stamp because it
    draws a word (many segments). A red band, bar or square alone is still no stamp
    (`test_a_red_letterhead_band_is_not_a_drawn_stamp`)."""
    rng = random.Random("curves-one-path")
    data = _typed_pdf_with_drawn_stamp(make_doc(rng, "mat"), "MẬT", (200, 30, 36), one_path=True)
    verdict, _ = scan_document(data, "typed.pdf")
    assert verdict.secret and verdict.level == "mat"


def test_a_stamp_picture_in_purple_ink_is_read_from_its_own_ink() -> None:
    """The red mask takes only the pink fringes of a purple stamp's letters; the picture is
    also read in its own ink."""
    rng = random.Random(63)
    picture = stamp_picture("TUYỆT MẬT", (120, 20, 120))
    data = typed_pdf_with_picture(make_doc(rng, "tuyet_mat"), picture, where="left")
    verdict, _ = scan_document(data, "typed.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat"


def _page_with(lines: int, *, band: bool = False, picture: bool = True) -> bytes:
    """One page: `lines` short black rules (a table's borders) drawn before a stamp picture in
    the header, and (`band`) a red letterhead: a band and a bar across the top, a square under
    them."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    for i in range(lines):
        x, y = 10 + (i % 100) * 1.9, 120 + (i // 100) * 6
        pdf.line(x, y, x + 1, y)
    if band:
        pdf.set_fill_color(200, 20, 30)
        pdf.rect(0, 0, 210, 8, style="F")
        pdf.rect(0, 9, 210, 1, style="F")
        pdf.rect(10, 11, 15, 15, style="F")  # the emblem's red square under them
    if picture:
        pdf.image(io.BytesIO(stamp_picture("MẬT")), x=30, y=20, h=8)
    return bytes(pdf.output())


def _header_boxes(data: bytes) -> list[tuple[float, float, float, float]]:
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.pdf import _pictures

    pdf = pdfium.PdfDocument(data)
    try:
        return _pictures(pdf, DEFAULT)
    finally:
        pdf.close()


def test_a_stamp_picture_after_thousands_of_drawn_lines_is_still_found() -> None:
    """Paths are counted apart from pictures: a page-one table's 2,100 border lines do not end
    the search before the stamp picture (review of session 12)."""
    assert len(_header_boxes(_page_with(2100))) == 1


def test_a_red_letterhead_band_is_not_a_drawn_stamp() -> None:
    """Red paths larger than a stamp (a band across the page, a bar under the header) are not
    read as one: it would send the whole header strip to OCR (review of session 12)."""
    assert _header_boxes(_page_with(0, band=True, picture=False)) == []


def _emblem_page(*, wide: bool) -> bytes:
    """A typed page whose letterhead has a red emblem drawn as one path: two rings, a star
    and a dot (about 50 segments); `wide` stretches it to a word's shape."""
    from fpdf import FPDF
    from fpdf.drawing import DeviceRGB

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    cx, cy, r = 40, 22, 9
    stretch = 3.0 if wide else 1.0
    with pdf.new_path() as path:
        path.style.fill_color = DeviceRGB(0.8, 0.1, 0.12)
        path.style.stroke_color = None
        for radius in (r, r * 0.8, r * 0.15):
            path.ellipse(cx, cy, radius * stretch, radius)
        for point in range(10):  # a five-pointed star
            angle = math.pi / 2 + point * math.pi / 5
            reach = r * (0.6 if point % 2 == 0 else 0.25)
            x, y = cx + reach * stretch * math.cos(angle), cy - reach * math.sin(angle)
            (path.move_to if point == 0 else path.line_to)(x, y)
        path.close()
    return bytes(pdf.output())


def test_a_round_emblem_drawn_as_one_path_is_no_stamp() -> None:
    """As many segments as a drawn word, but as tall as wide: not read as a stamp (review)."""
    assert _header_boxes(_emblem_page(wide=False)) == []
    assert len(_header_boxes(_emblem_page(wide=True))) == 1  # the same drawing, word-shaped


ANNEX_HEADER = [
    "UBND TỈNH BẮC LÂM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "SỞ XÂY DỰNG",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 12/KH-SXD",
    "Bắc Lâm, ngày 3 tháng 3 năm 2026",
]


def _letter_with_annex(picture: bytes | None, heading: str, *, headed: bool = False) -> bytes:
    """A public covering letter (page one, typed, no level) and an annex whose first page has
    `picture` (a stamp) at its top left, above `heading` — under the annex's own
    administrative header when `headed` (the picture then under its number)."""
    from tests.corpus.families.scans import _fpdf
    from tests.corpus.scanner_corpus import _pdf_page

    pdf = _fpdf()
    _pdf_page(pdf, make_doc(random.Random(55), None))
    pdf.add_page()
    pdf.set_font("DejaVu", "", 10)
    for row, line in enumerate(ANNEX_HEADER if headed else []):
        pdf.set_xy(20 + 95 * (row % 2), 8 + 5 * (row // 2))
        pdf.cell(90, 5, line, align="C")
    if picture is not None:
        pdf.image(io.BytesIO(picture), x=22, y=25 if headed else 12, h=9)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_xy(20, 38 if headed else 30)
    pdf.cell(170, 8, heading, align="C")
    pdf.set_font("DejaVu", "", 12)
    for row in range(6):
        pdf.set_xy(20, 45 + 8 * row)
        pdf.cell(170, 8, "Sơ đồ tuyến cáp, tọa độ các điểm nối và trạm lặp của tuyến.")
    return bytes(pdf.output())


@pytest.mark.parametrize("ink", [(200, 20, 20), (35, 35, 35)])
def test_a_stamp_picture_atop_an_annex_page_is_read(ink: tuple[int, int, int]) -> None:
    """A covering letter sends a secret annex: the annex's stamp is a picture (red, or black
    from a photocopy) at the top of its first page, the text layer has no level word."""
    data = _letter_with_annex(stamp_picture("TUYỆT MẬT", ink), "PHỤ LỤC II")
    verdict, _ = scan_document(data, "cong-van.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_a_stamp_picture_under_an_annexs_own_header_is_read() -> None:
    """The annex opens with its own agency, number and motto, then its title: the title is
    the seventh line of the page, and the stamp picture sits under the annex's number."""
    data = _letter_with_annex(stamp_picture("TỐI MẬT", (200, 20, 20)), "PHỤ LỤC", headed=True)
    verdict, _ = scan_document(data, "cong-van.pdf")
    assert verdict.secret and verdict.level == "toi_mat"


def test_only_an_annex_pages_pictures_are_read_past_page_one(monkeypatch) -> None:
    """A picture atop a later page that does not open an annex (a letterhead's logo repeated)
    is not rendered and read: the cost stays with page one and the annexes."""
    from bmnn.scanner.engine.extract import pdf as reader

    looked: list[int] = []
    real = reader._pictures

    def spy(pdf: Any, limits: Any, index: int = 0) -> Any:
        looked.append(index)
        return real(pdf, limits, index)

    monkeypatch.setattr(reader, "_pictures", spy)
    scan_document(_letter_with_annex(logo_picture(), "BÁO CÁO BỔ SUNG"), "cong-van.pdf")
    assert looked == [0]
    looked.clear()
    scan_document(_letter_with_annex(logo_picture(), "PHỤ LỤC I"), "cong-van.pdf")
    assert looked == [0, 1]
