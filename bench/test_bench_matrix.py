"""Benchmark: the province matrix with 300 agencies × 40 tasks (issue 3 budget: 300 ms).

Prints p50/p95 over repeated requests through the full stack and the number of queries, which
must be the same at 30 × 4 as at 300 × 40.
"""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.measure import measure
from bmnn.org.models import Agency, AgencyType, Role
from bmnn.plans.models import Assignment, Plan, PlanStatus, Status, Task
from bmnn.testing import login

BUDGET_MS = 300
ROUNDS = 15


def _plan(agencies: int, tasks: int, tag: str) -> Plan:
    """Bulk data (not the measured path): an issued plan assigning every task to every agency."""
    rng = random.Random(tasks)
    rows = Agency.objects.bulk_create(
        Agency(
            name=f"Cơ quan {tag} {n}",
            code=f"m-{tag}-{n}",
            type=AgencyType.COMMUNE,
            search_text=f"co quan {tag} {n}",
        )
        for n in range(agencies)
    )
    plan = Plan.objects.create(title=f"Kế hoạch {tag}", status=PlanStatus.ISSUED)
    task_rows = Task.objects.bulk_create(
        Task(plan=plan, order=n, ref=f"II.{n + 1}", content=f"Nhiệm vụ {n + 1}")
        for n in range(tasks)
    )
    statuses = [s.value for s in Status]
    Assignment.objects.bulk_create(
        Assignment(task=task, agency=agency, role="lead", status=rng.choice(statuses))
        for task in task_rows
        for agency in rows
    )
    return plan


@pytest.mark.django_db
def test_matrix_300_agencies_by_40_tasks(make_agency, make_person, capsys) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    client = login(Client(), make_person(police, Role.SUPERVISOR))
    small = _plan(30, 4, "nho")
    large = _plan(300, 40, "lon")
    url = reverse("plans:matrix")
    small_queries = measure(client, url, {"plan": small.pk}, ROUNDS).queries
    m = measure(client, url, {"plan": large.pk}, ROUNDS)
    p50, p95, queries, size = m.p50, m.p95, m.queries, m.size
    with capsys.disabled():
        print(f"\n{connection.vendor}, matrix 300 × 40 = 12,000 cells, {ROUNDS} rounds")
        print(
            f"  p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   {queries} queries (30 × 4: {small_queries})   {size // 1024} KiB"
        )
    assert queries == small_queries
    assert p95 < BUDGET_MS, f"p95 {p95:.1f} ms over the {BUDGET_MS} ms budget"
