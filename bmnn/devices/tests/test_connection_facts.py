"""Two connection facts per device (issue 14, point 16): what it is connected to now, which the
2025 prohibition turns on (Law 117/2025/QH15, Art. 5.2), and whether it has ever been connected,
which the 2018 law barred (Law 29/2018/QH14, Art. 5.5) and the province's plan under Decision
452/QĐ-TTg (II.4) still has checked before use. The rules at their boundaries, the service keeping
the facts consistent, the host audit setting the second, the pages and the API showing both."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core.models import AuditEvent
from bmnn.devices import rules, services
from bmnn.devices.models import Device
from bmnn.devices.tests.builders import device_body, edit_device, host_report, new_device, new_lan
from bmnn.org.models import AgencyType

pytestmark = pytest.mark.django_db

WIFI = {
    "kind": "wifi_profile",
    "source": "/etc/NetworkManager/system-connections/cafe",
    "time": "2026-10-02T07:15:00",
    "details": {"ssid": "Cafe-Free-WiFi"},
}
OLD_WIFI = {
    "kind": "wifi_profile",
    "source": "/etc/NetworkManager/system-connections/home",
    "time": "2025-01-05T09:00:00",
    "details": {"ssid": "Nha-Rieng"},
}
LAN_LEASE = {
    "kind": "dhcp_lease",
    "source": "/var/lib/dhcp/x",
    "time": "2026-11-01T08:00:00",
    "details": {"address": "10.10.0.5", "router": "10.10.0.1", "dns": "10.10.0.1"},
}
PUBLIC_DNS = {
    "kind": "dns_config",
    "source": "/etc/resolv.conf",
    "time": "2026-06-30T00:00:00",
    "details": {"nameservers": ["8.8.8.8"]},
}
USB = {
    "kind": "usb_storage",
    "source": "/var/log/kern.log",
    "time": "2026-11-10T08:31:02",
    "details": {"serialnumber": "4C530001120914117552"},
}


@pytest.fixture
def people(province):
    return province("officer inspector", types={"police": AgencyType.DEPARTMENT})


def _device(people, **fields) -> Device:
    values = {
        "asset_tag": "STP-PC-07",
        "kind": "computer",
        "connected_to": "none",
        "ever_connected": "no",
        "highest_level": "mat",
    } | fields
    return new_device(people, **values)


def _report(evidence: list[dict], generated_at: str = "2026-11-20T08:00:00+00:00") -> bytes:
    return host_report(evidence, generated_at=generated_at)


# --- rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize("network", ["internet", "telecom", "other"])
def test_a_device_used_for_secrets_while_connected_outside_violates_l25_art_5_2(network) -> None:
    """L25 Art. 5.2: a computer network other than an independent LAN, the internet, a telecom
    network — whatever the history says."""
    for ever in ("yes", "no", "unknown"):
        assert rules.concerns(network, ever, used_for_secrets=True) == [rules.CONNECTED_IN_USE]
    assert rules.CONNECTED_IN_USE.kind == "violation"
    assert rules.CONNECTED_IN_USE.article == "L25 Art. 5.2"


def test_an_independent_lan_or_no_network_is_no_violation_under_l25_art_5_2() -> None:
    """L25 Art. 5.2 excepts the independent LAN (defined in L25 Art. 2); the 2018 ban on it is gone."""
    assert rules.concerns("lan", "no", used_for_secrets=True) == []
    assert rules.concerns("none", "no", used_for_secrets=True) == []
    assert not rules.connected_outside("lan") and not rules.connected_outside("none")


def test_a_connected_device_with_no_level_recorded_is_flagged_but_not_a_violation() -> None:
    """L25 Art. 5.2 forbids composing or storing secrets on it; it may exist for other work."""
    assert rules.concerns("internet", "yes", used_for_secrets=False) == [rules.CONNECTED]
    assert rules.CONNECTED.kind == "check"


def test_ever_connected_is_a_check_before_use_not_a_2025_violation() -> None:
    """Provincial plan under QD452, II.4: devices that have ever been connected are checked
    before use; L18 Art. 5.5 barred them, L25 Art. 5.2 does not. An unknown history is checked
    too; a device known never to have been connected raises nothing."""
    for now in ("none", "lan"):
        assert rules.concerns(now, "yes", used_for_secrets=True) == [rules.EVER_CONNECTED]
        assert rules.concerns(now, "unknown", used_for_secrets=True) == [rules.HISTORY_UNKNOWN]
        assert rules.concerns(now, "no", used_for_secrets=True) == []
    assert {rules.EVER_CONNECTED.kind, rules.HISTORY_UNKNOWN.kind} == {"check"}


def test_traces_beyond_an_independent_lan_depend_on_what_the_device_is_on() -> None:
    """L25 Art. 2, 5.2: a LAN machine may show its LAN; a machine declared not connected may
    show no network at all."""
    assert rules.outside_traces([LAN_LEASE, USB], connected_to="lan") == []
    assert rules.outside_traces([LAN_LEASE, WIFI, PUBLIC_DNS], connected_to="lan") == [
        WIFI,
        PUBLIC_DNS,
    ]
    assert rules.outside_traces([LAN_LEASE, USB], connected_to="none") == [LAN_LEASE]
    assert rules.last_connection(
        [
            WIFI,
            OLD_WIFI,
            {"kind": "dns_config", "time": None},
            {"kind": "dns_config", "time": "not a date"},
        ]
    ) == date(2026, 10, 2)
    assert rules.last_connection([{"kind": "dns_config", "time": None}]) is None
    assert rules.named([WIFI, PUBLIC_DNS, LAN_LEASE]) == ["Wi-Fi Cafe-Free-WiFi", "8.8.8.8"]
    assert rules.named([LAN_LEASE]) == []


def test_a_report_is_read_against_what_the_device_is_connected_to_now() -> None:
    """L25 Art. 5.2: no network issue is raised for a device already declared connected (that is
    judged by rules.concerns); one declared not connected shows a trace as an issue."""
    assert [i.code for i in rules.assess([WIFI], connected_to="none", registered_media=set())] == [
        "network_on_standalone"
    ]
    assert rules.assess([WIFI, PUBLIC_DNS], connected_to="internet", registered_media=set()) == []


# --- the service -----------------------------------------------------------------------------


def test_a_device_connected_outside_now_is_recorded_as_ever_connected(people) -> None:
    """Being connected now (L25 Art. 5.2) implies having been connected: the second fact follows,
    in the history and the audit; saying "never" at the same time is refused."""
    device = _device(people)
    edit_device(people, device, connected_to="internet")
    device.refresh_from_db()
    assert (device.connected_to, device.ever_connected) == ("internet", "yes")
    assert device.changes.first().changes == {
        "connected_to": ["none", "internet"],
        "ever_connected": ["no", "yes"],
    }
    assert AuditEvent.objects.filter(
        action="device.change", changes__ever_connected=["no", "yes"]
    ).exists()
    with pytest.raises(ValidationError):
        _device(people, asset_tag="STP-PC-08", connected_to="telecom", ever_connected="no")


def test_a_date_or_network_of_past_connection_needs_a_yes(people) -> None:
    """Seed plan 004 II.4 asks about devices that have been connected: when and to what is
    recorded for those only, never in the future."""
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        _device(people, ever_connected="no", ever_connected_on=date(2024, 3, 15))
    with pytest.raises(ValidationError):
        _device(people, ever_connected="unknown", ever_connected_to="Internet")
    with pytest.raises(ValidationError):
        _device(people, ever_connected="yes", ever_connected_on=today + timedelta(days=1))
    device = _device(
        people, ever_connected="yes", ever_connected_on=today, ever_connected_to="Internet"
    )
    edit_device(people, device, ever_connected="unknown")
    device.refresh_from_db()
    assert (device.ever_connected, device.ever_connected_on, device.ever_connected_to) == (
        "unknown",
        None,
        "",
    )
    assert device.changes.first().changes["ever_connected_on"] == [today.isoformat(), None]


def test_a_device_leaving_its_independent_lan_no_longer_names_it(people) -> None:
    lan = new_lan(people)
    device = _device(people, connected_to="lan", lan=lan)
    edit_device(people, device, connected_to="none")
    device.refresh_from_db()
    assert device.lan is None
    with pytest.raises(ValidationError):
        _device(people, asset_tag="STP-PC-09", connected_to="none", lan=lan)


# --- the host audit --------------------------------------------------------------------------


def test_a_host_audit_that_finds_a_network_sets_ever_connected(people) -> None:
    """Seed plan 004 II.4: the audit's evidence of a past connection becomes the device's fact,
    with the latest date a trace carries and what it names; an older trace later does not move
    the date back."""
    device = _device(people)
    services.import_report(actor=people["inspector"], device=device, data=_report([WIFI, USB]))
    device.refresh_from_db()
    assert device.ever_connected == "yes" and device.ever_connected_on == date(2026, 10, 2)
    assert "Cafe-Free-WiFi" in device.ever_connected_to and "20/11/2026" in device.ever_connected_to
    change = device.changes.first()
    assert change.changed_by == people["inspector"] and change.changes["ever_connected"] == [
        "no",
        "yes",
    ]
    assert change.changes["host_report"] == device.reports.get().pk
    event = AuditEvent.objects.get(action="device.host_report")
    assert event.changes["ever_connected"] == ["no", "yes"]
    assert [c.code for c in device.concerns] == ["ever_connected"]  # a check, not a violation

    services.import_report(
        actor=people["inspector"],
        device=device,
        data=_report([OLD_WIFI], generated_at="2026-11-25T08:00:00+00:00"),
    )
    device.refresh_from_db()
    assert (
        device.ever_connected_on == date(2026, 10, 2)
        and "Cafe-Free-WiFi" in device.ever_connected_to
    )


def test_a_lan_machine_showing_only_its_lan_keeps_its_history(people) -> None:
    """L25 Art. 2, 5.2: the independent LAN's own lease is not an outside connection; a public
    DNS server is."""
    lan = new_lan(people)
    device = _device(people, connected_to="lan", lan=lan, ever_connected="unknown")
    services.import_report(actor=people["inspector"], device=device, data=_report([LAN_LEASE]))
    device.refresh_from_db()
    assert device.ever_connected == "unknown" and device.changes.count() == 1  # only its creation
    services.import_report(
        actor=people["inspector"],
        device=device,
        data=_report([LAN_LEASE, PUBLIC_DNS], generated_at="2026-11-21T08:00:00+00:00"),
    )
    device.refresh_from_db()
    assert device.ever_connected == "yes" and device.ever_connected_on == date(2026, 6, 30)
    assert "8.8.8.8" in device.ever_connected_to


def test_a_device_connected_now_keeps_its_record_when_audited(people) -> None:
    """L25 Art. 5.2: it is known to be connected; the audit adds nothing to its history."""
    device = _device(
        people, connected_to="internet", ever_connected="yes", ever_connected_to="Wi-Fi cơ quan"
    )
    services.import_report(actor=people["inspector"], device=device, data=_report([WIFI]))
    device.refresh_from_db()
    assert device.ever_connected_to == "Wi-Fi cơ quan" and device.ever_connected_on is None


# --- pages and API ---------------------------------------------------------------------------


def test_the_pages_show_both_facts_and_what_they_mean(people, client_for) -> None:
    """L25 Art. 5.2 (violation) and the provincial plan under QD452, II.4 (check before use)."""
    connected = _device(
        people, asset_tag="STP-LT-03", kind="laptop", connected_to="internet", ever_connected="yes"
    )
    _device(
        people,
        asset_tag="STP-MT-02",
        ever_connected="yes",
        ever_connected_on=date(2024, 3, 15),
        ever_connected_to="Internet văn phòng",
    )
    _device(people, asset_tag="STP-MT-01")
    client = client_for(people["officer"])
    page = client.get("/devices/").content.decode()
    row = page.split('data-testid="device-STP-LT-03"')[1].split("</tr>")[0]
    assert 'data-testid="concern-connected_in_use"' in row
    checked = page.split('data-testid="device-STP-MT-02"')[1].split("</tr>")[0]
    assert 'data-testid="concern-ever_connected"' in checked and "15/03/2024" in checked
    clean = page.split('data-testid="device-STP-MT-01"')[1].split("</tr>")[0]
    assert "concern-" not in clean
    detail = client.get(f"/devices/{connected.pk}/").content.decode()
    assert 'data-testid="concern-connected_in_use"' in detail
    assert "khoản 2 Điều 5 Luật Bảo vệ bí mật nhà nước năm 2025" in detail
    response = client.post(
        f"/devices/{connected.pk}/edit/",
        {
            "asset_tag": "STP-LT-03",
            "kind": "laptop",
            "highest_level": "mat",
            "connected_to": "none",
            "ever_connected": "yes",
            "ever_connected_on": "01/12/2026",
            "ever_connected_to": "Wi-Fi cơ quan",
        },
    )
    assert response.status_code == 302
    connected.refresh_from_db()
    assert (connected.connected_to, connected.ever_connected_on) == ("none", date(2026, 12, 1))
    assert [c.code for c in connected.concerns] == ["ever_connected"]


def test_the_api_reads_and_writes_both_facts(people, client_for) -> None:
    """L25 Art. 5.2: the API says what the facts mean, as the pages do."""
    client = client_for(people["officer"])
    made = client.post(
        "/api/devices/",
        device_body(people, asset_tag="STP-MT-04", highest_level="mat", ever_connected="unknown"),
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["connected_to"], body["ever_connected"], body["ever_connected_on"]) == (
        "none",
        "unknown",
        None,
    )
    assert body["concerns"] == [
        {"code": "history_unknown", "kind": "check", "article": rules.HISTORY_UNKNOWN.article}
    ]
    changed = client.patch(
        f"/api/devices/{body['id']}/", {"connected_to": "telecom"}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["ever_connected"] == "yes"
    assert changed.json()["concerns"] == [
        {"code": "connected_in_use", "kind": "violation", "article": "L25 Art. 5.2"}
    ]
    refused = client.patch(
        f"/api/devices/{body['id']}/", {"ever_connected": "no"}, content_type="application/json"
    )
    assert refused.status_code == 400
