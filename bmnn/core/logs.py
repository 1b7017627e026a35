"""Log lines: text for a person at a terminal, one JSON object per line for the journal.

Under systemd, what a service writes to stderr goes to the journal; with BMNN_LOG_FORMAT=json
(production's default) each record is one line of JSON that `journalctl -o cat` shows and a
log collector parses without rules: time, level, logger, message, and the request's method,
path, status, duration, client address and person id for the request log. Query strings and
form data are never logged (a search may name a secret document).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

# what a request log record carries besides its message (set through `extra=`)
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "client", "person")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in REQUEST_FIELDS:
            if hasattr(record, name):
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


request_log = logging.getLogger("bmnn.request")


class RequestLogMiddleware:
    """One INFO line per request on the `bmnn.request` logger (seen when BMNN_LOG_LEVEL=INFO)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        if request_log.isEnabledFor(logging.INFO):
            from bmnn.core.middleware import ClientAddressMiddleware

            # the person only if the request already loaded them: logging must not query
            user = getattr(request, "_cached_user", None)
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "client": ClientAddressMiddleware.address_of(request),
                "person": getattr(user, "pk", None),
            }
            request_log.info(
                "%s %s %s", request.method, request.path, response.status_code, extra=fields
            )
        return response
