"""The API's token authentication: `Authorization: Token bmnn_…`, checked by
`bmnn.accounts.tokens` at every call."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from bmnn.accounts import tokens

KEYWORD = "Token"

_REFUSALS = {
    "invalid": _(
        "The API token is not valid (revoked, replaced by a password change, or mistyped). "
        "Create a new one on your account page."
    ),
    "expired": _("The API token has expired. Create a new one on your account page."),
    "second_factor": _(
        "Your role needs a second factor, and this token was created without one. Log in with "
        "your authenticator code and create a new token."
    ),
}


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        words = get_authorization_header(request).split()
        if not words or words[0].lower() != KEYWORD.lower().encode():
            return None
        if len(words) != 2:
            raise AuthenticationFailed(_REFUSALS["invalid"], code="token_invalid")
        try:
            key = words[1].decode("ascii")
        except UnicodeDecodeError:
            raise AuthenticationFailed(_REFUSALS["invalid"], code="token_invalid") from None
        now = timezone.now()
        token = tokens.find(key)
        reason = tokens.refusal(token, now=now)
        if reason is not None or token is None:
            reason = reason or "invalid"
            raise AuthenticationFailed(_REFUSALS[reason], code=f"token_{reason}")
        tokens.note_use(token, now=now)
        return token.person, token

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """Describes the token in the OpenAPI schema."""

    target_class = "bmnn.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'An API token from your account page, prefixed "Token ".',
        }
