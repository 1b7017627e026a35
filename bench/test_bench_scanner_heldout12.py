"""Leak scanner on the twelfth held-out corpus (tests/corpus/heldout12.py, seed 1212123).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only tests/corpus/common.py, this harness and heldout11's
docstring and imports). Its documents come from a new fictional coastal border province (Ngọc
Lạp): an informant network inside a border drug ring, the wartime relocation of the province's
organs, an island radar post, a reserve arms cache, cadre-planning dossiers, exam papers before
the exam, the defence budget in detail, a tin-and-tungsten survey, an espionage case at a fish
farm, the cipher network and an anti-terror drill at a dam. Level stamps in several faces,
sizes, frames and inks, tilted or worn, mostly under the number and symbol and some elsewhere
(top right, centre or left, over the text, by the signature, at the foot, on an annex after a
public covering letter), in Word (framed, in the header table, picture, page header or
footer), Word 97, PDFs with a text layer (framed text or a stamp picture), scans (skew,
90/180/270, grey, bilevel, photocopy, JPEG, multipage PDF and TIFF), phone photos of pages and
envelopes (circled A/B/C), workbooks (print header or footer, a later sheet), web pages (box,
spaced letters, a word cut across spans, picture), plain text, mail, archives and slides.
Changed levels are secret at the new level; declassified files are not secret. Hard negatives:
protection plans, captioned specimen stamps, counts by level, empty level fields, leak news,
other senses of "mật", other red stamps, envelopes with other marks, a public declassification
decision, a published catalogue of secrets, a law quiz, a honey label and a Wi-Fi password
notice. Its first run's figures are the honest estimate. The shared checks and report are in
bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout12 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_12,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 12 (seed {SEED})",
    size=(205, 235),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
