"""Held-out corpus 6 for the leak scanner: about 200 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's document templates (only heldout5's `Item`/`build`/`SEED` interface and the bench
harness); nothing may be tuned against it. `build(SEED)` returns the files;
`python -m tests.corpus.heldout6 OUT` writes them out. Renderers: tests/corpus/heldout6_render.py.

The weight is on the cases issue 18 calls hard, each several times with variation:
envelope photos (circled A/B/C, perspective), phone photos of a page (perspective, shadow,
uneven light), scans turned 90/180 degrees, a stamp picture in a PDF that has a text layer, the
stamp only on a later page (public covering letter + secret annex), spreadsheets with the level
only in the print header/footer or on a later sheet, HTML with the stamp in an embedded image or
split into styled spans / letter-spaced, Word 97 .doc (LibreOffice headless; skipped with a note
when it is missing), PPTX with the stamp only in the slide layout or master, slides exported to
PDF, faxes with a slightly turned stamp, small stamps. Also levels changed by a later decision
(secret at the new level) and declassified files (not secret). Hard negatives: the protection
work's own plans, reports, rules and statistics, training decks and handouts with specimen
stamps marked MẪU, blank forms with a level field, other senses of "mật", business secrets, other
red stamps (KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO, DỰ THẢO, ĐẾN, LƯU HÀNH NỘI BỘ) and public news.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from PIL import Image

from tests.corpus.common import LEVEL_LETTER, LEVEL_WORD, LEVELS, jpeg, png, renumbered, write_files
from tests.corpus.heldout6_render import (
    BLACK,
    FACES,
    RED,
    Letter,
    Mark,
    Sheet,
    Slide,
    deck,
    envelope,
    faxed,
    images_pdf,
    letter_html,
    letter_odt,
    letter_pages,
    letter_rtf,
    letters_docx,
    letters_pdf,
    mail,
    photographed,
    plain_text,
    scanned,
    slide_image,
    slides_pdf,
    stamp_image,
    workbook,
)
from tests.corpus.scanner_corpus import Item, write_zip

SEED = 606162

# --------------------------------------------------------------------------- content

AGENCIES = [
    ("BỘ QUỐC PHÒNG", "BỘ TỔNG THAM MƯU\nCỤC TÁC CHIẾN", "TC"),
    ("BỘ CÔNG AN", "CỤC AN NINH NỘI ĐỊA", "ANND"),
    ("BỘ NGOẠI GIAO", "ỦY BAN BIÊN GIỚI QUỐC GIA", "UBBG"),
    ("BỘ CHỈ HUY QUÂN SỰ", "TỈNH LẠNG SƠN", "BCH"),
    ("BỘ TÀI CHÍNH", "CỤC DỰ TRỮ NHÀ NƯỚC", "DTNN"),
    ("NGÂN HÀNG NHÀ NƯỚC", "VIỆT NAM", "NHNN"),
    ("BỘ CÔNG THƯƠNG", "CỤC ĐIỀU TIẾT ĐIỆN LỰC", "ĐTĐL"),
    ("UBND TỈNH QUẢNG NINH", "SỞ NGOẠI VỤ", "SNgV"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "CỤC AN TOÀN BỨC XẠ VÀ HẠT NHÂN", "ATBXHN"),
    ("UBND THÀNH PHỐ HẢI PHÒNG", "VĂN PHÒNG", "VP"),
    ("CÔNG AN TỈNH KIÊN GIANG", "PHÒNG AN NINH ĐỐI NGOẠI", "PA01"),
    ("BỘ Y TẾ", "CỤC Y TẾ DỰ PHÒNG", "DP"),
    ("UBND TỈNH AN GIANG", "SỞ NỘI VỤ", "SNV"),
    ("BỘ TƯ PHÁP", "VỤ PHÁP LUẬT QUỐC TẾ", "PLQT"),
]
PLACES = ["Hà Nội", "Hạ Long", "Lạng Sơn", "Hải Phòng", "Rạch Giá", "Long Xuyên", "Đà Nẵng"]
KINDS = [
    ("CV", ""),
    ("KH", "KẾ HOẠCH"),
    ("BC", "BÁO CÁO"),
    ("PA", "PHƯƠNG ÁN"),
    ("QĐ", "QUYẾT ĐỊNH"),
    ("TTr", "TỜ TRÌNH"),
    ("TB", "THÔNG BÁO"),
]
NAMES = [
    "Nguyễn Văn Thành",
    "Trần Thị Hồng Nhung",
    "Lê Quang Vinh",
    "Phạm Đức Long",
    "Hoàng Minh Tuấn",
    "Đỗ Thị Thu Hà",
    "Vũ Xuân Trường",
    "Bùi Thanh Sơn",
    "Đặng Hữu Phước",
]
ROLES = [
    "CỤC TRƯỞNG",
    "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG",
    "GIÁM ĐỐC",
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "TL. BỘ TRƯỞNG\nVỤ TRƯỞNG",
    "CHÁNH VĂN PHÒNG",
    "CHỈ HUY TRƯỞNG",
]

# secret matters: title, body sentences ({n}, {p} and {d} filled in)
SECRET_TOPICS = [
    (
        "Phương án bảo vệ các mục tiêu trọng điểm dịp Quốc khánh 2/9",
        [
            "Căn cứ tình hình thực tế, đơn vị xây dựng phương án bảo vệ {n} mục tiêu trọng điểm trên địa bàn {p}.",
            "Lực lượng thường trực được bố trí theo ba vòng, thời gian triển khai từ 0 giờ ngày {d}.",
            "Các tổ cơ động được trang bị phương tiện thông tin liên lạc riêng, tần số dự phòng được thay đổi hằng ngày.",
            "Chỉ huy các đơn vị chịu trách nhiệm trước cấp trên về việc triển khai phương án này.",
        ],
    ),
    (
        "Báo cáo tình hình tuyến biên giới tháng {m}",
        [
            "Trong tháng, trên tuyến biên giới thuộc địa bàn {p} phát hiện {n} vụ xuất nhập cảnh trái phép qua đường mòn.",
            "Lực lượng chức năng phía bạn tăng cường tuần tra tại khu vực các mốc từ 1{n}0 đến 1{n}6.",
            "Dự báo thời gian tới các đối tượng tiếp tục lợi dụng địa hình phức tạp để hoạt động.",
            "Đề nghị cấp trên bổ sung kinh phí và phương tiện cho các đồn biên phòng tuyến đầu.",
        ],
    ),
    (
        "Phương án điều chỉnh tỷ giá trung tâm và lãi suất điều hành quý {q}",
        [
            "Trên cơ sở diễn biến thị trường, dự kiến điều chỉnh tỷ giá trung tâm tăng {n} đồng vào ngày {d}.",
            "Lãi suất tái cấp vốn giữ nguyên; lãi suất tái chiết khấu giảm 0,25 điểm phần trăm.",
            "Thời điểm công bố chỉ được thông báo cho các đơn vị trực tiếp thực hiện trước 30 phút.",
            "Vụ Chính sách tiền tệ chủ trì theo dõi, báo cáo Thống đốc diễn biến sau điều chỉnh.",
        ],
    ),
    (
        "Kế hoạch xuất cấp hàng dự trữ quốc gia đợt {q}",
        [
            "Xuất cấp {n} nghìn tấn gạo và các trang thiết bị cứu hộ từ kho dự trữ tại {p}.",
            "Địa điểm kho, số lượng tồn kho thực tế và lộ trình vận chuyển theo phụ lục kèm theo.",
            "Việc vận chuyển được thực hiện vào ban đêm, có lực lượng áp tải và bảo vệ.",
            "Các đơn vị báo cáo kết quả về Cục trước ngày {d}.",
        ],
    ),
    (
        "Báo cáo kết quả xác minh nguồn tin số {n}",
        [
            "Thực hiện chỉ đạo của cấp trên, tổ công tác đã tiến hành xác minh nguồn tin số {n} tại {p}.",
            "Kết quả bước đầu xác định đối tượng có quan hệ với một số cá nhân nước ngoài hoạt động trên địa bàn.",
            "Biện pháp tiếp theo: tiếp tục theo dõi, thu thập tài liệu, không để lộ lọt ý đồ nghiệp vụ.",
            "Đề nghị lãnh đạo cho ý kiến chỉ đạo về việc mở rộng phạm vi xác minh.",
        ],
    ),
    (
        "Kế hoạch diễn tập khu vực phòng thủ tỉnh năm 2026",
        [
            "Diễn tập được tổ chức trong {n} ngày, từ ngày {d}, tại khu vực phòng thủ then chốt của tỉnh {p}.",
            "Ý định tác chiến, thế bố trí lực lượng và các tình huống diễn tập nêu tại phụ lục 1.",
            "Sở chỉ huy cơ bản đặt tại căn cứ hậu phương; sở chỉ huy dự bị được giữ bí mật đến giờ triển khai.",
            "Hiệp đồng thông tin liên lạc theo bảng mã hiệp đồng riêng của cuộc diễn tập.",
        ],
    ),
    (
        "Dự kiến phương án nhân sự chủ chốt nhiệm kỳ 2026 - 2031",
        [
            "Trên cơ sở quy hoạch đã được phê duyệt, dự kiến giới thiệu {n} đồng chí tham gia ban chấp hành.",
            "Danh sách nhân sự dự kiến và kết quả lấy phiếu tín nhiệm kèm theo tờ trình này.",
            "Đề nghị Thường trực xem xét, cho ý kiến trước ngày {d}.",
        ],
    ),
    (
        "Phương án ứng phó sự cố mất điện diện rộng hệ thống 500 kV",
        [
            "Phương án xác định {n} nút lưới trọng yếu cần ưu tiên khôi phục khi xảy ra sự cố tại khu vực {p}.",
            "Trình tự khôi phục, sơ đồ cô lập và các điểm đấu nối dự phòng được mô tả tại phụ lục.",
            "Các trạm biến áp bố trí lực lượng bảo vệ 24/24 giờ trong thời gian cao điểm.",
        ],
    ),
    (
        "Lập trường đàm phán phiên thứ {n} về phân định vùng biển",
        [
            "Phía ta kiên trì nguyên tắc công bằng, lấy luật pháp quốc tế làm cơ sở cho việc phân định.",
            "Phương án nhân nhượng tối đa chỉ được sử dụng khi có ý kiến của cấp có thẩm quyền.",
            "Đoàn đàm phán báo cáo kết quả từng phiên về Bộ trước ngày {d}.",
        ],
    ),
    (
        "Báo cáo an ninh nguồn phóng xạ tại các cơ sở trọng yếu",
        [
            "Hiện có {n} nguồn phóng xạ nhóm 1 đang được lưu giữ tại các cơ sở trên địa bàn {p}.",
            "Vị trí lưu giữ, biện pháp bảo vệ thực thể và lịch tuần tra nêu tại danh mục kèm theo.",
            "Qua kiểm tra phát hiện một số điểm yếu trong hệ thống kiểm soát ra vào, đã yêu cầu khắc phục.",
        ],
    ),
]

ORDINARY_TOPICS = [
    (
        "V/v tổ chức Hội nghị tổng kết công tác năm 2025",
        [
            "Để đánh giá kết quả thực hiện nhiệm vụ năm 2025, đơn vị tổ chức hội nghị tổng kết vào ngày {d} tại {p}.",
            "Thành phần gồm lãnh đạo các phòng, ban và đại diện các đơn vị trực thuộc.",
            "Đề nghị các đơn vị gửi báo cáo tham luận về Văn phòng trước ngày hội nghị ba ngày.",
        ],
    ),
    (
        "V/v cử cán bộ tham dự lớp bồi dưỡng nghiệp vụ văn thư, lưu trữ",
        [
            "Thực hiện kế hoạch đào tạo năm 2026, đơn vị tổ chức lớp bồi dưỡng nghiệp vụ cho {n} học viên.",
            "Mỗi đơn vị cử 01 công chức làm công tác văn thư tham dự, thời gian học từ ngày {d}.",
            "Kinh phí tổ chức lớp học do ngân sách đơn vị bảo đảm theo quy định.",
        ],
    ),
    (
        "Thông báo lịch tiếp công dân tháng {m}",
        [
            "Lãnh đạo đơn vị tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở tiếp công dân tỉnh {p}.",
            "Công dân đến liên hệ mang theo giấy tờ tùy thân và các tài liệu liên quan đến nội dung trình bày.",
        ],
    ),
    (
        "Kế hoạch tổ chức Giải chạy việt dã truyền thống năm 2026",
        [
            "Giải chạy được tổ chức vào sáng ngày {d} với sự tham gia của khoảng {n}0 vận động viên.",
            "Ban tổ chức đề nghị các đơn vị đăng ký danh sách vận động viên trước ngày thi đấu một tuần.",
        ],
    ),
    (
        "V/v mua sắm trang thiết bị văn phòng năm 2026",
        [
            "Căn cứ dự toán được giao, đơn vị đề xuất mua sắm {n} máy vi tính và 06 máy in phục vụ công tác.",
            "Việc mua sắm thực hiện theo hình thức chào hàng cạnh tranh, đúng quy định của pháp luật về đấu thầu.",
        ],
    ),
    (
        "Báo cáo kết quả cải cách hành chính quý {q} năm 2026",
        [
            "Trong quý, đơn vị đã tiếp nhận {n}0 hồ sơ thủ tục hành chính, giải quyết đúng hạn đạt 98%.",
            "Tỷ lệ hồ sơ trực tuyến toàn trình tiếp tục tăng so với cùng kỳ năm trước.",
        ],
    ),
]


def fill(rng: random.Random, text: str) -> str:
    d = dt.date(2026, rng.randint(1, 12), rng.randint(1, 28))
    return text.format(
        n=rng.randint(2, 9),
        p=rng.choice(PLACES),
        d=d.strftime("%d/%m/%Y"),
        m=rng.randint(1, 12),
        q=rng.choice(["I", "II", "III", "IV"]),
    )


def date_line(rng: random.Random) -> str:
    return (
        f"{rng.choice(PLACES)}, ngày {rng.randint(1, 28)} tháng {rng.randint(1, 12)} "
        f"năm {rng.choice([2024, 2025, 2026])}"
    )


def decision_ref(rng: random.Random) -> str:
    code = rng.choice(["QĐ-BCA", "QĐ-UBND", "QĐ-BQP", "QĐ-NHNN", "QĐ-BNG", "QĐ-BTC"])
    return (
        f"số {rng.randint(12, 2999)}/{code} ngày {rng.randint(1, 28):02d}/"
        f"{rng.randint(1, 12):02d}/{rng.choice([2025, 2026])}"
    )


def make_letter(
    rng: random.Random,
    topics: list[tuple[str, list[str]]] = SECRET_TOPICS,
    *,
    kind: tuple[str, str] | None = None,
    title: str | None = None,
    body: list[str] | None = None,
) -> Letter:
    top, org, code = rng.choice(AGENCIES)
    t_title, t_body = rng.choice(topics)
    sym, kname = kind or rng.choice(KINDS)
    ttl = title or fill(rng, t_title)
    if not kname and not ttl.startswith("V/v"):
        ttl = "V/v " + ttl[0].lower() + ttl[1:]
    return Letter(
        org_top=top,
        org=org.replace("\n", " "),
        number=f"Số: {rng.randint(8, 1999)}/{sym}-{code}",
        place_date=date_line(rng),
        kind=kname,
        title=ttl,
        body=body or [fill(rng, s) for s in t_body],
        signer_role=rng.choice(ROLES).split("\n")[-1],
        signer_name=rng.choice(NAMES),
        recipients=rng.sample(
            [
                "Như trên",
                "Lãnh đạo Bộ (để b/c)",
                "Các đơn vị trực thuộc",
                "Văn phòng (để theo dõi)",
                "Lưu: VT, TH",
            ],
            3,
        ),
        face=rng.choice(FACES),
        px=rng.choice([22, 23, 24, 25, 26]),
    )


def stamp(level: str, rng: random.Random, **kw: object) -> Mark:
    m = Mark(LEVEL_WORD[level], double=rng.random() < 0.2, size=rng.choice([1.2, 1.3, 1.45]))
    return replace(m, **kw)  # type: ignore[arg-type]


def changed_stack(old: str, new: str, rng: random.Random) -> list[Mark]:
    verb = rng.choice(
        [
            "Thay đổi độ mật",
            "Điều chỉnh độ mật",
            "Giảm độ mật" if LEVELS.index(new) > LEVELS.index(old) else "Tăng độ mật",
        ]
    )
    note = f"{verb} theo Quyết định\n{decision_ref(rng)}"
    return [
        stamp(old, rng, struck=True),
        Mark(note, frame=False, bold=False, italic=True, size=0.72, color=BLACK),
        stamp(new, rng),
    ]


def declassified_stack(old: str, rng: random.Random) -> list[Mark]:
    word = rng.choice(["ĐÃ GIẢI MẬT", "GIẢI MẬT", "ĐÃ GIẢI MẬT"])
    note = rng.choice(["Theo Quyết định", "Giải mật toàn bộ theo QĐ", "Căn cứ Quyết định"])
    return [
        stamp(old, rng, struck=True),
        Mark(word, size=1.2, color=rng.choice([RED, (20, 40, 160)])),
        Mark(
            f"{note}\n{decision_ref(rng)}",
            frame=False,
            bold=False,
            italic=True,
            size=0.72,
            color=BLACK,
        ),
    ]


# --------------------------------------------------------------------------- corpus


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.notes: list[str] = []
        self._jobs: list[tuple[Item, str, bytes]] = []  # (item, target format, source bytes)
        self._turn = self.rng.randrange(3)

    def level(self) -> str:
        self._turn += 1
        return LEVELS[self._turn % 3]

    def name(self, ext: str, kind: str = "doc") -> str:
        r = self.rng
        stem = {
            "doc": r.choice(["vb", "cv", "tl", "hs", "vanban", "tailieu", "file", "ban", "tt"])
            + f"_{r.randint(10, 99999)}",
            "scan": r.choice(["scan", "Scan", "SCN", "scan_", "image"])
            + f"{r.randint(1, 9999):04d}",
            "photo": r.choice(["IMG_", "IMG_2026", "DSC0", "z", "photo_"])
            + f"{r.randint(100, 99999)}",
            "mail": r.choice(["thu", "mail", "msg", "fw"]) + f"_{r.randint(100, 9999)}",
        }[kind]
        return f"{len(self.items):03d}-{stem}.{ext}"

    def add(
        self,
        data: bytes,
        ext: str,
        fmt: str,
        family: str,
        level: str | None,
        category: str,
        kind: str = "doc",
    ) -> int:
        assert category in ("positive", "declassified", "hard_negative", "negative")
        self.items.append(
            Item(
                name=self.name(ext, kind),
                data=data,
                secret=category == "positive",
                level=level if category == "positive" else None,
                declassified=category == "declassified",
                category=category,
                format=fmt,
                family=family,
            )
        )
        return len(self.items) - 1

    def add_letter(
        self,
        letter: Letter,
        fmt: str,
        family: str,
        level: str | None,
        category: str,
        *,
        turn: int = 0,
    ) -> None:
        """`letter` as a file of the format `fmt`: Word (`doc`: Word 97, made later), a PDF with a
        text layer, a scan (turned by `turn` degrees), a phone photo of its first page, ODT, a
        web page or plain text."""
        if fmt == "docx":
            self.add(letters_docx([letter]), "docx", "docx", family, level, category)
        elif fmt == "doc":
            self.later("doc", letters_docx([letter]), family, level, category)
        elif fmt == "pdf":
            self.add(letters_pdf([letter]), "pdf", "pdf", family, level, category)
        elif fmt == "scan":
            data = scan_pdf(self, [letter], turn=turn)
            self.add(data, "pdf", "scan", family, level, category, "scan")
        elif fmt == "photo":
            self.add_photo(letter_pages([letter])[0], family, level, category)
        elif fmt == "odt":
            self.add(letter_odt(letter), "odt", "odt", family, level, category)
        elif fmt == "html":
            self.add(letter_html(letter), "html", "html", family, level, category)
        else:
            assert fmt == "txt", fmt
            self.add(plain_text(letter).encode(), "txt", "txt", family, level, category)

    def add_message(
        self,
        sender: str,
        to: str,
        subject: str,
        body: str,
        attachments: list[tuple[str, bytes]],
        family: str,
        level: str | None,
        category: str,
    ) -> None:
        """A plain-text mail with its attachments, sent at some time of the corpus's year."""
        data = mail(sender, to, subject, body, attachments, when(self))
        self.add(data, "eml", "eml", family, level, category, "mail")

    def add_photo(
        self, page: Image.Image, family: str, level: str | None, category: str, **how: object
    ) -> None:
        """A phone photo of `page` (`how`: its size, tilt and the like, as `photo` takes them)."""
        self.add(photo(self, page, **how), "jpg", "photo", family, level, category, "photo")

    def later(
        self, target: str, source: bytes, family: str, level: str | None, category: str
    ) -> None:
        """A file LibreOffice makes later: a Word 97 .doc from a DOCX."""
        idx = self.add(source, target, target, family, level, category)
        self._jobs.append((self.items[idx], target, source))

    def convert(self) -> None:
        """Runs LibreOffice headless once; drops (with a note) what it could not convert."""
        office = shutil.which("soffice") or shutil.which("libreoffice")
        failed: set[int] = set()
        for target, src_ext in (("doc", "docx"),):
            jobs = [(item, data) for item, t, data in self._jobs if t == target]
            if not jobs:
                continue
            done = 0
            with tempfile.TemporaryDirectory() as tmp:
                src = Path(tmp, "in")
                src.mkdir()
                for n, (_, data) in enumerate(jobs):
                    (src / f"f{n}.{src_ext}").write_bytes(data)
                if office:
                    try:
                        subprocess.run(
                            [
                                office,
                                f"-env:UserInstallation=file://{tmp}/profile",
                                "--headless",
                                "--convert-to",
                                target,
                                "--outdir",
                                str(Path(tmp, "out")),
                                *sorted(str(p) for p in src.iterdir()),
                            ],
                            check=False,
                            capture_output=True,
                            timeout=400,
                        )
                    except (OSError, subprocess.TimeoutExpired) as exc:
                        self.notes.append(f"LibreOffice failed: {exc}")
                for n, (item, _) in enumerate(jobs):
                    out = Path(tmp, "out", f"f{n}.{target}")
                    if out.exists():
                        item.data = out.read_bytes()
                        done += 1
                    else:
                        failed.add(id(item))
            if done < len(jobs):
                self.notes.append(
                    f"skipped {len(jobs) - done} .{target} files from .{src_ext}: "
                    "LibreOffice missing or failed"
                )
        self.items = [item for item in self.items if id(item) not in failed]


# --------------------------------------------------------------------------- helpers


def secret_letter(c: Corpus, level: str, where: str = "under_number", **kw: object) -> Letter:
    letter = make_letter(c.rng)
    letter.marks[where] = [stamp(level, c.rng, **kw)]
    if c.rng.random() < 0.4:
        letter.top_lines = [f"Bản số: {c.rng.randint(1, 12):02d}"]
    return letter


def ordinary_letter(c: Corpus) -> Letter:
    return make_letter(c.rng, ORDINARY_TOPICS, kind=c.rng.choice(KINDS[:1] + KINDS[6:]))


def page_scan(c: Corpus, letters: list[Letter], **kw: object) -> list[Image.Image]:
    kw.setdefault("gray", c.rng.random() < 0.5)
    return [scanned(p, c.rng, **kw) for p in letter_pages(letters)]  # type: ignore[arg-type]


def scan_pdf(c: Corpus, letters: list[Letter], **kw: object) -> bytes:
    producer = c.rng.choice(["Canon iR-ADV C3525", "EPSON Scan", "HP Digital Sending", "NAPS2"])
    return images_pdf(page_scan(c, letters, **kw), c.rng.randint(55, 80), producer)


def photo(c: Corpus, page: Image.Image, **kw: object) -> bytes:
    size = kw.pop("size", None) or c.rng.choice([(1200, 1600), (1080, 1440), (1280, 1706)])
    return jpeg(photographed(page, c.rng, size=size, **kw), c.rng.randint(70, 88))  # type: ignore[arg-type]


def where_of(c: Corpus) -> str:
    return c.rng.choice(["under_number", "under_number", "top_right", "header"])


# --------------------------------------------------------------------------- positives


def add_word(c: Corpus) -> None:
    variants: list[tuple[str, dict[str, object]]] = [
        ("under_number", {}),
        ("top_right", {}),
        ("header", {}),
        ("under_number", {"picture": True}),
        ("under_number", {"spacing": 6}),
        ("top_right", {"split": True}),
        ("footer", {}),
    ]
    for where, kw in variants:
        level = c.level()
        letter = secret_letter(c, level, where, **kw)
        c.add_letter(letter, "docx", "word", level, "positive")


def add_legacy_doc(c: Corpus) -> None:
    for where in ["under_number", "header", "top_right", "under_number", "under_number"]:
        level = c.level()
        letter = secret_letter(c, level, where)
        c.later("doc", letters_docx([letter]), "legacy_doc", level, "positive")


def add_odt_rtf(c: Corpus) -> None:
    for fmt, where in [
        ("odt", "under_number"),
        ("odt", "header"),
        ("rtf", "under_number"),
        ("rtf", "header"),
    ]:
        level = c.level()
        letter = secret_letter(c, level, where)
        data = letter_odt(letter) if fmt == "odt" else letter_rtf(letter)
        c.add(data, fmt, fmt, "odt_rtf", level, "positive")


def add_pdf_text(c: Corpus) -> None:
    for where in ["under_number", "top_right", "header", "under_number"]:
        level = c.level()
        letter = secret_letter(c, level, where)
        producer = c.rng.choice(["Microsoft Word 2019", "LibreOffice 7.6", "WPS Office"])
        c.add(letters_pdf([letter], producer), "pdf", "pdf", "pdf_text", level, "positive")


def add_pdf_stamp_picture(c: Corpus) -> None:
    """The body is text, the stamp a picture pasted in (often a little turned)."""
    for i in range(6):
        level = c.level()
        angle = c.rng.choice([0.0, 1.5, -2.5, 3.0, -1.0, 0.0])
        letter = secret_letter(
            c, level, ["under_number", "top_right"][i % 2], picture=True, angle=angle
        )
        pages = [letter]
        if i % 3 == 2:  # a two-page letter, stamp on the first page only
            letter.body = letter.body * 3
        c.add(
            letters_pdf(pages, "Microsoft: Print To PDF"),
            "pdf",
            "pdf",
            "pdf_stamp_picture",
            level,
            "positive",
        )


def add_scan_turned(c: Corpus) -> None:
    for i, turn in enumerate([90, 180, 270, 90, 180, 0, 180]):
        level = c.level()
        letter = secret_letter(c, level, where_of(c))
        skew = 3.5 if turn == 0 else None
        if i < 5:
            c.add(
                scan_pdf(c, [letter], turn=turn, skew=skew),
                "pdf",
                "scan",
                "scan_turned",
                level,
                "positive",
                "scan",
            )
        else:
            img = page_scan(c, [letter], turn=turn, skew=skew)[0]
            c.add(jpeg(img, 75), "jpg", "jpg", "scan_turned", level, "positive", "scan")


def annex(c: Corpus, level: str, where: str) -> Letter:
    a = make_letter(c.rng, kind=("PL", "PHỤ LỤC"))
    a.title = "Kèm theo " + a.number.replace("Số: ", "văn bản số ") + " — " + a.title
    a.body = a.body[:2]
    a.table = [["STT", "Nội dung", "Địa điểm", "Thời gian"]] + [
        [
            str(i),
            f"Hạng mục {i}",
            c.rng.choice(PLACES),
            f"{c.rng.randint(1, 28)}/{c.rng.randint(1, 12)}",
        ]
        for i in range(1, c.rng.randint(5, 9))
    ]
    a.signer_role = ""
    a.recipients = []
    a.marks[where] = [stamp(level, c.rng)]
    return a


def covering(c: Corpus) -> Letter:
    cover = make_letter(c.rng, ORDINARY_TOPICS, kind=("CV", ""))
    cover.title = "V/v gửi tài liệu phục vụ hội nghị"
    cover.body = [
        f"{c.rng.choice(AGENCIES)[1].split(chr(10))[-1].title()} gửi kèm theo công văn này phụ lục "
        "để các đơn vị nghiên cứu, chuẩn bị ý kiến.",
        "Đề nghị các đơn vị quản lý, sử dụng tài liệu theo đúng quy định.",
        "Trân trọng./.",
    ]
    return cover


def add_scan_annex(c: Corpus) -> None:
    """A public covering letter first; the stamp only on the annex page(s) that follow."""
    for i in range(7):
        level = c.level()
        cover = covering(c)
        if i % 3 == 1:
            cover.body = cover.body + [fill(c.rng, s) for s in ORDINARY_TOPICS[0][1]] * 3
        ax = annex(c, level, c.rng.choice(["under_number", "top_right"]))
        if i < 5:
            c.add(
                scan_pdf(c, [cover, ax]),
                "pdf",
                "scan",
                "annex_later_page",
                level,
                "positive",
                "scan",
            )
        elif i == 5:
            ax.marks = {"header": ax.marks.popitem()[1]}
            c.add(letters_docx([cover, ax]), "docx", "docx", "annex_later_page", level, "positive")
        else:
            c.add(letters_pdf([cover, ax]), "pdf", "pdf", "annex_later_page", level, "positive")


def add_phone_photos(c: Corpus) -> None:
    for i in range(9):
        level = c.level()
        letter = secret_letter(c, level, where_of(c) if i % 3 else "under_number")
        page = letter_pages([letter])[0]
        c.add(
            photo(
                c,
                page,
                tilt=c.rng.choice([0.04, 0.08, 0.12]),
                shadow=i % 4 != 3,
                fill=c.rng.uniform(0.78, 0.95),
            ),
            "jpg",
            "photo",
            "phone_photo",
            level,
            "positive",
            "photo",
        )


def envelope_image(c: Corpus, letter_mark: Mark | None, marks: list[Mark]) -> Image.Image:
    top, org, code = c.rng.choice(AGENCIES)
    to = c.rng.choice(
        [
            ["Kính gửi: Đồng chí Chánh Văn phòng", "Văn phòng Bộ", "Số 47 Phạm Văn Đồng, Hà Nội"],
            [
                "Kính gửi: Giám đốc Công an tỉnh",
                "Số 2 đường Trần Hưng Đạo",
                "TP. Hạ Long, Quảng Ninh",
            ],
            ["Kính gửi: Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Số 18 Lê Lợi, TP. Lạng Sơn"],
            ["Kính gửi: Ủy ban nhân dân tỉnh", "Số 1 Tôn Đức Thắng, Long Xuyên, An Giang"],
        ]
    )
    return envelope(
        c.rng,
        [top, org.split("\n")[-1]],
        f"Số: {c.rng.randint(10, 999)}/{code}",
        to,
        marks,
        letter_mark,
        c.rng.choice(FACES),
    )


def add_envelopes(c: Corpus) -> None:
    for i in range(9):
        level = LEVELS[i % 3]
        circled = Mark(
            LEVEL_LETTER[level],
            frame=False,
            circle=True,
            size=1.3,
            color=c.rng.choice([RED, RED, BLACK]),
            angle=c.rng.uniform(-8, 8),
        )
        extra = []
        if level == "tuyet_mat" and i % 2 == 0:
            extra.append(Mark("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ", size=0.8, color=RED))
        if i % 4 == 1:
            extra.append(Mark("KHẨN", size=1.1))
        img = envelope_image(c, circled, extra)
        if i < 7:
            c.add_photo(
                img,
                "envelope",
                level,
                "positive",
                size=(1600, 1200),
                tilt=c.rng.choice([0.06, 0.1, 0.14]),
                fill=0.9,
            )
        else:
            c.add(
                png(scanned(img, c.rng, gray=False)),
                "png",
                "png",
                "envelope",
                level,
                "positive",
                "scan",
            )


def fax_header(c: Corpus) -> str:
    return (
        f"{c.rng.randint(1, 28):02d}/{c.rng.randint(1, 12):02d}/2026 "
        f"{c.rng.randint(7, 18):02d}:{c.rng.randint(0, 59):02d}  FAX 024{c.rng.randint(3000000, 3999999)}"
        f"   P.00{c.rng.randint(1, 3)}/00{c.rng.randint(3, 5)}"
    )


def add_faxes(c: Corpus) -> None:
    for i in range(5):
        level = c.level()
        letter = secret_letter(
            c,
            level,
            c.rng.choice(["under_number", "top_right"]),
            angle=c.rng.choice([-4.0, -2.5, 2.0, 3.5, 5.0]),
        )
        pages = [faxed(p, c.rng, fax_header(c)) for p in letter_pages([letter])]
        if i < 3:
            c.add(
                images_pdf(pages, 60, "FaxServer"), "pdf", "scan", "fax", level, "positive", "scan"
            )
        else:
            c.add(
                png(pages[0].convert("1").convert("L")),
                "png",
                "png",
                "fax",
                level,
                "positive",
                "scan",
            )


def add_small_stamps(c: Corpus) -> None:
    for i in range(4):
        level = c.level()
        letter = secret_letter(
            c,
            level,
            c.rng.choice(["under_number", "top_right"]),
            size=c.rng.choice([0.75, 0.8, 0.85]) if i != 2 else 0.88,
        )
        if i < 2:
            c.add(scan_pdf(c, [letter]), "pdf", "scan", "small_stamp", level, "positive", "scan")
        elif i == 2:
            c.add_photo(letter_pages([letter])[0], "small_stamp", level, "positive", tilt=0.05)
        else:
            c.add_letter(letter, "pdf", "small_stamp", level, "positive")


def table_rows(c: Corpus, kind: str) -> list[list[object]]:
    if kind == "stock":
        head: list[object] = ["STT", "Kho", "Mặt hàng", "Số lượng (tấn)", "Ghi chú"]
        return [head] + [
            [
                i,
                f"Kho {c.rng.choice(PLACES)}",
                c.rng.choice(["Gạo", "Muối", "Xuồng cứu hộ", "Phao áo"]),
                c.rng.randint(50, 9000),
                "",
            ]
            for i in range(1, 18)
        ]
    head = ["STT", "Đơn vị", "Quân số", "Vũ khí", "Phương tiện", "Vị trí"]
    return [head] + [
        [
            i,
            f"Đơn vị {c.rng.randint(100, 999)}",
            c.rng.randint(20, 400),
            c.rng.randint(5, 90),
            c.rng.randint(1, 30),
            f"Điểm {c.rng.randint(1, 40)}",
        ]
        for i in range(1, 22)
    ]


def add_sheets(c: Corpus) -> None:
    kinds = [
        "header_right",
        "footer",
        "first_header",
        "later_sheet",
        "later_sheet_header",
        "picture",
        "cell",
    ]
    for kind in kinds:
        level = c.level()
        word = LEVEL_WORD[level]
        main = Sheet(
            "Tổng hợp",
            [["BẢNG TỔNG HỢP SỐ LIỆU"], [], *table_rows(c, c.rng.choice(["stock", "force"]))],
        )
        sheets = [main]
        if kind == "header_right":
            main.header = {"right": word}
        elif kind == "footer":
            main.footer = {"center": word, "right": "Trang &P/&N"}
        elif kind == "first_header":
            main.header = {"left": word}
            main.first_page_only = True
        elif kind == "later_sheet":
            sheets = [
                Sheet("Hướng dẫn", [["Hướng dẫn nhập số liệu"], ["Nhập số nguyên, đơn vị tấn"]]),
                replace(main, cell_marks=[("G1", word)]),
            ]
        elif kind == "later_sheet_header":
            sheets = [
                Sheet("Bìa", [["Số liệu kèm theo báo cáo"]]),
                replace(main, header={"center": word}),
            ]
        elif kind == "picture":
            main.picture = ("H2", stamp(level, c.rng))
        else:
            main.cell_marks = [("A1", word)]
            main.rows[0] = [None, "BẢNG TỔNG HỢP SỐ LIỆU"]
        c.add(workbook(sheets), "xlsx", "xlsx", "sheet", level, "positive")


def deck_slides(c: Corpus, secret: bool = True) -> list[Slide]:
    topic = c.rng.choice(SECRET_TOPICS if secret else ORDINARY_TOPICS)
    title = fill(c.rng, topic[0])
    sents = [fill(c.rng, s) for s in topic[1]]
    return [
        Slide(title, ["Báo cáo tại cuộc họp giao ban", date_line(c.rng)]),
        Slide("Tình hình chung", sents[:2]),
        Slide("Nhiệm vụ, giải pháp", sents[2:] or sents[:1]),
        Slide("Kiến nghị, đề xuất", ["Đề nghị lãnh đạo cho ý kiến chỉ đạo."]),
    ]


def add_slides(c: Corpus) -> None:
    for i in range(4):  # the stamp lives only in the layout or the master
        level = c.level()
        c.add(
            deck(
                deck_slides(c),
                layout_marks=[stamp(level, c.rng)],
                on="layout" if i % 2 == 0 else "master",
            ),
            "pptx",
            "pptx",
            "pptx_layout",
            level,
            "positive",
        )
    for i in range(4):  # exported to PDF
        level = c.level()
        slides = deck_slides(c)
        if i < 2:
            slides[0].marks = [stamp(level, c.rng)]
            data = slides_pdf(slides)
        else:
            data = slides_pdf(slides, layout_marks=[stamp(level, c.rng, picture=i == 3)])
        c.add(data, "pdf", "pdf", "slides_pdf", level, "positive")


def add_html(c: Corpus) -> None:
    for style in ["image", "image", "image", "spans", "spans", "spaced", "spaced"]:
        level = c.level()
        letter = secret_letter(c, level, c.rng.choice(["under_number", "top_right"]))
        c.add(letter_html(letter, stamp_style=style), "html", "html", "html", level, "positive")


def when(c: Corpus) -> dt.datetime:
    return dt.datetime(
        2026,
        c.rng.randint(1, 11),
        c.rng.randint(1, 28),
        c.rng.randint(7, 18),
        c.rng.randint(0, 59),
        tzinfo=dt.timezone(dt.timedelta(hours=7)),
    )


def add_mail(c: Corpus) -> None:
    for i in range(4):
        level = c.level()
        letter = secret_letter(c, level, "under_number")
        if i == 0:
            att = [("tailieu.docx", letters_docx([letter]))]
        elif i == 1:
            att = [("vanban.pdf", scan_pdf(c, [letter]))]
        elif i == 2:
            att = [("IMG_4471.jpg", photo(c, letter_pages([letter])[0]))]
        else:
            att = []
        body = (
            "Kính gửi anh/chị,\nVăn phòng chuyển tài liệu đính kèm để đồng chí nghiên cứu.\n"
            "Trân trọng."
        )
        if not att:
            body = plain_text(letter)
        c.add_message(
            "vanthu@cuc.gov.example",
            "lanhdao@cuc.gov.example",
            rf"Chuyển tài liệu: {letter.title[:60]}",
            body,
            att,
            "mail",
            level,
            "positive",
        )


def add_zip(c: Corpus) -> None:
    for i in range(3):
        level = c.level()
        letter = secret_letter(c, level, where_of(c))
        cover = ordinary_letter(c)
        if i == 0:
            data = write_zip(
                [
                    ("01_congvan.docx", letters_docx([cover])),
                    ("02_phuluc.docx", letters_docx([letter])),
                ]
            )
        elif i == 1:
            inner = write_zip([("bao_cao.pdf", scan_pdf(c, [letter]))])
            data = write_zip(
                [("readme.txt", "Tài liệu họp tuần.".encode()), ("hop/tuan.zip", inner)]
            )
        else:
            data = write_zip(
                [
                    ("anh/IMG_0012.jpg", photo(c, letter_pages([letter])[0])),
                    ("ds.txt", "danh sách ảnh chụp".encode()),
                ]
            )
        c.add(data, "zip", "zip", "archive", level, "positive")


def add_changed(c: Corpus) -> None:
    """Level changed by a later decision: old stamp struck out, a note, a new stamp."""
    for fmt in ["docx", "docx", "pdf", "pdf", "scan", "scan", "photo", "odt"]:
        new = c.level()
        old = c.rng.choice([x for x in LEVELS if x != new])
        letter = make_letter(c.rng)
        letter.marks["under_number"] = changed_stack(old, new, c.rng)
        if fmt == "docx":
            data, ext = letters_docx([letter]), "docx"
        elif fmt == "pdf":
            data, ext = letters_pdf([letter]), "pdf"
        elif fmt == "scan":
            data, ext = scan_pdf(c, [letter]), "pdf"
        elif fmt == "photo":
            data, ext = photo(c, letter_pages([letter])[0], tilt=0.05), "jpg"
        else:
            data, ext = letter_odt(letter), "odt"
        c.add(
            data,
            ext,
            fmt,
            "level_changed",
            new,
            "positive",
            {"scan": "scan", "photo": "photo"}.get(fmt, "doc"),
        )


def add_text(c: Corpus) -> None:
    level = c.level()
    c.add(
        plain_text(secret_letter(c, level, "top_right")).encode(),
        "txt",
        "txt",
        "text",
        level,
        "positive",
    )
    level = c.level()
    rows = "\n".join(",".join(str(x) for x in r) for r in table_rows(c, "force"))
    c.add(
        f"{LEVEL_WORD[level]}\nBảng quân số - trang bị\n{rows}\n".encode(),
        "csv",
        "csv",
        "text",
        level,
        "positive",
    )
    level = c.level()
    c.add(
        plain_text(secret_letter(c, level, "under_number")).encode("utf-16"),
        "txt",
        "txt",
        "text",
        level,
        "positive",
    )


def add_declassified(c: Corpus) -> None:
    for fmt in [
        "docx",
        "docx",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "scan",
        "photo",
        "photo",
        "doc",
        "xlsx",
        "eml",
    ]:
        old = c.rng.choice(LEVELS)
        letter = make_letter(c.rng)
        letter.marks["under_number"] = declassified_stack(old, c.rng)
        fam = "declassified"
        if fmt in ("docx", "doc", "pdf", "scan", "photo"):
            turn = c.rng.choice([0, 0, 180]) if fmt == "scan" else 0
            c.add_letter(letter, fmt, fam, None, "declassified", turn=turn)
        elif fmt == "xlsx":
            note = f"ĐÃ GIẢI MẬT theo Quyết định {decision_ref(c.rng)}"
            sh = Sheet(
                "Số liệu",
                [[None], [note], [], *table_rows(c, "stock")],
                cell_marks=[("A1", LEVEL_WORD[old])],
                struck=True,
            )
            sh.header = {"left": note}
            c.add(workbook([sh]), "xlsx", "xlsx", fam, None, "declassified")
        else:
            att = [("vanban_giaimat.pdf", scan_pdf(c, [letter]))]
            c.add_message(
                "luutru@so.gov.example",
                "phongnv@so.gov.example",
                "Gửi bản tài liệu đã giải mật",
                "Gửi anh bản chụp tài liệu đã được giải mật để đăng tải theo quy định.",
                att,
                fam,
                None,
                "declassified",
            )


# --------------------------------------------------------------------------- hard negatives

PROTECTION_PLAN = [
    "Thực hiện Luật Bảo vệ bí mật nhà nước năm 2018 và các văn bản hướng dẫn, đơn vị xây dựng kế hoạch công tác bảo vệ bí mật nhà nước năm 2026.",
    "Rà soát, sửa đổi danh mục bí mật nhà nước thuộc độ Tối mật và độ Mật của ngành; đề xuất giải mật đối với các tài liệu không còn cần thiết.",
    'Tài liệu mật phải được đóng dấu độ mật theo đúng mẫu; văn thư đơn vị quản lý con dấu "TUYỆT MẬT", "TỐI MẬT", "MẬT" và mẫu dấu thu hồi tài liệu.',
    "Không soạn thảo, lưu giữ tài liệu mật trên máy tính có kết nối Internet; việc sao, chụp tài liệu độ Tuyệt mật phải được người đứng đầu cho phép.",
    "Tổ chức tập huấn cho cán bộ làm công tác văn thư, lưu trữ về quy trình tiếp nhận, vận chuyển, giao nhận bí mật nhà nước.",
]
PROTECTION_REPORT = [
    "Trong kỳ báo cáo, đơn vị đã soạn thảo, ban hành {n}5 văn bản độ Mật và {n} văn bản độ Tối mật; không phát sinh tài liệu độ Tuyệt mật.",
    "Việc đóng dấu độ mật, đăng ký vào sổ quản lý bí mật nhà nước đi, đến được thực hiện đầy đủ; chưa phát hiện trường hợp làm lộ, mất tài liệu mật.",
    "Một số đơn vị còn chậm rà soát để điều chỉnh độ mật, giải mật tài liệu đã hết thời hạn bảo vệ.",
    "Phương hướng kỳ tới: tiếp tục quán triệt quy chế bảo vệ bí mật nhà nước, kiểm tra đột xuất việc sử dụng máy tính soạn thảo tài liệu mật.",
]
PROTECTION_RULES = [
    "Điều 6. Xác định bí mật nhà nước và độ mật. Người soạn thảo tài liệu có trách nhiệm đề xuất độ mật căn cứ danh mục bí mật nhà nước.",
    'Điều 7. Dấu chỉ độ mật. Tài liệu độ Tuyệt mật đóng dấu "TUYỆT MẬT", độ Tối mật đóng dấu "TỐI MẬT", độ Mật đóng dấu "MẬT" ở phía trên bên trái, dưới số và ký hiệu.',
    "Điều 8. Vận chuyển, giao nhận. Bì đựng tài liệu bí mật nhà nước ngoài bì đóng dấu chữ A, B hoặc C tương ứng với độ Tuyệt mật, Tối mật, Mật.",
    "Điều 9. Điều chỉnh độ mật và giải mật. Khi điều chỉnh độ mật phải gạch bỏ dấu cũ, đóng dấu độ mật mới và ghi rõ số, ngày văn bản điều chỉnh.",
]


def hard_letter(c: Corpus, title: str, body: list[str], kind: tuple[str, str]) -> Letter:
    letter = make_letter(c.rng, kind=kind, title=title, body=[fill(c.rng, s) for s in body])
    return letter


def add_protection_work(c: Corpus) -> None:
    fam = "protection_work"
    docs = [
        ("Công tác bảo vệ bí mật nhà nước năm 2026", PROTECTION_PLAN, ("KH", "KẾ HOẠCH")),
        (
            "Kết quả công tác bảo vệ bí mật nhà nước 6 tháng đầu năm 2026",
            PROTECTION_REPORT,
            ("BC", "BÁO CÁO"),
        ),
        ("Ban hành Quy chế bảo vệ bí mật nhà nước", PROTECTION_RULES, ("QĐ", "QUY CHẾ")),
    ]
    outs = ["docx", "docx", "docx", "pdf", "pdf", "doc", "scan", "scan", "html", "txt"]
    for i, fmt in enumerate(outs):
        title, body, kind = docs[i % 3]
        letter = hard_letter(c, title, body, kind)
        c.add_letter(letter, fmt, fam, None, "hard_negative", turn=90 * (i % 2))
    for _ in range(2):  # statistics of documents by level
        rows: list[list[object]] = [
            ["THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC THEO ĐỘ MẬT"],
            [],
            ["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Đã giải mật"],
        ]
        rows += [
            [
                f"Phòng {n}",
                c.rng.randint(0, 3),
                c.rng.randint(0, 20),
                c.rng.randint(5, 90),
                c.rng.randint(0, 15),
            ]
            for n in ("Tổng hợp", "Tham mưu", "Hậu cần", "Kỹ thuật")
        ]
        sh = Sheet("Thống kê", rows, header={"center": "Báo cáo thống kê công tác bảo vệ BMNN"})
        c.add(workbook([sh]), "xlsx", "xlsx", fam, None, "hard_negative")
    c.add_message(
        "baomat@so.gov.example",
        "toancoquan@so.gov.example",
        "Nhắc việc: rà soát tài liệu mật cuối năm",
        "Đề nghị các phòng rà soát tài liệu mật đang lưu giữ, lập danh sách tài liệu độ "
        "Tối mật, Mật đề nghị giải mật, gửi về Văn phòng trước ngày 20/12.\n"
        "Lưu ý: không gửi tài liệu mật qua thư điện tử công vụ.",
        [],
        fam,
        None,
        "hard_negative",
    )


def specimen_image(level: str, c: Corpus, px: int = 40) -> Image.Image:
    """A specimen stamp with MẪU written across it (RGBA)."""
    st = stamp_image(stamp(level, c.rng), px)
    over = stamp_image(Mark("MẪU", frame=False, size=2.0, color=(40, 40, 200), angle=15), px)
    canvas = Image.new(
        "RGBA", (max(st.width, over.width), max(st.height, over.height) + 10), (0, 0, 0, 0)
    )
    canvas.paste(st, ((canvas.width - st.width) // 2, 5), mask=st)
    canvas.paste(over, ((canvas.width - over.width) // 2, 0), mask=over)
    return canvas


def training_slides(c: Corpus) -> list[Slide]:
    lv = list(LEVELS)
    c.rng.shuffle(lv)
    return [
        Slide(
            "Tập huấn nghiệp vụ bảo vệ bí mật nhà nước",
            ["Dành cho cán bộ văn thư, lưu trữ", date_line(c.rng)],
        ),
        Slide(
            "Mẫu dấu chỉ độ mật (Thông tư 24/2020/TT-BCA)",
            [
                "Dấu hình chữ nhật, viền đỏ, chữ in hoa đậm",
                "Đóng phía trên bên trái, dưới số, ký hiệu",
            ],
            pictures=[
                (specimen_image(lv[0], c), f"Mẫu số 01 - độ {LEVEL_WORD[lv[0]].capitalize()}"),
                (specimen_image(lv[1], c), "Mẫu số 02 (MẪU)"),
            ],
        ),
        Slide(
            "Bì đựng tài liệu mật",
            ["Chữ A: Tuyệt mật; chữ B: Tối mật; chữ C: Mật", "Dấu chữ in hoa trong đường tròn"],
        ),
        Slide(
            "Câu hỏi ôn tập",
            ["Tài liệu độ Tối mật được sao bao nhiêu bản?", "Ai có thẩm quyền giải mật?"],
        ),
    ]


def add_training(c: Corpus) -> None:
    fam = "training_specimen"
    for i in range(3):
        c.add(
            deck(training_slides(c), widescreen=i != 1), "pptx", "pptx", fam, None, "hard_negative"
        )
    for _ in range(2):
        c.add(slides_pdf(training_slides(c)), "pdf", "pdf", fam, None, "hard_negative")
    for _ in range(2):  # a photo of the projected slide with a specimen labelled MẪU
        img = slide_image(training_slides(c)[1])
        c.add_photo(
            img,
            fam,
            None,
            "hard_negative",
            size=(1600, 1200),
            tilt=0.1,
            fill=0.8,
            background=(30, 30, 34),
        )
    for i in range(3):  # handout: specimens framed with MẪU across them
        letter = hard_letter(
            c, "Hướng dẫn đóng dấu độ mật và mẫu dấu", PROTECTION_RULES, ("HD", "HƯỚNG DẪN")
        )
        letter.body = [*letter.body[:3], "Các mẫu dấu dưới đây chỉ dùng để minh họa (MẪU):"]
        lv = c.rng.choice(LEVELS)
        letter.marks["footer"] = [
            Mark(
                f"MẪU - dấu độ {LEVEL_WORD[lv].capitalize()}",
                frame=False,
                bold=False,
                italic=True,
                size=0.8,
                color=BLACK,
            )
        ]
        pages = letter_pages([letter])
        sp = specimen_image(lv, c, 44)
        pages[-1].paste(sp, (480, 1380), mask=sp)
        if i < 2:
            c.add(
                images_pdf(pages, 80, "Microsoft Word 2016"),
                "pdf",
                "pdf",
                fam,
                None,
                "hard_negative",
            )
        else:
            c.add_letter(letter, "docx", fam, None, "hard_negative")


FORM_FIELDS = [
    "Độ mật đề xuất:  [ ] Tuyệt mật    [ ] Tối mật    [ ] Mật",
    "Số bản phát hành: ........   Nơi nhận: ...........................",
    "Người đề xuất (ký, ghi rõ họ tên): ...........................",
    "Ý kiến của người có thẩm quyền xác định độ mật: ...........................",
]


def add_blank_forms(c: Corpus) -> None:
    fam = "blank_form"
    for fmt in ["docx", "docx", "docx", "pdf", "scan", "odt"]:
        letter = make_letter(
            c.rng,
            kind=("PĐX", "PHIẾU ĐỀ XUẤT ĐỘ MẬT CỦA TÀI LIỆU"),
            title="(Mẫu dùng kèm theo dự thảo văn bản)",
            body=FORM_FIELDS[:],
        )
        letter.number = "Số: ....../PĐX"
        letter.signer_name = ""
        letter.body.insert(0, "Tên tài liệu: ....................................................")
        c.add_letter(letter, fmt, fam, None, "hard_negative")
    for i in range(2):
        head: list[object] = [
            "STT",
            "Số, ký hiệu",
            "Ngày tháng",
            "Trích yếu",
            "Độ mật",
            "Nơi nhận",
            "Ghi chú",
        ]
        rows: list[list[object]] = [["SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI"], ["(mẫu sổ, chưa ghi)"], head]
        rows += [[n] + [""] * 6 for n in range(1, 16)]
        sh = Sheet("Mẫu sổ", rows)
        if i:
            sh.header = {"right": "Mẫu số 03"}
        c.add(workbook([sh]), "xlsx", "xlsx", fam, None, "hard_negative")


def add_other_senses(c: Corpus) -> None:
    fam = "other_sense"
    it = make_letter(
        c.rng,
        ORDINARY_TOPICS,
        kind=("TB", "THÔNG BÁO"),
        title="Về việc thay đổi mật khẩu tài khoản thư điện tử công vụ",
        body=[
            "Từ ngày {d}, toàn bộ tài khoản thư điện tử công vụ phải đổi mật khẩu.",
            "Mật khẩu mới có tối thiểu 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Không dùng chung mật khẩu cho nhiều tài khoản; không ghi mật khẩu lên giấy dán ở màn hình.",
        ],
    )
    it.body = [fill(c.rng, s) for s in it.body]
    c.add_letter(it, "docx", fam, None, "hard_negative")
    c.add_message(
        "helpdesk@so.gov.example",
        "canbo@so.gov.example",
        "[IT] Yêu cầu đổi MẬT KHẨU",
        "MẬT KHẨU của anh/chị sẽ hết hạn sau 3 ngày.\nVui lòng truy cập cổng tự phục vụ để đặt "
        "lại mật khẩu.\nMã OTP không chia sẻ cho bất kỳ ai.",
        [],
        fam,
        None,
        "hard_negative",
    )
    # login screen screenshot
    img = Image.new("RGB", (1280, 800), (236, 240, 246))
    from PIL import ImageDraw

    from tests.corpus.heldout6_render import font

    d = ImageDraw.Draw(img)
    d.rectangle((440, 200, 840, 600), fill=(255, 255, 255), outline=(180, 180, 190))
    d.text(
        (640, 260),
        "HỆ THỐNG QUẢN LÝ VĂN BẢN",
        font=font("lib-sans", "b", 24),
        fill=BLACK,
        anchor="ms",
    )
    for y, label in ((330, "Tên đăng nhập"), (430, "MẬT KHẨU")):
        d.text((470, y), label, font=font("lib-sans", "b", 20), fill=BLACK, anchor="ls")
        d.rectangle(
            (470, y + 12, 810, y + 56),
            outline=(200, 30, 30) if y > 400 else (150, 150, 160),
            width=2,
        )
    d.text(
        (640, 560),
        "Quên mật khẩu?",
        font=font("lib-sans", "r", 18),
        fill=(20, 60, 180),
        anchor="ms",
    )
    c.add(png(img), "png", "png", fam, None, "hard_negative", "scan")
    # population / building density
    dens = make_letter(
        c.rng,
        kind=("BC", "BÁO CÁO"),
        title="Tình hình dân số và mật độ dân cư năm 2025",
        body=[
            "Mật độ dân số bình quân toàn tỉnh đạt {n}45 người/km², tăng so với năm trước.",
            "Khu vực đô thị có mật độ xây dựng gộp tối đa 60%, cần điều chỉnh quy hoạch.",
            "Mật độ giao thông tại các nút giao trung tâm vào giờ cao điểm vượt năng lực thiết kế.",
        ],
    )
    dens.body = [fill(c.rng, s) for s in dens.body]
    c.add_letter(dens, "pdf", fam, None, "hard_negative")
    rows: list[list[object]] = [
        ["MẬT ĐỘ DÂN SỐ THEO HUYỆN"],
        ["Huyện", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)"],
    ]
    rows += [
        [
            f"Huyện {n}",
            c.rng.randint(100, 900),
            c.rng.randint(30000, 250000),
            c.rng.randint(80, 900),
        ]
        for n in ("Châu Thành", "Tân Hiệp", "Giồng Riềng", "Gò Quao", "An Biên")
    ]
    c.add(
        workbook([Sheet("Mật độ", rows, header={"right": "MẬT ĐỘ DÂN SỐ"})]),
        "xlsx",
        "xlsx",
        fam,
        None,
        "hard_negative",
    )
    # honey: a red framed label photographed, and a shop page
    for i in range(2):
        card = Image.new("RGB", (1100, 800), (250, 236, 180))
        d = ImageDraw.Draw(card)
        word = ["MẬT ONG", "MẬT ONG RỪNG"][i]
        d.rectangle((80, 80, 1020, 720), outline=RED, width=8)
        d.text((550, 300), word, font=font("lib-serif", "b", 120 - 20 * i), fill=RED, anchor="ms")
        d.text(
            (550, 420),
            "NGUYÊN CHẤT - U MINH HẠ",
            font=font("lib-sans", "b", 44),
            fill=BLACK,
            anchor="ms",
        )
        d.text(
            (550, 520),
            "Khối lượng tịnh: 500 g   HSD: 24 tháng",
            font=font("lib-sans", "r", 32),
            fill=BLACK,
            anchor="ms",
        )
        c.add_photo(card, fam, None, "hard_negative", tilt=0.12, fill=0.85)
    shop = (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Mật ong</title></head><body>"
        "<div style='border:3px solid #c00;color:#c00;font-weight:bold;display:inline-block'>MẬT ONG</div>"
        "<p>Mật ong hoa cà phê, mật mía nguyên chất, giao hàng toàn quốc.</p></body></html>"
    )
    c.add(shop.encode(), "html", "html", fam, None, "hard_negative")
    # friendly meeting, close ties
    meet = make_letter(
        c.rng,
        kind=("GM", "GIẤY MỜI"),
        title="Dự buổi gặp mặt thân mật nhân Ngày Nhà giáo Việt Nam",
        body=[
            "Trân trọng kính mời đồng chí tới dự buổi gặp mặt thân mật vào lúc 15 giờ ngày {d}.",
            "Buổi gặp mặt nhằm thắt chặt mối quan hệ mật thiết giữa nhà trường và địa phương.",
        ],
    )
    meet.body = [fill(c.rng, s) for s in meet.body]
    c.add_letter(meet, "docx", fam, None, "hard_negative")
    c.add(scan_pdf(c, [meet]), "pdf", "scan", fam, None, "hard_negative", "scan")
    tie = make_letter(
        c.rng,
        kind=("BC", "BÁO CÁO"),
        title="Kết quả hợp tác với các tỉnh bạn Lào",
        body=[
            "Quan hệ hữu nghị đặc biệt, gắn bó mật thiết giữa hai tỉnh tiếp tục được củng cố.",
            "Hai bên phối hợp mật thiết trong công tác phòng, chống dịch bệnh và buôn lậu qua biên giới.",
        ],
    )
    c.add(letter_rtf(tie), "rtf", "rtf", fam, None, "hard_negative")
    c.add(
        "Ghi chú họp: Đổi mật khẩu wifi phòng họp tầng 3; mật độ lịch họp tuần sau dày, "
        "cần sắp xếp lại.\n".encode(),
        "txt",
        "txt",
        fam,
        None,
        "hard_negative",
    )


def add_business(c: Corpus) -> None:
    fam = "business_secret"
    nda = make_letter(
        c.rng,
        kind=("HĐ", "THỎA THUẬN BẢO MẬT THÔNG TIN"),
        title="Giữa Công ty Cổ phần Thủy sản Minh Phú và Công ty TNHH Bao bì Sài Gòn",
        body=[
            "Bên nhận cam kết giữ bí mật kinh doanh, công thức, danh sách khách hàng của bên giao.",
            "Thông tin mật theo thỏa thuận này không bao gồm thông tin đã được công bố công khai.",
            "Thời hạn nghĩa vụ bảo mật là 05 năm kể từ ngày chấm dứt hợp đồng.",
        ],
    )
    nda.national = c.rng.random() < 0.5
    c.add_letter(nda, "docx", fam, None, "hard_negative")
    c.add_letter(nda, "pdf", fam, None, "hard_negative")
    for i in range(2):  # a company stamp "BÍ MẬT KINH DOANH" / "BẢO MẬT" in red frame
        doc = make_letter(
            c.rng,
            ORDINARY_TOPICS,
            kind=("BC", "BÁO CÁO"),
            title="Kết quả kinh doanh và giá thành sản phẩm quý III",
            body=[
                "Doanh thu thuần quý III đạt 412 tỷ đồng; giá thành đơn vị giảm 3%.",
                "Công thức phối trộn mới giúp tiết kiệm nguyên liệu, đề nghị không cung cấp ra bên ngoài.",
            ],
        )
        doc.org_top, doc.org = "CÔNG TY CỔ PHẦN", "NHỰA ĐÔNG Á"
        doc.national = False
        doc.marks["top_right"] = [
            Mark(["BÍ MẬT KINH DOANH", "BẢO MẬT - NỘI BỘ CÔNG TY"][i], size=1.1)
        ]
        if i == 0:
            c.add(scan_pdf(c, [doc]), "pdf", "scan", fam, None, "hard_negative", "scan")
        else:
            c.add_photo(letter_pages([doc])[0], fam, None, "hard_negative")
    c.add_message(
        "legal@congty.example",
        "sales@congty.example",
        "Bảo mật thông tin khách hàng",
        "Danh sách khách hàng là bí mật kinh doanh của công ty, không chuyển ra ngoài.",
        [],
        fam,
        None,
        "hard_negative",
    )


OTHER_RED = ["KHẨN", "HỎA TỐC", "THƯỢNG KHẨN", "BẢN SAO", "DỰ THẢO", "LƯU HÀNH NỘI BỘ"]


def received_stamp(c: Corpus) -> Mark:
    return Mark(
        f"ĐẾN\nSố: {c.rng.randint(100, 9999)}\nNgày: {c.rng.randint(1, 28)}/{c.rng.randint(1, 12)}/2026\n"
        "Chuyển: ..........",
        size=0.85,
        bold=True,
        color=RED,
        angle=c.rng.uniform(-4, 4),
    )


def add_other_red(c: Corpus) -> None:
    fam = "other_red_stamp"
    plan = [
        "scan",
        "photo",
        "fax",
        "scan",
        "docx",
        "pdf",
        "scan",
        "pdf",
        "docx",
        "photo",
        "scan",
        "html",
    ]
    for i, fmt in enumerate(plan):
        letter = ordinary_letter(c)
        word = OTHER_RED[i % len(OTHER_RED)]
        letter.marks[c.rng.choice(["under_number", "top_right"])] = [Mark(word, size=1.3)]
        if i in (3, 6, 10):
            letter.marks["top_left"] = [received_stamp(c)]
        if fmt == "fax":
            pages = [faxed(p, c.rng, fax_header(c)) for p in letter_pages([letter])]
            c.add(
                images_pdf(pages, 60, "FaxServer"),
                "pdf",
                "scan",
                fam,
                None,
                "hard_negative",
                "scan",
            )
        else:
            turn = c.rng.choice([0, 0, 180]) if fmt == "scan" else 0
            c.add_letter(letter, fmt, fam, None, "hard_negative", turn=turn)
    for word in ("HỎA TỐC", "KHẨN"):  # envelopes with an urgency stamp, no letter
        img = envelope_image(c, None, [Mark(word, size=1.2)])
        c.add_photo(img, fam, None, "hard_negative", size=(1600, 1200), tilt=0.1, fill=0.9)


NEWS = [
    "Sáng nay, Sở tổ chức hội nghị quán triệt Luật Bảo vệ bí mật nhà nước cho hơn 200 cán bộ, công chức.",
    "Báo cáo viên nhấn mạnh: tài liệu mật, dù ở độ Mật hay Tối mật, tuyệt đối không được chụp ảnh gửi qua mạng xã hội.",
    "Năm qua, cơ quan chức năng đã phát hiện một số trường hợp đưa văn bản có đóng dấu mật lên mạng Internet.",
    "Hội nghị cũng hướng dẫn cách nhận biết dấu chỉ độ mật và các chữ A, B, C trên bì thư.",
]


def add_public(c: Corpus) -> None:
    fam = "public_mention"
    page = (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Tin tức</title></head><body>"
        "<h1>Quán triệt Luật Bảo vệ bí mật nhà nước</h1>"
        + "".join(f"<p>{s}</p>" for s in NEWS)
        + "</body></html>"
    )
    c.add(page.encode(), "html", "html", fam, None, "hard_negative")
    notice = make_letter(
        c.rng,
        kind=("TB", "THÔNG BÁO"),
        title="Kết quả hội nghị quán triệt công tác bảo vệ bí mật nhà nước",
        body=NEWS[:],
    )
    c.add_letter(notice, "pdf", fam, None, "hard_negative")
    c.add_photo(letter_pages([notice])[0], fam, None, "hard_negative")
    c.add("\n".join(NEWS).encode(), "txt", "txt", fam, None, "hard_negative")
    c.add_message(
        "bantin@so.gov.example",
        "all@so.gov.example",
        "Bản tin nội bộ số 12",
        "\n".join(NEWS),
        [],
        fam,
        None,
        "hard_negative",
    )


# --------------------------------------------------------------------------- plain negatives


def add_ordinary(c: Corpus) -> None:
    fam = "ordinary"
    for fmt in [
        "docx",
        "docx",
        "docx",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "photo",
        "photo",
        "xlsx",
        "xlsx",
        "pptx",
        "html",
        "eml",
        "csv",
        "zip",
        "doc",
    ]:
        letter = ordinary_letter(c)
        if fmt in ("docx", "doc", "pdf", "scan", "photo", "html"):
            turn = c.rng.choice([0, 90]) if fmt == "scan" else 0
            c.add_letter(letter, fmt, fam, None, "negative", turn=turn)
        elif fmt == "xlsx":
            sh = Sheet(
                "Dự toán",
                [
                    ["DỰ TOÁN KINH PHÍ"],
                    ["Nội dung", "Số tiền"],
                    ["Văn phòng phẩm", 12_500_000],
                    ["Hội nghị", 40_000_000],
                ],
                header={"right": "Trang &P"},
            )
            c.add(workbook([sh]), "xlsx", "xlsx", fam, None, "negative")
        elif fmt == "pptx":
            c.add(deck(deck_slides(c, secret=False)), "pptx", "pptx", fam, None, "negative")
        elif fmt == "eml":
            c.add_message(
                "vanphong@so.gov.example",
                "phong@so.gov.example",
                letter.title,
                plain_text(letter),
                [("congvan.docx", letters_docx([letter]))],
                fam,
                None,
                "negative",
            )
        elif fmt == "csv":
            c.add(
                "STT,Họ tên,Đơn vị\n1,Nguyễn Văn A,Phòng Tổng hợp\n2,Trần Thị B,Phòng Kế toán\n".encode(),
                "csv",
                "csv",
                fam,
                None,
                "negative",
            )
        else:
            c.add(
                write_zip(
                    [
                        ("congvan.docx", letters_docx([letter])),
                        ("anh.jpg", photo(c, letter_pages([letter])[0])),
                    ]
                ),
                "zip",
                "zip",
                fam,
                None,
                "negative",
            )
    c.add_photo(
        envelope_image(c, None, []),
        "ordinary",
        None,
        "negative",
        size=(1600, 1200),
        tilt=0.08,
        fill=0.9,
    )


# --------------------------------------------------------------------------- build


def build(seed: int = SEED) -> list[Item]:
    """The whole held-out corpus 6 in memory."""
    c = Corpus(seed)
    for part in (
        add_word,
        add_legacy_doc,
        add_odt_rtf,
        add_pdf_text,
        add_pdf_stamp_picture,
        add_scan_turned,
        add_scan_annex,
        add_phone_photos,
        add_envelopes,
        add_faxes,
        add_small_stamps,
        add_sheets,
        add_slides,
        add_html,
        add_mail,
        add_zip,
        add_changed,
        add_text,
        add_declassified,
        add_protection_work,
        add_training,
        add_blank_forms,
        add_other_senses,
        add_business,
        add_other_red,
        add_public,
        add_ordinary,
    ):
        part(c)
    c.convert()
    for note in c.notes:
        print("held-out corpus 6:", note, file=sys.stderr)
    return renumbered(c.items, c.rng)


def write(out: Path, seed: int = SEED) -> None:
    write_files(out, build(seed))


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("heldout6"))
