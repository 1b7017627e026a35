"""Authorisation: one function per question, used by pages, API, exports and search alike.

Deny by default. An actor's scope comes from their active memberships: administrators and
province supervisors see the whole province; everyone else sees the agencies they belong to.
List-shaped questions are answered by `restrict_*` functions that narrow a queryset, so the list
page, the API, the CSV export and search all start from the same restricted rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet

from bmnn.org.models import CLEARANCE_RANK, PROVINCE_ROLES, SECOND_FACTOR_ROLES, Agency, Role
from bmnn.registry import rules

if TYPE_CHECKING:
    from bmnn.org.models import Agency, Person

_CACHE_ATTR = "_bmnn_scope"


@dataclass(frozen=True)
class Scope:
    """What an actor's memberships allow: roles by agency id, and province-wide roles."""

    authenticated: bool
    roles_by_agency: dict[int, frozenset[str]] = field(default_factory=dict)

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
    from bmnn.org.models import Membership

    roles: dict[int, set[str]] = {}
    rows = Membership.objects.filter(person=actor, is_active=True, agency__is_active=True)
    for agency_id, role in rows.values_list("agency_id", "role"):
        roles.setdefault(agency_id, set()).add(role)
    result = Scope(True, {key: frozenset(value) for key, value in roles.items()})
    setattr(actor, _CACHE_ATTR, result)
    return result


def forget(actor: Any) -> None:
    """Drops the cached scope after the actor's memberships changed."""
    if actor is not None and hasattr(actor, _CACHE_ATTR):
        delattr(actor, _CACHE_ATTR)


# --- Accounts -------------------------------------------------------------------------------


def requires_second_factor(actor: Any) -> bool:
    """Supervisors, heads, security officers and administrators must use TOTP."""
    return bool(scope(actor).all_roles & SECOND_FACTOR_ROLES)


def is_province_wide(actor: Any) -> bool:
    return scope(actor).province_wide


def is_administrator(actor: Any) -> bool:
    return scope(actor).has(Role.ADMINISTRATOR)


# --- Agencies -------------------------------------------------------------------------------


def restrict_agencies(actor: Any, queryset: QuerySet[Agency]) -> QuerySet[Agency]:
    """Agencies whose records the actor may read."""
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


def can_export_agencies(actor: Any) -> bool:
    return scope(actor).authenticated


# --- People ---------------------------------------------------------------------------------


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


def can_view_person(actor: Any, person: Person) -> bool:
    from bmnn.org.models import Person as PersonModel

    if actor is not None and getattr(actor, "pk", None) == person.pk:
        return True
    return restrict_people(actor, PersonModel.objects.filter(pk=person.pk)).exists()


def can_manage_people(actor: Any, agency: Agency) -> bool:
    """Add people to an agency, edit their details, end their membership."""
    actor_scope = scope(actor)
    return (
        actor_scope.province_wide
        or actor_scope.has(Role.HEAD, agency.pk)
        or actor_scope.has(Role.SECURITY_OFFICER, agency.pk)
    )


def can_change_person(actor: Any, person: Person) -> bool:
    """Edit a person's details: a province role, or a manager of one of the person's agencies."""
    actor_scope = scope(actor)
    if actor_scope.province_wide:
        return True
    agency_ids = set(person.memberships.filter(is_active=True).values_list("agency_id", flat=True))
    return any(
        actor_scope.has(Role.HEAD, agency_id) or actor_scope.has(Role.SECURITY_OFFICER, agency_id)
        for agency_id in agency_ids
    )


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
    """A supervisor, or the head of one of the person's agencies, grants access up to their own
    clearance; an administrator (IT) does not decide who may read secrets."""
    actor_scope = scope(actor)
    if CLEARANCE_RANK.get(level, 99) > CLEARANCE_RANK.get(getattr(actor, "clearance", "none"), 0):
        return False
    if actor_scope.has(Role.SUPERVISOR):
        return True
    agency_ids = set(person.memberships.filter(is_active=True).values_list("agency_id", flat=True))
    return any(actor_scope.has(Role.HEAD, agency_id) for agency_id in agency_ids)


# --- Audit ----------------------------------------------------------------------------------


def can_view_audit(actor: Any) -> bool:
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def can_manage_groups(actor: Any) -> bool:
    return scope(actor).province_wide


# --- Plans and tasks --------------------------------------------------------------------------


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
    other leads': a task led by a group gives every member its own lead assignment)."""
    actor_scope = scope(actor)
    if not actor_scope.authenticated:
        return queryset.none()
    if actor_scope.province_wide:
        return queryset
    from django.db.models import Q

    return queryset.filter(
        Q(agency_id__in=actor_scope.agency_ids)
        | Q(
            role="coordinating",
            task__assignments__agency_id__in=actor_scope.agency_ids,
            task__assignments__role="lead",
        )
    ).distinct()


def can_report_progress(actor: Any, assignment: Any) -> bool:
    """Any member of the assigned agency except an inspector posts its progress."""
    actor_scope = scope(actor)
    roles = actor_scope.roles_by_agency.get(assignment.agency_id, frozenset())
    return bool(roles & {Role.HEAD, Role.SECURITY_OFFICER, Role.STAFF})


def can_review_progress(actor: Any) -> bool:
    return scope(actor).has(Role.SUPERVISOR)


# --- State-secret registry ------------------------------------------------------------------


def readable_levels(actor: Any) -> list[str]:
    """Levels at or below the actor's clearance (L18 Art. 26)."""
    rank = CLEARANCE_RANK.get(getattr(actor, "clearance", "none"), 0)
    return [level for level, value in CLEARANCE_RANK.items() if 0 < value <= rank]


def _managed_agencies(actor_scope: Scope) -> set[int]:
    """Agencies whose registers the actor keeps or answers for: heads and security officers."""
    return {
        agency_id
        for agency_id, roles in actor_scope.roles_by_agency.items()
        if roles & {Role.HEAD, Role.SECURITY_OFFICER}
    }


def restrict_items(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Items the actor may read: their agency's, at or below their clearance, and with a need
    to know — head or security officer of the agency, the drafter, the approver, a holder of a
    copy, or an explicit grant. Supervisors of the province get counts, not rows."""
    from django.db.models import Q

    actor_scope = scope(actor)
    levels = readable_levels(actor)
    if not actor_scope.authenticated or not levels:
        return queryset.none()
    managed = _managed_agencies(actor_scope)
    others = set(actor_scope.agency_ids) - managed
    # Where the actor keeps the register, the agency is the need to know; elsewhere it must be
    # personal. Built so that a keeper's query is a plain index-friendly filter (no OR), and
    # with subqueries rather than joins, so no DISTINCT over a large register.
    personal = (
        Q(author=actor)
        | Q(approved_by=actor)
        | Q(pk__in=_held_item_ids(actor))
        | Q(pk__in=_granted_item_ids(actor))
    )
    if not others:
        need_to_know = Q(agency_id__in=managed)
    elif not managed:
        need_to_know = Q(agency_id__in=others) & personal
    else:
        need_to_know = Q(agency_id__in=managed) | (Q(agency_id__in=others) & personal)
    return queryset.filter(need_to_know, level__in=levels)


def _held_item_ids(actor: Any) -> QuerySet[Any]:
    from bmnn.registry.models import Copy

    return Copy.objects.filter(holder=actor).values("item_id")


def _granted_item_ids(actor: Any) -> QuerySet[Any]:
    from bmnn.registry.models import NeedToKnow

    return NeedToKnow.objects.filter(person=actor).values("item_id")


def can_read_item(actor: Any, item: Any) -> bool:
    return restrict_items(actor, type(item).objects.filter(pk=item.pk)).exists()


def can_keep_registers(actor: Any, agency_id: int) -> bool:
    """Register, copy, hand over: the agency's security officer (or its head)."""
    return agency_id in _managed_agencies(scope(actor))


def can_propose_item(actor: Any, agency_id: int) -> bool:
    roles = scope(actor).roles_by_agency.get(agency_id, frozenset())
    return bool(roles & {Role.HEAD, Role.SECURITY_OFFICER, Role.STAFF})


def is_head_of(actor: Any, agency_id: int) -> bool:
    return scope(actor).has(Role.HEAD, agency_id)


def headed_agency_types(actor: Any) -> set[str]:
    """The types of the agencies the actor heads (for powers the law gives by office)."""
    headed = [a for a, roles in scope(actor).roles_by_agency.items() if Role.HEAD in roles]
    if not headed:
        return set()
    return set(Agency.objects.filter(pk__in=headed).values_list("type", flat=True))


def carry_outs_to_decide(actor: Any, rows: Any) -> Any:
    """Carrying-out requests this actor decides: their own agency's new requests (as its head)
    and, for an Art. 14.2 authority, requests endorsed for going abroad."""
    headed = [a for a, roles in scope(actor).roles_by_agency.items() if Role.HEAD in roles]
    if not headed:
        return rows.none()
    condition = Q(state="requested", copy__item__agency_id__in=headed)
    if headed_agency_types(actor) & rules.CARRY_ABROAD_AUTHORITY:
        condition |= Q(state="endorsed", abroad=True)
    return rows.filter(condition)


def meetings_to_decide(actor: Any, rows: Any) -> Any:
    """Meetings awaiting this actor's consent: their own agency's (as its head) and, for an
    Art. 16 authority, those with foreign participants."""
    headed = [a for a, roles in scope(actor).roles_by_agency.items() if Role.HEAD in roles]
    if not headed:
        return rows.none()
    condition = Q(foreign_element=False, item__agency_id__in=headed)
    if headed_agency_types(actor) & rules.CARRY_ABROAD_AUTHORITY:
        condition |= Q(foreign_element=True)
    return rows.filter(condition, state="planned", item__status="classified")


def can_view_register_overview(actor: Any) -> bool:
    """Supervisors see counts and statuses of every agency's registers, never summaries."""
    return scope(actor).has(Role.SUPERVISOR)


# --- Leak scanner ---------------------------------------------------------------------------


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


# --- Inspections, training, legal library ---------------------------------------------------


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


def can_remediate(actor: Any, agency_id: int) -> bool:
    return can_self_inspect(actor, agency_id)


def can_record_training(actor: Any, agency_id: int) -> bool:
    return can_self_inspect(actor, agency_id) or scope(actor).has(Role.SUPERVISOR)


def can_manage_library(actor: Any) -> bool:
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


# --- Devices --------------------------------------------------------------------------------


def can_keep_inventory(actor: Any, agency_id: int) -> bool:
    """The agency's security officer or head keeps its device inventory; supervisors too."""
    return can_self_inspect(actor, agency_id) or scope(actor).has(Role.SUPERVISOR)


def can_import_host_report(actor: Any, agency_id: int) -> bool:
    """Inspectors bring reports from their visits; the agency may audit itself."""
    return can_keep_inventory(actor, agency_id) or scope(actor).has(Role.INSPECTOR)


def restrict_devices(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Devices, media and independent LANs (anything with an agency): province-wide roles and
    inspectors see all, others their own agencies'."""
    actor_scope = scope(actor)
    if actor_scope.province_wide or actor_scope.has(Role.INSPECTOR):
        return rows
    return rows.filter(agency_id__in=actor_scope.agency_ids)


# --- Incidents ------------------------------------------------------------------------------


def can_report_incident(actor: Any, agency_id: int) -> bool:
    """Anyone of the agency reports a leak or loss at once; supervisors for any agency."""
    actor_scope = scope(actor)
    return agency_id in actor_scope.agency_ids or actor_scope.has(Role.SUPERVISOR)


def restrict_incidents(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    actor_scope = scope(actor)
    if actor_scope.province_wide or actor_scope.has(Role.INSPECTOR):
        return rows
    return rows.filter(agency_id__in=actor_scope.agency_ids)


# --- Periodic and ad-hoc reports ------------------------------------------------------------


def can_manage_reporting(actor: Any) -> bool:
    """Open periods and requests, accept or return reports, build the province's report."""
    return scope(actor).has(Role.SUPERVISOR)


def can_draft_report(actor: Any, agency_id: int) -> bool:
    """The agency's head and security officer write its report; the head signs it."""
    return agency_id in _managed_agencies(scope(actor))


def restrict_submissions(actor: Any, rows: QuerySet[Any]) -> QuerySet[Any]:
    """Reports: province-wide roles see every agency's, others their own agencies'."""
    actor_scope = scope(actor)
    if actor_scope.province_wide:
        return rows
    return rows.filter(agency_id__in=actor_scope.agency_ids)


def can_import_reports(actor: Any) -> bool:
    """Bring in lower installations' signed reports: supervisors and administrators."""
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)
