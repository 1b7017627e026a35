"""Leak scanner on the tenth held-out corpus (tests/corpus/heldout10.py, seed 1010203).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only tests/corpus/common.py, this harness and heldout9's
docstring and imports). Its documents come from a new fictional province (Hòa Lũng): guard
plans for a reserve depot, a signal-cable survey, weapons handed to a maritime militia, cadre
succession lists, smuggling source reports, a senior delegation's security, an air-defence
position, foreigners near a minor border gate, the leadership's move to a rear base. Level
stamps sit under the number, at the top of the page or on an annex after a public covering
letter, in Word (framed paragraph, header-table cell, picture, page header or footer, second
section) and Word 97, PDFs with a text layer (framed, spaced or turned text, or a picture),
scans (skewed, turned, grey, bilevel, faint, low dpi, multipage PDF and TIFF), phone photos of
pages and envelopes (circled A/B/C, stamped or printed, kraft or white), workbooks (print
header or footer, a framed cell on the first or a later sheet), slides, web pages (framed box,
picture, a word cut across spans, letter spacing, character references, windows-1258), mail
and archives, and plain text in UTF-8, NFD, UTF-16 and windows-1258. Changed levels are secret
at the new level; declassified files are not secret. Hard negatives: the protection work's own
plans, rules with specimen stamps, training slides, counts by level, empty level fields, leak
news, other senses of "mật", other red stamps and envelopes with other circled marks or a
round seal. Its first run's figures are the honest estimate. The shared checks and report are
in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout10 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_10,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 10 (seed {SEED})",
    size=(200, 225),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
