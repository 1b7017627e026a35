"""What a host-audit report means for a device's declared status (no Django).

A machine declared standalone must show no trace of any network; one on an independent LAN may
show that LAN (private addresses) but no Wi-Fi, no public DNS and no other network; USB storage
must be in the agency's register of media (L18 Art. 5, L25 Art. 5; CT32: removable media
controlled)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

STANDALONE, LAN, OTHER = "standalone", "lan", "other"
NETWORK_KINDS = {"network_profile", "wifi_profile", "wifi_bssids", "dhcp_lease", "dns_config", "default_route",
                 "network_signature"}  # fmt: skip


@dataclass
class Issue:
    code: str
    severity: str  # high | medium
    summary: str
    evidence: list[dict[str, Any]] = field(default_factory=list)


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


def assess(
    evidence: Iterable[dict[str, Any]], *, network_status: str, registered_media: set[str]
) -> list[Issue]:
    """The issues a report raises against what the inventory declares."""
    items = list(evidence)
    issues: list[Issue] = []
    network = [e for e in items if e.get("kind") in NETWORK_KINDS]
    if network_status == STANDALONE and network:
        wifi = [e for e in network if e["kind"] == "wifi_profile"]
        issues.append(Issue("network_on_standalone", "high",
                            f"declared standalone, but {len(network)} network trace(s), {len(wifi)} Wi-Fi", network[:20]))  # fmt: skip
    elif network_status == LAN:
        wifi = [e for e in network if e["kind"] in ("wifi_profile", "wifi_bssids")]
        public = [e for e in network if any(_public(a) for a in _addresses(e.get("details") or {}))]
        if wifi:
            issues.append(
                Issue(
                    "wifi_on_lan_device",
                    "high",
                    f"{len(wifi)} Wi-Fi profile(s) on a machine of an independent LAN",
                    wifi[:20],
                )
            )
        if public:
            issues.append(
                Issue(
                    "public_network",
                    "high",
                    f"{len(public)} trace(s) of a public network or DNS",
                    public[:20],
                )
            )
    unknown = [e for e in items if e.get("kind") == "usb_storage"
               and str((e.get("details") or {}).get("serialnumber", "")).upper() not in registered_media]  # fmt: skip
    if unknown:
        issues.append(
            Issue(
                "unregistered_media",
                "medium",
                f"{len(unknown)} USB storage device(s) not in the register",
                unknown[:50],
            )
        )
    marked = [e for e in items if e.get("kind") == "marked_file"]
    if marked:
        issues.append(
            Issue(
                "marked_files",
                "high",
                f"{len(marked)} file(s) with state-secret markings",
                marked[:50],
            )
        )
    return issues
