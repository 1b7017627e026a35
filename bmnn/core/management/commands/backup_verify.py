"""`bmnn backup verify FILE`: decrypts a backup and checks every member against its manifest,
without restoring anything; exit 1 with one line naming what is wrong."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from bmnn.core import backup
from bmnn.core.management.files import open_backup


class Command(BaseCommand):
    help = "Checks that a backup opens with the passphrase and that no byte of it has changed."
    requires_system_checks: list[str] = []  # a backup is checked on any machine, set up or not

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        manifest = open_backup(file, backup.read)
        counts = manifest["counts"]
        self.stdout.write(
            _(
                "backup intact: taken %(at)s by BMNN %(version)s (%(engine)s) at %(installation)s; "
                "%(rows)s rows, %(files)s files, %(members)s members checked"
            )
            % {
                "at": manifest["created_at"],
                "version": manifest["bmnn_version"],
                "engine": manifest["engine"],
                "installation": manifest["installation"],
                "rows": counts["rows"],
                "files": counts["files"],
                "members": len(manifest["members"]),
            }
        )
