"""Vietnamese text normalisation for marking search: Unicode NFC, case, optional removal of
diacritics, and the confusions OCR makes (0/O, 1/I/l, Đ/D, split or doubled spaces)."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Characters a stamp's border or a scan's noise puts around the words.
_FRAME = re.compile(r"^[\s|\[\](){}<>\-_=*#~.,:;'\"`!/\\]+|[\s|\[\](){}<>\-_=*#~.,:;'\"`!/\\]+$")
# Inside words OCR confuses digits and letters; only applied to the letters-only comparison.
OCR_LETTERS = str.maketrans(
    {"0": "O", "1": "I", "l": "I", "|": "I", "!": "I", "5": "S", "8": "B", "$": "S"}
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def strip_diacritics(text: str) -> str:
    """ "TỐI MẬT" → "TOI MAT"; đ/Đ become d/D (they do not decompose)."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def collapse(text: str) -> str:
    """Single spaces, no frame characters at either end."""
    return _FRAME.sub("", _SPACES.sub(" ", nfc(text))).strip()


def letters_key(text: str) -> str:
    """Upper-case letters only, without diacritics or spaces, OCR confusions folded: the form in
    which "T Ố I  M Ậ T", "TOI MAT" and "T0I MẬT" compare equal."""
    folded = strip_diacritics(collapse(text)).translate(OCR_LETTERS).upper()
    return "".join(ch for ch in folded if ch.isalpha())


def is_upper(text: str) -> bool:
    """All cased letters are upper case (a stamp), ignoring OCR's lower-case l for I."""
    letters = [ch for ch in text.replace("l", "I") if ch.isalpha()]
    return bool(letters) and all(not ch.islower() for ch in letters)


def fold(text: str) -> str:
    """Lower case without diacritics, single spaces: for searching prose."""
    return strip_diacritics(collapse(text)).lower()
