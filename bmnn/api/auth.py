"""Session authentication for the API that honours the second factor.

A browser session that has not passed TOTP (when the user's role requires it) is not enough
to use the API; tokens are issued only from a verified session.
"""

from __future__ import annotations

from typing import Any

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
