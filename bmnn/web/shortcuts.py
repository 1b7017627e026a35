"""What the views of every app share."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404

T = TypeVar("T")


def found_or_404(found: T | None) -> T:
    """`found`, or "not found" when there is none: a record the reader may not see is answered
    as one that does not exist."""
    if found is None:
        raise Http404
    return found
