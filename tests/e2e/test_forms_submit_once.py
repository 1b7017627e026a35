"""A form that posts is sent once, and shows that the work is under way (issue 19): a second
submit while the first request is on its way sends nothing, the buttons are disabled with a
spinner, and the page works again when the answer comes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from bmnn.org.demo import load_demo
from bmnn.org.models import Agency
from tests.e2e.helpers import log_in, submit_three_times

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_second_submit_while_the_first_is_on_its_way_sends_nothing(page, live_server) -> None:
    load_demo()
    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/agencies/new/")
    form = page.locator("main form[method=post]").first
    page.locator("#id_name").fill("Ban Quản lý khu kinh tế")
    page.locator("#id_short_name").fill("BQLKKT")
    page.locator("#id_code").fill("bqlkkt-test")
    page.locator("#id_type").select_option(index=1)

    held, posts = [], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
    page.route(
        "**/agencies/new/",
        lambda route: held.append(route) if route.request.method == "POST" else route.continue_(),
    )
    state = submit_three_times(form)
    assert state == {"busy": "true", "disabled": True, "spinners": 1, "said": "Đang xử lý…"}
    assert len(held) == 1 and len(posts) == 1
    held[0].continue_()
    page.wait_for_url(lambda url: "/agencies/new/" not in url)
    assert Agency.objects.filter(code="bqlkkt-test").count() == 1
    assert len(posts) == 1


def test_a_form_can_be_sent_again_after_a_validation_error(page, live_server) -> None:
    """The answer is the same page with the message: its buttons work again."""
    load_demo()
    log_in(page, live_server.url, "giamsat")
    page.goto(f"{live_server.url}/agencies/new/")
    button = page.locator("main form[method=post] button[type=submit]").first
    button.click()  # empty: the server answers with errors
    page.wait_for_load_state()
    expect(button).to_be_enabled()
    page.locator("#id_name").fill("Ban Dân tộc")
    expect(page.locator("main form[method=post]").first).not_to_have_attribute("aria-busy", "true")


def test_a_button_marked_data_confirm_asks_and_a_no_sends_nothing(page, live_server) -> None:
    """In the officer's report form "Save" asks nothing and "Submit to the head" asks its own
    question: answering no sends nothing and leaves the draft as it was, yes submits it."""
    from bmnn.org.models import Person
    from bmnn.reports import services
    from bmnn.reports.models import Submission

    load_demo()
    officer = Person.objects.get(username="baomat")
    justice = Agency.objects.get(code="demo-stp")
    today = timezone.localdate()
    period = services.create_period(
        actor=Person.objects.get(username="giamsat"),
        kind="ad_hoc",
        year=today.year,
        title="Rà soát thiết bị lưu trữ",
        window_start=today - timedelta(days=30),
        window_end=today,
        due_on=today + timedelta(days=7),
        agencies=[justice],
    )
    draft = services.start_submission(actor=officer, period=period, agency=justice)
    log_in(page, live_server.url, "baomat")
    page.goto(live_server.url + reverse("reports:submission", args=[period.pk, justice.pk]))

    asked, answers, posts = [], [False, True], []
    page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

    def answer(dialog) -> None:
        asked.append(dialog.message)
        dialog.accept() if answers.pop(0) else dialog.dismiss()

    page.on("dialog", answer)
    page.locator("#id_situation").fill("Đã rà soát 12 thiết bị lưu trữ")
    page.get_by_role("button", name="Lưu", exact=True).click()  # no question on this button
    page.wait_for_load_state()
    assert asked == [] and len(posts) == 1

    submit = page.get_by_role("button", name="Trình thủ trưởng ký")
    submit.click()
    page.wait_for_timeout(300)
    assert len(asked) == 1 and asked[0].startswith("Trình báo cáo này để thủ trưởng ký?")
    assert len(posts) == 1  # "no": nothing sent
    expect(submit).to_be_enabled()  # and nothing is held busy
    draft.refresh_from_db()
    assert draft.state == Submission.State.DRAFT

    submit.click()
    expect(page.get_by_role("button", name="Trình thủ trưởng ký")).to_have_count(0)
    assert len(asked) == 2 and len(posts) == 2
    draft.refresh_from_db()
    assert draft.state == Submission.State.SUBMITTED
