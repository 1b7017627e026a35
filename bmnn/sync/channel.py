"""Bundles as channels between nodes: export to one peer, import from one peer.

A sync bundle is an ordinary signed BMNN bundle (`bmnn.core.bundles`, kind `bmnn-sync`) whose
`envelope.json` names the sender's and the recipient's keys, the bundle's number on that
channel (1, 2, 3, … per sender → recipient) and the last number the sender has received from
the recipient (the acknowledgement). The sections (`sections/<name>.json`) and their
attachments (`attachments/<name>`) are written and applied by `bmnn.sync.sections`.

Import checks, before anything is written: the signature by a trusted peer's key, that the
bundle is addressed to this node, and its number. The next number is applied at once, in one
transaction with every bundle held after it that now follows; a later number is held (kept,
nothing applied) until the missing ones arrive; the same bundle again changes nothing; another
bundle under a number already used is refused. A section that cannot be applied rolls back the
whole bundle. Every import, refusal and export is audited.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, bundles, keys, policy
from bmnn.core.audit_checkpoints import own_public_key
from bmnn.core.services import locked, require, service
from bmnn.core.storage import random_name
from bmnn.sync import node, sealing
from bmnn.sync.models import Inbound, Outbound, Peer
from bmnn.sync.sections import Payload, sections_for

KIND = "bmnn-sync"


@dataclass(frozen=True)
class Outcome:
    """What an import did: `state` is imported, held or duplicate; `applied` the bundles
    applied now (this one and any held ones it released)."""

    state: str
    peer: Peer
    seq: int
    applied: list[int]
    message: str


def _require_carrier(actor: Any) -> None:
    if actor is not None:
        require(policy.can_carry_bundles(actor), _("You do not carry this node's bundles."))


def last_imported(peer: Peer) -> int:
    """The highest number imported from `peer` (they are imported without gaps)."""
    found = Inbound.objects.filter(peer=peer, state=Inbound.State.IMPORTED).aggregate(Max("seq"))
    return int(found["seq__max"] or 0)


@service
def export_bundle(*, actor: Any, peer: Peer) -> Outbound:
    """The next bundle for `peer`: what this node owns that the peer should have, and the
    acknowledgement of what came from it."""
    _require_carrier(actor)
    peer = locked(Peer.objects).get(pk=peer.pk)
    if peer.revoked_at is not None:
        raise ValidationError(_("This node is no longer trusted: nothing is sent to it."))
    previous = Outbound.objects.filter(peer=peer).order_by("-seq").first()
    seq = max(previous.seq if previous else 0, peer.acknowledged_seq) + 1
    marks = dict(previous.marks) if previous else {}
    payload = Payload()
    for section in sections_for(node.role(), peer.role):
        marks[section.name] = section.export(peer, payload, marks.get(section.name))
    envelope = {
        "from": node.key_id(),
        "from_role": node.role(),
        "from_name": node.name(),
        "from_agency": settings.BMNN_NODE_AGENCY if node.role() == "agency" else "",
        "to": peer.key_id,
        "seq": seq,
        "ack": last_imported(peer),
        "contents": payload.counts(),
    }
    data = bundles.write(
        KIND, payload.files(envelope), private_pem=keys.signing_key(), issuer=node.name()
    )
    if peer.seal_key:  # sealed to the recipient when its card gave a sealing key
        data = sealing.seal(data, sealing.parse_public_key(peer.seal_key))
    outbound = Outbound(
        peer=peer,
        seq=seq,
        created_by=actor,
        contents=payload.counts(),
        marks=marks,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )
    outbound.file.save(random_name("sync", f"{seq}.bmnn"), ContentFile(data), save=False)
    outbound.save()
    audit.record(
        actor=actor,
        action="sync.export",
        obj=outbound,
        changes={"peer": peer.name, "seq": seq, "contents": payload.counts()},
    )
    return outbound


def bundle_name(outbound: Outbound) -> str:
    """The file name a bundle travels under: sender, recipient, number."""
    sender = (settings.BMNN_NODE_AGENCY or "tinh") if node.role() == "agency" else "tinh"
    recipient = outbound.peer.agency_code if outbound.peer.role == "agency" else "tinh"
    return f"bmnn-{sender}-den-{recipient}-{outbound.seq:05d}.bmnn"


def unseal(data: bytes) -> bytes:
    """The signed bundle itself: a sealed one is opened with this node's key first."""
    if not sealing.is_sealed(data):
        return data
    try:
        return sealing.open_sealed(data, keys.signing_key())
    except sealing.SealError as exc:
        raise ValidationError(
            _(
                "The sealed bundle cannot be opened here: it was altered, or it is sealed to another node."
            )
        ) from exc


def _open(data: bytes) -> tuple[bundles.Bundle, dict[str, Any], Peer]:
    peers = {p.key_id: p for p in Peer.objects.filter(revoked_at__isnull=True)}
    trusted = {key: bundles.parse_public_key(p.public_key) for key, p in peers.items()}
    try:
        bundle = bundles.read(data, trusted=trusted, kind=KIND)
    except bundles.BundleError as exc:
        reasons = {
            "unsigned": _("The bundle is not signed."),
            "untrusted": _("The bundle comes from a node this installation does not trust."),
            "bad_signature": _("The bundle was altered after it was signed."),
            "tampered": _("The bundle was altered after it was signed."),
            "wrong_kind": _("This is not a bundle between nodes."),
        }
        raise ValidationError(
            reasons.get(exc.code, _("The file is not a BMNN bundle, or it is damaged."))
        ) from exc
    try:
        envelope = json.loads(bundle.files["envelope.json"])
        seq = int(envelope["seq"])
        if seq < 1 or not isinstance(envelope.get("contents"), dict):
            raise ValueError("seq")
    except (KeyError, ValueError, TypeError) as exc:
        raise ValidationError(_("The bundle's envelope is damaged.")) from exc
    if envelope.get("from") != bundle.key_id:
        raise ValidationError(_("The bundle names another sender than the key that signed it."))
    if envelope.get("to") != node.key_id():
        raise ValidationError(
            _("This bundle is addressed to another node (%(name)s), not to this one.")
            % {"name": str(envelope.get("to", ""))[:16]}
        )
    return bundle, envelope, peers[bundle.key_id]


def _apply(peer: Peer, bundle: bundles.Bundle, envelope: dict[str, Any], actor: Any) -> None:
    files = bundle.files
    for section in sections_for(peer.role, node.role()):
        name = f"sections/{section.name}.json"
        if name in files:
            try:
                records = json.loads(files[name])
            except ValueError as exc:
                raise ValidationError(
                    _("Section %(name)s of the bundle is damaged.") % {"name": section.name}
                ) from exc
            section.apply(peer, records, files, actor)
    unknown = {
        n.split("/", 1)[1].removesuffix(".json") for n in files if n.startswith("sections/")
    } - {s.name for s in sections_for(peer.role, node.role())}
    if unknown:
        raise ValidationError(
            _("The bundle carries what this node does not take from that node: %(names)s.")
            % {"names": ", ".join(sorted(unknown))}
        )
    ack = int(envelope.get("ack") or 0)
    Outbound.objects.filter(peer=peer, seq__lte=ack, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    if ack > peer.acknowledged_seq:
        peer.acknowledged_seq = ack
        peer.save(update_fields=["acknowledged_seq"])


def _record_refusal(actor: Any, data: bytes, message: str) -> None:
    with transaction.atomic():
        audit.record(
            actor=actor,
            action="sync.refuse",
            changes={"sha256": hashlib.sha256(data).hexdigest(), "reason": message[:300]},
        )


def import_bundle(*, actor: Any, data: bytes) -> Outcome:
    """Checks and applies (or holds) one bundle from a peer; a refusal raises ValidationError
    with the reason and is audited, and nothing of the bundle is kept."""
    _require_carrier(actor)
    try:
        return _import(actor=actor, data=data)
    except ValidationError as exc:
        _record_refusal(actor, data, " ".join(exc.messages))
        raise


@service
def _import(*, actor: Any, data: bytes) -> Outcome:
    data = unseal(data)
    bundle, envelope, peer = _open(data)
    peer = locked(Peer.objects).get(pk=peer.pk)
    seq, digest = int(envelope["seq"]), hashlib.sha256(data).hexdigest()
    seen = Inbound.objects.filter(peer=peer, seq=seq).first()
    if seen is not None:
        if seen.sha256 != digest:
            raise ValidationError(
                _(
                    "Bundle no. %(seq)s from %(peer)s was already received, and this one differs "
                    "from it: nothing was imported. Either it is a replay or a forgery, or %(peer)s "
                    "was restored from an older backup: it must first import the latest bundle "
                    "from this node, then make a new one."
                )
                % {"seq": seq, "peer": peer.name}
            )
        message = _("Bundle no. %(seq)s from %(peer)s was already received; nothing changed.")
        return Outcome("duplicate", peer, seq, [], message % {"seq": seq, "peer": peer.name})
    last = last_imported(peer)
    inbound = Inbound(
        peer=peer,
        seq=seq,
        received_by=actor,
        created_at=bundle.created_at[:40],
        contents=envelope["contents"],
        sha256=digest,
        size=len(data),
    )
    if seq > last + 1:
        inbound.state = Inbound.State.HELD
        inbound.file.save(random_name("sync", f"in-{seq}.bmnn"), ContentFile(data), save=False)
        inbound.save()
        audit.record(
            actor=actor,
            action="sync.hold",
            obj=inbound,
            changes={"peer": peer.name, "seq": seq, "missing": last + 1},
        )
        message = _(
            "Bundle no. %(seq)s from %(peer)s arrived before no. %(missing)s: it is held and "
            "will be imported as soon as the missing bundles are."
        ) % {"seq": seq, "peer": peer.name, "missing": last + 1}
        return Outcome("held", peer, seq, [], message)
    _apply(peer, bundle, envelope, actor)
    inbound.state, inbound.imported_at = Inbound.State.IMPORTED, timezone.now()
    inbound.save()
    audit.record(
        actor=actor,
        action="sync.import",
        obj=inbound,
        changes={"peer": peer.name, "seq": seq, "contents": envelope["contents"]},
    )
    applied = [seq, *_release_held(peer, actor)]
    message = _("Imported bundle no. %(seqs)s from %(peer)s.") % {
        "seqs": ", ".join(str(s) for s in applied),
        "peer": peer.name,
    }
    return Outcome("imported", peer, seq, applied, message)


def _release_held(peer: Peer, actor: Any) -> list[int]:
    """Applies the held bundles that now follow without a gap."""
    applied: list[int] = []
    while True:
        held = Inbound.objects.filter(
            peer=peer, state=Inbound.State.HELD, seq=last_imported(peer) + 1
        ).first()
        if held is None:
            return applied
        with held.file.open("rb") as handle:
            data = handle.read()
        bundle, envelope, _peer = _open(unseal(data))
        _apply(peer, bundle, envelope, actor)
        # the held copy goes only once the import holds
        transaction.on_commit(functools.partial(held.file.storage.delete, str(held.file.name)))
        held.state, held.imported_at, held.file = Inbound.State.IMPORTED, timezone.now(), ""
        held.save()
        audit.record(
            actor=actor,
            action="sync.import",
            obj=held,
            changes={
                "peer": peer.name,
                "seq": held.seq,
                "contents": held.contents,
                "was_held": True,
            },
        )
        applied.append(held.seq)


def own_card() -> dict[str, str]:
    """What another node needs to trust this one (exchanged once, checked by phone)."""
    return {
        "role": node.role(),
        "name": node.name(),
        "agency": settings.BMNN_NODE_AGENCY if node.role() == "agency" else "",
        "key": bundles.public_key_text(own_public_key()),
        "seal": sealing.public_key_text(keys.signing_key()),
    }
