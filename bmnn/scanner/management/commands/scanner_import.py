"""`bmnn scanner import FILE`: findings from a scanner host's signed bundle."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.management.files import read_argument
from bmnn.scanner import bundle


class Command(BaseCommand):
    help = "Imports a signed findings bundle; rejects it whole if it is altered or signed by an unknown key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        data = read_argument(file)
        try:
            result = bundle.import_findings(actor=None, data=data)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{result['added']} findings added, {result['updated']} updated, {result['total']} in the bundle"
        )
