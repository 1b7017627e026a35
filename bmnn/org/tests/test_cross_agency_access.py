"""A user of agency A can neither read nor change agency B's records, on any path.

Each test pairs the refusal with the same user reaching their own agency's record through the
same path, so removing the policy check makes the refusal half fail (see the notes of issue 2).
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from bmnn.org.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_agency, make_person, client_for):
    agency_a = make_agency("Sở Tư pháp", short_name="STP")
    agency_b = make_agency("Sở Y tế", short_name="SYT")
    officer_a = make_person(agency_a, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa")
    colleague_a = make_person(agency_a, Role.STAFF, "Vũ Đức Hiếu")
    stranger_b = make_person(agency_b, Role.STAFF, "Phạm Quỳnh Anh")
    head_b = make_person(agency_b, Role.HEAD, "Bùi Văn Thắng")
    return {
        "a": agency_a,
        "b": agency_b,
        "officer_a": officer_a,
        "colleague_a": colleague_a,
        "stranger_b": stranger_b,
        "head_b": head_b,
        "client": client_for(officer_a),
    }


@pytest.mark.parametrize("route", ["org:agency_detail", "org:agency_edit", "org:person_create"])
def test_agency_pages_of_another_agency_answer_404(world, route) -> None:
    client = world["client"]
    kwargs_b = (
        {"agency_pk": world["b"].pk} if route == "org:person_create" else {"pk": world["b"].pk}
    )
    kwargs_a = (
        {"agency_pk": world["a"].pk} if route == "org:person_create" else {"pk": world["a"].pk}
    )
    assert client.get(reverse(route, kwargs=kwargs_b)).status_code == 404
    own = client.get(reverse(route, kwargs=kwargs_a)).status_code
    assert own in {200, 403}  # readable; edit is for heads only


@pytest.mark.parametrize("route", ["org:person_detail", "org:person_edit"])
def test_person_pages_of_another_agency_answer_404(world, route) -> None:
    client = world["client"]
    assert client.get(reverse(route, args=[world["stranger_b"].pk])).status_code == 404
    assert client.get(reverse(route, args=[world["colleague_a"].pk])).status_code == 200


def test_posting_to_another_agencys_person_changes_nothing(world) -> None:
    client = world["client"]
    stranger = world["stranger_b"]
    response = client.post(
        reverse("org:person_edit", args=[stranger.pk]),
        {
            "full_name": "Đã bị sửa",
            "username": stranger.username,
            "email": "",
            "position": "",
            "phone": "",
        },
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.full_name == "Phạm Quỳnh Anh"
    response = client.post(
        reverse("org:person_clearance", args=[stranger.pk]),
        {"level": "mat", "granted_on": "01/03/2026", "decision": "x"},
    )
    assert response.status_code == 404
    stranger.refresh_from_db()
    assert stranger.clearance == "none"


def test_agency_list_and_people_list_show_only_own_agency(world) -> None:
    client = world["client"]
    agencies = client.get(reverse("org:agency_list")).content.decode()
    assert "Sở Tư pháp" in agencies and "Sở Y tế" not in agencies
    people = client.get(reverse("org:person_list")).content.decode()
    assert "Vũ Đức Hiếu" in people and "Phạm Quỳnh Anh" not in people


def test_csv_exports_contain_only_own_agency(world) -> None:
    client = world["client"]
    agencies = b"".join(client.get(reverse("org:agency_export")).streaming_content).decode()
    assert "Sở Tư pháp" in agencies and "Sở Y tế" not in agencies
    assert "Bùi Văn Thắng" not in agencies
    people = b"".join(client.get(reverse("org:person_export")).streaming_content).decode()
    assert "Vũ Đức Hiếu" in people and "Phạm Quỳnh Anh" not in people


def test_search_finds_own_agency_people_but_not_others(world) -> None:
    client = world["client"]
    page = client.get(reverse("web:search"), {"q": "pham quynh"}).content.decode()
    assert "Phạm Quỳnh Anh" not in page
    page = client.get(reverse("web:search"), {"q": "so y te"}).content.decode()
    assert "Sở Y tế" not in page
    page = client.get(reverse("web:search"), {"q": "vu duc hieu"}).content.decode()
    assert "Vũ Đức Hiếu" in page


def test_api_lists_only_own_agency_records(world) -> None:
    client = world["client"]
    agencies = client.get("/api/agencies/").json()["results"]
    assert [a["name"] for a in agencies] == ["Sở Tư pháp"]
    people = {p["full_name"] for p in client.get("/api/people/").json()["results"]}
    assert "Vũ Đức Hiếu" in people and "Phạm Quỳnh Anh" not in people
    searched = client.get("/api/people/", {"q": "pham"}).json()["results"]
    assert searched == []


def test_api_detail_of_another_agency_answers_404_with_guessed_ids(world) -> None:
    client = world["client"]
    assert client.get(f"/api/agencies/{world['b'].pk}/").status_code == 404
    assert client.get(f"/api/people/{world['stranger_b'].pk}/").status_code == 404
    assert client.get(f"/api/people/{world['colleague_a'].pk}/").status_code == 200
    # a guessed id that exists nowhere looks the same as one that belongs to B
    assert client.get("/api/people/999999/").status_code == 404


def test_api_patch_of_another_agency_changes_nothing(world) -> None:
    client = world["client"]
    response = client.patch(
        f"/api/people/{world['stranger_b'].pk}/",
        {"full_name": "Đã bị sửa"},
        content_type="application/json",
    )
    assert response.status_code == 404
    response = client.patch(
        f"/api/agencies/{world['b'].pk}/", {"name": "Đã bị sửa"}, content_type="application/json"
    )
    assert response.status_code == 404
    world["b"].refresh_from_db()
    assert world["b"].name == "Sở Y tế"


def test_supervisor_sees_both_agencies(world, make_agency, make_person, client_for) -> None:
    police = make_agency("Công an tỉnh", type="provincial_police")
    supervisor = client_for(make_person(police, Role.SUPERVISOR))
    page = supervisor.get(reverse("org:agency_list")).content.decode()
    assert "Sở Tư pháp" in page and "Sở Y tế" in page
    assert (
        supervisor.get(reverse("org:person_detail", args=[world["stranger_b"].pk])).status_code
        == 200
    )


def test_people_filters_do_not_reveal_roles_held_in_another_agency(
    make_agency, make_person, client_for
) -> None:
    """Found by the attack review: ?agency= and ?role= filtered on every membership, so a staff
    member of one agency learnt who also holds a role elsewhere."""
    from bmnn.org.models import Membership

    justice, finance = make_agency("Sở Tư pháp"), make_agency("Sở Tài chính")
    reader = make_person(justice, Role.STAFF, "Người Đọc")
    dual = make_person(justice, Role.STAFF, "Hai Nơi Làm")
    Membership.objects.create(person=dual, agency=finance, role=Role.SECURITY_OFFICER)
    client = client_for(reader)
    assert client.get(f"/api/people/?agency={finance.pk}").json()["count"] == 0
    assert client.get("/api/people/?role=security_officer").json()["count"] == 0
    assert "Hai Nơi Làm" not in client.get("/people/?role=security_officer").content.decode()
    assert client.get(f"/api/people/?agency={justice.pk}&role=staff").json()["count"] == 2


def test_a_person_who_left_the_agency_is_no_longer_read_through_it(world, make_person) -> None:
    """Only active memberships count: someone who moved from A to B is B's, not A's any more.
    A's officer reads A's current colleague (same paths) but no longer the one who left."""
    from bmnn.org.models import Membership

    moved = make_person(world["a"], Role.STAFF, "Lê Thị Chuyển")
    Membership.objects.filter(person=moved, agency=world["a"]).update(is_active=False)
    Membership.objects.create(person=moved, agency=world["b"], role=Role.STAFF)
    client = world["client"]
    people = client.get("/api/people/").json()
    names = {row["full_name"] for row in people.get("results", people)}
    assert world["colleague_a"].full_name in names
    assert moved.full_name not in names
    assert client.get(f"/api/people/{world['colleague_a'].pk}/").status_code == 200
    assert client.get(f"/api/people/{moved.pk}/").status_code == 404


def test_only_province_wide_roles_see_the_count_of_the_provinces_agencies(
    world, make_agency, make_person, client_for
) -> None:
    """The home shows the province's agency count to province-wide roles only; an agency's
    officer sees no count of the other agencies."""
    from bmnn.org.models import Agency

    police = make_agency("Công an tỉnh", type="provincial_police")
    supervisor = make_person(police, Role.SUPERVISOR)
    figures = {f.key: f for f in client_for(supervisor).get("/").context["home"].figures}
    assert figures["agencies"].value == Agency.objects.filter(is_active=True).count() >= 3
    # an agency's officer sees no province-wide count on their home
    officer_figures = {f.key: f for f in world["client"].get("/").context["home"].figures}
    assert "agencies" not in officer_figures or officer_figures["agencies"].value == 1


def test_the_dashboard_readiness_counts_only_the_readers_agencies(world) -> None:
    """The officer's home counts its own agency's work, not the province's."""
    page = world["client"].get(reverse("web:dashboard"))
    assert page.status_code == 200
    # the officer's home shows no province-wide figure (the readiness counts of the province)
    province = {"agencies", "without-head", "without-officer", "no-decision"}
    assert not province & {f.key for f in page.context["home"].figures}
    # (it has no figure at all: figures are the province's, for province-wide roles)
    assert page.context["home"].figures == []
    # the agencies its sections count: its own, not the other agency of the province
    assert [a.pk for a in page.context["home"].agencies] == [world["a"].pk]
