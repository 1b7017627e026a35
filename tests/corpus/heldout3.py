"""A third held-out corpus for the leak scanner (issue 18), written without reading the scanner.

Nothing here was looked at while the scanner was tuned: the templates, wording, layouts, noise
models and seed are new, so the figures it gives are an honest estimate on unseen files.

What it imitates, file by file, is how Vietnamese agencies really produce and pass on papers:
the Decree 30/2020 layout (issuing body and national motto in two columns, number and date, the
kind of paper and its summary line, body, recipients, signature over a red round seal), the
marks of Circular 24/2020 (level stamp in a red frame under the number or at the top, the circled
letter on envelopes, "named reader only", recall, copy number, declassification and level
change), and what happens to paper afterwards: photocopies, flatbed scans at 150-300 dpi, phone
photos forwarded by chat, Word 97 files typed in TCVN3 or VNI fonts, spreadsheets with the level
in the print header, portal pages, mails with attachments and zipped folders.

About a third of the files are hard negatives: papers that talk about state secrets (plans,
reports, rules, training decks with specimen stamps, blank register forms, a declassification
decision), and papers where the syllable "mật" means something else (honey, passwords, density,
bile, molasses, cipher) or where a red framed stamp says something else (KHẨN, HỎA TỐC).

`build(seed)` returns every file in memory as `Item`s; the `.doc` files come from one batched
LibreOffice call.
"""

from __future__ import annotations

import base64
import io
import math
import random
import shutil
import subprocess
import tempfile
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import escape
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont, ImageOps
from pptx import Presentation
from pptx.dml.color import RGBColor as PptxRGB
from pptx.util import Emu
from pptx.util import Pt as PptxPt

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    labelled,
    paragraph_border,
    perspective_coeffs,
    word97_items,
    wrap_words,
    write_files,
    zip_of,
)
from tests.corpus.scanner_corpus import Item

SEED = 777001
ZIP_DATE = (2025, 3, 14, 9, 30, 0)  # every entry of the corpus's ZIP files
RGB = tuple[int, int, int]

# ---------------------------------------------------------------------------------------------
# fonts

_SYS = Path("/usr/share/fonts/truetype")
_CORE = Path(__file__).resolve().parents[2] / "bmnn" / "core" / "fonts"


def _pick(*candidates: str) -> Path:
    for name in candidates:
        for base in (_SYS / "liberation2", _SYS / "liberation", _SYS / "dejavu", _CORE):
            if (base / name).exists():
                return base / name
    return _CORE / "DejaVuSans.ttf"


TYPEFACES: dict[str, dict[str, Path]] = {
    "serif": {
        "r": _pick("LiberationSerif-Regular.ttf"),
        "b": _pick("LiberationSerif-Bold.ttf"),
        "i": _pick("LiberationSerif-Italic.ttf"),
    },
    "sans": {
        "r": _pick("LiberationSans-Regular.ttf"),
        "b": _pick("LiberationSans-Bold.ttf"),
        "i": _pick("LiberationSans-Italic.ttf"),
    },
    "dejavu": {
        "r": _pick("DejaVuSerif.ttf"),
        "b": _pick("DejaVuSerif-Bold.ttf"),
        "i": _pick("DejaVuSerif-Italic.ttf"),
    },
    "dejavu-sans": {
        "r": _pick("DejaVuSans.ttf"),
        "b": _pick("DejaVuSans-Bold.ttf"),
        "i": _pick("DejaVuSans-Oblique.ttf"),
    },
}
_FONT_CACHE: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}


def font(face: str, style: str, px: float) -> ImageFont.FreeTypeFont:
    key = (TYPEFACES[face][style], max(6, round(px)))
    if key not in _FONT_CACHE:
        _FONT_CACHE[key] = ImageFont.truetype(str(key[0]), key[1])
    return _FONT_CACHE[key]


# ---------------------------------------------------------------------------------------------
# the paper: what a document says, independent of the file it ends up in


@dataclass
class Mark:
    """A rubber stamp or a typed mark near the top of a paper (or on an envelope)."""

    kind: (
        str  # level | crossed | declass | recall | named | copy | urgent | note | letter | specimen
    )
    lines: tuple[str, ...]
    where: str = "under_number"  # under_number | top_center | top_right | top_left


@dataclass
class Paper:
    parent: str
    organ: str
    number: str
    place_date: str
    kind: str  # "KẾ HOẠCH", ... or "" for an official letter (công văn)
    subject: str
    body: list[str]
    recipients: list[str]
    sign_role: list[str]
    signer: str
    marks: list[Mark] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)
    addressee: str = ""  # "Kính gửi: ..." of an official letter
    seal: bool = True


@dataclass
class Agency:
    parent: str
    organ: str
    short: str
    place: str
    seal_name: str


AGENCIES = (
    Agency("UBND TỈNH LÂM HẢI", "SỞ TÀI CHÍNH", "STC", "Lâm Hải", "SỞ TÀI CHÍNH TỈNH LÂM HẢI"),
    Agency(
        "UBND TỈNH ĐÔNG GIANG",
        "SỞ NỘI VỤ",
        "SNV",
        "Đông Giang",
        "SỞ NỘI VỤ TỈNH ĐÔNG GIANG",
    ),
    Agency("TỈNH ỦY NAM SƠN", "BAN TỔ CHỨC", "BTCTU", "Nam Sơn", "BAN TỔ CHỨC TỈNH ỦY NAM SƠN"),
    Agency(
        "ỦY BAN NHÂN DÂN",
        "HUYỆN THẠCH BÌNH",
        "UBND",
        "Thạch Bình",
        "ỦY BAN NHÂN DÂN HUYỆN THẠCH BÌNH",
    ),
    Agency(
        "BỘ CHỈ HUY QUÂN SỰ", "TỈNH LÂM HẢI", "BCH", "Lâm Hải", "BỘ CHỈ HUY QUÂN SỰ TỈNH LÂM HẢI"
    ),
    Agency(
        "UBND TỈNH VĨNH AN",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        "SGDĐT",
        "Vĩnh An",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH VĨNH AN",
    ),
    Agency(
        "UBND TỈNH ĐÔNG GIANG",
        "SỞ CÔNG THƯƠNG",
        "SCT",
        "Đông Giang",
        "SỞ CÔNG THƯƠNG TỈNH ĐÔNG GIANG",
    ),
    Agency("ỦY BAN NHÂN DÂN", "TỈNH NAM SƠN", "UBND", "Nam Sơn", "ỦY BAN NHÂN DÂN TỈNH NAM SƠN"),
)

SECRET_TOPICS = (
    ("PHƯƠNG ÁN", "PA", "Bảo vệ an ninh, trật tự các mục tiêu trọng điểm dịp Tết Nguyên đán"),
    (
        "KẾ HOẠCH",
        "KH",
        "Triển khai lực lượng bảo đảm an ninh kỳ họp thứ Chín Hội đồng nhân dân tỉnh",
    ),
    ("BÁO CÁO", "BC", "Tình hình an ninh nội bộ và phòng ngừa lộ lọt thông tin quý III"),
    ("BÁO CÁO", "BC", "Kết quả xác minh đơn tố cáo liên quan đến cán bộ thuộc diện quản lý"),
    ("TỜ TRÌNH", "TTr", "Phương án nhân sự kiện toàn chức danh lãnh đạo Ủy ban nhân dân huyện"),
    ("KẾ HOẠCH", "KH", "Diễn tập khu vực phòng thủ huyện Thạch Bình năm 2025"),
    ("", "", "V/v bảo đảm an toàn kho vũ khí, vật liệu nổ trong mùa mưa bão"),
    (
        "QUYẾT ĐỊNH",
        "QĐ",
        "Phê duyệt phương án in sao, vận chuyển đề thi tốt nghiệp trung học phổ thông",
    ),
    ("BÁO CÁO", "BC", "Dự toán chi bảo đảm quốc phòng, an ninh năm 2026"),
    ("THÔNG BÁO", "TB", "Kết luận của Thường trực Tỉnh ủy về công tác cán bộ"),
    ("PHƯƠNG ÁN", "PA", "Xử lý tình huống tụ tập đông người tại trung tâm hành chính tỉnh"),
    ("BÁO CÁO", "BC", "Hoạt động của tổ chức, cá nhân nước ngoài tại khu vực biên giới"),
    ("", "", "V/v rà soát quy hoạch vị trí trận địa phòng không nhân dân"),
    ("KẾ HOẠCH", "KH", "Bảo vệ Đoàn công tác của lãnh đạo cấp cao đến thăm và làm việc tại tỉnh"),
)

SECRET_BODY = (
    "Thực hiện chỉ đạo của cấp trên và căn cứ tình hình thực tế tại địa phương, đơn vị xây dựng văn bản này để thống nhất triển khai.",
    "Lực lượng thường trực được bố trí thành ba tổ, luân phiên trực 24/24 giờ tại các vị trí đã được phân công, có phương án ứng phó khi có tình huống phát sinh.",
    "Tổng số cán bộ tham gia là 126 đồng chí, trong đó 38 đồng chí thuộc lực lượng cơ động, được trang bị phương tiện thông tin liên lạc chuyên dùng.",
    "Qua rà soát, có 07 trường hợp cần tiếp tục theo dõi, xác minh; các trường hợp còn lại chưa phát hiện dấu hiệu vi phạm.",
    "Kinh phí thực hiện dự kiến 4.750 triệu đồng, bố trí từ nguồn dự phòng ngân sách tỉnh và nguồn chi thường xuyên của các đơn vị.",
    "Giao Công an tỉnh chủ trì, phối hợp với Bộ Chỉ huy Quân sự tỉnh và các sở, ngành liên quan tổ chức thực hiện, báo cáo kết quả trước ngày 30 tháng 11.",
    "Các đơn vị không được phổ biến nội dung văn bản này ra ngoài phạm vi những người có trách nhiệm thực hiện.",
    "Thời gian triển khai từ ngày 20 tháng 01 đến hết ngày 10 tháng 02; địa điểm tập kết lực lượng tại doanh trại Đại đội 2.",
    "Tuyến đường dự phòng đi qua quốc lộ 1A, rẽ vào đường tỉnh 635, có xe dẫn đường và xe hộ tống phía sau.",
    "Đề nghị Ban Thường vụ cho ý kiến về phương án nhân sự nêu trên để làm cơ sở tiến hành các bước tiếp theo.",
    "Danh sách chi tiết các vị trí, số lượng và phương tiện tại phụ lục kèm theo.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo trực tiếp về Thường trực Ban Chỉ đạo để xử lý kịp thời.",
    "Kho K2 hiện bảo quản 14,6 tấn đạn dược các loại, mái kho có hai vị trí thấm dột cần sửa chữa ngay trước mùa mưa.",
    "Ca trực đêm do đồng chí Phó Chỉ huy trưởng trực tiếp chỉ huy, giữ liên lạc thông suốt với Sở Chỉ huy cơ bản.",
)

PLAIN_BODY = (
    "Căn cứ kế hoạch công tác năm, đơn vị tổ chức triển khai các nội dung sau đây.",
    "Thời gian tổ chức dự kiến vào tuần thứ hai của tháng, địa điểm tại hội trường tầng 3 trụ sở cơ quan.",
    "Đề nghị các phòng, ban chuẩn bị báo cáo tóm tắt, gửi về Văn phòng trước 02 ngày để tổng hợp.",
    "Kinh phí tổ chức được bố trí từ nguồn chi thường xuyên đã giao trong dự toán đầu năm.",
    "Văn phòng có trách nhiệm chuẩn bị hội trường, tài liệu, nước uống và phương tiện trình chiếu.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc đề nghị phản ánh về đầu mối để được hướng dẫn.",
    "Kết quả thực hiện được tổng hợp, báo cáo Ủy ban nhân dân tỉnh trước ngày 15 tháng 12.",
    "Các đơn vị cử cán bộ đầu mối, gửi danh sách kèm số điện thoại liên hệ về Văn phòng Sở.",
)

SIGNERS = (
    (["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"], "Nguyễn Văn Thắng"),
    (["GIÁM ĐỐC"], "Trần Thị Hồng Nhung"),
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "Lê Quang Vinh"),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Phạm Minh Đức"),
    (["TRƯỞNG BAN"], "Hoàng Thị Thu Trang"),
    (["CHỈ HUY TRƯỞNG"], "Đại tá Vũ Đình Khải"),
)


def date_line(place: str, day: int, month: int, year: int) -> str:
    """Decree 30 writes days under 10 and months under 3 with a leading zero."""
    d = f"{day:02d}"
    m = f"{month:02d}" if month < 3 else str(month)
    return f"{place}, ngày {d} tháng {m} năm {year}"


def paper(
    rng: random.Random,
    *,
    secret: bool,
    marks: list[Mark] | None = None,
    topic: tuple[str, str, str] | None = None,
    body: list[str] | None = None,
    agency: Agency | None = None,
) -> Paper:
    ag = agency or rng.choice(AGENCIES)
    if topic is None:
        topic = rng.choice(SECRET_TOPICS) if secret else rng.choice(PLAIN_TOPICS)
    kind, code, subject = topic
    year = rng.choice((2023, 2024, 2025))
    number = rng.randint(3, 480)
    symbol = (
        f"{code}-{ag.short}" if code else f"{ag.short}-{rng.choice(('VP', 'TH', 'KHTC', 'TCCB'))}"
    )
    pool = SECRET_BODY if secret else PLAIN_BODY
    text = body if body is not None else rng.sample(pool, rng.randint(5, min(8, len(pool))))
    role, signer = rng.choice(SIGNERS)
    recipients = [
        "- Như trên;",
        *rng.sample(
            [
                "- Thường trực Tỉnh ủy;",
                "- Chủ tịch UBND tỉnh;",
                "- Công an tỉnh;",
                "- Các Phó Giám đốc;",
            ],
            2,
        ),
    ]
    recipients.append(
        f"- Lưu: VT, {rng.choice(('TH', 'PC', 'NV'))}" + ("(02b)." if secret else ".")
    )
    return Paper(
        parent=ag.parent,
        organ=ag.organ,
        number=f"Số: {number}/{symbol}",
        place_date=date_line(ag.place, rng.randint(1, 28), rng.randint(1, 12), year),
        kind=kind,
        subject=subject,
        body=list(text),
        recipients=recipients,
        sign_role=list(role),
        signer=signer,
        marks=list(marks or []),
        addressee=""
        if kind
        else rng.choice(
            ("Kính gửi: Các sở, ban, ngành tỉnh", "Kính gửi: Ủy ban nhân dân các huyện, thị xã")
        ),
    )


PLAIN_TOPICS = (
    ("KẾ HOẠCH", "KH", "Tổ chức Hội thao cán bộ, công chức, viên chức năm 2025"),
    ("QUYẾT ĐỊNH", "QĐ", "Khen thưởng tập thể, cá nhân có thành tích trong phong trào thi đua"),
    ("", "", "V/v đăng ký tham gia lớp bồi dưỡng kỹ năng soạn thảo văn bản"),
    ("THÔNG BÁO", "TB", "Lịch tiếp công dân của lãnh đạo Sở tháng 10"),
    ("BÁO CÁO", "BC", "Kết quả thực hiện cải cách hành chính 6 tháng đầu năm"),
    ("GIẤY MỜI", "GM", "Dự hội nghị sơ kết công tác chuyển đổi số"),
)


def level_mark(level: str, where: str = "under_number") -> Mark:
    return Mark("level", (LEVEL_WORD[level],), where)


def recipients_of(p: Paper) -> list[str]:
    return ["Nơi nhận:", *p.recipients] if p.recipients else []


# ---------------------------------------------------------------------------------------------
# ink: stamps and the round seal as pictures

STAMP_INKS: dict[str, RGB] = {
    "red": (206, 28, 36),
    "dark-red": (150, 18, 30),
    "pink": (228, 120, 140),  # a faded pad
    "black": (40, 40, 44),  # a photocopied stamp
    "violet": (110, 40, 150),
}


@dataclass
class Look:
    face: str = "serif"
    pt: float = 13.5
    ink: str = "red"
    stamp_face: str = "serif"
    stamp_pt: float = 14.0
    stamp_border: float = 0.6  # mm
    stamp_tilt: float = 0.0
    wear: float = 0.15  # share of the ink mask lost
    seal_ink: RGB = (214, 40, 48)


def random_look(rng: random.Random, **over: object) -> Look:
    look = Look(
        face=rng.choice(("serif", "serif", "serif", "dejavu", "sans")),
        pt=rng.choice((13.0, 13.5, 14.0)),
        ink=rng.choice(("red", "red", "red", "dark-red", "pink", "violet")),
        stamp_face=rng.choice(("serif", "serif", "sans", "dejavu-sans", "dejavu")),
        stamp_pt=rng.uniform(12.5, 17.0),
        stamp_border=rng.uniform(0.35, 0.9),
        stamp_tilt=rng.uniform(-3.0, 3.0),
        wear=rng.uniform(0.05, 0.3),
    )
    return replace(look, **over)  # type: ignore[arg-type]


def mm(v: float, dpi: int) -> int:
    return round(v * dpi / 25.4)


def _ink_mask(size: tuple[int, int], rng: random.Random, wear: float) -> Image.Image:
    """Uneven ink: a smooth random field, darker where the pad pressed harder."""
    w, h = size
    small = Image.new("L", (max(2, w // 9), max(2, h // 9)))
    small.putdata(
        [rng.randint(int(255 * (1 - wear * 2.2)), 255) for _ in range(small.width * small.height)]
    )
    field_ = small.resize(size, Image.Resampling.BILINEAR)
    return field_.point(lambda v: 0 if v < 255 * (1 - wear * 1.6) * 0.62 else min(255, v + 40))


def stamp_mask(
    lines: tuple[str, ...],
    look: Look,
    dpi: int,
    rng: random.Random,
    *,
    frame: str = "rect",  # rect | circle | none | double
    strike: bool = False,
    tilt: float | None = None,
) -> Image.Image:
    """The stamp as an ink mask (L, 255 = full ink), already tilted."""
    px = look.stamp_pt * dpi / 72
    fonts = [font(look.stamp_face, "b", px * (1.0 if i == 0 else 0.78)) for i in range(len(lines))]
    sizes = [f.getbbox(s) for f, s in zip(fonts, lines, strict=True)]
    widths = [b[2] - b[0] for b in sizes]
    line_h = [round(f.size * 1.25) for f in fonts]
    pad_x, pad_y = mm(rng.uniform(1.8, 3.5), dpi), mm(rng.uniform(0.8, 1.6), dpi)
    border = max(2, mm(look.stamp_border, dpi))
    w = round(max(widths)) + 2 * pad_x + 2 * border
    h = sum(line_h) + 2 * pad_y + 2 * border
    if frame == "circle":
        w = h = max(w, h)
    img = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(img)
    if frame == "rect":
        draw.rectangle((0, 0, w - 1, h - 1), outline=255, width=border)
    elif frame == "double":
        draw.rectangle((0, 0, w - 1, h - 1), outline=255, width=border)
        gap = border * 2
        draw.rectangle((gap, gap, w - 1 - gap, h - 1 - gap), outline=255, width=max(1, border // 2))
    elif frame == "circle":
        draw.ellipse((0, 0, w - 1, h - 1), outline=255, width=border)
    y = (h - sum(line_h)) // 2
    for f, s, lh, width in zip(fonts, lines, line_h, widths, strict=True):
        draw.text(((w - width) // 2, y), s, font=f, fill=255)
        y += lh
    if strike:  # crossed out by hand: two pen strokes across the old stamp
        pen = max(2, border)
        draw.line((w * 0.05, h * 0.75, w * 0.95, h * 0.3), fill=255, width=pen)
        draw.line((w * 0.05, h * 0.35, w * 0.97, h * 0.8), fill=255, width=pen)
    img = ImageChops.multiply(img, _ink_mask(img.size, rng, look.wear))
    angle = look.stamp_tilt if tilt is None else tilt
    if angle:
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True)
    return img


def stamp_picture(
    lines: tuple[str, ...], look: Look, dpi: int, rng: random.Random, **kw: object
) -> bytes:
    """A scanned stamp as a PNG on white (how people paste a stamp into Word or a PDF)."""
    mask = stamp_mask(lines, look, dpi, rng, **kw)  # type: ignore[arg-type]
    sheet = Image.new("RGB", mask.size, "white")
    sheet.paste(STAMP_INKS[look.ink], mask=mask)
    out = io.BytesIO()
    sheet.save(out, "PNG", dpi=(dpi, dpi))
    return out.getvalue()


def ink(page: Image.Image, mask: Image.Image, colour: RGB, cx: int, cy: int) -> None:
    """Press ink on the page: the colour multiplies what is printed underneath."""
    x, y = cx - mask.width // 2, cy - mask.height // 2
    layer = Image.new("RGB", mask.size, "white")
    layer.paste(colour, mask=mask)
    box = (x, y, x + mask.width, y + mask.height)
    under = page.crop(box)
    page.paste(ImageChops.multiply(under, layer), box[:2])


def seal_mask(name: str, dpi: int, rng: random.Random) -> Image.Image:
    """The agency's round seal: two rings, the name along the ring, a star in the middle."""
    d = mm(rng.uniform(34, 38), dpi)
    img = Image.new("L", (d, d), 0)
    draw = ImageDraw.Draw(img)
    w = max(2, mm(0.7, dpi))
    draw.ellipse((0, 0, d - 1, d - 1), outline=255, width=w)
    inner = mm(7.5, dpi)
    draw.ellipse((inner, inner, d - 1 - inner, d - 1 - inner), outline=255, width=max(1, w // 2))
    f = font("sans", "b", mm(3.2, dpi))
    r = d / 2 - mm(4.2, dpi)
    text = f"* {name} *"
    span = 300.0
    for i, ch in enumerate(text):
        a = math.radians(-240 + span * i / max(1, len(text) - 1))
        glyph = Image.new("L", (round(f.size * 2), round(f.size * 2)), 0)
        ImageDraw.Draw(glyph).text((f.size // 2, f.size // 3), ch, font=f, fill=255)
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.Resampling.BICUBIC)
        cx, cy = d / 2 + r * math.cos(a), d / 2 + r * math.sin(a)
        img.paste(255, (round(cx - glyph.width / 2), round(cy - glyph.height / 2)), glyph)
    star = mm(5, dpi)
    pts = []
    for k in range(10):
        rr = star if k % 2 == 0 else star * 0.42
        a = math.radians(-90 + 36 * k)
        pts.append((d / 2 + rr * math.cos(a), d / 2 + rr * math.sin(a)))
    draw.polygon(pts, fill=255)
    img = ImageChops.multiply(img, _ink_mask(img.size, rng, 0.12))
    return img.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)


def signature(draw: ImageDraw.ImageDraw, x: int, y: int, dpi: int, rng: random.Random) -> None:
    pts = []
    for k in range(14):
        pts.append((x + mm(3.2 * k, dpi), y + mm(rng.uniform(-4, 4), dpi)))
    draw.line(pts, fill=(20, 30, 110), width=max(2, mm(0.45, dpi)), joint="curve")


# ---------------------------------------------------------------------------------------------
# a paper printed on A4 (Decree 30 layout), as page images

A4 = (210.0, 297.0)
LEFT, RIGHT, TOP, BOTTOM = 30.0, 15.0, 20.0, 20.0


def mark_mask(mark: Mark, look: Look, dpi: int, rng: random.Random) -> Image.Image:
    if mark.kind == "copy":
        return stamp_mask(
            mark.lines, replace(look, stamp_pt=look.stamp_pt * 0.8), dpi, rng, frame="none"
        )
    if mark.kind == "named":
        return stamp_mask(mark.lines, replace(look, stamp_pt=min(look.stamp_pt, 12.5)), dpi, rng)
    if mark.kind == "note":
        return stamp_mask(
            mark.lines, replace(look, stamp_pt=11.0), dpi, rng, frame="none", tilt=0.0
        )
    if mark.kind == "letter":
        return stamp_mask(
            mark.lines, replace(look, stamp_pt=look.stamp_pt * 1.5), dpi, rng, frame="circle"
        )
    if mark.kind == "declass":
        frame = "double" if rng.random() < 0.3 else "rect"
        return stamp_mask(mark.lines, look, dpi, rng, frame=frame)
    return stamp_mask(mark.lines, look, dpi, rng, strike=mark.kind == "crossed")


class Sheet:
    """One A4 page being drawn, addressed in millimetres."""

    def __init__(self, dpi: int, look: Look, size: tuple[float, float] = A4) -> None:
        self.dpi, self.look = dpi, look
        self.img = Image.new("RGB", (mm(size[0], dpi), mm(size[1], dpi)), "white")
        self.draw = ImageDraw.Draw(self.img)

    def px(self, v: float) -> int:
        return mm(v, self.dpi)

    def f(self, style: str, pt: float | None = None) -> ImageFont.FreeTypeFont:
        return font(self.look.face, style, (pt or self.look.pt) * self.dpi / 72)

    def text(
        self,
        x: float,
        y: float,
        s: str,
        style: str = "r",
        pt: float | None = None,
        align: str = "c",
    ) -> float:
        """Draw `s` with its top at y (mm); x is the centre, left or right edge by `align`."""
        f = self.f(style, pt)
        width = f.getlength(s)
        left = self.px(x) - (width / 2 if align == "c" else width if align == "r" else 0)
        self.draw.text((left, self.px(y)), s, font=f, fill=(18, 18, 18))
        return width * 25.4 / self.dpi

    def rule(self, cx: float, y: float, width_mm: float) -> None:
        self.draw.line(
            (self.px(cx - width_mm / 2), self.px(y), self.px(cx + width_mm / 2), self.px(y)),
            fill=(18, 18, 18),
            width=max(1, self.px(0.25)),
        )

    def para(
        self, x: float, y: float, width: float, s: str, style: str = "r", indent: float = 10
    ) -> float:
        f = self.f(style)
        lines = wrap_words(s, f, self.px(width - indent))
        step = (self.look.pt * 1.38) * 25.4 / 72
        for i, line in enumerate(lines):
            self.draw.text(
                (self.px(x + (indent if i == 0 else 0)), self.px(y)),
                line,
                font=f,
                fill=(18, 18, 18),
            )
            y += step
        return y + step * 0.3

    def press(self, mask: Image.Image, x: float, y: float, colour: RGB | None = None) -> None:
        """Ink a mask whose top-centre lands at (x, y) mm."""
        colour = colour or STAMP_INKS[self.look.ink]
        ink(self.img, mask, colour, self.px(x), self.px(y) + mask.height // 2)


def _place_marks(sheet: Sheet, marks: list[Mark], number_y: float, rng: random.Random) -> float:
    """Stamp the marks; returns the lowest point reached in the left column."""
    left_cx = LEFT + 26
    slots = {
        "under_number": [left_cx + rng.uniform(-4, 4), number_y + 7.5],
        "top_center": [105 + rng.uniform(-6, 6), 6.0 + rng.uniform(0, 4)],
        "top_right": [172 + rng.uniform(-5, 5), 6.0 + rng.uniform(0, 4)],
        "top_left": [left_cx + rng.uniform(-6, 2), 5.0 + rng.uniform(0, 4)],
    }
    low = number_y + 6
    for m in marks:
        mask = mark_mask(m, sheet.look, sheet.dpi, rng)
        x, y = slots[m.where]
        if m.where == "top_right":
            x = min(x, 210 - 4 - mask.width * 25.4 / sheet.dpi / 2)
        sheet.press(mask, x, y)
        slots[m.where][1] = y + mask.height * 25.4 / sheet.dpi + rng.uniform(1.0, 3.0)
        if m.where == "under_number":
            low = slots[m.where][1]
    return low


def raster(p: Paper, look: Look, dpi: int, rng: random.Random) -> list[Image.Image]:
    """Print the paper: page 1 carries the header, continuation pages a page number."""
    pages: list[Sheet] = []
    s = Sheet(dpi, look)
    pages.append(s)
    lcx, rcx = LEFT + 26, 146.0
    y0 = TOP
    if p.organ:
        s.text(lcx, y0, p.parent, "r", 12)
        s.text(lcx, y0 + 5.5, p.organ, "b", 12)
        s.rule(lcx, y0 + 11.6, 22)
        s.text(rcx, y0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b", 12)
        w = s.text(rcx, y0 + 5.5, "Độc lập - Tự do - Hạnh phúc", "b", 13)
        s.rule(rcx, y0 + 11.6, w)
        number_y = y0 + 15
        s.text(lcx, number_y, p.number, "r", 13)
        s.text(rcx, number_y + 1, p.place_date, "i", 13.5)
    else:
        number_y = y0
    low = _place_marks(s, p.marks, number_y, rng)
    y = max(low, number_y + 8)
    if not p.kind and p.organ:  # an official letter: the summary sits under the number
        for i, line in enumerate(wrap_words(p.subject, s.f("r", 12), s.px(68))):
            s.text(lcx, y + i * 4.8, line, "r", 12)
        y += 14
        s.text(105, y, p.addressee, "r")
        y += 12
    else:
        y += 6
        s.text(105, y, p.kind, "b", 14)
        for i, line in enumerate(wrap_words(p.subject, s.f("b"), s.px(140))):
            s.text(105, y + 6.5 + i * 6, line, "b")
        y += 6.5 + 6 * len(wrap_words(p.subject, s.f("b"), s.px(140)))
        s.rule(105, y + 1, 40)
        y += 8
    width = 210 - LEFT - RIGHT
    for para in p.body:
        if y > 297 - BOTTOM - 12:
            s = Sheet(dpi, look)
            pages.append(s)
            s.text(105, 10, str(len(pages)), "r", 12)
            y = TOP
        y = s.para(LEFT, y, width, para)
    if p.table:
        y = _table(s, y + 2, p.table)
    if y > 297 - BOTTOM - 52:
        s = Sheet(dpi, look)
        pages.append(s)
        s.text(105, 10, str(len(pages)), "r", 12)
        y = TOP
    y += 4
    for i, line in enumerate(recipients_of(p)):
        s.text(LEFT, y + i * 4.6, line, "b" if i == 0 else "r", 11 if i else 12, "l")
    for i, line in enumerate(p.sign_role):
        s.text(150, y + i * 5.6, line, "b", 13)
    sig_y = y + 5.6 * len(p.sign_role) + 6
    if p.signer:
        signature(s.draw, s.px(132), s.px(sig_y + 6), dpi, rng)
    if p.seal and p.signer:
        s.press(seal_mask(rng.choice(AGENCIES).seal_name, dpi, rng), 136, sig_y - 10, look.seal_ink)
    s.text(150, sig_y + 22, p.signer, "b", 13.5)
    return [pg.img for pg in pages]


def _table(s: Sheet, y: float, rows: list[list[str]]) -> float:
    width = 210 - LEFT - RIGHT
    cols = len(rows[0])
    first = min(16.0, width / cols)
    rest = (width - first) / max(1, cols - 1)
    xs = [LEFT, LEFT + first] + [LEFT + first + rest * k for k in range(1, cols)]
    h = 7.5
    for r, row in enumerate(rows):
        if y > 297 - BOTTOM - 10:
            break
        for c, cell in enumerate(row):
            s.draw.rectangle(
                (s.px(xs[c]), s.px(y), s.px(xs[c + 1]), s.px(y + h)),
                outline=(20, 20, 20),
                width=max(1, s.px(0.2)),
            )
            f = s.f("b" if r == 0 else "r", 11)
            text = cell
            while f.getlength(text) > s.px(xs[c + 1] - xs[c] - 2) and len(text) > 3:
                text = text[:-2]
            s.draw.text((s.px(xs[c] + 1.2), s.px(y + 1.6)), text, font=f, fill=(18, 18, 18))
        y += h
    return y + 4


# ---------------------------------------------------------------------------------------------
# what happens to paper: scanners, photocopiers, phones


def scanner_noise(img: Image.Image, rng: random.Random, *, mode: str, skew: float) -> Image.Image:
    """A flatbed or feeder scan: slight skew, a grey cast, dust; `mode` colour | grey | bw."""
    if skew:
        img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor="white")
    if mode == "colour":
        cast = Image.new(
            "RGB", img.size, (rng.randint(236, 250), rng.randint(234, 248), rng.randint(226, 244))
        )
        img = ImageChops.multiply(img, cast)
    else:
        img = ImageOps.grayscale(img)
        img = ImageOps.autocontrast(img, cutoff=rng.uniform(0.2, 1.5))
        if mode == "bw":
            cut = rng.randint(150, 185)
            img = img.point(lambda v: 255 if v > cut else 0).convert("1")
            return _dust(img.convert("L"), rng, dark=True).convert("1")
    return _dust(img, rng, dark=mode != "colour")


def _dust(img: Image.Image, rng: random.Random, *, dark: bool) -> Image.Image:
    draw = ImageDraw.Draw(img)
    colour: int | tuple[int, int, int] = 30 if img.mode == "L" else (40, 40, 40)
    for _ in range(rng.randint(20, 120)):
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        r = rng.choice((1, 1, 1, 2, 3))
        draw.ellipse((x, y, x + r, y + r), fill=colour)
    if dark and rng.random() < 0.5:  # the copier's dark edge along one side
        w = rng.randint(4, 18)
        draw.rectangle((0, 0, w, img.height), fill=colour)
    return img


def encode(img: Image.Image, fmt: str, rng: random.Random, dpi: int = 200) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        img.convert("RGB" if img.mode != "L" else "L").save(
            out, "JPEG", quality=rng.randint(55, 88), dpi=(dpi, dpi)
        )
    elif fmt == "TIFF":
        if img.mode == "1":
            img.save(out, "TIFF", compression="group4", dpi=(dpi, dpi))
        else:
            img.save(out, "TIFF", compression="tiff_lzw", dpi=(dpi, dpi))
    else:
        img.save(out, fmt, dpi=(dpi, dpi))
    return out.getvalue()


def scan_pdf(pages: list[Image.Image], dpi: int, rng: random.Random) -> bytes:
    """A scanner's PDF: one JPEG (or bilevel) picture per page, no text layer."""
    out = io.BytesIO()
    first, *rest = [pg if pg.mode in ("1", "L") else pg.convert("RGB") for pg in pages]
    first.save(
        out,
        "PDF",
        resolution=float(dpi),
        save_all=True,
        append_images=rest,
        quality=rng.randint(60, 85),
    )
    return out.getvalue()


def phone_photo(
    page: Image.Image,
    rng: random.Random,
    *,
    long_side: int | None = None,
    backdrop: RGB | None = None,
) -> bytes:
    """A page photographed on a desk: perspective, warm light falling off, a hand's shadow,
    slight blur and a chat app's JPEG."""
    long_side = long_side or rng.choice((1600, 1920, 2048, 2560))
    portrait = page.height >= page.width
    W, H = (
        (round(long_side * 0.75), long_side) if portrait else (long_side, round(long_side * 0.75))
    )
    desk = backdrop or rng.choice(((120, 86, 60), (170, 150, 120), (70, 72, 80), (196, 190, 180)))
    canvas = Image.new("RGB", (W, H), desk)
    grain = Image.effect_noise((W // 4, H // 4), 18).resize((W, H)).convert("RGB")
    canvas = ImageChops.multiply(
        canvas, ImageOps.autocontrast(grain, cutoff=0).point(lambda v: 200 + v // 5)
    )
    # where the page corners land (clockwise from top-left), as a share of the frame
    m = rng.uniform(0.04, 0.1)
    j = rng.uniform(0.01, 0.06)
    quad = [
        (W * (m + rng.uniform(-j, j)), H * (m + rng.uniform(-j, j))),
        (W * (1 - m + rng.uniform(-j, j)), H * (m + rng.uniform(-j, j))),
        (W * (1 - m + rng.uniform(-j, j)), H * (1 - m + rng.uniform(-j, j))),
        (W * (m + rng.uniform(-j, j)), H * (1 - m + rng.uniform(-j, j))),
    ]
    src = [(0.0, 0.0), (page.width, 0.0), (page.width, page.height), (0.0, page.height)]
    coeffs = perspective_coeffs(quad, src)
    warped = page.convert("RGB").transform(
        (W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", (page.width, page.height), 255).transform(
        (W, H), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    canvas.paste(warped, mask=mask)
    # light: brighter near one corner, dimmer across
    light = Image.linear_gradient("L").resize((W, H))
    light = light.rotate(
        rng.uniform(0, 360), resample=Image.Resampling.BILINEAR, expand=False, fillcolor=128
    )
    lo = rng.randint(150, 200)
    light = light.point(lambda v: lo + (255 - lo) * v // 255)
    canvas = ImageChops.multiply(
        canvas, Image.merge("RGB", (light, light, light.point(lambda v: v * 0.94)))
    )
    if rng.random() < 0.7:  # the phone's or the hand's shadow
        shade = Image.new("L", (W, H), 255)
        sx, sy = rng.uniform(0.3, 0.9) * W, rng.uniform(0.4, 1.0) * H
        ImageDraw.Draw(shade).ellipse(
            (sx - W * 0.35, sy - H * 0.2, sx + W * 0.35, sy + H * 0.6), fill=rng.randint(120, 175)
        )
        shade = shade.filter(ImageFilter.GaussianBlur(W / 25))
        canvas = ImageChops.multiply(canvas, Image.merge("RGB", (shade, shade, shade)))
    canvas = canvas.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 1.3)))
    if rng.random() < 0.5:
        canvas = canvas.rotate(rng.choice((0, 0, 90, -90)), expand=True)
    return encode(canvas, "JPEG", rng, 72)


# ---------------------------------------------------------------------------------------------
# Word (python-docx): the same paper typed in Word, with the mark made the ways typists make it

INK_HEX = {
    "red": "E00000",
    "dark-red": "990000",
    "pink": "E0708A",
    "black": "202020",
    "violet": "7030A0",
}


@dataclass
class WordStyle:
    face: str = "Times New Roman"
    mark: str = "border"  # border | table | plain | spaced | picture | textbox | header
    ink: str = "red"
    pt: float = 14
    legacy: str = ""  # "" | "tcvn3" | "vni": the text is typed in an old 8-bit Vietnamese font


def _set_font(run, face: str, qn) -> None:
    run.font.name = face
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), face)


def _run(
    par, text: str, style: WordStyle, *, bold=False, italic=False, pt=None, colour=None, upper=False
):
    face = style.face
    if style.legacy == "tcvn3":
        face = ".VnTimeH" if upper else ".VnTime"
        text = tcvn3(text)
    elif style.legacy == "vni":
        face = "VNI-Times"
        text = vni(text)
    run = par.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(pt or 13)
    _set_font(run, face, qn)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def _cell_borders(table, colour: str | None, qn, OxmlElement) -> None:
    tblpr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single" if colour else "nil")
        if colour:
            el.set(qn("w:sz"), "12")
            el.set(qn("w:color"), colour)
        borders.append(el)
    tblpr.append(borders)


def _mark_into(container, mark: Mark, style: WordStyle, rng: random.Random) -> None:
    """Type one mark into a cell, the body or a header, the way `style.mark` says."""
    colour = INK_HEX[style.ink]
    how = style.mark
    text = mark.lines[0]
    if mark.kind in ("copy", "note"):
        how = "plain"
    if how == "picture":
        look = Look(
            ink=style.ink, stamp_pt=style.pt, stamp_tilt=rng.uniform(-2.5, 2.5), stamp_face="serif"
        )
        png = stamp_picture(mark.lines, look, 300, rng, strike=mark.kind == "crossed")
        par = container.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.add_run().add_picture(
            io.BytesIO(png), width=Mm(9 + 4.2 * len(max(mark.lines, key=len)))
        )
        return
    if how == "table":
        inner = container.add_table(rows=1, cols=1)
        inner.alignment = WD_TABLE_ALIGNMENT.CENTER
        _cell_borders(inner, colour, qn, OxmlElement)
        cell = inner.cell(0, 0)
        cell.width = Mm(8 + 4.5 * len(text))
        for i, line in enumerate(mark.lines):
            par = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = _run(
                par,
                line,
                style,
                bold=True,
                pt=style.pt if i == 0 else 11,
                colour=colour,
                upper=True,
            )
            run.font.strike = mark.kind == "crossed"
        return
    if how == "textbox":
        body = "".join(
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:color w:val="{colour}"/>'
            f'<w:sz w:val="{int(style.pt * 2)}"/></w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
            for line in mark.lines
        )
        width = 24 + 12 * len(max(mark.lines, key=len))
        xml = (
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            f'<v:rect style="position:absolute;margin-left:{rng.randint(10, 60)}pt;margin-top:0;width:{width}pt;'
            f'height:{10 + 18 * len(mark.lines)}pt;z-index:2" strokecolor="#{colour}" strokeweight="1.25pt" filled="f">'
            f"<v:textbox><w:txbxContent>{body}</w:txbxContent></v:textbox></v:rect></w:pict></w:r>"
        )
        container.add_paragraph()._p.append(parse_xml(xml))
        return
    par = container.add_paragraph()
    par.alignment = (
        WD_ALIGN_PARAGRAPH.CENTER if mark.where != "top_right" else WD_ALIGN_PARAGRAPH.RIGHT
    )
    for i, line in enumerate(mark.lines):
        if i:
            par.add_run().add_break()
        run = _run(
            par,
            line,
            style,
            bold=mark.kind != "note",
            pt=style.pt if i == 0 else 11,
            colour=colour,
            upper=True,
        )
        run.font.strike = mark.kind == "crossed"
        if how == "spaced":
            rpr = run._element.get_or_add_rPr()
            sp = OxmlElement("w:spacing")
            sp.set(qn("w:val"), str(rng.choice((20, 30, 40, 60))))
            rpr.append(sp)
    if how == "border" and mark.kind not in ("copy", "note"):
        paragraph_border(par, colour)
        indent = Mm(max(2, 24 - 2.6 * len(text)))
        par.paragraph_format.left_indent = indent
        par.paragraph_format.right_indent = indent


def docx_of(p: Paper, rng: random.Random, style: WordStyle | None = None) -> bytes:
    style = style or WordStyle()
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = (
        Mm(30),
        Mm(15),
        Mm(20),
        Mm(20),
    )
    normal = d.styles["Normal"]
    normal.font.name = style.face
    normal.font.size = Pt(13)
    head_marks = [m for m in p.marks if style.mark == "header" and m.kind not in ("copy", "note")]
    top_marks = [m for m in p.marks if m not in head_marks and m.where != "under_number"]
    left_marks = [m for m in p.marks if m not in head_marks and m.where == "under_number"]
    if head_marks:
        header = sec.header
        header.is_linked_to_previous = False
        for m in head_marks:
            par = header.add_paragraph()
            par.alignment = (
                WD_ALIGN_PARAGRAPH.CENTER if m.where == "top_center" else WD_ALIGN_PARAGRAPH.LEFT
            )
            run = _run(
                par,
                "   ".join(m.lines),
                style,
                bold=True,
                pt=style.pt,
                colour=INK_HEX[style.ink],
                upper=True,
            )
            run.font.strike = m.kind == "crossed"
            paragraph_border(par, INK_HEX[style.ink])
            par.paragraph_format.right_indent = Mm(max(10, 140 - 6 * len(m.lines[0])))
    for m in top_marks:
        _mark_into(d, m, style, rng)
    if p.organ:
        table = d.add_table(rows=1, cols=2)
        table.autofit = False
        _cell_borders(table, None, qn, OxmlElement)
        left, right = table.cell(0, 0), table.cell(0, 1)
        table.columns[0].width, table.columns[1].width = Mm(62), Mm(103)
        left.width, right.width = Mm(62), Mm(103)
        lines = [(p.parent, False), (p.organ, True), ("", False), (p.number, False)]
        for i, (text, bold) in enumerate(lines):
            par = left.paragraphs[0] if i == 0 else left.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(par, text, style, bold=bold, pt=12.5, upper=True)
        if not p.kind:
            par = left.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(par, p.subject, style, pt=12)
        for m in left_marks:
            _mark_into(left, m, style, rng)
        for i, (text, bold, italic) in enumerate(
            [
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False),
                ("Độc lập - Tự do - Hạnh phúc", True, False),
                ("", False, False),
                (p.place_date, False, True),
            ]
        ):
            par = right.paragraphs[0] if i == 0 else right.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = _run(
                par, text, style, bold=bold, italic=italic, pt=12 if i == 0 else 13, upper=i == 0
            )
            run.underline = i == 1
    else:
        for m in left_marks:
            _mark_into(d, m, style, rng)
    if p.kind:
        for text, pt in ((p.kind, 14), (p.subject, 13.5)):
            par = d.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(par, text, style, bold=True, pt=pt, upper=text.isupper())
    elif p.addressee:
        par = d.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(par, p.addressee, style, pt=14)
    for text in p.body:
        par = d.add_paragraph()
        par.paragraph_format.first_line_indent = Mm(10)
        par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        _run(par, text, style, pt=14)
    if p.table:
        grid = d.add_table(rows=len(p.table), cols=len(p.table[0]))
        grid.style = "Table Grid"
        for r, row in enumerate(p.table):
            for c, text in enumerate(row):
                _run(grid.cell(r, c).paragraphs[0], text, style, bold=r == 0, pt=12)
    foot = d.add_table(rows=1, cols=2)
    _cell_borders(foot, None, qn, OxmlElement)
    left, right = foot.cell(0, 0), foot.cell(0, 1)
    for i, text in enumerate(recipients_of(p)):
        par = left.paragraphs[0] if i == 0 else left.add_paragraph()
        _run(par, text, style, bold=i == 0, italic=i == 0, pt=12 if i == 0 else 11)
    for i, text in enumerate([*p.sign_role, "", "", "", p.signer]):
        par = right.paragraphs[0] if i == 0 else right.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(par, text, style, bold=True, pt=13.5, upper=text.isupper())
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# legacy 8-bit Vietnamese fonts: TCVN3 (ABC, .VnTime/.VnTimeH) and VNI (VNI-Times)

_TCVN3_LOWER = {
    "à": "µ",
    "á": "¸",
    "ả": "¶",
    "ã": "·",
    "ạ": "¹",
    "ă": "¨",
    "ằ": "»",
    "ắ": "¾",
    "ẳ": "¼",
    "ẵ": "½",
    "ặ": "Æ",
    "â": "©",
    "ầ": "Ç",
    "ấ": "Ê",
    "ẩ": "È",
    "ẫ": "É",
    "ậ": "Ë",
    "đ": "®",
    "è": "Ì",
    "é": "Ð",
    "ẻ": "Î",
    "ẽ": "Ï",
    "ẹ": "Ñ",
    "ê": "ª",
    "ề": "Ò",
    "ế": "Õ",
    "ể": "Ó",
    "ễ": "Ô",
    "ệ": "Ö",
    "ì": "×",
    "í": "Ý",
    "ỉ": "Ø",
    "ĩ": "Ü",
    "ị": "Þ",
    "ò": "ß",
    "ó": "ã",
    "ỏ": "á",
    "õ": "â",
    "ọ": "ä",
    "ô": "«",
    "ồ": "å",
    "ố": "è",
    "ổ": "æ",
    "ỗ": "ç",
    "ộ": "é",
    "ơ": "¬",
    "ờ": "ê",
    "ớ": "í",
    "ở": "ë",
    "ỡ": "ì",
    "ợ": "î",
    "ù": "ï",
    "ú": "ó",
    "ủ": "ñ",
    "ũ": "ò",
    "ụ": "ô",
    "ư": "\xad",
    "ừ": "õ",
    "ứ": "ø",
    "ử": "ö",
    "ữ": "÷",
    "ự": "ù",
    "ỳ": "ú",
    "ý": "ý",
    "ỷ": "û",
    "ỹ": "ü",
    "ỵ": "þ",
}
_TCVN3_UPPER_OWN = {"Ă": "¡", "Â": "¢", "Đ": "§", "Ê": "£", "Ô": "¤", "Ơ": "¥", "Ư": "¦"}


def tcvn3(text: str) -> str:
    """What a .VnTime / .VnTimeH document stores: a capital with a tone mark has no code of
    its own, so typists set capitals in .VnTimeH, which draws the small letters' codes as
    capitals; a few bare capitals (Ă Â Đ Ê Ô Ơ Ư) have codes in .VnTime too."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in _TCVN3_UPPER_OWN and not text.isupper():
            out.append(_TCVN3_UPPER_OWN[ch])
            continue
        low = ch.lower()
        if low in _TCVN3_LOWER:
            out.append(_TCVN3_LOWER[low])
        else:
            out.append(ch)
    return "".join(out)


_VNI_TONES = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT_TONES = {"\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE_TONES = {"\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def vni(text: str) -> str:
    """VNI-Windows: a base letter followed by one code for its marks (ư ơ đ and i-with-tone
    have codes of their own); capitals use the capital forms of the same codes."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        dec = unicodedata.normalize("NFD", ch)
        base, marks = dec[0], dec[1:]
        if not marks and ch not in "đĐ":
            out.append(ch)
            continue
        upper = base.isupper()
        b = base.lower()
        hat = "\u0302" in marks
        breve = "\u0306" in marks
        horn = "\u031b" in marks
        tone = next((m for m in marks if m in _VNI_TONES), "")
        if ch in "đĐ":
            code = "ñ"
            b = ""
        elif b == "i" and tone:
            code, b = _VNI_I[tone], ""
        elif b == "y" and tone == "\u0323":
            code, b = "î", ""
        elif horn:
            code = ("ô" if b == "o" else "ö") + (_VNI_TONES[tone] if tone else "")
            b = ""
        elif hat:
            code = _VNI_HAT_TONES[tone] if tone else "â"
        elif breve:
            code = _VNI_BREVE_TONES[tone] if tone else "ê"
        else:
            code = _VNI_TONES.get(tone, "")
        s = b + code
        out.append(s.upper() if upper else s)
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# PDF with a text layer (what "Save as PDF" or a document system produces)


def pdf_of(
    p: Paper,
    rng: random.Random,
    *,
    stamp: str = "text",  # text | image | none
    face: str = "serif",
    extra_pages: list[Paper] | None = None,
) -> bytes:
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.set_auto_page_break(True, BOTTOM)
    for style, key in (("", "r"), ("B", "b"), ("I", "i")):
        pdf.add_font("doc", style, str(TYPEFACES[face][key]))
    pdf.set_creator(rng.choice(("Microsoft® Word 2016", "LibreOffice 7.3", "VNPT-iOffice")))
    for n, page in enumerate([p, *(extra_pages or [])]):
        _pdf_paper(pdf, page, rng, stamp=stamp, first=n == 0)
    return bytes(pdf.output())


def _pdf_paper(pdf, p: Paper, rng: random.Random, *, stamp: str, first: bool) -> None:
    pdf.add_page()
    lw, rw = 60.0, 100.0
    rx = 210 - RIGHT - rw
    number_y = TOP
    if p.organ:
        pdf.set_xy(LEFT - 4, TOP)
        pdf.set_font("doc", "", 12)
        pdf.cell(lw, 5.5, p.parent, align="C")
        pdf.set_xy(rx, TOP)
        pdf.set_font("doc", "B", 12)
        pdf.cell(rw, 5.5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", align="C")
        pdf.set_xy(LEFT - 4, TOP + 5.5)
        pdf.cell(lw, 5.5, p.organ, align="C")
        pdf.set_xy(rx, TOP + 5.5)
        pdf.set_font("doc", "B", 13)
        pdf.cell(rw, 5.5, "Độc lập - Tự do - Hạnh phúc", align="C")
        pdf.line(LEFT + 19, TOP + 11.5, LEFT + 33, TOP + 11.5)
        pdf.line(rx + 22, TOP + 11.5, rx + rw - 22, TOP + 11.5)
        number_y = TOP + 15
        pdf.set_xy(LEFT - 4, number_y)
        pdf.set_font("doc", "", 13)
        pdf.cell(lw, 6, p.number, align="C")
        pdf.set_xy(rx, number_y)
        pdf.set_font("doc", "I", 13)
        pdf.cell(rw, 6, p.place_date, align="C")
    y_left = number_y + 8
    top_y = 7.0
    for m in p.marks:
        lines = m.lines
        if m.where == "under_number":
            cx, y = LEFT + 26, y_left
        else:
            cx = {"top_center": 105.0, "top_right": 170.0, "top_left": LEFT + 26}[m.where]
            y = top_y
        pt = 14 if m.kind not in ("copy", "note", "named") else 11
        pdf.set_font("doc", "B" if m.kind != "note" else "", pt)
        w = max(pdf.get_string_width(s) for s in lines) + 6
        h = 6.5 * len(lines) + 1.5
        colour = {"red": (210, 0, 0), "dark-red": (150, 10, 20), "black": (30, 30, 30)}[
            rng.choice(("red", "red", "dark-red", "black"))
        ]
        if stamp == "image" and m.kind not in ("copy", "note"):
            look = random_look(rng, stamp_pt=14, ink=rng.choice(("red", "dark-red", "pink")))
            png = stamp_picture(lines, look, 200, rng, strike=m.kind == "crossed")
            img = Image.open(io.BytesIO(png))
            wmm, hmm = img.width * 25.4 / 200, img.height * 25.4 / 200
            pdf.image(io.BytesIO(png), x=cx - wmm / 2, y=y, w=wmm, h=hmm)
            h = hmm
        elif stamp != "none":
            tilt = rng.uniform(-2.5, 2.5) if rng.random() < 0.4 else 0
            with pdf.rotation(tilt, cx, y + h / 2):
                pdf.set_text_color(*colour)
                pdf.set_draw_color(*colour)
                pdf.set_line_width(0.5)
                if m.kind not in ("copy", "note"):
                    pdf.rect(cx - w / 2, y, w, h)
                for i, s in enumerate(lines):
                    pdf.set_xy(cx - w / 2, y + 0.8 + 6.5 * i)
                    pdf.cell(w, 6.5, s, align="C")
                if m.kind == "crossed":
                    pdf.line(cx - w / 2, y + h, cx + w / 2, y)
                    pdf.line(cx - w / 2, y, cx + w / 2, y + h)
            pdf.set_text_color(0, 0, 0)
            pdf.set_draw_color(0, 0, 0)
            pdf.set_line_width(0.2)
        if m.where == "under_number":
            y_left = y + h + 2
        else:
            top_y = y + h + 1.5
    pdf.set_font("doc", "", 12)
    y = max(y_left, number_y + 8) + 2
    if not p.kind and p.organ:
        pdf.set_xy(LEFT - 4, y)
        pdf.multi_cell(lw, 5, p.subject, align="C")
        y = pdf.get_y() + 4
        pdf.set_xy(LEFT, y)
        pdf.set_font("doc", "", 14)
        pdf.cell(210 - LEFT - RIGHT, 7, p.addressee, align="C")
        y += 10
    elif p.kind:
        pdf.set_xy(LEFT, y + 4)
        pdf.set_font("doc", "B", 14)
        pdf.cell(210 - LEFT - RIGHT, 7, p.kind, align="C")
        pdf.set_xy(LEFT, y + 11)
        pdf.multi_cell(210 - LEFT - RIGHT, 6.5, p.subject, align="C")
        y = pdf.get_y() + 5
    pdf.set_xy(LEFT, y)
    pdf.set_font("doc", "", 13.5)
    for para in p.body:
        pdf.set_x(LEFT)
        pdf.multi_cell(210 - LEFT - RIGHT, 6.8, "        " + para, align="J")
        pdf.ln(1.5)
    if p.table:
        pdf.set_font("doc", "", 11)
        with pdf.table(col_widths=[12] + [40] * (len(p.table[0]) - 1), line_height=6) as table:
            for row in p.table:
                r = table.row()
                for cell in row:
                    r.cell(cell)
    if pdf.get_y() > 297 - BOTTOM - 45:
        pdf.add_page()
    y = pdf.get_y() + 5
    pdf.set_font("doc", "", 11)
    for i, line in enumerate(recipients_of(p)):
        pdf.set_xy(LEFT, y + i * 5)
        pdf.set_font("doc", "B" if i == 0 else "", 12 if i == 0 else 11)
        pdf.cell(70, 5, line)
    pdf.set_font("doc", "B", 13)
    for i, line in enumerate([*p.sign_role, "", "", "", "", p.signer]):
        pdf.set_xy(120, y + i * 6)
        pdf.cell(75, 6, line, align="C")


# ---------------------------------------------------------------------------------------------
# web pages, plain text, rich text


def _html_level(word: str, how: str, rng: random.Random, colour: str = "#c00") -> str:
    box = f"border:2px solid {colour};color:{colour};display:inline-block;padding:2px 10px;font-weight:bold"
    if how == "spans":  # an editor that styles every letter separately
        parts = "".join(f'<span style="color:{colour}">{escape(ch)}</span>' for ch in word)
        return f'<div style="{box}">{parts}</div>'
    if how == "spacing":
        return f'<p style="{box};letter-spacing:0.35em">{escape(word)}</p>'
    if how == "entities":
        return (
            f'<p style="{box}">'
            + "".join(f"&#{ord(ch)};" if ord(ch) > 127 else ch for ch in word)
            + "</p>"
        )
    if how == "transform":
        return f'<p style="{box};text-transform:uppercase">{escape(word.lower())}</p>'
    if how == "decomposed":
        return f'<p style="{box}">{escape(unicodedata.normalize("NFD", word))}</p>'
    return f'<p class="do-mat" style="{box}">{escape(word)}</p>'


PORTAL_NAV = (
    "Trang chủ",
    "Giới thiệu",
    "Tin tức - Sự kiện",
    "Văn bản chỉ đạo điều hành",
    "Thủ tục hành chính",
    "Hỏi đáp",
    "Liên hệ",
)


def portal_page(site: str, title: str, inner: str, rng: random.Random) -> bytes:
    nav = "".join(f'<li><a href="/{i}">{escape(n)}</a></li>' for i, n in enumerate(PORTAL_NAV))
    posted = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2024, 2025))} {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}"
    views = rng.randint(40, 9000)
    return f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{escape(title)} - {escape(site)}</title>
<style>body{{font-family:Arial,sans-serif;margin:0}} .banner{{background:#b71c1c;color:#fff;padding:14px}}
nav ul{{list-style:none;display:flex;gap:18px;background:#eee;margin:0;padding:8px}}
.article{{max-width:860px;margin:20px auto}} .meta{{color:#777;font-size:12px}}</style></head>
<body><div class="banner"><h1>{escape(site)}</h1></div><nav><ul>{nav}</ul></nav>
<div class="article"><h2>{escape(title)}</h2><div class="meta">Ngày đăng: {posted} | Lượt xem: {views}</div>
{inner}
</div><footer>Bản quyền thuộc {escape(site)}. Ghi rõ nguồn khi phát hành lại thông tin từ cổng này.</footer></body></html>""".encode()


def paper_html(p: Paper, how: str, rng: random.Random) -> str:
    """A document pasted into a portal's editor (header table, marks, body)."""
    marks = "".join(
        _html_level(" ".join(m.lines), how if m.kind in ("level", "change") else "plain", rng)
        if m.kind not in ("copy", "note")
        else f"<p><b>{escape(' '.join(m.lines))}</b></p>"
        for m in p.marks
    )
    head = (
        f'<table style="width:100%"><tr><td style="text-align:center">{escape(p.parent)}<br><b>{escape(p.organ)}</b>'
        f'<br>{escape(p.number)}{marks}</td><td style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>'
        f"<br><b><u>Độc lập - Tự do - Hạnh phúc</u></b><br><i>{escape(p.place_date)}</i></td></tr></table>"
    )
    title = (
        f'<h3 style="text-align:center">{escape(p.kind)}<br>{escape(p.subject)}</h3>'
        if p.kind
        else f"<p>{escape(p.subject)}</p>"
    )
    body = "".join(f"<p>{escape(t)}</p>" for t in p.body)
    sign = "<br>".join(escape(x) for x in [*p.sign_role, "(đã ký)", p.signer])
    return f'{head}{title}{body}<p style="text-align:right"><b>{sign}</b></p>'


def txt_of(p: Paper) -> str:
    marks = [" ".join(m.lines) for m in p.marks]
    lines = [
        f"{p.parent:<36}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"{p.organ:<36}Độc lập - Tự do - Hạnh phúc",
        f"{p.number:<36}{p.place_date}",
        *[f"   {m}" for m in marks],
        "",
        p.kind.center(78) if p.kind else p.subject,
        p.subject.center(78) if p.kind else p.addressee,
        "",
        *[f"    {t}" for t in p.body],
        "",
        *recipients_of(p),
        "",
        *[" " * 46 + r for r in [*p.sign_role, "(Đã ký)", p.signer]],
    ]
    return "\r\n".join(lines) + "\r\n"


def rtf_of(p: Paper, *, legacy: str = "") -> bytes:
    """RTF as old Word and WordPad wrote it: 8-bit legacy text with \\'xx escapes in a TCVN3
    font, or Unicode with \\uN escapes."""

    def enc(s: str, upper: bool = False) -> str:
        s = s.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")
        if legacy == "tcvn3":
            s = tcvn3(s)
            return "".join(ch if ord(ch) < 128 else f"\\'{ord(ch):02x}" for ch in s)
        return "".join(
            ch if ord(ch) < 128 else f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?"
            for ch in s
        )

    def par(
        s: str, *, bold: bool = False, centre: bool = False, colour: bool = False, box: bool = False
    ) -> str:
        upper = s.isupper()
        f = "\\f1" if legacy == "tcvn3" and upper else "\\f0"
        pre = "\\pard" + ("\\qc" if centre else "\\qj\\fi567")
        if box:
            pre += "\\brdrt\\brdrs\\brdrw20\\brdrcf2\\brdrl\\brdrs\\brdrw20\\brdrcf2\\brdrb\\brdrs\\brdrw20\\brdrcf2\\brdrr\\brdrs\\brdrw20\\brdrcf2\\li2600\\ri2600"
        return f"{pre}{f}\\fs26{' ' + chr(92) + 'b' if bold else ''}{chr(92) + 'cf2' if colour else ''} {enc(s, upper)}\\b0\\cf0\\par\n"

    fonts = (
        "{\\f0 .VnTime;}{\\f1 .VnTimeH;}"
        if legacy == "tcvn3"
        else "{\\f0 Times New Roman;}{\\f1 Arial;}"
    )
    out = (
        "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl"
        + fonts
        + "}{\\colortbl;\\red0\\green0\\blue0;\\red220\\green0\\blue0;}\n"
    )
    out += (
        par(p.parent, centre=True)
        + par(p.organ, bold=True, centre=True)
        + par(p.number, centre=True)
    )
    for m in p.marks:
        out += par(
            " ".join(m.lines),
            bold=True,
            centre=True,
            colour=True,
            box=m.kind in ("level", "declass", "urgent"),
        )
    out += par("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, centre=True)
    out += par("Độc lập - Tự do - Hạnh phúc", bold=True, centre=True) + par(
        p.place_date, centre=True
    )
    if p.kind:
        out += par(p.kind, bold=True, centre=True)
    out += par(p.subject, bold=True, centre=True)
    for t in p.body:
        out += par(t)
    for t in [*p.sign_role, p.signer]:
        out += par(t, bold=True, centre=True)
    return (out + "}").encode("ascii")


# ---------------------------------------------------------------------------------------------
# spreadsheets, slides, mail, saved web pages, archives


@dataclass
class Tab:
    title: str
    rows: Sequence[Sequence[object]]
    top: list[str] = field(default_factory=list)  # lines above the table (merged across)
    mark: str = ""  # level word in a merged, red-framed cell at the top
    header: str = ""  # text in the sheet's print header
    footer: str = ""


def xlsx_of(tabs: list[Tab]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    red = Side(style="medium", color="C00000")
    for tab in tabs:
        ws = wb.create_sheet(tab.title[:31])
        r = 1
        width = max(len(row) for row in tab.rows)
        if tab.mark:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
            cell = ws.cell(1, 1, tab.mark)
            cell.font = Font(name="Times New Roman", bold=True, size=14, color="C00000")
            cell.alignment = Alignment(horizontal="center")
            for col in (1, 2):
                ws.cell(1, col).border = Border(
                    top=red,
                    bottom=red,
                    left=red if col == 1 else None,
                    right=red if col == 2 else None,
                )
            r = 3
        for line in tab.top:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            ws.cell(r, 1, line).font = Font(name="Times New Roman", bold=True, size=13)
            ws.cell(r, 1).alignment = Alignment(horizontal="center")
            r += 1
        r += 1
        for i, row in enumerate(tab.rows):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c, value)
                cell.font = Font(name="Times New Roman", size=12, bold=i == 0)
            r += 1
        for c in range(1, width + 1):
            ws.column_dimensions[chr(64 + c)].width = 12 if c == 1 else 24
        if tab.header:
            ws.oddHeader.center.text = tab.header
            ws.oddHeader.center.font = "Times New Roman,Bold"
            ws.oddHeader.center.color = "C00000"
        if tab.footer:
            ws.oddFooter.left.text = tab.footer
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@dataclass
class Slide:
    title: str
    bullets: list[str]
    mark: str = ""  # a red framed text box in the top left corner
    picture: bytes = b""  # a picture (stamp image or specimen) placed on the slide
    picture_at: tuple[int, int, int] = (8200000, 1700000, 3000000)  # left, top, width (EMU)
    caption: str = ""


def pptx_of(slides: list[Slide]) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    for s in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = s.title
        body = slide.placeholders[1].text_frame
        body.text = s.bullets[0] if s.bullets else ""
        for b in s.bullets[1:]:
            body.add_paragraph().text = b
        if s.mark:
            box = slide.shapes.add_textbox(Emu(300000), Emu(150000), Emu(1900000), Emu(480000))
            box.line.color.rgb = PptxRGB(0xC0, 0, 0)
            box.line.width = PptxPt(2)
            para = box.text_frame.paragraphs[0]
            run = para.add_run()
            run.text = s.mark
            run.font.bold, run.font.size = True, PptxPt(20)
            run.font.color.rgb = PptxRGB(0xC0, 0, 0)
        if s.picture:
            left, top, width = s.picture_at
            slide.shapes.add_picture(io.BytesIO(s.picture), Emu(left), Emu(top), width=Emu(width))
        if s.caption:
            cap = slide.shapes.add_textbox(Emu(8200000), Emu(4300000), Emu(3000000), Emu(500000))
            cap.text_frame.text = s.caption
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


MIME = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "doc": "application/msword",
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "zip": "application/zip",
}


def eml_of(
    sender: str,
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes]],
    rng: random.Random,
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    when = datetime(
        2025,
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(7, 18),
        rng.randint(0, 59),
        tzinfo=timezone(timedelta(hours=7)),
    )
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = f"<{rng.getrandbits(64):x}@mail.{sender.split('@')[-1].rstrip('>')}>"
    msg.set_content(body)
    for name, data in attachments:
        maintype, subtype = MIME[name.rsplit(".", 1)[-1]].split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


def mht_of(html: str, title: str, images: dict[str, bytes], rng: random.Random) -> bytes:
    """A page saved by a browser as one file (multipart/related, the page quoted-printable)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "<Saved by Blink>"
    msg["Subject"] = title
    msg["MIME-Version"] = "1.0"
    msg.make_related()
    page = EmailMessage(policy=SMTP)
    page.set_content(html, subtype="html", cte="quoted-printable")
    page["Content-Location"] = "https://congthongtin.example.gov.vn/van-ban/" + str(
        rng.randint(1000, 9999)
    )
    msg.attach(page)
    for loc, data in images.items():
        part = EmailMessage(policy=SMTP)
        part.set_content(data, maintype="image", subtype="jpeg" if loc.endswith(".jpg") else "png")
        part["Content-Location"] = loc
        msg.attach(part)
    return msg.as_bytes()


def word97_of(documents: dict[str, bytes], timeout: float = 300.0) -> dict[str, bytes]:
    """Save every DOCX as Word 97-2003 in one LibreOffice run with a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice is needed to write the .doc files of held-out corpus 3")
    with tempfile.TemporaryDirectory(prefix="heldout3-") as tmp:
        root = Path(tmp)
        (root / "src").mkdir()
        for stem, data in documents.items():
            (root / "src" / f"{stem}.docx").write_bytes(data)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{root / 'lo'}",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(root / "doc"),
                *sorted(str(p) for p in (root / "src").iterdir()),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        return {stem: (root / "doc" / f"{stem}.doc").read_bytes() for stem in documents}


# ---------------------------------------------------------------------------------------------
# envelopes (Circular 24: the outer envelope carries the circled letter, the inner one the level)


def envelope(
    rng: random.Random,
    look: Look,
    dpi: int,
    *,
    marks: list[Mark],
    sender: Agency | None = None,
) -> Image.Image:
    ag = sender or rng.choice(AGENCIES)
    size = rng.choice(((220.0, 110.0), (229.0, 162.0), (250.0, 176.0)))
    sheet = Sheet(dpi, replace(look, face=rng.choice(("serif", "sans"))), size)
    paper_tone = rng.choice(((246, 240, 226), (236, 222, 190), (250, 250, 246)))
    sheet.img.paste(paper_tone, (0, 0, *sheet.img.size))
    sheet.text(12, 10, ag.parent, "r", 11, "l")
    sheet.text(12, 15, ag.organ, "b", 11, "l")
    sheet.text(12, 21, f"Số: {rng.randint(10, 900)}/{ag.short}", "r", 11, "l")
    x, y = 40.0, 30.0
    for m in marks:
        mask = mark_mask(m, look, dpi, rng)
        sheet.press(mask, x + rng.uniform(-4, 6), y)
        y += mask.height * 25.4 / dpi + 3
        if m.kind == "letter" and rng.random() < 0.5:
            x += 8
    who = rng.choice(
        (
            ("Kính gửi: Đồng chí Chánh Văn phòng", "Ủy ban nhân dân tỉnh Nam Sơn"),
            ("Kính gửi: Giám đốc Công an tỉnh Lâm Hải", ""),
            ("Kính gửi: Đồng chí Bí thư Huyện ủy", "Huyện ủy Thạch Bình"),
        )
    )
    sx = size[0] * 0.48
    sheet.text(sx, size[1] * 0.55, who[0], "b", 13, "l")
    if who[1]:
        sheet.text(sx, size[1] * 0.55 + 7, who[1], "r", 13, "l")
    return sheet.img


# ---------------------------------------------------------------------------------------------
# hard negatives: what agencies write about secrets, and "mật" in its other senses

PROTECTION_PLAN = (
    "Quán triệt đến toàn thể cán bộ, công chức Luật Bảo vệ bí mật nhà nước số 29/2018/QH14 và các văn bản hướng dẫn thi hành.",
    "Rà soát, cập nhật danh mục bí mật nhà nước thuộc lĩnh vực quản lý; xác định đúng độ Tuyệt mật, Tối mật hoặc Mật ngay khi soạn thảo văn bản.",
    "Bố trí máy tính chuyên dùng, không kết nối Internet để soạn thảo tài liệu mật; niêm yết nội quy tại phòng làm việc.",
    'Văn thư mở sổ đăng ký bí mật nhà nước đi, đến; tài liệu có dấu "Chỉ người có tên mới được bóc bì" phải chuyển ngay đến người nhận.',
    "Tổ chức tự kiểm tra việc quản lý, sao, chụp, vận chuyển, giao nhận tài liệu mật ít nhất một lần trong năm.",
    "Đưa nội dung bảo vệ bí mật nhà nước vào tiêu chí bình xét thi đua cuối năm của các phòng, đơn vị.",
)
PROTECTION_REPORT = (
    "Trong năm, đơn vị đã tiếp nhận 412 tài liệu mật đến, trong đó độ Tuyệt mật 3, độ Tối mật 57, độ Mật 352; phát hành 96 văn bản mật đi.",
    'Việc đóng dấu độ mật, dấu thu hồi và dấu "Chỉ người có tên mới được bóc bì" được thực hiện đúng mẫu quy định tại Thông tư số 24/2020/TT-BCA.',
    "Qua tự kiểm tra, phát hiện 02 trường hợp chưa ghi đầy đủ số bản, nơi nhận trên tài liệu mật; đã chấn chỉnh ngay.",
    "Đã thực hiện giải mật đối với 14 tài liệu hết thời hạn bảo vệ theo quyết định của người đứng đầu cơ quan.",
    "Không để xảy ra trường hợp lộ, mất bí mật nhà nước; không có cán bộ vi phạm phải xử lý kỷ luật.",
)
REGULATION = (
    "Điều 4. Xác định độ mật. Người đứng đầu đơn vị soạn thảo có trách nhiệm đề xuất độ mật của văn bản tại Tờ trình hoặc Phiếu trình duyệt ký.",
    "Điều 5. Đóng dấu độ mật. Dấu độ mật (TUYỆT MẬT, TỐI MẬT, MẬT) được đóng phía dưới số, ký hiệu văn bản; mực dấu màu đỏ tươi.",
    "Điều 6. Sao, chụp tài liệu mật. Việc sao, chụp phải được người có thẩm quyền cho phép và ghi vào sổ quản lý sao, chụp.",
    "Điều 7. Vận chuyển, giao nhận. Tài liệu mật gửi đi phải làm bì riêng; ngoài bì đóng dấu ký hiệu chữ A, B hoặc C tương ứng với độ mật.",
    "Điều 9. Thời hạn bảo vệ. Độ Tuyệt mật 30 năm, độ Tối mật 20 năm, độ Mật 10 năm kể từ ngày xác định độ mật.",
)
HONEY = (
    "Mật ong hoa nhãn thu hoạch vụ xuân tại các trại ong của hợp tác xã, màu vàng sáng, vị ngọt thanh, hương nhãn đặc trưng.",
    "Quy cách: chai thủy tinh 500 ml và 1 lít; hạn sử dụng 24 tháng kể từ ngày đóng chai. Bảo quản nơi khô ráo, tránh ánh nắng.",
    "Mật ong kết tinh khi nhiệt độ xuống thấp là hiện tượng tự nhiên, không ảnh hưởng đến chất lượng sản phẩm.",
    "Sản phẩm đạt chứng nhận OCOP 4 sao cấp tỉnh năm 2024.",
)
DENSITY = (
    "Mật độ dân số bình quân toàn tỉnh năm 2024 đạt 412 người/km², tăng 6 người/km² so với năm trước.",
    "Thành phố có mật độ cao nhất với 2.315 người/km²; huyện miền núi Thạch Bình thấp nhất với 87 người/km².",
    "Mật độ xây dựng thuần tối đa của khu dân cư mới không vượt quá 60% theo quy chuẩn quy hoạch.",
)
PASSWORD_RULES = (
    "Mật khẩu phải có tối thiểu 10 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
    "Không dùng chung một mật khẩu cho hộp thư công vụ và các tài khoản cá nhân; thay đổi mật khẩu ít nhất 90 ngày một lần.",
    "Khi quên mật khẩu, cán bộ liên hệ Trung tâm Công nghệ thông tin để được cấp lại sau khi xác minh danh tính.",
    "Tuyệt đối không ghi mật khẩu lên giấy dán trên màn hình hoặc lưu trong tệp văn bản trên máy tính.",
)
TRADE_SECRET = (
    "Thông tin mật theo Thỏa thuận này bao gồm công thức phối trộn, danh sách khách hàng, giá vốn và kế hoạch kinh doanh của Bên A.",
    "Bên B cam kết giữ bí mật kinh doanh, không tiết lộ cho bên thứ ba trong thời hạn 05 năm kể từ ngày chấm dứt hợp đồng.",
    'Mọi tài liệu có ghi chữ "Bảo mật" do Bên A cung cấp phải được hoàn trả hoặc tiêu hủy khi kết thúc hợp tác.',
    "Vi phạm nghĩa vụ bảo mật, Bên B phải bồi thường toàn bộ thiệt hại thực tế phát sinh.",
)
LEAK_NEWS = (
    "Ngày 14/5, Tòa án nhân dân tỉnh mở phiên sơ thẩm xét xử bị cáo Đ.V.H. (cựu chuyên viên một sở) về tội cố ý làm lộ bí mật nhà nước.",
    'Theo cáo trạng, bị cáo đã chụp ảnh 04 tài liệu có đóng dấu "MẬT" và "TỐI MẬT" rồi gửi qua mạng xã hội cho người không có trách nhiệm.',
    "Hội đồng xét xử tuyên phạt bị cáo 3 năm tù; đồng thời kiến nghị cơ quan chủ quản khắc phục sơ hở trong quản lý tài liệu mật.",
    "Đại diện Công an tỉnh khuyến cáo cán bộ không lưu trữ, truyền đưa tài liệu bí mật nhà nước qua các ứng dụng nhắn tin.",
)
MEDICAL = (
    "Gan: kích thước bình thường, nhu mô đều, không thấy khối khu trú.",
    "Túi mật: thành mỏng, lòng có 01 sỏi kích thước 8 mm, không giãn.",
    "Đường mật trong và ngoài gan không giãn; ống mật chủ đường kính 5 mm.",
    "Tụy, lách, hai thận: chưa phát hiện bất thường.",
    "KẾT LUẬN: Sỏi túi mật. Đề nghị khám chuyên khoa tiêu hóa - gan mật.",
)
CIPHER = (
    "Ban Cơ yếu Chính phủ cấp phép kinh doanh sản phẩm, dịch vụ mật mã dân sự cho Công ty cổ phần An Toàn Số Phương Nam.",
    "Phạm vi: kinh doanh thiết bị mã hóa đường truyền IP, phần mềm mã hóa tệp và dịch vụ chứng thực chữ ký số.",
    "Doanh nghiệp phải báo cáo tình hình kinh doanh sản phẩm mật mã dân sự định kỳ 6 tháng một lần.",
)
NOVEL = (
    "Năm ấy, tên mật thám người Pháp cứ lảng vảng đầu chợ, hỏi han từng người bán hàng.",
    "Bà cụ cười thân mật, rót chén nước chè xanh mời khách rồi kể chuyện ngày xưa.",
    "Hai người bạn giữ kín bí mật ấy suốt mấy chục năm, cho đến khi một lá thư cũ được tìm thấy trong rương.",
    "Ngoài vườn, ong bay rì rào quanh mấy tổ mật đặt dưới gốc vải.",
)
DECLASS_DECISION_BODY = (
    "Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15 tháng 11 năm 2018 và đề nghị của Hội đồng giải mật của Sở,",
    "Điều 1. Giải mật toàn bộ đối với 06 tài liệu có tên trong danh sách kèm theo Quyết định này do đã hết thời hạn bảo vệ.",
    "Điều 2. Văn thư cơ quan có trách nhiệm đóng dấu giải mật lên tài liệu và thông báo cho các cơ quan, tổ chức có liên quan.",
    "Điều 3. Chánh Văn phòng, Trưởng các phòng chuyên môn chịu trách nhiệm thi hành Quyết định này.",
)


def specimen_board(rng: random.Random, dpi: int = 150) -> Image.Image:
    """A training picture: the three level stamps side by side, captioned as specimens."""
    look = random_look(rng, stamp_tilt=0.0, wear=0.03, ink="red")
    w, h = mm(180, dpi), mm(70, dpi)
    board = Image.new("RGB", (w, h), (252, 250, 244))
    draw = ImageDraw.Draw(board)
    f = font("sans", "b", mm(5, dpi))
    small = font("sans", "i", mm(3.6, dpi))
    for i, level in enumerate(LEVELS):
        mask = stamp_mask((LEVEL_WORD[level],), look, dpi, rng)
        ink(board, mask, STAMP_INKS["red"], mm(30 + 60 * i, dpi), mm(22, dpi))
        draw.text(
            (mm(30 + 60 * i, dpi), mm(38, dpi)),
            f"Độ {['Tuyệt mật', 'Tối mật', 'Mật'][i]}",
            font=small,
            fill=(40, 40, 40),
            anchor="mt",
        )
    draw.text(
        (w // 2, mm(52, dpi)),
        "MẪU DẤU CHỈ ĐỘ MẬT (minh họa)",
        font=f,
        fill=(20, 20, 120),
        anchor="mt",
    )
    draw.text(
        (w - mm(6, dpi), mm(4, dpi)),
        "MẪU",
        font=font("sans", "b", mm(8, dpi)),
        fill=(160, 160, 160),
        anchor="rt",
    )
    return board


def product_label(rng: random.Random, dpi: int, lines: list[tuple[str, float, RGB]]) -> Image.Image:
    w, h = mm(120, dpi), mm(90, dpi)
    img = Image.new("RGB", (w, h), rng.choice(((250, 214, 90), (246, 236, 200), (214, 160, 70))))
    draw = ImageDraw.Draw(img)
    draw.rounded_rectangle(
        (mm(4, dpi), mm(4, dpi), w - mm(4, dpi), h - mm(4, dpi)),
        radius=mm(6, dpi),
        outline=(120, 60, 10),
        width=mm(1.2, dpi),
    )
    y = mm(10, dpi)
    for text, size, colour in lines:
        f = font("sans", "b", mm(size, dpi))
        draw.text((w // 2, y), text, font=f, fill=colour, anchor="mt")
        y += mm(size * 1.5, dpi)
    return img


def poster(rng: random.Random, dpi: int = 100) -> Image.Image:
    w, h = mm(160, dpi), mm(230, dpi)
    img = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    img = ImageChops.multiply(img, Image.new("RGB", (w, h), (60, 70, 110)))
    draw = ImageDraw.Draw(img)
    draw.text(
        (w // 2, mm(150, dpi)),
        "HỒ SƠ",
        font=font("sans", "b", mm(16, dpi)),
        fill=(235, 235, 235),
        anchor="mt",
    )
    draw.text(
        (w // 2, mm(172, dpi)),
        "TUYỆT MẬT",
        font=font("sans", "b", mm(20, dpi)),
        fill=(220, 30, 30),
        anchor="mt",
    )
    draw.text(
        (w // 2, mm(205, dpi)),
        "KHỞI CHIẾU TOÀN QUỐC 30.04",
        font=font("sans", "r", mm(7, dpi)),
        fill=(240, 240, 240),
        anchor="mt",
    )
    return img


def png_bytes(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def jpg_bytes(img: Image.Image, q: int = 82) -> bytes:
    out = io.BytesIO()
    img.convert("RGB").save(out, "JPEG", quality=q)
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# the corpus


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []

    def _name(self, slug: str, category: str) -> str:
        """A numbered file name that does not give the answer away (no level, no verdict)."""
        if category not in ("positive", "declassified"):
            return f"{len(self.items) + len(self.legacy):03d}-{slug}"
        for word in ("tuyet_mat", "toi_mat", "mat"):
            slug = slug.replace(f"-{word}", "")
        for word, plain in (
            ("declassified", "vanban"),
            ("changed", "vanban"),
            ("-crossed", ""),
            ("-kept", ""),
        ):
            slug = slug.replace(word, plain)
        slug = slug.rstrip("-")
        if slug.startswith("envelope-"):
            slug = slug.rsplit("-", 1)[0]
        return f"{len(self.items) + len(self.legacy):03d}-{slug}"

    def add(
        self,
        slug: str,
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        fmt: str,
        family: str,
        *,
        declassified: bool = False,
    ) -> None:
        self.items.append(
            labelled(
                f"{self._name(slug, category)}.{ext}",
                data,
                level,
                category,
                fmt,
                family,
                declassified=declassified,
            )
        )

    def add_doc(
        self,
        slug: str,
        docx: bytes,
        level: str | None,
        category: str,
        family: str,
        *,
        declassified: bool = False,
    ) -> None:
        self.legacy.append(
            (self._name(slug, category), docx, level, category, family, declassified)
        )

    def positive(self, slug: str, ext: str, data: bytes, level: str, fmt: str, family: str) -> None:
        self.add(slug, ext, data, level, "positive", fmt, family)

    def hard(self, slug: str, ext: str, data: bytes, fmt: str, family: str) -> None:
        self.add(slug, ext, data, None, "hard_negative", fmt, family)

    def plain(self, slug: str, ext: str, data: bytes, fmt: str, family: str = "ordinary") -> None:
        self.add(slug, ext, data, None, "negative", fmt, family)


def _extras(rng: random.Random) -> list[Mark]:
    pick = rng.random()
    if pick < 0.3:
        return [Mark("copy", (f"Bản số: {rng.randint(1, 12):02d}",))]
    if pick < 0.42:
        return [Mark("recall", ("TÀI LIỆU THU HỒI",), rng.choice(("top_right", "under_number")))]
    return []  # "named reader only" belongs on envelopes (Circular 24), not on the page


def secret_marks(rng: random.Random, level: str, where: str | None = None) -> list[Mark]:
    where = where or rng.choice(("under_number",) * 5 + ("top_center", "top_right", "top_left"))
    return [level_mark(level, where), *_extras(rng)]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2024, 2025))}"


def changed_marks(rng: random.Random, old: str, new: str) -> list[Mark]:
    where = rng.choice(("under_number", "top_right"))
    marks = [Mark("crossed", (LEVEL_WORD[old],), "under_number"), level_mark(new, where)]
    if rng.random() < 0.7:
        ag = rng.choice(AGENCIES)
        marks.append(
            Mark(
                "note",
                (
                    "Điều chỉnh độ mật",
                    f"theo VB số {rng.randint(5, 300)}/{ag.short}",
                    f"ngày {_date(rng)}",
                ),
                where,
            )
        )
    return marks


def declass_marks(rng: random.Random, old: str | None, *, crossed: bool) -> list[Mark]:
    marks = []
    if old:
        marks.append(Mark("crossed" if crossed else "level", (LEVEL_WORD[old],), "under_number"))
    lines = ("GIẢI MẬT", f"Ngày {_date(rng)}") if rng.random() < 0.6 else ("GIẢI MẬT",)
    marks.append(Mark("declass", lines, rng.choice(("under_number", "top_right", "top_center"))))
    return marks


def routing_slip(rng: random.Random, ag: Agency) -> Paper:
    return Paper(
        parent=ag.parent,
        organ=ag.organ,
        number="",
        place_date="",
        kind="PHIẾU TRÌNH GIẢI QUYẾT VĂN BẢN",
        subject=f"Văn bản đến số {rng.randint(100, 2000)}, ngày {_date(rng)}",
        body=[
            "Tóm tắt nội dung: như văn bản đính kèm.",
            "Ý kiến đề xuất của chuyên viên: kính trình lãnh đạo Sở xem xét, cho ý kiến chỉ đạo.",
            "Ý kiến của lãnh đạo phòng: đồng ý với đề xuất của chuyên viên.",
            "Ý kiến chỉ đạo của lãnh đạo Sở: ........................................................",
        ],
        recipients=[],
        sign_role=[],
        signer="",
        seal=False,
    )


def annex(rng: random.Random, parent: Paper, level: str, where: str) -> Paper:
    rows = [["STT", "Đơn vị", "Vị trí", "Quân số"]] + [
        [
            str(i),
            f"Tổ công tác số {i}",
            rng.choice(("Cổng chính", "Khu B", "Kho K2", "Trạm biến áp", "Cầu Đồng")),
            str(rng.randint(4, 30)),
        ]
        for i in range(1, rng.randint(5, 9))
    ]
    return Paper(
        parent="",
        organ="",
        number="",
        place_date="",
        kind="PHỤ LỤC",
        subject=f"Bố trí lực lượng (Kèm theo văn bản {parent.number.replace('Số: ', 'số ')})",
        body=[],
        recipients=[],
        sign_role=[],
        signer="",
        marks=[level_mark(level, where)],
        table=rows,
        seal=False,
    )


def covering_letter(rng: random.Random, ag: Agency) -> Paper:
    return paper(
        rng,
        secret=False,
        agency=ag,
        topic=("", "", "V/v gửi phụ lục bố trí lực lượng"),
        body=[
            "Thực hiện Kế hoạch đã ban hành, đơn vị gửi kèm theo văn bản này Phụ lục bố trí lực lượng để các cơ quan phối hợp.",
            "Đề nghị các cơ quan quản lý phụ lục theo đúng độ mật ghi trên tài liệu.",
        ],
    )


def _scan_file(
    c: Corpus,
    pages: list[Image.Image],
    dpi: int,
    *,
    mode: str,
    turn: int = 0,
    fmt: str | None = None,
) -> tuple[str, bytes]:
    rng = c.rng
    done = [scanner_noise(pg, rng, mode=mode, skew=rng.uniform(-3, 3)) for pg in pages]
    if turn:
        done = [pg.rotate(turn, expand=True) for pg in done]
    fmt = fmt or ("pdf" if len(done) > 1 else rng.choice(("pdf", "pdf", "jpg", "png", "tif")))
    if fmt == "pdf":
        return "pdf", scan_pdf(done, dpi, rng)
    kind = {"jpg": "JPEG", "png": "PNG", "tif": "TIFF"}[fmt]
    img = done[0] if not (fmt == "jpg" and done[0].mode == "1") else done[0].convert("L")
    return fmt, encode(img, kind, rng, dpi)


def _add_office(c: Corpus) -> None:
    rng = c.rng
    styles = ["border", "table", "plain", "spaced", "picture", "textbox", "header"] * 2
    faces = ("Times New Roman", "Times New Roman", "Arial", "Tahoma")
    for i, how in enumerate(styles):
        level = LEVELS[i % 3]
        p = paper(
            rng,
            secret=True,
            marks=secret_marks(rng, level, "under_number" if how in ("table", "border") else None),
        )
        ws = WordStyle(
            face=rng.choice(faces),
            mark=how,
            ink=rng.choice(("red", "red", "dark-red")),
            pt=rng.choice((13, 14, 15)),
        )
        family = {
            "header": "docx-header",
            "picture": "docx-picture",
            "textbox": "docx-textbox",
        }.get(how, "docx-body")
        c.positive(f"{how}-{level}", "docx", docx_of(p, rng, ws), level, "docx", family)
    for i, (how, legacy) in enumerate(
        [
            ("border", ""),
            ("table", ""),
            ("header", ""),
            ("plain", ""),
            ("textbox", ""),
            ("border", "tcvn3"),
            ("table", "tcvn3"),
            ("plain", "tcvn3"),
            ("border", "vni"),
            ("plain", "vni"),
        ]
    ):
        level = LEVELS[(i + 1) % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level, "under_number"))
        ws = WordStyle(mark=how, legacy=legacy, ink=rng.choice(("red", "dark-red")))
        c.add_doc(
            f"word97-{legacy or 'unicode'}-{level}",
            docx_of(p, rng, ws),
            level,
            "positive",
            f"doc-{legacy or 'unicode'}",
        )
    for i, legacy in enumerate(("tcvn3", "tcvn3", "")):
        level = LEVELS[i]
        p = paper(rng, secret=True, marks=[level_mark(level)])
        c.positive(
            f"wordpad-{legacy or 'unicode'}", "rtf", rtf_of(p, legacy=legacy), level, "rtf", "rtf"
        )
    for i, stamp in enumerate(("text", "text", "text", "text", "image", "image", "image")):
        level = LEVELS[(i + 2) % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level))
        fam = "pdf-text" if stamp == "text" else "pdf-stamp-image"
        c.positive(
            f"exported-{stamp}-{level}",
            "pdf",
            pdf_of(p, rng, stamp=stamp, face=rng.choice(("serif", "dejavu", "sans"))),
            level,
            "pdf",
            fam,
        )
    for level in ("toi_mat", "mat"):
        ag = rng.choice(AGENCIES)
        letter = covering_letter(rng, ag)
        data = pdf_of(
            letter,
            rng,
            extra_pages=[annex(rng, letter, level, rng.choice(("top_right", "top_left")))],
        )
        c.positive(f"letter-with-annex-{level}", "pdf", data, level, "pdf", "pdf-annex")


def _add_images(c: Corpus) -> None:
    rng = c.rng
    for i in range(6):
        level = LEVELS[i % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level))
        dpi = rng.choice((150, 200, 300))
        pages = raster(p, random_look(rng), dpi, rng)
        mode = ("colour", "grey", "bw", "colour", "grey", "colour")[i]
        ext, data = _scan_file(c, pages, dpi, mode=mode)
        c.positive(f"scan-{mode}-{dpi}dpi", ext, data, level, "scan", "scan-page")
    for i, turn in enumerate((180, 180, 90, -90)):
        level = LEVELS[(i + 1) % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level, "under_number"))
        dpi = rng.choice((200, 300))
        pages = raster(p, random_look(rng, ink=rng.choice(("red", "dark-red"))), dpi, rng)
        ext, data = _scan_file(c, pages[:1], dpi, mode=rng.choice(("colour", "grey")), turn=turn)
        c.positive(f"scan-turned-{turn % 360}", ext, data, level, "scan", "scan-turned")
    for i in range(4):
        level = LEVELS[i % 3]
        ag = rng.choice(AGENCIES)
        dpi = rng.choice((150, 200))
        look = random_look(rng, ink=rng.choice(("red", "dark-red", "black")))
        if i < 2:
            first = routing_slip(rng, ag)
            body = paper(
                rng, secret=True, agency=ag, marks=secret_marks(rng, level, "under_number")
            )
            pages = raster(first, look, dpi, rng) + raster(body, look, dpi, rng)
            slug = "slip-then-secret"
        else:
            letter = covering_letter(rng, ag)
            pages = raster(letter, look, dpi, rng) + raster(
                annex(rng, letter, level, "top_right"), look, dpi, rng
            )
            slug = "letter-then-annex"
        _, data = _scan_file(c, pages, dpi, mode=rng.choice(("colour", "grey")), fmt="pdf")
        c.positive(f"{slug}-{level}", "pdf", data, level, "scan", "scan-later-page")
    for i in range(6):
        level = LEVELS[(i + 2) % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level))
        pages = raster(p, random_look(rng, ink=rng.choice(("red", "dark-red", "pink"))), 150, rng)
        c.positive(
            f"zalo-photo-{level}", "jpg", phone_photo(pages[0], rng), level, "photo", "photo-page"
        )
    envelopes = [
        [Mark("letter", ("C",))],
        [Mark("letter", ("B",))],
        [Mark("letter", ("A",)), Mark("urgent", ("HỎA TỐC",))],
        [Mark("letter", ("C",)), Mark("named", ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",))],
        [level_mark("toi_mat"), Mark("named", ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",))],
        [Mark("letter", ("B",)), Mark("urgent", ("KHẨN",))],
    ]
    by_letter = {v: k for k, v in LEVEL_LETTER.items()}
    for i, marks in enumerate(envelopes):
        level = by_letter.get(marks[0].lines[0]) or "toi_mat"
        look = random_look(rng, ink=rng.choice(("red", "dark-red")), stamp_pt=rng.uniform(14, 18))
        img = envelope(rng, look, 200, marks=marks)
        if i % 2 == 0:
            c.positive(
                f"envelope-photo-{LEVEL_LETTER[level]}",
                "jpg",
                phone_photo(img, rng, long_side=1600),
                level,
                "photo",
                "envelope",
            )
        else:
            ext, data = _scan_file(c, [img], 200, mode="colour", fmt=rng.choice(("jpg", "pdf")))
            c.positive(f"envelope-scan-{LEVEL_LETTER[level]}", ext, data, level, "scan", "envelope")


def _budget_rows(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = [["STT", "Nội dung chi", "Dự toán (triệu đồng)", "Ghi chú"]]
    items = (
        "Bảo đảm trang thiết bị",
        "Huấn luyện lực lượng",
        "Diễn tập",
        "Xăng dầu, phương tiện",
        "Công tác phí",
        "Dự phòng",
    )
    for i, name in enumerate(items, 1):
        rows.append([i, name, rng.randint(120, 4200), ""])
    return rows


def _add_sheets_slides_web(c: Corpus) -> None:
    rng = c.rng
    for i in range(6):
        level = LEVELS[i % 3]
        ag = rng.choice(AGENCIES)
        top = [ag.organ, "DỰ TOÁN CHI BẢO ĐẢM QUỐC PHÒNG, AN NINH NĂM 2026"]
        cover = Tab(
            "Tong hop",
            [["Nội dung", "Số tiền"], ["Tổng cộng", rng.randint(5000, 9000)]],
            top=[ag.organ],
        )
        if i < 2:
            tabs, fam = (
                [Tab("Du toan", _budget_rows(rng), top=top, mark=LEVEL_WORD[level])],
                "xlsx-cell",
            )
        elif i < 4:
            tabs, fam = (
                [
                    Tab(
                        "Du toan",
                        _budget_rows(rng),
                        top=top,
                        header=LEVEL_WORD[level],
                        footer="&P/&N",
                    )
                ],
                "xlsx-header",
            )
        elif i == 4:
            tabs, fam = (
                [cover, Tab("Chi tiet", _budget_rows(rng), top=top, mark=LEVEL_WORD[level])],
                "xlsx-sheet2",
            )
        else:
            tabs, fam = (
                [cover, Tab("Chi tiet", _budget_rows(rng), top=top, header=LEVEL_WORD[level])],
                "xlsx-sheet2",
            )
        c.positive(f"dutoan-{fam}-{level}", "xlsx", xlsx_of(tabs), level, "xlsx", fam)
    for i in range(3):
        level = LEVELS[(i + 1) % 3]
        topic = rng.choice(SECRET_TOPICS)
        slides = [
            Slide(
                topic[2],
                ["Báo cáo tại cuộc họp Ban Chỉ đạo", f"Ngày {_date(rng)}"],
                mark=LEVEL_WORD[level] if i < 2 else "",
            ),
            Slide("Tình hình chung", rng.sample(SECRET_BODY, 3)),
            Slide("Đề xuất", rng.sample(SECRET_BODY, 2)),
        ]
        if i == 2:
            look = random_look(rng, stamp_tilt=rng.uniform(-2, 2))
            slides[0].picture = stamp_picture((LEVEL_WORD[level],), look, 200, rng)
            slides[0].picture_at = (300000, 150000, 1900000)  # where the typed mark would be
        c.positive(f"briefing-{level}", "pptx", pptx_of(slides), level, "pptx", "pptx")
    hows = ("plain", "spans", "spacing", "entities", "transform", "decomposed")
    for i, how in enumerate(hows):
        level = LEVELS[i % 3]
        p = paper(rng, secret=True, marks=[level_mark(level)])
        page = portal_page(
            "Cổng thông tin điện tử huyện Thạch Bình", p.subject, paper_html(p, how, rng), rng
        )
        c.positive(
            f"portal-{how}-{level}",
            "html",
            page,
            level,
            "html",
            "html-text" if how == "plain" else "html-tricks",
        )
    for i in range(2):
        level = LEVELS[i + 1]
        p = paper(rng, secret=True, marks=secret_marks(rng, level, "under_number"))
        scan = raster(p, random_look(rng), 110, rng)[0]
        img = jpg_bytes(scan, 70)
        inner = f'<p>Toàn văn văn bản:</p><p><img src="data:image/jpeg;base64,{base64.b64encode(img).decode()}" width="800"></p>'
        page = portal_page("Trang thông tin điện tử Sở Nội vụ", p.subject, inner, rng)
        c.positive(f"portal-scan-image-{level}", "html", page, level, "html", "html-image")
    for i in range(2):
        level = LEVELS[i * 2]
        p = paper(rng, secret=True, marks=[level_mark(level)])
        if i == 0:
            html = portal_page(
                "Cổng thông tin điện tử tỉnh Vĩnh An", p.subject, paper_html(p, "plain", rng), rng
            ).decode()
            images: dict[str, bytes] = {}
        else:
            scan = raster(p, random_look(rng), 110, rng)[0]
            loc = "https://congthongtin.example.gov.vn/uploads/vb-scan.jpg"
            images = {loc: jpg_bytes(scan, 72)}
            html = portal_page(
                "Cổng thông tin điện tử tỉnh Vĩnh An", p.subject, f'<img src="{loc}">', rng
            ).decode()
        c.positive(
            f"saved-page-{level}", "mht", mht_of(html, p.subject, images, rng), level, "mht", "mht"
        )
    for i, enc in enumerate(("utf-8", "utf-8-sig", "utf-16")):
        level = LEVELS[(i + 2) % 3]
        p = paper(rng, secret=True, marks=[level_mark(level)])
        c.positive(f"copied-text-{level}", "txt", txt_of(p).encode(enc), level, "txt", "txt")


def _add_containers(c: Corpus) -> None:
    rng = c.rng
    for i in range(4):
        level = LEVELS[i % 3]
        ag = rng.choice(AGENCIES)
        p = paper(rng, secret=True, agency=ag, marks=secret_marks(rng, level))
        if i == 0:
            att = [("Bao cao.docx", docx_of(p, rng, WordStyle(mark="border")))]
        elif i == 1:
            att = [("VB_scan.pdf", scan_pdf(raster(p, random_look(rng), 150, rng), 150, rng))]
        elif i == 2:
            att = [
                (
                    "IMG_20250311_083012.jpg",
                    phone_photo(raster(p, random_look(rng), 150, rng)[0], rng),
                )
            ]
        else:
            att = []
        body = (
            "Kính gửi anh,\n\nEm gửi văn bản để anh nắm, có gì anh chỉ đạo thêm.\n\nTrân trọng.\n"
        )
        if not att:
            body += "\n---------- Forwarded message ---------\n" + txt_of(p)
        data = eml_of(
            f"vanthu.{ag.short.lower()}@gmail.com",
            "nguyenvana.ubnd@gmail.com",
            "Fw: văn bản",
            body,
            att,
            rng,
        )
        c.positive(f"personal-mail-{level}", "eml", data, level, "eml", "eml")
    for i in range(4):
        level = LEVELS[(i + 1) % 3]
        p = paper(rng, secret=True, marks=secret_marks(rng, level))
        ordinary = docx_of(paper(rng, secret=False), rng)
        if i == 0:
            members = [
                ("Ho so hop/Giay moi.docx", ordinary),
                ("Ho so hop/Tai lieu/Phuong an.docx", docx_of(p, rng, WordStyle(mark="table"))),
            ]
        elif i == 1:
            members = [
                ("Scan/scan0001.pdf", scan_pdf(raster(p, random_look(rng), 150, rng), 150, rng)),
                ("Scan/readme.txt", b"Ban scan ngay 14/3"),
            ]
        elif i == 2:
            inner = zip_of(
                [
                    ("Phuong an.pdf", pdf_of(p, rng)),
                    ("Danh sach.xlsx", xlsx_of([Tab("DS", _budget_rows(rng))])),
                ],
                ZIP_DATE,
            )
            members = [("Tai lieu hop.zip", inner), ("Giay moi.docx", ordinary)]
        else:
            members = [
                ("Van ban/Bao cao.rtf", rtf_of(p, legacy="")),
                ("Van ban/Giay moi.docx", ordinary),
            ]
        c.positive(f"folder-{i}-{level}", "zip", zip_of(members, ZIP_DATE), level, "zip", "zip")


def _add_changed_and_declassified(c: Corpus) -> None:
    rng = c.rng
    changes = [
        ("mat", "toi_mat"),
        ("toi_mat", "mat"),
        ("tuyet_mat", "toi_mat"),
        ("mat", "tuyet_mat"),
        ("toi_mat", "tuyet_mat"),
        ("tuyet_mat", "mat"),
    ]
    for i, (old, new) in enumerate(changes):
        p = paper(rng, secret=True, marks=changed_marks(rng, old, new))
        slug = f"changed-{i}"
        if i < 2:
            c.positive(
                slug,
                "docx",
                docx_of(p, rng, WordStyle(mark=("border", "picture")[i])),
                new,
                "docx",
                "changed-level",
            )
        elif i == 2:
            c.positive(slug, "pdf", pdf_of(p, rng), new, "pdf", "changed-level")
        elif i < 5:
            dpi = 200
            ext, data = _scan_file(
                c, raster(p, random_look(rng, ink="red"), dpi, rng), dpi, mode="colour"
            )
            c.positive(slug, ext, data, new, "scan", "changed-level")
        else:
            c.add_doc(
                slug, docx_of(p, rng, WordStyle(mark="border")), new, "positive", "changed-level"
            )
    plan = [
        ("docx", True),
        ("docx", True),
        ("docx", False),
        ("docx", None),
        ("pdf", True),
        ("pdf", False),
        ("scan", True),
        ("scan", False),
        ("doc", True),
        ("photo", True),
    ]
    for i, (fmt, crossed) in enumerate(plan):
        prior = None if crossed is None else LEVELS[i % 3]
        p = paper(rng, secret=True, marks=declass_marks(rng, prior, crossed=bool(crossed)))
        slug = f"declassified-{i}"
        if fmt == "docx":
            data, ext = (
                docx_of(p, rng, WordStyle(mark=rng.choice(("border", "table", "picture")))),
                "docx",
            )
        elif fmt == "pdf":
            data, ext = pdf_of(p, rng, stamp=rng.choice(("text", "image"))), "pdf"
        elif fmt == "scan":
            ext, data = _scan_file(
                c, raster(p, random_look(rng), 200, rng), 200, mode="grey" if i % 2 else "colour"
            )
        elif fmt == "photo":
            data, ext = phone_photo(raster(p, random_look(rng), 150, rng)[0], rng), "jpg"
        else:
            c.add_doc(
                slug,
                docx_of(p, rng, WordStyle(mark="border")),
                None,
                "declassified",
                "declassified",
                declassified=True,
            )
            continue
        c.add(slug, ext, data, None, "declassified", fmt, "declassified", declassified=True)


def _about(
    rng: random.Random, kind: str, code: str, subject: str, body: tuple[str, ...], **kw: object
) -> Paper:
    return paper(rng, secret=False, topic=(kind, code, subject), body=list(body), **kw)  # type: ignore[arg-type]


def _add_hard_negatives(c: Corpus) -> None:
    rng = c.rng
    fam = "about-secrets"
    plan = _about(
        rng, "KẾ HOẠCH", "KH", "Công tác bảo vệ bí mật nhà nước năm 2025", PROTECTION_PLAN
    )
    c.hard("kehoach-bvbmnn", "docx", docx_of(plan, rng), "docx", fam)
    c.hard(
        "kehoach-bvbmnn-quyche",
        "docx",
        docx_of(
            _about(
                rng,
                "KẾ HOẠCH",
                "KH",
                "Triển khai Quy chế bảo vệ bí mật nhà nước của Sở",
                PROTECTION_PLAN[:3] + REGULATION[1:3],
            ),
            rng,
            WordStyle(face="Arial"),
        ),
        "docx",
        fam,
    )
    c.hard("kehoach-bvbmnn", "pdf", pdf_of(plan, rng), "pdf", fam)
    c.add_doc("kehoach-bvbmnn-word97", docx_of(plan, rng), None, "hard_negative", fam)
    c.add_doc(
        "kehoach-bvbmnn-tcvn3",
        docx_of(plan, rng, WordStyle(legacy="tcvn3")),
        None,
        "hard_negative",
        fam,
    )
    ext, data = _scan_file(c, raster(plan, random_look(rng), 200, rng), 200, mode="grey")
    c.hard("kehoach-bvbmnn-scan", ext, data, "scan", fam)
    report = _about(
        rng, "BÁO CÁO", "BC", "Kết quả công tác bảo vệ bí mật nhà nước năm 2024", PROTECTION_REPORT
    )
    c.hard("baocao-bvbmnn", "docx", docx_of(report, rng), "docx", fam)
    c.hard("baocao-bvbmnn", "pdf", pdf_of(report, rng, face="dejavu"), "pdf", fam)
    stats = [["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Giải mật"]] + [
        [u, rng.randint(0, 3), rng.randint(2, 40), rng.randint(20, 200), rng.randint(0, 9)]
        for u in ("Văn phòng", "Phòng Tổ chức", "Phòng Kế hoạch", "Thanh tra")
    ]
    c.hard(
        "thongke-tailieumat",
        "xlsx",
        xlsx_of([Tab("Thong ke", stats, top=["THỐNG KÊ TÀI LIỆU MẬT ĐẾN, ĐI NĂM 2024"])]),
        "xlsx",
        fam,
    )
    rules = _about(rng, "QUY CHẾ", "QC", "Bảo vệ bí mật nhà nước của Sở Tài chính", REGULATION)
    c.hard("quyche-bvbmnn", "pdf", pdf_of(rules, rng), "pdf", fam)
    c.hard("quyche-bvbmnn", "rtf", rtf_of(rules), "rtf", fam)
    inner = "".join(f"<p>{escape(t)}</p>" for t in REGULATION)
    c.hard(
        "quyche-bvbmnn-portal",
        "html",
        portal_page(
            "Cổng thông tin điện tử Sở Tài chính", "Quy chế bảo vệ bí mật nhà nước", inner, rng
        ),
        "html",
        fam,
    )
    c.hard(
        "luat-bvbmnn",
        "html",
        portal_page(
            "Thư viện văn bản",
            "Luật Bảo vệ bí mật nhà nước 2018",
            inner
            + "<p>Điều 8. Bí mật nhà nước được phân loại theo ba độ: Tuyệt mật, Tối mật, Mật.</p>",
            rng,
        ),
        "html",
        fam,
    )
    training = [
        Slide(
            "HỘI NGHỊ TẬP HUẤN CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC",
            ["Báo cáo viên: Phòng An ninh chính trị nội bộ", "Tháng 10/2025"],
        ),
        Slide(
            "Phân loại bí mật nhà nước",
            ["Ba độ: Tuyệt mật - Tối mật - Mật", "Thời hạn bảo vệ: 30 - 20 - 10 năm"],
        ),
        Slide(
            "Đóng dấu độ mật",
            [
                'Dấu "TUYỆT MẬT", "TỐI MẬT", "MẬT" đóng dưới số, ký hiệu',
                "Ngoài bì: ký hiệu chữ A, B, C",
            ],
        ),
    ]
    c.hard("taphuan-bvbmnn", "pptx", pptx_of(training), "pptx", "training")
    for k in range(2):
        board = png_bytes(specimen_board(rng))
        deck = [
            *training[:2],
            Slide(
                "Mẫu dấu độ mật",
                ["Thông tư số 24/2020/TT-BCA quy định mẫu dấu", "Mực đỏ tươi"],
                picture=board,
                caption="Hình minh họa - MẪU",
            ),
        ]
        c.hard(
            f"taphuan-maudau-{k}",
            "pptx",
            pptx_of(deck if k == 0 else deck[::-1]),
            "pptx",
            "specimen",
        )
    handout = Sheet(200, random_look(rng))
    handout.text(105, 20, "TÀI LIỆU TẬP HUẤN", "b", 15)
    handout.text(105, 28, "Nhận biết các loại dấu trong công tác bảo vệ bí mật nhà nước", "i", 13)
    handout.img.paste(specimen_board(rng, 200), (handout.px(15), handout.px(45)))
    y = 125.0
    for t in REGULATION[1:4]:
        y = handout.para(LEFT, y, 210 - LEFT - RIGHT, t)
    ext, data = _scan_file(c, [handout.img], 200, mode="colour", fmt="pdf")
    c.hard("taphuan-maudau-scan", ext, data, "scan", "specimen")
    handout_doc = _about(
        rng, "TÀI LIỆU", "TL", "Hướng dẫn nhận biết mẫu dấu độ mật", REGULATION[1:3]
    )
    c.hard(
        "huongdan-maudau",
        "docx",
        _docx_with_picture(handout_doc, png_bytes(specimen_board(rng)), rng),
        "docx",
        "specimen",
    )
    register = [
        [
            "STT",
            "Số, ký hiệu",
            "Ngày tháng",
            "Trích yếu nội dung",
            "Độ mật",
            "Nơi nhận",
            "Số bản",
            "Ký nhận",
        ]
    ] + [[i, "", "", "", "", "", "", ""] for i in range(1, 16)]
    c.hard(
        "so-dangky-bmnn-di",
        "xlsx",
        xlsx_of([Tab("So di", register, top=["SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI", "Năm: ........"])]),
        "xlsx",
        "blank-form",
    )
    books: list[list[object]] = [
        ["STT", "Tên sổ", "Số lượng", "Người quản lý"],
        [1, "Sổ đăng ký bí mật nhà nước đi", 2, "Văn thư"],
        [2, "Sổ đăng ký bí mật nhà nước đến", 2, "Văn thư"],
        [3, "Sổ quản lý sao, chụp tài liệu mật", 1, "Văn phòng"],
        [4, "Sổ theo dõi giải mật", 1, "Văn phòng"],
    ]
    c.hard(
        "danhmuc-sosach-bmnn",
        "xlsx",
        xlsx_of([Tab("So sach", books, top=["DANH MỤC SỔ SÁCH QUẢN LÝ BÍ MẬT NHÀ NƯỚC"])]),
        "xlsx",
        "blank-form",
    )
    blank = _about(
        rng,
        "VĂN BẢN",
        "VB",
        "Xác định độ mật đối với vật chứa bí mật nhà nước",
        (
            "Tên vật chứa bí mật nhà nước: ......................................................",
            "Độ mật: ....................   Số bản: ..........   Thời hạn bảo vệ: ..........",
            "Phạm vi lưu hành: ..................................................................",
            "Người xác định độ mật (ký, ghi rõ họ tên): ..........................................",
        ),
    )
    blank.number, blank.place_date, blank.signer, blank.sign_role = (
        "Số: ....../.......",
        "......, ngày ..... tháng ..... năm ......",
        "",
        [],
    )
    c.hard("mau-xacdinh-domat-trang", "docx", docx_of(blank, rng), "docx", "blank-form")
    c.hard("mau-xacdinh-domat-trang", "pdf", pdf_of(blank, rng), "pdf", "blank-form")
    quiz = _about(
        rng,
        "ĐỀ THI",
        "ĐT",
        "Tìm hiểu pháp luật về bảo vệ bí mật nhà nước",
        (
            "Câu 1. Bí mật nhà nước gồm mấy độ? A. Hai độ; B. Ba độ (Tuyệt mật, Tối mật, Mật); C. Bốn độ.",
            "Câu 2. Bì đựng tài liệu độ Tối mật được đóng ký hiệu chữ gì? A. Chữ A; B. Chữ B; C. Chữ C.",
            'Câu 3. Tài liệu hết thời hạn bảo vệ thì được đóng dấu gì? Đáp án: dấu "GIẢI MẬT".',
        ),
    )
    c.hard("de-thi-tim-hieu", "docx", docx_of(quiz, rng), "docx", "training")
    c.hard(
        "moi-taphuan",
        "eml",
        eml_of(
            "vanphong@snv.example.gov.vn",
            "cacphong@snv.example.gov.vn",
            "Mời dự tập huấn bảo vệ bí mật nhà nước",
            "Kính gửi các phòng,\n\nVăn phòng mời các đồng chí văn thư, thủ trưởng đơn vị dự tập huấn Luật Bảo vệ bí mật nhà nước (cách xác định độ Tuyệt mật, Tối mật, Mật; đóng dấu độ mật; giải mật) vào 8h00 thứ Năm.\n\nTài liệu gửi kèm.\n",
            [("Tai lieu tap huan.pptx".replace(".pptx", ".pdf"), pdf_of(rules, rng))],
            rng,
        ),
        "eml",
        "training",
    )
    c.hard(
        "tailieu-taphuan",
        "zip",
        zip_of(
            [
                ("Tap huan/Bai giang.pptx", pptx_of(training)),
                ("Tap huan/Quy che.pdf", pdf_of(rules, rng)),
            ],
            ZIP_DATE,
        ),
        "zip",
        "training",
    )
    listing = _about(
        rng,
        "QUYẾT ĐỊNH",
        "QĐ",
        "Ban hành danh mục bí mật nhà nước thuộc lĩnh vực tài chính của tỉnh",
        (
            "Điều 1. Bí mật nhà nước độ Tối mật: dự toán chi bảo đảm quốc phòng, an ninh chưa công bố; phương án nhân sự chưa công khai.",
            "Điều 2. Bí mật nhà nước độ Mật: số liệu quyết toán các khoản chi đặc biệt; hồ sơ thanh tra chưa công bố kết luận.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        ),
    )
    c.hard("qd-danhmuc-bmnn", "pdf", pdf_of(listing, rng), "pdf", fam)
    cover = Sheet(150, random_look(rng))
    cover.text(105, 60, "HỌC VIỆN CHÍNH TRỊ KHU VỰC", "b", 14)
    cover.text(105, 120, "CHUYÊN ĐỀ", "b", 20)
    cover.text(105, 135, "CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC", "b", 18)
    cover.text(105, 146, "TRONG CƠ QUAN HÀNH CHÍNH NHÀ NƯỚC", "b", 18)
    cover.text(105, 260, "Lâm Hải - 2025", "i", 13)
    ext, data = _scan_file(c, [cover.img], 150, mode="grey", fmt="jpg")
    c.hard("bia-chuyende", ext, data, "scan", "training")
    rows = [["STT", "Số, ký hiệu tài liệu", "Trích yếu", "Độ mật", "Hình thức"]] + [
        [
            str(i),
            f"{rng.randint(10, 300)}/BC-STC",
            rng.choice(
                ("Dự toán chi đặc biệt 2012", "Báo cáo thanh tra 2013", "Phương án nhân sự 2011")
            ),
            rng.choice(("Mật", "Tối mật")),
            "Giải mật toàn bộ",
        ]
        for i in range(1, 7)
    ]
    decision = _about(
        rng, "QUYẾT ĐỊNH", "QĐ", "Về việc giải mật tài liệu bí mật nhà nước", DECLASS_DECISION_BODY
    )
    decision.table = rows
    c.hard("qd-giaimat", "docx", docx_of(decision, rng), "docx", "declass-decision")
    c.hard("qd-giaimat", "pdf", pdf_of(decision, rng), "pdf", "declass-decision")
    inner = "".join(f"<p>{escape(t)}</p>" for t in LEAK_NEWS)
    c.hard(
        "tin-xetxu-lolot",
        "html",
        portal_page("Báo Lâm Hải điện tử", "Lĩnh án vì làm lộ bí mật nhà nước", inner, rng),
        "html",
        "leak-news",
    )
    c.hard(
        "tin-canhbao",
        "html",
        portal_page(
            "Cổng thông tin Công an tỉnh",
            "Cảnh báo nguy cơ lộ, mất bí mật nhà nước qua mạng xã hội",
            inner.replace("04 tài liệu", "nhiều tài liệu"),
            rng,
        ),
        "html",
        "leak-news",
    )
    c.hard(
        "tin-xetxu-lolot",
        "txt",
        "\n\n".join(["LĨNH ÁN VÌ LÀM LỘ BÍ MẬT NHÀ NƯỚC", *LEAK_NEWS]).encode(),
        "txt",
        "leak-news",
    )
    page = portal_page("Báo Nam Sơn", "Vụ án làm lộ tài liệu mật", inner, rng).decode()
    c.hard(
        "tin-vuan-luu",
        "mht",
        mht_of(page, "Vụ án làm lộ tài liệu mật", {}, rng),
        "mht",
        "leak-news",
    )

    fam = "other-sense"
    honey = _about(
        rng, "", "", "V/v giới thiệu sản phẩm mật ong hoa nhãn", HONEY, agency=AGENCIES[6]
    )
    c.hard("mat-ong-gioithieu", "docx", docx_of(honey, rng), "docx", fam)
    shop = (
        "<h3>MẬT ONG HOA NHÃN NGUYÊN CHẤT</h3>"
        + "".join(f"<p>{escape(t)}</p>" for t in HONEY)
        + "<p><b>Giá: 250.000đ/lít</b></p>"
    )
    c.hard(
        "mat-ong-shop",
        "html",
        portal_page("Sàn thương mại OCOP Đông Giang", "Mật ong hoa nhãn", shop, rng),
        "html",
        fam,
    )
    label = product_label(
        rng,
        150,
        [
            ("HTX ONG MẬT THẠCH BÌNH", 5, (90, 40, 0)),
            ("MẬT ONG", 14, (170, 20, 20)),
            ("HOA NHÃN", 9, (90, 40, 0)),
            ("500 ml - Nguyên chất", 5, (60, 30, 0)),
        ],
    )
    c.hard("mat-ong-nhan-chai", "jpg", phone_photo(label, rng, long_side=1600), "photo", fam)
    prices: list[list[object]] = [
        ["Sản phẩm", "Quy cách", "Giá bán lẻ"],
        ["Mật ong hoa nhãn", "500 ml", 150000],
        ["Mật ong rừng", "1 lít", 420000],
        ["Sáp ong", "200 g", 90000],
    ]
    c.hard(
        "bang-gia-mat-ong",
        "xlsx",
        xlsx_of([Tab("Bang gia", prices, top=["BẢNG GIÁ SẢN PHẨM MẬT ONG"])]),
        "xlsx",
        fam,
    )
    accounts = [["Họ tên", "Tài khoản", "Mật khẩu tạm", "Ghi chú"]] + [
        [
            n,
            f"{n.split()[-1].lower()}.snv",
            f"Snv@{rng.randint(1000, 9999)}",
            "Đổi mật khẩu khi đăng nhập lần đầu",
        ]
        for n in ("Nguyễn Thị Lan", "Trần Văn Minh", "Lê Thu Hà")
    ]
    c.hard(
        "danhsach-matkhau",
        "xlsx",
        xlsx_of([Tab("Tai khoan", accounts, top=["DANH SÁCH TÀI KHOẢN HỘP THƯ CÔNG VỤ"])]),
        "xlsx",
        fam,
    )
    c.hard(
        "quydinh-matkhau",
        "docx",
        docx_of(
            _about(
                rng, "QUY ĐỊNH", "QĐi", "Đặt và quản lý mật khẩu tài khoản công vụ", PASSWORD_RULES
            ),
            rng,
        ),
        "docx",
        fam,
    )
    c.hard(
        "doi-matkhau",
        "eml",
        eml_of(
            "hotro@mail.example.gov.vn",
            "lan.nt@snv.example.gov.vn",
            "[Thư công vụ] Mật khẩu của bạn sắp hết hạn",
            "Mật khẩu hộp thư của bạn sẽ hết hạn sau 5 ngày. Vui lòng đăng nhập và đổi mật khẩu mới.\n"
            + PASSWORD_RULES[0],
            [],
            rng,
        ),
        "eml",
        fam,
    )
    dens = _about(rng, "BÁO CÁO", "BC", "Tình hình dân số và mật độ dân cư năm 2024", DENSITY)
    c.hard("matdo-danso", "pdf", pdf_of(dens, rng), "pdf", fam)
    c.hard(
        "matdo-danso",
        "xlsx",
        xlsx_of(
            [
                Tab(
                    "Mat do",
                    [
                        ["Huyện", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)"],
                        ["Thạch Bình", 812, 70500, 87],
                        ["Thành phố", 98, 226900, 2315],
                    ],
                    top=["MẬT ĐỘ DÂN SỐ THEO ĐƠN VỊ HÀNH CHÍNH"],
                )
            ]
        ),
        "xlsx",
        fam,
    )
    sugar = product_label(
        rng,
        150,
        [
            ("ĐẶC SẢN QUẢNG NGÃI", 5, (90, 40, 0)),
            ("ĐƯỜNG MẬT", 13, (150, 30, 10)),
            ("MẬT MÍA NGUYÊN CHẤT", 6, (90, 40, 0)),
            ("Khối lượng tịnh: 1 kg", 5, (60, 30, 0)),
        ],
    )
    c.hard("duong-mat-nhan", "jpg", phone_photo(sugar, rng, long_side=1600), "photo", fam)
    c.hard(
        "duong-mat-bai-viet",
        "html",
        portal_page(
            "Du lịch Nam Sơn",
            "Làng nghề nấu đường mật",
            "<p>Mùa ép mía, cả làng thơm mùi ĐƯỜNG MẬT. Mật mía được cô trong chảo gang đến khi sánh lại.</p>",
            rng,
        ),
        "html",
        fam,
    )
    nda = _about(rng, "THỎA THUẬN", "TT", "Bảo mật thông tin và bí mật kinh doanh", TRADE_SECRET)
    nda.parent, nda.organ = "CÔNG TY CỔ PHẦN", "THỰC PHẨM PHƯƠNG NAM"
    c.hard("thoathuan-baomat", "docx", docx_of(nda, rng), "docx", fam)
    c.hard("thoathuan-baomat", "pdf", pdf_of(nda, rng, face="sans"), "pdf", fam)
    c.hard(
        "giayphep-matma",
        "pdf",
        pdf_of(
            _about(rng, "GIẤY PHÉP", "GP", "Kinh doanh sản phẩm, dịch vụ mật mã dân sự", CIPHER),
            rng,
        ),
        "pdf",
        fam,
    )
    med = _about(rng, "PHIẾU KẾT QUẢ", "SA", "SIÊU ÂM Ổ BỤNG - GAN MẬT", MEDICAL)
    med.parent, med.organ = "SỞ Y TẾ LÂM HẢI", "BỆNH VIỆN ĐA KHOA TỈNH"
    ext, data = _scan_file(
        c, raster(med, random_look(rng), 150, rng), 150, mode="colour", fmt="jpg"
    )
    c.hard("sieuam-ganmat", ext, data, "scan", fam)
    c.hard("sieuam-ganmat", "pdf", pdf_of(med, rng), "pdf", fam)
    c.hard("truyen-ngan", "txt", "\n".join(NOVEL).encode("utf-8"), "txt", fam)
    film = f'<img src="data:image/jpeg;base64,{base64.b64encode(jpg_bytes(poster(rng))).decode()}"><p>Phim hành động "Hồ sơ tuyệt mật" ra rạp dịp lễ 30/4.</p>'
    c.hard(
        "phim-ho-so-tuyet-mat",
        "html",
        portal_page("Báo Văn hóa điện tử", "Phim Hồ sơ tuyệt mật ra rạp", film, rng),
        "html",
        fam,
    )
    c.hard(
        "thu-congty-disclaimer",
        "eml",
        eml_of(
            "ketoan@phuongnam.example.vn",
            "doitac@example.vn",
            "Đối chiếu công nợ quý III",
            "Chào anh,\nGửi anh biên bản đối chiếu công nợ.\n\n--\nTHÔNG TIN BẢO MẬT: Thư này và các tệp đính kèm chỉ dành cho người nhận có tên. Nếu nhận nhầm, vui lòng xóa và thông báo cho người gửi.\n",
            [],
            rng,
        ),
        "eml",
        fam,
    )

    fam = "other-stamp"
    for k, word in enumerate(("HỎA TỐC", "THƯỢNG KHẨN")):
        urgent = paper(rng, secret=False, marks=[Mark("urgent", (word,), "under_number")])
        ext, data = _scan_file(
            c,
            raster(urgent, random_look(rng, ink="red"), 200, rng),
            200,
            mode=("colour", "grey")[k],
        )
        c.hard(f"congvan-{'hoatoc' if k == 0 else 'thuongkhan'}", ext, data, "scan", fam)
    urgent = paper(rng, secret=False, marks=[Mark("urgent", ("KHẨN",), "under_number")])
    c.hard("congvan-khan", "docx", docx_of(urgent, rng, WordStyle(mark="border")), "docx", fam)
    c.hard("congvan-khan", "pdf", pdf_of(urgent, rng), "pdf", fam)
    env = envelope(
        rng, random_look(rng, ink="red", stamp_pt=16), 200, marks=[Mark("urgent", ("HỎA TỐC",))]
    )
    c.hard("phong-bi-hoatoc", "jpg", phone_photo(env, rng, long_side=1600), "photo", fam)
    internal = paper(rng, secret=False, marks=[Mark("urgent", ("LƯU HÀNH NỘI BỘ",), "top_right")])
    c.hard("luuhanh-noibo", "docx", docx_of(internal, rng, WordStyle(mark="border")), "docx", fam)


def _docx_with_picture(p: Paper, png: bytes, rng: random.Random) -> bytes:
    d = docx.Document(io.BytesIO(docx_of(p, rng)))
    d.add_paragraph("Hình 1. Mẫu dấu chỉ độ mật (minh họa, không có giá trị sử dụng)")
    d.add_picture(io.BytesIO(png), width=Mm(150))
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def _add_ordinary(c: Corpus) -> None:
    rng = c.rng
    for k in range(3):
        c.plain(
            f"vanban-thuong-{k}",
            "docx",
            docx_of(
                paper(rng, secret=False),
                rng,
                WordStyle(face=rng.choice(("Times New Roman", "Arial"))),
            ),
            "docx",
        )
    for k in range(2):
        c.plain(f"vanban-thuong-{k}", "pdf", pdf_of(paper(rng, secret=False), rng), "pdf")
    for k in range(2):
        ext, data = _scan_file(
            c,
            raster(paper(rng, secret=False), random_look(rng), 200, rng),
            200,
            mode=("colour", "bw")[k],
        )
        c.plain(f"scan-thuong-{k}", ext, data, "scan")
    c.plain(
        "anh-thongbao",
        "jpg",
        phone_photo(raster(paper(rng, secret=False), random_look(rng), 150, rng)[0], rng),
        "photo",
    )
    for legacy in ("", "tcvn3", "vni"):
        c.add_doc(
            f"word97-thuong-{legacy or 'unicode'}",
            docx_of(paper(rng, secret=False), rng, WordStyle(legacy=legacy)),
            None,
            "negative",
            "ordinary",
        )
    c.plain("vanban-thuong", "rtf", rtf_of(paper(rng, secret=False), legacy="tcvn3"), "rtf")
    c.plain(
        "kinhphi-hoithao",
        "xlsx",
        xlsx_of(
            [
                Tab(
                    "Kinh phi",
                    [["Nội dung", "Số tiền"], ["Hội trường", 3500000], ["Tài liệu", 1200000]],
                )
            ]
        ),
        "xlsx",
    )
    c.plain(
        "sokết-chuyendoiso",
        "pptx",
        pptx_of(
            [
                Slide(
                    "Sơ kết chuyển đổi số 6 tháng",
                    ["Tỷ lệ hồ sơ trực tuyến toàn trình 48%", "Chữ ký số: 100% lãnh đạo"],
                )
            ]
        ),
        "pptx",
    )
    c.plain(
        "tin-hoithao",
        "html",
        portal_page(
            "Cổng thông tin điện tử tỉnh Lâm Hải",
            "Hội thao công chức",
            "<p>Sáng nay, hội thao thu hút 600 vận động viên.</p>",
            rng,
        ),
        "html",
    )
    c.plain(
        "ghichep-hop",
        "txt",
        "Ghi chép cuộc họp giao ban tuần\n- Văn phòng: chuẩn bị hội nghị\n- Phòng Kế hoạch: báo cáo tiến độ giải ngân\n".encode(),
        "txt",
    )
    c.plain(
        "ban-tin",
        "eml",
        eml_of(
            "bantin@example.gov.vn",
            "canbo@example.gov.vn",
            "Bản tin nội bộ tháng 9",
            "Mời các đồng chí xem bản tin tháng 9.",
            [("Ban tin.pdf", pdf_of(paper(rng, secret=False), rng))],
            rng,
        ),
        "eml",
    )
    c.plain(
        "hoso-thidua",
        "zip",
        zip_of(
            [
                ("Thi dua/To trinh.docx", docx_of(paper(rng, secret=False), rng)),
                (
                    "Thi dua/Danh sach.xlsx",
                    xlsx_of(
                        [
                            Tab(
                                "DS",
                                [["Họ tên", "Danh hiệu"], ["Nguyễn Văn An", "Chiến sĩ thi đua"]],
                            )
                        ]
                    ),
                ),
            ],
            ZIP_DATE,
        ),
        "zip",
    )
    env = envelope(rng, random_look(rng), 200, marks=[])
    c.plain("phong-bi-thuong", "jpg", phone_photo(env, rng, long_side=1600), "photo")


def build(seed: int = SEED) -> list[Item]:
    """The whole held-out corpus 3 in memory (about 190 files)."""
    c = Corpus(seed)
    _add_office(c)
    _add_images(c)
    _add_sheets_slides_web(c)
    _add_containers(c)
    _add_changed_and_declassified(c)
    _add_hard_negatives(c)
    _add_ordinary(c)
    c.items += word97_items(c.legacy, word97_of({stem: data for stem, data, *_ in c.legacy}))
    return c.items


def write(out: Path, seed: int = SEED) -> None:
    """Write the corpus to a folder (to look at the files by hand)."""
    write_files(out, build(seed))
