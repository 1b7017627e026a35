"""`bmnn inspection checklist --format json`: the default checklist, every item with its rule."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from bmnn.inspections import checklist


class Command(BaseCommand):
    help = "Prints the default inspection checklist."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument("--language", choices=["vi", "en"], default="vi")

    def handle(self, *args: Any, format: str, language: str, **options: Any) -> None:
        data = checklist.as_json(language)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        for area in data["areas"]:  # type: ignore[attr-defined]
            self.stdout.write(area["title"])
            for item in area["items"]:
                self.stdout.write(f"  {item['code']:<28} {item['text']}  [{item['source']}]")
