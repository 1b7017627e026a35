"""Leak scanner on the fifth held-out corpus (tests/corpus/heldout5.py, seed 515253).

The corpus was written by a helper who read neither the scanner's engine nor the earlier
corpora's document templates (only heldout4's output format and this harness). Its first run's
figures are the honest estimate; once its misses are looked at, it is seen like the others.
The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests
from tests.corpus.heldout5 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_5,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 5 (seed {SEED})",
    size=(190, 215),
    formats=FORMATS | {"rtf", "odt", "csv", "png", "jpg"},
    names_neutral=True,
    families_and_levels=True,
)
