"""Numbers that come from a request: query strings, URL paths, API filters.

A request may carry any digits. The database stores ids and counts in signed 64-bit integers:
a larger number reaching a query makes SQLite raise OverflowError and PostgreSQL
NumericValueOutOfRange, i.e. a server error instead of "not found" or "invalid". Every number
read from a request goes through these readers, which treat anything outside the range (or not
plain ASCII digits) as absent or invalid.
"""

from __future__ import annotations

MAX_DATABASE_INT = 2**63 - 1  # signed 64-bit: SQLite INTEGER, PostgreSQL bigint


def parse_id(value: object) -> int | None:
    """A database id (1 … 2**63-1) written in ASCII digits, else None (absent or invalid)."""
    text = value.strip() if isinstance(value, str) else ""
    if not (text.isascii() and text.isdigit()) or len(text) > 19:
        return None
    number = int(text)
    return number if 0 < number <= MAX_DATABASE_INT else None


def parse_int(value: object, *, default: int, minimum: int, maximum: int) -> int:
    """A whole number within [minimum, maximum] (optionally signed), else the default."""
    text = value.strip() if isinstance(value, str) else ""
    digits = text[1:] if text[:1] in {"-", "+"} else text
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 19:
        return default
    number = int(text)
    return number if minimum <= number <= maximum else default


class IdConverter:
    """The `<id:pk>` path converter: Django's `int`, bounded to the database's range, so that
    /registry/items/1000000000000000000000/ is a 404 rather than a server error."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # the URL resolver reads this as "no match": 404
        return number

    def to_url(self, value: int | str) -> str:
        return str(value)
