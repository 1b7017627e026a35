"""Reads of the leak scanner that its pages share: the findings a scan found and, per run, how
many. Who may see which portal or finding is the policy's `restrict_scan_findings`: the pages
reach a run through a restricted portal and still restrict the findings listed."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Now

from bmnn.scanner.models import CrawlRun, Finding


def run_findings(run: CrawlRun) -> QuerySet[Finding]:
    """The findings a scan found: its portal's crawl findings first seen while it ran (a finding
    is first seen at the moment the scan records it, between the run's start and its end). The
    one definition of a scan's "new findings": the number shown is the length of this list."""
    rows = Finding.objects.filter(
        portal_id=run.portal_id, source=Finding.Source.CRAWL, first_seen__gte=run.started_at
    )
    return rows.filter(first_seen__lte=run.finished_at) if run.finished_at else rows


def with_found(runs: QuerySet[CrawlRun]) -> QuerySet[CrawlRun]:
    """The runs, each with `found`: how many findings `run_findings` lists for it (one query)."""
    found = (
        Finding.objects.filter(
            portal_id=OuterRef("portal_id"),
            source=Finding.Source.CRAWL,
            first_seen__gte=OuterRef("started_at"),
            first_seen__lte=Coalesce(OuterRef("finished_at"), Now()),
        )
        .order_by()
        .values("portal_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return runs.annotate(found=Coalesce(Subquery(found), 0))
