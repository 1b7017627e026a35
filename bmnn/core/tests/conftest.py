"""Fixtures of the core tests."""

from __future__ import annotations

import importlib
from collections.abc import Iterator

import pytest
from django.db import connection

# the migrations that make the audit log append-only
_TRIGGERS = [
    importlib.import_module("bmnn.core.migrations.0003_append_only"),
    importlib.import_module("bmnn.core.migrations.0007_audit_refuse_delete_and_guard_head"),
]


@pytest.fixture
def intruder() -> Iterator[None]:
    """Drops the append-only triggers, as an intruder with the database's rights would before
    editing history, and puts them back afterwards so later tests see the real schema."""
    with connection.schema_editor() as editor:
        for module in _TRIGGERS:
            module.drop_triggers(None, editor)
    yield
    with connection.schema_editor() as editor:
        for module in _TRIGGERS:
            module.drop_triggers(None, editor)
            module.add_triggers(None, editor)
