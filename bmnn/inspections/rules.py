"""Deadlines and coverage, as plain functions (no Django), tested at their boundaries."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from datetime import date, timedelta

TRAINING_WINDOW_MONTHS = 12


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the last day of the month when it has none."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_overdue(deadline: date | None, today: date, *, done: bool) -> bool:
    """A remediation is late from the day after its deadline until it is verified."""
    return deadline is not None and not done and today > deadline


def days_late(deadline: date | None, today: date, *, done: bool) -> int:
    return (
        (today - deadline).days
        if deadline is not None and is_overdue(deadline, today, done=done)
        else 0
    )


def training_window(today: date, months: int = TRAINING_WINDOW_MONTHS) -> tuple[date, date]:
    """The last `months` months ending today, both ends included: on 24/11/2026 that is
    25/11/2025–24/11/2026 (a session exactly a year ago is outside)."""
    return add_months(today, -months) + timedelta(days=1), today


def coverage(staff: Iterable[int], trained: Iterable[int]) -> float | None:
    """Share of an agency's staff who attended training in the window; None without staff."""
    people = set(staff)
    if not people:
        return None
    return len(people & set(trained)) / len(people)


# Seed plan 004 (UBND tỉnh, 2026) II.5: each agency issues or updates its regulation in Q2 2026.
REGULATION_DEADLINE = date(2026, 6, 30)


def regulation_late(status: str, today: date, deadline: date = REGULATION_DEADLINE) -> bool:
    """An agency without an issued regulation is late from the day after the plan's deadline."""
    return status != "issued" and today > deadline


def designated(periods: Iterable[tuple[date, date | None]], today: date) -> bool:
    """Whether any designation (decided on, ended on) is in force today."""
    return any(start <= today and (end is None or end >= today) for start, end in periods)
