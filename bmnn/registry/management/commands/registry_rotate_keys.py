"""`bmnn registry rotate_keys`: re-encrypt every secret file under the newest key, and every
other file stored encrypted (plan sources, progress evidence, regulations).

Put the new key first in BMNN_FILE_KEYS (keep the old ones after it), run this, then remove
the old keys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bmnn.core.storage import rotate_encrypted_files
from bmnn.registry.services import rotate_file_keys


class Command(BaseCommand):
    help = "Re-encrypts every encrypted file with the newest key of BMNN_FILE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        secret = rotate_file_keys()
        other = rotate_encrypted_files()
        self.stdout.write(f"re-encrypted {secret} secret files and {other} other files")
