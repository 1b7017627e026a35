"""The one helper for a service's update: fields set (text stripped), read before and after,
and only what changed recorded as [old, new]."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from bmnn.core import audit
from bmnn.core.services import assign


def test_only_the_changed_fields_are_recorded_by_name_or_in_the_given_order() -> None:
    row = SimpleNamespace(name="Sở Tư pháp", phone="", due=date(2026, 12, 15))
    watched = audit.Watched(row, ("phone", "name", "due"))
    assign(row, {"name": "  Sở Tư pháp tỉnh ", "phone": "0203 3821 456"})
    assert row.name == "Sở Tư pháp tỉnh"
    assert watched.changes() == {
        "name": ["Sở Tư pháp", "Sở Tư pháp tỉnh"],
        "phone": ["", "0203 3821 456"],
    }
    assert list(watched.changes()) == ["name", "phone"]
    assert list(watched.changes(by_name=False)) == ["phone", "name"]


def test_keys_may_differ_from_the_fields_and_values_be_made_plain() -> None:
    row = SimpleNamespace(timing_text="Quý IV", due_date=date(2026, 12, 15))
    watched = audit.Watched(row, {"timing": "timing_text", "due": "due_date"}, str)
    assign(row, {"due_date": date(2026, 12, 31), "timing_text": " Quý IV "}, strip=False)
    assert watched.changes() == {
        "due": ["2026-12-15", "2026-12-31"],
        "timing": ["Quý IV", " Quý IV "],
    }
    assert audit.fields_of(row, ("due_date",)) == {"due_date": date(2026, 12, 31)}
