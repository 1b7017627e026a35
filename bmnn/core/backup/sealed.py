"""The encrypted stream a backup is written in (format version 1).

    header   "BMNN-BACKUP\\n" | format version (1 byte) | scrypt log2 N, r, p (1 byte each)
             | chunk size (4 bytes, big-endian) | salt (16) | key check (32) | checksum (32)
    parts    AES-256-GCM of fixed-size chunks, each `chunk size + 16` bytes on disk

The passphrase goes through scrypt (the header's salt and cost) to 64 bytes: the first 32 are
the AES key, the last 32 key an HMAC-SHA256 of the header's fields, stored as the key check. The
checksum is a plain SHA-256 of everything before it, so a damaged header is told apart from a
wrong passphrase (intact header, key check fails). Every chunk's plaintext is a 4-byte length,
that many bytes of the stream and zero padding to the chunk size; every chunk but the last is
full. Chunk i is sealed with nonce = i (11 bytes, big-endian) | last-chunk flag (1 byte) and the
whole header as associated data, so a changed byte anywhere, parts swapped or removed, a file cut
at a part boundary (the last part present does not carry the flag) or inside one (its size), and
bytes appended after the last part are each refused and named. The key is new for every file
(new salt), so the counter never repeats a nonce under one key.

Writing and reading go part by part: a backup of gigabytes never sits in memory.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import os
import struct
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.utils.translation import gettext as _

MAGIC = b"BMNN-BACKUP\n"
FORMAT_VERSION = 1
_FIELDS = struct.Struct(">12sBBBBI16s")  # magic, version, log2 N, r, p, chunk size, salt
HEADER_SIZE = _FIELDS.size + 32 + 32  # fields, key check, checksum
CHUNK_SIZE = 1 << 20
TAG_SIZE = 16
SCRYPT_LOG_N, SCRYPT_R, SCRYPT_P = 17, 8, 1  # 128 MiB and about a third of a second per try
BLOCK = 1 << 20  # how much is read or written at a time


class BackupError(Exception):
    """Why a backup cannot be written, read or restored, in one line for the operator."""


def _keys_from(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> tuple[bytes, bytes]:
    material = Scrypt(salt=salt, length=64, n=1 << log_n, r=r, p=p).derive(passphrase.encode())
    return material[:32], material[32:]


def new_header(
    passphrase: str, *, chunk_size: int = CHUNK_SIZE, log_n: int = SCRYPT_LOG_N
) -> tuple[bytes, bytes]:
    """A header for a new backup and the AES key it leads to."""
    fields = _FIELDS.pack(
        MAGIC, FORMAT_VERSION, log_n, SCRYPT_R, SCRYPT_P, chunk_size, os.urandom(16)
    )
    key, check_key = _keys_from(passphrase, fields[-16:], log_n, SCRYPT_R, SCRYPT_P)
    check = hmac.new(check_key, fields, hashlib.sha256).digest()
    return fields + check + hashlib.sha256(fields + check).digest(), key


def open_header(header: bytes, passphrase: str, name: str) -> tuple[bytes, int]:
    """The AES key and chunk size of a backup whose first HEADER_SIZE bytes are `header`."""
    if not header.startswith(MAGIC):
        raise BackupError(_("%(name)s is not a BMNN backup.") % {"name": name})
    fields, check, checksum = header[: _FIELDS.size], header[_FIELDS.size : -32], header[-32:]
    if len(header) < HEADER_SIZE or hashlib.sha256(fields + check).digest() != checksum:
        raise BackupError(_("The backup's header is damaged: the file cannot be opened."))
    _magic, version, log_n, r, p, chunk_size, salt = _FIELDS.unpack(fields)
    sane = 10 <= log_n <= 22 and 1 <= r <= 32 and 1 <= p <= 16 and 4096 <= chunk_size <= 1 << 26
    if version != FORMAT_VERSION or not sane:
        raise BackupError(
            _("This backup was written in a format this BMNN does not read (version %(version)s).")
            % {"version": version}
        )
    key, check_key = _keys_from(passphrase, salt, log_n, r, p)
    if not hmac.compare_digest(hmac.new(check_key, fields, hashlib.sha256).digest(), check):
        raise BackupError(_("Wrong passphrase: it does not open this backup."))
    return key, chunk_size


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


class SealedWriter(io.RawIOBase):
    """Encrypts what is written into fixed-size parts; `finish` seals the last one."""

    def __init__(self, out: IO[bytes], key: bytes, header: bytes, chunk_size: int = CHUNK_SIZE):
        self._out, self._aead, self._header = out, AESGCM(key), header
        self._chunk, self._index, self.plain_size = chunk_size, 0, 0
        self._part = bytearray(4)  # the length goes in front when the part is sealed

    def writable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.plain_size

    def write(self, data: Any) -> int:
        view = memoryview(data).cast("B")
        self.plain_size += len(view)
        while view:
            # a full part is sealed only once more follows: the last part may be full too
            if len(self._part) == self._chunk:
                self._seal(last=False)
            room = self._chunk - len(self._part)
            self._part += view[:room]
            view = view[room:]
        return len(data)

    def finish(self) -> None:
        self._seal(last=True)

    def _seal(self, last: bool) -> None:
        part = self._part
        part[:4] = (len(part) - 4).to_bytes(4, "big")
        part += bytes(self._chunk - len(part))
        self._out.write(self._aead.encrypt(_nonce(self._index, last), part, self._header))
        self._index, self._part = self._index + 1, bytearray(4)


class SealedReader(io.RawIOBase):
    """Decrypts a stream of parts, naming the first one that is damaged or missing."""

    def __init__(self, source: IO[bytes], key: bytes, header: bytes, chunk_size: int = CHUNK_SIZE):
        self._source, self._aead, self._header = source, AESGCM(key), header
        self._chunk, self._index, self._offset = chunk_size, 0, len(header)
        self._current, self._position, self.finished = memoryview(b""), 0, False

    def readable(self) -> bool:
        return True

    def readinto(self, target: Any) -> int:
        while self._position >= len(self._current) and not self.finished:
            self._open_next()
        count = min(len(target), len(self._current) - self._position)
        target[:count] = self._current[self._position : self._position + count]
        self._position += count
        return count

    def _open_next(self) -> None:
        size, part = self._chunk + TAG_SIZE, self._index + 1
        sealed = _read_exactly(self._source, size)
        if not sealed:
            raise BackupError(
                _("The backup is truncated: it ends after part %(part)s, before its last part.")
                % {"part": self._index}
            )
        if len(sealed) < size:
            raise BackupError(
                _("The backup is truncated: it ends inside part %(part)s, at byte %(size)s.")
                % {"part": part, "size": self._offset + len(sealed)}
            )
        plain, last = self._open_part(sealed)
        length = int.from_bytes(plain[:4], "big") if plain is not None else -1
        if plain is None or length > self._chunk - 4 or (not last and length != self._chunk - 4):
            raise BackupError(
                _("The backup is damaged: part %(part)s (from byte %(offset)s) fails its check.")
                % {"part": part, "offset": self._offset}
            )
        self._current, self._position = memoryview(plain)[4 : 4 + length], 0
        self._index, self._offset = self._index + 1, self._offset + size
        if last:
            extra = len(self._source.read(BLOCK))
            if extra:
                raise BackupError(
                    _("The backup has bytes after its last part: it was altered or is not whole.")
                )
            self.finished = True

    def _open_part(self, sealed: bytes) -> tuple[bytes | None, bool]:
        """The part's plaintext and whether it is the last one; None when it fails both ways."""
        for last in (False, True):
            with contextlib.suppress(InvalidTag):
                return self._aead.decrypt(_nonce(self._index, last), sealed, self._header), last
        return None, False


def _read_exactly(source: IO[bytes], size: int) -> bytes:
    parts, missing = [], size
    while missing:
        block = source.read(missing)
        if not block:
            break
        parts.append(block)
        missing -= len(block)
    return b"".join(parts)


class Spool:
    """A temporary file that holds a stream encrypted under a key that lives only in this
    process: a database dump waits in it (its size must be known before the archive can take
    it) without ever lying in clear on the disk."""

    def __init__(self, path: Path) -> None:
        self.path, self._key = path, AESGCM.generate_key(bit_length=256)
        self._file = open(path, "xb")  # noqa: SIM115 (closed by finish)
        self._writer = SealedWriter(self._file, self._key, b"spool")

    def write(self, data: bytes) -> None:
        self._writer.write(data)

    def finish(self) -> int:
        self._writer.finish()
        self._file.close()
        return self._writer.plain_size

    @contextlib.contextmanager
    def reader(self) -> Iterator[IO[bytes]]:
        with open(self.path, "rb") as source:
            yield io.BufferedReader(SealedReader(source, self._key, b"spool"), BLOCK)
