"""Demo inventory at Sở Tư pháp: an independent LAN, five machines, a registered USB drive, and
one imported host audit that found a USB stick not in the register. The machines show both
connection facts: never connected; on the LAN after years on the office internet (checked before
use); a transferred machine whose history is not known; and a laptop used for a Mật draft while
on the office Wi-Fi (prohibited, Law 117/2025/QH15, Art. 5.2)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from bmnn.devices import services
from bmnn.devices.models import Device
from bmnn.org.models import Agency, Person


def host_report(
    evidence: list[dict[str, Any]], machine: dict[str, str], generated_at: str
) -> bytes:
    """A host-audit report as the agent writes it, sealed with its fingerprint (the demo's, and
    the tests' through devices/tests/builders.py)."""
    body: dict[str, Any] = {
        "format": "bmnn-host-audit",
        "version": "1.0",
        "generated_at": generated_at,
        "root": "/",
        "live": True,
        "machine": machine,
        "evidence": evidence,
        "errors": [],
    }
    body["sha256"] = services.fingerprint(body)
    return json.dumps(body, ensure_ascii=False).encode()


def load_demo_devices() -> int:
    justice = Agency.objects.get(code="demo-stp")
    if Device.objects.filter(agency=justice).exists():
        return 0
    officer = Person.objects.get(username="baomat")
    inspector = Person.objects.get(username="thanhtra")

    def machine(**fields: Any) -> Device:
        """A device of Sở Tư pháp's inventory, entered by its security officer."""
        return services.save_device(actor=officer, agency=justice, **fields)

    lan = services.save_lan(
        actor=officer,
        agency=justice,
        name="Mạng LAN độc lập Văn phòng Sở",
        site="Phòng 203, trụ sở Sở Tư pháp",
        administrator=officer,
        measures="Không kết nối Internet; tủ mạng khóa; nhật ký truy cập hằng tuần",
    )
    standalone = machine(
        asset_tag="STP-MT-01",
        kind="computer",
        make_model="Dell OptiPlex 7090",
        serial="7H2K9Q3",
        os="Windows 10 Pro",
        location="Phòng Văn thư",
        custodian=officer,
        highest_level="toi_mat",
        connected_to="none",
        ever_connected="no",
    )
    machine(
        asset_tag="STP-MT-02",
        kind="computer",
        make_model="HP ProDesk 400",
        os="Windows 10 Pro",
        location="Phòng 203",
        highest_level="mat",
        connected_to="lan",
        lan=lan,
        ever_connected="yes",
        ever_connected_on=date(2024, 3, 15),
        ever_connected_to="Internet qua mạng văn phòng Sở, trước khi cài đặt lại và đưa vào mạng LAN độc lập",
    )
    machine(
        asset_tag="STP-MI-01",
        kind="printer",
        make_model="Canon LBP 2900",
        location="Phòng Văn thư",
        highest_level="toi_mat",
        connected_to="none",
        ever_connected="no",
    )
    machine(
        asset_tag="STP-MT-04",
        kind="computer",
        make_model="Lenovo ThinkCentre M70s",
        os="Windows 11 Pro",
        location="Phòng Bổ trợ tư pháp",
        highest_level="mat",
        connected_to="none",
        ever_connected="unknown",
    )
    machine(
        asset_tag="STP-LT-03",
        kind="laptop",
        make_model="Dell Latitude 5440",
        os="Windows 11 Pro",
        location="Phòng Hành chính tư pháp",
        highest_level="mat",
        connected_to="internet",
        ever_connected="yes",
        ever_connected_to="Wi-Fi của cơ quan",
    )
    services.register_medium(
        actor=officer,
        agency=justice,
        label="USB-MAT-01",
        kind="usb",
        serial="AA11BB22CC33",
        make_model="Kingston DataTraveler 32GB",
        registered_on=date(2026, 3, 16),
        custodian=officer,
        highest_level="toi_mat",
    )
    evidence = [
        {
            "kind": "usb_storage",
            "source": "SYSTEM\\ControlSet001\\Enum\\USBSTOR\\Disk&Ven_Kingston&Prod_DataTraveler_3.0\\AA11BB22CC33&0",
            "time": "2026-03-16T02:10:00+00:00",
            "details": {"vendor": "Kingston", "serialnumber": "AA11BB22CC33"},
        },
        {
            "kind": "usb_storage",
            "source": "SYSTEM\\ControlSet001\\Enum\\USBSTOR\\Disk&Ven_SanDisk&Prod_Cruzer_Blade\\4C530001120914117552&0",
            "time": "2026-11-10T01:31:02+00:00",
            "details": {
                "vendor": "SanDisk",
                "product": "Cruzer_Blade",
                "serialnumber": "4C530001120914117552",
            },
        },
    ]
    machine_facts = {
        "hostname": "STP-MT-01",
        "machine_id": "7H2K9Q3-UUID",
        "os": "Windows 10 Pro 22H2",
    }
    report = host_report(evidence, machine_facts, "2026-11-18T02:15:00+00:00")
    services.import_report(actor=inspector, device=standalone, data=report)
    return 7
