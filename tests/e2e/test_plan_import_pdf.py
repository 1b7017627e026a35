"""In a real browser: the province supervisor (the one role that imports plans) uploads a plan
as a PDF whose tasks sit in an appendix table (drawn borders, merged cells, the table crossing
a page, a text layer only), sees each row of the table as a task with its leads and its due
date (dd/mm/yyyy) on the review page, saves it, and finds the plan created with those tasks."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.plans.models import PartyRole, Plan, PlanStatus
from tests.e2e.helpers import REPO, log_in, plan_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAMPLE = REPO / "bmnn/plans/tests/samples/layouts/01-bvbmnn-phu-luc.txt"
ALL_BODIES = "Các sở, ban, ngành; UBND các xã, phường"
# the appendix as the plan prints it: reference, the task's first words, lead(s), due date
# (a quarter or a month ends on its last day; "Thường xuyên" has none). Rows whose lead cell is
# merged with the row above (PL.I.3, PL.II.2, PL.V.2) carry that lead too.
APPENDIX = [
    ("PL.I.1", "Rà soát, sửa đổi Quy chế", "Công an tỉnh Bắc Lâm", "30/06/2026"),
    ("PL.I.2", "Ban hành danh mục", "Các sở, ban, ngành", "30/09/2026"),
    ("PL.I.3", "Xây dựng, ban hành nội quy", "Các sở, ban, ngành", "30/06/2026"),
    ("PL.I.4", "Hướng dẫn các xã, phường", "Sở Nội vụ", "31/08/2026"),
    ("PL.II.1", "Tổ chức hội nghị quán triệt", "Công an tỉnh Bắc Lâm", "31/03/2026"),
    ("PL.II.2", "Mở 02 lớp tập huấn", "Công an tỉnh Bắc Lâm", "30/06/2026"),
    ("PL.II.3", "Biên soạn tài liệu hỏi - đáp", "Sở Tư pháp", "30/09/2026"),
    ("PL.II.4", "Xây dựng chuyên mục", "Báo và Phát thanh, Truyền hình Bắc Lâm", ""),
    ("PL.II.5", "Tổ chức cuộc thi trực tuyến", "Sở Tư pháp", "30/09/2026"),
    ("PL.III.1", "Rà soát, thống kê máy tính", "Các sở, ban, ngành", "31/05/2026"),
    ("PL.III.2", "Kiểm tra, đánh giá an ninh mạng", "Công an tỉnh Bắc Lâm", "30/09/2026"),
    ("PL.III.3", "Rà quét cổng, trang thông tin", "Sở Khoa học và Công nghệ", ""),
    ("PL.III.4", "Trang bị máy tính độc lập", "Sở Tài chính", "31/12/2026"),
    ("PL.IV.1", "Kiểm tra công tác bảo vệ", "Công an tỉnh Bắc Lâm", "30/09/2026"),
    ("PL.IV.2", "Tự kiểm tra công tác", ALL_BODIES, "30/10/2026"),
    ("PL.IV.3", "Thanh tra việc chấp hành", "Thanh tra tỉnh", "31/12/2026"),
    ("PL.V.1", "Báo cáo kết quả công tác bảo vệ bí mật nhà nước 6", ALL_BODIES, "15/06/2026"),
    ("PL.V.2", "Báo cáo kết quả công tác bảo vệ bí mật nhà nước năm", ALL_BODIES, "15/11/2026"),
    ("PL.V.3", "Tổng hợp, tham mưu", "Công an tỉnh Bắc Lâm", "31/12/2026"),
]


def test_a_pdf_plan_with_an_appendix_table_is_reviewed_and_saved(
    page, live_server, tmp_path
) -> None:
    load_demo()
    plan_file = plan_pdf(tmp_path, "ke-hoach-12-KH-UBND.pdf", SAMPLE)

    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(plan_file))
    page.get_by_role("button", name="Đọc văn bản").click()

    # the review: the header read from the PDF's two columns, every row of the table a task
    expect(page.get_by_role("heading", name="Kiểm tra kế hoạch vừa đọc")).to_be_visible()
    expect(page.locator("[name=number]")).to_have_value("12/KH-UBND")
    expect(page.locator("[name=date]")).to_have_value("05/03/2026")
    for ref, words, leads, due in APPENDIX:
        card = page.get_by_test_id(f"task-{ref}")
        expect(card.get_by_label("Nhiệm vụ", exact=True)).to_have_value(_starts_with(words))
        expect(card.get_by_label("Chủ trì")).to_have_value(leads)
        expect(card.locator("[name$=due_date]")).to_have_value(due)
    # and the one task of the implementation section, with its own deadline
    implementation = page.get_by_test_id("task-IV.1")
    expect(implementation.get_by_label("Chủ trì")).to_have_value("Công an tỉnh Bắc Lâm")
    expect(implementation.locator("[name$=due_date]")).to_have_value("15/12/2026")
    expect(page.locator("[data-testid^=task-]")).to_have_count(len(APPENDIX) + 1)
    assert not Plan.objects.exists()  # nothing is saved before the reviewer confirms

    page.get_by_role("button", name="Lưu dự thảo").click()

    # the plan, saved as a draft with the table's tasks
    expect(page.get_by_test_id("plan-status")).to_have_text("Dự thảo")
    plan = Plan.objects.get(number="12/KH-UBND")
    assert page.url == f"{live_server.url}/plans/{plan.pk}/"
    assert (plan.status, plan.date, plan.source_name) == (
        PlanStatus.DRAFT,
        date(2026, 3, 5),
        "ke-hoach-12-KH-UBND.pdf",
    )
    expect(page.locator("tbody tr")).to_have_count(len(APPENDIX) + 1)
    for ref, words, leads, due in APPENDIX:
        row = page.get_by_test_id(f"row-{ref}")
        expect(row).to_contain_text(words)
        for lead in leads.split("; "):
            expect(row).to_contain_text(lead)
        if due:
            expect(row).to_contain_text(due)
    saved = {task.ref: task for task in plan.tasks.prefetch_related("parties")}
    assert sorted(saved) == sorted([ref for ref, *_rest in APPENDIX] + ["IV.1"])
    self_check = saved["PL.IV.2"]
    assert self_check.due_date == date(2026, 10, 30)
    assert sorted(str(p) for p in self_check.parties.all() if p.role == PartyRole.LEAD) == sorted(
        ALL_BODIES.split("; ")
    )
    assert all(p.resolved for task in saved.values() for p in task.parties.all())

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []


def _starts_with(words: str) -> re.Pattern[str]:
    return re.compile("^" + re.escape(words))
