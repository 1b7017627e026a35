"""Scanner pages: portals and their runs, findings, and the pre-publication check."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.org.models import Agency
from bmnn.scanner import services
from bmnn.scanner.bundle import import_findings
from bmnn.scanner.forms import CheckForm, DecideForm, PortalForm
from bmnn.scanner.highlight import page_images
from bmnn.scanner.leases import TooManyScans
from bmnn.scanner.models import Finding, Portal, QueuedUrl, Resource
from bmnn.scanner.services import PORTAL_FIELDS

MAX_UPLOAD = 100 * 1024 * 1024


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    # No gate of its own: the policy's restrict leaves others an empty overview (with the link
    # to the document check), so the restrict is the one read path the tests can watch.
    status = request.GET.get("status", "open")
    findings = policy.restrict_scan_findings(request.user, Finding.objects.all())
    findings = findings.select_related("portal").order_by("-first_seen", "-pk")
    if status in Finding.Status.values:
        findings = findings.filter(status=status)
    visible = policy.restrict_scan_findings(request.user, Portal.objects.all())
    portals = list(visible.select_related("agency").order_by("name"))
    last_runs = {p.pk: p.runs.first() for p in portals}
    page = CappedPaginator(findings, 50).get_page(request.GET.get("page"))
    return render(request, "scanner/overview.html", {
        "portals": [(p, last_runs[p.pk]) for p in portals], "page": page, "status": status,
        "statuses": Finding.Status.choices, "can_manage": policy.can_manage_portals(request.user),
        "query_string": f"status={status}", "can_import": policy.can_decide_findings(request.user),
    })  # fmt: skip


def _portal_form_values(form: PortalForm) -> dict[str, Any]:
    return {name: form.cleaned_data[name] for name in PORTAL_FIELDS}


@login_required
def portal_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require(policy.can_manage_portals(request.user))
    portal = Portal.objects.filter(pk=pk).first() if pk else None
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
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Portal saved."))
            return redirect("scanner:portal", pk=saved.pk)
    return render(request, "scanner/portal_form.html", {"form": form, "portal": portal})


@login_required
def portal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    portal = policy.restrict_scan_findings(request.user, Portal.objects.filter(pk=pk)).first()
    if portal is None:
        raise Http404
    runs = list(portal.runs.all()[:20])
    failures = (
        QueuedUrl.objects.filter(run=runs[0], state=QueuedUrl.State.FAILED)[:50] if runs else []
    )
    return render(request, "scanner/portal_detail.html", {
        "portal": portal, "runs": runs, "failures": failures,
        "resources": Resource.objects.filter(portal=portal).count(),
        "findings": portal.findings.order_by("-first_seen")[:50],
        "can_manage": policy.can_manage_portals(request.user),
    })  # fmt: skip


@login_required
@require_POST
def portal_scan(request: HttpRequest, pk: int) -> HttpResponse:
    portal = Portal.objects.filter(pk=pk).first()
    if portal is None:
        raise Http404
    try:
        services.start_crawl(actor=actor_of(request), portal=portal)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The scan has started; results appear as pages are read."))
    return redirect("scanner:portal", pk=pk)


@login_required
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rows = Finding.objects.select_related("portal", "decided_by").filter(pk=pk)
    finding = policy.restrict_scan_findings(request.user, rows).first()
    if finding is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "incident":
        agency = Agency.objects.filter(
            pk=parse_id(request.POST.get("agency")) or 0, is_active=True
        ).first()
        if agency is None:
            raise Http404
        try:
            incident = services.open_incident_from_finding(
                actor=actor_of(request), finding=finding, agency=agency
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("scanner:finding", pk=pk)
        messages.success(request, _("Incident opened; the province supervisors have been told."))
        return redirect("reports:incident", pk=incident.pk)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_finding(actor=actor_of(request), finding=finding, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("scanner:finding", pk=pk)
    return render(request, "scanner/finding_detail.html", {
        "finding": finding, "form": form, "can_decide": policy.can_decide_findings(request.user),
        "agencies": Agency.objects.filter(is_active=True).order_by("name")})  # fmt: skip


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
                    verdicts=verdicts,
                    top=verdicts[0],
                    pictures=page_images(data, upload.name or "", verdicts[0]),
                )
    return render(request, "scanner/check.html", context)


@login_required
@require_POST
def import_bundle(request: HttpRequest) -> HttpResponse:
    """A supervisor brings in the findings of the scanner host (signed bundle on removable media)."""
    _require(policy.can_decide_findings(request.user))
    upload = request.FILES.get("bundle")
    if upload is None or (upload.size or 0) > 200 * 1024 * 1024:
        messages.error(request, _("Choose a bundle file (at most 200 MB)."))
        return redirect("scanner:overview")
    try:
        result = import_findings(actor=actor_of(request), data=upload.read())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(added)s findings added, %(updated)s updated.") % result)
    return redirect("scanner:overview")
