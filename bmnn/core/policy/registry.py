"""Authorisation: the registers of state-secret documents and objects — clearance (L18 Art. 26)
and need-to-know on every read."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from bmnn.core.policy.scope import managed_agencies, readable_levels, scope
from bmnn.org.models import Role
from bmnn.registry import rules

# --- State-secret registry -----------------------------------------------------------------------


def restrict_items(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Items the actor may read: their agency's, at or below their clearance, and with a need
    to know — head or security officer of the agency, the drafter, the approver, a holder of a
    copy, or an explicit grant. Supervisors of the province get counts, not rows."""
    actor_scope = scope(actor)
    levels = readable_levels(actor)
    if not actor_scope.authenticated or not levels:
        return queryset.none()
    managed = managed_agencies(actor_scope)
    others = set(actor_scope.agency_ids) - managed
    # Where the actor keeps the register, the agency is the need to know; elsewhere it must be
    # personal. Built so that a keeper's query is a plain index-friendly filter (no OR), and
    # with subqueries rather than joins, so no DISTINCT over a large register. The personal
    # items are one small set of ids, each part read through its own index: an OR of the four
    # conditions made the database test every line of the agency's register (a member of staff
    # in an agency of 900,000 items waited 0.75 s for a list of four).
    items = queryset.model._default_manager
    personal = Q(
        pk__in=items.filter(author=actor)
        .values("pk")
        .order_by()
        .union(
            items.filter(approved_by=actor).values("pk").order_by(),
            _held_item_ids(actor),
            _granted_item_ids(actor),
        )
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

    return Copy.objects.filter(holder=actor).values("item_id").order_by()


def _granted_item_ids(actor: Any) -> QuerySet[Any]:
    from bmnn.registry.models import NeedToKnow

    return NeedToKnow.objects.filter(person=actor).values("item_id").order_by()


def can_read_item(actor: Any, item: Any) -> bool:
    return restrict_items(actor, type(item).objects.filter(pk=item.pk)).exists()


def can_keep_registers(actor: Any, agency_id: int) -> bool:
    """Register, copy, hand over: the agency's security officer (or its head)."""
    return agency_id in managed_agencies(scope(actor))


def can_propose_item(actor: Any, agency_id: int) -> bool:
    roles = scope(actor).roles_by_agency.get(agency_id, frozenset())
    return bool(roles & {Role.HEAD, Role.SECURITY_OFFICER, Role.STAFF})


def is_head_of(actor: Any, agency_id: int) -> bool:
    return scope(actor).has(Role.HEAD, agency_id)


def headed_agency_types(actor: Any) -> set[str]:
    """The types of the agencies the actor heads (for powers the law gives by office). No
    query: the scope read them with the memberships, once per request (the approvals page asks
    three times)."""
    actor_scope = scope(actor)
    return {
        actor_scope.type_of_agency[agency_id]
        for agency_id, roles in actor_scope.roles_by_agency.items()
        if Role.HEAD in roles
    }


def carry_outs_to_decide(actor: Any, rows: Any) -> Any:
    """Carrying-out requests this actor decides: their own agency's new requests (as its head)
    and, for an Art. 14.2 authority, requests endorsed for going abroad — only for documents
    within the decider's clearance (the decision service refuses the others, so the list does
    not show them either)."""
    headed = [a for a, roles in scope(actor).roles_by_agency.items() if Role.HEAD in roles]
    if not headed:
        return rows.none()
    condition = Q(state="requested", copy__item__agency_id__in=headed)
    if headed_agency_types(actor) & rules.CARRY_ABROAD_AUTHORITY:
        condition |= Q(state="endorsed", abroad=True)
    return rows.filter(condition, copy__item__level__in=readable_levels(actor))


def meetings_to_decide(actor: Any, rows: Any) -> Any:
    """Meetings awaiting this actor's consent: their own agency's (as its head) and, for an
    Art. 16 authority, those with foreign participants; within the decider's clearance."""
    headed = [a for a, roles in scope(actor).roles_by_agency.items() if Role.HEAD in roles]
    if not headed:
        return rows.none()
    condition = Q(foreign_element=False, item__agency_id__in=headed)
    if headed_agency_types(actor) & rules.CARRY_ABROAD_AUTHORITY:
        condition |= Q(foreign_element=True)
    return rows.filter(
        condition,
        state="planned",
        item__status="classified",
        item__level__in=readable_levels(actor),
    )


def can_manage_catalogues(actor: Any) -> bool:
    """Secret catalogues are the Prime Minister's decisions, the same for the whole province:
    a province supervisor or an administrator records them and their changes, as they keep the
    legal library (catalogues are among its documents)."""
    actor_scope = scope(actor)
    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)


def can_view_register_overview(actor: Any) -> bool:
    """Supervisors see counts and statuses of every agency's registers, never summaries."""
    return scope(actor).has(Role.SUPERVISOR)


def restrict_books(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Register volumes: those of the agencies whose registers the actor keeps."""
    return queryset.filter(agency_id__in=managed_agencies(scope(actor)))


def restrict_entries(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Register lines: the keeper's agencies' volumes, lines of items within the actor's
    clearance (a line names the item's number and summary)."""
    return queryset.filter(
        book__agency_id__in=managed_agencies(scope(actor)), item__level__in=readable_levels(actor)
    )


def restrict_incoming_transfers(actor: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
    """Transfers addressed to the agencies whose registers the actor keeps, within clearance."""
    return queryset.filter(
        to_agency_id__in=managed_agencies(scope(actor)),
        copy__item__level__in=readable_levels(actor),
    )


def restrict_item_children(
    actor: Any, queryset: QuerySet[Any], path: str = "item"
) -> QuerySet[Any]:
    """Copies, meetings, carrying-out requests, files and anything else reached from one item
    through `path` (e.g. "copy__item"): readable exactly when the item is."""
    from bmnn.registry.models import SecretItem

    return queryset.filter(**{f"{path}__in": restrict_items(actor, SecretItem.objects.all())})
