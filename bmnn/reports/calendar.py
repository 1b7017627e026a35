"""When reports are due here: the statutory calendar of `bmnn.reports.rules` with the province's
own lead, BMNN_REPORT_LEAD_DAYS (five days by default), between the agencies' deadline and the
statutory one."""

from __future__ import annotations

from django.conf import settings

from bmnn.reports.rules import PeriodDefaults, period_defaults


def defaults(kind: str, year: int, part: int = 1) -> PeriodDefaults:
    """The dates a new period of `kind` for `year` starts with (`rules.period_defaults`)."""
    return period_defaults(kind, year, part, lead_days=int(settings.BMNN_REPORT_LEAD_DAYS))
