"""List pages and API lists cost the same number of queries whatever the data size (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.testing import login

pytestmark = pytest.mark.django_db

LIST_URLS = [
    reverse("web:dashboard"),
    reverse("org:agency_list"),
    reverse("org:person_list"),
    reverse("org:group_list"),
    reverse("web:search") + "?q=so",
    reverse("core:audit_list"),
    "/api/agencies/",
    "/api/people/",
    reverse("plans:plan_list"),
    reverse("plans:matrix"),
    reverse("registry:item_list"),
    reverse("reports:periods"),
    reverse("reports:incidents"),
]


def _grow(count: int, start: int) -> None:
    """Adds agencies, each with a head and an officer, created in bulk (not what is measured)."""
    agencies = Agency.objects.bulk_create(
        Agency(
            name=f"Sở Mẫu {n}",
            code=f"size-{n}",
            type=AgencyType.DEPARTMENT,
            search_text=f"so mau {n}",
        )
        for n in range(start, start + count)
    )
    people = Person.objects.bulk_create(
        Person(username=f"p{n}-{role}", full_name=f"Người {n} {role}", search_text=f"nguoi {n}")
        for n in range(start, start + count)
        for role in ("head", "officer")
    )
    Membership.objects.bulk_create(
        Membership(person=people[2 * i + j], agency=agency, role=role)
        for i, agency in enumerate(agencies)
        for j, role in enumerate((Role.HEAD, Role.SECURITY_OFFICER))
    )


def _count(client: Client, url: str) -> int:
    client.get(url)  # first visit creates one-off rows (the audit chain's head), not measured
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_list_pages_do_not_issue_more_queries_as_rows_grow(make_agency, make_person) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    client = login(Client(), make_person(police, Role.SUPERVISOR))
    _grow(5, 0)
    for url in LIST_URLS:  # registry pages audit their reads: the audit list is not empty either
        client.get(url)
    small = {url: _count(client, url) for url in LIST_URLS}
    _grow(120, 100)
    large = {url: _count(client, url) for url in LIST_URLS}
    assert large == small
    assert max(small.values()) <= 22, small  # the dashboard sums up every module (22 queries)
