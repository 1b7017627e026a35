"""Sealing a signed bundle to its recipient (defence in depth: the medium is still handled as a
secret medium).

A node's X25519 key is derived from its Ed25519 signing key with HKDF (its own label), so there
is no second key file to keep. A sealed bundle is `MAGIC | ephemeral public key (32) | nonce
(12) | AES-256-GCM(signed bundle)`, the AES key being HKDF of the X25519 shared secret bound to
both public keys. Only the recipient opens it; any changed byte fails the GCM tag. The signature
inside is checked as for any bundle once it is opened.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAGIC = b"BMNN-SEALED-1\n"
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class SealError(ValueError):
    pass


def _derive(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(secret)


def private_key(signing_pem: bytes) -> X25519PrivateKey:
    """This node's X25519 key, derived from its Ed25519 signing key."""
    signing = serialization.load_pem_private_key(signing_pem, password=None)
    if not isinstance(signing, Ed25519PrivateKey):
        raise SealError("the signing key is not an Ed25519 key")
    seed = signing.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    return X25519PrivateKey.from_private_bytes(_derive(seed, b"bmnn sync sealing key v1"))


def public_key_text(signing_pem: bytes) -> str:
    return base64.b64encode(private_key(signing_pem).public_key().public_bytes(*_RAW)).decode()


def parse_public_key(text: str) -> bytes:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except ValueError as exc:
        raise SealError("the sealing key is not base64") from exc
    if len(raw) != 32:
        raise SealError("an X25519 public key has 32 bytes")
    return raw


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def seal(data: bytes, recipient_key: bytes) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(*_RAW)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_key))
    key = _derive(shared, b"bmnn sync bundle v1" + ephemeral_public + recipient_key)
    nonce = os.urandom(12)
    return MAGIC + ephemeral_public + nonce + AESGCM(key).encrypt(nonce, data, MAGIC)


def open_sealed(data: bytes, signing_pem: bytes) -> bytes:
    """The signed bundle inside a sealed one addressed to this node."""
    body = data[len(MAGIC) :]
    if len(body) < 32 + 12 + 16:
        raise SealError("the sealed bundle is truncated")
    ephemeral_public, nonce, sealed = body[:32], body[32:44], body[44:]
    own = private_key(signing_pem)
    own_public = own.public_key().public_bytes(*_RAW)
    shared = own.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    key = _derive(shared, b"bmnn sync bundle v1" + ephemeral_public + own_public)
    try:
        return AESGCM(key).decrypt(nonce, sealed, MAGIC)
    except InvalidTag as exc:
        raise SealError("the sealed bundle was altered, or is sealed to another node") from exc
