"""Secret catalogues and their changes: the Prime Minister's decisions that say what may be
classified, and at which level (L18 Art. 9, 10.1; L25 Art. 5.1 prohibits classifying anything
outside them).

A province supervisor or an administrator records a catalogue, a new version replacing an old
one, an entry added, an entry removed from a date, or an entry's level changed from a date. What
follows from a change is applied on its day — at once when the day has come, otherwise by the
daily registry run (`apply_catalogue_changes`):

- a removal declassifies, automatically, every item still classified under the entry, in every
  agency (L18 Art. 22.2.c [V]); each holder's copy is reached at once ("ngay", Art. 22.3) through
  `end_secret`, and each classifying agency's head and security officers are told;
- a new level leaves the items at or below it as they are and lists those above it for their
  classifiers to lower or declassify (`queries.items_above_catalogue`), telling each classifying
  agency's head (Art. 10.1, 21.2: the level follows the catalogue);
- a new version carries over every entry of the old one under the same code, level and text;
  the supervisor then removes, changes or adds entries; on the version's first day the items of
  the old entries move to their counterparts (before that day's removals apply).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, levels, policy
from bmnn.core.notify import notify
from bmnn.core.services import locked, require, service, unit_of_work
from bmnn.org.models import Person, Role
from bmnn.org.queries import people_by_agency
from bmnn.registry import rules
from bmnn.registry.models import (
    Catalogue,
    CatalogueChange,
    CatalogueItem,
    Declassification,
    ItemStatus,
    SecretItem,
)
from bmnn.registry.services.common import _audit, _law
from bmnn.registry.services.declassification import end_secret

Change = CatalogueChange.Change
# Items that follow their entry into a new version: those not yet ended.
OPEN_STATUSES = (ItemStatus.PROPOSED, ItemStatus.CLASSIFIED)


def entry_in_force(entry: CatalogueItem, day: date) -> bool:
    """Whether information may be classified under `entry` on `day` (L25 Art. 5.1)."""
    catalogue = entry.catalogue
    return rules.in_catalogue(
        day,
        active=entry.is_active,
        entry_from=entry.valid_from,
        removed_on=entry.removed_on,
        catalogue_from=catalogue.valid_from,
        catalogue_to=catalogue.valid_to,
    )


def level_on(entry: CatalogueItem, day: date) -> str:
    """The entry's level on `day`: the last level change in force by then, else the level it
    had before its first recorded change."""
    changes = list(entry.changes.filter(change=Change.LEVEL).order_by("effective_on", "pk"))
    level = changes[0].old_level if changes else entry.level
    for change in changes:
        if change.effective_on <= day:
            level = change.new_level
    return level


def _manager(actor: Person) -> None:
    require(
        policy.can_manage_catalogues(actor),
        _("Only a province supervisor or an administrator records secret catalogues."),
    )


def _decision(decision: str) -> str:
    if not decision.strip():
        raise ValidationError({"decision": _("Give the number of the Prime Minister's decision.")})
    return decision.strip()[:128]


def _entry_url(entry: CatalogueItem) -> str:
    return reverse("registry:catalogue_entry", args=[entry.pk])


def _entry_name(entry: CatalogueItem) -> str:
    return f"{entry.code} ({entry.catalogue.decision})"


# --- catalogues and entries ----------------------------------------------------------------------


@service
def record_catalogue(
    *,
    actor: Person,
    sector: str,
    decision: str,
    issued_on: date,
    valid_from: date | None = None,
    replaces: Catalogue | None = None,
) -> Catalogue:
    """Records a Prime Minister's decision issuing a sector's catalogue (L18 Art. 9). A new
    version replacing an old one ends the old one the day before it starts and carries over
    every entry still in the catalogue on that day, with the level it has then."""
    _manager(actor)
    decision = _decision(decision)
    if not sector.strip():
        raise ValidationError({"sector": _("Name the sector.")})
    start = valid_from or issued_on
    if start < issued_on:
        raise ValidationError(
            {"valid_from": _("A decision takes effect on or after the day it is issued.")}
        )
    previous = None
    if replaces is not None:
        previous = locked(Catalogue.objects).get(pk=replaces.pk)
        _law(
            not Catalogue.objects.filter(replaces=previous).exists(),
            _("This catalogue has already been replaced"),
            "L18 Art. 9",
        )
        _law(
            previous.valid_from is None or previous.valid_from < start,
            _("A new version starts after the version it replaces"),
            "L18 Art. 9",
        )
    catalogue = Catalogue.objects.create(
        sector=sector.strip()[:255],
        decision=decision,
        issued_on=issued_on,
        valid_from=start,
        replaces=previous,
    )
    carried: list[str] = []
    if previous is not None:
        end = start - timedelta(days=1)
        if previous.valid_to is None or previous.valid_to > end:
            previous.valid_to = end
            previous.save(update_fields=["valid_to"])
        for old in previous.items.select_related("catalogue").order_by("code", "pk"):
            if old.is_active and (old.removed_on is None or old.removed_on > start):
                _carry_over(old, catalogue, start, actor=actor)
                carried.append(old.code)
    audit.record(
        actor=actor,
        action="secret.catalogue_record",
        obj=catalogue,
        changes={
            "decision": decision,
            "sector": catalogue.sector,
            "valid_from": start,
            "replaces": str(previous) if previous else "",
            "entries": ", ".join(carried),
        },
    )
    if previous is not None and start <= timezone.localdate():
        _switch_version(catalogue, actor=actor)
    return catalogue


def _carry_over(old: CatalogueItem, catalogue: Catalogue, start: date, *, actor: Person) -> None:
    """Copies an entry into the new version with its level on the version's first day, and
    with the changes already recorded for a later day (they were decided; the new version
    does not undo them)."""
    entry = CatalogueItem.objects.create(
        catalogue=catalogue, code=old.code, text=old.text, level=level_on(old, start)
    )
    for later in old.changes.filter(effective_on__gt=start).order_by("effective_on", "pk"):
        CatalogueChange.objects.create(
            entry=entry,
            change=later.change,
            effective_on=later.effective_on,
            decision=later.decision,
            old_level=later.old_level,
            new_level=later.new_level,
            recorded_by=actor,
        )
        if later.change == Change.REMOVED:
            entry.removed_on = later.effective_on
            entry.save(update_fields=["removed_on"])


@service
def add_catalogue_entry(
    *,
    actor: Person,
    catalogue: Catalogue,
    code: str,
    text: str,
    level: str,
    valid_from: date | None = None,
) -> CatalogueItem:
    """Adds an entry to a catalogue, from the catalogue's start or a later date (an amending
    decision)."""
    _manager(actor)
    catalogue = locked(Catalogue.objects).get(pk=catalogue.pk)
    if not code.strip():
        raise ValidationError({"code": _("Give the entry's number in the decision.")})
    if not text.strip():
        raise ValidationError({"text": _("Give the entry's content.")})
    if level not in levels.LEVELS:
        raise ValidationError({"level": _("Unknown level.")})
    if catalogue.items.filter(code=code.strip()).exists():
        raise ValidationError({"code": _("This catalogue already has an entry with this number.")})
    if valid_from is not None and catalogue.valid_from and valid_from < catalogue.valid_from:
        raise ValidationError({"valid_from": _("An entry cannot start before its catalogue.")})
    _law(
        not Catalogue.objects.filter(replaces=catalogue).exists(),
        _("The catalogue has been replaced: add the entry to the version that replaces it"),
        "L18 Art. 9",
    )
    entry = CatalogueItem.objects.create(
        catalogue=catalogue,
        code=code.strip()[:16],
        text=text.strip(),
        level=level,
        valid_from=valid_from,
    )
    audit.record(
        actor=actor,
        action="secret.catalogue_entry_add",
        obj=entry,
        changes={"level": level, "valid_from": valid_from},
    )
    return entry


def _check_change_date(entry: CatalogueItem, effective_on: date) -> None:
    """A change takes effect on a day the entry is in the catalogue, and changes are recorded
    in the order they take effect (each one starts from the state the previous one left)."""
    _law(
        entry_in_force(entry, effective_on),
        _("The entry is not in the catalogue on that day"),
        "L18 Art. 9",
    )
    latest = entry.changes.order_by("-effective_on").values_list("effective_on", flat=True).first()
    if latest is not None and effective_on < latest:
        raise ValidationError(
            {
                "effective_on": _(
                    "A later change of this entry is already recorded: a change cannot take effect before it."
                )
            }
        )


@service
def remove_catalogue_entry(
    *, actor: Person, entry: CatalogueItem, effective_on: date, decision: str
) -> CatalogueChange:
    """Records that an entry leaves its catalogue on `effective_on`, by `decision`. From that
    day nothing may be classified under it, and every item still classified under it is
    declassified automatically, holders told at once (L18 Art. 22.2.c, 22.3 [V]): now if the
    day has come, otherwise by the daily run on that day."""
    _manager(actor)
    entry = locked(CatalogueItem.objects).select_related("catalogue").get(pk=entry.pk)
    decision = _decision(decision)
    _law(entry.removed_on is None, _("The entry's removal is already recorded"), "L18 Art. 22.2.c")
    _check_change_date(entry, effective_on)
    change = CatalogueChange.objects.create(
        entry=entry,
        change=Change.REMOVED,
        effective_on=effective_on,
        decision=decision,
        old_level=entry.level,
        recorded_by=actor,
    )
    entry.removed_on = effective_on
    entry.save(update_fields=["removed_on"])
    today = timezone.localdate()
    affected = _classified_under(entry)
    audit.record(
        actor=actor,
        action="secret.catalogue_entry_remove",
        obj=entry,
        changes={"decision": decision, "effective_on": effective_on, "items": affected.count()},
    )
    if effective_on <= today:
        _apply_removal(entry, actor=actor)
    else:
        _tell_classifiers(
            affected,
            key=f"catalogue-removal-planned:{change.pk}",
            url=_entry_url(entry),
            title=lambda count: (
                _(
                    "Catalogue entry %(entry)s leaves the catalogue on %(day)s (%(decision)s): %(count)s of your items will be declassified that day"
                )
                % {
                    "entry": _entry_name(entry),
                    "day": effective_on.strftime("%d/%m/%Y"),
                    "decision": decision,
                    "count": count,
                }
            ),
        )
    return change


@service
def change_catalogue_level(
    *, actor: Person, entry: CatalogueItem, new_level: str, effective_on: date, decision: str
) -> CatalogueChange:
    """Records that an entry's level changes on `effective_on`. Items at or below the new level
    stay as they are; those above it are listed for their classifiers to review, and each
    classifying agency's head is told when the change takes effect (L18 Art. 10.1, 21.2)."""
    _manager(actor)
    entry = locked(CatalogueItem.objects).select_related("catalogue").get(pk=entry.pk)
    decision = _decision(decision)
    if new_level not in levels.LEVELS:
        raise ValidationError({"new_level": _("Unknown level.")})
    _check_change_date(entry, effective_on)
    before = level_on(entry, effective_on)
    if new_level == before:
        raise ValidationError({"new_level": _("Choose a different level.")})
    change = CatalogueChange.objects.create(
        entry=entry,
        change=Change.LEVEL,
        effective_on=effective_on,
        decision=decision,
        old_level=before,
        new_level=new_level,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action="secret.catalogue_entry_level",
        obj=entry,
        changes={"level": [before, new_level], "decision": decision, "effective_on": effective_on},
    )
    if effective_on <= timezone.localdate():
        _apply_level(entry, timezone.localdate(), actor=actor)
    return change


# --- applying changes on their day ---------------------------------------------------------------


def _classified_under(entry: CatalogueItem) -> Any:
    return SecretItem.objects.filter(catalogue_item=entry, status=ItemStatus.CLASSIFIED)


def _tell_classifiers(
    rows: Any,
    *,
    key: str,
    url: str,
    title: Any,
    roles: tuple[str, ...] = (Role.HEAD, Role.SECURITY_OFFICER),
) -> int:
    """One notification per classifying agency, naming how many of its items are concerned."""
    counts = Counter(rows.values_list("agency_id", flat=True))
    people = people_by_agency(set(counts), roles)
    return sum(
        notify(people[agency_id], title=title(count), url=url, key=f"{key}:{agency_id}")
        for agency_id, count in sorted(counts.items())
    )


def _apply_removal(entry: CatalogueItem, *, actor: Person | None) -> int:
    """Declassifies every item still classified under a removed entry (L18 Art. 22.2.c [V]):
    the record of why, the "GIẢI MẬT" notice to every holder's copy at once (Art. 22.3), an
    audit line in each classifying agency, and a word to its head and security officers.
    Returns how many items were declassified. Runs inside the caller's transaction."""
    assert entry.removed_on is not None  # nosec B101 # narrows the type; only removed entries reach here
    change = entry.changes.filter(change=Change.REMOVED).order_by("-pk").first()
    decision = change.decision if change else ""
    if entry.is_active:
        entry.is_active = False
        entry.save(update_fields=["is_active"])
    ended: Counter[int] = Counter()
    for pk in _classified_under(entry).order_by("pk").values_list("pk", flat=True):
        # Locked and read again: an earlier item's notice may already have ended this one.
        item = locked(SecretItem.objects).select_related("agency").get(pk=pk)
        if item.status != ItemStatus.CLASSIFIED:
            continue
        end_secret(
            item,
            Declassification.Reason.OUT_OF_CATALOGUE,
            decided_on=entry.removed_on,
            decision=decision,
        )
        _audit(
            actor,
            "secret.out_of_catalogue",
            item,
            {
                "entry": _entry_name(entry),
                "decision": decision,
                "declassified_at": entry.removed_on,
            },
        )
        ended[item.agency_id] += 1
    people = people_by_agency(set(ended))
    for agency_id, count in sorted(ended.items()):
        notify(
            people[agency_id],
            title=_(
                "Catalogue entry %(entry)s left the catalogue on %(day)s (%(decision)s): %(count)s of your items are declassified; stamp them GIẢI MẬT"
            )
            % {
                "entry": _entry_name(entry),
                "day": entry.removed_on.strftime("%d/%m/%Y"),
                "decision": decision,
                "count": count,
            },
            url=_entry_url(entry),
            key=f"catalogue-removed:{entry.pk}:{agency_id}",
        )
    return sum(ended.values())


def _apply_level(entry: CatalogueItem, today: date, *, actor: Person | None) -> int:
    """Gives the entry the level in force today and tells each classifying agency's head how
    many of its items are now above it. Returns how many items are above it."""
    target = level_on(entry, today)
    if target == entry.level:
        return 0
    before, entry.level = entry.level, target
    entry.save(update_fields=["level"])
    change = (
        entry.changes.filter(change=Change.LEVEL, effective_on__lte=today)
        .order_by("-effective_on", "-pk")
        .first()
    )
    above = _classified_under(entry).filter(
        level__in=[level for level in levels.LEVELS if rules.above_catalogue(level, target)]
    )
    count = above.count()
    if actor is None:
        audit.record(
            actor=None,
            action="secret.catalogue_level_effective",
            obj=entry,
            changes={"level": [before, target], "items_above": count},
        )
    _tell_classifiers(
        above,
        key=f"catalogue-level:{change.pk if change else entry.pk}",
        url=reverse("registry:catalogue_review"),
        roles=(Role.HEAD,),
        title=lambda n: (
            _(
                "Catalogue entry %(entry)s is %(level)s from %(day)s: %(count)s of your items are above it; lower their level or declassify them"
            )
            % {
                "entry": _entry_name(entry),
                "level": levels.LEVEL_NAME[target],
                "day": (change.effective_on if change else today).strftime("%d/%m/%Y"),
                "count": n,
            }
        ),
    )
    return count


def _switch_version(catalogue: Catalogue, *, actor: Person | None) -> int:
    """On a new version's first day, the items of the old version's entries follow them to
    the entries carried over under the same code. Returns how many items moved."""
    previous = catalogue.replaces
    if previous is None:
        return 0
    counterparts = {entry.code: entry for entry in catalogue.items.all()}
    moved: list[int] = []
    for old in previous.items.all():
        target = counterparts.get(old.code)
        if target is None:
            continue
        rows = SecretItem.objects.filter(catalogue_item=old, status__in=OPEN_STATUSES)
        pks = list(rows.values_list("pk", flat=True))
        if pks:
            SecretItem.objects.filter(pk__in=pks).update(catalogue_item=target)
            moved += pks
    if moved:
        audit.record(
            actor=actor,
            action="secret.catalogue_version_effective",
            obj=catalogue,
            changes={"replaces": str(previous), "items": moved},
        )
    return len(moved)


def apply_catalogue_changes(today: date | None = None) -> dict[str, int]:
    """The daily run's part: versions whose first day has come take over their items, then
    entries whose removal day has come declassify what is still classified under them, then
    level changes whose day has come apply. Each step commits on its own; running it again the
    same day changes nothing (what was applied leaves nothing pending)."""
    today = today or timezone.localdate()
    counts = {"catalogue_moved": 0, "catalogue_declassified": 0, "catalogue_above": 0}
    versions = Catalogue.objects.filter(replaces__isnull=False, valid_from__lte=today)
    for pk in versions.order_by("valid_from", "pk").values_list("pk", flat=True):
        with unit_of_work():
            counts["catalogue_moved"] += _switch_version(
                locked(Catalogue.objects).get(pk=pk), actor=None
            )
    still_classified = SecretItem.objects.filter(
        status=ItemStatus.CLASSIFIED, catalogue_item__isnull=False
    ).values("catalogue_item_id")
    removed = CatalogueItem.objects.filter(removed_on__lte=today).filter(
        Q(is_active=True) | Q(pk__in=still_classified)
    )
    for pk in removed.order_by("removed_on", "pk").values_list("pk", flat=True):
        with unit_of_work():
            entry = locked(CatalogueItem.objects).select_related("catalogue").get(pk=pk)
            counts["catalogue_declassified"] += _apply_removal(entry, actor=None)
    changed = CatalogueItem.objects.filter(
        changes__change=Change.LEVEL, changes__effective_on__lte=today
    ).distinct()
    for pk in changed.order_by("pk").values_list("pk", flat=True):
        with unit_of_work():
            entry = locked(CatalogueItem.objects).select_related("catalogue").get(pk=pk)
            counts["catalogue_above"] += _apply_level(entry, today, actor=None)
    return counts
