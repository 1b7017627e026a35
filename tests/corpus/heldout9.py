"""Held-out corpus 9 for the leak scanner: about 210 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only the `Item` interface, heldout8's docstring and imports,
tests/corpus/common.py and the bench harness); nothing may be tuned against it. `build(SEED)`
returns the files; `python -m tests.corpus.heldout9 OUT` writes them and `labels.jsonl`.
Renderers: tests/corpus/heldout9_render.py.

The documents come from a fictional province (Khê Lam) after the 2025 reform (province and
communes, no districts): reservoir-safety plans, border-gate logistics reports, cadre reviews,
land-compensation dossiers, cipher-room inventories, defence-zone exercises, frequency plans.
Secret files carry a level stamp typed in a framed cell of the header table, in a VML text box,
as a pasted picture (upright or slanted like WordArt), in the first page's header or in the
footer, on the annex page, or under the number of a second section after a cover letter; Word 97
made by LibreOffice; PDFs with the stamp as framed text (spaced, condensed, turned), as a
picture or on the annex page; scans at 100-200 dpi (skewed, turned 90/180/270, grain, weak
contrast, colour casts, low JPEG quality, grey, bilevel G4, multipage); phone photos with
perspective and shadow; envelopes with a printed, stamped or hand-drawn circled A/B/C on white,
kraft or blue paper; workbooks (a framed merged cell, print header or footer, a later sheet);
slides (a framed text box, a picture, an annex slide); web pages (framed div, picture, a word
cut across spans, letter spacing, character references); mail with the document in the body,
attached or inside a forwarded message; archives in archives; plain text in UTF-8, NFD UTF-8,
UTF-16 and windows-1258, boxed or not. Stamps are mostly red, some black or blue (typed or
photocopied), some with a copy number or the recall stamp beside them. Changed levels (old
stamp struck out, new stamp with the deciding letter) are secret at the new level; declassified
files ("GIẢI MẬT" stamp, with or without the old level struck, or the old level kept and a typed
note that the document was declassified) are not secret. Hard negatives: the protection work's own plans,
regulations and training slides (with specimen stamps), empty level fields, other red stamps
under the number (KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO, ĐÃ KIỂM TRA, DỰ THẢO), other senses of
"mật" (honey, density, trade secrets, passwords, molasses), leak news, counts by level,
envelopes with other circled marks and pages stating that they hold no secret.
"""

from __future__ import annotations

import random
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    labelled,
    renumbered,
    word97_items,
    write_corpus,
    zip_of,
)
from tests.corpus.heldout9_render import (
    RED,
    Doc,
    Stamp,
    envelope_image,
    image_bytes,
    mail,
    page_images,
    pages_file,
    photographed,
    plain_text,
    scanned,
    slides,
    soffice_convert,
    text_pdf,
    web_page,
    word_doc,
    workbook,
)
from tests.corpus.scanner_corpus import Item

SEED = 919293
PROVINCE = "Khê Lam"
COMMUNES = ("Nà Lìu", "Phong Khê", "Thác Vàng", "Khuổi Lam", "Lũng Vài", "Tà Sa", "Đồng Mơ")
WARDS = ("Cầu Đá", "Bến Ngự")
ZIP_DATE = (2027, 3, 14, 8, 30, 0)

AGENCIES = (
    (("ỦY BAN NHÂN DÂN", "TỈNH KHÊ LAM"), "UBND", False),
    (("UBND TỈNH KHÊ LAM", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), "SNNMT", False),
    (("UBND TỈNH KHÊ LAM", "SỞ NỘI VỤ"), "SNV", False),
    (("UBND TỈNH KHÊ LAM", "VĂN PHÒNG"), "VP", False),
    (("CÔNG AN TỈNH KHÊ LAM", "PHÒNG AN NINH ĐỐI NỘI"), "ANĐN", False),
    (("BỘ CHQS TỈNH KHÊ LAM", "PHÒNG THAM MƯU"), "TM", False),
    (("BĐBP TỈNH KHÊ LAM", "ĐỒN BIÊN PHÒNG CỬA KHẨU TÀ SA"), "ĐBP", False),
    (("TỈNH ỦY KHÊ LAM", "BAN TỔ CHỨC"), "BTCTU", True),
)
COMMUNE_AGENCY = (("ỦY BAN NHÂN DÂN", "XÃ {c}"), "UBND", False)
NAMES = (
    "Lò Văn Thắng",
    "Hoàng Thị Mỵ",
    "Nông Đức Khải",
    "Vi Thị Hằng",
    "Lục Minh Tuấn",
    "Đinh Quang Vĩnh",
    "Sầm Thị Nguyệt",
    "Triệu Văn Bình",
    "Hà Thanh Lịch",
    "Ma Thị Thu",
)
# who signs for each agency code (the title line above the name)
SIGNERS = {
    "UBND": ("KT. CHỦ TỊCH PHÓ CHỦ TỊCH", "CHỦ TỊCH"),
    "SNNMT": ("GIÁM ĐỐC", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"),
    "SNV": ("GIÁM ĐỐC", "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC"),
    "VP": ("CHÁNH VĂN PHÒNG", "KT. CHÁNH VĂN PHÒNG PHÓ CHÁNH VĂN PHÒNG"),
    "ANĐN": ("TRƯỞNG PHÒNG",),
    "TM": ("THAM MƯU TRƯỞNG",),
    "ĐBP": ("ĐỒN TRƯỞNG",),
    "BTCTU": ("TRƯỞNG BAN", "K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN"),
}

# (kind, symbol, summary, paragraphs, annex) of documents whose content a level would justify
SECRET_KINDS: tuple[tuple[str, str, str, list[str], list[str]], ...] = (
    (
        "PHƯƠNG ÁN",
        "PA",
        "Bảo đảm an toàn đập, hồ chứa nước Khuổi Lam trong tình huống xả lũ khẩn cấp",
        [
            "Hồ chứa nước Khuổi Lam có dung tích toàn bộ {n} triệu m³, đập chính cao 38 m; "
            "vị trí các cửa van, trạm điều khiển và nguồn điện dự phòng được nêu tại Phụ lục.",
            "Khi mực nước vượt cao trình 212,5 m, Ban Chỉ huy tổ chức sơ tán {m} hộ dân vùng hạ du "
            "thuộc xã {c}; lực lượng vũ trang bố trí chốt canh gác tại vai đập và nhà quản lý.",
            "Phương án phối hợp với Bộ CHQS tỉnh bảo vệ mục tiêu trong trường hợp có hành vi phá hoại.",
        ],
        ["Sơ đồ bố trí chốt canh gác, tần số liên lạc và mã hiệu gọi của các tổ trực đập."],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Tình hình bảo đảm hậu cần, kho bãi tại cửa khẩu Tà Sa quý I năm 2027",
        [
            "Trong quý, lực lượng tại cửa khẩu đã tiếp nhận {m} tấn hàng dự trữ; số lượng, vị trí các "
            "kho dự trữ chiến lược và phương án vận chuyển khi có tình huống được tổng hợp tại Phụ lục.",
            "Một số đối tượng có biểu hiện thu thập thông tin về hoạt động của các kho; Đồn Biên phòng "
            "đã phối hợp Công an tỉnh theo dõi, xác minh {n} trường hợp.",
        ],
        ["Danh mục kho, sức chứa, cơ số nhiên liệu và lộ trình vận chuyển dự phòng."],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả rà soát, bổ sung quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý",
        [
            "Qua rà soát, có {n} đồng chí đủ tiêu chuẩn bổ sung quy hoạch; {m} đồng chí đề nghị đưa ra "
            "khỏi quy hoạch do hạn chế về sức khỏe, uy tín hoặc có đơn thư chưa được kết luận.",
            "Nhận xét, đánh giá cụ thể từng đồng chí (đồng chí {p}, đồng chí {q}) tại Phụ lục kèm theo.",
        ],
        ["Danh sách nhận xét, đánh giá, kết quả lấy phiếu tín nhiệm từng cán bộ."],
    ),
    (
        "TỜ TRÌNH",
        "TTr",
        "Phê duyệt phương án bồi thường, hỗ trợ giải phóng mặt bằng công trình quốc phòng tại xã {c}",
        [
            "Dự án xây dựng công trình chiến đấu trên địa bàn xã {c} thu hồi {n} ha đất của {m} hộ; "
            "tọa độ, quy mô và công năng của công trình không công bố trong hồ sơ niêm yết.",
            "Tổng kinh phí bồi thường, hỗ trợ dự kiến {n},{m} tỷ đồng; đề nghị Ủy ban nhân dân tỉnh "
            "phê duyệt để Hội đồng bồi thường triển khai chi trả.",
        ],
        ["Bảng tọa độ ranh giới thu hồi và sơ đồ vị trí công trình."],
    ),
    (
        "BIÊN BẢN",
        "BB",
        "Kiểm kê trang thiết bị, tài liệu mật mã tại phòng cơ yếu Văn phòng UBND tỉnh",
        [
            "Hôm nay, Tổ kiểm kê tiến hành kiểm kê {n} thiết bị mật mã, {m} bộ khóa và sổ sách tại "
            "phòng cơ yếu; số hiệu thiết bị, thời hạn khóa và vị trí két sắt ghi tại Phụ lục.",
            "Kết quả: đủ số lượng, niêm phong đúng quy định; đồng chí {p} chịu trách nhiệm quản lý.",
        ],
        ["Danh mục số hiệu thiết bị, bộ khóa, thời hạn sử dụng và vị trí lưu giữ."],
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Diễn tập khu vực phòng thủ tỉnh Khê Lam năm 2027",
        [
            "Ý định diễn tập: tình huống xung đột vũ trang trên hướng cửa khẩu Tà Sa; lực lượng tham gia "
            "gồm {n} đầu mối, thời gian {m} ngày; sở chỉ huy cơ bản đặt tại xã {c}.",
            "Vị trí sở chỉ huy dự bị, hầm chỉ huy và kho vũ khí được quy định tại Phụ lục.",
        ],
        ["Vị trí sở chỉ huy dự bị, tọa độ hầm chỉ huy và kho vũ khí, đạn dược."],
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Sử dụng tần số vô tuyến điện dự phòng phục vụ chỉ huy, điều hành khi có tình huống",
        [
            "Phân bổ {n} kênh tần số dự phòng cho các đầu mối; mã hiệu gọi, giờ liên lạc và tần số thay "
            "thế được thay đổi theo chu kỳ {m} ngày.",
            "Các đầu mối tuyệt đối không ghi tần số, mã hiệu vào sổ tay cá nhân, điện thoại di động.",
        ],
        ["Bảng tần số, mã hiệu gọi và giờ liên lạc của các đầu mối."],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả xác minh đơn tố cáo liên quan đến cán bộ lãnh đạo xã {c}",
        [
            "Đơn tố cáo đồng chí {p} vi phạm trong quản lý đất đai; qua xác minh {n} nội dung, có {m} "
            "nội dung tố cáo đúng một phần. Danh tính người tố cáo được giữ bí mật theo quy định.",
            "Đề nghị xem xét trách nhiệm và chỉ đạo kiểm điểm trước khi ban hành kết luận.",
        ],
        ["Danh tính, địa chỉ người tố cáo và nhân chứng; tài liệu chứng cứ thu thập được."],
    ),
)

# (kind, symbol, summary, paragraphs) of ordinary documents
PLAIN_KINDS: tuple[tuple[str, str, str, list[str]], ...] = (
    (
        "KẾ HOẠCH",
        "KH",
        "Trồng rừng phân tán và chăm sóc rừng trồng năm 2027 trên địa bàn xã {c}",
        [
            "Năm 2027 trồng mới {n} ha rừng phân tán, chủ yếu là quế, hồi và keo lai; cấp {m} nghìn cây "
            "giống cho các hộ đăng ký.",
            "Các thôn tổng hợp nhu cầu trước ngày 30/4; cán bộ khuyến nông hướng dẫn kỹ thuật tại chỗ.",
        ],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả tuyển sinh đầu cấp năm học 2026-2027",
        [
            "Toàn tỉnh tuyển mới {n} học sinh lớp 1 và {m} học sinh lớp 6, đạt 99,2% kế hoạch; các điểm "
            "trường lẻ tại xã {c} được bổ sung phòng học bán trú.",
            "Đề nghị các xã rà soát số trẻ chưa ra lớp để vận động trước ngày khai giảng.",
        ],
    ),
    (
        "THÔNG BÁO",
        "TB",
        "Lịch tiếp công dân của lãnh đạo UBND tỉnh tháng 4 năm 2027",
        [
            "Lãnh đạo UBND tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân "
            "tỉnh; trường hợp trùng ngày nghỉ thì chuyển sang ngày làm việc kế tiếp.",
            "Công dân đăng ký trước tại Ban Tiếp công dân, mang theo giấy tờ tùy thân và hồ sơ liên quan.",
        ],
    ),
    (
        "KẾ HOẠCH",
        "KH",
        "Tổ chức Lễ hội xuống đồng của đồng bào dân tộc Tày xã {c} năm 2027",
        [
            "Lễ hội tổ chức trong {m} ngày tại sân vận động xã, gồm phần lễ và phần hội với các trò chơi "
            "dân gian: tung còn, kéo co, đẩy gậy.",
            "Kinh phí tổ chức {n} triệu đồng từ nguồn xã hội hóa; Công an xã bảo đảm an ninh trật tự.",
        ],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Tình hình sửa chữa, bảo trì đường giao thông nông thôn sau mưa lũ",
        [
            "Mưa lũ làm sạt lở {n} điểm trên các tuyến đường liên xã; đã khắc phục tạm {m} điểm, bảo "
            "đảm thông xe.",
            "Đề nghị Sở Tài chính bố trí kinh phí sửa chữa tuyến đường xã {c} đi Lũng Vài.",
        ],
    ),
    (
        "GIẤY MỜI",
        "GM",
        "Dự hội nghị sơ kết chương trình mục tiêu quốc gia xây dựng nông thôn mới",
        [
            "Trân trọng kính mời đại diện lãnh đạo các xã dự hội nghị vào 08 giờ 00 ngày {n}/4/2027 tại "
            "Hội trường UBND tỉnh.",
            "Các đơn vị chuẩn bị báo cáo tham luận (không quá {m} phút) gửi về Văn phòng trước hội nghị.",
        ],
    ),
    (
        "BÁO CÁO",
        "BC",
        "Kết quả tiêm chủng mở rộng 6 tháng đầu năm 2027",
        [
            "Tỷ lệ trẻ dưới 1 tuổi được tiêm đủ liều đạt {n}%; tổ chức {m} buổi tiêm chủng lưu động tại "
            "các thôn vùng cao xã {c}.",
            "Không ghi nhận trường hợp phản ứng nặng sau tiêm.",
        ],
    ),
)


class Corpus:
    """The items as they are built, with the seeded generator and the Word 97 queue."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []
        self.level_cycle: list[str] = []
        self.serial = 0
        self.used: set[str] = set()
        self.hard_queues: dict[tuple[str, ...], list[str]] = {}

    # --- labels ---------------------------------------------------------------------------------

    def level(self) -> str:
        """The next positive's level: each level in turn, in a shuffled order per round."""
        if not self.level_cycle:
            self.level_cycle = list(LEVELS)
            self.rng.shuffle(self.level_cycle)
        return self.level_cycle.pop()

    def name(self, stems: tuple[str, ...], ext: str) -> str:
        """A neutral name: a stem any category may have, a number, the extension."""
        self.serial += 1
        while True:
            name = f"000-{self.rng.choice(stems)}_{self.rng.randint(10, 9999):04d}.{ext}"
            if name not in self.used:
                self.used.add(name)
                return name

    def add(
        self,
        stems: tuple[str, ...],
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        fmt: str,
        family: str,
    ) -> None:
        dec = category == "declassified"
        self.items.append(
            labelled(
                self.name(stems, ext),
                data,
                None if dec else level,
                category,
                fmt,
                family,
                declassified=dec,
            )
        )

    # --- content --------------------------------------------------------------------------------

    def fill(self, text: str) -> str:
        r = self.rng
        return text.format(
            n=r.randint(3, 48),
            m=r.randint(12, 640),
            c=r.choice(COMMUNES),
            p=r.choice(NAMES),
            q=r.choice(NAMES),
        )

    def header(
        self, symbol: str, *, commune: bool = False
    ) -> tuple[tuple[str, str], str, bool, str, str]:
        r = self.rng
        if commune:
            c = r.choice(COMMUNES)
            agency, code, party = (
                (COMMUNE_AGENCY[0][0], COMMUNE_AGENCY[0][1].format(c=c.upper())),
                "UBND",
                False,
            )
            place = c
        else:
            agency, code, party = r.choice(AGENCIES)
            place = PROVINCE
        num = r.randint(3, 480)
        number = f"Số {num}-{symbol}/{code}" if party else f"Số: {num}/{symbol}-{code}"
        date = f"{place}, ngày {r.randint(1, 28):02d} tháng {r.randint(1, 12):02d} năm {r.choice((2026, 2027))}"
        return agency, number, party, date, code

    def recipients(self) -> list[str]:
        pool = [
            "Thường trực Tỉnh ủy",
            "Chủ tịch, các PCT UBND tỉnh",
            "Bộ CHQS tỉnh",
            "Công an tỉnh",
            "Sở Tài chính",
            "UBND các xã, phường",
            "Lưu: VT",
        ]
        return [*self.rng.sample(pool[:-1], 3), pool[-1]]

    def signer(self, code: str = "UBND") -> tuple[str, str]:
        return self.rng.choice(SIGNERS[code]), self.rng.choice(NAMES)

    def secret_doc(self, *, annex: bool = False) -> Doc:
        kind, symbol, title, body, extra = self.rng.choice(SECRET_KINDS)
        agency, number, party, date, code = self.header(symbol)
        return Doc(
            agency,
            number,
            date,
            kind,
            self.fill(title),
            [self.fill(p) for p in body],
            self.recipients(),
            self.signer(code),
            party,
            [self.fill(p) for p in extra] if annex else [],
        )

    def plain_doc(self, *, commune: bool | None = None) -> Doc:
        kind, symbol, title, body = self.rng.choice(PLAIN_KINDS)
        commune = self.rng.random() < 0.4 if commune is None else commune
        agency, number, party, date, code = self.header(symbol, commune=commune)
        return Doc(
            agency,
            number,
            date,
            kind,
            self.fill(title),
            [self.fill(p) for p in body],
            self.recipients(),
            self.signer(code),
            party,
        )

    def marks(self, category: str, level: str | None, doc: Doc) -> tuple[list[Stamp], str]:
        """The stamps of a positive (its level, or an old level struck out and the new one with
        the deciding letter; sometimes a copy number or the recall stamp beside it) or of a
        declassified file (the old level, maybe struck, and GIẢI MẬT; or the old level and a
        typed note in the text); with a family tag."""
        r = self.rng
        ink = r.choices((RED, (25, 25, 25), (30, 50, 140)), weights=(80, 12, 8))[0]
        day = f"ngày {r.randint(1, 28)}/{r.randint(1, 12)}/2027"
        if category == "positive":
            assert level is not None
            extra = []
            if r.random() < 0.2:
                extra.append(Stamp(f"Bản số: {r.randint(1, 6):02d}", colour=ink, frame=False))
            elif r.random() < 0.1:
                extra.append(Stamp("TÀI LIỆU THU HỒI", colour=ink))
            if r.random() < 0.2:
                old = r.choice([lv for lv in LEVELS if lv != level])
                note = f"Thay đổi độ mật theo CV số {r.randint(2, 90)}/UBND-VP {day}"
                return [
                    Stamp(LEVEL_WORD[old], colour=ink, struck=True),
                    Stamp(LEVEL_WORD[level], colour=ink, note=note),
                    *extra,
                ], "level_changed"
            return [Stamp(LEVEL_WORD[level], colour=ink, double=r.random() < 0.25), *extra], "stamp"
        if category == "declassified":
            old = r.choice(LEVELS)
            decision = f"Quyết định số {r.randint(5, 300)}/QĐ-UBND {day}"
            if r.random() < 0.3:
                doc.body.append(
                    f"Ghi chú: tài liệu này đã được giải mật toàn bộ theo {decision} của Chủ tịch "
                    "UBND tỉnh Khê Lam; được sử dụng, công bố theo quy định."
                )
                return [Stamp(LEVEL_WORD[old], colour=ink)], "declassified_note"
            struck = r.random() < 0.5
            return [
                Stamp(LEVEL_WORD[old], colour=ink, struck=struck),
                Stamp("GIẢI MẬT", colour=ink, note="Theo " + decision.replace("Quyết định", "QĐ")),
            ], "declassified_stamp"
        return [], "none"

    # --- hard negatives ---------------------------------------------------------------------------

    OTHER_STAMPS = ("KHẨN", "HỎA TỐC", "THƯỢNG KHẨN", "BẢN SAO", "ĐÃ KIỂM TRA", "DỰ THẢO")

    def hard_doc(self, kind: str) -> tuple[Doc, list[Stamp]]:
        """A document that must not be flagged, of the given kind, with any stamps it carries."""
        r = self.rng
        fill = self.fill
        if kind == "other_stamp":
            doc = self.plain_doc()
            word = r.choice(self.OTHER_STAMPS)
            return doc, [Stamp(word, colour=RED if word != "ĐÃ KIỂM TRA" else (30, 60, 160))]
        if kind == "no_secret_note":
            doc = self.plain_doc(commune=False)
            doc.body.append(
                r.choice(
                    [
                        "Văn bản này không chứa thông tin thuộc danh mục bí mật nhà nước, được gửi qua "
                        "hệ thống thư điện tử công vụ.",
                        "Độ mật: Không. Tài liệu không có nội dung bí mật nhà nước, được phép đăng tải "
                        "trên Cổng thông tin điện tử tỉnh.",
                        "Ghi chú của văn thư: đã kiểm tra, văn bản không mang dấu độ mật, không thuộc "
                        "diện phải đăng ký vào sổ văn bản mật.",
                    ]
                )
            )
            return doc, []
        agency, number, party, date, code = self.header("KH")
        texts: dict[str, tuple[str, str, list[str]]] = {
            "protection_plan": (
                "KẾ HOẠCH",
                "Công tác bảo vệ bí mật nhà nước năm 2027",
                [
                    "Rà soát danh mục bí mật nhà nước thuộc lĩnh vực quản lý; tài liệu độ Tuyệt mật, Tối "
                    "mật, Mật phải được đóng dấu độ mật ngay khi ban hành, đúng vị trí dưới số, ký hiệu.",
                    "Bì thư đựng tài liệu mật ghi ký hiệu chữ A, B, C tương ứng với từng độ mật; tài liệu "
                    "Tuyệt mật gửi bằng hai lớp phong bì.",
                    f"Kiểm tra công tác bảo vệ bí mật nhà nước tại {fill('{n}')} cơ quan, đơn vị trong quý III.",
                ],
            ),
            "regulation": (
                "QUY CHẾ",
                "Bảo vệ bí mật nhà nước của cơ quan",
                [
                    "Điều 6. Xác định và đóng dấu độ mật. Người soạn thảo đề xuất độ mật (Tuyệt mật, Tối "
                    "mật hoặc Mật) căn cứ danh mục bí mật nhà nước; người ký văn bản quyết định.",
                    "Điều 9. Sao, chụp tài liệu mật. Bản sao phải đóng dấu bản sao và mang độ mật của "
                    "bản gốc; việc sao, chụp được ghi vào sổ quản lý sao, chụp.",
                    "Điều 14. Giải mật. Tài liệu được giải mật phải đóng dấu GIẢI MẬT và thông báo cho "
                    "nơi nhận trong thời hạn 15 ngày.",
                ],
            ),
            "training": (
                "TÀI LIỆU",
                "Tập huấn nghiệp vụ bảo vệ bí mật nhà nước cho văn thư các xã",
                [
                    "Phần 1. Các độ mật và thời hạn bảo vệ: Tuyệt mật 30 năm, Tối mật 20 năm, Mật 10 năm.",
                    "Phần 2. Mẫu dấu độ mật, dấu thu hồi, dấu giải mật và vị trí đóng dấu trên văn bản "
                    "(hình minh họa dưới đây chỉ dùng để tập huấn).",
                ],
            ),
            "empty_field": (
                "PHIẾU",
                "Đề xuất độ mật của văn bản",
                [
                    "Tên, trích yếu văn bản: ..........................................................",
                    "Độ mật đề xuất: ................  Căn cứ (điểm, khoản của danh mục): ...............",
                    "Số lượng bản phát hành: ........  Phạm vi lưu hành: ...............................",
                    "Ý kiến của người có thẩm quyền: ..................................................",
                ],
            ),
            "honey": (
                "BÁO CÁO",
                "Kết quả sản xuất, tiêu thụ mật ong bạc hà của Hợp tác xã Lũng Vài",
                [
                    f"Năm 2026 hợp tác xã duy trì {fill('{m}')} đàn ong, sản lượng mật ong đạt {fill('{n}')} "
                    "tấn; sản phẩm MẬT ONG BẠC HÀ KHÊ LAM được công nhận OCOP 4 sao.",
                    "Giá bán bình quân 450.000 đồng/lít; một phần mật mía và phấn hoa được dùng làm thức "
                    "ăn bổ sung cho đàn ong trong mùa đông.",
                ],
            ),
            "density": (
                "BÁO CÁO",
                "Đánh giá mật độ dân số và mật độ xây dựng phục vụ quy hoạch phường Cầu Đá",
                [
                    f"Mật độ dân số bình quân {fill('{m}')} người/km²; khu vực trung tâm có mật độ xây dựng "
                    "gộp vượt 60%, cần bổ sung không gian xanh.",
                    "Đề xuất giảm mật độ xây dựng tại các ô phố ven sông, mở rộng tuyến đường gom.",
                ],
            ),
            "trade_secret": (
                "HỢP ĐỒNG",
                "Cung cấp dịch vụ bảo trì hệ thống phần mềm một cửa điện tử",
                [
                    "Điều 7. Bảo mật thông tin. Bên B cam kết giữ bí mật kinh doanh, bí mật công nghệ của "
                    "Bên A và không tiết lộ cho bên thứ ba trong thời hạn 5 năm.",
                    "Mọi thông tin mật do các bên trao đổi được ghi rõ là thông tin bảo mật; vi phạm phải "
                    "bồi thường thiệt hại theo quy định của pháp luật dân sự.",
                ],
            ),
            "password": (
                "HƯỚNG DẪN",
                "Đặt và thay đổi mật khẩu tài khoản thư điện tử công vụ",
                [
                    "MẬT KHẨU phải có tối thiểu 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt; "
                    "thay đổi mật khẩu định kỳ 90 ngày.",
                    "Không dùng chung mật khẩu; bật xác thực hai lớp; khi quên mật khẩu liên hệ Trung tâm "
                    "Chuyển đổi số để được cấp lại.",
                ],
            ),
            "leak_news": (
                "BẢN TIN",
                "Xét xử vụ án cố ý làm lộ bí mật nhà nước",
                [
                    "Ngày 12/3, Tòa án nhân dân tỉnh Khê Lam mở phiên tòa xét xử bị cáo Đ.V.H (nguyên chuyên "
                    "viên) về tội cố ý làm lộ bí mật nhà nước.",
                    "Theo cáo trạng, bị cáo đã chụp ảnh 03 tài liệu độ Tối mật và 05 tài liệu độ Mật rồi gửi "
                    "qua mạng xã hội cho người khác. Bị cáo bị tuyên phạt 6 năm tù.",
                ],
            ),
            "stats_by_level": (
                "BÁO CÁO",
                "Thống kê bí mật nhà nước năm 2026",
                [
                    f"Trong năm, cơ quan ban hành {fill('{n}')} văn bản độ Tối mật và {fill('{m}')} văn bản độ "
                    "Mật; không ban hành văn bản độ Tuyệt mật.",
                    "Số tài liệu giải mật: 41; tiêu hủy: 12; không để xảy ra lộ, mất bí mật nhà nước.",
                ],
            ),
        }
        doc_kind, title, body = texts[kind]
        if kind in ("honey", "density", "trade_secret"):
            agency, number, party, date, code = self.header("BC", commune=kind == "honey")
        doc = Doc(
            agency, number, date, doc_kind, title, body, self.recipients(), self.signer(code), party
        )
        if kind == "training":
            doc.specimens = [
                (f"Mẫu số {i:02d}: dấu độ {LEVEL_WORD[lv].lower()}", Stamp(LEVEL_WORD[lv]))
                for i, lv in enumerate(r.sample(LEVELS, r.choice((1, 3))), 1)
            ]
        return doc, []

    # --- choosing what a file holds ------------------------------------------------------------

    def pick(
        self, category: str, hard_kinds: tuple[str, ...], *, annex: bool = False
    ) -> tuple[Doc, list[Stamp], str, str | None]:
        """A document for the category: its stamps, a family tag and its level label."""
        if category in ("positive", "declassified"):
            level = self.level() if category == "positive" else None
            doc = self.secret_doc(annex=annex)
            stamps, tag = self.marks(category, level, doc)
            return doc, stamps, tag, level
        if category == "hard_negative":
            # each format's kinds in turn (shuffled per round), so that none is left out by chance
            queue = self.hard_queues.setdefault(hard_kinds, [])
            if not queue:
                queue.extend(self.rng.sample(hard_kinds, len(hard_kinds)))
            kind = queue.pop()
            doc, stamps = self.hard_doc(kind)
            return doc, stamps, kind, None
        return self.plain_doc(), [], "plain", None

    @staticmethod
    def family(base: str, category: str, tag: str) -> str:
        if category == "positive":
            return base if tag == "stamp" else f"{base}+level_change"
        if category == "declassified":
            return (
                f"{base}+declassified"
                if tag == "declassified_stamp"
                else f"{base}+declassified_note"
            )
        if category == "hard_negative":
            return f"hard_{tag}_{base.split('_')[0]}"
        return f"plain_{base.split('_')[0]}"

    # --- formats --------------------------------------------------------------------------------

    WORD_STEMS = ("van_ban", "vb_di", "vb_den", "du_thao_cuoi", "tai_lieu", "ban_luu")
    HARD_WORD = (
        "protection_plan",
        "regulation",
        "training",
        "empty_field",
        "other_stamp",
        "honey",
        "density",
        "trade_secret",
        "password",
        "no_secret_note",
        "stats_by_level",
    )

    def word_bytes(self, category: str, where: str) -> tuple[bytes, str | None, str, str]:
        annex = where == "annex"
        hard_where = where if where not in ("annex", "section2") else "cell"
        doc, stamps, tag, level = self.pick(category, self.HARD_WORD, annex=annex)
        cover = None
        if where == "section2":
            agency, number, party, date, code = self.header("CV")
            cover = Doc(
                agency,
                number,
                date,
                "CÔNG VĂN",
                "V/v gửi tài liệu phục vụ hội nghị",
                [
                    "Văn phòng gửi kèm theo công văn này tài liệu phục vụ hội nghị; đề nghị các "
                    "đồng chí nghiên cứu, quản lý tài liệu theo đúng quy định."
                ],
                self.recipients(),
                self.signer(code),
                party,
            )
        used = where if stamps and category in ("positive", "declassified") else hard_where
        data = word_doc(doc, stamps, self.rng, where=used, cover=cover)
        return data, level, category, self.family(f"word_{where}", category, tag)

    def docx(self, category: str, where: str) -> None:
        data, level, cat, fam = self.word_bytes(category, where)
        self.add(self.WORD_STEMS, "docx", data, level, cat, "docx", fam)

    def doc97(self, category: str, where: str) -> None:
        data, level, cat, fam = self.word_bytes(category, where)
        stem = self.name(self.WORD_STEMS, "doc")[:-4]
        self.legacy.append(
            (
                stem,
                data,
                None if cat == "declassified" else level,
                cat,
                "doc97_" + fam,
                cat == "declassified",
            )
        )

    HARD_PDF = (
        "protection_plan",
        "regulation",
        "training",
        "empty_field",
        "other_stamp",
        "trade_secret",
        "leak_news",
        "stats_by_level",
        "no_secret_note",
        "density",
    )

    def pdf(self, category: str, where: str) -> None:
        doc, stamps, tag, level = self.pick(category, self.HARD_PDF, annex=where == "annex")
        used = where if category in ("positive", "declassified") or where != "annex" else "text"
        data = text_pdf(doc, stamps, self.rng, where=used)
        self.add(
            ("van_ban", "ban_pdf", "tai_lieu", "vb_scan_ky_so"),
            "pdf",
            data,
            level,
            category,
            "pdf",
            self.family(f"pdf_{where}", category, tag),
        )

    HARD_PAGE = (
        "other_stamp",
        "empty_field",
        "training",
        "protection_plan",
        "honey",
        "leak_news",
        "no_secret_note",
        "stats_by_level",
        "regulation",
    )

    def scan(self, category: str, how: str) -> None:
        r = self.rng
        if how.startswith("envelope"):
            self.envelope(category, how, photo=False)
            return
        dpi = {"lowdpi": 100, "jpeg": 120}.get(how, r.choice((150, 150, 200)))
        multipage = how == "multipage"
        doc, stamps, tag, level = self.pick(category, self.HARD_PAGE, annex=multipage)
        where = (
            "annex" if multipage and category in ("positive", "declassified") else "under_number"
        )
        pages = page_images(doc, stamps, r, dpi=dpi, where=where)
        opts: dict[str, object] = {"skew": r.uniform(-2.2, 2.2), "noise": 0.04}
        kind = r.choice(("png", "jpg", "pdf"))
        if how == "rotated":
            opts["turn"] = r.choice((90, 180, 270))
        elif how == "bilevel":
            opts |= {"mode": "1", "noise": 0.0}
            kind = "tif"
        elif how == "grey_low_contrast":
            opts |= {"mode": "L", "contrast": r.uniform(0.5, 0.65)}
        elif how == "colour_cast":
            opts["cast"] = r.choice(((255, 200, 120), (120, 200, 255), (200, 255, 160)))
        elif how == "lowdpi":
            opts["noise"] = 0.12
        elif how == "jpeg":
            kind = "jpg"
        elif how == "multipage":
            opts["mode"] = r.choice(("1", "L"))
            kind = r.choice(("tif", "pdf"))
        quality = 22 if how == "jpeg" else 78
        images = [scanned(p, r, **opts) for p in pages]  # type: ignore[arg-type]
        data = (
            pages_file(images, kind, dpi)
            if len(images) > 1
            else image_bytes(images[0], kind, quality=quality, dpi=dpi)
        )
        self.add(
            ("scan", "SCAN", "img", "quet"),
            kind,
            data,
            level,
            category,
            "scan",
            self.family(f"scan_{how}", category, tag),
        )

    def photo(self, category: str, how: str) -> None:
        r = self.rng
        if how.startswith("envelope"):
            self.envelope(category, how, photo=True)
            return
        doc, stamps, tag, level = self.pick(category, self.HARD_PAGE)
        page = page_images(doc, stamps, r, dpi=130, where="under_number")[0]
        img = photographed(page, r, shadow=how == "shadow", out=1500)
        data = image_bytes(img, "jpg", quality=r.choice((70, 84, 90)))
        self.add(
            ("IMG", "IMG", "anh_chup", "zalo_img"),
            "jpg",
            data,
            level,
            category,
            "photo",
            self.family(f"photo_{how}", category, tag),
        )

    def envelope(self, category: str, how: str, *, photo: bool) -> None:
        """An envelope: a circled level letter (positive) or another circled mark (hard)."""
        r = self.rng
        style = how.split("_")[-1]
        agency, number, *_ = self.header("CV")
        paper = r.choice(((250, 250, 246), (196, 160, 112), (210, 222, 236)))
        to = [
            f"Kính gửi: {r.choice(('Chủ tịch UBND tỉnh', 'Giám đốc Công an tỉnh', 'Chỉ huy trưởng Bộ CHQS tỉnh', 'Trưởng Ban Tổ chức Tỉnh ủy'))}",
            f"Địa chỉ: phường {r.choice(WARDS)}, tỉnh {PROVINCE}",
        ]
        extra: list[str] = []
        level = None
        if category == "positive":
            level = self.level()
            mark = LEVEL_LETTER[level]
            if level == "tuyet_mat" and r.random() < 0.5:
                extra = ["CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"]
        else:
            mark = r.choice(("R", "Đ", "1", "2", "H"))
            extra = r.choice(([], ["HỎA TỐC"], ["KHẨN"], ["BƯU PHẨM ĐẢM BẢO"]))
        img = envelope_image(
            r,
            sender=agency,
            to=to,
            number=number.replace("Số: ", "Số "),
            mark=mark,
            style=style,
            paper=paper,
            extra=extra,
        )
        fam = (
            f"envelope_{'photo' if photo else 'scan'}_{style}"
            if category == "positive"
            else f"hard_envelope_other_mark_{'photo' if photo else 'scan'}"
        )
        if photo:
            img = photographed(img, r, shadow=True, out=1300)
            self.add(
                ("IMG", "anh_bi_thu"),
                "jpg",
                image_bytes(img, "jpg", quality=82),
                level,
                category,
                "photo",
                fam,
            )
        else:
            img = scanned(img, r, skew=r.uniform(-3, 3), noise=0.05)
            kind = r.choice(("png", "jpg"))
            self.add(
                ("scan", "bi_thu"),
                kind,
                image_bytes(img, kind, quality=75),
                level,
                category,
                "scan",
                fam,
            )

    HARD_XLSX = ("stats_by_level", "empty_field", "honey", "density", "other_stamp", "password")

    def table_of(self, tag: str, doc: Doc) -> tuple[list[str], list[list[object]]]:
        r = self.rng
        if tag == "stats_by_level":
            head = ["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng số"]
            rows: list[list[object]] = []
            for unit in (
                "Văn phòng UBND",
                "Sở Nội vụ",
                "Sở Tài chính",
                "Công an tỉnh",
                "Bộ CHQS tỉnh",
            ):
                a, b, c = r.randint(0, 3), r.randint(2, 40), r.randint(10, 200)
                rows.append([unit, a, b, c, a + b + c])
            return head, rows
        if tag == "empty_field":
            head = [
                "Số TT",
                "Số, ký hiệu",
                "Ngày tháng",
                "Trích yếu",
                "Độ mật",
                "Người ký",
                "Nơi nhận",
                "Ghi chú",
            ]
            return head, [
                [
                    i,
                    f"{r.randint(10, 300)}/UBND-VP",
                    f"{r.randint(1, 28)}/3/2027",
                    "Công văn về việc tổ chức hội nghị",
                    "",
                    r.choice(NAMES),
                    "Các sở, ngành",
                    "",
                ]
                for i in range(1, 9)
            ]
        if tag == "honey":
            head = ["Sản phẩm", "Đơn vị tính", "Sản lượng", "Đơn giá (đồng)"]
            return head, [
                ["Mật ong bạc hà", "lít", r.randint(800, 3000), 450000],
                ["Mật ong rừng", "lít", r.randint(50, 300), 700000],
                ["Mật mía", "kg", r.randint(1000, 5000), 35000],
                ["Sáp ong", "kg", r.randint(10, 90), 120000],
            ]
        if tag == "density":
            head = ["Xã, phường", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)"]
            rows = []
            for c in (*COMMUNES[:5], *WARDS):
                area, pop = r.randint(40, 260), r.randint(3000, 40000)
                rows.append([c, area, pop, round(pop / area)])
            return head, rows
        if tag == "password":
            head = ["Họ và tên", "Tài khoản", "Mật khẩu tạm", "Ngày đổi mật khẩu"]
            return head, [
                [
                    n,
                    n.split()[-1].lower() + "@khelam.gov.vn",
                    "********",
                    f"{r.randint(1, 28)}/3/2027",
                ]
                for n in r.sample(NAMES, 6)
            ]
        head = ["TT", "Nội dung", "Số lượng", "Ghi chú"]
        return head, [
            [i + 1, line[:240], r.randint(1, 60), ""] for i, line in enumerate(doc.body + doc.annex)
        ]

    def xlsx(self, category: str, where: str) -> None:
        doc, stamps, tag, level = self.pick(category, self.HARD_XLSX, annex=True)
        head, rows = self.table_of(tag, doc)
        extra = [
            ("Tong hop", [["Tổng hợp chung"], ["Ghi chú: số liệu đến ngày 31/3/2027"]]),
            ("Phu luc", [[p] for p in doc.annex] or [["Không có"]]),
        ]
        used = where if category in ("positive", "declassified") else "cell"
        data = workbook(doc, head, rows, stamps, where=used, extra_sheets=extra)
        self.add(
            ("bieu", "so_lieu", "bang_tong_hop", "thong_ke"),
            "xlsx",
            data,
            level,
            category,
            "xlsx",
            self.family(f"xlsx_{where}", category, tag),
        )

    HARD_PPTX = (
        "training",
        "protection_plan",
        "password",
        "leak_news",
        "stats_by_level",
        "density",
    )

    def pptx(self, category: str, where: str) -> None:
        doc, stamps, tag, level = self.pick(category, self.HARD_PPTX)
        pages = [
            (f"Phần {i}", [p[:120], p[120:240]] if len(p) > 120 else [p])
            for i, p in enumerate(doc.body, 1)
        ]
        used = where
        if tag == "training":  # the specimen stamps on the last slide, introduced as such
            pages.append(
                (
                    "Mẫu dấu độ mật",
                    [
                        "Hình ở trang sau là mẫu dấu, chỉ dùng để minh họa khi tập huấn",
                        "Dấu thật do văn thư quản lý, đóng sau khi người có thẩm quyền ký",
                    ],
                )
            )
            stamps = [spec for _, spec in doc.specimens]
            used = "later_slide"
        data = slides(doc, pages, stamps, self.rng, where=used)
        self.add(
            ("bai_trinh_chieu", "slide", "bao_cao_hoi_nghi"),
            "pptx",
            data,
            level,
            category,
            "pptx",
            self.family(f"pptx_{where}", category, tag),
        )

    HARD_HTML = (
        "leak_news",
        "protection_plan",
        "training",
        "other_stamp",
        "honey",
        "no_secret_note",
        "regulation",
        "password",
    )

    def html(self, category: str, where: str) -> None:
        doc, stamps, tag, level = self.pick(category, self.HARD_HTML)
        page = web_page(doc, stamps, self.rng, where=where)
        enc = "utf-8"
        if where == "legacy_charset":
            enc = "windows-1258"
            page = page.replace('charset="utf-8"', 'charset="windows-1258"')
            data = to_cp1258(page)
        else:
            data = page.encode(enc)
        self.add(
            ("trang", "vanban_portal", "index", "chi_tiet"),
            self.rng.choice(("html", "htm")),
            data,
            level,
            category,
            "html",
            self.family(f"html_{where}", category, tag),
        )

    HARD_TXT = (
        "leak_news",
        "protection_plan",
        "password",
        "empty_field",
        "other_stamp",
        "honey",
        "no_secret_note",
        "trade_secret",
    )

    def txt(self, category: str, enc: str) -> None:
        doc, stamps, tag, level = self.pick(category, self.HARD_TXT)
        text = plain_text(doc, stamps, boxed=self.rng.random() < 0.4)
        if enc == "utf16":
            data = text.encode("utf-16")
        elif enc == "nfd":
            data = unicodedata.normalize("NFD", text).encode("utf-8")
        elif enc == "cp1258":
            data = to_cp1258(text)
        else:
            data = text.encode("utf-8-sig" if self.rng.random() < 0.5 else "utf-8")
        self.add(
            ("ghi_chu", "noi_dung", "van_ban", "ban_go"),
            "txt",
            data,
            level,
            category,
            "txt",
            self.family(f"txt_{enc}", category, tag),
        )

    HARD_EML = (
        "password",
        "leak_news",
        "protection_plan",
        "other_stamp",
        "no_secret_note",
        "trade_secret",
    )

    def eml(self, category: str, how: str) -> None:
        r = self.rng
        doc, stamps, tag, level = self.pick(category, self.HARD_EML)
        sender = f"{r.choice(('vanthu', 'vp', 'tonghop', 'phongtm'))}@khelam.gov.vn"
        to = f"{r.choice(('lanhdao', 'chuyenvien', 'vanphong'))}@{r.choice(('snv', 'stc', 'vp'))}.khelam.gov.vn"
        subject = f"V/v gửi {doc.kind.lower()} {doc.number.replace('Số: ', 'số ')}"
        greet = "Kính gửi anh/chị,\n\nVăn thư gửi kèm văn bản để anh/chị xử lý theo chức năng.\n\nTrân trọng.\n"
        attach: list[tuple[str, bytes, str]] = []
        body, html_body, forwarded = greet, None, None
        if how == "body":
            body = plain_text(doc, stamps, boxed=False)
        elif how == "docx":
            attach = [
                (
                    "vanban.docx",
                    word_doc(doc, stamps, r, where="cell"),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            ]
        elif how == "pdf":
            attach = [("vanban.pdf", text_pdf(doc, stamps, r, where="text"), "application/pdf")]
        elif how == "scan":
            page = scanned(
                page_images(doc, stamps, r, dpi=110)[0], r, skew=r.uniform(-1.5, 1.5), noise=0.05
            )
            attach = [("scan0001.jpg", image_bytes(page, "jpg", quality=70), "image/jpeg")]
        elif how == "html":
            html_body = web_page(doc, stamps, r, where="spans")
            body = "Xem nội dung văn bản ở phần HTML."
        elif how == "forwarded":
            inner = mail(
                "vanthu@snnmt.khelam.gov.vn",
                sender,
                subject,
                greet,
                [("vanban.pdf", text_pdf(doc, stamps, r, where="text"), "application/pdf")],
                self.serial + 5000,
            )
            forwarded = inner
            body = "Chuyển tiếp để anh/chị biết.\n\n---------- Forwarded message ---------\n"
            subject = "Fwd: " + subject
        data = mail(
            sender, to, subject, body, attach, self.serial, html_body=html_body, forwarded=forwarded
        )
        self.add(
            ("thu", "mail", "email_den"),
            "eml",
            data,
            level,
            category,
            "eml",
            self.family(f"eml_{how}", category, tag),
        )

    HARD_ZIP = ("training", "protection_plan", "regulation", "stats_by_level", "other_stamp")

    def archive(self, category: str, how: str) -> None:
        r = self.rng
        doc, stamps, tag, level = self.pick(category, self.HARD_ZIP)
        cover = self.plain_doc()
        plain = ("01_cong_van.docx", word_doc(cover, [], r, where="cell"))
        if how == "nested":
            inner = zip_of(
                [("tai_lieu.docx", word_doc(doc, stamps, r, where=r.choice(("cell", "textbox"))))],
                ZIP_DATE,
            )
            members = [plain, ("02_ho_so.zip", inner)]
        elif how == "scans":
            pages = [
                scanned(page_images(d, s, r, dpi=100)[0], r, mode="L", skew=r.uniform(-1, 1))
                for d, s in ((cover, []), (doc, stamps))
            ]
            members = [
                (f"scan_{i:03d}.jpg", image_bytes(p, "jpg", quality=70))
                for i, p in enumerate(pages, 1)
            ]
        elif how == "pdf":
            members = [plain, ("02_van_ban.pdf", text_pdf(doc, stamps, r, where="text"))]
        else:  # three levels deep, as a mail client's "download all" of a forwarded bundle
            level2 = zip_of([("van_ban.pdf", text_pdf(doc, stamps, r, where="picture"))], ZIP_DATE)
            level1 = zip_of(
                [("ho_so_goc.zip", level2), ("ghi_chu.txt", "Hồ sơ gửi kèm.".encode())], ZIP_DATE
            )
            members = [plain, ("ho_so.zip", level1)]
        self.add(
            ("ho_so", "tai_ve", "dinh_kem"),
            "zip",
            zip_of(members, ZIP_DATE),
            level,
            category,
            "zip",
            self.family(f"zip_{how}", category, tag),
        )


def to_cp1258(text: str) -> bytes:
    """`text` in windows-1258: letters the code page lacks as a base letter (or a letter with
    one mark) followed by its combining tone mark, as Vietnamese Windows wrote them."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], list(parts[1:])
        for mark in list(marks):  # fold one mark into the base when the code page has the pair
            joined = unicodedata.normalize("NFC", base + mark)
            try:
                joined.encode("cp1258")
            except UnicodeEncodeError:
                continue
            base = joined
            marks.remove(mark)
            break
        out += (base + "".join(marks)).encode("cp1258", errors="replace")
    return bytes(out)


# per format: the builder, its variants, and how many files of each category
PLAN: dict[str, tuple[str, tuple[str, ...], tuple[int, int, int, int]]] = {
    # format: (builder, variants, (positive, declassified, hard_negative, negative))
    "docx": (
        "docx",
        ("cell", "textbox", "picture", "wordart", "header", "footer", "section2", "annex"),
        (12, 3, 10, 5),
    ),
    "doc": ("doc97", ("cell", "textbox", "picture", "footer", "section2", "header"), (5, 1, 4, 2)),
    "pdf": ("pdf", ("text", "spaced", "condensed", "turned", "picture", "annex"), (10, 3, 8, 5)),
    "scan": (
        "scan",
        (
            "skewed",
            "rotated",
            "bilevel",
            "grey_low_contrast",
            "colour_cast",
            "lowdpi",
            "jpeg",
            "multipage",
            "envelope_printed",
            "envelope_stamped",
            "envelope_hand",
        ),
        (13, 3, 9, 5),
    ),
    "photo": (
        "photo",
        ("desk", "shadow", "envelope_printed", "envelope_stamped", "envelope_hand"),
        (8, 1, 6, 3),
    ),
    "xlsx": ("xlsx", ("cell", "print_header", "print_footer", "later_sheet"), (6, 1, 6, 3)),
    "pptx": ("pptx", ("textbox", "picture", "later_slide"), (5, 1, 5, 3)),
    "html": (
        "html",
        ("div", "image", "spans", "spaced", "entities", "legacy_charset"),
        (7, 2, 6, 3),
    ),
    "txt": ("txt", ("utf8", "nfd", "utf16", "cp1258"), (6, 1, 5, 4)),
    "eml": ("eml", ("body", "docx", "pdf", "scan", "html", "forwarded"), (7, 1, 5, 3)),
    "zip": ("archive", ("nested", "scans", "pdf", "deep"), (5, 1, 3, 3)),
}
CATEGORIES = ("positive", "declassified", "hard_negative", "negative")


def build(seed: int = SEED) -> list[Item]:
    """The corpus: every format's files of every category, Word 97 files converted at once,
    in a shuffled order with running numbers."""
    corpus = Corpus(seed)
    for builder_name, variants, counts in PLAN.values():
        builder: Callable[[str, str], None] = getattr(corpus, builder_name)
        for category, count in zip(CATEGORIES, counts, strict=True):
            usable = variants
            if category in ("declassified", "negative") and builder_name in ("scan", "photo"):
                # envelopes carry a level letter or another circled mark: positives and hard
                # negatives only; declassified files and plain files are pages
                usable = tuple(v for v in variants if not v.startswith("envelope"))
            start = corpus.rng.randrange(len(usable))
            for i in range(count):
                builder(category, usable[(start + i) % len(usable)])
    items = corpus.items
    if corpus.legacy:
        converted = soffice_convert({stem: data for stem, data, *_ in corpus.legacy}, "doc")
        items += word97_items(corpus.legacy, converted)
    items.sort(key=lambda item: item.name)
    return renumbered(items, corpus.rng)


def main(argv: list[str]) -> None:
    """Writes the corpus and its labels (one JSON object a line) to the folder argv[1]."""
    write_corpus(Path(argv[1]), build(SEED))


if __name__ == "__main__":
    main(sys.argv)
