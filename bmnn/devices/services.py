"""Inventory and host-audit services: every change authorised, audited and kept in the
device's history; a host report is checked (format, fingerprint) before it is stored whole."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import assign, locked, require, service
from bmnn.devices import labels, rules
from bmnn.devices.models import (
    Device,
    DeviceChange,
    DeviceFinding,
    HostReport,
    IndependentLan,
    Medium,
)
from bmnn.org import rules as org_rules
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles

DEVICE_FIELDS = (
    "asset_tag",
    "kind",
    "make_model",
    "serial",
    "os",
    "location",
    "custodian",
    "highest_level",
    "connected_to",
    "ever_connected",
    "ever_connected_on",
    "ever_connected_to",
    "lan",
    "hostname",
    "machine_id",
    "active",
)
MAX_REPORT_BYTES = 20 * 1024 * 1024


def _plain(value: Any) -> Any:
    """A field's value as the history stores it (JSON): a related row by its id, a date as text."""
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "pk", value) if value is not None else None


def _check_member(agency: Agency, person: Person | None, field: str) -> None:
    """The person named on a record of the agency's inventory (custodian, administrator) is one
    of its people: an active membership of that agency (`org.rules.belongs_to`)."""
    if person is None:
        return
    member_of = set(person.memberships.filter(is_active=True).values_list("agency_id", flat=True))
    if not org_rules.belongs_to(agency.pk, member_of):
        raise _not_ours(agency, field)


def _not_ours(agency: Agency, field: str) -> ValidationError:
    return ValidationError({field: _("Choose a person of %(agency)s.") % {"agency": agency.name}})


def member_by_id(agency: Agency, person_id: int | None, field: str) -> Person | None:
    """The person an id names (the API's way of naming one), checked as one of the agency's
    people (`_check_member`); None for no id. An id that names nobody is refused the same way
    as a person of another agency, so the answer tells nothing more."""
    if not person_id:
        return None
    person = Person.objects.filter(pk=person_id).first()
    if person is None:
        raise _not_ours(agency, field)
    _check_member(agency, person, field)
    return person


def _check_connection(device: Device, given: dict[str, Any]) -> None:
    """The two facts agree with each other: a device connected outside now has been connected
    (recorded so unless the caller says otherwise, which is refused); a date or a network of
    past connection is recorded only for a device that has been connected."""
    if device.connected_to not in Device.Connection.values:
        raise ValidationError({"connected_to": _("Say what the device is connected to now.")})
    if device.ever_connected not in Device.EverConnected.values:
        raise ValidationError(
            {"ever_connected": _("Say whether the device has ever been connected.")}
        )
    if device.connected_to == Device.Connection.LAN and device.lan is None:
        raise ValidationError({"lan": _("Say which independent LAN the device is on.")})
    if device.connected_to != Device.Connection.LAN:
        if given.get("lan") is not None:
            raise ValidationError({"lan": _("Only a device on an independent LAN names one.")})
        device.lan = None
    if (
        rules.connected_outside(device.connected_to)
        and device.ever_connected != Device.EverConnected.YES
    ):
        if given.get("ever_connected") == Device.EverConnected.NO:
            raise ValidationError(
                {
                    "ever_connected": _(
                        "A device connected to an outside network now has been connected: answer yes."
                    )
                }
            )
        device.ever_connected = Device.EverConnected.YES
    if device.ever_connected != Device.EverConnected.YES:
        if given.get("ever_connected_on") or given.get("ever_connected_to"):
            raise ValidationError(
                {
                    "ever_connected": _(
                        "A date or a network of past connection is recorded only for a device that has been connected."
                    )
                }
            )
        device.ever_connected_on, device.ever_connected_to = None, ""
    if device.ever_connected_on and device.ever_connected_on > timezone.localdate():
        raise ValidationError(
            {"ever_connected_on": _("The date of the last connection is in the future.")}
        )


def _require_keeper(actor: Person, agency: Agency) -> None:
    require(
        policy.can_keep_inventory(actor, agency.pk),
        _("The agency's security officer keeps its inventory."),
    )


@service
def save_device(
    *, actor: Person, agency: Agency, device: Device | None = None, **fields: Any
) -> Device:
    _require_keeper(actor, agency)
    unknown = set(fields) - set(DEVICE_FIELDS)
    if unknown:
        raise TypeError(f"unknown device fields: {sorted(unknown)}")
    device = locked(Device.objects).get(pk=device.pk) if device else Device(agency=agency)
    # the connection facts may follow from what was given (see _check_connection)
    watched = list(
        dict.fromkeys([*fields, "lan", "ever_connected", "ever_connected_on", "ever_connected_to"])
    )
    before = audit.Watched(device, watched, plain=_plain)
    assign(device, fields)
    _check_connection(device, fields)
    if "custodian" in fields:
        _check_member(agency, device.custodian, "custodian")
    if device.lan is not None and device.lan.agency_id != agency.pk:
        raise ValidationError({"lan": _("The LAN belongs to another agency.")})
    if not device.asset_tag:
        raise ValidationError({"asset_tag": _("Give the asset tag.")})
    created = device.pk is None
    # another device of the agency with the tag: refused by the field (the database would
    # refuse it too, with an error page), on a new device and on a changed one alike
    others = Device.objects.filter(agency=agency, asset_tag=device.asset_tag)
    if not created:
        others = others.exclude(pk=device.pk)
    if others.exists():
        raise ValidationError({"asset_tag": _("This asset tag is already in the inventory.")})
    device.save()
    changes = before.changes(by_name=False)  # the history lists them in the form's order
    if created or changes:
        DeviceChange.objects.create(
            device=device, changed_by=actor, changes={"created": True} if created else changes
        )
        audit.record(
            actor=actor,
            action="device." + ("create" if created else "change"),
            obj=device,
            agency=agency,
            changes=changes or {"asset_tag": [None, device.asset_tag]},
        )
    return device


@service
def register_medium(
    *,
    actor: Person,
    agency: Agency,
    label: str,
    kind: str,
    serial: str,
    registered_on: date,
    make_model: str = "",
    custodian: Person | None = None,
    highest_level: str = "",
) -> Medium:
    _require_keeper(actor, agency)
    _check_member(agency, custodian, "custodian")
    if registered_on > timezone.localdate():
        raise ValidationError({"registered_on": _("The registration date is in the future.")})
    serial = serial.strip().upper()
    if not serial:
        raise ValidationError(
            {"serial": _("Give the device's serial number (the one Windows and Linux report).")}
        )
    if Medium.objects.filter(agency=agency, serial=serial).exists():
        raise ValidationError({"serial": _("This medium is already registered.")})
    medium = Medium.objects.create(
        agency=agency,
        label=label.strip(),
        kind=kind,
        serial=serial,
        registered_on=registered_on,
        make_model=make_model.strip(),
        custodian=custodian,
        highest_level=highest_level,
    )
    audit.record(
        actor=actor, action="medium.register", obj=medium, agency=agency, changes={"serial": serial}
    )
    return medium


@service
def save_lan(
    *,
    actor: Person,
    agency: Agency,
    name: str,
    site: str,
    administrator: Person | None = None,
    measures: str = "",
) -> IndependentLan:
    _require_keeper(actor, agency)
    _check_member(agency, administrator, "administrator")
    lan = IndependentLan.objects.create(
        agency=agency,
        name=name.strip(),
        site=site.strip(),
        administrator=administrator,
        measures=measures.strip(),
    )
    audit.record(
        actor=actor, action="lan.create", obj=lan, agency=agency, changes={"name": lan.name}
    )
    return lan


def fingerprint(report: dict[str, Any]) -> str:
    """SHA-256 of a host-audit report without its own `sha256` field, keys sorted, UTF-8 (as
    the agent seals it)."""
    content = {k: v for k, v in report.items() if k != "sha256"}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def parse_report(data: bytes) -> dict[str, Any]:
    """A host-audit report as written by bmnn/devices/agent/bmnn_audit.py, its fingerprint checked."""
    if len(data) > MAX_REPORT_BYTES:
        raise ValidationError(_("The report is larger than 20 MB."))
    try:
        report = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise ValidationError(_("The file is not a host-audit report (not JSON).")) from exc
    if not isinstance(report, dict) or report.get("format") != "bmnn-host-audit":
        raise ValidationError(_("The file is not a host-audit report."))
    if report.get("sha256") != fingerprint(report):
        raise ValidationError(
            _("The report was altered after it was written (its fingerprint does not match).")
        )
    if (
        not isinstance(report.get("evidence"), list)
        or parse_datetime(str(report.get("generated_at", ""))) is None
    ):
        raise ValidationError(_("The report is incomplete."))
    return report


@service
def import_report(*, actor: Person, device: Device, data: bytes) -> HostReport:
    """Stores a verified report against the device and raises the findings its declared status
    and the media register call for; the agency's officer and head are told."""
    device = locked(Device.objects).select_related("agency").get(pk=device.pk)
    require(
        policy.can_import_host_report(actor, device.agency_id),
        _("You may not audit this agency's devices."),
    )
    report_data = parse_report(data)
    if HostReport.objects.filter(device=device, sha256=report_data["sha256"]).exists():
        raise ValidationError(_("This report was already imported."))
    machine = report_data.get("machine") or {}
    report = HostReport.objects.create(
        device=device,
        uploaded_by=actor,
        generated_at=parse_datetime(report_data["generated_at"]),  # type: ignore[misc]
        sha256=report_data["sha256"],
        hostname=str(machine.get("hostname", ""))[:255],
        machine=machine,
        evidence=report_data["evidence"][:20000],
        errors=report_data.get("errors", [])[:500],
    )
    registered = set(
        Medium.objects.filter(agency=device.agency, active=True).values_list("serial", flat=True)
    )
    issues = rules.assess(
        report.evidence, connected_to=device.connected_to, registered_media=registered
    )
    recorded_id = machine.get("machine_id") or machine.get("product_uuid") or ""
    if device.machine_id and recorded_id and recorded_id != device.machine_id:
        issues.append(
            rules.Issue(
                "other_machine",
                "medium",
                _("The report comes from another machine than the one recorded."),
            )
        )
    DeviceFinding.objects.bulk_create(
        DeviceFinding(
            device=device,
            report=report,
            code=i.code,
            severity=i.severity,
            summary=i.summary[:255],
            counts=i.counts,
            evidence=i.evidence,
        )
        for i in issues
    )
    if not device.machine_id and recorded_id:
        Device.objects.filter(pk=device.pk).update(machine_id=recorded_id, hostname=report.hostname)
    history = _record_connection_history(actor=actor, device=device, report=report)
    audit.record(
        actor=actor,
        action="device.host_report",
        obj=device,
        agency=device.agency,
        changes={
            "sha256": report.sha256,
            "evidence": len(report.evidence),
            "findings": [i.code for i in issues],
            **history,
        },
    )
    if issues:
        title = ngettext(
            "Host audit of %(device)s: %(count)s finding",
            "Host audit of %(device)s: %(count)s findings",
            len(issues),
        ) % {"device": device.asset_tag, "count": len(issues)}
        notify(
            people_in_roles((Role.HEAD, Role.SECURITY_OFFICER), {device.agency_id}),
            title=title,
            url=reverse("devices:device", args=[device.pk]),
            key=f"host-report-{report.pk}",
        )
    return report


def _record_connection_history(
    *, actor: Person, device: Device, report: HostReport
) -> dict[str, Any]:
    """A report whose traces show a connection beyond an independent LAN sets the device's
    "ever connected" fact (seed plan 004 II.4: such devices are checked before use), with the
    latest date a trace carries and what it names, unless something later is already recorded.
    A device connected outside now is known to be connected: its history is not rewritten.
    Returns the changes made, for the report's audit event; each is in the device's history."""
    if rules.connected_outside(device.connected_to):
        return {}
    traces = rules.outside_traces(report.evidence, connected_to=device.connected_to)
    if not traces:
        return {}
    last = rules.last_connection(traces)
    before = audit.Watched(
        device, ("ever_connected", "ever_connected_on", "ever_connected_to"), _plain
    )
    found = _("host audit of %(day)s: %(what)s") % {
        "day": timezone.localtime(report.generated_at).strftime("%d/%m/%Y"),
        "what": labels.connection_found(rules.named(traces), len(traces)),
    }
    device.ever_connected = Device.EverConnected.YES
    if last and (device.ever_connected_on is None or last > device.ever_connected_on):
        device.ever_connected_on, device.ever_connected_to = last, found[:255]
    elif not device.ever_connected_to:
        device.ever_connected_to = found[:255]
    changes = before.changes()
    if changes:
        Device.objects.filter(pk=device.pk).update(
            **{name: getattr(device, name) for name in changes}
        )
        DeviceChange.objects.create(
            device=device, changed_by=actor, changes={**changes, "host_report": report.pk}
        )
    return changes


@service
def decide_finding(
    *, actor: Person, finding: DeviceFinding, status: str, note: str
) -> DeviceFinding:
    require(
        policy.can_keep_inventory(actor, finding.device.agency_id),
        _("The agency's security officer answers the finding."),
    )
    if status not in (DeviceFinding.Status.RESOLVED, DeviceFinding.Status.DISMISSED):
        raise ValidationError({"status": _("Choose resolved or explained.")})
    if not note.strip():
        raise ValidationError({"note": _("Say how the finding was resolved or explained.")})
    if finding.status != DeviceFinding.Status.OPEN:
        raise ValidationError(_("This finding has already been answered."))
    finding.status, finding.note = status, note.strip()
    finding.save(update_fields=["status", "note"])
    audit.record(
        actor=actor,
        action="device.finding_" + status,
        obj=finding.device,
        agency=finding.device.agency,
        changes={"finding": finding.pk, "note": note},
    )
    return finding


@service
def raise_in_inspection(
    *, actor: Person, finding: DeviceFinding, target: Any, deadline: date
) -> Any:
    """Carries a device finding into an inspection of the agency as an inspection finding (the
    team records it; the agency remedies it there)."""
    from bmnn.inspections.models import Target
    from bmnn.inspections.services import record_finding

    if not isinstance(target, Target) or target.agency_id != finding.device.agency_id:
        raise ValidationError(_("Choose an inspection of this device's agency."))
    rule = rules.FINDING_RULES.get(finding.code, "L25 Art. 5")
    # the undecorated service, so that it runs inside this service's transaction
    made = record_finding.__wrapped__(  # type: ignore[attr-defined]
        actor=actor,
        target=target,
        description=f"{finding.device.asset_tag}: "
        + labels.finding_text(finding.code, finding.counts, finding.summary),
        rule=rule,
        deadline=deadline,
        severity="high" if finding.severity == "high" else "medium",
    )
    carried = _("Carried into the inspection %(inspection)s as finding no. %(number)s.") % {
        "inspection": target.inspection.title,
        "number": made.pk,
    }
    finding.note = (finding.note + "\n" if finding.note else "") + carried
    finding.save(update_fields=["note"])
    audit.record(
        actor=actor,
        action="device.finding_to_inspection",
        obj=finding.device,
        agency=finding.device.agency,
        changes={"finding": finding.pk, "inspection_finding": made.pk},
    )
    return made
