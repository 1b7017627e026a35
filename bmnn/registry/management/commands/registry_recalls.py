"""`bmnn registry recalls [--date YYYY-MM-DD]`: tell both sides of every overdue recall return."""

from __future__ import annotations

from datetime import date as Date

from bmnn.registry.management.dated import DatedCommand
from bmnn.registry.services.recall import recall_alerts


class Command(DatedCommand):
    help = "Notifies the sender and the holder of every recalled document not returned by its date."

    def run_for(self, today: Date | None) -> str:
        return f"told: {recall_alerts(today)}"
