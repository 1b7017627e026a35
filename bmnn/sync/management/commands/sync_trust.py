"""`bmnn sync trust CARD_OR_FILE`: trust another node (its card as text or a file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.sync import node, services


class Command(BaseCommand):
    help = "Trusts another node from its card (JSON text, or a file holding it)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("card")

    def handle(self, *args: Any, card: str, **options: Any) -> None:
        text = card
        if not card.lstrip().startswith("{"):
            try:
                text = Path(card).read_text(encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"cannot read {card}: {exc.strerror}") from exc
        try:
            peer = services.trust_peer(actor=None, card=text)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"trusted {peer.name} ({peer.get_role_display()}), fingerprint {node.fingerprint(peer.public_key)}"
        )
