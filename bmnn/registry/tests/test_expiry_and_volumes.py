"""Protection periods run out on their own, with warnings before; closed volumes stay closed."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from bmnn.core.models import Notification
from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.expiry import run_expiry
from bmnn.registry.models import ItemStatus, RegisterBook
from bmnn.registry.tests.builders import classified, received

pytestmark = pytest.mark.django_db


def _item(reg):
    return classified(reg, number="5/CV", doc_date=date(2026, 3, 10))


def _warnings(person):
    return list(
        Notification.objects.filter(recipient=person, key__startswith="expiry:").values_list(
            "key", flat=True
        )
    )


def test_alerts_lead_up_to_the_extension_deadline_then_announce_the_lapse(reg) -> None:
    """L18 Art. 20.1: an extension is decided at the latest 60 days before the end (10/03/2036,
    so by 10/01/2036). Alerts invite an extension only while it is possible — 30 and 7 days
    before the deadline and on it — and afterwards say the item will be declassified on
    11/03/2036 (Art. 22.2.a), on the first day after the deadline and 30 and 7 days before the end.
    Each goes once."""
    _item(reg)
    run_expiry(date(2035, 12, 10))  # 31 days before the deadline: nothing yet
    assert _warnings(reg["officer"]) == []
    for day in (
        date(2035, 12, 11),
        date(2035, 12, 12),
        date(2036, 1, 3),
        date(2036, 1, 10),
        date(2036, 1, 11),
        date(2036, 1, 12),
        date(2036, 2, 9),
        date(2036, 3, 3),
    ):
        run_expiry(day)
    keys = sorted(k.split(":", 3)[3] for k in _warnings(reg["officer"]))
    assert keys == ["extend:0", "extend:30", "extend:7", "lapse:30", "lapse:59", "lapse:7"]
    assert len(_warnings(reg["head"])) == 6
    titles = list(
        Notification.objects.filter(recipient=reg["officer"], key__contains=":lapse:").values_list(
            "title", flat=True
        )
    )
    assert titles and all("11/03/2036" in t for t in titles)
    invitations = Notification.objects.filter(recipient=reg["officer"], key__contains=":extend:")
    assert invitations.count() == 3  # extend:30, extend:7 and extend:0
    assert all("10/01/2036" in t for t in invitations.values_list("title", flat=True))


def test_expired_items_are_declassified_by_the_daily_run(reg, capsys) -> None:
    """L18 Art. 22.2.a: automatic at the end of the period."""
    item = _item(reg)
    call_command("registry_expiry", date="2036-03-10")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED  # still protected on its last day
    call_command("registry_expiry", date="2036-03-11")
    item.refresh_from_db()
    assert item.status == ItemStatus.DECLASSIFIED
    assert "declassified: 1" in capsys.readouterr().out


def test_a_closed_volume_takes_no_lines_and_numbering_continues(reg) -> None:
    day = date(2026, 5, 1)
    first = received(reg, issuer_name="X", number="1/X", doc_date=day, received_on=day)
    with pytest.raises(NotAllowed):
        services.close_volume(actor=reg["staff"], book=first.book)
    services.close_volume(actor=reg["officer"], book=first.book)
    second = received(reg, issuer_name="X", number="2/X", doc_date=day, received_on=day)
    assert (second.book.volume, second.seq) == (2, 2)
    assert RegisterBook.objects.get(pk=first.book.pk).entries.count() == 1
