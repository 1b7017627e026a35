"""Compiles the gettext catalogues without GNU msgfmt, and checks they are up to date.

`python -m bmnn.core.messages compile` writes every django.mo from its django.po (run by
`./dev messages` after `makemessages`); `check` exits 1 naming any catalogue whose .mo lags.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogues() -> list[Path]:
    return sorted(LOCALE_DIR.glob("*/LC_MESSAGES/django.po"))


def compiled_bytes(po_path: Path) -> bytes:
    import polib

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "django.mo"
        polib.pofile(str(po_path)).save_as_mofile(str(target))
        return target.read_bytes()


def stale() -> list[Path]:
    return [
        po
        for po in catalogues()
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").read_bytes() != compiled_bytes(po)
    ]


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "compile":
        for po in catalogues():
            po.with_suffix(".mo").write_bytes(compiled_bytes(po))
            print(f"compiled {po.relative_to(LOCALE_DIR)}")
        return 0
    lagging = stale()
    for po in lagging:
        print(f"stale catalogue: {po} (run ./dev messages)", file=sys.stderr)
    return 1 if lagging else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
