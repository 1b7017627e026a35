"""What may travel between BMNN nodes, as plain functions. No Django imports.

A province node and agency nodes exchange signed bundles on removable media. The register of
secret items stays on the agency's own computer, which is never networked (ND26 Art. 4.7 [V];
TT24 Art. 3.3 [V]; SOURCES.md C7): no line of it may travel in a bundle.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

PROVINCE, AGENCY = "province", "agency"
# A summary shorter than this is too common a phrase to betray a register line by itself.
MIN_SUMMARY_LENGTH = 12


def may_exchange(own_role: str, peer_role: str) -> bool:
    """A node trusts, and exchanges bundles with, only a node of the other kind: the province
    node with agency nodes, an agency node with its province node (no article: the province
    gathers and the agencies report, TT104 Art. 17)."""
    return {own_role, peer_role} == {PROVINCE, AGENCY}


def may_close_incident(sender_role: str) -> bool:
    """On an agency node, an incident it reported is closed only by a step the province node
    signed: the provincial police receive the report and follow the incident up (ND26 Art.
    8.1.b [V]), and on the province's own pages only its supervisor closes one (the rule of
    `policy.can_close_incident`). A step from any other sender does not close it."""
    return sender_role == PROVINCE


def attachment_may_leave_agency(name: str) -> bool:
    """Of the files attached to an agency node's bundle, only the evidence of a task done
    (`evidence-<id>`) may leave: nothing of the register travels (ND26 Art. 4.7 [V])."""
    return name.startswith("evidence-")


def register_line_in(text: str, numbers: Collection[str], summaries: Iterable[str]) -> bool:
    """Whether a string a bundle carries is a secret item's number or holds one of the items'
    summaries (those of at least `MIN_SUMMARY_LENGTH` characters): a register line, which never
    leaves the agency (ND26 Art. 4.7 [V])."""
    return text in numbers or any(
        summary in text for summary in summaries if len(summary) >= MIN_SUMMARY_LENGTH
    )
