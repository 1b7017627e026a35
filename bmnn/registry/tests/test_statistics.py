"""The statistics form counts the period's movements by level (L18 Art. 12.1; TT24 Form 18)."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from bmnn.registry.statistics import statistics
from bmnn.registry.tests.builders import received

pytestmark = pytest.mark.django_db


def test_counts_by_level_within_the_period(reg, client_for) -> None:
    for n, (level, day) in enumerate(
        [("mat", date(2026, 4, 1)), ("toi_mat", date(2026, 5, 2)), ("mat", date(2027, 1, 3))],
        start=1,
    ):
        received(reg, level, issuer_name="X", number=f"{n}/X", doc_date=day, received_on=day)
    stats = statistics(reg["justice"].pk, date(2026, 1, 1), date(2026, 12, 31))
    assert stats.counts["received"] == {"mat": 1, "toi_mat": 1}
    received_row = stats.table()[0]
    assert received_row == ["Tài liệu, vật chứa BMNN đến", 0, 1, 1, 2]
    page = client_for(reg["officer"]).get(
        reverse("registry:statistics"), {"since": "01/01/2026", "until": "31/12/2026"}
    )
    assert page.status_code == 200 and "Tài liệu, vật chứa BMNN đến" in page.content.decode()
    assert client_for(reg["staff"]).get(reverse("registry:statistics")).status_code == 403
