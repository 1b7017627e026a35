"""Report and floor: the plan importer on real published plans (issue 17).

The development set lives outside the project in ../shared/realplans/ (its README defines the
scoring, which this module follows): each `NN_….txt` is imported as `bmnn plan import FILE
--format json` would import it, and compared with `NN.expected.json`:
- header: number, date, place, issuer, each right or wrong (a null expectation wants null);
- task count: inside the expected {min, max};
- per check: the task whose content holds the needle (case-insensitive, whitespace collapsed);
  its leads against the expected leads (precision, recall); coordinating as "at least one of
  coordinating_any among the task's coordinators" (a hit is a true positive, a miss a false
  negative, and a miss with other coordinators named also a false positive); timing kind and
  due date right or wrong, a check whose task is not found counting as wrong.
Agency names match when, after folding (accents, case, spaces) and with "Ủy ban nhân dân" read
as "UBND", one contains the other.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from bmnn.core.text import fold
from bmnn.plans.importer import parse_bytes

REALPLANS = Path(__file__).resolve().parents[2] / "shared" / "realplans"
# two plans in the same shapes, written after the importer was tuned on REALPLANS and never
# tuned on: the honest estimate
HELD_OUT = Path(__file__).resolve().parents[1] / "bmnn" / "plans" / "tests" / "samples" / "heldout2"
HEADER_FIELDS = ("number", "date", "place", "issuer")
FLOOR = {"header": 0.95, "task_recall": 0.90, "lead_f1": 0.90, "coord_f1": 0.85, "due": 0.85}


def _name_key(name: str) -> str:
    key = fold(name).replace("uy ban nhan dan", "ubnd")
    return re.sub(r"\s+", " ", key).strip(" .;,")


def names_match(a: str, b: str) -> bool:
    left, right = _name_key(a), _name_key(b)
    return bool(left and right) and (left in right or right in left)


def _text_key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass
class Tally:
    header_right: int = 0
    header_total: int = 0
    checks: int = 0
    found: int = 0
    lead_tp: int = 0
    lead_fp: int = 0
    lead_fn: int = 0
    coord_tp: int = 0
    coord_fp: int = 0
    coord_fn: int = 0
    kind_right: int = 0
    due_right: int = 0
    count_ok: int = 0
    plans: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            if name != "misses":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _ratio(part: int, whole: int) -> float:
        return part / whole if whole else 1.0

    def figures(self) -> dict[str, float]:
        lead_p = self._ratio(self.lead_tp, self.lead_tp + self.lead_fp)
        lead_r = self._ratio(self.lead_tp, self.lead_tp + self.lead_fn)
        coord_p = self._ratio(self.coord_tp, self.coord_tp + self.coord_fp)
        coord_r = self._ratio(self.coord_tp, self.coord_tp + self.coord_fn)

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        return {
            "header": self._ratio(self.header_right, self.header_total),
            "task_recall": self._ratio(self.found, self.checks),
            "lead_p": lead_p,
            "lead_r": lead_r,
            "lead_f1": f1(lead_p, lead_r),
            "coord_f1": f1(coord_p, coord_r),
            "kind": self._ratio(self.kind_right, self.checks),
            "due": self._ratio(self.due_right, self.checks),
            "count_ok": self._ratio(self.count_ok, self.plans),
        }


def _header_right(key: str, got: Any, want: Any) -> bool:
    if want is None or got is None:
        return want is None and got is None
    if key == "number":
        return re.sub(r"\s+", "", str(got)).casefold() == re.sub(r"\s+", "", want).casefold()
    if key == "issuer":
        return names_match(str(got), want)
    if key == "place":
        return _name_key(str(got)) == _name_key(want)
    return str(got) == str(want)


def _find(tasks: list[dict[str, Any]], needle: str) -> dict[str, Any] | None:
    """The most specific task holding the needle (the shortest content, when several do)."""
    key = _text_key(needle)
    holding = [t for t in tasks if key in _text_key(t["content"])]
    return min(holding, key=lambda t: len(t["content"])) if holding else None


def score_plan(result: dict[str, Any], expected: dict[str, Any]) -> Tally:
    tally = Tally(plans=1)
    header = result["plan"]
    for key in HEADER_FIELDS:
        tally.header_total += 1
        if _header_right(key, header.get(key), expected["header"][key]):
            tally.header_right += 1
        else:
            tally.misses.append(f"header {key}: {header.get(key)!r} != {expected['header'][key]!r}")
    bounds = expected["task_count"]
    if bounds["min"] <= len(result["tasks"]) <= bounds["max"]:
        tally.count_ok += 1
    else:
        tally.misses.append(f"task count {len(result['tasks'])} not in {bounds}")
    for check in expected["checks"]:
        tally.checks += 1
        needle = check["needle"]
        task = _find(result["tasks"], needle)
        want_leads: list[str] = check["lead"]
        coordinating_any: list[str] | None = check.get("coordinating_any")
        if task is None:
            tally.misses.append(f"not found: {needle!r}")
            tally.lead_fn += len(want_leads)
            tally.coord_fn += 1 if coordinating_any else 0
            continue
        tally.found += 1
        got_leads: list[str] = task["lead"]
        recalled = [w for w in want_leads if any(names_match(g, w) for g in got_leads)]
        precise = [g for g in got_leads if any(names_match(g, w) for w in want_leads)]
        tally.lead_tp += len(recalled)
        tally.lead_fn += len(want_leads) - len(recalled)
        tally.lead_fp += len(got_leads) - len(precise)
        if len(recalled) < len(want_leads) or len(precise) < len(got_leads):
            tally.misses.append(f"lead {needle!r}: {got_leads} != {want_leads}")
        if coordinating_any:
            got_coord: list[str] = task["coordinating"]
            if any(names_match(g, w) for g in got_coord for w in coordinating_any):
                tally.coord_tp += 1
            else:
                tally.coord_fn += 1
                tally.coord_fp += 1 if got_coord else 0
                tally.misses.append(f"coordinating {needle!r}: {got_coord} !~ {coordinating_any}")
        timing = task["timing"]
        if timing["kind"] == check["kind"]:
            tally.kind_right += 1
        if timing["due"] == check["due"]:
            tally.due_right += 1
        if (timing["kind"], timing["due"]) != (check["kind"], check["due"]):
            tally.misses.append(
                f"timing {needle!r}: {timing['kind']} {timing['due']} "
                f"!= {check['kind']} {check['due']} ({timing['text']!r})"
            )
    return tally


def real_plans(folder: Path = REALPLANS) -> list[tuple[Path, dict[str, Any]]]:
    if not folder.is_dir():
        pytest.skip(f"the real plans ({folder}) are not beside this clone")
    plans = []
    for path in sorted(folder.glob("*.txt")):
        expected_path = folder / f"{path.name.split('_', 1)[0]}.expected.json"
        if expected_path.is_file():
            plans.append((path, json.loads(expected_path.read_text(encoding="utf-8"))))
    return plans


def _line(name: str, figures: dict[str, float]) -> str:
    return (
        f"  {name:<8} header {figures['header']:.0%}  tasks found {figures['task_recall']:.0%}  "
        f"lead P {figures['lead_p']:.2f} R {figures['lead_r']:.2f} F1 {figures['lead_f1']:.2f}  "
        f"coord F1 {figures['coord_f1']:.2f}  kind {figures['kind']:.0%}  "
        f"due {figures['due']:.0%}  count in range {figures['count_ok']:.0%}"
    )


def _report(resolver: Any, folder: Path) -> dict[str, float]:
    overall = Tally()
    lines = []
    for path, expected in real_plans(folder):
        result = parse_bytes(path.read_bytes(), resolver).as_json()
        tally = score_plan(result, expected)
        overall.add(tally)
        lines.append(_line(path.name[:2], tally.figures()) + f"  ({len(result['tasks'])} tasks)")
        lines.extend(f"      miss: {miss}" for miss in tally.misses)
    figures = overall.figures()
    print(f"\nplan importer on {overall.plans} plans in {folder}")
    print("\n".join(lines))
    print(_line("overall", figures))
    return figures


def test_real_plans_reach_the_floor_of_issue_17(resolver, capsys) -> None:
    with capsys.disabled():
        figures = _report(resolver, REALPLANS)
    below = {
        name: round(figures[name], 3) for name, floor in FLOOR.items() if figures[name] < floor
    }
    assert not below, f"below the floor {FLOOR}: {below}"


def test_report_the_plans_written_after_tuning(resolver, capsys) -> None:
    """The honest estimate: reported, not held to the floor (two plans are few)."""
    with capsys.disabled():
        figures = _report(resolver, HELD_OUT)
    assert figures["task_recall"] > 0  # the plans are read at all
