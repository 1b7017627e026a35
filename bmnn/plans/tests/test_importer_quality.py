"""The importer reads every hand-made sample it was tuned on exactly as its gold answer says (see
evaluation.py); the report, with the held-out set, is `./dev bench bench/test_eval_importer.py`.

The samples live in this repository (bmnn/plans/tests/samples), so the test never skips. It asks
for exact results, not a floor: on the set it was tuned on the importer scores 1.000 on every
field, so any miss is a regression."""

from __future__ import annotations

from bmnn.plans.tests.evaluation import FIELDS, evaluate, samples


def test_the_importer_reads_every_development_sample_as_its_gold_answer(resolver) -> None:
    # five plans, sample 01 also as a PDF and sample 03 also as a DOCX with a Word table
    assert len(samples()) == 7
    score, misses = evaluate(resolver)
    assert misses == []
    # what the gold answers hold, all found and nothing more: an emptied gold file fails here
    assert {name: (score.tp[name], score.fp[name], score.fn[name]) for name in FIELDS} == {
        "task": (32, 0, 0),
        "lead": (33, 0, 0),
        "coordinating": (29, 0, 0),
        "timing_kind": (32, 0, 0),
        "due": (25, 0, 0),
        "header": (28, 0, 0),
    }
