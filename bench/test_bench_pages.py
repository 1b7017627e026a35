"""Benchmark: every role's home, the agencies list and search with 3,000 agencies.

Budgets: each role's home p95 under 100 ms (issue 19), the other pages 150 ms (issue 2); the
number of queries of every page must not grow with the data. The province behind the homes is
not empty: an issued plan assigns 4 tasks to every agency (two past their deadline), an open
reporting period is past its deadline with a third of the reports sent, and there are incidents,
so every section of every home has rows to count.

Run with `./dev bench` (SQLite) or `DATABASE_URL=postgres://... ./dev bench`. Prints p50/p95
wall time over repeated requests through Django's test client (full middleware, templates,
queries) and the number of queries.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench.measure import measure
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.testing import login

BUDGET_MS = 150
HOME_BUDGET_MS = 100
AGENCIES = 3000
ROUNDS = 30
TYPES = [t.value for t in AgencyType if t != AgencyType.PROVINCIAL_POLICE]


def _province(start: int, count: int) -> list[Agency]:
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
    return agencies


def _work(agencies: list[Agency], plan, period, supervisor: Person) -> None:
    """Each agency's share of the plan (two tasks late, one done), and every third one's report
    sent; one incident in every hundred agencies."""
    from bmnn.plans.models import Assignment
    from bmnn.reports.models import Incident, Submission

    tasks = list(plan.tasks.order_by("order"))
    Assignment.objects.bulk_create(
        Assignment(
            task=task, agency=agency, role="lead", status="done" if k == 3 else "not_started"
        )
        for agency in agencies
        for k, task in enumerate(tasks)
    )
    sent = timezone.now() - timedelta(days=3)
    Submission.objects.bulk_create(
        Submission(
            period=period,
            agency=agency,
            state="signed" if n % 3 == 0 else "draft",
            first_sent_at=sent if n % 3 == 0 else None,
            signed_at=sent if n % 3 == 0 else None,
        )
        for n, agency in enumerate(agencies)
    )
    Incident.objects.bulk_create(
        Incident(
            agency=agency,
            what="Tài liệu mẫu",
            found_at=sent,
            channel="lost_document",
            status="open",
            reported_by=supervisor,
        )
        for agency in agencies[::100]
    )


def _plan_and_period(police: Agency, supervisor: Person):
    from bmnn.plans.models import Plan, Task
    from bmnn.reports.models import ReportingPeriod

    today = timezone.localdate()
    plan = Plan.objects.create(
        title="Kế hoạch mẫu", status="issued", created_by=supervisor, issuer=police
    )
    Task.objects.bulk_create(
        Task(
            plan=plan,
            order=k,
            ref=f"I.{k}",
            content=f"Nhiệm vụ mẫu {k}",
            timing_kind="date",
            due_date=today + timedelta(days=(-30 if k < 2 else 60)),
        )
        for k in range(4)
    )
    period = ReportingPeriod.objects.create(
        kind="annual",
        year=today.year,
        title="Báo cáo năm mẫu",
        window_start=date(today.year, 1, 1),
        window_end=today,
        due_on=today - timedelta(days=1),
        status="open",
        created_by=supervisor,
    )
    return plan, period


def _role_clients(
    police: Agency, first: Agency, committee: Agency, make_person
) -> dict[str, Client]:
    people = {
        "supervisor": make_person(police, Role.SUPERVISOR, clearance="tuyet_mat"),
        "administrator": make_person(police, Role.ADMINISTRATOR),
        "inspector": make_person(police, Role.INSPECTOR, clearance="toi_mat"),
        "head": make_person(first, Role.HEAD, clearance="tuyet_mat"),
        "officer": make_person(first, Role.SECURITY_OFFICER, clearance="toi_mat"),
        "staff": make_person(first, Role.STAFF, clearance="mat"),
        "chairman": make_person(committee, Role.HEAD, clearance="tuyet_mat"),
    }
    return {role: login(Client(), person) for role, person in people.items()}


def _changed(actor: Person) -> None:
    """The bulk data above stands for changes made through the services, which record each one
    in the audit log: record one, as they would."""
    from django.db import transaction

    from bmnn.core import audit

    with transaction.atomic():
        audit.record(actor=actor, action="bench.data", changes={})


def _measure_cold(client: Client, url: str, rounds: int = 10) -> tuple[float, float]:
    """p50 and p95 of a page whose cached figures are dropped before each request."""
    import statistics
    import time

    from django.core.cache import cache

    timings = []
    for _ in range(rounds):
        cache.clear()
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


@pytest.mark.django_db
def test_homes_and_lists_with_3000_agencies(make_agency, make_person, capsys) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    first = _province(0, 100)
    department = next(a for a in first if a.type == AgencyType.DEPARTMENT)
    clients = _role_clients(police, department, committee, make_person)
    supervisor = Person.objects.get(pk=clients["supervisor"].session["_auth_user_id"])
    plan, period = _plan_and_period(police, supervisor)
    _work([committee, *first], plan, period, supervisor)

    home = reverse("web:dashboard")
    pages = {f"home: {role}": (role, home) for role in clients}
    pages |= {
        "agency list": ("supervisor", reverse("org:agency_list")),
        "agency list, searched": (
            "supervisor",
            reverse("org:agency_list") + "?q=mau+so+1&type=department",
        ),
        "agency list, last page": ("supervisor", reverse("org:agency_list") + "?page=61"),
        "API agency list": ("supervisor", "/api/agencies/"),
        "search": ("supervisor", reverse("web:search") + "?q=mau+so+12"),
    }

    def run(rounds: int) -> dict:
        return {
            name: measure(clients[role], url, rounds=rounds) for name, (role, url) in pages.items()
        }

    _changed(supervisor)
    small = {name: m.queries for name, m in run(3).items()}
    _work(_province(100, AGENCIES - 100), plan, period, supervisor)
    _changed(supervisor)
    results = run(ROUNDS)
    # The province's figures are computed once per recorded change (bmnn.web.homes._stamp):
    # the first view after a change pays for them, measured apart with an empty cache.
    after_change = {
        f"home: {role}, after a change": _measure_cold(clients[role], home)
        for role in ("supervisor", "chairman")
    }
    with capsys.disabled():
        print(f"\n{connection.vendor}, {Agency.objects.count()} agencies, {ROUNDS} rounds")
        for name, (p50, p95) in after_change.items():
            print(f"  {name:<36} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
        for name, m in results.items():
            print(
                f"  {name:<36} p50 {m.p50:6.1f} ms   p95 {m.p95:6.1f} ms   {m.queries} queries"
                f" (at 100 agencies: {small[name]})"
            )
    for name, m in results.items():
        assert m.queries == small[name], (
            f"{name}: {small[name]} queries at 100 agencies, {m.queries} now"
        )
        budget = HOME_BUDGET_MS if name.startswith("home") else BUDGET_MS
        assert m.p95 < budget, f"{name}: p95 {m.p95:.1f} ms over the {budget} ms budget"
