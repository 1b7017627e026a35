"""ZIP archives: members become files of their own, scanned recursively within the limits."""

from __future__ import annotations

from bmnn.scanner.engine.limits import (
    DEFAULT,
    Budget,
    ExtractError,
    LimitReached,
    Limits,
    open_zip,
    read_member,
)
from bmnn.scanner.engine.model import Extracted


def extract_zip(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    budget = budget if budget is not None else Budget(limits)
    archive = open_zip(data, limits)
    result = Extracted(kind="zip", pages=0)
    for info in archive.infolist():
        if not info.filename or info.filename.endswith(
            "/"
        ):  # a directory, or a damaged entry with no name
            continue
        if len(result.members) >= limits.max_members_scanned:
            result.notes.append(f"only the first {limits.max_members_scanned} members were scanned")
            break
        try:
            result.members.append((info.filename, read_member(archive, info, limits, budget)))
        except LimitReached as exc:
            result.limit = exc
            break
        except ExtractError as exc:
            result.notes.append(f"{info.filename}: {exc.code} ({exc.detail})")
    return result
