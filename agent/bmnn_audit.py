#!/usr/bin/env python3
"""BMNN host audit: has this machine ever touched a network, and which USB storage was used?

One file, Python 3.8+ standard library only: copy it to a USB stick and run

    python3 bmnn_audit.py --out report.json            # the running system
    python3 bmnn_audit.py --root /mnt/disk --out r.json  # a mounted disk or a copied tree

It only reads. The report is one JSON document: the machine's identifiers, the time, every
piece of evidence found (kind, source file or key, time where known, details), the errors met,
and a SHA-256 of all of that so that an altered report is recognised when it is imported.

Linux evidence: NetworkManager connection profiles and their last-use times, wpa_supplicant
networks, DHCP leases (dhclient, systemd-networkd, NetworkManager's internal client), network
interfaces and the default route (live system), ifupdown configuration, DNS configuration, and
kernel log lines that record USB storage devices (vendor, product, serial, time).
"""

from __future__ import annotations

import argparse
import configparser
import datetime as _dt
import gzip
import hashlib
import json
import os
import platform
import re
import socket
import sys
from typing import Any, Dict, List, Optional

VERSION = "1.0"
FORMAT = "bmnn-host-audit"
MAX_LOG_BYTES = 50 * 1024 * 1024  # per log file read
MAX_EVIDENCE = 20000

Evidence = Dict[str, Any]


class Audit:
    """Collects evidence under a root directory ("/" for the running system)."""

    def __init__(self, root: str = "/") -> None:
        self.root = os.path.abspath(root)
        self.live = self.root == "/"
        self.evidence: List[Evidence] = []
        self.errors: List[str] = []

    # --- helpers -----------------------------------------------------------------------------

    def path(self, *parts: str) -> str:
        return os.path.join(self.root, *[p.lstrip("/") for p in parts])

    def shown(self, path: str) -> str:
        """The path as it is on the audited machine (relative to the root)."""
        relative = os.path.relpath(path, self.root)
        return "/" + relative if not relative.startswith("..") else path

    def read_text(self, path: str, limit: int = 5 * 1024 * 1024) -> Optional[str]:
        try:
            if path.endswith(".gz"):
                with gzip.open(path, "rb") as handle:
                    data = handle.read(limit)
            else:
                with open(path, "rb") as handle:
                    data = handle.read(limit)
        except (OSError, EOFError) as exc:
            if not isinstance(exc, FileNotFoundError):
                self.errors.append(f"{self.shown(path)}: {exc.__class__.__name__}")
            return None
        return data.decode("utf-8", "replace")

    def listdir(self, *parts: str) -> List[str]:
        folder = self.path(*parts)
        try:
            return sorted(os.path.join(folder, name) for name in os.listdir(folder))
        except OSError:
            return []

    def add(
        self, kind: str, source: str, details: Dict[str, Any], time: Optional[str] = None
    ) -> None:
        if len(self.evidence) >= MAX_EVIDENCE:
            return
        self.evidence.append({"kind": kind, "source": source, "time": time, "details": details})

    # --- collectors --------------------------------------------------------------------------

    def run(self) -> None:
        for collector in (self.networkmanager, self.wpa_supplicant, self.dhcp_leases, self.interfaces,
                          self.ifupdown, self.dns, self.usb_logs):  # fmt: skip
            try:
                collector()
            except Exception as exc:
                self.errors.append(f"{collector.__name__}: {exc.__class__.__name__}: {exc}")

    def networkmanager(self) -> None:
        timestamps: Dict[str, str] = {}
        stamp_file = self.path("var/lib/NetworkManager/timestamps")
        text = self.read_text(stamp_file)
        if text:
            parser = _ini(text)
            if parser is not None and parser.has_section("timestamps"):
                for uuid, value in parser.items("timestamps"):
                    timestamps[uuid] = _epoch(value)
        folders = ("etc/NetworkManager/system-connections", "run/NetworkManager/system-connections")
        for path in [p for folder in folders for p in self.listdir(folder)]:
            text = self.read_text(path)
            parser = _ini(text) if text else None
            if parser is None or not parser.has_section("connection"):
                continue
            connection = dict(parser.items("connection"))
            kind = connection.get("type", "")
            uuid = connection.get("uuid", "")
            details: Dict[str, Any] = {
                "name": connection.get("id", os.path.basename(path)),
                "type": kind,
                "uuid": uuid,
            }
            if connection.get("interface-name"):
                details["interface"] = connection["interface-name"]
            if connection.get("autoconnect"):
                details["autoconnect"] = connection["autoconnect"]
            time = _epoch(connection.get("timestamp", "")) or timestamps.get(uuid)
            if kind in ("wifi", "802-11-wireless"):
                section = "wifi" if parser.has_section("wifi") else "802-11-wireless"
                if parser.has_section(section):
                    details["ssid"] = parser.get(section, "ssid", fallback="")
                    details["mode"] = parser.get(section, "mode", fallback="")
                for security in ("wifi-security", "802-11-wireless-security"):
                    if parser.has_section(security):
                        details["security"] = parser.get(security, "key-mgmt", fallback="")
                self.add("wifi_profile", self.shown(path), details, time)
            else:
                self.add("network_profile", self.shown(path), details, time)
        seen = self.read_text(self.path("var/lib/NetworkManager/seen-bssids"))
        if seen:
            parser = _ini(seen)
            for section in parser.sections() if parser else []:
                for uuid, bssids in parser.items(section):
                    self.add("wifi_bssids", "/var/lib/NetworkManager/seen-bssids",
                             {"uuid": uuid, "bssids": [b for b in bssids.split(",") if b]}, None)  # fmt: skip

    def wpa_supplicant(self) -> None:
        candidates = [*self.listdir("etc/wpa_supplicant"), self.path("etc/wpa_supplicant.conf")]
        for path in candidates:
            if not path.endswith(".conf"):
                continue
            text = self.read_text(path)
            if not text:
                continue
            for block in re.findall(r"network\s*=\s*\{(.*?)\}", text, re.S):
                ssid = re.search(r'^\s*ssid\s*=\s*"?(.*?)"?\s*$', block, re.M)
                key = re.search(r"^\s*key_mgmt\s*=\s*(\S+)", block, re.M)
                self.add("wifi_profile", self.shown(path),
                         {"ssid": ssid.group(1) if ssid else "", "security": key.group(1) if key else "",
                          "source_kind": "wpa_supplicant"})  # fmt: skip

    def dhcp_leases(self) -> None:
        for folder in ("var/lib/dhcp", "var/lib/dhclient", "var/lib/NetworkManager"):
            for path in self.listdir(folder):
                name = os.path.basename(path)
                if not (name.endswith(".leases") or name.endswith(".lease")):
                    continue
                text = self.read_text(path)
                if not text:
                    continue
                if "lease {" in text or "lease{" in text:
                    self._dhclient(path, text)
                else:
                    self._keyvalue_lease(path, text, interface=_interface_from_name(name))
        for path in self.listdir("run/systemd/netif/leases") + self.listdir(
            "var/lib/systemd/network/leases"
        ):
            text = self.read_text(path)
            if text:
                self._keyvalue_lease(
                    path, text, interface=self._ifindex_name(os.path.basename(path))
                )

    def _dhclient(self, path: str, text: str) -> None:
        for block in re.findall(r"lease\s*\{(.*?)\}", text, re.S):
            fields: Dict[str, Any] = {}
            for key, pattern in (("interface", r'interface\s+"([^"]+)"'), ("address", r"fixed-address\s+([\d.]+)"),
                                 ("router", r"option routers\s+([^;]+)"), ("dns", r"option domain-name-servers\s+([^;]+)"),
                                 ("server", r"option dhcp-server-identifier\s+([^;]+)"),
                                 ("domain", r'option domain-name\s+"([^"]+)"')):  # fmt: skip
                found = re.search(pattern, block)
                if found:
                    fields[key] = found.group(1).strip()
            time = None
            for key in ("renew", "rebind", "expire"):
                found = re.search(key + r"\s+\d+\s+(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2})", block)
                if found:
                    fields[key] = found.group(1)
                    if time is None:
                        time = _dt.datetime.strptime(found.group(1), "%Y/%m/%d %H:%M:%S").replace(
                            tzinfo=_dt.timezone.utc).isoformat()  # fmt: skip
            self.add("dhcp_lease", self.shown(path), fields, time)

    def _keyvalue_lease(self, path: str, text: str, interface: str = "") -> None:
        values = dict(
            line.split("=", 1)
            for line in text.splitlines()
            if "=" in line and not line.startswith("#")
        )
        if "ADDRESS" not in values:
            return
        details = {"address": values.get("ADDRESS", ""), "router": values.get("ROUTER", ""),
                   "server": values.get("SERVER_ADDRESS", ""), "dns": values.get("DNS", "")}  # fmt: skip
        if interface:
            details["interface"] = interface
        self.add("dhcp_lease", self.shown(path), details, _mtime(path))

    def _ifindex_name(self, index: str) -> str:
        if not index.isdigit() or not self.live:
            return ""
        for folder in self.listdir("sys/class/net"):
            text = self.read_text(os.path.join(folder, "ifindex"))
            if text and text.strip() == index:
                return os.path.basename(folder)
        return ""

    def interfaces(self) -> None:
        if not self.live:
            return  # /sys and /proc describe the running kernel, not a disk image
        for folder in self.listdir("sys/class/net"):
            name = os.path.basename(folder)
            if name == "lo":
                continue
            address = (self.read_text(os.path.join(folder, "address")) or "").strip()
            state = (self.read_text(os.path.join(folder, "operstate")) or "").strip()
            wireless = os.path.isdir(os.path.join(folder, "wireless"))
            self.add("network_interface", "/sys/class/net/" + name,
                     {"name": name, "mac": address, "state": state, "wireless": wireless})  # fmt: skip
        routes = self.read_text(self.path("proc/net/route")) or ""
        for line in routes.splitlines()[1:]:
            parts = line.split()
            if len(parts) > 2 and parts[1] == "00000000":
                gateway = socket.inet_ntoa(bytes.fromhex(parts[2])[::-1])
                self.add(
                    "default_route", "/proc/net/route", {"interface": parts[0], "gateway": gateway}
                )

    def ifupdown(self) -> None:
        for path in [
            self.path("etc/network/interfaces"),
            *self.listdir("etc/network/interfaces.d"),
        ]:
            text = self.read_text(path)
            for line in (text or "").splitlines():
                found = re.match(r"\s*iface\s+(\S+)\s+inet6?\s+(\S+)", line)
                if found and found.group(1) != "lo":
                    self.add("network_interface", self.shown(path),
                             {"name": found.group(1), "method": found.group(2), "configured": True})  # fmt: skip

    def dns(self) -> None:
        for relative in ("etc/resolv.conf", "run/systemd/resolve/resolv.conf"):
            path = self.path(relative)
            text = self.read_text(path)
            servers = re.findall(r"^\s*nameserver\s+(\S+)", text or "", re.M)
            outside = [s for s in servers if not s.startswith("127.") and s != "::1"]
            if outside:
                self.add("dns_config", "/" + relative, {"nameservers": outside}, _mtime(path))

    USB_LINE = re.compile(
        r"(?:usb|usb-storage)\s+(?P<bus>\d+-[\d.]+)(?::[\d.]+)?:\s+(?P<message>.*)$"
    )

    def usb_logs(self) -> None:
        files = [
            p
            for p in self.listdir("var/log")
            if re.match(r".*/(kern\.log|syslog|messages|dmesg)(\.\d+)?(\.gz)?$", p)
        ]
        for path in files:
            try:
                if os.path.getsize(path) > MAX_LOG_BYTES:
                    self.errors.append(
                        f"{self.shown(path)}: larger than {MAX_LOG_BYTES} bytes, read in part"
                    )
            except OSError:
                continue
            text = self.read_text(path, MAX_LOG_BYTES)
            if text:
                self._usb_from_log(path, text)

    def _usb_from_log(self, path: str, text: str) -> None:
        year = _dt.datetime.fromtimestamp(os.path.getmtime(path)).year
        devices: Dict[str, Dict[str, Any]] = {}
        for line in text.splitlines():
            if "usb" not in line:
                continue
            found = self.USB_LINE.search(line)
            if not found:
                continue
            bus, message = found.group("bus"), found.group("message")
            if message.startswith("New USB device found") or bus not in devices:
                if (
                    message.startswith("New USB device found")
                    and bus in devices
                    and devices[bus].get("storage")
                ):
                    self._usb_evidence(path, devices.pop(bus))
                devices.setdefault(bus, {"bus": bus, "time": _log_time(line, year)})
            device = devices[bus]
            ids = re.search(r"idVendor=([0-9a-f]{4}), idProduct=([0-9a-f]{4})", message)
            if ids:
                device["vendor_id"], device["product_id"] = ids.group(1), ids.group(2)
            for field in ("Product", "Manufacturer", "SerialNumber"):
                if message.startswith(field + ":"):
                    device[field.lower()] = message.split(":", 1)[1].strip()
            if (
                "Mass Storage device detected" in message
                or "USB Mass Storage" in message
                or "uas" in message.split(":")[0]
            ):
                device["storage"] = True
        for device in devices.values():
            if device.get("storage"):
                self._usb_evidence(path, device)

    def _usb_evidence(self, path: str, device: Dict[str, Any]) -> None:
        time = device.pop("time", None)
        device.pop("storage", None)
        self.add("usb_storage", self.shown(path), device, time)

    # --- the report ---------------------------------------------------------------------------

    def machine(self) -> Dict[str, Any]:
        info: Dict[str, Any] = {}
        hostname = (self.read_text(self.path("etc/hostname")) or "").strip()
        info["hostname"] = hostname or (socket.gethostname() if self.live else "")
        machine_id = (self.read_text(self.path("etc/machine-id")) or "").strip()
        if machine_id:
            info["machine_id"] = machine_id
        os_release = self.read_text(self.path("etc/os-release")) or ""
        pretty = re.search(r'^PRETTY_NAME="?(.*?)"?$', os_release, re.M)
        info["os"] = pretty.group(1) if pretty else (platform.platform() if self.live else "")
        if self.live:
            for field in (
                "product_uuid",
                "product_serial",
                "board_serial",
                "sys_vendor",
                "product_name",
            ):
                value = (self.read_text(self.path("sys/class/dmi/id", field)) or "").strip()
                if value:
                    info[field] = value
        return info

    def report(self) -> Dict[str, Any]:
        body = {
            "format": FORMAT, "version": VERSION, "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(),
            "root": self.root, "live": self.live, "machine": self.machine(), "evidence": self.evidence,
            "errors": self.errors,
        }  # fmt: skip
        body["sha256"] = digest(body)
        return body


def digest(report: Dict[str, Any]) -> str:
    """SHA-256 of the report without its own `sha256` field, keys sorted, UTF-8."""
    content = {k: v for k, v in report.items() if k != "sha256"}
    return hashlib.sha256(
        json.dumps(content, sort_keys=True, ensure_ascii=False).encode("utf-8")
    ).hexdigest()


def _ini(text: str) -> Optional[configparser.ConfigParser]:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    return parser


def _epoch(value: str) -> Optional[str]:
    value = (value or "").strip()
    if not value.isdigit() or int(value) == 0:
        return None
    return _dt.datetime.fromtimestamp(int(value), _dt.timezone.utc).isoformat()


def _mtime(path: str) -> Optional[str]:
    try:
        return _dt.datetime.fromtimestamp(os.path.getmtime(path), _dt.timezone.utc).isoformat()
    except OSError:
        return None


def _interface_from_name(name: str) -> str:
    found = re.search(r"-([A-Za-z0-9]+)\.lease", name)
    return found.group(1) if found else ""


MONTHS = {
    m: i
    for i, m in enumerate(
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1
    )
}


def _log_time(line: str, year: int) -> Optional[str]:
    iso = re.match(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}:?\d{2}|Z)?", line)
    if iso:
        return iso.group(1) + (iso.group(3) or "")
    classic = re.match(r"([A-Z][a-z]{2})\s+(\d{1,2}) (\d{2}:\d{2}:\d{2})", line)
    if classic and classic.group(1) in MONTHS:
        return f"{year:04d}-{MONTHS[classic.group(1)]:02d}-{int(classic.group(2)):02d}T{classic.group(3)}"
    return None


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="BMNN host audit (reads only; writes one JSON report)."
    )
    parser.add_argument(
        "--root",
        default="/",
        help="audit a mounted disk or copied file tree instead of this system",
    )
    parser.add_argument("--out", default="", help="report file (default: standard output)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        print(f"error: {args.root} is not a directory", file=sys.stderr)
        return 2
    audit = Audit(args.root)
    audit.run()
    report = audit.report()
    text = json.dumps(report, ensure_ascii=False, indent=1)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        print(
            f"{len(report['evidence'])} evidence items, sha256 {report['sha256']} -> {args.out}",
            file=sys.stderr,
        )
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
