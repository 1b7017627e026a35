"""Inventory pages: devices by agency with their audit state, a device with its history,
reports and findings, and the register of media and independent LANs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from importlib import resources
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.devices import labels, services
from bmnn.devices.forms import (
    DeviceForm,
    FindingDecisionForm,
    HostReportForm,
    LanForm,
    MediumForm,
    ToInspectionForm,
    add_errors,
)
from bmnn.devices.models import Device, IndependentLan, Medium
from bmnn.org.models import Agency, Role

AGENT_NAME = "bmnn_audit.py"


def _agencies(request: HttpRequest) -> list[Agency]:
    scope = policy.scope(request.user)
    return [
        a
        for a in Agency.objects.filter(pk__in=scope.agency_ids)
        if policy.can_keep_inventory(request.user, a.pk)
    ]


def device_rows(actor: Any) -> Any:
    return (
        policy.restrict_devices(actor, Device.objects.filter(active=True))
        .select_related("agency", "custodian")
        .annotate(
            last_audit=Max("reports__generated_at"),
            open_findings=Count("findings", filter=Q(findings__status="open"), distinct=True),
        )
    )


@login_required
def device_list(request: HttpRequest) -> HttpResponse:
    rows = list(device_rows(request.user).order_by("agency__name", "asset_tag")[:1000])
    by_agency: dict[str, dict[str, int]] = {}
    for device in rows:
        stats = by_agency.setdefault(
            device.agency.name,
            {"devices": 0, "never": 0, "findings": 0, "violations": 0, "to_check": 0},
        )
        stats["devices"] += 1
        stats["never"] += device.last_audit is None
        stats["findings"] += device.open_findings
        kinds = {concern.kind for concern in device.concerns}
        stats["violations"] += "violation" in kinds
        stats["to_check"] += "check" in kinds
    return render(
        request,
        "devices/list.html",
        {"rows": rows, "by_agency": sorted(by_agency.items()), "editable": _agencies(request)},
    )


def _saved(
    request: HttpRequest,
    form: Any,
    save: Callable[..., Any],
    done: str,
    default: str | None = None,
) -> Any:
    """`save(**form.cleaned_data)` when the form is valid; what it returns once saved (`done` is
    then said), else None with the form's errors or the service's refusal (at `default`) on it."""
    if not form.is_valid():
        return None
    try:
        result = save(**form.cleaned_data)
    except ValidationError as exc:
        add_errors(form, exc, default=default)
        return None
    messages.success(request, done)
    return result


def _chosen_agency(request: HttpRequest, agencies: list[Agency]) -> Agency:
    """The agency named in the address (?agency=), else the first the person keeps."""
    wanted = parse_id(request.GET.get("agency"))
    return next((a for a in agencies if a.pk == wanted), agencies[0])


@login_required
def device_new(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    if not agencies:
        raise PermissionDenied
    agency = _chosen_agency(request, agencies)
    initial = {"connected_to": "none", "ever_connected": "unknown"}
    form = DeviceForm(request.POST or None, initial=initial, agency=agency)
    if request.method == "POST":
        save = partial(services.save_device, actor=actor_of(request), agency=agency)
        device = _saved(request, form, save, _("Device added to the inventory."))
        if device is not None:
            return redirect("devices:device", pk=device.pk)
    return render(
        request, "devices/form.html", {"form": form, "agency": agency, "agencies": agencies}
    )


@login_required
def device_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes to a device (custodian, status, location…) are kept in its history and audited."""
    device = (
        policy.restrict_devices(request.user, Device.objects.select_related("agency"))
        .filter(pk=pk)
        .first()
    )
    if device is None:
        raise Http404
    if not policy.can_keep_inventory(request.user, device.agency_id):
        raise PermissionDenied
    initial = {name: getattr(device, name) for name in DeviceForm.base_fields}
    form = DeviceForm(request.POST or None, initial=initial, agency=device.agency)
    if request.method == "POST":
        save = partial(
            services.save_device, actor=actor_of(request), agency=device.agency, device=device
        )
        if _saved(request, form, save, _("Saved.")) is not None:
            return redirect("devices:device", pk=pk)
    return render(
        request, "devices/form.html", {"form": form, "agency": device.agency, "device": device}
    )


def _answer(request: HttpRequest, device: Device, shown: dict[str, Any]) -> bool:
    """Handles one of the detail page's forms; False when it came back with errors (the bound
    form is then in `shown`, to be rendered again with what was typed)."""
    action = request.POST.get("action", "")
    actor = actor_of(request)
    finding = device.findings.filter(pk=parse_id(request.POST.get("finding")) or 0).first()
    if action in ("finding", "inspection") and finding is None:
        raise Http404
    if action == "finding" and finding is not None:
        decision = shown["decisions"][finding.pk] = FindingDecisionForm(
            request.POST, finding=finding
        )
        save = partial(services.decide_finding, actor=actor, finding=finding)
        return _saved(request, decision, save, _("Saved.")) is not None
    if action == "inspection" and finding is not None:
        carry = shown["carries"][finding.pk] = ToInspectionForm(
            request.POST, finding=finding, targets=shown["targets"]
        )
        save = partial(services.raise_in_inspection, actor=actor, finding=finding)
        return _saved(request, carry, save, _("Recorded as an inspection finding.")) is not None
    upload = shown["upload"] = HostReportForm(request.POST, request.FILES)
    if not upload.is_valid():
        return False
    try:
        report = services.import_report(
            actor=actor, device=device, data=upload.cleaned_data["report"].read()
        )
    except ValidationError as exc:
        add_errors(upload, exc, default="report")
        return False
    evidence, found = len(report.evidence), report.findings.count()
    read = ngettext(
        "Report imported: %(n)s piece of evidence read.",
        "Report imported: %(n)s pieces of evidence read.",
        evidence,
    ) % {"n": evidence}
    raised = (
        ngettext("%(n)s finding raised.", "%(n)s findings raised.", found) % {"n": found}
        if found
        else _("No finding.")
    )
    messages.success(request, f"{read} {raised}")
    return True


@login_required
def device_detail(request: HttpRequest, pk: int) -> HttpResponse:
    device = (
        policy.restrict_devices(
            request.user, Device.objects.select_related("agency", "custodian", "lan")
        )
        .filter(pk=pk)
        .first()
    )
    if device is None:
        raise Http404
    can_keep = policy.can_keep_inventory(request.user, device.agency_id)
    can_import = policy.can_import_host_report(request.user, device.agency_id)
    shown: dict[str, Any] = {
        "targets": _open_targets(request, device),
        "decisions": {},
        "carries": {},
        "upload": HostReportForm(),
    }
    if request.method == "POST":
        if not can_import:
            raise PermissionDenied
        if _answer(request, device, shown):
            return redirect("devices:device", pk=pk)
    targets = list(shown["targets"])
    findings = list(device.findings.select_related("report"))
    for finding in findings:
        finding.text = labels.finding_text(finding.code, finding.counts, finding.summary)
        finding.rows = labels.evidence_rows(finding.evidence[:5])
        finding.more = max(0, len(finding.evidence) - 5)
        finding.decision = shown["decisions"].get(finding.pk) or FindingDecisionForm(
            finding=finding
        )
        finding.carry = shown["carries"].get(finding.pk) or (
            ToInspectionForm(finding=finding, targets=shown["targets"]) if targets else None
        )
    return render(
        request,
        "devices/detail.html",
        {
            "device": device,
            "history": labels.history(device.changes.select_related("changed_by")[:30]),
            "reports": device.reports.all()[:10],
            "findings": findings,
            "can_keep": can_keep,
            "can_import": can_import,
            "upload": shown["upload"],
            "agent_name": AGENT_NAME,
        },
    )


def _open_targets(request: HttpRequest, device: Device) -> Any:
    """Inspections of the device's agency, not yet concluded, on which the actor is an inspector."""
    from bmnn.inspections.models import Target

    rows = (
        Target.objects.filter(agency=device.agency)
        .exclude(inspection__status="concluded")
        .select_related("inspection")
    )
    return rows.filter(
        pk__in=[t.pk for t in rows if policy.is_inspector_of(request.user, t.inspection)]
    )


@login_required
def agent(request: HttpRequest) -> FileResponse:
    """The host-audit agent, to be carried on a USB stick to the machine to audit (the file
    `bmnn audit-host --save-agent FILE` writes)."""
    scope = policy.scope(request.user)
    if not (
        scope.has(Role.INSPECTOR)
        or any(policy.can_import_host_report(request.user, a) for a in scope.agency_ids)
    ):
        raise PermissionDenied
    path = resources.files("bmnn.devices") / "agent" / AGENT_NAME
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=AGENT_NAME, content_type="text/x-python"
    )


@login_required
def media(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    today = timezone.localdate()
    action = request.POST.get("action") if request.method == "POST" else None
    if action and not agencies:
        raise PermissionDenied
    medium_form = MediumForm(
        request.POST if action == "medium" else None,
        agencies=agencies,
        initial={"registered_on": today},
    )
    lan_form = LanForm(request.POST if action == "lan" else None, agencies=agencies)
    form = medium_form if action == "medium" else lan_form if action == "lan" else None
    if form is not None:
        service = services.save_lan if form is lan_form else services.register_medium
        if (
            _saved(request, form, partial(service, actor=actor_of(request)), _("Saved."))
            is not None
        ):
            return redirect("devices:media")
    return render(
        request,
        "devices/media.html",
        {
            "media": policy.restrict_devices(
                request.user, Medium.objects.select_related("agency", "custodian")
            )[:500],
            "lans": policy.restrict_devices(
                request.user, IndependentLan.objects.select_related("agency", "administrator")
            ).annotate(count=Count("devices")),
            "agencies": agencies,
            "medium_form": medium_form,
            "lan_form": lan_form,
        },
    )
