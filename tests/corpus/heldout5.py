"""Held-out corpus 5 for the leak scanner: about 200 labelled files, built in memory.

Written by a helper who read neither the scanner's engine nor the earlier corpora's document
templates (only heldout4's output format: `Item`s with a family); nothing may be tuned against
it. `build(SEED)` returns the files; `python -m tests.corpus.heldout5 OUT` writes them out.
The renderers are in tests/corpus/heldout5_render.py.

What varies:
- formats: DOCX, Word 97 .doc (LibreOffice headless, skipped with a note when it is missing),
  ODT and RTF written by hand, PDFs with a text layer from several "producers", scanned PDFs
  (image pages, turned, noisy, JPEG), phone photos (perspective, shadow), PNG/JPEG exports,
  XLSX, PPTX, HTML, e-mail, TXT, CSV and zips;
- where the level stamp is: under the number, top right, the page header (every page or the
  first only), the footer, a VML or DrawingML text box, a picture, an annex page only, a later
  sheet, a later slide, a table cell, an attachment, a forwarded message, a nested archive;
  envelopes carry the circled letter A/B/C instead;
- levels changed by a later decision (old stamp struck out, new one stamped: secret at the new
  level) and declassified documents (old stamp struck out, "ĐÃ GIẢI MẬT": not secret);
- hard negatives: the protection work's own plans, reports, catalogue and declassification
  decisions, training decks with specimen stamps, quizzes, blank forms with level fields, public
  notices that name a level in a sentence, news, other senses of "mật" (mật khẩu, mật độ, mật
  ong, mật mía, túi mật, mật thiết, mật mã, mật phục, mật thư), business secrets, and other red
  framed stamps (HỎA TỐC, KHẨN, DỰ THẢO, BẢN SAO, ĐẾN, LƯU HÀNH NỘI BỘ).
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

from tests.corpus.common import (
    LEVEL_LETTER,
    LEVEL_WORD,
    LEVELS,
    jpeg,
    labelled,
    png,
    renumbered,
    write_files,
)
from tests.corpus.heldout5_render import (
    Agency,
    Doc,
    Look,
    Mark,
    Page,
    SheetSpec,
    SlideSpec,
    deck_pptx,
    email,
    font_file,
    ink_on,
    letter_docx,
    letter_html,
    letter_odt,
    letter_pdf,
    letter_rtf,
    letter_text,
    pdf_of_images,
    photographed,
    pil_font,
    plain_name,
    random_look,
    render_pages,
    scanned,
    simple_docx,
    simple_odt,
    simple_rtf,
    stamp_mask,
    workbook_xlsx,
)
from tests.corpus.scanner_corpus import Item, write_zip

SEED = 515253

# ---------------------------------------------------------------------------------------------
# places, bodies and people

PROVINCES = (
    "Nghệ An",
    "Quảng Ninh",
    "Đắk Lắk",
    "Cà Mau",
    "Lào Cai",
    "Gia Lai",
    "Thanh Hóa",
    "Lạng Sơn",
    "Đồng Tháp",
    "Khánh Hòa",
    "Tây Ninh",
    "Phú Thọ",
    "Quảng Trị",
    "An Giang",
    "Sơn La",
    "Hà Tĩnh",
    "Tuyên Quang",
    "Lâm Đồng",
)
COMMUNES = (
    "Hòa Bình",
    "Tân Lập",
    "Đồng Tâm",
    "Phú Xuân",
    "Mường Lát",
    "Ea Kar",
    "Bản Lầu",
    "Vĩnh Thạnh",
    "Hải Ninh",
    "Sơn Thủy",
    "Quang Trung",
    "Tam Đa",
    "Khánh An",
    "Tiên Phong",
    "Yên Hòa",
    "Thạnh Phú",
)
NAMES = (
    "Nguyễn Văn Hậu",
    "Trần Thị Thu Hằng",
    "Lê Quang Vinh",
    "Phạm Minh Khôi",
    "Hoàng Văn Sáng",
    "Đặng Thị Ngọc Ánh",
    "Bùi Đức Lợi",
    "Vũ Thị Hương Giang",
    "Ngô Thanh Tùng",
    "Đinh Công Trứ",
    "Lò Văn Pằng",
    "Hà Thị Nguyệt",
    "Y Bhin Niê",
    "Thạch Sóc Kha",
    "Phan Hữu Nghĩa",
    "Tạ Quốc Bảo",
    "Dương Thị Mai",
    "Lương Văn Tiến",
    "Cao Xuân Trường",
    "Mai Thị Lệ Thủy",
)
ROMAN = ("XVIII", "XIX", "XX", "XXI")
HYDRO = ("Bản Vẽ", "Hủa Na", "Srêpốk 3", "Sông Bung 2", "Trung Sơn", "Đồng Nai 4")
NICKS = ("Sáu Lèo", "Tư Bụi", "Ba Cẩu", "Hai Thẹo")
CODES = ("CA-214", "ĐB-07", "X-26", "MT-11", "HX-03")


def agencies(prov: str, rng: random.Random) -> list[Agency]:
    p = prov.upper()
    commune = rng.choice(COMMUNES)
    return [
        Agency(f"UBND TỈNH {p}", "SỞ NỘI VỤ", "SNV", prov, ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")),
        Agency(f"UBND TỈNH {p}", "SỞ TÀI CHÍNH", "STC", prov, ("GIÁM ĐỐC",)),
        Agency(
            "BỘ CÔNG AN", f"CÔNG AN TỈNH {p}", "CAT-PA05", prov, ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC")
        ),
        Agency(
            f"QUÂN KHU {rng.randint(1, 9)}",
            f"BỘ CHỈ HUY QUÂN SỰ TỈNH {p}",
            "BCH",
            prov,
            ("CHỈ HUY TRƯỞNG",),
        ),
        Agency(
            "",
            f"ỦY BAN NHÂN DÂN TỈNH {p}",
            "UBND",
            prov,
            ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        ),
        Agency(
            f"ĐẢNG BỘ TỈNH {p}",
            "BAN TỔ CHỨC TỈNH ỦY",
            "BTCTU",
            prov,
            ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
            party=True,
        ),
        Agency("", f"TỈNH ỦY {p}", "TU", prov, ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"), party=True),
        Agency(f"UBND TỈNH {p}", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", prov, ("GIÁM ĐỐC",)),
        Agency(
            f"UBND TỈNH {p}",
            "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
            "SNNMT",
            prov,
            ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
        ),
        Agency(f"UBND TỈNH {p}", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "SGDĐT", prov, ("GIÁM ĐỐC",)),
        Agency(
            "",
            f"ỦY BAN NHÂN DÂN XÃ {commune.upper()}",
            "UBND",
            commune,
            ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
        ),
        Agency("BỘ TƯ LỆNH BỘ ĐỘI BIÊN PHÒNG", f"BĐBP TỈNH {p}", "BĐBP", prov, ("CHỈ HUY TRƯỞNG",)),
    ]


RECIPIENTS = (
    "Thường trực Tỉnh ủy",
    "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Ban Tổ chức Tỉnh ủy",
    "Văn phòng UBND tỉnh",
    "Sở Tài chính",
    "Đảng ủy các xã, phường",
    "Như trên",
    "Ban Chỉ đạo tỉnh",
)


@dataclass
class Topic:
    kind: str  # "" for a letter (công văn): the title is then its "V/v" line
    code: str
    title: str
    body: tuple[str, ...]
    annex_title: str = ""
    annex: tuple[str, ...] = ()


SECRET_TOPICS = (
    Topic(
        "PHƯƠNG ÁN",
        "PA",
        "Bảo đảm an ninh, trật tự phục vụ Đại hội đại biểu Đảng bộ tỉnh {prov} lần thứ {ord}",
        (
            "Thực hiện chỉ đạo của Ban Thường vụ Tỉnh ủy, lực lượng Công an tỉnh xây dựng phương "
            "án bảo vệ tuyệt đối an toàn Đại hội, các đại biểu và khách mời trong suốt thời gian "
            "diễn ra sự kiện.",
            "Bố trí {n1} tổ tuần tra, kiểm soát cơ động trên các tuyến đường dẫn vào Trung tâm "
            "Hội nghị tỉnh; lực lượng chốt chặn có mặt trước {hour} giờ sáng các ngày {d1} và {d2}.",
            "Những người có biểu hiện gây rối, khiếu kiện kéo dài tại xã {commune} được phân công "
            "cán bộ nắm tình hình hằng ngày; mọi diễn biến báo cáo ngay về Ban Chỉ huy.",
            "Thông tin liên lạc dùng tần số dự phòng số {n2}; không trao đổi nội dung phương án "
            "qua điện thoại di động và mạng xã hội.",
            "Kinh phí thực hiện được bảo đảm từ nguồn chi nghiệp vụ theo kế hoạch đã phê duyệt.",
        ),
        "Sơ đồ bố trí lực lượng và danh sách chỉ huy các chốt",
        (
            "Chốt số 1: ngã tư đường Trần Phú – Lê Lợi, chỉ huy chốt Thiếu tá {name1}, quân số "
            "{n3} đồng chí.",
            "Chốt số 2: cổng phía Tây Trung tâm Hội nghị, chỉ huy chốt Đại úy {name2}.",
            "Lực lượng dự bị tập trung tại trụ sở Phòng Cảnh sát cơ động, sẵn sàng xuất phát "
            "trong vòng 10 phút.",
        ),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Diễn tập khu vực phòng thủ tỉnh {prov} năm 2026",
        (
            "Diễn tập nhằm kiểm tra khả năng chuyển trạng thái của các cơ quan, đơn vị từ thời "
            "bình sang thời chiến và năng lực chỉ huy, điều hành của lãnh đạo các cấp.",
            "Khu vực diễn tập thực binh bố trí tại xã {commune} và xã {commune2}; sở chỉ huy cơ "
            "bản đặt tại hang đá số {n2} thuộc dãy núi phía Bắc.",
            "Lực lượng tham gia gồm {n1} cán bộ, chiến sĩ, dân quân tự vệ và quân nhân dự bị được "
            "gọi tập trung từ ngày {d1}.",
            "Giả định máy bay tiến công vào cảng và kho xăng dầu trên địa bàn; phương án đánh trả "
            "do Ban Chỉ đạo diễn tập trực tiếp điều hành.",
            "Các cơ quan, đơn vị không phổ biến nội dung tình huống cho người không có nhiệm vụ.",
        ),
        "Danh sách mục tiêu giả định và vị trí bố trí lực lượng",
        (
            "Mục tiêu 01: kho xăng dầu khu vực cảng, ô vuông tọa độ {n3}-{n2}.",
            "Mục tiêu 02: trạm biến áp 220 kV, bảo vệ bằng một trung đội dân quân cơ động.",
            "Trận địa pháo phòng không bố trí phía Đông Bắc xã {commune2}.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Tình hình an ninh tuyến biên giới và hoạt động xuất, nhập cảnh trái phép quý {q} năm 2026",
        (
            "Trong quý, lực lượng chức năng phát hiện {n1} vụ với {n2} người xuất, nhập cảnh trái "
            "phép qua các đường mòn, lối mở thuộc địa bàn xã {commune}.",
            "Một số người nước ngoài lợi dụng trao đổi hàng hóa cư dân biên giới để thu thập "
            "thông tin về hệ thống đồn, trạm; cơ quan chức năng đang tiếp tục xác minh.",
            "Đường dây đưa người trái phép do đối tượng có biệt danh “{nick}” cầm đầu vẫn hoạt "
            "động, sử dụng nhiều số thuê bao không chính chủ.",
            "Đề nghị tăng cường {n3} tổ tuần tra song phương và bổ sung thiết bị quan sát ban đêm "
            "cho các chốt trọng điểm.",
        ),
        "Danh sách đối tượng trong diện theo dõi",
        (
            "1. {name1}, trú tại xã {commune}, nghi vấn tổ chức đưa người qua biên giới.",
            "2. {name2}, lái xe khách tuyến cửa khẩu, có dấu hiệu vận chuyển người trái phép.",
        ),
    ),
    Topic(
        "DANH SÁCH",
        "DS",
        "Cán bộ trong diện quy hoạch các chức danh lãnh đạo chủ chốt nhiệm kỳ 2026–2031",
        (
            "Căn cứ kết quả giới thiệu tại hội nghị cán bộ chủ chốt, Ban Thường vụ thống nhất danh "
            "sách {n1} đồng chí đưa vào quy hoạch.",
            "Đồng chí {name1}, sinh năm 19{yy}, hiện là Phó Giám đốc Sở, được quy hoạch chức danh "
            "Giám đốc Sở; tỷ lệ phiếu giới thiệu đạt {pct}%.",
            "Đồng chí {name2} được đưa ra khỏi quy hoạch do có đơn phản ánh đang được xác minh.",
            "Danh sách chỉ sử dụng trong Ban Thường vụ và cơ quan tham mưu về tổ chức cán bộ.",
        ),
        "Nhận xét, đánh giá từng đồng chí trong danh sách",
        (
            "Đồng chí {name1}: bản lĩnh chính trị vững vàng; hạn chế là chưa quyết liệt trong chỉ "
            "đạo giải phóng mặt bằng.",
            "Đồng chí {name2}: cần làm rõ nội dung đơn phản ánh trước khi xem xét lại.",
        ),
    ),
    Topic(
        "PHƯƠNG ÁN",
        "PA",
        "Sơ tán nhân dân và bảo vệ mục tiêu trọng yếu khi có tình huống khẩn cấp về quốc phòng",
        (
            "Khi có lệnh, dân cư các phường trung tâm sơ tán về xã {commune} và xã {commune2} theo "
            "{n1} trục đường đã được phân luồng.",
            "Các mục tiêu trọng yếu gồm nhà máy nước, đài phát thanh, trạm biến áp và kho lương "
            "thực được giao lực lượng bảo vệ cụ thể.",
            "Thời gian hoàn thành sơ tán đợt một không quá {n2} giờ kể từ khi có lệnh của Chủ tịch "
            "Ủy ban nhân dân tỉnh.",
            "Vị trí sở chỉ huy dự bị và kho vật chất hậu cần được xác định tại phụ lục kèm theo.",
        ),
        "Vị trí sở chỉ huy dự bị và kho hậu cần",
        (
            "Sở chỉ huy dự bị: khu rừng phòng hộ phía Tây xã {commune2}, cách quốc lộ {n3} km.",
            "Kho hậu cần số 2: nhà kho hợp tác xã cũ thôn {n2}, sức chứa 300 tấn.",
        ),
    ),
    Topic(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Phê duyệt vị trí xây dựng kho dự trữ vật chất chiến đấu tại xã {commune}",
        (
            "Phê duyệt vị trí xây dựng kho dự trữ vật chất chiến đấu có diện tích {n1} m², nằm "
            "trong khu đất quốc phòng do Bộ Chỉ huy Quân sự tỉnh quản lý.",
            "Kho được thiết kế ngầm, có hai cửa ra vào và hệ thống ngụy trang; sức chứa bảo đảm "
            "cho {n2} tấn vật chất các loại.",
            "Giao Bộ Chỉ huy Quân sự tỉnh chủ trì thi công, hoàn thành trước ngày {d2}; hồ sơ "
            "thiết kế được quản lý theo chế độ bảo vệ bí mật nhà nước.",
            "Quyết định này có hiệu lực kể từ ngày ký.",
        ),
        "Thông số kỹ thuật chính của kho",
        (
            "Chiều sâu hầm chính {n3} m; tường bê tông cốt thép dày 0,8 m.",
            "Đường vào kho ngụy trang dưới dạng đường lâm nghiệp.",
        ),
    ),
    Topic(
        "ĐỀ THI CHÍNH THỨC",
        "ĐT",
        "Môn Toán – Kỳ thi tuyển sinh lớp 10 trung học phổ thông năm học 2026–2027",
        (
            "Câu 1 (2,0 điểm). Cho biểu thức P = (x + {n1}) : (x − 2) với x ≠ 2. Rút gọn P và tìm "
            "các giá trị nguyên của x để P nhận giá trị nguyên.",
            "Câu 2 (2,5 điểm). Một xe khách đi từ trung tâm tỉnh đến xã {commune} dài {n2} km; "
            "lúc về xe tăng vận tốc thêm 10 km/h nên hết ít thời gian hơn 30 phút. Tính vận tốc "
            "lúc đi.",
            "Câu 3 (3,0 điểm). Cho đường tròn tâm O, dây cung AB cố định. Chứng minh bốn điểm A, "
            "B, M, N cùng nằm trên một đường tròn.",
            "Thời gian làm bài 120 phút, không kể thời gian phát đề. Đề thi gồm 01 trang.",
        ),
        "Hướng dẫn chấm",
        ("Câu 1: rút gọn đúng được 1,0 điểm.", "Câu 2: lập đúng phương trình được 1,0 điểm."),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả xác minh hoạt động của tổ chức phản động lưu vong trên địa bàn",
        (
            "Qua nắm tình hình, phát hiện {n1} người có liên hệ với tổ chức phản động lưu vong ở "
            "nước ngoài, nhận tiền hỗ trợ để phát triển cơ sở.",
            "{name1} thường xuyên đăng tải nội dung xuyên tạc trên mạng xã hội bằng tài khoản ẩn "
            "danh, thu hút khoảng {n2} lượt theo dõi.",
            "Cơ quan an ninh đã bí mật bố trí lực lượng theo dõi, thu thập chứng cứ phục vụ xử lý "
            "theo quy định.",
            "Đề nghị chỉ đạo các ngành phối hợp, chưa công khai thông tin khi chưa có kết luận.",
        ),
        "Danh sách tài khoản mạng xã hội cần xử lý",
        ("Tài khoản thứ nhất lập từ năm 2021, đặt máy chủ ở nước ngoài.", "Tài khoản thứ hai ..."),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Bảo vệ an toàn công trình thủy điện {hydro} trong mùa mưa lũ năm 2026",
        (
            "Công trình thủy điện {hydro} được xác định là mục tiêu quan trọng về an ninh, quốc "
            "phòng; đập chính và nhà máy được canh gác 24/24 giờ.",
            "Phương án xả lũ khẩn cấp và sơ đồ hệ thống điều khiển, camera giám sát chỉ cung cấp "
            "cho các lực lượng có nhiệm vụ.",
            "Bố trí {n1} tổ tuần tra trên lòng hồ; cấm tàu thuyền lạ neo đậu trong phạm vi {n2} "
            "mét tính từ thân đập.",
            "Khi có dấu hiệu phá hoại, lực lượng tại chỗ xử lý theo phương án số {n3} và báo cáo "
            "ngay Ban Chỉ huy.",
        ),
        "Sơ đồ vị trí các chốt gác",
        ("Chốt 1: vai trái đập chính.", "Chốt 2: cửa nhận nước; chốt 3: trạm phân phối điện."),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Số lượng, chủng loại hàng dự trữ quốc gia tại các điểm kho khu vực {prov}",
        (
            "Tính đến ngày {d1}, các điểm kho trên địa bàn đang bảo quản {n1} tấn gạo, {n2} tấn "
            "thóc và {n3} bộ phao cứu sinh dự trữ.",
            "Điểm kho tại xã {commune} đã xuống cấp, có nguy cơ thấm dột; đề nghị bố trí kinh phí "
            "sửa chữa trong quý tới.",
            "Vị trí, sức chứa từng điểm kho được tổng hợp tại phụ lục.",
            "Báo cáo chỉ gửi các cơ quan có tên tại mục Nơi nhận.",
        ),
        "Vị trí và sức chứa từng điểm kho",
        ("Điểm kho 1: xã {commune}, sức chứa {n1} tấn.", "Điểm kho 2: xã {commune2}, 800 tấn."),
    ),
    Topic(
        "TỜ TRÌNH",
        "TTr",
        "Phương án kiện toàn Ban Chấp hành, Ban Thường vụ Đảng ủy xã {commune}",
        (
            "Sau sắp xếp đơn vị hành chính, Đảng ủy xã {commune} thiếu {n1} ủy viên Ban Thường vụ; "
            "Ban Tổ chức đề xuất phương án bổ sung như sau.",
            "Đề nghị chỉ định đồng chí {name1} giữ chức Phó Bí thư Thường trực Đảng ủy; đồng chí "
            "{name2} tham gia Ban Chấp hành.",
            "Các đồng chí được đề xuất đã được thẩm tra lý lịch, không vướng mắc về chính trị nội bộ.",
            "Kính trình Ban Thường vụ Tỉnh ủy xem xét, quyết định.",
        ),
        "Tóm tắt lý lịch các đồng chí được đề xuất",
        ("{name1}: 46 tuổi, thạc sĩ quản lý công.", "{name2}: 39 tuổi, cử nhân luật."),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Tình hình khiếu kiện đông người có yếu tố dân tộc, tôn giáo tại xã {commune}",
        (
            "Từ ngày {d1} đến nay có {n1} lượt người tập trung tại trụ sở xã đòi lại đất rẫy, có "
            "sự kích động của một số người ngoài địa bàn.",
            "Một số người lợi dụng sinh hoạt tôn giáo tại điểm nhóm thôn {n2} để lôi kéo người "
            "dân không chấp hành quyết định của chính quyền.",
            "Công an xã đã vận động {n3} hộ rút đơn; tuy vậy nguy cơ tái diễn vẫn còn cao.",
            "Đề xuất thành lập tổ công tác liên ngành, đối thoại trực tiếp trước ngày {d2}.",
        ),
        "Danh sách người cầm đầu, kích động",
        ("{name1}, thôn {n2}.", "{name2}, nguyên trưởng điểm nhóm."),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Đấu tranh chuyên án {code}",
        (
            "Chuyên án được xác lập để đấu tranh với đường dây mua bán trái phép chất ma túy xuyên "
            "biên giới do {name1} cầm đầu.",
            "Bố trí {n1} trinh sát bám sát; sử dụng các biện pháp nghiệp vụ theo quy định để làm rõ "
            "phương thức vận chuyển và nơi cất giấu.",
            "Dự kiến phá án vào khoảng {d2}, khi hàng được vận chuyển qua khu vực xã {commune}.",
            "Chỉ cán bộ có tên trong Ban chuyên án mới được tiếp cận kế hoạch này.",
        ),
        "Phân công lực lượng trong Ban chuyên án",
        ("Trưởng ban: Thượng tá {name2}.", "Tổ trinh sát số 1 gồm {n3} đồng chí."),
    ),
    Topic(
        "",
        "",
        "V/v cung cấp sơ đồ, tài khoản quản trị hệ thống mạng truyền số liệu chuyên dùng",
        (
            "Để bảo đảm an toàn hệ thống thông tin cấp độ 4, đề nghị Trung tâm Dữ liệu tỉnh cung "
            "cấp sơ đồ kết nối, địa chỉ IP và mật khẩu quản trị các thiết bị lõi.",
            "Thông tin được in thành {n1} bản, chuyển trực tiếp qua văn thư, không gửi qua thư điện "
            "tử công vụ.",
            "Thời hạn cung cấp trước ngày {d2}.",
        ),
        "Danh mục thiết bị cần cung cấp thông tin",
        ("Tường lửa biên, bộ định tuyến lõi, máy chủ xác thực.",),
    ),
    Topic(
        "",
        "",
        "V/v triển khai phương án bảo vệ đoàn khách quốc tế cấp cao",
        (
            "Theo thông báo của Bộ Ngoại giao, đoàn khách cấp cao của nước bạn sẽ thăm và làm việc "
            "tại tỉnh từ ngày {d1}; lịch trình chi tiết kèm theo.",
            "Đề nghị các đơn vị bố trí lực lượng dẫn đường, bảo vệ nơi ở và các điểm tham quan "
            "theo phương án đã thống nhất; quân số {n1} đồng chí.",
            "Lịch trình, tuyến di chuyển của đoàn không được công bố trước và sau chuyến thăm.",
        ),
        "Lịch trình và tuyến di chuyển của đoàn",
        ("Ngày thứ nhất: đón đoàn tại sân bay, về khách sạn theo tuyến số {n2}.",),
    ),
)

PUBLIC_TOPICS = (
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Tổ chức Hội khỏe Phù Đổng tỉnh {prov} lần thứ {ord} năm 2026",
        (
            "Hội khỏe được tổ chức nhằm đẩy mạnh phong trào rèn luyện thân thể trong học sinh, "
            "phát hiện năng khiếu thể thao cho các đội tuyển của tỉnh.",
            "Thời gian thi đấu từ ngày {d1} đến ngày {d2} tại Trung tâm Thể dục thể thao tỉnh với "
            "{n1} vận động viên tham gia.",
            "Các đơn vị gửi danh sách đăng ký về Sở Giáo dục và Đào tạo trước ngày {d1}.",
        ),
    ),
    Topic(
        "THÔNG BÁO",
        "TB",
        "Lịch tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân tỉnh quý {q} năm 2026",
        (
            "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở "
            "Tiếp công dân tỉnh.",
            "Công dân đến liên hệ mang theo căn cước và giấy tờ liên quan đến nội dung khiếu nại, "
            "tố cáo, kiến nghị.",
            "Thông báo này được niêm yết công khai và đăng trên Cổng thông tin điện tử tỉnh.",
        ),
    ),
    Topic(
        "",
        "",
        "V/v tăng cường phòng, chống dịch sốt xuất huyết",
        (
            "Trong {n1} tuần gần đây, số ca mắc sốt xuất huyết tại xã {commune} tăng mạnh so với "
            "cùng kỳ năm trước.",
            "Đề nghị các xã, phường tổ chức chiến dịch diệt lăng quăng, bọ gậy, vệ sinh môi trường "
            "vào ngày {d1}.",
            "Cơ sở y tế bảo đảm đủ thuốc, dịch truyền, không để bệnh nhân nặng tử vong.",
        ),
    ),
    Topic(
        "GIẤY MỜI",
        "GM",
        "Dự hội nghị tổng kết công tác thi đua, khen thưởng năm 2025",
        (
            "Ủy ban nhân dân tỉnh trân trọng kính mời đại diện lãnh đạo các sở, ngành dự hội nghị "
            "tổng kết công tác thi đua, khen thưởng năm 2025.",
            "Thời gian: {hour} giờ 00, ngày {d1}. Địa điểm: Hội trường tầng 3, Trụ sở Ủy ban nhân "
            "dân tỉnh.",
            "Đề nghị đại biểu đến dự đúng thời gian, trang phục lịch sự.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Tiến độ giải ngân vốn đầu tư công 6 tháng đầu năm 2026",
        (
            "Tổng kế hoạch vốn năm 2026 được giao là {n1} tỷ đồng; đến ngày {d1} đã giải ngân "
            "{pct}% kế hoạch.",
            "Một số dự án chậm do vướng mắc giải phóng mặt bằng tại xã {commune} và thiếu vật "
            "liệu san lấp.",
            "Đề nghị điều chuyển vốn từ các dự án chậm tiến độ sang dự án có khả năng giải ngân tốt.",
        ),
    ),
    Topic(
        "QUYẾT ĐỊNH",
        "QĐ",
        "Khen thưởng tập thể, cá nhân có thành tích trong phong trào xây dựng nông thôn mới",
        (
            "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho {n1} tập thể và {n2} cá nhân có "
            "thành tích xuất sắc.",
            "Mỗi tập thể được thưởng kèm theo mức tiền theo quy định của Luật Thi đua, khen thưởng.",
            "Quyết định có hiệu lực kể từ ngày ký.",
        ),
    ),
    Topic(
        "THÔNG BÁO",
        "TB",
        "Tuyển dụng viên chức sự nghiệp giáo dục năm 2026",
        (
            "Sở Giáo dục và Đào tạo thông báo tuyển dụng {n1} chỉ tiêu giáo viên các cấp học.",
            "Thí sinh nộp phiếu đăng ký dự tuyển trực tiếp hoặc qua dịch vụ bưu chính từ ngày {d1} "
            "đến hết ngày {d2}.",
            "Thông tin chi tiết đăng tải trên trang thông tin điện tử của Sở.",
        ),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Chuyển đổi số trong cung cấp dịch vụ công trực tuyến năm 2026",
        (
            "Phấn đấu {pct}% hồ sơ thủ tục hành chính được tiếp nhận và giải quyết trực tuyến toàn "
            "trình.",
            "Hoàn thành kết nối cơ sở dữ liệu dân cư với hệ thống giải quyết thủ tục hành chính "
            "của tỉnh trước ngày {d2}.",
            "Tổ chức tập huấn kỹ năng số cho {n1} cán bộ một cửa cấp xã.",
        ),
    ),
    Topic(
        "",
        "",
        "V/v hướng dẫn quyết toán kinh phí chương trình mục tiêu quốc gia",
        (
            "Các đơn vị lập báo cáo quyết toán theo mẫu biểu ban hành kèm theo Thông tư của Bộ Tài "
            "chính, gửi về Sở trước ngày {d2}.",
            "Số kinh phí chưa sử dụng hết được chuyển nguồn sang năm sau theo quy định.",
            "Mọi vướng mắc liên hệ Phòng Quản lý ngân sách, điện thoại 0238.3{n1}.",
        ),
    ),
    Topic(
        "KẾ HOẠCH",
        "KH",
        "Tết trồng cây “Đời đời nhớ ơn Bác Hồ” xuân Bính Ngọ 2026",
        (
            "Phát động trồng {n1} cây xanh các loại tại trụ sở cơ quan, trường học và ven các "
            "tuyến đường liên xã.",
            "Lễ ra quân tổ chức tại xã {commune} vào sáng ngày {d1}.",
            "Kinh phí mua cây giống do các đơn vị tự cân đối và vận động xã hội hóa.",
        ),
    ),
    Topic(
        "THÔNG BÁO",
        "TB",
        "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi làm việc về chỉnh trang đô thị",
        (
            "Giao Sở Xây dựng hoàn thiện phương án lát đá vỉa hè các tuyến phố trung tâm trong "
            "tháng {q}.",
            "Xử lý dứt điểm tình trạng lấn chiếm lòng đường, vỉa hè để kinh doanh tại chợ {commune}.",
            "Các đơn vị báo cáo kết quả thực hiện trước ngày {d2}.",
        ),
    ),
    Topic(
        "BÁO CÁO",
        "BC",
        "Kết quả công tác phòng, chống thiên tai và tìm kiếm cứu nạn năm 2025",
        (
            "Năm 2025, trên địa bàn tỉnh xảy ra {n1} đợt mưa lớn, làm hư hỏng {n2} nhà ở và sạt lở "
            "nhiều đoạn đường giao thông.",
            "Lực lượng chức năng đã sơ tán kịp thời {n3} hộ dân ra khỏi vùng nguy hiểm.",
            "Đề nghị Trung ương hỗ trợ kinh phí khắc phục hậu quả cho xã {commune}.",
        ),
    ),
)


FILE_CODES = ("snv", "stc", "ubnd", "bch", "tu", "skhcn", "snnmt", "sgddt", "cat_pa05", "vp")
NAME_WORDS = {"scan", "img", "btctu", "bdbp", "pa05", "cat", *FILE_CODES}


def fill(text: str, slots: dict[str, str]) -> str:
    return text.format_map(slots)


# ---------------------------------------------------------------------------------------------
# the corpus under construction


@dataclass
class Pending:
    stem: str
    data: bytes
    level: str | None
    category: str
    family: str
    declassified: bool = False


class Corpus:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.items: list[Item] = []
        self.pending: list[Pending] = []
        self.count = 0
        self.levels = [LEVELS[i % 3] for i in range(240)]
        self.rng.shuffle(self.levels)
        self.notes: list[str] = []

    def level(self) -> str:
        return self.levels.pop()

    def stem(self, hint: str) -> str:
        """A file name that gives nothing away: of the hint only "scan", "img", numbers and
        agency codes are kept (the same words occur in every category); the running number
        is replaced after the final shuffle."""
        self.count += 1
        words = [
            w
            for w in plain_name(hint).split("_")
            if w in NAME_WORDS or (len(w) < 4 and w.isdigit())
        ]
        if "img" in words:
            words = ["img", str(self.rng.randint(1000, 9999))]
        else:
            if not any(w.isdigit() for w in words):
                words.append(str(self.rng.randint(10, 990)))
            if not any(w in NAME_WORDS and w != "scan" for w in words):
                words.append(self.rng.choice(FILE_CODES))
        return f"{self.count:03d}_{'_'.join(words)}"

    def add(
        self,
        hint: str,
        ext: str,
        data: bytes,
        level: str | None,
        category: str,
        family: str,
        fmt: str | None = None,
    ) -> None:
        declassified = category == "declassified"
        self.items.append(
            labelled(
                f"{self.stem(hint)}.{ext}",
                data,
                None if declassified else level,  # a declassified file carries no level
                category,
                fmt or ext,
                family,
                declassified=declassified,
            )
        )

    def add_doc(
        self, d: Doc, look: Look, fmt: str, level: str | None, category: str, family: str
    ) -> None:
        """`d` as a file of the format `fmt`: Word (the stamp in a table cell), a PDF with a text
        layer, a scan, a phone photo of its first page, ODT, a web page or RTF."""
        rng = self.rng
        h = hint_of(d)
        if fmt == "docx":
            self.add(h, "docx", letter_docx(d, look, rng, mode="cell"), level, category, family)
        elif fmt == "pdf":
            data = letter_pdf(d, look, rng, producer=rng.choice(PRODUCERS))
            self.add(h, "pdf", data, level, category, family)
        elif fmt == "scan":
            data = scan_pdf(self, render_pages(d, look, rng))
            self.add(f"scan {h}", "pdf", data, level, category, family, "scan")
        elif fmt == "photo":
            hint = f"IMG_{rng.randint(1000, 9999)}"
            data = photo_jpg(self, render_pages(d, look, rng)[0])
            self.add(hint, "jpg", data, level, category, family, "photo")
        elif fmt == "odt":
            self.add(h, "odt", letter_odt(d, look, rng), level, category, family)
        elif fmt == "html":
            self.add(h, "html", letter_html(d, look, rng).encode(), level, category, family)
        else:
            assert fmt == "rtf", fmt
            self.add(h, "rtf", letter_rtf(d, look), level, category, family)

    def later_doc(
        self, hint: str, docx_bytes: bytes, level: str | None, category: str, family: str
    ) -> None:
        """A Word 97 file, converted from DOCX by LibreOffice in one batch at the end."""
        self.pending.append(
            Pending(
                self.stem(hint), docx_bytes, level, category, family, category == "declassified"
            )
        )

    def look(self, **over: object) -> Look:
        return random_look(self.rng, **over)

    def slots(self, prov: str) -> dict[str, str]:
        rng = self.rng
        communes = rng.sample(COMMUNES, 2)
        names = rng.sample(NAMES, 2)
        return {
            "prov": prov,
            "commune": communes[0],
            "commune2": communes[1],
            "name1": names[0],
            "name2": names[1],
            "n1": str(rng.randint(3, 140)),
            "n2": str(rng.randint(2, 60)),
            "n3": str(rng.randint(4, 90)),
            "d1": self.short_date(),
            "d2": self.short_date(),
            "hour": str(rng.randint(5, 8)),
            "ord": rng.choice(ROMAN),
            "q": rng.choice(("I", "II", "III", "IV")),
            "nick": rng.choice(NICKS),
            "code": rng.choice(CODES),
            "hydro": rng.choice(HYDRO),
            "yy": str(rng.randint(72, 88)),
            "pct": str(rng.randint(41, 96)),
        }

    def short_date(self) -> str:
        return f"{self.rng.randint(1, 28):02d}/{self.rng.randint(1, 12):02d}/2026"

    def doc(
        self,
        topic: Topic | None = None,
        *,
        secret: bool = True,
        agency: Agency | None = None,
        annex: bool = False,
        marks: list[Mark] | None = None,
    ) -> Doc:
        rng = self.rng
        topic = topic or rng.choice(SECRET_TOPICS if secret else PUBLIC_TOPICS)
        prov = rng.choice(PROVINCES)
        ag = agency or rng.choice(agencies(prov, rng))
        slots = self.slots(prov)
        n = rng.randint(12, 980)
        if topic.kind:
            number = f"{n}-{topic.code}/{ag.code}" if ag.party else f"{n}/{topic.code}-{ag.code}"
        else:
            unit = rng.choice(("VP", "NC", "TH", "KT", "PC", "TCCB"))
            number = f"{n}-CV/{ag.code}" if ag.party else f"{n}/{ag.code}-{unit}"
        day, month = rng.randint(1, 28), rng.randint(1, 12)
        month_text = f"{month:02d}" if month < 3 else str(month)
        date = f"{ag.place}, ngày {day:02d} tháng {month_text} năm 2026"
        body = [fill(s, slots) for s in topic.body]
        if len(body) > 4 and rng.random() < 0.4:
            body.pop(rng.randrange(1, len(body)))
        recipients = [*rng.sample(RECIPIENTS, rng.randint(2, 4)), "Lưu: VT"]
        return Doc(
            agency=ag,
            number=number,
            date=date,
            kind=topic.kind,
            title=fill(topic.title, slots),
            body=body,
            recipients=recipients,
            signer=rng.choice(NAMES),
            annex_title=fill(topic.annex_title, slots) if annex and topic.annex_title else "",
            annex=[fill(s, slots) for s in topic.annex] if annex else [],
            marks=marks or [],
        )

    def convert(self) -> None:
        """Word 97 files written by LibreOffice from the pending DOCX, in one batch."""
        if not self.pending:
            return
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if not soffice:
            self.notes.append(f"no LibreOffice: {len(self.pending)} .doc files left out")
            self.pending.clear()
            return
        with tempfile.TemporaryDirectory(prefix="heldout5-") as tmp:
            root = Path(tmp)
            src, out = root / "src", root / "out"
            src.mkdir()
            for p in self.pending:
                (src / f"{p.stem}.docx").write_bytes(p.data)
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{root / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "doc:MS Word 97",
                    "--outdir",
                    str(out),
                    *sorted(str(f) for f in src.iterdir()),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            for p in self.pending:
                self.items.append(
                    labelled(
                        f"{p.stem}.doc",
                        (out / f"{p.stem}.doc").read_bytes(),
                        None if p.declassified else p.level,
                        p.category,
                        "doc",
                        p.family,
                        declassified=p.declassified,
                    )
                )
        self.pending.clear()


def hint_of(doc: Doc) -> str:
    return f"{doc.number.split('/')[0].split('-')[0]} {doc.agency.code}"


PRODUCERS = (
    "Microsoft: Print To PDF",
    "Microsoft® Word for Microsoft 365",
    "LibreOffice 7.6",
    "Foxit PDF Creator Version 12.1",
    "WPS Writer",
    "iLovePDF",
)
SCANNERS = ("Canon iR-ADV C3530", "RICOH MP 4055", "KONICA MINOLTA bizhub 368", "HP ScanJet Pro")


def stamp(level: str, where: str = "under_number") -> Mark:
    return Mark((LEVEL_WORD[level],), where)


def scan_pdf(c: Corpus, pages: list[Image.Image], *, grey: bool = False, dpi: int = 150) -> bytes:
    rng = c.rng
    done = [scanned(p, rng, grey=grey) for p in pages]
    if dpi != 150:
        done = [p.resize((round(p.width * dpi / 150), round(p.height * dpi / 150))) for p in done]
    return pdf_of_images(done, quality=rng.randint(35, 75), producer=rng.choice(SCANNERS), dpi=dpi)


def photo_jpg(c: Corpus, page: Image.Image) -> bytes:
    return jpeg(photographed(page, c.rng), c.rng.randint(62, 88))


# ---------------------------------------------------------------------------------------------
# positives


def _add_word(c: Corpus) -> None:
    rng = c.rng
    families = {
        "cell": "word_stamp",
        "nested": "word_stamp",
        "body_top": "word_stamp",
        "header": "word_header_footer",
        "first_header": "word_header_footer",
        "footer": "word_header_footer",
        "vml_box": "word_box_picture",
        "wps_box": "word_box_picture",
        "picture": "word_box_picture",
        "annex": "later_page",
    }
    modes = [
        "cell",
        "cell",
        "nested",
        "nested",
        "body_top",
        "header",
        "first_header",
        "footer",
        "vml_box",
        "wps_box",
        "picture",
        "picture",
        "annex",
        "annex",
    ]
    for mode in modes:
        lv = c.level()
        where = {"footer": "footer", "annex": "annex"}.get(mode, "under_number")
        extra = [Mark(("TÀI LIỆU THU HỒI",), "top_right")] if rng.random() < 0.2 else []
        d = c.doc(annex=mode == "annex", marks=[stamp(lv, where), *extra])
        c.add(
            hint_of(d),
            "docx",
            letter_docx(d, c.look(), rng, mode=mode),
            lv,
            "positive",
            families[mode],
        )
    for mode in ("cell", "nested", "header", "picture", "vml_box", "annex"):
        lv = c.level()
        where = "annex" if mode == "annex" else "under_number"
        d = c.doc(annex=mode == "annex", marks=[stamp(lv, where)])
        c.later_doc(
            hint_of(d), letter_docx(d, c.look(), rng, mode=mode), lv, "positive", "legacy_doc"
        )


def _add_odt_rtf(c: Corpus) -> None:
    rng = c.rng
    for mode in ("para", "para", "header", "frame", "picture"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv, rng.choice(("under_number", "top_right")))])
        c.add(hint_of(d), "odt", letter_odt(d, c.look(), rng, mode=mode), lv, "positive", "odt_rtf")
    for mode in ("plain", "plain", "header", "annex"):
        lv = c.level()
        d = c.doc(
            annex=mode == "annex", marks=[stamp(lv, "annex" if mode == "annex" else "under_number")]
        )
        data = letter_rtf(d, c.look(), header_stamp=mode == "header")
        c.add(
            hint_of(d), "rtf", data, lv, "positive", "later_page" if mode == "annex" else "odt_rtf"
        )


def _add_text_pdfs(c: Corpus) -> None:
    rng = c.rng
    plans = [
        ("under_number", {}, "text_pdf"),
        ("under_number", {}, "text_pdf"),
        ("under_number", {}, "text_pdf"),
        ("top_right", {}, "text_pdf"),
        ("top_right", {}, "text_pdf"),
        ("footer", {}, "text_pdf"),
        ("under_number", {"spaced": 2.2}, "text_pdf"),
        ("recall", {}, "text_pdf"),
        ("annex", {}, "later_page"),
        ("annex", {}, "later_page"),
        ("under_number", {"picture_stamps": True}, "text_pdf_picture"),
        ("top_right", {"picture_stamps": True}, "text_pdf_picture"),
    ]
    for where, kw, family in plans:
        lv = c.level()
        marks = [stamp(lv, "under_number" if where == "recall" else where)]
        if where == "recall":
            marks.append(
                Mark(("TÀI LIỆU THU HỒI", f"Trả lại trước ngày {c.short_date()}"), "top_right")
            )
        d = c.doc(annex=where == "annex", marks=marks)
        data = letter_pdf(d, c.look(), rng, producer=rng.choice(PRODUCERS), **kw)  # type: ignore[arg-type]
        c.add(hint_of(d), "pdf", data, lv, "positive", family)


def _add_scans_photos(c: Corpus) -> None:
    rng = c.rng
    plans = [
        ("under_number", False, 150),
        ("under_number", False, 150),
        ("under_number", True, 150),
        ("under_number", False, 150),
        ("under_number", True, 120),
        ("top_right", False, 150),
        ("top_right", True, 150),
        ("annex", False, 150),
        ("annex", True, 150),
        ("under_number", True, 100),  # a fax-like low resolution copy
        ("under_number", False, 150),
        ("faded", False, 150),
    ]
    for where, grey, dpi in plans:
        lv = c.level()
        look = c.look(ink=(236, 140, 150)) if where == "faded" else c.look()
        w = "under_number" if where == "faded" else where
        d = c.doc(annex=where == "annex" or rng.random() < 0.2, marks=[stamp(lv, w)])
        pages = render_pages(d, look, rng)
        c.add(
            f"scan {hint_of(d)}",
            "pdf",
            scan_pdf(c, pages, grey=grey, dpi=dpi),
            lv,
            "positive",
            "scan",
            "scan",
        )
    for _ in range(6):
        lv = c.level()
        d = c.doc(marks=[stamp(lv, rng.choice(("under_number", "under_number", "top_right")))])
        page = render_pages(d, c.look(), rng)[0]
        c.add(
            f"IMG_{rng.randint(1000, 9999)}",
            "jpg",
            photo_jpg(c, page),
            lv,
            "positive",
            "phone_photo",
            "photo",
        )
    for kind in ("png", "png", "jpg", "jpg"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv)])
        page = render_pages(d, c.look(), rng, dpi=rng.choice((110, 130)))[0]
        if kind == "png":
            data = png(page.convert("P", palette=Image.Palette.ADAPTIVE, colors=64))
        else:
            data = jpeg(scanned(page, rng), rng.randint(45, 80))
        c.add(f"trang {hint_of(d)}", kind, data, lv, "positive", "image_file")


def envelope_image(
    c: Corpus, letter: str | None, *, inner: bool = False, postal: bool = False
) -> Image.Image:
    """An envelope (220 x 110 mm): sender, number, recipient and, for secret mail, the circled
    letter in red; the inner Tuyệt mật envelope also carries the named-person stamp."""
    rng = c.rng
    dpi = 150
    k = dpi / 25.4
    paper = rng.choice(((214, 186, 140), (236, 226, 198), (250, 250, 246)))
    look = c.look(paper=paper, angle=rng.uniform(-4, 4))
    page = Page(dpi, look)
    page.img = Image.new("RGB", (round(220 * k), round(110 * k)), paper)
    page.draw = ImageDraw.Draw(page.img)
    prov = rng.choice(PROVINCES)
    ag = rng.choice(agencies(prov, rng))
    if ag.parent:
        page.text(12, 10, ag.parent, "r", 10)
    page.text(12, 15, ag.name, "b", 10.5)
    page.text(12, 21, f"Số: {rng.randint(10, 900)}/{ag.code}", "r", 10)
    if postal:
        page.draw.rectangle(
            (188 * k, 8 * k, 210 * k, 34 * k), fill=(rng.randint(40, 200), 110, 160)
        )
        page.draw.ellipse((160 * k, 10 * k, 190 * k, 40 * k), outline=(30, 30, 30), width=3)
        page.text(175, 22, f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.26", "r", 8, "mm")
        page.text(12, 95, "BƯU CHÍNH VIỆT NAM – VNPost", "b", 9)
        for i in range(6):
            page.draw.rectangle(
                ((150 + 9 * i) * k, 92 * k, (157 + 9 * i) * k, 100 * k),
                outline=(200, 40, 40),
                width=2,
            )
    page.text(95, 52, "Kính gửi:", "i", 12)
    who = rng.choice(NAMES)
    page.text(118, 52, f"Đồng chí {who}", "b", 12)
    page.text(
        118,
        59,
        rng.choice(("Giám đốc Công an tỉnh", "Chánh Văn phòng Tỉnh ủy", "Chỉ huy trưởng")),
        "r",
        11,
    )
    page.text(118, 66, f"{prov}", "r", 11)
    if letter:
        r = round(8 * k)
        mask = Image.new("L", (2 * r + 8, 2 * r + 8), 0)
        d = ImageDraw.Draw(mask)
        d.ellipse((4, 4, 2 * r + 4, 2 * r + 4), outline=255, width=max(3, dpi // 45))
        d.text(
            (r + 4, r + 4),
            letter,
            font=pil_font("serif", "b", round(r * 1.2)),
            fill=255,
            anchor="mm",
        )
        mask = mask.rotate(rng.uniform(-10, 10), expand=True)
        x_mm, y_mm = rng.choice(((30, 40), (80, 14), (150, 16), (40, 70)))
        ink_on(page.img, mask, look.ink, round(x_mm * k), round(y_mm * k))
    if inner:
        m = stamp_mask(("CHỈ NGƯỜI CÓ TÊN MỚI ĐƯỢC BÓC BÌ",), look, dpi, rng, pt=10)
        ink_on(page.img, m, look.ink, round(95 * k), round(76 * k))
    return page.img


def _add_envelopes(c: Corpus) -> None:
    rng = c.rng
    for i in range(6):
        lv = c.level()
        img = envelope_image(c, LEVEL_LETTER[lv], inner=lv == "tuyet_mat" and i % 2 == 0)
        if i < 4:
            c.add(
                f"IMG_{rng.randint(1000, 9999)}",
                "jpg",
                photo_jpg(c, img),
                lv,
                "positive",
                "envelope",
                "photo",
            )
        else:
            data = pdf_of_images([scanned(img, rng)], quality=60, producer=rng.choice(SCANNERS))
            c.add(f"scan {rng.randint(100, 999)}", "pdf", data, lv, "positive", "envelope", "scan")


def _sheet_rows(c: Corpus, secret: bool) -> tuple[list[str], list[list[object]]]:
    rng = c.rng
    if secret:
        header = ["Đơn vị / vị trí", "Quân số", "Vũ khí", "Phương tiện", "Ghi chú"]
        rows = [
            [
                f"Chốt {i} – xã {rng.choice(COMMUNES)}",
                rng.randint(4, 40),
                rng.randint(2, 30),
                rng.randint(0, 6),
                "",
            ]
            for i in range(1, rng.randint(6, 12))
        ]
    else:
        header = ["Nội dung", "Kế hoạch", "Thực hiện", "Tỷ lệ (%)", "Ghi chú"]
        rows = [
            [
                f"Dự án {rng.choice(('đường', 'trường học', 'trạm y tế', 'kênh'))} xã {rng.choice(COMMUNES)}",
                p := rng.randint(500, 9000),
                q := rng.randint(100, p),
                round(100 * q / p, 1),
                "",
            ]
            for _ in range(rng.randint(5, 10))
        ]
    return header, rows


def _add_sheets_slides(c: Corpus) -> None:
    rng = c.rng
    for mode in ("cell", "cell", "second", "print_header", "picture", "far_cell"):
        lv = c.level()
        d = c.doc()
        header, rows = _sheet_rows(c, True)
        first_title = [d.agency.name, f"{d.kind or 'BẢNG TỔNG HỢP'} {d.title}"]
        if mode == "second":
            pub_header, pub_rows = _sheet_rows(c, False)
            sheets = [
                SheetSpec("Tong hop", ["BẢNG THEO DÕI TIẾN ĐỘ"], pub_header, pub_rows),
                SheetSpec("Phu luc 2", first_title, header, rows, stamp(lv), "cell"),
            ]
        else:
            sheets = [SheetSpec("Sheet1", first_title, header, rows, stamp(lv), mode)]
        c.add(
            f"bang {hint_of(d)}",
            "xlsx",
            workbook_xlsx(sheets, c.look(), rng),
            lv,
            "positive",
            "spreadsheet",
        )
    for mode in ("box", "box", "later", "picture", "table"):
        lv = c.level()
        d = c.doc()
        slides = [
            SlideSpec(
                d.title[:70],
                d.body[:2],
                None if mode == "later" else stamp(lv),
                "box" if mode == "later" else mode,
            ),
            SlideSpec("Nội dung chính", d.body[2:4] or d.body[:1]),
            SlideSpec(
                "Tổ chức thực hiện",
                ["Phân công nhiệm vụ cụ thể", "Chế độ báo cáo"],
                stamp(lv) if mode == "later" else None,
            ),
        ]
        c.add(
            f"trinh chieu {hint_of(d)}",
            "pptx",
            deck_pptx(slides, c.look(), rng),
            lv,
            "positive",
            "slides",
        )


def _add_web_mail_text(c: Corpus) -> None:
    rng = c.rng
    for mode in ("div", "div", "cell", "entity", "img"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv, rng.choice(("under_number", "top_right")))])
        c.add(
            f"trang {hint_of(d)}",
            "html",
            letter_html(d, c.look(), rng, mode=mode).encode(),
            lv,
            "positive",
            "web_page",
        )
    senders = ("vanthu.snv@{p}.gov.vn", "phongtonghop@{p}.gov.vn", "bantochuc@{p}.dcs.vn")
    for mode in ("plain", "plain", "html", "docx", "pdf", "jpg", "forward"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv)])
        dom = plain_name(d.agency.place).replace("_", "")
        sender = rng.choice(senders).format(p=dom)
        look = c.look()
        subject = f"{d.kind.title() or 'Công văn'} số {d.number}"
        intro = f"Kính gửi anh/chị,\nVăn thư gửi {subject.lower()}. Đề nghị nhận và xử lý theo quy định.\n"
        attachments: tuple[tuple[str, bytes], ...] = ()
        html = None
        text = intro
        if mode == "plain":
            text = intro + "\n" + letter_text(d)
        elif mode == "html":
            html = letter_html(d, look, rng, mode="div")
            text = intro + "\n" + letter_text(d)
        elif mode == "docx":
            attachments = (
                (f"{plain_name(d.number)}.docx", letter_docx(d, look, rng, mode="cell")),
            )
        elif mode == "pdf":
            attachments = (
                (
                    f"{plain_name(d.number)}.pdf",
                    letter_pdf(d, look, rng, producer="LibreOffice 7.6"),
                ),
            )
        elif mode == "jpg":
            attachments = (("anh_chup.jpg", photo_jpg(c, render_pages(d, look, rng)[0])),)
        else:
            quoted = "\n".join("> " + line for line in letter_text(d).splitlines())
            text = f"Chuyển tiếp để anh xem.\n\n---------- Thư chuyển tiếp ----------\nTừ: {sender}\n\n{quoted}\n"
        data = email(
            sender, f"lanhdao@{dom}.gov.vn", subject, text, html=html, attachments=attachments
        )
        c.add(f"thu {hint_of(d)}", "eml", data, lv, "positive", "email")
    for mode in ("txt", "txt_nfd", "txt_top"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv, "top_right" if mode == "txt_top" else "under_number")])
        text = letter_text(d)
        if mode == "txt_nfd":
            text = unicodedata.normalize("NFD", text)
        c.add(f"van ban {hint_of(d)}", "txt", text.encode("utf-8"), lv, "positive", "plain_text")
    for variant in ("alone", "row"):
        lv = c.level()
        d = c.doc()
        header, rows = _sheet_rows(c, True)
        first = LEVEL_WORD[lv] if variant == "alone" else f",,{LEVEL_WORD[lv]},,"
        lines = [first, d.agency.name, d.title, ",".join(header)]
        lines += [",".join(str(v) for v in r) for r in rows]
        c.add(
            f"xuat {hint_of(d)}",
            "csv",
            ("\n".join(lines) + "\n").encode("utf-8-sig"),
            lv,
            "positive",
            "plain_text",
        )


def _add_archives(c: Corpus) -> None:
    rng = c.rng
    public = c.doc(secret=False)
    for kind in ("docx", "nested_pdf", "xlsx"):
        lv = c.level()
        d = c.doc(marks=[stamp(lv)])
        look = c.look()
        members = [(f"{plain_name(public.number)}.docx", letter_docx(public, look, rng))]
        if kind == "docx":
            members.append(
                (f"{plain_name(d.number)}.docx", letter_docx(d, look, rng, mode="nested"))
            )
        elif kind == "nested_pdf":
            inner = write_zip(
                [(f"{plain_name(d.number)}.pdf", letter_pdf(d, look, rng, producer="WPS Writer"))]
            )
            members.append(("ho_so_kem_theo.zip", inner))
        else:
            header, rows = _sheet_rows(c, True)
            sheets = [SheetSpec("Sheet1", [d.title], header, rows, stamp(lv), "cell")]
            members.append(("bieu_tong_hop.xlsx", workbook_xlsx(sheets, look, rng)))
        c.add(f"ho so {hint_of(d)}", "zip", write_zip(members), lv, "positive", "archive")


def _level_change(c: Corpus) -> tuple[str, str, Mark]:
    old, new = c.rng.sample(LEVELS, 2)
    note = Mark(
        (f"Thay đổi độ mật theo CV số {c.rng.randint(10, 400)}/UBND-NC ngày {c.short_date()}",),
        "under_number",
        frame=False,
    )
    return old, new, note


def _add_changed(c: Corpus) -> None:
    rng = c.rng
    for fmt in ("docx", "pdf", "scan", "odt", "html", "photo"):
        old, new, note = _level_change(c)
        marks = [Mark((LEVEL_WORD[old],), struck=True), stamp(new), note]
        d = c.doc(marks=marks)
        look = c.look()
        if fmt != "photo":
            c.add_doc(d, look, fmt, new, "positive", "changed_level")
        else:  # the page is drawn before the random number in the photo's name
            page = render_pages(d, look, rng)[0]
            c.add(
                f"IMG_{rng.randint(1000, 9999)}",
                "jpg",
                photo_jpg(c, page),
                new,
                "positive",
                "changed_level",
                "photo",
            )


# ---------------------------------------------------------------------------------------------
# declassified (not secret any more)


def _add_declassified(c: Corpus) -> None:
    rng = c.rng
    for fmt in ("docx", "doc", "pdf", "scan", "scan", "photo", "odt", "html", "eml", "rtf"):
        old = rng.choice(LEVELS)
        decision = f"QĐ số {rng.randint(5, 300)}/QĐ-UBND ngày {c.short_date()}"
        words = rng.choice(("ĐÃ GIẢI MẬT", "GIẢI MẬT"))
        marks = [Mark((LEVEL_WORD[old],), struck=True), Mark((words, decision))]
        d = c.doc(marks=marks)
        look = c.look()
        h = hint_of(d)
        if fmt == "doc":
            c.later_doc(
                h, letter_docx(d, look, rng, mode="cell"), old, "declassified", "declassified"
            )
        elif fmt == "eml":
            att = (
                (
                    f"{plain_name(d.number)}.pdf",
                    letter_pdf(d, look, rng, producer="LibreOffice 7.6"),
                ),
            )
            data = email(
                "luutru@tinh.gov.vn",
                "phongnc@tinh.gov.vn",
                "Tài liệu đã giải mật",
                "Gửi anh tài liệu đã được giải mật để đưa vào lưu trữ lịch sử.",
                attachments=att,
            )
            c.add(f"thu {h}", "eml", data, old, "declassified", "declassified")
        else:
            c.add_doc(d, look, fmt, old, "declassified", "declassified")


# ---------------------------------------------------------------------------------------------
# hard negatives


def public_doc(c: Corpus, kind: str, code: str, title: str, body: list[str], **kw: object) -> Doc:
    topic = Topic(kind, code, title, tuple(s.replace("{", "{{").replace("}", "}}") for s in body))
    return c.doc(topic, **kw)  # type: ignore[arg-type]


def _protection_plan(c: Corpus) -> Doc:
    q = c.rng.choice(("I", "II", "III"))
    return public_doc(
        c,
        "KẾ HOẠCH",
        "KH",
        "Thực hiện công tác bảo vệ bí mật nhà nước năm 2026",
        [
            "Quán triệt Luật Bảo vệ bí mật nhà nước số 117/2025/QH15 và Nghị định số 63/2026/NĐ-CP "
            "đến toàn thể cán bộ, công chức, viên chức, người lao động trong cơ quan.",
            "Rà soát, xác định độ mật đối với tài liệu, vật chứa bí mật nhà nước theo đúng danh mục "
            "đã ban hành; đóng dấu độ mật “Tuyệt mật”, “Tối mật” hoặc “Mật” ngay khi ban hành.",
            "Bố trí máy tính riêng, không kết nối Internet để soạn thảo tài liệu mật; mở sổ đăng ký "
            "văn bản mật đi, văn bản mật đến theo mẫu quy định.",
            f"Tổ chức tập huấn nghiệp vụ bảo vệ bí mật nhà nước cho cán bộ văn thư trong quý {q}.",
            f"Định kỳ 6 tháng, các phòng báo cáo kết quả về Văn phòng trước ngày {c.short_date()}.",
        ],
    )


def _protection_report(c: Corpus) -> tuple[Doc, list[int]]:
    rng = c.rng
    counts = [rng.randint(0, 6), rng.randint(3, 40), rng.randint(20, 260)]
    d = public_doc(
        c,
        "BÁO CÁO",
        "BC",
        "Kết quả công tác bảo vệ bí mật nhà nước năm 2025",
        [
            f"Trong năm, cơ quan đã ban hành {sum(counts)} văn bản có nội dung bí mật nhà nước, "
            f"trong đó độ Tuyệt mật {counts[0]}, độ Tối mật {counts[1]}, độ Mật {counts[2]} văn bản.",
            "Việc đóng dấu độ mật, vào sổ đăng ký và chuyển giao tài liệu mật cơ bản đúng quy định; "
            "không để xảy ra lộ, mất bí mật nhà nước.",
            "Còn tình trạng một số văn bản đóng dấu “Mật” chưa đúng vị trí hoặc thiếu căn cứ danh "
            "mục; đã chấn chỉnh kịp thời.",
            "Kiến nghị Công an tỉnh tiếp tục mở lớp bồi dưỡng nghiệp vụ cho cán bộ làm công tác bảo "
            "vệ bí mật nhà nước.",
        ],
    )
    return d, counts


def _catalogue_decision(c: Corpus) -> Doc:
    return public_doc(
        c,
        "QUYẾT ĐỊNH",
        "QĐ",
        "Ban hành Danh mục bí mật nhà nước thuộc lĩnh vực nông nghiệp và môi trường",
        [
            "Điều 1. Ban hành kèm theo Quyết định này Danh mục bí mật nhà nước thuộc lĩnh vực nông "
            "nghiệp và môi trường.",
            "Bí mật nhà nước độ Tối mật gồm: phương án ứng phó sự cố vỡ đập của các hồ chứa quan "
            "trọng đặc biệt chưa công bố.",
            "Bí mật nhà nước độ Mật gồm: số liệu điều tra tài nguyên khoáng sản chiến lược chưa công "
            "bố; kết quả quan trắc tại khu vực biên giới chưa công khai.",
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký và được đăng trên Công báo.",
        ],
    )


def _declass_decision(c: Corpus) -> Doc:
    return public_doc(
        c,
        "QUYẾT ĐỊNH",
        "QĐ",
        "Giải mật đối với tài liệu lưu trữ giai đoạn 1995–2005",
        [
            f"Điều 1. Giải mật đối với {c.rng.randint(12, 90)} tài liệu trước đây được xác định độ "
            "Mật và độ Tối mật, có danh mục kèm theo, do không còn thuộc danh mục bí mật nhà nước.",
            "Điều 2. Các cơ quan đang lưu giữ tài liệu đóng dấu giải mật và thông báo cho nơi nhận "
            "trong thời hạn 15 ngày.",
            "Điều 3. Tài liệu sau khi giải mật được phục vụ khai thác tại Phòng đọc Trung tâm Lưu "
            "trữ lịch sử tỉnh.",
        ],
    )


def _inspection(c: Corpus) -> Doc:
    return public_doc(
        c,
        "THÔNG BÁO",
        "TB",
        "Kết luận kiểm tra công tác bảo vệ bí mật nhà nước tại các sở, ngành",
        [
            "Đoàn kiểm tra đã làm việc với 9 sở, ngành; các đơn vị đều đã ban hành nội quy bảo vệ "
            "bí mật nhà nước và phân công cán bộ theo dõi.",
            "Tồn tại: một số văn bản có nội dung thuộc danh mục bí mật nhà nước nhưng không đóng "
            "dấu độ mật; có đơn vị soạn thảo tài liệu Tối mật trên máy tính kết nối Internet.",
            "Yêu cầu các đơn vị khắc phục, báo cáo kết quả về Công an tỉnh trong 30 ngày.",
        ],
    )


def _recall_notice(c: Corpus) -> Doc:
    n = c.rng.randint(10, 300)
    return public_doc(
        c,
        "THÔNG BÁO",
        "TB",
        "Về việc nộp lại tài liệu hết hiệu lực",
        [
            f"Kế hoạch số {n}/KH-UBND (độ Mật) đã hết hiệu lực thi hành; đề nghị các cơ quan, đơn "
            "vị đã nhận văn bản nộp lại Văn phòng UBND tỉnh trước ngày "
            f"{c.short_date()} để tiêu hủy theo quy định.",
            "Việc giao nộp thực hiện trực tiếp tại bộ phận văn thư, có ký nhận vào sổ.",
            "Thông báo này không thuộc danh mục bí mật nhà nước, được gửi qua hệ thống quản lý văn bản.",
        ],
    )


def _add_protection_work(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    plan = _protection_plan(c)
    c.add_doc(plan, c.look(), "docx", None, hn, "protection_work")
    plan = _protection_plan(c)
    c.add_doc(plan, c.look(), "pdf", None, hn, "protection_work")
    plan = _protection_plan(c)
    plan.marks = [
        Mark(
            ("ĐẾN", f"Số: {rng.randint(100, 999)}  Ngày: {c.short_date()}", "Chuyển: P.TH"),
            "top_center",
        )
    ]
    c.add_doc(plan, c.look(), "scan", None, hn, "protection_work")
    rep, _counts = _protection_report(c)
    c.add_doc(rep, c.look(), "docx", None, hn, "protection_work")
    rep, _counts = _protection_report(c)
    c.add_doc(rep, c.look(), "html", None, hn, "protection_work")
    units = ["Văn phòng", "Phòng Tổ chức", "Phòng Kế hoạch", "Thanh tra", "Trung tâm CNTT"]
    rows: list[list[object]] = [
        [u, rng.randint(0, 3), rng.randint(0, 9), rng.randint(2, 60), ""] for u in units
    ]
    sheets = [
        SheetSpec(
            "Thong ke",
            [
                "THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2025",
                "(Kèm theo Báo cáo công tác bảo vệ BMNN)",
            ],
            ["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Ghi chú"],
            rows,
        )
    ]
    c.add(
        "thong ke 2025", "xlsx", workbook_xlsx(sheets, c.look(), rng), None, hn, "protection_work"
    )
    insp = _inspection(c)
    c.add_doc(insp, c.look(), "pdf", None, hn, "protection_work")
    cat = _catalogue_decision(c)
    c.add_doc(cat, c.look(), "docx", None, hn, "protection_work")
    cat = _catalogue_decision(c)
    c.add_doc(cat, c.look(), "scan", None, hn, "protection_work")
    body = (
        "Kính gửi các đồng chí,\n\nCông an tỉnh tổ chức Hội nghị tập huấn công tác bảo vệ bí mật "
        f"nhà nước vào ngày {c.short_date()} tại Hội trường Công an tỉnh. Nội dung: quy trình xác "
        "định độ mật, cách đóng dấu “TUYỆT MẬT”, “TỐI MẬT”, “MẬT”, dấu chữ A, B, C trên bì và "
        "vào sổ đăng ký.\nĐề nghị mỗi đơn vị cử 01 cán bộ văn thư tham dự.\n\nTrân trọng."
    )
    c.add(
        "giay moi tap huan",
        "eml",
        email("pa03@congan.gov.vn", "vanthu@so.gov.vn", "Mời dự tập huấn bảo vệ BMNN", body),
        None,
        hn,
        "protection_work",
    )


def _add_training(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    for variant in ("samples", "samples", "text"):
        look = c.look()
        slides = [
            SlideSpec(
                "Bảo vệ bí mật nhà nước – những điều cần biết",
                [
                    "Luật số 117/2025/QH15 có hiệu lực từ 01/3/2026",
                    "Ba độ mật: Tuyệt mật, Tối mật, Mật",
                ],
            ),
            SlideSpec(
                "Dấu chỉ độ mật",
                [
                    "Đóng bằng mực đỏ tươi, phía dưới số, ký hiệu văn bản",
                    "Kích thước theo mẫu của Bộ Công an",
                ],
                Mark(("MẬT",)) if variant == "samples" else None,
                "sample",
                "Hình minh họa – mẫu dấu, không phải tài liệu mật",
            ),
            SlideSpec(
                "Ký hiệu trên bì",
                [
                    "Chữ A: độ Tuyệt mật",
                    "Chữ B: độ Tối mật",
                    "Chữ C: độ Mật",
                    "Bì trong ghi “Chỉ người có tên mới được bóc bì”",
                ],
                Mark(("TỐI MẬT",)) if variant == "samples" else None,
                "sample",
                "Ví dụ vị trí đóng dấu (minh họa)",
            ),
            SlideSpec(
                "Câu hỏi thảo luận",
                ["Khi nào tài liệu được giải mật?", "Ai có thẩm quyền cho phép sao, chụp?"],
            ),
        ]
        c.add(
            f"bai giang bmnn {variant[:1]}",
            "pptx",
            deck_pptx(slides, look, rng),
            None,
            hn,
            "training",
        )
    # the same lesson exported to PDF with drawn specimens
    pdf = FPDF(orientation="L", unit="mm", format=(143, 254))
    pdf.set_producer("Microsoft® PowerPoint® for Microsoft 365")
    pdf.add_font("s", "", str(font_file("sans", "r")))
    pdf.add_font("s", "B", str(font_file("sans", "b")))
    for title, lines, samples in (
        (
            "Các mẫu dấu trong công tác bảo vệ BMNN",
            ["Mẫu số 01: dấu chỉ độ mật", "Mẫu số 02: dấu thu hồi"],
            ("TUYỆT MẬT", "TỐI MẬT", "MẬT"),
        ),
        (
            "Lưu ý khi đóng dấu",
            ["Không đóng dấu độ mật lên văn bản không thuộc danh mục", "Đóng ngay ngắn, rõ nét"],
            (),
        ),
    ):
        pdf.add_page()
        pdf.set_font("s", "B", 24)
        pdf.cell(0, 14, title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("s", "", 16)
        for line in lines:
            pdf.cell(0, 9, "• " + line, new_x="LMARGIN", new_y="NEXT")
        for i, s in enumerate(samples):
            x = 30 + 70 * i
            pdf.set_draw_color(200, 30, 40)
            pdf.set_text_color(200, 30, 40)
            pdf.set_line_width(0.7)
            pdf.rect(x, 80, 50, 14)
            pdf.set_xy(x, 82)
            pdf.set_font("s", "B", 16)
            pdf.cell(50, 10, s, align="C")
            pdf.set_text_color(60, 60, 60)
            pdf.set_xy(x, 97)
            pdf.set_font("s", "", 10)
            pdf.cell(50, 6, "(mẫu minh họa)", align="C")
            pdf.set_text_color(0, 0, 0)
    c.add("bai giang xuat pdf", "pdf", bytes(pdf.output()), None, hn, "training")
    handout = [
        ("TÀI LIỆU HƯỚNG DẪN NGHIỆP VỤ VĂN THƯ", "cb"),
        ("Phần 3. Đóng dấu độ mật và dấu chữ trên bì", "b"),
        (
            "Tài liệu bí mật nhà nước phải được đóng dấu “TUYỆT MẬT”, “TỐI MẬT” hoặc “MẬT” bằng mực màu đỏ tươi, ở phía dưới số, ký hiệu của văn bản.",
            "",
        ),
        (
            "Bì đựng tài liệu độ Tuyệt mật ngoài bì đóng dấu chữ “A”, độ Tối mật đóng dấu chữ “B”, độ Mật đóng dấu chữ “C”.",
            "",
        ),
        (
            "Trường hợp điều chỉnh độ mật, cơ quan soạn thảo gạch bỏ dấu cũ và đóng dấu độ mật mới, ghi rõ căn cứ điều chỉnh.",
            "",
        ),
        ("Văn bản này là tài liệu tập huấn, được phép phổ biến rộng rãi.", "i"),
    ]
    c.add("tai lieu huong dan van thu", "docx", simple_docx(handout), None, hn, "training")
    quiz = [
        ("BÀI KIỂM TRA NHẬN THỨC VỀ BẢO VỆ BÍ MẬT NHÀ NƯỚC", "cb"),
        ("Họ và tên: ............................  Đơn vị: ...........................", ""),
        ("Câu 1. Bì đựng tài liệu độ Tối mật được đóng dấu chữ gì?", "b"),
        ("A. Chữ A        B. Chữ B        C. Chữ C", ""),
        ("Câu 2. Thời hạn bảo vệ bí mật nhà nước độ Mật là bao nhiêu năm?", "b"),
        ("A. 10 năm        B. 20 năm        C. 30 năm", ""),
        ("Câu 3. Dấu “TUYỆT MẬT” được đóng ở vị trí nào trên văn bản?", "b"),
        ("A. Dưới số, ký hiệu        B. Cuối trang        C. Bất kỳ vị trí nào", ""),
    ]
    c.add("bai kiem tra", "docx", simple_docx(quiz), None, hn, "training")
    c.add("IMG_dap_an", "jpg", photo_jpg(c, answer_sheet(c)), None, hn, "training", "photo")
    c.add("so do vi tri dau", "pdf", scan_pdf(c, [stamp_diagram(c)]), None, hn, "training", "scan")


def answer_sheet(c: Corpus) -> Image.Image:
    """A filled answer sheet: letters A/B/C/D per question, some ringed in red pen."""
    rng = c.rng
    page = Page(120, c.look())
    page.text(105, 15, "PHIẾU TRẢ LỜI TRẮC NGHIỆM", "b", 16, "ma")
    page.text(105, 24, "Hội thi tìm hiểu pháp luật về bảo vệ bí mật nhà nước", "i", 12, "ma")
    k = page.k
    for q in range(20):
        col, row = divmod(q, 10)
        x, y = 30 + 90 * col, 40 + 22 * row
        page.text(x, y, f"Câu {q + 1}:", "b", 12)
        pick = rng.randrange(4)
        for j, letter in enumerate("ABCD"):
            cx = x + 25 + 13 * j
            page.text(cx, y + 2, letter, "r", 12, "mm")
            if j == pick:
                page.draw.ellipse(
                    ((cx - 4) * k, (y - 2) * k, (cx + 4) * k, (y + 6) * k),
                    outline=(200, 30, 40),
                    width=3,
                )
    return page.img


def stamp_diagram(c: Corpus) -> Image.Image:
    """The stamp-position diagram of the forms: boxes naming where each stamp goes."""
    page = Page(150, c.look())
    k = page.k
    page.text(105, 15, "SƠ ĐỒ VỊ TRÍ ĐÓNG CÁC LOẠI DẤU", "b", 15, "ma")
    page.text(105, 23, "(Dùng trong tập huấn; không phải văn bản)", "i", 12, "ma")
    boxes = (
        (30, 40, 95, 60, "Tên cơ quan – Số, ký hiệu"),
        (115, 40, 190, 60, "Quốc hiệu, tiêu ngữ"),
        (40, 66, 85, 78, "Vị trí dấu độ mật"),
        (130, 66, 185, 78, "Vị trí dấu thu hồi"),
        (50, 90, 160, 200, "Nội dung văn bản"),
        (120, 210, 185, 240, "Chữ ký, dấu cơ quan"),
    )
    for x1, y1, x2, y2, label in boxes:
        page.draw.rectangle((x1 * k, y1 * k, x2 * k, y2 * k), outline=(40, 40, 40), width=2)
        page.text((x1 + x2) / 2, (y1 + y2) / 2, label, "r", 11, "mm")
    return page.img


def _add_blank_forms(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    form = [
        ("Mẫu số 01", "i"),
        ("TÊN CƠ QUAN, TỔ CHỨC", "b"),
        ("Số: ....../VBXĐ", ""),
        ("VĂN BẢN XÁC ĐỊNH ĐỘ MẬT ĐỐI VỚI VẬT, ĐỊA ĐIỂM, LỜI NÓI, HOẠT ĐỘNG", "cb"),
        (
            "Tên vật, địa điểm, lời nói, hoạt động: ..........................................................",
            "",
        ),
        ("Độ mật: .......................................", ""),
        ("Căn cứ xác định (điểm, khoản của danh mục): ..................................", ""),
        (
            "Thời hạn bảo vệ: ..........................   Phạm vi lưu hành: ...........................",
            "",
        ),
        ("NGƯỜI ĐỀ XUẤT                                        THỦ TRƯỞNG CƠ QUAN", "b"),
    ]
    c.add("mau van ban xac dinh", "docx", simple_docx(form), None, hn, "blank_form")
    c.add("mau van ban xac dinh", "odt", simple_odt([t for t, _ in form]), None, hn, "blank_form")
    c.add("mau van ban xac dinh", "rtf", simple_rtf([t for t, _ in form]), None, hn, "blank_form")
    for title in ("SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐI", "SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN"):
        header = [
            "Số TT",
            "Ngày, tháng",
            "Số, ký hiệu",
            "Trích yếu nội dung",
            "Độ mật",
            "Nơi nhận",
            "Ký nhận",
            "Ghi chú",
        ]
        sheets = [
            SheetSpec(
                "So",
                [title, "Năm: 2026"],
                header,
                [["", "", "", "", "", "", "", ""] for _ in range(12)],
            )
        ]
        c.add(
            plain_name(title)[:20],
            "xlsx",
            workbook_xlsx(sheets, c.look(), rng),
            None,
            hn,
            "blank_form",
        )
    page = Page(150, c.look())
    page.text(105, 20, "PHIẾU ĐỀ XUẤT ĐỘ MẬT CỦA VĂN BẢN", "b", 15, "ma")
    y = 40
    for line in (
        "Tên văn bản dự thảo: ............................................................",
        "Đơn vị soạn thảo: ...............................................................",
        "Đề xuất độ mật:     □ Tuyệt mật        □ Tối mật        □ Mật",
        "Căn cứ danh mục: ..................................................................",
        "Số lượng bản phát hành: ......   Nơi nhận: .........................................",
        "Ý kiến của lãnh đạo phê duyệt: ..................................................",
    ):
        page.text(25, y, line, "r", 13)
        y += 12
    c.add(
        "phieu de xuat", "pdf", scan_pdf(c, [page.img], grey=True), None, hn, "blank_form", "scan"
    )
    pdf_form = public_doc(
        c,
        "MẪU",
        "M",
        "Phiếu đề nghị cung cấp, chuyển giao bí mật nhà nước",
        [
            "Họ và tên người đề nghị: ..........................  Chức vụ: ......................",
            "Tài liệu đề nghị cung cấp (số, ký hiệu, trích yếu, độ mật): ...............................",
            "Mục đích sử dụng: ................................................................",
            "Cam kết bảo vệ bí mật nhà nước theo quy định của pháp luật.",
        ],
    )
    c.add(
        "phieu de nghi cung cap",
        "pdf",
        letter_pdf(pdf_form, c.look(), rng, producer="LibreOffice 7.6"),
        None,
        hn,
        "blank_form",
    )


OTHER_SENSE = {
    "mat_khau": [
        "Nhằm bảo đảm an toàn thông tin, từ ngày {d} toàn bộ tài khoản thư điện tử công vụ phải đổi mật khẩu.",
        "Mật khẩu mới dài tối thiểu 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt; không dùng lại 5 mật khẩu gần nhất.",
        "Tuyệt đối không chia sẻ mật khẩu cho người khác, kể cả cán bộ kỹ thuật.",
    ],
    "mat_do": [
        "Mật độ dân số bình quân toàn tỉnh năm 2025 đạt {n} người/km², tăng nhẹ so với năm trước.",
        "Xã có mật độ dân số cao nhất là xã {x}; thấp nhất là các xã vùng cao biên giới.",
    ],
    "gieo_sa": [
        "Khuyến cáo mật độ gieo sạ lúa vụ Hè Thu từ 80 đến 100 kg giống/ha, không gieo quá dày.",
        "Gieo sạ với mật độ hợp lý giúp hạn chế sâu bệnh, giảm chi phí phân bón.",
        "Các hợp tác xã hướng dẫn nông dân sử dụng máy gieo hàng để bảo đảm mật độ đồng đều.",
    ],
    "mat_ong": [
        "Hợp tác xã nuôi ong {x} cung cấp mật ong hoa cà phê nguyên chất, sản lượng năm nay khoảng {n} tấn.",
        "Sản phẩm mật ong được chứng nhận OCOP 4 sao, đóng chai 500 ml và 1 lít.",
        "Giá bán buôn mật ong: 180.000 đồng/lít; giao hàng trong 3 ngày làm việc.",
    ],
    "mat_mia": [
        "Nhà máy đường thông báo giá thu mua mía vụ 2026–2027 và giá bán mật rỉ cho các cơ sở chế biến thức ăn chăn nuôi.",
        "Lượng mật rỉ tồn kho hiện còn {n} tấn, ưu tiên bán cho khách hàng có hợp đồng dài hạn.",
    ],
    "tui_mat": [
        "Sỏi túi mật là bệnh lý tiêu hóa thường gặp ở người trên 40 tuổi, đặc biệt là phụ nữ.",
        "Người bệnh thường đau âm ỉ vùng hạ sườn phải sau bữa ăn nhiều dầu mỡ.",
        "Phẫu thuật nội soi cắt túi mật là phương pháp điều trị phổ biến, thời gian nằm viện ngắn.",
    ],
    "mat_thiet": [
        "Mối quan hệ mật thiết giữa Đảng với nhân dân là cội nguồn sức mạnh của cách mạng Việt Nam.",
        "Cán bộ phải gần dân, trọng dân, giữ mối liên hệ mật thiết với cơ sở.",
        "Đề nghị các chi bộ tiếp tục đổi mới nội dung sinh hoạt, gắn với tình hình thực tế địa phương.",
    ],
    "mat_ma": [
        "Ban Cơ yếu Chính phủ tổ chức hội thảo giới thiệu sản phẩm mật mã dân sự và chữ ký số chuyên dùng.",
        "Doanh nghiệp kinh doanh sản phẩm mật mã dân sự phải có giấy phép theo Luật An toàn thông tin mạng.",
        "Hội thảo mở cửa tự do cho các doanh nghiệp, trường đại học quan tâm.",
    ],
    "mat_phuc": [
        "Sau nhiều ngày mật phục, tổ công tác Công an xã {x} đã bắt quả tang nhóm 7 người đang đánh bạc ăn tiền.",
        "Tang vật thu giữ gồm {n} triệu đồng, bộ bài tú lơ khơ và 4 điện thoại di động.",
        "Vụ việc đang được củng cố hồ sơ để xử lý theo quy định.",
    ],
    "mat_thu": [
        "Trò chơi mật thư là hoạt động truyền thống của trại hè thanh thiếu nhi.",
        "Mỗi đội nhận một mật thư mã hóa theo kiểu Morse hoặc ô vuông, giải mã để tìm trạm tiếp theo.",
        "Đội giải mật thư nhanh nhất và đúng nhất được cộng 20 điểm thưởng.",
    ],
    "mat_ngot": [
        "“Mật ngọt chết ruồi” – những lời chào mời đầu tư lợi nhuận cao qua mạng thực chất là bẫy lừa đảo.",
        "Người dân cần cảnh giác, không chuyển tiền cho người lạ, không cung cấp mã OTP và mật khẩu ngân hàng.",
    ],
    "mat_lenh": [
        "Đêm 30 rạng sáng 31, mật lệnh tổng tiến công được truyền đến các đơn vị bằng điện đài và giao liên.",
        "Bảo tàng tỉnh trưng bày bản sao bức điện và hiện vật của các chiến sĩ giao liên năm xưa.",
    ],
}


def other_sense_text(c: Corpus, key: str) -> list[str]:
    rng = c.rng
    return [
        s.format(d=c.short_date(), n=rng.randint(60, 900), x=rng.choice(COMMUNES))
        for s in OTHER_SENSE[key]
    ]


def honey_label(c: Corpus) -> Image.Image:
    """A honey jar label: a red framed "MẬT ONG" with the product's details."""
    page = Page(150, c.look())
    k = page.k
    rng = c.rng
    page.img = Image.new("RGB", (round(120 * k), round(80 * k)), (250, 236, 180))
    page.draw = ImageDraw.Draw(page.img)
    red = (190, 30, 30)
    page.draw.rounded_rectangle((4 * k, 4 * k, 116 * k, 76 * k), radius=18, outline=red, width=6)
    big = pil_font("serif", "b", round(16 * 150 / 72))
    page.draw.text((60 * k, 22 * k), "MẬT ONG", font=big, fill=red, anchor="mm")
    page.text(
        60,
        34,
        rng.choice(("HOA CÀ PHÊ", "HOA NHÃN", "RỪNG U MINH", "BẠC HÀ HÀ GIANG")),
        "b",
        12,
        "mm",
    )
    page.text(60, 46, f"Khối lượng tịnh: {rng.choice((350, 500, 1000))} g", "r", 10, "mm")
    page.text(
        60, 54, f"HSD: {rng.randint(1, 12):02d}/2027 – HTX {rng.choice(COMMUNES)}", "r", 10, "mm"
    )
    page.text(60, 64, "Sản phẩm OCOP 4 sao", "b", 10, "mm")
    return page.img


def wifi_poster(c: Corpus) -> Image.Image:
    page = Page(110, c.look())
    k = page.k
    page.img = Image.new("RGB", (round(148 * k), round(105 * k)), (255, 255, 255))
    page.draw = ImageDraw.Draw(page.img)
    page.draw.rectangle((5 * k, 5 * k, 143 * k, 100 * k), outline=(200, 30, 30), width=5)
    page.text(74, 20, "WI-FI DÀNH CHO KHÁCH", "b", 18, "mm")
    page.text(74, 42, f"Tên mạng: UBND-KHACH-{c.rng.randint(1, 9)}", "r", 15, "mm")
    page.text(74, 58, f"Mật khẩu: tiepdan@{c.rng.randint(2020, 2026)}", "b", 15, "mm")
    page.text(74, 80, "Không dùng mạng này để gửi văn bản nội bộ", "i", 11, "mm")
    return page.img


def _add_other_senses(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    fam = "other_sense"
    t = other_sense_text(c, "mat_khau")
    c.add(
        "thong bao doi tai khoan",
        "eml",
        email(
            "cntt@tinh.gov.vn",
            "toanthe@tinh.gov.vn",
            "Thông báo đổi mật khẩu thư công vụ",
            "\n\n".join(t),
        ),
        None,
        hn,
        fam,
    )
    c.add("wifi khach", "png", png(wifi_poster(c)), None, hn, fam)
    c.add(
        "huong dan tai khoan",
        "txt",
        ("HƯỚNG DẪN ĐẶT MẬT KHẨU AN TOÀN\n\n" + "\n".join(t)).encode(),
        None,
        hn,
        fam,
    )
    rows: list[list[object]] = []
    for x in rng.sample(COMMUNES, 8):
        area = rng.randint(20, 300)
        pop = rng.randint(4000, 60000)
        rows.append([f"Xã {x}", area, pop, round(pop / area, 1), ""])
    sheets = [
        SheetSpec(
            "Mat do",
            ["MẬT ĐỘ DÂN SỐ CÁC XÃ NĂM 2025"],
            ["Đơn vị", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)", "Ghi chú"],
            rows,
        )
    ]
    c.add("dan so 2025", "xlsx", workbook_xlsx(sheets, c.look(), rng), None, hn, fam)
    csv = "Xã,Diện tích,Dân số,Mật độ dân số\n" + "\n".join(
        f"{r[0]},{r[1]},{r[2]},{r[3]}" for r in rows
    )
    c.add("dan so 2025", "csv", csv.encode("utf-8-sig"), None, hn, fam)
    d = public_doc(
        c,
        "HƯỚNG DẪN",
        "HD",
        "Lịch thời vụ và mật độ gieo sạ lúa vụ Hè Thu 2026",
        other_sense_text(c, "gieo_sa"),
    )
    c.add_doc(d, c.look(), "pdf", None, hn, fam)
    c.add("IMG_nhan_san_pham", "jpg", photo_jpg(c, honey_label(c)), None, hn, fam, "photo")
    honey = [("HỢP ĐỒNG MUA BÁN MẬT ONG", "cb"), *((s, "") for s in other_sense_text(c, "mat_ong"))]
    c.add(
        "hop dong mua ban",
        "docx",
        simple_docx(honey, framed=("MẬT ONG NGUYÊN CHẤT",)),
        None,
        hn,
        fam,
    )
    shop = "".join(f"<p>{s}</p>" for s in other_sense_text(c, "mat_ong"))
    c.add(
        "cua hang",
        "html",
        f"<html><head><meta charset='utf-8'><title>Mật ong rừng</title></head><body><h1 style='color:#c00;border:3px solid #c00'>MẬT ONG RỪNG</h1>{shop}</body></html>".encode(),
        None,
        hn,
        fam,
    )
    d = public_doc(
        c,
        "THÔNG BÁO",
        "TB",
        "Giá thu mua mía và giá bán mật rỉ vụ 2026–2027",
        other_sense_text(c, "mat_mia"),
    )
    c.add_doc(d, c.look(), "docx", None, hn, fam)
    art = "".join(f"<p>{s}</p>" for s in other_sense_text(c, "tui_mat"))
    c.add(
        "suc khoe",
        "html",
        f"<html><head><meta charset='utf-8'></head><body><h2>Sỏi túi mật: dấu hiệu và cách phòng ngừa</h2>{art}</body></html>".encode(),
        None,
        hn,
        fam,
    )
    d = public_doc(
        c,
        "BÀI PHÁT BIỂU",
        "BPB",
        "Tại hội nghị sơ kết công tác dân vận",
        other_sense_text(c, "mat_thiet"),
    )
    c.add_doc(d, c.look(), "docx", None, hn, fam)
    d = public_doc(
        c,
        "THÔNG BÁO",
        "TB",
        "Hội thảo giới thiệu sản phẩm mật mã dân sự",
        other_sense_text(c, "mat_ma"),
    )
    c.add_doc(d, c.look(), "pdf", None, hn, fam)
    art = "".join(f"<p>{s}</p>" for s in other_sense_text(c, "mat_phuc"))
    c.add(
        "tin an ninh",
        "html",
        f"<html><head><meta charset='utf-8'></head><body><h2>Mật phục bắt quả tang ổ nhóm đánh bạc</h2>{art}</body></html>".encode(),
        None,
        hn,
        fam,
    )
    slides = [
        SlideSpec("TRÒ CHƠI MẬT THƯ", other_sense_text(c, "mat_thu")),
        SlideSpec("Luật chơi", ["Mỗi đội 8 người", "Thời gian 45 phút"]),
    ]
    c.add("trai he", "pptx", deck_pptx(slides, c.look(), rng), None, hn, fam)
    c.add(
        "canh bao lua dao",
        "txt",
        "\n".join(other_sense_text(c, "mat_ngot")).encode(),
        None,
        hn,
        fam,
    )
    c.add(
        "bai viet lich su",
        "odt",
        simple_odt(["MẬT LỆNH TỔNG TIẾN CÔNG", *other_sense_text(c, "mat_lenh")]),
        None,
        hn,
        fam,
    )


def _add_business(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    fam = "business_secret"
    company = rng.choice(
        ("CÔNG TY CỔ PHẦN THÉP PHÚ AN", "CÔNG TY TNHH PHẦN MỀM SAO MAI", "TỔNG CÔNG TY MAY NAM HÀ")
    )
    nda = [
        (company, "b"),
        ("THỎA THUẬN BẢO MẬT THÔNG TIN", "cb"),
        (
            "Bên nhận cam kết giữ bí mật kinh doanh của Bên giao, bao gồm công thức, giá vốn, danh sách khách hàng và chiến lược tiếp thị.",
            "",
        ),
        ("Nghĩa vụ bảo mật có hiệu lực trong 3 năm kể từ ngày chấm dứt hợp đồng lao động.", ""),
        (
            "Vi phạm nghĩa vụ bảo mật, Bên nhận bồi thường toàn bộ thiệt hại theo quy định của Bộ luật Dân sự.",
            "",
        ),
    ]
    c.add(
        "thoa thuan nda",
        "docx",
        simple_docx(nda, framed=("BẢO MẬT",), header="Tài liệu nội bộ công ty"),
        None,
        hn,
        fam,
    )
    reg = Doc(
        Agency("", company, "CT", "Hà Nội", ("TỔNG GIÁM ĐỐC",)),
        f"{rng.randint(1, 90)}/2026/QC-CT",
        f"Hà Nội, ngày {rng.randint(1, 28):02d} tháng {rng.randint(3, 12)} năm 2026",
        "QUY CHẾ",
        "Bảo vệ bí mật kinh doanh và thông tin khách hàng",
        [
            "Thông tin bí mật kinh doanh được phân thành hai cấp: “Nội bộ” và “Hạn chế”.",
            "Nhân viên không được sao chép dữ liệu khách hàng ra thiết bị cá nhân.",
            "Phòng Pháp chế chịu trách nhiệm hướng dẫn, kiểm tra việc thực hiện quy chế này.",
        ],
        ["Ban Tổng Giám đốc", "Các phòng, ban"],
        rng.choice(NAMES),
        marks=[Mark(("TÀI LIỆU NỘI BỘ",), "top_right")],
    )
    c.add(
        "quy che cong ty",
        "pdf",
        scan_pdf(c, render_pages(reg, c.look(), rng)),
        None,
        hn,
        fam,
        "scan",
    )
    body = "CONFIDENTIAL – Bí mật kinh doanh\n\nAnh chị xem bảng giá dự thầu kèm theo, không chuyển tiếp ra ngoài công ty.\nGiá chào thấp hơn đối thủ khoảng 4%.\n"
    c.add(
        "gia du thau",
        "eml",
        email(
            "kinhdoanh@saomai.vn", "giamdoc@saomai.vn", "[Bảo mật] Giá dự thầu gói thầu số 3", body
        ),
        None,
        hn,
        fam,
    )
    rows: list[list[object]] = [
        [f"Sản phẩm {i}", rng.randint(100, 900) * 1000, rng.randint(5, 30), "", ""]
        for i in range(1, 9)
    ]
    sheets = [
        SheetSpec(
            "Gia",
            ["BẢNG GIÁ NỘI BỘ – THÔNG TIN BẢO MẬT, KHÔNG CHIA SẺ"],
            ["Mặt hàng", "Giá vốn", "Chiết khấu (%)", "", ""],
            rows,
        )
    ]
    c.add("bang gia", "xlsx", workbook_xlsx(sheets, c.look(), rng), None, hn, fam)
    art = (
        "<p>Luật Bảo vệ dữ liệu cá nhân quy định bí mật đời tư, bí mật cá nhân được pháp luật bảo vệ.</p>"
        "<p>Tổ chức thu thập dữ liệu phải có sự đồng ý của chủ thể dữ liệu.</p>"
    )
    c.add(
        "tin phap luat",
        "html",
        f"<html><head><meta charset='utf-8'></head><body><h2>Bảo vệ bí mật đời tư trên không gian mạng</h2>{art}</body></html>".encode(),
        None,
        hn,
        fam,
    )


def _add_public_mentions(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    fam = "public_mention"
    d = _recall_notice(c)
    c.add_doc(d, c.look(), "docx", None, hn, fam)
    d = _recall_notice(c)
    c.add_doc(d, c.look(), "scan", None, hn, fam)
    d = _declass_decision(c)
    c.add_doc(d, c.look(), "pdf", None, hn, fam)
    day, who, years = c.short_date(), rng.choice(NAMES), rng.randint(2, 6)
    court = (
        f"<p>Ngày {day}, Tòa án nhân dân tỉnh xét xử sơ thẩm bị cáo {who}, nguyên chuyên viên "
        "một sở, về tội cố ý làm lộ bí mật nhà nước.</p><p>Theo cáo trạng, bị cáo đã chụp ảnh 03 "
        "tài liệu độ Tối mật và 05 tài liệu độ Mật rồi gửi qua ứng dụng nhắn tin cho người khác."
        f"</p><p>Hội đồng xét xử tuyên phạt bị cáo {years} năm tù.</p>"
    )
    c.add(
        "tin toa an",
        "html",
        f"<html><head><meta charset='utf-8'></head><body><h1>Lĩnh án vì làm lộ tài liệu mật</h1>{court}</body></html>".encode(),
        None,
        hn,
        fam,
    )
    text = court.replace("<p>", "").replace("</p>", "\n")
    c.add(
        "ban tin phap luat",
        "eml",
        email("bantin@baophapluat.vn", "docgia@gmail.com", "Bản tin pháp luật tuần này", text),
        None,
        hn,
        fam,
    )
    film = (
        "<p>Bộ phim tài liệu “Những trang hồ sơ tuyệt mật” tái hiện cuộc đời các chiến sĩ tình báo "
        "hoạt động trong lòng địch.</p><p>Phim sẽ phát sóng vào 20 giờ tối thứ Bảy trên kênh truyền "
        "hình của tỉnh.</p>"
    )
    c.add(
        "van hoa",
        "html",
        f"<html><head><meta charset='utf-8'></head><body><h2>Ra mắt phim tài liệu về tình báo</h2>{film}</body></html>".encode(),
        None,
        hn,
        fam,
    )
    press = (
        "THÔNG CÁO BÁO CHÍ\nHội nghị tổng kết công tác bảo vệ bí mật nhà nước năm 2025\n\n"
        "Năm qua, toàn tỉnh không để xảy ra lộ, lọt tài liệu có độ Tối mật, Tuyệt mật. Một số vụ "
        "vi phạm đăng tải văn bản độ Mật lên trang thông tin điện tử đã được phát hiện và xử lý.\n"
    )
    c.add("thong cao bao chi", "txt", press.encode(), None, hn, fam)
    guide = [
        "HỎI – ĐÁP PHÁP LUẬT",
        "Hỏi: Công dân phát hiện tài liệu có đóng dấu “MẬT” bị bỏ ngoài đường thì phải làm gì?",
        "Đáp: Công dân có trách nhiệm giao nộp ngay cho cơ quan công an hoặc Ủy ban nhân dân nơi gần nhất.",
    ]
    c.add("hoi dap phap luat", "odt", simple_odt(guide), None, hn, fam)
    art = [
        "Điều 19. Thời hạn bảo vệ bí mật nhà nước",
        "1. Thời hạn bảo vệ bí mật nhà nước là khoảng thời gian được tính từ ngày xác định độ mật: 30 năm đối với bí mật nhà nước độ Tuyệt mật; 20 năm đối với độ Tối mật; 10 năm đối với độ Mật.",
    ]
    c.add("trich luat", "rtf", simple_rtf(art), None, hn, fam)


def _add_other_red(c: Corpus) -> None:
    rng = c.rng
    hn = "hard_negative"
    fam = "other_red_stamp"
    for words, fmt in (
        (("HỎA TỐC",), "scan"),
        (("THƯỢNG KHẨN",), "photo"),
        (("KHẨN",), "pdf"),
        (("DỰ THẢO",), "docx"),
        (("BẢN SAO",), "scan"),
        (("ĐẾN", f"Số: {rng.randint(100, 2000)}", f"Ngày: {c.short_date()}"), "scan"),
        (("LƯU HÀNH NỘI BỘ",), "pdf"),
        (("ĐÃ THU TIỀN",), "png"),
        (("TÀI LIỆU HỘI NGHỊ",), "docx"),
    ):
        where = "top_center" if words[0] == "ĐẾN" else rng.choice(("under_number", "top_right"))
        d = c.doc(secret=False, marks=[Mark(words, where)])
        look = c.look()
        if fmt != "png":
            c.add_doc(d, look, fmt, None, hn, fam)
        else:
            page = render_pages(d, look, rng, dpi=120)[0]
            c.add(
                f"trang {hint_of(d)}",
                "png",
                png(page.convert("P", palette=Image.Palette.ADAPTIVE, colors=64)),
                None,
                hn,
                fam,
            )
    c.add(
        "IMG_bi_thu",
        "jpg",
        photo_jpg(c, envelope_image(c, None, postal=True)),
        None,
        hn,
        fam,
        "photo",
    )


# ---------------------------------------------------------------------------------------------
# ordinary negatives


def _add_ordinary(c: Corpus) -> None:
    rng = c.rng
    neg = "negative"
    fam = "ordinary"
    for fmt in (
        "docx",
        "docx",
        "docx",
        "docx",
        "pdf",
        "pdf",
        "pdf",
        "scan",
        "scan",
        "scan",
        "photo",
        "photo",
        "xlsx",
        "xlsx",
        "pptx",
        "pptx",
        "html",
        "html",
        "eml",
        "eml",
        "txt",
        "csv",
        "odt",
        "doc",
        "zip",
    ):
        d = c.doc(secret=False, annex=False)
        look = c.look()
        h = hint_of(d)
        if fmt == "docx":
            c.add(
                h,
                "docx",
                letter_docx(d, look, rng, mode=rng.choice(("cell", "header"))),
                None,
                neg,
                fam,
            )
        elif fmt in ("pdf", "photo", "odt"):
            c.add_doc(d, look, fmt, None, neg, fam)
        elif fmt == "scan":
            c.add(
                f"scan {h}",
                "pdf",
                scan_pdf(c, render_pages(d, look, rng), grey=rng.random() < 0.5),
                None,
                neg,
                fam,
                "scan",
            )
        elif fmt == "xlsx":
            header, rows = _sheet_rows(c, False)
            c.add(
                f"bang {h}",
                "xlsx",
                workbook_xlsx([SheetSpec("Sheet1", [d.title], header, rows)], look, rng),
                None,
                neg,
                fam,
            )
        elif fmt == "pptx":
            slides = [
                SlideSpec(d.title[:70], d.body[:2]),
                SlideSpec("Tổ chức thực hiện", d.body[2:] or ["Các đơn vị triển khai"]),
            ]
            c.add(f"trinh chieu {h}", "pptx", deck_pptx(slides, look, rng), None, neg, fam)
        elif fmt == "html":
            c.add(f"trang {h}", "html", letter_html(d, look, rng).encode(), None, neg, fam)
        elif fmt == "eml":
            att = (
                ((f"{plain_name(d.number)}.docx", letter_docx(d, look, rng)),)
                if rng.random() < 0.5
                else ()
            )
            c.add(
                f"thu {h}",
                "eml",
                email(
                    "vanthu@tinh.gov.vn",
                    "cacso@tinh.gov.vn",
                    d.title[:60],
                    letter_text(d),
                    attachments=att,
                ),
                None,
                neg,
                fam,
            )
        elif fmt == "txt":
            c.add(f"van ban {h}", "txt", letter_text(d).encode(), None, neg, fam)
        elif fmt == "csv":
            header, rows = _sheet_rows(c, False)
            lines = [d.title, ",".join(header)] + [",".join(str(v) for v in r) for r in rows]
            c.add(f"xuat {h}", "csv", "\n".join(lines).encode("utf-8-sig"), None, neg, fam)
        elif fmt == "doc":
            c.later_doc(h, letter_docx(d, look, rng), None, neg, fam)
        else:
            other = c.doc(secret=False)
            members = [
                (f"{plain_name(d.number)}.docx", letter_docx(d, look, rng)),
                (
                    f"{plain_name(other.number)}.pdf",
                    letter_pdf(other, look, rng, producer="LibreOffice 7.6"),
                ),
            ]
            c.add(f"ho so {h}", "zip", write_zip(members), None, neg, fam)


# ---------------------------------------------------------------------------------------------


def build(seed: int = SEED) -> list[Item]:
    """The whole held-out corpus 5 in memory."""
    c = Corpus(seed)
    _add_word(c)
    _add_odt_rtf(c)
    _add_text_pdfs(c)
    _add_scans_photos(c)
    _add_envelopes(c)
    _add_sheets_slides(c)
    _add_web_mail_text(c)
    _add_archives(c)
    _add_changed(c)
    _add_declassified(c)
    _add_protection_work(c)
    _add_training(c)
    _add_blank_forms(c)
    _add_other_senses(c)
    _add_business(c)
    _add_public_mentions(c)
    _add_other_red(c)
    _add_ordinary(c)
    c.convert()
    for note in c.notes:
        print("held-out corpus 5:", note, file=sys.stderr)
    return renumbered(sorted(c.items, key=lambda item: item.name), c.rng)


def write(out: Path, seed: int = SEED) -> None:
    write_files(out, build(seed))


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("heldout5"))
