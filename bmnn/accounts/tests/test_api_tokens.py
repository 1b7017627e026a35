"""Security review, issue 13, finding 6: API tokens are stored as digests, expire, can be listed
and revoked by their owner, and die with a password change (any path) or a deactivation."""

from __future__ import annotations

import hashlib
import os
import subprocess  # nosec B404 # runs this interpreter on a fixed argument list
import sys
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bmnn.accounts import services
from bmnn.accounts.models import ApiToken
from bmnn.core import audit
from bmnn.core.models import AuditEvent
from bmnn.org import services as org_services
from bmnn.org.models import AgencyType, Role
from bmnn.testing import api_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(make_agency, make_person):
    return make_person(make_agency("Sở Tư pháp"), Role.SECURITY_OFFICER)


def _api(key: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {key}")


def _works(key: str) -> bool:
    status = _api(key).get("/api/agencies/").status_code
    assert status in {200, 401}, status
    return status == 200


def test_only_a_digest_of_the_token_is_stored(officer) -> None:
    key = api_token(officer)
    row = ApiToken.objects.get()
    assert row.digest == hashlib.sha256(key.encode()).hexdigest()
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        stored = " ".join(str(value) for value in cursor.fetchone())
    assert key not in stored and key[5:] not in stored
    assert len(key) >= 40  # 256 random bits after the prefix


def test_the_clear_text_token_table_is_gone() -> None:
    assert "authtoken_token" not in connection.introspection.table_names()


def test_the_key_is_shown_once(officer, client_for) -> None:
    client = client_for(officer)
    created = client.post(reverse("accounts:profile"), {"name": "Cổng"})
    key = created.context["new_token"]
    assert key in created.content.decode()
    assert key not in client.get(reverse("accounts:profile")).content.decode()


def test_a_token_lasts_the_configured_number_of_days(officer, settings) -> None:
    settings.BMNN_API_TOKEN_DAYS = 90
    key = api_token(officer)
    row = ApiToken.objects.get()
    assert row.expires_at - row.created_at == timedelta(days=90)
    with mock.patch(
        "django.utils.timezone.now", return_value=row.expires_at - timedelta(minutes=1)
    ):
        assert _works(key)
    with mock.patch(
        "django.utils.timezone.now", return_value=row.expires_at + timedelta(minutes=1)
    ):
        response = _api(key).get("/api/agencies/")
    assert response.status_code == 401 and response.json()["code"] == "token_expired"


def test_the_lifetime_is_read_from_the_environment_and_must_be_positive(tmp_path) -> None:
    def load(days: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "BMNN_API_TOKEN_DAYS": days,
            "BMNN_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "bmnn.config.settings",
        }
        return subprocess.run(  # nosec B603 # fixed argument list, no shell
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from django.conf import settings; "
                "print(settings.BMNN_API_TOKEN_DAYS)",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    assert load("30").stdout.strip() == "30"
    refused = load("0")
    assert refused.returncode != 0 and "BMNN_API_TOKEN_DAYS=0" in refused.stderr
    assert "BMNN_API_TOKEN_DAYS='ninety'" in load("ninety").stderr


def test_a_person_has_several_tokens_listed_with_their_dates(officer, client_for) -> None:
    client = client_for(officer)
    for name in ("Cổng thông tin", "Báo cáo tự động"):
        client.post(reverse("accounts:profile"), {"name": name})
    page = client.get(reverse("accounts:profile"))
    listed = list(page.context["api_tokens"])
    assert [t.name for t in listed] == ["Báo cáo tự động", "Cổng thông tin"]
    html = page.content.decode()
    assert "Cổng thông tin" in html and "Báo cáo tự động" in html
    assert all(t.created_at and t.expires_at and t.last_used_at is None for t in listed)


def test_last_use_is_recorded(officer) -> None:
    key = api_token(officer)
    assert _works(key)
    assert ApiToken.objects.get().last_used_at is not None


def test_a_token_needs_a_name(officer, client_for) -> None:
    response = client_for(officer).post(reverse("accounts:profile"), {"name": "  "})
    assert response.context["new_token"] is None
    assert not ApiToken.objects.exists()


def test_the_owner_revokes_one_token_and_the_revocation_is_audited(officer, client_for) -> None:
    keep, end = api_token(officer, "giữ"), api_token(officer, "bỏ")
    client = client_for(officer)
    target = ApiToken.objects.get(name="bỏ")
    client.post(reverse("accounts:profile"), {"action": "revoke", "token": target.pk})
    assert _works(keep) and not _works(end)
    event = AuditEvent.objects.get(action="account.api_token_revoked")
    assert event.actor_id == officer.pk and event.object_id == str(target.pk)
    assert [t.name for t in client.get(reverse("accounts:profile")).context["api_tokens"]] == [
        "giữ"
    ]


def test_nobody_revokes_someone_elses_token(officer, make_person, client_for) -> None:
    key = api_token(officer)
    other = client_for(make_person())
    response = other.post(
        reverse("accounts:profile"), {"action": "revoke", "token": ApiToken.objects.get().pk}
    )
    assert response.status_code == 404
    assert _works(key)


def test_issuing_is_audited_without_the_key(officer) -> None:
    key = api_token(officer, "Cổng")
    event = AuditEvent.objects.get(action="account.api_token_issued")
    assert event.actor_id == officer.pk and event.changes["name"] == "Cổng"
    assert key not in str(event.changes) and key[5:] not in str(event.changes)


def test_changing_ones_password_ends_every_token(officer, client_for) -> None:
    keys = [api_token(officer, "một"), api_token(officer, "hai")]
    client = client_for(officer)
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "Mat-khau-Thu-2026",
            "new_password1": "Hoa-Sen-Trang-88",
            "new_password2": "Hoa-Sen-Trang-88",
        },
    )
    assert not any(_works(key) for key in keys)
    assert ApiToken.objects.filter(revoked_reason="password_changed").count() == 2
    event = AuditEvent.objects.get(action="account.api_tokens_revoked")
    assert event.changes["reason"] == "password_changed" and len(event.changes["tokens"]) == 2
    assert client.get(reverse("accounts:profile")).context["api_tokens"].count() == 0


def test_a_password_set_by_any_other_path_ends_every_token(officer) -> None:
    """An administrator's reset, `bmnn changepassword`, a script: whatever saves a new password."""
    key = api_token(officer)
    officer.set_password("Mat-khau-Moi-2027")
    officer.save()
    response = _api(key).get("/api/agencies/")
    assert response.status_code == 401 and response.json()["code"] == "token_invalid"


def test_deactivating_a_person_ends_their_tokens(make_agency, make_person, officer) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    admin = make_person(police, Role.ADMINISTRATOR)
    key = api_token(officer)
    org_services.update_person(actor=admin, person=officer, is_active=False)
    assert not _works(key)


def test_the_audit_chain_holds_after_token_events(officer, client_for) -> None:
    api_token(officer)
    services.change_password(actor=officer, new_password="Hoa-Sen-Trang-88")
    assert audit.verify_chain().ok
