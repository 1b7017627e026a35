"""The crawl worker: claims URLs from a run's frontier, fetches them politely, scans what
changed, records findings and adds the links it finds. Several workers — threads, processes or
machines — can work on one run at once: a URL is claimed by one of them with a conditional
update, which both SQLite and PostgreSQL make atomic."""

from __future__ import annotations

import contextlib
import time
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from bmnn.core import audit
from bmnn.core.services import locked
from bmnn.core.storage import sha256_of
from bmnn.scanner.engine import Verdict, scan_bytes
from bmnn.scanner.engine.crawler import (
    Fetched,
    Fetcher,
    Policy,
    in_scope,
    looks_like_document,
    merge_pictures,
)
from bmnn.scanner.models import CrawlRun, QueuedUrl, Resource, url_key
from bmnn.scanner.services import _record_verdicts

STALE_CLAIM = timedelta(minutes=15)
IDLE_WAIT = 0.2  # seconds a worker waits for others' pages to add links
MAX_BUSY = 50
MIN_IMAGE_BYTES = 30_000  # icons and logos are not worth an OCR pass


def _claim(run: CrawlRun, worker: str, batch: int) -> list[QueuedUrl]:
    token = f"{worker}:{uuid.uuid4().hex[:12]}"
    candidates = list(
        QueuedUrl.objects.filter(run=run, state=QueuedUrl.State.PENDING)
        .order_by("depth", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    if not candidates:
        return []
    QueuedUrl.objects.filter(pk__in=candidates, state=QueuedUrl.State.PENDING).update(
        state=QueuedUrl.State.CLAIMED, claimed_by=token, claimed_at=timezone.now()
    )
    return list(
        QueuedUrl.objects.filter(claimed_by=token, state=QueuedUrl.State.CLAIMED).order_by(
            "depth", "pk"
        )
    )


def _count(run: CrawlRun, **fields: int) -> None:
    CrawlRun.objects.filter(pk=run.pk).update(
        **{name: F(name) + value for name, value in fields.items()}
    )


def _finish(row: QueuedUrl, state: str, note: str = "") -> None:
    QueuedUrl.objects.filter(pk=row.pk).update(state=state, note=note[:300])


def _retrying(action: Callable[[], None]) -> None:
    """Runs a database step again when SQLite reports a concurrent writer, so that a fetched
    URL is recorded once instead of being fetched again."""
    for attempt in range(MAX_BUSY):
        try:
            action()
            return
        except OperationalError:
            if attempt == MAX_BUSY - 1:
                raise
            time.sleep(IDLE_WAIT * (attempt + 1))


def process(run: CrawlRun, row: QueuedUrl, fetcher: Fetcher) -> None:
    """Fetch (network), scan what changed (CPU, no database), then record it all, the page's
    links included, in one short transaction, retried as a whole if SQLite is busy."""
    resource = Resource.objects.filter(portal=run.portal, key=row.key).first()
    document = looks_like_document(row.url)
    fetched = fetcher.fetch(
        row.url,
        etag=resource.etag if resource and document else "",
        last_modified=resource.last_modified if resource and document else "",
    )  # pages are always fetched in full: their links are needed even when unchanged
    content_hash, verdicts, note = "", [], ""
    if not fetched.error and not fetched.not_modified:
        content_hash = sha256_of(fetched.data)
        if resource is not None and resource.content_hash == content_hash:
            note = "unchanged"
        elif fetched.content_type.startswith("image/") and len(fetched.data) < MIN_IMAGE_BYTES:
            note = "small image, not scanned"
        else:
            verdicts = scan_bytes(fetched.data, row.url)
            note = "scanned" + (f", {verdicts[0].error}" if verdicts[0].error else "")
            if fetched.is_html and fetched.images and not verdicts[0].secret:
                note += _read_pictures(fetcher, fetched, row.url, verdicts)
    links: list[str] = []
    if fetched.links and row.depth < run.portal.max_depth:
        links = [u for u in fetched.links if in_scope(u, fetcher.policy)]

    def record_and_follow() -> None:
        # One commit marks the row done and queues its links: between two commits another worker
        # would see nothing pending or claimed, take the run for finished and stop (or finish it).
        with transaction.atomic():
            _record(run, row, resource, fetched, content_hash, verdicts, note)
            if links:
                _enqueue(run, links, row.depth + 1, row.url)

    _retrying(record_and_follow)


def _read_pictures(fetcher: Fetcher, page: Fetched, url: str, verdicts: list[Verdict]) -> str:
    """The pictures a page shows from its own site (a scan shown on the page), each read as a
    member of the page (``url!img/name``); the page is secret when one of them is. Returns what
    to add to the page's note."""
    pictures, left = fetcher.page_images(page)
    found: list[Verdict] = []
    for name, data in pictures:
        found += scan_bytes(data, f"{url}!{name}")
    merge_pictures(verdicts[0], found)
    verdicts += found
    note = f", {len(pictures)} pictures read" if pictures else ""
    return note + (f", {left} not read" if left else "")


def _record(
    run: CrawlRun,
    row: QueuedUrl,
    resource: Resource | None,
    fetched: Fetched,
    content_hash: str,
    verdicts: list[Verdict],
    note: str,
) -> None:
    now = timezone.now()
    with transaction.atomic():
        if fetched.error:
            _count(run, errors=1)
            _finish(row, QueuedUrl.State.FAILED, fetched.error)
            return
        if fetched.not_modified:
            _count(run, unchanged=1)
            _finish(row, QueuedUrl.State.DONE, "unchanged (304)")
            if resource is not None:
                Resource.objects.filter(pk=resource.pk).update(fetched_at=now)
            return
        _count(run, **({"pages": 1} if fetched.is_html else {"documents": 1}))
        if note == "unchanged" and resource is not None:
            _count(run, unchanged=1)
            Resource.objects.filter(pk=resource.pk).update(fetched_at=now)
        elif verdicts:
            top = verdicts[0]
            Resource.objects.update_or_create(
                portal=run.portal,
                key=row.key,
                defaults={
                    "url": row.url,
                    "content_hash": content_hash,
                    "etag": fetched.etag,
                    "last_modified": fetched.last_modified,
                    "kind": top.kind,
                    "secret": any(v.secret for v in verdicts),
                    "level": top.level or "",
                    "fetched_at": now,
                    "changed_at": now,
                },
            )
            new = _record_verdicts(run, row.url, row.referrer, content_hash, verdicts)
            if new:
                _count(run, new_findings=new)
        _finish(row, QueuedUrl.State.DONE, note)


def _enqueue(run: CrawlRun, urls: list[str], depth: int, referrer: str) -> None:
    room = run.portal.max_pages - QueuedUrl.objects.filter(run=run).count()
    if room <= 0:
        return
    rows = [
        QueuedUrl(run=run, url=url, key=url_key(url), depth=depth, referrer=referrer)
        for url in dict.fromkeys(urls)
    ][:room]
    QueuedUrl.objects.bulk_create(rows, ignore_conflicts=True)


def work(run_id: int, worker: str, *, batch: int = 5, transport: object = None) -> int:
    """Works on a run until its frontier is empty; returns how many URLs this worker did."""
    run = CrawlRun.objects.select_related("portal").get(pk=run_id)
    portal = run.portal
    policy = Policy(
        allowed_hosts=portal.host_set,
        max_depth=portal.max_depth,
        max_pages=portal.max_pages,
        delay=portal.delay,
    )
    done = busy = 0
    with Fetcher(policy, transport=transport) as fetcher:
        while True:
            try:
                if not CrawlRun.objects.filter(pk=run_id, state=CrawlRun.State.RUNNING).exists():
                    break
                QueuedUrl.objects.filter(
                    run=run,
                    state=QueuedUrl.State.CLAIMED,
                    claimed_at__lt=timezone.now() - STALE_CLAIM,
                ).update(state=QueuedUrl.State.PENDING)
                rows = _claim(run, worker, batch)
                if not rows:
                    # Another worker may still be reading a page whose links will refill the frontier.
                    if QueuedUrl.objects.filter(run=run, state=QueuedUrl.State.CLAIMED).exists():
                        time.sleep(IDLE_WAIT)
                        continue
                    break
                for row in rows:
                    process(run, row, fetcher)
                    done += 1
                busy = 0
            except OperationalError:
                # SQLite answers "locked" when another worker writes at the same moment: give the
                # unfinished rows back and try again a little later.
                busy += 1
                if busy > MAX_BUSY:
                    raise
                time.sleep(IDLE_WAIT * busy)
                with contextlib.suppress(
                    OperationalError
                ):  # still busy: the stale-claim reset gives them back
                    QueuedUrl.objects.filter(
                        run=run, state=QueuedUrl.State.CLAIMED, claimed_by__startswith=worker + ":"
                    ).update(state=QueuedUrl.State.PENDING)
    for attempt in range(MAX_BUSY):
        try:
            _maybe_finish(run_id)
            break
        except OperationalError:
            time.sleep(IDLE_WAIT * (attempt + 1))
    return done


def _maybe_finish(run_id: int) -> None:
    with transaction.atomic():
        run = locked(CrawlRun.objects).get(pk=run_id)
        busy = QueuedUrl.objects.filter(
            run=run, state__in=[QueuedUrl.State.PENDING, QueuedUrl.State.CLAIMED]
        )
        if run.state != CrawlRun.State.RUNNING or busy.exists():
            return
        run.state, run.finished_at = CrawlRun.State.DONE, timezone.now()
        run.save(update_fields=["state", "finished_at"])
        audit.record(
            actor=None,
            action="scanner.crawl_done",
            obj=run.portal,
            changes={
                "run": run.pk,
                "pages": run.pages,
                "documents": run.documents,
                "unchanged": run.unchanged,
                "errors": run.errors,
                "new_findings": run.new_findings,
            },
        )
