"""A period's statistics are figures as of its end (TT24 Form 18; L18 Art. 12.1 by time and
level; LAW.md Reporting): "held at the end of the period" counts what the agency held on the
last day, at the level it had that day, so a report on a past period does not change when
items are later declassified, destroyed, change level or arrive."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bmnn.registry import services
from bmnn.registry.models import LevelChange, SecretItem
from bmnn.registry.statistics import held_on, statistics
from bmnn.registry.tests.builders import classified, destroy, received

pytestmark = pytest.mark.django_db

SINCE, UNTIL = date(2026, 3, 1), date(2026, 6, 30)
LATER = date(2026, 9, 1)


def _received(reg, n: int, level: str, on: date):
    return received(reg, level, number=f"{n}/BTP", doc_date=on, received_on=on).item


def _created(reg, time_machine, on: date, catalogue: str = "cat_mat"):
    """A Mật item classified here on `on`, under a catalogue item that allows up to its level."""
    time_machine.move_to(on)
    return classified(
        reg, entry=catalogue, number=f"{on:%d%m}/CV-STP", doc_date=on, copy_allowed=True
    )


def _change_level(reg, item, level: str, on: date) -> None:
    """What a level change leaves behind (L18/L25 Art. 21): the recorded change and the item's
    new level. Written directly: what is tested here is how statistics read it, not the checks
    `services.change_level` makes on the decision."""
    LevelChange.objects.create(
        item=item,
        from_level=item.level,
        to_level=level,
        decided_on=on,
        decision="QĐ 9/QĐ-STP",
        decided_by=reg["head"],
    )
    SecretItem.objects.filter(pk=item.pk).update(level=level)


def _held(reg, day: date = UNTIL) -> dict[str, int]:
    return held_on([reg["justice"].pk], day)[reg["justice"].pk]


def test_a_past_periods_figures_do_not_change_after_later_events(reg, time_machine) -> None:
    """L18 Art. 12.1 / TT24 Form 18: after a declassification, a destruction, a level change
    and a new item, all after the period, its figures are what they were."""
    _created(reg, time_machine, date(2026, 3, 10))  # stays as it is
    raised = _created(reg, time_machine, date(2026, 5, 20), catalogue="cat_toi_mat")
    noticed = _received(reg, 1, "toi_mat", date(2026, 4, 1))
    burned = _received(reg, 2, "mat", date(2026, 5, 5))
    before = statistics(reg["justice"].pk, SINCE, UNTIL)
    assert before.counts["held"] == {"mat": 3, "toi_mat": 1}
    assert before.counts["received"] == {"mat": 1, "toi_mat": 1}

    time_machine.move_to(LATER)
    services.record_declassification_notice(
        actor=reg["head"], item=noticed, notice="TB 3/BTP", decided_on=LATER
    )
    destroy(reg, burned, "Hủy bằng máy hủy tài liệu")
    _change_level(reg, raised, "toi_mat", LATER)
    _received(reg, 3, "mat", LATER)

    after = statistics(reg["justice"].pk, SINCE, UNTIL)
    assert after.table() == before.table()
    now = statistics(reg["justice"].pk, SINCE, LATER)
    assert now.counts["held"] == {
        "mat": 2,
        "toi_mat": 1,
    }  # the one kept and the new one; the raised one
    assert now.counts["received"] == {"mat": 2, "toi_mat": 1}  # the level on the day received


@pytest.mark.parametrize(("offset", "held"), [(0, {}), (1, {"toi_mat": 1})])
def test_an_item_declassified_on_the_last_day_is_not_held_at_its_end(reg, offset, held) -> None:
    """L18 Art. 22: the secret ends on the day of the decision."""
    item = _received(reg, 1, "toi_mat", date(2026, 4, 1))
    services.record_declassification_notice(
        actor=reg["head"], item=item, notice="TB 1", decided_on=UNTIL + timedelta(days=offset)
    )
    assert _held(reg) == held


@pytest.mark.parametrize(("offset", "held"), [(0, {}), (1, {"mat": 1})])
def test_an_item_destroyed_on_the_last_day_is_not_held_at_its_end(
    reg, time_machine, offset, held
) -> None:
    """L18 Art. 23: destroyed on that day (all its copies), no longer held at its end."""
    item = _received(reg, 1, "mat", date(2026, 4, 1))
    time_machine.move_to(UNTIL + timedelta(days=offset))
    destroy(reg, item, "Hủy bằng máy hủy tài liệu")
    assert _held(reg) == held


@pytest.mark.parametrize(("offset", "held"), [(0, {"mat": 1}), (1, {})])
def test_an_item_received_on_the_last_day_is_held_at_its_end(reg, offset, held) -> None:
    """ND26 Art. 4.2: held from the day it is received and registered."""
    _received(reg, 1, "mat", UNTIL + timedelta(days=offset))
    assert _held(reg) == held


@pytest.mark.parametrize(("offset", "held"), [(0, {"toi_mat": 1}), (1, {"mat": 1})])
def test_an_item_counts_at_the_level_it_had_on_the_last_day(
    reg, time_machine, offset, held
) -> None:
    """L18/L25 Art. 21: a change decided on the last day counts; one decided after it does not."""
    item = _created(reg, time_machine, date(2026, 4, 2), catalogue="cat_toi_mat")
    _change_level(reg, item, "toi_mat", UNTIL + timedelta(days=offset))
    assert _held(reg) == held
