"""The `bmnn` console entry point: one command over Django's management commands."""

from __future__ import annotations

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "bmnn"
    if len(argv) >= 2 and argv[1] == "audit-host":
        argv[1] = "audit_host"
    # "bmnn audit verify" reads better than "bmnn audit_verify"; both work.
    if (
        len(argv) >= 3
        and argv[1]
        in {
            "audit",
            "plan",
            "registry",
            "scanner",
            "keys",
            "inspection",
            "report",
            "sync",
            "backup",
        }
        and not argv[2].startswith("-")
    ):
        argv[1:3] = [f"{argv[1]}_{argv[2]}"]
    from bmnn.config.env import ConfigError

    try:
        execute_from_command_line(argv)
    except ConfigError as exc:
        # a malformed or unknown BMNN_* value: its one-line message names the variable
        sys.stderr.write(f"error: {exc}\n")
        sys.exit(2)
    except Exception as exc:
        if not _database_not_set_up(exc):
            raise
        sys.stderr.write(
            "error: this database is not set up yet: run `./dev run` once (or `bmnn setup`), "
            "then this command again\n"
        )
        sys.exit(1)


def _database_not_set_up(exc: Exception) -> bool:
    """A command that met a database without BMNN's tables (a fresh clone before its first
    `./dev run`, or a new DATABASE_URL before `bmnn setup`)."""
    from django.db.utils import OperationalError, ProgrammingError

    text = str(exc)
    return isinstance(exc, OperationalError | ProgrammingError) and (
        "no such table" in text or ("relation" in text and "does not exist" in text)
    )


if __name__ == "__main__":
    main()
