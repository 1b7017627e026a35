"""In a real browser: an officer registers an incoming Mật document, the head authorises two
copies, the officer records them, the head decides to provide one to Sở Y tế and the officer
hands it over, Sở Y tế's officer signs for it, the head records the declassification of the
original; each book shows the right rows. Three people work in three browser windows."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from tests.e2e.helpers import health_officer_who_logs_in, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _window(browser: Any, live_server: Any, username: str) -> Any:
    context = browser.new_context(locale="vi-VN")
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server.url, username)
    return page


def _open_item(page: Any, base: str, number: str) -> None:
    page.goto(f"{base}/registry/?q={number}")
    page.get_by_role("link", name=number).click()


def test_incoming_copies_provision_receipt_declassification_and_books(browser, live_server) -> None:
    load_demo()
    health_officer = health_officer_who_logs_in()
    base = live_server.url
    officer = _window(browser, live_server, "baomat")
    head = _window(browser, live_server, "thutruong")
    other = _window(browser, live_server, "demo.syt.officer")

    # the officer registers an incoming Mật document
    officer.goto(f"{base}/registry/incoming/")
    officer.get_by_label("Cơ quan ban hành").fill("Bộ Tư pháp")
    officer.get_by_label("Số, ký hiệu").fill("45/BTP-VP")
    officer.get_by_label("Ngày văn bản").fill("02/11/2026")
    officer.get_by_label("Loại").fill("Công văn")
    officer.get_by_label("Độ mật").select_option("mat")
    officer.get_by_label("Trích yếu").fill("Hướng dẫn quản lý hồ sơ đặc xá")
    officer.get_by_label("Đơn vị, người nhận").fill("Phòng Bổ trợ tư pháp")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.get_by_test_id("item-level")).to_have_text("Mật")

    # the head authorises two copies
    _open_item(head, base, "45/BTP-VP")
    authorise = head.get_by_test_id("authorise-copies")
    authorise.get_by_label("Số bản").fill("2")
    authorise.get_by_role("button", name="Cho phép").click()
    expect(head.get_by_text("Đã cho phép sao, chụp.")).to_be_visible()

    # the officer records them
    officer.reload()
    record = officer.get_by_test_id("record-copies")
    record.get_by_label("Số bản").fill("2")
    record.get_by_role("button", name="Ghi bản sao").click()
    expect(officer.get_by_text("Đã ghi các bản sao số: 1, 2.")).to_be_visible()

    # the head decides to provide copy 1 to Sở Y tế; the officer hands it over
    head.reload()
    provide = head.get_by_test_id("provide-copy-1")
    provide.get_by_label("Cơ quan nhận").select_option(label="Sở Y tế")
    provide.get_by_label("Mục đích").fill("Phối hợp xét duyệt hồ sơ đặc xá")
    provide.get_by_role("button", name="Chuyển giao").click()
    expect(head.get_by_text("Đã quyết định cung cấp")).to_be_visible()
    officer.reload()
    officer.get_by_role("button", name="Chuyển giao và ghi sổ chuyển giao").click()
    expect(officer.get_by_text("Đã chuyển giao; cơ quan nhận sẽ ký nhận.")).to_be_visible()

    # Sở Y tế's officer signs for it
    other.goto(f"{base}/registry/transfers/")
    other.get_by_role("button", name="Ký nhận").click()
    expect(other.get_by_text("Đã ký nhận và vào sổ đến.")).to_be_visible()
    expect(other.get_by_test_id("item-status")).to_have_text("Đã xác định độ mật")

    # the head records the declassification of the original
    head.reload()
    notice = head.get_by_test_id("declassification-notice")
    notice.get_by_label("Số quyết định").fill("TB 12/BTP")
    notice.get_by_role("button", name="Ghi nhận giải mật").click()
    expect(head.get_by_test_id("item-status")).to_have_text("Đã giải mật")

    # each book shows the right rows
    officer.goto(f"{base}/registry/books/")
    expected = {
        "Sổ đăng ký BMNN đến": [
            "45/BTP-VP",
            "Bộ Tư pháp",
            "Công văn Hướng dẫn quản lý hồ sơ đặc xá",
        ],
        "Sổ quản lý sao, chụp BMNN": ["2 (1, 2)", "Trần Văn Định"],
        "Sổ chuyển giao BMNN": ["Sở Y tế", "Mật (C)", health_officer.full_name],
    }
    for book, texts in expected.items():
        officer.goto(f"{base}/registry/books/")
        officer.get_by_role("link", name=book).first.click()
        table = officer.get_by_test_id("book")
        for text in texts:
            expect(table).to_contain_text(text)
    other.goto(f"{base}/registry/books/")
    other.get_by_role("link", name="Sổ đăng ký BMNN đến").click()
    expect(other.get_by_test_id("book")).to_contain_text("45/BTP-VP")
    expect(other.get_by_test_id("book")).to_contain_text("Do Sở Tư pháp chuyển giao")
    for window in (officer, head, other):  # no request may outlive the test's database
        window.context.close()
