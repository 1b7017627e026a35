"""Every change to plans, tasks, assignments and progress: policy first, audit last."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service
from bmnn.core.storage import random_name, sha256_of
from bmnn.core.uploads import check_upload
from bmnn.org.models import Agency, AgencyGroup, Person, Role
from bmnn.org.queries import people_by_agency, people_in_roles
from bmnn.plans import rules
from bmnn.plans.models import (
    Assignment,
    Evidence,
    PartyRole,
    Plan,
    PlanStatus,
    ProgressUpdate,
    Review,
    Status,
    Task,
    TaskParty,
    TimingKind,
)

EVIDENCE_KINDS = {"pdf", "docx", "xlsx", "png", "jpeg", "text"}
MAX_EVIDENCE_FILES = 5
PLAN_FIELDS = (
    "number",
    "issuer_name",
    "place",
    "date",
    "title",
    "legal_basis",
    "purposes",
    "budget",
    "recipients",
    "signer",
)
# What a task asks and by when: what the API shows and the province sends down of each
TASK_FIELDS = (
    "section",
    "content",
    "timing_kind",
    "timing_text",
    "due_date",
    "period",
    "expected_output",
)


@dataclass
class PartyDraft:
    words: str
    agency_id: int | None = None
    group_code: str | None = None


@dataclass
class TaskDraft:
    ref: str
    content: str
    section: str = ""
    leads: list[PartyDraft] = field(default_factory=list)
    coordinating: list[PartyDraft] = field(default_factory=list)
    timing_kind: str = TimingKind.UNSPECIFIED
    timing_text: str = ""
    due_date: date | None = None
    period: str = ""
    expected_output: str = ""
    uncertain: list[str] = field(default_factory=list)


def _save_parties(task: Task, role: str, parties: list[PartyDraft]) -> None:
    groups = {
        g.code: g
        for g in AgencyGroup.objects.filter(
            code__in=[p.group_code for p in parties if p.group_code]
        )
    }
    agencies = set(
        Agency.objects.filter(pk__in=[p.agency_id for p in parties if p.agency_id]).values_list(
            "pk", flat=True
        )
    )
    TaskParty.objects.bulk_create(
        TaskParty(
            task=task,
            role=role,
            agency_id=p.agency_id if p.agency_id in agencies else None,
            group=groups.get(p.group_code or ""),
            words=p.words[:500],
        )
        for p in parties
    )


def _save_task_parties(task: Task, draft: TaskDraft) -> None:
    """The task's lead and coordinating parties, as the draft names them."""
    _save_parties(task, PartyRole.LEAD, draft.leads)
    _save_parties(task, PartyRole.COORDINATING, draft.coordinating)


def _validate_task(draft: TaskDraft) -> None:
    """Refuses a task that cannot be followed, naming the field that is wrong."""
    if not draft.content.strip():
        raise ValidationError(
            {"content": _("Task %(ref)s has no content.") % {"ref": draft.ref or "?"}}
        )
    if draft.timing_kind not in TimingKind.values:
        raise ValidationError(
            {"timing_kind": _("Task %(ref)s has an unknown timing.") % {"ref": draft.ref}}
        )
    if draft.timing_kind in {"date", "month", "quarter", "year"} and draft.due_date is None:
        raise ValidationError(
            {
                "due_date": _("Task %(ref)s: a deadline of this kind needs a due date.")
                % {"ref": draft.ref}
            }
        )


def _heads_of(agency_ids: set[int]) -> dict[int, Person]:
    return {
        agency_id: people[0]
        for agency_id, people in people_by_agency(agency_ids, roles=(Role.HEAD,)).items()
    }


@service
def create_plan(
    *,
    actor: Person,
    header: dict[str, Any],
    tasks: list[TaskDraft],
    source_name: str = "",
    source_data: bytes | None = None,
) -> Plan:
    """Saves a reviewed plan as a draft with its tasks (nothing is assigned until issued). A
    refusal names the field that is wrong: the header's by its name ("title"), a task's by its
    place in `tasks` and its name ("tasks.2.due_date")."""
    require(policy.can_manage_plans(actor), _("Only the province supervisor manages plans."))
    if not (header.get("title") or "").strip():
        raise ValidationError({"title": _("The plan needs a title.")})
    for index, draft in enumerate(tasks):
        try:
            _validate_task(draft)
        except ValidationError as exc:
            raise ValidationError(
                {f"tasks.{index}.{name}": errors for name, errors in exc.error_dict.items()}
            ) from exc
    plan = Plan(
        created_by=actor, **{k: header.get(k) or ("" if k != "date" else None) for k in PLAN_FIELDS}
    )
    plan.full_clean(exclude=["source_file", "created_by", "issuer"])
    if source_data:
        plan.source_name = source_name[:255]
        plan.source_file.save(
            random_name("plans", source_name), ContentFile(source_data), save=False
        )
    plan.save()
    heads = _heads_of({p.agency_id for d in tasks for p in d.leads if p.agency_id})
    for order, draft in enumerate(tasks):
        sole_lead = draft.leads[0].agency_id if len(draft.leads) == 1 else None
        task = Task.objects.create(
            plan=plan,
            order=order,
            ref=draft.ref[:32],
            section=draft.section[:500],
            content=draft.content,
            timing_kind=draft.timing_kind,
            timing_text=draft.timing_text[:500],
            due_date=draft.due_date,
            period=draft.period or ("quarter" if draft.timing_kind == "continuous" else ""),
            expected_output=draft.expected_output[:500],
            uncertain=draft.uncertain,
            # the head answers for the agency's work until the supervisor names someone else
            responsible=heads.get(sole_lead) if sole_lead else None,
        )
        _save_task_parties(task, draft)
    audit.record(
        actor=actor,
        action="plan.create",
        obj=plan,
        changes={"title": plan.title, "tasks": len(tasks), "source": plan.source_name},
    )
    return plan


# what the audit keeps of a task's change: {key in the record: field}
TASK_AUDITED = {"content": "content", "timing": "timing_text", "due": "due_date"}


@service
def update_task(*, actor: Person, task: Task, draft: TaskDraft, responsible: Person | None) -> Task:
    require(policy.can_manage_plans(actor), _("Only the province supervisor manages plans."))
    task = locked(Task.objects).select_related("plan").get(pk=task.pk)
    if task.plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("An issued plan's tasks can no longer be edited."))
    _validate_task(draft)
    watched = audit.Watched(task, TASK_AUDITED)
    task.ref, task.content, task.section = draft.ref[:32], draft.content, draft.section[:500]
    task.timing_kind, task.timing_text, task.due_date = (
        draft.timing_kind,
        draft.timing_text,
        draft.due_date,
    )
    task.period = draft.period or ("quarter" if draft.timing_kind == "continuous" else "")
    task.expected_output, task.responsible = draft.expected_output, responsible
    task.uncertain = []
    task.save()
    task.parties.all().delete()
    _save_task_parties(task, draft)
    audit.record(actor=actor, action="task.update", obj=task, changes=watched.changes())
    return task


def _agencies_of(party: TaskParty) -> list[int]:
    if party.agency_id:
        return [party.agency_id]
    if party.group_id:
        return list(party.group.members().values_list("pk", flat=True))  # type: ignore[union-attr]
    return []


def _locked_plan(actor: Person, plan: Plan, status: str, refusal: str) -> Plan:
    """The plan locked for a supervisor's step, refused with `refusal` unless it is at `status`."""
    require(policy.can_manage_plans(actor), _("Only the province supervisor manages plans."))
    plan = locked(Plan.objects).get(pk=plan.pk)
    if plan.status != status:
        raise ValidationError(refusal)
    return plan


@service
def issue_plan(*, actor: Person, plan: Plan) -> Plan:
    """Issues a draft: every lead and coordinator (groups expanded) gets its own assignment."""
    plan = _locked_plan(actor, plan, PlanStatus.DRAFT, _("Only a draft plan can be issued."))
    tasks = list(plan.tasks.prefetch_related("parties__group"))
    if not tasks:
        raise ValidationError(_("The plan has no tasks."))
    leaderless = [
        t.ref
        for t in tasks
        if not any(p.resolved for p in t.parties.all() if p.role == PartyRole.LEAD)
    ]
    if leaderless:
        raise ValidationError(
            _("These tasks have no lead agency from the directory: %(refs)s. Fix them first.")
            % {"refs": ", ".join(leaderless)}
        )
    assignments: list[Assignment] = []
    for task in tasks:
        roles: dict[int, str] = {}
        for party in task.parties.all():
            for agency_id in _agencies_of(party):
                if roles.get(agency_id) != PartyRole.LEAD:
                    roles[agency_id] = party.role
        assignments += [Assignment(task=task, agency_id=a, role=r) for a, r in roles.items()]
    Assignment.objects.bulk_create(assignments)
    plan.status = PlanStatus.ISSUED
    plan.issued_at = timezone.now()
    plan.save(update_fields=["status", "issued_at"])
    agency_ids = {a.agency_id for a in assignments}
    notify(
        people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), agency_ids),
        title=_("New plan assigned to your agency: %(title)s") % {"title": plan.title[:150]},
        url=reverse("plans:my_tasks"),
        key=f"plan-issued:{plan.pk}",
    )
    audit.record(
        actor=actor,
        action="plan.issue",
        obj=plan,
        changes={"assignments": len(assignments), "agencies": len(agency_ids)},
    )
    return plan


@service
def close_plan(*, actor: Person, plan: Plan) -> Plan:
    plan = _locked_plan(actor, plan, PlanStatus.ISSUED, _("Only an issued plan can be closed."))
    plan.status = PlanStatus.CLOSED
    plan.save(update_fields=["status"])
    audit.record(actor=actor, action="plan.close", obj=plan)
    return plan


@service
def post_progress(
    *,
    actor: Person,
    assignment: Assignment,
    status: str,
    note: str,
    files: list[tuple[str, bytes]] = (),  # type: ignore[assignment]
) -> ProgressUpdate:
    """An assigned agency reports: status, a note, evidence files (checked by content)."""
    require(
        policy.can_report_progress(actor, assignment),
        _("Only people of the assigned agency report its progress."),
    )
    if status not in Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Status.BLOCKED and not note.strip():
        raise ValidationError({"note": _("Say what blocks the task.")})
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError(
            _("At most %(n)s evidence files per update.") % {"n": MAX_EVIDENCE_FILES}
        )
    checked = [(name, data, check_upload(name, data, EVIDENCE_KINDS)) for name, data in files]
    assignment = (
        locked(Assignment.objects).select_related("task__plan", "agency").get(pk=assignment.pk)
    )
    if assignment.task.plan.status != PlanStatus.ISSUED:
        raise ValidationError(_("The plan is not in force: progress can no longer be reported."))
    if assignment.review == Review.ACCEPTED and assignment.task.timing_kind != "continuous":
        raise ValidationError(_("This task has been accepted as done."))
    task = assignment.task
    period = (
        rules.period_of(timezone.localdate(), task.period or "quarter")
        if task.timing_kind == "continuous"
        else ""
    )
    update = ProgressUpdate.objects.create(
        assignment=assignment, author=actor, status=status, note=note.strip(), period=period
    )
    for name, data, content_type in checked:
        evidence = Evidence(
            update=update,
            original_name=name[:255],
            size=len(data),
            sha256=sha256_of(data),
            content_type=content_type,
        )
        evidence.file.save(random_name("evidence", name), ContentFile(data), save=False)
        evidence.save()
    watched = audit.Watched(assignment, ("status", "review"))
    assignment.status = status
    assignment.review = Review.PENDING if status == Status.DONE else ""
    assignment.updated_at = timezone.now()
    assignment.save(update_fields=["status", "review", "updated_at"])
    if status == Status.DONE:
        notify(
            people_in_roles((Role.SUPERVISOR,)),
            title=_("%(agency)s reports task %(ref)s done")
            % {"agency": assignment.agency.name, "ref": task.ref},
            url=reverse("plans:assignment", args=[assignment.pk]),
            key=f"done:{assignment.pk}:{update.pk}",
        )
    audit.record(
        actor=actor,
        action="task.progress",
        obj=assignment,
        agency=assignment.agency,
        changes={
            **watched.changes(),
            "files": [name for name, _data, _type in checked],
        },
    )
    return update


@service
def review_progress(
    *, actor: Person, assignment: Assignment, accept: bool, note: str = ""
) -> Assignment:
    """The supervisor accepts a reported "done", or returns it with a reason."""
    require(policy.can_review_progress(actor), _("Only the province supervisor accepts results."))
    assignment = locked(Assignment.objects).select_related("task", "agency").get(pk=assignment.pk)
    if assignment.review != Review.PENDING:
        raise ValidationError(_("Nothing is awaiting acceptance on this assignment."))
    if not accept and not note.strip():
        raise ValidationError({"note": _("Say why the result is returned.")})
    assignment.review = Review.ACCEPTED if accept else Review.RETURNED
    assignment.review_note = note.strip()[:500]
    if not accept:
        assignment.status = Status.IN_PROGRESS
    assignment.save(update_fields=["review", "review_note", "status"])
    notify(
        people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {assignment.agency_id}),
        title=(_("Task %(ref)s accepted") if accept else _("Task %(ref)s returned"))
        % {"ref": assignment.task.ref},
        url=reverse("plans:assignment", args=[assignment.pk]),
        key=f"review:{assignment.pk}:{assignment.review}:{timezone.now().timestamp()}",
    )
    audit.record(
        actor=actor,
        action="task.accept" if accept else "task.return",
        obj=assignment,
        agency=assignment.agency,
        changes={"note": assignment.review_note},
    )
    return assignment
