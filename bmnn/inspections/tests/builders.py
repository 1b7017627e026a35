"""An inspection as the tests of several apps make it: the values most of them give, changed
where a test needs its own."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from bmnn.inspections import services
from bmnn.inspections.models import Finding, Inspection, Target
from bmnn.org.models import Agency, Person

VALUES: dict[str, Any] = {
    "kind": "inspection",
    "title": "Kiểm tra công tác bảo vệ BMNN năm 2026",
    "year": 2026,
    "period_from": date(2025, 1, 1),
    "period_to": date(2026, 10, 31),
    "on_site_from": date(2026, 11, 2),
    "on_site_to": date(2026, 11, 6),
}


def new_inspection(actor: Person, agencies: Iterable[Agency], **changes: Any) -> Inspection:
    """`services.create_inspection` of `agencies` by `actor`, with VALUES but for `changes`."""
    return services.create_inspection(actor=actor, agencies=list(agencies), **(VALUES | changes))


def self_inspection(actor: Person, agency: Agency, **changes: Any) -> Inspection:
    """The agency's own inspection of the first half of 2026, on site on 1–2 July."""
    values = {
        "kind": "self",
        "title": "Tự kiểm tra",
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 6, 30),
        "on_site_from": date(2026, 7, 1),
        "on_site_to": date(2026, 7, 2),
    }
    return new_inspection(actor, [agency], **(values | changes))


def inspection_of_one_day(day: date, leader: Person, **fields: Any) -> Inspection:
    """An inspection row of one day, led and made by `leader`, stored without the service (no
    checklist, no targets)."""
    days = dict.fromkeys(("period_from", "period_to", "on_site_from", "on_site_to"), day)
    return Inspection.objects.create(
        year=day.year, leader=leader, created_by=leader, **days, **fields
    )


def new_finding(
    actor: Person, target: Target, description: str, rule: str, deadline: date, **more: Any
) -> Finding:
    """`services.record_finding` of what the inspection found at the target."""
    return services.record_finding(
        actor=actor, target=target, description=description, rule=rule, deadline=deadline, **more
    )


def budget_decision(
    estimate: Any, decision: str, decided_on: str, allocated: dict[int, str]
) -> tuple[str, dict[str, Any]]:
    """The budget page's decision form of `estimate` as sent: its address and its fields, the
    amounts allocated by line id."""
    b = f"b{estimate.pk}-"
    fields = {b + "decision": decision, b + "decided_on": decided_on}
    fields |= {f"{b}allocated-{line}": amount for line, amount in allocated.items()}
    return f"/inspections/budget/{estimate.pk}/decision/", fields
