"""Background work of the scanner: crawl workers and the daily start of due portal scans."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task


@task()
def crawl_work(run_id: int, worker: str) -> int:
    from bmnn.scanner.crawl import work

    return work(run_id, worker)


@task()
def scan_due_portals() -> list[int]:
    """Starts a run for every scheduled portal whose interval has passed since its last run."""
    from bmnn.scanner.models import CrawlRun, Portal
    from bmnn.scanner.services import start_crawl

    started = []
    now = timezone.now()
    for portal in Portal.objects.filter(enabled=True):
        last = portal.runs.first()
        if last is not None and (
            last.state == CrawlRun.State.RUNNING
            or now - last.started_at < timedelta(days=portal.every_days) - timedelta(hours=1)
        ):
            continue
        started.append(start_crawl(actor=None, portal=portal).pk)
    return started
