"""Inspection, training and library services: each checks the policy and writes the audit
chain; the agency inspected is told of each finding, the team of each remediation."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import assign, locked, require, service
from bmnn.core.storage import random_name
from bmnn.core.text import fold
from bmnn.core.uploads import check_upload
from bmnn.inspections import checklist
from bmnn.inspections.models import (
    Answer,
    Attendance,
    BudgetEstimate,
    BudgetLine,
    ChecklistItem,
    Finding,
    Inspection,
    LegalDocument,
    Regulation,
    Remediation,
    StaffDesignation,
    Target,
    TrainingSession,
)
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles

# Bounds of what a person types: the budget's amounts are stored in 15 digits (VND), years in a
# small integer; participants in a JSON count that later sums into report figures.
MAX_AMOUNT = 10**15 - 1
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_PARTICIPANTS = 1_000_000
# What an inspection is and when: what the API shows and the province sends down of its heading
HEADING_FIELDS = (
    "title",
    "year",
    "decision",
    "scope",
    "period_from",
    "period_to",
    "on_site_from",
    "on_site_to",
)
# What a text of the legal library says: what the API shows of it and the province sends down
LEGAL_FIELDS = (
    "kind",
    "number",
    "title",
    "issuer",
    "sector",
    "issued_on",
    "effective_from",
    "effective_to",
    "summary",
)


def _agency_people(agency_id: int) -> list[Person]:
    return list(people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {agency_id}))


@service
def create_inspection(
    *,
    actor: Person,
    kind: str,
    title: str,
    year: int,
    period_from: date,
    period_to: date,
    on_site_from: date,
    on_site_to: date,
    agencies: Iterable[Agency],
    leader: Person | None = None,
    team: Iterable[Person] = (),
    decision: str = "",
    scope: str = "",
    schedule: Mapping[int, tuple[date | None, date | None]] | None = None,
    self_report_due: date | None = None,
    source: str = "",
) -> Inspection:
    """An inspection plan (supervisors) or a self-inspection (the agency's head or officer),
    with its own copy of the default checklist. An imported plan also gives each agency's days
    (`schedule`, by agency id), the date the agencies send their own reports, and the file it
    came from (`source`, kept in the audit event)."""
    agencies = list(dict.fromkeys(agencies))
    if not agencies:
        raise ValidationError({"agencies": _("Choose at least one agency.")})
    if kind == Inspection.Kind.SELF:
        require(
            len(agencies) == 1 and policy.can_self_inspect(actor, agencies[0].pk),
            _("An agency inspects only itself, by its head or security officer."),
        )
        leader = leader or actor
    else:
        require(
            policy.can_plan_inspections(actor), _("Only province supervisors plan inspections.")
        )
    if leader is None:
        raise ValidationError({"leader": _("Name the team leader.")})
    if period_to < period_from or on_site_to < on_site_from:
        raise ValidationError(_("An end date is before its start."))
    schedule = dict(schedule or {})
    if set(schedule) - {a.pk for a in agencies}:
        raise ValidationError(_("The schedule names an agency that is not inspected."))
    for start, end in schedule.values():
        if start and end and end < start:
            raise ValidationError(_("An end date is before its start."))
    inspection = Inspection.objects.create(
        kind=kind,
        title=title.strip(),
        year=year,
        decision=decision.strip(),
        scope=scope.strip(),
        period_from=period_from,
        period_to=period_to,
        on_site_from=on_site_from,
        on_site_to=on_site_to,
        leader=leader,
        checklist_version=checklist.VERSION,
        self_report_due=self_report_due,
        created_by=actor,
    )
    inspection.team.set([p for p in team if p.pk != leader.pk])
    Target.objects.bulk_create(
        Target(
            inspection=inspection,
            agency=a,
            scheduled_from=schedule.get(a.pk, (None, None))[0],
            scheduled_to=schedule.get(a.pk, (None, None))[1],
        )
        for a in agencies
    )
    english = (get_language() or "vi").startswith("en")
    rows, position = [], 0
    for area in checklist.AREAS:
        for item in area.items:
            position += 1
            rows.append(
                ChecklistItem(
                    inspection=inspection,
                    area_code=area.code,
                    area_title=area.title_en if english else area.title,
                    code=item.code,
                    text=item.text_en if english else item.text,
                    source=item.source,
                    position=position,
                )
            )
    ChecklistItem.objects.bulk_create(rows)
    changes: dict[str, Any] = {
        "kind": kind,
        "agencies": [a.pk for a in agencies],
        "checklist": checklist.VERSION,
    }
    if source:  # an imported plan: where it came from and what it scheduled
        changes |= {
            "source": source[:255],
            "schedule": {str(pk): list(days) for pk, days in schedule.items()},
            "self_report_due": self_report_due,
        }
    audit.record(actor=actor, action="inspection.create", obj=inspection, changes=changes)
    for agency in agencies:
        notify(
            _agency_people(agency.pk),
            title=_("Inspection planned: %(title)s") % {"title": inspection.title},
            url=reverse("inspections:detail", args=[inspection.pk]),
            key=f"inspection-{inspection.pk}",
        )
    return inspection


@service
def edit_checklist(
    *,
    actor: Person,
    inspection: Inspection,
    add: tuple[str, str, str] | None = None,
    remove: ChecklistItem | None = None,
) -> Inspection:
    """Adds an item (area title, text, source) or drops one; answers already given stay."""
    # locked: two members adding an item at once would otherwise both count the same items and
    # pick the same code; the second now waits and counts the first one's item too
    inspection = locked(Inspection.objects).get(pk=inspection.pk)
    require(
        policy.is_inspector_of(actor, inspection),
        _("Only the inspection team edits its checklist."),
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("The inspection is concluded."))
    if remove is not None and remove.inspection_id != inspection.pk:
        raise ValidationError(_("This item is not on the inspection's checklist."))
    if add is not None:
        area, text, source = (part.strip() for part in add)
        if not text:
            raise ValidationError({"text": _("Write what is checked.")})
        count = inspection.items.count()
        ChecklistItem.objects.create(
            inspection=inspection,
            area_code="extra",
            area_title=area or _("Other"),
            code=f"extra.{count + 1}",
            text=text,
            source=source,
            position=count + 1,
        )
    if remove is not None:
        ChecklistItem.objects.filter(pk=remove.pk, inspection=inspection).update(removed=True)
    audit.record(
        actor=actor,
        action="inspection.checklist",
        obj=inspection,
        changes={"added": add[1] if add else None, "removed": remove.code if remove else None},
    )
    return inspection


@service
def answer(
    *, actor: Person, target: Target, item: ChecklistItem, result: str, evidence: str = ""
) -> Answer:
    inspection = Inspection.objects.get(
        pk=target.inspection_id
    )  # fresh: the status may have changed
    require(
        policy.is_inspector_of(actor, inspection),
        _("Only the inspection team answers the checklist."),
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("The inspection is concluded."))
    if item.inspection_id != inspection.pk or item.removed:
        raise ValidationError(_("This item is not on the inspection's checklist."))
    if result not in Answer.Result.values:
        raise ValidationError({"result": _("Unknown result.")})
    if result == Answer.Result.NOT_COMPLIANT and not evidence.strip():
        raise ValidationError({"evidence": _("Say what was seen that does not comply.")})
    row = _save_answer(actor, inspection, target, item, result, evidence)
    _mark_started(inspection)
    return row


def _mark_started(inspection: Inspection) -> None:
    """A planned inspection is under way once its first answer is saved."""
    if inspection.status == Inspection.Status.PLANNED:
        Inspection.objects.filter(pk=inspection.pk).update(status=Inspection.Status.IN_PROGRESS)


def _save_answer(
    actor: Person,
    inspection: Inspection,
    target: Target,
    item: ChecklistItem,
    result: str,
    evidence: str,
) -> Answer:
    """Saves one checked answer (a new one or over the last) and audits it."""
    row, _created = Answer.objects.update_or_create(
        target=target,
        item=item,
        defaults={"result": result, "evidence": evidence.strip(), "answered_by": actor},
    )
    audit.record(
        actor=actor,
        action="inspection.answer",
        obj=inspection,
        agency=target.agency,
        changes={"item": item.code, "result": result},
    )
    return row


@service
def answer_checklist(
    *, actor: Person, target: Target, answers: Iterable[tuple[ChecklistItem, str, str]]
) -> int:
    """Several answers of one agency's checklist at once (item, result, evidence): all are saved
    or none. A refusal names the item's fields (`result-<id>`, `evidence-<id>`). Returns how many
    answers were saved."""
    inspection = Inspection.objects.get(pk=target.inspection_id)
    require(
        policy.is_inspector_of(actor, inspection),
        _("Only the inspection team answers the checklist."),
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("The inspection is concluded."))
    rows = list(answers)
    problems: dict[str, str] = {}
    for item, result, evidence in rows:
        if item.inspection_id != inspection.pk or item.removed:
            problems[f"result-{item.pk}"] = _("This item is not on the inspection's checklist.")
        elif result not in Answer.Result.values:
            problems[f"result-{item.pk}"] = _("Unknown result.")
        elif result == Answer.Result.NOT_COMPLIANT and not evidence.strip():
            problems[f"evidence-{item.pk}"] = _("Say what was seen that does not comply.")
    if problems:
        raise ValidationError(problems)
    for item, result, evidence in rows:
        _save_answer(actor, inspection, target, item, result, evidence)
    if rows:
        _mark_started(inspection)
    return len(rows)


@service
def record_finding(
    *,
    actor: Person,
    target: Target,
    description: str,
    rule: str,
    deadline: date,
    severity: str = Finding.Severity.MEDIUM,
    item: ChecklistItem | None = None,
    responsible: Person | None = None,
) -> Finding:
    inspection = Inspection.objects.get(pk=target.inspection_id)
    require(
        policy.is_inspector_of(actor, inspection), _("Only the inspection team records findings.")
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("The inspection is concluded."))
    if not description.strip() or not rule.strip():
        raise ValidationError(_("Describe the finding and the rule it breaks."))
    if deadline < timezone.localdate():
        raise ValidationError({"deadline": _("The deadline is in the past.")})
    finding = Finding.objects.create(
        target=target,
        item=item,
        severity=severity,
        description=description.strip(),
        rule=rule.strip(),
        responsible=responsible,
        deadline=deadline,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="inspection.finding",
        obj=finding,
        agency=target.agency,
        changes={"severity": severity, "deadline": deadline, "rule": rule},
    )
    notify(
        [*_agency_people(target.agency_id), responsible],
        title=_("Inspection finding to remedy by %(day)s") % {"day": deadline.strftime("%d/%m/%Y")},
        url=reverse("inspections:finding", args=[finding.pk]),
        key=f"inspection-finding-{finding.pk}",
    )
    return finding


@service
def post_remediation(*, actor: Person, finding: Finding, text: str) -> Remediation:
    finding = locked(Finding.objects).select_related("target__inspection").get(pk=finding.pk)
    require(
        policy.can_remediate(actor, finding.target.agency_id),
        _("The inspected agency's head or security officer reports the remediation."),
    )
    if finding.status == Finding.Status.VERIFIED:
        raise ValidationError(_("This finding is already closed."))
    if not text.strip():
        raise ValidationError({"text": _("Say what was done.")})
    remediation = Remediation.objects.create(finding=finding, text=text.strip(), posted_by=actor)
    finding.status = Finding.Status.REMEDIATED
    finding.save(update_fields=["status"])
    audit.record(
        actor=actor,
        action="inspection.remediation",
        obj=finding,
        agency=finding.target.agency,
        changes={"text": text.strip()[:500]},
    )
    inspection = finding.target.inspection
    notify(
        [inspection.leader, *inspection.team.all()],
        title=_("Remediation reported: %(agency)s") % {"agency": finding.target.agency.name},
        url=reverse("inspections:finding", args=[finding.pk]),
        key=f"inspection-remediation-{remediation.pk}",
    )
    return remediation


@service
def verify(*, actor: Person, finding: Finding, accept: bool, comment: str = "") -> Finding:
    """The inspector checks the remediation: accepted closes the finding, otherwise it reopens."""
    finding = locked(Finding.objects).select_related("target__inspection").get(pk=finding.pk)
    require(
        policy.is_inspector_of(actor, finding.target.inspection),
        _("Only the inspection team verifies."),
    )
    if finding.status != Finding.Status.REMEDIATED:
        raise ValidationError(_("There is no remediation to verify."))
    if not accept and not comment.strip():
        raise ValidationError({"comment": _("Say why the remediation is not enough.")})
    latest = finding.remediations.order_by("-pk").values_list("pk", flat=True).first()
    Remediation.objects.filter(pk=latest or 0).update(accepted=accept, comment=comment.strip())
    finding.status = Finding.Status.VERIFIED if accept else Finding.Status.OPEN
    finding.verified_by, finding.verified_at = (actor, timezone.now()) if accept else (None, None)
    finding.save(update_fields=["status", "verified_by", "verified_at"])
    audit.record(
        actor=actor,
        action="inspection.verify",
        obj=finding,
        agency=finding.target.agency,
        changes={"accepted": accept, "comment": comment},
    )
    notify(
        _agency_people(finding.target.agency_id),
        title=_("Remediation accepted") if accept else _("Remediation not accepted"),
        url=reverse("inspections:finding", args=[finding.pk]),
        key=f"inspection-verify-{finding.pk}-{accept}-{timezone.now():%Y%m%d%H%M%S}",
    )
    return finding


@service
def conclude(*, actor: Person, inspection: Inspection) -> Inspection:
    inspection = locked(Inspection.objects).get(pk=inspection.pk)
    require(
        inspection.leader_id == actor.pk or policy.can_plan_inspections(actor),
        _("The team leader concludes the inspection."),
    )
    if inspection.status == Inspection.Status.CONCLUDED:
        raise ValidationError(_("The inspection is concluded."))
    inspection.status, inspection.concluded_at = Inspection.Status.CONCLUDED, timezone.now()
    inspection.save(update_fields=["status", "concluded_at"])
    audit.record(actor=actor, action="inspection.conclude", obj=inspection, changes={})
    return inspection


@service
def record_training(
    *,
    actor: Person,
    agency: Agency,
    kind: str,
    title: str,
    held_on: date,
    audience: str = "",
    participants: dict[str, int] | None = None,
    materials: str = "",
    attendees: Iterable[Person] = (),
    names: Iterable[str] = (),
) -> TrainingSession:
    require(
        policy.can_record_training(actor, agency.pk),
        _("The agency's head or security officer records its training."),
    )
    if kind not in TrainingSession.Kind.values:
        raise ValidationError({"kind": _("Unknown kind.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Record a session once it has taken place.")})
    counts = {str(k): int(v) for k, v in (participants or {}).items() if int(v) > 0}
    if any(value > MAX_PARTICIPANTS for value in counts.values()):
        raise ValidationError({"participants": _("That many participants cannot be right.")})
    session = TrainingSession.objects.create(
        agency=agency,
        kind=kind,
        title=title.strip(),
        held_on=held_on,
        audience=audience.strip(),
        participants=counts,
        materials=materials.strip(),
        created_by=actor,
    )
    people = list(dict.fromkeys(attendees))
    Attendance.objects.bulk_create(
        [Attendance(session=session, person=p, name=p.full_name) for p in people]
        + [Attendance(session=session, name=n.strip()) for n in names if n.strip()]
    )
    audit.record(
        actor=actor,
        action="training.record",
        obj=session,
        agency=agency,
        changes={"kind": kind, "held_on": held_on, "attendees": len(people)},
    )
    return session


def library_text(document: LegalDocument) -> str:
    """What the library's search reads of `document`, folded."""
    return fold(
        " ".join(
            [document.number, document.title, document.issuer, document.sector, document.summary]
        )
    )


@service
def save_legal_document(
    *, actor: Any, document: LegalDocument | None = None, **fields: Any
) -> LegalDocument:
    if actor is not None:
        require(
            policy.can_manage_library(actor),
            _("Only supervisors and administrators keep the legal library."),
        )
    document = document or LegalDocument()
    assign(document, fields)
    if document.effective_to and document.effective_to < document.effective_from:
        raise ValidationError({"effective_to": _("The end of force is before its start.")})
    document.search_text = library_text(document)
    document.save()
    audit.record(
        actor=actor, action="library.save", obj=document, changes={"number": document.number}
    )
    return document


@service
def set_regulation(
    *,
    actor: Person,
    agency: Agency,
    status: str,
    document_number: str = "",
    issued_on: date | None = None,
    review_due: date | None = None,
    file: tuple[str, bytes] | None = None,
) -> Regulation:
    require(
        policy.can_self_inspect(actor, agency.pk) or policy.can_plan_inspections(actor),
        _("The agency's head or security officer keeps its regulation record."),
    )
    if status not in Regulation.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == Regulation.Status.ISSUED and (not document_number.strip() or issued_on is None):
        raise ValidationError(_("An issued regulation has its document number and date."))
    regulation, _created = Regulation.objects.update_or_create(
        agency=agency,
        defaults={
            "status": status,
            "document_number": document_number.strip(),
            "issued_on": issued_on,
            "review_due": review_due,
            "updated_by": actor,
        },
    )
    if file is not None:
        name, data = file
        check_upload(name, data, {"pdf", "docx"})
        regulation.file.save(random_name("regulations", name), ContentFile(data), save=False)
        regulation.file_name = name[:255]
        regulation.save(update_fields=["file", "file_name"])
    audit.record(
        actor=actor,
        action="regulation.set",
        obj=regulation,
        agency=agency,
        changes={"status": status, "document": document_number},
    )
    return regulation


@service
def designate_staff(
    *, actor: Person, agency: Agency, person: Person, mode: str, decision: str, decided_on: date
) -> StaffDesignation:
    """The head designates, in writing, who does state-secret work (ND26 Art. 7)."""
    require(
        policy.is_head_of(actor, agency.pk) or policy.can_plan_inspections(actor),
        _("The head of the agency designates its state-secret staff."),
    )
    if mode not in StaffDesignation.Mode.values:
        raise ValidationError({"mode": _("Unknown kind.")})
    if not decision.strip():
        raise ValidationError(
            {"decision": _("The designation is made in writing: give the decision.")}
        )
    if not person.memberships.filter(agency=agency, is_active=True).exists():
        raise ValidationError({"person": _("Designate someone who works in the agency.")})
    row = StaffDesignation.objects.create(
        agency=agency,
        person=person,
        mode=mode,
        decision=decision.strip(),
        decided_on=decided_on,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="staff.designate",
        obj=row,
        agency=agency,
        changes={"person": person.pk, "mode": mode, "decision": decision},
    )
    return row


@service
def save_budget(
    *,
    actor: Person,
    year: int,
    lines: list[tuple[str, int]],
    status: str = "draft",
    submitted_on: date | None = None,
    appraised_by: str = "",
    decision: str = "",
    decided_on: date | None = None,
    allocated: list[int | None] | None = None,
) -> BudgetEstimate:
    """The annual estimate (supervisors of the provincial police): lines, submission for
    appraisal, the decision and the amounts allocated."""
    require(
        policy.can_plan_inspections(actor), _("Province supervisors prepare the budget estimate.")
    )
    if any(amount < 0 for _item, amount in lines) or not lines:
        raise ValidationError({"lines": _("At least one line, amounts not negative.")})
    if any(amount > MAX_AMOUNT for _item, amount in lines):
        raise ValidationError({"lines": _("An amount has more than 15 digits.")})
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError({"year": _("The year must be between 2000 and 2100.")})
    if status == BudgetEstimate.Status.DECIDED and (not decision.strip() or decided_on is None):
        raise ValidationError(_("A decided estimate has its decision number and date."))
    estimate, _created = BudgetEstimate.objects.update_or_create(
        year=year,
        defaults={
            "status": status,
            "submitted_on": submitted_on,
            "appraised_by": appraised_by.strip(),
            "decision": decision.strip(),
            "decided_on": decided_on,
            "created_by": actor,
        },
    )
    estimate.lines.all().delete()
    given = allocated or [None] * len(lines)
    BudgetLine.objects.bulk_create(
        BudgetLine(
            estimate=estimate,
            item=item.strip(),
            requested=amount,
            allocated=given[i] if i < len(given) else None,
            position=i,
        )
        for i, (item, amount) in enumerate(lines)
    )
    audit.record(
        actor=actor,
        action="budget.save",
        obj=estimate,
        changes={"status": status, "requested": sum(a for _i, a in lines)},
    )
    return estimate


@service
def decide_budget(
    *,
    actor: Person,
    estimate: BudgetEstimate,
    decision: str,
    decided_on: date,
    allocated: list[int],
) -> BudgetEstimate:
    """The finance department's decision: its number and date and the amount allocated per line."""
    require(
        policy.can_plan_inspections(actor), _("Province supervisors prepare the budget estimate.")
    )
    lines = list(estimate.lines.all())
    if len(allocated) != len(lines) or any(amount < 0 for amount in allocated):
        raise ValidationError({"allocated": _("Give one amount, not negative, for each line.")})
    if any(amount > MAX_AMOUNT for amount in allocated):
        raise ValidationError({"allocated": _("An amount has more than 15 digits.")})
    if not decision.strip():
        raise ValidationError(
            {"decision": _("A decided estimate has its decision number and date.")}
        )
    for line, amount in zip(lines, allocated, strict=True):
        line.allocated = amount
    BudgetLine.objects.bulk_update(lines, ["allocated"])
    estimate.status, estimate.decision, estimate.decided_on = (
        BudgetEstimate.Status.DECIDED,
        decision.strip(),
        decided_on,
    )
    estimate.save(update_fields=["status", "decision", "decided_on"])
    audit.record(
        actor=actor,
        action="budget.decide",
        obj=estimate,
        changes={"decision": decision, "allocated": sum(allocated)},
    )
    return estimate
