"""Sorting the Vietnamese way: by the letters of the Vietnamese alphabet, then by tone.

Code-point order puts "Đ…" and "Ủ…" after "Z" and "ă" after "z": a reader looking for "Sở Tư
pháp" in a list does not expect that. The alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q
r s t u ư v x y (f, j, w, z of foreign words sit where Latin puts them); words that differ only by
tone follow the dictionaries' order: level, huyền, hỏi, ngã, sắc, nặng ("ma, mà, mả, mã, má,
mạ"). Numbers inside a name compare as numbers ("Xã 2" before "Xã 10"). Case decides last.

`vietnamese_key` is for lists sorted in Python and templates (`vi_sort` filter in
`bmnn.core.templatetags.bmnn_format`). For database ordering, `vietnamese_order` names a
collation: PostgreSQL's ICU collation "vi-x-icu" and, on SQLite, a collation "vietnamese"
registered on every new connection (`register_sqlite_collation`) with the same key.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any, TypeVar

T = TypeVar("T")

# Letters in order; each modified vowel is a letter of its own. Foreign letters where Latin has
# them. Decomposed: a letter is its base plus its shape mark (breve, circumflex, horn).
_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_ALPHABET = [unicodedata.normalize("NFD", letter) for letter in _LETTERS]
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
_SHAPES = {_BREVE, _CIRCUMFLEX, _HORN}
# Tone marks in dictionary order (no mark is 0).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Primary weights: separators lowest, then digits (as numbers), then letters, then the rest.
_SPACE, _NUMBER, _LETTER, _OTHER = 0, 1, 2, 3
_TOKENS = re.compile(r"\d+|\s+|.", re.S)


@lru_cache(maxsize=65536)
def vietnamese_key(text: str) -> tuple[tuple[int, ...], tuple[int, ...], str]:
    """A sort key: letters (Vietnamese alphabet, digits as numbers), then tones, then case and
    the text itself so that equal keys only come from equal strings."""
    if not text:
        return ((), (), "")
    decomposed = unicodedata.normalize("NFD", str(text))
    primary: list[int] = []
    tones: list[int] = []
    for token in _TOKENS.findall(decomposed):
        first = token[0]
        if first.isdigit() and first.isascii():
            primary += [_NUMBER, int(token)]
        elif first.isspace() or first in "-–—,.;:()/&'\"":
            if primary and primary[-1] != _SPACE:
                primary.append(_SPACE)
        elif unicodedata.combining(first):
            _mark(first, primary, tones)
        else:
            lower = first.lower()
            rank = _LETTER_RANK.get(lower)
            if rank is None:
                primary += [_OTHER, ord(lower)]
            else:
                primary += [_LETTER, rank]
                tones.append(0)
    return tuple(primary), tuple(tones), text


def _mark(mark: str, primary: list[int], tones: list[int]) -> None:
    """A combining mark after a letter: a shape mark makes it another letter, a tone mark sets
    the letter's tone."""
    if mark in _SHAPES and len(primary) >= 2 and primary[-2] == _LETTER:
        letter = _ALPHABET[primary[-1]] + mark
        if letter in _LETTER_RANK:
            primary[-1] = _LETTER_RANK[letter]
            return
    if mark in _TONES and tones:
        tones[-1] = _TONES[mark]


def vietnamese_sorted(rows: Iterable[T], key: Callable[[T], Any] | None = None) -> list[T]:
    """`rows` in Vietnamese order of `key(row)` (the row itself when no key is given)."""
    pick = key or (lambda row: row)
    return sorted(rows, key=lambda row: vietnamese_key(str(pick(row) or "")))


def person_key(full_name: str) -> tuple[Any, ...]:
    """People the Vietnamese way: by given name (the last word), then the whole name ("Nguyễn
    Thị Hoa" before "Trần Văn Định" before "Lê Thị Thu Hằng")."""
    words = str(full_name or "").split()
    return (vietnamese_key(words[-1] if words else ""), vietnamese_key(str(full_name or "")))


# --- database ordering ---------------------------------------------------------------------

SQLITE_COLLATION = "vietnamese"
POSTGRES_COLLATION = "vi-x-icu"


def _collate(left: str, right: str) -> int:
    a, b = vietnamese_key(left or ""), vietnamese_key(right or "")
    return (a > b) - (a < b)


def register_sqlite_collation(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """`connection_created` receiver: gives each new SQLite connection the "vietnamese"
    collation (PostgreSQL has ICU's "vi-x-icu" built in)."""
    if connection is not None and connection.vendor == "sqlite":
        connection.connection.create_collation(SQLITE_COLLATION, _collate)


def vietnamese_order(field: str, descending: bool = False) -> Any:
    """An `order_by` term sorting a text column the Vietnamese way on SQLite and PostgreSQL
    (other databases: plain order)."""
    from django.db import connection
    from django.db.models import F
    from django.db.models.functions import Collate

    collation = {"sqlite": SQLITE_COLLATION, "postgresql": POSTGRES_COLLATION}.get(
        connection.vendor
    )
    expression: Any = Collate(F(field), collation) if collation else F(field)
    return expression.desc() if descending else expression.asc()
