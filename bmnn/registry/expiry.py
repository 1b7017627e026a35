"""The daily protection-period run: declassify what has expired and warn before it does.

Items whose period ends within 90, 30 or 7 days are notified to the agency's head and
security officers once per window (the keys make reruns harmless); items past their end are
declassified automatically (L18 Art. 22.2.a, 22.3). One function behind the scheduled task
and `bmnn registry expiry` (STYLE.md §17).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.notify import notify
from bmnn.org.models import Person, Role
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
    people: dict[int, list[Person]] = defaultdict(list)
    rows = Person.objects.filter(
        memberships__agency_id__in={i.agency_id for i in due},
        memberships__role__in=[Role.HEAD, Role.SECURITY_OFFICER],
        memberships__is_active=True,
        is_active=True,
    ).values_list("memberships__agency_id", "pk", "email")
    for agency_id, pk, email in rows:
        people[agency_id].append(Person(pk=pk, email=email))
    warned = 0
    for item in due:
        assert item.protected_until is not None
        left = (item.protected_until - today).days
        window = min(w for w in WINDOWS if left <= w)
        title = _("Protection of %(number)s ends on %(end)s (%(days)s days): extend or let it lapse") % {
            "number": item.number, "end": item.protected_until.strftime("%d/%m/%Y"), "days": left,
        }  # fmt: skip
        warned += bool(notify(people[item.agency_id], title=title,
                              url=reverse("registry:item", args=[item.pk]),
                              key=f"expiry:{item.pk}:{item.protected_until.isoformat()}:{window}"))  # fmt: skip
    return {"declassified": declassified, "warned": warned}
