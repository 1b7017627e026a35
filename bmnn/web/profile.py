"""The scanner deployment profile (DESIGN.md): the same code on an internet-connected host with
only leak detection. Everything else answers 404, so no registry, plan or person data can be
entered or shown there by mistake."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

SCANNER_PATHS = (
    "/accounts/",
    "/scanner/",
    "/api/scan/",
    "/api/findings/",
    "/api/portals/",
    "/api/schema/",
    "/api/docs/",
    "/static/",
    "/i18n/",
    "/notifications/",
)


# What a node that holds no secrets refuses (BMNN_HOLDS_SECRETS=false): the registry's pages
# and API. Its registers live on the agencies' own nodes.
SECRET_PATHS = (
    "/registry/",
    "/api/secret-items/",
    "/api/secret-files/",
    "/api/secret-copies/",
    "/api/transfers/",
    "/api/carry-outs/",
    "/api/meetings/",
    "/api/register-books/",
)


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
        elif not settings.BMNN_HOLDS_SECRETS and request.path.startswith(SECRET_PATHS):
            return no_secrets_here(request)
        return self.get_response(request)


def no_secrets_here(request: HttpRequest) -> HttpResponse:
    """The refusal of a node that holds no secrets, in words the user can act on."""
    message = _(
        "This node holds no state secrets: the secret registers are kept on each agency's own "
        "node, and secret content travels on the secret channel, not through this system."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(message)}, status=403)
    title = _("Not kept on this node")
    return render(
        request, "web/error.html", {"status": 403, "title": title, "message": message}, status=403
    )
