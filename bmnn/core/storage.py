"""Where uploaded and generated files live: under BMNN_DATA_DIR, outside the web root, under
random names; they are served only through views that check the policy."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def private_storage() -> FileSystemStorage:
    """Callable storage, so settings (and tests' temporary data directories) are read late."""
    return FileSystemStorage(location=settings.DATA_DIR, base_url=None)


def random_name(folder: str, original: str) -> str:
    """folder/2f…9c.pdf: the original name is kept in the database, never on disk."""
    suffix = PurePosixPath(original).suffix.lower()[:10]
    if not suffix[1:].isalnum():
        suffix = ""
    return f"{folder}/{secrets.token_hex(16)}{suffix}"


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
