"""What every page's frame needs: the main menu (bmnn.web.menu) and the unread count."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from bmnn.core import policy
from bmnn.core.models import Notification
from bmnn.web.menu import main_menu


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav": [], "province_name": settings.BMNN_PROVINCE_NAME}
    if policy.requires_second_factor(user) and not user.is_verified():
        # nothing of the application shows before the second factor
        return {"nav": [], "province_name": settings.BMNN_PROVINCE_NAME, "unverified": True}
    mine = policy.restrict_notifications(user, Notification.objects.filter(read_at__isnull=True))
    return {
        "nav": main_menu(user, request.path),
        "province_name": settings.BMNN_PROVINCE_NAME,
        "unread_notifications": mine.count(),
    }
