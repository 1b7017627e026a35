"""Fields of API request bodies that name an object by its id.

An unbounded `IntegerField` let any number through to a query (`pk__in`, a foreign key): past
2**63-1 the database raised an error and the API answered 500. An `IdField` refuses such a
number with a 400 that names the field, and the schema says its range.
"""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bmnn.core.params import MAX_DATABASE_INT


class IdField(serializers.IntegerField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_DATABASE_INT)
        super().__init__(**kwargs)
