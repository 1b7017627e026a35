"""Fixtures of the accounts tests."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.org.models import Role


@pytest.fixture
def head(make_agency, make_person):
    """The justice department's head, "thutruong", and their confirmed TOTP device."""
    person = make_person(make_agency("Sở Tư pháp"), Role.HEAD, username="thutruong")
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    return person, device
