"""`bmnn scanner export --out FILE [--since YYYY-MM-DD]`: signed findings for the internal system."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bmnn.scanner import bundle


class Command(BaseCommand):
    help = "Exports findings as a bundle signed with BMNN_SIGNING_KEY_FILE."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", required=True)
        parser.add_argument("--since", help="first-seen date, dd/mm/yyyy or yyyy-mm-dd")

    def handle(self, *args: Any, out: str, since: str | None, **options: Any) -> None:
        start = None
        if since:
            for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    start = timezone.make_aware(datetime.strptime(since, pattern))
                    break
                except ValueError:
                    continue
            else:
                raise CommandError(f"--since {since}: use dd/mm/yyyy")
        try:
            data = bundle.export(start)
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        Path(out).write_bytes(data)
        self.stdout.write(f"wrote {out} ({len(data)} bytes)")
