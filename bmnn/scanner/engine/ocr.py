"""Tesseract (Debian's `tesseract-ocr` with `tesseract-ocr-vie`) run as a separate process on
one image at a time, read back as lines with their boxes. No Python binding: the process has
a time limit and its memory is its own."""

from __future__ import annotations

import csv
import functools
import io
import os
import re
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
    conf: float = -1.0  # Tesseract's confidence in the word, 0–100


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


def _netpbm(image: Any) -> bytes:
    """The image as uncompressed PGM/PPM for Tesseract's stdin: compressing a page as PNG cost
    more than a tenth of its OCR, and the pipe does not care about a few megabytes."""
    if image.mode not in ("1", "L", "RGB"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, format="PPM")
    return buffer.getvalue()


def _run(arguments: list[str], image: Any, timeout: float) -> str:
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments; the image goes through stdin)  # nosec B603 # fixed arguments, no shell
            [str(_binary()), "stdin", "stdout", *arguments],
            input=_netpbm(image),
            capture_output=True,
            timeout=timeout,
            check=False,
            env=ENV,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractError("timeout", f"OCR took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise ExtractError("ocr_failed", done.stderr.decode("utf-8", "replace")[-200:])
    return done.stdout.decode("utf-8", "replace")


# Tesseract 5 re-reads every line it is unsure of as white on black; scans and photos have no
# inverted text, and the second reading of each doubtful line is wasted work.
NO_INVERT = ("-c", "tessedit_do_invert=0")


def words(image: Any, *, lang: str = "vie", timeout: float = 60.0, psm: int = 3) -> list[Word]:
    """The words Tesseract reads in a PIL image, with pixel boxes and confidence."""
    if not available(lang):
        raise ExtractError("ocr_unavailable", "Tesseract with Vietnamese data is not installed")
    output = _run(["-l", lang, "--psm", str(psm), *NO_INVERT, "tsv"], image, timeout)
    rows = csv.reader(io.StringIO(output), delimiter="\t", quoting=csv.QUOTE_NONE)
    found = []
    for row in rows:
        if len(row) < 12 or row[0] != "5" or not row[11].strip():
            continue
        left, top, width, height = (int(v) for v in row[6:10])
        try:
            conf = float(row[10])
        except ValueError:
            conf = -1.0
        key = (int(row[2]), int(row[3]), int(row[4]))
        found.append(Word(row[11].strip(), left, top, width, height, key, conf))
    return found


ROTATE = re.compile(r"^Rotate:\s*(\d+)", re.MULTILINE)
CONFIDENCE = re.compile(r"^Orientation confidence:\s*([\d.]+)", re.MULTILINE)


def orientation(image: Any, *, timeout: float = 60.0) -> tuple[int, float] | None:
    """Tesseract's orientation and script detection (OSD, `--psm 0`): how many degrees
    clockwise the image must turn to stand upright (0, 90, 180, 270) and how sure it is.
    None when it cannot tell (too little text) or its data is missing."""
    if not available("osd"):
        return None
    try:
        output = _run(["--psm", "0"], image, timeout)
    except ExtractError as exc:
        if exc.code == "timeout":
            raise
        return None  # "Too few characters": not an answer, not a broken file
    turn, sure = ROTATE.search(output), CONFIDENCE.search(output)
    if turn is None or sure is None:
        return None
    return int(turn.group(1)) % 360, float(sure.group(1))


def lines(
    found: list[Word],
    *,
    page: int,
    page_width: int,
    page_height: int,
    y_offset: int = 0,
    header_until: float = 0.4,
    start_order: int = 0,
) -> list[Block]:
    """Words grouped into Tesseract's lines, each split where a wide gap separates two columns
    (the left header block and the right one often share a line)."""
    grouped: dict[tuple[int, int, int], list[Word]] = {}
    for word in found:
        grouped.setdefault(word.key, []).append(word)
    blocks: list[Block] = []

    def close(segment: list[Word]) -> None:
        blocks.append(
            _block(
                segment,
                page,
                page_width,
                page_height,
                y_offset,
                header_until,
                start_order + len(blocks),
            )
        )

    for key in sorted(grouped, key=lambda k: min(w.top for w in grouped[k])):
        row = sorted(grouped[key], key=lambda w: w.left)
        height = statistics.median(w.height for w in row) or 1
        segment: list[Word] = []
        for word in row:
            if _is_edge(word.text):  # a frame's side read as a bar: two things side by side
                if segment:
                    close(segment)
                segment = []
                continue
            if segment and word.left - (segment[-1].left + segment[-1].width) > 2.5 * height:
                close(segment)
                segment = []
            segment.append(word)
        if segment:
            close(segment)
    return blocks


def _is_edge(text: str) -> bool:
    """A "word" that is only the side of a box (a stamp's frame, a table's rule)."""
    return 0 < len(text) <= 2 and all(ch in EDGE_CHARACTERS for ch in text)


EDGE_CHARACTERS = frozenset("|[]{}¦")


def _block(
    segment: list[Word],
    page: int,
    width: int,
    height: int,
    y_offset: int,
    header_until: float,
    order: int,
) -> Block:
    x0 = min(w.left for w in segment) / width
    x1 = max(w.left + w.width for w in segment) / width
    y0 = (min(w.top for w in segment) + y_offset) / height
    y1 = (max(w.top + w.height for w in segment) + y_offset) / height
    zone = HEADER if page == 1 and y0 < header_until else BODY
    text = " ".join(_without_frame_glyphs([w.text for w in segment]))
    return Block(text=text, page=page, zone=zone, order=order, box=(x0, y0, x1, y1), origin="ocr")


def _without_frame_glyphs(words: list[str]) -> list[str]:
    """A capitalised line with a lone small letter at either end ("ị MẬT ị", "i TỐI MẬT l"): the
    sides of the box around it, read as letters; they go."""
    start, stop = 0, len(words)
    while stop - start > 1 and _small_glyph(words[start]):
        start += 1
    while stop - start > 1 and _small_glyph(words[stop - 1]):
        stop -= 1
    inner = words[start:stop]
    letters = [ch for word in inner for ch in word if ch.isalpha()]
    if (start or stop < len(words)) and len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return inner
    return words


def _small_glyph(word: str) -> bool:
    return len(word) == 1 and word.isalpha() and word.islower()
