"""The audit log in words: one Vietnamese sentence per event and its changes as field: old → new.

Every action code a service records has a sentence template here (a test enumerates the codes
passed to `audit.record` across the code base, so a new code without a sentence fails the
build). A code missing anyway still reads as a sentence: who performed which operation on what
kind of object, when. Templates may name `%(object)s` and any key of the event's changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext
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
}

# Change keys whose value is a list in itself, not a pair [old, new].
LIST_FIELDS = {"items", "keys", "values"}

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
    "account": "account", "agency": "people", "person": "people", "membership": "people",
    "group": "people", "clearance": "people", "staff": "people", "secret": "secret",  # nosec B105 # an action kind, not a password
    "register": "register", "plan": "plan", "task": "plan", "report": "report",
    "incident": "report", "inspection": "inspection", "device": "device", "lan": "device",
    "medium": "device", "scanner": "scanner", "training": "activity", "regulation": "activity",
    "budget": "activity", "library": "activity", "core": "system", "notifications": "system",
}  # fmt: skip


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
        return "; ".join(f"{k}: {text(v)}" for k, v in value.items())
    if isinstance(value, str) and len(value) >= 10 and value[:4].isdigit() and value[4] == "-":
        moment = parse_datetime(value) if len(value) > 10 else None
        if moment is not None:
            return _when(moment if timezone.is_aware(moment) else timezone.make_aware(moment))
        day = parse_date(value[:10]) if len(value) == 10 else None
        if isinstance(day, date):
            return day.strftime("%d/%m/%Y")
    return str(value)


def field_label(model: Any, key: str) -> str:
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            field = None
        # A reverse relation (e.g. an item's "copies") has no verbose name of its own.
        if getattr(field, "verbose_name", None):
            return str(field.verbose_name)
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    return key.replace("_", " ")


def changes_of(event: AuditEvent, model: Any = None) -> list[Change]:
    if not isinstance(event.changes, dict):
        return [Change(gettext("Changes"), None, text(event.changes))] if event.changes else []
    model = model or _model(event)
    rows = []
    for key, value in event.changes.items():
        label = field_label(model, str(key))
        if isinstance(value, list) and len(value) == 2 and key not in LIST_FIELDS:
            rows.append(Change(label, text(value[0]), text(value[1])))
        else:
            rows.append(Change(label, None, text(value)))
    return rows


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
    result = []
    for event in events:
        model = _model(event)
        sentence = gettext("%(who)s %(did)s at %(when)s") % {
            "who": who(event, agency_of_actor),
            "did": did(event, model),
            "when": _when(event.at),
        }
        result.append(Line(event, sentence, changes_of(event, model)))
    return result
