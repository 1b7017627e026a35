"""Secret catalogue pages: the catalogues and their versions, each entry with its history and
the items classified under it that the reader may see, the forms a province supervisor or an
administrator uses to record changes, and the list of items to review after a level change."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.paginator import CappedPaginator
from bmnn.core.services import NotAllowed, actor_of
from bmnn.registry import queries, services
from bmnn.registry.fields import save_form, take_errors
from bmnn.registry.forms import (
    CatalogueEntryForm,
    CatalogueForm,
    EntryLevelForm,
    EntryRemovalForm,
)
from bmnn.registry.models import Catalogue, CatalogueItem
from bmnn.registry.services.catalogue import entry_in_force
from bmnn.web.shortcuts import found_or_404


def _record_read(request: HttpRequest, page: Any) -> None:
    """A page that shows items reads them (one audit event); an empty page reads nothing."""
    shown = list(page.object_list)
    if shown:
        services.record_list_read(
            actor=actor_of(request), items=shown, where=request.get_full_path()[:200]
        )


@login_required
def catalogue_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/catalogue_list.html",
        {
            "catalogues": queries.catalogues(),
            "today": timezone.localdate(),
            "can_manage": policy.can_manage_catalogues(request.user),
            "to_review": queries.items_above_catalogue(request.user).count(),
        },
    )


@login_required
def catalogue_new(request: HttpRequest) -> HttpResponse:
    if not policy.can_manage_catalogues(request.user):
        raise NotAllowed(
            _("Only a province supervisor or an administrator records secret catalogues.")
        )
    form = CatalogueForm(request.POST or None)
    catalogue = save_form(
        form, lambda data: services.record_catalogue(actor=actor_of(request), **data)
    )
    if catalogue is not None:
        messages.success(request, _("The catalogue is recorded."))
        return redirect("registry:catalogue", pk=catalogue.pk)
    return render(
        request,
        "registry/catalogue_form.html",
        {"form": form, "title": _("Record a secret catalogue")},
    )


@login_required
def catalogue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    catalogue = found_or_404(queries.catalogues().filter(pk=pk).first())
    can_manage = policy.can_manage_catalogues(request.user)
    form = CatalogueEntryForm(request.POST or None)
    if request.method == "POST":
        if not can_manage:
            raise NotAllowed(
                _("Only a province supervisor or an administrator records secret catalogues.")
            )
        entry = save_form(
            form,
            lambda data: services.add_catalogue_entry(
                actor=actor_of(request), catalogue=catalogue, **data
            ),
        )
        if entry is not None:
            messages.success(request, _("The entry is added."))
            return redirect("registry:catalogue_entry", pk=entry.pk)
    today = timezone.localdate()
    entries = [
        (entry, entry_in_force(entry, today))
        for entry in catalogue.items.select_related("catalogue").order_by("code", "pk")
    ]
    return render(
        request,
        "registry/catalogue_detail.html",
        {
            "catalogue": catalogue,
            "entries": entries,
            "can_manage": can_manage,
            "form": form,
            "replaced_by": Catalogue.objects.filter(replaces=catalogue).first(),
            "today": today,
        },
    )


@login_required
def catalogue_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = found_or_404(CatalogueItem.objects.select_related("catalogue").filter(pk=pk).first())
    can_manage = policy.can_manage_catalogues(request.user)
    today = timezone.localdate()
    # two forms on one page: each has ids of its own
    removal = EntryRemovalForm(initial={"effective_on": today}, auto_id="id_remove_%s")
    level = EntryLevelForm(initial={"effective_on": today}, auto_id="id_level_%s")
    if request.method == "POST":
        if not can_manage:
            raise NotAllowed(
                _("Only a province supervisor or an administrator records secret catalogues.")
            )
        action = request.POST.get("action")
        if action == "remove":
            removal = EntryRemovalForm(request.POST, auto_id="id_remove_%s")
            form: Any = removal
        elif action == "level":
            level = EntryLevelForm(request.POST, auto_id="id_level_%s")
            form = level
        else:
            raise Http404
        if form.is_valid():
            try:
                if action == "remove":
                    services.remove_catalogue_entry(
                        actor=actor_of(request), entry=entry, **form.cleaned_data
                    )
                    done = _("The removal is recorded.")
                else:
                    services.change_catalogue_level(
                        actor=actor_of(request), entry=entry, **form.cleaned_data
                    )
                    done = _("The level change is recorded.")
            except ValidationError as exc:
                take_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect("registry:catalogue_entry", pk=entry.pk)
    rows = queries.catalogue_entry_items(request.user, entry)
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
    _record_read(request, page)
    return render(
        request,
        "registry/catalogue_entry.html",
        {
            "entry": entry,
            "in_force": entry_in_force(entry, today),
            "today": today,
            "changeable": entry.is_active
            and (entry.removed_on is None or entry.removed_on > today)
            and (entry.catalogue.valid_to is None or entry.catalogue.valid_to >= today),
            "changes": entry.changes.select_related("recorded_by").order_by("effective_on", "pk"),
            "page": page,
            "counts": queries.catalogue_entry_counts(request.user, entry),
            "can_manage": can_manage,
            "removal_form": removal,
            "level_form": level,
        },
    )


@login_required
def catalogue_review(request: HttpRequest) -> HttpResponse:
    """Items to review after a catalogue change: above their entry's level now."""
    rows = queries.items_above_catalogue(request.user)
    page = CappedPaginator(rows, 50).get_page(request.GET.get("page"))
    _record_read(request, page)
    return render(request, "registry/catalogue_review.html", {"page": page})
