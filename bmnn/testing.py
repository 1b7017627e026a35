"""Helpers for tests and benchmarks (imported by them only, never by the application)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.org.models import Person


def _device(person: Person) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name="test", confirmed=True)
    return device


def login(client: Client, person: Person) -> Client:
    """Logs in and, for roles that need it, passes the second factor as a real login would."""
    client.force_login(person)
    session = client.session
    session["otp_device_id"] = _device(person).persistent_id
    session.save()
    return client


def api_token(person: Person, name: str = "test") -> str:
    """An API token for `person`, issued as the account page issues it to a session that passed
    the second factor; returns the key to send as `Authorization: Token <key>`."""
    from bmnn.accounts.services import issue_api_token

    return issue_api_token(actor=person, name=name, otp_device=_device(person)).key


# pytest-django builds the test database for any test whose fixtures include this one (`db`,
# `transactional_db`, `live_server` and every fixture built on them) or that is marked django_db.
_DATABASE_FIXTURE = "django_db_setup"


def reaches_database(item: pytest.Item) -> bool:
    """Whether a test may use the database. A test for which this is False cannot: pytest-django
    blocks every query outside a test given database access and fails the test that tries."""
    fixtures = getattr(item, "fixturenames", ())
    return _DATABASE_FIXTURE in fixtures or item.get_closest_marker("django_db") is not None
