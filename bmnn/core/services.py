"""What every service shares: one durable transaction, the policy check, clear refusals.

A service is a function named after the action with keyword arguments (`create_agency(*, actor,
...)`). It checks the policy first, writes, and appends its audit event last, all inside one
`transaction.atomic(durable=True)`, so a service can never run half-way or inside another
service's transaction by accident.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction

P = ParamSpec("P")
R = TypeVar("R")


class NotAllowed(PermissionDenied):
    """The policy refused the action; the message says why, in the user's language."""


def service(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with transaction.atomic(durable=True):
            return func(*args, **kwargs)

    return wrapper


def require(allowed: bool, message: str) -> None:
    """Raises NotAllowed(message) unless the policy answered yes."""
    if not allowed:
        raise NotAllowed(message)


def actor_of(request: Any) -> Any:
    """The logged-in person behind a request, typed as a Person for the services (views are
    behind login_required, so it is never anonymous there)."""
    from bmnn.org.models import Person

    user = request.user
    if not isinstance(user, Person):
        raise NotAllowed("login required")
    return user
