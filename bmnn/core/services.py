"""What every service shares: one durable transaction, the policy check, clear refusals.

A service is a function named after the action with keyword arguments (`create_agency(*, actor,
...)`). It checks the policy first, writes, and appends its audit event last, all inside one
`transaction.atomic(durable=True)`, so a service can never run half-way or inside another
service's transaction by accident.

The one exception is a background task: `bmnn worker` runs each task inside one transaction
together with the mark that it succeeded (bmnn.core.worker), so that a crash neither loses the
task's work nor lets it run twice. The services the task calls run as parts of that transaction
(`joining_units`), directly inside it and never inside one another.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import Manager, Model, QuerySet

P = ParamSpec("P")
R = TypeVar("R")
M = TypeVar("M", bound=Model)


class NotAllowed(PermissionDenied):
    """The policy refused the action; the message says why, in the user's language."""


# how many atomic blocks are open when a background task starts (None: not in a task)
_task_depth: ContextVar[int | None] = ContextVar("bmnn_task_depth", default=None)


@contextlib.contextmanager
def joining_units() -> Iterator[None]:
    """Inside, `unit_of_work` blocks join the transaction open here (a background task's)
    instead of each committing on its own."""
    token = _task_depth.set(len(connection.atomic_blocks))
    try:
        yield
    finally:
        _task_depth.reset(token)


def unit_of_work() -> contextlib.AbstractContextManager[Any]:
    """One durable transaction: a service, or one step of a daily job. Inside a background task
    it is a part of the task's transaction, at the task's own level only: a unit nested in
    another unit is refused as it is outside tasks."""
    depth = _task_depth.get()
    if depth is None:
        return transaction.atomic(durable=True)
    if len(connection.atomic_blocks) != depth:
        raise RuntimeError("a unit of work cannot be nested within another atomic block")
    return transaction.atomic()


def service(func: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with unit_of_work():
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


def assign(obj: object, values: Mapping[str, Any], *, strip: bool = True) -> None:
    """Sets the given fields of a row a service is about to save (text without the spaces
    around it, unless `strip` is false)."""
    for name, value in values.items():
        setattr(obj, name, value.strip() if strip and isinstance(value, str) else value)


def locked(rows: Manager[M] | QuerySet[M]) -> QuerySet[M]:
    """`rows` locked until the transaction ends, the way every service locks what it changes.

    Only the rows of the model itself are locked, never the rows `select_related` joins in,
    and with FOR NO KEY UPDATE, which lets other transactions' foreign-key checks on them go
    through. A plain FOR UPDATE of the joined agency, plan or period blocks the foreign-key
    check another service runs at COMMIT while it holds the audit chain's head: the two wait
    for each other and PostgreSQL cancels one (seen under load, bench/test_bench_load_fault).
    SQLite has no row locks; its write transactions run one at a time.
    """
    return rows.select_for_update(no_key=True, of=("self",))
