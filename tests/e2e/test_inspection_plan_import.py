"""In a real browser: a supervisor uploads an inspection plan as a PDF (tables drawn, text layer)
through the plan import page, is taken to the inspections app's review, chooses the team leader
the directory does not have under the plan's name, sets the exact day of a unit the plan gave
only a week for, confirms, and lands on the inspection with its agencies and their days."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bmnn.inspections.models import Inspection
from bmnn.org.demo import load_demo
from bmnn.org.models import Person
from bmnn.plans.models import Plan
from tests.e2e.helpers import DEMO_INSPECTION_PLAN, log_in, plan_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PLAN = DEMO_INSPECTION_PLAN


def test_an_inspection_plan_pdf_becomes_an_inspection_after_review(
    page, live_server, tmp_path
) -> None:
    load_demo()
    plan_file = plan_pdf(tmp_path, "ke-hoach-kiem-tra-07.pdf", PLAN)
    inspector = Person.objects.get(username="thanhtra")

    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/plans/import/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(plan_file))
    page.get_by_role("button", name="Đọc văn bản").click()

    expect(page.get_by_test_id("inspection-plan-review")).to_be_visible()
    expect(page.get_by_test_id("read-number")).to_have_text("07/KH-BCĐ")
    expect(page.get_by_test_id("team-read").get_by_role("row")).to_have_count(6)  # heading + 5
    expect(page.get_by_test_id("row-6")).to_contain_text("Kho bạc Nhà nước khu vực XV")
    expect(page.get_by_test_id("flags-6")).to_contain_text(
        "Tuần 4 tháng 7/2026"
    )  # a week, not a day
    expect(page.locator("[name=row-0-agency]")).to_have_value("Sở Khoa học và Công nghệ")
    expect(page.locator("[name=row-0-scheduled_to]")).to_have_value("07/07/2026")
    assert Inspection.objects.count() == 0

    # the plan's leader has no account here: the reviewer names the inspector; the treasury's day
    # is now known
    leader = page.locator("select[name=leader]")
    expect(leader).to_have_value("")
    leader.select_option(value=str(inspector.pk))
    page.locator("[name=row-5-scheduled_from]").fill("23/07/2026")
    page.locator("[name=row-5-scheduled_to]").fill("23/07/2026")
    page.get_by_test_id("create-inspection").click()

    page.wait_for_url(f"{live_server.url}/inspections/*/")
    made = Inspection.objects.get()
    assert page.url == f"{live_server.url}/inspections/{made.pk}/"
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kiểm tra công tác bảo vệ bí mật nhà nước 6 tháng cuối năm 2026"
    )
    targets = page.get_by_test_id("targets")
    expect(targets.get_by_role("link")).to_have_count(6)
    treasury = made.targets.get(agency__name="Kho bạc Nhà nước khu vực XV")
    expect(page.get_by_test_id(f"scheduled-{treasury.agency_id}")).to_have_text("23/07/2026")
    expect(page.get_by_test_id("self-report-due")).to_contain_text("30/06/2026")
    assert made.leader == inspector and made.decision == "07/KH-BCĐ"
    assert (made.on_site_from.isoformat(), made.on_site_to.isoformat()) == (
        "2026-07-06",
        "2026-07-23",
    )
    assert Plan.objects.filter(source_name="ke-hoach-kiem-tra-07.pdf").count() == 0

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []
