"""`bmnn registry expiry [--date YYYY-MM-DD]`: declassify expired items, warn of coming ends."""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.registry.expiry import run_expiry


class Command(BaseCommand):
    help = (
        "Declassifies items whose protection ended and notifies those ending within 90/30/7 days."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="pretend today is this day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = Date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError("--date: expected YYYY-MM-DD") from exc
        counts = run_expiry(today)
        self.stdout.write(f"declassified: {counts['declassified']}, warned: {counts['warned']}")
