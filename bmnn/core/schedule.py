"""Every piece of scheduled work, declared in one place (STYLE.md §9).

`bmnn worker` checks this list every minute and enqueues what is due; a unique row per job and
day means that several workers on several machines enqueue each job once.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, time

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from bmnn.core.models import ScheduleRun

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Scheduled:
    name: str
    at: time  # local time of day
    task: str  # dotted path of a Django Task


SCHEDULE = [
    Scheduled("plan-reminders", time(7, 0), "bmnn.plans.tasks.send_plan_reminders"),
    Scheduled("registry-expiry", time(6, 30), "bmnn.registry.tasks.registry_expiry"),
    Scheduled("registry-recalls", time(6, 40), "bmnn.registry.tasks.registry_recalls"),
    Scheduled("portal-scans", time(1, 0), "bmnn.scanner.tasks.scan_due_portals"),
    Scheduled("report-reminders", time(7, 15), "bmnn.reports.tasks.send_report_reminders"),
    # late in the day, so that the day's events are signed the same day
    Scheduled("audit-checkpoint", time(23, 30), "bmnn.core.tasks.audit_checkpoint"),
    Scheduled("backup", time(2, 0), "bmnn.core.tasks.daily_backup"),
]


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueues every job whose time has come today and that nobody enqueued yet."""
    now = timezone.localtime(now or timezone.now())
    started = []
    for job in SCHEDULE:
        if now.time() < job.at:
            continue
        # the day's row and the queued task commit together: a crash between them can neither
        # lose the day's run nor queue it twice
        try:
            with transaction.atomic():
                ScheduleRun.objects.create(name=job.name, day=now.date())
                import_string(job.task).enqueue()
        except IntegrityError:
            continue
        started.append(job.name)
    return started


def run_forever(stop: threading.Event, every: float = 60.0) -> None:
    while not stop.is_set():
        try:
            enqueue_due()
        except Exception:  # a broken database must not kill the worker; log and retry
            log.exception("scheduler: could not enqueue scheduled jobs")
        finally:
            close_old_connections()
        stop.wait(every)
