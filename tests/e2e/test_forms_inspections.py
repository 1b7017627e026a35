"""Issue 19, inspections, training, regulations and budget, in a real browser: each form sent
empty and with bad values (letters in numbers, 31/02/2026, an end before its start) comes back
with what was typed, the message in Vietnamese next to its field, and nothing saved; the
checklist is answered in one form; rules read the Vietnamese way; the team leader is chosen by
agency; concluding and verifying ask first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.inspections.demo import load_demo_inspections
from bmnn.inspections.models import (
    Answer,
    BudgetEstimate,
    Finding,
    Inspection,
    Regulation,
    StaffDesignation,
    TrainingSession,
)
from bmnn.org.demo import load_demo
from tests.e2e.helpers import by_id, error_next_to, fill

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DATE_MESSAGE = "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)."


def test_the_inspector_answers_the_checklist_in_one_form_and_records_a_finding(
    window, live_server
) -> None:
    load_demo()
    load_demo_inspections()
    inspection = Inspection.objects.get(title__startswith="Kiểm tra công tác bảo vệ BMNN năm 2026")
    health = inspection.targets.get(agency__code="demo-syt")
    inspector = window("thanhtra")
    inspector.goto(f"{live_server.url}/inspections/{inspection.pk}/agencies/{health.pk}/")

    # the rules read the Vietnamese way; no internal code is on the page
    table = inspector.get_by_test_id("checklist")
    expect(table).to_contain_text("khoản 1 Điều 5 Luật Bảo vệ bí mật nhà nước năm 2025")
    body = inspector.locator("body").inner_text()
    for code in ("L18 Art", "L25 Art", "ND26", "registers.books", "classification.catalogue"):
        assert code not in body, code

    items = {i.code: i for i in inspection.items.all()}
    books, offline, marking = (
        items["registers.books"],
        items["computers.offline"],
        items["classification.marking"],
    )
    by_id(inspector, f"id_c-result-{books.pk}").select_option("compliant")
    by_id(inspector, f"id_c-evidence-{books.pk}").fill("Sổ đăng ký đi, đến đầy đủ")
    by_id(inspector, f"id_c-result-{marking.pk}").select_option("not_applicable")
    by_id(inspector, f"id_c-result-{offline.pk}").select_option("not_compliant")
    by_id(inspector, f"id_c-evidence-{offline.pk}").fill("")  # no evidence
    inspector.get_by_test_id("save-answers").click()
    expect(error_next_to(inspector, f"id_c-evidence-{offline.pk}")).to_have_text(
        "Ghi rõ nội dung chưa đạt đã thấy."
    )
    expect(inspector.get_by_test_id("form-errors")).to_contain_text("Chưa lưu gì")
    expect(by_id(inspector, f"id_c-evidence-{books.pk}")).to_have_value("Sổ đăng ký đi, đến đầy đủ")
    expect(by_id(inspector, f"id_c-result-{marking.pk}")).to_have_value("not_applicable")
    assert not Answer.objects.filter(target=health).exists()

    by_id(inspector, f"id_c-evidence-{offline.pk}").fill(
        "Máy YT-03 soạn thảo tài liệu Mật đang nối mạng"
    )
    inspector.get_by_test_id("save-answers").click()
    expect(inspector.get_by_text("Đã lưu", exact=False).first).to_be_visible()
    saved = dict(Answer.objects.filter(target=health).values_list("item__code", "result"))
    # what was chosen, and the suggestions from BMNN's records confirmed by the same save
    assert saved["registers.books"] == "compliant"
    assert saved["classification.marking"] == "not_applicable"
    assert saved["computers.offline"] == "not_compliant"
    expect(by_id(inspector, f"id_c-evidence-{offline.pk}")).to_have_value(
        "Máy YT-03 soạn thảo tài liệu Mật đang nối mạng"
    )

    # the finding: empty, then a date that does not exist — the description stays
    form = inspector.get_by_test_id("finding-form")
    form.get_by_role("button", name="Ghi nhận").click()
    expect(error_next_to(inspector, "id_f-description")).to_have_text("Trường này là bắt buộc.")
    expect(error_next_to(inspector, "id_f-rule")).to_have_text(
        "Ghi quy định bị vi phạm, hoặc chọn nội dung kiểm tra."
    )
    by_id(inspector, "id_f-item").select_option(str(offline.pk))
    by_id(inspector, "id_f-description").fill(
        "Máy tính YT-03 nối Internet dùng soạn thảo tài liệu Mật"
    )
    by_id(inspector, "id_f-deadline").fill("31/02/2026")
    inspector.get_by_test_id("finding-form").get_by_role("button", name="Ghi nhận").click()
    expect(error_next_to(inspector, "id_f-deadline")).to_have_text(DATE_MESSAGE)
    expect(by_id(inspector, "id_f-description")).to_have_value(
        "Máy tính YT-03 nối Internet dùng soạn thảo tài liệu Mật"
    )
    expect(by_id(inspector, "id_f-item")).to_have_value(str(offline.pk))
    assert not Finding.objects.filter(target=health).exists()
    deadline = timezone.localdate() + timedelta(days=14)
    by_id(inspector, "id_f-deadline").fill(deadline.strftime("%d/%m/%Y"))
    inspector.get_by_test_id("finding-form").get_by_role("button", name="Ghi nhận").click()
    expect(inspector.get_by_text("Đã ghi nhận tồn tại", exact=False)).to_be_visible()
    finding = Finding.objects.get(target=health)
    assert finding.deadline == deadline and finding.rule == offline.source

    # the added item: empty is refused by the field
    inspector.get_by_test_id("item-form").get_by_role("button", name="Thêm").click()
    expect(error_next_to(inspector, "id_i-text")).to_have_text("Trường này là bắt buộc.")


def test_verifying_and_concluding_ask_first_and_a_rejection_needs_its_reason(
    window, live_server
) -> None:
    load_demo()
    load_demo_inspections()
    inspection = Inspection.objects.get(title__startswith="Kiểm tra công tác bảo vệ BMNN năm 2026")
    remediated = Finding.objects.get(target__inspection=inspection, status="remediated")
    inspector = window("thanhtra")
    inspector.goto(f"{live_server.url}/inspections/findings/{remediated.pk}/")
    expect(inspector.get_by_test_id("finding-rule")).to_contain_text(
        "Điều 4 Nghị định số 26/2020/NĐ-CP"
    )
    inspector.get_by_label("Kết quả kiểm tra khắc phục").select_option("reject")
    inspector.get_by_role("button", name="Ghi kết quả kiểm tra khắc phục").click()
    assert inspector.asked[-1].startswith("Ghi kết quả kiểm tra khắc phục?")
    expect(error_next_to(inspector, "id_comment")).to_have_text(
        "Ghi rõ vì sao việc khắc phục chưa đạt."
    )
    remediated.refresh_from_db()
    assert remediated.status == "remediated"
    inspector.get_by_label("Kết quả kiểm tra khắc phục").select_option("accept")
    inspector.say_no.append(True)
    inspector.get_by_role("button", name="Ghi kết quả kiểm tra khắc phục").click()
    remediated.refresh_from_db()
    assert remediated.status == "remediated"  # said no: nothing happened
    inspector.get_by_role("button", name="Ghi kết quả kiểm tra khắc phục").click()
    expect(inspector.get_by_test_id("finding-status")).to_have_text("Đã kiểm tra khắc phục")

    inspector.goto(f"{live_server.url}/inspections/{inspection.pk}/")
    inspector.say_no.append(True)
    inspector.get_by_role("button", name="Kết luận").click()
    assert inspector.asked[-1].startswith("Kết luận cuộc kiểm tra này?")
    inspection.refresh_from_db()
    assert inspection.status != "concluded"


def test_the_supervisor_s_inspection_and_budget_forms_keep_input(window, live_server) -> None:
    load_demo()
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/inspections/new/")
    leader = by_id(supervisor, "id_leader")
    groups = leader.locator("optgroup")
    expect(groups.first).to_have_attribute("label", "Công an tỉnh Bắc Lâm")
    expect(leader.locator("option", has_text="Phạm Quốc Bảo — Cán bộ kiểm tra")).to_have_count(1)
    assert leader.locator("option").count() < 20  # those who may lead, not the whole directory

    fill(
        supervisor,
        {
            "id_title": "Kiểm tra đột xuất tại Sở Y tế",
            "id_year": "hai nghìn",
            "id_period_from": "01/01/2026",
            "id_period_to": "31/12/2025",
            "id_on_site_from": "31/02/2026",
            "id_scope": "Việc quản lý máy tính soạn thảo tài liệu mật",
        },
    )
    supervisor.get_by_role("button", name="Tạo", exact=True).click()
    expect(error_next_to(supervisor, "id_year")).to_have_text("Nhập năm, ví dụ 2026.")
    expect(error_next_to(supervisor, "id_period_to")).to_have_text(
        "Có ngày kết thúc trước ngày bắt đầu."
    )
    expect(error_next_to(supervisor, "id_on_site_from")).to_have_text(DATE_MESSAGE)
    expect(error_next_to(supervisor, "id_agencies")).to_have_text("Trường này là bắt buộc.")
    expect(supervisor.locator("#id_title")).to_have_value("Kiểm tra đột xuất tại Sở Y tế")
    expect(supervisor.locator("#id_scope")).to_have_value(
        "Việc quản lý máy tính soạn thảo tài liệu mật"
    )
    expect(supervisor.locator("#id_on_site_from")).to_have_value("31/02/2026")
    assert not Inspection.objects.filter(title="Kiểm tra đột xuất tại Sở Y tế").exists()

    supervisor.goto(f"{live_server.url}/inspections/budget/")
    form = supervisor.get_by_test_id("budget-form")
    supervisor.locator("#id_year").fill("2027")
    supervisor.locator("#id_lines").fill(
        "Mua két sắt | 25.000.000\nTập huấn | hai triệu\nMáy hủy | -3.000.000"
    )
    form.get_by_role("button", name="Lưu").click()
    expect(error_next_to(supervisor, "id_lines")).to_have_text(
        "Dòng 2: Ghi số tiền bằng chữ số, tính theo đồng, ví dụ 1.250.000."
    )
    expect(supervisor.locator("#id_lines")).to_have_value(
        "Mua két sắt | 25.000.000\nTập huấn | hai triệu\nMáy hủy | -3.000.000"
    )
    assert not BudgetEstimate.objects.filter(year=2027).exists()
    supervisor.locator("#id_lines").fill("Mua két sắt | 25.000.000\nTập huấn | 1.250.000")
    supervisor.locator("#id_status").select_option("submitted")
    supervisor.get_by_test_id("budget-form").get_by_role("button", name="Lưu").click()
    expect(supervisor.get_by_test_id("budget-2027")).to_contain_text("1.250.000")
    estimate = BudgetEstimate.objects.get(year=2027)
    first = estimate.lines.all()[0]
    prefix = f"b{estimate.pk}-"
    decision = supervisor.get_by_test_id("budget-decision-2027")
    by_id(supervisor, f"id_{prefix}decision").fill("Quyết định số 88/QĐ-STC")
    by_id(supervisor, f"id_{prefix}decided_on").fill("31/02/2026")
    by_id(supervisor, f"id_{prefix}allocated-{first.pk}").fill("hai mươi triệu")
    decision.get_by_role("button", name="Ghi quyết định giao kinh phí").click()
    assert supervisor.asked[-1].startswith("Ghi quyết định của cơ quan tài chính?")
    expect(error_next_to(supervisor, f"id_{prefix}decided_on")).to_have_text(DATE_MESSAGE)
    expect(error_next_to(supervisor, f"id_{prefix}allocated-{first.pk}")).to_have_text(
        "Ghi số tiền bằng chữ số, tính theo đồng, ví dụ 1.250.000."
    )
    expect(by_id(supervisor, f"id_{prefix}decision")).to_have_value("Quyết định số 88/QĐ-STC")
    estimate.refresh_from_db()
    assert estimate.status == "submitted"


def test_the_agency_s_training_regulation_and_designation_forms_keep_input(
    window, live_server
) -> None:
    load_demo()
    officer = window("baomat")
    officer.goto(f"{live_server.url}/inspections/training/")
    before = TrainingSession.objects.count()
    form = officer.get_by_test_id("training-form")
    form.get_by_role("button", name="Lưu").click()
    expect(error_next_to(officer, "id_title")).to_have_text("Trường này là bắt buộc.")
    expect(error_next_to(officer, "id_held_on")).to_have_text("Trường này là bắt buộc.")
    fill(
        officer,
        {
            "id_title": "Tập huấn Nghị định 63/2026",
            "id_held_on": "31/02/2026",
            "id_leaders": "ba",
            "id_staff": "-4",
        },
    )
    officer.get_by_test_id("training-form").get_by_role("button", name="Lưu").click()
    expect(error_next_to(officer, "id_held_on")).to_have_text(DATE_MESSAGE)
    expect(error_next_to(officer, "id_leaders")).to_have_text("Nhập một số nguyên, ví dụ 3.")
    expect(error_next_to(officer, "id_staff")).to_have_text("Số người không được là số âm.")
    expect(officer.locator("#id_title")).to_have_value("Tập huấn Nghị định 63/2026")
    expect(officer.locator("#id_leaders")).to_have_value("ba")
    assert TrainingSession.objects.count() == before

    officer.goto(f"{live_server.url}/inspections/agencies/")
    form = officer.get_by_test_id("regulation-form")
    prefix = form.locator("select").first.get_attribute("id").removesuffix("status")
    form.locator(f'[id="{prefix}status"]').select_option("issued")
    form.locator(f'[id="{prefix}issued_on"]').fill("20/05/2026")
    form.locator(f'[id="{prefix}review_due"]').fill("01/01/2026")
    form.get_by_role("button", name="Lưu").click()
    expect(error_next_to(officer, f"{prefix}document_number")).to_have_text(
        "Quy chế đã ban hành phải có số văn bản ban hành."
    )
    expect(error_next_to(officer, f"{prefix}review_due")).to_have_text(
        "Có ngày kết thúc trước ngày bắt đầu."
    )
    expect(by_id(officer, f"{prefix}issued_on")).to_have_value("20/05/2026")
    assert not Regulation.objects.filter(agency__code="demo-stp", status="issued").exists()

    head = window("thutruong")
    head.goto(f"{live_server.url}/inspections/agencies/")
    form = head.get_by_test_id("designation-form")
    designations = StaffDesignation.objects.count()
    form.get_by_role("button", name="Phân công").click()
    prefix = head.get_by_test_id("designation-form").locator("select").first.get_attribute("id")
    prefix = prefix.removesuffix("person")
    expect(error_next_to(head, f"{prefix}decision")).to_have_text("Trường này là bắt buộc.")
    head.locator(f'[id="{prefix}decision"]').fill("Quyết định số 3/QĐ-STP")
    head.locator(f'[id="{prefix}decided_on"]').fill("31/02/2026")
    head.get_by_test_id("designation-form").get_by_role("button", name="Phân công").click()
    expect(error_next_to(head, f"{prefix}decided_on")).to_have_text(DATE_MESSAGE)
    expect(head.locator(f'[id="{prefix}decision"]')).to_have_value("Quyết định số 3/QĐ-STP")
    assert StaffDesignation.objects.count() == designations
