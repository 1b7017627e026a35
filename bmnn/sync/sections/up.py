"""Agency node → province node: progress on the tasks the province assigned (with evidence)
and the reports the head signed. The agency owns these records; the province keeps a copy it
reviews (its decisions travel back down). Only records the agency was asked for are taken: an
update for another agency's assignment, or a report for a period not put to it, refuses the
bundle."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.levels import LEVELS
from bmnn.core.notify import notify
from bmnn.core.services import locked
from bmnn.core.storage import random_name
from bmnn.core.uploads import check_upload
from bmnn.devices import services as device_services
from bmnn.org.models import Role
from bmnn.org.queries import people_in_roles
from bmnn.plans.models import Assignment, Evidence, ProgressUpdate, Review, Status
from bmnn.plans.services import EVIDENCE_KINDS
from bmnn.reports import services as report_services
from bmnn.reports.models import ReportingPeriod, Submission, SubmissionEvent
from bmnn.sync.models import Link, Peer
from bmnn.sync.sections import (
    Payload,
    Section,
    as_int,
    as_moment,
    link,
    local_id,
    need,
    remote_person,
    rows_named,
    unseen,
)
from bmnn.sync.sections.down import _served

# --- Progress ------------------------------------------------------------------------------------


def export_progress(peer: Peer, payload: Payload, mark: Any) -> Any:
    """Updates made since the last bundle, on assignments that came from `peer`."""
    links = dict(
        Link.objects.filter(peer=peer, model="assignment").values_list("local_id", "remote_id")
    )
    updates = list(
        ProgressUpdate.objects.filter(assignment_id__in=links, pk__gt=int(mark or 0))
        .select_related("author")
        .prefetch_related("evidence")
        .order_by("pk")
    )
    records = []
    for update in updates:
        evidence = []
        for item in update.evidence.all():
            name = f"evidence-{item.pk}"
            with item.file.open("rb") as handle:
                payload.attachments[name] = handle.read()
            evidence.append({"name": item.original_name, "attachment": name, "sha256": item.sha256})
        records.append(
            {
                "id": update.pk,
                "assignment": links[update.assignment_id],
                "status": update.status,
                "note": update.note,
                "period": update.period,
                "at": update.created_at.isoformat(),
                "by": update.author.get_full_name(),
                "by_login": update.author.username,
                "evidence": evidence,
            }
        )
    payload.add("progress", records)
    return updates[-1].pk if updates else mark


def apply_progress(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    """A set-wise apply (a year of updates is a few queries, not a dozen per update): the
    updates not seen before, their evidence, and each touched assignment's latest status."""
    agency = _served(peer)
    fresh = unseen(peer, "progress", records, "id", "an update id")
    if not fresh:
        return
    assignments = rows_named(
        Assignment.objects.select_related("task").filter(agency=agency),
        fresh,
        "assignment",
        "an assignment",
        _("The bundle reports progress on a task not assigned to %(agency)s.")
        % {"agency": agency.name},
    )
    authors: dict[tuple[str, str], Any] = {}
    updates = []
    for record in fresh:
        status = record.get("status")
        if status not in Status.values:
            raise ValidationError(_("The bundle has an unknown task status."))
        who = (str(record.get("by_login") or "agency"), str(record.get("by") or ""))
        if who not in authors:
            authors[who] = remote_person(peer, *who)
        updates.append(
            ProgressUpdate(
                assignment=assignments[as_int(record["assignment"])],
                author=authors[who],
                status=status,
                note=str(record.get("note") or "")[:20_000],
                period=str(record.get("period") or "")[:16],
            )
        )
    ProgressUpdate.objects.bulk_create(updates)
    for update, record in zip(updates, fresh, strict=True):
        update.created_at = as_moment(record.get("at"))  # the agency's time, not the import's
    ProgressUpdate.objects.bulk_update(updates, ["created_at"], batch_size=500)
    for update, record in zip(updates, fresh, strict=True):
        for item in record.get("evidence") or []:
            data = files.get(f"attachments/{item.get('attachment')}")
            if data is None or hashlib.sha256(data).hexdigest() != item.get("sha256"):
                raise ValidationError(_("An evidence file of the bundle is missing or altered."))
            name = str(item.get("name") or "evidence")[:255]
            kind = check_upload(name, data, EVIDENCE_KINDS)
            evidence = Evidence(
                update=update,
                original_name=name,
                size=len(data),
                sha256=item["sha256"],
                content_type=kind,
            )
            evidence.file.save(random_name("evidence", name), ContentFile(data), save=False)
            evidence.save()
    done = {}
    for update in updates:  # in the agency's order: the last update sets the status
        assignment = update.assignment
        if assignment.review != Review.ACCEPTED or assignment.task.timing_kind == "continuous":
            assignment.status = update.status
            assignment.review = Review.PENDING if update.status == Status.DONE else ""
        if update.status == Status.DONE:
            done[assignment.pk] = assignment
    now = timezone.now()
    for assignment in assignments.values():
        assignment.updated_at = now
    Assignment.objects.bulk_update(list(assignments.values()), ["status", "review", "updated_at"])
    Link.objects.bulk_create(
        Link(peer=peer, model="progress", remote_id=str(r["id"]), local_id=u.pk)
        for u, r in zip(updates, fresh, strict=True)
    )
    for assignment in done.values():
        notify(
            people_in_roles((Role.SUPERVISOR,)),
            title=_("%(agency)s reports task %(ref)s done")
            % {"agency": agency.name, "ref": assignment.task.ref},
            url=reverse("plans:assignment", args=[assignment.pk]),
            key=f"sync-done:{peer.pk}:{assignment.pk}",
        )


# --- Signed reports ------------------------------------------------------------------------------


def export_reports(peer: Peer, payload: Payload, mark: Any) -> Any:
    """Each signature since the last bundle, with the report as signed."""
    links = dict(
        Link.objects.filter(peer=peer, model="period").values_list("local_id", "remote_id")
    )
    signatures = list(
        SubmissionEvent.objects.filter(
            action=SubmissionEvent.Action.SIGN,
            submission__period_id__in=links,
            pk__gt=int(mark or 0),
        )
        .select_related("submission", "actor")
        .order_by("pk")
    )
    latest = {e.submission_id: e for e in signatures}  # signed twice since: the last signature
    payload.add(
        "reports",
        [
            {
                "id": e.pk,
                "period": links[e.submission.period_id],
                "revision": e.submission.revision,
                **{n: getattr(e.submission, n) for n in report_services.NARRATIVE},
                "answers": e.submission.answers,
                "figures": e.submission.figures,
                "by": e.actor.get_full_name(),
                "by_login": e.actor.username,
                "at": e.at.isoformat(),
            }
            for e in latest.values()
        ],
    )
    return signatures[-1].pk if signatures else mark


def apply_reports(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.reports import figures
    from bmnn.reports.services import expected_agencies

    agency = _served(peer)
    for record in records:
        if local_id(peer, "signature", need(record.get("id"), "a signature id")):
            continue
        period = ReportingPeriod.objects.filter(
            pk=int(need(record.get("period"), "a period"))
        ).first()
        if period is None or not expected_agencies(period).filter(pk=agency.pk).exists():
            raise ValidationError(
                _("The bundle carries a report for a period not put to %(agency)s.")
                % {"agency": agency.name}
            )
        given = record.get("figures") or {}
        if not isinstance(given, dict) or set(given) - set(figures.KEYS):
            raise ValidationError(
                _("The report in the bundle has figures this node does not know.")
            )
        clean = {}
        for key, entry in given.items():
            try:
                value = int((entry or {}).get("value") or 0)
            except (TypeError, ValueError, AttributeError) as exc:
                raise ValidationError(
                    _("The report in the bundle has a figure that is not a number.")
                ) from exc
            if not 0 <= value <= 10_000_000:
                raise ValidationError(_("The report in the bundle has a figure out of range."))
            clean[key] = {
                "auto": entry.get("auto"),
                "value": value,
                "reason": str(entry.get("reason") or "")[:500],
            }
        signer = remote_person(
            peer, str(record.get("by_login") or "head"), str(record.get("by") or "")
        )
        submission = (
            locked(Submission.objects)
            .select_related("period", "agency")
            .filter(period=period, agency=agency)
            .first()
        )
        if submission is None:
            submission = Submission(period=period, agency=agency)
        if submission.state == Submission.State.ACCEPTED:
            raise ValidationError(
                _("The province already accepted this report; it cannot be signed again.")
            )
        for name in report_services.NARRATIVE:
            setattr(submission, name, str(record.get(name) or "")[:50_000])
        submission.answers = [a for a in (record.get("answers") or []) if isinstance(a, dict)]
        submission.figures, submission.figures_filled_at = clean, timezone.now()
        report_services.seal(submission, signer, as_moment(record.get("at")))
        event = SubmissionEvent.objects.create(
            submission=submission, actor=signer, action=SubmissionEvent.Action.SIGN
        )
        link(peer, "signature", record["id"], event.pk)
        report_services.tell_of_signature(submission, key=f"sync-report:{peer.pk}:{record['id']}")


# --- Incidents (leaks and losses) and their follow-up ------------------------------------------


def _steps_from(peer: Peer) -> set[int]:
    """Local ids of the follow-up steps that came from `peer` (never sent back to it)."""
    return {
        int(i)
        for i in Link.objects.filter(peer=peer, model="step").values_list("local_id", flat=True)
    }


def export_incidents(peer: Peer, payload: Payload, mark: Any) -> Any:
    """The agency's incidents reported since the last bundle, and its own follow-up steps."""
    from bmnn.core.policy import node_agency_ids
    from bmnn.reports.models import Incident, IncidentStep

    mark = mark if isinstance(mark, dict) else {}
    own = node_agency_ids()
    incidents = list(
        Incident.objects.filter(agency_id__in=own, pk__gt=int(mark.get("i") or 0))
        .select_related("reported_by")
        .order_by("pk")
    )
    steps = list(
        IncidentStep.objects.filter(incident__agency_id__in=own, pk__gt=int(mark.get("s") or 0))
        .exclude(pk__in=_steps_from(peer))
        .select_related("author")
        .order_by("pk")
    )
    payload.add(
        "incidents",
        [
            {
                "id": i.pk,
                "what": i.what,
                "level": i.level,
                "found_at": i.found_at.isoformat(),
                "channel": i.channel,
                "scope": i.scope,
                "measures": i.measures,
                "by": i.reported_by.get_full_name(),
                "by_login": i.reported_by.username,
                "at": i.reported_at.isoformat(),
            }
            for i in incidents
        ]
        + [
            {
                "step": s.pk,
                "incident": s.incident_id,
                "text": s.text,
                "by": s.author.get_full_name(),
                "by_login": s.author.username,
                "at": s.created_at.isoformat(),
            }
            for s in steps
        ],
    )
    return {
        "i": incidents[-1].pk if incidents else mark.get("i", 0),
        "s": steps[-1].pk if steps else mark.get("s", 0),
    }


WITHHELD = "(Nội dung chi tiết được báo cáo theo kênh bí mật.)"


def apply_incidents(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from django.conf import settings

    from bmnn.reports.models import Incident, IncidentStep
    from bmnn.reports.services import OPEN_FORM_REFUSES

    agency = _served(peer)
    for record in records:
        if "step" in record or local_id(peer, "incident", need(record.get("id"), "an incident id")):
            continue
        channel = record.get("channel")
        level = record.get("level") or ""
        if channel not in Incident.Channel.values or level not in {"", *LEVELS}:
            raise ValidationError(_("The bundle has an incident of an unknown kind or level."))
        details = {n: str(record.get(n) or "")[:20_000] for n in ("what", "scope", "measures")}
        if not settings.BMNN_HOLDS_SECRETS and level in OPEN_FORM_REFUSES:
            # a node without secrets keeps the fact of the incident, not its details
            details = {"what": WITHHELD, "scope": "", "measures": ""}
        by = remote_person(
            peer, str(record.get("by_login") or "agency"), str(record.get("by") or "")
        )
        incident = Incident.objects.create(
            agency=agency,
            level=level,
            channel=channel,
            reported_by=by,
            found_at=as_moment(record.get("found_at")),
            source=Incident.Source.AGENCY,
            source_ref=f"node {peer.key_id} #{record['id']}",
            **details,
        )
        link(peer, "incident", record["id"], incident.pk)
        notify(
            [*people_in_roles((Role.SUPERVISOR,))],
            title=_("Leak or loss reported by %(agency)s") % {"agency": agency.name},
            url=reverse("reports:incident", args=[incident.pk]),
            key=f"incident-{incident.pk}",
        )
    for record in records:
        if "step" not in record or local_id(peer, "step", record["step"]):
            continue
        followed = Incident.objects.filter(
            pk=local_id(peer, "incident", record.get("incident")) or 0
        ).first()
        if followed is None:
            raise ValidationError(_("The bundle follows up an incident this node never received."))
        by = remote_person(
            peer, str(record.get("by_login") or "agency"), str(record.get("by") or "")
        )
        step = IncidentStep.objects.create(
            incident=followed, text=str(record.get("text") or "")[:20_000], author=by
        )
        link(peer, "step", record["step"], step.pk)


# --- Device inventory (computers, media, independent LANs) and what host audits concluded -----

LAN_FIELDS = ("name", "site", "measures")
# the inventory's own fields; its custodian (a person of the agency) and LAN (sent in its own
# list, and named) do not travel as values
DEVICE_FIELDS = tuple(f for f in device_services.DEVICE_FIELDS if f not in ("custodian", "lan"))
MEDIUM_FIELDS = (
    "label",
    "kind",
    "make_model",
    "serial",
    "highest_level",
    "registered_on",
    "active",
)


def _plain(row: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {
        n: (v.isoformat() if hasattr(v, "isoformat") else v)
        for n in names
        for v in [getattr(row, n)]
    }


def export_inventory(peer: Peer, payload: Payload, mark: Any) -> Any:
    """The whole inventory each time (it is small): what the province counts and checks. The
    host audits' raw evidence stays on the agency's node; their conclusion is in each device's
    connection fields."""
    from bmnn.core.policy import node_agency_ids
    from bmnn.devices.models import Device, IndependentLan, Medium

    own = node_agency_ids()
    payload.add(
        "inventory",
        [
            {"lan": _plain(lan, LAN_FIELDS)}
            for lan in IndependentLan.objects.filter(agency_id__in=own).order_by("pk")
        ]
        + [
            {"device": _plain(d, DEVICE_FIELDS), "lan_name": d.lan.name if d.lan else None}
            for d in Device.objects.filter(agency_id__in=own).select_related("lan").order_by("pk")
        ]
        + [
            {"medium": _plain(m, MEDIUM_FIELDS)}
            for m in Medium.objects.filter(agency_id__in=own).order_by("pk")
        ],
    )
    return None


def apply_inventory(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    """The agency's inventory as its node keeps it, matched by LAN name, asset tag and serial."""
    from bmnn.devices.models import Device, IndependentLan, Medium

    agency = _served(peer)
    lans = {lan.name: lan for lan in IndependentLan.objects.filter(agency=agency)}
    for record in records:
        given = record.get("lan")
        if isinstance(given, dict):
            lan = lans.get(str(given.get("name") or "")) or IndependentLan(agency=agency)
            _fill(lan, given, LAN_FIELDS)
            lan.full_clean(exclude=["agency", "administrator"])
            lan.save()
            lans[lan.name] = lan
    for record in records:
        for key, model, natural, names in (
            ("device", Device, "asset_tag", DEVICE_FIELDS),
            ("medium", Medium, "serial", MEDIUM_FIELDS),
        ):
            given = record.get(key)
            if not isinstance(given, dict):
                continue
            row = model.objects.filter(
                agency=agency, **{natural: str(given.get(natural) or "")}
            ).first() or model(agency=agency)
            _fill(row, given, names)
            if isinstance(row, Device):
                row.lan = lans.get(str(record.get("lan_name") or ""))
            row.full_clean(exclude=["agency", "custodian", "lan"])
            row.save()


def _fill(row: Any, given: dict[str, Any], names: tuple[str, ...]) -> None:
    from datetime import date

    for name in names:
        value = given.get(name)
        field = row._meta.get_field(name)
        if field.get_internal_type() == "DateField":
            try:
                value = date.fromisoformat(value) if value else None
            except (TypeError, ValueError) as exc:
                raise ValidationError(
                    _("The bundle has a malformed date (%(v)s).") % {"v": str(value)[:20]}
                ) from exc
        elif field.get_internal_type() == "BooleanField":
            value = bool(value)
        elif value is None:
            value = ""
        setattr(row, name, value)


from bmnn.sync.sections import inspections  # noqa: E402  (next to the tuple it extends)

SECTIONS = (
    Section("progress", "agency", export_progress, apply_progress),
    Section("reports", "agency", export_reports, apply_reports),
    Section("incidents", "agency", export_incidents, apply_incidents),
    Section("inventory", "agency", export_inventory, apply_inventory),
    inspections.SECTION_UP,
)
