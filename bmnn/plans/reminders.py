"""Reminders before a task's due date and notices when it is overdue (issue 3).

One function behind both the daily background task and `bmnn plan reminders` (STYLE.md §17).
Every notice carries a key (assignment, due date, kind), so running it twice the same day, or
from two workers, tells nobody twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit
from bmnn.core.notify import notify
from bmnn.core.services import service
from bmnn.org.queries import people_by_agency
from bmnn.plans import rules
from bmnn.plans.models import Assignment, PlanStatus, ProgressUpdate, Review, Status


@service
def send_reminders(*, today: date | None = None) -> dict[str, int]:
    """Notifies heads and security officers of work due soon or overdue; returns counts."""
    today = today or timezone.localdate()
    days_before = sorted(set(settings.BMNN_REMINDER_DAYS), reverse=True)
    open_work = list(
        Assignment.objects.filter(task__plan__status=PlanStatus.ISSUED)
        .exclude(status=Status.DONE, review__in=[Review.PENDING, Review.ACCEPTED])
        .select_related("task")
        .only(
            "id",
            "agency_id",
            "status",
            "review",
            "task__ref",
            "task__timing_kind",
            "task__due_date",
            "task__period",
        )
    )
    checked_in = set(
        ProgressUpdate.objects.filter(
            assignment__in=[a for a in open_work if a.task.timing_kind == "continuous"]
        ).values_list("assignment_id", "period")
    )
    recipients = people_by_agency({a.agency_id for a in open_work})
    counts = {"due_soon": 0, "overdue": 0}
    for assignment in open_work:
        task = assignment.task
        due = rules.next_due(
            timing_kind=task.timing_kind, due=task.due_date, period=task.period, today=today
        )
        if due is None:
            continue
        period = rules.period_of(today, task.period or "quarter")
        if task.timing_kind == "continuous" and (assignment.pk, period) in checked_in:
            continue
        url = reverse("plans:assignment", args=[assignment.pk])
        left = (due - today).days
        if left < 0:
            # once when it falls due, then once a week while it stays overdue
            count, prefix, mark = "overdue", "overdue", (today - due).days // 7
            title = _("Task %(ref)s is overdue (due %(due)s)")
        else:
            window = next((d for d in reversed(days_before) if left <= d), None)
            if window is None:
                continue
            count, prefix, mark = "due_soon", "due", window
            title = _("Task %(ref)s is due on %(due)s")
        sent = notify(
            recipients[assignment.agency_id],
            title=title % {"ref": task.ref, "due": due.strftime("%d/%m/%Y")},
            url=url,
            key=f"{prefix}:{assignment.pk}:{due.isoformat()}:{mark}",
        )
        counts[count] += bool(sent)
    if any(counts.values()):
        audit.record(
            actor=None, action="plan.reminders", changes={**counts, "day": today.isoformat()}
        )
    return counts
