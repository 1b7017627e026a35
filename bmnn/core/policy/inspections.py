"""Authorisation: inspections and their findings, training, regulations, designated staff,
the budget estimate and the legal library."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core.policy.scope import by_agency, scope
from bmnn.org.models import Role

# --- Inspections, training, legal library --------------------------------------------------------


def can_plan_inspections(actor: Any) -> bool:
    return scope(actor).has(Role.SUPERVISOR)


def can_self_inspect(actor: Any, agency_id: int) -> bool:
    roles = scope(actor).roles_by_agency.get(agency_id, frozenset())
    return bool(roles & {Role.HEAD, Role.SECURITY_OFFICER})


def is_inspector_of(actor: Any, inspection: Any) -> bool:
    """The team leader and members; for a self-inspection, the agency's head and officer."""
    if getattr(actor, "pk", None) is None:
        return False
    if inspection.leader_id == actor.pk or inspection.team.filter(pk=actor.pk).exists():
        return True
    if inspection.kind == "self":
        return any(can_self_inspect(actor, t.agency_id) for t in inspection.targets.all())
    return False


def restrict_inspections(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Province-wide roles see every inspection; others those of their agencies and those they
    are on."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return rows.none()
    if actor_scope.province_wide or actor_scope.has(Role.INSPECTOR):
        return rows
    return rows.filter(
        Q(targets__agency_id__in=actor_scope.agency_ids) | Q(leader=actor) | Q(team=actor)
    ).distinct()


def restrict_targets(actor: Any, rows: QuerySet[Any], path: str = "") -> QuerySet[Any]:
    """An inspection's targets, and what hangs off one target (`path` to it: findings, answers,
    remediation): the inspection team, province-wide roles and inspectors read every target;
    an inspected agency reads only its own — a joint inspection's other agencies' findings
    stay with them."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return rows.none()
    if actor_scope.province_wide or actor_scope.has(Role.INSPECTOR):
        return rows
    prefix = f"{path}__" if path else ""
    on_team = Q(**{f"{prefix}inspection__leader": actor}) | Q(
        **{f"{prefix}inspection__team": actor}
    )
    own = Q(**{f"{prefix}agency_id__in": actor_scope.agency_ids})
    return rows.filter(pk__in=rows.filter(own | on_team).values("pk"))


def restrict_findings(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Inspection findings: readable with their target."""
    return restrict_targets(actor, rows, path="target")


def restrict_agency_records(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Training sessions, regulations and designated staff: province-wide roles read every
    agency's, others their own agencies'."""
    return by_agency(actor, rows)


def can_remediate(actor: Any, agency_id: int) -> bool:
    return can_self_inspect(actor, agency_id)


def can_record_training(actor: Any, agency_id: int) -> bool:
    return can_self_inspect(actor, agency_id) or scope(actor).has(Role.SUPERVISOR)


def can_manage_library(actor: Any) -> bool:
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def restrict_budgets(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """The police's budget estimate: the supervisors who draw it up."""
    return rows if can_plan_inspections(actor) else rows.none()
