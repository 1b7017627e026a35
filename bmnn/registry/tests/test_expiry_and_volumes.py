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

pytestmark = pytest.mark.django_db


def _item(reg):
    item = services.propose_item(
        actor=reg["staff"], agency=reg["justice"], level="mat", catalogue_item=reg["cat_mat"]
    )
    return services.classify_item(
        actor=reg["head"], item=item, number="5/CV", doc_date=date(2026, 3, 10)
    )


def _warnings(person):
    return list(
        Notification.objects.filter(recipient=person, key__startswith="expiry:").values_list(
            "key", flat=True
        )
    )


def test_warnings_at_90_30_and_7_days_once_each(reg) -> None:
    """Product windows before the end on 10/03/2036 (L18 Art. 19.1 period; Art. 20.1 deadline)."""
    _item(reg)
    run_expiry(date(2035, 12, 1))  # 100 days before: nothing yet
    assert _warnings(reg["officer"]) == []
    run_expiry(date(2035, 12, 11))  # 90 days
    run_expiry(date(2035, 12, 12))
    run_expiry(date(2036, 2, 9))  # 30 days
    run_expiry(date(2036, 3, 3))  # 7 days
    keys = sorted(_warnings(reg["officer"]))
    assert [k.rsplit(":", 1)[1] for k in keys] == ["30", "7", "90"]
    assert len(_warnings(reg["head"])) == 3


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
    first = services.register_incoming(actor=reg["officer"], agency=reg["justice"], level="mat",
                                       issuer_name="X", number="1/X", doc_date=day, received_on=day)  # fmt: skip
    with pytest.raises(NotAllowed):
        services.close_volume(actor=reg["staff"], book=first.book)
    services.close_volume(actor=reg["officer"], book=first.book)
    second = services.register_incoming(actor=reg["officer"], agency=reg["justice"], level="mat",
                                        issuer_name="X", number="2/X", doc_date=day, received_on=day)  # fmt: skip
    assert (second.book.volume, second.seq) == (2, 2)
    assert RegisterBook.objects.get(pk=first.book.pk).entries.count() == 1
