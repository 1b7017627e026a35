"""Issue 19, the confirm step of a plan's import (a work plan, and an inspection plan that goes
to the inspections' review): the plan read from a document is reviewed on a form whose fields come back, when refused (the title emptied, 31/02/2026 as the plan's date or
a task's deadline, a task without its content), with what was typed, the message in Vietnamese
in `<id>_error` that the field's aria-describedby names, the date fields' hint, and no plan
saved."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bmnn.inspections.models import Inspection
from bmnn.org.demo import load_demo
from bmnn.plans.models import Plan, Task
from tests.e2e.helpers import BAD_DAY, DAY_MESSAGE, REQUIRED, fill, kept, plan_pdf, refused
from tests.e2e.helpers import DEMO_INSPECTION_PLAN as INSPECTION_PLAN

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# the inspections app words it with the example in brackets
INSPECTION_DAY = "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)."

PLAN = """Số: 81/KH-UBND
Bắc Lâm, ngày 5 tháng 10 năm 2026
KẾ HOẠCH
Tự kiểm tra công tác bảo vệ bí mật nhà nước năm 2026
I. NHIỆM VỤ
1. Rà soát sổ đăng ký tài liệu mật đi, đến tại các sở.
- Cơ quan chủ trì: Sở Tư pháp.
- Thời gian hoàn thành: trước ngày 30/11/2026.
"""


def _read(window, live_server, source) -> Any:
    """The supervisor's window, on the review step of the plan read from `source`."""
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/plans/import/")
    supervisor.get_by_label("Tệp kế hoạch").set_input_files(str(source))
    supervisor.get_by_role("button", name="Đọc văn bản").click()
    return supervisor


def test_the_plan_import_review_refuses_by_the_field(window, live_server, tmp_path) -> None:
    load_demo()
    plans, tasks = Plan.objects.count(), Task.objects.count()
    source = tmp_path / "ke-hoach-81.txt"
    source.write_text(PLAN, encoding="utf-8")
    supervisor = _read(window, live_server, source)
    expect(supervisor.get_by_role("heading", name="Kiểm tra kế hoạch vừa đọc")).to_be_visible()

    # the dates carry their hint before anything is sent
    expect(supervisor.locator('[id="id_date-help"]')).to_be_visible()
    expect(supervisor.locator('[id="id_task-0-due_date-help"]')).to_be_visible()

    fill(
        supervisor,
        {
            "id_title": "",
            "id_date": BAD_DAY,
            "id_signer": "Hoàng Minh Tuấn",
            "id_task-0-content": "",
            "id_task-0-due_date": BAD_DAY,
        },
    )
    supervisor.get_by_role("button", name="Lưu dự thảo").click()
    refused(supervisor, "id_title", REQUIRED)
    refused(supervisor, "id_date", DAY_MESSAGE)
    refused(supervisor, "id_task-0-content", REQUIRED)
    refused(supervisor, "id_task-0-due_date", DAY_MESSAGE)
    kept(supervisor, {"id_date": BAD_DAY, "id_signer": "Hoàng Minh Tuấn"})
    kept(supervisor, {"id_task-0-due_date": BAD_DAY})
    kept(supervisor, {"id_task-0-leads": "Sở Tư pháp"})
    assert Plan.objects.count() == plans and Task.objects.count() == tasks

    # the reference emptied: refused by it, the rest as corrected stays
    fill(
        supervisor,
        {
            "id_title": "Tự kiểm tra công tác bảo vệ bí mật nhà nước",
            "id_date": "05/10/2026",
            "id_task-0-content": "Rà soát sổ đăng ký tài liệu mật",
            "id_task-0-due_date": "30/11/2026",
            "id_task-0-ref": "",
        },
    )
    supervisor.get_by_role("button", name="Lưu dự thảo").click()
    refused(supervisor, "id_task-0-ref", REQUIRED)
    kept(supervisor, {"id_title": "Tự kiểm tra công tác bảo vệ bí mật nhà nước"})
    kept(supervisor, {"id_task-0-due_date": "30/11/2026"})
    assert Plan.objects.count() == plans


def test_the_inspection_plan_review_refuses_by_the_field(window, live_server, tmp_path) -> None:
    """The plan read is an inspection plan: its review step, sent with the title emptied, a day
    that does not exist and a unit that ends before it starts."""
    load_demo()
    source = plan_pdf(tmp_path, "ke-hoach-kiem-tra-07.pdf", INSPECTION_PLAN)
    supervisor = _read(window, live_server, source)
    expect(supervisor.get_by_test_id("inspection-plan-review")).to_be_visible()

    fill(
        supervisor,
        {
            "id_title": "",
            "id_on_site_from": BAD_DAY,
            "id_row-0-scheduled_from": "10/07/2026",
            "id_row-0-scheduled_to": "07/07/2026",
            "id_row-1-scheduled_from": BAD_DAY,
        },
    )
    supervisor.get_by_test_id("create-inspection").click()
    refused(supervisor, "id_title", REQUIRED)
    refused(supervisor, "id_on_site_from", INSPECTION_DAY)
    refused(supervisor, "id_row-0-scheduled_to", "Có ngày kết thúc trước ngày bắt đầu.")
    refused(supervisor, "id_row-1-scheduled_from", INSPECTION_DAY)
    kept(supervisor, {"id_on_site_from": BAD_DAY, "id_row-1-scheduled_from": BAD_DAY})
    kept(supervisor, {"id_row-0-scheduled_from": "10/07/2026"})
    kept(supervisor, {"id_row-0-agency": "Sở Khoa học và Công nghệ"})
    expect(supervisor.locator('[id="id_on_site_from-help"]')).to_be_visible()
    assert Inspection.objects.count() == 0
