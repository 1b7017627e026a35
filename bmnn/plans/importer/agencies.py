"""Recognising agency and group names in a plan's words, against the province's directory.

Plans write the same body many ways: "Ủy ban nhân dân các xã, phường" and "UBND các xã,
phường", "Sở TT&TT" and "Sở Thông tin và Truyền thông", with or without diacritics, with the
province's name or without it. Both the directory's names and the plan's words are brought to
one canonical form (folded, long forms contracted to their usual abbreviations, province names
dropped) and matched longest first; whatever is left is kept in the plan's own words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bmnn.core.text import fold, fold_aligned
from bmnn.plans.importer.model import Party

# Long form -> the abbreviation plans also use; applied to folded text, longest first.
CONTRACTIONS = [
    ("mat tran to quoc viet nam", "mttq"),
    ("mat tran to quoc", "mttq"),
    ("mttq viet nam", "mttq"),
    ("uy ban nhan dan", "ubnd"),
    ("hoi dong nhan dan", "hdnd"),
    ("dai bieu quoc hoi", "dbqh"),
    ("thong tin va truyen thong", "tt&tt"),
    ("tt va tt", "tt&tt"),
    ("khoa hoc va cong nghe", "kh&cn"),
    ("van hoa, the thao va du lich", "vhtt&dl"),
    ("van hoa the thao va du lich", "vhtt&dl"),
    ("giao duc va dao tao", "gd&dt"),
    ("lao dong, thuong binh va xa hoi", "ldtb&xh"),
    ("nong nghiep va moi truong", "nn&mt"),
    ("nong nghiep va phat trien nong thon", "nn&ptnt"),
    ("tai nguyen va moi truong", "tn&mt"),
    ("dan toc va ton giao", "dt&tg"),
    ("trung uong", "tw"),
    ("van phong", "vp"),
    ("ban chap hanh", "bch"),
]
ORG_WORDS = (
    "so", "ban", "vp", "ubnd", "uy ban", "cong an", "bao", "dai", "hoi", "thanh tra", "kho bac",
    "cuc", "chi cuc", "toa an", "vien", "lien doan", "tinh doan", "bao hiem", "ngan hang", "cac",
    "bo chi huy", "thue", "hai quan", "cong ty", "truong", "trung tam", "mttq", "hdnd",
)  # fmt: skip
FILLER = {"", "va", "voi", "de nghi", "giao", "cac", "cung", "tinh", "cua", "gom"}
VAGUE = re.compile(r"^(cac )?(co quan|don vi|dia phuong)[ ,a-z]*lien quan$")


@dataclass(frozen=True)
class AgencyEntry:
    id: int
    name: str
    type: str = ""


@dataclass(frozen=True)
class GroupEntry:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


class Canonical:
    """A canonical form of some words, with the position in the original of each character."""

    def __init__(self, text: str, drop: Iterable[str] = ()) -> None:
        folded = fold_aligned(text)
        chars = list(folded)
        positions = list(range(len(folded)))
        for long, short in [*CONTRACTIONS, *((name, "") for name in drop)]:
            chars, positions = self._replace(chars, positions, long, short)
        # one space between words, none before punctuation
        out_chars: list[str] = []
        out_pos: list[int] = []
        for ch, pos in zip(chars, positions, strict=True):
            if ch.isspace():
                if out_chars and out_chars[-1] != " ":
                    out_chars.append(" ")
                    out_pos.append(pos)
                continue
            if ch in ",;" and out_chars and out_chars[-1] == " ":
                out_chars.pop()
                out_pos.pop()
            out_chars.append(ch)
            out_pos.append(pos)
        self.text = "".join(out_chars).strip()
        offset = len("".join(out_chars)) - len("".join(out_chars).lstrip())
        self.positions = out_pos[offset : offset + len(self.text)]

    @staticmethod
    def _replace(
        chars: list[str], positions: list[int], long: str, short: str
    ) -> tuple[list[str], list[int]]:
        text = "".join(chars)
        pattern = re.compile(rf"(?<![a-z0-9&]){re.escape(long)}(?![a-z0-9&])")
        if not pattern.search(text):
            return chars, positions
        new_chars: list[str] = []
        new_pos: list[int] = []
        cursor = 0
        for match in pattern.finditer(text):
            new_chars.extend(chars[cursor : match.start()])
            new_pos.extend(positions[cursor : match.start()])
            new_chars.extend(short)
            # first character at the start of the long form, the rest at its end, so a span
            # that covers the abbreviation covers all of the original words
            if short:
                tail = [positions[match.end() - 1]] * (len(short) - 1)
                new_pos.extend([positions[match.start()], *tail])
            cursor = match.end()
        new_chars.extend(chars[cursor:])
        new_pos.extend(positions[cursor:])
        return new_chars, new_pos

    def original_span(self, start: int, end: int, original: str) -> str:
        """The original words behind canonical characters start..end."""
        if start >= end:
            return ""
        first = self.positions[start]
        last = self.positions[end - 1]
        # extend to the end of the original word the last character belongs to
        while (
            original[last].isalnum() and last + 1 < len(original) and original[last + 1].isalnum()
        ):
            last += 1
        return original[first : last + 1]


def canonical(text: str, drop: Iterable[str] = ()) -> str:
    return Canonical(text, drop).text


class Resolver:
    """Finds directory agencies and groups in a piece of a plan."""

    def __init__(
        self,
        agencies: Iterable[AgencyEntry],
        groups: Iterable[GroupEntry] = (),
        place_names: Iterable[str] = (),
    ) -> None:
        self.place_names = sorted(
            {fold(p) for p in place_names if p.strip()}, key=len, reverse=True
        )
        self.patterns: dict[str, tuple[str, AgencyEntry | GroupEntry]] = {}
        for agency in agencies:
            key = self._canon(agency.name)
            if key:
                self.patterns.setdefault(key, (agency.name, agency))
        for group in groups:
            for words in (group.name, *group.aliases):
                key = self._canon(words)
                if key:
                    self.patterns.setdefault(key, (group.name, group))
                    if key.startswith("cac "):
                        self.patterns.setdefault(key[4:], (group.name, group))
        alternatives = sorted(self.patterns, key=len, reverse=True)
        self.regex = re.compile(
            r"(?<![a-z0-9&])(" + "|".join(re.escape(a) for a in alternatives) + r")(?![a-z0-9&])"
            if alternatives
            else r"(?!x)x"
        )

    def with_places(self, place_names: Iterable[str]) -> Resolver:
        """A resolver that also ignores the given place names (the plan's own province)."""
        clone = object.__new__(Resolver)
        clone.__dict__.update(self.__dict__)
        extra = {fold(p) for p in place_names if p.strip()}
        clone.place_names = sorted(set(self.place_names) | extra, key=len, reverse=True)
        return clone

    def _canon(self, text: str) -> str:
        return Canonical(text, self._drops()).text

    def _drops(self) -> list[str]:
        return list(self.place_names)

    def resolve(self, words: str) -> list[Party]:
        """Every agency or group named in `words`, in order; unknown names in the plan's words."""
        original = " ".join(words.split())
        canon = Canonical(original, self._drops())
        parties: list[Party] = []
        cursor = 0
        for match in self.regex.finditer(canon.text):
            parties.extend(self._leftovers(canon, cursor, match.start(), original))
            name, entry = self.patterns[match.group(1)]
            party_words = canon.original_span(match.start(), match.end(), original)
            if isinstance(entry, AgencyEntry):
                parties.append(Party(party_words, name, agency_id=entry.id))
            else:
                parties.append(Party(party_words, name, group_code=entry.code))
            cursor = match.end()
        parties.extend(self._leftovers(canon, cursor, len(canon.text), original))
        unique: list[Party] = []
        seen: set[tuple[object, ...]] = set()
        for party in parties:
            key = (party.agency_id, party.group_code, party.name if not party.resolved else "")
            if key not in seen:
                seen.add(key)
                unique.append(party)
        return unique

    def _leftovers(self, canon: Canonical, start: int, end: int, original: str) -> list[Party]:
        piece = canon.text[start:end]
        parties = []
        for part_start, part_end in _split_names(piece):
            words = canon.original_span(start + part_start, start + part_end, original)
            words = words.strip(" ,;.:()").strip()
            key = fold(words)
            for prefix in ("de nghi ", "giao ", "va ", "voi "):
                if key.startswith(prefix):
                    words = words[len(prefix) :].strip()
                    key = key[len(prefix) :]
            if key in FILLER or len(key) < 3:
                continue
            parties.append(Party(words, words))
        return parties


def _split_names(piece: str) -> list[tuple[int, int]]:
    """Splits leftover text on ';' always, and on ',' / ' va ' only between organisation names."""
    spans: list[tuple[int, int]] = []
    position = 0
    for chunk in re.split(r"(;)", piece):
        if chunk == ";":
            position += 1
            continue
        parts = re.split(r"(,| va )", chunk)
        names = [p for p in parts[::2]]
        if len(names) > 1 and all(
            n.strip().startswith(ORG_WORDS) for n in names if n.strip() and n.strip() not in FILLER
        ):
            offset = position
            for index, part in enumerate(parts):
                if index % 2 == 0:
                    spans.append((offset, offset + len(part)))
                offset += len(part)
        else:
            spans.append((position, position + len(chunk)))
        position += len(chunk)
    return spans


def is_vague(party: Party) -> bool:
    """ "các cơ quan, đơn vị liên quan": a coordinator nobody can be held to."""
    return not party.resolved and bool(VAGUE.match(fold(party.words).replace(",", "")))
