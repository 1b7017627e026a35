"""Background work of the core app (Django Tasks), declared in bmnn.core.schedule."""

from __future__ import annotations

from django_tasks import task

from bmnn.core import audit_checkpoints


@task()
def audit_checkpoint() -> dict[str, int | str]:
    """The daily signed checkpoint of the audit chain (`bmnn audit checkpoint` does the same)."""
    checkpoint = audit_checkpoints.write_checkpoint()
    return {"seq": checkpoint.seq, "hash": checkpoint.hash}
