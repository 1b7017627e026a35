"""Held-out corpus 12 for the leak scanner: about 220 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only tests/corpus/common.py, the bench harness and heldout11's
docstring and imports); nothing may be tuned against it, and its first run's figures are the
honest estimate. `build(SEED)` returns the files; `python -m tests.corpus.heldout12 OUT` writes
them and `labels.jsonl`. Renderers: tests/corpus/heldout12_render.py.

The documents come from a fictional coastal border province, Ngọc Lạp (communes Pác Rằng,
Nậm Khiêu, Đồng Vẹt, Thạch Bàn Thượng, Lũng Pù, Cẩm Sơn Hạ; wards Cầu Muối and Hòn Sỏi): the
province's police, military command and border guard, its party committee, the departments of
finance, education, natural resources and information, and the cipher office. Their secret
subjects: an informant network inside a drug ring on the border, the wartime relocation of the
province's organs to a limestone valley, the air-defence radar post on Hòn Mỏ island, a reserve
arms cache, the cadre-planning dossiers of the standing committee, the provincial exam papers
before the exam, the defence and security budget in detail, a tin-and-tungsten ore survey, an
espionage case against a foreign-funded fish-farm, the cipher network's map and the anti-terror
drill at the Nậm Khiêu hydropower dam. Secret files carry a level stamp (red, dark red,
purple-red or photocopied black; several serif, sans, narrow, condensed and monospaced faces and
sizes; single, double, rounded or no frame; tilted, worn) mostly under the number and symbol,
some at the top right, top centre, top left, over the text, by the signature or at the foot; or
on an annex after a public covering letter. Envelopes carry a circled A/B/C on kraft or white
paper. Formats: Word (framed paragraph, inside the header table, picture, page header or
footer, a line above the header, annex), Word 97 (LibreOffice from such files), PDFs with a text
layer (framed text, a stamp picture, annex page, tilted), scans (skew, 90/180/270, grey,
bilevel, photocopy, low dpi, JPEG, multipage PDF and TIFF), phone photos (perspective, light
falling off, a shadow), workbooks (print header or footer, a later sheet), web pages (box,
spaced letters, a word cut across spans, picture), plain text (boxed, bracketed, spaced,
UTF-16), mail (body, attached Word, PDF or photo) and ZIP archives (nested too), slides (text box
or picture, first or later slide). A changed level (old level struck, new level stamped, or an
"ĐIỀU CHỈNH ĐỘ MẬT" stamp naming it) is secret at the new level; a declassified file (a "GIẢI
MẬT" stamp with date and signer) is not secret. Hard negatives: protection plans, specimen
stamps in training material (captioned), counts by level, empty level fields in forms and
registers, leak news, other senses of "mật" (honey, passwords, density, trade secrets, secret
agents of the colonial era, molasses, intimacy, bile, code words of a game), other red stamps
(KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO, SAO Y, ĐẾN, DỰ THẢO, ĐÃ THẨM ĐỊNH), envelopes with circled
figures, other circled letters or a round seal, and kinds of its own: a public decision that
lists declassified papers, the published catalogue of a sector's secrets, a law quiz, a honey
label photo, a Wi-Fi password notice.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from random import Random
from typing import Any

from PIL import Image

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    labelled,
    renumbered,
    word97_items,
    word97_of,
    write_corpus,
    zip_of,
)
from tests.corpus.heldout12_render import (
    COPY_BLACK,
    INKS,
    KRAFT,
    MOTTO,
    PARTY_MOTTO,
    RED,
    STAMP_FACES,
    Paper,
    Stamp,
    envelope_image,
    html_page,
    mail,
    paper_pages,
    photographed,
    plain_text,
    scan_file,
    scanned,
    slides,
    text_pdf,
    tilt_between,
    word_doc,
    workbook,
)
from tests.corpus.scanner_corpus import Item

SEED = 1212123
ZIP_DATE = (2027, 5, 20, 14, 5, 0)
PROVINCE = "NGỌC LẠP"
COMMUNES = ("Pác Rằng", "Nậm Khiêu", "Đồng Vẹt", "Thạch Bàn Thượng", "Lũng Pù", "Cẩm Sơn Hạ")
WARDS = ("Cầu Muối", "Hòn Sỏi")
PEOPLE = (
    "Đàm Văn Khởi",
    "Nông Thị Huệ",
    "Lường Quốc Tuấn",
    "Vi Thanh Bình",
    "Mạc Đình Lộc",
    "Hoàng Thị Sim",
    "Triệu Văn Pao",
    "Lã Minh Đức",
)
# parent, unit, number symbol, signer's role
AGENCIES = (
    ("CÔNG AN TỈNH " + PROVINCE, "PHÒNG AN NINH ĐỐI NGOẠI", "PA01", "TRƯỞNG PHÒNG"),
    (
        "CÔNG AN TỈNH " + PROVINCE,
        "PHÒNG CẢNH SÁT ĐIỀU TRA TỘI PHẠM VỀ MA TÚY",
        "PC04",
        "TRƯỞNG PHÒNG",
    ),
    ("QUÂN KHU 9", "BỘ CHỈ HUY QUÂN SỰ TỈNH " + PROVINCE, "BCH", "CHỈ HUY TRƯỞNG"),
    ("BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG", "BĐBP TỈNH " + PROVINCE, "BĐBP", "CHỈ HUY TRƯỞNG"),
    ("TỈNH ỦY " + PROVINCE, "BAN TỔ CHỨC", "BTCTU", "TRƯỞNG BAN"),
    ("UBND TỈNH " + PROVINCE, "SỞ TÀI CHÍNH", "STC-NS", "GIÁM ĐỐC"),
    ("UBND TỈNH " + PROVINCE, "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", "GIÁM ĐỐC"),
    ("UBND TỈNH " + PROVINCE, "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT", "GIÁM ĐỐC"),
    ("VĂN PHÒNG TỈNH ỦY " + PROVINCE, "PHÒNG CƠ YẾU", "CY", "TRƯỞNG PHÒNG"),
    ("UBND TỈNH " + PROVINCE, "BAN CHỈ ĐẠO PHÒNG, CHỐNG KHỦNG BỐ", "BCĐ", "TRƯỞNG BAN"),
)


def secret_subjects(rng: Random) -> list[tuple[int, str, str, list[str]]]:
    """The province's secret subjects: (agency index, kind, title, paragraphs), with the
    figures drawn fresh for each paper."""
    c = rng.sample(COMMUNES, 3)
    p = rng.sample(PEOPLE, 3)
    n = rng.randint(3, 19)
    return [
        (
            1,
            "BÁO CÁO",
            f"Về mạng lưới cơ sở bí mật trong đường dây ma túy qua xã {c[0]}",
            [
                f"Đến nay đã xây dựng {n} cơ sở bí mật trong đường dây vận chuyển ma túy tổng hợp từ bên kia biên giới về xã {c[0]} và xã {c[1]}.",
                f"Cơ sở mang bí số N{rng.randint(10, 99)} tiếp cận được đối tượng cầm đầu là {p[0]}, hiện giữ vai trò điều phối kho trung chuyển tại bản {c[2]}.",
                "Đề nghị giữ nguyên phương thức liên lạc một chiều, không sử dụng điện thoại di động khi báo cáo.",
            ],
        ),
        (
            2,
            "PHƯƠNG ÁN",
            "Sơ tán các cơ quan lãnh đạo tỉnh về khu căn cứ hậu phương khi có chiến tranh",
            [
                f"Khu căn cứ hậu phương đặt tại thung lũng đá vôi xã {c[0]}, cách trung tâm tỉnh {rng.randint(38, 75)} km theo đường tỉnh lộ {rng.randint(201, 279)}.",
                f"Sở chỉ huy cơ bản bố trí trong hang Khuổi Nặm, sức chứa {rng.randint(120, 260)} người, có nguồn nước và trạm phát điện dự phòng.",
                f"Thứ tự sơ tán: Thường trực Tỉnh ủy, Bộ Chỉ huy Quân sự, Công an tỉnh; thời gian hoàn thành không quá {rng.randint(18, 36)} giờ kể từ khi có lệnh.",
            ],
        ),
        (
            2,
            "KẾ HOẠCH",
            "Bảo vệ và ngụy trang trạm ra-đa cảnh giới trên đảo Hòn Mỏ",
            [
                f"Trạm ra-đa đặt tại tọa độ {rng.randint(20, 22)}°{rng.randint(10, 59)}′ vĩ Bắc, {rng.randint(106, 108)}°{rng.randint(10, 59)}′ kinh Đông, tầm phát hiện mục tiêu bay thấp {rng.randint(80, 160)} km.",
                "Lực lượng bảo vệ gồm một trung đội dân quân thường trực và một tổ trinh sát; thay ca mỗi 12 giờ.",
                "Các vị trí trận địa giả bố trí ở mỏm tây nam đảo để nghi binh.",
            ],
        ),
        (
            2,
            "BÁO CÁO",
            "Tình hình cất giữ vũ khí, đạn dược dự trữ động viên",
            [
                f"Kho dự trữ K{rng.randint(2, 9)} đặt tại xã {c[1]} hiện cất giữ {rng.randint(900, 4000)} khẩu súng bộ binh và {rng.randint(20, 90)} tấn đạn các loại.",
                "Hệ thống chống sét và báo cháy đã xuống cấp, đề nghị bổ sung kinh phí sửa chữa trong quý III.",
                f"Đường cơ động dự phòng từ kho ra quốc lộ qua bản {c[2]} dài {rng.randint(6, 14)} km.",
            ],
        ),
        (
            4,
            "TỜ TRÌNH",
            "Về quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý nhiệm kỳ 2030 - 2035",
            [
                f"Đề nghị đưa đồng chí {p[0]} và đồng chí {p[1]} vào quy hoạch chức danh Phó Bí thư Tỉnh ủy.",
                f"Đồng chí {p[2]} không đủ điều kiện tái quy hoạch do có đơn thư tố cáo đang xác minh.",
                "Kết quả lấy phiếu giới thiệu tại Hội nghị Ban Chấp hành Đảng bộ tỉnh kèm theo tờ trình này.",
            ],
        ),
        (
            6,
            "QUYẾT ĐỊNH",
            "Phê duyệt đề thi chính thức kỳ thi chọn học sinh giỏi cấp tỉnh năm học 2026 - 2027",
            [
                f"Phê duyệt {rng.randint(9, 14)} đề thi chính thức và {rng.randint(9, 14)} đề thi dự bị, niêm phong tại Phòng Khảo thí.",
                "Đề thi được in sao tại khu vực cách ly, người tham gia in sao không được ra ngoài cho tới khi kết thúc môn thi cuối.",
                "Đáp án và hướng dẫn chấm chỉ được mở niêm phong khi có lệnh của Trưởng ban chấm thi.",
            ],
        ),
        (
            5,
            "BÁO CÁO",
            "Chi tiết dự toán chi quốc phòng, an ninh năm 2028",
            [
                f"Tổng dự toán chi quốc phòng địa phương {rng.randint(210, 480)} tỷ đồng, trong đó chi xây dựng công trình phòng thủ {rng.randint(40, 120)} tỷ đồng.",
                f"Chi cho lực lượng an ninh nhân dân {rng.randint(90, 260)} tỷ đồng, gồm kinh phí nghiệp vụ đặc biệt và mua sắm phương tiện kỹ thuật.",
                "Số liệu chi tiết theo từng công trình ở phụ lục kèm theo.",
            ],
        ),
        (
            7,
            "BÁO CÁO",
            f"Kết quả điều tra, đánh giá trữ lượng quặng thiếc - vonfram khu vực {c[0]}",
            [
                f"Trữ lượng cấp 122 ước tính {rng.randint(8, 40)} nghìn tấn thiếc kim loại và {rng.randint(3, 15)} nghìn tấn WO3.",
                f"Thân quặng chính chạy theo hướng tây bắc - đông nam, kéo dài {rng.randint(2, 7)},{rng.randint(1, 9)} km, nằm trong vùng cấm quân sự.",
                "Chưa công bố kết quả trước khi Thủ tướng Chính phủ quyết định khoanh định khu vực dự trữ khoáng sản quốc gia.",
            ],
        ),
        (
            0,
            "BÁO CÁO",
            "Kết quả đấu tranh chuyên án HM-27 về hoạt động tình báo tại trại nuôi cá lồng",
            [
                f"Trại nuôi cá lồng có vốn nước ngoài tại phường {rng.choice(WARDS)} bố trí thiết bị thu tín hiệu hướng ra vùng neo đậu tàu hải quân.",
                f"Đã xác định {rng.randint(2, 6)} đối tượng, trong đó {p[0]} là người móc nối, nhận tiền qua tài khoản ở nước ngoài.",
                "Đề xuất tiếp tục theo dõi, chưa bắt giữ để mở rộng chuyên án.",
            ],
        ),
        (
            8,
            "SƠ ĐỒ",
            "Mạng liên lạc cơ yếu của tỉnh và khóa mã dùng trong năm 2027",
            [
                f"Mạng gồm {rng.randint(12, 30)} điểm, điểm trung tâm đặt tại Văn phòng Tỉnh ủy, điểm dự phòng tại Bộ Chỉ huy Quân sự tỉnh.",
                f"Khóa mã thay đổi mỗi {rng.choice((7, 10, 15))} ngày; bản khóa giấy giao nhận trực tiếp qua cán bộ cơ yếu.",
                "Khi mất liên lạc quá 6 giờ chuyển sang kênh vô tuyến sóng ngắn theo bảng tần số phụ lục 2.",
            ],
        ),
        (
            9,
            "KẾ HOẠCH",
            "Diễn tập chống khủng bố, bắt giữ con tin tại nhà máy thủy điện Nậm Khiêu",
            [
                f"Tình huống giả định: nhóm {rng.randint(4, 8)} đối tượng chiếm phòng điều khiển trung tâm, khống chế {rng.randint(5, 20)} công nhân vận hành.",
                "Lực lượng đặc nhiệm tiếp cận qua hành lang thoát nước phía hạ lưu, phương án chi tiết và mật lệnh ở phụ lục.",
                "Thời gian diễn tập được giữ kín, chỉ thông báo cho Ban Giám đốc nhà máy trước 2 giờ.",
            ],
        ),
        (
            3,
            "BÁO CÁO",
            f"Tình hình tuần tra khu vực mốc {rng.randint(100, 199)} và lối mòn qua biên giới ở xã {c[1]}",
            [
                f"Phát hiện {rng.randint(3, 11)} lối mòn mới qua biên giới, trong đó có lối đủ rộng cho xe máy chở hàng.",
                f"Bố trí {rng.randint(2, 5)} điểm chốt ẩn, thời gian và vị trí thay đổi hằng tuần theo lệnh của Chỉ huy trưởng.",
                "Đề nghị phối hợp với Công an tỉnh kiểm tra số đối tượng tạm trú tại các bản giáp biên.",
            ],
        ),
    ]


PUBLIC_SUBJECTS = (
    (
        5,
        "THÔNG BÁO",
        "Về việc công khai quyết toán ngân sách tỉnh năm 2026",
        [
            "Sở Tài chính công khai số liệu quyết toán thu, chi ngân sách địa phương năm 2026 theo Luật Ngân sách nhà nước.",
            "Các biểu mẫu chi tiết được đăng trên Cổng thông tin điện tử của tỉnh.",
        ],
    ),
    (
        6,
        "KẾ HOẠCH",
        "Tổ chức Hội khỏe Phù Đổng cấp tỉnh năm 2027",
        [
            "Hội khỏe tổ chức tại sân vận động phường Cầu Muối từ ngày 12 đến ngày 18 tháng 4.",
            "Các trường đăng ký danh sách vận động viên trước ngày 20 tháng 3.",
        ],
    ),
    (
        7,
        "GIẤY MỜI",
        "Dự hội nghị về giao đất, giao rừng cho hộ gia đình",
        [
            "Kính mời đại diện Ủy ban nhân dân các xã dự hội nghị lúc 8 giờ ngày 14 tháng 5 tại hội trường Sở.",
            "Đề nghị mang theo báo cáo kết quả rà soát diện tích rừng phòng hộ.",
        ],
    ),
    (
        2,
        "THÔNG BÁO",
        "Lịch tiếp nhận thanh niên nhập ngũ năm 2027",
        [
            "Lễ giao nhận quân tổ chức đồng loạt tại các huyện vào sáng ngày 22 tháng 2.",
            "Gia đình thanh niên được đến tiễn tại điểm tập kết.",
        ],
    ),
    (
        1,
        "THÔNG BÁO",
        "Kết quả tháng hành động phòng, chống ma túy",
        [
            "Trong tháng đã tổ chức 46 buổi tuyên truyền tại trường học và khu dân cư.",
            "Đường dây nóng tiếp nhận tố giác tội phạm: 0209.3777.113.",
        ],
    ),
)


def level_stamp(
    rng: Random, level: str, *, where: str | None = None, struck: bool = False
) -> Stamp:
    """A level stamp as offices put it: mostly red under the number, sometimes elsewhere."""
    return Stamp(
        (LEVEL_WORD[level],),
        ink=rng.choice(INKS),
        face=rng.choice(STAMP_FACES),
        size=rng.randint(26, 46),
        frame=rng.choice(("single", "single", "single", "double", "rounded", "none")),
        tilt=tilt_between(rng, 0.5, 6) if rng.random() < 0.35 else 0.0,
        wear=rng.uniform(0.1, 0.5) if rng.random() < 0.3 else 0.0,
        where=where
        or rng.choice(
            ("under_number",) * 13
            + (
                "top_right",
                "top_right",
                "top_centre",
                "top_left",
                "over_text",
                "bottom",
                "signature",
            )
        ),
        struck=struck,
    )


def note_stamp(
    rng: Random, ink: tuple[int, int, int], lines: tuple[str, ...], size: int, where: str
) -> Stamp:
    """A several-line stamp beside a level (the change or declassification note)."""
    frame = rng.choice(("single", "single", "double"))
    return Stamp(lines, ink=ink, face=rng.choice(STAMP_FACES), size=size, frame=frame, where=where)


def change_stamps(rng: Random, old: str, new: str) -> list[Stamp]:
    """The marks of a changed level: the old level struck, then the new one stamped, an
    "ĐIỀU CHỈNH ĐỘ MẬT" stamp naming it, or both."""
    old_mark = level_stamp(rng, old, where="under_number", struck=True)
    when = f"Ngày {rng.randint(2, 27)}/{rng.randint(1, 9)}/2027"
    lines = ("ĐIỀU CHỈNH ĐỘ MẬT", f"Độ mật mới: {LEVEL_WORD[new]}", when)
    note = note_stamp(rng, old_mark.ink, lines, rng.randint(22, 30), "under_number")
    new_mark = level_stamp(rng, new, where="under_number")
    return rng.choice(([old_mark, new_mark], [old_mark, note], [old_mark, note, new_mark]))


def declass_stamps(rng: Random, old: str) -> list[Stamp]:
    """The marks of a declassified paper: the old level, struck or intact, and the GIẢI MẬT
    stamp with its date and signer."""
    old_mark = level_stamp(rng, old, where="under_number", struck=rng.random() < 0.6)
    when = f"Ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2027"
    lines = ("GIẢI MẬT", when, f"Người giải mật: {rng.choice(PEOPLE)}")
    where = rng.choice(("under_number", "top_right"))
    return [old_mark, note_stamp(rng, old_mark.ink, lines, rng.randint(24, 32), where)]


@dataclass
class Builder:
    """Collects the corpus's files: a random source, the levels in turn for the secret files,
    the items and the Word files kept for conversion to Word 97."""

    rng: Random
    items: list[Item] = field(default_factory=list)
    legacy: list[tuple[str, bytes, str | None, str, str, bool]] = field(default_factory=list)
    _levels: Iterator[str] | None = None
    _serial: int = 0

    def level(self) -> str:
        if self._levels is None:
            order = list(LEVELS)
            self.rng.shuffle(order)
            self._levels = iter(order * 100)
        return next(self._levels)

    def add(
        self, stem: str, ext: str, data: bytes, *labels: Any, declassified: bool = False
    ) -> None:
        """A file named `000_STEM_NNN.EXT` (the number made unique here, the leading one
        replaced at the end) with its labels (level, category, format, family)."""
        self._serial += 1
        name = f"000_{stem}_{self._serial:03d}.{ext}"
        self.items.append(labelled(name, data, *labels, declassified=declassified))

    def paper(
        self,
        subject: tuple[int, str, str, list[str]],
        stamps: list[Stamp],
        *,
        annex: Paper | None = None,
    ) -> Paper:
        agency_index, kind, title, body = subject
        parent, unit, symbol, role = AGENCIES[agency_index]
        rng = self.rng
        return Paper(
            parent=parent,
            unit=unit,
            number=f"Số: {rng.randint(12, 980)}/{kind_code(kind)}-{symbol}",
            place_date=f"{PROVINCE.title()}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} năm 2027",
            kind=kind,
            title=title,
            body=body,
            signer=(role, rng.choice(PEOPLE)),
            stamps=stamps,
            annex=annex,
            motto=PARTY_MOTTO if "ỦY" in parent else MOTTO,
        )

    def secret_paper(
        self, level: str, stamps: list[Stamp] | None = None, where: str | None = None
    ) -> Paper:
        marks = stamps or [level_stamp(self.rng, level, where=where)]
        return self.paper(self.rng.choice(secret_subjects(self.rng)), marks)

    def public_paper(self, stamps: list[Stamp] | None = None) -> Paper:
        return self.paper(self.rng.choice(PUBLIC_SUBJECTS), stamps or [])

    def covered(self, level: str, stamps: list[Stamp] | None = None) -> Paper:
        """A public covering letter whose annex (on the next page) carries the level."""
        annex = self.secret_paper(
            level,
            stamps=stamps
            or [
                level_stamp(
                    self.rng,
                    level,
                    where=self.rng.choice(("under_number", "top_right", "top_centre")),
                )
            ],
        )
        annex.kind = "PHỤ LỤC"
        cover = self.paper(
            (
                annex_agency(annex),
                "CÔNG VĂN",
                "V/v gửi tài liệu kèm theo",
                [
                    "Gửi kèm theo công văn này tài liệu phục vụ hội nghị giao ban khối nội chính.",
                    "Đề nghị các đơn vị quản lý, sử dụng tài liệu theo đúng quy định.",
                ],
            ),
            [],
            annex=annex,
        )
        return cover


def kind_code(kind: str) -> str:
    return {
        "BÁO CÁO": "BC",
        "KẾ HOẠCH": "KH",
        "PHƯƠNG ÁN": "PA",
        "TỜ TRÌNH": "TTr",
        "QUYẾT ĐỊNH": "QĐ",
        "SƠ ĐỒ": "SĐ",
        "THÔNG BÁO": "TB",
        "GIẤY MỜI": "GM",
        "CÔNG VĂN": "CV",
        "PHỤ LỤC": "PL",
    }.get(kind, "VB")


def annex_agency(paper: Paper) -> int:
    return next(i for i, a in enumerate(AGENCIES) if a[1] == paper.unit)


def stem_of(paper: Paper) -> str:
    """A file stem as an office names a paper: its number and symbol."""
    number = paper.number.removeprefix("Số: ").replace("/", "_").replace("Đ", "D")
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "" for ch in number)


def phone_stem(rng: Random) -> str:
    day = f"2027{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    return f"IMG_{day}_{rng.randint(7, 22):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"


def scan_stem(rng: Random) -> str:
    return rng.choice(("scan", "Scan", "SCAN", "doc", "MFP")) + f"_{rng.randint(1000, 9999)}"


def pages(b: Builder, paper: Paper, scale: float = 1.0) -> list[Image.Image]:
    face = b.rng.choice(
        ("LiberationSerif-Regular", "DejaVuSerif", "LiberationSans-Regular", "DejaVuSans")
    )
    return paper_pages(paper, b.rng, face=face, scale=scale)


def scan_like(b: Builder, paper: Paper, kind: str, *, turn: int = 0) -> bytes:
    """The paper scanned at a random resolution, skew, colour mode and saved as `kind`."""
    rng = b.rng
    mode = (
        rng.choice(("RGB", "RGB", "L", "copy", "1")) if kind != "jpeg" else rng.choice(("RGB", "L"))
    )
    shots = [
        scanned(
            page,
            rng,
            turn=turn,
            skew=rng.uniform(-2.5, 2.5),
            mode=mode,
            dpi_scale=rng.uniform(0.7, 1.0),
            noise=rng.randint(4, 18),
        )
        for page in pages(b, paper)
    ]
    return scan_file(shots, kind, quality=rng.randint(55, 90))


def photo_of(b: Builder, paper: Paper) -> bytes:
    rng = b.rng
    return photographed(
        pages(b, paper)[0],
        rng,
        quality=rng.randint(60, 88),
        shadow=rng.random() < 0.6,
        background=rng.choice(((92, 70, 52), (60, 60, 64), (150, 130, 110), (30, 40, 60))),
    )


def envelope(b: Builder, mark: Stamp | None, extra: list[Stamp] | None = None) -> Image.Image:
    rng = b.rng
    _parent, unit, symbol, _ = rng.choice(AGENCIES)
    to = rng.choice(
        (
            "Đồng chí Bí thư Tỉnh ủy",
            "Đ/c Giám đốc Công an tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh Ngọc Lạp",
            "Văn phòng UBND tỉnh Ngọc Lạp",
            "Phòng Cơ yếu, Văn phòng Tỉnh ủy",
        )
    )
    colour = KRAFT if rng.random() < 0.6 else (247, 246, 240)
    return envelope_image(
        rng,
        mark=mark,
        colour=colour,
        sender=f"{unit}",
        to=to,
        number=f"Số: {rng.randint(10, 900)}/{symbol}",
        extra=extra,
    )


def circled(rng: Random, text: str, ink: tuple[int, int, int] | None = None) -> Stamp:
    return Stamp(
        (text,),
        ink=ink or rng.choice(INKS),
        face=rng.choice(STAMP_FACES),
        size=rng.randint(44, 70),
        frame="circle",
        tilt=tilt_between(rng, 0, 8),
    )


# --- secret files --------------------------------------------------------------------------


def add_word(b: Builder) -> None:
    for marks_as in (
        ("frame",) * 6
        + ("cell",) * 3
        + ("picture",) * 3
        + ("header", "header", "footer", "footer", "top", "top")
    ):
        level = b.level()
        where = "under_number" if marks_as in ("frame", "cell", "picture") else None
        paper = b.secret_paper(level, where=where)
        face = b.rng.choice(("Times New Roman", "Arial", "Liberation Serif", "DejaVu Sans"))
        b.add(
            stem_of(paper),
            "docx",
            word_doc(paper, b.rng, marks_as=marks_as, face=face),
            level,
            "positive",
            "docx",
            f"word_{marks_as}",
        )


def add_word97(
    b: Builder,
    level: str | None,
    category: str,
    family: str,
    paper: Paper,
    marks_as: str,
    *,
    declassified: bool = False,
) -> None:
    stem = f"000_{stem_of(paper)}_w{len(b.legacy):02d}"
    b.legacy.append(
        (stem, word_doc(paper, b.rng, marks_as=marks_as), level, category, family, declassified)
    )


def add_changed(b: Builder) -> None:
    rng = b.rng
    for fmt in ("docx", "docx", "docx", "pdf", "pdf", "scan", "scan", "html"):
        new = b.level()
        old = rng.choice([lvl for lvl in LEVELS if lvl != new])
        paper = b.secret_paper(new, stamps=change_stamps(rng, old, new))
        if fmt == "docx":
            data = word_doc(paper, rng, marks_as=rng.choice(("frame", "cell")))
        elif fmt == "pdf":
            data = text_pdf(paper, rng, stamp_as=rng.choice(("text", "image")))
        elif fmt == "scan":
            data = scan_like(b, paper, rng.choice(("pdf", "png")))
        else:
            data = html_page(paper, rng, marks_as="box")
        ext = {"scan": "pdf" if data[:4] == b"%PDF" else "png"}.get(fmt, fmt)
        b.add(stem_of(paper), ext, data, new, "positive", fmt, "changed_level")


def add_pdfs(b: Builder) -> None:
    rng = b.rng
    for stamp_as in ("text",) * 7 + ("image",) * 6:
        level = b.level()
        paper = b.secret_paper(level)
        face = rng.choice(("DejaVuSerif", "DejaVuSans", "LiberationSerif", "LiberationSans"))
        face_file = {
            "LiberationSerif": "LiberationSerif-Regular",
            "LiberationSans": "LiberationSans-Regular",
        }.get(face, face)
        data = text_pdf(
            paper, rng, stamp_as=stamp_as, face=face_file if face.startswith("DejaVu") else face
        )
        b.add(stem_of(paper), "pdf", data, level, "positive", "pdf", f"pdf_{stamp_as}_stamp")
    for _ in range(4):
        level = b.level()
        paper = b.covered(level)
        b.add(
            stem_of(paper),
            "pdf",
            text_pdf(paper, rng, stamp_as=rng.choice(("text", "image"))),
            level,
            "positive",
            "pdf",
            "pdf_annex",
        )


def add_scans(b: Builder) -> None:
    rng = b.rng
    for kind in ("png", "jpeg", "png", "jpeg", "pdf", "pdf"):
        level = b.level()
        paper = b.secret_paper(level)
        b.add(
            scan_stem(rng),
            "jpg" if kind == "jpeg" else kind,
            scan_like(b, paper, kind),
            level,
            "positive",
            "scan",
            "scan_page",
        )
    for turn in (90, 180, 270, 180, 90):
        level = b.level()
        kind = rng.choice(("png", "pdf", "jpeg"))
        b.add(
            scan_stem(rng),
            "jpg" if kind == "jpeg" else kind,
            scan_like(b, b.secret_paper(level), kind, turn=turn),
            level,
            "positive",
            "scan",
            "scan_turned",
        )
    for kind in ("tiff", "tiff", "tiff", "pdf", "pdf", "pdf"):
        level = b.level()
        b.add(
            scan_stem(rng),
            "tif" if kind == "tiff" else kind,
            scan_like(b, b.covered(level), kind),
            level,
            "positive",
            "scan",
            "scan_annex",
        )
    for _ in range(3):
        level = b.level()
        env = envelope(b, circled(rng, LEVEL_LETTER[level]))
        shot = scanned(env, rng, skew=rng.uniform(-3, 3), mode=rng.choice(("RGB", "L")), noise=8)
        b.add(
            scan_stem(rng),
            "jpg",
            scan_file([shot], "jpeg", quality=rng.randint(60, 85)),
            level,
            "positive",
            "scan",
            "envelope_scan",
        )


def add_photos(b: Builder) -> None:
    rng = b.rng
    for _ in range(6):
        level = b.level()
        b.add(
            phone_stem(rng),
            "jpg",
            photo_of(b, b.secret_paper(level)),
            level,
            "positive",
            "photo",
            "photo_page",
        )
    for _ in range(5):
        level = b.level()
        ink = COPY_BLACK if rng.random() < 0.3 else None
        env = envelope(b, circled(rng, LEVEL_LETTER[level], ink))
        data = photographed(
            env,
            rng,
            quality=rng.randint(60, 85),
            shadow=rng.random() < 0.5,
            background=rng.choice(((80, 62, 45), (50, 52, 58), (170, 160, 150))),
        )
        b.add(phone_stem(rng), "jpg", data, level, "positive", "photo", "envelope_photo")


def table_rows(paper: Paper, rng: Random) -> list[list[object]]:
    """A paper's figures as a table, for a workbook."""
    head = [["STT", "Nội dung", "Địa bàn", "Số lượng", "Ghi chú"]]
    return head + [
        [i, text[:60], rng.choice(COMMUNES), rng.randint(1, 400), ""]
        for i, text in enumerate(paper.body, 1)
    ]


def add_workbooks(b: Builder) -> None:
    rng = b.rng
    for where in ("header", "header", "header", "footer", "footer", "later", "later", "later"):
        level = b.level()
        paper = b.secret_paper(level)
        rows = [[paper.unit], [paper.title], [], *table_rows(paper, rng)]
        word = LEVEL_WORD[level]
        if where == "later":
            sheets = [
                (
                    "Tong hop",
                    [
                        ["Biểu tổng hợp"],
                        ["Xem chi tiết ở các trang sau"],
                        ["Số đơn vị", rng.randint(3, 12)],
                    ],
                ),
                ("Chi tiet", rows),
            ]
            data = workbook(sheets, title_cell=(1, word))
        else:
            data = workbook(
                [("Bieu 01", rows)],
                print_header=word if where == "header" else "",
                print_footer=f"Độ mật: {word}" if where == "footer" else "",
            )
        b.add(f"Bieu_{stem_of(paper)}", "xlsx", data, level, "positive", "xlsx", f"xlsx_{where}")


def add_web(b: Builder) -> None:
    for marks_as in ("box", "spaced", "split", "image") * 2:
        level = b.level()
        paper = b.secret_paper(level, where="under_number")
        b.add(
            f"vanban_{stem_of(paper)}",
            "html",
            html_page(paper, b.rng, marks_as=marks_as),
            level,
            "positive",
            "html",
            f"html_{marks_as}",
        )


def add_text(b: Builder) -> None:
    for marks_as, enc in (
        ("box", "utf-8"),
        ("bracket", "utf-8"),
        ("spaced", "utf-8"),
        ("bracket", "utf-16"),
    ):
        level = b.level()
        paper = b.secret_paper(level)
        b.add(
            f"{stem_of(paper)}_ban_text",
            "txt",
            plain_text(paper, marks_as=marks_as, encoding=enc),
            level,
            "positive",
            "txt",
            f"txt_{marks_as}",
        )


def add_mails(b: Builder) -> None:
    rng = b.rng
    for attach in ("none", "docx", "pdf", "photo"):
        level = b.level()
        paper = b.secret_paper(level)
        attachments: list[tuple[str, bytes, str]] = []
        body = f"Kính gửi đồng chí,\n\nPhòng gửi {paper.kind.lower()} {paper.title.lower()}.\n\nTrân trọng."
        if attach == "none":
            body = f"{LEVEL_WORD[level]}\n\n{paper.number}\n{paper.title}\n\n" + "\n".join(
                paper.body
            )
        elif attach == "docx":
            attachments.append(
                (
                    f"{stem_of(paper)}.docx",
                    word_doc(paper, rng),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            )
        elif attach == "pdf":
            attachments.append((f"{stem_of(paper)}.pdf", text_pdf(paper, rng), "application/pdf"))
        else:
            attachments.append((f"{phone_stem(rng)}.jpg", photo_of(b, paper), "image/jpeg"))
        data = mail(
            "vanthu@ngoclap.gov.vn",
            "lanhdao@ngoclap.gov.vn",
            f"V/v {paper.title}",
            body,
            attachments=attachments,
        )
        b.add(
            f"thu_{rng.randint(100, 999)}", "eml", data, level, "positive", "eml", f"eml_{attach}"
        )


def add_zips(b: Builder) -> None:
    rng = b.rng
    for kind in ("docx", "scan", "nested"):
        level = b.level()
        paper = b.secret_paper(level)
        filler = b.public_paper()
        if kind == "docx":
            members = [
                (f"{stem_of(paper)}.docx", word_doc(paper, rng)),
                (f"{stem_of(filler)}.docx", word_doc(filler, rng)),
            ]
        elif kind == "scan":
            members = [
                (f"{scan_stem(rng)}.pdf", scan_like(b, paper, "pdf")),
                ("ghichu.txt", "Hồ sơ gửi kèm".encode()),
            ]
        else:
            inner = zip_of([(f"{stem_of(paper)}.pdf", text_pdf(paper, rng))], ZIP_DATE)
            members = [("ho_so_con.zip", inner), (f"{stem_of(filler)}.pdf", text_pdf(filler, rng))]
        b.add(
            f"hoso_{stem_of(paper)}",
            "zip",
            zip_of(members, ZIP_DATE),
            level,
            "positive",
            "zip",
            f"zip_{kind}",
        )


def deck_pages(paper: Paper) -> list[tuple[str, list[str]]]:
    return [
        (paper.title, [paper.unit, paper.number]),
        ("Nội dung chính", paper.body),
        ("Kiến nghị", ["Đề nghị Thường trực cho ý kiến chỉ đạo."]),
    ]


def add_decks(b: Builder) -> None:
    for on_slide, as_picture in ((0, False), (1, True), (2, False), (0, True)):
        level = b.level()
        paper = b.secret_paper(level)
        data = slides(
            deck_pages(paper),
            b.rng,
            mark=level_stamp(b.rng, level),
            on_slide=on_slide,
            as_picture=as_picture,
        )
        b.add(
            f"BaoCao_{stem_of(paper)}",
            "pptx",
            data,
            level,
            "positive",
            "pptx",
            "pptx_picture" if as_picture else "pptx_textbox",
        )


# --- declassified --------------------------------------------------------------------------


def add_declassified(b: Builder) -> None:
    rng = b.rng
    for fmt in ("docx",) * 4 + (
        "doc",
        "doc",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "photo",
        "html",
        "xlsx",
    ):
        old = rng.choice(LEVELS)
        paper = b.secret_paper(old, stamps=declass_stamps(rng, old))
        if fmt == "doc":
            add_word97(
                b,
                None,
                "declassified",
                "declassified_doc",
                paper,
                rng.choice(("cell", "frame")),
                declassified=True,
            )
            continue
        if fmt == "docx":
            data, ext = (
                word_doc(paper, rng, marks_as=rng.choice(("frame", "cell", "picture"))),
                "docx",
            )
        elif fmt == "pdf":
            data, ext = text_pdf(paper, rng, stamp_as=rng.choice(("text", "image"))), "pdf"
        elif fmt == "scan":
            data, ext = scan_like(b, paper, "pdf"), "pdf"
        elif fmt == "photo":
            data, ext = photo_of(b, paper), "jpg"
        elif fmt == "html":
            data, ext = html_page(paper, rng), "html"
        else:
            rows = [[line] for line in (paper.number, paper.title)] + table_rows(paper, rng)
            note = f"{LEVEL_WORD[old]} - GIẢI MẬT ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2027, người giải mật {rng.choice(PEOPLE)}"
            data, ext = workbook([("Bieu", rows)], title_cell=(0, note)), "xlsx"
        b.add(
            stem_of(paper),
            ext,
            data,
            None,
            "declassified",
            fmt,
            f"declassified_{fmt}",
            declassified=True,
        )


# --- hard negatives ------------------------------------------------------------------------

PROTECTION_PLAN = [
    "Quán triệt Luật Bảo vệ bí mật nhà nước năm 2018, Nghị định 26/2020/NĐ-CP và Thông tư 24/2020/TT-BCA đến toàn thể cán bộ, chiến sĩ.",
    "Tài liệu, vật chứa bí mật nhà nước độ Tuyệt mật, Tối mật và Mật phải được đóng dấu độ mật ngay khi soạn thảo, vào sổ theo dõi riêng và cất giữ trong tủ có khóa.",
    "Không soạn thảo, lưu giữ tài liệu mật trên máy tính có kết nối Internet; không chụp ảnh tài liệu mật bằng điện thoại di động.",
    "Văn phòng rà soát việc giải mật tài liệu đã hết thời hạn bảo vệ, đề xuất điều chỉnh độ mật khi cần.",
]


def hard_paper(
    b: Builder,
    agency: int,
    kind: str,
    title: str,
    body: list[str],
    stamps: list[Stamp] | None = None,
) -> Paper:
    return b.paper((agency, kind, title, body), stamps or [])


def emit(b: Builder, paper: Paper, fmt: str, family: str, category: str = "hard_negative") -> None:
    """One non-secret paper in a format: its bytes, name and labels."""
    rng = b.rng
    if fmt == "doc":
        add_word97(b, None, category, family, paper, rng.choice(("cell", "frame")))
        return
    makers = {
        "docx": lambda: word_doc(paper, rng, marks_as=rng.choice(("frame", "picture", "cell"))),
        "pdf": lambda: text_pdf(paper, rng, stamp_as=rng.choice(("text", "image"))),
        "scan": lambda: scan_like(b, paper, rng.choice(("png", "pdf", "jpeg"))),
        "photo": lambda: photo_of(b, paper),
        "html": lambda: html_page(paper, rng, marks_as=rng.choice(("box", "image"))),
        "txt": lambda: plain_text(paper, marks_as="bracket"),
        "eml": lambda: mail(
            "banbientap@baongoclap.vn",
            "bandoc@ngoclap.gov.vn",
            paper.title,
            "\n\n".join(paper.body),
        ),
        "pptx": lambda: slides(
            deck_pages(paper),
            rng,
            mark=paper.stamps[0] if paper.stamps else None,
            on_slide=1,
            caption=paper.stamps[0].caption if paper.stamps else "",
        ),
    }
    data = makers[fmt]()
    ext = {
        "scan": "pdf" if data[:4] == b"%PDF" else "png" if data[:4] == b"\x89PNG" else "jpg",
        "photo": "jpg",
    }.get(fmt, fmt)
    stem = (
        phone_stem(rng) if fmt == "photo" else scan_stem(rng) if fmt == "scan" else stem_of(paper)
    )
    b.add(stem, ext, data, None, category, fmt, family)


def add_protection_plans(b: Builder) -> None:
    for fmt in ("docx", "docx", "docx", "pdf", "pdf", "doc", "doc", "html", "txt"):
        agency = b.rng.randrange(len(AGENCIES))
        paper = hard_paper(
            b,
            agency,
            "KẾ HOẠCH",
            "Công tác bảo vệ bí mật nhà nước năm 2027",
            b.rng.sample(PROTECTION_PLAN, 3),
        )
        emit(b, paper, fmt, "protection_plan")


def specimen(rng: Random, level: str) -> Stamp:
    caption = rng.choice(
        (
            f'Mẫu số 01 - Dấu độ mật "{LEVEL_WORD[level].capitalize()}" (minh họa)',
            f"Hình {rng.randint(1, 6)}: mẫu dấu {LEVEL_WORD[level].lower()} theo Thông tư 24/2020/TT-BCA",
            "(Mẫu dấu để tham khảo, không dùng đóng lên tài liệu)",
        )
    )
    return Stamp(
        (LEVEL_WORD[level],),
        ink=rng.choice(INKS),
        face=rng.choice(STAMP_FACES),
        size=rng.randint(26, 36),
        where="bottom",
        caption=caption,
    )


def add_specimens(b: Builder) -> None:
    rng = b.rng
    body = [
        "Dấu độ mật hình chữ nhật, viền đơn, mực đỏ tươi, đóng phía dưới số, ký hiệu của văn bản.",
        "Bì đựng tài liệu mật ngoài bì ghi chữ A, B hoặc C trong vòng tròn tương ứng với từng độ mật.",
        "Dưới đây là hình mẫu để học viên nhận biết; mẫu không có giá trị đóng dấu.",
    ]
    for fmt in ("pdf", "pdf", "docx", "docx", "pptx", "pptx", "scan", "scan", "photo"):
        paper = hard_paper(
            b,
            0,
            "TÀI LIỆU TẬP HUẤN",
            "Hướng dẫn nhận biết và sử dụng mẫu dấu độ mật",
            body,
            [specimen(rng, rng.choice(LEVELS))],
        )
        emit(b, paper, fmt, "specimen_stamp")


def add_counts(b: Builder) -> None:
    rng = b.rng
    for fmt in ("xlsx", "xlsx", "xlsx", "docx", "docx", "pdf"):
        counts = {word: rng.randint(0, 300) for word in ("Tuyệt mật", "Tối mật", "Mật")}
        if fmt == "xlsx":
            rows: list[list[object]] = [
                ["BÁO CÁO SỐ LIỆU TÀI LIỆU MẬT NĂM 2027"],
                ["Đơn vị", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "Đã giải mật"],
            ]
            rows += [
                [
                    AGENCIES[i][1],
                    rng.randint(0, 9),
                    rng.randint(0, 60),
                    rng.randint(0, 300),
                    rng.randint(0, 40),
                ]
                for i in range(6)
            ]
            b.add(
                f"ThongKe_TLM_{rng.randint(1, 12):02d}",
                "xlsx",
                workbook([("So lieu", rows)]),
                None,
                "hard_negative",
                "xlsx",
                "counts_by_level",
            )
            continue
        text = [
            f"Trong năm, toàn tỉnh soạn thảo {sum(counts.values())} tài liệu mật, gồm: "
            + "; ".join(f"độ {k}: {v}" for k, v in counts.items())
            + "."
        ]
        paper = hard_paper(
            b,
            8,
            "BÁO CÁO",
            "Tổng kết công tác bảo vệ bí mật nhà nước năm 2027",
            [*text, PROTECTION_PLAN[3]],
        )
        emit(b, paper, fmt, "counts_by_level")


def add_empty_fields(b: Builder) -> None:
    rng = b.rng
    for fmt in ("docx", "docx", "xlsx", "xlsx", "pdf", "scan"):
        if fmt == "xlsx":
            rows: list[list[object]] = [
                ["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"],
                ["Số đến", "Ngày", "Cơ quan gửi", "Trích yếu", "Độ mật", "Độ khẩn", "Người nhận"],
            ]
            rows += [[i, "", "", "", "", "", ""] for i in range(1, 25)]
            b.add(
                f"So_den_{rng.randint(2026, 2028)}",
                "xlsx",
                workbook([("So den", rows)]),
                None,
                "hard_negative",
                "xlsx",
                "empty_level_field",
            )
            continue
        body = [
            "Tên tài liệu: ....................................................",
            "Độ mật: .................   Độ khẩn: .................",
            "Số bản: ......   Nơi nhận: ...............................",
            "Người đề xuất (ký, ghi rõ họ tên)",
        ]
        emit(
            b,
            hard_paper(
                b,
                rng.randrange(len(AGENCIES)),
                "PHIẾU ĐỀ XUẤT",
                "Xác định độ mật của văn bản (mẫu trống)",
                body,
            ),
            fmt,
            "empty_level_field",
        )


def add_leak_news(b: Builder) -> None:
    rng = b.rng
    stories = [
        "Cơ quan An ninh điều tra Công an tỉnh Ngọc Lạp đã khởi tố một cán bộ văn thư về tội cố ý làm lộ bí mật nhà nước, sau khi người này chụp ảnh một tài liệu đóng dấu TỐI MẬT gửi qua mạng xã hội.",
        "Theo cáo trạng, bị can đã sao chụp 14 trang tài liệu có độ mật Tuyệt mật và Mật, rồi bán cho một đối tượng đang bị truy nã.",
        "Tòa án nhân dân tỉnh tuyên phạt 5 năm tù đối với bị cáo về tội làm mất tài liệu bí mật nhà nước.",
        "Lãnh đạo Công an tỉnh khuyến cáo không dùng thư điện tử công cộng để gửi tài liệu mật.",
    ]
    for fmt in ("html", "html", "html", "txt", "eml", "eml"):
        paper = hard_paper(
            b,
            0,
            "TIN BÀI",
            rng.choice(
                (
                    "Khởi tố cán bộ làm lộ tài liệu mật",
                    "Xét xử vụ làm mất tài liệu bí mật nhà nước",
                    "Cảnh báo lộ lọt tài liệu mật qua mạng xã hội",
                )
            ),
            rng.sample(stories, 3),
        )
        paper.parent, paper.unit, paper.number = (
            "BÁO NGỌC LẠP ĐIỆN TỬ",
            "Chuyên mục Pháp luật",
            f"Cập nhật {rng.randint(6, 22)}:{rng.randint(10, 59)}",
        )
        emit(b, paper, fmt, "leak_news")


OTHER_MAT = (
    (
        "HỢP TÁC XÃ MẬT ONG LŨNG PÙ",
        "GIỚI THIỆU SẢN PHẨM",
        "Mật ong bạc hà Lũng Pù đạt OCOP 4 sao",
        [
            "Mật ong được thu hoạch từ hoa bạc hà dại vào tháng 11, màu vàng óng, vị ngọt thanh.",
            "Mỗi năm hợp tác xã cung cấp khoảng 12 tấn mật ra thị trường.",
        ],
    ),
    (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "HƯỚNG DẪN",
        "Đặt mật khẩu an toàn cho hộp thư công vụ",
        [
            "Mật khẩu phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Thay đổi mật khẩu 90 ngày một lần, không dùng lại mật khẩu cũ.",
        ],
    ),
    (
        "CỤC THỐNG KÊ TỈNH",
        "BÁO CÁO",
        "Mật độ dân số các xã, phường năm 2026",
        [
            "Mật độ dân số bình quân toàn tỉnh là 143 người/km²; phường Cầu Muối có mật độ cao nhất.",
            "Xã Thạch Bàn Thượng có mật độ thấp nhất, 21 người/km².",
        ],
    ),
    (
        "CÔNG TY CỔ PHẦN THỦY SẢN HÒN SỎI",
        "HỢP ĐỒNG",
        "Thỏa thuận bảo mật thông tin và bí mật kinh doanh",
        [
            "Bên B cam kết không tiết lộ bí mật kinh doanh, công thức thức ăn nuôi cá và danh sách khách hàng của Bên A.",
            "Thời hạn bảo mật là 5 năm kể từ ngày chấm dứt hợp đồng.",
        ],
    ),
    (
        "BẢO TÀNG TỈNH NGỌC LẠP",
        "THUYẾT MINH",
        "Trưng bày chuyên đề: mật thám Pháp và phong trào yêu nước 1930 - 1945",
        [
            "Sở mật thám Pháp lập mạng lưới chỉ điểm ở các đồn điền và bến cảng.",
            "Nhiều chiến sĩ cách mạng bị mật thám bắt giam tại nhà lao Hòn Sỏi.",
        ],
    ),
    (
        "NHÀ MÁY ĐƯỜNG CẨM SƠN",
        "BÁO CÁO",
        "Sản lượng đường và mật rỉ vụ ép 2026 - 2027",
        [
            "Nhà máy ép được 210 nghìn tấn mía, thu 9.800 tấn mật rỉ bán cho cơ sở sản xuất cồn.",
            "Giá mật rỉ bình quân 3,1 triệu đồng/tấn.",
        ],
    ),
    (
        "HỘI NÔNG DÂN TỈNH",
        "THƯ MỜI",
        "Buổi gặp mặt thân mật nhân ngày Nông dân Việt Nam",
        [
            "Trân trọng kính mời các hội viên tiêu biểu dự buổi gặp mặt thân mật lúc 15 giờ ngày 14/10.",
            "Chương trình có văn nghệ và trao quà.",
        ],
    ),
    (
        "CHI CỤC KIỂM LÂM",
        "THÔNG BÁO",
        "Xử lý vụ nuôi nhốt gấu lấy mật trái phép",
        [
            "Kiểm lâm phát hiện hộ dân ở xã Lũng Pù nuôi nhốt 2 cá thể gấu để rút mật.",
            "Hai cá thể gấu đã được chuyển về trung tâm cứu hộ.",
        ],
    ),
    (
        "BỆNH VIỆN ĐA KHOA TỈNH",
        "HƯỚNG DẪN",
        "Chăm sóc người bệnh sau phẫu thuật cắt túi mật",
        [
            "Người bệnh nên ăn ít chất béo trong 4 tuần đầu sau mổ túi mật nội soi.",
            "Tái khám khi có sốt hoặc vàng da.",
        ],
    ),
    (
        "TỈNH ĐOÀN NGỌC LẠP",
        "KẾ HOẠCH",
        'Trò chơi lớn "Giải mã mật thư" cho thiếu nhi hè 2027',
        [
            "Mỗi đội nhận một mật thư và tìm đường tới trạm tiếp theo theo mật mã Morse.",
            "Đội giải mã nhanh nhất nhận cờ lưu niệm.",
        ],
    ),
    (
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CẢNH BÁO",
        "Chiêu lừa đảo xin mã OTP và mật khẩu ngân hàng",
        [
            "Không cung cấp mật khẩu, mã OTP cho bất kỳ ai qua điện thoại.",
            "Ngân hàng không bao giờ yêu cầu khách hàng đọc mật khẩu.",
        ],
    ),
    (
        "SỞ XÂY DỰNG",
        "QUYẾT ĐỊNH",
        "Điều chỉnh mật độ xây dựng khu đô thị mới Cầu Muối",
        [
            "Mật độ xây dựng thuần tối đa của lô đất ở liền kề là 80%.",
            "Mật độ cây xanh tối thiểu 2 m²/người.",
        ],
    ),
)


def add_other_mat(b: Builder) -> None:
    rng = b.rng
    fmts = (
        "html",
        "docx",
        "pdf",
        "docx",
        "html",
        "txt",
        "doc",
        "html",
        "pdf",
        "pptx",
        "eml",
        "scan",
    )
    for (unit, kind, title, body), fmt in zip(OTHER_MAT, fmts, strict=True):
        paper = hard_paper(b, 7, kind, title, body)
        paper.parent, paper.unit = "TỈNH " + PROVINCE, unit
        emit(b, paper, fmt, "other_sense_of_mat")
    label = Stamp(
        ("MẬT ONG RỪNG", "Lũng Pù - 500 ml"),
        ink=RED,
        face="DejaVuSans-Bold",
        size=54,
        frame="rounded",
    )
    jar = hard_paper(
        b,
        7,
        "NHÃN SẢN PHẨM",
        "Mật ong rừng nguyên chất",
        ["Hạn dùng: 24 tháng", "Cơ sở: HTX Mật ong Lũng Pù"],
        [label],
    )
    jar.stamps[0].where = "over_text"
    b.add(
        phone_stem(rng),
        "jpg",
        photo_of(b, jar),
        None,
        "hard_negative",
        "photo",
        "honey_label_photo",
    )
    wifi = hard_paper(
        b,
        5,
        "THÔNG BÁO",
        "Mạng Wi-Fi cho khách đến làm việc",
        [
            "Tên mạng: STC-Khach",
            "Mật khẩu: NgocLap@2027",
            "Vui lòng không chia sẻ mật khẩu ra ngoài.",
        ],
        [
            Stamp(
                ("MẬT KHẨU WI-FI",),
                ink=RED,
                face="LiberationSans-Bold",
                size=40,
                where="top_centre",
            )
        ],
    )
    b.add(phone_stem(rng), "jpg", photo_of(b, wifi), None, "hard_negative", "photo", "wifi_notice")
    b.add(
        scan_stem(rng),
        "png",
        scan_like(b, wifi, "png"),
        None,
        "hard_negative",
        "scan",
        "wifi_notice",
    )


RED_WORDS = (
    ("KHẨN",),
    ("HỎA TỐC",),
    ("THƯỢNG KHẨN",),
    ("BẢN SAO",),
    ("SAO Y BẢN CHÍNH",),
    ("DỰ THẢO",),
    ("ĐÃ THẨM ĐỊNH",),
    ("ĐẾN", "Số: 1482", "Ngày: 12/5/2027", "Chuyển: ........"),
    ("TÀI LIỆU HỌP",),
    ("HỎA TỐC", "HẸN GIỜ"),
)


def add_red_stamps(b: Builder) -> None:
    rng = b.rng
    for words, fmt in zip(
        RED_WORDS,
        ("scan", "scan", "scan", "scan", "photo", "photo", "pdf", "pdf", "docx", "docx"),
        strict=True,
    ):
        stamp = Stamp(
            words,
            ink=rng.choice(INKS),
            face=rng.choice(STAMP_FACES),
            size=rng.randint(28, 44),
            frame=rng.choice(("single", "double", "rounded")),
            tilt=tilt_between(rng, 0, 5),
            where=rng.choice(("under_number", "under_number", "top_right")),
        )
        paper = b.public_paper([stamp])
        emit(b, paper, fmt, "other_red_stamp")


def add_other_envelopes(b: Builder) -> None:
    rng = b.rng
    seal = Stamp(("UBND TỈNH", "NGỌC LẠP"), face="DejaVuSans-Bold", size=22, frame="circle")
    marks = [
        circled(rng, "1"),
        circled(rng, "2"),
        circled(rng, "D"),
        circled(rng, "K"),
        seal,
        circled(rng, "3"),
    ]
    for i, mark in enumerate(marks):
        extra = [Stamp(("KHẨN",), ink=RED, size=36)] if i == 3 else None
        env = envelope(b, mark, extra)
        if i % 2:
            b.add(
                scan_stem(rng),
                "jpg",
                scan_file(
                    [scanned(env, rng, skew=rng.uniform(-2, 2), noise=6)], "jpeg", quality=75
                ),
                None,
                "hard_negative",
                "scan",
                "envelope_other_mark",
            )
        else:
            b.add(
                phone_stem(rng),
                "jpg",
                photographed(env, rng, quality=rng.randint(65, 85), shadow=rng.random() < 0.5),
                None,
                "hard_negative",
                "photo",
                "envelope_other_mark",
            )


def add_new_kinds(b: Builder) -> None:
    rng = b.rng
    listing = [
        f"Tài liệu số {rng.randint(10, 300)}/BC-BCH ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2015, độ {rng.choice(('Mật', 'Tối mật'))}: giải mật toàn bộ."
        for _ in range(3)
    ]
    for fmt in ("pdf", "docx", "html"):
        emit(
            b,
            hard_paper(
                b,
                2,
                "QUYẾT ĐỊNH",
                "Về việc giải mật tài liệu lưu trữ đã hết thời hạn bảo vệ (công bố công khai)",
                listing,
            ),
            fmt,
            "declassification_decision",
        )
    catalogue = [
        "Danh mục bí mật nhà nước độ Tuyệt mật gồm: chiến lược, kế hoạch phòng thủ đất nước chưa công bố.",
        "Danh mục bí mật nhà nước độ Tối mật gồm: kế hoạch diễn tập khu vực phòng thủ cấp tỉnh.",
        "Danh mục bí mật nhà nước độ Mật gồm: số liệu về lực lượng dự bị động viên của từng địa phương.",
    ]
    for fmt in ("docx", "pdf", "html"):
        emit(
            b,
            hard_paper(
                b,
                2,
                "QUYẾT ĐỊNH",
                "Ban hành danh mục bí mật nhà nước lĩnh vực quốc phòng (trích, đăng Công báo)",
                catalogue,
            ),
            fmt,
            "secrets_catalogue",
        )
    quiz = [
        "Câu 1. Độ mật của bí mật nhà nước gồm mấy mức? A. Hai  B. Ba (Tuyệt mật, Tối mật, Mật)  C. Bốn",
        "Câu 2. Bì đựng tài liệu TUYỆT MẬT ghi chữ gì trong vòng tròn? A. Chữ A  B. Chữ B  C. Chữ C",
        "Câu 3. Ai có thẩm quyền giải mật? Trả lời ngắn gọn.",
    ]
    for fmt in ("docx", "pptx", "txt"):
        emit(
            b,
            hard_paper(b, 4, "ĐỀ KIỂM TRA", "Tìm hiểu pháp luật về bảo vệ bí mật nhà nước", quiz),
            fmt,
            "law_quiz",
        )
    for _ in range(2):
        plan = hard_paper(
            b, 1, "KẾ HOẠCH", "Tập huấn bảo vệ bí mật nhà nước cho văn thư", PROTECTION_PLAN[:2]
        )
        news = hard_paper(
            b, 6, "THÔNG BÁO", "Hướng dẫn đặt mật khẩu tài khoản học sinh", [OTHER_MAT[1][3][0]]
        )
        data = zip_of(
            [
                (f"{stem_of(plan)}.docx", word_doc(plan, rng)),
                (f"{stem_of(news)}.pdf", text_pdf(news, rng)),
            ],
            ZIP_DATE,
        )
        b.add(
            f"tai_lieu_hop_{rng.randint(1, 30)}",
            "zip",
            data,
            None,
            "hard_negative",
            "zip",
            "zip_of_hard_negatives",
        )


# --- plain negatives -----------------------------------------------------------------------


def add_plain(b: Builder) -> None:
    rng = b.rng
    for fmt in (
        ("docx",) * 4
        + ("doc", "doc")
        + ("pdf",) * 4
        + ("scan",) * 3
        + ("photo", "photo", "html", "html", "txt", "txt", "eml", "eml", "pptx", "pptx")
    ):
        emit(b, b.public_paper(), fmt, f"plain_{fmt}", "negative")
    for _ in range(3):
        rows: list[list[object]] = [
            ["Xã", "Diện tích lúa (ha)", "Năng suất (tạ/ha)"],
            *[[c, rng.randint(200, 900), rng.randint(45, 62)] for c in COMMUNES],
        ]
        b.add(
            f"NongNghiep_{rng.randint(1, 12):02d}",
            "xlsx",
            workbook([("Lua", rows)], print_header="Sở Nông nghiệp và Môi trường"),
            None,
            "negative",
            "xlsx",
            "plain_xlsx",
        )
    paper = b.public_paper()
    b.add(
        f"hoso_{stem_of(paper)}",
        "zip",
        zip_of([(f"{stem_of(paper)}.docx", word_doc(paper, rng))], ZIP_DATE),
        None,
        "negative",
        "zip",
        "plain_zip",
    )


# --- the corpus ----------------------------------------------------------------------------


def build(seed: int = SEED) -> list[Item]:
    """The corpus's files in a random order, numbered in that order."""
    b = Builder(Random(seed))
    for family in (
        add_word,
        add_changed,
        add_pdfs,
        add_scans,
        add_photos,
        add_workbooks,
        add_web,
        add_text,
        add_mails,
        add_zips,
        add_decks,
    ):
        family(b)
    for marks_as in ("cell",) * 5 + ("frame",) * 3:
        level = b.level()
        add_word97(
            b,
            level,
            "positive",
            f"doc_{marks_as}",
            b.secret_paper(level, where="under_number"),
            marks_as,
        )
    add_declassified(b)
    for family in (
        add_protection_plans,
        add_specimens,
        add_counts,
        add_empty_fields,
        add_leak_news,
        add_other_mat,
        add_red_stamps,
        add_other_envelopes,
        add_new_kinds,
        add_plain,
    ):
        family(b)
    converted = word97_of({stem: data for stem, data, *_ in b.legacy})
    items = b.items + (word97_items(b.legacy, converted) if converted else [])
    return renumbered(items, b.rng)


def main(argv: list[str]) -> None:
    """Writes the corpus and its labels to the folder named on the command line."""
    write_corpus(Path(argv[1]), build(SEED))


if __name__ == "__main__":
    main(sys.argv)
