"""The OpenAPI schema and its offline documentation."""

from __future__ import annotations

import pytest
from django.test import Client

from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.django_db


def test_schema_lists_the_agency_and_people_endpoints(make_agency, make_person, client_for) -> None:
    client = client_for(make_person(make_agency(type=AgencyType.DEPARTMENT), Role.STAFF))
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/agencies/" in paths and "/api/people/{id}/" in paths


def test_api_refuses_anonymous_callers_with_a_stable_code() -> None:
    response = Client().get("/api/agencies/")
    assert response.status_code in {401, 403}
    assert response.json()["code"] == "not_authenticated"


def test_api_validation_errors_carry_a_code(make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    client = client_for(make_person(police, Role.SUPERVISOR))
    response = client.post(
        "/api/agencies/",
        {"name": "", "code": "x y", "type": "planet"},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and {"name", "code", "type"} <= set(body["errors"])


def test_api_refusal_by_policy_is_403_with_the_reason(make_agency, make_person, client_for) -> None:
    client = client_for(make_person(make_agency(), Role.STAFF))
    response = client.post(
        "/api/agencies/",
        {"name": "Sở Mới", "code": "so-moi", "type": "department"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
