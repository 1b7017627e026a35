"""Signed bundles: how one BMNN installation hands data to another without a network (the
scanner host to the internal system; a province to the ministry).

A bundle is an ordinary ZIP archive holding `manifest.json` and the files it lists under
`files/`. The manifest names the kind of content, the issuer, the time and the SHA-256 of every
file. The Ed25519 signature sits in the archive's trailing comment and covers every byte of the
archive before it, so changing any single byte of a bundle — content, names, dates, flags,
the signature itself — makes it fail. Reading checks, in order: the size, the signature (by a
key this installation trusts), then the archive, the kind and every file's hash; a bundle that
fails any check is rejected whole, with a message that says which check failed. Nothing of the
archive is decompressed before the signature has been checked.

No Django import: keys come in as bytes, trust as a mapping of key id → public key.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FORMAT = "bmnn-bundle"
VERSION = 2
_EOCD = b"PK\x05\x06"  # end of central directory record (22 bytes + comment)
MAX_BUNDLE_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 1000
MAX_EXPANDED = 1024 * 1024 * 1024


class BundleError(ValueError):
    """A bundle that cannot be accepted; `code` is stable (malformed, unsigned, untrusted,
    bad_signature, tampered, wrong_kind)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Bundle:
    kind: str
    issuer: str
    key_id: str
    created_at: str
    files: dict[str, bytes]

    def json(self, name: str = "payload.json") -> Any:
        return json.loads(self.files[name].decode("utf-8"))


def generate_key() -> tuple[bytes, bytes]:
    """A new Ed25519 key pair: (private key PEM, raw public key)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = Ed25519PrivateKey.generate()
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return pem, public


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def public_key_text(public: bytes) -> str:
    return base64.b64encode(public).decode()


def parse_public_key(text: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError as exc:
        raise BundleError("malformed", "the public key is not base64") from exc
    if len(raw) != 32:
        raise BundleError("malformed", "an Ed25519 public key has 32 bytes")
    return raw


def write(kind: str, files: Mapping[str, bytes], *, private_pem: bytes, issuer: str) -> bytes:
    """A signed bundle of `files` (name → content)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = serialization.load_pem_private_key(private_pem, password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise BundleError("malformed", "the signing key is not an Ed25519 key")
    public = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "kind": kind,
        "issuer": issuer,
        "key_id": key_id(public),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode(
        "utf-8"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        for name, data in sorted(files.items()):
            archive.writestr(f"files/{name}", data)
    body = out.getvalue()
    if body[-22:-18] != _EOCD or body[-2:] != b"\x00\x00":
        raise BundleError("malformed", "could not lay out the archive")
    signed = body[:-2]  # everything up to the comment-length field
    comment = json.dumps(
        {"k": manifest["key_id"], "s": base64.b64encode(private.sign(signed)).decode()},
        separators=(",", ":"),
    ).encode("ascii")
    return signed + struct.pack("<H", len(comment)) + comment


def _signature(data: bytes) -> tuple[bytes, str, bytes]:
    """(signed bytes, key id, signature) from the archive's trailing comment."""
    for length in range(min(len(data) - 22, 400) + 1):  # the record nearest the end
        eocd = len(data) - 22 - length
        if eocd >= 0 and data[eocd : eocd + 4] == _EOCD:
            break
    else:
        raise BundleError("malformed", "not a BMNN bundle (not a ZIP archive)")
    if struct.unpack("<H", data[eocd + 20 : eocd + 22])[0] != length:
        raise BundleError("malformed", "not a BMNN bundle (damaged end of archive)")
    if length == 0:
        raise BundleError("unsigned", "the bundle is not signed")
    try:
        comment = json.loads(data[eocd + 22 :].decode("ascii"))
        if set(comment) != {"k", "s"}:
            raise ValueError("fields")
        signature = base64.b64decode(comment["s"], validate=True)
        key = str(comment["k"])
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise BundleError(
            "bad_signature", "the signature is damaged: the bundle was altered"
        ) from exc
    return data[: eocd + 20], key, signature


def read(data: bytes, *, trusted: Mapping[str, bytes], kind: str) -> Bundle:
    """The verified content of a bundle of `kind`, signed by one of the `trusted` keys
    (key id → raw public key)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("malformed", "the bundle is larger than 200 MB")
    signed, key, signature = _signature(data)
    public = trusted.get(key)
    if public is None:
        raise BundleError(
            "untrusted", f"signed by a key this installation does not trust ({key[:16]})"
        )
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, signed)
    except InvalidSignature as exc:
        raise BundleError(
            "bad_signature", "the signature does not match: the bundle was altered"
        ) from exc
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
        if len(members) > MAX_MEMBERS or sum(i.file_size for i in members.values()) > MAX_EXPANDED:
            raise BundleError("malformed", "the bundle expands to an implausible size")
        manifest = json.loads(archive.read("manifest.json"))
        listed = dict(manifest["files"])
    except BundleError:
        raise
    except (
        KeyError,
        ValueError,
        TypeError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise BundleError("malformed", "the archive or its manifest is damaged") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BundleError("malformed", "not a BMNN bundle of a version this installation reads")
    if manifest.get("key_id") != key:
        raise BundleError("tampered", "the manifest names another signing key")
    if manifest.get("kind") != kind:
        raise BundleError("wrong_kind", f"this is a {manifest.get('kind')!r} bundle, not {kind!r}")
    files = {}
    extra = {name for name in members if name.startswith("files/")} - {f"files/{n}" for n in listed}
    if extra:
        raise BundleError("tampered", f"files not in the signed manifest: {sorted(extra)[:3]}")
    for name, digest in listed.items():
        member = f"files/{name}"
        if member not in members:
            raise BundleError("tampered", f"{name} is listed but missing")
        try:
            content = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError) as exc:
            raise BundleError("tampered", f"{name} is damaged: {exc}") from exc
        if hashlib.sha256(content).hexdigest() != digest:
            raise BundleError("tampered", f"{name} does not match its signed fingerprint")
        files[name] = content
    return Bundle(
        kind=kind,
        issuer=str(manifest.get("issuer", "")),
        key_id=manifest["key_id"],
        created_at=str(manifest.get("created_at", "")),
        files=files,
    )
