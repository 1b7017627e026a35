"""Where uploaded and generated files live: under BMNN_DATA_DIR, outside the web root, under
random names; they are served only through views that check the policy."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """The data directory (MEDIA_ROOT = BMNN_DATA_DIR). No location is passed, so the storage
    follows MEDIA_ROOT when it changes (tests point it at a temporary directory); MEDIA_URL is
    unset, so nothing here has a public URL."""
    return FileSystemStorage()


def random_name(folder: str, original: str) -> str:
    """folder/2f…9c.pdf: the original name is kept in the database, never on disk."""
    suffix = PurePosixPath(original).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
