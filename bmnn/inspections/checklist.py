"""The default inspection checklist: what an inspector checks, area by area, each item citing
the rule it checks (shared/domain/SOURCES.md §8.2). Data, not code: an inspection copies it and
may then add, drop or reword items; a new default is a new `VERSION`.

Each item cites the 2025 law (L25, Law 117/2025/QH15) or Decree 63/2026 (ND63) where they
apply. Where the rule rests on a text the 2025 regime replaced (L18, ND26, TT24) because the new
wording was not available, that text is cited followed by "(old text)": the rule is understood
to be kept, and the citation is re-checked when the new text is read. L25 and ND63 are cited from
published summaries of them (LAW.md, SOURCES.md §9). "QD452" is the Prime Minister's plan implementing the
2025 law, through the province's own plan; "CT32" Directive 32/CT-TTg; "TT110" Circular
110/2013/TT-BTC on the budget for protection work.

Texts are Vietnamese (the working language of the inspection) with an English rendering.
"""

from __future__ import annotations

from dataclasses import dataclass

VERSION = "2026.2"


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
    Area(
        "classification",
        "Xác định và đóng dấu độ mật",
        "Classification and marking",
        (
            Item(
                "classification.catalogue",
                "Chỉ xác định độ mật đối với thông tin thuộc danh mục bí mật nhà nước hiện hành; không xác định vượt độ mật trong danh mục",
                "Only information in a current catalogue is classified, never above its catalogue level",
                "L25 Art. 5.1; L18 Art. 10.1 (old text)",
            ),
            Item(
                "classification.procedure",
                "Tờ trình, phiếu trình có đề xuất độ mật, nơi nhận, số lượng bản phát hành, được sao hay không; dự thảo được bảo vệ",
                "Submissions state the proposed level, recipients, print run and copy permission; drafts are protected",
                "ND26 Art. 2 (old text)",
            ),
            Item(
                "classification.marking",
                "Dấu độ mật đúng mẫu, kích thước, mực đỏ, đúng vị trí; văn bản điện tử có ký hiệu độ mật (mẫu theo Nghị định số 63/2026/NĐ-CP; tài liệu trước ngày 01/3/2026 theo Thông tư số 24/2020/TT-BCA)",
                "Level stamps of the right model, size and red ink, in the right place; electronic documents marked (Decree 63/2026's models; Circular 24/2020's for records before 01/3/2026)",
                "ND63 appendices; TT24 Art. 3, Forms 02, 19 (old text; records before 01/3/2026)",
            ),
        ),
    ),
    Area(
        "registers",
        "Sổ đăng ký, quản lý bí mật nhà nước",
        "Registers",
        (
            Item(
                "registers.books",
                "Có sổ đăng ký bí mật nhà nước đi, đến, sổ chuyển giao, sổ quản lý sao, chụp (hoặc đăng ký trên Hệ thống quản lý văn bản điện tử bí mật nhà nước); ghi đầy đủ, liên tục, có ký nhận",
                "Outgoing, incoming, handover and copy books exist (or the electronic secret-document system is used), complete, sequential, with receipt signatures",
                "ND63 (books or the e-document system; Appendix III); ND26 Art. 4 (old text)",
            ),
            Item(
                "registers.tuyet_mat",
                "Không ghi trích yếu đối với tài liệu độ Tuyệt mật",
                "No summary recorded for Tuyệt mật documents",
                "ND63 (Appendix III)",
            ),
            Item(
                "registers.database",
                "Cơ sở dữ liệu đăng ký (nếu có) đủ các trường của mẫu sổ, máy tính không kết nối mạng, bản in có ký xác nhận",
                "A register database has every field of the forms, runs on an offline computer, printouts are signed",
                "ND26 Art. 4.7, TT24 Art. 3.3 (old text; whether ND63 keeps it was not read)",
            ),
        ),
    ),
    Area(
        "copying",
        "Sao, chụp tài liệu, vật chứa bí mật nhà nước",
        "Copying and photographing",
        (
            Item(
                "copying.authority",
                "Việc sao, chụp được người có thẩm quyền cho phép (hoặc cấp phó được ủy quyền bằng văn bản)",
                "Copies authorised by the competent person or a deputy delegated in writing",
                "L25 Art. 11; L18 Art. 11.4–11.6 (old text: delegation in writing)",
            ),
            Item(
                "copying.register",
                "Ghi sổ quản lý sao, chụp; đóng dấu bản sao; hủy ngay bản thừa, bản hỏng; thiết bị sao chụp không kết nối mạng",
                "Copy register kept, copy stamps applied, spoiled copies destroyed, copying devices offline",
                "ND26 Art. 3 (old text)",
            ),
        ),
    ),
    Area(
        "storage",
        "Lưu giữ, bảo quản, thống kê",
        "Storage and statistics",
        (
            Item(
                "storage.place",
                "Nơi lưu giữ an toàn, có phương án bảo vệ; tủ, két có khóa",
                "A safe storage place with a protection plan",
                "L18 Art. 12.3 (old text)",
            ),
            Item(
                "storage.statistics",
                "Thống kê tài liệu, vật chứa bí mật nhà nước theo trình tự thời gian và độ mật hằng năm",
                "Annual statistics of secret containers by time and level",
                "L18 Art. 12.1 (old text); ND63 appendices; TT24 Form 18 (old text; records before 01/3/2026)",
            ),
        ),
    ),
    Area(
        "transport",
        "Vận chuyển, giao nhận, thu hồi",
        "Transport, handover and recall",
        (
            Item(
                "transport.envelopes",
                "Bì đóng dấu ký hiệu A, B, C; tài liệu Tuyệt mật dùng hai lớp bì; niêm phong; đối chiếu khi giao nhận",
                "Envelopes marked A/B/C, two envelopes for Tuyệt mật, sealed, reconciled at handover",
                "ND63 (transport and handover); ND26 Art. 4.1 (old text)",
            ),
            Item(
                "transport.recall",
                "Tài liệu có dấu “Tài liệu thu hồi” được hoàn trả đúng thời hạn ghi trên tài liệu; nơi gửi theo dõi, kiểm tra khi nhận lại",
                "Documents marked “Tài liệu thu hồi” are returned by the date written on them; the sender tracks and checks the returns",
                "L25 Art. 5.4; ND26 Art. 4.4 (old text); ND63 (recall of electronic documents)",
            ),
        ),
    ),
    Area(
        "carrying_out",
        "Mang tài liệu, vật chứa bí mật nhà nước ra khỏi nơi lưu giữ",
        "Carrying out of storage",
        (
            Item(
                "carrying_out.requests",
                "Có văn bản đề nghị đủ nội dung, được người có thẩm quyền cho phép, có báo cáo khi hoàn trả",
                "Written requests with the required content, approvals, return reports",
                "L18 Art. 14, ND26 Art. 5 (old text); ND63 (handover when carried abroad)",
            ),
        ),
    ),
    Area(
        "provision",
        "Cung cấp, chuyển giao bí mật nhà nước",
        "Provision and transfer",
        (
            Item(
                "provision.decisions",
                "Văn bản đề nghị, quyết định của người có thẩm quyền; từ chối bằng văn bản có nêu lý do",
                "Requests, decisions by the competent person, refusals in writing with reasons",
                "L18 Art. 15–16 (old text); ND63 appendices; TT24 Form 17 (old text; records before 01/3/2026)",
            ),
        ),
    ),
    Area(
        "meetings",
        "Hội nghị, hội thảo, cuộc họp có nội dung bí mật nhà nước",
        "Meetings with secret content",
        (
            Item(
                "meetings.protection",
                "Địa điểm, micro có dây, không dùng thiết bị thu phát (Tuyệt mật, Tối mật), kiểm tra an ninh, danh sách tham dự, thu hồi tài liệu, niêm phong phòng họp",
                "Venue, wired microphones, device ban at Tuyệt mật and Tối mật, security check, participant list, documents recovered, room sealed",
                "L18 Art. 17–18, ND26 Art. 6 (old text; the draft of ND63 keeps it)",
            ),
        ),
    ),
    Area(
        "declassification",
        "Thời hạn bảo vệ, gia hạn, điều chỉnh độ mật, giải mật",
        "Protection periods and declassification",
        (
            Item(
                "declassification.periods",
                "Gia hạn trước khi hết hạn ít nhất 60 ngày; thông báo trong 15 ngày; điều chỉnh, giải mật được đóng dấu và thông báo",
                "Extensions at least 60 days before the end, notices within 15 days, adjustments and declassifications stamped and notified",
                "L25 Art. 21, 22.1.a; L18 Art. 19–20, 22 (old text)",
            ),
            Item(
                "declassification.notices",
                "Thông báo của cơ quan xác định bí mật nhà nước về gia hạn, điều chỉnh độ mật, giải mật được thực hiện; các bản đang lưu giữ được đóng dấu, ghi lại trong 15 ngày",
                "Holders' notices of extension, level change and declassification acted on; the copies held re-marked within 15 days",
                "L25 Art. 21.5; L18 Art. 20.4, 22.6 (old text)",
            ),
        ),
    ),
    Area(
        "destruction",
        "Tiêu hủy tài liệu, vật chứa bí mật nhà nước",
        "Destruction",
        (
            Item(
                "destruction.procedure",
                "Có quyết định của người có thẩm quyền, danh sách, biên bản tiêu hủy; hội đồng tiêu hủy (bắt buộc đối với tài liệu Tuyệt mật); phương pháp không thể phục hồi",
                "Decision by the competent person, list and minutes; a destruction council (required for Tuyệt mật); a method that makes recovery impossible",
                "L25 Art. 5.4; L25 (council for Tuyệt mật; article not read); L18 Art. 23 (old text)",
            ),
        ),
    ),
    Area(
        "computers",
        "Máy tính, thiết bị, mạng",
        "Computers and networks",
        (
            Item(
                "computers.offline",
                "Không soạn thảo, lưu giữ bí mật nhà nước trên máy tính, thiết bị đang kết nối với mạng máy tính (trừ mạng LAN độc lập), mạng Internet, mạng viễn thông",
                "No secret composed or stored on a computer or device currently connected to a computer network (other than an independent LAN), the internet or a telecom network",
                "L25 Art. 5.2; ND63 (computers for electronic secret documents)",
            ),
            Item(
                "computers.ever_connected",
                "Máy tính, thiết bị đã từng kết nối với mạng máy tính, mạng Internet, mạng viễn thông được kiểm tra an ninh, an toàn trước khi dùng soạn thảo, lưu giữ bí mật nhà nước",
                "Computers and devices that have ever been connected to a computer network, the internet or a telecom network are checked before they are used for secrets",
                "provincial plan under QD452, II.4; CT32; L18 Art. 5.5 (old text: it barred such devices, L25 Art. 5.2 does not)",
            ),
            Item(
                "computers.lan",
                "Mạng LAN độc lập đặt trong khuôn viên cơ quan, không kết nối Internet, mạng viễn thông, mạng bên ngoài; có biện pháp bảo đảm an ninh, an toàn",
                "Independent LANs stay inside the premises with no link to the internet, a telecom network or an outside network, with security measures",
                "L25 Art. 2, 5.2; provincial plan under QD452, II.4",
            ),
            Item(
                "computers.media",
                "Quản lý thiết bị lưu trữ ngoài (USB, ổ cứng); kiểm tra an ninh thiết bị trước khi sử dụng; xóa dữ liệu khi chuyển mục đích",
                "Removable media controlled; devices checked before use; wiped when repurposed",
                "L18 Art. 5.7, 12.2 (old text); CT32",
            ),
            Item(
                "computers.internet",
                "Không đăng tải bí mật nhà nước trên cổng thông tin điện tử, thư điện tử, mạng xã hội; kiểm soát trước khi đăng tải",
                "No secrets on the web portal, in e-mail or social networks; content checked before publication",
                "L18 Art. 5.9 (old text; L25 Art. 5 beyond item 5 not read)",
            ),
        ),
    ),
    Area(
        "ai",
        "Trí tuệ nhân tạo, công nghệ mới",
        "AI and new technology",
        (
            Item(
                "ai.no_secrets",
                "Không đưa thông tin, tài liệu bí mật nhà nước vào công cụ trí tuệ nhân tạo (AI), dịch vụ công nghệ mới trên Internet; không sử dụng AI, công nghệ mới để xâm phạm bí mật nhà nước",
                "No secret content put into AI tools or new-technology services on the internet; AI and new technology never used to infringe state secrets",
                "L25 Art. 5; provincial plan under QD452, II.4",
            ),
            Item(
                "ai.lawful_use",
                "Ứng dụng trí tuệ nhân tạo, công nghệ mới trong công tác bảo vệ bí mật nhà nước bảo đảm tuân thủ quy định pháp luật",
                "AI and new technology used in protection work only within the law",
                "L25 Art. 5; provincial plan under QD452, II.4",
            ),
        ),
    ),
    Area(
        "regulation",
        "Quy chế, nội quy bảo vệ bí mật nhà nước",
        "Regulation issued",
        (
            Item(
                "regulation.issued",
                "Ban hành quy chế (nội quy) bảo vệ bí mật nhà nước của cơ quan, cập nhật theo Luật số 117/2025/QH15",
                "The agency's protection regulation is issued and updated for Law 117/2025/QH15",
                "L18 Art. 24.3.c, 25.1 (old text); provincial plan under QD452, II.5 (Q2 2026)",
            ),
        ),
    ),
    Area(
        "staff",
        "Người làm công tác bảo vệ bí mật nhà nước",
        "Staff assigned",
        (
            Item(
                "staff.designated",
                "Có quyết định phân công người làm công tác bảo vệ bí mật nhà nước chuyên trách hoặc kiêm nhiệm; cam kết bảo vệ bí mật nhà nước",
                "A full- or part-time officer designated in writing; commitments signed",
                "ND26 Art. 7 (old text)",
            ),
            Item(
                "staff.turnover",
                "Thu hồi tài liệu, vật chứa bí mật nhà nước khi cán bộ chuyển công tác, nghỉ việc",
                "Secret containers recovered from staff who leave",
                "L18 Art. 25.4, 26.2.d (old text)",
            ),
        ),
    ),
    Area(
        "training",
        "Tuyên truyền, phổ biến, tập huấn",
        "Training and awareness",
        (
            Item(
                "training.held",
                "Tổ chức phổ biến, tập huấn pháp luật về bảo vệ bí mật nhà nước; cập nhật Luật số 117/2025/QH15 và Nghị định số 63/2026/NĐ-CP",
                "Training and dissemination held; staff updated on Law 117/2025 and Decree 63/2026",
                "QD452 item 1; L18 Art. 24 (old text)",
            ),
        ),
    ),
    Area(
        "reporting",
        "Chế độ báo cáo",
        "Reporting",
        (
            Item(
                "reporting.annual",
                "Báo cáo định kỳ đúng hạn, đủ nội dung; báo cáo ngay khi xảy ra lộ, mất bí mật nhà nước",
                "Periodic reports on time and complete; leaks and losses reported at once",
                "ND26 Art. 8 (old text; ND63's reporting article not read)",
            ),
        ),
    ),
    Area(
        "budget",
        "Kinh phí bảo đảm cho công tác bảo vệ bí mật nhà nước",
        "Budget",
        (
            Item(
                "budget.estimate",
                "Lập dự toán kinh phí hằng năm cho công tác bảo vệ bí mật nhà nước theo nội dung chi tại Thông tư số 110/2013/TT-BTC (trang bị, két sắt, máy hủy tài liệu, kiểm tra thiết bị, tập huấn, tiêu hủy)",
                "An annual budget estimate for state-secret protection within the spending items of Circular 110/2013/TT-BTC (equipment, safes, shredders, device checks, training, destruction)",
                "L18 Art. 6 (old text); TT110 Art. 3; provincial plan under VPCP286, III.1",
            ),
        ),
    ),
)


def as_json(language: str = "vi") -> dict[str, object]:
    """`{"version", "areas": [{"code", "title", "items": [{"code", "text", "source"}]}]}`."""
    english = language.startswith("en")
    return {
        "version": VERSION,
        "areas": [
            {
                "code": area.code,
                "title": area.title_en if english else area.title,
                "items": [
                    {
                        "code": item.code,
                        "text": item.text_en if english else item.text,
                        "source": item.source,
                    }
                    for item in area.items
                ],
            }
            for area in AREAS
        ],
    }
