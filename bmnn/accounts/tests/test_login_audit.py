"""Security review, issue 13, finding 9 (part): failed logins, lock-outs and wrong codes are
audit events. Nobody is logged in at a failed login, so the event has no actor; the name typed
is in its details and the account it names, if any, is its object."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bmnn.accounts.totp import current_code
from bmnn.core import audit
from bmnn.core.models import AuditEvent
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-Thu-2026"


def _login(client: Client, username: str, password: str) -> int:
    response = client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="10.0.0.7",
    )
    return response.status_code


def _events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_a_wrong_password_is_recorded_with_the_name_typed(head) -> None:
    person, _device = head
    _login(Client(), "thutruong", "sai-mat-khau")
    [event] = _events("account.login_failed")
    assert event.actor_id is None
    assert event.changes == {"username": "thutruong", "failures": 1}
    assert event.object_id == str(person.pk)
    assert event.client_address == "10.0.0.7"
    assert audit.verify_chain().ok


def test_a_name_that_is_no_account_is_recorded_too(db) -> None:
    _login(Client(), "khong-co-ai", "sai-mat-khau")
    [event] = _events("account.login_failed")
    assert event.changes["username"] == "khong-co-ai" and event.object_id == ""


def test_an_empty_form_is_not_an_attempt(db) -> None:
    Client().post(reverse("accounts:login"), {"username": "", "password": ""})
    assert not AuditEvent.objects.exists()


def test_the_lock_out_is_recorded_once_and_later_tries_as_refused(head, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "thutruong", "sai-mat-khau")
    assert _login(client, "thutruong", PASSWORD) == 429  # the right password, locked
    failed = _events("account.login_failed")
    assert [e.changes["failures"] for e in failed] == list(range(1, settings.AXES_FAILURE_LIMIT))
    [locked] = _events("account.locked_out")
    assert locked.changes == {"username": "thutruong", "failures": settings.AXES_FAILURE_LIMIT}
    [refused] = _events("account.login_refused_locked")
    assert refused.changes["username"] == "thutruong"
    assert audit.verify_chain().ok


def test_a_wrong_code_is_recorded_against_the_person(head) -> None:
    person, device = head
    client = Client()
    _login(client, "thutruong", PASSWORD)
    client.post(reverse("accounts:verify"), {"token": "000000"})
    client.post(reverse("accounts:verify"), {"token": current_code(device)})  # throttled now
    events = _events("account.second_factor_failed")
    assert [(e.actor_id, e.changes) for e in events] == [
        (person.pk, {"stage": "verify", "throttled": False}),
        (person.pk, {"stage": "verify", "throttled": True}),
    ]


def test_a_wrong_code_while_enrolling_is_recorded(make_agency, make_person) -> None:
    person = make_person(make_agency(), Role.SECURITY_OFFICER, username="baomat")
    client = Client()
    _login(client, "baomat", PASSWORD)
    client.get(reverse("accounts:enrol"))
    client.post(reverse("accounts:enrol"), {"token": "000000"})
    [event] = _events("account.second_factor_failed")
    assert event.actor_id == person.pk and event.changes["stage"] == "enrol"


def test_a_very_long_name_is_cut_to_the_longest_user_name(db) -> None:
    _login(Client(), "x" * 5000, "sai-mat-khau")
    [event] = _events("account.login_failed")
    assert event.changes["username"] == "x" * 150
