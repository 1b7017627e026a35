"""Bounds on everything a hostile or broken file could make the scanner do."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass


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
    max_ocr_pages: int = 3
    max_blocks: int = 200_000
    max_image_pixels: int = 80_000_000
    ocr_timeout: float = 60.0
    ocr_dpi: int = 300
    # Top share of page one OCR'd first: the administrative header (agency, number, stamp,
    # motto, place and date) ends about 70 mm down an A4 page (Decree 30/2020 layout).
    header_share: float = 0.3


DEFAULT = Limits()


class ExtractError(Exception):
    """A file that cannot be read. `code` is stable (malformed, too_large, encrypted, …)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def open_zip(data: bytes, limits: Limits = DEFAULT, *, what: str = "archive") -> zipfile.ZipFile:
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
    return archive


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limits: Limits = DEFAULT) -> bytes:
    """One member, refusing encrypted ones and reading no more than the declared size allows."""
    if info.flag_bits & 0x1:
        raise ExtractError("encrypted", f"{info.filename} is password-protected")
    if info.file_size > limits.max_member_bytes:
        raise ExtractError("too_large", f"{info.filename} expands to {info.file_size} bytes")
    try:
        with archive.open(info) as handle:
            data = handle.read(info.file_size + 1)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise ExtractError("malformed", f"{info.filename} cannot be read") from exc
    if len(data) > info.file_size:
        raise ExtractError("malformed", f"{info.filename} is larger than the archive says")
    return data
