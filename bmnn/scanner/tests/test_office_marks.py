"""Marks in office files beyond their typed text. A level written in red weighs as a stamp does
(Circular 24/2020/TT-BCA Art. 3.2: the level stamp is red): a spreadsheet cell in a red font, a
slide shape with red text or a red outline; black text in the same place stays below the line.
A stamp pasted as a picture atop the title slide is read."""

from __future__ import annotations

import io

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract.office import extract_pptx, extract_xlsx, is_red


@pytest.mark.parametrize(
    "value,red",
    [
        ("FFFF0000", True),
        ("C00000", True),
        ("FFE01010", True),
        ("990000", True),
        ("FF6666", True),  # a faded red
        ("AA1E50", True),  # crimson
        ("801E60", True),  # plum: red shading to purple
        ("C71585", False),  # violet red
        ("800080", False),  # purple
        ("FF00FF", False),  # magenta
        ("FF9999", False),  # pink
        ("FFC000", False),  # orange
        ("000000", False),
        ("996633", False),  # brown
        ("", False),
        (None, False),
        ("red", False),
    ],
)
def test_what_counts_as_red(value: str | None, red: bool) -> None:
    assert is_red(value) is red


def _workbook(colour: str | None) -> bytes:
    """A public summary first; on the second sheet the level alone in its top cell, in
    `colour`, and no administrative header."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    first = book.add_worksheet("Tổng hợp")
    first.write(0, 0, "Tổng hợp số lượt tiếp công dân năm 2026")
    for row in range(1, 8):
        first.write(row, 0, f"Xã {row}")
        first.write(row, 1, row * 7)
    second = book.add_worksheet("Phụ lục")
    stamp = {"bold": True, "border": 2, "align": "center"}
    if colour:
        stamp |= {"font_color": colour, "border_color": colour}
    second.write(0, 1, "TỐI MẬT", book.add_format(stamp))
    second.write(2, 0, "Danh sách cán bộ được phân công theo dõi địa bàn")
    for row in range(3, 10):
        second.write(row, 0, f"Cán bộ {row}")
        second.write(row, 1, f"Địa bàn {row}")
    book.close()
    return buffer.getvalue()


def test_a_red_cell_is_read_as_red_and_a_black_one_is_not() -> None:
    def level_cells(data: bytes) -> list[bool]:
        return [b.red for b in extract_xlsx(data).blocks if b.text == "TỐI MẬT"]

    assert level_cells(_workbook("#FF0000")) == [True]
    assert level_cells(_workbook(None)) == [False]


def test_the_level_in_red_on_a_later_sheet_is_a_stamp() -> None:
    verdict = scan_bytes(_workbook("#FF0000"), "tong-hop.xlsx")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_the_same_word_in_black_there_stays_below_the_line() -> None:
    assert not scan_bytes(_workbook(None), "tong-hop.xlsx")[0].secret


def _deck(*, red: bool, specimen: bool = False) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Cm, Pt

    deck = Presentation()
    title = deck.slides.add_slide(deck.slide_layouts[1])
    title.shapes.title.text = "Mẫu dấu độ mật" if specimen else "Báo cáo kết quả rà soát địa bàn"
    title.placeholders[1].text_frame.text = (
        "Hình dưới đây là mẫu dấu để cán bộ nhận biết"
        if specimen
        else "Tình hình an ninh trật tự quý III"
    )
    shape = title.shapes.add_shape(MSO_SHAPE.RECTANGLE, Cm(1), Cm(0.5), Cm(4.5), Cm(1.3))
    shape.fill.background()
    frame = shape.text_frame
    frame.text = "MẬT"
    run = frame.paragraphs[0].runs[0]
    run.font.bold = True
    run.font.size = Pt(20)
    if red:
        shape.line.color.rgb = RGBColor(0xD0, 0x10, 0x10)
        run.font.color.rgb = RGBColor(0xD0, 0x10, 0x10)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_red_stamp_drawn_on_a_slide_makes_the_deck_secret() -> None:
    blocks = [b for b in extract_pptx(_deck(red=True)).blocks if b.text == "MẬT"]
    assert [b.red for b in blocks] == [True]
    verdict = scan_bytes(_deck(red=True), "trinh-chieu.pptx")[0]
    assert verdict.secret and verdict.level == "mat"


def test_a_black_box_or_a_red_specimen_on_a_slide_does_not() -> None:
    assert not scan_bytes(_deck(red=False), "trinh-chieu.pptx")[0].secret
    assert not scan_bytes(_deck(red=True, specimen=True), "tap-huan.pptx")[0].secret


def _deck_with_picture(picture: bytes, *, top_cm: float = 0.6) -> bytes:
    from pptx import Presentation
    from pptx.util import Cm

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Báo cáo tình hình địa bàn"
    slide.placeholders[1].text_frame.text = "Kết quả rà soát quý III"
    slide.shapes.add_picture(io.BytesIO(picture), Cm(1), Cm(top_cm), height=Cm(1.4))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def _stamp_png(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    from bmnn.scanner.tests.test_transparent_pictures import FONT

    face = ImageFont.truetype(str(FONT), 40)
    left, top, right, bottom = face.getbbox(text)
    image = Image.new("RGB", (int(right - left) + 50, int(bottom - top) + 36), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((3, 3, image.width - 4, image.height - 4), outline=(200, 0, 0), width=4)
    draw.text((25 - left, 18 - top), text, font=face, fill=(200, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_a_stamp_pasted_as_a_picture_atop_the_title_slide_is_read() -> None:
    verdict = scan_bytes(_deck_with_picture(_stamp_png("TUYỆT MẬT")), "bao-cao.pptx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_a_picture_lower_on_the_slide_or_of_other_words_is_not_a_stamp() -> None:
    low = _deck_with_picture(_stamp_png("TUYỆT MẬT"), top_cm=14)
    assert not scan_bytes(low, "bao-cao.pptx")[0].secret
    assert not scan_bytes(_deck_with_picture(_stamp_png("SỞ Y TẾ")), "bao-cao.pptx")[0].secret


def _deck_with_stamp_behind(*, layout_used: bool) -> bytes:
    """A deck whose red "TỐI MẬT" box sits in a slide layout, not on any slide: it shows on
    every slide made from that layout (or on none, when no slide uses the layout)."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Cm

    deck = Presentation()
    stamped, plain = deck.slide_layouts[1], deck.slide_layouts[5]
    slide = deck.slides.add_slide(stamped if layout_used else plain)
    slide.shapes.title.text = "Báo cáo giao ban quý III"
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Cm(1), Cm(0.5), Cm(5), Cm(1.3))
    shape.text_frame.text = "TỐI MẬT"
    shape.line.color.rgb = RGBColor(0xD0, 0x10, 0x10)
    shape.text_frame.paragraphs[0].runs[0].font.color.rgb = RGBColor(0xD0, 0x10, 0x10)
    stamped.shapes._spTree.append(shape._element)  # moved from the slide into the layout
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_stamp_in_the_layout_of_a_slide_makes_the_deck_secret() -> None:
    data = _deck_with_stamp_behind(layout_used=True)
    blocks = [b for b in extract_pptx(data).blocks if b.text == "TỐI MẬT"]
    assert [(b.page, b.red) for b in blocks] == [(1, True)]
    verdict = scan_bytes(data, "giao-ban.pptx")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_stamp_in_a_layout_no_slide_uses_is_not_shown_so_not_read() -> None:
    data = _deck_with_stamp_behind(layout_used=False)
    assert "TỐI MẬT" not in [b.text for b in extract_pptx(data).blocks]
    assert not scan_bytes(data, "giao-ban.pptx")[0].secret


def test_a_layout_shape_python_pptx_does_not_know_is_read_for_its_text_without_failing() -> None:
    """A shape with no geometry of a kind python-pptx names (other tools write such shapes in
    layouts): the scan does not fail on it, and the slide's own stamp is still read."""
    from lxml import etree
    from pptx import Presentation

    deck = Presentation(io.BytesIO(_deck_with_stamp_behind(layout_used=True)))
    odd = etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
        '<p:nvSpPr><p:cNvPr id="99" name="odd"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        "<p:spPr/></p:sp>"
    )
    deck.slide_layouts[1].shapes._spTree.append(odd)
    out = io.BytesIO()
    deck.save(out)
    verdict = scan_bytes(out.getvalue(), "giao-ban.pptx")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_layout_the_slide_hides_is_not_read() -> None:
    """`showMasterSp="0"` on a slide hides what its layout and master draw: not shown, not read."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(_deck_with_stamp_behind(layout_used=True)))
    deck.slides[0]._element.set("showMasterSp", "0")
    out = io.BytesIO()
    deck.save(out)
    assert "TỐI MẬT" not in [b.text for b in extract_pptx(out.getvalue()).blocks]


def _deck_marked(level: str, *, top_cm: float, width_cm: float = 5.0) -> bytes:
    """A briefing deck whose first slide carries `level` in a black box of its own."""
    from pptx import Presentation
    from pptx.util import Cm

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Tình hình ổ dịch tại bản Huổi Lè (chưa công bố)"
    slide.placeholders[1].text_frame.text = "Đã khoanh vùng ổ dịch, tiêm phòng cho gia súc."
    box = slide.shapes.add_textbox(Cm(19), Cm(top_cm), Cm(width_cm), Cm(1.2))
    box.text_frame.text = level
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("level", "top_cm", "width_cm", "secret"),
    [
        ("TUYỆT MẬT", 0.4, 5.0, True),
        ("TỐI MẬT", 0.4, 5.0, True),
        ("MẬT", 0.4, 5.0, False),  # one word with other senses needs more
        ("TUYỆT MẬT", 12.0, 5.0, False),  # low on the slide: not where a deck is marked
        ("TUYỆT MẬT", 0.4, 15.0, False),  # a banner across the slide, not a marking box
    ],
)
def test_a_black_level_box_atop_the_first_slide(
    level: str, top_cm: float, width_cm: float, secret: bool
) -> None:
    verdict = scan_bytes(_deck_marked(level, top_cm=top_cm, width_cm=width_cm), "b.pptx")[0]
    assert verdict.secret is secret, verdict
