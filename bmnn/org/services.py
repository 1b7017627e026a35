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


def _refuse_unknown(changes: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(_("Unknown fields: %s") % ", ".join(sorted(unknown)))


def _save_and_record(
    row: Any,
    *,
    actor: Person | None,
    action: str,
    changes: Any,
    agency: Agency | None = None,
) -> None:
    """Validates and saves `row`, then writes its audit event."""
    row.full_clean()
    row.save()
    audit.record(actor=actor, action=action, obj=row, agency=agency, changes=changes)


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
    _save_and_record(
        agency,
        actor=actor,
        action="agency.create",
        agency=agency,
        changes=audit.diff({}, audit.fields_of(agency, AGENCY_FIELDS)),
    )
    return agency


@service
def update_agency(*, actor: Person, agency: Agency, **changes: Any) -> Agency:
    """Changes an agency's details; only the names in AGENCY_FIELDS may change."""
    require(policy.can_change_agency(actor, agency), _("You may not change this agency."))
    _refuse_unknown(changes, {f.removesuffix("_id") for f in AGENCY_FIELDS} | set(AGENCY_FIELDS))
    if not policy.is_province_wide(actor):
        # A head edits contact details; type, code, parent and status are the province's call.
        protected = {"type", "code", "parent", "parent_id", "is_active"} & set(changes)
        require(not protected, _("Only province staff may change an agency's type or status."))
    agency = locked(Agency.objects).get(pk=agency.pk)
    watched = audit.Watched(agency, AGENCY_FIELDS)
    assign(agency, changes, strip=False)
    if agency.parent_id == agency.pk:
        raise ValidationError({"parent": _("An agency cannot be its own parent.")})
    _save_and_record(
        agency, actor=actor, action="agency.update", agency=agency, changes=watched.changes()
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
    _save_and_record(
        group,
        actor=actor,
        action="group.create",
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
    _membership_changed(actor, membership, person, agency, "membership.add")
    return membership


def _membership_changed(
    actor: Person | None, membership: Membership, person: Person, agency: Agency, action: str
) -> None:
    """Drops the person's cached permissions and records the change of role."""
    policy.forget(person)
    audit.record(
        actor=actor,
        action=action,
        obj=membership,
        agency=agency,
        changes={"person": person.username, "role": membership.role},
    )


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
    _save_and_record(
        person,
        actor=actor,
        action="person.create",
        agency=agency,
        changes=audit.diff({}, audit.fields_of(person, PERSON_FIELDS)),
    )
    _add_membership(actor=actor, person=person, agency=agency, role=role)
    return person


@service
def update_person(*, actor: Person, person: Person, **changes: Any) -> Person:
    require(policy.can_change_person(actor, person), _("You may not change this person."))
    _refuse_unknown(changes, set(PERSON_FIELDS))
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
    audit.record(actor=actor, action="person.update", obj=person, changes=watched.changes())
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
    _membership_changed(actor, membership, membership.person, membership.agency, "membership.end")
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
