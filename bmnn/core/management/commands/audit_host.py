"""`bmnn audit-host [--root PATH] [--out FILE]`: the host-audit agent, shipped inside the
package (bmnn/devices/agent/bmnn_audit.py) so that a wheel install has it.

`bmnn audit-host --save-agent FILE` writes the agent out alone, to be carried on a USB stick to
a machine without BMNN (it needs only Python 3.8+).
"""

from __future__ import annotations

import runpy
import shutil
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError


def agent_path() -> Path:
    return Path(str(resources.files("bmnn.devices") / "agent" / "bmnn_audit.py"))


class Command(BaseCommand):
    help = "Audits this machine (or a mounted disk with --root) for traces of networks and USB storage."
    requires_system_checks: list[str] = []

    def run_from_argv(self, argv: list[str]) -> None:
        agent = agent_path()
        if not agent.is_file():
            raise CommandError(f"the agent is not at {agent}")
        args = argv[2:]
        if args[:1] == ["--save-agent"]:
            if len(args) != 2:
                raise CommandError("usage: bmnn audit-host --save-agent FILE")
            shutil.copyfile(agent, args[1])
            self.stdout.write(args[1])
            return
        sys.exit(runpy.run_path(str(agent))["main"](args))

    def handle(self, *args: Any, **options: Any) -> None:  # pragma: no cover (run_from_argv exits)
        raise CommandError("run it as `bmnn audit-host`")
