"""`bmnn plan reminders [--date YYYY-MM-DD]`: the daily reminder run, by hand or from cron."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.plans.reminders import send_reminders


class Command(BaseCommand):
    help = "Notifies agencies of plan tasks due soon or overdue (safe to run more than once)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="pretend today is this day (YYYY-MM-DD)")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            today = _parse(date) if date else None
        except ValueError as exc:
            raise CommandError(f"--date {date}: expected YYYY-MM-DD") from exc
        counts = send_reminders(today=today)
        self.stdout.write(
            f"reminders sent: {counts['due_soon']} due soon, {counts['overdue']} overdue"
        )


def _parse(value: str) -> date:
    return date.fromisoformat(value)
