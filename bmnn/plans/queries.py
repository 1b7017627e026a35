"""Reads of plans, tasks, assignments and the province matrix, restricted by the policy."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bmnn.core import policy
from bmnn.org.models import Agency
from bmnn.plans import rules
from bmnn.plans.models import (
    Assignment,
    PartyRole,
    Plan,
    PlanStatus,
    ProgressUpdate,
    Review,
    Status,
    Task,
    TaskParty,
)


def plans(actor: Any, *, status: str = "") -> QuerySet[Plan]:
    queryset = policy.restrict_plans(actor, Plan.objects.all())
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")


def plan(actor: Any, pk: int) -> Plan | None:
    return plans(actor).filter(pk=pk).first()


def tasks_of(plan: Plan) -> list[Task]:
    """The plan's tasks with their parties and "4 rõ" issues (attribute `issues`)."""
    parties = TaskParty.objects.select_related("agency", "group")
    tasks = list(
        plan.tasks.select_related("responsible").prefetch_related(
            Prefetch("parties", queryset=parties)
        )
    )
    for task in tasks:
        leads = [p for p in task.parties.all() if p.role == PartyRole.LEAD]
        task.leads = leads  # type: ignore[attr-defined]
        task.coordinators = [p for p in task.parties.all() if p.role == PartyRole.COORDINATING]  # type: ignore[attr-defined]
        task.issues = rules.four_clear_issues(  # type: ignore[attr-defined]
            content=task.content,
            leads=[
                rules.PartyFacts(p.agency_id is not None, p.group_id is not None) for p in leads
            ],
            has_person=task.responsible_id is not None,
            timing_kind=task.timing_kind,
            has_due=task.due_date is not None,
        )
    return tasks


def assignments(actor: Any) -> QuerySet[Assignment]:
    return policy.restrict_assignments(actor, Assignment.objects.all()).select_related(
        "task__plan", "agency"
    )


def my_assignments(actor: Any) -> list[Assignment]:
    """The actor's agencies' own work in force, soonest due first."""
    scope = policy.scope(actor)
    rows = list(
        assignments(actor).filter(
            agency_id__in=scope.agency_ids, task__plan__status=PlanStatus.ISSUED
        )
    )
    today = timezone.localdate()
    for row in rows:
        task = row.task
        row.next_due = rules.next_due(  # type: ignore[attr-defined]
            timing_kind=task.timing_kind, due=task.due_date, period=task.period, today=today
        )
        row.overdue = bool(row.next_due and row.next_due < today and row.status != "done")  # type: ignore[attr-defined]
    rows.sort(key=lambda r: (r.next_due is None, r.next_due or today, r.task.ref))  # type: ignore[attr-defined]
    return rows


def assignment(actor: Any, pk: int) -> Assignment | None:
    return assignments(actor).filter(pk=pk).first()


def updates_of(assignment: Assignment) -> QuerySet[ProgressUpdate]:
    return assignment.updates.select_related("author").prefetch_related("evidence")


def coordinator_inputs(actor: Any, assignment: Assignment) -> QuerySet[Assignment]:
    """For a lead: the coordinators' assignments on the same task, with their latest state."""
    if assignment.role != PartyRole.LEAD:
        return Assignment.objects.none()
    return (
        assignments(actor)
        .filter(task=assignment.task, role=PartyRole.COORDINATING)
        .order_by("agency__name")
    )


@dataclass
class MatrixRow:
    agency: Agency
    cells_html: str  # pre-rendered <td> cells: 12,000 template cells would cost seconds
    rate: int


@dataclass
class Matrix:
    tasks: list[Task]
    rows: list[MatrixRow] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)


def matrix(actor: Any, *, plan_id: int | None, agency_type: str = "", status: str = "") -> Matrix:
    """Agencies × tasks with each cell's state, in three queries whatever the size.

    Cells are read as tuples and rendered here, not in the template: each is a link to the
    assignment coloured by its status (values from a fixed set; labels escaped once)."""
    base = assignments(actor).filter(task__plan__status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
    if plan_id:
        base = base.filter(task__plan_id=plan_id)
    if agency_type:
        base = base.filter(agency__type=agency_type)
    if status:
        base = base.filter(status=status)
    cells = list(base.values_list("pk", "task_id", "agency_id", "status", "review"))
    task_ids = {c[1] for c in cells}
    agency_ids = {c[2] for c in cells}
    tasks = list(
        Task.objects.filter(pk__in=task_ids)
        .order_by("plan_id", "order", "pk")
        .only("id", "ref", "content", "plan_id")
    )
    agencies = list(
        Agency.objects.filter(pk__in=agency_ids)
        .order_by("search_text", "pk")
        .only("id", "name", "short_name")
    )
    by_agency: dict[int, dict[int, tuple[int, str, str]]] = defaultdict(dict)
    result = Matrix(tasks=tasks)
    for pk, task_id, agency_id, state, review in cells:
        by_agency[agency_id][task_id] = (pk, state, review)
        result.counts[state] += 1
    labels = {value: escape(str(label)) for value, label in Status.choices}
    accepted = escape(str(Review.ACCEPTED.label))
    link = reverse("plans:assignment", args=[0]).removesuffix("0/")
    for agency in agencies:
        row = by_agency[agency.pk]
        parts = []
        done = 0
        for task in tasks:
            cell = row.get(task.pk)
            if cell is None:
                parts.append("<td></td>")
                continue
            pk, state, review = cell
            done += state == "done"
            if review == "accepted":
                css, title = f"bmnn-{state} bmnn-accepted", f"{labels[state]} · {accepted}"
            else:
                css, title = f"bmnn-{state}", labels[state]
            parts.append(
                f'<td><a class="bmnn-cell {css}" href="{link}{pk}/" title="{title}"></a></td>'
            )
        rate = round(100 * done / len(row)) if row else 0
        result.rows.append(MatrixRow(agency, mark_safe("".join(parts)), rate))  # noqa: S308  # nosec B308 B703 # every part is built from escaped labels and ids above
    return result


def progress_over_time(actor: Any, plan: Plan) -> dict[str, Any]:
    """Assignments first reported done, cumulated by week, for the plan's chart."""
    from django.db.models import Min

    visible = assignments(actor).filter(task__plan=plan)
    firsts = (
        ProgressUpdate.objects.filter(assignment__in=visible.values("pk"), status="done")
        .values("assignment_id")
        .annotate(first=Min("created_at"))
        .values_list("first", flat=True)
    )
    weeks = Counter(timezone.localtime(moment).date().isocalendar()[:2] for moment in firsts)
    labels, values, total = [], [], 0
    for year, week in sorted(weeks):
        total += weeks[(year, week)]
        labels.append(f"{week:02d}/{year}")
        values.append(total)
    return {"labels": labels, "values": values, "label": str(Status.DONE.label)}


def status_rows(actor: Any, plan: Plan) -> list[Assignment]:
    """Every assignment of the plan the actor may see, with its latest update, for exports."""
    from django.db.models import OuterRef, Subquery

    latest = ProgressUpdate.objects.filter(assignment=OuterRef("pk")).order_by("-created_at", "-pk")
    return list(
        assignments(actor)
        .filter(task__plan=plan)
        .annotate(
            last_note=Subquery(latest.values("note")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
        .order_by("task__order", "task__pk", "agency__search_text")
    )
