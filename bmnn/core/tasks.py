"""Background work of the core app (Django Tasks), declared in bmnn.core.schedule."""

from __future__ import annotations

from typing import Any

from django_tasks import task

from bmnn.core import audit_checkpoints, backup


@task()
def audit_checkpoint() -> dict[str, int | str]:
    """The daily signed checkpoint of the audit chain (`bmnn audit checkpoint` does the same)."""
    checkpoint = audit_checkpoints.write_checkpoint()
    return {"seq": checkpoint.seq, "hash": checkpoint.hash}


@task()
def daily_backup() -> dict[str, Any]:
    """The night's backup into BMNN_BACKUP_DIR, keeping the newest BMNN_BACKUP_KEEP; nothing
    (and the reason) when the directory is not set (`bmnn backup --out DIR` does the same)."""
    return backup.daily_backup()
