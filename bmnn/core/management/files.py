"""What the import commands share: reading the file named on the command line."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError


def read_argument(file: str) -> bytes:
    """The file's bytes, or a CommandError that names it and says why it cannot be read."""
    try:
        return Path(file).read_bytes()
    except OSError as exc:
        raise CommandError(f"cannot read {file}: {exc.strerror}") from exc
