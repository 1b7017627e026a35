"""`bmnn report province --period YEAR --out FILE.docx [--xlsx FILE] [--bundle FILE]`: builds
the province's report for the annual period of YEAR from the accepted reports (the same action
as the page's button) and writes the DOCX, and optionally the XLSX annex and the signed bundle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from bmnn.reports import province
from bmnn.reports.models import ReportingPeriod


class Command(BaseCommand):
    help = "Builds the province's report for a period and writes it as DOCX (and XLSX, bundle)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--period", required=True, help="report year (annual), or a period id as #ID"
        )
        parser.add_argument("--kind", default="annual", choices=ReportingPeriod.Kind.values)
        parser.add_argument("--out", required=True, help="DOCX file to write")
        parser.add_argument("--xlsx", help="XLSX annex to write")
        parser.add_argument("--bundle", help="signed bundle to write (needs BMNN_SIGNING_KEY_FILE)")

    def handle(
        self,
        *args: Any,
        period: str,
        kind: str,
        out: str,
        xlsx: str | None,
        bundle: str | None,
        **options: Any,
    ) -> None:
        found = None
        if period.startswith("#") and period[1:].isdigit():
            found = ReportingPeriod.objects.filter(pk=int(period[1:])).first()
        elif period.isdigit():
            found = province.period_for_year(int(period), kind)
        if found is None:
            raise CommandError(
                f"no {kind} reporting period {period}: open it first (Reports → Open a reporting period)"
            )
        report = province.build(actor=None, period=found)
        outputs = [(out, province.docx)]
        if xlsx:
            outputs.append((xlsx, province.xlsx))
        if bundle:
            outputs.append((bundle, province.bundle))
        for path, render in outputs:
            try:
                data = render(report)
                Path(path).write_bytes(data)
            except ImproperlyConfigured as exc:
                raise CommandError(str(exc)) from exc
            except OSError as exc:
                raise CommandError(f"cannot write {path}: {exc.strerror}") from exc
            province.record_export(
                actor=None, report=report, fmt=Path(path).suffix.lstrip(".") or "file"
            )
            self.stdout.write(f"wrote {path} ({len(data)} bytes)")
        data = report.data
        self.stdout.write(
            f"{data['accepted']}/{data['expected']} agencies' reports accepted; "
            f"{len(data['missing'])} not sent; {len(data['imported'])} imported reports"
        )
