"""`bmnn registry recalls [--date YYYY-MM-DD]`: tell both sides of every overdue recall return."""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.registry.services.recall import recall_alerts


class Command(BaseCommand):
    help = "Notifies the sender and the holder of every recalled document not returned by its date."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="pretend today is this day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = Date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError("--date: expected YYYY-MM-DD") from exc
        self.stdout.write(f"told: {recall_alerts(today)}")
