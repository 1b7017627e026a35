"""Background work of the plans app (Django Tasks), declared in bmnn.core.schedule."""

from __future__ import annotations

from django_tasks import task

from bmnn.plans.reminders import send_reminders


@task()
def send_plan_reminders() -> dict[str, int]:
    return send_reminders()
