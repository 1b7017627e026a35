"""Recall ("Tài liệu thu hồi"): a document sent with the recall mark comes back to the sender,
from every recipient, by the date written on it.

ND26 Art. 4.4: the document carries the "TÀI LIỆU THU HỒI" mark and a return date, and is
returned by that date; TT07 Art. 6.5: the sender's clerk tracks the returns and checks each
document as it comes back. L25 Art. 5.4 names an unlawful recall among the prohibited acts, so a
recall is a regulated act with its own record: decided by the head of the sending agency, for a
stated reason, audited.

One return line per recipient: the addressees of the outgoing register lines ("Nơi nhận", the
sender's own file copy "Lưu" excepted) and every agency a copy was provided to. A holder inside
the installation gets the notice on its copy (`send_notices`); once the copy is back it no
longer holds it (its copies are marked as sent, back to the sender) and the sender's provided
copy is in store again. The outgoing register lines show the mark and the date in their note
column. `recall_alerts`, run daily, tells both sides of a return that is late.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import policy
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service
from bmnn.core.text import fold
from bmnn.org.models import Agency, Person
from bmnn.org.queries import people_by_agency
from bmnn.registry.models import (
    Book,
    CopyStatus,
    HolderNotice,
    ItemStatus,
    Recall,
    RecallReturn,
    RegisterEntry,
    SecretItem,
    Transfer,
)
from bmnn.registry.services.common import _audit, _law, _notify_item, _require_clearance
from bmnn.registry.services.notices import apply_notice, send_notices

# The stamp's own words (TT24 Form 07; Decree 63/2026 appendix): written as they are on paper.
RECALL_MARK = "Tài liệu thu hồi"
ARTICLE = "ND26 Art. 4.4"
# Copies still held somewhere (not destroyed, lost or already sent on).
HELD = (CopyStatus.IN_STORE, CopyStatus.CHECKED_OUT)


def recipient_names(text: str) -> list[str]:
    """The addressees of a "Nơi nhận" list, one per line or separated by semicolons, without the
    list's dashes; the sender's own file copy ("Lưu: VT, …") is no addressee."""
    names: list[str] = []
    for part in re.split(r"[;\n]", text):
        name = part.strip().lstrip("-–+•* ").rstrip(".,;:").strip()
        if name and not _FILE_COPY.match(fold(name)) and fold(name) not in map(fold, names):
            names.append(name)
    return names


# "Lưu: VT, PC", "Lưu VT", "Lưu": the sender's file copy; "Lưu trữ lịch sử tỉnh" is an agency.
_FILE_COPY = re.compile(r"luu\s*(:|vt\b|hs\b|$)")


@dataclass
class _Line:
    recipient: str
    to_agency: Agency | None = None
    received_item: SecretItem | None = None


def _recipients(item: SecretItem) -> list[_Line]:
    """Who must return the item: the addressees on its outgoing register lines, the agencies a
    copy was handed over to and not taken back, and the received copies made of it in the
    installation. An agency named on a line and reached by a transfer is one line, not two; an
    item with no outgoing line and no copy out was never sent and has nobody to return it."""
    lines: list[_Line] = []
    for entry in item.entries.filter(kind=Book.OUTGOING).order_by("pk"):
        for name in recipient_names(str(entry.columns.get("recipients") or "")):
            if all(fold(name) != fold(line.recipient) for line in lines):
                lines.append(_Line(name))
    named = Agency.objects.filter(is_active=True, name__in=[line.recipient for line in lines])
    agencies = {fold(a.name): a for a in named}
    for line in lines:
        line.to_agency = agencies.get(fold(line.recipient))

    def attach(agency: Agency, received: SecretItem | None) -> None:
        free = next(
            (line for line in lines if line.to_agency == agency and line.received_item is None),
            None,
        )
        if free is None:
            lines.append(_Line(agency.name, agency, received))
        else:
            free.received_item = received

    transfers = (
        Transfer.objects.filter(
            copy__item=item,
            copy__status=CopyStatus.SENT,
            state__in=[Transfer.State.SENT, Transfer.State.RECEIVED],
        )
        .select_related("to_agency", "received_item")
        .order_by("pk")
    )
    reached = set()
    for transfer in transfers:
        attach(transfer.to_agency, transfer.received_item)
        reached.add(transfer.received_item_id)
    direct = (
        SecretItem.objects.filter(source_item=item, copies__status__in=HELD)
        .exclude(pk__in=[pk for pk in reached if pk])
        .select_related("agency")
        .distinct()
        .order_by("pk")
    )
    for received in direct:
        attach(received.agency, received)
    return lines


def _note_books(item: SecretItem, text: str, kind: str = Book.OUTGOING) -> None:
    """Adds `text` to the note column of the item's outgoing (or incoming) lines, once each: the
    line records the sending (the receipt), and the recall is a fact about it. The other columns
    stay as they were written."""
    for entry in locked(RegisterEntry.objects).filter(item=item, kind=kind):
        note = str(entry.columns.get("note") or "")
        if text not in note:
            entry.columns["note"] = f"{note}; {text}" if note else text
            entry.save(update_fields=["columns"])


def _mark(recall: Recall) -> str:
    return _("%(mark)s, return by %(day)s") % {
        "mark": RECALL_MARK,
        "day": recall.return_by.strftime("%d/%m/%Y"),
    }


def _open(
    *,
    actor: Person,
    decided_by: Person,
    item: SecretItem,
    return_by: date,
    decided_on: date,
    reason: str,
    lines: list[_Line],
) -> Recall:
    _law(bool(lines), _("The item was never sent: nobody holds it to return it"), ARTICLE)
    _law(
        not item.recalls.filter(closed_on__isnull=True).exists(),
        _("This item is already being recalled"),
        ARTICLE,
    )
    recall = Recall.objects.create(
        item=item,
        return_by=return_by,
        reason=reason[:255],
        decided_by=decided_by,
        decided_on=decided_on,
    )
    RecallReturn.objects.bulk_create(
        RecallReturn(
            recall=recall,
            recipient=line.recipient[:255],
            to_agency=line.to_agency,
            received_item=line.received_item,
        )
        for line in lines
    )
    _note_books(item, _mark(recall))
    send_notices(
        item, HolderNotice.Kind.RECALL, decided_on=decided_on, return_by=return_by, decision=reason
    )
    _audit(
        actor,
        "secret.recall",
        item,
        {
            "return_by": return_by,
            "reason": reason,
            "decided_by": decided_by.full_name,
            "recipients": [line.recipient for line in lines],
        },
    )
    return recall


@service
def decide_recall(*, actor: Person, item: SecretItem, return_by: date, reason: str) -> Recall:
    """The head of the agency that sent the item recalls it: every recipient returns it by
    `return_by` (ND26 Art. 4.4). The head decides because the recall takes back what the
    agency gave under its head's authority (L18 Art. 15; ND26 Art. 4.1), and an unlawful recall
    is a prohibited act (L25 Art. 5.4): the reason is recorded. The date may not be in the past;
    the item must have been sent (an outgoing line or a copy handed over) and be classified."""
    item = locked(SecretItem.objects).select_related("agency").get(pk=item.pk)
    require(
        policy.is_head_of(actor, item.agency_id),
        _("Only the head of the agency that sent the item decides a recall."),
    )
    _require_clearance(actor, item.level)
    _law(item.status == ItemStatus.CLASSIFIED, _("Only a classified item is recalled"), ARTICLE)
    today = timezone.localdate()
    _law(return_by >= today, _("The return date cannot be in the past"), ARTICLE)
    if not reason.strip():
        raise ValidationError(
            {
                "reason": _(
                    "State why the item is recalled (an unlawful recall is prohibited, L25 Art. 5.4)."
                )
            }
        )
    return _open(
        actor=actor,
        decided_by=actor,
        item=item,
        return_by=return_by,
        decided_on=today,
        reason=reason.strip(),
        lines=_recipients(item),
    )


def recall_at_issue(*, actor: Person, item: SecretItem, day: date, return_by: date) -> Recall:
    """The recall mark stamped on the document when it is issued (ND26 Art. 4.4), recorded with
    its outgoing line inside `register_outgoing`'s transaction. The return date is counted from
    the day of issue; the decision is the approver's (who signed the document with the mark),
    recorded by the officer who registers it."""
    _law(return_by >= day, _("The return date cannot be before the day the item is sent"), ARTICLE)
    return _open(
        actor=actor,
        decided_by=item.approved_by or actor,
        item=item,
        return_by=return_by,
        decided_on=day,
        reason=_("Marked at issue"),
        lines=_recipients(item),
    )


def recall_handed_over(transfer: Transfer) -> None:
    """A copy of an item under an open recall is handed over (inside `hand_over`): its receiver
    must return it too, and the new outgoing line shows the mark."""
    recall = transfer.copy.item.recalls.filter(closed_on__isnull=True).first()
    if recall is None:
        return
    if not recall.returns.filter(
        to_agency=transfer.to_agency, received_item__isnull=True, returned_on__isnull=True
    ).exists():
        RecallReturn.objects.create(
            recall=recall, recipient=transfer.to_agency.name[:255], to_agency=transfer.to_agency
        )
    _note_books(recall.item, _mark(recall))


def recall_received(transfer: Transfer, received: SecretItem) -> None:
    """The receiver signs for a copy of an item under an open recall (inside
    `receive_transfer`): its return line points at its copy, and the copy gets the notice."""
    source = transfer.copy.item
    recall = source.recalls.filter(closed_on__isnull=True).first()
    if recall is None:
        return
    line = recall.returns.filter(
        to_agency=transfer.to_agency, received_item__isnull=True, returned_on__isnull=True
    ).first()
    if line is not None:
        line.received_item = received
        line.save(update_fields=["received_item"])
    apply_notice(
        received,
        HolderNotice.Kind.RECALL,
        issuer_name=source.issuer_name or source.agency.name,
        decided_on=recall.decided_on,
        decision=recall.reason,
        return_by=recall.return_by,
        source_item=source,
    )


def _taken_back(actor: Person, line: RecallReturn, sender: SecretItem, day: date) -> None:
    """The holder's copy came back: it is no longer held there, and the sender's copy that was
    provided is in store again. The holder's copies are marked as sent (back to the sender),
    never destroyed: the sender decides what happens to the document."""
    received = line.received_item
    assert received is not None  # nosec B101 # narrows the type; called for a line with a copy
    transfer = Transfer.objects.filter(copy__item=sender, received_item=received).first()
    if transfer is not None and transfer.copy.status == CopyStatus.SENT:
        transfer.copy.status, transfer.copy.location = CopyStatus.IN_STORE, sender.agency.name
        transfer.copy.save(update_fields=["status", "location"])
    taken = list(received.copies.filter(status__in=HELD))
    for copy in taken:
        copy.status, copy.location = CopyStatus.SENT, sender.agency.name
        copy.save(update_fields=["status", "location"])
    back = _("returned to %(sender)s on %(day)s") % {
        "sender": sender.agency.name,
        "day": day.strftime("%d/%m/%Y"),
    }
    _note_books(received, back, Book.INCOMING)
    HolderNotice.objects.filter(
        item=received, kind=HolderNotice.Kind.RECALL, remarked_on__isnull=True
    ).update(remarked_on=day, remark_note=back[:255])
    _audit(
        actor,
        "secret.returned_to_sender",
        received,
        {"to": sender.agency.name, "returned_on": day, "copies": [c.number for c in taken]},
    )


@service
def record_recall_return(
    *, actor: Person, line: RecallReturn, returned_on: date | None = None, note: str = ""
) -> RecallReturn:
    """The sending agency's security officer checks the document that came back and records it,
    one recipient at a time (TT07 Art. 6.5). A return after the date written on the document is
    recorded as late, with the reason. When every recipient has returned it, the recall closes
    on the day of the last return."""
    # `of=("self",)`: PostgreSQL refuses FOR UPDATE over the nullable side of an outer join
    # (received_item may be empty); the line itself is what is locked.
    line = (
        RecallReturn.objects.select_for_update(of=("self",))
        .select_related("recall__item__agency", "received_item__agency")
        .get(pk=line.pk)
    )
    recall, item = line.recall, line.recall.item
    require(
        policy.can_keep_registers(actor, item.agency_id),
        _("Only the sending agency's security officer records a return."),
    )
    _require_clearance(actor, item.level)
    _law(
        line.returned_on is None, _("This recipient's return is already recorded"), "TT07 Art. 6.5"
    )
    _law(
        line.received_item_id is not None
        or line.to_agency_id is None
        or not Transfer.objects.filter(
            copy__item=item, to_agency_id=line.to_agency_id, state=Transfer.State.SENT
        ).exists(),
        _("The recipient has not signed for its copy yet: it receives it before returning it"),
        "ND26 Art. 4.3",
    )
    today = timezone.localdate()
    day = returned_on or today
    if day > today or day < recall.decided_on:
        raise ValidationError(
            {"returned_on": _("The return date lies between the recall and today.")}
        )
    late = day > recall.return_by
    if late and not note.strip():
        raise ValidationError(
            {"note": _("Returned after the date written on the document: say why.")}
        )
    line.returned_on, line.checked_by, line.note = day, actor, note.strip()[:255]
    line.save(update_fields=["returned_on", "checked_by", "note"])
    if line.received_item_id is not None:
        _taken_back(actor, line, item, day)
    closed = not recall.returns.filter(returned_on__isnull=True).exists()
    if closed:
        recall.closed_on = recall.returns.aggregate(last=Max("returned_on"))["last"]
        recall.save(update_fields=["closed_on"])
        assert recall.closed_on is not None  # nosec B101 # narrows the type; every line has a date
        _note_books(
            item, _("returned in full on %(day)s") % {"day": recall.closed_on.strftime("%d/%m/%Y")}
        )
    _audit(
        actor,
        "secret.recall_return",
        item,
        {"recipient": line.recipient, "returned_on": day, "late": late, "closed": closed},
    )
    return line


# Overdue returns are told again every week until they come back.
REMIND_EVERY_DAYS = 7


def recall_alerts(today: date | None = None) -> int:
    """Daily: every return past the date written on the document (ND26 Art. 4.4) is told to the
    sending agency's head and security officers, who track it (TT07 Art. 6.5), and to the head
    and security officers of the agency that owes it, when it is in the installation. Once on
    the first day late and again each week; the keys make reruns harmless. Returns how many
    people were told."""
    today = today or timezone.localdate()
    late = list(
        RecallReturn.objects.filter(
            returned_on__isnull=True, recall__closed_on__isnull=True, recall__return_by__lt=today
        ).select_related("recall__item__agency", "received_item")
    )
    holders = {
        line.pk: line.received_item.agency_id if line.received_item else line.to_agency_id
        for line in late
    }
    people = people_by_agency(
        {line.recall.item.agency_id for line in late} | {a for a in holders.values() if a}
    )
    told = 0
    for line in late:
        recall, item = line.recall, line.recall.item
        step = (today - recall.return_by).days // REMIND_EVERY_DAYS
        values = {
            "number": item.number,
            "recipient": line.recipient,
            "sender": item.agency.name,
            "day": recall.return_by.strftime("%d/%m/%Y"),
        }
        told += _notify_item(
            people[item.agency_id],
            item.pk,
            _("%(number)s: the return from %(recipient)s is overdue since %(day)s") % values,
            f"recall-overdue:{line.pk}:{step}",
        )
        holder = holders[line.pk]
        if holder:
            url = (
                reverse("registry:item", args=[line.received_item_id])
                if line.received_item_id
                else reverse("registry:recalls")
            )
            told += notify(
                people[holder],
                title=_("%(number)s must be returned to %(sender)s: overdue since %(day)s")
                % values,
                url=url,
                key=f"recall-owed:{line.pk}:{step}",
            )
    return told
