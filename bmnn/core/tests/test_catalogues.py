"""The Vietnamese interface is complete and its compiled catalogue matches the source."""

from __future__ import annotations

import polib

from bmnn.core import messages


def test_compiled_catalogues_match_their_sources() -> None:
    assert messages.catalogues(), "no catalogue found"
    assert messages.stale() == []


def test_every_interface_string_has_a_vietnamese_translation() -> None:
    po = polib.pofile(str(messages.LOCALE_DIR / "vi/LC_MESSAGES/django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == [] and fuzzy == []
