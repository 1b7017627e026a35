"""`bmnn scan PATH_OR_URL ...`: the scanner engine's command line (see bmnn.scanner.engine.cli)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from bmnn.scanner.engine.cli import run


class Command(BaseCommand):
    help = "Finds state-secret markings in files, folders and web pages; one JSON line per file."
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        # The engine parses its own arguments (the same as `python -m bmnn.scanner.engine.cli`).
        sys.exit(run(argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover (run_from_argv exits)
        sys.exit(run(list(args)))
