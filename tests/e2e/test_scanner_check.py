"""An editor checks a stamped PDF before publishing it, in a real browser: the verdict says do
not publish and the page shows where the stamp is; a plan about secrets passes."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.scanner.models import Check
from tests.corpus.scanner_corpus import make_doc, negative_plan, write_docx, write_pdf
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_editor_checks_files_before_publishing(page, live_server, tmp_path) -> None:
    load_demo()
    rng = random.Random(51)
    stamped = tmp_path / "bao-cao-156.pdf"
    stamped.write_bytes(write_pdf(make_doc(rng, "toi_mat")))
    plan = tmp_path / "ke-hoach.docx"
    plan.write_bytes(write_docx(negative_plan(rng)))

    log_in(page, live_server.url, "baomat")
    page.goto(f"{live_server.url}/scanner/check/")
    page.get_by_label("Tài liệu định đăng tải").set_input_files(str(stamped))
    page.locator("main").get_by_role("button", name="Kiểm tra", exact=True).click()
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_contain_text("Không được đăng tải")
    expect(page.get_by_test_id("evidence").first).to_contain_text("TỐI MẬT")
    page.get_by_alt_text("Trang tài liệu với các dấu hiệu được khoanh đỏ").wait_for()

    page.get_by_label("Tài liệu định đăng tải").set_input_files(str(plan))
    page.locator("main").get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("verdict")).to_contain_text(
        "Không phát hiện dấu hiệu bí mật nhà nước"
    )
    assert list(Check.objects.order_by("pk").values_list("secret", flat=True)) == [True, False]

    outside = [url for url in page.requests_seen if not url.startswith(live_server.url)]
    assert outside == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
