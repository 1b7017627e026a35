"""How many pre-publication checks one person runs at once.

A scan holds a numbered slot (a `ScanLease` row) for its duration. Taking a slot is an insert
that the unique (person, slot) constraint lets only one writer win, so the count holds across
web threads, processes and machines sharing the database, which a counter in memory would not.
The slot is given back however the scan ends; a process killed mid-scan leaves a row that
expires after the scan's own time budget plus a margin, and the next taker replaces it.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.scanner.models import ScanLease


class TooManyScans(Exception):
    """The person already runs as many checks as allowed; the message says what to do."""

    code = "too_many_scans"

    def __init__(self, limit: int) -> None:
        super().__init__(
            _(
                "You already have %(count)s checks running. Wait for one to finish, then send "
                "the file again."
            )
            % {"count": limit}
        )
        self.limit = limit


def lease_seconds() -> int:
    """A scan stops itself at BMNN_SCAN_SECONDS, but one OCR call may run past it: twice the
    budget and a minute more before another scan may take the slot."""
    return 2 * int(settings.BMNN_SCAN_SECONDS) + 60


def _take(person_id: int, limit: int) -> ScanLease | None:
    now = timezone.now()
    for slot in range(limit):
        try:
            with transaction.atomic():
                ScanLease.objects.filter(
                    person_id=person_id, slot=slot, expires_at__lt=now
                ).delete()
                return ScanLease.objects.create(
                    person_id=person_id,
                    slot=slot,
                    token=secrets.token_hex(16),
                    expires_at=now + timedelta(seconds=lease_seconds()),
                )
        except IntegrityError:
            continue
    return None


@contextmanager
def scan_slot(person: object) -> Iterator[ScanLease]:
    """Holds one of the person's slots for the body of the `with`; raises TooManyScans when
    all are taken. Must run outside a transaction, so that other processes see the slot."""
    limit = max(1, int(settings.BMNN_SCAN_CONCURRENT_PER_USER))
    lease = _take(person.pk, limit)  # type: ignore[attr-defined]
    if lease is None:
        raise TooManyScans(limit)
    try:
        yield lease
    finally:
        ScanLease.objects.filter(pk=lease.pk, token=lease.token).delete()
