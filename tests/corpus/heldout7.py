"""Held-out corpus 7 for the leak scanner: about 200 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's document templates (only the `Item` interface, heldout6's docstring and imports and
the bench harness); nothing may be tuned against it. `build(SEED)` returns the files;
`python -m tests.corpus.heldout7 OUT` writes them and `labels.jsonl`.
Renderers: tests/corpus/heldout7_render.py.

The documents come from a fictional province (Kim Thạch) and its districts. Secret files carry
a level stamp in many places and shapes: Word (top paragraph, page header, header-table cell,
floating text box, pasted picture, runs split per word), Word 97 via LibreOffice, ODT, RTF, PDFs
with a text layer (the stamp as text, as glyph outlines drawn as paths, or as a picture), scans
(turned, skewed, pale, faxed, heavy JPEG; the stamp only on an annex page), phone photos,
envelopes with a circled A/B/C, spreadsheets (top cell, print header/footer, a later sheet),
CSV, slides (on the slide, in the layout, in the master), HTML (text, split spans, letter
spacing, entities, decomposed Unicode, data: URI picture), mail, nested ZIP and plain text.
Levels changed by a later decision are secret at the new level; declassified files are not
secret. Hard negatives: the protection work's own papers, specimen stamps marked MẪU, training
decks, empty "Độ mật" fields, other red stamps in the same place, other senses of "mật",
statistics by level, leak news and envelopes with other circled marks.
"""

from __future__ import annotations

import html
import io
import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from base64 import b64encode
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

from tests.corpus.common import LEVEL_LETTER, LEVEL_WORD, jpeg, png, write_corpus
from tests.corpus.heldout7_render import (
    INKS,
    Paper,
    Stamp,
    deck,
    envelope_image,
    font,
    images_pdf,
    letter_docx,
    letter_odt,
    letter_rtf,
    mail,
    page_image,
    photographed,
    scanned,
    stamp_image,
    stamp_png,
    text_pdf,
    workbook,
    zip_bytes,
)
from tests.corpus.scanner_corpus import Item

SEED = 717273

AGENCIES = [
    ("UBND TỈNH KIM THẠCH", "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SKHĐT"),
    ("BỘ CHQS TỈNH KIM THẠCH", "PHÒNG THAM MƯU", "PTM"),
    ("CÔNG AN TỈNH KIM THẠCH", "CÔNG AN HUYỆN MỸ LỘC", "CAH"),
    ("TỈNH ỦY KIM THẠCH", "VĂN PHÒNG TỈNH ỦY", "VPTU"),
    ("TỈNH ỦY KIM THẠCH", "BAN DÂN VẬN", "BDV"),
    ("UBND TỈNH KIM THẠCH", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "STNMT"),
    ("UBND HUYỆN PHÚ KHÊ", "PHÒNG NỘI VỤ", "PNV"),
    ("UBND TỈNH KIM THẠCH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "STTTT"),
    ("BỘ TÀI CHÍNH", "CỤC THUẾ TỈNH KIM THẠCH", "CT"),
    ("UBND TỈNH KIM THẠCH", "BAN QUẢN LÝ KHU KINH TẾ CỬA KHẨU", "BQLKKT"),
]
KINDS = ["BÁO CÁO", "KẾ HOẠCH", "PHƯƠNG ÁN", "CÔNG VĂN", "TỜ TRÌNH", "THÔNG BÁO", "QUYẾT ĐỊNH"]
SECRET_SUBJECTS = [
    "Phương án bố trí lực lượng bảo vệ khu vực biên giới đoạn qua xã Tà Lùng",
    "Kết quả điều tra ban đầu vụ việc tại Khu công nghiệp Nam Kim Thạch",
    "Danh sách nhân sự dự kiến giới thiệu ứng cử khóa tới",
    "Tình hình tư tưởng cán bộ, đảng viên sau sáp nhập đơn vị hành chính",
    "Vị trí, tọa độ kho vật chất dự trữ của tỉnh",
    "Phương án đấu thầu gói thầu số 07 trước khi mở thầu",
    "Kế hoạch tổ chức diễn tập khu vực phòng thủ năm 2025",
    "Báo cáo kết quả xác minh đơn thư liên quan cán bộ chủ chốt",
    "Lộ trình đoàn công tác của lãnh đạo Trung ương tại địa phương",
    "Số liệu dự toán thu ngân sách chưa công bố",
]
SECRET_PARAS = [
    "Thực hiện chỉ đạo của Thường trực Tỉnh ủy, đơn vị báo cáo nội dung cụ thể như sau.",
    "Lực lượng tham gia gồm 03 tổ công tác, mỗi tổ từ 05 đến 07 đồng chí, trực 24/24 giờ.",
    "Đề nghị các đồng chí được giao nhiệm vụ không trao đổi nội dung này qua điện thoại di động.",
    "Tổng kinh phí dự kiến 4,2 tỷ đồng, được bố trí từ nguồn dự phòng ngân sách tỉnh.",
    "Các điểm chốt chặn được bố trí tại km 12, km 27 và ngã ba Bản Giốc theo sơ đồ kèm theo.",
    "Qua xác minh, có cơ sở khẳng định một số nội dung phản ánh là đúng, cần tiếp tục làm rõ.",
    "Thời gian triển khai dự kiến từ ngày 02 đến ngày 09 tháng 4, có thể điều chỉnh theo tình hình.",
    "Văn phòng chịu trách nhiệm quản lý tài liệu, thu hồi ngay sau cuộc họp.",
    "Giao Phòng Tổng hợp chủ trì, phối hợp với các đơn vị liên quan triển khai thực hiện.",
    "Số lượng hồ sơ chuyển cơ quan điều tra: 02 vụ, 05 đối tượng.",
]
ENGLISH_PARAS = [
    "The working group met twice with the donor's technical team to review the draft loan terms.",
    "Negotiating positions on the interest subsidy are summarised in the annex and must not be shared.",
    "The provincial counterpart fund for 2025 is estimated at VND 86 billion.",
    "Site clearance in Phu Khe district remains the main risk to the disbursement schedule.",
]
PUBLIC_SUBJECTS = [
    "Lịch tiếp công dân tháng 4 năm 2025",
    "Thông báo tuyển dụng viên chức sự nghiệp giáo dục",
    "Kế hoạch tổ chức Ngày hội văn hóa các dân tộc huyện Phú Khê",
    "Kết quả xếp loại chỉ số cải cách hành chính năm 2024",
    "Hướng dẫn nộp hồ sơ hỗ trợ chuyển đổi cây trồng",
    "Thông báo lịch cắt điện phục vụ thi công đường dây 110kV",
]
PUBLIC_PARAS = [
    "Công dân có nhu cầu liên hệ Bộ phận một cửa trong giờ hành chính để được hướng dẫn.",
    "Hồ sơ nộp trực tiếp hoặc qua dịch vụ bưu chính công ích trước ngày 30/4/2025.",
    "Kết quả được niêm yết công khai tại trụ sở và đăng trên Cổng thông tin điện tử của tỉnh.",
    "Mọi thắc mắc xin liên hệ số điện thoại đường dây nóng 0209.3852.xxx.",
    "Các đơn vị đạt điểm cao được đề nghị khen thưởng theo quy định hiện hành.",
    "Đề nghị các xã, thị trấn thông báo rộng rãi trên hệ thống loa truyền thanh cơ sở.",
]
ABOUT_PARAS = [
    "Bí mật nhà nước được phân loại theo ba độ: Tuyệt mật, Tối mật và Mật; việc xác định độ mật do người đứng đầu quyết định.",
    "Văn thư đóng dấu độ mật (TUYỆT MẬT, TỐI MẬT hoặc MẬT) vào tài liệu theo ý kiến của người có thẩm quyền.",
    "Trong năm, toàn tỉnh không để xảy ra lộ, mất tài liệu mật; 100% máy tính soạn thảo tài liệu mật không kết nối Internet.",
    "Phong bì chứa tài liệu bí mật nhà nước được đóng dấu chữ A, B, C trong vòng tròn tương ứng với độ Tuyệt mật, Tối mật, Mật.",
    "Thời hạn bảo vệ bí mật nhà nước là 30 năm đối với độ Tuyệt mật, 20 năm đối với độ Tối mật, 10 năm đối với độ Mật.",
    "Tài liệu hết thời hạn bảo vệ được đóng dấu giải mật và thông báo cho cơ quan, tổ chức có liên quan.",
    "Tổ chức kiểm tra việc chấp hành pháp luật về bảo vệ bí mật nhà nước tại 12 cơ quan, đơn vị.",
    "Cán bộ, công chức không được sao, chụp tài liệu độ Mật trở lên khi chưa được người có thẩm quyền cho phép.",
    "Việc điều chỉnh độ mật được thực hiện khi nội dung tài liệu thay đổi; văn thư đóng dấu độ mật mới và gạch dấu cũ.",
]
SIGNERS = [
    "Nguyễn Thị Hồng Vân",
    "Lê Quang Trường",
    "Hà Văn Sùng",
    "Phạm Minh Khuê",
    "Đinh Thị Mai",
    "Vương Đức Lợi",
    "Triệu Văn Pao",
    "Bùi Ngọc Anh",
]
PLACES = ["Kim Thạch", "Phú Khê", "Mỹ Lộc", "Tà Lùng"]
OTHER_RED = ["KHẨN", "HỎA TỐC", "THƯỢNG KHẨN", "BẢN SAO", "DỰ THẢO", "ĐẾN", "LƯU HÀNH NỘI BỘ"]


class Corpus:
    """The items as they are made, and a counter for neutral file names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.items: list[Item] = []
        self.count = 0
        self.names = random.Random(rng.random())
        self.taken: set[str] = set()
        self.word97: list[tuple[str, bytes, str | None, str, str]] = []
        levels = [lvl for lvl in LEVEL_WORD for _ in range(37)]
        rng.shuffle(levels)
        self.levels = levels

    def level(self) -> str:
        return self.levels.pop()

    def name(self, stem: str, ext: str) -> str:
        """A neutral name drawn from its own stream: the same stems for every category, so
        neither the name nor its numbering says what the file is."""
        self.count += 1
        if ext in ("jpg", "png"):
            stem = self.names.choice(["IMG_", "DSC_", "Scan_", "anh_"])
        else:
            stem = self.names.choice(["vb_", "tai_lieu_", "scan", "file_", "hs_", "Doc", "cv_"])
        while True:
            name = f"{stem}{self.names.randint(100, 99999)}.{ext}"
            if name not in self.taken:
                self.taken.add(name)
                return name

    def add(
        self,
        stem: str,
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        fmt: str,
        family: str,
    ) -> None:
        self.items.append(
            Item(
                name=self.name(stem, ext),
                data=data,
                secret=level is not None,
                level=level,
                declassified=category == "declassified",
                category=category,
                format=fmt,
                family=family,
            )
        )


def date_line(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}, ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d} năm {rng.choice([2023, 2024, 2025])}"


def paper(rng: random.Random, kind: str = "secret", lang: str = "vi") -> Paper:
    parent, agency, short = rng.choice(AGENCIES)
    if kind == "secret":
        subject, pool = rng.choice(SECRET_SUBJECTS), SECRET_PARAS
    elif kind == "public":
        subject, pool = rng.choice(PUBLIC_SUBJECTS), PUBLIC_PARAS
    else:
        subject = rng.choice(
            [
                "Kế hoạch công tác bảo vệ bí mật nhà nước năm 2025",
                "Báo cáo tổng kết công tác bảo vệ bí mật nhà nước năm 2024",
                "Quy chế bảo vệ bí mật nhà nước của cơ quan",
                "Kết quả kiểm tra công tác bảo vệ bí mật nhà nước tại các đơn vị",
                "Hướng dẫn đóng dấu độ mật và quản lý tài liệu mật",
            ]
        )
        pool = ABOUT_PARAS
    paras = rng.sample(pool, k=min(len(pool), rng.randint(3, 5)))
    title = rng.choice(KINDS)
    if lang == "en":
        paras = rng.sample(ENGLISH_PARAS, 3)
        title, subject = (
            "REPORT",
            "Preparation of the ODA loan negotiation for the Kim Thach border road",
        )
    return Paper(
        parent=parent,
        agency=agency,
        number=f"{rng.randint(3, 480)}/{title.split()[0][:2]}-{short}",
        place_date=date_line(rng),
        title=title,
        subject=subject,
        paras=paras,
        signer_role=rng.choice(
            ["GIÁM ĐỐC", "TRƯỞNG BAN", "CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"]
        ),
        signer=rng.choice(SIGNERS),
        lang=lang,
    )


def level_stamp(rng: random.Random, level: str, **over: object) -> Stamp:
    fields: dict[str, object] = {
        "words": LEVEL_WORD[level],
        "ink": rng.choices(["red", "dark_red", "purple", "faded"], weights=[6, 2, 1, 1])[0],
        "frame": rng.choice(["box", "box", "double", "thin", "rounded", "none"]),
        "face": rng.choice(["times_b", "arial_b", "scond_b", "serif_b", "cond_b"]),
        "size": rng.randint(28, 44),
        "angle": rng.choice([0.0, 0.0, rng.uniform(-4, 4)]),
        "worn": rng.choice([0.0, 0.0, 0.15, 0.3]),
    }
    fields.update(over)
    return Stamp(**fields)  # type: ignore[arg-type]


def where(rng: random.Random) -> str:
    return rng.choices(["number", "corner", "top", "title"], weights=[5, 3, 2, 1])[0]


# --------------------------------------------------------------------------- secret families


def word_letters(c: Corpus) -> None:
    rng = c.rng
    plans = ["body"] * 4 + ["header"] * 3 + ["cell"] * 4 + ["textbox"] * 2 + ["picture"] * 3
    for i, spot in enumerate(plans):
        level = c.level()
        p = paper(rng, lang="en" if i == 5 else "vi")
        p.stamps = [(level_stamp(rng, level), "top" if i % 2 else "number")]
        if i == 2:
            p.stamps.append((Stamp("KHẨN", frame="box"), "number"))
        data = letter_docx(p, rng, where=spot, split=i in (1, 3))
        c.add(
            rng.choice(["cong_van", "bao_cao", "to_trinh", "ke_hoach"])
            + f"_{p.number.split('/')[0]}",
            "docx",
            data,
            level,
            "positive",
            "docx",
            "word_letter",
        )


def word97(c: Corpus) -> None:
    rng = c.rng
    for spot in ["body", "cell", "header", "textbox"]:
        level = c.level()
        p = paper(rng)
        p.stamps = [(level_stamp(rng, level), "number")]
        c.word97.append(
            (
                f"vb_{p.number.split('/')[0]}",
                letter_docx(p, rng, where=spot),
                level,
                "positive",
                "word97_doc",
            )
        )


def open_formats(c: Corpus) -> None:
    rng = c.rng
    for fmt, spot in [
        ("odt", "body"),
        ("odt", "header"),
        ("rtf", "body"),
        ("rtf", "cell"),
        ("rtf", "header"),
    ]:
        level = c.level()
        p = paper(rng)
        p.stamps = [(level_stamp(rng, level), "number")]
        data = letter_odt(p, stamp_in=spot) if fmt == "odt" else letter_rtf(p, stamp_in=spot)
        c.add(
            f"tai_lieu_{rng.randint(100, 999)}", fmt, data, level, "positive", fmt, "odt_rtf_letter"
        )


def pdf_texts(c: Corpus) -> None:
    rng = c.rng
    for mode in ["text", "outline", "picture"] * 3:
        level = c.level()
        p = paper(rng)
        p.stamps = [(level_stamp(rng, level, angle=0.0, worn=0.0), where(rng))]
        data = text_pdf(p, rng, stamp_mode=mode, family=rng.choice(["tnr", "dv"]))
        c.add(
            f"{p.title.split()[0].lower()}_{rng.randint(1000, 9999)}",
            "pdf",
            data,
            level,
            "positive",
            "pdf",
            "pdf_text_layer",
        )


def annex_files(c: Corpus) -> None:
    rng = c.rng
    for fmt in ["scan", "scan", "scan", "pdf", "docx"]:
        level = c.level()
        p = paper(rng)
        p.title, p.subject = "CÔNG VĂN", "V/v gửi tài liệu phục vụ hội nghị"
        p.paras = [
            "Đơn vị gửi kèm theo công văn này tài liệu phục vụ hội nghị (phụ lục kèm theo).",
            "Đề nghị quản lý tài liệu theo chế độ quy định.",
        ]
        pages = rng.randint(3, 4)
        secret_page = rng.randint(2, pages)
        p.annex = [[f"PHỤ LỤC {n - 1}", *rng.sample(SECRET_PARAS, 4)] for n in range(2, pages + 1)]
        p.annex_stamps = {secret_page: [(level_stamp(rng, level), "number")]}
        if fmt == "scan":
            imgs = [
                scanned(im, rng, skew=rng.uniform(-1.5, 1.5), gray=rng.random() < 0.5)
                for im in page_image(p, rng, width=1100)
            ]
            data = images_pdf(imgs, quality=rng.randint(55, 80))
        elif fmt == "pdf":
            data = text_pdf(p, rng, stamp_mode="text")
        else:
            data = letter_docx(p, rng, where="none")
        c.add(
            f"cv_kem_phu_luc_{rng.randint(10, 99)}",
            "pdf" if fmt != "docx" else "docx",
            data,
            level,
            "positive",
            fmt,
            "annex_page_only",
        )


def scans(c: Corpus) -> None:
    rng = c.rng
    variants: list[dict[str, Any]] = [
        {"turn": 90},
        {"turn": 270},
        {"turn": 180},
        {"turn": 180},
        {"skew": 3.5},
        {"skew": -2.2},
        {"contrast": 0.45},
        {"contrast": 0.35, "gray": True},
        {"fax": True},
        {"fax": True},
        {"jpeg": 18},
    ]
    for v in variants:
        level = c.level()
        p = paper(rng)
        p.stamps = [
            (level_stamp(rng, level, ink=rng.choice(["red", "dark_red", "faded"])), where(rng))
        ]
        page = page_image(
            p, rng, face=rng.choice(["times", "arial", "serif"]), width=rng.choice([1100, 1240])
        )[0]
        q = int(v.pop("jpeg", 0))
        im = scanned(page, rng, **v)
        if v.get("fax"):
            c.add(
                f"fax_{rng.randint(1000, 9999)}",
                "png",
                png(im),
                level,
                "positive",
                "png",
                "scan_office",
            )
        elif q:
            c.add(
                f"scan_{rng.randint(1000, 9999)}",
                "jpg",
                jpeg(im, q),
                level,
                "positive",
                "jpg",
                "scan_office",
            )
        else:
            c.add(
                f"scan{rng.randint(1000, 9999)}",
                "pdf",
                images_pdf([im], rng.randint(50, 85)),
                level,
                "positive",
                "scan",
                "scan_office",
            )


def phone_photos(c: Corpus) -> None:
    rng = c.rng
    for i in range(9):
        level = c.level()
        p = paper(rng)
        small = i in (2, 6)
        p.stamps = [
            (
                level_stamp(rng, level, size=22 if small else rng.randint(30, 44)),
                "corner" if small else where(rng),
            )
        ]
        page = page_image(p, rng)[0]
        data = photographed(
            page,
            rng,
            tilt=rng.uniform(0.03, 0.12),
            shadow=rng.choice([0.0, 0.25, 0.45]),
            background=rng.choice([(120, 90, 60), (60, 60, 64), (180, 170, 150), (90, 110, 80)]),
            out_width=rng.choice([1200, 1600]),
            quality=rng.randint(70, 90),
        )
        if i == 4:
            data = jpeg(Image.open(io.BytesIO(data)).rotate(90, expand=True), 85)
        c.add(
            f"IMG_2025{rng.randint(1000, 9999)}",
            "jpg",
            data,
            level,
            "positive",
            "photo",
            "phone_photo",
        )


def envelopes(c: Corpus) -> None:
    rng = c.rng
    rings = ["single", "double", "thick", "thin"]
    for i in range(11):
        level = c.level()
        _, agency, _ = rng.choice(AGENCIES)
        im = envelope_image(
            rng,
            mark=LEVEL_LETTER[level],
            ring=rings[i % 4],
            ink="black" if i % 3 == 2 else "red",
            sender=agency,
            recipient=rng.choice(
                ["Đồng chí Bí thư Tỉnh ủy", "Giám đốc Công an tỉnh", "Chủ tịch UBND huyện\nPhú Khê"]
            ),
            number=f"{rng.randint(10, 300)}/{rng.choice(['VP', 'PA03', 'TH'])}",
            extra=rng.choice(["", "", "KHẨN", "HỎA TỐC"]),
        )
        if i % 2 == 0:
            c.add(
                f"IMG_{rng.randint(3000, 9999)}",
                "jpg",
                photographed(im, rng, tilt=0.06, shadow=0.2, out_width=1300),
                level,
                "positive",
                "photo",
                "envelope",
            )
        elif i % 4 == 1:
            c.add(
                f"phong_bi_{rng.randint(10, 99)}",
                "pdf",
                images_pdf([scanned(im, rng, skew=rng.uniform(-3, 3))]),
                level,
                "positive",
                "scan",
                "envelope",
            )
        else:
            c.add(
                f"pb{rng.randint(100, 999)}",
                "jpg",
                jpeg(scanned(im, rng, gray=i % 3 == 0), 70),
                level,
                "positive",
                "jpg",
                "envelope",
            )


def spreadsheets(c: Corpus) -> None:
    rng = c.rng
    header = ["STT", "Đơn vị", "Nội dung", "Số lượng", "Ghi chú"]
    for spot, sheet in [
        ("cell", 0),
        ("cell", 0),
        ("cell", 0),
        ("header", 0),
        ("header", 1),
        ("footer", 0),
        ("cell", 1),
        ("cell", 2),
    ]:
        level = c.level()
        rows = [header] + [
            [n, rng.choice(AGENCIES)[1], rng.choice(SECRET_SUBJECTS)[:40], rng.randint(1, 90), ""]
            for n in range(1, rng.randint(6, 14))
        ]
        sheets = [("Tong hop", rows), ("Chi tiet", rows[:5]), ("Phu luc", rows[:3])][
            : max(2, sheet + 1)
        ]
        data = workbook(sheets, stamp=level_stamp(rng, level), stamp_sheet=sheet, stamp_in=spot)
        c.add(
            f"so_lieu_{rng.randint(100, 999)}",
            "xlsx",
            data,
            level,
            "positive",
            "xlsx",
            "spreadsheet",
        )
    for i in range(2):
        level = c.level()
        lines = ["STT,Đơn vị,Nội dung,Số lượng"] + [
            f'{n},{rng.choice(AGENCIES)[1]},"{rng.choice(SECRET_SUBJECTS)}",{rng.randint(1, 50)}'
            for n in range(1, 8)
        ]
        top = LEVEL_WORD[level] if i == 0 else f",,{LEVEL_WORD[level]},"
        c.add(
            f"xuat_du_lieu_{rng.randint(10, 99)}",
            "csv",
            ("\ufeff" + top + "\n" + "\n".join(lines) + "\n").encode("utf-8"),
            level,
            "positive",
            "csv",
            "spreadsheet",
        )


def slides(c: Corpus) -> None:
    rng = c.rng
    for spot in ["slide", "slide", "layout", "layout", "master", "master"]:
        level = c.level()
        content = [
            (rng.choice(SECRET_SUBJECTS), rng.sample(SECRET_PARAS, 3)),
            ("Phân công nhiệm vụ", rng.sample(SECRET_PARAS, 3)),
            ("Tiến độ", ["Tuần 1: khảo sát", "Tuần 2: triển khai", "Tuần 3: báo cáo"]),
        ]
        data = deck(content, rng, stamp=level_stamp(rng, level), stamp_on=spot)
        c.add(
            f"trinh_chieu_{rng.randint(10, 99)}", "pptx", data, level, "positive", "pptx", "slides"
        )


def page_html(title: str, stamp_html: str, paras: list[str], lang: str = "vi") -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        "<style>body{font-family:'Times New Roman',serif;max-width:780px;margin:auto}"
        ".dm{color:#c8101e;border:2px solid #c8101e;display:inline-block;padding:2px 14px;font-weight:bold}</style>"
        f"</head><body>{stamp_html}<h2>{html.escape(title)}</h2>{body}</body></html>"
    )


def web_pages(c: Corpus) -> None:
    rng = c.rng
    for v in ["div", "spans", "spacing", "spaced_letters", "img", "img", "entities", "nfd"]:
        level = c.level()
        words = LEVEL_WORD[level]
        p = paper(rng)
        if v == "div":
            stamp = f'<div class="dm">{words}</div>'
        elif v == "spans":
            stamp = (
                '<div class="dm">'
                + "".join(f'<span class="c{i}">{ch}</span>' for i, ch in enumerate(words))
                + "</div>"
            )
        elif v == "spacing":
            stamp = f'<p style="color:#b00;letter-spacing:6px;font-weight:700;border:1px solid #b00;width:12em">{words}</p>'
        elif v == "spaced_letters":
            stamp = (
                '<p style="color:red"><b>'
                + "&nbsp;&nbsp;".join(" ".join(w) for w in words.split())
                + "</b></p>"
            )
        elif v == "img":
            b64 = b64encode(stamp_png(level_stamp(rng, level, angle=0.0), rng, 1.2)).decode()
            stamp = f'<img alt="" src="data:image/png;base64,{b64}" style="width:170px">'
        elif v == "entities":
            stamp = (
                '<div class="dm">'
                + "".join(f"&#{ord(ch)};" if ord(ch) > 127 else ch for ch in words)
                + "</div>"
            )
        else:
            stamp = f'<div class="dm">{unicodedata.normalize("NFD", words)}</div>'
        text = page_html(p.subject, stamp, [" / ".join(p.head_left()), *p.paras])
        if v == "nfd":
            text = unicodedata.normalize("NFD", text)
        c.add(
            f"trang_{rng.randint(100, 999)}",
            "html",
            text.encode("utf-8"),
            level,
            "positive",
            "html",
            "web_page",
        )


def mails(c: Corpus) -> None:
    rng = c.rng
    for v in range(4):
        level = c.level()
        p = paper(rng)
        p.stamps = [(level_stamp(rng, level), "number")]
        if v == 0:
            att = [
                (
                    f"BC_{rng.randint(10, 99)}.docx",
                    letter_docx(p, rng, where="cell"),
                    "application",
                    "vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            ]
            body, inline = "Kính gửi anh/chị,\nPhòng gửi báo cáo theo yêu cầu.\nTrân trọng.", None
        elif v == 1:
            att = [(f"tai_lieu_{rng.randint(10, 99)}.pdf", text_pdf(p, rng), "application", "pdf")]
            body, inline = "Gửi đồng chí tài liệu để nghiên cứu trước cuộc họp.", None
        elif v == 2:
            att = [
                (
                    "anh_chup.jpg",
                    photographed(page_image(p, rng)[0], rng, out_width=1200),
                    "image",
                    "jpeg",
                )
            ]
            body = "Em chụp gửi anh xem trước, bản gốc em chuyển sau."
            inline = None
        else:
            att = []
            body = f"{LEVEL_WORD[level]}\n\n{p.subject}\n\n" + "\n".join(p.paras)
            inline = page_html(p.subject, f'<div class="dm">{LEVEL_WORD[level]}</div>', p.paras)
        data = mail(
            rng,
            sender="vanthu@kimthach.gov.vn",
            to="lanhdao@kimthach.gov.vn",
            subject=f"V/v {p.subject[:50]}",
            body=body,
            attachments=att,
            inline_html=inline,
        )
        c.add(f"thu_{rng.randint(1000, 9999)}", "eml", data, level, "positive", "eml", "mail")


def archives(c: Corpus) -> None:
    rng = c.rng
    for v in range(4):
        level = c.level()
        p = paper(rng)
        p.stamps = [(level_stamp(rng, level), where(rng))]
        if v == 0:
            entries = [
                ("Van ban/ho_so.docx", letter_docx(p, rng, where="body")),
                ("doc_truoc.txt", "Hồ sơ gửi kèm.".encode()),
            ]
        elif v == 1:
            inner = zip_bytes(
                [("quet/trang1.pdf", images_pdf([scanned(page_image(p, rng, width=1000)[0], rng)]))]
            )
            entries = [("goi_tai_lieu.zip", inner), ("ghi_chu.txt", b"ban quet")]
        elif v == 2:
            entries = [
                ("anh/IMG_0042.jpg", photographed(page_image(p, rng)[0], rng, out_width=1200))
            ]
        else:
            sheet = workbook(
                [("Sheet1", [["A", "B"], [1, 2]])], stamp=level_stamp(rng, level), stamp_in="header"
            )
            entries = [("bang_so_lieu.xlsx", sheet), ("readme.txt", b"so lieu tong hop")]
        c.add(
            f"goi_{rng.randint(100, 999)}",
            "zip",
            zip_bytes(entries),
            level,
            "positive",
            "zip",
            "archive",
        )


def plain_texts(c: Corpus) -> None:
    rng = c.rng
    for v in range(3):
        level = c.level()
        p = paper(rng)
        lines = [p.parent, p.agency, f"Số: {p.number}"]
        if v == 1:
            lines = [LEVEL_WORD[level].center(60), *lines]
        else:
            lines.append(LEVEL_WORD[level])
        text = (
            "\n".join([*lines, "", p.title, p.subject, "", *p.paras, "", p.signer_role, p.signer])
            + "\n"
        )
        if v == 2:
            text = unicodedata.normalize("NFD", text)
        c.add(
            f"noi_dung_{rng.randint(100, 999)}",
            "txt",
            text.encode("utf-8"),
            level,
            "positive",
            "txt",
            "plain_text",
        )


def changed_levels(c: Corpus) -> None:
    rng = c.rng
    for fmt in ["docx", "docx", "scan", "scan", "pdf", "pdf"]:
        level = c.level()
        old = rng.choice([lvl for lvl in LEVEL_WORD if lvl != level])
        p = paper(rng)
        ink = rng.choice(["red", "dark_red"])
        p.stamps = [
            (level_stamp(rng, old, ink=ink, struck=True, frame="box", angle=0.0), "number"),
            (level_stamp(rng, level, ink=ink, frame="box", angle=0.0), "number"),
            (
                Stamp(
                    "ĐIỀU CHỈNH ĐỘ MẬT",
                    ink=ink,
                    frame="thin",
                    size=20,
                    second=f"Theo QĐ số {rng.randint(10, 99)}/QĐ-VP ngày {rng.randint(1, 28)}/02/2025",
                ),
                "number",
            ),
        ]
        if fmt == "docx":
            data = letter_docx(p, rng, where="body")
        elif fmt == "scan":
            data = images_pdf([scanned(page_image(p, rng)[0], rng, skew=rng.uniform(-1, 1))])
        else:
            data = text_pdf(p, rng, stamp_mode=rng.choice(["text", "picture"]))
        c.add(
            f"vb_{rng.randint(1000, 9999)}",
            "pdf" if fmt != "docx" else "docx",
            data,
            level,
            "positive",
            fmt if fmt != "scan" else "scan",
            "level_changed",
        )


# --------------------------------------------------------------------------- declassified


def declassified(c: Corpus) -> None:
    rng = c.rng
    for fmt in ["docx", "docx", "docx", "pdf", "pdf", "scan", "scan", "photo", "txt", "html"]:
        old = rng.choice(list(LEVEL_WORD))
        p = paper(rng)
        words = rng.choice(["GIẢI MẬT", "ĐÃ GIẢI MẬT"])
        when = f"Từ: {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025"
        p.stamps = [
            (level_stamp(rng, old, angle=0.0), "number"),
            (
                Stamp(
                    words, ink=rng.choice(["red", "dark_red"]), frame="box", size=30, second=when
                ),
                "number",
            ),
        ]
        stem = f"luu_tru_{rng.randint(100, 999)}"
        if fmt == "docx":
            data = letter_docx(p, rng, where=rng.choice(["body", "cell"]))
            c.add(stem, "docx", data, None, "declassified", "docx", "declassified")
        elif fmt == "pdf":
            c.add(stem, "pdf", text_pdf(p, rng), None, "declassified", "pdf", "declassified")
        elif fmt == "scan":
            c.add(
                stem,
                "pdf",
                images_pdf([scanned(page_image(p, rng)[0], rng, gray=True)]),
                None,
                "declassified",
                "scan",
                "declassified",
            )
        elif fmt == "photo":
            c.add(
                stem,
                "jpg",
                photographed(page_image(p, rng)[0], rng),
                None,
                "declassified",
                "photo",
                "declassified",
            )
        elif fmt == "txt":
            text = (
                "\n".join(
                    [*p.head_left(), LEVEL_WORD[old], words, when, "", p.title, p.subject, *p.paras]
                )
                + "\n"
            )
            c.add(stem, "txt", text.encode("utf-8"), None, "declassified", "txt", "declassified")
        else:
            stamp = (
                f'<div class="dm">{LEVEL_WORD[old]}</div><div class="dm">{words}<br>{when}</div>'
            )
            c.add(
                stem,
                "html",
                page_html(p.subject, stamp, p.paras).encode("utf-8"),
                None,
                "declassified",
                "html",
                "declassified",
            )


# --------------------------------------------------------------------------- hard negatives


def hard(c: Corpus, stem: str, ext: str, data: bytes, fmt: str, family: str) -> None:
    c.add(stem, ext, data, None, "hard_negative", fmt, family)


def protection_work(c: Corpus) -> None:
    rng = c.rng
    for fmt in ["docx", "docx", "docx", "pdf", "pdf", "pdf", "odt", "scan", "scan", "txt"]:
        p = paper(rng, kind="about")
        if rng.random() < 0.5:
            p.stamps = [
                (Stamp(rng.choice(["KHẨN", "LƯU HÀNH NỘI BỘ"]), frame="box", size=30), "number")
            ]
        stem = f"bvbm_{rng.randint(100, 999)}"
        if fmt == "docx":
            hard(
                c,
                stem,
                "docx",
                letter_docx(p, rng, where="body" if p.stamps else "none"),
                "docx",
                "protection_work",
            )
        elif fmt == "pdf":
            hard(c, stem, "pdf", text_pdf(p, rng), "pdf", "protection_work")
        elif fmt == "odt":
            hard(c, stem, "odt", letter_odt(p), "odt", "protection_work")
        elif fmt == "scan":
            hard(
                c,
                stem,
                "pdf",
                images_pdf([scanned(page_image(p, rng)[0], rng, skew=1.0)]),
                "scan",
                "protection_work",
            )
        else:
            hard(
                c,
                stem,
                "txt",
                "\n".join([*p.head_left(), p.title, p.subject, *p.paras]).encode(),
                "txt",
                "protection_work",
            )


def specimen_sheet(rng: random.Random, labels: list[str]) -> Image.Image:
    """A handout page: the stamps' specimens, each with MẪU across or under it."""
    page = Image.new("RGB", (1240, 1754), "white")
    d = ImageDraw.Draw(page)
    d.text(
        (140, 120),
        "PHỤ LỤC: MẪU DẤU ĐỘ MẬT VÀ DẤU THU HỒI",
        font=font("times_b", 34),
        fill=(0, 0, 0),
    )
    d.text(
        (140, 180),
        "(Ban hành kèm theo Thông tư hướng dẫn, dùng cho lớp tập huấn)",
        font=font("times", 24),
        fill=(0, 0, 0),
    )
    y = 280
    for i, words in enumerate(labels):
        d.text(
            (140, y + 20),
            f"Mẫu số {i + 1:02d}. Dấu độ {words.title()}",
            font=font("times", 26),
            fill=(0, 0, 0),
        )
        st = Stamp(words, frame="box", size=40, second=rng.choice(["MẪU", ""]))
        im = stamp_image(st, rng)
        page.paste(im, (700, y), im)
        if not st.second:
            d.text((700 + im.width + 20, y + 10), "MẪU", font=font("arial_b", 30), fill=(0, 0, 0))
        y += 200
    d.text(
        (140, y + 40),
        "Kích thước: 30mm x 8mm; mực dấu màu đỏ tươi.",
        font=font("times", 24),
        fill=(0, 0, 0),
    )
    return page


def specimens(c: Corpus) -> None:
    rng = c.rng
    for fmt in ["docx", "docx", "pdf", "pdf", "scan", "scan", "photo", "png"]:
        labels = rng.sample(list(LEVEL_WORD.values()), 3)
        stem = f"tap_huan_{rng.randint(100, 999)}"
        if fmt == "docx":
            p = paper(rng, kind="about")
            p.title, p.subject = "TÀI LIỆU TẬP HUẤN", "Cách đóng dấu độ mật trên văn bản"
            p.stamps = [(Stamp(w, second="MẪU", size=34), "number") for w in labels[:2]]
            hard(c, stem, "docx", letter_docx(p, rng, where="picture"), "docx", "specimen_stamp")
        elif fmt == "pdf":
            p = paper(rng, kind="about")
            p.title, p.subject = (
                "PHỤ LỤC",
                "Mẫu dấu độ mật (dùng để tập huấn, không có giá trị pháp lý)",
            )
            p.stamps = [(Stamp(labels[0], second="MẪU", size=34), "title")]
            hard(
                c,
                stem,
                "pdf",
                text_pdf(p, rng, stamp_mode=rng.choice(["text", "picture"])),
                "pdf",
                "specimen_stamp",
            )
        else:
            page = specimen_sheet(rng, labels)
            if fmt == "scan":
                hard(
                    c,
                    stem,
                    "pdf",
                    images_pdf([scanned(page, rng, gray=rng.random() < 0.5)]),
                    "scan",
                    "specimen_stamp",
                )
            elif fmt == "photo":
                hard(
                    c,
                    f"IMG_{rng.randint(3000, 9999)}",
                    "jpg",
                    photographed(page, rng),
                    "photo",
                    "specimen_stamp",
                )
            else:
                hard(c, stem, "png", png(page), "png", "specimen_stamp")


def training_decks(c: Corpus) -> None:
    rng = c.rng
    for v in range(6):
        unit = rng.choice(AGENCIES)[1].title()
        content = [
            (
                "Tập huấn Luật Bảo vệ bí mật nhà nước",
                [
                    f"Lớp {v + 1}: {unit}",
                    f"Ngày {rng.randint(1, 28)}/{rng.randint(1, 12)}/2025, thời gian 01 buổi",
                ],
            ),
            (
                "Phân loại độ mật",
                [
                    "Tuyệt mật – thời hạn 30 năm",
                    "Tối mật – thời hạn 20 năm",
                    "Mật – thời hạn 10 năm",
                ],
            ),
            (
                "Đóng dấu độ mật",
                [
                    "Dấu TUYỆT MẬT, TỐI MẬT, MẬT đóng ở phía dưới số, ký hiệu",
                    "Phong bì: chữ A, B, C trong vòng tròn",
                ],
            ),
            (
                "Câu hỏi ôn tập",
                ["Tài liệu độ Tối mật được sao khi nào?", "Ai có thẩm quyền giải mật?"],
            ),
        ]
        specimens_ = (
            [Stamp(w, second="MẪU", size=34) for w in rng.sample(list(LEVEL_WORD.values()), 2)]
            if v % 2 == 0
            else None
        )
        if v < 4:
            hard(
                c,
                f"bai_giang_{rng.randint(10, 99)}",
                "pptx",
                deck(content, rng, specimen_images=specimens_),
                "pptx",
                "training_deck",
            )
        else:
            pages = []
            for title, bullets in content:
                im = Image.new("RGB", (1280, 720), (250, 250, 245))
                d = ImageDraw.Draw(im)
                d.rectangle([0, 0, 1280, 90], fill=(20, 60, 120))
                d.text((50, 20), title, font=font("arial_b", 42), fill="white")
                for i, b in enumerate(bullets):
                    d.text((70, 150 + i * 70), "• " + b, font=font("arial", 32), fill=(20, 20, 20))
                pages.append(im)
            hard(
                c, f"slide_{rng.randint(10, 99)}", "pdf", images_pdf(pages), "pdf", "training_deck"
            )


def empty_forms(c: Corpus) -> None:
    rng = c.rng
    form_lines = [
        "Độ mật: ......................",
        "Độ khẩn: .....................",
        "Số bản: ....  Bản số: ....",
        "Người soạn thảo: ..................",
    ]
    for fmt in ["docx", "docx", "xlsx", "xlsx", "pdf", "scan", "html", "zip"]:
        p = paper(rng, kind="public")
        p.title, p.subject = (
            "PHIẾU ĐỀ XUẤT ĐỘ MẬT CỦA VĂN BẢN",
            "(Mẫu số 01 kèm theo Quy chế của cơ quan)",
        )
        p.paras = [
            *form_lines,
            "Trích yếu nội dung: ...........................................",
            "Ý kiến của người có thẩm quyền: ....................",
        ]
        stem = f"bieu_mau_{rng.randint(10, 99)}"
        if fmt == "docx":
            hard(c, stem, "docx", letter_docx(p, rng, where="none"), "docx", "empty_level_form")
        elif fmt == "xlsx":
            head = [
                "STT",
                "Số, ký hiệu",
                "Ngày tháng",
                "Trích yếu",
                "Độ mật",
                "Độ khẩn",
                "Nơi nhận",
            ]
            rows = [[f"SỔ ĐĂNG KÝ VĂN BẢN ĐI - {rng.choice(AGENCIES)[1]}"], head] + [
                [n, "", "", "", "", "", ""] for n in range(1, rng.randint(10, 30))
            ]
            hard(c, stem, "xlsx", workbook([("So dang ky", rows)]), "xlsx", "empty_level_form")
        elif fmt == "pdf":
            hard(c, stem, "pdf", text_pdf(p, rng), "pdf", "empty_level_form")
        elif fmt == "scan":
            hard(
                c,
                stem,
                "pdf",
                images_pdf([scanned(page_image(p, rng)[0], rng)]),
                "scan",
                "empty_level_form",
            )
        elif fmt == "html":
            form = (
                "<form>"
                + "".join(
                    f"<label>{html.escape(x.split(':')[0])}: <input></label><br>"
                    for x in form_lines
                )
                + '<select name="do_mat"><option>-- chọn --</option><option>Mật</option><option>Tối mật</option><option>Tuyệt mật</option></select></form>'
            )
            hard(
                c,
                stem,
                "html",
                page_html(p.title, "", [p.subject]).replace("</body>", form + "</body>").encode(),
                "html",
                "empty_level_form",
            )
        else:
            hard(
                c,
                stem,
                "zip",
                zip_bytes(
                    [
                        ("mau_01.docx", letter_docx(p, rng, where="none")),
                        ("huong_dan.txt", "Điền đầy đủ các mục, kể cả độ mật.".encode()),
                    ]
                ),
                "zip",
                "empty_level_form",
            )


def other_red_stamps(c: Corpus) -> None:
    rng = c.rng
    fmts = [
        "scan",
        "scan",
        "scan",
        "scan",
        "photo",
        "photo",
        "docx",
        "docx",
        "docx",
        "pdf",
        "pdf",
        "png",
    ]
    for i, fmt in enumerate(fmts):
        words = OTHER_RED[i % len(OTHER_RED)]
        p = paper(rng, kind=rng.choice(["secret", "public"]))
        second = (
            f"Số: {rng.randint(100, 999)}  Ngày: {rng.randint(1, 28)}/03" if words == "ĐẾN" else ""
        )
        p.stamps = [
            (
                Stamp(
                    words,
                    ink=rng.choice(["red", "dark_red", "purple"]),
                    frame=rng.choice(["box", "double", "rounded"]),
                    size=rng.randint(30, 42),
                    second=second,
                    angle=rng.choice([0.0, -3.0]),
                ),
                where(rng),
            )
        ]
        stem = f"vb_{rng.randint(1000, 9999)}"
        if fmt == "scan":
            hard(
                c,
                stem,
                "pdf",
                images_pdf([scanned(page_image(p, rng)[0], rng, turn=rng.choice([0, 0, 180]))]),
                "scan",
                "other_red_stamp",
            )
        elif fmt == "photo":
            hard(
                c,
                f"IMG_{rng.randint(3000, 9999)}",
                "jpg",
                photographed(page_image(p, rng)[0], rng),
                "photo",
                "other_red_stamp",
            )
        elif fmt == "docx":
            hard(
                c,
                stem,
                "docx",
                letter_docx(p, rng, where=rng.choice(["body", "cell", "header"])),
                "docx",
                "other_red_stamp",
            )
        elif fmt == "pdf":
            hard(
                c,
                stem,
                "pdf",
                text_pdf(p, rng, stamp_mode=rng.choice(["text", "outline"])),
                "pdf",
                "other_red_stamp",
            )
        else:
            hard(
                c,
                stem,
                "png",
                png(scanned(page_image(p, rng)[0], rng, gray=False)),
                "png",
                "other_red_stamp",
            )


def other_senses(c: Corpus) -> None:
    rng = c.rng
    honey_rows: list[list[Any]] = [
        ["Sản phẩm", "Đơn vị", "Giá (đồng)"],
        ["Mật ong rừng U Minh", "lít", 450000],
        ["Mật ong hoa nhãn", "lít", 280000],
        ["Mật mía nguyên chất", "kg", 60000],
        ["Mật rỉ đường (nuôi cá)", "tấn", 3200000],
    ]
    # xlsx honey price list with a red label cell
    hard(
        c,
        "bang_gia_nong_san",
        "xlsx",
        workbook([("Bang gia", honey_rows)], red_cells=[(0, "MẬT ONG")]),
        "xlsx",
        "other_sense_of_mat",
    )
    hard(
        c,
        f"thong_ke_{rng.randint(10, 99)}",
        "xlsx",
        workbook(
            [
                (
                    "Dan so",
                    [
                        ["Xã", "Diện tích (km2)", "Dân số", "Mật độ (người/km2)"],
                        ["Tà Lùng", 48.2, 6120, 127],
                        ["Mỹ Lộc", 31.5, 12480, 396],
                    ],
                )
            ],
            red_cells=[(0, "MẬT ĐỘ DÂN SỐ")],
        ),
        "xlsx",
        "other_sense_of_mat",
    )
    # docx: password rules and a trade-secret agreement, red framed headings in the stamp spot
    for words, subject, paras in [
        (
            "MẬT KHẨU",
            "Hướng dẫn đặt và thay đổi mật khẩu hộp thư công vụ",
            [
                "Mật khẩu phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
                "Thay đổi mật khẩu 90 ngày một lần; không dùng lại 5 mật khẩu gần nhất.",
                "Không ghi mật khẩu lên giấy dán cạnh màn hình.",
            ],
        ),
        (
            "BÍ MẬT KINH DOANH",
            "Thỏa thuận bảo mật thông tin giữa Công ty TNHH Chè Kim Thạch và đối tác",
            [
                "Bên B cam kết giữ bí mật kinh doanh của Bên A, bao gồm công thức chế biến và danh sách khách hàng.",
                "Quan hệ hợp tác mật thiết giữa hai bên được duy trì trong thời hạn 5 năm.",
            ],
        ),
    ]:
        p = paper(rng, kind="public")
        p.subject, p.paras = subject, paras
        p.stamps = [(Stamp(words, frame="box", size=32), "number")]
        hard(
            c,
            f"tai_lieu_{rng.randint(100, 999)}",
            "docx",
            letter_docx(p, rng, where=rng.choice(["body", "cell"])),
            "docx",
            "other_sense_of_mat",
        )
    for words, subject, paras in [
        (
            "MẬT MÃ",
            "Thông báo tuyển sinh lớp bồi dưỡng kiến thức mật mã dân sự",
            [
                "Học viên được giới thiệu các thuật toán mật mã khóa công khai và chữ ký số.",
                "Hồ sơ gồm đơn đăng ký và bản sao văn bằng.",
            ],
        ),
        (
            "MẬT ĐỘ",
            "Báo cáo mật độ giao thông trên Quốc lộ 4A dịp Tết",
            [
                "Mật độ phương tiện tăng 35% so với ngày thường, tập trung vào khung giờ 16-19 giờ.",
                "Lực lượng chức năng phục kích bắt quả tang 02 xe chở hàng lậu qua đường mòn.",
            ],
        ),
    ]:
        p = paper(rng, kind="public")
        p.subject, p.paras = subject, paras
        p.stamps = [(Stamp(words, frame="box", size=34), "number")]
        hard(
            c,
            f"thong_bao_{rng.randint(100, 999)}",
            "pdf",
            text_pdf(p, rng),
            "pdf",
            "other_sense_of_mat",
        )
    # photos of honey jar labels and a sugar-mill notice
    for label in ["MẬT ONG", "MẬT MÍA"]:
        im = Image.new("RGB", (1000, 1300), (250, 236, 190))
        d = ImageDraw.Draw(im)
        d.rectangle([250, 150, 750, 330], outline=INKS["red"], width=8)
        d.text(
            (300, 180),
            label,
            font=font("times_b", 110 if label == "MẬT ONG" else 100),
            fill=INKS["red"],
        )
        d.text(
            (260, 420), "Nguyên chất 100% - HTX Phú Khê", font=font("arial", 40), fill=(60, 40, 10)
        )
        d.text((260, 490), "Dung tích: 500 ml", font=font("arial", 40), fill=(60, 40, 10))
        hard(
            c,
            f"IMG_{rng.randint(3000, 9999)}",
            "jpg",
            photographed(im, rng, background=(70, 70, 70)),
            "photo",
            "other_sense_of_mat",
        )
    hard(
        c,
        "gioi_thieu_san_pham",
        "html",
        page_html(
            "Mật ong bạc hà Hà Giang",
            '<h1 style="color:#c00;border:2px solid #c00;display:inline-block">MẬT ONG</h1>',
            [
                "Mật ong bạc hà được thu hoạch vào mùa hoa tháng 11.",
                "Liên hệ đặt hàng: hợp tác xã Mật Ong Xanh.",
            ],
        ).encode(),
        "html",
        "other_sense_of_mat",
    )
    hard(
        c,
        "ghi_chu_it",
        "txt",
        "MẬT KHẨU WIFI PHÒNG HỌP\nSSID: PhongHop-T3\nMật khẩu: đổi hằng tháng, hỏi bộ phận CNTT.\n".encode(),
        "txt",
        "other_sense_of_mat",
    )


def statistics(c: Corpus) -> None:
    rng = c.rng
    head: list[object] = ["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng"]
    for v in range(6):
        rows: list[list[object]] = [head]
        for unit in rng.sample([a[1] for a in AGENCIES], 5):
            a, b, m = rng.randint(0, 3), rng.randint(0, 15), rng.randint(5, 80)
            rows.append([unit, a, b, m, a + b + m])
        title = "THỐNG KÊ SỐ LƯỢNG TÀI LIỆU MẬT ĐƯỢC BAN HÀNH NĂM 2024"
        stem = f"thong_ke_{rng.randint(100, 999)}"
        if v < 3:
            hard(
                c,
                stem,
                "xlsx",
                workbook(
                    [("TK", [[title], *rows])],
                    red_cells=[(0, "TUYỆT MẬT / TỐI MẬT / MẬT")] if v == 0 else None,
                ),
                "xlsx",
                "statistics_by_level",
            )
        elif v < 5:
            text = title + "\n" + "\n".join(",".join(str(x) for x in r) for r in rows) + "\n"
            hard(c, stem, "csv", text.encode("utf-8"), "csv", "statistics_by_level")
        else:
            table = (
                "<table border=1>"
                + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in r) + "</tr>"
                    for r in rows
                )
                + "</table>"
            )
            hard(
                c,
                stem,
                "html",
                page_html(title, "", []).replace("</body>", table + "</body>").encode(),
                "html",
                "statistics_by_level",
            )


NEWS = [
    (
        "Khởi tố cán bộ làm lộ tài liệu TỐI MẬT",
        "Cơ quan an ninh điều tra đã khởi tố vụ án cố ý làm lộ bí mật nhà nước; bị can chụp tài liệu có dấu TỐI MẬT gửi qua mạng xã hội.",
    ),
    (
        "Phạt cảnh cáo vì để lộ đề thi được đóng dấu MẬT",
        "Đề thi tuyển công chức là tài liệu độ MẬT trước giờ thi; một cán bộ đã chụp đề gửi người quen.",
    ),
    (
        "Tăng cường bảo vệ bí mật nhà nước trên không gian mạng",
        "Nhiều vụ lộ tài liệu TUYỆT MẬT, TỐI MẬT xuất phát từ việc soạn thảo trên máy tính nối mạng.",
    ),
]


def news(c: Corpus) -> None:
    rng = c.rng
    for v, fmt in enumerate(["html", "html", "html", "txt", "eml", "pdf"]):
        head, lead = NEWS[v % 3]
        paras = [
            lead,
            "Theo cơ quan chức năng, vụ việc đang được tiếp tục điều tra làm rõ.",
            "Phóng viên: Minh Châu",
        ]
        stem = f"tin_tuc_{rng.randint(100, 999)}"
        if fmt == "html":
            banner = (
                '<div style="color:#fff;background:#c00;padding:4px">TIN NÓNG</div>'
                if v == 0
                else ""
            )
            hard(
                c,
                stem,
                "html",
                page_html(
                    head, banner + f'<h1 style="color:#b00">{html.escape(head)}</h1>', paras
                ).encode(),
                "html",
                "leak_news",
            )
        elif fmt == "txt":
            hard(
                c,
                stem,
                "txt",
                (head.upper() + "\n\n" + "\n".join(paras)).encode(),
                "txt",
                "leak_news",
            )
        elif fmt == "eml":
            hard(
                c,
                stem,
                "eml",
                mail(
                    rng,
                    sender="bantin@baokimthach.vn",
                    to="docgia@example.vn",
                    subject=head,
                    body="\n".join(paras),
                    attachments=[],
                ),
                "eml",
                "leak_news",
            )
        else:
            p = paper(rng, kind="public")
            p.title, p.subject, p.paras = "ĐIỂM TIN", head, paras
            hard(c, stem, "pdf", text_pdf(p, rng), "pdf", "leak_news")


def other_envelopes(c: Corpus) -> None:
    rng = c.rng
    marks: list[tuple[str | None, bool, str]] = [
        ("1", False, ""),
        ("2", False, ""),
        ("D", False, ""),
        ("E", False, ""),
        (None, True, ""),
        ("3", False, "HỎA TỐC"),
        (None, False, "KHẨN"),
        ("Đ", False, ""),
    ]
    for i, (mark, logo, extra) in enumerate(marks):
        _, agency, _ = rng.choice(AGENCIES)
        im = envelope_image(
            rng,
            mark=mark,
            ring=rng.choice(["single", "double", "thick", "thin"]),
            ink=rng.choice(["red", "black"]),
            sender=agency,
            recipient="Ông Giám đốc Sở Tài chính",
            number=f"{rng.randint(10, 300)}/VP",
            extra=extra,
            logo=logo,
        )
        if i % 2 == 0:
            hard(
                c,
                f"IMG_{rng.randint(3000, 9999)}",
                "jpg",
                photographed(im, rng, tilt=0.06, out_width=1300),
                "photo",
                "envelope_other_mark",
            )
        else:
            hard(
                c,
                f"pb{rng.randint(100, 999)}",
                "jpg",
                jpeg(scanned(im, rng), 75),
                "jpg",
                "envelope_other_mark",
            )


def forwarded_training(c: Corpus) -> None:
    rng = c.rng
    content = [("Nhận diện tài liệu mật", ["Dấu độ mật màu đỏ, có khung", "Ví dụ: TỐI MẬT (mẫu)"])]
    att = [
        (
            "bai_giang.pptx",
            deck(content, rng),
            "application",
            "vnd.openxmlformats-officedocument.presentationml.presentation",
        )
    ]
    hard(
        c,
        f"thu_{rng.randint(1000, 9999)}",
        "eml",
        mail(
            rng,
            sender="tochuc@kimthach.gov.vn",
            to="cacphong@kimthach.gov.vn",
            subject="Tài liệu lớp tập huấn bảo vệ bí mật nhà nước",
            body="Gửi các phòng tài liệu tập huấn (có mẫu dấu TUYỆT MẬT, TỐI MẬT, MẬT để tham khảo).",
            attachments=att,
        ),
        "eml",
        "training_deck",
    )


# --------------------------------------------------------------------------- plain negatives


def public_documents(c: Corpus) -> None:
    rng = c.rng
    for fmt in [
        "docx",
        "docx",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "photo",
        "xlsx",
        "html",
        "txt",
        "pptx",
        "eml",
    ]:
        p = paper(rng, kind="public")
        stem = f"cong_khai_{rng.randint(100, 999)}"
        if fmt == "docx":
            c.add(
                stem,
                "docx",
                letter_docx(p, rng, where="none"),
                None,
                "negative",
                "docx",
                "public_document",
            )
        elif fmt == "pdf":
            c.add(stem, "pdf", text_pdf(p, rng), None, "negative", "pdf", "public_document")
        elif fmt == "scan":
            c.add(
                stem,
                "pdf",
                images_pdf([scanned(page_image(p, rng)[0], rng, skew=1.2)]),
                None,
                "negative",
                "scan",
                "public_document",
            )
        elif fmt == "photo":
            c.add(
                f"IMG_{rng.randint(3000, 9999)}",
                "jpg",
                photographed(page_image(p, rng)[0], rng),
                None,
                "negative",
                "photo",
                "public_document",
            )
        elif fmt == "xlsx":
            c.add(
                stem,
                "xlsx",
                workbook(
                    [
                        (
                            "DS",
                            [
                                ["STT", "Họ tên", "Xã"],
                                [1, "Lò Văn Sinh", "Tà Lùng"],
                                [2, "Hoàng Thị Nụ", "Mỹ Lộc"],
                            ],
                        )
                    ]
                ),
                None,
                "negative",
                "xlsx",
                "public_document",
            )
        elif fmt == "html":
            c.add(
                stem,
                "html",
                page_html(p.subject, "", p.paras).encode(),
                None,
                "negative",
                "html",
                "public_document",
            )
        elif fmt == "txt":
            c.add(
                stem,
                "txt",
                "\n".join([p.title, p.subject, *p.paras]).encode(),
                None,
                "negative",
                "txt",
                "public_document",
            )
        elif fmt == "pptx":
            c.add(
                stem,
                "pptx",
                deck([(p.subject, p.paras[:3])], rng),
                None,
                "negative",
                "pptx",
                "public_document",
            )
        else:
            c.add(
                stem,
                "eml",
                mail(
                    rng,
                    sender="motcua@kimthach.gov.vn",
                    to="congdan@example.vn",
                    subject=p.subject,
                    body="\n".join(p.paras),
                    attachments=[("thong_bao.pdf", text_pdf(p, rng), "application", "pdf")],
                ),
                None,
                "negative",
                "eml",
                "public_document",
            )


# --------------------------------------------------------------------------- Word 97


def convert_word97(c: Corpus) -> None:
    """Turns the queued DOCX letters into .doc with LibreOffice headless (one call); without
    LibreOffice they are left out."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not c.word97:
        if c.word97:
            print("heldout7: LibreOffice missing, Word 97 files left out", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for i, (_, data, *_rest) in enumerate(c.word97):
            (src / f"w{i}.docx").write_bytes(data)
        subprocess.run(
            [
                office,
                f"-env:UserInstallation=file://{src}/profile",
                "--headless",
                "--convert-to",
                "doc",
                "--outdir",
                str(src / "out"),
                *[str(src / f"w{i}.docx") for i in range(len(c.word97))],
            ],
            check=True,
            capture_output=True,
            timeout=240,
        )
        for i, (stem, _, level, category, family) in enumerate(c.word97):
            data = (src / "out" / f"w{i}.doc").read_bytes()
            c.add(stem, "doc", data, level, category, "doc", family)


STEPS: list[Callable[[Corpus], None]] = [
    word_letters,
    word97,
    open_formats,
    pdf_texts,
    annex_files,
    scans,
    phone_photos,
    envelopes,
    spreadsheets,
    slides,
    web_pages,
    mails,
    archives,
    plain_texts,
    changed_levels,
    declassified,
    protection_work,
    specimens,
    training_decks,
    forwarded_training,
    empty_forms,
    other_red_stamps,
    other_senses,
    statistics,
    news,
    other_envelopes,
    public_documents,
    convert_word97,
]


def build(seed: int = SEED) -> list[Item]:
    corpus = Corpus(random.Random(seed))
    for step in STEPS:
        step(corpus)
    corpus.rng.shuffle(corpus.items)
    return corpus.items


def main(argv: list[str]) -> None:
    write_corpus(Path(argv[0]), build(SEED))


if __name__ == "__main__":
    main(sys.argv[1:])
