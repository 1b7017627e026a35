"""A supervisor imports a plan, fixes a flagged field in the preview and issues it; a security
officer of an assigned agency reports progress with evidence; the supervisor sees the matrix
change. All in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.plans.models import Evidence, Plan
from tests.e2e.helpers import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = """Số: 77/KH-UBND
Bắc Lâm, ngày 2 tháng 10 năm 2026
KẾ HOẠCH
Phổ biến Nghị định hướng dẫn Luật Bảo vệ bí mật nhà nước
I. NHIỆM VỤ
1. Tổ chức phổ biến Nghị định cho cán bộ văn thư các sở.
- Cơ quan chủ trì: Phòng Hành chính tư pháp.
- Thời gian hoàn thành: Quý IV năm 2026.
2. Cập nhật tài liệu tuyên truyền trên cổng thông tin điện tử tỉnh.
- Cơ quan chủ trì: Sở Khoa học và Công nghệ.
- Thời gian hoàn thành: trước ngày 30/11/2026.
"""


def test_import_fix_issue_report_and_see_the_matrix(page, live_server, tmp_path) -> None:
    load_demo()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirm() before issuing
    plan_file = tmp_path / "ke-hoach-77.txt"
    plan_file.write_text(PLAN, encoding="utf-8")

    # 1. the supervisor imports and reviews
    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(plan_file))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.get_by_role("heading", name="Kiểm tra kế hoạch vừa đọc")).to_be_visible()
    first = page.get_by_test_id("task-I.1")
    expect(first.get_by_text("kiểm tra")).to_be_visible()  # the unknown lead is flagged
    lead = first.get_by_label("Chủ trì")
    expect(lead).to_have_value("Phòng Hành chính tư pháp")
    lead.fill("Sở Tư pháp")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Dự thảo")
    expect(page.get_by_test_id("row-I.1")).to_contain_text("Sở Tư pháp")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Đã ban hành")
    log_out(page)

    # 2. the security officer of Sở Tư pháp reports with evidence
    evidence = tmp_path / "bien-ban-hoi-nghi.txt"
    evidence.write_text("Biên bản hội nghị phổ biến Nghị định", encoding="utf-8")
    log_in(page, live_server.url, "baomat")
    page.goto(f"{live_server.url}/plans/my/")
    page.get_by_role("link", name="Tổ chức phổ biến Nghị định").click()
    page.get_by_label("Tình trạng").select_option("done")
    page.get_by_label("Ghi chú").fill("Đã tổ chức hội nghị cho 45 cán bộ văn thư.")
    page.get_by_label("Tài liệu kèm theo").set_input_files(str(evidence))
    page.get_by_role("button", name="Gửi").click()
    expect(page.get_by_test_id("assignment-status")).to_contain_text("chờ công nhận")
    expect(page.get_by_role("link", name="bien-ban-hoi-nghi.txt")).to_be_visible()
    log_out(page)

    # 3. the supervisor sees the matrix change
    plan = Plan.objects.get(number="77/KH-UBND")
    assert Evidence.objects.filter(update__assignment__task__plan=plan).count() == 1
    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/plans/matrix/?plan={plan.pk}")
    expect(page.get_by_test_id("count-done")).to_have_text("1")
    expect(page.get_by_test_id("count-not_started")).to_have_text("1")
    matrix = page.get_by_test_id("matrix")
    expect(matrix.get_by_role("row", name="Sở Tư pháp")).to_contain_text("100")

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []
