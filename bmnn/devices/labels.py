"""What the device pages say in words: a host-audit finding as a sentence with its figures, the
evidence of a report as labelled facts, a device's history as "field: old → new", and the laws
behind each concern cited the Vietnamese way. Nothing here shows a code, a Python value or an
English plural: a kind of evidence or a detail without a label is left out (it stays in the
stored report and in the API)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, ngettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

from bmnn.devices.models import Device, DeviceChange, HostReport, IndependentLan
from bmnn.org.models import Level, Person

# What each piece of evidence of a host audit is (the agent's `kind`).
EVIDENCE_KINDS = {
    "usb_storage": _("USB storage device"),
    "wifi_profile": _("Wi-Fi network profile"),
    "network_profile": _("Network connection profile"),
    "wifi_bssids": _("Wi-Fi access points seen"),
    "dhcp_lease": _("Network address obtained (DHCP)"),
    "network_interface": _("Network adapter"),
    "default_route": _("Default route"),
    "dns_config": _("DNS server settings"),
    "network_signature": _("Network gateway identified"),
    "marked_file": _("File with state-secret markings"),
}

# What each kind of finding is, in a few words (the audit log names them by these).
FINDING_KINDS = {
    "network_on_standalone": _("Network traces on a machine declared not connected"),
    "wifi_on_lan_device": _("Wi-Fi on a machine of an independent LAN"),
    "public_network": _("Public network or DNS on a machine of an independent LAN"),
    "unregistered_media": _("USB storage not in the register of media"),
    "marked_files": _("Files with state-secret markings"),
    "other_machine": _("Report from another machine than the one recorded"),
}

# The details worth reading, in this order; the others (identifiers, internal names) are left out.
DETAILS = {
    "friendly_name": _("name shown"),
    "name": _("name"),
    "ssid": _("network name (SSID)"),
    "vendor": _("maker"),
    "manufacturer": _("maker"),
    "product": _("product"),
    "serialnumber": _("serial number"),
    "first_install": _("first connected"),
    "last_arrival": _("last connected"),
    "last_removal": _("last removed"),
    "created": _("created"),
    "last_connected": _("last connected"),
    "security": _("security"),
    "address": _("address"),
    "router": _("gateway"),
    "gateway": _("gateway"),
    "gateway_mac": _("gateway MAC address"),
    "server": _("DHCP server"),
    "dns": _("DNS servers"),
    "nameservers": _("DNS servers"),
    "dns_suffix": _("DNS suffix"),
    "description": _("description"),
    "interface": _("interface"),
    "mac": _("MAC address"),
    "wireless": _("wireless"),
    "bssids": _("access points"),
    "level": _("level"),
    "score": _("score"),
}
TIME_DETAILS = {"first_install", "last_arrival", "last_removal", "created", "last_connected"}
MAX_DETAIL = 120


# A finding with a count, as a sentence in the reader's language (the plural follows "n").
COUNTED_FINDINGS = {
    "network_on_standalone": ngettext_lazy(
        "Declared not connected to any network, yet the audit found %(n)s network trace "
        "(%(wifi)s of them Wi-Fi).",
        "Declared not connected to any network, yet the audit found %(n)s network traces "
        "(%(wifi)s of them Wi-Fi).",
        "n",
    ),
    "wifi_on_lan_device": ngettext_lazy(
        "%(n)s Wi-Fi profile on a machine of an independent LAN.",
        "%(n)s Wi-Fi profiles on a machine of an independent LAN.",
        "n",
    ),
    "public_network": ngettext_lazy(
        "%(n)s trace of a public network or a public DNS server.",
        "%(n)s traces of a public network or a public DNS server.",
        "n",
    ),
    "unregistered_media": ngettext_lazy(
        "%(n)s USB storage device that is not in the register of media.",
        "%(n)s USB storage devices that are not in the register of media.",
        "n",
    ),
    "marked_files": ngettext_lazy(
        "%(n)s file with state-secret markings.", "%(n)s files with state-secret markings.", "n"
    ),
}


def finding_text(code: str, counts: Mapping[str, Any] | None, summary: str = "") -> str:
    """The finding as a sentence with its figures, in the reader's language."""
    counts = counts or {}
    if code in COUNTED_FINDINGS:
        figures = {"n": int(counts.get("traces") or 0), "wifi": int(counts.get("wifi") or 0)}
        return str(COUNTED_FINDINGS[code] % figures)
    if code == "other_machine":
        return gettext("The report comes from another machine than the one recorded.")
    return summary


def connection_found(names: list[str], traces: int) -> str:
    """What a host audit's traces of a connection name (rules.named), else how many there are."""
    if names:
        return ", ".join(names)
    return ngettext("%(n)s network trace", "%(n)s network traces", traces) % {"n": traces}


def moment(value: Any) -> str:
    """An ISO time from a report as dd/mm/yyyy hh:mm (local time when it carries its zone)."""
    if not isinstance(value, str) or not value:
        return ""
    try:
        at = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value[:MAX_DETAIL]
    if timezone.is_aware(at):
        at = timezone.localtime(at)
    return at.strftime("%d/%m/%Y %H:%M")


def _detail(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if key in TIME_DETAILS:
        return moment(value)
    if key == "level":
        return str(Level(value).label) if value in Level.values else ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if not isinstance(v, dict | list))[:MAX_DETAIL]
    if isinstance(value, dict):
        return ""
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)[:MAX_DETAIL]


def evidence_rows(evidence: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """A report's evidence as a person reads it: what it is, where it was read, when, and its
    labelled details."""
    rows = []
    for item in evidence:
        found = item.get("details")
        details: dict[str, Any] = found if isinstance(found, dict) else {}
        facts = [
            (str(label), text)
            for key, label in DETAILS.items()
            if key in details and (text := _detail(key, details[key]))
        ]
        rows.append(
            {
                "kind": str(EVIDENCE_KINDS.get(str(item.get("kind", "")), _("Other trace"))),
                "source": str(item.get("source") or "")[:300],
                "time": moment(item.get("time")),
                "facts": facts,
            }
        )
    return rows


# --- a device's history ----------------------------------------------------------------------


def _field(name: str) -> models.Field[Any, Any] | None:
    try:
        found = Device._meta.get_field(name)
    except Exception:  # FieldDoesNotExist: a key of an older version of the record
        return None
    return found if isinstance(found, models.Field) else None


def _value(name: str, value: Any, names: Mapping[tuple[str, Any], str]) -> str:
    if value is None or value == "":
        return "—"
    field = _field(name)
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, "—"))
    if field is not None and field.is_relation:
        return names.get((name, value), "—")
    if isinstance(field, models.DateField) and isinstance(value, str):
        try:
            return date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
        except ValueError:
            return value
    return str(value)


def history(changes: Iterable[DeviceChange]) -> list[dict[str, Any]]:
    """A device's history entries, each with who, when and what changed in words."""
    entries = list(changes)
    wanted: dict[str, set[Any]] = {"custodian": set(), "lan": set()}
    reports: set[int] = set()
    for entry in entries:
        rows = entry.changes if isinstance(entry.changes, dict) else {}
        for name in wanted:
            pair = rows.get(name)
            if isinstance(pair, list):
                wanted[name].update(v for v in pair if isinstance(v, int))
        if isinstance(rows.get("host_report"), int):
            reports.add(rows["host_report"])
    names: dict[tuple[str, Any], str] = {}
    for person in Person.objects.filter(pk__in=wanted["custodian"]):
        names["custodian", person.pk] = str(person)
    for lan in IndependentLan.objects.filter(pk__in=wanted["lan"]):
        names["lan", lan.pk] = str(lan)
    audits = {
        r.pk: timezone.localtime(r.generated_at).strftime("%d/%m/%Y")
        for r in HostReport.objects.filter(pk__in=reports)
    }
    shown = []
    for entry in entries:
        rows = entry.changes if isinstance(entry.changes, dict) else {}
        lines = []
        if rows.get("created"):
            lines.append(gettext("Added to the inventory."))
        if "host_report" in rows:
            day = audits.get(rows["host_report"])
            lines.append(
                gettext("Found by the host audit of %(day)s.") % {"day": day}
                if day
                else gettext("Found by a host audit.")
            )
        for name, pair in rows.items():
            field = _field(name)
            if field is None or not isinstance(pair, list) or len(pair) != 2:
                continue
            label = str(field.verbose_name)
            lines.append(
                f"{label[:1].upper()}{label[1:]}: {_value(name, pair[0], names)} → "
                f"{_value(name, pair[1], names)}"
            )
        shown.append({"at": entry.changed_at, "by": entry.changed_by, "lines": lines})
    return shown
