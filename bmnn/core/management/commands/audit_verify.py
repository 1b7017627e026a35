"""`bmnn audit verify`: exit 0 when the audit chain is intact, 1 naming the first broken event."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from bmnn.core.audit import verify_chain


class Command(BaseCommand):
    help = "Checks the hash chain of the audit log and names the first broken event."

    def handle(self, *args: Any, **options: Any) -> None:
        result = verify_chain()
        if result.ok:
            self.stdout.write(f"audit chain intact: {result.checked} events")
            return
        broken = result.broken
        assert broken is not None
        self.stderr.write(
            f"audit chain BROKEN at event #{broken.seq}"
            + (f" (id {broken.event_id})" if broken.event_id else "")
            + f": {broken.reason}; {result.checked} events before it are intact"
        )
        raise SystemExit(1)
