"""The rules of the directory of agencies and people, as plain functions. No Django imports."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date


def dated_in_future(decided_on: date, today: date) -> bool:
    """Whether a decision (a clearance granted to a person) is dated after the day it is
    recorded: a decision is recorded once it has been made, so such a date is refused. Today
    itself is allowed. (No article: a record of a decision cannot precede it.)"""
    return decided_on > today


def belongs_to(agency_id: int, member_of: Collection[int]) -> bool:
    """Whether a person named on a record of an agency — the custodian of a device or of a
    storage medium in its inventory — is one of its people: `member_of` are the agencies the
    person has an active membership of. The agency answers for what it holds, through its own
    people. (No article names the custodian: the inventory is the agency's own record.)"""
    return agency_id in member_of
