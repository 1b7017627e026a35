"""`bmnn sync import FILE...`: bundles from trusted nodes (held ones wait for the missing)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bmnn.core.management.files import read_argument
from bmnn.sync import channel


class Command(BaseCommand):
    help = "Imports signed bundles from trusted nodes, in any order; a refused one is named and left out."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("files", nargs="+")

    def handle(self, *args: Any, files: list[str], **options: Any) -> None:
        refused = 0
        for file in files:
            try:
                outcome = channel.import_bundle(actor=None, data=read_argument(file))
            except ValidationError as exc:
                refused += 1
                self.stderr.write(f"{file}: refused: {' '.join(exc.messages)}")
            else:
                self.stdout.write(f"{file}: {outcome.state}: {outcome.message}")
        if refused:
            raise CommandError(f"{refused} of {len(files)} bundles refused")
