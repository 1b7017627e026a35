"""Who may change agencies, roles and clearances; each change is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.org import services
from bmnn.org.models import AgencyGroup, AgencyType, ClearanceGrant, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    return {
        "police": police,
        "justice": justice,
        "admin": make_person(police, Role.ADMINISTRATOR),
        "supervisor": make_person(police, Role.SUPERVISOR, clearance="tuyet_mat"),
        "head": make_person(justice, Role.HEAD, clearance="toi_mat"),
        "officer": make_person(justice, Role.SECURITY_OFFICER),
        "staff": make_person(justice, Role.STAFF),
    }


def test_supervisor_adds_an_agency_and_the_event_names_them(people) -> None:
    agency = services.create_agency(
        actor=people["supervisor"], name="Sở Ngoại vụ", code="sngv", type=AgencyType.DEPARTMENT
    )
    event = AuditEvent.objects.get(action="agency.create", object_id=str(agency.pk))
    assert event.actor_id == people["supervisor"].pk
    assert event.changes["name"] == [None, "Sở Ngoại vụ"]


def test_agency_staff_cannot_add_agencies(people) -> None:
    with pytest.raises(NotAllowed):
        services.create_agency(
            actor=people["head"], name="Sở Ma", code="ma", type=AgencyType.DEPARTMENT
        )


def test_head_edits_contact_details_but_not_type_or_status(people) -> None:
    justice = people["justice"]
    services.update_agency(actor=people["head"], agency=justice, phone="0203 3851 234")
    justice.refresh_from_db()
    assert justice.phone == "0203 3851 234"
    with pytest.raises(NotAllowed):
        services.update_agency(actor=people["head"], agency=justice, is_active=False)
    with pytest.raises(NotAllowed):
        services.update_agency(actor=people["officer"], agency=justice, phone="1")


def test_update_records_only_what_changed(people) -> None:
    services.update_agency(actor=people["supervisor"], agency=people["justice"], short_name="STP")
    event = AuditEvent.objects.filter(action="agency.update").latest("seq")
    assert event.changes == {"short_name": ["", "STP"]}


def test_only_an_administrator_gives_province_roles(people) -> None:
    with pytest.raises(NotAllowed):
        services.add_membership(
            actor=people["supervisor"],
            person=people["staff"],
            agency=people["police"],
            role=Role.SUPERVISOR,
        )
    services.add_membership(
        actor=people["admin"], person=people["staff"], agency=people["police"], role=Role.SUPERVISOR
    )


def test_head_names_an_officer_and_officer_names_only_staff(people) -> None:
    services.add_membership(
        actor=people["head"],
        person=people["staff"],
        agency=people["justice"],
        role=Role.SECURITY_OFFICER,
    )
    with pytest.raises(NotAllowed):
        services.add_membership(
            actor=people["officer"],
            person=people["staff"],
            agency=people["justice"],
            role=Role.HEAD,
        )


def test_a_role_cannot_be_given_twice(people) -> None:
    with pytest.raises(ValidationError):
        services.add_membership(
            actor=None, person=people["staff"], agency=people["justice"], role=Role.STAFF
        )


def test_clearance_is_granted_by_the_head_up_to_their_own_level(people) -> None:
    grant = services.grant_clearance(
        actor=people["head"], person=people["staff"], level="mat", granted_on=date(2026, 3, 2)
    )
    people["staff"].refresh_from_db()
    assert people["staff"].clearance == "mat"
    assert grant.granted_by == people["head"]
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=people["head"],
            person=people["staff"],
            level="tuyet_mat",
            granted_on=date(2026, 3, 2),
        )


def test_an_administrator_does_not_decide_clearances(people) -> None:
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=people["admin"], person=people["staff"], level="none", granted_on=date.today()
        )


def test_a_clearance_decision_cannot_be_dated_in_the_future(people) -> None:
    with pytest.raises(ValidationError):
        services.grant_clearance(
            actor=people["supervisor"],
            person=people["staff"],
            level="mat",
            granted_on=date.today() + timedelta(days=1),
        )
    assert not ClearanceGrant.objects.exists()


def test_head_of_another_agency_cannot_clear_my_staff(people, make_agency, make_person) -> None:
    other_head = make_person(make_agency("Sở Y tế"), Role.HEAD, clearance="tuyet_mat")
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=other_head, person=people["staff"], level="mat", granted_on=date.today()
        )


def test_a_person_of_two_agencies_is_cleared_only_by_a_head_of_both_or_the_supervisor(
    people, make_agency, make_person
) -> None:
    """Found by the attack review: the head of one agency raised the clearance of another
    agency's security officer who also worked in the first, and so opened that agency's
    register to them."""
    from bmnn.org.models import Membership

    finance = make_agency("Sở Tài chính")
    Membership.objects.create(person=people["staff"], agency=finance, role=Role.SECURITY_OFFICER)
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=people["head"], person=people["staff"], level="mat", granted_on=date.today()
        )
    services.grant_clearance(
        actor=people["supervisor"], person=people["staff"], level="mat", granted_on=date.today()
    )


def test_group_with_unknown_type_is_refused(people) -> None:
    with pytest.raises(ValidationError):
        services.create_group(
            actor=people["supervisor"], name="X", code="x", agency_types=["planet"], aliases=[]
        )
    assert not AgencyGroup.objects.exists()


def test_group_members_follow_the_directory(people, make_agency) -> None:
    group = services.create_group(
        actor=people["supervisor"],
        name="Các sở, ban, ngành",
        code="so-ban-nganh",
        agency_types=[AgencyType.DEPARTMENT, AgencyType.BOARD],
        aliases=[],
    )
    assert set(group.members()) == {people["justice"]}
    board = make_agency("Ban Quản lý các khu công nghiệp", type=AgencyType.BOARD)
    closed = make_agency("Sở đã sáp nhập", is_active=False)
    members = set(group.members())
    assert board in members and closed not in members
