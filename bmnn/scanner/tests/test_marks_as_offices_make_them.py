"""Markings as offices make them, found apart from the corpus that showed them (held-out corpus
9): a document that says in words it was declassified, a specimen whose caption is on the page
before, the copy's number after the level in one footer, a mail whose plain version only points
at its HTML one, a stamp picture pasted askew or alone on a slide, an old level struck through
on a slide, a page photographed at an angle that squeezes the envelope's ring, and a photo's
shading that is not a faint stamp."""

from __future__ import annotations

import io
import random
from email.message import EmailMessage

import pytest
from PIL import Image, ImageDraw

from bmnn.scanner.engine import ocr, scan_bytes
from bmnn.scanner.engine.extract.images import read_part
from bmnn.scanner.engine.limits import DEFAULT
from bmnn.scanner.tests.scan_pages import RED, letter_page, saved
from bmnn.scanner.tests.test_envelope import letters, marked_envelope, photographed
from tests.corpus.scanner_corpus import (
    docx_with_picture,
    make_doc,
    stamp_picture,
    write_docx,
)


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), "Tesseract is missing (./dev test installs it)"


def _verdict(data: bytes, name: str):
    return scan_bytes(data, name)[0]


# --- declassified in words ------------------------------------------------------------------------


def _stamped_docx_with(line: str) -> bytes:
    doc = make_doc(random.Random(91), "toi_mat")
    doc.body.append(line)
    return write_docx(doc)


def test_a_document_saying_it_was_declassified_by_a_decision_is_not_secret() -> None:
    verdict = _verdict(
        _stamped_docx_with(
            "Ghi chú: tài liệu này đã được giải mật toàn bộ theo Quyết định số 41/QĐ-UBND "
            "ngày 12/3/2027 của Chủ tịch UBND tỉnh."
        ),
        "ban-luu.docx",
    )
    assert not verdict.secret and verdict.declassified
    assert "declassification_note" in [e.rule for e in verdict.evidence]


@pytest.mark.parametrize(
    "line",
    [
        # declassified in part: the rest stays secret
        "Tài liệu này đã được giải mật một phần theo Quyết định số 41/QĐ-UBND ngày 12/3/2027.",
        # a protection period, not a declassification
        "Tài liệu này được giải mật sau 20 năm kể từ ngày ban hành.",
        # no deciding document named
        "Tài liệu này đã được giải mật.",
        # another document's declassification
        "Đề nghị giải mật tài liệu số 12/BC-CA theo Quyết định số 41/QĐ-UBND.",
    ],
)
def test_other_sentences_about_declassifying_leave_the_stamp_secret(line: str) -> None:
    verdict = _verdict(_stamped_docx_with(line), "ban-luu.docx")
    assert verdict.secret and verdict.level == "toi_mat"


# --- the specimen on the next page ---------------------------------------------------------------


def _docx_with_footer(footer: str) -> bytes:
    import docx

    document = docx.Document()
    for line in ("UBND TỈNH", "Số: 33/TTr-SNN", "TỜ TRÌNH", "Phê duyệt phương án bồi thường."):
        document.add_paragraph(line)
    document.sections[0].footer.paragraphs[0].text = footer
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("footer", ["MẬT   GIẢI MẬT", "TUYỆT MẬT GIẢI MẬT", "ĐÃ GIẢI MẬT\tTỐI MẬT"])
def test_a_level_and_its_declassification_on_one_footer_line_are_two_marks(footer: str) -> None:
    verdict = _verdict(_docx_with_footer(footer), "to-trinh.docx")
    assert not verdict.secret and verdict.declassified


@pytest.mark.parametrize(
    "footer",
    [
        "TỐI MẬT",
        "TỐI MẬT   Bản số: 02",
        # a changed level's stamp, its date row on the same line
        "TỐI MẬT Điều chỉnh ngày 27/04/2029",
        "TỐI MẬT Thay đổi độ mật theo QĐ số 12/QĐ-UBND",
    ],
)
def test_a_level_alone_on_the_footer_line_stays_secret(footer: str) -> None:
    verdict = _verdict(_docx_with_footer(footer), "to-trinh.docx")
    assert verdict.secret and verdict.level == "toi_mat" and not verdict.declassified


def test_an_archive_holding_a_declassified_document_and_nothing_secret_is_declassified() -> None:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("to-trinh.docx", _docx_with_footer("MẬT   GIẢI MẬT"))
        archive.writestr("ghi-chu.txt", "Danh sách tài liệu gửi kèm.".encode())
    results = scan_bytes(out.getvalue(), "ho-so.zip")
    assert not results[0].secret and results[0].declassified
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("to-trinh.docx", _docx_with_footer("MẬT   GIẢI MẬT"))
        archive.writestr("bao-cao.docx", _docx_with_footer("TỐI MẬT"))
    results = scan_bytes(out.getvalue(), "ho-so.zip")
    assert results[0].secret and results[0].level == "toi_mat"


def _training_deck(caption: str) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Inches, Pt

    deck = Presentation()
    slides = [
        ["Tập huấn nghiệp vụ bảo vệ bí mật nhà nước", "Phòng An ninh đối nội"],
        ["Mẫu dấu độ mật", caption],
    ]
    for lines in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        for row, line in enumerate(lines):
            box = slide.shapes.add_textbox(Inches(1), Inches(1 + row), Inches(8), Inches(0.6))
            box.text_frame.text = line
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(0.4), Inches(0.2), Inches(2), Inches(0.5))
    run = box.text_frame.paragraphs[0].add_run()
    run.text, run.font.size, run.font.bold = "TỐI MẬT", Pt(20), True
    run.font.color.rgb = RGBColor(0xC8, 0x18, 0x1E)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_stamp_on_the_slide_its_caption_calls_a_specimen_is_not_secret() -> None:
    caption = "Hình ở trang sau là mẫu dấu, chỉ dùng để minh họa khi tập huấn."
    assert not _verdict(_training_deck(caption), "tap-huan.pptx").secret


def test_without_that_caption_the_stamp_on_a_later_slide_counts() -> None:
    verdict = _verdict(_training_deck("Dấu do văn thư quản lý."), "tap-huan.pptx")
    assert verdict.level == "toi_mat" and verdict.score >= 0.5


# --- the copy's number after the level -------------------------------------------------------------


def test_the_level_before_the_copys_number_in_a_footer_is_the_stamp() -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = "UBND TỈNH KHÊ LAM", "Số: 97/KH-SNNMT"
    sheet["A4"] = "Vị trí sở chỉ huy dự bị"
    sheet.oddFooter.center.text = "MẬT Bản số: 03"
    out = io.BytesIO()
    book.save(out)
    verdict = _verdict(out.getvalue(), "bieu.xlsx")
    assert verdict.secret and verdict.level == "mat"


# --- a mail whose plain version points at the HTML one -----------------------------------------------


def test_a_mail_whose_document_is_only_in_its_html_version_is_read_there() -> None:
    doc = make_doc(random.Random(92), "tuyet_mat")
    message = EmailMessage()
    message["Subject"] = "V/v gửi báo cáo"
    message.set_content("Xem nội dung văn bản ở phần HTML.")
    rows = "".join(f"<p>{line}</p>" for line in doc.all_lines())
    message.add_alternative(f"<html><body>{rows}</body></html>", subtype="html")
    verdict = _verdict(message.as_bytes(), "thu.eml")
    assert verdict.secret and verdict.level == "tuyet_mat"


RED_BOX = (
    '<div style="border:2px solid #c00;color:#c00;display:inline-block;font-weight:bold">'
    "<span>TUYỆ</span><span>T MẬT</span></div>"
)
GREETING = "<p>Kính gửi anh/chị,</p>"
MAIL_LINES = "".join(
    f"<p>{line}</p>"
    for line in (
        "Cán bộ trong diện quy hoạch chức danh chủ chốt nhiệm kỳ 2026 - 2031.",
        "Kết quả phiếu tín nhiệm được ghi tại cột 7 và chỉ phục vụ Ban Thường vụ.",
    )
)


@pytest.mark.parametrize("plain", [None, "Nội dung xem ở bản HTML."])
def test_a_mails_html_body_keeps_the_red_of_its_level_box(plain: str | None) -> None:
    """The level in a red box between a greeting and the text, as a web page draws it: red
    there as on a page, whether the HTML is the only body or stands beside a plain pointer."""
    message = EmailMessage()
    message["Subject"] = "Gửi danh sách số 48"
    html = f"<html><body>{GREETING}{RED_BOX}{MAIL_LINES}</body></html>"
    if plain is None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(plain)
        message.add_alternative(html, subtype="html")
    verdict = _verdict(message.as_bytes(), "thu.eml")
    assert verdict.secret and verdict.level == "tuyet_mat"


# --- stamp pictures ------------------------------------------------------------------------------------


def test_a_stamp_picture_pasted_askew_is_read() -> None:
    picture = Image.open(io.BytesIO(stamp_picture("TUYỆT MẬT")))
    turned = picture.rotate(11, expand=True, fillcolor="white")
    out = io.BytesIO()
    turned.save(out, format="PNG")
    doc = make_doc(random.Random(93), "tuyet_mat")
    verdict = _verdict(docx_with_picture(doc, out.getvalue(), width_mm=40), "to-trinh.docx")
    assert verdict.secret and verdict.level == "tuyet_mat"


def _deck_with(shape_of: object) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    box = slide.shapes.add_textbox(Inches(1), Inches(2.5), Inches(8), Inches(0.6))
    box.text_frame.text = "PHƯƠNG ÁN Bảo đảm an toàn đập, hồ chứa nước trong tình huống xả lũ"
    shape_of(slide)  # type: ignore[operator]
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_small_black_stamp_picture_alone_on_a_slide_is_read() -> None:
    from pptx.util import Inches

    picture = Image.new("RGB", (207, 104), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((3, 3, 203, 100), outline="black", width=5)
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    face = ImageFont.truetype(str(FONTS / "DejaVuSerif-Bold.ttf"), 46)
    draw.text((30, 22), "MẬT", font=face, fill="black")
    out = io.BytesIO()
    picture.save(out, format="PNG")

    def add(slide: object) -> None:
        slide.shapes.add_picture(  # type: ignore[attr-defined]
            io.BytesIO(out.getvalue()), Inches(0.4), Inches(0.25), width=Inches(0.95)
        )

    verdict = _verdict(_deck_with(add), "bao-cao.pptx")
    assert verdict.secret and verdict.level == "mat"


def test_an_old_level_struck_through_on_a_slide_gives_way_to_the_new_one() -> None:
    from pptx.util import Inches

    def add(slide: object) -> None:
        for row, (text, struck) in enumerate([("TUYỆT MẬT", True), ("MẬT", False)]):
            box = slide.shapes.add_textbox(  # type: ignore[attr-defined]
                Inches(0.4), Inches(0.2 + 0.6 * row), Inches(2), Inches(0.5)
            )
            run = box.text_frame.paragraphs[0].add_run()
            run.text = text
            if struck:
                run.font._rPr.set("strike", "sngStrike")

    verdict = _verdict(_deck_with(add), "ke-hoach.pptx")
    assert verdict.level == "mat"
    assert [e.rule for e in verdict.evidence if e.text == "TUYỆT MẬT"] == []


# --- the new level on the change stamp's own row ---------------------------------------------------


def _changed_docx(rows: list[str], *, strike_old: bool) -> bytes:
    import docx

    document = docx.Document()
    for line in ("ỦY BAN NHÂN DÂN TỈNH", "Số: 52/DS-UBND"):
        document.add_paragraph(line)
    document.add_paragraph().add_run("MẬT").font.strike = strike_old
    for row in rows:
        document.add_paragraph(row)
    for line in ("DANH SÁCH", "Cán bộ trong diện quy hoạch chức danh chủ chốt."):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "rows",
    [
        ["ĐIỀU CHỈNH ĐỘ MẬT", "Thành: TỐI MẬT", "Theo QĐ số 97/QĐ-UBND ngày 20/04/2026"],
        ["ĐIỀU CHỈNH ĐỘ MẬT Thành: TỐI MẬT Theo QĐ số 58/QĐ-UBND ngày 26/06/2026"],
        ["ĐIỀU CHỈNH ĐỘ MẬT", "Thành Tối mật"],
    ],
)
@pytest.mark.parametrize("strike_old", [True, False])
def test_the_new_level_on_the_change_stamps_row_is_the_level(
    rows: list[str], strike_old: bool
) -> None:
    verdict = _verdict(_changed_docx(rows, strike_old=strike_old), "danh-sach.docx")
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_row_naming_a_level_without_the_change_stamp_changes_nothing() -> None:
    verdict = _verdict(_changed_docx(["Thành: TỐI MẬT"], strike_old=False), "danh-sach.docx")
    assert verdict.secret and verdict.level == "mat"


# --- a level crossed out on paper -------------------------------------------------------------------


def _stamp_on(
    draw: ImageDraw.ImageDraw, text: str, left: int, top: int, *, extra: str = "", pen: int = 2
) -> int:
    """A framed red stamp of `text` at (left, top), 150 dpi; `extra` draws a line over it: a
    stroke `pen` pixels wide through its letters ("struck"), under them ("underlined"), or a
    second line of the stamp under a rule ("rule"). Returns the frame's right edge."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 26)
    small = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 15)
    width = int(draw.textlength(text, font=font))
    right, bottom = left + width + 24, top + 46 + (30 if extra == "rule" else 0)
    draw.rectangle((left, top, right, bottom), outline=RED, width=3)
    draw.text((left + 12, top + 8), text, fill=RED, font=font)
    if extra == "struck":
        draw.line((left - 14, top + 24, right + 14, top + 22), fill=RED, width=pen)
    elif extra == "underlined":
        draw.line((left + 12, top + 38, right - 12, top + 38), fill=RED, width=2)
    elif extra == "rule":
        draw.line((left, top + 46, right, top + 46), fill=RED, width=2)
        draw.text((left + 12, top + 52), "Từ ngày 12/3/2027", fill=RED, font=small)
    return right


@pytest.mark.parametrize(
    ("extra", "struck"), [("struck", True), ("", False), ("underlined", False), ("rule", False)]
)
def test_a_stroke_through_a_stamps_letters_crosses_it_out(extra: str, struck: bool) -> None:
    from bmnn.scanner.engine.extract.images import crossed_out, red_mask, stamp_regions

    page = Image.new("RGB", (500, 160), "white")
    _stamp_on(ImageDraw.Draw(page), "TỐI MẬT", 60, 30, extra=extra)
    mask = red_mask(page)
    (region,) = stamp_regions(mask)
    assert crossed_out(mask.crop(region)) is struck


def _changed_level_scan(old: str, new: str, pen: int) -> bytes:
    """The old level crossed out by a pen stroke above the new one, the change's note too small
    to read (TT24 Form 06 as offices stamp it)."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    def stamps(draw: ImageDraw.ImageDraw) -> None:
        _stamp_on(draw, old, 150, 230, extra="struck", pen=pen)
        _stamp_on(draw, new, 150, 300)
        tiny = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 6)
        note = "Thay đổi độ mật theo CV số 41/UBND-VP ngày 02/3/2027"
        draw.text((120, 356), note, fill=RED, font=tiny)

    return saved(letter_page(stamps))


@pytest.mark.parametrize(
    ("old", "new", "level", "pen"),
    [
        ("TỐI MẬT", "TUYỆT MẬT", "tuyet_mat", 1),
        ("MẬT", "TỐI MẬT", "toi_mat", 1),
        ("TUYỆT MẬT", "MẬT", "mat", 1),
        ("TỐI MẬT", "MẬT", "mat", 1),
        ("TUYỆT MẬT", "MẬT", "mat", 2),
    ],
)
def test_a_level_crossed_out_on_a_scan_gives_way_to_the_new_one(
    old: str, new: str, level: str, pen: int
) -> None:
    """The page's own reading and the stamp's are both of the crossed-out mark: both are void."""
    verdict = _verdict(_changed_level_scan(old, new, pen), "bao-cao.pdf")
    assert verdict.secret and verdict.level == level


# --- a cut-out stamp that lost its transparency --------------------------------------------------


def _cut_out_stamp(ink: tuple[int, int, int], text: str = "MẬT") -> Image.Image:
    """A stamp drawn on a transparent picture, then flattened as a JPEG flattens it: black where
    it was clear."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 34)
    picture = Image.new("RGBA", (170, 76), (0, 0, 0, 0))
    draw = ImageDraw.Draw(picture)
    draw.rectangle((3, 3, 166, 72), outline=(*ink, 255), width=4)
    draw.text((85, 38), text, fill=(*ink, 255), font=font, anchor="mm")
    return picture.convert("RGB")


def test_a_cut_out_stamp_flattened_to_black_on_a_web_page_is_read() -> None:
    import base64

    out = io.BytesIO()
    _cut_out_stamp((122, 24, 34)).save(out, format="JPEG", quality=85)
    src = "data:image/jpeg;base64," + base64.b64encode(out.getvalue()).decode()
    page = (
        '<html><head><meta charset="utf-8"></head><body><img src="' + src + '">'
        "<h1>Kế hoạch bảo vệ mục tiêu</h1><p>Phân công lực lượng các tổ công tác.</p></body></html>"
    )
    verdict = _verdict(page.encode(), "ke-hoach.html")
    assert verdict.secret and verdict.level == "mat"


@pytest.mark.parametrize(
    "picture",
    [
        _cut_out_stamp((235, 235, 235), "MẬT KHẨU"),  # white letters on black: not a cut-out
        _cut_out_stamp((40, 90, 200)),  # blue ink on black
        Image.new("RGB", (900, 600), (20, 20, 20)),  # a dark photo
    ],
)
def test_black_is_made_paper_only_around_red_ink_of_a_small_picture(picture: Image.Image) -> None:
    from bmnn.scanner.engine.extract.images import on_white

    assert on_white(picture).tobytes() == picture.tobytes()


# --- photos ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("letter", "squeeze"), [("B", (0.65, 1.0)), ("C", (1.0, 0.62))])
def test_an_envelope_ring_squeezed_by_the_cameras_angle_is_read(letter: str, squeeze) -> None:
    sheet, _ = marked_envelope(letter, seed=300 + ord(letter))
    image = photographed(sheet, random.Random(4))
    squeezed = image.resize((int(image.width * squeeze[0]), int(image.height * squeeze[1])))
    assert letters(squeezed) == [letter]


def test_a_light_grey_band_across_the_page_is_not_read_as_a_faint_stamp(monkeypatch) -> None:
    """A photo's shading can make a band of light grey as wide as the page; whatever Tesseract
    makes of it is noise (once it spelled "TI MAT"), and a level stamp is never that wide."""
    from bmnn.scanner.engine.extract import images

    page = Image.new("RGB", (1600, 600), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 80, 1540, 400), fill=(130, 130, 130))
    draw.rectangle((200, 470, 500, 560), fill=(130, 130, 130))  # a stamp-sized grey patch
    seen: list[tuple[float, float, float, float]] = []
    real = images.read_marks

    def spy(marks, limits, text=None):
        seen.extend(mark.box for mark in marks)
        return real(marks, limits, text)

    monkeypatch.setattr(images, "read_marks", spy)
    read_part(page, page=1, limits=DEFAULT, top=0, bottom=600, start_order=0)
    assert seen, "the stamp-sized patch is read as a faint mark"
    assert all(x1 - x0 <= images.STAMP_WIDTH for x0, _y0, x1, _y1 in seen), seen


# --- a deck's annex slide -------------------------------------------------------------------------


def _deck_with_annex(title: str) -> bytes:
    """A public first slide, then a slide titled `title` with a red stamp picture at its top."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    first = deck.slides.add_slide(deck.slide_layouts[6])
    first.shapes.add_textbox(
        Inches(1), Inches(1), Inches(8), Inches(1)
    ).text_frame.text = "Bảo vệ kho dự trữ quốc gia trong mùa mưa bão"
    annex = deck.slides.add_slide(deck.slide_layouts[6])
    annex.shapes.add_textbox(Inches(1), Inches(1.4), Inches(8), Inches(0.8)).text_frame.text = title
    annex.shapes.add_picture(
        io.BytesIO(stamp_picture("TỐI MẬT")), Inches(6.2), Inches(0.3), height=Inches(0.45)
    )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_a_stamp_picture_atop_a_decks_annex_slide_is_read() -> None:
    verdict = _verdict(_deck_with_annex("Phụ lục: bố trí lực lượng"), "trinh-chieu.pptx")
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_stamp_picture_atop_another_later_slide_is_read_there() -> None:
    """A slide that is no annex may carry its own stamp (the one secret slide of a deck)."""
    verdict = _verdict(_deck_with_annex("Kết quả tuần tra tháng 9"), "trinh-chieu.pptx")
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_specimen_picture_atop_a_later_slide_beside_its_caption_is_not_secret() -> None:
    caption = "Mẫu dấu chỉ độ mật dùng để minh họa khi tập huấn"
    assert not _verdict(_deck_with_annex(caption), "tap-huan.pptx").secret


def test_a_picture_repeated_atop_every_slide_is_read_once(monkeypatch) -> None:
    """A logo on every slide costs one reading, not one a slide."""
    from pptx import Presentation
    from pptx.util import Inches

    from bmnn.scanner.engine.extract import office

    deck = Presentation()
    for title in ("Kế hoạch tuần tra", "Lực lượng", "Phương tiện", "Tổ chức thực hiện"):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        slide.shapes.add_textbox(
            Inches(1), Inches(1.4), Inches(8), Inches(0.8)
        ).text_frame.text = title
        slide.shapes.add_picture(
            io.BytesIO(stamp_picture("SỞ NÔNG NGHIỆP")),
            Inches(6.2),
            Inches(0.3),
            height=Inches(0.45),
        )
    out = io.BytesIO()
    deck.save(out)
    handed: list[int] = []
    real = office.read_pictures_later

    def spy(blobs, result, limits, pages=None, scans=None):  # type: ignore[no-untyped-def]
        handed.append(len(blobs))
        return real(blobs, result, limits, pages, scans)

    monkeypatch.setattr(office, "read_pictures_later", spy)
    assert not _verdict(out.getvalue(), "trinh-chieu.pptx").secret
    assert handed == [1]


def _lesson_deck(levels: list[str]) -> bytes:
    """A lesson that shows one level's stamp atop each of its later slides, under a title that
    names the level but no word of a specimen ("mẫu", "ví dụ"), then a slide of questions."""
    from pptx import Presentation
    from pptx.util import Inches

    deck = Presentation()
    titles = ["Tập huấn nghiệp vụ văn thư năm 2029"]
    titles += [f"Độ {level.capitalize()}" for level in levels] + ["Câu hỏi thảo luận"]
    for number, title in enumerate(titles):
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        slide.shapes.add_textbox(
            Inches(1), Inches(1.4), Inches(8), Inches(0.8)
        ).text_frame.text = title
        if 0 < number <= len(levels):
            slide.shapes.add_picture(
                io.BytesIO(stamp_picture(levels[number - 1])),
                Inches(6.2),
                Inches(0.3),
                height=Inches(0.45),
            )
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def test_stamp_pictures_of_different_levels_atop_later_slides_are_specimens() -> None:
    """Read each on its own slide (both are read: their levels stand in the evidence), two
    levels shown one slide after another are a lesson's specimens: a deck is marked with one
    level. (One stamp picture atop a later slide stays the deck's marking: see above.)"""
    verdict = _verdict(_lesson_deck(["TỐI MẬT", "MẬT"]), "tap-huan.pptx")
    assert not verdict.secret
    read = {e.page for e in verdict.evidence if e.rule.startswith("level_stamp")}
    assert read == {2, 3}


# --- a worn stamp's dashed frame ------------------------------------------------------------------


def _dashed_stamp_scan(text: str) -> bytes:
    """A stamp whose frame came out as dashes (a worn rubber stamp): no piece of the frame
    spans the stamp."""
    from PIL import ImageFont

    from tests.corpus.scanner_corpus import FONTS

    def stamp(draw: ImageDraw.ImageDraw) -> None:
        font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 28)
        left, top = 150, 240
        right, bottom = left + int(draw.textlength(text, font=font)) + 30, top + 52
        draw.text((left + 15, top + 10), text, fill=RED, font=font)
        for inset in (0, 5):
            for x in range(left + inset, right - inset, 14):  # dashes along the top and bottom
                draw.line((x, top + inset, x + 8, top + inset), fill=RED, width=2)
                draw.line((x, bottom - inset, x + 8, bottom - inset), fill=RED, width=2)
            for y in range(top + inset, bottom - inset, 14):  # and down the sides
                draw.line((left + inset, y, left + inset, y + 8), fill=RED, width=2)
                draw.line((right - inset, y, right - inset, y + 8), fill=RED, width=2)

    return saved(letter_page(stamp), "JPEG")


@pytest.mark.parametrize(("text", "level"), [("TUYỆT MẬT", "tuyet_mat"), ("TỐI MẬT", "toi_mat")])
def test_a_stamp_whose_frame_came_out_in_dashes_is_read(text: str, level: str) -> None:
    verdict = _verdict(_dashed_stamp_scan(text), "scan_0001.jpg")
    assert verdict.secret and verdict.level == level
