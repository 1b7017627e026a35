"""Dashboard, search and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.health import database_unavailable_response
from bmnn.core.sorting import vietnamese_sorted
from bmnn.org.models import Role
from bmnn.web import finder, homes


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """The person's home: what waits for them by role (bmnn.web.homes), then the figures."""
    actor = request.user
    home = homes.build(actor)
    scope = policy.scope(actor)
    roles = vietnamese_sorted(str(Role(role).label) for role in scope.all_roles)
    counts = {section.key: section.count for section in home.sections}
    return render(
        request,
        "web/dashboard.html",
        {
            "home": home,
            "roles": roles,
            "province_wide": scope.province_wide,
            # what tests/test_permission_matrix.py reads (the number shown equals the rows the
            # person may read): incidents being handled and devices
            "protection": {
                "reporting": {"incidents": counts.get("incidents", 0)},
                "device_devices": counts.get("devices", 0),
            },
        },
    )


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One box over everything the actor may read; each kind comes from its own query."""
    term = request.GET.get("q", "").strip()[:100]
    results = finder.search(request.user, term) if len(term) >= 2 else {}
    found = any(results.values())
    # a box sent empty or with one letter says so by the box; the page opened bare says nothing
    too_short = "q" in request.GET and len(term) < 2
    return render(
        request,
        "web/search.html",
        {"term": term, "results": results, "found": found, "too_short": too_short},
    )


def _error(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    return render(
        request,
        "web/error.html",
        {"status": status, "title": title, "message": message},
        status=status,
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = str(exception) if exception and str(exception) else ""
    return _error(
        request, 403, _("Not allowed"), detail or _("You do not have permission for this page.")
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("Not found"), _("The page does not exist or you may not see it."))


def server_error(request: HttpRequest) -> HttpResponse:
    unavailable = database_unavailable_response(request)
    if unavailable is not None:
        return unavailable
    return _error(
        request,
        500,
        _("Something went wrong"),
        _("The error has been logged. Nothing was saved. Try again, or tell your administrator."),
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, _("Bad request"), _("The request could not be understood."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error(
        request,
        403,
        _("The form has expired"),
        _("Reload the page and submit the form again. Nothing was saved."),
    )
