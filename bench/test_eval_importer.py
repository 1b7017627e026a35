"""Report: field-level precision and recall of the plan importer on the hand-made samples:
the development set it was tuned on, and a held-out set written afterwards."""

from __future__ import annotations

import pytest

from bmnn.plans.tests.evaluation import FIELDS, HELD_OUT, SAMPLES, evaluate, samples


@pytest.mark.parametrize("folder", [SAMPLES, HELD_OUT], ids=["development", "held-out"])
def test_report_importer_precision_and_recall(resolver, capsys, folder) -> None:
    assert samples(folder), f"no sample in {folder}: nothing would be measured"
    score, misses = evaluate(resolver, folder)
    with capsys.disabled():
        print(f"\nplan importer on {len(samples(folder))} documents in {folder.name}/")
        for name in FIELDS:
            print(
                f"  {name:<13} P {score.precision(name):.3f}  R {score.recall(name):.3f}  "
                f"F1 {score.f1(name):.3f}  (tp {score.tp[name]}, fp {score.fp[name]}, fn {score.fn[name]})"
            )
        for miss in misses:
            print("  miss:", miss)
