"""In a real browser (issue 19), every form of the devices, the leak scanner and the audit log,
sent empty and with bad values (letters in numbers, negative and absurd numbers, 31/02/2026, an
end before its start): the same page comes back with what was typed, each message in Vietnamese
next to its field, and nothing is saved. Irreversible steps ask first."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bmnn.devices.demo import load_demo_devices
from bmnn.devices.models import Device, DeviceFinding, HostReport, IndependentLan, Medium
from bmnn.org.demo import load_demo
from bmnn.reports.models import Incident
from bmnn.scanner.demo import load_demo_scanner
from bmnn.scanner.models import Finding, Portal
from tests.e2e.helpers import REQUIRED, error_next_to, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
NO_DATE = "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)."


def _start(page: Any, live_server: Any, load: Any, username: str) -> list[str]:
    """The demo province and `load`'s records, `username` logged in on the page; the confirm()
    questions the page asks are answered yes and kept in the list returned."""
    load_demo()
    load()
    asked: list[str] = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    log_in(page, live_server.url, username)
    return asked


def test_the_device_forms_keep_what_was_typed(page: Any, live_server: Any) -> None:
    asked = _start(page, live_server, load_demo_devices, "baomat")
    base = live_server.url
    devices, media, lans = (
        Device.objects.count(),
        Medium.objects.count(),
        IndependentLan.objects.count(),
    )

    # a new device: empty, then a date that does not exist
    page.goto(f"{base}/devices/new/")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(error_next_to(page, "id_asset_tag")).to_have_text(REQUIRED)
    page.locator("#id_asset_tag").fill("STP-MT-09")
    page.locator("#id_make_model").fill("HP ProDesk 600")
    page.locator("#id_ever_connected").select_option("yes")
    page.locator("#id_ever_connected_on").fill("31/02/2026")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(error_next_to(page, "id_ever_connected_on")).to_have_text(NO_DATE)
    expect(page.locator("#id_asset_tag")).to_have_value("STP-MT-09")
    expect(page.locator("#id_make_model")).to_have_value("HP ProDesk 600")
    expect(page.locator("#id_ever_connected_on")).to_have_value("31/02/2026")
    expect(page.locator("#id_ever_connected")).to_have_value("yes")
    assert Device.objects.count() == devices

    # a finding answered without saying how: asked first, then refused by the note
    device = Device.objects.get(asset_tag="STP-MT-01")
    finding = DeviceFinding.objects.get(device=device)
    page.goto(f"{base}/devices/{device.pk}/")
    expect(page.get_by_test_id("finding-text")).to_contain_text(
        "1 thiết bị lưu trữ USB không có trong danh sách"
    )
    answer = page.get_by_test_id(f"answer-{finding.pk}")
    answer.locator(f"#id_finding-{finding.pk}-status").select_option("dismissed")
    answer.locator("button[type=submit]").click()
    assert asked and asked[-1].startswith("Đóng phát hiện này")
    expect(error_next_to(page, f"id_finding-{finding.pk}-note")).to_have_text(REQUIRED)
    expect(page.locator(f"#id_finding-{finding.pk}-status")).to_have_value("dismissed")
    assert DeviceFinding.objects.get(pk=finding.pk).status == DeviceFinding.Status.OPEN

    # the report upload with no file
    reports = HostReport.objects.filter(device=device).count()
    page.get_by_test_id("report-upload").locator("button[type=submit]").click()
    expect(error_next_to(page, "id_report")).to_have_text("Chọn tệp báo cáo.")
    assert HostReport.objects.filter(device=device).count() == reports

    # a medium with no serial and 31/02/2026; a LAN with nothing
    page.goto(f"{base}/devices/media/")
    medium = page.get_by_test_id("medium-form")
    medium.locator("#id_medium-label").fill("USB-MAT-02")
    medium.locator("#id_medium-registered_on").fill("31/02/2026")
    medium.locator("button[type=submit]").click()
    expect(error_next_to(page, "id_medium-serial")).to_have_text(REQUIRED)
    expect(error_next_to(page, "id_medium-registered_on")).to_have_text(NO_DATE)
    expect(page.locator("#id_medium-label")).to_have_value("USB-MAT-02")
    expect(page.locator("#id_medium-registered_on")).to_have_value("31/02/2026")
    page.get_by_test_id("lan-form").locator("button[type=submit]").click()
    expect(error_next_to(page, "id_lan-name")).to_have_text(REQUIRED)
    expect(error_next_to(page, "id_lan-site")).to_have_text(REQUIRED)
    assert (Medium.objects.count(), IndependentLan.objects.count()) == (media, lans)


def test_the_scanner_forms_keep_what_was_typed(page: Any, live_server: Any) -> None:
    asked = _start(page, live_server, load_demo_scanner, "giamsat")
    base = live_server.url
    portals, incidents = Portal.objects.count(), Incident.objects.count()

    # a portal: empty, then letters, a negative number and an absurd delay
    page.goto(f"{base}/scanner/portals/new/")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(error_next_to(page, "id_name")).to_have_text(REQUIRED)
    expect(error_next_to(page, "id_start_urls")).to_have_text(REQUIRED)
    page.locator("#id_name").fill("Cổng Sở Y tế")
    page.locator("#id_start_urls").fill("https://syt.baclam.gov.vn.example/")
    page.locator("#id_max_depth").fill("ba")
    page.locator("#id_max_pages").fill("-5")
    page.locator("#id_delay").fill("99999")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(error_next_to(page, "id_max_depth")).to_have_text("Nhập một số nguyên bằng chữ số.")
    expect(error_next_to(page, "id_max_pages")).to_have_text("Ít nhất là 1.")
    expect(error_next_to(page, "id_delay")).to_have_text("Nhiều nhất là 60.")
    expect(page.locator("#id_name")).to_have_value("Cổng Sở Y tế")
    expect(page.locator("#id_max_depth")).to_have_value("ba")
    expect(page.locator("#id_max_pages")).to_have_value("-5")
    assert Portal.objects.count() == portals

    # a finding: no agency for the incident; "not a leak" without the reason
    finding = Finding.objects.filter(status=Finding.Status.OPEN).first()
    page.goto(f"{base}/scanner/findings/{finding.pk}/")
    expect(page.get_by_test_id("evidence")).to_contain_text("Dấu chỉ độ mật")
    incident = page.get_by_test_id("open-incident")
    expect(incident.locator("#id_incident-agency option:checked")).to_have_text(
        finding.portal.agency.name
    )
    incident.locator("#id_incident-agency").select_option("")
    incident.locator("button[type=submit]").click()
    assert asked and asked[-1].startswith("Lập báo cáo vụ việc")
    expect(error_next_to(page, "id_incident-agency")).to_have_text("Chọn cơ quan.")
    assert Incident.objects.count() == incidents
    decide = page.get_by_test_id("decide")
    decide.locator("#id_status").select_option("dismissed")
    decide.locator("#id_note").fill("   ")
    decide.locator("button[type=submit]").click()
    expect(error_next_to(page, "id_note")).to_have_text("Ghi rõ lý do không phải lộ lọt.")
    expect(page.locator("#id_status")).to_have_value("dismissed")
    assert Finding.objects.get(pk=finding.pk).status == Finding.Status.OPEN

    # a bundle import and a document check with no file
    page.goto(f"{base}/scanner/")
    page.get_by_text("Nhập kết quả từ máy quét").click()
    page.get_by_test_id("import-bundle").locator("button[type=submit]").click()
    expect(error_next_to(page, "id_bundle")).to_have_text("Chọn tệp gói dữ liệu (tối đa 200 MB).")
    page.goto(f"{base}/scanner/check/")
    page.get_by_test_id("check-form").locator("button[type=submit]").click()
    expect(error_next_to(page, "id_file")).to_have_text("Chọn tệp cần kiểm tra.")


def test_the_audit_log_filter_refuses_bad_dates_by_their_fields(
    page: Any, live_server: Any
) -> None:
    load_demo()
    base = live_server.url
    log_in(page, base, "giamsat")
    page.goto(f"{base}/audit/")
    page.locator("#id_since").fill("31/02/2026")
    page.get_by_role("button", name="Lọc").click()
    expect(error_next_to(page, "id_since")).to_have_text("Nhập ngày theo dạng dd/mm/yyyy.")
    expect(page.locator("#id_since")).to_have_value("31/02/2026")
    page.locator("#id_since").fill("10/12/2026")
    page.locator("#id_until").fill("01/12/2026")
    page.get_by_role("button", name="Lọc").click()
    expect(error_next_to(page, "id_until")).to_have_text("Ngày kết thúc ở trước ngày bắt đầu.")
    expect(page.locator("#id_until")).to_have_value("01/12/2026")
    expect(page.locator("main")).not_to_contain_text("device.")
