"""Numbers read from requests stay within what the database can hold (bmnn.core.params)."""

from __future__ import annotations

import pytest

from bmnn.core.params import MAX_DATABASE_INT, IdConverter, parse_id, parse_int


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        (str(MAX_DATABASE_INT), MAX_DATABASE_INT),
        (str(MAX_DATABASE_INT + 1), None),
        (str(10**30), None),
        ("0", None),
        ("-1", None),
        ("+3", None),
        ("1.5", None),
        ("1e3", None),
        ("abc", None),
        ("", None),
        ("١٢", None),  # Arabic-Indic digits: str.isdigit() says yes, an id says no
        (None, None),
    ],
)
def test_an_id_is_a_positive_64_bit_integer_in_ascii_digits(text, expected) -> None:
    assert parse_id(text) == expected


def test_a_number_outside_its_bounds_reads_as_the_default() -> None:
    assert parse_int("30", default=90, minimum=1, maximum=365) == 30
    assert parse_int("-5", default=90, minimum=-10, maximum=10) == -5
    assert parse_int(str(10**30), default=90, minimum=1, maximum=365) == 90
    assert parse_int("0", default=90, minimum=1, maximum=365) == 90
    assert parse_int("x", default=90, minimum=1, maximum=365) == 90


def test_the_url_converter_refuses_ids_past_the_database_range() -> None:
    converter = IdConverter()
    assert converter.to_python("12") == 12
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_DATABASE_INT + 1))
    with pytest.raises(ValueError):
        converter.to_python("0")
