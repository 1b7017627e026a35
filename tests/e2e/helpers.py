"""Steps the browser tests share: logging in with a password and a TOTP code, logging out."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from bmnn.accounts.totp import current_code
from bmnn.org.demo import DEMO_PASSWORD

# What the forms say to a date that does not exist, and to an empty field they need.
BAD_DAY = "31/02/2026"
DAY_MESSAGE = "Nhập một ngày có thật theo dạng ngày/tháng/năm, ví dụ 05/03/2026."
REQUIRED = "Trường này là bắt buộc."


def log_in(page: Any, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    if "/accounts/verify/" not in page.url:
        return  # a role without the second factor (staff, inspectors) lands on the dashboard
    device = TOTPDevice.objects.get(user__username=username, confirmed=True)
    # a code is accepted once: a second login in the same 30 s window waits for the next code,
    # as a person would
    step = int((time.time() - device.t0) // device.step)
    if device.last_t >= step:
        time.sleep(device.step - (time.time() - device.t0) % device.step + 0.5)
    page.get_by_label("Mã 6 chữ số").fill(current_code(device))
    page.get_by_role("button", name="Xác thực").click()
    page.wait_for_url(f"{base_url}/")


def by_id(page: Any, field_id: str) -> Any:
    """The form field with this id."""
    return page.locator(f'[id="{field_id}"]')


def error_next_to(page: Any, field_id: str) -> Any:
    """The message next to a field: the first one that follows it in its block."""
    return page.locator(f'[id="{field_id}"] ~ .invalid-feedback').first


def health_officer_who_logs_in() -> Any:
    """The demo health department's security officer, cleared to Tối mật, with the demo password
    and second factor (the demo gives this officer no login)."""
    from bmnn.org.demo import demo_totp_key
    from bmnn.org.models import Person

    health_officer = Person.objects.get(username="demo.syt.officer")
    health_officer.set_password(DEMO_PASSWORD)
    health_officer.clearance = "toi_mat"
    health_officer.save()
    TOTPDevice.objects.create(
        user=health_officer, name="demo", key=demo_totp_key(health_officer.username), confirmed=True
    )
    return health_officer


REPO = Path(__file__).resolve().parents[2]
# The inspection plan of the demo province, as a text file.
DEMO_INSPECTION_PLAN = REPO / "bmnn/plans/demo/ke-hoach-kiem-tra-bmnn-cuoi-nam-2026.txt"


def plan_pdf(folder: Path, name: str, text_file: Path) -> Path:
    """The plan written in `text_file`, laid out as the PDF `name` in `folder`."""
    from bmnn.plans.tests.builders import layout_pdf

    path = folder / name
    path.write_bytes(layout_pdf(text_file.read_text(encoding="utf-8")))
    return path


def submit_three_times(form: Any) -> dict[str, Any]:
    """Sends the form three times at once, inside the page: the click as the browser makes it
    (requestSubmit with the button as submitter), a second click and a script's submit; returns
    what the page shows 50 ms later (the form's aria-busy, whether the button is disabled, its
    spinners and its hidden words). All in the page itself: while a navigation is pending,
    Playwright's own waits look at the next document."""
    return form.evaluate(
        """f => {
            const button = f.querySelector("button[type=submit]");
            f.requestSubmit(button);
            f.requestSubmit(button);
            f.requestSubmit();
            return new Promise(done => setTimeout(() => done({
                busy: f.getAttribute("aria-busy"), disabled: button.disabled,
                spinners: button.querySelectorAll(".spinner-border").length,
                said: (button.querySelector(".visually-hidden") || {}).textContent}), 50));
        }"""
    )


def log_out(page: Any) -> None:
    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")


def no_horizontal_overflow(page: Any) -> str | None:
    """None when nothing on the page is wider than the window; else what sticks out."""
    limit = page.viewport_size["width"]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width <= limit:
        return None
    wide = page.evaluate(
        """(limit) => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > limit + 1).slice(0, 5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""",
        limit,
    )
    return f"{width} px wide at {limit} px: {wide}"


def refused(page: Any, field_id: str, message: str) -> None:
    """The message is in `<id>_error`, and the field says it is invalid and points at it."""
    expect(page.locator(f'[id="{field_id}_error"]')).to_have_text(message)
    field = page.locator(f'[id="{field_id}"]')
    expect(field).to_have_attribute("aria-invalid", "true")
    described = (field.get_attribute("aria-describedby") or "").split()
    assert f"{field_id}_error" in described, (field_id, described)


def fill(page: Any, values: dict[str, str]) -> None:
    """Types each value into the field with that id, in order."""
    for field_id, value in values.items():
        page.locator(f'[id="{field_id}"]').fill(value)


def kept(page: Any, values: dict[str, str]) -> None:
    """What was typed is still in the fields."""
    for field_id, value in values.items():
        expect(page.locator(f'[id="{field_id}"]')).to_have_value(value)
