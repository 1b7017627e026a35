"""Who the actor is in the province: roles by agency, read once per request, and the levels
the actor's clearance reaches (L18 Art. 26)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from bmnn.core.levels import NO_CLEARANCE, RANK
from bmnn.org.models import PROVINCE_ROLES, Role

_CACHE_ATTR = "_bmnn_scope"


@dataclass(frozen=True)
class Scope:
    """What an actor's memberships allow: roles by agency id, and province-wide roles."""

    authenticated: bool
    roles_by_agency: dict[int, frozenset[str]] = field(default_factory=dict)
    # each of those agencies' type, read in the same query (powers the law gives by office)
    type_of_agency: dict[int, str] = field(default_factory=dict)

    @property
    def all_roles(self) -> frozenset[str]:
        return frozenset().union(*self.roles_by_agency.values())

    @property
    def province_wide(self) -> bool:
        return bool(self.all_roles & PROVINCE_ROLES)

    def has(self, role: str, agency_id: int | None = None) -> bool:
        if agency_id is None:
            return role in self.all_roles
        return role in self.roles_by_agency.get(agency_id, frozenset())

    @property
    def agency_ids(self) -> frozenset[int]:
        return frozenset(self.roles_by_agency)


ANONYMOUS = Scope(authenticated=False)


def scope(actor: Any) -> Scope:
    """The actor's scope, read once per actor object (one query) and cached on it."""
    if actor is None or not getattr(actor, "is_authenticated", False) or not actor.is_active:
        return ANONYMOUS
    cached = getattr(actor, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    result = memberships_scope(actor)
    setattr(actor, _CACHE_ATTR, result)
    return result


def memberships_scope(person: Any) -> Scope:
    """The roles a person holds through active memberships of active agencies (one query),
    whether or not the account itself is on."""
    from bmnn.org.models import Membership

    roles: dict[int, set[str]] = {}
    types: dict[int, str] = {}
    rows = Membership.objects.filter(person=person, is_active=True, agency__is_active=True)
    for agency_id, role, agency_type in rows.values_list("agency_id", "role", "agency__type"):
        roles.setdefault(agency_id, set()).add(role)
        types[agency_id] = agency_type
    return Scope(True, {key: frozenset(value) for key, value in roles.items()}, types)


def forget(actor: Any) -> None:
    """Drops the cached scope after the actor's memberships changed."""
    if actor is not None and hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


def readable_levels(actor: Any) -> list[str]:
    """Levels at or below the actor's clearance (L18 Art. 26)."""
    rank = RANK.get(getattr(actor, "clearance", NO_CLEARANCE), 0)
    return [level for level, value in RANK.items() if 0 < value <= rank]


def managed_agencies(actor_scope: Scope) -> set[int]:
    """Agencies whose registers and reports the actor keeps or answers for: heads and security
    officers."""
    return {
        agency_id
        for agency_id, roles in actor_scope.roles_by_agency.items()
        if roles & {Role.HEAD, Role.SECURITY_OFFICER}
    }


def by_agency(
    actor: Any, rows: QuerySet[Any], *, path: str = "agency", inspectors: bool = False
) -> QuerySet[Any]:
    """The common shape of an agency's records: province-wide roles (and, where `inspectors`,
    inspectors, who may inspect any agency) read all; everyone else their own agencies' rows,
    reached through `path`."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return rows.none()
    if actor_scope.province_wide or (inspectors and actor_scope.has(Role.INSPECTOR)):
        return rows
    return rows.filter(**{f"{path}_id__in": actor_scope.agency_ids})
