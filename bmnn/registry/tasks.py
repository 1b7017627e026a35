"""Background work of the registry, declared in bmnn.core.schedule."""

from __future__ import annotations

from django_tasks import task

from bmnn.registry.expiry import run_expiry


@task()
def registry_expiry() -> dict[str, int]:
    return run_expiry()
