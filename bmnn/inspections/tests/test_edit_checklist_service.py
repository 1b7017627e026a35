"""`edit_checklist`: the inspection team adds an item to its own copy of the checklist, or drops
one; answers already given stay. Each edit is one audit event saying what was added or dropped.
Someone off the team, a concluded inspection, an empty item and an item of another inspection
are refused with the checklist as it was and nothing logged."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.inspections import checklist, services
from bmnn.inspections.models import Answer, ChecklistItem, Inspection
from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db

DEFAULT_ITEMS = sum(len(area.items) for area in checklist.AREAS)


@pytest.fixture
def people(province):
    return province(
        "health supervisor",
        leader="inspector",
        member=("police", Role.INSPECTOR, "Hoàng Minh Tâm"),
        other_inspector=("police", Role.INSPECTOR, "Ngô Thị Lý"),
        justice_officer="officer",
        justice_head="head",
        health_officer="health_officer",
    )


def _inspection(people, actor: str = "supervisor", **changes) -> Inspection:
    agencies = changes.pop("agencies", [people["justice"]])
    values = {"leader": people["leader"], "team": [people["member"]]}
    return new_inspection(people[actor], agencies, **(values | changes))


def _edits(inspection: Inspection) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action="inspection.checklist", object_id=str(inspection.pk)
        ).order_by("seq")
    )


def _codes(inspection: Inspection, removed: bool = False) -> list[str]:
    return list(inspection.items.filter(removed=removed).values_list("code", flat=True))


@pytest.mark.parametrize("who", ["leader", "member"])
def test_the_team_adds_an_item_at_the_end_of_the_checklist(people, who) -> None:
    inspection = _inspection(people)
    assert inspection.items.count() == DEFAULT_ITEMS
    services.edit_checklist(
        actor=people[who],
        inspection=inspection,
        add=("  Hệ thống camera  ", "  Camera phòng lưu trữ có hoạt động?  ", " ND26 Art. 5 "),
    )
    added = inspection.items.order_by("-position").first()
    assert added is not None
    assert (added.area_code, added.area_title, added.text, added.source) == (
        "extra",
        "Hệ thống camera",
        "Camera phòng lưu trữ có hoạt động?",
        "ND26 Art. 5",
    )
    assert added.code == f"extra.{DEFAULT_ITEMS + 1}" and added.position == DEFAULT_ITEMS + 1
    assert not added.removed
    [event] = _edits(inspection)
    assert event.actor_id == people[who].pk
    assert event.changes == {"added": "  Camera phòng lưu trữ có hoạt động?  ", "removed": None}


def test_an_item_without_an_area_goes_under_other_and_each_addition_has_its_own_code(
    people,
) -> None:
    inspection = _inspection(people)
    for text in ("Sổ đăng ký có đóng dấu giáp lai?", "Có quy chế bảo vệ BMNN?"):
        services.edit_checklist(actor=people["leader"], inspection=inspection, add=("", text, ""))
    extra = list(inspection.items.filter(area_code="extra").order_by("position"))
    assert [(i.code, i.area_title) for i in extra] == [
        (f"extra.{DEFAULT_ITEMS + 1}", "Khác"),
        (f"extra.{DEFAULT_ITEMS + 2}", "Khác"),
    ]
    assert len(_edits(inspection)) == 2


def test_the_team_drops_an_item_and_its_answers_stay(people) -> None:
    inspection = _inspection(people)
    item = inspection.items.order_by("position").first()
    assert item is not None
    target = inspection.targets.get()
    services.answer(actor=people["leader"], target=target, item=item, result="compliant")

    services.edit_checklist(actor=people["member"], inspection=inspection, remove=item)

    item.refresh_from_db()
    assert item.removed is True
    assert _codes(inspection, removed=True) == [item.code]
    assert len(_codes(inspection)) == DEFAULT_ITEMS - 1
    assert Answer.objects.filter(target=target, item=item, result="compliant").exists()
    [event] = _edits(inspection)
    assert event.changes == {"added": None, "removed": item.code}
    # a dropped item is no longer answered
    with pytest.raises(ValidationError):
        services.answer(actor=people["leader"], target=target, item=item, result="not_applicable")
    assert Answer.objects.get(target=target, item=item).result == "compliant"


def test_the_agency_edits_the_checklist_of_its_own_self_inspection(people) -> None:
    inspection = _inspection(
        people, "justice_officer", kind="self", leader=None, team=[], title="Tự kiểm tra năm 2026"
    )
    services.edit_checklist(
        actor=people["justice_head"],
        inspection=inspection,
        add=("Tự kiểm tra", "Đã rà soát máy tính soạn thảo?", ""),
    )
    assert inspection.items.filter(text="Đã rà soát máy tính soạn thảo?").exists()
    with pytest.raises(NotAllowed):
        services.edit_checklist(
            actor=people["health_officer"], inspection=inspection, add=("", "Việc khác", "")
        )
    assert [e.actor_id for e in _edits(inspection)] == [people["justice_head"].pk]


@pytest.mark.parametrize(
    "who", ["supervisor", "other_inspector", "justice_officer", "justice_head"]
)
def test_only_the_team_edits_the_checklist(people, who) -> None:
    """The supervisor who planned it, an inspector off the team and the inspected agency itself
    do not write the team's checklist."""
    inspection = _inspection(people)
    item = inspection.items.first()
    with pytest.raises(NotAllowed):
        services.edit_checklist(
            actor=people[who], inspection=inspection, add=("", "Câu hỏi thêm", "")
        )
    with pytest.raises(NotAllowed):
        services.edit_checklist(actor=people[who], inspection=inspection, remove=item)
    assert inspection.items.count() == DEFAULT_ITEMS
    assert not inspection.items.filter(removed=True).exists()
    assert _edits(inspection) == []


def test_a_concluded_inspections_checklist_is_fixed(people) -> None:
    inspection = _inspection(people)
    item = inspection.items.first()
    services.conclude(actor=people["leader"], inspection=inspection)
    with pytest.raises(ValidationError, match=r"kết luận|concluded"):
        services.edit_checklist(
            actor=people["leader"], inspection=inspection, add=("", "Câu hỏi muộn", "")
        )
    with pytest.raises(ValidationError, match=r"kết luận|concluded"):
        services.edit_checklist(actor=people["leader"], inspection=inspection, remove=item)
    assert inspection.items.count() == DEFAULT_ITEMS
    assert not inspection.items.filter(removed=True).exists()
    assert _edits(inspection) == []


def test_an_item_without_text_is_refused(people) -> None:
    inspection = _inspection(people)
    with pytest.raises(ValidationError) as refused:
        services.edit_checklist(
            actor=people["leader"], inspection=inspection, add=("Khu vực", "   ", "ND26")
        )
    assert set(refused.value.message_dict) == {"text"}
    assert inspection.items.count() == DEFAULT_ITEMS
    assert _edits(inspection) == []


def test_an_item_of_another_inspection_is_not_dropped_from_this_one(people) -> None:
    """The team of one inspection cannot drop an item of another's checklist by naming it, and
    the log does not claim a drop that did not happen."""
    ours = _inspection(people)
    theirs = _inspection(people, leader=people["other_inspector"], team=[])
    foreign = theirs.items.order_by("position").first()
    assert foreign is not None
    with pytest.raises(ValidationError, match=r"không có trong danh mục|not on"):
        services.edit_checklist(actor=people["leader"], inspection=ours, remove=foreign)
    foreign.refresh_from_db()
    assert foreign.removed is False
    assert not ours.items.filter(removed=True).exists()
    assert _edits(ours) == [] and _edits(theirs) == []
    assert ChecklistItem.objects.filter(removed=True).count() == 0
