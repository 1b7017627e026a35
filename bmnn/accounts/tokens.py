"""The rules of API tokens: how one is made, when it may be used, how it ends.

A token is `bmnn_` followed by 256 random bits; only its SHA-256 digest is stored, so a copy of
the database gives no usable token. It may be used while all of these hold:
- it is not revoked and not past its expiry (`BMNN_API_TOKEN_DAYS`, 90 by default);
- its owner is active;
- its owner's password is the one they had when it was made (the token keeps an HMAC of the
  password hash, as Django's sessions do, so a change by any path — the person's own, an
  administrator's, a management command — ends every token at once);
- if the owner's roles need a second factor, the session that made it had passed one (checked at
  every use, so a person who later takes such a role cannot keep a token made without it).

The services (`bmnn.accounts.services`) and the API's authentication class
(`bmnn.accounts.authentication`) call these; nothing else writes tokens.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from bmnn.accounts.models import ApiToken
from bmnn.core import audit, policy
from bmnn.core.services import locked

PREFIX = "bmnn_"
_STAMP_SALT = "bmnn.accounts.tokens.password_stamp"
# last_used_at is written at most this often, so a busy program does not write on every call
LAST_USED_GRANULARITY = timedelta(minutes=1)


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    key: str  # shown once to its owner, never stored


def digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def password_stamp(person: Any) -> str:
    return salted_hmac(_STAMP_SALT, person.password, algorithm="sha256").hexdigest()


def lifetime() -> timedelta:
    return timedelta(days=settings.BMNN_API_TOKEN_DAYS)


def create(*, person: Any, name: str, second_factor: bool) -> NewToken:
    """Makes a token; runs inside the calling service's transaction."""
    key = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken.objects.create(
        person=person,
        name=name,
        digest=digest(key),
        hint=key[len(PREFIX) :][:6],
        password_stamp=password_stamp(person),
        second_factor=second_factor,
        created_at=now,
        expires_at=now + lifetime(),
    )
    return NewToken(token, key)


def find(key: str) -> ApiToken | None:
    if not key.startswith(PREFIX) or len(key) > 100:
        return None
    return ApiToken.objects.select_related("person").filter(digest=digest(key)).first()


def refusal(token: ApiToken | None, *, now: datetime) -> str | None:
    """Why the token may not be used now: "invalid", "expired" or "second_factor"; None when it
    may."""
    if token is None or token.revoked_at is not None:
        return "invalid"
    person = token.person
    if not person.is_active or not constant_time_compare(
        token.password_stamp, password_stamp(person)
    ):
        return "invalid"
    if token.expires_at <= now:
        return "expired"
    if not token.second_factor and policy.requires_second_factor(person):
        return "second_factor"
    return None


def note_use(token: ApiToken, *, now: datetime) -> None:
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def working(person: Any) -> QuerySet[ApiToken]:
    """The person's tokens that still work (what the profile page lists)."""
    return ApiToken.objects.filter(
        person=person,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
        password_stamp=password_stamp(person),
    )


def revoke(*, actor: Any, token: ApiToken, reason: str) -> None:
    """Ends one token; runs inside the calling service's transaction."""
    token.revoked_at = timezone.now()
    token.revoked_reason = reason
    token.save(update_fields=["revoked_at", "revoked_reason"])
    audit.record(
        actor=actor,
        action="account.api_token_revoked",
        obj=token,
        changes={"person": token.person.username, "name": token.name, "reason": reason},
    )


def revoke_all(*, actor: Any, person: Any, reason: str) -> int:
    """Ends every open token of `person` (password changed, account deactivated) and records one
    audit event naming them; runs inside the calling service's transaction. Other paths that
    change a password or deactivate a person should call it too; if one does not, its tokens
    are refused anyway (`refusal`), they just stay unrevoked in the table."""
    rows = list(
        locked(ApiToken.objects).filter(person=person, revoked_at__isnull=True).order_by("pk")
    )
    if not rows:
        return 0
    now = timezone.now()
    ApiToken.objects.filter(pk__in=[row.pk for row in rows]).update(
        revoked_at=now, revoked_reason=reason
    )
    audit.record(
        actor=actor,
        action="account.api_tokens_revoked",
        obj=person,
        changes={"reason": reason, "tokens": [f"{row.name} ({row.hint}…)" for row in rows]},
    )
    return len(rows)
