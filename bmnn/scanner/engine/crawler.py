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
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

USER_AGENT = "BMNN-scanner/1.0 (kiem tra lo lot bi mat nha nuoc)"
DOCUMENT_SUFFIXES = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".zip", ".rar", ".jpg", ".jpeg",
                     ".png", ".tif", ".tiff", ".txt", ".rtf", ".odt", ".eml")  # fmt: skip
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


def links(html: bytes, base: str) -> list[str]:
    """Links a page offers: anchors, frames, embedded objects."""
    from selectolax.lexbor import LexborHTMLParser

    from bmnn.scanner.engine.extract.plain import decode

    tree = LexborHTMLParser(decode(html[:5_000_000]))
    base_tag = tree.css_first("base[href]")
    if base_tag is not None:
        base = normalise(base_tag.attributes.get("href") or "", base) or base
    found: list[str] = []
    for selector, attribute in (("a[href]", "href"), ("iframe[src]", "src"), ("embed[src]", "src"),
                                ("object[data]", "data"), ("area[href]", "href"), ("img[src]", "src")):  # fmt: skip
        for node in tree.css(selector):
            url = normalise(node.attributes.get(attribute) or "", base)
            if url and url not in found:
                found.append(url)
    return found


def looks_like_document(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(DOCUMENT_SUFFIXES)


class Fetcher:
    """One HTTP client with robots.txt and per-host pacing; safe to share between threads."""

    def __init__(self, policy: Policy, transport: Any = None) -> None:
        import httpx

        self.policy = policy
        self._client = httpx.Client(
            follow_redirects=True, max_redirects=policy.max_redirects, timeout=httpx.Timeout(policy.timeout),
            headers={"User-Agent": policy.user_agent}, transport=transport,
        )  # fmt: skip
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._next_at: dict[str, float] = {}
        self._lock = threading.Lock()

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

    def fetch(self, url: str, *, etag: str = "", last_modified: str = "") -> Fetched:
        import httpx

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
                if declared.isdigit() and int(declared) > self.policy.max_bytes:
                    result.error = f"larger than {self.policy.max_bytes} bytes ({declared})"
                    return result
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.policy.max_bytes:
                        result.error = f"larger than {self.policy.max_bytes} bytes"
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
            result.links = links(result.data, result.final_url or url)
        return result
