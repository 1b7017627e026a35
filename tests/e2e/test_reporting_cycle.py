"""In a real browser: the security officer drafts the annual report (figures filled from the
records, one corrected with a reason) and submits it, the head signs, the supervisor returns it
with a comment, the officer changes it and submits again, the head signs again, the supervisor
accepts and builds the province report, and the DOCX read back holds the agency's figures.

Then an incident: two supervisors have pages open; an agency files a leak and the notice appears
on both pages within one second, and the LAN mail server receives the e-mail."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.inspections.services import record_training
from bmnn.org.demo import load_demo
from bmnn.org.models import Agency, Membership, Person, Role
from bmnn.reports import services
from bmnn.reports.models import Incident, Submission
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def window(browser: Any, live_server: Any) -> Iterator[Callable[[str], Any]]:
    """Logged-in pages, one browser context per person; closed before the database goes away
    (open pages poll for notifications)."""
    contexts = []

    def open_as(username: str) -> Any:
        context = browser.new_context(locale="vi-VN", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        log_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_draft_submit_sign_return_resubmit_accept_build(window, live_server) -> None:
    load_demo()
    base = live_server.url
    justice = Agency.objects.get(code="demo-stp")
    officer_person = Person.objects.get(username="baomat")
    today = timezone.localdate()
    year = (
        today.year + 1 if today > date(today.year, 12, 14) else today.year
    )  # the window holding today
    period = services.create_period(
        actor=Person.objects.get(username="giamsat"), kind="annual", year=year
    )
    record_training(
        actor=officer_person,
        agency=justice,
        kind="training",
        held_on=timezone.localdate() - timedelta(days=3),
        title="Tập huấn nghiệp vụ bảo vệ bí mật nhà nước",
        participants={"cán bộ, công chức": 37},
    )

    officer = window("baomat")
    officer.goto(f"{live_server.url}/reports/")
    officer.get_by_role("link", name=period.title).click()
    officer.get_by_role("button", name="Bắt đầu lập báo cáo").click()
    expect(officer.get_by_test_id("figure-trainings").get_by_role("textbox").first).to_have_value(
        "1"
    )
    expect(
        officer.get_by_test_id("figure-training_participants").get_by_role("textbox").first
    ).to_have_value("37")
    officer.get_by_label("1. Tình hình và kết quả thực hiện").fill(
        "Sở đã quán triệt và thực hiện nghiêm quy chế."
    )
    officer.get_by_label("Máy tính, thiết bị dùng cho bí mật nhà nước", exact=True).fill("2")
    officer.get_by_label("Lý do: Máy tính, thiết bị dùng cho bí mật nhà nước").fill(
        "02 máy chưa nhập vào danh mục"
    )
    officer.get_by_role("button", name="Trình thủ trưởng ký").click()
    expect(officer.get_by_test_id("state")).to_have_text("Chờ thủ trưởng ký")
    url = officer.url

    head = window("thutruong")
    head.goto(url)
    expect(head.get_by_label("1. Tình hình và kết quả thực hiện")).to_have_value(
        "Sở đã quán triệt và thực hiện nghiêm quy chế."
    )
    head.get_by_role("button", name="Ký và gửi lên tỉnh").click()
    expect(head.get_by_test_id("state")).to_have_text("Đã ký, đã gửi")

    supervisor = window("giamsat")
    supervisor.goto(f"{base}/reports/periods/{period.pk}/")
    supervisor.get_by_test_id("submissions").get_by_role("link", name="Sở Tư pháp").click()
    supervisor.get_by_label("Ý kiến gửi cơ quan").fill("Bổ sung bài học kinh nghiệm")
    supervisor.get_by_role("button", name="Trả lại kèm ý kiến").click()
    expect(supervisor.get_by_test_id("state")).to_have_text("Trả lại để bổ sung")

    officer.reload()
    expect(officer.get_by_test_id("return-comment")).to_contain_text("Bổ sung bài học kinh nghiệm")
    officer.get_by_label("3. Bài học kinh nghiệm").fill(
        "Người đứng đầu trực tiếp chỉ đạo, kiểm tra."
    )
    officer.get_by_role("button", name="Trình thủ trưởng ký").click()
    expect(officer.get_by_test_id("state")).to_have_text("Chờ thủ trưởng ký")
    head.reload()
    head.get_by_role("button", name="Ký và gửi lên tỉnh").click()
    expect(head.get_by_test_id("state")).to_have_text("Đã ký, đã gửi")

    supervisor.reload()
    supervisor.get_by_role("button", name="Tiếp nhận", exact=True).click()
    expect(supervisor.get_by_test_id("state")).to_have_text("Đã tiếp nhận")
    actions = Submission.objects.get().events.values_list("action", flat=True)
    assert list(actions) == ["draft", "submit", "sign", "return", "submit", "sign", "accept"]
    supervisor.goto(f"{base}/reports/periods/{period.pk}/")
    supervisor.get_by_test_id("province-link").click()
    supervisor.get_by_role("button", name="Tổng hợp từ các báo cáo đã tiếp nhận").click()
    expect(supervisor.get_by_test_id("built")).to_contain_text("1 báo cáo đã tiếp nhận")
    with supervisor.expect_download() as download:
        supervisor.get_by_test_id("download-docx").click()

    import docx

    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    annex = next(t for t in document.tables if t.rows[0].cells[1].text == "Cơ quan, đơn vị")
    row = next(r for r in annex.rows if r.cells[1].text == "Sở Tư pháp")
    values = [cell.text for cell in row.cells]
    assert (
        values[8:10] == ["1", "37"] and values[14] == "2"
    )  # trainings, participants, computers (corrected)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "BÁO CÁO" in text and "Sở Tư pháp: Người đứng đầu trực tiếp chỉ đạo" in text


def test_an_incident_reaches_every_supervisors_open_page_and_mailbox(
    window, live_server, settings
) -> None:
    """How soon the notice appears on an open page is measured in bench/test_bench_reports.py
    (within a second, for two supervisors' pages)."""
    from tests.smtp import smtp_server

    load_demo()
    police = Agency.objects.get(code="demo-cat")
    admin = Person.objects.get(username="quantri")
    Membership.objects.create(
        person=admin, agency=police, role=Role.SUPERVISOR
    )  # a second supervisor
    Person.objects.filter(username__in=["giamsat", "quantri"]).update(email="")
    Person.objects.filter(username="giamsat").update(email="giamsat@congan.baclam.gov.vn")
    Person.objects.filter(username="quantri").update(email="quantri@congan.baclam.gov.vn")
    with smtp_server() as (port, mailbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.BMNN_SEND_EMAIL = "127.0.0.1", port, True
        watching = [window(name) for name in ("giamsat", "quantri")]
        staff = window("canbo")
        staff.goto(f"{live_server.url}/reports/incidents/new/")
        staff.get_by_label("Cơ quan").select_option(label="Sở Tư pháp")
        staff.get_by_label("Nội dung bị lộ, mất").fill(
            "Mất 01 USB chứa tài liệu Mật của phòng Hành chính tư pháp"
        )
        staff.get_by_label("Hình thức").select_option("stolen_device")
        staff.locator("main form").get_by_role("button", name="Báo cáo").click()
        staff.wait_for_url(re.compile(r"/reports/incidents/\d+/$"))
        incident = Incident.objects.get()
        assert incident.agency.name == "Sở Tư pháp"
        for page in watching:  # the pages were open before the filing: the poll brings it
            expect(page.get_by_test_id("live-notification")).to_contain_text(
                "Sở Tư pháp", timeout=3000
            )
        received = mailbox.wait_for(1, timeout=5)
    assert {address for message in received for address in message.recipients} >= {
        "giamsat@congan.baclam.gov.vn",
        "quantri@congan.baclam.gov.vn",
    }
