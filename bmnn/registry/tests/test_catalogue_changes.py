"""Changes of the secret catalogues (the Prime Minister's decisions) and what follows from them:
an entry removed declassifies what was classified under it (L18 Art. 22.2.c, 22.3 [V]; T14 in
SOURCES.md §3.4), an entry's new level sends the items above it to their classifiers (L18
Art. 10.1, 21.2), nothing is classified under an entry not in force (L25 Art. 5.1), and a new
version takes over from the old one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyType, Role
from bmnn.registry import queries, services
from bmnn.registry.expiry import run_expiry
from bmnn.registry.models import (
    Catalogue,
    CatalogueChange,
    CatalogueItem,
    Declassification,
    HolderNotice,
    ItemStatus,
)
from bmnn.registry.tests.builders import classified, declassify, proposed, provided

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
DECISION = "Quyết định số 2012/QĐ-TTg"


@pytest.fixture
def province(reg, make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    return {
        **reg,
        "supervisor": make_person(
            police, Role.SUPERVISOR, "Lê Thị Thu Hằng", clearance="tuyet_mat"
        ),
        "admin": make_person(police, Role.ADMINISTRATOR, "Đỗ Minh Khoa"),
        "inspector": make_person(police, Role.INSPECTOR, "Phan Văn Tra", clearance="toi_mat"),
    }


def _classify(p, agency="justice", entry="cat_mat", level=None, number="1/STP"):
    """Drafted by the agency's officer and approved by its head (Sở Tư pháp or Sở Y tế)."""
    prefix = "" if agency == "justice" else "health_"
    return classified(
        p,
        level or p[entry].level,
        by=f"{prefix}officer",
        agency=agency,
        entry=entry,
        head=f"{prefix}head",
        number=number,
        copies_planned=2,
    )


def _holder_copy(p, item):
    services.register_outgoing(actor=p["officer"], item=item)
    return provided(p, item.copies.get(number=2), to="press", receiver="press_head")


def _relevel(p, entry, level, on, decision=DECISION):
    return services.change_catalogue_level(
        actor=p["supervisor"], entry=p[entry], new_level=level, effective_on=on, decision=decision
    )


def _new_version(p, decision, **more):
    """A catalogue of the justice sector issued today, recorded by the supervisor."""
    return services.record_catalogue(
        actor=p["supervisor"], sector="Tư pháp", decision=decision, issued_on=TODAY, **more
    )


def _add_entry(p, code, text, **more):
    """An entry of the province's catalogue (the one of `cat_mat`), Mật."""
    return services.add_catalogue_entry(
        actor=p["supervisor"],
        catalogue=p["cat_mat"].catalogue,
        code=code,
        text=text,
        level="mat",
        **more,
    )


def _remove(p, entry, on, actor="supervisor"):
    return services.remove_catalogue_entry(
        actor=p[actor],
        entry=p[entry] if isinstance(entry, str) else entry,
        effective_on=on,
        decision=DECISION,
    )


# --- removal -------------------------------------------------------------------------------------


def test_removal_declassifies_the_items_under_the_entry_in_every_agency_at_once(province) -> None:
    """L18 Art. 22.2.c, 22.3: automatic, for every classifier, holders told at once ("ngay")."""
    p = province
    justice_item = _classify(p, number="1/STP")
    holder = _holder_copy(p, justice_item)
    health_item = _classify(p, agency="health", number="7/SYT")
    other_entry = _classify(p, entry="cat_toi_mat", number="2/STP")
    _remove(p, "cat_mat", TODAY)
    for item in (justice_item, health_item, holder):
        item.refresh_from_db()
        assert (item.status, item.declassified_at) == (ItemStatus.DECLASSIFIED, TODAY), item
    other_entry.refresh_from_db()
    assert other_entry.status == ItemStatus.CLASSIFIED
    for item in (justice_item, health_item):
        record = item.declassifications.get()
        assert (record.reason, record.decision) == (
            Declassification.Reason.OUT_OF_CATALOGUE,
            DECISION,
        )
        assert AuditEvent.objects.filter(
            action="secret.out_of_catalogue", object_id=str(item.pk), agency_id=item.agency_id
        ).exists()
    notice = holder.notices.get()
    assert (notice.kind, notice.received_on) == (HolderNotice.Kind.OUT_OF_CATALOGUE, TODAY)
    entry = p["cat_mat"]
    entry.refresh_from_db()
    assert (entry.removed_on, entry.is_active) == (TODAY, False)
    for person in (p["head"], p["officer"], p["health_head"], p["health_officer"]):
        assert Notification.objects.filter(
            recipient=person, key__startswith=f"catalogue-removed:{entry.pk}:"
        ).exists()
    assert AuditEvent.objects.filter(
        action="secret.catalogue_entry_remove", object_id=str(entry.pk)
    ).exists()


def test_a_removal_in_the_future_waits_for_its_day(province) -> None:
    """L18 Art. 22.2.c: the secret ends on the day the entry leaves the catalogue, not before;
    the daily run applies it then, once."""
    p = province
    item = _classify(p)
    day = TODAY + timedelta(days=10)
    _remove(p, "cat_mat", day)
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED
    assert Notification.objects.filter(
        recipient=p["head"], key__startswith="catalogue-removal-planned:"
    ).exists()
    assert services.apply_catalogue_changes(day - timedelta(days=1))["catalogue_declassified"] == 0
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED
    assert run_expiry(day)["declassified"] == 1
    item.refresh_from_db()
    assert (item.status, item.declassified_at) == (ItemStatus.DECLASSIFIED, day)
    assert services.apply_catalogue_changes(day)["catalogue_declassified"] == 0  # nothing left


def test_a_removal_recorded_late_dates_the_declassification_from_the_decision(province) -> None:
    """L18 Art. 22.2.c: the secret ended on the day the entry left the catalogue."""
    p = province
    item = _classify(p)
    _remove(p, "cat_mat", date(2026, 6, 1))
    item.refresh_from_db()
    assert item.declassified_at == date(2026, 6, 1)


def test_a_removal_takes_effect_on_a_day_the_entry_is_in_force_and_only_once(province) -> None:
    p = province
    p["cat_mat"].valid_from = date(2026, 1, 1)
    p["cat_mat"].save()
    with pytest.raises(ValidationError, match=r"L18 Art\. 9"):
        _remove(p, "cat_mat", date(2025, 12, 31))
    with pytest.raises(ValidationError):
        services.remove_catalogue_entry(
            actor=p["supervisor"], entry=p["cat_mat"], effective_on=TODAY, decision=" "
        )
    _remove(p, "cat_mat", TODAY + timedelta(days=3))
    with pytest.raises(ValidationError, match=r"L18 Art\. 22\.2\.c"):
        _remove(p, "cat_mat", TODAY + timedelta(days=5))
    assert CatalogueChange.objects.filter(entry=p["cat_mat"]).count() == 1


# --- classifying against an entry not in force ---------------------------------------------------


def test_nothing_is_classified_under_a_removed_entry(province) -> None:
    """L25 Art. 5.1: from the day of its removal the entry justifies no classification, neither
    a new proposal nor the approval of one made before."""
    p = province
    proposal = proposed(p)
    _remove(p, "cat_mat", TODAY)
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        proposed(p)
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        services.classify_item(actor=p["head"], item=proposal, number="3/STP", doc_date=TODAY)
    assert p["cat_mat"] not in queries.catalogue_entries_in_force(TODAY)


def test_an_entry_leaving_tomorrow_still_serves_today(province) -> None:
    """L25 Art. 5.1, boundary: the removal day is the first day the entry is out."""
    p = province
    _remove(p, "cat_mat", TODAY + timedelta(days=1))
    item = proposed(p)
    assert item.status == ItemStatus.PROPOSED
    assert p["cat_mat"] in queries.catalogue_entries_in_force(TODAY)
    assert p["cat_mat"] not in queries.catalogue_entries_in_force(TODAY + timedelta(days=1))


def test_an_entry_not_yet_in_force_refuses_until_its_first_day(province) -> None:
    """L25 Art. 5.1: an entry (or a catalogue) that starts later justifies nothing yet."""
    p = province
    later = _add_entry(p, "9", "Nội dung mới", valid_from=TODAY + timedelta(days=1))
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        proposed(p, entry=later)
    starting = _add_entry(p, "10", "Nội dung khác", valid_from=TODAY)
    assert proposed(p, entry=starting)
    future = services.record_catalogue(
        actor=p["supervisor"],
        sector="Y tế",
        decision="QĐ 5/QĐ-TTg",
        issued_on=TODAY,
        valid_from=TODAY + timedelta(days=30),
    )
    entry = services.add_catalogue_entry(
        actor=p["supervisor"], catalogue=future, code="1", text="Hồ sơ", level="mat"
    )
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        proposed(p, entry=entry)


def test_the_proposal_form_offers_only_the_entries_in_force(province, client_for) -> None:
    p = province
    _remove(p, "cat_mat", TODAY)
    page = client_for(p["staff"]).get(reverse("registry:propose")).content.decode()
    assert p["cat_toi_mat"].text in page and p["cat_mat"].text not in page


# --- level change --------------------------------------------------------------------------------


def test_a_lower_level_lists_exactly_the_items_above_it(province) -> None:
    """L18 Art. 10.1, 21.2: the level follows the catalogue; items at or below the new level
    stay as they are, those above it go to their classifiers."""
    p = province
    top = _classify(p, entry="cat_tuyet_mat", level="tuyet_mat", number="TM/STP")
    middle = _classify(p, entry="cat_tuyet_mat", level="toi_mat", number="TOI/STP")
    low = _classify(p, entry="cat_tuyet_mat", level="mat", number="M/STP")
    elsewhere = _classify(p, entry="cat_toi_mat", level="toi_mat", number="X/STP")
    _relevel(p, "cat_tuyet_mat", "toi_mat", TODAY)
    assert list(queries.items_above_catalogue(p["head"])) == [top]
    for item in (top, middle, low, elsewhere):
        before = (item.level, item.status)
        item.refresh_from_db()
        assert (item.level, item.status) == before
    assert (
        Notification.objects.filter(recipient=p["head"], key__startswith="catalogue-level:").count()
        == 1
    )
    assert not Notification.objects.filter(
        recipient=p["officer"], key__startswith="catalogue-level:"
    ).exists()
    council = ["Giám đốc Sở, Chủ tịch", "Đại diện Công an tỉnh"]
    declassify(p, top, TODAY, "QĐ 9/QĐ-STP", council, "Biên bản")
    assert list(queries.items_above_catalogue(p["head"])) == []


def test_a_higher_level_lists_nothing(province) -> None:
    """L18 Art. 21: raising the entry's level leaves every item as it was."""
    p = province
    _classify(p, entry="cat_mat")
    _relevel(p, "cat_mat", "toi_mat", TODAY)
    p["cat_mat"].refresh_from_db()
    assert p["cat_mat"].level == "toi_mat"
    assert list(queries.items_above_catalogue(p["head"])) == []


def test_a_level_change_in_the_future_applies_on_its_day(province) -> None:
    p = province
    top = _classify(p, entry="cat_tuyet_mat", level="tuyet_mat")
    day = TODAY + timedelta(days=5)
    change = _relevel(p, "cat_tuyet_mat", "mat", day)
    assert change.old_level == "tuyet_mat"
    assert list(queries.items_above_catalogue(p["head"])) == []
    assert services.apply_catalogue_changes(day - timedelta(days=1))["catalogue_above"] == 0
    assert services.apply_catalogue_changes(day)["catalogue_above"] == 1
    assert list(queries.items_above_catalogue(p["head"])) == [top]
    assert AuditEvent.objects.filter(action="secret.catalogue_level_effective").count() == 1
    assert services.apply_catalogue_changes(day)["catalogue_above"] == 0  # applied once


def test_changes_are_recorded_in_the_order_they_take_effect(province) -> None:
    p = province
    _relevel(p, "cat_mat", "toi_mat", TODAY + timedelta(days=5))
    with pytest.raises(ValidationError):
        _relevel(p, "cat_mat", "tuyet_mat", TODAY + timedelta(days=4))
    with pytest.raises(ValidationError):  # the same level as it will have then
        _relevel(p, "cat_mat", "toi_mat", TODAY + timedelta(days=6))


def test_the_review_page_shows_each_reader_only_their_items(province, client_for) -> None:
    p = province
    _classify(p, entry="cat_tuyet_mat", level="toi_mat", number="TOI/STP")
    _relevel(p, "cat_tuyet_mat", "mat", TODAY)
    url = reverse("registry:catalogue_review")
    assert "TOI/STP" in client_for(p["head"]).get(url).content.decode()
    assert "TOI/STP" not in client_for(p["health_head"]).get(url).content.decode()
    assert "TOI/STP" not in client_for(p["supervisor"]).get(url).content.decode()
    item_page = client_for(p["head"]).get(
        reverse("registry:item", args=[queries.items_above_catalogue(p["head"]).get().pk])
    )
    assert 'data-testid="above-catalogue"' in item_page.content.decode()


# --- new versions --------------------------------------------------------------------------------


def test_a_new_version_carries_the_entries_over_and_the_items_follow_on_its_first_day(
    province,
) -> None:
    """L18 Art. 9: the new decision replaces the old one from its first day; what it keeps stays
    classified under it, what it drops is declassified that day (Art. 22.2.c)."""
    p = province
    kept = _classify(p, entry="cat_mat", number="KEPT/STP")
    dropped = _classify(p, entry="cat_toi_mat", number="DROP/STP")
    old = p["cat_mat"].catalogue
    start = TODAY + timedelta(days=7)
    new = _new_version(p, "QĐ 77/QĐ-TTg", valid_from=start, replaces=old)
    old.refresh_from_db()
    assert old.valid_to == start - timedelta(days=1)
    assert sorted(new.items.values_list("code", "level")) == [
        ("1", "mat"),
        ("2", "toi_mat"),
        ("3", "tuyet_mat"),
    ]
    _remove(p, new.items.get(code="2"), start)
    services.apply_catalogue_changes(start - timedelta(days=1))
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.catalogue_item.catalogue == old and dropped.status == ItemStatus.CLASSIFIED
    counts = services.apply_catalogue_changes(start)
    assert (counts["catalogue_moved"], counts["catalogue_declassified"]) == (2, 1)
    kept.refresh_from_db()
    dropped.refresh_from_db()
    assert kept.catalogue_item == new.items.get(code="1") and kept.status == ItemStatus.CLASSIFIED
    assert (dropped.status, dropped.declassified_at) == (ItemStatus.DECLASSIFIED, start)
    with pytest.raises(ValidationError, match=r"L18 Art\. 9"):  # replaced once only
        _new_version(p, "QĐ 78/QĐ-TTg", replaces=old)


def test_a_version_in_force_today_takes_over_at_once(province) -> None:
    p = province
    item = _classify(p)
    new = _new_version(p, "QĐ 77/QĐ-TTg", replaces=p["cat_mat"].catalogue)
    item.refresh_from_db()
    assert item.catalogue_item == new.items.get(code="1")
    assert AuditEvent.objects.filter(
        action="secret.catalogue_version_effective", object_id=str(new.pk)
    ).exists()
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):  # the old version's entry is out
        proposed(p)


# --- who may act, pages, audit -------------------------------------------------------------------


@pytest.mark.parametrize("who", ["head", "officer", "staff", "health_head", "inspector"])
def test_only_province_supervisors_and_administrators_record_catalogue_changes(
    province, who
) -> None:
    """Catalogues are the province's reference data, kept like the legal library."""
    p = province
    catalogue = p["cat_mat"].catalogue
    calls = [
        lambda: services.record_catalogue(
            actor=p[who], sector="X", decision="QĐ 1", issued_on=TODAY
        ),
        lambda: services.add_catalogue_entry(
            actor=p[who], catalogue=catalogue, code="8", text="X", level="mat"
        ),
        lambda: services.remove_catalogue_entry(
            actor=p[who], entry=p["cat_mat"], effective_on=TODAY, decision="QĐ 1"
        ),
        lambda: services.change_catalogue_level(
            actor=p[who],
            entry=p["cat_mat"],
            new_level="toi_mat",
            effective_on=TODAY,
            decision="QĐ 1",
        ),
    ]
    for call in calls:
        with pytest.raises(NotAllowed):
            call()
    assert not CatalogueChange.objects.exists() and Catalogue.objects.count() == 1


@pytest.mark.parametrize("who", ["supervisor", "admin"])
def test_supervisors_and_administrators_record_them_with_an_audit_line(province, who) -> None:
    p = province
    catalogue = services.record_catalogue(
        actor=p[who], sector="Y tế", decision="QĐ 3/QĐ-TTg", issued_on=TODAY
    )
    entry = services.add_catalogue_entry(
        actor=p[who], catalogue=catalogue, code="1", text="Hồ sơ", level="toi_mat"
    )
    services.change_catalogue_level(
        actor=p[who], entry=entry, new_level="mat", effective_on=TODAY, decision="QĐ 4"
    )
    services.remove_catalogue_entry(actor=p[who], entry=entry, effective_on=TODAY, decision="QĐ 5")
    actions = set(AuditEvent.objects.filter(actor_id=p[who].pk).values_list("action", flat=True))
    assert {
        "secret.catalogue_record",
        "secret.catalogue_entry_add",
        "secret.catalogue_entry_level",
        "secret.catalogue_entry_remove",
    } <= actions


def test_the_pages_show_the_history_and_only_managers_get_the_forms(province, client_for) -> None:
    p = province
    _classify(p, number="1/STP")
    _remove(p, "cat_mat", TODAY)
    supervisor, head = client_for(p["supervisor"]), client_for(p["head"])
    listing = supervisor.get(reverse("registry:catalogues")).content.decode()
    assert (
        p["cat_mat"].catalogue.decision in listing and reverse("registry:catalogue_new") in listing
    )
    assert (
        reverse("registry:catalogue_new")
        not in head.get(reverse("registry:catalogues")).content.decode()
    )
    entry_url = reverse("registry:catalogue_entry", args=[p["cat_toi_mat"].pk])
    assert 'data-testid="entry-remove"' in supervisor.get(entry_url).content.decode()
    assert 'data-testid="entry-remove"' not in head.get(entry_url).content.decode()
    assert (
        head.post(
            entry_url, {"action": "remove", "effective_on": "05/12/2026", "decision": "x"}
        ).status_code
        == 403
    )
    assert head.get(reverse("registry:catalogue_new")).status_code == 403
    removed = head.get(reverse("registry:catalogue_entry", args=[p["cat_mat"].pk])).content.decode()
    assert DECISION in removed and "1/STP" in removed  # the history and the head's own item
    assert (
        "1/STP"
        not in client_for(p["health_head"])
        .get(reverse("registry:catalogue_entry", args=[p["cat_mat"].pk]))
        .content.decode()
    )


def test_the_forms_record_a_catalogue_an_entry_and_a_removal(province, client_for) -> None:
    p = province
    supervisor = client_for(p["supervisor"])
    created = supervisor.post(
        reverse("registry:catalogue_new"),
        {"sector": "Y tế", "decision": "QĐ 3/QĐ-TTg", "issued_on": TODAY.strftime("%d/%m/%Y")},
    )
    catalogue = Catalogue.objects.get(decision="QĐ 3/QĐ-TTg")
    assert created.status_code == 302 and catalogue.valid_from == TODAY
    supervisor.post(
        reverse("registry:catalogue", args=[catalogue.pk]),
        {"code": "1", "text": "Hồ sơ dịch bệnh", "level": "mat"},
    )
    entry = CatalogueItem.objects.get(catalogue=catalogue, code="1")
    supervisor.post(
        reverse("registry:catalogue_entry", args=[entry.pk]),
        {"action": "remove", "effective_on": TODAY.strftime("%d/%m/%Y"), "decision": DECISION},
    )
    entry.refresh_from_db()
    assert entry.removed_on == TODAY
    refused = supervisor.post(
        reverse("registry:catalogue_entry", args=[entry.pk]),
        {
            "action": "level",
            "new_level": "toi_mat",
            "effective_on": TODAY.strftime("%d/%m/%Y"),
            "decision": DECISION,
        },
    )
    assert refused.status_code == 200  # a removed entry's level no longer changes (L18 Art. 9)
    assert not CatalogueChange.objects.filter(
        entry=entry, change=CatalogueChange.Change.LEVEL
    ).exists()
