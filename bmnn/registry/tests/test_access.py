"""A person without clearance or need-to-know gets nothing about an item: not from a page, the
API, an export, a count of their own agency's list, or search (issue 4; L18 Art. 26)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse

from bmnn.core.models import AuditEvent
from bmnn.registry import services
from bmnn.registry.models import RegisterBook
from bmnn.registry.tests.builders import classified, handed_over, incoming_body, received

pytestmark = pytest.mark.django_db

SUMMARY = "Phương án di dời kho lưu trữ"


@pytest.fixture
def secret(reg):
    """A Tối mật item of Sở Tư pháp, drafted by the officer, registered outgoing."""
    item = classified(reg, "toi_mat", number="77/PA-STP", doc_type="Phương án", summary=SUMMARY)
    services.register_outgoing(actor=reg["officer"], item=item)
    return item


def _everything(client, item) -> list[str]:
    book = RegisterBook.objects.get(agency=item.agency, kind="outgoing")
    pages = [
        client.get(reverse("registry:item_list")).content.decode(),
        client.get(reverse("registry:item_list"), {"q": "di doi kho"}).content.decode(),
        client.get(reverse("registry:item_list"), {"q": "77/PA"}).content.decode(),
        client.get(reverse("registry:item", args=[item.pk])).content.decode(),
        client.get(reverse("registry:book", args=[book.pk])).content.decode(),
        client.get("/api/secret-items/").content.decode(),
        client.get("/api/secret-items/", {"q": "77"}).content.decode(),
        client.get(f"/api/secret-items/{item.pk}/").content.decode(),
    ]
    export = client.get(reverse("registry:book_export", args=[book.pk, "xlsx"]))
    if export.status_code == 200:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
        pages.append(" ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row))
    return pages


@pytest.mark.parametrize("who", ["staff", "staff_uncleared"])
def test_colleagues_without_need_to_know_or_clearance_see_nothing(
    reg, secret, client_for, who
) -> None:
    client = client_for(reg[who])
    for text in _everything(client, secret):
        assert "77/PA-STP" not in text and SUMMARY not in text
    assert client.get(reverse("registry:item", args=[secret.pk])).status_code == 404
    assert client.get(f"/api/secret-items/{secret.pk}/").status_code == 404
    assert (
        client.get("/api/secret-items/").json()["count"] == 0
    )  # their own agency's list counts nothing


def test_another_agencys_officer_sees_nothing(reg, secret, client_for) -> None:
    client = client_for(reg["health_officer"])
    for text in _everything(client, secret):
        assert "77/PA-STP" not in text and SUMMARY not in text


def test_the_officer_and_head_see_it_and_each_read_is_audited(reg, secret, client_for) -> None:
    for who in ("officer", "head"):
        client = client_for(reg[who])
        assert SUMMARY in client.get(reverse("registry:item", args=[secret.pk])).content.decode()
        assert (
            "77/PA-STP"
            in client.get(reverse("registry:item_list"), {"q": "di doi"}).content.decode()
        )
        assert client.get(f"/api/secret-items/{secret.pk}/").json()["summary"] == SUMMARY
    assert AuditEvent.objects.filter(action="secret.read", object_id=str(secret.pk)).count() == 4


def test_a_grant_opens_the_item_to_a_cleared_colleague(reg, secret, client_for) -> None:
    client = client_for(reg["staff"])  # Mật clearance: below Tối mật
    services_grant = services.grant_need_to_know
    with pytest.raises(Exception, match=r"L18 Art\. 26"):
        services_grant(actor=reg["head"], item=secret, person=reg["staff"])
    reg["staff"].clearance = "toi_mat"
    reg["staff"].save()
    services_grant(actor=reg["head"], item=secret, person=reg["staff"])
    client = client_for(reg["staff"])
    assert client.get(reverse("registry:item", args=[secret.pk])).status_code == 200


def test_a_supervisor_sees_counts_but_never_summaries(
    reg, secret, make_agency, make_person, client_for
) -> None:
    police = make_agency("Công an tỉnh", type="provincial_police")
    supervisor = client_for(make_person(police, "supervisor", clearance="tuyet_mat"))
    page = supervisor.get(reverse("registry:item_list")).content.decode()
    assert "Sở Tư pháp" in page  # the count table
    assert SUMMARY not in page and "77/PA-STP" not in page
    assert supervisor.get(reverse("registry:item", args=[secret.pk])).status_code == 404


def test_a_tuyet_mat_summary_is_never_shown(reg, client_for) -> None:
    entry = received(
        reg, "tuyet_mat", issuer_name="Bộ Công an", number="3/KH", summary="Không được hiện"
    )
    head = client_for(reg["head"])
    assert (
        "Không được hiện"
        not in head.get(reverse("registry:item", args=[entry.item.pk])).content.decode()
    )


def test_search_by_holder_and_the_expiring_list_respect_access(reg, secret, client_for) -> None:
    from django.utils import timezone

    head = client_for(reg["head"])
    copy = secret.copies.first()
    copy.holder = reg["officer"]
    copy.save()
    assert (
        "77/PA-STP"
        in head.get(reverse("registry:item_list"), {"holder": "thi hoa"}).content.decode()
    )
    assert (
        "77/PA-STP"
        not in head.get(reverse("registry:item_list"), {"holder": "duc hieu"}).content.decode()
    )
    assert (
        "77/PA-STP"
        not in client_for(reg["staff"])
        .get(reverse("registry:item_list"), {"holder": "thi hoa"})
        .content.decode()
    )
    SecretItem = type(secret)
    SecretItem.objects.filter(pk=secret.pk).update(
        protected_until=timezone.localdate() + timedelta(days=20)
    )
    assert "77/PA-STP" in head.get(reverse("registry:expiring"), {"days": "30"}).content.decode()
    assert "77/PA-STP" not in head.get(reverse("registry:expiring"), {"days": "7"}).content.decode()
    assert (
        "77/PA-STP"
        not in client_for(reg["staff"]).get(reverse("registry:expiring")).content.decode()
    )


def test_the_api_registers_incoming_and_declassifies_with_the_same_checks(reg, client_for) -> None:
    officer = client_for(reg["officer"])
    body = incoming_body(reg, "66/BTP", summary="Hướng dẫn")
    created = officer.post("/api/secret-items/incoming/", body, content_type="application/json")
    assert created.status_code == 201, created.content
    item_id = created.json()["id"]
    other = client_for(reg["health_officer"])
    refused = other.post("/api/secret-items/incoming/", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    missing = officer.post(
        f"/api/secret-items/{item_id}/declassify/",
        {"decided_on": "2026-05-01"},
        content_type="application/json",
    )
    assert missing.status_code == 403  # the officer is not the head
    head = client_for(reg["head"])
    empty = head.post(
        f"/api/secret-items/{item_id}/declassify/",
        {"decided_on": "2026-05-01"},
        content_type="application/json",
    )
    assert (
        empty.status_code == 400 and empty.json()["code"] == "invalid"
    )  # the notice number is required
    done = head.post(
        f"/api/secret-items/{item_id}/declassify/",
        {"decided_on": "2026-05-01", "decision": "TB 4/BTP"},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "declassified"


def test_list_search_and_api_pages_that_show_items_are_audited(reg, secret, client_for) -> None:
    from bmnn.core.models import AuditEvent

    officer = client_for(reg["officer"])
    officer.get(reverse("registry:item_list"), {"q": "di doi"})
    officer.get("/api/secret-items/", {"q": "77"})
    events = list(
        AuditEvent.objects.filter(action="secret.list")
        .order_by("seq")
        .values_list("changes", flat=True)
    )
    assert [e["items"] for e in events] == [[secret.pk], [secret.pk]]
    assert "q=di+doi" in events[0]["where"]


def test_a_keeper_of_one_agency_needs_a_personal_need_to_know_in_another(
    reg, secret, client_for
) -> None:
    """Someone who keeps one agency's registers and is staff of another reads the second
    agency's items only with a personal need to know (the mixed branch of restrict_items)."""
    from bmnn.org.models import Membership, Role

    dual = reg["health_officer"]
    Membership.objects.create(person=dual, agency=reg["justice"], role=Role.STAFF)
    client = client_for(dual)
    assert client.get(reverse("registry:item", args=[secret.pk])).status_code == 404
    assert "77/PA-STP" not in client.get("/api/secret-items/").content.decode()
    services.grant_need_to_know(actor=reg["head"], item=secret, person=dual)
    assert client.get(reverse("registry:item", args=[secret.pk])).status_code == 200


def test_a_register_line_is_shown_only_to_its_keepers_within_clearance(reg, client_for) -> None:
    """Lines of the incoming book: the keeper's agency, and the line's item within the reader's
    clearance — on the page, in the XLSX and through the API export."""
    high = received(reg, "tuyet_mat", by="head", issuer_name="Bộ Công an", number="9/KH-BCA")
    low = received(reg, number="8/BTP")
    book = high.book

    def shown(person) -> set[str]:
        client = client_for(person)
        texts = [client.get(reverse("registry:book", args=[book.pk])).content.decode()]
        export = client.get(reverse("registry:book_export", args=[book.pk, "xlsx"]))
        if export.status_code == 200:
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
            texts.append(" ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row))
        return {number for number in ("9/KH-BCA", "8/BTP") if any(number in t for t in texts)}

    assert low.book_id == book.pk
    assert shown(reg["head"]) == {"9/KH-BCA", "8/BTP"}
    assert shown(reg["officer"]) == {"8/BTP"}  # Tối mật clearance: the Tuyệt mật line is withheld
    assert shown(reg["health_officer"]) == set()  # another agency's book
    assert shown(reg["staff"]) == set()  # not a keeper


def test_a_copy_on_its_way_is_offered_only_to_a_receiving_keeper_cleared_for_it(
    reg, secret, make_person, client_for
) -> None:
    from bmnn.org.models import Role

    low_officer = make_person(reg["health"], Role.SECURITY_OFFICER, "Đào Thị Thấp", clearance="mat")
    handed_over(reg, secret.copies.get(number=1), purpose="Phối hợp thẩm định")
    for person, expected in ((reg["health_officer"], True), (low_officer, False)):
        client = client_for(person)
        assert (
            "77/PA-STP" in client.get(reverse("registry:transfers")).content.decode()
        ) is expected
        assert (len(client.get("/api/transfers/").json()) == 1) is expected


def test_restrict_entries_keeps_to_the_keepers_agency_whatever_it_is_given(reg) -> None:
    """Pages reach lines through a book already restricted; the function holds on its own, for
    any future caller that starts from every line."""
    from bmnn.core import policy
    from bmnn.registry.models import RegisterEntry

    received(reg, number="8/BTP")
    received(reg, by="health_officer", agency="health", issuer_name="Bộ Y tế", number="3/BYT")
    rows = policy.restrict_entries(reg["officer"], RegisterEntry.objects.all())
    assert {e.item.number for e in rows.select_related("item")} == {"8/BTP"}
