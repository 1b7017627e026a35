"""`bmnn registry rotate_keys`: re-encrypt every secret file under the newest key.

Put the new key first in BMNN_FILE_KEYS (keep the old ones after it), run this, then remove
the old keys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bmnn.registry.services import rotate_file_keys


class Command(BaseCommand):
    help = "Re-encrypts every secret file with the newest key of BMNN_FILE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"re-encrypted {rotate_file_keys()} files")
