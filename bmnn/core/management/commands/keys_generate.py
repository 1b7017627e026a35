"""`bmnn keys generate --out FILE`: a new Ed25519 signing key for this installation's bundles."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.core import bundles, keys


class Command(BaseCommand):
    help = "Writes a new signing key (PEM, readable by the owner only) and prints its public key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True)

    def handle(self, *args: Any, out: str, **options: Any) -> None:
        path = Path(out)
        if path.exists():
            raise CommandError(f"{out} exists; a signing key is never overwritten")
        public = keys.write_new_key(path)
        self.stdout.write(f"key id      {bundles.key_id(public)}")
        self.stdout.write(f"public key  {bundles.public_key_text(public)}")
        self.stdout.write(
            "Set BMNN_SIGNING_KEY_FILE to this file; give the public key to the receiving installation."
        )
