"""The daily protection-period run: declassify what has expired and warn before it does.

Items whose period ends within 90, 30 or 7 days are notified to the agency's head and
security officers once per window (the keys make reruns harmless); items past their end are
declassified automatically (L18 Art. 22.2.a, 22.3). One function behind the scheduled task
and `bmnn registry expiry` (STYLE.md §17).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.notify import notify
from bmnn.org.queries import people_by_agency
from bmnn.registry.models import ItemStatus, Origin, SecretItem
from bmnn.registry.services import declassify_expired

WINDOWS = (90, 30, 7)


def run_expiry(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    declassified = declassify_expired(today)
    due = list(
        SecretItem.objects.filter(
            status=ItemStatus.CLASSIFIED,
            origin=Origin.CREATED,
            protected_until__gte=today,
            protected_until__lte=today + timedelta(days=max(WINDOWS)),
        ).only("id", "agency_id", "number", "protected_until")
    )
    people = people_by_agency({i.agency_id for i in due})
    warned = 0
    for item in due:
        assert item.protected_until is not None  # nosec B101 # narrows the type; the query selects items with a date
        left = (item.protected_until - today).days
        window = min(w for w in WINDOWS if left <= w)
        title = _("Protection of %(number)s ends on %(end)s (%(days)s days): extend or let it lapse") % {
            "number": item.number, "end": item.protected_until.strftime("%d/%m/%Y"), "days": left,
        }  # fmt: skip
        warned += bool(notify(people[item.agency_id], title=title,
                              url=reverse("registry:item", args=[item.pk]),
                              key=f"expiry:{item.pk}:{item.protected_until.isoformat()}:{window}"))  # fmt: skip
    return {"declassified": declassified, "warned": warned}
