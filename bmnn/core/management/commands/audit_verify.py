"""`bmnn audit verify [--checkpoints DIR]`: exit 0 when the audit chain is intact, 1 naming
the first broken event and every checkpoint the database no longer matches."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bmnn.core import audit_checkpoints, bundles
from bmnn.core.audit import VerifyResult, verify_chain


class Command(BaseCommand):
    help = (
        "Checks the hash chain of the audit log and names the first broken event; with "
        "--checkpoints, also checks it against every signed checkpoint found there, which shows "
        "a chain rewritten or cut short even when its hashes were recomputed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--checkpoints",
            metavar="DIR",
            help="directory holding checkpoint files (*.jsonl, searched recursively), e.g. "
            "BMNN_DATA_DIR/audit-checkpoints or an unpacked report bundle",
        )
        parser.add_argument(
            "--public-key",
            action="append",
            default=[],
            metavar="BASE64",
            help="an Ed25519 public key that signed checkpoints (repeatable); this installation's "
            "own key, from BMNN_SIGNING_KEY_FILE, is always trusted when it is set",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["checkpoints"]:
            self._report_chain(verify_chain())
            return
        where = Path(options["checkpoints"])
        if not where.is_dir():
            raise CommandError(f"{where} is not a directory")
        public_keys = self._public_keys(options["public_key"])
        checkpoints = audit_checkpoints.read(where)
        if not checkpoints:
            raise CommandError(f"no checkpoint found in {where}")
        result, findings = audit_checkpoints.verify_against(checkpoints, public_keys)
        for finding in findings:
            self.stderr.write(f"checkpoint {finding.source}: {finding.message}")
        chain_ok = self._report_chain(result, exit_on_break=False)
        if findings or not chain_ok:
            self.stderr.write(
                f"audit chain NOT CONFIRMED by {len(checkpoints)} checkpoints: "
                f"{len(findings)} problem(s)"
            )
            raise SystemExit(1)
        self.stdout.write(f"all {len(checkpoints)} checkpoints match the chain")

    def _public_keys(self, given: list[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        for text in given:
            try:
                raw = bundles.parse_public_key(text)
            except bundles.BundleError as exc:
                raise CommandError(f"--public-key: {exc}") from exc
            found[bundles.key_id(raw)] = raw
        try:
            own = audit_checkpoints.own_public_key()
            found[bundles.key_id(own)] = own
        except ImproperlyConfigured:
            if not found:
                raise CommandError(
                    "no key to check the checkpoints with: set BMNN_SIGNING_KEY_FILE or give "
                    "--public-key"
                ) from None
        return found

    def _report_chain(self, result: VerifyResult, exit_on_break: bool = True) -> bool:
        if result.ok:
            self.stdout.write(f"audit chain intact: {result.checked} events")
            return True
        broken = result.broken
        assert broken is not None  # nosec B101 # narrows the type; a failed check names its broken event
        self.stderr.write(
            f"audit chain BROKEN at event #{broken.seq}"
            + (f" (id {broken.event_id})" if broken.event_id else "")
            + f": {broken.reason}; {result.checked} events before it are intact"
        )
        if exit_on_break:
            raise SystemExit(1)
        return False
