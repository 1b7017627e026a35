"""The database's part of a backup, for each engine: a consistent snapshot of it while people
work, its row counts as that snapshot sees them, and restoring it into an empty database.

PostgreSQL: `pg_dump -Fc` run inside the snapshot a REPEATABLE READ transaction exported, which
also counts the rows, so the dump and the counts are one moment; `pg_restore --no-owner` into
the database of DATABASE_URL. The programs are found to match the server (Debian's versioned
directories, then PATH) and reach it through libpq's environment, never with a password on a
command line. SQLite: the online-backup API, both ways.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import subprocess  # nosec B404 # runs pg_dump and pg_restore only, with fixed arguments and no shell
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.db import connection, transaction
from django.db.models import FileField
from django.utils.translation import gettext as _

from bmnn.core.backup.sealed import BLOCK, BackupError, Spool

MEMBERS = {"sqlite": "database/bmnn.sqlite3", "postgresql": "database/bmnn.pgdump"}


@dataclass
class Snapshot:
    engine: str
    server_version: str
    member: str
    size: int
    open: Callable[[], contextlib.AbstractContextManager[IO[bytes]]]
    tables: dict[str, int]
    named_files: set[str]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _census(cursor: Any, tables: list[str]) -> tuple[dict[str, int], set[str]]:
    """Rows per table, and every stored file a row names, as the snapshot sees them."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608  # nosec B608 # a table name from the database's own catalogue, quoted
        counts[table] = int(cursor.fetchone()[0])
    named: set[str] = set()
    from django.apps import apps

    for model in apps.get_models():
        for found in model._meta.get_fields():
            if isinstance(found, FileField) and model._meta.db_table in counts:
                column, table = _quoted(str(found.column)), _quoted(model._meta.db_table)
                cursor.execute(f"SELECT {column} FROM {table} WHERE {column} <> ''")  # noqa: S608  # nosec B608 # names from the models, quoted
                named.update(row[0] for row in cursor.fetchall() if row[0])
    return counts, named


def snapshot_sqlite(work: Path) -> Snapshot:
    """One step of the online-backup API copies the whole database inside one read
    transaction: a consistent snapshot, while writers go on (WAL). The copy waits in the
    directory of the database itself, so it is no more exposed than the database."""
    staged = work / "bmnn.sqlite3"
    source = sqlite3.connect(str(connection.settings_dict["NAME"]), timeout=60)
    target = sqlite3.connect(staged)
    try:
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        names = [
            row[0]
            for row in target.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        tables, named = _census(target.cursor(), names)
    finally:
        source.close()
        target.close()

    def opener() -> contextlib.AbstractContextManager[IO[bytes]]:
        return open(staged, "rb")

    return Snapshot(
        "sqlite",
        sqlite3.sqlite_version,
        MEMBERS["sqlite"],
        staged.stat().st_size,
        opener,
        tables,
        named,
    )


def _pg_environment() -> dict[str, str]:
    """How pg_dump and pg_restore reach the database of DATABASE_URL (the password through
    the environment, never on a command line)."""
    found = connection.settings_dict
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
    ):
        if found.get(key):
            env[variable] = str(found[key])
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if found.get("OPTIONS", {}).get(option):
            env[f"PG{option.upper()}"] = str(found["OPTIONS"][option])
    return env


def _pg_program(name: str, server_major: int) -> str:
    """pg_dump or pg_restore at least as new as the server: Debian's versioned directory of the
    server's own version first, then any other installed version, then PATH."""
    root = Path("/usr/lib/postgresql")
    candidates = [root / str(server_major) / "bin" / name]
    candidates += sorted(root.glob(f"*/bin/{name}"), reverse=True)
    on_path = shutil.which(name)
    candidates += [Path(on_path)] if on_path else []
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        done = subprocess.run(  # noqa: S603  # nosec B603 # a PostgreSQL program found above, no shell
            [str(candidate), "--version"],
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
        version = re.search(r"(\d+)(?:\.\d+)", done.stdout)
        if version and int(version.group(1)) >= server_major:
            return str(candidate)
    raise BackupError(
        _(
            "No %(program)s of PostgreSQL %(version)s or newer was found: install "
            "postgresql-client-%(version)s."
        )
        % {"program": name, "version": server_major}
    )


def _failure(program: str, errors: IO[bytes]) -> BackupError:
    errors.seek(0)
    lines = errors.read().decode(errors="replace").strip().splitlines()
    return BackupError(
        _("%(program)s failed: %(error)s")
        % {"program": program, "error": lines[-1] if lines else "?"}
    )


def snapshot_postgresql(work: Path) -> Snapshot:
    """pg_dump takes the snapshot this transaction exported, so the dump and the row counts
    are the same moment of the database."""
    import psycopg

    with psycopg.connect(**connection.get_connection_params()) as snapshot:
        snapshot.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        cursor = snapshot.cursor()
        cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
        exported, server_version = cursor.fetchone()  # type: ignore[misc]
        program = _pg_program("pg_dump", snapshot.info.server_version // 10000)
        spool = Spool(work / "database.spool")
        with tempfile.TemporaryFile() as errors:
            dump = subprocess.Popen(  # noqa: S603  # nosec B603 # fixed arguments, no shell
                [
                    program,
                    "--format=custom",
                    f"--snapshot={exported}",
                    "--no-password",
                    f"--dbname={connection.settings_dict['NAME']}",
                ],
                stdout=subprocess.PIPE,
                stderr=errors,
                env=_pg_environment(),
            )
            assert dump.stdout is not None  # nosec B101 # narrows the type; stdout is a pipe
            while block := dump.stdout.read(BLOCK):
                spool.write(block)
            if dump.wait():
                raise _failure("pg_dump", errors)
        size = spool.finish()
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
        tables, named = _census(cursor, [row[0] for row in cursor.fetchall()])
        snapshot.rollback()
    return Snapshot(
        "postgresql", str(server_version), MEMBERS["postgresql"], size, spool.reader, tables, named
    )


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def holds_data() -> bool:
    """Whether this installation's database holds anything of BMNN (a row in any table of a
    BMNN app). Tables that migrations fill by themselves (permissions, content types) do not
    count: a database migrated but never used is empty."""
    from django.apps import apps

    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        return False
    existing = set(connection.introspection.table_names())
    for model in apps.get_models():
        ours = model.__module__.startswith("bmnn.") and model._meta.db_table in existing
        if ours and model._default_manager.exists():
            return True
    return False


def _drop_empty_tables() -> None:
    """A PostgreSQL database migrated but never used (`bmnn setup --no-demo` ran, or the
    installer did): its empty tables, and the trigger functions of the audit table, give way to
    the backup's, which pg_restore creates as they were. Extensions stay (the dump creates them
    only if they do not exist)."""
    introspection = connection.introspection
    tables = introspection.django_table_names(only_existing=True, include_views=False)
    if "django_migrations" in introspection.table_names():
        tables.append("django_migrations")
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"DROP TABLE IF EXISTS {_quoted(table)} CASCADE")
        cursor.execute(
            "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = "
            "p.pronamespace WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM "
            "pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')"
        )
        for (function,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")


def restore_postgresql(spool: Spool) -> None:
    _drop_empty_tables()
    program = _pg_program("pg_restore", connection.pg_version // 10000)  # type: ignore[attr-defined]
    name = connection.settings_dict["NAME"]
    connection.close()
    with tempfile.TemporaryFile() as errors, spool.reader() as dump:
        process = subprocess.Popen(  # noqa: S603  # nosec B603 # fixed arguments, no shell
            [
                program,
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={name}",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=_pg_environment(),
        )
        assert process.stdin is not None  # nosec B101 # narrows the type; stdin is a pipe
        with contextlib.suppress(BrokenPipeError):  # it stopped early: its error says why
            while block := dump.read(BLOCK):
                process.stdin.write(block)
            process.stdin.close()
        if process.wait():
            raise _failure("pg_restore", errors)


def restore_sqlite(staged: Path) -> None:
    """The online-backup API again, this time into the installation's database file: it
    writes through SQLite's own locking and journal, whatever state the file was in."""
    connection.close()
    source, target = sqlite3.connect(staged), sqlite3.connect(str(connection.settings_dict["NAME"]))
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def table_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        return {table: _count(cursor, table) for table in connection.introspection.table_names()}


def _count(cursor: Any, table: str) -> int:
    cursor.execute(f"SELECT count(*) FROM {_quoted(table)}")  # noqa: S608  # nosec B608 # a table name from the database's own catalogue, quoted
    return int(cursor.fetchone()[0])


def restore(staged: Spool | Path) -> None:
    """The staged database (a spooled dump, or a SQLite file) into this installation's."""
    if isinstance(staged, Spool):
        restore_postgresql(staged)
    else:
        restore_sqlite(staged)


def snapshot(work: Path) -> Snapshot:
    """This installation's database as one moment, waiting in `work` for the archive."""
    return snapshot_postgresql(work) if engine() == "postgresql" else snapshot_sqlite(work)
