"""Who may change agencies, roles and clearances; each change is audited."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.org import services
from bmnn.org.models import AgencyGroup, AgencyType, ClearanceGrant, Membership, Person, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(province):
    return province(
        "admin",
        supervisor=("police", Role.SUPERVISOR, None),
        head=("justice", Role.HEAD, None),
        officer=("justice", Role.SECURITY_OFFICER, None),
        staff=("justice", Role.STAFF, None),
        clearance={"supervisor": "tuyet_mat", "head": "toi_mat"},
    )


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
    assert not AuditEvent.objects.filter(action="agency.create").exists()


def test_head_edits_contact_details_but_not_type_or_status(people) -> None:
    justice = people["justice"]
    services.update_agency(actor=people["head"], agency=justice, phone="0203 3851 234")
    justice.refresh_from_db()
    assert justice.phone == "0203 3851 234"
    with pytest.raises(NotAllowed):
        services.update_agency(actor=people["head"], agency=justice, is_active=False)
    with pytest.raises(NotAllowed):
        services.update_agency(actor=people["officer"], agency=justice, phone="1")
    justice.refresh_from_db()
    assert (justice.phone, justice.is_active) == ("0203 3851 234", True)
    [event] = AuditEvent.objects.filter(action="agency.update")
    assert event.actor_id == people["head"].pk
    assert event.changes == {"phone": ["", "0203 3851 234"]}


def test_update_records_only_what_changed(people) -> None:
    services.update_agency(actor=people["supervisor"], agency=people["justice"], short_name="STP")
    event = AuditEvent.objects.filter(action="agency.update").latest("seq")
    assert event.changes == {"short_name": ["", "STP"]}


def _only_event(action: str) -> AuditEvent:
    [event] = AuditEvent.objects.filter(action=action)
    return event


def _staff_role(people, actor: str, agency: str, role: str) -> Membership:
    """The staff member given `role` in `agency` by `actor` (keys of the `people` fixture)."""
    return services.add_membership(
        actor=people[actor], person=people["staff"], agency=people[agency], role=role
    )


def _assert_membership_event(action: str, actor, agency, membership, person, role) -> None:
    """The one `action` event: by `actor`, for `agency`, on `membership`, naming person and role."""
    event = _only_event(action)
    assert (event.actor_id, event.agency_id, event.object_id) == (
        actor.pk,
        agency.pk,
        str(membership.pk),
    )
    assert event.changes == {"person": person.username, "role": role}


def test_only_an_administrator_gives_province_roles(people) -> None:
    with pytest.raises(NotAllowed):
        _staff_role(people, "supervisor", "police", Role.SUPERVISOR)
    assert not Membership.objects.filter(person=people["staff"], agency=people["police"]).exists()
    membership = _staff_role(people, "admin", "police", Role.SUPERVISOR)
    row = Membership.objects.get(person=people["staff"], agency=people["police"])
    assert (row.pk, row.role, row.is_active) == (membership.pk, Role.SUPERVISOR, True)
    _assert_membership_event(
        "membership.add",
        people["admin"],
        people["police"],
        membership,
        people["staff"],
        Role.SUPERVISOR,
    )


def test_head_names_an_officer_and_officer_names_only_staff(people) -> None:
    _staff_role(people, "head", "justice", Role.SECURITY_OFFICER)
    with pytest.raises(NotAllowed):
        _staff_role(people, "officer", "justice", Role.HEAD)
    roles = Membership.objects.filter(person=people["staff"], agency=people["justice"])
    assert sorted(roles.values_list("role", flat=True)) == [Role.SECURITY_OFFICER, Role.STAFF]
    event = _only_event("membership.add")
    assert event.actor_id == people["head"].pk
    assert event.changes["role"] == Role.SECURITY_OFFICER


def test_a_role_cannot_be_given_twice(people) -> None:
    with pytest.raises(ValidationError):
        services.add_membership(
            actor=None, person=people["staff"], agency=people["justice"], role=Role.STAFF
        )
    assert Membership.objects.filter(person=people["staff"]).count() == 1
    assert not AuditEvent.objects.filter(action="membership.add").exists()


def test_clearance_is_granted_by_the_head_up_to_their_own_level(people) -> None:
    grant = services.grant_clearance(
        actor=people["head"], person=people["staff"], level="mat", granted_on=date(2026, 3, 2)
    )
    people["staff"].refresh_from_db()
    assert people["staff"].clearance == "mat"
    assert grant.granted_by == people["head"]
    event = _only_event("clearance.grant")
    assert (event.actor_id, event.object_id) == (people["head"].pk, str(people["staff"].pk))
    assert event.changes == {"clearance": ["none", "mat"], "decision": ""}
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=people["head"],
            person=people["staff"],
            level="tuyet_mat",
            granted_on=date(2026, 3, 2),
        )
    assert Person.objects.get(pk=people["staff"].pk).clearance == "mat"
    assert ClearanceGrant.objects.count() == 1


def test_an_administrator_does_not_decide_clearances(people) -> None:
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=people["admin"], person=people["staff"], level="none", granted_on=date(2026, 3, 2)
        )
    assert not ClearanceGrant.objects.exists()


def test_a_clearance_decision_cannot_be_dated_in_the_future(people) -> None:
    with pytest.raises(ValidationError):
        services.grant_clearance(
            actor=people["supervisor"],
            person=people["staff"],
            level="mat",
            # two days ahead: in the future by the Hanoi date and by the server's (UTC) date
            granted_on=timezone.localdate() + timedelta(days=2),
        )
    assert not ClearanceGrant.objects.exists()


def test_a_decision_dated_today_in_hanoi_is_not_in_the_future_before_dawn(people) -> None:
    """03:00 on 7 December in Hanoi is still 6 December in UTC: a decision signed that day is
    today's, and a role given then starts that day."""
    import time_machine

    with time_machine.travel("2026-12-06T20:00:00+00:00", tick=False):
        services.grant_clearance(
            actor=people["supervisor"],
            person=people["staff"],
            level="mat",
            granted_on=date(2026, 12, 7),
        )
        membership = services.add_membership(
            actor=None, person=people["staff"], agency=people["justice"], role=Role.SECURITY_OFFICER
        )
    assert ClearanceGrant.objects.get().granted_on == date(2026, 12, 7)
    assert membership.since == date(2026, 12, 7)


def test_head_of_another_agency_cannot_clear_my_staff(people, make_agency, make_person) -> None:
    other_head = make_person(make_agency("Sở Y tế"), Role.HEAD, clearance="tuyet_mat")
    with pytest.raises(NotAllowed):
        services.grant_clearance(
            actor=other_head, person=people["staff"], level="mat", granted_on=date(2026, 3, 2)
        )
    assert Person.objects.get(pk=people["staff"].pk).clearance == "none"
    assert not ClearanceGrant.objects.exists()


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
            actor=people["head"], person=people["staff"], level="mat", granted_on=date(2026, 3, 2)
        )
    assert not ClearanceGrant.objects.exists()
    services.grant_clearance(
        actor=people["supervisor"], person=people["staff"], level="mat", granted_on=date(2026, 3, 2)
    )
    [grant] = ClearanceGrant.objects.all()
    assert (grant.person_id, grant.granted_by_id, grant.level) == (
        people["staff"].pk,
        people["supervisor"].pk,
        "mat",
    )
    assert Person.objects.get(pk=people["staff"].pk).clearance == "mat"
    assert _only_event("clearance.grant").actor_id == people["supervisor"].pk


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
    event = _only_event("group.create")
    assert (event.actor_id, event.object_id) == (people["supervisor"].pk, str(group.pk))
    board = make_agency("Ban Quản lý các khu công nghiệp", type=AgencyType.BOARD)
    closed = make_agency("Sở đã sáp nhập", is_active=False)
    members = set(group.members())
    assert board in members and closed not in members


def test_an_officer_updates_a_staff_members_details_and_the_event_lists_the_changes(
    people,
) -> None:
    staff = people["staff"]
    services.update_person(
        actor=people["officer"], person=staff, phone=" 0912 345 678 ", position="Chuyên viên"
    )
    row = Person.objects.get(pk=staff.pk)
    assert (row.phone, row.position) == ("0912 345 678", "Chuyên viên")  # trimmed
    event = _only_event("person.update")
    assert (event.actor_id, event.object_id) == (people["officer"].pk, str(staff.pk))
    assert event.changes == {"phone": ["", "0912 345 678"], "position": ["", "Chuyên viên"]}


def test_a_person_is_not_updated_by_another_agency_nor_with_unknown_fields(
    people, make_agency, make_person
) -> None:
    staff = people["staff"]
    other_officer = make_person(make_agency("Sở Y tế"), Role.SECURITY_OFFICER)
    with pytest.raises(NotAllowed):
        services.update_person(actor=other_officer, person=staff, phone="0999")
    with pytest.raises(ValidationError):
        services.update_person(actor=people["officer"], person=staff, clearance="tuyet_mat")
    with pytest.raises(ValidationError):  # the model's own checks: an e-mail must be one
        services.update_person(actor=people["officer"], person=staff, email="không phải thư")
    row = Person.objects.get(pk=staff.pk)
    assert (row.phone, row.clearance, row.email) == ("", "none", "")
    assert not AuditEvent.objects.filter(action="person.update").exists()


def test_the_head_ends_a_staff_role_and_the_event_names_person_and_role(people) -> None:
    membership = Membership.objects.get(person=people["staff"], agency=people["justice"])
    services.end_membership(actor=people["head"], membership=membership)
    row = Membership.objects.get(pk=membership.pk)
    assert row.is_active is False  # kept, switched off: the history stays readable
    _assert_membership_event(
        "membership.end", people["head"], people["justice"], membership, people["staff"], Role.STAFF
    )


def test_an_officer_cannot_end_the_heads_role_nor_an_administrator_their_own(people) -> None:
    head = Membership.objects.get(person=people["head"], role=Role.HEAD)
    with pytest.raises(NotAllowed):
        services.end_membership(actor=people["officer"], membership=head)
    own = Membership.objects.get(person=people["admin"], role=Role.ADMINISTRATOR)
    with pytest.raises(ValidationError):
        services.end_membership(actor=people["admin"], membership=own)
    assert Membership.objects.filter(pk__in=[head.pk, own.pk], is_active=True).count() == 2
    assert not AuditEvent.objects.filter(action="membership.end").exists()
