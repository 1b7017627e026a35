"""`bmnn plan import FILE --format json`: prints the parsed plan (an inspection plan as one, with\nits team and schedule); saves nothing."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bmnn.core.management.files import read_argument
from bmnn.plans.directory import directory_resolver
from bmnn.plans.importer import ImportFailed, inspection_plan, parse_bytes


class Command(BaseCommand):
    help = "Reads a plan document (DOCX, PDF, text) and prints what BMNN understood."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, file: str, format: str, **options: Any) -> None:
        data = read_argument(file)
        resolver = directory_resolver()
        try:
            # an inspection plan (kế hoạch kiểm tra) is read as one, as the upload page does
            inspection = (
                inspection_plan.read_bytes(data, resolver)
                if inspection_plan.sniff_bytes(data)
                else None
            )
            result = inspection.as_json() if inspection else parse_bytes(data, resolver).as_json()
        except ImportFailed as exc:
            raise CommandError(f"{file}: {exc.code}: {exc.detail}") from exc
        if format == "json":
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        plan = result["plan"]
        self.stdout.write(
            f"{plan['number']}  {plan['place']}  {plan['date'] or '-'}  {plan['title']}"
        )
        for row in result.get("schedule", []):
            self.stdout.write(
                f"{row['ref']:<10} {row['from'] or '-'}  {row['agency'] or row['unit']}"
            )
        for task in result["tasks"]:
            self.stdout.write(
                f"{task['ref']:<10} {task['timing']['kind']:<12} "
                f"lead: {'; '.join(task['lead']) or '-'}  |  "
                f"{' '.join(task['content'].split())[:80]}"
            )
