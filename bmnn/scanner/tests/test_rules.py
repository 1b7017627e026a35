"""What a finding leads to, at its boundaries, without the database."""

from __future__ import annotations

from bmnn.scanner import rules
from bmnn.scanner.models import Finding


def test_only_a_finding_dismissed_as_not_a_leak_needs_a_reason() -> None:
    assert rules.needs_reason("dismissed")
    assert not rules.needs_reason("removed")
    assert not rules.needs_reason("open")


def test_the_decisions_are_the_statuses_a_finding_can_have() -> None:
    assert set(rules.DECISIONS) == set(Finding.Status.values)


def test_an_incident_from_a_finding_records_one_of_the_three_levels_or_none() -> None:
    """L18 Art. 8: Tuyệt mật, Tối mật, Mật; a marking read without a level records none."""
    assert rules.incident_level("tuyet_mat") == "tuyet_mat"
    assert rules.incident_level("toi_mat") == "toi_mat"
    assert rules.incident_level("mat") == "mat"
    assert rules.incident_level("") == ""
    assert rules.incident_level(None) == ""
    assert rules.incident_level("secret") == ""  # not a level of the law
