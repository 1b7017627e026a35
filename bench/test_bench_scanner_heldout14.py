"""Leak scanner on the fourteenth held-out corpus (tests/corpus/heldout14.py, seed 1414141).

The corpus was written by a helper who read neither the scanner's engine nor its tests nor the
earlier corpora's bodies or renderers (only tests/corpus/common.py, this harness and heldout13's
docstring and imports). Its documents come from a new fictional coastal delta province (Bạch
Sa): the sea patrol roster round an island, a fuel-smuggling ring using fishing boats and its
informants, coastal battery and radar positions, the protection of a submarine-cable landing
station, a cholera cluster before it was announced, entrance-exam papers before the exam, a
deep-water port's land-price plan before approval, a cadre-planning list, an oil spill's source
before publication, a dossier on foreign fishing boats, national reserve depots, the defence
budget in detail, an island commune's sea-militia boats and an inspection's conclusions before
publication. Level stamps in many faces, frames and inks, tilted, under the number and symbol,
at the top, by the signature, in the footer or only on an annex; in Word (header-table cell,
framed paragraph, page header or footer, picture), Word 97, RTF under a .doc name, PDFs (framed
text, stamp picture, a searchable scan whose OCR layer missed the stamp), scans (skew,
90/180/270, speckle, grey, bilevel, low resolution, multipage PDF and TIFF with a public covering
letter and a stamped annex, fax, microfilm negative, a routing slip over the body, duplex with
blank backs), a PDF viewer's screenshot, phone photos of pages, of a monitor and of a chat's
forwarded photo, envelopes with a circled A/B/C, workbooks (print header or footer, a red cell,
a later sheet), web pages (box, CSS or hand spacing, split spans, picture, Word's "Save as Web
Page"), plain text (as saved from Word, a metadata line, pdftotext's order), mail, archives and
slides. Changed levels are secret at the new level; declassified files are not secret. Hard
negatives: protection plans and reports, counts by level, captioned specimen stamps, empty level
fields, a public declassification decision, leak news, minutes and a court notice, other senses
of "mật", other red stamps, envelopes with other marks, and a film title, a shredder quote, a
quiz, a request for a fireproof cabinet, a privacy notice, an archive list and an awareness
poster. Its first run's figures are the honest estimate. The shared checks and report are in
bench/heldout.py.
"""

from __future__ import annotations

from bench.heldout import FORMATS, fixtures, held_out_tests, made_here
from tests.corpus.heldout14 import SEED, build

corpus, scored = fixtures(build, SEED)
(
    test_corpus_is_labelled_consistently,
    test_report_held_out_corpus_14,
    test_no_hard_negative_flagged,
) = held_out_tests(
    f"held-out corpus 14 (seed {SEED})",
    size=(205, 235),
    formats=made_here(FORMATS),
    names_neutral=True,
    families_and_levels=True,
)
