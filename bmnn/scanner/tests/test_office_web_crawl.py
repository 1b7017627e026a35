"""The crawler reads the pictures a page shows from its own site as members of the page
(``page!img/name``): a scan shown on a portal's page is found, icons, pictures of other hosts,
files that are not pictures and a logo seen before are not fetched or read, and pictures are
no longer queued as links of their own."""

from __future__ import annotations

import io
import random
from collections import Counter
from http.server import BaseHTTPRequestHandler

import pytest

from bmnn.scanner.engine.crawler import Fetcher, Policy, links, page_refs
from bmnn.scanner.tests.local_site import local_portal, serve
from tests.corpus.scanner_corpus import logo_picture, make_doc, page_image


def _jpeg(level: str | None, seed: int) -> bytes:
    out = io.BytesIO()
    page_image(make_doc(random.Random(seed), level), dpi=120).convert("RGB").save(
        out, format="JPEG", quality=80
    )
    return out.getvalue()


SCAN = _jpeg("toi_mat", 3)
LOGO = logo_picture()


def _page(*pictures: str) -> bytes:
    images = "".join(pictures)
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Tin</title></head><body>"
        f"<h1>Thông báo</h1><p>Xem văn bản đính kèm.</p>{images}<p><a href='/trang-2'>Tiếp</a></p>"
        f"</body></html>"
    ).encode()


class Site(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, bytes]] = {
        "/": (
            "text/html; charset=utf-8",
            _page(
                "<img src='/anh/logo.png' width='120' height='120'>",
                "<img src='/anh/icon.png' width=16 height=16>",
                "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' data-src='/anh/van-ban%20so%201.jpg'>",
                "<img src='http://other.invalid/x.jpg'>",
                "<img src='/anh/khong-phai-anh.jpg'>",
                "<img src='/anh/nho.png'>",
            ),
        ),
        "/trang-2": ("text/html; charset=utf-8", _page("<img src='/anh/logo.png'>")),
        "/anh/logo.png": ("image/png", LOGO),
        "/anh/icon.png": ("image/png", LOGO),
        "/anh/van-ban so 1.jpg": ("image/jpeg", SCAN),
        "/anh/khong-phai-anh.jpg": ("text/html", b"<html>" + b" " * 5000 + b"</html>"),
        "/anh/nho.png": ("image/png", LOGO[:300]),
    }
    hits: Counter[str] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        from urllib.parse import unquote

        path = unquote(self.path)
        Site.hits[path] += 1
        route = self.routes.get(path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", route[0])
        self.send_header("Content-Length", str(len(route[1])))
        self.end_headers()
        self.wfile.write(route[1])


@pytest.fixture
def site():
    Site.hits = Counter()
    yield from serve(Site)


def test_pictures_are_not_links_and_keep_their_declared_size() -> None:
    page = (
        b"<base href='http://a.example/tin/'><a href='van-ban.pdf'>x</a>"
        b"<img src='anh/1.jpg' width='640' height='480'><img src='/i.png' style='width: 16px; height:16px'>"
        b"<img src='data:,' data-src='lazy.jpg'>"
    )
    assert links(page, "http://a.example/") == ["http://a.example/tin/van-ban.pdf"]
    _found, images = page_refs(page, "http://a.example/")
    assert [(i.src, i.width, i.height, i.too_small()) for i in images] == [
        ("http://a.example/tin/anh/1.jpg", 640, 480, False),
        ("http://a.example/i.png", 16, 16, True),
        ("http://a.example/tin/lazy.jpg", None, None, False),
    ]


def test_a_page_fetches_its_own_pictures_once_and_skips_what_is_not_worth_reading(site) -> None:
    policy = Policy(allowed_hosts=frozenset({"127.0.0.1"}), delay=0.0, timeout=5.0)
    with Fetcher(policy) as fetcher:
        page = fetcher.fetch(site + "/")
        assert [ref.src.rsplit("/", 1)[-1] for ref in page.images] == [
            "logo.png",
            "icon.png",
            "van-ban%20so%201.jpg",
            "khong-phai-anh.jpg",
            "nho.png",
        ]  # the other host is out of scope
        pictures, left = fetcher.page_images(page)
        assert [name for name, _data in pictures] == ["img/1-logo.png", "img/2-van-ban_so_1.jpg"]
        assert left == 0 and pictures[1][1] == SCAN
        again, _left = fetcher.page_images(fetcher.fetch(site + "/trang-2"))
    assert again == []  # the logo was read with the first page
    assert Site.hits["/anh/logo.png"] == 1 and Site.hits["/anh/icon.png"] == 0


@pytest.mark.django_db
def test_a_crawl_finds_a_stamp_shown_as_a_picture_on_a_page(site, make_agency, make_person) -> None:
    from bmnn.org.models import Role
    from bmnn.scanner import crawl, services
    from bmnn.scanner.models import Finding, QueuedUrl

    supervisor = make_person(make_agency("Công an tỉnh"), Role.SUPERVISOR, "Lê Thị Giám Sát")
    portal = local_portal(supervisor, site, "Cổng")
    run = services.start_crawl(actor=supervisor, portal=portal, workers=0)
    crawl.work(run.pk, "test-worker")
    findings = {f.url.removeprefix(site): f for f in Finding.objects.all()}
    assert findings["/!img/2-van-ban_so_1.jpg"].level == "toi_mat"
    assert findings["/"].level == "toi_mat"  # the page that shows it
    queued = {row.url.removeprefix(site): row.note for row in QueuedUrl.objects.filter(run=run)}
    assert set(queued) == {"/", "/trang-2"}  # pictures are read with their page, not queued
    assert "2 pictures read" in queued["/"]
