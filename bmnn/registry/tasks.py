"""Background work of the registry, declared in bmnn.core.schedule."""

from __future__ import annotations

from django_tasks import task

from bmnn.registry.expiry import run_expiry
from bmnn.registry.services.recall import recall_alerts


@task()
def registry_expiry() -> dict[str, int]:
    return run_expiry()


@task()
def registry_recalls() -> dict[str, int]:
    """Overdue returns of recalled documents (ND26 Art. 4.4)."""
    return {"told": recall_alerts()}
