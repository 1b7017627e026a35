"""Province node → agency node: the directory, plans and their review, reporting periods and
the province's decisions on the agency's reports. The province owns all of these; the agency
node keeps a copy it does not edit (its own progress and reports travel back up)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.notify import notify
from bmnn.inspections.services import LEGAL_FIELDS, library_text
from bmnn.org.models import Agency, AgencyGroup, Role
from bmnn.org.queries import people_in_roles
from bmnn.plans import services as plan_services
from bmnn.plans.models import Assignment, Plan, Review, Status, Task, TaskParty
from bmnn.reports import services as report_services
from bmnn.reports.models import ReportingPeriod, Submission, SubmissionEvent
from bmnn.sync import rules
from bmnn.sync.models import Peer
from bmnn.sync.sections import Payload, Section, link, local_id, need, remote_person

AGENCY_FIELDS = ("name", "short_name", "type", "is_active", "address", "phone")
GROUP_FIELDS = ("name", "agency_types", "aliases")
PLAN_FIELDS = (*plan_services.PLAN_FIELDS, "status", "issued_at")  # its header, and its state
TASK_FIELDS = ("ref", "order", *plan_services.TASK_FIELDS, "uncertain")
PERIOD_FIELDS = (*report_services.PERIOD_FIELDS, "status")  # what it asks, and its state
DATES = {"date", "due_date", "window_start", "window_end", "due_on", "statutory_due_on"}


def _served(peer: Peer) -> Agency:
    if peer.agency is None:
        raise ValidationError(_("This agency node is not tied to an agency of the directory."))
    return peer.agency


def _values(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name in names:
        value = getattr(row, name)
        out[name] = value.isoformat() if isinstance(value, date | datetime) else value
    return out


def _typed(record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    out = {}
    for name in names:
        value = record.get(name)
        try:
            if name in DATES and value:
                value = date.fromisoformat(value)
            elif name == "issued_at" and value:
                value = datetime.fromisoformat(value)
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                _("The bundle has a malformed date (%(v)s).") % {"v": str(value)[:20]}
            ) from exc
        out[name] = (
            value if value is not None else ("" if name not in DATES | {"issued_at"} else None)
        )
    return out


# --- Directory -----------------------------------------------------------------------------------


def export_directory(peer: Peer, payload: Payload, mark: Any) -> Any:
    agencies = Agency.objects.select_related("parent").order_by("pk")
    payload.add(
        "directory",
        [
            {
                "code": a.code,
                "parent": a.parent.code if a.parent else None,
                **_values(a, AGENCY_FIELDS),
            }
            for a in agencies
        ]
        + [
            {"group": g.code, **_values(g, GROUP_FIELDS)}
            for g in AgencyGroup.objects.order_by("pk")
        ],
    )
    return None


def apply_directory(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    by_code = {a.code: a for a in Agency.objects.all()}
    for record in records:
        if "group" in record:
            AgencyGroup.objects.update_or_create(
                code=need(record["group"], "a group code")[:64],
                defaults={n: record.get(n) or ([] if n != "name" else "") for n in GROUP_FIELDS},
            )
            continue
        code = need(record.get("code"), "an agency code")[:64]
        agency = by_code.get(code) or Agency(code=code)
        for name in AGENCY_FIELDS:
            setattr(
                agency, name, record.get(name) if name == "is_active" else (record.get(name) or "")
            )
        agency.is_active = bool(agency.is_active)
        agency.full_clean(exclude=["parent", "code"])
        agency.save()
        by_code[code] = agency
    for record in records:
        if "code" in record:
            agency = by_code[record["code"][:64]]
            parent = by_code.get(record.get("parent") or "")
            if agency.parent_id != (parent.pk if parent else None):
                agency.parent = parent
                agency.save(update_fields=["parent"])


# --- Plans and the tasks assigned to the agency --------------------------------------------------


def export_plans(peer: Peer, payload: Payload, mark: Any) -> Any:
    agency = _served(peer)
    assignments = list(
        Assignment.objects.filter(agency=agency, task__plan__status__in=["issued", "closed"])
        .select_related("task__plan")
        .prefetch_related("task__parties__agency", "task__parties__group")
        .order_by("task__plan_id", "task__order", "pk")
    )
    plans: dict[int, dict[str, Any]] = {}
    for assignment in assignments:
        task, plan = assignment.task, assignment.task.plan
        entry = plans.setdefault(
            plan.pk, {"id": plan.pk, **_values(plan, PLAN_FIELDS), "tasks": []}
        )
        entry["tasks"].append(
            {
                "id": task.pk,
                **_values(task, TASK_FIELDS),
                "parties": [
                    {
                        "role": p.role,
                        "words": p.words,
                        "agency": p.agency.code if p.agency else None,
                        "group": p.group.code if p.group else None,
                    }
                    for p in task.parties.all()
                ],
                "assignment": {
                    "id": assignment.pk,
                    "role": assignment.role,
                    "status": assignment.status,
                    "review": assignment.review,
                    "review_note": assignment.review_note,
                },
            }
        )
    payload.add("plans", list(plans.values()))
    return None


def apply_plans(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.core.policy import node_agency_ids

    own = Agency.objects.filter(pk__in=node_agency_ids()).first()
    if own is None:
        raise ValidationError(_("This agency node's agency is not in its directory yet."))
    agencies = {a.code: a for a in Agency.objects.all()}
    groups = {g.code: g for g in AgencyGroup.objects.all()}
    returned = []
    for record in records:
        plan_id = local_id(peer, "plan", need(record.get("id"), "a plan id"))
        plan = Plan.objects.filter(pk=plan_id).first() if plan_id else None
        plan = plan or Plan()
        for name, value in _typed(record, PLAN_FIELDS).items():
            setattr(plan, name, value)
        plan.full_clean(exclude=["source_file", "created_by", "issuer"])
        plan.save()
        link(peer, "plan", record["id"], plan.pk)
        for entry in record.get("tasks") or []:
            task_id = local_id(peer, "task", need(entry.get("id"), "a task id"))
            task = Task.objects.filter(pk=task_id, plan=plan).first() if task_id else None
            task = task or Task(plan=plan)
            for name, value in _typed(entry, TASK_FIELDS).items():
                setattr(task, name, value if value is not None or name in DATES else "")
            task.uncertain = entry.get("uncertain") or []
            task.full_clean(exclude=["plan", "responsible"])
            task.save()
            link(peer, "task", entry["id"], task.pk)
            task.parties.all().delete()
            TaskParty.objects.bulk_create(
                TaskParty(
                    task=task,
                    role=p.get("role") or "lead",
                    words=(p.get("words") or "")[:500],
                    agency=agencies.get(p.get("agency") or ""),
                    group=groups.get(p.get("group") or ""),
                )
                for p in entry.get("parties") or []
            )
            given = entry.get("assignment") or {}
            assignment_id = local_id(peer, "assignment", need(given.get("id"), "an assignment id"))
            assignment = (
                Assignment.objects.filter(pk=assignment_id).first() if assignment_id else None
            )
            if assignment is None:
                assignment = Assignment.objects.create(
                    task=task,
                    agency=own,
                    role=given.get("role") or "lead",
                    status=given.get("status") or Status.NOT_STARTED,
                )
                link(peer, "assignment", given["id"], assignment.pk)
            review = given.get("review") or ""
            if review in Review.values and (review, given.get("review_note") or "") != (
                assignment.review,
                assignment.review_note,
            ):
                assignment.review, assignment.review_note = (
                    review,
                    (given.get("review_note") or "")[:500],
                )
                if review == Review.RETURNED:
                    assignment.status = Status.IN_PROGRESS
                    returned.append(assignment)
                assignment.save(update_fields=["review", "review_note", "status"])
    if returned:
        notify(
            people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {own.pk}),
            title=_("The province returned %(n)s task results") % {"n": len(returned)},
            url=reverse("plans:my_tasks"),
            key=f"sync-returned:{peer.pk}:{timezone.now().timestamp()}",
        )


# --- Reporting periods and the province's decisions on the agency's reports -------------------


def export_periods(peer: Peer, payload: Payload, mark: Any) -> Any:
    from bmnn.reports.services import expected_agencies

    agency = _served(peer)
    periods = [
        p
        for p in ReportingPeriod.objects.prefetch_related("targets", "target_groups").order_by("pk")
        if expected_agencies(p).filter(pk=agency.pk).exists()
    ]
    decisions = (
        SubmissionEvent.objects.filter(
            submission__agency=agency,
            submission__period__in=periods,
            action__in=[SubmissionEvent.Action.RETURN, SubmissionEvent.Action.ACCEPT],
        )
        .select_related("actor", "submission")
        .order_by("pk")
    )
    payload.add(
        "periods",
        [{"id": p.pk, **_values(p, PERIOD_FIELDS)} for p in periods]
        + [
            {
                "decision": e.pk,
                "period": e.submission.period_id,
                "action": e.action,
                "comment": e.comment,
                "by": e.actor.get_full_name(),
                "by_login": e.actor.username,
                "at": e.at.isoformat(),
            }
            for e in decisions
        ],
    )
    return None


def apply_periods(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.core.policy import node_agency_ids

    own = Agency.objects.filter(pk__in=node_agency_ids()).first()
    if own is None:
        raise ValidationError(_("This agency node's agency is not in its directory yet."))
    for record in records:
        if "decision" in record:
            continue
        period_id = local_id(peer, "period", need(record.get("id"), "a period id"))
        period = ReportingPeriod.objects.filter(pk=period_id).first() if period_id else None
        period = period or ReportingPeriod()
        for name, value in _typed(record, PERIOD_FIELDS).items():
            setattr(period, name, value)
        period.questions = record.get("questions") or []
        period.full_clean(
            exclude=["created_by", "targets", "target_groups"], validate_constraints=False
        )
        period.save()
        period.targets.add(own)
        link(peer, "period", record["id"], period.pk)
    for record in records:
        if "decision" not in record or local_id(peer, "decision", record["decision"]):
            continue
        period_id = local_id(peer, "period", record.get("period"))
        submission = Submission.objects.filter(period_id=period_id, agency=own).first()
        if submission is None:
            raise ValidationError(_("The bundle decides on a report this node never sent."))
        by = remote_person(
            peer, str(record.get("by_login") or "province"), str(record.get("by") or "")
        )
        action = record.get("action")
        if action not in (SubmissionEvent.Action.RETURN, SubmissionEvent.Action.ACCEPT):
            raise ValidationError(_("The bundle has an unknown decision on a report."))
        accept = action == SubmissionEvent.Action.ACCEPT
        if submission.state == Submission.State.SIGNED:
            report_services.settle(submission, by, accept)
        event = SubmissionEvent.objects.create(
            submission=submission,
            actor=by,
            action=action,
            comment=(record.get("comment") or "")[:20_000],
        )
        link(peer, "decision", record["decision"], event.pk)
        report_services.tell_of_decision(
            submission, accept, key=f"sync-decision:{peer.pk}:{record['decision']}"
        )


# --- The province's follow-up of the agency's incidents ------------------------------------------


def export_incident_steps(peer: Peer, payload: Payload, mark: Any) -> Any:
    from bmnn.reports.models import IncidentStep
    from bmnn.sync.models import Link

    theirs = dict(
        Link.objects.filter(peer=peer, model="incident").values_list("local_id", "remote_id")
    )
    came = set(Link.objects.filter(peer=peer, model="step").values_list("local_id", flat=True))
    steps = list(
        IncidentStep.objects.filter(incident_id__in=theirs, pk__gt=int(mark or 0))
        .exclude(pk__in=came)
        .select_related("author")
        .order_by("pk")
    )
    payload.add(
        "incident_steps",
        [
            {
                "step": s.pk,
                "incident": theirs[s.incident_id],
                "text": s.text,
                "closes": s.closes,
                "by": s.author.get_full_name(),
                "by_login": s.author.username,
                "at": s.created_at.isoformat(),
            }
            for s in steps
        ],
    )
    return steps[-1].pk if steps else mark


def apply_incident_steps(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.core.policy import node_agency_ids
    from bmnn.reports.models import Incident, IncidentStep

    for record in records:
        if local_id(peer, "step", need(record.get("step"), "a step id")):
            continue
        incident = Incident.objects.filter(
            pk=int(need(record.get("incident"), "an incident")), agency_id__in=node_agency_ids()
        ).first()
        if incident is None:
            raise ValidationError(_("The bundle follows up an incident this node never sent."))
        by = remote_person(
            peer, str(record.get("by_login") or "province"), str(record.get("by") or "")
        )
        closes = bool(record.get("closes"))
        if closes and not rules.may_close_incident(peer.role):
            raise ValidationError(_("Only the province node closes an incident."))
        step = IncidentStep.objects.create(
            incident=incident, text=str(record.get("text") or "")[:20_000], author=by, closes=closes
        )
        if closes and incident.status != Incident.Status.CLOSED:
            incident.status, incident.closed_at = Incident.Status.CLOSED, timezone.now()
            incident.save(update_fields=["status", "closed_at"])
        link(peer, "step", record["step"], step.pk)


# --- The legal library and the secret catalogues ------------------------------------------------

CATALOGUE_FIELDS = ("sector", "decision", "issued_on", "valid_from", "valid_to")
ENTRY_FIELDS = ("code", "text", "level", "is_active", "valid_from", "removed_on")
CHANGE_FIELDS = ("change", "effective_on", "decision", "old_level", "new_level")
LIBRARY_DATES = {
    "issued_on",
    "valid_from",
    "valid_to",
    "removed_on",
    "effective_on",
    "effective_from",
    "effective_to",
}


def _library_values(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        n: (getattr(row, n).isoformat() if isinstance(getattr(row, n), date) else getattr(row, n))
        for n in names
    }


def _library_typed(record: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        value = record.get(name)
        if name in LIBRARY_DATES:
            try:
                out[name] = date.fromisoformat(value) if value else None
            except (TypeError, ValueError) as exc:
                raise ValidationError(
                    _("The bundle has a malformed date (%(v)s).") % {"v": str(value)[:20]}
                ) from exc
        elif name == "is_active":
            out[name] = bool(value)
        else:
            out[name] = "" if value is None else value
    return out


def export_library(peer: Peer, payload: Payload, mark: Any) -> Any:
    """The secret catalogues (with their entries and each entry's changes) an agency classifies
    under, and the legal library's documents (their texts stay at the province)."""
    from bmnn.inspections.models import LegalDocument
    from bmnn.registry.models import Catalogue

    catalogues = Catalogue.objects.prefetch_related("items__changes").order_by("pk")
    payload.add(
        "library",
        [
            {
                "catalogue": c.pk,
                "replaces": c.replaces_id,
                **_library_values(c, CATALOGUE_FIELDS),
                "entries": [
                    {
                        "id": e.pk,
                        **_library_values(e, ENTRY_FIELDS),
                        "changes": [
                            {"id": ch.pk, **_library_values(ch, CHANGE_FIELDS)}
                            for ch in e.changes.all()
                        ],
                    }
                    for e in c.items.all()
                ],
            }
            for c in catalogues
        ]
        + [
            {"document": d.pk, **_library_values(d, LEGAL_FIELDS)}
            for d in LegalDocument.objects.order_by("pk")
        ],
    )
    return None


def apply_library(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.inspections.models import LegalDocument
    from bmnn.registry.models import Catalogue, CatalogueChange, CatalogueItem

    for record in records:
        if "document" in record:
            found = local_id(peer, "legal", record["document"])
            document = LegalDocument.objects.filter(pk=found).first() if found else None
            document = document or LegalDocument()
            for name, value in _library_typed(record, LEGAL_FIELDS).items():
                setattr(document, name, value)
            document.full_clean(exclude=["search_text"])
            document.search_text = library_text(document)
            document.save()
            link(peer, "legal", record["document"], document.pk)
            continue
        found = local_id(peer, "catalogue", need(record.get("catalogue"), "a catalogue id"))
        catalogue = Catalogue.objects.filter(pk=found).first() if found else None
        catalogue = catalogue or Catalogue()
        for name, value in _library_typed(record, CATALOGUE_FIELDS).items():
            setattr(catalogue, name, value)
        replaced = (
            local_id(peer, "catalogue", record["replaces"]) if record.get("replaces") else None
        )
        catalogue.replaces_id = replaced
        catalogue.full_clean(exclude=["replaces"])
        catalogue.save()
        link(peer, "catalogue", record["catalogue"], catalogue.pk)
        for given in record.get("entries") or []:
            found = local_id(peer, "catalogue_entry", need(given.get("id"), "a catalogue entry id"))
            entry = (
                CatalogueItem.objects.filter(pk=found, catalogue=catalogue).first()
                if found
                else None
            )
            entry = entry or CatalogueItem(catalogue=catalogue)
            for name, value in _library_typed(given, ENTRY_FIELDS).items():
                setattr(entry, name, value)
            entry.full_clean(exclude=["catalogue"])
            entry.save()
            link(peer, "catalogue_entry", given["id"], entry.pk)
            for change in given.get("changes") or []:
                if local_id(
                    peer, "catalogue_change", need(change.get("id"), "a catalogue change id")
                ):
                    continue
                recorder = remote_person(peer, "province", "")
                made = CatalogueChange.objects.create(
                    entry=entry, recorded_by=recorder, **_library_typed(change, CHANGE_FIELDS)
                )
                link(peer, "catalogue_change", change["id"], made.pk)


from bmnn.sync.sections import inspections  # noqa: E402  (next to the tuple it extends)

SECTIONS = (
    Section("directory", "province", export_directory, apply_directory),
    Section("plans", "province", export_plans, apply_plans),
    Section("periods", "province", export_periods, apply_periods),
    Section("library", "province", export_library, apply_library),
    Section("incident_steps", "province", export_incident_steps, apply_incident_steps),
    inspections.SECTION_DOWN,
)
