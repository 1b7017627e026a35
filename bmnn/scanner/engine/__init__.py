"""BMNN's leak scanner as a library: extract → normalise → detect, with no Django import.

    from bmnn.scanner.engine import scan_bytes
    for verdict in scan_bytes(data, "report.pdf"):
        print(verdict.as_dict())

`scan_bytes` returns the verdict of the file itself first, then one per archive member or mail
attachment (paths as ``archive.zip!inner/file.pdf``), recursively within `Limits`. One `Budget`
covers the whole call, nested archives included; when it runs out the verdicts say so
(`Verdict.limit`, and an error starting with "limit:") on the file and on every archive that
holds it, so an unread file is never reported as clean.
"""

from __future__ import annotations

from bmnn.core.levels import RANK
from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.extract import extract, sniff
from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, LimitReached, Limits
from bmnn.scanner.engine.model import Block, Evidence, Extracted, Verdict

__all__ = [
    "Block",
    "Budget",
    "Evidence",
    "ExtractError",
    "Extracted",
    "LimitReached",
    "Limits",
    "Verdict",
    "detect",
    "extract",
    "scan_bytes",
    "scan_document",
    "sniff",
]


def _limited(verdict: Verdict, reached: LimitReached) -> None:
    verdict.limit = verdict.limit or reached.limit
    if verdict.error is None or not verdict.error.startswith("limit:"):
        prefix = f"limit: {reached.detail}; not everything was read"
        verdict.error = prefix if verdict.error is None else f"{prefix}; {verdict.error}"


def scan_document(
    data: bytes, path: str = "", limits: Limits = DEFAULT, budget: Budget | None = None
) -> tuple[Verdict, Extracted | None]:
    """One file's verdict (members not followed), reading further only when the header strip
    of a scan was not decisive."""
    budget = budget if budget is not None else Budget(limits)
    try:
        extracted = extract(data, path, limits, budget)
    except LimitReached as exc:
        verdict = Verdict(path=path)
        _limited(verdict, exc)
        return verdict, None
    except ExtractError as exc:
        verdict = Verdict(path=path, error=f"{exc.code}: {exc.detail}" if exc.detail else exc.code)
        verdict.kind = "unsupported" if exc.code == "unsupported" else ""
        return verdict, None
    try:
        verdict = detect(extracted.blocks, path, extracted.kind)
        while (
            not verdict.decisive
            or (extracted.unread_images and not verdict.secret)
            or (extracted.marks_below and not verdict.declassified)
        ) and extracted.needs_more:
            budget.check()
            more, extracted.needs_more = extracted.needs_more, None
            extracted.unread_images = extracted.marks_below = False
            extracted.blocks.extend(more())
            verdict = detect(extracted.blocks, path, extracted.kind)
    except LimitReached as exc:
        verdict = detect(extracted.blocks, path, extracted.kind)
        _limited(verdict, exc)
    except ExtractError as exc:
        verdict = Verdict(path=path, kind=extracted.kind, error=f"{exc.code}: {exc.detail}")
    finally:
        if extracted.cleanup is not None:
            extracted.cleanup()
            extracted.cleanup = None
    if extracted.limit is not None:
        _limited(verdict, extracted.limit)
    return verdict, extracted


def scan_bytes(
    data: bytes,
    path: str = "",
    limits: Limits = DEFAULT,
    *,
    depth: int = 0,
    budget: Budget | None = None,
) -> list[Verdict]:
    budget = budget if budget is not None else Budget(limits)
    verdict, extracted = scan_document(data, path, limits, budget)
    results = [verdict]
    if extracted is None or not extracted.members:
        if (
            extracted is not None
            and extracted.notes
            and verdict.error is None
            and extracted.kind in ("zip", "eml")
        ):
            verdict.error = "; ".join(extracted.notes[:5])
        return results
    if depth >= limits.max_depth:
        _limited(verdict, budget.too_deep())
        return results
    for index, (name, content) in enumerate(extracted.members):
        try:
            budget.check()
        except LimitReached as exc:
            _limited(verdict, exc)
            break
        results += scan_bytes(content, f"{path}!{name}", limits, depth=depth + 1, budget=budget)
        extracted.members[index] = (name, b"")  # read: let the memory go
    member_hits = [v for v in results[1:] if v.secret]
    if member_hits:
        verdict.secret = True
        verdict.level = max(
            (v.level for v in member_hits if v.level), key=RANK.__getitem__, default=None
        )
        verdict.score = max(verdict.score, *(v.score for v in member_hits))
    elif not verdict.secret and any(v.declassified for v in results[1:]):
        verdict.declassified = True  # it holds a declassified document and nothing secret
    limited = next((v.limit for v in results[1:] if v.limit), None)
    if limited and not verdict.limit:
        verdict.limit = limited
        verdict.error = f"limit: {_reason(results[1:])}; not everything inside was read" + (
            f"; {verdict.error}" if verdict.error else ""
        )
    if extracted.notes and verdict.error is None and extracted.kind == "zip":
        verdict.error = "; ".join(extracted.notes[:5])
    return results


def _reason(verdicts: list[Verdict]) -> str:
    for verdict in verdicts:
        if verdict.limit and verdict.error:
            return verdict.error.removeprefix("limit: ").split("; ", 1)[0]
    return "a limit of the scan was reached"
