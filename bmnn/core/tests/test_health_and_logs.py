"""/healthz, the page shown when the database is lost, and the JSON request log."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone

from bmnn.core.logs import JsonFormatter
from bmnn.core.models import WorkerHeartbeat
from bmnn.web.views import server_error


def test_healthz_answers_without_a_login_and_names_nothing_of_the_data(db: None) -> None:
    WorkerHeartbeat.objects.create(worker_id="host-1", beat_at=timezone.now())
    response = Client().get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["files"] == "ok"
    assert body["workers"] == 1
    assert set(body) == {
        "status",
        "node",
        "database",
        "files",
        "workers",
        "tasks_waiting",
        "oldest_task_waiting_seconds",
        "running",
    }
    assert "sessionid" not in response.cookies


def test_a_lost_database_gets_503_and_try_again_not_the_generic_error(rf: Any) -> None:
    """The error handler runs while the lost connection's error is being handled."""
    request = rf.get("/plans/")
    try:
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Hiện không truy cập được cơ sở dữ liệu" in response.content.decode()


def test_any_other_error_keeps_the_generic_page(rf: Any, db: None) -> None:
    request = rf.get("/plans/")
    request.user = None
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_the_request_log_is_one_json_line_without_the_query_string(
    db: None, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="bmnn.request"):
        Client().get("/accounts/login/?next=/registry/&q=so-mat-123")

    records = [r for r in caplog.records if r.name == "bmnn.request"]
    assert len(records) == 1
    line = JsonFormatter().format(records[0])
    assert "\n" not in line
    parsed = json.loads(line)
    assert parsed["path"] == "/accounts/login/"
    assert parsed["status"] == 200
    assert parsed["method"] == "GET"
    assert parsed["level"] == "INFO"
    assert "so-mat-123" not in line


def test_healthz_is_not_logged(db: None, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="bmnn.request"):
        Client().get("/healthz")
    assert not [r for r in caplog.records if r.name == "bmnn.request"]
