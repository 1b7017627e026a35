"""The audit log page (supervisors and administrators)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.core import notify, policy, queries
from bmnn.core.models import Notification


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=gettext_lazy("Action"), required=False)
    actor_name = forms.CharField(label=gettext_lazy("User"), required=False)
    object_type = forms.CharField(label=gettext_lazy("Object type"), required=False)
    since = forms.DateField(label=gettext_lazy("From"), required=False)
    until = forms.DateField(label=gettext_lazy("To"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control form-control-sm"
            if isinstance(field, forms.DateField):
                field.widget.attrs["placeholder"] = "dd/mm/yyyy"


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        notify.mark_all_read(actor=request.user)
        return redirect("core:notifications")
    rows = Notification.objects.filter(recipient=request.user.pk).order_by("-created_at", "-pk")
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "core/notifications.html", {"page": page})


def notification_poll(request: HttpRequest) -> HttpResponse:
    """What the page's badge polls every 750 ms while the tab is visible: the unread count and
    the newest unread notification (one indexed query). Nothing before the second factor."""
    user = request.user
    verified = getattr(user, "is_verified", lambda: False)
    if not user.is_authenticated or (policy.requires_second_factor(user) and not verified()):
        return JsonResponse({"unread": 0, "latest": None}, status=401)
    unread = Notification.objects.filter(recipient=user.pk, read_at__isnull=True).order_by("-pk")
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
    data = filters.cleaned_data if filters.is_valid() else {}
    events = queries.audit_events(request.user, **{k: v for k, v in data.items() if v})
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit_list.html",
        {"filters": filters, "page": page, "query_string": query.urlencode()},
    )
