"""`bmnn worker`: runs queued background tasks (django-tasks-db) and enqueues scheduled ones."""

from __future__ import annotations

import threading
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from bmnn.core import schedule


class Command(BaseCommand):
    help = "Runs background tasks; start several, on several machines, against one PostgreSQL."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument(
            "--no-schedule", action="store_true", help="do not enqueue scheduled jobs"
        )

    def handle(self, *args: Any, batch: bool, no_schedule: bool, **options: Any) -> None:
        stop = threading.Event()
        if not no_schedule:
            if batch:
                schedule.enqueue_due()
            else:
                threading.Thread(target=schedule.run_forever, args=(stop,), daemon=True).start()
        try:
            call_command("db_worker", batch=batch)
        finally:
            stop.set()
