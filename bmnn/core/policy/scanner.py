"""Authorisation: the leak scanner — portals, findings and pre-publication checks."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bmnn.core.policy.scope import scope
from bmnn.org.models import Role

# --- Leak scanner --------------------------------------------------------------------------------


def can_manage_portals(actor: Any) -> bool:
    """Supervisors schedule portal scans (DESIGN.md roles); administrators keep the list."""
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def can_view_findings(actor: Any) -> bool:
    actor_scope = scope(actor)
    return any(
        actor_scope.has(role) for role in (Role.SUPERVISOR, Role.INSPECTOR, Role.ADMINISTRATOR)
    )


def can_decide_findings(actor: Any) -> bool:
    return scope(actor).has(Role.SUPERVISOR)


def can_check_documents(actor: Any) -> bool:
    """Anyone signed in may check a file before publishing it (editors of every agency)."""
    return scope(actor).authenticated


def restrict_scan_findings(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Portal findings and the portals themselves: supervisors, inspectors and administrators."""
    return queryset if can_view_findings(actor) else queryset.none()
