"""What the plan importer produces: plain data, no Django, ready for JSON or a preview form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# What a party's words were recognised as: a directory agency, a directory group, the shape of
# an agency's name ("Sở …", "Cục …"), a plural of bodies ("các cơ quan, đơn vị liên quan"), or
# nothing known (kept in the plan's words, and flagged for the reviewer).
RECOGNISED = ("agency", "group", "pattern", "plural")


@dataclass
class Party:
    """An agency or group named in a plan, resolved against the directory when possible."""

    words: str  # the plan's own words
    name: str  # the directory's name when resolved, else the plan's words
    agency_id: int | None = None
    group_code: str | None = None
    kind: str = ""  # one of RECOGNISED, or "" when the words are no known kind of agency

    @property
    def resolved(self) -> bool:
        return self.agency_id is not None or self.group_code is not None

    @property
    def recognised(self) -> bool:
        return self.resolved or self.kind in RECOGNISED


@dataclass
class Flag:
    """Something the reviewer must look at, with the words it is about.

    code: not_an_agency (a lead or coordinator that is no known kind of agency), no_lead (a
    table row whose lead cell is empty: nothing is inherited from the row above)."""

    code: str
    field: str = ""
    words: str = ""


@dataclass
class Timing:
    kind: str  # date | quarter | month | year | continuous | on_request | unspecified
    text: str
    due: date | None = None
    period: str = ""  # for continuous work: quarter (default), month or year


@dataclass
class ParsedTask:
    ref: str
    content: str
    section: str = ""
    lead: list[Party] = field(default_factory=list)
    coordinating: list[Party] = field(default_factory=list)
    timing: Timing = field(default_factory=lambda: Timing("unspecified", ""))
    output: str = ""
    source: str = "labelled"  # labelled | inline | duty_section | table
    uncertain: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


@dataclass
class ParsedHeader:
    number: str = ""
    issuer: str = ""
    place: str = ""
    date: date | None = None
    date_text: str = ""
    title: str = ""
    legal_basis: list[str] = field(default_factory=list)
    purposes: str = ""
    budget: str = ""
    recipients: list[str] = field(default_factory=list)
    signer: str = ""
    uncertain: list[str] = field(default_factory=list)


@dataclass
class ParsedPlan:
    plan: ParsedHeader
    tasks: list[ParsedTask]

    def as_json(self) -> dict[str, Any]:
        """The shape `bmnn plan import --format json` prints (issue 3)."""

        def party_names(parties: list[Party]) -> list[str]:
            return [party.name for party in parties]

        header = asdict(self.plan)
        header["date"] = self.plan.date.isoformat() if self.plan.date else None
        # a number left blank in a draft ("Số:    /KH-UBND") is missing, not "/KH-UBND"
        header["number"] = self.plan.number if number_given(self.plan.number) else None
        return {
            "plan": header,
            "tasks": [
                {
                    "ref": task.ref,
                    "section": task.section,
                    "content": task.content,
                    "lead": party_names(task.lead),
                    "coordinating": party_names(task.coordinating),
                    "timing": {
                        "kind": task.timing.kind,
                        "text": task.timing.text,
                        "due": task.timing.due.isoformat() if task.timing.due else None,
                        "period": task.timing.period or None,
                    },
                    "output": task.output,
                    "source": task.source,
                    "uncertain": task.uncertain,
                    "unresolved": [
                        p.words for p in task.lead + task.coordinating if not p.resolved
                    ],
                    "flags": [asdict(flag) for flag in task.flags],
                }
                for task in self.tasks
            ],
        }


def number_given(number: str) -> bool:
    """A document number has its serial digits before the first slash ("12/KH-UBND")."""
    serial = number.split("/", 1)[0]
    return any(ch.isdigit() for ch in serial)
