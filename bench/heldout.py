"""What the held-out corpus benchmarks share: building and scoring a corpus once per module, the
check that its labels agree with one another, and the printed report.

Each held-out corpus was written apart from the scanner; its figures estimate how the scanner
does on files it has not seen, so nothing is tuned against them. The one rule asserted is that
no hard negative (a file that only talks about state secrets, uses "mật" in another sense, or
carries another red stamp) is flagged.
"""

from __future__ import annotations

import ctypes
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

import pytest

from bench.scanner_scoring import Score, score
from bmnn.scanner.engine import scan_bytes
from tests.corpus.common import LEVELS
from tests.corpus.scanner_corpus import Item

FORMATS = {"docx", "doc", "pdf", "scan", "photo", "xlsx", "html", "txt", "eml", "zip", "pptx"}


def made_here(formats: set[str]) -> set[str]:
    """The formats a corpus can make on this machine: its Word 97 files come from LibreOffice
    headless, and without it the corpus skips them (with a note)."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return formats
    return formats - {"doc"}


def seed_c_random(seed: int) -> None:
    """Pillow's `Image.effect_noise` (the film grain in some corpora's photos) draws from the C
    library's rand(), not from the corpus's own seeded generator: seeded here before a build, a
    corpus's pictures are the same whatever was built before it in the process. (Some bytes
    still vary from run to run and hold nothing the scanner reads: workbook and archive dates,
    MIME boundaries, one corpus's Message-IDs.)"""
    ctypes.CDLL(None).srand(seed)


def fixtures(build: Callable[[int], list[Item]], seed: int) -> tuple[Any, Any]:
    """The module's `corpus` (items, CPU seconds to build them) and `scored` fixtures."""

    @pytest.fixture(scope="module")
    def corpus() -> tuple[list[Item], float]:
        started = time.process_time()  # CPU: a loaded machine's wall clock says little
        seed_c_random(seed)
        items = build(seed)
        return items, time.process_time() - started

    @pytest.fixture(scope="module")
    def scored(corpus: tuple[list[Item], float]) -> tuple[Score, float]:
        started = time.perf_counter()
        result = score(corpus[0])
        return result, time.perf_counter() - started

    return corpus, scored


def check_labels(
    items: list[Item], *, size: tuple[int, int], formats: set[str], names_neutral: bool
) -> None:
    """The labels agree with one another, every category and format is there, and (where the
    corpus promises it) no file name gives the answer away."""
    assert size[0] <= len(items) <= size[1]
    assert len({item.name for item in items}) == len(items)
    categories = Counter(item.category for item in items)
    assert set(categories) == {"positive", "declassified", "hard_negative", "negative"}
    assert 0.28 <= categories["hard_negative"] / len(items) <= 0.40
    for item in items:
        assert item.secret == (item.level is not None), item.name
        assert item.secret == (item.category == "positive"), item.name
        assert item.declassified == (item.category == "declassified"), item.name
        assert item.level in (None, *LEVELS), item.name
        assert item.data, item.name
        if names_neutral:
            for word in ("tuyet_mat", "toi_mat", "declassified", "changed"):
                assert word not in item.name, item.name
    assert formats <= {item.format for item in items}


def check_families_and_levels(corpus: tuple[list[Item], float]) -> None:
    """Every file names its family, each level has at least 20 secret files, and the corpus
    builds in under two minutes of CPU."""
    items, cpu_seconds = corpus
    assert all(item.family for item in items)
    levels = [item.level for item in items if item.secret]
    assert min(levels.count(level) for level in LEVELS) >= 20
    assert cpu_seconds < 120


def held_out_tests(
    title: str,
    *,
    size: tuple[int, int],
    formats: set[str],
    names_neutral: bool,
    families_and_levels: bool,
) -> tuple[Callable[..., None], Callable[..., None], Callable[..., None]]:
    """The three tests of a held-out corpus module, on its `corpus` and `scored` fixtures: its
    labels agree (`check_labels`, and `check_families_and_levels` where the corpus promises
    them); the report, printed past pytest's capture, counts every file; no hard negative is
    flagged (the one rule asserted)."""

    def labelled(corpus: tuple[list[Item], float]) -> None:
        check_labels(corpus[0], size=size, formats=formats, names_neutral=names_neutral)
        if families_and_levels:
            check_families_and_levels(corpus)

    def reported(
        corpus: tuple[list[Item], float],
        scored: tuple[Score, float],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        with capsys.disabled():
            report(title, corpus, scored)
        assert scored[0].counts["files"] == len(corpus[0])

    def no_hard_negative_flagged(scored: tuple[Score, float]) -> None:
        result, _ = scored
        assert result.hard_flagged == [], result.hard_flagged

    return labelled, reported, no_hard_negative_flagged


def _breakdown(items: list[Item], result: Score, key: str) -> list[str]:
    """Recall of the secret files and flags on the others, grouped by format or category."""
    missed = {name for name, outcome, *_ in result.misses if outcome == "fn"}
    flagged = {name for name, outcome, *_ in result.misses if outcome == "fp"}
    rows: dict[str, Counter[str]] = defaultdict(Counter)
    for item in items:
        row = rows[getattr(item, key)]
        row["files"] += 1
        if item.secret:
            row["secret"] += 1
            row["found"] += item.name not in missed
        else:
            row["flagged"] += item.name in flagged
    out = []
    for name, row in sorted(rows.items()):
        recall = (
            f"recall {row['found'] / row['secret']:.2f} ({row['found']}/{row['secret']})"
            if row["secret"]
            else " " * 19
        )
        negatives = row["files"] - row["secret"]
        out.append(
            f"  {name:<14} {row['files']:>3} files  {recall}  flagged {row['flagged']}/{negatives}"
        )
    return out


def report(title: str, corpus: tuple[list[Item], float], scored: tuple[Score, float]) -> None:
    """Prints the corpus's figures: totals, by format and category, time per format, and the
    files missed or flagged by name."""
    items, build_seconds = corpus
    result, run_seconds = scored
    family = {item.name: item.family for item in items}
    per_file = 1000 * run_seconds / max(1, len(items))
    print()
    print(
        f"built {len(items)} files in {build_seconds:.1f} s of CPU; "
        f"scored in {run_seconds:.1f} s ({per_file:.0f} ms/file)"
    )
    print("\n".join(result.lines(title)))
    print("by format:")
    print("\n".join(_breakdown(items, result, "format")))
    print("by category:")
    print("\n".join(_breakdown(items, result, "category")))
    for fmt in sorted({item.format for item in items}):
        print(f"  {fmt:<6} {result.ms_per_file('format:' + fmt):8.1f} ms/file")
    print("missed positives:", [(n, family[n], lvl) for n, o, lvl, _ in result.misses if o == "fn"])
    print(
        "flagged negatives:", [(n, family[n], lvl) for n, o, lvl, _ in result.misses if o == "fp"]
    )
    print("hard negatives flagged:", result.hard_flagged)
    wrong = []
    for item in items:
        if item.declassified:  # scanned again: the scorer counts these but does not name them
            verdict = scan_bytes(item.data, item.name)[0]
            if verdict.secret or not verdict.declassified:
                wrong.append((item.name, verdict.secret, verdict.declassified))
    print("declassified files not reported as declassified (name, secret, declassified):", wrong)
