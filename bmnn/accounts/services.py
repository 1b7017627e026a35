"""Account changes: logins, second-factor enrolment, passwords and API tokens, all audited."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from bmnn.core import audit
from bmnn.core.services import service
from bmnn.org.models import Person


@service
def record_login(*, actor: Person, second_factor: bool) -> None:
    audit.record(
        actor=actor,
        action="account.login" if not second_factor else "account.verify_second_factor",
        obj=actor,
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
    validate_password(new_password, user=actor)
    actor.set_password(new_password)
    actor.save(update_fields=["password"])
    audit.record(actor=actor, action="account.password_changed", obj=actor)


@service
def issue_api_token(*, actor: Person) -> Token:
    """Replaces the actor's API token; the old one stops working at once."""
    Token.objects.filter(user=actor).delete()
    token = Token.objects.create(user=actor)
    audit.record(actor=actor, action="account.api_token_issued", obj=actor)
    return token


@service
def enrol_known_totp(*, actor: Person | None, person: Person, key_hex: str) -> TOTPDevice:
    """Registers an authenticator whose key is already known (the demo logins use this, so the
    README can tell a newcomer how to get their codes)."""
    device = TOTPDevice.objects.create(user=person, name="demo", key=key_hex, confirmed=True)
    audit.record(actor=actor, action="account.totp_enrolled", obj=person)
    return device
