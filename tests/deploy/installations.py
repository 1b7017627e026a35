"""What the tests of whole installations share: an environment with none of this process's
settings, a PostgreSQL database of their own on the server DATABASE_URL names, and their
commands run as an operator runs them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import dj_database_url


def server_connection() -> Any:
    import psycopg

    found = dj_database_url.parse(os.environ["DATABASE_URL"])
    return psycopg.connect(
        dbname="postgres",
        user=found["USER"],
        password=found["PASSWORD"],
        host=found["HOST"],
        port=found["PORT"] or 5432,
        autocommit=True,
    )


def clean_environment() -> dict[str, str]:
    """This process's environment without its BMNN, Django and database settings."""
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("BMNN_", "DATABASE_URL", "DJANGO_"))
    }


def fresh_database(name: str) -> str:
    """Makes the database `name` anew on DATABASE_URL's server; returns its URL."""
    with server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}"')
        server.execute(f'CREATE DATABASE "{name}"')
    url = dj_database_url.parse(os.environ["DATABASE_URL"])
    return f"postgres://{url['USER']}:{url['PASSWORD']}@{url['HOST']}:{url['PORT'] or 5432}/{name}"


def drop_database(name: str) -> None:
    with server_connection() as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(
    name: str, argv: list[str], *, cwd: Path, env: dict[str, str], timeout: int, check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Runs a command of the installation `name`; with `check`, one that fails fails the test
    with what it wrote."""
    done = subprocess.run(
        argv, cwd=cwd, env=env, capture_output=True, text=True, check=False, timeout=timeout
    )
    if check and done.returncode:
        raise AssertionError(f"{name}: {' '.join(argv)}\n{done.stdout}\n{done.stderr}")
    return done
