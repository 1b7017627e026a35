"""The directory's rules at their boundaries, without the database."""

from __future__ import annotations

from datetime import date

from bmnn.org import rules


def test_a_decision_may_be_dated_today_but_not_tomorrow() -> None:
    today = date(2026, 12, 6)
    assert not rules.dated_in_future(date(2026, 12, 6), today)
    assert not rules.dated_in_future(date(2020, 1, 1), today)
    assert rules.dated_in_future(date(2026, 12, 7), today)
    assert rules.dated_in_future(date(2027, 1, 1), date(2026, 12, 31))  # across a year


def test_a_person_named_on_an_agency_s_record_is_one_of_its_people() -> None:
    assert rules.belongs_to(3, {3})
    assert rules.belongs_to(3, {1, 3, 7})  # one of several agencies
    assert not rules.belongs_to(3, {1, 7})
    assert not rules.belongs_to(3, set())  # no active membership at all
