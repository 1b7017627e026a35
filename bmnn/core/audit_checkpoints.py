"""Signed checkpoints of the audit chain, kept outside the database.

The hash chain shows an edit only to someone who does not recompute the hashes after it; anyone
who can write to the database can rewrite the chain and its head so that it verifies again. A
checkpoint anchors the chain: once a day the installation signs the chain head (sequence number
and hash, with the time and the installation's name) with its Ed25519 signing key, and appends it
as one JSON line to `BMNN_DATA_DIR/audit-checkpoints/<year>.jsonl`. The newest file also travels
in every report bundle sent upward, so a copy sits where the database's owner cannot reach it.

Verifying against checkpoints trusts only keys from outside the database (this installation's
key file, or public keys given on the command line): a key added to the trusted-keys table by
the same intruder must not vouch for forged checkpoints. An edit after the newest checkpoint is
found only by the plain hash check, so the daily interval bounds what a rewrite can hide.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from bmnn.core import audit, bundles, keys
from bmnn.core.models import AuditEvent

FORMAT = "bmnn-audit-checkpoint"
VERSION = 1
DIRECTORY = "audit-checkpoints"
SIGNED_FIELDS = ("format", "version", "installation", "key_id", "seq", "hash", "at")


class CheckpointError(RuntimeError):
    pass


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    installation: str
    key_id: str
    signature: str
    source: str = ""  # file and line it was read from

    def fields(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "installation": self.installation,
            "key_id": self.key_id,
            "seq": self.seq,
            "hash": self.hash,
            "at": self.at,
        }

    def line(self) -> str:
        return json.dumps(
            {**self.fields(), "signature": self.signature}, ensure_ascii=False, sort_keys=True
        )


def _message(fields: Mapping[str, Any]) -> bytes:
    payload = {name: fields[name] for name in SIGNED_FIELDS}
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def _private_key(pem: bytes) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    private = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise CheckpointError("the signing key is not an Ed25519 key")
    return private


def _public_of(private: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )


def own_public_key() -> bytes:
    """The raw public key of this installation's signing key (BMNN_SIGNING_KEY_FILE)."""
    return _public_of(_private_key(keys.signing_key()))


def sign(*, seq: int, hash: str, at: datetime, installation: str, private_pem: bytes) -> Checkpoint:
    private = _private_key(private_pem)
    public = _public_of(private)
    unsigned = Checkpoint(
        seq=seq,
        hash=hash,
        installation=installation,
        key_id=bundles.key_id(public),
        at=at.astimezone(UTC).isoformat(timespec="seconds"),
        signature="",
    )
    signature = base64.b64encode(private.sign(_message(unsigned.fields()))).decode()
    return Checkpoint(**{**unsigned.__dict__, "signature": signature})


def signature_valid(checkpoint: Checkpoint, public_keys: Mapping[str, bytes]) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    public = public_keys.get(checkpoint.key_id)
    if public is None:
        return False
    try:
        signature = base64.b64decode(checkpoint.signature, validate=True)
        Ed25519PublicKey.from_public_bytes(public).verify(signature, _message(checkpoint.fields()))
    except (InvalidSignature, ValueError):
        return False
    return True


def directory() -> Path:
    return Path(settings.DATA_DIR) / DIRECTORY


def latest_file(where: Path | None = None) -> Path | None:
    """The newest checkpoint file (the one a report bundle carries), or None."""
    files = sorted((where or directory()).glob("*.jsonl"))
    return files[-1] if files else None


def read(where: Path | Iterable[Path]) -> list[Checkpoint | str]:
    """Every checkpoint line in the `*.jsonl` files under `where` (a directory, searched
    recursively, or files). A line that cannot be read becomes a string saying where it is, so
    that a damaged file is reported rather than skipped."""
    paths = sorted(where.rglob("*.jsonl")) if isinstance(where, Path) else list(where)
    found: list[Checkpoint | str] = []
    for path in paths:
        for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not text.strip():
                continue
            source = f"{path}:{number}"
            try:
                data = json.loads(text)
                if data.get("format") != FORMAT or data.get("version") != VERSION:
                    raise ValueError("format")
                found.append(
                    Checkpoint(
                        seq=int(data["seq"]),
                        hash=str(data["hash"]),
                        at=str(data["at"]),
                        installation=str(data["installation"]),
                        key_id=str(data["key_id"]),
                        signature=str(data["signature"]),
                        source=source,
                    )
                )
            except (ValueError, KeyError, TypeError, AttributeError):
                found.append(source)
    return found


def _append(path: Path, checkpoint: Checkpoint) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = (checkpoint.line() + "\n").encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
    try:
        os.write(fd, data)  # one write of one short line: appends never interleave
        os.fsync(fd)
    finally:
        os.close(fd)


def write_checkpoint(now: datetime | None = None) -> Checkpoint:
    """Signs the current chain head and appends it to this year's checkpoint file.

    The chain is checked first, from this installation's newest valid checkpoint (or from the
    start): a head is signed only if every event since the last signed one is intact, so a
    rewrite is never vouched for. Raises CheckpointError naming what is wrong otherwise."""
    now = now or timezone.now()
    private_pem = keys.signing_key()
    public = _public_of(_private_key(private_pem))
    own = {bundles.key_id(public): public}
    signed = [c for c in read(directory()) if isinstance(c, Checkpoint) and signature_valid(c, own)]
    newest = max(signed, key=lambda c: c.seq, default=None)
    after = (newest.seq, newest.hash) if newest is not None else None
    if after is not None and after[0] > 0:
        stored = AuditEvent.objects.filter(seq=after[0]).values_list("hash", flat=True).first()
        if stored != after[1]:
            raise CheckpointError(
                f"event #{after[0]} no longer matches the last checkpoint: the audit chain was "
                "rewritten; run `bmnn audit verify --checkpoints`"
            )
    result = audit.verify_chain(after=after)
    if not result.ok:
        assert result.broken is not None  # nosec B101 # narrows the type; a failed check names its broken event
        raise CheckpointError(
            f"the audit chain is broken at event #{result.broken.seq}: {result.broken.reason}"
        )
    checkpoint = sign(
        seq=result.last_seq,
        hash=result.last_hash,
        at=now,
        installation=settings.BMNN_INSTALLATION_NAME,
        private_pem=private_pem,
    )
    _append(directory() / f"{timezone.localtime(now).year}.jsonl", checkpoint)
    return checkpoint


@dataclass(frozen=True)
class Finding:
    source: str  # a checkpoint line, or "chain"
    message: str


def verify_against(
    checkpoints: Iterable[Checkpoint | str], public_keys: Mapping[str, bytes]
) -> tuple[audit.VerifyResult, list[Finding]]:
    """The chain's own check plus, for every checkpoint: its signature is valid under one of
    `public_keys` (key id → raw key), the event at its sequence is stored with its hash, and
    the chain reaches at least as far as the newest checkpoint."""
    result = audit.verify_chain()
    findings: list[Finding] = []
    valid: list[Checkpoint] = []
    for checkpoint in checkpoints:
        if isinstance(checkpoint, str):
            findings.append(Finding(checkpoint, "not a readable checkpoint line"))
        elif checkpoint.key_id not in public_keys:
            findings.append(
                Finding(checkpoint.source, f"signed by an unknown key {checkpoint.key_id}")
            )
        elif not signature_valid(checkpoint, public_keys):
            findings.append(
                Finding(checkpoint.source, "signature does not match: the line was altered")
            )
        else:
            valid.append(checkpoint)
    stored = dict(
        AuditEvent.objects.filter(seq__in={c.seq for c in valid}).values_list("seq", "hash")
    )
    length = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    newest = max(valid, key=lambda c: c.seq, default=None)
    if newest is not None and length < newest.seq:
        findings.append(
            Finding(
                newest.source,
                f"the chain ends at #{length} but checkpoint of "
                f"{newest.at} signed #{newest.seq}: events were removed",
            )
        )
    for checkpoint in sorted(valid, key=lambda c: c.seq):
        if checkpoint.seq == 0:
            continue
        if checkpoint.seq not in stored:
            findings.append(
                Finding(
                    checkpoint.source,
                    f"event #{checkpoint.seq} signed on {checkpoint.at} is missing",
                )
            )
        elif stored[checkpoint.seq] != checkpoint.hash:
            findings.append(
                Finding(
                    checkpoint.source,
                    f"event #{checkpoint.seq} differs from the one "
                    f"signed on {checkpoint.at}: the chain was rewritten",
                )
            )
    return result, findings
