"""Who may change whom (issue 13, finding 5): a security officer renamed the head and changed the
head's e-mail. Nobody changes the identity of a person of equal or higher role; login names
only by an administrator."""

from __future__ import annotations

import pytest

from bmnn.core.services import NotAllowed
from bmnn.org import services
from bmnn.org.models import Person, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency_people(make_agency, make_person):
    police, justice = make_agency("Công an tỉnh"), make_agency("Sở Tư pháp")
    return {
        "admin": make_person(police, Role.ADMINISTRATOR, "Quản Trị Viên"),
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát"),
        "head": make_person(justice, Role.HEAD, "Trần Văn Định"),
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "officer2": make_person(justice, Role.SECURITY_OFFICER, "Đỗ Văn Hai"),
        "staff": make_person(justice, Role.STAFF, "Vũ Đức Hiếu"),
    }


def test_an_officer_cannot_rename_the_head_or_change_the_heads_email_on_the_page(
    agency_people, client_for
) -> None:
    head = agency_people["head"]
    client = client_for(agency_people["officer"])
    response = client.post(
        f"/people/{head.pk}/edit/",
        {"full_name": "Kẻ Mạo Danh", "email": "attacker@example.org", "position": "", "phone": ""},
    )
    assert response.status_code == 403
    head.refresh_from_db()
    assert head.full_name == "Trần Văn Định" and head.email != "attacker@example.org"


def test_an_officer_cannot_change_the_head_or_another_officer_through_the_api(
    agency_people, client_for
) -> None:
    client = client_for(agency_people["officer"])
    for target in ("head", "officer2"):
        person = agency_people[target]
        response = client.patch(
            f"/api/people/{person.pk}/", {"email": "x@example.org"}, content_type="application/json"
        )
        assert response.status_code == 403, target
        person.refresh_from_db()
        assert person.email != "x@example.org"


def test_lower_roles_are_changed_by_their_managers(agency_people) -> None:
    services.update_person(
        actor=agency_people["officer"], person=agency_people["staff"], email="hieu@stp.vn"
    )
    services.update_person(
        actor=agency_people["head"], person=agency_people["officer"], full_name="Nguyễn Thị Hoà"
    )
    services.update_person(
        actor=agency_people["supervisor"], person=agency_people["head"], phone="0912"
    )
    assert Person.objects.get(pk=agency_people["staff"].pk).email == "hieu@stp.vn"
    with pytest.raises(NotAllowed):
        services.update_person(
            actor=agency_people["supervisor"], person=agency_people["admin"], phone="1"
        )


def test_only_an_administrator_changes_a_login_name(agency_people) -> None:
    staff = agency_people["staff"]
    for actor in ("head", "officer", "supervisor"):
        with pytest.raises(NotAllowed):
            services.update_person(actor=agency_people[actor], person=staff, username="moi.ten")
    with pytest.raises(NotAllowed):
        services.update_person(actor=staff, person=staff, username="tu.doi")
    services.update_person(actor=agency_people["admin"], person=staff, username="vu.duc.hieu")
    assert Person.objects.get(pk=staff.pk).username == "vu.duc.hieu"


def test_the_edit_page_offers_the_login_name_to_administrators_only(
    agency_people, client_for
) -> None:
    staff = agency_people["staff"]
    head_page = client_for(agency_people["head"]).get(f"/people/{staff.pk}/edit/")
    admin_page = client_for(agency_people["admin"]).get(f"/people/{staff.pk}/edit/")
    assert 'name="username"' not in head_page.content.decode()
    assert 'name="username"' in admin_page.content.decode()


def test_a_person_edits_their_own_contact_details_but_cannot_switch_themselves_off(
    agency_people,
) -> None:
    officer = agency_people["officer"]
    services.update_person(actor=officer, person=officer, phone="0987")
    with pytest.raises(NotAllowed):
        services.update_person(actor=officer, person=officer, is_active=False)


def test_deactivation_ends_the_persons_api_tokens_for_good(agency_people, client_for) -> None:
    from django.test import Client

    from bmnn.testing import api_token

    staff = agency_people["staff"]
    key = api_token(staff)
    api = Client(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/agencies/").status_code == 200
    services.update_person(actor=agency_people["head"], person=staff, is_active=False)
    services.update_person(actor=agency_people["head"], person=staff, is_active=True)
    assert api.get("/api/agencies/").status_code == 401
