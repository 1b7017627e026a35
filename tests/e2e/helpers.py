"""Steps the browser tests share: logging in with a password and a TOTP code, logging out."""

from __future__ import annotations

import time
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from bmnn.accounts.totp import current_code
from bmnn.org.demo import DEMO_PASSWORD


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


def kept(page: Any, values: dict[str, str]) -> None:
    """What was typed is still in the fields."""
    for field_id, value in values.items():
        expect(page.locator(f'[id="{field_id}"]')).to_have_value(value)
