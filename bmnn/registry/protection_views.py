"""Pages for decisions on the period that need more than one click: a level change, whose
resulting end the head sees before confirming (LAW.md lifecycle 9), a holder's re-marking
after the classifier's notice (L18 Art. 20.4, 21.5, 22.6), and the notices bundles that carry
those decisions to holders on other installations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.params import parse_id
from bmnn.core.services import actor_of
from bmnn.org.forms import BootstrapMixin
from bmnn.org.models import Agency, Level
from bmnn.registry import queries, services
from bmnn.registry.models import ItemStatus, Origin
from bmnn.registry.notice_bundle import export_notices, import_notices
from bmnn.registry.services.protection import level_change_preview


class ChangeLevelForm(BootstrapMixin, forms.Form):
    new_level = forms.ChoiceField(label=gettext_lazy("New level"), choices=Level.choices)
    decided_on = forms.DateField(label=gettext_lazy("Decided on"))
    decision = forms.CharField(label=gettext_lazy("Decision number"), max_length=128)
    new_end = forms.DateField(
        label=gettext_lazy("Protected until"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty to keep the current end (a raise keeps the longer of the two)."
        ),
    )


def _classified_item(request: HttpRequest, pk: int) -> Any:
    item = queries.item(request.user, pk)
    if item is None:
        raise Http404
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
                services.change_level(actor=actor_of(request), item=item, new_level=data["new_level"],
                                      decided_on=data["decided_on"], decision=data["decision"],
                                      new_end=preview)  # fmt: skip
                messages.success(request, _("The level is changed; holders have been notified."))
                return redirect("registry:item", pk=item.pk)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
            preview = None
        else:
            form = ChangeLevelForm(initial={**data, "new_end": preview})
    return render(request, "registry/change_level.html", {
        "item": item, "form": form, "preview": preview,
        "kept": preview is not None and preview == item.protected_until,
        "shortened": preview is not None and item.protected_until is not None and preview < item.protected_until,
    })  # fmt: skip


@login_required
@require_POST
def record_remarking(request: HttpRequest, pk: int, notice: int) -> HttpResponse:
    item = queries.item(request.user, pk)
    if item is None:
        raise Http404
    found = item.notices.filter(pk=notice).first()
    if found is None:
        raise Http404
    try:
        services.record_remarking(actor=actor_of(request), notice=found,
                                  note=request.POST.get("note", ""))  # fmt: skip
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The re-marking is recorded."))
    return redirect("registry:item", pk=item.pk)


def _keeper_agencies(request: HttpRequest) -> list[Agency]:
    ids = [pk for pk in sorted(policy.scope(request.user).agency_ids)
           if policy.can_keep_registers(request.user, pk) or policy.is_head_of(request.user, pk)]  # fmt: skip
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


@login_required
def notice_bundles(request: HttpRequest) -> HttpResponse:
    """Notices between installations: the classifying agency exports its decisions for holders
    on other installations; the holder's security officer imports what it received."""
    agencies = _keeper_agencies(request)
    if not agencies:
        raise PermissionDenied
    chosen = next(
        (a for a in agencies if a.pk == parse_id(request.POST.get("agency"))), agencies[0]
    )
    if request.method == "POST":
        try:
            if request.POST.get("do") == "export":
                since = (
                    parse_date(request.POST.get("since") or "")
                    if request.POST.get("since")
                    else None
                )
                data = export_notices(actor=actor_of(request), agency=chosen, since=since)
                response = HttpResponse(data, content_type="application/zip")
                name = f"bmnn-thong-bao-{timezone.localdate():%Y%m%d}.bmnn"
                response["Content-Disposition"] = content_disposition_header(True, name)
                return response
            upload = request.FILES.get("bundle")
            if upload is None or (upload.size or 0) > MAX_BUNDLE:
                raise ValidationError(_("Choose a bundle file (at most 50 MB)."))
            result = import_notices(actor=actor_of(request), agency=chosen, data=upload.read())
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "%(applied)s notices applied, %(already)s already applied, %(unmatched)s items not held here."
                )
                % result,
            )
        return redirect("registry:notice_bundles")
    return render(request, "registry/notice_bundles.html", {"agencies": agencies})


MAX_BUNDLE = 50 * 1024 * 1024
