"""`bmnn demo`: load the demo province (idempotent) and print the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.org.demo import DEMO_PASSWORD, LOGINS, load_demo


class Command(BaseCommand):
    help = "Loads the fictional demo province (running it twice changes nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--codes", action="store_true", help="only print current TOTP codes")

    def handle(self, *args: Any, codes: bool, **options: Any) -> None:
        if settings.BMNN_ENV == "production":
            raise CommandError("the demo province is never loaded in production")
        if not codes:
            result = load_demo()
            if result.total:
                parts = ", ".join(f"{n} {kind}" for kind, n in sorted(result.created.items()))
                self.stdout.write(f"demo province loaded: {parts}")
            else:
                self.stdout.write("demo province already loaded: nothing changed")
        self.print_logins()

    def print_logins(self) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        self.stdout.write(f"  {'user':<10} {'role':<28} {'TOTP code now':<14} TOTP key (base32)")
        for username, _agency, role, *_rest in LOGINS:
            device = TOTPDevice.objects.filter(user__username=username, name="demo").first()
            code, key = "-", "-"
            if device is not None:
                code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
                key = _base32(device.bin_key)
            self.stdout.write(f"  {username:<10} {str(role.label):<28} {code:<14} {key}")
        self.stdout.write(
            "Codes change every 30 s: add the key to an authenticator app, or run "
            "`./dev bmnn demo --codes` for fresh ones."
        )


def _base32(raw: bytes) -> str:
    import base64

    return base64.b32encode(raw).decode("ascii").rstrip("=")
