"""Families "changed-level" and "declassified": documents whose level stamp is no longer the one
that counts.

- changed-level (TT24 Form 06): the old level stays on the page — crossed out on paper, struck
  through in Word, or left as it was — beside an "ĐIỀU CHỈNH ĐỘ MẬT" stamp and the new level
  (on the change stamp's own line, or stamped under it). Label: secret at the new level.
- declassified (Form 05): "GIẢI MẬT" with its "Từ: date" row, in the header block, a header
  table cell, the page header, a text box, on one line with the date; the old level intact or
  struck through. Label: declassified, not secret.
- hard negatives of the same shape: the forms circular's specimens of Forms 05/06 beside the
  three levels, a public decision or notice about declassifying or re-grading documents, a
  training handout that names the stamps in sentences.
"""

from __future__ import annotations

import io
import random
from typing import Any

from tests.corpus.common import labelled
from tests.corpus.scanner_corpus import FONTS, LEVELS, SENTENCES, Item, make_doc

OTHER = {
    "tuyet_mat": ("toi_mat", "mat"),
    "toi_mat": ("tuyet_mat", "mat"),
    "mat": ("toi_mat", "tuyet_mat"),
}


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice([2025, 2026])}"


def _header(rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    doc = make_doc(rng, None)
    left = [doc.parent, doc.agency, f"Số: {doc.number}"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", doc.place_date]
    body = [doc.kind, doc.subject, *rng.sample(SENTENCES, 4), "Nơi nhận:", "- Lưu: VT.", "GIÁM ĐỐC"]
    return left, right, body


def _change_lines(rng: random.Random, new: str) -> tuple[list[str], bool]:
    """The Form 06 stamp and the new level; True when the new level is on the stamp's line."""
    style = rng.randrange(4)
    if style == 0:
        return ["ĐIỀU CHỈNH ĐỘ MẬT", LEVELS[new]], False
    if style == 1:
        return [f"ĐIỀU CHỈNH ĐỘ MẬT: {LEVELS[new]}"], True
    if style == 2:
        return [f"ĐIỀU CHỈNH ĐỘ MẬT THÀNH {LEVELS[new]}"], True
    return [
        "ĐIỀU CHỈNH ĐỘ MẬT",
        f"Theo văn bản số {rng.randint(2, 90)}/QĐ ngày {_date(rng)}",
        LEVELS[new],
    ], False


# --- writers --------------------------------------------------------------------------------------


def _docx(
    left: list[str],
    right: list[str],
    body: list[str],
    *,
    struck: set[str] = frozenset(),
    placement: str = "paragraphs",
    special: list[str] | None = None,
) -> bytes:
    """Header block as paragraphs or as a two-column table; `special` lines go where
    `placement` says (paragraphs under the number line, a table cell, the page header, a text box)."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    special = special or []

    def add_lines(container: object, lines: list[str]) -> None:
        for line in lines:
            paragraph = container.add_paragraph()  # type: ignore[attr-defined]
            run = paragraph.add_run(line)
            run.font.strike = line in struck
            run.bold = line.isupper()

    if placement == "page-header":
        header = document.sections[0].header
        header.paragraphs[0].text = special[0]
        add_lines(header, special[1:])
        special = []
    if placement == "table":
        table = document.add_table(rows=1, cols=2)
        cell_left, cell_right = table.rows[0].cells
        cell_left.text = left[0]
        add_lines(cell_left, left[1:] + special)
        cell_right.text = right[0]
        add_lines(cell_right, right[1:])
    elif placement == "side-table":
        add_lines(document, left)
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = ""
        add_lines(table.rows[0].cells[1], special)
        add_lines(document, right)
    else:
        add_lines(document, left + ([] if placement == "textbox" else special))
        add_lines(document, right)
        if placement == "textbox":
            paragraphs = "".join(
                f"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>{line}</w:t></w:r></w:p>" for line in special
            )
            xml = (
                '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:130pt;height:40pt">'
                f"<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
            )
            document.paragraphs[2]._p.append(parse_xml(xml))
    add_lines(document, body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(left: list[str], right: list[str], body: list[str], *, stamps: set[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("Sans", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("Sans", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.add_page()
    y = 12.0
    for line in left:
        stamp = line in stamps
        pdf.set_font("Sans", "B" if stamp or line.isupper() else "", 10.5)
        pdf.set_text_color(*((190, 10, 10) if stamp else (0, 0, 0)))
        pdf.set_xy(15, y)
        pdf.cell(85, 6, line, align="C", border=1 if stamp else 0)
        y += 7.5
    pdf.set_text_color(0, 0, 0)
    y2 = 12.0
    for line in right:
        pdf.set_font("Sans", "B" if line.isupper() else "", 10.5)
        pdf.set_xy(105, y2)
        pdf.cell(95, 6, line, align="C")
        y2 += 7.5
    y = max(y, y2) + 8
    pdf.set_font("Sans", "", 12)
    for line in body:
        pdf.set_xy(22, y)
        pdf.multi_cell(170, 6.5, line)
        y = pdf.get_y() + 1.5
    return bytes(pdf.output())


def _scan(
    left: list[str],
    right: list[str],
    body: list[str],
    *,
    stamps: set[str],
    crossed: set[str],
    rng: random.Random,
) -> bytes:
    """A 200 dpi image-only PDF: stamps in red frames, crossed-out stamps with a line through."""
    from PIL import Image, ImageDraw, ImageFont

    px = 200 / 25.4
    image = Image.new("RGB", (int(210 * px), int(297 * px)), (252, 252, 250))
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(4.0 * px))
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(4.3 * px))
    red = (rng.randint(170, 215), rng.randint(0, 40), rng.randint(0, 40))
    y = 14 * px
    for line in left:
        font = bold if line.isupper() else regular
        width = draw.textlength(line, font=font)
        x = 58 * px - width / 2
        if line in stamps:
            pad = 1.8 * px
            draw.rectangle(
                (x - pad, y - pad, x + width + pad, y + 5 * px + pad),
                outline=red,
                width=max(2, int(0.35 * px)),
            )
            draw.text((x, y), line, fill=red, font=font)
            if line in crossed:
                draw.line(
                    (x - pad, y + 5 * px + pad, x + width + pad, y - pad),
                    fill=red,
                    width=max(2, int(0.3 * px)),
                )
                draw.line(
                    (x - pad, y + 2.6 * px, x + width + pad, y + 2.4 * px),
                    fill=red,
                    width=max(2, int(0.3 * px)),
                )
        else:
            draw.text((x, y), line, fill="black", font=font)
        y += 7.5 * px
    y2 = 14 * px
    for line in right:
        width = draw.textlength(line, font=regular)
        draw.text((150 * px - width / 2, y2), line, fill="black", font=regular)
        y2 += 7.5 * px
    y = max(y, y2) + 9 * px
    for line in body:
        draw.text((24 * px, y), line[:92], fill="black", font=regular)
        y += 7 * px
    image = image.rotate(rng.uniform(-0.8, 0.8), fillcolor=(252, 252, 250))
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)
    return out.getvalue()


def _text(left: list[str], right: list[str], body: list[str]) -> bytes:
    return "\n".join(left + right + body).encode()


# --- families -------------------------------------------------------------------------------------


def _changed(rng: random.Random, new: str, fmt: str) -> bytes:
    old = rng.choice(OTHER[new])
    left, right, body = _header(rng)
    lines, _stated = _change_lines(rng, new)
    if fmt == "docx":
        struck = {LEVELS[old]} if rng.random() < 0.6 else set()
        placement = rng.choice(["paragraphs", "table", "textbox"])
        if placement == "textbox":
            return _docx(
                [*left, LEVELS[old]], right, body, struck=struck, placement="textbox", special=lines
            )
        return _docx(
            left, right, body, struck=struck, placement=placement, special=[LEVELS[old], *lines]
        )
    header = [*left, LEVELS[old], *lines]
    stamps = {LEVELS[old], LEVELS[new], *(line for line in lines if line.isupper())}
    if fmt == "pdf":
        return _pdf(header, right, body, stamps=stamps)
    if fmt == "scan":
        return _scan(header, right, body, stamps=stamps, crossed={LEVELS[old]}, rng=rng)
    return _text(header, right, body)


def _declassified(rng: random.Random, level: str, fmt: str) -> bytes:
    left, right, body = _header(rng)
    date = _date(rng)
    mark = [f"GIẢI MẬT Từ: {date}"] if rng.random() < 0.3 else ["GIẢI MẬT", f"Từ: {date}"]
    struck = {LEVELS[level]} if rng.random() < 0.5 else set()
    if fmt == "docx":
        placement = rng.choice(["paragraphs", "table", "page-header", "textbox", "side-table"])
        if placement in ("page-header", "textbox", "side-table"):
            return _docx(
                [*left, LEVELS[level]],
                right,
                body,
                struck=struck,
                placement=placement,
                special=mark,
            )
        return _docx(
            left, right, body, struck=struck, placement=placement, special=[LEVELS[level], *mark]
        )
    header = [*left, LEVELS[level], *mark]
    if fmt == "pdf":
        return _pdf(header, right, body, stamps={LEVELS[level], mark[0]})
    return _scan(header, right, body, stamps={LEVELS[level], mark[0]}, crossed=struck, rng=rng)


def _specimen_sheet(rng: random.Random, fmt: str) -> bytes:
    left = ["BỘ CÔNG AN", "Số: 24/2020/TT-BCA"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    rows = [
        "Mẫu số 02",
        *LEVELS.values(),
        "Mẫu số 05",
        "GIẢI MẬT",
        "Từ: ........",
        "Mẫu số 06",
        "ĐIỀU CHỈNH ĐỘ MẬT",
    ]
    if rng.random() < 0.5:
        rows = rows[4:] + rows[:4]
    body = ["PHỤ LỤC", "Các mẫu dấu dùng trong công tác bảo vệ bí mật nhà nước", *rows]
    if fmt == "docx":
        return _docx(left, right, body)
    return _pdf(left, right, body, stamps=set())


def _public_notice(rng: random.Random, fmt: str) -> bytes:
    left, right, _body = _header(rng)
    kind = rng.choice(["QUYẾT ĐỊNH", "THÔNG BÁO"])
    subject = rng.choice(
        [
            "Về việc giải mật đối với tài liệu lưu trữ đã hết thời hạn bảo vệ",
            "Về việc điều chỉnh độ mật của một số tài liệu năm 2019",
            "Danh mục tài liệu được giải mật và điều chỉnh độ mật",
        ]
    )
    body = [
        kind,
        subject,
        f"Giải mật toàn bộ 12 tài liệu độ Mật ban hành trước ngày {_date(rng)}.",
        "Điều chỉnh độ mật từ Tối mật xuống Mật đối với 03 tài liệu tại phụ lục kèm theo.",
        "Các đơn vị đóng dấu GIẢI MẬT hoặc dấu ĐIỀU CHỈNH ĐỘ MẬT lên bản lưu theo quy định.",
        *rng.sample(SENTENCES, 2),
    ]
    if fmt == "docx":
        return _docx(left, right, body)
    return _pdf(left, right, body, stamps=set())


def items(rng: random.Random, scale: int) -> list[Item]:
    found: list[Item] = []

    def add(*labels: Any, declassified: bool = False) -> None:
        found.append(labelled(*labels, declassified=declassified))

    for _ in range(scale):
        for new in LEVELS:
            for fmt in ("docx", "pdf", "scan", "txt"):
                ext = "pdf" if fmt == "scan" else fmt
                add(
                    f"changed-{new}.{ext}",
                    _changed(rng, new, fmt),
                    new,
                    "positive",
                    fmt,
                    "changed-level",
                )
            for fmt in ("docx", "docx", "pdf", "scan"):
                ext = "pdf" if fmt == "scan" else fmt
                add(
                    f"declassified-{new}.{ext}",
                    _declassified(rng, new, fmt),
                    new,
                    "declassified",
                    fmt,
                    "declassified",
                    declassified=True,
                )
        for fmt in ("docx", "pdf"):
            add(
                f"negative-specimens-changes.{fmt}",
                _specimen_sheet(rng, fmt),
                None,
                "hard_negative",
                fmt,
                "changed-level",
            )
            add(
                f"negative-notice-changes.{fmt}",
                _public_notice(rng, fmt),
                None,
                "hard_negative",
                fmt,
                "declassified",
            )
    return found
