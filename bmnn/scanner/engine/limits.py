"""Bounds on everything a hostile or broken file could make the scanner do.

`Limits` bounds each file on its own; `Budget` is what one whole scan (a pre-publication check,
one crawled document) may spend, shared by every archive nested in it: bytes expanded, archive
members and mail attachments opened, and time. Without the shared budget a small file of
archives inside archives passed every per-archive limit and still cost minutes of CPU.
"""

from __future__ import annotations

import io
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 200 * 1024 * 1024
    max_zip_members: int = 5000
    max_unzipped_bytes: int = 1024 * 1024 * 1024
    max_ratio: int = 200  # uncompressed / compressed, for the archive as a whole
    max_member_bytes: int = 200 * 1024 * 1024
    max_depth: int = 3  # archives inside archives inside …
    max_members_scanned: int = 2000
    max_text_pages: int = 500
    max_ocr_pages: int = 3  # scanned pages OCR'd whole, when their header strips were not enough
    # scanned pages whose header strip is read: a secret annex may follow a public covering
    # letter and other annexes (at least `max_ocr_pages`)
    max_header_pages: int = 8
    max_blocks: int = 200_000
    max_image_pixels: int = 80_000_000
    ocr_timeout: float = 60.0
    ocr_dpi: int = 300
    # The header strip's first reading: Tesseract's layout pass costs by the pixel, its reading
    # by the letter, and a strip at 200 dpi reads the same marks as at 300 (bench/
    # test_bench_scanner_ocr.py); what is read on demand below it uses `ocr_dpi`.
    header_dpi: int = 200
    # Top share of page one OCR'd first: the administrative header (agency, number, stamp,
    # motto, place and date) ends about 70 mm down an A4 page (Decree 30/2020 layout).
    header_share: float = 0.3
    # one scan as a whole, every nested archive included (see `Budget`)
    max_total_bytes: int = 256 * 1024 * 1024  # expanded from archives and office files
    max_total_members: int = 5000  # archive members and attachments opened
    max_seconds: float = 60.0


DEFAULT = Limits()


class ExtractError(Exception):
    """A file that cannot be read. `code` is stable (malformed, too_large, encrypted, …)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class LimitReached(ExtractError):
    """The scan's shared budget is spent: what is left of the file was not read. `limit` says
    which (bytes, members, depth, time); the file must not be reported as clean."""

    def __init__(self, limit: str, detail: str) -> None:
        super().__init__("limit", detail)
        self.limit = limit


class Budget:
    """What is left of one scan's allowance, passed down to every nested archive and spent as
    it goes. Once one limit is reached every later step refuses at once (`exceeded` keeps the
    first), so the scan ends quickly and says why."""

    def __init__(
        self, limits: Limits = DEFAULT, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limits = limits
        self.bytes_left = limits.max_total_bytes
        self.members_left = limits.max_total_members
        self._clock = clock
        self.deadline = clock() + limits.max_seconds
        self.exceeded: LimitReached | None = None

    def _stop(self, limit: str, detail: str) -> LimitReached:
        if self.exceeded is None:
            self.exceeded = LimitReached(limit, detail)
        return self.exceeded

    def check(self) -> None:
        """Raises when the budget is spent, or the time is up."""
        if self.exceeded is not None:
            raise self.exceeded
        if self._clock() > self.deadline:
            raise self._stop("time", f"the scan took longer than {self.limits.max_seconds:g} s")

    def spend_bytes(self, count: int) -> None:
        self.check()
        if count > self.bytes_left:
            self.bytes_left = 0
            raise self._stop(
                "bytes", f"more than {self.limits.max_total_bytes // 2**20} MB to expand"
            )
        self.bytes_left -= count

    def spend_member(self) -> None:
        self.check()
        if self.members_left <= 0:
            raise self._stop("members", f"more than {self.limits.max_total_members} files inside")
        self.members_left -= 1

    def too_deep(self) -> LimitReached:
        """Depth stops one branch, not the scan: the archive's other members are still read."""
        return LimitReached("depth", f"nested deeper than {self.limits.max_depth} levels")


def allowed(budget: Budget | None, result: Any, *, member: bool = False, size: int = 0) -> bool:
    """Spends one member (`member`) and `size` bytes of the scan's budget for a part about to
    be read; when the budget is spent, `result.limit` says why and False stops the reading."""
    if budget is None:
        return True
    try:
        if member:
            budget.spend_member()
        if size:
            budget.spend_bytes(size)
    except LimitReached as exc:
        result.limit = exc
        return False
    return True


def open_zip(
    data: bytes, limits: Limits = DEFAULT, *, what: str = "archive", budget: Budget | None = None
) -> zipfile.ZipFile:
    """A ZIP whose members and sizes were checked before anything is expanded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ExtractError("malformed", f"damaged {what} (not a valid ZIP)") from exc
    if len(members) > limits.max_zip_members:
        raise ExtractError("too_large", f"{len(members)} members in the {what}")
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members) or 1
    if total > limits.max_unzipped_bytes or (
        total > 10_000_000 and total / packed > limits.max_ratio
    ):
        raise ExtractError(
            "too_large", f"the {what} expands to an implausible size ({total} bytes)"
        )
    if budget is not None:  # an office file is expanded whole by its reader
        budget.spend_bytes(total)
    return archive


def read_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limits: Limits = DEFAULT,
    budget: Budget | None = None,
) -> bytes:
    """One member, refusing encrypted ones and reading no more than the declared size allows
    (charged to the scan's budget before anything is expanded)."""
    if info.flag_bits & 0x1:
        raise ExtractError("encrypted", f"{info.filename} is password-protected")
    if info.file_size > limits.max_member_bytes:
        raise ExtractError("too_large", f"{info.filename} expands to {info.file_size} bytes")
    if budget is not None:
        budget.spend_member()
        budget.spend_bytes(info.file_size)
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
    ) as exc:
        raise ExtractError("malformed", f"{info.filename} cannot be read") from exc
    if len(data) > info.file_size:
        raise ExtractError("malformed", f"{info.filename} is larger than the archive says")
    return data
