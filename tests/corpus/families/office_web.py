"""Spreadsheets, web pages and Word files whose level is where a plain text reader does not look
(issue 18).

Families (`Item.family`):
- ``xlsx-print-header``: the level only in a sheet's print header or footer (left, centre or
  right section, odd pages, the first page, even pages), with Excel's formatting codes around
  it; the sheet holds a table, or a typed document without a level;
- ``xlsx-other-sheet``: the stamped document on sheet 2 or 3, after a data or cover sheet (the
  cells as Excel writes them: a shared-strings table, or inline strings);
- ``html-split``: the stamp line of a page written in pieces: one letter per span, one word per
  styled element, letter-spacing and no-break spaces, zero-width characters or soft hyphens
  between letters, Word's "save as web page" markup, lower case shown in capitals by CSS;
- ``html-image``: a page whose text has no level, showing the stamp in an embedded picture
  (``data:`` URI): a scanned first page, its top half, or a stamp picture under the number line;
- ``docx-struck``: a level struck through in Word (strike, double strike, a character style),
  with "ĐIỀU CHỈNH ĐỘ MẬT" and the new level (label: secret at the new level), or with
  "GIẢI MẬT" and "Từ: dd/mm/yyyy" (label: declassified, not secret).

Look-alike negatives of each shape: a print footer "Tài liệu nội bộ" or a header naming
secrets in a sentence, a statistics workbook whose sheet 2 has the three levels as column
headings, a news page with a split "TỐI MẬT" inside a headline sentence, a film page whose
title is split letter by letter, a page with a logo or an unstamped scan, an "ĐÃ KIỂM TRA"
stamp picture, a draft with struck sentences, a training handout showing Form 06.
"""

from __future__ import annotations

import base64
import html
import io
import random
import re
import zipfile
from typing import Any

from tests.corpus.common import labelled
from tests.corpus.scanner_corpus import (
    ABOUT_SECRETS,
    LEVELS,
    SENTENCES,
    Doc,
    Item,
    logo_picture,
    make_doc,
    page_image,
    stamp_picture,
)

OTHER = {"tuyet_mat": "toi_mat", "toi_mat": "mat", "mat": "toi_mat"}
CODES = ['&"Times New Roman,Bold"', "&B", "&14 ", "&KFF0000", "&12 &B", '&"Arial,Regular"&10 ']


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2025, 2026])}"


# --- spreadsheets --------------------------------------------------------------------------------


def _save(book: Any, rng: random.Random) -> bytes:
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    return _shared_strings(data) if rng.random() < 0.6 else data


def _shared_strings(data: bytes) -> bytes:
    """The workbook as Excel writes it: cell strings in one shared table (openpyxl writes them
    inline in each cell)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    table: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        text = match.group(2)
        index = table.setdefault(text, len(table))
        return f'<c r="{match.group(1)}" t="s"><v>{index}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        sheets = {}
        for name in source.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = source.read(name).decode("utf-8")
                sheets[name] = re.sub(
                    r'<c r="([A-Z]+\d+)"[^>]*t="inlineStr"[^>]*><is><t[^>]*>(.*?)</t></is></c>',
                    shared,
                    xml,
                )
        items = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in table)
        strings = (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{len(table)}" uniqueCount="{len(table)}">{items}</sst>'
        )
        for name in source.namelist():
            content = source.read(name)
            if name in sheets:
                content = sheets[name].encode("utf-8")
            elif name == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            elif name == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            target.writestr(name, content)
        target.writestr("xl/sharedStrings.xml", strings)
    return out.getvalue()


def _data_rows(sheet: Any, rng: random.Random, rows: int) -> None:
    sheet.append(["STT", "Đơn vị", "Nội dung", "Số lượng", "Ghi chú"])
    units = ["Phòng Tổng hợp", "Văn phòng", "Phòng Nghiệp vụ", "Đội Kiểm tra", "Phòng Hành chính"]
    for index in range(1, rows + 1):
        sheet.append(
            [index, rng.choice(units), rng.choice(SENTENCES)[:60], rng.randint(1, 400), ""]
        )


def _document_rows(sheet: Any, doc: Doc) -> None:
    """A typed document laid out in cells (left column the agency block, right the motto)."""
    for row, line in enumerate(doc.header_lines(), start=1):
        sheet.cell(row=row, column=1, value=line)
    for row, line in enumerate(doc.right_lines(), start=1):
        sheet.cell(row=row, column=4, value=line)
    start = max(len(doc.header_lines()), len(doc.right_lines())) + 2
    for offset, line in enumerate(doc.body_lines()):
        sheet.cell(row=start + offset, column=1, value=line)


def _print_header(sheet: Any, rng: random.Random, text: str) -> str:
    """Puts `text` in one section of one of the sheet's headers or footers, with formatting
    codes; the other sections get ordinary content. Returns where it went."""
    part = rng.choice(["oddHeader", "oddHeader", "oddFooter", "firstHeader", "evenHeader"])
    if part == "firstHeader":
        sheet.HeaderFooter.differentFirst = True
    if part == "evenHeader":
        sheet.HeaderFooter.differentOddEven = True
        sheet.oddHeader.center.text = "Trang &P"
    section = rng.choice(["left", "center", "right"])
    item = getattr(getattr(sheet, part), section)
    item.text = text
    if rng.random() < 0.6:
        item.font = rng.choice(["Times New Roman,Bold", "Arial,Bold", "Times New Roman,Regular"])
    if rng.random() < 0.5:
        item.size = rng.choice([12, 13, 14, 16])
    if rng.random() < 0.4:
        item.color = "FF0000"
    others = [s for s in ("left", "center", "right") if s != section]
    footer = sheet.oddFooter if part != "oddFooter" else sheet.oddHeader
    getattr(footer, others[0]).text = rng.choice(["Trang &P/&N", "&D", "&F", "Trang &P"])
    return f"{part}-{section}"


def _xlsx_print_header(rng: random.Random, level: str | None, negative: str = "") -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = rng.choice(["Tổng hợp", "Số liệu", "Danh sách", "Sheet1"])
    if rng.random() < 0.5:
        _document_rows(sheet, make_doc(rng, None))
    else:
        sheet.append(["BẢNG TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2026"])
        _data_rows(sheet, rng, rng.randint(10, 300))
    if level is not None:
        _print_header(sheet, rng, LEVELS[level])
    elif negative == "internal":
        _print_header(
            sheet, rng, rng.choice(["Tài liệu nội bộ", "TÀI LIỆU NỘI BỘ", "Lưu hành nội bộ"])
        )
    elif negative == "sentence":
        _print_header(
            sheet,
            rng,
            rng.choice(
                [
                    "Danh mục tài liệu mật đã giải mật",
                    "Báo cáo công tác bảo vệ bí mật nhà nước",
                    "Không đóng dấu MẬT khi chưa có ý kiến",
                ]
            ),
        )
    return _save(book, rng)


def _statistics_book(rng: random.Random, sheet_number: int) -> bytes:
    """A statistics workbook whose sheet 2 (or 3) has the three levels as column headings."""
    from openpyxl import Workbook

    book = Workbook()
    cover = book.active
    cover.title = "Bìa"
    cover.append(["THỐNG KÊ TÀI LIỆU, VẬT CHỨA BÍ MẬT NHÀ NƯỚC NĂM 2026"])
    cover.append(["Đơn vị: " + rng.choice(["Sở Tư pháp", "Sở Y tế", "Sở Nội vụ"])])
    if sheet_number == 3:
        _data_rows(book.create_sheet("Ghi chú"), rng, 5)
    sheet = book.create_sheet("Thống kê")
    sheet.append(["STT", "Loại", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "Tổng"])
    for index, kind in enumerate(["Văn bản đi", "Văn bản đến", "Sao, chụp", "Tiêu hủy"], start=1):
        values = [rng.randint(0, 5), rng.randint(0, 20), rng.randint(5, 90)]
        sheet.append([index, kind, *values, sum(values)])
    sheet.oddHeader.center.text = "Thống kê năm 2026"
    return _save(book, rng)


def _xlsx_other_sheet(rng: random.Random, level: str | None) -> bytes:
    """A data or cover sheet first; the stamped document on sheet 2 or 3."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    first.title = rng.choice(["Tổng hợp", "Bìa", "Số liệu"])
    if first.title == "Bìa":
        first.append(["HỒ SƠ KÈM THEO"])
        first.append(["Gồm các biểu số liệu và văn bản liên quan"])
    else:
        _data_rows(first, rng, rng.randint(20, 1500))
    if rng.random() < 0.5:
        _data_rows(book.create_sheet("Phụ lục"), rng, rng.randint(5, 50))
    sheet = book.create_sheet(rng.choice(["Văn bản", "Báo cáo", "Công văn"]))
    variant = rng.choice(["plain", "spaced", "merged", "right"])
    doc = make_doc(rng, level, variant="spaced" if variant == "spaced" else "plain")
    if level is not None and variant == "merged":
        # agency block in one cell with line breaks, as a merged header cell holds it
        doc.level = None
        _document_rows(sheet, doc)
        sheet.cell(
            row=1,
            column=1,
            value="\n".join([doc.parent, doc.agency, f"Số: {doc.number}", LEVELS[level]]),
        )
    elif level is not None and variant == "right":
        doc.level = None
        _document_rows(sheet, doc)
        sheet.insert_rows(1)
        sheet.cell(row=1, column=4, value=LEVELS[level])
    else:
        _document_rows(sheet, doc)
    return _save(book, rng)


def _about_secrets_book(rng: random.Random) -> bytes:
    """Sheet 2 a plan about protecting secrets (no stamp): level words only in sentences."""
    from openpyxl import Workbook

    book = Workbook()
    _data_rows(book.active, rng, rng.randint(10, 100))
    sheet = book.create_sheet("Kế hoạch")
    doc = make_doc(rng, None)
    doc.kind, doc.subject = "KẾ HOẠCH", "Thực hiện công tác bảo vệ bí mật nhà nước năm 2027"
    doc.body = rng.sample(ABOUT_SECRETS, 5)
    _document_rows(sheet, doc)
    return _save(book, rng)


# --- web pages -----------------------------------------------------------------------------------

SPLITS = (
    "letters",
    "words",
    "spacing",
    "nbsp",
    "zero-width",
    "soft-hyphen",
    "word-export",
    "css-caps",
    "source-lines",
)


def split_stamp(text: str, how: str, rng: random.Random) -> str:
    """The stamp line as HTML, written in pieces the way `how` says."""
    colour = rng.choice(["#c00", "red", "#d00000"])
    if how == "letters":
        return "".join(f"<span>{ch}</span>" if ch != " " else " " for ch in text)
    if how == "words":
        tags = [("b", "i"), ("strong", "em"), (f"span style='color:{colour}'", "b")]
        first, second = rng.choice(tags)
        words = text.split(" ")
        pieces = []
        for index, word in enumerate(words):
            tag = first if index % 2 == 0 else second
            pieces.append(f"<{tag}>{word}</{tag.split(' ')[0]}>")
        return (
            rng.choice([" ", "&nbsp;"]).join(pieces)
            if len(words) > 1
            else (f"<b>{text[:1]}</b><span>{text[1:]}</span>")
        )
    if how == "spacing":
        head, tail = text[:2], text[2:]
        return (
            f"<span style='letter-spacing:{rng.randint(2, 8)}pt;color:{colour}'>{head}</span>"
            f"<span style='letter-spacing:{rng.randint(2, 8)}pt'>{tail}</span>"
        )
    if how == "nbsp":
        return "&nbsp;&nbsp;".join("&nbsp;".join(word) for word in text.split(" "))
    if how == "zero-width":
        joiner = rng.choice(["\u200b", "&#8203;", "\u2060", "&#xFEFF;"])
        return joiner.join(text)
    if how == "soft-hyphen":
        return "".join(ch + ("&shy;" if index % 2 else "") for index, ch in enumerate(text))
    if how == "word-export":
        style = "style='font-size:13.0pt;font-family:\"Times New Roman\",serif;color:red'"
        cut = rng.randint(1, len(text) - 1)
        return (
            f"<b><span lang=VI {style}>{text[:cut]}</span></b><b><span lang=VI {style}>"
            f"{text[cut:]}<o:p></o:p></span></b>"
        )
    if how == "css-caps":
        lower = text.lower()
        if rng.random() < 0.5:
            return f"<span style='text-transform: uppercase'>{lower}</span>"
        return f"<span class='dau-mat'>{lower}</span>"
    # the page's source broken across lines inside the paragraph
    return "\n      " + "\n      ".join(text.split(" ")) + "\n    "


def _page(doc: Doc, stamp_html: str | None, rng: random.Random, picture: str = "") -> bytes:
    """A page showing the document: its header block (as paragraphs or a two-cell table), the
    stamp line (`stamp_html`, under the number line), perhaps a picture, then the body; a
    portal's navigation around it on some pages."""
    left = [html.escape(line) for line in doc.header_lines()]
    if stamp_html is not None:
        left.insert(3, stamp_html)
    if picture:
        left.insert(3, picture)
    right = [html.escape(line) for line in doc.right_lines()]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in doc.body_lines())
    if rng.random() < 0.5:
        head = (
            "<table class='hdr'><tr><td>"
            + "".join(f"<p>{x}</p>" for x in left)
            + "</td><td>"
            + "".join(f"<p>{x}</p>" for x in right)
            + "</td></tr></table>"
        )
    else:
        head = "".join(f"<p class=MsoNormal>{x}</p>" for x in left + right)
    content = f"{head}{body}"
    style = "p{margin:0}.dau-mat{text-transform:uppercase;color:#c00;font-weight:bold}"
    if rng.random() < 0.5:
        nav = "".join(
            f"<li><a href='/{i}'>{name}</a></li>"
            for i, name in enumerate(["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Liên hệ"])
        )
        content = f"<header><nav><ul>{nav}</ul></nav></header><main>{content}</main>"
    page = (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{doc.subject}</title>"
        f"<style>{style}</style></head><body>{content}</body></html>"
    )
    return page.encode("utf-8")


def _split_news(rng: random.Random) -> bytes:
    """A news page whose headline sentence has "TỐI MẬT" in styled pieces."""
    level = split_stamp(
        rng.choice(["TỐI MẬT", "TUYỆT MẬT", "MẬT"]),
        rng.choice(["words", "letters", "word-export"]),
        rng,
    )
    headline = rng.choice(
        [
            "Khởi tố cán bộ làm lộ tài liệu {}",
            "Phát hiện tài liệu {} bị đăng lên mạng",
            "VỤ LÀM LỘ TÀI LIỆU {} TẠI SỞ",
        ]
    ).format(level)
    paragraphs = "".join(f"<p>{p}</p>" for p in rng.sample(ABOUT_SECRETS, 3))
    nav = "<nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a></nav>"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
        f"{nav}<article><h1>{headline}</h1><p>Báo Bắc Lâm — Pháp luật</p>{paragraphs}</article>"
        f"</body></html>"
    ).encode()


def _split_title(rng: random.Random) -> bytes:
    """A film page whose title, the level word alone, is written one letter per span."""
    title = split_stamp(
        rng.choice(list(LEVELS.values())), rng.choice(["letters", "spacing", "css-caps"]), rng
    )
    body = "".join(f"<p>{p}</p>" for p in rng.sample(SENTENCES, 2))
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Văn hóa</title><style>"
        f".dau-mat{{text-transform:uppercase}}</style></head><body><h2>{title}</h2>"
        f"<p>Đạo diễn: Trần Văn Minh</p><p>Bộ phim tài liệu ra mắt khán giả cuối tuần này.</p>{body}"
        f"</body></html>"
    ).encode()


def _picture(data: bytes, mime: str, width: int | None = None) -> str:
    size = f" width='{width}'" if width else ""
    return f"<img alt='' src='data:{mime};base64,{base64.b64encode(data).decode()}'{size}>"


def _scan_picture(doc: Doc, rng: random.Random, part: float) -> tuple[bytes, str]:
    """The page as a scan (top `part` of it), JPEG or PNG."""
    image = page_image(doc, dpi=rng.choice([110, 130, 150]))
    width, height = image.size  # type: ignore[attr-defined]
    image = image.crop((0, 0, width, int(height * part)))  # type: ignore[attr-defined]
    out = io.BytesIO()
    if rng.random() < 0.7:
        image.convert("RGB").save(out, format="JPEG", quality=rng.randint(65, 85))
        return out.getvalue(), "image/jpeg"
    image.convert("L").save(out, format="PNG")
    return out.getvalue(), "image/png"


def _image_page(rng: random.Random, level: str | None, variant: str) -> bytes:
    doc = make_doc(rng, level)
    caption = "<p>Bản chụp văn bản:</p>"
    if variant == "stamp-picture":  # the typed page, the stamp a picture under the number line
        picture = stamp_picture(
            LEVELS[level] if level else "ĐÃ KIỂM TRA", dpi=rng.choice([150, 200, 300])
        )
        typed = make_doc(rng, None)
        return _page(typed, None, rng, picture=_picture(picture, "image/png"))
    if variant == "logo":
        return _page(
            make_doc(rng, None), None, rng, picture=_picture(logo_picture(), "image/png", 120)
        )
    data, mime = _scan_picture(doc, rng, 1.0 if variant == "scan" else rng.uniform(0.45, 0.6))
    title = f"<h1>{html.escape(doc.subject)}</h1>"
    return (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>Văn bản</title></head>"
        f"<body>{title}{caption}<p>{_picture(data, mime, 800)}</p>"
        f"<p>Ngày đăng: {_date(rng)}</p></body></html>"
    ).encode()


# --- Word ----------------------------------------------------------------------------------------

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _strike_style(document: Any) -> None:
    from docx.oxml import parse_xml

    document.styles.element.append(
        parse_xml(
            f'<w:style {W} w:type="character" w:customStyle="1" w:styleId="DauCu"><w:name w:val="Dấu cũ"/>'
            '<w:rPr><w:strike/><w:color w:val="C00000"/></w:rPr></w:style>'
        )
    )


def _struck_run(paragraph: Any, text: str, how: str) -> None:
    from docx.oxml import parse_xml

    run = paragraph.add_run(text)
    run.bold = True
    if how == "strike":
        run.font.strike = True
    elif how == "dstrike":
        run.font.double_strike = True
    else:
        run._r.get_or_add_rPr().append(parse_xml(f'<w:rStyle {W} w:val="DauCu"/>'))


def _struck_docx(rng: random.Random, lines: list[tuple[str, bool]], placement: str) -> bytes:
    """A typed document whose stamps are `lines` ((text, struck)) under the number line, in
    the header table, the page header or a text box; struck runs in one of Word's ways."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    how = rng.choice(["strike", "dstrike", "style"])
    if how == "style":
        _strike_style(document)
    doc = make_doc(rng, None)
    left, right = doc.header_lines(), doc.right_lines()

    def add(container: Any, items: list[tuple[str, bool]]) -> None:
        together = rng.random() < 0.3 and len(items) >= 2 and items[0][1] and not items[1][1]
        if together:  # the old level and the new one side by side on one line
            paragraph = container.add_paragraph()
            _struck_run(paragraph, items[0][0], how)
            paragraph.add_run("    " + items[1][0]).bold = True
            items = items[2:]
        for text, struck in items:
            paragraph = container.add_paragraph()
            if struck:
                _struck_run(paragraph, text, how)
            else:
                paragraph.add_run(text).bold = text.isupper()

    if placement == "page-header":
        header = document.sections[0].header
        header.paragraphs[0].text = ""
        add(header, lines)
        add(document, [(line, False) for line in left + right])
    elif placement == "table":
        table = document.add_table(rows=1, cols=2)
        cell_left, cell_right = table.rows[0].cells
        cell_left.text = left[0]
        add(cell_left, [(line, False) for line in left[1:]] + lines)
        cell_right.text = right[0]
        add(cell_right, [(line, False) for line in right[1:]])
    else:
        add(document, [(line, False) for line in left] + ([] if placement == "textbox" else lines))
        add(document, [(line, False) for line in right])
        if placement == "textbox":
            runs = "".join(
                "<w:p><w:r><w:rPr><w:b/>"
                + ("<w:strike/>" if struck else "")
                + f"</w:rPr><w:t>{html.escape(text)}</w:t></w:r></w:p>"
                for text, struck in lines
            )
            document.paragraphs[2]._p.append(
                parse_xml(
                    f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:140pt;'
                    f'height:60pt"><v:textbox><w:txbxContent>{runs}</w:txbxContent></v:textbox></v:shape>'
                    "</w:pict></w:r>"
                )
            )
    for line in doc.body_lines():
        paragraph = document.add_paragraph(line)
    if rng.random() < 0.3:  # an edit left visible in the body: a struck sentence
        paragraph = document.add_paragraph()
        paragraph.add_run(rng.choice(SENTENCES)).font.strike = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _changed_lines(rng: random.Random, new: str) -> list[tuple[str, bool]]:
    old = rng.choice([lv for lv in LEVELS if lv != new])
    mark = rng.choice(["ĐIỀU CHỈNH ĐỘ MẬT", "ĐIỀU CHỈNH ĐỘ MẬT"])
    lines = [(LEVELS[old], True), (mark, False), (LEVELS[new], False)]
    if rng.random() < 0.3:  # the new level first, beside the crossed-out one
        lines = [(LEVELS[old], True), (LEVELS[new], False), (mark, False)]
    return lines


def _declassified_lines(rng: random.Random, level: str) -> list[tuple[str, bool]]:
    return [(LEVELS[level], True), ("GIẢI MẬT", False), (f"Từ: {_date(rng)}", False)]


def _draft_with_edits(rng: random.Random) -> bytes:
    """A draft whose editors struck words and sentences, with no stamp at all."""
    from docx import Document

    document = Document()
    doc = make_doc(rng, None)
    for line in doc.header_lines() + doc.right_lines() + doc.body_lines():
        paragraph = document.add_paragraph()
        if rng.random() < 0.3:
            paragraph.add_run(line).font.strike = True
            paragraph.add_run(" " + rng.choice(SENTENCES))
        else:
            paragraph.add_run(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _form06_handout(rng: random.Random) -> bytes:
    """Training material showing Form 06: a struck level, the change stamp, the new level."""
    from docx import Document

    document = Document()
    for line in [
        "CÔNG AN TỈNH BẮC LÂM",
        "TÀI LIỆU TẬP HUẤN",
        "CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Mẫu số 06. Dấu điều chỉnh độ mật",
        "Ví dụ cách đóng dấu khi điều chỉnh độ mật:",
    ]:
        document.add_paragraph(line)
    new = rng.choice(list(LEVELS))
    for text, struck in _changed_lines(rng, new):
        paragraph = document.add_paragraph()
        paragraph.add_run(text).font.strike = struck
    for line in rng.sample(ABOUT_SECRETS, 3):
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- the families --------------------------------------------------------------------------------


def items(rng: random.Random, scale: int) -> list[Item]:
    found: list[Item] = []

    def add(*labels: Any, declassified: bool = False) -> None:
        found.append(labelled(*labels, declassified=declassified))

    for _ in range(scale):
        for level in LEVELS:
            for _variant in range(2):
                add(
                    f"print-header-{level}.xlsx",
                    _xlsx_print_header(rng, level),
                    level,
                    "positive",
                    "xlsx",
                    "xlsx-print-header",
                )
                add(
                    f"other-sheet-{level}.xlsx",
                    _xlsx_other_sheet(rng, level),
                    level,
                    "positive",
                    "xlsx",
                    "xlsx-other-sheet",
                )
            for how in rng.sample(SPLITS, 3):
                doc = make_doc(rng, None)
                add(
                    f"split-{level}-{how}.html",
                    _page(doc, split_stamp(LEVELS[level], how, rng), rng),
                    level,
                    "positive",
                    "html",
                    "html-split",
                )
            for variant in ("scan", "top", "stamp-picture"):
                add(
                    f"image-{level}-{variant}.html",
                    _image_page(rng, level, variant),
                    level,
                    "positive",
                    "html",
                    "html-image",
                )
            for placement in rng.sample(["paragraphs", "table", "page-header", "textbox"], 2):
                add(
                    f"struck-changed-{level}-{placement}.docx",
                    _struck_docx(rng, _changed_lines(rng, level), placement),
                    level,
                    "positive",
                    "docx",
                    "docx-struck",
                )
                add(
                    f"struck-declassified-{level}-{placement}.docx",
                    _struck_docx(rng, _declassified_lines(rng, level), placement),
                    level,
                    "declassified",
                    "docx",
                    "docx-struck",
                    declassified=True,
                )
        # look-alikes of the same shapes
        for negative in ("internal", "sentence"):
            add(
                f"negative-print-header-{negative}.xlsx",
                _xlsx_print_header(rng, None, negative),
                None,
                "hard_negative",
                "xlsx",
                "xlsx-print-header",
            )
        add(
            "negative-statistics-sheet2.xlsx",
            _statistics_book(rng, rng.choice([2, 3])),
            None,
            "hard_negative",
            "xlsx",
            "xlsx-other-sheet",
        )
        add(
            "negative-statistics-sheet2-b.xlsx",
            _statistics_book(rng, 2),
            None,
            "hard_negative",
            "xlsx",
            "xlsx-other-sheet",
        )
        add(
            "negative-plan-sheet2.xlsx",
            _about_secrets_book(rng),
            None,
            "hard_negative",
            "xlsx",
            "xlsx-other-sheet",
        )
        add(
            "negative-other-sheet.xlsx",
            _xlsx_other_sheet(rng, None),
            None,
            "negative",
            "xlsx",
            "xlsx-other-sheet",
        )
        for _variant in range(2):
            add(
                "negative-split-news.html",
                _split_news(rng),
                None,
                "hard_negative",
                "html",
                "html-split",
            )
        add(
            "negative-split-title.html",
            _split_title(rng),
            None,
            "hard_negative",
            "html",
            "html-split",
        )
        add(
            "negative-page.html",
            _page(make_doc(rng, None), None, rng),
            None,
            "negative",
            "html",
            "html-split",
        )
        add(
            "negative-logo.html",
            _image_page(rng, None, "logo"),
            None,
            "hard_negative",
            "html",
            "html-image",
        )
        add(
            "negative-unstamped-scan.html",
            _image_page(rng, None, "scan"),
            None,
            "hard_negative",
            "html",
            "html-image",
        )
        add(
            "negative-checked-stamp.html",
            _image_page(rng, None, "stamp-picture"),
            None,
            "hard_negative",
            "html",
            "html-image",
        )
        add(
            "negative-draft-edits.docx",
            _draft_with_edits(rng),
            None,
            "hard_negative",
            "docx",
            "docx-struck",
        )
        add(
            "negative-form06-handout.docx",
            _form06_handout(rng),
            None,
            "hard_negative",
            "docx",
            "docx-struck",
        )
    return found
