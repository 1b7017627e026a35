"""The scanner overview lists every portal with its last run in the same few queries, however
many portals the province watches."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bmnn.scanner import queries
from bmnn.scanner.models import CrawlRun, Portal

pytestmark = pytest.mark.django_db


def _portals(count: int, start: int) -> list[Portal]:
    made = []
    for n in range(start, start + count):
        portal = Portal.objects.create(
            name=f"Cổng {n}",
            start_urls=f"https://c{n}.example.vn/",
            allowed_hosts=f"c{n}.example.vn",
        )
        if n % 2:  # every other portal has two runs; the last one is the one shown
            CrawlRun.objects.create(portal=portal, pages=1)
            CrawlRun.objects.create(portal=portal, pages=n)
        made.append(portal)
    return made


def _count(portals: list[Portal]) -> tuple[int, list[tuple[Portal, CrawlRun | None]]]:
    with CaptureQueriesContext(connection) as captured:
        rows = queries.last_runs(portals)
    return len(captured), rows


def test_each_portal_comes_with_its_last_run_in_two_queries_for_2_or_12_portals() -> None:
    few, rows = _count(_portals(2, 1))
    many, more = _count(_portals(12, 10))
    assert few == many == 2
    for portal, run in rows + more:
        number = int(portal.name.split()[-1])
        if number % 2:
            assert run is not None and run.pages == number and run.found == 0
        else:
            assert run is None
