"""From samples, writes and the database's answers to the checks and the table of figures."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bench.loadfault.client import Sample, Write
    from bench.loadfault.run import Outcome

WINDOWS = ("before", "during", "after")
# the budget: after the faults, the p95 of all requests is at most this many times the p95
# before them (the cluster is back to its normal pace once the faults are over)
P95_AFTER_OVER_BEFORE = 2.0


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile; nan for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(q / 100 * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def write_checks(writes: list[Write], found: dict[str, Any]) -> list[Check]:
    checks = []
    for kind in ("incoming", "progress", "report"):
        mine = [w for w in writes if w.kind == kind]
        present = set(found[kind])
        acknowledged = [w.token for w in mine if w.answer == "acknowledged"]
        lost = [t for t in acknowledged if t not in present]
        # a refused write must not have happened either
        ghosts = [w.token for w in mine if w.answer == "refused" and w.token in present]
        unknown = [w for w in mine if w.answer == "unknown"]
        checks.append(
            Check(
                f"{kind}: every write answered with success is in the database",
                not lost and not ghosts,
                f"{len(acknowledged)} confirmed, {len(lost)} lost {lost[:5]}; "
                f"{len(ghosts)} refused yet present {ghosts[:5]}; {len(unknown)} without an answer "
                f"({sum(w.token in present for w in unknown)} of them done)",
            )
        )
    return checks


def burst_check(writes: list[Write], tokens: list[str], entries: list[dict[str, Any]]) -> Check:
    confirmed = [w.token for w in writes if w.kind == "burst" and w.answer == "acknowledged"]
    numbers = sorted(e["seq"] for e in entries)
    books = {(e["book"], e["year"]) for e in entries}
    consecutive = bool(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    passed = (
        len(confirmed) == len(tokens) == len(entries) == len(set(numbers))
        and consecutive
        and len(books) == 1
    )
    span = f"{numbers[0]}–{numbers[-1]}" if numbers else "none"
    return Check(
        f"burst: {len(tokens)} incoming documents at once into one book, from both web "
        "processes, get distinct consecutive numbers",
        passed,
        f"{len(confirmed)} confirmed, {len(entries)} in the book, {len(set(numbers))} distinct "
        f"numbers {span}, consecutive: {consecutive}, books: {len(books)}",
    )


def task_checks(
    expected: int, queued: list[str], uncertain: list[str], found: dict[str, Any]
) -> list[Check]:
    runs = Counter(found["markers"])
    statuses: dict[str, list[str]] = {}
    for result in found["marker_results"]:
        statuses.setdefault(result["token"], []).append(result["status"])
    lost = [t for t in queued if runs[t] == 0]
    twice = [t for t in (*queued, *uncertain) if runs[t] > 1]
    unsuccessful = Counter(
        status
        for token in queued
        for status in statuses.get(token, ["MISSING"])
        if status != "SUCCESSFUL"
    )
    return [
        Check(
            "tasks: every queued marker task ran exactly once",
            len(queued) == expected and not lost and not twice,
            f"{len(queued)} queued (+{len(uncertain)} cut by the restart), "
            f"{sum(runs[t] == 1 for t in queued)} ran once, {len(lost)} never {lost[:3]}, "
            f"{len(twice)} more than once {twice[:3]}",
        ),
        Check(
            "tasks: every marker task's result says it succeeded",
            not unsuccessful,
            f"not successful: {dict(unsuccessful) or 'none'}",
        ),
    ]


def _window_of(at: float, windows: dict[str, tuple[float, float]]) -> str | None:
    for name in WINDOWS:
        start, end = windows[name]
        if start <= at < end:
            return name
    return None


def by_window(
    samples: list[Sample], windows: dict[str, tuple[float, float]]
) -> dict[str, dict[str, list[Sample]]]:
    grouped: dict[str, dict[str, list[Sample]]] = {}
    for sample in samples:
        window = _window_of(sample.at, windows)
        if window is not None:
            grouped.setdefault(sample.kind, {}).setdefault(window, []).append(sample)
            grouped.setdefault("all requests", {}).setdefault(window, []).append(sample)
    return grouped


def budget_check(outcome: Outcome) -> Check:
    grouped = by_window(outcome.recorder.samples, outcome.windows)["all requests"]
    answered = {
        w: [s.ms for s in grouped.get(w, []) if s.outcome != "error"] for w in ("before", "after")
    }
    before, after = percentile(answered["before"], 95), percentile(answered["after"], 95)
    return Check(
        f"budget: p95 after the faults within {P95_AFTER_OVER_BEFORE:g}x the p95 before",
        after <= P95_AFTER_OVER_BEFORE * before,
        f"p95 before {before:.0f} ms, after {after:.0f} ms ({after / before:.2f}x)",
    )


def quiet_check(outcome: Outcome) -> Check:
    """Outside the fault window nothing may fail: before it the cluster is healthy, after it
    it must have recovered."""
    grouped = by_window(outcome.recorder.samples, outcome.windows)["all requests"]
    errors = [s for w in ("before", "after") for s in grouped.get(w, []) if s.outcome == "error"]
    return Check(
        "no request fails before the faults or after the fault window",
        not errors,
        f"{len(errors)} errors: "
        + (", ".join(f"t={s.at:.1f} s {s.kind} {s.detail}" for s in errors[:5]) or "none"),
    )


def deadlock_check(web_logs: str) -> Check:
    """PostgreSQL aborts one of two transactions that wait for each other; the person sees an
    error that no fault caused. Counted from the web processes' tracebacks."""
    count = web_logs.count("psycopg.errors.DeadlockDetected")
    where = [line.strip() for line in web_logs.splitlines() if "while locking tuple" in line]
    return Check(
        "no deadlock between the app's own transactions (web process logs)",
        count == 0,
        f"{count} deadlocks" + (f" ({Counter(where).most_common(2)})" if where else ""),
    )


def app_errors(web_logs: str) -> str:
    """The web processes' logged answers of 500 and 503, by reason."""
    kinds = Counter(
        line.split("ERROR django.request: ", 1)[1].split(":", 1)[0]
        for line in web_logs.splitlines()
        if "ERROR django.request: " in line
    )
    return f"web processes logged: {dict(kinds) or 'no error'}"


def tasks_in_hand(starts: str, killed_pid: int) -> str:
    """Which marker tasks the killed worker had started, and which of them another worker
    started again afterwards."""
    by_token: dict[str, list[int]] = {}
    for line in starts.splitlines():
        token, pid = line.split()
        by_token.setdefault(token, []).append(int(pid))
    started = [t for t, pids in by_token.items() if killed_pid in pids]
    again = [t for t in started if by_token[t][-1] != killed_pid]
    return (
        f"marker tasks started by the killed worker (pid {killed_pid}): {len(started)}; "
        f"in hand when it was killed and started again by another worker: {len(again)} "
        f"{again[:3]}; started more than once in all (a run cut by the kill or by the "
        f"database restart leaves its note): {sum(len(p) > 1 for p in by_token.values())}"
    )


def table(outcome: Outcome) -> str:
    windows = outcome.windows
    grouped = by_window(outcome.recorder.samples, windows)
    lines = [
        f"load-and-fault run: phases of {outcome.options.phase_seconds:.0f} s; windows "
        + ", ".join(f"{w} {windows[w][0]:.0f}–{windows[w][1]:.0f} s" for w in WINDOWS),
        f"{'request kind':<18}" + "".join(f" | {w + ': n/s  p50  p95 err':<26}" for w in WINDOWS),
    ]
    kinds = [*sorted(k for k in grouped if k != "all requests"), "all requests"]
    for kind in kinds:
        cells = []
        for w in WINDOWS:
            samples = grouped[kind].get(w, [])
            span = windows[w][1] - windows[w][0]
            answered = [s.ms for s in samples if s.outcome != "error"]
            ok = sum(s.outcome == "ok" for s in samples)
            errors = sum(s.outcome == "error" for s in samples)
            refused = sum(s.outcome == "refused" for s in samples)
            cell = (
                f"{ok / span:5.1f} {percentile(answered, 50):5.0f} {percentile(answered, 95):5.0f}"
                f" {errors:3d}" + (f" r{refused}" if refused else "")
            )
            cells.append(f" | {cell:<26}")
        lines.append(f"{kind:<18}" + "".join(cells))
    burst = [s for s in outcome.recorder.samples if s.kind == "burst: save"]
    if burst:
        start, end = windows["burst"]
        lines.append(
            f"burst: {len(burst)} POSTs in {end - start:.1f} s ({len(burst) / (end - start):.1f}/s),"
            f" p50 {percentile([s.ms for s in burst], 50):.0f} ms,"
            f" p95 {percentile([s.ms for s in burst], 95):.0f} ms,"
            f" errors {sum(s.outcome != 'ok' for s in burst)}"
        )
    lines.append(
        "(n/s: successful requests per second; p50/p95 in ms over answered requests; "
        "err: errors; rN: refused by the app)"
    )
    lines.append("events:")
    lines.extend(f"  t={at:6.1f} s  {what}" for at, what in outcome.events.items)
    errors = [s for s in outcome.recorder.samples if s.outcome == "error"]
    if errors:
        lines.append("errors (t, kind, answer):")
        lines.extend(
            f"  t={s.at:6.1f} s  {s.kind:<16} {s.ms:7.0f} ms  {s.detail}" for s in errors[:60]
        )
        if len(errors) > 60:
            lines.append(f"  … and {len(errors) - 60} more")
    lines.extend(outcome.notes)
    lines.append("checks:")
    lines.extend(
        f"  [{'ok' if c.passed else 'FAILED'}] {c.name}: {c.detail}" for c in outcome.checks
    )
    return "\n".join(lines)
