"""Backups of a whole installation, taken while people work, and restoring one into a new
installation (issue 16): `bmnn backup`, `bmnn backup verify`, `bmnn restore` and the daily job.

One backup is one file: the database snapshot, every stored file and the keys in a tar archive
with a manifest of hashes (`archive`, which also says in what order and why), encrypted under
an operator's passphrase in authenticated parts (`sealed`, the file format). `database` holds
what differs between PostgreSQL and SQLite; `restoring` puts a backup into an empty
installation and checks that every encrypted file opens.
"""

from bmnn.core.backup.archive import (
    DAILY_NAME,
    daily_backup,
    passphrase,
    read,
    write_to,
)
from bmnn.core.backup.restoring import restore
from bmnn.core.backup.sealed import (
    CHUNK_SIZE,
    HEADER_SIZE,
    TAG_SIZE,
    BackupError,
    SealedReader,
    SealedWriter,
    new_header,
)

__all__ = [
    "CHUNK_SIZE",
    "DAILY_NAME",
    "HEADER_SIZE",
    "TAG_SIZE",
    "BackupError",
    "SealedReader",
    "SealedWriter",
    "daily_backup",
    "new_header",
    "passphrase",
    "read",
    "restore",
    "write_to",
]
