"""What a finding of the leak scanner leads to, as plain functions. No Django imports.

Posting a state secret on a web portal, the internet or a social network is prohibited (L18
Art. 5.9 [V]; SOURCES.md K16): a document a public portal serves that the engine
(`bmnn.scanner.engine`) reads as marked secret is a finding, which a province supervisor
closes — as taken down, or as not a leak, with the reason — or turns into an incident report of
the agency that published it (a leak is reported at once, LAW.md "Reporting").
"""

from __future__ import annotations

from bmnn.core.levels import LEVELS

OPEN, DISMISSED, REMOVED = "open", "dismissed", "removed"
DECISIONS = (OPEN, DISMISSED, REMOVED)


def needs_reason(status: str) -> bool:
    """Whether closing a finding as `status` needs a written reason: a finding dismissed as not
    a leak says why (the document was marked, so the record must show why it is not one); a
    take-down or a reopening needs none."""
    return status == DISMISSED


def incident_level(level: str | None) -> str:
    """The level an incident opened from a finding records: the finding's, when it is one of the
    three levels (L18 Art. 8 [V]); none when the marking was read without a level."""
    return level if level in LEVELS else ""
