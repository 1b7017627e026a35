"""A home per role: what waits for this person, first; the province's figures after.

Each role brings its sections (a person with several roles gets each role's, once):
- the head: reports to sign, levels to approve, requests awaiting a decision (copying,
  providing, carrying out, meetings), the agency's tasks;
- the security officer: reports to write, the agency's deadlines, protection ending soon,
  notices and returns to act on, copies to receive;
- member of staff: the agency's deadlines and the levels they proposed;
- the supervisor: reports to review, results to accept, incidents being handled, agencies
  behind (reports not sent after their deadline, tasks past their deadline);
- the inspector: findings to verify, inspections under way, findings past their deadline;
- the chairman (head of the provincial People's Committee) and the province roles: the
  province at a glance (figures only, no record is shown).

Every section reads through the policy (or an app's `queries`, which does) and costs a fixed
number of queries whatever the size of the province (bench/test_bench_pages.py). Queries that
exist only here are marked "moves to <app>.queries" in their docstring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from bmnn.core import policy
from bmnn.core.sorting import vietnamese_key, vietnamese_order, vietnamese_sorted
from bmnn.org.models import Agency, AgencyType, Membership, Role

LINES = 5  # lines shown per section; the section's link leads to the whole list
CAP = 99  # a section counts its rows up to this
CACHE_SECONDS = 600  # province figures: recomputed after any change anyway (`_stamp`)


@dataclass
class Line:
    text: str
    url: str = ""
    detail: str | Promise = ""
    day: date | None = None  # a deadline or a date, shown dd/mm/yyyy
    late: bool = False


@dataclass
class Section:
    key: str  # data-testid
    title: str | Promise
    count: int
    lines: list[Line] = field(default_factory=list)
    url: str = ""  # the whole list
    empty: str | Promise = ""  # what the section says when nothing waits
    urgent: bool = False

    @property
    def more(self) -> bool:
        """More rows than counted (shown as "99+")."""
        return self.count > CAP

    @property
    def shown_count(self) -> str:
        return f"{CAP}+" if self.more else str(self.count)


@dataclass
class Figure:
    key: str
    label: str | Promise
    value: int | str
    total: int | None = None  # "3 / 70"
    url: str = ""
    warn: bool = False


@dataclass
class Home:
    title: str | Promise
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    figures_title: str | Promise = ""
    agencies: list[Agency] = field(default_factory=list)  # the person's own agencies
    chart: dict[str, Any] | None = None


def _today() -> date:
    return timezone.localdate()


def _first(rows: QuerySet[Any], limit: int = LINES) -> tuple[int, list[Any]]:
    """The count (up to CAP; the template shows "99+" past it) and the first rows, in one query
    whatever the number of rows: a home costs the same number of queries however full the
    province is, and building a query costs more than reading a hundred short rows."""
    found = list(rows[: CAP + 1])
    return len(found), found[:limit]


def _listed(
    key: str,
    title: str | Promise,
    rows: QuerySet[Any],
    line: Callable[[Any], Line],
    url: str,
    empty: str | Promise,
    *,
    urgent: bool = False,
) -> Section:
    """A section of the first of `rows`, each shown by `line`; marked urgent, where `urgent`
    says so, when anything waits."""
    count, found = _first(rows)
    return Section(
        key, title, count, [line(row) for row in found], url, empty, urgent=urgent and bool(count)
    )


def _headed(actor: Any) -> list[int]:
    return [a for a, roles in policy.scope(actor).roles_by_agency.items() if Role.HEAD in roles]


# --- reports ---------------------------------------------------------------------------------


# what a report's line shows: the rows are read without their texts and figures
SUBMISSION_FIELDS = (
    "state",
    "first_sent_at",
    "period__title",
    "period__due_on",
    "agency__name",
    "agency__short_name",
)


def _submission_line(row: Any, *, with_agency: bool) -> Line:
    text = str(row.period.title)
    if with_agency:
        text = f"{row.agency.short_name or row.agency.name} — {text}"
    return Line(
        text,
        reverse("reports:submission", args=[row.period_id, row.agency_id]),
        row.get_state_display(),
        row.period.due_on,
        row.period.due_on < _today(),
    )


def reports_to_sign(actor: Any) -> Section:
    from bmnn.reports import queries

    return _listed(
        "to-sign",
        _("Reports to sign"),
        queries.awaiting_signature(actor).only(*SUBMISSION_FIELDS),
        lambda r: _submission_line(r, with_agency=len(_headed(actor)) > 1),
        reverse("registry:approvals"),  # lists every report to sign
        _("No report waits for your signature."),
        urgent=True,
    )


def reports_to_write(actor: Any) -> Section:
    from bmnn.reports import queries

    count, rows = _first(queries.to_write(actor).only(*SUBMISSION_FIELDS))
    many = len(policy.managed_agencies(policy.scope(actor))) > 1
    lines = [_submission_line(r, with_agency=many) for r in rows]
    return Section(
        "to-write",
        _("Reports to write"),
        count,
        lines,
        reverse("reports:periods"),
        _("No report to write or correct."),
        urgent=any(line.late for line in lines),
    )


def reports_to_review(actor: Any) -> Section:
    from bmnn.reports import queries

    return _listed(
        "to-review",
        _("Reports to review"),
        queries.to_review(actor).only(*SUBMISSION_FIELDS),
        lambda r: _submission_line(r, with_agency=True),
        reverse("reports:periods"),
        _("No signed report waits for review."),
        urgent=True,
    )


def incidents(actor: Any) -> Section:
    from bmnn.reports import queries

    count, rows = _first(queries.open_incidents(actor))
    lines = [
        Line(
            str(row.agency.short_name or row.agency.name),
            reverse("reports:incident", args=[row.pk]),
            row.get_channel_display(),
            timezone.localdate(row.found_at),
        )
        for row in rows
    ]
    return Section(
        "incidents",
        _("Leaks and losses being handled"),
        count,
        lines,
        reverse("reports:incidents"),
        _("No leak or loss is being handled."),
        urgent=bool(count),
    )


def own_report(actor: Any) -> Section | None:
    """The agency's reports in the open periods it is asked for, nearest deadline first, each
    with its real state (a report waiting for the head's signature says so, not "drafted")."""
    from bmnn.reports.models import ReportingPeriod, Submission

    mine = sorted(policy.managed_agencies(policy.scope(actor)))
    if not mine:
        return None
    open_periods = ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN)
    periods = list(policy.restrict_periods(actor, open_periods).order_by("due_on", "pk")[:LINES])
    if not periods:
        return None
    states = {
        (s.period_id, s.agency_id): s
        for s in Submission.objects.filter(period__in=periods, agency_id__in=mine).only(
            "state", "first_sent_at", "period_id", "agency_id"
        )
    }
    names = (
        dict(Agency.objects.filter(pk__in=mine).values_list("pk", "short_name"))
        if len(mine) > 1
        else {}
    )
    today = _today()
    lines = []
    for period in periods:
        for agency_id in mine:
            row = states.get((period.pk, agency_id))
            text = str(period.title)
            if len(mine) > 1:
                text = f"{names.get(agency_id) or ''} — {text}"
            lines.append(
                Line(
                    text,
                    reverse("reports:submission", args=[period.pk, agency_id]),
                    row.get_state_display() if row else _("Not started"),
                    period.due_on,
                    (row is None or row.first_sent_at is None) and period.due_on < today,
                )
            )
    return Section(
        "own-report",
        _("Your agency's reports"),
        len(lines),
        lines[:LINES],
        reverse("reports:periods"),
    )


def devices(actor: Any) -> Section:
    """Devices for secrets the person may see: never audited, and with open findings. One
    query."""
    from bmnn.devices.models import Device

    counts = policy.restrict_devices(actor, Device.objects.filter(active=True)).aggregate(
        devices=Count("pk", distinct=True),
        never_audited=Count("pk", filter=Q(reports__isnull=True), distinct=True),
        with_findings=Count("pk", filter=Q(findings__status="open"), distinct=True),
    )
    lines = [
        Line(f"{_('Never audited')}: {counts['never_audited']}", reverse("devices:list")),
        Line(f"{_('With open findings')}: {counts['with_findings']}", reverse("devices:list")),
    ]
    return Section(
        "devices",
        _("Devices for secrets"),
        counts["devices"],
        lines,
        reverse("devices:list"),
        _("No device for secrets is recorded."),
        urgent=bool(counts["with_findings"]),
    )


# --- registers -------------------------------------------------------------------------------


def _item_line(item: Any, detail: Any = "", day: date | None = None, late: bool = False) -> Line:
    return Line(
        f"{item.number or _('(no number)')} · {item.get_level_display()}",
        reverse("registry:item", args=[item.pk]),
        detail,
        day,
        late,
    )


def levels_to_approve(actor: Any) -> Section:
    """Proposed levels in the agencies this person heads (L18 Art. 10: the head decides).
    Moves to registry.queries."""
    from bmnn.registry import queries
    from bmnn.registry.models import ItemStatus

    rows = queries.items(actor, status=ItemStatus.PROPOSED).filter(agency_id__in=_headed(actor))
    return _listed(
        "levels",
        _("Levels to decide"),
        rows.order_by("created_at", "pk"),
        lambda item: _item_line(item, item.agency.short_name or item.agency.name),
        reverse("registry:item_list") + "?status=proposed",
        _("No proposed level waits for you."),
        urgent=True,
    )


def requests_to_decide(actor: Any) -> Section:
    """What the registers' approvals page lists for this person — requests to copy, to carry a
    copy out, meetings to consent to — read through the same functions
    (registry.queries.copy_requests_to_decide, policy.carry_outs_to_decide,
    policy.meetings_to_decide), two columns each: the home needs the number, not the rows the
    decision page shows (the page's wide rows cost 16 ms of the head's home)."""
    from bmnn.registry import queries
    from bmnn.registry.models import CarryOut, Meeting

    sources = [
        (
            _("Copying"),
            queries.copy_requests_to_decide(actor)
            .order_by("requested_at", "pk")
            .values_list("item__number", "item_id"),
        ),
        (
            _("Carrying out"),
            policy.carry_outs_to_decide(actor, CarryOut.objects.all())
            .order_by("created_at", "pk")
            .values_list("copy__item__number", "copy__item_id"),
        ),
        (
            _("Meeting"),
            policy.meetings_to_decide(actor, Meeting.objects.all())
            .order_by("starts_on", "pk")
            .values_list("item__number", "item_id"),
        ),
    ]
    lines: list[Line] = []
    count = 0
    for label, rows in sources:
        found = list(rows[: CAP + 1])
        count += len(found)
        lines += [
            Line(number or f"#{item_id}", reverse("registry:approvals"), label)
            for number, item_id in found[:LINES]
        ]
    return Section(
        "requests",
        _("Requests awaiting your decision"),
        count,
        lines[:LINES],
        reverse("registry:approvals"),
        _("No request waits for your decision."),
        urgent=bool(count),
    )


def protection_ending(actor: Any, days: int = 90) -> Section:
    from bmnn.registry import queries

    return _listed(
        "expiring",
        _("Protection ending within 90 days"),
        queries.expiring(actor, within_days=days).order_by("protected_until", "pk"),
        lambda item: _item_line(item, _("protected until"), item.protected_until),
        reverse("registry:expiring"),
        _("No item's protection ends within 90 days."),
    )


def notices_to_act_on(actor: Any) -> Section:
    """Notices to re-mark held copies (extension, level change, declassification…), returns owed
    to a recall, and copies sent to the agency to receive. Moves to registry.queries."""
    from bmnn.registry import queries
    from bmnn.registry.models import HolderNotice, SecretItem

    today = _today()
    readable = policy.restrict_items(actor, SecretItem.objects.all()).values("pk")
    notices = (
        HolderNotice.objects.filter(remarked_on__isnull=True, item_id__in=readable)
        .select_related("item")
        .order_by("remark_by", "pk")
    )
    notice_count, notice_rows = _first(notices)
    owed_count, owed_rows = _first(queries.returns_owed(actor))
    receive_count, receive_rows = _first(queries.pending_transfers(actor).order_by("pk"))
    lines = [
        Line(
            f"{n.item.number or n.item.pk} · {n.get_kind_display()}",
            reverse("registry:item", args=[n.item_id]),
            _("re-mark by"),
            n.remark_by,
            n.remark_by < today,
        )
        for n in notice_rows
    ]
    lines += [
        Line(
            f"{r.recall.item.number or r.recall.item_id}",
            reverse("registry:recalls"),
            _("return by"),
            r.recall.return_by,
            bool(r.recall.return_by and r.recall.return_by < today),
        )
        for r in owed_rows
    ]
    lines += [
        Line(
            f"{t.copy.item.number or t.copy.item_id} · {t.from_agency.short_name or t.from_agency}",
            reverse("registry:transfers"),
            _("to receive"),
        )
        for t in receive_rows
    ]
    count = notice_count + owed_count + receive_count
    return Section(
        "notices",
        _("Notices, returns and copies to act on"),
        count,
        lines[:LINES],
        reverse("registry:item_list"),
        _("No notice, return or incoming copy waits."),
        urgent=any(line.late for line in lines),
    )


def my_proposals(actor: Any) -> Section:
    from bmnn.registry import queries
    from bmnn.registry.models import ItemStatus

    return _listed(
        "proposals",
        _("Your proposals awaiting the head"),
        queries.items(actor, status=ItemStatus.PROPOSED).filter(author=actor),
        lambda item: _item_line(item, item.get_status_display()),
        reverse("registry:item_list") + "?status=proposed",
        _("None of your proposals is waiting."),
    )


# --- plans -----------------------------------------------------------------------------------


def _own_assignments(actor: Any) -> list[Any]:
    """The actor's agencies' own work in issued plans, soonest due first, with `next_due` and
    `overdue` as plans.queries.my_assignments sets them (plans.rules.next_due). One query: the
    policy narrows the agency's own rows, read through the (agency, status) index, and its
    check of the coordinators' tasks is a subquery asked of those rows only (its former join
    over the whole table made the page scan every assignment of the province: 66 ms at 3,000
    agencies). Moves to plans.queries."""
    from bmnn.plans import queries
    from bmnn.plans.models import Assignment, PlanStatus

    own = policy.scope(actor).agency_ids
    mine = Assignment.objects.filter(agency_id__in=own, task__plan__status=PlanStatus.ISSUED)
    rows: list[Assignment] = list(
        policy.restrict_assignments(actor, mine)
        .select_related("task")
        .only(
            "status",
            "agency_id",
            "task__ref",
            "task__content",
            "task__timing_kind",
            "task__due_date",
            "task__period",
        )
    )
    return queries.with_next_due(rows, _today())


def agency_tasks(actor: Any) -> Section:
    rows = [row for row in _own_assignments(actor) if row.status != "done"]
    overdue = [row for row in rows if row.overdue]
    lines = [
        Line(
            f"{row.task.ref} {row.task.content}"[:140],
            reverse("plans:assignment", args=[row.pk]),
            row.get_status_display(),
            row.next_due,
            row.overdue,
        )
        for row in rows[:LINES]
    ]
    return Section(
        "tasks",
        _("Your agency's tasks"),
        len(rows),
        lines,
        reverse("plans:my_tasks"),
        _("No open task."),
        urgent=bool(overdue),
    )


def results_to_accept(actor: Any) -> Section:
    from bmnn.plans import queries

    return _listed(
        "to-accept",
        _("Results to accept"),
        queries.assignments(actor).filter(review="pending").order_by("updated_at", "pk"),
        lambda row: Line(
            f"{row.agency.short_name or row.agency.name} — {row.task.ref} {row.task.content}"[:140],
            reverse("plans:assignment", args=[row.pk]),
        ),
        reverse("plans:matrix"),
        _("No result waits for your acceptance."),
    )


# --- the province: agencies behind -------------------------------------------------------------


def _overdue_tasks() -> QuerySet[Any]:
    """Assignments past their deadline and not done, in issued plans — the definition of
    "overdue" of plans.queries.my_assignments (continuous work is never past due)."""
    from bmnn.plans.models import Assignment, PlanStatus

    return (
        Assignment.objects.filter(task__plan__status=PlanStatus.ISSUED, task__due_date__lt=_today())
        .exclude(status="done")
        .exclude(task__timing_kind="continuous")
    )


def _late_reports(actor: Any) -> QuerySet[Agency]:
    """Agencies that have not sent their report (reports.queries.not_sent, the one definition)
    in an open period whose deadline has passed. One query for the periods, one per such period
    to know whom it asks, one for the agencies."""
    from bmnn.reports import queries
    from bmnn.reports.models import ReportingPeriod

    periods = policy.restrict_periods(
        actor,
        ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN, due_on__lt=_today()),
    ).order_by("pk")
    late: Any = Q(pk__in=[])
    for period in periods:
        late |= Q(pk__in=queries.not_sent(period).values("pk"))
    return policy.restrict_agencies(actor, Agency.objects.filter(is_active=True)).filter(late)


def _late_report_rows(actor: Any) -> tuple[int, list[tuple[int, str]]]:
    late = _late_reports(actor)
    count = late.count()
    found = (
        list(late.order_by("search_text", "pk").values_list("pk", "name")[:LINES]) if count else []
    )
    return count, found


def late_reports(actor: Any) -> Section:
    """Agencies whose report is not sent although the period's deadline has passed, by name."""
    if policy.is_province_wide(actor):
        count, found = _province_cached(actor, "late-reports", lambda: _late_report_rows(actor))
    else:
        count, found = _late_report_rows(actor)
    lines = [
        Line(name, reverse("org:agency_detail", args=[pk]), _("report not sent"), late=True)
        for pk, name in vietnamese_sorted(found, key=lambda row: row[1])
    ]
    return Section(
        "late-reports",
        _("Reports not sent after the deadline"),
        count,
        lines,
        reverse("reports:periods"),
        _("Every report due has been sent."),
        urgent=bool(count),
    )


def _tasks_behind_rows(actor: Any) -> tuple[int, list[tuple[int, str, int]]]:
    visible = policy.restrict_agencies(actor, Agency.objects.filter(is_active=True))
    late = dict(
        _overdue_tasks()
        .filter(agency_id__in=visible.values("pk"))
        .values("agency_id")
        .annotate(n=Count("pk"))
        .values_list("agency_id", "n")
    )
    top = sorted(late, key=lambda pk: (-late[pk], pk))[:LINES]
    names = dict(Agency.objects.filter(pk__in=top).values_list("pk", "name")) if top else {}
    top.sort(key=lambda pk: (-late[pk], vietnamese_key(names.get(pk, ""))))
    return len(late), [(pk, names.get(pk, ""), late[pk]) for pk in top]


def tasks_behind(actor: Any) -> Section:
    """Agencies with plan tasks past their deadline, the most tasks late first."""
    if policy.is_province_wide(actor):
        count, top = _province_cached(actor, "tasks-behind", lambda: _tasks_behind_rows(actor))
    else:
        count, top = _tasks_behind_rows(actor)
    lines = [
        Line(
            name,
            reverse("org:agency_detail", args=[pk]),
            ngettext("%(n)d task past its deadline", "%(n)d tasks past their deadline", n)
            % {"n": n},
        )
        for pk, name, n in top
    ]
    return Section(
        "tasks-behind",
        _("Agencies with tasks past their deadline"),
        count,
        lines,
        reverse("plans:matrix") if policy.can_manage_plans(actor) else "",
        _("No agency has a task past its deadline."),
        urgent=bool(count),
    )


# --- inspections ---------------------------------------------------------------------------------


def findings_to_verify(actor: Any) -> Section:
    """Remediation reported on findings of inspections this person leads or is on. Moves to
    inspections.queries."""
    from bmnn.inspections import queries
    from bmnn.inspections.models import Finding, Inspection

    mine = Inspection.objects.filter(Q(leader=actor) | Q(team=actor)).values("pk")
    rows = (
        queries.findings(actor)
        .filter(status=Finding.Status.REMEDIATED, target__inspection_id__in=mine)
        .select_related("target__agency")
        .order_by("deadline", "pk")
    )
    return _listed(
        "to-verify",
        _("Findings to verify"),
        rows,
        lambda f: _finding_line(f, f.get_severity_display()),
        reverse("inspections:list"),
        _("No remediation waits for your check."),
        urgent=True,
    )


def _finding_line(finding: Any, detail: str, late: bool = False) -> Line:
    agency = finding.target.agency
    return Line(
        f"{agency.short_name or agency.name} — {finding.description}"[:140],
        reverse("inspections:finding", args=[finding.pk]),
        detail,
        finding.deadline,
        late,
    )


def my_inspections(actor: Any) -> Section:
    from bmnn.inspections import queries
    from bmnn.inspections.models import Inspection

    mine = Inspection.objects.filter(Q(leader=actor) | Q(team=actor)).values("pk")
    rows = (
        queries.inspections(actor)
        .filter(pk__in=mine)
        .exclude(status=Inspection.Status.CONCLUDED)
        .order_by("on_site_from", "pk")
    )
    return _listed(
        "inspections",
        _("Your inspections"),
        rows,
        lambda i: Line(
            i.title,
            reverse("inspections:detail", args=[i.pk]),
            i.get_status_display(),
            i.on_site_from,
        ),
        reverse("inspections:list"),
        _("You are on no inspection under way."),
    )


def late_findings(actor: Any) -> Section:
    from bmnn.inspections import queries

    return _listed(
        "late-findings",
        _("Findings past their deadline"),
        queries.overdue_findings(actor).order_by("deadline", "pk"),
        lambda f: _finding_line(f, f.get_status_display(), late=True),
        reverse("inspections:list"),
        _("No finding is past its deadline."),
        urgent=True,
    )


# --- figures ---------------------------------------------------------------------------------


def staffing(agencies: QuerySet[Agency], today: date | None = None) -> dict[str, int]:
    """One definition for every figure about who holds the posts, counted by the database:
    - an agency has a head / a security officer when someone holds that role in it (an active
      membership, as the agency's page lists them); the lists of agencies "without" use the
      same test;
    - a designation decision is in force when its decision date has come and it has not ended
      (ND26 Art. 7, inspections.rules.designated); an agency "has a security officer" also when
      such a decision is recorded, even before the person has an account;
    - the figures split the agencies without overlap: with an officer and a decision, with an
      officer but no decision recorded, without an officer.
    Two queries."""
    holds, decided = _posts(today or _today())
    rows = agencies.annotate(
        has_head=Exists(holds.filter(role=Role.HEAD)),
        has_officer=Exists(holds.filter(role=Role.SECURITY_OFFICER)),
        has_decision=Exists(decided),
    )
    return rows.aggregate(
        agencies=Count("pk"),
        without_head=Count("pk", filter=Q(has_head=False)),
        without_officer=Count("pk", filter=Q(has_officer=False, has_decision=False)),
        officer_without_decision=Count("pk", filter=Q(has_officer=True, has_decision=False)),
        with_decision=Count("pk", filter=Q(has_decision=True)),
    )


def _posts(today: date) -> tuple[QuerySet[Membership], QuerySet[Any]]:
    """Subqueries on an agency (OuterRef("pk")): its active memberships, and its staff
    designations in force on `today`."""
    from bmnn.inspections.models import StaffDesignation

    holds = Membership.objects.filter(agency=OuterRef("pk"), is_active=True)
    decided = StaffDesignation.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today),
        agency=OuterRef("pk"),
        decided_on__lte=today,
    )
    return holds, decided


def missing_posts(agencies: QuerySet[Agency], limit: int = 10) -> list[Agency]:
    """Agencies without a head or without a security officer (the definitions of `staffing`),
    by name, each with `has_head` and `has_officer`."""
    holds, decided = _posts(_today())
    rows = agencies.annotate(
        has_head=Exists(holds.filter(role=Role.HEAD)),
        has_officer=Exists(holds.filter(role=Role.SECURITY_OFFICER)) | Exists(decided),
    ).filter(Q(has_head=False) | Q(has_officer=False))
    return list(rows.order_by(vietnamese_order("name"), "pk")[:limit])


def chairs_the_province(scope: Any, agencies: list[Agency]) -> bool:
    """The head of the provincial People's Committee, who answers for state-secret protection in
    the province (L18 Art. 24), sees the province's figures, never its records. `agencies` are
    the person's own. Moves to bmnn.core.policy."""
    return any(
        agency.type == AgencyType.PEOPLES_COMMITTEE and scope.has(Role.HEAD, agency.pk)
        for agency in agencies
    )


def _stamp(actor: Any) -> str:
    """What the province's figures were computed from: the audit chain's head (every change made
    through a service appends to it in the same transaction; its hash covers the event's time,
    so two databases do not share a head) and the day (deadlines pass at midnight). Read once
    per request (one query) and kept on the actor. Empty for a chain with no event yet."""
    from bmnn.core.models import AuditChainHead

    stamp = getattr(actor, "_bmnn_home_stamp", None)
    if stamp is None:
        head = AuditChainHead.objects.values_list("last_seq", "last_hash").first()
        stamp = f"{head[0]}:{head[1]}:{_today().isoformat()}" if head and head[0] else ""
        actor._bmnn_home_stamp = stamp
    return stamp


def _province_cached(actor: Any, name: str, compute: Any) -> Any:
    """Province-wide numbers are the same for everyone who may see them: computed once per
    change (see `_stamp`) in each web process, then read from the process's cache. A figure is
    never older than the last change recorded."""
    stamp = _stamp(actor)
    if not stamp:
        return compute()
    key = f"bmnn:home:{name}:{stamp}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def province_numbers() -> dict[str, Any]:
    """The province at a glance, counted by the database in eight queries (staffing 1, the
    nearest open period 3, tasks 1, incidents 1, findings 1)."""
    from bmnn.inspections.models import Finding
    from bmnn.plans.models import Assignment, PlanStatus
    from bmnn.reports import queries as report_queries
    from bmnn.reports.models import Incident, ReportingPeriod, Submission
    from bmnn.reports.services import expected_agencies

    numbers: dict[str, Any] = {"posts": staffing(Agency.objects.filter(is_active=True))}
    period = (
        ReportingPeriod.objects.filter(status=ReportingPeriod.Status.OPEN)
        .exclude(kind=ReportingPeriod.Kind.AD_HOC)
        .order_by("due_on", "pk")
        .first()
    )
    if period is not None:
        expected = expected_agencies(period)
        numbers["period"] = {
            "pk": period.pk,
            "title": period.title,
            "expected": expected.count(),
            "sent": Submission.objects.filter(
                report_queries.sent(), period=period, agency_id__in=expected.values("pk")
            ).count(),
        }
    numbers["tasks"] = Assignment.objects.filter(task__plan__status=PlanStatus.ISSUED).aggregate(
        total=Count("pk"), done=Count("pk", filter=Q(status="done"))
    )
    numbers["incidents"] = Incident.objects.filter(status=Incident.Status.OPEN).count()
    numbers["late_findings"] = (
        Finding.objects.filter(deadline__lt=_today())
        .exclude(status=Finding.Status.VERIFIED)
        .count()
    )
    return numbers


def province_figures(actor: Any) -> list[Figure]:
    """The province at a glance for those who may see it (figures only, no record)."""
    wide = policy.is_province_wide(actor)
    numbers = _province_cached(actor, "numbers", province_numbers)
    posts = numbers["posts"]
    figures = [
        Figure(
            "agencies",
            _("Agencies in the province"),
            posts["agencies"],
            url=reverse("org:agency_list") if wide else "",
        ),
        Figure(
            "without-head",
            _("Without a head"),
            posts["without_head"],
            posts["agencies"],
            warn=bool(posts["without_head"]),
        ),
        Figure(
            "without-officer",
            _("Without a security officer"),
            posts["without_officer"],
            posts["agencies"],
            warn=bool(posts["without_officer"]),
        ),
        Figure(
            "no-decision",
            _("Security officer without a designation decision on record"),
            posts["officer_without_decision"],
            posts["agencies"],
            url=reverse("inspections:readiness") if wide else "",
        ),
    ]
    period = numbers.get("period")
    if period:
        figures.append(
            Figure(
                "reports-sent",
                _("Reports sent: %(title)s") % {"title": period["title"]},
                period["sent"],
                period["expected"],
                reverse("reports:period", args=[period["pk"]]) if wide else "",
            )
        )
    figures += [
        Figure(
            "tasks-done",
            _("Plan tasks done"),
            numbers["tasks"]["done"],
            numbers["tasks"]["total"],
            reverse("plans:matrix") if policy.can_manage_plans(actor) else "",
        ),
        Figure(
            "incidents",
            _("Leaks and losses being handled"),
            numbers["incidents"],
            url=reverse("reports:incidents") if wide else "",
            warn=bool(numbers["incidents"]),
        ),
        Figure(
            "late-findings",
            _("Findings past their deadline"),
            numbers["late_findings"],
            warn=bool(numbers["late_findings"]),
        ),
    ]
    return figures


def _agency_type_chart(actor: Any) -> dict[str, Any]:
    labels = dict(AgencyType.choices)
    rows = (
        policy.restrict_agencies(actor, Agency.objects.filter(is_active=True))
        .values("type")
        .annotate(total=Count("pk"))
    )
    pairs = vietnamese_sorted(
        [(str(labels.get(r["type"], r["type"])), r["total"]) for r in rows], key=lambda p: p[0]
    )
    return {"labels": [p[0] for p in pairs], "values": [p[1] for p in pairs]}


def build(actor: Any) -> Home:
    """The home of this person: each of their roles' sections, once, in the order of the
    roles' urgency."""
    scope = policy.scope(actor)
    roles = scope.all_roles
    secrets = settings.BMNN_HOLDS_SECRETS
    home = Home(_("Home"))
    if not scope.province_wide:
        home.agencies = own_agencies(actor)
    makers: list[Any] = []
    if Role.SUPERVISOR in roles:
        makers += [reports_to_review, results_to_accept, incidents, late_reports, tasks_behind]
    if Role.INSPECTOR in roles:
        makers += [findings_to_verify, my_inspections, late_findings]
    if Role.HEAD in roles:
        makers += [reports_to_sign]
        if secrets:
            makers += [levels_to_approve, requests_to_decide]
    if Role.SECURITY_OFFICER in roles:
        makers += [reports_to_write]
        if secrets:
            makers += [notices_to_act_on, protection_ending]
    if roles & {Role.HEAD, Role.SECURITY_OFFICER}:
        makers += [own_report]
    if roles & {Role.HEAD, Role.SECURITY_OFFICER, Role.STAFF} and not scope.province_wide:
        makers += [agency_tasks]
    if Role.STAFF in roles and secrets:
        makers += [my_proposals]
    makers += [incidents, devices]
    seen = set()
    for make in makers:
        if make in seen:
            continue
        seen.add(make)
        section = make(actor)
        if section is not None:
            home.sections.append(section)
    if scope.province_wide or chairs_the_province(scope, home.agencies):
        home.figures = province_figures(actor)
        home.figures_title = _("The province at a glance")
    if scope.province_wide:
        home.chart = _agency_type_chart(actor)
    return home


def own_agencies(actor: Any) -> list[Agency]:
    """The person's agencies, by name, each with `key_memberships` (its head and security
    officer): one query over the memberships — the person's own membership brings every one of
    their agencies, even one with neither post filled."""
    visible = policy.restrict_memberships(
        actor,
        Membership.objects.filter(
            Q(role__in=(Role.HEAD, Role.SECURITY_OFFICER)) | Q(person=actor),
            agency_id__in=policy.scope(actor).agency_ids,
            agency__is_active=True,
            is_active=True,
        ),
    ).select_related("agency", "person")
    agencies: dict[int, Agency] = {}
    for membership in visible.order_by("role", "person__full_name", "pk"):
        agency = agencies.setdefault(membership.agency_id, membership.agency)
        if not hasattr(agency, "key_memberships"):
            agency.key_memberships = []  # type: ignore[attr-defined]
        if membership.role in (Role.HEAD, Role.SECURITY_OFFICER):
            agency.key_memberships.append(membership)  # type: ignore[attr-defined]
    return vietnamese_sorted(agencies.values(), key=lambda agency: agency.name)
