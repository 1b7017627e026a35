"""Reminders before and after a report's deadline to the agencies that have not sent it: seven
days before, the day before, on the day, then weekly while it is late. Run daily by the
scheduler; a reminder is stored once per agency and occasion however often the job runs."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.notify import notify
from bmnn.org.queries import people_by_agency
from bmnn.reports.models import ReportingPeriod, Submission

BEFORE = (7, 1, 0)
SENT = (Submission.State.SIGNED, Submission.State.ACCEPTED)


def occasion(due: date, today: date) -> str | None:
    """Which reminder `today` is for a deadline `due`, or None."""
    days = (due - today).days
    if days in BEFORE:
        return f"d-{days}"
    if days < 0 and -days % 7 == 1:
        return f"late-{-days}"
    return None


def send_reminders(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    from bmnn.reports.services import expected_agencies

    told = periods = 0
    for period in ReportingPeriod.objects.filter(
        status=ReportingPeriod.Status.OPEN, due_on__gte=today - timedelta(days=120)
    ):
        when = occasion(period.due_on, today)
        if when is None:
            continue
        periods += 1
        done = set(
            Submission.objects.filter(period=period, state__in=SENT).values_list(
                "agency_id", flat=True
            )
        )
        waiting = set(expected_agencies(period).values_list("pk", flat=True)) - done
        people = people_by_agency(waiting)
        late = when.startswith("late")
        for agency_id, persons in people.items():
            title = (
                _("Report overdue since %(due)s: %(title)s")
                if late
                else _("Report due %(due)s: %(title)s")
            ) % {"due": period.due_on.strftime("%d/%m/%Y"), "title": period.title}
            told += notify(
                persons,
                title=title,
                url=reverse("reports:submission", args=[period.pk, agency_id]),
                key=f"report-remind-{period.pk}-{agency_id}-{when}",
            )
    return {"periods": periods, "notified": told}
