"""Two session rules: the second factor before anything else, and the idle timeout.

SecondFactorMiddleware: a person whose role needs TOTP and who has given only a password
reaches the login, verify, enrol and logout pages (and static files and the language switch),
nothing else; the API (under /api/) answers for itself, refusing such a session and any token
made without the second factor (`bmnn.api.auth`, `bmnn.accounts.tokens`). Its documentation
page is a page like the others.

IdleTimeoutMiddleware: a session ends after `SESSION_COOKIE_AGE` seconds
(`BMNN_SESSION_IDLE_MINUTES`) without the person doing anything. Only what a person does counts:
the notification poll and other requests a page sends by itself (marked with the
`X-BMNN-Background` header by bmnn.js, or listed in `BACKGROUND_VIEWS`) neither renew the
session nor save it, so an open page left alone is logged out on time. The session store's own
expiry agrees (sessions are saved only when changed, and a person's request changes the
timestamp kept here); the timestamp is checked too, so a background request that happens to save
the session cannot keep it alive.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from bmnn.core import policy

_OPEN_PREFIXES = ("/static/", "/i18n/")
_OPEN_PAGES = ("accounts:login", "accounts:verify", "accounts:enrol", "accounts:logout")
# the API authenticates each call itself; its documentation page is for people and waits
_API_PREFIX = "/api/"
_API_PAGES = ("api:docs",)

LAST_ACTIVITY = "bmnn_last_activity"
BACKGROUND_HEADER = "X-BMNN-Background"
BACKGROUND_VIEWS = frozenset({"core:notification_poll"})


def open_before_second_factor(path: str) -> bool:
    if path.startswith(_OPEN_PREFIXES) or path in {reverse(name) for name in _OPEN_PAGES}:
        return True
    return path.startswith(_API_PREFIX) and not any(
        path.startswith(reverse(name)) for name in _API_PAGES
    )


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not open_before_second_factor(request.path)
            and policy.requires_second_factor(user)
            and not user.is_verified()  # type: ignore[attr-defined]  # set by OTPMiddleware
        ):
            return redirect("accounts:verify")
        return self.get_response(request)


def is_background(request: HttpRequest) -> bool:
    """A request the page sent by itself, not something the person did."""
    if request.headers.get(BACKGROUND_HEADER) == "1":
        return True
    match = request.resolver_match
    return match is not None and match.view_name in BACKGROUND_VIEWS


class IdleTimeoutMiddleware:
    """Placed after SessionMiddleware and before AuthenticationMiddleware, so an expired session
    is emptied before anyone reads the user from it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        now = int(timezone.now().timestamp())
        if SESSION_KEY in session:
            last = session.get(LAST_ACTIVITY)
            if isinstance(last, int) and now - last > settings.SESSION_COOKIE_AGE:
                session.flush()
        response = self.get_response(request)
        if SESSION_KEY in request.session and not is_background(request):
            request.session[LAST_ACTIVITY] = now
        return response
