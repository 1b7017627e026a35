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
from typing import Any, Dict, List, Optional, Tuple

VERSION = "1.0"
FORMAT = "bmnn-host-audit"
MAX_LOG_BYTES = 50 * 1024 * 1024  # per log file read
MAX_EVIDENCE = 20000

Evidence = Dict[str, Any]


class Audit:
    """Collects evidence under a root directory ("/" for the running system)."""

    def __init__(self, root: str = "/") -> None:
        self.root = os.path.abspath(root)
        self.live = self.root == os.path.abspath(os.sep)  # "/" here, "C:\\" on Windows
        self.evidence: List[Evidence] = []
        self.errors: List[str] = []
        self.windows_name = ""
        self.windows_os = ""

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
        for collector in (
            self.networkmanager,
            self.wpa_supplicant,
            self.dhcp_leases,
            self.interfaces,
            self.ifupdown,
            self.dns,
            self.usb_logs,
        ):
            try:
                collector()
            except Exception as exc:  # one broken source must not stop the audit
                self.errors.append(f"{collector.__name__}: {exc.__class__.__name__}: {exc}")
        try:
            WindowsAudit(self).run()
        except Exception as exc:  # a damaged hive is reported, not fatal
            self.errors.append(f"windows: {exc.__class__.__name__}: {exc}")

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
                    self.add(
                        "wifi_bssids",
                        "/var/lib/NetworkManager/seen-bssids",
                        {"uuid": uuid, "bssids": [b for b in bssids.split(",") if b]},
                        None,
                    )

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
                self.add(
                    "wifi_profile",
                    self.shown(path),
                    {
                        "ssid": ssid.group(1) if ssid else "",
                        "security": key.group(1) if key else "",
                        "source_kind": "wpa_supplicant",
                    },
                )

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
            for key, pattern in (
                ("interface", r'interface\s+"([^"]+)"'),
                ("address", r"fixed-address\s+([\d.]+)"),
                ("router", r"option routers\s+([^;]+)"),
                ("dns", r"option domain-name-servers\s+([^;]+)"),
                ("server", r"option dhcp-server-identifier\s+([^;]+)"),
                ("domain", r'option domain-name\s+"([^"]+)"'),
            ):
                found = re.search(pattern, block)
                if found:
                    fields[key] = found.group(1).strip()
            time = None
            for key in ("renew", "rebind", "expire"):
                found = re.search(key + r"\s+\d+\s+(\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2})", block)
                if found:
                    fields[key] = found.group(1)
                    if time is None:
                        time = (
                            _dt.datetime.strptime(found.group(1), "%Y/%m/%d %H:%M:%S")
                            .replace(tzinfo=_dt.timezone.utc)
                            .isoformat()
                        )
            self.add("dhcp_lease", self.shown(path), fields, time)

    def _keyvalue_lease(self, path: str, text: str, interface: str = "") -> None:
        values = dict(
            line.split("=", 1)
            for line in text.splitlines()
            if "=" in line and not line.startswith("#")
        )
        if "ADDRESS" not in values:
            return
        details = {
            "address": values.get("ADDRESS", ""),
            "router": values.get("ROUTER", ""),
            "server": values.get("SERVER_ADDRESS", ""),
            "dns": values.get("DNS", ""),
        }
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
            self.add(
                "network_interface",
                "/sys/class/net/" + name,
                {"name": name, "mac": address, "state": state, "wireless": wireless},
            )
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
                    self.add(
                        "network_interface",
                        self.shown(path),
                        {"name": found.group(1), "method": found.group(2), "configured": True},
                    )

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
        info["os"] = (
            pretty.group(1)
            if pretty
            else (self.windows_os or (platform.platform() if self.live else ""))
        )
        if not info["hostname"] and self.windows_name:
            info["hostname"] = self.windows_name
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
            "format": FORMAT,
            "version": VERSION,
            "generated_at": _dt.datetime.now(_dt.timezone.utc).isoformat(),
            "root": self.root,
            "live": self.live,
            "machine": self.machine(),
            "evidence": self.evidence,
            "errors": self.errors,
        }
        body["sha256"] = digest(body)
        return body


# --- Windows registry hives (offline regf files), read without any library ----------------------

REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 7, 11


class HiveError(ValueError):
    pass


class Hive:
    """A registry hive file ("regf"): keys with their last-write times and values."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 4096 + 32 or data[:4] != b"regf":
            raise HiveError("not a registry hive")
        self.data = data
        self.root = self._u32(0x24)

    def _u32(self, offset: int) -> int:
        return int.from_bytes(self.data[offset : offset + 4], "little")

    def _cell(self, offset: int) -> bytes:
        start = 4096 + offset
        if offset < 0 or start + 4 > len(self.data):
            raise HiveError("cell outside the hive")
        size = abs(int.from_bytes(self.data[start : start + 4], "little", signed=True))
        if size < 8 or start + size > len(self.data):
            raise HiveError("damaged cell")
        return self.data[start + 4 : start + size]

    def key(self, path: str) -> Optional[HiveKey]:
        key: Optional[HiveKey] = HiveKey(self, self.root)
        for part in [p for p in path.replace("/", "\\").split("\\") if p]:
            key = key.subkey(part) if key is not None else None
        return key


class HiveKey:
    def __init__(self, hive: Hive, offset: int) -> None:
        cell = hive._cell(offset)
        if cell[:2] != b"nk":
            raise HiveError("not a key cell")
        self.hive, self.cell = hive, cell
        flags = int.from_bytes(cell[2:4], "little")
        length = int.from_bytes(cell[72:74], "little")
        raw = cell[76 : 76 + length]
        self.name = raw.decode("latin-1") if flags & 0x20 else raw.decode("utf-16-le", "replace")
        self.last_write = _filetime(int.from_bytes(cell[4:12], "little"))

    def _subkey_offsets(self, offset: int, depth: int = 0) -> List[int]:
        if depth > 4:
            return []
        cell = self.hive._cell(offset)
        kind, count = cell[:2], int.from_bytes(cell[2:4], "little")
        if kind in (b"lf", b"lh"):
            return [int.from_bytes(cell[4 + 8 * i : 8 + 8 * i], "little") for i in range(count)]
        if kind == b"li":
            return [int.from_bytes(cell[4 + 4 * i : 8 + 4 * i], "little") for i in range(count)]
        if kind == b"ri":
            found: List[int] = []
            for i in range(count):
                found += self._subkey_offsets(
                    int.from_bytes(cell[4 + 4 * i : 8 + 4 * i], "little"), depth + 1
                )
            return found
        raise HiveError("unknown subkey list")

    def subkeys(self) -> List[HiveKey]:
        count = int.from_bytes(self.cell[20:24], "little")
        if count == 0:
            return []
        return [
            HiveKey(self.hive, o)
            for o in self._subkey_offsets(int.from_bytes(self.cell[28:32], "little"))
        ]

    def subkey(self, name: str) -> Optional[HiveKey]:
        wanted = name.lower()
        return next((k for k in self.subkeys() if k.name.lower() == wanted), None)

    def values(self) -> Dict[str, Any]:
        count = int.from_bytes(self.cell[36:40], "little")
        if count == 0:
            return {}
        listing = self.hive._cell(int.from_bytes(self.cell[40:44], "little"))
        found: Dict[str, Any] = {}
        for i in range(min(count, len(listing) // 4)):
            vk = self.hive._cell(int.from_bytes(listing[4 * i : 4 * i + 4], "little"))
            if vk[:2] != b"vk":
                continue
            name_length = int.from_bytes(vk[2:4], "little")
            size = int.from_bytes(vk[4:8], "little")
            kind = int.from_bytes(vk[12:16], "little")
            flags = int.from_bytes(vk[16:18], "little")
            raw_name = vk[20 : 20 + name_length]
            name = (
                raw_name.decode("latin-1") if flags & 1 else raw_name.decode("utf-16-le", "replace")
            )
            if size & 0x80000000:
                data = vk[8 : 8 + (size & 0x7FFFFFFF)]
            else:
                data = self.hive._cell(int.from_bytes(vk[8:12], "little"))[:size]
            found[name] = _decode_value(kind, data)
        return found


class LiveHive:
    """The running Windows registry (HKLM\\SYSTEM or HKLM\\SOFTWARE) behind the same interface as
    `Hive`: the hive files are locked while Windows runs, so the live system is read via winreg."""

    def __init__(self, name: str) -> None:
        import winreg  # only on Windows

        self.winreg = winreg
        self.name = name

    def key(self, path: str) -> Optional[LiveKey]:
        full = self.name + ("\\" + path if path else "")
        try:
            handle = self.winreg.OpenKey(self.winreg.HKEY_LOCAL_MACHINE, full)
        except OSError:
            return None
        return LiveKey(self.winreg, handle, path.split("\\")[-1] if path else self.name, full)


class LiveKey:
    def __init__(self, winreg: Any, handle: Any, name: str, full: str) -> None:
        self.winreg, self.handle, self.name, self.full = winreg, handle, name, full
        _subkeys, _values, modified = winreg.QueryInfoKey(handle)
        self.last_write = _filetime(modified)

    def subkeys(self) -> List[LiveKey]:
        found = []
        count = self.winreg.QueryInfoKey(self.handle)[0]
        for index in range(count):
            try:
                name = self.winreg.EnumKey(self.handle, index)
                handle = self.winreg.OpenKey(self.handle, name)
            except OSError:
                continue
            found.append(LiveKey(self.winreg, handle, name, self.full + "\\" + name))
        return found

    def subkey(self, name: str) -> Optional[LiveKey]:
        try:
            return LiveKey(
                self.winreg, self.winreg.OpenKey(self.handle, name), name, self.full + "\\" + name
            )
        except OSError:
            return None

    def values(self) -> Dict[str, Any]:
        found: Dict[str, Any] = {}
        count = self.winreg.QueryInfoKey(self.handle)[1]
        for index in range(count):
            try:
                name, value, kind = self.winreg.EnumValue(self.handle, index)
            except OSError:
                continue
            found[name] = value if not isinstance(value, bytes) else _decode_value(kind, value)
        return found


def _filetime(value: int) -> Optional[str]:
    if value <= 0:
        return None
    try:
        moment = _dt.datetime(1601, 1, 1, tzinfo=_dt.timezone.utc) + _dt.timedelta(
            microseconds=value // 10
        )
    except OverflowError:
        return None
    return moment.isoformat()


def _systemtime(data: bytes) -> Optional[str]:
    """The 16-byte SYSTEMTIME of NetworkList's DateCreated / DateLastConnected (local time)."""
    if len(data) < 16:
        return None
    year, month, _weekday, day, hour, minute, second = (
        int.from_bytes(data[i : i + 2], "little") for i in range(0, 14, 2)
    )
    try:
        return _dt.datetime(year, month, day, hour, minute, second).isoformat()
    except ValueError:
        return None


def _decode_value(kind: int, data: bytes) -> Any:
    if kind in (REG_SZ, REG_EXPAND_SZ):
        return data.decode("utf-16-le", "replace").split("\x00", 1)[0]
    if kind == REG_MULTI_SZ:
        return [part for part in data.decode("utf-16-le", "replace").split("\x00") if part]
    if kind == REG_DWORD and len(data) >= 4:
        return int.from_bytes(data[:4], "little")
    if kind == REG_QWORD and len(data) >= 8:
        return int.from_bytes(data[:8], "little")
    return bytes(data)


class WindowsAudit:
    """Evidence from a Windows system: SYSTEM and SOFTWARE hives found under the root
    (Windows/System32/config, or the hive files copied on their own), and WLAN profile files."""

    NETWORK_TYPES = {
        0x47: "wireless",
        0x06: "wired",
        0x17: "mobile broadband",
        0xF3: "mobile broadband",
    }

    def __init__(self, audit: Audit) -> None:
        self.audit = audit

    def _find(self, *names: str) -> Optional[str]:
        for candidate in names:
            current = self.audit.root
            for part in candidate.split("/"):
                try:
                    match = next(
                        (n for n in os.listdir(current) if n.lower() == part.lower()), None
                    )
                except OSError:
                    match = None
                if match is None:
                    break
                current = os.path.join(current, match)
            else:
                if os.path.isfile(current):
                    return current
        return None

    def _hive(self, name: str) -> Tuple[Optional[Hive], str]:
        path = self._find(f"Windows/System32/config/{name}", name)
        if path is None:
            return None, ""
        try:
            with open(path, "rb") as handle:
                return Hive(handle.read(512 * 1024 * 1024)), self.audit.shown(path)
        except (OSError, HiveError) as exc:
            self.audit.errors.append(f"{self.audit.shown(path)}: {exc}")
            return None, ""

    def run(self) -> None:
        if self.audit.live and sys.platform == "win32":
            self.system(LiveHive("SYSTEM"), "HKLM\\SYSTEM")  # type: ignore[arg-type]
            self.software(LiveHive("SOFTWARE"), "HKLM\\SOFTWARE")  # type: ignore[arg-type]
            self.wlan_files()
            return
        system, system_source = self._hive("SYSTEM")
        software, software_source = self._hive("SOFTWARE")
        if system is not None:
            self.system(system, system_source)
        if software is not None:
            self.software(software, software_source)
        self.wlan_files()

    def control_set(self, hive: Hive) -> str:
        select = hive.key("Select")
        current = select.values().get("Current", 1) if select else 1
        return f"ControlSet{int(current):03d}"

    def system(self, hive: Hive, source: str) -> None:
        add = self.audit.add
        control = self.control_set(hive)
        name = hive.key(f"{control}\\Control\\ComputerName\\ComputerName")
        if name is not None:
            self.audit.windows_name = name.values().get("ComputerName", "")
        usbstor = hive.key(f"{control}\\Enum\\USBSTOR")
        for device in usbstor.subkeys() if usbstor else []:
            parts = dict(p.split("_", 1) for p in device.name.split("&") if "_" in p)
            for instance in device.subkeys():
                values = instance.values()
                details = {
                    "device": device.name,
                    "vendor": parts.get("Ven", ""),
                    "product": parts.get("Prod", ""),
                    "revision": parts.get("Rev", ""),
                    "serialnumber": instance.name.split("&")[0],
                    "friendly_name": values.get("FriendlyName", ""),
                }
                times = self._device_times(instance)
                details.update(times)
                add(
                    "usb_storage",
                    f"{source}\\{control}\\Enum\\USBSTOR\\{device.name}\\{instance.name}",
                    details,
                    times.get("first_install") or instance.last_write,
                )
        interfaces = hive.key(f"{control}\\Services\\Tcpip\\Parameters\\Interfaces")
        for interface in interfaces.subkeys() if interfaces else []:
            values = interface.values()
            address = values.get("DhcpIPAddress") or ""
            if address and address != "0.0.0.0":  # noqa: S104 (an address read, not bound)  # nosec B104 # compares an address read from the registry; nothing is bound
                lease = values.get("LeaseObtainedTime")
                add(
                    "dhcp_lease",
                    f"{source}\\{control}\\Services\\Tcpip\\Parameters\\Interfaces\\{interface.name}",
                    {
                        "interface": interface.name,
                        "address": address,
                        "server": values.get("DhcpServer", ""),
                        "router": ", ".join(values.get("DhcpDefaultGateway") or []),
                        "dns": values.get("DhcpNameServer", ""),
                    },
                    _epoch(str(lease)) if isinstance(lease, int) else interface.last_write,
                )
        adapters = hive.key(f"{control}\\Control\\Class\\{{4d36e972-e325-11ce-bfc1-08002be10318}}")
        for adapter in adapters.subkeys() if adapters else []:
            values = adapter.values()
            description = values.get("DriverDesc", "")
            if description and values.get("NetCfgInstanceId"):
                wireless = any(
                    w in description.lower()
                    for w in ("wireless", "wi-fi", "wifi", "802.11", "wlan")
                )
                add(
                    "network_interface",
                    f"{source}\\{control}\\Control\\Class\\...\\{adapter.name}",
                    {
                        "name": description,
                        "id": values.get("NetCfgInstanceId"),
                        "wireless": wireless,
                    },
                    adapter.last_write,
                )

    def _device_times(self, instance: HiveKey) -> Dict[str, Any]:
        """First install, last arrival and last removal (Windows 8+: the device's Properties)."""
        found: Dict[str, Any] = {}
        properties = instance.subkey("Properties")
        group = properties.subkey("{83da6326-97a6-4088-9453-a1923f573b29}") if properties else None
        for code, label in (
            ("0064", "first_install"),
            ("0066", "last_arrival"),
            ("0067", "last_removal"),
        ):
            key = group.subkey(code) if group else None
            value = key.values().get("") if key else None
            if isinstance(value, bytes) and len(value) == 8:
                found[label] = _filetime(int.from_bytes(value, "little"))
        return found

    def software(self, hive: Hive, source: str) -> None:
        profiles = hive.key("Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Profiles")
        for profile in profiles.subkeys() if profiles else []:
            values = profile.values()
            kind = self.NETWORK_TYPES.get(values.get("NameType", 0), "other")
            details = {
                "name": values.get("ProfileName", ""),
                "description": values.get("Description", ""),
                "type": kind,
                "created": _systemtime(values.get("DateCreated") or b""),
                "last_connected": _systemtime(values.get("DateLastConnected") or b""),
            }
            self.audit.add(
                "wifi_profile" if kind == "wireless" else "network_profile",
                f"{source}\\Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Profiles\\{profile.name}",
                details,
                details["last_connected"] or details["created"],
            )
        signatures = hive.key(
            "Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Signatures\\Unmanaged"
        )
        for signature in signatures.subkeys() if signatures else []:
            values = signature.values()
            mac = values.get("DefaultGatewayMac")
            self.audit.add(
                "network_signature",
                f"{source}\\Microsoft\\Windows NT\\CurrentVersion\\NetworkList\\Signatures\\Unmanaged\\{signature.name}",
                {
                    "description": values.get("Description", ""),
                    "dns_suffix": values.get("DnsSuffix", ""),
                    "gateway_mac": ":".join(f"{b:02x}" for b in mac)
                    if isinstance(mac, bytes)
                    else "",
                    "profile": values.get("ProfileGuid", ""),
                },
                signature.last_write,
            )
        version = hive.key("Microsoft\\Windows NT\\CurrentVersion")
        if version is not None:
            values = version.values()
            self.audit.windows_os = " ".join(
                str(v) for v in (values.get("ProductName"), values.get("DisplayVersion")) if v
            )

    def wlan_files(self) -> None:
        folder = self._find("ProgramData/Microsoft/Wlansvc/Profiles/Interfaces")
        base = self.audit.path("ProgramData/Microsoft/Wlansvc/Profiles/Interfaces")
        for current, _dirs, files in os.walk(base) if os.path.isdir(base) else []:
            for name in sorted(files):
                if not name.lower().endswith(".xml"):
                    continue
                text = self.audit.read_text(os.path.join(current, name)) or ""
                ssid = re.search(r"<SSID>.*?<name>(.*?)</name>", text, re.S)
                auth = re.search(r"<authentication>(.*?)</authentication>", text)
                self.audit.add(
                    "wifi_profile",
                    self.audit.shown(os.path.join(current, name)),
                    {
                        "ssid": ssid.group(1) if ssid else "",
                        "security": auth.group(1) if auth else "",
                        "source_kind": "wlansvc",
                    },
                    _mtime(os.path.join(current, name)),
                )
        del folder


DOCUMENT_SUFFIXES = (
    ".pdf",
    ".docx",
    ".xlsx",
    ".pptx",
    ".txt",
    ".htm",
    ".html",
    ".eml",
    ".zip",
    ".jpg",
    ".jpeg",
    ".png",
)
MAX_SCANNED_FILE = 20 * 1024 * 1024
MAX_SCANNED_FILES = 5000


def scan_files(audit: Audit, folders: List[str]) -> None:
    """Files with state-secret markings where they should not be (BMNN's scanner engine, when
    it is installed beside the agent): one `marked_file` item per file found secret."""
    try:
        from bmnn.scanner.engine import scan_bytes  # type: ignore[import-not-found]
    except ImportError:
        audit.errors.append("marked files: the BMNN scanner engine is not installed here; skipped")
        return
    seen = 0
    for folder in folders:
        base = (
            audit.path(folder)
            if not os.path.isabs(folder) or audit.root != os.path.abspath(os.sep)
            else folder
        )
        for current, dirs, files in os.walk(base):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if not name.lower().endswith(DOCUMENT_SUFFIXES):
                    continue
                path = os.path.join(current, name)
                try:
                    if os.path.getsize(path) > MAX_SCANNED_FILE:
                        continue
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                seen += 1
                if seen > MAX_SCANNED_FILES:
                    audit.errors.append(f"marked files: stopped after {MAX_SCANNED_FILES} files")
                    return
                for verdict in scan_bytes(data, audit.shown(path)):
                    if verdict.secret:
                        evidence = [e.as_dict() for e in verdict.evidence[:3]]
                        audit.add(
                            "marked_file",
                            verdict.path,
                            {
                                "level": verdict.level,
                                "score": round(verdict.score, 2),
                                "evidence": evidence,
                            },
                            _mtime(path),
                        )


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
    parser.add_argument(
        "--scan-files",
        nargs="*",
        metavar="FOLDER",
        default=None,
        help="also look for files with state-secret markings (default folders: home, root, Users)",
    )
    args = parser.parse_args(argv)
    if not os.path.isdir(args.root):
        print(f"error: {args.root} is not a directory", file=sys.stderr)
        return 2
    audit = Audit(args.root)
    audit.run()
    if args.scan_files is not None:
        scan_files(audit, args.scan_files or ["home", "root", "Users"])
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
