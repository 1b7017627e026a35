"""The shared reference fields declare what a written-out ForeignKey would: the same migration."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from bmnn.core.fields import agency_field, person_field


def written_out(to: str, **kwargs: object) -> tuple[object, ...]:
    return models.ForeignKey(to, on_delete=models.PROTECT, **kwargs).deconstruct()


def test_a_person_reference_is_protected_and_has_no_reverse_accessor_unless_named() -> None:
    user = settings.AUTH_USER_MODEL
    assert person_field().deconstruct() == written_out(user, related_name="+")
    assert person_field("decided by", optional=True).deconstruct() == written_out(
        user, verbose_name="decided by", null=True, blank=True, related_name="+"
    )
    assert person_field("holder", related_name="held", db_constraint=False).deconstruct() == (
        written_out(user, verbose_name="holder", related_name="held", db_constraint=False)
    )


def test_an_agency_reference_is_protected_and_may_be_optional() -> None:
    assert agency_field(related_name="books").deconstruct() == written_out(
        "org.Agency", related_name="books"
    )
    assert agency_field("agency", optional=True).deconstruct() == written_out(
        "org.Agency", verbose_name="agency", null=True, blank=True, related_name="+"
    )
    assert agency_field().deconstruct() != person_field().deconstruct()
