"""The portal crawler against a site served on loopback: pages and attachments, robots.txt, a
redirect loop, a slow endpoint, a huge file, a link to another host; unchanged files are not
scanned again; two workers share one run without doing a URL twice."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler

import pytest

from bmnn.core.models import AuditEvent
from bmnn.scanner import crawl, services
from bmnn.scanner.models import CrawlRun, Finding, QueuedUrl
from bmnn.scanner.tests.local_site import local_portal, serve
from tests.corpus.scanner_corpus import make_doc, negative_plan, write_docx, write_pdf

RNG = random.Random(31)
LEAK_PDF = write_pdf(make_doc(RNG, "toi_mat"))
LEAK_DOCX = write_docx(make_doc(RNG, "mat"))
PUBLIC_PDF = write_pdf(negative_plan(RNG))
SECRET_PDF = write_pdf(make_doc(RNG, "tuyet_mat"))


def _page(*links: str, extra: str = "") -> bytes:
    anchors = "".join(f'<p><a href="{href}">{href}</a></p>' for href in links)
    return f"<!doctype html><html><head><meta charset='utf-8'><title>Cổng</title></head><body>{anchors}{extra}</body></html>".encode()


class Site(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {
        "/": (
            "text/html; charset=utf-8",
            _page(
                "/tin-tuc/1.html",
                "/van-ban/cong-khai.pdf",
                "/van-ban/bao-cao.pdf",
                "/noi-bo/mat.pdf",
                "/vong-lap",
                "/cham",
                "/rat-lon.pdf",
                "http://other.invalid/x.pdf",
                "/style.css",
            ),
        ),
        "/tin-tuc/1.html": ("text/html; charset=utf-8", _page("/van-ban/du-thao.docx", "/")),
        "/van-ban/cong-khai.pdf": ("application/pdf", PUBLIC_PDF),
        "/van-ban/bao-cao.pdf": ("application/pdf", LEAK_PDF),
        "/van-ban/du-thao.docx": (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            LEAK_DOCX,
        ),
        "/noi-bo/mat.pdf": ("application/pdf", SECRET_PDF),
        "/robots.txt": ("text/plain", b"User-agent: *\nDisallow: /noi-bo/\n"),
    }
    hits: Counter[str] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Site.hits[self.path] += 1
        if self.path in ("/vong-lap", "/vong-lap-2"):
            self.send_response(302)
            self.send_header("Location", "/vong-lap-2" if self.path == "/vong-lap" else "/vong-lap")
            self.end_headers()
            return
        if self.path == "/cham":
            time.sleep(2.5)
        if self.path == "/rat-lon.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            try:
                for _ in range(200):  # 200 × 64 KiB, no Content-Length: the cap must stop it
                    self.wfile.write(b"%PDF" + b"0" * 65532)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        content_type, body = route
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    Site.hits = Counter()
    yield from serve(Site)


@pytest.fixture
def portal(site, make_agency, make_person):
    from bmnn.org.models import Role

    supervisor = make_person(make_agency("Công an tỉnh"), Role.SUPERVISOR, "Lê Thị Giám Sát")
    return supervisor, local_portal(
        supervisor, site, "Cổng thông tin tỉnh", max_depth=3, max_pages=50
    )


def _run(portal, supervisor):
    run = services.start_crawl(actor=supervisor, portal=portal, workers=0)
    done = crawl.work(run.pk, "test-worker")
    run.refresh_from_db()
    return run, done


@pytest.mark.django_db
def test_a_crawl_finds_the_leaks_and_respects_the_rules(portal, monkeypatch) -> None:
    from bmnn.scanner.engine import crawler

    monkeypatch.setattr(crawler.Policy, "__init__", _short_timeout(crawler.Policy.__init__))
    supervisor, portal = portal
    run, _ = _run(portal, supervisor)
    assert run.state == CrawlRun.State.DONE
    found = {f.url.rsplit("/", 1)[-1]: f for f in Finding.objects.all()}
    assert set(found) == {"bao-cao.pdf", "du-thao.docx"}
    assert found["bao-cao.pdf"].level == "toi_mat" and found["du-thao.docx"].level == "mat"
    assert found["du-thao.docx"].referrer.endswith("/tin-tuc/1.html")
    assert found["bao-cao.pdf"].evidence[0]["text"] == "TỐI MẬT"
    assert (
        Site.hits["/noi-bo/mat.pdf"] == 0 and Site.hits["/robots.txt"] == 1
    )  # robots.txt honoured
    notes = {
        row.url.rsplit("/", 1)[-1]: (row.state, row.note)
        for row in QueuedUrl.objects.filter(run=run)
    }
    assert notes["mat.pdf"][0] == "failed" and "robots" in notes["mat.pdf"][1]
    assert notes["vong-lap"][0] == "failed" and "redirects" in notes["vong-lap"][1]
    assert notes["cham"][0] == "failed" and "no answer" in notes["cham"][1]
    assert notes["rat-lon.pdf"][0] == "failed" and "larger than" in notes["rat-lon.pdf"][1]
    assert "x.pdf" not in notes and "style.css" not in notes  # another host; a style sheet
    assert run.new_findings == 2 and run.errors == 4
    assert AuditEvent.objects.filter(action="scanner.finding").count() == 2


def _short_timeout(original):
    def init(self, *args, **kwargs):
        kwargs.setdefault("timeout", 1.0)
        kwargs.setdefault("max_bytes", 2 * 1024 * 1024)
        original(self, *args, **kwargs)

    return init


@pytest.mark.django_db
def test_unchanged_files_are_not_scanned_again(portal, monkeypatch) -> None:
    from bmnn.scanner import crawl as crawl_module
    from bmnn.scanner.engine import crawler

    monkeypatch.setattr(crawler.Policy, "__init__", _short_timeout(crawler.Policy.__init__))
    supervisor, portal = portal
    _run(portal, supervisor)
    scanned: list[str] = []
    real_scan = crawl_module.scan_bytes
    monkeypatch.setattr(
        crawl_module, "scan_bytes", lambda data, path: scanned.append(path) or real_scan(data, path)
    )
    second, _ = _run(portal, supervisor)
    assert scanned == []  # pages came back identical, documents answered 304
    assert second.unchanged >= 5 and second.new_findings == 0
    assert Finding.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_page_is_marked_done_only_in_the_commit_that_queues_its_links(
    portal, monkeypatch
) -> None:
    """Between two commits another worker would find nothing pending or claimed and take the run
    for finished: when queueing the links fails, the page is not done either."""
    from bmnn.scanner.engine.crawler import Fetcher, Policy

    supervisor, portal = portal
    run = services.start_crawl(actor=supervisor, portal=portal, workers=0)
    (row,) = crawl._claim(run, "w1", 1)
    assert row.url.endswith("/")

    def refused(*args: object) -> None:
        raise RuntimeError("the links could not be queued")

    monkeypatch.setattr(crawl, "_enqueue", refused)
    policy = Policy(allowed_hosts=portal.host_set, max_depth=3, max_pages=50, delay=0)
    with Fetcher(policy) as fetcher, pytest.raises(RuntimeError):
        crawl.process(run, row, fetcher)
    row.refresh_from_db()
    assert row.state == QueuedUrl.State.CLAIMED
    assert QueuedUrl.objects.filter(run=run).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_a_run_without_doing_a_url_twice(portal, monkeypatch) -> None:
    from bmnn.scanner.engine import crawler

    monkeypatch.setattr(crawler.Policy, "__init__", _short_timeout(crawler.Policy.__init__))
    # Each worker's first page after the home page waits, holding its claim, until the other
    # worker has claimed one too: neither can take the whole run alone, however the machine
    # schedules them (a fixed delay per page once let one worker do it all on a loaded machine).
    # The home page is not held: until it is read it is the only page there is.
    original, met, held = crawl.process, threading.Barrier(2, timeout=60), set()

    def process(run, row, fetcher) -> None:
        if row.depth > 0 and threading.get_ident() not in held:
            held.add(threading.get_ident())
            met.wait()
        original(run, row, fetcher)

    monkeypatch.setattr(crawl, "process", process)
    supervisor, portal = portal
    run = services.start_crawl(actor=supervisor, portal=portal, workers=0)
    counts: dict[str, int] = {}
    both = threading.Barrier(2, timeout=60)

    def worker(name: str) -> None:
        from django.db import connection

        try:
            connection.ensure_connection()
            both.wait()  # both connected before either claims a page
            counts[name] = crawl.work(run.pk, name, batch=1)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    run.refresh_from_db()
    assert run.state == CrawlRun.State.DONE
    assert sum(counts.values()) == QueuedUrl.objects.filter(run=run).count()
    assert all(count > 0 for count in counts.values()), counts
    for path in ("/", "/tin-tuc/1.html", "/van-ban/bao-cao.pdf", "/van-ban/du-thao.docx"):
        assert Site.hits[path] == 1, path
    assert Finding.objects.count() == 2


def test_web_archives_and_legacy_word_files_are_documents_to_scan() -> None:
    """Word's single-file web pages (.mht) and 97-2003 files are fetched and read."""
    from bmnn.scanner.engine.crawler import looks_like_document

    for url in (
        "https://sotp.example/files/bao-cao.mht",
        "https://sotp.example/a/KH.MHTML",
        "https://x.example/c.doc",
    ):
        assert looks_like_document(url), url
    assert not looks_like_document("https://sotp.example/tin-tuc/bai-viet.html")
