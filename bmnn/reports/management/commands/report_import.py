"""`bmnn report import FILE`: a lower installation's signed report bundle."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.management.files import read_argument
from bmnn.reports import province


class Command(BaseCommand):
    help = "Imports a signed report bundle; rejects it whole if it is altered or signed by an unknown key."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        data = read_argument(file)
        try:
            imported, changed = province.import_bundle(actor=None, data=data)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{imported.issuer}: {'imported' if changed else 'already imported, nothing changed'}"
        )
