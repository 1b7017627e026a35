"""Reporting periods and incidents as the reports tests make them."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils import timezone

from bmnn.org.models import Agency, Person
from bmnn.reports import services
from bmnn.reports.models import Incident, ReportingPeriod


def ad_hoc_period(actor: Person, title: str, **changes: Any) -> ReportingPeriod:
    """A request for reports on 2026 up to 30 November, due on 5 December."""
    values = {
        "window_start": date(2026, 1, 1),
        "window_end": date(2026, 11, 30),
        "due_on": date(2026, 12, 5),
    }
    return services.create_period(
        actor=actor, kind="ad_hoc", year=2026, title=title, **(values | changes)
    )


def incident(actor: Person, agency: Agency, **fields: Any) -> Incident:
    """An incident `actor` reports for `agency`: "x", by another channel, found just now, but
    for what `fields` say."""
    values: dict[str, Any] = {"what": "x", "channel": "other", "found_at": timezone.now()}
    return services.report_incident(actor=actor, agency=agency, **(values | fields))
