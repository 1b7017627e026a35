"""Leak scanner on the fifth held-out corpus (tests/corpus/heldout5.py, seed 515253).

The corpus was written by a helper who read neither the scanner's engine nor the earlier
corpora's document templates (only heldout4's output format and this harness). Its first run's
figures are the honest estimate; once its misses are looked at, it is seen like the others.
The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

import pytest

from bench.heldout import (
    FORMATS,
    check_families_and_levels,
    check_labels,
    check_no_hard_negative_flagged,
    fixtures,
    report_all_scored,
)
from bench.scanner_scoring import Score
from tests.corpus.heldout5 import SEED, build
from tests.corpus.scanner_corpus import Item

corpus, scored = fixtures(build, SEED)


def test_corpus_is_labelled_consistently(corpus: tuple[list[Item], float]) -> None:
    items, _cpu_seconds = corpus
    check_labels(
        items,
        size=(190, 215),
        formats=FORMATS | {"rtf", "odt", "csv", "png", "jpg"},
        names_neutral=True,
    )
    check_families_and_levels(corpus)


def test_report_held_out_corpus_5(
    corpus: tuple[list[Item], float],
    scored: tuple[Score, float],
    capsys: pytest.CaptureFixture[str],
) -> None:
    report_all_scored(f"held-out corpus 5 (seed {SEED})", corpus, scored, capsys)


def test_no_hard_negative_flagged(scored: tuple[Score, float]) -> None:
    check_no_hard_negative_flagged(scored)
