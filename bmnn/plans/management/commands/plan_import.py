"""`bmnn plan import FILE --format json`: prints the parsed plan; saves nothing."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.core.management.files import read_argument
from bmnn.plans.directory import directory_resolver
from bmnn.plans.importer import ImportFailed, parse_bytes


class Command(BaseCommand):
    help = "Reads a plan document (DOCX, PDF, text) and prints what BMNN understood."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, file: str, format: str, **options: Any) -> None:
        data = read_argument(file)
        try:
            parsed = parse_bytes(data, directory_resolver())
        except ImportFailed as exc:
            raise CommandError(f"{file}: {exc.code}: {exc.detail}") from exc
        result = parsed.as_json()
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        plan = result["plan"]
        self.stdout.write(
            f"{plan['number']}  {plan['place']}  {plan['date'] or '-'}  {plan['title']}"
        )
        for task in result["tasks"]:
            self.stdout.write(
                f"{task['ref']:<10} {task['timing']['kind']:<12} "
                f"lead: {'; '.join(task['lead']) or '-'}  |  "
                f"{' '.join(task['content'].split())[:80]}"
            )
