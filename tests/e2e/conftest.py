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
def demo() -> None:
    """The demo province with its plans and registers."""
    from bmnn.org.demo import load_demo
    from bmnn.plans.demo import load_demo_plans
    from bmnn.registry.demo import load_demo_registry

    load_demo()
    load_demo_plans()
    load_demo_registry()


@pytest.fixture
def window(browser: Any, live_server: Any) -> Iterator[Callable[..., Any]]:
    """Pages of one person each (logged in unless `username` is None), one browser context per
    person, `width` pixels wide, closed before the database goes; confirm() questions are kept in
    `page.asked` and answered yes, but no while `page.say_no` has items (each answer takes one).
    (Older tests define their own.)"""
    from tests.e2e.helpers import log_in

    contexts = []

    def open_as(username: str | None, width: int = 1366) -> Any:
        context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.asked, page.say_no = [], []

        def answer(dialog: Any) -> None:
            page.asked.append(dialog.message)
            if page.say_no:
                page.say_no.pop()
                dialog.dismiss()
            else:
                dialog.accept()

        page.on("dialog", answer)
        if username:
            log_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()
