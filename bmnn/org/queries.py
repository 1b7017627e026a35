"""Reads of agencies, groups and people, shared by pages, API, exports and search.

Every function takes the actor and starts from the policy's restricted queryset, so no path can
return a row the actor may not see. List queries prefetch what their rows show, so a page costs
the same number of queries whatever its length.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from bmnn.core import policy
from bmnn.core.text import fold
from bmnn.org.models import Agency, AgencyGroup, Membership, Person, Role

KEY_ROLES = (Role.HEAD, Role.SECURITY_OFFICER)


def _key_people() -> Prefetch[Any]:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(role__in=KEY_ROLES, is_active=True)
        .select_related("person")
        .order_by("role", "person__full_name"),
        to_attr="key_memberships",
    )


def agencies(
    actor: Any,
    *,
    search: str = "",
    agency_type: str = "",
    active: bool | None = True,
) -> QuerySet[Agency]:
    queryset = policy.restrict_agencies(actor, Agency.objects.all())
    if search:
        queryset = queryset.filter(search_text__contains=fold(search))
    if agency_type:
        queryset = queryset.filter(type=agency_type)
    if active is not None:
        queryset = queryset.filter(is_active=active)
    # Folded names sort "Ban Tổ chức" before "Ban Tuyên giáo", as a reader expects; byte order
    # of the accented names would not.
    return (
        queryset.select_related("parent")
        .prefetch_related(_key_people())
        .order_by("search_text", "pk")
    )


def agency(actor: Any, pk: int) -> Agency | None:
    """One agency the actor may read, or None (the caller answers 404 either way)."""
    return agencies(actor, active=None).filter(pk=pk).first()


def agency_members(actor: Any, agency: Agency) -> QuerySet[Membership]:
    if not policy.can_view_agency(actor, agency):
        return Membership.objects.none()
    return (
        Membership.objects.filter(agency=agency, is_active=True)
        .select_related("person")
        .order_by("role", "person__full_name")
    )


def people(
    actor: Any, *, search: str = "", agency_id: int | None = None, role: str = ""
) -> QuerySet[Person]:
    queryset = policy.restrict_people(actor, Person.objects.all())
    if search:
        queryset = queryset.filter(search_text__contains=fold(search))
    visible_memberships = policy.restrict_memberships(
        actor, Membership.objects.filter(is_active=True)
    ).select_related("agency")
    # Filter by the roles the actor may see, so a filter does not reveal a role held elsewhere.
    if agency_id or role:
        matching = visible_memberships
        if agency_id:
            matching = matching.filter(agency_id=agency_id)
        if role:
            matching = matching.filter(role=role)
        queryset = queryset.filter(pk__in=matching.values("person_id"))
    return (
        queryset.distinct()
        .prefetch_related(
            Prefetch("memberships", queryset=visible_memberships, to_attr="visible_memberships")
        )
        .order_by("full_name", "pk")
    )


def person(actor: Any, pk: int) -> Person | None:
    return people(actor).filter(pk=pk).first()


def groups() -> QuerySet[AgencyGroup]:
    """Groups are names from plans, not records of an agency: every user may read them."""
    return AgencyGroup.objects.order_by("name")


def people_in_roles(roles: tuple[str, ...], agency_ids: set[int] | None = None) -> QuerySet[Person]:
    """Active people holding one of these roles (in these agencies, or anywhere): whom to tell."""
    rows = Person.objects.filter(
        memberships__role__in=roles, memberships__is_active=True, is_active=True
    )
    if agency_ids is not None:
        rows = rows.filter(memberships__agency_id__in=agency_ids)
    return rows.distinct()


def people_by_agency(
    agency_ids: set[int], roles: tuple[str, ...] = (Role.HEAD, Role.SECURITY_OFFICER)
) -> dict[int, list[Person]]:
    """Active people holding these roles in these agencies, by agency, in one query: who is
    told of an agency's deadlines, expiries and incoming documents."""
    from collections import defaultdict

    found: dict[int, list[Person]] = defaultdict(list)
    rows = Person.objects.filter(
        memberships__agency_id__in=agency_ids,
        memberships__role__in=roles,
        memberships__is_active=True,
        is_active=True,
    ).values_list("memberships__agency_id", "pk", "email")
    for agency_id, pk, email in rows.order_by("pk"):
        found[agency_id].append(Person(pk=pk, email=email))
    return found
