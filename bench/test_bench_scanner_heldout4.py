"""Leak scanner on the fourth held-out corpus (tests/corpus/heldout4.py, seed 909090).

The corpus was written by a helper who read neither the scanner's engine nor the templates of
the three earlier corpora (only their interface). Its first figures (session 9) are the honest
estimate in NOTES.md; its misses were looked at afterwards, so it is seen now.
The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests
from tests.corpus.heldout4 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_4,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 4 (seed {SEED})",
    size=(170, 200),
    formats=FORMATS | {"rtf", "mht"},
    names_neutral=True,
    families_and_levels=True,
)
