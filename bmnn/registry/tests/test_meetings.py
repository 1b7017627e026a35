"""Meetings with secret content: plan, consent, close (L18 Art. 17–18; ND26 Art. 6)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import AgencyType, Role
from bmnn.registry import services
from bmnn.registry.models import Meeting
from bmnn.registry.tests.builders import proposed

pytestmark = pytest.mark.django_db

TODAY = date.today()


def _meeting_item(reg, level="toi_mat", classify=True):
    item = proposed(reg, level, by="officer", kind="meeting", summary="Họp bàn phương án bảo vệ")
    if classify:
        services.classify_item(actor=reg["head"], item=item, number="", doc_date=TODAY)
    return item


def _plan(reg, item, **changes):
    values = {
        "starts_on": TODAY,
        "ends_on": TODAY,
        "venue": "Phòng họp tầng 3, trụ sở Sở Tư pháp",
        "protection_plan": "Phòng kín, micro có dây, thu hồi tài liệu khi kết thúc",
        "participants": "Trần Văn Định — Giám đốc\nNguyễn Thị Hoa — cán bộ bảo mật",
    }
    return services.plan_meeting(actor=reg["officer"], item=item, **(values | changes))


def _consented(reg, starts_in: int, ends_in: int):
    """A meeting planned from `starts_in` to `ends_in` days from today, consented to by the head."""
    meeting = _plan(
        reg,
        _meeting_item(reg),
        starts_on=TODAY + timedelta(days=starts_in),
        ends_on=TODAY + timedelta(days=ends_in),
    )
    services.consent_to_meeting(actor=reg["head"], meeting=meeting, approve=True)
    return meeting


def test_a_meeting_is_planned_consented_and_closed(reg) -> None:
    """L18 Art. 17.1: consent of the provision authority; ND26 Art. 6: documents collected."""
    meeting = _plan(reg, _meeting_item(reg))
    assert meeting.state == Meeting.State.PLANNED
    with pytest.raises(ValidationError, match=r"L18 Art\. 17\.1"):
        services.close_meeting(actor=reg["officer"], meeting=meeting, documents_collected=True)
    services.consent_to_meeting(actor=reg["head"], meeting=meeting, approve=True)
    with pytest.raises(ValidationError, match=r"L18 Art\. 17\.1"):
        _plan(reg, meeting.item, venue="Nơi khác")  # consent given: the plan is fixed
    services.close_meeting(actor=reg["officer"], meeting=meeting, documents_collected=True)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.HELD and meeting.documents_collected is True
    actions = list(
        AuditEvent.objects.filter(object_id=str(meeting.item.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions[-3:] == ["secret.meeting_plan", "secret.meeting_consent", "secret.meeting_close"]


def test_forbidden_arrangements_are_refused_when_planned(reg) -> None:
    """ND26 Art. 6.2: no recording device in a Tối mật meeting; ND26 Art. 6: a venue elsewhere
    is security-checked by the police."""
    item = _meeting_item(reg)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 6\.2"):
        _plan(reg, item, recording_devices=True, devices_allowed_by_chair=True)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 6"):
        _plan(reg, item, at_headquarters=False, venue="Khách sạn Bắc Lâm")
    meeting = _plan(
        reg,
        item,
        at_headquarters=False,
        venue="Khách sạn Bắc Lâm",
        venue_check="Phòng An ninh chính trị nội bộ, kiểm tra ngày 20/11",
    )
    assert meeting.at_headquarters is False
    with pytest.raises(ValidationError):
        _plan(reg, item, participants="  \n ")


def test_only_meetings_are_planned_and_only_members_plan_them(reg) -> None:
    item = proposed(reg, by="officer")
    with pytest.raises(ValidationError, match=r"L18 Art\. 17"):
        _plan(reg, item)
    with pytest.raises(NotAllowed):
        services.plan_meeting(actor=reg["health_officer"], item=_meeting_item(reg), venue="x")


def test_consent_comes_from_the_level_s_provision_authority(reg) -> None:
    """L18 Art. 17.1.a with Art. 15.1: the press head may provide only Mật, so may not consent
    to a Tối mật meeting of their own paper; and the level is approved first."""
    from bmnn.org.models import Membership

    Membership.objects.create(person=reg["press_head"], agency=reg["justice"], role=Role.HEAD)
    meeting = _plan(reg, _meeting_item(reg, classify=False))
    with pytest.raises(ValidationError, match=r"L18 Art\. 10\.2"):
        services.consent_to_meeting(actor=reg["head"], meeting=meeting, approve=True)
    with pytest.raises(NotAllowed):
        services.consent_to_meeting(actor=reg["health_head"], meeting=meeting, approve=True)

    press_meeting_item = proposed(reg, "toi_mat", by="press_head", agency="press", kind="meeting")
    services.classify_item(
        actor=reg["press_head"], item=press_meeting_item, number="", doc_date=TODAY
    )
    press_meeting = services.plan_meeting(
        actor=reg["press_head"],
        item=press_meeting_item,
        starts_on=TODAY,
        ends_on=TODAY,
        venue="Phòng họp",
        protection_plan="Kế hoạch",
        participants="Đỗ Minh Báo",
    )
    # consent given today (after 01/3/2026): the 2025 law's article is named
    with pytest.raises(ValidationError, match=r"L25 Art\. 17, 15"):
        services.consent_to_meeting(actor=reg["press_head"], meeting=press_meeting, approve=True)


def test_foreign_participants_need_a_provincial_leader_s_written_consent(
    reg, make_agency, make_person
) -> None:
    """L18 Art. 17.2 with Art. 16: a department head may not consent; the Chairman of the
    People's Committee does, in writing."""
    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    chairman = make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat")
    meeting = _plan(reg, _meeting_item(reg), foreign_element=True)
    with pytest.raises(ValidationError, match=r"L25 Art\. 17, 16"):
        services.consent_to_meeting(actor=reg["head"], meeting=meeting, approve=True)
    with pytest.raises(ValidationError) as unwritten:
        services.consent_to_meeting(actor=chairman, meeting=meeting, approve=True)
    assert set(unwritten.value.message_dict) == {"consent_document"}
    services.consent_to_meeting(
        actor=chairman, meeting=meeting, approve=True, consent_document="Công văn số 88/UBND-NC"
    )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.APPROVED and meeting.consent_by == chairman


def test_closing_a_long_meeting_needs_the_daily_seal_and_missing_documents_alert_the_head(
    reg,
) -> None:
    """ND26 Art. 6: sealed after each day when two days or more; documents collected at the end."""
    meeting = _consented(reg, -2, -1)
    with pytest.raises(ValidationError, match=r"ND26 Art\. 6") as unsealed:
        services.close_meeting(actor=reg["officer"], meeting=meeting, documents_collected=True)
    # named by the box the officer ticks, so that the form shows it there
    assert set(unsealed.value.message_dict) == {"room_sealed_daily"}
    with pytest.raises(ValidationError) as unexplained:
        services.close_meeting(
            actor=reg["officer"], meeting=meeting, documents_collected=False, room_sealed_daily=True
        )
    assert set(unexplained.value.message_dict) == {"note"}
    services.close_meeting(
        actor=reg["officer"],
        meeting=meeting,
        documents_collected=False,
        room_sealed_daily=True,
        note="Một đại biểu chưa nộp lại tài liệu số 3; đã liên hệ thu hồi",
    )
    assert Notification.objects.filter(recipient=reg["head"], key__startswith="meeting-").exists()


def test_a_meeting_not_yet_over_cannot_be_closed(reg) -> None:
    meeting = _consented(reg, 3, 3)
    with pytest.raises(ValidationError):
        services.close_meeting(actor=reg["officer"], meeting=meeting, documents_collected=True)


def test_a_meeting_through_the_item_page(reg, client_for) -> None:
    from django.urls import reverse

    item = _meeting_item(reg)
    url = reverse("registry:item_action", args=[item.pk, "meeting_plan"])
    form = {
        "starts_on": TODAY.isoformat(),
        "ends_on": TODAY.isoformat(),
        "venue": "Phòng họp số 1",
        "at_headquarters": "on",
        "wired_microphones": "on",
        "protection_plan": "Phòng kín",
        "participants": "Trần Văn Định\nNguyễn Thị Hoa",
        "recording_devices": "on",
    }
    response = client_for(reg["officer"]).post(url, form)
    page = response.content.decode()  # refused: the form again, the article cited in words
    assert response.status_code == 400 and not Meeting.objects.exists()
    assert "khoản 2 Điều 6 Nghị định số 26/2020/NĐ-CP" in page and "ND26" not in page
    assert 'value="Phòng họp số 1"' in page
    del form["recording_devices"]
    client_for(reg["officer"]).post(url, form)
    assert Meeting.objects.get().venue == "Phòng họp số 1"
    client_for(reg["head"]).post(
        reverse("registry:item_action", args=[item.pk, "meeting_consent"]), {"decision": "approve"}
    )
    page = client_for(reg["head"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    assert 'data-testid="meeting"' in page and "Nguyễn Thị Hoa" in page
    assert Meeting.objects.get().state == Meeting.State.APPROVED


def test_closing_without_the_daily_seal_is_refused_next_to_its_box(reg, client_for) -> None:
    from django.urls import reverse

    meeting = _consented(reg, -2, -1)
    url = reverse("registry:item_action", args=[meeting.item_id, "meeting_close"])
    response = client_for(reg["officer"]).post(
        url, {"documents_collected": "on", "note": "Thu đủ 12 bản"}
    )
    page = response.content.decode()
    assert response.status_code == 400
    shown = re.search(r'id="id_close_room_sealed_daily_error">([^<]*)<', page)
    assert shown is not None, "the refusal is not next to the box"
    assert shown.group(1).startswith("Hội nghị từ hai ngày trở lên phải niêm phong phòng họp")
    assert "Nghị định số 26/2020/NĐ-CP" in shown.group(1) and "ND26" not in page
    box = re.search(r'<input[^>]*id="id_close_room_sealed_daily"[^>]*>', page)
    assert box is not None and 'aria-describedby="id_close_room_sealed_daily_error"' in box.group(0)
    assert "Thu đủ 12 bản" in page
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.APPROVED


def test_the_written_consent_is_asked_for_next_to_its_field_on_the_approvals_page(
    reg, make_agency, make_person, client_for
) -> None:
    """L18 Art. 17.2: the Chairman consents to a meeting with foreign participants in writing;
    without the number of the document, the approvals page comes back with the message under
    the field and nothing is decided."""
    from django.urls import reverse

    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    chairman = make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat")
    meeting = _plan(reg, _meeting_item(reg), foreign_element=True)
    url = reverse("registry:approval_decide", args=["meeting", meeting.pk])
    field = f"id_meeting{meeting.pk}_consent_document"
    response = client_for(chairman).post(url, {"decision": "approve", "consent_document": "  "})
    page = response.content.decode()
    assert response.status_code == 400
    shown = re.search(rf'id="{field}_error">([^<]*)<', page)
    assert shown is not None, "the refusal is not next to the field"
    assert shown.group(1).startswith("Hội nghị có yếu tố nước ngoài phải được đồng ý bằng văn bản")
    box = re.search(rf'<input[^>]*id="{field}"[^>]*>', page)
    assert box is not None and f'aria-describedby="{field}_error"' in box.group(0)
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED and meeting.consent_by is None

    too_long = "Công văn số " + "9" * 130  # longer than the register keeps
    response = client_for(chairman).post(url, {"decision": "approve", "consent_document": too_long})
    assert response.status_code == 400 and f'value="{too_long}"' in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED

    client_for(chairman).post(
        url, {"decision": "approve", "consent_document": "Công văn số 88/UBND-NC"}
    )
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.APPROVED
    assert meeting.consent_document == "Công văn số 88/UBND-NC"
