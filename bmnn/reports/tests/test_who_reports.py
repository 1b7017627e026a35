"""Who must report is one rule (reports.services.expected_agencies) read from both sides: the
periods an agency is asked for (periods_asking: what its people see, what its period list
offers to write) are exactly those that list it among their expected agencies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bmnn.org.models import Agency, AgencyType, Role
from bmnn.reports import services
from bmnn.reports.models import ReportingPeriod
from bmnn.reports.tests.builders import ad_hoc_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    annual = services.create_period(actor=supervisor, kind="annual", year=2026)
    chosen = services.create_period(
        actor=supervisor, kind="semiannual", year=2026, part=2, agencies=[health]
    )
    request = ad_hoc_period(
        supervisor, "Rà soát máy tính soạn thảo văn bản mật", agencies=[justice, police]
    )
    return {
        "agencies": [police, justice, health],
        "periods": [annual, chosen, request],
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "justice": justice,
    }


def test_the_periods_asking_an_agency_are_those_expecting_it(world) -> None:
    pairs = set()
    for agency in world["agencies"]:
        asking = set(services.periods_asking(Agency.objects.filter(pk=agency.pk)))
        expecting = {p for p in world["periods"] if agency in services.expected_agencies(p)}
        assert asking == expecting, agency
        pairs |= {(p.kind, agency.name) for p in asking}
    assert pairs == {
        ("annual", "Sở Tư pháp"),
        ("annual", "Sở Y tế"),
        ("semiannual", "Sở Y tế"),
        ("ad_hoc", "Sở Tư pháp"),
        ("ad_hoc", "Công an tỉnh"),
    }


def test_an_agency_is_offered_to_write_only_the_reports_it_is_asked_for(world, client_for) -> None:
    page = client_for(world["officer"]).get(reverse("reports:periods"))
    offered = {row["period"].kind for row in page.context["rows"] if row["mine"]}
    assert offered == {"annual", "ad_hoc"}
    writers = {a for row in page.context["rows"] for a, _submission in row["mine"]}
    assert writers == {world["justice"]} and ReportingPeriod.objects.count() == 3
