"""Helpers for tests and benchmarks (imported by them only, never by the application)."""

from __future__ import annotations

from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.org.models import Person


def login(client: Client, person: Person) -> Client:
    """Logs in and, for roles that need it, passes the second factor as a real login would."""
    client.force_login(person)
    device = TOTPDevice.objects.filter(user=person, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=person, name="test", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client
