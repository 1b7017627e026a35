"""A labelled corpus for the leak scanner, generated (never downloaded) and reproducible.

    python -m tests.corpus.scanner_corpus OUT_DIR [--scale N] [--seed S]

writes the files and `labels.jsonl` (one line per file: name, secret, level, declassified,
category, format). Every document is invented: a fictional province's agencies, numbers and
sentences assembled from administrative phrasing.

Categories:
- positive: an administrative document stamped at its level (variants: plain, spaced letters,
  framed, bold, in a text box, in the page header, in the header table, with the copy-number,
  recall and named-recipient stamps, with OCR-like damage in the text), in DOCX, text PDF,
  scanned PDF, photo (JPEG), XLSX, HTML, plain text, e-mail attachment and ZIP;
- declassified: a stamped document that also carries GIẢI MẬT / Từ: date;
- hard negatives: documents *about* state secrets — plans, law excerpts, training slides and
  quizzes, leak news, the forms circular with specimen stamps, templates with an empty
  "Độ mật:" field, statistics tables with the three levels as column headings, e-mails and
  archives of such material.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

FONTS = Path(__file__).resolve().parents[2] / "bmnn" / "core" / "fonts"
LEVELS = {"tuyet_mat": "TUYỆT MẬT", "toi_mat": "TỐI MẬT", "mat": "MẬT"}
AGENCIES = [
    ("UBND TỈNH BẮC LÂM", "SỞ TƯ PHÁP", "STP"),
    ("UBND TỈNH BẮC LÂM", "SỞ Y TẾ", "SYT"),
    ("CÔNG AN TỈNH BẮC LÂM", "PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ", "ANCTNB"),
    ("UBND TỈNH BẮC LÂM", "SỞ NỘI VỤ", "SNV"),
    ("TỈNH ỦY BẮC LÂM", "BAN TỔ CHỨC", "BTCTU"),
    ("UBND TỈNH BẮC LÂM", "SỞ TÀI CHÍNH", "STC"),
    ("UBND TỈNH BẮC LÂM", "UBND XÃ TÂN PHÚ", "UBND"),
]
KINDS = [
    ("KẾ HOẠCH", "KH"),
    ("BÁO CÁO", "BC"),
    ("CÔNG VĂN", "CV"),
    ("PHƯƠNG ÁN", "PA"),
    ("TỜ TRÌNH", "TTr"),
    ("THÔNG BÁO", "TB"),
]
SUBJECTS = [
    "Phương án bảo vệ kho lưu trữ hồ sơ",
    "Kết quả rà soát địa bàn trọng điểm",
    "Kế hoạch bảo đảm an ninh hội nghị",
    "Tình hình an ninh nội bộ quý III",
    "Phương án di dời trụ sở và kho tài liệu",
    "Danh sách cán bộ dự kiến quy hoạch",
    "Kết quả thẩm định dự án đầu tư công",
    "Phương án ứng phó sự cố an ninh mạng",
]
SENTENCES = [
    "Căn cứ chức năng, nhiệm vụ được giao, đơn vị báo cáo kết quả thực hiện như sau.",
    "Các phòng chuyên môn chủ động phối hợp triển khai, bảo đảm đúng tiến độ đề ra.",
    "Đề nghị các đơn vị nghiêm túc thực hiện và báo cáo kết quả trước ngày 15 hằng tháng.",
    "Trong kỳ, đơn vị đã tổ chức 03 cuộc họp chuyên đề với sự tham gia của lãnh đạo các phòng.",
    "Kinh phí thực hiện được bố trí trong dự toán ngân sách năm của đơn vị.",
    "Giao Văn phòng theo dõi, đôn đốc và tổng hợp kết quả, báo cáo lãnh đạo theo quy định.",
    "Nội dung chi tiết tại phụ lục kèm theo; các đơn vị nghiên cứu, thực hiện.",
    "Lực lượng được bố trí thành 04 tổ công tác, mỗi tổ do một đồng chí lãnh đạo phòng phụ trách.",
    "Tiếp tục rà soát, cập nhật danh sách và đề xuất điều chỉnh phù hợp với tình hình thực tế.",
    "Thời gian thực hiện từ ngày 01/12 đến hết ngày 31/12 năm nay.",
]
ABOUT_SECRETS = [
    "Tài liệu, vật chứa bí mật nhà nước phải được đóng dấu độ mật theo đúng quy định.",
    "Bí mật nhà nước được phân loại theo ba độ: Tuyệt mật, Tối mật và Mật.",
    "Nghiêm cấm soạn thảo, lưu giữ tài liệu có nội dung bí mật nhà nước trên máy tính kết nối Internet.",
    "Cán bộ làm lộ tài liệu TỐI MẬT của cơ quan đã bị khởi tố theo quy định của pháp luật.",
    "Văn thư đóng dấu MẬT vào văn bản trước khi phát hành theo ý kiến của người có thẩm quyền.",
    "Thời hạn bảo vệ bí mật nhà nước độ Tuyệt mật là 30 năm, độ Tối mật là 20 năm, độ Mật là 10 năm.",
    "Việc sao, chụp tài liệu độ Mật phải được người có thẩm quyền cho phép.",
    "Các cơ quan, đơn vị tăng cường công tác bảo vệ bí mật nhà nước trong tình hình mới.",
    "Phổ biến, quán triệt Luật Bảo vệ bí mật nhà nước đến toàn thể cán bộ, công chức.",
    "Kiểm tra việc đóng dấu TUYỆT MẬT, TỐI MẬT, MẬT trên văn bản đi của các đơn vị.",
]


@dataclass
class Doc:
    """An administrative document's content, independent of its file format."""

    parent: str
    agency: str
    number: str
    place_date: str
    kind: str
    subject: str
    body: list[str]
    level: str | None = None  # stamped level
    variant: str = "plain"
    extra_stamps: tuple[str, ...] = ()
    declassified_on: str | None = None
    damage: bool = False
    template_field: bool = False

    def stamp_text(self) -> str:
        assert self.level is not None
        text = LEVELS[self.level]
        if self.damage:
            text = damage(text, random.Random(self.number))
        if self.variant == "spaced":
            return "  ".join(" ".join(word) for word in text.split())
        if self.variant == "framed":
            return f"[ {text} ]"
        return text

    def header_lines(self) -> list[str]:
        """The left header block, the stamp under the number line (Form 19), then the rest."""
        lines = [self.parent, self.agency, f"Số: {self.number}"]
        if self.level is not None and self.variant not in (
            "textbox",
            "page-header",
            "table",
            "right",
        ):
            lines.append(self.stamp_text())
        lines += list(self.extra_stamps)
        if self.declassified_on:
            lines += ["GIẢI MẬT", f"Từ: {self.declassified_on}"]
        return lines

    def right_lines(self) -> list[str]:
        lines = [
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            self.place_date,
        ]
        if self.level is not None and self.variant == "right":
            lines.insert(0, self.stamp_text())
        return lines

    def body_lines(self) -> list[str]:
        lines = [self.kind, self.subject]
        if self.template_field:
            lines.insert(0, "Độ mật: ..............")
        return (
            lines
            + self.body
            + ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Nguyễn Văn An"]
        )

    def all_lines(self) -> list[str]:
        return self.header_lines() + self.right_lines() + self.body_lines()


def damage(text: str, rng: random.Random) -> str:
    """What OCR or careless retyping does: lost diacritics, O→0, I→l, doubled spaces."""
    from bmnn.scanner.engine.normalise import strip_diacritics

    choice = rng.randrange(4)
    if choice == 0:
        return strip_diacritics(text)
    if choice == 1:
        return text.replace("O", "0", 1) if "O" in text else text.replace("Ố", "0", 1)
    if choice == 2:
        return text.replace(" ", "   ")
    return text.replace("T", "T", 1).replace("I", "l", 1) if "I" in text else strip_diacritics(text)


def make_doc(rng: random.Random, level: str | None, **kwargs: object) -> Doc:
    parent, agency, code = rng.choice(AGENCIES)
    kind, short = rng.choice(KINDS)
    number = f"{rng.randint(1, 450)}/{short}-{code}"
    day = f"Bắc Lâm, ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d} năm 2026"
    body = rng.sample(SENTENCES, 5)
    return Doc(parent, agency, number, day, kind, rng.choice(SUBJECTS), body, level, **kwargs)  # type: ignore[arg-type]


# --- writers ------------------------------------------------------------------------------------


def write_docx(doc: Doc) -> bytes:
    from docx import Document
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    section = document.sections[0]
    if doc.level is not None and doc.variant == "page-header":
        section.header.paragraphs[0].text = doc.stamp_text()
    if doc.variant == "table":
        table = document.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        left.text = "\n".join(doc.header_lines())
        if doc.level is not None and doc.variant == "table":
            left.add_paragraph(doc.stamp_text()).runs[0].bold = True
        right.text = "\n".join(doc.right_lines())
    else:
        for line in doc.header_lines():
            run = document.add_paragraph().add_run(line)
            run.bold = doc.level is not None and line == doc.stamp_text() and doc.variant == "bold"
        for line in doc.right_lines():
            document.add_paragraph(line)
    if doc.level is not None and doc.variant == "textbox":
        _add_textbox(document, doc.stamp_text())
    for line in doc.body_lines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_textbox(document: object, text: str) -> None:
    """A VML text box anchored in a paragraph, as Word writes for a typed stamp in a frame."""
    from docx.oxml import parse_xml

    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:120pt;height:24pt">'
        f"<v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox>"
        "</v:shape></w:pict></w:r>"
    )
    paragraph = document.paragraphs[2]  # type: ignore[attr-defined]  (the number line)
    paragraph._p.append(parse_xml(xml))


def _pdf_page(pdf: object, doc: Doc) -> None:
    """One A4 page in the administrative layout (mm): header columns, then the body."""
    pdf.add_page()  # type: ignore[attr-defined]
    y = 15.0
    for line in doc.header_lines():
        is_stamp = doc.level is not None and line == doc.stamp_text()
        pdf.set_font("DejaVu", "B" if is_stamp else "", 11)  # type: ignore[attr-defined]
        if is_stamp:
            pdf.set_text_color(200, 0, 0)  # type: ignore[attr-defined]
        pdf.set_xy(20, y)  # type: ignore[attr-defined]
        pdf.cell(80, 6, line, align="C", border=1 if is_stamp else 0)  # type: ignore[attr-defined]
        pdf.set_text_color(0, 0, 0)  # type: ignore[attr-defined]
        y += 7
    y2 = 15.0
    for line in doc.right_lines():
        pdf.set_font("DejaVu", "", 11)  # type: ignore[attr-defined]
        pdf.set_xy(110, y2)  # type: ignore[attr-defined]
        pdf.cell(85, 6, line, align="C")  # type: ignore[attr-defined]
        y2 += 7
    y = max(y, y2) + 10
    pdf.set_font("DejaVu", "", 12)  # type: ignore[attr-defined]
    for line in doc.body_lines():
        pdf.set_xy(25, y)  # type: ignore[attr-defined]
        pdf.multi_cell(165, 6, line)  # type: ignore[attr-defined]
        y = pdf.get_y() + 2  # type: ignore[attr-defined]


def write_pdf(doc: Doc, pages: int = 2) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    _pdf_page(pdf, doc)
    for _ in range(pages - 1):
        pdf.add_page()
        pdf.set_font("DejaVu", "", 12)
        pdf.set_xy(25, 20)
        pdf.multi_cell(165, 6, "\n".join(doc.body))
    return bytes(pdf.output())


def page_image(doc: Doc, dpi: int = 200) -> object:
    """The first page as a scanner would see it: white paper, black text, a red stamp."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    image = Image.new("RGB", (int(210 * px), int(297 * px)), "white")
    draw = ImageDraw.Draw(image)
    regular = ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), int(4.2 * px))
    bold = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(4.4 * px))
    y = 15 * px
    for line in doc.header_lines():
        is_stamp = doc.level is not None and line == doc.stamp_text()
        font = bold if is_stamp or line.isupper() else regular
        width = draw.textlength(line, font=font)
        x = 60 * px - width / 2
        if is_stamp:
            pad = 2 * px
            box = (x - pad, y - pad, x + width + pad, y + 5 * px + pad)
            draw.rectangle(box, outline=(200, 20, 20), width=max(2, int(0.4 * px)))
            draw.rectangle(
                (box[0] - px, box[1] - px, box[2] + px, box[3] + px), outline=(200, 20, 20), width=2
            )
            draw.text((x, y), line, fill=(200, 20, 20), font=font)
        else:
            draw.text((x, y), line, fill="black", font=font)
        y += 7 * px
    y2 = 15 * px
    for line in doc.right_lines():
        width = draw.textlength(line, font=regular)
        draw.text((152 * px - width / 2, y2), line, fill="black", font=regular)
        y2 += 7 * px
    y = max(y, y2) + 10 * px
    for line in doc.body_lines():
        draw.text((25 * px, y), line[:95], fill="black", font=regular)
        y += 7 * px
    return image


def write_scan(doc: Doc, rng: random.Random) -> bytes:
    """An image-only PDF (a scanner's output), slightly skewed and speckled."""
    from PIL import Image

    image = page_image(doc)
    image = image.rotate(rng.uniform(-1.0, 1.0), expand=False, fillcolor="white")  # type: ignore[attr-defined]
    image = _speckle(image, rng)
    out = io.BytesIO()
    second = Image.new("RGB", image.size, "white")
    image.save(out, format="PDF", resolution=200, save_all=True, append_images=[second])
    return out.getvalue()


def write_photo(doc: Doc, rng: random.Random) -> bytes:
    """A phone photo of the page: on a desk, rotated a little, blurred, JPEG-compressed."""
    from PIL import Image, ImageFilter

    page = page_image(doc, dpi=150)
    page = page.rotate(rng.uniform(-3, 3), expand=True, fillcolor=(90, 80, 70))  # type: ignore[attr-defined]
    w, h = page.size  # type: ignore[attr-defined]
    desk = Image.new("RGB", (int(w * 1.1), int(h * 1.08)), (90, 80, 70))
    desk.paste(page, (int(w * 0.05), int(h * 0.04)))
    desk = desk.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.9)))
    out = io.BytesIO()
    desk.save(out, format="JPEG", quality=rng.randint(60, 85))
    return out.getvalue()


def _speckle(image: object, rng: random.Random) -> object:
    from PIL import ImageDraw

    draw = ImageDraw.Draw(image)  # type: ignore[arg-type]
    w, h = image.size  # type: ignore[attr-defined]
    for _ in range(400):
        x, y = rng.randrange(w), rng.randrange(h)
        draw.point((x, y), fill=(60, 60, 60))
    return image


def write_xlsx(doc: Doc) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row, line in enumerate(doc.header_lines(), start=1):
        sheet.cell(row=row, column=1, value=line)
    for row, line in enumerate(doc.right_lines(), start=1):
        sheet.cell(row=row, column=4, value=line)
    start = len(doc.header_lines()) + 2
    for offset, line in enumerate(doc.body_lines()):
        sheet.cell(row=start + offset, column=1, value=line)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_html(doc: Doc) -> bytes:
    header = "".join(f"<p>{line}</p>" for line in doc.header_lines())
    right = "".join(f"<p>{line}</p>" for line in doc.right_lines())
    body = "".join(f"<p>{line}</p>" for line in doc.body_lines())
    page = (
        f"<!doctype html><html lang='vi'><head><meta charset='utf-8'><title>{doc.subject}</title>"
        f"<style>p{{margin:0}}</style></head><body><div class='hdr'>{header}</div><div>{right}</div>"
        f"<main>{body}</main></body></html>"
    )
    return page.encode("utf-8")


def write_text(doc: Doc, rng: random.Random) -> bytes:
    text = "\n".join(doc.all_lines())
    codec = rng.choice(["utf-8", "utf-8", "utf-16", "cp1258"])
    if codec == "cp1258":
        return _cp1258(text)
    return text.encode(codec)


# grave, acute, tilde, hook above, dot below: the tones Windows-1258 writes as combining marks
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: letters with circumflex, breve or horn
    precomposed, the tone mark as a combining character after them."""
    import unicodedata

    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        # NFD orders the dot below (a tone) before the circumflex, breve or horn: split by kind
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tones = "".join(m for m in marks if m in TONE_MARKS)
        head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONE_MARKS))
        try:
            head.encode("cp1258")
        except UnicodeEncodeError:  # no precomposed form in the code page: all marks combining
            head = base + "".join(m for m in marks if m not in TONE_MARKS)
        out += (head + tones).encode("cp1258", errors="replace")
    return bytes(out)


def write_mail(body: str, attachments: list[tuple[str, bytes, str]]) -> bytes:
    message = EmailMessage()
    message["From"] = "van.thu@stp.baclam.example"
    message["To"] = "lanh.dao@baclam.example"
    message["Subject"] = "Gửi tài liệu"
    message["Date"] = "Tue, 10 Nov 2026 08:30:00 +0700"
    message.set_content(body)
    for name, data, mime in attachments:
        main, sub = mime.split("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message.as_bytes()


def write_zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def write_pptx(slides: list[list[str]]) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches, Pt

    deck = Presentation()
    for lines in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        top = 0.5
        for line in lines:
            box = slide.shapes.add_textbox(Inches(1), Inches(top), Inches(8), Inches(0.6))
            box.text_frame.text = line
            box.text_frame.paragraphs[0].runs[0].font.size = Pt(24)
            top += 0.8
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- hard negatives ------------------------------------------------------------------------------


def negative_plan(rng: random.Random) -> Doc:
    doc = make_doc(rng, None)
    doc.kind, doc.subject = "KẾ HOẠCH", "Thực hiện công tác bảo vệ bí mật nhà nước năm 2027"
    doc.body = [
        "I. MỤC ĐÍCH, YÊU CẦU",
        *rng.sample(ABOUT_SECRETS, 5),
        "II. NHIỆM VỤ",
        *rng.sample(SENTENCES, 3),
    ]
    return doc


def negative_law(rng: random.Random) -> list[str]:
    return [
        "LUẬT",
        "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Chương II",
        "PHÂN LOẠI BÍ MẬT NHÀ NƯỚC",
        "Điều 8. Phân loại bí mật nhà nước",
        "Căn cứ vào tính chất quan trọng của nội dung thông tin,",
        "bí mật nhà nước được phân loại thành ba độ mật, bao gồm:",
        "a) Bí mật nhà nước độ Tuyệt mật;",
        "b) Bí mật nhà nước độ Tối mật;",
        "c) Bí mật nhà nước độ Mật.",
        *rng.sample(ABOUT_SECRETS, 4),
    ]


def negative_specimens(rng: random.Random) -> list[str]:
    """The forms circular: every stamp shown as a specimen under its form number."""
    lines = [
        "BỘ CÔNG AN",
        "Số: 24/2020/TT-BCA",
        "THÔNG TƯ",
        "Ban hành biểu mẫu sử dụng trong công tác bảo vệ bí mật nhà nước",
        "Mẫu số 02",
        "Dấu chỉ độ mật",
        "TUYỆT MẬT",
        "TỐI MẬT",
        "MẬT",
        "Mẫu số 05",
        "Mẫu dấu giải mật",
        "GIẢI MẬT",
        "Từ: ............",
        "Mẫu số 07",
        "TÀI LIỆU THU HỒI",
        "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",
        "Mẫu số 08",
        "Bản số: ....",
        "Ghi chú: dấu hình chữ nhật, kích thước 40mm x 8mm, mực màu đỏ.",
    ]
    return lines if rng.random() < 0.5 else lines[4:]


def negative_training_slides(rng: random.Random) -> list[list[str]]:
    return [
        ["TẬP HUẤN CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC", "Công an tỉnh Bắc Lâm", "Năm 2026"],
        [
            "CÁC MẪU DẤU ĐỘ MẬT",
            "TUYỆT MẬT",
            "TỐI MẬT",
            "MẬT",
            "Vị trí đóng dấu: dưới số, ký hiệu văn bản",
        ],
        [
            "Câu hỏi ôn tập",
            "Câu 1: Tài liệu nào phải đóng dấu A ngoài bì?",
            "A. MẬT",
            "B. TỐI MẬT",
            "C. TUYỆT MẬT",
        ],
        rng.sample(ABOUT_SECRETS, 4),
    ]


def negative_news(rng: random.Random) -> bytes:
    paragraphs = [
        "Khởi tố cán bộ làm lộ tài liệu TỐI MẬT",
        "Báo Bắc Lâm — Thời sự",
        "Cơ quan An ninh điều tra Công an tỉnh đã khởi tố vụ án làm lộ bí mật nhà nước.",
        "Theo đó, tài liệu có đóng dấu TỐI MẬT đã bị chụp ảnh và gửi qua ứng dụng nhắn tin.",
        *rng.sample(ABOUT_SECRETS, 3),
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    nav = "<nav><a href='/'>Trang chủ</a> <a href='/thoi-su'>Thời sự</a> <a href='/phap-luat'>Pháp luật</a></nav>"
    return f"<!doctype html><html><head><meta charset='utf-8'><title>Tin tức</title></head><body>{nav}<article>{body}</article></body></html>".encode()


def negative_statistics(rng: random.Random) -> bytes:
    """A Form 18-style statistics table: the three levels as column headings."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["THỐNG KÊ TÀI LIỆU, VẬT CHỨA BÍ MẬT NHÀ NƯỚC NĂM 2026"])
    sheet.append(["STT", "Loại", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "Tổng"])
    for index, kind in enumerate(["Văn bản đi", "Văn bản đến", "Sao, chụp"], start=1):
        values = [rng.randint(0, 5), rng.randint(0, 20), rng.randint(5, 90)]
        sheet.append([index, kind, *values, sum(values)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- the corpus -----------------------------------------------------------------------------------


@dataclass
class Item:
    name: str
    data: bytes
    secret: bool
    level: str | None
    declassified: bool
    category: str
    format: str
    family: str = ""  # the kind of real-world case (tests/corpus/families), for per-family recall


def build(scale: int = 1, seed: int = 2026, *, with_images: bool = True) -> list[Item]:
    """The whole labelled corpus in memory; `scale` multiplies every category."""
    rng = random.Random(seed)
    items: list[Item] = []

    def add(
        name: str,
        data: bytes,
        doc_level: str | None,
        category: str,
        fmt: str,
        declassified: bool = False,
    ) -> None:
        secret = doc_level is not None and not declassified
        items.append(
            Item(f"{len(items):04d}-{name}", data, secret, doc_level, declassified, category, fmt)
        )

    variants = ["plain", "bold", "spaced", "framed", "table", "textbox", "page-header", "right"]
    extras = [(), ("Bản số: 2",), ("TÀI LIỆU THU HỒI",), ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",)]
    writers: list[tuple[str, Callable[[Doc], bytes]]] = [
        ("docx", write_docx),
        ("pdf", write_pdf),
        ("xlsx", write_xlsx),
        ("html", write_html),
        ("txt", lambda d: write_text(d, rng)),
    ]
    for _ in range(scale):
        for level in LEVELS:
            for fmt, writer in writers:
                for variant in (
                    variants if fmt == "docx" else ["plain", "spaced", "framed", "right"]
                ):
                    doc = make_doc(
                        rng,
                        level,
                        variant=variant,
                        extra_stamps=rng.choice(extras),
                        damage=rng.random() < 0.3,
                    )
                    add(f"positive-{level}-{variant}.{fmt}", writer(doc), level, "positive", fmt)
            doc = make_doc(rng, level)
            attachment = write_docx(doc)
            mail = write_mail(
                "Kính gửi lãnh đạo, xin gửi tài liệu kèm theo.",
                [("tai-lieu.docx", attachment, "application/octet-stream")],
            )
            add(f"positive-{level}-mail.eml", mail, level, "positive", "eml")
            add(
                f"positive-{level}-statistics.docx",
                _statistics_docx(rng, level),
                level,
                "positive",
                "docx",
            )
            archive = write_zip(
                [
                    ("ho-so/bao-cao.pdf", write_pdf(make_doc(rng, level))),
                    ("ho-so/ghi-chu.txt", "Ghi chú nội bộ".encode()),
                ]
            )
            add(f"positive-{level}-archive.zip", archive, level, "positive", "zip")
            for variant in ("plain", "framed"):
                doc = make_doc(rng, level, variant=variant)
                add(
                    f"declassified-{level}-{variant}.docx",
                    write_docx(_declassified(doc)),
                    level,
                    "declassified",
                    "docx",
                    declassified=True,
                )
                add(
                    f"declassified-{level}-{variant}.pdf",
                    write_pdf(_declassified(make_doc(rng, level))),
                    level,
                    "declassified",
                    "pdf",
                    declassified=True,
                )
            if with_images:
                for variant in ("plain", "framed"):
                    add(
                        f"scan-{level}-{variant}.pdf",
                        write_scan(make_doc(rng, level, variant=variant), rng),
                        level,
                        "positive",
                        "scan",
                    )
                add(
                    f"photo-{level}.jpg",
                    write_photo(make_doc(rng, level), rng),
                    level,
                    "positive",
                    "photo",
                )
        # hard negatives
        for fmt, writer in writers:
            for _ in range(3):
                add(f"negative-plan.{fmt}", writer(negative_plan(rng)), None, "hard_negative", fmt)
            add(
                f"negative-template.{fmt}",
                writer(make_doc(rng, None, template_field=True)),
                None,
                "hard_negative",
                fmt,
            )
            add(f"negative-plain.{fmt}", writer(make_doc(rng, None)), None, "negative", fmt)
        for _ in range(2):
            add(
                "negative-law.txt",
                "\n".join(negative_law(rng)).encode(),
                None,
                "hard_negative",
                "txt",
            )
            add("negative-law.docx", _lines_docx(negative_law(rng)), None, "hard_negative", "docx")
            add(
                "negative-specimens.docx",
                _lines_docx(negative_specimens(rng)),
                None,
                "hard_negative",
                "docx",
            )
            add(
                "negative-specimens.pdf",
                _lines_pdf(negative_specimens(rng)),
                None,
                "hard_negative",
                "pdf",
            )
            add(
                "negative-training.pptx",
                write_pptx(negative_training_slides(rng)),
                None,
                "hard_negative",
                "pptx",
            )
            add("negative-news.html", negative_news(rng), None, "hard_negative", "html")
            add("negative-statistics.xlsx", negative_statistics(rng), None, "hard_negative", "xlsx")
            add(
                "negative-statistics.docx",
                _statistics_docx(rng, None),
                None,
                "hard_negative",
                "docx",
            )
            add(
                "negative-film-review.html",
                negative_film_review(rng),
                None,
                "hard_negative",
                "html",
            )
            add("negative-quiz.docx", _lines_docx(negative_quiz()), None, "hard_negative", "docx")
            mail = write_mail(
                "Gửi các đồng chí tài liệu tập huấn bảo vệ bí mật nhà nước.",
                [
                    (
                        "tap-huan.pptx",
                        write_pptx(negative_training_slides(rng)),
                        "application/octet-stream",
                    )
                ],
            )
            add("negative-training-mail.eml", mail, None, "hard_negative", "eml")
            archive = write_zip(
                [
                    ("tai-lieu/luat.txt", "\n".join(negative_law(rng)).encode()),
                    ("tai-lieu/mau-dau.docx", _lines_docx(negative_specimens(rng))),
                ]
            )
            add("negative-archive.zip", archive, None, "hard_negative", "zip")
        if with_images:
            for _ in range(2):
                add(
                    "negative-scan-plan.pdf",
                    write_scan(negative_plan(rng), rng),
                    None,
                    "hard_negative",
                    "scan",
                )
                add(
                    "negative-photo.jpg",
                    write_photo(make_doc(rng, None), rng),
                    None,
                    "negative",
                    "photo",
                )
    return items


def negative_film_review(rng: random.Random) -> bytes:
    """A page whose top line is the level word on its own — a film's title, not a stamp."""
    paragraphs = ["Bộ phim tài liệu ra mắt khán giả cuối tuần này.", *rng.sample(SENTENCES, 2)]
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Văn hóa</title></head><body>"
        f"<h2>TUYỆT MẬT</h2><p>Đạo diễn: Trần Văn Minh</p>{body}</body></html>"
    ).encode()


def negative_quiz() -> list[str]:
    return [
        "ĐỀ KIỂM TRA KIẾN THỨC PHÁP LUẬT VỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        "Câu 1. Bì ngoài ghi chữ A dùng cho độ nào?",
        "A. MẬT",
        "B. TỐI MẬT",
        "C. TUYỆT MẬT",
        "Câu 2. Thời hạn bảo vệ độ Mật là bao nhiêu năm?",
        "A. 10 năm",
        "B. 20 năm",
        "C. 30 năm",
    ]


def _statistics_docx(rng: random.Random, level: str | None) -> bytes:
    """A statistics report whose table has the three levels as column headings; stamped at
    `level` when given (a real report on secrets is itself often secret)."""
    from docx import Document

    doc = make_doc(rng, level)
    doc.kind, doc.subject = "BÁO CÁO", "Thống kê tài liệu, vật chứa bí mật nhà nước năm 2026"
    document = Document()
    for line in doc.header_lines() + doc.right_lines() + [doc.kind, doc.subject]:
        document.add_paragraph(line)
    table = document.add_table(rows=4, cols=5)
    for cell, text in zip(
        table.rows[0].cells, ["Loại", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "Tổng"], strict=True
    ):
        cell.text = text
    for row, kind in zip(table.rows[1:], ["Văn bản đi", "Văn bản đến", "Sao, chụp"], strict=True):
        values = [rng.randint(0, 5), rng.randint(0, 20), rng.randint(5, 90)]
        for cell, text in zip(row.cells, [kind, *map(str, values), str(sum(values))], strict=True):
            cell.text = text
    for line in doc.body:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _declassified(doc: Doc) -> Doc:
    doc.declassified_on = "12/05/2026"
    return doc


def _lines_docx(lines: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lines_pdf(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", "", 12)
    pdf.add_page()
    for line in lines:
        pdf.set_x(25)
        pdf.multi_cell(160, 7, line)
    return bytes(pdf.output())


def write(items: list[Item], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with (out / "labels.jsonl").open("w", encoding="utf-8") as labels:
        for item in items:
            (out / item.name).write_bytes(item.data)
            row = {
                "name": item.name,
                "secret": item.secret,
                "level": item.level if item.secret else None,
                "declassified": item.declassified,
                "category": item.category,
                "format": item.format,
            }
            labels.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--no-images", action="store_true")
    args = parser.parse_args()
    items = build(args.scale, args.seed, with_images=not args.no_images)
    write(items, args.out)
    print(f"{len(items)} files in {args.out}")


if __name__ == "__main__":
    main()


# --- held-out families -----------------------------------------------------------------------------
# Written after the detector was tuned, to measure it on shapes it has not seen: a stamp pasted
# as a picture into a typed PDF or a Word file, a black-and-white photocopy, a tilted dim photo;
# and negatives with a red stamp that is not a level, a logo, a news scan quoting a level.


def stamp_picture(text: str, colour: tuple[int, int, int] = (200, 20, 20), dpi: int = 300) -> bytes:
    """A stamp as a scanned picture: double border, bold capitals, red ink."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    font = ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), int(4.6 * px))
    probe = ImageDraw.Draw(Image.new("RGB", (10, 10)))
    width = int(probe.textlength(text, font=font) + 8 * px)
    height = int(9 * px)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((2, 2, width - 3, height - 3), outline=colour, width=max(3, int(0.35 * px)))
    draw.rectangle(
        (int(px), int(px), width - int(px) - 1, height - int(px) - 1), outline=colour, width=2
    )
    draw.text((4 * px, 1.8 * px), text, fill=colour, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def pdf_with_stamp_picture(doc: Doc, picture: bytes) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    level, doc.level = doc.level, None
    _pdf_page(pdf, doc)
    doc.level = level
    pdf.image(io.BytesIO(picture), x=40, y=15 + 7 * 3 + 1, h=8)
    return bytes(pdf.output())


def docx_with_picture(doc: Doc, picture: bytes, width_mm: float = 35) -> bytes:
    from docx import Document
    from docx.shared import Mm

    document = Document()
    level, doc.level = doc.level, None
    for index, line in enumerate(doc.header_lines()):
        document.add_paragraph(line)
        if index == 2:  # under the number line
            document.add_paragraph().add_run().add_picture(io.BytesIO(picture), width=Mm(width_mm))
    doc.level = level
    for line in doc.right_lines() + doc.body_lines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def logo_picture() -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (400, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 380, 380), outline=(200, 20, 20), width=12)
    draw.text(
        (110, 170),
        "UBND",
        fill=(200, 20, 20),
        font=ImageFont.truetype(str(FONTS / "DejaVuSans-Bold.ttf"), 60),
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def grey_scan(doc: Doc, rng: random.Random) -> bytes:
    from PIL import ImageOps

    image = ImageOps.autocontrast(page_image(doc).convert("L"))  # type: ignore[attr-defined]
    image = image.rotate(rng.uniform(-1.0, 1.0), fillcolor=255)
    out = io.BytesIO()
    image.save(out, format="PDF", resolution=200)
    return out.getvalue()


def dim_tilted_photo(doc: Doc, rng: random.Random) -> bytes:
    from PIL import ImageEnhance, ImageFilter

    page = page_image(doc, dpi=150)
    page = page.rotate(
        rng.choice([-1, 1]) * rng.uniform(4.5, 6.5), expand=True, fillcolor=(80, 70, 60)
    )  # type: ignore[attr-defined]
    page = ImageEnhance.Brightness(page).enhance(0.8)
    page = page.filter(ImageFilter.GaussianBlur(0.7))
    out = io.BytesIO()
    page.convert("RGB").save(out, format="JPEG", quality=70)
    return out.getvalue()


def news_scan(rng: random.Random) -> bytes:
    doc = make_doc(rng, None)
    doc.parent, doc.agency, doc.number = "BÁO BẮC LÂM", "CHUYÊN MỤC PHÁP LUẬT", "Số 1234"
    doc.kind, doc.subject = (
        "KHỞI TỐ VỤ ÁN LÀM LỘ TÀI LIỆU TỐI MẬT",
        "Tài liệu có đóng dấu TỐI MẬT bị chụp ảnh gửi ra ngoài",
    )
    doc.body = rng.sample(ABOUT_SECRETS, 5)
    return write_scan(doc, rng)


def build_held_out(seed: int = 7001, *, with_images: bool = True) -> list[Item]:
    rng = random.Random(seed)
    items: list[Item] = []

    def add(name: str, data: bytes, level: str | None, category: str, fmt: str) -> None:
        items.append(
            Item(f"h{len(items):03d}-{name}", data, level is not None, level, False, category, fmt)
        )

    for level, text in LEVELS.items():
        for _ in range(2):
            add(
                f"pdf-stamp-picture-{level}.pdf",
                pdf_with_stamp_picture(make_doc(rng, level), stamp_picture(text)),
                level,
                "positive",
                "pdf",
            )
            add(
                f"docx-stamp-picture-{level}.docx",
                docx_with_picture(make_doc(rng, level), stamp_picture(text)),
                level,
                "positive",
                "docx",
            )
            if with_images:
                add(
                    f"grey-scan-{level}.pdf",
                    grey_scan(make_doc(rng, level), rng),
                    level,
                    "positive",
                    "scan",
                )
                add(
                    f"tilted-photo-{level}.jpg",
                    dim_tilted_photo(make_doc(rng, level), rng),
                    level,
                    "positive",
                    "photo",
                )
    for _ in range(3):
        add(
            "pdf-red-checked-stamp.pdf",
            pdf_with_stamp_picture(make_doc(rng, "mat"), stamp_picture("ĐÃ KIỂM TRA")),
            None,
            "hard_negative",
            "pdf",
        )
        add(
            "docx-logo.docx",
            docx_with_picture(make_doc(rng, None), logo_picture(), 20),
            None,
            "hard_negative",
            "docx",
        )
        if with_images:
            add("news-scan.pdf", news_scan(rng), None, "hard_negative", "scan")
    return items
