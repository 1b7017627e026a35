"""The reporting rules at their boundaries, without the database: the statutory calendar of
Decree 26/2020 Art. 8, the province's own periods, and who reports by default (TT104 Art. 17)."""

from __future__ import annotations

from datetime import date

import pytest

from bmnn.reports import rules


def test_the_annual_window_runs_from_15_december_to_14_december_due_on_20_december() -> None:
    """Decree 26/2020 Art. 8: the window starts the day after the previous one ends; the agencies'
    deadline is the lead before the statutory one, and a lead of zero is the statutory day."""
    annual = rules.period_defaults("annual", 2026, lead_days=5)
    assert (annual.window_start, annual.window_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert annual.statutory_due_on == date(2026, 12, 20)
    assert annual.due_on == date(2026, 12, 15)
    assert annual.basis == "Điều 8 Nghị định số 26/2020/NĐ-CP"
    assert rules.period_defaults("annual", 2026, lead_days=0).due_on == date(2026, 12, 20)
    following = rules.period_defaults("annual", 2027, lead_days=5)
    assert following.window_start == date(2026, 12, 15)  # the day after this window ends


def test_a_five_year_report_covers_five_annual_windows() -> None:
    five = rules.period_defaults("five_year", 2026, lead_days=5)
    assert (five.window_start, five.window_end) == (date(2021, 12, 15), date(2026, 12, 14))
    assert five.statutory_due_on == date(2026, 12, 20)
    assert "2022–2026" in five.title


def test_the_calendar_in_force_is_the_latest_that_started_by_the_report_year() -> None:
    assert rules.annual_rule(2021).from_year == 2021  # its first year
    assert rules.annual_rule(2030).from_year == 2021  # no later row yet: it stays in force
    assert rules.annual_rule(2020).from_year == 2021  # before the first row: the first one


def test_the_province_s_own_periods_are_its_halves_and_quarters() -> None:
    """Six-monthly and quarterly periods are the province's own: the window is the half or the
    quarter (its last day included), due the lead after it ends, with no statutory date."""
    first = rules.period_defaults("semiannual", 2026, 1, lead_days=5)
    assert (first.window_start, first.window_end, first.due_on) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        date(2026, 7, 5),
    )
    assert first.statutory_due_on is None and first.basis == ""
    second = rules.period_defaults("semiannual", 2026, 2, lead_days=5)
    assert (second.window_start, second.window_end) == (date(2026, 7, 1), date(2026, 12, 31))
    assert second.due_on == date(2027, 1, 5)  # into the next year
    q1 = rules.period_defaults("quarterly", 2028, 1, lead_days=0)
    assert (q1.window_start, q1.window_end, q1.due_on) == (
        date(2028, 1, 1),
        date(2028, 3, 31),
        date(2028, 3, 31),
    )
    q4 = rules.period_defaults("quarterly", 2026, 4, lead_days=5)
    assert (q4.window_start, q4.window_end) == (date(2026, 10, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("kind", "part"), [("semiannual", 0), ("semiannual", 3), ("quarterly", 0), ("quarterly", 5)]
)
def test_a_part_outside_the_year_is_refused(kind: str, part: int) -> None:
    with pytest.raises(ValueError, match="has parts 1 to"):
        rules.period_defaults(kind, 2026, part, lead_days=5)


def test_an_ad_hoc_request_has_no_default_dates() -> None:
    with pytest.raises(ValueError, match="no default dates"):
        rules.period_defaults("ad_hoc", 2026, lead_days=5)


def test_every_agency_but_the_provincial_police_reports_by_default() -> None:
    """TT104 Art. 17: the provincial police gathers the others' reports."""
    assert not rules.reports_by_default("provincial_police")
    for agency_type in ("department", "peoples_committee", "commune", "central"):
        assert rules.reports_by_default(agency_type)


def test_a_period_s_window_and_deadline_are_judged_at_their_boundaries() -> None:
    start = date(2026, 1, 1)
    assert rules.period_date_problems(start, date(2026, 1, 1), date(2026, 1, 1)) == []  # one day
    assert rules.period_date_problems(start, date(2025, 12, 31), date(2026, 1, 10)) == [
        "window_end"
    ]
    assert rules.period_date_problems(start, date(2026, 6, 30), date(2025, 12, 31)) == ["due_on"]
    assert rules.period_date_problems(start, date(2025, 12, 31), date(2025, 12, 31)) == [
        "window_end",
        "due_on",
    ]
    assert rules.period_date_problems(None, date(2025, 1, 1), date(2025, 1, 1)) == []
    assert rules.period_date_problems(start, None, date(2025, 12, 31)) == ["due_on"]


def test_an_incident_is_not_found_later_than_it_is_reported() -> None:
    from datetime import datetime, timedelta

    now = datetime(2026, 12, 4, 9, 30)
    assert rules.found_later_than(now + timedelta(minutes=1), now)
    assert not rules.found_later_than(now, now)
    assert not rules.found_later_than(now - timedelta(days=3), now)
