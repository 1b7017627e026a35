"""The API, fuzzed from its own OpenAPI schema by schemathesis (security review, issue 13).

Schemathesis reads `/api/schema/` and sends every operation requests it generates from the
schema (valid and invalid parameters and bodies), through the Django WSGI application in this
process (no network), logged in as a province supervisor and as an agency security officer of
the demo province. Every answer must be no server error, use a documented status code and match
the documented body.

Deterministic and bounded: Hypothesis is derandomised with a fixed number of examples per
operation and no example database; all operations run inside one test (one database
transaction, rolled back at the end), in the schema's order, so what one write leaves behind is
the same on every run.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from bmnn.org.models import Person
from bmnn.testing import login

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


@contextmanager
def _connection_kept_open() -> Iterator[None]:
    """Django closes the database connection around each WSGI request; in a test that would
    close the test's transaction, so (as Django's own test client does) it is kept open."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _session_of(username: str) -> tuple[Client, dict[str, str], dict[str, str]]:
    """A logged-in session that passed the second factor: its client, cookies and headers."""
    client = login(Client(), Person.objects.get(username=username))
    csrf = secrets.token_hex(16)
    cookies = {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf}
    return client, cookies, {"X-CSRFToken": csrf}


@pytest.mark.parametrize("username", ["giamsat", "baomat"])
def test_the_api_keeps_to_its_schema_under_fuzzing(username: str) -> None:
    call_command("demo", stdout=StringIO())
    client, cookies, headers = _session_of(username)
    schema = schemathesis.openapi.from_dict(client.get("/api/schema/?format=json").json())
    schema.app = get_wsgi_application()
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(case=operation.as_strategy())
        def fuzz(case: Any) -> None:
            case.call_and_validate(cookies=cookies, headers=headers, checks=CHECKS)

        try:
            with _connection_kept_open():
                fuzz()
        except (Exception, BaseExceptionGroup) as error:  # one report per operation
            failures.append(f"{operation.label}: {error}")
    assert failures == [], "\n\n".join(failures)
