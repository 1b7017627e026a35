"""Pages for agencies, groups and people. Thin: parse, call a query or a service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bmnn.core import policy
from bmnn.core.csv_export import csv_response
from bmnn.org import queries, services
from bmnn.org.forms import (
    AgencyContactForm,
    AgencyFilterForm,
    AgencyForm,
    ClearanceForm,
    MembershipForm,
    NewPersonForm,
    PersonForm,
)
from bmnn.org.models import Agency, AgencyType, ClearanceLevel, Membership, Role
from bmnn.web.shortcuts import found_or_404

PAGE_SIZE = 50


def _apply_errors(form: Any, exc: ValidationError, field: str | None = None) -> None:
    """A service's refusal on the form: by the field it names, else by `field`, else above."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, exc.messages)


def _saved(
    request: HttpRequest,
    form: Any,
    call: Callable[[], Any],
    success: str,
    *,
    field: str | None = None,
    denied_field: str | None = None,
) -> Any:
    """Runs `call` (a service, which answers the row it saved): the row, with `success` as
    the page's message, or None with the refusal on `form` (by `_apply_errors`; a denial on
    `denied_field` where one is named, else it goes on up as a 403)."""
    try:
        row = call()
    except ValidationError as exc:
        _apply_errors(form, exc, field)
        return None
    except PermissionDenied as exc:
        if denied_field is None:
            raise
        form.add_error(denied_field, str(exc))
        return None
    messages.success(request, success)
    return row


def _agency_or_404(request: HttpRequest, pk: int) -> Agency:
    return found_or_404(queries.agency(request.user, pk))


def _person_or_404(request: HttpRequest, pk: int) -> Any:
    return found_or_404(queries.person(request.user, pk))


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    filters = AgencyFilterForm(request.GET or None)
    filters.is_valid()
    data = filters.cleaned_data if filters.is_bound else {}
    rows = queries.agencies(
        request.user, search=data.get("q", ""), agency_type=data.get("type", "")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "page": page,
        "can_create": policy.can_create_agency(request.user),
        "query_string": request.GET.urlencode(),
    }
    template = "org/agency_list.html#table" if request.htmx else "org/agency_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


@login_required
def agency_export(request: HttpRequest) -> StreamingHttpResponse:
    rows = queries.agencies(
        request.user, search=request.GET.get("q", ""), agency_type=request.GET.get("type", "")
    )
    types = dict(AgencyType.choices)

    def values() -> Any:
        for agency in rows.iterator(chunk_size=500):
            key: list[Membership] = agency.key_memberships  # type: ignore[attr-defined]
            heads = [m.person.full_name for m in key if m.role == Role.HEAD]
            officers = [m.person.full_name for m in key if m.role == Role.SECURITY_OFFICER]
            yield [
                agency.code,
                agency.name,
                agency.short_name,
                types.get(agency.type, agency.type),
                agency.parent.name if agency.parent else "",
                "; ".join(heads),
                "; ".join(officers),
            ]

    header = [
        _("Code"),
        _("Name"),
        _("Short name"),
        _("Type"),
        _("Parent agency"),
        _("Head"),
        _("Security officers"),
    ]
    return csv_response("co-quan.csv", header, values())


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency_or_404(request, pk)
    return render(
        request,
        "org/agency_detail.html",
        {
            "agency": agency,
            "members": queries.agency_members(request.user, agency),
            "can_change": policy.can_change_agency(request.user, agency),
            "can_manage_people": policy.can_manage_people(request.user, agency),
        },
    )


@login_required
def agency_create(request: HttpRequest) -> HttpResponse:
    if not policy.can_create_agency(request.user):
        raise PermissionDenied(_("Only province staff may add agencies."))
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        agency = _saved(
            request,
            form,
            lambda: services.create_agency(
                actor=request.user,  # type: ignore[arg-type]
                name=data["name"],
                short_name=data["short_name"],
                code=data["code"],
                type=data["type"],
                parent=data["parent"],
                address=data["address"],
                phone=data["phone"],
            ),
            _("Agency added."),
        )
        if agency is not None:
            return redirect("org:agency_detail", pk=agency.pk)
    return render(request, "org/agency_form.html", {"form": form, "agency": None})


@login_required
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _agency_or_404(request, pk)
    if not policy.can_change_agency(request.user, agency):
        raise PermissionDenied(_("You may not change this agency."))
    form_class = AgencyForm if policy.is_province_wide(request.user) else AgencyContactForm
    form = form_class(request.POST or None, instance=Agency.objects.get(pk=agency.pk))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if _saved(
            request,
            form,
            lambda: services.update_agency(actor=request.user, agency=agency, **changes),  # type: ignore[arg-type]
            _("Changes saved."),
        ):
            return redirect("org:agency_detail", pk=agency.pk)
    return render(request, "org/agency_form.html", {"form": form, "agency": agency})


@login_required
def group_list(request: HttpRequest) -> HttpResponse:
    groups = list(queries.groups())
    counts = {
        row["type"]: row["total"]
        for row in queries.agencies(request.user)
        .values("type")
        .annotate(total=Count("pk"))
        .order_by()
    }
    types = dict(AgencyType.choices)
    for group in groups:
        group.type_labels = [types.get(t, t) for t in group.agency_types]  # type: ignore[attr-defined]
        group.member_count = sum(counts.get(t, 0) for t in group.agency_types)  # type: ignore[attr-defined]
    return render(request, "org/group_list.html", {"groups": groups})


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    term = request.GET.get("q", "").strip()
    rows = queries.people(request.user, search=term, role=request.GET.get("role", ""))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "org/person_list.html",
        {"page": page, "term": term, "roles": Role.choices, "role": request.GET.get("role", "")},
    )


@login_required
def person_export(request: HttpRequest) -> StreamingHttpResponse:
    rows = queries.people(request.user, search=request.GET.get("q", ""))
    clearances = dict(ClearanceLevel.choices)

    def values() -> Any:
        for person in rows.iterator(chunk_size=500):
            yield [
                person.username,
                person.full_name,
                person.position,
                "; ".join(
                    f"{m.get_role_display()} — {m.agency.name}"
                    for m in person.visible_memberships  # type: ignore[attr-defined]
                ),
                clearances.get(person.clearance, person.clearance),
            ]

    header = [_("User name"), _("Full name"), _("Position"), _("Roles"), _("Clearance")]
    return csv_response("can-bo.csv", header, values())


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _person_page(request, _person_or_404(request, pk))


def _person_page(
    request: HttpRequest,
    person: Any,
    *,
    clearance_form: ClearanceForm | None = None,
    membership_form: MembershipForm | None = None,
) -> HttpResponse:
    """The person's page; a refused role or clearance form comes back with what was typed and
    each message by its field, the other form blank (status 200, as Django's own form views
    answer a refused form: a 400 would be logged as a failed load in the browser console)."""
    grants = person.clearance_grants.select_related("granted_by")[:20]
    refused = clearance_form is not None or membership_form is not None
    if refused:
        messages.error(request, _("Nothing was saved: correct what is marked below."))
    return render(
        request,
        "org/person_detail.html",
        {
            "person": person,
            "grants": grants,
            "can_change": policy.can_change_person(request.user, person),
            "clearance_form": clearance_form or ClearanceForm(),
            "membership_form": membership_form
            or MembershipForm(agencies=queries.agencies(request.user)),
        },
    )


@login_required
def person_create(request: HttpRequest, agency_pk: int) -> HttpResponse:
    agency = _agency_or_404(request, agency_pk)
    if not policy.can_manage_people(request.user, agency):
        raise PermissionDenied(_("You may not add people to this agency."))
    form = NewPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = _saved(
            request,
            form,
            lambda: services.create_person(
                actor=request.user,  # type: ignore[arg-type]
                agency=agency,
                role=data["role"],
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                position=data["position"],
                phone=data["phone"],
                password=data["password"] or None,
            ),
            _("Person added."),
            denied_field="role",
        )
        if person is not None:
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "agency": agency, "person": None})


@login_required
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    if not policy.can_change_person(request.user, person):
        raise PermissionDenied(_("You may not change this person."))
    form = PersonForm(request.POST or None, instance=type(person).objects.get(pk=person.pk))
    if not policy.can_change_username(request.user, person):
        del form.fields["username"]
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        if _saved(
            request,
            form,
            lambda: services.update_person(actor=request.user, person=person, **changes),  # type: ignore[arg-type]
            _("Changes saved."),
        ):
            return redirect("org:person_detail", pk=person.pk)
    return render(request, "org/person_form.html", {"form": form, "person": person, "agency": None})


@login_required
@require_POST
def person_grant_clearance(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    form = ClearanceForm(request.POST)
    if form.is_valid() and _saved(
        request,
        form,
        lambda: services.grant_clearance(actor=request.user, person=person, **form.cleaned_data),  # type: ignore[arg-type]
        _("Clearance recorded."),
        field="level",
        denied_field="level",
    ):
        return redirect("org:person_detail", pk=person.pk)
    return _person_page(request, person, clearance_form=form)


@login_required
@require_POST
def person_add_membership(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_or_404(request, pk)
    form = MembershipForm(request.POST, agencies=queries.agencies(request.user))

    def add() -> Membership:
        try:
            return services.add_membership(
                actor=request.user,  # type: ignore[arg-type]
                person=person,
                agency=form.cleaned_data["agency"],
                role=form.cleaned_data["role"],
            )
        except IntegrityError as exc:
            raise ValidationError(_("This person already has this role in this agency.")) from exc

    if form.is_valid() and _saved(
        request, form, add, _("Role added."), field="role", denied_field="role"
    ):
        return redirect("org:person_detail", pk=person.pk)
    return _person_page(request, person, membership_form=form)


@login_required
@require_POST
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("agency", "person"), pk=pk, is_active=True
    )
    if queries.person(request.user, membership.person_id) is None:
        raise Http404
    try:
        services.end_membership(actor=request.user, membership=membership)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Role ended."))
    return redirect("org:person_detail", pk=membership.person_id)
