"""Held-out corpus 14 for the leak scanner: about 230 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only tests/corpus/common.py, the bench harness and heldout13's
docstring and imports); nothing may be tuned against it, and its first run's figures are the
honest estimate. `build(SEED)` returns the files; `python -m tests.corpus.heldout14 OUT` writes
them and `labels.jsonl`. Renderers: tests/corpus/heldout14_render.py.

The documents come from a fictional coastal delta province, Bạch Sa (communes Cồn Mười, Vạn
Lộc, Bãi Dừa, Rạch Ông, Phú Sa, Tân Thạnh Hải and the island commune Hòn Nghê; wards Đông Cảng
and Bến Ghe): the provincial police, military command and border guard, the party's
organisation board, the departments of health, education, agriculture and environment and
finance, the sea economic zone's board, the inspectorate, the people's committee's office and a
commune. Their secret subjects: the sea patrol roster round Hòn Nghê island, a fuel-smuggling
ring using fishing boats at the Rạch Ông estuary and its informants, the coastal battery and
radar positions on Kỳ Lân cape, the protection of the Bãi Dừa submarine-cable landing station, a
cholera cluster at Cồn Mười before it was announced, the grade-10 entrance exam papers before
the exam, the land-price plan of the Bến Ghe deep-water port before approval, the cadre-planning
list of the next term, the source of an oil spill off Phú Sa before publication, the dossier on
foreign fishing boats in the province's waters, the national reserve depots in the province, the
defence and security budget in detail, the island commune's sea-militia boats and an
inspection's conclusions on sea-area allocation before publication.

Secret files carry a level stamp (red, deep red, pale red, purple-red; serif, sans, narrow,
condensed and italic faces; single, double, thick, rounded, dashed or no frame; tilted) under
the number and symbol, at the top, by the signature, in the footer, over the body or only on
the annex. Kinds shared with earlier corpora: Word (header-table cell, framed paragraph, page
header or footer, stamp picture, annex only), Word 97, PDFs with a text layer (framed text or a
stamp picture), scans (skewed, turned 90/180/270, speckled, grey, bilevel, low resolution, JPEG,
multipage PDF and TIFF with a public covering letter and a stamped annex, fax copies), phone
photos of pages (perspective, light falling off, shadow, blur) and of envelopes with a circled
A/B/C, workbooks (print header or footer, a red cell by the number, a later sheet), web pages (a
box, CSS letter spacing, letters spaced by hand, a word cut across spans, a stamp picture),
plain text, mail (body, HTML body, attachments), archives (nested too) and slides. Kinds of its
own: a photo of the document open on a monitor (bezel, glow, scan lines); a screenshot of a PDF
viewer showing the page; a chat app's screenshot of a forwarded photo of the page; a print from
a microfilm reader (negative); a scan with a yellow routing slip clipped over the body; a duplex
scan with near-blank backs; a searchable scanned PDF whose OCR layer missed the red stamp; an
RTF file saved under a .doc name; Word's "Save as Web Page" output; a plain-text file as
pdftotext leaves it (the stamp's line out of place, pages split by form feeds). A changed level
(old stamp struck through and an "ĐIỀU CHỈNH ĐỘ MẬT" box naming the new level) is secret at the
new level; a declassified file (old stamp struck through or intact and an "ĐÃ GIẢI MẬT" box with
decision, date and signer) is not secret.

Hard negatives: plans and reports on protecting state secrets, counts by level, training slides
and handouts with captioned specimen stamps, empty level fields in forms and registers, a public
declassification decision, leak news and a court notice, other senses of "mật" (honey, passwords,
density, molasses, closeness, trade secrets, cryptography, a colonial-era secret agent in a
museum caption), other red stamps (KHẨN, THƯỢNG KHẨN, HỎA TỐC, BẢN SAO, SAO Y BẢN CHÍNH, DỰ THẢO,
ĐẾN box, and of its own: ĐÃ SCAN, TÀI LIỆU PHỤC VỤ HỌP, BẢN CHÍNH, ĐÃ VÀO SỔ), envelopes with
other marks (a circled block letter of an address, postage and postmark, a HỎA TỐC box, a
registered-mail label); and kinds of its own: a cinema schedule with a film called "Hồ Sơ Tuyệt
Mật", a quote for a document shredder, a security-awareness quiz, a request for a fireproof
cabinet for the secret archive room, a port's data-privacy notice and an archive list whose
level column says "Thường" throughout.
"""

from __future__ import annotations

import sys
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
from tests.corpus.heldout14_render import (
    DEEP_RED,
    FRAMES,
    GREY_PAPER,
    IVORY,
    MANILA,
    PALE_RED,
    PURPLE_RED,
    RED,
    STAMP_FACES,
    WHITE,
    Mark,
    Paper,
    chat_forward,
    docx_of,
    envelope,
    fax_copy,
    html_page,
    img_tag,
    mail,
    microfilm_print,
    monitor_photo,
    paint,
    pdf_of,
    pdf_of_images,
    photographed,
    pptx_of,
    rtf_of,
    scanned,
    stamp_png,
    text_of,
    tiff_of,
    two_sided,
    viewer_screenshot,
    with_slip,
    xlsx_of,
)
from tests.corpus.scanner_corpus import Item

SEED = 1414141
PROVINCE = "Bạch Sa"
DATE_ZIP = (2026, 4, 14, 9, 30, 0)

# (parent line, agency, symbol suffix, signer role)
AGENCIES = {
    "cat": ("BỘ CÔNG AN", "CÔNG AN TỈNH BẠCH SA", "CAT", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    "bch": ("UBND TỈNH BẠCH SA", "BỘ CHỈ HUY QUÂN SỰ TỈNH", "BCH", "CHỈ HUY TRƯỞNG"),
    "bdbp": ("BỘ TƯ LỆNH BĐBP", "BỘ CHỈ HUY BĐBP TỈNH BẠCH SA", "BCH-BP", "CHỈ HUY TRƯỞNG"),
    "btc": ("ĐẢNG BỘ TỈNH BẠCH SA", "BAN TỔ CHỨC TỈNH ỦY", "BTCTU", "T/M BAN TỔ CHỨC\nTRƯỞNG BAN"),
    "syt": ("UBND TỈNH BẠCH SA", "SỞ Y TẾ", "SYT", "GIÁM ĐỐC"),
    "sgd": ("UBND TỈNH BẠCH SA", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"),
    "snn": ("UBND TỈNH BẠCH SA", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "SNNMT", "GIÁM ĐỐC"),
    "stc": ("UBND TỈNH BẠCH SA", "SỞ TÀI CHÍNH", "STC", "GIÁM ĐỐC"),
    "kkt": ("UBND TỈNH BẠCH SA", "BAN QUẢN LÝ KHU KINH TẾ BIỂN", "BQLKKT", "TRƯỞNG BAN"),
    "ttr": ("UBND TỈNH BẠCH SA", "THANH TRA TỈNH", "TTr", "CHÁNH THANH TRA"),
    "vp": ("UBND TỈNH BẠCH SA", "VĂN PHÒNG", "VP", "KT. CHÁNH VĂN PHÒNG\nPHÓ CHÁNH VĂN PHÒNG"),
    "hn": ("TỈNH BẠCH SA", "UBND XÃ HÒN NGHÊ", "UBND", "T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH"),
}
NAMES = (
    "Trương Văn Lộc",
    "Nguyễn Thị Kim Quyên",
    "Lâm Quốc Bảo",
    "Huỳnh Thanh Phong",
    "Đặng Ngọc Hân",
    "Võ Minh Triết",
    "Phan Thị Diệu",
    "Tạ Hữu Nghĩa",
    "Châu Văn Khải",
    "Lý Thị Ngọc Bích",
)

# key: agency, kind code, title, subject, specific sentences, annex title, annex rows
SUBJECTS: dict[str, tuple[str, str, str, str, list[str], str, list[str]]] = {
    "patrol": (
        "bdbp",
        "KH",
        "KẾ HOẠCH",
        "Tuần tra, kiểm soát vùng biển quanh đảo Hòn Nghê quý II năm 2026",
        [
            "Tổ chức ba tổ tàu tuần tra luân phiên, mỗi ca 12 giờ, xuất phát từ trạm Hòn Nghê vào các ngày chẵn.",
            "Tàu BS-06 trực tại khu neo đậu phía đông đảo từ 19 giờ đến 5 giờ sáng hôm sau, giữ liên lạc qua tần số dự phòng.",
            "Khi phát hiện tàu lạ, tổ tuần tra báo cáo ngay về Sở chỉ huy và không tự ý truy đuổi ra ngoài khu vực được giao.",
        ],
        "PHỤ LỤC: LỊCH TRỰC VÀ TỌA ĐỘ ĐIỂM HẸN",
        [
            "Ca 1 | Tàu BS-06 | Điểm hẹn H1 - 10°02'N 106°48'E",
            "Ca 2 | Tàu BS-11 | Điểm hẹn H2 - 10°05'N 106°52'E",
            "Ca 3 | Xuồng CQ-3 | Điểm hẹn H3 - cửa lạch Hòn Nghê",
            "Ca 4 | Tàu BS-06 | Điểm hẹn H4 - phao số 7",
        ],
    ),
    "smuggling": (
        "cat",
        "KH",
        "KẾ HOẠCH",
        "Đấu tranh chuyên án BS-26 về đường dây buôn lậu xăng dầu trên biển qua cửa Rạch Ông",
        [
            "Đường dây sử dụng bốn tàu cá đăng ký tại xã Rạch Ông để sang mạn xăng dầu ngoài khơi, đưa vào bờ ban đêm.",
            "Hai cơ sở bí mật đã được bố trí trong số lao động trên tàu, cung cấp lịch xuất bến và điểm sang mạn.",
            "Lực lượng phá án triển khai đồng loạt khi tàu cập bến, phối hợp Bộ đội Biên phòng phong tỏa cửa lạch.",
        ],
        "PHỤ LỤC: DANH SÁCH ĐỐI TƯỢNG VÀ CƠ SỞ",
        [
            "1 | Đối tượng cầm đầu | biệt danh “Tư Ghe” | Rạch Ông",
            "2 | Chủ tàu BS-9127-TS | theo dõi 24/24",
            "3 | Cơ sở bí mật CS-07 | thợ máy tàu",
            "4 | Cơ sở bí mật CS-12 | người bán đá lạnh tại bến",
        ],
    ),
    "battery": (
        "bch",
        "PA",
        "PHƯƠNG ÁN",
        "Bố trí trận địa pháo bờ biển và trạm ra-đa khu vực mũi Kỳ Lân",
        [
            "Trận địa chính đặt sau đồi cát phía tây mũi Kỳ Lân, trận địa dự bị cách 2,5 km về phía bắc.",
            "Trạm ra-đa cơ động triển khai theo ba vị trí luân phiên, thay đổi vị trí sau mỗi đợt diễn tập.",
            "Đường cơ động nối trận địa với kho đạn được ngụy trang bằng rừng phi lao, cấm người không phận sự.",
        ],
        "PHỤ LỤC: VỊ TRÍ TRIỂN KHAI",
        [
            "Trận địa chính | đồi cát Tây Kỳ Lân | 4 khẩu",
            "Trận địa dự bị | bãi Cát Đỏ | 2 khẩu",
            "Ra-đa vị trí 1 | chóp đồi 42",
            "Kho đạn | hang Ông Nọc",
        ],
    ),
    "cable": (
        "cat",
        "PA",
        "PHƯƠNG ÁN",
        "Bảo vệ trạm cập bờ tuyến cáp quang biển tại Bãi Dừa",
        [
            "Trạm cập bờ là mục tiêu trọng điểm; lực lượng bảo vệ gồm ba vòng, vòng trong do cảnh vệ chuyên trách đảm nhiệm.",
            "Sơ đồ hành lang tuyến cáp từ bờ ra khơi 12 hải lý chỉ lưu tại Phòng An ninh kinh tế và đơn vị quản lý trạm.",
            "Kịch bản xử lý khi tàu thả neo trái phép trong hành lang cáp được diễn tập hai lần mỗi năm.",
        ],
        "PHỤ LỤC: SƠ ĐỒ BỐ TRÍ LỰC LƯỢNG",
        [
            "Vòng 1 | cảnh vệ chuyên trách | 8 người",
            "Vòng 2 | Công an xã Bãi Dừa | 12 người",
            "Vòng 3 | dân quân biển | 2 tàu",
        ],
    ),
    "cholera": (
        "syt",
        "BC",
        "BÁO CÁO",
        "Tình hình ổ dịch tả tại xã Cồn Mười (chưa công bố dịch)",
        [
            "Từ ngày 02 đến ngày 09 tháng 4, ghi nhận 17 ca tiêu chảy cấp, trong đó 6 ca dương tính với phẩy khuẩn tả.",
            "Nguồn lây nghi do nước giếng tại khu dân cư ấp Cồn Mười B; đã lấy mẫu gửi Viện Pasteur.",
            "Đề nghị chưa công bố dịch cho đến khi có kết quả xác định, tránh ảnh hưởng đến mùa du lịch biển.",
        ],
        "PHỤ LỤC: DANH SÁCH CA BỆNH",
        [
            "1 | Nữ, 54 tuổi | ấp Cồn Mười B | dương tính",
            "2 | Nam, 7 tuổi | ấp Cồn Mười B | dương tính",
            "3 | Nam, 61 tuổi | ấp Cồn Mười A | chờ kết quả",
        ],
    ),
    "exam": (
        "sgd",
        "ĐT",
        "ĐỀ THI",
        "Tuyển sinh vào lớp 10 năm học 2026-2027 - Môn Toán (đề chính thức) và hướng dẫn chấm",
        [
            "Câu 1 (2,0 điểm): Giải phương trình x² - 5x + 6 = 0 và hệ phương trình đã cho.",
            "Câu 2 (1,5 điểm): Một tàu cá đi từ cảng Bến Ghe ra đảo Hòn Nghê với vận tốc không đổi...",
            "Hướng dẫn chấm: học sinh giải cách khác đúng vẫn cho điểm tối đa; điểm toàn bài làm tròn đến 0,25.",
        ],
        "HƯỚNG DẪN CHẤM",
        [
            "Câu 1a | 1,0 điểm | x = 2; x = 3",
            "Câu 1b | 1,0 điểm | (x; y) = (1; 2)",
            "Câu 2 | 1,5 điểm | v = 18 km/h",
        ],
    ),
    "landprice": (
        "kkt",
        "PA",
        "PHƯƠNG ÁN",
        "Giá đất và ranh giới thu hồi đất dự án cảng nước sâu Bến Ghe (trình phê duyệt)",
        [
            "Ranh giới thu hồi gồm 214 ha tại phường Bến Ghe và xã Tân Thạnh Hải, chưa được công bố.",
            "Giá đất ở dự kiến bồi thường từ 3,2 đến 5,8 triệu đồng/m² tùy vị trí, thấp hơn giá giao dịch hiện nay.",
            "Không cung cấp thông tin ranh giới cho tổ chức, cá nhân trước khi Ủy ban nhân dân tỉnh phê duyệt.",
        ],
        "PHỤ LỤC: BẢNG GIÁ DỰ KIẾN",
        [
            "Vị trí 1 | mặt tiền đường ven biển | 5,8 triệu/m²",
            "Vị trí 2 | hẻm chính | 4,1 triệu/m²",
            "Vị trí 3 | đất nuôi tôm | 0,9 triệu/m²",
        ],
    ),
    "cadre": (
        "btc",
        "TTr",
        "TỜ TRÌNH",
        "Danh sách quy hoạch cán bộ diện Ban Thường vụ Tỉnh ủy quản lý nhiệm kỳ 2026-2031",
        [
            "Ban Tổ chức đề xuất 38 đồng chí vào quy hoạch các chức danh chủ chốt, trong đó có 9 đồng chí nữ.",
            "Kết quả lấy phiếu tín nhiệm của từng đồng chí được tổng hợp tại phụ lục kèm theo.",
            "Đề nghị Ban Thường vụ xem xét, cho ý kiến trước khi công bố quyết định quy hoạch.",
        ],
        "PHỤ LỤC: KẾT QUẢ LẤY PHIẾU",
        [
            "1 | Đ/c Lâm Q.B. | Phó Giám đốc Sở | 91%",
            "2 | Đ/c Đặng N.H. | Bí thư xã Vạn Lộc | 87%",
            "3 | Đ/c Võ M.T. | Phó Trưởng ban | 74%",
        ],
    ),
    "oilspill": (
        "snn",
        "BC",
        "BÁO CÁO",
        "Kết quả xác định nguồn gây sự cố tràn dầu ven biển xã Phú Sa",
        [
            "Kết quả phân tích dấu vân dầu cho thấy mẫu thu tại bãi Phú Sa trùng với mẫu lấy từ tàu chở dầu neo ngoài phao số 0.",
            "Báo cáo chưa được công bố do đang trong quá trình làm việc với chủ tàu và cơ quan đăng kiểm.",
            "Sở đề nghị giữ kín thông tin để phục vụ việc yêu cầu bồi thường thiệt hại.",
        ],
        "PHỤ LỤC: KẾT QUẢ PHÂN TÍCH MẪU",
        [
            "Mẫu PS-01 | bãi tắm Phú Sa | trùng khớp",
            "Mẫu PS-04 | rừng đước | trùng khớp",
            "Mẫu T-02 | két dầu tàu | đối chứng",
        ],
    ),
    "foreignboats": (
        "bdbp",
        "BC",
        "BÁO CÁO",
        "Hồ sơ theo dõi tàu cá nước ngoài xâm phạm vùng biển tỉnh Bạch Sa năm 2026",
        [
            "Quý I phát hiện 23 lượt tàu cá nước ngoài hoạt động trái phép, tập trung ở ngư trường phía tây nam đảo Hòn Nghê.",
            "Phương thức xử lý từng trường hợp được phối hợp với Vùng Cảnh sát biển, không công bố trên phương tiện thông tin đại chúng.",
            "Danh sách tàu và thuyền trưởng kèm theo được lưu tại Phòng Trinh sát.",
        ],
        "PHỤ LỤC: DANH SÁCH TÀU",
        [
            "1 | tàu số hiệu lạ, vỏ xanh | 14/01 | xua đuổi",
            "2 | tàu vỏ gỗ, 3 người | 02/02 | lập biên bản",
            "3 | tàu lưới kéo đôi | 19/03 | theo dõi",
        ],
    ),
    "reserve": (
        "stc",
        "BC",
        "BÁO CÁO",
        "Vị trí, số lượng hàng dự trữ quốc gia trên địa bàn tỉnh Bạch Sa",
        [
            "Kho dự trữ Vạn Lộc hiện bảo quản 4.200 tấn gạo và 180 bộ nhà bạt cứu sinh phục vụ phòng chống bão.",
            "Điểm kho tạm tại xã Tân Thạnh Hải được dùng cho mùa mưa bão, chưa đưa vào danh mục công khai.",
            "Việc điều chuyển hàng dự trữ chỉ thực hiện theo lệnh của Chủ tịch Ủy ban nhân dân tỉnh.",
        ],
        "PHỤ LỤC: DANH MỤC KHO",
        [
            "Kho Vạn Lộc | 4.200 tấn gạo",
            "Điểm kho Tân Thạnh Hải | 60 tấn muối i-ốt",
            "Kho Đông Cảng | 12 máy lọc nước",
        ],
    ),
    "budget": (
        "stc",
        "TTr",
        "TỜ TRÌNH",
        "Dự toán chi tiết ngân sách quốc phòng - an ninh năm 2027",
        [
            "Tổng dự toán chi quốc phòng - an ninh năm 2027 là 312 tỷ đồng, tăng 14% so với năm trước.",
            "Chi tiết từng khoản cho lực lượng dân quân biển, diễn tập khu vực phòng thủ và mua sắm trang bị được nêu tại phụ lục.",
            "Các khoản chi cho nhiệm vụ đặc biệt không thể hiện trong dự toán công khai.",
        ],
        "PHỤ LỤC: CHI TIẾT DỰ TOÁN",
        [
            "Dân quân biển | 41 tỷ",
            "Diễn tập khu vực phòng thủ | 28 tỷ",
            "Trang bị chuyên dụng | 63 tỷ",
            "Nhiệm vụ đặc biệt | 19 tỷ",
        ],
    ),
    "seamilitia": (
        "hn",
        "KH",
        "KẾ HOẠCH",
        "Huy động tàu cá tham gia dân quân tự vệ biển xã Hòn Nghê khi có tình huống",
        [
            "Mười hai tàu cá công suất từ 400 CV trở lên được đăng ký vào đội tàu dân quân, chủ tàu đã ký cam kết.",
            "Khi có lệnh, các tàu tập kết tại lạch phía nam đảo trong vòng 6 giờ và nhận nhiệm vụ từ Ban Chỉ huy quân sự xã.",
            "Danh sách tàu, thuyền trưởng và tần số liên lạc không được phổ biến ngoài Ban Chỉ huy.",
        ],
        "PHỤ LỤC: DANH SÁCH TÀU HUY ĐỘNG",
        ["1 | BS-90417-TS | 620 CV", "2 | BS-90502-TS | 450 CV", "3 | BS-91233-TS | 810 CV"],
    ),
    "inspection": (
        "ttr",
        "KL",
        "KẾT LUẬN",
        "Thanh tra việc giao khu vực biển cho nuôi trồng thủy sản tại xã Tân Thạnh Hải (chưa công bố)",
        [
            "Việc giao 86 ha mặt nước cho ba doanh nghiệp không qua đấu giá, trái quy định.",
            "Trách nhiệm thuộc về tập thể lãnh đạo Ủy ban nhân dân xã và một số cá nhân có liên quan.",
            "Kiến nghị chuyển hồ sơ sang Cơ quan Cảnh sát điều tra để xem xét theo thẩm quyền.",
        ],
        "PHỤ LỤC: DANH SÁCH CÁ NHÂN LIÊN QUAN",
        ["1 | nguyên Chủ tịch UBND xã | kiểm điểm", "2 | công chức địa chính | chuyển điều tra"],
    ),
}
GENERIC = [
    "Thủ trưởng các đơn vị có liên quan chịu trách nhiệm tổ chức thực hiện và báo cáo kết quả về cơ quan chủ trì.",
    "Trong quá trình thực hiện, nếu có vướng mắc, các đơn vị báo cáo kịp thời để xem xét, giải quyết.",
    "Văn bản này chỉ phổ biến đến những người có trách nhiệm trực tiếp thực hiện.",
    "Cán bộ được giao nhiệm vụ không được sao chụp, chuyển tiếp văn bản qua mạng xã hội hoặc thư điện tử công cộng.",
]
PUBLIC_GENERIC = [
    "Các cơ quan, đơn vị phối hợp triển khai, báo cáo kết quả trước ngày 30 tháng 6 năm 2026.",
    "Văn bản được đăng tải trên Cổng thông tin điện tử tỉnh để nhân dân biết và thực hiện.",
    "Đề nghị Ủy ban nhân dân các xã, phường thông báo rộng rãi đến người dân trên địa bàn.",
]
RECIPIENTS = ["Như trên", "Thường trực Tỉnh ủy", "Chủ tịch UBND tỉnh", "Lưu: VT"]

# hard-negative documents about protecting state secrets: (agency, code, title, subject, body)
ABOUT_SECRETS: list[tuple[str, str, str, str, list[str]]] = [
    (
        "vp",
        "KH",
        "KẾ HOẠCH",
        "Công tác bảo vệ bí mật nhà nước năm 2026 của tỉnh Bạch Sa",
        [
            "Rà soát, cập nhật danh mục bí mật nhà nước của các sở, ngành theo Luật Bảo vệ bí mật nhà nước năm 2018.",
            "Tài liệu có độ mật phải được đóng dấu “TUYỆT MẬT”, “TỐI MẬT” hoặc “MẬT” theo mẫu quy định tại Thông tư số 24/2020/TT-BCA.",
            "Bố trí máy tính riêng, không kết nối mạng để soạn thảo tài liệu mật; trang bị tủ, két sắt cho bộ phận văn thư.",
        ],
    ),
    (
        "cat",
        "BC",
        "BÁO CÁO",
        "Kết quả kiểm tra công tác bảo vệ bí mật nhà nước tại các sở, ngành năm 2025",
        [
            "Đoàn kiểm tra làm việc tại 14 cơ quan; phát hiện 3 trường hợp soạn thảo tài liệu mật trên máy tính có kết nối Internet.",
            "Một số đơn vị đóng dấu độ mật không đúng vị trí, chưa ghi đủ số bản, tên người nhận trên bì thư.",
            "Đề nghị các cơ quan chấn chỉnh ngay, báo cáo kết quả khắc phục về Công an tỉnh (Phòng An ninh chính trị nội bộ).",
        ],
    ),
    (
        "vp",
        "QĐ",
        "QUYẾT ĐỊNH",
        "Ban hành Nội quy bảo vệ bí mật nhà nước tại Văn phòng Ủy ban nhân dân tỉnh",
        [
            "Điều 3. Việc sao, chụp tài liệu mật độ Tuyệt mật, Tối mật phải được người đứng đầu cơ quan cho phép bằng văn bản.",
            "Điều 5. Bì đựng tài liệu mật ghi ký hiệu độ mật: chữ A trong vòng tròn (Tuyệt mật), chữ B (Tối mật), chữ C (Mật).",
            "Điều 7. Tài liệu mật hết thời hạn bảo vệ được giải mật theo quy định; hồ sơ giải mật lưu tại Văn phòng.",
        ],
    ),
    (
        "snn",
        "BC",
        "BÁO CÁO",
        "Tự kiểm tra công tác bảo vệ bí mật nhà nước 6 tháng đầu năm 2026",
        [
            "Trong kỳ, Sở tiếp nhận 46 văn bản mật, phát hành 9 văn bản mật; không để xảy ra lộ, mất bí mật nhà nước.",
            "Sổ đăng ký văn bản mật đến, đi được lập riêng; người làm công tác văn thư mật đã ký cam kết bảo vệ bí mật nhà nước.",
            "Kiến nghị được tập huấn lại về cách xác định độ mật của văn bản trước khi phát hành.",
        ],
    ),
]


class Corpus:
    """The items being built, the Word files waiting for conversion, and the random source."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.items: list[Item] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []
        self.counter = 0

    def name(self, stem: str, ext: str) -> str:
        self.counter += 1
        return f"000_{stem}_{self.counter:03d}.{ext}"

    def add(
        self,
        stem: str,
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
                self.name(stem, ext), data, level, category, fmt, family, declassified=declassified
            )
        )

    def word97(
        self,
        stem: str,
        docx: bytes,
        level: str | None,
        category: str,
        family: str,
        declassified: bool = False,
    ) -> None:
        self.counter += 1
        self.legacy.append(
            (f"000_{stem}_{self.counter:03d}", docx, level, category, family, declassified)
        )


def date_line(rng: Random) -> str:
    return f"{PROVINCE}, ngày {rng.randint(1, 28):02d} tháng {rng.randint(1, 12):02d} năm 2026"


def number_of(rng: Random, agency: str, code: str) -> str:
    return f"Số: {rng.randint(3, 480)}/{code}-{AGENCIES[agency][2]}"


def level_mark(rng: Random, level: str, where: str = "number", *, tilt: bool = True) -> Mark:
    """A level stamp in a random face, frame and ink."""
    return Mark(
        "level",
        LEVEL_WORD[level],
        where=where,
        ink=rng.choice((RED, RED, DEEP_RED, PALE_RED, PURPLE_RED)),
        face=rng.choice(STAMP_FACES),
        frame=rng.choice(FRAMES),
        tilt=rng.uniform(-7, 7) if tilt and rng.random() < 0.5 else 0.0,
        size=rng.randint(30, 42),
    )


def red_mark(rng: Random, text: str, where: str = "number") -> Mark:
    return Mark(
        "red",
        text,
        where=where,
        ink=rng.choice((RED, DEEP_RED, PALE_RED)),
        face=rng.choice(STAMP_FACES),
        frame=rng.choice(("single", "double", "thick", "round")),
        tilt=rng.uniform(-5, 5) if rng.random() < 0.4 else 0.0,
        size=rng.randint(30, 40),
    )


def decision_lines(rng: Random) -> tuple[str, ...]:
    return (
        f"Theo Quyết định số {rng.randint(10, 300)}/QĐ-UBND",
        f"ngày {rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026",
        f"Người ký: {rng.choice(NAMES)}",
    )


def secret_paper(
    rng: Random,
    key: str,
    marks: list[Mark],
    *,
    annex: bool = False,
    paper: tuple[int, int, int] = WHITE,
) -> Paper:
    """A document on one of the secret subjects, with the given marks."""
    agency, code, title, subject, specific, annex_title, rows = SUBJECTS[key]
    parent, name, _, role = AGENCIES[agency]
    body = [*specific]
    rng.shuffle(body)
    body += rng.sample(GENERIC, 2)
    return Paper(
        parent,
        name,
        number_of(rng, agency, code),
        date_line(rng),
        title,
        subject,
        body,
        role,
        rng.choice(NAMES),
        RECIPIENTS[: rng.randint(2, 4)],
        marks,
        annex_title if annex else "",
        rows if annex else [],
        paper,
    )


def plain_paper(
    rng: Random,
    agency: str,
    code: str,
    title: str,
    subject: str,
    body: list[str],
    marks: list[Mark] | None = None,
) -> Paper:
    parent, name, _, role = AGENCIES[agency]
    return Paper(
        parent,
        name,
        number_of(rng, agency, code),
        date_line(rng),
        title,
        subject,
        body,
        role,
        rng.choice(NAMES),
        RECIPIENTS[: rng.randint(2, 4)],
        marks or [],
        paper=rng.choice((WHITE, WHITE, IVORY)),
    )


def covering_letter(rng: Random, key: str, level: str) -> Paper:
    """A public covering letter sending a secret annex (stamp on the annex page only)."""
    agency, _, _, subject, _, annex_title, rows = SUBJECTS[key]
    parent, name, _, role = AGENCIES[agency]
    return Paper(
        parent,
        name,
        number_of(rng, agency, "CV"),
        date_line(rng),
        "CÔNG VĂN",
        f"V/v gửi tài liệu: {subject.lower()}",
        [
            "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, cơ quan gửi kèm theo công văn này tài liệu nêu trên.",
            "Đề nghị quý cơ quan quản lý tài liệu kèm theo đúng chế độ quy định.",
            rng.choice(PUBLIC_GENERIC),
        ],
        role,
        rng.choice(NAMES),
        RECIPIENTS[:3],
        [level_mark(rng, level, "annex", tilt=False)],
        annex_title,
        rows,
    )


def cycle_levels(rng: Random, n: int) -> list[str]:
    out = [LEVELS[i % 3] for i in range(n)]
    rng.shuffle(out)
    return out


def keys(rng: Random, n: int) -> list[str]:
    pool = list(SUBJECTS)
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(n)]


def ocr_text(paper: Paper) -> list[str]:
    """What a scanner's OCR gives for the page when it drops the red ink: the black text only."""
    return [
        "\n".join(
            [paper.parent, paper.agency, paper.number, paper.title, paper.subject, *paper.body]
        )
    ]


# ---------------------------------------------------------------- positives


def positives(c: Corpus) -> None:
    rng = c.rng
    levels = cycle_levels(rng, 120)
    subjects = keys(rng, 120)
    k = iter(range(120))

    def nxt() -> tuple[str, str]:
        i = next(k)
        return levels[i], subjects[i]

    # Word: stamp in the header table cell, a framed paragraph, the page header/footer, a picture, the annex
    for style, n, family in (
        ("cell", 4, "docx_header_table"),
        ("framed", 3, "docx_framed_paragraph"),
        ("header", 2, "docx_page_header"),
        ("footer", 1, "docx_page_footer"),
        ("picture", 3, "docx_stamp_picture"),
        ("annex", 2, "docx_annex_only"),
    ):
        for _ in range(n):
            level, key = nxt()
            where = "annex" if style == "annex" else "number"
            mark = level_mark(rng, level, where, tilt=False)
            paper = secret_paper(rng, key, [mark], annex=style == "annex" or rng.random() < 0.3)
            picture = stamp_png(mark) if style == "picture" else None
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, "framed" if style == "annex" else style, rng, picture=picture),
                level,
                "positive",
                "docx",
                family,
            )
    # Word 97 (LibreOffice conversions): cell, framed, header, annex with a table
    for style in ("cell", "cell", "framed", "framed", "header", "annex", "annex"):
        level, key = nxt()
        where = "annex" if style == "annex" else "number"
        paper = secret_paper(rng, key, [level_mark(rng, level, where, tilt=False)], annex=True)
        c.word97(
            "van_ban",
            docx_of(paper, "framed" if style == "annex" else style, rng),
            level,
            "positive",
            f"doc_word97_{style}",
        )
    # RTF saved with a .doc name
    for _ in range(3):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        c.add("van_ban", "doc", rtf_of(paper), level, "positive", "doc", "doc_rtf_named_doc")
    # PDF with a text layer: framed text; a stamp picture; a searchable scan whose OCR missed the stamp
    for i in range(4):
        level, key = nxt()
        where = ("number", "top", "signature", "number")[i]
        paper = secret_paper(rng, key, [level_mark(rng, level, where)])
        c.add("van_ban", "pdf", pdf_of(paper, rng), level, "positive", "pdf", "pdf_text_stamp")
    for i in range(4):
        level, key = nxt()
        mark = level_mark(rng, level, "annex" if i == 3 else "number")
        paper = secret_paper(rng, key, [mark], annex=i == 3)
        c.add(
            "van_ban",
            "pdf",
            pdf_of(paper, rng, stamp_picture=stamp_png(mark), picture_w=rng.uniform(26, 40)),
            level,
            "positive",
            "pdf",
            "pdf_stamp_picture",
        )
    for _ in range(4):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level)])
        page = scanned(
            paint(paper, rng)[0], rng, scale=rng.uniform(0.6, 0.8), skew=rng.uniform(-1.5, 1.5)
        )
        c.add(
            "scan",
            "pdf",
            pdf_of_images([page], ocr_text=ocr_text(paper)),
            level,
            "positive",
            "pdf",
            "pdf_ocr_scan_layer",
        )
    # scans: plain, turned, annex later, fax, microfilm, viewer, slip, duplex
    for i in range(5):
        level, key = nxt()
        paper = secret_paper(
            rng,
            key,
            [
                level_mark(
                    rng,
                    level,
                    rng.choice(("number", "number", "top", "signature", "footer", "body")),
                )
            ],
            paper=rng.choice((WHITE, IVORY, GREY_PAPER)),
        )
        page = paint(paper, rng)[0]
        mode = ("RGB", "L", "1", "RGB", "L")[i]
        img = scanned(
            page,
            rng,
            scale=rng.choice((0.5, 0.6, 0.67, 0.8)),
            skew=rng.uniform(-3, 3),
            specks=rng.choice((0.0, 0.001, 0.003)),
            mode=mode,
            blur=rng.choice((0.0, 0.5)),
        )
        data, ext = (
            (jpeg(img, rng.randint(45, 80)), "jpg")
            if mode != "1" and i % 2 == 0
            else (png(img), "png")
        )
        c.add("scan", ext, data, level, "positive", "scan", "scan_page")
    for turn in (90, 180, 270, 90, 180):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level)])
        img = scanned(
            paint(paper, rng)[0],
            rng,
            scale=rng.uniform(0.55, 0.75),
            skew=rng.uniform(-2, 2),
            turn=turn,
            mode=rng.choice(("RGB", "L")),
        )
        c.add("scan", "jpg", jpeg(img, 70), level, "positive", "scan", "scan_turned")
    for i in range(4):
        level, key = nxt()
        pages = [
            scanned(p, rng, scale=0.6, skew=rng.uniform(-1.5, 1.5))
            for p in paint(covering_letter(rng, key, level), rng)
        ]
        if i < 3:
            c.add(
                "scan",
                "pdf",
                pdf_of_images(pages),
                level,
                "positive",
                "scan",
                "scan_annex_later_page",
            )
        else:
            c.add("scan", "tif", tiff_of(pages), level, "positive", "scan", "scan_annex_later_page")
    for _ in range(2):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        img = fax_copy(
            paint(paper, rng)[0],
            rng,
            f"FAX 0297 3{rng.randint(100000, 999999)}  {rng.randint(1, 28):02d}/04/2026 {rng.randint(7, 17):02d}:{rng.randint(0, 59):02d}  P.01",
        )
        c.add("fax", "png", png(img), level, "positive", "scan", "scan_fax")
    for _ in range(2):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        c.add(
            "scan",
            "png",
            png(microfilm_print(paint(paper, rng)[0])),
            level,
            "positive",
            "scan",
            "scan_microfilm_negative",
        )
    for _ in range(3):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, rng.choice(("number", "top")))])
        img = viewer_screenshot(
            paint(paper, rng)[0], rng, f"{paper.number[4:].replace('/', '_')}.pdf"
        )
        c.add("anh_man_hinh", "png", png(img), level, "positive", "scan", "screenshot_pdf_viewer")
    for _ in range(2):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        page = with_slip(
            paint(paper, rng)[0],
            rng,
            ["Kính trình đ/c Giám đốc", "cho ý kiến chỉ đạo.", "Ngày 10/4 - Văn thư"],
        )
        c.add(
            "scan",
            "jpg",
            jpeg(scanned(page, rng, scale=0.6, skew=rng.uniform(-2, 2)), 72),
            level,
            "positive",
            "scan",
            "scan_routing_slip",
        )
    for i in range(3):
        level, key = nxt()
        paper = (
            covering_letter(rng, key, level)
            if i == 2
            else secret_paper(rng, key, [level_mark(rng, level)], annex=True)
        )
        pages = two_sided([scanned(p, rng, scale=0.55, mode="L") for p in paint(paper, rng)])
        c.add(
            "scan",
            "pdf",
            pdf_of_images([p.convert("RGB") for p in pages]),
            level,
            "positive",
            "scan",
            "scan_duplex_blank_backs",
        )
    # photos: page on a desk, off a monitor, forwarded in a chat
    for _ in range(6):
        level, key = nxt()
        paper = secret_paper(
            rng,
            key,
            [level_mark(rng, level, rng.choice(("number", "number", "top")))],
            paper=rng.choice((WHITE, IVORY)),
        )
        img = photographed(
            paint(paper, rng)[0],
            rng,
            background=rng.choice(((96, 72, 52), (60, 60, 64), (150, 140, 120))),
            lean=rng.uniform(0.03, 0.1),
            shadow=rng.random() < 0.7,
            falloff=rng.uniform(0.15, 0.45),
            blur=rng.uniform(0.3, 1.2),
        )
        c.add(
            "anh_chup",
            "jpg",
            jpeg(img, rng.randint(60, 85)),
            level,
            "positive",
            "photo",
            "photo_page",
        )
    for _ in range(3):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        c.add(
            "anh_chup",
            "jpg",
            jpeg(monitor_photo(paint(paper, rng)[0], rng), 78),
            level,
            "positive",
            "photo",
            "photo_of_monitor",
        )
    for _ in range(3):
        level, key = nxt()
        paper = secret_paper(rng, key, [level_mark(rng, level, tilt=False)])
        img = chat_forward(
            paint(paper, rng)[0],
            rng,
            rng.choice(NAMES),
            f"{rng.randint(7, 22)}:{rng.randint(0, 59):02d}",
        )
        c.add(
            "anh_man_hinh", "jpg", jpeg(img, 80), level, "positive", "photo", "chat_forwarded_photo"
        )
    # envelopes with a circled letter
    for i in range(8):
        level = levels[next(k)]
        agency = rng.choice(list(AGENCIES))
        parent, name, _, _ = AGENCIES[agency]
        env = envelope(
            rng,
            sender=(parent, name),
            recipient=[
                f"Đồng chí {rng.choice(NAMES)}",
                rng.choice(
                    (
                        "Giám đốc Sở Tài chính",
                        "Chánh Văn phòng UBND tỉnh",
                        "Trưởng Công an xã Hòn Nghê",
                    )
                ),
            ],
            number=f"Số: {rng.randint(10, 400)}",
            letter=LEVEL_LETTER[level],
            letter_ink=rng.choice((RED, DEEP_RED)),
            colour=rng.choice((MANILA, WHITE, (210, 190, 150))),
        )
        if i < 5:
            img = photographed(
                env, rng, lean=0.06, shadow=rng.random() < 0.5, falloff=0.25, blur=0.6, out_w=1000
            )
            c.add("phong_bi", "jpg", jpeg(img, 78), level, "positive", "photo", "envelope_photo")
        else:
            img = scanned(env, rng, scale=1.0, skew=rng.uniform(-3, 3), turn=rng.choice((0, 180)))
            c.add("phong_bi", "png", png(img), level, "positive", "scan", "envelope_scan")
    # workbooks
    for i in range(6):
        level, key = nxt()
        agency, code, title, subject, _specific, _annex_title, rows = SUBJECTS[key]
        number = number_of(rng, agency, code)
        table: list[list[Any]] = [
            [AGENCIES[agency][1]],
            [number],
            [],
            [title],
            [subject],
            [],
            ["STT", "Nội dung", "Ghi chú"],
        ]
        table += [[j + 1, *r.split(" | ")[:2]] for j, r in enumerate(rows)]
        word = LEVEL_WORD[level]
        if i < 2:
            data = xlsx_of([("Bang", table)], header=word)
            family = "xlsx_print_header"
        elif i == 2:
            data = xlsx_of([("Bang", table)], footer=word)
            family = "xlsx_print_footer"
        elif i < 5:
            data = xlsx_of(
                [("Tong hop", [["Tổng hợp", subject], ["Số dòng", len(rows)]]), ("Phu luc", table)],
                red_cells={(1, 1, 3): word},
            )
            family = "xlsx_later_sheet"
        else:
            data = xlsx_of([("Bang", table)], red_cells={(0, 3, 1): word})
            family = "xlsx_cell_by_number"
        c.add("bang", "xlsx", data, level, "positive", "xlsx", family)
    # web pages
    for i in range(8):
        level, key = nxt()
        mark = level_mark(rng, level, tilt=False)
        paper = secret_paper(rng, key, [mark])
        word = LEVEL_WORD[level]
        head = f"<p>{paper.parent}<br><b>{paper.agency}</b><br>{paper.number}</p>"
        body = "".join(f"<p>{p}</p>" for p in paper.body)
        if i < 2:
            stamp = f'<div style="display:inline-block;border:2px solid #c8102e;color:#c8102e;font-weight:bold;padding:3px 14px;font-size:18pt">{word}</div>'
            family = "html_box"
        elif i == 2:
            stamp = f'<p style="color:#d61e24;letter-spacing:0.6em;font-weight:700;border:1px solid #d61e24;display:inline-block">{word}</p>'
            family = "html_css_spaced"
        elif i == 3:
            stamp = f'<p style="color:#b00;font-weight:bold">{" ".join(word)}</p>'
            family = "html_hand_spaced"
        elif i < 6:
            cut = rng.randint(1, len(word) - 1)
            stamp = f'<p><b><span style="color:#d61e24">{word[:cut]}</span><span style="color:#d61e24;border-right:1px solid #d61e24">{word[cut:]}</span></b></p>'
            family = "html_split_spans"
        elif i == 6:
            stamp = img_tag(stamp_png(mark), "image001.png", 180)
            family = "html_stamp_picture"
        else:
            stamp = (
                "<table><tr><td width=300><p class=MsoNormal align=center style='text-align:center;border:solid #D61E24 1.5pt;"
                f"padding:1.0pt 4.0pt'><b><span style='font-size:14.0pt;color:#D61E24'>{word}</span></b></p></td></tr></table>"
            )
            c.add(
                "trang",
                "htm",
                html_page(
                    paper.subject,
                    head + stamp + f"<h3>{paper.title}</h3><p><b>{paper.subject}</b></p>" + body,
                    word=True,
                ),
                level,
                "positive",
                "html",
                "html_word_saved",
            )
            continue
        c.add(
            "trang",
            "html",
            html_page(
                paper.subject,
                head + stamp + f"<h3>{paper.title}</h3><p><b>{paper.subject}</b></p>" + body,
            ),
            level,
            "positive",
            "html",
            family,
        )
    # plain text
    for i in range(4):
        level, key = nxt()
        paper = secret_paper(rng, key, [], annex=True)
        word = LEVEL_WORD[level]
        if i == 0:
            text = text_of(paper, " " * 12 + word)
            family = "txt_saved_from_word"
        elif i == 1:
            text = (
                f"Số ký hiệu: {paper.number[4:]}\nĐộ mật: {word.capitalize() if rng.random() < 0.5 else word}\nĐộ khẩn: Thường\n\n"
                + text_of(paper, None)
            )
            family = "txt_metadata_line"
        else:
            lines = text_of(paper, None).split("\n")
            lines.insert(6 if i == 2 else len(lines) - 2, word)
            text = "\n".join(lines) + "\n\f" + paper.annex_title + "\n" + "\n".join(paper.annex)
            family = "txt_pdftotext_order"
        c.add("van_ban", "txt", text.encode("utf-8"), level, "positive", "txt", family)
    # mail
    for i in range(5):
        level, key = nxt()
        mark = level_mark(rng, level, tilt=False)
        paper = secret_paper(rng, key, [mark])
        sender = (
            f"{rng.choice(NAMES)} <vanthu.{AGENCIES[SUBJECTS[key][0]][2].lower()}@bachsa.gov.vn>"
        )
        if i == 0:
            data = mail(
                sender=sender,
                to="lanhdao@bachsa.gov.vn",
                subject=f"Gửi anh: {paper.subject[:40]}",
                text=f"Anh xem giúp em văn bản dưới đây.\n\n{text_of(paper, LEVEL_WORD[level])}",
            )
            family = "eml_body_text"
        elif i == 1:
            html = (
                f'<p>Kính gửi anh,</p><p style="border:2px solid red;color:red;font-weight:bold;display:inline-block;padding:2px 10px">{LEVEL_WORD[level]}</p><p>{paper.number}</p>'
                + "".join(f"<p>{p}</p>" for p in paper.body)
            )
            data = mail(
                sender=sender,
                to="lanhdao@bachsa.gov.vn",
                subject="Văn bản gửi lãnh đạo",
                text="Xem nội dung định dạng HTML.",
                html=html,
            )
            family = "eml_html_body"
        elif i == 2:
            data = mail(
                sender=sender,
                to="phongtonghop@bachsa.gov.vn",
                subject="Chuyển file",
                text="Em gửi file để chị in.",
                attachments=[
                    (
                        "tai_lieu.docx",
                        docx_of(paper, "cell", rng),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    )
                ],
            )
            family = "eml_attached_docx"
        elif i == 3:
            img = photographed(paint(paper, rng)[0], rng, blur=0.6)
            data = mail(
                sender=sender,
                to="ban.le@gmail.com",
                subject="ảnh",
                text="Gửi bạn ảnh chụp.",
                attachments=[("IMG_2041.jpg", jpeg(img, 75), "image/jpeg")],
            )
            family = "eml_attached_photo"
        else:
            data = mail(
                sender=sender,
                to="lanhdao@bachsa.gov.vn",
                subject="Bản PDF",
                text="Bản PDF đính kèm.",
                attachments=[("vanban.pdf", pdf_of(paper, rng), "application/pdf")],
            )
            family = "eml_attached_pdf"
        c.add("thu", "eml", data, level, "positive", "eml", family)
    # archives
    for i in range(3):
        level, key = nxt()
        mark = level_mark(rng, level, tilt=False)
        paper = secret_paper(rng, key, [mark])
        readme = b"Ghi chu: tai lieu hop giao ban.\n"
        if i == 0:
            data = zip_of(
                [("hop/doc_truoc.txt", readme), ("hop/van_ban.docx", docx_of(paper, "cell", rng))],
                DATE_ZIP,
            )
            family = "zip_docx"
        elif i == 1:
            img = scanned(paint(paper, rng)[0], rng, scale=0.6, skew=1.0)
            data = zip_of([("scan/trang_1.jpg", jpeg(img, 75))], DATE_ZIP)
            family = "zip_scan"
        else:
            inner = zip_of([("van_ban.pdf", pdf_of(paper, rng))], DATE_ZIP)
            data = zip_of([("goc/ho_so.zip", inner), ("goc/doc_truoc.txt", readme)], DATE_ZIP)
            family = "zip_nested_pdf"
        c.add("nen", "zip", data, level, "positive", "zip", family)
    # slides
    for i in range(3):
        level, key = nxt()
        mark = level_mark(rng, level, tilt=False)
        paper = secret_paper(rng, key, [mark])
        slides: list[dict[str, Any]] = [
            {"title": paper.subject[:60], "lines": paper.body[:3]},
            {"title": "Tổ chức thực hiện", "lines": paper.body[3:]},
        ]
        if i == 0:
            slides[0]["stamp"] = mark
            family = "pptx_stamp_box"
        elif i == 1:
            for s in slides:
                s["footer"] = LEVEL_WORD[level]
            family = "pptx_footer"
        else:
            slides[1]["picture"] = png(paint(paper, rng)[0].resize((620, 877)))
            family = "pptx_page_picture"
        c.add("trinh_chieu", "pptx", pptx_of(slides), level, "positive", "pptx", family)
    # changed levels: secret at the new level
    changed_formats = ("docx", "docx", "pdf", "pdf", "scan", "scan", "photo", "doc")
    for fmt in changed_formats:
        new, key = nxt()
        old = rng.choice([lv for lv in LEVELS if lv != new])
        mark = Mark(
            "changed",
            LEVEL_WORD[old],
            new=LEVEL_WORD[new],
            lines=(
                f"Theo văn bản số {rng.randint(5, 90)}/CV-{AGENCIES[SUBJECTS[key][0]][2]} ngày {rng.randint(1, 28):02d}/05/2026",
            ),
            where=rng.choice(("number", "right")),
            ink=rng.choice((RED, DEEP_RED)),
            face=rng.choice(STAMP_FACES[:4]),
            size=rng.randint(30, 36),
        )
        paper = secret_paper(rng, key, [mark])
        if fmt == "docx":
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, rng.choice(("cell", "framed")), rng),
                new,
                "positive",
                "docx",
                "changed_level_docx",
            )
        elif fmt == "doc":
            c.word97("van_ban", docx_of(paper, "cell", rng), new, "positive", "changed_level_doc")
        elif fmt == "pdf":
            c.add("van_ban", "pdf", pdf_of(paper, rng), new, "positive", "pdf", "changed_level_pdf")
        elif fmt == "scan":
            img = scanned(
                paint(paper, rng)[0],
                rng,
                scale=0.67,
                skew=rng.uniform(-2, 2),
                mode=rng.choice(("RGB", "L")),
            )
            c.add("scan", "png", png(img), new, "positive", "scan", "changed_level_scan")
        else:
            img = photographed(paint(paper, rng)[0], rng, blur=0.5)
            c.add("anh_chup", "jpg", jpeg(img, 80), new, "positive", "photo", "changed_level_photo")


# ---------------------------------------------------------------- declassified


def declassified(c: Corpus) -> None:
    rng = c.rng
    formats = (
        "docx",
        "docx",
        "docx",
        "docx",
        "pdf",
        "pdf",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "scan",
        "scan",
        "photo",
        "doc",
        "html",
        "eml",
    )
    subjects = keys(rng, len(formats))
    for fmt, key in zip(formats, subjects, strict=True):
        old = rng.choice(LEVELS)
        strike = rng.random() < 0.6
        mark = Mark(
            "declassified",
            LEVEL_WORD[old],
            lines=decision_lines(rng),
            where=rng.choice(("number", "right", "number")),
            ink=rng.choice((RED, DEEP_RED, PURPLE_RED)),
            face=rng.choice(STAMP_FACES[:4]),
            size=rng.randint(28, 34),
            strike=strike,
        )
        paper = secret_paper(rng, key, [mark])
        family = f"declassified_{fmt}_{'struck' if strike else 'intact'}"
        if fmt == "docx":
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, rng.choice(("cell", "framed")), rng),
                None,
                "declassified",
                "docx",
                family,
                declassified=True,
            )
        elif fmt == "doc":
            c.word97("van_ban", docx_of(paper, "cell", rng), None, "declassified", family, True)
        elif fmt == "pdf":
            c.add(
                "van_ban",
                "pdf",
                pdf_of(paper, rng),
                None,
                "declassified",
                "pdf",
                family,
                declassified=True,
            )
        elif fmt == "scan":
            img = scanned(
                paint(paper, rng)[0],
                rng,
                scale=rng.uniform(0.6, 0.75),
                skew=rng.uniform(-2, 2),
                mode=rng.choice(("RGB", "L")),
                turn=rng.choice((0, 0, 180)),
            )
            c.add(
                "scan",
                "jpg",
                jpeg(img, 75),
                None,
                "declassified",
                "scan",
                family,
                declassified=True,
            )
        elif fmt == "photo":
            img = photographed(paint(paper, rng)[0], rng, blur=0.5)
            c.add(
                "anh_chup",
                "jpg",
                jpeg(img, 80),
                None,
                "declassified",
                "photo",
                family,
                declassified=True,
            )
        elif fmt == "html":
            old_html = f"<s>{LEVEL_WORD[old]}</s>" if strike else LEVEL_WORD[old]
            box = "<br>".join(mark.lines)
            body = (
                f"<p>{paper.parent}<br><b>{paper.agency}</b><br>{paper.number}</p>"
                f'<p style="color:#d61e24;font-weight:bold">{old_html}</p>'
                f'<div style="border:2px solid #d61e24;color:#d61e24;display:inline-block;padding:4px"><b>ĐÃ GIẢI MẬT</b><br>{box}</div>'
                + "".join(f"<p>{p}</p>" for p in paper.body)
            )
            c.add(
                "trang",
                "html",
                html_page(paper.subject, body),
                None,
                "declassified",
                "html",
                family,
                declassified=True,
            )
        else:
            data = mail(
                sender="luutru@bachsa.gov.vn",
                to="phongnghiepvu@bachsa.gov.vn",
                subject="Tài liệu lưu trữ",
                text="Gửi bản tài liệu theo đề nghị.",
                attachments=[("tai_lieu.pdf", pdf_of(paper, rng), "application/pdf")],
            )
            c.add("thu", "eml", data, None, "declassified", "eml", family, declassified=True)


# ---------------------------------------------------------------- hard negatives


OTHER_SENSES: list[tuple[str, str, list[str]]] = [
    (
        "honey",
        "Mật ong hoa tràm Vạn Lộc",
        [
            "Mật ong nguyên chất khai thác từ rừng tràm ven biển xã Vạn Lộc.",
            "Hạn sử dụng: 24 tháng. Bảo quản nơi khô ráo, tránh ánh nắng.",
            "Tổ hợp tác nuôi ong mật Vạn Lộc - ĐT: 0297 3812 456.",
        ],
    ),
    (
        "password",
        "Thông báo đổi mật khẩu hộp thư công vụ",
        [
            "Từ ngày 15/4/2026, toàn bộ cán bộ phải đổi mật khẩu hộp thư công vụ.",
            "Mật khẩu mới dài tối thiểu 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Không ghi mật khẩu ra giấy dán cạnh máy tính.",
        ],
    ),
    (
        "density",
        "Mật độ dân số các xã, phường năm 2025",
        [
            "Mật độ dân số bình quân toàn tỉnh đạt 412 người/km².",
            "Phường Đông Cảng có mật độ cao nhất, xã đảo Hòn Nghê thấp nhất.",
            "Số liệu do Cục Thống kê tỉnh cung cấp.",
        ],
    ),
    (
        "molasses",
        "Giá mật rỉ đường và thức ăn chăn nuôi tháng 3",
        [
            "Giá mật rỉ đường tại nhà máy đường Phú Sa ổn định ở mức 3.100 đồng/kg.",
            "Các hộ nuôi bò vỗ béo tăng mua mật rỉ để trộn thức ăn.",
            "Dự báo giá tăng nhẹ vào cuối vụ ép.",
        ],
    ),
    (
        "closeness",
        "Thư cảm ơn của Hội đồng hương Bạch Sa",
        [
            "Buổi gặp mặt diễn ra trong không khí thân mật, ấm cúng.",
            "Ban liên lạc trân trọng cảm ơn các mạnh thường quân đã đóng góp xây nhà tình nghĩa.",
            "Hẹn gặp lại bà con trong dịp Tết Nguyên đán.",
        ],
    ),
    (
        "tradesecret",
        "Thỏa thuận bảo mật thông tin giữa Công ty Thủy sản Bãi Dừa và đối tác",
        [
            "Các bên cam kết giữ bí mật kinh doanh về công thức chế biến nước mắm và danh sách khách hàng.",
            "Thông tin bảo mật không bao gồm thông tin đã được công khai.",
            "Thỏa thuận có hiệu lực 5 năm kể từ ngày ký.",
        ],
    ),
    (
        "crypto",
        "Khóa học nhập môn mật mã học cho sinh viên",
        [
            "Giới thiệu mật mã khóa đối xứng, mật mã khóa công khai và hàm băm.",
            "Sinh viên thực hành mã hóa tệp và chữ ký số trên máy tính cá nhân.",
            "Học phí: 1.200.000 đồng/khóa.",
        ],
    ),
    (
        "spy",
        "Thuyết minh phòng trưng bày Bảo tàng tỉnh - Gian số 4",
        [
            "Hiện vật: chiếc ghe nan dùng để đưa cán bộ qua cửa Rạch Ông năm 1947.",
            "Mật thám Pháp nhiều lần lùng sục nhưng không phát hiện được hầm bí mật dưới nhà ông Tư.",
            "Ảnh tư liệu do gia đình hiến tặng năm 2001.",
        ],
    ),
    (
        "film",
        "Lịch chiếu phim Rạp Đông Cảng tuần 15",
        [
            "19:00 - Hồ Sơ Tuyệt Mật (hành động, 13+) - phòng 2.",
            "20:30 - Mật Ngọt (tâm lý, 16+) - phòng 1.",
            "21:15 - Biển Gọi (gia đình) - phòng 3.",
        ],
    ),
    (
        "privacy",
        "Chính sách bảo mật dữ liệu cá nhân - Cảng Bến Ghe",
        [
            "Cảng thu thập họ tên, số điện thoại của khách đặt chỗ xe container để phục vụ điều độ.",
            "Dữ liệu được bảo mật, không chia sẻ cho bên thứ ba trừ khi pháp luật yêu cầu.",
            "Khách hàng có quyền yêu cầu xóa dữ liệu của mình.",
        ],
    ),
]
OTHER_STAMPS = (
    "KHẨN",
    "THƯỢNG KHẨN",
    "HỎA TỐC",
    "BẢN SAO",
    "SAO Y BẢN CHÍNH",
    "DỰ THẢO",
    "ĐÃ SCAN",
    "TÀI LIỆU PHỤC VỤ HỌP",
    "BẢN CHÍNH",
    "ĐÃ VÀO SỔ",
    "KHẨN",
    "HỎA TỐC",
    "BẢN SAO",
    "DỰ THẢO",
    "HỎA TỐC",
    "DỰ THẢO",
)
PUBLIC_SUBJECTS = [
    (
        "snn",
        "TB",
        "THÔNG BÁO",
        "Lịch thời vụ thả giống tôm nước lợ năm 2026",
        [
            "Thời gian thả giống vụ chính từ 15/3 đến 30/4 tại các xã ven biển.",
            "Người nuôi chỉ sử dụng con giống có giấy kiểm dịch.",
            "Cơ quan chuyên môn sẽ quan trắc độ mặn hằng tuần.",
        ],
    ),
    (
        "vp",
        "TB",
        "THÔNG BÁO",
        "Lịch tiếp công dân của Chủ tịch Ủy ban nhân dân tỉnh tháng 5",
        [
            "Chủ tịch tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở tiếp công dân tỉnh.",
            "Công dân mang theo giấy tờ tùy thân và hồ sơ liên quan.",
            "Mọi thắc mắc liên hệ số điện thoại đường dây nóng.",
        ],
    ),
    (
        "syt",
        "KH",
        "KẾ HOẠCH",
        "Tiêm chủng mở rộng vắc xin sởi cho trẻ em vùng ven biển",
        [
            "Tổ chức tiêm tại 24 trạm y tế xã, phường từ ngày 5 đến 20 tháng 5.",
            "Phụ huynh mang theo sổ tiêm chủng.",
            "Trạm y tế thông báo lịch cụ thể trên loa phát thanh.",
        ],
    ),
    (
        "sgd",
        "TB",
        "THÔNG BÁO",
        "Tuyển sinh vào lớp 10 năm học 2026-2027",
        [
            "Thí sinh đăng ký dự thi trực tuyến từ ngày 10 đến 25 tháng 4.",
            "Kỳ thi gồm ba môn: Ngữ văn, Toán, Ngoại ngữ.",
            "Kết quả được công bố trên Cổng thông tin của Sở.",
        ],
    ),
    (
        "kkt",
        "TB",
        "THÔNG BÁO",
        "Kêu gọi đầu tư hạ tầng khu logistics cảng Bến Ghe",
        [
            "Diện tích kêu gọi đầu tư 60 ha, thời hạn 50 năm.",
            "Nhà đầu tư nộp hồ sơ đề xuất tại Ban Quản lý.",
            "Thông tin chi tiết đăng trên trang điện tử của Ban.",
        ],
    ),
    (
        "hn",
        "TB",
        "THÔNG BÁO",
        "Lịch tàu khách tuyến Bến Ghe - Hòn Nghê mùa gió chướng",
        [
            "Tàu khách chạy hai chuyến mỗi ngày lúc 7 giờ và 13 giờ.",
            "Khi có gió cấp 6 trở lên, tàu tạm ngưng và thông báo trên loa.",
            "Giá vé người lớn 120.000 đồng.",
        ],
    ),
    (
        "stc",
        "BC",
        "BÁO CÁO",
        "Công khai dự toán ngân sách tỉnh năm 2026",
        [
            "Tổng thu ngân sách trên địa bàn dự toán 9.840 tỷ đồng.",
            "Chi đầu tư phát triển chiếm 31% tổng chi.",
            "Biểu chi tiết đăng tải trên Cổng thông tin điện tử tỉnh.",
        ],
    ),
    (
        "bdbp",
        "TB",
        "THÔNG BÁO",
        "Hướng dẫn ngư dân khai báo xuất, nhập bến",
        [
            "Ngư dân khai báo qua ứng dụng điện thoại hoặc tại trạm kiểm soát biên phòng.",
            "Tàu từ 15 m trở lên phải bật thiết bị giám sát hành trình.",
            "Trạm kiểm soát Rạch Ông làm việc 24/24 giờ.",
        ],
    ),
]


def hard_negatives(c: Corpus) -> None:
    rng = c.rng
    # documents about protecting state secrets, in several formats
    for i, fmt in enumerate(
        ("docx", "pdf", "scan", "photo", "doc", "html", "txt", "eml", "pptx", "zip", "xlsx")
    ):
        agency, code, title, subject, body = ABOUT_SECRETS[i % len(ABOUT_SECRETS)]
        paper = plain_paper(rng, agency, code, title, subject, [*body, rng.choice(PUBLIC_GENERIC)])
        if fmt == "docx":
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, "none", rng),
                None,
                "hard_negative",
                "docx",
                "about_protection",
            )
        elif fmt == "doc":
            c.word97(
                "van_ban",
                docx_of(paper, "none", rng),
                None,
                "hard_negative",
                "about_protection_doc",
            )
        elif fmt == "pdf":
            c.add(
                "van_ban",
                "pdf",
                pdf_of(paper, rng),
                None,
                "hard_negative",
                "pdf",
                "about_protection",
            )
        elif fmt == "scan":
            c.add(
                "scan",
                "jpg",
                jpeg(scanned(paint(paper, rng)[0], rng, scale=0.6, skew=1.2), 75),
                None,
                "hard_negative",
                "scan",
                "about_protection",
            )
        elif fmt == "photo":
            c.add(
                "anh_chup",
                "jpg",
                jpeg(photographed(paint(paper, rng)[0], rng), 78),
                None,
                "hard_negative",
                "photo",
                "about_protection",
            )
        elif fmt == "html":
            c.add(
                "trang",
                "html",
                html_page(subject, f"<h2>{subject}</h2>" + "".join(f"<p>{p}</p>" for p in body)),
                None,
                "hard_negative",
                "html",
                "about_protection",
            )
        elif fmt == "txt":
            c.add(
                "van_ban",
                "txt",
                text_of(paper, None).encode("utf-8"),
                None,
                "hard_negative",
                "txt",
                "about_protection",
            )
        elif fmt == "pptx":
            c.add(
                "trinh_chieu",
                "pptx",
                pptx_of([{"title": subject, "lines": body}]),
                None,
                "hard_negative",
                "pptx",
                "about_protection",
            )
        elif fmt == "zip":
            c.add(
                "nen",
                "zip",
                zip_of([("kh/ke_hoach.pdf", pdf_of(paper, rng))], DATE_ZIP),
                None,
                "hard_negative",
                "zip",
                "about_protection",
            )
        elif fmt == "xlsx":
            rows = [
                ["BẢNG TỰ KIỂM TRA CÔNG TÁC BẢO VỆ BÍ MẬT NHÀ NƯỚC"],
                ["Nội dung", "Đạt", "Chưa đạt"],
                *[[b, "x", ""] for b in body],
            ]
            c.add(
                "bang",
                "xlsx",
                xlsx_of([("Tu kiem tra", rows)]),
                None,
                "hard_negative",
                "xlsx",
                "about_protection",
            )
        else:
            c.add(
                "thu",
                "eml",
                mail(
                    sender="vanphong@bachsa.gov.vn",
                    to="cacso@bachsa.gov.vn",
                    subject=subject,
                    text="\n".join(body),
                ),
                None,
                "hard_negative",
                "eml",
                "about_protection",
            )
    # counts by level
    counts: list[list[Any]] = [["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng"]]
    for unit in ("Sở Y tế", "Sở Tài chính", "Công an tỉnh", "Thanh tra tỉnh", "UBND xã Hòn Nghê"):
        a, b, m = rng.randint(0, 3), rng.randint(0, 12), rng.randint(2, 40)
        counts.append([unit, a, b, m, a + b + m])
    c.add(
        "bang",
        "xlsx",
        xlsx_of([("Thong ke", [["THỐNG KÊ VĂN BẢN MẬT ĐÃ PHÁT HÀNH NĂM 2025"], [], *counts])]),
        None,
        "hard_negative",
        "xlsx",
        "counts_by_level",
    )
    c.add(
        "bang",
        "xlsx",
        xlsx_of(
            [
                ("Q1", [["Số liệu quý I"], *counts[:3]]),
                ("Q2", [["Số liệu quý II - độ mật"], *counts]),
            ]
        ),
        None,
        "hard_negative",
        "xlsx",
        "counts_by_level",
    )
    paper = plain_paper(
        rng,
        "cat",
        "BC",
        "BÁO CÁO",
        "Số liệu văn bản mật tiếp nhận, phát hành năm 2025",
        [
            "Tổng số văn bản mật tiếp nhận: độ Tuyệt mật 4, độ Tối mật 31, độ Mật 212.",
            "Số văn bản mật được giải mật trong năm: 57.",
            "Không phát hiện trường hợp lộ, mất tài liệu mật.",
        ],
    )
    c.add(
        "van_ban",
        "docx",
        docx_of(paper, "none", rng),
        None,
        "hard_negative",
        "docx",
        "counts_by_level",
    )
    c.add(
        "scan",
        "png",
        png(scanned(paint(paper, rng)[0], rng, scale=0.6, mode="L")),
        None,
        "hard_negative",
        "scan",
        "counts_by_level",
    )
    # training material with captioned specimen stamps
    for i, fmt in enumerate(("pptx", "pptx", "pdf", "pdf", "scan", "docx", "photo")):
        level = LEVELS[i % 3]
        spec = Mark(
            "specimen",
            LEVEL_WORD[level],
            lines=(f"Hình {i + 1}: mẫu dấu độ mật “{LEVEL_WORD[level]}” (Mẫu số 0{i % 3 + 1})",),
            where="body",
            ink=RED,
            size=32,
        )
        body = [
            "Chuyên đề 2: Đóng dấu độ mật và quản lý tài liệu mật.",
            "Dấu độ mật đóng bằng mực đỏ tươi, ở phía dưới số, ký hiệu văn bản; mẫu dấu minh họa dưới đây không có giá trị sử dụng.",
            "Học viên làm bài tập xác định độ mật cho năm tình huống giả định.",
        ]
        paper = plain_paper(
            rng,
            "cat",
            "TL",
            "TÀI LIỆU TẬP HUẤN",
            "Nghiệp vụ bảo vệ bí mật nhà nước cho cán bộ văn thư",
            body,
            [spec],
        )
        if fmt == "pptx":
            slides: list[dict[str, Any]] = [
                {
                    "title": "Các mẫu dấu độ mật (minh họa)",
                    "lines": [
                        body[1],
                        f"Hình {i + 1}: mẫu dấu “{LEVEL_WORD[level]}” dùng để minh họa",
                    ],
                    "picture": stamp_png(spec),
                },
                {"title": "Bài tập tình huống", "lines": [body[2]]},
            ]
            c.add(
                "trinh_chieu",
                "pptx",
                pptx_of(slides),
                None,
                "hard_negative",
                "pptx",
                "training_specimen",
            )
        elif fmt == "pdf":
            c.add(
                "tai_lieu",
                "pdf",
                pdf_of(paper, rng),
                None,
                "hard_negative",
                "pdf",
                "training_specimen",
            )
        elif fmt == "scan":
            c.add(
                "scan",
                "jpg",
                jpeg(scanned(paint(paper, rng)[0], rng, scale=0.67, skew=-1.0), 75),
                None,
                "hard_negative",
                "scan",
                "training_specimen",
            )
        elif fmt == "photo":
            c.add(
                "anh_chup",
                "jpg",
                jpeg(photographed(paint(paper, rng)[0], rng), 80),
                None,
                "hard_negative",
                "photo",
                "training_specimen",
            )
        else:
            c.add(
                "tai_lieu",
                "docx",
                docx_of(paper, "framed", rng),
                None,
                "hard_negative",
                "docx",
                "training_specimen",
            )
    # empty level fields in forms and registers
    reg: list[list[Any]] = [
        ["SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"],
        ["Số đến", "Ngày đến", "Số ký hiệu", "Trích yếu", "Độ mật", "Độ khẩn", "Người nhận"],
    ]
    reg += [
        [
            n,
            f"{rng.randint(1, 28):02d}/03/2026",
            f"{rng.randint(1, 300)}/UBND-VP",
            rng.choice(("Lịch công tác tuần", "Tiêm chủng", "Báo cáo thống kê")),
            "",
            "",
            "",
        ]
        for n in range(1, 9)
    ]
    c.add(
        "bang",
        "xlsx",
        xlsx_of([("So den", reg)]),
        None,
        "hard_negative",
        "xlsx",
        "empty_level_field",
    )
    form: list[list[Any]] = [
        ["PHIẾU ĐỀ XUẤT ĐỘ MẬT CỦA VĂN BẢN"],
        ["Tên văn bản:", ""],
        ["Độ mật đề xuất (Tuyệt mật / Tối mật / Mật):", ""],
        ["Căn cứ danh mục:", ""],
        ["Người đề xuất:", ""],
    ]
    c.add(
        "bang",
        "xlsx",
        xlsx_of([("Phieu", form)]),
        None,
        "hard_negative",
        "xlsx",
        "empty_level_field",
    )
    paper = plain_paper(
        rng,
        "vp",
        "M01",
        "PHIẾU",
        "Đề xuất độ mật của văn bản dự thảo",
        [
            "Tên, trích yếu văn bản: ......................................",
            "Độ mật đề xuất: ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật",
            "Người soạn thảo ký, ghi rõ họ tên: ........................",
        ],
    )
    c.add(
        "phieu",
        "docx",
        docx_of(paper, "none", rng),
        None,
        "hard_negative",
        "docx",
        "empty_level_field",
    )
    c.add(
        "phieu",
        "jpg",
        jpeg(scanned(paint(paper, rng)[0], rng, scale=0.6, skew=0.8, mode="L"), 75),
        None,
        "hard_negative",
        "scan",
        "empty_level_field",
    )
    # public declassification decision
    decision = plain_paper(
        rng,
        "vp",
        "QĐ",
        "QUYẾT ĐỊNH",
        "Về việc giải mật tài liệu lưu trữ của Văn phòng Ủy ban nhân dân tỉnh",
        [
            "Điều 1. Giải mật 37 tài liệu có độ mật Tối mật, Mật thuộc phông lưu trữ Văn phòng giai đoạn 2005-2012 (danh mục kèm theo).",
            "Điều 2. Các tài liệu được giải mật được sử dụng theo quy định của pháp luật về lưu trữ.",
            "Điều 3. Quyết định này có hiệu lực kể từ ngày ký và được công khai trên Cổng thông tin điện tử tỉnh.",
        ],
    )
    c.add(
        "quyet_dinh",
        "pdf",
        pdf_of(decision, rng),
        None,
        "hard_negative",
        "pdf",
        "public_declassification_decision",
    )
    c.add(
        "quyet_dinh",
        "docx",
        docx_of(decision, "none", rng),
        None,
        "hard_negative",
        "docx",
        "public_declassification_decision",
    )
    c.add(
        "quyet_dinh",
        "html",
        html_page(
            decision.subject,
            f"<h2>{decision.title}</h2><h3>{decision.subject}</h3>"
            + "".join(f"<p>{p}</p>" for p in decision.body)
            + "<table border=1><tr><th>STT</th><th>Tài liệu</th><th>Độ mật trước khi giải mật</th></tr><tr><td>1</td><td>Báo cáo tình hình bão số 5 năm 2006</td><td>Mật</td></tr><tr><td>2</td><td>Phương án sơ tán dân năm 2008</td><td>Tối mật</td></tr></table>",
        ),
        None,
        "hard_negative",
        "html",
        "public_declassification_decision",
    )
    # leak news and a court notice
    news = (
        "Tọa đàm về phòng, chống lộ bí mật nhà nước trên không gian mạng",
        [
            "Sáng 12/4, Công an tỉnh Bạch Sa tổ chức tọa đàm về nguy cơ lộ bí mật nhà nước qua mạng xã hội.",
            "Đại biểu nêu trường hợp cán bộ chụp ảnh văn bản mật gửi qua ứng dụng nhắn tin và bị xử lý kỷ luật.",
            "Tài liệu mang dấu Tối mật, Mật tuyệt đối không được chụp ảnh, gửi qua mạng.",
        ],
    )
    c.add(
        "tin_bai",
        "html",
        html_page(
            news[0],
            f"<article><h1>{news[0]}</h1>" + "".join(f"<p>{p}</p>" for p in news[1]) + "</article>",
        ),
        None,
        "hard_negative",
        "html",
        "leak_news",
    )
    court = "THÔNG BÁO\nTòa án nhân dân tỉnh Bạch Sa mở phiên tòa xét xử sơ thẩm vụ án “Cố ý làm lộ bí mật nhà nước” (Điều 337 Bộ luật Hình sự) đối với bị cáo Lê V. T., nguyên công chức xã Tân Thạnh Hải.\nThời gian: 8 giờ ngày 20/5/2026. Phiên tòa xử kín theo quy định.\n"
    c.add("thong_bao", "txt", court.encode("utf-8"), None, "hard_negative", "txt", "court_notice")
    # other senses of "mật"
    sense_formats = ("photo", "eml", "xlsx", "xlsx", "docx", "pdf", "html", "txt", "html", "html")
    for (tag, title, lines), fmt in zip(OTHER_SENSES, sense_formats, strict=True):
        family = f"other_sense_{tag}"
        if fmt == "photo":
            label = Image.new("RGB", (900, 600), (250, 214, 90))
            from PIL import ImageDraw

            from tests.corpus.heldout14_render import face

            d = ImageDraw.Draw(label)
            d.text((60, 60), "MẬT ONG", font=face("DejaVuSerif-Bold", 96), fill=(120, 60, 10))
            d.text(
                (60, 190), "HOA TRÀM VẠN LỘC", font=face("DejaVuSans-Bold", 50), fill=(120, 60, 10)
            )
            for j, line in enumerate(lines):
                d.text((60, 300 + 60 * j), line[:48], font=face("DejaVuSans", 28), fill=(60, 30, 0))
            c.add(
                "anh_chup",
                "jpg",
                jpeg(photographed(label, rng, lean=0.05, out_w=900), 80),
                None,
                "hard_negative",
                "photo",
                family,
            )
        elif fmt == "eml":
            c.add(
                "thu",
                "eml",
                mail(
                    sender="quantri@bachsa.gov.vn",
                    to="toanthe@bachsa.gov.vn",
                    subject=title,
                    text="\n".join(lines),
                ),
                None,
                "hard_negative",
                "eml",
                family,
            )
        elif fmt == "xlsx":
            sheet: list[list[Any]] = [
                [title],
                ["Xã, phường", "Giá trị"],
                *[
                    [x, rng.randint(80, 2400)]
                    for x in ("Cồn Mười", "Vạn Lộc", "Đông Cảng", "Hòn Nghê")
                ],
                [lines[0]],
            ]
            c.add(
                "bang", "xlsx", xlsx_of([("Du lieu", sheet)]), None, "hard_negative", "xlsx", family
            )
        elif fmt == "docx":
            paper = plain_paper(rng, "vp", "TB", "THƯ CẢM ƠN", title, lines)
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, "none", rng),
                None,
                "hard_negative",
                "docx",
                family,
            )
        elif fmt == "pdf":
            paper = plain_paper(rng, "kkt", "TT", "THỎA THUẬN", title, lines)
            paper.parent, paper.agency = "CÔNG TY CP THỦY SẢN", "BÃI DỪA"
            c.add("van_ban", "pdf", pdf_of(paper, rng), None, "hard_negative", "pdf", family)
        elif fmt == "html":
            c.add(
                "trang",
                "html",
                html_page(title, f"<h1>{title}</h1>" + "".join(f"<p>{p}</p>" for p in lines)),
                None,
                "hard_negative",
                "html",
                family,
            )
        else:
            c.add(
                "van_ban",
                "txt",
                ("\n".join([title, *lines]) + "\n").encode("utf-8"),
                None,
                "hard_negative",
                "txt",
                family,
            )
    # other red stamps
    stamp_formats = (
        "scan",
        "scan",
        "photo",
        "pdf",
        "pdf",
        "docx",
        "docx",
        "scan",
        "doc",
        "photo",
        "scan",
        "eml",
        "zip",
        "pdf",
        "html",
        "pptx",
    )
    for text, fmt in zip(OTHER_STAMPS, stamp_formats, strict=True):
        agency, code, title, subject, body = rng.choice(PUBLIC_SUBJECTS)
        marks = [red_mark(rng, text, rng.choice(("number", "number", "top")))]
        if rng.random() < 0.3:
            marks.append(
                Mark(
                    "box",
                    "ĐẾN",
                    lines=(
                        f"Số: {rng.randint(10, 900)}",
                        f"Ngày: {rng.randint(1, 28):02d}/04/2026",
                        "Chuyển: ........",
                    ),
                    where="top",
                    ink=RED,
                    face="LiberationSerif-Bold",
                    size=28,
                )
            )
        paper = plain_paper(rng, agency, code, title, subject, body, marks)
        family = "other_red_stamp"
        if fmt == "scan":
            img = scanned(
                paint(paper, rng)[0],
                rng,
                scale=rng.uniform(0.55, 0.75),
                skew=rng.uniform(-2, 2),
                turn=rng.choice((0, 0, 90)),
                mode=rng.choice(("RGB", "L")),
            )
            c.add("scan", "jpg", jpeg(img, 72), None, "hard_negative", "scan", family)
        elif fmt == "photo":
            c.add(
                "anh_chup",
                "jpg",
                jpeg(photographed(paint(paper, rng)[0], rng), 78),
                None,
                "hard_negative",
                "photo",
                family,
            )
        elif fmt == "pdf":
            c.add("van_ban", "pdf", pdf_of(paper, rng), None, "hard_negative", "pdf", family)
        elif fmt == "docx":
            c.add(
                "van_ban",
                "docx",
                docx_of(paper, "cell", rng),
                None,
                "hard_negative",
                "docx",
                family,
            )
        elif fmt == "doc":
            c.word97("van_ban", docx_of(paper, "framed", rng), None, "hard_negative", family)
        elif fmt == "eml":
            c.add(
                "thu",
                "eml",
                mail(
                    sender="vanthu.vp@bachsa.gov.vn",
                    to="cacso@bachsa.gov.vn",
                    subject=subject,
                    text="Gửi văn bản khẩn.",
                    attachments=[
                        (
                            "van_ban.docx",
                            docx_of(paper, "cell", rng),
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        )
                    ],
                ),
                None,
                "hard_negative",
                "eml",
                family,
            )
        elif fmt == "html":
            box = f'<div style="display:inline-block;border:2px solid #d61e24;color:#d61e24;font-weight:bold;padding:3px 12px">{text}</div>'
            c.add(
                "trang",
                "html",
                html_page(
                    subject,
                    f"<p>{paper.agency}<br>{paper.number}</p>{box}<h2>{title}</h2><p>{subject}</p>"
                    + "".join(f"<p>{b}</p>" for b in body),
                ),
                None,
                "hard_negative",
                "html",
                family,
            )
        elif fmt == "pptx":
            c.add(
                "trinh_chieu",
                "pptx",
                pptx_of([{"title": subject, "lines": body, "stamp": marks[0]}]),
                None,
                "hard_negative",
                "pptx",
                family,
            )
        else:
            c.add(
                "nen",
                "zip",
                zip_of([("van_ban/cv.pdf", pdf_of(paper, rng))], DATE_ZIP),
                None,
                "hard_negative",
                "zip",
                family,
            )
    # envelopes with other marks
    for i in range(5):
        agency = rng.choice(list(AGENCIES))
        parent, name, _, _ = AGENCIES[agency]
        kwargs: dict[str, Any] = {}
        if i == 0:
            kwargs["block_mark"] = "D"
            recipient = ["Ông Châu Văn Khải", "Chung cư Đông Cảng, khu D, phòng 402"]
        elif i == 1:
            kwargs["postage"] = True
            recipient = ["Bà Lý Thị Ngọc Bích", "Ấp 3, xã Vạn Lộc"]
        elif i == 2:
            kwargs["extra"] = [red_mark(rng, "HỎA TỐC")]
            recipient = ["Chủ tịch UBND xã Rạch Ông"]
        elif i == 3:
            kwargs["extra"] = [
                Mark(
                    "box",
                    "BẢO ĐẢM",
                    lines=(f"RR{rng.randint(10**8, 10**9 - 1)}VN",),
                    ink=(30, 30, 30),
                    face="DejaVuSans-Bold",
                    size=30,
                )
            ]
            recipient = ["Giám đốc Sở Y tế"]
        else:
            kwargs["extra"] = [red_mark(rng, "THƯ MỜI")]
            recipient = ["Đại biểu dự Hội nghị tổng kết"]
        env = envelope(
            rng,
            sender=(parent, name),
            recipient=recipient,
            number=f"Số: {rng.randint(10, 400)}",
            colour=rng.choice((MANILA, WHITE)),
            **kwargs,
        )
        if i % 2 == 0:
            c.add(
                "phong_bi",
                "jpg",
                jpeg(photographed(env, rng, lean=0.06, falloff=0.25, out_w=1000), 78),
                None,
                "hard_negative",
                "photo",
                "envelope_other_mark",
            )
        else:
            c.add(
                "phong_bi",
                "png",
                png(scanned(env, rng, scale=1.0, skew=rng.uniform(-2, 2))),
                None,
                "hard_negative",
                "scan",
                "envelope_other_mark",
            )
    # kinds of its own
    minutes = plain_paper(
        rng,
        "cat",
        "BB",
        "BIÊN BẢN",
        "Làm việc về vụ việc để lộ ảnh chụp văn bản trên nhóm nhắn tin",
        [
            "Ngày 03/4/2026, một cán bộ xã chụp ảnh văn bản có đóng dấu độ mật và gửi vào nhóm nhắn tin của ấp.",
            "Văn bản đã được thu hồi; nội dung bị lộ đang được đánh giá mức độ thiệt hại.",
            "Đương sự tự nhận khuyết điểm, cam kết không tái phạm.",
        ],
    )
    c.add(
        "bien_ban",
        "docx",
        docx_of(minutes, "none", rng),
        None,
        "hard_negative",
        "docx",
        "leak_incident_minutes",
    )
    poster = Image.new("RGB", (900, 1200), (250, 250, 245))
    from PIL import ImageDraw as _Draw

    from tests.corpus.heldout14_render import face as _face

    pd = _Draw.Draw(poster)
    for j, line in enumerate(
        (
            "KHÔNG CHỤP ẢNH",
            "TÀI LIỆU MẬT",
            "GỬI QUA ZALO, FACEBOOK",
            "",
            "Bảo vệ bí mật nhà nước",
            "là trách nhiệm của mọi người",
        )
    ):
        pd.text(
            (70, 120 + 110 * j),
            line,
            font=_face("DejaVuSans-Bold", 60 if j < 3 else 40),
            fill=(180, 20, 20) if j < 3 else (30, 30, 30),
        )
    c.add(
        "anh_chup",
        "jpg",
        jpeg(photographed(poster, rng, lean=0.06, out_w=900), 80),
        None,
        "hard_negative",
        "photo",
        "awareness_poster",
    )
    quote: list[list[Any]] = [
        ["BÁO GIÁ"],
        ["Hạng mục", "Số lượng", "Đơn giá"],
        ["Máy hủy tài liệu mật cấp độ P-5", 2, 14500000],
        ["Tủ sắt chống cháy 2 khóa", 1, 9800000],
        ["Ghi chú: giá đã gồm VAT"],
    ]
    c.add(
        "bao_gia",
        "xlsx",
        xlsx_of([("Bao gia", quote)]),
        None,
        "hard_negative",
        "xlsx",
        "shredder_quote",
    )
    quiz = plain_paper(
        rng,
        "cat",
        "ĐT",
        "ĐỀ THI TRẮC NGHIỆM",
        "Hội thi tìm hiểu pháp luật về bảo vệ bí mật nhà nước năm 2026",
        [
            "Câu 1. Bì đựng tài liệu độ “Tối mật” được đóng dấu ký hiệu chữ gì? A. Chữ A  B. Chữ B  C. Chữ C.",
            "Câu 2. Dấu “TUYỆT MẬT” được đóng bằng mực màu gì?",
            "Câu 3. Thời hạn bảo vệ bí mật nhà nước độ Mật là bao nhiêu năm?",
        ],
    )
    c.add(
        "hoi_thi",
        "docx",
        docx_of(quiz, "none", rng),
        None,
        "hard_negative",
        "docx",
        "awareness_quiz",
    )
    c.add(
        "hoi_thi",
        "pptx",
        pptx_of([{"title": "Hội thi tìm hiểu Luật Bảo vệ bí mật nhà nước", "lines": quiz.body}]),
        None,
        "hard_negative",
        "pptx",
        "awareness_quiz",
    )
    cabinet = plain_paper(
        rng,
        "ttr",
        "TTr",
        "TỜ TRÌNH",
        "Đề nghị trang bị tủ chống cháy cho phòng lưu giữ tài liệu mật",
        [
            "Phòng lưu giữ tài liệu mật hiện dùng tủ gỗ, không bảo đảm yêu cầu phòng cháy.",
            "Đề nghị mua sắm 02 tủ sắt chống cháy có khóa số, kinh phí 19,6 triệu đồng.",
            "Kính trình lãnh đạo xem xét, phê duyệt.",
        ],
        [red_mark(rng, "KHẨN")],
    )
    c.add(
        "to_trinh",
        "pdf",
        pdf_of(cabinet, rng),
        None,
        "hard_negative",
        "pdf",
        "archive_cabinet_request",
    )
    archive: list[list[Any]] = [
        ["MỤC LỤC HỒ SƠ LƯU TRỮ"],
        ["STT", "Tiêu đề hồ sơ", "Năm", "Độ mật"],
    ]
    archive += [
        [j, t, 2010 + j, "Thường"]
        for j, t in enumerate(
            (
                "Hồ sơ xây kè biển Phú Sa",
                "Hồ sơ giải phóng mặt bằng chợ cá",
                "Báo cáo thiên tai năm 2013",
                "Hồ sơ trường học Hòn Nghê",
            ),
            1,
        )
    ]
    c.add(
        "muc_luc",
        "xlsx",
        xlsx_of([("Muc luc", archive)]),
        None,
        "hard_negative",
        "xlsx",
        "archive_list_ordinary",
    )
    c.add(
        "muc_luc",
        "pdf",
        pdf_of(
            plain_paper(
                rng,
                "vp",
                "ML",
                "MỤC LỤC",
                "Hồ sơ lưu trữ phông Văn phòng năm 2010-2014",
                [" - ".join(str(x) for x in row) for row in archive[2:]],
            ),
            rng,
        ),
        None,
        "hard_negative",
        "pdf",
        "archive_list_ordinary",
    )


# ---------------------------------------------------------------- negatives


def negatives(c: Corpus) -> None:
    rng = c.rng
    fmts = (
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
        "html",
        "html",
        "txt",
        "txt",
        "eml",
        "eml",
        "zip",
        "pptx",
        "pptx",
        "doc",
        "doc",
        "scan",
        "pdf",
        "docx",
        "photo",
    )
    for i, fmt in enumerate(fmts):
        agency, code, title, subject, body = PUBLIC_SUBJECTS[i % len(PUBLIC_SUBJECTS)]
        paper = plain_paper(rng, agency, code, title, subject, [*body, rng.choice(PUBLIC_GENERIC)])
        family = "ordinary"
        if fmt == "docx":
            c.add("van_ban", "docx", docx_of(paper, "none", rng), None, "negative", "docx", family)
        elif fmt == "doc":
            c.word97("van_ban", docx_of(paper, "none", rng), None, "negative", family)
        elif fmt == "pdf":
            c.add("van_ban", "pdf", pdf_of(paper, rng), None, "negative", "pdf", family)
        elif fmt == "scan":
            c.add(
                "scan",
                "jpg",
                jpeg(
                    scanned(
                        paint(paper, rng)[0],
                        rng,
                        scale=0.6,
                        skew=rng.uniform(-2, 2),
                        turn=rng.choice((0, 90, 180)),
                    ),
                    72,
                ),
                None,
                "negative",
                "scan",
                family,
            )
        elif fmt == "photo":
            c.add(
                "anh_chup",
                "jpg",
                jpeg(photographed(paint(paper, rng)[0], rng), 78),
                None,
                "negative",
                "photo",
                family,
            )
        elif fmt == "xlsx":
            rows: list[list[Any]] = [
                [subject],
                ["STT", "Nội dung"],
                *[[j + 1, b] for j, b in enumerate(body)],
            ]
            c.add(
                "bang",
                "xlsx",
                xlsx_of([("Bang", rows)], header=f"{AGENCIES[agency][1]}"),
                None,
                "negative",
                "xlsx",
                family,
            )
        elif fmt == "html":
            c.add(
                "trang",
                "html",
                html_page(subject, f"<h1>{subject}</h1>" + "".join(f"<p>{b}</p>" for b in body)),
                None,
                "negative",
                "html",
                family,
            )
        elif fmt == "txt":
            c.add(
                "van_ban",
                "txt",
                text_of(paper, None).encode("utf-8"),
                None,
                "negative",
                "txt",
                family,
            )
        elif fmt == "eml":
            c.add(
                "thu",
                "eml",
                mail(
                    sender="vanthu@bachsa.gov.vn",
                    to="cacxa@bachsa.gov.vn",
                    subject=subject,
                    text="\n".join(body),
                    attachments=[("tb.pdf", pdf_of(paper, rng), "application/pdf")]
                    if i % 2
                    else None,
                ),
                None,
                "negative",
                "eml",
                family,
            )
        elif fmt == "zip":
            c.add(
                "nen",
                "zip",
                zip_of(
                    [
                        ("tb/tb.docx", docx_of(paper, "none", rng)),
                        ("tb/tb.txt", text_of(paper, None).encode()),
                    ],
                    DATE_ZIP,
                ),
                None,
                "negative",
                "zip",
                family,
            )
        else:
            c.add(
                "trinh_chieu",
                "pptx",
                pptx_of([{"title": subject, "lines": body}]),
                None,
                "negative",
                "pptx",
                family,
            )


def build(seed: int = SEED) -> list[Item]:
    """The whole corpus, its names renumbered in a random order."""
    c = Corpus(Random(seed))
    positives(c)
    declassified(c)
    hard_negatives(c)
    negatives(c)
    converted = word97_of({stem: docx for stem, docx, *_ in c.legacy})
    items = c.items + word97_items(c.legacy, converted) if converted else c.items
    return renumbered(items, Random(seed + 1))


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        print("usage: python -m tests.corpus.heldout14 OUT", file=sys.stderr)
        raise SystemExit(2)
    write_corpus(Path(argv[1]), build(SEED))


if __name__ == "__main__":
    main(sys.argv)
