"""Navigation by role: each entry appears only for actors the policy lets through."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bmnn.core import policy
from bmnn.core.models import Notification


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "province_name": settings.BMNN_PROVINCE_NAME}
    if policy.requires_second_factor(user) and not user.is_verified():
        # nothing of the application shows before the second factor
        return {"nav": [], "province_name": settings.BMNN_PROVINCE_NAME, "unverified": True}
    entries = [
        (_("Dashboard"), reverse("web:dashboard"), True),
        (_("Plans"), reverse("plans:plan_list"), True),
        (_("My agency's tasks"), reverse("plans:my_tasks"), not policy.is_province_wide(user)),
        (_("Province at a glance"), reverse("plans:matrix"), policy.can_manage_plans(user)),
        (_("Secret registers"), reverse("registry:item_list"), settings.BMNN_HOLDS_SECRETS),
        # those who do not follow the portals' findings go straight to the document check
        (
            _("Leak scanner"),
            reverse("scanner:overview" if policy.can_view_findings(user) else "scanner:check"),
            True,
        ),
        (_("Inspections"), reverse("inspections:list"), True),
        (_("Devices"), reverse("devices:list"), True),
        (_("Reports"), reverse("reports:periods"), True),
        (_("Incidents"), reverse("reports:incidents"), True),
        (_("Legal library"), reverse("inspections:library"), True),
        (_("Agencies"), reverse("org:agency_list"), True),
        (_("People"), reverse("org:person_list"), True),
        (_("Agency groups"), reverse("org:group_list"), True),
        (_("Audit log"), reverse("core:audit_list"), policy.can_view_audit(user)),
        (
            _("Bundles between nodes"),
            reverse("sync:overview"),
            policy.can_carry_bundles(user) or policy.can_manage_peers(user),
        ),
        (_("API"), reverse("api:docs"), True),
    ]
    if settings.BMNN_PROFILE == "scanner":
        entries = [(_("Leak scanner"), reverse("scanner:overview"), True),
                   (_("Check a document"), reverse("scanner:check"), True)]  # fmt: skip
    current = request.path
    matching = [
        url
        for _label, url, allowed in entries
        if allowed and (current == url or (url != "/" and current.startswith(url)))
    ]
    best = max(matching, key=len, default=None)  # /reports/incidents/ is Incidents, not Reports
    nav = [
        {"label": label, "url": url, "active": url == best}
        for label, url, allowed in entries
        if allowed
    ]
    mine = policy.restrict_notifications(user, Notification.objects.filter(read_at__isnull=True))
    unread = mine.count()
    return {
        "nav": nav,
        "province_name": settings.BMNN_PROVINCE_NAME,
        "unread_notifications": unread,
    }
