"""`bmnn setup`: migrate, and load the demo province into an empty embedded database."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from bmnn.org.demo import POLICE_CODE
from bmnn.org.models import Agency


class Command(BaseCommand):
    help = "Migrates the database; on an empty embedded database, loads the demo province."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args: Any, no_demo: bool, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("database ready: " + str(settings.DATABASES["default"]["NAME"]))
        # The demo goes only into an empty database or one that already holds it, never into a
        # real province's directory.
        empty_or_demo = (
            not Agency.objects.exists() or Agency.objects.filter(code=POLICE_CODE).exists()
        )
        if not no_demo and settings.BMNN_ENV != "production" and empty_or_demo:
            call_command("demo")
            self._checkpoint()

    def _checkpoint(self) -> None:
        """Signs the demo's audit chain once, so `bmnn audit verify --checkpoints` has something
        to check from the first run (the daily job adds one a day)."""
        from django.core.exceptions import ImproperlyConfigured

        from bmnn.core import audit_checkpoints

        try:
            checkpoint = audit_checkpoints.write_checkpoint()
        except (audit_checkpoints.CheckpointError, ImproperlyConfigured) as exc:
            self.stderr.write(f"warning: no audit checkpoint written: {exc}")
        else:
            self.stdout.write(
                f"audit checkpoint: event #{checkpoint.seq} signed into {audit_checkpoints.directory()}"
            )
