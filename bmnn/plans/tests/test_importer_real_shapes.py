"""Shapes real plans take that the first importer missed (issue 17): headers in two columns, a
blank number, appendix tables after the signature, tables whose grid a text layer lost, leads
written as the sentence's subject, deadlines set in the implementation section, and names that
are no agency (kept, and flagged)."""

from __future__ import annotations

from datetime import date

from bmnn.plans.importer import parse_bytes

BODY = """
KẾ HOẠCH
Bảo vệ bí mật nhà nước năm 2026

I. MỤC ĐÍCH, YÊU CẦU
Phân công rõ trách nhiệm từng cơ quan.
II. NHIỆM VỤ
1. Rà soát danh mục bí mật nhà nước của ngành.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời gian hoàn thành: Quý III/2026.
"""


def _parse(text: str, resolver):
    return parse_bytes(text.encode("utf-8"), resolver)


def _tasks(parsed):
    return {task.ref: task for task in parsed.tasks}


def _names(parties) -> list[str]:
    return [party.name for party in parties]


def test_a_header_table_with_a_blank_number_and_day_reports_them_missing(resolver) -> None:
    text = (
        "| ỦY BAN NHÂN DÂN   TỈNH BẮC LÂM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
        "| Số:        /KH-UBND | Bắc Lâm, ngày      tháng 5 năm 2026 |\n" + BODY
    )
    parsed = _parse(text, resolver)
    header = parsed.as_json()["plan"]
    assert header["number"] is None and "number" in header["uncertain"]
    assert header["date"] is None and "date" in header["uncertain"]
    assert header["place"] == "Bắc Lâm"
    assert header["issuer"] == "UBND tỉnh Bắc Lâm"


def test_a_header_in_two_columns_of_text_gives_the_lower_body_as_issuer(resolver) -> None:
    text = (
        "UBND TỈNH BẮC LÂM               CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "    SỞ TƯ PHÁP                     Độc lập - Tự do - Hạnh phúc\n"
        "  Số: 45 /KH-STP                 Bắc Lâm, ngày 3 tháng 4 năm 2026\n"
        + BODY
        + "Sở Tư pháp theo dõi việc thực hiện.\n"
    )
    header = _parse(text, resolver).plan
    assert (header.number, header.place, header.date) == ("45/KH-STP", "Bắc Lâm", date(2026, 4, 3))
    assert header.issuer == "Sở Tư pháp"  # as the text writes it, not in capitals


def test_a_header_read_one_column_after_the_other_after_a_note(resolver) -> None:
    text = (
        "[Văn bản chép lại từ bản in, có thể sai sót.]\n"
        "CÔNG AN TỈNH BẮC LÂM\n_________\nSố: 7/KH-CAT\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "Bắc Lâm, ngày 2 tháng 3 năm 2027\n" + BODY
    )
    header = _parse(text, resolver).plan
    assert header.issuer.casefold() == "công an tỉnh bắc lâm"
    assert (header.number, header.date) == ("7/KH-CAT", date(2027, 3, 2))


APPENDIX = """
Nơi nhận:
- Như trên;
- Lưu: VT.
GIÁM ĐỐC
Trần Văn Định

PHỤ LỤC
DANH MỤC NHIỆM VỤ
| Nội dung công việc | Thời hạn | Đơn vị phối hợp | Đơn vị chủ trì |
|---|---|---|---|
| I. TẬP HUẤN | | | |
| Mở lớp bồi dưỡng cán bộ làm công tác bảo mật | Quý II/2026 | Sở Nội vụ | Công an tỉnh |
| Biên soạn sổ tay nghiệp vụ bảo mật | Tháng 8/2026 | Công an tỉnh | |
| II. KIỂM TRA | | | |
| Kiểm tra việc lưu giữ tài liệu mật | Năm 2026 | Thanh tra tỉnh | Các sở, ban, ngành; UBND các xã, phường |
"""


def test_an_appendix_table_after_the_signature_is_read_by_its_column_roles(resolver) -> None:
    tasks = _tasks(_parse(BODY + APPENDIX, resolver))
    assert list(tasks) == ["II.1", "PL.I.1", "PL.I.2", "PL.II.1"]
    first = tasks["PL.I.1"]
    assert _names(first.lead) == ["Công an tỉnh Bắc Lâm"]
    assert _names(first.coordinating) == ["Sở Nội vụ"]
    assert first.timing.due == date(2026, 6, 30)
    assert _names(tasks["PL.II.1"].lead) == ["Các sở, ban, ngành", "UBND các xã, phường"]


def test_a_table_row_with_an_empty_lead_cell_inherits_nothing_and_is_flagged(resolver) -> None:
    row = _tasks(_parse(BODY + APPENDIX, resolver))["PL.I.2"]
    assert row.lead == [] and "lead" in row.uncertain
    assert [flag.code for flag in row.flags] == ["no_lead"]


# the table's column headings, which the document repeats on every page
COLUMNS = "STT\nNội dung\nĐơn vị\nchủ trì\nĐơn vị\nphối hợp\nThời hạn\nhoàn thành"
GRIDLESS = f"""
PHỤ LỤC
NHIỆM VỤ CỤ THỂ
{COLUMNS}
1.
Xây dựng quy chế bảo vệ bí mật nhà nước của cơ quan,
trình lãnh đạo ký ban hành
Văn phòng
UBND tỉnh
Công an tỉnh,
Sở Tư pháp
Quý II/2026
2.
Tổ chức tự kiểm tra việc chấp hành pháp luật về bảo vệ
bí mật nhà nước tại các phòng chuyên môn
Các sở, ban,
ngành

TRANG TIN/Bắc Lâm/2026
7

{COLUMNS}
và các đơn vị trực thuộc, lập biên bản từng lần kiểm tra
Công an tỉnh
Tháng 11/2026
3.
Rà soát máy tính soạn thảo tài liệu mật, bảo đảm không kết
nối mạng Internet
UBND các xã,
phường
Công an tỉnh
Thường xuyên

TRANG TIN/Bắc Lâm/2026
8

TRANG TIN/Bắc Lâm/2026
9
"""


def test_a_table_whose_grid_was_lost_is_rebuilt_row_by_row(resolver) -> None:
    tasks = _tasks(_parse(BODY + GRIDLESS, resolver))
    assert list(tasks) == ["II.1", "PL.1", "PL.2", "PL.3"]
    first, second, third = tasks["PL.1"], tasks["PL.2"], tasks["PL.3"]
    assert first.content.endswith("trình lãnh đạo ký ban hành")
    assert _names(first.lead) == ["Văn phòng UBND tỉnh"]
    assert _names(first.coordinating) == ["Công an tỉnh Bắc Lâm", "Sở Tư pháp"]
    assert first.timing.due == date(2026, 6, 30)
    # a row cut by a page break: the headings and the running head are not part of it
    assert second.content.endswith("lập biên bản từng lần kiểm tra")
    assert "TRANG TIN" not in second.content and "STT" not in second.content
    assert _names(second.lead) == ["Các sở, ban, ngành"]
    assert (second.timing.kind, second.timing.due) == ("month", date(2026, 11, 30))
    assert _names(third.lead) == ["UBND các xã, phường"]
    assert third.timing.kind == "continuous"


SUBJECTS = """
II. NỘI DUNG
1. Tuyên truyền pháp luật về bảo vệ bí mật nhà nước
- Các sở, ban, ngành tỉnh; UBND các xã, phường trực thuộc tỉnh tiếp tục tổ chức quán triệt Luật Bảo vệ bí mật nhà nước đến cán bộ, công chức.
- Sở Tư pháp chủ trì, phối hợp với Công an tỉnh khẩn trương biên soạn tài liệu hỏi đáp, hoàn thành trong quý III năm 2026.
- Sở Khoa học và Công nghệ chủ trì, phối hợp với nhà cung cấp dịch vụ mạng rà quét cổng thông tin điện tử.
"""


def test_two_groups_before_the_verb_are_both_leads_without_their_qualifier(resolver) -> None:
    tasks = _tasks(_parse(BODY.split("II.")[0] + SUBJECTS, resolver))
    assert _names(tasks["II.1.1"].lead) == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert tasks["II.1.1"].flags == []


def test_an_adverb_after_the_partner_is_not_a_partner(resolver) -> None:
    task = _tasks(_parse(BODY.split("II.")[0] + SUBJECTS, resolver))["II.1.2"]
    assert _names(task.lead) == ["Sở Tư pháp"]
    assert _names(task.coordinating) == ["Công an tỉnh Bắc Lâm"]
    assert (task.timing.kind, task.timing.due) == ("quarter", date(2026, 9, 30))


def test_a_partner_that_is_no_agency_is_kept_in_its_words_and_flagged(resolver) -> None:
    parsed = _parse(BODY.split("II.")[0] + SUBJECTS, resolver)
    task = _tasks(parsed)["II.1.3"]
    assert [p.words for p in task.coordinating] == ["nhà cung cấp dịch vụ mạng"]
    assert [(f.code, f.field) for f in task.flags] == [("not_an_agency", "coordinating")]
    shown = next(t for t in parsed.as_json()["tasks"] if t["ref"] == "II.1.3")
    assert shown["flags"] == [
        {"code": "not_an_agency", "field": "coordinating", "words": "nhà cung cấp dịch vụ mạng"}
    ]


ORGANISATION = """
III. TỔ CHỨC THỰC HIỆN
1. Công an tỉnh: theo dõi, đôn đốc việc thực hiện Kế hoạch này.
2. Giám đốc các sở, Thủ trưởng các ban, ngành tỉnh; Chủ tịch UBND các xã, phường căn cứ Kế hoạch này xây dựng kế hoạch của cơ quan, địa phương mình, gửi về Công an tỉnh trước ngày 30/6/2026.
Khi phát hiện vụ lộ, mất bí mật nhà nước, các cơ quan, đơn vị, địa phương phải báo cáo ngay về Công an tỉnh để phối hợp xử lý.
"""


def test_the_implementation_section_gives_the_tasks_with_their_own_deadline(resolver) -> None:
    tasks = _tasks(_parse(BODY + ORGANISATION, resolver))
    # the plan's tasks are labelled: "theo dõi, đôn đốc" restates them and is no task
    assert list(tasks) == ["II.1", "III.2", "III.2.1"]
    plans_due = tasks["III.2"]
    assert _names(plans_due.lead) == ["Các sở, ban, ngành", "UBND các xã, phường"]
    assert (plans_due.timing.kind, plans_due.timing.due) == ("date", date(2026, 6, 30))
    at_once = tasks["III.2.1"]  # its own task, though printed under item 2
    assert at_once.content.startswith("Khi phát hiện vụ lộ")
    assert at_once.timing.kind == "on_request" and at_once.timing.due is None


def test_a_recurring_report_date_is_continuous(resolver) -> None:
    text = BODY + (
        "III. CHẾ ĐỘ BÁO CÁO\n"
        "Các sở, ban, ngành định kỳ hằng năm (trước ngày 10/12) báo cáo kết quả về Công an tỉnh.\n"
    )
    report = _tasks(_parse(text, resolver))["III.1"]
    assert report.timing.kind == "continuous" and report.timing.period == "year"


def test_a_plan_without_labelled_tasks_reads_its_duty_items(resolver) -> None:
    text = BODY.split("II.")[0] + (
        "II. NHIỆM VỤ\n1. Tuyên truyền Luật Bảo vệ bí mật nhà nước.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "1. Sở Tư pháp\n- Biên soạn tài liệu phổ biến pháp luật.\n"
        "- Phối hợp với Công an tỉnh tổ chức hội nghị tập huấn.\n"
        "2. Công an tỉnh chủ trì, phối hợp với các sở, ngành theo dõi việc thực hiện.\n"
    )
    tasks = _tasks(_parse(text, resolver))
    assert list(tasks) == ["II.1", "III.1.1", "III.1.2", "III.2"]
    assert _names(tasks["III.1.2"].lead) == ["Sở Tư pháp"]
    assert _names(tasks["III.1.2"].coordinating) == ["Công an tỉnh Bắc Lâm"]
    assert _names(tasks["III.2"].lead) == ["Công an tỉnh Bắc Lâm"]
