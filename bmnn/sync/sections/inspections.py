"""Inspections on the channels between nodes.

Province → agency node ("inspections"): the province's inspections of the agency — header,
checklist and, for the agency's own target only, its answers and findings and the province's
decision on each remediation the agency reported. Another target agency's answers and findings
never leave the province. At the agency node they become local copies its people read (the
leader is a remote person who cannot log in; the team stays at the province); the agency
reports remediation on its copy of a finding, and that report travels back up.

Agency node → province ("self_inspections"): the agency's self-inspections whole (header,
checklist, answers, findings, remediation and the agency's own verification), and each
remediation it reported on a finding that came from the province, with its text and time. A
remediation on a province finding sets the finding to "remediation reported", as
`inspections.services.post_remediation` does (a finding already verified stays so).

One writer per record: the province owns its inspections and its decisions on remediation; the
agency owns its self-inspections and the remediation it reports. An inspection is sent again
only when its record changed (the mark keeps a digest of each one sent), and a record seen
before is found through its `Link` (models "inspection", "insp_item", "insp_finding",
"remediation") and updated in place. Apply is set-wise: a few queries per inspection, none per
answer or item.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from bmnn.core import audit
from bmnn.core.notify import notify
from bmnn.inspections.models import (
    Answer,
    ChecklistItem,
    Finding,
    Inspection,
    Remediation,
    Target,
)
from bmnn.inspections.services import HEADING_FIELDS
from bmnn.org.models import Agency, Role
from bmnn.org.queries import people_in_roles
from bmnn.sync.models import Link, Peer
from bmnn.sync.sections import (
    Payload,
    Section,
    as_day,
    as_int,
    as_moment,
    need,
    remote_person,
    rows_named,
    unseen,
)

HEADER = (*HEADING_FIELDS, "status", "checklist_version", "concluded_at")
ITEM_FIELDS = ("area_code", "area_title", "code", "text", "source", "position", "removed")
FINDING_FIELDS = ("severity", "description", "rule", "deadline", "status")


# --- Writing records ----------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _who(person: Any) -> dict[str, str] | None:
    if person is None:
        return None
    return {"login": person.username, "name": person.get_full_name()}


def _digest(record: dict[str, Any]) -> str:
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _snapshot(
    targets: list[Target], remediation: Any, agency_code: str
) -> dict[int, dict[str, Any]]:
    """One record per target's inspection: header, checklist, this target's answers and
    findings; `remediation(row)` writes one remediation of a finding (None leaves it out).
    Four queries whatever the size."""
    if not targets:
        return {}
    ids = [t.inspection_id for t in targets]
    items: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    for item in ChecklistItem.objects.filter(inspection_id__in=ids).order_by("position", "pk"):
        items[item.inspection_id].append(
            {"id": item.pk, **{n: getattr(item, n) for n in ITEM_FIELDS}}
        )
    answers: dict[int, list[dict[str, Any]]] = {t.pk: [] for t in targets}
    for answer in (
        Answer.objects.filter(target__in=targets).select_related("answered_by").order_by("pk")
    ):
        answers[answer.target_id].append(
            {
                "item": answer.item_id,
                "result": answer.result,
                "evidence": answer.evidence,
                "by": _who(answer.answered_by),
                "at": _plain(answer.answered_at),
            }
        )
    remediations: dict[int, list[dict[str, Any]]] = {}
    for reported in (
        Remediation.objects.filter(finding__target__in=targets)
        .select_related("posted_by")
        .order_by("pk")
    ):
        written = remediation(reported)
        if written is not None:
            remediations.setdefault(reported.finding_id, []).append(written)
    findings: dict[int, list[dict[str, Any]]] = {t.pk: [] for t in targets}
    for row in (
        Finding.objects.filter(target__in=targets)
        .select_related("created_by", "verified_by")
        .order_by("pk")
    ):
        findings[row.target_id].append(
            {
                "id": row.pk,
                "item": row.item_id,
                **{n: _plain(getattr(row, n)) for n in FINDING_FIELDS},
                "by": _who(row.created_by),
                "at": _plain(row.created_at),
                "verified_by": _who(row.verified_by),
                "verified_at": _plain(row.verified_at),
                "remediations": remediations.get(row.pk, []),
            }
        )
    records = {}
    for target in targets:
        inspection = target.inspection
        records[inspection.pk] = {
            "id": inspection.pk,
            "agency": agency_code,
            **{n: _plain(getattr(inspection, n)) for n in HEADER},
            "leader": _who(inspection.leader),
            "items": items[inspection.pk],
            "answers": answers[target.pk],
            "findings": findings[target.pk],
        }
    return records


# --- Reading records ----------------------------------------------------------------------------


def _moment(value: Any) -> datetime | None:
    return as_moment(value) if value else None


def _text(value: Any, limit: int | None = None) -> str:
    text = "" if value is None else str(value)
    return text[:limit] if limit else text


def _unknown_value() -> ValidationError:
    return ValidationError(_("The bundle has an inspection record with an unknown value."))


class _People:
    """Remote people of one peer, looked up once per bundle."""

    def __init__(self, peer: Peer, fallback: str) -> None:
        self.peer, self.fallback = peer, fallback
        self.seen: dict[tuple[str, str], Any] = {}

    def get(self, given: Any) -> Any:
        given = given if isinstance(given, dict) else {}
        key = (_text(given.get("login") or self.fallback, 100), _text(given.get("name"), 150))
        if key not in self.seen:
            self.seen[key] = remote_person(self.peer, *key)
        return self.seen[key]


def _links(peer: Peer, model: str, remote_ids: list[Any]) -> dict[str, int]:
    """remote id → local id of the records of `model` seen before from `peer` (one query)."""
    rows = Link.objects.filter(peer=peer, model=model, remote_id__in=[str(r) for r in remote_ids])
    return dict(rows.values_list("remote_id", "local_id"))


def _add_links(
    peer: Peer,
    model: str,
    made: list[tuple[Any, int]],
    known: dict[str, int] | None = None,
    rows: Any = None,
) -> None:
    """Links the rows just made. A link `known` before is replaced only when its local row is
    gone: a record may not take over another record's copy (one of `rows`, a model)."""
    known = known or {}
    stale = [str(remote) for remote, _local in made if str(remote) in known]
    if stale:
        if rows is not None and rows.objects.filter(pk__in=[known[r] for r in stale]).exists():
            raise _unknown_value()
        Link.objects.filter(peer=peer, model=model, remote_id__in=stale).delete()
    if made:
        Link.objects.bulk_create(
            Link(peer=peer, model=model, remote_id=str(remote), local_id=local)
            for remote, local in made
        )


def _copies() -> Any:
    """The inspections that are copies of another node's (never sent on: one writer each)."""
    return Link.objects.filter(model="inspection").values("local_id")


def _values(row: Any, names: tuple[str, ...]) -> tuple[Any, ...]:
    return tuple(getattr(row, n) for n in names)


def _store(
    model: Any,
    new: list[tuple[Any, datetime | None]],
    changed: list[Any],
    fields: list[str],
    stamp: str | None = None,
) -> None:
    """Inserts the new rows and updates the changed ones, two queries. An insert stamps the
    import's time (auto_now, auto_now_add); the owner's time is put back by the update."""
    if new:
        model.objects.bulk_create([row for row, _when in new])
        if stamp:
            for row, when in new:
                if when is not None:
                    setattr(row, stamp, when)
    rows = [row for row, _when in new if stamp] + changed
    if rows:
        model.objects.bulk_update(rows, fields, batch_size=500)


class _Applied:
    """What applying one inspection record did, for the notifications."""

    def __init__(self, inspection: Inspection, created: bool) -> None:
        self.inspection, self.created = inspection, created
        self.new_findings: list[Finding] = []
        self.decided: list[tuple[Remediation, bool]] = []


def _apply_inspection(
    peer: Peer, record: Any, agency: Agency, kind: str, people: _People, *, copies_remediation: bool
) -> _Applied:
    """The local copy of one inspection of `agency`: header, checklist, the agency's answers
    and findings, and either the remediation rows themselves (`copies_remediation`: a
    self-inspection at the province) or the owner's decisions on the agency's own remediation
    rows (a province inspection at the agency node)."""
    if not isinstance(record, dict):
        raise _unknown_value()
    remote = str(need(record.get("id"), "an inspection id"))
    if record.get("agency") != agency.code:
        raise ValidationError(
            _("The bundle carries an inspection of an agency other than %(agency)s.")
            % {"agency": agency.name}
        )
    found = _links(peer, "inspection", [remote]).get(remote)
    inspection = Inspection.objects.filter(pk=found).first() if found else None
    if inspection is not None and inspection.kind != kind:
        raise _unknown_value()
    created = inspection is None
    leader = people.get(record.get("leader"))
    inspection = inspection or Inspection(kind=kind, created_by=leader)
    names = (*HEADER, "leader_id")
    before = None if created else _values(inspection, names)
    for name in HEADER:
        value = record.get(name)
        setattr(inspection, name, "" if value is None else value)
    inspection.concluded_at = _moment(record.get("concluded_at"))
    inspection.leader = leader
    inspection.full_clean(exclude=["leader", "created_by", "team"])
    if created or before != _values(inspection, names):
        inspection.save()
    if created:
        _add_links(
            peer,
            "inspection",
            [(remote, inspection.pk)],
            {remote: found} if found else None,
            Inspection,
        )
        target = Target.objects.create(inspection=inspection, agency=agency)
    else:
        target, _made = Target.objects.get_or_create(inspection=inspection, agency=agency)
    applied = _Applied(inspection, created)
    items = _apply_items(peer, _list(record.get("items")), inspection, created)
    _apply_answers(_list(record.get("answers")), target, items, people, created)
    findings = _apply_findings(
        peer,
        _list(record.get("findings")),
        target,
        items,
        people,
        created=created,
        keep_pending=not copies_remediation,
    )
    applied.new_findings = [row for row, _entry, new in findings if new]
    if copies_remediation:
        _copy_remediations(peer, [(row, entry) for row, entry, _new in findings], people)
    else:
        applied.decided = _apply_decisions([(row, entry) for row, entry, _new in findings])
    return applied


def _list(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _unknown_value()
    return value


def _apply_items(
    peer: Peer, entries: list[dict[str, Any]], inspection: Inspection, created: bool
) -> dict[str, ChecklistItem]:
    """The checklist as its owner keeps it; returns remote item id → local item."""
    codes = [str(e.get("code") or "") for e in entries]
    if len(set(codes)) != len(codes):
        raise _unknown_value()
    links = {} if created else _links(peer, "insp_item", [e.get("id") for e in entries])
    existing = {} if created else {i.pk: i for i in inspection.items.all()}
    by_code = {i.code: i for i in existing.values()}
    out: dict[str, ChecklistItem] = {}
    new: list[tuple[Any, datetime | None]] = []
    changed = []
    for entry in entries:
        remote = str(need(entry.get("id"), "a checklist item id"))
        row = existing.get(links.get(remote, 0)) or by_code.get(str(entry.get("code") or ""))
        before = _values(row, ITEM_FIELDS) if row else None
        row = row or ChecklistItem(inspection=inspection)
        for name in ITEM_FIELDS:
            value = entry.get(name)
            setattr(
                row, name, bool(value) if name == "removed" else ("" if value is None else value)
            )
        row.full_clean(exclude=["inspection"], validate_unique=False, validate_constraints=False)
        if before is None:
            new.append((row, None))
        elif before != _values(row, ITEM_FIELDS):
            changed.append(row)
        out[remote] = row
    _store(ChecklistItem, new, changed, list(ITEM_FIELDS))
    _add_links(
        peer,
        "insp_item",
        [(r, row.pk) for r, row in out.items() if links.get(r) != row.pk],
        links,
        ChecklistItem,
    )
    return out


def _item_of(items: dict[str, ChecklistItem], remote: Any) -> ChecklistItem:
    item = items.get(str(remote))
    if item is None:
        raise ValidationError(_("This item is not on the inspection's checklist."))
    return item


def _apply_answers(
    entries: list[dict[str, Any]],
    target: Target,
    items: dict[str, ChecklistItem],
    people: _People,
    created: bool,
) -> None:
    """The target's answers as the owner keeps them (an answer it no longer has goes)."""
    existing = {} if created else {a.item_id: a for a in target.answers.all()}
    seen: set[int] = set()
    new: list[tuple[Any, datetime | None]] = []
    changed = []
    for entry in entries:
        item = _item_of(items, entry.get("item"))
        if entry.get("result") not in Answer.Result.values or item.pk in seen:
            raise _unknown_value()
        seen.add(item.pk)
        by, when = people.get(entry.get("by")), _moment(entry.get("at"))
        values = (entry["result"], _text(entry.get("evidence"), 20_000), by.pk)
        row = existing.get(item.pk)
        if row is None:
            row = Answer(target=target, item=item, answered_by=by)
            row.result, row.evidence = values[0], values[1]
            new.append((row, when))
        elif (row.result, row.evidence, row.answered_by_id) != values or (
            when is not None and row.answered_at != when
        ):
            row.result, row.evidence, row.answered_by = values[0], values[1], by
            row.answered_at = when or row.answered_at
            changed.append(row)
    _store(
        Answer, new, changed, ["result", "evidence", "answered_by", "answered_at"], "answered_at"
    )
    stale = [a.pk for item_id, a in existing.items() if item_id not in seen]
    if stale:
        Answer.objects.filter(pk__in=stale).delete()


def _apply_findings(
    peer: Peer,
    entries: list[dict[str, Any]],
    target: Target,
    items: dict[str, ChecklistItem],
    people: _People,
    *,
    created: bool,
    keep_pending: bool,
) -> list[tuple[Finding, dict[str, Any], bool]]:
    """The target's findings as the owner keeps them; (row, record, new) for each. With
    `keep_pending` (at the agency node), a finding the owner still calls open stays
    "remediation reported" while a remediation of this node's has not reached the owner."""
    links = {} if created else _links(peer, "insp_finding", [e.get("id") for e in entries])
    existing = {} if created else {f.pk: f for f in target.findings.all()}
    ours: dict[int, set[str]] = {}
    if keep_pending and existing:
        rows = Remediation.objects.filter(finding__target=target).values_list("pk", "finding_id")
        for pk, finding_id in rows:
            ours.setdefault(finding_id, set()).add(str(pk))
    names = (
        "item_id",
        *FINDING_FIELDS,
        "created_by_id",
        "created_at",
        "verified_by_id",
        "verified_at",
    )
    out: list[tuple[Finding, dict[str, Any], bool]] = []
    new: list[tuple[Any, datetime | None]] = []
    changed: list[Finding] = []
    for entry in entries:
        remote = str(need(entry.get("id"), "a finding id"))
        row = existing.get(links.get(remote, 0))
        before = _values(row, names) if row else None
        row = row or Finding(target=target)
        row.item = _item_of(items, entry["item"]) if entry.get("item") else None
        for name in FINDING_FIELDS:
            setattr(row, name, _text(entry.get(name), 20_000))
        if row.status not in Finding.Status.values or row.severity not in Finding.Severity.values:
            raise _unknown_value()
        row.deadline = as_day(entry.get("deadline"))
        when = _moment(entry.get("at"))
        row.created_by = people.get(entry.get("by"))
        row.created_at = when or row.created_at
        row.verified_by = people.get(entry["verified_by"]) if entry.get("verified_by") else None
        row.verified_at = _moment(entry.get("verified_at"))
        if keep_pending and row.status == Finding.Status.OPEN:
            known = {str(r.get("id")) for r in _list(entry.get("remediations"))}
            if ours.get(row.pk, set()) - known:
                row.status = Finding.Status.REMEDIATED
        row.full_clean(exclude=["target", "item", "responsible", "created_by", "verified_by"])
        if before is None:
            new.append((row, when))
        elif before != _values(row, names):
            changed.append(row)
        out.append((row, entry, before is None))
    fields = ["item", *FINDING_FIELDS, "created_by", "created_at", "verified_by", "verified_at"]
    _store(Finding, new, changed, fields, "created_at")
    made = [(str(entry["id"]), row.pk) for row, entry, is_new in out if is_new]
    _add_links(peer, "insp_finding", made, links, Finding)
    return out


def _copy_remediations(
    peer: Peer, findings: list[tuple[Finding, dict[str, Any]]], people: _People
) -> None:
    """The remediation rows of a self-inspection's findings, as the agency keeps them."""
    entries = [(f, r) for f, entry in findings for r in _list(entry.get("remediations"))]
    links = _links(peer, "remediation", [r.get("id") for _f, r in entries]) if entries else {}
    existing = {r.pk: r for r in Remediation.objects.filter(pk__in=links.values())} if links else {}
    names = ("text", "posted_by_id", "posted_at", "accepted", "comment")
    new: list[tuple[Any, datetime | None]] = []
    made: list[tuple[str, Remediation]] = []
    changed, seen = [], set()
    for finding, entry in entries:
        remote = str(need(entry.get("id"), "a remediation id"))
        if remote in seen:
            raise _unknown_value()
        seen.add(remote)
        row = existing.get(links.get(remote, 0))
        if row is not None and row.finding_id != finding.pk:
            raise _unknown_value()
        before = _values(row, names) if row else None
        row = row or Remediation(finding=finding)
        accepted = entry.get("accepted")
        if accepted not in (None, True, False):
            raise _unknown_value()
        when = _moment(entry.get("at"))
        row.text, row.posted_by = _text(entry.get("text"), 20_000), people.get(entry.get("by"))
        row.posted_at = when or row.posted_at
        row.accepted, row.comment = accepted, _text(entry.get("comment"), 20_000)
        row.full_clean(exclude=["finding", "posted_by"])
        if before is None:
            new.append((row, when))
            made.append((remote, row))
        elif before != _values(row, names):
            changed.append(row)
    _store(
        Remediation,
        new,
        changed,
        ["text", "posted_by", "posted_at", "accepted", "comment"],
        "posted_at",
    )
    _add_links(peer, "remediation", [(remote, row.pk) for remote, row in made], links)


def _apply_decisions(
    findings: list[tuple[Finding, dict[str, Any]]],
) -> list[tuple[Remediation, bool]]:
    """The owner's decision (accepted, comment) on each remediation this node reported; the
    rows whose decision is new."""
    wanted: dict[int, tuple[Finding, dict[str, Any]]] = {}
    for finding, entry in findings:
        for given in _list(entry.get("remediations")):
            wanted[as_int(given.get("id"))] = (finding, given)
    if not wanted:
        return []
    rows = {r.pk: r for r in Remediation.objects.filter(pk__in=wanted)}
    changed, decided = [], []
    for pk, (finding, given) in wanted.items():
        row = rows.get(pk)
        if row is None or row.finding_id != finding.pk:
            raise ValidationError(_("The bundle decides on a remediation this node never sent."))
        accepted = given.get("accepted")
        if accepted not in (None, True, False):
            raise _unknown_value()
        comment = _text(given.get("comment"), 20_000)
        if (row.accepted, row.comment) != (accepted, comment):
            if accepted is not None and row.accepted != accepted:
                decided.append((row, bool(accepted)))
            row.accepted, row.comment = accepted, comment
            changed.append(row)
    if changed:
        Remediation.objects.bulk_update(changed, ["accepted", "comment"])
    return decided


# --- Province → agency node ------------------------------------------------------------------------


def export_inspections(peer: Peer, payload: Payload, mark: Any) -> Any:
    """The province's inspections of the agency the peer serves, each sent again when it
    changed: header, checklist, and that agency's own answers, findings and the decisions on
    the remediation it reported (never another target's)."""
    from bmnn.sync.sections.down import _served

    agency = _served(peer)
    targets = list(
        Target.objects.filter(agency=agency, inspection__kind=Inspection.Kind.INSPECTION)
        .exclude(inspection_id__in=_copies())
        .select_related("inspection__leader")
        .order_by("inspection_id")
    )
    reported = Remediation.objects.filter(finding__target__in=targets).values("pk")
    theirs = dict(
        Link.objects.filter(peer=peer, model="remediation", local_id__in=reported).values_list(
            "local_id", "remote_id"
        )
    )

    def decision(row: Remediation) -> dict[str, Any] | None:
        if row.pk not in theirs:  # not reported by the peer: nothing to tell it
            return None
        return {"id": theirs[row.pk], "accepted": row.accepted, "comment": row.comment}

    records = _snapshot(targets, decision, agency.code)
    fresh, digests = _changed(records, mark)
    payload.add("inspections", fresh)
    return digests


def _changed(
    records: dict[int, dict[str, Any]], sent: Any
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The records whose digest differs from the one sent before, and the new digests."""
    sent = sent if isinstance(sent, dict) else {}
    digests = {str(pk): _digest(record) for pk, record in records.items()}
    return [records[int(pk)] for pk, d in digests.items() if sent.get(pk) != d], digests


def apply_inspections(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.core.policy import node_agency_ids

    own = Agency.objects.filter(pk__in=node_agency_ids()).first()
    if own is None:
        raise ValidationError(_("This agency node's agency is not in its directory yet."))
    people = _People(peer, "province")
    applied = [
        _apply_inspection(
            peer, record, own, Inspection.Kind.INSPECTION, people, copies_remediation=False
        )
        for record in _list(records)
    ]
    if not any(a.created or a.new_findings or a.decided for a in applied):
        return
    told = list(people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {own.pk}))
    for done in applied:
        if done.created:
            notify(
                told,
                title=_("Inspection planned: %(title)s") % {"title": done.inspection.title},
                url=reverse("inspections:detail", args=[done.inspection.pk]),
                key=f"inspection-{done.inspection.pk}",
            )
        for finding in done.new_findings:
            notify(
                told,
                title=_("Inspection finding to remedy by %(day)s")
                % {"day": finding.deadline.strftime("%d/%m/%Y")},
                url=reverse("inspections:finding", args=[finding.pk]),
                key=f"inspection-finding-{finding.pk}",
            )
        for remediation, accepted in done.decided:
            notify(
                told,
                title=_("Remediation accepted") if accepted else _("Remediation not accepted"),
                url=reverse("inspections:finding", args=[remediation.finding_id]),
                key=f"sync-verify:{peer.pk}:{remediation.pk}:{accepted}",
            )


# --- Agency node → province ------------------------------------------------------------------------


def export_self_inspections(peer: Peer, payload: Payload, mark: Any) -> Any:
    """The agency's self-inspections whole, each sent again when it changed, and the
    remediation reported since the last bundle on findings that came from the province."""
    from bmnn.core.policy import node_agency_ids

    mark = mark if isinstance(mark, dict) else {}
    own = Agency.objects.filter(pk__in=node_agency_ids()).first()
    if own is None:
        return mark
    targets = list(
        Target.objects.filter(agency=own, inspection__kind=Inspection.Kind.SELF)
        .exclude(inspection_id__in=_copies())
        .select_related("inspection__leader")
        .order_by("inspection_id")
    )

    def whole(row: Remediation) -> dict[str, Any]:
        return {
            "id": row.pk,
            "text": row.text,
            "by": _who(row.posted_by),
            "at": _plain(row.posted_at),
            "accepted": row.accepted,
            "comment": row.comment,
        }

    fresh, digests = _changed(_snapshot(targets, whole, own.code), mark.get("s"))
    copies = Link.objects.filter(peer=peer, model="insp_finding")
    reported = list(
        Remediation.objects.filter(
            finding_id__in=copies.values("local_id"), pk__gt=int(mark.get("r") or 0)
        )
        .select_related("posted_by")
        .order_by("pk")
    )
    theirs = (
        dict(
            copies.filter(local_id__in={r.finding_id for r in reported}).values_list(
                "local_id", "remote_id"
            )
        )
        if reported
        else {}
    )
    payload.add(
        "self_inspections",
        fresh
        + [
            {
                "remediation": r.pk,
                "finding": theirs[r.finding_id],
                "text": r.text,
                "by": _who(r.posted_by),
                "at": _plain(r.posted_at),
            }
            for r in reported
        ],
    )
    return {"s": digests, "r": reported[-1].pk if reported else int(mark.get("r") or 0)}


def apply_self_inspections(
    peer: Peer, records: list[dict[str, Any]], files: dict[str, bytes], actor: Any
) -> None:
    from bmnn.sync.sections.down import _served

    agency = _served(peer)
    people = _People(peer, "agency")
    records = _list(records)
    for record in records:
        if "remediation" not in record:
            _apply_inspection(
                peer, record, agency, Inspection.Kind.SELF, people, copies_remediation=True
            )
    _apply_reported(peer, [r for r in records if "remediation" in r], agency, people)


def _apply_reported(
    peer: Peer, records: list[dict[str, Any]], agency: Agency, people: _People
) -> None:
    """Remediation the agency reported on the province's findings: kept with the agency's text
    and time; the finding becomes "remediation reported" (one already verified stays so), the
    inspection team is told and the audit chain records it, as `post_remediation` does."""
    if not records:
        return
    fresh = unseen(peer, "remediation", records, "remediation", "a remediation id")
    if not fresh:
        return
    findings = rows_named(
        Finding.objects.select_related("target__inspection__leader").filter(
            target__agency=agency, target__inspection__kind=Inspection.Kind.INSPECTION
        ),
        fresh,
        "finding",
        "a finding",
        _("The bundle reports remediation on a finding not made to %(agency)s.")
        % {"agency": agency.name},
    )
    new: list[tuple[Any, datetime | None]] = []
    for record in fresh:
        text = _text(record.get("text"), 20_000).strip()
        if not text:
            raise ValidationError(_("Say what was done."))
        row = Remediation(
            finding=findings[as_int(record["finding"])],
            text=text,
            posted_by=people.get(record.get("by")),
        )
        new.append((row, _moment(record.get("at"))))
    _store(Remediation, new, [], ["posted_at"], "posted_at")
    _add_links(
        peer,
        "remediation",
        [(r["remediation"], row.pk) for r, (row, _w) in zip(fresh, new, strict=True)],
    )
    moved = [f for f in findings.values() if f.status == Finding.Status.OPEN]
    for finding in moved:
        finding.status = Finding.Status.REMEDIATED
    if moved:
        Finding.objects.bulk_update(moved, ["status"])
    teams: dict[int, list[Any]] = {}
    for row, _when in new:
        finding = findings[row.finding_id]
        inspection = finding.target.inspection
        audit.record(
            actor=row.posted_by,
            action="inspection.remediation",
            obj=finding,
            agency=agency,
            changes={"text": row.text[:500], "node": peer.name},
        )
        if inspection.pk not in teams:
            teams[inspection.pk] = [inspection.leader, *inspection.team.all()]
        notify(
            teams[inspection.pk],
            title=_("Remediation reported: %(agency)s") % {"agency": agency.name},
            url=reverse("inspections:finding", args=[finding.pk]),
            key=f"inspection-remediation-{row.pk}",
        )


SECTION_DOWN = Section("inspections", "province", export_inspections, apply_inspections)
SECTION_UP = Section("self_inspections", "agency", export_self_inspections, apply_self_inspections)
