"""Authorisation: the channels between nodes (peers, outbox, inbox)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from bmnn.core.policy.scope import scope
from bmnn.org.models import Role


def node_agency_ids() -> set[int]:
    """The agency an agency node serves (empty on the province node)."""
    from bmnn.org.models import Agency

    if settings.BMNN_NODE != "agency" or not settings.BMNN_NODE_AGENCY:
        return set()
    return set(Agency.objects.filter(code=settings.BMNN_NODE_AGENCY).values_list("pk", flat=True))


def can_carry_bundles(actor: Any) -> bool:
    """Who makes and brings in the bundles of this node: on the province node its supervisors
    and administrators; on an agency node its administrator and the agency's head and security
    officer (the people who carry the secret medium)."""
    actor_scope = scope(actor)
    if actor_scope.has(Role.ADMINISTRATOR):
        return True
    if settings.BMNN_NODE == "province":
        return actor_scope.has(Role.SUPERVISOR)
    return any(
        actor_scope.has(role, agency_id)
        for agency_id in node_agency_ids()
        for role in (Role.HEAD, Role.SECURITY_OFFICER)
    )


def can_manage_peers(actor: Any) -> bool:
    """Trusting another node's key is set up by an administrator."""
    return scope(actor).has(Role.ADMINISTRATOR)


def restrict_channels(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Peers, outbox and inbox rows: those who carry the bundles."""
    return rows if can_carry_bundles(actor) else rows.none()
