"""Leak scanner on the eighth held-out corpus (tests/corpus/heldout8.py, seed 818283).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only the `Item` interface, heldout7's docstring and
imports and this harness). Its documents come from a new fictional border province; the stamps
sit in Word runs with a character border or letter spacing, nested and shaded cells, text-box
shapes, pictures, lowercase words shown in capitals by a style, content controls, first-page
headers and second sections, in DOCX and Word 97 written by LibreOffice, in PDFs as text, as a
picture or on the third page of a bundle, in colour, grey, bilevel and dithered scans (skewed,
turned, punched, photocopied twice, two pages on a sheet, multipage G4 TIFF), phone photos,
envelopes with a printed, stamped or hand-drawn circled A/B/C, spreadsheet cells, print
headers, footers and third sheets, slides, web pages (Word-exported HTML, inline SVG,
windows-1258), mail with attachments or forwarded messages, nested archives and plain text
(UTF-16, windows-1258, a drawn frame). Hard negatives: the protection work's own papers,
specimen stamps, empty level fields, other red stamps, other senses of "mật", leak news, counts
by level, envelopes with other circled marks and pages marked as holding no secret. Its first
run's figures are the honest estimate. The shared checks and report are in bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout8 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_8,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 8 (seed {SEED})",
    size=(195, 220),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
