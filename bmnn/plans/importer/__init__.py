"""Plan-document import: extract → rebuild the outline → read tasks → resolve agencies.

Framework-free: the Django side builds a `Resolver` from the directory and saves nothing until
a person has reviewed the result.
"""

from __future__ import annotations

from bmnn.plans.importer.agencies import AgencyEntry, GroupEntry, Resolver
from bmnn.plans.importer.extract import ImportFailed, extract
from bmnn.plans.importer.model import ParsedPlan
from bmnn.plans.importer.parser import PlanParser, PlanSyntaxError

__all__ = ["AgencyEntry", "GroupEntry", "ImportFailed", "ParsedPlan", "Resolver", "parse_bytes"]


def parse_bytes(data: bytes, resolver: Resolver) -> ParsedPlan:
    extracted = extract(data)
    try:
        return PlanParser(resolver).parse(extracted.blocks, wrapped=extracted.wrapped)
    except PlanSyntaxError as exc:
        raise ImportFailed("not_a_plan", str(exc)) from exc
    except RecursionError as exc:
        raise ImportFailed("malformed", "the document nests too deeply") from exc
