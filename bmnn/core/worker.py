"""`bmnn worker`: runs the background tasks queued in the database (django-tasks-db's table).

Several workers on several machines share one PostgreSQL; what this loop adds to
django-tasks-db's own `db_worker` is that a crash loses nothing and runs nothing twice:

- A task is claimed, run and marked succeeded in ONE transaction, holding the lock on its
  queue row (other workers skip locked rows). If the worker is killed, or the database
  restarts, while the task runs, the transaction rolls back: the task's writes disappear with
  its claim and the next worker runs it from the start. Its database work therefore happens
  exactly once. If the task raises, its writes are rolled back to a savepoint and the failure
  is recorded in the same transaction.
- A few tasks cannot hold one transaction: a crawl commits its progress page by page so that
  people can follow it, and a backup runs for minutes (on SQLite an open write transaction
  would stop every page that writes). They are listed in LONG_TASKS and must be safe to run
  again from the start; they are claimed in a committed transaction and run outside it. Each
  worker writes a heartbeat; a task left RUNNING by a worker whose heartbeat stopped is put
  back in the queue by any other worker.
- Losing the database (a restart, a network cut) does not end the worker: it waits and tries
  again, with a growing pause.

SIGTERM and SIGINT finish the task in hand, then stop.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from types import FrameType
from typing import Any

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connection,
    transaction,
)
from django.utils import timezone
from django_tasks.base import TaskContext, TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bmnn.core.models import WorkerHeartbeat
from bmnn.core.services import joining_units

log = logging.getLogger("bmnn.worker")

# Tasks that commit as they go and may be run again from the start (see the module docstring).
LONG_TASKS = frozenset(
    {
        "bmnn.scanner.tasks.crawl_work",  # the crawl frontier hands each page out once
        "bmnn.core.tasks.daily_backup",  # a second run writes a second, complete backup
    }
)

HEARTBEAT_SECONDS = 10.0
# a worker silent this long is taken for dead and its long tasks are queued again
STALE_AFTER = timedelta(seconds=60)
RECOVER_EVERY_SECONDS = 15.0
MAX_PAUSE_SECONDS = 30.0

_DATABASE_DOWN = (OperationalError, InterfaceError)


def new_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}"[:64]


@dataclass
class Worker:
    worker_id: str = field(default_factory=new_worker_id)
    interval: float = 1.0
    batch: bool = False
    heartbeat: bool = True
    stopping: threading.Event = field(default_factory=threading.Event)
    done: int = 0

    # --- the loop -------------------------------------------------------------------------
    def run(self) -> None:
        log.info("worker %s started", self.worker_id)
        beat = threading.Thread(target=self._beat_forever, daemon=True)
        if self.heartbeat:
            beat.start()
        pause = self.interval
        last_recovery = 0.0
        try:
            while not self.stopping.is_set():
                try:
                    if not connection.in_atomic_block:  # (a test's transaction)
                        close_old_connections()
                    if time.monotonic() - last_recovery > RECOVER_EVERY_SECONDS:
                        recover_abandoned(idle_worker=self.worker_id)
                        last_recovery = time.monotonic()
                    ran = self.run_one()
                    pause = self.interval
                except _DATABASE_DOWN as exc:
                    log.warning(
                        "worker %s: database unavailable (%s); retrying", self.worker_id, exc
                    )
                    _drop_connection()
                    self.stopping.wait(pause)
                    pause = min(pause * 2, MAX_PAUSE_SECONDS)
                    continue
                if not ran:
                    if self.batch:
                        break
                    self.stopping.wait(self.interval)
        finally:
            self.stopping.set()
            if beat.is_alive():
                beat.join(timeout=HEARTBEAT_SECONDS)
            _drop_connection()
            log.info("worker %s stopped after %d tasks", self.worker_id, self.done)

    def stop(self, signum: int, frame: FrameType | None = None) -> None:
        log.info(
            "worker %s: %s received, stopping after the task in hand",
            self.worker_id,
            signal.strsignal(signum),
        )
        self.stopping.set()

    def run_one(self) -> bool:
        """Runs the first ready task, if any; returns whether there was one."""
        with transaction.atomic():
            row = DBTaskResult.objects.ready().select_for_update(skip_locked=True).first()
            if row is None:
                return False
            row.claim(self.worker_id)
            if row.task_path not in LONG_TASKS:
                _run(row, joined=True)
                self.done += 1
                return True
        # a long task: claimed (committed) above, run outside any transaction
        _run(row, joined=False)
        self.done += 1
        return True

    # --- heartbeat ------------------------------------------------------------------------
    def _beat_forever(self) -> None:
        try:
            while not self.stopping.is_set():
                try:
                    WorkerHeartbeat.objects.update_or_create(
                        worker_id=self.worker_id,
                        defaults={"beat_at": timezone.now(), "host": socket.gethostname()},
                    )
                except DatabaseError:
                    _drop_connection()
                self.stopping.wait(HEARTBEAT_SECONDS)
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            pass  # the row goes stale and is cleaned up by the next recovery
        finally:
            _drop_connection()


def _run(row: DBTaskResult, *, joined: bool) -> None:
    """Runs the task of `row` and records the outcome on it. `joined`: inside the worker's
    transaction, the services the task calls become parts of it (bmnn.core.services), and the
    task's writes roll back to a savepoint when it fails."""
    try:
        task = row.task
        result = row.task_result
        scope = _joined() if joined else contextlib.nullcontext()
        with scope:
            if task.takes_context:
                # django-tasks-db's TaskResult is the base one with its row attached
                context = TaskContext(task_result=result)  # type: ignore[arg-type]
                value: Any = task.call(context, *result.args, **result.kwargs)
            else:
                value = task.call(*result.args, **result.kwargs)
        row.set_successful(value)
    except _DATABASE_DOWN:
        raise  # nothing can be recorded; the enclosing transaction rolls back and it runs again
    except Exception as exc:
        log.exception("task %s (%s) failed", row.id, row.task_path)
        row.set_failed(exc)


@contextlib.contextmanager
def _joined() -> Iterator[None]:
    with transaction.atomic(), joining_units():
        yield


def recover_abandoned(now: Any = None, idle_worker: str = "") -> int:
    """Queues again every task left RUNNING by a worker whose heartbeat stopped (killed,
    machine lost), and those of `idle_worker` (the caller, between two tasks: a long task it
    lost when the database went away); returns how many. Only long tasks are ever committed
    as RUNNING by this worker; one claimed by django-tasks-db's own `db_worker` is recovered
    the same way."""
    now = now or timezone.now()
    limit = now - STALE_AFTER
    alive = set(
        WorkerHeartbeat.objects.filter(beat_at__gte=limit).values_list("worker_id", flat=True)
    )
    recovered = 0
    with transaction.atomic():
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).select_for_update(
            skip_locked=True
        )
        for row in running:
            owner = row.worker_ids[-1] if row.worker_ids else ""
            mine = bool(idle_worker) and owner == idle_worker
            if not mine and (owner in alive or (row.started_at and row.started_at >= limit)):
                continue
            row.status = TaskResultStatus.READY
            row.started_at = None
            row.save(update_fields=["status", "started_at"])
            log.warning(
                "task %s (%s) of stopped worker %s queued again", row.id, row.task_path, owner
            )
            recovered += 1
        WorkerHeartbeat.objects.filter(beat_at__lt=now - 10 * STALE_AFTER).delete()
    return recovered


def _drop_connection() -> None:
    if connection.in_atomic_block:  # a test's transaction: nothing of ours to drop
        return
    with contextlib.suppress(DatabaseError):
        connection.close()
