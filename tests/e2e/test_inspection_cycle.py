"""In a real browser: a supervisor plans an inspection of three agencies, the inspector answers
the checklist and records a finding with a deadline, the agency reports its remediation, the
inspector verifies it, and the conclusion DOCX is downloaded and read back."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.inspections.models import Finding, Inspection
from bmnn.org.demo import load_demo
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _window(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, username)
    return page


def test_plan_answer_find_remedy_verify_conclude(browser, live_server) -> None:
    load_demo()
    base = live_server.url
    supervisor = _window(browser, live_server, "giamsat")
    supervisor.goto(f"{base}/inspections/new/")
    supervisor.get_by_label("Tên cuộc kiểm tra").fill("Kiểm tra công tác bảo vệ BMNN quý IV")
    supervisor.get_by_label("Số quyết định").fill("Quyết định số 51/QĐ-CAT")
    supervisor.get_by_label("Trưởng đoàn").select_option(label="Phạm Quốc Bảo — Cán bộ kiểm tra")
    supervisor.get_by_label("Cơ quan được kiểm tra").select_option(
        label=["Sở Tư pháp", "Sở Y tế", "Sở Tài chính"]
    )
    supervisor.get_by_role("button", name="Tạo").click()
    expect(supervisor.get_by_test_id("targets").get_by_role("link")).to_have_count(3)
    inspection = Inspection.objects.get(title="Kiểm tra công tác bảo vệ BMNN quý IV")

    inspector = _window(browser, live_server, "thanhtra")
    inspector.goto(f"{base}/inspections/{inspection.pk}/")
    inspector.get_by_test_id("targets").get_by_role("link", name="Sở Tư pháp").click()
    row = inspector.get_by_test_id("item-registers.books")
    row.get_by_label("Kết quả").select_option("not_compliant")
    row.get_by_label("Căn cứ").fill("Sổ đăng ký đến thiếu chữ ký nhận từ số 14 đến 20")
    inspector.get_by_test_id("save-answers").click()
    expect(inspector.get_by_test_id("item-registers.books").get_by_label("Căn cứ")).to_have_value(
        "Sổ đăng ký đến thiếu chữ ký nhận từ số 14 đến 20"
    )
    form = inspector.get_by_test_id("finding-form")
    form.get_by_label("Nội dung kiểm tra").select_option(
        str(inspection.items.get(code="registers.books").pk)
    )
    form.get_by_label("Tồn tại, vi phạm").fill("Sổ đăng ký bí mật nhà nước đến thiếu chữ ký nhận")
    form.get_by_label("Quy định bị vi phạm").fill("ND26 Art. 4")
    deadline = timezone.localdate() + timedelta(days=15)
    form.get_by_label("Thời hạn khắc phục").fill(deadline.strftime("%d/%m/%Y"))
    form.get_by_role("button", name="Ghi nhận").click()
    finding = Finding.objects.get()
    assert finding.deadline == deadline and finding.target.agency.name == "Sở Tư pháp"

    officer = _window(browser, live_server, "baomat")
    officer.goto(f"{base}/inspections/findings/{finding.pk}/")
    officer.get_by_label("Nội dung đã khắc phục").fill("Đã bổ sung chữ ký nhận các số 14–20")
    officer.get_by_role("button", name="Báo cáo khắc phục").click()
    expect(officer.get_by_test_id("finding-status")).to_have_text("Đã báo cáo khắc phục")

    inspector.goto(f"{base}/inspections/findings/{finding.pk}/")
    inspector.get_by_label("Kết quả kiểm tra khắc phục").select_option("accept")
    inspector.get_by_role("button", name="Ghi kết quả kiểm tra khắc phục").click()
    expect(inspector.get_by_test_id("finding-status")).to_have_text("Đã kiểm tra khắc phục")

    inspector.goto(f"{base}/inspections/{inspection.pk}/")
    with inspector.expect_download() as download:
        inspector.get_by_test_id("conclusion").click()
    import docx

    document = docx.Document(io.BytesIO(Path(download.value.path()).read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾT LUẬN KIỂM TRA" in text and "Sở Tư pháp" in text
    assert "Sổ đăng ký bí mật nhà nước đến thiếu chữ ký nhận" in cells
    assert deadline.strftime("%d/%m/%Y") in cells and "Đã khắc phục, đã kiểm tra" in cells
