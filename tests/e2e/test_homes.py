"""Each demo role's home in a real browser, at 1,366 px and on a phone (390 px): what waits
for that person, the main action it leads to, a menu that fits on one line and works from the
keyboard, no horizontal overflow, no CSP error, and a print layout without the menu."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.helpers import log_in, log_out, no_horizontal_overflow

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# what each demo login must find waiting on their home (section test id → link opened from it)
ROLES = {
    "thutruong": ("to-sign", "/reports/periods/"),  # the head: the report to sign
    "baomat": ("tasks", "/plans/assignments/"),  # the officer: the agency's tasks
    "canbo": ("tasks", "/plans/assignments/"),  # staff: the agency's tasks
    "giamsat": ("to-review", "/reports/periods/"),  # the supervisor: reports to review
    "thanhtra": ("to-verify", "/inspections/findings/"),  # the inspector: findings to verify
    "chutich": ("requests", "/registry/approvals/"),  # the chairman: a request to decide
    "quantri": (None, None),  # the administrator: the province's figures
}
PROVINCE_FIGURES = {"giamsat", "chutich", "quantri"}


def _no_horizontal_overflow(page) -> None:
    problem = no_horizontal_overflow(page)
    assert problem is None, f"{page.url}: {problem}"


def _walk(page, base: str, username: str) -> None:
    section, opens = ROLES[username]
    page.set_viewport_size(WIDE)
    log_in(page, base, username)
    expect(page.get_by_role("heading", name="Trang chủ", exact=True)).to_be_visible()

    # the menu: at most seven entries on one line, the search box whole on screen
    menu = page.get_by_test_id("main-menu")
    entries = menu.locator(":scope > li")
    assert entries.count() <= 7
    heights = {round(box["y"]) for box in (e.bounding_box() for e in entries.all())}
    assert len(heights) == 1, f"{username}: the menu wraps ({heights})"
    search = page.get_by_role("searchbox", name="Tìm kiếm")
    box = search.bounding_box()
    assert box and box["x"] + box["width"] <= WIDE["width"]
    _no_horizontal_overflow(page)

    # a dropdown opens and is walked with the keyboard
    toggle = menu.locator("button.dropdown-toggle").first
    toggle.focus()
    page.keyboard.press("Enter")
    dropdown = toggle.locator("xpath=following-sibling::ul")
    expect(dropdown).to_be_visible()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.classList.contains('dropdown-item')")
    assert focused
    page.keyboard.press("Escape")
    expect(dropdown).to_be_hidden()

    if username in PROVINCE_FIGURES:
        expect(page.get_by_test_id("figures")).to_be_visible()
        expect(page.get_by_test_id("figure-without-officer")).to_be_visible()
    else:
        expect(page.get_by_test_id("figures")).to_have_count(0)
    if section:
        card = page.get_by_test_id(section)
        assert int(card.get_by_test_id("count").inner_text().rstrip("+")) >= 1
        card.locator(f"a[href^='{opens}']").first.click()
        page.wait_for_load_state()
        assert opens in page.url
        expect(page.locator("main")).not_to_contain_text("Traceback")
        page.goto(f"{base}/")

    # printed: no menu, black text on white
    page.emulate_media(media="print")
    expect(page.locator("nav.bmnn-navbar")).to_be_hidden()
    colour = page.evaluate("getComputedStyle(document.body).color")
    assert colour == "rgb(0, 0, 0)"
    page.emulate_media(media="screen")

    # on a phone: the menu folds away, opens from its button, nothing wider than the screen
    page.set_viewport_size(PHONE)
    _no_horizontal_overflow(page)
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(menu).to_be_visible()
    _no_horizontal_overflow(page)
    page.get_by_role("button", name="Menu").click()
    page.set_viewport_size(WIDE)
    log_out(page)


def test_every_role_finds_its_work_on_its_home(page, live_server) -> None:
    call_command("demo", verbosity=0)
    for username in ROLES:
        _walk(page, live_server.url, username)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []


def test_a_chart_of_counts_starts_at_zero_with_whole_ticks(page, live_server) -> None:
    from bmnn.org.demo import load_demo

    load_demo()
    log_in(page, live_server.url, "giamsat")
    page.locator("canvas[data-chart][data-drawn='1']").wait_for()
    scale = page.evaluate(
        """() => { const c = Chart.getChart(document.querySelector('canvas[data-chart]'));
        const s = c.scales.x; return {min: s.min, ticks: s.ticks.map(t => t.value)}; }"""
    )
    assert scale["min"] == 0
    assert all(float(t).is_integer() for t in scale["ticks"])


def test_search_finds_a_register_item_by_number_within_the_officers_registers(
    page, live_server
) -> None:
    from bmnn.org.demo import load_demo
    from bmnn.org.models import Agency
    from bmnn.registry.demo import load_demo_registry
    from bmnn.registry.models import SecretItem

    load_demo()
    load_demo_registry()
    mine = SecretItem.objects.filter(agency__code="demo-stp").exclude(number="").first()
    other = SecretItem.objects.create(
        agency=Agency.objects.get(code="demo-syt"),
        origin="created",
        level="mat",
        status="classified",
        number="77/SYT-MAT",
        search_text="77/syt-mat",
    )
    assert mine is not None
    log_in(page, live_server.url, "baomat")
    box = page.get_by_role("searchbox", name="Tìm kiếm")
    box.fill(mine.number)
    box.press("Enter")
    expect(page.get_by_test_id("search-items")).to_contain_text(mine.number)
    box = page.get_by_role("searchbox", name="Tìm kiếm").first
    box.fill(other.number)
    box.press("Enter")
    expect(page.locator("main")).not_to_contain_text(re.compile(re.escape(other.number)))
