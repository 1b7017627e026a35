"""Changing a password and issuing an API token go through audited services."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from bmnn.core.models import AuditEvent
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db


def _change_password(client, new: str):
    return client.post(
        reverse("accounts:password_change"),
        {"old_password": "Mat-khau-Thu-2026", "new_password1": new, "new_password2": new},
    )


def test_password_change_enforces_the_rules(make_agency, make_person, client_for) -> None:
    person = make_person(make_agency(), Role.STAFF)
    response = _change_password(client_for(person), "abcdefghij")
    assert response.status_code == 200
    assert "chữ hoa" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password("Mat-khau-Thu-2026")


def test_password_change_is_saved_and_audited(make_agency, make_person, client_for) -> None:
    person = make_person(make_agency(), Role.STAFF)
    client = client_for(person)
    response = _change_password(client, "Hoa-Sen-Trang-88")
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Hoa-Sen-Trang-88")
    assert AuditEvent.objects.filter(action="account.password_changed", actor_id=person.pk).exists()
    assert client.get(reverse("web:dashboard")).status_code == 200  # still logged in


def test_api_tokens_work_side_by_side_and_end_one_by_one(
    make_agency, make_person, client_for
) -> None:
    agency = make_agency("Sở Tư pháp")
    person = make_person(agency, Role.SECURITY_OFFICER)
    client = client_for(person)
    first = client.post(reverse("accounts:profile"), {"name": "Cổng thông tin"}).context[
        "new_token"
    ]
    api = Client(HTTP_AUTHORIZATION=f"Token {first}")
    assert api.get("/api/agencies/").json()["results"][0]["name"] == "Sở Tư pháp"
    second = client.post(reverse("accounts:profile"), {"name": "Báo cáo"}).context["new_token"]
    assert second != first
    assert api.get("/api/agencies/").status_code == 200  # a second token leaves the first alone
    token = person.api_tokens.get(name="Cổng thông tin")
    client.post(reverse("accounts:profile"), {"action": "revoke", "token": token.pk})
    assert api.get("/api/agencies/").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Token {second}").get("/api/agencies/").status_code == 200
