"""`bmnn backup --out FILE|DIR`: an encrypted backup of this installation (bmnn.core.backup)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bmnn.core import backup


class Command(BaseCommand):
    help = (
        "Writes one encrypted file with the database, every stored file and the keys, taken "
        "while people work. The passphrase comes from BMNN_BACKUP_PASSPHRASE(_FILE) or is asked "
        "twice at the terminal. `bmnn backup verify FILE` checks a backup without restoring it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--out", required=True, help="the file to write, or a directory (a dated name in it)"
        )

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        try:
            written = backup.write_to(
                Path(out), passphrase=backup.passphrase(creating=True), directory=out.endswith("/")
            )
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        counts = written.manifest["counts"]
        self.stdout.write(
            _(
                "backup written: %(path)s (%(size)s bytes, sha256 %(sha256)s): %(rows)s rows, "
                "%(files)s files"
            )
            % {
                "path": written.path,
                "size": written.size,
                "sha256": written.sha256,
                "rows": counts["rows"],
                "files": counts["files"],
            }
        )
        missing = written.manifest["missing_files"]
        if missing:
            self.stderr.write(
                _(
                    "%(count)s files named in the database were not found (deleted while the "
                    "backup ran, or missing before): %(names)s"
                )
                % {"count": len(missing), "names": ", ".join(missing[:10])}
            )
