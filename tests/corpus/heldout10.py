"""Held-out corpus 10 for the leak scanner: about 210 labelled files, built in memory.

Written by a helper who read neither the scanner's engine, nor its tests, nor the earlier
corpora's bodies or renderers (only tests/corpus/common.py, the bench harness and heldout9's
docstring and imports); nothing may be tuned against it. `build(SEED)` returns the files;
`python -m tests.corpus.heldout10 OUT` writes them and `labels.jsonl`. Renderers:
tests/corpus/heldout10_render.py.

The documents come from a fictional province, Hòa Lũng (communes Nậm Sơn, Bãi Ngang, Pù Tao,
Thượng Cát, Khe Mây, Vĩnh Đài; wards Cửa Ròn and Đông Hồ): guard plans for a national reserve
depot, a survey of a dedicated signal cable, the handover of weapons to a maritime militia
squadron, cadre succession lists, source reports on tin-ore smuggling, security for a senior
delegation, a proposed air-defence position, foreigners staying near a minor border gate and
the move of the province's leadership to a rear base. Secret files carry the level stamp (a red
framed word, sometimes double-framed, tilted, photocopied black, or with the copy number)
under the number, at the top of the page or on the annex after a public covering letter: Word
(framed paragraph, header-table cell, picture, page header or footer, second section), Word 97
made by LibreOffice from such files, PDFs with a text layer whose stamp is framed text (spaced
or turned) or a picture, scans (skewed, turned 90/180/270, grey, bilevel, weak contrast, 100-200
dpi, JPEG, multipage PDF and TIFF), phone photos of pages and of envelopes (perspective, uneven
light, a shadow), envelopes scanned or photographed with a circled A/B/C stamped in red or
printed, workbooks (print header or footer, a framed cell on the first or a later sheet),
slides (framed text box, picture, annex slide), web pages (framed box, picture, the word cut
across styled spans, CSS letter spacing, character references, windows-1258), mail (body,
attached Word, PDF or photo, HTML body, forwarded message), archives (nested too) and plain
text (UTF-8 boxed or spaced, NFD, UTF-16, windows-1258). A changed level (old stamp struck,
"ĐIỀU CHỈNH ĐỘ MẬT", the new level) is secret at the new level; a declassified file ("GIẢI MẬT"
with the old level struck or intact) is not secret. Hard negatives: the protection work's own
plans, rules with specimen stamps, training slides, counts by level, forms whose level field is
empty, leak news, other senses of "mật" (honey, passwords, density, trade secrets, close ties,
bear bile, molasses, gall bladder), other red stamps (KHẨN, HỎA TỐC, THƯỢNG KHẨN, BẢN SAO,
SAO Y BẢN CHÍNH, ĐÃ KÝ, LƯU HÀNH NỘI BỘ, DỰ THẢO, the incoming-mail stamp) and envelopes with
circled figures, a circled D or a round seal.
"""

from __future__ import annotations

import io
import sys
import unicodedata
from collections.abc import Callable
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
from tests.corpus.heldout10_render import (
    MOTTO,
    STAMP_FONTS,
    ZIP_DATE,
    Envelope,
    Mark,
    Page,
    data_uri,
    envelope_image,
    html_page,
    image_bytes,
    mail,
    photographed,
    picture_pdf,
    render_page,
    scanned,
    slides,
    stamp_image,
    text_pdf,
    to_cp1258,
    word_doc,
    workbook,
)
from tests.corpus.scanner_corpus import Item

SEED = 1010203
PROVINCE = "Hòa Lũng"
PLACES = ("Cửa Ròn", "Đông Hồ", "Hòa Lũng")
REDS = ((200, 30, 38), (214, 44, 52), (178, 22, 34), (206, 60, 64))
BLACK = (40, 40, 40)

AGENCIES = (
    (("ỦY BAN NHÂN DÂN", "TỈNH HÒA LŨNG"), "UBND"),
    (("CÔNG AN TỈNH HÒA LŨNG", "PHÒNG AN NINH NỘI ĐỊA"), "PA09"),
    (("BỘ CHỈ HUY QUÂN SỰ", "TỈNH HÒA LŨNG"), "BCH"),
    (("TỈNH ỦY HÒA LŨNG", "BAN TỔ CHỨC"), "BTCTU"),
    (("UBND TỈNH HÒA LŨNG", "SỞ CÔNG THƯƠNG"), "SCT"),
    (("UBND TỈNH HÒA LŨNG", "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"), "SNNMT"),
    (("BỘ ĐỘI BIÊN PHÒNG TỈNH HÒA LŨNG", "ĐỒN BIÊN PHÒNG ĐÔNG HỒ"), "ĐBP"),
    (("UBND TỈNH HÒA LŨNG", "VĂN PHÒNG"), "VP"),
)

Kind = tuple[str, tuple[str, ...], tuple[str, ...]]

SECRET_KINDS: tuple[Kind, ...] = (
    (
        "PA",
        ("PHƯƠNG ÁN", "Bảo vệ Kho dự trữ quốc gia Khe Mây trong mùa mưa bão năm 2026"),
        (
            "Bố trí ba chốt gác cố định tại cổng chính, cổng phụ phía suối và khu nhà kho số 4, mỗi chốt hai đồng chí trực 24/24 giờ.",
            "Tuần tra vòng ngoài theo lộ trình bờ rào phía tây, đồi thông, bến xuồng; mỗi vòng không quá 40 phút.",
            "Khi mất điện lưới, tổ kỹ thuật khởi động máy phát dự phòng trong vòng 5 phút và báo cáo trực ban Bộ Chỉ huy.",
            "Danh mục hàng dự trữ, số lượng và vị trí từng lô được lập tại phụ lục riêng, không sao chụp.",
            "Lực lượng cơ động của Công an xã Khe Mây sẵn sàng tăng cường khi có tín hiệu báo động cấp 2.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Kết quả khảo sát tuyến cáp thông tin chuyên dùng qua địa bàn xã Nậm Sơn"),
        (
            "Tổng chiều dài tuyến đã khảo sát là 18,6 km, trong đó 4,2 km đi ngầm dưới hành lang đường tỉnh 279.",
            "Phát hiện hai hố ga bị vỡ nắp tại Km 7+300 và Km 11+050, có nguy cơ bị xâm hại.",
            "Đề nghị bổ sung biển cảnh báo và giao Công an xã phối hợp kiểm tra định kỳ hằng tháng.",
            "Sơ đồ tuyến, tọa độ các điểm nối và trạm lặp được thể hiện tại bản vẽ kèm theo.",
        ),
    ),
    (
        "KH",
        (
            "KẾ HOẠCH",
            "Tiếp nhận, cất giữ vũ khí trang bị cho Hải đội dân quân thường trực Bãi Ngang",
        ),
        (
            "Thời gian tiếp nhận dự kiến từ ngày 05 đến ngày 07 tháng 11 năm 2026, vận chuyển bằng đường bộ vào ban đêm.",
            "Kho tạm tại doanh trại Hải đội được gia cố cửa thép, lắp khóa hai lớp và niêm phong sau mỗi lần xuất, nhập.",
            "Chỉ huy trưởng Hải đội chịu trách nhiệm trực tiếp về số lượng, chủng loại và tình trạng kỹ thuật khi bàn giao.",
            "Nghiêm cấm chụp ảnh, quay phim khu vực kho và phương tiện vận chuyển dưới mọi hình thức.",
        ),
    ),
    (
        "DS",
        ("DANH SÁCH", "Cán bộ trong diện quy hoạch chức danh chủ chốt nhiệm kỳ 2026 - 2031"),
        (
            "Danh sách gồm 23 đồng chí, được Ban Thường vụ thống nhất tại phiên họp ngày 14 tháng 9 năm 2026.",
            "Các đồng chí có tên đánh dấu (*) cần bổ sung chứng chỉ lý luận chính trị cao cấp trước tháng 6 năm 2027.",
            "Kết quả phiếu tín nhiệm của từng đồng chí được ghi tại cột 7 và chỉ phục vụ Ban Thường vụ.",
            "Đề nghị Ban Tổ chức rà soát lại hồ sơ hai trường hợp có đơn phản ánh trong năm.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Tổng hợp nguồn tin về đường dây khai thác, vận chuyển trái phép quặng thiếc"),
        (
            "Qua trinh sát, xác định ít nhất ba nhóm đối tượng tổ chức khai thác tại thượng nguồn suối Pù Tao.",
            "Quặng được gom về điểm tập kết ở bản Cốc Mạ rồi chở bằng xe tải nhẹ vào ban đêm qua đường mòn.",
            "Nguồn tin do cơ sở bí số KM-07 cung cấp, đã được kiểm tra chéo qua hai kênh độc lập.",
            "Đề xuất xác lập chuyên án đấu tranh, thời gian dự kiến bắt đầu từ quý I năm 2027.",
        ),
    ),
    (
        "PA",
        ("PHƯƠNG ÁN", "Bảo đảm an ninh, an toàn đoàn khách cấp cao thăm, làm việc tại tỉnh"),
        (
            "Lộ trình chính từ sân bay về khu nghỉ dưỡng Đông Hồ; lộ trình dự phòng đi qua cầu Vĩnh Đài.",
            "Bố trí 46 cán bộ, chiến sĩ tại các điểm dừng, trong đó 12 đồng chí mặc thường phục.",
            "Tần số liên lạc nội bộ và tên gọi các tổ công tác được phổ biến trực tiếp, không ghi vào văn bản.",
            "Phòng Cảnh sát giao thông điều tiết, phân luồng tại các nút giao trong thời gian đoàn di chuyển.",
        ),
    ),
    (
        "TTr",
        ("TỜ TRÌNH", "Đề xuất vị trí xây dựng trận địa phòng không trên điểm cao 412"),
        (
            "Điểm cao 412 thuộc xã Thượng Cát có tầm quan sát bao quát hướng tây bắc, cách khu dân cư gần nhất 2,3 km.",
            "Diện tích đất cần thu hồi khoảng 3,8 ha, chủ yếu là rừng sản xuất do Ban quản lý rừng phòng hộ quản lý.",
            "Kinh phí xây dựng công sự, đường cơ động và hệ thống ngụy trang dự kiến 27,5 tỷ đồng.",
            "Kính đề nghị Thường trực Tỉnh ủy xem xét, cho chủ trương để triển khai các bước tiếp theo.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Tình hình người nước ngoài cư trú trái phép khu vực cửa khẩu phụ Đông Hồ"),
        (
            "Trong quý III, lực lượng chức năng phát hiện 17 trường hợp nhập cảnh qua đường mòn, lối mở.",
            "Một số đối tượng có biểu hiện thu thập thông tin về các đơn vị đóng quân trên địa bàn.",
            "Đã phối hợp với Đồn Biên phòng Đông Hồ lập hồ sơ theo dõi 5 trường hợp có dấu hiệu nghi vấn.",
            "Đề nghị tăng cường quản lý lưu trú tại các nhà nghỉ, homestay dọc tuyến biên giới.",
        ),
    ),
    (
        "KH",
        ("KẾ HOẠCH", "Di chuyển cơ quan lãnh đạo tỉnh đến căn cứ hậu phương khi có tình huống"),
        (
            "Khi có lệnh, các cơ quan lãnh đạo di chuyển theo ba đợt, đợt đầu xuất phát trong vòng 6 giờ.",
            "Căn cứ hậu phương đặt tại thung lũng phía bắc xã Nậm Sơn, có hầm chỉ huy và nguồn nước tại chỗ.",
            "Mỗi sở, ngành chuẩn bị sẵn danh sách cán bộ đi đợt đầu và hòm tài liệu cần mang theo.",
            "Đường cơ động chính và đường dự phòng được đánh dấu trên bản đồ tỉ lệ 1:50.000 lưu tại Bộ Chỉ huy.",
        ),
    ),
)

ORDINARY_KINDS: tuple[Kind, ...] = (
    (
        "KH",
        ("KẾ HOẠCH", "Tổ chức Ngày hội văn hóa, thể thao các dân tộc xã Khe Mây năm 2026"),
        (
            "Ngày hội diễn ra trong hai ngày 28 và 29 tháng 11 năm 2026 tại sân vận động trung tâm xã.",
            "Các nội dung thi đấu gồm kéo co, đẩy gậy, bắn nỏ, ném còn và thi trình diễn trang phục truyền thống.",
            "Mỗi thôn, bản cử một đội tham gia, danh sách gửi về Văn phòng HĐND và UBND xã trước ngày 15 tháng 11.",
            "Kinh phí tổ chức từ ngân sách xã và nguồn xã hội hóa, bảo đảm tiết kiệm, an toàn.",
        ),
    ),
    (
        "TB",
        ("THÔNG BÁO", "Lịch tiếp công dân định kỳ của Chủ tịch UBND tỉnh tháng 11 năm 2026"),
        (
            "Chủ tịch UBND tỉnh tiếp công dân định kỳ vào ngày 15 tháng 11 năm 2026 tại Trụ sở Tiếp công dân tỉnh.",
            "Công dân đến liên hệ cần mang theo giấy tờ tùy thân và các tài liệu liên quan đến nội dung kiến nghị.",
            "Trường hợp trùng ngày nghỉ, lịch tiếp được chuyển sang ngày làm việc liền kề.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Kết quả tiêm phòng vắc xin lở mồm long móng cho gia súc đợt 2 năm 2026"),
        (
            "Toàn tỉnh đã tiêm được 41.270 liều cho trâu, bò, lợn, đạt 92,4% kế hoạch.",
            "Các xã Pù Tao và Thượng Cát đạt tỷ lệ thấp do địa bàn rộng, đàn gia súc thả rông.",
            "Không ghi nhận ổ dịch mới; công tác giám sát tại các chợ gia súc được duy trì hằng tuần.",
            "Đề nghị bổ sung 5.000 liều vắc xin cho đợt tiêm vét trong tháng 12.",
        ),
    ),
    (
        "QĐ",
        (
            "QUYẾT ĐỊNH",
            "Về việc khen thưởng các tập thể có thành tích trong xây dựng nông thôn mới",
        ),
        (
            "Tặng Bằng khen của Chủ tịch UBND tỉnh cho 12 tập thể có thành tích xuất sắc trong phong trào.",
            "Mỗi tập thể được tặng kèm mức tiền thưởng theo quy định hiện hành.",
            "Chánh Văn phòng UBND tỉnh, Giám đốc Sở Nội vụ và các tập thể có tên chịu trách nhiệm thi hành.",
        ),
    ),
    (
        "CV",
        ("V/v đôn đốc quyết toán kinh phí sửa chữa trường học sau bão số 6",),
        (
            "Đến nay mới có 9 trên 21 đơn vị gửi hồ sơ quyết toán kinh phí sửa chữa trường học sau bão.",
            "Đề nghị các đơn vị còn lại hoàn thiện hồ sơ, gửi Sở Tài chính trước ngày 30 tháng 11 năm 2026.",
            "Quá thời hạn trên, đơn vị nào chưa quyết toán sẽ bị tạm dừng cấp kinh phí năm sau.",
        ),
    ),
    (
        "GM",
        ("GIẤY MỜI", "Dự hội nghị sơ kết công tác chuyển đổi số 9 tháng đầu năm 2026"),
        (
            "Thời gian: 8 giờ 00 ngày 03 tháng 11 năm 2026; địa điểm: Hội trường tầng 3, Trung tâm Hành chính công tỉnh.",
            "Thành phần: lãnh đạo các sở, ban, ngành và Chủ tịch UBND các xã, phường.",
            "Đề nghị các đơn vị chuẩn bị ý kiến tham luận, gửi trước về Sở Khoa học và Công nghệ.",
        ),
    ),
)

PROTECTION_PLAN: Kind = (
    "KH",
    ("KẾ HOẠCH", "Công tác bảo vệ bí mật nhà nước năm 2027"),
    (
        "Rà soát, thống kê toàn bộ tài liệu, vật chứa bí mật nhà nước độ Tuyệt mật, Tối mật và Mật đang lưu giữ tại các phòng.",
        "Bì đựng tài liệu độ Tuyệt mật ngoài bì đóng dấu chữ A, độ Tối mật đóng dấu chữ B, độ Mật đóng dấu chữ C.",
        "Không soạn thảo, lưu giữ tài liệu mật trên máy tính có kết nối Internet; máy soạn thảo phải được đăng ký và niêm phong cổng kết nối.",
        "Người được giao quản lý con dấu độ mật mở sổ theo dõi việc đóng dấu và cất giữ con dấu trong tủ có khóa.",
        "Tổ chức tập huấn cho toàn bộ cán bộ văn thư, lưu trữ về xác định độ mật, điều chỉnh độ mật và giải mật.",
        "Kiểm tra việc chấp hành Luật Bảo vệ bí mật nhà nước số 29/2018/QH14 và Nghị định số 26/2020/NĐ-CP tại ít nhất 5 đơn vị.",
    ),
)
PROTECTION_RULES: Kind = (
    "QC",
    ("QUY CHẾ", "Bảo vệ bí mật nhà nước của Sở Công Thương tỉnh Hòa Lũng"),
    (
        "Điều 7. Con dấu độ mật gồm dấu TUYỆT MẬT, TỐI MẬT và MẬT, đóng phía dưới số, ký hiệu của văn bản.",
        "Điều 9. Việc sao, chụp tài liệu độ Tối mật phải được Giám đốc Sở cho phép bằng văn bản.",
        "Điều 12. Tài liệu mật mang ra ngoài cơ quan phải đựng trong cặp có khóa, do người được giao nhiệm vụ trực tiếp mang theo.",
        "Điều 15. Việc tiêu hủy tài liệu mật phải thành lập hội đồng và lập biên bản tiêu hủy.",
    ),
)
COUNTS: Kind = (
    "BC",
    ("BÁO CÁO", "Kết quả thống kê tài liệu, vật chứa bí mật nhà nước năm 2026"),
    (
        "Tổng số tài liệu, vật chứa bí mật nhà nước đang quản lý là 44, gồm: Tuyệt mật: 0; Tối mật: 3; Mật: 41.",
        "Trong năm đã đề xuất giải mật 6 tài liệu và điều chỉnh độ mật 2 tài liệu; không để xảy ra lộ, mất.",
        "Số tài liệu độ Mật phát sinh chủ yếu từ công tác quy hoạch cán bộ và quản lý đất quốc phòng.",
    ),
)
COUNT_TABLE = [
    ["Độ mật", "Số lượng", "Ghi chú"],
    ["Tuyệt mật", "0", ""],
    ["Tối mật", "3", "lưu tại Văn phòng"],
    ["Mật", "41", ""],
]
EMPTY_FORM: Kind = (
    "PT",
    ("PHIẾU TRÌNH", "Giải quyết công việc"),
    (
        "Vấn đề trình: đề nghị phê duyệt dự toán mua sắm bàn ghế phòng họp tầng 2.",
        "Ý kiến của phòng chủ trì: đủ điều kiện trình lãnh đạo Sở xem xét.",
        "Độ khẩn: ..................     Độ mật: ..................",
    ),
)
FORM_TABLE = [
    ["Nội dung", "Điền thông tin"],
    ["Độ khẩn", ""],
    ["Độ mật", ""],
    ["Số trang", "02"],
]
CHECKBOX_LINE = (
    "Độ mật:  ☐ Tuyệt mật   ☐ Tối mật   ☐ Mật        Độ khẩn:  ☐ Khẩn   ☐ Thượng khẩn   ☐ Hỏa tốc"
)
LEAK_NEWS: Kind = (
    "",
    ("KHỞI TỐ CỰU CÁN BỘ LÀM LỘ BÍ MẬT NHÀ NƯỚC",),
    (
        "Cơ quan An ninh điều tra Công an tỉnh Hòa Lũng vừa khởi tố bị can đối với một cựu chuyên viên về tội cố ý làm lộ bí mật nhà nước.",
        "Theo cơ quan điều tra, bị can đã chụp ảnh 14 trang tài liệu độ Tối mật rồi gửi cho người quen qua ứng dụng nhắn tin.",
        "Một tài liệu khác đóng dấu MẬT bị bỏ quên trên xe taxi và được tài xế giao nộp cho công an phường Cửa Ròn.",
        "Vụ việc đang được mở rộng điều tra theo Điều 337 Bộ luật Hình sự.",
    ),
)
OTHER_MAT: tuple[Kind, ...] = (
    (
        "BC",
        ("BÁO CÁO", "Tình hình phát triển nghề nuôi ong lấy mật tại xã Pù Tao"),
        (
            "Sản lượng mật ong năm 2026 ước đạt 86 tấn, tăng 12% so với năm trước.",
            "Giá mật ong bạc hà thu mua tại vườn dao động từ 180.000 đến 220.000 đồng mỗi lít.",
            "Nhãn hiệu tập thể Mật ong Pù Tao đã được cấp văn bằng bảo hộ tháng 8 năm 2026.",
        ),
    ),
    (
        "QĐ",
        ("QUY ĐỊNH", "Quản lý tài khoản và mật khẩu trên hệ thống quản lý văn bản và điều hành"),
        (
            "Mật khẩu phải có ít nhất 12 ký tự, gồm chữ hoa, chữ thường, chữ số và ký tự đặc biệt.",
            "Người dùng không được dùng chung mật khẩu hoặc ghi mật khẩu lên giấy dán cạnh máy tính.",
            "Hệ thống yêu cầu đổi mật khẩu sau 90 ngày và khóa tài khoản sau 5 lần đăng nhập sai.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Thuyết minh điều chỉnh quy hoạch phân khu đô thị Đông Hồ"),
        (
            "Mật độ dân số khu vực lõi đô thị năm 2026 là 4.120 người/km², dự báo tăng lên 6.000 người/km² vào năm 2035.",
            "Mật độ xây dựng tối đa đối với lô đất ở liền kề là 80%, lô đất biệt thự là 55%.",
            "Mật độ cây xanh công cộng tối thiểu 5 m² mỗi người.",
        ),
    ),
    (
        "HĐ",
        (
            "HỢP ĐỒNG",
            "Chuyển giao công nghệ chế biến chè xanh giữa Hợp tác xã Khe Mây và Công ty Trà Việt",
        ),
        (
            "Bên nhận chuyển giao cam kết giữ bí mật kinh doanh về công thức phối trộn và quy trình sao chè.",
            "Hai bên phối hợp mật thiết trong việc kiểm soát chất lượng nguyên liệu đầu vào.",
            "Điều khoản bảo mật thông tin có hiệu lực trong 5 năm kể từ ngày thanh lý hợp đồng.",
        ),
    ),
    (
        "",
        ("GIẢI CỨU 4 CÁ THỂ GẤU NUÔI NHỐT LẤY MẬT",),
        (
            "Lực lượng kiểm lâm vừa tiếp nhận 4 cá thể gấu ngựa bị nuôi nhốt trái phép để lấy mật tại xã Vĩnh Đài.",
            "Chủ hộ khai nhận đã bán mật gấu cho khách du lịch với giá 300.000 đồng một ống.",
            "Các cá thể gấu được chuyển về Trung tâm cứu hộ để chăm sóc.",
        ),
    ),
    (
        "BC",
        ("BÁO CÁO", "Tình hình sản xuất của Nhà máy đường Thượng Cát vụ ép 2025 - 2026"),
        (
            "Nhà máy đã ép 312.000 tấn mía, thu hồi 30.500 tấn đường và 11.800 tấn mật rỉ.",
            "Mật rỉ đường được bán cho cơ sở sản xuất cồn và thức ăn chăn nuôi trong tỉnh.",
            "Giá mía nguyên liệu bình quân 1,1 triệu đồng mỗi tấn tại ruộng.",
        ),
    ),
    (
        "TB",
        ("THÔNG BÁO", "Lịch khám sàng lọc bệnh lý gan, mật miễn phí tại Bệnh viện đa khoa tỉnh"),
        (
            "Bệnh viện tổ chức khám sàng lọc sỏi túi mật, viêm đường mật và gan nhiễm mỡ cho người từ 40 tuổi.",
            "Người bệnh nhịn ăn sáng để siêu âm ổ bụng chính xác.",
            "Thời gian khám: sáng thứ Bảy các tuần trong tháng 11 năm 2026.",
        ),
    ),
)
OTHER_RED = (
    ("KHẨN",),
    ("HỎA TỐC",),
    ("THƯỢNG KHẨN",),
    ("BẢN SAO",),
    ("SAO Y BẢN CHÍNH",),
    ("ĐÃ KÝ",),
    ("LƯU HÀNH NỘI BỘ",),
    ("DỰ THẢO",),
    ("CÔNG VĂN ĐẾN", "Số: 1284", "Ngày: 21/10/2026"),
)


class Corpus:
    """The files as they are built, with what each Word 97 file is converted from."""

    def __init__(self, seed: int) -> None:
        self.rng = Random(seed)
        self.items: list[Item] = []
        self.legacy: list[tuple[str, bytes, str | None, str, str, bool]] = []
        self.used: set[str] = set()
        self.cycle: list[str] = []

    # -- labels and names ---------------------------------------------------------------------

    def stem(self, slug: str) -> str:
        while True:
            stem = f"000_{slug}_{self.rng.getrandbits(16):04x}"
            if stem not in self.used:
                self.used.add(stem)
                return stem

    def add(
        self,
        slug: str,
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
                f"{self.stem(slug)}.{ext}", data, level, category, fmt, family, declassified=dec
            )
        )

    def level(self) -> str:
        """The next level of a shuffled round: the three levels come equally often."""
        if not self.cycle:
            self.cycle = list(LEVELS)
            self.rng.shuffle(self.cycle)
        return self.cycle.pop()

    # -- pages and marks ------------------------------------------------------------------------

    def agency(self) -> tuple[tuple[str, ...], str]:
        return self.rng.choice(AGENCIES)

    def page(self, kind: Kind, marks: list[Mark], *, table: list[list[str]] | None = None) -> Page:
        r = self.rng
        lines, code = self.agency()
        body = list(kind[2])
        r.shuffle(body)
        body = body[: r.randint(3, len(body))]
        return Page(
            agency=lines,
            number=f"Số: {r.randint(3, 480)}/{kind[0] + '-' if kind[0] else ''}{code}",
            place_date=f"{r.choice(PLACES)}, ngày {r.randint(1, 28):02d} tháng {r.randint(7, 10):02d} năm 2026",
            title=kind[1],
            body=body,
            marks=marks,
            table=table or [],
            signer=(
                r.choice(("GIÁM ĐỐC", "CHỦ TỊCH", "CHỈ HUY TRƯỞNG", "TRƯỞNG BAN", "TRƯỞNG PHÒNG")),
                "(Ký, ghi rõ họ tên)",
                r.choice(
                    ("Lò Văn Khiêm", "Hà Thị Ngân", "Đinh Quốc Bảo", "Vi Thanh Tùng", "Mã Thị Yến")
                ),
            ),
            family=r.choice(("serif", "serif", "sans", "dejavu")),
            size_pt=r.choice((12.0, 13.0, 13.0, 14.0)),
            paper=r.choice(((253, 252, 249), (255, 255, 255), (248, 246, 238))),
        )

    def covered(self, kind: Kind, annex_marks: list[Mark]) -> list[Page]:
        """A covering letter with no level, then the annex that carries the stamps."""
        r = self.rng
        letter = self.page(
            (
                "CV",
                (f"V/v gửi phụ lục kèm theo {kind[1][0].lower()} số {r.randint(10, 99)}",),
                (
                    f"Thực hiện chỉ đạo của Thường trực UBND tỉnh {PROVINCE}, đơn vị gửi kèm theo Công văn này phụ lục chi tiết để các cơ quan liên quan nghiên cứu, thực hiện.",
                    "Đề nghị các cơ quan quản lý, sử dụng phụ lục đúng phạm vi, đúng đối tượng được giao và báo cáo kết quả trước ngày 30 tháng 11 năm 2026.",
                    "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị liên hệ Văn phòng để được hướng dẫn.",
                ),
            ),
            [],
        )
        annex = self.page(kind, annex_marks, table=self.rows(kind) if r.random() < 0.5 else None)
        annex.heading = f"PHỤ LỤC {r.choice(('I', 'II', '01', 'SỐ 1'))}"
        where = r.choice(("under_number", "top_left", "top_right"))
        for mark in annex_marks:
            if mark.where == "under_number":
                mark.where = where
        return [letter, annex]

    def rows(self, kind: Kind) -> list[list[str]]:
        r = self.rng
        names = ("Tổ 1", "Tổ 2", "Tổ 3", "Chốt A", "Điểm B", "Mục tiêu 5")
        return [["TT", "Nội dung", "Ghi chú"]] + [
            [
                str(i + 1),
                f"{r.choice(names)} - {kind[1][-1][:24]}",
                r.choice(("", "đã kiểm tra", "bổ sung")),
            ]
            for i in range(r.randint(3, 5))
        ]

    def level_mark(self, level: str, *, where: str = "") -> Mark:
        r = self.rng
        photocopy = r.random() < 0.08
        return Mark(
            (LEVEL_WORD[level],),
            frame=r.choice(("rect", "rect", "rect", "double")),
            colour=BLACK if photocopy else r.choice(REDS),
            scale=r.uniform(0.85, 1.3),
            angle=r.uniform(-5, 5) if r.random() < 0.5 else 0.0,
            font=r.choice(STAMP_FONTS),
            where=where or r.choice(("under_number",) * 5 + ("top_left", "top_right")),
        )

    def secret_marks(self, level: str, *, where: str = "") -> list[Mark]:
        marks = [self.level_mark(level, where=where)]
        if self.rng.random() < 0.2:
            marks.append(
                Mark(
                    (f"Bản số: {self.rng.randint(1, 9):02d}",),
                    frame="none",
                    colour=BLACK,
                    scale=0.7,
                    where=marks[0].where,
                )
            )
        return marks

    def decision(self) -> str:
        r = self.rng
        return f"Theo QĐ số {r.randint(11, 240)}/QĐ-{r.choice(('UBND', 'CAT', 'BCH', 'SCT'))} ngày {r.randint(1, 28):02d}/{r.randint(1, 10):02d}/2026"

    def changed_marks(self, old: str, new: str) -> list[Mark]:
        """The old stamp struck through, the change stamp and the new level."""
        r = self.rng
        struck = self.level_mark(old, where="under_number")
        struck.strike = r.choice(("line", "line", "cross"))
        struck.strike_colour = r.choice(((30, 40, 150), BLACK, struck.colour))
        if r.random() < 0.5:
            change = Mark(
                ("ĐIỀU CHỈNH ĐỘ MẬT", f"Thành: {LEVEL_WORD[new]}", self.decision()),
                colour=r.choice(REDS),
                font=r.choice(STAMP_FONTS),
                scale=r.uniform(0.9, 1.1),
            )
            return [struck, change]
        change = Mark(
            ("ĐIỀU CHỈNH ĐỘ MẬT", self.decision()),
            colour=r.choice(REDS),
            font=r.choice(STAMP_FONTS),
        )
        return [struck, change, self.level_mark(new, where="under_number")]

    def declassified_marks(self, old: str) -> list[Mark]:
        """'GIẢI MẬT' with the decision, the old level struck or left as it was."""
        r = self.rng
        kept = self.level_mark(old, where="under_number")
        if r.random() < 0.6:
            kept.strike = r.choice(("line", "cross"))
        note = Mark(
            ("GIẢI MẬT", self.decision()),
            colour=r.choice(REDS),
            font=r.choice(STAMP_FONTS),
            scale=r.uniform(0.9, 1.15),
        )
        return [kept, note] if r.random() < 0.7 else [note, kept]

    def red_marks(self) -> list[Mark]:
        """One or two red stamps that are not levels."""
        r = self.rng
        chosen = r.sample(OTHER_RED, r.choice((1, 1, 2)))
        return [
            Mark(
                lines,
                colour=r.choice(REDS),
                font=r.choice(STAMP_FONTS),
                scale=r.uniform(0.9, 1.2),
                angle=r.uniform(-4, 4),
                frame=r.choice(("rect", "double")),
            )
            for lines in chosen
        ]

    def specimens(self) -> list[Mark]:
        """The three level stamps as a rule's annex shows them, each captioned as a specimen."""
        r = self.rng
        marks = []
        for i, level in enumerate(LEVELS, 1):
            mark = self.level_mark(level, where="under_number")
            mark.caption = f"Mẫu số {i:02d}: mẫu dấu độ {LEVEL_WORD[level].capitalize()} (minh họa, không có giá trị sử dụng)"
            mark.angle = 0.0
            mark.colour = r.choice(REDS)
            marks.append(mark)
        r.shuffle(marks)
        return marks

    def hard_page(self, which: str) -> tuple[Page, str]:
        """A hard negative page and its family."""
        r = self.rng
        if which == "plan":
            return self.page(PROTECTION_PLAN, []), "protection_work"
        if which == "rules":
            page = self.page(PROTECTION_RULES, self.specimens())
            page.heading = "PHỤ LỤC: MẪU CON DẤU ĐỘ MẬT (MẪU MINH HỌA)"
            return page, "specimen_stamps"
        if which == "counts":
            return self.page(COUNTS, [], table=COUNT_TABLE), "counts_by_level"
        if which == "form":
            page = self.page(EMPTY_FORM, [], table=FORM_TABLE if r.random() < 0.5 else None)
            if r.random() < 0.5:
                page.body.append(CHECKBOX_LINE)
            return page, "empty_level_field"
        if which == "news":
            page = self.page(LEAK_NEWS, [])
            page.agency, page.number = ("BÁO HÒA LŨNG ĐIỆN TỬ", "Thời sự - Pháp luật"), ""
            return page, "leak_news"
        if which == "mat":
            return self.page(r.choice(OTHER_MAT), []), "other_sense_of_mat"
        return self.page(r.choice(ORDINARY_KINDS), self.red_marks()), "other_red_stamp"

    # -- Word -----------------------------------------------------------------------------------

    def docx(self) -> None:
        r = self.rng
        modes = [
            "paragraph",
            "paragraph",
            "cell",
            "cell",
            "picture",
            "picture",
            "header",
            "footer",
            "section",
            "annex",
            "annex",
            "cell",
        ]
        for mode in modes:
            level = self.level()
            family = {
                "picture": "word_picture",
                "header": "word_header_footer",
                "footer": "word_header_footer",
                "section": "multipage_later_page",
                "annex": "multipage_later_page",
            }.get(mode, "word_stamp")
            if mode in ("section", "annex"):
                pages = self.covered(r.choice(SECRET_KINDS), self.secret_marks(level))
                if mode == "section":
                    pages[1].heading = ""
                data = word_doc(pages, r, mode="section" if mode == "section" else "paragraph")
            else:
                data = word_doc(
                    [self.page(r.choice(SECRET_KINDS), self.secret_marks(level))], r, mode=mode
                )
            self.add("vb", "docx", data, level, "positive", "docx", family)
        for _ in range(2):
            old, new = r.sample(LEVELS, 2)
            data = word_doc([self.page(r.choice(SECRET_KINDS), self.changed_marks(old, new))], r)
            self.add("vb", "docx", data, new, "positive", "docx", "level_changed")
        for _ in range(2):
            data = word_doc(
                [self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))],
                r,
                mode=r.choice(("paragraph", "cell")),
            )
            self.add("vb", "docx", data, None, "declassified", "docx", "declassified")
        for which in ("plan", "rules", "counts", "form", "news", "mat", "red"):
            page, family = self.hard_page(which)
            mode = "cell" if which == "red" and r.random() < 0.5 else "paragraph"
            self.add(
                "vb", "docx", word_doc([page], r, mode=mode), None, "hard_negative", "docx", family
            )
        for _ in range(2):
            self.add(
                "vb",
                "docx",
                word_doc([self.page(r.choice(ORDINARY_KINDS), [])], r),
                None,
                "negative",
                "docx",
                "ordinary",
            )

    def doc97(self) -> None:
        """Word 97 files: kept as .docx here, converted by LibreOffice in one run at the end."""
        r = self.rng

        def keep(data: bytes, level: str | None, category: str, family: str) -> None:
            self.legacy.append(
                (self.stem("vb97"), data, level, category, family, category == "declassified")
            )

        for mode in ("cell", "cell", "cell", "cell", "paragraph", "paragraph", "header", "picture"):
            level = self.level()
            data = word_doc(
                [
                    self.page(
                        r.choice(SECRET_KINDS),
                        self.secret_marks(level),
                        table=self.rows(SECRET_KINDS[0]) if r.random() < 0.5 else None,
                    )
                ],
                r,
                mode=mode,
            )
            keep(data, level, "positive", "word97")
        level = self.level()
        keep(
            word_doc(self.covered(r.choice(SECRET_KINDS), self.secret_marks(level)), r),
            level,
            "positive",
            "word97",
        )
        old, new = r.sample(LEVELS, 2)
        keep(
            word_doc(
                [self.page(r.choice(SECRET_KINDS), self.changed_marks(old, new))], r, mode="cell"
            ),
            new,
            "positive",
            "level_changed",
        )
        keep(
            word_doc([self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))], r),
            None,
            "declassified",
            "declassified",
        )
        for which in ("rules", "counts", "mat", "red"):
            page, family = self.hard_page(which)
            keep(
                word_doc([page], r, mode="cell" if which == "red" else "paragraph"),
                None,
                "hard_negative",
                family,
            )
        for _ in range(2):
            keep(
                word_doc([self.page(r.choice(ORDINARY_KINDS), [])], r), None, "negative", "ordinary"
            )

    # -- PDF with a text layer ------------------------------------------------------------------

    def pdf(self) -> None:
        r = self.rng
        for variant in (
            "text",
            "text",
            "image",
            "image",
            "image",
            "image",
            "spaced",
            "turned",
            "annex",
            "annex",
            "annex_image",
        ):
            level = self.level()
            marks = self.secret_marks(level)
            if variant == "spaced":
                marks[0].spacing = r.uniform(0.25, 0.5)
            if variant == "turned":
                marks[0].angle = r.choice((-8.0, 6.0, 12.0))
            if variant.startswith("annex"):
                pages = self.covered(r.choice(SECRET_KINDS), marks)
            else:
                pages = [self.page(r.choice(SECRET_KINDS), marks)]
            data = text_pdf(pages, r, marks_as_image=variant in ("image", "annex_image"))
            family = {
                "image": "pdf_stamp_picture",
                "annex": "multipage_later_page",
                "annex_image": "multipage_later_page",
            }.get(variant, "pdf_stamp_text")
            self.add("tl", "pdf", data, level, "positive", "pdf", family)
        for as_image in (False, True):
            old, new = r.sample(LEVELS, 2)
            data = text_pdf(
                [self.page(r.choice(SECRET_KINDS), self.changed_marks(old, new))],
                r,
                marks_as_image=as_image,
            )
            self.add("tl", "pdf", data, new, "positive", "pdf", "level_changed")
        for as_image in (False, True):
            data = text_pdf(
                [self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))],
                r,
                marks_as_image=as_image,
            )
            self.add("tl", "pdf", data, None, "declassified", "pdf", "declassified")
        for which in ("rules", "rules", "counts", "mat", "news", "form", "red", "plan"):
            page, family = self.hard_page(which)
            pages = [self.page(PROTECTION_RULES, []), page] if which == "rules" else [page]
            data = text_pdf(pages, r, marks_as_image=r.random() < 0.5)
            self.add("tl", "pdf", data, None, "hard_negative", "pdf", family)
        for _ in range(2):
            self.add(
                "tl",
                "pdf",
                text_pdf([self.page(r.choice(ORDINARY_KINDS), [])], r),
                None,
                "negative",
                "pdf",
                "ordinary",
            )

    # -- scans ----------------------------------------------------------------------------------

    def scan_of(
        self, pages: list[Page], spec: tuple[str, int, float, int, str, float]
    ) -> tuple[str, bytes]:
        """The pages scanned as (extension, bytes): spec is (format, dpi, skew, turn, mode,
        contrast)."""
        r = self.rng
        fmt, dpi, skew, turn, mode, contrast = spec
        images = [
            scanned(
                render_page(p, dpi, r),
                r,
                skew=skew + r.uniform(-0.3, 0.3),
                turn=turn,
                mode=mode,
                contrast=contrast,
            )
            for p in pages
        ]
        if fmt == "pdf":
            return "pdf", picture_pdf(images, dpi, r, quality=r.randint(55, 80))
        if len(images) > 1:
            out = io.BytesIO()
            images[0].save(
                out,
                "TIFF",
                save_all=True,
                append_images=images[1:],
                compression="group4" if mode == "1" else "tiff_lzw",
            )
            return "tif", out.getvalue()
        return fmt, image_bytes(images[0], fmt, r)

    def scans(self) -> None:
        r = self.rng
        specs: list[tuple[str, int, float, int, str, float]] = [
            ("png", 150, 1.2, 0, "RGB", 1.0),
            ("jpg", 150, -2.5, 0, "RGB", 1.0),
            ("jpg", 120, 0.5, 90, "L", 1.0),
            ("png", 150, 0.0, 270, "RGB", 1.0),
            ("jpg", 150, 0.8, 180, "RGB", 1.0),
            ("tif", 200, 0.3, 0, "1", 1.0),
            ("pdf", 150, 1.5, 0, "RGB", 1.0),
            ("jpg", 100, -1.0, 0, "L", 0.9),
            ("png", 150, -1.0, 90, "RGB", 1.0),
            ("jpg", 150, 0.4, 0, "RGB", 0.55),
        ]
        for spec in specs:
            level = self.level()
            ext, data = self.scan_of(
                [self.page(r.choice(SECRET_KINDS), self.secret_marks(level))], spec
            )
            family = "scan_turned" if spec[3] else ("scan_low_dpi" if spec[1] <= 120 else "scan")
            self.add("scan", ext, data, level, "positive", "scan", family)
        for spec in (
            ("pdf", 150, 0.7, 0, "RGB", 1.0),
            ("pdf", 150, -0.5, 180, "L", 1.0),
            ("tif", 200, 0.2, 0, "1", 1.0),
        ):
            level = self.level()
            ext, data = self.scan_of(
                self.covered(r.choice(SECRET_KINDS), self.secret_marks(level)), spec
            )
            self.add("scan", ext, data, level, "positive", "scan", "multipage_later_page")
        for spec in (("png", 150, 1.0, 0, "RGB", 1.0), ("jpg", 150, -0.6, 90, "RGB", 1.0)):
            old, new = r.sample(LEVELS, 2)
            ext, data = self.scan_of(
                [self.page(r.choice(SECRET_KINDS), self.changed_marks(old, new))], spec
            )
            self.add("scan", ext, data, new, "positive", "scan", "level_changed")
        for spec in (
            ("png", 150, 0.9, 0, "RGB", 1.0),
            ("jpg", 150, 0.0, 180, "RGB", 1.0),
            ("pdf", 150, -1.2, 0, "L", 1.0),
        ):
            ext, data = self.scan_of(
                [self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))], spec
            )
            self.add("scan", ext, data, None, "declassified", "scan", "declassified")
        hard = ("red", "red", "red", "rules", "form", "counts", "mat", "news")
        for which in hard:
            page, family = self.hard_page(which)
            spec = r.choice(specs)
            ext, data = self.scan_of([page], spec)
            self.add("scan", ext, data, None, "hard_negative", "scan", family)
        for _ in range(3):
            ext, data = self.scan_of([self.page(r.choice(ORDINARY_KINDS), [])], r.choice(specs))
            self.add("scan", ext, data, None, "negative", "scan", "ordinary")

    # -- envelopes ------------------------------------------------------------------------------

    def envelope(
        self,
        circles: list[tuple[str, tuple[int, int, int], bool]],
        stamps: list[Mark],
        seal: str = "",
    ) -> Envelope:
        r = self.rng
        lines, code = self.agency()
        kraft = r.random() < 0.55
        return Envelope(
            sender=lines,
            number=f"Số: {r.randint(5, 700)}/{code}",
            addressee=(
                "Kính gửi: "
                + r.choice(
                    (
                        "Ban Nội chính Tỉnh ủy",
                        "Đồng chí Chủ tịch UBND tỉnh",
                        "Phòng PA09 Công an tỉnh",
                        "Bộ Chỉ huy Quân sự tỉnh",
                        "Sở Tài chính",
                    )
                ),
                r.choice(
                    (
                        "Số 12 đường Trần Phú, phường Cửa Ròn",
                        "Số 5 đường Lê Hồng Phong, phường Đông Hồ",
                        "Khu hành chính tập trung, phường Cửa Ròn",
                    )
                ),
                f"tỉnh {PROVINCE}",
            ),
            circles=circles,
            stamps=stamps,
            seal=seal,
            paper=r.choice(((201, 165, 116), (212, 180, 132), (190, 150, 102)))
            if kraft
            else r.choice(((247, 246, 240), (240, 242, 246), (250, 248, 236))),
            size_mm=r.choice(((229, 162), (250, 176), (220, 110), (324, 229))),
        )

    def secret_envelope(self, level: str) -> Envelope:
        r = self.rng
        printed = r.random() < 0.35
        colour = BLACK if printed and r.random() < 0.6 else r.choice(REDS)
        stamps = []
        if level == "tuyet_mat" and r.random() < 0.6:
            stamps.append(
                Mark(
                    ("CHỈ NGƯỜI CÓ TÊN", "MỚI ĐƯỢC BÓC BÌ"),
                    colour=r.choice(REDS),
                    font=r.choice(STAMP_FONTS),
                )
            )
        if r.random() < 0.3:
            stamps.append(Mark(("KHẨN",), colour=r.choice(REDS)))
        return self.envelope([(LEVEL_LETTER[level], colour, printed)], stamps)

    def other_envelope(self, which: str) -> Envelope:
        r = self.rng
        if which == "figure":
            return self.envelope([(str(r.randint(1, 3)), r.choice(REDS), r.random() < 0.4)], [])
        if which == "letter_d":
            return self.envelope([(r.choice(("D", "Đ", "E")), r.choice(REDS), False)], [])
        if which == "seal":
            name, _ = self.agency()
            return self.envelope([], [], seal=" ".join(name).upper())
        return self.envelope(
            [], [Mark((r.choice(("KHẨN", "HỎA TỐC", "THƯỢNG KHẨN")),), colour=r.choice(REDS))]
        )

    def envelope_picture(self, env: Envelope, *, photo: bool) -> tuple[str, bytes]:
        r = self.rng
        img = envelope_image(env, r.uniform(5.5, 7.5), r)
        if photo:
            return "jpg", image_bytes(
                photographed(img, r, long_side=r.choice((1600, 1800, 2000))), "jpg", r
            )
        shot = scanned(
            img,
            r,
            skew=r.uniform(-4, 4),
            turn=r.choice((0, 0, 0, 180)),
            mode=r.choice(("RGB", "RGB", "L")),
        )
        ext = r.choice(("png", "jpg"))
        return ext, image_bytes(shot, ext, r)

    def envelopes(self) -> None:
        for photo, n in ((True, 7), (False, 4)):
            for _ in range(n):
                level = self.level()
                ext, data = self.envelope_picture(self.secret_envelope(level), photo=photo)
                self.add(
                    "anh" if photo else "scan",
                    ext,
                    data,
                    level,
                    "positive",
                    "photo" if photo else "scan",
                    "envelope_mark",
                )
        for which, photo in (
            ("figure", True),
            ("letter_d", True),
            ("seal", True),
            ("urgent", True),
            ("figure", False),
            ("letter_d", False),
            ("seal", False),
        ):
            ext, data = self.envelope_picture(self.other_envelope(which), photo=photo)
            self.add(
                "anh" if photo else "scan",
                ext,
                data,
                None,
                "hard_negative",
                "photo" if photo else "scan",
                "envelope_other_mark",
            )
        ext, data = self.envelope_picture(self.envelope([], []), photo=True)
        self.add("anh", ext, data, None, "negative", "photo", "ordinary")

    # -- phone photos of pages ------------------------------------------------------------------

    def photo_of(self, pages: list[Page]) -> bytes:
        r = self.rng
        page = pages[-1]
        img = render_page(page, r.choice((110, 130, 150)), r)
        return image_bytes(photographed(img, r, long_side=r.choice((1600, 1800, 2100))), "jpg", r)

    def photos(self) -> None:
        r = self.rng
        for _ in range(6):
            level = self.level()
            data = self.photo_of([self.page(r.choice(SECRET_KINDS), self.secret_marks(level))])
            self.add("anh", "jpg", data, level, "positive", "photo", "phone_photo")
        level = self.level()
        data = self.photo_of(self.covered(r.choice(SECRET_KINDS), self.secret_marks(level)))
        self.add("anh", "jpg", data, level, "positive", "photo", "phone_photo")
        old, new = r.sample(LEVELS, 2)
        data = self.photo_of([self.page(r.choice(SECRET_KINDS), self.changed_marks(old, new))])
        self.add("anh", "jpg", data, new, "positive", "photo", "level_changed")
        data = self.photo_of(
            [self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))]
        )
        self.add("anh", "jpg", data, None, "declassified", "photo", "declassified")
        for which in ("red", "red", "red", "rules", "mat", "form"):
            page, family = self.hard_page(which)
            self.add("anh", "jpg", self.photo_of([page]), None, "hard_negative", "photo", family)
        for _ in range(2):
            self.add(
                "anh",
                "jpg",
                self.photo_of([self.page(r.choice(ORDINARY_KINDS), [])]),
                None,
                "negative",
                "photo",
                "ordinary",
            )

    # -- workbooks ------------------------------------------------------------------------------

    def table_rows(self, kind: Kind) -> list[list[object]]:
        r = self.rng
        rows: list[list[object]] = [["TT", kind[1][-1], "Số liệu"]]
        for i in range(r.randint(6, 14)):
            rows.append([i + 1, r.choice(kind[2])[:60], r.randint(1, 900)])
        return rows

    def workbooks(self) -> None:
        r = self.rng
        for variant in ("header", "header", "footer", "footer", "later", "later", "first"):
            level = self.level()
            kind = r.choice(SECRET_KINDS)
            sheets = [("Tong hop", self.table_rows(kind)), ("Chi tiet", self.table_rows(kind))]
            if variant == "later":
                sheets.insert(
                    0,
                    (
                        "Huong dan",
                        [
                            ["Bảng tổng hợp số liệu theo biểu mẫu"],
                            ["Nhập số liệu tại các trang sau"],
                        ],
                    ),
                )
                data = workbook(sheets, r, framed=(r.choice((1, 2)), LEVEL_WORD[level]))
            elif variant == "first":
                data = workbook(sheets, r, framed=(0, LEVEL_WORD[level]))
            else:
                data = workbook(sheets, r, **{variant: LEVEL_WORD[level]})
            family = (
                "sheet_later"
                if variant == "later"
                else ("sheet_header_footer" if variant in ("header", "footer") else "sheet_cell")
            )
            self.add("bang", "xlsx", data, level, "positive", "xlsx", family)
        old = self.level()
        data = workbook(
            [
                (
                    "Tong hop",
                    [
                        [f"Độ mật cũ: {LEVEL_WORD[old]}"],
                        ["Đã giải mật: " + self.decision()],
                        *self.table_rows(r.choice(SECRET_KINDS)),
                    ],
                )
            ],
            r,
            framed=(0, "GIẢI MẬT"),
        )
        self.add("bang", "xlsx", data, None, "declassified", "xlsx", "declassified")
        counts: list[list[object]] = [[str(c) for c in row] for row in COUNT_TABLE]
        self.add(
            "bang",
            "xlsx",
            workbook([("Thong ke", counts)], r),
            None,
            "hard_negative",
            "xlsx",
            "counts_by_level",
        )
        by_unit: list[list[object]] = [["Đơn vị", "Tuyệt mật", "Tối mật", "Mật", "Tổng"]] + [
            [u, 0, r.randint(0, 3), n, n + 2]
            for u, n in (("Văn phòng", 12), ("Phòng Tổ chức", 7), ("Phòng Kế hoạch", 3))
        ]
        self.add(
            "bang",
            "xlsx",
            workbook([("Nam 2026", by_unit)], r, header="Thống kê tài liệu theo độ mật"),
            None,
            "hard_negative",
            "xlsx",
            "counts_by_level",
        )
        accounts: list[list[object]] = [["Tài khoản", "Mật khẩu tạm", "Ghi chú"]] + [
            [
                f"vt{i:02d}@hoalung.gov.vn",
                f"Hl@{r.randint(100000, 999999)}",
                "đổi mật khẩu khi đăng nhập lần đầu",
            ]
            for i in range(6)
        ]
        self.add(
            "bang",
            "xlsx",
            workbook([("Tai khoan", accounts)], r),
            None,
            "hard_negative",
            "xlsx",
            "other_sense_of_mat",
        )
        density: list[list[object]] = [
            ["Xã, phường", "Diện tích (km²)", "Dân số", "Mật độ (người/km²)"]
        ] + [
            [n, a, p, round(p / a)]
            for n, a, p in (
                ("Cửa Ròn", 18.2, 61000),
                ("Đông Hồ", 24.5, 43000),
                ("Nậm Sơn", 210.0, 9800),
                ("Pù Tao", 188.4, 7400),
            )
        ]
        self.add(
            "bang",
            "xlsx",
            workbook([("Dan so", density)], r, footer="Nguồn: Cục Thống kê"),
            None,
            "hard_negative",
            "xlsx",
            "other_sense_of_mat",
        )
        honey: list[list[object]] = [["Hộ", "Số đàn ong", "Sản lượng mật (lít)"]] + [
            [f"Hộ {i}", r.randint(20, 90), r.randint(150, 900)] for i in range(1, 8)
        ]
        self.add(
            "bang",
            "xlsx",
            workbook([("Nuoi ong", honey)], r),
            None,
            "hard_negative",
            "xlsx",
            "other_sense_of_mat",
        )
        register: list[list[object]] = [
            ["Số, ký hiệu", "Ngày", "Trích yếu", "Độ mật", "Nơi nhận"]
        ] + [
            [
                f"{r.randint(10, 300)}/CV-VP",
                f"{r.randint(1, 28)}/10/2026",
                r.choice(ORDINARY_KINDS)[1][-1][:40],
                "",
                "Các sở",
            ]
            for _ in range(6)
        ]
        self.add(
            "bang",
            "xlsx",
            workbook([("So di", register)], r),
            None,
            "hard_negative",
            "xlsx",
            "empty_level_field",
        )
        for _ in range(2):
            kind = r.choice(ORDINARY_KINDS)
            self.add(
                "bang",
                "xlsx",
                workbook([("Sheet1", self.table_rows(kind))], r, header=kind[1][-1][:40]),
                None,
                "negative",
                "xlsx",
                "ordinary",
            )

    # -- slides ---------------------------------------------------------------------------------

    def decks(self) -> None:
        r = self.rng
        for variant in ("box", "picture", "annex"):
            level = self.level()
            kind = r.choice(SECRET_KINDS)
            mark = self.level_mark(level)
            deck: list[tuple[str, list[str], Mark | None, bool, str]] = [
                (
                    kind[1][-1],
                    list(kind[2][:3]),
                    None if variant == "annex" else mark,
                    variant == "picture",
                    "",
                )
            ]
            if variant == "annex":
                deck.append(
                    ("Phụ lục: bố trí lực lượng", list(kind[2][2:]), mark, r.random() < 0.5, "")
                )
            self.add("trinhchieu", "pptx", slides(deck, r), level, "positive", "pptx", "slides")
        training: list[tuple[str, list[str], Mark | None, bool, str]] = [
            (
                "Tập huấn công tác bảo vệ bí mật nhà nước năm 2026",
                ["Luật số 29/2018/QH14", "Nghị định số 26/2020/NĐ-CP", "Quy chế của cơ quan"],
                None,
                False,
                "",
            ),
        ]
        for level in LEVELS:
            training.append(
                (
                    f"Mẫu dấu độ {LEVEL_WORD[level].capitalize()}",
                    ["Đóng dưới số, ký hiệu văn bản", "Mực màu đỏ tươi"],
                    self.level_mark(level),
                    r.random() < 0.5,
                    "Hình minh họa - mẫu dấu",
                )
            )
        self.add(
            "trinhchieu",
            "pptx",
            slides(training, r),
            None,
            "hard_negative",
            "pptx",
            "specimen_stamps",
        )
        plan = [
            (PROTECTION_PLAN[1][-1], list(PROTECTION_PLAN[2][:3]), None, False, ""),
            ("Nhiệm vụ trọng tâm", list(PROTECTION_PLAN[2][3:]), None, False, ""),
        ]
        self.add(
            "trinhchieu", "pptx", slides(plan, r), None, "hard_negative", "pptx", "protection_work"
        )
        honey_kind = OTHER_MAT[0]
        self.add(
            "trinhchieu",
            "pptx",
            slides([(honey_kind[1][-1], list(honey_kind[2]), None, False, "")], r),
            None,
            "hard_negative",
            "pptx",
            "other_sense_of_mat",
        )
        red = self.red_marks()[0]
        kind = r.choice(ORDINARY_KINDS)
        self.add(
            "trinhchieu",
            "pptx",
            slides([(kind[1][-1], list(kind[2]), red, False, "")], r),
            None,
            "hard_negative",
            "pptx",
            "other_red_stamp",
        )
        for _ in range(2):
            kind = r.choice(ORDINARY_KINDS)
            self.add(
                "trinhchieu",
                "pptx",
                slides([(kind[1][-1], list(kind[2]), None, False, "")], r),
                None,
                "negative",
                "pptx",
                "ordinary",
            )

    # -- web pages ------------------------------------------------------------------------------

    def web_head(self, page: Page, stamp_html: str) -> str:
        left = "<br>".join(page.agency) + f"<br>{page.number}"
        right = "<b>" + "</b><br><b>".join(MOTTO) + f"</b><br><i>{page.place_date}</i>"
        return f'<div class="hd"><div class="c">{left}{stamp_html}</div><div class="c">{right}</div></div>'

    def boxed_html(self, text: str, *, struck: bool = False, extra: str = "") -> str:
        r = self.rng
        colour = r.choice(("#c00000", "#d71920", "red", "#b3131b"))
        inner = f"<s>{text}</s>" if struck else text
        return (
            f'<div style="margin:8px auto;display:inline-block;border:{r.choice((2, 3))}px {r.choice(("solid", "double"))} {colour};'
            f'color:{colour};font-weight:bold;padding:2px 12px;font-size:{r.choice((16, 18, 20))}px">{inner}{extra}</div>'
        )

    def spans(self, word: str) -> str:
        """The word cut into styled spans at random places."""
        r = self.rng
        cuts = sorted(r.sample(range(1, len(word)), min(len(word) - 1, r.randint(1, 3))))
        parts = [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
        styles = ("", ' style="color:#c00"', ' class="d"', ' style="font-weight:700"')
        return "".join(f"<span{r.choice(styles)}>{p}</span>" for p in parts)

    def web(self) -> None:
        r = self.rng
        variants = ("box", "picture", "picture", "spans", "spans", "spacing", "entities", "cp1258")
        for variant in variants:
            level = self.level()
            word = LEVEL_WORD[level]
            page = self.page(r.choice(SECRET_KINDS), [])
            charset = "utf-8"
            if variant == "box":
                stamp = self.boxed_html(word)
            elif variant == "picture":
                img = stamp_image(self.level_mark(level), 6.0, r)
                stamp = f'<p><img src="{data_uri(img)}" width="{img.size[0]}" alt=""></p>'
            elif variant == "spans":
                stamp = f'<div style="border:2px solid #c00;color:#c00;display:inline-block;padding:2px 8px"><b>{self.spans(word)}</b></div>'
            elif variant == "spacing":
                stamp = f'<div style="letter-spacing:{r.choice((4, 6, 8))}px;color:#d00;font-weight:bold;border:1px solid #d00;display:inline-block">{word}</div>'
            elif variant == "entities":
                hexa = r.random() < 0.5
                stamp = self.boxed_html(
                    "".join(
                        (f"&#x{ord(c):X};" if hexa else f"&#{ord(c)};") if ord(c) > 127 else c
                        for c in word
                    )
                )
            else:
                stamp = self.boxed_html(word)
                charset = "windows-1258"
            family = {
                "picture": "web_picture",
                "spans": "web_split_word",
                "spacing": "web_split_word",
                "entities": "web_split_word",
            }.get(variant, "web_stamp")
            data = html_page(page.title[-1], self.web_head(page, stamp), page.body, charset=charset)
            self.add("trang", "html", data, level, "positive", "html", family)
        old, new = r.sample(LEVELS, 2)
        page = self.page(r.choice(SECRET_KINDS), [])
        stamp = (
            self.boxed_html(LEVEL_WORD[old], struck=True)
            + "<br>"
            + self.boxed_html(
                "ĐIỀU CHỈNH ĐỘ MẬT", extra=f"<br>Thành: {LEVEL_WORD[new]}<br>{self.decision()}"
            )
        )
        self.add(
            "trang",
            "html",
            html_page(page.title[-1], self.web_head(page, stamp), page.body),
            new,
            "positive",
            "html",
            "level_changed",
        )
        page = self.page(r.choice(SECRET_KINDS), [])
        stamp = (
            self.boxed_html(LEVEL_WORD[self.level()], struck=r.random() < 0.5)
            + "<br>"
            + self.boxed_html("GIẢI MẬT", extra=f"<br>{self.decision()}")
        )
        self.add(
            "trang",
            "html",
            html_page(page.title[-1], self.web_head(page, stamp), page.body),
            None,
            "declassified",
            "html",
            "declassified",
        )
        for which in ("news", "plan", "mat", "mat", "rules", "red"):
            page, family = self.hard_page(which)
            stamp = ""
            if which == "rules":
                stamp = "".join(
                    f"<figure>{self.boxed_html(LEVEL_WORD[lv])}<figcaption>Mẫu dấu độ {LEVEL_WORD[lv].capitalize()} (minh họa)</figcaption></figure>"
                    for lv in LEVELS
                )
            if which == "red":
                stamp = self.boxed_html(r.choice(OTHER_RED)[0])
            if which == "news":
                body = "".join(f"<p>{p}</p>" for p in page.body)
                data = f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{page.title[0]}</title></head><body><article><h1>{page.title[0]}</h1><time>21/10/2026</time>{body}</article></body></html>'.encode()
            else:
                data = html_page(page.title[-1], self.web_head(page, stamp), page.body)
            self.add("trang", "html", data, None, "hard_negative", "html", family)
        for _ in range(2):
            page = self.page(r.choice(ORDINARY_KINDS), [])
            self.add(
                "trang",
                "html",
                html_page(page.title[-1], self.web_head(page, ""), page.body),
                None,
                "negative",
                "html",
                "ordinary",
            )

    # -- plain text -----------------------------------------------------------------------------

    def text_lines(self, page: Page, stamp: list[str]) -> str:
        lines = [*page.agency, page.number, *stamp, "", *page.title, ""]
        lines += page.body
        return "\n".join(lines) + "\n"

    def boxed_text(self, word: str) -> list[str]:
        r = self.rng
        style = r.choice(("ascii", "box", "plain", "stars"))
        pad = f"  {word}  "
        if style == "ascii":
            return ["+" + "-" * len(pad) + "+", "|" + pad + "|", "+" + "-" * len(pad) + "+"]
        if style == "box":
            return ["┌" + "─" * len(pad) + "┐", "│" + pad + "│", "└" + "─" * len(pad) + "┘"]
        if style == "stars":
            return [f"*** {word} ***"]
        return [word]

    def encoded(self, text: str, encoding: str) -> bytes:
        if encoding == "nfd":
            return unicodedata.normalize("NFD", text).encode("utf-8")
        if encoding == "cp1258":
            return to_cp1258(
                text.replace("┌", "+")
                .replace("┐", "+")
                .replace("└", "+")
                .replace("┘", "+")
                .replace("─", "-")
                .replace("│", "|")
                .replace("☐", "[ ]")
            )
        if encoding == "utf-16":
            return text.encode("utf-16")
        if encoding == "crlf":
            return text.replace("\n", "\r\n").encode("utf-8-sig")
        return text.encode("utf-8")

    def texts(self) -> None:
        r = self.rng
        for encoding in ("utf-8", "utf-16", "cp1258", "nfd", "crlf", "spaced"):
            level = self.level()
            page = self.page(r.choice(SECRET_KINDS), [])
            if encoding == "spaced":
                stamp = [" ".join(LEVEL_WORD[level].replace(" ", "  "))]
                encoding = "utf-8"
            else:
                stamp = self.boxed_text(LEVEL_WORD[level])
            self.add(
                "ghichu",
                "txt",
                self.encoded(self.text_lines(page, stamp), encoding),
                level,
                "positive",
                "txt",
                "plain_text",
            )
        old, new = r.sample(LEVELS, 2)
        page = self.page(r.choice(SECRET_KINDS), [])
        stamp = [
            f"[Độ mật cũ: {LEVEL_WORD[old]} - đã gạch bỏ]",
            "ĐIỀU CHỈNH ĐỘ MẬT",
            *self.boxed_text(LEVEL_WORD[new]),
            self.decision(),
        ]
        self.add(
            "ghichu",
            "txt",
            self.encoded(self.text_lines(page, stamp), r.choice(("utf-8", "utf-16"))),
            new,
            "positive",
            "txt",
            "level_changed",
        )
        page = self.page(r.choice(SECRET_KINDS), [])
        stamp = [
            *self.boxed_text(LEVEL_WORD[self.level()]),
            *self.boxed_text("GIẢI MẬT"),
            self.decision(),
        ]
        self.add(
            "ghichu",
            "txt",
            self.encoded(self.text_lines(page, stamp), "utf-8"),
            None,
            "declassified",
            "txt",
            "declassified",
        )
        for which in ("plan", "counts", "form", "mat", "mat", "news"):
            page, family = self.hard_page(which)
            extra = [CHECKBOX_LINE] if which == "form" else []
            self.add(
                "ghichu",
                "txt",
                self.encoded(
                    self.text_lines(page, extra), r.choice(("utf-8", "utf-16", "cp1258", "nfd"))
                ),
                None,
                "hard_negative",
                "txt",
                family,
            )
        for _ in range(2):
            page = self.page(r.choice(ORDINARY_KINDS), [])
            self.add(
                "ghichu",
                "txt",
                self.encoded(self.text_lines(page, []), r.choice(("utf-8", "cp1258"))),
                None,
                "negative",
                "txt",
                "ordinary",
            )

    # -- mail -----------------------------------------------------------------------------------

    def mails(self) -> None:
        r = self.rng
        sender = "Văn thư <vanthu.vp@hoalung.gov.vn>"
        to = "Phòng Tổng hợp <tonghop@hoalung.gov.vn>"
        n = 0

        def send(subject: str, text: str, **kw: object) -> bytes:
            nonlocal n
            n += 1
            return mail(subject, sender, to, text, index=n, **kw)  # type: ignore[arg-type]

        for variant in ("body", "docx", "pdf", "html", "forward", "photo"):
            level = self.level()
            kind = r.choice(SECRET_KINDS)
            page = self.page(kind, self.secret_marks(level))
            subject = f"Gửi {kind[1][0].lower()} số {r.randint(10, 99)}"
            greeting = "Kính gửi anh/chị,\nVăn phòng chuyển văn bản theo chỉ đạo của lãnh đạo.\n"
            if variant == "body":
                data = send(
                    subject,
                    greeting + "\n" + self.text_lines(page, self.boxed_text(LEVEL_WORD[level])),
                )
            elif variant == "docx":
                data = send(
                    subject,
                    greeting,
                    attachments=[
                        (
                            "van_ban.docx",
                            word_doc([page], r, mode=r.choice(("paragraph", "cell"))),
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        )
                    ],
                )
            elif variant == "pdf":
                data = send(
                    subject,
                    greeting,
                    attachments=[
                        (
                            "tai_lieu.pdf",
                            text_pdf([page], r, marks_as_image=r.random() < 0.5),
                            "application/pdf",
                        )
                    ],
                )
            elif variant == "html":
                html = (
                    f'<html><body><p>Kính gửi anh/chị,</p><div style="color:#c00;border:2px solid #c00;display:inline-block;padding:2px 8px"><b>{self.spans(LEVEL_WORD[level])}</b></div><h3>{page.title[-1]}</h3>'
                    + "".join(f"<p>{p}</p>" for p in page.body)
                    + "</body></html>"
                )
                data = send(subject, "Nội dung xem ở bản HTML.", html=html)
            elif variant == "forward":
                inner = send(
                    subject,
                    greeting + "\n" + self.text_lines(page, self.boxed_text(LEVEL_WORD[level])),
                )
                data = send(
                    "Fwd: " + subject, "Chuyển tiếp để phòng nắm, thực hiện.\n", forwarded=inner
                )
            else:
                img = photographed(render_page(page, 130, r), r, long_side=1600)
                data = send(
                    subject,
                    "Em gửi ảnh chụp văn bản.\n",
                    attachments=[("IMG_2041.jpg", image_bytes(img, "jpg", r), "image/jpeg")],
                )
            self.add("thu", "eml", data, level, "positive", "eml", "mail")
        page = self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))
        data = send(
            "Văn bản đã giải mật",
            "Gửi lại bản đã giải mật để đăng tải.\n",
            attachments=[("da_giai_mat.pdf", text_pdf([page], r), "application/pdf")],
        )
        self.add("thu", "eml", data, None, "declassified", "eml", "declassified")
        news_page, _ = self.hard_page("news")
        self.add(
            "thu",
            "eml",
            send(news_page.title[0].capitalize(), self.text_lines(news_page, [])),
            None,
            "hard_negative",
            "eml",
            "leak_news",
        )
        invite = "Kính mời các đồng chí dự lớp tập huấn công tác bảo vệ bí mật nhà nước ngày 12/11/2026.\nNội dung: xác định độ Tuyệt mật, Tối mật, Mật; đóng dấu chữ A, B, C ngoài bì; giải mật và điều chỉnh độ mật.\n"
        self.add(
            "thu",
            "eml",
            send("Mời dự tập huấn bảo vệ bí mật nhà nước", invite),
            None,
            "hard_negative",
            "eml",
            "protection_work",
        )
        reset = f"Mật khẩu tạm thời của tài khoản vt07@hoalung.gov.vn là: Hl@{r.randint(100000, 999999)}\nVui lòng đổi mật khẩu trong vòng 24 giờ.\n"
        self.add(
            "thu",
            "eml",
            send("Cấp lại mật khẩu hệ thống văn bản", reset),
            None,
            "hard_negative",
            "eml",
            "other_sense_of_mat",
        )
        honey = (
            "Hợp tác xã gửi báo giá mật ong rừng Pù Tao: 250.000 đồng/lít, giao hàng trong tỉnh.\n"
        )
        self.add(
            "thu",
            "eml",
            send("Báo giá mật ong", honey, html=f"<p>{honey}</p><p><b>Mật ong nguyên chất</b></p>"),
            None,
            "hard_negative",
            "eml",
            "other_sense_of_mat",
        )
        counts_xlsx = workbook([("Thong ke", [[str(c) for c in row] for row in COUNT_TABLE])], r)
        self.add(
            "thu",
            "eml",
            send(
                "Số liệu thống kê tài liệu mật",
                "Gửi số liệu thống kê theo độ mật.\n",
                attachments=[
                    (
                        "thong_ke.xlsx",
                        counts_xlsx,
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    )
                ],
            ),
            None,
            "hard_negative",
            "eml",
            "counts_by_level",
        )
        red_page, _ = self.hard_page("red")
        self.add(
            "thu",
            "eml",
            send(
                "Văn bản khẩn",
                "Gửi văn bản khẩn, đề nghị xử lý ngay.\n",
                attachments=[
                    (
                        "van_ban_khan.docx",
                        word_doc([red_page], r),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    )
                ],
            ),
            None,
            "hard_negative",
            "eml",
            "other_red_stamp",
        )
        for _ in range(2):
            page = self.page(r.choice(ORDINARY_KINDS), [])
            self.add(
                "thu",
                "eml",
                send(page.title[-1][:60], self.text_lines(page, [])),
                None,
                "negative",
                "eml",
                "ordinary",
            )

    # -- archives -------------------------------------------------------------------------------

    def archives(self) -> None:
        r = self.rng
        readme = ("doc_truoc.txt", "Hồ sơ gửi kèm, gồm các tệp sau.\n".encode())
        for variant in ("docx", "pdf_annex", "nested_scan", "html", "txt"):
            level = self.level()
            kind = r.choice(SECRET_KINDS)
            if variant == "docx":
                members = [
                    readme,
                    (
                        "van_ban_chinh.docx",
                        word_doc([self.page(kind, self.secret_marks(level))], r, mode="cell"),
                    ),
                ]
            elif variant == "pdf_annex":
                members = [
                    ("cong_van.pdf", text_pdf([self.page(r.choice(ORDINARY_KINDS), [])], r)),
                    (
                        "phu_luc.pdf",
                        text_pdf(
                            self.covered(kind, self.secret_marks(level)), r, marks_as_image=True
                        ),
                    ),
                ]
            elif variant == "nested_scan":
                ext, scan = self.scan_of(
                    [self.page(kind, self.secret_marks(level))], ("jpg", 150, 0.8, 0, "RGB", 1.0)
                )
                inner = zip_of([(f"scan_0001.{ext}", scan)], ZIP_DATE)
                members = [readme, ("ban_scan.zip", inner)]
            elif variant == "html":
                page = self.page(kind, [])
                members = [
                    (
                        "trang.html",
                        html_page(
                            page.title[-1],
                            self.web_head(page, self.boxed_html(LEVEL_WORD[level])),
                            page.body,
                        ),
                    )
                ]
            else:
                page = self.page(kind, [])
                members = [
                    readme,
                    (
                        "noi_dung.txt",
                        self.encoded(
                            self.text_lines(page, self.boxed_text(LEVEL_WORD[level])), "utf-8"
                        ),
                    ),
                ]
            self.add("goi", "zip", zip_of(members, ZIP_DATE), level, "positive", "zip", "archive")
        page = self.page(r.choice(SECRET_KINDS), self.declassified_marks(self.level()))
        self.add(
            "goi",
            "zip",
            zip_of([readme, ("van_ban.docx", word_doc([page], r))], ZIP_DATE),
            None,
            "declassified",
            "zip",
            "declassified",
        )
        for which in ("rules", "counts", "news", "red"):
            page, family = self.hard_page(which)
            member = (
                ("tai_lieu.pdf", text_pdf([page], r, marks_as_image=True))
                if which in ("rules", "red")
                else ("tai_lieu.docx", word_doc([page], r))
            )
            self.add(
                "goi",
                "zip",
                zip_of([readme, member], ZIP_DATE),
                None,
                "hard_negative",
                "zip",
                family,
            )
        for _ in range(2):
            page = self.page(r.choice(ORDINARY_KINDS), [])
            self.add(
                "goi",
                "zip",
                zip_of([readme, ("tai_lieu.docx", word_doc([page], r))], ZIP_DATE),
                None,
                "negative",
                "zip",
                "ordinary",
            )


BUILDERS: tuple[Callable[[Corpus], None], ...] = (
    Corpus.docx,
    Corpus.doc97,
    Corpus.pdf,
    Corpus.scans,
    Corpus.envelopes,
    Corpus.photos,
    Corpus.workbooks,
    Corpus.decks,
    Corpus.web,
    Corpus.texts,
    Corpus.mails,
    Corpus.archives,
)


def build(seed: int = SEED) -> list[Item]:
    """The corpus: every format's files of every category, Word 97 files converted at once,
    in a shuffled order with running numbers."""
    corpus = Corpus(seed)
    for builder in BUILDERS:
        builder(corpus)
    converted = word97_of({stem: data for stem, data, *_ in corpus.legacy})
    items = corpus.items
    if converted:
        items += word97_items(corpus.legacy, converted)
    return renumbered(items, corpus.rng)


def main(argv: list[str]) -> None:
    """Writes the corpus to the folder named on the command line, with labels.jsonl."""
    write_corpus(Path(argv[1] if len(argv) > 1 else "heldout10-out"), build(SEED))


if __name__ == "__main__":
    main(sys.argv)
