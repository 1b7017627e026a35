"""The reporting rules as plain functions (no Django): when reports are due — the statutory
calendar as dated data, and the dates a new period takes from it (a supervisor may change any
date of a period; the rules change with the law) — and who reports by default.

Decree 26/2020 Art. 8 (SOURCES.md §6.1): the annual report covers 15/12 of the previous year to
14/12 of the report year and reaches the Ministry of Public Security by 20/12. Decree 63/2026
amended the reporting article but its new dates were not retrieved (SOURCES.md Q2), so the 2020
calendar stays the default until a row for the new rule is added here. Provinces set their own,
earlier deadline for agencies so they can aggregate: `lead_days` before the statutory one
(the setting BMNN_REPORT_LEAD_DAYS, read by `bmnn.reports.calendar`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True)
class AnnualRule:
    from_year: int
    window_start: tuple[int, int]  # (month, day) in the previous year
    window_end: tuple[int, int]  # (month, day) in the report year
    due: tuple[int, int]  # (month, day) in the report year, to the ministry
    basis: str


ANNUAL_RULES = (
    AnnualRule(2021, (12, 15), (12, 14), (12, 20), "Điều 8 Nghị định số 26/2020/NĐ-CP"),
)


@dataclass(frozen=True)
class PeriodDefaults:
    title: str
    window_start: date
    window_end: date
    due_on: date
    statutory_due_on: date | None
    basis: str


def annual_rule(year: int) -> AnnualRule:
    """The annual calendar in force for the report of `year` (the first one for earlier years)."""
    rules = [rule for rule in ANNUAL_RULES if rule.from_year <= year] or [ANNUAL_RULES[0]]
    return max(rules, key=lambda rule: rule.from_year)


def period_defaults(kind: str, year: int, part: int = 1, *, lead_days: int) -> PeriodDefaults:
    """The dates a new period of `kind` for `year` starts with (Decree 26/2020 Art. 8 for the
    annual and five-year reports: the window 15/12–14/12, due to the ministry by 20/12; the
    agencies' deadline `lead_days` earlier). `part` is the half (1–2) or the quarter (1–4) for
    six-monthly and quarterly periods, which the province sets itself: the window is the half or
    the quarter, due `lead_days` after it ends. An unknown kind or part raises `ValueError`."""
    if kind in ("annual", "five_year"):
        rule = annual_rule(year)
        span = 5 if kind == "five_year" else 1
        start = date(year - span, *rule.window_start)
        end, due = date(year, *rule.window_end), date(year, *rule.due)
        title = (
            f"Báo cáo công tác bảo vệ bí mật nhà nước năm {year}"
            if kind == "annual"
            else f"Báo cáo tổng kết công tác bảo vệ bí mật nhà nước giai đoạn {year - 4}–{year}"
        )
        return PeriodDefaults(title, start, end, due - timedelta(days=lead_days), due, rule.basis)
    months = {"semiannual": 6, "quarterly": 3}.get(kind)
    if months is None:
        raise ValueError(f"no default dates for {kind}")
    count = 12 // months
    if not 1 <= part <= count:
        raise ValueError(f"{kind} has parts 1 to {count}")
    start = date(year, (part - 1) * months + 1, 1)
    next_start = date(year + 1, 1, 1) if part == count else date(year, part * months + 1, 1)
    end = next_start - timedelta(days=1)
    name = (
        f"6 tháng {'đầu' if part == 1 else 'cuối'} năm {year}"
        if kind == "semiannual"
        else f"quý {part} năm {year}"
    )
    return PeriodDefaults(
        f"Báo cáo công tác bảo vệ bí mật nhà nước {name}",
        start,
        end,
        end + timedelta(days=lead_days),
        None,
        "",
    )


# TT104 Art. 17: the provincial police gathers the agencies' reports and reports through its own
# line; a period that names no agencies asks every other one.
AGGREGATOR = "provincial_police"


def reports_by_default(agency_type: str) -> bool:
    """Whether an agency of this type is asked to report by a period that names no agencies:
    every type but the aggregator, the provincial police, which gathers the others' reports and
    reports through its own line (Circular 104/2021/TT-BCA Art. 17)."""
    return agency_type != AGGREGATOR


def period_date_problems(
    window_start: date | None, window_end: date | None, due_on: date | None
) -> list[str]:
    """The dates a reporting period cannot have, by field: a data window that ends before it
    starts (`window_end`), a deadline before the window starts (`due_on`). A window of one day
    and a deadline on its first day are allowed; a date not given is not judged. (No article:
    a report covers its window and cannot be due before it opens.)"""
    problems = []
    if window_start and window_end and window_end < window_start:
        problems.append("window_end")
    if window_start and due_on and due_on < window_start:
        problems.append("due_on")
    return problems


def found_later_than(found_at: datetime, now: datetime) -> bool:
    """Whether an incident's finding time is after the moment it is reported (a typo in the
    date, or a clock): an incident is reported once found (ND26 Art. 8.1.b [V]), never
    before."""
    return found_at > now
