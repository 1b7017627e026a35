"""Authorisation: computers, media, independent LANs and host audits."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.core.policy.inspections import can_self_inspect
from bmnn.core.policy.scope import by_agency, scope
from bmnn.org.models import Role

# --- Devices -------------------------------------------------------------------------------------


def can_keep_inventory(actor: Any, agency_id: int) -> bool:
    """The agency's security officer or head keeps its device inventory; supervisors too."""
    return can_self_inspect(actor, agency_id) or scope(actor).has(Role.SUPERVISOR)


def can_import_host_report(actor: Any, agency_id: int) -> bool:
    """Inspectors bring reports from their visits; the agency may audit itself."""
    return can_keep_inventory(actor, agency_id) or scope(actor).has(Role.INSPECTOR)


def restrict_devices(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Devices, media and independent LANs (anything with an agency): province-wide roles and
    inspectors see all, others their own agencies'."""
    return by_agency(actor, rows, inspectors=True)
