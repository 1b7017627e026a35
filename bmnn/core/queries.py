"""Reads of the audit chain for supervisors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core import audit_text, policy
from bmnn.core.models import AuditEvent
from bmnn.org.models import Membership


def audit_events(
    actor: Any,
    *,
    action: str = "",
    kind: str = "",
    actor_name: str = "",
    person: str = "",
    agency_id: int | None = None,
    object_type: str = "",
    object_text: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Events newest first. `person` matches the actor's name or account; `agency_id` the agency
    acted for or, for events recorded without one, the actor's agency; `kind` a group of
    actions (audit_text.KINDS); `object_text` the object's name or id."""
    if not policy.can_view_audit(actor):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("actor", "agency").order_by("-seq")
    if action:
        events = events.filter(action__startswith=action)
    if kind:
        prefixes = Q()
        for prefix in audit_text.kind_prefixes(kind):
            prefixes |= Q(action__startswith=prefix)
        events = events.filter(prefixes) if prefixes else events.none()
    if actor_name:
        events = events.filter(actor_name__icontains=actor_name)
    if person:
        events = events.filter(
            Q(actor_name__icontains=person) | Q(actor__full_name__icontains=person)
        )
    if agency_id:
        members = Membership.objects.filter(agency_id=agency_id).values("person_id")
        events = events.filter(
            Q(agency_id=agency_id) | Q(agency__isnull=True, actor_id__in=members)
        )
    if object_type:
        events = events.filter(object_type=object_type)
    if object_text:
        events = events.filter(Q(object_repr__icontains=object_text) | Q(object_id=object_text))
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events


def actor_agencies(events: list[AuditEvent]) -> dict[int, str]:
    """The agency of each actor among `events` (their first active membership), in one query,
    for sentences about events recorded without an agency."""
    actor_ids = {e.actor_id for e in events if e.actor_id is not None and e.agency_id is None}
    names: dict[int, str] = {}
    if not actor_ids:
        return names
    rows = (
        Membership.objects.filter(person_id__in=actor_ids, is_active=True)
        .order_by("person_id", "pk")
        .values_list("person_id", "agency__name")
    )
    for person_id, name in rows:
        names.setdefault(person_id, name)
    return names
