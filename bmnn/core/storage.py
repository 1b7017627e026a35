"""Where uploaded and generated files live: under BMNN_DATA_DIR, outside the web root, under
random names; they are served only through views that check the policy."""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from pathlib import Path, PurePosixPath
from typing import Any

from django.apps import apps
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from django.db.models import FileField, Model

from bmnn.core import crypto


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


class EncryptedStorage(FileSystemStorage):
    """The private data directory with every file encrypted at rest (`bmnn.core.crypto`, the
    keys of the secret files): what is written is encrypted, what is opened is decrypted, so a
    FileField using it needs nothing more, and the bytes on disk never hold the content.
    Opening a file whose key was removed, or whose bytes were changed, raises InvalidToken."""

    def _save(self, name: str, content: Any) -> str:
        content.seek(0)
        encrypted = ContentFile(crypto.encrypt(content.read()))
        # FileSystemStorage._save exists at run time; django-stubs leave it out
        return super()._save(name, encrypted)  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File:
        if any(flag in mode for flag in "wa+"):
            raise ValueError("encrypted files are written through save(), never in place")
        with open(self.path(name), "rb") as handle:
            data = crypto.decrypt(handle.read())
        return File(io.BytesIO(data), name=name)

    def reencrypt(self, name: str) -> None:
        """The file under the newest key, replaced in one step: it is always readable with
        some key, even if the process stops half-way."""
        path = Path(self.path(name))
        fresh = crypto.reencrypt(path.read_bytes())
        partial = path.with_name(path.name + ".rotating")
        partial.write_bytes(fresh)
        os.replace(partial, path)


def encrypted_storage() -> EncryptedStorage:
    """For FileFields of uploaded documents: plan sources, progress evidence, regulations."""
    return EncryptedStorage()


def encrypted_fields() -> list[tuple[type[Model], str]]:
    """Every (model, field name) whose files are stored through `EncryptedStorage`."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, FileField) and isinstance(field.storage, EncryptedStorage):
                found.append((model, field.name))
    return found


def rotate_encrypted_files() -> int:
    """Re-encrypts every file of every encrypted FileField under the newest key; returns how
    many (`bmnn registry rotate_keys` runs it with the secret files)."""
    count = 0
    for model, name in encrypted_fields():
        rows = model._default_manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
        for row in rows.iterator():
            stored = getattr(row, name)
            stored.storage.reencrypt(stored.name)
            count += 1
    return count


def encrypt_in_place(path: Path) -> bool:
    """Encrypts a file written before its field was encrypted; a file that already opens with
    a key is left as it is (so the migration can run again). Returns whether it changed."""
    data = path.read_bytes()
    try:
        crypto.decrypt(data)
    except crypto.InvalidToken:
        partial = path.with_name(path.name + ".encrypting")
        partial.write_bytes(crypto.encrypt(data))
        os.replace(partial, path)
        return True
    return False


def decrypt_in_place(path: Path) -> bool:
    """The reverse of `encrypt_in_place` (migrating back to plain files)."""
    data = path.read_bytes()
    try:
        plain = crypto.decrypt(data)
    except crypto.InvalidToken:
        return False
    partial = path.with_name(path.name + ".decrypting")
    partial.write_bytes(plain)
    os.replace(partial, path)
    return True


def migrate_files(registry: Any, label: str, field: str, *, encrypt: bool) -> int:
    """For data migrations: encrypts (or, migrating back, decrypts) in place every file of
    `label`'s `field` (a historical model from `registry`). Files missing on disk are left for
    the integrity check to report; nothing is deleted. Returns how many changed."""
    model = registry.get_model(label)
    storage = FileSystemStorage()
    changed = 0
    for name in model._default_manager.exclude(**{field: ""}).values_list(field, flat=True):
        path = Path(storage.path(name))
        if not name or not path.is_file():
            continue
        changed += encrypt_in_place(path) if encrypt else decrypt_in_place(path)
    return changed


def encrypt_files_operation(fields: list[tuple[str, str]]) -> Any:
    """The data-migration step that encrypts the files of `fields` ((model label, field name)
    pairs) in place, and decrypts them when migrating back."""
    from django.db import migrations

    def forward(apps: Any, schema_editor: Any) -> None:
        for label, field in fields:
            migrate_files(apps, label, field, encrypt=True)

    def backward(apps: Any, schema_editor: Any) -> None:
        for label, field in fields:
            migrate_files(apps, label, field, encrypt=False)

    return migrations.RunPython(forward, backward)
