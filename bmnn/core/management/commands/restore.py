"""`bmnn restore FILE`: a backup into this new, empty installation, then a check that every
encrypted file opens with the restored keys."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bmnn.core import backup
from bmnn.core.management.files import open_backup


class Command(BaseCommand):
    help = (
        "Restores a backup (database, stored files, keys) into an installation whose database "
        "holds no BMNN data yet; run it before `bmnn setup`, or after `bmnn setup --no-demo`."
    )
    # the checks would read (or make) the key files the backup is about to bring
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        restored = open_backup(file, backup.restore)
        check = restored.check
        self.stdout.write(
            _(
                "restored the backup of %(at)s: %(rows)s rows, %(files)s files, keys: %(keys)s; "
                "%(secret)s secret files and %(other)s other encrypted files open"
            )
            % {
                "at": restored.manifest["created_at"],
                "rows": restored.rows,
                "files": restored.files,
                "keys": ", ".join(restored.keys) or "-",
                "secret": check.secret,
                "other": check.other,
            }
        )
        if check.problems:
            raise CommandError(
                _("%(count)s encrypted files do not open: %(names)s")
                % {"count": len(check.problems), "names": "; ".join(check.problems[:10])}
            )
