"""The copy register (TT24 Form 12; ND26 Art. 3; LAW.md "Stamps and forms"): each line records
the form of the copies, how many and their numbers, the spoiled copies destroyed and who
authorised them — the authorisation the copies were made under, never more copies than it
allows (L18 Art. 11)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bmnn.org.models import Role
from bmnn.registry import services
from bmnn.registry.models import Book, CopyAuthorisation, CopyForm, CopyKind, RegisterEntry
from bmnn.registry.tests.builders import LETTER, classified, received

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(reg):
    return classified(reg, copy_allowed=True, **LETTER)


@pytest.fixture
def deputy(reg, make_person):
    return make_person(
        reg["justice"],
        Role.HEAD,
        "Lê Thị Phương",
        clearance="tuyet_mat",
        position="Phó Giám đốc Sở",
    )


def _lines(item) -> list[dict]:
    return [
        e.columns for e in RegisterEntry.objects.filter(kind=Book.COPIES, item=item).order_by("seq")
    ]


def test_each_line_shows_its_own_authorisations_form_count_numbers_and_authoriser(
    reg, item, deputy
) -> None:
    """TT24 Form 12 / LAW.md: the line of copies made under the first decision names that
    decision's form and authoriser, not those of a later one."""
    true_copies = services.authorise_copies(
        actor=reg["head"], item=item, count=2, form=CopyForm.TRUE_COPY, purpose="Gửi Sở Y tế"
    )
    extract = services.authorise_copies(actor=deputy, item=item, count=1, form=CopyForm.EXTRACT)
    services.record_copies(
        actor=reg["officer"], authorisation=true_copies, count=2, recipients="Sở Y tế"
    )
    services.record_copies(actor=reg["officer"], authorisation=extract, count=1)
    first, second = _lines(item)
    assert first["form"] == "Sao y bản chính" and first["copies"] == "2 (1, 2)"
    assert (
        first["authorised_by"].startswith("Trần Văn Định")
        and "Lê Thị Phương" not in first["authorised_by"]
    )
    assert first["note"] == "Gửi Sở Y tế" and first["recipients"] == "Sở Y tế"
    assert second["form"] == "Trích sao" and second["copies"] == "1 (1)"
    assert second["authorised_by"].startswith("Lê Thị Phương, Phó Giám đốc Sở")


def test_copies_take_the_kind_of_the_form_and_link_to_their_authorisation(reg, item) -> None:
    """ND26 Art. 3.1: a photograph is not a copy; each kind is numbered on its own."""
    photo = services.authorise_copies(actor=reg["head"], item=item, count=2, form=CopyForm.PHOTO)
    reissue = services.authorise_copies(
        actor=reg["head"], item=item, count=1, form=CopyForm.REISSUE
    )
    electronic = services.authorise_copies(
        actor=reg["head"], item=item, count=1, form=CopyForm.TO_ELECTRONIC
    )
    photos = services.record_copies(actor=reg["officer"], authorisation=photo, count=2)
    copies = services.record_copies(actor=reg["officer"], authorisation=reissue, count=1)
    scans = services.record_copies(actor=reg["officer"], authorisation=electronic, count=1)
    assert [(c.kind, c.number, c.authorisation_id) for c in photos] == [
        (CopyKind.PHOTO, 1, photo.pk),
        (CopyKind.PHOTO, 2, photo.pk),
    ]
    assert [(c.kind, c.number) for c in copies + scans] == [(CopyKind.COPY, 1), (CopyKind.COPY, 2)]
    assert [line["form"] for line in _lines(item)] == [
        "Chụp",
        "Sao lục",
        "Sao từ giấy sang điện tử",
    ]
    assert (
        photo.kind == CopyKind.PHOTO and item.copies.filter(authorisation=electronic).count() == 1
    )


def test_spoiled_copies_are_counted_on_the_line_and_the_authorisation_but_take_no_number(
    reg, item
) -> None:
    """LAW.md "Stamps and forms": the register records the spoiled copies destroyed."""
    grant = services.authorise_copies(actor=reg["head"], item=item, count=2)
    made = services.record_copies(actor=reg["officer"], authorisation=grant, count=2, spoiled=1)
    grant.refresh_from_db()
    assert (grant.used, grant.spoiled) == (2, 1) and [c.number for c in made] == [1, 2]
    assert _lines(item)[0]["spoiled"] == 1
    with pytest.raises(ValidationError):
        services.record_copies(actor=reg["officer"], authorisation=grant, count=1, spoiled=-1)


def test_no_more_copies_than_the_named_authorisation_has_left(reg, item) -> None:
    """L18 Art. 11: the copies must be authorised; room left on another decision does not
    count. Exactly what is left is allowed, one more is refused."""
    small = services.authorise_copies(actor=reg["head"], item=item, count=2)
    services.authorise_copies(actor=reg["head"], item=item, count=10)
    services.record_copies(actor=reg["officer"], authorisation=small, count=1)
    with pytest.raises(ValidationError, match=r"L18 Art\. 11"):
        services.record_copies(actor=reg["officer"], authorisation=small, count=2)
    services.record_copies(actor=reg["officer"], authorisation=small, count=1)
    with pytest.raises(ValidationError, match=r"L18 Art\. 11"):
        services.record_copies(actor=reg["officer"], authorisation=small, count=1)
    assert CopyAuthorisation.objects.get(pk=small.pk).used == 2


def test_no_copy_is_recorded_once_the_item_is_no_longer_secret(reg, item) -> None:
    """L18 Art. 11 governs copies of state secrets: once the period has ended (Art. 22.2.a)
    an earlier authorisation no longer lets copies into the register."""
    grant = services.authorise_copies(actor=reg["head"], item=item, count=1)
    services.declassify(
        actor=None, item=item, decided_on=item.protected_until + timedelta(days=1), reason="expired"
    )
    with pytest.raises(ValidationError, match=r"L18 Art\. 11"):
        services.record_copies(actor=reg["officer"], authorisation=grant, count=1)


def test_an_unknown_form_is_refused(reg, item) -> None:
    with pytest.raises(ValidationError):
        services.authorise_copies(actor=reg["head"], item=item, count=1, form="fax")


def test_the_item_page_records_copies_against_the_chosen_authorisation(
    reg, item, client_for
) -> None:
    """The officer's form names the authorisation; the head's form offers the copy forms."""
    first = services.authorise_copies(actor=reg["head"], item=item, count=1, form=CopyForm.PHOTO)
    second = services.authorise_copies(actor=reg["head"], item=item, count=3, form=CopyForm.EXTRACT)
    head_page = (
        client_for(reg["head"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    )
    assert 'name="form"' in head_page and 'value="trich_sao"' in head_page
    officer = client_for(reg["officer"])
    page = officer.get(reverse("registry:item", args=[item.pk])).content.decode()
    assert f'name="authorisation" value="{second.pk}"' in page and 'name="spoiled"' in page
    url = reverse("registry:item_action", args=[item.pk, "record_copies"])
    officer.post(
        url, {"authorisation": second.pk, "count": 2, "spoiled": 1, "recipients": "Công an tỉnh"}
    )
    line = _lines(item)[0]
    assert (
        line["form"] == "Trích sao"
        and line["spoiled"] == 1
        and line["recipients"] == "Công an tỉnh"
    )
    assert CopyAuthorisation.objects.get(pk=first.pk).used == 0
    assert officer.post(url, {"authorisation": 0, "count": 1}).status_code == 404


def test_the_api_authorises_in_a_form_and_records_against_the_authorisation(
    reg, item, client_for
) -> None:
    """L18 Art. 11 through the API: the authorisation's id comes back and names the copies."""
    head, officer = client_for(reg["head"]), client_for(reg["officer"])
    url = f"/api/secret-items/{item.pk}/"
    made = head.post(
        url + "authorise-copies/", {"count": 2, "form": "chup"}, content_type="application/json"
    )
    assert (
        made.status_code == 201 and made.json()["form"] == "chup" and made.json()["kind"] == "photo"
    )
    grant = made.json()["id"]
    listed = officer.get(url + "copy-authorisations/").json()
    assert [(g["id"], g["count"], g["used"]) for g in listed] == [(grant, 2, 0)]
    body = {"authorisation": grant, "count": 2, "spoiled": 1, "recipients": "Lưu"}
    copies = officer.post(url + "record-copies/", body, content_type="application/json")
    assert copies.status_code == 201
    assert [(c["kind"], c["number"], c["authorisation"]) for c in copies.json()] == [
        ("photo", 1, grant),
        ("photo", 2, grant),
    ]
    again = officer.post(
        url + "record-copies/",
        {"authorisation": grant, "count": 1},
        content_type="application/json",
    )
    assert again.status_code == 400 and "L18 Art. 11" in again.content.decode()
    other = received(reg, number="7/BTP")
    foreign = officer.post(
        f"/api/secret-items/{other.item_id}/record-copies/",
        {"authorisation": grant, "count": 1},
        content_type="application/json",
    )
    assert foreign.status_code == 404  # another item's authorisation
