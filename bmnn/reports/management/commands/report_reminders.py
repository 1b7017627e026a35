"""`bmnn report reminders [--date D]`: the daily reminders of report deadlines, by hand."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.text import parse_day
from bmnn.reports.reminders import send_reminders


class Command(BaseCommand):
    help = "Reminds agencies that have not sent a report of its deadline (run daily by the worker)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--date", help="as if today were this day (dd/mm/yyyy)")

    def handle(self, *args: Any, date: str | None, **options: Any) -> None:
        try:
            day = parse_day(date) if date else None
        except ValidationError as exc:
            raise CommandError(f"--date {date}: use dd/mm/yyyy") from exc
        result = send_reminders(day)
        self.stdout.write(f"{result['notified']} reminders for {result['periods']} periods")
