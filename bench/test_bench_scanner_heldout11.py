"""Leak scanner on the eleventh held-out corpus (tests/corpus/heldout11.py, seed 1112131).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only tests/corpus/common.py, this harness and heldout10's
docstring and imports). Its documents come from a new fictional province (Lam Kiều): the guard
plan of a satellite receiving station, a rare-earth survey, a fuel reserve depot moved into a
cave, a border patrol road, the hand-out of cipher keys, a people-smuggling ring, the
province's command bunker, a negotiating brief on a river sandbank, a party inspection's
conclusions and a defence-zone exercise. Level stamps in several faces, sizes and frames
(single, double, rounded, dashed, none), tilted, worn or faint, red or photocopied black, sit
under the number, at the top right, centre or left (side by side with a struck old level or a
GIẢI MẬT stamp), over the text or the signature, in a page header or footer, or on an annex
after a public covering letter: Word (framed paragraph, picture, header, footer, second
section), Word 97, PDFs with a text layer (framed, spaced, turned, picture, annex, footer),
scans (skew, 90/180/270, grey, bilevel, photocopy, faint, low dpi, JPEG, multipage PDF and
TIFF), phone photos of pages and envelopes (circled A/B/C, red or printed, kraft or white),
workbooks (first or later sheet, print header or footer), slides (first or later, text box or
picture), web pages (box, spaced letters, a word cut across spans, character references,
picture, under the number, annex), plain text (boxed, bracketed, spaced, NFD, UTF-16), mail
(body, HTML body, attachments, forwarded) and archives (nested too). Changed levels are secret
at the new level; declassified files are not secret. Hard negatives: protection plans, rules
with specimen stamps, training slides, counts by level, empty level fields, leak news, other
senses of "mật", other red stamps (the incoming-mail "ĐẾN" stamp too) and envelopes with a
circled figure, another circled letter or a round seal. Its first run's figures are the
honest estimate. The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout11 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_11,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 11 (seed {SEED})",
    size=(205, 235),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
