"""`bmnn registry expiry [--date YYYY-MM-DD]`: declassify expired items, warn of coming ends."""

from __future__ import annotations

from datetime import date as Date

from bmnn.registry.expiry import run_expiry
from bmnn.registry.management.dated import DatedCommand


class Command(DatedCommand):
    help = (
        "Declassifies items whose protection ended and notifies those ending within 90/30/7 days."
    )

    def run_for(self, today: Date | None) -> str:
        counts = run_expiry(today)
        return f"declassified: {counts['declassified']}, warned: {counts['warned']}"
