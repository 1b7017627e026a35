"""Appending to and verifying the audit chain (DESIGN.md, security model).

`record` must be called inside the service's transaction, after its writes, so that the event
and the change it describes commit together or not at all.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils import timezone

from bmnn.core.models import AuditChainHead, AuditEvent
from bmnn.core.services import locked

GENESIS = "0" * 64
client_address: contextvars.ContextVar[str] = contextvars.ContextVar("client_address", default="")


class AuditError(RuntimeError):
    pass


def _plain(value: Any) -> Any:
    """Turns dates, decimals and the like into JSON-native values, so what is hashed is stored."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def event_digest(
    *,
    seq: int,
    prev_hash: str,
    at: datetime,
    actor_id: int | None,
    actor_name: str,
    agency_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    object_repr: str,
    changes: Any,
    client_address: str,
) -> str:
    payload = {
        "seq": seq,
        "prev": prev_hash,
        "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "actor_id": actor_id,
        "actor": actor_name,
        "agency_id": agency_id,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "object": object_repr,
        "changes": changes,
        "ip": client_address,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _digest_of(event: AuditEvent) -> str:
    return event_digest(
        seq=event.seq,
        prev_hash=event.prev_hash,
        at=event.at,
        actor_id=event.actor_id,
        actor_name=event.actor_name,
        agency_id=event.agency_id,
        action=event.action,
        object_type=event.object_type,
        object_id=event.object_id,
        object_repr=event.object_repr,
        changes=event.changes,
        client_address=event.client_address,
    )


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    agency: Any = None,
    changes: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Appends one event. `actor` is a Person or None (system); `agency` the agency acted for."""
    if not connection.in_atomic_block:
        raise AuditError("audit.record must run inside the service's transaction")
    AuditChainHead.objects.get_or_create(pk=1)
    head = locked(AuditChainHead.objects).get(pk=1)
    at = timezone.now().astimezone(UTC)
    fields: dict[str, Any] = {
        "seq": head.last_seq + 1,
        "prev_hash": head.last_hash,
        "at": at,
        "actor_id": getattr(actor, "pk", None),
        "actor_name": getattr(actor, "username", "") or "system",
        "agency_id": getattr(agency, "pk", agency),
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": str(obj)[:255] if obj is not None else "",
        "changes": _plain(dict(changes or {})),
        "client_address": client_address.get(),
    }
    event = AuditEvent(**fields, hash=event_digest(**fields))
    event.save(force_insert=True)
    head.last_seq, head.last_hash = event.seq, event.hash
    head.save(update_fields=["last_seq", "last_hash"])
    return event


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{'field': [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _same(value: Any) -> Any:
    return value


def fields_of(
    obj: Any, fields: Iterable[str] | Mapping[str, str], plain: Callable[[Any], Any] = _same
) -> dict[str, Any]:
    """The named fields of a row as the audit records them: {name: value}, or {key: value of
    the attribute} for a mapping {key: attribute}; `plain` turns a value into what JSON holds."""
    names = fields if isinstance(fields, Mapping) else {name: name for name in fields}
    return {key: plain(getattr(obj, attribute, None)) for key, attribute in names.items()}


class Watched:
    """A row's fields read before a service changes it; `changes()` then gives what the change
    did to them, as the audit records it ({'field': [old, new]} for those that differ)."""

    def __init__(
        self,
        obj: Any,
        fields: Iterable[str] | Mapping[str, str],
        plain: Callable[[Any], Any] = _same,
    ) -> None:
        self.obj, self.plain = obj, plain
        self.fields = fields if isinstance(fields, Mapping) else tuple(fields)
        self.before = fields_of(obj, self.fields, plain)

    def changes(self, *, by_name: bool = True) -> dict[str, list[Any]]:
        """By field name (as `diff`), or in the order the fields were given."""
        after = fields_of(self.obj, self.fields, self.plain)
        if by_name:
            return diff(self.before, after)
        return {k: [old, after[k]] for k, old in self.before.items() if old != after[k]}


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    event_id: int | None
    reason: str


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken: ChainBreak | None
    last_seq: int = 0
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return self.broken is None


def _events_in_order(after: int = 0, batch: int = 2000) -> Iterator[AuditEvent]:
    last = after
    while True:
        chunk = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not chunk:
            return
        yield from chunk
        last = chunk[-1].seq


def verify_chain(after: tuple[int, str] | None = None) -> VerifyResult:
    """Walks the chain from the start, or from the event `after` = (seq, hash) whose hash is
    already trusted (a checkpoint); the first event whose link or content fails is named.
    `last_seq`/`last_hash` are those of the last event that passed."""
    start_seq, start_hash = after or (0, GENESIS)
    expected_prev, expected_seq, checked = start_hash, start_seq + 1, 0

    def broken(seq: int, event_id: int | None, reason: str) -> VerifyResult:
        return VerifyResult(
            checked, ChainBreak(seq, event_id, reason), expected_seq - 1, expected_prev
        )

    for event in _events_in_order(after=start_seq):
        if event.seq != expected_seq:
            return broken(expected_seq, None, f"event #{expected_seq} is missing")
        if event.prev_hash != expected_prev:
            return broken(event.seq, event.pk, "link to the previous event does not match")
        if _digest_of(event) != event.hash:
            return broken(event.seq, event.pk, "content does not match its hash")
        expected_prev, expected_seq, checked = event.hash, expected_seq + 1, checked + 1
    last_seq = expected_seq - 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and head.last_seq != last_seq:
        return broken(
            last_seq + 1, None, f"chain ends at #{last_seq} but its head says #{head.last_seq}"
        )
    return VerifyResult(checked, None, last_seq, expected_prev)
