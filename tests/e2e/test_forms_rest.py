"""Issue 19, the forms no other browser test sends with bad values: agencies, people, roles and
clearances; logging in, the second factor, the password and API tokens; the search box; trusting
a node and importing a bundle; importing another level's report. Each is sent empty and with
what a person gets wrong (a date that does not exist, a date in the future, letters where a code
goes, a role held already), and comes back with what was typed, the message in Vietnamese in the
element `<id>_error` that the field's aria-describedby names, and nothing saved.

The forms carry `novalidate` (the server is the one judge), so the browser sends what it is given
and no test needs to strip `required` attributes."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from bmnn.accounts.models import ApiToken
from bmnn.accounts.totp import current_code
from bmnn.inspections.demo import load_demo_inspections
from bmnn.inspections.models import Finding, Remediation
from bmnn.org.demo import DEMO_PASSWORD, load_demo
from bmnn.org.models import Agency, ClearanceGrant, Membership, Person
from bmnn.plans.demo import load_demo_plans
from bmnn.registry.demo import load_demo_registry
from bmnn.registry.models import CopyAuthorisation, SecretItem
from bmnn.reports.models import ImportedReport
from bmnn.sync.models import Inbound, Peer
from tests.e2e.helpers import DAY_MESSAGE, REQUIRED, fill, kept, refused

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _send(page: Any, test_id: str | None = None) -> None:
    """Clicks the submit button of the form named by its test id (else the page's main form)."""
    form = page.get_by_test_id(test_id) if test_id else page.locator("main form[method=post]")
    form.locator("button[type=submit]").first.click()


def test_agency_and_person_forms_keep_what_was_typed(window, live_server) -> None:
    load_demo()
    base = live_server.url
    supervisor = window("giamsat")
    agencies, people = Agency.objects.count(), Person.objects.count()

    supervisor.goto(f"{base}/agencies/new/")
    _send(supervisor)
    refused(supervisor, "id_name", REQUIRED)
    refused(supervisor, "id_code", REQUIRED)
    refused(supervisor, "id_type", REQUIRED)
    supervisor.locator("#id_name").fill("Sở Khoa học và Công nghệ")
    supervisor.locator("#id_phone").fill("0203 3826 111")
    supervisor.locator("#id_code").fill("demo-stp")  # another agency's code
    supervisor.locator("#id_type").select_option(index=1)
    _send(supervisor)
    expect(supervisor.locator('[id="id_code_error"]')).to_be_visible()
    expect(supervisor.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    kept(supervisor, {"id_name": "Sở Khoa học và Công nghệ", "id_phone": "0203 3826 111"})
    assert Agency.objects.count() == agencies

    justice = Agency.objects.get(code="demo-stp")
    head = window("thutruong")
    head.goto(f"{base}/agencies/{justice.pk}/edit/")
    head.locator("#id_name").fill("")
    head.locator("#id_address").fill("Số 5 đường Trần Phú")
    _send(head)
    refused(head, "id_name", REQUIRED)
    kept(head, {"id_address": "Số 5 đường Trần Phú"})
    justice.refresh_from_db()
    assert justice.name == "Sở Tư pháp" and justice.address != "Số 5 đường Trần Phú"

    head.goto(f"{base}/agencies/{justice.pk}/people/new/")
    _send(head)
    refused(head, "id_full_name", REQUIRED)
    refused(head, "id_username", REQUIRED)
    fill(
        head,
        {
            "id_full_name": "Hoàng Thị Mai",
            "id_username": "hoang mai",
            "id_email": "mai-at-stp",
            "id_position": "Chuyên viên",
        },
    )
    _send(head)
    refused(
        head,
        "id_username",
        "Điền tên đăng nhập hợp lệ. Giá trị này chỉ có thể chứa các chữ cái, số, và các ký tự "
        "@/./+/-/_",
    )
    refused(head, "id_email", "Nhập một địa chỉ email hợp lệ.")
    kept(head, {"id_full_name": "Hoàng Thị Mai", "id_username": "hoang mai"})
    kept(head, {"id_email": "mai-at-stp", "id_position": "Chuyên viên"})
    assert Person.objects.count() == people

    staff = Person.objects.get(username="canbo")
    head.goto(f"{base}/people/{staff.pk}/edit/")
    head.locator("#id_full_name").fill("")
    head.locator("#id_email").fill("hieu@")
    _send(head)
    refused(head, "id_full_name", REQUIRED)
    refused(head, "id_email", "Nhập một địa chỉ email hợp lệ.")
    kept(head, {"id_email": "hieu@"})
    staff.refresh_from_db()
    assert staff.full_name == "Vũ Đức Hiếu" and staff.email != "hieu@"


def test_roles_and_clearances_come_back_by_their_fields(window, live_server) -> None:
    load_demo()
    base = live_server.url
    staff = Person.objects.get(username="canbo")
    roles, grants = Membership.objects.count(), ClearanceGrant.objects.count()
    head = window("thutruong")
    head.goto(f"{base}/people/{staff.pk}/")

    # a role the person holds already: by the role, and the agency chosen stays chosen
    roles_form = head.get_by_test_id("membership-form")
    roles_form.locator("#id_agency").select_option(label="Sở Tư pháp")
    roles_form.locator("#id_role").select_option("staff")
    _send(head, "membership-form")
    refused(head, "id_role", "Người này đã có vai trò này tại cơ quan.")
    expect(head.locator("#id_role")).to_have_value("staff")
    expect(head.locator("#id_agency option:checked")).to_have_text("Sở Tư pháp")
    expect(head.locator(".alert-danger")).to_contain_text("Chưa lưu gì")
    # and no agency at all
    head.locator("#id_agency").select_option("")
    _send(head, "membership-form")
    refused(head, "id_agency", REQUIRED)
    assert Membership.objects.count() == roles

    # a clearance decided on 31/02, then in the future; the decision number stays
    head.locator("#id_level").select_option("toi_mat")
    head.locator("#id_granted_on").fill("31/02/2026")
    head.locator("#id_decision").fill("QĐ 12/QĐ-STP")
    _send(head, "clearance-form")
    refused(head, "id_granted_on", DAY_MESSAGE)
    kept(head, {"id_granted_on": "31/02/2026", "id_decision": "QĐ 12/QĐ-STP"})
    expect(head.locator("#id_level")).to_have_value("toi_mat")
    tomorrow = (timezone.localdate() + timedelta(days=1)).strftime("%d/%m/%Y")
    head.locator("#id_granted_on").fill(tomorrow)
    _send(head, "clearance-form")
    refused(head, "id_granted_on", "Ngày quyết định không được sau ngày hôm nay.")
    kept(head, {"id_granted_on": tomorrow, "id_decision": "QĐ 12/QĐ-STP"})
    head.locator("#id_granted_on").fill("")
    _send(head, "clearance-form")
    refused(head, "id_granted_on", REQUIRED)
    assert ClearanceGrant.objects.count() == grants
    staff.refresh_from_db()
    assert staff.clearance == "mat"


def test_login_second_factor_password_and_token_forms(window, live_server) -> None:
    load_demo()
    base = live_server.url
    page = window(None)
    page.goto(f"{base}/accounts/login/")
    _send(page)
    refused(page, "id_username", REQUIRED)
    refused(page, "id_password", REQUIRED)
    page.locator("#id_username").fill("giamsat")
    page.locator("#id_password").fill("sai-mat-khau")
    _send(page)
    expect(page.locator(".alert-danger")).to_contain_text("Sai tên đăng nhập hoặc mật khẩu")
    kept(page, {"id_username": "giamsat", "id_password": ""})  # a password is never echoed
    assert "/accounts/login/" in page.url

    # the second factor: empty, too short, letters; then the right code
    page.locator("#id_password").fill(DEMO_PASSWORD)
    _send(page)
    page.wait_for_url("**/accounts/verify/**")
    _send(page)
    refused(page, "id_token", REQUIRED)
    page.locator("#id_token").fill("123")
    _send(page)
    refused(page, "id_token", "Giá trị này phải có ít nhất 6 kí tự (hiện có 3)")
    kept(page, {"id_token": "123"})
    page.locator("#id_token").fill("abcdef")
    _send(page)
    refused(page, "id_token", "Mã không đúng hoặc đã hết hạn.")
    kept(page, {"id_token": "abcdef"})
    assert "/accounts/verify/" in page.url
    device = TOTPDevice.objects.get(user__username="giamsat", confirmed=True)
    time.sleep(2.5)  # django-otp waits a moment after a wrong code, as it should
    step = int((time.time() - device.t0) // device.step)
    if device.last_t >= step:  # a code is taken once: wait for the next one
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
    page.locator("#id_token").fill(current_code(device))
    _send(page)
    page.wait_for_url(f"{base}/")

    # the password: empty, a wrong old one and two new ones that differ
    page.goto(f"{base}/accounts/password/")
    _send(page)
    refused(page, "id_old_password", REQUIRED)
    refused(page, "id_new_password1", REQUIRED)
    fill(
        page,
        {
            "id_old_password": "khong-phai",
            "id_new_password1": "Mat-khau-moi-2026!",
            "id_new_password2": "Mat-khau-khac-2026!",
        },
    )
    _send(page)
    refused(page, "id_old_password", "Mật khẩu cũ không chính xác. Hãy nhập lại lần nữa")
    refused(page, "id_new_password2", "Hai trường mật khẩu không giống nhau.")
    person = Person.objects.get(username="giamsat")
    assert person.check_password(DEMO_PASSWORD)

    # an API token with no name
    tokens = ApiToken.objects.count()
    page.goto(f"{base}/accounts/profile/")
    _send(page, "token-form")
    refused(page, "id_name", REQUIRED)
    assert ApiToken.objects.count() == tokens


def test_the_search_box_says_by_itself_what_is_missing(window, live_server) -> None:
    load_demo()
    page = window("baomat")
    page.goto(f"{live_server.url}/search/")
    expect(page.locator('[id="id_q_error"]')).to_have_count(0)  # opened, not yet sent
    page.locator("main form[role=search] button[type=submit]").click()  # empty
    refused(page, "id_q", "Nhập ít nhất 2 ký tự.")
    page.locator("#id_q").fill("s")
    page.locator("main form[role=search] button[type=submit]").click()
    refused(page, "id_q", "Nhập ít nhất 2 ký tự.")
    kept(page, {"id_q": "s"})
    page.locator("#id_q").fill("Sở Tư")
    page.locator("main form[role=search] button[type=submit]").click()
    expect(page.locator('[id="id_q_error"]')).to_have_count(0)
    expect(page.locator("#id_q")).not_to_have_attribute("aria-invalid", "true")


def test_trusting_a_node_and_importing_bundles_refuse_by_the_field(
    window, live_server, tmp_path
) -> None:
    load_demo()
    base = live_server.url
    admin = window("quantri")
    admin.goto(f"{base}/sync/")
    _send(admin, "trust-form")
    refused(admin, "id_card", "Hãy dán thẻ của nút kia.")
    admin.locator("#id_card").fill('{"role": "agency", "name": "Nút thử"')  # cut short
    _send(admin, "trust-form")
    expect(admin.locator('[id="id_card_error"]')).to_be_visible()
    expect(admin.locator("#id_card")).to_have_attribute("aria-invalid", "true")
    kept(admin, {"id_card": '{"role": "agency", "name": "Nút thử"'})
    assert not Peer.objects.exists()

    supervisor = window("giamsat")
    supervisor.goto(f"{base}/sync/")
    _send(supervisor, "receive-form")
    refused(supervisor, "id_bundle", "Chọn tệp gói dữ liệu (tối đa 200 MB).")
    junk = tmp_path / "khong-phai-goi.bmnn"
    junk.write_bytes(b"day khong phai goi du lieu")
    supervisor.locator("#id_bundle").set_input_files(junk)
    _send(supervisor, "receive-form")
    expect(supervisor.locator('[id="id_bundle_error"]')).to_be_visible()
    expect(supervisor.locator("#id_bundle")).to_have_attribute("aria-invalid", "true")
    assert not Inbound.objects.exists()

    # the province's import of another level's report: no file, then a file that is not one
    supervisor.goto(f"{base}/reports/imports/")
    _send(supervisor, "import-form")
    refused(supervisor, "id_bundle", "Chọn tệp gói dữ liệu (tối đa 200 MB).")
    supervisor.locator("#id_bundle").set_input_files(junk)
    _send(supervisor, "import-form")
    expect(supervisor.locator('[id="id_bundle_error"]')).to_be_visible()
    assert not ImportedReport.objects.exists()


def test_the_heads_approval_and_copy_forms_and_the_agencys_remediation_keep_input(
    window, live_server
) -> None:
    load_demo()
    load_demo_plans()
    load_demo_registry()
    load_demo_inspections()
    base = live_server.url
    head = window("thutruong")

    # approving a proposed level: no number and a date that does not exist
    proposed = SecretItem.objects.filter(agency__code="demo-stp", status="proposed").first()
    assert proposed is not None
    head.goto(f"{base}/registry/items/{proposed.pk}/")
    head.locator("#id_classify_doc_date").fill("31/02/2026")
    head.locator("#id_classify_signer").fill("Trần Văn Định")
    head.locator("form:has(#id_classify_number) button[type=submit]").click()
    refused(head, "id_classify_number", REQUIRED)
    refused(head, "id_classify_doc_date", DAY_MESSAGE)
    kept(head, {"id_classify_doc_date": "31/02/2026", "id_classify_signer": "Trần Văn Định"})
    proposed.refresh_from_db()
    assert proposed.status == "proposed"

    # authorising copies: letters, then none at all; the purpose stays
    item = SecretItem.objects.get(agency__code="demo-stp", number="156/BC-STP")
    grants = CopyAuthorisation.objects.count()
    head.goto(f"{base}/registry/items/{item.pk}/")
    form = head.get_by_test_id("authorise-copies")
    form.locator("#id_authorise_count").fill("hai")
    form.locator("#id_authorise_purpose").fill("Gửi Sở Nội vụ phối hợp")
    _send(head, "authorise-copies")
    refused(head, "id_authorise_count", "Nhập một số nguyên, ví dụ 3.")
    kept(head, {"id_authorise_count": "hai", "id_authorise_purpose": "Gửi Sở Nội vụ phối hợp"})
    head.locator("#id_authorise_count").fill("0")
    _send(head, "authorise-copies")
    refused(head, "id_authorise_count", "Nhập một số từ 1 đến 100.")
    assert CopyAuthorisation.objects.count() == grants

    # the agency reports a remediation without saying what was done
    finding = Finding.objects.get(
        target__agency__code="demo-stp", item__code="computers.offline", status="open"
    )
    remediations = Remediation.objects.count()
    officer = window("baomat")
    officer.goto(f"{base}/inspections/findings/{finding.pk}/")
    _send(officer, "remediation-form")
    refused(officer, "id_text", REQUIRED)
    assert Remediation.objects.count() == remediations

    # the supervisor's inspection plan import, sent with no document
    supervisor = window("giamsat")
    supervisor.goto(f"{base}/inspections/import/")
    _send(supervisor)
    expect(supervisor.locator("main .invalid-feedback").first).to_be_visible()
    field_id = supervisor.locator("main form[method=post] input[type=file]").get_attribute("id")
    expect(supervisor.locator(f'[id="{field_id}"]')).to_have_attribute("aria-invalid", "true")
