"""Pages for decisions on the period that need more than one click: a level change, whose
resulting end the head sees before confirming (LAW.md lifecycle 9), a holder's re-marking
after the classifier's notice (L18 Art. 20.4, 21.5, 22.6), and the notices bundles that carry
those decisions to holders on other installations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.services import actor_of
from bmnn.core.sorting import vietnamese_sorted
from bmnn.org.models import Agency
from bmnn.registry import queries, services
from bmnn.registry.fields import take_errors
from bmnn.registry.forms import ChangeLevelForm, NoticeExportForm, NoticeImportForm, RemarkForm
from bmnn.registry.models import ItemStatus, Origin
from bmnn.registry.notice_bundle import export_notices, import_notices
from bmnn.registry.services.protection import level_change_preview
from bmnn.registry.views.items import item_page
from bmnn.web.shortcuts import found_or_404


def _classified_item(request: HttpRequest, pk: int) -> Any:
    item = found_or_404(queries.item(request.user, pk))
    if not policy.is_head_of(request.user, item.agency_id):
        raise PermissionDenied
    return item


@login_required
def change_level(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 1 (POST without `confirm`): the head states the change and sees the current end,
    the resulting end and whether it was kept. Step 2 (`confirm`): the change is made with the
    end shown, which the head may have edited within the law."""
    item = _classified_item(request, pk)
    if item.status != ItemStatus.CLASSIFIED or item.origin != Origin.CREATED:
        messages.error(
            request, _("Only the classifying agency changes the level of a classified item.")
        )
        return redirect("registry:item", pk=item.pk)
    form = ChangeLevelForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preview = level_change_preview(
                item, data["new_level"], data["decided_on"], data["new_end"]
            )
            if "confirm" in request.POST:
                services.change_level(
                    actor=actor_of(request),
                    item=item,
                    new_level=data["new_level"],
                    decided_on=data["decided_on"],
                    decision=data["decision"],
                    new_end=preview,
                )
                messages.success(request, _("The level is changed; holders have been notified."))
                return redirect("registry:item", pk=item.pk)
        except ValidationError as exc:
            take_errors(form, exc)
            preview = None
        else:
            form = ChangeLevelForm(initial={**data, "new_end": preview})
    confirm = []
    if preview is not None:
        confirm = [
            ("new_level", data["new_level"]),
            ("decided_on", data["decided_on"].strftime("%d/%m/%Y")),
            ("decision", data["decision"]),
            ("new_end", preview.strftime("%d/%m/%Y")),
        ]
    return render(
        request,
        "registry/change_level.html",
        {
            "item": item,
            "form": form,
            "preview": preview,
            "confirm": confirm,
            "kept": preview is not None and preview == item.protected_until,
            "shortened": preview is not None
            and item.protected_until is not None
            and preview < item.protected_until,
        },
    )


@login_required
@require_POST
def record_remarking(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    item = found_or_404(queries.item(request.user, pk))
    found = found_or_404(item.notices.filter(pk=notice).first())
    form = RemarkForm(request.POST)
    if form.is_valid():
        try:
            services.record_remarking(
                actor=actor_of(request), notice=found, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            take_errors(form, exc)
        else:
            messages.success(request, _("The re-marking is recorded."))
            return redirect("registry:item", pk=item.pk)
    messages.error(request, _("Nothing was saved: correct what is marked below."))
    return item_page(request, item, (f"remark:{found.pk}", form))


def _keeper_agencies(request: HttpRequest) -> list[Agency]:
    ids = [
        pk
        for pk in sorted(policy.scope(request.user).agency_ids)
        if policy.can_keep_registers(request.user, pk) or policy.is_head_of(request.user, pk)
    ]
    return vietnamese_sorted(Agency.objects.filter(pk__in=ids), key=lambda a: a.name)


@login_required
def notice_bundles(request: HttpRequest) -> HttpResponse:
    """Notices between installations: the classifying agency exports its decisions for holders
    on other installations; the holder's security officer imports what it received."""
    agencies = _keeper_agencies(request)
    if not agencies:
        raise PermissionDenied
    posted = request.POST if request.method == "POST" else None
    doing = (request.POST.get("do") or "import") if posted is not None else None
    export = NoticeExportForm(
        posted if doing == "export" else None, agencies=agencies, auto_id="id_export_%s"
    )
    upload = NoticeImportForm(
        posted if doing == "import" else None,
        request.FILES if doing == "import" else None,
        agencies=agencies,
        auto_id="id_import_%s",
    )
    form: Any = export if doing == "export" else upload
    if posted is not None and form.is_valid():
        chosen = next(a for a in agencies if a.pk == form.cleaned_data["agency"])
        try:
            if doing == "export":
                data = export_notices(
                    actor=actor_of(request), agency=chosen, since=form.cleaned_data["since"]
                )
                response = HttpResponse(data, content_type="application/zip")
                name = f"bmnn-thong-bao-{timezone.localdate():%Y%m%d}.bmnn"
                response["Content-Disposition"] = content_disposition_header(True, name)
                return response
            result = import_notices(
                actor=actor_of(request), agency=chosen, data=form.cleaned_data["bundle"].read()
            )
        except ValidationError as exc:
            if doing == "import" and not hasattr(exc, "error_dict"):
                exc = ValidationError({"bundle": exc.messages})  # the file is what is wrong
            take_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(applied)s notices applied, %(already)s already applied, %(unmatched)s items not held here."
                )
                % result,
            )
            return redirect("registry:notice_bundles")
    return render(
        request,
        "registry/notice_bundles.html",
        {"export_form": export, "import_form": upload},
        status=400 if posted is not None else 200,
    )
