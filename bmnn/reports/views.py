"""Incident pages: file one, follow it up, close it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.services import actor_of
from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency, Level
from bmnn.reports import services
from bmnn.reports.models import Incident


class IncidentForm(BootstrapMixin, forms.Form):
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    what = forms.CharField(
        label=gettext_lazy("What was leaked or lost"), widget=forms.Textarea(attrs={"rows": 2})
    )
    level = forms.ChoiceField(
        label=gettext_lazy("Level"), choices=[("", "—"), *Level.choices], required=False
    )
    found_at = forms.DateTimeField(label=gettext_lazy("When it was found"))
    channel = forms.ChoiceField(label=gettext_lazy("How"), choices=Incident.Channel.choices)
    scope = forms.CharField(
        label=gettext_lazy("Scope"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.CharField(
        label=gettext_lazy("Measures taken"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


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
    agencies = Agency.objects.filter(is_active=True)
    if not scope.has("supervisor"):
        agencies = agencies.filter(pk__in=scope.agency_ids)
    form = IncidentForm(
        request.POST or None, initial={"found_at": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
    )
    form.fields["agency"].queryset = agencies  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        try:
            incident = services.report_incident(actor=actor_of(request), **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
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
    incident = _rows(request).filter(pk=pk).first()  # type: ignore[attr-defined]
    if incident is None:
        raise Http404
    if request.method == "POST":
        try:
            services.add_step(actor=actor_of(request), incident=incident, text=request.POST.get("text", ""),
                              close=request.POST.get("close") == "1")  # fmt: skip
            messages.success(request, _("Saved."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect("reports:incident", pk=pk)
    return render(request, "reports/incident_detail.html", {
        "incident": incident, "steps": incident.steps.select_related("author"),
        "can_close": policy.can_close_incident(request.user)})  # fmt: skip
