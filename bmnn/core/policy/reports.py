"""Authorisation: incidents and periodic or ad-hoc reports."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core.policy.scope import by_agency, managed_agencies, readable_levels, scope
from bmnn.org.models import Role

# --- Incidents ------------------------------------------------------------------------------


def can_report_incident(actor: Any, agency_id: int) -> bool:
    """Anyone of the agency reports a leak or loss at once; supervisors for any agency."""
    actor_scope = scope(actor)
    return agency_id in actor_scope.agency_ids or actor_scope.has(Role.SUPERVISOR)


def restrict_incidents(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Incident reports: province-wide roles and inspectors read every agency's, others their own
    agencies'; and only within the reader's clearance — an incident about a Tuyệt mật document
    describes it, so it is read like one (L18 Art. 26). Unclassified incidents (no level) are
    read by the agency."""
    within = Q(level__in=["", "none"]) | Q(level__in=readable_levels(actor))
    return by_agency(actor, rows, inspectors=True).filter(within)


def can_read_incident(actor: Any, incident: Any) -> bool:
    from bmnn.reports.models import Incident

    return restrict_incidents(actor, Incident.objects.filter(pk=incident.pk)).exists()


def can_follow_incident(actor: Any, incident: Any) -> bool:
    """Add a follow-up step: someone of the agency or a province-wide role, who may read it."""
    actor_scope = scope(actor)
    involved = incident.agency_id in actor_scope.agency_ids or actor_scope.province_wide
    return involved and can_read_incident(actor, incident)


def can_close_incident(actor: Any) -> bool:
    """Follow-up and closure: the province supervisor (the standing body)."""
    return scope(actor).has(Role.SUPERVISOR)


# --- Periodic and ad-hoc reports ------------------------------------------------------------


def can_manage_reporting(actor: Any) -> bool:
    """Open periods and requests, accept or return reports, build the province's report."""
    return scope(actor).has(Role.SUPERVISOR)


def can_draft_report(actor: Any, agency_id: int) -> bool:
    """The agency's head and security officer write its report; the head signs it."""
    return agency_id in managed_agencies(scope(actor))


def restrict_submissions(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Reports: province-wide roles see every agency's, others their own agencies'."""
    return by_agency(actor, rows)


def restrict_periods(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Periods and ad-hoc requests the actor sees: every one for province-wide roles; otherwise
    those one of their agencies is asked for (`reports.services.periods_asking`: by name, or
    as a reporting agency of a province-wide period)."""
    from bmnn.org.models import Agency
    from bmnn.reports.services import periods_asking

    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return rows.none()
    if actor_scope.province_wide:
        return rows
    asked = periods_asking(Agency.objects.filter(pk__in=actor_scope.agency_ids))
    return rows.filter(pk__in=asked.values("pk"))


def restrict_province_reports(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """The province's own report (aggregated figures, narrative): supervisors."""
    return rows if can_manage_reporting(actor) else rows.none()


def can_import_reports(actor: Any) -> bool:
    """Bring in lower installations' signed reports: supervisors and administrators."""
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def restrict_imported_reports(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    return rows if can_import_reports(actor) else rows.none()
