"""`./dev test-postgres` runs only the tests that may use the database (`--database-tests-only`):
the others ran on SQLite already and cannot depend on the database, because pytest-django refuses
them any query. These tests hold both halves of that argument."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bmnn.org.models import Agency
from bmnn.testing import reaches_database


def test_a_test_given_the_database_runs_on_postgresql(
    db: None, request: pytest.FixtureRequest
) -> None:
    assert reaches_database(request.node)


@pytest.mark.django_db
def test_a_test_marked_for_the_database_runs_on_postgresql(request: pytest.FixtureRequest) -> None:
    assert reaches_database(request.node)


def test_a_test_given_a_fixture_built_on_the_database_runs_on_postgresql(
    make_agency: object, request: pytest.FixtureRequest
) -> None:
    assert reaches_database(request.node)


def test_a_test_without_the_database_is_left_to_sqlite(request: pytest.FixtureRequest) -> None:
    assert not reaches_database(request.node)


def test_a_test_without_the_database_cannot_query_it() -> None:
    with pytest.raises(RuntimeError, match="Database access not allowed"):
        Agency.objects.count()


ROOT = Path(__file__).resolve().parents[3]
# How a test module reads the folder beside the repository: a path through "shared", or the
# plans tests' helpers that open a seed plan.
READS_SHARED = re.compile(r'/ "shared" /|from bmnn\.plans\.tests\.conftest import .*\bseed')


def test_every_test_over_the_shared_folder_runs_in_the_postgresql_pass() -> None:
    """CI's first pass is a bare clone without ../shared, where those tests skip; its PostgreSQL
    pass keeps them only when they use the database or are marked `beside_shared`."""
    modules = [*ROOT.glob("bmnn/**/tests/test_*.py"), *ROOT.glob("tests/**/test_*.py")]
    reading = [path for path in modules if READS_SHARED.search(path.read_text())]
    assert len(reading) >= 4  # the seed imports, the real plans, the scanner's seed check, pages
    unmarked = [
        path.relative_to(ROOT).as_posix()
        for path in reading
        if "pytest.mark.beside_shared" not in (text := path.read_text())
        and "pytestmark = pytest.mark.django_db" not in text
    ]
    assert unmarked == []


def test_each_test_process_has_a_database_of_its_own(db: None) -> None:
    """Under pytest-xdist every worker builds its own test database: SQLite's file is named by
    the process, PostgreSQL's by the worker (two workers creating one name fail at setup)."""
    import os

    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if connection.vendor == "sqlite":
        assert str(os.getpid()) in name
    elif worker is None:
        pytest.skip("one test process: no other worker shares the server")
    else:
        assert name.endswith(f"_{worker}"), name
