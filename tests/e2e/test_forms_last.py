"""Issue 19, the last forms without a browser test that sends them empty and with bad values:
the Chairman's written consent to a meeting with foreign participants (approvals page), the
legal library's filter, a device's edit form, carrying a device finding into an inspection, the
filters of the audit log, the register list and the register statistics, the checklist's
evidence, and a plan's task refused by the service on the import review. Each comes back with
what was typed, the message in Vietnamese in the element `<id>_error` that the field's
aria-describedby names, nothing saved, and never an error page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.core.models import AuditEvent
from bmnn.devices.demo import load_demo_devices
from bmnn.devices.models import Device, DeviceChange, DeviceFinding
from bmnn.inspections.demo import load_demo_inspections
from bmnn.inspections.models import Answer, Inspection, LegalDocument
from bmnn.inspections.models import Finding as InspectionFinding
from bmnn.org.demo import load_demo
from bmnn.org.models import Agency, Person
from bmnn.plans.demo import load_demo_plans
from bmnn.plans.models import Plan, Task
from bmnn.registry import services as registry
from bmnn.registry.demo import CATALOGUE, load_demo_registry
from bmnn.registry.models import CatalogueItem, Meeting
from tests.e2e.helpers import BAD_DAY, DAY_MESSAGE, REQUIRED, fill, kept, refused

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

END_BEFORE_START = "Ngày kết thúc ở trước ngày bắt đầu."
# the registry's and the plans' day fields
# the devices' day fields word it with the example in brackets
DEVICE_DAY = "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)."
AUDIT_DAY = "Nhập ngày theo dạng dd/mm/yyyy."
NOTHING_SAVED = "Chưa lưu gì"


def _watch(page: Any) -> list[tuple[int, str]]:
    """Every page (document) the browser is answered from now on, with its status."""
    seen: list[tuple[int, str]] = []
    page.on(
        "response",
        lambda response: (
            seen.append((response.status, response.url))
            if response.request.resource_type == "document"
            else None
        ),
    )
    return seen


def _no_error_page(seen: list[tuple[int, str]]) -> None:
    assert seen, "no page was loaded"
    broken = [(status, url) for status, url in seen if status >= 500]
    assert not broken, broken


def _no_message(page: Any) -> None:
    expect(page.locator("main .invalid-feedback")).to_have_count(0)
    expect(page.locator('main [aria-invalid="true"]')).to_have_count(0)


def _both_days_refused(page: Any, send: Callable[[], None], since: str, until: str) -> None:
    """The period's two days sent as typed: each refused by its field, both kept."""
    fill(page, {"id_since": since, "id_until": until})
    send()
    refused(page, "id_since", DAY_MESSAGE)
    refused(page, "id_until", DAY_MESSAGE)
    kept(page, {"id_since": since, "id_until": until})


def _registers() -> None:
    """The demo province with its plans and registers."""
    load_demo()
    load_demo_plans()
    load_demo_registry()


def _officer_on_the_registers(window: Any) -> tuple[Any, list[tuple[int, str]]]:
    """The demo registers, and the security officer's window with what its pages answer."""
    _registers()
    page = window("baomat")
    return page, _watch(page)


def test_the_chairman_s_written_consent_to_a_foreign_meeting(window, live_server) -> None:
    _registers()
    justice = Agency.objects.get(code="demo-stp")
    officer, head = Person.objects.get(username="baomat"), Person.objects.get(username="thutruong")
    item = registry.propose_item(
        actor=officer,
        agency=justice,
        level="toi_mat",
        kind="meeting",
        catalogue_item=CatalogueItem.objects.get(catalogue__decision=CATALOGUE, code="1.4"),
        doc_type="Hội nghị",
        summary="Trao đổi kinh nghiệm bảo vệ hồ sơ thi hành án với đoàn tỉnh bạn",
    )
    registry.classify_item(actor=head, item=item, number="", doc_date=timezone.localdate())
    meeting = registry.plan_meeting(
        actor=officer,
        item=item,
        starts_on=timezone.localdate() + timedelta(days=10),
        ends_on=timezone.localdate() + timedelta(days=10),
        venue="Phòng họp tầng 3, trụ sở Sở Tư pháp",
        at_headquarters=True,
        foreign_element=True,
        protection_plan="Phòng họp kín, micro có dây, thu hồi tài liệu khi kết thúc",
        participants="Trần Văn Định — Giám đốc Sở\nĐoàn công tác tỉnh Hủa Phăn (04 người)",
    )
    field = f"id_meeting{meeting.pk}_consent_document"
    chairman = window("chutich")
    seen = _watch(chairman)
    chairman.goto(f"{live_server.url}/registry/approvals/")
    row = chairman.get_by_test_id(f"meeting-{meeting.pk}")
    expect(row.get_by_label("Số văn bản đồng ý")).to_be_visible()

    # consent without the written document: refused by the field
    row.locator("button[value=approve]").click()
    refused(
        chairman,
        field,
        "Hội nghị có yếu tố nước ngoài phải được đồng ý bằng văn bản (khoản 2 Điều 17 Luật "
        "Bảo vệ bí mật nhà nước).",
    )
    expect(chairman.locator(".alert-danger").first).to_contain_text(NOTHING_SAVED)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED and meeting.consent_by is None

    # only spaces are no document either; more than the register keeps cannot be typed
    consent = chairman.locator(f'[id="{field}"]')
    expect(consent).to_have_attribute("maxlength", "128")
    consent.fill("   ")
    chairman.get_by_test_id(f"meeting-{meeting.pk}").locator("button[value=approve]").click()
    expect(chairman.locator(f'[id="{field}_error"]')).to_contain_text("bằng văn bản")
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED and meeting.consent_document == ""

    # with the document's number, the consent is recorded
    chairman.locator(f'[id="{field}"]').fill("Công văn số 88/UBND-NC")
    chairman.get_by_test_id(f"meeting-{meeting.pk}").locator("button[value=approve]").click()
    expect(chairman.locator(".alert-success")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.APPROVED
    assert meeting.consent_document == "Công văn số 88/UBND-NC"
    _no_error_page(seen)


def test_the_legal_library_filter_keeps_the_words_and_refuses_an_unknown_kind(
    window, live_server
) -> None:
    load_demo()
    load_demo_inspections()
    documents = LegalDocument.objects.count()
    page = window("thanhtra")
    seen = _watch(page)
    page.goto(f"{live_server.url}/inspections/library/")
    library = page.get_by_test_id("library")
    search = page.get_by_test_id("library-filter")

    # sent empty: every text, no message
    search.locator("button[type=submit]").click()
    _no_message(page)
    expect(library.locator("tbody tr")).to_have_count(documents)

    # words without diacritics and a kind: both kept, only decrees listed
    page.locator("#id_q").fill("bao ve bi mat")
    page.locator("#id_kind").select_option("decree")
    search.locator("button[type=submit]").click()
    kept(page, {"id_q": "bao ve bi mat", "id_kind": "decree"})
    expect(library).to_contain_text("63/2026/NĐ-CP")
    expect(library).not_to_contain_text("117/2025/QH15")
    _no_message(page)

    # a kind that is not in the list (sent by hand): refused by the field, the words still search
    page.goto(f"{live_server.url}/inspections/library/?q=bao+ve+bi+mat&kind=sach-trang")
    refused(page, "id_kind", "Chọn một loại văn bản trong danh sách.")
    kept(page, {"id_q": "bao ve bi mat"})
    expect(library).to_contain_text("117/2025/QH15")
    expect(library).to_contain_text("63/2026/NĐ-CP")

    # characters that mean something elsewhere are only words here
    page.locator("#id_q").fill("%' OR 1=1 -- <b>")
    page.locator("#id_kind").select_option("")
    search.locator("button[type=submit]").click()
    kept(page, {"id_q": "%' OR 1=1 -- <b>"})
    expect(library).to_contain_text("Không tìm thấy")
    assert LegalDocument.objects.count() == documents
    _no_error_page(seen)


def test_the_device_edit_form_keeps_what_was_typed(window, live_server) -> None:
    load_demo()
    load_demo_devices()
    device = Device.objects.get(agency__code="demo-stp", asset_tag="STP-MT-02")
    changes = DeviceChange.objects.filter(device=device).count()
    page = window("baomat")
    seen = _watch(page)
    page.goto(f"{live_server.url}/devices/{device.pk}/edit/")
    kept(page, {"id_asset_tag": "STP-MT-02", "id_ever_connected_on": "15/03/2024"})

    def save() -> None:
        page.locator("main form[method=post] button[type=submit]").click()

    # the tag emptied and a day that does not exist
    fill(page, {"id_asset_tag": "", "id_location": "Phòng 205", "id_ever_connected_on": BAD_DAY})
    save()
    refused(page, "id_asset_tag", REQUIRED)
    refused(page, "id_ever_connected_on", DEVICE_DAY)
    kept(page, {"id_location": "Phòng 205", "id_ever_connected_on": BAD_DAY})
    expect(page.locator("#id_connected_to")).to_have_value("lan")

    # letters where the day goes
    page.locator("#id_asset_tag").fill("STP-MT-02")
    page.locator("#id_ever_connected_on").fill("mười lăm/03/2024")
    save()
    refused(page, "id_ever_connected_on", DEVICE_DAY)
    kept(page, {"id_ever_connected_on": "mười lăm/03/2024", "id_location": "Phòng 205"})

    # another device's tag (an error page before: the database refused it)
    page.locator("#id_asset_tag").fill("STP-MT-01")
    page.locator("#id_ever_connected_on").fill("15/03/2024")
    save()
    refused(page, "id_asset_tag", "Mã tài sản này đã có trong danh mục.")
    kept(page, {"id_asset_tag": "STP-MT-01", "id_location": "Phòng 205"})

    # a connection in the future, and a LAN device without its LAN
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    page.locator("#id_asset_tag").fill("STP-MT-02")
    page.locator("#id_ever_connected_on").fill(tomorrow)
    save()
    refused(page, "id_ever_connected_on", "Ngày kết nối gần nhất nằm ở tương lai.")
    kept(page, {"id_ever_connected_on": tomorrow})
    page.locator("#id_ever_connected_on").fill("15/03/2024")
    page.locator("#id_lan").select_option("")
    save()
    refused(page, "id_lan", "Chọn mạng LAN độc lập mà thiết bị kết nối.")
    kept(page, {"id_location": "Phòng 205", "id_lan": ""})

    device.refresh_from_db()
    assert (device.asset_tag, device.location) == ("STP-MT-02", "Phòng 203")
    assert device.ever_connected_on == date(2024, 3, 15) and device.lan is not None
    assert DeviceChange.objects.filter(device=device).count() == changes
    _no_error_page(seen)


def test_carrying_a_device_finding_into_an_inspection_keeps_the_deadline(
    window, live_server
) -> None:
    load_demo()
    load_demo_devices()
    load_demo_inspections()
    device = Device.objects.get(agency__code="demo-stp", asset_tag="STP-MT-01")
    finding = DeviceFinding.objects.get(device=device)
    note, findings = finding.note, InspectionFinding.objects.count()
    deadline = f"id_inspection-{finding.pk}-deadline"
    inspector = window("thanhtra")
    seen = _watch(inspector)
    inspector.goto(f"{live_server.url}/devices/{device.pk}/")
    chosen = inspector.locator(f'[id="id_inspection-{finding.pk}-target"]').input_value()

    def send() -> None:
        inspector.get_by_test_id(f"to-inspection-{finding.pk}").locator(
            "button[type=submit]"
        ).click()

    send()
    assert inspector.asked and inspector.asked[-1].startswith("Ghi nhận đây là vi phạm")
    refused(inspector, deadline, REQUIRED)
    for typed in (BAD_DAY, "trong 10 ngày"):
        inspector.locator(f'[id="{deadline}"]').fill(typed)
        send()
        refused(inspector, deadline, DEVICE_DAY)
        kept(inspector, {deadline: typed})
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    inspector.locator(f'[id="{deadline}"]').fill(yesterday)
    send()
    refused(inspector, deadline, "Thời hạn đã qua.")
    kept(inspector, {deadline: yesterday, f"id_inspection-{finding.pk}-target": chosen})
    finding.refresh_from_db()
    assert finding.note == note and InspectionFinding.objects.count() == findings
    _no_error_page(seen)


def test_the_audit_log_filter_refuses_bad_days_by_their_fields(window, live_server) -> None:
    load_demo()
    page = window("giamsat")
    seen = _watch(page)
    page.goto(f"{live_server.url}/audit/")
    events = AuditEvent.objects.count()

    def send() -> None:
        page.get_by_role("button", name="Lọc").click()

    send()  # empty: the whole log, no message
    _no_message(page)
    expect(page.locator("main table tbody tr").first).not_to_contain_text("Không có sự kiện")

    fill(page, {"id_person": "Nguyễn Thị Hoa", "id_since": BAD_DAY, "id_until": "hôm nay"})
    send()
    refused(page, "id_since", AUDIT_DAY)
    refused(page, "id_until", AUDIT_DAY)
    kept(page, {"id_person": "Nguyễn Thị Hoa", "id_since": BAD_DAY, "id_until": "hôm nay"})

    page.locator("#id_since").fill("10/12/2026")
    page.locator("#id_until").fill("01/12/2026")
    send()
    refused(page, "id_until", END_BEFORE_START)
    kept(page, {"id_since": "10/12/2026", "id_until": "01/12/2026"})
    expect(page.locator('[id="id_since"]')).not_to_have_attribute("aria-invalid", "true")
    # the date fields say how to write a day, and the message is read with it
    described = (page.locator("#id_until").get_attribute("aria-describedby") or "").split()
    assert described == ["id_until-help", "id_until_error"], described
    assert AuditEvent.objects.count() == events  # reading the log writes nothing
    _no_error_page(seen)


def test_the_register_list_filter_refuses_bad_days_and_keeps_the_words(window, live_server) -> None:
    page, seen = _officer_on_the_registers(window)
    page.goto(f"{live_server.url}/registry/")
    form = page.get_by_test_id("register-filter")
    words = form.locator('input[name="q"]')

    def send() -> None:
        form.get_by_role("button", name="Lọc").click()

    send()
    _no_message(page)

    words.fill("BTP")
    _both_days_refused(page, send, BAD_DAY, "cuối năm")
    expect(words).to_have_value("BTP")

    page.locator("#id_since").fill("01/12/2026")
    page.locator("#id_until").fill("01/11/2026")
    send()
    refused(page, "id_until", END_BEFORE_START)
    kept(page, {"id_since": "01/12/2026", "id_until": "01/11/2026"})
    expect(words).to_have_value("BTP")
    _no_error_page(seen)


def test_the_register_list_refuses_a_level_or_status_not_in_its_list(window, live_server) -> None:
    """A level or status sent by hand in the address is refused by its select, in Vietnamese;
    the page still lists with the other filters."""
    page, seen = _officer_on_the_registers(window)
    listing = page.get_by_test_id("register-list")
    form = page.get_by_test_id("register-filter")

    page.goto(f"{live_server.url}/registry/?level=xyz&q=BTP")
    refused(page, "id_level", "Chọn một độ mật trong danh sách.")
    expect(page.locator("#id_status")).not_to_have_attribute("aria-invalid", "true")
    expect(form.locator('input[name="q"]')).to_have_value("BTP")
    # the words still search
    expect(listing).to_contain_text("38/BTP-VP")
    expect(listing).to_contain_text("215/BTP-VP")
    expect(listing).not_to_contain_text("156/BC-STP")

    # choosing a level from the list clears the message and filters by it
    page.locator("#id_level").select_option("mat")
    form.get_by_role("button", name="Lọc").click()
    _no_message(page)
    kept(page, {"id_level": "mat"})
    expect(listing).to_contain_text("215/BTP-VP")

    page.goto(f"{live_server.url}/registry/?status=da-mat&level=toi_mat")
    refused(page, "id_status", "Chọn một tình trạng trong danh sách.")
    expect(page.locator("#id_level")).not_to_have_attribute("aria-invalid", "true")
    kept(page, {"id_level": "toi_mat"})
    # the level still filters
    expect(listing).to_contain_text("88/KH-CAT-ANCTNB")
    expect(listing).not_to_contain_text("215/BTP-VP")

    # both forged with a wrong day: each field says so, and the list is still there
    page.goto(f"{live_server.url}/registry/?level=1%27%20OR%201=1&status=%3Cb%3E&since=31/02/2026")
    refused(page, "id_level", "Chọn một độ mật trong danh sách.")
    refused(page, "id_status", "Chọn một tình trạng trong danh sách.")
    refused(page, "id_since", DAY_MESSAGE)
    expect(listing).to_contain_text("215/BTP-VP")
    _no_error_page(seen)


def test_the_register_statistics_period_refuses_bad_days_even_for_the_spreadsheet(
    window, live_server
) -> None:
    page, seen = _officer_on_the_registers(window)
    page.goto(f"{live_server.url}/registry/statistics/")
    year = timezone.localdate().year
    kept(page, {"id_since": f"01/01/{year}"})

    def send(button: str = "Lọc") -> None:
        page.get_by_test_id("statistics-period").get_by_role("button", name=button).click()

    # both emptied: the default period, no message
    page.locator("#id_since").fill("")
    page.locator("#id_until").fill("")
    send()
    _no_message(page)

    _both_days_refused(page, send, BAD_DAY, "ba mươi/06/2026")

    page.locator("#id_since").fill("01/06/2026")
    page.locator("#id_until").fill("30/06/2026")
    send()
    _no_message(page)
    # the spreadsheet asked for an end before the start: the page with the message, no file
    page.locator("#id_until").fill("01/01/2026")
    send("XLSX")
    refused(page, "id_until", END_BEFORE_START)
    kept(page, {"id_since": "01/06/2026", "id_until": "01/01/2026"})
    _no_error_page(seen)


def test_the_checklist_evidence_message_follows_the_field_naming(window, live_server) -> None:
    load_demo()
    load_demo_inspections()
    inspection = Inspection.objects.get(title__startswith="Kiểm tra công tác bảo vệ BMNN năm 2026")
    finance = inspection.targets.get(agency__code="demo-stc")
    answers = Answer.objects.filter(target=finance).count()
    items = {i.code: i for i in inspection.items.all()}
    books, offline = items["registers.books"], items["computers.offline"]
    evidence = f"id_c-evidence-{offline.pk}"
    inspector = window("thanhtra")
    seen = _watch(inspector)
    inspector.goto(f"{live_server.url}/inspections/{inspection.pk}/agencies/{finance.pk}/")
    inspector.locator(f'[id="id_c-result-{books.pk}"]').select_option("compliant")
    inspector.locator(f'[id="id_c-evidence-{books.pk}"]').fill("Sổ đăng ký đi, đến đủ chữ ký")
    inspector.locator(f'[id="id_c-result-{offline.pk}"]').select_option("not_compliant")
    inspector.locator(f'[id="{evidence}"]').fill("   ")
    inspector.get_by_test_id("save-answers").click()
    refused(inspector, evidence, "Ghi rõ nội dung chưa đạt đã thấy.")
    expect(inspector.locator(f'[id="{evidence}-error"]')).to_have_count(0)
    expect(inspector.get_by_test_id("form-errors")).to_contain_text(NOTHING_SAVED)
    kept(inspector, {f"id_c-evidence-{books.pk}": "Sổ đăng ký đi, đến đủ chữ ký"})
    expect(inspector.locator(f'[id="id_c-result-{offline.pk}"]')).to_have_value("not_compliant")
    assert Answer.objects.filter(target=finance).count() == answers
    _no_error_page(seen)


PLAN = """Số: 82/KH-UBND
Bắc Lâm, ngày 6 tháng 10 năm 2026
KẾ HOẠCH
Rà soát tài liệu mật năm 2026
I. NHIỆM VỤ
1. Rà soát sổ đăng ký tài liệu mật đi, đến tại các sở.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời gian hoàn thành: trước ngày 30/11/2026.
"""


def test_a_task_the_plan_service_refuses_is_marked_under_its_due_date(
    window, live_server, tmp_path
) -> None:
    load_demo()
    plans, tasks = Plan.objects.count(), Task.objects.count()
    source = tmp_path / "ke-hoach-82.txt"
    source.write_text(PLAN, encoding="utf-8")
    supervisor = window("giamsat")
    seen = _watch(supervisor)
    supervisor.goto(f"{live_server.url}/plans/import/")
    supervisor.get_by_label("Tệp kế hoạch").set_input_files(str(source))
    supervisor.get_by_role("button", name="Đọc văn bản").click()
    expect(supervisor.get_by_role("heading", name="Kiểm tra kế hoạch vừa đọc")).to_be_visible()
    ref = supervisor.locator("#id_task-0-ref").input_value()

    # a monthly deadline without its date: the forms accept it, the service names the field
    supervisor.locator("#id_title").fill("Rà soát tài liệu mật năm 2026 (bản sửa)")
    supervisor.locator("#id_task-0-timing_kind").select_option("month")
    supervisor.locator("#id_task-0-due_date").fill("")
    supervisor.get_by_role("button", name="Lưu dự thảo").click()
    refused(
        supervisor,
        "id_task-0-due_date",
        f"Nhiệm vụ {ref}: loại thời hạn này cần có hạn hoàn thành.",
    )
    expect(supervisor.locator(".alert-danger").first).to_contain_text(NOTHING_SAVED)
    kept(supervisor, {"id_title": "Rà soát tài liệu mật năm 2026 (bản sửa)"})
    kept(supervisor, {"id_task-0-timing_kind": "month", "id_task-0-due_date": ""})
    assert Plan.objects.count() == plans and Task.objects.count() == tasks
    _no_error_page(seen)
