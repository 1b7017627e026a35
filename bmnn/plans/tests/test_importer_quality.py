"""A floor under the importer's field-level quality on the hand-made samples (see
evaluation.py); the full report is `./dev bench bench/test_eval_importer.py`."""

from __future__ import annotations

from bmnn.plans.tests.evaluation import FIELDS, evaluate


def test_importer_quality_stays_above_the_floor(resolver) -> None:
    score, misses = evaluate(resolver)
    for name in FIELDS:
        assert score.f1(name) >= 0.9, (name, score.precision(name), score.recall(name), misses)
