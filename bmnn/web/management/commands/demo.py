"""`bmnn demo`: load the demo province and its plans (idempotent) and print the demo logins.

It lives in the web app, which knows every domain app; each app has its own demo loader."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts.totp import base32_key, current_code
from bmnn.devices.demo import load_demo_devices
from bmnn.inspections.demo import load_demo_inspections
from bmnn.org.demo import DEMO_PASSWORD, LOGINS, load_demo
from bmnn.plans.demo import load_demo_plans
from bmnn.registry.demo import load_demo_registry
from bmnn.reports.demo import load_demo_incidents, load_demo_reporting
from bmnn.scanner.demo import load_demo_scanner
from bmnn.sync.demo import load_demo_nodes

# (what is counted, the app's loader, the count printed instead of the loader's own number where
# there is one), in the order they load: each app after the ones it builds on
LOADERS: list[tuple[str, Callable[[], int], int | None]] = [
    ("plan items", load_demo_plans, None),
    ("register items", load_demo_registry, None),
    ("inspections", load_demo_inspections, 1),
    ("devices", load_demo_devices, 3),
    ("incidents", load_demo_incidents, 1),
    ("agency reports", load_demo_reporting, None),
    ("scanner records", load_demo_scanner, None),
    ("node bundles", load_demo_nodes, None),
]


class Command(BaseCommand):
    help = "Loads the fictional demo province (running it twice changes nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--codes", action="store_true", help="only print current TOTP codes")

    def handle(self, *args: Any, codes: bool, **options: Any) -> None:
        if settings.BMNN_ENV == "production":
            raise CommandError("the demo province is never loaded in production")
        if not codes:
            result = load_demo()
            for kind, loader, fixed in LOADERS:
                added = loader()
                if added:
                    result.created[kind] = fixed or added
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
                code = current_code(device)
                key = base32_key(device.bin_key, grouped=False)
            self.stdout.write(f"  {username:<10} {role.label!s:<28} {code:<14} {key}")
        self.stdout.write(
            "Codes change every 30 s: add the key to an authenticator app, or run "
            "`./dev bmnn demo --codes` for fresh ones."
        )
