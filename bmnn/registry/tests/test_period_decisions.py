"""Decisions on the protection period and what they do to every holder's copy (issue 14,
points 1–4 and 9): a level change keeps an extension and never declassifies; received copies
carry the sender's level and end and lapse with it; the sender's notices reach every holder at
once and the holder re-marks within 15 days; decisions are numbered and not backdated; passing
a received item on is a sending in the outgoing register."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from bmnn.core.models import Notification
from bmnn.core.services import NotAllowed
from bmnn.registry import services
from bmnn.registry.expiry import run_expiry
from bmnn.registry.models import (
    Book,
    HolderNotice,
    ItemStatus,
    LevelChange,
    RegisterEntry,
    SecretItem,
)
from bmnn.registry.services.protection import level_change_preview
from bmnn.registry.tests.builders import (
    change_level,
    classified,
    declassify,
    extend,
    provided,
    received,
)

pytestmark = pytest.mark.django_db


def _classified(reg, level="toi_mat", doc_date=date(2026, 4, 2)):
    return classified(
        reg,
        level,
        number="3/KH-STP",
        doc_date=doc_date,
        doc_type="Kế hoạch",
        summary="Bảo vệ mục tiêu",
        copies_planned=2,
    )


def _provide(reg, item):
    """The head provides copy 1 to Sở Y tế, which signs for it."""
    if not item.copies.exists():
        services.register_outgoing(actor=reg["officer"], item=item)
    return provided(reg, item.copies.filter(status="in_store").first())


def test_lowering_an_extended_item_keeps_the_extension_and_does_not_declassify(
    reg, time_machine
) -> None:
    """LAW.md lifecycle 9 (L18/L25 Art. 21 say nothing of the period): the reviewed scenario — a
    Tối mật item extended to 2066, then lowered to Mật — keeps 2066 and the daily run leaves it
    classified; before the fix the end became 2036 and the next run declassified it."""
    item = _classified(reg, doc_date=date(2016, 4, 2))  # Tối mật: protected until 02/04/2036
    time_machine.move_to(date(2026, 5, 4))
    extend(reg, item, date(2056, 4, 2), date(2026, 5, 4), "QĐ 11/QĐ-STP")
    time_machine.move_to(date(2036, 5, 4))
    extend(reg, item, date(2066, 4, 2), date(2036, 5, 4), "QĐ 12/QĐ-STP")
    change_level(reg, item, "mat", date(2036, 5, 4), "QĐ 13/QĐ-STP")
    item.refresh_from_db()
    assert (item.level, item.protected_until) == ("mat", date(2066, 4, 2))
    change = LevelChange.objects.get(item=item)
    assert (change.previous_end, change.new_end) == (date(2066, 4, 2), date(2066, 4, 2))
    run_expiry(date(2036, 5, 5))
    item.refresh_from_db()
    assert item.status == ItemStatus.CLASSIFIED


def test_the_decider_sees_the_resulting_end_and_may_set_it_within_the_law(
    reg, time_machine
) -> None:
    """LAW.md lifecycle 9: the resulting end is shown before confirming; a stated end must fall
    after the decision (a level change never declassifies) and within the new level's base
    period (L18 Art. 19.1)."""
    item = classified(reg, entry="cat_toi_mat", number="4/CV")
    day = date(2026, 6, 1)
    # Raising to Tối mật: by default the longer base period from the determination.
    assert level_change_preview(item, "toi_mat", day) == date(2046, 4, 2)
    # A stated end on or before the decision would declassify: refused.
    with pytest.raises(ValidationError, match=r"L18 Art\. 21, 22"):
        level_change_preview(item, "toi_mat", day, day)
    # At most 20 years from the decision for Tối mật.
    assert level_change_preview(item, "toi_mat", day, date(2046, 6, 1)) == date(2046, 6, 1)
    with pytest.raises(ValidationError, match=r"L18 Art\. 19\.1, 21"):
        level_change_preview(item, "toi_mat", day, date(2046, 6, 2))
    time_machine.move_to(day)
    change_level(reg, item, "toi_mat", day, "QĐ 2", new_end=date(2040, 12, 31))
    item.refresh_from_db()
    assert item.protected_until == date(2040, 12, 31)


def test_lowering_an_activity_with_a_shorter_period_is_not_an_error(reg, time_machine) -> None:
    """Issue 14 point 9: a Tối mật activity with a 15-year period lowered to Mật (10 years) used
    to raise an uncaught error; the end is kept (L18 Art. 19.2 shorter period; lifecycle 9)."""
    item = classified(reg, "toi_mat", number="5/HĐ", kind="activity", period_years=15)
    assert item.protected_until == date(2041, 4, 2)
    time_machine.move_to(date(2026, 7, 1))
    change_level(reg, item, "mat", date(2026, 7, 1), "QĐ 9")
    item.refresh_from_db()
    assert (item.level, item.protected_until) == ("mat", date(2041, 4, 2))


@override_settings(BMNN_DECISION_BACKDATE_DAYS=3)
def test_an_extension_is_numbered_and_cannot_be_backdated_past_the_deadline(
    reg, time_machine
) -> None:
    """L18 Art. 20.1: decided at the latest 60 days before the end (02/04/2036 → 02/02/2036).
    A decision recorded after the deadline and dated before it is refused; so is one dated in
    the future or without a number; three days of grace for recording are allowed."""
    item = _classified(reg, level="mat")
    end = date(2046, 4, 2)
    time_machine.move_to(date(2036, 2, 10))
    with pytest.raises(ValidationError, match=r"L18 Art\. 20\.1"):
        extend(reg, item, end, date(2036, 2, 1), "QĐ 1")
    time_machine.move_to(date(2036, 1, 20))
    with pytest.raises(ValidationError, match=r"future"):
        extend(reg, item, end, date(2036, 1, 21), "QĐ 1")
    with pytest.raises(ValidationError) as missing:
        extend(reg, item, end, date(2036, 1, 20), " ")
    assert list(missing.value.message_dict) == ["decision"]
    with pytest.raises(ValidationError, match=r"L18 Art\. 20\.1"):
        extend(reg, item, end, date(2036, 1, 16), "QĐ 1")
    extend(reg, item, end, date(2036, 1, 17), "QĐ 1")
    item.refresh_from_db()
    assert item.protected_until == date(2046, 4, 2)
    assert item.extensions.get().recorded_on == date(2036, 1, 20)


def test_a_received_copy_carries_the_senders_end_and_lapses_with_it(reg) -> None:
    """L18 Art. 22.2.a, 22.3; LAW.md lifecycle 10: automatic declassification for every
    holder's copy, received ones included — the daily run used to look only at items created
    by the agency. Registered from outside the installation, and provided inside it."""
    entry = received(reg, number="9/BTP", received_on=date(2026, 4, 5))
    outside = entry.item
    assert outside.protected_until == date(2036, 4, 1)
    created = _classified(reg, level="mat")
    inside = _provide(reg, created)
    assert inside.protected_until == created.protected_until == date(2036, 4, 2)
    run_expiry(date(2036, 4, 2))
    outside.refresh_from_db()
    inside.refresh_from_db()
    assert outside.status == ItemStatus.DECLASSIFIED
    assert outside.declassified_at == date(2036, 4, 2)  # the day after its last protected day
    assert inside.status == ItemStatus.CLASSIFIED  # protected through 02/04/2036
    run_expiry(date(2036, 4, 3))
    inside.refresh_from_db()
    assert (inside.status, inside.declassified_at) == (ItemStatus.DECLASSIFIED, date(2036, 4, 3))


def test_the_senders_extension_and_level_change_reach_every_holder_at_once(
    reg, time_machine, make_agency, make_person
) -> None:
    """L18 Art. 20.4, 21.5; L25 Art. 21: holders are told and re-mark within 15 days. Inside the
    installation the holder's copy takes the new end and level at once, a notice is recorded
    with its 15-day re-marking deadline, and the holder's officers are told — also the agency
    the holder passed the item on to."""
    from bmnn.org.models import Role

    item = _classified(reg, level="toi_mat")
    holder = _provide(reg, item)
    third = make_agency("Sở Xây dựng")
    third_officer = make_person(third, Role.SECURITY_OFFICER, "Đào Thị Mai", clearance="toi_mat")
    make_person(third, Role.HEAD, "Lý Văn Nam", clearance="toi_mat")
    onward = provided(
        reg,
        holder.copies.get(),
        to=third,
        head="health_head",
        officer="health_officer",
        receiver=third_officer,
    )

    time_machine.move_to(date(2030, 3, 1))
    extend(reg, item, date(2066, 4, 2), date(2030, 3, 1), "QĐ 21")
    change_level(reg, item, "mat", date(2030, 3, 1), "QĐ 22")
    for copy in (holder, onward):
        copy.refresh_from_db()
        assert (copy.level, copy.protected_until) == ("mat", date(2066, 4, 2))
        notices = list(copy.notices.order_by("pk"))
        assert [n.kind for n in notices] == [HolderNotice.Kind.EXTENSION, HolderNotice.Kind.LEVEL]
        assert all(n.remark_by == date(2030, 3, 16) and n.remarked_on is None for n in notices)
    assert (
        Notification.objects.filter(recipient=third_officer, key__startswith="notice:").count() == 2
    )
    assert not item.notices.exists()  # the classifier's own item gets no notice


def test_the_holder_re_marks_within_15_days_with_reminders(reg, time_machine) -> None:
    """L18 Art. 21.5: the holder re-marks within 15 days; BMNN reminds 7 and 2 days before, on
    the day and after it, and a late re-marking must say why. Only the holder's officer
    records it."""
    item = _classified(reg, level="toi_mat")
    holder = _provide(reg, item)
    time_machine.move_to(date(2027, 1, 4))
    change_level(reg, item, "mat", date(2027, 1, 4), "QĐ 30")
    notice = holder.notices.get()
    assert notice.remark_by == date(2027, 1, 19)
    run_expiry(date(2027, 1, 11))  # 8 days left: not yet
    reminders = Notification.objects.filter(
        recipient=reg["health_officer"], key__startswith="remark:"
    )
    assert not reminders.exists()
    for day in (12, 13, 17, 19, 20, 21):
        run_expiry(date(2027, 1, day))
    assert sorted(k.rsplit(":", 1)[1] for k in reminders.values_list("key", flat=True)) == [
        "0",
        "2",
        "7",
        "overdue",
    ]
    with pytest.raises(NotAllowed):
        services.record_remarking(actor=reg["officer"], notice=notice)  # the sender's officer
    time_machine.move_to(date(2027, 1, 21))
    with pytest.raises(ValidationError) as late:
        services.record_remarking(actor=reg["health_officer"], notice=notice)
    assert list(late.value.message_dict) == ["note"]
    services.record_remarking(actor=reg["health_officer"], notice=notice, note="Cán bộ đi công tác")
    notice.refresh_from_db()
    assert notice.remarked_on == date(2027, 1, 21)
    run_expiry(date(2027, 1, 22))
    assert reminders.count() == 4  # done: no more reminders


def test_a_declassification_decision_reaches_holders_as_a_notice(reg) -> None:
    """L18 Art. 22.3, 22.6: the holder's copy is declassified at once, with the notice to
    re-mark it "GIẢI MẬT"."""
    item = _classified(reg, level="mat")
    holder = _provide(reg, item)
    council = ["Trần Văn Định — Giám đốc, Chủ tịch Hội đồng", "Đại diện Sở Y tế"]
    declassify(reg, item, date(2026, 6, 1), "QĐ 5", council, "Hội đồng đề nghị giải mật toàn bộ")
    holder.refresh_from_db()
    assert (holder.status, holder.declassified_at) == (ItemStatus.DECLASSIFIED, date(2026, 6, 1))
    assert holder.notices.get().kind == HolderNotice.Kind.DECLASSIFIED


def test_passing_a_received_item_on_is_entered_in_the_outgoing_register(reg) -> None:
    """L18 Art. 13; ND26 Art. 4.1.a; LAW.md lifecycle 3: every sending, including of a received
    item, is registered outgoing before it leaves."""
    received_item = received(reg, number="9/BTP").item
    transfer = services.approve_provision(
        actor=reg["head"],
        copy=received_item.copies.get(),
        to_agency=reg["health"],
        purpose="Phối hợp thẩm định",
    )
    assert not RegisterEntry.objects.filter(item=received_item, kind=Book.OUTGOING).exists()
    services.hand_over(actor=reg["officer"], transfer=transfer)
    line = RegisterEntry.objects.get(item=received_item, kind=Book.OUTGOING)
    assert line.columns["recipients"] == reg["health"].name
    assert line.columns["number"] == "9/BTP" and line.columns["copies"] == 1
    assert RegisterEntry.objects.filter(item=received_item, kind=Book.HANDOVER).exists()
    assert SecretItem.objects.filter(source_item=received_item, agency=reg["health"]).count() == 0


def test_the_demo_shows_a_lowered_extended_plan_and_a_pending_re_marking() -> None:
    """Issue 14: the demo province shows a received item with a pending re-marking notice."""
    from bmnn.org.demo import load_demo
    from bmnn.registry.demo import load_demo_registry

    load_demo()
    load_demo_registry()
    plan = SecretItem.objects.get(number="42/KH-STP", origin="created")
    held = SecretItem.objects.get(source_item=plan)
    assert (plan.level, plan.protected_until) == ("mat", date(2056, 3, 14))
    assert (held.level, held.protected_until) == ("mat", date(2056, 3, 14))
    pending = held.notices.filter(remarked_on__isnull=True)
    assert {n.kind for n in pending} == {HolderNotice.Kind.LEVEL}
