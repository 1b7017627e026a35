"""What an agency's node sends the province, made in the test: a signed bundle of progress
records, and one such record."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bmnn.core import bundles
from bmnn.sync import channel, node


def agency_bundle(
    pem: bytes,
    public: bytes,
    seq: int,
    progress: Iterable[dict[str, Any]] = (),
    ack: int = 0,
    *,
    issuer: str,
    to: str | None = None,
) -> bytes:
    """The bundle numbered `seq` of the agency node whose key pair is (`pem`, `public`): its
    progress records, acknowledging the receiver's bundles up to `ack`, for this node unless
    `to` names another."""
    sections = {"progress": list(progress)} if progress else {}
    envelope = {
        "from": bundles.key_id(public),
        "to": to or node.key_id(),
        "seq": seq,
        "ack": ack,
        "from_role": "agency",
        "contents": {k: len(v) for k, v in sections.items()},
    }
    files = {"envelope.json": json.dumps(envelope).encode()}
    files.update({f"sections/{k}.json": json.dumps(v).encode() for k, v in sections.items()})
    return bundles.write(channel.KIND, files, private_pem=pem, issuer=issuer)


def progress_update(
    uid: int, assignment_id: int, status: str, note: str, by_login: str
) -> dict[str, Any]:
    """A progress record as an agency node exports it, posted by Nguyễn Thị Hoa."""
    return {
        "id": uid,
        "assignment": assignment_id,
        "status": status,
        "note": note,
        "period": "",
        "at": "2026-11-02T08:00:00+07:00",
        "by": "Nguyễn Thị Hoa",
        "by_login": by_login,
        "evidence": [],
    }
