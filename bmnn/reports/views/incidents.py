"""Incident pages: file one, follow it up, close it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.services import actor_of
from bmnn.org.models import Agency
from bmnn.reports import services
from bmnn.reports.forms import IncidentForm, StepForm
from bmnn.reports.models import Incident
from bmnn.web.forms import take_errors
from bmnn.web.shortcuts import found_or_404


def _rows(request: HttpRequest) -> object:
    return policy.restrict_incidents(
        request.user, Incident.objects.select_related("agency", "reported_by")
    )


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    page = CappedPaginator(_rows(request), 30).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return render(request, "reports/incident_list.html", {"page": page})


@login_required
def incident_new(request: HttpRequest) -> HttpResponse:
    scope = policy.scope(request.user)
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    if not scope.has("supervisor"):
        agencies = agencies.filter(pk__in=scope.agency_ids)
    form = IncidentForm(request.POST or None, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.report_incident(actor=actor_of(request), **form.cleaned_data)
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(
                request, _("Incident reported; the province supervisors have been told.")
            )
            if policy.can_read_incident(request.user, incident):
                return redirect("reports:incident", pk=incident.pk)
            return redirect("reports:incidents")
    return render(request, "reports/incident_form.html", {"form": form})


@login_required
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    incident = found_or_404(_rows(request).filter(pk=pk).first())  # type: ignore[attr-defined]
    form = StepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        close = request.POST.get("close") == "1"
        try:
            services.add_step(
                actor=actor_of(request),
                incident=incident,
                text=form.cleaned_data["text"],
                close=close,
            )
        except ValidationError as exc:
            take_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Incident closed.") if close else _("Saved."))
            return redirect("reports:incident", pk=pk)
    context = {
        "incident": incident,
        "steps": incident.steps.select_related("author"),
        "form": form,
        "can_close": policy.can_close_incident(request.user),
    }
    return render(request, "reports/incident_detail.html", context)
