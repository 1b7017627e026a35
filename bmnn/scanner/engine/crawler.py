"""Polite fetching for the portal crawler, without Django: robots.txt, one request at a time per
host with a minimum interval, timeouts, a size cap read as the body streams in, bounded
redirects, conditional requests, and link extraction from pages.

The frontier (what to fetch next, shared by many workers) lives in the database of the Django
side (`bmnn.scanner.crawl`); this module only knows how to fetch one URL well.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from bmnn.core.levels import RANK
from bmnn.scanner.engine.extract.plain import ImageRef

USER_AGENT = "BMNN-scanner/1.0 (kiem tra lo lot bi mat nha nuoc)"
DOCUMENT_SUFFIXES = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".ppt",
    ".pptx",
    ".zip",
    ".rar",
    ".jpg",
    ".jpeg",
    ".png",
    ".tif",
    ".tiff",
    ".txt",
    ".rtf",
    ".odt",
    ".eml",
    ".mht",
    ".mhtml",
)
# Never followed: style sheets, scripts, fonts, media streams.
SKIPPED_SUFFIXES = (
    ".css",
    ".js",
    ".woff",
    ".woff2",
    ".ttf",
    ".ico",
    ".svg",
    ".mp4",
    ".mp3",
    ".webm",
)
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A page's own pictures read with it: at most this many, of at most these many bytes in all
# (each picture costs a polite request and an OCR pass)
PAGE_IMAGES = 6
PAGE_IMAGE_BYTES = 30 * 1024 * 1024


@dataclass(frozen=True)
class Policy:
    allowed_hosts: frozenset[str]
    max_depth: int = 3
    max_pages: int = 500
    delay: float = 1.0  # seconds between two requests to the same host
    timeout: float = 15.0
    max_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    user_agent: str = USER_AGENT


@dataclass
class Fetched:
    url: str
    final_url: str = ""
    status: int = 0
    content_type: str = ""
    data: bytes = b""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False
    error: str = ""
    links: list[str] = field(default_factory=list)
    images: list[ImageRef] = field(default_factory=list)  # the page's pictures on allowed hosts

    @property
    def is_html(self) -> bool:
        return self.content_type.split(";")[0].strip().lower() in HTML_TYPES


def normalise(url: str, base: str = "") -> str | None:
    """Absolute http(s) URL without its fragment, or None."""
    try:
        absolute = urldefrag(urljoin(base, url.strip()))[0]
        parts = urlsplit(absolute)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return absolute


def in_scope(url: str, policy: Policy) -> bool:
    if urlsplit(url).path.lower().endswith(SKIPPED_SUFFIXES):
        return False
    host = (urlsplit(url).hostname or "").lower()
    return host in policy.allowed_hosts or any(
        host.endswith("." + allowed) for allowed in policy.allowed_hosts
    )


def page_refs(html: bytes, base: str) -> tuple[list[str], list[ImageRef]]:
    """Links a page offers (anchors, frames, embedded objects) and the pictures it shows, as
    absolute URLs. Pictures are not links to follow: they are read with their page
    (`Fetcher.page_images`)."""
    from selectolax.lexbor import LexborHTMLParser

    from bmnn.scanner.engine.extract.plain import decode, image_ref, nesting_cut

    text = decode(html[:5_000_000])
    cut = nesting_cut(text)
    tree = LexborHTMLParser(text if cut is None else text[:cut])
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = normalise(base_tag.attributes.get("href") or "", base) or base
    found: list[str] = []
    for selector, attribute in (
        ("a[href]", "href"),
        ("iframe[src]", "src"),
        ("embed[src]", "src"),
        ("object[data]", "data"),
        ("area[href]", "href"),
    ):
        for node in tree.css(selector):
            url = normalise(node.attributes.get(attribute) or "", base)
            if url and url not in found:
                found.append(url)
    images: list[ImageRef] = []
    seen: set[str] = set()
    for node in tree.css("img")[:5000]:
        ref = image_ref(node.attributes)
        url = normalise(ref.src, base) if ref is not None else None
        if ref is not None and url and url not in seen:
            seen.add(url)
            images.append(replace(ref, src=url))
    return found, images


def links(html: bytes, base: str) -> list[str]:
    """Links a page offers: anchors, frames, embedded objects."""
    return page_refs(html, base)[0]


def _picture_name(url: str, number: int) -> str:
    """``img/<file name>`` for a picture's member path, made safe and short."""
    name = unquote(urlsplit(url).path.rsplit("/", 1)[-1])
    name = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in name)[-80:].strip("._")
    return f"img/{number}-{name}" if name else f"img/{number}"


def merge_pictures(page: Any, pictures: list[Any]) -> None:
    """A page is secret when a picture it shows is (the verdicts of `scan_bytes`)."""
    hits = [v for v in pictures if v.secret]
    if hits:
        page.secret = True
        levels = [v.level for v in hits if v.level] + ([page.level] if page.level else [])
        page.level = max(levels, key=RANK.__getitem__, default=None)
        page.score = max(page.score, *(v.score for v in hits))


def looks_like_document(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


class Fetcher:
    """One HTTP client with robots.txt and per-host pacing; safe to share between threads."""

    def __init__(self, policy: Policy, transport: Any = None) -> None:
        import httpx

        self.policy = policy
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=policy.max_redirects,
            timeout=httpx.Timeout(policy.timeout),
            headers={"User-Agent": policy.user_agent},
            transport=transport,
        )
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._next_at: dict[str, float] = {}
        self._lock = threading.Lock()
        self._pictures_seen: set[str] = set()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _pace(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            now = time.monotonic()
            wait = self._next_at.get(host, now) - now
            self._next_at[host] = max(now, self._next_at.get(host, now)) + self.policy.delay
        if wait > 0:
            time.sleep(wait)

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host (fetched once; unreachable or missing means allowed)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            try:
                self._pace(origin)
                response = self._client.get(origin + "/robots.txt")
                if response.status_code == 200 and len(response.content) < 500_000:
                    parser.parse(response.text.splitlines())  # type: ignore[union-attr]
                elif response.status_code in (401, 403):
                    parser.disallow_all = True  # type: ignore[union-attr]
                else:
                    parser = None
            except Exception:
                parser = None
            self._robots[origin] = parser
        robots = self._robots[origin]
        return robots is None or robots.can_fetch(self.policy.user_agent, url)

    def fetch(
        self, url: str, *, etag: str = "", last_modified: str = "", max_bytes: int | None = None
    ) -> Fetched:
        import httpx

        limit = self.policy.max_bytes if max_bytes is None else max_bytes
        result = Fetched(url=url)
        if not self.allowed(url):
            result.error = "robots.txt disallows this URL"
            return result
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._pace(url)
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                result.status, result.final_url = response.status_code, str(response.url)
                result.content_type = response.headers.get("content-type", "")
                result.etag = response.headers.get("etag", "")
                result.last_modified = response.headers.get("last-modified", "")
                if response.status_code == 304:
                    result.not_modified = True
                    return result
                if response.status_code >= 400:
                    result.error = f"HTTP {response.status_code}"
                    return result
                declared = response.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    result.error = f"larger than {limit} bytes ({declared})"
                    return result
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        result.error = f"larger than {limit} bytes"
                        return result
                    chunks.append(chunk)
                result.data = b"".join(chunks)
        except httpx.TooManyRedirects:
            result.error = f"more than {self.policy.max_redirects} redirects"
        except httpx.TimeoutException:
            result.error = f"no answer within {self.policy.timeout:.0f} s"
        except httpx.HTTPError as exc:
            result.error = f"{type(exc).__name__}: {exc}"[:300]
        if result.data and result.is_html:
            result.links, images = page_refs(result.data, result.final_url or url)
            result.images = [ref for ref in images if in_scope(ref.src, self.policy)]
        return result

    def page_images(self, page: Fetched) -> tuple[list[tuple[str, bytes]], int]:
        """The pictures a page shows from its own site, fetched to be read as members of the
        page (``page!img/name``): a scan shown on a page carries its stamp in the pixels. Icons
        (small by declared size, bytes or pixels) are skipped, and so is a picture this fetcher
        already read for another page (a logo); at most PAGE_IMAGES pictures and
        PAGE_IMAGE_BYTES in all. Returns the pictures and how many were left unread."""
        from bmnn.scanner.engine.extract import sniff
        from bmnn.scanner.engine.extract.plain import IMAGE_MIN_BYTES, is_icon, picture_size

        pictures: list[tuple[str, bytes]] = []
        total = left = 0
        for ref in page.images:
            if ref.too_small():
                continue
            with self._lock:
                if ref.src in self._pictures_seen:
                    continue
                if len(self._pictures_seen) < 100_000:
                    self._pictures_seen.add(ref.src)
            if len(pictures) >= PAGE_IMAGES or total >= PAGE_IMAGE_BYTES:
                left += 1
                continue
            got = self.fetch(
                ref.src, max_bytes=min(self.policy.max_bytes, PAGE_IMAGE_BYTES - total)
            )
            data = got.data
            if got.error or len(data) < IMAGE_MIN_BYTES or sniff(data[:64]) != "image":
                continue
            size = picture_size(data)
            if size is None or is_icon(*size):
                continue
            total += len(data)
            pictures.append((_picture_name(ref.src, len(pictures) + 1), data))
        return pictures, left
