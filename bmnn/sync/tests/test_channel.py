"""The channel rules on the province node, with an agency node played by a key of its own:
numbered bundles applied in order, held when early, ignored when repeated, refused when forged,
altered, misaddressed or carrying another agency's records — and never half-imported."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bmnn.core import bundles
from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.org.models import Role
from bmnn.plans.models import Assignment, ProgressUpdate
from bmnn.plans.services import create_plan, issue_plan
from bmnn.plans.tests.builders import task
from bmnn.sync import channel, node, services
from bmnn.sync.models import Inbound, Outbound, Peer
from bmnn.sync.tests.agency_bundles import agency_bundle, progress_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def province(make_agency, make_person):
    from bmnn.org.models import AgencyType

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    health, justice = (
        make_agency("Sở Y tế", code="so-y-te"),
        make_agency("Sở Tư pháp", code="so-tu-phap"),
    )
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Hằng")
    admin = make_person(police, Role.ADMINISTRATOR, "Đỗ Minh Khoa")
    plan = create_plan(
        actor=supervisor,
        header={"title": "Kế hoạch năm 2026"},
        tasks=[
            task("1", "Tập huấn", ("Sở Y tế", health.pk), date(2026, 12, 20)),
            task("2", "Rà soát", ("Sở Tư pháp", justice.pk)),
        ],
    )
    issue_plan(actor=supervisor, plan=plan)
    pem, public = bundles.generate_key()
    card = json.dumps(
        {
            "role": "agency",
            "name": "Nút Sở Y tế",
            "agency": "so-y-te",
            "key": bundles.public_key_text(public),
        }
    )
    peer = services.trust_peer(actor=admin, card=card)
    return {
        "health": health,
        "justice": justice,
        "supervisor": supervisor,
        "admin": admin,
        "peer": peer,
        "pem": pem,
        "officer": make_person(health, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "mine": Assignment.objects.get(agency=health),
        "theirs": Assignment.objects.get(agency=justice),
    }


def _bundle(
    p, seq: int, progress=(), ack: int = 0, to: str | None = None, pem: bytes | None = None
) -> bytes:
    """What the health department's node would send: its progress records, numbered `seq`."""
    public = bundles.parse_public_key(p["peer"].public_key)
    return agency_bundle(pem or p["pem"], public, seq, progress, ack, issuer="Nút Sở Y tế", to=to)


def _update(uid: int, assignment: Assignment, status: str = "in_progress") -> dict:
    return progress_update(uid, assignment.pk, status, f"Cập nhật {uid}", "hoa")


def _imported(p) -> list[str]:
    return list(
        ProgressUpdate.objects.filter(assignment=p["mine"])
        .order_by("pk")
        .values_list("note", flat=True)
    )


def test_bundles_apply_in_order_and_a_repeat_changes_nothing(province) -> None:
    p = province
    first = _bundle(p, 1, [_update(10, p["mine"])])
    outcome = channel.import_bundle(actor=p["supervisor"], data=first)
    assert (outcome.state, outcome.applied) == ("imported", [1])
    assert _imported(p) == ["Cập nhật 10"]
    p["mine"].refresh_from_db()
    assert p["mine"].status == "in_progress"
    again = channel.import_bundle(actor=p["supervisor"], data=first)
    assert again.state == "duplicate" and _imported(p) == ["Cập nhật 10"]
    # The same update carried again in a later bundle is not applied twice either.
    channel.import_bundle(
        actor=p["supervisor"],
        data=_bundle(p, 2, [_update(10, p["mine"]), _update(11, p["mine"], "done")]),
    )
    assert _imported(p) == ["Cập nhật 10", "Cập nhật 11"]
    p["mine"].refresh_from_db()
    assert (p["mine"].status, p["mine"].review) == ("done", "pending")


def test_a_replayed_number_with_other_content_is_refused_and_audited(province) -> None:
    p = province
    channel.import_bundle(actor=p["supervisor"], data=_bundle(p, 1, [_update(10, p["mine"])]))
    forged = _bundle(p, 1, [_update(99, p["mine"], "done")])
    with pytest.raises(ValidationError, match="1"):
        channel.import_bundle(actor=p["supervisor"], data=forged)
    assert _imported(p) == ["Cập nhật 10"]
    assert AuditEvent.objects.filter(action="sync.refuse").count() == 1


def test_an_early_bundle_is_held_until_the_missing_one_arrives(
    province, django_capture_on_commit_callbacks
) -> None:
    p = province
    third = channel.import_bundle(
        actor=p["supervisor"], data=_bundle(p, 3, [_update(30, p["mine"])])
    )
    second = channel.import_bundle(
        actor=p["supervisor"], data=_bundle(p, 2, [_update(20, p["mine"])])
    )
    assert (third.state, second.state) == ("held", "held")
    assert "1" in third.message and _imported(p) == []  # names the missing bundle; applies nothing
    assert set(Inbound.objects.values_list("seq", "state")) == {(3, "held"), (2, "held")}
    kept = [row.file.name for row in Inbound.objects.all()]
    storage = Inbound.objects.first().file.storage
    assert all(storage.exists(name) for name in kept)
    with django_capture_on_commit_callbacks(execute=True):
        first = channel.import_bundle(
            actor=p["supervisor"], data=_bundle(p, 1, [_update(10, p["mine"])])
        )
    assert (first.state, first.applied) == ("imported", [1, 2, 3])
    assert not any(storage.exists(name) for name in kept)  # removed once the import committed
    assert _imported(p) == ["Cập nhật 10", "Cập nhật 20", "Cập nhật 30"]
    assert not Inbound.objects.exclude(state="imported").exists()
    assert all(not row.file for row in Inbound.objects.all())  # held copies are not kept


@pytest.mark.parametrize("damage", ["byte", "other-key", "misaddressed", "revoked"])
def test_a_damaged_foreign_or_misaddressed_bundle_is_refused_whole(province, damage) -> None:
    p = province
    data = _bundle(p, 1, [_update(10, p["mine"])])
    if damage == "byte":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 1]) + data[middle + 1 :]
    elif damage == "other-key":
        data = _bundle(p, 1, [_update(10, p["mine"])], pem=bundles.generate_key()[0])
    elif damage == "misaddressed":
        data = _bundle(p, 1, [_update(10, p["mine"])], to="0123456789abcdef")
    else:
        services.revoke_peer(actor=p["admin"], peer=p["peer"])
    with pytest.raises(ValidationError):
        channel.import_bundle(actor=p["supervisor"], data=data)
    assert _imported(p) == [] and not Inbound.objects.exists()


def test_a_record_of_another_agency_refuses_the_whole_bundle(province) -> None:
    """One writer per record: the health node may report only on the health department's
    assignments; one foreign record and nothing of the bundle is applied."""
    p = province
    data = _bundle(p, 1, [_update(10, p["mine"]), _update(11, p["theirs"], "done")])
    with pytest.raises(ValidationError, match="Sở Y tế"):
        channel.import_bundle(actor=p["supervisor"], data=data)
    assert _imported(p) == [] and not Inbound.objects.exists()
    p["theirs"].refresh_from_db()
    assert p["theirs"].status == "not_started"


def test_the_acknowledgement_marks_what_arrived(province) -> None:
    p = province
    sent = channel.export_bundle(actor=p["supervisor"], peer=p["peer"])
    assert (sent.seq, sent.acknowledged_at) == (1, None)
    assert sent.contents["plans"] == 1 and sent.contents["directory"] >= 3
    second = channel.export_bundle(actor=p["supervisor"], peer=p["peer"])
    channel.import_bundle(actor=p["supervisor"], data=_bundle(p, 1, ack=1))
    sent.refresh_from_db()
    second.refresh_from_db()
    assert sent.acknowledged_at is not None and second.acknowledged_at is None


def test_only_the_carriers_make_and_bring_in_bundles(province, make_person) -> None:
    p = province
    with pytest.raises(NotAllowed):
        channel.export_bundle(
            actor=p["officer"], peer=p["peer"]
        )  # an agency's officer, on the province node
    with pytest.raises(NotAllowed):
        channel.import_bundle(actor=p["officer"], data=_bundle(p, 1, [_update(10, p["mine"])]))
    with pytest.raises(NotAllowed):
        services.trust_peer(actor=p["supervisor"], card="{}")  # trust is the administrator's
    assert not Outbound.objects.exists() and _imported(p) == []


def test_the_pages_list_each_bundle_and_refuse_others(province, client_for) -> None:
    p = province
    supervisor = client_for(p["supervisor"])
    page = supervisor.get(reverse("sync:overview")).content.decode()
    assert "Nút Sở Y tế" in page and node.fingerprint(channel.own_card()["key"]) in page
    assert supervisor.post(reverse("sync:export", args=[p["peer"].pk])).status_code == 302
    sent = Outbound.objects.get()
    download = supervisor.get(reverse("sync:download", args=[sent.pk]))
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert "so-y-te" in download["Content-Disposition"]
    officer = client_for(p["officer"])
    others = officer.get(reverse("sync:overview"))
    assert others.status_code == 200 and "Nút Sở Y tế" not in others.content.decode()
    assert 'data-testid="receive-form"' not in others.content.decode()
    assert officer.get(reverse("sync:peer", args=[p["peer"].pk])).status_code == 404
    assert officer.get(reverse("sync:download", args=[sent.pk])).status_code == 404
    assert Peer.objects.count() == 1


def _incident(uid: int, level: str) -> dict:
    return {
        "id": uid,
        "what": "Mất bản Tối mật số 3",
        "level": level,
        "found_at": "2026-11-30T08:00:00+07:00",
        "channel": "lost_document",
        "scope": "Phòng Kế hoạch",
        "measures": "Đã khoanh vùng",
        "by": "Nguyễn Thị Hoa",
        "by_login": "hoa",
        "at": "2026-11-30T09:00:00+07:00",
    }


def _incident_bundle(p, seq: int, records: list[dict]) -> bytes:
    envelope = {
        "from": bundles.key_id(bundles.parse_public_key(p["peer"].public_key)),
        "to": node.key_id(),
        "seq": seq,
        "ack": 0,
        "from_role": "agency",
        "contents": {"incidents": len(records)},
    }
    files = {
        "envelope.json": json.dumps(envelope).encode(),
        "sections/incidents.json": json.dumps(records).encode(),
    }
    return bundles.write(channel.KIND, files, private_pem=p["pem"], issuer="Nút Sở Y tế")


@pytest.mark.parametrize("holds_secrets", [True, False])
def test_an_incident_arrives_at_once_and_a_node_without_secrets_keeps_only_the_fact(
    province, settings, holds_secrets
) -> None:
    from bmnn.reports.models import Incident

    settings.BMNN_HOLDS_SECRETS = holds_secrets
    channel.import_bundle(
        actor=province["supervisor"], data=_incident_bundle(province, 1, [_incident(5, "toi_mat")])
    )
    incident = Incident.objects.get()
    assert (incident.agency, incident.level, incident.status) == (
        province["health"],
        "toi_mat",
        "open",
    )
    if holds_secrets:
        assert (incident.what, incident.scope) == ("Mất bản Tối mật số 3", "Phòng Kế hoạch")
    else:
        assert "kênh bí mật" in incident.what and incident.scope == incident.measures == ""


def test_a_follow_up_of_an_unknown_incident_refuses_the_bundle(province) -> None:
    from bmnn.reports.models import Incident

    records = [
        _incident(5, "mat"),
        {
            "step": 1,
            "incident": 999,
            "text": "Đã xử lý",
            "by": "Hoa",
            "by_login": "hoa",
            "at": "2026-11-30T10:00:00+07:00",
        },
    ]
    with pytest.raises(ValidationError):
        channel.import_bundle(
            actor=province["supervisor"], data=_incident_bundle(province, 1, records)
        )
    assert not Incident.objects.exists()


def test_the_inventory_comes_up_whole_and_updates_in_place(province, settings) -> None:
    """The agency node sends its computers, media and LANs as they are (no custodian, no host
    audit evidence); the province keeps one row per asset tag, serial and LAN name."""
    from bmnn.devices.models import Device, IndependentLan, Medium
    from bmnn.sync.sections import Payload
    from bmnn.sync.sections.up import export_inventory

    p = province
    lan = IndependentLan.objects.create(agency=p["health"], name="LAN Văn thư", site="Phòng 201")
    device = Device.objects.create(
        agency=p["health"],
        asset_tag="SYT-01",
        kind="computer",
        connected_to="lan",
        ever_connected="yes",
        ever_connected_to="Internet (2023)",
        lan=lan,
    )
    Medium.objects.create(
        agency=p["health"],
        label="USB-01",
        kind="usb",
        serial="AA11",
        registered_on=date(2026, 1, 5),
    )
    settings.BMNN_NODE, settings.BMNN_NODE_AGENCY = "agency", "so-y-te"
    payload = Payload()
    export_inventory(p["peer"], payload, None)
    records = payload.sections["inventory"]
    assert len(records) == 3 and "custodian" not in json.dumps(records)
    # The province node receives it (here: the same database, so the rows are first taken away).
    settings.BMNN_NODE, settings.BMNN_NODE_AGENCY = "province", ""
    Device.objects.all().delete()
    Medium.objects.all().delete()
    IndependentLan.objects.all().delete()

    def send(seq: int, rows: list[dict]) -> None:
        envelope = {
            "from": bundles.key_id(bundles.parse_public_key(p["peer"].public_key)),
            "to": node.key_id(),
            "seq": seq,
            "ack": 0,
            "contents": {"inventory": len(rows)},
        }
        files = {
            "envelope.json": json.dumps(envelope).encode(),
            "sections/inventory.json": json.dumps(rows).encode(),
        }
        channel.import_bundle(
            actor=p["supervisor"],
            data=bundles.write(channel.KIND, files, private_pem=p["pem"], issuer="x"),
        )

    send(1, records)
    got = Device.objects.get(agency=p["health"])
    assert (got.asset_tag, got.ever_connected, got.lan.name) == ("SYT-01", "yes", "LAN Văn thư")
    assert Medium.objects.get(agency=p["health"]).serial == "AA11"
    records[1]["device"]["location"] = "Phòng 305"
    send(2, records)
    assert (
        Device.objects.get(agency=p["health"]).location == "Phòng 305"
        and Device.objects.count() == 1
    )
    assert device.pk != got.pk


def test_bundles_travel_sealed_to_the_recipient(province) -> None:
    """A node whose card gives a sealing key gets its bundles sealed: only it opens them, any
    changed byte fails, and the sealed bundle imports like a plain one."""
    from bmnn.core import keys
    from bmnn.sync import sealing

    p = province
    pem, public = bundles.generate_key()
    card = {
        "role": "agency",
        "name": "Nút Sở Tư pháp",
        "agency": "so-tu-phap",
        "key": bundles.public_key_text(public),
        "seal": sealing.public_key_text(pem),
    }
    sealed_peer = services.trust_peer(actor=p["admin"], card=json.dumps(card))
    sent = channel.export_bundle(actor=p["supervisor"], peer=sealed_peer)
    with sent.file.open("rb") as handle:
        data = handle.read()
    assert sealing.is_sealed(data) and b"files/" not in data  # nothing readable on the medium
    assert bundles.read(
        sealing.open_sealed(data, pem),
        trusted={node.key_id(): bundles.parse_public_key(channel.own_card()["key"])},
        kind=channel.KIND,
    ).files["envelope.json"]
    with pytest.raises(sealing.SealError):
        sealing.open_sealed(data, bundles.generate_key()[0])  # another node's key
    # The province receives a bundle sealed to it by the health node.
    to_us = sealing.seal(
        _bundle(p, 1, [_update(10, p["mine"])]),
        sealing.parse_public_key(sealing.public_key_text(keys.signing_key())),
    )
    damaged = to_us[:-5] + bytes([to_us[-5] ^ 1]) + to_us[-4:]
    with pytest.raises(ValidationError):
        channel.import_bundle(actor=p["supervisor"], data=damaged)
    assert channel.import_bundle(actor=p["supervisor"], data=to_us).state == "imported"
    assert _imported(p) == ["Cập nhật 10"]


def test_the_commands_write_to_a_folder_and_import_in_any_order(province, tmp_path) -> None:
    """`bmnn sync export --to CODE --out FOLDER` names the file by sender, recipient and
    number; `bmnn sync import` takes bundles in any order."""
    from io import StringIO

    from django.core.management import call_command

    p = province
    call_command("sync_export", to="so-y-te", out=str(tmp_path), stdout=StringIO())
    assert (tmp_path / "bmnn-tinh-den-so-y-te-00001.bmnn").read_bytes()[:2] == b"PK"
    second, first = tmp_path / "2.bmnn", tmp_path / "1.bmnn"
    second.write_bytes(_bundle(p, 2, [_update(20, p["mine"])]))
    first.write_bytes(_bundle(p, 1, [_update(10, p["mine"])]))
    out = StringIO()
    call_command("sync_import", str(second), str(first), stdout=out)
    assert "held" in out.getvalue() and _imported(p) == ["Cập nhật 10", "Cập nhật 20"]
