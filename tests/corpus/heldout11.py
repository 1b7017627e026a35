"""Held-out corpus 11 for the leak scanner: about 220 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only tests/corpus/common.py, the bench harness and heldout10's
docstring and imports); nothing may be tuned against it. `build(SEED)` returns the files;
`python -m tests.corpus.heldout11 OUT` writes them and `labels.jsonl`. Renderers:
tests/corpus/heldout11_render.py.

The documents come from a fictional province, Lam Kiều (communes Phú Nham, Khuổi Lếch, Tà Xùa
Hạ, Bình Lãng, Nà Phặc, Đồng Chiêm; wards Tân Kiều and Bến Lở): the guard plan of a satellite
receiving station, a rare-earth survey, moving a fuel reserve depot into a cave, the route of a
border patrol road, the schedule for handing out cipher keys, a ring smuggling people across the
border, the province's command bunker, a negotiating brief on a river sandbank, a party
inspection's conclusions and a defence-zone exercise. Secret files carry a level stamp (red,
dark red or photocopied black; serif, sans, narrow, condensed or monospaced; single, double,
rounded, dashed or no frame; tilted, worn, faint) under the number, at the top right, top
centre or top left, over the text or the signature, in the page footer or header, or on an
annex after a public covering letter; envelopes carry a circled A/B/C, stamped or printed, on
kraft or white paper. Formats: Word (framed paragraph, picture, header or footer, second
section), Word 97 (LibreOffice from such files), PDFs with a text layer (framed, spaced, turned,
picture, annex page, footer), scans (skew, 90/180/270, grey, bilevel, photocopy, faint, low
dpi, JPEG, multipage PDF and TIFF), phone photos (perspective, light falling off, a shadow),
workbooks (framed cells on the first or a later sheet, print header or footer), slides (first
or later slide, text box or picture), web pages (box, spaced letters, a word cut across spans,
character references, picture, under the number, annex), plain text (UTF-8 boxed, bracketed or
spaced, NFD, UTF-16), mail (body, HTML body, attached Word, PDF or photo, forwarded) and ZIP
archives (nested too). A changed level (the old level struck out and the new one stamped, or
an "ĐIỀU CHỈNH ĐỘ MẬT" stamp naming it) is secret at the new level; a declassified file (a
"GIẢI MẬT" stamp with its date and signer, the old level struck or intact) is not secret.
Hard negatives: the protection work's plans, rules showing specimen stamps, training slides,
counts by level, forms with an empty level field, leak news, other senses of "mật" (honey,
passwords, density, trade secrets, friendly meetings, bear bile, molasses, gall bladder), other
red stamps (KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO, SAO Y BẢN CHÍNH, ĐÃ KÝ, LƯU HÀNH NỘI BỘ, DỰ THẢO,
the incoming-mail "ĐẾN" stamp) and envelopes with circled figures, other circled letters or a
round seal.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from random import Random

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
from tests.corpus.heldout11_render import (
    DARK_RED,
    INK,
    KRAFT,
    RED,
    STAMP_FACES,
    WHITE_PAPER,
    WORD_FACES,
    Block,
    Doc,
    Placed,
    block_html,
    block_text,
    degrade,
    envelope_image,
    html_page,
    mail,
    photographed,
    plain_text,
    render_pages,
    scan_bytes,
    slides,
    text_pdf,
    word_doc,
    workbook,
)
from tests.corpus.scanner_corpus import Item

SEED = 1112131
ZIP_DATE = (2027, 6, 14, 9, 30, 0)
COMMUNES = ("Phú Nham", "Khuổi Lếch", "Tà Xùa Hạ", "Bình Lãng", "Nà Phặc", "Đồng Chiêm")
WARDS = ("Tân Kiều", "Bến Lở")
PEOPLE = (
    "Hà Văn Thạch",
    "Lục Thị Nguyệt",
    "Sầm Quốc Bảo",
    "Vi Đức Trung",
    "Ma Thị Hoan",
    "Nông Khắc Liêm",
    "Lường Văn Páo",
    "Đinh Thị Xuyến",
)
SEAL_NAMES = (
    "UBND TỈNH LAM KIỀU",
    "CÔNG AN TỈNH LAM KIỀU",
    "SỞ NỘI VỤ TỈNH LAM KIỀU",
    "BỘ CHQS TỈNH LAM KIỀU",
)


@dataclass
class Subject:
    key: str
    agency: tuple[str, str]
    code: str
    title: tuple[str, str]
    sentences: tuple[str, ...]
    annex_title: str = ""
    annex_row: str = ""


SECRET_SUBJECTS = (
    Subject(
        "k52",
        ("BỘ CHQS TỈNH LAM KIỀU", "PHÒNG THAM MƯU"),
        "PA-BCH",
        ("PHƯƠNG ÁN", "Bảo vệ trạm thu tín hiệu vệ tinh K52 tại xã {c}"),
        (
            "Trạm K52 đặt tại điểm cao {n} thuộc xã {c}, cách tỉnh lộ {k} km về phía tây bắc, gồm hai chảo thu đường kính 7,3 m và một nhà máy phát điện dự phòng.",
            "Lực lượng canh gác gồm {k}{k} chiến sĩ chia thành ba ca; khẩu lệnh thay đổi hằng ngày do trực ban tác chiến của Bộ Chỉ huy cấp.",
            "Khi phát hiện thiết bị bay không người lái trinh sát, kíp trực báo cáo ngay về sở chỉ huy và triển khai tổ gây nhiễu cơ động.",
            "Tọa độ các chốt gác và tuyến cáp tín hiệu ngầm ghi tại phụ lục kèm theo; nghiêm cấm sao chụp dưới mọi hình thức.",
            "Phương tiện ra vào trạm phải có giấy phép do Tham mưu trưởng ký, kiểm tra tại chốt số 1 trước cổng trạm.",
        ),
        "PHỤ LỤC: VỊ TRÍ CHỐT GÁC VÀ TUYẾN CÁP NGẦM",
        "Chốt {i}: cách cổng trạm {n} m về hướng {dir}, {k} người mỗi ca, liên lạc bằng điện thoại hữu tuyến.",
    ),
    Subject(
        "dathiem",
        ("UBND TỈNH LAM KIỀU", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"),
        "BC-SNNMT",
        ("BÁO CÁO", "Kết quả thăm dò quặng đất hiếm khu vực xã {c}"),
        (
            "Đoàn địa chất đã khoan {k}{k} lỗ khoan, sâu trung bình {n} m, tại sườn đông dãy Pù Lìn thuộc xã {c}.",
            "Hàm lượng tổng ôxít đất hiếm đạt từ 1,{k}% đến 3,{k}%, trữ lượng cấp 122 dự tính khoảng {n} nghìn tấn.",
            "Đề nghị chưa công bố vị trí thân quặng khi chưa có ý kiến của Thủ tướng Chính phủ về phương án khai thác.",
            "Mẫu lõi khoan đã được niêm phong, lưu tại kho của Liên đoàn địa chất, chỉ xuất kho khi có lệnh bằng văn bản.",
        ),
        "PHỤ LỤC: TỌA ĐỘ LỖ KHOAN VÀ HÀM LƯỢNG",
        "LK-{i}: X = 24{n}{k}, Y = 5{k}{n}; hàm lượng TR2O3 trung bình {k},{n} %.",
    ),
    Subject(
        "k9",
        ("UBND TỈNH LAM KIỀU", "BAN CHỈ ĐẠO PHÒNG THỦ DÂN SỰ"),
        "KH-BCĐ",
        ("KẾ HOẠCH", "Di chuyển kho xăng dầu dự trữ K9 về xã {c}"),
        (
            "Kho K9 hiện chứa {n} m³ xăng và {k}{n} m³ dầu diesel, được chuyển theo {k} đợt bằng xe bồn của Công ty Xăng dầu khu vực.",
            "Tuyến vận chuyển đi qua phường {w}, cầu Nậm Kiều và đèo Khau Cạ; mỗi đoàn xe có xe dẫn đường của Công an tỉnh.",
            "Kho mới được đào sâu trong lòng núi đá vôi, cửa kho ngụy trang thành trạm bơm thủy lợi của hợp tác xã.",
            "Giờ xuất phát của từng đợt chỉ thông báo cho chỉ huy đoàn xe trước 12 giờ.",
        ),
        "PHỤ LỤC: LỊCH VẬN CHUYỂN VÀ LỰC LƯỢNG BẢO VỆ",
        "Đợt {i}: ngày {d}/{m}, {k} xe bồn, {n} cán bộ, chiến sĩ đi kèm, điểm tập kết tại xã {c}.",
    ),
    Subject(
        "tuantra",
        ("BỘ CHỈ HUY BỘ ĐỘI BIÊN PHÒNG", "TỈNH LAM KIỀU"),
        "TTr-BĐBP",
        ("TỜ TRÌNH", "Phê duyệt hướng tuyến đường tuần tra biên giới đoạn mốc 214 - 221"),
        (
            "Tuyến đường dài {k},{n} km, chạy dọc khe suối Lũng Pùng và đi sát các mốc 216, 218 thuộc xã {c}.",
            "Hướng tuyến tránh khu vực phía bên kia đang xây công trình quan sát, bảo đảm che khuất cho lực lượng tuần tra.",
            "Dọc tuyến bố trí {k} điểm dừng chân, có thể chuyển thành vị trí chiến đấu khi có tình huống.",
            "Bản đồ hướng tuyến tỷ lệ 1:10.000 và bảng tọa độ các điểm khống chế gửi kèm tờ trình này.",
        ),
        "PHỤ LỤC: CÁC ĐIỂM KHỐNG CHẾ HƯỚNG TUYẾN",
        "Điểm {i}: cách mốc 21{i} về phía nam {n} m, cao độ {k}{n} m, nền đá phong hóa.",
    ),
    Subject(
        "coyeu",
        ("UBND TỈNH LAM KIỀU", "PHÒNG CƠ YẾU"),
        "LPP-CY",
        ("LỊCH", "Phân phối tài liệu khóa mã quý III năm 2027"),
        (
            "Tài liệu khóa được giao trực tiếp cho cán bộ cơ yếu của các sở, ngành theo danh sách đã đăng ký, không gửi qua bưu chính.",
            "Mỗi bộ khóa gồm {k}{k} thẻ và một sổ nhật ký sử dụng, có hiệu lực đến hết ngày 30/9/2027.",
            "Cán bộ đến nhận mang theo giấy giới thiệu và thẻ ngành; việc giao nhận lập biên bản thành hai bản.",
            "Địa điểm giao nhận: phòng {n}, trụ sở Văn phòng Ủy ban nhân dân tỉnh, phường {w}.",
        ),
        "PHỤ LỤC: ĐƠN VỊ NHẬN KHÓA",
        "{i}. Đơn vị nhận số {n}: {k} bộ khóa, nhận ngày {d}/7/2027 tại phòng cơ yếu.",
    ),
    Subject(
        "vuotbien",
        ("CÔNG AN TỈNH LAM KIỀU", "PHÒNG AN NINH ĐỐI NGOẠI"),
        "BC-ANĐN",
        ("BÁO CÁO CHUYÊN ĐỀ", "Đường dây đưa người xuất cảnh trái phép qua xã {c}"),
        (
            "Qua nắm tình hình, đường dây có {k} đối tượng cầm đầu, hoạt động từ tháng {m} năm 2026, dùng đường mòn qua khe Nà Lạn.",
            "Cơ sở bí danh “{alias}” đã cung cấp danh sách {n} người chuẩn bị vượt biên vào cuối tháng.",
            "Đề nghị chưa bắt giữ để tiếp tục xác minh các mắt xích ở phía bên kia biên giới.",
            "Báo cáo chỉ gửi đồng chí Giám đốc và Trưởng phòng, không phổ biến rộng.",
        ),
        "PHỤ LỤC: ĐẶC ĐIỂM NHẬN DẠNG ĐỐI TƯỢNG",
        "Đối tượng {i}: nam, sinh năm 19{n2}, thường trú phường {w}, đi xe máy biển số 24B1-{n}{k}.",
    ),
    Subject(
        "ham",
        ("BỘ CHQS TỈNH LAM KIỀU", "BAN TÁC CHIẾN"),
        "PA-TC",
        ("PHƯƠNG ÁN", "Sử dụng hầm chỉ huy cơ bản của tỉnh tại xã {c}"),
        (
            "Hầm chỉ huy có {k} cửa; cửa chính ở phía bắc đồi Cốc Phầy, cửa thoát hiểm cách {n} m về phía suối.",
            "Khi có lệnh chuyển trạng thái, Ban Thường vụ Tỉnh ủy và Thường trực Ủy ban nhân dân tỉnh vào hầm trong thời gian không quá 6 giờ.",
            "Thông tin liên lạc gồm một đường hữu tuyến riêng và hai đài vô tuyến sóng ngắn đặt ở hai phòng cách nhau.",
            "Nước và lương thực dự trữ đủ cho {k}{n} người trong 30 ngày.",
        ),
        "PHỤ LỤC: PHÂN CÔNG VỊ TRÍ TRONG HẦM",
        "Phòng {i}: {k} người, tổ trực {dir}, có lối thông sang phòng {n}.",
    ),
    Subject(
        "baibo",
        ("UBND TỈNH LAM KIỀU", "SỞ NGOẠI VỤ"),
        "PA-SNgV",
        ("PHƯƠNG ÁN", "Đàm phán về quản lý bãi bồi sông Kiều đoạn qua xã {c}"),
        (
            "Lập trường của ta: bãi bồi hình thành sau năm 2019 nằm về phía ta tính theo đường trung tuyến của luồng chính.",
            "Mức nhân nhượng tối đa: đồng ý để cư dân hai bên cùng khai thác thủy sản theo mùa, không quá {k} tháng mỗi năm.",
            "Nếu phía bạn nêu việc nạo vét luồng, đoàn ta đề nghị tạm gác và báo cáo xin ý kiến cấp trên.",
            "Đoàn gồm {k}{k} đồng chí, do Phó Chủ tịch Ủy ban nhân dân tỉnh làm trưởng đoàn.",
        ),
        "PHỤ LỤC: CÁC PHƯƠNG ÁN DỰ PHÒNG",
        "Phương án {i}: nếu phía bạn không chấp nhận, đề xuất khảo sát chung trong {k} tháng và giữ nguyên hiện trạng.",
    ),
    Subject(
        "kiemtra",
        ("TỈNH ỦY LAM KIỀU", "ỦY BAN KIỂM TRA"),
        "KL-UBKT",
        ("KẾT LUẬN", "Kiểm tra khi có dấu hiệu vi phạm đối với Đảng ủy xã {c}"),
        (
            "Ủy ban Kiểm tra đã xác minh {k} nội dung liên quan đến việc giao đất rừng cho doanh nghiệp không đúng quy định.",
            "Việc chi trả tiền bồi thường để thất thoát khoảng {n} triệu đồng; trách nhiệm chính thuộc người đứng đầu.",
            "Đề nghị Ban Thường vụ Tỉnh ủy xem xét, thi hành kỷ luật trước khi thông báo kết quả.",
            "Hồ sơ kiểm tra không cung cấp cho cơ quan báo chí khi chưa có quyết định của cấp có thẩm quyền.",
        ),
        "PHỤ LỤC: CÁ NHÂN LIÊN QUAN",
        "{i}. Đồng chí {name}, nguyên cán bộ xã {c}, đề nghị mức kỷ luật cảnh cáo.",
    ),
    Subject(
        "dientap",
        ("BỘ CHQS TỈNH LAM KIỀU", "PHÒNG THAM MƯU"),
        "KH-DT",
        ("KẾ HOẠCH", "Diễn tập khu vực phòng thủ tỉnh năm 2027 - ý định tác chiến"),
        (
            "Giả định đối phương đổ bộ đường không xuống cánh đồng xã {c} vào ngày N+{k}.",
            "Lực lượng phản đột kích gồm một tiểu đoàn bộ binh cơ động và {k} đại đội dân quân tự vệ.",
            "Sở chỉ huy cơ bản đặt tại xã Bình Lãng, sở chỉ huy dự bị đặt tại phường {w}.",
            "Mật danh các đơn vị ghi tại phụ lục, chỉ phổ biến đến cấp trưởng ban.",
        ),
        "PHỤ LỤC: MẬT DANH ĐƠN VỊ",
        "Đơn vị {i}: mật danh “{alias}{i}”, tần số dự bị {n},{k} MHz.",
    ),
)

ALIASES = ("Sơn Ca", "Gió Bấc", "Cây Trám", "Mây Trắng", "Suối Đá", "Hoa Ban")
DIRECTIONS = ("đông", "tây", "nam", "bắc", "đông bắc", "tây nam")

# documents that talk about the protection work (hard negatives)
PLAN = Subject(
    "kehoach",
    ("UBND TỈNH LAM KIỀU", "SỞ NỘI VỤ"),
    "KH-SNV",
    ("KẾ HOẠCH", "Công tác bảo vệ bí mật nhà nước năm 2027"),
    (
        "Rà soát, thống kê tài liệu, vật chứa bí mật nhà nước độ Tuyệt mật, Tối mật và Mật đang lưu giữ tại các phòng chuyên môn.",
        "Kiểm tra việc đóng dấu chỉ độ mật, dấu thu hồi, dấu điều chỉnh độ mật và dấu giải mật theo đúng mẫu tại Thông tư số 24/2020/TT-BCA.",
        "Tập huấn cho cán bộ văn thư về quy trình xác định độ mật, điều chỉnh độ mật và giải mật tài liệu hết thời hạn bảo vệ.",
        "Trang bị thêm {k} két sắt và một máy tính không kết nối mạng để soạn thảo văn bản có nội dung bí mật.",
        "Các đơn vị báo cáo kết quả về Công an tỉnh (qua Phòng An ninh chính trị nội bộ) trước ngày 15/12/2027.",
    ),
)
RULE = Subject(
    "quyche",
    ("UBND TỈNH LAM KIỀU", "SỞ Y TẾ"),
    "QĐ-SYT",
    ("QUY CHẾ", "Bảo vệ bí mật nhà nước của Sở Y tế tỉnh Lam Kiều"),
    (
        "Điều 5. Tài liệu bí mật nhà nước phải được đóng dấu chỉ độ mật ở phía dưới số, ký hiệu của văn bản; mực dấu màu đỏ tươi.",
        "Điều 6. Dấu chỉ độ mật có ba loại tương ứng ba độ: Tuyệt mật, Tối mật và Mật; hình chữ nhật, viền đơn, chữ in hoa đứng.",
        "Điều 7. Bì đựng tài liệu mật ngoài bì đóng ký hiệu chữ A, B hoặc C in hoa trong vòng tròn tương ứng với từng độ mật.",
        "Điều 8. Khi giải mật, văn thư đóng dấu giải mật và ghi rõ ngày, tháng, năm, người có thẩm quyền quyết định.",
        "Mẫu dấu dưới đây chỉ để minh họa kích thước và cách trình bày; văn bản này không chứa bí mật nhà nước.",
    ),
)
TRAINING_SLIDES = [
    (
        "Tập huấn công tác bảo vệ bí mật nhà nước 2027",
        [
            "Sở Tư pháp tỉnh Lam Kiều",
            "Báo cáo viên: Công an tỉnh",
            "Hội trường tầng 3, phường Tân Kiều",
        ],
    ),
    (
        "Ba độ mật",
        [
            "Tuyệt mật: gây nguy hại đặc biệt nghiêm trọng",
            "Tối mật: gây nguy hại rất nghiêm trọng",
            "Mật: gây nguy hại nghiêm trọng",
        ],
    ),
    (
        "Dấu và ký hiệu",
        [
            "Dấu chỉ độ mật đóng dưới số, ký hiệu văn bản",
            "Bì thư: chữ A, B, C trong vòng tròn",
            "Dấu giải mật, dấu điều chỉnh độ mật: ghi ngày và người quyết định",
        ],
    ),
    (
        "Những lỗi thường gặp",
        [
            "Soạn thảo tài liệu mật trên máy có kết nối Internet",
            "Chụp ảnh tài liệu gửi qua mạng xã hội",
            "Không vào sổ khi giao nhận",
        ],
    ),
]
NEWS = (
    (
        "Khởi tố nguyên cán bộ văn thư làm lộ bí mật nhà nước",
        [
            "Cơ quan An ninh điều tra Công an tỉnh Lam Kiều vừa khởi tố bị can đối với bà {name}, nguyên nhân viên văn thư một sở ở phường {w}.",
            "Theo cơ quan điều tra, bị can đã chụp ảnh {k} văn bản có độ Tối mật và Mật rồi gửi qua ứng dụng nhắn tin cho người quen.",
            "Luật sư cho biết tội cố ý làm lộ bí mật nhà nước có khung hình phạt cao nhất đến 15 năm tù.",
        ],
    ),
    (
        "Phát hiện tài liệu mật bị bán ve chai",
        [
            "Tại một điểm thu mua phế liệu ở xã {c}, lực lượng chức năng thu giữ {k}{n} kg giấy, trong đó có nhiều tài liệu đóng dấu độ mật.",
            "Một cơ quan đã thanh lý tủ hồ sơ cũ mà không kiểm tra bên trong, dẫn đến sự việc.",
            "Công an tỉnh đề nghị các cơ quan rà soát quy trình tiêu hủy tài liệu bí mật nhà nước.",
        ],
    ),
    (
        "Cảnh báo email giả mạo đánh cắp tài liệu mật",
        [
            "Nhiều cán bộ ở tỉnh Lam Kiều nhận được thư điện tử giả danh Văn phòng Chính phủ, đính kèm tệp mang tên “Tài liệu MẬT - hướng dẫn mới”.",
            "Tệp đính kèm chứa mã độc, khi mở sẽ dò tìm các văn bản có chữ “bí mật nhà nước” trên máy tính.",
            "Trung tâm Giám sát an toàn không gian mạng khuyến cáo không mở tệp lạ và báo ngay cho bộ phận công nghệ thông tin.",
        ],
    ),
)
OTHER_MAT = (
    (
        "honey",
        ("UBND XÃ KHUỔI LẾCH", "HỢP TÁC XÃ ONG MẬT BẠC HÀ"),
        ("BÁO CÁO", "Sản lượng mật ong bạc hà vụ xuân năm 2027"),
        (
            "Toàn hợp tác xã có {k}{n} đàn ong, cho thu {n}{k} lít mật ong bạc hà, giá bán bình quân 450.000 đồng/lít.",
            "Mật ong đạt chuẩn OCOP 4 sao; độ ẩm dưới 19%, không phát hiện dư lượng kháng sinh.",
            "Năm tới hợp tác xã mở rộng vùng hoa bạc hà và đăng ký nhãn hiệu tập thể “Mật ong Khuổi Lếch”.",
        ),
    ),
    (
        "password",
        ("UBND TỈNH LAM KIỀU", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
        ("HƯỚNG DẪN", "Đặt và thay đổi mật khẩu thư điện tử công vụ"),
        (
            "Mật khẩu dài tối thiểu 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Không dùng lại mật khẩu cũ, không ghi mật khẩu ra giấy dán trên màn hình.",
            "Hệ thống yêu cầu đổi mật khẩu sau 90 ngày và khóa tài khoản sau 5 lần nhập sai.",
            "Khi quên mật khẩu, cán bộ liên hệ Trung tâm Chuyển đổi số qua số máy lẻ {n}.",
        ),
    ),
    (
        "density",
        ("UBND TỈNH LAM KIỀU", "CỤC THỐNG KÊ TỈNH"),
        ("BÁO CÁO", "Mật độ dân số và phân bố dân cư năm 2026"),
        (
            "Mật độ dân số bình quân toàn tỉnh đạt {n} người/km², cao nhất tại phường Tân Kiều, thấp nhất tại xã Tà Xùa Hạ.",
            "Mật độ giao thông trên tuyến tỉnh lộ qua phường Bến Lở tăng {k}% so với năm trước.",
            "Cần điều chỉnh quy hoạch trường học theo mật độ dân cư mới tại các khu tái định cư.",
        ),
    ),
    (
        "tradesecret",
        ("CÔNG TY CỔ PHẦN CHÈ SHAN", "LAM KIỀU"),
        ("THỎA THUẬN", "Bảo mật thông tin và bí mật kinh doanh"),
        (
            "Bên B cam kết không tiết lộ công thức sao chè, danh sách khách hàng và các bí mật kinh doanh khác của Bên A.",
            "Nghĩa vụ bảo mật kéo dài {k} năm kể từ ngày chấm dứt hợp đồng lao động.",
            "Vi phạm điều khoản bảo mật, Bên B bồi thường theo thiệt hại thực tế và chịu trách nhiệm trước pháp luật.",
        ),
    ),
    (
        "friendly",
        ("HỘI CỰU CHIẾN BINH", "PHƯỜNG BẾN LỞ"),
        ("GIẤY MỜI", "Gặp mặt thân mật nhân kỷ niệm ngày thành lập Hội"),
        (
            "Trân trọng kính mời các hội viên đến dự buổi gặp mặt thân mật vào 8 giờ ngày {d}/12/2027.",
            "Buổi gặp mặt diễn ra trong không khí thân mật, ấm cúng tại nhà văn hóa tổ dân phố {k}.",
            "Đề nghị hội viên mặc quân phục và đeo huân, huy chương.",
        ),
    ),
    (
        "bearbile",
        ("UBND TỈNH LAM KIỀU", "CHI CỤC KIỂM LÂM"),
        ("THÔNG BÁO", "Kết quả xử lý vụ tàng trữ mật gấu trái phép"),
        (
            "Tổ công tác kiểm lâm địa bàn xã {c} phát hiện một hộ dân tàng trữ {k} túi mật gấu và {n} ml dịch mật.",
            "Toàn bộ tang vật đã được niêm phong, chuyển cơ quan chức năng giám định.",
            "Chi cục khuyến cáo người dân không mua bán, sử dụng mật gấu và các sản phẩm từ động vật hoang dã.",
        ),
    ),
    (
        "molasses",
        ("CÔNG TY TNHH MÍA ĐƯỜNG", "ĐỒNG CHIÊM"),
        ("BÁO CÁO", "Tình hình sản xuất đường và mật rỉ niên vụ 2026 - 2027"),
        (
            "Nhà máy ép được {n}{k} tấn mía cây, thu {k}{n} tấn đường kính trắng và {n} tấn mật rỉ.",
            "Mật mía được bán cho cơ sở sản xuất cồn và thức ăn chăn nuôi trong vùng.",
            "Giá thu mua mía nguyên liệu giữ ổn định ở mức 1,1 triệu đồng mỗi tấn.",
        ),
    ),
    (
        "gallbladder",
        ("BỆNH VIỆN ĐA KHOA TỈNH", "KHOA NGOẠI TỔNG HỢP"),
        ("GIẤY RA VIỆN", "Bệnh nhân {name}"),
        (
            "Chẩn đoán: sỏi túi mật, viêm túi mật cấp; đã phẫu thuật nội soi cắt túi mật ngày {d}/5/2027.",
            "Tình trạng ra viện: ổn định, vết mổ khô; hẹn tái khám sau {k} tuần tại phòng khám ngoại.",
            "Chế độ ăn: hạn chế mỡ động vật, ăn nhiều bữa nhỏ trong tháng đầu.",
        ),
    ),
)
ORDINARY = (
    (
        ("UBND TỈNH LAM KIỀU", "BAN TIẾP CÔNG DÂN"),
        "TB-BTCD",
        ("THÔNG BÁO", "Lịch tiếp công dân định kỳ tháng {m} năm 2027"),
        (
            "Chủ tịch Ủy ban nhân dân tỉnh tiếp công dân định kỳ vào ngày {d} hằng tháng tại trụ sở Ban Tiếp công dân, phường Tân Kiều.",
            "Công dân đến mang theo căn cước và giấy tờ liên quan đến nội dung khiếu nại, kiến nghị.",
            "Trường hợp nhiều người cùng một nội dung thì cử không quá {k} người đại diện.",
        ),
    ),
    (
        ("UBND TỈNH LAM KIỀU", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
        "KH-SVHTTDL",
        ("KẾ HOẠCH", "Tổ chức giải việt dã Lam Kiều mở rộng năm 2027"),
        (
            "Giải có ba cự ly 5 km, 10 km và 21 km, xuất phát tại quảng trường phường Bến Lở lúc 5 giờ 30.",
            "Dự kiến {k}{n} vận động viên tham gia; ban tổ chức bố trí {k} điểm tiếp nước dọc đường chạy.",
            "Kinh phí từ nguồn xã hội hóa và ngân sách sự nghiệp thể thao của tỉnh.",
        ),
    ),
    (
        ("UBND TỈNH LAM KIỀU", "SỞ Y TẾ"),
        "BC-SYT",
        ("BÁO CÁO", "Kết quả tiêm chủng mở rộng sáu tháng đầu năm 2027"),
        (
            "Tỷ lệ trẻ dưới một tuổi được tiêm đủ các loại vắc xin đạt {n2} %, tăng so với cùng kỳ.",
            "Xã {c} còn thấp do địa bàn rộng, một số thôn cách trạm y tế trên 15 km.",
            "Sở đề nghị tăng cường các buổi tiêm chủng lưu động vào ngày chợ phiên.",
        ),
    ),
)
OTHER_CODE = {
    "honey": "BC-HTX",
    "password": "HD-SKHCN",
    "density": "BC-TK",
    "tradesecret": "TT-CTCP",
    "friendly": "GM-HCCB",
    "bearbile": "TB-CCKL",
    "molasses": "BC-MĐ",
    "gallbladder": "GRV-KNTH",
}
RED_STAMPS = (
    "KHẨN",
    "HỎA TỐC",
    "THƯỢNG KHẨN",
    "BẢN SAO",
    "SAO Y BẢN CHÍNH",
    "ĐÃ KÝ",
    "LƯU HÀNH NỘI BỘ",
    "DỰ THẢO",
    "ĐẾN",
)


class Maker:
    """Draws the documents, stamps and damage of the corpus and collects its files."""

    def __init__(self, seed: int) -> None:
        self.rng = Random(seed)
        self.items: list[Item] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []
        self.deck: list[str] = []
        self.counter = 0
        self.commune = COMMUNES[0]
        self.ward = WARDS[0]

    # -- drawing words --------------------------------------------------------------------
    def fill(self, text: str, i: int = 1) -> str:
        r = self.rng
        return text.format(
            c=self.commune,
            w=self.ward,
            n=r.randint(12, 96),
            k=r.randint(2, 9),
            m=r.randint(1, 12),
            d=r.randint(1, 28),
            dir=r.choice(DIRECTIONS),
            alias=r.choice(ALIASES),
            name=r.choice(PEOPLE),
            i=i,
            n2=r.randint(90, 99),
        )

    def date(self) -> str:
        """A later day (the document itself is dated 2026 or 2027)."""
        r = self.rng
        return f"{r.randint(1, 28):02d}/{r.randint(1, 12):02d}/{r.choice([2028, 2029, 2030])}"

    def place_date(self) -> str:
        r = self.rng
        return f"Lam Kiều, ngày {r.randint(1, 28)} tháng {r.randint(1, 12)} năm {r.choice([2026, 2027])}"

    def signer(self) -> list[str]:
        r = self.rng
        role = r.choice(
            [
                ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                ("CHỈ HUY TRƯỞNG", ""),
                ("TRƯỞNG PHÒNG", ""),
                ("KT. CHỦ NHIỆM", "PHÓ CHỦ NHIỆM"),
            ]
        )
        return [role[0], role[1], "", "", r.choice(PEOPLE)]

    def number(self, code: str) -> str:
        return f"Số: {self.rng.randint(3, 389)}/{code}"

    def doc(self, subject: Subject, *, annex: bool = False, cover: bool = False) -> Doc:
        """A document on `subject`; with `cover`, a public covering letter whose annex (the
        secret part) follows."""
        r = self.rng
        self.commune, self.ward = r.choice(COMMUNES), r.choice(WARDS)
        body = [self.fill(s) for s in subject.sentences]
        r.shuffle(body)
        body = body[: r.randint(3, len(body))]
        title = [self.fill(t) for t in subject.title]
        annex_rows: list[str] = []
        if annex or cover:
            annex_rows = [subject.annex_title] + [
                self.fill(subject.annex_row, i) for i in range(1, r.randint(4, 7))
            ]
        if cover:
            body = [
                f"Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh, cơ quan chúng tôi gửi kèm theo công văn này tài liệu “{title[1]}” để các đơn vị nghiên cứu, thực hiện.",
                "Đề nghị các đơn vị quản lý, sử dụng tài liệu kèm theo đúng quy định; công văn này được phổ biến rộng rãi.",
            ]
            title = ["CÔNG VĂN", f"V/v gửi tài liệu {title[1][0].lower()}{title[1][1:]}"]
        return Doc(
            agency=list(subject.agency),
            number=self.number(subject.code),
            place_date=self.place_date(),
            title=title,
            body=body,
            signer=self.signer(),
            annex=annex_rows,
            recipients=["Như trên", "Lưu: VT"] if r.random() < 0.5 else [],
        )

    def plain_doc(
        self, agency: tuple[str, str], code: str, title: tuple[str, str], sentences: tuple[str, ...]
    ) -> Doc:
        return self.doc(Subject("x", agency, code, title, sentences))

    # -- levels and stamps ----------------------------------------------------------------
    def level(self) -> str:
        if not self.deck:
            self.deck = list(LEVELS) * 2
            self.rng.shuffle(self.deck)
        return self.deck.pop()

    def look(self, *, faint: bool = False, black: bool = False) -> dict[str, object]:
        r = self.rng
        return {
            "face": r.choice(STAMP_FACES),
            "size": r.choice([34, 38, 42, 46, 52]),
            "colour": INK if black else r.choice([RED, RED, DARK_RED, (215, 60, 60)]),
            "frame": r.choice(["single", "single", "double", "rounded", "dashed", "none"]),
            "angle": r.choice([0, 0, r.uniform(-6, 6), r.uniform(-12, 12)]),
            "worn": r.choice([0.3, 0.45]) if faint else r.choice([0, 0, 0, 0.1, 0.2]),
        }

    def marks(
        self, kind: str, level: str, *, faint: bool = False, black: bool = False
    ) -> list[Block]:
        """The stamps of a case: `level` (the level), `changed` (old level struck, the new one
        stamped: `level` is the new), `declassified` (`level` the old one, struck or not, and a
        GIẢI MẬT stamp)."""
        r = self.rng
        look = self.look(faint=faint, black=black)
        if kind == "level":
            rows = [LEVEL_WORD[level]]
            if r.random() < 0.15:
                rows.append(f"Bản số: {r.randint(1, 9):02d}")
            return [Block(rows, **look)]  # type: ignore[arg-type]
        old = r.choice([lv for lv in LEVELS if lv != level])
        if kind == "changed":
            struck = Block([LEVEL_WORD[old]], struck={0}, **look)  # type: ignore[arg-type]
            variant = r.randrange(3)
            if variant == 0:
                return [struck, Block([LEVEL_WORD[level]], **look)]  # type: ignore[arg-type]
            if variant == 1:
                return [
                    struck,
                    Block([LEVEL_WORD[level], f"Điều chỉnh ngày {self.date()}"], **look),
                ]  # type: ignore[arg-type]
            return [
                struck,
                Block(
                    ["ĐIỀU CHỈNH ĐỘ MẬT", LEVEL_WORD[level], f"Ngày {self.date()}"],
                    **{**look, "frame": "single", "row_scale": 0.9},
                ),
            ]  # type: ignore[arg-type]
        shown = Block([LEVEL_WORD[level]], struck={0} if r.random() < 0.5 else set(), **look)  # type: ignore[arg-type]
        giai = r.choice(
            [
                ["GIẢI MẬT", f"Ngày {self.date()}", r.choice(PEOPLE)],
                ["GIẢI MẬT", f"Theo QĐ số {r.randint(10, 99)}/QĐ-UBND", f"ngày {self.date()}"],
                ["ĐÃ GIẢI MẬT", f"Ngày {self.date()}"],
            ]
        )
        return [shown, Block(giai, **{**look, "frame": r.choice(["single", "double", "rounded"])})]  # type: ignore[arg-type]

    # -- collecting ---------------------------------------------------------------------
    def name(self, stem: str, ext: str) -> str:
        self.counter += 1
        return f"{self.counter:03d}_{stem}.{ext}"

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
            labelled(
                self.name(stem, ext),
                data,
                level if category == "positive" else None,
                category,
                fmt,
                family,
                declassified=category == "declassified",
            )
        )

    def add_doc(
        self,
        doc: Doc,
        fmt: str,
        data: bytes,
        kind: str,
        level: str | None,
        category: str,
        base: str,
    ) -> None:
        """A file made from `doc` in the format `fmt`, named after it, in `base`'s family."""
        self.add(self.stem(doc, fmt), fmt, data, level, category, fmt, family_of(kind, base))

    def case(self, kind: str) -> tuple[str, str | None, str]:
        """(kind, label level, category) for a secret, changed or declassified file."""
        level = self.level()
        if kind == "declassified":
            return kind, level, "declassified"
        return kind, level, "positive"

    def stem(self, doc: Doc, fmt: str) -> str:
        r = self.rng
        if fmt == "photo":
            return (
                f"IMG_2027{r.randint(1, 12):02d}{r.randint(1, 28):02d}_{r.randint(100000, 235959)}"
            )
        if fmt == "scan":
            return r.choice(["scan", "Scan", "SCAN_", "doc"]) + f"{r.randint(1, 9999):04d}"
        num = doc.number.removeprefix("Số: ").replace("/", "-")
        return r.choice([num, num.lower(), f"vb_{num}", f"{num}_final"])


def kinds(n: int, changed: int, rng: Random) -> list[str]:
    out = ["changed"] * changed + ["level"] * (n - changed)
    rng.shuffle(out)
    return out


def family_of(kind: str, base: str) -> str:
    return {"changed": "level_changed", "declassified": "declassified"}.get(kind, base)


# ---- Word and Word 97 -----------------------------------------------------------------------

WORD_PLACES = (
    "under_number",
    "under_number",
    "under_number",
    "top_right",
    "top_right",
    "top_centre",
    "header",
    "footer",
    "annex",
    "second_section",
    "picture:under_number",
    "picture:top_right",
    "over_text",
)
WORD_FAMILY = {
    "under_number": "stamp_under_number",
    "top_right": "stamp_top_of_page",
    "top_centre": "stamp_top_of_page",
    "top_left": "stamp_top_of_page",
    "header": "stamp_page_header_footer",
    "footer": "stamp_page_header_footer",
    "annex": "annex_after_public_letter",
    "second_section": "annex_after_public_letter",
    "over_text": "stamp_over_text_or_signature",
    "over_signature": "stamp_over_text_or_signature",
}


def word_secret(m: Maker, place: str, kind: str, level: str) -> tuple[bytes, Doc, str]:
    r = m.rng
    picture = place.startswith("picture:")
    where = place.removeprefix("picture:")
    subject = r.choice(SECRET_SUBJECTS)
    doc = m.doc(subject, cover=where in ("annex", "second_section"), annex=r.random() < 0.3)
    blocks = m.marks(kind, level)
    data = word_doc(doc, [Placed(blocks, where)], r, picture=picture, font=r.choice(WORD_FACES))
    family = "stamp_picture" if picture else WORD_FAMILY[where]
    return data, doc, family_of(kind, family)


def word_hard(m: Maker, which: str) -> tuple[bytes, Doc, str]:
    """Word hard negatives: the protection plan, statistics, an empty level field, other
    senses of mật, another red stamp."""
    r = m.rng
    if which == "plan":
        doc = m.doc(PLAN)
        return word_doc(doc, [], r), doc, "hn_protection_plan"
    if which == "rule":
        doc = m.doc(RULE)
        return word_doc(doc, [], r), doc, "hn_specimen_rule"
    if which == "stats":
        doc = m.plain_doc(
            ("UBND TỈNH LAM KIỀU", "SỞ NỘI VỤ"),
            "BC-SNV",
            ("BÁO CÁO", "Thống kê tài liệu bí mật nhà nước năm 2027"),
            (
                f"Tổng số tài liệu mật đang quản lý: {r.randint(300, 900)}; trong đó độ Tuyệt mật {r.randint(3, 20)}, độ Tối mật {r.randint(40, 120)}, độ Mật {r.randint(200, 600)}.",
                f"Số tài liệu đã giải mật trong năm: {r.randint(20, 80)}; số tài liệu được điều chỉnh độ mật: {r.randint(2, 15)}.",
                "Không phát hiện trường hợp làm lộ, mất tài liệu bí mật nhà nước.",
            ),
        )
        return word_doc(doc, [], r), doc, "hn_level_statistics"
    if which == "form":
        doc = m.plain_doc(
            ("UBND TỈNH LAM KIỀU", "VĂN PHÒNG"),
            "PĐX-VP",
            ("PHIẾU ĐỀ XUẤT", "Độ mật của văn bản dự thảo"),
            (
                "Tên văn bản dự thảo: ..............................................................",
                "Độ mật đề xuất: ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật   (đánh dấu một ô)",
                "Căn cứ danh mục bí mật nhà nước: ................................ Người đề xuất: ................",
                "Ý kiến của người có thẩm quyền: ......................................................",
            ),
        )
        return word_doc(doc, [], r), doc, "hn_empty_level_field"
    if which == "mat":
        key, agency, title, sentences = r.choice(OTHER_MAT)
        doc = m.plain_doc(agency, OTHER_CODE[key], title, sentences)
        return word_doc(doc, [], r), doc, "hn_other_mat"
    doc = m.plain_doc(*r.choice(ORDINARY))
    word = r.choice(RED_STAMPS)
    block = Block(
        [word] if word != "ĐẾN" else ["ĐẾN", f"Số: {r.randint(100, 2000)}", f"Ngày: {m.date()}"],
        **m.look(),
    )  # type: ignore[arg-type]
    where = r.choice(["under_number", "top_right", "top_centre"])
    return (
        word_doc(doc, [Placed([block], where)], r, picture=r.random() < 0.3),
        doc,
        "hn_other_red_stamp",
    )


def make_word(m: Maker, *, legacy: bool) -> None:
    r = m.rng
    places = list(WORD_PLACES)
    if legacy:
        places = r.sample(places, 7)
    for place, kind in zip(places, kinds(len(places), 3 if not legacy else 2, r), strict=True):
        kind, level, category = m.case(kind)
        data, doc, family = word_secret(m, place, kind, level)  # type: ignore[arg-type]
        emit_word(m, data, doc, level, category, family, legacy)
    for place in r.sample(list(WORD_PLACES[:9]), 3 if not legacy else 2):
        kind, level, category = m.case("declassified")
        data, doc, family = word_secret(m, place, kind, level)  # type: ignore[arg-type]
        emit_word(m, data, doc, None, category, family, legacy)
    hard = ["plan", "rule", "stats", "form", "mat", "mat", "stamp", "stamp"]
    if legacy:
        hard = ["plan", "form", "mat", "stamp", "stamp"]
    for which in hard:
        data, doc, family = word_hard(m, which)
        emit_word(m, data, doc, None, "hard_negative", family, legacy)
    for _ in range(1 if legacy else 2):
        doc = m.plain_doc(*r.choice(ORDINARY))
        emit_word(m, word_doc(doc, [], r), doc, None, "negative", "ordinary", legacy)


def emit_word(
    m: Maker, data: bytes, doc: Doc, level: str | None, category: str, family: str, legacy: bool
) -> None:
    if not legacy:
        m.add(m.stem(doc, "docx"), "docx", data, level, category, "docx", family)
        return
    m.counter += 1
    stem = f"{m.counter:03d}_{m.stem(doc, 'doc')}"
    m.legacy.append(
        (
            stem,
            data,
            level if category == "positive" else None,
            category,
            family,
            category == "declassified",
        )
    )


# ---- PDF with a text layer --------------------------------------------------------------

PDF_PLACES = (
    "under_number",
    "under_number",
    "top_right",
    "top_centre",
    "spaced",
    "turned",
    "picture",
    "picture",
    "annex",
    "annex",
    "footer",
    "over_signature",
    "under_number",
)


def make_pdf(m: Maker) -> None:
    r = m.rng
    for place, kind in zip(PDF_PLACES, kinds(len(PDF_PLACES), 3, r), strict=True):
        kind, level, category = m.case(kind)
        pdf_secret(m, place, kind, level, category)
    for place in ("under_number", "annex", "picture"):
        kind, level, category = m.case("declassified")
        pdf_secret(m, place, kind, level, category)
    for which in ("rule", "rule_text", "training", "news", "mat", "mat", "stamp", "form"):
        pdf_hard(m, which)
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(m.stem(doc, "pdf"), "pdf", text_pdf(doc, [], r), None, "negative", "pdf", "ordinary")


def pdf_secret(m: Maker, place: str, kind: str, level: str, category: str) -> None:
    r = m.rng
    subject = r.choice(SECRET_SUBJECTS)
    doc = m.doc(subject, cover=place == "annex")
    blocks = m.marks(kind, level)
    where = {
        "spaced": "under_number",
        "turned": "top_right",
        "picture": r.choice(["under_number", "top_right"]),
    }.get(place, place)
    if place == "spaced":
        for b in blocks:
            b.spacing = 8
    turned = place == "turned"
    if turned:
        for b in blocks:
            b.angle = r.choice([8.0, -10.0, 15.0])
    data = text_pdf(
        doc,
        [Placed(blocks, where)],
        r,
        picture=place == "picture",
        serif=r.random() < 0.6,
        turned=turned,
    )
    base = {
        "spaced": "pdf_spaced_or_turned",
        "turned": "pdf_spaced_or_turned",
        "picture": "stamp_picture",
    }.get(place, WORD_FAMILY.get(where, "stamp_under_number"))
    m.add_doc(doc, "pdf", data, kind, level, category, base)


def specimens(m: Maker) -> list[tuple[Block, str]]:
    out = []
    for i, lv in enumerate(LEVELS, 1):
        out.append(
            (
                Block([LEVEL_WORD[lv]], face="LiberationSerif-Bold", size=30, colour=RED),
                f"Mẫu số 0{i}: dấu chỉ độ {LEVEL_WORD[lv].capitalize()} (minh họa, kích thước 30 x 8 mm)",
            )
        )
    if m.rng.random() < 0.5:
        out.append(
            (
                Block(["GIẢI MẬT"], face="LiberationSerif-Bold", size=30, colour=RED),
                "Mẫu số 04: dấu giải mật (minh họa)",
            )
        )
    return out


def pdf_hard(m: Maker, which: str) -> None:
    r = m.rng
    family = {
        "rule": "hn_specimen_rule",
        "rule_text": "hn_specimen_rule",
        "training": "hn_training",
        "news": "hn_leak_news",
        "mat": "hn_other_mat",
        "stamp": "hn_other_red_stamp",
        "form": "hn_empty_level_field",
    }[which]
    placed: list[Placed] = []
    figures = None
    if which in ("rule", "rule_text"):
        doc = m.doc(RULE)
        figures = specimens(m) if which == "rule" else None
    elif which == "training":
        doc = m.plain_doc(
            ("CÔNG AN TỈNH LAM KIỀU", "PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ"),
            "TL-ANCTNB",
            ("TÀI LIỆU TẬP HUẤN", "Nghiệp vụ bảo vệ bí mật nhà nước cho cán bộ văn thư"),
            tuple(f"{t}: " + "; ".join(b) + "." for t, b in TRAINING_SLIDES[1:]),
        )
    elif which == "news":
        title, sentences = r.choice(NEWS)
        doc = m.plain_doc(
            ("BÁO LAM KIỀU", "CHUYÊN MỤC PHÁP LUẬT"), "BLK", ("TIN TỨC", title), tuple(sentences)
        )
    elif which == "mat":
        key, agency, title, sentences = r.choice(OTHER_MAT)
        doc = m.plain_doc(agency, OTHER_CODE[key], title, sentences)
    elif which == "form":
        doc = m.plain_doc(
            ("UBND TỈNH LAM KIỀU", "VĂN PHÒNG"),
            "SĐK-VP",
            ("SỔ ĐĂNG KÝ", "Văn bản bí mật nhà nước đi - trang mẫu"),
            (
                "Số thứ tự: ....  Ngày tháng: ....  Số, ký hiệu: ....  Trích yếu: ....................",
                "Độ mật: ..........  Nơi nhận: ..........  Người ký nhận: ..........  Ghi chú: ..........",
                "Sổ được đóng dấu giáp lai và đánh số trang trước khi sử dụng.",
            ),
        )
    else:
        doc = m.plain_doc(*r.choice(ORDINARY))
        word = r.choice(RED_STAMPS[:8])
        placed = [Placed([Block([word], **m.look())], r.choice(["under_number", "top_right"]))]  # type: ignore[arg-type]
    data = text_pdf(doc, placed, r, picture=r.random() < 0.4, figures=figures)
    m.add(m.stem(doc, "pdf"), "pdf", data, None, "hard_negative", "pdf", family)


# ---- scans and photos ------------------------------------------------------------------

SCAN_VARIANTS = (
    {"mode": "colour", "angle": 1.5, "fmt": "png"},
    {"mode": "colour", "angle": -2.5, "fmt": "jpg", "quality": 55},
    {"mode": "grey", "angle": 0.8, "fmt": "pdf"},
    {"mode": "grey", "turn": 90, "fmt": "png"},
    {"mode": "bilevel", "angle": -1.0, "fmt": "tif"},
    {"mode": "bilevel", "turn": 180, "fmt": "pdf"},
    {"mode": "photocopy", "angle": 2.0, "fmt": "pdf"},
    {"mode": "photocopy", "turn": 270, "fmt": "jpg", "quality": 60},
    {"mode": "colour", "scale": 0.6, "fmt": "jpg", "quality": 50},
    {"mode": "grey", "scale": 0.65, "blur": 0.8, "fmt": "png"},
    {"mode": "colour", "faint": True, "fmt": "png", "angle": -0.7},
    {"mode": "colour", "faint": True, "fmt": "jpg", "quality": 65},
    {"mode": "colour", "fade": 0.35, "fmt": "pdf"},
    {"mode": "colour", "fmt": "pdf", "annex": True},
    {"mode": "grey", "fmt": "tif", "annex": True},
    {"mode": "colour", "fmt": "png", "over": True},
    {"mode": "colour", "fmt": "jpg", "over": True, "quality": 70, "angle": 3.0},
)


def page_images(m: Maker, doc: Doc, placed: list[Placed], *, seal: bool = True) -> list:  # type: ignore[type-arg]
    r = m.rng
    face_ = r.choice(["LiberationSerif-Regular", "DejaVuSerif", "LiberationSans-Regular"])
    return render_pages(
        doc,
        placed,
        r,
        text_face=face_,
        seal=r.choice(SEAL_NAMES) if seal and r.random() < 0.6 else "",
    )


def scan_of(m: Maker, pages: list, v: dict[str, object]) -> tuple[bytes, str]:  # type: ignore[type-arg]
    r = m.rng
    scanned = [
        degrade(
            p,
            r,
            mode=str(v.get("mode", "colour")),
            angle=float(v.get("angle", 0.0)),
            turn=int(v.get("turn", 0)),  # type: ignore[arg-type]
            scale=float(v.get("scale", r.choice([0.8, 0.9, 1.0]))),
            blur=float(v.get("blur", 0.0)),
            fade=float(v.get("fade", 0.0)),
        )  # type: ignore[arg-type]
        for p in pages
    ]
    fmt = str(v["fmt"])
    if fmt in ("png", "jpg"):
        scanned = scanned[-1:] if v.get("annex") else scanned[:1]
    return scan_bytes(scanned, fmt, quality=int(v.get("quality", 75))), fmt  # type: ignore[call-overload]


def secret_pages(m: Maker, kind: str, level: str, v: dict[str, object]) -> tuple[list, Doc, str]:  # type: ignore[type-arg]
    r = m.rng
    subject = r.choice(SECRET_SUBJECTS)
    annex = bool(v.get("annex"))
    doc = m.doc(subject, cover=annex)
    if annex:
        where = "annex"
    elif v.get("over"):
        where = r.choice(["over_text", "over_signature"])
    else:
        where = r.choice(
            ["under_number", "under_number", "top_right", "top_centre", "top_left", "footer"]
        )
    blocks = m.marks(
        kind,
        level,
        faint=bool(v.get("faint")),
        black=v.get("mode") == "photocopy" and r.random() < 0.5,
    )
    return page_images(m, doc, [Placed(blocks, where)]), doc, where


def envelope(
    m: Maker, mark: str, colour: tuple[int, int, int], extra: Block | None = None
) -> object:
    r = m.rng
    sender = r.choice(
        [
            ["UBND TỈNH LAM KIỀU", "VĂN PHÒNG"],
            ["CÔNG AN TỈNH LAM KIỀU", "PHÒNG THAM MƯU"],
            ["BỘ CHQS TỈNH LAM KIỀU"],
            ["SỞ NỘI VỤ", "TỈNH LAM KIỀU"],
        ]
    )
    to = [
        "Kính gửi:",
        r.choice(
            [
                "Ban Thường vụ Tỉnh ủy Lam Kiều",
                "Đồng chí Giám đốc Công an tỉnh",
                "Bộ Chỉ huy Quân sự tỉnh",
                f"Ủy ban nhân dân xã {r.choice(COMMUNES)}",
            ]
        ),
        f"Địa chỉ: phường {r.choice(WARDS)}, tỉnh Lam Kiều",
    ]
    return envelope_image(
        r,
        sender=sender,
        number=f"Số: {r.randint(10, 400)}/{r.choice(['VP', 'PV01', 'TM', 'BM'])}",
        to=to,
        mark=mark,
        mark_colour=colour,
        paper=r.choice([KRAFT, WHITE_PAPER]),
        extra=extra,
    )


def hard_page(m: Maker, which: str) -> tuple[list, str]:  # type: ignore[type-arg]
    """Pages of an image hard negative: another red stamp, the rule with specimens (drawn as
    a figure under the text), other senses of mật, an empty level field."""
    r = m.rng
    if which == "stamp":
        doc = m.plain_doc(*r.choice(ORDINARY))
        word = r.choice(RED_STAMPS)
        block = Block(
            [word]
            if word != "ĐẾN"
            else ["ĐẾN", f"Số: {r.randint(100, 2000)}", f"Ngày: {m.date()}", "Chuyển: ..........."],
            **m.look(),
        )  # type: ignore[arg-type]
        return page_images(
            m,
            doc,
            [Placed([block], r.choice(["under_number", "top_right", "top_centre", "over_text"]))],
        ), "hn_other_red_stamp"
    if which == "rule":
        doc = m.doc(RULE)
        doc.annex = [
            "PHỤ LỤC: MẪU DẤU (MINH HỌA)",
            "Các mẫu dưới đây chỉ minh họa hình dạng, cỡ chữ và màu mực; phụ lục này không chứa bí mật nhà nước.",
        ]
        pages = render_pages(doc, [], r, figures=specimens(m))
        return pages[-1:], "hn_specimen_rule"
    if which == "form":
        doc = m.plain_doc(
            ("UBND TỈNH LAM KIỀU", "VĂN PHÒNG"),
            "PĐX-VP",
            ("PHIẾU ĐỀ XUẤT", "Độ mật của văn bản dự thảo"),
            (
                "Tên văn bản: ...............................................",
                "Độ mật: ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật",
                "Người đề xuất: ..................  Ngày: ..................",
            ),
        )
        return page_images(m, doc, []), "hn_empty_level_field"
    key, agency, title, sentences = r.choice(OTHER_MAT)
    doc = m.plain_doc(agency, OTHER_CODE[key], title, sentences)
    return page_images(m, doc, []), "hn_other_mat"


def make_scans(m: Maker) -> None:
    r = m.rng
    variants = list(SCAN_VARIANTS)
    for v, kind in zip(variants, kinds(len(variants), 3, r), strict=True):
        kind, level, category = m.case(kind)
        pages, doc, where = secret_pages(m, kind, level, v)  # type: ignore[arg-type]
        data, ext = scan_of(m, pages, v)
        family = family_of(
            kind, "scan_" + str(v["mode"]) + ("_faint" if v.get("faint") or v.get("fade") else "")
        )
        if where == "annex" and kind == "level":
            family = "annex_after_public_letter"
        m.add(m.stem(doc, "scan"), ext, data, level, category, "scan", family)
    for printed in (False, False, True):
        level = m.level()
        img = envelope(m, LEVEL_LETTER[level], INK if printed else r.choice([RED, DARK_RED]))
        v = r.choice(
            [
                {"mode": "colour", "fmt": "jpg", "angle": 1.0},
                {"mode": "grey", "fmt": "png"},
                {"mode": "colour", "fmt": "pdf", "turn": 90},
            ]
        )
        data, ext = scan_of(m, [img], v)
        m.add(
            f"envelope_{r.randint(1, 999):03d}",
            ext,
            data,
            level,
            "positive",
            "scan",
            "envelope_letter",
        )
    for v in r.sample(variants[:12], 3):
        kind, level, category = m.case("declassified")
        pages, doc, _ = secret_pages(m, kind, level, v)  # type: ignore[arg-type]
        data, ext = scan_of(m, pages, v)
        m.add(m.stem(doc, "scan"), ext, data, None, category, "scan", "declassified")
    for which in ("stamp", "stamp", "stamp", "stamp", "rule", "mat", "form"):
        pages, family = hard_page(m, which)
        data, ext = scan_of(m, pages, r.choice(variants[:10]))
        m.add(
            m.stem(Doc([], "Số: 1/x", "", [], [], []), "scan"),
            ext,
            data,
            None,
            "hard_negative",
            "scan",
            family,
        )
    for mark in (r.choice(["1", "2", "3", "5"]), "seal"):
        img = envelope(m, mark if mark != "seal" else "seal:" + r.choice(SEAL_NAMES), RED)
        data, ext = scan_of(m, [img], {"mode": "colour", "fmt": "jpg"})
        m.add(
            f"envelope_{r.randint(1, 999):03d}",
            ext,
            data,
            None,
            "hard_negative",
            "scan",
            "hn_envelope_other_mark",
        )
    for _ in range(2):
        doc = m.plain_doc(*r.choice(ORDINARY))
        data, ext = scan_of(m, page_images(m, doc, []), r.choice(variants[:10]))
        m.add(m.stem(doc, "scan"), ext, data, None, "negative", "scan", "ordinary")


def make_photos(m: Maker) -> None:
    r = m.rng
    photo_variants = [
        {"turn": 0},
        {"turn": 0},
        {"turn": 90},
        {"turn": 0, "dark": 0.2},
        {"turn": 270},
        {"turn": 0, "faint": True},
        {"turn": 180},
        {"turn": 0},
        {"turn": 0, "annex": True},
        {"turn": 0, "over": True},
    ]
    for v, kind in zip(photo_variants, kinds(len(photo_variants), 2, r), strict=True):
        kind, level, category = m.case(kind)
        pages, doc, where = secret_pages(m, kind, level, v)  # type: ignore[arg-type]
        page = pages[-1] if where == "annex" else pages[0]
        data = photographed(
            page,
            r,
            turn=int(v["turn"]),
            shadow=r.random() < 0.7,
            quality=r.choice([70, 80, 88]),
            dark=float(v.get("dark", 0.0)),
        )  # type: ignore[arg-type]
        family = family_of(kind, "annex_after_public_letter" if where == "annex" else "phone_photo")
        m.add(m.stem(doc, "photo"), "jpg", data, level, category, "photo", family)
    for printed in (False, False, False, True, False):
        level = m.level()
        urgent = (
            Block(["HỎA TỐC"], face="LiberationSans-Bold", size=40, colour=RED)
            if r.random() < 0.3
            else None
        )
        img = envelope(
            m, LEVEL_LETTER[level], INK if printed else r.choice([RED, DARK_RED]), urgent
        )
        data = photographed(img, r, turn=r.choice([0, 0, 90]), shadow=r.random() < 0.5)
        m.add(
            m.stem(Doc([], "", "", [], [], []), "photo"),
            "jpg",
            data,
            level,
            "positive",
            "photo",
            "envelope_letter",
        )
    for _ in range(2):
        kind, level, category = m.case("declassified")
        pages, doc, _ = secret_pages(m, kind, level, {})
        m.add(
            m.stem(doc, "photo"),
            "jpg",
            photographed(pages[0], r),
            None,
            category,
            "photo",
            "declassified",
        )
    for mark in (r.choice(["D", "E", "K", "H"]), r.choice(["1", "4", "7"]), "seal"):
        img = envelope(
            m, mark if mark != "seal" else "seal:" + r.choice(SEAL_NAMES), r.choice([RED, INK])
        )
        m.add(
            m.stem(Doc([], "", "", [], [], []), "photo"),
            "jpg",
            photographed(img, r),
            None,
            "hard_negative",
            "photo",
            "hn_envelope_other_mark",
        )
    for which in ("stamp", "stamp", "mat", "mat"):
        pages, family = hard_page(m, which)
        m.add(
            m.stem(Doc([], "", "", [], [], []), "photo"),
            "jpg",
            photographed(pages[0], r, turn=r.choice([0, 0, 90])),
            None,
            "hard_negative",
            "photo",
            family,
        )
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(
        m.stem(doc, "photo"),
        "jpg",
        photographed(page_images(m, doc, [])[0], r),
        None,
        "negative",
        "photo",
        "ordinary",
    )


# ---- workbooks, slides, web pages, plain text -------------------------------------------


def table_rows(m: Maker, doc: Doc) -> list[list[object]]:
    r = m.rng
    rows: list[list[object]] = [
        [doc.agency[0]],
        [doc.title[-1]],
        [],
        ["TT", "Nội dung", "Số lượng", "Ghi chú"],
    ]
    for i, row in enumerate(doc.annex[1:] or doc.body, 1):
        rows.append([i, row, r.randint(1, 60), ""])
    return rows


def make_workbooks(m: Maker) -> None:
    r = m.rng
    places = ["first", "first", "second", "second", "header", "footer", "first", "second"]
    for place, kind in zip(places, kinds(len(places), 1, r), strict=True):
        kind, level, category = m.case(kind)
        workbook_secret(m, place, kind, level, category)
    for place in ("first", "second"):
        kind, level, category = m.case("declassified")
        workbook_secret(m, place, kind, level, category)
    counts = [["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Đã giải mật"]] + [
        [f"Xã {c}", r.randint(0, 3), r.randint(0, 12), r.randint(5, 60), r.randint(0, 9)]
        for c in COMMUNES
    ]
    hard = [
        (
            [
                (
                    "Thống kê theo độ mật",
                    [["THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2027"], [], *counts],
                )
            ],
            "hn_level_statistics",
        ),
        (
            [
                (
                    "Tổng hợp",
                    [["BÁO CÁO CÔNG TÁC BẢO VỆ BMNN"], ["Số cuộc kiểm tra", r.randint(3, 12)]],
                ),
                ("Theo độ mật", counts),
            ],
            "hn_level_statistics",
        ),
        (
            [
                (
                    "Sổ đăng ký",
                    [
                        ["SỔ ĐĂNG KÝ VĂN BẢN MẬT ĐẾN"],
                        ["Số đến", "Ngày", "Trích yếu", "Độ mật", "Người nhận"],
                        *[[i, "", "", "", ""] for i in range(1, 8)],
                    ],
                )
            ],
            "hn_empty_level_field",
        ),
        (
            [
                (
                    "Tài khoản",
                    [
                        ["DANH SÁCH TÀI KHOẢN THƯ CÔNG VỤ CẦN ĐỔI MẬT KHẨU"],
                        ["Tài khoản", "Đơn vị", "Hạn đổi mật khẩu"],
                        *[
                            [
                                f"cb{r.randint(100, 999)}@lamkieu.gov.vn",
                                r.choice(COMMUNES),
                                m.date(),
                            ]
                            for _ in range(6)
                        ],
                    ],
                )
            ],
            "hn_other_mat",
        ),
        (
            [
                (
                    "Dân số",
                    [
                        ["MẬT ĐỘ DÂN SỐ THEO XÃ, PHƯỜNG"],
                        ["Đơn vị", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)"],
                        *[
                            [c, r.randint(40, 300), r.randint(3000, 40000), r.randint(20, 900)]
                            for c in COMMUNES + WARDS
                        ],
                    ],
                )
            ],
            "hn_other_mat",
        ),
    ]
    for sheets, family in hard:
        m.add(
            f"thongke_{r.randint(10, 99)}",
            "xlsx",
            workbook(sheets),
            None,
            "hard_negative",
            "xlsx",
            family,
        )  # type: ignore[arg-type]
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(
        m.stem(doc, "xlsx"),
        "xlsx",
        workbook([("Sheet1", table_rows(m, doc))]),
        None,
        "negative",
        "xlsx",
        "ordinary",
    )


def workbook_secret(m: Maker, place: str, kind: str, level: str, category: str) -> None:
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS), annex=True)
    blocks = m.marks(kind, level)
    block = Block(
        [row for b in blocks for row in b.rows],
        struck={0} if blocks[0].struck else set(),
        colour=blocks[0].colour,
        frame=blocks[0].frame,
        row_scale=0.85,
    )
    cover = [["BẢNG TỔNG HỢP"], [doc.title[-1]], ["Số liệu chi tiết tại trang tính kèm theo."]]
    sheets = [
        ("Tổng hợp", cover if place == "second" else table_rows(m, doc)),
        ("Chi tiết", table_rows(m, doc)),
    ]
    if place in ("header", "footer") and kind == "level":
        data = workbook(sheets[:1], header=(place, block))
        base = "stamp_page_header_footer"
    else:
        data = workbook(
            sheets, stamp=(0 if place == "first" else 1, r.choice(["E1", "D1", "F2"]), block)
        )
        base = "stamp_top_of_page" if place == "first" else "later_sheet_or_slide"
    m.add_doc(doc, "xlsx", data, kind, level, category, base)


def make_slides(m: Maker) -> None:
    r = m.rng
    places = [0, 0, 1, 2, "pic0", "pic2", 1, 0]
    for place, kind in zip(places, kinds(len(places), 1, r), strict=True):
        kind, level, category = m.case(kind)
        slides_secret(m, place, kind, level, category)
    kind, level, category = m.case("declassified")
    slides_secret(m, 0, kind, level, category)
    m.add(
        f"taphuan_{r.randint(1, 9)}",
        "pptx",
        slides(TRAINING_SLIDES),
        None,
        "hard_negative",
        "pptx",
        "hn_training",
    )
    m.add(
        f"taphuan_bmnn_{r.randint(1, 9)}",
        "pptx",
        slides(list(reversed(TRAINING_SLIDES))),
        None,
        "hard_negative",
        "pptx",
        "hn_training",
    )
    _key, _agency, title, sentences = r.choice(OTHER_MAT)
    m.add(
        f"slide_{r.randint(10, 99)}",
        "pptx",
        slides([(" ".join(title), [m.fill(s) for s in sentences])]),
        None,
        "hard_negative",
        "pptx",
        "hn_other_mat",
    )
    ntitle, nsent = r.choice(NEWS)
    m.add(
        "diem_tin",
        "pptx",
        slides([("Điểm tin tuần", [ntitle]), (ntitle, [m.fill(s) for s in nsent])]),
        None,
        "hard_negative",
        "pptx",
        "hn_leak_news",
    )
    doc = m.plain_doc(*r.choice(ORDINARY))
    draft = Block([r.choice(["DỰ THẢO", "LƯU HÀNH NỘI BỘ", "KHẨN"])], colour=RED)
    m.add(
        m.stem(doc, "pptx"),
        "pptx",
        slides([(" ".join(doc.title), doc.body)], stamp=(0, draft)),
        None,
        "hard_negative",
        "pptx",
        "hn_other_red_stamp",
    )
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(
        m.stem(doc, "pptx"),
        "pptx",
        slides([(" ".join(doc.title), doc.body)]),
        None,
        "negative",
        "pptx",
        "ordinary",
    )


def slides_secret(m: Maker, place: object, kind: str, level: str, category: str) -> None:
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS), annex=True)
    pages = [
        (" - ".join(doc.title), doc.body[:3]),
        (doc.annex[0], doc.annex[1:4]),
        ("Tổ chức thực hiện", [doc.signer[-1], doc.place_date]),
    ]
    picture = isinstance(place, str)
    index = int(str(place).removeprefix("pic"))
    blocks = m.marks(kind, level)
    block = Block(
        [row for b in blocks for row in b.rows],
        struck={0} if blocks[0].struck else set(),
        colour=blocks[0].colour,
        frame=blocks[0].frame,
        face=blocks[0].face,
        row_scale=0.85,
    )
    data = slides(pages, stamp=(index, block), picture=picture, rng=r)
    base = (
        "stamp_picture" if picture else ("later_sheet_or_slide" if index else "stamp_top_of_page")
    )
    m.add_doc(doc, "pptx", data, kind, level, category, base)


def make_html(m: Maker) -> None:
    r = m.rng
    styles = [
        ("box", "top"),
        ("spaced", "top"),
        ("spans", "top"),
        ("refs", "under_number"),
        ("img", "top"),
        ("box", "under_number"),
        ("box", "annex"),
        ("spans", "annex"),
        ("box", "top"),
    ]
    for (style, where), kind in zip(styles, kinds(len(styles), 1, r), strict=True):
        kind, level, category = m.case(kind)
        html_secret(m, style, where, kind, level, category)
    for style, where in (("box", "top"), ("img", "top")):
        kind, level, category = m.case("declassified")
        html_secret(m, style, where, kind, level, category)
    for title, sentences in NEWS[:2]:
        doc = m.plain_doc(
            ("BÁO LAM KIỀU ĐIỆN TỬ", "PHÁP LUẬT"), "BLK", ("TIN TỨC", title), tuple(sentences)
        )
        m.add(
            f"tin_{r.randint(1000, 9999)}",
            "html",
            html_page(doc, ""),
            None,
            "hard_negative",
            "html",
            "hn_leak_news",
        )
    doc = m.doc(PLAN)
    m.add(
        m.stem(doc, "html"),
        "html",
        html_page(doc, ""),
        None,
        "hard_negative",
        "html",
        "hn_protection_plan",
    )
    for key in ("honey", "bearbile"):
        _, agency, title, sentences = next(o for o in OTHER_MAT if o[0] == key)
        doc = m.plain_doc(agency, "TB", title, sentences)
        m.add(
            f"trang_{r.randint(10, 99)}",
            "html",
            html_page(doc, ""),
            None,
            "hard_negative",
            "html",
            "hn_other_mat",
        )
    doc = m.plain_doc(*r.choice(ORDINARY))
    stamp = block_html(
        Block([r.choice(["LƯU HÀNH NỘI BỘ", "THƯỢNG KHẨN", "SAO Y BẢN CHÍNH"])], colour=RED),
        "box",
        r,
    )
    m.add(
        m.stem(doc, "html"),
        "html",
        html_page(doc, stamp),
        None,
        "hard_negative",
        "html",
        "hn_other_red_stamp",
    )
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(m.stem(doc, "html"), "html", html_page(doc, ""), None, "negative", "html", "ordinary")


def html_secret(m: Maker, style: str, where: str, kind: str, level: str, category: str) -> None:
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS), cover=where == "annex")
    blocks = m.marks(kind, level)
    markup = "".join(block_html(b, style, r) + "<br>" for b in blocks)
    base = {
        "top": "stamp_top_of_page",
        "under_number": "stamp_under_number",
        "annex": "annex_after_public_letter",
    }[where]
    if style in ("spaced", "spans", "refs"):
        base = "html_markup_tricks"
    m.add(
        m.stem(doc, "html"),
        "html",
        html_page(doc, markup, where=where),
        level if category == "positive" else None,
        category,
        "html",
        family_of(kind, base),
    )


def make_text(m: Maker) -> None:
    r = m.rng
    variants = [
        ("box", "top", "utf-8", False),
        ("brackets", "top", "utf-8", False),
        ("spaced", "top", "utf-8", False),
        ("plain", "under_number", "utf-8", True),
        ("box", "top", "utf-16", False),
        ("plain", "annex", "utf-8-sig", False),
        ("brackets", "under_number", "utf-8", False),
        ("plain", "top", "utf-8", False),
    ]
    for (style, where, enc, nfd), kind in zip(variants, kinds(len(variants), 1, r), strict=True):
        kind, level, category = m.case(kind)
        text_secret(m, style, where, enc, nfd, kind, level, category)
    for style in ("plain", "box"):
        kind, level, category = m.case("declassified")
        text_secret(m, style, "top", "utf-8", False, kind, level, category)
    hard: list[tuple[Doc, str]] = [(m.doc(PLAN), "hn_protection_plan")]
    title, sentences = r.choice(NEWS)
    hard.append(
        (
            m.plain_doc(
                ("BÁO LAM KIỀU", "TIN TRONG NƯỚC"), "BLK", ("TIN TỨC", title), tuple(sentences)
            ),
            "hn_leak_news",
        )
    )
    for key in ("password", "tradesecret", "gallbladder"):
        _, agency, t, s = next(o for o in OTHER_MAT if o[0] == key)
        hard.append((m.plain_doc(agency, "HD", t, s), "hn_other_mat"))
    hard.append((m.doc(RULE), "hn_specimen_rule"))
    for doc, family in hard:
        m.add(m.stem(doc, "txt"), "txt", plain_text(doc, []), None, "hard_negative", "txt", family)
    doc = m.plain_doc(*r.choice(ORDINARY))
    m.add(m.stem(doc, "txt"), "txt", plain_text(doc, []), None, "negative", "txt", "ordinary")


def text_secret(
    m: Maker, style: str, where: str, enc: str, nfd: bool, kind: str, level: str, category: str
) -> None:
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS), cover=where == "annex")
    lines = [line for b in m.marks(kind, level) for line in block_text(b, style)]
    data = plain_text(doc, lines, where=where, encoding=enc, nfd=nfd)
    base = (
        "plain_text_encoding"
        if enc != "utf-8" or nfd or style == "spaced"
        else {
            "top": "stamp_top_of_page",
            "under_number": "stamp_under_number",
            "annex": "annex_after_public_letter",
        }[where]
    )
    m.add_doc(doc, "txt", data, kind, level, category, base)


# ---- mail and archives -------------------------------------------------------------------


def when(m: Maker) -> dt.datetime:
    r = m.rng
    return dt.datetime(
        2027,
        r.randint(1, 12),
        r.randint(1, 28),
        r.randint(7, 17),
        r.randint(0, 59),
        tzinfo=dt.timezone(dt.timedelta(hours=7)),
    )


def secret_attachment(
    m: Maker, how: str, kind: str, level: str
) -> tuple[Doc, str, list[tuple[str, bytes, str]], str | None]:
    """A mail's secret part: (document, text body, attachments, HTML body)."""
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS))
    blocks = m.marks(kind, level)
    greeting = f"Kính gửi anh/chị,\nGửi kèm {doc.title[0].lower()} {doc.title[1]}.\nTrân trọng."
    if how == "body":
        lines = [line for b in blocks for line in block_text(b, "plain")]
        return doc, "\n".join([*lines, "", *doc.title, *doc.body, "", doc.signer[-1]]), [], None
    if how == "forward":
        lines = [line for b in blocks for line in block_text(b, "brackets")]
        return (
            doc,
            "\n".join(
                [
                    "Chuyển tiếp để xử lý.",
                    "",
                    "---------- Forwarded message ---------",
                    f"From: vanthu.{doc.agency[1].split()[0].lower()}@lamkieu.gov.vn",
                    f"Subject: {doc.title[1]}",
                    "",
                    *lines,
                    *doc.body,
                ]
            ),
            [],
            None,
        )
    if how == "html":
        markup = "".join(block_html(b, "box", r) for b in blocks)
        return (
            doc,
            "Bản tin dạng văn bản thuần không khả dụng.",
            [],
            f"<html><body>{markup}<h3>{doc.title[1]}</h3>"
            + "".join(f"<p>{p}</p>" for p in doc.body)
            + "</body></html>",
        )
    if how == "docx":
        data = word_doc(doc, [Placed(blocks, r.choice(["under_number", "top_right"]))], r)
        return (
            doc,
            greeting,
            [
                (
                    f"{m.stem(doc, 'docx')}.docx",
                    data,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            ],
            None,
        )
    if how == "pdf":
        data = text_pdf(doc, [Placed(blocks, "under_number")], r)
        return doc, greeting, [(f"{m.stem(doc, 'pdf')}.pdf", data, "application/pdf")], None
    pages = page_images(m, doc, [Placed(blocks, r.choice(["under_number", "top_right"]))])
    return (
        doc,
        "Em gửi ảnh chụp văn bản ạ.",
        [(f"{m.stem(doc, 'photo')}.jpg", photographed(pages[0], r), "image/jpeg")],
        None,
    )


def make_mail(m: Maker) -> None:
    r = m.rng
    hows = ["body", "forward", "html", "docx", "docx", "pdf", "pdf", "photo"]
    for how, kind in zip(hows, kinds(len(hows), 1, r), strict=True):
        kind, level, category = m.case(kind)
        mail_secret(m, how, kind, level, category)
    for how in ("docx", "body"):
        kind, level, category = m.case("declassified")
        mail_secret(m, how, kind, level, category)
    title, sentences = r.choice(NEWS)
    hard = [
        (
            "Điểm tin pháp luật",
            "\n".join([title, *[m.fill(s) for s in sentences]]),
            [],
            "hn_leak_news",
        ),
        (
            "Đổi mật khẩu thư công vụ",
            "\n".join(m.fill(s) for s in OTHER_MAT[1][3]),
            [],
            "hn_other_mat",
        ),
        (
            "Kế hoạch bảo vệ BMNN 2027",
            "Gửi các phòng kế hoạch năm.",
            [("kehoach_bmnn.pdf", text_pdf(m.doc(PLAN), [], r), "application/pdf")],
            "hn_protection_plan",
        ),
        ("Mời gặp mặt thân mật", "\n".join(m.fill(s) for s in OTHER_MAT[4][3]), [], "hn_other_mat"),
        (
            "Mẫu phiếu đề xuất độ mật",
            "Gửi mẫu phiếu để các phòng dùng.",
            [
                (
                    "phieu.docx",
                    word_hard(m, "form")[0],
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                )
            ],
            "hn_empty_level_field",
        ),
    ]
    for subject, body, attachments, family in hard:
        data = mail(
            subject,
            "vanphong@lamkieu.gov.vn",
            "cacphong@lamkieu.gov.vn",
            body,
            attachments=attachments,
            when=when(m),
        )  # type: ignore[arg-type]
        m.add(f"mail_{r.randint(1000, 9999)}", "eml", data, None, "hard_negative", "eml", family)
    doc = m.plain_doc(*r.choice(ORDINARY))
    data = mail(
        doc.title[1],
        "vanphong@lamkieu.gov.vn",
        "toanthe@lamkieu.gov.vn",
        "\n".join(doc.body),
        when=when(m),
    )
    m.add(f"mail_{r.randint(1000, 9999)}", "eml", data, None, "negative", "eml", "ordinary")


def mail_secret(m: Maker, how: str, kind: str, level: str, category: str) -> None:
    r = m.rng
    doc, body, attachments, html_body = secret_attachment(m, how, kind, level)
    data = mail(
        doc.title[1],
        f"vanthu{r.randint(1, 9)}@lamkieu.gov.vn",
        "lanhdao@lamkieu.gov.vn",
        body,
        attachments=attachments,
        html_body=html_body,
        when=when(m),
    )
    base = {"body": "mail_body", "forward": "mail_body", "html": "mail_body"}.get(
        how, "mail_attachment"
    )
    m.add(
        f"mail_{r.randint(1000, 9999)}",
        "eml",
        data,
        level if category == "positive" else None,
        category,
        "eml",
        family_of(kind, base),
    )


def make_zips(m: Maker) -> None:
    r = m.rng
    hows = ["docx", "pdf", "scan", "nested", "txt", "docx", "nested"]
    for how, kind in zip(hows, kinds(len(hows), 1, r), strict=True):
        kind, level, category = m.case(kind)
        zip_secret(m, how, kind, level, category)
    kind, level, category = m.case("declassified")
    zip_secret(m, "pdf", kind, level, category)
    public = m.plain_doc(*r.choice(ORDINARY))
    hard_members = [
        [
            ("kehoach.docx", word_doc(m.doc(PLAN), [], r)),
            (
                "thongke.xlsx",
                workbook(
                    [
                        (
                            "Sheet1",
                            [
                                ["Độ mật", "Số lượng"],
                                ["Tuyệt mật", 2],
                                ["Tối mật", 14],
                                ["Mật", 71],
                            ],
                        )
                    ]
                ),
            ),
        ],
        [("quyche.pdf", text_pdf(m.doc(RULE), [], r, figures=specimens(m)))],
        [
            (
                "tin.html",
                html_page(
                    m.plain_doc(
                        ("BÁO LAM KIỀU", "PHÁP LUẬT"), "BLK", ("TIN TỨC", NEWS[0][0]), NEWS[0][1]
                    ),
                    "",
                ),
            )
        ],
        [
            (
                "baocao.txt",
                plain_text(
                    m.plain_doc(OTHER_MAT[6][1], "BC", OTHER_MAT[6][2], OTHER_MAT[6][3]), []
                ),
            ),
            (
                "giayravien.txt",
                plain_text(
                    m.plain_doc(OTHER_MAT[7][1], "GRV", OTHER_MAT[7][2], OTHER_MAT[7][3]), []
                ),
            ),
        ],
    ]
    families = ["hn_protection_plan", "hn_specimen_rule", "hn_leak_news", "hn_other_mat"]
    for members, family in zip(hard_members, families, strict=True):
        m.add(
            f"hoso_{r.randint(100, 999)}",
            "zip",
            zip_of(members, ZIP_DATE),
            None,
            "hard_negative",
            "zip",
            family,
        )
    m.add(
        f"hoso_{r.randint(100, 999)}",
        "zip",
        zip_of(
            [("thongbao.docx", word_doc(public, [], r)), ("thongbao.txt", plain_text(public, []))],
            ZIP_DATE,
        ),
        None,
        "negative",
        "zip",
        "ordinary",
    )


def zip_secret(m: Maker, how: str, kind: str, level: str, category: str) -> None:
    r = m.rng
    doc = m.doc(r.choice(SECRET_SUBJECTS), annex=True)
    blocks = m.marks(kind, level)
    public = m.plain_doc(*r.choice(ORDINARY))
    members: list[tuple[str, bytes]] = [("congvan_kemtheo.docx", word_doc(public, [], r))]
    if how == "docx":
        members.append(
            (f"{m.stem(doc, 'docx')}.docx", word_doc(doc, [Placed(blocks, "under_number")], r))
        )
    elif how == "pdf":
        members.append(
            (f"{m.stem(doc, 'pdf')}.pdf", text_pdf(doc, [Placed(blocks, "top_right")], r))
        )
    elif how == "scan":
        pages = page_images(m, doc, [Placed(blocks, "under_number")])
        members.append(
            (
                f"{m.stem(doc, 'scan')}.png",
                scan_bytes([degrade(pages[0], r, mode="grey", angle=1.2, scale=0.8)], "png"),
            )
        )
    elif how == "txt":
        members.append(
            (
                "noidung.txt",
                plain_text(doc, [line for b in blocks for line in block_text(b, "box")]),
            )
        )
    else:
        inner = zip_of(
            [(f"{m.stem(doc, 'docx')}.docx", word_doc(doc, [Placed(blocks, "top_right")], r))],
            ZIP_DATE,
        )
        members.append(("tailieu_kemtheo.zip", inner))
    base = "archive_nested" if how == "nested" else "archive"
    m.add(
        f"hoso_{r.randint(100, 999)}",
        "zip",
        zip_of(members, ZIP_DATE),
        level if category == "positive" else None,
        category,
        "zip",
        family_of(kind, base),
    )


# ---- Word 97 and the whole build -------------------------------------------------------------


def build(seed: int = SEED) -> list[Item]:
    m = Maker(seed)
    make_word(m, legacy=False)
    make_word(m, legacy=True)
    make_pdf(m)
    make_scans(m)
    make_photos(m)
    make_workbooks(m)
    make_slides(m)
    make_html(m)
    make_text(m)
    make_mail(m)
    make_zips(m)
    converted = word97_of({stem: data for stem, data, *_ in m.legacy})
    items = m.items + word97_items(
        [entry for entry in m.legacy if entry[0] in converted], converted
    )
    return renumbered(items, m.rng)


def main(out: str) -> None:
    write_corpus(Path(out), build(SEED))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "heldout11_out")
