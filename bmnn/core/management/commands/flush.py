"""`bmnn flush` (and the test runner's flush between transactional tests) on SQLite.

Emptying the whole database is the one deletion the audit table allows: PostgreSQL's flush uses
TRUNCATE, which row triggers do not see, but SQLite's flush deletes row by row and the
append-only triggers refuse it. Here the triggers are lifted for the flush and put back in the
same transaction, so a failed flush leaves them in place.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.commands import flush
from django.db import connections, transaction

_TRIGGER_MIGRATIONS = (
    "bmnn.core.migrations.0003_append_only",
    "bmnn.core.migrations.0007_audit_refuse_delete_and_guard_head",
)


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        database = options["database"]
        connection = connections[database]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        modules = [importlib.import_module(name) for name in _TRIGGER_MIGRATIONS]
        editor = _Statements(connection)
        with transaction.atomic(using=database):
            for module in modules:
                module.drop_triggers(None, editor)
            super().handle(**options)
            for module in modules:
                module.add_triggers(None, editor)


class _Statements:
    """The part of a schema editor the trigger functions use. SQLite's real schema editor cannot
    open inside a transaction (it toggles foreign-key checks), and plain statements need not."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def execute(self, sql: str) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(sql)
