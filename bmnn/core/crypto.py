"""Encryption at rest for secret files (Fernet: AES-128-CBC with HMAC-SHA256).

Keys come from BMNN_FILE_KEYS (comma-separated, newest first) or BMNN_FILE_KEYS_FILE; the
embedded profile keeps a generated key file in var/ (production refuses that: bmnn.E005). A new
key is added in front; `bmnn registry rotate-keys` re-encrypts every file with it, after which
the old key can be removed.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from bmnn.config.env import env_str

__all__ = ["InvalidToken", "decrypt", "encrypt", "keys_generated", "reencrypt", "reset_keys"]


def _key_file() -> Path:
    return Path(settings.VAR_DIR) / "file_keys"


def _load_keys() -> tuple[list[bytes], bool]:
    configured = env_str("BMNN_FILE_KEYS")
    if configured:
        return [k.encode() for k in re.split(r"[,\s]+", configured) if k], False
    path = _key_file()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(Fernet.generate_key())
    return [line.strip() for line in path.read_bytes().splitlines() if line.strip()], True


@lru_cache(maxsize=1)
def _fernet() -> MultiFernet:
    keys, _generated = _load_keys()
    return MultiFernet([Fernet(key) for key in keys])


def reset_keys() -> None:
    """Forget the cached keys (after the configuration changed, and in tests)."""
    _fernet.cache_clear()


def keys_generated() -> bool:
    return _load_keys()[1]


def encrypt(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def decrypt(token: bytes) -> bytes:
    """Raises InvalidToken when no configured key opens the file (tampered or key removed)."""
    return _fernet().decrypt(token)


def reencrypt(token: bytes) -> bytes:
    """The same content under the newest key."""
    return _fernet().rotate(token)
