"""What a device's two connection facts mean, and what a host-audit report says about them
(no Django).

Two facts are kept per device (SOURCES.md §7.2). What it is connected to *now* decides the 2025
prohibition: composing or storing secrets on a device currently connected to a computer network
other than an independent LAN, to the internet or to a telecom network is forbidden (Law
117/2025/QH15, Art. 5.2). Whether it has *ever* been connected to such a network was itself
forbidden under the 2018 law (Law 29/2018/QH14, Art. 5.5) but is not under the 2025 law; the
province's plan still asks for such devices to be checked before they are used for secrets (seed
plan 004 II.4, under Decision 452/QĐ-TTg), so it is a finding to check, not a violation.

A host-audit report is read against the first fact: a machine declared not connected must show
no trace of any network; one on an independent LAN may show that LAN (private addresses) but no
Wi-Fi and no public address or DNS. Such traces are also evidence that the machine has been
connected. USB storage must be in the agency's register of media (Law 29/2018/QH14, Art. 12.2;
Directive 32/CT-TTg: removable media controlled)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

NONE, LAN, INTERNET, TELECOM, OTHER = "none", "lan", "internet", "telecom", "other"
YES, NO, UNKNOWN = "yes", "no", "unknown"
# Connections the 2025 prohibition covers: everything but none and an independent LAN.
OUTSIDE = frozenset({INTERNET, TELECOM, OTHER})
NETWORK_KINDS = {
    "network_profile",
    "wifi_profile",
    "wifi_bssids",
    "dhcp_lease",
    "dns_config",
    "default_route",
    "network_signature",
}


def connected_outside(connected_to: str) -> bool:
    """Whether the device is connected now to a network the 2025 prohibition covers (Law
    117/2025/QH15, Art. 5.2: any computer network but an independent LAN, the internet, a
    telecom network)."""
    return connected_to in OUTSIDE


@dataclass(frozen=True)
class Concern:
    """What the two facts mean for a device used for secrets: a `violation` of the law in force,
    or a `check` to make before (or while) it is used."""

    code: str
    kind: str  # violation | check
    article: str


CONNECTED_IN_USE = Concern("connected_in_use", "violation", "L25 Art. 5.2")
CONNECTED = Concern("connected", "check", "L25 Art. 5.2")
EVER_CONNECTED = Concern(
    "ever_connected", "check", "provincial plan under QD452, II.4; L18 Art. 5.5 (old text)"
)
HISTORY_UNKNOWN = Concern("history_unknown", "check", "provincial plan under QD452, II.4")


def concerns(connected_to: str, ever_connected: str, *, used_for_secrets: bool) -> list[Concern]:
    """A device used for secrets (a level recorded) and connected now to an outside network
    breaks Law 117/2025/QH15, Art. 5.2; one not (yet) used for secrets must stay so. A device
    that has been connected, or whose history is not known, is checked before use (seed plan
    004 II.4) — not by itself a violation of the 2025 law."""
    if connected_outside(connected_to):
        return [CONNECTED_IN_USE if used_for_secrets else CONNECTED]
    if ever_connected == YES:
        return [EVER_CONNECTED]
    if ever_connected != NO:
        return [HISTORY_UNKNOWN]
    return []


@dataclass
class Issue:
    code: str
    severity: str  # high | medium
    summary: str  # in English, for the API; pages say it from `code` and `counts`
    evidence: list[dict[str, Any]] = field(default_factory=list)
    # the figures the summary states: "traces" (how many pieces of evidence), "wifi" (how many
    # of them Wi-Fi), before the evidence kept is cut to its first rows
    counts: dict[str, int] = field(default_factory=dict)


def _public(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return not (ip.is_private or ip.is_loopback or ip.is_link_local)


def _addresses(details: dict[str, Any]) -> list[str]:
    found: list[str] = []
    for key in ("address", "router", "server", "gateway"):
        found += str(details.get(key) or "").replace(",", " ").split()
    for value in details.get("nameservers") or []:
        found.append(str(value))
    found += str(details.get("dns") or "").replace(",", " ").split()
    return found


def outside_traces(
    evidence: Iterable[dict[str, Any]], *, connected_to: str
) -> list[dict[str, Any]]:
    """The traces in a report that show a connection beyond an independent LAN: on a machine
    declared not connected, any network at all (nothing tells an independent LAN apart); on a
    machine of an independent LAN, Wi-Fi and public addresses or DNS; on a machine connected
    outside now, every network trace."""
    network = [e for e in evidence if e.get("kind") in NETWORK_KINDS]
    if connected_to == LAN:
        return [
            e
            for e in network
            if e["kind"] in ("wifi_profile", "wifi_bssids")
            or any(_public(a) for a in _addresses(e.get("details") or {}))
        ]
    return network


def _day(value: Any) -> date | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def last_connection(traces: Iterable[dict[str, Any]]) -> date | None:
    """The latest date a trace carries (profiles record their last use, leases their time)."""
    days = [day for day in (_day(t.get("time")) for t in traces if t.get("time")) if day]
    return max(days) if days else None


def named(traces: list[dict[str, Any]]) -> list[str]:
    """What the traces name, at most five: Wi-Fi networks ("Wi-Fi <SSID>") and public
    addresses; empty when they name none (the caller then says how many traces there are)."""
    names: list[str] = []
    for trace in traces:
        details = trace.get("details") or {}
        if trace.get("kind") in ("wifi_profile", "network_profile") and details.get("ssid"):
            names.append(f"Wi-Fi {details['ssid']}")
        names += [a for a in _addresses(details) if _public(a)]
    return list(dict.fromkeys(names))[:5]


def assess(
    evidence: Iterable[dict[str, Any]], *, connected_to: str, registered_media: set[str]
) -> list[Issue]:
    """The issues a report raises against what the inventory declares the device is connected
    to now (a device declared connected outside raises no network issue: that is already known,
    and `concerns` judges it)."""
    items = list(evidence)
    issues: list[Issue] = []
    network = [e for e in items if e.get("kind") in NETWORK_KINDS]
    if connected_to == NONE and network:
        wifi = [e for e in network if e["kind"] == "wifi_profile"]
        issues.append(
            Issue(
                "network_on_standalone",
                "high",
                f"declared not connected, but {len(network)} network trace(s), {len(wifi)} Wi-Fi",
                network[:20],
                {"traces": len(network), "wifi": len(wifi)},
            )
        )
    elif connected_to == LAN:
        wifi = [e for e in network if e["kind"] in ("wifi_profile", "wifi_bssids")]
        public = [e for e in network if any(_public(a) for a in _addresses(e.get("details") or {}))]
        if wifi:
            summary = f"{len(wifi)} Wi-Fi profile(s) on a machine of an independent LAN"
            issues.append(
                Issue("wifi_on_lan_device", "high", summary, wifi[:20], {"traces": len(wifi)})
            )
        if public:
            summary = f"{len(public)} trace(s) of a public network or DNS"
            issues.append(
                Issue("public_network", "high", summary, public[:20], {"traces": len(public)})
            )
    unknown = [
        e
        for e in items
        if e.get("kind") == "usb_storage"
        and str((e.get("details") or {}).get("serialnumber", "")).upper() not in registered_media
    ]
    if unknown:
        summary = f"{len(unknown)} USB storage device(s) not in the register"
        issues.append(
            Issue("unregistered_media", "medium", summary, unknown[:50], {"traces": len(unknown)})
        )
    marked = [e for e in items if e.get("kind") == "marked_file"]
    if marked:
        summary = f"{len(marked)} file(s) with state-secret markings"
        issues.append(Issue("marked_files", "high", summary, marked[:50], {"traces": len(marked)}))
    return issues


# The rule each kind of host-audit finding breaks, as an inspection finding cites it.
FINDING_RULES = {
    "network_on_standalone": "L25 Art. 5.2; provincial plan under QD452, II.4",
    "wifi_on_lan_device": "L25 Art. 2, 5.2",
    "public_network": "L25 Art. 5.2",
    "unregistered_media": "L18 Art. 12.2 (old text); CT32",
    "marked_files": "L25 Art. 5",
    "other_machine": "L18 Art. 12.2 (old text)",
}
