"""Reads of plans, tasks, assignments and the province matrix, restricted by the policy."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from bmnn.core import policy
from bmnn.core.sorting import vietnamese_key, vietnamese_sorted
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
    return with_next_due(rows, timezone.localdate())


def with_next_due(rows: list[Assignment], today: date) -> list[Assignment]:
    """The rows with `next_due` (plans.rules.next_due) and `overdue` set, soonest due first
    (those with no date last, then by the task's number)."""
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


def coordinator_inputs(actor: Any, assignment: Assignment) -> list[Assignment]:
    """For a lead: the coordinators' assignments on the same task, with their latest state, the
    agencies in Vietnamese order."""
    if assignment.role != PartyRole.LEAD:
        return []
    rows = assignments(actor).filter(task=assignment.task, role=PartyRole.COORDINATING)
    return vietnamese_sorted(rows, key=lambda row: row.agency.name)


@dataclass
class MatrixRow:
    agency: Agency
    cells_html: str  # pre-rendered <td> cells: 12,000 template cells would cost seconds
    rate: int


@dataclass
class PlanColumns:
    """The matrix's columns of one plan: a header over its tasks' references, so that two plans'
    "II.3" are told apart."""

    label: str  # the plan's number and symbol, or the start of its title
    title: str
    span: int


@dataclass
class Matrix:
    tasks: list[Task]
    rows: list[MatrixRow] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    plans: list[PlanColumns] = field(default_factory=list)


# The legend's entries, one colour each: the four statuses, "done" split into awaiting acceptance
# and accepted (green); the counts partition the cells shown.
ACCEPTED = "accepted"


def legend(counts: Counter[str]) -> list[tuple[str, str, str, int]]:
    """(key, css classes, label, count) for each colour of the matrix."""
    rows = []
    for value, label in Status.choices:
        rows.append((value, f"bmnn-{value}", str(label), counts[value]))
        if value == Status.DONE:
            accepted = f"{label} · {Review.ACCEPTED.label}"
            rows.append((ACCEPTED, "bmnn-done bmnn-accepted", accepted, counts[ACCEPTED]))
    return rows


def plan_label(plan: Plan) -> str:
    """How a plan is named where space is short: its number and symbol, or its title's start."""
    if plan.number.strip():
        return plan.number.strip()
    words = plan.title.split()
    return " ".join(words[:6]) + (" …" if len(words) > 6 else "")


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
        .select_related("plan")
        .order_by("plan_id", "order", "pk")
        .only("id", "ref", "content", "plan_id", "plan__number", "plan__title")
    )
    agencies = vietnamese_sorted(
        Agency.objects.filter(pk__in=agency_ids).only("id", "name", "short_name"),
        key=lambda agency: agency.name,
    )
    by_agency: dict[int, dict[int, tuple[int, str, str]]] = defaultdict(dict)
    result = Matrix(tasks=tasks)
    previous = None
    for task in tasks:  # ordered by plan: one header per plan over its tasks
        if task.plan_id == previous:
            result.plans[-1].span += 1
        else:
            result.plans.append(PlanColumns(plan_label(task.plan), task.plan.title, 1))
            previous = task.plan_id
    for pk, task_id, agency_id, state, review in cells:
        by_agency[agency_id][task_id] = (pk, state, review)
        result.counts[ACCEPTED if state == "done" and review == "accepted" else state] += 1
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
    rows = list(
        assignments(actor)
        .filter(task__plan=plan)
        .annotate(
            last_note=Subquery(latest.values("note")[:1]),
            last_at=Subquery(latest.values("created_at")[:1]),
        )
    )
    # by task, then the agencies in Vietnamese order
    return sorted(rows, key=lambda r: (r.task.order, r.task_id, vietnamese_key(r.agency.name)))


# --- what waits for a person (the homes) ---------------------------------------------------------


@dataclass(frozen=True)
class Waiting:
    """One kind of plan work waiting for a person: what, how many, where to do it."""

    key: str
    label: str
    count: int
    url: str


DUE_SOON_DAYS = 30


def work_waiting(actor: Any, today: date | None = None) -> list[Waiting]:
    """The plan work waiting for this person, kinds with nothing waiting left out: for the
    people of an agency, its assignments in issued plans that are overdue, due within
    `DUE_SOON_DAYS` days, or returned for rework; for the province supervisor, reports of work
    done awaiting acceptance. Three or four queries, whatever the size of the plans."""
    from datetime import timedelta

    from django.utils.translation import gettext as _

    today = today or timezone.localdate()
    found: list[Waiting] = []
    if policy.can_review_progress(actor):
        pending = assignments(actor).filter(
            review=Review.PENDING, task__plan__status=PlanStatus.ISSUED
        )
        label = _("Work reported done, to accept or return")
        matrix_url = reverse("plans:matrix") + "?status=done"
        found.append(Waiting("to_accept", label, pending.count(), matrix_url))
    mine = my_assignments(actor)
    open_rows = [row for row in mine if row.status != "done"]
    soon = today + timedelta(days=DUE_SOON_DAYS)
    overdue = [r for r in open_rows if r.overdue]  # type: ignore[attr-defined]
    due = [r for r in open_rows if r.next_due and today <= r.next_due <= soon]  # type: ignore[attr-defined]
    returned = [r for r in mine if r.review == Review.RETURNED]
    url = reverse("plans:my_tasks")
    found += [
        Waiting("overdue", _("Tasks past their deadline"), len(overdue), url),
        Waiting("due_soon", _("Tasks due within 30 days"), len(due), url),
        Waiting("returned", _("Tasks returned for more work"), len(returned), url),
    ]
    return [w for w in found if w.count]
