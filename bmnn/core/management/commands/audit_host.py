"""`bmnn audit-host [--root PATH] [--out FILE]`: the host-audit agent (agent/bmnn_audit.py)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

AGENT = Path(__file__).resolve().parents[4] / "agent" / "bmnn_audit.py"


class Command(BaseCommand):
    help = "Audits this machine (or a mounted disk with --root) for traces of networks and USB storage."
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        if not AGENT.is_file():
            raise CommandError(f"the agent is not at {AGENT}")
        agent = runpy.run_path(str(AGENT))
        sys.exit(agent["main"](argv[2:]))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover (run_from_argv exits)
        raise CommandError("run it as `bmnn audit-host`")
