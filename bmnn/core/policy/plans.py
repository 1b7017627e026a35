"""Authorisation: plans, tasks, assignments and their progress."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from bmnn.core.policy.scope import scope
from bmnn.org.models import Role

# --- Plans and tasks -----------------------------------------------------------------------------


def can_manage_plans(actor: Any) -> bool:
    """Import, edit, issue and close plans, accept or return "done": the province supervisor."""
    return scope(actor).has(Role.SUPERVISOR)


def restrict_plans(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Supervisors see every plan; an agency sees issued plans that assign it something."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return queryset.none()
    if actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR):
        return queryset
    return queryset.filter(
        status__in=["issued", "closed"],
        tasks__assignments__agency_id__in=actor_scope.agency_ids,
    ).distinct()


def restrict_assignments(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """An agency sees its own assignments and, where it leads a task, its coordinators' (not
    other leads': a task led by a group gives every member its own lead assignment).

    The lead is looked up by a correlated subquery, not a join: a join repeats each row once
    per task party and needs DISTINCT over the whole selected row, and the result can be
    narrowed further (or used as a subquery) without either."""
    from bmnn.plans.models import Assignment

    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return queryset.none()
    if actor_scope.province_wide:
        return queryset
    led = Assignment.objects.filter(
        task_id=OuterRef("task_id"), role="lead", agency_id__in=actor_scope.agency_ids
    )
    return queryset.filter(
        Q(agency_id__in=actor_scope.agency_ids) | (Q(role="coordinating") & Exists(led))
    )


def can_report_progress(actor: Any, assignment: Any) -> bool:
    """Any member of the assigned agency except an inspector posts its progress."""
    actor_scope = scope(actor)
    roles = actor_scope.roles_by_agency.get(assignment.agency_id, frozenset())
    return bool(roles & {Role.HEAD, Role.SECURITY_OFFICER, Role.STAFF})


def can_review_progress(actor: Any) -> bool:
    return scope(actor).has(Role.SUPERVISOR)


def restrict_evidence(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Progress updates' evidence files: readable with the assignment they belong to."""
    from bmnn.plans.models import Assignment

    visible = restrict_assignments(actor, Assignment.objects.all()).values("pk")
    return queryset.filter(update__assignment_id__in=visible)
