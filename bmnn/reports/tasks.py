"""Background work of the reports app (Django Tasks), declared in bmnn.core.schedule."""

from __future__ import annotations

from django_tasks import task

from bmnn.reports.reminders import send_reminders


@task()
def send_report_reminders() -> dict[str, int]:
    return send_reminders()
