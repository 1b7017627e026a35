"""Recall ("Tài liệu thu hồi"): the mark and the return date (ND26 Art. 4.4), one return per
recipient tracked and checked by the sender's officer (TT07 Art. 6.5), decided only by the
sender's head with a reason (L25 Art. 5.4: an unlawful recall is prohibited), overdue alerts,
the books, the item page and the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.registry import queries, services
from bmnn.registry.models import (
    Book,
    CopyStatus,
    HolderNotice,
    Recall,
    RecallReturn,
    RegisterEntry,
    SecretItem,
)
from bmnn.registry.services.recall import recipient_names
from bmnn.registry.tests.builders import LETTER, classified, handed_over, provided

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
RECIPIENTS = "- Sở Y tế;\n- Bộ Tư pháp;\n- Lưu: VT, PC."


def _classified(reg, recipients=RECIPIENTS, signed=TODAY - timedelta(days=30)) -> SecretItem:
    return classified(reg, doc_date=signed, recipients=recipients, copies_planned=2, **LETTER)


def _provide(reg, item: SecretItem, number: int = 1) -> SecretItem:
    """Copy `number` provided to Sở Y tế, handed over and signed for: its received copy."""
    return provided(reg, item.copies.get(number=number))


def _sent(reg, **outgoing) -> tuple[SecretItem, SecretItem]:
    """Registered out to Sở Y tế and Bộ Tư pháp (and filed), copy 1 provided to Sở Y tế."""
    item = _classified(reg)
    services.register_outgoing(
        actor=reg["officer"], item=item, day=TODAY - timedelta(days=20), **outgoing
    )
    return item, _provide(reg, item)


def _recall(reg, item: SecretItem, days: int = 10) -> Recall:
    return services.decide_recall(
        actor=reg["head"],
        item=item,
        return_by=TODAY + timedelta(days=days),
        reason="Tài liệu đã sửa đổi",
    )


def _line(recall: Recall, recipient: str) -> RecallReturn:
    return recall.returns.get(recipient=recipient)


def _outgoing_notes(item: SecretItem) -> list[str]:
    return [e.columns["note"] for e in RegisterEntry.objects.filter(item=item, kind=Book.OUTGOING)]


# --- the recipient list --------------------------------------------------------------------------


def test_recipient_names_drop_the_senders_file_copy_but_not_an_archive_agency() -> None:
    """The "Nơi nhận" list names the addressees; "Lưu: VT" is the sender's own file copy."""
    assert recipient_names("- Sở Y tế;\n- Lưu trữ lịch sử tỉnh;\n- Lưu: VT, PC.") == [
        "Sở Y tế",
        "Lưu trữ lịch sử tỉnh",
    ]
    assert recipient_names("Bộ Tư pháp; Công an tỉnh; Lưu VT; bộ tư pháp") == [
        "Bộ Tư pháp",
        "Công an tỉnh",
    ]


# --- deciding ----------------------------------------------------------------------------------


def test_the_head_recalls_a_sent_item_with_one_return_per_recipient(reg) -> None:
    """ND26 Art. 4.4: every addressee returns it by the date; an agency both addressed and
    provided a copy is one line, pointing at its copy."""
    item, received = _sent(reg)
    recall = _recall(reg, item)
    lines = {line.recipient: line for line in recall.returns.all()}
    assert sorted(lines) == ["Bộ Tư pháp", "Sở Y tế"]
    assert lines["Sở Y tế"].to_agency == reg["health"]
    assert lines["Sở Y tế"].received_item == received
    assert lines["Bộ Tư pháp"].to_agency is None and lines["Bộ Tư pháp"].received_item is None
    assert recall.decided_by == reg["head"] and recall.decided_on == TODAY
    assert recall.reason == "Tài liệu đã sửa đổi" and recall.closed_on is None
    event = AuditEvent.objects.get(action="secret.recall")
    assert event.changes["recipients"] == ["Sở Y tế", "Bộ Tư pháp"]


def test_the_outgoing_register_line_shows_the_mark_and_the_return_date(reg) -> None:
    """ND26 Art. 4.4: the document carries "Tài liệu thu hồi" and the date; the book's note
    column says so; the other columns stay as written."""
    item, _received = _sent(reg)
    entry = RegisterEntry.objects.filter(item=item, kind=Book.OUTGOING).order_by("pk").first()
    assert entry is not None
    before = dict(entry.columns)
    _recall(reg, item, days=10)
    entry.refresh_from_db()
    assert "Tài liệu thu hồi" in entry.columns["note"]
    assert (TODAY + timedelta(days=10)).strftime("%d/%m/%Y") in entry.columns["note"]
    assert {k: v for k, v in entry.columns.items() if k != "note"} == {
        k: v for k, v in before.items() if k != "note"
    }


def test_the_holder_in_the_installation_gets_the_recall_notice_on_its_copy(reg) -> None:
    """ND26 Art. 4.4: the holder learns the return date; its head and officer are told."""
    item, received = _sent(reg)
    _recall(reg, item, days=10)
    notice = HolderNotice.objects.get(item=received)
    assert notice.kind == HolderNotice.Kind.RECALL
    assert notice.return_by == TODAY + timedelta(days=10)
    told = Notification.objects.filter(recipient=reg["health_officer"], key=f"notice:{notice.pk}")
    assert told.exists()
    assert Notification.objects.filter(
        recipient=reg["health_head"], key=f"notice:{notice.pk}"
    ).exists()


def test_the_return_date_may_be_today_but_not_in_the_past(reg) -> None:
    """ND26 Art. 4.4: the date written on the document is a date to come."""
    item, _received = _sent(reg)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.4"):
        services.decide_recall(
            actor=reg["head"], item=item, return_by=TODAY - timedelta(days=1), reason="Sửa đổi"
        )
    assert not Recall.objects.exists()
    recall = services.decide_recall(actor=reg["head"], item=item, return_by=TODAY, reason="Sửa đổi")
    assert recall.return_by == TODAY


def test_an_item_never_sent_cannot_be_recalled(reg) -> None:
    """ND26 Art. 4.4: a recall takes back what was sent; with no outgoing line and no copy
    provided, nobody holds it (its planned recipients are not enough)."""
    item = _classified(reg)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.4"):
        _recall(reg, item)
    assert not Recall.objects.exists()


def test_a_recall_needs_a_reason(reg) -> None:
    """L25 Art. 5.4: an unlawful recall is prohibited, so the reason is on record."""
    item, _received = _sent(reg)
    with pytest.raises(ValidationError) as refused:
        services.decide_recall(actor=reg["head"], item=item, return_by=TODAY, reason="  ")
    assert "reason" in refused.value.message_dict


def test_only_the_head_of_the_sending_agency_decides_a_recall(reg) -> None:
    """L25 Art. 5.4 and ND26 Art. 4.4: the sender's head, not its officer or staff, and not the
    head of the agency holding a copy."""
    item, _received = _sent(reg)
    for someone in ("officer", "staff", "health_head", "health_officer"):
        with pytest.raises(NotAllowed):
            services.decide_recall(actor=reg[someone], item=item, return_by=TODAY, reason="x")
    assert not Recall.objects.exists()


def test_a_second_recall_waits_for_the_first_to_close(reg) -> None:
    """ND26 Art. 4.4: one return date at a time is written on the document."""
    item, _received = _sent(reg)
    _recall(reg, item)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.4"):
        _recall(reg, item, days=20)


# --- at issue ---------------------------------------------------------------------------------


def test_the_mark_can_be_stamped_when_the_item_is_registered_out(reg) -> None:
    """ND26 Art. 4.4: the document goes out marked; the decision is the approver's, recorded by
    the officer; the date is counted from the day it is sent."""
    item = _classified(reg)
    day = TODAY - timedelta(days=20)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.4"):
        services.register_outgoing(
            actor=reg["officer"], item=item, day=day, recall_by=day - timedelta(days=1)
        )
    assert not item.entries.exists()
    entry = services.register_outgoing(actor=reg["officer"], item=item, day=day, recall_by=day)
    recall = Recall.objects.get(item=item)
    assert recall.decided_by == reg["head"] and recall.decided_on == day and recall.return_by == day
    assert sorted(recall.returns.values_list("recipient", flat=True)) == ["Bộ Tư pháp", "Sở Y tế"]
    assert "Tài liệu thu hồi" in entry.columns["note"]


def test_a_copy_provided_after_the_mark_must_come_back_too(reg) -> None:
    """ND26 Art. 4.4: the mark travels with every copy; the receiver's line points at its copy,
    which gets the notice."""
    item = _classified(reg, recipients="Bộ Tư pháp")
    services.register_outgoing(actor=reg["officer"], item=item, recall_by=TODAY + timedelta(days=5))
    received = _provide(reg, item)
    line = RecallReturn.objects.get(recall__item=item, to_agency=reg["health"])
    assert line.received_item == received
    assert HolderNotice.objects.get(item=received).return_by == TODAY + timedelta(days=5)


# --- returns ----------------------------------------------------------------------------------


def test_each_return_is_checked_and_the_recall_closes_when_all_are_back(reg) -> None:
    """TT07 Art. 6.5: the officer checks each document as it comes back; the recall closes on
    the day of the last return."""
    item, _received = _sent(reg)
    recall = _recall(reg, item)
    services.record_recall_return(
        actor=reg["officer"], line=_line(recall, "Bộ Tư pháp"), returned_on=TODAY, note="Đủ 1 bản"
    )
    recall.refresh_from_db()
    assert recall.closed_on is None
    back = services.record_recall_return(actor=reg["officer"], line=_line(recall, "Sở Y tế"))
    assert back.returned_on == TODAY and back.checked_by == reg["officer"]
    recall.refresh_from_db()
    assert recall.closed_on == TODAY
    assert any("returned in full" in n or "thu hồi đủ" in n for n in _outgoing_notes(item))
    events = AuditEvent.objects.filter(action="secret.recall_return").order_by("pk")
    assert [e.changes["closed"] for e in events] == [False, True]


def test_a_returned_copy_is_no_longer_held_by_the_holder(reg) -> None:
    """TT07 Art. 6.5: the holder's copy went back to the sender (marked sent, not destroyed),
    its re-marking notice is settled, and the sender's provided copy is in store again."""
    item, received = _sent(reg)
    recall = _recall(reg, item)
    services.record_recall_return(actor=reg["officer"], line=_line(recall, "Sở Y tế"))
    assert set(received.copies.values_list("status", flat=True)) == {CopyStatus.SENT}
    assert item.copies.get(number=1).status == CopyStatus.IN_STORE
    notice = HolderNotice.objects.get(item=received)
    assert notice.remarked_on == TODAY
    incoming = received.entries.get(kind=Book.INCOMING)
    assert reg["justice"].name in incoming.columns["note"]
    assert AuditEvent.objects.filter(
        action="secret.returned_to_sender", agency=reg["health"]
    ).exists()


def test_a_return_is_recorded_once(reg) -> None:
    """TT07 Art. 6.5."""
    item, _received = _sent(reg)
    line = _line(_recall(reg, item), "Bộ Tư pháp")
    services.record_recall_return(actor=reg["officer"], line=line)
    with pytest.raises(ValidationError, match=r"TT07 Art\. 6\.5"):
        services.record_recall_return(actor=reg["officer"], line=line)


def test_a_return_after_the_date_needs_a_reason_and_no_return_lies_in_the_future(reg) -> None:
    """ND26 Art. 4.4: late is recorded as late, with why."""
    item = _classified(reg, recipients="Bộ Tư pháp")
    day = TODAY - timedelta(days=20)
    services.register_outgoing(
        actor=reg["officer"], item=item, day=day, recall_by=TODAY - timedelta(days=5)
    )
    line = RecallReturn.objects.get(recall__item=item)
    with pytest.raises(ValidationError) as refused:
        services.record_recall_return(actor=reg["officer"], line=line)
    assert "note" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_recall_return(
            actor=reg["officer"], line=line, returned_on=TODAY + timedelta(days=1), note="x"
        )
    assert "returned_on" in refused.value.message_dict
    services.record_recall_return(actor=reg["officer"], line=line, note="Đơn vị nhận gửi chậm")
    assert AuditEvent.objects.get(action="secret.recall_return").changes["late"] is True


def test_only_the_sending_agencys_officer_records_a_return(reg) -> None:
    """TT07 Art. 6.5: the sender's clerk tracks and checks; not the holder's officer, not staff."""
    item, _received = _sent(reg)
    line = _line(_recall(reg, item), "Sở Y tế")
    for someone in ("health_officer", "health_head", "staff"):
        with pytest.raises(NotAllowed):
            services.record_recall_return(actor=reg[someone], line=line)
    line.refresh_from_db()
    assert line.returned_on is None


def test_a_copy_not_yet_signed_for_cannot_be_returned(reg) -> None:
    """ND26 Art. 4.3: the receiver signs for the copy before it can give it back."""
    item = _classified(reg, recipients="Bộ Tư pháp")
    services.register_outgoing(actor=reg["officer"], item=item, recall_by=TODAY + timedelta(days=5))
    handed_over(reg, item.copies.get(number=1))
    line = RecallReturn.objects.get(recall__item=item, to_agency=reg["health"])
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.3"):
        services.record_recall_return(actor=reg["officer"], line=line)


# --- overdue ----------------------------------------------------------------------------------


def test_overdue_alerts_go_to_both_sides_after_the_date_once_then_weekly(reg) -> None:
    """ND26 Art. 4.4, TT07 Art. 6.5: nothing on the return date itself; the day after, the
    sender's head and officer and the holder's head and officer are told; a rerun tells nobody
    again; a week later they are reminded."""
    item, received = _sent(reg)
    recall = _recall(reg, item, days=3)
    services.record_recall_return(actor=reg["officer"], line=_line(recall, "Bộ Tư pháp"))
    due = recall.return_by
    assert services.recall_alerts(due) == 0
    assert services.recall_alerts(due + timedelta(days=1)) == 4
    overdue = Notification.objects.filter(key__startswith="recall-")
    assert set(overdue.values_list("recipient", flat=True)) == {
        reg["head"].pk,
        reg["officer"].pk,
        reg["health_head"].pk,
        reg["health_officer"].pk,
    }
    holder = overdue.get(recipient=reg["health_officer"])
    assert holder.url == reverse("registry:item", args=[received.pk])
    assert services.recall_alerts(due + timedelta(days=1)) == 0
    assert services.recall_alerts(due + timedelta(days=6)) == 0
    assert services.recall_alerts(due + timedelta(days=7)) == 4


def test_no_alert_once_returned(reg) -> None:
    """TT07 Art. 6.5: a return recorded ends the alerts."""
    item, _received = _sent(reg)
    recall = _recall(reg, item, days=0)
    for line in recall.returns.all():
        services.record_recall_return(actor=reg["officer"], line=line)
    assert services.recall_alerts(TODAY + timedelta(days=30)) == 0


def test_recalls_overdue_lists_the_late_returns_of_the_sender_and_of_the_holder(reg) -> None:
    """For the inspection checklist (ND26 Art. 4.4): late, not yet returned; not on the date."""
    item, _received = _sent(reg)
    recall = _recall(reg, item, days=3)
    services.record_recall_return(actor=reg["officer"], line=_line(recall, "Bộ Tư pháp"))
    due = recall.return_by
    assert queries.recalls_overdue({reg["justice"].pk}, due) == []
    late = queries.recalls_overdue({reg["justice"].pk}, due + timedelta(days=1))
    assert [line.recipient for line in late] == ["Sở Y tế"]
    assert [
        line.recipient
        for line in queries.recalls_overdue({reg["health"].pk}, due + timedelta(days=1))
    ] == ["Sở Y tế"]
    assert queries.recalls_overdue({reg["press"].pk}, due + timedelta(days=1)) == []


# --- pages and API ----------------------------------------------------------------------------


def test_the_item_page_decides_a_recall_and_records_a_return(reg, client_for) -> None:
    """ND26 Art. 4.4 and TT07 Art. 6.5 through the item page."""
    item, received = _sent(reg)
    head, officer = client_for(reg["head"]), client_for(reg["officer"])
    page = head.get(reverse("registry:item", args=[item.pk])).content.decode()
    assert 'data-testid="recall-decide"' in page
    url = reverse("registry:item_action", args=[item.pk, "recall"])
    head.post(url, {"return_by": (TODAY + timedelta(days=5)).isoformat(), "reason": "Sửa đổi"})
    recall = Recall.objects.get(item=item)
    line = _line(recall, "Bộ Tư pháp")
    page = officer.get(reverse("registry:item", args=[item.pk])).content.decode()
    assert 'data-testid="recall-returns"' in page and "Bộ Tư pháp" in page
    officer.post(
        reverse("registry:item_action", args=[item.pk, "recall_return"]),
        {"line": line.pk, "returned_on": TODAY.isoformat(), "note": "Đủ"},
    )
    line.refresh_from_db()
    assert line.returned_on == TODAY and line.checked_by == reg["officer"]
    # the holder sees what its sender asks on its own copy
    holder_page = client_for(reg["health_officer"]).get(
        reverse("registry:item", args=[received.pk])
    )
    assert 'data-testid="recall-owed"' in holder_page.content.decode()


def test_an_overdue_return_shows_in_red(reg, client_for) -> None:
    """ND26 Art. 4.4: past the date and not back."""
    item = _classified(reg, recipients="Bộ Tư pháp")
    services.register_outgoing(
        actor=reg["officer"],
        item=item,
        day=TODAY - timedelta(days=9),
        recall_by=TODAY - timedelta(days=2),
    )
    page = client_for(reg["officer"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    assert 'data-testid="recall-overdue"' in page and "text-danger" in page
    listing = client_for(reg["officer"]).get(reverse("registry:recalls")).content.decode()
    assert "12/CV-STP" in listing


def test_another_agency_cannot_record_a_return_through_the_page(reg, client_for) -> None:
    """The line is found only among what the caller may read: a 404, nothing recorded."""
    item, _received = _sent(reg)
    line = _line(_recall(reg, item), "Bộ Tư pháp")
    response = client_for(reg["health_officer"]).post(
        reverse("registry:item_action", args=[item.pk, "recall_return"]), {"line": line.pk}
    )
    assert response.status_code == 404
    line.refresh_from_db()
    assert line.returned_on is None


def test_the_api_decides_lists_and_records_returns(reg, client_for) -> None:
    """ND26 Art. 4.4 and TT07 Art. 6.5 through the API, with the same refusals."""
    item, _received = _sent(reg)
    head, officer = client_for(reg["head"]), client_for(reg["officer"])
    url = f"/api/secret-items/{item.pk}/recalls/"
    past = head.post(
        url,
        {"return_by": (TODAY - timedelta(days=1)).isoformat(), "reason": "x"},
        content_type="application/json",
    )
    assert past.status_code == 400
    assert (
        officer.post(
            url, {"return_by": TODAY.isoformat(), "reason": "x"}, content_type="application/json"
        ).status_code
        == 403
    )
    made = head.post(
        url, {"return_by": TODAY.isoformat(), "reason": "Sửa đổi"}, content_type="application/json"
    )
    assert made.status_code == 201, made.content
    listed = officer.get(url).json()
    assert [r["recipient"] for r in listed[0]["returns"]] == ["Sở Y tế", "Bộ Tư pháp"]
    line_id = listed[0]["returns"][1]["id"]
    done = officer.post(
        f"/api/secret-items/{item.pk}/recall-return/",
        {"line": line_id},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["returned_on"] == TODAY.isoformat()
    other = client_for(reg["health_officer"]).get(url)
    assert other.status_code == 404


def test_the_demo_has_a_recall_in_progress_with_each_state(client_for) -> None:
    """The demo shows the three states of a return: returned, pending and overdue."""
    from bmnn.org.demo import load_demo
    from bmnn.org.models import Person
    from bmnn.registry.demo import load_demo_registry

    load_demo()
    load_demo_registry()
    states = set()
    for line in RecallReturn.objects.select_related("recall"):
        states.add(queries._return_state(line, TODAY))
    assert states == {"returned", "pending", "overdue"}
    assert load_demo_registry() == 0
    page = client_for(Person.objects.get(username="baomat")).get(reverse("registry:recalls"))
    assert "160/KH-STP" in page.content.decode() and "156/BC-STP" in page.content.decode()


def test_recall_queries_answer_only_those_who_may_read_the_item(reg) -> None:
    """Each recall query is safe for any actor, whatever item it is handed: someone who may not
    read the sender's item (another agency's head, a colleague without clearance) gets nothing
    of its recall, and nothing of the holder's copy either."""
    item, received = _sent(reg)
    recall = _recall(reg, item, days=10)
    line = _line(recall, "Sở Y tế")
    outsider, uncleared = reg["press_head"], reg["staff_uncleared"]
    assert [r.pk for r in queries.item_recalls(reg["head"], item)] == [recall.pk]
    assert queries.recall_line(reg["head"], item, line.pk) == line
    assert [x.pk for x in queries.recalls_owed(reg["health_officer"], received)] == [line.pk]
    for stranger in (outsider, uncleared):
        assert queries.item_recalls(stranger, item) == []
        assert queries.recall_line(stranger, item, line.pk) is None
        assert queries.recalls_owed(stranger, received) == []
        assert not queries.open_recalls(stranger).exists()
        assert not queries.returns_owed(stranger).exists()
