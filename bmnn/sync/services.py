"""Trusting and revoking other nodes (set up once per agency, the fingerprint checked by phone)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, bundles, policy
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency
from bmnn.sync import node, rules, sealing
from bmnn.sync.models import NodeRole, Peer


def parse_card(text: str) -> dict[str, str]:
    """Another node's card (the JSON its node page shows), checked field by field."""
    try:
        card = json.loads(text)
        if not isinstance(card, dict):
            raise ValueError("not an object")
        role, name, key = str(card["role"]), str(card["name"]).strip(), str(card["key"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationError(
            {"card": _("Paste the whole node card, as the other node's page shows it.")}
        ) from exc
    if role not in NodeRole.values:
        raise ValidationError({"card": _("The card names an unknown kind of node.")})
    try:
        bundles.parse_public_key(key)
    except bundles.BundleError as exc:
        raise ValidationError({"card": _("The card's key is damaged.")}) from exc
    if not name:
        raise ValidationError({"card": _("The card has no name.")})
    seal = str(card.get("seal") or "")
    if seal:
        try:
            sealing.parse_public_key(seal)
        except sealing.SealError as exc:
            raise ValidationError({"card": _("The card's key is damaged.")}) from exc
    return {
        "role": role,
        "name": name[:255],
        "key": key,
        "seal": seal,
        "agency": str(card.get("agency") or "")[:64],
    }


@service
def trust_peer(*, actor: Any, card: str) -> Peer:
    """Trust another node: its bundles are accepted from now on, and bundles can be made for it."""
    if actor is not None:
        require(
            policy.can_manage_peers(actor), _("Only administrators set up trust between nodes.")
        )
    fields = parse_card(card)
    if not rules.may_exchange(node.role(), fields["role"]):
        raise ValidationError(
            {"card": _("A node exchanges bundles only with a node of the other kind.")}
        )
    if (
        fields["role"] == NodeRole.PROVINCE
        and Peer.objects.filter(role=NodeRole.PROVINCE, revoked_at__isnull=True)
        .exclude(key_id=bundles.key_id(bundles.parse_public_key(fields["key"])))
        .exists()
    ):
        raise ValidationError(
            {"card": _("This node already trusts a province node; revoke it first.")}
        )
    agency = None
    if fields["role"] == NodeRole.AGENCY:
        agency = Agency.objects.filter(code=fields["agency"]).first()
        if agency is None:
            raise ValidationError(
                {"card": _("The card names an agency that is not in the directory.")}
            )
    raw = bundles.parse_public_key(fields["key"])
    if raw == _own_key():
        raise ValidationError({"card": _("This is this node's own card.")})
    peer, _created = Peer.objects.update_or_create(
        key_id=bundles.key_id(raw),
        defaults={
            "name": fields["name"],
            "role": fields["role"],
            "agency": agency,
            "agency_code": fields["agency"],
            "public_key": bundles.public_key_text(raw),
            "seal_key": fields["seal"],
            "added_by": actor,
            "revoked_at": None,
        },
    )
    audit.record(
        actor=actor,
        action="sync.trust",
        obj=peer,
        changes={"name": peer.name, "role": peer.role, "key_id": peer.key_id},
    )
    return peer


def _own_key() -> bytes:
    from bmnn.core.audit_checkpoints import own_public_key

    return own_public_key()


@service
def revoke_peer(*, actor: Any, peer: Peer) -> Peer:
    require(policy.can_manage_peers(actor), _("Only administrators set up trust between nodes."))
    peer = locked(Peer.objects).get(pk=peer.pk)
    if peer.revoked_at is None:
        peer.revoked_at = timezone.now()
        peer.save(update_fields=["revoked_at"])
        audit.record(actor=actor, action="sync.revoke", obj=peer, changes={"key_id": peer.key_id})
    return peer
