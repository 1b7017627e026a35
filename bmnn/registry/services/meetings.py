"""Meetings with secret content (L18 Art. 17–18; ND26 Art. 6)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.services import assign, locked, require, service
from bmnn.org.models import Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.registry import rules
from bmnn.registry.models import (
    ItemStatus,
    Kind,
    Meeting,
    SecretItem,
)
from bmnn.registry.services.common import (
    _audit,
    _law,
    _notify_item,
    _refuse,
    _require_clearance,
)

MEETING_FIELDS = (
    "starts_on",
    "ends_on",
    "venue",
    "at_headquarters",
    "venue_check",
    "wired_microphones",
    "recording_devices",
    "devices_allowed_by_chair",
    "video_conference",
    "protected_link",
    "foreign_element",
    "participants_screened",
    "protection_plan",
    "participants",
)


def _meeting_plan(meeting: Meeting) -> rules.MeetingPlan:
    return rules.MeetingPlan(
        level=meeting.item.level,
        days=meeting.days,
        at_headquarters=meeting.at_headquarters,
        venue_checked_by_police=bool(meeting.venue_check.strip()),
        wired_microphones=meeting.wired_microphones,
        recording_devices=meeting.recording_devices,
        devices_allowed_by_chair=meeting.devices_allowed_by_chair,
        video_conference=meeting.video_conference,
        protected_link=meeting.protected_link,
        protection_plan=meeting.protection_plan,
        foreign_element=meeting.foreign_element,
        participants_screened=meeting.participants_screened,
    )


@service
def plan_meeting(*, actor: Person, item: SecretItem, **arrangements: Any) -> Meeting:
    """The organiser declares the venue, devices, protection plan and participants of a meeting
    with secret content (L18 Art. 17; ND26 Art. 6). Anything the rules forbid is refused at
    once with its article, so the head consents to a plan that may go ahead."""
    item = locked(SecretItem.objects).get(pk=item.pk)
    require(
        policy.can_propose_item(actor, item.agency_id),
        _("Only members of the organising agency plan its meetings."),
    )
    _law(
        item.kind == Kind.MEETING and item.status in (ItemStatus.PROPOSED, ItemStatus.CLASSIFIED),
        _("Only a meeting proposed or classified as secret is planned here"),
        "L18 Art. 17",
    )
    unknown = set(arrangements) - set(MEETING_FIELDS)
    if unknown:
        raise TypeError(f"unknown meeting fields: {sorted(unknown)}")
    meeting = Meeting.objects.filter(item=item).first() or Meeting(item=item, organiser=actor)
    _law(
        meeting.state in (Meeting.State.PLANNED, Meeting.State.REFUSED),
        _("The consent is given; the plan can no longer change"),
        "L18 Art. 17.1",
    )
    assign(meeting, arrangements)
    missing = [name for name in ("starts_on", "ends_on", "venue") if not getattr(meeting, name)]
    if missing:
        raise ValidationError({name: _("This field is required.") for name in missing})
    if not meeting.participant_list:
        raise ValidationError({"participants": _("List who attends (L18 Art. 17.1).")})
    if meeting.ends_on < meeting.starts_on:
        raise ValidationError({"ends_on": _("The last day is before the first.")})
    for violation in rules.meeting_violations(_meeting_plan(meeting)):
        raise _refuse(violation)
    meeting.state, meeting.organiser = Meeting.State.PLANNED, actor
    meeting.save()
    _audit(
        actor,
        "secret.meeting_plan",
        item,
        {
            "starts_on": meeting.starts_on,
            "ends_on": meeting.ends_on,
            "venue": meeting.venue,
            "participants": len(meeting.participant_list),
        },
    )
    return meeting


@service
def consent_to_meeting(
    *, actor: Person, meeting: Meeting, approve: bool, consent_document: str = ""
) -> Meeting:
    """Consent of the provision authority of the level (L18 Art. 17.1.a); with foreign
    participants, the Art. 16 authority's written consent (Art. 17.2)."""
    meeting = locked(Meeting.objects).select_related("item__agency").get(pk=meeting.pk)
    item = meeting.item
    types = {item.agency.type} if policy.is_head_of(actor, item.agency_id) else set()
    if meeting.foreign_element:
        types = policy.headed_agency_types(actor)
    require(
        bool(types),
        _(
            "Only the head of the organising agency, or for foreign participants a provincial leader, consents."
        ),
    )
    today = timezone.localdate()  # a consent given now: today's regime judges it
    _law(
        any(
            rules.may_consent_to_meeting(
                kind, item.level, foreign_element=meeting.foreign_element, on=today
            )
            for kind in types
        ),
        _("Your office may not consent to a meeting at this level"),
        rules.cite(rules.MEETING_FOREIGN if meeting.foreign_element else rules.MEETING, today),
    )
    _require_clearance(actor, item.level)
    _law(
        meeting.state == Meeting.State.PLANNED,
        _("This meeting was already decided"),
        "L18 Art. 17.1",
    )
    _law(
        item.status == ItemStatus.CLASSIFIED,
        _("Approve the meeting's level before consenting to it"),
        "L18 Art. 10.2",
    )
    if approve and meeting.foreign_element and not consent_document.strip():
        raise ValidationError(
            {
                "consent_document": _(
                    "Consent for foreign participants is given in writing (L18 Art. 17.2)."
                )
            }
        )
    for violation in rules.meeting_violations(_meeting_plan(meeting)):
        raise _refuse(violation)
    meeting.state = Meeting.State.APPROVED if approve else Meeting.State.REFUSED
    meeting.consent_by, meeting.consent_document = actor, consent_document.strip()
    meeting.save(update_fields=["state", "consent_by", "consent_document"])
    _audit(
        actor,
        "secret.meeting_" + ("consent" if approve else "refuse"),
        item,
        {"document": meeting.consent_document},
    )
    _notify_item(
        [meeting.organiser],
        item.pk,
        _("Meeting consent given") if approve else _("Meeting consent refused"),
        f"meeting-{meeting.pk}-decided",
    )
    return meeting


@service
def close_meeting(
    *,
    actor: Person,
    meeting: Meeting,
    documents_collected: bool,
    room_sealed_daily: bool = False,
    note: str = "",
) -> Meeting:
    """After the meeting the officer records that the documents were collected and, for a
    meeting of two days or more, that the room was sealed each day (ND26 Art. 6). Documents
    not collected are a possible loss: the head is told at once."""
    meeting = locked(Meeting.objects).select_related("item__agency").get(pk=meeting.pk)
    item = meeting.item
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("The agency's security officer closes the meeting record."),
    )
    _law(
        meeting.state == Meeting.State.APPROVED,
        _("Only a meeting with consent is closed"),
        "L18 Art. 17.1",
    )
    if meeting.ends_on > timezone.localdate():
        raise ValidationError({"ends_on": _("The meeting has not ended yet.")})
    if not room_sealed_daily and rules.meeting_needs_daily_seal(meeting.days):
        # named by its field, so that the form shows it next to the box to tick
        sealed = _("For a meeting of two days or more the room is sealed after each day")
        raise ValidationError(
            {"room_sealed_daily": ValidationError(f"{sealed} (ND26 Art. 6)", code="rule")}
        )
    if not documents_collected and not note.strip():
        raise ValidationError({"note": _("Say which documents were not collected and why.")})
    meeting.state, meeting.closed_by, meeting.closing_note = Meeting.State.HELD, actor, note.strip()
    meeting.documents_collected, meeting.room_sealed_daily = documents_collected, room_sealed_daily
    meeting.save(
        update_fields=[
            "state",
            "closed_by",
            "closing_note",
            "documents_collected",
            "room_sealed_daily",
        ]
    )
    _audit(
        actor,
        "secret.meeting_close",
        item,
        {"documents_collected": documents_collected, "sealed": room_sealed_daily},
    )
    if not documents_collected:
        _notify_item(
            people_in_roles((Role.HEAD,), {item.agency_id}),
            item.pk,
            _("Documents of a secret meeting were not all collected"),
            f"meeting-{meeting.pk}-missing",
        )
    return meeting
