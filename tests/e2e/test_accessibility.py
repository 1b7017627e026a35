"""axe-core on the main pages of every demo role (issue 19): no violation rated serious or
critical, colour contrast included.

Each person logs in as in real use (password, then the six-digit code) and opens the pages of
their daily work: their home (also on a phone, with the menu open), the lists, an example of
each kind of record reached from those lists, and the forms they fill in. The login page, the
second-factor page and the page for an address that does not exist are checked too.
The API's documentation (/api/docs/, the vendored Swagger UI in our own page template) is
checked as the administrator sees it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from bmnn.org.demo import DEMO_PASSWORD
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING = {"serious", "critical"}
MISSING = "/khong-co-trang-nay/"

# A path, or (list page, start of the links on it): the first such link on that list is opened,
# so each kind of record is checked on a real example of the demo province.
Page = str | tuple[str, str]
PAGES: dict[str, list[Page]] = {
    # the head of an agency: decides requests, signs the report
    "thutruong": [
        "/",
        "/registry/approvals/",
        "/registry/",
        ("/registry/", "/registry/items/"),
        "/registry/statistics/",
        "/reports/",
        ("/", "/reports/periods/"),
    ],
    # the security officer: the register, the books, the tasks, the devices, the report
    "baomat": [
        "/",
        "/registry/",
        ("/registry/", "/registry/items/"),
        "/registry/incoming/",
        "/registry/books/",
        ("/registry/books/", "/registry/books/"),
        "/registry/notices/",
        "/plans/my/",
        ("/plans/my/", "/plans/assignments/"),
        "/reports/incidents/new/",
        "/devices/",
        ("/devices/", "/devices/"),
        "/devices/new/",
        "/scanner/check/",
        "/notifications/",
    ],
    # staff: their tasks, a proposal, an incident
    "canbo": [
        "/",
        "/plans/my/",
        ("/plans/my/", "/plans/assignments/"),
        "/registry/propose/",
        "/reports/incidents/new/",
        "/accounts/profile/",
        MISSING,
    ],
    # the provincial supervisor: reports, plans, incidents, agencies, scanner, audit, sync
    "giamsat": [
        "/",
        "/reports/",
        ("/reports/", "/reports/periods/"),
        "/reports/periods/new/",
        "/plans/",
        ("/plans/", "/plans/"),
        "/plans/matrix/",
        "/reports/incidents/",
        ("/reports/incidents/", "/reports/incidents/"),
        "/agencies/",
        ("/agencies/", "/agencies/"),
        "/scanner/",
        ("/scanner/", "/scanner/portals/"),
        "/audit/",
        "/sync/",
    ],
    # the inspector: inspections, checklists, findings, readiness, the library
    "thanhtra": [
        "/",
        "/inspections/",
        ("/inspections/", "/inspections/"),
        ("/", "/inspections/findings/"),
        "/inspections/agencies/",
        "/inspections/library/",
        ("/scanner/", "/scanner/findings/"),
    ],
    # the chairman: requests to decide, the province's figures, the budget
    "chutich": [
        "/",
        "/registry/approvals/",
        "/inspections/budget/",
        "/registry/catalogues/",
    ],
    # the administrator: people, agencies, groups, the audit log
    "quantri": [
        "/",
        "/people/",
        ("/people/", "/people/"),
        "/agencies/new/",
        "/groups/",
        "/audit/",
        "/devices/media/",
        "/api/docs/",
    ],
}


def _violations(axe: Axe, page: Any, where: str) -> list[str]:
    """Every serious or critical violation on the page as it stands, one line per rule with
    the first three elements at fault."""
    found = []
    for violation in axe.run(page).response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        nodes = "".join(
            f"\n    {' '.join(map(str, node['target']))}: {node['html'][:200]}"
            for node in violation["nodes"][:3]
        )
        found.append(
            f"{where}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])}"
            f" elements){nodes}"
        )
    return found


def _open(page: Any, base: str, target: Page) -> str:
    """Opens the page and returns its path; a (list, prefix) target opens the first record the
    list links to."""
    if isinstance(target, str):
        page.goto(base + target)
        return target
    listing, prefix = target
    page.goto(base + listing)
    links = page.locator(f"main a[href^='{prefix}']").evaluate_all(
        "(links, prefix) => links.map(a => a.getAttribute('href'))"
        ".filter(h => /^\\/\\d+\\//.test(h.slice(prefix.length - 1)))",
        prefix,
    )
    assert links, f"{listing} links to no record under {prefix}"
    page.goto(base + links[0])
    return links[0]


def _role(axe: Axe, page: Any, base: str, username: str) -> list[str]:
    page.set_viewport_size(WIDE)
    log_in(page, base, username)
    found = []
    for target in PAGES[username]:
        path = _open(page, base, target)
        assert "/accounts/login/" not in page.url, f"{username}: {path} sent to the login page"
        found += _violations(axe, page, f"{username} {path}")
    # the home on a phone, menu folded and then open
    page.goto(base + "/")
    page.set_viewport_size(PHONE)
    found += _violations(axe, page, f"{username} / at 390 px")
    page.get_by_role("button", name="Menu").click()
    page.get_by_test_id("main-menu").wait_for()
    found += _violations(axe, page, f"{username} / at 390 px, menu open")
    page.set_viewport_size(WIDE)
    return found


def test_main_pages_of_every_role_have_no_serious_accessibility_violation(
    browser: Any, page: Any, live_server: Any
) -> None:
    started = time.monotonic()
    call_command("demo", verbosity=0)
    base = live_server.url
    axe = Axe()
    found = []

    # before logging in: the login page, the second-factor page, a missing page
    page.set_viewport_size(WIDE)
    page.goto(base + "/accounts/login/")
    found += _violations(axe, page, "(not logged in) /accounts/login/")
    page.goto(base + MISSING)
    found += _violations(axe, page, f"(not logged in) {MISSING}")
    page.set_viewport_size(PHONE)
    page.goto(base + "/accounts/login/")
    found += _violations(axe, page, "(not logged in) /accounts/login/ at 390 px")
    page.set_viewport_size(WIDE)
    halfway = browser.new_context(locale="vi-VN", viewport=WIDE).new_page()
    halfway.goto(base + "/accounts/login/")
    halfway.get_by_label("Tên đăng nhập").fill("thutruong")
    halfway.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    halfway.get_by_role("button", name="Đăng nhập").click()
    halfway.wait_for_url("**/accounts/verify/")
    found += _violations(axe, halfway, "thutruong (password only) /accounts/verify/")
    halfway.context.close()

    for username in PAGES:
        page.context.clear_cookies()
        found += _role(axe, page, base, username)

    checked = 5 + sum(len(pages) + 2 for pages in PAGES.values())
    print(f"\n{checked} pages checked with axe in {time.monotonic() - started:.0f} s")
    assert not found, "\n" + "\n".join(found)
