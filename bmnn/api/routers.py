"""The API's router: an object id in a URL is at most 18 digits.

DRF's default pattern (`[^/.]+`, or a viewset's digits pattern) let any number of digits through
to the view; an id past 2**63-1 then reached a query as an integer the database cannot hold (a
server error). Eighteen digits stay below 2**63-1 and far above any id BMNN will hand out, so
such a URL is simply not found (404), for every viewset at once.
"""

from __future__ import annotations

from typing import Any

from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        kwarg = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
        return f"(?P<{lookup_prefix}{kwarg}>[0-9]{{1,18}})"
