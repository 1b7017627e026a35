"""Inventory pages: devices by agency with their audit state, a device with its history,
reports and findings, and the register of media and independent LANs."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.core.text import parse_day
from bmnn.devices import services
from bmnn.devices.forms import DeviceForm, LanForm, MediumForm
from bmnn.devices.models import Device, IndependentLan, Medium
from bmnn.org.models import Agency, Person


def _agencies(request: HttpRequest) -> list[Agency]:
    scope = policy.scope(request.user)
    return [
        a
        for a in Agency.objects.filter(pk__in=scope.agency_ids)
        if policy.can_keep_inventory(request.user, a.pk)
    ]


def device_rows(actor: Any) -> Any:
    return policy.restrict_devices(actor, Device.objects.filter(active=True)).select_related("agency", "custodian").annotate(
        last_audit=Max("reports__generated_at"),
        open_findings=Count("findings", filter=Q(findings__status="open"), distinct=True),
    )  # fmt: skip


@login_required
def device_list(request: HttpRequest) -> HttpResponse:
    rows = list(device_rows(request.user).order_by("agency__name", "asset_tag")[:1000])
    by_agency: dict[str, dict[str, int]] = {}
    for device in rows:
        stats = by_agency.setdefault(device.agency.name, {"devices": 0, "never": 0, "findings": 0, "violations": 0,
                                                          "to_check": 0})  # fmt: skip
        stats["devices"] += 1
        stats["never"] += device.last_audit is None
        stats["findings"] += device.open_findings
        kinds = {concern.kind for concern in device.concerns}
        stats["violations"] += "violation" in kinds
        stats["to_check"] += "check" in kinds
    return render(request, "devices/list.html", {
        "rows": rows, "by_agency": sorted(by_agency.items()), "editable": _agencies(request)})  # fmt: skip


def _device_form(
    request: HttpRequest, agency: Agency, data: Any = None, initial: Any = None
) -> DeviceForm:
    form = DeviceForm(data, initial=initial)
    people = Person.objects.filter(memberships__agency=agency, memberships__is_active=True)
    form.fields["custodian"].queryset = people  # type: ignore[attr-defined]
    form.fields["lan"].queryset = IndependentLan.objects.filter(agency=agency)  # type: ignore[attr-defined]
    return form


@login_required
def device_new(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    if not agencies:
        raise PermissionDenied
    agency = next((a for a in agencies if str(a.pk) == request.GET.get("agency", "")), agencies[0])
    form = _device_form(
        request, agency, request.POST or None, {"connected_to": "none", "ever_connected": "unknown"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            device = services.save_device(
                actor=actor_of(request), agency=agency, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Device added to the inventory."))
            return redirect("devices:device", pk=device.pk)
    return render(request, "devices/form.html", {"form": form, "agency": agency})


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
    fields = list(DeviceForm.base_fields)
    initial = {name: getattr(device, name) for name in fields}
    form = _device_form(request, device.agency, request.POST or None, initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_device(
                actor=actor_of(request), agency=device.agency, device=device, **form.cleaned_data
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Saved."))
            return redirect("devices:device", pk=pk)
    return render(
        request, "devices/form.html", {"form": form, "agency": device.agency, "device": device}
    )


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
    if request.method == "POST":
        try:
            if request.POST.get("action") == "inspection":
                finding = device.findings.filter(
                    pk=parse_id(request.POST.get("finding")) or 0
                ).first()
                target = (
                    _open_targets(request, device)
                    .filter(pk=parse_id(request.POST.get("target")) or 0)
                    .first()
                )
                if finding is None or target is None:
                    raise Http404
                services.raise_in_inspection(actor=actor_of(request), finding=finding, target=target,
                                             deadline=parse_day(request.POST.get("deadline", "")))  # fmt: skip
                messages.success(request, _("Recorded as an inspection finding."))
            elif request.POST.get("action") == "finding":
                finding = device.findings.filter(
                    pk=parse_id(request.POST.get("finding")) or 0
                ).first()
                if finding is None:
                    raise Http404
                services.decide_finding(actor=actor_of(request), finding=finding, status=request.POST.get("status", ""),
                                        note=request.POST.get("note", ""))  # fmt: skip
                messages.success(request, _("Saved."))
            else:
                upload = request.FILES.get("report")
                if upload is None:
                    raise ValidationError(_("Choose the report file."))
                report = services.import_report(
                    actor=actor_of(request), device=device, data=upload.read()
                )
                messages.success(
                    request,
                    _("Report imported: %(n)s evidence items.") % {"n": len(report.evidence)},
                )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        return redirect("devices:device", pk=pk)
    return render(request, "devices/detail.html", {
        "device": device, "changes": device.changes.select_related("changed_by")[:30],
        "reports": device.reports.all()[:10], "findings": device.findings.select_related("report"),
        "can_keep": policy.can_keep_inventory(request.user, device.agency_id),
        "can_import": policy.can_import_host_report(request.user, device.agency_id),
        "targets": _open_targets(request, device),
    })  # fmt: skip


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
def media(request: HttpRequest) -> HttpResponse:
    agencies = _agencies(request)
    medium_form, lan_form = MediumForm(initial={"registered_on": timezone.localdate()}), LanForm()
    if request.method == "POST":
        agency = next((a for a in agencies if str(a.pk) == request.POST.get("agency", "")), None)
        if agency is None:
            raise PermissionDenied
        form: Any = (
            LanForm(request.POST)
            if request.POST.get("action") == "lan"
            else MediumForm(request.POST)
        )
        if form.is_valid():
            try:
                if isinstance(form, LanForm):
                    services.save_lan(actor=actor_of(request), agency=agency, **form.cleaned_data)
                else:
                    services.register_medium(
                        actor=actor_of(request), agency=agency, **form.cleaned_data
                    )
                messages.success(request, _("Saved."))
                return redirect("devices:media")
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
        else:
            messages.error(request, form.errors.as_text())
    return render(request, "devices/media.html", {
        "media": policy.restrict_devices(request.user, Medium.objects.select_related("agency"))[:500],
        "lans": policy.restrict_devices(request.user, IndependentLan.objects.select_related("agency"))
        .annotate(count=Count("devices")),
        "agencies": agencies, "medium_form": medium_form, "lan_form": lan_form,
    })  # fmt: skip
