"""Held-out corpus 8 for the leak scanner: about 210 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only the `Item` interface, heldout7's docstring and imports and
the bench harness); nothing may be tuned against it. `build(SEED)` returns the files;
`python -m tests.corpus.heldout8 OUT` writes them and `labels.jsonl`.
Renderers: tests/corpus/heldout8_render.py.

The documents come from a fictional border province (Bạch Lĩnh) after the 2025 reform (province
and communes, no districts). Secret files carry a level stamp in the ways real offices make
them: Word runs with a character border or letter spacing, a bordered or shaded nested cell, a
text-box shape, a pasted picture, a lowercase word shown in capitals by a character style, a
content control, the header of the first page only, a second section after a cover letter;
DOCX and Word 97 written by LibreOffice; PDFs with the stamp as text (turned, double frame,
condensed), as a picture, or on the third page of a bundle; scans at 150-300 dpi in colour,
grey, bilevel and dithered, skewed, turned, punched, with a dark border, photocopied twice,
two pages on one sheet, multipage G4 TIFF, JPEG in PDF; phone photos on a desk, under a lamp,
in a hand; envelopes with a printed, stamped or hand-drawn circled A/B/C on white or kraft
paper; spreadsheets (a merged cell under the number, print header of the first page, footer,
third sheet); slides (a framed text box, a picture, an annex slide); web pages (framed div,
Word-exported HTML, inline SVG, windows-1258, a picture); mail with the document attached or
forwarded; archives in archives; plain text (UTF-8, UTF-16, windows-1258, a drawn frame).
Changed levels are secret at the new level; declassified files are not secret. Hard
negatives: the protection work's own papers, specimen stamps in training, empty level fields,
other red stamps under the number, other senses of "mật", leak news, counts by level,
envelopes with other circled marks and pages marked as holding no secret.
"""

from __future__ import annotations

import base64
import html
import io
import random
import sys
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from PIL import Image
from pptx import Presentation
from pptx.dml.color import RGBColor as PptColor
from pptx.util import Cm as PptCm
from pptx.util import Pt as PptPt

from tests.corpus.common import write_corpus
from tests.corpus.heldout8_render import (
    INKS,
    Page,
    Stamp,
    circled,
    encode,
    envelope_image,
    fixed_zip,
    hex_colour,
    image_pdf,
    letter_docx,
    letter_fodt,
    mail,
    page_image,
    page_text,
    photographed,
    scanned,
    soffice_convert,
    stamp_image,
    text_pdf,
    two_up,
    zip_bytes,
)
from tests.corpus.scanner_corpus import Item

SEED = 818283
LEVELS = ("tuyet_mat", "toi_mat", "mat")
WORDS = {"tuyet_mat": "TUYỆT MẬT", "toi_mat": "TỐI MẬT", "mat": "MẬT"}
LETTERS = {"tuyet_mat": "A", "toi_mat": "B", "mat": "C"}
PROVINCE = "Bạch Lĩnh"
COMMUNES = ("Nậm Khao", "Pắc Lùng", "Hòa Sơn", "Tân Quang", "Khuổi Bốc", "Xuân Đài", "Lũng Pù")

AGENCIES = (
    (("ỦY BAN NHÂN DÂN", "TỈNH BẠCH LĨNH"), "UBND"),
    (("UBND TỈNH BẠCH LĨNH", "SỞ NỘI VỤ"), "SNV"),
    (("UBND TỈNH BẠCH LĨNH", "SỞ TÀI CHÍNH"), "STC"),
    (("BỘ CÔNG AN", "CÔNG AN TỈNH BẠCH LĨNH"), "CAT-PA03"),
    (("QUÂN KHU 2", "BỘ CHQS TỈNH BẠCH LĨNH"), "BCH-TM"),
    (("UBND TỈNH BẠCH LĨNH", "SỞ DÂN TỘC VÀ TÔN GIÁO"), "SDTTG"),
    (("UBND TỈNH BẠCH LĨNH", "VĂN PHÒNG"), "VP"),
    (("UBND TỈNH BẠCH LĨNH", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), "SNNMT"),
    (("ỦY BAN NHÂN DÂN", "XÃ NẬM KHAO"), "UBND"),
    (("UBND TỈNH BẠCH LĨNH", "SỞ XÂY DỰNG"), "SXD"),
)

SIGNERS = (
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Hoàng Văn Lượng"),
    ("GIÁM ĐỐC", "", "", "", "Nông Thị Hạnh"),
    ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "", "", "Lục Văn Thắng"),
    ("GIÁM ĐỐC", "", "", "", "Đại tá Triệu Minh Khôi"),
    ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "", "Ma Văn Đoàn"),
)

SECRET_TOPICS = (
    (
        ("PHƯƠNG ÁN", "Bảo đảm an ninh, trật tự khu vực biên giới xã {c} năm 2026"),
        (
            "Căn cứ tình hình an ninh, trật tự trên tuyến biên giới thuộc địa bàn xã {c}, nhất là khu vực các mốc từ 112 đến 119 và các đường mòn, lối mở qua lại, Ban Chỉ đạo xây dựng phương án như sau.",
            "Bố trí 03 tổ công tác liên ngành thường trực tại điểm chốt Khuổi Phường, lực lượng gồm Công an xã, Đồn Biên phòng và dân quân thường trực; thời gian thay ca 06 giờ một lần, tần suất tuần tra ban đêm 02 lượt.",
            "Danh sách đối tượng cần quản lý, các tuyến đường vận chuyển hàng cấm và tần số liên lạc nội bộ nêu tại Phụ lục kèm theo; không sao chụp, không trao đổi qua điện thoại di động và mạng xã hội.",
        ),
    ),
    (
        ("KẾ HOẠCH", "Diễn tập khu vực phòng thủ tỉnh Bạch Lĩnh năm 2026"),
        (
            "Thực hiện Chỉ thị của Bộ Tư lệnh Quân khu về công tác quốc phòng địa phương, Ủy ban nhân dân tỉnh xây dựng kế hoạch diễn tập khu vực phòng thủ với ý định tình huống, lực lượng và địa điểm như sau.",
            "Sở chỉ huy cơ bản đặt tại khu vực hang Pác Bó thuộc xã {c}; sở chỉ huy dự bị tại đồi Cốc Phát; thời gian diễn tập từ ngày 18 đến ngày 21 tháng 6 năm 2026.",
            "Lực lượng tham gia gồm 01 tiểu đoàn bộ binh, 02 đại đội dân quân cơ động và lực lượng tự vệ các sở; kế hoạch bảo đảm hậu cần, kỹ thuật theo phụ lục riêng.",
        ),
    ),
    (
        ("BÁO CÁO", "Tình hình an ninh chính trị nội bộ quý I năm 2026"),
        (
            "Trong quý I năm 2026, tình hình an ninh chính trị nội bộ trên địa bàn tỉnh cơ bản ổn định; tuy nhiên đã phát hiện 02 trường hợp cán bộ có biểu hiện lộ, lọt thông tin về công tác cán bộ trước khi có quyết định chính thức.",
            "Qua xác minh, nguồn tin xuất phát từ bộ phận tham mưu tại xã {c}; hồ sơ đã được chuyển cơ quan có thẩm quyền xem xét, xử lý theo quy định.",
            "Đề nghị Thường trực Tỉnh ủy chỉ đạo rà soát toàn bộ quy trình chuẩn bị nhân sự, hạn chế số người được tiếp cận danh sách dự kiến.",
        ),
    ),
    (
        (
            "ĐỀ THI",
            "Kỳ thi tuyển công chức tỉnh Bạch Lĩnh năm 2026 - Môn Kiến thức chung (Đề số 02)",
        ),
        (
            "Câu 1 (30 điểm). Trình bày nhiệm vụ, quyền hạn của Ủy ban nhân dân cấp xã theo Luật Tổ chức chính quyền địa phương năm 2025; liên hệ thực tiễn tại xã {c}.",
            "Câu 2 (40 điểm). Phân tích các yêu cầu về thể thức, kỹ thuật trình bày văn bản hành chính; soạn thảo một công văn đề nghị hỗ trợ kinh phí khắc phục hậu quả thiên tai.",
            "Câu 3 (30 điểm). Nêu các giải pháp nâng cao chất lượng cải cách hành chính ở cơ sở. Thời gian làm bài 120 phút, không kể thời gian giao đề.",
        ),
    ),
    (
        ("PHƯƠNG ÁN", "Sắp xếp, bố trí cán bộ lãnh đạo, quản lý các sở sau hợp nhất"),
        (
            "Trên cơ sở kết quả rà soát, đánh giá cán bộ năm 2025, Ban cán sự đảng đề xuất phương án bố trí 14 chức danh lãnh đạo cấp sở và 37 chức danh cấp phòng như danh sách kèm theo.",
            "Dự kiến điều động đồng chí Phó Giám đốc Sở phụ trách địa bàn xã {c} giữ chức vụ Giám đốc; 03 đồng chí nghỉ hưu trước tuổi theo nguyện vọng.",
            "Phương án chỉ được phổ biến đến các đồng chí trong Ban Thường vụ; nghiêm cấm cung cấp thông tin khi chưa có quyết định.",
        ),
    ),
    (
        ("BÁO CÁO", "Kết quả xác minh hoạt động xuất, nhập cảnh trái phép qua đường mòn xã {c}"),
        (
            "Thực hiện chỉ đạo của Công an tỉnh, Phòng An ninh đối ngoại phối hợp Đồn Biên phòng tiến hành xác minh nguồn tin về đường dây đưa người xuất cảnh trái phép qua khu vực lũng Cẩu Pài.",
            "Kết quả: xác định 01 đường dây gồm 07 đối tượng, trong đó 02 đối tượng cư trú tại xã {c}; phương thức, thủ đoạn và biện pháp nghiệp vụ tiếp theo nêu tại mục III.",
            "Đề nghị duy trì lực lượng bí mật theo dõi, chưa tiến hành bắt giữ để mở rộng điều tra.",
        ),
    ),
    (
        ("KẾ HOẠCH", "Bảo vệ an toàn đoàn công tác của Trung ương thăm và làm việc tại tỉnh"),
        (
            "Đoàn công tác dự kiến làm việc tại tỉnh từ ngày 09 đến ngày 11 tháng 5 năm 2026; lịch trình, nơi nghỉ và tuyến đường di chuyển nêu tại Phụ lục 01 (chỉ cấp cho chỉ huy các lực lượng).",
            "Thành lập 04 tiểu ban: bảo vệ mục tiêu, dẫn đường, y tế và thông tin liên lạc; điểm dừng tại xã {c} do lực lượng Công an tỉnh bảo đảm tuyệt đối an toàn.",
            "Các đơn vị tuyệt đối không đăng tải lịch trình lên cổng thông tin điện tử và mạng xã hội.",
        ),
    ),
    (
        ("QUYẾT ĐỊNH", "Phê duyệt danh mục, số lượng vật tư dự trữ phòng thủ dân sự năm 2026"),
        (
            "Phê duyệt danh mục, số lượng và địa điểm cất giữ vật tư dự trữ phòng thủ dân sự của tỉnh năm 2026 tại Phụ lục kèm theo Quyết định này.",
            "Kho dự trữ số 2 đặt tại xã {c}, sức chứa 1.200 tấn; chế độ canh gác 24/24 giờ do Bộ Chỉ huy Quân sự tỉnh đảm nhiệm.",
            "Sở Tài chính, Bộ Chỉ huy Quân sự tỉnh và các cơ quan liên quan chịu trách nhiệm thi hành Quyết định này.",
        ),
    ),
)

ORDINARY_TOPICS = (
    (
        ("KẾ HOẠCH", "Tổ chức Lễ hội Hoa sở xã {c} năm 2026"),
        (
            "Nhằm quảng bá hình ảnh, tiềm năng du lịch của xã {c} gắn với bảo tồn văn hóa các dân tộc, Ủy ban nhân dân xã ban hành kế hoạch tổ chức lễ hội như sau.",
            "Thời gian từ ngày 20 đến ngày 22 tháng 11 năm 2026 tại sân vận động trung tâm xã; các hoạt động gồm chợ phiên, thi ẩm thực, trình diễn trang phục truyền thống.",
            "Kinh phí thực hiện từ nguồn ngân sách xã và xã hội hóa; các đơn vị đăng ký gian hàng trước ngày 30 tháng 10 năm 2026.",
        ),
    ),
    (
        ("BÁO CÁO", "Kết quả thực hiện chính sách bảo hiểm y tế 6 tháng đầu năm 2026"),
        (
            "Tỷ lệ bao phủ bảo hiểm y tế toàn tỉnh đạt 94,6%, tăng 1,2% so với cùng kỳ; số người tham gia theo hộ gia đình tăng mạnh tại xã {c}.",
            "Một số khó khăn: người lao động tự do chưa tham gia đầy đủ; việc cập nhật dữ liệu định danh còn chậm ở các xã vùng cao.",
            "Nhiệm vụ 6 tháng cuối năm: đẩy mạnh tuyên truyền, phối hợp ngành giáo dục bảo đảm 100% học sinh tham gia bảo hiểm y tế.",
        ),
    ),
    (
        ("CÔNG VĂN", "V/v đăng ký nhu cầu giống cây trồng vụ Đông Xuân 2026-2027"),
        (
            "Để chuẩn bị giống cây trồng phục vụ sản xuất vụ Đông Xuân, Sở Nông nghiệp và Môi trường đề nghị Ủy ban nhân dân các xã tổng hợp nhu cầu giống lúa, ngô của địa phương.",
            "Báo cáo gửi về Sở trước ngày 15 tháng 9 năm 2026 theo biểu mẫu kèm theo, đồng thời gửi bản điện tử qua hệ thống quản lý văn bản.",
        ),
    ),
    (
        ("THÔNG BÁO", "Lịch tiếp công dân tháng 5 năm 2026"),
        (
            "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày 15 tháng 5 năm 2026 tại Trụ sở Tiếp công dân tỉnh, số 8 đường Hoàng Văn Thụ.",
            "Công dân đến đăng ký mang theo giấy tờ tùy thân và tài liệu liên quan; các xã, phường niêm yết công khai thông báo này.",
        ),
    ),
    (
        ("KẾ HOẠCH", "Phát triển các khu, cụm công nghiệp trên địa bàn tỉnh năm 2026"),
        (
            "Đẩy nhanh tiến độ đầu tư hạ tầng Cụm công nghiệp Tân Quang và Khu công nghiệp phía Nam; thu hút ít nhất 05 dự án mới trong năm.",
            "Các sở, ngành rà soát thủ tục đầu tư, đất đai, môi trường; giải quyết dứt điểm vướng mắc về giải phóng mặt bằng tại xã {c}.",
            "Kinh phí thực hiện từ nguồn ngân sách tỉnh và vốn của nhà đầu tư hạ tầng theo quy định.",
        ),
    ),
    (
        ("CÔNG VĂN", "V/v chủ động ứng phó mưa lũ, sạt lở đất"),
        (
            "Theo dự báo, từ đêm nay đến hết ngày mai khu vực tỉnh có mưa to đến rất to, nguy cơ cao xảy ra lũ quét, sạt lở đất tại các xã vùng núi, trong đó có xã {c}.",
            "Đề nghị các địa phương rà soát, sơ tán hộ dân ở vùng nguy hiểm, bố trí lực lượng trực 24/24 giờ và báo cáo tình hình về Văn phòng Ban Chỉ huy trước 16 giờ hằng ngày.",
        ),
    ),
)

PROTECTION_TOPICS = (
    (
        ("KẾ HOẠCH", "Công tác bảo vệ bí mật nhà nước năm 2026"),
        (
            "Thực hiện Luật Bảo vệ bí mật nhà nước số 117/2025/QH15 và Nghị định số 63/2026/NĐ-CP, Ủy ban nhân dân tỉnh ban hành kế hoạch công tác bảo vệ bí mật nhà nước năm 2026.",
            "Các cơ quan rà soát việc xác định độ mật; tài liệu độ Tuyệt mật, Tối mật, Mật phải được đóng dấu độ mật đúng mẫu, đúng vị trí dưới số, ký hiệu văn bản.",
            "Khi gửi tài liệu bí mật nhà nước phải vào sổ, làm bì riêng; ngoài bì đóng dấu chữ A, B, C tương ứng với độ Tuyệt mật, Tối mật, Mật.",
            "Tổ chức tập huấn nghiệp vụ cho cán bộ văn thư, người làm công tác bảo vệ bí mật nhà nước của các xã, phường trước ngày 30 tháng 6 năm 2026.",
        ),
    ),
    (
        ("BÁO CÁO", "Kết quả công tác bảo vệ bí mật nhà nước năm 2025"),
        (
            "Trong năm, các cơ quan đã soạn thảo, ban hành 1.284 văn bản có nội dung bí mật nhà nước, trong đó 12 văn bản độ Tuyệt mật, 196 văn bản độ Tối mật và 1.076 văn bản độ Mật.",
            "Qua kiểm tra phát hiện 09 văn bản chưa đóng dấu độ mật, 04 trường hợp sao chụp tài liệu Mật chưa được người có thẩm quyền cho phép; đã chấn chỉnh kịp thời.",
            "Không để xảy ra lộ, mất bí mật nhà nước; việc tiêu hủy tài liệu hết giá trị được thực hiện đúng quy trình, có biên bản.",
        ),
    ),
    (
        ("QUY CHẾ", "Bảo vệ bí mật nhà nước tại Sở Nội vụ tỉnh Bạch Lĩnh"),
        (
            'Điều 5. Xác định độ mật. Người soạn thảo đề xuất độ mật căn cứ danh mục bí mật nhà nước; văn bản độ Tuyệt mật đóng dấu "TUYỆT MẬT", văn bản độ Tối mật đóng dấu "TỐI MẬT", văn bản độ Mật đóng dấu "MẬT".',
            'Điều 9. Sao, chụp tài liệu. Việc sao, chụp tài liệu độ Tối mật, Mật do Giám đốc Sở cho phép; bản sao phải đóng dấu "BẢN SAO SỐ" và dấu độ mật như bản chính.',
            'Điều 12. Giải mật. Tài liệu được giải mật phải đóng dấu "GIẢI MẬT" và ghi rõ căn cứ giải mật.',
        ),
    ),
    (
        ("BIÊN BẢN", "Kiểm tra công tác bảo vệ bí mật nhà nước tại Ủy ban nhân dân xã {c}"),
        (
            "Đoàn kiểm tra đã kiểm tra sổ đăng ký văn bản mật đi, mật đến, sổ sao chụp, tủ lưu giữ tài liệu và máy tính soạn thảo văn bản mật của xã.",
            'Tồn tại: 02 văn bản độ Mật chưa đóng dấu "Tài liệu thu hồi" theo yêu cầu; máy tính soạn thảo chưa được kiểm tra an ninh mạng trước khi sử dụng.',
            "Yêu cầu xã khắc phục trong thời hạn 15 ngày và báo cáo kết quả về Công an tỉnh.",
        ),
    ),
)


def _words(text: str) -> str:
    return text.replace("{c}", "")


class _Corpus:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.items: list[tuple[str, bytes, str | None, str, str, str]] = []
        self.pending_doc: list[tuple[str, bytes, str | None, str, str]] = []
        self.pending_lo: list[tuple[str, str, str | None, str, str]] = []
        self.counter = 0
        self.number = 0

    # ------------------------------------------------------------ helpers

    def add(
        self, ext: str, data: bytes, level: str | None, category: str, fmt: str, family: str
    ) -> None:
        self.items.append((ext, data, level, category, fmt, family))

    def level(self) -> str:
        self.counter += 1
        return LEVELS[self.counter % 3]

    def stamp(self, text: str, *, image: bool = False, **over: object) -> Stamp:
        r = self.rng
        faces = ["times_b", "arial_b", "narrow_b", "serifcond_b", "cond_b", "sans_b", "serif_b"]
        sizes = [12, 13, 14, 16, 18, 20] if image else [8, 10, 12, 13, 14, 16, 18, 22]
        args: dict[str, object] = {
            "face": r.choice(faces),
            "pt": r.choice(sizes),
            "border": r.choice(["single", "single", "double", "single"]),
            "ink": r.choice(["red", "scarlet", "crimson", "maroon", "red"]),
            "angle": round(r.uniform(-5, 5), 1) if image and r.random() < 0.6 else 0.0,
            "wear": round(r.uniform(0.0, 0.3), 2) if image else 0.0,
            "place": r.choice(["left", "center", "center", "right"]),
        }
        args.update(over)
        return Stamp(text, **args)  # type: ignore[arg-type]

    def page(
        self,
        topic: tuple,
        stamps: tuple[Stamp, ...] = (),
        *,
        agency: int | None = None,
        notes: tuple[str, ...] = (),
        kind: str = "",
    ) -> Page:
        r = self.rng
        issuer, code = AGENCIES[agency if agency is not None else r.randrange(len(AGENCIES))]
        title, body = topic
        c = r.choice(COMMUNES)
        self.number += 1
        short = {
            "KẾ HOẠCH": "KH",
            "BÁO CÁO": "BC",
            "PHƯƠNG ÁN": "PA",
            "QUYẾT ĐỊNH": "QĐ",
            "ĐỀ THI": "ĐT",
            "THÔNG BÁO": "TB",
            "CÔNG VĂN": "",
            "QUY CHẾ": "QC",
            "BIÊN BẢN": "BB",
        }.get(title[0], "")
        num = f"Số: {r.randint(3, 480)}/{short + '-' if short else ''}{code}"
        day, month = r.randint(1, 28), r.randint(3, 11)
        title_lines = tuple(t.replace("{c}", c) for t in title)
        if title[0] == "CÔNG VĂN":
            num = f"Số: {r.randint(3, 980)}/{code}-{r.choice(['VP', 'TH', 'NV', 'KHTC'])}"
            title_lines = tuple(t.replace("{c}", c) for t in title[1:])
        return Page(
            issuer=issuer,
            number=num,
            place_date=f"{PROVINCE}, ngày {day:02d} tháng {month:02d} năm 2026"
            if "XÃ" not in issuer[-1]
            else f"Nậm Khao, ngày {day:02d} tháng {month:02d} năm 2026",
            title=title_lines,
            body=tuple(b.replace("{c}", c) for b in body),
            stamps=stamps,
            notes=notes,
            signer=r.choice(SIGNERS),
            recipients=(
                "Nơi nhận:",
                "- Như trên;",
                "- TT Tỉnh ủy, UBND tỉnh;",
                "- Lưu: VT" + (", " + kind if kind else "") + ".",
            ),
        )

    def secret_page(self, level: str, *, image: bool = False, **over: object) -> Page:
        return self.page(
            self.rng.choice(SECRET_TOPICS), (self.stamp(WORDS[level], image=image, **over),)
        )

    def continuation(self, page: Page, n: int) -> Page:
        body = tuple(f"{i + 2}. {b}" for i, b in enumerate(page.body * n))
        return Page(body=body)

    # ------------------------------------------------------------ positives

    def word(self) -> None:
        variants = [
            "run",
            "run",
            "cell",
            "shaded",
            "shape",
            "picture",
            "caps",
            "sdt",
            "spaced",
            "first-header",
            "section2",
        ]
        for v in variants:
            lv = self.level()
            tracking = 0.35 if v == "spaced" else 0.0
            page = self.secret_page(lv, tracking=tracking)
            cover = self.page(self.rng.choice(ORDINARY_TOPICS[2:4])) if v == "section2" else None
            if cover is not None:
                cover = Page(
                    **{
                        **cover.__dict__,
                        "title": ("V/v gửi phương án kèm theo",),
                        "body": (
                            "Sở gửi kèm theo Công văn này tài liệu nêu trên để các đơn vị nghiên cứu, thực hiện; đề nghị quản lý theo chế độ quy định.",
                        ),
                    }
                )
            data = letter_docx(page, v, self.rng, cover=cover)
            self.add("docx", data, lv, "positive", "docx", "word_stamp")
        for v in ["run", "first-header", "shaded", "shape", "caps", "spaced"]:
            lv = self.level()
            page = self.secret_page(lv, tracking=0.3 if v == "spaced" else 0.0)
            self.pending_doc.append(
                ("doc", letter_docx(page, v, self.rng), lv, "positive", "word97")
            )
        for frame in (False, True, False):
            lv = self.level()
            page = self.secret_page(lv)
            self.pending_lo.append(("docx", letter_fodt(page, frame), lv, "positive", "lo_docx"))

    def pdfs(self) -> None:
        r = self.rng
        shapes: list[dict[str, Any]] = [
            {"border": "single"},
            {"border": "double"},
            {"angle": 4.0},
            {"face": "narrow_b", "pt": 8},
            {"face": "cond_b", "pt": 20, "border": "double"},
            {"image": True},
            {"bundle": True},
            {"place": "right", "pt": 11},
        ]
        for shape in shapes:
            lv = self.level()
            opts = dict(shape)
            as_image = bool(opts.pop("image", False))
            bundle = bool(opts.pop("bundle", False))
            st = self.stamp(WORDS[lv], **opts)
            page = self.page(r.choice(SECRET_TOPICS), (st,))
            if bundle:
                cover = self.page(ORDINARY_TOPICS[2])
                cover = Page(
                    **{
                        **cover.__dict__,
                        "title": ("V/v gửi tài liệu",),
                        "body": (
                            "Kính gửi các cơ quan, đơn vị tài liệu kèm theo để triển khai thực hiện.",
                        )
                        * 3,
                    }
                )
                pages = [
                    cover,
                    self.continuation(cover, 2),
                    page,
                    self.continuation(page, 2),
                    self.continuation(page, 1),
                ]
            else:
                pages = [page, self.continuation(page, 1)]
            self.add(
                "pdf",
                text_pdf(pages, r, stamp_as_image=as_image),
                lv,
                "positive",
                "pdf",
                "pdf_text" if not bundle else "pdf_annex",
            )

    def scans(self) -> None:
        r = self.rng
        plans: list[dict[str, Any]] = [
            {"dpi": 150, "mode": "rgb", "kind": "jpg"},
            {"dpi": 200, "mode": "gray", "kind": "pdf", "angle": 1.5},
            {"dpi": 300, "mode": "bw", "kind": "tif"},
            {"dpi": 200, "mode": "dither", "kind": "png"},
            {"dpi": 200, "mode": "gray", "kind": "pdf", "turn": 90},
            {"dpi": 150, "mode": "rgb", "kind": "pdf", "turn": 180},
            {"dpi": 200, "mode": "bw", "kind": "tif", "turn": 270},
            {"dpi": 200, "mode": "gray", "kind": "jpg", "punch": True, "border": True},
            {"dpi": 200, "mode": "gray", "kind": "pdf", "copies": 2},
            {"dpi": 200, "mode": "bw", "kind": "tif", "pages": 5},
            {"dpi": 200, "mode": "rgb", "kind": "pdf", "pages": 5},
            {"dpi": 200, "mode": "gray", "kind": "jpg", "twoup": True},
            {"dpi": 300, "mode": "gray", "kind": "pdf", "angle": -2.2, "copies": 1},
            {"dpi": 150, "mode": "rgb", "kind": "png", "sign": True},
            {"dpi": 200, "mode": "gray", "kind": "jpg", "over": True},
        ]
        for plan in plans:
            lv = self.level()
            dpi = int(plan["dpi"])
            over: dict[str, Any] = {"image": True}
            if plan["mode"] in ("bw", "dither"):
                over["pt"] = r.choice([14, 16, 18])
                over["ink"] = r.choice(["red", "maroon", "crimson"])
            if plan.get("over"):
                over.update(place="over", angle=-7.5, wear=0.3, pt=16)
            page = self.secret_page(lv, **over)
            if plan.get("sign"):
                page.stamps = (
                    *page.stamps,
                    Stamp("ĐÃ KÝ", face="arial_b", pt=11, ink="violet", place="sign", angle=-8),
                )
            opts = {k: plan[k] for k in ("angle", "turn", "punch", "border", "copies") if k in plan}
            first = page_image(page, dpi, r)
            if plan.get("pages"):
                cover = self.page(ORDINARY_TOPICS[3])
                sheets = [
                    page_image(cover, dpi, r),
                    page_image(self.continuation(cover, 2), dpi, r),
                    first,
                    page_image(self.continuation(page, 2), dpi, r),
                    page_image(self.continuation(page, 1), dpi, r),
                ]
                images = [
                    scanned(im, r, mode=str(plan["mode"]), angle=r.uniform(-1, 1)) for im in sheets
                ]
                family = "scan_annex"
            elif plan.get("twoup"):
                images = [
                    scanned(
                        two_up(first, page_image(self.continuation(page, 2), dpi, r)),
                        r,
                        mode="gray",
                    )
                ]
                family = "scan_two_up"
            else:
                images = [scanned(first, r, mode=str(plan["mode"]), **opts)]
                family = "scan_page"
            self.add(
                str(plan["kind"]),
                encode(images, str(plan["kind"]), dpi, quality=r.choice([55, 70, 85])),
                lv,
                "positive",
                "scan",
                family,
            )

    def photos(self) -> None:
        r = self.rng
        for backdrop, blur, tilt in [
            ("desk", 0.6, 0.06),
            ("lamp", 1.0, 0.1),
            ("hand", 0.8, 0.08),
            ("cloth", 1.3, 0.05),
            ("desk", 0.4, 0.12),
            ("lamp", 0.7, 0.04),
            ("desk", 1.1, 0.09),
            ("cloth", 0.5, 0.1),
        ]:
            lv = self.level()
            page = self.secret_page(lv, image=True, pt=r.choice([14, 16, 18, 20]))
            img = page_image(page, 110, r)
            self.add(
                "jpg",
                photographed(img, r, backdrop=backdrop, blur=blur, tilt=tilt),
                lv,
                "positive",
                "photo",
                "photo_page",
            )

        for pt in (16, 12):
            # a phone scanner app: photos of two pages, cropped and put in a PDF
            lv = self.level()
            page = self.secret_page(lv, image=True, pt=pt)
            sheets = [page_image(page, 120, r), page_image(self.continuation(page, 2), 120, r)]
            shots = [
                Image.open(io.BytesIO(photographed(im, r, backdrop="desk", tilt=0.02, blur=0.5)))
                for im in sheets
            ]
            self.add("pdf", image_pdf(shots), lv, "positive", "scan", "phone_scan_pdf")

    def envelope(
        self,
        mark: Image.Image | None,
        *,
        kraft: bool,
        lines: tuple[str, ...] = (),
        postmark: str = "",
    ) -> Image.Image:
        r = self.rng
        issuer, code = r.choice(AGENCIES)
        return envelope_image(
            r,
            sender=issuer,
            number=f"Số: {r.randint(5, 300)}/{code}",
            to=(
                r.choice(
                    [
                        "Sở Nội vụ tỉnh Bạch Lĩnh",
                        "Công an tỉnh Bạch Lĩnh",
                        "Đồng chí Bí thư Tỉnh ủy",
                        "UBND xã Pắc Lùng",
                    ]
                ),
            ),
            mark=mark,
            paper="kraft" if kraft else "white",
            lines=lines,
            postmark=postmark,
        )

    def envelopes(self) -> None:
        r = self.rng
        styles = [
            "printed",
            "stamped",
            "hand",
            "stamped",
            "printed",
            "hand",
            "stamped",
            "printed",
            "stamped",
        ]
        for i, style in enumerate(styles):
            lv = LEVELS[i % 3]
            mark = circled(
                LETTERS[lv],
                style,
                r,
                px=r.choice([80, 95, 110]),
                ink=r.choice(["red", "crimson", "maroon"]),
            )
            lines = (
                ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",) if lv == "tuyet_mat" and i % 2 == 0 else ()
            )
            img = self.envelope(
                mark, kraft=i % 2 == 1, lines=lines, postmark="BẠCH LĨNH" if i % 4 == 3 else ""
            )
            if i < 6:
                data = photographed(
                    img,
                    r,
                    backdrop=["hand", "desk", "cloth"][i % 3],
                    portrait=False,
                    blur=0.7,
                    tilt=0.07,
                )
                self.add("jpg", data, lv, "positive", "photo", "envelope")
            else:
                self.add(
                    ["pdf", "png", "jpg"][i - 6],
                    encode([scanned(img, r, mode="rgb")], ["pdf", "png", "jpg"][i - 6], 150),
                    lv,
                    "positive",
                    "scan",
                    "envelope",
                )

    def sheets(self) -> None:
        for variant in [
            "merged",
            "print-header",
            "third-sheet",
            "footer",
            "first-header",
            "rich",
        ]:
            lv = self.level()
            self.add("xlsx", self.workbook(variant, WORDS[lv]), lv, "positive", "xlsx", "sheet")

    def workbook(
        self,
        variant: str,
        word: str,
        *,
        title: str = "",
        header_rows: tuple[str, ...] = (),
        declass: str = "",
    ) -> bytes:
        r = self.rng
        wb = Workbook()
        ws = wb.active
        ws.title = "Tổng hợp"
        issuer, code = r.choice(AGENCIES)
        red = INKS[r.choice(["red", "crimson", "maroon"])]
        head = (
            header_rows[0].split("|")
            if header_rows
            else ["STT", "Đơn vị", "Quân số", "Phương tiện", "Ghi chú"]
        )
        if not header_rows and title:
            head = ["STT", "Đơn vị", "Kế hoạch", "Thực hiện", "Ghi chú"]
        rows: list[tuple[object, ...]] = [tuple(head)]
        for i, c in enumerate(COMMUNES):
            label = (
                f"Xã {c}"
                if header_rows
                else (f"Tổ công tác xã {c}" if not title else f"{i + 1}. Xã {c}")
            )
            if "Độ mật" in head:  # a blank register: numbered lines, nothing filled in
                rows.append((i + 1,))
            elif header_rows:
                nums = [r.randint(0, 60) for _ in head[1:-1]]
                rows.append((label, *nums, sum(nums) if head[-1] == "Tổng" else ""))
            else:
                rows.append((i + 1, label, *[r.randint(1, 40) for _ in head[2:-1]], ""))

        def fill(sheet, with_head: bool) -> None:
            sheet["A1"] = issuer[-1]
            sheet["A1"].font = Font(name="Times New Roman", bold=True, size=12)
            sheet["A2"] = f"Số: {r.randint(3, 200)}/BC-{code}"
            top = 4
            if with_head and variant == "rich":
                number = sheet["A2"].value
                sheet["A2"] = CellRichText(
                    number + "\n",
                    TextBlock(
                        InlineFont(rFont="Times New Roman", b=True, sz=14, color=hex_colour(red)),
                        word,
                    ),
                )
                sheet["A2"].alignment = Alignment(wrap_text=True, horizontal="center")
                sheet.row_dimensions[2].height = 36
            if with_head and variant == "merged":
                sheet.merge_cells("A3:B3")
                sheet["A3"] = word
                sheet["A3"].font = Font(
                    name="Times New Roman", bold=True, size=14, color=hex_colour(red)
                )
                sheet["A3"].alignment = Alignment(horizontal="center")
                side = Side(style="medium", color=hex_colour(red))
                for col in "AB":
                    sheet[f"{col}3"].border = Border(
                        top=side,
                        bottom=side,
                        left=side if col == "A" else None,
                        right=side if col == "B" else None,
                    )
                top = 5
            sheet.merge_cells(f"A{top}:E{top}")
            sheet[f"A{top}"] = (
                title or "BẢNG TỔNG HỢP LỰC LƯỢNG, PHƯƠNG TIỆN BẢO ĐẢM AN NINH KHU VỰC BIÊN GIỚI"
            )
            sheet[f"A{top}"].font = Font(name="Times New Roman", bold=True, size=13)
            sheet[f"A{top}"].alignment = Alignment(horizontal="center")
            if with_head and declass:
                sheet.merge_cells("C3:E3")
                sheet["C3"] = declass
                sheet["C3"].font = Font(
                    name="Times New Roman", bold=True, size=12, color=hex_colour(red)
                )
                edge = Side(style="medium", color=hex_colour(red))
                sheet["C3"].border = Border(top=edge, bottom=edge, left=edge, right=edge)
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    sheet.cell(row=top + 2 + i, column=j + 1, value=v)
            sheet.column_dimensions["B"].width = 34
            if with_head:
                hf = f'&"Times New Roman,Bold"&14&K{hex_colour(red)}{word}'
                if variant == "print-header":
                    sheet.oddHeader.left.text = hf
                elif variant == "footer":
                    sheet.oddFooter.center.text = hf
                elif variant == "first-header":
                    sheet.HeaderFooter.differentFirst = True
                    sheet.firstHeader.left.text = hf
                    sheet.oddHeader.right.text = "Trang &P"

        fill(ws, variant != "third-sheet")
        if variant == "third-sheet":
            fill(wb.create_sheet("Chi tiết"), False)
            third = wb.create_sheet("Phụ lục 3")
            fill(third, True)
            third.merge_cells("A3:B3")
            third["A3"] = word
            third["A3"].font = Font(
                name="Times New Roman", bold=True, size=14, color=hex_colour(red)
            )
            side = Side(style="thin", color=hex_colour(red))
            third["A3"].border = Border(top=side, bottom=side, left=side, right=side)
            third["A3"].fill = PatternFill("solid", fgColor="FFF2F2")
        wb.properties.creator = "Phòng Tham mưu"
        wb.properties.created = wb.properties.modified = datetime(2026, 4, 14, 9, 30)
        buf = io.BytesIO()
        wb.save(buf)
        return fixed_zip(buf.getvalue())

    def deck(
        self,
        slides: list[tuple[str, list[str]]],
        stamp: tuple[int, str, str] | None = None,
        specimen: bool = False,
        picture: Stamp | None = None,
    ) -> bytes:
        """Slides of title + bullets; `stamp` = (slide index, word, how: box/picture)."""
        prs = Presentation()
        prs.slide_width, prs.slide_height = PptCm(33.867), PptCm(19.05)
        for i, (title, bullets) in enumerate(slides):
            layout = prs.slide_layouts[0 if i == 0 else 1]
            s = prs.slides.add_slide(layout)
            s.shapes.title.text = title
            if i == 0:
                s.placeholders[1].text = "Bạch Lĩnh, tháng 4 năm 2026"
            else:
                tf = s.placeholders[1].text_frame
                tf.text = bullets[0]
                for b in bullets[1:]:
                    tf.add_paragraph().text = b
            if stamp is not None and stamp[0] == i:
                _, word, how = stamp
                if how == "box":
                    box = s.shapes.add_textbox(
                        PptCm(1.2), PptCm(0.8), PptCm(1.2 + 0.75 * len(word)), PptCm(1.4)
                    )
                    box.line.color.rgb = PptColor(*INKS["red"])
                    box.line.width = PptPt(2)
                    p = box.text_frame.paragraphs[0]
                    run = p.add_run()
                    run.text = word
                    run.font.bold = True
                    run.font.size = PptPt(24)
                    run.font.color.rgb = PptColor(*INKS["crimson"])
                else:
                    img = stamp_image(
                        Stamp(word, pt=22, ink="red", angle=-3, wear=0.15), 200, self.rng
                    )
                    buf = io.BytesIO()
                    img.save(buf, "PNG")
                    s.shapes.add_picture(
                        io.BytesIO(buf.getvalue()), PptCm(1.0), PptCm(0.6), height=PptCm(2.0)
                    )
            if specimen and i == 1:
                for k, lv in enumerate(LEVELS):
                    img = stamp_image(Stamp(WORDS[lv], pt=20, border="single"), 150, self.rng)
                    buf = io.BytesIO()
                    img.save(buf, "PNG")
                    s.shapes.add_picture(
                        io.BytesIO(buf.getvalue()),
                        PptCm(3 + 10 * k),
                        PptCm(12.5),
                        height=PptCm(1.6),
                    )
                    cap = s.shapes.add_textbox(PptCm(3 + 10 * k), PptCm(14.4), PptCm(8), PptCm(1))
                    cap.text_frame.text = f"Mẫu số {k + 1:02d} (MẪU - dùng để hướng dẫn)"
                    cap.text_frame.paragraphs[0].runs[0].font.size = PptPt(14)
            if picture is not None and i == 0:
                img = stamp_image(picture, 200, self.rng)
                buf = io.BytesIO()
                img.save(buf, "PNG")
                s.shapes.add_picture(
                    io.BytesIO(buf.getvalue()), PptCm(24), PptCm(1.0), height=PptCm(2.6)
                )
        prs.core_properties.created = prs.core_properties.modified = datetime(2026, 4, 14, 9, 30)
        prs.core_properties.author = "Phòng Tham mưu"
        buf = io.BytesIO()
        prs.save(buf)
        return fixed_zip(buf.getvalue())

    def slides(self) -> None:
        for i, how in enumerate(["box", "picture", "box", "picture", "box"]):
            lv = self.level()
            topic = self.rng.choice(SECRET_TOPICS)
            slides = [
                (topic[0][1].replace("{c}", "Nậm Khao"), []),
                *[(f"Nội dung {k}", [_words(b) for b in topic[1]]) for k in range(1, 5)],
            ]
            index = 3 if i == 2 else 0
            self.add(
                "pptx",
                self.deck(slides, (index, WORDS[lv], how)),
                lv,
                "positive",
                "pptx",
                "slides" if index == 0 else "slides_annex",
            )

    def webpage(self, page: Page, variant: str) -> bytes:
        st = page.stamps[0] if page.stamps else None
        colour = "#" + hex_colour(INKS[st.ink]).lower() if st else "#000"
        head = "".join(f"<div>{html.escape(x)}</div>" for x in page.issuer)
        body = "".join(f"<p>{html.escape(b)}</p>" for b in page.body)
        title = "".join(f"<h3>{html.escape(t)}</h3>" for t in page.title)
        stamp_html = ""
        charset = "utf-8"
        if st is not None:
            word = html.escape(st.text)
            if variant == "div":
                stamp_html = f'<div class="do-mat" style="display:inline-block;border:2px solid {colour};color:{colour};font-weight:bold;padding:2px 10px">{word}</div>'
            elif variant == "word":
                stamp_html = f"<p class=MsoNormal align=center style='text-align:center'><b><span style='font-size:14.0pt;color:{colour};border:solid {colour} 1.5pt;padding:0cm'>{word}</span></b><o:p></o:p></p>"
            elif variant == "svg":
                w = 30 + 16 * len(st.text)
                stamp_html = f'<svg width="{w}" height="40" role="img"><rect x="2" y="2" width="{w - 4}" height="36" fill="none" stroke="{colour}" stroke-width="2"/><text x="{w / 2}" y="27" text-anchor="middle" font-family="Times New Roman" font-weight="bold" font-size="20" fill="{colour}">{word}</text></svg>'
            elif variant == "picture":
                buf = io.BytesIO()
                stamp_image(st, 150, self.rng).convert("RGB").save(buf, "JPEG", quality=85)
                stamp_html = f'<img src="data:image/jpeg;base64,{base64.b64encode(buf.getvalue()).decode()}" alt="">'
            elif variant == "upper":
                shown = html.escape(st.text.lower())
                stamp_html = f'<p style="text-align:center;margin:4px"><span style="text-transform:uppercase;color:{colour};font-weight:bold;outline:2px solid {colour};padding:1px 8px">{shown}</span></p>'
            elif variant == "strike":
                stamp_html = "".join(
                    f'<div style="color:{colour};font-weight:bold;border:1px solid {colour};display:inline-block;margin:2px">{"<s>" if s.struck else ""}{html.escape(s.text)}{"</s>" if s.struck else ""}</div><br>'
                    for s in page.stamps
                )
            else:  # legacy: table cell, windows-1258
                stamp_html = f'<table border="1" cellpadding="3" style="border-color:{colour}"><tr><td><font color="{colour}"><b>{word}</b></font></td></tr></table>'
                charset = "windows-1258"
        notes = "".join(f"<p><i>{html.escape(n)}</i></p>" for n in page.notes)
        doc = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>{html.escape(" ".join(page.title))}</title>
<style>body{{font-family:'Times New Roman',serif;max-width:780px;margin:auto}} .hdr{{display:flex;justify-content:space-between;text-align:center}}</style></head>
<body><div class="hdr"><div>{head}<div>{html.escape(page.number)}</div>{stamp_html}{notes}</div>
<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><b>Độc lập - Tự do - Hạnh phúc</b><br><i>{html.escape(page.place_date)}</i></div></div>
{title}{body}<p style="text-align:right"><b>{"<br>".join(html.escape(s) for s in page.signer)}</b></p></body></html>
"""
        return _cp1258(doc) if charset == "windows-1258" else doc.encode("utf-8")

    def webs(self) -> None:
        for variant in ["div", "word", "svg", "picture", "legacy", "upper"]:
            lv = self.level()
            page = self.secret_page(lv, image=variant == "picture")
            self.add(
                "html" if variant != "word" else "htm",
                self.webpage(page, variant),
                lv,
                "positive",
                "html",
                "web",
            )

    def mails(self) -> None:
        r = self.rng
        for i in range(5):
            lv = self.level()
            page = self.secret_page(lv, image=i == 2)
            when = datetime(2026, 4, 3 + i, 8 + i, 12, tzinfo=UTC)
            ident = f"h8m{i}{r.randint(1000, 9999)}"
            if i == 0:
                att = [
                    (
                        "du_thao_lan_2.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        letter_docx(page, "run", r),
                    )
                ]
                data = mail(
                    sender="vanthu.snv@gmail.com",
                    to="phong.tccb@bachlinh.gov.vn",
                    subject="Gửi dự thảo lần 2",
                    text="Em gửi anh bản dự thảo đã sửa theo ý kiến lãnh đạo.",
                    when=when,
                    ident=ident,
                    attachments=att,
                )
            elif i == 1:
                att = [("scan_0412.pdf", "application/pdf", text_pdf([page], r))]
                data = mail(
                    sender="tuan.nv@bachlinh.gov.vn",
                    to="hoa.lt@yahoo.com",
                    subject="Tài liệu họp chiều nay",
                    text="Chị in giúp em 5 bản mang vào phòng họp nhé.",
                    when=when,
                    ident=ident,
                    attachments=att,
                )
            elif i == 2:
                inner = mail(
                    sender="chup.anh@bachlinh.gov.vn",
                    to="nguyen.k@bachlinh.gov.vn",
                    subject="ảnh chụp văn bản",
                    text="Gửi anh ảnh chụp.",
                    when=when,
                    ident=ident + "i",
                    attachments=[
                        (
                            "IMG_4471.jpg",
                            "image/jpeg",
                            photographed(page_image(page, 110, r), r, backdrop="desk"),
                        )
                    ],
                )
                data = mail(
                    sender="nguyen.k@bachlinh.gov.vn",
                    to="ban.tonghop@gmail.com",
                    subject="Fwd: ảnh chụp văn bản",
                    text="Chuyển tiếp để anh tham khảo.",
                    when=when,
                    ident=ident,
                    forwarded=inner,
                )
            elif i == 3:
                body_html = self.webpage(page, "div").decode("utf-8")
                data = mail(
                    sender="ttdt@bachlinh.gov.vn",
                    to="bandoc@bachlinh.gov.vn",
                    subject="Nội dung văn bản",
                    text=page_text(page),
                    when=when,
                    ident=ident,
                    html_body=body_html,
                )
            else:
                z = zip_bytes(
                    [
                        ("Ho so/tai lieu 01.docx", letter_docx(page, "cell", r)),
                        ("Ho so/ghi chu.txt", "Bản để trình lãnh đạo.".encode()),
                    ]
                )
                data = mail(
                    sender="vp.ubnd@bachlinh.gov.vn",
                    to="lanh.dao@outlook.com",
                    subject="Hồ sơ trình ký",
                    text="Gửi anh hồ sơ.",
                    when=when,
                    ident=ident,
                    attachments=[("hoso.zip", "application/zip", z)],
                )
            self.add("eml", data, lv, "positive", "eml", "mail")

    def archives(self) -> None:
        r = self.rng
        for i in range(4):
            lv = self.level()
            page = self.secret_page(lv, image=i == 2)
            plain = self.page(r.choice(ORDINARY_TOPICS))
            if i == 0:
                entries = [
                    ("HoSo_2026/01_cong_van.pdf", text_pdf([plain], r)),
                    ("HoSo_2026/02_phuong_an.docx", letter_docx(page, "shaded", r)),
                    ("HoSo_2026/03_bieu_mau.xlsx", self.workbook("none", "")),
                ]
            elif i == 1:
                inner = zip_bytes(
                    [("tai_lieu/ban_chinh.pdf", text_pdf([page, self.continuation(page, 1)], r))]
                )
                entries = [
                    ("goi_1.zip", inner),
                    ("doc_truoc.txt", page_text(plain).encode("utf-8")),
                ]
            elif i == 2:
                entries = [
                    (
                        "scan/trang_001.tif",
                        encode([scanned(page_image(page, 200, r), r, mode="bw")], "tif", 200),
                    )
                ]
            else:
                entries = [("bao_cao/so_lieu.xlsx", self.workbook("merged", WORDS[lv]))]
            self.add("zip", zip_bytes(entries), lv, "positive", "zip", "archive")

    def texts(self) -> None:
        for i, enc in enumerate(["utf-8", "utf-16", "cp1258", "box"]):
            lv = self.level()
            page = self.secret_page(lv)
            text = page_text(page)
            if enc == "box":
                w = len(WORDS[lv]) + 4
                box = f"+{'-' * w}+\r\n|  {WORDS[lv]}  |\r\n+{'-' * w}+"
                text = text.replace(WORDS[lv], "\x00", 1)
                lines = text.split("\r\n")
                for k, line in enumerate(lines):
                    if "\x00" in line:
                        lines[k : k + 1] = ["          " + b for b in box.split("\r\n")]
                        break
                data = "\r\n".join(lines).encode("utf-8")
            elif enc == "cp1258":
                data = _cp1258(text)
            else:
                data = text.encode(enc)
            self.add(
                "txt", data, lv, "positive", "txt", "plain_text" if i != 3 else "plain_text_box"
            )

    # ------------------------------------------------------------ changed and declassified

    def changed_page(self, new: str, old: str, image: bool) -> Page:
        r = self.rng
        old_st = self.stamp(WORDS[old], image=image, struck=True, place="center", pt=14)
        new_st = self.stamp(WORDS[new], image=image, place="center", pt=14)
        note = f"Độ mật thay đổi từ {WORDS[old]} thành {WORDS[new]} theo Quyết định số {r.randint(10, 99)}/QĐ-UBND ngày {r.randint(1, 28):02d}/0{r.randint(4, 9)}/2026"
        return self.page(r.choice(SECRET_TOPICS), (old_st, new_st), notes=(note,))

    def changed(self) -> None:
        r = self.rng
        pairs = [
            ("mat", "toi_mat"),
            ("toi_mat", "tuyet_mat"),
            ("toi_mat", "mat"),
            ("tuyet_mat", "toi_mat"),
            ("mat", "tuyet_mat"),
            ("tuyet_mat", "mat"),
            ("toi_mat", "mat"),
            ("mat", "toi_mat"),
        ]
        for i, (new, old) in enumerate(pairs):
            image = i in (2, 3)
            page = self.changed_page(new, old, image)
            if i == 0:
                self.add(
                    "docx", letter_docx(page, "run", r), new, "positive", "docx", "level_change"
                )
            elif i == 1:
                self.add("pdf", text_pdf([page], r), new, "positive", "pdf", "level_change")
            elif i == 2:
                self.add(
                    "pdf",
                    encode(
                        [scanned(page_image(page, 200, r), r, mode="gray", angle=0.8)], "pdf", 200
                    ),
                    new,
                    "positive",
                    "scan",
                    "level_change",
                )
            elif i == 3:
                self.add(
                    "jpg",
                    photographed(page_image(page, 120, r), r, backdrop="desk"),
                    new,
                    "positive",
                    "photo",
                    "level_change",
                )
            elif i == 4:
                self.add(
                    "html", self.webpage(page, "strike"), new, "positive", "html", "level_change"
                )
            elif i == 5:
                self.pending_doc.append(
                    ("doc", letter_docx(page, "run", r), new, "positive", "level_change")
                )
            elif i == 6:
                self.add(
                    "pdf",
                    text_pdf([page], r, stamp_as_image=True),
                    new,
                    "positive",
                    "pdf",
                    "level_change",
                )
            else:
                self.add(
                    "png",
                    encode([scanned(page_image(page, 200, r), r, mode="rgb")], "png", 200),
                    new,
                    "positive",
                    "scan",
                    "level_change",
                )

    def declassified_page(self, image: bool, struck: bool) -> Page:
        r = self.rng
        old = r.choice(LEVELS)
        decision = f"Theo QĐ số {r.randint(10, 99)}/QĐ-UBND"
        stamps = (
            self.stamp(WORDS[old], image=image, struck=struck, place="center", pt=14),
            self.stamp(
                "GIẢI MẬT",
                image=image,
                place="center",
                pt=14,
                sub=(decision, f"ngày {r.randint(1, 28):02d}/0{r.randint(3, 9)}/2026"),
            ),
        )
        return self.page(r.choice(SECRET_TOPICS), stamps)

    def declassified(self) -> None:
        r = self.rng
        kinds = [
            "docx",
            "pdf",
            "scan-jpg",
            "scan-pdf",
            "photo",
            "doc",
            "xlsx",
            "html",
            "txt",
            "eml",
            "zip",
            "pptx",
        ]
        for i, kind in enumerate(kinds):
            image = kind in ("scan-jpg", "scan-pdf", "photo")
            page = self.declassified_page(image, struck=i % 2 == 0)
            fam = "declassified"
            if kind == "docx":
                self.add("docx", letter_docx(page, "run", r), None, "declassified", "docx", fam)
            elif kind == "pdf":
                self.add("pdf", text_pdf([page], r), None, "declassified", "pdf", fam)
            elif kind == "scan-jpg":
                self.add(
                    "jpg",
                    encode([scanned(page_image(page, 200, r), r, mode="rgb")], "jpg", 200),
                    None,
                    "declassified",
                    "scan",
                    fam,
                )
            elif kind == "scan-pdf":
                self.add(
                    "pdf",
                    encode(
                        [scanned(page_image(page, 200, r), r, mode="gray", angle=-1)], "pdf", 200
                    ),
                    None,
                    "declassified",
                    "scan",
                    fam,
                )
            elif kind == "photo":
                self.add(
                    "jpg",
                    photographed(page_image(page, 120, r), r, backdrop="lamp"),
                    None,
                    "declassified",
                    "photo",
                    fam,
                )
            elif kind == "doc":
                self.pending_doc.append(
                    ("doc", letter_docx(page, "cell", r), None, "declassified", fam)
                )
            elif kind == "xlsx":
                wb = self.workbook(
                    "merged",
                    page.stamps[0].text,
                    declass="GIẢI MẬT - Theo QĐ số 41/QĐ-UBND ngày 02/3/2026",
                )
                self.add("xlsx", wb, None, "declassified", "xlsx", fam)
            elif kind == "html":
                self.add("html", self.webpage(page, "strike"), None, "declassified", "html", fam)
            elif kind == "txt":
                self.add("txt", page_text(page).encode("utf-8"), None, "declassified", "txt", fam)
            elif kind == "eml":
                att = [("van_ban_giai_mat.pdf", "application/pdf", text_pdf([page], r))]
                self.add(
                    "eml",
                    mail(
                        sender="vp@bachlinh.gov.vn",
                        to="luutru@bachlinh.gov.vn",
                        subject="Chuyển lưu trữ tài liệu",
                        text="Gửi bộ phận lưu trữ tài liệu đã có quyết định giải mật.",
                        when=datetime(2026, 4, 20, 10, tzinfo=UTC),
                        ident="h8d9",
                        attachments=att,
                    ),
                    None,
                    "declassified",
                    "eml",
                    fam,
                )
            elif kind == "zip":
                self.add(
                    "zip",
                    zip_bytes(
                        [
                            ("luu_tru/tai_lieu.docx", letter_docx(page, "cell", r)),
                            (
                                "luu_tru/quyet_dinh.txt",
                                "Quyết định giải mật số 41/QĐ-UBND ngày 02/3/2026 kèm theo.".encode(),
                            ),
                        ]
                    ),
                    None,
                    "declassified",
                    "zip",
                    fam,
                )
            else:
                self.add(
                    "pptx",
                    self.deck(
                        [
                            ("Phương án (đã giải mật)", []),
                            ("Nội dung", ["Tài liệu đã được giải mật."]),
                        ],
                        picture=page.stamps[1],
                    ),
                    None,
                    "declassified",
                    "pptx",
                    fam,
                )

    # ------------------------------------------------------------ hard negatives

    def hard(self) -> None:
        r = self.rng
        H = "hard_negative"
        # the protection work's own papers
        for i, fmt in enumerate(
            ["docx", "pdf", "doc", "txt", "html", "eml", "zip", "docx", "pdf", "xlsx"]
        ):
            page = self.page(
                PROTECTION_TOPICS[i % len(PROTECTION_TOPICS)], agency=r.choice([0, 1, 3, 8])
            )
            self.emit(page, fmt, H, "protection_papers")
        # specimen stamps in training
        for i in range(3):
            topic = PROTECTION_TOPICS[i]
            slides = [
                (f"Tập huấn nghiệp vụ bảo vệ bí mật nhà nước - Lớp {i + 1}", []),
                (
                    "Mẫu dấu độ mật",
                    [
                        "Dấu độ mật hình chữ nhật, viền đơn, chữ in hoa đậm màu đỏ.",
                        "Vị trí: dưới số, ký hiệu văn bản.",
                    ],
                ),
                ("Nội dung", list(topic[1])),
            ]
            self.add("pptx", self.deck(slides, specimen=True), None, H, "pptx", "specimen_training")
        for i in range(3):
            page = self.page(PROTECTION_TOPICS[0], agency=3)
            spec = tuple(
                Stamp(WORDS[lv], pt=20, place="body", sub=("MẪU - dùng để hướng dẫn",))
                for lv in LEVELS[i : i + 1]
            )
            page = Page(
                **{
                    **page.__dict__,
                    "title": ("PHỤ LỤC", "Mẫu dấu độ mật (dùng để hướng dẫn)"),
                    "body": (
                        "Hình 1 dưới đây là mẫu dấu độ mật, chỉ để minh họa, không có giá trị sử dụng; dấu hình chữ nhật, viền đơn, chữ in hoa đậm màu đỏ, đóng dưới số, ký hiệu văn bản.",
                        *page.body[1:3],
                    ),
                    "stamps": spec,
                    "signer": (),
                }
            )
            if i == 0:
                self.add("pdf", text_pdf([page], r), None, H, "pdf", "specimen_training")
            elif i == 1:
                self.add(
                    "jpg",
                    encode([scanned(page_image(page, 200, r), r, mode="gray")], "jpg", 200),
                    None,
                    H,
                    "scan",
                    "specimen_training",
                )
            else:
                self.add(
                    "jpg",
                    photographed(page_image(page, 120, r), r, backdrop="desk"),
                    None,
                    H,
                    "photo",
                    "specimen_training",
                )
        # empty level fields
        form = (
            "PHIẾU ĐỀ XUẤT ĐỘ MẬT",
            "Tên văn bản: ....................................................",
            "Độ mật: .........................",
            "Căn cứ danh mục bí mật nhà nước: ....................",
            "Người đề xuất: ..................  Người duyệt: ..................",
        )
        for fmt in ["docx", "pdf", "xlsx", "html", "scan", "txt"]:
            page = self.page((("PHIẾU ĐỀ XUẤT",), form[1:]), agency=1)
            if fmt == "xlsx":
                self.add(
                    "xlsx",
                    self.workbook(
                        "none",
                        "",
                        title="SỔ ĐĂNG KÝ VĂN BẢN ĐI",
                        header_rows=("Số, ký hiệu|Ngày tháng|Trích yếu|Độ mật|Nơi nhận",),
                    ),
                    None,
                    H,
                    "xlsx",
                    "empty_level_field",
                )
            else:
                self.emit(page, fmt, H, "empty_level_field")
        # other red stamps under the number
        others = [
            "KHẨN",
            "HỎA TỐC",
            "THƯỢNG KHẨN",
            "BẢN SAO",
            "DỰ THẢO",
            "LƯU HÀNH NỘI BỘ",
            "KHẨN",
            "HỎA TỐC",
            "BẢN SAO",
            "ĐẾN",
        ]
        fmts = ["docx", "pdf", "scan", "photo", "doc", "html", "scan", "pdf", "docx", "scan"]
        for word, fmt in zip(others, fmts, strict=True):
            image = fmt in ("scan", "photo")
            sub = ("Số: 1528", "Ngày: 09/4/2026", "Chuyển: PCT Lượng") if word == "ĐẾN" else ()
            st = self.stamp(word, image=image, sub=sub, pt=14)
            page = self.page(r.choice(ORDINARY_TOPICS), (st,))
            self.emit(page, fmt, H, "other_red_stamp")
        party = self.page(
            ORDINARY_TOPICS[1],
            (Stamp("ĐẢNG CỘNG SẢN VIỆT NAM", pt=13, border="none", place="topright"),),
        )
        party.issuer = ("TỈNH ỦY BẠCH LĨNH", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
        party.motto = False
        self.emit(party, "scan", H, "other_red_stamp")
        self.emit(party, "pdf", H, "other_red_stamp")
        # other senses of "mật"
        self.other_senses()
        # leak news
        news = (
            ("BÁO BẠCH LĨNH ĐIỆN TỬ", "Xét xử vụ án làm lộ bí mật nhà nước"),
            (
                "Ngày 12/4, Tòa án nhân dân tỉnh Bạch Lĩnh mở phiên tòa sơ thẩm xét xử bị cáo N.V.T. (nguyên chuyên viên một sở) về tội cố ý làm lộ bí mật nhà nước.",
                'Theo cáo trạng, bị cáo đã chụp ảnh 03 tài liệu đóng dấu "TỐI MẬT" và 05 tài liệu đóng dấu "MẬT" rồi gửi qua ứng dụng nhắn tin cho người ngoài cơ quan.',
                "Hội đồng xét xử tuyên phạt bị cáo 4 năm tù. Vụ án là lời cảnh tỉnh về việc tuân thủ quy định bảo vệ bí mật nhà nước.",
            ),
        )
        for fmt in ["html", "pdf", "photo", "txt", "eml"]:
            page = Page(title=news[0], body=news[1], motto=False)
            self.emit(page, fmt, H, "leak_news")
        # counts by level
        for i in range(3):
            rows = ("Đơn vị|Tuyệt mật|Tối mật|Mật|Tổng",)
            self.add(
                "xlsx",
                self.workbook(
                    "none",
                    "",
                    title=f"THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 202{4 + i % 2} THEO ĐỘ MẬT",
                    header_rows=rows,
                ),
                None,
                H,
                "xlsx",
                "level_statistics",
            )
        stats = Page(
            title=("BIỂU THỐNG KÊ", "Số lượng tài liệu bí mật nhà nước theo độ mật"),
            body=(
                "Tuyệt mật: 12 tài liệu; Tối mật: 196 tài liệu; Mật: 1.076 tài liệu. Tổng cộng: 1.284 tài liệu.",
                "Số tài liệu đã giải mật trong năm: 87; số tài liệu đã tiêu hủy: 240.",
            ),
            issuer=AGENCIES[3][0],
            number="Số: 88/BC-CAT-PA03",
            place_date="Bạch Lĩnh, ngày 15 tháng 12 năm 2025",
        )
        self.emit(stats, "pdf", H, "level_statistics")
        self.emit(stats, "html", H, "level_statistics")
        # envelopes with other circled marks
        for i, (mark, style) in enumerate(
            [
                ("1", "printed"),
                ("2", "stamped"),
                ("Đ", "stamped"),
                ("R", "printed"),
                ("K", "hand"),
                ("3", "hand"),
                (None, "postal"),
                ("Đ", "printed"),
            ]
        ):
            ring = circled(mark, style, r, px=95) if mark else None
            img = self.envelope(
                ring,
                kraft=i % 2 == 0,
                postmark="BẠCH LĨNH" if mark is None or i == 3 else "",
                lines=("HỎA TỐC",) if i == 5 else (),
            )
            if i < 5:
                self.add(
                    "jpg",
                    photographed(img, r, backdrop=["hand", "desk", "cloth"][i % 3], portrait=False),
                    None,
                    H,
                    "photo",
                    "envelope_other_mark",
                )
            else:
                self.add(
                    "png",
                    encode([scanned(img, r, mode="rgb")], "png", 150),
                    None,
                    H,
                    "scan",
                    "envelope_other_mark",
                )
        # pages that say they hold no secret
        for fmt in ["pdf", "docx", "html", "eml"]:
            page = self.page(
                r.choice(ORDINARY_TOPICS), notes=("Độ mật: Không mật", "Độ khẩn: Thường")
            )
            self.emit(page, fmt, H, "not_secret_mark")

    def other_senses(self) -> None:
        r = self.rng
        H = "hard_negative"
        honey = Page(
            title=(
                "HỢP TÁC XÃ MẬT ONG BẠC HÀ LŨNG PÙ",
                "THÔNG BÁO GIÁ THU MUA MẬT ONG VỤ XUÂN 2026",
            ),
            body=(
                "Hợp tác xã thông báo giá thu mua mật ong bạc hà loại 1 là 320.000 đồng/lít, loại 2 là 260.000 đồng/lít.",
                "Mật ong phải đạt độ ẩm dưới 20%, không pha trộn đường, mật mía; bà con mang mẫu đến điểm thu mua tại xã Lũng Pù.",
            ),
            motto=False,
        )
        self.emit(honey, "docx", H, "other_sense")
        label = Page(
            title=("MẬT ONG RỪNG", "Đặc sản Bạch Lĩnh - 500 ml"),
            body=(
                "Thành phần: 100% mật ong hoa rừng tự nhiên.",
                "HSD: 24 tháng kể từ ngày sản xuất.",
            ),
            motto=False,
            stamps=(Stamp("MẬT ONG", pt=30, place="body", ink="scarlet", border="double"),),
        )
        self.add(
            "jpg",
            photographed(page_image(label, 110, r), r, backdrop="cloth"),
            None,
            H,
            "photo",
            "other_sense",
        )
        density = ("Xã|Diện tích (km2)|Dân số|Mật độ (người/km2)|Ghi chú",)
        self.add(
            "xlsx",
            self.workbook(
                "none", "", title="MẬT ĐỘ DÂN SỐ CÁC XÃ, PHƯỜNG NĂM 2025", header_rows=density
            ),
            None,
            H,
            "xlsx",
            "other_sense",
        )
        biz = Page(
            title=(
                "CÔNG TY CỔ PHẦN KHOÁNG SẢN TÂN QUANG",
                "THÔNG BÁO",
                "Về việc bảo vệ bí mật kinh doanh",
            ),
            body=(
                "Người lao động không được tiết lộ bí mật kinh doanh, bí mật công nghệ của Công ty, bao gồm giá thành, danh sách khách hàng và công thức tuyển quặng.",
                "Mọi thông tin mật của Công ty chỉ được trao đổi trong nội bộ; vi phạm sẽ bị xử lý theo Nội quy lao động và hợp đồng bảo mật đã ký.",
            ),
            motto=True,
            issuer=("CÔNG TY CP KHOÁNG SẢN", "TÂN QUANG"),
            number="Số: 17/TB-KSTQ",
            place_date="Bạch Lĩnh, ngày 02 tháng 4 năm 2026",
        )
        self.emit(biz, "pdf", H, "other_sense")
        password = self.page(
            (
                ("THÔNG BÁO", "Thay đổi mật khẩu hộp thư công vụ"),
                (
                    "Từ ngày 01/5/2026, cán bộ phải đổi mật khẩu hộp thư công vụ ít nhất 90 ngày một lần; mật khẩu dài tối thiểu 12 ký tự.",
                    "Không dùng chung mật khẩu, không lưu mật khẩu trên trình duyệt của máy tính dùng chung.",
                ),
            ),
            agency=6,
        )
        self.emit(password, "html", H, "other_sense")
        self.emit(password, "eml", H, "other_sense")
        sugar = self.page(
            (
                ("BÁO CÁO", "Tình hình sản xuất mía đường vụ 2025-2026"),
                (
                    "Sản lượng mía đưa vào ép đạt 182.000 tấn; sản lượng mật rỉ thu hồi 7.400 tấn, tiêu thụ chủ yếu cho sản xuất cồn và thức ăn chăn nuôi.",
                    "Giá mật rỉ bình quân 3.100 đồng/kg, tăng 6% so với vụ trước.",
                ),
            ),
            agency=7,
        )
        self.emit(sugar, "txt", H, "other_sense")
        speech = [
            ("Gắn kết quân dân", []),
            (
                "Quan hệ mật thiết",
                [
                    "Mối quan hệ mật thiết giữa lực lượng vũ trang và nhân dân.",
                    "Thân mật, gần gũi với đồng bào các dân tộc.",
                ],
            ),
            ("Kết quả", ["Tổ chức 12 buổi giao lưu."]),
        ]
        self.add("pptx", self.deck(speech), None, H, "pptx", "other_sense")
        plan = self.page(
            (
                ("QUY ĐỊNH", "Chỉ tiêu quy hoạch khu dân cư mới Xuân Đài"),
                (
                    "Mật độ xây dựng tối đa 60%; tầng cao tối đa 5 tầng; hệ số sử dụng đất 3,0 lần.",
                    "MẬT ĐỘ XÂY DỰNG gộp toàn khu không vượt quá 45%.",
                ),
            ),
            agency=9,
        )
        self.emit(plan, "scan", H, "other_sense")
        self.emit(plan, "doc", H, "other_sense")

    # ------------------------------------------------------------ negatives

    def negatives(self) -> None:
        r = self.rng
        fmts = [
            "docx",
            "pdf",
            "scan",
            "photo",
            "xlsx",
            "html",
            "txt",
            "eml",
            "zip",
            "pptx",
            "doc",
            "docx",
            "pdf",
            "scan",
            "html",
            "txt",
            "pdf",
            "docx",
            "doc",
            "photo",
            "eml",
            "pdf",
        ]
        for fmt in fmts:
            page = self.page(r.choice(ORDINARY_TOPICS))
            self.emit(page, fmt, "negative", "ordinary")
        for i in range(4):
            img = self.envelope(None, kraft=i % 2 == 1, postmark="BẠCH LĨNH" if i < 2 else "")
            if i < 3:
                self.add(
                    "jpg",
                    photographed(img, r, backdrop=["hand", "desk", "cloth"][i], portrait=False),
                    None,
                    "negative",
                    "photo",
                    "ordinary_envelope",
                )
            else:
                self.add(
                    "pdf",
                    encode([scanned(img, r, mode="gray")], "pdf", 150),
                    None,
                    "negative",
                    "scan",
                    "ordinary_envelope",
                )

    def emit(self, page: Page, fmt: str, category: str, family: str) -> None:
        """A page without a level in the given format (negatives and hard negatives)."""
        r = self.rng
        if fmt == "docx":
            self.add(
                "docx",
                letter_docx(page, r.choice(["run", "cell", "first-header"]), r),
                None,
                category,
                "docx",
                family,
            )
        elif fmt == "doc":
            self.pending_doc.append(("doc", letter_docx(page, "run", r), None, category, family))
        elif fmt == "pdf":
            self.add(
                "pdf",
                text_pdf([page, self.continuation(page, 1)] if page.issuer else [page], r),
                None,
                category,
                "pdf",
                family,
            )
        elif fmt == "scan":
            kind = r.choice(["pdf", "jpg", "tif"])
            mode = "bw" if kind == "tif" else r.choice(["gray", "rgb"])
            self.add(
                kind,
                encode(
                    [scanned(page_image(page, 200, r), r, mode=mode, angle=r.uniform(-1.5, 1.5))],
                    kind,
                    200,
                ),
                None,
                category,
                "scan",
                family,
            )
        elif fmt == "photo":
            self.add(
                "jpg",
                photographed(
                    page_image(page, 110, r), r, backdrop=r.choice(["desk", "lamp", "cloth"])
                ),
                None,
                category,
                "photo",
                family,
            )
        elif fmt == "xlsx":
            self.add(
                "xlsx",
                self.workbook("none", "", title=" ".join(page.title).upper()),
                None,
                category,
                "xlsx",
                family,
            )
        elif fmt == "html":
            self.add("html", self.webpage(page, "div"), None, category, "html", family)
        elif fmt == "txt":
            self.add("txt", page_text(page).encode("utf-8"), None, category, "txt", family)
        elif fmt == "eml":
            att = [("van_ban.pdf", "application/pdf", text_pdf([page], r))]
            self.add(
                "eml",
                mail(
                    sender="vanthu@bachlinh.gov.vn",
                    to="cacdonvi@bachlinh.gov.vn",
                    subject=" ".join(page.title)[:70],
                    text="Kính gửi các đơn vị văn bản kèm theo.",
                    when=datetime(2026, 4, r.randint(1, 28), 9, tzinfo=UTC),
                    ident=f"h8n{len(self.items)}",
                    attachments=att,
                ),
                None,
                category,
                "eml",
                family,
            )
        elif fmt == "zip":
            self.add(
                "zip",
                zip_bytes(
                    [
                        ("van_ban/vb.docx", letter_docx(page, "run", r)),
                        ("van_ban/vb.txt", page_text(page).encode("utf-8")),
                    ]
                ),
                None,
                category,
                "zip",
                family,
            )
        elif fmt == "pptx":
            self.add(
                "pptx",
                self.deck([(" ".join(page.title), []), ("Nội dung", list(page.body))]),
                None,
                category,
                "pptx",
                family,
            )
        else:
            raise ValueError(fmt)

    # ------------------------------------------------------------ LibreOffice

    def convert(self) -> None:
        """Word 97 files from DOCX, and DOCX written by LibreOffice from flat ODT, each in one
        LibreOffice call."""
        lo_in = {
            f"lo{i:02d}.fodt": text.encode("utf-8")
            for i, (_, text, *_r) in enumerate(self.pending_lo)
        }
        lo_out = soffice_convert(lo_in, "docx:MS Word 2007 XML")
        for i, (_, _t, level, category, family) in enumerate(self.pending_lo):
            body = lo_out.get(f"lo{i:02d}.fodt")
            if body:
                self.add("docx", fixed_zip(body), level, category, "docx", family)
        doc_in = {f"w{i:02d}.docx": data for i, (_, data, *_r) in enumerate(self.pending_doc)}
        doc_out = soffice_convert(doc_in, "doc:MS Word 97")
        for i, (_, _d, level, category, family) in enumerate(self.pending_doc):
            body = doc_out.get(f"w{i:02d}.docx")
            if body:
                self.add("doc", body, level, category, "doc", family)


def _cp1258(text: str) -> bytes:
    """Vietnamese in windows-1258: base letters with a circumflex, breve or horn precomposed,
    tone marks as combining characters."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if (
            out
            and ch in "\u0302\u0306\u031b"
            and unicodedata.normalize("NFC", out[-1] + ch) != out[-1] + ch
        ):
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
        else:
            out.append(ch)
    # NFD puts the dot below before the circumflex: move vowel marks onto their base first
    fixed: list[str] = []
    for ch in out:
        if fixed and ch in "\u0302\u0306\u031b":
            tone = fixed.pop()
            fixed[-1] = unicodedata.normalize("NFC", fixed[-1] + ch)
            fixed.append(tone)
        else:
            fixed.append(ch)
    return "".join(fixed).encode("cp1258", errors="replace")


_STEMS = ("vb", "tailieu", "hoso", "file", "tep", "dinhkem", "taive", "bansao", "ban_in", "noidung")


def _name(index: int, ext: str, fmt: str, rng: random.Random) -> str:
    if fmt == "photo" or (fmt == "scan" and ext == "jpg" and rng.random() < 0.5):
        stamp = f"2026{rng.randint(3, 11):02d}{rng.randint(1, 28):02d}_{rng.randint(7, 18):02d}{rng.randint(0, 59):02d}{rng.randint(0, 59):02d}"
        return f"{index:03d}-IMG_{stamp}.{ext}"
    if fmt == "scan":
        return f"{index:03d}-scan{rng.randint(1, 9999):04d}.{ext}"
    return f"{index:03d}-{rng.choice(_STEMS)}_{rng.randint(10, 999)}.{ext}"


def build(seed: int = SEED) -> list[Item]:
    rng = random.Random(seed)
    c = _Corpus(rng)
    steps: list[Callable[[], None]] = [
        c.word,
        c.pdfs,
        c.scans,
        c.photos,
        c.envelopes,
        c.sheets,
        c.slides,
        c.webs,
        c.mails,
        c.archives,
        c.texts,
        c.changed,
        c.declassified,
        c.hard,
        c.negatives,
        c.convert,
    ]
    for step in steps:
        step()
    order = list(range(len(c.items)))
    rng.shuffle(order)
    items = []
    for index, k in enumerate(order):
        ext, data, level, category, fmt, family = c.items[k]
        items.append(
            Item(
                name=_name(index, ext, fmt, rng),
                data=data,
                secret=category == "positive",
                level=level if category == "positive" else None,
                declassified=category == "declassified",
                category=category,
                format=fmt,
                family=family,
            )
        )
    return items


def main(out: str) -> None:
    write_corpus(Path(out), build(SEED))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout8_out")
