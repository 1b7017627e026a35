"""Helpers for tests and benchmarks (imported by them only, never by the application)."""

from __future__ import annotations

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
