"""The OpenAPI schema and its offline documentation."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from bmnn.org.models import AgencyType, Role

pytestmark = pytest.mark.django_db


def test_schema_lists_the_agency_and_people_endpoints(make_agency, make_person, client_for) -> None:
    client = client_for(make_person(make_agency(type=AgencyType.DEPARTMENT), Role.STAFF))
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/agencies/" in paths and "/api/people/{id}/" in paths


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_schema_builds_without_any_spectacular_warning_or_error(language: str) -> None:
    # drf-spectacular reports what it could not document faithfully (an unresolved serializer,
    # two components or enums under one name) as warnings and still returns a schema, often a
    # wrong one. It counts them in GENERATOR_STATS, as its own `--fail-on-warn` and deploy check
    # read them. Enum names hash the choice labels, so each language is built.
    GENERATOR_STATS.reset()
    with translation.override(language), GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    reported = [*GENERATOR_STATS._warn_cache, *GENERATOR_STATS._error_cache]
    GENERATOR_STATS.reset()
    assert reported == []
    validate_schema(schema)  # and it is valid OpenAPI 3


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


def test_the_documentation_page_names_its_language_and_loads_nothing_from_outside(
    make_agency, make_person, client_for
) -> None:
    """Our own page around Swagger UI: <html lang="en"> (axe's html-has-lang), its scripts and
    styles from our static files (the sidecar), none inline."""
    import re

    client = client_for(
        make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.ADMINISTRATOR)
    )
    page = client.get("/api/docs/").content.decode()
    assert '<html lang="en">' in page
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(
        s.startswith(settings.STATIC_URL) or s.startswith("/api/") for s in sources
    ), sources
    assert "<script>" not in page
