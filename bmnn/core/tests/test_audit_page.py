"""Supervisors read the audit log with filters; agency users cannot."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bmnn.org import services
from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.django_db


def test_supervisor_filters_events_by_action(make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR)
    services.create_agency(actor=supervisor, name="Sở Ngoại vụ", code="sngv", type="department")
    services.update_agency(actor=supervisor, agency=police, phone="069 123")
    client = client_for(supervisor)
    page = client.get(reverse("core:audit_list"), {"action": "agency.update"}).content.decode()
    assert "đã cập nhật thông tin cơ quan" in page and "đã tạo cơ quan" not in page
    page = client.get(reverse("core:audit_list"), {"since": "31/12/2099"}).content.decode()
    assert "đã cập nhật thông tin cơ quan" not in page


def test_agency_head_cannot_read_the_audit_log(make_agency, make_person, client_for) -> None:
    client = client_for(make_person(make_agency(), Role.HEAD))
    assert client.get(reverse("core:audit_list")).status_code == 403
