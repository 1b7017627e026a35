"""BMNN's leak scanner as a library: extract → normalise → detect, with no Django import.

    from bmnn.scanner.engine import scan_bytes
    for verdict in scan_bytes(data, "report.pdf"):
        print(verdict.as_dict())

`scan_bytes` returns the verdict of the file itself first, then one per archive member or mail
attachment (paths as ``archive.zip!inner/file.pdf``), recursively within `Limits`.
"""

from __future__ import annotations

from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.extract import extract, sniff
from bmnn.scanner.engine.limits import DEFAULT, ExtractError, Limits
from bmnn.scanner.engine.model import Block, Evidence, Extracted, Verdict

LEVEL_RANK = {"mat": 1, "toi_mat": 2, "tuyet_mat": 3}

__all__ = ["Block", "Evidence", "ExtractError", "Extracted", "Limits", "Verdict", "detect", "extract",
           "scan_bytes", "scan_document", "sniff"]  # fmt: skip


def scan_document(
    data: bytes, path: str = "", limits: Limits = DEFAULT
) -> tuple[Verdict, Extracted | None]:
    """One file's verdict (members not followed), reading further only when the header strip
    of a scan was not decisive."""
    try:
        extracted = extract(data, path, limits)
    except ExtractError as exc:
        verdict = Verdict(path=path, error=f"{exc.code}: {exc.detail}" if exc.detail else exc.code)
        verdict.kind = "unsupported" if exc.code == "unsupported" else ""
        return verdict, None
    try:
        verdict = detect(extracted.blocks, path, extracted.kind)
        while (
            not verdict.decisive or (extracted.unread_images and not verdict.secret)
        ) and extracted.needs_more:
            more, extracted.needs_more = extracted.needs_more, None
            extracted.unread_images = False
            extracted.blocks.extend(more())
            verdict = detect(extracted.blocks, path, extracted.kind)
    except ExtractError as exc:
        verdict = Verdict(path=path, kind=extracted.kind, error=f"{exc.code}: {exc.detail}")
    finally:
        if extracted.cleanup is not None:
            extracted.cleanup()
            extracted.cleanup = None
    return verdict, extracted


def scan_bytes(
    data: bytes, path: str = "", limits: Limits = DEFAULT, *, depth: int = 0
) -> list[Verdict]:
    verdict, extracted = scan_document(data, path, limits)
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
        verdict.error = f"nested deeper than {limits.max_depth} levels; inner files not scanned"
        return results
    for name, content in extracted.members:
        results += scan_bytes(content, f"{path}!{name}", limits, depth=depth + 1)
    member_hits = [v for v in results[1:] if v.secret]
    if member_hits:
        verdict.secret = True
        verdict.level = max(
            (v.level for v in member_hits if v.level), key=LEVEL_RANK.__getitem__, default=None
        )
        verdict.score = max(verdict.score, *(v.score for v in member_hits))
    if extracted.notes and verdict.error is None and extracted.kind == "zip":
        verdict.error = "; ".join(extracted.notes[:5])
    return results
