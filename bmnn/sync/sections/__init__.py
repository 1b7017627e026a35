"""What travels on each channel, one section per kind of record, and the one writer of each.

Province → agency node: the directory, the plans with the tasks assigned to the agency and the
province's review of them, the reporting periods and requests put to the agency and the
province's decisions on its reports. Agency node → province: task progress with its evidence
and the reports the head signed (their figures are counts). Nothing of the registry is ever a
section: no register line, summary, item number or file leaves an agency node
(`tests/test_sync_nodes.py` inspects every member of every bundle).

A section exports what changed since its mark (or a full snapshot when that is small) and
applies a peer's records idempotently: a record seen before is found through its `Link` and
updated, never duplicated. Each side writes only the records it owns; the other keeps a copy.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from bmnn.core.services import locked
from bmnn.sync.models import Link, NodeRole, Peer

T = TypeVar("T")
M = TypeVar("M", bound=Model)


@dataclass
class Payload:
    """The sections and attachments of one bundle being written."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    attachments: dict[str, bytes] = field(default_factory=dict)

    def add(self, section: str, records: list[dict[str, Any]]) -> None:
        if records:
            self.sections[section] = records

    def counts(self) -> dict[str, int]:
        return {name: len(records) for name, records in self.sections.items()}

    def files(self, envelope: dict[str, Any]) -> dict[str, bytes]:
        out = {"envelope.json": _dump(envelope)}
        out.update({f"sections/{n}.json": _dump(r) for n, r in self.sections.items()})
        out.update({f"attachments/{n}": data for n, data in self.attachments.items()})
        return out


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8")


@dataclass(frozen=True)
class Section:
    name: str
    sender: str  # the role of the node that owns and sends these records
    export: Callable[[Peer, Payload, Any], Any]
    apply: Callable[[Peer, list[dict[str, Any]], dict[str, bytes], Any], None]


def sections_for(sender: str, recipient: str) -> list[Section]:
    """The sections a node of role `sender` sends to one of role `recipient`, in the order
    they must be applied (the directory before the plans that name its agencies)."""
    from bmnn.sync.sections import down, up

    if sender == NodeRole.PROVINCE and recipient == NodeRole.AGENCY:
        return list(down.SECTIONS)
    if sender == NodeRole.AGENCY and recipient == NodeRole.PROVINCE:
        return list(up.SECTIONS)
    return []


# --- Links between a peer's ids and local rows --------------------------------------------------


def local_id(peer: Peer, model: str, remote_id: Any) -> int | None:
    found = Link.objects.filter(peer=peer, model=model, remote_id=str(remote_id)).first()
    return found.local_id if found else None


def remote_id(peer: Peer, model: str, local: int) -> str | None:
    found = Link.objects.filter(peer=peer, model=model, local_id=local).first()
    return found.remote_id if found else None


def link(peer: Peer, model: str, remote: Any, local: int) -> None:
    Link.objects.update_or_create(
        peer=peer, model=model, remote_id=str(remote), defaults={"local_id": local}
    )


def unseen(
    peer: Peer, model: str, records: list[dict[str, Any]], key: str, what: str
) -> list[dict[str, Any]]:
    """The records (identified by `key`) not received from `peer` before, each once even when
    the bundle repeats it: one query."""
    ids = [str(need(r.get(key), what)) for r in records]
    seen = set(
        Link.objects.filter(peer=peer, model=model, remote_id__in=ids).values_list(
            "remote_id", flat=True
        )
    )
    fresh = []
    for record in records:
        if str(record[key]) not in seen:
            seen.add(str(record[key]))
            fresh.append(record)
    return fresh


def rows_named(
    rows: QuerySet[M], records: list[dict[str, Any]], key: str, what: str, refusal: str
) -> dict[int, M]:
    """The rows the records name by id under `key`, locked, by id: each must be among `rows`
    (what the sending node may act on), or the bundle is refused with `refusal`."""
    wanted = {as_int(need(r.get(key), what)) for r in records}
    found = {row.pk: row for row in locked(rows.filter(pk__in=wanted))}
    if set(found) != wanted:
        raise ValidationError(refusal)
    return found


def remote_person(peer: Peer, username: str, full_name: str) -> Any:
    """The local stand-in for a person of another node (who signed, who reviewed): an account
    that cannot log in, named after the node and the person."""
    from bmnn.org.models import Person

    login = f"node-{peer.key_id}-{username}"[:150]
    person = Person.objects.filter(username=login).first()
    if person is None:
        person = Person(username=login, full_name=(full_name or username)[:150], is_active=False)
        person.set_unusable_password()
        person.save()
    elif full_name and person.full_name != full_name[:150]:
        person.full_name = full_name[:150]
        person.save(update_fields=["full_name", "search_text"])
    return person


def as_int(value: Any) -> int:
    """A record id from a bundle, or a refusal of the bundle."""
    try:
        return int(value)
    except (TypeError, ValueError) as exc:
        raise ValidationError(_("The bundle has a malformed record id.")) from exc


def as_moment(value: Any) -> datetime:
    """A time from a bundle (ISO 8601), or a refusal of the bundle."""
    return _iso(datetime.fromisoformat, value)


def as_day(value: Any) -> date:
    """A day from a bundle (ISO 8601), or a refusal of the bundle."""
    return _iso(date.fromisoformat, value)


def _iso(parse: Callable[[str], T], value: Any) -> T:
    try:
        return parse(str(value))
    except ValueError as exc:
        raise ValidationError(
            _("The bundle has a malformed date (%(v)s).") % {"v": str(value)[:20]}
        ) from exc


def need(value: Any, what: str) -> Any:
    """A record field the section cannot do without, or a clear refusal of the bundle."""
    if value is None or value == "":
        raise ValidationError(_("The bundle lacks %(what)s.") % {"what": what})
    return value
