"""The "4 rõ" check and the calendar of continuous tasks. No Django imports.

"4 rõ" (rõ người, rõ việc, rõ trách nhiệm, rõ thời gian hoàn thành) is the principle seed plan
004 sets for its tasks (part I.1): each task must have a clear person, task, responsibility and
deadline. Continuous tasks ("thường xuyên") have no deadline of their own; they are checked in
once per period (quarterly unless the plan says otherwise).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

NO_LEAD = "no_lead"
GROUP_LEAD = "group_lead"
UNRESOLVED_LEAD = "unresolved_lead"
NO_PERSON = "no_person"
NO_DEADLINE = "no_deadline"
VAGUE_DEADLINE = "vague_deadline"
NO_CONTENT = "no_content"


@dataclass(frozen=True)
class PartyFacts:
    is_agency: bool
    is_group: bool


def four_clear_issues(
    *,
    content: str,
    leads: Sequence[PartyFacts],
    has_person: bool,
    timing_kind: str,
    has_due: bool,
) -> list[str]:
    """What keeps a task from being "4 rõ", most serious first."""
    issues = []
    if not content.strip():
        issues.append(NO_CONTENT)
    resolved = [p for p in leads if p.is_agency or p.is_group]
    if not leads:
        issues.append(NO_LEAD)
    elif len(resolved) < len(leads):
        issues.append(UNRESOLVED_LEAD)
    if (resolved and all(p.is_group for p in resolved)) or len(resolved) > 1:
        # many agencies share the lead: nobody in particular answers for the task
        issues.append(GROUP_LEAD)
    if not has_person:
        issues.append(NO_PERSON)
    if timing_kind == "unspecified" or (
        timing_kind in {"date", "month", "quarter", "year"} and not has_due
    ):
        issues.append(NO_DEADLINE)
    elif timing_kind == "on_request":
        issues.append(VAGUE_DEADLINE)
    return issues


def period_of(day: date, period: str) -> str:
    """'2026-Q2', '2026-05' or '2026' for the check-in period containing `day`."""
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    if period == "year":
        return str(day.year)
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def period_end(day: date, period: str) -> date:
    """Last day of the check-in period containing `day`."""
    if period == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    if period == "year":
        return date(day.year, 12, 31)
    last_month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])


def next_due(*, timing_kind: str, due: date | None, period: str, today: date) -> date | None:
    """The date the next report on a task is due: its deadline, or the end of the current
    period for continuous work, or None when it waits for an instruction."""
    if timing_kind == "continuous":
        return period_end(today, period or "quarter")
    return due
