"""Held-out corpus 13 for the leak scanner: 223 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only tests/corpus/common.py, the bench harness and heldout12's
docstring and imports); nothing may be tuned against it, and its first run's figures are the
honest estimate. `build(SEED)` returns the files; `python -m tests.corpus.heldout13 OUT` writes
them and `labels.jsonl`. Renderers: tests/corpus/heldout13_render.py.

The documents come from a fictional inland mountain province on the Lao border, Tây Lãng
(communes Bản Phủng, Nà Sự, Khe Tre, Pa Chiến, Suối Ngang, Mường Lói; wards Tân Giang and Mỏ
Đá): the provincial police, military command and border guard, the party's organisation board,
the departments of agriculture and environment, finance, health, industry and trade, ethnic and
religious affairs, the inspectorate, the people's committee's office and a commune. Their secret
subjects: guarding a visit of national leaders at the Bản Phủng border gate, a human-trafficking
ring on the Nà Sự trail and its informants, the defence-zone exercise on Đồi Sim hill, patrols
of an unmarked trail near boundary marker 214, the cadre-planning list of the next term, a
rare-earth deposit at Pa Chiến, the reserve fuel depot for defence, an anthrax outbreak before
it was announced, the response plan for an unlawful religious gathering at Khe Tre, an
inspection's conclusions before publication, the emergency plan of the Suối Ngang dam, the
commune militia's hidden caches and the defence and security budget in detail.

Secret files carry a level stamp (red, dark red, faded, photocopied black or blue-black; serif,
sans, italic, condensed and monospaced faces; single, double, thick, rounded, broken or no
frame; tilted, worn) under the number and symbol, at the top right or left, over the body, by
the signature (partly under the round seal), in the footer, on a later page or on an annex. Scans
are skewed, turned 90/180/270, speckled, grey, bilevel, low resolution, JPEG, multipage PDF or
TIFF; new kinds: fax copies with the sender's header line, stapled copies, coloured paper, two
pages copied on one sheet. Phone photos have perspective, light falling off and a shadow;
envelopes carry a circled A/B/C (A with "CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ"). Word files have the
stamp in a framed paragraph, in the header table, in a text box, in the page header or footer, as
a picture, by the signature, on an annex; Word 97 files are LibreOffice's conversions of such
files; PDFs have a text layer with framed text or a stamp picture; workbooks carry the level in
the printed header or footer, a title cell or a later sheet; web pages in a box, spaced, cut
across spans, as character references, in a metadata table or as a picture; plain text as a
heading, a metadata line, decomposed Unicode or UTF-16; mail in the body or an attachment;
archives (nested too) and slides. A changed level (old stamp struck through, with the new level
or a "ĐIỀU CHỈNH ĐỘ MẬT" stamp naming it) is secret at the new level; a declassified file ("GIẢI
MẬT" stamp with date, decision and signer) is not secret.

Hard negatives: plans and reports on protecting state secrets, training material with captioned
specimen stamps, counts by level, empty level fields in forms and registers, leak news, a notice
of a court case on a leak, other senses of "mật" (honey, passwords, density, molasses, closeness,
trade secrets, the gall bladder, privacy, an ambush in a war memoir, exam passwords), other red
stamps (KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO, SAO Y BẢN CHÍNH, DỰ THẢO, ĐẾN, LƯU HÀNH NỘI BỘ, ĐÃ
XỬ LÝ, CÔNG KHAI), envelopes with other marks (a circled figure, a registered-mail label, a
round seal, HỎA TỐC), a public declassification decision; and kinds of its own: a stamp
maker's price list with sample level stamps, a tender for safes for secret papers, a job notice
for a security clerk, the blank cover of a secret-documents register.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from random import Random
from typing import Any

from PIL import Image

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    jpeg,
    labelled,
    png,
    renumbered,
    word97_items,
    word97_of,
    write_corpus,
    zip_of,
)
from tests.corpus.heldout13_render import (
    BLUE_BLACK,
    COPY_BLACK,
    CREAM,
    DARK_RED,
    FADED_RED,
    FRAMES,
    KRAFT,
    PAPERS,
    PINK,
    RED,
    STAMP_FACES,
    WHITE,
    Doc,
    Scan,
    Stamp,
    circled,
    docx_of,
    encoded,
    envelope,
    html_page,
    img_tag,
    mail,
    pdf_of_pictures,
    pdf_text,
    photographed,
    pptx_of,
    render_pages,
    round_seal,
    scanned,
    signature_scrawl,
    stamp_image,
    tiff_of_pictures,
    two_up,
    xlsx_of,
)
from tests.corpus.scanner_corpus import Item

SEED = 1313131
PROVINCE = "Tây Lãng"
STEMS = (
    "van_ban",
    "tai_lieu",
    "scan",
    "IMG",
    "baocao",
    "kehoach",
    "congvan",
    "hop",
    "file",
    "tonghop",
    "ban_chup",
    "DOC",
    "luu",
    "gui_anh",
    "nhan",
)

# (parent, agency, symbol, signer's role, signer, party)
AGENCIES = {
    "police": (
        "UBND TỈNH TÂY LÃNG",
        "Công an tỉnh",
        "CAT-PA01",
        "GIÁM ĐỐC",
        "Đại tá Lò Văn Thắm",
        False,
    ),
    "military": (
        "QUÂN KHU 2",
        "Bộ Chỉ huy Quân sự tỉnh",
        "BCH-TM",
        "CHỈ HUY TRƯỞNG",
        "Đại tá Hà Quang Vịnh",
        False,
    ),
    "border": (
        "BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG",
        "Bộ Chỉ huy BĐBP tỉnh",
        "BĐBP-TM",
        "CHỈ HUY TRƯỞNG",
        "Đại tá Vi Đức Lượng",
        False,
    ),
    "party": ("TỈNH ỦY TÂY LÃNG", "Ban Tổ chức", "BTCTU", "TRƯỞNG BAN", "Lường Thị Mai", True),
    "agri": (
        "UBND TỈNH TÂY LÃNG",
        "Sở Nông nghiệp và Môi trường",
        "SNNMT",
        "GIÁM ĐỐC",
        "Quàng Văn Hiếu",
        False,
    ),
    "finance": ("UBND TỈNH TÂY LÃNG", "Sở Tài chính", "STC", "GIÁM ĐỐC", "Đinh Thị Hằng", False),
    "health": ("UBND TỈNH TÂY LÃNG", "Sở Y tế", "SYT", "GIÁM ĐỐC", "Bạc Cầm Tú", False),
    "trade": ("UBND TỈNH TÂY LÃNG", "Sở Công Thương", "SCT", "GIÁM ĐỐC", "Phan Đình Khải", False),
    "ethnic": (
        "UBND TỈNH TÂY LÃNG",
        "Sở Dân tộc và Tôn giáo",
        "SDTTG",
        "GIÁM ĐỐC",
        "Lò Thị Xuân",
        False,
    ),
    "inspect": (
        "UBND TỈNH TÂY LÃNG",
        "Thanh tra tỉnh",
        "TTr",
        "CHÁNH THANH TRA",
        "Nguyễn Hữu Khởi",
        False,
    ),
    "office": (
        "UBND TỈNH TÂY LÃNG",
        "Văn phòng UBND tỉnh",
        "VP",
        "CHÁNH VĂN PHÒNG",
        "Tòng Văn Nghĩa",
        False,
    ),
    "commune": ("TỈNH TÂY LÃNG", "UBND xã Pa Chiến", "UBND", "CHỦ TỊCH", "Mùa A Sử", False),
    "education": (
        "UBND TỈNH TÂY LÃNG",
        "Sở Giáo dục và Đào tạo",
        "SGDĐT",
        "GIÁM ĐỐC",
        "Hoàng Thị Lụa",
        False,
    ),
    "culture": (
        "UBND TỈNH TÂY LÃNG",
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        "GIÁM ĐỐC",
        "Trần Minh Sơn",
        False,
    ),
}


@dataclass
class Subject:
    agency: str
    code: str  # the kind's symbol: KH, BC, PA, TTr...
    kind: str
    title: str
    body: list[str]
    table: list[list[object]] = field(default_factory=list)


SECRETS = [
    Subject(
        "police",
        "KH",
        "KẾ HOẠCH",
        "Bảo vệ tuyệt đối an toàn đoàn lãnh đạo cấp cao thăm, làm việc tại cửa khẩu Bản Phủng",
        [
            "Thời gian đoàn đến dự kiến 08 giờ 30 ngày 21/5/2026, di chuyển bằng ô tô theo tuyến Tân Giang - đèo Khau Lìn - Bản Phủng, xe dẫn đoàn mang biển số nội bộ TL-06.",
            "Bố trí 3 vòng bảo vệ: vòng trong do Phòng Cảnh vệ đảm nhiệm; vòng giữa 42 cán bộ Công an tỉnh mặc thường phục; vòng ngoài lực lượng Biên phòng và dân quân xã Bản Phủng chốt tại các điểm cao 1106 và 1124.",
            "Phương án dự phòng: khi có tình huống phức tạp, đoàn chuyển hướng về trụ sở Đồn Biên phòng Nà Sự; bệnh viện dự bị là Trung tâm Y tế khu vực Mường Lói, kíp mổ trực 24/24 giờ.",
            "Mật danh liên lạc của các tổ: Sơn Ca, Họa Mi, Chèo Bẻo; tần số dự phòng chỉ phổ biến bằng lời tại buổi giao nhiệm vụ.",
        ],
        [
            ["Điểm chốt", "Lực lượng", "Quân số"],
            ["Điểm cao 1106", "Dân quân Bản Phủng", 12],
            ["Cầu Nậm Pay", "CSCĐ", 18],
            ["Cổng cửa khẩu", "Biên phòng", 24],
        ],
    ),
    Subject(
        "police",
        "BC",
        "BÁO CÁO",
        "Kết quả đấu tranh chuyên án mua bán người qua đường mòn Nà Sự (chuyên án TL-26)",
        [
            "Qua trinh sát đã xác định đường dây gồm 9 đối tượng, cầm đầu là Vàng A Chỉnh, thường đưa phụ nữ từ các xã vùng cao sang bên kia biên giới qua lối mòn khe Nậm Sự vào ban đêm.",
            "Các cơ sở bí mật mang bí số NS-03, NS-07 và NS-11 đang hoạt động trong nội bộ đường dây; đề nghị giữ nguyên vị trí các cơ sở đến khi kết thúc giai đoạn 2 của chuyên án.",
            "Dự kiến tổ chức bắt giữ đồng loạt trong đêm 14 rạng sáng 15/6/2026 tại 3 địa điểm; lực lượng phối hợp gồm Công an tỉnh và Đồn Biên phòng Nà Sự.",
        ],
        [
            ["Bí số", "Vị trí", "Nhiệm vụ"],
            ["NS-03", "Bản Huổi Một", "Theo dõi xe khách"],
            ["NS-07", "Chợ phiên Nà Sự", "Nắm kế hoạch đưa người"],
            ["NS-11", "Khe Nậm Sự", "Báo lịch vượt biên"],
        ],
    ),
    Subject(
        "military",
        "KH",
        "KẾ HOẠCH",
        "Diễn tập khu vực phòng thủ tỉnh Tây Lãng năm 2026",
        [
            "Ý định diễn tập: tổ chức chuyển trạng thái sẵn sàng chiến đấu, sơ tán cơ quan tỉnh về căn cứ hậu phương tại thung lũng Khe Tre trong 36 giờ.",
            "Trận địa phòng không tạm thời bố trí trên đồi Sim (tọa độ 21°41'12\" B, 103°18'40\" Đ); sở chỉ huy cơ bản đặt trong hang Pá Luông, sở chỉ huy dự bị tại trường bắn Mường Lói.",
            "Lực lượng tham gia: 2 tiểu đoàn bộ binh, 1 đại đội trinh sát, 480 dân quân tự vệ; vũ khí, đạn thật sử dụng theo biểu số 3 kèm theo.",
        ],
        [
            ["Hạng mục", "Vị trí", "Thời gian"],
            ["Sở chỉ huy cơ bản", "Hang Pá Luông", "N-1"],
            ["Trận địa phòng không", "Đồi Sim", "N"],
            ["Kho đạn dã chiến", "Suối Ngang", "N-2"],
        ],
    ),
    Subject(
        "border",
        "PA",
        "PHƯƠNG ÁN",
        "Tuần tra, kiểm soát đoạn đường mòn chưa có lối mở khu vực mốc 214",
        [
            "Đoạn đường mòn dài 7,4 km từ mốc 214 đến khe Pa Hốc hiện là tuyến vận chuyển ma túy của nhóm có vũ trang; tổ tuần tra được bố trí ẩn nấp tại 4 điểm phục kích.",
            "Thời gian tuần tra thay đổi hằng ngày theo bảng mã trong phụ lục; tổ công tác không mang theo điện thoại di động cá nhân.",
            "Khi đối tượng chống trả bằng vũ khí, tổ trưởng được quyền nổ súng theo quy định; báo cáo ngay về Sở chỉ huy theo kênh cơ yếu.",
        ],
        [
            ["Điểm", "Tọa độ", "Quân số"],
            ["PK1", "x 2395120 y 512330", 6],
            ["PK2", "x 2396044 y 513902", 5],
            ["PK3", "x 2397212 y 514877", 6],
        ],
    ),
    Subject(
        "party",
        "TTr",
        "TỜ TRÌNH",
        "Danh sách quy hoạch Ban Thường vụ Tỉnh ủy nhiệm kỳ 2026 - 2031",
        [
            "Trên cơ sở kết quả giới thiệu của các đơn vị và phiếu tín nhiệm, Ban Tổ chức Tỉnh ủy trình danh sách 21 đồng chí được đưa vào quy hoạch Ban Thường vụ, trong đó 6 đồng chí quy hoạch chức danh chủ chốt.",
            "Kèm theo là nhận xét, đánh giá về phẩm chất, năng lực và những vấn đề còn có ý kiến khác nhau đối với từng đồng chí, kết quả xác minh đơn thư liên quan.",
            "Đề nghị Ban Thường vụ cho ý kiến trước khi báo cáo Ban Tổ chức Trung ương.",
        ],
        [
            ["TT", "Họ và tên", "Chức vụ hiện tại", "Phiếu tín nhiệm"],
            [1, "Lương Văn Chiến", "Phó Chủ tịch UBND tỉnh", "87,5%"],
            [2, "Cầm Thị Phượng", "Bí thư Đảng ủy xã Mường Lói", "79,1%"],
            [3, "Nông Đức Tài", "Giám đốc Sở Tài chính", "71,4%"],
        ],
    ),
    Subject(
        "agri",
        "BC",
        "BÁO CÁO",
        "Kết quả đánh giá trữ lượng đất hiếm khu vực Pa Chiến",
        [
            "Kết quả khoan thăm dò 46 lỗ khoan cho thấy thân quặng chính dài 2,1 km, hàm lượng tổng oxit đất hiếm trung bình 1,86%, tài nguyên dự báo cấp 333 đạt 1,27 triệu tấn.",
            "Tọa độ các khối trữ lượng và hàm lượng từng nguyên tố nhóm nặng được nêu tại phụ lục; chưa công bố, chưa đưa vào quy hoạch khoáng sản.",
            "Đề nghị khoanh định khu vực dự trữ khoáng sản quốc gia, tạm dừng cấp phép thăm dò mới trong bán kính 5 km.",
        ],
        [
            ["Khối", "Trữ lượng (nghìn tấn)", "Hàm lượng TR2O3"],
            ["K1", 512, "2,04%"],
            ["K2", 438, "1,77%"],
            ["K3", 320, "1,61%"],
        ],
    ),
    Subject(
        "trade",
        "PA",
        "PHƯƠNG ÁN",
        "Dự trữ xăng dầu phục vụ quốc phòng - an ninh trên địa bàn tỉnh",
        [
            "Kho dự trữ ngầm đặt tại khu vực Mỏ Đá, sức chứa 3.200 m3, gồm 8 bồn; lối vào ngụy trang bằng xưởng gỗ của hợp tác xã.",
            "Mức dự trữ tối thiểu bảo đảm cho hoạt động của lực lượng vũ trang tỉnh trong 45 ngày khi có chiến sự; phương án cấp phát và lộ trình vận chuyển nêu tại phụ lục.",
            "Chỉ lãnh đạo Sở và cán bộ được phân công mới được biết vị trí và mức tồn kho.",
        ],
        [
            ["Bồn", "Loại", "Tồn (m3)"],
            ["B1", "Diesel", 410],
            ["B2", "Diesel", 395],
            ["B5", "Xăng RON 92", 360],
        ],
    ),
    Subject(
        "health",
        "BC",
        "BÁO CÁO",
        "Tình hình ổ dịch bệnh than tại bản Huổi Lè, xã Mường Lói (chưa công bố)",
        [
            "Ngày 02/4/2026 ghi nhận 7 ca bệnh than da và 1 ca nghi bệnh than đường tiêu hóa, liên quan giết mổ trâu chết; ổ dịch chưa được công bố.",
            "Đã khoanh vùng bản Huổi Lè, tiêm phòng cho 1.140 con gia súc; đề nghị chưa thông tin ra ngoài khi chưa có ý kiến của Ban Chỉ đạo để tránh tâm lý hoang mang.",
            "Danh sách bệnh nhân và kết quả xét nghiệm gửi kèm báo cáo.",
        ],
        [
            ["Bệnh nhân", "Tuổi", "Kết quả"],
            ["L.V.P", 34, "Dương tính"],
            ["L.T.H", 29, "Dương tính"],
            ["Q.A.S", 41, "Chờ kết quả"],
        ],
    ),
    Subject(
        "ethnic",
        "PA",
        "PHƯƠNG ÁN",
        "Xử lý tụ tập đông người theo tà đạo tại xã Khe Tre",
        [
            "Dự báo khoảng 300 người theo nhóm tà đạo sẽ tụ tập tại đỉnh Phu Luông vào dịp rằm tháng Bảy; đối tượng cầm đầu là Thào A Dế đang bị theo dõi.",
            "Lực lượng vận động gồm cán bộ dân tộc, người có uy tín và già làng; lực lượng cơ động bố trí ẩn tại trụ sở xã và Trạm Y tế, chỉ triển khai khi có lệnh.",
            "Các tình huống và biện pháp xử lý cụ thể kèm theo; không phổ biến phương án này trên các nhóm mạng xã hội.",
        ],
    ),
    Subject(
        "inspect",
        "KL",
        "KẾT LUẬN THANH TRA",
        "Việc giao đất, cho thuê đất tại khu đô thị mới phường Mỏ Đá (dự thảo trình Chủ tịch UBND tỉnh)",
        [
            "Qua thanh tra xác định 14 lô đất giao không qua đấu giá, gây thất thoát khoảng 38,6 tỷ đồng; trách nhiệm thuộc một số cán bộ lãnh đạo đương nhiệm.",
            "Đề nghị chuyển hồ sơ sang Cơ quan Cảnh sát điều tra đối với các sai phạm có dấu hiệu tội phạm; danh sách cá nhân liên quan nêu tại phụ lục.",
            "Nội dung kết luận chưa được công khai cho đến khi người có thẩm quyền ký ban hành.",
        ],
    ),
    Subject(
        "office",
        "KH",
        "KẾ HOẠCH",
        "Bảo vệ đập thủy điện Suối Ngang và sơ tán dân khi xả lũ khẩn cấp",
        [
            "Sơ đồ hành lang bảo vệ đập, vị trí các cửa van và trạm điều khiển dự phòng được nêu tại phụ lục 1; lực lượng bảo vệ mục tiêu gồm 1 trung đội cảnh sát cơ động.",
            "Khi nhận được tín hiệu báo động cấp 3, sơ tán 2.800 hộ dân hạ du theo 4 tuyến về các điểm tập kết; mã tín hiệu báo động chỉ giao cho người chỉ huy.",
            "Phương án chống phá hoại mục tiêu: tuần tra vũ trang 24/24 giờ, cấm flycam trong bán kính 3 km.",
        ],
    ),
    Subject(
        "commune",
        "BC",
        "BÁO CÁO",
        "Vị trí cất giấu lương thực, vũ khí của dân quân xã trong thời chiến",
        [
            "Xã Pa Chiến đã xây dựng 5 điểm cất giấu lương thực và 2 điểm cất giấu vũ khí tại các hang đá phía tây bản Pa Hốc, được ngụy trang và giao cho tiểu đội dân quân quản lý.",
            "Sơ đồ đường đi, dấu hiệu nhận biết và số lượng vật chất từng điểm nêu trong bảng kèm theo.",
            "Đề nghị Ban Chỉ huy Quân sự xã kiểm tra định kỳ mỗi quý một lần.",
        ],
        [
            ["Điểm", "Dấu hiệu", "Vật chất"],
            ["Hang 1", "Cây sung đôi", "2 tấn gạo"],
            ["Hang 3", "Tảng đá hình voi", "14 súng, 2.100 viên đạn"],
            ["Hang 4", "Suối cạn", "Muối, thuốc"],
        ],
    ),
    Subject(
        "finance",
        "DT",
        "DỰ TOÁN",
        "Chi tiết chi quốc phòng, an ninh của tỉnh năm 2027",
        [
            "Tổng dự toán chi quốc phòng 412,8 tỷ đồng, chi an ninh 286,4 tỷ đồng, chi tiết theo từng nhiệm vụ, công trình phòng thủ và lực lượng tại biểu kèm theo.",
            "Riêng kinh phí xây dựng công trình chiến đấu khu vực Đồi Sim và hệ thống hầm sở chỉ huy bố trí 96 tỷ đồng, không thể hiện trong dự toán công khai.",
            "Đề nghị Thường trực UBND tỉnh cho ý kiến trước khi trình HĐND tỉnh tại phiên họp kín.",
        ],
        [
            ["Nội dung", "Dự toán (triệu đồng)"],
            ["Công trình chiến đấu Đồi Sim", 96000],
            ["Hầm sở chỉ huy", 41500],
            ["Huấn luyện dân quân", 38200],
        ],
    ),
]


LONG_TAIL = [
    "Giao các đơn vị liên quan căn cứ chức năng, nhiệm vụ triển khai thực hiện; định kỳ báo cáo kết quả về cơ quan thường trực trước ngày 25 hằng tháng để tổng hợp.",
    "Cơ quan thường trực chủ trì, phối hợp với các lực lượng tổ chức kiểm tra, đôn đốc; kịp thời phát hiện, chấn chỉnh những thiếu sót trong quá trình thực hiện.",
    "Bảo đảm thông tin liên lạc thông suốt giữa sở chỉ huy và các tổ công tác; mọi thay đổi về thời gian, lực lượng phải được người chỉ huy phê duyệt bằng văn bản.",
    "Kinh phí thực hiện bố trí từ nguồn dự toán chi thường xuyên năm 2026 của các đơn vị và nguồn kinh phí bảo đảm nhiệm vụ quốc phòng, an ninh của tỉnh.",
    "Công tác hậu cần, y tế, phương tiện đi lại do các đơn vị tự bảo đảm; trường hợp vượt khả năng thì đề xuất cơ quan thường trực xem xét hỗ trợ.",
    "Kết thúc từng giai đoạn, các đơn vị tổ chức rút kinh nghiệm, báo cáo kết quả, đề xuất khen thưởng tập thể, cá nhân có thành tích xuất sắc.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc phát sinh, các đơn vị phản ánh kịp thời để xem xét, giải quyết theo thẩm quyền hoặc báo cáo cấp có thẩm quyền.",
    "Yêu cầu thủ trưởng các đơn vị quán triệt đến từng cán bộ, chiến sĩ; tuyệt đối không để xảy ra sơ hở, bị động, bất ngờ trong mọi tình huống.",
]


@dataclass
class Ctx:
    rng: Random
    items: list[Item] = field(default_factory=list)
    legacy: list[tuple[str, bytes, str | None, str, str, bool]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)

    def name(self, ext: str) -> str:
        """A neutral file name; its leading '000' is replaced by the running number when the
        corpus is shuffled, and a random tag keeps names apart before that."""
        stem = self.rng.choice(STEMS)
        tail = self.rng.choice(
            (
                "",
                f"_{self.rng.randrange(1, 99):02d}",
                f"_2026{self.rng.randrange(1, 13):02d}{self.rng.randrange(1, 29):02d}",
                "_final",
                "_ban_in",
            )
        )
        name = f"000_{stem}{tail}_{self.rng.randrange(16**4):04x}.{ext}"
        if name in self.used:
            return self.name(ext)
        self.used.add(name)
        return name

    def add(
        self,
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
            labelled(self.name(ext), data, level, category, fmt, family, declassified=declassified)
        )


def make_doc(c: Ctx, s: Subject, *, long: bool = False, annex: bool = False) -> Doc:
    parent, agency, symbol, role, signer, party = AGENCIES[s.agency]
    rng = c.rng
    day, month = rng.randrange(1, 29), rng.randrange(1, 13)
    body = list(s.body)
    if long:
        body += LONG_TAIL * 2
    annex_text = (
        [" - ".join(str(v) for v in row) for row in s.table]
        if annex and s.table
        else (
            ["Danh sách chi tiết lực lượng, địa điểm và thời gian thực hiện theo từng giai đoạn."]
            if annex
            else []
        )
    )
    return Doc(
        parent,
        agency,
        f"Số: {rng.randrange(12, 980)}/{s.code}-{symbol}",
        f"{PROVINCE}, ngày {day:02d} tháng {month:02d} năm 2026",
        s.kind,
        s.title,
        body,
        role,
        signer,
        party=party,
        annex=annex_text,
    )


def level_stamp(
    c: Ctx, level: str, *, ink: tuple[int, int, int] | None = None, **over: object
) -> Stamp:
    rng = c.rng
    stamp = Stamp(
        (LEVEL_WORD[level],),
        ink=ink or rng.choice((RED, RED, RED, DARK_RED, DARK_RED, FADED_RED, BLUE_BLACK)),
        face=rng.choice(STAMP_FACES),
        size=rng.randrange(28, 46),
        frame=rng.choice(FRAMES),
        angle=rng.uniform(-6, 6),
        wear=rng.choice((0.0, 0.0, 0.1, 0.2, 0.3)),
    )
    for key, value in over.items():
        setattr(stamp, key, value)
    return stamp


def other_level(c: Ctx, level: str) -> str:
    return c.rng.choice([lv for lv in LEVELS if lv != level])


def change_marks(c: Ctx, level: str, style: int) -> list[tuple[Stamp, str]]:
    """A changed level: the old stamp struck through, then the new level stamped beside it or
    named in the change stamp."""
    old = other_level(c, level)
    date = f"Ngày {c.rng.randrange(1, 29):02d}/{c.rng.randrange(6, 13):02d}/2026"
    marks = [(level_stamp(c, old, struck=True, angle=0, wear=0.0), "under_number")]
    change = (
        "ĐIỀU CHỈNH ĐỘ MẬT",
        f"Độ mật mới: {LEVEL_WORD[level]}",
        date,
        "Người điều chỉnh: Lò Văn Thắm",
    )
    if style == 0:
        marks.append((level_stamp(c, level, angle=0), "top_right"))
        marks.append(
            (Stamp(change[:1] + change[2:], ink=RED, size=26, frame="single"), "over_body")
        )
    else:
        marks.append((Stamp(change, ink=RED, size=28, frame="double"), "over_body"))
    return marks


def declass_marks(c: Ctx, *, struck: bool) -> list[tuple[Stamp, str]]:
    old = c.rng.choice(LEVELS)
    when = f"Ngày {c.rng.randrange(1, 29):02d} tháng {c.rng.randrange(1, 13):02d} năm 2026"
    stamp = Stamp(
        (
            "GIẢI MẬT",
            when,
            f"Theo QĐ số {c.rng.randrange(10, 300)}/QĐ-UBND",
            "Người giải mật: Tòng Văn Nghĩa",
        ),
        ink=c.rng.choice((RED, DARK_RED)),
        face=c.rng.choice(STAMP_FACES),
        size=32,
        frame=c.rng.choice(("single", "double", "rounded")),
    )
    return [
        (level_stamp(c, old, struck=struck, angle=0), "under_number"),
        (stamp, c.rng.choice(("top_right", "over_body"))),
    ]


# ---- paper: scans, photos -----------------------------------------------------------------


def pages_of(
    c: Ctx,
    doc: Doc,
    marks: list[tuple[Stamp, str]],
    *,
    paper: tuple[int, int, int] = WHITE,
    seal: bool = False,
    extra: list[tuple[Image.Image, str]] | None = None,
) -> list[Image.Image]:
    images = [(stamp_image(s, c.rng), place) for s, place in marks]
    if seal:
        images.append((signature_scrawl(c.rng), "seal"))
        images.append((round_seal(doc.agency, RED, 250), "seal"))
    return render_pages(doc, images + (extra or []), paper)


def store_scan(c: Ctx, pages: list[Image.Image], how: Scan, container: str) -> tuple[str, bytes]:
    done = [scanned(p, how, c.rng) for p in pages]
    if container == "pdf":
        return "pdf", pdf_of_pictures(done, how.dpi)
    if container == "tiff":
        return "tif", tiff_of_pictures(done, how.dpi)
    data = encoded(done[0], how)
    return ("jpg" if how.quality and done[0].mode != "1" else "png"), data


def scan_item(
    c: Ctx,
    doc: Doc,
    marks: list[tuple[Stamp, str]],
    how: Scan,
    container: str,
    level: str | None,
    category: str,
    family: str,
    **kw: object,
) -> None:
    pages = pages_of(c, doc, marks, **kw)  # type: ignore[arg-type]
    if container in ("png", "jpg"):
        pages = pages[:1]
    ext, data = store_scan(c, pages, how, container)
    c.add(ext, data, level, category, "scan", family, declassified=category == "declassified")


def photo_item(
    c: Ctx, page: Image.Image, level: str | None, category: str, family: str, *, shadow: bool
) -> None:
    img = photographed(
        page,
        c.rng,
        shadow=shadow,
        table=c.rng.choice(((92, 70, 52), (60, 62, 70), (150, 140, 128))),
    )
    c.add(
        "jpg",
        jpeg(img, c.rng.randrange(68, 88)),
        level,
        category,
        "photo",
        family,
        declassified=category == "declassified",
    )


def sender_of(agency: str) -> list[str]:
    parent, name, *_ = AGENCIES[agency]
    return [parent, name.upper()]


def envelope_page(
    c: Ctx, marks: list[Image.Image], paper: tuple[int, int, int], agency: str
) -> Image.Image:
    at = [
        (c.rng.randrange(980, 1180), c.rng.randrange(40, 120)),
        (60, c.rng.randrange(600, 680)),
        (c.rng.randrange(880, 1000), 250),
    ]
    placed = [(m, at[i % len(at)]) for i, m in enumerate(marks)]
    to = c.rng.choice(
        [
            ["Kính gửi: Đồng chí Giám đốc", "Công an tỉnh Tây Lãng"],
            ["Kính gửi: Thường trực Tỉnh ủy", "Tỉnh ủy Tây Lãng"],
            ["Kính gửi: Bộ Chỉ huy Quân sự tỉnh", "Phường Tân Giang, tỉnh Tây Lãng"],
        ]
    )
    return envelope(
        sender_of(agency),
        to,
        f"Số: {c.rng.randrange(10, 900)}/{AGENCIES[agency][2]}",
        placed,
        paper,
    )


# ---- positives ----------------------------------------------------------------------------

Recipe = Callable[[Ctx, str, Subject], None]


def scan_recipes() -> list[Recipe]:
    def plain(place: str, how: Scan, container: str, family: str, **kw: object) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            doc = make_doc(c, s, annex=place == "annex", long=place == "later_page")
            scan_item(
                c,
                doc,
                [(level_stamp(c, level), place)],
                how,
                container,
                level,
                "positive",
                family,
                **kw,
            )

        return make

    def photocopy(c: Ctx, level: str, s: Subject) -> None:
        stamp = level_stamp(c, level, ink=COPY_BLACK, wear=0.25)
        scan_item(
            c,
            make_doc(c, s),
            [(stamp, "under_number"), (Stamp(("BẢN SAO",), ink=COPY_BLACK, size=26), "top_right")],
            Scan(photocopy=True, skew=0.8, grey=True),
            "png",
            level,
            "positive",
            "scan-photocopy-black",
        )

    def sealed(c: Ctx, level: str, s: Subject) -> None:
        scan_item(
            c,
            make_doc(c, s),
            [(level_stamp(c, level, angle=c.rng.uniform(-12, 12)), "signature")],
            Scan(skew=-0.7, quality=75),
            "jpg",
            level,
            "positive",
            "scan-stamp-under-seal",
            seal=True,
        )

    def two(c: Ctx, level: str, s: Subject) -> None:
        pages = pages_of(c, make_doc(c, s, long=True), [(level_stamp(c, level), "under_number")])
        img = scanned(two_up(pages), Scan(grey=True, dpi=130), c.rng)
        c.add("png", png(img), level, "positive", "scan", "scan-two-pages-one-sheet")

    def fax(c: Ctx, level: str, s: Subject) -> None:
        header = f"{c.rng.randrange(7, 18):02d}:{c.rng.randrange(60):02d} {c.rng.randrange(1, 29):02d}/05/2026  FAX 0214 38{c.rng.randrange(10000, 99999)}  {AGENCIES[s.agency][1].upper()}  P.01"
        scan_item(
            c,
            make_doc(c, s),
            [(level_stamp(c, level, ink=RED), c.rng.choice(("under_number", "top_right")))],
            Scan(fax=header, skew=c.rng.uniform(-1.2, 1.2)),
            c.rng.choice(("png", "tiff")),
            level,
            "positive",
            "scan-fax-copy",
        )

    def changed(c: Ctx, level: str, s: Subject) -> None:
        scan_item(
            c,
            make_doc(c, s),
            change_marks(c, level, c.rng.randrange(2)),
            Scan(skew=0.6, grey=c.rng.random() < 0.5),
            "png",
            level,
            "positive",
            "scan-changed-level",
        )

    return [
        plain("under_number", Scan(skew=0.9, grey=True), "png", "scan-under-number"),
        plain("under_number", Scan(skew=-2.4, quality=55), "jpg", "scan-skew-jpeg"),
        plain("under_number", Scan(turns=1, grey=True), "png", "scan-rotated-90"),
        plain("top_right", Scan(turns=2, quality=70), "jpg", "scan-rotated-180"),
        plain("under_number", Scan(turns=3, dpi=120), "png", "scan-rotated-270"),
        plain(
            "under_number", Scan(bilevel=True, dpi=100, speckle=0.4), "png", "scan-bilevel-lowres"
        ),
        plain("top_right", Scan(speckle=0.8, grey=True, skew=1.6), "png", "scan-top-right-noisy"),
        plain("over_body", Scan(skew=-1.1, quality=65), "jpg", "scan-stamp-over-text"),
        plain("footer", Scan(grey=True), "pdf", "scan-stamp-in-footer"),
        plain("annex", Scan(skew=0.5, grey=True), "pdf", "scan-pdf-annex-page"),
        plain("later_page", Scan(bilevel=True, dpi=200), "tiff", "scan-tiff-later-page"),
        plain(
            "under_number",
            Scan(dpi=110, quality=60, staple=True),
            "jpg",
            "scan-stapled-coloured",
            paper=PINK,
        ),
        plain("top_left", Scan(staple=True, skew=1.3), "pdf", "scan-stapled-coloured", paper=CREAM),
        photocopy,
        sealed,
        two,
        fax,
        changed,
    ]


def photo_recipes() -> list[Recipe]:
    def page(c: Ctx, level: str, s: Subject) -> None:
        pages = pages_of(
            c,
            make_doc(c, s),
            [
                (
                    level_stamp(c, level, size=c.rng.randrange(34, 48)),
                    c.rng.choice(("under_number", "under_number", "top_right")),
                )
            ],
            paper=c.rng.choice(PAPERS),
        )
        photo_item(
            c, pages[0], level, "positive", "photo-page-perspective", shadow=c.rng.random() < 0.6
        )

    def env(c: Ctx, level: str, s: Subject) -> None:
        marks = [
            circled(LEVEL_LETTER[level], c.rng.choice((RED, DARK_RED)), c.rng.randrange(90, 140))
        ]
        if level == "tuyet_mat":
            marks.append(
                stamp_image(
                    Stamp(
                        ("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",), ink=RED, face=STAMP_FACES[1], size=22
                    ),
                    c.rng,
                )
            )
        img = envelope_page(c, marks, c.rng.choice((KRAFT, KRAFT, WHITE)), s.agency)
        photo_item(
            c, img, level, "positive", "photo-envelope-circled-letter", shadow=c.rng.random() < 0.4
        )

    return [page, env]


def docx_recipes() -> list[Recipe]:
    def word(place: str, family: str, *, picture: bool = False, annex: bool = False) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            stamp: Stamp | Image.Image = level_stamp(
                c, level, frame=c.rng.choice(("single", "double", "thick")), angle=0
            )
            if picture:
                stamp = stamp_image(level_stamp(c, level), c.rng)
            data = docx_of(make_doc(c, s, annex=annex), [(stamp, place)])
            c.add("docx", data, level, "positive", "docx", family)

        return make

    def changed(c: Ctx, level: str, s: Subject) -> None:
        old = other_level(c, level)
        marks: list[tuple[Stamp | Image.Image, str]] = [
            (level_stamp(c, old, struck=True, angle=0, frame="single"), "in_cell"),
            (
                Stamp(
                    ("ĐIỀU CHỈNH ĐỘ MẬT", f"Thành: {LEVEL_WORD[level]}", "Ngày 12/9/2026"),
                    ink=RED,
                    size=28,
                    frame="single",
                ),
                "top_right",
            ),
        ]
        c.add(
            "docx", docx_of(make_doc(c, s), marks), level, "positive", "docx", "docx-changed-level"
        )

    return [
        word("in_cell", "docx-header-table-cell"),
        word("para", "docx-framed-paragraph"),
        word("textbox", "docx-floating-textbox"),
        word("page_header", "docx-page-header"),
        word("page_footer", "docx-page-footer"),
        word("picture", "docx-stamp-picture", picture=True),
        word("signature", "docx-beside-signature"),
        word("annex", "docx-annex-only", annex=True),
        word("top_right", "docx-top-right"),
        changed,
    ]


def doc_recipes() -> list[Recipe]:
    def legacy(place: str, family: str) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            data = docx_of(make_doc(c, s), [(level_stamp(c, level, angle=0), place)])
            c.legacy.append((c.name("x")[:-2], data, level, "positive", family, False))

        return make

    return [
        legacy("in_cell", "doc-header-table"),
        legacy("para", "doc-framed-paragraph"),
        legacy("page_header", "doc-page-header"),
        legacy("textbox", "doc-textbox"),
    ]


def pdf_recipes() -> list[Recipe]:
    def text(
        place: str, family: str, *, picture: bool = False, annex: bool = False, long: bool = False
    ) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            stamp = level_stamp(c, level)
            mark: Stamp | Image.Image = stamp_image(stamp, c.rng) if picture else stamp
            data = pdf_text(make_doc(c, s, annex=annex, long=long), [(mark, place)])
            c.add("pdf", data, level, "positive", "pdf", family)

        return make

    def changed(c: Ctx, level: str, s: Subject) -> None:
        marks: list[tuple[Stamp | Image.Image, str]] = list(
            change_marks(c, level, c.rng.randrange(2))
        )
        c.add("pdf", pdf_text(make_doc(c, s), marks), level, "positive", "pdf", "pdf-changed-level")

    return [
        text("under_number", "pdf-text-framed-stamp"),
        text("under_number", "pdf-stamp-picture", picture=True),
        text("top_right", "pdf-stamp-picture-top-right", picture=True),
        text("annex", "pdf-annex-page", annex=True),
        text("later_page", "pdf-later-page", long=True),
        text("signature", "pdf-beside-signature"),
        text("footer", "pdf-footer"),
        changed,
    ]


def sheet_rows(c: Ctx, s: Subject) -> list[list[object]]:
    _parent, agency, symbol, *_ = AGENCIES[s.agency]
    fallback: list[list[Any]] = [["Nội dung"], *[[p[:80]] for p in s.body]]
    return [
        [agency.upper()],
        [f"Số: {c.rng.randrange(10, 500)}/{s.code}-{symbol}"],
        [s.title],
        [],
        *(s.table or fallback),
    ]


def xlsx_recipes() -> list[Recipe]:
    def header(c: Ctx, level: str, s: Subject) -> None:
        c.add(
            "xlsx",
            xlsx_of([("Bieu 1", sheet_rows(c, s))], header=LEVEL_WORD[level]),
            level,
            "positive",
            "xlsx",
            "xlsx-print-header",
        )

    def footer(c: Ctx, level: str, s: Subject) -> None:
        c.add(
            "xlsx",
            xlsx_of([("Tong hop", sheet_rows(c, s))], footer=LEVEL_WORD[level]),
            level,
            "positive",
            "xlsx",
            "xlsx-print-footer",
        )

    def later(c: Ctx, level: str, s: Subject) -> None:
        first = [["Bảng tổng hợp chung"], ["Số liệu chi tiết xem Phụ lục"]]
        annex: list[list[object]] = [[LEVEL_WORD[level]], *sheet_rows(c, s)]
        c.add(
            "xlsx",
            xlsx_of([("Chung", first), ("Phu luc", annex)], red_cells=((1, "A1"),)),
            level,
            "positive",
            "xlsx",
            "xlsx-later-sheet",
        )

    def title(c: Ctx, level: str, s: Subject) -> None:
        rows = sheet_rows(c, s)
        rows[1] = [rows[1][0], None, LEVEL_WORD[level]]
        c.add(
            "xlsx",
            xlsx_of([("Sheet1", rows)], red_cells=((0, "C2"),)),
            level,
            "positive",
            "xlsx",
            "xlsx-level-cell-by-number",
        )

    return [header, footer, later, title]


def html_recipes() -> list[Recipe]:
    def page(family: str, head: Callable[[Ctx, str], str]) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            _parent, agency, symbol, *_ = AGENCIES[s.agency]
            number = f"<div>Số: {c.rng.randrange(10, 700)}/{s.code}-{symbol}</div>"
            c.add(
                "html",
                html_page(s.title, agency.upper(), number + head(c, level), s.body),
                level,
                "positive",
                "html",
                family,
            )

        return make

    def spans(c: Ctx, level: str) -> str:
        word = LEVEL_WORD[level]
        cut = c.rng.randrange(1, len(word))
        return f'<p><span class="dm">{word[:cut]}</span><span class="dm">{word[cut:]}</span></p>'

    def refs(c: Ctx, level: str) -> str:
        return (
            '<p class="dm box">'
            + "".join(f"&#{ord(ch)};" if ord(ch) > 127 else ch for ch in LEVEL_WORD[level])
            + "</p>"
        )

    return [
        page("html-boxed-level", lambda c, lv: f'<div class="dm box">{LEVEL_WORD[lv]}</div>'),
        page(
            "html-spaced-letters",
            lambda c, lv: (
                f'<p class="dm" style="letter-spacing:6px">{" ".join(LEVEL_WORD[lv])}</p>'
            ),
        ),
        page("html-level-cut-across-spans", spans),
        page("html-character-references", refs),
        page(
            "html-metadata-table",
            lambda c, lv: (
                f'<table><tr><td>Độ mật:</td><td class="dm">{LEVEL_WORD[lv].capitalize()}</td></tr><tr><td>Người ký:</td><td>{c.rng.choice(["Lò Văn Thắm", "Hà Quang Vịnh"])}</td></tr></table>'
            ),
        ),
        page(
            "html-stamp-picture",
            lambda c, lv: img_tag(stamp_image(level_stamp(c, lv), c.rng), "dau"),
        ),
    ]


def plain_text(c: Ctx, s: Subject, head: str) -> str:
    parent, agency, symbol, role, signer, _ = AGENCIES[s.agency]
    lines = [
        parent,
        agency.upper(),
        f"Số: {c.rng.randrange(10, 700)}/{s.code}-{symbol}",
        head,
        "",
        s.kind,
        s.title,
        "",
        *s.body,
        "",
        role,
        signer,
    ]
    return "\n".join(lines) + "\n"


def txt_recipes() -> list[Recipe]:
    def heading(c: Ctx, level: str, s: Subject) -> None:
        c.add(
            "txt",
            plain_text(c, s, f"        {LEVEL_WORD[level]}").encode(),
            level,
            "positive",
            "txt",
            "txt-level-line",
        )

    def metadata(c: Ctx, level: str, s: Subject) -> None:
        text = f"Độ mật: {LEVEL_WORD[level].capitalize()}\nĐộ khẩn: Thường\n" + plain_text(c, s, "")
        c.add(
            "txt",
            ("\ufeff" + text.replace("\n", "\r\n")).encode(),
            level,
            "positive",
            "txt",
            "txt-metadata-export",
        )

    def nfd(c: Ctx, level: str, s: Subject) -> None:
        text = unicodedata.normalize("NFD", plain_text(c, s, f"[{LEVEL_WORD[level]}]"))
        c.add("txt", text.encode(), level, "positive", "txt", "txt-decomposed-unicode")

    def utf16(c: Ctx, level: str, s: Subject) -> None:
        c.add(
            "txt",
            plain_text(c, s, f"*** {LEVEL_WORD[level]} ***").encode("utf-16"),
            level,
            "positive",
            "txt",
            "txt-utf16",
        )

    return [heading, metadata, nfd, utf16]


MAILERS = (
    "lvthang.cat@gmail.com",
    "hqvinh.bchqs@yahoo.com",
    "phongtochuc.tu.taylang@gmail.com",
    "vanthu.snnmt@outlook.com",
)


def mail_recipes() -> list[Recipe]:
    def attached(kind: str) -> Recipe:
        def make(c: Ctx, level: str, s: Subject) -> None:
            doc = make_doc(c, s)
            if kind == "docx":
                att = (
                    "ke_hoach.docx",
                    docx_of(doc, [(level_stamp(c, level, angle=0), "in_cell")]),
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            elif kind == "pdf":
                att = (
                    "tai_lieu.pdf",
                    pdf_text(doc, [(level_stamp(c, level), "under_number")]),
                    "application/pdf",
                )
            else:
                page = pages_of(c, doc, [(level_stamp(c, level), "under_number")])[0]
                att = (
                    "IMG_0412.jpg",
                    jpeg(photographed(page, c.rng, shadow=True), 75),
                    "image/jpeg",
                )
            body = c.rng.choice(
                [
                    "Em gửi anh bản mềm để anh xem trước, mai em nộp bản giấy.",
                    "Gửi chị tài liệu như đã trao đổi qua điện thoại.",
                    "Anh xem giúp em file đính kèm nhé, cơ quan mất mạng nội bộ.",
                ]
            )
            data = mail(
                c.rng.choice(MAILERS),
                "nguoinhan.tl@gmail.com",
                "Gui tai lieu",
                body,
                [att],
                datetime(2026, c.rng.randrange(1, 13), c.rng.randrange(1, 29), 9, 30),
            )
            c.add("eml", data, level, "positive", "eml", f"eml-attached-{kind}")

        return make

    def body(c: Ctx, level: str, s: Subject) -> None:
        text = "---------- Forwarded message ----------\n" + plain_text(c, s, LEVEL_WORD[level])
        data = mail(
            c.rng.choice(MAILERS),
            "ban.cu@gmail.com",
            "Fwd: " + s.kind.lower(),
            text,
            [],
            datetime(2026, 5, c.rng.randrange(1, 29), 21, 4),
        )
        c.add("eml", data, level, "positive", "eml", "eml-forwarded-body")

    return [attached("docx"), attached("pdf"), attached("photo"), body]


def zip_recipes() -> list[Recipe]:
    date = (2026, 6, 2, 8, 0, 0)

    def flat(c: Ctx, level: str, s: Subject) -> None:
        secret = docx_of(make_doc(c, s), [(level_stamp(c, level, angle=0), "para")])
        members = [
            ("giay_moi.txt", "Giấy mời họp giao ban tuần.\n".encode()),
            ("noi_dung.docx", secret),
        ]
        c.add("zip", zip_of(members, date), level, "positive", "zip", "zip-word-among-others")

    def nested(c: Ctx, level: str, s: Subject) -> None:
        ext, scan = store_scan(
            c,
            pages_of(c, make_doc(c, s), [(level_stamp(c, level), "under_number")]),
            Scan(grey=True, quality=70),
            "jpg",
        )
        inner = zip_of([(f"scan_001.{ext}", scan)], date)
        c.add(
            "zip",
            zip_of(
                [
                    ("ho_so/danh_muc.txt", "Danh mục hồ sơ lưu trữ\n".encode()),
                    ("ho_so/dinh_kem.zip", inner),
                ],
                date,
            ),
            level,
            "positive",
            "zip",
            "zip-nested-scan",
        )

    def pdfs(c: Ctx, level: str, s: Subject) -> None:
        data = pdf_text(make_doc(c, s, annex=True), [(level_stamp(c, level), "annex")])
        c.add(
            "zip",
            zip_of([("bao_cao/phu_luc.pdf", data)], date),
            level,
            "positive",
            "zip",
            "zip-pdf-annex",
        )

    return [flat, nested, pdfs]


def pptx_recipes() -> list[Recipe]:
    def corner(c: Ctx, level: str, s: Subject) -> None:
        slides = [
            (s.title, s.body[:2], [(level_stamp(c, level, angle=0), "corner")]),
            ("Tổ chức thực hiện", s.body[2:], []),
        ]
        c.add("pptx", pptx_of(slides), level, "positive", "pptx", "pptx-level-text-box")

    def later(c: Ctx, level: str, s: Subject) -> None:
        slides = [
            ("Báo cáo giao ban", ["Nội dung chính", "Tình hình tuần qua"], []),
            (s.title, s.body, [(stamp_image(level_stamp(c, level), c.rng), "corner")]),
        ]
        c.add("pptx", pptx_of(slides), level, "positive", "pptx", "pptx-stamp-picture-later-slide")

    return [corner, later]


# (recipes, how many files) for the secret files
POSITIVE_PLAN: list[tuple[Callable[[], list[Recipe]], int]] = [
    (scan_recipes, 22),
    (photo_recipes, 11),
    (docx_recipes, 13),
    (doc_recipes, 6),
    (pdf_recipes, 12),
    (xlsx_recipes, 6),
    (html_recipes, 6),
    (txt_recipes, 5),
    (mail_recipes, 6),
    (zip_recipes, 5),
    (pptx_recipes, 3),
]


def positives(c: Ctx) -> None:
    plan = [recipe for factory, count in POSITIVE_PLAN for recipe in (factory() * count)[:count]]
    levels = [LEVELS[i % 3] for i in range(len(plan))]
    c.rng.shuffle(levels)
    for i, (recipe, level) in enumerate(zip(plan, levels, strict=True)):
        recipe(c, level, SECRETS[(i * 5 + c.rng.randrange(3)) % len(SECRETS)])


# ---- declassified ---------------------------------------------------------------------------


def declassified(c: Ctx) -> None:
    cat = "declassified"
    for i in range(16):
        s = SECRETS[(i * 7) % len(SECRETS)]
        doc = make_doc(c, s)
        marks = declass_marks(c, struck=i % 3 == 0)
        kind = i % 8
        if kind == 0:
            c.add(
                "docx",
                docx_of(
                    doc, [(m, "in_cell" if p == "under_number" else "top_right") for m, p in marks]
                ),
                None,
                cat,
                "docx",
                "docx-declassified-stamp",
                declassified=True,
            )
        elif kind == 1:
            c.add(
                "pdf",
                pdf_text(doc, list(marks)),
                None,
                cat,
                "pdf",
                "pdf-declassified-stamp",
                declassified=True,
            )
        elif kind in (2, 3):
            how = Scan(
                skew=c.rng.uniform(-1.5, 1.5), grey=kind == 2, quality=0 if kind == 2 else 70
            )
            scan_item(
                c,
                doc,
                marks,
                how,
                "png" if kind == 2 else "jpg",
                None,
                cat,
                "scan-declassified-stamp",
            )
        elif kind == 4:
            photo_item(
                c, pages_of(c, doc, marks)[0], None, cat, "photo-declassified-page", shadow=True
            )
        elif kind == 5:
            rows: list[list[object]] = [["GIẢI MẬT - " + marks[1][0].lines[1]], *sheet_rows(c, s)]
            c.add(
                "xlsx",
                xlsx_of(
                    [("Bieu", rows)],
                    header=LEVEL_WORD[c.rng.choice(LEVELS)] + " - ĐÃ GIẢI MẬT",
                    red_cells=((0, "A1"),),
                ),
                None,
                cat,
                "xlsx",
                "xlsx-declassified",
                declassified=True,
            )
        elif kind == 6:
            head = f'<div class="dm box"><s>{LEVEL_WORD[c.rng.choice(LEVELS)]}</s></div><div class="dm box">GIẢI MẬT<br>{marks[1][0].lines[1]}<br>{marks[1][0].lines[3]}</div>'
            c.add(
                "html",
                html_page(s.title, AGENCIES[s.agency][1].upper(), head, s.body),
                None,
                cat,
                "html",
                "html-declassified",
                declassified=True,
            )
        else:
            text = plain_text(
                c,
                s,
                f"{LEVEL_WORD[c.rng.choice(LEVELS)]}\nĐÃ GIẢI MẬT theo Quyết định số 57/QĐ-UBND ngày 20/6/2026; người giải mật: Tòng Văn Nghĩa",
            )
            c.add(
                "txt", text.encode(), None, cat, "txt", "txt-declassified-note", declassified=True
            )
    # a declassified scan mailed, and one in an archive
    s = SECRETS[3]
    ext, data = store_scan(
        c,
        pages_of(c, make_doc(c, s), declass_marks(c, struck=False)),
        Scan(grey=True, quality=72),
        "jpg",
    )
    c.add(
        "eml",
        mail(
            MAILERS[1],
            "luutru.tl@gmail.com",
            "Tai lieu da giai mat",
            "Gửi bộ phận lưu trữ bản đã giải mật để nộp lưu.",
            [(f"giaimat.{ext}", data, "image/jpeg")],
            datetime(2026, 8, 3, 10, 0),
        ),
        None,
        cat,
        "eml",
        "eml-declassified-scan",
        declassified=True,
    )
    inner = pdf_text(make_doc(c, SECRETS[9]), list(declass_marks(c, struck=True)))
    c.add(
        "zip",
        zip_of([("nop_luu/tai_lieu_01.pdf", inner)], (2026, 9, 1, 8, 0, 0)),
        None,
        cat,
        "zip",
        "zip-declassified-pdf",
        declassified=True,
    )


# ---- hard negatives -------------------------------------------------------------------------

PUBLIC = [
    Subject(
        "police",
        "KH",
        "KẾ HOẠCH",
        "Triển khai thi hành Luật Bảo vệ bí mật nhà nước năm 2025 trên địa bàn tỉnh Tây Lãng",
        [
            "Các cơ quan, đơn vị rà soát, xác định độ mật đối với tài liệu, vật chứa bí mật nhà nước theo ba độ Tuyệt mật, Tối mật, Mật; đóng dấu độ mật đúng vị trí, dưới số và ký hiệu văn bản.",
            "Mở sổ đăng ký bí mật nhà nước đi, đến; bì đựng tài liệu độ Tuyệt mật ghi chữ A, độ Tối mật ghi chữ B, độ Mật ghi chữ C theo mẫu của Nghị định.",
            "Không soạn thảo, lưu giữ tài liệu bí mật nhà nước trên máy tính kết nối Internet; tổ chức tập huấn cho văn thư các xã trong quý III năm 2026.",
        ],
    ),
    Subject(
        "office",
        "BC",
        "BÁO CÁO",
        "Kết quả công tác bảo vệ bí mật nhà nước năm 2026",
        [
            "Trong năm, các cơ quan, địa phương đã soạn thảo, ban hành 1.284 tài liệu mật, trong đó 6 tài liệu Tuyệt mật, 97 tài liệu Tối mật và 1.181 tài liệu Mật.",
            "Qua kiểm tra phát hiện một số đơn vị đóng dấu độ mật chưa đúng vị trí, chưa vào sổ đăng ký, còn sử dụng máy tính có kết nối mạng để soạn thảo tài liệu mật.",
            "Năm 2027 tiếp tục rà soát danh mục bí mật nhà nước, giải mật các tài liệu hết thời hạn bảo vệ.",
        ],
    ),
    Subject(
        "office",
        "QĐ",
        "QUYẾT ĐỊNH",
        "Về việc giải mật tài liệu lưu trữ của Ủy ban nhân dân tỉnh giai đoạn 1996 - 2005",
        [
            "Giải mật 214 tài liệu lưu trữ đã hết thời hạn bảo vệ, trước đây được xác định độ Mật và Tối mật, có danh mục kèm theo; các tài liệu này được sử dụng công khai tại Phòng đọc của Trung tâm Lưu trữ lịch sử tỉnh.",
            "Các cơ quan đang quản lý bản sao của tài liệu nêu trên có trách nhiệm đóng dấu giải mật và thông báo cho đơn vị liên quan trong thời hạn 15 ngày.",
            "Quyết định này có hiệu lực kể từ ngày ký.",
        ],
    ),
    Subject(
        "police",
        "TB",
        "THÔNG BÁO",
        "Kết quả xét xử vụ án cố ý làm lộ bí mật nhà nước tại huyện cũ Mường Lói",
        [
            "Tòa án nhân dân tỉnh đã xét xử công khai và tuyên phạt bị cáo Đ.V.K 3 năm tù về tội cố ý làm lộ bí mật nhà nước do chụp ảnh tài liệu độ Mật đăng lên nhóm Zalo.",
            "Vụ việc là bài học về ý thức chấp hành quy định bảo vệ bí mật nhà nước; đề nghị các cơ quan phổ biến rộng rãi đến cán bộ, công chức.",
        ],
    ),
    Subject(
        "finance",
        "TB",
        "THÔNG BÁO MỜI THẦU",
        "Mua sắm tủ sắt, két sắt bảo quản tài liệu mật cho các sở, ngành năm 2026",
        [
            "Gói thầu gồm 36 két sắt chống cháy và 12 tủ sắt có khóa số dùng để bảo quản tài liệu, vật chứa bí mật nhà nước tại các cơ quan cấp tỉnh.",
            "Hồ sơ mời thầu được phát hành trên Hệ thống mạng đấu thầu quốc gia từ ngày 05/8/2026; thời điểm đóng thầu 09 giờ 00 ngày 20/8/2026.",
        ],
    ),
    Subject(
        "inspect",
        "TB",
        "THÔNG BÁO TUYỂN DỤNG",
        "Tuyển dụng công chức văn thư kiêm bảo mật năm 2026",
        [
            "Vị trí việc làm: văn thư, quản lý tài liệu mật, vào sổ đăng ký văn bản mật đi, đến; yêu cầu có chứng chỉ bồi dưỡng nghiệp vụ bảo vệ bí mật nhà nước là lợi thế.",
            "Hồ sơ nộp trực tiếp tại Thanh tra tỉnh, phường Tân Giang, từ ngày 10/7/2026 đến hết ngày 09/8/2026.",
        ],
    ),
]
OTHER_SENSES = [
    (
        "agri",
        "Hỗ trợ phát triển nghề nuôi ong lấy mật tại xã Khe Tre",
        "Năm 2026 hỗ trợ 420 đàn ong cho 60 hộ; sản lượng mật ong rừng Khe Tre dự kiến 9 tấn, xây dựng nhãn hiệu tập thể “Mật ong bạc hà Tây Lãng”.",
    ),
    (
        "office",
        "Thay đổi mật khẩu hộp thư công vụ",
        "Đề nghị cán bộ đổi mật khẩu hộp thư công vụ trước ngày 15/7/2026; mật khẩu dài tối thiểu 12 ký tự, không dùng chung mật khẩu với mạng xã hội.",
    ),
    (
        "agri",
        "Mật độ chăn nuôi gia súc theo xã năm 2026",
        "Mật độ trâu bò bình quân 38 con/km², cao nhất tại xã Nà Sự; mật độ dân số toàn tỉnh 61 người/km².",
    ),
    (
        "trade",
        "Tình hình sản xuất mật mía, đường thủ công vụ 2025 - 2026",
        "Các lò nấu mật mía tại Suối Ngang sản xuất 2.300 tấn mật; giá mật mía bình quân 9.500 đồng/kg.",
    ),
    (
        "culture",
        "Diễn văn kỷ niệm 40 năm kết nghĩa hai tỉnh biên giới",
        "Tình đoàn kết gắn bó mật thiết giữa nhân dân hai bên biên giới được vun đắp qua nhiều thế hệ; hai tỉnh phối hợp chặt chẽ, mật thiết trong phát triển kinh tế.",
    ),
    (
        "trade",
        "Thỏa thuận bảo mật thông tin giữa Hợp tác xã chè Pa Chiến và đối tác",
        "Các bên cam kết giữ bí mật kinh doanh, công thức chế biến chè shan tuyết và danh sách khách hàng; vi phạm nghĩa vụ bảo mật phải bồi thường.",
    ),
    (
        "health",
        "Giấy ra viện",
        "Chẩn đoán: viêm túi mật cấp do sỏi; đã phẫu thuật nội soi cắt túi mật ngày 12/5/2026; hẹn tái khám sau 1 tháng.",
    ),
    (
        "health",
        "Thông báo bảo vệ bí mật đời tư của người bệnh",
        "Bệnh viện cam kết giữ bí mật thông tin sức khỏe và đời tư của người bệnh theo quy định của Luật Khám bệnh, chữa bệnh.",
    ),
    (
        "culture",
        "Hồi ký kháng chiến: trận mật phục ở đèo Khau Lìn",
        "Đêm ấy đơn vị mật phục hai ngày liền bên vách đá; mật lệnh truyền đi bằng tiếng chim cuốc để không lộ vị trí.",
    ),
    (
        "education",
        "Hướng dẫn nộp bài thi trực tuyến",
        "Mỗi thí sinh nhận một tài khoản và mật khẩu riêng; đề thi được mã hóa, chỉ mở vào giờ thi theo lịch công khai.",
    ),
]
OTHER_STAMPS = [
    ("KHẨN",),
    ("HỎA TỐC",),
    ("THƯỢNG KHẨN",),
    ("BẢN SAO",),
    ("SAO Y BẢN CHÍNH",),
    ("DỰ THẢO",),
    ("ĐẾN", "Số: 1532", "Ngày: 12/5/2026", "Chuyển: P.TH"),
    ("LƯU HÀNH NỘI BỘ",),
    ("ĐÃ XỬ LÝ",),
    ("CÔNG KHAI",),
]
NEWS = [
    "Khởi tố cán bộ xã chụp tài liệu mật gửi qua mạng xã hội",
    "Phát hiện máy tính có tài liệu Tối mật kết nối Internet tại một sở",
    "Cảnh báo thủ đoạn giả danh cơ quan chức năng đánh cắp tài liệu bí mật nhà nước",
    "Tây Lãng: tập huấn bảo vệ bí mật nhà nước cho 300 văn thư cấp xã",
]


def public_doc(c: Ctx, s: Subject) -> Doc:
    return make_doc(c, s)


def sense_doc(c: Ctx, entry: tuple[str, str, str]) -> Doc:
    agency, title, text = entry
    s = Subject(
        agency,
        "TB",
        "THÔNG BÁO",
        title,
        [text, "Đề nghị các cơ quan, đơn vị, cá nhân liên quan biết, thực hiện."],
    )
    return make_doc(c, s)


def specimen_sheet(c: Ctx) -> Image.Image:
    """A training handout: each level's specimen stamp in red with its caption."""
    doc = make_doc(
        c,
        Subject(
            "police",
            "TL",
            "TÀI LIỆU TẬP HUẤN",
            "Mẫu con dấu, ký hiệu độ mật theo Nghị định hướng dẫn Luật Bảo vệ bí mật nhà nước",
            [
                "Mẫu dấu độ mật hình chữ nhật, viền đơn, mực đỏ; kích thước theo từng độ mật như các mẫu minh họa dưới đây (chỉ dùng để tập huấn).",
                "Mẫu số 01: dấu “TUYỆT MẬT”. Mẫu số 02: dấu “TỐI MẬT”. Mẫu số 03: dấu “MẬT”. Mẫu chữ A, B, C trong vòng tròn dùng trên bì thư.",
                "",
                "",
                "",
            ],
        ),
    )
    extra = []
    for i, level in enumerate(LEVELS):
        extra.append(
            (
                stamp_image(Stamp((LEVEL_WORD[level],), size=34, frame="single"), c.rng),
                (260 + i * 360, 1150),
            )
        )
    images = [
        (
            stamp_image(
                Stamp(
                    (f"Mẫu số 0{i + 1}",),
                    ink=(20, 20, 24),
                    face="LiberationSerif-Bold",
                    size=22,
                    frame="none",
                ),
                c.rng,
            ),
            (260 + i * 360, 1230),
        )
        for i in range(3)
    ]
    pages = render_pages(doc, [], WHITE, extra + images)
    return pages[0]


def price_list(c: Ctx) -> Image.Image:
    """A stamp maker's price list: sample stamps each with its price, and other stamps."""
    doc = Doc(
        "CƠ SỞ KHẮC DẤU",
        "Khắc dấu Tân Giang",
        "ĐT: 0914 226 318",
        f"{PROVINCE}, ngày 02 tháng 3 năm 2026",
        "BẢNG BÁO GIÁ",
        "Khắc dấu chức danh, dấu tên, dấu độ mật, dấu ngày tháng (mẫu theo quy định mới)",
        [
            "Cơ sở nhận khắc dấu cho cơ quan, doanh nghiệp theo mẫu; dấu độ mật khắc đúng mẫu tại Phụ lục Nghị định, giao trong ngày. Giá đã gồm mực. Mẫu dưới đây chỉ để tham khảo.",
            "",
            "",
            "",
            "",
            "",
        ],
        "CHỦ CƠ SỞ",
        "Vũ Văn Toàn",
    )
    extra = []
    words = [*[LEVEL_WORD[lv] for lv in LEVELS], "ĐÃ THU TIỀN", "KHẨN"]
    for i, word in enumerate(words):
        x, y = 280 + (i % 3) * 340, 1120 + (i // 3) * 220
        extra.append(
            (
                stamp_image(
                    Stamp((word,), size=30, frame=c.rng.choice(("single", "rounded"))), c.rng
                ),
                (x, y),
            )
        )
        extra.append(
            (
                stamp_image(
                    Stamp(
                        (f"Mẫu {i + 1}: {c.rng.choice((80, 120, 150))}.000đ",),
                        ink=(20, 20, 24),
                        face="LiberationSans-Bold",
                        size=20,
                        frame="none",
                    ),
                    c.rng,
                ),
                (x, y + 70),
            )
        )
    return render_pages(doc, [], CREAM, extra)[0]


def blank_register_cover(c: Ctx) -> Image.Image:
    img = Image.new("RGB", (1240, 1754), (122, 26, 30))
    mark = stamp_image(
        Stamp(
            (
                "SỔ ĐĂNG KÝ",
                "VĂN BẢN MẬT ĐI",
                "Năm 2026 - Quyển số: ........",
                "Đơn vị: ...............................",
            ),
            ink=(236, 200, 120),
            face="DejaVuSerif-Bold",
            size=60,
            frame="double",
        ),
        c.rng,
    )
    img.paste(mark, ((1240 - mark.width) // 2, 600), mark)
    return img


def hard_negatives(c: Ctx) -> None:
    cat = "hard_negative"
    rng = c.rng
    # plans, reports, decisions, news that talk about the levels
    for i, s in enumerate(PUBLIC * 2):
        doc = public_doc(c, s)
        kind = i % 6
        family = f"{['protection-plan', 'protection-report', 'public-declassification-decision', 'leak-verdict-notice', 'safes-tender', 'security-clerk-job'][i % 6]}"
        if kind in (0, 3) and i < 6:
            c.add("docx", docx_of(doc, []), None, cat, "docx", family)
        elif i < 6:
            c.add("pdf", pdf_text(doc, []), None, cat, "pdf", family)
        elif kind in (0, 2):
            scan_item(
                c,
                doc,
                [(Stamp(("SAO Y BẢN CHÍNH",), size=26), "top_right")],
                Scan(skew=1.0, grey=True),
                "pdf",
                None,
                cat,
                f"scan-{family}",
            )
        elif kind == 1:
            c.legacy.append((c.name("x")[:-2], docx_of(doc, []), None, cat, family, False))
        elif kind == 4:
            c.add(
                "html",
                html_page(s.title, AGENCIES[s.agency][1].upper(), "", s.body),
                None,
                cat,
                "html",
                family,
            )
        else:
            c.add("txt", plain_text(c, s, "").encode(), None, cat, "txt", family)
    # training material with captioned specimens
    for i in range(3):
        specimens = [
            (stamp_image(Stamp((LEVEL_WORD[lv],), size=30), rng), "middle")
            for lv in LEVELS[i : i + 1]
        ]
        slides = [
            (
                "Tập huấn nghiệp vụ bảo vệ bí mật nhà nước",
                ["Các độ mật: Tuyệt mật, Tối mật, Mật", "Mẫu dấu và vị trí đóng dấu"],
                [],
            ),
            (
                f"Mẫu dấu độ mật (mẫu số 0{i + 1}) - hình minh họa",
                [
                    "Dấu mực đỏ, đóng dưới số, ký hiệu văn bản",
                    "Chỉ dùng để minh họa trong lớp tập huấn",
                ],
                specimens,
            ),
        ]
        c.add("pptx", pptx_of(slides), None, cat, "pptx", "training-slides-specimen")
    sheet = specimen_sheet(c)
    c.add(
        "png",
        png(scanned(sheet, Scan(skew=0.7, grey=True), rng)),
        None,
        cat,
        "scan",
        "training-handout-specimen",
    )
    photo_item(c, sheet, None, cat, "training-handout-specimen-photo", shadow=True)
    c.add(
        "pdf",
        pdf_of_pictures([scanned(sheet, Scan(), rng)], 150),
        None,
        cat,
        "scan",
        "training-handout-specimen",
    )
    # counts by level
    for i in range(4):
        rows: list[list[object]] = [
            ["THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2026"],
            ["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng"],
        ]
        for a in ("Công an tỉnh", "Bộ CHQS tỉnh", "Sở Tài chính", "Sở Y tế", "UBND xã Pa Chiến"):
            n = [rng.randrange(0, 4), rng.randrange(0, 40), rng.randrange(10, 400)]
            rows.append([a, *n, sum(n)])
        if i < 2:
            c.add("xlsx", xlsx_of([("Thong ke", rows)]), None, cat, "xlsx", "stats-by-level")
        elif i == 2:
            table = (
                "<table>"
                + "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in rows)
                + "</table>"
            )
            c.add(
                "html",
                html_page(
                    "Thống kê tài liệu mật",
                    "VĂN PHÒNG UBND TỈNH",
                    "",
                    ["Số liệu tổng hợp từ báo cáo của các đơn vị."],
                    table,
                ),
                None,
                cat,
                "html",
                "stats-by-level",
            )
        else:
            c.add(
                "txt",
                "\n".join("\t".join(str(v) for v in r) for r in rows).encode(),
                None,
                cat,
                "txt",
                "stats-by-level",
            )
    # empty level fields: forms and registers
    register: list[list[object]] = [
        ["SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI"],
        ["Số TT", "Số, ký hiệu", "Ngày tháng", "Trích yếu", "Độ mật", "Người ký", "Nơi nhận"],
        *[[k, "", "", "", "", "", ""] for k in range(1, 15)],
    ]
    c.add(
        "xlsx",
        xlsx_of([("So mat di", register)], header="Mẫu sổ - chưa ghi"),
        None,
        cat,
        "xlsx",
        "empty-register",
    )
    form = Doc(
        "UBND TỈNH TÂY LÃNG",
        "Sở Tài chính",
        "Số: ..../PĐX-STC",
        f"{PROVINCE}, ngày .... tháng .... năm 2026",
        "PHIẾU ĐỀ XUẤT",
        "Xác định độ mật của văn bản (mẫu dùng chung)",
        [
            "Tên văn bản: ....................................................................................",
            "Đề xuất độ mật: □ Tuyệt mật   □ Tối mật   □ Mật",
            "Căn cứ danh mục bí mật nhà nước: ..........................................................",
            "Ý kiến của người có thẩm quyền: ...........................................................",
        ],
        "NGƯỜI ĐỀ XUẤT",
        "",
    )
    c.add("docx", docx_of(form, []), None, cat, "docx", "empty-level-form")
    c.add("pdf", pdf_text(form, []), None, cat, "pdf", "empty-level-form")
    scan_item(c, form, [], Scan(skew=-0.9, quality=68), "jpg", None, cat, "scan-empty-level-form")
    c.legacy.append(
        (
            c.name("x")[:-2],
            docx_of(form, [(Stamp(("DỰ THẢO",), frame="none", size=30), "top_right")]),
            None,
            cat,
            "empty-level-form",
            False,
        )
    )
    photo_item(c, blank_register_cover(c), None, cat, "photo-blank-register-cover", shadow=False)
    # leak news
    for i, headline in enumerate(NEWS):
        para = [
            f"(Tây Lãng) - {headline}. Theo cơ quan chức năng, tài liệu có độ Mật đã bị phát tán trước khi được thu hồi; người vi phạm bị xử lý theo quy định.",
            "Người dân phát hiện tài liệu có đóng dấu TUYỆT MẬT, TỐI MẬT hoặc MẬT bị thất lạc cần báo ngay cho cơ quan Công an gần nhất.",
        ]
        if i < 3:
            c.add(
                "html",
                html_page(headline, "BÁO TÂY LÃNG ĐIỆN TỬ", "", para),
                None,
                cat,
                "html",
                "leak-news",
            )
        else:
            c.add(
                "eml",
                mail(
                    "bantin@baotaylang.vn",
                    "docgia@gmail.com",
                    "Ban tin sang",
                    headline + "\n\n" + "\n".join(para),
                    [],
                    datetime(2026, 4, 2, 6, 0),
                ),
                None,
                cat,
                "eml",
                "leak-news",
            )
    # other senses of "mật"
    for i, entry in enumerate(OTHER_SENSES):
        doc = sense_doc(c, entry)
        kind = i % 5
        family = f"other-sense-{['honey', 'password', 'density', 'molasses', 'closeness', 'trade-secret', 'gall-bladder', 'privacy', 'ambush-memoir', 'exam-password'][i]}"
        if kind == 0:
            c.add("docx", docx_of(doc, []), None, cat, "docx", family)
        elif kind == 1:
            c.add(
                "eml",
                mail(
                    "cntt@taylang.gov.vn",
                    "canbo@taylang.gov.vn",
                    entry[1],
                    entry[2],
                    [],
                    datetime(2026, 7, 1, 8, 0),
                ),
                None,
                cat,
                "eml",
                family,
            )
        elif kind == 2:
            c.add(
                "xlsx",
                xlsx_of(
                    [
                        (
                            "Mat do",
                            [
                                [entry[1]],
                                ["Xã", "Mật độ (người/km²)", "Mật độ đàn gia súc"],
                                *[
                                    [x, rng.randrange(20, 90), rng.randrange(10, 60)]
                                    for x in ("Bản Phủng", "Nà Sự", "Khe Tre", "Pa Chiến")
                                ],
                            ],
                        )
                    ]
                ),
                None,
                cat,
                "xlsx",
                family,
            )
        elif kind == 3:
            scan_item(c, doc, [], Scan(skew=0.8, quality=70), "jpg", None, cat, f"scan-{family}")
        else:
            c.add("pdf", pdf_text(doc, []), None, cat, "pdf", family)
    honey = Image.new("RGB", (900, 1200), (242, 196, 60))
    label = stamp_image(
        Stamp(
            ("MẬT ONG RỪNG", "Khe Tre - Tây Lãng", "Nguyên chất 100% - 500 ml"),
            ink=RED,
            face="DejaVuSerif-Bold",
            size=64,
            frame="rounded",
        ),
        rng,
    )
    honey.paste(label, ((900 - label.width) // 2, 420), label)
    photo_item(c, honey, None, cat, "photo-honey-label", shadow=True)
    c.add(
        "html",
        html_page(
            "Mật ong bạc hà Tây Lãng - đặc sản vùng cao",
            "HỢP TÁC XÃ ONG MẬT KHE TRE",
            '<p class="dm box">MẬT ONG</p>',
            [
                "Mật ong bạc hà thu hoạch tháng 11, màu vàng sáng, vị ngọt thanh.",
                "Giá bán lẻ 450.000 đồng/lít.",
            ],
        ),
        None,
        cat,
        "html",
        "other-sense-honey-shop",
    )
    # other red stamps on ordinary papers
    ordinary = [
        Subject(
            "agri",
            "CV",
            "CÔNG VĂN",
            "Về việc phòng, chống rét cho đàn trâu, bò vụ đông 2026",
            [
                "Đề nghị các xã hướng dẫn nhân dân làm chuồng trại kín gió, dự trữ rơm, cỏ khô, không thả rông gia súc khi nhiệt độ dưới 12 độ C."
            ],
        ),
        Subject(
            "education",
            "CV",
            "CÔNG VĂN",
            "Về việc tổ chức khai giảng năm học 2026 - 2027",
            [
                "Lễ khai giảng tổ chức ngắn gọn vào 7 giờ 30 ngày 05/9/2026; các trường vùng cao chủ động đón học sinh bán trú từ ngày 03/9."
            ],
        ),
        Subject(
            "office",
            "GM",
            "GIẤY MỜI",
            "Họp trực tuyến sơ kết công tác 6 tháng đầu năm",
            [
                "Thời gian: 14 giờ 00 ngày 10/7/2026. Địa điểm: điểm cầu các xã, phường. Thành phần theo danh sách."
            ],
        ),
        Subject(
            "culture",
            "KH",
            "KẾ HOẠCH",
            "Tổ chức Lễ hội hoa ban Tây Lãng năm 2027",
            [
                "Lễ hội diễn ra từ ngày 12 đến 15/3/2027 tại quảng trường phường Tân Giang, gồm thi người đẹp hoa ban, chợ phiên vùng cao và giải đua thuyền."
            ],
        ),
        Subject(
            "health",
            "CV",
            "CÔNG VĂN",
            "Về việc tiêm vắc xin phòng bệnh dại cho chó, mèo",
            [
                "Đề nghị các xã tổ chức tiêm phòng đợt 2 trước ngày 30/10/2026, tỷ lệ tiêm đạt trên 80% tổng đàn."
            ],
        ),
    ]
    for i, marks in enumerate(OTHER_STAMPS * 2):
        s = ordinary[i % len(ordinary)]
        stamp = Stamp(
            marks,
            ink=rng.choice((RED, RED, DARK_RED, BLUE_BLACK))
            if marks[0] != "ĐẾN"
            else rng.choice((RED, BLUE_BLACK)),
            face=rng.choice(STAMP_FACES),
            size=rng.randrange(28, 42),
            frame=rng.choice(FRAMES),
            angle=rng.uniform(-6, 6),
        )
        doc = make_doc(c, s)
        place = rng.choice(("under_number", "top_right", "top_left"))
        family = "other-red-stamp"
        if i < 10:
            scan_item(
                c,
                doc,
                [(stamp, place)],
                Scan(skew=rng.uniform(-1.5, 1.5), grey=i % 3 == 0, quality=0 if i % 2 else 72),
                "jpg" if i % 2 == 0 else "png",
                None,
                cat,
                f"scan-{family}",
            )
        elif i < 13:
            photo_item(
                c,
                pages_of(c, doc, [(stamp, place)])[0],
                None,
                cat,
                f"photo-{family}",
                shadow=i % 2 == 0,
            )
        elif i < 16:
            c.add(
                "pdf",
                pdf_text(doc, [(stamp_image(stamp, rng) if i % 2 else stamp, place)]),
                None,
                cat,
                "pdf",
                f"pdf-{family}",
            )
        else:
            c.add(
                "docx",
                docx_of(doc, [(stamp, "in_cell" if i % 2 else "top_right")]),
                None,
                cat,
                "docx",
                f"docx-{family}",
            )
    # envelopes with other marks
    for i, mark in enumerate(("1", "R", "seal", "HỎA TỐC")):
        if mark == "seal":
            m = round_seal("Sở Tài chính tỉnh Tây Lãng", RED, 220)
        elif mark == "R":  # the post office's label for registered mail
            m = stamp_image(
                Stamp(
                    ("R", "BƯU GỬI ĐẢM BẢO", "RR 0412 7765 VN"),
                    ink=(20, 20, 24),
                    face="LiberationSans-Bold",
                    size=40,
                ),
                rng,
            )
        elif len(mark) > 2:
            m = stamp_image(Stamp((mark,), size=40), rng)
        else:
            m = circled(mark, RED, 120)
        photo_item(
            c,
            envelope_page(c, [m], rng.choice((KRAFT, WHITE)), rng.choice(list(AGENCIES))),
            None,
            cat,
            "photo-envelope-other-mark",
            shadow=i % 2 == 0,
        )
    # kinds of its own
    plist = price_list(c)
    photo_item(c, plist, None, cat, "stamp-maker-price-list", shadow=False)
    c.add(
        "jpg",
        jpeg(scanned(plist, Scan(skew=-0.6), rng), 70),
        None,
        cat,
        "scan",
        "stamp-maker-price-list",
    )
    hn_docs = [
        docx_of(public_doc(c, PUBLIC[0]), []),
        pptx_of(
            [
                (
                    "Tập huấn văn thư cấp xã",
                    ["Đóng dấu độ mật: dưới số, ký hiệu", "Bì thư: chữ A, B, C trong vòng tròn"],
                    [],
                )
            ]
        ),
    ]
    c.add(
        "zip",
        zip_of(
            [("tap_huan/ke_hoach.docx", hn_docs[0]), ("tap_huan/bai_giang.pptx", hn_docs[1])],
            (2026, 5, 5, 8, 0, 0),
        ),
        None,
        cat,
        "zip",
        "zip-training-pack",
    )
    c.add(
        "eml",
        mail(
            "vanthu.cat@taylang.gov.vn",
            "cacxa@taylang.gov.vn",
            "Tai lieu tap huan",
            "Gửi các xã tài liệu tập huấn bảo vệ bí mật nhà nước.",
            [
                (
                    "bai_giang.pptx",
                    hn_docs[1],
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                )
            ],
            datetime(2026, 5, 6, 8, 0),
        ),
        None,
        cat,
        "eml",
        "eml-training-slides",
    )


# ---- ordinary files -------------------------------------------------------------------------

ROUTINE = [
    (
        "agri",
        "KH",
        "KẾ HOẠCH",
        "Sản xuất vụ Đông Xuân 2026 - 2027",
        "Diện tích gieo cấy lúa 9.800 ha, ngô 6.200 ha; ưu tiên giống chịu rét cho các xã vùng cao Bản Phủng, Nà Sự.",
    ),
    (
        "culture",
        "TB",
        "THÔNG BÁO",
        "Lịch phát sóng chương trình tiếng dân tộc tháng 10",
        "Chương trình tiếng Thái, tiếng Mông phát sóng lúc 19 giờ hằng ngày trên kênh truyền hình tỉnh.",
    ),
    (
        "education",
        "BC",
        "BÁO CÁO",
        "Kết quả tuyển sinh lớp 10 năm học 2026 - 2027",
        "Toàn tỉnh tuyển 7.412 học sinh vào lớp 10, đạt 96% kế hoạch; trường dân tộc nội trú tuyển 420 em.",
    ),
    (
        "health",
        "KH",
        "KẾ HOẠCH",
        "Khám sàng lọc bệnh không lây nhiễm cho người cao tuổi",
        "Tổ chức khám tại 12 trạm y tế xã từ tháng 9 đến tháng 11/2026, ưu tiên người trên 60 tuổi.",
    ),
    (
        "finance",
        "CV",
        "CÔNG VĂN",
        "Công khai dự toán ngân sách tỉnh năm 2027",
        "Tổng thu ngân sách nhà nước trên địa bàn 3.420 tỷ đồng; tổng chi ngân sách địa phương 11.860 tỷ đồng.",
    ),
    (
        "commune",
        "TB",
        "THÔNG BÁO",
        "Lịch tiếp công dân tháng 8 năm 2026",
        "Chủ tịch UBND xã tiếp công dân vào sáng thứ Năm hằng tuần tại trụ sở xã Pa Chiến.",
    ),
    (
        "trade",
        "KH",
        "KẾ HOẠCH",
        "Tổ chức phiên chợ hàng Việt về vùng cao",
        "Phiên chợ tổ chức tại xã Mường Lói ngày 20 - 22/9/2026 với 80 gian hàng.",
    ),
    (
        "office",
        "GM",
        "GIẤY MỜI",
        "Dự lễ khánh thành cầu Nậm Pay",
        "Thời gian 9 giờ ngày 02/9/2026 tại đầu cầu phía xã Bản Phủng.",
    ),
]


def negatives(c: Ctx) -> None:
    cat = "negative"
    rng = c.rng
    for i in range(36):
        agency, code, kind, title, text = ROUTINE[i % len(ROUTINE)]
        s = Subject(
            agency,
            code,
            kind,
            title,
            [
                text,
                "Các đơn vị liên quan phối hợp thực hiện; báo cáo kết quả về Văn phòng trước ngày 30 hằng tháng.",
            ],
        )
        doc = make_doc(c, s)
        form = i % 12
        if form == 0:
            c.add("docx", docx_of(doc, []), None, cat, "docx", "routine-word")
        elif form == 1:
            c.add("pdf", pdf_text(doc, []), None, cat, "pdf", "routine-pdf")
        elif form == 2:
            scan_item(
                c,
                doc,
                [],
                Scan(skew=rng.uniform(-2, 2), grey=True, turns=rng.choice((0, 0, 1, 2))),
                "png",
                None,
                cat,
                "routine-scan",
            )
        elif form == 3:
            photo_item(
                c,
                pages_of(c, doc, [], paper=rng.choice(PAPERS))[0],
                None,
                cat,
                "routine-photo",
                shadow=rng.random() < 0.5,
            )
        elif form == 4:
            table: list[list[Any]] = [
                [title],
                ["Xã", "Chỉ tiêu", "Thực hiện"],
                *[
                    [x, rng.randrange(100, 900), rng.randrange(100, 900)]
                    for x in ("Bản Phủng", "Nà Sự", "Khe Tre", "Pa Chiến", "Suối Ngang")
                ],
            ]
            c.add(
                "xlsx",
                xlsx_of([("Sheet1", table)], header="Biểu số 02"),
                None,
                cat,
                "xlsx",
                "routine-workbook",
            )
        elif form == 5:
            c.add(
                "html",
                html_page(title, AGENCIES[agency][1].upper(), "", s.body),
                None,
                cat,
                "html",
                "routine-portal-page",
            )
        elif form == 6:
            c.add("txt", plain_text(c, s, "").encode(), None, cat, "txt", "routine-text")
        elif form == 7:
            c.add(
                "eml",
                mail(
                    "vanphong@taylang.gov.vn",
                    "cacso@taylang.gov.vn",
                    title,
                    text,
                    [("giay_moi.pdf", pdf_text(doc, []), "application/pdf")],
                    datetime(2026, 8, 1, 8, 0),
                ),
                None,
                cat,
                "eml",
                "routine-mail",
            )
        elif form == 8:
            c.add(
                "zip",
                zip_of(
                    [("bao_cao.docx", docx_of(doc, [])), ("so_lieu.txt", text.encode())],
                    (2026, 8, 8, 8, 0, 0),
                ),
                None,
                cat,
                "zip",
                "routine-archive",
            )
        elif form == 9:
            c.add("pptx", pptx_of([(title, [text], [])]), None, cat, "pptx", "routine-slides")
        elif form == 10:
            scan_item(
                c,
                doc,
                [],
                Scan(fax=f"08:1{i % 10} 03/08/2026  FAX 0214 3851 220  P.01"),
                "png",
                None,
                cat,
                "routine-fax",
            )
        else:
            envelope_img = envelope_page(c, [], WHITE, agency)
            photo_item(c, envelope_img, None, cat, "routine-envelope", shadow=False)
    c.legacy.append(
        (
            c.name("x")[:-2],
            docx_of(make_doc(c, Subject(*ROUTINE[0][:4], [ROUTINE[0][4]])), []),
            None,
            cat,
            "routine-word97",
            False,
        )
    )
    c.legacy.append(
        (
            c.name("x")[:-2],
            docx_of(make_doc(c, Subject(*ROUTINE[3][:4], [ROUTINE[3][4]])), []),
            None,
            cat,
            "routine-word97",
            False,
        )
    )


# ---- the whole corpus ----------------------------------------------------------------------


def build(seed: int = SEED) -> list[Item]:
    c = Ctx(Random(seed))
    positives(c)
    declassified(c)
    hard_negatives(c)
    negatives(c)
    converted = word97_of({stem: data for stem, data, *_ in c.legacy})
    if converted:
        c.items += word97_items(c.legacy, converted)
    return renumbered(c.items, c.rng)


if __name__ == "__main__":
    write_corpus(Path(sys.argv[1]), build(SEED))
