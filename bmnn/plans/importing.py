"""The import preview: a parsed plan becomes editable forms; edited forms become drafts.

The uploaded file waits in the data directory under a random name, referenced by a signed
token in the preview form; the plan itself is created only when the reviewer saves.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bmnn.plans.directory import directory_resolver
from bmnn.plans.importer import ImportFailed, ParsedPlan, parse_bytes
from bmnn.plans.importer.timing import parse_timing
from bmnn.plans.services import PartyDraft, TaskDraft

SALT = "bmnn.plans.import"
MAX_AGE = 24 * 3600

FAILURES: dict[str, Any] = {
    "empty": gettext_lazy("The file is empty."),
    "too_large": gettext_lazy("The file is too large or expands to an implausible size."),
    "unsupported": gettext_lazy("This kind of file is not supported: use DOCX, PDF or plain text."),
    "malformed": gettext_lazy("The file is damaged and cannot be read."),
    "binary": gettext_lazy("This is not a text, DOCX or PDF file."),
    "encoding": gettext_lazy("The text encoding could not be recognised: save the file as UTF-8."),
    "no_text": gettext_lazy("The PDF has no text layer (it is a scan). Use the original document."),
    "not_a_plan": gettext_lazy(
        "No numbered parts (I., 1., a)) or task table were found: is this a plan?"
    ),
}


def parse_upload(data: bytes) -> ParsedPlan:
    try:
        return parse_bytes(data, directory_resolver())
    except ImportFailed as exc:
        message = FAILURES.get(exc.code, FAILURES["malformed"])
        raise ValidationError(str(message), code=exc.code) from exc


def _pending_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def keep_pending(data: bytes, name: str) -> str:
    """Stores the uploaded bytes until the preview is saved; returns a signed token."""
    key = secrets.token_hex(16)
    (_pending_dir() / key).write_bytes(data)
    return signing.dumps({"key": key, "name": name[:255]}, salt=SALT)


def take_pending(token: str) -> tuple[str, bytes]:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature as exc:
        raise ValidationError(_("The preview has expired: upload the file again.")) from exc
    path = _pending_dir() / str(payload["key"])
    if not path.is_file() or not str(payload["key"]).isalnum():
        raise ValidationError(_("The preview has expired: upload the file again."))
    return str(payload["name"]), path.read_bytes()


def drop_pending(token: str) -> None:
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return
    if str(payload["key"]).isalnum():
        (_pending_dir() / str(payload["key"])).unlink(missing_ok=True)


def initial_forms(parsed: ParsedPlan) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    header = parsed.plan
    header_initial = {
        "number": header.number,
        "issuer_name": header.issuer,
        "place": header.place,
        "date": header.date,
        "title": header.title,
        "legal_basis": "\n".join(header.legal_basis),
        "signer": header.signer,
        "recipients": "\n".join(header.recipients),
        "purposes": header.purposes,
        "budget": header.budget,
    }
    tasks = [
        {
            "ref": task.ref,
            "section": task.section[:500],
            "content": task.content,
            "leads": "; ".join(p.name for p in task.lead),
            "coordinating": "; ".join(p.name for p in task.coordinating),
            "timing_kind": task.timing.kind,
            "timing_text": task.timing.text[:500],
            "due_date": task.timing.due,
            "period": task.timing.period,
            "expected_output": task.output[:500],
            "uncertain": ",".join(task.uncertain),
            "flags": [asdict(flag) for flag in task.flags],  # shown on the review page
        }
        for task in parsed.tasks
    ]
    return header_initial, tasks


def header_uncertain(parsed: ParsedPlan) -> set[str]:
    return set(parsed.plan.uncertain)


def _parties(words: str) -> list[PartyDraft]:
    if not words.strip():
        return []
    return [
        PartyDraft(p.words if not p.resolved else p.name, p.agency_id, p.group_code)
        for p in directory_resolver().resolve(words)
    ]


def draft_from_form(data: dict[str, Any]) -> TaskDraft:
    """A task as the reviewer left it; names are resolved again against the directory."""
    due: date | None = data.get("due_date")
    kind = data["timing_kind"]
    if due is None and kind in {"date", "month", "quarter", "year"} and data.get("timing_text"):
        parsed = parse_timing(data["timing_text"])
        due = parsed.due if parsed.kind == kind else None
    return TaskDraft(
        ref=data["ref"],
        content=data["content"],
        section=data.get("section", ""),
        leads=_parties(data.get("leads", "")),
        coordinating=_parties(data.get("coordinating", "")),
        timing_kind=kind,
        timing_text=data.get("timing_text", ""),
        due_date=due,
        period=data.get("period", ""),
        expected_output=data.get("expected_output", ""),
        uncertain=[u for u in (data.get("uncertain") or "").split(",") if u],
    )
