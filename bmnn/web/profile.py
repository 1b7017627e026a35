"""The scanner deployment profile (DESIGN.md): the same code on an internet-connected host with
only leak detection. Everything else answers 404, so no registry, plan or person data can be
entered or shown there by mistake."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect

SCANNER_PATHS = ("/accounts/", "/scanner/", "/api/scan/", "/api/findings/", "/api/portals/", "/api/schema/",
                 "/api/docs/", "/static/", "/i18n/", "/notifications/")  # fmt: skip


def scanner_only() -> bool:
    return settings.BMNN_PROFILE == "scanner"


class ScannerProfileMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if scanner_only():
            if request.path == "/":
                return redirect("scanner:overview")
            if not request.path.startswith(SCANNER_PATHS):
                raise Http404
        return self.get_response(request)
