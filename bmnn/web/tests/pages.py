"""Reading what a page shows, for the tests of every app."""

from __future__ import annotations

import re


def error_after(page: str, field_id: str) -> str:
    """The first message shown after the field with this id (the message next to it)."""
    found = re.search(
        rf'id="{re.escape(field_id)}".*?<div class="invalid-feedback d-block"[^>]*>([^<]*)</div>',
        page,
        re.S,
    )
    assert found, f"no message after {field_id}"
    return found[1]
