"""`bmnn keys trust --name NAME --kind KIND --key PUBLIC_KEY`: accept bundles signed by it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.keys import trust_key


class Command(BaseCommand):
    help = "Trusts a public key for one kind of bundle (scanner-findings, report, …)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--name", required=True)
        parser.add_argument("--kind", required=True)
        parser.add_argument("--key", required=True)

    def handle(self, *args: Any, name: str, kind: str, key: str, **options: Any) -> None:
        try:
            trusted = trust_key(actor=None, name=name, kind=kind, public_key=key)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"trusted {trusted}")
