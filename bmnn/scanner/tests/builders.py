"""A finding as a crawl stores it, for the tests that start from one."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from bmnn.scanner.models import Finding


def stored_finding(url: str, content_hash: str, level: str, score: float, **fields: Any) -> Finding:
    """A finding of `url`, first and last seen now."""
    seen = dict.fromkeys(("first_seen", "last_seen"), timezone.now())
    return Finding.objects.create(
        url=url, content_hash=content_hash, level=level, score=score, **seen, **fields
    )
