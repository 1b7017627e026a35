"""In-app notifications, and e-mail on the LAN when an address and a mail server are set.

Notifications are rows written inside the calling service's transaction; e-mail goes out only
after that transaction commits (STYLE.md §13). A notification's key makes repeats harmless: the
same reminder for the same person is stored once however often the daily job runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from bmnn.core import audit
from bmnn.core.models import Notification
from bmnn.core.services import service

log = logging.getLogger(__name__)


def notify(recipients: Iterable[Any], *, title: str, url: str, key: str) -> int:
    """Stores one notification per recipient not yet told under `key`; returns how many."""
    people = {person.pk: person for person in recipients if person is not None}
    if not people:
        return 0
    already = set(
        Notification.objects.filter(recipient_id__in=people, key=key).values_list(
            "recipient_id", flat=True
        )
    )
    new = [
        Notification(recipient_id=pk, title=title[:255], url=url, key=key)
        for pk in people
        if pk not in already
    ]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    addresses = [people[n.recipient_id].email for n in new if people[n.recipient_id].email]
    if addresses and getattr(settings, "BMNN_SEND_EMAIL", False):
        transaction.on_commit(lambda: _mail(title, url, addresses))
    return len(new)


def _mail(title: str, url: str, addresses: list[str]) -> None:
    link = f"{settings.BMNN_BASE_URL}{url}" if url.startswith("/") else url
    body = f"{title}\n\n{link}\n"
    try:
        send_mail(f"[BMNN] {title}", body, None, addresses, fail_silently=False)
    except OSError:  # the LAN mail server is down: the in-app notification still stands
        log.warning("could not e-mail %d recipients about %r", len(addresses), title)


@service
def mark_all_read(*, actor: Any) -> int:
    """Marks the actor's unread notifications as read; returns how many."""
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if count:
        audit.record(actor=actor, action="notifications.read", changes={"count": count})
    return count
