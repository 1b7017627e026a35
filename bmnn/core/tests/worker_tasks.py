"""Tasks for the worker's tests: each leaves an audit event, so a run is visible exactly when
its transaction committed."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task

from bmnn.core import audit
from bmnn.core.services import service


@service
def mark(token: str) -> None:
    audit.record(actor=None, action="test.worker_mark", changes={"token": token})


@service
def mark_inside_another_service(token: str) -> None:
    mark(token)


@task()
def leave_mark(token: str, started: str = "", hold: str = "") -> str:
    """Records `token` through a service; then, if `started` is given, writes that file and
    waits while the file `hold` exists (at most 60 s), so that a test can kill the worker in the
    middle."""
    mark(token)
    if started:
        Path(started).write_text(token, encoding="utf-8")
        deadline = time.monotonic() + 60
        while hold and Path(hold).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
    return token


@task()
def fail_after_mark(token: str) -> None:
    mark(token)
    raise ValueError("this task fails after writing")


@task()
def nest_services(token: str) -> None:
    mark_inside_another_service(token)
