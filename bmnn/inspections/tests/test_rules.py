"""Remediation deadlines and training coverage at their boundaries."""

from __future__ import annotations

from datetime import date

from bmnn.inspections import rules


def test_a_finding_is_late_from_the_day_after_its_deadline() -> None:
    deadline = date(2026, 12, 31)
    assert not rules.is_overdue(deadline, date(2026, 12, 31), done=False)  # the deadline day itself
    assert rules.is_overdue(deadline, date(2027, 1, 1), done=False)
    assert rules.days_late(deadline, date(2027, 1, 1), done=False) == 1
    assert not rules.is_overdue(deadline, date(2027, 3, 1), done=True)  # verified: never late
    assert rules.days_late(deadline, date(2027, 3, 1), done=True) == 0
    assert not rules.is_overdue(None, date(2027, 3, 1), done=False)


def test_the_training_window_is_the_last_twelve_months_ending_today() -> None:
    assert rules.training_window(date(2026, 11, 24)) == (date(2025, 11, 25), date(2026, 11, 24))
    # a leap day: a year back has no 29 February, so the window opens on 1 March
    assert rules.training_window(date(2028, 2, 29)) == (date(2027, 3, 1), date(2028, 2, 29))
    # the end of a long month back to a short one
    assert rules.training_window(date(2026, 3, 31)) == (date(2025, 4, 1), date(2026, 3, 31))
    assert rules.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert rules.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert rules.add_months(date(2026, 3, 15), -15) == date(2024, 12, 15)


def test_coverage_is_the_share_of_staff_trained() -> None:
    assert rules.coverage({1, 2, 3, 4}, {2, 4, 9}) == 0.5  # someone from elsewhere does not count
    assert rules.coverage({1, 2}, set()) == 0
    assert rules.coverage({1, 2}, {1, 2}) == 1
    assert rules.coverage(set(), {1}) is None  # no staff: no share to speak of


def test_a_regulation_is_late_from_the_day_after_the_plans_deadline() -> None:
    """Seed plan 004 II.5: issued or updated in Q2 2026."""
    assert not rules.regulation_late("drafting", date(2026, 6, 30))
    assert rules.regulation_late("drafting", date(2026, 7, 1))
    assert rules.regulation_late("not_started", date(2026, 7, 1))
    assert not rules.regulation_late("issued", date(2027, 1, 1))


def test_a_designation_is_in_force_from_its_decision_to_its_end() -> None:
    periods = [(date(2026, 3, 16), date(2026, 9, 30))]
    assert not rules.designated(periods, date(2026, 3, 15))
    assert rules.designated(periods, date(2026, 3, 16))
    assert rules.designated(periods, date(2026, 9, 30))
    assert not rules.designated(periods, date(2026, 10, 1))
    assert rules.designated([*periods, (date(2026, 10, 1), None)], date(2030, 1, 1))
    assert not rules.designated([], date(2026, 5, 1))
