"""Field declarations that mean the same thing in every app.

A row that names the person who did something, or the agency it concerns, keeps that reference
for as long as it lives: the person or the agency cannot be deleted under it (PROTECT), and unless
a declaration names one, the referenced model gets no reverse accessor (`related_name="+"`). The
factories return plain Django fields, so migrations see exactly what a written-out
`models.ForeignKey(...)` gives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

from django.conf import settings
from django.db import models
from django.db.models.expressions import Combinable
from django.utils.functional import Promise

if TYPE_CHECKING:
    from bmnn.org.models import Agency, Person

M = TypeVar("M", bound=models.Model)


class _Reference(Generic[M]):
    """Declares a protected reference to one model; `optional`: it may be empty (in forms too)."""

    def __init__(self, to: str) -> None:
        self.to = to

    @overload
    def __call__(
        self,
        verbose_name: str | Promise | None = None,
        *,
        optional: Literal[False] = False,
        related_name: str = "+",
        **extra: Any,
    ) -> models.ForeignKey[M | Combinable, M]: ...

    @overload
    def __call__(
        self,
        verbose_name: str | Promise | None = None,
        *,
        optional: Literal[True],
        related_name: str = "+",
        **extra: Any,
    ) -> models.ForeignKey[M | Combinable | None, M | None]: ...

    def __call__(
        self,
        verbose_name: str | Promise | None = None,
        *,
        optional: bool = False,
        related_name: str = "+",
        **extra: Any,
    ) -> Any:
        if verbose_name is not None:
            extra["verbose_name"] = verbose_name
        if optional:
            extra.update(null=True, blank=True)
        return models.ForeignKey(
            self.to, on_delete=models.PROTECT, related_name=related_name, **extra
        )


# the person who did or holds something, and the agency a row belongs to or concerns
person_field: _Reference[Person] = _Reference(settings.AUTH_USER_MODEL)
agency_field: _Reference[Agency] = _Reference("org.Agency")
