"""A supervisor logs in with a password and a TOTP code, sees the dashboard, opens the agencies
list and logs out, in a real browser; no request leaves the server and the CSP blocks nothing."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from tests.e2e.helpers import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_supervisor_logs_in_with_totp_sees_agencies_and_logs_out(page, live_server) -> None:
    load_demo()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    log_in(page, live_server.url, "giamsat")
    expect(page.get_by_role("heading", name="Trang chủ")).to_be_visible()
    figure = page.get_by_test_id("figure-agencies").get_by_test_id("value")
    assert int(figure.inner_text()) >= 60

    page.goto(f"{live_server.url}/agencies/")
    page.wait_for_url("**/agencies/")
    table = page.get_by_test_id("agency-table")
    expect(table.get_by_role("link", name="Sở Tư pháp")).to_be_visible()

    # the search box filters through htmx without a page load
    page.get_by_placeholder("Tên hoặc tên viết tắt, có thể gõ không dấu").fill("tu phap")
    expect(table.locator("tbody tr")).to_have_count(1)
    expect(table.get_by_role("link", name="Sở Tư pháp")).to_be_visible()

    log_out(page)
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
