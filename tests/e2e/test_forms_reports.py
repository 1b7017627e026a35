"""Issue 19, reports and incidents, in a real browser: every form of the slice submitted empty
and with bad values (letters and negative numbers in figures, 31/02/2026, an end before its
start) comes back with what was typed, the message in Vietnamese next to its field, and nothing
saved; the head returns a report to the officer; signing and submitting ask first; building the
province report cannot be sent twice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.org.models import Agency, Person
from bmnn.reports import services
from bmnn.reports.models import Incident, IncidentStep, ProvinceReport, ReportingPeriod, Submission
from tests.e2e.helpers import by_id, error_next_to, fill, submit_three_times

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _annual() -> ReportingPeriod:
    today = timezone.localdate()
    year = today.year + 1 if today > date(today.year, 12, 14) else today.year
    return services.create_period(
        actor=Person.objects.get(username="giamsat"), kind="annual", year=year
    )


def _justice_draft() -> tuple[ReportingPeriod, Agency, Submission]:
    """The demo province's annual period, and the justice department's report in it as its
    security officer starts it."""
    load_demo()
    period = _annual()
    justice = Agency.objects.get(code="demo-stp")
    draft = services.start_submission(
        actor=Person.objects.get(username="baomat"), period=period, agency=justice
    )
    return period, justice, draft


def _points_at_its_message(page: Any, field_id: str) -> None:
    """The hand-laid fields too: invalid, and described by the message `<id>_error`."""
    field = by_id(page, field_id)
    expect(field).to_have_attribute("aria-invalid", "true")
    assert f"{field_id}_error" in (field.get_attribute("aria-describedby") or "").split()
    expect(page.locator(f'[id="{field_id}_error"]')).to_be_visible()


def test_the_agency_report_flags_bad_figures_keeps_everything_and_asks_before_submitting(
    window, live_server
) -> None:
    period, justice, draft = _justice_draft()
    officer = window("baomat")
    officer.goto(f"{live_server.url}/reports/periods/{period.pk}/agencies/{justice.pk}/")

    fill(
        officer,
        {
            "id_situation": "Sở đã quán triệt Luật Bảo vệ bí mật nhà nước",
            "id_lessons": "Người đứng đầu trực tiếp chỉ đạo",
            "id_fig-devices": "ba",
            "id_why-devices": "02 máy chưa nhập danh mục",
            "id_fig-trainings": "-2",
        },
    )
    by_id(officer, "id_fig-created.mat").fill("4")  # differs from the records, no reason
    officer.get_by_role("button", name="Lưu", exact=True).click()

    expect(error_next_to(officer, "id_fig-devices")).to_have_text("Nhập một số nguyên, ví dụ 3.")
    expect(error_next_to(officer, "id_fig-trainings")).to_have_text("Số liệu không được là số âm.")
    expect(error_next_to(officer, "id_why-created.mat")).to_have_text(
        "Khác với số liệu trong BMNN (0): hãy nêu lý do."
    )
    expect(by_id(officer, "id_fig-devices")).to_have_attribute("aria-invalid", "true")
    expect(officer.get_by_test_id("form-errors")).to_contain_text("Chưa lưu gì")
    expect(officer.locator("#id_situation")).to_have_value(
        "Sở đã quán triệt Luật Bảo vệ bí mật nhà nước"
    )
    expect(officer.locator("#id_lessons")).to_have_value("Người đứng đầu trực tiếp chỉ đạo")
    expect(by_id(officer, "id_fig-devices")).to_have_value("ba")
    expect(by_id(officer, "id_why-devices")).to_have_value("02 máy chưa nhập danh mục")
    expect(by_id(officer, "id_fig-trainings")).to_have_value("-2")
    expect(by_id(officer, "id_fig-created.mat")).to_have_value("4")
    draft.refresh_from_db()
    assert draft.situation == "" and draft.value("devices") == 0 and draft.revision == 0

    # "Lấy lại số liệu" saves what was typed first: with bad figures, it refills nothing
    officer.get_by_role("button", name="Lấy lại số liệu").click()
    expect(error_next_to(officer, "id_fig-devices")).to_have_text("Nhập một số nguyên, ví dụ 3.")
    expect(officer.locator("#id_situation")).to_have_value(
        "Sở đã quán triệt Luật Bảo vệ bí mật nhà nước"
    )
    draft.refresh_from_db()
    assert draft.revision == 0

    # corrected, then submitted: the officer is asked first, and saying no sends nothing
    fill(officer, {"id_fig-devices": "2", "id_fig-trainings": "0", "id_fig-created.mat": "0"})
    officer.say_no.append(True)
    officer.get_by_role("button", name="Trình thủ trưởng ký").click()
    assert officer.asked[-1].startswith("Trình báo cáo này để thủ trưởng ký?")
    draft.refresh_from_db()
    assert draft.state == "draft" and draft.revision == 0
    officer.get_by_role("button", name="Trình thủ trưởng ký").click()
    expect(officer.get_by_test_id("state")).to_have_text("Chờ thủ trưởng ký")
    draft.refresh_from_db()
    assert draft.state == "submitted" and draft.value("devices") == 2
    assert draft.figures["devices"]["reason"] == "02 máy chưa nhập danh mục"


def test_the_head_returns_the_report_with_a_reason_and_signing_asks_first(
    window, live_server
) -> None:
    period, justice, draft = _justice_draft()
    officer_person = Person.objects.get(username="baomat")
    draft = services.save_submission(
        actor=officer_person, submission=draft, revision=draft.revision, situation="Kết quả tốt"
    )
    services.submit(actor=officer_person, submission=draft)
    url = f"{live_server.url}/reports/periods/{period.pk}/agencies/{justice.pk}/"

    head = window("thutruong")
    head.goto(url)
    head.locator("#id_lessons").fill("Bài học thủ trưởng viết dở")
    head.say_no.append(True)  # "Ký và gửi lên tỉnh?" — no
    head.get_by_role("button", name="Ký và gửi lên tỉnh").click()
    expect(head.locator("#id_lessons")).to_have_value("Bài học thủ trưởng viết dở")
    assert Submission.objects.get().state == "submitted"

    back = head.get_by_test_id("send-back")
    back.get_by_role("button", name="Trả lại cán bộ bảo mật").click()  # no reason
    expect(error_next_to(head, "id_back-comment")).to_have_text(
        "Hãy ghi rõ cán bộ cần sửa nội dung gì."
    )
    _points_at_its_message(head, "id_back-comment")
    assert Submission.objects.get().state == "submitted"
    head.locator("#id_back-comment").fill("Bổ sung kết quả tự kiểm tra tại các phòng")
    head.get_by_test_id("send-back").get_by_role("button", name="Trả lại cán bộ bảo mật").click()
    expect(head.get_by_test_id("state")).to_have_text("Dự thảo")
    returned = Submission.objects.get()
    assert returned.state == "draft"
    assert [e.comment for e in returned.events.filter(action="return")] == [
        "Bổ sung kết quả tự kiểm tra tại các phòng"
    ]

    officer = window("baomat")
    officer.goto(url)
    expect(officer.get_by_test_id("return-comment")).to_contain_text(
        "Bổ sung kết quả tự kiểm tra tại các phòng"
    )
    expect(officer.get_by_test_id("return-comment")).to_contain_text("Trần Văn Định")


def test_the_period_forms_keep_input_and_refuse_bad_dates_and_numbers(window, live_server) -> None:
    load_demo()
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/reports/periods/new/")
    expect(supervisor.get_by_role("button", name="Mở kỳ báo cáo")).to_be_visible()
    supervisor.locator("#id_year").fill("")  # empty
    supervisor.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(error_next_to(supervisor, "id_year")).to_have_text("Trường này là bắt buộc.")
    assert ReportingPeriod.objects.count() == 0

    supervisor.locator("#id_kind").select_option("semiannual")
    fill(
        supervisor,
        {
            "id_year": "năm nay",
            "id_part": "-1",
            "id_title": "Báo cáo 6 tháng đầu năm",
            "id_window_start": "31/02/2026",
            "id_due_on": "15/07/2026",
        },
    )
    supervisor.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(error_next_to(supervisor, "id_year")).to_have_text("Nhập năm bằng chữ số, ví dụ 2026.")
    expect(error_next_to(supervisor, "id_part")).to_have_text(
        "Nhập 1 hoặc 2 đối với 6 tháng, từ 1 đến 4 đối với quý."
    )
    expect(error_next_to(supervisor, "id_window_start")).to_have_text(
        "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    typed = {
        "id_year": "năm nay",
        "id_part": "-1",
        "id_window_start": "31/02/2026",
        "id_title": "Báo cáo 6 tháng đầu năm",
        "id_due_on": "15/07/2026",
    }
    for field, value in typed.items():
        expect(supervisor.locator(f"#{field}")).to_have_value(value)
    expect(supervisor.locator("#id_kind")).to_have_value("semiannual")

    fill(supervisor, {"id_year": "2026", "id_part": "1", "id_window_start": "30/06/2026"})
    supervisor.locator("#id_window_end").fill("01/01/2026")  # ends before it starts
    supervisor.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(error_next_to(supervisor, "id_window_end")).to_have_text(
        "Ngày kết thúc kỳ số liệu trước ngày bắt đầu."
    )
    expect(supervisor.locator("#id_window_end")).to_have_value("01/01/2026")
    assert ReportingPeriod.objects.count() == 0

    period = _annual()
    supervisor.goto(f"{live_server.url}/reports/periods/{period.pk}/")
    change = supervisor.get_by_test_id("period-change")
    change.locator("#id_due_on").fill("31/02/2026")
    change.locator("#id_status").select_option("closed")
    change.get_by_role("button", name="Lưu").click()
    expect(error_next_to(supervisor, "id_due_on")).to_have_text(
        "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    expect(supervisor.locator("#id_due_on")).to_have_value("31/02/2026")
    _points_at_its_message(supervisor, "id_due_on")
    expect(supervisor.locator("#id_status")).to_have_value("closed")
    period.refresh_from_db()
    assert period.status == "open" and period.due_on != date(2026, 2, 28)


def test_the_incident_forms_preselect_the_agency_and_keep_input(window, live_server) -> None:
    load_demo()
    justice = Agency.objects.get(code="demo-stp")
    staff = window("canbo")
    staff.goto(f"{live_server.url}/reports/incidents/new/")
    expect(staff.locator("#id_agency")).to_have_value(str(justice.pk))  # the only agency
    staff.locator("#id_found_at").fill("")
    staff.locator("main form[method=post] button[type=submit]").click()  # empty
    expect(error_next_to(staff, "id_what")).to_have_text("Ghi rõ nội dung bị lộ, mất.")
    expect(error_next_to(staff, "id_found_at")).to_have_text("Hãy ghi thời điểm phát hiện.")
    fill(
        staff,
        {
            "id_what": "Mất 01 sổ tay ghi chép nội dung cuộc họp Mật",
            "id_found_at": "31/02/2026 08:30",
            "id_scope": "Phòng Hành chính tư pháp",
        },
    )
    staff.locator("main form[method=post] button[type=submit]").click()
    expect(error_next_to(staff, "id_found_at")).to_contain_text(
        "Nhập ngày giờ có thật theo dạng ngày/tháng/năm giờ:phút"
    )
    expect(staff.locator("#id_what")).to_have_value("Mất 01 sổ tay ghi chép nội dung cuộc họp Mật")
    expect(staff.locator("#id_scope")).to_have_value("Phòng Hành chính tư pháp")
    expect(staff.locator("#id_found_at")).to_have_value("31/02/2026 08:30")
    assert staff.asked[-1].startswith("Báo cáo vụ lộ, mất này?")  # filing tells everyone: asked
    assert not Incident.objects.exists()

    incident = services.report_incident(
        actor=Person.objects.get(username="canbo"),
        agency=justice,
        what="Mất 01 USB",
        channel="lost_document",
        found_at=timezone.now() - timedelta(hours=2),
    )
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/reports/incidents/{incident.pk}/")
    supervisor.get_by_role("button", name="Thêm bước xử lý").click()  # empty
    expect(error_next_to(supervisor, "id_text")).to_have_text("Hãy ghi việc đã làm để xử lý.")
    supervisor.locator("#id_text").fill("Đã thu hồi USB, lập biên bản")
    supervisor.say_no.append(True)  # "close the incident?" — no
    supervisor.get_by_role("button", name="Thêm bước và kết thúc vụ việc").click()
    expect(supervisor.locator("#id_text")).to_have_value("Đã thu hồi USB, lập biên bản")
    assert not IncidentStep.objects.exists()
    supervisor.get_by_role("button", name="Thêm bước và kết thúc vụ việc").click()
    expect(supervisor.get_by_test_id("incident-status")).to_have_text("Đã kết thúc")
    incident.refresh_from_db()
    assert incident.status == "closed"


def test_the_province_report_is_built_once_and_its_form_keeps_input(window, live_server) -> None:
    load_demo()
    period = _annual()
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/reports/periods/{period.pk}/province/")
    posts, held = [], []
    supervisor.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    supervisor.route(
        "**/province/",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    form = supervisor.get_by_test_id("build-form")
    state = submit_three_times(form)
    assert (state["disabled"], state["spinners"]) == (True, 1)
    for _ in range(100):  # the request reaches the route a moment later on a busy machine
        if held:
            break
        supervisor.wait_for_timeout(50)
    supervisor.wait_for_timeout(500)  # time for a second request, were one sent
    assert len(posts) == 1 and len(held) == 1
    held[0].continue_()
    expect(supervisor.get_by_test_id("built")).to_be_visible()
    supervisor.unroute("**/province/")
    assert ProvinceReport.objects.count() == 1 and len(posts) == 1

    # building again replaces the figures: it asks first
    supervisor.say_no.append(True)
    supervisor.get_by_test_id("build-form").get_by_role("button").click()
    assert ProvinceReport.objects.get().revision == 1

    revision = ProvinceReport.objects.get().revision
    fill(
        supervisor,
        {
            "id_day": "31/02/2026",
            "id_number": "",
            "id_lessons": "Bài học do giám sát viên viết lại",
        },
    )
    supervisor.get_by_test_id("province-form").get_by_role("button", name="Lưu").click()
    expect(error_next_to(supervisor, "id_day")).to_have_text(
        "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
    )
    expect(error_next_to(supervisor, "id_number")).to_be_visible()
    _points_at_its_message(supervisor, "id_day")
    _points_at_its_message(supervisor, "id_number")
    expect(supervisor.locator("#id_lessons")).to_have_value("Bài học do giám sát viên viết lại")
    expect(supervisor.locator("#id_day")).to_have_value("31/02/2026")
    report = ProvinceReport.objects.get()
    assert report.revision == revision and report.lessons != "Bài học do giám sát viên viết lại"
