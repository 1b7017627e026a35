"""The check that nothing of a register leaves an agency node, applied by the test suite to
every node bundle any test makes (the root conftest wraps `bundles.write` with it): the
sections are those an agency sends, the attachments are task evidence, and no string in any
section is a secret item's number or summary held in the database at that moment. What may
travel is `bmnn.sync.rules`; this module applies it to a bundle's files."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from bmnn.sync import rules


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield str(key)
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _register_texts() -> tuple[set[str], list[str]]:
    """Numbers and summaries of the secret items in the database (empty when the test has no
    database access)."""
    try:
        from bmnn.registry.models import SecretItem

        rows = list(SecretItem.objects.values_list("number", "summary"))
    except RuntimeError:  # a test without database access made the bundle
        return set(), []
    numbers = {number for number, _summary in rows if number}
    return numbers, [summary for _number, summary in rows if summary]


def problems(files: Mapping[str, bytes]) -> list[str]:
    """What is wrong with a node bundle's files (empty when it may leave an agency node)."""
    from bmnn.sync.sections import sections_for

    envelope = json.loads(files["envelope.json"])
    if envelope.get("from_role") != "agency":
        return []
    allowed = {section.name for section in sections_for("agency", "province")}
    found = []
    register: tuple[set[str], list[str]] | None = None  # read once, when a section needs it
    for name, data in files.items():
        if name.startswith("attachments/") and not rules.attachment_may_leave_agency(
            name.removeprefix("attachments/")
        ):
            found.append(f"{name}: only task evidence may be attached")
        if not name.startswith("sections/"):
            continue
        section = name.removeprefix("sections/").removesuffix(".json")
        if section not in allowed:
            found.append(f"{name}: an agency node does not send {section}")
            continue
        register = register or _register_texts()
        numbers, summaries = register
        for text in _strings(json.loads(data)):
            if rules.register_line_in(text, numbers, summaries):
                found.append(f"{name}: carries a register line ({text[:40]!r})")
    return found
