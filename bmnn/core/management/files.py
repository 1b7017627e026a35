"""What the import and backup commands share: reading the file named on the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from django.core.management.base import CommandError

T = TypeVar("T")


def read_argument(file: str) -> bytes:
    """The file's bytes, or a CommandError that names it and says why it cannot be read."""
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {file}: {exc.strerror}") from exc


def open_backup(file: str, open_it: Callable[[Path, str], T]) -> T:
    """`open_it(path, passphrase)` on the backup named on the command line (verify, restore):
    a missing file or a backup that does not open ends the command with its one-line reason."""
    from django.utils.translation import gettext as _

    from bmnn.core import backup

    path = Path(file)
    if not path.is_file():
        raise CommandError(_("%(path)s is not a file.") % {"path": path})
    try:
        return open_it(path, backup.passphrase(creating=False))
    except backup.BackupError as exc:
        raise CommandError(str(exc)) from exc
