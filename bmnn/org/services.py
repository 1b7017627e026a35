"""Every change to agencies, groups, people, memberships and clearances."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.services import assign, locked, require, service
from bmnn.org import rules
from bmnn.org.models import (
    Agency,
    AgencyGroup,
    AgencyType,
    ClearanceGrant,
    ClearanceLevel,
    Membership,
    Person,
    Role,
)

AGENCY_FIELDS = ("name", "short_name", "code", "type", "parent_id", "is_active", "address", "phone")
PERSON_FIELDS = ("full_name", "username", "email", "position", "phone", "is_active")


@service
def create_agency(
    *,
    actor: Person | None,
    name: str,
    code: str,
    type: str,
    short_name: str = "",
    parent: Agency | None = None,
    address: str = "",
    phone: str = "",
) -> Agency:
    """Adds an agency to the province directory. `actor=None` is the system (set-up, demo)."""
    if actor is not None:
        require(policy.can_create_agency(actor), _("Only province staff may add agencies."))
    agency = Agency(
        name=name.strip(),
        code=code,
        type=type,
        short_name=short_name.strip(),
        parent=parent,
        address=address,
        phone=phone,
    )
    agency.full_clean()
    agency.save()
    audit.record(
        actor=actor,
        action="agency.create",
        obj=agency,
        agency=agency,
        changes=audit.diff({}, audit.fields_of(agency, AGENCY_FIELDS)),
    )
    return agency


@service
def update_agency(*, actor: Person, agency: Agency, **changes: Any) -> Agency:
    """Changes an agency's details; only the names in AGENCY_FIELDS may change."""
    require(policy.can_change_agency(actor, agency), _("You may not change this agency."))
    unknown = set(changes) - {f.removesuffix("_id") for f in AGENCY_FIELDS} - set(AGENCY_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    if not policy.is_province_wide(actor):
        # A head edits contact details; type, code, parent and status are the province's call.
        protected = {"type", "code", "parent", "parent_id", "is_active"} & set(changes)
        require(not protected, _("Only province staff may change an agency's type or status."))
    agency = locked(Agency.objects).get(pk=agency.pk)
    watched = audit.Watched(agency, AGENCY_FIELDS)
    assign(agency, changes, strip=False)
    if agency.parent_id == agency.pk:
        raise ValidationError({"parent": _("An agency cannot be its own parent.")})
    agency.full_clean()
    agency.save()
    audit.record(
        actor=actor,
        action="agency.update",
        obj=agency,
        agency=agency,
        changes=watched.changes(),
    )
    return agency


@service
def create_group(
    *, actor: Person | None, name: str, code: str, agency_types: list[str], aliases: list[str]
) -> AgencyGroup:
    if actor is not None:
        require(policy.can_manage_groups(actor), _("Only province staff may define groups."))
    valid = set(AgencyType.values)
    if not agency_types or not set(agency_types) <= valid:
        raise ValidationError({"agency_types": _("Choose one or more agency types.")})
    group = AgencyGroup(name=name, code=code, agency_types=agency_types, aliases=aliases)
    group.full_clean()
    group.save()
    audit.record(
        actor=actor,
        action="group.create",
        obj=group,
        changes={"name": name, "agency_types": agency_types},
    )
    return group


def _add_membership(
    *, actor: Person | None, person: Person, agency: Agency, role: str
) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if actor is not None:
        require(
            policy.can_assign_role(actor, agency, role),
            _("You may not give this role in this agency."),
        )
    membership, created = Membership.objects.get_or_create(
        person=person, agency=agency, role=role, defaults={"since": timezone.localdate()}
    )
    if not created and membership.is_active:
        raise ValidationError(_("This person already has this role in this agency."))
    membership.is_active = True
    membership.save()
    policy.forget(person)
    audit.record(
        actor=actor,
        action="membership.add",
        obj=membership,
        agency=agency,
        changes={"person": person.username, "role": role},
    )
    return membership


@service
def create_person(
    *,
    actor: Person | None,
    agency: Agency,
    role: str,
    username: str,
    full_name: str,
    email: str = "",
    position: str = "",
    phone: str = "",
    password: str | None = None,
) -> Person:
    """Adds a person to an agency with a role. Without a password the account cannot log in
    until an administrator sets one."""
    if actor is not None:
        require(
            policy.can_manage_people(actor, agency),
            _("You may not add people to this agency."),
        )
    person = Person(
        username=username.strip(),
        full_name=full_name.strip(),
        email=email.strip(),
        position=position.strip(),
        phone=phone.strip(),
    )
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.full_clean()
    person.save()
    audit.record(
        actor=actor,
        action="person.create",
        obj=person,
        agency=agency,
        changes=audit.diff({}, audit.fields_of(person, PERSON_FIELDS)),
    )
    _add_membership(actor=actor, person=person, agency=agency, role=role)
    return person


@service
def update_person(*, actor: Person, person: Person, **changes: Any) -> Person:
    require(policy.can_change_person(actor, person), _("You may not change this person."))
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))
    person = locked(Person.objects).get(pk=person.pk)
    watched = audit.Watched(person, PERSON_FIELDS)
    if "username" in changes and changes["username"].strip() != person.username:
        require(
            policy.can_change_username(actor, person),
            _("Only an administrator changes a login name."),
        )
    if "is_active" in changes and bool(changes["is_active"]) != person.is_active:
        require(
            policy.can_deactivate_person(actor, person),
            _("You may not turn this account on or off."),
        )
    assign(person, changes)
    person.full_clean(exclude=["password"])
    person.save()
    if watched.before["is_active"] and not person.is_active:
        from bmnn.accounts import tokens

        tokens.revoke_all(actor=actor, person=person, reason="deactivated")
    audit.record(
        actor=actor,
        action="person.update",
        obj=person,
        changes=watched.changes(),
    )
    return person


@service
def add_membership(
    *, actor: Person | None, person: Person, agency: Agency, role: str
) -> Membership:
    return _add_membership(actor=actor, person=person, agency=agency, role=role)


@service
def end_membership(*, actor: Person, membership: Membership) -> Membership:
    require(
        policy.can_assign_role(actor, membership.agency, membership.role),
        _("You may not remove this role."),
    )
    if membership.person_id == actor.pk and membership.role in {Role.ADMINISTRATOR}:
        raise ValidationError(_("You cannot remove your own administrator role."))
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    policy.forget(membership.person)
    audit.record(
        actor=actor,
        action="membership.end",
        obj=membership,
        agency=membership.agency,
        changes={"person": membership.person.username, "role": membership.role},
    )
    return membership


@service
def grant_clearance(
    *,
    actor: Person | None,
    person: Person,
    level: str,
    granted_on: date,
    decision: str = "",
) -> ClearanceGrant:
    """Records a clearance decision and makes it the person's current clearance."""
    if level not in ClearanceLevel.values:
        raise ValidationError({"level": _("Unknown clearance level.")})
    if actor is not None:
        require(
            policy.can_grant_clearance(actor, person, level),
            _("You may not grant this clearance to this person."),
        )
    if rules.dated_in_future(granted_on, timezone.localdate()):
        raise ValidationError(
            {"granted_on": _("The date of the decision cannot be in the future.")}
        )
    grant = ClearanceGrant.objects.create(
        person=person, level=level, granted_by=actor, granted_on=granted_on, decision=decision
    )
    before = person.clearance
    Person.objects.filter(pk=person.pk).update(clearance=level)
    person.clearance = level
    audit.record(
        actor=actor,
        action="clearance.grant",
        obj=person,
        changes={"clearance": [before, level], "decision": decision},
    )
    return grant
