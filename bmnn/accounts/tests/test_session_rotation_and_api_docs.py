"""Security review, issue 13, finding 13 (part): the session id changes when the second factor
passes, and the API schema and its documentation page need a login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts.totp import current_code
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-Thu-2026"


def _password_only(username: str) -> Client:
    client = Client()
    client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    return client


def test_the_session_id_changes_when_the_code_is_accepted(make_agency, make_person) -> None:
    person = make_person(make_agency(), Role.HEAD, username="thutruong")
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    client = _password_only("thutruong")
    before = client.cookies["sessionid"].value
    response = client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert response.status_code == 302
    after = client.cookies["sessionid"].value
    assert after != before
    # the id seen before the code is worth nothing now
    stale = Client()
    stale.cookies["sessionid"] = before
    assert stale.get(reverse("web:dashboard")).url.startswith(reverse("accounts:login"))
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_the_session_id_changes_when_a_new_authenticator_is_confirmed(
    make_agency, make_person
) -> None:
    make_person(make_agency(), Role.SECURITY_OFFICER, username="baomat")
    client = _password_only("baomat")
    client.get(reverse("accounts:enrol"))
    device = TOTPDevice.objects.get(user__username="baomat", confirmed=False)
    before = client.cookies["sessionid"].value
    client.post(reverse("accounts:enrol"), {"token": current_code(device)})
    assert client.cookies["sessionid"].value != before
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_anonymous_callers_get_no_schema_and_no_docs() -> None:
    schema = Client().get(reverse("api:schema"), HTTP_ACCEPT="application/json")
    assert schema.status_code == 401
    docs = Client().get(reverse("api:docs"))
    assert docs.status_code == 302
    assert docs.url.startswith(reverse("accounts:login") + "?next=")


def test_a_password_alone_gets_no_schema_and_no_docs(make_agency, make_person) -> None:
    person = make_person(make_agency(), Role.HEAD, username="thutruong")
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    client = _password_only("thutruong")
    assert client.get(reverse("api:schema")).status_code in {401, 403}
    assert client.get(reverse("api:docs")).url == reverse("accounts:verify")


def test_logged_in_people_read_the_schema_and_the_docs(
    make_agency, make_person, client_for
) -> None:
    for role in (Role.STAFF, Role.HEAD):
        client = client_for(make_person(make_agency(), role))
        assert client.get(reverse("api:schema"), HTTP_ACCEPT="application/json").status_code == 200
        assert client.get(reverse("api:docs")).status_code == 200


def test_a_program_with_a_token_reads_the_schema(make_agency, make_person) -> None:
    from bmnn.testing import api_token

    key = api_token(make_person(make_agency(), Role.HEAD))
    response = Client(HTTP_AUTHORIZATION=f"Token {key}").get(
        reverse("api:schema"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    assert "tokenAuth" in response.json()["components"]["securitySchemes"]
