"""Restrict functions that are role gates (the rows are the province's own, not any agency's):
each holds on its own, not only behind its page's permission check, so a future caller that
forgets the check still gets nothing. The gates do not look at the rows, so any rows serve."""

from __future__ import annotations

import pytest

from bmnn.core import policy
from bmnn.org.models import Agency, AgencyType, Role

pytestmark = pytest.mark.django_db

# gate -> the roles it opens to
GATES = {
    "restrict_imported_reports": {"supervisor", "admin"},
    "restrict_province_reports": {"supervisor"},
    "restrict_budgets": {"supervisor"},
    "restrict_audit": {"supervisor", "admin"},
    "restrict_scan_findings": {"supervisor", "admin", "inspector"},
}


@pytest.fixture
def people(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    return {
        "admin": make_person(police, Role.ADMINISTRATOR),
        "supervisor": make_person(police, Role.SUPERVISOR, clearance="tuyet_mat"),
        "inspector": make_person(police, Role.INSPECTOR, clearance="toi_mat"),
        "head": make_person(justice, Role.HEAD, clearance="tuyet_mat"),
        "officer": make_person(justice, Role.SECURITY_OFFICER, clearance="toi_mat"),
        "staff": make_person(justice, Role.STAFF),
    }


@pytest.mark.parametrize("gate", sorted(GATES))
def test_a_gate_opens_to_its_roles_only(people, gate) -> None:
    rows = Agency.objects.all()
    for who, person in people.items():
        seen = getattr(policy, gate)(person, rows).count()
        assert seen == (rows.count() if who in GATES[gate] else 0), (gate, who)
    assert getattr(policy, gate)(None, rows).count() == 0


def test_an_agency_never_reads_a_draft_plan_even_with_an_assignment(people) -> None:
    """Assignments are made when a plan is issued, so a draft has none; should one exist (data
    brought in by hand, a plan put back to draft), the agency still does not see the draft."""
    from bmnn.plans.models import Assignment, Plan, Task

    justice = people["officer"].memberships.get().agency
    plan = Plan.objects.create(
        title="Dự thảo kế hoạch", status="draft", created_by=people["supervisor"]
    )
    task = Task.objects.create(plan=plan, ref="1", content="Rà soát danh mục")
    Assignment.objects.create(task=task, agency=justice, role="lead")
    assert not policy.restrict_plans(people["officer"], Plan.objects.all()).exists()
    Plan.objects.filter(pk=plan.pk).update(status="issued")
    assert policy.restrict_plans(people["officer"], Plan.objects.all()).exists()


def test_an_agency_reads_only_the_issued_plans_that_assign_it_something(
    people, make_agency
) -> None:
    from bmnn.plans.models import Assignment, Plan, Task

    health = make_agency("Sở Y tế")
    plan = Plan.objects.create(
        title="Kế hoạch ngành y tế", status="issued", created_by=people["supervisor"]
    )
    Assignment.objects.create(
        task=Task.objects.create(plan=plan, ref="1", content="Tập huấn"), agency=health, role="lead"
    )
    assert not policy.restrict_plans(people["officer"], Plan.objects.all()).exists()
    assert policy.restrict_plans(people["supervisor"], Plan.objects.all()).count() == 1
