"""Global search: one box over what the person may read — agencies, people, plans and their
tasks, register items (by number and subject), reports.

Every kind starts from its app's restricted query (the policy decides what a role sees; an item
above the person's clearance or outside their need to know is never found). Accents are optional
everywhere: agencies, people and items have a folded `search_text`; plans, tasks and reporting
periods have none, so their few visible rows are folded here (moves to plans.queries and
reports.queries with a folded column when the lists grow).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from bmnn.core import policy
from bmnn.core.sorting import person_key, vietnamese_sorted
from bmnn.core.text import fold

LIMIT = 20
SCANNED = 5000  # plans' tasks folded per search at most


def _matches(term: str, *texts: Any) -> bool:
    return term in fold(" ".join(str(text or "") for text in texts))


def plans(actor: Any, term: str) -> list[Any]:
    from bmnn.plans import queries

    rows = queries.plans(actor).only("pk", "number", "title", "status")[:SCANNED]
    return [plan for plan in rows if _matches(term, plan.number, plan.title)][:LIMIT]


def tasks(actor: Any, term: str) -> list[Any]:
    """Tasks of the plans the person sees, by reference and content; a task opens on the
    person's own agency's assignment when there is one, else on its plan."""
    from bmnn.plans import queries
    from bmnn.plans.models import Task

    visible = queries.plans(actor).values("pk")
    rows = (
        Task.objects.filter(plan_id__in=visible)
        .select_related("plan")
        .only("pk", "ref", "content", "plan__id", "plan__title", "plan__number")
        .order_by("plan_id", "order", "pk")[:SCANNED]
    )
    found = [task for task in rows if _matches(term, task.ref, task.content)][:LIMIT]
    mine = dict(
        queries.assignments(actor)
        .filter(task_id__in=[t.pk for t in found], agency_id__in=policy.scope(actor).agency_ids)
        .values_list("task_id", "pk")
    )
    for task in found:
        task.assignment_id = mine.get(task.pk)  # type: ignore[attr-defined]
    return found


def items(actor: Any, term: str) -> list[Any]:
    """Register items by number and subject (registry.queries.items: clearance and need to
    know); the list read is audited like the register's own list."""
    if not settings.BMNN_HOLDS_SECRETS:
        return []
    from bmnn.registry import queries, services

    found = list(queries.items(actor, search=term)[:LIMIT])
    if found:
        services.record_list_read(actor=actor, items=found, where=f"search:{term}"[:200])
    return found


def periods(actor: Any, term: str) -> list[Any]:
    """Reporting periods and requests the person's agencies are asked for, by title."""
    from bmnn.reports.models import ReportingPeriod

    rows = policy.restrict_periods(actor, ReportingPeriod.objects.all()).order_by("-due_on", "-pk")
    return [
        p for p in rows.only("pk", "title", "due_on", "status")[:SCANNED] if _matches(term, p.title)
    ][:LIMIT]


def search(actor: Any, raw: str) -> dict[str, list[Any]]:
    from bmnn.org import queries as org_queries

    term = fold(raw)
    return {
        "agencies": vietnamese_sorted(
            org_queries.agencies(actor, search=raw, active=None)[:LIMIT], key=lambda a: a.name
        ),
        "people": sorted(
            org_queries.people(actor, search=raw)[:LIMIT], key=lambda p: person_key(p.full_name)
        ),
        "plans": plans(actor, term),
        "tasks": tasks(actor, term),
        "items": items(actor, term=raw),
        "periods": periods(actor, term),
    }
