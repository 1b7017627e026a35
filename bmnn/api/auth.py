"""Session authentication for the API that honours the second factor.

A browser session that has not passed TOTP (when the user's role requires it) is not enough
to use the API. Programs use tokens (`bmnn.accounts.authentication`): a token is issued only to a
session that passed the second factor when the role needs one (`accounts.services.
issue_api_token` refuses otherwise), and every call checks it again (`accounts.tokens.refusal`),
so a token made any other way does not open the API for such a role.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request

from bmnn.core import policy


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, None] | None:
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        if policy.requires_second_factor(user) and not user.is_verified():
            return None
        return result


class VerifiedSessionScheme(SessionScheme):
    """Describes the session login in the OpenAPI schema, as for Django's own."""

    target_class = "bmnn.api.auth.VerifiedSessionAuthentication"
