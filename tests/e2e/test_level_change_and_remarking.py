"""In a real browser (issue 14): the head of Sở Tư pháp lowers the level of a Tối mật plan whose
protection was extended, sees before confirming that the extended end is kept, and confirms;
Sở Y tế, which holds a copy, finds the classifier's notice on its copy — new level, same end,
15 days to re-mark — and its officer records the re-marking within the deadline."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.org.models import Agency, Person
from bmnn.registry import rules, services
from bmnn.registry.models import Catalogue, CatalogueItem, HolderNotice, SecretItem
from tests.e2e.helpers import health_officer_who_logs_in, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _window(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the level change asks first
    log_in(page, live_server.url, username)
    return page


def _extended_plan_held_by_health() -> tuple[SecretItem, SecretItem]:
    """A Tối mật plan of Sở Tư pháp, determined five years ago, extended today by 20 years,
    one copy provided to and received by Sở Y tế."""
    head, officer = Person.objects.get(username="thutruong"), Person.objects.get(username="baomat")
    health_officer = Person.objects.get(username="demo.syt.officer")
    justice = head.memberships.get(role="head").agency
    health = Agency.objects.get(pk=health_officer.memberships.get().agency_id)
    catalogue = Catalogue.objects.create(
        sector="Tư pháp", decision="QĐ 9/QĐ-TTg (thử)", issued_on=date(2020, 1, 1)
    )
    entry = CatalogueItem.objects.create(
        catalogue=catalogue, code="4", text="Phương án bảo vệ mục tiêu", level="toi_mat"
    )
    today = timezone.localdate()
    item = services.propose_item(
        actor=officer,
        agency=justice,
        level="toi_mat",
        catalogue_item=entry,
        doc_type="Kế hoạch",
        summary="Bảo vệ mục tiêu trọng điểm",
        copies_planned=2,
    )
    item = services.classify_item(
        actor=head, item=item, number="77/KH-STP", doc_date=rules.add_years(today, -5)
    )
    extended_to = rules.add_years(item.protected_until, 20)
    services.extend_protection(
        actor=head, item=item, new_end=extended_to, decided_on=today, decision="QĐ 501/QĐ-STP"
    )
    services.register_outgoing(actor=officer, item=item)
    transfer = services.approve_provision(
        actor=head, copy=item.copies.get(number=2), to_agency=health, purpose="Phối hợp bảo vệ"
    )
    services.hand_over(actor=officer, transfer=transfer)
    held = services.receive_transfer(actor=health_officer, transfer=transfer)
    item.refresh_from_db()
    return item, held


def test_the_head_lowers_an_extended_item_and_the_holder_re_marks(browser, live_server) -> None:
    load_demo()
    health_officer_who_logs_in()
    item, held = _extended_plan_held_by_health()
    end = item.protected_until.strftime("%d/%m/%Y")
    base = live_server.url
    head = _window(browser, live_server, "thutruong")

    head.goto(f"{base}/registry/items/{item.pk}/")
    head.get_by_test_id("change-level-link").click()
    form = head.get_by_test_id("change-level")
    form.get_by_label("Độ mật mới").select_option("mat")
    form.get_by_label("Số quyết định").fill("QĐ 502/QĐ-STP")
    form.get_by_role("button", name="Xem thời hạn sau khi điều chỉnh").click()
    preview = head.get_by_test_id("level-preview")
    expect(preview).to_contain_text(end)
    expect(preview).to_contain_text("giữ nguyên")
    head.get_by_role("button", name="Xác nhận điều chỉnh").click()
    expect(head.get_by_test_id("item-level")).to_have_text("Mật")
    expect(head.get_by_test_id("period-history")).to_contain_text(end)
    item.refresh_from_db()
    assert (item.level, item.protected_until.strftime("%d/%m/%Y")) == ("mat", end)

    holder = _window(browser, live_server, "demo.syt.officer")
    holder.goto(f"{base}/registry/items/{held.pk}/")
    expect(holder.get_by_test_id("item-level")).to_have_text("Mật")
    notice = HolderNotice.objects.get(item=held, kind="level")
    row = holder.get_by_test_id(f"notice-{notice.pk}")
    due = (timezone.localdate() + timedelta(days=15)).strftime("%d/%m/%Y")
    expect(row).to_contain_text(due)
    expect(row).to_contain_text(end)
    holder.get_by_test_id(f"remark-{notice.pk}").click()
    expect(holder.get_by_text("Đã ghi nhận việc đóng dấu lại.")).to_be_visible()
    notice.refresh_from_db()
    assert notice.remarked_on == timezone.localdate() <= notice.remark_by
    for window in (head, holder):  # no request may outlive the test's database
        window.context.close()
