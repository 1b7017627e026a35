"""The policy's reads cost the same number of queries however many agencies there are: the types
of the agencies a head leads come with the memberships (no query of their own, however often a
page asks), and an agency's own assignments are read through the policy in one query (no list
of ids carried from one query to the next)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bmnn.core import policy
from bmnn.org.models import AgencyType, Membership, Role
from bmnn.plans.models import Assignment, Plan, Task
from bmnn.web import homes

pytestmark = pytest.mark.django_db

TYPES = [
    AgencyType.DEPARTMENT,
    AgencyType.PEOPLES_COMMITTEE,
    AgencyType.BOARD,
    AgencyType.COMMUNE,
    AgencyType.PRESS,
]


@pytest.fixture
def head_of(make_agency, make_person):
    """A head of the first `n` agencies of five, each of another type."""
    agencies = [make_agency(f"Cơ quan {i}", type=kind) for i, kind in enumerate(TYPES)]

    def make(n: int):
        head = make_person(agencies[0], Role.HEAD, clearance="tuyet_mat")
        for agency in agencies[1:n]:
            Membership.objects.create(person=head, agency=agency, role=Role.HEAD)
        return head, agencies[:n]

    return make


@pytest.mark.parametrize("n", [1, 5])
def test_the_types_of_the_headed_agencies_cost_no_query_of_their_own(
    head_of, django_assert_num_queries, n
) -> None:
    head, agencies = head_of(n)
    policy.scope(head)  # the memberships: read once per request

    with django_assert_num_queries(0):
        first = policy.headed_agency_types(head)
        again = policy.headed_agency_types(head)

    assert first == again == {agency.type for agency in agencies}


def test_the_approvals_page_costs_the_same_for_the_head_of_one_agency_or_of_five(
    head_of, client_for
) -> None:
    def queries(n: int) -> int:
        client = client_for(head_of(n)[0])
        client.get(reverse("registry:approvals"))
        with CaptureQueriesContext(connection) as seen:
            assert client.get(reverse("registry:approvals")).status_code == 200
        return len(seen)

    assert queries(1) == queries(5)


def _tasks(agencies, count: int) -> None:
    plan = Plan.objects.get_or_create(title="Kế hoạch bảo vệ BMNN năm", status="issued")[0]
    start = Task.objects.count()
    for i in range(start, start + count):
        task = Task.objects.create(plan=plan, ref=f"{i + 1}", content=f"Nhiệm vụ {i + 1}")
        for k, agency in enumerate(agencies):
            Assignment.objects.create(
                task=task, agency=agency, role="lead" if k == 0 else "coordinating"
            )


@pytest.mark.parametrize("n", [1, 5])
def test_the_agencys_own_work_is_one_query_whatever_the_number_of_agencies_and_tasks(
    head_of, n
) -> None:
    head, agencies = head_of(n)
    policy.scope(head)
    _tasks(agencies, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(homes._own_assignments(head)) == 3 * n
    _tasks(agencies, 30)
    with CaptureQueriesContext(connection) as many:
        assert len(homes._own_assignments(head)) == 33 * n

    assert len(few) == len(many) == 1
    # the same statement: no list of ids that grows with the rows
    assert few[0]["sql"] == many[0]["sql"]
