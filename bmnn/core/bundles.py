"""Signed bundles: how one BMNN installation hands data to another without a network (the
scanner host to the internal system; a province to the ministry).

A bundle is a ZIP holding `manifest.json`, `signature.json` and the files the manifest lists.
The manifest names the kind of content, the issuer, the time, and the SHA-256 of every file;
the signature is Ed25519 over the manifest's exact bytes. Reading a bundle checks, in order:
that it is a sane ZIP, that the manifest is signed by a key this installation trusts for that
kind, and that every file matches its hash — a bundle that fails any check is rejected whole,
with a message that says which check failed.

No Django import: keys come in as bytes, trust as a mapping of key id → public key.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

FORMAT = "bmnn-bundle"
VERSION = 1
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
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())  # fmt: skip
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
        "format": FORMAT, "version": VERSION, "kind": kind, "issuer": issuer, "key_id": key_id(public),
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }  # fmt: skip
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode(
        "utf-8"
    )
    signature = {"algorithm": "ed25519", "key_id": manifest["key_id"],
                 "signature": base64.b64encode(private.sign(manifest_bytes)).decode()}  # fmt: skip
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", manifest_bytes)
        archive.writestr("signature.json", json.dumps(signature, indent=1))
        for name, data in sorted(files.items()):
            archive.writestr(f"files/{name}", data)
    return out.getvalue()


def read(data: bytes, *, trusted: Mapping[str, bytes], kind: str) -> Bundle:
    """The verified content of a bundle of `kind`, signed by one of the `trusted` keys
    (key id → raw public key)."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("malformed", "the bundle is larger than 200 MB")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise BundleError("malformed", "not a BMNN bundle (not a ZIP archive)") from exc
    if len(members) > MAX_MEMBERS or sum(i.file_size for i in members.values()) > MAX_EXPANDED:
        raise BundleError("malformed", "the bundle expands to an implausible size")
    if "manifest.json" not in members:
        raise BundleError("malformed", "not a BMNN bundle (no manifest)")
    if "signature.json" not in members:
        raise BundleError("unsigned", "the bundle is not signed")
    try:
        manifest_bytes = archive.read("manifest.json")
        manifest = json.loads(manifest_bytes)
        signature = json.loads(archive.read("signature.json"))
        listed = dict(manifest["files"])
        sig = base64.b64decode(signature["signature"], validate=True)
    except (KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise BundleError("malformed", "the manifest or signature is damaged") from exc
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise BundleError("malformed", "not a BMNN bundle of a version this installation reads")
    public = trusted.get(str(signature.get("key_id", "")))
    if public is None or signature.get("key_id") != manifest.get("key_id"):
        raise BundleError(
            "untrusted",
            f"signed by a key this installation does not trust ({signature.get('key_id')})",
        )
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(sig, manifest_bytes)
    except InvalidSignature as exc:
        raise BundleError(
            "bad_signature", "the signature does not match the manifest: the bundle was altered"
        ) from exc
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
        content = archive.read(member)
        if hashlib.sha256(content).hexdigest() != digest:
            raise BundleError("tampered", f"{name} does not match its signed fingerprint")
        files[name] = content
    return Bundle(kind=kind, issuer=str(manifest.get("issuer", "")), key_id=manifest["key_id"],
                  created_at=str(manifest.get("created_at", "")), files=files)  # fmt: skip
