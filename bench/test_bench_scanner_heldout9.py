"""Leak scanner on the ninth held-out corpus (tests/corpus/heldout9.py, seed 919293).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only the `Item` interface, heldout8's docstring and
imports, tests/corpus/common.py and this harness). Its documents come from a new fictional
province (Khê Lam, communes only): reservoir-safety plans, border-gate logistics reports, cadre
reviews, land-compensation dossiers, cipher-room inventories, defence-zone exercises. The
stamps sit in a framed cell of the header table, a VML text box, a pasted or slanted picture,
the first page's header, the footer, the annex page or a second section after a cover letter
(DOCX, and Word 97 written by LibreOffice); in PDFs as framed text (spaced, condensed, turned),
as a picture or on the annex page; in scans at 100-200 dpi (skewed, turned 90/180/270, grain,
weak contrast, colour casts, heavy JPEG, grey, bilevel G4, multipage); phone photos with
perspective and shadow; envelopes with a printed, stamped or hand-drawn circled A/B/C on white,
kraft or blue paper; workbook cells, print headers and footers, later sheets; slides (framed
text box, picture, annex slide); web pages (framed div, picture, a word cut across spans,
letter spacing, character references, windows-1258); mail with the document in the body,
attached, as HTML or inside a forwarded message; archives up to three deep; plain text (UTF-8,
NFD, UTF-16, windows-1258). Level changes are secret at the new level; declassified files are
not secret. Hard negatives: the protection work's own plans, regulations and training material
with specimen stamps, empty level fields, other red stamps under the number, other senses of
"mật", leak news, counts by level, envelopes with other circled marks and pages stating that
they hold no secret. Its first run's figures are the honest estimate. The shared checks and
report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout9 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_9,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 9 (seed {SEED})",
    size=(195, 220),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
