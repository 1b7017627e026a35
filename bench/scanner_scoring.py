"""Scoring the scanner on a labelled corpus: precision, recall, F1, level accuracy, hard
negatives flagged, declassified flags, per-family recall and time per file."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from bmnn.scanner.engine import scan_bytes
from tests.corpus.scanner_corpus import Item


@dataclass
class Score:
    counts: Counter[str] = field(default_factory=Counter)
    families: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    misses: list[tuple[str, str, str | None, float]] = field(default_factory=list)
    hard_flagged: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.counts["tp"] / max(1, self.counts["tp"] + self.counts["fp"])

    @property
    def recall(self) -> float:
        return self.counts["tp"] / max(1, self.counts["tp"] + self.counts["fn"])

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / max(1e-9, p + r)

    @property
    def level_accuracy(self) -> float:
        """Of the secret files found secret, the share given the right level."""
        return self.counts["level_right"] / max(1, self.counts["found_secret"])

    def ms_per_file(self, key: str) -> float:
        values = self.seconds[key]
        return 1000 * sum(values) / max(1, len(values))

    def lines(self, title: str) -> list[str]:
        c = self.counts
        out = [
            f"{title}: {c['files']} files, "
            f"{c['hard']} hard negatives, {sum(sum(v) for k, v in self.seconds.items() if k.startswith('format:')):.1f} s",
            f"  precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"level accuracy {self.level_accuracy:.3f}  (tp {c['tp']}, fp {c['fp']}, fn {c['fn']}, tn {c['tn']})",
            f"  hard negatives flagged: {len(self.hard_flagged)}; declassified flag right on "
            f"{c['declassified_ok']}/{c['declassified_ok'] + c['declassified_wrong']}",
        ]
        for name, row in sorted(self.families.items()):
            positives = row["tp"] + row["fn"]
            recall = f"recall {row['tp'] / positives:.2f}" if positives else "           "
            out.append(
                f"  {name:<22} {recall}  tp {row['tp']:>3} fn {row['fn']:>2} fp {row['fp']:>2} "
                f"tn {row['tn']:>3} decl {row['decl_ok']}/{row['decl_ok'] + row['decl_wrong']}  "
                f"{self.ms_per_file('family:' + name):7.1f} ms/file"
            )
        out += [f"  miss: {miss}" for miss in self.misses]
        return out


def score(items: list[Item], *, by: str = "family") -> Score:
    """Scan every item; group rows by `Item.family` (or by format for items without one)."""
    result = Score()
    for item in items:
        result.counts["files"] += 1
        started = time.perf_counter()
        verdict = scan_bytes(item.data, item.name)[0]
        elapsed = time.perf_counter() - started
        group = (item.family or f"({item.format})") if by == "family" else item.format
        result.seconds[f"family:{group}"].append(elapsed)
        result.seconds[f"format:{item.format}"].append(elapsed)
        row = result.families[group]
        if item.secret:
            outcome = "tp" if verdict.secret and verdict.level == item.level else "fn"
            if verdict.secret:
                result.counts["found_secret"] += 1
                result.counts["level_right"] += verdict.level == item.level
        else:
            outcome = "fp" if verdict.secret else "tn"
        result.counts[outcome] += 1
        row[outcome] += 1
        if item.declassified:
            right = verdict.declassified and not verdict.secret
            result.counts["declassified_ok" if right else "declassified_wrong"] += 1
            row["decl_ok" if right else "decl_wrong"] += 1
        if outcome in ("fn", "fp"):
            result.misses.append((item.name, outcome, verdict.level, round(verdict.score, 2)))
        if item.category == "hard_negative":
            result.counts["hard"] += 1
            if verdict.secret:
                result.hard_flagged.append(item.name)
    return result
