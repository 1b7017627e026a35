"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("BMNN_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test body
# are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}: `./dev test` installs Debian's package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",  # CI runs as root
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    """A fresh browser page that records every request and every console error."""
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.requests_seen = []
    page.console_errors = []
    page.on("request", lambda request: page.requests_seen.append(request.url))
    page.on(
        "console",
        lambda message: (
            page.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _close_pages_after_the_test(browser: Any) -> Iterator[None]:
    """Pages poll for notifications: none may outlive its test and reach the next test's
    database."""
    yield
    for context in list(browser.contexts):
        context.close()


@pytest.fixture
def window(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Pages of one person each (logged in unless `username` is None), one browser context per
    person, closed before the database goes; confirm() questions are answered yes and kept in
    `page.asked`. (Older tests define their own.)"""
    from tests.e2e.helpers import log_in

    contexts = []

    def open_as(username: str | None) -> Any:
        context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.asked = []
        page.on("dialog", lambda dialog: (page.asked.append(dialog.message), dialog.accept()))
        if username:
            log_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()
