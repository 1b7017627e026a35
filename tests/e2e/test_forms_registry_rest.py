"""Issue 19, the registry forms the other browser tests leave out: on an item's page the
outgoing register with its return date, a declassification notice, closing a meeting, taking a
carried-out copy back, the re-marking of a notice, attaching a file and recalling a document and
recording a return; the decisions on the approvals page. Each is sent empty and with what a
person gets wrong (31/02/2026, a date already past, no reason) and comes back with what was
typed, the message in Vietnamese in the element `<id>_error` that the field's
aria-describedby names, and nothing saved."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.accounts.services import enrol_known_totp
from bmnn.org.demo import DEMO_PASSWORD, demo_totp_key
from bmnn.org.models import Person
from bmnn.org.services import grant_clearance
from bmnn.registry import services
from bmnn.registry.demo import CATALOGUE
from bmnn.registry.models import (
    CarryOut,
    Catalogue,
    CatalogueChange,
    CatalogueItem,
    CopyRequest,
    HolderNotice,
    ItemFile,
    Meeting,
    Recall,
    RegisterEntry,
    SecretItem,
)
from tests.e2e.helpers import BAD_DAY, DAY_MESSAGE, REQUIRED, kept, refused

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSED = "Hạn trả lại đã qua."


def _send(page: Any, action: str, button: str = "button[type=submit]") -> None:
    """Clicks the submit button of the item page's form posting to `action`."""
    page.locator(f'form[action$="/{action}/"]').first.locator(button).first.click()


def _item(number: str, agency: str = "demo-stp") -> SecretItem:
    return SecretItem.objects.get(agency__code=agency, number=number)


def test_outgoing_register_and_declassification_notice(demo, window, live_server) -> None:
    base = live_server.url
    head = Person.objects.get(username="thutruong")
    proposal = SecretItem.objects.get(agency__code="demo-stp", status="proposed")
    item = services.classify_item(
        actor=head, item=proposal, number="201/TTr-STP", doc_date=date(2026, 12, 1)
    )
    entries = RegisterEntry.objects.count()

    officer = window("baomat")
    officer.goto(f"{base}/registry/items/{item.pk}/")
    officer.locator("#id_outgoing_recall_by").fill(BAD_DAY)
    _send(officer, "register_outgoing")
    refused(officer, "id_outgoing_recall_by", DAY_MESSAGE)
    kept(officer, {"id_outgoing_recall_by": BAD_DAY})
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    officer.locator("#id_outgoing_recall_by").fill(yesterday)
    _send(officer, "register_outgoing")
    refused(officer, "id_outgoing_recall_by", PASSED)
    kept(officer, {"id_outgoing_recall_by": yesterday})
    expect(officer.locator('[id="id_outgoing_recall_by-help"]')).to_be_visible()
    assert RegisterEntry.objects.count() == entries

    # a received document's declassification notice: the day cleared, then one that does not
    # exist; the confirmation is asked each time and nothing is declassified
    received = _item("215/BTP-VP")
    page = window("thutruong")
    page.goto(f"{base}/registry/items/{received.pk}/")
    page.locator("#id_notice_decided_on").fill("")
    _send(page, "declassification_notice")
    assert page.asked and page.asked[-1].startswith("Ghi nhận")
    refused(page, "id_notice_decided_on", REQUIRED)
    page.locator("#id_notice_decided_on").fill(BAD_DAY)
    page.locator("#id_notice_decision").fill("TB 7/TB-BTP")
    _send(page, "declassification_notice")
    refused(page, "id_notice_decided_on", DAY_MESSAGE)
    kept(page, {"id_notice_decided_on": BAD_DAY, "id_notice_decision": "TB 7/TB-BTP"})
    # a real day with no notice number: the service's refusal sits by the number
    page.locator("#id_notice_decided_on").fill("01/12/2026")
    page.locator("#id_notice_decision").fill("")
    _send(page, "declassification_notice")
    refused(page, "id_notice_decision", "Hãy ghi số văn bản thông báo giải mật.")
    kept(page, {"id_notice_decided_on": "01/12/2026"})
    received.refresh_from_db()
    assert received.status == "classified"


def test_meeting_close_carry_out_return_and_remarking(demo, window, live_server) -> None:
    base = live_server.url
    meeting = Meeting.objects.get(item__agency__code="demo-stp")
    officer = window("baomat")
    officer.goto(f"{base}/registry/items/{meeting.item_id}/")
    officer.locator('details:has(form[action$="/meeting_close/"]) summary').click()
    _send(officer, "meeting_close")
    # the law's refusal of a two-day meeting without the daily seal: under its box
    refused(
        officer,
        "id_close_room_sealed_daily",
        "Hội nghị từ hai ngày trở lên phải niêm phong phòng họp sau mỗi ngày (Điều 6 Nghị định "
        "số 26/2020/NĐ-CP)",
    )
    closing = officer.locator('form[action$="/meeting_close/"]')
    closing.locator("#id_close_room_sealed_daily").check()
    _send(officer, "meeting_close")
    refused(officer, "id_close_note", "Ghi rõ tài liệu nào chưa thu hồi và lý do.")
    expect(officer.locator("#id_close_room_sealed_daily")).to_be_checked()
    expect(officer.locator("#id_close_documents_collected")).not_to_be_checked()
    meeting.refresh_from_db()
    assert meeting.state == "approved"

    # a copy carried out: the head approves it from the page, the officer takes it back
    report = _item("156/BC-STP")
    copy = report.copies.filter(status="in_store").order_by("kind", "number").first()
    assert copy is not None
    trip = services.request_carry_out(
        actor=Person.objects.get(username="canbo"),
        copy=copy,
        purpose="Họp thẩm định hồ sơ",
        place="Trụ sở UBND tỉnh",
        until=timezone.localdate() + timedelta(days=3),
        protection="Cặp có khóa, cán bộ mang theo",
    )
    head = window("thutruong")
    head.goto(f"{base}/registry/items/{report.pk}/")
    _send(head, "carry_out_decide", "button[value=approve]")
    expect(head.locator(".alert-success")).to_be_visible()
    trip.refresh_from_db()
    assert trip.state == "approved"
    officer.goto(f"{base}/registry/items/{report.pk}/")
    _send(officer, "carry_out_return")
    refused(officer, f"id_back{trip.pk}_report", "Hãy ghi tài liệu đã được sử dụng thế nào.")
    trip.refresh_from_db()
    assert trip.state == "approved" and not CarryOut.objects.filter(state="returned").exists()

    # Sở Y tế's copy of 42/KH-STP: its re-marking is late, so a note is required
    held = _item("42/KH-STP", "demo-syt")
    notice = HolderNotice.objects.get(item=held, remarked_on__isnull=True)
    HolderNotice.objects.filter(pk=notice.pk).update(
        remark_by=timezone.localdate() - timedelta(days=1)
    )
    holder = Person.objects.filter(
        memberships__agency__code="demo-syt", memberships__role="security_officer"
    ).first()
    assert holder is not None
    if holder.clearance == "none":
        grant_clearance(
            actor=Person.objects.get(username="giamsat"),
            person=holder,
            level="mat",
            granted_on=date(2026, 3, 2),
            decision="Quyết định số 16/QĐ-CAT",
        )
    holder.refresh_from_db()
    holder.set_password(DEMO_PASSWORD)  # the demo gives this officer no login: give one
    holder.save(update_fields=["password"])
    enrol_known_totp(actor=None, person=holder, key_hex=demo_totp_key(holder.username))
    keeper = window(holder.username)
    keeper.goto(f"{base}/registry/items/{held.pk}/")
    keeper.get_by_test_id(f"remark-{notice.pk}").click()
    refused(
        keeper,
        f"id_remark{notice.pk}_note",
        "Đã quá hạn 15 ngày: hãy nêu lý do đóng dấu lại chậm.",
    )
    notice.refresh_from_db()
    assert notice.remarked_on is None


def test_attaching_no_file_recalling_and_recording_a_return(
    demo, window, live_server, tmp_path
) -> None:
    base = live_server.url
    report = _item("156/BC-STP")
    files = ItemFile.objects.count()
    officer = window("baomat")
    officer.goto(f"{base}/registry/items/{report.pk}/")
    _send(officer, "attach_file")
    refused(officer, "id_attach_file", "Hãy chọn tệp.")
    expect(officer.locator(".alert-danger").first).to_contain_text("Chưa lưu gì")
    assert ItemFile.objects.count() == files

    # the recall's open line: a day that does not exist, the note kept
    line = Recall.objects.get(item=report).returns.filter(returned_on__isnull=True).first()
    assert line is not None
    form = officer.get_by_test_id(f"recall-return-{line.pk}")
    form.locator(f"#id_return{line.pk}_returned_on").fill(BAD_DAY)
    form.locator(f"#id_return{line.pk}_note").fill("Đủ 01 bản")
    form.locator("button[type=submit]").click()
    refused(officer, f"id_return{line.pk}_returned_on", DAY_MESSAGE)
    kept(officer, {f"id_return{line.pk}_returned_on": BAD_DAY})
    kept(officer, {f"id_return{line.pk}_note": "Đủ 01 bản"})
    line.refresh_from_db()
    assert line.returned_on is None

    # recalling 42/KH-STP: empty, then a day already past with its reason kept
    plan = _item("42/KH-STP")
    recalls = Recall.objects.count()
    head = window("thutruong")
    head.goto(f"{base}/registry/items/{plan.pk}/")
    head.locator('details:has([data-testid="recall-decide"]) summary').click()
    _send(head, "recall")
    refused(head, "id_recall_return_by", REQUIRED)
    refused(head, "id_recall_reason", REQUIRED)
    yesterday = (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y")
    head.locator("#id_recall_return_by").fill(yesterday)
    head.locator("#id_recall_reason").fill("Thay bằng kế hoạch mới")
    _send(head, "recall")
    refused(head, "id_recall_return_by", PASSED)
    kept(head, {"id_recall_return_by": yesterday, "id_recall_reason": "Thay bằng kế hoạch mới"})
    head.locator("#id_recall_return_by").fill(BAD_DAY)
    _send(head, "recall")
    refused(head, "id_recall_return_by", DAY_MESSAGE)
    assert Recall.objects.count() == recalls


def test_the_approvals_page_keeps_a_refusal_without_reason(demo, window, live_server) -> None:
    base = live_server.url
    pending = CopyRequest.objects.get(item__number="12-TB/VPTU", state="requested")
    chairman = window("chutich")
    chairman.goto(f"{base}/registry/approvals/")
    row = chairman.get_by_test_id(f"copy-request-{pending.pk}")
    row.locator("button[value=refuse]").click()
    refused(chairman, f"id_decide{pending.pk}_reason", "Nêu lý do từ chối.")
    pending.refresh_from_db()
    assert pending.state == "requested"


def test_catalogue_entry_forms_and_notice_bundles_refuse_by_the_field(
    demo, window, live_server, tmp_path
) -> None:
    base = live_server.url
    catalogue = Catalogue.objects.get(decision=CATALOGUE)
    entries, changes = CatalogueItem.objects.count(), CatalogueChange.objects.count()
    notices = HolderNotice.objects.count()
    supervisor = window("giamsat")

    # a new entry: empty, then a day that does not exist with the rest kept
    supervisor.goto(f"{base}/registry/catalogues/{catalogue.pk}/")
    supervisor.get_by_test_id("add-entry").locator("button[type=submit]").click()
    refused(supervisor, "id_code", REQUIRED)
    refused(supervisor, "id_text", REQUIRED)
    refused(supervisor, "id_level", REQUIRED)
    supervisor.locator("#id_code").fill("3.1")
    supervisor.locator("#id_text").fill("Hồ sơ giám định tư pháp chưa công bố")
    supervisor.locator("#id_level").select_option("mat")
    supervisor.locator("#id_valid_from").fill(BAD_DAY)
    supervisor.get_by_test_id("add-entry").locator("button[type=submit]").click()
    refused(supervisor, "id_valid_from", DAY_MESSAGE)
    kept(supervisor, {"id_code": "3.1", "id_valid_from": BAD_DAY, "id_level": "mat"})
    kept(supervisor, {"id_text": "Hồ sơ giám định tư pháp chưa công bố"})
    assert CatalogueItem.objects.count() == entries

    # an entry's level change and its removal: two forms with ids of their own
    entry = CatalogueItem.objects.get(catalogue=catalogue, code="1.4")
    supervisor.goto(f"{base}/registry/catalogues/entries/{entry.pk}/")
    level = supervisor.get_by_test_id("entry-level")
    level.locator("#id_level_effective_on").fill("")
    level.locator("button[type=submit]").click()
    refused(supervisor, "id_level_new_level", REQUIRED)
    refused(supervisor, "id_level_effective_on", REQUIRED)
    refused(supervisor, "id_level_decision", REQUIRED)
    supervisor.locator("#id_level_new_level").select_option("mat")
    supervisor.locator("#id_level_effective_on").fill(BAD_DAY)
    supervisor.locator("#id_level_decision").fill("QĐ 1200/QĐ-TTg")
    supervisor.get_by_test_id("entry-level").locator("button[type=submit]").click()
    refused(supervisor, "id_level_effective_on", DAY_MESSAGE)
    kept(supervisor, {"id_level_new_level": "mat", "id_level_decision": "QĐ 1200/QĐ-TTg"})
    expect(supervisor.locator('[id="id_remove_decision_error"]')).to_have_count(0)

    removal = supervisor.get_by_test_id("entry-remove")
    removal.locator("#id_remove_effective_on").fill(BAD_DAY)
    removal.locator("button[type=submit]").click()
    assert supervisor.asked and supervisor.asked[-1] == "Bỏ mục này khỏi danh mục?"
    refused(supervisor, "id_remove_effective_on", DAY_MESSAGE)
    refused(supervisor, "id_remove_decision", REQUIRED)
    kept(supervisor, {"id_remove_effective_on": BAD_DAY})
    entry.refresh_from_db()
    assert entry.level == "toi_mat" and entry.removed_on is None
    assert CatalogueChange.objects.count() == changes

    # the notice bundles between installations: no file, a file that is not a bundle, and an
    # export from a day that does not exist
    officer = window("baomat")
    officer.goto(f"{base}/registry/notices/")
    officer.get_by_test_id("notices-import").locator("button[type=submit]").click()
    refused(officer, "id_import_bundle", "Chọn tệp gói dữ liệu (tối đa 50 MB).")
    junk = tmp_path / "thong-bao.bmnn"
    junk.write_bytes(b"khong phai goi thong bao")
    officer.locator("#id_import_bundle").set_input_files(junk)
    officer.get_by_test_id("notices-import").locator("button[type=submit]").click()
    expect(officer.locator('[id="id_import_bundle_error"]')).to_be_visible()
    expect(officer.locator("#id_import_bundle")).to_have_attribute("aria-invalid", "true")
    officer.locator("#id_export_since").fill(BAD_DAY)
    officer.get_by_test_id("notices-export").locator("button[type=submit]").click()
    refused(officer, "id_export_since", DAY_MESSAGE)
    kept(officer, {"id_export_since": BAD_DAY})
    assert HolderNotice.objects.count() == notices
