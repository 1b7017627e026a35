"""`bmnn sync export --to NODE --out FILE`: the next bundle for a trusted node."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from bmnn.sync import channel
from bmnn.sync.models import Peer


def find_peer(name: str) -> Peer:
    """A trusted node by its agency code, its key id or its name."""
    peers = list(
        Peer.objects.filter(Q(agency_code=name) | Q(key_id=name) | Q(name=name) | Q(role=name))
    )
    if len(peers) != 1:
        known = ", ".join(p.agency_code or p.role for p in Peer.objects.all()) or "none"
        raise CommandError(
            f"{'no' if not peers else 'more than one'} trusted node matches {name!r} (known: {known})"
        )
    return peers[0]


class Command(BaseCommand):
    help = "Writes the next signed bundle for a trusted node (by agency code, key id or name)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--to", required=True, dest="to")
        parser.add_argument("--out", required=True)

    def handle(self, *args: Any, to: str, out: str, **options: Any) -> None:
        peer = find_peer(to)
        try:
            outbound = channel.export_bundle(actor=None, peer=peer)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        target = Path(out)
        if target.is_dir():
            target = target / channel.bundle_name(outbound)
        with outbound.file.open("rb") as handle:
            target.write_bytes(handle.read())
        carried = (
            ", ".join(f"{k} {v}" for k, v in outbound.contents.items()) or "acknowledgement only"
        )
        self.stdout.write(f"bundle no. {outbound.seq} for {peer.name}: {carried} -> {target}")
