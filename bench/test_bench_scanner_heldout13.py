"""Leak scanner on the thirteenth held-out corpus (tests/corpus/heldout13.py, seed 1313131).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only tests/corpus/common.py, this harness and heldout12's
docstring and imports). Its documents come from a new fictional inland border province (Tây
Lãng): guarding a leaders' visit at a border gate, a human-trafficking ring and its informants,
a defence-zone exercise, patrols of an unmarked trail, a cadre-planning list, a rare-earth
deposit, a reserve fuel depot, an anthrax outbreak before it was announced, the response to an
unlawful religious gathering, an inspection's conclusions before publication, a dam's emergency
plan, a commune militia's hidden caches and the defence budget in detail. Level stamps in many
faces, sizes, frames and inks (red, dark red, faded, photocopied black, blue-black), tilted or
worn, under the number and symbol or at the top, over the text, by the signature under the
round seal, in the footer, on a later page or an annex; in Word (header table, framed
paragraph, text box, page header or footer, picture), Word 97, PDFs with a text layer (framed
text or a stamp picture), scans (skew, 90/180/270, speckle, grey, bilevel, low resolution, JPEG,
multipage PDF and TIFF, fax copies, stapled copies on coloured paper, two pages on one sheet,
photocopies), phone photos of pages and envelopes (circled A/B/C), workbooks (print header or
footer, a cell by the number, a later sheet), web pages (box, spaced letters, a word cut across
spans, character references, a metadata table, picture), plain text (heading, metadata line,
decomposed Unicode, UTF-16), mail, archives (nested too) and slides. Changed levels are secret
at the new level; declassified files are not secret. Hard negatives: protection plans and
reports, captioned specimen stamps, counts by level, empty level fields, leak news and a court
case notice, other senses of "mật", other red stamps, envelopes with other marks, a public
declassification decision, a stamp maker's price list, a tender for safes, a job notice for a
security clerk and the blank cover of a register. Its first run's figures are the honest
estimate. The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout13 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_13,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 13 (seed {SEED})",
    size=(205, 235),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
