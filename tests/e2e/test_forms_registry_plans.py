"""Issue 19, registers and plans, in a real browser: the forms of the slice submitted empty and
with bad values (letters and negative numbers in counts, 31/02/2026, an end before its start)
come back with what was typed, the message in Vietnamese next to its field, and nothing saved;
copying goes request → decision → copies recorded; the hand-over asks first and the provision
form chooses no agency; the province's registers are a pivot with labels; the registry pages
fit a 390 px phone."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bmnn.plans.demo import ISSUED
from bmnn.plans.models import Assignment, ProgressUpdate, Task
from bmnn.registry.models import (
    CarryOut,
    Catalogue,
    CopyAuthorisation,
    CopyRequest,
    Meeting,
    SecretItem,
    Transfer,
)
from tests.e2e.helpers import BAD_DAY, DAY_MESSAGE, REQUIRED, by_id, error_next_to, fill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _item_page(page: Any, base: str, number: str) -> None:
    item = SecretItem.objects.get(agency__code="demo-stp", number=number)
    page.goto(f"{base}/registry/items/{item.pk}/")


def test_the_officers_registry_forms_keep_what_was_typed(demo, window, live_server) -> None:
    base = live_server.url
    officer = window("baomat")
    before = SecretItem.objects.count()

    # incoming: empty, then an impossible date, letters in the count and received before dated
    officer.goto(f"{base}/registry/incoming/")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(officer, "id_issuer_name")).to_have_text(REQUIRED)
    expect(error_next_to(officer, "id_level")).to_have_text(REQUIRED)
    fill(
        officer, {"id_issuer_name": "Bộ Tư pháp", "id_number": "77/BTP-VP", "id_doc_date": BAD_DAY}
    )
    by_id(officer, "id_level").select_option("mat")
    fill(
        officer,
        {
            "id_summary": "Hướng dẫn công tác đặc xá",
            "id_copies": "hai",
            "id_receiver": "Phòng Bổ trợ tư pháp",
        },
    )
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(officer, "id_doc_date")).to_have_text(DAY_MESSAGE)
    expect(error_next_to(officer, "id_copies")).to_have_text("Nhập một số nguyên, ví dụ 3.")
    expect(by_id(officer, "id_number")).to_have_value("77/BTP-VP")
    expect(by_id(officer, "id_summary")).to_have_value("Hướng dẫn công tác đặc xá")
    expect(by_id(officer, "id_copies")).to_have_value("hai")
    expect(by_id(officer, "id_level")).to_have_value("mat")
    fill(officer, {"id_doc_date": "10/11/2026", "id_received_on": "01/11/2026", "id_copies": "-1"})
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(officer, "id_received_on")).to_have_text(
        "Ngày nhận không thể trước ngày văn bản."
    )
    expect(error_next_to(officer, "id_copies")).to_have_text("Nhập một số từ 1 đến 100.")
    assert SecretItem.objects.count() == before

    # the outgoing register's recall date, on an item the officer may enter
    officer.goto(f"{base}/registry/propose/")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(officer, "id_catalogue_item")).to_have_text(REQUIRED)
    by_id(officer, "id_copies_planned").fill("-3")
    by_id(officer, "id_summary").fill("Kế hoạch bảo vệ kho lưu trữ")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(officer, "id_copies_planned")).to_have_text("Nhập một số từ 1 đến 500.")
    expect(by_id(officer, "id_summary")).to_have_value("Kế hoạch bảo vệ kho lưu trữ")
    assert SecretItem.objects.count() == before

    # the register list's filter and the statistics period
    officer.goto(f"{base}/registry/?since={BAD_DAY}&q=BTP")
    expect(error_next_to(officer, "id_since")).to_have_text(DAY_MESSAGE)
    expect(officer.get_by_test_id("register-filter").locator('input[name="q"]')).to_have_value(
        "BTP"
    )
    officer.goto(f"{base}/registry/statistics/")
    by_id(officer, "id_since").fill("01/06/2026")
    by_id(officer, "id_until").fill("01/01/2026")
    officer.get_by_role("button", name="Lọc").click()
    expect(error_next_to(officer, "id_until")).to_have_text("Ngày kết thúc ở trước ngày bắt đầu.")
    expect(by_id(officer, "id_since")).to_have_value("01/06/2026")


def test_copying_is_asked_decided_and_recorded_and_bad_input_is_kept(
    demo, window, live_server
) -> None:
    base = live_server.url
    staff, head, officer = window("canbo"), window("thutruong"), window("baomat")
    item = SecretItem.objects.get(agency__code="demo-stp", number="156/BC-STP")
    asked = CopyRequest.objects.count()  # the demo's, waiting

    # the staff member asks: letters in the count and no reason are refused, input kept
    _item_page(staff, base, "156/BC-STP")
    staff.locator("summary", has_text="Đề nghị sao, chụp").click()
    ask = staff.get_by_test_id("copy-request")
    by_id(staff, "id_ask_count").fill("ba")
    ask.get_by_role("button", name="Gửi yêu cầu").click()
    expect(error_next_to(staff, "id_ask_count")).to_have_text("Nhập một số nguyên, ví dụ 3.")
    expect(error_next_to(staff, "id_ask_purpose")).to_have_text("Hãy nêu lý do cần sao, chụp.")
    expect(by_id(staff, "id_ask_count")).to_have_value("ba")
    assert CopyRequest.objects.count() == asked
    by_id(staff, "id_ask_count").fill("2")
    by_id(staff, "id_ask_form").select_option("trich_sao")
    by_id(staff, "id_ask_purpose").fill("Trích số liệu gửi Sở Nội vụ")
    staff.get_by_test_id("copy-request").get_by_role("button", name="Gửi yêu cầu").click()
    expect(staff.get_by_text("Đã gửi đề nghị")).to_be_visible()
    request = CopyRequest.objects.get(purpose="Trích số liệu gửi Sở Nội vụ")
    expect(
        staff.get_by_test_id(f"copy-request-{request.pk}").get_by_test_id("copy-request-state")
    ).to_have_text("Chờ quyết định")

    # the head refuses without a reason: kept; then authorises
    _item_page(head, base, "156/BC-STP")
    decide = head.get_by_test_id(f"copy-decide-{request.pk}")
    decide.get_by_role("button", name="Không duyệt").click()
    expect(error_next_to(head, f"id_decide{request.pk}_reason")).to_have_text("Nêu lý do từ chối.")
    request.refresh_from_db()
    assert request.state == "requested"
    head.get_by_test_id(f"copy-decide-{request.pk}").get_by_role("button", name="Cho phép").click()
    expect(head.get_by_text("Đã cho phép sao, chụp.")).to_be_visible()
    request.refresh_from_db()
    grant = request.authorisation
    assert grant is not None and request.state == "approved"
    assert grant.count == 2 and grant.form == "trich_sao"

    # the officer records: more than authorised is refused with the law in words
    _item_page(officer, base, "156/BC-STP")
    record = officer.locator(f'form:has(input[name="authorisation"][value="{grant.pk}"])')
    record.locator(f'[id="id_record{grant.pk}_count"]').fill("3")
    record.get_by_role("button", name="Ghi bản sao").click()
    record = officer.locator(f'form:has(input[name="authorisation"][value="{grant.pk}"])')
    expect(record).to_contain_text("Luật Bảo vệ bí mật nhà nước năm")
    expect(record.locator(f'[id="id_record{grant.pk}_count"]')).to_have_value("3")
    assert CopyAuthorisation.objects.get(pk=grant.pk).used == 0
    record.locator(f'[id="id_record{grant.pk}_count"]').fill("2")
    record.get_by_role("button", name="Ghi bản sao").click()
    expect(officer.get_by_text("Đã ghi các bản sao số: 2, 3.")).to_be_visible()
    assert item.copies.filter(kind="extract").count() == 3


def test_the_heads_forms_ask_first_choose_no_agency_and_keep_what_was_typed(
    demo, window, live_server
) -> None:
    base = live_server.url
    head = window("thutruong")
    item = SecretItem.objects.get(agency__code="demo-stp", number="156/BC-STP")
    _item_page(head, base, "156/BC-STP")

    # provision: no agency chosen beforehand; submitted as is, it says so and decides nothing
    provide = head.get_by_test_id("provide-copy-2")
    select = provide.get_by_label("Cơ quan nhận")
    expect(select).to_have_value("")
    provide.get_by_label("Mục đích").fill("Phối hợp rà soát")
    provide.get_by_role("button", name="Chuyển giao").click()
    assert head.asked[-1].startswith("Quyết định cung cấp bản này")
    provide = head.get_by_test_id("provide-copy-2")
    expect(provide).to_contain_text("Chọn cơ quan được cung cấp bản sao.")
    expect(provide.get_by_label("Mục đích")).to_have_value("Phối hợp rà soát")
    assert Transfer.objects.filter(copy__item=item).count() == 1  # the demo's one

    # extension: the new end before the decision, refused on the new end
    extend = head.get_by_test_id("extend")
    fill(
        head,
        {
            "id_extend_decided_on": "01/12/2026",
            "id_extend_new_end": "01/11/2026",
            "id_extend_decision": "QĐ 99/QĐ-STP",
        },
    )
    extend.get_by_role("button", name="Gia hạn").click()
    expect(error_next_to(head, "id_extend_new_end")).to_have_text(
        "Thời hạn mới ở trước ngày quyết định."
    )
    expect(by_id(head, "id_extend_decision")).to_have_value("QĐ 99/QĐ-STP")

    # declassification: asked first; saying no sends nothing, empty fields are refused
    head.say_no.append(True)
    head.get_by_test_id("declassify").get_by_role("button", name="Giải mật").click()
    assert head.asked[-1] == "Giải mật tài liệu này?" or head.asked[-1].startswith("Giải mật")
    expect(head.get_by_test_id("item-status")).not_to_have_text("Đã giải mật")
    by_id(head, "id_declassify_decided_on").fill(BAD_DAY)
    by_id(head, "id_declassify_minutes").fill("Hội đồng thống nhất giải mật")
    head.get_by_test_id("declassify").get_by_role("button", name="Giải mật").click()
    expect(error_next_to(head, "id_declassify_decided_on")).to_have_text(DAY_MESSAGE)
    expect(error_next_to(head, "id_declassify_decision")).to_have_text(REQUIRED)
    expect(by_id(head, "id_declassify_minutes")).to_have_value("Hội đồng thống nhất giải mật")
    item.refresh_from_db()
    assert item.status == "classified"

    # destruction: asked first, refused without minutes, input kept
    head.get_by_text("Tiêu hủy bản").click()
    destroy = head.get_by_test_id("destroy")
    destroy.get_by_label("Bản sao 2").check()
    destroy.get_by_role("button", name="Tiêu hủy").click()
    assert head.asked[-1].startswith("Tiêu hủy các bản đã chọn?")
    expect(error_next_to(head, "id_destroy_minutes")).to_have_text(REQUIRED)
    expect(head.get_by_test_id("destroy").get_by_label("Bản sao 2")).to_be_checked()
    assert not item.copies.filter(status="destroyed").exists()

    # a level change: an impossible date, then the confirmation asks before changing
    head.goto(f"{base}/registry/items/{item.pk}/change-level/")
    by_id(head, "id_new_level").select_option("toi_mat")
    by_id(head, "id_decided_on").fill(BAD_DAY)
    by_id(head, "id_decision").fill("QĐ 5/QĐ-STP")
    head.get_by_role("button", name="Xem thời hạn sau khi điều chỉnh").click()
    expect(error_next_to(head, "id_decided_on")).to_have_text(DAY_MESSAGE)
    expect(by_id(head, "id_decision")).to_have_value("QĐ 5/QĐ-STP")
    expect(by_id(head, "id_new_level")).to_have_value("toi_mat")
    item.refresh_from_db()
    assert item.level == "mat"


def test_the_hand_over_asks_first_and_the_staffs_requests_keep_input(
    demo, window, live_server
) -> None:
    base = live_server.url
    head, officer, staff = window("thutruong"), window("baomat"), window("canbo")
    item = SecretItem.objects.get(agency__code="demo-stp", number="156/BC-STP")

    _item_page(head, base, "156/BC-STP")
    provide = head.get_by_test_id("provide-copy-2")
    provide.get_by_label("Cơ quan nhận").select_option(label="Sở Nội vụ")
    provide.get_by_label("Mục đích").fill("Phối hợp rà soát")
    provide.get_by_role("button", name="Chuyển giao").click()
    expect(head.get_by_text("Đã quyết định cung cấp")).to_be_visible()
    transfer = Transfer.objects.get(copy__item=item, state="decided")

    _item_page(officer, base, "156/BC-STP")
    officer.say_no.append(True)
    officer.get_by_test_id(f"hand-over-{transfer.pk}").click()
    assert "Không thể hoàn tác" in officer.asked[-1]
    transfer.refresh_from_db()
    assert transfer.state == "decided"
    officer.get_by_test_id(f"hand-over-{transfer.pk}").click()
    expect(officer.get_by_text("Đã chuyển giao; cơ quan nhận sẽ ký nhận.")).to_be_visible()
    transfer.refresh_from_db()
    assert transfer.state == "sent"

    # the staff member's request to carry a copy out: an impossible return date is kept
    staff.goto(f"{base}/registry/items/{item.pk}/")
    staff.get_by_text("Đề nghị mang bản ra ngoài").click()
    form = staff.get_by_test_id("carry-out-request")
    fill(
        staff,
        {
            "id_carry_purpose": "Họp thẩm định hồ sơ",
            "id_carry_place": "Trụ sở UBND tỉnh",
            "id_carry_until": BAD_DAY,
        },
    )
    form.get_by_role("button", name="Gửi đề nghị").click()
    expect(error_next_to(staff, "id_carry_until")).to_have_text(DAY_MESSAGE)
    expect(error_next_to(staff, "id_carry_protection")).to_have_text(REQUIRED)
    expect(by_id(staff, "id_carry_purpose")).to_have_value("Họp thẩm định hồ sơ")
    expect(by_id(staff, "id_carry_until")).to_have_value(BAD_DAY)
    assert not CarryOut.objects.filter(copy__item=item).exists()


def test_a_meeting_ending_before_it_starts_and_a_catalogue_in_force_before_issue(
    demo, window, live_server
) -> None:
    base = live_server.url
    officer, supervisor = window("baomat"), window("giamsat")
    meetings = Meeting.objects.count()
    officer.goto(f"{base}/registry/propose/")
    by_id(officer, "id_kind").select_option("meeting")
    by_id(officer, "id_catalogue_item").select_option(index=1)
    by_id(officer, "id_level").select_option("mat")
    by_id(officer, "id_doc_type").fill("Hội nghị")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    form = officer.get_by_test_id("meeting-plan")
    fill(
        officer,
        {
            "id_meeting_starts_on": "10/12/2026",
            "id_meeting_ends_on": "09/12/2026",
            "id_meeting_venue": "Phòng họp số 1",
        },
    )
    form.get_by_role("button", name="Lưu phương án").click()
    expect(error_next_to(officer, "id_meeting_ends_on")).to_have_text(
        "Ngày kết thúc ở trước ngày bắt đầu."
    )
    expect(error_next_to(officer, "id_meeting_protection_plan")).to_have_text(REQUIRED)
    expect(by_id(officer, "id_meeting_venue")).to_have_value("Phòng họp số 1")
    assert Meeting.objects.count() == meetings

    catalogues = Catalogue.objects.count()
    supervisor.goto(f"{base}/registry/catalogues/new/")
    supervisor.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(supervisor, "id_sector")).to_have_text(REQUIRED)
    fill(
        supervisor,
        {
            "id_sector": "Y tế",
            "id_decision": "QĐ 9/QĐ-TTg",
            "id_issued_on": "10/03/2026",
            "id_valid_from": "01/03/2026",
        },
    )
    supervisor.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(supervisor, "id_valid_from")).to_have_text(
        "Danh mục không thể có hiệu lực trước ngày ban hành."
    )
    expect(by_id(supervisor, "id_decision")).to_have_value("QĐ 9/QĐ-TTg")
    assert Catalogue.objects.count() == catalogues


def test_the_plans_forms_keep_what_was_typed(demo, window, live_server) -> None:
    base = live_server.url
    supervisor, officer = window("giamsat"), window("baomat")

    # a draft plan's task: an impossible due date
    task = Task.objects.exclude(plan__source_name=ISSUED).order_by("order")[0]
    supervisor.goto(f"{base}/plans/tasks/{task.pk}/edit/")
    by_id(supervisor, "id_content").fill("Nội dung đã sửa")
    by_id(supervisor, "id_due_date").fill(BAD_DAY)
    supervisor.get_by_role("button", name="Lưu", exact=True).click()
    expect(error_next_to(supervisor, "id_due_date")).to_have_text(DAY_MESSAGE)
    expect(by_id(supervisor, "id_content")).to_have_value("Nội dung đã sửa")
    task.refresh_from_db()
    assert task.content != "Nội dung đã sửa"

    # returning work without saying what is missing
    pending = Assignment.objects.get(
        task__plan__source_name=ISSUED, task__ref="II.2.a", agency__code="demo-stp"
    )
    supervisor.goto(f"{base}/plans/assignments/{pending.pk}/")
    by_id(supervisor, "id_decision").select_option("return")
    supervisor.get_by_role("button", name="Ghi nhận").click()
    expect(error_next_to(supervisor, "id_note")).to_have_text(
        "Nêu rõ còn thiếu gì trước khi trả lại."
    )
    expect(by_id(supervisor, "id_decision")).to_have_value("return")
    pending.refresh_from_db()
    assert pending.review == "pending"

    # an officer's progress: blocked without saying why
    mine = Assignment.objects.get(
        task__plan__source_name=ISSUED, task__ref="II.1.b", agency__code="demo-stp"
    )
    before = ProgressUpdate.objects.count()
    officer.goto(f"{base}/plans/assignments/{mine.pk}/")
    by_id(officer, "id_status").select_option("blocked")
    officer.get_by_role("button", name="Gửi", exact=True).click()
    expect(error_next_to(officer, "id_note")).to_have_text("Hãy nêu vướng mắc.")
    expect(by_id(officer, "id_status")).to_have_value("blocked")
    assert ProgressUpdate.objects.count() == before

    # the import form, empty
    supervisor.goto(f"{base}/plans/import/")
    supervisor.get_by_role("button", name="Đọc văn bản").click()
    expect(error_next_to(supervisor, "id_file")).to_have_text("Hãy chọn văn bản kế hoạch.")


def test_the_province_registers_are_a_pivot_and_the_registry_fits_a_phone(
    demo, window, live_server
) -> None:
    base = live_server.url
    supervisor = window("giamsat")
    supervisor.goto(f"{base}/registry/")
    pivot = supervisor.get_by_test_id("register-pivot")
    header = pivot.locator("thead").inner_text()
    for label in ("Tuyệt mật", "Tối mật", "Mật", "Tổng số", "Chờ duyệt"):
        assert label in header
    text = pivot.inner_text()
    for code in ("mat", "toi_mat", "tuyet_mat", "classified", "proposed"):
        assert f" {code}" not in f" {text}".replace("\n", " ").replace("\t", " ")
    justice = pivot.get_by_role("row", name="Sở Tư pháp")
    expect(justice).to_have_count(1)
    expect(pivot.locator("tfoot")).to_contain_text("Toàn tỉnh")

    phone = window("thutruong", width=390)
    item = SecretItem.objects.get(agency__code="demo-stp", number="156/BC-STP")
    for path in (
        "/registry/",
        f"/registry/items/{item.pk}/",
        "/registry/approvals/",
        "/registry/books/",
        "/plans/",
        "/plans/my/",
    ):
        phone.goto(f"{base}{path}")
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{path} is {width} px wide at 390 px"
