"""Timing a page through the full stack, the same way in every benchmark."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Measure:
    p50: float  # ms
    p95: float  # ms
    queries: int
    size: int  # bytes of the response


def measure(
    client: Client, url: str, params: dict[str, Any] | None = None, rounds: int = 20
) -> Measure:
    """Warms up once, times `rounds` requests, then counts the queries of one more."""
    client.get(url, params)
    timings = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(url, params)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        size = len(client.get(url, params).content)
    timings.sort()
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return Measure(statistics.median(timings), p95, len(queries), size)
