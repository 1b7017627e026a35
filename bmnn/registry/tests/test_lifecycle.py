"""Every lifecycle transition of a secret item and the refusals the law requires, each naming
its article."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.models import Book, CopyStatus, ItemStatus, RegisterEntry, SecretItem, Transfer
from bmnn.registry.tests.builders import (
    LETTER,
    classified,
    declassify,
    destroy,
    extend,
    proposed,
    provided,
    received,
)

pytestmark = pytest.mark.django_db
COUNCIL = ["Trần Văn Định — Giám đốc, Chủ tịch Hội đồng", "Đại diện Sở Y tế"]


def _classified(reg, level="mat", copies=2, copy_allowed=True):
    return classified(reg, level, copies_planned=copies, copy_allowed=copy_allowed, **LETTER)


def test_a_proposal_needs_a_catalogue_item_in_force(reg) -> None:
    """L25 Art. 5.1: nothing outside a catalogue may be classified."""
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        services.propose_item(
            actor=reg["staff"], agency=reg["justice"], level="mat", catalogue_item=None
        )
    reg["cat_mat"].is_active = False
    reg["cat_mat"].save()
    with pytest.raises(ValidationError, match=r"L25 Art\. 5\.1"):
        services.propose_item(
            actor=reg["staff"], agency=reg["justice"], level="mat", catalogue_item=reg["cat_mat"]
        )


def test_the_level_may_not_exceed_the_catalogue_item(reg) -> None:
    """L18 Art. 10.1: the level follows the catalogue."""
    with pytest.raises(ValidationError, match=r"L18 Art\. 10\.1"):
        services.propose_item(
            actor=reg["staff"],
            agency=reg["justice"],
            level="toi_mat",
            catalogue_item=reg["cat_mat"],
        )


def test_the_head_approves_and_the_period_starts(reg) -> None:
    """L18 Art. 10.2, 19.1."""
    item = _classified(reg)
    assert item.status == ItemStatus.CLASSIFIED
    assert item.protected_until == date(2036, 4, 2)
    assert item.approved_by == reg["head"]


def test_only_the_head_approves(reg) -> None:
    """L18 Art. 10.2."""
    item = proposed(reg)
    with pytest.raises(NotAllowed):
        services.classify_item(
            actor=reg["officer"], item=item, number="1", doc_date=date(2026, 4, 2)
        )


def test_nobody_classifies_above_their_clearance(reg) -> None:
    """Issue 4; the head of Sở Y tế holds Tối mật clearance only."""
    item = proposed(reg, "tuyet_mat", by="health_officer", agency="health")
    with pytest.raises(NotAllowed):
        services.classify_item(
            actor=reg["health_head"], item=item, number="1", doc_date=date(2026, 4, 2)
        )


def test_outgoing_register_numbers_copies_and_fills_the_columns(reg) -> None:
    """ND26 Art. 4.1.a; Decree 63/2026 Appendix III columns."""
    item = _classified(reg, copies=3)
    entry = services.register_outgoing(actor=reg["officer"], item=item, day=date(2026, 4, 3))
    assert entry.seq == 1 and entry.kind == Book.OUTGOING
    assert entry.columns["type_summary"] == "Công văn Về phương án bảo vệ"
    assert entry.columns["copies"] == 3
    assert sorted(c.number for c in item.copies.all()) == [1, 2, 3]
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.1\.a"):
        services.register_outgoing(actor=reg["officer"], item=item)


def test_sequence_numbers_run_through_the_year_and_restart_next_year(reg) -> None:
    """TT24 / Decree 63 register rule: numbered by working year, never reused."""
    days = [date(2026, 5, 1), date(2026, 12, 31), date(2027, 1, 2)]
    seqs = []
    for day in days:
        entry = received(reg, number=f"{day.day}/BTP", doc_date=day, received_on=day)
        seqs.append((entry.year, entry.seq))
    assert seqs == [(2026, 1), (2026, 2), (2027, 1)]


def test_no_summary_is_kept_for_tuyet_mat(reg) -> None:
    """Decree 63/2026: Tuyệt mật entries carry the type only."""
    entry = received(
        reg,
        "tuyet_mat",
        issuer_name="Bộ Công an",
        number="5/KH-BCA",
        doc_type="Kế hoạch",
        summary="Nội dung không được ghi",
    )
    assert entry.item.summary == ""
    assert entry.columns["type_summary"] == "Kế hoạch"
    assert "khong duoc ghi" not in entry.item.search_text


def test_copies_need_the_heads_authorisation_within_the_agencys_power(reg) -> None:
    """L25 Art. 11; L18 Art. 11."""
    item = _classified(reg)
    with pytest.raises(NotAllowed):
        services.authorise_copies(actor=reg["officer"], item=item, count=2)
    grant = services.authorise_copies(actor=reg["head"], item=item, count=2)
    with pytest.raises(NotAllowed):  # only the security officer records copies
        services.record_copies(actor=reg["staff"], authorisation=grant, count=1)
    made = services.record_copies(actor=reg["officer"], authorisation=grant, count=2)
    assert [c.number for c in made] == [1, 2]
    copy_entry = RegisterEntry.objects.get(kind=Book.COPIES, item=item)
    assert copy_entry.columns["authorised_by"].startswith("Trần Văn Định")
    with pytest.raises(ValidationError, match=r"L18 Art\. 11"):
        services.record_copies(actor=reg["officer"], authorisation=grant, count=1)


def test_a_department_head_may_not_authorise_tuyet_mat_copies(reg) -> None:
    """L25 Art. 11: Tuyệt mật copying is for the highest authorities."""
    entry = received(reg, "tuyet_mat", issuer_name="Bộ Công an", number="5/KH-BCA")
    with pytest.raises(ValidationError, match=r"L25 Art\. 11"):
        services.authorise_copies(actor=reg["head"], item=entry.item, count=1)


def test_copying_is_refused_when_the_classifier_did_not_allow_it(reg) -> None:
    """ND26 Art. 2.1: the level decision says whether copying is allowed."""
    item = _classified(reg, copy_allowed=False)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 2\.1"):
        services.authorise_copies(actor=reg["head"], item=item, count=1)


def test_providing_a_copy_and_the_receiving_agency_signing_for_it(reg) -> None:
    """L18 Art. 15; ND26 Art. 4.1.c, 4.2–4.3."""
    item = _classified(reg)
    services.register_outgoing(actor=reg["officer"], item=item)
    copy = item.copies.get(number=1)
    with pytest.raises(ValidationError):
        services.approve_provision(
            actor=reg["head"], copy=copy, to_agency=reg["health"], purpose=" "
        )
    with pytest.raises(NotAllowed):
        services.approve_provision(
            actor=reg["officer"], copy=copy, to_agency=reg["health"], purpose="x"
        )
    transfer = services.approve_provision(
        actor=reg["head"], copy=copy, to_agency=reg["health"], purpose="Phối hợp thẩm định"
    )
    with pytest.raises(ValidationError, match=r"ND26 Art\. 4\.3"):
        services.receive_transfer(actor=reg["health_officer"], transfer=transfer)  # not handed over
    services.hand_over(actor=reg["officer"], transfer=transfer)
    copy.refresh_from_db()
    assert copy.status == CopyStatus.SENT
    assert Notification.objects.filter(recipient=reg["health_officer"]).exists()
    with pytest.raises(NotAllowed):
        services.receive_transfer(actor=reg["officer"], transfer=transfer)
    received = services.receive_transfer(actor=reg["health_officer"], transfer=transfer)
    assert received.agency == reg["health"] and received.source_item == item
    assert received.entries.get().kind == Book.INCOMING
    handover = RegisterEntry.objects.get(kind=Book.HANDOVER, item=item)
    assert handover.columns["signature"].startswith("Phạm Quỳnh Anh")
    assert Transfer.objects.get().state == "received"


def test_an_extension_is_refused_outside_articles_20_1_and_20_2_and_recorded_within(
    reg, time_machine
) -> None:
    """L18 Art. 20.1–20.2 (each decision recorded on the day it is dated)."""
    item = _classified(reg)
    time_machine.move_to(date(2036, 3, 1))
    with pytest.raises(ValidationError, match=r"L18 Art\. 20\.1"):
        extend(reg, item, date(2040, 1, 1), date(2036, 3, 1), "QĐ 1")
    time_machine.move_to(date(2030, 1, 1))
    with pytest.raises(ValidationError, match=r"L18 Art\. 20\.2"):
        extend(reg, item, date(2046, 4, 3), date(2030, 1, 1), "QĐ 2")
    extend(reg, item, date(2046, 4, 2), date(2030, 1, 1), "QĐ 3")
    item.refresh_from_db()
    assert item.protected_until == date(2046, 4, 2)


def test_only_the_classifying_agency_extends_or_declassifies(reg) -> None:
    """L18 Art. 20–22: the body that classified decides."""
    entry = received(reg, number="9/BTP")
    with pytest.raises(ValidationError, match=r"L18 Art\. 20–22"):
        services.declassify(actor=reg["head"], item=entry.item, decided_on=date(2026, 5, 1))


def test_declassifying_reaches_the_copies_provided_and_tells_their_holders(reg) -> None:
    """L18 Art. 22.3, 22.6."""
    item = _classified(reg)
    services.register_outgoing(actor=reg["officer"], item=item)
    holder = provided(reg, item.copies.get(number=2), purpose="x")
    # by decision after a declassification council (L18 Art. 22.4): the council and its minutes
    declassify(reg, item, date(2026, 6, 1), "QĐ 5", COUNCIL, "Hội đồng đề nghị giải mật toàn bộ")
    holder.refresh_from_db()
    assert holder.status == ItemStatus.DECLASSIFIED
    assert Notification.objects.filter(
        recipient=reg["health_officer"], key=f"declassify:{item.pk}"
    ).exists()


def test_automatic_declassification_when_the_period_ends(reg) -> None:
    """L18 Art. 22.2.a."""
    item = _classified(reg)
    assert services.declassify_expired(today=date(2036, 4, 2)) == 0
    assert services.declassify_expired(today=date(2036, 4, 3)) == 1
    item.refresh_from_db()
    assert item.status == ItemStatus.DECLASSIFIED


def test_a_holder_records_the_classifiers_declassification_notice(reg) -> None:
    """L18 Art. 22.3, 22.6: holders stamp their copies on notice; only the classifier decides."""
    entry = received(reg, number="9/BTP")
    with pytest.raises(ValidationError):
        services.record_declassification_notice(
            actor=reg["head"], item=entry.item, notice=" ", decided_on=date(2026, 5, 1)
        )
    services.record_declassification_notice(
        actor=reg["head"], item=entry.item, notice="TB 3/BTP", decided_on=date(2026, 5, 1)
    )
    entry.item.refresh_from_db()
    assert entry.item.status == ItemStatus.DECLASSIFIED
    created = _classified(reg)
    with pytest.raises(ValidationError, match=r"L18 Art\. 22\.4"):
        services.record_declassification_notice(
            actor=reg["head"], item=created, notice="x", decided_on=date(2026, 5, 1)
        )


def test_level_change_by_the_classifier(reg, time_machine) -> None:
    """L18/L25 Art. 21: raised within the catalogue item that justifies it (here Tối mật)."""
    item = classified(reg, entry="cat_toi_mat")
    time_machine.move_to(date(2026, 6, 1))
    services.change_level(
        actor=reg["head"],
        item=item,
        new_level="toi_mat",
        decided_on=date(2026, 6, 1),
        decision="QĐ 7",
    )
    item.refresh_from_db()
    assert item.level == "toi_mat" and item.protected_until == date(2046, 4, 2)


def test_a_destruction_is_refused_without_minutes_and_recorded_with_them(reg) -> None:
    """L18 Art. 23.3.a; Tuyệt mật needs a council (L25)."""
    item = _classified(reg, copies=1)
    services.register_outgoing(actor=reg["officer"], item=item)
    with pytest.raises(ValidationError):
        destroy(reg, item, " ")
    destroy(reg, item, "Đốt, 3 người chứng kiến")
    item.refresh_from_db()
    assert item.status == ItemStatus.DESTROYED


def test_a_press_head_may_not_decide_destruction(reg, make_person) -> None:
    """L18 Art. 23.3.a (L25 Art. 23 for a decision made from 01/3/2026, as today: the refusal
    names the article of the regime of the day; dated cases in test_regimes.py)."""
    officer = make_person(reg["press"], "security_officer", clearance="mat")
    entry = received(reg, by=officer, agency="press", issuer_name="X", number="1/X")
    with pytest.raises(ValidationError, match=r"L25 Art\. 23"):
        destroy(reg, entry.item, "x", by="press_head")


def test_a_loss_is_reported_to_the_head_and_the_province_at_once(
    reg, make_agency, make_person
) -> None:
    """L18 Art. 25.3, 26.2.c; ND26 Art. 8.1.b."""
    police = make_agency("Công an tỉnh", type="provincial_police")
    supervisor = make_person(police, "supervisor")
    item = _classified(reg)
    services.register_outgoing(actor=reg["officer"], item=item)
    services.report_lost(
        actor=reg["staff"], copy=item.copies.get(number=1), what="Thất lạc khi đi công tác"
    )
    assert Notification.objects.filter(recipient=supervisor).exists()
    assert Notification.objects.filter(recipient=reg["head"]).exists()
    assert AuditEvent.objects.filter(action="secret.lost").exists()


def test_every_transition_is_audited(reg) -> None:
    item = _classified(reg)
    services.register_outgoing(actor=reg["officer"], item=item)
    actions = set(
        AuditEvent.objects.filter(
            object_id=str(item.pk), object_type="registry.secretitem"
        ).values_list("action", flat=True)
    )
    assert {"secret.propose", "secret.classify", "secret.register_outgoing"} <= actions
    assert SecretItem.objects.count() == 1


def test_a_level_change_stays_within_the_catalogue_item(reg) -> None:
    """L18 Art. 21 (adjustment based on the catalogue; L25 Art. 5.1 nothing outside it)."""
    item = _classified(reg, level="mat")
    with pytest.raises(ValidationError, match=r"L18 Art\. 21"):
        services.change_level(
            actor=reg["head"], item=item, new_level="toi_mat", decided_on=date(2026, 5, 1)
        )
    item.refresh_from_db()
    assert item.level == "mat"
