"""Reads of the audit chain for supervisors."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet

from bmnn.core import policy
from bmnn.core.models import AuditEvent


def audit_events(
    actor: Any,
    *,
    action: str = "",
    actor_name: str = "",
    agency_id: int | None = None,
    object_type: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    if not policy.can_view_audit(actor):
        return AuditEvent.objects.none()
    events = AuditEvent.objects.select_related("agency").order_by("-seq")
    if action:
        events = events.filter(action__startswith=action)
    if actor_name:
        events = events.filter(actor_name__icontains=actor_name)
    if agency_id:
        events = events.filter(agency_id=agency_id)
    if object_type:
        events = events.filter(object_type=object_type)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events
