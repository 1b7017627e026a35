"""Held-out corpus 4 for the leak scanner: files a province's offices really hold, built here.

Written after the scanner was tuned, by someone who read neither the scanner's engine nor the
templates of the earlier corpora; nothing may be tuned against it (issue 18). `build(SEED)`
returns about 190 labelled files in memory; `python -m tests.corpus.heldout4 OUT` writes them out.

What is in it, by the axes it varies:
- layouts of Decree 30/2020 (state bodies) and of the Party's rules (Tỉnh ủy, "ĐẢNG CỘNG SẢN
  VIỆT NAM"), the level stamp placed under the number, at the top centre, at the top right or
  twice; Times-like, Arial-like, DejaVu and narrow faces; red, dark red, faded pink and black
  photocopied ink; stamps rotated up to 3 degrees and of different sizes;
- the software that made the file: python-docx (text boxes, first-page headers, tracked
  insertions, stamp pictures), LibreOffice (Word 97 .doc, PDFs exported from Writer, Calc and
  Impress), a "Microsoft: Print To PDF"-like producer, copier scans, fax pages, phone photos
  (perspective, shadow, a photographed monitor with moiré), hand-written RTF (Unicode escapes and
  the Windows-1258 code page), TCVN3 and VNI text typed with the old fonts;
- the containers: e-mails (attachments, an HTML body with inline cid: pictures), zips (nested),
  saved web pages (HTML, MHT);
- the secret families: plain, covering letter with a secret annex, copies ("Sao y bản chính" with
  the copy stamp), extracts (trích sao), recalled documents, dossier cover sheets, envelopes with
  the circled letter, levels changed by a later decision; the declassified ones;
- hard negatives: the protection work's own plans, reports, registers, forms, quizzes and slides,
  the public catalogue decision, the declassification decision, news of spy and leak trials,
  and the other senses of "mật" (honey, passwords, density, gall bladder, cipher office,
  molasses, code names, business secrets), plus look-alike red stamps (HỎA TỐC, KHẨN, ĐẾN).
"""

from __future__ import annotations

import base64
import io
import math
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from html import escape
from pathlib import Path
from typing import Any

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from pptx import Presentation
from pptx.dml.color import RGBColor as SlideRGB
from pptx.util import Mm as SlideMm
from pptx.util import Pt as SlidePt

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    labelled,
    perspective_coeffs,
    png,
    rtf_unicode,
    write_files,
    zip_of,
)
from tests.corpus.scanner_corpus import Item

SEED = 909090
ZIP_DATE = (2025, 3, 11, 16, 5, 0)  # every entry of the corpus's ZIP files
Colour = tuple[int, int, int]
INKS: dict[str, Colour] = {
    "red": (214, 30, 38),
    "dark_red": (150, 18, 24),
    "pink": (236, 120, 132),
    "copy_black": (40, 40, 40),
    "violet": (110, 40, 120),
}

# ---------------------------------------------------------------------------------------------
# typefaces

_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path(__file__).resolve().parents[2] / "bmnn" / "core" / "fonts",
)


def _find(name: str, fallback: str = "DejaVuSans.ttf") -> Path:
    for base in _DIRS:
        if (base / name).exists():
            return base / name
    return _DIRS[-1] / fallback


FACES: dict[str, dict[str, Path]] = {
    "times": {
        "r": _find("LiberationSerif-Regular.ttf"),
        "b": _find("LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"),
        "i": _find("LiberationSerif-Italic.ttf"),
        "bi": _find("LiberationSerif-BoldItalic.ttf", "DejaVuSerif-Bold.ttf"),
    },
    "arial": {
        "r": _find("LiberationSans-Regular.ttf"),
        "b": _find("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
        "i": _find("LiberationSans-Italic.ttf"),
        "bi": _find("LiberationSans-BoldItalic.ttf", "DejaVuSans-Bold.ttf"),
    },
    "dejavu": {
        "r": _find("DejaVuSerif.ttf"),
        "b": _find("DejaVuSerif-Bold.ttf"),
        "i": _find("DejaVuSerif-Italic.ttf", "DejaVuSerif.ttf"),
        "bi": _find("DejaVuSerif-BoldItalic.ttf", "DejaVuSerif-Bold.ttf"),
    },
    "narrow": {  # condensed sans; Liberation Sans Narrow has no Vietnamese letters with tones
        "r": _find("DejaVuSansCondensed.ttf"),
        "b": _find("DejaVuSansCondensed-Bold.ttf", "DejaVuSans-Bold.ttf"),
        "i": _find("DejaVuSansCondensed-Oblique.ttf"),
        "bi": _find("DejaVuSansCondensed-BoldOblique.ttf", "DejaVuSans-Bold.ttf"),
    },
}
_LOADED: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}


def typeface(face: str, style: str, px: float) -> ImageFont.FreeTypeFont:
    key = (FACES[face][style], max(5, round(px)))
    if key not in _LOADED:
        _LOADED[key] = ImageFont.truetype(str(key[0]), key[1])
    return _LOADED[key]


# ---------------------------------------------------------------------------------------------
# what the documents say


@dataclass(frozen=True)
class Organ:
    parent: str
    name: str
    code: str
    place: str
    party: bool = False


ORGANS = (
    Organ("UBND TỈNH NAM SƠN", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT", "Nam Sơn"),
    Organ("UBND TỈNH NAM SƠN", "SỞ NỘI VỤ", "SNV", "Nam Sơn"),
    Organ("ỦY BAN NHÂN DÂN", "TỈNH NAM SƠN", "UBND", "Nam Sơn"),
    Organ("CÔNG AN TỈNH NAM SƠN", "PHÒNG AN NINH ĐỐI NỘI", "ANĐN", "Nam Sơn"),
    Organ("BỘ CHỈ HUY QUÂN SỰ", "TỈNH NAM SƠN", "BCH", "Nam Sơn"),
    Organ("UBND TỈNH VĨNH HÒA", "SỞ NGOẠI VỤ", "SNgV", "Vĩnh Hòa"),
    Organ("UBND TỈNH VĨNH HÒA", "BAN QUẢN LÝ KHU KINH TẾ", "BQLKKT", "Vĩnh Hòa"),
    Organ("ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP", "UBND", "Tân Lập"),
    Organ("TỈNH ỦY NAM SƠN", "BAN NỘI CHÍNH", "BNCTU", "Nam Sơn", party=True),
    Organ("TỈNH ỦY VĨNH HÒA", "BAN TỔ CHỨC", "BTCTU", "Vĩnh Hòa", party=True),
)
SIGNERS = (
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Trần Quốc Hưng"),
    ("GIÁM ĐỐC", "", "Lê Thị Thu Hà"),
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Khải"),
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Đinh Công Sơn"),
    ("TRƯỞNG PHÒNG", "", "Đại tá Phạm Văn Thắng"),
    ("CHỈ HUY TRƯỞNG", "", "Đại tá Hà Minh Châu"),
)
PARTY_SIGNERS = (
    ("T/M BAN NỘI CHÍNH", "TRƯỞNG BAN", "Vũ Đức Lợi"),
    ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Bùi Thị Ngọc Lan"),
)


@dataclass(frozen=True)
class Topic:
    kind: str  # the document type printed above the title; "" for a công văn
    code: str
    title: str
    body: tuple[str, ...]


SECRET_TOPICS = (
    Topic(
        "PHƯƠNG ÁN",
        "PA",
        "Bảo đảm an ninh, trật tự Lễ kỷ niệm 50 năm Ngày giải phóng tỉnh",
        (
            "Lực lượng cảnh vệ bố trí 03 vòng bảo vệ quanh khu vực lễ đài, vòng trong do Phòng Cảnh vệ trực tiếp đảm nhiệm.",
            "Lộ trình đoàn đại biểu Trung ương đi theo tuyến Quốc lộ 1, đoạn qua cầu Bến Đá phong tỏa từ 6 giờ 30 phút.",
            "Phương án dự phòng khi có tình huống gây rối: lực lượng cơ động tập kết tại sân vận động tỉnh.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả nắm tình hình khu vực biên giới quý I năm 2025",
        (
            "Trên tuyến biên giới đất liền phát hiện 14 lượt người qua lại trái phép tại các đường mòn thuộc xã Pà Lùng.",
            "Qua trinh sát, xác định 02 đối tượng có biểu hiện móc nối với tổ chức phản động ở nước ngoài.",
            "Đề nghị tăng cường lực lượng tại mốc 215 và 217, nơi địa hình phức tạp, khó kiểm soát.",
        ),
    ),
    Topic(
        "TỜ TRÌNH",
        "TTr",
        "Về dự kiến nhân sự lãnh đạo các sở, ban, ngành nhiệm kỳ 2025 - 2030",
        (
            "Ban Thường vụ dự kiến giới thiệu 03 đồng chí để bổ nhiệm chức danh Giám đốc sở theo phụ lục kèm theo.",
            "Kết quả lấy phiếu tín nhiệm tại cơ sở: đồng chí thứ nhất đạt 92,5%, đồng chí thứ hai đạt 78,1%.",
            "Đồng chí thứ ba chưa đủ thời gian công tác còn lại theo quy định, đề nghị xem xét bố trí vị trí khác.",
        ),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Diễn tập khu vực phòng thủ tỉnh năm 2025",
        (
            "Sở chỉ huy cơ bản đặt tại hang Khe Chè; sở chỉ huy dự bị đặt tại Trung tâm huấn luyện Đồng Bằng.",
            "Lực lượng tham gia gồm 02 tiểu đoàn dân quân cơ động và 01 đại đội công binh của Bộ Chỉ huy.",
            "Tình huống giả định: địch đổ bộ đường không vào khu vực sân bay dã chiến phía tây tỉnh.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Tình hình đối tượng lợi dụng không gian mạng tuyên truyền xuyên tạc",
        (
            "Đã xác định danh tính 07 chủ tài khoản mạng xã hội thường xuyên đăng tải nội dung xuyên tạc.",
            "Trong đó 02 tài khoản do đối tượng đang cư trú ở nước ngoài điều hành, có liên hệ với số máy thuê bao trong tỉnh.",
            "Đề xuất biện pháp đấu tranh, vô hiệu hóa theo phụ lục danh sách kèm theo.",
        ),
    ),
    Topic(
        "",
        "",
        "V/v phương án đàm phán với nhà đầu tư dự án cảng nước sâu Hòn Mây",
        (
            "Mức giá thuê đất tối thiểu mà tỉnh có thể chấp nhận là 38.000 đồng/m2/năm, không thấp hơn mức này.",
            "Tổ đàm phán không công bố khả năng miễn tiền thuê đất 15 năm khi nhà đầu tư chưa đưa ra cam kết vốn.",
            "Trường hợp nhà đầu tư rút lui, phương án thay thế là mời liên danh trong nước đã gửi thư quan tâm.",
        ),
    ),
    Topic(
        "THÔNG BÁO",
        "TB",
        "Kết luận về kết quả xác minh tài sản, thu nhập của cán bộ thuộc diện quản lý",
        (
            "Kết quả xác minh cho thấy tài sản tăng thêm 6,2 tỷ đồng chưa giải trình hợp lý nguồn gốc.",
            "Giao Ủy ban Kiểm tra tiếp tục làm rõ, báo cáo Thường trực trước ngày 30/6.",
            "Việc công khai kết luận chỉ thực hiện sau khi có quyết định của cấp có thẩm quyền.",
        ),
    ),
    Topic(
        "PHƯƠNG ÁN",
        "PA",
        "Bảo vệ mục tiêu trọng yếu trên địa bàn tỉnh trong tình huống khẩn cấp",
        (
            "Danh sách mục tiêu gồm trạm biến áp 500 kV, nhà máy nước Sông Lam và kho xăng dầu K12.",
            "Mỗi mục tiêu bố trí 01 tổ bảo vệ thường trực, có phương án tăng cường trong 30 phút.",
            "Tín hiệu báo động và tần số liên lạc thực hiện theo bảng quy ước tại phụ lục.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả điều tra ban đầu vụ tụ tập đông người tại xã Tân Lập",
        (
            "Có khoảng 120 người tham gia, trong đó xác định 09 người có vai trò kích động, lôi kéo.",
            "Cơ quan điều tra đã thu giữ 02 điện thoại di động và tài liệu liên quan để phục vụ điều tra.",
            "Đề nghị chưa đưa tin trên phương tiện thông tin đại chúng cho đến khi kết thúc điều tra.",
        ),
    ),
    Topic(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Về việc phê duyệt phương án sơ tán cơ quan khi có tình huống quốc phòng",
        (
            "Điều 1. Phê duyệt phương án sơ tán các cơ quan cấp tỉnh đến khu vực căn cứ hậu phương tại xã Đồng Mỏ.",
            "Điều 2. Vị trí cất giấu hồ sơ, tài liệu lưu trữ thực hiện theo sơ đồ tại phụ lục II.",
            "Điều 3. Chánh Văn phòng, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh chịu trách nhiệm thi hành Quyết định này.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Dự toán chi bảo đảm quốc phòng, an ninh năm 2026 (phần chi tiết)",
        (
            "Tổng dự toán chi cho nhiệm vụ đặc biệt là 48,6 tỷ đồng, tăng 12% so với năm trước.",
            "Khoản chi mua sắm phương tiện trinh sát kỹ thuật được bố trí riêng, không công khai trong dự toán chung.",
            "Nguồn dự phòng ngân sách tỉnh sẵn sàng bổ sung khi có yêu cầu đột xuất.",
        ),
    ),
)
FILLER = (
    "Các đơn vị được giao nhiệm vụ quán triệt nội dung đến cán bộ trực tiếp thực hiện, không phổ biến rộng.",
    "Kinh phí bảo đảm từ nguồn chi thường xuyên của đơn vị và nguồn hỗ trợ của ngân sách tỉnh.",
    "Trong quá trình thực hiện nếu phát sinh vướng mắc, báo cáo ngay về cơ quan thường trực để xử lý.",
    "Chế độ báo cáo: định kỳ vào ngày 25 hằng tháng và đột xuất khi có tình huống.",
    "Giao Văn phòng theo dõi, tổng hợp, tham mưu lãnh đạo chỉ đạo kịp thời.",
    "Thời gian thực hiện: từ ngày ban hành đến khi kết thúc nhiệm vụ.",
)
PUBLIC_TOPICS = (
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Tổ chức Hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm 2025",
        (
            "Thời gian: 01 buổi, bắt đầu lúc 8 giờ 00 phút ngày 15/7/2025 tại Hội trường tầng 3.",
            "Thành phần gồm lãnh đạo các phòng chuyên môn và công chức phụ trách cải cách hành chính.",
            "Văn phòng chuẩn bị tài liệu, bố trí hội trường và nước uống cho đại biểu.",
        ),
    ),
    Topic(
        "THÔNG BÁO",
        "TB",
        "Lịch tiếp công dân định kỳ tháng 4 năm 2025",
        (
            "Giám đốc Sở tiếp công dân vào ngày 10 và ngày 24 tháng 4 tại Phòng tiếp công dân của Sở.",
            "Công dân đến liên hệ mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung trình bày.",
            "Lịch tiếp được niêm yết tại trụ sở và đăng tải trên Cổng thông tin điện tử.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả thu ngân sách nhà nước quý I năm 2025",
        (
            "Tổng thu ngân sách trên địa bàn quý I đạt 1.245 tỷ đồng, bằng 27,3% dự toán năm.",
            "Thu từ khu vực doanh nghiệp nhà nước đạt thấp do một số doanh nghiệp chậm nộp thuế.",
            "Đề nghị các ngành tăng cường đôn đốc, chống thất thu, phấn đấu hoàn thành dự toán được giao.",
        ),
    ),
    Topic(
        "",
        "",
        "V/v đôn đốc nộp báo cáo thống kê định kỳ năm 2025",
        (
            "Đến nay còn 06 đơn vị chưa gửi báo cáo thống kê 6 tháng theo Thông tư của Bộ.",
            "Đề nghị các đơn vị khẩn trương hoàn thiện, gửi qua hệ thống quản lý văn bản trước ngày 20/7.",
            "Quá thời hạn trên, Sở sẽ tổng hợp danh sách báo cáo Ủy ban nhân dân tỉnh.",
        ),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Tổ chức Giải Việt dã truyền thống chào mừng Ngày Quốc khánh 2/9",
        (
            "Cự ly thi đấu: nam 5 km, nữ 3 km; xuất phát tại Quảng trường trung tâm lúc 6 giờ sáng.",
            "Mỗi đơn vị đăng ký tối đa 10 vận động viên, gửi danh sách về Ban Tổ chức trước ngày 20/8.",
            "Giải thưởng gồm cờ, giấy chứng nhận và tiền thưởng theo quy định hiện hành.",
        ),
    ),
    Topic(
        "",
        "",
        "V/v cử cán bộ tham dự lớp tập huấn sử dụng chữ ký số",
        (
            "Lớp tập huấn tổ chức trong 02 ngày tại Trung tâm Công nghệ thông tin và Truyền thông.",
            "Mỗi đơn vị cử 02 công chức làm công tác văn thư, lưu trữ tham dự.",
            "Học viên mang theo máy tính xách tay và thiết bị lưu khóa chữ ký số đã được cấp.",
        ),
    ),
)
RECIPIENTS = (
    "Thường trực Tỉnh ủy",
    "Chủ tịch, các PCT UBND tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Sở Tài chính",
    "Văn phòng UBND tỉnh",
    "Ban Giám đốc Sở",
)


def signer_of(org: Organ, rng: random.Random) -> tuple[str, str, str]:
    if org.party:
        return rng.choice(PARTY_SIGNERS)
    if org.code == "UBND":
        return rng.choice(SIGNERS[2:4])
    if org.parent.startswith("CÔNG AN"):
        return SIGNERS[4]
    if org.code == "BCH":
        return SIGNERS[5]
    return rng.choice(SIGNERS[:2])


def date_text(place: str, d: int, m: int, y: int) -> str:
    """Decree 30: day and month below 10 (day) or 3 (month) are written with a leading zero."""
    day = f"{d:02d}"
    month = f"{m:02d}" if m < 3 else str(m)
    return f"{place}, ngày {day} tháng {month} năm {y}"


@dataclass
class Letter:
    organ: Organ
    topic: Topic
    number: int
    date: tuple[int, int, int]
    signer: tuple[str, str, str]
    recipients: list[str]
    body: list[str]
    table: list[list[str]] | None = None
    copies: str = ""

    @property
    def number_line(self) -> str:
        code = self.topic.code
        if self.organ.party:
            return f"Số {self.number}-{code or 'CV'}/{self.organ.code}"
        return f"Số: {self.number}/{code + '-' if code else ''}{self.organ.code}"

    @property
    def date_line(self) -> str:
        return date_text(self.organ.place, *self.date)


def make_letter(
    rng: random.Random, topic: Topic, *, organ: Organ | None = None, secret: bool = True
) -> Letter:
    org = organ or rng.choice(ORGANS)
    signer = signer_of(org, rng)
    body = list(topic.body)
    body.insert(
        0,
        rng.choice(FILLER[:2])
        if secret
        else "Thực hiện chỉ đạo của cấp trên, đơn vị triển khai các nội dung sau.",
    )
    body += rng.sample(FILLER[2:], 2)
    table = None
    if rng.random() < 0.4:
        table = [["TT", "Nội dung", "Đơn vị chủ trì", "Thời gian"]] + [
            [
                str(i),
                rng.choice(
                    ("Rà soát lực lượng", "Kiểm tra thực địa", "Tổng hợp kết quả", "Họp giao ban")
                ),
                rng.choice(("Văn phòng", "Phòng Tổng hợp", "Công an tỉnh", "Sở Tài chính")),
                f"{rng.randint(1, 28)}/{rng.randint(1, 12)}",
            ]
            for i in range(1, rng.randint(3, 6))
        ]
    recipients = rng.sample(RECIPIENTS, 3)
    copies = f" ({rng.randint(4, 9):02d}b)" if secret else ""
    return Letter(
        organ=org,
        topic=topic,
        number=rng.randint(12, 980),
        date=(rng.randint(1, 28), rng.randint(1, 12), rng.choice((2023, 2024, 2025))),
        signer=signer,
        recipients=recipients,
        body=body,
        table=table,
        copies=copies,
    )


# ---------------------------------------------------------------------------------------------
# stamps (Circular 24/2020/TT-BCA: a rectangle with the level in bold capitals, red ink)


@dataclass
class Stamp:
    lines: tuple[str, ...]
    where: str = "under_number"  # under_number | top_center | top_right | top_left | beside_seal
    ink: str = "red"
    scale: float = 1.0
    crossed: bool = False
    circle: bool = False
    double: bool = False
    small_lines: bool = False  # lines after the first in a smaller, regular face


def level_stamp(level: str, where: str = "under_number", **kw: bool | float | str) -> Stamp:
    stamp = Stamp((LEVEL_WORD[level],), where)
    for key, value in kw.items():
        setattr(stamp, key, value)
    return stamp


@dataclass
class Look:
    face: str = "times"
    stamp_face: str = "times"
    ink: str = "red"
    tilt: float = 0.0
    wear: float = 0.2
    scale: float = 1.0


def random_look(rng: random.Random, **over: object) -> Look:
    look = Look(
        face=rng.choice(("times", "times", "arial", "dejavu")),
        stamp_face=rng.choice(("times", "arial", "dejavu", "narrow")),
        ink=rng.choice(("red", "red", "dark_red", "pink")),
        tilt=rng.uniform(-3.0, 3.0),
        wear=rng.uniform(0.05, 0.45),
        scale=rng.uniform(0.85, 1.25),
    )
    for key, value in over.items():
        setattr(look, key, value)
    return look


def stamp_mask(stamp: Stamp, look: Look, dpi: int, rng: random.Random) -> Image.Image:
    """The ink of one stamp as a greyscale mask (255 = full ink), tilted and worn."""
    k = dpi / 25.4 * look.scale * stamp.scale
    if stamp.circle:
        d = round(15 * k)
        img = Image.new("L", (d + 8, d + 8), 0)
        dr = ImageDraw.Draw(img)
        dr.ellipse((4, 4, d + 4, d + 4), outline=255, width=max(2, round(0.7 * k)))
        f = typeface(look.stamp_face, "b", 9 * k)
        dr.text(((d + 8) / 2, (d + 8) / 2), stamp.lines[0], font=f, fill=255, anchor="mm")
    else:
        fonts = [
            typeface(
                look.stamp_face,
                "b" if i == 0 or not stamp.small_lines else "r",
                (5.2 if i == 0 else 3.4 if stamp.small_lines else 4.6) * k,
            )
            for i in range(len(stamp.lines))
        ]
        widths = [f.getbbox(s)[2] for f, s in zip(fonts, stamp.lines, strict=True)]
        heights = [round(f.size * 1.3) for f in fonts]
        pad_x, pad_y = round(3 * k), round(1.4 * k)
        w, h = max(widths) + 2 * pad_x, sum(heights) + 2 * pad_y
        img = Image.new("L", (w + 8, h + 8), 0)
        dr = ImageDraw.Draw(img)
        line = max(2, round(0.45 * k))
        dr.rectangle((4, 4, w + 4, h + 4), outline=255, width=line)
        if stamp.double:
            gap = line * 2
            dr.rectangle(
                (4 + gap, 4 + gap, w + 4 - gap, h + 4 - gap), outline=255, width=max(1, line // 2)
            )
        y = 4 + pad_y
        for f, s, lh in zip(fonts, stamp.lines, heights, strict=True):
            dr.text(((w + 8) / 2, y + lh / 2), s, font=f, fill=255, anchor="mm")
            y += lh
        if stamp.crossed:
            dr.line((4, 4, w + 4, h + 4), fill=255, width=line)
            dr.line((4, h / 2 + 4, w + 4, h / 2 + 4), fill=255, width=line)
    if look.wear > 0:
        speck = Image.effect_noise(img.size, 80 + 90 * look.wear).point(
            lambda v: 0 if v < 128 * look.wear else 255
        )
        img = ImageChops.multiply(img, speck.convert("L"))
    img = img.filter(ImageFilter.GaussianBlur(max(0.4, dpi / 300)))
    tilt = look.tilt + rng.uniform(-0.6, 0.6)
    return img.rotate(tilt, expand=True, resample=Image.Resampling.BICUBIC)


def ink_on(page: Image.Image, mask: Image.Image, colour: Colour, x: int, y: int) -> None:
    """Overprint `mask` in `colour` with its top-left corner at (x, y) (ink multiplies paper)."""
    box = (x, y, x + mask.width, y + mask.height)
    region = page.crop(box)
    tinted = ImageChops.multiply(region, Image.new("RGB", region.size, colour))
    page.paste(Image.composite(tinted, region, mask), box)


def stamp_png(stamp: Stamp, look: Look, rng: random.Random, dpi: int = 200) -> bytes:
    mask = stamp_mask(stamp, look, dpi, rng)
    colour = INKS[stamp.ink if stamp.ink != "red" else look.ink]
    img = Image.new("RGB", mask.size, (255, 255, 255))
    ink_on(img, mask, colour, 0, 0)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def seal_mask(name: str, dpi: int, rng: random.Random) -> Image.Image:
    """The organisation's round seal over the signature (red, with the name around the rim)."""
    r = round(18 * dpi / 25.4)
    size = 2 * r + 10
    img = Image.new("L", (size, size), 0)
    dr = ImageDraw.Draw(img)
    c = size / 2
    width = max(2, dpi // 100)
    dr.ellipse((5, 5, size - 5, size - 5), outline=255, width=width * 2)
    dr.ellipse((c - r * 0.62, c - r * 0.62, c + r * 0.62, c + r * 0.62), outline=255, width=width)
    f = typeface("arial", "b", r * 0.2)
    text = f"★ {name} ★ "
    for i, ch in enumerate(text):
        angle = -math.pi / 2 + 2 * math.pi * i / len(text)
        glyph = Image.new("L", (round(r * 0.3), round(r * 0.3)), 0)
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), ch, font=f, fill=255, anchor="mm"
        )
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        gx = c + r * 0.8 * math.cos(angle) - glyph.width / 2
        gy = c + r * 0.8 * math.sin(angle) - glyph.height / 2
        img.paste(255, (round(gx), round(gy)), glyph)
    dr.regular_polygon((c, c, r * 0.25), 5, rotation=rng.uniform(0, 10), fill=255)
    return img.rotate(rng.uniform(0, 360), resample=Image.Resampling.BICUBIC)


# ---------------------------------------------------------------------------------------------
# pages drawn as pictures (for scans, photos, faxes and pictures inside other files)

INK_TEXT: Colour = (22, 22, 26)


class Sheet:
    """One page at `dpi`, with text placed in millimetres."""

    def __init__(
        self,
        dpi: int,
        look: Look,
        size: tuple[float, float] = (210.0, 297.0),
        paper: Colour = (255, 255, 255),
    ) -> None:
        self.dpi, self.look, self.size = dpi, look, size
        self.img = Image.new("RGB", (self.px(size[0]), self.px(size[1])), paper)
        self.draw = ImageDraw.Draw(self.img)

    def px(self, mm: float) -> int:
        return round(mm * self.dpi / 25.4)

    def font(self, style: str, pt: float, face: str | None = None) -> ImageFont.FreeTypeFont:
        return typeface(face or self.look.face, style, pt * self.dpi / 72)

    def width(self, s: str, style: str, pt: float) -> float:
        return self.font(style, pt).getlength(s) * 25.4 / self.dpi

    def text(
        self,
        x: float,
        y: float,
        s: str,
        style: str = "r",
        pt: float = 13.0,
        align: str = "l",
        colour: Colour = INK_TEXT,
        face: str | None = None,
    ) -> float:
        f = self.font(style, pt, face)
        anchor = {"l": "la", "c": "ma", "r": "ra"}[align]
        self.draw.text((self.px(x), self.px(y)), s, font=f, fill=colour, anchor=anchor)
        return f.getlength(s) * 25.4 / self.dpi

    def rule(self, x1: float, x2: float, y: float, weight: float = 0.25) -> None:
        self.draw.line(
            (self.px(x1), self.px(y), self.px(x2), self.px(y)),
            fill=INK_TEXT,
            width=max(1, self.px(weight)),
        )

    def paragraph(
        self,
        x: float,
        y: float,
        width: float,
        s: str,
        style: str = "r",
        pt: float = 13.0,
        indent: float = 10.0,
        align: str = "j",
    ) -> float:
        """Wrap `s` in `width` mm from (x, y); return the y below it."""
        words = s.split()
        lines: list[list[str]] = [[]]
        for word in words:
            first = len(lines) == 1
            room = width - (indent if first else 0)
            if lines[-1] and self.width(" ".join([*lines[-1], word]), style, pt) > room:
                lines.append([])
            lines[-1].append(word)
        step = pt * 0.3528 * 1.35
        for i, line in enumerate(lines):
            x0 = x + (indent if i == 0 else 0)
            if align == "c":
                self.text(x + width / 2, y, " ".join(line), style, pt, "c")
            elif align == "j" and i < len(lines) - 1 and len(line) > 1:
                room = width - (indent if i == 0 else 0)
                gap = (room - sum(self.width(w, style, pt) for w in line)) / (len(line) - 1)
                cx = x0
                for w in line:
                    cx += self.text(cx, y, w, style, pt) + gap
            else:
                self.text(x0, y, " ".join(line), style, pt)
            y += step
        return y

    def grid(
        self, x: float, y: float, widths: list[float], rows: list[list[str]], pt: float = 11.0
    ) -> float:
        h = pt * 0.3528 * 2.0
        for r, row in enumerate(rows):
            cx = x
            for w, cell in zip(widths, row, strict=False):
                self.draw.rectangle(
                    (self.px(cx), self.px(y), self.px(cx + w), self.px(y + h)),
                    outline=INK_TEXT,
                    width=max(1, self.px(0.2)),
                )
                self.text(cx + w / 2, y + h * 0.25, cell, "b" if r == 0 else "r", pt, "c")
                cx += w
            y += h
        return y

    def put(
        self, stamp: Stamp, x: float, y: float, rng: random.Random, anchor: str = "c"
    ) -> tuple[float, float]:
        """Stamp centred on x (or starting at x) with its top at y; return its size in mm."""
        mask = stamp_mask(stamp, self.look, self.dpi, rng)
        colour = INKS[self.look.ink if stamp.ink == "red" else stamp.ink]
        left = self.px(x) - (mask.width // 2 if anchor == "c" else 0)
        left = max(0, min(left, self.img.width - mask.width))
        ink_on(self.img, mask, colour, left, max(0, self.px(y)))
        return mask.width * 25.4 / self.dpi, mask.height * 25.4 / self.dpi


def squiggle(sheet: Sheet, x: float, y: float, rng: random.Random) -> None:
    """A hand signature: a few joined curves in blue-black."""
    pts = []
    for i in range(40):
        t = i / 39
        pts.append(
            (
                sheet.px(x + 30 * t + rng.uniform(-1, 1)),
                sheet.px(y + 5 * math.sin(t * rng.uniform(8, 14)) * (1 - t * 0.5)),
            )
        )
    sheet.draw.line(pts, fill=(25, 35, 110), width=max(2, sheet.dpi // 110), joint="curve")


def layout_letter(
    letter: Letter,
    look: Look,
    dpi: int,
    rng: random.Random,
    stamps: list[Stamp],
    *,
    annex: tuple[str, list[Stamp]] | None = None,
    seal: bool = True,
) -> list[Image.Image]:
    """Decree 30 (or the Party's) layout drawn on A4 pages; stamps placed where they say."""
    sheets: list[Sheet] = []

    def new_sheet() -> Sheet:
        s = Sheet(dpi, look, paper=rng.choice(((255, 255, 255), (252, 251, 246), (250, 250, 250))))
        sheets.append(s)
        if len(sheets) > 1:
            s.text(105, 10, str(len(sheets)), "r", 12, "c")
        return s

    s = new_sheet()
    org = letter.organ
    left_c, right_c, margin_l, margin_r = 58.0, 145.0, 30.0, 192.0
    top = rng.uniform(14, 20)
    hp = 12.0 if look.face in ("times", "narrow") else 10.5
    s.text(left_c, top, org.parent, "b" if org.party else "r", hp, "c")
    s.text(left_c, top + 5.5, org.name, "b", hp, "c")
    if org.party:
        s.text(left_c, top + 11, "*", "r", 12, "c")
        s.text(right_c, top, "ĐẢNG CỘNG SẢN VIỆT NAM", "b", 14, "c")
        s.rule(right_c - 33, right_c + 33, top + 6.6, 0.3)
        number_y = top + 16
    else:
        w = s.width(org.name, "b", hp)
        s.rule(left_c - w / 4, left_c + w / 4, top + 11.5)
        s.text(right_c, top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b", hp, "c")
        s.text(right_c, top + 5.5, "Độc lập - Tự do - Hạnh phúc", "b", hp + 1, "c")
        s.rule(right_c - 28, right_c + 28, top + 11.6)
        number_y = top + 15
    s.text(left_c, number_y, letter.number_line, "r", 13, "c")
    s.text(right_c + 2, number_y + (0 if org.party else 0.5), letter.date_line, "i", 13, "c")
    y = number_y + 7
    if not letter.topic.kind:
        y = s.paragraph(margin_l + 2, y, 64, letter.topic.title, "r", 12, 0, "c")
    below = y + 1
    for st in stamps:
        if st.where == "under_number":
            _w, h = s.put(st, left_c, below, rng)
            below += h + 1.5
        elif st.where == "top_center":
            s.put(st, 105, 5.5, rng)
        elif st.where == "top_right":
            s.put(st, 172, 5.5, rng)
        elif st.where == "top_left":
            s.put(st, margin_l, 5.5, rng, anchor="l")
    y = max(y, below) + 6
    if letter.topic.kind:
        s.text(105, y, letter.topic.kind, "b", 14, "c")
        y = s.paragraph(40, y + 6.5, 130, letter.topic.title, "b", 14, 0, "c") + 4
    else:
        s.text(105, y, "Kính gửi: " + ", ".join(letter.recipients[:2]) + ".", "r", 14, "c")
        y += 10
    for para in letter.body:
        if y > 250:
            s = new_sheet()
            y = 22.0
        y = s.paragraph(margin_l, y, margin_r - margin_l, para, "r", 14) + 1.5
    if letter.table and y < 215:
        y = s.grid(margin_l, y + 2, [12, 80, 50, 20], letter.table, 11) + 6
    if y > 235:
        s = new_sheet()
        y = 22.0
    s.text(margin_l, y, "Nơi nhận:", "bi", 12)
    for i, r in enumerate([*letter.recipients, f"Lưu: VT{letter.copies}."]):
        s.text(
            margin_l, y + 5 + 4.6 * i, f"- {r};" if not r.startswith("Lưu") else f"- {r}", "r", 11
        )
    a, b, name = letter.signer
    s.text(right_c + 5, y, a, "b", 13, "c")
    if b:
        s.text(right_c + 5, y + 5.5, b, "b", 13, "c")
    squiggle(s, right_c - 10, y + 17, rng)
    if seal:
        mask = seal_mask(org.name, dpi, rng)
        ink_on(
            s.img,
            mask,
            INKS["red"] if look.ink != "copy_black" else INKS["copy_black"],
            s.px(right_c - 28),
            s.px(y + 4),
        )
    for st in stamps:
        if st.where == "beside_seal":
            s.put(st, margin_l + 30, y + 30, rng)
    s.text(right_c + 5, y + 33, name, "b", 13, "c")
    if annex:
        title, marks = annex
        s = new_sheet()
        below = 12.0
        for st in marks:
            x = {"top_right": 170, "top_center": 105}.get(st.where, 55)
            _w, h = s.put(st, x, below, rng)
            below += h + 1
        s.text(105, below + 6, "PHỤ LỤC", "b", 14, "c")
        y = s.paragraph(35, below + 12.5, 140, title, "b", 13, 0, "c")
        s.text(
            105,
            y + 1,
            f"(Kèm theo {letter.number_line.replace('Số: ', 'văn bản số ').replace('Số ', 'văn bản số ')})",
            "i",
            12,
            "c",
        )
        rows = [["TT", "Nội dung", "Số lượng", "Ghi chú"]] + [
            [
                str(i),
                rng.choice(
                    (
                        "Tổ công tác số 1",
                        "Điểm chốt cầu Bến Đá",
                        "Kho K12",
                        "Trạm biến áp",
                        "Đồn Biên phòng Pà Lùng",
                    )
                ),
                str(rng.randint(2, 40)),
                "",
            ]
            for i in range(1, rng.randint(6, 11))
        ]
        s.grid(22, y + 10, [12, 90, 30, 34], rows, 11.5)
    return [sh.img for sh in sheets]


# ---------------------------------------------------------------------------------------------
# what happens to paper on its way into a file


def scanned(
    img: Image.Image, rng: random.Random, *, mode: str, skew: float, out_dpi: int, dpi: int
) -> Image.Image:
    """A flatbed or copier scan: resampled, skewed, toned, and grey or bilevel when asked."""
    if out_dpi != dpi:
        img = img.resize(
            (round(img.width * out_dpi / dpi), round(img.height * out_dpi / dpi)),
            Image.Resampling.LANCZOS,
        )
    img = img.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.8)))
    noise = Image.effect_noise((img.width // 2, img.height // 2), rng.uniform(4, 10))
    noise = noise.convert("RGB").resize(img.size)
    img = ImageChops.add(img, noise, scale=1.0, offset=-128)  # grain of about +-8 levels
    if mode == "colour":
        return ImageChops.multiply(img, Image.new("RGB", img.size, (252, 249, 240)))
    grey = img.convert("L")
    if mode == "grey":
        return grey.point(lambda v: min(255, max(0, round((v - 20) * 1.12))))
    cut = rng.randint(140, 185)
    if mode == "fax":  # 204 x 98 dpi: every other line, doubled
        half = grey.resize((grey.width, grey.height // 2), Image.Resampling.BILINEAR)
        grey = half.resize(grey.size, Image.Resampling.NEAREST)
    return grey.point(lambda v: 255 if v > cut else 0).convert("1")


def photographed(
    img: Image.Image, rng: random.Random, *, screen: bool = False, width: int = 1600
) -> Image.Image:
    """A phone photo of a page lying on a desk (or shown on a monitor): perspective, shadow,
    uneven light, a colour cast; the result is what the camera saved, before JPEG."""
    page = img.convert("RGB").resize(
        (width, round(width * img.height / img.width)), Image.Resampling.LANCZOS
    )
    if screen:
        page = ImageChops.multiply(page, Image.new("RGB", page.size, (205, 222, 255)))
        pattern = Image.new("L", page.size, 255)
        pd = ImageDraw.Draw(pattern)
        period = rng.uniform(3.1, 4.3)
        for x in range(0, page.width, 2):
            v = round(225 + 30 * math.sin(x / period))
            pd.line((x, 0, x + page.height * 0.08, page.height), fill=v, width=2)
        page = ImageChops.multiply(page, Image.merge("RGB", (pattern, pattern, pattern)))
    bw, bh = round(page.width * 1.25), round(page.height * 1.2)
    desk = Image.new(
        "RGB", (bw, bh), rng.choice(((120, 92, 64), (70, 70, 76), (180, 170, 150), (30, 30, 34)))
    )
    grain = Image.effect_noise((bw // 4, bh // 4), 18).convert("RGB").resize((bw, bh))
    desk = ImageChops.add(desk, grain, scale=2.0, offset=-64)
    ox, oy = (bw - page.width) // 2, (bh - page.height) // 2
    desk.paste(page, (ox, oy))

    def j() -> float:
        return rng.uniform(-0.06, 0.06) * page.width

    corners = [
        (ox + j(), oy + j()),
        (ox + page.width + j(), oy + j()),
        (ox + page.width + j(), oy + page.height + j()),
        (ox + j(), oy + page.height + j()),
    ]
    target = [
        (bw * 0.08 + rng.uniform(0, bw * 0.07), bh * 0.05 + rng.uniform(0, bh * 0.05)),
        (bw * 0.92 - rng.uniform(0, bw * 0.07), bh * 0.05 + rng.uniform(0, bh * 0.05)),
        (bw * 0.95 - rng.uniform(0, bw * 0.04), bh * 0.95 - rng.uniform(0, bh * 0.04)),
        (bw * 0.05 + rng.uniform(0, bw * 0.04), bh * 0.95 - rng.uniform(0, bh * 0.04)),
    ]
    photo = desk.transform(
        (bw, bh),
        Image.Transform.PERSPECTIVE,
        perspective_coeffs(target, corners),
        Image.Resampling.BICUBIC,
    )
    fall_off = rng.uniform(0.35, 0.6)  # how much darker the corners are than the centre
    light = (
        Image.radial_gradient("L")
        .resize((bw, bh), Image.Resampling.BICUBIC)
        .point(lambda v: 255 - round(v * fall_off))
    )
    shade = Image.new("L", (bw // 8, bh // 8), 255)
    sd = ImageDraw.Draw(shade)
    cx = rng.uniform(0.2, 0.8) * bw / 8
    sd.polygon(
        [
            (cx, bh / 8),
            (cx + bw / 32, bh / 8 * rng.uniform(0.45, 0.7)),
            (bw / 8, bh / 8 * 0.55),
            (bw / 8, bh / 8),
        ],
        fill=rng.randint(120, 175),
    )
    shade = shade.filter(ImageFilter.GaussianBlur(bw / 240)).resize(
        (bw, bh), Image.Resampling.BILINEAR
    )
    photo = ImageChops.multiply(photo, Image.merge("RGB", (light, light, light)))
    photo = ImageChops.multiply(photo, Image.merge("RGB", (shade, shade, shade)))
    cast = rng.choice(((255, 244, 220), (235, 240, 255), (255, 250, 245)))
    photo = ImageChops.multiply(photo, Image.new("RGB", photo.size, cast))
    return photo.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 1.1)))


def jpeg(img: Image.Image, quality: int, dpi: int | None = None) -> bytes:
    out = io.BytesIO()
    extra = {"dpi": (dpi, dpi)} if dpi else {}
    img.convert("RGB" if img.mode not in ("L",) else "L").save(
        out, "JPEG", quality=quality, **extra
    )
    return out.getvalue()


def pdf_of_images(pages: list[Image.Image], *, dpi: int, producer: str, quality: int = 75) -> bytes:
    """A scanned PDF as a copier or a scanning program writes it: one picture per page."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_producer(producer)
    pdf.set_creator(producer)
    pdf.set_auto_page_break(False)
    for img in pages:
        w_mm, h_mm = img.width * 25.4 / dpi, img.height * 25.4 / dpi
        pdf.add_page(format=(w_mm, h_mm))
        data = png(img) if img.mode == "1" else jpeg(img, quality)
        pdf.image(io.BytesIO(data), 0, 0, w_mm, h_mm)
    return bytes(pdf.output())


def fax_header(img: Image.Image, text: str) -> Image.Image:
    """The line a fax machine prints across the top of each page it sends."""
    page = img.convert("L")
    d = ImageDraw.Draw(page)
    f = typeface("narrow", "r", page.width / 95)
    d.text((page.width * 0.03, page.height * 0.006), text, font=f, fill=0)
    return page


# ---------------------------------------------------------------------------------------------
# the legacy Vietnamese encodings of the 1990s and 2000s, typed with their own fonts

_TCVN3_LOWER = dict(
    zip(
        "àảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵăâêôơưđ",
        "\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6"
        "\xd7\xd8\xdc\xdd\xde\xdf\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee\xef\xf1\xf2\xf3\xf4"
        "\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe\xa8\xa9\xaa\xab\xac\xad\xae",
        strict=True,
    )
)
_TCVN3_UPPER = dict(zip("ĂÂÊÔƠƯĐ", "\xa1\xa2\xa3\xa4\xa5\xa6\xa7", strict=True))


def tcvn3(s: str) -> tuple[str, str]:
    """Text as typed with the ABC keyboard: upper case in .VnTimeH (lower-case codes drawn as
    capitals), mixed text in .VnTime (whose capitals with tones do not exist)."""
    if s.upper() == s and any(c.isalpha() for c in s):
        return "".join(_TCVN3_LOWER.get(c, c) for c in s.lower()), ".VnTimeH"
    out = []
    for c in s:
        out.append(_TCVN3_UPPER.get(c) or _TCVN3_LOWER.get(c) or _TCVN3_LOWER.get(c.lower(), c))
    return "".join(out), ".VnTime"


_VNI_TONE = {"\u0301": "ù", "\u0300": "ø", "\u0309": "û", "\u0303": "õ", "\u0323": "ï"}
_VNI_HAT = {"": "â", "\u0301": "á", "\u0300": "à", "\u0309": "å", "\u0303": "ã", "\u0323": "ä"}
_VNI_BREVE = {"": "ê", "\u0301": "é", "\u0300": "è", "\u0309": "ú", "\u0303": "ü", "\u0323": "ë"}
_VNI_I = {"\u0301": "í", "\u0300": "ì", "\u0309": "æ", "\u0303": "ó", "\u0323": "ò"}


def _vni_char(c: str) -> str:
    if c == "đ":
        return "ñ"
    parts = unicodedata.normalize("NFD", c)
    base, marks = parts[0], parts[1:]
    tone = next((m for m in marks if m in _VNI_TONE), "")
    if base == "i" and tone:
        return _VNI_I[tone]
    if base == "y" and tone == "\u0323":
        return "î"
    if "\u0302" in marks:
        return base + _VNI_HAT[tone]
    if "\u0306" in marks:
        return base + _VNI_BREVE[tone]
    if "\u031b" in marks:
        return {"o": "ô", "u": "ö"}[base] + _VNI_TONE.get(tone, "")
    return base + _VNI_TONE.get(tone, "")


def vni(s: str) -> tuple[str, str]:
    """Text as typed with the VNI keyboard and VNI-Times: a base letter followed by its marks."""
    out = []
    for c in s:
        if ord(c) < 128:
            out.append(c)
        elif c.isupper():
            out.append(_vni_char(c.lower()).upper())
        else:
            out.append(_vni_char(c))
    return "".join(out), "VNI-Times"


def cp1258(s: str) -> bytes:
    """Windows-1258: the base letters with hats and horns precomposed, the tones combining."""
    out = b""
    for c in s:
        parts = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in parts if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
        out += base.encode("cp1258", errors="replace") + tones.encode("cp1258")
    return out


# ---------------------------------------------------------------------------------------------
# Word documents made with python-docx (and, through LibreOffice, Word 97 files)

WORD_FONTS = {
    "times": "Times New Roman",
    "arial": "Arial",
    "dejavu": "DejaVu Serif",
    "narrow": "Arial Narrow",
}
HEX = {k: "".join(f"{part:02X}" for part in v) for k, v in INKS.items()}


class WordWriter:
    """A Decree 30 document in python-docx, the level stamp typed in one of the ways clerks use."""

    def __init__(self, look: Look, encoding: str = "unicode") -> None:
        self.look, self.encoding = look, encoding
        self.doc = docx.Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.left_margin, sec.right_margin, sec.top_margin, sec.bottom_margin = (
            Mm(30),
            Mm(15),
            Mm(20),
            Mm(20),
        )
        normal = self.doc.styles["Normal"]
        normal.font.name = WORD_FONTS[look.face]
        normal.font.size = Pt(14)
        self.ids = 100

    def run(
        self,
        p,
        text: str,
        *,
        bold: bool = False,
        italic: bool = False,
        pt: float | None = None,
        colour: str | None = None,
        strike: bool = False,
    ):
        font_name = None
        if self.encoding == "tcvn3":
            text, font_name = tcvn3(text)
        elif self.encoding == "vni":
            text, font_name = vni(text)
        r = p.add_run(text)
        r.bold, r.italic = bold, italic
        r.font.strike = strike
        if pt:
            r.font.size = Pt(pt)
        if colour:
            r.font.color.rgb = RGBColor.from_string(colour)
        if font_name:
            r.font.name = font_name
            r._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), font_name)
        return r

    def para(
        self,
        container,
        text: str = "",
        *,
        align: str = "j",
        bold: bool = False,
        italic: bool = False,
        pt: float | None = None,
        indent: bool = False,
    ):
        p = container.add_paragraph()
        p.alignment = {
            "j": WD_ALIGN_PARAGRAPH.JUSTIFY,
            "c": WD_ALIGN_PARAGRAPH.CENTER,
            "l": WD_ALIGN_PARAGRAPH.LEFT,
            "r": WD_ALIGN_PARAGRAPH.RIGHT,
        }[align]
        p.paragraph_format.space_after = Pt(3)
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)
        if text:
            self.run(p, text, bold=bold, italic=italic, pt=pt)
        return p

    def boxed(
        self,
        container,
        stamp: Stamp,
        *,
        box_mm: float = 80.0,
        align: str = "c",
        tracked: bool = False,
    ):
        """A stamp typed as bordered paragraphs in red (or the ink of the stamp)."""
        colour = HEX[self.look.ink if stamp.ink == "red" else stamp.ink]
        width = 8 + 3.3 * max(len(line) for line in stamp.lines) * (
            1 if len(stamp.lines) == 1 else 0.75
        )
        first = None
        for i, line in enumerate(stamp.lines):
            p = self.para(container, align="c")
            first = first or p
            r = self.run(
                p,
                line,
                bold=i == 0 or not stamp.small_lines,
                pt=14 * stamp.scale if i == 0 else 11,
                colour=colour,
                strike=stamp.crossed,
            )
            if tracked:
                ins = OxmlElement("w:ins")
                ins.set(qn("w:id"), str(self.ids))
                ins.set(qn("w:author"), "Văn thư")
                ins.set(qn("w:date"), "2025-03-14T08:12:00Z")
                self.ids += 1
                r._element.addprevious(ins)
                ins.append(r._element)
            p.paragraph_format.space_after = Pt(0)
            side = max(0.0, (box_mm - width) / 2)
            if align == "r":
                p.paragraph_format.left_indent = Mm(box_mm - width - 2)
            elif align == "l":
                p.paragraph_format.right_indent = Mm(box_mm - width)
            else:
                p.paragraph_format.left_indent, p.paragraph_format.right_indent = Mm(side), Mm(side)
            edges = (
                ["left", "right"]
                + (["top"] if i == 0 else [])
                + (["bottom"] if i == len(stamp.lines) - 1 else [])
            )
            borders = "".join(
                f'<w:{e} w:val="{"double" if stamp.double else "single"}" w:sz="12" w:space="2" w:color="{colour}"/>'
                for e in edges
            )
            p._p.get_or_add_pPr().append(parse_xml(f"<w:pBdr {nsdecls('w')}>{borders}</w:pBdr>"))
        return first

    def textbox(self, p, stamp: Stamp, left_mm: float, top_mm: float) -> None:
        colour = HEX[self.look.ink]
        text, font_name = (stamp.lines[0], WORD_FONTS[self.look.stamp_face])
        if self.encoding == "tcvn3":
            text, font_name = tcvn3(text)
        w = 14 + 5 * len(text)
        xml = (
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
            f'<w:pict><v:shape id="Stamp{self.ids}" o:spid="_x0000_s{1025 + self.ids}" type="#_x0000_t202" '
            f'style="position:absolute;margin-left:{left_mm * 2.835:.1f}pt;margin-top:{top_mm * 2.835:.1f}pt;'
            f'width:{w * 2.835:.1f}pt;height:{9 * 2.835:.1f}pt;z-index:251659264;mso-position-horizontal-relative:page;mso-position-vertical-relative:page" '
            f'strokecolor="#{colour}" strokeweight="1.5pt" filled="f"><v:textbox inset="1mm,0.5mm,1mm,0.5mm"><w:txbxContent>'
            f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="{font_name}" w:hAnsi="{font_name}"/><w:b/><w:color w:val="{colour}"/><w:sz w:val="28"/></w:rPr>'
            f"<w:t>{escape(text)}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
        self.ids += 1
        p._p.append(parse_xml(xml))

    def header_table(self, letter: Letter):
        t = self.doc.add_table(rows=2, cols=2)
        t.autofit = False
        for row in t.rows:
            row.cells[0].width, row.cells[1].width = Mm(70), Mm(95)
        org = letter.organ
        lc, rc = t.cell(0, 0), t.cell(0, 1)
        self.run(lc.paragraphs[0], org.parent, bold=org.party, pt=13)
        lc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        self.para(lc, org.name, align="c", bold=True, pt=13)
        self.para(lc, "*" if org.party else "———", align="c", pt=10)
        if org.party:
            self.run(rc.paragraphs[0], "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, pt=15).underline = True
            rc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            self.run(rc.paragraphs[0], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, pt=13)
            rc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(
                self.para(rc, align="c"), "Độc lập - Tự do - Hạnh phúc", bold=True, pt=14
            ).underline = True
        nc, dc = t.cell(1, 0), t.cell(1, 1)
        self.run(nc.paragraphs[0], letter.number_line, pt=13)
        nc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if not letter.topic.kind:
            self.para(nc, letter.topic.title, align="c", pt=12)
        self.run(dc.paragraphs[0], letter.date_line, italic=True, pt=14)
        dc.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        return nc

    def body(self, letter: Letter, rng: random.Random) -> None:
        if letter.topic.kind:
            self.para(self.doc, letter.topic.kind, align="c", bold=True)
            self.para(self.doc, letter.topic.title, align="c", bold=True)
        else:
            self.para(self.doc, "Kính gửi: " + "; ".join(letter.recipients[:2]) + ".", align="c")
        for text in letter.body:
            self.para(self.doc, text, indent=True)
        if letter.table:
            t = self.doc.add_table(rows=len(letter.table), cols=len(letter.table[0]))
            t.style = "Table Grid"
            for i, row in enumerate(letter.table):
                for j, cell in enumerate(row):
                    c = t.cell(i, j)
                    self.run(c.paragraphs[0], cell, bold=i == 0, pt=12)
        sig = self.doc.add_table(rows=1, cols=2)
        left, right = sig.cell(0, 0), sig.cell(0, 1)
        self.run(left.paragraphs[0], "Nơi nhận:", bold=True, italic=True, pt=12)
        for r in letter.recipients:
            self.para(left, f"- {r};", align="l", pt=11)
        self.para(left, f"- Lưu: VT{letter.copies}.", align="l", pt=11)
        a, b, name = letter.signer
        self.run(right.paragraphs[0], a, bold=True, pt=14)
        right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        if b:
            self.para(right, b, align="c", bold=True)
        self.para(right, rng.choice(("(Đã ký)", "", "")), align="c", italic=True)
        self.para(right, "")
        self.para(right, name, align="c", bold=True)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def letter_docx(
    letter: Letter,
    look: Look,
    rng: random.Random,
    *,
    stamps: list[Stamp],
    mode: str = "cell",
    encoding: str = "unicode",
    annex: tuple[str, Stamp] | None = None,
) -> bytes:
    """The first stamp goes where `mode` says (cell, box_table, top, header, first_header,
    picture, textbox, tracked); the other stamps go in the number's cell, or at the top."""
    w = WordWriter(look, encoding)
    sec = w.doc.sections[0]
    main, others = (stamps[0], stamps[1:]) if stamps else (None, [])
    if main and mode == "top":
        w.boxed(
            w.doc, main, box_mm=165, align={"top_right": "r", "top_left": "l"}.get(main.where, "c")
        )
    if main and mode in ("header", "first_header"):
        if mode == "first_header":
            sec.different_first_page_header_footer = True
            hdr = sec.first_page_header
        else:
            hdr = sec.header
        w.boxed(hdr, main, box_mm=60, align="l")
        hdr.paragraphs[0].text = ""
    cell = w.header_table(letter)
    if main and mode == "cell":
        w.boxed(cell, main, box_mm=65)
    if main and mode == "tracked":
        w.boxed(cell, main, box_mm=65, tracked=True)
    if main and mode == "box_table":
        inner = cell.add_table(rows=1, cols=1)
        inner.alignment = 1
        c = inner.cell(0, 0)
        c.width = Mm(12 + 5 * len(main.lines[0]))
        w.run(c.paragraphs[0], main.lines[0], bold=True, pt=14, colour=HEX[look.ink])
        c.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
        borders = "".join(
            f'<w:{e} w:val="single" w:sz="12" w:color="{HEX[look.ink]}"/>'
            for e in ("top", "left", "bottom", "right")
        )
        c._tc.get_or_add_tcPr().append(
            parse_xml(f"<w:tcBorders {nsdecls('w')}>{borders}</w:tcBorders>")
        )
        cell.add_paragraph()
    if main and mode == "picture":
        p = w.para(cell, align="c")
        p.add_run().add_picture(
            io.BytesIO(stamp_png(main, look, rng)), width=Mm(9 + 4.5 * len(main.lines[0]))
        )
    for st in others:
        if st.where == "under_number":
            w.boxed(cell, st, box_mm=65)
        else:
            w.boxed(w.doc, st, box_mm=165, align="r")
    w.body(letter, rng)
    if main and mode == "textbox":
        w.textbox(w.doc.paragraphs[0], main, 45, 47)
    if annex:
        title, st = annex
        w.doc.add_page_break()
        w.boxed(w.doc, st, box_mm=165, align="r")
        w.para(w.doc, "PHỤ LỤC", align="c", bold=True)
        w.para(w.doc, title, align="c", bold=True)
        w.para(w.doc, f"(Kèm theo văn bản {letter.number_line})", align="c", italic=True)
        for i in range(1, rng.randint(4, 8)):
            w.para(
                w.doc,
                f"{i}. "
                + rng.choice(
                    (
                        "Điểm chốt cầu Bến Đá: 06 cán bộ, 02 xe",
                        "Tổ trinh sát số 3: theo dõi đối tượng T.V.H",
                        "Kho K12: bảo vệ 24/24 giờ",
                        "Mốc 215: tổ tuần tra ban đêm",
                    )
                ),
                align="l",
            )
    return w.save()


# ---------------------------------------------------------------------------------------------
# PDFs with a text layer (fpdf2), with the producer names of the programs that write them


def new_pdf(producer: str, landscape: bool = False) -> FPDF:
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_producer(producer)
    pdf.set_creator(producer.split(";")[0])
    for face, styles in FACES.items():
        for style, path in styles.items():
            pdf.add_font("u" + face, {"r": "", "b": "B", "i": "I", "bi": "BI"}[style], str(path))
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, 20)
    return pdf


def pdf_stamp(
    pdf: FPDF,
    stamp: Stamp,
    look: Look,
    x: float,
    y: float,
    rng: random.Random,
    *,
    picture: bool = False,
) -> float:
    """Draw a stamp centred on x, top at y (vector text in a red frame, or a picture of one)."""
    if picture:
        data = stamp_png(stamp, look, rng, dpi=220)
        img = Image.open(io.BytesIO(data))
        w, h = img.width * 25.4 / 220, img.height * 25.4 / 220
        pdf.image(io.BytesIO(data), x - w / 2, y, w, h)
        return h
    r, g, b = INKS[look.ink if stamp.ink == "red" else stamp.ink]
    pdf.set_text_color(r, g, b)
    pdf.set_draw_color(r, g, b)
    pdf.set_line_width(0.6)
    heights = []
    widths = []
    for i, line in enumerate(stamp.lines):
        small = i > 0 and stamp.small_lines
        pdf.set_font("u" + look.stamp_face, "" if small else "B", 10 if small else 14 * stamp.scale)
        widths.append(pdf.get_string_width(line))
        heights.append(5 if small else 7 * stamp.scale)
    w, h = max(widths) + 8, sum(heights) + 2
    pdf.rect(x - w / 2, y, w, h)
    cy = y + 1
    for i, (line, lh) in enumerate(zip(stamp.lines, heights, strict=True)):
        small = i > 0 and stamp.small_lines
        pdf.set_font("u" + look.stamp_face, "" if small else "B", 10 if small else 14 * stamp.scale)
        pdf.set_xy(x - w / 2, cy)
        pdf.cell(w, lh, line, align="C")
        cy += lh
    if stamp.crossed:
        pdf.line(x - w / 2, y, x + w / 2, y + h)
        pdf.line(x - w / 2, y + h / 2, x + w / 2, y + h / 2)
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    return h


def letter_pdf(
    letter: Letter,
    look: Look,
    rng: random.Random,
    *,
    stamps: list[Stamp],
    producer: str,
    picture: bool = False,
    annex: tuple[str, list[Stamp]] | None = None,
    columns: int = 1,
) -> bytes:
    pdf = new_pdf(producer)
    pdf.add_page()
    face = "u" + look.face
    org = letter.organ
    lc, rc = 62.0, 142.0

    def centred(x: float, y: float, text: str, style: str, size: float) -> None:
        pdf.set_font(face, style, size)
        w = pdf.get_string_width(text)
        pdf.set_xy(x - w / 2 - 1, y)
        pdf.cell(w + 2, 6, text, align="C")

    centred(lc, 16, org.parent, "B" if org.party else "", 12)
    centred(lc, 21.5, org.name, "B", 12)
    if org.party:
        centred(rc, 16, "ĐẢNG CỘNG SẢN VIỆT NAM", "BU", 14)
    else:
        centred(rc, 16, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "B", 12)
        centred(rc, 21.5, "Độc lập - Tự do - Hạnh phúc", "BU", 13)
        pdf.line(lc - 12, 28, lc + 12, 28)
    centred(lc, 30, letter.number_line, "", 13)
    centred(rc + 2, 30, letter.date_line, "I", 13)
    y = 37.0
    if not letter.topic.kind:
        pdf.set_font(face, "", 12)
        pdf.set_xy(lc - 35, y)
        pdf.multi_cell(70, 5.5, letter.topic.title, align="C")
        y = pdf.get_y() + 1
    for st in stamps:
        if st.where == "under_number":
            y += pdf_stamp(pdf, st, look, lc, y, rng, picture=picture) + 2
        else:
            pdf_stamp(
                pdf,
                st,
                look,
                {"top_right": 170, "top_left": 50}.get(st.where, 105),
                6,
                rng,
                picture=picture,
            )
    y += 5
    pdf.set_xy(30, y)
    if letter.topic.kind:
        pdf.set_font(face, "B", 14)
        pdf.cell(165, 7, letter.topic.kind, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(40)
        pdf.multi_cell(145, 7, letter.topic.title, align="C", new_x="LMARGIN", new_y="NEXT")
    else:
        pdf.set_font(face, "", 14)
        pdf.cell(
            165,
            7,
            "Kính gửi: " + "; ".join(letter.recipients[:2]),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(3)
    pdf.set_font(face, "", 13 if columns == 1 else 11)
    if columns == 2:
        with pdf.text_columns(ncols=2, gutter=8, text_align="J") as cols:
            for text in letter.body * 2:
                cols.write(text="\u00a0" * 4 + text + "\n")
    else:
        for text in letter.body:
            pdf.set_x(30)
            pdf.multi_cell(165, 6.5, "      " + text, align="J", new_x="LMARGIN", new_y="NEXT")
    if letter.table:
        pdf.ln(2)
        pdf.set_font(face, "", 11)
        with pdf.table(col_widths=(12, 80, 50, 20), text_align="CENTER") as table:
            for row in letter.table:
                r = table.row()
                for cell in row:
                    r.cell(cell)
    pdf.ln(4)
    y = pdf.get_y()
    if y > 235:
        pdf.add_page()
        y = 25
    pdf.set_font(face, "BI", 12)
    pdf.set_xy(30, y)
    pdf.cell(40, 5, "Nơi nhận:")
    pdf.set_font(face, "", 11)
    for i, r in enumerate([*letter.recipients, f"Lưu: VT{letter.copies}."]):
        pdf.set_xy(30, y + 5 + 4.6 * i)
        pdf.cell(70, 4.6, f"- {r}")
    a, b, name = letter.signer
    centred(rc + 5, y, a, "B", 13)
    if b:
        centred(rc + 5, y + 5.5, b, "B", 13)
    centred(rc + 5, y + 30, name, "B", 13)
    if annex:
        title, marks = annex
        pdf.add_page()
        yy = 12.0
        for st in marks:
            yy += (
                pdf_stamp(
                    pdf,
                    st,
                    look,
                    {"top_right": 170, "top_center": 105}.get(st.where, 55),
                    yy,
                    rng,
                    picture=picture,
                )
                + 2
            )
        centred(105, yy + 4, "PHỤ LỤC", "B", 14)
        pdf.set_xy(35, yy + 11)
        pdf.set_font(face, "B", 13)
        pdf.multi_cell(140, 6.5, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(face, "", 11)
        with pdf.table(col_widths=(12, 90, 30, 34), text_align="CENTER") as table:
            for i, row in enumerate(
                [["TT", "Nội dung", "Số lượng", "Ghi chú"]]
                + [
                    [
                        str(k),
                        rng.choice(
                            ("Tổ công tác số 1", "Điểm chốt cầu Bến Đá", "Kho K12", "Mốc 217")
                        ),
                        str(rng.randint(2, 30)),
                        "",
                    ]
                    for k in range(1, 7)
                ]
            ):
                r = table.row()
                for cell in row:
                    r.cell(cell)
                del i
    return bytes(pdf.output())


def sheet_pdf(
    title: str,
    header: list[str],
    rows: list[list[str | int]],
    *,
    page_header: str | None,
    producer: str,
) -> bytes:
    """A worksheet printed to PDF in landscape: the print header's right part on every page."""
    pdf = new_pdf(producer, landscape=True)
    pdf.set_margins(12, 18, 12)
    pdf.set_auto_page_break(True, 15)
    for page in range(2):
        pdf.add_page()
        if page_header:
            pdf.set_font("utimes", "B", 12)
            pdf.set_text_color(208, 32, 42)
            pdf.set_xy(230, 7)
            pdf.cell(55, 6, page_header, align="R")
            pdf.set_text_color(0, 0, 0)
        pdf.set_xy(12, 18)
        pdf.set_font("utimes", "B", 13)
        pdf.cell(
            0, 8, title + (" (tiếp)" if page else ""), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_font("utimes", "", 10)
        with pdf.table(text_align="CENTER", line_height=6) as table:
            for row in [header, *rows]:
                r = table.row()
                for cell in row:
                    r.cell(str(cell))
        pdf.set_xy(130, 195)
        pdf.cell(40, 5, f"Trang {page + 1} / 2", align="C")
    return bytes(pdf.output())


def slides_pdf(
    slides: list[tuple[str, list[str]]],
    *,
    mark: str | None,
    producer: str,
    specimens: list[str] | None = None,
) -> bytes:
    """A deck saved as PDF from the presentation program: one 16:9 page per slide."""
    pdf = FPDF(unit="mm", format=(254.0, 142.9))
    pdf.set_producer(producer)
    for face in ("arial", "times"):
        for style, path in FACES[face].items():
            pdf.add_font("u" + face, {"r": "", "b": "B", "i": "I", "bi": "BI"}[style], str(path))
    pdf.set_auto_page_break(False)
    for i, (title, bullets) in enumerate(slides):
        pdf.add_page()
        pdf.set_fill_color(22, 60, 120)
        pdf.rect(0, 0, 254, 22, style="F")
        pdf.set_text_color(255, 255, 255)
        pdf.set_font("uarial", "B", 22)
        pdf.set_xy(10, 5)
        pdf.cell(180, 12, title)
        if mark and i == 0:
            pdf.set_fill_color(255, 255, 255)
            pdf.set_draw_color(208, 32, 42)
            pdf.set_line_width(0.8)
            pdf.rect(200, 4, 48, 13, style="DF")
            pdf.set_text_color(208, 32, 42)
            pdf.set_font("utimes", "B", 18)
            pdf.set_xy(200, 4)
            pdf.cell(48, 13, mark, align="C")
        pdf.set_text_color(30, 30, 30)
        pdf.set_font("uarial", "", 18)
        pdf.set_xy(14, 32)
        for b in bullets:
            pdf.set_x(14)
            pdf.multi_cell(130 if specimens else 225, 10, "• " + b, new_x="LMARGIN", new_y="NEXT")
        if specimens and i == 1:
            for k, word in enumerate(specimens):
                data = stamp_png(
                    Stamp((word,)), Look(stamp_face="times", tilt=0, wear=0.05), random.Random(k)
                )
                pdf.image(io.BytesIO(data), 150, 40 + 25 * k, h=12)
                pdf.set_font("uarial", "I", 11)
                pdf.set_xy(150, 53 + 25 * k)
                pdf.cell(60, 5, f"MẪU - dấu độ {word.lower()}")
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# RTF written by hand (Unicode escapes as Word writes them, or the Windows-1258 code page)


def rtf_text(s: str, codepage: bool) -> str:
    if codepage:
        return "".join(
            chr(b) if 32 <= b < 128 and chr(b) not in "\\{}" else f"\\'{b:02x}" for b in cp1258(s)
        )
    return rtf_unicode(s)


def letter_rtf(
    letter: Letter,
    rng: random.Random,
    *,
    stamps: list[Stamp],
    codepage: bool = False,
    ink: str = "red",
) -> bytes:
    def t(s: str) -> str:
        return rtf_text(s, codepage)

    r, g, b = INKS[ink]
    head = (
        "{\\rtf1\\ansi\\ansicpg1258\\deff0"
        if codepage
        else "{\\rtf1\\ansi\\ansicpg1252\\uc1\\deff0"
    )
    parts = [
        head,
        "{\\fonttbl{\\f0\\froman\\fcharset163 Times New Roman;}{\\f1\\fswiss\\fcharset163 Arial;}}",
        f"{{\\colortbl;\\red0\\green0\\blue0;\\red{r}\\green{g}\\blue{b};}}",
        "\\paperw11906\\paperh16838\\margl1701\\margr1134\\margt1134\\margb1134\\f0\\fs26",
        "\\trowd\\trgaph108\\cellx4200\\cellx9400",
        f"\\pard\\intbl\\qc {t(letter.organ.parent)}\\line\\b {t(letter.organ.name)}\\b0\\line {t(letter.number_line)}\\cell",
        f"\\pard\\intbl\\qc\\b {t('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')}\\line {t('Độc lập - Tự do - Hạnh phúc')}\\b0\\line\\i {t(letter.date_line)}\\i0\\cell\\row",
    ]
    for st in stamps:
        indent = "\\li600\\ri5800" if st.where == "under_number" else "\\li6200\\ri300"
        for i, line in enumerate(st.lines):
            edges = "\\brdrl\\brdrs\\brdrw20\\brdrcf2\\brdrr\\brdrs\\brdrw20\\brdrcf2"
            if i == 0:
                edges += "\\brdrt\\brdrs\\brdrw20\\brdrcf2"
            if i == len(st.lines) - 1:
                edges += "\\brdrb\\brdrs\\brdrw20\\brdrcf2"
            size = "\\fs28\\b" if i == 0 else "\\fs20"
            parts.append(f"\\pard\\qc{indent}{edges}\\cf2{size} {t(line)}\\b0\\cf1\\fs26\\par")
    parts.append(
        f"\\pard\\qc\\sb240\\b {t(letter.topic.kind or '')}\\line {t(letter.topic.title)}\\b0\\par"
    )
    for text in letter.body:
        parts.append(f"\\pard\\qj\\fi567\\sa120 {t(text)}\\par")
    a, b2, name = letter.signer
    parts.append(f"\\pard\\sb240\\b\\i {t('Nơi nhận:')}\\b0\\i0\\par")
    for rec in letter.recipients:
        parts.append(f"\\pard\\fs22 - {t(rec)};\\fs26\\par")
    parts.append(f"\\pard\\qr\\b {t(a)}\\line {t(b2)}\\line\\line\\line {t(name)}\\b0\\par}}")
    del rng
    return "\n".join(parts).encode("ascii")


# ---------------------------------------------------------------------------------------------
# spreadsheets, slides, web pages, e-mails, archives

THIN = Side(style="thin", color="000000")


def workbook(
    title: str,
    header: list[str],
    rows: list[list[str | int]],
    *,
    merged_mark: str | None = None,
    print_header: str | None = None,
    second: tuple[str, str] | None = None,
    organ: Organ | None = None,
    landscape: bool = False,
) -> bytes:
    """A table as offices keep it in Excel: organ and title rows, a grid, maybe a level mark in
    a merged cell, in the print header, or on a second sheet (`second` = (sheet name, mark))."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Tong hop"
    r = 1
    if merged_mark:
        ws.merge_cells(start_row=1, start_column=len(header) - 1, end_row=1, end_column=len(header))
        c = ws.cell(1, len(header) - 1, merged_mark)
        c.font = Font(name="Times New Roman", bold=True, size=14, color="FFD0202A")
        c.alignment = Alignment(horizontal="center")
        c.border = Border(THIN, THIN, THIN, THIN)
        r = 2
    if organ:
        ws.cell(r, 1, organ.parent).font = Font(name="Times New Roman", size=12)
        ws.cell(r + 1, 1, organ.name).font = Font(name="Times New Roman", bold=True, size=12)
        r += 2
    ws.merge_cells(start_row=r + 1, start_column=1, end_row=r + 1, end_column=len(header))
    ws.cell(r + 1, 1, title).font = Font(name="Times New Roman", bold=True, size=13)
    ws.cell(r + 1, 1).alignment = Alignment(horizontal="center", wrap_text=True)
    r += 3
    for j, h in enumerate(header, 1):
        c = ws.cell(r, j, h)
        c.font = Font(name="Times New Roman", bold=True, size=11)
        c.border = Border(THIN, THIN, THIN, THIN)
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for i, row in enumerate(rows, 1):
        for j, v in enumerate(row, 1):
            c = ws.cell(r + i, j, v)
            c.border = Border(THIN, THIN, THIN, THIN)
            c.font = Font(name="Times New Roman", size=11)
    for j in range(1, len(header) + 1):
        ws.column_dimensions[chr(64 + j)].width = 30 if j == 2 else 14
    if print_header:
        ws.oddHeader.right.text = print_header
        ws.oddHeader.right.font = "Times New Roman,Bold"
        ws.oddHeader.right.color = "D0202A"
        ws.oddFooter.center.text = "Trang &P / &N"
    if landscape:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if second:
        name, mark = second
        ws2 = wb.create_sheet(name)
        ws2["E1"] = mark
        ws2["E1"].font = Font(name="Times New Roman", bold=True, size=14, color="FFC00000")
        ws2["A3"] = "PHỤ LỤC CHI TIẾT"
        ws2["A3"].font = Font(bold=True)
        for i, row in enumerate(rows, 5):
            for j, v in enumerate(row, 1):
                ws2.cell(i, j, v)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def deck(
    slides: list[tuple[str, list[str]]],
    *,
    mark: str | None = None,
    mark_on_layout: bool = False,
    specimens: list[str] | None = None,
) -> bytes:
    """A slide deck; `mark` is the level in a red frame at the top right of the first slide (or
    on the layout, so every slide shows it); `specimens` are stamp pictures labelled MẪU."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SlideMm(254), SlideMm(142.9)
    layout = prs.slide_layouts[1]

    def framed(shapes, text: str, x: float, y: float, w: float, h: float, size: int):
        box = shapes.add_textbox(SlideMm(x), SlideMm(y), SlideMm(w), SlideMm(h))
        box.line.color.rgb = SlideRGB(0xD0, 0x20, 0x2A)
        box.line.width = SlidePt(2)
        p = box.text_frame.paragraphs[0]
        p.text = text
        p.font.bold, p.font.size = True, SlidePt(size)
        p.font.color.rgb = SlideRGB(0xD0, 0x20, 0x2A)
        p.alignment = 2
        return box

    for i, (title, bullets) in enumerate(slides):
        s = prs.slides.add_slide(layout)
        if mark and mark_on_layout and i == 0:  # moved onto the layout: every slide shows it
            layout.shapes._spTree.append(framed(s.shapes, mark, 200, 4, 48, 11, 20)._element)
        s.shapes.title.text = title
        body = s.placeholders[1].text_frame
        body.text = bullets[0]
        for b in bullets[1:]:
            body.add_paragraph().text = b
        if mark and not mark_on_layout and i == 0:
            framed(s.shapes, mark, 200, 4, 48, 11, 20)
        if specimens and i == 1:
            for k, word in enumerate(specimens):
                data = stamp_png(
                    Stamp((word,)), Look(stamp_face="times", tilt=0, wear=0.05), random.Random(k)
                )
                s.shapes.add_picture(
                    io.BytesIO(data), SlideMm(150), SlideMm(45 + 25 * k), height=SlideMm(12)
                )
                cap = s.shapes.add_textbox(
                    SlideMm(215), SlideMm(47 + 25 * k), SlideMm(35), SlideMm(10)
                )
                cap.text_frame.text = f"(Mẫu dấu độ {word.lower()})"
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def web_page(
    title: str,
    paragraphs: list[str],
    *,
    site: str,
    top: str = "",
    pictures: list[str] | None = None,
) -> str:
    """A province portal or intranet page: menu, breadcrumb, article, footer."""
    pics = "".join(
        f'<figure><img src="{src}" alt="" style="max-width:640px"/><figcaption>Ảnh minh họa</figcaption></figure>'
        for src in pictures or []
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"/>'
        f"<title>{escape(title)} - {escape(site)}</title>"
        "<style>body{font-family:Arial,sans-serif;color:#222}.menu a{margin-right:14px}"
        ".stamp{display:inline-block;border:2px solid #d0202a;color:#d0202a;font-weight:bold;padding:2px 14px}</style></head>"
        f'<body><div class="menu"><a href="/">Trang chủ</a><a href="/gioi-thieu">Giới thiệu</a><a href="/tin-tuc">Tin tức - Sự kiện</a><a href="/van-ban">Văn bản</a></div>'
        f'<div class="crumb">Trang chủ › Tin tức</div><article>{top}<h1>{escape(title)}</h1>'
        f"{body}{pics}</article><footer>© {escape(site)}. Địa chỉ: số 8 đường Trần Phú, thành phố Nam Sơn.</footer></body></html>"
    )


def mhtml(html: str, url: str, pictures: dict[str, bytes]) -> bytes:
    """A page saved by a browser as a single file (MIME multipart/related)."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "<Saved by Blink>"
    msg["Snapshot-Content-Location"] = url
    msg["Subject"] = "=?utf-8?Q?Trang_luu?="
    msg["MIME-Version"] = "1.0"
    msg.set_content(html, subtype="html", cte="quoted-printable")
    msg.make_related()
    msg.get_payload()[0]["Content-Location"] = url
    for loc, data in pictures.items():
        msg.add_related(
            data, maintype="image", subtype="jpeg", headers=[f"Content-Location: {loc}"]
        )
    return msg.as_bytes()


def email(
    subject: str,
    text: str,
    *,
    sender: str = "vanthu@namson.gov.vn",
    to: str = "phongtonghop@namson.gov.vn",
    attachments: list[tuple[str, bytes]] | None = None,
    inline: list[bytes] | None = None,
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg["Date"] = "Fri, 14 Mar 2025 09:12:44 +0700"
    msg["Message-ID"] = f"<{abs(hash(subject)) % 10**9}.{len(text)}@mail.namson.gov.vn>"
    msg.set_content(text)
    if inline:
        cids = [f"scan{i:03d}@namson" for i in range(len(inline))]
        html = (
            "<html><body><p>"
            + escape(text).replace("\n", "<br/>")
            + "</p>"
            + "".join(f'<p><img src="cid:{c}" width="600"/></p>' for c in cids)
            + "</body></html>"
        )
        msg.add_alternative(html, subtype="html")
        html_part = msg.get_payload()[1]
        for c, data in zip(cids, inline, strict=True):
            html_part.add_related(data, maintype="image", subtype="jpeg", cid=f"<{c}>")
    for name, data in attachments or []:
        kind = {
            "pdf": ("application", "pdf"),
            "jpg": ("image", "jpeg"),
            "zip": ("application", "zip"),
        }.get(name.rsplit(".", 1)[-1], ("application", "octet-stream"))
        msg.add_attachment(data, maintype=kind[0], subtype=kind[1], filename=name)
    return msg.as_bytes()


# ---------------------------------------------------------------------------------------------
# things that are not letters: envelopes, dossier covers, notices, labels


def envelope_picture(
    rng: random.Random,
    look: Look,
    dpi: int,
    level: str | None,
    *,
    named: bool = False,
    inner: bool = False,
) -> Image.Image:
    """Circular 24: the outer envelope shows the circled letter, the inner one the level stamp;
    with `level` None it is an ordinary official envelope (with "HỎA TỐC" perhaps)."""
    org = rng.choice(ORGANS)
    s = Sheet(
        dpi, look, (220.0, 110.0), rng.choice(((244, 236, 214), (232, 214, 176), (250, 250, 247)))
    )
    s.text(10, 8, org.parent, "r", 11)
    s.text(10, 13, org.name, "b", 11)
    s.text(10, 19, f"Số: {rng.randint(10, 800)}/{org.code}", "r", 11)
    s.text(115, 52, "Kính gửi:", "i", 13)
    s.text(
        125,
        60,
        rng.choice(
            ("Văn phòng Tỉnh ủy Nam Sơn", "Sở Nội vụ tỉnh Vĩnh Hòa", "Công an tỉnh Nam Sơn")
        ),
        "b",
        13,
    )
    s.text(125, 67, "Số 12 đường Lê Lợi, thành phố Nam Sơn", "r", 11)
    if level and not inner:
        s.put(Stamp((LEVEL_LETTER[level],), circle=True), 40, 28, rng)
    elif level:
        s.put(level_stamp(level), 40, 28, rng)
    else:
        s.put(Stamp(("HỎA TỐC",)), 40, 28, rng)
    if named:
        s.put(Stamp(("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",), scale=0.7), 155, 85, rng)
    return s.img


def dossier_cover(rng: random.Random, look: Look, dpi: int, level: str) -> Image.Image:
    s = Sheet(dpi, look, paper=(238, 228, 200))
    org = rng.choice(ORGANS)
    s.text(105, 25, org.parent, "r", 14, "c")
    s.text(105, 32, org.name, "b", 14, "c")
    s.put(level_stamp(level, scale=1.5), 105, 55, rng)
    s.text(105, 100, "HỒ SƠ", "b", 40, "c")
    s.paragraph(
        30,
        125,
        150,
        rng.choice(
            (
                "Phương án phòng thủ dân sự khu vực cảng Hòn Mây",
                "Xác minh nhân sự diện quy hoạch nhiệm kỳ 2025 - 2030",
                "Chuyên án NS-25",
            )
        ),
        "b",
        20,
        0,
        "c",
    )
    s.text(40, 200, f"Số hồ sơ: {rng.randint(1, 90):02d}/HS", "r", 14)
    s.text(40, 210, f"Thời hạn bảo quản: {rng.choice(('Vĩnh viễn', '20 năm', '30 năm'))}", "r", 14)
    s.text(40, 220, f"Từ ngày 03/01/{rng.choice((2019, 2021))} đến ngày 28/12/2024", "r", 14)
    return s.img


def notice(
    rng: random.Random,
    look: Look,
    dpi: int,
    lines: list[tuple[str, str, float]],
    *,
    size: tuple[float, float] = (210.0, 297.0),
    paper: Colour = (255, 255, 255),
    red_first: bool = False,
) -> Image.Image:
    """A free page: centred lines (text, style, points), the first one red when asked."""
    s = Sheet(dpi, look, size, paper)
    y = size[1] * 0.08
    for i, (text, style, pt) in enumerate(lines):
        if len(text) * pt * 0.18 > size[0] - 30:
            y = s.paragraph(15, y, size[0] - 30, text, style, pt, 8, "j") + 1
            continue
        s.text(
            size[0] / 2,
            y,
            text,
            style,
            pt,
            "c",
            INKS["dark_red"] if red_first and i == 0 else INK_TEXT,
        )
        y += pt * 0.3528 * 1.6
    del rng
    return s.img


# ---------------------------------------------------------------------------------------------
# the corpus


def plain_name(s: str) -> str:
    s = s.replace("đ", "d").replace("Đ", "D")
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    return "".join(c if c.isalnum() else "_" for c in s).strip("_")


@dataclass
class Pending:
    stem: str
    source_ext: str
    data: bytes
    level: str | None
    category: str
    family: str
    target: str  # "doc" or "pdf"
    declassified: bool = False


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.pending: list[Pending] = []
        self.count = 0
        self.levels = [LEVELS[i % 3] for i in range(300)]
        self.rng.shuffle(self.levels)

    def level(self) -> str:
        return self.levels.pop()

    def stem(self, hint: str) -> str:
        self.count += 1
        return f"{self.count:03d}_{plain_name(hint)[:40]}"

    def add(
        self,
        hint: str,
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        family: str,
        fmt: str | None = None,
        *,
        declassified: bool = False,
    ) -> None:
        self.items.append(
            labelled(
                f"{self.stem(hint)}.{ext}",
                data,
                level,
                category,
                fmt or ext,
                family,
                declassified=declassified,
            )
        )

    def add_email(self, hint: str, level: str, subject: str, text: str, **how: Any) -> None:
        """A secret sent by e-mail (`how`: sender, attachments, pictures inline, as `email` takes
        them)."""
        self.add(hint, "eml", email(subject, text, **how), level, "positive", "email")

    def later(
        self,
        hint: str,
        source_ext: str,
        data: bytes,
        level: str | None,
        category: str,
        family: str,
        target: str,
        *,
        declassified: bool = False,
    ) -> None:
        self.pending.append(
            Pending(
                self.stem(hint), source_ext, data, level, category, family, target, declassified
            )
        )

    def look(self, **over: object) -> Look:
        return random_look(self.rng, **over)

    def letter(self, *, secret: bool = True, organ: Organ | None = None) -> Letter:
        topics = SECRET_TOPICS if secret else PUBLIC_TOPICS
        return make_letter(self.rng, self.rng.choice(topics), organ=organ, secret=secret)

    def convert(self) -> None:
        """Word 97 files and PDFs exported by LibreOffice, each kind in one batched run."""
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            raise RuntimeError("held-out corpus 4 needs LibreOffice for its .doc and exported PDFs")
        with tempfile.TemporaryDirectory(prefix="heldout4-") as tmp:
            root = Path(tmp)
            for target, filt in (("doc", "doc:MS Word 97"), ("pdf", "pdf")):
                jobs = [p for p in self.pending if p.target == target]
                src = root / f"src-{target}"
                src.mkdir()
                for p in jobs:
                    (src / f"{p.stem}.{p.source_ext}").write_bytes(p.data)
                cmd = [
                    soffice,
                    f"-env:UserInstallation=file://{root / 'profile'}",
                    "--headless",
                    "--convert-to",
                    filt,
                    "--outdir",
                    str(root / target),
                ]
                subprocess.run(
                    [*cmd, *sorted(str(f) for f in src.iterdir())],
                    check=True,
                    capture_output=True,
                    timeout=240,
                )
                for p in jobs:
                    self.items.append(
                        labelled(
                            f"{p.stem}.{target}",
                            (root / target / f"{p.stem}.{target}").read_bytes(),
                            p.level,
                            p.category,
                            target,
                            p.family,
                            declassified=p.declassified,
                        )
                    )


PRODUCERS = (
    "Microsoft: Print To PDF",
    "Microsoft® Word for Microsoft 365",
    "Foxit PhantomPDF Printer Version 9.7.1",
    "WPS Writer",
    "PDF24 Creator",
)
SCANNERS = (
    "Canon iR-ADV 4545 PDF",
    "RICOH IM C3000",
    "Fuji Xerox DocuCentre-V 3065",
    "Brother MFC-L2701DW",
    "Canon CaptureOnTouch",
    "HP Scan",
)


def scan_file(
    c: Corpus,
    pages: list[Image.Image],
    *,
    dpi: int,
    mode: str | None = None,
    out_dpi: int | None = None,
    turn: int = 0,
) -> bytes:
    rng = c.rng
    mode = mode or rng.choice(("colour", "grey", "grey", "bw"))
    out = out_dpi or rng.choice((150, 200, 200, 300)) if mode != "fax" else 200
    done = []
    for img in pages:
        page = scanned(img, rng, mode=mode, skew=rng.uniform(-2.5, 2.5), out_dpi=out, dpi=dpi)
        if turn:
            page = page.rotate(turn, expand=True)
        if mode == "fax":
            page = fax_header(
                page,
                f"14-MAR-2025 09:{rng.randint(10, 59)}  TỪ: VAN PHONG UBND XA TAN LAP  0233 3851 {rng.randint(100, 999)}   TR.{len(done) + 1}/{len(pages)}",
            )
        done.append(page)
    return pdf_of_images(done, dpi=out, producer=rng.choice(SCANNERS), quality=rng.randint(45, 85))


def photo_file(c: Corpus, img: Image.Image, *, screen: bool = False) -> bytes:
    photo = photographed(img, c.rng, screen=screen, width=c.rng.choice((1300, 1500, 1700)))
    return jpeg(photo, c.rng.randint(62, 88))


def decl_stamp(rng: random.Random) -> Stamp:
    return Stamp(
        (
            "GIẢI MẬT",
            f"Theo Quyết định số {rng.randint(5, 90)}/QĐ-UBND",
            f"ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025",
        ),
        small_lines=True,
    )


def change_stamps(rng: random.Random, old: str, new: str) -> list[Stamp]:
    """The old level struck through, the note of the change, the new level stamped."""
    return [
        level_stamp(old, crossed=True),
        Stamp(
            (
                "ĐIỀU CHỈNH ĐỘ MẬT",
                f"Theo văn bản số {rng.randint(10, 300)}/UBND-NC",
                f"ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025",
            ),
            small_lines=True,
        ),
        level_stamp(new),
    ]


def _add_word(c: Corpus) -> None:
    rng = c.rng
    for mode in (
        "cell",
        "cell",
        "top",
        "top",
        "header",
        "first_header",
        "picture",
        "textbox",
        "tracked",
        "box_table",
    ):
        lv = c.level()
        letter = c.letter()
        where = rng.choice(("top_right", "top_center")) if mode == "top" else "under_number"
        stamps = [level_stamp(lv, where)]
        if rng.random() < 0.3:
            stamps.append(Stamp(("TÀI LIỆU THU HỒI",)))
        c.add(
            f"{letter.topic.code or 'CV'} {letter.number} {letter.organ.code}",
            "docx",
            letter_docx(letter, c.look(), rng, stamps=stamps, mode=mode),
            lv,
            "positive",
            "docx_stamp",
        )
    for _ in range(2):  # a public covering letter; the annex behind it is secret
        lv = c.level()
        letter = c.letter()
        c.add(
            f"CV gui kem phu luc {letter.number}",
            "docx",
            letter_docx(
                letter,
                c.look(),
                rng,
                stamps=[],
                annex=("Danh sách lực lượng, phương tiện tham gia", level_stamp(lv)),
            ),
            lv,
            "positive",
            "annex_later_page",
        )
    for encoding, mode in (
        ("unicode", "cell"),
        ("unicode", "header"),
        ("tcvn3", "cell"),
        ("tcvn3", "cell"),
        ("tcvn3", "top"),
        ("vni", "cell"),
        ("vni", "cell"),
        ("vni", "box_table"),
        ("unicode", "textbox"),
    ):
        lv = c.level()
        letter = c.letter()
        data = letter_docx(
            letter,
            c.look(face="times"),
            rng,
            stamps=[level_stamp(lv, "top_right" if mode == "top" else "under_number")],
            mode=mode,
            encoding=encoding,
        )
        c.later(
            f"{letter.topic.code or 'CV'}{letter.number}",
            "docx",
            data,
            lv,
            "positive",
            "legacy_doc",
            "doc",
        )
    for codepage in (False, False, True, True):
        lv = c.level()
        letter = c.letter()
        c.add(
            f"VB {letter.number}",
            "rtf",
            letter_rtf(
                letter,
                rng,
                stamps=[level_stamp(lv, rng.choice(("under_number", "top_right")))],
                codepage=codepage,
                ink=rng.choice(("red", "dark_red")),
            ),
            lv,
            "positive",
            "rtf",
        )
    for mode in ("cell", "first_header"):  # exported to PDF by LibreOffice Writer
        lv = c.level()
        letter = c.letter()
        c.later(
            f"{letter.topic.code or 'CV'}_{letter.number}_ban_in",
            "docx",
            letter_docx(letter, c.look(), rng, stamps=[level_stamp(lv)], mode=mode),
            lv,
            "positive",
            "exported_pdf",
            "pdf",
        )


def _add_text_pdfs(c: Corpus) -> None:
    rng = c.rng
    for i in range(9):
        lv = c.level()
        letter = c.letter()
        picture = i in (2, 3, 4)
        where = (
            "under_number",
            "top_right",
            "under_number",
            "top_center",
            "under_number",
            "top_left",
            "under_number",
            "under_number",
            "top_right",
        )[i]
        stamps = [level_stamp(lv, where)]
        if i == 5:
            stamps.append(Stamp(("CHỈ NGƯỜI CÓ TÊN", "MỚI ĐƯỢC BÓC BÌ")))
        if i == 8:
            stamps.append(Stamp(("TÀI LIỆU THU HỒI",), "under_number"))
        annex = None
        if i in (6, 7):  # covering letter public, annex secret
            stamps, annex = (
                [],
                ("Danh sách mục tiêu và lực lượng bảo vệ", [level_stamp(lv, "top_right")]),
            )
        data = letter_pdf(
            letter,
            c.look(),
            rng,
            stamps=stamps,
            producer=rng.choice(PRODUCERS),
            picture=picture,
            annex=annex,
            columns=2 if i == 1 else 1,
        )
        family = "annex_later_page" if annex else "stamp_picture_pdf" if picture else "text_pdf"
        c.add(f"{letter.topic.code or 'CV'}-{letter.number}", "pdf", data, lv, "positive", family)


def _add_scans_and_photos(c: Corpus) -> None:
    rng = c.rng
    plans: list[tuple[str, dict[str, object]]] = [
        ("plain", {"mode": "grey"}),
        ("plain", {"mode": "colour", "out_dpi": 300}),
        ("plain", {"mode": "bw", "out_dpi": 150}),
        ("fax", {"mode": "fax"}),
        ("photocopy", {"mode": "grey"}),
        ("pink", {"mode": "colour"}),
        ("both", {"mode": "grey"}),
        ("upside_down", {"turn": 180}),
        ("quarter", {"turn": 90}),
        ("annex", {"mode": "grey"}),
        ("annex", {"mode": "bw"}),
        ("copy", {"mode": "grey"}),
        ("extract", {"mode": "colour"}),
        ("recall", {"mode": "grey"}),
    ]
    for kind, opts in plans:
        lv = c.level()
        letter = c.letter()
        dpi = 200
        look = (
            c.look(ink="copy_black")
            if kind == "photocopy"
            else c.look(ink="pink", wear=0.5)
            if kind == "pink"
            else c.look()
        )
        stamps = [
            level_stamp(lv, rng.choice(("under_number", "under_number", "top_center", "top_right")))
        ]
        annex = None
        family = "scan"
        if kind == "both":
            stamps = [level_stamp(lv, "under_number"), level_stamp(lv, "top_right")]
        elif kind == "annex":
            stamps, annex, family = (
                [],
                ("Bảng tổng hợp lực lượng, vị trí triển khai", [level_stamp(lv, "top_right")]),
                "annex_later_page",
            )
        elif kind == "copy":
            stamps.append(
                Stamp(
                    (
                        "BẢN SAO SỐ: 02",
                        "Thời gian sao: 14 giờ ngày 05/3/2025",
                        "Người sao: Nguyễn Thị Hòa",
                        "Người cho phép sao: Trần Quốc Hưng",
                    ),
                    "beside_seal",
                    small_lines=True,
                )
            )
            stamps.append(Stamp(("SAO Y BẢN CHÍNH",), "top_left"))
            family = "copies_extracts"
        elif kind == "extract":
            letter.topic = Topic(
                "TRÍCH SAO", letter.topic.code, letter.topic.title, letter.topic.body
            )
            family = "copies_extracts"
        elif kind == "recall":
            stamps.append(Stamp(("TÀI LIỆU THU HỒI",), "top_right"))
        elif kind in ("fax", "upside_down", "quarter"):
            family = {"fax": "fax_bilevel"}.get(kind, "turned_scan")
        pages = layout_letter(letter, look, dpi, rng, stamps, annex=annex)
        c.add(
            f"Scan_{2025}{rng.randint(101, 1231):04d}_{rng.randint(1000, 9999)}",
            "pdf",
            scan_file(c, pages, dpi=dpi, **opts),
            lv,
            "positive",
            family,
            "scan",
        )  # type: ignore[arg-type]
    lv = c.level()
    c.add(
        f"Bia ho so {rng.randint(1, 99)}",
        "pdf",
        scan_file(c, [dossier_cover(rng, c.look(), 150, lv)], dpi=150, mode="colour"),
        lv,
        "positive",
        "cover_sheet",
        "scan",
    )
    # phone photos: pages on a desk, a monitor showing the page, envelopes, a dossier cover
    for screen in (False, False, False, False, True, True):
        lv = c.level()
        letter = c.letter()
        pages = layout_letter(
            letter,
            c.look(),
            150,
            rng,
            [level_stamp(lv, rng.choice(("under_number", "top_center")))],
        )
        c.add(
            f"IMG_2025{rng.randint(101, 1231):04d}_{rng.randint(100000, 235959)}",
            "jpg",
            photo_file(c, pages[0], screen=screen),
            lv,
            "positive",
            "screen_photo" if screen else "page_photo",
            "photo",
        )
    for inner, named in ((False, False), (False, True), (True, True), (False, False)):
        lv = c.level()
        img = envelope_picture(rng, c.look(), 150, lv, named=named, inner=inner)
        if rng.random() < 0.5:
            c.add(
                f"z{rng.randint(10**9, 10**10)}",
                "jpg",
                photo_file(c, img),
                lv,
                "positive",
                "envelope",
                "photo",
            )
        else:
            c.add(
                f"Scan phong bi {rng.randint(1, 99)}",
                "pdf",
                scan_file(c, [img], dpi=150, mode="colour"),
                lv,
                "positive",
                "envelope",
                "scan",
            )
    lv = c.level()
    c.add(
        f"IMG_{rng.randint(1000, 9999)}",
        "jpg",
        photo_file(c, dossier_cover(rng, c.look(), 120, lv)),
        lv,
        "positive",
        "cover_sheet",
        "photo",
    )


def _add_sheets_slides(c: Corpus) -> None:
    rng = c.rng
    header = ["TT", "Họ và tên", "Chức vụ", "Đơn vị", "Ghi chú"]
    people = [
        [
            i,
            rng.choice(
                (
                    "Nguyễn Văn An",
                    "Trần Thị Bình",
                    "Lê Minh Cường",
                    "Phạm Thu Dung",
                    "Hoàng Văn Em",
                    "Vũ Thị Giang",
                )
            ),
            rng.choice(("Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chánh Văn phòng")),
            rng.choice(("Sở Nội vụ", "Sở Tài chính", "UBND xã Tân Lập", "Ban Tổ chức")),
            "",
        ]
        for i in range(1, 12)
    ]
    for how in ("merged", "merged", "print", "print", "second", "second"):
        lv = c.level()
        data = workbook(
            "DANH SÁCH CÁN BỘ DỰ KIẾN ĐIỀU ĐỘNG, BỔ NHIỆM NĂM 2025",
            header,
            people,
            merged_mark=LEVEL_WORD[lv] if how == "merged" else None,
            print_header=LEVEL_WORD[lv] if how == "print" else None,
            second=("Phu luc", LEVEL_WORD[lv]) if how == "second" else None,
            organ=rng.choice(ORGANS),
        )
        c.add(f"DS can bo {rng.randint(1, 50)}", "xlsx", data, lv, "positive", "sheet")
    lv = c.level()  # a landscape sheet printed to PDF by LibreOffice Calc, the level in the header
    c.add(
        "Bang tong hop luc luong",
        "pdf",
        sheet_pdf(
            "BẢNG TỔNG HỢP LỰC LƯỢNG, PHƯƠNG TIỆN DIỄN TẬP",
            ["TT", "Đơn vị", "Quân số", "Phương tiện", "Vị trí tập kết", "Thời gian"],
            [
                [
                    i,
                    f"Đại đội {i}",
                    rng.randint(30, 120),
                    rng.randint(2, 12),
                    f"Khu vực {rng.choice('ABCD')}{i}",
                    "05 giờ",
                ]
                for i in range(1, 14)
            ],
            page_header=LEVEL_WORD[lv],
            producer="Microsoft® Excel® for Microsoft 365",
        ),
        lv,
        "positive",
        "exported_pdf",
    )
    slides = [
        (
            "Tình hình an ninh nội bộ 6 tháng đầu năm",
            [
                "Phát hiện 03 vụ việc lộ lọt thông tin nội bộ",
                "02 cán bộ có biểu hiện vi phạm, đang xác minh",
            ],
        ),
        (
            "Phương hướng thời gian tới",
            [
                "Tăng cường nắm tình hình tại các cơ quan trọng yếu",
                "Rà soát nhân sự làm việc ở bộ phận cơ yếu",
            ],
        ),
        ("Kiến nghị", ["Bổ sung biên chế cho lực lượng an ninh nội bộ"]),
    ]
    for on_layout in (False, False, True):
        lv = c.level()
        c.add(
            f"Bao cao giao ban {rng.randint(1, 12)}",
            "pptx",
            deck(slides, mark=LEVEL_WORD[lv], mark_on_layout=on_layout),
            lv,
            "positive",
            "slides",
        )
    lv = c.level()
    c.add(
        "Slide bao cao Thuong truc",
        "pdf",
        slides_pdf(
            slides, mark=LEVEL_WORD[lv], producer="Microsoft® PowerPoint® for Microsoft 365"
        ),
        lv,
        "positive",
        "exported_pdf",
    )


def _split_spans(word: str) -> str:
    return "".join(f'<span class="c{i}">{escape(ch)}</span>' for i, ch in enumerate(word))


def _entities(word: str) -> str:
    return "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in word)


def _add_web_mail_zip(c: Corpus) -> None:
    rng = c.rng
    for how in ("div", "spans", "entities", "picture", "spaced"):
        lv = c.level()
        letter = c.letter()
        word = LEVEL_WORD[lv]
        top = {
            "div": f'<div class="stamp">{escape(word)}</div>',
            "spans": f'<p style="color:#c00;border:1px solid #c00;display:inline-block;padding:2px 10px"><b>{_split_spans(word)}</b></p>',
            "entities": f'<table><tr><td style="border:2px solid red;color:red;font-weight:bold">{_entities(word)}</td></tr></table>',
            "spaced": f'<p style="letter-spacing:6px;color:#d0202a;font-weight:bold">{" ".join(word)}</p>',
            "picture": "",
        }[how]
        pictures = None
        if how == "picture":
            page = layout_letter(letter, c.look(), 110, rng, [level_stamp(lv)])[0]
            pictures = ["data:image/jpeg;base64," + base64.b64encode(jpeg(page, 70)).decode()]
        title = (
            letter.topic.title
            if how != "picture"
            else "Văn bản scan đăng nhầm lên chuyên mục thông báo"
        )
        html = web_page(
            title,
            [letter.number_line, *letter.body]
            if how != "picture"
            else ["Bản scan văn bản kèm theo."],
            site="Cổng thông tin điện tử tỉnh Nam Sơn",
            top=top,
            pictures=pictures,
        )
        c.add(f"tin-{rng.randint(10000, 99999)}", "html", html.encode(), lv, "positive", "web")
    for with_picture in (False, True):
        lv = c.level()
        letter = c.letter()
        pics: dict[str, bytes] = {}
        src: list[str] = []
        top = f'<div class="stamp">{escape(LEVEL_WORD[lv])}</div>'
        if with_picture:
            top = ""
            pics["https://vpdt.namson.gov.vn/files/scan01.jpg"] = jpeg(
                layout_letter(letter, c.look(), 110, rng, [level_stamp(lv)])[0], 72
            )
            src = list(pics)
        html = web_page(
            letter.topic.title,
            [letter.number_line, *letter.body],
            site="Văn phòng điện tử",
            top=top,
            pictures=src,
        )
        c.add(
            f"Van ban {letter.number}",
            "mht",
            mhtml(html, "https://vpdt.namson.gov.vn/vb/xem", pics),
            lv,
            "positive",
            "web_saved",
        )
    for utf16 in (False, False, True):
        lv = c.level()
        letter = c.letter()
        lines = [
            letter.organ.parent,
            letter.organ.name,
            letter.number_line,
            LEVEL_WORD[lv],
            "",
            letter.date_line,
            "",
            letter.topic.kind or "",
            letter.topic.title,
            "",
            *letter.body,
            "",
            "Nơi nhận:",
            *letter.recipients,
        ]
        text = "\r\n".join(lines) if utf16 else "\n".join(lines)
        c.add(
            f"noi dung {letter.number}",
            "txt",
            text.encode("utf-16") if utf16 else text.encode(),
            lv,
            "positive",
            "plain_text",
        )
    # e-mails
    lv = c.level()
    letter = c.letter()
    c.add_email(
        "Fwd van ban",
        lv,
        f"Fwd: Gửi anh văn bản số {letter.number}",
        "Anh xem giúp em file đính kèm nhé.\nEm cảm ơn.",
        sender="hoa.nt@gmail.com",
        attachments=[
            (
                f"{plain_name(letter.topic.title)[:30]}.docx",
                letter_docx(letter, c.look(), rng, stamps=[level_stamp(lv)]),
            )
        ],
    )
    lv = c.level()
    letter = c.letter()
    c.add_email(
        "Scan gui lanh dao",
        lv,
        "Bản scan báo cáo",
        "Văn thư gửi bản scan để đồng chí nghiên cứu trước cuộc họp.",
        attachments=[
            (
                "scan0001.pdf",
                scan_file(
                    c,
                    layout_letter(letter, c.look(), 150, rng, [level_stamp(lv)]),
                    dpi=150,
                    out_dpi=150,
                ),
            )
        ],
    )
    lv = c.level()
    letter = c.letter()
    inline = [
        jpeg(
            scanned(
                layout_letter(letter, c.look(), 110, rng, [level_stamp(lv)])[0],
                rng,
                mode="colour",
                skew=0.7,
                out_dpi=110,
                dpi=110,
            ),
            70,
        )
    ]
    c.add_email(
        "Anh chup van ban",
        lv,
        "Ảnh văn bản",
        "Gửi anh ảnh chụp văn bản sáng nay.",
        sender="tuan.hm@yahoo.com",
        inline=inline,
    )
    lv = c.level()
    letter = c.letter()
    inner = zip_of(
        [
            (
                f"{letter.number}-{letter.organ.code}.docx",
                letter_docx(letter, c.look(), rng, stamps=[level_stamp(lv)], mode="header"),
            )
        ],
        ZIP_DATE,
    )
    c.add_email(
        "Tai lieu hop",
        lv,
        "Tài liệu họp chiều nay",
        "Gửi các đồng chí tài liệu phục vụ cuộc họp.",
        attachments=[("tai_lieu_hop.zip", inner)],
    )
    lv = c.level()
    letter = c.letter()
    body = "\n".join(
        [letter.organ.name, letter.number_line, LEVEL_WORD[lv], letter.topic.title, *letter.body]
    )
    c.add_email("Noi dung van ban", lv, f"V/v {letter.topic.title[:40]}", body)
    # archives
    lv = c.level()
    letter = c.letter()
    c.add(
        "Ho so gui So",
        "zip",
        zip_of(
            [
                (
                    "Công văn đề nghị.docx",
                    letter_docx(c.letter(secret=False), c.look(), rng, stamps=[]),
                ),
                (
                    f"Phụ lục/{letter.number}.docx",
                    letter_docx(letter, c.look(), rng, stamps=[level_stamp(lv)], mode="cell"),
                ),
            ],
            ZIP_DATE,
        ),
        lv,
        "positive",
        "zip",
    )
    lv = c.level()
    letter = c.letter()
    scan = scan_file(
        c, layout_letter(letter, c.look(), 150, rng, [level_stamp(lv)]), dpi=150, out_dpi=150
    )
    c.add(
        "Luu tru 2024",
        "zip",
        zip_of(
            [
                ("2024/thang3.zip", zip_of([("scan_0315.pdf", scan)], ZIP_DATE)),
                ("doc_ghi_chu.txt", "Danh mục hồ sơ lưu tháng 3".encode()),
            ],
            ZIP_DATE,
        ),
        lv,
        "positive",
        "zip",
    )
    lv = c.level()
    letter = c.letter()
    pages = layout_letter(letter, c.look(), 150, rng, [level_stamp(lv, "top_center")])
    c.add(
        "Anh Zalo",
        "zip",
        zip_of(
            [(f"IMG_{i}.jpg", photo_file(c, p)) for i, p in enumerate(pages[:1])]
            + [("readme.txt", b"anh chup tu dien thoai")],
            ZIP_DATE,
        ),
        lv,
        "positive",
        "zip",
    )
    lv = c.level()
    letter = c.letter()
    c.add(
        "Tai lieu tap huan va bao cao",
        "zip",
        zip_of(
            [
                (
                    "Tập huấn/Luật BVBMNN.txt",
                    "Luật Bảo vệ bí mật nhà nước số 29/2018/QH14 quy định ba độ mật.".encode(),
                ),
                (
                    "Báo cáo/bao_cao.pdf",
                    letter_pdf(
                        letter, c.look(), rng, stamps=[level_stamp(lv)], producer=PRODUCERS[0]
                    ),
                ),
            ],
            ZIP_DATE,
        ),
        lv,
        "positive",
        "zip",
    )


def _add_changed_and_declassified(c: Corpus) -> None:
    rng = c.rng
    for fmt in ("docx", "docx", "scan", "scan", "pdf"):
        old = rng.choice(LEVELS)
        new = c.level()
        while new == old:
            old = rng.choice(LEVELS)
        letter = c.letter()
        stamps = change_stamps(rng, old, new)
        if fmt == "docx":
            c.add(
                f"{letter.topic.code or 'CV'} {letter.number}",
                "docx",
                letter_docx(letter, c.look(), rng, stamps=stamps),
                new,
                "positive",
                "changed_level",
            )
        elif fmt == "scan":
            c.add(
                f"Scan {rng.randint(100, 999)}",
                "pdf",
                scan_file(c, layout_letter(letter, c.look(), 200, rng, stamps), dpi=200),
                new,
                "positive",
                "changed_level",
                "scan",
            )
        else:
            c.add(
                f"VB {letter.number}",
                "pdf",
                letter_pdf(letter, c.look(), rng, stamps=stamps, producer=PRODUCERS[1]),
                new,
                "positive",
                "changed_level",
            )
    for fmt, crossed in (
        ("docx", True),
        ("docx", True),
        ("docx", False),
        ("doc", True),
        ("scan", True),
        ("scan", False),
        ("scan", True),
        ("pdf", True),
        ("pdf", False),
        ("photo", True),
        ("eml", True),
    ):
        old = rng.choice(LEVELS)
        letter = c.letter()
        stamps = [level_stamp(old, crossed=crossed), decl_stamp(rng)]
        hint = f"{letter.topic.code or 'CV'} {letter.number} {letter.date[2]}"
        if fmt in ("docx", "doc"):
            ext = "docx"
            data = letter_docx(letter, c.look(), rng, stamps=stamps)
        elif fmt == "scan":
            ext = "pdf"
            data = scan_file(c, layout_letter(letter, c.look(), 200, rng, stamps), dpi=200)
        elif fmt == "pdf":
            ext = "pdf"
            data = letter_pdf(letter, c.look(), rng, stamps=stamps, producer=rng.choice(PRODUCERS))
        elif fmt == "photo":
            ext = "jpg"
            data = photo_file(c, layout_letter(letter, c.look(), 150, rng, stamps)[0])
        else:
            ext = "eml"
            attachment = letter_docx(letter, c.look(), rng, stamps=stamps)
            data = email(
                "Văn bản đã giải mật",
                "Gửi phòng lưu trữ văn bản đã giải mật để chỉnh lý.",
                attachments=[("vb_0312.docx", attachment)],
            )
        if fmt == "doc":  # the DOCX saved as Word 97 once the corpus is built
            c.later(hint, ext, data, None, "declassified", "declassified", fmt, declassified=True)
        else:
            c.add(hint, ext, data, None, "declassified", "declassified", fmt, declassified=True)


PROTECTION_TOPICS = (
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Thực hiện công tác bảo vệ bí mật nhà nước năm 2025",
        (
            "Tiếp tục quán triệt Luật Bảo vệ bí mật nhà nước năm 2018 và Thông tư số 24/2020/TT-BCA đến toàn thể công chức.",
            "Văn thư đóng dấu độ mật “Tuyệt mật”, “Tối mật” hoặc “Mật” vào văn bản theo ý kiến của người ký, không tự ý đóng dấu.",
            "Rà soát, đề xuất giải mật đối với tài liệu MẬT đã hết thời hạn bảo vệ; lập hồ sơ đề nghị gửi Hội đồng giải mật.",
            "Không soạn thảo tài liệu có nội dung bí mật nhà nước trên máy tính có kết nối Internet.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả công tác bảo vệ bí mật nhà nước năm 2024",
        (
            "Trong năm, đơn vị tiếp nhận 146 tài liệu mật, trong đó 4 tài liệu độ Tuyệt mật, 27 tài liệu độ Tối mật và 115 tài liệu độ Mật.",
            "Phát hành 38 văn bản có đóng dấu độ mật; không để xảy ra lộ, mất tài liệu bí mật nhà nước.",
            "Tổ chức 01 lớp tập huấn cho 45 cán bộ làm công tác văn thư, lưu trữ và bảo vệ bí mật nhà nước.",
            "Còn tình trạng một số phòng chưa mở sổ theo dõi tài liệu mật theo mẫu quy định.",
        ),
    ),
    Topic(
        "QUY CHẾ",
        "QC",
        "Bảo vệ bí mật nhà nước của Sở (ban hành kèm theo Quyết định của Giám đốc Sở)",
        (
            "Điều 4. Bí mật nhà nước được phân loại theo ba độ mật: Tuyệt mật, Tối mật và Mật.",
            "Điều 7. Người soạn thảo đề xuất độ mật tại Tờ trình; người ký văn bản quyết định độ mật.",
            "Điều 9. Bì đựng tài liệu độ Tuyệt mật ngoài bì đóng dấu chữ “A”, độ Tối mật đóng dấu chữ “B”, độ Mật đóng dấu chữ “C”.",
            "Điều 12. Tài liệu có dấu “TÀI LIỆU THU HỒI” phải được hoàn trả đúng thời hạn ghi trên văn bản.",
        ),
    ),
    Topic(
        "BIÊN BẢN",
        "BB",
        "Kiểm tra công tác bảo vệ bí mật nhà nước tại Phòng Tổng hợp",
        (
            "Đoàn kiểm tra đã xem xét sổ đăng ký bí mật nhà nước đi, sổ đăng ký bí mật nhà nước đến và sổ quản lý sao, chụp.",
            "Có 03 văn bản độ Mật phát hành nhưng chưa ghi số lượng bản phát hành ở phần nơi nhận.",
            "Máy tính soạn thảo tài liệu mật chưa được dán nhãn quản lý theo quy định.",
            "Đề nghị đơn vị khắc phục các tồn tại trước ngày 30/11 và báo cáo kết quả bằng văn bản.",
        ),
    ),
    Topic(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Về việc giải mật tài liệu lưu trữ của Sở Kế hoạch và Đầu tư",
        (
            "Điều 1. Giải mật 12 tài liệu lưu trữ tại Danh mục kèm theo, trước đây được xác định độ Mật và độ Tối mật.",
            "Điều 2. Phòng lưu trữ đóng dấu giải mật lên các tài liệu nêu tại Điều 1 và thông báo cho cơ quan, tổ chức liên quan.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký.",
        ),
    ),
    Topic(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Ban hành Danh mục bí mật nhà nước thuộc lĩnh vực kế hoạch và đầu tư",
        (
            "1. Thuộc độ Tuyệt mật: chiến lược, quy hoạch phát triển kinh tế - xã hội phục vụ quốc phòng, an ninh chưa công bố.",
            "2. Thuộc độ Tối mật: kế hoạch đầu tư công trung hạn cho các dự án quốc phòng, an ninh chưa công bố.",
            "3. Thuộc độ Mật: phương án đàm phán với nhà đầu tư nước ngoài về dự án trọng điểm chưa công bố.",
            "Quyết định này có hiệu lực thi hành kể từ ngày ký.",
        ),
    ),
)  # fmt
OTHER_SENSE_TEXTS = {
    "honey": (
        "MẬT ONG RỪNG U MINH",
        [
            "Mật ong nguyên chất khai thác tự nhiên, không pha đường.",
            "Hạn sử dụng: 24 tháng. Bảo quản nơi khô ráo, tránh ánh nắng.",
            "Mật ong có thể kết tinh ở nhiệt độ thấp, đây là hiện tượng tự nhiên.",
            "Hợp tác xã Ong mật Tân Lập - ĐT: 0912 345 678",
        ],
    ),
    "password": (
        "HƯỚNG DẪN ĐỔI MẬT KHẨU HỘP THƯ CÔNG VỤ",
        [
            "Mật khẩu phải có ít nhất 10 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Không dùng lại 5 mật khẩu gần nhất; thay đổi mật khẩu 90 ngày một lần.",
            "Không chia sẻ mật khẩu qua tin nhắn Zalo, điện thoại hoặc thư điện tử.",
            "Khi quên mật khẩu, liên hệ Trung tâm CNTT số máy lẻ 205.",
        ],
    ),
    "gall": (
        "GIẤY RA VIỆN",
        [
            "Chẩn đoán: Sỏi túi mật, viêm túi mật cấp.",
            "Phương pháp điều trị: Phẫu thuật nội soi cắt túi mật.",
            "Lời dặn: ăn nhẹ, hạn chế dầu mỡ, tái khám sau 01 tháng tại Khoa Ngoại tiêu hóa.",
            "Bệnh viện Đa khoa tỉnh Nam Sơn",
        ],
    ),
    "menu": (
        "THỰC ĐƠN QUÁN CHÈ BÀ TƯ",
        [
            "Chè đỗ đen mật mía .......... 15.000đ",
            "Chè bưởi nước cốt dừa .......... 20.000đ",
            "Bánh trôi tàu đường mật .......... 18.000đ",
            "Sữa chua nếp cẩm .......... 15.000đ",
        ],
    ),
    "molasses": (
        "ĐƯỜNG MẬT MÍA NGUYÊN CHẤT",
        [
            "Sản phẩm của Cơ sở chế biến mía đường Đồng Xuân.",
            "Thành phần: 100% nước mía cô đặc. Khối lượng tịnh: 500 g.",
            "Dùng nấu chè, kho cá, làm bánh.",
            "Ngày sản xuất: 02/01/2025 - Hạn sử dụng: 02/01/2026",
        ],
    ),
    "density": (
        "MẬT ĐỘ DÂN SỐ CÁC XÃ, PHƯỜNG NĂM 2024",
        [
            "Mật độ dân số bình quân toàn tỉnh đạt 312 người/km2.",
            "Phường Trung Tâm có mật độ cao nhất với 6.480 người/km2.",
            "Xã Pà Lùng có mật độ thấp nhất, 41 người/km2.",
            "Nguồn: Cục Thống kê tỉnh Nam Sơn",
        ],
    ),
    "codename": (
        "CHIẾN DỊCH MANG MẬT DANH “TRƯỜNG SƠN 75”",
        [
            "Năm 1975, bộ chỉ huy chiến dịch sử dụng mật danh để giữ bí mật ý định tiến công.",
            "Các đơn vị mật vụ của đối phương không phát hiện được hướng tiến công chủ yếu.",
            "Nhiều tài liệu về chiến dịch nay đã được công bố tại Bảo tàng tỉnh.",
            "Bài: Hoàng Lan - Báo Nam Sơn điện tử",
        ],
    ),
    "trade": (
        "THỎA THUẬN BẢO MẬT THÔNG TIN",
        [
            "Các bên cam kết giữ bí mật kinh doanh, bí mật công nghệ của nhau trong thời hạn 05 năm.",
            "Thông tin mật theo Thỏa thuận này gồm danh sách khách hàng, giá thành, công thức sản phẩm.",
            "Bên vi phạm bồi thường thiệt hại theo quy định của Bộ luật Dân sự.",
            "Công ty TNHH Thực phẩm Sơn Hà - Công ty CP Bao bì Miền Trung",
        ],
    ),
    "spy": (
        "XÉT XỬ VỤ ÁN LÀM LỘ BÍ MẬT NHÀ NƯỚC",
        [
            "Tòa án nhân dân tỉnh đưa ra xét xử bị cáo nguyên là chuyên viên một sở về tội cố ý làm lộ bí mật nhà nước.",
            "Theo cáo trạng, bị cáo đã chụp ảnh 05 tài liệu có đóng dấu “Tối mật” và “Mật” gửi cho người khác qua mạng xã hội.",
            "Hội đồng xét xử tuyên phạt bị cáo 4 năm tù theo Điều 337 Bộ luật Hình sự.",
            "Vụ án là bài học cảnh tỉnh về ý thức bảo vệ bí mật nhà nước.",
        ],
    ),
    "cipher": (
        "DANH BẠ ĐIỆN THOẠI CƠ QUAN",
        [
            "Văn phòng Tỉnh ủy: 0233 3852 100",
            "Phòng Cơ yếu - Mật mã: 0233 3852 115",
            "Phòng Hành chính - Lưu trữ: 0233 3852 120",
            "Phòng Quản trị - Tài vụ: 0233 3852 130",
        ],
    ),
}


def _public(
    c: Corpus,
    topic: Topic,
    fmt: str,
    *,
    family: str,
    category: str = "hard_negative",
    stamps: list[Stamp] | None = None,
) -> None:
    """An unsecret document of `topic` in `fmt` (docx, doc, pdf, scan, photo, rtf)."""
    rng = c.rng
    letter = make_letter(rng, topic, secret=False)
    hint = f"{topic.code or 'CV'} {letter.number} {letter.organ.code}"
    st = stamps or []
    if fmt == "docx":
        c.add(hint, "docx", letter_docx(letter, c.look(), rng, stamps=st), None, category, family)
    elif fmt == "doc":
        c.later(
            hint,
            "docx",
            letter_docx(
                letter,
                c.look(face="times"),
                rng,
                stamps=st,
                encoding=rng.choice(("tcvn3", "vni", "unicode")),
            ),
            None,
            category,
            family,
            "doc",
        )
    elif fmt == "pdf":
        c.add(
            hint,
            "pdf",
            letter_pdf(letter, c.look(), rng, stamps=st, producer=rng.choice(PRODUCERS)),
            None,
            category,
            family,
        )
    elif fmt == "scan":
        c.add(
            hint,
            "pdf",
            scan_file(c, layout_letter(letter, c.look(), 150, rng, st), dpi=150),
            None,
            category,
            family,
            "scan",
        )
    elif fmt == "photo":
        c.add(
            hint,
            "jpg",
            photo_file(c, layout_letter(letter, c.look(), 150, rng, st)[0]),
            None,
            category,
            family,
            "photo",
        )
    elif fmt == "rtf":
        c.add(
            hint,
            "rtf",
            letter_rtf(letter, rng, stamps=st, codepage=rng.random() < 0.5),
            None,
            category,
            family,
        )
    elif fmt == "exported":
        c.later(
            hint,
            "docx",
            letter_docx(letter, c.look(), rng, stamps=st),
            None,
            category,
            family,
            "pdf",
        )


def _add_hard_negatives(c: Corpus) -> None:
    rng = c.rng
    plan, report, rules, inspection, decl_decision, catalogue = PROTECTION_TOPICS
    for topic, fmts in (
        (plan, ("docx", "doc", "pdf", "scan", "exported")),
        (report, ("docx", "pdf", "doc")),
        (rules, ("docx", "rtf", "photo")),
        (inspection, ("docx", "scan")),
        (decl_decision, ("docx", "scan", "pdf")),
        (catalogue, ("pdf", "docx")),
    ):
        for fmt in fmts:
            _public(c, topic, fmt, family="protection_work")
    # statistics and registers with the levels as column headings or values
    levels_header = ["TT", "Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng số"]
    counts = [
        [i, u, rng.randint(0, 3), rng.randint(0, 12), rng.randint(5, 60), 0]
        for i, u in enumerate(
            ("Văn phòng", "Phòng Tổng hợp", "Phòng Kinh tế", "Phòng Văn xã", "Thanh tra"), 1
        )
    ]
    for row in counts:
        row[5] = int(row[2]) + int(row[3]) + int(row[4])
    c.add(
        "Thong ke tai lieu 2024",
        "xlsx",
        workbook(
            "THỐNG KÊ SỐ LƯỢNG TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2024",
            levels_header,
            counts,
            organ=ORGANS[0],
        ),
        None,
        "hard_negative",
        "protection_work",
    )
    c.add(
        "Thong ke in ngang",
        "pdf",
        sheet_pdf(
            "THỐNG KÊ TÀI LIỆU MẬT THEO ĐƠN VỊ",
            levels_header,
            counts,
            page_header=None,
            producer="Microsoft® Excel® 2016",
        ),
        None,
        "hard_negative",
        "protection_work",
    )
    register = [
        [
            i,
            f"{rng.randint(10, 300)}/BC-SNV",
            f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2024",
            rng.choice(("Báo cáo tình hình", "Phương án bảo vệ", "Kế hoạch kiểm tra")),
            rng.choice(("Mật", "Tối mật", "Mật", "Tuyệt mật")),
            rng.choice(("UBND tỉnh", "Công an tỉnh")),
            "01",
        ]
        for i in range(1, 16)
    ]
    reg_header = [
        "Số TT",
        "Số, ký hiệu",
        "Ngày tháng",
        "Trích yếu nội dung",
        "Độ mật",
        "Nơi nhận",
        "Số bản",
    ]
    c.add(
        "So dang ky di 2024",
        "xlsx",
        workbook("SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI", reg_header, register, organ=ORGANS[1]),
        None,
        "hard_negative",
        "protection_work",
    )
    s = Sheet(150, c.look())
    s.text(105, 15, "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐẾN", "b", 15, "c")
    s.text(105, 22, "Năm 2024 - Quyển số 02", "i", 12, "c")
    s.grid(
        12,
        32,
        [12, 28, 24, 60, 22, 40],
        [["TT", "Số đến", "Ngày", "Trích yếu", "Độ mật", "Người nhận"]]
        + [
            [str(r[0]), str(rng.randint(1, 400)), str(r[2]), str(r[3]), str(r[4]), "Nguyễn Thị Hòa"]
            for r in register[:12]
        ],
        10,
    )
    c.add(
        "So den trang 14",
        "pdf",
        scan_file(c, [s.img], dpi=150, mode="grey"),
        None,
        "hard_negative",
        "protection_work",
        "scan",
    )
    c.add(
        "Danh muc tai lieu giai",
        "xlsx",
        workbook(
            "DANH MỤC TÀI LIỆU ĐƯỢC GIẢI MẬT (Kèm theo Quyết định giải mật)",
            ["TT", "Số, ký hiệu", "Trích yếu", "Độ mật trước khi giải mật", "Ghi chú"],
            [
                [
                    i,
                    f"{rng.randint(10, 300)}/KH-UBND",
                    rng.choice(
                        ("Kế hoạch diễn tập năm 2009", "Báo cáo tình hình biên giới năm 2010")
                    ),
                    rng.choice(("Mật", "Tối mật")),
                    "Giải mật toàn bộ",
                ]
                for i in range(1, 13)
            ],
        ),
        None,
        "hard_negative",
        "protection_work",
    )
    # blank forms: the level left to fill in
    for fmt in ("docx", "doc", "scan"):
        form = Topic(
            "TỜ TRÌNH",
            "TTr",
            "Đề xuất độ mật của văn bản (mẫu dùng chung)",
            (
                "Độ mật: ..............................",
                "Tên văn bản dự thảo: .......................................................",
                "Căn cứ Danh mục bí mật nhà nước số: ........, đề xuất độ mật: ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật",
                "Số lượng bản phát hành: ......   Nơi nhận: ............................",
            ),
        )
        _public(c, form, fmt, family="blank_form")
    # training material and quizzes
    training = [
        (
            "Tập huấn nghiệp vụ bảo vệ bí mật nhà nước",
            ["Báo cáo viên: Phòng An ninh đối nội", "Đối tượng: văn thư, lưu trữ các sở, ngành"],
        ),
        (
            "Mẫu dấu độ mật theo Thông tư 24/2020/TT-BCA",
            [
                "Dấu độ mật hình chữ nhật, mực màu đỏ tươi",
                "Đóng dưới số, ký hiệu văn bản",
                "Các hình bên là MẪU để minh họa, không phải tài liệu mật",
            ],
        ),
        (
            "Những hành vi bị nghiêm cấm",
            [
                "Làm lộ, chiếm đoạt, mua bán tài liệu mật",
                "Soạn thảo tài liệu mật trên máy tính nối mạng",
            ],
        ),
    ]
    c.add(
        "Tap huan BVBMNN",
        "pptx",
        deck(training, specimens=["TUYỆT MẬT", "TỐI MẬT", "MẬT"]),
        None,
        "hard_negative",
        "training",
    )
    c.add(
        "Tap huan BVBMNN ban in",
        "pdf",
        slides_pdf(training, mark=None, producer="LibreOffice 7.4", specimens=["TỐI MẬT", "MẬT"]),
        None,
        "hard_negative",
        "training",
    )
    quiz = "\n".join(
        [
            "ĐỀ THI TÌM HIỂU LUẬT BẢO VỆ BÍ MẬT NHÀ NƯỚC",
            "",
            "Câu 1. Bí mật nhà nước được phân loại thành mấy độ? A. Hai  B. Ba  C. Bốn",
            "Câu 2. Thời hạn bảo vệ bí mật nhà nước độ Tuyệt mật là bao nhiêu năm? A. 10  B. 20  C. 30",
            "Câu 3. Ngoài bì tài liệu độ Tối mật đóng dấu chữ gì? A. Chữ A  B. Chữ B  C. Chữ C",
            "Câu 4. Dấu “TÀI LIỆU THU HỒI” được đóng ở đâu?",
            "Đáp án: 1-B, 2-C, 3-B.",
        ]
    )
    c.add("De thi tim hieu", "txt", quiz.encode(), None, "hard_negative", "training")
    _public(
        c,
        Topic(
            "HƯỚNG DẪN",
            "HD",
            "Cách đóng dấu độ mật và dấu “Chỉ người có tên mới được bóc bì”",
            (
                "Dấu “TUYỆT MẬT”, “TỐI MẬT”, “MẬT” đóng ở phía dưới số, ký hiệu của văn bản.",
                "Dấu “CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ” đóng ở mặt ngoài bì, phía trên bên phải.",
                "Bì trong đóng dấu độ mật; bì ngoài đóng dấu ký hiệu chữ A, B, C tương ứng.",
            ),
        ),
        "pdf",
        family="training",
    )
    # the specimen page of the circular's annex: frames with the words, each labelled as a form
    s = Sheet(150, c.look(tilt=0, ink="copy_black"))
    s.text(105, 18, "PHỤ LỤC CÁC BIỂU MẪU", "b", 14, "c")
    s.text(
        105,
        25,
        "(Ban hành kèm theo Thông tư số 24/2020/TT-BCA ngày 10/3/2020 của Bộ trưởng Bộ Công an)",
        "i",
        11,
        "c",
    )
    for k, lv in enumerate(LEVELS):
        s.text(30, 45 + 28 * k, f"Mẫu số 01 - Mẫu dấu độ {LEVEL_WORD[lv].lower()}:", "r", 12)
        s.put(level_stamp(lv, ink="copy_black"), 140, 40 + 28 * k, rng)
    s.text(30, 130, "Ghi chú: hình dấu có kích thước 40 mm x 8 mm, mực đỏ tươi.", "i", 12)
    c.add(
        "Phu luc bieu mau TT24",
        "pdf",
        scan_file(c, [s.img], dpi=150, mode="grey"),
        None,
        "hard_negative",
        "training",
        "scan",
    )
    poster = notice(
        rng,
        c.look(face="arial"),
        110,
        [
            ("NỘI QUY BẢO VỆ BÍ MẬT NHÀ NƯỚC", "b", 26),
            ("Khu vực lưu giữ tài liệu TUYỆT MẬT, TỐI MẬT, MẬT", "b", 18),
            (
                "Không phận sự miễn vào. Không mang điện thoại, thiết bị ghi âm, ghi hình vào khu vực này.",
                "r",
                16,
            ),
            ("Cán bộ ra vào phải ghi sổ theo dõi.", "r", 16),
        ],
        paper=(255, 250, 235),
        red_first=True,
    )
    c.add("IMG_noi_quy", "jpg", photo_file(c, poster), None, "hard_negative", "training", "photo")
    # other senses of the word "mật"
    for key, fmt in (
        ("honey", "photo"),
        ("honey", "html"),
        ("honey", "pdf"),
        ("password", "eml"),
        ("password", "txt"),
        ("gall", "scan"),
        ("gall", "photo"),
        ("menu", "photo"),
        ("molasses", "photo"),
        ("density", "xlsx"),
        ("density", "html"),
        ("codename", "html"),
        ("codename", "mht"),
        ("trade", "docx"),
        ("trade", "pdf"),
        ("cipher", "xlsx"),
        ("cipher", "pdf"),
        ("spy", "html"),
        ("spy", "mht"),
        ("spy", "eml"),
    ):
        title, lines = OTHER_SENSE_TEXTS[key]
        family = "news" if key == "spy" else "other_senses"
        hint = {
            "honey": "san pham",
            "password": "huong dan CNTT",
            "gall": "giay ra vien",
            "menu": "thuc don",
            "molasses": "nhan hang",
            "density": "dan so",
            "codename": "bai bao",
            "trade": "thoa thuan",
            "spy": "tin phap luat",
            "cipher": "danh ba",
        }[key]
        if fmt in ("photo", "scan"):
            small = key in ("honey", "molasses", "menu")
            img = notice(
                rng,
                c.look(face=rng.choice(("arial", "times"))),
                130,
                [(title, "b", 28 if small else 16), *((line, "r", 14) for line in lines)],
                size=(150.0, 110.0) if small else (210.0, 297.0),
                paper=(255, 246, 214) if small else (255, 255, 255),
                red_first=small,
            )
            if fmt == "photo":
                c.add(hint, "jpg", photo_file(c, img), None, "hard_negative", family, "photo")
            else:
                c.add(
                    hint,
                    "pdf",
                    scan_file(c, [img], dpi=130, out_dpi=150),
                    None,
                    "hard_negative",
                    family,
                    "scan",
                )
        elif fmt == "html":
            c.add(
                hint,
                "html",
                web_page(
                    title.capitalize(),
                    lines,
                    site=rng.choice(
                        ("Báo Nam Sơn điện tử", "Cổng thông tin điện tử tỉnh Vĩnh Hòa")
                    ),
                ).encode(),
                None,
                "hard_negative",
                family,
            )
        elif fmt == "mht":
            c.add(
                hint,
                "mht",
                mhtml(
                    web_page(title.capitalize(), lines, site="Báo Nam Sơn điện tử"),
                    "https://baonamson.vn/bai-viet",
                    {},
                ),
                None,
                "hard_negative",
                family,
            )
        elif fmt == "eml":
            c.add(
                hint,
                "eml",
                email(title.capitalize(), "\n".join(lines), sender="trungtamcntt@namson.gov.vn"),
                None,
                "hard_negative",
                family,
            )
        elif fmt == "txt":
            c.add(hint, "txt", "\n".join([title, *lines]).encode(), None, "hard_negative", family)
        elif fmt == "xlsx":
            rows = [[i, line, "", "", ""] for i, line in enumerate(lines, 1)]
            c.add(
                hint,
                "xlsx",
                workbook(title, ["TT", "Nội dung", "Ghi chú 1", "Ghi chú 2", "Ghi chú 3"], rows),
                None,
                "hard_negative",
                family,
            )
        elif fmt == "pdf":
            pdf = new_pdf(rng.choice(PRODUCERS))
            pdf.add_page()
            pdf.set_font("uarial", "B", 18)
            pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("utimes", "", 13)
            for line in lines:
                pdf.multi_cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
            c.add(hint, "pdf", bytes(pdf.output()), None, "hard_negative", family)
        elif fmt == "docx":
            w = WordWriter(c.look())
            w.para(w.doc, title, align="c", bold=True)
            for line in lines:
                w.para(w.doc, line, indent=True)
            c.add(hint, "docx", w.save(), None, "hard_negative", family)
    # look-alike red stamps where a level stamp would be
    for word, fmt in (
        ("HỎA TỐC", "scan"),
        ("THƯỢNG KHẨN", "docx"),
        ("KHẨN", "pdf"),
        ("SAO Y BẢN CHÍNH", "scan"),
    ):
        _public(
            c, rng.choice(PUBLIC_TOPICS), fmt, family="lookalike_stamp", stamps=[Stamp((word,))]
        )
    img = envelope_picture(rng, c.look(), 130, None)
    c.add(
        "IMG_phong_bi", "jpg", photo_file(c, img), None, "hard_negative", "lookalike_stamp", "photo"
    )
    # containers of such material
    c.add(
        "Tai lieu tap huan",
        "zip",
        zip_of(
            [
                ("Bài giảng.pptx", deck(training, specimens=["TUYỆT MẬT"])),
                ("Đề thi.txt", quiz.encode()),
            ],
            ZIP_DATE,
        ),
        None,
        "hard_negative",
        "training",
    )
    c.add(
        "Gui tai lieu tap huan",
        "eml",
        email(
            "Tài liệu tập huấn bảo vệ BMNN",
            "Gửi các đơn vị tài liệu tập huấn, đề nghị nghiên cứu trước.",
            attachments=[("bai_giang.pptx", deck(training, specimens=["MẬT"]))],
        ),
        None,
        "hard_negative",
        "training",
    )
    c.add(
        "Bao cao nam",
        "zip",
        zip_of(
            [
                (
                    "BC BVBMNN 2024.docx",
                    letter_docx(make_letter(rng, report, secret=False), c.look(), rng, stamps=[]),
                ),
                ("Thống kê.xlsx", workbook("THỐNG KÊ TÀI LIỆU MẬT", levels_header, counts)),
            ],
            ZIP_DATE,
        ),
        None,
        "hard_negative",
        "protection_work",
    )


def _add_ordinary(c: Corpus) -> None:
    rng = c.rng
    received = Stamp(
        (
            "SỞ NỘI VỤ TỈNH NAM SƠN",
            f"ĐẾN  Số: {rng.randint(100, 999)}",
            "Ngày: 17/3/2025",
            "Chuyển: P.TCBC",
        ),
        "top_left",
        ink="red",
        small_lines=True,
    )
    for fmt in (
        "docx",
        "docx",
        "doc",
        "doc",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "photo",
        "rtf",
        "exported",
    ):
        _public(
            c,
            rng.choice(PUBLIC_TOPICS),
            fmt,
            family="ordinary",
            category="negative",
            stamps=[received] if fmt == "scan" and rng.random() < 0.7 else None,
        )
    c.add(
        "Du toan 2025",
        "xlsx",
        workbook(
            "DỰ TOÁN CHI HOẠT ĐỘNG NĂM 2025",
            ["TT", "Nội dung chi", "Dự toán", "Thực hiện", "Tỷ lệ"],
            [
                [i, x, rng.randint(100, 900), rng.randint(50, 800), ""]
                for i, x in enumerate(
                    ("Chi lương", "Hội nghị", "Công tác phí", "Văn phòng phẩm", "Sửa chữa"), 1
                )
            ],
        ),
        None,
        "negative",
        "ordinary",
    )
    c.add(
        "Gioi thieu So",
        "pptx",
        deck(
            [
                ("Giới thiệu Sở Kế hoạch và Đầu tư", ["Chức năng, nhiệm vụ", "Cơ cấu tổ chức"]),
                ("Kết quả năm 2024", ["Thu hút 12 dự án đầu tư mới"]),
            ]
        ),
        None,
        "negative",
        "ordinary",
    )
    for title, paras in (
        (
            "Nam Sơn đón hơn 200 nghìn lượt khách dịp lễ",
            [
                "Trong 5 ngày nghỉ lễ, các điểm du lịch đón lượng khách tăng 18% so với cùng kỳ.",
                "Doanh thu du lịch ước đạt 350 tỷ đồng.",
            ],
        ),
        (
            "Khởi công đường ven biển đoạn qua xã Tân Lập",
            ["Dự án có tổng mức đầu tư 1.200 tỷ đồng, dự kiến hoàn thành năm 2027."],
        ),
    ):
        c.add(
            "tin tuc",
            "html",
            web_page(title, paras, site="Cổng thông tin điện tử tỉnh Nam Sơn").encode(),
            None,
            "negative",
            "ordinary",
        )
    c.add(
        "Bai bao luu",
        "mht",
        mhtml(
            web_page(
                "Hội nghị xúc tiến đầu tư năm 2025",
                ["Hội nghị thu hút hơn 300 doanh nghiệp tham dự."],
                site="Báo Nam Sơn điện tử",
            ),
            "https://baonamson.vn/xuc-tien",
            {},
        ),
        None,
        "negative",
        "ordinary",
    )
    c.add(
        "ghi chu hop",
        "txt",
        "Ghi chú cuộc họp giao ban sáng thứ Hai\n- Hoàn thiện báo cáo quý\n- Chuẩn bị hội nghị cải cách hành chính".encode(),
        None,
        "negative",
        "ordinary",
    )
    c.add(
        "Giay moi",
        "eml",
        email(
            "Giấy mời họp",
            "Kính mời đồng chí dự họp lúc 14 giờ ngày 20/3 tại phòng họp số 2.",
            attachments=[
                (
                    "giay_moi.pdf",
                    letter_pdf(
                        c.letter(secret=False), c.look(), rng, stamps=[], producer=PRODUCERS[0]
                    ),
                )
            ],
        ),
        None,
        "negative",
        "ordinary",
    )
    c.add(
        "Van ban thang 3",
        "zip",
        zip_of(
            [
                (f"CV{i}.docx", letter_docx(c.letter(secret=False), c.look(), rng, stamps=[]))
                for i in range(2)
            ],
            ZIP_DATE,
        ),
        None,
        "negative",
        "ordinary",
    )


def build(seed: int = SEED) -> list[Item]:
    """The whole held-out corpus 4 in memory."""
    c = Corpus(seed)
    _add_word(c)
    _add_text_pdfs(c)
    _add_scans_and_photos(c)
    _add_sheets_slides(c)
    _add_web_mail_zip(c)
    _add_changed_and_declassified(c)
    _add_hard_negatives(c)
    _add_ordinary(c)
    c.convert()
    return c.items


def write(out: Path, seed: int = SEED) -> None:
    write_files(out, build(seed))


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("heldout4"))
