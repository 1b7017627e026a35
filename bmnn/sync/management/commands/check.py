"""`bmnn check`: Django's system check, then one line that says which kind of node this is."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.check import Command as DjangoCheck


class Command(DjangoCheck):
    def handle(self, *app_labels: Any, **options: Any) -> None:
        super().handle(*app_labels, **options)
        from bmnn.sync.checks import describe

        self.stdout.write(describe())
