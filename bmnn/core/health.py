"""What monitoring and a database outage see.

`/healthz` answers before any other middleware (no session, no login, no host check): 200 with
the state of the database, the file store and the workers when the database answers, 503 when
it does not. It names no person, agency or record.

When the database is unreachable in the middle of a page (PostgreSQL restarting, the network to
it cut), the page says so with 503 and "try again in a minute", instead of the generic error:
nothing was saved, since every write is one transaction.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

HEALTH_PATH = "/healthz"
# a worker whose heartbeat is older than this is not counted as running
WORKER_SILENT_AFTER = timedelta(minutes=2)

_DATABASE_DOWN = (OperationalError, InterfaceError)


class HealthMiddleware:
    """First in MIDDLEWARE: answers /healthz and nothing else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == HEALTH_PATH and request.method in ("GET", "HEAD"):
            return health()
        return self.get_response(request)


def health() -> JsonResponse:
    body: dict[str, Any] = {"status": "ok", "node": settings.BMNN_NODE}
    try:
        body.update(_database_state())
    except _DATABASE_DOWN:
        connection.close_if_unusable_or_obsolete()
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    body["files"] = "ok" if _writable(Path(settings.MEDIA_ROOT)) else "not writable"
    if body["files"] != "ok":
        body["status"] = "degraded"
    return JsonResponse(body)


def _database_state() -> dict[str, Any]:
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    from bmnn.core.models import WorkerHeartbeat

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    waiting = DBTaskResult.objects.ready()
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return {
        "database": "ok",
        "workers": WorkerHeartbeat.objects.filter(beat_at__gte=now - WORKER_SILENT_AFTER).count(),
        "tasks_waiting": waiting.count(),
        "oldest_task_waiting_seconds": int((now - oldest).total_seconds()) if oldest else 0,
        "running": DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).count(),
    }


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".healthz-"):
            pass
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def database_unavailable_response(request: HttpRequest) -> HttpResponse | None:
    """For the error handler: the answer when the error being handled is a lost database
    (None otherwise). Rendered without the site's layout, which itself reads the database."""
    error = sys.exc_info()[1]
    if not isinstance(error, _DATABASE_DOWN):
        return None
    message = _(
        "The database cannot be reached at the moment. Nothing was saved; try again in a minute."
    )
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message}, status=503)
    else:
        html = render_to_string("core/unavailable.html", {"message": message})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    return response
