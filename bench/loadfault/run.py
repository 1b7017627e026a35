"""One load-and-fault run, start to finish, and what it found.

Timeline (P = phase seconds, 60 by default): the cluster starts and the people log in; the
burst of incoming documents runs alone; then three phases of load of P seconds each. In the
second phase (the fault window) one web process and one worker are killed with SIGKILL at
0.1 P and started again 3 s later, and PostgreSQL restarts at 0.5 P. Marker tasks are queued
through the first 2.5 phases, with a bunch about 2 s before the kill so that the workers
are busy.
After the load the workers get up to `drain_seconds` to finish the queue; then every write
is looked up, the tasks are counted and `bmnn audit verify` runs.

Run it by itself with `python -m bench.loadfault.run` (options from the environment, see
`Options.from_env`), or through `bench/test_bench_load_fault.py`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.loadfault import MARKER_STARTS, figures
from bench.loadfault.client import Person, Recorder, burst
from bench.loadfault.cluster import REPO, Clock, Cluster, Events

KILL_AT = 0.1  # of the fault phase
RESTART_AFTER = 3.0  # seconds, like systemd's RestartSec
POSTGRES_AT = 0.5
BUNCH = 30  # marker tasks queued at once 2 s before the kill: both workers are busy then


@dataclass(frozen=True)
class Options:
    phase_seconds: float = 60.0
    tasks: int = 300
    agencies: int = 4  # each brings its security officer and its head
    supervisors: int = 3
    burst: int = 200
    burst_threads: int = 20
    drain_seconds: float = 120.0
    postgres: str = "private"  # or "shared": the server on 127.0.0.1:5432
    # the worker command: "db_worker" (django-tasks-db's own) shows what the test catches
    worker: str = "worker"
    source: str = ""  # another checkout of BMNN to run the cluster from (to try a change)

    @classmethod
    def from_env(cls) -> Options:
        """BMNN_LOADFAULT_ + the field's name in capitals (PHASE_SECONDS, TASKS, ...)."""

        def get(name: str, default: Any) -> Any:
            raw = os.environ.get(f"BMNN_LOADFAULT_{name.upper()}")
            return default if raw is None else type(default)(raw)

        return cls(**{name: get(name, value) for name, value in cls().__dict__.items()})


@dataclass
class Outcome:
    options: Options
    windows: dict[str, tuple[float, float]]
    recorder: Recorder
    events: Events
    checks: list[figures.Check] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    probe: dict[str, Any] = field(default_factory=dict)

    def table(self) -> str:
        return figures.table(self)


def run(options: Options, workdir: Path, say: Any = print) -> Outcome:
    """The whole run; SIGTERM (a CI timeout) unwinds it like Ctrl+C, so that the cluster's
    processes are stopped on the way out."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        return _run(options, workdir, say)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _run(options: Options, workdir: Path, say: Any) -> Outcome:
    clock = Clock()
    events = Events(clock)
    recorder = Recorder(clock)
    phase = options.phase_seconds
    source = Path(options.source) if options.source else REPO
    with Cluster(
        workdir, postgres=options.postgres, events=events, worker=options.worker, source=source
    ) as cluster:
        events.add("cluster up")
        say(
            f"cluster up in {clock.now():.0f} s: PostgreSQL {cluster.pg.version} "
            f"({cluster.pg.mode}, port {cluster.pg.port}), web on {cluster.web_ports}, "
            f"nginx on {cluster.proxy_port}"
        )
        prepared = cluster.python("prepare", str(options.agencies), str(options.supervisors))
        if prepared.returncode:
            raise RuntimeError(f"prepare failed:\n{prepared.stdout}\n{prepared.stderr}")
        cast = json.loads(prepared.stdout)
        people = [
            Person(cluster.proxy_url, who, cast["period"], recorder, seed=i)
            for i, who in enumerate(cast["people"])
        ]
        for person in people:
            person.log_in()
        events.add(f"{len(people)} people logged in")

        burst_from = clock.now()
        burst_tokens = burst(
            [cluster.web_url(0), cluster.web_url(1)],
            cast["burst"],
            options.burst,
            options.burst_threads,
            recorder,
        )
        windows = {"burst": (burst_from, clock.now())}
        events.add(f"burst of {options.burst} incoming documents done")

        load_from = clock.now()
        fault_from, fault_to = load_from + phase, load_from + 2 * phase
        load_to = load_from + 3 * phase
        windows.update(
            before=(load_from, fault_from), during=(fault_from, fault_to), after=(fault_to, load_to)
        )
        enqueued = workdir / "enqueued.tsv"
        enqueuer = cluster.popen_python(
            "enqueue",
            str(options.tasks),
            str(2.5 * phase),
            str((1 + KILL_AT) * phase - 2.0),
            str(BUNCH),
            str(enqueued),
            stdout=workdir / "logs" / "enqueue.log",
        )
        stop = threading.Event()
        cpu = CpuSampler(clock, stop)
        threads = [threading.Thread(target=p.run, args=(stop,), daemon=True) for p in people]
        threads.append(threading.Thread(target=cpu.run, daemon=True))
        for thread in threads:
            thread.start()
        events.add("load begins")
        say(f"load: {len(people)} people, phases of {phase:.0f} s")

        _sleep_until(clock, fault_from + KILL_AT * phase)
        web, worker = cluster.web[0], cluster.workers[0]
        killed_worker = worker.pid
        cluster.kill(web)
        cluster.kill(worker)
        _sleep_until(clock, clock.now() + RESTART_AFTER)
        cluster.restart(web)
        cluster.restart(worker)
        _sleep_until(clock, fault_from + POSTGRES_AT * phase)
        cluster.restart_postgres()
        _sleep_until(clock, load_to)
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        events.add("load ends")
        enqueuer.wait(timeout=60)

        drained = _drain(cluster, options.drain_seconds)
        events.add("queue drained" if drained else "queue NOT drained")
        outcome = Outcome(options, windows, recorder, events)
        outcome.notes.append(f"marker tasks by status after the drain: {drained or 'unknown'}")
        outcome.notes.append("CPU busy (2 cores, whole machine): " + cpu.by_window(windows))
        _check(outcome, cluster, burst_tokens, enqueued, killed_worker)
        for person in people:
            person.session.close()
    return outcome


class CpuSampler:
    """The machine's busy share of CPU time, once a second (/proc/stat), until `stop`."""

    def __init__(self, clock: Clock, stop: threading.Event) -> None:
        self.clock, self.stop = clock, stop
        self.samples: list[tuple[float, float]] = []

    @staticmethod
    def _times() -> tuple[int, int]:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        idle = fields[3] + fields[4]  # idle + iowait
        return sum(fields) - idle, sum(fields)

    def run(self) -> None:
        busy, total = self._times()
        while not self.stop.wait(1.0):
            now_busy, now_total = self._times()
            if now_total > total:
                self.samples.append((self.clock.now(), (now_busy - busy) / (now_total - total)))
            busy, total = now_busy, now_total

    def by_window(self, windows: dict[str, tuple[float, float]]) -> str:
        parts = []
        for name in figures.WINDOWS:
            start, end = windows[name]
            shares = [share for at, share in self.samples if start <= at < end]
            if shares:
                parts.append(f"{name} {100 * sum(shares) / len(shares):.0f}%")
        return ", ".join(parts) or "not measured"


def _sleep_until(clock: Clock, at: float) -> None:
    pause = at - clock.now()
    if pause > 0:
        time.sleep(pause)


def _drain(cluster: Cluster, seconds: float) -> dict[str, int]:
    """Waits until no marker task is queued or running (or the time is up)."""
    deadline = time.monotonic() + seconds
    counts: dict[str, int] = {}
    while True:
        answer = cluster.python("tasks")
        if answer.returncode == 0:
            counts = json.loads(answer.stdout)
            if not counts.get("READY") and not counts.get("RUNNING"):
                return counts
        if time.monotonic() > deadline:
            return counts
        time.sleep(3)


def _check(
    outcome: Outcome, cluster: Cluster, burst_tokens: list[str], enqueued: Path, killed_worker: int
) -> None:
    writes = outcome.recorder.writes
    text = enqueued.read_text(encoding="utf-8") if enqueued.exists() else ""
    lines = [line.split("\t") for line in text.splitlines()]
    queued = [parts[0] for parts in lines if parts[1] == "queued"]
    uncertain = [parts[0] for parts in lines if parts[1] == "uncertain"]
    tokens = {
        kind: [w.token for w in writes if w.kind == kind]
        for kind in ("incoming", "progress", "report")
    }
    tokens["burst"] = burst_tokens
    request = cluster.workdir / "tokens.json"
    request.write_text(json.dumps(tokens), encoding="utf-8")
    answer = cluster.python("probe", str(request))
    if answer.returncode:
        raise RuntimeError(f"probe failed:\n{answer.stdout}\n{answer.stderr}")
    found = json.loads(answer.stdout)
    outcome.probe = found
    outcome.checks.extend(figures.write_checks(writes, found))
    outcome.checks.append(figures.burst_check(writes, burst_tokens, found["burst"]))
    outcome.checks.extend(figures.task_checks(outcome.options.tasks, queued, uncertain, found))
    for args in (
        [],
        ["--checkpoints", str(Path(cluster.env["BMNN_DATA_DIR"]) / "audit-checkpoints")],
    ):
        verified = cluster.bmnn("audit", "verify", *args)
        said = (verified.stdout + verified.stderr).strip().splitlines() or ["(nothing)"]
        outcome.checks.append(
            figures.Check(
                " ".join(["bmnn audit verify", *args]), verified.returncode == 0, said[-1]
            )
        )
    starts = Path(cluster.env["BMNN_DATA_DIR"]) / MARKER_STARTS
    outcome.notes.append(figures.tasks_in_hand(starts.read_text(encoding="utf-8"), killed_worker))
    logs = "\n".join(
        log.read_text(encoding="utf-8", errors="replace")
        for log in sorted((cluster.workdir / "logs").glob("web*.log"))
    )
    outcome.checks.append(figures.deadlock_check(logs))
    outcome.notes.append(figures.app_errors(logs))
    exits = cluster.unexpected_exits()
    outcome.checks.append(
        figures.Check(
            "no process ended by itself (web, worker, nginx)", not exits, "; ".join(exits) or "none"
        )
    )
    outcome.checks.append(figures.quiet_check(outcome))
    outcome.checks.append(figures.budget_check(outcome))
    outcome.notes.append(f"other tasks: {found['other_tasks']}")


def run_in_temporary_directory(options: Options, say: Any = print) -> Outcome:
    """`run` in a directory of its own under /tmp (PostgreSQL's user must reach it), deleted
    afterwards; BMNN_LOADFAULT_KEEP=DIR keeps the processes' logs there."""
    with tempfile.TemporaryDirectory(prefix="bmnn-loadfault-") as tmp:
        try:
            return run(options, Path(tmp), say)
        finally:
            keep = os.environ.get("BMNN_LOADFAULT_KEEP")
            if keep and (Path(tmp) / "logs").is_dir():
                shutil.copytree(Path(tmp) / "logs", keep, dirs_exist_ok=True)
                say(f"logs kept in {keep}")


def main() -> None:
    outcome = run_in_temporary_directory(Options.from_env())
    print(outcome.table())
    sys.exit(0 if all(check.passed for check in outcome.checks) else 1)


if __name__ == "__main__":
    main()
