"""Workbooks: the level in a sheet's print header or footer, the stamped document on a sheet
other than the first, a big first sheet that used up the cell limit before the next sheet's
header was reached; and damaged or hostile workbooks."""

from __future__ import annotations

import io
import random
import time
import tracemalloc
import zipfile

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract import extract
from bmnn.scanner.engine.limits import ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER
from tests.corpus.families.office_web import _shared_strings, _statistics_book
from tests.corpus.scanner_corpus import make_doc


def _book(build) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    build(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _table(sheet, rows: int = 20) -> None:
    sheet.append(["BẢNG TỔNG HỢP SỐ LIỆU NĂM 2026"])
    sheet.append(["STT", "Đơn vị", "Nội dung", "Số lượng"])
    for index in range(rows):
        sheet.append([index + 1, f"Phòng số {index % 7}", "Kết quả thực hiện nhiệm vụ", index * 3])


def _document(sheet, level: str | None) -> None:
    doc = make_doc(random.Random(5), level)
    for row, line in enumerate(doc.header_lines(), start=1):
        sheet.cell(row=row, column=1, value=line)
    for row, line in enumerate(doc.right_lines(), start=1):
        sheet.cell(row=row, column=4, value=line)
    for offset, line in enumerate(doc.body_lines()):
        sheet.cell(row=len(doc.header_lines()) + 2 + offset, column=1, value=line)


@pytest.mark.parametrize(
    ("part", "section"),
    [
        ("oddHeader", "center"),
        ("oddFooter", "right"),
        ("firstHeader", "left"),
        ("evenHeader", "right"),
        ("firstFooter", "center"),
        ("evenFooter", "left"),
    ],
)
def test_the_level_in_a_print_header_or_footer_is_a_page_header(part, section) -> None:
    def build(book) -> None:
        sheet = book.active
        _table(sheet)
        item = getattr(getattr(sheet, part), section)
        item.text, item.font, item.size, item.color = (
            "TỐI MẬT",
            "Times New Roman,Bold",
            14,
            "FF0000",
        )
        sheet.oddFooter.center.text = "Trang &P/&N"

    data = _book(build)
    marks = [b for b in extract(data, "a.xlsx").blocks if b.origin == "page-header"]
    assert [(b.text, b.zone, b.page) for b in marks if "MẬT" in b.text] == [("TỐI MẬT", HEADER, 1)]
    assert "Trang /" in [b.text for b in marks]  # the page-number fields print as nothing
    verdict = scan_bytes(data, "a.xlsx")[0]
    assert verdict.secret and verdict.level == "toi_mat"


@pytest.mark.parametrize(
    ("footer", "level"),
    [
        ("Độ mật: TỐI MẬT", "toi_mat"),
        ("ĐỘ MẬT: MẬT", "mat"),
        ("Độ mật: ....................", None),  # the blank field of a form
        ("Độ mật: ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật", None),  # a box to tick for each
        ("Độ mật: Mật", None),  # a value in running case: a form's entry, not a marking
        ("Độ mật: ☐ MẬT", None),  # one box to tick, left blank
        ("Độ mật: [ ] MẬT", None),
    ],
)
def test_a_level_field_filled_in_a_print_footer(footer: str, level: str | None) -> None:
    """A sheet that prints its marking as a field with the level in capitals on every page."""

    def build(book) -> None:
        sheet = book.active
        _table(sheet)
        sheet.oddFooter.center.text = footer

    verdict = scan_bytes(_book(build), "a.xlsx")[0]
    assert (verdict.secret, verdict.level) == (level is not None, level)


def test_print_headers_of_every_sheet_and_the_sheet_name_field() -> None:
    def build(book) -> None:
        _table(book.active)
        second = book.create_sheet("MẬT")
        _table(second, 3)
        second.oddHeader.right.text = "&A"  # the sheet's name, printed on every page

    blocks = extract(_book(build), "a.xlsx").blocks
    assert [(b.text, b.page, b.origin) for b in blocks if b.origin == "page-header"] == [
        ("MẬT", 2, "page-header")
    ]


def test_header_and_footer_codes_are_read_as_excel_prints_them() -> None:
    from bmnn.scanner.engine.extract.office import header_footer_lines

    lines = header_footer_lines(
        '&L&"Arial,Bold"&14UBND TỈNH&C&KFF0000TỐI&K01+000 MẬT&R&12Trang &P/&N&&&D'
    )
    assert lines == [("UBND TỈNH", False), ("TỐI MẬT", False), ("Trang /&", False)]
    # text before any section code is centred; a line break splits lines
    assert header_footer_lines("MẬT\nBản số: 02") == [("MẬT", False), ("Bản số: 02", False)]
    # &S strikes through: a crossed-out level, apart from what is still valid
    assert header_footer_lines("&C&SMẬT&S TỐI MẬT") == [("TỐI MẬT", False), ("MẬT", True)]
    assert header_footer_lines("&L&SGIẢI MẬT") == [("GIẢI MẬT", True)]
    # hostile: unterminated font name, dangling &, unknown codes, only codes
    assert header_footer_lines('&"Arial,Bold') == []
    assert header_footer_lines("MẬT&") == [("MẬT&", False)]
    assert header_footer_lines("&Q&W&Z&G&L&C&R") == []
    started = time.monotonic()
    assert header_footer_lines("&B" * 100_000 + "MẬT") == [("MẬT", False)]
    assert header_footer_lines("&&" * 3 + "MẬT") == [("&&&MẬT", False)]  # && prints one &
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("number", [2, 3])
@pytest.mark.parametrize("shared", [False, True])
def test_a_stamp_atop_a_later_sheet_is_that_sheets_header(number, shared) -> None:
    def build(book) -> None:
        _table(book.active, 200)
        if number == 3:
            _table(book.create_sheet("Phụ lục"), 5)
        _document(book.create_sheet("Báo cáo"), "tuyet_mat")

    data = _book(build)
    if shared:  # as Excel writes it: strings in a shared table
        data = _shared_strings(data)
        assert b"xl/sharedStrings.xml" in data
    blocks = extract(data, "a.xlsx").blocks
    stamp = next(b for b in blocks if b.text == "TUYỆT MẬT")
    assert (stamp.page, stamp.zone) == (number, HEADER)
    first = [b.zone for b in blocks if b.page == 1]
    assert first[:8] == [HEADER] * 8 and first[-1] == BODY  # the first sheet's top rows only
    verdict = scan_bytes(data, "a.xlsx")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_a_big_first_sheet_does_not_hide_the_next_sheets_header() -> None:
    """The cell limit counts the whole workbook; every sheet's header is read before it is
    spent on the body of any sheet."""

    def build(book) -> None:
        _table(book.active, 3000)
        _document(book.create_sheet("Văn bản"), "mat")

    limits = Limits(max_blocks=1000)
    extracted = extract(_book(build), "a.xlsx", limits)
    assert len(extracted.blocks) <= 1000 and "cells truncated" in extracted.notes
    assert any(b.page == 2 and b.text == "MẬT" and b.zone == HEADER for b in extracted.blocks)
    verdict = scan_bytes(_book(build), "a.xlsx", limits)[0]
    assert verdict.secret and verdict.level == "mat"


def test_a_cell_with_line_breaks_is_one_block_per_line_and_numbers_are_not_blocks() -> None:
    def build(book) -> None:
        sheet = book.active
        sheet["A1"] = "UBND TỈNH BẮC LÂM\nSỞ Y TẾ\nSố: 12/BC-SYT\nTỐI MẬT"
        sheet["D1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
        sheet["A3"], sheet["B3"] = 42, 3.5

    blocks = extract(_book(build), "a.xlsx").blocks
    assert [b.text for b in blocks][:4] == [
        "UBND TỈNH BẮC LÂM",
        "SỞ Y TẾ",
        "Số: 12/BC-SYT",
        "TỐI MẬT",
    ]
    assert not any(b.text in ("42", "3.5") for b in blocks)
    assert scan_bytes(_book(build), "a.xlsx")[0].level == "toi_mat"


def test_rich_text_strings_are_read_whole() -> None:
    def build(book) -> None:
        _table(book.active, 2)

    data = _shared_strings(_book(build))
    strings = zipfile.ZipFile(io.BytesIO(data)).read("xl/sharedStrings.xml").decode()
    rich = (
        "<si><r><rPr><b/></rPr><t>TỐI</t></r></si>"  # one formatted run
        '<si><r><t>TUYỆT </t></r><r><rPr><color rgb="FFFF0000"/></rPr><t>MẬT</t></r>'
        "<rPh sb='0' eb='1'><t>x</t></rPh></si>"  # two runs and a phonetic guide
    )
    strings = strings.replace("</sst>", rich + "</sst>")
    count = strings.count("<si>")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    sheet = sheet.replace(
        "</sheetData>",
        f'<row r="30"><c r="A30" t="s"><v>{count - 2}</v></c><c r="B30" t="s"><v>{count - 1}</v></c>'
        "</row></sheetData>",
    )
    data = _rewrite(
        data, {"xl/sharedStrings.xml": strings.encode(), "xl/worksheets/sheet1.xml": sheet.encode()}
    )
    assert [b.text for b in extract(data, "a.xlsx").blocks][-2:] == ["TỐI", "TUYỆT MẬT"]


def test_a_text_box_drawn_atop_a_sheet_is_read() -> None:
    def build(book) -> None:
        _table(book.active)

    data = _book(build)
    drawing = (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
        "<xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
        "<xdr:to><xdr:col>7</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        "<xdr:sp><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>TUYỆT </a:t></a:r><a:r><a:t>MẬT</a:t></a:r></a:p>"
        "</xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>"
    )
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" '
        'Target="../drawings/drawing1.xml"/></Relationships>'
    )
    data = _rewrite(
        data,
        {
            "xl/drawings/drawing1.xml": drawing.encode(),
            "xl/worksheets/_rels/sheet1.xml.rels": rels.encode(),
        },
    )
    boxes = [b for b in extract(data, "a.xlsx").blocks if b.origin == "textbox"]
    assert [(b.text, b.zone) for b in boxes] == [("TUYỆT MẬT", HEADER)]


def test_the_statistics_workbook_with_levels_as_headings_on_sheet_two_is_not_secret() -> None:
    for seed in range(3):
        data = _statistics_book(random.Random(seed), 2 + seed % 2)
        blocks = extract(data, "s.xlsx").blocks
        assert {"TUYỆT MẬT", "TỐI MẬT", "MẬT"} <= {b.text for b in blocks if b.zone == HEADER}
        assert not scan_bytes(data, "s.xlsx")[0].secret


def _rewrite(data: bytes, replace: dict[str, bytes], drop: tuple[str, ...] = ()) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            if name not in replace and name not in drop:
                target.writestr(name, source.read(name))
        for name, content in replace.items():
            target.writestr(name, content)
    return out.getvalue()


def _two_sheets() -> bytes:
    def build(book) -> None:
        _document(book.active, None)
        _document(book.create_sheet("Hai"), "toi_mat")

    return _book(build)


def test_a_damaged_sheet_is_noted_and_the_others_are_still_read() -> None:
    data = _two_sheets()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    damaged = _rewrite(data, {"xl/worksheets/sheet1.xml": sheet[: len(sheet) // 2] + b"<c <<"})
    extracted = extract(damaged, "a.xlsx")
    assert any("damaged sheets" in note for note in extracted.notes)
    assert scan_bytes(damaged, "a.xlsx")[0].level == "toi_mat"
    workbook = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    with pytest.raises(ExtractError) as caught:
        extract(_rewrite(data, {"xl/workbook.xml": workbook[:60]}), "a.xlsx")
    assert caught.value.code == "malformed"


def test_hostile_workbooks_end_quickly_in_bounded_memory() -> None:
    data = _two_sheets()
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa">'
        + "".join(
            f'<!ENTITY {n} "{("&" + p + ";") * 10}">'
            for p, n in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "]>"
    )
    bomb = sheet.replace('t="inlineStr"><is><t>', 't="inlineStr"><is><t>&i;', 1)
    huge_index = sheet.replace('t="inlineStr"><is><t>', 't="s"><v>99999999999</v><is><t>', 1)
    cases = {
        "entities": _rewrite(
            data, {"xl/worksheets/sheet1.xml": (laughs + bomb.split("?>", 1)[-1]).encode()}
        ),
        "shared index": _rewrite(data, {"xl/worksheets/sheet1.xml": huge_index.encode()}),
        "header string": _rewrite(
            data,
            {
                "xl/worksheets/sheet1.xml": sheet.replace(
                    "</worksheet>",
                    "<headerFooter><oddHeader>" + "&amp;K" * 5000 + "&amp;CMẬT</oddHeader>"
                    "</headerFooter></worksheet>",
                ).encode()
            },
        ),
        "no sheets": _rewrite(
            data, {}, drop=("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml")
        ),
    }
    for name, hostile in cases.items():
        started = time.monotonic()
        tracemalloc.start()
        try:
            verdicts = scan_bytes(hostile, "h.xlsx")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert time.monotonic() - started < 10, name
        assert peak < 100 * 1024 * 1024, name
        assert verdicts[0].error is None or verdicts[0].error.startswith("malformed"), name
    header = [
        b.text
        for b in extract(cases["header string"], "h.xlsx").blocks
        if b.origin == "page-header"
    ]
    assert header == ["MẬT"]
