"""What registry tests set up again and again, built one way: a proposal and its classification,
a line of the incoming register, a copy provided to another agency, copies made, and the
decisions taken on an item (extension, level change, declassification, destruction).

Each builder takes the province of conftest.py (`reg`, or a dict that extends it) and names its
people and agencies by their key there (a Person or Agency may be given instead). Everything a
test checks is either passed by the test or a default written here, in the signature."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from bmnn.registry import services
from bmnn.registry.models import Copy, RegisterEntry, SecretItem, Transfer

Province = Mapping[str, Any]

# The office letter most tests classify: its type and summary as the registers show them.
LETTER = {"doc_type": "Công văn", "summary": "Về phương án bảo vệ"}


def the(reg: Province, who: Any) -> Any:
    """`who` looked up by its key in the province, or the object itself when one is given."""
    return reg[who] if isinstance(who, str) else who


def proposed(
    reg: Province,
    level: str = "mat",
    *,
    by: Any = None,
    agency: Any = "justice",
    entry: Any = None,
    **fields: Any,
) -> SecretItem:
    """A proposal of `agency` at `level`, under the catalogue entry of that level (or `entry`),
    drafted by the staff member for Mật and by the security officer above it (or by `by`)."""
    drafter = by or ("staff" if level == "mat" else "officer")
    return services.propose_item(
        actor=the(reg, drafter),
        agency=the(reg, agency),
        level=level,
        catalogue_item=the(reg, entry or f"cat_{level}"),
        **fields,
    )


def classified(
    reg: Province,
    level: str = "mat",
    *,
    number: str = "12/CV-STP",
    doc_date: date = date(2026, 4, 2),
    head: Any = "head",
    **proposal: Any,
) -> SecretItem:
    """A proposal (see `proposed`) approved by `head` with its number and date."""
    item = proposed(reg, level, **proposal)
    return services.classify_item(actor=the(reg, head), item=item, number=number, doc_date=doc_date)


def received(
    reg: Province,
    level: str = "mat",
    *,
    number: str = "7/BTP",
    doc_date: date = date(2026, 4, 1),
    issuer_name: str = "Bộ Tư pháp",
    by: Any = "officer",
    agency: Any = "justice",
    **fields: Any,
) -> RegisterEntry:
    """A document from outside entered by `by` in `agency`'s incoming register: the line (its
    item is `.item`)."""
    return services.register_incoming(
        actor=the(reg, by),
        agency=the(reg, agency),
        level=level,
        issuer_name=issuer_name,
        number=number,
        doc_date=doc_date,
        **fields,
    )


def handed_over(
    reg: Province,
    copy: Copy,
    *,
    to: Any = "health",
    purpose: str = "Phối hợp",
    head: Any = "head",
    officer: Any = "officer",
) -> Transfer:
    """`copy` provided to `to` by the head's approval and handed over by the officer, not yet
    signed for."""
    transfer = services.approve_provision(
        actor=the(reg, head), copy=copy, to_agency=the(reg, to), purpose=purpose
    )
    services.hand_over(actor=the(reg, officer), transfer=transfer)
    return transfer


def provided(
    reg: Province, copy: Copy, *, receiver: Any = "health_officer", **provision: Any
) -> SecretItem:
    """`copy` handed over (see `handed_over`) and signed for by `receiver`: the received item."""
    transfer = handed_over(reg, copy, **provision)
    return services.receive_transfer(actor=the(reg, receiver), transfer=transfer)


def copies_made(reg: Province, item: SecretItem, count: int = 1) -> list[Copy]:
    """`count` copies authorised by the head and recorded by the officer."""
    grant = services.authorise_copies(actor=reg["head"], item=item, count=count)
    return services.record_copies(actor=reg["officer"], authorisation=grant, count=count)


def extend(
    reg: Province, item: SecretItem, new_end: date, on: date, decision: str, by: Any = "head"
) -> Any:
    """The decision `decision` of `by`, dated `on`, extending the protection to `new_end`."""
    return services.extend_protection(
        actor=the(reg, by), item=item, new_end=new_end, decided_on=on, decision=decision
    )


def change_level(
    reg: Province, item: SecretItem, level: str, on: date, decision: str = "", **more: Any
) -> Any:
    """The head's decision `decision`, dated `on`, changing the item's level to `level`."""
    return services.change_level(
        actor=reg["head"], item=item, new_level=level, decided_on=on, decision=decision, **more
    )


def declassify(
    reg: Province,
    item: SecretItem,
    on: date,
    decision: str,
    council: Iterable[str],
    minutes: str,
    by: Any = "head",
) -> Any:
    """The declassification of the whole item by `by` after a council (L18 Art. 22.4)."""
    return services.declassify(
        actor=the(reg, by),
        item=item,
        decided_on=on,
        decision=decision,
        council=list(council),
        minutes=minutes,
    )


def destroy(
    reg: Province,
    item: SecretItem,
    minutes: str,
    council: Iterable[str] = (),
    by: Any = "head",
) -> Any:
    """The destruction of every copy of the item, decided by `by` with these minutes."""
    return services.destroy(
        actor=the(reg, by),
        item=item,
        copies=list(item.copies.all()),
        council=list(council),
        minutes=minutes,
    )


def incoming_body(reg: Province, number: str, level: str = "mat", **more: Any) -> dict[str, Any]:
    """What the API's incoming-register call takes for a document of Bộ Tư pháp dated
    01/04/2026 received by Sở Tư pháp (`more` adds or replaces fields)."""
    return {
        "agency": reg["justice"].pk,
        "level": level,
        "issuer_name": "Bộ Tư pháp",
        "number": number,
        "doc_date": "2026-04-01",
        **more,
    }
