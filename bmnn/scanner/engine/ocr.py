"""Tesseract (Debian's `tesseract-ocr` with `tesseract-ocr-vie`) run as a separate process on
one image at a time, read back as lines with their boxes. No Python binding: the process has
a time limit and its memory is its own."""

from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import statistics
import subprocess  # nosec B404 # runs Tesseract only, with fixed arguments and no shell
from dataclasses import dataclass
from typing import Any

from bmnn.scanner.engine.limits import ExtractError
from bmnn.scanner.engine.model import BODY, HEADER, Block

# One thread per Tesseract process: its OpenMP threads fight each other (and parallel scanner
# workers) on small images — measured 4× slower on a header strip with the default.
ENV = {**os.environ, "OMP_THREAD_LIMIT": "1"}


@dataclass(frozen=True)
class Word:
    text: str
    left: int
    top: int
    width: int
    height: int
    key: tuple[int, int, int]  # block, paragraph, line


@functools.cache
def _binary() -> str | None:
    return shutil.which("tesseract")


@functools.cache
def available(lang: str = "vie") -> bool:
    binary = _binary()
    if binary is None:
        return False
    try:
        listed = subprocess.run(  # noqa: S603 (fixed arguments)  # nosec B603 # fixed arguments, no shell
            [binary, "--list-langs"], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return lang in listed.stdout.split()


def words(image: Any, *, lang: str = "vie", timeout: float = 60.0, psm: int = 3) -> list[Word]:
    """The words Tesseract reads in a PIL image, with pixel boxes."""
    if not available(lang):
        raise ExtractError("ocr_unavailable", "Tesseract with Vietnamese data is not installed")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments; the image goes through stdin)  # nosec B603 # fixed arguments, no shell
            [str(_binary()), "stdin", "stdout", "-l", lang, "--psm", str(psm), "tsv"],
            input=buffer.getvalue(), capture_output=True, timeout=timeout, check=False, env=ENV,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise ExtractError("timeout", f"OCR took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise ExtractError("ocr_failed", done.stderr.decode("utf-8", "replace")[-200:])
    rows = csv.reader(
        io.StringIO(done.stdout.decode("utf-8", "replace")), delimiter="\t", quoting=csv.QUOTE_NONE
    )
    found = []
    for row in rows:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        left, top, width, height = (int(v) for v in row[6:10])
        found.append(
            Word(row[11].strip(), left, top, width, height, (int(row[2]), int(row[3]), int(row[4])))
        )
    return found


def lines(found: list[Word], *, page: int, page_width: int, page_height: int, y_offset: int = 0,
          header_until: float = 0.4, start_order: int = 0) -> list[Block]:  # fmt: skip
    """Words grouped into Tesseract's lines, each split where a wide gap separates two columns
    (the left header block and the right one often share a line)."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in found:
        grouped.setdefault(word.key, []).append(word)
    blocks: list[Block] = []

    def close(segment: list[Word]) -> None:
        blocks.append(_block(segment, page, page_width, page_height, y_offset, header_until,
                             start_order + len(blocks)))  # fmt: skip

    for key in sorted(grouped, key=lambda k: min(w.top for w in grouped[k])):
        row = sorted(grouped[key], key=lambda w: w.left)
        height = statistics.median(w.height for w in row) or 1
        segment = [row[0]]
        for word in row[1:]:
            previous = segment[-1]
            if word.left - (previous.left + previous.width) > 2.5 * height:
                close(segment)
                segment = []
            segment.append(word)
        close(segment)
    return blocks


def _block(segment: list[Word], page: int, width: int, height: int, y_offset: int, header_until: float,
           order: int) -> Block:  # fmt: skip
    x0 = min(w.left for w in segment) / width
    x1 = max(w.left + w.width for w in segment) / width
    y0 = (min(w.top for w in segment) + y_offset) / height
    y1 = (max(w.top + w.height for w in segment) + y_offset) / height
    zone = HEADER if page == 1 and y0 < header_until else BODY
    text = " ".join(w.text for w in segment)
    return Block(text=text, page=page, zone=zone, order=order, box=(x0, y0, x1, y1), origin="ocr")
