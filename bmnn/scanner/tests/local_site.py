"""A web site served on this machine for the crawler's tests, and a portal that crawls it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from bmnn.org.models import Person
from bmnn.scanner import services
from bmnn.scanner.models import Portal


def serve(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """For a fixture: serves `handler` on a free port of 127.0.0.1, yields its base URL, stops."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def local_portal(actor: Person, site: str, name: str, **settings: Any) -> Portal:
    """A portal that starts at the site's home page and stays on it, two links deep and twenty
    pages at the most unless `settings` say otherwise."""
    values = {"max_depth": 2, "max_pages": 20, "delay": 0.05} | settings
    return services.save_portal(
        actor=actor, name=name, start_urls=site + "/", allowed_hosts="127.0.0.1", **values
    )
