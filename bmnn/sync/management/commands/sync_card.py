"""`bmnn sync card` prints this node's card; `bmnn sync trust CARD` trusts another node's."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from bmnn.sync import channel, node


class Command(BaseCommand):
    help = "Prints this node's card (to give to the other node) and its fingerprint."

    def handle(self, *args: Any, **options: Any) -> None:
        card = channel.own_card()
        self.stdout.write(json.dumps(card, ensure_ascii=False))
        self.stderr.write(f"fingerprint: {node.fingerprint(card['key'])}")
