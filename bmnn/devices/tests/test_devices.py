"""The inventory and host-audit import: history and audit of changes; a report is checked and
compared with what the inventory declares; the agent's own report from this machine imports."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.devices import rules, services
from bmnn.devices.models import DeviceFinding, HostReport
from bmnn.devices.tests.builders import (
    device_body,
    edit_device,
    host_report,
    new_device,
    new_medium,
)
from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.django_db
AGENT = Path(__file__).resolve().parents[1] / "agent" / "bmnn_audit.py"


@pytest.fixture
def people(province):
    return province(
        "health officer staff inspector health_officer", types={"police": AgencyType.DEPARTMENT}
    )


def _report(evidence: list[dict], machine: dict | None = None) -> bytes:
    return host_report(evidence, machine)


WIFI = {
    "kind": "wifi_profile",
    "source": "/etc/NetworkManager/system-connections/x",
    "time": None,
    "details": {"ssid": "Cafe-Free-WiFi"},
}
USB = {
    "kind": "usb_storage",
    "source": "/var/log/kern.log",
    "time": "2026-11-10T08:31:02",
    "details": {"serialnumber": "4C530001120914117552", "manufacturer": "SanDisk"},
}
LAN_LEASE = {
    "kind": "dhcp_lease",
    "source": "/var/lib/dhcp/x",
    "time": None,
    "details": {"address": "10.10.0.5", "router": "10.10.0.1", "dns": "10.10.0.1"},
}
PUBLIC_DNS = {
    "kind": "dns_config",
    "source": "/etc/resolv.conf",
    "time": None,
    "details": {"nameservers": ["8.8.8.8"]},
}


def test_the_rules_read_a_report_against_the_declared_status() -> None:
    """L25 Art. 5.2 (and Art. 2, the independent LAN): not connected means no network trace; an independent LAN
    shows only itself; removable media must be registered."""
    standalone = rules.assess([WIFI, USB], connected_to="none", registered_media=set())
    assert [i.code for i in standalone] == ["network_on_standalone", "unregistered_media"]
    assert rules.assess([LAN_LEASE], connected_to="lan", registered_media=set()) == []
    on_lan = rules.assess([LAN_LEASE, PUBLIC_DNS, WIFI], connected_to="lan", registered_media=set())
    assert [i.code for i in on_lan] == ["wifi_on_lan_device", "public_network"]
    assert rules.assess([USB], connected_to="none", registered_media={"4C530001120914117552"}) == []
    assert rules.assess([], connected_to="none", registered_media=set()) == []


def test_changes_are_kept_in_the_history_and_audited(people) -> None:
    device = new_device(
        people,
        make_model="Dell OptiPlex 7090",
        custodian=people["officer"],
        highest_level="toi_mat",
    )
    edit_device(people, device, custodian=people["staff"])
    assert [list(c.changes) for c in device.changes.order_by("pk")] == [["created"], ["custodian"]]
    assert AuditEvent.objects.filter(
        action="device.change", changes__custodian=[people["officer"].pk, people["staff"].pk]
    ).exists()
    with pytest.raises(NotAllowed):
        services.save_device(
            actor=people["health_officer"], agency=people["justice"], device=device, location="x"
        )
    with pytest.raises(ValidationError):
        new_device(people, asset_tag="STP-PC-08", connected_to="lan")  # which LAN?


def test_an_imported_report_raises_findings_and_an_altered_one_is_refused(people) -> None:
    device = new_device(people)
    new_medium(people, serial="AA11BB22")
    data = _report([WIFI, USB])
    altered = data.replace(b"Cafe-Free-WiFi", b"Cafe-Free-WiFX")
    with pytest.raises(ValidationError):
        services.import_report(actor=people["inspector"], device=device, data=altered)
    with pytest.raises(ValidationError):
        services.import_report(actor=people["inspector"], device=device, data=b"{not json")
    report = services.import_report(actor=people["inspector"], device=device, data=data)
    assert {f.code for f in report.findings.all()} == {
        "network_on_standalone",
        "unregistered_media",
    }
    device.refresh_from_db()
    assert device.machine_id == "abc" and device.hostname == "may-soan-thao"
    with pytest.raises(ValidationError):
        services.import_report(
            actor=people["inspector"], device=device, data=data
        )  # the same report twice
    other = services.import_report(
        actor=people["inspector"],
        device=device,
        data=_report([], machine={"hostname": "khac", "machine_id": "zzz"}),
    )
    assert [f.code for f in other.findings.all()] == ["other_machine"]
    finding = DeviceFinding.objects.filter(code="unregistered_media").get()
    with pytest.raises(ValidationError):
        services.decide_finding(
            actor=people["officer"], finding=finding, status="resolved", note=" "
        )
    services.decide_finding(
        actor=people["officer"], finding=finding, status="resolved", note="Đã thu hồi USB cá nhân"
    )
    assert DeviceFinding.objects.get(pk=finding.pk).status == "resolved"


def test_the_agents_report_from_this_machine_imports_through_the_page(
    people, client_for, tmp_path
) -> None:
    """Issue 7 acceptance: `python agent/bmnn_audit.py --out report.json` here, then import."""
    out = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, str(AGENT), "--out", str(out)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    device = new_device(people, asset_tag="STP-SV-01", connected_to="other")
    client = client_for(people["officer"])
    response = client.post(
        f"/devices/{device.pk}/", {"report": SimpleUploadedFile("report.json", out.read_bytes())}
    )
    assert response.status_code == 302
    report = HostReport.objects.get()
    assert (
        report.sha256 == json.loads(out.read_text())["sha256"] and report.evidence
    )  # this VM has a network
    assert "STP-SV-01" in client.get("/devices/").content.decode()
    assert client_for(people["health_officer"]).get(f"/devices/{device.pk}/").status_code == 404


def test_an_inspectors_device_report_opens_a_finding_shown_on_the_officers_home(
    people, client_for
) -> None:
    device = new_device(people)
    inspector = client_for(people["inspector"])
    response = inspector.post(
        f"/api/devices/{device.pk}/reports/",
        {"file": SimpleUploadedFile("r.json", _report([WIFI]))},
    )
    assert response.status_code == 201 and [f["code"] for f in response.json()] == [
        "network_on_standalone"
    ]
    assert client_for(people["health_officer"]).get(f"/api/devices/{device.pk}/").status_code == 404
    assert (
        client_for(people["officer"])
        .get("/api/device-findings/", {"status": "open"})
        .json()["count"]
        == 1
    )
    # the officer's home has a devices section, marked urgent while a finding is open
    page = client_for(people["officer"]).get("/").content.decode()
    assert 'border-danger" data-testid="devices"' in page


def test_a_custodian_change_through_the_page_is_in_the_history(people, client_for) -> None:
    device = new_device(people, custodian=people["officer"])
    client = client_for(people["officer"])
    response = client.post(
        f"/devices/{device.pk}/edit/",
        {
            "asset_tag": "STP-PC-07",
            "kind": "computer",
            "connected_to": "none",
            "ever_connected": "no",
            "custodian": people["staff"].pk,
        },
    )
    assert response.status_code == 302
    assert device.changes.first().changes["custodian"] == [people["officer"].pk, people["staff"].pk]
    assert client_for(people["staff"]).get(f"/devices/{device.pk}/edit/").status_code == 403


def test_another_agencys_device_cannot_be_edited_or_even_found(people, client_for) -> None:
    """The edit page reads the device through the policy's restrict: another agency's security
    officer (who keeps an inventory, only not this one) gets 404, not 403, and changes nothing."""
    device = new_device(people, custodian=people["officer"])
    stranger = client_for(people["health_officer"])
    assert stranger.get(f"/devices/{device.pk}/edit/").status_code == 404
    response = stranger.post(
        f"/devices/{device.pk}/edit/",
        {
            "asset_tag": "SYT-PC-99",
            "kind": "laptop",
            "connected_to": "internet",
            "ever_connected": "yes",
        },
    )
    assert response.status_code == 404
    device.refresh_from_db()
    assert (device.asset_tag, device.kind, device.connected_to) == ("STP-PC-07", "computer", "none")
    assert device.custodian == people["officer"] and device.changes.count() == 1
    # the same page is open to the device's own agency
    assert client_for(people["officer"]).get(f"/devices/{device.pk}/edit/").status_code == 200


def test_a_device_finding_feeds_an_inspection(people, client_for) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from bmnn.inspections.models import Finding as InspectionFinding

    supervisor_agency = people["inspector"].memberships.first().agency
    from bmnn.org.models import Membership

    supervisor = people["inspector"]
    Membership.objects.create(person=supervisor, agency=supervisor_agency, role=Role.SUPERVISOR)
    today = timezone.localdate()
    inspection = new_inspection(
        supervisor,
        [people["justice"]],
        title="Kiểm tra máy tính",
        **dict.fromkeys(("period_from", "period_to", "on_site_from", "on_site_to"), today),
        leader=people["inspector"],
    )
    device = new_device(people)
    services.import_report(actor=people["inspector"], device=device, data=_report([WIFI]))
    finding = DeviceFinding.objects.get()
    target = inspection.targets.get()
    deadline = (today + timedelta(days=10)).strftime("%d/%m/%Y")
    client = client_for(people["inspector"])
    assert (
        f'data-testid="to-inspection-{finding.pk}"'
        in client.get(f"/devices/{device.pk}/").content.decode()
    )
    client.post(
        f"/devices/{device.pk}/",
        {
            "action": "inspection",
            "finding": finding.pk,
            f"inspection-{finding.pk}-target": target.pk,
            f"inspection-{finding.pk}-deadline": deadline,
        },
    )
    carried = InspectionFinding.objects.get()
    assert (
        carried.target == target
        and carried.description.startswith("STP-PC-07")
        and carried.severity == "high"
    )


@pytest.mark.parametrize("who", ["another agency's officer", "nobody"])
def test_the_api_refuses_a_custodian_who_is_not_one_of_the_agencys_people(
    people, client_for, who
) -> None:
    """The rule is the service's (a 400 naming the field); an id that names nobody gets the
    same answer, so the API tells nothing about people of other agencies."""
    from bmnn.devices.models import Device
    from bmnn.org.models import Person

    custodian = (
        people["health_officer"].pk
        if who == "another agency's officer"
        else (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    )
    made = client_for(people["officer"]).post(
        "/api/devices/",
        device_body(people, asset_tag="STP-LT-09", kind="laptop", custodian=custodian),
        content_type="application/json",
    )
    assert made.status_code == 400, made.content
    assert list(made.json()["errors"]) == ["custodian"]
    assert not Device.objects.filter(asset_tag="STP-LT-09").exists()


def test_the_inventory_is_written_through_the_api(people, client_for) -> None:
    officer = client_for(people["officer"])
    made = officer.post(
        "/api/devices/",
        device_body(
            people,
            asset_tag="STP-LT-02",
            kind="laptop",
            ever_connected="no",
            custodian=people["staff"].pk,
        ),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    device_id = made.json()["id"]
    changed = officer.patch(
        f"/api/devices/{device_id}/",
        {"custodian": people["officer"].pk},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["custodian"] == people["officer"].pk
    assert (
        client_for(people["health_officer"])
        .patch(f"/api/devices/{device_id}/", {"location": "x"}, content_type="application/json")
        .status_code
        == 404
    )
    assert (
        officer.post(
            "/api/devices/",
            device_body(
                people,
                agency=people["health"].pk,
                asset_tag="X",
                kind="laptop",
                ever_connected="no",
            ),
            content_type="application/json",
        ).status_code
        == 404
    )


def test_another_devices_asset_tag_is_refused_by_the_field_on_the_edit_page(
    people, client_for
) -> None:
    """Changing a device's tag to one the agency uses already is said next to the tag, with
    what was typed kept (before, the database refused it and the page was an error 500)."""
    first, second = (new_device(people, asset_tag=tag) for tag in ("STP-PC-07", "STP-PC-08"))
    with pytest.raises(ValidationError) as taken:
        edit_device(people, second, asset_tag="STP-PC-07")
    assert set(taken.value.message_dict) == {"asset_tag"}
    response = client_for(people["officer"]).post(
        f"/devices/{second.pk}/edit/",
        {
            "asset_tag": "STP-PC-07",
            "kind": "laptop",
            "location": "Phòng Văn bản",
            "connected_to": "none",
            "ever_connected": "no",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_asset_tag_error">Mã tài sản này đã có trong danh mục.<' in page
    assert 'value="Phòng Văn bản"' in page
    second.refresh_from_db()
    assert (second.asset_tag, second.kind, second.location) == ("STP-PC-08", "computer", "")
    # the device keeps its own tag when other fields change
    edit_device(people, first, asset_tag="STP-PC-07")
