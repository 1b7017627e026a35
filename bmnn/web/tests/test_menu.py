"""The main menu: at most seven entries grouped by the work, each entry one the person may use."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from bmnn.org.models import AgencyType, Role
from bmnn.web.menu import MAX_TOP_LEVEL, main_menu

pytestmark = pytest.mark.django_db

ROLES = [
    ("police", Role.ADMINISTRATOR),
    ("police", Role.SUPERVISOR),
    ("police", Role.INSPECTOR),
    ("department", Role.HEAD),
    ("department", Role.SECURITY_OFFICER),
    ("department", Role.STAFF),
    ("committee", Role.HEAD),
]


@pytest.fixture
def people(make_agency, make_person):
    agencies = {
        "police": make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE),
        "department": make_agency("Sở Tư pháp"),
        "committee": make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE),
    }
    return {
        (where, role): make_person(agencies[where], role, clearance="toi_mat")
        for where, role in ROLES
    }


def _urls(person) -> dict[str, list[str]]:
    return {group.key: [e.url for e in group.entries] for group in main_menu(person, "/")}


def test_every_role_has_at_most_seven_entries_each_of_which_opens(people, client_for) -> None:
    for (where, role), person in people.items():
        groups = main_menu(person, "/")
        assert 1 < len(groups) <= MAX_TOP_LEVEL == 7, (role, [g.key for g in groups])
        client = client_for(person)
        for group in groups:
            for entry in group.entries:
                status = client.get(entry.url).status_code
                assert status == 200, f"{where} {role}: {entry.label} ({entry.url}) → {status}"


def test_entries_follow_what_the_role_may_use(people) -> None:
    staff = _urls(people["department", Role.STAFF])
    supervisor = _urls(people["police", Role.SUPERVISOR])
    head = _urls(people["department", Role.HEAD])
    assert reverse("core:audit_list") not in staff["admin"]
    assert reverse("core:audit_list") in supervisor["admin"]
    assert reverse("plans:matrix") in supervisor["plans"]
    assert reverse("plans:matrix") not in staff["plans"]
    assert reverse("plans:my_tasks") not in supervisor["plans"]  # the province has no own tasks
    assert reverse("registry:approvals") in head["registers"]
    assert reverse("registry:approvals") not in staff["registers"]
    assert reverse("registry:books") not in staff["registers"]
    assert reverse("api:docs") not in staff["admin"] and reverse("api:docs") not in head["admin"]
    assert reverse("api:docs") in _urls(people["police", Role.ADMINISTRATOR])["admin"]


def test_a_node_without_secrets_has_no_register_group(people) -> None:
    with override_settings(BMNN_HOLDS_SECRETS=False):
        groups = main_menu(people["department", Role.SECURITY_OFFICER], "/")
    assert "registers" not in {g.key for g in groups}
    assert not any(e.url.startswith("/registry/") for g in groups for e in g.entries)


def test_the_current_page_and_its_group_are_marked(people, client_for) -> None:
    person = people["police", Role.SUPERVISOR]
    groups = {g.key: g for g in main_menu(person, reverse("reports:incidents") + "12/")}
    active = [e.url for g in groups.values() for e in g.entries if e.active]
    assert active == [reverse("reports:incidents")]  # Incidents, not Reports
    assert groups["reports"].active and not groups["plans"].active

    page = client_for(person).get(reverse("reports:incidents")).content.decode()
    assert 'data-testid="menu-reports"' in page
    assert 'aria-current="page"' in page
    # a dropdown opens from a button (keyboard: Enter or Space, then the arrows)
    assert 'class="nav-link dropdown-toggle active" type="button"' in page


def test_the_menu_speaks_vietnamese(people, client_for) -> None:
    page = client_for(people["department", Role.SECURITY_OFFICER]).get("/").content.decode()
    for label in ("Trang chủ", "Kế hoạch", "Báo cáo", "Kiểm tra, tập huấn", "Quản trị"):
        assert label in page
    for english in ("Inspections and training", "Devices and leak checks", "Administration"):
        assert english not in page
