"""`bmnn demo`: load the demo province and its plans (idempotent) and print the demo logins.

It lives in the web app, which knows every domain app; each app has its own demo loader."""

from __future__ import annotations

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


class Command(BaseCommand):
    help = "Loads the fictional demo province (running it twice changes nothing)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--codes", action="store_true", help="only print current TOTP codes")

    def handle(self, *args: Any, codes: bool, **options: Any) -> None:
        if settings.BMNN_ENV == "production":
            raise CommandError("the demo province is never loaded in production")
        if not codes:
            result = load_demo()
            plans_added = load_demo_plans()
            if plans_added:
                result.created["plan items"] = plans_added
            registry_added = load_demo_registry()
            if registry_added:
                result.created["register items"] = registry_added
            if load_demo_inspections():
                result.created["inspections"] = 1
            if load_demo_devices():
                result.created["devices"] = 3
            if load_demo_incidents():
                result.created["incidents"] = 1
            reports_added = load_demo_reporting()
            if reports_added:
                result.created["agency reports"] = reports_added
            scanner_added = load_demo_scanner()
            if scanner_added:
                result.created["scanner records"] = scanner_added
            nodes_added = load_demo_nodes()
            if nodes_added:
                result.created["node bundles"] = nodes_added
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
