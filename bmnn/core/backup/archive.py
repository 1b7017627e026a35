"""Writing a backup and reading one back (`bmnn backup`, `bmnn backup verify`, the daily job).

What is kept, in this order: the database as one consistent snapshot (`database`), then every
stored file under BMNN_DATA_DIR, then the keys (file keys, the Ed25519 signing key, and the
secret key when it was generated). The database goes first because a stored file is written
before the row that names it commits: every row of the snapshot therefore finds its file on
disk when the files are copied. A file deleted between the two steps (a held sync bundle
released by an import, the only stored file BMNN deletes) is missing from the backup while its
row, as the snapshot saw it, still names it: the manifest lists it under `missing_files`, the
command says so, and the check after a restore reports it. Files written after the snapshot
are copied too; no restored row names them, so they are harmless leftovers.

Inside the encrypted stream (`sealed`) is a POSIX tar archive: `database/bmnn.sqlite3` or
`database/bmnn.pgdump`, `files/<path under the data directory>`, `keys/file_keys`,
`keys/signing_key.pem`, `keys/secret_key`, and last `manifest.json`: the size and SHA-256 of
every member, the BMNN version, the database engine, the time, and the row count of every table
in the snapshot. Reading checks every member against the manifest as it streams past.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tarfile
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import IO, Any, cast

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.config.env import env_str
from bmnn.core import audit
from bmnn.core.backup import database
from bmnn.core.backup.sealed import (
    BLOCK,
    FORMAT_VERSION,
    HEADER_SIZE,
    BackupError,
    SealedReader,
    SealedWriter,
    new_header,
    open_header,
)
from bmnn.core.services import service

MANIFEST = "manifest.json"
SUFFIX = ".bmnnbak"
DAILY_NAME = re.compile(r"bmnn-backup-\d{8}-\d{6}\.bmnnbak")
MIN_PASSPHRASE = 12
STAGING = ".restoring-"


class _Hashing:
    """Reads through `source`, hashing what passes (the archive reads it block by block)."""

    def __init__(self, source: IO[bytes]) -> None:
        self._source, self.digest = source, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.digest.update(data)
        return data


def _data_files(excluded: set[Path]) -> Iterator[tuple[str, Path]]:
    root = Path(settings.DATA_DIR)
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = sorted(
            d
            for d in subdirectories
            if not d.startswith(STAGING) and Path(directory, d).resolve() not in excluded
        )
        for name in sorted(names):
            path = Path(directory, name)
            if path.resolve() not in excluded:
                yield path.relative_to(root).as_posix(), path


def _key_files() -> dict[str, bytes]:
    """The keys this installation reads, as the members that keep them. A key file not made
    yet (nothing was ever encrypted or signed) is not kept: there is nothing it opens."""
    found: dict[str, bytes] = {}
    var = Path(settings.VAR_DIR)
    configured = env_str("BMNN_FILE_KEYS")
    if configured:
        found["keys/file_keys"] = (
            "\n".join(re.split(r"[,\s]+", configured.strip())).encode() + b"\n"
        )
    elif (var / "file_keys").is_file():
        found["keys/file_keys"] = (var / "file_keys").read_bytes()
    signing = Path(settings.BMNN_SIGNING_KEY_FILE or var / "signing_key.pem")
    if signing.is_file():
        found["keys/signing_key.pem"] = signing.read_bytes()
    if settings.SECRET_KEY_GENERATED and (var / "secret_key").is_file():
        found["keys/secret_key"] = (var / "secret_key").read_bytes()
    return found


def bmnn_version() -> str:
    try:
        return metadata.version("bmnn")
    except metadata.PackageNotFoundError:
        return "unknown"


def write(out: IO[bytes], passphrase: str, *, exclude: set[Path] | None = None) -> dict[str, Any]:
    """Writes a backup of this installation to `out`; returns its manifest."""
    header, key = new_header(passphrase)
    out.write(header)
    sealed = SealedWriter(out, key, header)
    now = timezone.now()
    members: list[dict[str, Any]] = []
    excluded = {path.resolve() for path in exclude or set()}

    def add(name: str, source: IO[bytes], size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, int(now.timestamp()), 0o600
        hashing = _Hashing(source)
        archive.addfile(info, cast(IO[bytes], hashing))  # reads exactly `size` bytes
        members.append({"name": name, "size": size, "sha256": hashing.digest.hexdigest()})

    with tempfile.TemporaryDirectory(prefix=".backup-", dir=settings.VAR_DIR) as work:
        snapshot = database.snapshot(Path(work))
        # written straight through (mode "w" on a stream that only tells its position)
        stream = cast(IO[bytes], sealed)
        with tarfile.TarFile(
            fileobj=stream, mode="w", format=tarfile.PAX_FORMAT, copybufsize=BLOCK
        ) as archive:
            with snapshot.open() as dump:
                add(snapshot.member, dump, snapshot.size)
            copied: set[str] = set()
            for relative, path in _data_files(excluded):
                try:
                    descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
                except (FileNotFoundError, OSError):
                    continue  # deleted since it was listed, or a link: not a stored file
                with os.fdopen(descriptor, "rb") as stored:
                    # a stored file only ever grows while it is written, and is replaced whole
                    # (a key rotation): the bytes up to its size now are one version of it
                    add(f"files/{relative}", stored, os.fstat(descriptor).st_size)
                copied.add(relative)
            for name, data in _key_files().items():
                add(name, io.BytesIO(data), len(data))
            files = [m for m in members if m["name"].startswith("files/")]
            manifest = {
                "format": "bmnn-backup",
                "version": FORMAT_VERSION,
                "bmnn_version": bmnn_version(),
                "engine": snapshot.engine,
                "server_version": snapshot.server_version,
                "created_at": now.astimezone(UTC).isoformat(timespec="seconds"),
                "installation": settings.BMNN_INSTALLATION_NAME,
                "counts": {
                    "tables": snapshot.tables,
                    "rows": sum(snapshot.tables.values()),
                    "files": len(files),
                    "file_bytes": sum(m["size"] for m in files),
                },
                "missing_files": sorted(snapshot.named_files - copied),
                "members": members,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
    sealed.finish()
    return manifest


@dataclass(frozen=True)
class Written:
    path: Path
    size: int
    sha256: str
    manifest: dict[str, Any]


class _HashingWriter(io.RawIOBase):
    def __init__(self, out: IO[bytes]) -> None:
        self._out, self.digest, self.size = out, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._out.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def daily_name(now: datetime | None = None) -> str:
    return f"bmnn-backup-{timezone.localtime(now or timezone.now()):%Y%m%d-%H%M%S}{SUFFIX}"


def _fsync_directory(directory: Path) -> None:
    with contextlib.suppress(OSError):  # some file systems cannot sync a directory
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_to(
    target: Path, *, passphrase: str, directory: bool = False, now: datetime | None = None
) -> Written:
    """A backup at `target`, or in it under a dated name when it is a directory (or is meant to
    be one: a medium that is not mounted must not turn into a file of that name). It is written
    under a temporary name, synced and then renamed, so a backup with its final name is whole
    even if the medium is pulled out half-way. Audited."""
    final = target / daily_name(now) if directory or target.is_dir() else target
    if not final.parent.is_dir():
        raise BackupError(
            _("The directory %(path)s does not exist: is the removable medium mounted?")
            % {"path": final.parent}
        )
    if final.exists():
        raise BackupError(
            _("%(path)s already exists: a backup is never overwritten.") % {"path": final}
        )
    partial = final.with_name(f".{final.name}.partial")
    excluded = {partial}  # for backups written somewhere under the data directory
    if settings.BMNN_BACKUP_DIR:
        excluded.add(Path(settings.BMNN_BACKUP_DIR))
    if final.parent.resolve() != Path(settings.DATA_DIR).resolve():
        excluded.add(final.parent)
    try:
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as out:
            hashing = _HashingWriter(out)
            manifest = write(cast(IO[bytes], hashing), passphrase, exclude=excluded)
            out.flush()
            os.fsync(out.fileno())
        os.rename(partial, final)
        _fsync_directory(final.parent)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    written = Written(final, hashing.size, hashing.digest.hexdigest(), manifest)
    record_backup(actor=None, written=written)
    return written


@service
def record_backup(*, actor: Any, written: Written) -> None:
    counts = written.manifest["counts"]
    audit.record(
        actor=actor,
        action="core.backup",
        changes={
            "file": written.path.name,
            "size": written.size,
            "sha256": written.sha256,
            "engine": written.manifest["engine"],
            "rows": counts["rows"],
            "files": counts["files"],
            "missing_files": len(written.manifest["missing_files"]),
        },
    )


def daily_backup(now: datetime | None = None) -> dict[str, Any]:
    """The daily job: a backup into BMNN_BACKUP_DIR (meant for removable media), keeping the
    newest BMNN_BACKUP_KEEP there. Does nothing unless the directory is set."""
    directory = settings.BMNN_BACKUP_DIR
    if not directory:
        return {"skipped": "BMNN_BACKUP_DIR is not set"}
    written = write_to(
        Path(directory), passphrase=passphrase_from_environment(), directory=True, now=now
    )
    removed = prune(Path(directory), keep=settings.BMNN_BACKUP_KEEP)
    return {
        "file": str(written.path),
        "size": written.size,
        "sha256": written.sha256,
        "removed": removed,
    }


def prune(directory: Path, *, keep: int) -> list[str]:
    """Deletes all but the newest `keep` daily backups (only files named as the job names
    them: anything else on the medium is left alone)."""
    daily = sorted(p.name for p in directory.iterdir() if DAILY_NAME.fullmatch(p.name))
    removed = daily[: max(len(daily) - keep, 0)]
    for name in removed:
        (directory / name).unlink()
    if removed:
        _fsync_directory(directory)
    return removed


# --- Passphrase -----------------------------------------------------------------------------


def passphrase_from_environment() -> str:
    given = env_str("BMNN_BACKUP_PASSPHRASE")
    if not given:
        raise BackupError(
            _(
                "No passphrase: set BMNN_BACKUP_PASSPHRASE (or BMNN_BACKUP_PASSPHRASE_FILE), or "
                "run the command at a terminal."
            )
        )
    return given


def passphrase(*, creating: bool) -> str:
    """From BMNN_BACKUP_PASSPHRASE(_FILE), or asked at the terminal (twice for a new backup)."""
    import getpass
    import sys

    given = env_str("BMNN_BACKUP_PASSPHRASE")
    if not given and sys.stdin.isatty():
        given = getpass.getpass(_("Backup passphrase: "))
        if creating and getpass.getpass(_("The same passphrase again: ")) != given:
            raise BackupError(_("The two passphrases differ."))
    if not given:
        return passphrase_from_environment()
    if creating and len(given) < MIN_PASSPHRASE:
        raise BackupError(
            _("The passphrase is too short: use at least %(count)s characters.")
            % {"count": MIN_PASSPHRASE}
        )
    return given


# --- Reading a backup -----------------------------------------------------------------------

Store = Callable[[str, Iterator[bytes]], None]


def _member_name(member: tarfile.TarInfo) -> str:
    name = member.name
    parts = name.split("/")
    allowed = name == MANIFEST or (len(parts) >= 2 and parts[0] in {"database", "files", "keys"})
    if not member.isreg() or not allowed or any(p in {"", ".", ".."} for p in parts):
        raise BackupError(_("The backup holds an unexpected member %(name)s.") % {"name": name})
    return name


def read(path: Path, passphrase: str, store: Store | None = None) -> dict[str, Any]:
    """Decrypts the backup at `path` and checks every member against the manifest; `store`
    receives each member but the manifest as it passes. Returns the manifest."""
    seen: dict[str, tuple[int, str]] = {}
    manifest: dict[str, Any] | None = None
    with open(path, "rb") as source:
        header = source.read(HEADER_SIZE)
        key, chunk_size = open_header(header, passphrase, path.name)
        reader = SealedReader(source, key, header, chunk_size)
        try:
            with tarfile.open(fileobj=reader, mode="r|", bufsize=BLOCK) as archive:
                for member in archive:
                    if manifest is not None:
                        raise BackupError(
                            _("The backup holds an unexpected member %(name)s.")
                            % {"name": member.name}
                        )
                    name = _member_name(member)
                    content = archive.extractfile(member)
                    assert content is not None  # nosec B101 # narrows the type; a regular file
                    digest = hashlib.sha256()
                    blocks = _blocks(content, digest)
                    if name == MANIFEST:
                        manifest = json.loads(b"".join(blocks))
                    elif store is not None:
                        store(name, blocks)
                    for _rest in blocks:  # what the store did not take is still checked
                        pass
                    seen[name] = (member.size, digest.hexdigest())
            while reader.read(BLOCK):  # the tar end and the last part's padding
                pass
        except (tarfile.TarError, ValueError, UnicodeDecodeError) as exc:
            raise BackupError(
                _("The backup's contents cannot be read: %(reason)s.") % {"reason": exc}
            ) from exc
    if manifest is None:
        raise BackupError(_("The backup has no manifest."))
    _compare(manifest, seen)
    return manifest


def _blocks(content: IO[bytes], digest: Any) -> Iterator[bytes]:
    while block := content.read(BLOCK):
        digest.update(block)
        yield block


def _compare(manifest: dict[str, Any], seen: dict[str, tuple[int, str]]) -> None:
    """Every member listed with the size and hash it was read with, and nothing unlisted."""
    listed = {m["name"]: (int(m["size"]), str(m["sha256"])) for m in manifest.get("members", [])}
    for name in sorted(listed.keys() | (seen.keys() - {MANIFEST})):
        if listed.get(name) != seen.get(name):
            raise BackupError(
                _("The member %(name)s does not match the backup's manifest.") % {"name": name}
            )
