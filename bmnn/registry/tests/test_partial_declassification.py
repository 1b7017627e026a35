"""Declassification by decision after a declassification council, in whole or in part (L18
Art. 22.4, 22.6 [V]; T15 in SOURCES.md §3.4): what the decision needs on record, who may take it,
and what the holders of the item's copies are told."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.models import Declassification, HolderNotice, ItemStatus
from bmnn.registry.tests.builders import classified, declassify, provided

pytestmark = pytest.mark.django_db

COUNCIL = ["Trần Văn Định — Giám đốc Sở, Chủ tịch Hội đồng", "Đại diện Phòng PA03, Công an tỉnh"]
MINUTES = "Hội đồng giải mật họp ngày 20/11/2026, thống nhất đề nghị giải mật"
PARTS = "Phần I (đánh giá chung) và Phụ lục 2"
DETERMINED = date(2026, 4, 2)


def _classified(reg):
    return classified(
        reg,
        number="45/BC-STP",
        doc_date=DETERMINED,
        doc_type="Báo cáo",
        summary="Tổng kết công tác",
        copies_planned=2,
    )


def _holder_copy(reg, item):
    """Original no. 2 provided to Sở Y tế: the holder's copy there."""
    services.register_outgoing(actor=reg["officer"], item=item)
    return provided(reg, item.copies.get(number=2))


def _decide(reg, item, **overrides):
    values = {
        "decided_on": date(2026, 11, 25),
        "decision": "Quyết định số 45/QĐ-STP",
        "council": COUNCIL,
        "minutes": MINUTES,
    }
    values.update(overrides)
    return services.declassify(actor=reg["head"], item=item, **values)


def test_a_partial_decision_keeps_the_item_classified_and_records_the_parts(reg) -> None:
    """L18 Art. 22.4, 22.6: a partial decision states exactly which content it frees; the rest
    stays secret."""
    item = _classified(reg)
    _decide(reg, item, partial=True, parts=PARTS)
    item.refresh_from_db()
    assert (item.status, item.declassified_at) == (ItemStatus.CLASSIFIED, None)
    record = item.declassifications.get()
    assert record.partial and record.parts == PARTS
    assert record.reason == Declassification.Reason.DECISION
    assert record.council.splitlines() == COUNCIL and record.council_minutes == MINUTES
    assert (record.decision, record.decided_by) == ("Quyết định số 45/QĐ-STP", reg["head"])
    event = AuditEvent.objects.get(action="secret.declassify_partial", object_id=str(item.pk))
    assert event.changes["parts"] == PARTS and event.agency_id == reg["justice"].pk


def test_holders_are_told_which_parts_are_free_and_their_copies_stay_classified(reg) -> None:
    """L18 Art. 22.6: holders are told in writing (BMNN at once); a partial decision does not
    end the secret of their copies."""
    item = _classified(reg)
    holder = _holder_copy(reg, item)
    _decide(reg, item, partial=True, parts=PARTS)
    holder.refresh_from_db()
    assert holder.status == ItemStatus.CLASSIFIED
    notice = holder.notices.get()
    assert (notice.kind, notice.parts) == (HolderNotice.Kind.PARTIAL, PARTS)
    assert notice.decision == "Quyết định số 45/QĐ-STP"
    assert Notification.objects.filter(
        recipient=reg["health_officer"], url__endswith=f"/{holder.pk}/"
    ).exists()


def test_a_full_decision_declassifies_the_item_and_every_holders_copy(reg) -> None:
    """L18 Art. 22.4, 22.6: the council, its minutes and the decision are on record."""
    item = _classified(reg)
    holder = _holder_copy(reg, item)
    _decide(reg, item)
    item.refresh_from_db()
    holder.refresh_from_db()
    assert (item.status, item.declassified_at) == (ItemStatus.DECLASSIFIED, date(2026, 11, 25))
    assert holder.status == ItemStatus.DECLASSIFIED
    assert holder.notices.get().kind == HolderNotice.Kind.DECLASSIFIED
    record = item.declassifications.get()
    assert not record.partial and record.council.splitlines() == COUNCIL


def test_a_partial_declassification_leaves_the_item_secret_until_the_full_one(reg) -> None:
    """L18 Art. 22.4: each decision is its own record; the item ends only with the full one."""
    item = _classified(reg)
    _decide(reg, item, partial=True, parts=PARTS, decided_on=date(2026, 10, 1))
    _decide(reg, item, decided_on=date(2026, 11, 25), decision="Quyết định số 60/QĐ-STP")
    item.refresh_from_db()
    assert item.status == ItemStatus.DECLASSIFIED
    assert list(item.declassifications.values_list("partial", flat=True)) == [True, False]


@pytest.mark.parametrize("council", [[], [COUNCIL[0]], [COUNCIL[0], "   "]])
def test_no_declassification_without_a_council_of_a_chair_and_another_member(reg, council) -> None:
    """L18 Art. 22.4: the council is chaired by a leader of the classifying agency, with
    representatives of the related bodies — at least two members."""
    item = _classified(reg)
    for partial in (False, True):
        with pytest.raises(ValidationError, match=r"L18 Art\. 22\.4"):
            _decide(reg, item, council=council, partial=partial, parts=PARTS if partial else "")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED and not item.declassifications.exists()


def test_a_council_of_two_is_enough_and_lines_of_text_are_members(reg) -> None:
    """L18 Art. 22.4: the chair and one member (the page sends one member a line)."""
    item = _classified(reg)
    _decide(reg, item, council="\n".join(COUNCIL) + "\n\n")
    assert item.declassifications.get().council.splitlines() == COUNCIL


def test_no_declassification_without_the_councils_minutes(reg) -> None:
    """L18 Art. 22.4: the minutes of the council are part of the record."""
    item = _classified(reg)
    with pytest.raises(ValidationError, match=r"L18 Art\. 22\.4"):
        _decide(reg, item, minutes="  ")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED


def test_the_decision_number_is_required(reg) -> None:
    """L18 Art. 22.4: the head decides in a numbered decision."""
    item = _classified(reg)
    with pytest.raises(ValidationError) as refused:
        _decide(reg, item, decision=" ")
    assert list(refused.value.message_dict) == ["decision"]


def test_the_decision_is_not_dated_in_the_future(reg) -> None:
    """L18 Art. 22.4: a decision taken today may be recorded; one dated tomorrow may not."""
    today = timezone.localdate()
    item = _classified(reg)
    with pytest.raises(ValidationError, match=r"L18 Art\. 22\.4"):
        _decide(reg, item, decided_on=today + timedelta(days=1))
    _decide(reg, item, decided_on=today)
    item.refresh_from_db()
    assert item.declassified_at == today


def test_the_decision_is_not_dated_before_the_level_was_determined(reg) -> None:
    """L18 Art. 22: nothing is declassified before it was classified (boundary: the same day)."""
    item = _classified(reg)
    with pytest.raises(ValidationError, match=r"L18 Art\. 22"):
        _decide(reg, item, decided_on=DETERMINED - timedelta(days=1), partial=True, parts=PARTS)
    _decide(reg, item, decided_on=DETERMINED, partial=True, parts=PARTS)
    assert item.declassifications.count() == 1


def test_a_partial_decision_names_its_parts_and_parts_are_not_read_as_the_whole(reg) -> None:
    """L18 Art. 22.4, 22.6: a partial decision states exactly which content; parts listed
    without "partial" are refused rather than declassifying the whole item."""
    item = _classified(reg)
    with pytest.raises(ValidationError) as no_parts:
        _decide(reg, item, partial=True, parts=" ")
    assert list(no_parts.value.message_dict) == ["parts"]
    with pytest.raises(ValidationError) as not_partial:
        _decide(reg, item, partial=False, parts=PARTS)
    assert list(not_partial.value.message_dict) == ["parts"]
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED and not item.declassifications.exists()


def test_only_the_head_of_the_classifying_agency_decides(reg) -> None:
    """L18 Art. 22.4: the head of the classifying body decides; a holder records notices only."""
    item = _classified(reg)
    holder = _holder_copy(reg, item)
    for outsider in ("officer", "staff", "health_head"):
        with pytest.raises(NotAllowed):
            declassify(reg, item, date(2026, 11, 25), "QĐ 1", COUNCIL, MINUTES, by=outsider)
    with pytest.raises(ValidationError, match=r"L18 Art\. 20–22"):
        declassify(reg, holder, date(2026, 11, 25), "QĐ 1", COUNCIL, MINUTES, by="health_head")
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED


def test_the_item_page_records_a_partial_decision_and_shows_the_history(reg, client_for) -> None:
    """L18 Art. 22.4: the page's form carries the council and the minutes; the item shows what
    was declassified, by whom and with which council."""
    item = _classified(reg)
    head = client_for(reg["head"])
    url = reverse("registry:item_action", args=[item.pk, "declassify"])
    head.post(
        url,
        {
            "decided_on": "25/11/2026",
            "decision": "QĐ 45/QĐ-STP",
            "council": COUNCIL[0],
            "minutes": MINUTES,
            "partial": "on",
            "parts": PARTS,
        },
    )
    assert not item.declassifications.exists()  # a council of one is refused
    head.post(
        url,
        {
            "decided_on": "25/11/2026",
            "decision": "QĐ 45/QĐ-STP",
            "council": "\n".join(COUNCIL),
            "minutes": MINUTES,
            "partial": "on",
            "parts": PARTS,
        },
    )
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED and item.declassifications.get().parts == PARTS
    page = head.get(reverse("registry:item", args=[item.pk])).content.decode()
    assert PARTS in page and COUNCIL[1] in page and "QĐ 45/QĐ-STP" in page


def test_the_holders_page_shows_the_parts_declassified(reg, client_for) -> None:
    item = _classified(reg)
    holder = _holder_copy(reg, item)
    _decide(reg, item, partial=True, parts=PARTS)
    page = client_for(reg["health_officer"]).get(reverse("registry:item", args=[holder.pk]))
    assert PARTS in page.content.decode()


def test_the_api_needs_the_council_and_lists_the_declassifications(reg, client_for) -> None:
    """L18 Art. 22.4 through the API: the same refusals, and the records to read back."""
    item = _classified(reg)
    head = client_for(reg["head"])
    url = f"/api/secret-items/{item.pk}/declassify/"
    body = {
        "decided_on": "2026-11-25",
        "decision": "QĐ 45/QĐ-STP",
        "minutes": MINUTES,
        "partial": True,
        "parts": PARTS,
    }
    refused = head.post(url, {**body, "council": COUNCIL[:1]}, content_type="application/json")
    assert refused.status_code == 400 and "L18 Art. 22.4" in refused.json()["message"]
    done = head.post(url, {**body, "council": COUNCIL}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "classified"
    listed = head.get(f"/api/secret-items/{item.pk}/declassifications/").json()
    assert [(d["partial"], d["parts"]) for d in listed] == [(True, PARTS)]
    outsider = client_for(reg["health_officer"])
    assert outsider.get(f"/api/secret-items/{item.pk}/declassifications/").status_code == 404


def test_automatic_declassification_at_the_end_of_the_period_needs_no_council(reg) -> None:
    """L18 Art. 22.2.a: the daily run declassifies without a decision (unchanged by Art. 22.4)."""
    item = _classified(reg)
    assert services.declassify_expired(today=item.protected_until + timedelta(days=1)) == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.DECLASSIFIED
    assert item.declassifications.get().reason == Declassification.Reason.EXPIRED
