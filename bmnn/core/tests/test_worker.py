"""`bmnn worker` (bmnn.core.worker): a task's writes and its success commit together, a task
killed in the middle runs again from the start and leaves its writes once, a long task of a
dead worker is queued again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from bmnn.core.models import AuditEvent, WorkerHeartbeat
from bmnn.core.tests import worker_tasks
from bmnn.core.worker import Worker, recover_abandoned

DATABASE_BACKEND = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
}


@pytest.fixture
def queued_tasks(settings: Any) -> None:
    settings.TASKS = DATABASE_BACKEND


def marks(token: str) -> int:
    return AuditEvent.objects.filter(action="test.worker_mark", changes__token=token).count()


def test_a_task_and_its_success_commit_together(db: None, queued_tasks: None) -> None:
    result = worker_tasks.leave_mark.enqueue("alpha")
    assert marks("alpha") == 0

    Worker(batch=True, interval=0, heartbeat=False).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == "alpha"
    assert marks("alpha") == 1


def _fails_and_leaves_no_mark(task: Any, name: str, said: str) -> None:
    """The task, queued with `name` and run by a worker, is recorded as failed with `said` in its
    traceback, and its mark was rolled back."""
    result = task.enqueue(name)

    Worker(batch=True, interval=0, heartbeat=False).run()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert said in row.traceback
    assert marks(name) == 0


def test_a_failing_task_leaves_no_write_and_is_recorded_as_failed(
    db: None, queued_tasks: None
) -> None:
    _fails_and_leaves_no_mark(worker_tasks.fail_after_mark, "beta", "this task fails after writing")


def test_a_task_cannot_nest_one_service_in_another(db: None, queued_tasks: None) -> None:
    """Services called by a task join its transaction, at the task's level only."""
    _fails_and_leaves_no_mark(worker_tasks.nest_services, "delta", "cannot be nested")


def _worker_process(tmp_path: Path) -> subprocess.Popen[bytes]:
    database = connection.settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{database['NAME']}"
    else:
        url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "BMNN_VAR_DIR": str(tmp_path / "var"),
        "BMNN_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "bmnn.cli", "worker", "--no-schedule", "--interval", "0.2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for(path: Path, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if process.poll() is not None:
            raise AssertionError(f"the worker ended early: {process.stderr.read()!r}")  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "the worker never started the task"
        time.sleep(0.05)


def test_a_worker_killed_in_the_middle_of_a_task_loses_nothing_and_runs_nothing_twice(
    transactional_db: None, queued_tasks: None, tmp_path: Path
) -> None:
    started, hold = tmp_path / "started", tmp_path / "hold"
    hold.touch()
    result = worker_tasks.leave_mark.enqueue("gamma", str(started), str(hold))

    process = _worker_process(tmp_path)
    try:
        _wait_for(started, process)
        assert marks("gamma") == 0  # written, not committed
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.READY  # the claim rolled back with the task's writes
    assert marks("gamma") == 0

    hold.unlink()
    started.unlink()
    Worker(batch=True, interval=0, heartbeat=False).run()

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert marks("gamma") == 1


def _running(worker_id: str, started_ago: timedelta) -> DBTaskResult:
    row: DBTaskResult = DBTaskResult.objects.get(pk=worker_tasks.leave_mark.enqueue("long").id)
    row.status = TaskResultStatus.RUNNING
    row.worker_ids = [worker_id]
    row.started_at = timezone.now() - started_ago
    row.save()
    return row


def test_a_long_task_of_a_worker_whose_heartbeat_stopped_is_queued_again(
    db: None, queued_tasks: None
) -> None:
    now = timezone.now()
    dead = _running("host-dead", timedelta(minutes=10))
    WorkerHeartbeat.objects.create(worker_id="host-dead", beat_at=now - timedelta(minutes=5))
    alive = _running("host-alive", timedelta(minutes=10))
    WorkerHeartbeat.objects.create(worker_id="host-alive", beat_at=now - timedelta(seconds=5))
    just_claimed = _running("host-unknown", timedelta(seconds=5))

    assert recover_abandoned(now) == 1

    statuses = {
        row.pk: row.status
        for row in DBTaskResult.objects.filter(pk__in=[dead.pk, alive.pk, just_claimed.pk])
    }
    assert statuses == {
        dead.pk: TaskResultStatus.READY,
        alive.pk: TaskResultStatus.RUNNING,
        just_claimed.pk: TaskResultStatus.RUNNING,
    }


def test_a_worker_between_tasks_takes_back_its_own_lost_long_task(
    db: None, queued_tasks: None
) -> None:
    mine = _running("host-me", timedelta(seconds=1))
    WorkerHeartbeat.objects.create(worker_id="host-me", beat_at=timezone.now())

    assert recover_abandoned(idle_worker="host-other") == 0
    assert recover_abandoned(idle_worker="host-me") == 1

    mine.refresh_from_db()
    assert mine.status == TaskResultStatus.READY
