"""Pages that reach the scanner in poor shape: a copy whose stamp has a dashed frame, a fax whose
motto came out garbled, a change of level with specks between its rows, a negative (light print
on black: a print from microfilm), and a scanned page pasted into a slide deck or, as an annex,
into a Word letter."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageDraw, ImageFont, ImageOps

from bmnn.scanner.engine import ocr, scan_bytes, scan_document
from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.extract.images import positive
from bmnn.scanner.engine.model import HEADER, Block
from bmnn.scanner.tests.scan_pages import RED, letter_page, saved
from tests.corpus.scanner_corpus import FONTS


@pytest.fixture(scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _dashed_box(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], grey: int) -> None:
    """A rectangle drawn in dashes 14 pixels long with gaps of 8, as some stamps' frames are."""
    left, top, right, bottom = box
    for x in range(left, right, 22):
        for y in (top, bottom):
            draw.line((x, y, min(x + 14, right), y), fill=(grey,) * 3, width=3)
    for y in range(top, bottom, 22):
        for x in (left, right):
            draw.line((x, y, x, min(y + 14, bottom)), fill=(grey,) * 3, width=3)


def _stamp_in_dashes(draw: ImageDraw.ImageDraw, text: str = "TỐI MẬT") -> None:
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 40)
    left, top, right, bottom = draw.textbbox((150, 240), text, font=font)
    draw.text((150, 240), text, font=font, fill=(70,) * 3)
    box = (int(left) - 16, int(top) - 14, int(right) + 16, int(bottom) + 14)
    _dashed_box(draw, box, 90)


@pytest.mark.usefixtures("tesseract")
def test_a_copied_stamp_in_a_dashed_frame_under_the_number_is_read() -> None:
    """Tesseract's page layout takes a dashed box for a picture and leaves out what it holds;
    the frame is found with its gaps closed, and its inside read on its own."""
    page = letter_page(_stamp_in_dashes).convert("L")
    verdict, _ = scan_document(saved(page, "JPEG"), "de-thi.jpg")
    assert verdict.secret and verdict.level == "toi_mat", verdict


def _header(lines: list[tuple[str, bool]]) -> list[Block]:
    """A scan's header as OCR read it: (text, read inside a frame) top to bottom."""
    return [
        Block(
            text=text,
            zone=HEADER,
            order=i,
            origin="ocr",
            framed=framed,
            box=(0.1, 0.05 + 0.03 * i, 0.5, 0.07 + 0.03 * i),
        )
        for i, (text, framed) in enumerate(lines)
    ]


@pytest.mark.parametrize(
    ("motto", "secret"),
    [
        ("L:BNI TĨNH BẠCH SA ho Ngộ Ủ CỘNG HÒA XÃ HỘI CHỦ NG HÌA VIỆT", True),
        ("L:BNI TĨNH BẠCH SA ho Ngộ Ủ", False),
    ],
)
def test_a_fax_keeps_the_mottos_first_words_and_they_anchor_its_header(
    motto: str, secret: bool
) -> None:
    """A faxed page garbles most of its header; the motto's first words, kept, still make it
    an administrative header, where a stamp under the number is a stamp. Without any of the
    header's marks, a lone level at the top of a page is weaker evidence."""
    lines = [(motto, False), ("'111ANH 'LRA TÍNH", False), ("Sóc.", False), ("TUYỆT MẬT", True)]
    verdict = detect(_header(lines), "fax.png", "image")
    assert verdict.secret is secret, verdict


def test_a_change_of_level_is_read_past_the_specks_between_its_rows() -> None:
    """OCR reads a scan's specks as stray marks between the change stamp's first row and the
    row naming the new level: they are no rows, and the new level is the one named."""
    lines = [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", False),
        ("Số: 316/KH-BCH-BP", False),
        ("ĐIỀU CHỈNH ĐỘ MẬT", False),
        ("^^ ^", False),
        ("ˆ", False),
        ("thành: MẬT", False),
        ("Theo văn bản số 22/CV-BCH-BP ngày 28/05/2026", False),
    ]
    verdict = detect(_header(lines), "ke-hoach.png", "image")
    assert verdict.secret and verdict.level == "mat", verdict


def _mean(image: Image.Image) -> float:
    grey = image.convert("L")
    histogram = grey.histogram()
    return sum(value * count for value, count in enumerate(histogram)) / sum(histogram)


def _plain_letter() -> Image.Image:
    return letter_page(lambda draw: None)


def _on_a_dark_desk(page: Image.Image, share: float = 0.4) -> Image.Image:
    """The page on a desk that fills the rest of the frame, the page `share` of it."""
    side = share**-0.5
    desk = Image.new("RGB", (int(page.width * side), int(page.height * side)), (45, 38, 32))
    desk.paste(page, (page.width // 8, page.height // 8))
    return desk


def test_a_negative_is_turned_to_dark_print_on_light_paper() -> None:
    negative = ImageOps.invert(_plain_letter())
    assert _mean(negative) < 60
    assert _mean(positive(negative)) > 200


@pytest.mark.parametrize(
    "picture",
    [
        # a dim photo of a page: dark paper, darker print
        lambda: _plain_letter().point(lambda value: value * 70 // 255),
        # a page photographed on a dark desk: the light part is large
        lambda: _on_a_dark_desk(_plain_letter()),
        # or small, but solid light paper, not strokes of print
        lambda: _on_a_dark_desk(_plain_letter(), share=0.08),
        # a dark picture with nothing light in it
        lambda: Image.new("RGB", (800, 1100), (20, 20, 30)),
        # a page as it should be
        _plain_letter,
    ],
)
def test_a_dim_or_dark_picture_or_a_page_stays_as_it_is(picture) -> None:
    image = picture()
    assert positive(image) is image


def _stamped_letter(draw: ImageDraw.ImageDraw) -> None:
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 40)
    left, top, right, bottom = draw.textbbox((150, 240), "TỐI MẬT", font=font)
    draw.text((150, 240), "TỐI MẬT", font=font, fill="black")
    draw.rectangle((left - 16, top - 14, right + 16, bottom + 14), outline="black", width=4)


@pytest.mark.usefixtures("tesseract")
def test_a_negative_print_of_a_stamped_letter_is_read() -> None:
    page = ImageOps.invert(letter_page(_stamped_letter)).convert("L")
    verdict, _ = scan_document(saved(page, "PNG"), "vi-phim.png")
    assert verdict.secret and verdict.level == "toi_mat", verdict


def _red_stamp(draw: ImageDraw.ImageDraw) -> None:
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 40)
    draw.text((150, 240), "TUYỆT MẬT", font=font, fill=RED)


def _deck_with_page(page: Image.Image, *, caption: str = "Tổ chức thực hiện") -> bytes:
    """Two slides: a title, then a text box beside the picture of a whole page."""
    from pptx import Presentation
    from pptx.util import Cm

    deck = Presentation()
    deck.slide_width, deck.slide_height = Cm(33.867), Cm(19.05)
    first = deck.slides.add_slide(deck.slide_layouts[5])
    first.shapes.title.text = "Phương án giải phóng mặt bằng cảng nước sâu"
    second = deck.slides.add_slide(deck.slide_layouts[5])
    second.shapes.title.text = caption
    out = io.BytesIO()
    page.save(out, format="PNG")
    second.shapes.add_picture(io.BytesIO(out.getvalue()), Cm(20), Cm(2), height=Cm(16.5))
    saved_deck = io.BytesIO()
    deck.save(saved_deck)
    return saved_deck.getvalue()


@pytest.mark.usefixtures("tesseract")
def test_a_scanned_page_pasted_into_a_deck_is_read_as_a_scan() -> None:
    page = letter_page(_red_stamp).resize((620, 877))
    verdict = scan_bytes(_deck_with_page(page), "trinh-chieu.pptx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat", verdict


@pytest.mark.usefixtures("tesseract")
def test_a_pasted_page_without_a_stamp_is_not_secret() -> None:
    plain = letter_page(lambda draw: None).resize((620, 877))
    assert not scan_bytes(_deck_with_page(plain), "trinh-chieu.pptx")[0].secret


@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize(
    "caption",
    ["Mẫu văn bản có đóng dấu độ mật (minh họa)", "Ví dụ: dấu độ mật đóng dưới số, ký hiệu"],
)
def test_a_stamped_page_shown_as_an_example_on_a_training_slide_is_not_secret(
    caption: str,
) -> None:
    """The slide's own caption says the pasted page is an example: its stamp is a specimen,
    wherever on the slide the caption stands."""
    page = letter_page(_red_stamp).resize((620, 877))
    verdict = scan_bytes(_deck_with_page(page, caption=caption), "tap-huan.pptx")[0]
    assert not verdict.secret, verdict


@pytest.mark.parametrize("reach", [1, 2])
def test_thickened_ink_is_what_a_minimum_filter_leaves(reach: int) -> None:
    """The frames' search spreads ink by a box blur; it leaves the same ink as the minimum
    filter of the same square, edges of the picture included."""
    import random

    from PIL import ImageChops, ImageFilter

    from bmnn.scanner.engine.extract.images import _below, _thickened

    rng = random.Random(reach)
    picture = Image.new("L", (160, 90), 255)
    draw = ImageDraw.Draw(picture)
    for _ in range(60):
        x, y = rng.randrange(160), rng.randrange(90)
        draw.line(
            (x, y, x + rng.randrange(-9, 10), y + rng.randrange(-5, 6)), fill=rng.randrange(0, 230)
        )
    expected = picture.filter(ImageFilter.MinFilter(2 * reach + 1)).point(_below(200, 0, 255))
    assert ImageChops.difference(_thickened(picture, reach), expected).getbbox() is None


def _letter_with_pasted_annex(
    page: Image.Image,
    *,
    width_cm: float = 16,
    caption: str | None = None,
    paragraphs: int = 3,
    page_break: bool = True,
) -> bytes:
    """A typed covering letter of `paragraphs`, then (on its second page, after a hard break)
    a scanned annex pasted as a picture, under a `caption` line if given."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH", "Số: 88/UBND-NC", "V/v gửi phụ lục kế hoạch"):
        document.add_paragraph(line)
    for _ in range(paragraphs):
        document.add_paragraph("Ủy ban nhân dân tỉnh gửi kèm phụ lục để các đơn vị nghiên cứu.")
    if page_break:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if caption:
        document.add_paragraph(caption)
    out = io.BytesIO()
    page.save(out, format="PNG")
    document.add_picture(io.BytesIO(out.getvalue()), width=Cm(width_cm))
    saved_document = io.BytesIO()
    document.save(saved_document)
    return saved_document.getvalue()


@pytest.mark.usefixtures("tesseract")
def test_a_scanned_annex_pasted_into_a_letter_is_read_on_its_page() -> None:
    page = letter_page(_red_stamp).resize((620, 877))
    verdict = scan_bytes(_letter_with_pasted_annex(page), "cong-van.docx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat", verdict
    assert verdict.evidence[0].page == 2


@pytest.mark.usefixtures("tesseract")
def test_a_pasted_page_without_a_stamp_is_read_and_clean_and_a_small_picture_is_not_read() -> None:
    plain = letter_page(lambda draw: None).resize((620, 877))
    verdict, extracted = scan_document(_letter_with_pasted_annex(plain), "cong-van.docx")
    assert not verdict.secret and extracted is not None and extracted.ocr_pages > 0
    stamped = letter_page(_red_stamp).resize((620, 877))
    # a photo in the text, past the header's paragraphs: not a page, not a header's picture
    small = _letter_with_pasted_annex(stamped, width_cm=6, paragraphs=16)
    verdict, extracted = scan_document(small, "cong-van.docx")
    assert not verdict.secret and extracted is not None and extracted.ocr_pages == 0


@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize(("paragraphs", "page_break"), [(3, True), (20, False)])
def test_a_stamped_page_shown_as_an_example_in_a_handout_is_not_secret(
    paragraphs: int, page_break: bool
) -> None:
    """A training handout shows a stamped letter as a picture under its caption, on a later
    page or (no hard break: one long first page) far down the first: the stamp is the
    specimen."""
    page = letter_page(_red_stamp).resize((620, 877))
    caption = "Hình 2. Mẫu văn bản có đóng dấu độ mật (minh họa)"
    handout = _letter_with_pasted_annex(
        page, caption=caption, paragraphs=paragraphs, page_break=page_break
    )
    assert not scan_bytes(handout, "tai-lieu-tap-huan.docx")[0].secret


@pytest.mark.usefixtures("tesseract")
def test_a_secret_annex_stays_secret_when_its_page_mentions_sizes_further_down() -> None:
    """Only a caption calling the picture an example makes it one: "kích thước" (sizes) on
    the same page does not."""
    page = letter_page(_red_stamp).resize((620, 877))
    import docx

    annex = docx.Document(io.BytesIO(_letter_with_pasted_annex(page)))
    annex.add_paragraph("Ghi chú: quy mô, kích thước các hạng mục công trình phòng thủ.")
    out = io.BytesIO()
    annex.save(out)
    verdict = scan_bytes(out.getvalue(), "cong-van.docx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat", verdict


@pytest.mark.usefixtures("tesseract")
def test_a_stamp_picture_in_a_header_after_a_cover_page_is_read() -> None:
    import docx
    from docx.enum.text import WD_BREAK

    from bmnn.scanner.tests.test_office_marks import _stamp_png

    document = docx.Document()
    document.add_paragraph("BỘ CHỈ HUY QUÂN SỰ TỈNH")
    document.add_paragraph("KẾ HOẠCH PHÒNG THỦ KHU VỰC NĂM 2027")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Số: 12/KH-BCH")
    document.add_picture(io.BytesIO(_stamp_png("TỐI MẬT")))
    for _ in range(4):
        document.add_paragraph("Tổ chức lực lượng phòng thủ trên các hướng trọng điểm.")
    out = io.BytesIO()
    document.save(out)
    verdict = scan_bytes(out.getvalue(), "ke-hoach.docx")[0]
    assert verdict.secret and verdict.level == "toi_mat", verdict


@pytest.mark.usefixtures("tesseract")
def test_a_deck_whose_title_slide_mentions_sizes_or_an_example_keeps_its_stamp_picture() -> None:
    from pptx import Presentation
    from pptx.util import Cm

    from bmnn.scanner.tests.test_office_marks import _stamp_png

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Phương án phòng thủ khu vực"
    body = slide.placeholders[1].text_frame
    body.text = "Lực lượng tham gia diễn tập khu vực phòng thủ"
    for line in (
        "Thời gian, địa điểm tổ chức",
        "Phương tiện, vũ khí trang bị",
        "Quy mô, kích thước các hạng mục công trình phòng thủ",
        "Ví dụ: tình huống tập kích vào kho xăng dầu dự trữ",
    ):
        body.add_paragraph().text = line
    slide.shapes.add_picture(io.BytesIO(_stamp_png("TUYỆT MẬT")), Cm(1), Cm(0.6), height=Cm(1.4))
    out = io.BytesIO()
    deck.save(out)
    verdict = scan_bytes(out.getvalue(), "phuong-an.pptx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat", verdict


@pytest.mark.usefixtures("tesseract")
def test_a_form_named_on_page_one_leaves_the_headers_stamp_picture_a_stamp() -> None:
    """A form's name in the text ("Mẫu số 02") does not make the stamp pasted in the header a
    specimen: the picture caption rule is for pictures of a whole page."""
    import docx

    from bmnn.scanner.tests.test_office_marks import _stamp_png

    document = docx.Document()
    document.add_paragraph("Mẫu số 02 - Báo cáo tình hình biên giới")
    document.add_paragraph("ỦY BAN NHÂN DÂN TỈNH")
    document.add_paragraph("Số: 41/BC-UBND")
    document.add_picture(io.BytesIO(_stamp_png("TỐI MẬT")))
    for _ in range(8):
        document.add_paragraph("Tình hình an ninh trên tuyến biên giới trong quý được giữ vững.")
    out = io.BytesIO()
    document.save(out)
    verdict = scan_bytes(out.getvalue(), "bao-cao.docx")[0]
    assert verdict.secret and verdict.level == "toi_mat", verdict


def _header_stamp_and_annex(page: Image.Image) -> bytes:
    """A letter with a stamp pasted as a picture in its header and a page pasted on page two."""
    import docx

    from bmnn.scanner.tests.test_office_marks import _stamp_png

    document = docx.Document(io.BytesIO(_letter_with_pasted_annex(page)))
    header = document.paragraphs[1].insert_paragraph_before()
    header.add_run().add_picture(io.BytesIO(_stamp_png("TỐI MẬT")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.usefixtures("tesseract")
def test_pages_pasted_later_are_not_read_once_the_headers_picture_shows_a_secret() -> None:
    page = letter_page(_red_stamp).resize((620, 877))
    verdict, extracted = scan_document(_header_stamp_and_annex(page), "cong-van.docx")
    assert verdict.secret and verdict.level == "toi_mat", verdict
    assert extracted is not None and extracted.ocr_pages == 1  # the header's picture alone


@pytest.mark.usefixtures("tesseract")
def test_ocr_failing_on_a_pasted_page_is_said_not_passed_over() -> None:
    from dataclasses import replace

    from bmnn.scanner.engine.limits import DEFAULT

    page = letter_page(_red_stamp).resize((620, 877))
    hurried = replace(DEFAULT, ocr_timeout=0.001)
    verdict, _ = scan_document(_letter_with_pasted_annex(page), "cong-van.docx", hurried)
    assert verdict.error is not None and verdict.error.startswith("timeout"), verdict


@pytest.mark.usefixtures("tesseract")
def test_a_page_in_a_picture_placeholder_is_read_as_a_scan() -> None:
    from pptx import Presentation

    deck = Presentation()
    deck.slides.add_slide(deck.slide_layouts[0]).shapes.title.text = "Báo cáo chuyên đề"
    slide = deck.slides.add_slide(deck.slide_layouts[8])  # "Picture with Caption"
    placeholder = next(p for p in slide.placeholders if p.placeholder_format.type == 18)
    out = io.BytesIO()
    letter_page(_red_stamp).resize((620, 877)).save(out, format="PNG")
    picture = placeholder.insert_picture(io.BytesIO(out.getvalue()))
    picture.height = int(deck.slide_height * 0.87)  # drawn to a page's shape on the slide
    picture.width = int(picture.height / 1.41)
    saved_deck = io.BytesIO()
    deck.save(saved_deck)
    verdict = scan_bytes(saved_deck.getvalue(), "chuyen-de.pptx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat", verdict
