"""Logging in: password, lock-out, second factor for the roles that need it, logout."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts.totp import current_code
from bmnn.core.models import AuditEvent
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-Thu-2026"


def _login(client: Client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_login_page_speaks_vietnamese() -> None:
    page = Client().get(reverse("accounts:login")).content.decode()
    assert "Đăng nhập" in page
    assert "Tên đăng nhập" in page


def test_wrong_password_shows_a_vietnamese_error(head) -> None:
    response = _login(Client(), "thutruong", "sai-mat-khau")
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_account_is_locked_after_repeated_failures(head, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "thutruong", "sai-mat-khau")
    response = _login(client, "thutruong", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()


def test_head_must_enter_a_totp_code_before_the_dashboard(head) -> None:
    person, device = head
    client = Client()
    assert _login(client, "thutruong").status_code == 302
    response = client.get(reverse("web:dashboard"))
    assert response.status_code == 302 and response.url == reverse("accounts:verify")
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert client.get(reverse("web:dashboard")).status_code == 200
    actions = list(AuditEvent.objects.filter(actor_id=person.pk).values_list("action", flat=True))
    assert "account.login" in actions and "account.verify_second_factor" in actions


def test_a_wrong_code_is_refused_and_further_tries_are_throttled(head) -> None:
    _person, device = head
    client = Client()
    _login(client, "thutruong")
    wrong = client.post(reverse("accounts:verify"), {"token": "000000"})
    assert "Mã không đúng hoặc đã hết hạn" in wrong.content.decode()
    assert client.get(reverse("web:dashboard")).status_code == 302
    # django-otp backs off after a failure: even the right code waits its turn
    right_too_soon = client.post(reverse("accounts:verify"), {"token": current_code(device)})
    assert "Nhập sai mã quá nhiều lần" in right_too_soon.content.decode()


def test_head_without_authenticator_is_sent_to_enrol(make_agency, make_person) -> None:
    make_person(make_agency(), Role.SECURITY_OFFICER, username="baomat")
    client = Client()
    _login(client, "baomat")
    response = client.get(reverse("accounts:verify"))
    assert response.status_code == 302 and response.url == reverse("accounts:enrol")
    page = client.get(reverse("accounts:enrol")).content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user__username="baomat", confirmed=False)
    client.post(reverse("accounts:enrol"), {"token": current_code(device)})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_staff_log_in_without_a_second_factor(make_agency, make_person) -> None:
    make_person(make_agency(), Role.STAFF, username="canbo")
    client = Client()
    _login(client, "canbo")
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_unverified_session_cannot_use_the_api(head) -> None:
    client = Client()
    _login(client, "thutruong")
    assert client.get("/api/agencies/").status_code in {401, 403}


def test_logout_ends_the_session(make_agency, make_person) -> None:
    make_person(make_agency(), Role.STAFF, username="canbo")
    client = Client()
    _login(client, "canbo")
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("web:dashboard")).status_code == 302


def test_logout_by_get_is_refused(make_agency, make_person) -> None:
    make_person(make_agency(), Role.STAFF, username="canbo")
    client = Client()
    _login(client, "canbo")
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.get(reverse("web:dashboard")).status_code == 200


def test_sessions_expire_when_idle(settings) -> None:
    """The behaviour itself is in test_idle_timeout.py."""
    assert "bmnn.accounts.middleware.IdleTimeoutMiddleware" in settings.MIDDLEWARE
    assert settings.SESSION_COOKIE_AGE <= 60 * 60


def test_nothing_of_the_application_shows_before_the_second_factor(head) -> None:
    client = Client()
    _login(client, "thutruong")
    page = client.get(reverse("accounts:verify")).content.decode()
    assert reverse("org:agency_list") not in page and reverse("web:search") not in page
