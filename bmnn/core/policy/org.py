"""Authorisation: agencies, groups, people, accounts and the audit log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from bmnn.core.levels import NO_CLEARANCE, RANK
from bmnn.core.policy.scope import Scope, by_agency, memberships_scope, scope
from bmnn.org.models import PROVINCE_ROLES, SECOND_FACTOR_ROLES, Role

if TYPE_CHECKING:
    from bmnn.org.models import Agency, Person

# --- Accounts -------------------------------------------------------------------------------


def requires_second_factor(actor: Any) -> bool:
    """Administrators, supervisors, inspectors (who read across the province), heads and
    security officers must pass TOTP."""
    return bool(scope(actor).all_roles & SECOND_FACTOR_ROLES)


def is_province_wide(actor: Any) -> bool:
    return scope(actor).province_wide


def is_administrator(actor: Any) -> bool:
    return scope(actor).has(Role.ADMINISTRATOR)


# --- Agencies and groups --------------------------------------------------------------------


def restrict_agencies(actor: Any, queryset: QuerySet[Agency]) -> QuerySet[Agency]:
    """Agencies whose records the actor may read: all for province-wide roles, otherwise the
    actor's own."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return queryset.none()
    if actor_scope.province_wide:
        return queryset
    return queryset.filter(pk__in=actor_scope.agency_ids)


def can_view_agency(actor: Any, agency: Agency) -> bool:
    actor_scope = scope(actor)
    return actor_scope.province_wide or agency.pk in actor_scope.agency_ids


def can_create_agency(actor: Any) -> bool:
    return scope(actor).province_wide


def can_change_agency(actor: Any, agency: Agency) -> bool:
    """Province roles change any agency; a head changes the details of their own."""
    actor_scope = scope(actor)
    return actor_scope.province_wide or actor_scope.has(Role.HEAD, agency.pk)


def can_manage_groups(actor: Any) -> bool:
    return scope(actor).province_wide


# --- People ---------------------------------------------------------------------------------

# How far a role reaches over other people's identity: one may change the name, e-mail and
# details only of a person whose every role ranks strictly lower.
ROLE_RANK: dict[str, int] = {
    Role.STAFF: 1,
    Role.SECURITY_OFFICER: 2,
    Role.INSPECTOR: 2,
    Role.HEAD: 3,
    Role.SUPERVISOR: 4,
    Role.ADMINISTRATOR: 5,
}


def _rank(roles: frozenset[str]) -> int:
    return max((ROLE_RANK.get(role, 0) for role in roles), default=0)


def restrict_people(actor: Any, queryset: QuerySet[Person]) -> QuerySet[Person]:
    """People the actor may read: everyone for province roles, else members of their agencies."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return queryset.none()
    if actor_scope.province_wide:
        return queryset
    return queryset.filter(
        memberships__agency_id__in=actor_scope.agency_ids, memberships__is_active=True
    ).distinct()


def restrict_memberships(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Who holds which role where: province roles see every agency's, others their own's."""
    return by_agency(actor, queryset)


def can_manage_people(actor: Any, agency: Agency) -> bool:
    """Add people to an agency and end their membership (roles are checked by
    `can_assign_role`)."""
    actor_scope = scope(actor)
    return (
        actor_scope.province_wide
        or actor_scope.has(Role.HEAD, agency.pk)
        or actor_scope.has(Role.SECURITY_OFFICER, agency.pk)
    )


def can_change_person(actor: Any, person: Person) -> bool:
    """Change a person's name, e-mail and details: the person themself, or someone who outranks
    every role the person holds — a province role anywhere, or a head or security officer of
    one of the person's agencies. Nobody changes the identity of an equal or a superior."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return False
    if getattr(actor, "pk", None) == person.pk:
        return True
    target = scope_of_person(person)
    target_rank = _rank(target.all_roles)
    if actor_scope.province_wide:
        return _rank(actor_scope.all_roles) > target_rank
    return any(
        _rank(actor_scope.roles_by_agency.get(agency_id, frozenset()) & _MANAGERS) > target_rank
        for agency_id in target.agency_ids
    )


_MANAGERS = frozenset({Role.HEAD, Role.SECURITY_OFFICER})


def scope_of_person(person: Person) -> Scope:
    """The roles a person holds, whether or not the account is on (an account switched off
    keeps its rank: it is switched on again by a superior)."""
    return memberships_scope(person)


def can_change_username(actor: Any, person: Person) -> bool:
    """A login name is changed only by an administrator (it is what the audit log shows)."""
    return is_administrator(actor) and (
        getattr(actor, "pk", None) == person.pk
        or not scope_of_person(person).has(Role.ADMINISTRATOR)
    )


def can_deactivate_person(actor: Any, person: Person) -> bool:
    """Turning an account off is a manager's act over a lower role, never one's own."""
    return getattr(actor, "pk", None) != person.pk and can_change_person(actor, person)


def can_assign_role(actor: Any, agency: Agency, role: str) -> bool:
    """Province roles are given only by an administrator; a head names officers and staff, an
    officer names staff, in their own agency; province roles assign any agency role."""
    actor_scope = scope(actor)
    if role in PROVINCE_ROLES:
        return actor_scope.has(Role.ADMINISTRATOR)
    if actor_scope.province_wide:
        return True
    if actor_scope.has(Role.HEAD, agency.pk):
        return role in {Role.SECURITY_OFFICER, Role.STAFF}
    if actor_scope.has(Role.SECURITY_OFFICER, agency.pk):
        return role == Role.STAFF
    return False


def can_grant_clearance(actor: Any, person: Person, level: str) -> bool:
    """A supervisor, or the head of the person's agency, grants access up to their own
    clearance; an administrator (IT) does not decide who may read secrets. A person who works
    in several agencies carries one clearance into each of them, so a head decides it only when
    heading every one (otherwise the supervisor does)."""
    actor_scope = scope(actor)
    if RANK.get(level, 99) > RANK.get(getattr(actor, "clearance", NO_CLEARANCE), 0):
        return False
    if actor_scope.has(Role.SUPERVISOR):
        return True
    agency_ids = scope_of_person(person).agency_ids
    return bool(agency_ids) and all(actor_scope.has(Role.HEAD, a) for a in agency_ids)


# --- Notifications --------------------------------------------------------------------------


def restrict_notifications(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Notifications are personal: each person reads their own."""
    if not scope(actor).authenticated:
        return queryset.none()
    return queryset.filter(recipient_id=actor.pk)


# --- Audit ----------------------------------------------------------------------------------


def can_view_audit(actor: Any) -> bool:
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def restrict_audit(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The audit log: supervisors and administrators read every event; nobody else any."""
    return queryset if can_view_audit(actor) else queryset.none()
