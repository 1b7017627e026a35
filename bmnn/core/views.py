"""The audit log page (supervisors and administrators)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import audit_text, notify, policy, queries
from bmnn.core.models import Notification
from bmnn.org.models import Agency


class AuditFilterForm(forms.Form):
    """The audit log's filters. `action` and `object_type` are not shown: links elsewhere use
    them to open the log at one action code or one kind of object."""

    person = forms.CharField(label=gettext_lazy("Person who acted"), required=False, max_length=150)
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Agency"),
        queryset=Agency.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("Every agency"),
    )
    kind = forms.ChoiceField(label=gettext_lazy("Action kind"), required=False)
    object_name = forms.CharField(label=gettext_lazy("Object"), required=False, max_length=255)
    since = forms.DateField(label=gettext_lazy("From"), required=False, input_formats=["%d/%m/%Y"])
    until = forms.DateField(label=gettext_lazy("To"), required=False, input_formats=["%d/%m/%Y"])
    action = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
    object_type = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        kinds = [("", gettext_lazy("Every kind")), *audit_text.KINDS.items()]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["person"].widget.attrs["placeholder"] = gettext_lazy(
            "Name or account of the person who acted"
        )
        self.fields["object_name"].widget.attrs["placeholder"] = gettext_lazy("Its name or number")
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
            if isinstance(field, forms.DateField):
                field.widget.attrs["placeholder"] = "dd/mm/yyyy"
                field.error_messages["invalid"] = gettext_lazy("Enter a date as dd/mm/yyyy.")
        self.fields["agency"].widget.attrs["class"] = "form-select form-select-sm"
        self.fields["kind"].widget.attrs["class"] = "form-select form-select-sm"

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        since, until = data.get("since"), data.get("until")
        if since and until and until < since:
            self.add_error("until", gettext_lazy("The end is before the start."))
        return data

    def query(self) -> dict[str, object]:
        """The valid filters as keyword arguments of queries.audit_events."""
        if not self.is_valid():
            return {}
        data = {k: v for k, v in self.cleaned_data.items() if v}
        if "agency" in data:
            data["agency_id"] = data.pop("agency").pk
        if "object_name" in data:
            data["object_text"] = data.pop("object_name")
        return data


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notify.mark_all_read(actor=request.user)
        return redirect("core:notifications")
    rows = policy.restrict_notifications(request.user, Notification.objects.all())
    rows = rows.order_by("-created_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


def notification_poll(request: HttpRequest) -> HttpResponse:
    """What the page's badge polls every 750 ms while the tab is visible: the unread count and
    the newest unread notification (one indexed query). Nothing before the second factor.
    Polling is not activity: it neither renews nor saves the session
    (`bmnn.accounts.middleware.BACKGROUND_VIEWS`), so an open page is logged out when idle."""
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)
    if not user.is_authenticated or (policy.requires_second_factor(user) and not verified()):
        # the session ended (logged out, or idle too long): the page goes to the login page
        login = reverse("accounts:login")
        return JsonResponse({"unread": 0, "latest": None, "login": login}, status=401)
    unread = policy.restrict_notifications(user, Notification.objects.filter(read_at__isnull=True))
    unread = unread.order_by("-pk")
    rows = list(unread.values("pk", "title", "url")[:1])
    latest = (
        {"id": rows[0]["pk"], "title": rows[0]["title"], "url": rows[0]["url"]} if rows else None
    )
    response = JsonResponse({"unread": unread.count() if rows else 0, "latest": latest})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_audit(request.user):
        raise PermissionDenied(_("Only supervisors and administrators may read the audit log."))
    filters = AuditFilterForm(request.GET or None)
    events = queries.audit_events(request.user, **filters.query())  # type: ignore[arg-type]
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    lines = audit_text.lines(rows, queries.actor_agencies(rows))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {"filters": filters, "page": page, "lines": lines, "query_string": query.urlencode()},
    )
