"""Security review, issue 13, finding 8: the idle timeout fires on an open page.

bmnn.js polls /notifications/poll/ every 750 ms while a page is open; a poll used to renew the
session, so a page left open never timed out. Only what a person does renews it now.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bmnn.org.models import Role

pytestmark = pytest.mark.django_db
POLL = reverse("core:notification_poll")
START = timezone.now()


@contextmanager
def at(minutes: float) -> Iterator[datetime]:
    """The server's clock `minutes` after the start of the test."""
    moment = START + timedelta(minutes=minutes)
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


@pytest.fixture
def head_page(make_agency, make_person, client_for, settings) -> Client:
    """A head (second factor passed) who opened the dashboard at minute 0; idle limit 30 min."""
    settings.SESSION_COOKIE_AGE = 30 * 60
    client = client_for(make_person(make_agency(), Role.HEAD))
    with at(0):
        assert client.get(reverse("web:dashboard")).status_code == 200
    return client


def _poll(client: Client, minutes: float) -> int:
    with at(minutes):
        return client.get(POLL, HTTP_ACCEPT="application/json").status_code


def _page(client: Client, minutes: float) -> int:
    with at(minutes):
        return client.get(reverse("web:dashboard")).status_code


def _poll_cookies(client: Client, minutes: float) -> dict[str, object]:
    with at(minutes):
        return dict(client.get(POLL).cookies)


def test_a_page_left_open_is_logged_out_although_it_polls(head_page) -> None:
    for minute in range(1, 30, 3):  # standing in for a poll every 750 ms
        assert _poll(head_page, minute) == 200
    assert _poll(head_page, 31) == 401
    with at(31):
        response = head_page.get(reverse("web:dashboard"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_the_poll_tells_the_page_where_to_go_when_the_session_ended(head_page) -> None:
    with at(31):
        response = head_page.get(POLL, HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["login"] == reverse("accounts:login")


def test_a_page_the_person_opens_extends_the_session(head_page) -> None:
    assert _poll(head_page, 10) == 200
    assert _page(head_page, 20) == 200
    assert _poll(head_page, 45) == 200  # 25 minutes after the page, 45 after the start
    assert _page(head_page, 49) == 200
    assert _poll(head_page, 80) == 401


def test_a_request_the_page_marks_as_background_does_not_count(head_page) -> None:
    with at(20):
        background = head_page.get(reverse("web:dashboard"), HTTP_X_BMNN_BACKGROUND="1")
    assert background.status_code == 200
    assert _page(head_page, 31) == 302


def test_a_poll_does_not_save_the_session(head_page) -> None:
    from django.contrib.sessions.models import Session

    key = head_page.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).expire_date
    _poll(head_page, 10)
    assert Session.objects.get(session_key=key).expire_date == before
    assert "sessionid" not in _poll_cookies(head_page, 12)


def test_the_activity_time_is_checked_even_if_something_saves_the_session(
    head_page, settings
) -> None:
    """Belt and braces: were polls to save the session (as SESSION_SAVE_EVERY_REQUEST did), the
    activity time kept in it still ends it."""
    settings.SESSION_SAVE_EVERY_REQUEST = True
    for minute in (10, 20, 29):
        assert _poll(head_page, minute) == 200
    assert _poll(head_page, 31) == 401
    assert _page(head_page, 32) == 302
