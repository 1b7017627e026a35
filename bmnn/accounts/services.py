"""Account changes: logins, second-factor enrolment, passwords and API tokens, all audited.

Failed logins, lock-outs and wrong codes are audit events too: a supervisor reading the audit
log sees who tried which account from where, not only who got in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from bmnn.accounts import tokens
from bmnn.accounts.models import ApiToken
from bmnn.core import audit, policy
from bmnn.core.services import locked, require, service
from bmnn.org.models import Person

# what a failed login records of the name typed (Person.username is at most 150 characters)
_USERNAME_LIMIT = 150


@service
def record_login(*, actor: Person, second_factor: bool) -> None:
    audit.record(
        actor=actor,
        action="account.login" if not second_factor else "account.verify_second_factor",
        obj=actor,
    )


@service
def record_login_failure(
    *, username: str, locked_out: bool, newly_locked: bool, failures: int | None
) -> None:
    """A password login that did not succeed. Nobody is logged in, so the event has no actor;
    the name typed is in the details, and the account it names (if any) is the object.

    `locked_out`: django-axes refused or locked the account; `newly_locked`: this attempt is the
    one that locked it."""
    typed = username[:_USERNAME_LIMIT]
    account = Person.objects.filter(username=typed).first() if typed else None
    if newly_locked:
        action = "account.locked_out"
    elif locked_out:
        action = "account.login_refused_locked"
    else:
        action = "account.login_failed"
    changes: dict[str, Any] = {"username": typed}
    if failures is not None:
        changes["failures"] = failures
    audit.record(actor=None, action=action, obj=account, changes=changes)


@service
def record_second_factor_failure(*, actor: Person, stage: str, throttled: bool) -> None:
    """A wrong (or too early, after wrong ones) TOTP code at `stage` "verify" or "enrol"."""
    audit.record(
        actor=actor,
        action="account.second_factor_failed",
        obj=actor,
        changes={"stage": stage, "throttled": throttled},
    )


@service
def record_logout(*, actor: Person) -> None:
    audit.record(actor=actor, action="account.logout", obj=actor)


@service
def start_totp_enrolment(*, actor: Person) -> TOTPDevice:
    """Creates (or reuses) the actor's unconfirmed authenticator; confirmed ones are untouched."""
    device = TOTPDevice.objects.filter(user=actor, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=actor, name="authenticator", confirmed=False)
        audit.record(actor=actor, action="account.totp_enrolment_started", obj=actor)
    return device


@service
def confirm_totp_device(*, actor: Person, device: TOTPDevice, token: str) -> TOTPDevice:
    if device.user_id != actor.pk or device.confirmed:
        raise ValidationError(_("This authenticator cannot be confirmed."))
    if not device.verify_token(token.strip()):
        raise ValidationError(_("The code is wrong or has expired. Enter the current 6 digits."))
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(actor=actor, action="account.totp_confirmed", obj=actor)
    return device


@service
def change_password(*, actor: Person, new_password: str) -> None:
    """The actor's own password; every API token of theirs ends with the old one."""
    validate_password(new_password, user=actor)
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    audit.record(actor=actor, action="account.password_changed", obj=actor)
    tokens.revoke_all(actor=actor, person=actor, reason="password_changed")


def _passed_second_factor(actor: Person, otp_device: Any) -> bool:
    return (
        otp_device is not None
        and getattr(otp_device, "user_id", None) == actor.pk
        and bool(getattr(otp_device, "confirmed", False))
    )


@service
def issue_api_token(*, actor: Person, name: str, otp_device: Any = None) -> tokens.NewToken:
    """A new API token for the actor, valid for BMNN_API_TOKEN_DAYS; the key is returned once.

    `otp_device` is the authenticator the actor's session passed the second factor with
    (`request.user.otp_device`); a role that needs one gets no token without it, whatever page or
    program asks."""
    verified = _passed_second_factor(actor, otp_device)
    require(
        verified or not policy.requires_second_factor(actor),
        _("Enter your authenticator code before creating an API token."),
    )
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name, e.g. the program that uses it.")})
    new = tokens.create(person=actor, name=name[:100], second_factor=verified)
    audit.record(
        actor=actor,
        action="account.api_token_issued",
        obj=new.token,
        changes={
            "name": new.token.name,
            "hint": new.token.hint,
            "expires_at": new.token.expires_at,
            "second_factor": verified,
        },
    )
    return new


@service
def revoke_api_token(*, actor: Person, token: ApiToken) -> None:
    """One of the actor's own tokens, ended at once."""
    token = locked(ApiToken.objects).select_related("person").get(pk=token.pk)
    require(token.person_id == actor.pk, _("You may revoke only your own API tokens."))
    if token.revoked_at is None:
        tokens.revoke(actor=actor, token=token, reason="revoked_by_owner")


@service
def enrol_known_totp(*, actor: Person | None, person: Person, key_hex: str) -> TOTPDevice:
    """Registers an authenticator whose key is already known (the demo logins use this, so the
    README can tell a newcomer how to get their codes)."""
    device = TOTPDevice.objects.create(user=person, name="demo", key=key_hex, confirmed=True)
    audit.record(actor=actor, action="account.totp_enrolled", obj=person)
    return device
