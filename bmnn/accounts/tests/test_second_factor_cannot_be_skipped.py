"""Security review, issue 13, finding 1: a password alone must not get past the second factor.

The attack: log in with the password of a head (who must also enter a TOTP code), skip the code,
POST /accounts/profile/ to get an API token, then use `Authorization: Token …` to read secret
files and create agencies. Before the second factor only login, verify, enrol and logout answer;
the token service refuses without a verified device; and the API refuses a token made any other
way for a role that needs the second factor.
"""

from __future__ import annotations

from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts import services, tokens
from bmnn.accounts.models import ApiToken
from bmnn.accounts.totp import current_code
from bmnn.core import crypto
from bmnn.core.services import NotAllowed
from bmnn.org.models import Agency, AgencyType, Membership, Person, Role
from bmnn.registry import services as registry_services

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-Thu-2026"
SECRET = "Kế hoạch tuyệt mật — nội dung".encode()
NEW_AGENCY = {"name": "Sở Giả mạo", "code": "so-gia-mao", "type": "department"}


@pytest.fixture
def supervisor(make_agency, make_person):
    """Province-wide, TOTP enrolled: may create agencies."""
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    person = make_person(police, Role.SUPERVISOR, username="giamsat", clearance="tuyet_mat")
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    return person, device


@pytest.fixture
def secret_file(make_agency, make_person, monkeypatch):
    """A head with Tuyệt mật clearance, TOTP enrolled, and a Tuyệt mật file in the register."""
    monkeypatch.setenv("BMNN_FILE_KEYS", Fernet.generate_key().decode())
    crypto.reset_keys()
    justice = make_agency("Sở Tư pháp")
    head = make_person(justice, Role.HEAD, username="thutruong", clearance="tuyet_mat")
    device = TOTPDevice.objects.create(user=head, name="app", confirmed=True)
    entry = registry_services.register_incoming(
        actor=head,
        agency=justice,
        level="tuyet_mat",
        issuer_name="Bộ Công an",
        number="1/BCA",
        doc_date=date(2026, 4, 1),
    )
    stored = registry_services.attach_file(
        actor=head, item=entry.item, name="ke-hoach.txt", data=SECRET
    )
    yield device, f"/api/secret-files/{stored.pk}/"
    crypto.reset_keys()


def _password_only(username: str = "giamsat") -> Client:
    client = Client()
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_password_alone_gets_no_api_token_and_no_api(secret_file, supervisor) -> None:
    _device, file_url = secret_file
    for username in ("thutruong", "giamsat"):
        client = _password_only(username)
        response = client.post(reverse("accounts:profile"), {"name": "script"})
        assert response.status_code == 302 and response.url == reverse("accounts:verify")
        assert not ApiToken.objects.exists()
        # nor does the session itself open the API
        assert client.get(file_url).status_code in {401, 403}
        refused = client.post("/api/agencies/", NEW_AGENCY, content_type="application/json")
        assert refused.status_code in {401, 403}
    assert not Agency.objects.filter(code="so-gia-mao").exists()


def test_the_same_steps_after_the_code_get_a_working_token(secret_file, supervisor) -> None:
    """The control: the refusals above are the second factor's doing, not a broken page."""
    head_device, file_url = secret_file
    client = _password_only("thutruong")
    client.post(reverse("accounts:verify"), {"token": current_code(head_device)})
    key = client.post(reverse("accounts:profile"), {"name": "script"}).context["new_token"]
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(file_url).content == SECRET

    _person, device = supervisor
    client = _password_only("giamsat")
    client.post(reverse("accounts:verify"), {"token": current_code(device)})
    key = client.post(reverse("accounts:profile"), {"name": "script"}).context["new_token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    created = api.post("/api/agencies/", NEW_AGENCY, content_type="application/json")
    assert created.status_code == 201


def test_password_alone_cannot_change_the_password(supervisor) -> None:
    person, _device = supervisor
    client = _password_only()
    assert client.get(reverse("accounts:password_change")).url == reverse("accounts:verify")
    client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ke-Gian-2026!",
            "new_password2": "Ke-Gian-2026!",
        },
    )
    person.refresh_from_db()
    assert person.check_password(PASSWORD)


def test_before_the_second_factor_only_login_verify_enrol_and_logout_answer(supervisor) -> None:
    client = _password_only()
    assert client.get(reverse("accounts:verify")).status_code == 200
    assert client.get(reverse("accounts:enrol")).url == reverse("accounts:verify")  # has a device
    for name in ("accounts:profile", "accounts:password_change", "web:dashboard", "api:docs"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url == reverse("accounts:verify"), name
    assert client.post(reverse("accounts:logout")).url == reverse("accounts:login")


def test_the_token_service_refuses_a_role_with_the_second_factor_without_a_device(
    supervisor,
) -> None:
    person, _device = supervisor
    with pytest.raises(NotAllowed):
        services.issue_api_token(actor=person, name="script", otp_device=None)
    assert not ApiToken.objects.exists()


def test_someone_elses_authenticator_does_not_count(supervisor, make_person) -> None:
    person, _device = supervisor
    other = make_person()
    theirs = TOTPDevice.objects.create(user=other, name="app", confirmed=True)
    with pytest.raises(NotAllowed):
        services.issue_api_token(actor=person, name="script", otp_device=theirs)


def test_a_token_made_without_the_second_factor_does_not_open_the_api(
    secret_file, supervisor
) -> None:
    """However such a token came to exist (an old table, a script, a bug elsewhere)."""
    _device, file_url = secret_file
    smuggled = {}
    with transaction.atomic():
        for person in Person.objects.filter(username__in=["thutruong", "giamsat"]):
            smuggled[person.username] = tokens.create(
                person=person, name="smuggled", second_factor=False
            ).key
    reader = Client(HTTP_AUTHORIZATION=f"Token {smuggled['thutruong']}")
    response = reader.get(file_url)
    assert response.status_code == 401 and SECRET not in response.content
    assert response.json()["code"] == "token_second_factor"
    creator = Client(HTTP_AUTHORIZATION=f"Token {smuggled['giamsat']}")
    assert (
        creator.post("/api/agencies/", NEW_AGENCY, content_type="application/json").status_code
        == 401
    )
    assert not Agency.objects.filter(code="so-gia-mao").exists()


def test_a_staff_token_stops_when_its_owner_takes_a_role_with_the_second_factor(
    make_agency, make_person
) -> None:
    agency = make_agency()
    person = make_person(agency, Role.STAFF)
    key = services.issue_api_token(actor=person, name="script").key  # staff: no second factor
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/agencies/").status_code == 200
    Membership.objects.create(person=person, agency=agency, role=Role.HEAD)
    assert api.get("/api/agencies/").json()["code"] == "token_second_factor"


def test_an_inspector_who_reads_across_the_province_must_pass_the_second_factor(
    make_agency, make_person
) -> None:
    """Issue 13, item 13: inspectors read every agency's inspection records, so a password alone
    does not let them in."""
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    inspector = make_person(police, Role.INSPECTOR, username="thanhtra", clearance="toi_mat")
    TOTPDevice.objects.create(user=inspector, name="app", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": "thanhtra", "password": PASSWORD})
    response = client.get("/inspections/")
    assert response.status_code == 302 and reverse("accounts:verify") in response.url
