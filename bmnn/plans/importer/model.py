"""What the plan importer produces: plain data, no Django, ready for JSON or a preview form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass
class Party:
    """An agency or group named in a plan, resolved against the directory when possible."""

    words: str  # the plan's own words
    name: str  # the directory's name when resolved, else the plan's words
    agency_id: int | None = None
    group_code: str | None = None

    @property
    def resolved(self) -> bool:
        return self.agency_id is not None or self.group_code is not None


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
                }
                for task in self.tasks
            ],
        }
