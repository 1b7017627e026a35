"""The legal rules of the state-secret registry, as plain functions. No Django imports.

Each function names the article it implements. Law 117/2025/QH15 ("L25", in force 01/3/2026)
kept the frame and most rules of Law 29/2018/QH14 ("L18"); where only L18's text could be read,
the docstring says so (see shared/domain/SOURCES.md: [V] read in the law, [S] from summaries).
Numbers and lists are data at the top of the module, with their source, so a change of the
rules is a change of data. Rules that changed between the 2018 law, the interim of 01/7/2025 and
the 2025 law are looked up by the date of the act in one dated table (`Regime`, `regime_on`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

# The levels, their order, names and envelope letters: bmnn.core.levels (L18 Art. 8).
from bmnn.core.levels import ENVELOPE_LETTER, LEVELS, MAT, RANK, TOI_MAT, TUYET_MAT

# L18 Art. 19.1 [V]; L25 keeps 30/20/10 years [S].
BASE_PERIOD_YEARS = {TUYET_MAT: 30, TOI_MAT: 20, MAT: 10}
# L18 Art. 20.1 [V]: an extension is decided at the latest 60 days before the period ends.
EXTENSION_NOTICE_DAYS = 60
# L18 Art. 20.4, 21.5, 22.6 [V] (L25 Art. 21 keeps 15 days [S]): holders are told in writing.
HOLDER_NOTICE_DAYS = 15

# --- Regimes: which texts judge an act, by the date of the act ---------------------------------
# An act (a copy authorised, a provision decided, a destruction decided, a meeting consented to,
# an entry registered) is judged by the regime in force on the day it is done, not on the day
# it is checked or shown. The three regimes follow one another without a gap (see `REGIMES`).
# Only the rules that differ between them are held here; everything else in this module is the
# same in all three (periods, extension, envelope marks, ...).
#
# What could be confirmed about the interim regime (search of public pages and repositories,
# December 2026; LAW.md and SOURCES.md §11 mark it as summaries to verify):
# - Law 81/2025/QH15 is dated 24/6/2025 and in force from 01/7/2025; it is a law amending
#   several laws, first of all the Law on the Organisation of People's Courts (regional courts
#   replace district ones) [3P: consolidated-text notes in public legal-data repositories].
#   Dantri (08/3/2026) speaks of "Law 29/2018 as amended by Law 81/2025" [S]. Its text on
#   Law 29/2018 was not found: which articles it changed is not confirmed.
# - Decree 184/2025/NĐ-CP is dated and in force 01/7/2025; its title is the allocation of powers
#   for two-tier local government and amendments of Government decrees on security and order
#   [3P: document metadata in a public legal-data repository]. Its provisions on Decree 26/2020
#   (or on who authorises copies in a commune) were not found.
# - Not confirmed, and doubtful: that commune titles had copy authority before 01/3/2026.
#   Dantri presents the commune titles as new in Law 117/2025 compared with the amended 2018
#   law. The interim table below gives communes the 2025 law's powers (district titles moved to
#   communes when districts ended on 01/7/2025), as the project decided; change the data here if
#   the texts say otherwise.

# Article keys, used by `cite` and in the regimes' `articles`.
COPY, PROVISION, DESTRUCTION, COUNCIL = "copy", "provision", "destruction", "council"
MEETING, MEETING_FOREIGN, SUMMARY = "meeting", "meeting_foreign", "summary"
# How a regime treats the summary (trích yếu) of a Tuyệt mật item in registers and prints.
SUMMARY_WITH_CONSENT, SUMMARY_NEVER = "with_consent", "never"

# Who may authorise copying (and, by L18 Art. 15.1, providing) at each level: the head of an
# agency of this type. L18 Art. 11.1–11.3 [V], police list TT104 Art. 4 [V]:
# - provincial police director: all three levels (TT104);
# - Chairman of the provincial People's Committee: Tuyệt mật list (L18 Art. 11.1);
# - "central" holds tax, treasury and customs units as well as the provincial courts and
#   procuracies (Tuyệt mật, Art. 11.1.e), so central heads get Tối mật and Mật;
# - heads of provincial departments, boards and socio-political organisations, chairs and
#   directors of state enterprises: Tối mật, Mật (Art. 11.2);
# - heads of offices of the People's Committee and Council (department level): Tối mật, Mật;
# - press: Mật only (as encoded before; where Art. 11 places a provincial paper's head is not
#   checked).
# Under L18 the district Party secretary and the district People's Council and Committee chairs
# had Tối mật, district division heads Mật (Art. 11.2–11.3); BMNN has no district agency type,
# so they are not in the table, and communes had no copy authority at all.
_PROVINCE_COPY_AUTHORITY: dict[str, frozenset[str]] = {
    "provincial_police": frozenset(LEVELS),
    "peoples_committee": frozenset(LEVELS),
    "committee_office": frozenset({TOI_MAT, MAT}),
    "council_office": frozenset({TOI_MAT, MAT}),
    "department": frozenset({TOI_MAT, MAT}),
    "board": frozenset({TOI_MAT, MAT}),
    "party": frozenset({TOI_MAT, MAT}),
    "front": frozenset({TOI_MAT, MAT}),
    "central": frozenset({TOI_MAT, MAT}),
    "enterprise": frozenset({TOI_MAT, MAT}),
    "press": frozenset({MAT}),
}
# L25 Art. 11 [S: dantri 08/3/2026; SOURCES.md §3.5 "L25 changes"]: district titles removed;
# Tối mật and Mật: the commune Party committee secretary ("commune_party"), the chairs of the
# commune People's Committee ("commune") and People's Council (no agency type of its own);
# Mật only: heads of divisions (trưởng phòng) of the commune People's Committee
# ("commune_division"), the head of the commune Party committee's advisory office and heads of
# the commune People's Council committees (no agency types of their own).
_COMMUNE_COPY_AUTHORITY: dict[str, frozenset[str]] = {
    "commune": frozenset({TOI_MAT, MAT}),
    "commune_party": frozenset({TOI_MAT, MAT}),
    "commune_division": frozenset({MAT}),
}


@dataclass(frozen=True)
class Regime:
    """One set of texts in force from `valid_from` to `valid_to` (last day, inclusive; None
    while in force), with the rules that differ between regimes."""

    code: str
    name: str
    valid_from: date
    valid_to: date | None
    texts: tuple[str, ...]
    copy_authority: Mapping[str, frozenset[str]]
    destruction_council_levels: frozenset[str]
    tuyet_mat_summary: str
    articles: Mapping[str, str]

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


L18 = Regime(
    code="L18",
    name="Law 29/2018/QH14 with Decree 26/2020/NĐ-CP and Circular 24/2020/TT-BCA",
    # In force 01/7/2020; its catalogue, period and extension articles from 01/01/2019
    # (SOURCES.md §1). Those rules are the same in every regime and are not looked up here.
    valid_from=date(2020, 7, 1),
    valid_to=date(2025, 6, 30),
    texts=("Law 29/2018/QH14", "Decree 26/2020/NĐ-CP", "Circular 24/2020/TT-BCA"),
    copy_authority=_PROVINCE_COPY_AUTHORITY,
    # L18 Art. 23.4 [V]: every destruction "when no longer needed" is decided on the proposal
    # of a destruction council set up by the deciding head.
    destruction_council_levels=frozenset(LEVELS),
    # ND26 Art. 4.1.a [V]: a Tuyệt mật summary only with the classifier's consent.
    tuyet_mat_summary=SUMMARY_WITH_CONSENT,
    articles={
        COPY: "L18 Art. 11",
        PROVISION: "L18 Art. 15.1",
        DESTRUCTION: "L18 Art. 23.3.a",
        COUNCIL: "L18 Art. 23.4",
        MEETING: "L18 Art. 17.1.a, 15.1",
        MEETING_FOREIGN: "L18 Art. 17.2, 16",
        SUMMARY: "ND26 Art. 4.1.a",
    },
)

INTERIM = Regime(
    code="L18-2025",
    name=(
        "Law 29/2018/QH14 as amended by Law 81/2025/QH15, with Decree 26/2020/NĐ-CP as amended"
        " by Decree 184/2025/NĐ-CP (two-tier local government)"
    ),
    valid_from=date(2025, 7, 1),
    valid_to=date(2026, 2, 28),
    texts=(
        "Law 29/2018/QH14",
        "Law 81/2025/QH15",
        "Decree 26/2020/NĐ-CP",
        "Decree 184/2025/NĐ-CP",
        "Circular 24/2020/TT-BCA",
    ),
    # District titles gone with the districts, commune titles in (see the note above: not
    # confirmed in the texts).
    copy_authority={**_PROVINCE_COPY_AUTHORITY, **_COMMUNE_COPY_AUTHORITY},
    # Art. 23 was not changed in the interim (summaries; LAW.md lifecycle 11).
    destruction_council_levels=frozenset(LEVELS),
    tuyet_mat_summary=SUMMARY_WITH_CONSENT,
    # The same articles as L18, the copy list as amended.
    articles={**L18.articles, COPY: "L18 Art. 11 as amended 01/7/2025"},
)

L25 = Regime(
    code="L25",
    name="Law 117/2025/QH15 with Decree 63/2026/NĐ-CP",
    valid_from=date(2026, 3, 1),
    valid_to=None,
    texts=("Law 117/2025/QH15", "Decree 63/2026/NĐ-CP"),
    copy_authority={**_PROVINCE_COPY_AUTHORITY, **_COMMUNE_COPY_AUTHORITY},
    # L25 [S; SOURCES.md §9, open question 11]: a council is mandatory for Tuyệt mật; the
    # procedure for Tối mật and Mật is simplified (decision and minutes). Verify.
    destruction_council_levels=frozenset({TUYET_MAT}),
    # Decree 63/2026 [S]: no summary for Tuyệt mật.
    tuyet_mat_summary=SUMMARY_NEVER,
    # Art. 5, 11, 21 and 22 were seen with the 2018 numbers; the others are assumed to keep
    # them (the law keeps the 2018 frame, SOURCES.md §0) [I]: re-check against the text.
    articles={
        COPY: "L25 Art. 11",
        PROVISION: "L25 Art. 15",
        DESTRUCTION: "L25 Art. 23",
        COUNCIL: "L25 Art. 23",
        MEETING: "L25 Art. 17, 15",
        MEETING_FOREIGN: "L25 Art. 17, 16",
        SUMMARY: "ND63/2026",
    },
)

# Oldest first, each starting the day after the previous one ends.
REGIMES = (L18, INTERIM, L25)


def regime_on(day: date) -> Regime:
    """The regime that judges an act done on `day`.

    An act before 01/7/2020 is judged by the oldest regime encoded, Law 29/2018: the Ordinance
    on the Protection of State Secrets (30/2000/PL-UBTVQH10) that preceded it is not encoded, and
    records kept from that time are handled under the 2018 law's rules."""
    for regime in reversed(REGIMES):
        if day >= regime.valid_from:
            return regime
    return REGIMES[0]


def cite(rule: str, on: date) -> str:
    """The article of the regime in force on `on` for `rule` (COPY, PROVISION, ...), as named
    in refusals."""
    return regime_on(on).articles[rule]


# L18 Art. 14.2 [V]: carrying a secret abroad is approved by the Ministers of Defence and of
# Public Security or by the authorities of Art. 11.1 points a–đ and g–l (point e, the
# provincial courts and procuracies, is left out), or their authorised deputies. Inside a
# province that is the Chairman of the People's Committee; the others (Party Secretary,
# delegation and council chairs) act outside BMNN's agency list.
CARRY_ABROAD_AUTHORITY = frozenset({"peoples_committee"})

# ND26 Art. 6.2 [V]: no device that receives, transmits or records in a meeting of these levels.
NO_DEVICE_MEETING_LEVELS = frozenset({TUYET_MAT, TOI_MAT})


class Kind(StrEnum):
    DOCUMENT = "document"
    OBJECT = "object"
    PLACE = "place"
    ACTIVITY = "activity"
    MEETING = "meeting"
    OTHER = "other"


class RuleViolation(ValueError):
    """A transition the rules forbid; `article` names the rule, the message says why."""

    def __init__(self, message: str, article: str) -> None:
        super().__init__(message)
        self.article = article


def _level(level: object) -> str:
    value = getattr(level, "value", level)
    if value not in BASE_PERIOD_YEARS:
        raise ValueError(f"unknown level {level!r}")
    return str(value)


def add_years(day: date, years: int) -> date:
    """The corresponding day `years` later; a 29 February without a match ends on 28 February.

    Civil Code 2015 Art. 148.4: a period in years ends on the corresponding day and month of
    the last year; Art. 148.3 (months): with no corresponding day, the last day of the month —
    applied by analogy to 29 February (SOURCES.md §4.3, open question Q4)."""
    year = day.year + years
    last = calendar.monthrange(year, day.month)[1]
    return date(year, day.month, min(day.day, last))


@dataclass(frozen=True)
class Extension:
    """A decided extension: the new last day, and the day it was decided (for the 60-day rule)."""

    new_end: date
    decided_on: date | None = None


def base_end(level: object, start: date, *, period_years: int | None = None) -> date:
    """Last protected day without extensions. L18 Art. 19.1 [V]: counted from the date the
    level is determined, 30/20/10 years; Art. 19.2: a shorter period may be set for an
    activity when its level is determined."""
    years = BASE_PERIOD_YEARS[_level(level)]
    if period_years is not None:
        if not 0 < period_years <= years:
            raise RuleViolation(
                f"a shorter period must be between 1 and {years} years", "L18 Art. 19.2"
            )
        years = period_years
    return add_years(start, years)


def check_extension(level: object, current_end: date, extension: Extension) -> None:
    """L18 Art. 20.1–20.2 [V]: decided at the latest 60 days before the period ends; each
    extension no longer than the level's base period (counted from the current end, Q6)."""
    years = BASE_PERIOD_YEARS[_level(level)]
    if extension.new_end <= current_end:
        raise RuleViolation("an extension must end after the current period", "L18 Art. 20.2")
    if extension.new_end > add_years(current_end, years):
        raise RuleViolation(
            f"one extension may add at most {years} years for this level", "L18 Art. 20.2"
        )
    if extension.decided_on is not None and extension.decided_on > extension_deadline(current_end):
        raise RuleViolation(
            "an extension must be decided at least 60 days before the period ends", "L18 Art. 20.1"
        )


def protection_end(
    level: object,
    start: date,
    extensions: Iterable[Extension | date] = (),
    *,
    kind: str = Kind.DOCUMENT,
    period_years: int | None = None,
    released_on: date | None = None,
) -> date | None:
    """The last day on which the item is protected (still secret until 24:00 of that day).

    L18 Art. 19.1 [V] (L25 same periods [S]): 30 years for Tuyệt mật, 20 for Tối mật, 10 for
    Mật, from the date the level was determined; Art. 19.2: a shorter period for activities;
    Art. 19.3: a place is protected until it stops being used to hold the secret (None while
    in use); Art. 20: each extension replaces the end, within the rules of `check_extension`.
    """
    level = _level(level)
    if str(getattr(kind, "value", kind)) == Kind.PLACE.value:
        return released_on
    end = base_end(level, start, period_years=period_years)
    for extension in extensions:
        item = extension if isinstance(extension, Extension) else Extension(extension)
        check_extension(level, end, item)
        end = item.new_end
    return end


def extension_deadline(end: date) -> date:
    """Latest day to decide an extension: 60 days before the end (L18 Art. 20.1 [V])."""
    return end - timedelta(days=EXTENSION_NOTICE_DAYS)


def declassified_on(end: date | None) -> date | None:
    """The day an unextended secret stops being one: the day after its last protected day
    (L18 Art. 22.2.a, 22.3 [V]; L25 Art. 22.1.a [S])."""
    return None if end is None else end + timedelta(days=1)


def is_expired(end: date | None, today: date) -> bool:
    return end is not None and today > end


def holder_notice_due(decided_on: date) -> date:
    """Holders are told in writing within 15 days of an extension, a level change or a
    declassification decision (L18 Art. 20.4, 21.5, 22.6 [V])."""
    return decided_on + timedelta(days=HOLDER_NOTICE_DAYS)


# L18 Art. 22.4 [V]: a declassification by decision follows the review of a declassification
# council chaired by a leader of the classifying body, with representatives of the related
# bodies: a chair and at least one other member. L25 Art. 22 was seen only in part [S] and is
# assumed to keep the procedure.
DECLASSIFICATION_COUNCIL_MIN_MEMBERS = 2


def council_complete(members: Iterable[str]) -> bool:
    """Whether the council named (one member a line, the chair first) can have reviewed a
    declassification: the chair and at least one member of a related body (L18 Art. 22.4 [V])."""
    return len([m for m in members if m.strip()]) >= DECLASSIFICATION_COUNCIL_MIN_MEMBERS


def in_catalogue(
    day: date,
    *,
    active: bool = True,
    entry_from: date | None = None,
    removed_on: date | None = None,
    catalogue_from: date | None = None,
    catalogue_to: date | None = None,
) -> bool:
    """Whether a catalogue entry is in force on `day`, so that information may be classified
    under it (L18 Art. 9, 10.1 [V]; classifying what is in no catalogue is prohibited, L25
    Art. 5.1 [S]). The catalogue (a Prime Minister's decision) runs from `catalogue_from` to
    `catalogue_to` inclusive, the entry from `entry_from`; `removed_on` is the first day the
    entry is no longer in the catalogue. Open dates are unbounded."""
    return (
        active
        and (catalogue_from is None or catalogue_from <= day)
        and (catalogue_to is None or day <= catalogue_to)
        and (entry_from is None or entry_from <= day)
        and (removed_on is None or day < removed_on)
    )


def above_catalogue(level: object, catalogue_level: object) -> bool:
    """Whether an item is classified above what its catalogue entry now allows: the level
    follows the catalogue when determined and when changed (L18 Art. 10.1, 21.2 [V]), so after
    the entry's level is lowered such items are for their classifier to review."""
    return RANK[_level(level)] > RANK[_level(catalogue_level)]


def envelope_mark(level: object) -> str:
    """A / B / C on the envelope (ND26 Art. 4.1.b [V]); Tuyệt mật also goes in two envelopes."""
    return ENVELOPE_LETTER[_level(level)]


def summary_allowed(
    level: object, registered_on: date, *, classifier_consent: bool = False
) -> bool:
    """Whether the summary (trích yếu) may be written in registers, prints, exports, screens,
    judged by the regime of the day the record was made (`regime_on(registered_on)`).

    Decree 63/2026 [S]: never for Tuyệt mật (records from 01/3/2026). Before that, ND26
    Art. 4.1.a [V] (unchanged in the interim): only with the classifier's consent."""
    if _level(level) != TUYET_MAT:
        return True
    if regime_on(registered_on).tuyet_mat_summary == SUMMARY_NEVER:
        return False
    return classifier_consent


def may_classify(clearance: str, level: object) -> bool:
    """Nobody classifies above their own clearance (issue 4; L18 Art. 10.2 gives the power to
    the head, who must be able to read what they classify)."""
    return RANK.get(clearance, 0) >= RANK[_level(level)]


def may_access(clearance: str, level: object) -> bool:
    """Access needs a clearance at or above the item's level (L18 Art. 26; need-to-know is
    checked separately, by grant)."""
    return RANK.get(clearance, 0) >= RANK[_level(level)]


def may_authorise_copy(agency_type: str, level: object, *, on: date) -> bool:
    """The head of an agency of this type may authorise copying or photographing at this level
    on the day `on`, by the table of the regime then in force: L18 Art. 11.1–11.3 [V] (TT104
    Art. 4 for the police [V]) with no commune titles; from 01/7/2025 and under L25 Art. 11 [S]
    the commune titles (see `Regime.copy_authority`)."""
    return _level(level) in regime_on(on).copy_authority.get(agency_type, frozenset())


# L18 Art. 11.1 [V]: in a province, the Chairman of the provincial People's Committee is one of
# the Tuyệt mật copy authorities, and so authorises every lower level too (Art. 11.2.a, 11.3.a
# name the persons of 11.1 first). A request to copy that the head of the item's own agency may
# not authorise at its level goes to them (agency type "peoples_committee"), as a trip abroad
# does (`CARRY_ABROAD_AUTHORITY`). The Party Secretary and the Council chairman, also on the
# list, act outside BMNN's agency list.
PROVINCE_COPY_AUTHORITY = frozenset({"peoples_committee"})
HEAD, PROVINCE = "head", "province"


def copy_decider(agency_type: str, level: object, *, on: date) -> str | None:
    """Who authorises copying an item of this level kept by an agency of this type, on the
    day `on`: HEAD, the head of that agency, when its own copy authority covers the level;
    otherwise PROVINCE, the province's Art. 11.1 authority (`PROVINCE_COPY_AUTHORITY`), when its
    authority covers it; None when nobody in the province may."""
    if may_authorise_copy(agency_type, level, on=on):
        return HEAD
    if any(may_authorise_copy(kind, level, on=on) for kind in PROVINCE_COPY_AUTHORITY):
        return PROVINCE
    return None


def may_authorise_provision(agency_type: str, level: object, *, on: date) -> bool:
    """Providing or transferring to a Vietnamese body or person: the copy authorities of the
    level on that day (L18 Art. 15.1 [V]: the lists of Art. 11)."""
    return may_authorise_copy(agency_type, level, on=on)


def may_decide_destruction(agency_type: str, level: object, *, on: date) -> bool:
    """Destruction is decided by the persons who may authorise copying of Tuyệt mật and Tối
    mật (L18 Art. 23.3.a [V]; LAW.md lifecycle 11; SOURCES.md §11, last bullet). The article
    names no per-level limit among them, so a head whose copy authority on that day includes
    Tuyệt mật or Tối mật decides the destruction of an item of any level — a Tối-mật-only
    authority included for Tuyệt mật. Mật-only authorities (and heads with none) do not. The
    2025 wording was not read; L25 is assumed to keep the rule (verify)."""
    _level(level)
    powers = regime_on(on).copy_authority.get(agency_type, frozenset())
    return bool(powers & {TUYET_MAT, TOI_MAT})


def destruction_needs_council(level: object, *, on: date) -> bool:
    """Whether a destruction decided on `on` needs a destruction council. L18 Art. 23.4 [V]
    (unchanged in the interim): every destruction of an item no longer needed is decided on a
    council's proposal. L25 [S]: a council is mandatory for Tuyệt mật only; Tối mật and Mật
    follow a simplified procedure (decision and minutes) — verify (LAW.md lifecycle 11)."""
    return _level(level) in regime_on(on).destruction_council_levels


def may_approve_carry_out(agency_type: str, *, abroad: bool, own_agency: bool) -> bool:
    """Who approves taking a secret out of its storage place. At home: the head of the agency
    that manages it (L18 Art. 14.1 [V]; ND26 Art. 5.1). Abroad: the Art. 14.2 authorities
    (`CARRY_ABROAD_AUTHORITY`), whichever agency keeps the secret."""
    if abroad:
        return agency_type in CARRY_ABROAD_AUTHORITY
    return own_agency


@dataclass(frozen=True)
class MeetingPlan:
    """What the organiser declares about a meeting with secret content (L18 Art. 17–18; ND26
    Art. 6)."""

    level: str
    days: int = 1
    at_headquarters: bool = True
    venue_checked_by_police: bool = False
    wired_microphones: bool = True
    recording_devices: bool = False
    devices_allowed_by_chair: bool = False
    video_conference: bool = False
    protected_link: bool = False
    protection_plan: str = ""
    foreign_element: bool = False
    participants_screened: bool = False


def meeting_violations(plan: MeetingPlan) -> list[RuleViolation]:
    """Every requirement the declared meeting fails, each with its article; empty when it may
    go ahead (the consent of the provision authority is checked by whoever gives it)."""
    level = _level(plan.level)
    found: list[RuleViolation] = []
    if plan.days < 1:
        found.append(RuleViolation("a meeting lasts at least one day", "ND26 Art. 6"))
    if not plan.protection_plan.strip():
        found.append(
            RuleViolation(
                "a meeting with secret content needs a protection plan",
                "L18 Art. 17.1; ND26 Art. 6",
            )
        )
    if not plan.at_headquarters and not plan.venue_checked_by_police:
        found.append(
            RuleViolation(
                "a venue outside the agency's headquarters must be security-checked by the police",
                "ND26 Art. 6",
            )
        )
    if not plan.wired_microphones:
        found.append(
            RuleViolation("meetings with secret content use wired microphones", "ND26 Art. 6.2")
        )
    if plan.video_conference and not plan.protected_link:
        found.append(
            RuleViolation(
                "a video conference needs a link protected under the cipher law", "ND26 Art. 6.2"
            )
        )
    if plan.recording_devices:
        if level in NO_DEVICE_MEETING_LEVELS:
            found.append(
                RuleViolation(
                    "no device that receives, transmits or records is allowed at this level",
                    "ND26 Art. 6.2",
                )
            )
        elif not plan.devices_allowed_by_chair:
            found.append(
                RuleViolation(
                    "recording or transmitting devices in a Mật meeting need the chair's permission",
                    "ND26 Art. 6.2",
                )
            )
    if level == TUYET_MAT and not plan.participants_screened:
        found.append(
            RuleViolation("participants in a Tuyệt mật meeting are security-checked", "ND26 Art. 6")
        )
    return found


def meeting_needs_daily_seal(days: int) -> bool:
    """A meeting of two days or more: the room is sealed after each day (ND26 Art. 6 [V])."""
    return days >= 2


def may_consent_to_meeting(
    agency_type: str, level: object, *, foreign_element: bool, on: date
) -> bool:
    """Consent given on `on` comes from the provision authority of the level that day (L18
    Art. 17.1.a [V]); with a foreign element, from the Art. 16 authority in writing (Art.
    17.2): inside a province the Chairman of the People's Committee, for Tối mật and Mật only
    (Tuyệt mật: the Prime Minister)."""
    if foreign_element:
        return agency_type in CARRY_ABROAD_AUTHORITY and _level(level) != TUYET_MAT
    return may_authorise_provision(agency_type, level, on=on)


# --- decisions on the period: dates, level change, alerts --------------------------------------


def check_decision_date(decided_on: date, recorded_on: date, *, grace_days: int) -> None:
    """A decision on the period (extension, level change) is dated neither after the day it is
    recorded nor more than `grace_days` before it. Without this, a decision recorded after the
    60-day deadline of L18 Art. 20.1 could be backdated to pass it (issue 14, point 3)."""
    if decided_on > recorded_on:
        raise RuleViolation("a decision cannot be dated in the future", "L18 Art. 20.1")
    if decided_on < recorded_on - timedelta(days=grace_days):
        raise RuleViolation(
            f"a decision is recorded within {grace_days} days of its date; an older one cannot "
            "be entered as if it had been decided in time",
            "L18 Art. 20.1",
        )


def level_change_end(
    from_level: object,
    to_level: object,
    current_end: date | None,
    determined_on: date | None,
    decided_on: date,
    requested_end: date | None = None,
) -> date | None:
    """The protection end after a change of level (L18/L25 Art. 21).

    The texts say nothing of the period after a level change (SOURCES.md §11; open question Q7),
    so BMNN's rule (LAW.md lifecycle 9): the change never silently shortens a period that was
    set or extended and never declassifies. Without a stated end, a raise keeps the later of the
    current end and the new level's base period from the determination (a higher level is
    protected at least as long); a lowering keeps the current end. A stated end must fall after
    the decision (else the change would declassify) and no later than the new level's full base
    period counted from the decision or the current end, whichever is later."""
    if current_end is None:  # a place: protected until released, whatever its level
        return None
    years = BASE_PERIOD_YEARS[_level(to_level)]
    if requested_end is None:
        if RANK[_level(to_level)] > RANK[_level(from_level)] and determined_on is not None:
            return max(current_end, add_years(determined_on, years))
        return current_end
    if requested_end <= decided_on:
        raise RuleViolation(
            "a level change cannot end the protection: declassify by decision instead",
            "L18 Art. 21, 22",
        )
    latest = max(current_end, add_years(decided_on, years))
    if requested_end > latest:
        raise RuleViolation(
            f"the end may be at most {latest:%d/%m/%Y} for this level", "L18 Art. 19.1, 21"
        )
    return requested_end


# Alerts before the extension deadline (days before the deadline, 60 days before the end) and,
# once it has passed, before the automatic declassification (days before the end). A product
# choice (SOURCES.md §4.3 "Alerts"), not law: the law only sets the deadline.
EXTENSION_ALERTS_BEFORE_DEADLINE = (30, 7, 0)
LAPSE_ALERTS_BEFORE_END = (59, 30, 7)  # 59: the first day after the deadline


def period_alert(end: date, today: date) -> tuple[str, int] | None:
    """Which alert is due today for an item protected until `end`: ("extend", n) when the
    extension deadline is n days away or less (n from EXTENSION_ALERTS_BEFORE_DEADLINE);
    ("lapse", n) when the deadline has passed and the end is n days away or less; None
    otherwise. The window number is the key that makes each alert go once."""
    deadline = extension_deadline(end)
    if today <= deadline:
        left = (deadline - today).days
        windows = [w for w in EXTENSION_ALERTS_BEFORE_DEADLINE if left <= w]
        return ("extend", min(windows)) if windows else None
    if today <= end:
        left = (end - today).days
        windows = [w for w in LAPSE_ALERTS_BEFORE_END if left <= w]
        return ("lapse", min(windows)) if windows else None
    return None
