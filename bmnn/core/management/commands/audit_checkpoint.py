"""`bmnn audit checkpoint`: signs the audit chain head now (the daily `audit-checkpoint` job
runs the same function)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from bmnn.core import audit_checkpoints


class Command(BaseCommand):
    help = (
        "Checks the audit chain since the last checkpoint, signs its head with the installation's "
        "key and appends it to BMNN_DATA_DIR/audit-checkpoints/."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            checkpoint = audit_checkpoints.write_checkpoint()
        except (audit_checkpoints.CheckpointError, ImproperlyConfigured) as exc:
            raise CommandError(f"no checkpoint written: {exc}") from exc
        self.stdout.write(
            f"checkpoint: event #{checkpoint.seq} {checkpoint.hash[:16]}… signed at {checkpoint.at} "
            f"(key {checkpoint.key_id}) in {audit_checkpoints.directory()}"
        )
