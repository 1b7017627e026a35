"""Small helpers around TOTP devices shared by enrolment, the demo command and tests."""

from __future__ import annotations

import base64

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def current_code(device: TOTPDevice) -> str:
    """The code the device's authenticator app shows right now."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return str(code).zfill(device.digits)


def base32_key(raw: bytes, *, grouped: bool = True) -> str:
    """The key as authenticator apps take it when typed by hand."""
    encoded = base64.b32encode(raw).decode("ascii").rstrip("=")
    if not grouped:
        return encoded
    return " ".join(encoded[i : i + 4] for i in range(0, len(encoded), 4))
