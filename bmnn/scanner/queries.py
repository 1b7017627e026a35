"""Reads of the leak scanner that its pages share: the portals and findings a reader may see,
the findings a scan found and, per run, how many. Who may see which portal or finding is the
policy's `restrict_scan_findings`: the pages reach a run through a restricted portal and still
restrict the findings listed."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Now

from bmnn.core import policy
from bmnn.scanner.models import CrawlRun, Finding, Portal, QueuedUrl, Resource


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


def portals(actor: Any) -> list[Portal]:
    """The portals the reader may see, by name, each with its agency."""
    rows = policy.restrict_scan_findings(actor, Portal.objects.all())
    return list(rows.select_related("agency").order_by("name"))


def portal(actor: Any, pk: int) -> Portal | None:
    """One portal, if the reader may see it."""
    return policy.restrict_scan_findings(actor, Portal.objects.filter(pk=pk)).first()


def portal_by_id(pk: int) -> Portal | None:
    """A portal to change or scan, for a caller the policy has already let manage portals."""
    return Portal.objects.filter(pk=pk).first()


def last_runs(portals: list[Portal]) -> list[tuple[Portal, CrawlRun | None]]:
    """Each portal with its last run (with `found`, see `with_found`): two queries, however
    many portals."""
    latest = CrawlRun.objects.filter(portal=OuterRef("pk")).order_by("-started_at", "-pk")
    last = dict(
        Portal.objects.filter(pk__in=[p.pk for p in portals])
        .annotate(last=Subquery(latest.values("pk")[:1]))
        .values_list("pk", "last")
    )
    runs = {
        r.pk: r for r in with_found(CrawlRun.objects.filter(pk__in=[x for x in last.values() if x]))
    }
    return [(p, runs.get(last.get(p.pk) or 0)) for p in portals]


def run_of(portals: list[Portal], run_id: int) -> CrawlRun | None:
    """The run `run_id` if it is one of these portals' (None otherwise)."""
    return CrawlRun.objects.filter(pk=run_id, portal__in=portals).first()


def findings(actor: Any) -> QuerySet[Finding]:
    """The findings the reader may see."""
    return policy.restrict_scan_findings(actor, Finding.objects.all())


def finding(actor: Any, pk: int) -> Finding | None:
    """One finding with its portal and who decided it, if the reader may see it."""
    rows = Finding.objects.select_related("portal", "decided_by").filter(pk=pk)
    return policy.restrict_scan_findings(actor, rows).first()


def status_counts(actor: Any) -> dict[str, int]:
    """How many findings the reader may see in each status."""
    rows = findings(actor).order_by().values_list("status").annotate(n=Count("pk"))
    return dict(rows.values_list("status", "n"))


def listed_findings(
    actor: Any, *, run: CrawlRun | None, status: str
) -> tuple[QuerySet[Finding], str]:
    """The findings the overview lists, newest first, and the status they are listed by: those
    of `run` ("all" of its findings the reader may see), else those in `status`, else all."""
    visible = findings(actor)
    if run is not None:
        rows, status = visible.filter(pk__in=run_findings(run)), "all"
    elif status in Finding.Status.values:
        rows = visible.filter(status=status)
    else:
        rows, status = visible, "all"
    return rows.select_related("portal").order_by("-first_seen", "-pk"), status


def portal_page(portal: Portal) -> dict[str, Any]:
    """What a portal's page shows: its last twenty runs, the failed addresses of the last one,
    how many resources it has and its last fifty findings."""
    runs = list(with_found(portal.runs.all())[:20])
    failures = (
        list(QueuedUrl.objects.filter(run=runs[0], state=QueuedUrl.State.FAILED)[:50])
        if runs
        else []
    )
    return {
        "runs": runs,
        "failures": failures,
        "resources": Resource.objects.filter(portal=portal).count(),
        "findings": portal.findings.order_by("-first_seen", "-pk")[:50],
    }
