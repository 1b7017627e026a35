"""A supervisor logs in with a password and a TOTP code, sees the dashboard, opens the agencies
list and logs out, in a real browser; no request leaves the server and the CSP blocks nothing."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from bmnn.accounts.totp import current_code
from bmnn.org.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _code_for(username: str) -> str:
    return current_code(TOTPDevice.objects.get(user__username=username, confirmed=True))


def test_supervisor_logs_in_with_totp_sees_agencies_and_logs_out(page, live_server) -> None:
    load_demo()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("Tên đăng nhập").fill("giamsat")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    page.wait_for_url("**/accounts/verify/**")
    page.get_by_label("Mã 6 chữ số").fill(_code_for("giamsat"))
    page.get_by_role("button", name="Xác thực").click()

    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Tổng quan").is_visible()
    assert int(page.get_by_test_id("agency-total").inner_text()) >= 60
    page.locator("canvas[data-chart][data-drawn='1']").wait_for()  # chart drawn by bmnn.js

    page.get_by_role("link", name="Cơ quan, đơn vị").first.click()
    page.wait_for_url("**/agencies/")
    table = page.get_by_test_id("agency-table")
    assert table.get_by_role("link", name="Sở Tư pháp").is_visible()

    # the search box filters through htmx without a page load
    page.get_by_placeholder("Tên hoặc tên viết tắt, có thể gõ không dấu").fill("tu phap")
    expect(table.locator("tbody tr")).to_have_count(1)
    assert table.get_by_role("link", name="Sở Tư pháp").is_visible()

    page.get_by_test_id("user-menu").click()
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_text("Bạn đã đăng xuất.").is_visible()

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
