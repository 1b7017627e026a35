"""Inspections on the channels, in one process: the province node's side and the health
department's node's side are played on one database by switching BMNN_NODE, each importing
bundles signed with the other's key. The province's inspection goes down with only the
receiving agency's answers and findings; the agency's self-inspection and its remediation of a
province finding come up; the province's decision goes back down; a repeat changes nothing and
a record about another agency refuses the whole bundle."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bmnn.core import bundles
from bmnn.core.models import Notification
from bmnn.inspections import queries
from bmnn.inspections.models import Answer, ChecklistItem, Finding, Inspection, Remediation
from bmnn.inspections.services import (
    answer,
    post_remediation,
    record_finding,
    verify,
)
from bmnn.inspections.tests.builders import new_finding, new_inspection, self_inspection
from bmnn.org.models import AgencyType, Person, Role
from bmnn.sync import channel, node
from bmnn.sync.models import Inbound, Link, Peer
from bmnn.sync.sections import Payload
from bmnn.sync.sections.inspections import export_inspections, export_self_inspections

pytestmark = pytest.mark.django_db

HEALTH, JUSTICE = "so-y-te", "so-tu-phap"


def _peer(name: str, role: str, agency: Any = None) -> tuple[Peer, bytes]:
    pem, public = bundles.generate_key()
    peer = Peer.objects.create(
        name=name,
        role=role,
        agency=agency,
        agency_code=agency.code if agency else "",
        key_id=bundles.key_id(public),
        public_key=bundles.public_key_text(public),
    )
    return peer, pem


@pytest.fixture
def world(make_agency, make_person, settings) -> dict[str, Any]:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    health, justice = make_agency("Sở Y tế", code=HEALTH), make_agency("Sở Tư pháp", code=JUSTICE)
    health_node, health_pem = _peer("Nút Sở Y tế", "agency", health)  # as the province knows it
    province_node, province_pem = _peer("Nút tỉnh", "province")  # as the health node knows it
    settings.BMNN_NODE, settings.BMNN_NODE_AGENCY = "province", ""
    return {
        "settings": settings,
        "health": health,
        "justice": justice,
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Hằng"),
        "head": make_person(health, Role.HEAD, "Trần Văn Định"),
        "officer": make_person(health, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "health_node": health_node,
        "health_pem": health_pem,
        "province_node": province_node,
        "province_pem": province_pem,
    }


def _as_province(w: dict[str, Any]) -> None:
    w["settings"].BMNN_NODE, w["settings"].BMNN_NODE_AGENCY = "province", ""


def _as_health_node(w: dict[str, Any]) -> None:
    w["settings"].BMNN_NODE, w["settings"].BMNN_NODE_AGENCY = "agency", HEALTH


def _bundle(peer: Peer, pem: bytes, seq: int, sections: dict[str, list[Any]]) -> bytes:
    """A bundle as `peer`'s node would sign it, addressed to this node."""
    envelope = {
        "from": peer.key_id,
        "to": node.key_id(),
        "seq": seq,
        "ack": 0,
        "contents": {k: len(v) for k, v in sections.items()},
    }
    files = {"envelope.json": json.dumps(envelope).encode()}
    files.update({f"sections/{k}.json": json.dumps(v).encode() for k, v in sections.items()})
    return bundles.write(channel.KIND, files, private_pem=pem, issuer=peer.name)


def _down(w: dict[str, Any], seq: int, records: list[Any]) -> channel.Outcome:
    """The health node imports the province's inspections."""
    _as_health_node(w)
    data = _bundle(w["province_node"], w["province_pem"], seq, {"inspections": records})
    return channel.import_bundle(actor=w["officer"], data=data)


def _up(w: dict[str, Any], seq: int, records: list[Any]) -> channel.Outcome:
    """The province imports the health node's self-inspections and remediation."""
    _as_province(w)
    data = _bundle(w["health_node"], w["health_pem"], seq, {"self_inspections": records})
    return channel.import_bundle(actor=w["supervisor"], data=data)


def _export(function: Any, peer: Peer, mark: Any = None) -> tuple[list[Any], Any]:
    payload = Payload()
    mark = function(peer, payload, mark)
    return next(iter(payload.sections.values()), []), mark


def _joint_inspection(w: dict[str, Any], answered: int = 2) -> Inspection:
    """The province inspects the health and the justice departments together."""
    supervisor, health, justice = w["supervisor"], w["health"], w["justice"]
    inspection = new_inspection(
        supervisor,
        [health, justice],
        title="Kiểm tra công tác bảo vệ BMNN 2026",
        period_to=date(2025, 12, 31),
        on_site_from=date(2026, 5, 4),
        on_site_to=date(2026, 5, 8),
        leader=supervisor,
        decision="15/QĐ-CAT",
    )
    targets = {t.agency_id: t for t in inspection.targets.all()}
    items = list(inspection.items.all())
    found = (
        (health, "compliant", "Sổ Y tế đủ"),
        (justice, "not_compliant", "Tư pháp: sổ bị rách"),
    )
    for item in items[:answered]:
        for agency, result, evidence in found:
            answer(
                actor=supervisor,
                target=targets[agency.pk],
                item=item,
                result=result,
                evidence=evidence,
            )
    deadline = timezone.localdate() + timedelta(days=30)
    health_target, justice_target = targets[health.pk], targets[justice.pk]
    new_finding(
        supervisor,
        health_target,
        "Sổ đăng ký chưa ghi đủ",
        "ND26 Art. 3",
        deadline,
        item=items[1],
        severity="high",
    )
    new_finding(supervisor, justice_target, "Tư pháp chưa ban hành quy chế", "L18 Art. 8", deadline)
    return inspection


def _copy_of(peer: Peer, model: str, remote: int) -> int:
    return Link.objects.get(peer=peer, model=model, remote_id=str(remote)).local_id


def _counts() -> dict[str, int]:
    return {
        m.__name__: m.objects.count()
        for m in (
            Inspection,
            ChecklistItem,
            Answer,
            Finding,
            Remediation,
            Link,
            Person,
            Notification,
        )
    }


def test_an_inspection_goes_down_with_only_the_receiving_agencys_findings(
    world, client_for
) -> None:
    w = world
    original = _joint_inspection(w)
    records, mark = _export(export_inspections, w["health_node"])
    text = json.dumps(records, ensure_ascii=False)
    assert len(records) == 1 and records[0]["agency"] == HEALTH
    assert "Sổ đăng ký chưa ghi đủ" in text and "Sổ Y tế đủ" in text
    assert "Tư pháp" not in text  # the justice department's answers and findings stay here
    assert len(records[0]["items"]) == original.items.count()
    assert _export(export_inspections, w["health_node"], mark)[0] == []  # unchanged: not again

    outcome = _down(w, 1, records)
    assert outcome.state == "imported"
    copy = Inspection.objects.get(pk=_copy_of(w["province_node"], "inspection", original.pk))
    assert (copy.kind, copy.title, copy.decision, copy.status) == (
        "inspection",
        original.title,
        "15/QĐ-CAT",
        "in_progress",
    )
    assert [t.agency for t in copy.targets.all()] == [w["health"]]
    assert copy.items.count() == original.items.count()
    assert sorted(
        Answer.objects.filter(target__inspection=copy).values_list("result", "evidence")
    ) == [("compliant", "Sổ Y tế đủ"), ("compliant", "Sổ Y tế đủ")]
    finding = Finding.objects.get(target__inspection=copy)
    assert (finding.description, finding.severity, finding.status, finding.item.code) == (
        "Sổ đăng ký chưa ghi đủ",
        "high",
        "open",
        original.items.all()[1].code,
    )
    leader = copy.leader
    assert (
        leader.full_name == "Lê Thị Hằng"
        and not leader.is_active
        and leader.username.startswith("node-")
    )

    # The agency's people read it on the inspection pages, and were told.
    officer = w["officer"]
    assert queries.inspection(officer, copy.pk) is not None
    assert queries.findings(officer).filter(target__inspection=copy).count() == 1
    page = client_for(officer).get(reverse("inspections:detail", args=[copy.pk]))
    assert page.status_code == 200 and "Sổ đăng ký chưa ghi đủ" in page.content.decode()
    assert Notification.objects.filter(recipient=officer, key=f"inspection-{copy.pk}").exists()

    # The same records again, in the next bundle: nothing changes.
    before = _counts()
    _down(w, 2, records)
    assert _counts() == before
    assert Inbound.objects.filter(peer=w["province_node"]).count() == 2


def test_a_self_inspection_and_a_remediation_come_up_and_the_decision_goes_down(world) -> None:
    w = world
    health, officer, head = w["health"], w["officer"], w["head"]
    original = _joint_inspection(w)
    province_finding = Finding.objects.get(target__inspection=original, target__agency=health)
    records, down_mark = _export(export_inspections, w["health_node"])
    _down(w, 1, records)

    # On the health node: a self-inspection with a finding remedied and verified, and the
    # remediation of the province's finding.
    own = self_inspection(head, health, title="Tự kiểm tra năm 2026")
    target, item = own.targets.get(), own.items.all()[2]
    answer(
        actor=head, target=target, item=item, result="not_compliant", evidence="Chưa có sổ theo dõi"
    )
    found = record_finding(
        actor=head,
        target=target,
        description="Chưa mở sổ theo dõi",
        rule="TT24",
        deadline=timezone.localdate() + timedelta(days=10),
        item=item,
    )
    post_remediation(actor=officer, finding=found, text="Đã mở sổ theo dõi")
    verify(actor=head, finding=found, accept=True)
    copy_finding = Finding.objects.get(
        pk=_copy_of(w["province_node"], "insp_finding", province_finding.pk)
    )
    mine = post_remediation(actor=officer, finding=copy_finding, text="Đã ghi bổ sung sổ đăng ký")
    up, up_mark = _export(export_self_inspections, w["province_node"])
    assert len(up) == 2 and {"remediation", "finding"} <= set(up[1])
    assert _export(export_self_inspections, w["province_node"], up_mark)[0] == []

    # At the province: a copy the supervisors read; the province's finding is remedied.
    assert _up(w, 1, up).state == "imported"
    copy = Inspection.objects.get(pk=_copy_of(w["health_node"], "inspection", own.pk))
    assert (copy.kind, copy.leader.full_name, [t.agency for t in copy.targets.all()]) == (
        "self",
        "Trần Văn Định",
        [health],
    )
    assert queries.inspection(w["supervisor"], copy.pk) is not None
    copied = Finding.objects.get(target__inspection=copy)
    assert (copied.description, copied.status, copied.item.code) == (
        "Chưa mở sổ theo dõi",
        "verified",
        item.code,
    )
    assert list(copied.remediations.values_list("text", "accepted")) == [
        ("Đã mở sổ theo dõi", True)
    ]
    assert Answer.objects.get(target__inspection=copy).evidence == "Chưa có sổ theo dõi"
    province_finding.refresh_from_db()
    assert province_finding.status == "remediated"
    reported = province_finding.remediations.get()
    assert (reported.text, reported.posted_by.full_name) == (
        "Đã ghi bổ sung sổ đăng ký",
        "Nguyễn Thị Hoa",
    )
    assert reported.posted_at == mine.posted_at  # the agency's time
    assert Notification.objects.filter(
        recipient=w["supervisor"], key=f"inspection-remediation-{reported.pk}"
    ).exists()

    before = _counts()
    _up(w, 2, up)
    assert _counts() == before

    # The province does not accept it; its decision reaches the health node.
    verify(actor=w["supervisor"], finding=province_finding, accept=False, comment="Cần ảnh chụp sổ")
    again, down_mark = _export(export_inspections, w["health_node"], down_mark)
    assert len(again) == 1
    _down(w, 2, again)
    mine.refresh_from_db()
    copy_finding.refresh_from_db()
    assert (mine.accepted, mine.comment, copy_finding.status) == (False, "Cần ảnh chụp sổ", "open")

    # The health node reports again; until that reaches the province, a bundle that still calls
    # the finding open does not undo "remediation reported" on the node.
    post_remediation(actor=officer, finding=copy_finding, text="Đã gửi ảnh chụp sổ")
    _down(w, 3, _export(export_inspections, w["health_node"])[0])
    copy_finding.refresh_from_db()
    assert copy_finding.status == "remediated"


@pytest.mark.parametrize("which", ["self-inspection", "remediation", "down"])
def test_a_record_about_another_agency_refuses_the_bundle_whole(world, which) -> None:
    w = world
    original = _joint_inspection(w)
    _down(w, 1, _export(export_inspections, w["health_node"])[0])
    own = self_inspection(w["head"], w["health"])
    up = _export(export_self_inspections, w["province_node"])[0]
    theirs = Finding.objects.get(target__inspection=original, target__agency=w["justice"])
    before = _counts()
    if which == "self-inspection":
        foreign = {**up[0], "id": own.pk + 1000, "agency": JUSTICE}
        refuse = lambda: _up(w, 1, [up[0], foreign])  # noqa: E731
    elif which == "remediation":
        foreign = {
            "remediation": 77,
            "finding": theirs.pk,
            "text": "Đã khắc phục",
            "at": "2026-06-01T08:00:00+07:00",
            "by": {"login": "hoa", "name": "Nguyễn Thị Hoa"},
        }
        refuse = lambda: _up(w, 1, [up[0], foreign])  # noqa: E731
    else:
        record = _export(export_inspections, w["health_node"])[0][0]
        refuse = lambda: _down(w, 2, [{**record, "id": 999_999, "agency": JUSTICE}])  # noqa: E731
    with pytest.raises(ValidationError, match="Sở Y tế"):
        refuse()
    assert _counts() == before  # not even the health department's own record was applied
    theirs.refresh_from_db()
    assert theirs.status == "open" and not theirs.remediations.exists()
    assert Inbound.objects.count() == 1  # only the first bundle down


def test_applying_an_inspection_costs_no_query_per_answer(world) -> None:
    """31 checklist items answered, three findings: the import's queries do not grow with the
    answers (figures printed with -s)."""
    w = world
    _joint_inspection(w, answered=31)
    with CaptureQueriesContext(connection) as exported:
        records, _mark = _export(export_inspections, w["health_node"])
    _as_health_node(w)
    with CaptureQueriesContext(connection) as first:
        _down(w, 1, records)
    with CaptureQueriesContext(connection) as again:
        _down(w, 2, records)
    print(f"export {len(exported)}, first import {len(first)}, repeat {len(again)} queries")
    assert len(exported) <= 10 and len(first) <= 70 and len(again) <= 45
