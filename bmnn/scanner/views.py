"""Scanner pages: portals and their runs, findings, and the pre-publication check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.scanner import queries, services
from bmnn.scanner.bundle import import_findings
from bmnn.scanner.forms import BundleForm, CheckForm, DecideForm, IncidentForm, PortalForm
from bmnn.scanner.highlight import page_images
from bmnn.scanner.leases import TooManyScans
from bmnn.scanner.models import Finding
from bmnn.scanner.services import PORTAL_FIELDS
from bmnn.web.forms import take_errors
from bmnn.web.shortcuts import found_or_404

MAX_UPLOAD = 100 * 1024 * 1024


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def overview(request: HttpRequest, bundle_form: BundleForm | None = None) -> HttpResponse:
    # No gate of its own: the policy's restrict leaves others an empty overview (with the link
    # to the document check), so the restrict is the one read path the tests can watch.
    portals = queries.portals(request.user)
    run = None
    if request.GET.get("run"):
        run = found_or_404(queries.run_of(portals, parse_id(request.GET.get("run")) or 0))
    findings, status = queries.listed_findings(
        request.user, run=run, status=request.GET.get("status", "open")
    )
    counts = queries.status_counts(request.user)
    page = CappedPaginator(findings, 50).get_page(request.GET.get("page"))
    for finding in page:
        finding.level_name = services.level_label(finding.level)
    statuses = [(value, label, counts.get(value, 0)) for value, label in Finding.Status.choices] + [
        ("all", _("All"), sum(counts.values()))
    ]
    query = f"run={run.pk}" if run is not None else f"status={status}"
    return render(
        request,
        "scanner/overview.html",
        {
            "portals": queries.last_runs(portals),
            "page": page,
            "status": status,
            "statuses": statuses,
            "run": run,
            "can_manage": policy.can_manage_portals(request.user),
            "query_string": query,
            "can_import": policy.can_decide_findings(request.user),
            "bundle_form": bundle_form or BundleForm(),
        },
    )


def _portal_form_values(form: PortalForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in PORTAL_FIELDS}


@login_required
def portal_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require(policy.can_manage_portals(request.user))
    portal = queries.portal_by_id(pk) if pk else None
    if pk and portal is None:
        raise Http404
    initial = {name: getattr(portal, name) for name in PORTAL_FIELDS} if portal else None
    form = PortalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_portal(
                actor=actor_of(request), portal=portal, **_portal_form_values(form)
            )
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Portal saved."))
            return redirect("scanner:portal", pk=saved.pk)
    return render(request, "scanner/portal_form.html", {"form": form, "portal": portal})


@login_required
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    portal = found_or_404(queries.portal(request.user, pk))
    shown = queries.portal_page(portal)
    failures = shown["failures"]
    for row in failures:
        row.reason = services.fetch_failure(row.note)
    return render(
        request,
        "scanner/portal_detail.html",
        {
            "portal": portal,
            **shown,
            "can_manage": policy.can_manage_portals(request.user),
        },
    )


@login_required
@require_POST
def portal_scan(request: HttpRequest, pk: int) -> HttpResponse:
    portal = found_or_404(queries.portal_by_id(pk))
    try:
        services.start_crawl(actor=actor_of(request), portal=portal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The scan has started; results appear as pages are read."))
    return redirect("scanner:portal", pk=pk)


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = found_or_404(queries.finding(request.user, pk))
    action = request.POST.get("action", "decide") if request.method == "POST" else None
    if action is not None and not policy.can_decide_findings(request.user):
        raise PermissionDenied
    agency_id = finding.portal.agency_id if finding.portal else None
    incident_form = IncidentForm(
        request.POST if action == "incident" else None, initial={"agency": agency_id}
    )
    form = DecideForm(request.POST if action == "decide" else None)
    if action == "incident" and incident_form.is_valid():
        try:
            incident = services.open_incident_from_finding(
                actor=actor_of(request), finding=finding, **incident_form.cleaned_data
            )
        except ValidationError as exc:
            take_errors(incident_form, exc, default="agency")
        else:
            messages.success(
                request, _("Incident opened; the province supervisors have been told.")
            )
            return redirect("reports:incident", pk=incident.pk)
    if action == "decide" and form.is_valid():
        try:
            services.decide_finding(actor=actor_of(request), finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("scanner:finding", pk=pk)
    return render(
        request,
        "scanner/finding_detail.html",
        {
            "finding": finding,
            "level_name": services.level_label(finding.level),
            "evidence": services.evidence_shown(finding.evidence),
            "form": form,
            "incident_form": incident_form,
            "can_decide": policy.can_decide_findings(request.user),
        },
    )


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """An editor drops a file and sees the verdict with the evidence marked; nothing is kept
    but the file's name, size, fingerprint and the verdict."""
    form = CheckForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error(
                "file", _("The file is larger than %(mb)s MB.") % {"mb": MAX_UPLOAD // 2**20}
            )
        else:
            data = upload.read()
            try:
                verdicts = services.check_document(
                    actor=actor_of(request), name=upload.name or "", data=data
                )
            except ValidationError as exc:
                form.add_error("file", exc.messages)
            except TooManyScans as exc:
                form.add_error("file", str(exc))
                return render(request, "scanner/check.html", context, status=429)
            else:
                context.update(
                    verdicts=[
                        {
                            "path": v.path,
                            "secret": v.secret,
                            "level": services.level_label(v.level),
                            "evidence": services.evidence_shown(v.evidence),
                        }
                        for v in verdicts
                    ],
                    top=verdicts[0],
                    top_level=services.level_label(verdicts[0].level),
                    top_error=services.read_error(verdicts[0].error),
                    pictures=page_images(data, upload.name or "", verdicts[0]),
                )
    return render(request, "scanner/check.html", context)


@login_required
@require_POST
def import_bundle(request: HttpRequest) -> HttpResponse:
    """A supervisor brings in the findings of the scanner host (signed bundle on removable media)."""
    _require(policy.can_decide_findings(request.user))
    form = BundleForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = import_findings(
                actor=actor_of(request), data=form.cleaned_data["bundle"].read()
            )
        except ValidationError as exc:
            take_errors(form, exc, default="bundle")
        else:
            added = ngettext("%(n)s finding added", "%(n)s findings added", result["added"]) % {
                "n": result["added"]
            }
            updated = ngettext(
                "%(n)s finding updated.", "%(n)s findings updated.", result["updated"]
            ) % {"n": result["updated"]}
            messages.success(request, f"{added}, {updated}")
            return redirect("scanner:overview")
    return overview(request, bundle_form=form)
