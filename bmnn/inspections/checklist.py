"""The default inspection checklist: what an inspector checks, area by area, each item citing
the rule it checks (shared/domain/SOURCES.md §8.2). Data, not code: an inspection copies it and
may then add, drop or reword items; a new default is a new `VERSION`.

Texts are Vietnamese (the working language of the inspection) with an English rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "2026.1"


@dataclass(frozen=True)
class Item:
    code: str
    text: str
    text_en: str
    source: str


@dataclass(frozen=True)
class Area:
    code: str
    title: str
    title_en: str
    items: tuple[Item, ...]


AREAS: tuple[Area, ...] = (
    Area("classification", "Xác định và đóng dấu độ mật", "Classification and marking", (
        Item("classification.catalogue", "Chỉ xác định độ mật đối với thông tin thuộc danh mục bí mật nhà nước hiện hành; không xác định vượt độ mật trong danh mục",
             "Only information in a current catalogue is classified, never above its catalogue level", "L18 Art. 10.1; L25 Art. 5.1"),
        Item("classification.procedure", "Tờ trình, phiếu trình có đề xuất độ mật, nơi nhận, số lượng bản phát hành, được sao hay không; dự thảo được bảo vệ",
             "Submissions state the proposed level, recipients, print run and copy permission; drafts are protected", "ND26 Art. 2"),
        Item("classification.marking", "Dấu độ mật đúng mẫu, kích thước, mực đỏ, đúng vị trí; văn bản điện tử có ký hiệu độ mật",
             "Level stamps of the right model, size and red ink, in the right place; electronic documents marked", "TT24 Art. 3; Form 02, 19"),
    )),
    Area("registers", "Sổ đăng ký, quản lý bí mật nhà nước", "Registers", (
        Item("registers.books", "Có sổ đăng ký bí mật nhà nước đi, đến, sổ chuyển giao, sổ sao chụp; ghi đầy đủ, liên tục, có ký nhận",
             "Outgoing, incoming, handover and copy books exist, complete, sequential, with receipt signatures", "ND26 Art. 4; TT24 Art. 3.3"),
        Item("registers.tuyet_mat", "Không ghi trích yếu đối với tài liệu độ Tuyệt mật", "No summary recorded for Tuyệt mật documents", "ND63/2026 (Appendix III)"),
        Item("registers.database", "Cơ sở dữ liệu đăng ký (nếu có) đủ các trường của mẫu sổ, máy tính không kết nối mạng, bản in có ký xác nhận",
             "A register database has every field of the forms, runs on an offline computer, printouts are signed", "TT24 Art. 3.3"),
    )),
    Area("copying", "Sao, chụp tài liệu, vật chứa bí mật nhà nước", "Copying and photographing", (
        Item("copying.authority", "Việc sao, chụp được người có thẩm quyền cho phép (hoặc cấp phó được ủy quyền bằng văn bản)",
             "Copies authorised by the competent person or a deputy delegated in writing", "L18 Art. 11"),
        Item("copying.register", "Ghi sổ quản lý sao, chụp; đóng dấu bản sao; hủy ngay bản thừa, bản hỏng; thiết bị sao chụp không kết nối mạng",
             "Copy register kept, copy stamps applied, spoiled copies destroyed, copying devices offline", "ND26 Art. 3"),
    )),
    Area("storage", "Lưu giữ, bảo quản, thống kê", "Storage and statistics", (
        Item("storage.place", "Nơi lưu giữ an toàn, có phương án bảo vệ; tủ, két có khóa", "A safe storage place with a protection plan", "L18 Art. 12"),
        Item("storage.statistics", "Thống kê tài liệu, vật chứa bí mật nhà nước theo trình tự thời gian và độ mật hằng năm",
             "Annual statistics of secret containers by time and level", "L18 Art. 12.1; TT24 Form 18"),
    )),
    Area("transport", "Vận chuyển, giao nhận", "Transport and handover", (
        Item("transport.envelopes", "Bì đóng dấu ký hiệu A, B, C; tài liệu Tuyệt mật dùng hai lớp bì; niêm phong; đối chiếu khi giao nhận",
             "Envelopes marked A/B/C, two envelopes for Tuyệt mật, sealed, reconciled at handover", "ND26 Art. 4.1"),
    )),
    Area("carrying_out", "Mang tài liệu, vật chứa bí mật nhà nước ra khỏi nơi lưu giữ", "Carrying out of storage", (
        Item("carrying_out.requests", "Có văn bản đề nghị đủ nội dung, được người có thẩm quyền cho phép, có báo cáo khi hoàn trả",
             "Written requests with the required content, approvals, return reports", "L18 Art. 14; ND26 Art. 5"),
    )),
    Area("provision", "Cung cấp, chuyển giao bí mật nhà nước", "Provision and transfer", (
        Item("provision.decisions", "Văn bản đề nghị, quyết định của người có thẩm quyền; từ chối bằng văn bản có nêu lý do",
             "Requests, decisions by the competent person, refusals in writing with reasons", "L18 Art. 15–16; TT24 Form 17"),
    )),
    Area("meetings", "Hội nghị, hội thảo, cuộc họp có nội dung bí mật nhà nước", "Meetings with secret content", (
        Item("meetings.protection", "Địa điểm, micro có dây, không dùng thiết bị thu phát (Tuyệt mật, Tối mật), kiểm tra an ninh, danh sách tham dự, thu hồi tài liệu, niêm phong phòng họp",
             "Venue, wired microphones, device ban at Tuyệt mật and Tối mật, security check, participant list, documents recovered, room sealed", "L18 Art. 17; ND26 Art. 6"),
    )),
    Area("declassification", "Thời hạn bảo vệ, gia hạn, điều chỉnh độ mật, giải mật", "Protection periods and declassification", (
        Item("declassification.periods", "Gia hạn trước khi hết hạn ít nhất 60 ngày; thông báo trong 15 ngày; điều chỉnh, giải mật được đóng dấu và thông báo",
             "Extensions at least 60 days before the end, notices within 15 days, adjustments and declassifications stamped and notified", "L18 Art. 19–22"),
    )),
    Area("destruction", "Tiêu hủy tài liệu, vật chứa bí mật nhà nước", "Destruction", (
        Item("destruction.procedure", "Có quyết định, hội đồng, danh sách, biên bản tiêu hủy; phương pháp không thể phục hồi",
             "Decision, council, list and minutes; a method that makes recovery impossible", "L18 Art. 23"),
    )),
    Area("computers", "Máy tính, thiết bị, mạng", "Computers and networks", (
        Item("computers.offline", "Không soạn thảo, lưu giữ bí mật nhà nước trên máy tính, thiết bị có kết nối Internet; mạng LAN độc lập có biện pháp bảo vệ",
             "No secrets on Internet-connected machines; independent LANs protected", "L18 Art. 5; L25 Art. 5"),
        Item("computers.media", "Quản lý thiết bị lưu trữ ngoài (USB, ổ cứng); kiểm tra an ninh thiết bị trước khi sử dụng; xóa dữ liệu khi chuyển mục đích",
             "Removable media controlled; devices checked before use; wiped when repurposed", "L18 Art. 5.7; CT32"),
        Item("computers.internet", "Không đăng tải bí mật nhà nước trên cổng thông tin điện tử, thư điện tử, mạng xã hội; kiểm soát trước khi đăng tải",
             "No secrets on the web portal, in e-mail or social networks; content checked before publication", "L18 Art. 5.9"),
    )),
    Area("regulation", "Quy chế, nội quy bảo vệ bí mật nhà nước", "Regulation issued", (
        Item("regulation.issued", "Ban hành quy chế (nội quy) bảo vệ bí mật nhà nước của cơ quan, cập nhật theo Luật số 117/2025/QH15",
             "The agency's protection regulation is issued and updated for Law 117/2025/QH15", "L18 Art. 24.3.c, 25.1"),
    )),
    Area("staff", "Người làm công tác bảo vệ bí mật nhà nước", "Staff assigned", (
        Item("staff.designated", "Có quyết định phân công người làm công tác bảo vệ bí mật nhà nước chuyên trách hoặc kiêm nhiệm; cam kết bảo vệ bí mật nhà nước",
             "A full- or part-time officer designated in writing; commitments signed", "ND26 Art. 7"),
        Item("staff.turnover", "Thu hồi tài liệu, vật chứa bí mật nhà nước khi cán bộ chuyển công tác, nghỉ việc",
             "Secret containers recovered from staff who leave", "L18 Art. 25.4, 26.2.d"),
    )),
    Area("training", "Tuyên truyền, phổ biến, tập huấn", "Training and awareness", (
        Item("training.held", "Tổ chức phổ biến, tập huấn pháp luật về bảo vệ bí mật nhà nước; cập nhật Luật số 117/2025/QH15 và Nghị định số 63/2026/NĐ-CP",
             "Training and dissemination held; staff updated on Law 117/2025 and Decree 63/2026", "L18 Art. 24; plans of the province"),
    )),
    Area("reporting", "Chế độ báo cáo", "Reporting", (
        Item("reporting.annual", "Báo cáo định kỳ đúng hạn, đủ nội dung; báo cáo ngay khi xảy ra lộ, mất bí mật nhà nước",
             "Periodic reports on time and complete; leaks and losses reported at once", "ND26 Art. 8"),
    )),
)  # fmt: skip


def as_json(language: str = "vi") -> dict[str, object]:
    """`{"version", "areas": [{"code", "title", "items": [{"code", "text", "source"}]}]}`."""
    english = language.startswith("en")
    return {
        "version": VERSION,
        "areas": [
            {"code": area.code, "title": area.title_en if english else area.title,
             "items": [{"code": item.code, "text": item.text_en if english else item.text, "source": item.source}
                       for item in area.items]}
            for area in AREAS
        ],
    }  # fmt: skip
