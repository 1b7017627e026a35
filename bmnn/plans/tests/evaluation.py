"""Field-level precision and recall of the plan importer on hand-made samples with gold answers.

Used by `test_importer_quality.py` (a floor) and by `bench/test_eval_importer.py` (the report).
Each sample in `samples/` is a plan written for BMNN in a shape real plans use, with a
`.gold.json` of what a careful reader extracts. Two more variants are built on the fly: sample
01 as a PDF (wrapped text layer) and sample 03 as a DOCX whose appendix is a Word table.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from bmnn.plans.importer import Resolver, parse_bytes
from bmnn.plans.tests.builders import docx_bytes, pdf_bytes

SAMPLES = Path(__file__).resolve().parent / "samples"
# written after the importer was tuned on SAMPLES, and never tuned on: an honest estimate
HELD_OUT = SAMPLES / "heldout"
FIELDS = ("task", "lead", "coordinating", "timing_kind", "due", "header")


@dataclass
class Score:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def precision(self, name: str) -> float:
        total = self.tp[name] + self.fp[name]
        return self.tp[name] / total if total else 1.0

    def recall(self, name: str) -> float:
        total = self.tp[name] + self.fn[name]
        return self.tp[name] / total if total else 1.0

    def f1(self, name: str) -> float:
        p, r = self.precision(name), self.recall(name)
        return 2 * p * r / (p + r) if p + r else 0.0


def _docx_variant(text: str) -> bytes:
    paragraphs, table = [], []
    for line in text.splitlines():
        if line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(set(c) <= set("-") for c in cells):
                table.append(cells)
        else:
            paragraphs.append(("", line))
    # the table sits at the end of the body in this variant, under part II
    body_end = next(i for i, (_s, t) in enumerate(paragraphs) if t.startswith("III."))
    return docx_bytes(paragraphs[:body_end], table)


def samples(folder: Path = SAMPLES) -> list[tuple[str, bytes, dict]]:
    found = []
    for path in sorted(folder.glob("*.txt")):
        gold = json.loads(path.with_suffix(".gold.json").read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8")
        found.append((path.name, text.encode("utf-8"), gold))
        if path.name.startswith("01-"):
            found.append((path.stem + ".pdf", pdf_bytes(text), gold))
        if path.name.startswith("03-"):
            found.append((path.stem + ".docx", _docx_variant(text), gold))
    return found


def _compare(score: Score, name: str, predicted: set[str], expected: set[str]) -> None:
    score.tp[name] += len(predicted & expected)
    score.fp[name] += len(predicted - expected)
    score.fn[name] += len(expected - predicted)


def evaluate(resolver: Resolver, folder: Path = SAMPLES) -> tuple[Score, list[str]]:
    score, misses = Score(), []
    for name, data, gold in samples(folder):
        parsed = parse_bytes(data, resolver).as_json()
        header = parsed["plan"]
        for key, value in gold["plan"].items():
            _compare(score, "header", {f"{key}={header.get(key)}"}, {f"{key}={value}"})
            if header.get(key) != value:
                misses.append(f"{name} header {key}: {header.get(key)!r} != {value!r}")
        predicted = {t["ref"]: t for t in parsed["tasks"]}
        expected = {t["ref"]: t for t in gold["tasks"]}
        _compare(score, "task", set(predicted), set(expected))
        for ref in set(expected) - set(predicted):
            misses.append(f"{name} task {ref} missing")
        for ref in set(predicted) - set(expected):
            misses.append(f"{name} task {ref} extra")
        for ref, want in expected.items():
            got = predicted.get(ref)
            if got is None:
                for key in ("lead", "coordinating"):
                    score.fn[key] += len(want[key])
                score.fn["timing_kind"] += 1
                score.fn["due"] += want["due"] is not None
                continue
            for key in ("lead", "coordinating"):
                _compare(score, key, set(got[key]), set(want[key]))
                if set(got[key]) != set(want[key]):
                    misses.append(f"{name} {ref} {key}: {got[key]} != {want[key]}")
            _compare(score, "timing_kind", {got["timing"]["kind"]}, {want["kind"]})
            got_due, want_due = got["timing"]["due"], want["due"]
            _compare(score, "due", {got_due} - {None}, {want_due} - {None})
            if (got["timing"]["kind"], got_due) != (want["kind"], want_due):
                misses.append(
                    f"{name} {ref} timing: {got['timing']['kind']} {got_due} != {want['kind']} {want_due}"
                )
    return score, misses
