"""Which keys this installation signs with and trusts (bmnn.core.bundles does the crypto)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _

from bmnn.core import audit, bundles, policy
from bmnn.core.models import TrustedKey
from bmnn.core.services import require, service


def write_new_key(path: Path) -> bytes:
    """Writes a new Ed25519 signing key (PEM, readable by the owner only) to `path`, never over an
    existing file; returns the raw public key."""
    pem, public = bundles.generate_key()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    return public


def signing_key() -> bytes:
    """The installation's signing key. Production names it (BMNN_SIGNING_KEY_FILE); the embedded
    single machine makes one of its own in the var directory on first use, as it does its
    secret key, so that its audit checkpoints and bundles are signed from the first day."""
    named: str = settings.BMNN_SIGNING_KEY_FILE
    path = Path(named)
    if not named:
        if settings.BMNN_ENV == "production":
            raise ImproperlyConfigured(
                "BMNN_SIGNING_KEY_FILE is not set: generate one with `bmnn keys generate`"
            )
        path = Path(settings.VAR_DIR) / "signing_key.pem"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileExistsError):  # another process made it first
                write_new_key(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(f"cannot read the signing key {path}: {exc.strerror}") from exc


def trusted(kind: str) -> dict[str, bytes]:
    rows = TrustedKey.objects.filter(kind=kind, revoked_at__isnull=True)
    return {row.key_id: bundles.parse_public_key(row.public_key) for row in rows}


@service
def trust_key(*, actor: Any, name: str, kind: str, public_key: str) -> TrustedKey:
    """Accept bundles of `kind` signed by this key (administrators; or the command line)."""
    if actor is not None:
        require(policy.is_administrator(actor), _("Only administrators manage trusted keys."))
    try:
        raw = bundles.parse_public_key(public_key)
    except bundles.BundleError as exc:
        raise ValidationError({"public_key": str(exc)}) from exc
    key, _created = TrustedKey.objects.update_or_create(
        key_id=bundles.key_id(raw),
        kind=kind,
        defaults={
            "name": name,
            "public_key": bundles.public_key_text(raw),
            "added_by": actor,
            "revoked_at": None,
        },
    )
    audit.record(
        actor=actor, action="core.trust_key", obj=key, changes={"kind": kind, "key_id": key.key_id}
    )
    return key


def open_bundle(data: bytes, kind: str, wrong_kind: str) -> bundles.Bundle:
    """A bundle of `kind` checked against the keys trusted for it, or a ValidationError that
    says which check failed, in the user's language (`wrong_kind` names what was expected)."""
    try:
        return bundles.read(data, trusted=trusted(kind), kind=kind)
    except bundles.BundleError as exc:
        reasons = {
            "unsigned": _("The bundle is not signed."),
            "untrusted": _("The bundle is signed by a key this installation does not trust."),
            "bad_signature": _("The bundle was altered after it was signed."),
            "tampered": _("The bundle was altered after it was signed."),
            "wrong_kind": wrong_kind,
        }
        raise ValidationError(
            reasons.get(exc.code, _("The file is not a BMNN bundle, or it is damaged."))
        ) from exc
