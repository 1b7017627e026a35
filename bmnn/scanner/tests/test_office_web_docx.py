"""Word files: a level struck through comes out as a `struck` block (strike, double strike, a
character style; the old level beside the new one on one line); every part that can hold a stamp
is read: even-page and first-page headers of every section, footers, content controls, tables in
tables, text boxes in headers (once, not twice), WordArt and watermarks."""

from __future__ import annotations

import io
import random

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract import extract
from bmnn.scanner.engine.model import HEADER
from tests.corpus.families.office_web import _changed_lines, _declassified_lines, _struck_docx

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEAD = ["UBND TỈNH BẮC LÂM", "SỞ Y TẾ", "Số: 12/BC-SYT"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO", "Nội dung"]


def _docx(build, lines: list[str] = HEAD + RIGHT) -> bytes:
    from docx import Document

    document = Document()
    build(document)
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _blocks(data: bytes, word: str = "MẬT") -> list[tuple[str, bool]]:
    return [(b.text, b.struck) for b in extract(data, "a.docx").blocks if word in b.text]


@pytest.mark.parametrize("how", ["strike", "dstrike", "style", "paragraph-style"])
def test_a_struck_level_is_a_struck_block(how) -> None:
    from docx.oxml import parse_xml

    def build(document) -> None:
        styles = document.styles.element
        styles.append(
            parse_xml(
                f'<w:style {W} w:type="character" w:styleId="Cu"><w:name w:val="Cũ"/>'
                "<w:rPr><w:dstrike/></w:rPr></w:style>"
            )
        )
        styles.append(
            parse_xml(
                f'<w:style {W} w:type="paragraph" w:styleId="DauCu"><w:name w:val="Dấu cũ"/>'
                '<w:basedOn w:val="Normal"/><w:rPr><w:strike/></w:rPr></w:style>'
            )
        )
        for line in HEAD:
            document.add_paragraph(line)
        paragraph = document.add_paragraph()
        run = paragraph.add_run("MẬT")
        if how == "strike":
            run.font.strike = True
        elif how == "dstrike":
            run.font.double_strike = True
        elif how == "style":
            run._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {W} w:val="Cu"/>'))
        else:
            paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:pStyle {W} w:val="DauCu"/>'))
        document.add_paragraph("ĐIỀU CHỈNH ĐỘ MẬT")
        document.add_paragraph("TỐI MẬT")

    data = _docx(build, RIGHT)
    assert _blocks(data) == [("MẬT", True), ("ĐIỀU CHỈNH ĐỘ MẬT", False), ("TỐI MẬT", False)]
    verdict = scan_bytes(data, "a.docx")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_strike_switched_off_is_not_struck() -> None:
    from docx.oxml import parse_xml

    def build(document) -> None:
        styles = document.styles.element
        styles.append(
            parse_xml(
                f'<w:style {W} w:type="character" w:styleId="Cu"><w:name w:val="Cũ"/>'
                "<w:rPr><w:strike/></w:rPr></w:style>"
            )
        )
        run = document.add_paragraph().add_run("TỐI MẬT")
        run._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {W} w:val="Cu"/>'))
        run._r.get_or_add_rPr().append(parse_xml(f'<w:strike {W} w:val="0"/>'))  # direct wins
        document.add_paragraph().add_run("MẬT").font.strike = False

    assert _blocks(_docx(build, [])) == [("TỐI MẬT", False), ("MẬT", False)]


def test_old_and_new_level_on_one_line_are_two_blocks() -> None:
    def build(document) -> None:
        for line in HEAD:
            document.add_paragraph(line)
        paragraph = document.add_paragraph()
        paragraph.add_run("Độ mật: ")
        paragraph.add_run("TUYỆT MẬT").font.strike = True
        paragraph.add_run("  TỐI MẬT")
        document.add_paragraph("ĐIỀU CHỈNH ĐỘ MẬT")

    data = _docx(build, RIGHT)
    assert _blocks(data)[:2] == [("Độ mật: TỐI MẬT", False), ("TUYỆT MẬT", True)]
    whole = _docx(lambda d: d.add_paragraph().add_run("MẬT").font.__setattr__("strike", True), [])
    assert _blocks(whole) == [("MẬT", True)]  # every letter struck: one struck block


@pytest.mark.parametrize("placement", ["paragraphs", "table", "page-header", "textbox"])
def test_changed_and_declassified_documents_from_the_family(placement) -> None:
    rng = random.Random(len(placement))
    changed = _struck_docx(rng, _changed_lines(rng, "toi_mat"), placement)
    assert any(struck for _text, struck in _blocks(changed))
    verdict = scan_bytes(changed, "c.docx")[0]
    assert verdict.secret and verdict.level == "toi_mat"
    declassified = _struck_docx(rng, _declassified_lines(rng, "mat"), placement)
    assert ("MẬT", True) in _blocks(declassified)
    verdict = scan_bytes(declassified, "d.docx")[0]
    assert verdict.declassified and not verdict.secret


def _header_parts(document) -> None:
    from docx.enum.section import WD_SECTION

    document.settings.odd_and_even_pages_header_footer = True
    document.sections[0].even_page_header.paragraphs[0].text = "TỐI MẬT (chẵn)"
    document.sections[0].footer.paragraphs[0].text = "MẬT (chân trang)"
    document.add_paragraph("Phần một")
    second = document.add_section(WD_SECTION.NEW_PAGE)
    second.header.is_linked_to_previous = False
    second.different_first_page_header_footer = True
    second.first_page_header.paragraphs[0].text = "TUYỆT MẬT (trang đầu phần hai)"
    second.header.paragraphs[0].text = "Phần hai"


def test_every_header_and_footer_of_every_section_is_read() -> None:
    blocks = extract(_docx(_header_parts), "a.docx").blocks
    marks = [(b.text, b.zone, b.origin) for b in blocks if "MẬT" in b.text]
    assert set(marks) == {
        ("TỐI MẬT (chẵn)", HEADER, "page-header"),
        ("MẬT (chân trang)", HEADER, "page-header"),
        ("TUYỆT MẬT (trang đầu phần hai)", HEADER, "page-header"),
    }
    assert len(marks) == 3


def test_content_controls_nested_tables_header_text_boxes_and_watermarks() -> None:
    from docx.oxml import parse_xml

    box = (
        f'<w:p {W} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
        "<wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>TỐI MẬT (hộp)</w:t></w:r></w:p></w:txbxContent>"
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>"
        "<w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>TỐI MẬT (hộp)</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    watermark = (
        f'<w:p {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape>'
        '<v:textpath string="TUYỆT MẬT"/></v:shape></w:pict></w:r></w:p>'
    )
    control = (
        f"<w:sdt {W}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>MẬT (ô nhập)</w:t></w:r></w:p>"
        "</w:sdtContent></w:sdt>"
    )

    def build(document) -> None:
        header = document.sections[0].header._element
        header.append(parse_xml(box))
        header.append(parse_xml(watermark))
        document.element.body.insert(0, parse_xml(control))
        outer = document.add_table(rows=1, cols=2)
        inner = outer.rows[0].cells[0].add_table(rows=1, cols=1)
        inner.rows[0].cells[0].text = "MẬT (bảng lồng)"

    marks = [(b.text, b.origin) for b in extract(_docx(build), "a.docx").blocks if "MẬT" in b.text]
    assert sorted(marks) == sorted(
        [
            ("TỐI MẬT (hộp)", "page-header"),
            ("TUYỆT MẬT", "page-header"),
            ("MẬT (ô nhập)", "text"),
            ("MẬT (bảng lồng)", "table"),
        ]
    )


def test_a_watermark_alone_marks_the_document() -> None:
    from docx.oxml import parse_xml

    def build(document) -> None:
        document.sections[0].header._element.append(
            parse_xml(
                f'<w:p {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:r><w:pict><v:shape>'
                '<v:textpath string="MẬT"/></v:shape></w:pict></w:r></w:p>'
            )
        )

    verdict = scan_bytes(_docx(build), "a.docx")[0]
    assert verdict.secret and verdict.level == "mat"
