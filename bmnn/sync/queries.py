"""Reads of the node page: the nodes a reader may see with what stands between this node and
each (the policy's `restrict_channels` decides which)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, OuterRef, Q, Subquery

from bmnn.core import policy
from bmnn.sync import node
from bmnn.sync.models import Inbound, Outbound, Peer


def peers(actor: Any) -> list[tuple[Peer, str, int, Outbound | None, int]]:
    """Each node with its fingerprint, the last number imported from it, the last bundle made
    for it and how many of its bundles are held: a constant number of queries for any number of
    nodes (one for the nodes and their counts, one for their last bundles)."""
    imported, held = Q(inbound__state=Inbound.State.IMPORTED), Q(inbound__state=Inbound.State.HELD)
    last_out = Outbound.objects.filter(peer=OuterRef("pk")).order_by("-seq").values("pk")[:1]
    rows = Peer.objects.select_related("agency").annotate(
        last_in=Max("inbound__seq", filter=imported),
        held=Count("inbound", filter=held),
        last_out_pk=Subquery(last_out),
    )
    peers = list(policy.restrict_channels(actor, rows))
    outbound = Outbound.objects.in_bulk([p.last_out_pk for p in peers if p.last_out_pk])
    return [
        (p, node.fingerprint(p.public_key), p.last_in or 0, outbound.get(p.last_out_pk), p.held)
        for p in peers
    ]
