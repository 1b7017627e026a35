"""Dashboard, search and the error pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.org import queries as org_queries
from bmnn.org.models import AgencyType, Role
from bmnn.plans import queries as plan_queries

SEARCH_LIMIT = 20


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = request.user
    context: dict[str, Any] = {"province_wide": policy.is_province_wide(actor)}
    if context["province_wide"]:
        overview = org_queries.province_overview(actor)
        labels = dict(AgencyType.choices)
        overview["chart"] = {
            "labels": [str(labels.get(row["type"], row["type"])) for row in overview["by_type"]],
            "values": [row["total"] for row in overview["by_type"]],
        }
        context["overview"] = overview
        context["pending_reviews"] = (
            plan_queries.assignments(actor).filter(review="pending").count()
        )
    else:
        context["my_agencies"] = list(org_queries.agencies(actor))
        mine = plan_queries.my_assignments(actor)
        context["my_open"] = len([a for a in mine if a.status != "done"])
        context["my_overdue"] = len([a for a in mine if a.overdue])  # type: ignore[attr-defined]
    context["protection"] = _protection_work(actor)
    scope = policy.scope(actor)
    context["roles"] = sorted({str(Role(role).label) for role in scope.all_roles}, key=str.lower)
    return render(request, "web/dashboard.html", context)


def _protection_work(actor: Any) -> dict[str, Any]:
    """Inspections in progress, findings past their deadline, agencies without a regulation or
    designated staff, and training coverage (issue 6)."""
    from bmnn.inspections import queries as inspection_queries
    from bmnn.org.models import Agency

    agencies = policy.restrict_agencies(actor, Agency.objects.filter(is_active=True))
    return {
        "in_progress": inspection_queries.inspections(actor).filter(status="in_progress").count(),
        "late_findings": inspection_queries.overdue_findings(actor).count(),
        **inspection_queries.readiness_summary(agencies),
        **_device_counts(actor),
        "reporting": _reporting(actor),
    }


def _reporting(actor: Any) -> dict[str, Any]:
    """The open reporting period nearest its deadline (accepted, awaiting review, not sent for
    supervisors; the agency's own report state for others) and incidents being handled (issue 8),
    in two queries."""
    from django.db.models import Count, Q

    from bmnn.reports.models import Incident, ReportingPeriod

    scope = policy.scope(actor)
    mine = Q(submissions__agency_id__in=scope.agency_ids)
    open_periods = ReportingPeriod.objects.filter(status="open").exclude(kind="ad_hoc")
    period = (
        policy.restrict_periods(actor, open_periods)
        .annotate(
            accepted=Count("submissions", filter=Q(submissions__state="accepted")),
            waiting=Count("submissions", filter=Q(submissions__state="signed")),
            sent=Count(
                "submissions", filter=Q(submissions__state__in=["signed", "accepted", "returned"])
            ),
            own_sent=Count(
                "submissions", filter=mine & Q(submissions__state__in=["signed", "accepted"])
            ),
            own_started=Count("submissions", filter=mine),
        )
        .order_by("due_on", "pk")
        .first()
    )
    incidents = policy.restrict_incidents(actor, Incident.objects.filter(status="open")).count()
    return {"period": period, "incidents": incidents}


def _device_counts(actor: Any) -> dict[str, Any]:
    """Devices, those never audited and those with open findings (issue 7)."""
    from django.db.models import Count, Q

    from bmnn.devices.models import Device

    counts = policy.restrict_devices(actor, Device.objects.filter(active=True)).aggregate(
        devices=Count("pk", distinct=True),
        never_audited=Count("pk", filter=Q(reports__isnull=True), distinct=True),
        with_findings=Count("pk", filter=Q(findings__status="open"), distinct=True),
    )
    return {f"device_{k}": v for k, v in counts.items()}


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One box over everything the actor may read; each kind comes from its own query."""
    term = request.GET.get("q", "").strip()[:100]
    results: dict[str, Any] = {}
    if len(term) >= 2:
        results = {
            "agencies": list(
                org_queries.agencies(request.user, search=term, active=None)[:SEARCH_LIMIT]
            ),
            "people": list(org_queries.people(request.user, search=term)[:SEARCH_LIMIT]),
        }
    return render(request, "web/search.html", {"term": term, "results": results})


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
