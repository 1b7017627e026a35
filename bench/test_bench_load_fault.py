"""Load-and-fault test (issue 16): BMNN scaled out on loopback survives a busy morning with a
crashed web process, a crashed worker and a PostgreSQL restart, and loses nothing.

Two `bmnn serve` behind nginx and two `bmnn worker` share one PostgreSQL and one file store
(bench/loadfault/cluster.py). Simulated security officers, heads and supervisors — real HTTP
clients with sessions, CSRF tokens and the second factor — register incoming documents, post
task progress, save their agency's annual report and read the matrix and the registers, for
three phases of 60 s (BMNN_LOADFAULT_PHASE_SECONDS). In the middle phase one web process and
one worker are killed with SIGKILL and started again, and PostgreSQL restarts. Before the
load, 200 incoming documents are registered at once into one agency's book, half through each
web process. Marker tasks (bench/loadfault/marker_tasks.py) are queued throughout.

Checked afterwards: every write answered with success is in the database (looked up by the
token it carried); the 200 documents got 200 distinct consecutive numbers; every marker task
ran exactly once and its result says so; `bmnn audit verify` passes (with the checkpoint
`bmnn setup` signed); no process ended by itself; no request failed outside the fault
window, and no two of the app's transactions deadlocked. Budget: the p95 of all requests
after the faults is within 2x the p95 before them. Printed: throughput and p50/p95 per
request kind before, during and after the faults, errors per kind, the fault timeline.

PostgreSQL is a private throw-away server by default (restarting the machine's shared server
would cut everyone else's connections); BMNN_LOADFAULT_POSTGRES=shared uses 127.0.0.1:5432.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.loadfault import cluster
from bench.loadfault.run import Options, run_in_temporary_directory


def _missing() -> str:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed (apt-get install nginx-light)"
    try:
        cluster.postgres_bin()
    except RuntimeError as exc:
        return str(exc)
    return ""


@pytest.mark.skipif(bool(_missing()), reason=_missing() or "ready")
def test_two_web_processes_and_two_workers_lose_nothing_through_crashes_and_a_database_restart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with capsys.disabled():
        print()
        outcome = run_in_temporary_directory(
            Options.from_env(), say=lambda line: print(f"  {line}", flush=True)
        )
        print(outcome.table(), flush=True)
    failed = [f"{check.name}: {check.detail}" for check in outcome.checks if not check.passed]
    assert not failed, "\n".join(failed)
