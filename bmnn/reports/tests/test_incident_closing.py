"""Closing an incident is the province supervisor's (policy.can_close_incident), checked in the
service: the page and the API refuse the agency's head, who follows it up, and nothing of the
closure is kept."""

from __future__ import annotations

import pytest
from django.utils import timezone

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.org.models import Role
from bmnn.reports import services
from bmnn.reports.models import Incident

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(make_agency, make_person):
    police, justice = make_agency("Công an tỉnh"), make_agency("Sở Tư pháp")
    head = make_person(justice, Role.HEAD, "Trần Văn Định", clearance="toi_mat")
    incident = services.report_incident(
        actor=head,
        agency=justice,
        what="Mất 01 bản sao Kế hoạch số 12/KH-STP",
        channel="lost_document",
        found_at=timezone.now(),
    )
    return {
        "incident": incident,
        "head": head,
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát"),
    }


def _unclosed(incident: Incident) -> bool:
    incident.refresh_from_db()
    return (
        incident.status == Incident.Status.OPEN
        and incident.closed_at is None
        and not incident.steps.filter(closes=True).exists()
        and not AuditEvent.objects.filter(action="incident.close").exists()
    )


def test_the_head_who_follows_an_incident_up_cannot_close_it(case, client_for) -> None:
    incident, head = case["incident"], case["head"]
    with pytest.raises(NotAllowed):
        services.add_step(actor=head, incident=incident, text="Kết thúc", close=True)
    page = client_for(head).post(
        f"/reports/incidents/{incident.pk}/", {"text": "Kết thúc", "close": "1"}
    )
    assert page.status_code == 200
    api = client_for(head).post(
        f"/api/incidents/{incident.pk}/steps/",
        {"text": "Kết thúc", "close": True},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert _unclosed(incident)
    services.add_step(actor=head, incident=incident, text="Đã rà soát nơi lưu giữ")
    assert _unclosed(incident) and incident.steps.count() == 1


def test_the_supervisor_closes_it_through_the_page(case, client_for) -> None:
    incident = case["incident"]
    page = client_for(case["supervisor"]).post(
        f"/reports/incidents/{incident.pk}/", {"text": "Đã xử lý; kết thúc", "close": "1"}
    )
    assert page.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED and incident.closed_at is not None
    assert AuditEvent.objects.filter(action="incident.close", actor=case["supervisor"]).count() == 1
