"""Vietnamese text helpers: folding for search that tolerates missing diacritics.

People type "so tu phap" for "Sở Tư pháp"; search compares folded forms. Folding is NFD
decomposition without combining marks, with đ/Đ mapped to d (it is a separate letter, not a
mark), lower-cased and with runs of whitespace collapsed.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """'Sở Tư pháp  Đồng Nai' -> 'so tu phap dong nai'."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped).strip().lower()


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(19|20)\d\d")


def search_key(phrase: str) -> str:
    """The part of a folded search phrase for a trigram index to look up; the whole phrase is
    then checked on the rows found. A trigram index reads, for every row that holds its rarest
    trigram, the lists of all the others: common words ("cong van", "phoi hop") in a phrase
    make it read most of the index. A number or symbol ("1235", "45/cv-stp") is what sets a
    document apart, so a word with a digit, at least three characters long (an index cannot look
    up less) and not a bare year (most documents of a year carry it), is looked up alone.
    Otherwise the whole phrase is."""
    words = [
        word
        for word in phrase.split(" ")
        if len(word) >= 3 and _DIGIT.search(word) and not _YEAR.fullmatch(word)
    ]
    return max(words, key=len) if words else phrase


def fold_aligned(text: str) -> str:
    """Like `fold`, but keeps one output character per input character of the NFC text, so a
    match found in the folded text slices the original words at the same positions."""
    out = []
    for ch in nfc(text):
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0].lower()
        out.append(base[0] if base else ch)
    return "".join(out)


def parse_day(text: str) -> date:
    """A day typed as dd/mm/yyyy (the Vietnamese way) or yyyy-mm-dd; a clear error otherwise."""
    from datetime import datetime

    from django.core.exceptions import ValidationError
    from django.utils.translation import gettext as _

    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValidationError(_("Write dates as dd/mm/yyyy."))
