"""Benchmark: the dashboard and the agencies list with 3,000 agencies (issue 2 budget: 150 ms).

Run with `./dev bench` (SQLite) or `DATABASE_URL=postgres://... ./dev bench`. Prints p50/p95
wall time over repeated requests through Django's test client (full middleware, templates,
queries) and the number of queries, which must not grow with the data.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.measure import measure
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.testing import login

BUDGET_MS = 150
AGENCIES = 3000
ROUNDS = 30
TYPES = [t.value for t in AgencyType]


def _province(start: int, count: int) -> None:
    """Bulk data (not the measured path): agencies of every type, each with a head and officer."""
    numbers = range(start, start + count)
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Cơ quan mẫu số {n}",
            code=f"bench-{n}",
            type=TYPES[n % len(TYPES)],
            search_text=f"co quan mau so {n}",
        )
        for n in numbers
    )
    people = Person.objects.bulk_create(
        Person(username=f"bench{n}-{k}", full_name=f"Cán bộ {n}-{k}", search_text=f"can bo {n}")
        for n in numbers
        for k in range(2)
    )
    Membership.objects.bulk_create(
        Membership(person=people[2 * i + j], agency=agency, role=role)
        for i, agency in enumerate(agencies)
        for j, role in enumerate((Role.HEAD, Role.SECURITY_OFFICER))
    )


@pytest.mark.django_db
def test_dashboard_and_agency_list_with_3000_agencies(make_agency, make_person, capsys) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    client = login(Client(), make_person(police, Role.SUPERVISOR))
    urls = {
        "dashboard": reverse("web:dashboard"),
        "agency list": reverse("org:agency_list"),
        "agency list, searched": reverse("org:agency_list") + "?q=mau+so+1&type=department",
        "agency list, last page": reverse("org:agency_list") + "?page=61",
        "API agency list": "/api/agencies/",
    }
    _province(0, 100)
    small = {name: measure(client, url, rounds=ROUNDS).queries for name, url in urls.items()}
    _province(100, AGENCIES - 100)
    results = {name: measure(client, url, rounds=ROUNDS) for name, url in urls.items()}
    with capsys.disabled():
        print(f"\n{connection.vendor}, {Agency.objects.count()} agencies, {ROUNDS} rounds")
        for name, m in results.items():
            print(f"  {name:<24} p50 {m.p50:6.1f} ms   p95 {m.p95:6.1f} ms   {m.queries} queries")
    for name, m in results.items():
        assert m.queries == small[name], (
            f"{name}: {small[name]} queries at 100 agencies, {m.queries} now"
        )
        assert m.p95 < BUDGET_MS, f"{name}: p95 {m.p95:.1f} ms over the {BUDGET_MS} ms budget"
