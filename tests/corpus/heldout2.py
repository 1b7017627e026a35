"""A second held-out corpus for the leak scanner, written apart from the first one.

Its templates, wording, layouts and seed are its own; it was never used to tune the scanner, so
its figures estimate how the scanner does on files it has not seen. Layouts follow Decree
30/2020 (issuing body top left, national motto top right, number and date, title, body,
recipients, signature) and the marks of Circular 24/2020 (level stamp, circled letter on
envelopes, declassification, level change, recall, "named reader only", copy numbers).

`build(seed)` returns every file in memory as `Item`s; legacy `.doc` files are made by one
batched LibreOffice call.
"""

from __future__ import annotations

import base64
import functools
import io
import math
import random
import shutil
import subprocess
import tempfile
import textwrap
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from html import escape
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    labelled,
    paragraph_border,
    perspective_coeffs,
    word97_items,
    zip_of,
)
from tests.corpus.scanner_corpus import Item

LEVEL_PLAIN = {"tuyet_mat": "Tuyệt mật", "toi_mat": "Tối mật", "mat": "Mật"}
ZIP_DATE = (2025, 3, 14, 9, 30, 0)  # every entry of the corpus's ZIP files

RGB = tuple[int, int, int]

# ---------------------------------------------------------------------------------------------
# fonts

_CORE_FONTS = Path(__file__).resolve().parents[2] / "bmnn" / "core" / "fonts"
_LIBERATION = Path("/usr/share/fonts/truetype/liberation2")
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def _font_sets() -> dict[str, dict[str, Path]]:
    wanted = {
        "times": ("LiberationSerif-Regular", "LiberationSerif-Bold", "LiberationSerif-Italic"),
        "arial": ("LiberationSans-Regular", "LiberationSans-Bold", "LiberationSans-Italic"),
        "dejavu-serif": ("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic"),
        "dejavu-sans": ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"),
        "condensed": (
            "DejaVuSerifCondensed",
            "DejaVuSerifCondensed-Bold",
            "DejaVuSerifCondensed-Italic",
        ),
    }
    fallback = {
        "r": _CORE_FONTS / "DejaVuSans.ttf",
        "b": _CORE_FONTS / "DejaVuSerif-Bold.ttf",
        "i": _CORE_FONTS / "DejaVuSans.ttf",
    }
    sets: dict[str, dict[str, Path]] = {}
    for name, stems in wanted.items():
        folder = _LIBERATION if stems[0].startswith("Liberation") else _DEJAVU
        files = {}
        for style, stem in zip("rbi", stems, strict=True):
            path = folder / f"{stem}.ttf"
            files[style] = path if path.exists() else fallback[style]
        sets[name] = files
    return sets


FONTS = _font_sets()
FAMILIES = tuple(FONTS)


@functools.lru_cache(maxsize=512)
def _font(path: Path, size_px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), max(6, size_px))


def _pil_font(family: str, style: str, size_px: float) -> ImageFont.FreeTypeFont:
    return _font(FONTS[family][style], round(size_px))


PT_MM = 25.4 / 72


def text_mm(family: str, style: str, pt: float, s: str) -> float:
    """Width of `s` in millimetres at `pt` points."""
    return _pil_font(family, style, 200).getlength(s) * pt / 200 * PT_MM


def wrap(family: str, style: str, pt: float, s: str, width_mm: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in s.split():
        candidate = f"{current} {word}".strip()
        if current and text_mm(family, style, pt, candidate) > width_mm:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


# ---------------------------------------------------------------------------------------------
# content: agencies, topics, sentences (own wording)


@dataclass(frozen=True)
class Agency:
    parent: str
    body: str  # may hold a line break
    code: str
    place: str
    short: str  # as named inside a sentence
    sign: tuple[str, ...]
    signer: str
    party: bool = False


AGENCIES = (
    Agency(
        "UBND TỈNH NINH BÌNH",
        "SỞ NỘI VỤ",
        "SNV",
        "Ninh Bình",
        "Sở Nội vụ",
        ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        "Trần Văn Khải",
    ),
    Agency(
        "",
        "ỦY BAN NHÂN DÂN\nTỈNH LẠNG SƠN",
        "UBND",
        "Lạng Sơn",
        "Ủy ban nhân dân tỉnh",
        ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        "Hoàng Thị Mai",
    ),
    Agency(
        "CÔNG AN TỈNH QUẢNG NGÃI",
        "PHÒNG AN NINH NỘI ĐỊA",
        "ANND",
        "Quảng Ngãi",
        "Phòng An ninh nội địa",
        ("TRƯỞNG PHÒNG",),
        "Lê Quang Vinh",
    ),
    Agency(
        "BỘ TÀI CHÍNH",
        "CỤC QUẢN LÝ CÔNG SẢN",
        "QLCS",
        "Hà Nội",
        "Cục Quản lý công sản",
        ("CỤC TRƯỞNG",),
        "Nguyễn Hữu Phước",
    ),
    Agency(
        "UBND THÀNH PHỐ HẢI PHÒNG",
        "SỞ XÂY DỰNG",
        "SXD",
        "Hải Phòng",
        "Sở Xây dựng",
        ("GIÁM ĐỐC",),
        "Phạm Đức Long",
    ),
    Agency(
        "UBND TỈNH ĐỒNG THÁP",
        "BAN QUẢN LÝ KHU KINH TẾ",
        "BQLKKT",
        "Đồng Tháp",
        "Ban Quản lý Khu kinh tế",
        ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        "Võ Thị Thu Hà",
    ),
    Agency(
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "VỤ KẾ HOẠCH - TÀI CHÍNH",
        "KHTC",
        "Hà Nội",
        "Vụ Kế hoạch - Tài chính",
        ("KT. VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG"),
        "Đặng Minh Tuấn",
    ),
    Agency(
        "UBND TỈNH KHÁNH HÒA",
        "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "SKHCN",
        "Khánh Hòa",
        "Sở Khoa học và Công nghệ",
        ("GIÁM ĐỐC",),
        "Huỳnh Ngọc Sơn",
    ),
    Agency(
        "",
        "TỈNH ỦY CAO BẰNG",
        "TU",
        "Cao Bằng",
        "Ban Thường vụ Tỉnh ủy",
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
        "Nông Văn Hùng",
        party=True,
    ),
    Agency(
        "QUÂN KHU 5",
        "BỘ CHỈ HUY QUÂN SỰ\nTỈNH ĐẮK LẮK",
        "BCH",
        "Đắk Lắk",
        "Bộ Chỉ huy Quân sự tỉnh",
        ("CHỈ HUY TRƯỞNG",),
        "Trương Công Định",
    ),
)

Topic = tuple[str, str, str, tuple[str, ...]]  # title, code, subject, sentences

SECRET_TOPICS: tuple[Topic, ...] = (
    (
        "PHƯƠNG ÁN",
        "PA",
        "Bảo vệ các mục tiêu trọng yếu trong dịp Tết Nguyên đán năm {y}",
        (
            "Căn cứ tình hình địa bàn, {short} bố trí lực lượng bảo vệ {n} mục tiêu trọng yếu, trong đó {m} mục tiêu được canh gác liên tục 24/24 giờ.",
            "Mỗi mục tiêu có từ {k} đến {k2} người trực, được cấp máy thông tin riêng và một tần số dự phòng chỉ dùng khi mất liên lạc.",
            "Khi có dấu hiệu bất thường, chỉ huy mục tiêu báo ngay về sở chỉ huy qua đường dây nội bộ; không trao đổi nội dung phương án qua điện thoại di động.",
            "Lịch tuần tra, vị trí chốt chặn và đường cơ động thay đổi {k} ngày một lần và chỉ phổ biến trực tiếp cho tổ trưởng.",
            "Kho vật tư dự trữ đặt tại {k} điểm, mỗi điểm bảo đảm đủ cho {k2} ngày hoạt động độc lập.",
        ),
    ),
    (
        "BÁO CÁO",
        "BC",
        "Tình hình an ninh khu vực biên giới quý {q} năm {y}",
        (
            "Trong quý, lực lượng chức năng phát hiện {n} lượt người xuất, nhập cảnh trái phép qua các đường mòn, lối mở; đã xử lý {m} trường hợp.",
            "Tại {k} điểm, các đối tượng có biểu hiện móc nối, thu thập thông tin về việc bố trí đồn, trạm; cơ quan chức năng đang xác minh.",
            "Số cơ sở bí mật được xây dựng mới trong quý là {k2}, nâng tổng số lên {n} cơ sở hoạt động trên toàn tuyến.",
            "Dự báo quý tới, hoạt động vận chuyển hàng cấm có thể gia tăng tại khu vực giáp ranh; đề nghị tăng cường lực lượng tại {k} chốt.",
        ),
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Diễn tập khu vực phòng thủ năm {y}",
        (
            "Cuộc diễn tập tiến hành trong {k} ngày, huy động {n} lượt cán bộ, chiến sĩ và lực lượng dân quân tự vệ của {m} xã, phường.",
            "Tình huống giả định, địa điểm sở chỉ huy cơ bản và sở chỉ huy dự bị chỉ thông báo cho các thành viên Ban Chỉ đạo trước {k} ngày.",
            "Kinh phí bảo đảm cho diễn tập là {money}, được bố trí từ ngân sách địa phương và nguồn hỗ trợ của cấp trên.",
            "Lực lượng tham gia thực binh tập kết tại khu vực đã phân công từ ngày {d}, hoàn thành công tác chuẩn bị trước khi tổng duyệt.",
        ),
    ),
    (
        "TỜ TRÌNH",
        "TTr",
        "Dự toán kinh phí bảo đảm nhiệm vụ quốc phòng, an ninh năm {y1}",
        (
            "Tổng dự toán đề nghị là {money}, tăng {pct}% so với năm trước do bổ sung nhiệm vụ xây dựng công trình chiến đấu.",
            "Trong đó, chi mua sắm trang thiết bị chuyên dùng chiếm {k2}0% tổng dự toán, phần còn lại dành cho huấn luyện và bảo đảm hậu cần.",
            "Danh mục trang bị, số lượng và nơi bố trí được lập thành phụ lục riêng kèm theo Tờ trình này.",
            "Kính đề nghị xem xét, phê duyệt để kịp triển khai từ quý I năm {y1}.",
        ),
    ),
    (
        "QUYẾT ĐỊNH",
        "QĐ",
        "Phê duyệt danh mục vị trí lắp đặt thiết bị giám sát chuyên dụng",
        (
            "Phê duyệt danh mục {n} vị trí lắp đặt thiết bị giám sát chuyên dụng trên địa bàn, chi tiết tại Phụ lục kèm theo.",
            "Đơn vị chủ trì có trách nhiệm quản lý chặt chẽ tọa độ, thông số kỹ thuật và sơ đồ đấu nối của từng vị trí.",
            "Mọi thay đổi vị trí phải được người đứng đầu cơ quan chủ quản cho phép bằng văn bản.",
            "Quyết định có hiệu lực kể từ ngày ký.",
        ),
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả thăm dò, đánh giá trữ lượng khoáng sản đất hiếm tại khu vực {place}",
        (
            "Kết quả khoan thăm dò {n} lỗ khoan cho thấy trữ lượng cấp 122 ước đạt {k2}0 nghìn tấn TR2O3, hàm lượng trung bình {k},{a}%.",
            "Vùng có triển vọng nhất nằm ở phía tây bắc khu vực, diện tích khoảng {m} km2, tọa độ chi tiết tại bản đồ kèm theo.",
            "Số liệu gốc, mẫu lõi khoan và bản đồ địa chất được lưu giữ tại kho chuyên dùng của đơn vị.",
            "Đề nghị chưa công bố thông tin về khu vực này cho đến khi có chủ trương của cấp có thẩm quyền.",
        ),
    ),
    (
        "",
        "",
        "V/v cung cấp thông tin nhân sự dự kiến bổ nhiệm",
        (
            "Thực hiện quy trình bổ nhiệm cán bộ, {short} cung cấp thông tin về {k} nhân sự dự kiến giới thiệu vào chức danh lãnh đạo cấp phòng.",
            "Kèm theo là bản tự kiểm điểm, nhận xét của chi ủy nơi cư trú và kết quả xác minh lý lịch của từng người.",
            "Đề nghị Quý cơ quan không sao chụp, phổ biến các tài liệu này ngoài thành phần được giao nhiệm vụ.",
            "Kết quả thẩm định xin gửi về {short} trước ngày {d}.",
        ),
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Bảo đảm an ninh hệ thống thông tin dùng chung của tỉnh năm {y}",
        (
            "Hệ thống hiện có {n} máy chủ đặt tại {k} trung tâm dữ liệu; địa chỉ quản trị và tài khoản đặc quyền được liệt kê tại Phụ lục.",
            "Qua rà soát, phát hiện {m} điểm yếu nghiêm trọng chưa được khắc phục, trong đó có lỗ hổng cho phép chiếm quyền điều khiển từ xa.",
            "Phương án ứng cứu sự cố quy định cụ thể đầu mối, số điện thoại trực và trình tự cô lập từng phân vùng mạng.",
            "Giao Trung tâm Giám sát hoàn thành việc vá lỗi trước ngày {d} và báo cáo kết quả bằng văn bản.",
        ),
    ),
)

PUBLIC_TOPICS: tuple[Topic, ...] = (
    (
        "KẾ HOẠCH",
        "KH",
        "Tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm {y}",
        (
            "Tổ chức trưng bày khoảng {n}0 đầu sách tại sảnh trụ sở từ ngày {d}, mở cửa cho người dân vào xem tự do.",
            "Mỗi phòng, đơn vị giới thiệu ít nhất {k} cuốn sách hay về chuyên môn và văn hóa, lịch sử địa phương.",
            "Kinh phí thực hiện lấy từ nguồn chi thường xuyên đã giao trong năm.",
            "Phòng Văn hóa - Xã hội là đầu mối tổng hợp, báo cáo kết quả trước ngày 30 tháng 4.",
        ),
    ),
    (
        "THÔNG BÁO",
        "TB",
        "Lịch tiếp công dân định kỳ tháng {mo} năm {y}",
        (
            "Lãnh đạo {short} tiếp công dân vào sáng thứ Năm tuần thứ hai và thứ tư trong tháng tại Phòng tiếp công dân.",
            "Công dân đến liên hệ mang theo giấy tờ tùy thân và tài liệu liên quan đến nội dung kiến nghị.",
            "Trường hợp lãnh đạo bận công tác đột xuất, lịch tiếp sẽ được thông báo lại trên cổng thông tin điện tử.",
        ),
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả thực hiện chuyển đổi số quý {q} năm {y}",
        (
            "Tỷ lệ hồ sơ thủ tục hành chính được tiếp nhận trực tuyến đạt {pct}%, tăng so với cùng kỳ.",
            "Đã số hóa {n}0 hồ sơ, giấy tờ còn hiệu lực và đồng bộ lên Cổng dịch vụ công.",
            "Một số xã còn thiếu máy quét, đường truyền chưa ổn định vào giờ cao điểm.",
            "Đề xuất bổ sung {k} biên chế cán bộ công nghệ thông tin cho bộ phận một cửa.",
        ),
    ),
    (
        "",
        "",
        "V/v mời dự hội nghị sơ kết công tác cải cách hành chính",
        (
            "{short} tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm {y}.",
            "Thời gian: 8 giờ 00 ngày {d}; địa điểm: Hội trường tầng {k}, trụ sở {short}.",
            "Đề nghị các đơn vị cử đại diện lãnh đạo dự và chuẩn bị ý kiến tham luận (nếu có).",
        ),
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Hưởng ứng Chiến dịch làm cho thế giới sạch hơn năm {y}",
        (
            "Ra quân vệ sinh môi trường tại khu dân cư, trường học và các tuyến phố chính vào sáng Chủ nhật.",
            "Vận động người dân phân loại rác tại nguồn, hạn chế sử dụng túi ni lông khó phân hủy.",
            "Các đơn vị đăng ký số lượng người tham gia, dự kiến khoảng {n}0 đoàn viên, thanh niên.",
        ),
    ),
    (
        "QUYẾT ĐỊNH",
        "QĐ",
        "Thành lập Tổ công tác rà soát thủ tục hành chính",
        (
            "Thành lập Tổ công tác gồm {k2} thành viên do một Phó Giám đốc làm Tổ trưởng.",
            "Tổ công tác rà soát, đề xuất cắt giảm thành phần hồ sơ và thời gian giải quyết các thủ tục thuộc thẩm quyền.",
            "Tổ công tác tự giải thể sau khi hoàn thành nhiệm vụ.",
        ),
    ),
)

ABOUT_SECRETS_TOPICS: tuple[Topic, ...] = (
    (
        "KẾ HOẠCH",
        "KH",
        "Công tác bảo vệ bí mật nhà nước năm {y}",
        (
            "Tiếp tục quán triệt Luật Bảo vệ bí mật nhà nước năm 2018, Nghị định số 26/2020/NĐ-CP và Thông tư số 24/2020/TT-BCA đến toàn thể cán bộ, công chức.",
            "Rà soát danh mục bí mật nhà nước của ngành, xác định đúng độ Tuyệt mật, Tối mật hoặc Mật cho từng loại tài liệu.",
            'Văn bản chứa bí mật nhà nước phải đóng dấu độ mật đúng mẫu; không đóng dấu "MẬT" lên văn bản thông thường.',
            "Tự kiểm tra tại {n} phòng, đơn vị trực thuộc, tập trung vào việc sao, chụp, vận chuyển và tiêu hủy tài liệu mật.",
            "Trang bị máy tính riêng, không kết nối Internet, để soạn thảo và lưu giữ tài liệu độ Tối mật, Mật.",
        ),
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả tự kiểm tra công tác bảo vệ bí mật nhà nước năm {y}",
        (
            "Trong năm, đơn vị tiếp nhận {c} tài liệu bí mật nhà nước, gồm {a} tài liệu độ Tuyệt mật, {b} tài liệu độ Tối mật và phần còn lại độ Mật.",
            "Không phát hiện trường hợp làm lộ, mất bí mật nhà nước; còn {k} văn bản đóng dấu độ mật chưa đúng vị trí.",
            "Sổ đăng ký bí mật nhà nước đi, đến được lập đầy đủ; việc giao nhận đều có ký nhận.",
            "Đề nghị cấp trên tổ chức tập huấn lại cách đóng dấu TỐI MẬT và dấu ký hiệu chữ B trên bì thư.",
        ),
    ),
    (
        "HƯỚNG DẪN",
        "HD",
        "Xác định độ mật và đóng dấu độ mật đối với văn bản",
        (
            "Người soạn thảo đề xuất độ mật tại phiếu trình duyệt ký; người có thẩm quyền ký văn bản quyết định độ mật.",
            'Dấu "TUYỆT MẬT", "TỐI MẬT" hoặc "MẬT" đóng bên dưới số, ký hiệu văn bản, mực màu đỏ tươi.',
            'Bì ngoài đóng dấu chữ "A", "B" hoặc "C" trong vòng tròn tương ứng với độ Tuyệt mật, Tối mật, Mật.',
            'Tài liệu hết thời hạn bảo vệ hoặc được giải mật thì đóng dấu "GIẢI MẬT" và ghi rõ ngày giải mật.',
        ),
    ),
)


def _ctx(rng: random.Random, agency: Agency, year: int) -> dict[str, object]:
    n = rng.randint(14, 60)
    return {
        "n": n,
        "m": rng.randint(3, n // 2),
        "k": rng.randint(2, 6),
        "k2": rng.randint(7, 9),
        "a": rng.randint(1, 9),
        "b": rng.randint(10, 40),
        "c": rng.randint(60, 180),
        "y": year,
        "y1": year + 1,
        "q": rng.choice(("I", "II", "III", "IV")),
        "mo": rng.randint(1, 12),
        "place": agency.place,
        "short": agency.short,
        "d": f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}",
        "money": f"{rng.randint(12, 980)},{rng.randint(1, 9)} tỷ đồng",
        "pct": rng.randint(55, 97),
    }


# ---------------------------------------------------------------------------------------------
# the paper: what a document says and which marks it carries


@dataclass
class Mark:
    kind: str  # level | crossed | adjust | declass | recall | named | copyno | copy | urgent | internal | draft
    text: str
    where: str = "under_number"  # under_number | top | top_right | header | footer | end
    beside: bool = False  # on the same row as the previous mark


@dataclass
class Paper:
    agency: Agency
    number: str
    date_line: str
    title: str
    subject: str
    paragraphs: list[str]
    recipients: list[str]
    marks: list[Mark] = field(default_factory=list)
    table: list[list[str]] | None = None
    to_line: str = ""  # "Kính gửi: ..." of a letter


def _date_line(place: str, day: int, month: int, year: int) -> str:
    return f"{place}, ngày {day:02d} tháng {month:02d} năm {year}"


def make_paper(
    rng: random.Random,
    topics: tuple[Topic, ...],
    *,
    agency: Agency | None = None,
    topic: Topic | None = None,
    marks: list[Mark] | None = None,
    sentences: int | None = None,
) -> Paper:
    agency = agency or rng.choice(AGENCIES)
    title, code, subject, pool = topic or rng.choice(topics)
    year = rng.choice((2023, 2024, 2025, 2026))
    ctx = _ctx(rng, agency, year)
    number_value = rng.randint(3, 980)
    if agency.party:
        number = f"Số {number_value}-{code or 'CV'}/{agency.code}"
    elif code:
        number = f"Số: {number_value}/{code}-{agency.code}"
    else:
        number = f"Số: {number_value}/{agency.code}-{rng.choice(('VP', 'TH', 'KT', 'NV'))}"
    count = sentences or rng.randint(3, len(pool))
    chosen = sorted(rng.sample(range(len(pool)), min(count, len(pool))))
    paragraphs = [pool[i].format(**ctx) for i in chosen]
    if title and rng.random() < 0.5:
        paragraphs.insert(
            0, "I. MỤC ĐÍCH, YÊU CẦU" if title == "KẾ HOẠCH" else "I. TÌNH HÌNH CHUNG"
        )
    recipients = [
        "- Như trên;" if not title else "- Các đơn vị trực thuộc;",
        f"- Lãnh đạo {agency.short};",
        f"- Lưu: VT, {rng.choice(('TH', 'VP', 'KHTC', 'NV'))}"
        + (f" ({rng.randint(2, 6):02d}b)." if rng.random() < 0.5 else "."),
    ]
    to_line = ""
    if not title:
        to_line = "Kính gửi: " + rng.choice(
            (
                "Các sở, ban, ngành tỉnh",
                "Ủy ban nhân dân các xã, phường",
                "Văn phòng Chính phủ",
                "Các đơn vị trực thuộc",
            )
        )
    return Paper(
        agency=agency,
        number=number,
        date_line=_date_line(agency.place, rng.randint(1, 28), rng.randint(1, 12), year),
        title=title,
        subject=subject.format(**ctx),
        paragraphs=paragraphs,
        recipients=recipients,
        marks=list(marks or []),
        to_line=to_line,
    )


def level_marks(level: str, rng: random.Random, *, where: str = "under_number") -> list[Mark]:
    """A level stamp, sometimes with the marks that accompany one (Forms 07 to 09)."""
    marks = [Mark("level", LEVEL_WORD[level], where)]
    extra = rng.random()
    if extra < 0.2:
        marks.append(Mark("copyno", f"Bản số: {rng.randint(1, 9)}", where))
    elif extra < 0.3:
        marks.append(Mark("recall", "TÀI LIỆU THU HỒI", where))
    elif extra < 0.37:
        marks.append(Mark("copy", f"BẢN SAO SỐ: {rng.randint(1, 5)}", where))
    return marks


def changed_marks(old: str, new: str, *, where: str = "under_number") -> list[Mark]:
    return [
        Mark("crossed", LEVEL_WORD[old], where),
        Mark("adjust", "ĐIỀU CHỈNH ĐỘ MẬT", where, beside=True),
        Mark("level", LEVEL_WORD[new], where),
    ]


def declass_marks(rng: random.Random, old: str | None, *, crossed: bool) -> list[Mark]:
    day = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{rng.choice((2023, 2024, 2025))}"
    marks: list[Mark] = []
    if old:
        marks.append(Mark("crossed" if crossed else "level", LEVEL_WORD[old]))
    marks.append(Mark("declass", f"GIẢI MẬT\nTừ: {day}", beside=bool(old)))
    return marks


# ---------------------------------------------------------------------------------------------
# page layout in millimetres, drawn either as a text PDF (fpdf2) or as a raster image (Pillow)

INK: RGB = (22, 22, 26)
SEAL_RGB: RGB = (200, 30, 40)


@dataclass
class Stamp:
    lines: list[str]
    rgb: RGB
    pt: float
    family: str = "times"
    box: bool = True
    circle: bool = False
    strike: bool = False
    strike_rgb: RGB = (30, 30, 150)
    bold: bool = True
    rot: float = 0.0
    align: str = "center"
    double: bool = False
    picture: bool = False  # in a text PDF: an embedded picture, not text
    opacity: float = 0.9

    def geometry(self) -> tuple[float, float, list[tuple[float, float, str, str, float]]]:
        """Width, height and (x, baseline, text, style, pt) of each line, in millimetres."""
        unit = self.pt * PT_MM
        if self.circle:
            d = unit * 1.75
            style = "b" if self.bold else "r"
            w = text_mm(self.family, style, self.pt, self.lines[0])
            return d, d, [((d - w) / 2, d / 2 + unit * 0.36, self.lines[0], style, self.pt)]
        pad_x, pad_y = unit * 0.45, unit * 0.3
        rows = []
        y = pad_y
        width = 0.0
        for i, line in enumerate(self.lines):
            pt = self.pt if i == 0 else self.pt * 0.78
            style = "b" if self.bold and (i == 0 or self.align == "center") else "r"
            y += pt * PT_MM * 1.05
            w = text_mm(self.family, style, pt, line)
            width = max(width, w)
            rows.append((w, y, line, style, pt))
            y += pt * PT_MM * 0.3
        total_w = width + 2 * pad_x
        out = []
        for w, baseline, line, style, pt in rows:
            x = (total_w - w) / 2 if self.align == "center" else pad_x
            out.append((x, baseline, line, style, pt))
        return total_w, y + pad_y, out


@dataclass
class Op:
    kind: str  # text | line | rect | stamp | seal | squiggle | image
    x: float
    y: float
    text: str = ""
    style: str = "r"
    pt: float = 13.0
    rgb: RGB = INK
    family: str = "times"
    x2: float = 0.0
    y2: float = 0.0
    width: float = 0.3
    stamp: Stamp | None = None
    points: list[tuple[float, float]] = field(default_factory=list)
    image: Image.Image | None = None
    w: float = 0.0
    h: float = 0.0
    centre: str = ""  # a seal's middle line


@dataclass
class Page:
    w: float = 210.0
    h: float = 297.0
    ops: list[Op] = field(default_factory=list)
    background: RGB = (255, 255, 255)


@dataclass
class Look:
    family: str = "times"
    pt: float = 13.0
    ink: RGB = INK
    stamp_rgb: RGB = (212, 32, 38)
    stamp_family: str = "times"
    stamp_pt: float = 14.0
    stamp_rot: float = 0.0
    stamp_double: bool = False
    stamp_picture: bool = False
    left: float = 30.0
    right: float = 18.0
    top: float = 20.0
    bottom: float = 20.0
    seal: bool = False
    signature: bool = True
    receipt: bool = False
    receipt_rgb: RGB = (40, 60, 170)


def random_look(rng: random.Random, **overrides: object) -> Look:
    look = Look(
        family=rng.choice(("times", "times", "dejavu-serif", "arial", "condensed")),
        pt=rng.choice((12.5, 13.0, 13.5, 14.0)),
        stamp_rgb=rng.choice(((212, 32, 38), (190, 20, 30), (225, 60, 60), (170, 25, 45))),
        stamp_family=rng.choice(("times", "arial", "dejavu-sans", "dejavu-serif")),
        stamp_pt=rng.choice((13.0, 14.0, 15.0, 16.0)),
        stamp_rot=rng.uniform(-4, 4),
        stamp_double=rng.random() < 0.25,
        left=rng.uniform(25, 33),
        right=rng.uniform(15, 20),
        top=rng.uniform(16, 24),
    )
    return replace(look, **overrides)  # type: ignore[arg-type]


class Layout:
    def __init__(self, look: Look, rng: random.Random, size: tuple[float, float] = (210, 297)):
        self.look = look
        self.rng = rng
        self.size = size
        self.pages: list[Page] = [Page(*size)]

    @property
    def ops(self) -> list[Op]:
        return self.pages[-1].ops

    def lh(self, pt: float | None = None) -> float:
        return (pt or self.look.pt) * PT_MM * 1.38

    def text(
        self,
        x: float,
        y: float,
        s: str,
        style: str = "r",
        pt: float | None = None,
        rgb: RGB | None = None,
    ) -> None:
        self.ops.append(
            Op("text", x, y, s, style, pt or self.look.pt, rgb or self.look.ink, self.look.family)
        )

    def centre(
        self,
        cx: float,
        y: float,
        s: str,
        style: str = "r",
        pt: float | None = None,
        *,
        underline: float = 0.0,
    ) -> float:
        pt = pt or self.look.pt
        w = text_mm(self.look.family, style, pt, s)
        self.text(cx - w / 2, y, s, style, pt)
        if underline:
            u = w * underline
            self.ops.append(Op("line", cx - u / 2, y + 1.4, x2=cx + u / 2, y2=y + 1.4, width=0.3))
        return w

    def stamp(self, st: Stamp, x: float, y: float) -> None:
        self.ops.append(Op("stamp", x, y, stamp=st))

    def new_page(self) -> float:
        self.pages.append(Page(*self.size))
        number = len(self.pages)
        self.centre(self.size[0] / 2, self.look.top - 6, str(number), "r", self.look.pt - 1)
        return self.look.top + self.lh()


def stamp_of(mark: Mark, look: Look) -> Stamp:
    lines = mark.text.split("\n")
    st = Stamp(
        lines=lines,
        rgb=look.stamp_rgb,
        pt=look.stamp_pt,
        family=look.stamp_family,
        rot=look.stamp_rot,
        double=look.stamp_double,
        picture=look.stamp_picture,
    )
    if mark.kind == "crossed":
        st.strike = True
    elif mark.kind in ("adjust", "recall", "copy", "named", "internal", "draft"):
        st.pt = look.stamp_pt * 0.8
    elif mark.kind == "copyno":
        st.box = False
        st.bold = False
        st.pt = look.pt
        st.rgb = look.ink
        st.rot = 0.0
    return st


def _place_rows(layout: Layout, marks: list[Mark], cx: float, y: float) -> float:
    """Stack marks as rows centred on `cx`, starting at `y` (top); returns the y below them."""
    rows: list[list[Stamp]] = []
    for mark in marks:
        st = stamp_of(mark, layout.look)
        if mark.beside and rows:
            rows[-1].append(st)
        else:
            rows.append([st])
    for row in rows:
        sizes = [st.geometry()[:2] for st in row]
        total = sum(w for w, _ in sizes) + 4 * (len(row) - 1)
        x = cx - total / 2
        height = max(h for _, h in sizes)
        for st, (w, h) in zip(row, sizes, strict=True):
            layout.stamp(st, x, y + (height - h) / 2)
            x += w + 4
        y += height + 2.5
    return y


def squiggle(rng: random.Random, x: float, y: float) -> list[tuple[float, float]]:
    points = []
    for i in range(14):
        points.append(
            (x + i * 2.6 + rng.uniform(-1, 1), y + math.sin(i * 1.3) * 4 + rng.uniform(-2, 2))
        )
    return points


def layout_paper(paper: Paper, look: Look, rng: random.Random) -> list[Page]:
    lay = Layout(look, rng)
    lh = lay.lh()
    left, right_edge = look.left, 210 - look.right
    left_cx = left + 36
    right_cx = (left + 74 + right_edge) / 2
    bottom = 297 - look.bottom
    marks = paper.marks

    def at(where: str) -> list[Mark]:
        return [m for m in marks if m.where == where]

    top = look.top
    if at("top"):
        _place_rows(lay, at("top"), 105, max(6, top - 12))
    if at("top_right"):
        st = stamp_of(at("top_right")[0], look)
        w, h = st.geometry()[:2]
        lay.stamp(st, right_edge - w, max(5, top - h - 2))

    # issuing body (left)
    y = top + lh
    small = look.pt - 1

    def fitted(text: str, style: str) -> float:
        """The header's point size, made smaller when a long name would cross into the motto."""
        pt = small
        while text_mm(look.family, style, pt, text) > 72 and pt > 9:
            pt -= 0.5
        return pt

    if paper.agency.parent:
        lay.centre(left_cx, y, paper.agency.parent, "r", fitted(paper.agency.parent, "r"))
        y += lay.lh(small)
    body_lines = paper.agency.body.split("\n")
    widest = 0.0
    for line in body_lines:
        widest = max(widest, lay.centre(left_cx, y, line, "b", fitted(line, "b")))
        y += lay.lh(small)
    if paper.agency.party:
        lay.centre(left_cx, y - 1, "*", "b", small)
        y += lay.lh(small) * 0.6
    else:
        lay.ops.append(
            Op("line", left_cx - widest / 5, y - lh + 2, x2=left_cx + widest / 5, y2=y - lh + 2)
        )
    y += lh * 0.35
    lay.centre(left_cx, y, paper.number, "r", look.pt - 0.5)
    y += lay.lh(look.pt - 0.5)
    if paper.subject.startswith("V/v"):
        for line in wrap(look.family, "r", look.pt - 1.5, paper.subject, 70):
            lay.centre(left_cx, y, line, "r", look.pt - 1.5)
            y += lay.lh(look.pt - 1.5)
    if at("under_number"):
        y = _place_rows(lay, at("under_number"), left_cx, y - lh * 0.4) + lh * 0.6

    # national motto and date (right)
    yr = top + lh
    motto = "ĐẢNG CỘNG SẢN VIỆT NAM" if paper.agency.party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    mpt = small
    while text_mm(look.family, "b", mpt, motto) > right_edge - (left + 76) and mpt > 9:
        mpt -= 0.5
    w = lay.centre(right_cx, yr, motto, "b", mpt, underline=1.0 if paper.agency.party else 0.0)
    yr += lay.lh(mpt)
    if not paper.agency.party:
        lay.centre(right_cx, yr, "Độc lập - Tự do - Hạnh phúc", "b", look.pt, underline=1.0)
        yr += lh * 1.4
    else:
        yr += lh * 0.6
    lay.centre(right_cx, yr, paper.date_line, "i", look.pt - 0.5)
    yr += lh

    y = max(y, yr) + lh * 0.6
    if paper.title:
        lay.centre(105, y, paper.title, "b", look.pt + 1)
        y += lay.lh(look.pt + 1)
        for line in wrap(look.family, "b", look.pt, paper.subject, 150):
            lay.centre(105, y, line, "b", look.pt)
            y += lh
        lay.ops.append(Op("line", 90, y - lh * 0.45, x2=120, y2=y - lh * 0.45))
        y += lh * 0.5
    if paper.to_line:
        lay.centre(105, y, paper.to_line, "r", look.pt)
        y += lh * 1.5
    if look.receipt:
        receipt = Stamp(
            lines=[
                rng.choice(("SỞ TƯ PHÁP", "VĂN PHÒNG UBND TỈNH", "UBND PHƯỜNG AN HÒA")),
                f"ĐẾN  Số: {rng.randint(100, 9999)}",
                f"Ngày: {rng.randint(1, 28)}/{rng.randint(1, 12)}/{rng.choice((2024, 2025))}",
                "Chuyển: ..................",
                "Lưu hồ sơ số: ...........",
            ],
            rgb=look.receipt_rgb,
            pt=11,
            family=look.stamp_family,
            align="left",
            rot=rng.uniform(-6, 6),
            bold=True,
            opacity=0.8,
        )
        lay.stamp(receipt, left + rng.uniform(0, 10), y - lh * 0.5)
        y += receipt.geometry()[1]

    width = right_edge - left
    for para in paper.paragraphs:
        heading = para[:4].strip(". ").isupper() and para.upper() == para
        style = "b" if heading else "r"
        lines = wrap(look.family, style, look.pt, para, width - (0 if heading else 10))
        for i, line in enumerate(lines):
            if y > bottom:
                y = lay.new_page()
            lay.text(left + (10 if i == 0 and not heading else 0), y, line, style)
            y += lh
        y += lh * 0.25
    if paper.table:
        cols = len(paper.table[0])
        col_w = width / cols
        row_h = lay.lh(look.pt - 1) * 1.3
        for r, row in enumerate(paper.table):
            if y + row_h > bottom:
                y = lay.new_page()
            for c, cell in enumerate(row):
                x = left + c * col_w
                lay.ops.append(Op("rect", x, y, w=col_w, h=row_h, width=0.25))
                pt = look.pt - 1.5
                style = "b" if r == 0 else "r"
                while text_mm(look.family, style, pt, cell) > col_w - 2 and pt > 7:
                    pt -= 0.5
                lay.text(x + 1, y + row_h * 0.68, cell, style, pt)
            y += row_h
        y += lh

    # recipients (left) and signature (right)
    if y + 62 > bottom:
        y = lay.new_page()
    y += lh * 0.4
    ys = y
    lay.text(left, y, "Nơi nhận:", "b", look.pt - 1)
    y += lay.lh(look.pt - 2)
    for line in paper.recipients:
        lay.text(left, y, line, "r", look.pt - 2)
        y += lay.lh(look.pt - 2)
    for line in paper.agency.sign:
        lay.centre(right_cx, ys, line, "b", look.pt - 0.5)
        ys += lay.lh(look.pt - 0.5)
    if look.seal:
        lay.ops.append(
            Op("seal", right_cx - 36, ys - 4, seal_text(paper.agency), rgb=SEAL_RGB, w=36, h=36)
        )
    if look.signature:
        lay.ops.append(Op("squiggle", 0, 0, points=squiggle(rng, right_cx - 16, ys + 12)))
    ys += 26
    lay.centre(right_cx, ys, paper.agency.signer, "b", look.pt)
    ys += lh * 1.2
    if at("end"):
        _place_rows(lay, at("end"), right_cx, ys)

    for where, y_at in (("header", 6.0), ("footer", 297 - 14.0)):
        for page in lay.pages:
            x = 105.0
            for mark in at(where):
                st = stamp_of(mark, look)
                w, h = st.geometry()[:2]
                page.ops.append(Op("stamp", x - w / 2, y_at, stamp=st))
                x += w + 4
    return lay.pages


def seal_text(agency: Agency) -> str:
    name = agency.body.replace("\n", " ")
    if agency.parent and not agency.parent.startswith("UBND"):
        return f"{agency.parent} * {name} *"
    return f"{name} * {agency.place.upper()} *"


# ---------------------------------------------------------------------------------------------
# raster back end


def stamp_image(st: Stamp, dpi: int, rng: random.Random) -> Image.Image:
    scale = dpi / 25.4
    w_mm, h_mm, rows = st.geometry()
    width, height = round(w_mm * scale) + 6, round(h_mm * scale) + 6
    mask = Image.new("L", (width, height), 0)
    draw = ImageDraw.Draw(mask)
    border = max(2, round(0.5 * scale))
    if st.circle:
        draw.ellipse([3, 3, width - 4, height - 4], outline=255, width=border)
    elif st.box:
        draw.rectangle([3, 3, width - 4, height - 4], outline=255, width=border)
        if st.double:
            gap = border * 2
            draw.rectangle(
                [3 + gap, 3 + gap, width - 4 - gap, height - 4 - gap], outline=255, width=1
            )
    for x, baseline, line, style, pt in rows:
        font = _pil_font(st.family, style, pt * dpi / 72)
        draw.text((3 + x * scale, 3 + baseline * scale), line, font=font, fill=255, anchor="ls")
    noise = Image.effect_noise((width, height), 80).filter(ImageFilter.GaussianBlur(1.2))
    patchy = noise.point(lambda v: 255 if v > 100 else max(60, v * 2))
    alpha = ImageChops.multiply(mask, patchy).point(lambda v: round(v * st.opacity))
    image = Image.new("RGBA", (width, height), (*st.rgb, 0))
    image.putalpha(alpha)
    if st.strike:
        pen = ImageDraw.Draw(image)
        y = height * rng.uniform(0.4, 0.6)
        pen.line(
            [(0, y + rng.uniform(-3, 3)), (width, y + rng.uniform(-6, 6))],
            fill=(*st.strike_rgb, 235),
            width=max(2, round(0.45 * scale)),
        )
    if abs(st.rot) > 0.05:
        image = image.rotate(st.rot, expand=True, resample=Image.Resampling.BICUBIC)
    return image


def seal_image(
    text: str, d_mm: float, rgb: RGB, dpi: int, centre: str = "", *, star: bool = True
) -> Image.Image:
    """A round agency seal: two rings, the name around, a star (or a name) in the middle."""
    scale = dpi / 25.4
    size = round(d_mm * scale)
    r = size / 2
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    draw.ellipse([2, 2, size - 3, size - 3], outline=255, width=max(2, round(size * 0.022)))
    inner = r * 0.68
    draw.ellipse(
        [r - inner, r - inner, r + inner, r + inner], outline=255, width=max(1, round(size * 0.01))
    )
    font = _pil_font("arial", "b", size * 0.105)
    span = 330.0
    step = span / max(1, len(text))
    for i, ch in enumerate(text):
        angle = -90 - span / 2 + step * (i + 0.5)
        glyph = Image.new("L", (round(size * 0.16), round(size * 0.16)), 0)
        ImageDraw.Draw(glyph).text(
            (glyph.width / 2, glyph.height / 2), ch, font=font, fill=255, anchor="mm"
        )
        glyph = glyph.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        cx = r + r * 0.84 * math.cos(math.radians(angle))
        cy = r + r * 0.84 * math.sin(math.radians(angle))
        mask.paste(255, (round(cx - glyph.width / 2), round(cy - glyph.height / 2)), glyph)
    star_r = r * (0.2 if not centre else 0.12)
    star_cy = r if not centre else r - r * 0.25
    points = []
    for k in range(10):
        rad = star_r if k % 2 == 0 else star_r * 0.4
        a = math.radians(-90 + k * 36)
        points.append((r + rad * math.cos(a), star_cy + rad * math.sin(a)))
    if star:
        draw.polygon(points, fill=255)
    if centre:
        cfont = _pil_font("arial", "b", size * 0.08)
        draw.text((r, r + r * 0.2), centre, font=cfont, fill=255, anchor="mm")
    noise = Image.effect_noise((size, size), 70).filter(ImageFilter.GaussianBlur(1.5))
    alpha = ImageChops.multiply(mask, noise.point(lambda v: 255 if v > 95 else max(70, v * 2)))
    image = Image.new("RGBA", (size, size), (*rgb, 0))
    image.putalpha(alpha.point(lambda v: round(v * 0.85)))
    return image


def raster(page: Page, dpi: int, rng: random.Random) -> Image.Image:
    scale = dpi / 25.4
    image = Image.new("RGB", (round(page.w * scale), round(page.h * scale)), page.background)
    draw = ImageDraw.Draw(image)
    for op in page.ops:
        if op.kind == "text":
            font = _pil_font(op.family, op.style, op.pt * dpi / 72)
            draw.text((op.x * scale, op.y * scale), op.text, font=font, fill=op.rgb, anchor="ls")
        elif op.kind == "line":
            draw.line(
                [(op.x * scale, op.y * scale), (op.x2 * scale, op.y2 * scale)],
                fill=op.rgb,
                width=max(1, round(op.width * scale)),
            )
        elif op.kind == "rect":
            draw.rectangle(
                [op.x * scale, op.y * scale, (op.x + op.w) * scale, (op.y + op.h) * scale],
                outline=op.rgb,
                width=max(1, round(op.width * scale)),
            )
        elif op.kind == "stamp" and op.stamp:
            picture = stamp_image(op.stamp, dpi, rng)
            w_mm, h_mm, _ = op.stamp.geometry()
            cx, cy = (op.x + w_mm / 2) * scale, (op.y + h_mm / 2) * scale
            image.paste(
                picture, (round(cx - picture.width / 2), round(cy - picture.height / 2)), picture
            )
        elif op.kind == "seal":
            picture = seal_image(op.text, op.w, op.rgb, dpi, op.centre, star=op.style != "plain")
            image.paste(picture, (round(op.x * scale), round(op.y * scale)), picture)
        elif op.kind == "squiggle":
            draw.line(
                [(x * scale, y * scale) for x, y in op.points],
                fill=(30, 40, 140),
                width=max(2, round(0.35 * scale)),
                joint="curve",
            )
        elif op.kind == "image" and op.image is not None:
            picture = op.image.resize((round(op.w * scale), round(op.h * scale)))
            mask = picture if picture.mode == "RGBA" else None
            image.paste(picture, (round(op.x * scale), round(op.y * scale)), mask)
    return image


# ---------------------------------------------------------------------------------------------
# PDF back end


def _png(image: Image.Image) -> io.BytesIO:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def pdf_of(pages: list[Page], rng: random.Random, *, title: str = "", author: str = "") -> bytes:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(pages[0].w, pages[0].h))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(2025, rng.randint(1, 12), rng.randint(1, 28), tzinfo=UTC))
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    loaded: set[str] = set()

    def font(family: str, style: str, pt: float) -> None:
        name = f"ho-{family}"  # not "times"/"arial": those are fpdf's Latin-1 core fonts
        if family not in loaded:
            pdf.add_font(name, "", str(FONTS[family]["r"]))
            pdf.add_font(name, "B", str(FONTS[family]["b"]))
            pdf.add_font(name, "I", str(FONTS[family]["i"]))
            loaded.add(family)
        pdf.set_font(name, {"r": "", "b": "B", "i": "I"}[style], pt)

    for page in pages:
        pdf.add_page(format=(page.w, page.h))
        for op in page.ops:
            if op.kind == "text":
                font(op.family, op.style, op.pt)
                pdf.set_text_color(*op.rgb)
                pdf.text(op.x, op.y, op.text)
            elif op.kind == "line":
                pdf.set_draw_color(*op.rgb)
                pdf.set_line_width(op.width)
                pdf.line(op.x, op.y, op.x2, op.y2)
            elif op.kind == "rect":
                pdf.set_draw_color(*op.rgb)
                pdf.set_line_width(op.width)
                pdf.rect(op.x, op.y, op.w, op.h)
            elif op.kind == "stamp" and op.stamp:
                st = op.stamp
                w, h, rows = st.geometry()
                if st.picture:
                    picture = stamp_image(st, 200, rng)
                    pw, ph = picture.width / 200 * 25.4, picture.height / 200 * 25.4
                    pdf.image(_png(picture), op.x + w / 2 - pw / 2, op.y + h / 2 - ph / 2, pw, ph)
                    continue
                pdf.set_draw_color(*st.rgb)
                pdf.set_line_width(0.5)
                if st.circle:
                    pdf.ellipse(op.x, op.y, w, h)
                elif st.box:
                    pdf.rect(op.x, op.y, w, h)
                    if st.double:
                        pdf.set_line_width(0.15)
                        pdf.rect(op.x + 1, op.y + 1, w - 2, h - 2)
                pdf.set_text_color(*st.rgb)
                for x, baseline, line, style, pt in rows:
                    font(st.family, style, pt)
                    pdf.text(op.x + x, op.y + baseline, line)
                if st.strike:
                    pdf.set_draw_color(*st.strike_rgb)
                    pdf.set_line_width(0.4)
                    pdf.line(op.x - 1, op.y + h * 0.55, op.x + w + 1, op.y + h * 0.45)
            elif op.kind == "seal":
                picture = seal_image(
                    op.text, op.w, op.rgb, 200, op.centre, star=op.style != "plain"
                )
                pdf.image(_png(picture), op.x, op.y, op.w, op.h)
            elif op.kind == "squiggle":
                pdf.set_draw_color(30, 40, 140)
                pdf.set_line_width(0.35)
                pdf.polyline(op.points)
            elif op.kind == "image" and op.image is not None:
                pdf.image(_png(op.image), op.x, op.y, op.w, op.h)
    return bytes(pdf.output())


# ---------------------------------------------------------------------------------------------
# scanner and phone camera


def scanned(
    page: Image.Image,
    rng: random.Random,
    *,
    mode: str = "RGB",
    skew: float | None = None,
    noise: float = 14.0,
    blur: float = 0.5,
) -> Image.Image:
    """A page as a flatbed scanner returns it: slightly skewed, soft, grainy, off-white."""
    angle = rng.uniform(-1.2, 1.2) if skew is None else skew
    image = page.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    grain = Image.effect_noise(image.size, noise).convert("RGB")
    image = ImageChops.multiply(image, grain.point(lambda v: min(255, v + 110)))
    tint = Image.new("RGB", image.size, (rng.randint(236, 250), rng.randint(236, 250), 235))
    image = ImageChops.multiply(image, tint).point(lambda v: min(255, round(v * 1.04)))
    if mode == "L":
        return image.convert("L")
    if mode == "1":
        return image.convert("L").point(lambda v: 255 if v > 150 else 0).convert("1")
    return image


def scan_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    buffer = io.BytesIO()
    first = pages[0]
    first.save(buffer, "PDF", resolution=float(dpi), save_all=True, append_images=pages[1:])
    return buffer.getvalue()


def photographed(
    paper: Image.Image,
    rng: random.Random,
    *,
    out: tuple[int, int] = (1800, 2400),
    tilt: float = 0.08,
    shadow: bool = True,
    uneven: bool = True,
    desk: RGB | None = None,
    quality: int = 85,
    exif_orientation: int = 0,
) -> bytes:
    """A phone photo of a sheet lying on a desk: perspective, shadow, uneven light, JPEG."""
    width, height = out
    desk = desk or rng.choice(((120, 86, 60), (150, 150, 145), (90, 70, 55), (200, 195, 185)))
    scene = Image.new("RGB", out, desk)
    scene = ImageChops.add(scene, Image.effect_noise(out, 20).convert("RGB"), scale=4.0)
    fit = min(width * 0.86 / paper.width, height * 0.86 / paper.height)
    pw, ph = paper.width * fit, paper.height * fit
    x0, y0 = (width - pw) / 2, (height - ph) / 2

    def jitter() -> float:
        return rng.uniform(-tilt, tilt) * min(pw, ph)

    corners = [
        (x0 + jitter(), y0 + jitter()),
        (x0 + pw + jitter(), y0 + jitter()),
        (x0 + pw + jitter(), y0 + ph + jitter()),
        (x0 + jitter(), y0 + ph + jitter()),
    ]
    src = [(0.0, 0.0), (paper.width, 0.0), (paper.width, paper.height), (0.0, paper.height)]
    coeffs = perspective_coeffs(corners, src)
    warped = paper.convert("RGB").transform(
        out, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", paper.size, 255).transform(
        out, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    scene.paste(warped, (0, 0), mask)
    if uneven:
        light = Image.new("L", (4, 4))
        light.putdata([rng.randint(150, 255) for _ in range(16)])
        light = light.resize(out, Image.Resampling.BICUBIC).filter(ImageFilter.GaussianBlur(40))
        scene = ImageChops.multiply(scene, Image.merge("RGB", (light, light, light)))
        scene = scene.point(lambda v: min(255, round(v * 1.12)))
    if shadow:
        shade = Image.new("L", out, 255)
        polygon: list[tuple[float, float]]
        edge = rng.choice(("left", "bottom", "corner"))
        if edge == "left":
            polygon = [
                (0, 0),
                (width * rng.uniform(0.2, 0.4), 0),
                (width * rng.uniform(0.1, 0.3), height),
                (0, height),
            ]
        elif edge == "bottom":
            polygon = [
                (0, height * rng.uniform(0.65, 0.8)),
                (width, height * rng.uniform(0.75, 0.9)),
                (width, height),
                (0, height),
            ]
        else:
            polygon = [(width, 0), (width, height * 0.5), (width * 0.55, 0)]
        ImageDraw.Draw(shade).polygon(polygon, fill=rng.randint(110, 160))
        shade = shade.filter(ImageFilter.GaussianBlur(min(out) / 30))
        scene = ImageChops.multiply(scene, Image.merge("RGB", (shade, shade, shade)))
    scene = scene.filter(ImageFilter.GaussianBlur(rng.uniform(0.6, 1.2)))
    grain = Image.effect_noise(out, 18).convert("RGB").point(lambda v: min(255, v + 120))
    scene = ImageChops.multiply(scene, grain)
    buffer = io.BytesIO()
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        scene.save(buffer, "JPEG", quality=quality, exif=exif)
    else:
        scene.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# envelopes (Decree 26/2020: the outer envelope carries the circled letter, the inner one the
# level stamp and, when needed, "named reader only")


def layout_envelope(
    rng: random.Random,
    *,
    agency: Agency,
    letter: str | None = None,
    level: str | None = None,
    named: bool = False,
    urgent: str | None = None,
    postal: bool = True,
    look: Look | None = None,
) -> Page:
    look = look or random_look(rng)
    size = rng.choice(((220.0, 110.0), (229.0, 162.0), (250.0, 176.0)))
    page = Page(
        *size,
        background=rng.choice(((236, 222, 188), (246, 240, 222), (250, 250, 246), (224, 205, 165))),
    )
    lay = Layout(look, rng, size)
    lay.pages = [page]
    lh = lay.lh(12)
    x, y = 12.0, 14.0
    if agency.parent:
        lay.text(x, y, agency.parent, "r", 11)
        y += lh
    for line in agency.body.split("\n"):
        lay.text(x, y, line, "b", 11.5)
        y += lh
    lay.text(
        x,
        y,
        f"Địa chỉ: {rng.randint(1, 250)} đường {rng.choice(('Trần Hưng Đạo', 'Lê Lợi', 'Hùng Vương', 'Nguyễn Trãi'))}, {agency.place}",
        "r",
        10,
    )
    y += lh * 1.2
    lay.text(x, y, f"Số: {rng.randint(10, 900)}/{agency.code}", "r", 11)
    y += lh * 0.5
    if letter:
        circle = Stamp(
            [letter],
            look.stamp_rgb,
            rng.choice((18.0, 20.0, 24.0)),
            family=rng.choice(("times", "arial", "dejavu-sans")),
            box=False,
            circle=True,
            rot=rng.uniform(-8, 8),
        )
        lay.stamp(circle, x + rng.uniform(4, 20), y + 2)
        y += circle.geometry()[1] + 4
    if level:
        st = Stamp(
            [LEVEL_WORD[level]],
            look.stamp_rgb,
            look.stamp_pt,
            look.stamp_family,
            rot=look.stamp_rot,
        )
        lay.stamp(st, x + 4, y + 2)
        y += st.geometry()[1] + 4
    if named:
        st = Stamp(
            ["CHỈ NGƯỜI CÓ TÊN", "MỚI ĐƯỢC BÓC BÌ"],
            look.stamp_rgb,
            11,
            look.stamp_family,
            rot=rng.uniform(-3, 3),
        )
        lay.stamp(st, x + 2, min(y + 2, size[1] - 26))
    if urgent:
        st = Stamp([urgent], look.stamp_rgb, 14, look.stamp_family, rot=rng.uniform(-5, 5))
        lay.stamp(st, size[0] * 0.45, 10)
    rx = size[0] * 0.45
    ry = size[1] * 0.55
    recipient = rng.choice(
        (
            ("Kính gửi: Văn phòng Tỉnh ủy", "Số 8 đường Hoàng Văn Thụ", "Thành phố Lạng Sơn"),
            ("Kính gửi: Đồng chí Giám đốc Sở Tài chính", "Số 2 đường Lý Thường Kiệt", "Ninh Bình"),
            ("Kính gửi: Cục An ninh chính trị nội bộ", "Số 47 phố Phạm Văn Đồng", "Hà Nội"),
            ("Kính gửi: Ông Nguyễn Văn Tâm", "Phòng 304, nhà B", "Khu tập thể Kim Liên, Hà Nội"),
        )
    )
    for i, line in enumerate(recipient):
        lay.text(rx, ry + i * lh * 1.3, line, "b" if i == 0 else "r", 13 if i == 0 else 12)
    if postal:
        lay.ops.append(Op("rect", size[0] - 34, 8, w=24, h=28, rgb=(60, 120, 90), width=0.8))
        lay.text(size[0] - 31, 20, "VIỆT NAM", "b", 8, (60, 120, 90))
        lay.text(size[0] - 30, 30, "4000đ", "b", 10, (60, 120, 90))
        cx, cy = size[0] - 46, 30
        day = f"{rng.randint(1, 28)}.{rng.randint(1, 12)}.25"
        lay.ops.append(
            Op(
                "seal",
                cx - 13,
                cy - 13,
                f"BƯU CỤC {agency.place.upper()} *",
                "plain",
                rgb=(55, 55, 65),
                centre=day,
                w=26,
                h=26,
            )
        )
    return page


# ---------------------------------------------------------------------------------------------
# Word (.docx)


def _hex(rgb: RGB) -> str:
    return "{:02X}{:02X}{:02X}".format(*rgb)


@dataclass
class WordStyle:
    font: str = "Times New Roman"
    size: float = 13.0
    stamp: str = "pbdr"  # pbdr | table | vml | plain | image
    stamp_rgb: RGB = (230, 0, 0)
    stamp_size: float = 14.0
    seal: bool = False
    image_dpi: int = 200


def _run(
    paragraph: object,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    rgb: RGB | None = None,
    strike: bool = False,
    underline: bool = False,
) -> object:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)  # type: ignore[attr-defined]
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if rgb:
        run.font.color.rgb = RGBColor(*rgb)
    if strike:
        run.font.strike = True
    if underline:
        run.underline = True
    return run


def _table_borders(table: object, colour: str | None, size: int = 12) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr  # type: ignore[attr-defined]
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "single" if colour else "nil")
        if colour:
            edge.set(qn("w:sz"), str(size))
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), colour)
        borders.append(edge)
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(borders)
    else:
        tblpr.append(borders)


_VML = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">'
    "<w:pict>"
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
    '<v:shape id="{id}" type="#_x0000_t202" style="width:{w}pt;height:{h}pt" '
    'strokecolor="#{colour}" strokeweight="1.5pt">'
    "<v:textbox><w:txbxContent>{paragraphs}</w:txbxContent></v:textbox>"
    "</v:shape></w:pict></w:r>"
)


def _vml_paragraph(lines: list[str], colour: str, half_points: int, strike: bool) -> str:
    out = []
    for i, line in enumerate(lines):
        props = f'<w:b/>{"<w:strike/>" if strike else ""}<w:color w:val="{colour}"/><w:sz w:val="{half_points if i == 0 else half_points - 6}"/>'
        out.append(
            '<w:p><w:pPr><w:jc w:val="center"/></w:pPr>'
            f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        )
    return "".join(out)


def _word_mark(
    container: object, mark: Mark, style: WordStyle, rng: random.Random, width_cm: float
) -> None:
    """One mark as the chosen kind of Word object, added to a cell, header or document."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml
    from docx.shared import Cm

    lines = mark.text.split("\n")
    strike = mark.kind == "crossed"
    size = (
        style.stamp_size if mark.kind in ("level", "crossed", "declass") else style.stamp_size - 2
    )
    colour = _hex(style.stamp_rgb)
    if mark.kind == "copyno":
        p = container.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, mark.text, size=style.size - 1)
        return

    def stamp_line(p: object, line: str, *, first: bool) -> None:
        """A line of a framed stamp: the level word large, what follows it three points smaller."""
        _run(
            p, line, bold=True, size=size if first else size - 3, rgb=style.stamp_rgb, strike=strike
        )

    kind = style.stamp
    longest = max(len(line) for line in lines)
    stamp_cm = min(width_cm - 0.4, 0.3 * size / 10 * longest + 1.0)
    if kind == "pbdr":
        p = container.add_paragraph()  # type: ignore[attr-defined]
        paragraph_border(p, colour, space=1)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        side = max(0.0, (width_cm - stamp_cm) / 2)
        p.paragraph_format.left_indent = Cm(side)
        p.paragraph_format.right_indent = Cm(side)
        for i, line in enumerate(lines):
            if i:
                _run(p, "").add_break()  # type: ignore[attr-defined]
            stamp_line(p, line, first=i == 0)
    elif kind == "table":
        table = container.add_table(rows=1, cols=1)  # type: ignore[attr-defined]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _table_borders(table, colour, rng.choice((8, 12, 18)))
        table.autofit = False
        table.columns[0].width = Cm(stamp_cm)
        cell = table.cell(0, 0)
        cell.width = Cm(stamp_cm)
        for i, line in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            stamp_line(p, line, first=i == 0)
    elif kind == "vml":
        p = container.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        xml = _VML.format(
            id=f"_x0000_s{rng.randint(1025, 4000)}",
            w=round(stamp_cm / 2.54 * 72),
            h=round(size * 1.9 * len(lines)),
            colour=colour,
            paragraphs=_vml_paragraph(lines, colour, round(size * 2), strike),
        )
        p._p.append(parse_xml(xml))
    elif kind == "image":
        look = Look(
            stamp_rgb=style.stamp_rgb,
            stamp_pt=size,
            stamp_family="times",
            stamp_rot=rng.uniform(-3, 3),
        )
        picture = stamp_image(stamp_of(mark, look), style.image_dpi, rng)
        p = container.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run().add_picture(_png(picture), width=Cm(picture.width / style.image_dpi * 2.54))
    else:  # plain red capitals, no frame
        p = container.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(lines):
            if i:
                _run(p, "").add_break()  # type: ignore[attr-defined]
            _run(p, line, bold=True, size=size, rgb=style.stamp_rgb, strike=strike)


def docx_of(paper: Paper, rng: random.Random, style: WordStyle | None = None) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    style = style or WordStyle()
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = style.font
    normal.font.size = Pt(style.size)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(rng.choice((3.0, 3.0, 3.5))), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    doc.core_properties.author = rng.choice(("Admin", "Van thu", "nguyenvana", "PC", "user"))
    doc.core_properties.created = datetime(2025, rng.randint(1, 12), rng.randint(1, 28), 9, 0)
    doc.core_properties.comments = ""  # python-docx's template says who wrote it

    def marks_at(where: str) -> list[Mark]:
        return [m for m in paper.marks if m.where == where]

    for mark in marks_at("top") + marks_at("top_right"):
        _word_mark(doc, mark, style, rng, 16.0)
    for where, part in (("header", section.header), ("footer", section.footer)):
        for mark in marks_at(where):
            para = part.paragraphs[0]
            para.alignment = rng.choice(
                (WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
            )
            if style.stamp == "pbdr":
                paragraph_border(para, _hex(style.stamp_rgb), space=1)
            _run(
                para,
                mark.text.replace("\n", " "),
                bold=True,
                size=style.stamp_size,
                rgb=style.stamp_rgb,
                strike=mark.kind == "crossed",
            )
    header = doc.add_table(rows=1, cols=2)
    _table_borders(header, None)
    left, right = header.cell(0, 0), header.cell(0, 1)
    left.width, right.width = Cm(7.0), Cm(9.5)
    size = style.size

    def centred(cell: object, text: str, **kw: object) -> object:
        p = cell.add_paragraph()  # type: ignore[attr-defined]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        _run(p, text, **kw)  # type: ignore[arg-type]
        return p

    lp = left.paragraphs[0]
    lp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.agency.parent:
        _run(lp, paper.agency.parent, size=size - 1)
        for line in paper.agency.body.split("\n"):
            centred(left, line, bold=True, size=size - 1)
    else:
        body = paper.agency.body.split("\n")
        _run(lp, body[0], bold=True, size=size - 1)
        for line in body[1:]:
            centred(left, line, bold=True, size=size - 1)
    centred(left, "*" if paper.agency.party else "―――――", size=size - 2)
    centred(left, paper.number, size=size)
    if paper.subject.startswith("V/v"):
        centred(left, paper.subject, size=size - 1)
    for mark in marks_at("under_number"):
        _word_mark(left, mark, style, rng, 7.0)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if paper.agency.party:
        _run(rp, "ĐẢNG CỘNG SẢN VIỆT NAM", bold=True, size=size + 1, underline=True)
    else:
        _run(rp, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=size - 1)
        centred(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=size, underline=True)
    centred(right, "")
    centred(right, paper.date_line, italic=True, size=size)

    doc.add_paragraph()
    if paper.title:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, paper.title, bold=True, size=size + 1)
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, paper.subject, bold=True, size=size)
    if paper.to_line:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, paper.to_line, size=size)
    for text in paper.paragraphs:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        heading = text.upper() == text
        if not heading:
            p.paragraph_format.first_line_indent = Cm(1)
        p.paragraph_format.space_after = Pt(6)
        _run(p, text, bold=heading)
    if paper.table:
        table = doc.add_table(rows=len(paper.table), cols=len(paper.table[0]))
        table.style = "Table Grid"
        for r, row in enumerate(paper.table):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
                _run(cell.paragraphs[0], value, bold=r == 0, size=size - 1)
        doc.add_paragraph()
    end = doc.add_table(rows=1, cols=2)
    _table_borders(end, None)
    left, right = end.cell(0, 0), end.cell(0, 1)
    lp = left.paragraphs[0]
    _run(lp, "Nơi nhận:", bold=True, italic=True, size=size - 1)
    for line in paper.recipients:
        p = left.add_paragraph()
        p.paragraph_format.space_after = Pt(0)
        _run(p, line, size=size - 2)
    rp = right.paragraphs[0]
    rp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(rp, paper.agency.sign[0], bold=True, size=size)
    for line in paper.agency.sign[1:]:
        centred(right, line, bold=True, size=size)
    if style.seal:
        p = right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        seal = seal_image(seal_text(paper.agency), 36, SEAL_RGB, 150)
        p.add_run().add_picture(_png(seal), width=Cm(3.6))
    else:
        for _ in range(3):
            centred(right, "")
    centred(right, paper.agency.signer, bold=True, size=size)
    for mark in marks_at("end"):
        _word_mark(right, mark, style, rng, 9.0)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def random_word_style(rng: random.Random, **overrides: object) -> WordStyle:
    style = WordStyle(
        font=rng.choice(("Times New Roman", "Times New Roman", "Arial", "Tahoma", "Cambria")),
        size=rng.choice((12.0, 13.0, 13.0, 14.0)),
        stamp=rng.choice(("pbdr", "table", "vml", "plain")),
        stamp_rgb=rng.choice(((255, 0, 0), (230, 0, 0), (192, 0, 0), (204, 0, 51))),
        stamp_size=rng.choice((13.0, 14.0, 16.0)),
    )
    return replace(style, **overrides)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# web pages and plain text


def _split_spans(text: str, rng: random.Random) -> str:
    """The word cut into spans at random places, as editors and converters leave it."""
    pieces: list[str] = []
    i = 0
    while i < len(text):
        step = rng.randint(1, 3)
        pieces.append(text[i : i + step])
        i += step
    out = []
    for piece in pieces:
        if piece == " ":
            out.append("&nbsp;")
            continue
        attrs = rng.choice(
            ("", ' class="c1"', ' style="font-weight:bold"', ' lang="vi"', ' style="color:#d00000"')
        )
        out.append(f"<span{attrs}>{escape(piece)}</span>")
    return "".join(out)


def _entities(text: str) -> str:
    return "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in text)


def html_mark(mark: Mark, mode: str, rng: random.Random, colour: str = "#d00000") -> str:
    lines = mark.text.split("\n")
    box = f"display:inline-block;border:2px solid {colour};color:{colour};padding:2px 12px;font-weight:bold;font-size:15pt;text-align:center"
    if mark.kind == "copyno":
        return f'<p style="text-align:center">{escape(mark.text)}</p>'
    if mark.kind == "crossed":
        return f'<span style="{box};text-decoration:line-through">{escape(lines[0])}</span>'
    if mode == "image":
        look = Look(stamp_rgb=(208, 0, 0), stamp_pt=15, stamp_family=rng.choice(("times", "arial")))
        picture = stamp_image(stamp_of(mark, look), 150, rng)
        data = base64.b64encode(_png(picture).getvalue()).decode()
        alt = rng.choice(("", "image001.png", "dau"))
        return f'<img src="data:image/png;base64,{data}" alt="{alt}" width="{picture.width}">'
    inner = "<br>".join(
        {
            "split": lambda s: _split_spans(s, rng),
            "entity": _entities,
            "spacing": escape,
            "uppercase": lambda s: escape(s.lower()),
            "spaced": lambda s: "&nbsp;".join(escape(ch) if ch != " " else "&nbsp;" for ch in s),
        }.get(mode, escape)(line)
        for line in lines
    )
    extra = {"spacing": ";letter-spacing:0.45em", "uppercase": ";text-transform:uppercase"}.get(
        mode, ""
    )
    if mode == "font":
        return f'<p align="center"><font color="red" size="4"><b>{inner}</b></font></p>'
    return f'<div style="text-align:center;margin:4px 0"><span class="do-mat" style="{box}{extra}">{inner}</span></div>'


def html_of(
    paper: Paper,
    rng: random.Random,
    *,
    mode: str = "div",
    charset: str = "utf-8",
    title: str | None = None,
) -> bytes:
    marks = {
        w: [m for m in paper.marks if m.where == w]
        for w in ("top", "under_number", "header", "end", "top_right", "footer")
    }
    font = rng.choice(("'Times New Roman', serif", "Arial, sans-serif", "Tahoma, sans-serif"))
    under = "".join(html_mark(m, mode, rng) for m in marks["under_number"])
    top = "".join(
        html_mark(m, mode, rng) for m in marks["top"] + marks["top_right"] + marks["header"]
    )
    body_lines = "<br>".join(f"<b>{escape(line)}</b>" for line in paper.agency.body.split("\n"))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="vi"><head><meta charset="{charset}">',
        f"<title>{escape(title if title is not None else paper.subject)}</title>",
        f"<style>body{{font-family:{font};font-size:13pt;max-width:800px;margin:auto}}"
        "td{vertical-align:top;text-align:center}p.b{text-indent:1cm;text-align:justify}</style>",
        "</head><body>",
        top,
        '<table width="100%"><tr><td width="42%">',
        escape(paper.agency.parent) + ("<br>" if paper.agency.parent else ""),
        body_lines,
        "<br>———<br>",
        escape(paper.number),
        (f"<br><small>{escape(paper.subject)}</small>" if paper.subject.startswith("V/v") else ""),
        under,
        "</td><td>"
        + (
            "<b><u>ĐẢNG CỘNG SẢN VIỆT NAM</u></b>"
            if paper.agency.party
            else "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b><u>Độc lập - Tự do - Hạnh phúc</u></b>"
        ),
        f"<br><br><i>{escape(paper.date_line)}</i></td></tr></table>",
    ]
    if paper.title:
        parts.append(f'<h3 style="text-align:center;margin-bottom:0">{escape(paper.title)}</h3>')
        parts.append(
            f'<p style="text-align:center;margin-top:2px"><b>{escape(paper.subject)}</b></p>'
        )
    if paper.to_line:
        parts.append(f'<p style="text-align:center">{escape(paper.to_line)}</p>')
    for text in paper.paragraphs:
        parts.append(
            f'<p class="b">{escape(text)}</p>'
            if text.upper() != text
            else f"<p><b>{escape(text)}</b></p>"
        )
    if paper.table:
        rows = []
        for r, row in enumerate(paper.table):
            tag = "th" if r == 0 else "td"
            rows.append("<tr>" + "".join(f"<{tag}>{escape(c)}</{tag}>" for c in row) + "</tr>")
        parts.append(
            '<table border="1" cellspacing="0" cellpadding="4" style="border-collapse:collapse;width:100%">'
            + "".join(rows)
            + "</table>"
        )
    recipients = "<br>".join(escape(r) for r in paper.recipients)
    sign = "<br>".join(f"<b>{escape(s)}</b>" for s in paper.agency.sign)
    parts.append(
        f'<table width="100%"><tr><td style="text-align:left;font-size:11pt"><b><i>Nơi nhận:</i></b><br>{recipients}</td>'
        f"<td>{sign}<br><br><br><br><b>{escape(paper.agency.signer)}</b>"
        + "".join(html_mark(m, mode, rng) for m in marks["end"])
        + "</td></tr></table>"
    )
    parts.append("".join(html_mark(m, mode, rng) for m in marks["footer"]))
    parts.append("</body></html>")
    text = "\n".join(parts)
    return cp1258(text) if charset == "windows-1258" else text.encode(charset)


def cp1258(text: str) -> bytes:
    """Windows-1258 the way Vietnamese Windows wrote it: a base letter, then a tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        base, marks = decomposed[0], list(decomposed[1:])
        for mark in list(marks):
            joined = unicodedata.normalize("NFC", base + mark)
            if len(joined) == 1 and _encodable(joined):
                base = joined
                marks.remove(mark)
        out += (base + "".join(marks)).encode("cp1258", "replace")
    return bytes(out)


def _encodable(ch: str) -> bool:
    try:
        ch.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


def txt_of(paper: Paper, *, width: int = 78, columns: bool = True) -> str:
    """Plain text of a document: either laid out in two columns as a layout-keeping converter
    writes it (the date on the number's row, as Decree 30 places it), or one cell after another
    as Word's "save as plain text" writes a header table."""
    left: list[str] = []
    if paper.agency.parent:
        left.append(paper.agency.parent)
    left += paper.agency.body.split("\n")
    if paper.agency.party:
        left.append("*")
    number_row = len(left)
    left.append(paper.number)
    for mark in paper.marks:
        if mark.where == "under_number":
            left += mark.text.split("\n")
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if paper.agency.party:
        right = ["ĐẢNG CỘNG SẢN VIỆT NAM"]
    right += [""] * (number_row - len(right)) + [paper.date_line]
    lines = []
    if columns:
        for i in range(max(len(left), len(right))):
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            lines.append(f"{a.center(34)}{b.center(width - 34)}".rstrip())
    else:
        lines += left + [line for line in right if line]
    lines.append("")
    if paper.title:
        lines += [paper.title.center(width).rstrip(), paper.subject.center(width).rstrip(), ""]
    if paper.to_line:
        lines += [paper.to_line.center(width).rstrip(), ""]
    for text in paper.paragraphs:
        lines += textwrap.wrap(text, width, initial_indent="    ") if columns else [text]
    if columns:
        lines += ["", "Nơi nhận:" + " " * 30 + paper.agency.sign[0]]
        for i, r in enumerate(paper.recipients):
            sign = paper.agency.sign[i + 1] if i + 1 < len(paper.agency.sign) else ""
            lines.append(f"{r:<39}{sign}".rstrip())
        lines += ["", "", " " * 39 + paper.agency.signer, ""]
    else:
        lines += [
            "",
            "Nơi nhận:",
            *paper.recipients,
            *paper.agency.sign,
            "",
            paper.agency.signer,
            "",
        ]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# spreadsheets


@dataclass
class Sheet:
    title: str
    heading: str
    columns: list[str]
    rows: list[list[object]]
    agency: Agency | None = None  # an administrative header on top of the sheet
    number: str = ""
    cell_marks: list[Mark] = field(default_factory=list)  # stamps in cells under the number
    header: str = ""  # print header text (the level word)
    header_part: str = "center"  # left | center | right
    footer: str = ""
    first_page_only: bool = False
    red_headings: bool = False


def xlsx_of(sheets: list[Sheet], rng: random.Random) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin", color="000000")
    for spec in sheets:
        ws = book.create_sheet(spec.title)
        row = 1
        if spec.agency:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=3)
            ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
            ws.cell(1, 1, spec.agency.parent or spec.agency.body.split("\n")[0])
            ws.cell(2, 1, spec.agency.body.replace("\n", " ")).font = Font(bold=True)
            ws.merge_cells(start_row=1, start_column=4, end_row=1, end_column=len(spec.columns))
            ws.merge_cells(start_row=2, start_column=4, end_row=2, end_column=len(spec.columns))
            ws.cell(1, 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = Font(bold=True)
            ws.cell(2, 4, "Độc lập - Tự do - Hạnh phúc").font = Font(bold=True, underline="single")
            for r in (1, 2):
                for c in (1, 4):
                    ws.cell(r, c).alignment = Alignment(horizontal="center")
            ws.cell(3, 1, spec.number).alignment = Alignment(horizontal="center")
            ws.merge_cells(start_row=3, start_column=1, end_row=3, end_column=3)
            row = 4
        red = Side(style="medium", color="FF0000")
        for mark in spec.cell_marks:
            cell = ws.cell(row, 2, mark.text.replace("\n", " "))
            cell.font = Font(bold=True, color="FF0000", size=14, strike=mark.kind == "crossed")
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if mark.kind != "copyno":
                cell.border = Border(left=red, right=red, top=red, bottom=red)
            row += 1
        row += 1
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(spec.columns))
        ws.cell(row, 1, spec.heading).font = Font(bold=True, size=13)
        ws.cell(row, 1).alignment = Alignment(horizontal="center")
        row += 2
        for c, name in enumerate(spec.columns, start=1):
            cell = ws.cell(row, c, name)
            cell.font = Font(bold=True, color="C00000" if spec.red_headings else "000000")
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for values in spec.rows:
            row += 1
            for c, value in enumerate(values, start=1):
                ws.cell(row, c, value).border = Border(left=thin, right=thin, top=thin, bottom=thin)
        for c in range(1, len(spec.columns) + 1):
            ws.column_dimensions[chr(64 + c)].width = rng.choice((14, 18, 22)) if c > 1 else 7
        if spec.header or spec.footer:
            part_name = spec.header_part
            if spec.first_page_only:
                ws.HeaderFooter.differentFirst = True
                target = getattr(ws.firstHeader, part_name)
            elif spec.header:
                target = getattr(ws.oddHeader, part_name)
            else:
                target = getattr(ws.oddFooter, part_name)
            target.text = spec.header or spec.footer
            target.font = rng.choice(("Times New Roman,Bold", "Arial,Bold"))
            target.size = rng.choice((12, 14, 16))
            target.color = "FF0000"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsxwriter_of(sheets: list[Sheet]) -> bytes:
    """The same kind of workbook from a second writer (its XML is laid out differently)."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    bold = book.add_format({"bold": True, "border": 1, "align": "center", "text_wrap": True})
    plain = book.add_format({"border": 1})
    stamp = book.add_format(
        {
            "bold": True,
            "font_color": "#FF0000",
            "font_size": 14,
            "border": 2,
            "border_color": "#FF0000",
            "align": "center",
        }
    )
    title = book.add_format({"bold": True, "font_size": 13, "align": "center"})
    for spec in sheets:
        ws = book.add_worksheet(spec.title)
        row = 0
        if spec.agency:
            ws.write(0, 0, spec.agency.parent or spec.agency.body.split("\n")[0])
            ws.write(1, 0, spec.agency.body.replace("\n", " "), book.add_format({"bold": True}))
            ws.write(0, 3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", book.add_format({"bold": True}))
            ws.write(
                1, 3, "Độc lập - Tự do - Hạnh phúc", book.add_format({"bold": True, "underline": 1})
            )
            ws.write(2, 0, spec.number)
            row = 3
        for mark in spec.cell_marks:
            ws.write(row, 1, mark.text.replace("\n", " "), stamp)
            row += 1
        row += 1
        ws.merge_range(row, 0, row, len(spec.columns) - 1, spec.heading, title)
        row += 2
        for c, name in enumerate(spec.columns):
            ws.write(row, c, name, bold)
        for values in spec.rows:
            row += 1
            for c, value in enumerate(values):
                ws.write(row, c, value, plain)
        ws.set_column(1, len(spec.columns), 18)
        code = {"left": "&L", "center": "&C", "right": "&R"}[spec.header_part]
        if spec.header:
            ws.set_header(f'{code}&"Times New Roman,Bold"&14&KFF0000{spec.header}')
        if spec.footer:
            ws.set_footer(f'{code}&"Times New Roman,Bold"&12&KFF0000{spec.footer}')
    book.close()
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# slides, mail, archives, legacy Word


@dataclass
class Slide:
    title: str
    bullets: list[str] = field(default_factory=list)
    stamps: list[tuple[str, float, float, bool]] = field(
        default_factory=list
    )  # text, x cm, y cm, circle


def pptx_of(slides: list[Slide], rng: random.Random) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Cm, Pt

    prs = Presentation()
    if rng.random() < 0.6:
        prs.slide_width, prs.slide_height = Cm(33.867), Cm(19.05)
    red = RGBColor(0xE0, 0x10, 0x10)
    for spec in slides:
        slide = prs.slides.add_slide(prs.slide_layouts[1 if spec.bullets else 5])
        slide.shapes.title.text = spec.title
        if spec.bullets:
            body = slide.placeholders[1].text_frame
            body.text = spec.bullets[0]
            for line in spec.bullets[1:]:
                body.add_paragraph().text = line
        for text, x, y, circle in spec.stamps:
            w = Cm(2.2) if circle else Cm(0.9 + 0.55 * len(text))
            h = Cm(2.2) if circle else Cm(1.3)
            shape = slide.shapes.add_shape(
                MSO_SHAPE.OVAL if circle else MSO_SHAPE.RECTANGLE, Cm(x), Cm(y), w, h
            )
            shape.fill.background()
            shape.line.color.rgb = red
            shape.line.width = Pt(2.5)
            frame = shape.text_frame
            frame.text = text
            run = frame.paragraphs[0].runs[0]
            run.font.bold = True
            run.font.size = Pt(28 if circle else 20)
            run.font.color.rgb = red
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


MIME = {
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": ("application", "pdf"),
    "zip": ("application", "zip"),
    "jpg": ("image", "jpeg"),
    "txt": ("text", "plain"),
}


def eml_of(
    rng: random.Random,
    subject: str,
    body: str,
    attachments: list[tuple[str, bytes]],
    *,
    sender: str = "vanthu.snv@ninhbinh.gov.vn",
    to: str = "phongtonghop@gmail.com",
) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    sent = datetime(
        2025,
        rng.randint(1, 12),
        rng.randint(1, 28),
        rng.randint(7, 17),
        rng.randint(0, 59),
        tzinfo=timezone(timedelta(hours=7)),
    )
    message["Date"] = format_datetime(sent)
    message["Message-ID"] = f"<{rng.getrandbits(64):x}@mail.local>"
    message.set_content(body)
    for name, data in attachments:
        maintype, subtype = MIME[name.rsplit(".", 1)[-1].lower()]
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def word97_of(documents: dict[str, bytes], timeout: float = 600.0) -> dict[str, bytes]:
    """Every DOCX converted to Word 97-2003 by one LibreOffice call (its own profile folder, so
    it does not meet another LibreOffice running on the machine)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise RuntimeError("LibreOffice (soffice) is needed to make the .doc files")
    with tempfile.TemporaryDirectory(prefix="heldout2-") as folder:
        base = Path(folder)
        (base / "in").mkdir()
        paths = []
        for stem, data in documents.items():
            path = base / "in" / f"{stem}.docx"
            path.write_bytes(data)
            paths.append(str(path))
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{base / 'profile'}",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(base / "out"),
                *paths,
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )
        out = {}
        for stem in documents:
            target = base / "out" / f"{stem}.doc"
            if not target.exists():
                raise RuntimeError(f"LibreOffice did not convert {stem}.docx")
            out[stem] = target.read_bytes()
        return out


# ---------------------------------------------------------------------------------------------
# documents about state secrets (hard negatives): own wording of facts from the law

LAW_ARTICLES = (
    "Điều 8. Phân loại bí mật nhà nước",
    "Căn cứ vào tính chất quan trọng của nội dung thông tin và mức độ nguy hại nếu bị lộ, bị mất, bí mật nhà nước được chia thành ba độ: Tuyệt mật, Tối mật và Mật.",
    "Độ Tuyệt mật dành cho thông tin mà nếu bị lộ, bị mất có thể gây nguy hại đặc biệt nghiêm trọng đến lợi ích quốc gia, dân tộc; độ Tối mật ứng với nguy hại rất nghiêm trọng; độ Mật ứng với nguy hại nghiêm trọng.",
    "Điều 19. Thời hạn bảo vệ bí mật nhà nước",
    "Thời hạn bảo vệ là 30 năm đối với bí mật nhà nước độ Tuyệt mật, 20 năm đối với độ Tối mật và 10 năm đối với độ Mật, tính từ ngày xác định độ mật.",
    "Điều 21. Điều chỉnh độ mật",
    "Việc tăng hoặc giảm độ mật do người có thẩm quyền xác định độ mật quyết định, căn cứ danh mục bí mật nhà nước; văn bản được đóng dấu, có văn bản hoặc hình thức khác xác định việc điều chỉnh.",
    "Điều 22. Giải mật",
    "Bí mật nhà nước được giải mật toàn bộ hoặc một phần khi hết thời hạn bảo vệ mà không gia hạn, khi không còn thuộc danh mục bí mật nhà nước, hoặc khi cần giải mật để đáp ứng yêu cầu thực tiễn.",
)

QUIZ = (
    ("Bí mật nhà nước được phân loại thành mấy độ?", ("Hai độ", "Ba độ", "Bốn độ", "Năm độ")),
    ("Độ mật nào cao nhất?", ("Mật", "Tối mật", "Tuyệt mật", "Hạn chế")),
    (
        "Thời hạn bảo vệ bí mật nhà nước độ Tối mật là bao nhiêu năm?",
        ("10 năm", "20 năm", "30 năm", "40 năm"),
    ),
    (
        "Trên bì ngoài của tài liệu độ Tuyệt mật đóng dấu ký hiệu chữ gì?",
        ("A", "B", "C", "Không đóng dấu"),
    ),
    (
        'Dấu "TỐI MẬT" đóng ở vị trí nào của văn bản?',
        ("Dưới số, ký hiệu", "Cuối trang", "Góc phải trang cuối", "Bất kỳ chỗ nào"),
    ),
    (
        "Người nào được quyết định giải mật tài liệu?",
        ("Văn thư", "Người soạn thảo", "Người có thẩm quyền xác định độ mật", "Bất kỳ ai"),
    ),
)


def quiz_paragraphs(rng: random.Random) -> list[str]:
    out = []
    order = list(QUIZ)
    rng.shuffle(order)
    for i, (question, answers) in enumerate(order, start=1):
        out.append(f"Câu {i}. {question}")
        out.append(
            "   ".join(
                f"{letter}. {answer}" for letter, answer in zip("ABCD", answers, strict=True)
            )
        )
    return out


LAW_AGENCY = Agency(
    "", "QUỐC HỘI", "QH14", "Hà Nội", "Quốc hội", ("CHỦ TỊCH QUỐC HỘI",), "Nguyễn Thị Kim Ngân"
)
TRAINING_AGENCY = Agency(
    "UBND TỈNH KHÁNH HÒA",
    "SỞ NỘI VỤ",
    "SNV",
    "Khánh Hòa",
    "Sở Nội vụ",
    ("TM. BAN TỔ CHỨC", "TRƯỞNG BAN"),
    "Lê Thị Bích Ngọc",
)


def law_paper(rng: random.Random) -> Paper:
    return Paper(
        agency=LAW_AGENCY,
        number="Luật số: 29/2018/QH14",
        date_line="Hà Nội, ngày 15 tháng 11 năm 2018",
        title="LUẬT",
        subject="BẢO VỆ BÍ MẬT NHÀ NƯỚC",
        paragraphs=[
            p if not p.startswith("Điều") else p.upper() if rng.random() < 0.3 else p
            for p in LAW_ARTICLES
        ],
        recipients=["- Trích để phục vụ học tập;", "- Bản trích, không có giá trị pháp lý."],
    )


def quiz_paper(rng: random.Random) -> Paper:
    return Paper(
        agency=TRAINING_AGENCY,
        number="",
        date_line=_date_line("Khánh Hòa", rng.randint(1, 28), rng.randint(1, 12), 2025),
        title="ĐỀ KIỂM TRA",
        subject="Kiến thức về bảo vệ bí mật nhà nước (thời gian làm bài: 20 phút)",
        paragraphs=["Khoanh tròn vào chữ cái trước đáp án đúng.", *quiz_paragraphs(rng)],
        recipients=[
            "Họ và tên: ................................",
            "Đơn vị: ....................................",
        ],
    )


def stats_rows(rng: random.Random) -> list[list[object]]:
    units = (
        "Văn phòng",
        "Phòng Tổ chức",
        "Phòng Kế hoạch",
        "Thanh tra",
        "Trung tâm Lưu trữ",
        "Phòng Tài chính",
    )
    rows: list[list[object]] = []
    for i, unit in enumerate(units, start=1):
        a, b, c = rng.randint(0, 3), rng.randint(2, 25), rng.randint(10, 90)
        rows.append([i, unit, a, b, c, a + b + c])
    return rows


def leak_news_html(rng: random.Random) -> bytes:
    person = rng.choice(("Nguyễn Văn T.", "Trần Thị H.", "Lê Minh K."))
    count = rng.randint(6, 30)
    paragraphs = [
        f"Cơ quan An ninh điều tra Công an tỉnh vừa khởi tố vụ án, khởi tố bị can đối với {person}, nguyên nhân viên văn thư, về tội cố ý làm lộ bí mật nhà nước.",
        f"Theo kết quả điều tra, trong hai năm, bị can đã chụp ảnh {count} văn bản đóng dấu MẬT và TỐI MẬT rồi gửi cho một người quen qua mạng xã hội.",
        "Cơ quan chức năng khuyến cáo cán bộ, công chức không soạn thảo, lưu giữ tài liệu bí mật nhà nước trên máy tính có kết nối Internet.",
        'Theo Bộ luật Hình sự, hành vi cố ý làm lộ bí mật nhà nước có thể bị phạt tù đến 15 năm; trường hợp tài liệu ở độ "Tuyệt mật" thì khung hình phạt cao hơn.',
    ]
    title = rng.choice(
        (
            "Khởi tố nguyên cán bộ văn thư làm lộ tài liệu TỐI MẬT",
            "Điều tra vụ lộ bí mật nhà nước qua mạng xã hội",
            "Bắt tạm giam nhân viên chụp gửi tài liệu mật ra ngoài",
        )
    )
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - Báo Pháp luật</title></head><body>"
        '<header><nav><a href="/">Trang chủ</a> | <a href="/phap-luat">Pháp luật</a> | <a href="/an-ninh">An ninh trật tự</a></nav></header>'
        f'<article><h1>{escape(title)}</h1><p class="time">{rng.randint(1, 28)}/{rng.randint(1, 12)}/2025 08:{rng.randint(10, 59)} GMT+7</p>'
        f"{body}<p><i>Phóng viên Hà An</i></p></article>"
        "<aside><h3>Tin liên quan</h3><ul><li>Tập huấn công tác bảo vệ bí mật nhà nước năm 2025</li>"
        "<li>Xử lý nghiêm vi phạm quy định về sao, chụp tài liệu mật</li></ul></aside></body></html>"
    ).encode()


def specimen_page(rng: random.Random, look: Look, form: str) -> Page:
    """A page of the forms circular's appendix: the stamps shown as specimens, with captions."""
    lay = Layout(look, rng)
    y = 30.0
    lay.centre(105, y, "Phụ lục", "b", 13)
    y += 7
    lay.centre(
        105, y, "MẪU CON DẤU, BIỂU MẪU SỬ DỤNG TRONG CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC", "b", 11
    )
    y += 6
    lay.centre(
        105,
        y,
        "(Kèm theo Thông tư số 24/2020/TT-BCA ngày 10 tháng 3 năm 2020 của Bộ trưởng Bộ Công an)",
        "i",
        11,
    )
    y += 16
    if form == "02":
        lay.text(30, y, "Mẫu số 02", "b", 13)
        y += 7
        lay.text(30, y, "Mẫu dấu chỉ độ mật", "b", 13)
        y += 12
        x = 30.0
        for word in LEVEL_WORD.values():
            st = Stamp([word], look.stamp_rgb, 14, look.stamp_family, rot=rng.uniform(-1, 1))
            lay.stamp(st, x, y)
            x += st.geometry()[0] + 14
        y += 22
        notes: tuple[str, ...] = (
            "Ghi chú: Dấu có hình chữ nhật, kích thước 30mm x 8mm (dấu TUYỆT MẬT 40mm x 8mm), đường viền đơn.",
            "Chữ in hoa, phông chữ Times New Roman đứng, đậm; mực dấu màu đỏ tươi.",
            "Dấu đóng bên dưới số, ký hiệu của văn bản hoặc ở trang đầu của tài liệu.",
        )
    else:
        lay.text(30, y, "Mẫu số 03", "b", 13)
        y += 7
        lay.text(30, y, "Mẫu dấu ký hiệu độ mật trên bì", "b", 13)
        y += 12
        x = 40.0
        for letter, word in (("A", "Tuyệt mật"), ("B", "Tối mật"), ("C", "Mật")):
            st = Stamp([letter], look.stamp_rgb, 22, look.stamp_family, box=False, circle=True)
            lay.stamp(st, x, y)
            lay.centre(x + st.geometry()[0] / 2, y + st.geometry()[1] + 7, f"(độ {word})", "i", 11)
            x += 45
        y += 32
        notes = (
            "Ghi chú: Dấu hình tròn, đường kính 15mm, chữ in hoa A, B, C ở giữa, phông chữ Times New Roman đứng, đậm.",
            "Mực dấu màu đỏ tươi; dấu đóng ở bì ngoài, bên dưới số, ký hiệu của tài liệu.",
        )
    for note in notes:
        for line in wrap(look.family, "r", 12, note, 150):
            lay.text(30, y, line, "r", 12)
            y += 6.5
    return lay.pages[0]


def poster_image(rng: random.Random) -> Image.Image:
    """A cinema poster of a film titled "Mật": big red title, tagline, credits."""
    width, height = 1200, 1700
    image = Image.new(
        "RGB", (width, height), rng.choice(((18, 14, 20), (30, 10, 10), (10, 20, 30)))
    )
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y = rng.randint(0, width), rng.randint(0, height)
        r = rng.randint(20, 120)
        shade = rng.randint(25, 60)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=(shade, shade // 2, shade // 3))
    image = image.filter(ImageFilter.GaussianBlur(25))
    draw = ImageDraw.Draw(image)
    colour = rng.choice(((220, 30, 30), (230, 190, 60), (240, 240, 240)))
    draw.text(
        (width / 2, 300),
        "PHIM ĐIỆN ẢNH",
        font=_pil_font("arial", "b", 50),
        fill=(230, 230, 230),
        anchor="mm",
    )
    draw.text(
        (width / 2, 700), "MẬT", font=_pil_font("dejavu-serif", "b", 330), fill=colour, anchor="mm"
    )
    draw.text(
        (width / 2, 960),
        "Có những sự thật không thể nói ra",
        font=_pil_font("times", "i", 58),
        fill=(235, 235, 235),
        anchor="mm",
    )
    draw.text(
        (width / 2, 1400),
        f"KHỞI CHIẾU {rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.2025",
        font=_pil_font("arial", "b", 64),
        fill=colour,
        anchor="mm",
    )
    draw.text(
        (width / 2, 1520),
        "ĐẠO DIỄN TRẦN MINH · DIỄN VIÊN HẠNH NHI · QUỐC HUY",
        font=_pil_font("arial", "r", 34),
        fill=(200, 200, 200),
        anchor="mm",
    )
    return image


def film_html(rng: random.Random) -> bytes:
    times = ", ".join(f"{h}:{rng.choice(('00', '15', '30', '45'))}" for h in (9, 13, 16, 19, 21))
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lịch chiếu phim MẬT - Rạp Ngôi Sao</title>'
        "<style>.film h2{font-size:42px;color:#c00;letter-spacing:6px;border:3px solid #c00;display:inline-block;padding:4px 18px}</style></head><body>"
        "<h1>Lịch chiếu hôm nay</h1>"
        '<div class="film"><h2>MẬT</h2><p>Thể loại: Tâm lý, giật gân · Thời lượng: 112 phút · Phân loại: T16</p>'
        "<p>Một nữ nhà báo trẻ phát hiện bí mật của gia đình mình sau chuyến trở về quê ngoại.</p>"
        f"<p>Suất chiếu: {times}</p></div>"
        '<div class="film"><h3>Hành tinh xanh</h3><p>Hoạt hình · 95 phút · P</p></div></body></html>'
    ).encode()


def film_review_text(rng: random.Random) -> str:
    return "\n".join(
        (
            "ĐIỆN ẢNH CUỐI TUẦN",
            "",
            "MẬT – khi quá khứ quay về",
            "",
            "Bộ phim MẬT của đạo diễn Trần Minh ra rạp tuần này, kể về một nữ nhà báo trở về quê ngoại và lần lượt mở ra những điều gia đình giấu kín suốt hai mươi năm.",
            "Ưu điểm của phim là nhịp kể chậm rãi, hình ảnh miền núi đẹp; điểm trừ là phần kết vội vàng.",
            f"Điểm của chúng tôi: {rng.randint(6, 8)}/10.",
            "",
        )
    )


def password_rules_paper(rng: random.Random) -> Paper:
    agency = rng.choice(AGENCIES[:8])
    return Paper(
        agency=agency,
        number=f"Số: {rng.randint(10, 300)}/QĐ-{agency.code}",
        date_line=_date_line(agency.place, rng.randint(1, 28), rng.randint(1, 12), 2025),
        title="QUY ĐỊNH",
        subject="Về quản lý MẬT KHẨU và tài khoản sử dụng hệ thống thông tin",
        paragraphs=[
            "I. YÊU CẦU ĐỐI VỚI MẬT KHẨU",
            "Mật khẩu dài tối thiểu 12 ký tự, có chữ hoa, chữ thường, chữ số và ký tự đặc biệt; không dùng ngày sinh hoặc số điện thoại.",
            "Mật khẩu được thay đổi ít nhất 90 ngày một lần; không dùng lại 5 mật khẩu gần nhất.",
            "II. TRÁCH NHIỆM CỦA NGƯỜI DÙNG",
            "Không ghi mật khẩu ra giấy dán cạnh màn hình, không chia sẻ tài khoản cho người khác dùng chung.",
        ],
        recipients=["- Các phòng, đơn vị;", "- Lưu: VT."],
    )


def declass_notice_rows(rng: random.Random) -> list[list[str]]:
    rows = [["TT", "Số, ký hiệu", "Trích yếu", "Độ mật trước đây", "Ngày giải mật"]]
    for i in range(1, rng.randint(4, 7)):
        rows.append(
            [
                str(i),
                f"{rng.randint(10, 400)}/BC-UBND",
                rng.choice(
                    (
                        "Quy hoạch sử dụng đất 1995",
                        "Báo cáo lũ lụt 1999",
                        "Đề án địa giới 2001",
                        "Sơ đồ đê điều 1998",
                    )
                ),
                rng.choice(("Mật", "Tối mật", "Mật")),
                f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2024",
            ]
        )
    return rows


def empty_template_paper(rng: random.Random) -> Paper:
    agency = rng.choice(AGENCIES[:8])
    return Paper(
        agency=agency,
        number="Số: ....../PĐX-......",
        date_line=f"{agency.place}, ngày ...... tháng ...... năm 20......",
        title="PHIẾU ĐỀ XUẤT ĐỘ MẬT",
        subject="(Dùng khi trình ký văn bản có nội dung bí mật nhà nước)",
        paragraphs=[
            "Tên văn bản, tài liệu: ..................................................................................",
            "Độ mật: ....................................",
            "Căn cứ đề xuất (mục ..... Danh mục bí mật nhà nước): ...........................................",
            "Số lượng bản phát hành: ........ bản; phạm vi lưu hành: ..................................",
            "Người đề xuất (ký, ghi rõ họ tên): ......................................",
        ],
        recipients=["- Lưu: hồ sơ trình ký."],
    )


def declass_notice_paper(rng: random.Random) -> Paper:
    agency = AGENCIES[1]
    return Paper(
        agency=agency,
        number=f"Số: {rng.randint(10, 300)}/TB-UBND",
        date_line=_date_line(agency.place, rng.randint(1, 28), rng.randint(1, 12), 2025),
        title="THÔNG BÁO",
        subject="Danh mục tài liệu lưu trữ đã được giải mật",
        paragraphs=[
            "Căn cứ Luật Bảo vệ bí mật nhà nước và đề nghị của Hội đồng giải mật, Ủy ban nhân dân tỉnh thông báo danh mục tài liệu đã được giải mật dưới đây.",
            "Các tài liệu này đã được đóng dấu GIẢI MẬT và được phép sử dụng theo quy định về lưu trữ; tổ chức, cá nhân có nhu cầu liên hệ Trung tâm Lưu trữ lịch sử tỉnh.",
        ],
        recipients=["- Trung tâm Lưu trữ lịch sử;", "- Cổng thông tin điện tử tỉnh;", "- Lưu: VT."],
        table=declass_notice_rows(rng),
    )


# ---------------------------------------------------------------------------------------------
# the corpus


def _file_stem(paper: Paper) -> str:
    number = paper.number.replace("Số:", "").replace("Số", "").strip()
    return number.replace("/", "-").replace(" ", "").strip("-.") or "van-ban"


class _Corpus:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.names: set[str] = set()
        self._levels: list[str] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []

    def level(self) -> str:
        if not self._levels:
            self._levels = list(LEVELS)
            self.rng.shuffle(self._levels)
        return self._levels.pop()

    def name(self, stem: str, ext: str) -> str:
        candidate = f"{stem}.{ext}"
        n = 2
        while candidate in self.names:
            candidate = f"{stem}_{n}.{ext}"
            n += 1
        self.names.add(candidate)
        return candidate

    def add(
        self,
        stem: str,
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        fmt: str,
        family: str = "",
        *,
        declassified: bool = False,
    ) -> None:
        self.items.append(
            labelled(
                self.name(stem, ext), data, level, category, fmt, family, declassified=declassified
            )
        )

    def legacy_doc(
        self,
        stem: str,
        docx: bytes,
        level: str | None,
        category: str,
        family: str,
        *,
        declassified: bool = False,
    ) -> None:
        self.legacy.append(
            (self.name(stem, "doc")[:-4], docx, level, category, family, declassified)
        )

    # -- papers and renderings ------------------------------------------------------------

    def secret(
        self,
        level: str,
        *,
        where: str = "under_number",
        topic: Topic | None = None,
        sentences: int | None = None,
    ) -> Paper:
        return make_paper(
            self.rng,
            SECRET_TOPICS,
            topic=topic,
            marks=level_marks(level, self.rng, where=where),
            sentences=sentences,
        )

    def public(
        self, marks: list[Mark] | None = None, topics: tuple[Topic, ...] = PUBLIC_TOPICS
    ) -> Paper:
        return make_paper(self.rng, topics, marks=marks)

    def pdf(self, paper: Paper, look: Look | None = None) -> bytes:
        look = look or random_look(self.rng)
        pages = layout_paper(paper, look, self.rng)
        return pdf_of(
            pages,
            self.rng,
            title=paper.subject if self.rng.random() < 0.5 else "",
            author=self.rng.choice(("", "Microsoft Word - vanban.docx", "user")),
        )

    def pages(self, paper: Paper, look: Look | None, dpi: int) -> list[Image.Image]:
        look = look or random_look(self.rng)
        return [raster(page, dpi, self.rng) for page in layout_paper(paper, look, self.rng)]

    def scan(
        self,
        paper: Paper,
        look: Look | None = None,
        *,
        dpi: int = 200,
        mode: str = "RGB",
        turn: int = 0,
        skew: float | None = None,
    ) -> bytes:
        images = [scanned(p, self.rng, mode=mode, skew=skew) for p in self.pages(paper, look, dpi)]
        if turn:
            images = [im.rotate(turn, expand=True) for im in images]
        return scan_pdf(images, dpi)

    def photo(
        self,
        paper: Paper,
        look: Look | None = None,
        *,
        tilt: float = 0.08,
        shadow: bool = True,
        uneven: bool = True,
        quality: int = 85,
    ) -> bytes:
        page = self.pages(paper, look, self.rng.choice((150, 170, 200)))[0]
        w = self.rng.choice((1500, 1800, 2100))
        return photographed(
            page,
            self.rng,
            out=(w, w * 4 // 3),
            tilt=tilt,
            shadow=shadow,
            uneven=uneven,
            quality=quality,
        )

    def add_paper(
        self,
        paper: Paper,
        fmt: str,
        category: str,
        family: str = "",
        look: Look | None = None,
        *,
        seal: bool = False,
    ) -> None:
        """A file with no level: `paper` as Word (`seal`: with the agency's round seal), as a
        PDF, scanned at 200 dpi or photographed by phone."""
        if fmt == "docx":
            data = docx_of(paper, self.rng, random_word_style(self.rng, seal=seal))
            self.add(_file_stem(paper), "docx", data, None, category, "docx", family)
        elif fmt == "pdf":
            self.add(_file_stem(paper), "pdf", self.pdf(paper, look), None, category, "pdf", family)
        elif fmt == "scan":
            stem = f"scan{self.rng.randint(1000, 9999)}"
            self.add(stem, "pdf", self.scan(paper, look, dpi=200), None, category, "scan", family)
        else:
            stem = f"IMG_{self.rng.randint(1000, 9999)}"
            self.add(stem, "jpg", self.photo(paper, look), None, category, "photo", family)


def _add_secret_office(c: _Corpus) -> None:
    rng = c.rng
    # Word: the stamp as a bordered paragraph, a one-cell table, a text box, or bare red text;
    # under the number (Form 19), at the top of the page, or after the signature
    for kind, where in (
        ("pbdr", "under_number"),
        ("table", "under_number"),
        ("vml", "under_number"),
        ("plain", "under_number"),
        ("pbdr", "top"),
        ("table", "end"),
    ):
        level = c.level()
        paper = c.secret(level, where=where)
        c.add(
            _file_stem(paper),
            "docx",
            docx_of(paper, rng, random_word_style(rng, stamp=kind)),
            level,
            "positive",
            "docx",
        )
    for where in ("header", "footer"):
        level = c.level()
        paper = c.secret(level, where=where)
        c.add(
            _file_stem(paper),
            "docx",
            docx_of(paper, rng, random_word_style(rng, stamp=rng.choice(("pbdr", "plain")))),
            level,
            "positive",
            "docx",
            "docx-header",
        )
    for _ in range(2):
        level = c.level()
        paper = c.secret(level)
        c.add(
            _file_stem(paper),
            "docx",
            docx_of(paper, rng, random_word_style(rng, stamp="image")),
            level,
            "positive",
            "docx",
            "docx-stamp-image",
        )

    # text PDF: stamp drawn as text in a frame at various places, one document on two pages
    for where, sentences in (
        ("under_number", None),
        ("under_number", 5),
        ("top", None),
        ("top_right", None),
        ("under_number", None),
    ):
        level = c.level()
        paper = c.secret(level, where=where, sentences=sentences)
        if sentences:
            paper.paragraphs = paper.paragraphs * 3
        c.add(_file_stem(paper), "pdf", c.pdf(paper), level, "positive", "pdf")
    # text PDF whose stamp is only a picture: in the page header, or under the number
    for where in ("header", "header", "under_number", "under_number"):
        level = c.level()
        paper = c.secret(level, where=where)
        look = random_look(rng, stamp_picture=True)
        c.add(
            _file_stem(paper),
            "pdf",
            c.pdf(paper, look),
            level,
            "positive",
            "pdf",
            "pdf-stamp-image",
        )


def _secret_sheet_rows(rng: random.Random) -> tuple[str, list[str], list[list[object]]]:
    kind = rng.randrange(3)
    if kind == 0:
        rows: list[list[object]] = [
            [
                i,
                f"Mục tiêu {chr(64 + i)}{rng.randint(1, 9)}",
                rng.choice(("Kho xăng dầu", "Trạm biến áp", "Cảng cá", "Đài phát sóng")),
                rng.randint(3, 12),
                f"{rng.randint(140, 175)}.{rng.randint(100, 975)} MHz",
            ]
            for i in range(1, rng.randint(6, 12))
        ]
        return (
            "BẢNG BỐ TRÍ LỰC LƯỢNG BẢO VỆ MỤC TIÊU",
            ["TT", "Mục tiêu", "Loại", "Số người trực", "Tần số"],
            rows,
        )
    if kind == 1:
        rows = [
            [
                i,
                rng.choice(
                    (
                        "Thiết bị thu phát",
                        "Máy phát điện dự phòng",
                        "Vật tư công trình",
                        "Phương tiện cơ động",
                    )
                ),
                rng.choice(("bộ", "chiếc", "tấn")),
                rng.randint(2, 40),
                rng.randint(5, 900) * 1_000_000,
            ]
            for i in range(1, rng.randint(6, 12))
        ]
        return (
            "DỰ TOÁN CHI TIẾT KINH PHÍ BẢO ĐẢM NHIỆM VỤ",
            ["TT", "Nội dung", "ĐVT", "Số lượng", "Thành tiền (đồng)"],
            rows,
        )
    rows = [
        [
            f"LK-{i:02d}",
            round(rng.uniform(2300000, 2400000), 1),
            round(rng.uniform(540000, 560000), 1),
            rng.randint(40, 300),
            round(rng.uniform(0.05, 1.8), 2),
        ]
        for i in range(1, rng.randint(6, 14))
    ]
    return (
        "TỌA ĐỘ VÀ KẾT QUẢ PHÂN TÍCH LỖ KHOAN",
        ["Số hiệu", "X (m)", "Y (m)", "Độ sâu (m)", "Hàm lượng (%)"],
        rows,
    )


def _public_sheet_rows(rng: random.Random) -> tuple[str, list[str], list[list[object]]]:
    if rng.random() < 0.5:
        names = (
            "Nguyễn Thị Lan",
            "Trần Văn Bình",
            "Lê Hoàng Nam",
            "Phạm Thu Trang",
            "Đỗ Minh Quân",
            "Vũ Thị Hoa",
        )
        rows: list[list[object]] = [
            [
                i,
                n,
                rng.choice(("Chuyên viên", "Văn thư", "Kế toán")),
                rng.randint(5, 15) * 1_000_000,
            ]
            for i, n in enumerate(names, start=1)
        ]
        return (
            "BẢNG THANH TOÁN TIỀN LƯƠNG THÁNG 10/2025",
            ["TT", "Họ và tên", "Chức vụ", "Thực lĩnh (đồng)"],
            rows,
        )
    rows = [
        [i, p, rng.randint(20, 400), rng.randint(15, 390)]
        for i, p in enumerate(("Hộ tịch", "Đất đai", "Xây dựng", "Đầu tư", "Lao động"), start=1)
    ]
    return (
        "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH QUÝ III",
        ["TT", "Lĩnh vực", "Tiếp nhận", "Đã giải quyết"],
        rows,
    )


def _add_secret_sheets(c: _Corpus) -> None:
    rng = c.rng
    for writer in ("openpyxl", "xlsxwriter"):
        level = c.level()
        heading, columns, rows = _secret_sheet_rows(rng)
        agency = rng.choice(AGENCIES)
        sheet = Sheet(
            "Sheet1",
            heading,
            columns,
            rows,
            agency,
            f"Số: {rng.randint(10, 500)}/PL-{agency.code}",
            level_marks(level, rng),
        )
        data = xlsx_of([sheet], rng) if writer == "openpyxl" else xlsxwriter_of([sheet])
        c.add(f"phu-luc-{rng.randint(1, 99):02d}", "xlsx", data, level, "positive", "xlsx")
    # the level only in the print header or footer
    for writer, part, header in (
        ("openpyxl", "center", True),
        ("openpyxl", "right", True),
        ("openpyxl", "left", False),
        ("xlsxwriter", "center", True),
    ):
        level = c.level()
        heading, columns, rows = _secret_sheet_rows(rng)
        word = LEVEL_WORD[level]
        sheet = Sheet(
            "Dữ liệu",
            heading,
            columns,
            rows,
            header=word if header else "",
            footer="" if header else word,
            header_part=part,
            first_page_only=writer == "openpyxl" and part == "right",
        )
        data = xlsx_of([sheet], rng) if writer == "openpyxl" else xlsxwriter_of([sheet])
        c.add(
            f"so-lieu-{rng.randint(100, 999)}",
            "xlsx",
            data,
            level,
            "positive",
            "xlsx",
            "xlsx-print-header",
        )
    # public summary first, the level on a later sheet
    for sheet_at, admin in ((2, True), (2, False), (3, True)):
        level = c.level()
        heading, columns, rows = _public_sheet_rows(rng)
        sheets = [Sheet("Tổng hợp", heading, columns, rows)]
        if sheet_at == 3:
            h2, c2, r2 = _public_sheet_rows(rng)
            sheets.append(Sheet("Biểu 2", h2, c2, r2))
        sh, sc, sr = _secret_sheet_rows(rng)
        agency = rng.choice(AGENCIES)
        sheets.append(
            Sheet(
                "Phụ lục",
                sh,
                sc,
                sr,
                agency if admin else None,
                f"Số: {rng.randint(10, 500)}/PL-{agency.code}" if admin else "",
                [Mark("level", LEVEL_WORD[level])],
            )
        )
        c.add(
            f"tong-hop-{rng.randint(100, 999)}",
            "xlsx",
            xlsx_of(sheets, rng),
            level,
            "positive",
            "xlsx",
            "xlsx-other-sheet",
        )


def _add_secret_web_text(c: _Corpus) -> None:
    rng = c.rng
    for _ in range(2):
        level = c.level()
        paper = c.secret(level)
        c.add(
            _file_stem(paper),
            "html",
            html_of(paper, rng, mode=rng.choice(("div", "font"))),
            level,
            "positive",
            "html",
        )
    for mode, family in (
        ("split", "html-split"),
        ("split", "html-split"),
        ("entity", "html-split"),
        ("spacing", "html-spaced"),
        ("uppercase", "html-spaced"),
        ("spaced", "html-spaced"),
        ("image", "html-image"),
        ("image", "html-image"),
        ("image", "html-image"),
    ):
        level = c.level()
        paper = c.secret(level)
        html = html_of(paper, rng, mode=mode)
        c.add(_file_stem(paper), "html", html, level, "positive", "html", family)
    for columns in (True, False):
        level = c.level()
        paper = c.secret(level)
        c.add(
            _file_stem(paper),
            "txt",
            txt_of(paper, columns=columns).encode(),
            level,
            "positive",
            "txt",
        )
    for columns in (True, False):
        level = c.level()
        paper = c.secret(level)
        text = txt_of(paper, columns=columns).replace("\n", "\r\n")
        c.add(
            _file_stem(paper) + "-win", "txt", cp1258(text), level, "positive", "txt", "txt-cp1258"
        )


def _add_secret_containers(c: _Corpus) -> None:
    rng = c.rng
    for kind in ("docx", "pdf", "zip"):
        level = c.level()
        paper = c.secret(level)
        stem = _file_stem(paper)
        if kind == "docx":
            attachment = (f"{stem}.docx", docx_of(paper, rng, random_word_style(rng)))
        elif kind == "pdf":
            attachment = (f"{paper.title.title() or 'Cong van'} {stem}.pdf", c.pdf(paper))
        else:
            attachment = (
                "tai lieu hop.zip",
                zip_of([(f"{stem}.docx", docx_of(paper, rng, random_word_style(rng)))], ZIP_DATE),
            )
        body = f"Kính gửi anh/chị,\n\nEm gửi lại file {paper.subject.lower()} để anh/chị xem trước buổi họp.\n\nTrân trọng,\nVăn thư"
        c.add(
            f"thu-{rng.randint(1000, 9999)}",
            "eml",
            eml_of(rng, f"Gửi tài liệu: {paper.subject}", body, [attachment]),
            level,
            "positive",
            "eml",
        )
    for variant in range(3):
        level = c.level()
        paper = c.secret(level)
        stem = _file_stem(paper)
        public = c.public()
        members = [
            (f"cong-van/{_file_stem(public)}.docx", docx_of(public, rng, random_word_style(rng)))
        ]
        if variant == 0:
            members.append((f"cong-van/{stem}.docx", docx_of(paper, rng, random_word_style(rng))))
        elif variant == 1:
            members.append((f"Phụ lục/{stem}.pdf", c.pdf(paper)))
        else:
            heading, columns, rows = _secret_sheet_rows(rng)
            sheet = Sheet(
                "Sheet1",
                heading,
                columns,
                rows,
                paper.agency,
                paper.number,
                [Mark("level", LEVEL_WORD[level])],
            )
            members.append((f"{stem}.xlsx", xlsx_of([sheet], rng)))
            members.append(("ghi-chu.txt", "Bản cuối, đã sửa theo ý kiến lãnh đạo.\n".encode()))
        rng.shuffle(members)
        c.add(
            f"ho-so-{rng.randint(100, 999)}",
            "zip",
            zip_of(members, ZIP_DATE),
            level,
            "positive",
            "zip",
        )
    for on_slide in (1, 3, 1):
        level = c.level()
        paper = c.secret(level)
        slides = [
            Slide(paper.title or "BÁO CÁO", [paper.subject, paper.agency.short]),
            Slide("Nội dung chính", paper.paragraphs[:3]),
            Slide("Kiến nghị", paper.paragraphs[-2:]),
        ]
        slides[on_slide - 1].stamps.append(
            (LEVEL_WORD[level], rng.uniform(0.8, 2.5), rng.uniform(0.3, 1.2), False)
        )
        c.add(
            f"trinh-chieu-{rng.randint(10, 99)}",
            "pptx",
            pptx_of(slides, rng),
            level,
            "positive",
            "pptx",
        )


def _add_secret_images(c: _Corpus) -> None:
    rng = c.rng
    for dpi, mode, skew in (
        (300, "RGB", None),
        (200, "L", None),
        (300, "1", None),
        (200, "RGB", 2.5),
    ):
        level = c.level()
        paper = c.secret(level)
        c.add(
            f"scan{rng.randint(1000, 9999)}",
            "pdf",
            c.scan(paper, dpi=dpi, mode=mode, skew=skew),
            level,
            "positive",
            "scan",
        )
    for turn, mode in ((90, "RGB"), (180, "RGB"), (270, "L"), (90, "L")):
        level = c.level()
        paper = c.secret(level)
        c.add(
            f"scan{rng.randint(1000, 9999)}",
            "pdf",
            c.scan(paper, dpi=rng.choice((200, 250)), mode=mode, turn=turn),
            level,
            "positive",
            "scan",
            "rotated-scan",
        )
    # covering letter first (public), the secret annex on a later page
    for cover_pages, text_pdf in ((1, False), (2, False), (1, False), (1, True)):
        level = c.level()
        cover = c.public()
        if cover_pages == 2:
            cover.paragraphs = cover.paragraphs * 4
        annex = c.secret(level)
        annex.title = "PHỤ LỤC"
        look = random_look(rng)
        if text_pdf:
            pages = layout_paper(cover, look, rng) + layout_paper(annex, look, rng)
            c.add(
                f"cong-van-kem-phu-luc-{rng.randint(10, 99)}",
                "pdf",
                pdf_of(pages, rng),
                level,
                "positive",
                "pdf",
                "later-page-stamp",
            )
            continue
        dpi = rng.choice((200, 240))
        images = c.pages(cover, look, dpi) + c.pages(annex, look, dpi)
        mode = rng.choice(("RGB", "L"))
        c.add(
            f"scan{rng.randint(1000, 9999)}",
            "pdf",
            scan_pdf([scanned(i, rng, mode=mode) for i in images], dpi),
            level,
            "positive",
            "scan",
            "later-page-stamp",
        )
    # tilt, shadow, uneven light, JPEG quality, pixels stored sideways with an EXIF turn
    for tilt, shadow, uneven, quality, sideways in (
        (0.05, True, True, 85, False),
        (0.04, True, False, 88, True),
        (0.06, True, True, 70, False),
        (0.03, False, True, 85, False),
        (0.11, True, True, 80, False),
    ):
        level = c.level()
        paper = c.secret(level)
        data = c.photo(paper, tilt=tilt, shadow=shadow, uneven=uneven, quality=quality)
        if sideways:
            image = Image.open(io.BytesIO(data)).rotate(90, expand=True)
            exif = Image.Exif()
            exif[0x0112] = 6  # "turn 90° clockwise to show"
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality, exif=exif)
            data = buffer.getvalue()
        c.add(
            f"IMG_2025{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}_{rng.randint(80000, 189999)}",
            "jpg",
            data,
            level,
            "positive",
            "photo",
            "phone-photo",
        )
    # envelopes: circled letter on the outer envelope, level stamp on the inner one
    for variant in range(6):
        level = c.level()
        agency = rng.choice(AGENCIES)
        if variant < 4:
            page = layout_envelope(
                rng,
                agency=agency,
                letter=LEVEL_LETTER[level],
                urgent="HỎA TỐC" if variant == 3 else None,
            )
        else:
            page = layout_envelope(rng, agency=agency, level=level, named=True, postal=False)
        image = raster(page, rng.choice((150, 200)), rng)
        if variant == 2:
            c.add(
                f"scan-bi-{rng.randint(100, 999)}",
                "pdf",
                scan_pdf([scanned(image, rng)], 200),
                level,
                "positive",
                "scan",
                "envelope",
            )
        else:
            c.add(
                f"IMG_{rng.randint(1000, 9999)}",
                "jpg",
                photographed(image, rng, out=(2000, 1500), tilt=0.05),
                level,
                "positive",
                "photo",
                "envelope",
            )


CHANGES = (
    ("toi_mat", "mat"),
    ("mat", "toi_mat"),
    ("tuyet_mat", "toi_mat"),
    ("toi_mat", "tuyet_mat"),
    ("tuyet_mat", "mat"),
)


def _add_changed_and_declassified(c: _Corpus) -> None:
    rng = c.rng
    for i, (old, new) in enumerate(CHANGES):
        paper = c.public(changed_marks(old, new), SECRET_TOPICS)
        stem = _file_stem(paper)
        if i == 0:
            c.add(
                stem,
                "docx",
                docx_of(paper, rng, random_word_style(rng, stamp="pbdr")),
                new,
                "positive",
                "docx",
                "changed-level",
            )
        elif i == 1:
            c.add(stem, "pdf", c.pdf(paper), new, "positive", "pdf", "changed-level")
        elif i == 2:
            c.add(
                f"scan{rng.randint(1000, 9999)}",
                "pdf",
                c.scan(paper, dpi=250),
                new,
                "positive",
                "scan",
                "changed-level",
            )
        elif i == 3:
            c.add(stem, "html", html_of(paper, rng), new, "positive", "html", "changed-level")
        else:
            c.legacy_doc(
                stem,
                docx_of(paper, rng, random_word_style(rng, stamp="table")),
                new,
                "positive",
                "changed-level",
            )
    # declassified (Form 05): the old level kept, crossed, or gone, and "GIẢI MẬT / Từ: ..."
    plan = [
        ("docx", "kept"),
        ("docx", "crossed"),
        ("docx", "none"),
        ("pdf", "kept"),
        ("pdf", "crossed"),
        ("pdf", "none"),
        ("scan", "kept"),
        ("scan", "crossed"),
        ("doc", "kept"),
        ("html", "crossed"),
        ("xlsx", "kept"),
        ("photo", "crossed"),
    ]
    for fmt, old_state in plan:
        former = c.level() if old_state != "none" else None
        marks = declass_marks(rng, former, crossed=old_state == "crossed")
        paper = c.public(marks, SECRET_TOPICS)
        stem = _file_stem(paper)
        if fmt == "docx":
            data = docx_of(paper, rng, random_word_style(rng))
        elif fmt == "pdf":
            data = c.pdf(paper)
        elif fmt == "scan":
            data = c.scan(paper, dpi=200, mode=rng.choice(("RGB", "L")))
        elif fmt == "doc":
            c.legacy_doc(
                stem,
                docx_of(paper, rng, random_word_style(rng)),
                None,
                "declassified",
                "declassified",
                declassified=True,
            )
            continue
        elif fmt == "html":
            data = html_of(paper, rng)
        elif fmt == "xlsx":
            heading, columns, rows = _secret_sheet_rows(rng)
            data = xlsx_of(
                [Sheet("Sheet1", heading, columns, rows, paper.agency, paper.number, marks)], rng
            )
        else:
            data = c.photo(paper)
        ext = {"scan": "pdf", "photo": "jpg"}.get(fmt, fmt)
        c.add(
            stem if fmt not in ("scan", "photo") else f"IMG{rng.randint(1000, 9999)}",
            ext,
            data,
            None,
            "declassified",
            fmt,
            "declassified",
            declassified=True,
        )


def _add_legacy_word(c: _Corpus) -> None:
    rng = c.rng
    for kind, where in (
        ("pbdr", "under_number"),
        ("table", "under_number"),
        ("vml", "under_number"),
        ("plain", "header"),
        ("image", "under_number"),
    ):
        level = c.level()
        paper = c.secret(level, where=where)
        c.legacy_doc(
            _file_stem(paper),
            docx_of(paper, rng, random_word_style(rng, stamp=kind)),
            level,
            "positive",
            "doc",
        )


def _add_hard_negatives(c: _Corpus) -> None:
    rng = c.rng
    hard = "hard_negative"
    # plans, reports and guidance about protecting state secrets
    for fmt in ("docx", "docx", "pdf", "doc", "txt", "eml"):
        paper = c.public(topics=ABOUT_SECRETS_TOPICS)
        stem = _file_stem(paper)
        if fmt in ("docx", "pdf"):
            c.add_paper(paper, fmt, hard, "about-secrets")
        elif fmt == "doc":
            c.legacy_doc(
                stem, docx_of(paper, rng, random_word_style(rng)), None, hard, "about-secrets"
            )
        elif fmt == "txt":
            c.add(stem, "txt", txt_of(paper).encode(), None, hard, "txt", "about-secrets")
        else:
            body = "Gửi các phòng kế hoạch công tác bảo vệ bí mật nhà nước năm nay. Lưu ý: tài liệu Tối mật, Mật không gửi qua thư điện tử."
            c.add(
                f"thu-{rng.randint(1000, 9999)}",
                "eml",
                eml_of(
                    rng,
                    "Kế hoạch bảo vệ bí mật nhà nước",
                    body,
                    [(f"{stem}.docx", docx_of(paper, rng, random_word_style(rng)))],
                ),
                None,
                hard,
                "eml",
                "about-secrets",
            )
    # law excerpts
    for fmt in ("pdf", "html", "txt", "docx"):
        paper = law_paper(rng)
        if fmt == "pdf":
            c.add(
                "Luat-29-2018-QH14-trich",
                "pdf",
                c.pdf(paper, random_look(rng, signature=False)),
                None,
                hard,
                "pdf",
                "law-excerpt",
            )
        elif fmt == "html":
            c.add(
                "luat-bao-ve-bmnn", "html", html_of(paper, rng), None, hard, "html", "law-excerpt"
            )
        elif fmt == "txt":
            c.add(
                "trich-luat-bmnn", "txt", txt_of(paper).encode(), None, hard, "txt", "law-excerpt"
            )
        else:
            c.add(
                "Trich Luat BVBMNN",
                "docx",
                docx_of(paper, rng, random_word_style(rng)),
                None,
                hard,
                "docx",
                "law-excerpt",
            )
    # training: a deck with the stamps drawn as specimens, a quiz in several formats
    deck = [
        Slide(
            "BỒI DƯỠNG KIẾN THỨC BẢO VỆ BÍ MẬT NHÀ NƯỚC", ["Sở Nội vụ tỉnh Khánh Hòa", "Năm 2025"]
        ),
        Slide(
            "Phân loại bí mật nhà nước",
            [
                "Tuyệt mật: nguy hại đặc biệt nghiêm trọng",
                "Tối mật: nguy hại rất nghiêm trọng",
                "Mật: nguy hại nghiêm trọng",
            ],
        ),
        Slide(
            "Mẫu dấu độ mật (Mẫu số 02)",
            [],
            [("TUYỆT MẬT", 2, 7, False), ("TỐI MẬT", 11, 7, False), ("MẬT", 19, 7, False)],
        ),
        Slide(
            "Dấu ký hiệu trên bì (Mẫu số 03)",
            [],
            [("A", 3, 7, True), ("B", 10, 7, True), ("C", 17, 7, True)],
        ),
    ]
    c.add("Bai giang BMNN 2025", "pptx", pptx_of(deck, rng), None, hard, "pptx", "training-quiz")
    quiz_slides = [Slide("CÂU HỎI ÔN TẬP", [q]) for q, _ in QUIZ[:4]]
    c.add("on-tap-bmnn", "pptx", pptx_of(quiz_slides, rng), None, hard, "pptx", "training-quiz")
    paper = quiz_paper(rng)
    c.add(
        "de-kiem-tra-bmnn",
        "docx",
        docx_of(paper, rng, random_word_style(rng)),
        None,
        hard,
        "docx",
        "training-quiz",
    )
    c.add(
        "de-kiem-tra-bmnn",
        "pdf",
        c.pdf(quiz_paper(rng), random_look(rng, signature=False)),
        None,
        hard,
        "pdf",
        "training-quiz",
    )
    c.add(
        "trac-nghiem-bmnn",
        "html",
        html_of(quiz_paper(rng), rng),
        None,
        hard,
        "html",
        "training-quiz",
    )
    # news of a leak
    c.add("tin-khoi-to-lo-bi-mat", "html", leak_news_html(rng), None, hard, "html", "leak-news")
    c.add("bao-an-ninh-trat-tu", "html", leak_news_html(rng), None, hard, "html", "leak-news")
    news = Paper(
        agency=Agency("", "BÁO PHÁP LUẬT", "BPL", "Hà Nội", "Báo", ("PHÓNG VIÊN",), "Hà An"),
        number=f"Số báo {rng.randint(100, 300)}",
        date_line=_date_line("Hà Nội", rng.randint(1, 28), rng.randint(1, 12), 2025),
        title="TIN AN NINH",
        subject="Khởi tố vụ án cố ý làm lộ bí mật nhà nước",
        paragraphs=[escape_free(p) for p in re_split_news(leak_news_html(rng))],
        recipients=[],
    )
    c.add(
        "ban-tin-an-ninh",
        "pdf",
        c.pdf(news, random_look(rng, signature=False)),
        None,
        hard,
        "pdf",
        "leak-news",
    )
    # statistics tables whose column headings are the three levels
    columns = ["TT", "Đơn vị", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "Tổng"]
    for red in (False, True):
        agency = rng.choice(AGENCIES)
        sheet = Sheet(
            "Thống kê",
            "BIỂU THỐNG KÊ SỐ LƯỢNG TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2025",
            columns,
            stats_rows(rng),
            agency,
            f"Số: {rng.randint(10, 300)}/BC-{agency.code}",
            red_headings=red,
        )
        c.add(
            f"thong-ke-tai-lieu-{rng.randint(10, 99)}",
            "xlsx",
            xlsx_of([sheet], rng),
            None,
            hard,
            "xlsx",
            "stats-table",
        )
    paper = c.public(topics=ABOUT_SECRETS_TOPICS[1:2])
    paper.table = [columns] + [[str(v) for v in row] for row in stats_rows(rng)]
    c.add_paper(paper, "docx", hard, "stats-table")
    paper = c.public(topics=ABOUT_SECRETS_TOPICS[1:2])
    paper.table = [columns] + [[str(v) for v in row] for row in stats_rows(rng)]
    c.add(_file_stem(paper), "html", html_of(paper, rng), None, hard, "html", "stats-table")
    # templates with an empty level field
    c.add(
        "Mau phieu de xuat do mat",
        "docx",
        docx_of(empty_template_paper(rng), rng, random_word_style(rng)),
        None,
        hard,
        "docx",
        "empty-template",
    )
    letter = c.public()
    letter.number = "Số: ....../......-......"
    letter.paragraphs = [
        "Độ mật: ......................",
        "(Nội dung văn bản)",
        "............................................................................",
    ]
    letter.date_line = f"{letter.agency.place}, ngày ..... tháng ..... năm ......"
    c.add(
        "mau-cong-van",
        "docx",
        docx_of(letter, rng, random_word_style(rng)),
        None,
        hard,
        "docx",
        "empty-template",
    )
    register = Sheet(
        "Sổ đi",
        "SỔ ĐĂNG KÝ BÍ MẬT NHÀ NƯỚC ĐI",
        [
            "Số TT",
            "Ngày",
            "Số, ký hiệu",
            "Trích yếu nội dung",
            "Độ mật",
            "Nơi nhận",
            "Số bản",
            "Ghi chú",
        ],
        [["", "", "", "", "", "", "", ""] for _ in range(12)],
    )
    c.add(
        "so-dang-ky-bmnn-di", "xlsx", xlsx_of([register], rng), None, hard, "xlsx", "empty-template"
    )
    form = (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Vào sổ văn bản đi - Quản lý văn bản</title></head><body>'
        "<h2>VÀO SỔ VĂN BẢN ĐI</h2><form>"
        '<label>Số, ký hiệu <input name="so"></label><br>'
        '<label>Trích yếu <textarea name="trich_yeu"></textarea></label><br>'
        '<label>Độ mật <select name="do_mat"><option value="">-- Chọn --</option><option>Thường</option>'
        "<option>Mật</option><option>Tối mật</option><option>Tuyệt mật</option></select></label><br>"
        '<label>Độ khẩn <select name="do_khan"><option>Thường</option><option>Khẩn</option><option>Thượng khẩn</option><option>Hỏa tốc</option></select></label>'
        '<br><button type="submit">Lưu</button></form></body></html>'
    )
    c.add("vao-so-van-ban-di", "html", form.encode(), None, hard, "html", "empty-template")
    c.legacy_doc(
        "Mau phieu de xuat do mat (cu)",
        docx_of(empty_template_paper(rng), rng, random_word_style(rng)),
        None,
        hard,
        "empty-template",
    )
    # the forms circular's specimens
    look = random_look(rng, stamp_rot=0.0)
    c.add(
        "TT24-2020-mau-02",
        "pdf",
        pdf_of([specimen_page(rng, look, "02")], rng),
        None,
        hard,
        "pdf",
        "specimens",
    )
    c.add(
        "TT24-mau-dau-scan",
        "pdf",
        scan_pdf([scanned(raster(specimen_page(rng, look, "02"), 200, rng), rng)], 200),
        None,
        hard,
        "scan",
        "specimens",
    )
    c.add(
        f"IMG_{rng.randint(1000, 9999)}",
        "jpg",
        photographed(raster(specimen_page(rng, look, "03"), 170, rng), rng, out=(1800, 2400)),
        None,
        hard,
        "photo",
        "specimens",
    )
    spec_paper = Paper(
        agency=Agency("", "BỘ CÔNG AN", "BCA", "Hà Nội", "Bộ Công an", ("BỘ TRƯỞNG",), "(đã ký)"),
        number="Phụ lục kèm Thông tư số 24/2020/TT-BCA",
        date_line="Hà Nội, ngày 10 tháng 3 năm 2020",
        title="MẪU SỐ 02",
        subject="Mẫu dấu chỉ độ mật",
        paragraphs=[
            "Các mẫu dưới đây minh họa hình dạng dấu; kích thước 30mm x 8mm, chữ in hoa, màu đỏ."
        ],
        recipients=[],
        marks=[Mark("level", w, "end") for w in LEVEL_WORD.values()],
    )
    c.add(
        "Mau so 02 dau do mat",
        "docx",
        docx_of(spec_paper, rng, random_word_style(rng, stamp="table")),
        None,
        hard,
        "docx",
        "specimens",
    )
    # letters with the round agency seal
    for fmt in ("scan", "scan", "photo", "pdf", "docx"):
        paper = c.public()
        look = random_look(rng, seal=True)
        if fmt == "scan":
            c.add(
                f"scan{rng.randint(1000, 9999)}",
                "pdf",
                c.scan(paper, look, dpi=rng.choice((200, 300))),
                None,
                hard,
                "scan",
                "agency-seal",
            )
        else:
            c.add_paper(paper, fmt, hard, "agency-seal", look, seal=True)
    # envelopes with no level mark (one urgent)
    for variant in range(4):
        page = layout_envelope(
            rng,
            agency=rng.choice(AGENCIES),
            urgent="HỎA TỐC" if variant == 1 else None,
            postal=variant != 3,
        )
        image = raster(page, 170, rng)
        if variant == 2:
            c.add(
                f"scan-bi-{rng.randint(100, 999)}",
                "pdf",
                scan_pdf([scanned(image, rng)], 170),
                None,
                hard,
                "scan",
                "envelope-nomark",
            )
        else:
            c.add(
                f"IMG_{rng.randint(1000, 9999)}",
                "jpg",
                photographed(image, rng, out=(2000, 1500), tilt=0.05),
                None,
                hard,
                "photo",
                "envelope-nomark",
            )
    # the incoming-mail stamp "ĐẾN"
    for fmt in ("scan", "scan", "photo", "pdf"):
        paper = c.public()
        look = random_look(
            rng,
            receipt=True,
            receipt_rgb=rng.choice(((40, 60, 170), (200, 30, 40), (110, 40, 140))),
        )
        if fmt in ("scan", "photo"):
            c.add_paper(paper, fmt, hard, "receipt-stamp", look)
        else:
            c.add(
                _file_stem(paper) + "-den",
                "pdf",
                c.pdf(paper, look),
                None,
                hard,
                "pdf",
                "receipt-stamp",
            )
    # a film titled "Mật", and the word in other senses
    c.add("lich-chieu-phim", "html", film_html(rng), None, hard, "html", "film-title")
    buffer = io.BytesIO()
    poster_image(rng).save(buffer, "JPEG", quality=88)
    c.add("poster-phim-mat", "jpg", buffer.getvalue(), None, hard, "photo", "film-title")
    c.add("review-phim-mat", "txt", film_review_text(rng).encode(), None, hard, "txt", "film-title")
    honey = Sheet(
        "Bảng giá",
        "BẢNG GIÁ SẢN PHẨM HTX ONG MẬT",
        ["TT", "Sản phẩm", "Quy cách", "Giá (đồng)"],
        [
            [1, "MẬT ONG RỪNG U MINH", "chai 500ml", 350000],
            [2, "Mật ong hoa nhãn", "chai 1 lít", 280000],
            [3, "MẬT ONG BẠC HÀ", "hũ 250g", 190000],
            [4, "Mật mía", "can 2 lít", 90000],
        ],
    )
    c.add("bang-gia-mat-ong", "xlsx", xlsx_of([honey], rng), None, hard, "xlsx", "word-mat")
    c.add(
        "Quy dinh mat khau",
        "docx",
        docx_of(password_rules_paper(rng), rng, random_word_style(rng)),
        None,
        hard,
        "docx",
        "word-mat",
    )
    # a public notice about declassifying
    c.add(
        "thong-bao-giai-mat",
        "pdf",
        c.pdf(declass_notice_paper(rng)),
        None,
        hard,
        "pdf",
        "declass-notice",
    )
    c.add(
        "thong-bao-giai-mat",
        "html",
        html_of(declass_notice_paper(rng), rng),
        None,
        hard,
        "html",
        "declass-notice",
    )
    c.add(
        "thong-bao-giai-mat",
        "docx",
        docx_of(declass_notice_paper(rng), rng, random_word_style(rng)),
        None,
        hard,
        "docx",
        "declass-notice",
    )
    # urgency and internal-circulation stamps: red frames that are not level stamps
    for kind, family, fmt, text, where in (
        ("urgent", "urgency-stamp", "docx", "HỎA TỐC", "under_number"),
        ("urgent", "urgency-stamp", "pdf", "THƯỢNG KHẨN", "under_number"),
        ("urgent", "urgency-stamp", "scan", "KHẨN", "top_right"),
        ("internal", "internal-use", "docx", "TÀI LIỆU LƯU HÀNH NỘI BỘ", "top"),
        ("internal", "internal-use", "pdf", "DỰ THẢO", "top_right"),
        ("internal", "internal-use", "scan", "LƯU HÀNH NỘI BỘ", "under_number"),
    ):
        c.add_paper(c.public([Mark(kind, text, where)]), fmt, hard, family)


def escape_free(text: str) -> str:
    return text.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


def re_split_news(page: bytes) -> list[str]:
    text = page.decode()
    return [chunk.split("</p>")[0] for chunk in text.split("<p>")[1:] if "</p>" in chunk][:4]


def _add_negatives(c: _Corpus) -> None:
    rng = c.rng
    neg = "negative"
    for fmt in ("docx", "docx", "pdf", "pdf"):
        c.add_paper(c.public(), fmt, neg)
    for writer in ("openpyxl", "xlsxwriter"):
        heading, columns, rows = _public_sheet_rows(rng)
        agency = rng.choice(AGENCIES)
        sheet = Sheet(
            "Sheet1", heading, columns, rows, agency, f"Số: {rng.randint(10, 500)}/BC-{agency.code}"
        )
        c.add(
            f"bao-cao-{rng.randint(100, 999)}",
            "xlsx",
            xlsx_of([sheet], rng) if writer == "openpyxl" else xlsxwriter_of([sheet]),
            None,
            neg,
            "xlsx",
        )
    paper = c.public()
    c.add(
        _file_stem(paper),
        "html",
        html_of(paper, rng, charset=rng.choice(("utf-8", "windows-1258"))),
        None,
        neg,
        "html",
    )
    paper = c.public()
    c.add(_file_stem(paper), "txt", txt_of(paper).encode(), None, neg, "txt")
    paper = c.public()
    c.add(
        _file_stem(paper) + "-win",
        "txt",
        cp1258(txt_of(paper).replace("\n", "\r\n")),
        None,
        neg,
        "txt",
    )
    paper = c.public()
    c.add(
        f"thu-{rng.randint(1000, 9999)}",
        "eml",
        eml_of(
            rng,
            f"V/v {paper.subject}",
            "Kính gửi các đơn vị,\n\nVăn phòng gửi văn bản đính kèm.\n",
            [(f"{_file_stem(paper)}.pdf", c.pdf(paper))],
        ),
        None,
        neg,
        "eml",
    )
    members = []
    for _ in range(2):
        paper = c.public()
        members.append((f"{_file_stem(paper)}.docx", docx_of(paper, rng, random_word_style(rng))))
    c.add(f"van-ban-{rng.randint(100, 999)}", "zip", zip_of(members, ZIP_DATE), None, neg, "zip")
    paper = c.public()
    c.add(
        "bao-cao-so-ket",
        "pptx",
        pptx_of(
            [
                Slide(paper.title or "BÁO CÁO", [paper.subject]),
                Slide("Kết quả", paper.paragraphs[:3]),
            ],
            rng,
        ),
        None,
        neg,
        "pptx",
    )
    for mode in ("RGB", "L"):
        paper = c.public()
        c.add(
            f"scan{rng.randint(1000, 9999)}",
            "pdf",
            c.scan(paper, dpi=200, mode=mode),
            None,
            neg,
            "scan",
        )
    for _ in range(2):
        c.add_paper(c.public(), "photo", neg)
    paper = c.public()
    c.legacy_doc(_file_stem(paper), docx_of(paper, rng, random_word_style(rng)), None, neg, "")


def build(seed: int = 424242) -> list[Item]:
    """The whole held-out corpus in memory (about 170 files)."""
    c = _Corpus(seed)
    _add_secret_office(c)
    _add_secret_sheets(c)
    _add_secret_web_text(c)
    _add_secret_containers(c)
    _add_secret_images(c)
    _add_changed_and_declassified(c)
    _add_legacy_word(c)
    _add_hard_negatives(c)
    _add_negatives(c)
    c.items += word97_items(c.legacy, word97_of({stem: docx for stem, docx, *_ in c.legacy}))
    return c.items
