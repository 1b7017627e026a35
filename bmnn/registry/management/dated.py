"""The registry's daily commands: each may pretend today is another day (`--date`)."""

from __future__ import annotations

from datetime import date as Date
from typing import Any

from django.core.management.base import BaseCommand, CommandError


class DatedCommand(BaseCommand):
    """A command run for a day: today, or the day given as `--date YYYY-MM-DD`."""

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="pretend today is this day (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            today = Date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError("--date: expected YYYY-MM-DD") from exc
        self.stdout.write(self.run_for(today))

    def run_for(self, today: Date | None) -> str:
        """Does the day's work (None: today) and says what was done."""
        raise NotImplementedError
