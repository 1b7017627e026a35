"""The daily protection-period run: declassify what has expired and warn before it does.

The classifying agency's head and security officers are warned while an extension is still
possible — 30 and 7 days before the extension deadline and on the deadline itself (60 days
before the end, L18 Art. 20.1) — and, once the deadline has passed, told what will happen at
the end: automatic declassification on the day after it (L18 Art. 22.2.a, 22.3), on the first
day after the deadline and 30 and 7 days before the end (`rules.period_alert`). Each alert goes
once (the keys make reruns harmless). Items past their end, received copies included, are
declassified; holders who have not re-marked their copies after a notice are reminded. One
function behind the scheduled task and `bmnn registry expiry` (STYLE.md §17).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.notify import notify
from bmnn.org.queries import people_by_agency
from bmnn.registry import rules
from bmnn.registry.models import ItemStatus, Origin, SecretItem
from bmnn.registry.services import apply_catalogue_changes, declassify_expired
from bmnn.registry.services.notices import remarking_reminders

# The earliest alert: the first extension alert before the deadline, counted from the end.
HORIZON_DAYS = rules.EXTENSION_NOTICE_DAYS + max(rules.EXTENSION_ALERTS_BEFORE_DEADLINE)


def _title(item: SecretItem, kind: str, today: date) -> str:
    assert item.protected_until is not None  # nosec B101 # narrows the type; the query selects items with a date
    end = item.protected_until
    if kind == "extend":
        deadline = rules.extension_deadline(end)
        return _(
            "Protection of %(number)s ends on %(end)s: an extension must be decided by %(deadline)s (%(days)s days left)"
        ) % {
            "number": item.number,
            "end": end.strftime("%d/%m/%Y"),
            "deadline": deadline.strftime("%d/%m/%Y"),
            "days": (deadline - today).days,
        }
    lapse = rules.declassified_on(end)
    assert lapse is not None  # nosec B101 # narrows the type; end is a date
    return _(
        "%(number)s will be declassified automatically on %(day)s: the extension deadline has passed"
    ) % {
        "number": item.number,
        "day": lapse.strftime("%d/%m/%Y"),
    }


def run_expiry(today: date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    # Catalogue changes whose day has come first: an entry that left its catalogue declassifies
    # what was classified under it that day (L18 Art. 22.2.c), counted with the expired items.
    catalogue = apply_catalogue_changes(today)
    declassified = declassify_expired(today) + catalogue["catalogue_declassified"]
    due = list(
        SecretItem.objects.filter(
            status=ItemStatus.CLASSIFIED,
            origin=Origin.CREATED,
            protected_until__gte=today,
            protected_until__lte=today + timedelta(days=HORIZON_DAYS),
        ).only("id", "agency_id", "number", "protected_until")
    )
    people = people_by_agency({i.agency_id for i in due})
    warned = 0
    for item in due:
        assert item.protected_until is not None  # nosec B101 # narrows the type; the query selects items with a date
        alert = rules.period_alert(item.protected_until, today)
        if alert is None:
            continue
        kind, window = alert
        warned += bool(
            notify(
                people[item.agency_id],
                title=_title(item, kind, today),
                url=reverse("registry:item", args=[item.pk]),
                key=f"expiry:{item.pk}:{item.protected_until.isoformat()}:{kind}:{window}",
            )
        )
    reminded = remarking_reminders(today)
    return {"declassified": declassified, "warned": warned, "remarking_reminded": reminded}
