"""The demo province: realistic shape, loaded through services, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from bmnn.core.audit import verify_chain
from bmnn.core.models import AuditEvent
from bmnn.org.demo import LOGINS, load_demo
from bmnn.org.models import Agency, AgencyGroup, AgencyType, Membership, Person, Role

pytestmark = pytest.mark.django_db


def test_demo_has_police_departments_communes_and_mass_bodies() -> None:
    load_demo()
    count = Agency.objects.filter
    assert count(type=AgencyType.PROVINCIAL_POLICE).count() == 1
    assert count(type=AgencyType.PEOPLES_COMMITTEE_OFFICE).count() == 1
    assert 15 <= count(type__in=[AgencyType.DEPARTMENT, AgencyType.BOARD]).count() <= 25
    assert 25 <= count(type=AgencyType.COMMUNE).count() <= 35
    assert count(type=AgencyType.PARTY).exists() and count(type=AgencyType.FRONT).exists()


def test_every_demo_agency_has_a_head_and_a_security_officer() -> None:
    load_demo()
    assert Agency.objects.count() >= 25
    for agency in Agency.objects.all():
        roles = set(Membership.objects.filter(agency=agency).values_list("role", flat=True))
        assert {Role.HEAD, Role.SECURITY_OFFICER} <= roles, agency.name


def test_there_is_one_login_per_role() -> None:
    load_demo()
    roles = {role for _u, _a, role, *_ in LOGINS}
    assert roles == set(Role.values)
    for username, *_ in LOGINS:
        assert Person.objects.get(username=username).has_usable_password()


def test_loading_twice_changes_nothing() -> None:
    first = load_demo()
    events = AuditEvent.objects.count()
    people = Person.objects.count()
    second = load_demo()
    assert first.total > 0
    assert second.total == 0
    assert AuditEvent.objects.count() == events
    assert Person.objects.count() == people


def test_demo_goes_through_services_so_the_chain_is_intact() -> None:
    load_demo()
    result = verify_chain()
    assert result.ok
    assert result.checked == AuditEvent.objects.count() > 100


def test_groups_expand_to_their_member_agencies() -> None:
    load_demo()
    communes = AgencyGroup.objects.get(code="ubnd-xa-phuong").members()
    assert communes.count() == Agency.objects.filter(type=AgencyType.COMMUNE).count() >= 25
    assert all(a.name.startswith("UBND") for a in communes)


def test_demo_command_prints_the_logins(capsys) -> None:
    call_command("demo")
    out = capsys.readouterr().out
    assert "giamsat" in out and "BaoMat@2026" in out
