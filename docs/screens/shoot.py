"""Screenshots of each demo role's home at 1,366 px and 390 px, written beside this file.

Regenerate with one command from the repository's root:

    .venv/bin/python -m pytest docs/screens/shoot.py -q -p no:cacheprovider

(`./dev screens`). It starts a test server on an empty database, loads the demo province, logs
in as each demo login (password and TOTP code, as a person would) and saves
`<login>-1366.png` and `<login>-390.png` (the whole page). Debian's chromium draws them; nothing
is fetched from outside.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.e2e.helpers import log_in, log_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HERE = Path(__file__).resolve().parent
LOGINS = ["thutruong", "baomat", "canbo", "giamsat", "thanhtra", "chutich", "quantri"]
SIZES = {"1366": {"width": 1366, "height": 900}, "390": {"width": 390, "height": 844}}


def test_screens(page, live_server) -> None:
    call_command("demo", verbosity=0)
    written = []
    for username in LOGINS:
        page.set_viewport_size(SIZES["1366"])
        log_in(page, live_server.url, username)
        for name, size in SIZES.items():
            page.set_viewport_size(size)
            page.goto(f"{live_server.url}/")
            page.wait_for_load_state("load")
            if page.locator("canvas[data-chart]").count():
                page.locator("canvas[data-chart][data-drawn='1']").wait_for()
            target = HERE / f"{username}-{name}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
        page.set_viewport_size(SIZES["1366"])
        log_out(page)
    assert all(path.stat().st_size > 10_000 for path in written)
