"""Closing an incident on an agency node through a bundle: only the province node's signed
step closes it (`rules.may_close_incident`); a step with the same words from another sender
refuses, writes nothing and leaves the incident open."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core import bundles
from bmnn.org.models import Role
from bmnn.reports.models import Incident, IncidentStep
from bmnn.sync import rules
from bmnn.sync.models import Peer
from bmnn.sync.sections.down import apply_incident_steps

pytestmark = pytest.mark.django_db


def test_only_the_province_closes_an_incident_on_an_agency_node() -> None:
    assert rules.may_close_incident("province")
    assert not rules.may_close_incident("agency")
    assert not rules.may_close_incident("")


def _peer(role: str, name: str) -> Peer:
    _pem, public = bundles.generate_key()
    return Peer.objects.create(
        name=name,
        role=role,
        key_id=bundles.key_id(public),
        public_key=bundles.public_key_text(public),
    )


@pytest.fixture
def incident(make_agency, make_person, settings) -> tuple[Incident, Any]:
    health = make_agency("Sở Y tế", code="so-y-te")
    settings.BMNN_NODE, settings.BMNN_NODE_AGENCY = "agency", "so-y-te"
    officer = make_person(health, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa")
    found = Incident.objects.create(
        agency=health,
        what="Mất 01 thẻ nhớ công vụ",
        level="mat",
        found_at=timezone.now(),
        channel=Incident.Channel.LOST_DOCUMENT,
        reported_by=officer,
    )
    return found, officer


def _closing_step(incident: Incident, step: str) -> dict[str, Any]:
    return {
        "step": step,
        "incident": incident.pk,
        "by_login": "hang.lt",
        "by": "Lê Thị Hằng",
        "text": "Đã tìm thấy, không lộ",
        "closes": True,
    }


@pytest.mark.parametrize(("role", "closed"), [("province", True), ("agency", False)])
def test_a_closing_step_closes_the_incident_only_from_the_province_node(
    incident: tuple[Incident, Any], role: str, closed: bool
) -> None:
    found, officer = incident
    peer = _peer(role, f"Nút {role}")
    if closed:
        apply_incident_steps(peer, [_closing_step(found, "s-1")], {}, officer)
    else:
        with pytest.raises(ValidationError, match="nút cấp tỉnh"):
            apply_incident_steps(peer, [_closing_step(found, "s-1")], {}, officer)
    found.refresh_from_db()
    assert (found.status == Incident.Status.CLOSED) is closed
    assert (found.closed_at is not None) is closed
    assert IncidentStep.objects.filter(incident=found).count() == int(closed)
