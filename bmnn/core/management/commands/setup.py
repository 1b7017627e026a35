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
