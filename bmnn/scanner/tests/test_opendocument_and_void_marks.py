"""OpenDocument text (LibreOffice's ODT) is read like a Word file — header block, page headers,
text frames, bordered paragraphs, words crossed out, red text, pictures of the header — and a
marking that is void is not a secret: a level crossed out alone, a declassification stamp
followed by its decision, an old level struck through in a web page beside the new one."""

from __future__ import annotations

import io
import zipfile

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.detect import _other_stamp, change_of_level
from bmnn.scanner.engine.extract import extract, sniff
from bmnn.scanner.engine.limits import ExtractError

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink"'
)
STYLES = """
<style:style style:name="Bold" style:family="paragraph">
  <style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Boxed" style:family="paragraph" style:parent-style-name="Bold">
  <style:paragraph-properties fo:border="0.06cm solid #b01020" fo:padding="0.1cm"/>
  <style:text-properties fo:color="#b01020"/></style:style>
<style:style style:name="Gone" style:family="text">
  <style:text-properties style:text-line-through-style="solid"/></style:style>
<style:style style:name="Red" style:family="text">
  <style:text-properties fo:color="#c00000" fo:font-weight="700"/></style:style>
"""
HEADER_TABLE = """
<table:table table:name="H"><table:table-row>
  <table:table-cell><text:p>ỦY BAN NHÂN DÂN TỈNH BẮC LÂM</text:p>
    <text:p text:style-name="Bold">SỞ XÂY DỰNG</text:p><text:p>Số: 88/BC-SXD</text:p></table:table-cell>
  <table:table-cell><text:p text:style-name="Bold">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</text:p>
    <text:p>Độc lập - Tự do - Hạnh phúc</text:p>
    <text:p>Bắc Lâm, ngày 02 tháng 11 năm 2026</text:p></table:table-cell>
</table:table-row></table:table>
"""
BODY = """
<text:p text:style-name="Bold">BÁO CÁO</text:p>
<text:p>Kết quả rà soát công trình phòng thủ trên địa bàn tỉnh năm 2026.</text:p>
<text:p>Các đơn vị tiếp tục thực hiện theo kế hoạch đã ban hành.</text:p>
"""


def odt(
    body: str,
    *,
    page_header: str = "",
    pictures: dict[str, bytes] | None = None,
    mimetype: str = "application/vnd.oasis.opendocument.text",
) -> bytes:
    master = (
        f"<style:master-page style:name='Standard'><style:header>{page_header}</style:header>"
        "</style:master-page>"
        if page_header
        else ""
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS}>'
        f"<office:automatic-styles>{STYLES}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-styles {NS}>'
        f"<office:master-styles>{master}</office:master-styles></office:document-styles>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content)
        archive.writestr("styles.xml", styles)
        for name, data in (pictures or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def verdict(data: bytes, name: str = "van-ban.odt"):  # type: ignore[no-untyped-def]
    return scan_bytes(data, name)[0]


def test_an_odt_is_recognised_by_its_content() -> None:
    assert sniff(odt(BODY), "tai-lieu.bin") == "odf"
    assert extract(odt(BODY), "x.odt").kind == "odt"


def test_a_level_in_a_bordered_paragraph_under_the_number_is_secret() -> None:
    data = odt(HEADER_TABLE + '<text:p text:style-name="Boxed">TỐI MẬT</text:p>' + BODY)
    found = verdict(data)
    assert found.secret and found.level == "toi_mat"
    stamp = next(b for b in extract(data, "x.odt").blocks if b.text == "TỐI MẬT")
    assert stamp.origin == "textbox" and stamp.red and stamp.bold and stamp.zone == "header"


def test_a_level_in_a_text_frame_is_secret() -> None:
    frame = (
        '<text:p><draw:frame draw:name="F1" svg:width="3cm" svg:height="1cm"><draw:text-box>'
        "<text:p>MẬT</text:p></draw:text-box></draw:frame></text:p>"
    )
    found = verdict(odt(HEADER_TABLE + frame + BODY))
    assert found.secret and found.level == "mat"


def test_a_level_typed_in_the_page_header_is_secret() -> None:
    header = '<text:p text:style-name="Bold">TUYỆT MẬT</text:p>'
    found = verdict(odt(HEADER_TABLE + BODY, page_header=header))
    assert found.secret and found.level == "tuyet_mat"


def test_the_same_document_without_a_level_is_not_secret() -> None:
    found = verdict(odt(HEADER_TABLE + BODY, page_header="<text:p>Trang 1</text:p>"))
    assert not found.secret and found.level is None


def test_a_red_level_in_a_span_is_read_as_red() -> None:
    data = odt(HEADER_TABLE + '<text:p><text:span text:style-name="Red">MẬT</text:span></text:p>')
    stamp = next(b for b in extract(data, "x.odt").blocks if b.text == "MẬT")
    assert stamp.red and stamp.bold


def test_a_changed_level_keeps_the_new_one() -> None:
    old_and_new = (
        '<text:p><text:span text:style-name="Gone">MẬT</text:span></text:p>'
        "<text:p>ĐIỀU CHỈNH ĐỘ MẬT</text:p>"
        '<text:p text:style-name="Boxed">TUYỆT MẬT</text:p>'
    )
    found = verdict(odt(HEADER_TABLE + old_and_new + BODY))
    assert found.secret and found.level == "tuyet_mat"


def test_a_declassified_odt_with_the_old_level_crossed_out_is_not_secret() -> None:
    marks = (
        '<text:p><text:span text:style-name="Gone">MẬT</text:span></text:p>'
        "<text:p>ĐÃ GIẢI MẬT QĐ số 189/QĐ-UBND ngày 12/08/2026</text:p>"
    )
    found = verdict(odt(HEADER_TABLE + marks + BODY))
    assert not found.secret and found.declassified


def test_a_level_crossed_out_alone_is_not_a_live_marking() -> None:
    """Nothing else beside it: the crossed-out level is void, not the document's level."""
    marks = '<text:p><text:span text:style-name="Gone">TỐI MẬT</text:span></text:p>'
    assert not verdict(odt(HEADER_TABLE + marks + BODY)).secret


def test_a_stamp_pasted_as_a_picture_in_the_header_block_is_read() -> None:
    from bmnn.scanner.engine import ocr
    from tests.corpus.scanner_corpus import stamp_picture

    assert ocr.available("vie"), "Tesseract is missing (./dev test installs it)"

    picture = stamp_picture("TỐI MẬT")
    frame = (
        '<text:p><draw:frame draw:name="S" svg:width="4cm" svg:height="1.2cm">'
        '<draw:image xlink:href="Pictures/stamp.png"/></draw:frame></text:p>'
    )
    found = verdict(odt(HEADER_TABLE + frame + BODY, pictures={"Pictures/stamp.png": picture}))
    assert found.secret and found.level == "toi_mat"


def test_a_picture_named_outside_the_file_is_not_fetched() -> None:
    frame = (
        '<text:p><draw:frame draw:name="S"><draw:image xlink:href="http://192.0.2.1/s.png"/>'
        '</draw:frame><draw:frame draw:name="T"><draw:image xlink:href="../../etc/passwd"/>'
        "</draw:frame></text:p>"
    )
    found = verdict(odt(HEADER_TABLE + frame + BODY))
    assert not found.secret and found.error is None


def test_a_damaged_odt_is_an_error_not_a_crash() -> None:
    data = odt(BODY).replace(b"</office:text>", b"</office:txt>")
    with pytest.raises(ExtractError):
        extract(data, "x.odt")
    assert verdict(data).error is not None


def test_a_spreadsheet_and_slides_in_opendocument_are_read() -> None:
    sheet = odt(
        "<text:p>TỐI MẬT</text:p>", mimetype="application/vnd.oasis.opendocument.spreadsheet"
    )
    assert extract(sheet, "x.ods").kind == "ods"
    slides = odt("<text:p>MẬT</text:p>", mimetype="application/vnd.oasis.opendocument.presentation")
    assert extract(slides, "x.odp").kind == "odp"


def test_a_struck_old_level_in_a_web_page_beside_the_new_one() -> None:
    page = (
        "<html><body><p>UBND TỈNH BẮC LÂM</p><p>Số: 12/TTr-SXD</p>"
        "<p><s>TUYỆT MẬT</s></p><p>TỐI MẬT</p>"
        "<p>Thay đổi độ mật theo CV số 19/UBND-NC ngày 06/06/2026</p>"
        "<p>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p><p>TỜ TRÌNH</p></body></html>"
    ).encode()
    found = verdict(page, "to-trinh.html")
    assert found.secret and found.level == "toi_mat"
    lines = {b.text: b.struck for b in extract(page, "x.html").blocks}
    assert lines["TUYỆT MẬT"] is True and lines["TỐI MẬT"] is False


def test_a_line_through_style_crosses_out_part_of_a_line() -> None:
    page = (
        "<html><head><style>.old{text-decoration:line-through}</style></head><body>"
        '<p><span class="old">MẬT</span> TỐI MẬT</p></body></html>'
    ).encode()
    blocks = extract(page, "x.html").blocks
    assert [(b.text, b.struck) for b in blocks] == [("MẬT", True), ("TỐI MẬT", False)]


def test_declassification_and_change_lines() -> None:
    assert _other_stamp("ĐÃ GIẢI MẬT QĐ số 189/QĐ-UBND ngày 12/08/2026") == "declassified_stamp"
    assert _other_stamp("GIẢI MẬT theo Quyết định số 12/QĐ-UBND") == "declassified_stamp"
    assert _other_stamp("ĐÃ GIẢI MẬT") == "declassified_stamp"
    # a sentence about declassifying is no stamp
    assert _other_stamp("Giải mật theo quy định tại Điều 22 của Luật") is None
    assert _other_stamp("GIẢI MẬT TÀI LIỆU") is None
    assert change_of_level("Điều chỉnh độ mật thành Tối mật") == (True, "toi_mat")
    assert change_of_level("Thay đổi độ mật theo CV số 33/UBND-NC ngày 16/05/2026") == (True, None)
    assert change_of_level("Thay đổi độ mật của tài liệu do người có thẩm quyền quyết định") == (
        False,
        None,
    )


def test_a_change_note_in_a_sentence_far_from_any_level_changes_nothing() -> None:
    """A training note that says how a level is changed, with specimen levels further down,
    is not a changed document."""
    page = (
        "<html><body><p>HƯỚNG DẪN NGHIỆP VỤ</p><p>Điều chỉnh độ mật: theo đề nghị của đơn vị</p>"
        "<p>Cán bộ cần nắm quy trình.</p><p>Quy trình gồm các bước sau.</p>"
        "<p>Bước một là đề xuất.</p><p>Bước hai là thẩm định.</p>"
        "<p>Các mẫu dấu gồm:</p><p>MẬT</p><p>TỐI MẬT</p><p>TUYỆT MẬT</p></body></html>"
    ).encode()
    assert not verdict(page, "huong-dan.html").secret
