"""The agent's Windows collector on offline hive files built here in the real regf format, with
the keys and values Windows writes: USBSTOR devices with their install/arrival times, TCP/IP
DHCP leases, network adapters, NetworkList profiles and signatures, plus WLAN profile files.
It finds what is there, and nothing in hives without those keys."""

from __future__ import annotations

import struct
from datetime import UTC, datetime
from pathlib import Path

from tests.agent import regf
from tests.agent.test_linux_collector import bmnn_audit

DEVPKEY = "Properties\\{83da6326-97a6-4088-9453-a1923f573b29}"
WLAN = """<?xml version="1.0"?>
<WLANProfile xmlns="http://www.microsoft.com/networking/WLAN/profile/v1">
\t<name>Cafe-Free-WiFi</name>
\t<SSIDConfig><SSID><hex>436166652D467265652D57694669</hex><name>Cafe-Free-WiFi</name></SSID></SSIDConfig>
\t<connectionType>ESS</connectionType>
\t<MSM><security><authEncryption><authentication>open</authentication><encryption>none</encryption>
\t<useOneX>false</useOneX></authEncryption></security></MSM>
</WLANProfile>
"""


def _filetime_value(moment: datetime) -> tuple[int, bytes]:
    return 0x10 | 0xFFFF0000, struct.pack(
        "<Q", regf.filetime(moment)
    )  # DEVPROP_TYPE_FILETIME, as Windows stores it


def _system() -> bytes:
    root = regf.Key("ROOT")
    root.add(
        "Select",
        {"Current": regf.dword(1), "Default": regf.dword(1), "LastKnownGood": regf.dword(2)},
    )
    cs = "ControlSet001"
    root.add(
        f"{cs}\\Control\\ComputerName\\ComputerName", {"ComputerName": regf.sz("MAY-SOAN-THAO")}
    )
    device = (
        f"{cs}\\Enum\\USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001120914117552&0"
    )
    root.add(
        device,
        {"FriendlyName": regf.sz("SanDisk Cruzer Blade USB Device"), "Service": regf.sz("disk")},
    )
    root.add(
        f"{device}\\{DEVPKEY}\\0064",
        {"": _filetime_value(datetime(2026, 9, 3, 1, 12, 40, tzinfo=UTC))},
    )
    root.add(
        f"{device}\\{DEVPKEY}\\0066",
        {"": _filetime_value(datetime(2026, 11, 10, 1, 31, 2, tzinfo=UTC))},
    )
    root.add(
        f"{cs}\\Enum\\USB\\VID_0781&PID_5567\\4C530001120914117552", {"Service": regf.sz("USBSTOR")}
    )
    interfaces = f"{cs}\\Services\\Tcpip\\Parameters\\Interfaces"
    root.add(
        f"{interfaces}\\{{7a1b2c3d-0e1f-4a5b-8c9d-0123456789ab}}",
        {
            "EnableDHCP": regf.dword(1),
            "DhcpIPAddress": regf.sz("192.168.1.57"),
            "DhcpServer": regf.sz("192.168.1.1"),
            "DhcpDefaultGateway": regf.multi_sz(["192.168.1.1"]),
            "DhcpNameServer": regf.sz("8.8.8.8 8.8.4.4"),
            "LeaseObtainedTime": regf.dword(1762759532),
        },
    )
    never = "0.0.0.0"  # noqa: S104 (what Windows writes for an interface that never had a lease)
    root.add(
        f"{interfaces}\\{{00000000-1111-2222-3333-444444444444}}",
        {"EnableDHCP": regf.dword(1), "DhcpIPAddress": regf.sz(never)},
    )
    adapters = f"{cs}\\Control\\Class\\{{4d36e972-e325-11ce-bfc1-08002be10318}}"
    root.add(
        f"{adapters}\\0001",
        {
            "DriverDesc": regf.sz("Intel(R) Wi-Fi 6 AX201 160MHz"),
            "NetCfgInstanceId": regf.sz("{7a1b2c3d-0e1f-4a5b-8c9d-0123456789ab}"),
        },
    )
    root.add(f"{adapters}\\Properties", {})
    return regf.build(root)


def _software() -> bytes:
    root = regf.Key("ROOT")
    version = "Microsoft\\Windows NT\\CurrentVersion"
    root.add(version, {"ProductName": regf.sz("Windows 10 Pro"), "DisplayVersion": regf.sz("22H2")})
    root.add(
        f"{version}\\NetworkList\\Profiles\\{{A1B2C3D4-1111-2222-3333-444455556666}}",
        {
            "ProfileName": regf.sz("Phong-Hop-Tang3"),
            "Description": regf.sz("Phong-Hop-Tang3"),
            "Managed": regf.dword(0),
            "Category": regf.dword(0),
            "NameType": regf.dword(0x47),
            "DateCreated": regf.systemtime(datetime(2026, 3, 2, 9, 0, 5)),
            "DateLastConnected": regf.systemtime(datetime(2026, 11, 10, 8, 15, 30)),
        },
    )
    root.add(
        f"{version}\\NetworkList\\Profiles\\{{B1B2C3D4-1111-2222-3333-444455556666}}",
        {
            "ProfileName": regf.sz("Network"),
            "NameType": regf.dword(0x06),
            "DateCreated": regf.systemtime(datetime(2025, 12, 1, 7, 30, 0)),
        },
    )
    root.add(
        f"{version}\\NetworkList\\Signatures\\Unmanaged\\010103000F0000F0080000000F0000F0AABBCCDD",
        {
            "ProfileGuid": regf.sz("{A1B2C3D4-1111-2222-3333-444455556666}"),
            "Description": regf.sz("Phong-Hop-Tang3"),
            "DefaultGatewayMac": regf.binary(bytes.fromhex("f4ec38a1b2c3")),
            "DnsSuffix": regf.sz("<none>"),
        },
    )
    return regf.build(root)


def _windows_tree(root: Path) -> Path:
    config = root / "Windows" / "System32" / "config"
    config.mkdir(parents=True)
    (config / "SYSTEM").write_bytes(_system())
    (config / "SOFTWARE").write_bytes(_software())
    wlan = (
        root
        / "ProgramData/Microsoft/Wlansvc/Profiles/Interfaces/{7A1B2C3D-0E1F-4A5B-8C9D-0123456789AB}"
    )
    wlan.mkdir(parents=True)
    (wlan / "{C0FFEE00-1111-2222-3333-444455556666}.xml").write_text(WLAN, encoding="utf-8")
    return root


def _kinds(report: dict) -> dict:
    found: dict = {}
    for item in report["evidence"]:
        found.setdefault(item["kind"], []).append(item)
    return found


def test_the_hive_reader_reads_what_windows_writes() -> None:
    hive = bmnn_audit.Hive(_system())
    key = hive.key("ControlSet001\\Control\\ComputerName\\ComputerName")
    assert key is not None and key.values() == {"ComputerName": "MAY-SOAN-THAO"}
    assert key.last_write == "2026-11-10T08:00:00+00:00"
    assert (
        hive.key("controlset001\\enum\\usbstor") is not None
    )  # names compare without case, as in Windows
    assert hive.key("ControlSet001\\Nowhere") is None


def test_a_windows_disk_shows_its_networks_and_usb_sticks(tmp_path) -> None:
    audit = bmnn_audit.Audit(str(_windows_tree(tmp_path)))
    audit.run()
    report = audit.report()
    kinds = _kinds(report)
    assert report["errors"] == []
    assert (
        report["machine"]["hostname"] == "MAY-SOAN-THAO"
        and report["machine"]["os"] == "Windows 10 Pro 22H2"
    )
    (usb,) = kinds["usb_storage"]
    assert usb["details"]["vendor"] == "SanDisk" and usb["details"]["product"] == "Cruzer_Blade"
    assert usb["details"]["serialnumber"] == "4C530001120914117552"
    assert (
        usb["details"]["last_arrival"] == "2026-11-10T01:31:02+00:00"
        and usb["time"] == "2026-09-03T01:12:40+00:00"
    )
    assert usb["source"].endswith(
        "\\Enum\\USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade&Rev_1.00\\4C530001120914117552&0"
    )
    (lease,) = kinds["dhcp_lease"]  # the interface with 0.0.0.0 never had a lease
    assert (
        lease["details"]["address"] == "192.168.1.57"
        and lease["details"]["router"] == "192.168.1.1"
    )
    assert lease["time"] == "2025-11-10T07:25:32+00:00"
    wifi = {w["details"].get("name") or w["details"].get("ssid"): w for w in kinds["wifi_profile"]}
    assert set(wifi) == {"Phong-Hop-Tang3", "Cafe-Free-WiFi"}
    assert wifi["Phong-Hop-Tang3"]["details"]["last_connected"] == "2026-11-10T08:15:30"
    assert kinds["network_profile"][0]["details"]["type"] == "wired"
    assert kinds["network_signature"][0]["details"]["gateway_mac"] == "f4:ec:38:a1:b2:c3"
    assert kinds["network_interface"][0]["details"]["wireless"] is True


def test_hive_files_copied_on_their_own_are_read_too(tmp_path) -> None:
    (tmp_path / "SYSTEM").write_bytes(_system())
    audit = bmnn_audit.Audit(str(tmp_path))
    audit.run()
    assert [e["kind"] for e in audit.report()["evidence"]].count("usb_storage") == 1


def test_hives_without_those_keys_report_nothing(tmp_path) -> None:
    config = tmp_path / "Windows" / "System32" / "config"
    config.mkdir(parents=True)
    empty = regf.Key("ROOT")
    empty.add("Select", {"Current": regf.dword(1)})
    empty.add(
        "ControlSet001\\Control\\ComputerName\\ComputerName",
        {"ComputerName": regf.sz("MAY-DOC-LAP")},
    )
    (config / "SYSTEM").write_bytes(regf.build(empty))
    software = regf.Key("ROOT")
    software.add(
        "Microsoft\\Windows NT\\CurrentVersion", {"ProductName": regf.sz("Windows 10 Pro")}
    )
    (config / "SOFTWARE").write_bytes(regf.build(software))
    audit = bmnn_audit.Audit(str(tmp_path))
    audit.run()
    report = audit.report()
    assert (
        report["evidence"] == []
        and report["errors"] == []
        and report["machine"]["hostname"] == "MAY-DOC-LAP"
    )


def test_a_damaged_hive_is_an_error_not_a_crash(tmp_path) -> None:
    config = tmp_path / "Windows" / "System32" / "config"
    config.mkdir(parents=True)
    data = bytearray(_system())
    data[4096 + 40 : 4096 + 400] = b"\xff" * 360  # smash cells after the bin header
    (config / "SYSTEM").write_bytes(bytes(data))
    (config / "SOFTWARE").write_bytes(b"regf" + b"\0" * 10)
    audit = bmnn_audit.Audit(str(tmp_path))
    audit.run()
    assert audit.errors and audit.report()["sha256"]


class _FakeWinreg:
    """The part of Python's winreg module the agent uses, answering from a regf.Key tree: the
    live-registry path of the agent runs here the way it runs on Windows."""

    HKEY_LOCAL_MACHINE = "HKLM"

    def __init__(self, hives: dict[str, regf.Key]) -> None:
        self.hives = hives

    def OpenKey(self, parent, path):
        key = self.hives[path.split("\\")[0]] if parent == self.HKEY_LOCAL_MACHINE else parent
        parts = path.split("\\")[1:] if parent == self.HKEY_LOCAL_MACHINE else path.split("\\")
        for part in parts:
            key = next((k for k in key.subkeys if k.name.lower() == part.lower()), None)
            if key is None:
                raise OSError(2, "The system cannot find the file specified")
        return key

    def QueryInfoKey(self, key):
        return len(key.subkeys), len(key.values), regf.filetime(key.last_write)

    def EnumKey(self, key, index):
        return sorted(key.subkeys, key=lambda k: k.name.upper())[index].name

    def EnumValue(self, key, index):
        name, (kind, data) = list(key.values.items())[index]
        return name, bmnn_audit._decode_value(kind, data), kind


def test_the_live_registry_is_read_through_winreg(monkeypatch, tmp_path) -> None:
    import sys as real_sys

    def tree(data: bytes) -> regf.Key:
        return _rebuild(bmnn_audit.Hive(data).key(""))

    fake = _FakeWinreg({"SYSTEM": tree(_system()), "SOFTWARE": tree(_software())})
    monkeypatch.setitem(real_sys.modules, "winreg", fake)
    monkeypatch.setattr(bmnn_audit.sys, "platform", "win32")
    audit = bmnn_audit.Audit(str(tmp_path))
    audit.live = True
    bmnn_audit.WindowsAudit(audit).run()
    kinds = _kinds({"evidence": audit.evidence})
    assert kinds["usb_storage"][0]["details"]["serialnumber"] == "4C530001120914117552"
    assert kinds["usb_storage"][0]["source"].startswith(
        "HKLM\\SYSTEM\\ControlSet001\\Enum\\USBSTOR"
    )
    assert {w["details"]["name"] for w in kinds["wifi_profile"]} == {"Phong-Hop-Tang3"}
    assert kinds["dhcp_lease"][0]["details"]["address"] == "192.168.1.57"


def _rebuild(key) -> regf.Key:
    """A hive read back into a regf.Key tree (values re-encoded as Windows stores them)."""
    rebuilt = regf.Key(key.name, last_write=datetime.fromisoformat(key.last_write))
    for name, value in key.values().items():
        if isinstance(value, str):
            rebuilt.values[name] = regf.sz(value)
        elif isinstance(value, list):
            rebuilt.values[name] = regf.multi_sz(value)
        elif isinstance(value, int):
            rebuilt.values[name] = regf.dword(value)
        else:
            rebuilt.values[name] = regf.binary(value)
    rebuilt.subkeys = [_rebuild(child) for child in key.subkeys()]
    return rebuilt
