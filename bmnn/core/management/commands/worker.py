"""`bmnn worker`: runs queued background tasks (bmnn.core.worker) and enqueues scheduled ones."""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.core.management.base import BaseCommand

from bmnn.core import schedule
from bmnn.core.worker import Worker


class Command(BaseCommand):
    help = "Runs background tasks; start several, on several machines, against one PostgreSQL."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch", action="store_true", help="exit when the queue is empty")
        parser.add_argument(
            "--no-schedule", action="store_true", help="do not enqueue scheduled jobs"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds between looks at an empty queue"
        )

    def handle(
        self, *args: Any, batch: bool, no_schedule: bool, interval: float, **options: Any
    ) -> None:
        worker = Worker(batch=batch, interval=interval)
        if not no_schedule:
            if batch:
                schedule.enqueue_due()
            else:
                threading.Thread(
                    target=schedule.run_forever, args=(worker.stopping,), daemon=True
                ).start()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, worker.stop)
        worker.run()
