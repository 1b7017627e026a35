"""The audit log in words: one Vietnamese sentence per event and its changes as field: old → new.

Every action code a service records has a sentence template here (a test enumerates the codes
passed to `audit.record` across the code base, so a new code without a sentence fails the
build). A code missing anyway still reads as a sentence: who performed which operation on what
kind of object, when. Templates may name `%(object)s` and any key of the event's changes.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from bmnn.core.models import AuditEvent

SENTENCES = {
    "account.api_token_issued": _("issued an API token"),
    "account.api_token_revoked": _("revoked an API token"),
    "account.api_tokens_revoked": _("revoked the API tokens of %(object)s"),
    "account.locked_out": _("failed to log in as “%(username)s” and the account was locked"),
    "account.login": _("logged in"),
    "account.login_failed": _("failed to log in as “%(username)s”"),
    "account.login_refused_locked": _("tried to log in to the locked account “%(username)s”"),
    "account.logout": _("logged out"),
    "account.password_changed": _("changed their password"),
    "account.second_factor_failed": _("entered a wrong authenticator code"),
    "account.totp_confirmed": _("confirmed their authenticator app"),
    "account.totp_enrolled": _("enrolled an authenticator app"),
    "account.totp_enrolment_started": _("started enrolling an authenticator app"),
    "account.verify_second_factor": _("passed the second factor"),
    "agency.create": _("created the agency %(object)s"),
    "agency.update": _("updated the agency %(object)s"),
    "budget.decide": _("decided on the budget estimate %(object)s"),
    "budget.save": _("saved the budget estimate %(object)s"),
    "clearance.grant": _("granted the clearance %(object)s"),
    "core.backup": _("took the backup %(file)s (%(rows)s rows, %(files)s files)"),
    "core.restore": _(
        "restored this installation from the backup %(file)s (%(rows)s rows, %(files)s files)"
    ),
    "core.trust_key": _("trusted the signing key %(object)s"),
    "device.change": _("updated the device %(object)s"),
    "device.create": _("registered the device %(object)s"),
    "device.finding_dismissed": _("explained a finding on the device %(object)s"),
    "device.finding_open": _("reopened a finding on the device %(object)s"),
    "device.finding_resolved": _("resolved a finding on the device %(object)s"),
    "device.finding_to_inspection": _("took a device finding into the inspection %(object)s"),
    "device.host_report": _("received a host audit report for %(object)s"),
    "group.create": _("created the agency group %(object)s"),
    "incident.close": _("closed the incident %(object)s"),
    "incident.report": _("reported the incident %(object)s"),
    "incident.step": _("recorded a handling step of the incident %(object)s"),
    "inspection.answer": _("answered the checklist of %(object)s"),
    "inspection.checklist": _("set the checklist of %(object)s"),
    "inspection.conclude": _("concluded the inspection %(object)s"),
    "inspection.create": _("planned the inspection %(object)s"),
    "inspection.finding": _("recorded the finding %(object)s"),
    "inspection.remediation": _("reported the remediation of %(object)s"),
    "inspection.verify": _("verified the remediation of %(object)s"),
    "lan.create": _("registered the independent LAN %(object)s"),
    "library.save": _("saved %(object)s in the library"),
    "medium.register": _("registered the storage medium %(object)s"),
    "membership.add": _("assigned the role %(object)s"),
    "membership.end": _("ended the role %(object)s"),
    "notifications.read": _("marked %(count)s notifications as read"),
    "person.create": _("created the account of %(object)s"),
    "person.update": _("updated the account of %(object)s"),
    "plan.close": _("closed the plan %(object)s"),
    "plan.create": _("drafted the plan %(object)s"),
    "plan.issue": _("issued the plan %(object)s"),
    "plan.reminders": _("sent reminders for the plan %(object)s"),
    "register.close_volume": _("closed the register volume %(object)s"),
    "register.export": _("exported %(lines)s lines of the register %(object)s"),
    "register.read": _("read %(lines)s lines of the register %(object)s"),
    "regulation.set": _("recorded the regulation %(object)s"),
    "report.accept": _("accepted the report %(object)s"),
    "report.draft": _("started the report %(object)s"),
    "report.import": _("imported the report %(object)s"),
    "report.period": _("opened the reporting period %(object)s"),
    "report.period_change": _("changed the reporting period %(object)s"),
    "report.province_build": _("built the province report %(object)s"),
    "report.province_edit": _("edited the province report %(object)s"),
    "report.province_export": _("exported the province report %(object)s"),
    "report.refill": _("refilled the figures of the report %(object)s"),
    "report.return": _("returned the report %(object)s"),
    "report.save": _("saved the report %(object)s"),
    "report.sign": _("signed and sent the report %(object)s"),
    "report.submit": _("submitted the report %(object)s for signature"),
    "scanner.check": _("checked a document before publication %(object)s"),
    "scanner.crawl_done": _("finished scanning the portal %(object)s"),
    "scanner.crawl_start": _("started scanning the portal %(object)s"),
    "scanner.finding": _("recorded a suspected leak %(object)s"),
    "scanner.finding_dismissed": _("decided that %(object)s is not a leak"),
    "scanner.finding_open": _("reopened the suspected leak %(object)s"),
    "scanner.finding_removed": _("had %(object)s taken down"),
    "scanner.import": _("imported findings from the scanner host"),
    "scanner.portal_change": _("changed the portal %(object)s"),
    "scanner.portal_create": _("added the portal %(object)s"),
    "secret.approve_provision": _("approved providing the secret document %(object)s"),
    "secret.attach_file": _("attached a file to the secret document %(object)s"),
    "secret.authorise_copies": _("authorised copies of the secret document %(object)s"),
    "secret.carry_out_approve": _("approved carrying %(object)s out"),
    "secret.carry_out_endorse": _("endorsed carrying %(object)s out"),
    "secret.carry_out_refuse": _("refused carrying %(object)s out"),
    "secret.carry_out_request": _("asked to carry %(object)s out"),
    "secret.carry_out_return": _("recorded the return of %(object)s"),
    "secret.catalogue_entry_add": _("added the entry %(object)s to a secret catalogue"),
    "secret.catalogue_entry_level": _(
        "recorded that the level of the catalogue entry %(object)s changes from %(effective_on)s"
    ),
    "secret.catalogue_entry_remove": _(
        "recorded that the catalogue entry %(object)s leaves the catalogue on %(effective_on)s"
    ),
    "secret.catalogue_level_effective": _(
        "applied the new level of the catalogue entry %(object)s (%(items_above)s items above it)"
    ),
    "secret.catalogue_record": _("recorded the secret catalogue %(object)s"),
    "secret.catalogue_version_effective": _(
        "moved %(items)s secret documents to the catalogue %(object)s on its first day"
    ),
    "secret.change_level": _("changed the secrecy level of %(object)s"),
    "secret.classify": _("classified the secret document %(object)s"),
    "secret.copy": _("recorded copies of the secret document %(object)s"),
    "secret.declassification_noted": _("noted the declassification of %(object)s"),
    "secret.declassify": _("declassified %(object)s"),
    "secret.declassify_partial": _("partly declassified %(object)s: %(parts)s"),
    "secret.out_of_catalogue": _(
        "declassified %(object)s: its catalogue entry %(entry)s left the catalogue"
    ),
    "secret.destroy": _("destroyed %(object)s"),
    "secret.download": _("downloaded the file of the secret document %(object)s"),
    "secret.notice_received": _("received the classifier's notice about %(object)s"),
    "secret.remarked": _("recorded the re-marking of the copies of %(object)s"),
    "secret.notices_export": _("exported the notices on the secrets classified by %(object)s"),
    "secret.notices_import": _("imported notices from another installation for %(object)s"),
    "secret.extend": _("extended the protection period of %(object)s"),
    "secret.grant": _("granted access to %(object)s"),
    "secret.hand_over": _("handed over %(object)s"),
    "secret.list": _("viewed %(items)s secret documents in %(where)s"),
    "secret.lost": _("reported %(object)s lost"),
    "secret.meeting_close": _("closed the meeting record %(object)s"),
    "secret.meeting_consent": _("consented to the meeting %(object)s"),
    "secret.meeting_plan": _("planned the meeting %(object)s"),
    "secret.meeting_refuse": _("refused the meeting %(object)s"),
    "secret.propose": _("proposed a secrecy level for %(object)s"),
    "secret.read": _("read the secret document %(object)s"),
    "secret.receive": _("received %(object)s"),
    "secret.recall": _("recalled %(object)s (Tài liệu thu hồi)"),
    "secret.recall_return": _("recorded a recipient's return of the recalled %(object)s"),
    "secret.returned_to_sender": _("recorded that %(object)s went back to its sender"),
    "secret.register_incoming": _(
        "registered the secret document %(object)s in the incoming register"
    ),
    "secret.register_outgoing": _(
        "registered the secret document %(object)s in the outgoing register"
    ),
    "secret.reject": _("rejected the proposal for %(object)s"),
    "secret.request_copies": _("asked to copy the secret document %(object)s (%(count)s copies)"),
    "secret.refuse_copies": _("refused copies of the secret document %(object)s"),
    "staff.designate": _("designated %(object)s"),
    "task.accept": _("accepted the task %(object)s"),
    "task.progress": _("reported progress on the task %(object)s"),
    "sync.export": _("made bundle no. %(seq)s for the node %(peer)s"),
    "sync.import": _("imported bundle no. %(seq)s from the node %(peer)s"),
    "sync.hold": _("held bundle no. %(seq)s from the node %(peer)s until no. %(missing)s arrives"),
    "sync.refuse": _("refused a bundle: %(reason)s"),
    "sync.trust": _("trusted the node %(name)s (key %(key_id)s)"),
    "sync.revoke": _("stopped trusting the node %(object)s"),
    "task.return": _("returned the task %(object)s"),
    "task.update": _("updated the task %(object)s"),
    "training.record": _("recorded the training %(object)s"),
}

# Change keys that are no model field of the event's object.
FIELD_LABELS = {
    "copies": _("copies"),
    "where": _("where"),
    "items": _("items"),
    "count": _("count"),
    "lines": _("lines"),
    "format": _("format"),
    "username": _("user name typed"),
    "failures": _("failed attempts"),
    "note": _("note"),
    "comment": _("comment"),
    "period": _("reporting period"),
    "state": _("state"),
    "kind": _("kind"),
    "key_id": _("key"),
    "finding": _("finding"),
    "stage": _("stage"),
    "throttled": _("throttled"),
    "abroad": _("abroad"),
    "accepted": _("accepted"),
    "added": _("added"),
    "agencies": _("agencies"),
    "agency_types": _("agency types"),
    "allocated": _("amount allocated"),
    "already": _("already recorded"),
    "applied": _("applied"),
    "asset_tag": _("asset tag"),
    "assignments": _("assignments"),
    "at": _("at"),
    "attendees": _("attendees"),
    "authorisation": _("authorisation"),
    "bmnn_version": _("BMNN version"),
    "bundle": _("bundle"),
    "catalogue": _("secret catalogue"),
    "channel": _("how it happened"),
    "clearance": _("clearance"),
    "closed": _("closed"),
    "contents": _("contents"),
    "copy": _("copy"),
    "council": _("council"),
    "created_at": _("created at"),
    "day": _("day"),
    "deadline": _("deadline"),
    "decided_by": _("decided by"),
    "decided_on": _("decided on"),
    "decision": _("decision"),
    "declassified_at": _("declassified on"),
    "document": _("document"),
    "documents": _("documents"),
    "documents_collected": _("documents collected"),
    "due_on": _("due on"),
    "due_soon": _("due soon"),
    "effective_on": _("effective on"),
    "ends_on": _("ends on"),
    "engine": _("database"),
    "entries": _("entries"),
    "entry": _("catalogue entry"),
    "errors": _("errors"),
    "evidence": _("pieces of evidence"),
    "kind_of_copy": _("kind of copy"),
    "form": _("form of copy"),
    "answers": _("answers"),
    "limit": _("stopped at a limit"),
    "checklist": _("checklist version"),
    "schedule": _("schedule"),
    "self_report_due": _("self-inspection report due"),
    "expected": _("expected"),
    "expires_at": _("expires at"),
    "fields": _("fields"),
    "file": _("file"),
    "files": _("files"),
    "findings": _("findings"),
    "from": _("from"),
    "held_on": _("held on"),
    "hint": _("shown as"),
    "imported": _("imported"),
    "inspection_finding": _("inspection finding"),
    "issuer": _("issued by"),
    "item": _("checklist item"),
    "items_above": _("items above the new level"),
    "last_seq": _("last number"),
    "late": _("late"),
    "level": _("level"),
    "minutes": _("minutes"),
    "missing": _("missing bundle"),
    "missing_files": _("missing files"),
    "mode": _("how"),
    "name": _("name"),
    "new_findings": _("new findings"),
    "node": _("node"),
    "notice": _("notice"),
    "number": _("number"),
    "numbers": _("copy numbers"),
    "other_encrypted_files": _("other encrypted files"),
    "outgoing_seq": _("outgoing number"),
    "overdue": _("overdue"),
    "pages": _("pages"),
    "participants": _("participants"),
    "parts": _("parts"),
    "peer": _("node"),
    "person": _("person"),
    "place": _("place"),
    "problems": _("problems"),
    "protected_until": _("protected until"),
    "reason": _("reason"),
    "receiver": _("received by"),
    "recipient": _("recipient"),
    "recipients": _("recipients"),
    "removed": _("removed"),
    "replaces": _("replaces"),
    "report": _("report"),
    "requested": _("amount requested"),
    "result": _("result"),
    "return_by": _("return by"),
    "returned_on": _("returned on"),
    "role": _("role"),
    "rows": _("rows"),
    "rule": _("rule broken"),
    "run": _("scan"),
    "sealed": _("sealed"),
    "second_factor": _("second factor"),
    "secret": _("carries state secrets"),
    "secret_files": _("secret files"),
    "sector": _("sector"),
    "seq": _("number"),
    "serial": _("serial number"),
    "severity": _("severity"),
    "sha256": _("fingerprint"),
    "since": _("since"),
    "size": _("size"),
    "source": _("source"),
    "spoiled": _("spoiled copies"),
    "stamped": _("stamped"),
    "starts_on": _("starts on"),
    "status": _("status"),
    "tasks": _("tasks"),
    "text": _("text"),
    "title": _("title"),
    "to": _("to"),
    "tokens": _("tokens"),
    "total": _("total"),
    "unchanged": _("unchanged"),
    "unmatched": _("not matched"),
    "until": _("until"),
    "updated": _("updated"),
    "url": _("address"),
    "valid_from": _("valid from"),
    "venue": _("venue"),
    "was_held": _("had been held"),
    "what": _("what"),
    "window": _("period covered"),
}

# The keys of a value that is itself a mapping: the sections of a node's bundle (sync.export,
# sync.import "contents"), worded as the node pages word them.
DICT_KEYS = {
    "directory": _("directory"),
    "plans": _("plans"),
    "periods": _("reporting periods and decisions"),
    "progress": _("task progress"),
    "reports": _("signed reports"),
    "library": _("secret catalogues and legal library"),
    "inventory": _("computers, media and independent LANs"),
    "incidents": _("leaks and losses, and their follow-up"),
    "incident_steps": _("follow-up of leaks and losses"),
    "inspections": _("inspections by the province"),
    "self_inspections": _("self-inspections and remediation of findings"),
}

# Change keys whose value lists fields of the event's object by name.
FIELD_NAME_KEYS = {"fields"}

# Change keys whose value is a list in itself, not a pair [old, new].
LIST_FIELDS = {"items", "keys", "values", "agencies"}

KINDS = {
    "account": _("Accounts and logins"),
    "people": _("Agencies and people"),
    "secret": _("Secret documents"),
    "register": _("Registers"),
    "plan": _("Plans and tasks"),
    "report": _("Reports and incidents"),
    "inspection": _("Inspections"),
    "device": _("Devices and networks"),
    "scanner": _("Portal scanning"),
    "activity": _("Training, regulations and budget"),
    "system": _("System"),
}
_PREFIX_KIND = {
    "account": "account",
    "agency": "people",
    "person": "people",
    "membership": "people",
    "group": "people",
    "clearance": "people",
    "staff": "people",
    "secret": "secret",  # nosec B105 # an action kind, not a password
    "register": "register",
    "plan": "plan",
    "task": "plan",
    "report": "report",
    "incident": "report",
    "inspection": "inspection",
    "device": "device",
    "lan": "device",
    "medium": "device",
    "scanner": "scanner",
    "training": "activity",
    "regulation": "activity",
    "budget": "activity",
    "library": "activity",
    "core": "system",
    "notifications": "system",
}


def kind_prefixes(kind: str) -> list[str]:
    """The action-code prefixes ("secret.", …) that make up a kind of action."""
    return [f"{prefix}." for prefix, k in _PREFIX_KIND.items() if k == kind]


@dataclass(frozen=True)
class Change:
    label: str
    old: str | None  # None when the value is not a before/after pair
    new: str


@dataclass(frozen=True)
class Line:
    event: AuditEvent
    sentence: str
    changes: list[Change]


class _Values(dict[str, str]):
    """Template values; a name the event does not carry reads as empty, not as an error."""

    def __missing__(self, key: str) -> str:
        return ""


def _when(at: datetime) -> str:
    local = timezone.localtime(at)
    return local.strftime("%H:%M %d/%m/%Y")


def _model(event: AuditEvent) -> Any:
    if not event.object_type:
        return None
    try:
        return apps.get_model(event.object_type)
    except (LookupError, ValueError):
        return None


def text(value: Any) -> str:
    """A stored change value for people: dates as dd/mm/yyyy, yes/no, lists joined."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, list | tuple):
        return ", ".join(text(v) for v in value) if value else "—"
    if isinstance(value, dict):
        return "; ".join(f"{DICT_KEYS.get(k, k)}: {text(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
        moment = parse_datetime(value) if len(value) > 10 else None
        if moment is not None:
            return _when(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
        day = parse_date(value[:10]) if len(value) == 10 else None
        if isinstance(day, date):
            return day.strftime("%d/%m/%Y")
    return str(value)


def _field(model: Any, key: str) -> Any:
    if model is None:
        return None
    try:
        return model._meta.get_field(key)
    except FieldDoesNotExist:
        return None


def _named(field: Any) -> bool:
    """Whether the field has a verbose name of its own (not Django's, made from its name)."""
    name = getattr(field, "verbose_name", None)
    return bool(name) and not (isinstance(name, str) and name == field.name.replace("_", " "))


def field_label(model: Any, key: str) -> str:
    field = _field(model, key)
    # A reverse relation (e.g. an item's "copies") has no verbose name of its own; a field
    # declared without one has Django's English default.
    if field is not None and _named(field):
        return str(field.verbose_name)
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    if getattr(field, "verbose_name", None):
        return str(field.verbose_name)
    return key.replace("_", " ")


@functools.cache
def _value_choices() -> dict[str, Any]:
    """The labels of codes stored under a change key that is no field of the event's object
    (or a field without choices), by key."""
    from bmnn.devices.labels import FINDING_KINDS
    from bmnn.inspections.models import Answer
    from bmnn.inspections.models import Finding as InspectionFinding
    from bmnn.org.models import AgencyType, ClearanceLevel, Level, Role
    from bmnn.registry.models import CopyForm, Declassification
    from bmnn.reports.models import Incident

    return {
        "level": Level.choices,
        "highest_level": Level.choices,
        "clearance": ClearanceLevel.choices,
        "role": Role.choices,
        "result": Answer.Result.choices,
        "severity": InspectionFinding.Severity.choices,
        "form": CopyForm.choices,
        "reason": Declassification.Reason.choices,
        "channel": Incident.Channel.choices,
        "source": Incident.Source.choices,
        "findings": list(FINDING_KINDS.items()),
        "agency_types": AgencyType.choices,
    }


@functools.cache
def _action_keys() -> dict[tuple[str, str], tuple[str, Any]]:
    """Keys whose meaning depends on the action: (action, key) → (label key, choices)."""
    from bmnn.registry.models import CopyKind, HolderNotice
    from bmnn.scanner.models import Finding as ScannerFinding

    return {
        ("secret.notice_received", "kind"): ("notice", HolderNotice.Kind.choices),
        ("scanner.finding", "source"): ("source", ScannerFinding.Source.choices),
        ("scanner.check", "level"): ("level", None),
        ("secret.copy", "kind"): ("kind_of_copy", CopyKind.choices),
        ("scanner.check", "limit"): ("limit", SCAN_LIMITS),
    }


@functools.cache
def _figures() -> dict[str, tuple[Any, str]]:
    """The figures of an agency's report (report.save names the corrected ones by key)."""
    from bmnn.reports.figures import FIGURES

    return {f.key: (f.label, f.level) for f in FIGURES}


def _figure_label(key: str) -> str | None:
    from bmnn.org.models import Level

    found = _figures().get(key)
    if found is None:
        return None
    label, level = found
    return f"{label} ({Level(level).label})" if level in Level.values else str(label)


# What stopped a pre-publication check before the end of the file (Verdict.limit).
SCAN_LIMITS = [
    ("bytes", _("what the file holds is too large")),
    ("members", _("it holds too many files")),
    ("depth", _("archives nested too deep")),
    ("time", _("it took too long")),
]


# Change keys holding ids (or lists of ids) of rows of another model, by key.
RELATED_KEYS = {"agencies": "org.Agency"}


@dataclass(frozen=True)
class _Spec:
    label: str
    choices: Mapping[Any, Any] | None
    related: Any  # a model whose rows the value names by id


def _spec(model: Any, action: str, key: str, value: Any = None) -> _Spec:
    """How a change key of an action on a model reads: its label, the labels of its codes, the
    model its ids name (worked out once per language and kept)."""
    listed = key in RELATED_KEYS and isinstance(value, list)
    return _spec_of(model, action, key, listed, get_language())


@functools.lru_cache(maxsize=4096)
def _spec_of(model: Any, action: str, key: str, listed: bool, language: str | None) -> _Spec:
    override = _action_keys().get((action, key))
    if override is not None:
        label_key, labelled = override
        label = str(FIELD_LABELS.get(label_key, label_key))
        return _Spec(label, dict(labelled) if labelled else _generic_choices(key), None)
    figure = _figure_label(key) if action.startswith("report.") else None
    if figure is not None:
        return _Spec(figure, None, None)
    field = _field(model, key)
    choices: Mapping[Any, Any] | None = None
    related = None
    if field is not None and getattr(field, "choices", None):
        choices = dict(field.flatchoices)
    elif field is not None and getattr(field, "many_to_one", False) and field.related_model:
        related = field.related_model
    elif listed:
        related = apps.get_model(RELATED_KEYS[key])
    if choices is None and related is None:
        choices = _generic_choices(key)
    return _Spec(field_label(model, key), choices, related)


def _generic_choices(key: str) -> Mapping[Any, Any] | None:
    found = _value_choices().get(key)
    return dict(found) if found else None


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _shown(value: Any, spec: _Spec, names: Mapping[tuple[Any, int], str]) -> str:
    """A stored value with its codes as labels and its ids as names."""
    if isinstance(value, list):
        return ", ".join(_shown(v, spec, names) for v in value) if value else "—"
    if spec.choices is not None and isinstance(value, str) and value in spec.choices:
        return str(spec.choices[value])
    if spec.related is not None and value in _ids(value):
        return names.get((spec.related, value), str(value))
    return text(value)


def _item_names(events: list[AuditEvent]) -> dict[tuple[int, str], str]:
    """The checklist items `inspection.answer` events name by code, as their text."""
    from bmnn.inspections.models import ChecklistItem

    wanted = {
        (int(e.object_id), str(e.changes["item"]))
        for e in events
        if e.action == "inspection.answer"
        and isinstance(e.changes, dict)
        and "item" in e.changes
        and str(e.object_id).isdigit()
    }
    if not wanted:
        return {}
    rows = ChecklistItem.objects.filter(
        inspection_id__in={i for i, _ in wanted}, code__in={c for _, c in wanted}
    ).values_list("inspection_id", "code", "text")
    return {(i, c): t[:160] for i, c, t in rows}


def _field_names(model: Any, names: list[Any]) -> str:
    """Fields of the event's object named in a change ("fields": what a notice changed), by
    their labels; internal fields without one (a search index) are left out."""
    shown = []
    for name in names:
        field = _field(model, str(name))
        if (field is not None and _named(field)) or str(name) in FIELD_LABELS:
            shown.append(field_label(model, str(name)))
    return ", ".join(dict.fromkeys(shown)) or "—"


def changes_of(
    event: AuditEvent,
    model: Any = None,
    names: Mapping[tuple[Any, int], str] | None = None,
    items: Mapping[tuple[int, str], str] | None = None,
) -> list[Change]:
    if not isinstance(event.changes, dict):
        return [Change(gettext("Changes"), None, text(event.changes))] if event.changes else []
    model = model or _model(event)
    names, items = names or {}, items or {}
    rows = []
    for key, value in event.changes.items():
        spec = _spec(model, event.action, str(key), value)
        if key in FIELD_NAME_KEYS and isinstance(value, list):
            rows.append(Change(spec.label, None, _field_names(model, value)))
        elif (
            event.action == "inspection.answer" and key == "item" and str(event.object_id).isdigit()
        ):
            rows.append(
                Change(spec.label, None, items.get((int(event.object_id), str(value)), text(value)))
            )
        elif isinstance(value, list) and len(value) == 2 and key not in LIST_FIELDS:
            rows.append(
                Change(spec.label, _shown(value[0], spec, names), _shown(value[1], spec, names))
            )
        else:
            rows.append(Change(spec.label, None, _shown(value, spec, names)))
    return rows


def _related_names(
    events: list[AuditEvent], models: Mapping[int, Any]
) -> dict[tuple[Any, int], str]:
    """The names of the rows the events' changes name by id: one query per related model."""
    wanted: dict[Any, set[int]] = {}
    for event in events:
        if not isinstance(event.changes, dict):
            continue
        for key, value in event.changes.items():
            spec = _spec(models[event.pk], event.action, str(key), value)
            if spec.related is not None:
                values = value if isinstance(value, list) else [value]
                for v in values:
                    wanted.setdefault(spec.related, set()).update(_ids(v))
    names: dict[tuple[Any, int], str] = {}
    for related, ids in wanted.items():
        for row in related._default_manager.filter(pk__in=list(ids)[:500]):
            names[related, row.pk] = str(row)
    return names


def who(event: AuditEvent, agency_of_actor: Mapping[int, str]) -> str:
    if event.actor_id is None:
        # a request without a logged-in person (a failed login) has an address; jobs do not
        if event.client_address:
            return gettext("A visitor who was not logged in")
        return gettext("The system")
    name = event.actor.get_full_name() if event.actor is not None else event.actor_name
    agency = event.agency.name if event.agency is not None else agency_of_actor.get(event.actor_id)
    return f"{name} ({agency})" if agency else name


def did(event: AuditEvent, model: Any = None) -> str:
    values = _Values()
    if isinstance(event.changes, dict):
        for key, value in event.changes.items():
            if key in LIST_FIELDS and isinstance(value, list):
                values[str(key)] = str(len(value))
            elif isinstance(value, list) and len(value) == 2:
                values[str(key)] = text(value[1])
            else:
                values[str(key)] = text(value)
    values["object"] = f"«{event.object_repr}»" if event.object_repr else ""
    template = SENTENCES.get(event.action)
    if template is not None:
        return " ".join((str(template) % values).split())
    # a code without a sentence still reads as one: the operation's words and the object's kind
    operation = event.action.replace(".", " ").replace("_", " ").strip() or "?"
    model = model or _model(event)
    if model is None and not event.object_repr:
        return gettext("performed “%(action)s”") % {"action": operation}
    kind = str(model._meta.verbose_name) if model is not None else ""
    sentence = gettext("performed “%(action)s” on %(kind)s %(object)s") % {
        "action": operation,
        "kind": kind,
        "object": values["object"],
    }
    return " ".join(sentence.split())


def lines(events: Iterable[AuditEvent], agency_of_actor: Mapping[int, str]) -> list[Line]:
    """Sentences for `events` (with actor and agency selected); `agency_of_actor` names the
    agency of each actor for events recorded without one."""
    events = list(events)
    models = {event.pk: _model(event) for event in events}
    names = _related_names(events, models)
    items = _item_names(events)
    template = gettext("%(who)s %(did)s at %(when)s")
    # the words the sentence puts before the act ("đã" in Vietnamese): an act translated with
    # them already does not say them twice
    before = template.partition("%(who)s")[2].partition("%(did)s")[0].strip()
    result = []
    for event in events:
        model = models[event.pk]
        act = did(event, model)
        if before and act.startswith(before + " "):
            act = act[len(before) + 1 :]
        sentence = template % {
            "who": who(event, agency_of_actor),
            "did": act,
            "when": _when(event.at),
        }
        result.append(Line(event, sentence, changes_of(event, model, names, items)))
    return result
