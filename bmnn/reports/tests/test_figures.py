"""A period's figures filled from the registers, training, inspections, incidents and devices match
counts made by hand on fixture data, with records on both edges of the data window (inside) and
one day beyond each edge (outside)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from bmnn.devices.models import Device, IndependentLan
from bmnn.inspections.models import Finding, Regulation, Target, TrainingSession
from bmnn.inspections.tests.builders import inspection_of_one_day
from bmnn.org.models import Role
from bmnn.registry.models import Book, Copy, RegisterBook, RegisterEntry, SecretItem
from bmnn.reports import figures
from bmnn.reports.models import Incident

pytestmark = pytest.mark.django_db

START, END = date(2025, 12, 15), date(2026, 12, 14)  # the statutory annual window for 2026
BEFORE, AFTER = START - timedelta(days=1), END + timedelta(days=1)
ZONE = timezone.get_current_timezone()


def _at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, ZONE)


FIRST, LAST = _at(START, time(0, 0)), _at(END, time(23, 59, 59))  # inside
JUST_BEFORE, JUST_AFTER = _at(BEFORE, time(23, 59, 59)), _at(AFTER, time(0, 0))  # outside


@pytest.fixture
def world(make_agency, make_person):
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    return {
        "justice": justice,
        "health": health,
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "inspector": make_person(make_agency("Công an tỉnh"), Role.INSPECTOR, "Phạm Quốc Bảo"),
    }


def _item(
    agency,
    level,
    *,
    determined_on=None,
    declassified_at=None,
    status="classified",
    origin="created",
):
    return SecretItem.objects.create(
        agency=agency,
        origin=origin,
        level=level,
        status=status,
        number="1/X",
        determined_on=determined_on,
        declassified_at=declassified_at,
    )


def _entry(agency, kind, item, day, officer):
    book, _ = RegisterBook.objects.get_or_create(agency=agency, kind=kind, year=day.year)
    book.last_seq += 1
    book.save()
    return RegisterEntry.objects.create(
        book=book,
        agency=agency,
        kind=kind,
        year=day.year,
        seq=book.last_seq,
        item=item,
        entered_on=day,
        created_by=officer,
    )


def _inspection(kind, agency, day, inspector):
    inspection = inspection_of_one_day(
        day, inspector, kind=kind, title="Kiểm tra", checklist_version="t"
    )
    return Target.objects.create(inspection=inspection, agency=agency)


def test_figures_match_hand_counts_at_the_window_edges(world) -> None:
    justice, health, officer, inspector = (
        world["justice"],
        world["health"],
        world["officer"],
        world["inspector"],
    )
    # Created (level approved): Mật on both edges, Tối mật on the first day, Mật outside on both
    # sides, a proposal (not yet classified) inside.
    for level, day in [
        ("mat", START),
        ("mat", END),
        ("toi_mat", START),
        ("mat", BEFORE),
        ("mat", AFTER),
    ]:
        _item(justice, level, determined_on=day)
    _item(justice, "mat", determined_on=START, status="proposed")
    # Received: incoming register lines on the edges (Tuyệt mật, Mật) and outside.
    for level, day in [("tuyet_mat", START), ("mat", END), ("mat", BEFORE), ("mat", AFTER)]:
        _entry(justice, Book.INCOMING, _item(justice, level, origin="received"), day, officer)
    # Provided: handover lines, one inside (Tối mật), one after.
    source = _item(justice, "toi_mat", determined_on=date(2024, 1, 1))
    _entry(justice, Book.HANDOVER, source, END, officer)
    _entry(justice, Book.HANDOVER, source, AFTER, officer)
    # Copies: two made on the first day, one the day before, originals never count.
    for number, day in [(1, START), (2, START), (3, BEFORE)]:
        Copy.objects.create(item=source, number=number, kind="copy", made_on=day)
    Copy.objects.create(item=source, number=1, kind="original", made_on=START)
    # Declassified on the last day and the day after; destroyed copies on the first day and before.
    _item(
        justice, "mat", declassified_at=END, status="declassified", determined_on=date(2020, 1, 1)
    )
    _item(
        justice, "mat", declassified_at=AFTER, status="declassified", determined_on=date(2020, 1, 1)
    )
    old = _item(justice, "toi_mat", determined_on=date(2019, 1, 1))
    Copy.objects.create(item=old, number=1, kind="original", status="destroyed", destroyed_on=START)
    Copy.objects.create(
        item=old, number=2, kind="original", status="destroyed", destroyed_on=BEFORE
    )

    # Training: sessions on both edges (12 declared + 3 on the attendance list only), one outside.
    sessions = [
        ("training", "a", START, {"cán bộ": 10, "lãnh đạo": 2}),
        ("dissemination", "b", END, {}),
        ("training", "c", AFTER, {"cán bộ": 40}),
    ]
    made = {
        title: TrainingSession.objects.create(
            agency=justice,
            kind=kind,
            title=title,
            held_on=held_on,
            created_by=officer,
            participants=participants,
        )
        for kind, title, held_on, participants in sessions
    }
    for name in ("A", "B", "C"):
        made["b"].attendance.create(name=name)
    # Inspections: a self-inspection starting on the last day, an inspection on the first day with
    # two findings (one recorded at the last second, verified inside; one recorded just after),
    # an inspection starting the day before.
    _inspection("self", justice, END, inspector)
    target = _inspection("inspection", justice, START, inspector)
    _inspection("inspection", justice, BEFORE, inspector)
    inside = Finding.objects.create(
        target=target,
        description="x",
        rule="ND26",
        deadline=END,
        created_by=inspector,
        status="verified",
    )
    outside = Finding.objects.create(
        target=target, description="y", rule="ND26", deadline=END, created_by=inspector
    )
    Finding.objects.filter(pk=inside.pk).update(created_at=LAST, verified_at=LAST)
    Finding.objects.filter(pk=outside.pk).update(created_at=JUST_AFTER)
    # Incidents found at the first and the last second, and just outside on each side.
    for found in (FIRST, LAST, JUST_BEFORE, JUST_AFTER):
        Incident.objects.create(
            agency=justice, what="x", found_at=found, channel="other", reported_by=officer
        )
    # Devices: two active, one retired; one independent LAN; the regulation issued inside.
    lan = IndependentLan.objects.create(agency=justice, name="LAN", site="P.201")
    for tag, active in (("MT-1", True), ("MT-2", True), ("MT-3", False)):
        Device.objects.create(
            agency=justice,
            asset_tag=tag,
            kind="computer",
            connected_to="lan",
            lan=lan,
            active=active,
        )
    Regulation.objects.create(agency=justice, status="issued", issued_on=END, updated_by=officer)
    # Another agency's records never leak into these counts.
    _item(health, "mat", determined_on=START)
    Incident.objects.create(
        agency=health, what="x", found_at=FIRST, channel="other", reported_by=officer
    )

    result = figures.compute([justice.pk, health.pk], START, END)
    got = {key: value for key, value in result[justice.pk].items() if value}
    assert got == {
        "created.mat": 2,
        "created.toi_mat": 1,
        "received.tuyet_mat": 1,
        "received.mat": 1,
        "provided.toi_mat": 1,
        "copied.toi_mat": 2,
        "declassified.mat": 1,
        "destroyed.toi_mat": 1,
        "trainings": 2,
        "training_participants": 15,
        "self_inspections": 1,
        "inspections_received": 1,
        "violations_found": 1,
        "violations_remedied": 1,
        "incidents": 2,
        "devices": 2,
        "independent_lans": 1,
        "regulation_issued": 1,
    }
    assert {key: value for key, value in result[health.pk].items() if value} == {
        "created.mat": 1,
        "incidents": 1,
    }


def test_a_regulation_issued_after_the_window_does_not_count(world) -> None:
    Regulation.objects.create(
        agency=world["justice"], status="issued", issued_on=AFTER, updated_by=world["officer"]
    )
    assert (
        figures.compute([world["justice"].pk], START, END)[world["justice"].pk]["regulation_issued"]
        == 0
    )


def test_filling_again_keeps_a_correction_and_shows_the_new_record_value() -> None:
    first = figures.filled({"incidents": 2})
    assert first["incidents"] == {"auto": 2, "value": 2, "reason": ""}
    corrected = dict(
        first, incidents={"auto": 2, "value": 3, "reason": "Một vụ phát hiện qua kiểm tra"}
    )
    again = figures.filled({"incidents": 4}, corrected)
    assert again["incidents"] == {"auto": 4, "value": 3, "reason": "Một vụ phát hiện qua kiểm tra"}
    assert again["trainings"] == {"auto": 0, "value": 0, "reason": ""}
