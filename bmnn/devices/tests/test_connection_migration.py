"""The one network status becomes two facts (migration devices 0002): "standalone (never
connected)" declared both; an independent LAN says nothing of the past; "other" was a network
other than an independent LAN (Law 117/2025/QH15, Art. 5.2: connected now, so connected ever); a
host-audit finding of outside traces not explained away is evidence of a past connection (the
province's plan under Decision 452/QĐ-TTg, II.4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("devices", "0001_initial")]
AFTER = [("devices", "0002_connection_facts")]


def _migrate(target: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.fixture
def _latest_schema_afterwards() -> Iterator[None]:
    """The database goes back to the latest migrations whatever the test does: later tests in
    the session share its schema (a test left at 0002 once broke every later use of 0003)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_latest_schema_afterwards")
def test_the_old_status_becomes_the_two_facts(make_agency, make_person) -> None:
    agency = make_agency("Sở Tư pháp")
    person = make_person(agency)
    old = _migrate(BEFORE)
    Device = old.get_model("devices", "Device")  # type: ignore[attr-defined]
    Lan = old.get_model("devices", "IndependentLan")  # type: ignore[attr-defined]
    Report = old.get_model("devices", "HostReport")  # type: ignore[attr-defined]
    Finding = old.get_model("devices", "DeviceFinding")  # type: ignore[attr-defined]
    lan = Lan.objects.create(agency_id=agency.pk, name="LAN", site="P.203")
    made = {
        tag: Device.objects.create(
            agency_id=agency.pk,
            asset_tag=tag,
            kind="computer",
            network_status=status,
            lan_id=lan.pk if status == "lan" else None,
        )
        for tag, status in [
            ("A", "standalone"),
            ("B", "lan"),
            ("C", "other"),
            ("D", "standalone"),
            ("E", "standalone"),
            ("F", "lan"),
        ]
    }
    for tag, code, status in [
        ("D", "network_on_standalone", "open"),
        ("E", "network_on_standalone", "dismissed"),
        ("F", "public_network", "resolved"),
    ]:
        report = Report.objects.create(
            device_id=made[tag].pk,
            uploaded_by_id=person.pk,
            generated_at=timezone.now(),
            sha256=tag * 64,
        )
        Finding.objects.create(
            device_id=made[tag].pk,
            report_id=report.pk,
            code=code,
            severity="high",
            summary=f"traces on {tag}",
            status=status,
            evidence=[
                {"kind": "wifi_profile", "time": "2025-05-01T10:00:00"},
                {"kind": "dns_config", "time": "2026-02-03T10:00:00+00:00"},
                {"kind": "dns_config", "time": None},
            ],
        )

    new = _migrate(AFTER)
    Device = new.get_model("devices", "Device")  # type: ignore[attr-defined]
    facts = {
        d.asset_tag: (d.connected_to, d.ever_connected, d.ever_connected_on, d.ever_connected_to)
        for d in Device.objects.all()
    }
    assert facts == {
        "A": ("none", "no", None, ""),
        "B": ("lan", "unknown", None, ""),
        "C": ("other", "yes", None, ""),
        "D": ("none", "yes", date(2026, 2, 3), "traces on D"),
        "E": ("none", "no", None, ""),  # explained: the declaration stands
        "F": ("lan", "yes", date(2026, 2, 3), "traces on F"),
    }

    old = _migrate(BEFORE)  # and back: the old status is restored from the first fact
    Device = old.get_model("devices", "Device")  # type: ignore[attr-defined]
    assert dict(Device.objects.values_list("asset_tag", "network_status")) == {
        "A": "standalone",
        "B": "lan",
        "C": "other",
        "D": "standalone",
        "E": "standalone",
        "F": "lan",
    }


@pytest.mark.django_db(transaction=True)
def test_the_tests_after_it_find_the_latest_schema() -> None:
    """Runs after the migration test (file order): nothing is left to apply."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
