"""The test's small programs that run inside the cluster's Django (same database, same file
store), each a subcommand: `python -m bench.loadfault.django_side prepare|enqueue|tasks|probe`.

- prepare: the simulated people. The demo's agency heads and security officers get the demo
  password, a known authenticator and a clearance, and supervisors are added to the provincial
  police, all through the services (audited); each agency's annual report is started. Prints
  JSON: who logs in with what, and where they work.
- enqueue: queues N marker tasks over a given time, with a bunch at a given moment (so that
  the workers are busy when one is killed); each line of its output is a token and whether
  the queueing is certain.
- tasks: how many marker tasks are queued, running, finished (JSON).
- probe: looks up every token the clients wrote and every marker task's trace (JSON in, JSON
  out).
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import django

TOKEN = re.compile(r"LF-[a-z]-[0-9a-f]{10}")
MARKER_TASK = "bench.loadfault.marker_tasks.mark"


def prepare(agencies: int, supervisors: int) -> dict[str, Any]:
    from bmnn.accounts.services import change_password, enrol_known_totp
    from bmnn.org import services as org
    from bmnn.org.demo import DEMO_PASSWORD, POLICE_CODE, demo_totp_key
    from bmnn.org.models import Agency, Person, Role
    from bmnn.plans.models import Assignment, PlanStatus, Review
    from bmnn.registry.models import Book, RegisterBook
    from bmnn.reports import services as reports
    from bmnn.reports.models import ReportingPeriod, Submission

    today = date.today()
    granting = Person.objects.get(username="giamsat")
    period = ReportingPeriod.objects.filter(kind="annual", status="open").order_by("-year").first()
    if period is None:
        raise SystemExit("the demo has no open annual reporting period")
    expected = set(reports.expected_agencies(period).values_list("pk", flat=True))
    open_assignments: dict[int, list[int]] = {}
    for agency_id, pk in (
        Assignment.objects.filter(task__plan__status=PlanStatus.ISSUED)
        .exclude(review=Review.ACCEPTED)
        .order_by("pk")
        .values_list("agency_id", "pk")
    ):
        open_assignments.setdefault(agency_id, []).append(pk)
    reported = set(
        Submission.objects.filter(period=period)
        .exclude(state__in=reports.EDITABLE)
        .values_list("agency_id", flat=True)
    )

    def login(person: Person, clearance: str) -> dict[str, Any]:
        if not person.has_usable_password():
            change_password(actor=person, new_password=DEMO_PASSWORD)
        key = demo_totp_key(person.username)
        if not person.totpdevice_set.exists():  # type: ignore[attr-defined]
            enrol_known_totp(actor=None, person=person, key_hex=key)
        if person.clearance == "none":
            org.grant_clearance(
                actor=granting,
                person=person,
                level=clearance,
                granted_on=today,
                decision="Quyết định số 16/QĐ-CAT",
            )
        return {"username": person.username, "password": DEMO_PASSWORD, "key": key}

    people: list[dict[str, Any]] = []
    # the burst's book belongs to demo-stp, whose officer (baomat) does nothing else
    chosen = [
        agency
        for agency in Agency.objects.filter(code__startswith="demo-").order_by("code")
        if agency.code not in (POLICE_CODE, "demo-stp")
        and agency.pk in expected
        and agency.pk not in reported
        and open_assignments.get(agency.pk)
        and Person.objects.filter(username=f"demo.{agency.code[5:]}.officer").exists()
        and Person.objects.filter(username=f"demo.{agency.code[5:]}.head").exists()
    ][:agencies]
    for agency in chosen:
        officer = Person.objects.get(username=f"demo.{agency.code[5:]}.officer")
        head = Person.objects.get(username=f"demo.{agency.code[5:]}.head")
        reports.start_submission(actor=officer, period=period, agency=agency)
        for person, role in ((officer, "officer"), (head, "head")):
            people.append(
                {
                    **login(person, "toi_mat"),
                    "role": role,
                    "agency": agency.pk,
                    "assignments": open_assignments[agency.pk],
                }
            )
    police = Agency.objects.get(code=POLICE_CODE)
    for n in range(1, supervisors + 1):
        username = f"giamsat{n}" if n > 1 else "giamsat"
        person = Person.objects.filter(username=username).first() or org.create_person(
            actor=None,
            agency=police,
            role=Role.SUPERVISOR,
            username=username,
            full_name=f"Cán bộ theo dõi số {n}",
            position="Phòng An ninh chính trị nội bộ",
            password=DEMO_PASSWORD,
        )
        people.append({**login(person, "tuyet_mat"), "role": "supervisor", "agency": police.pk})
    burst_agency = Agency.objects.get(code="demo-stp")
    burst_book = RegisterBook.objects.filter(
        agency=burst_agency, kind=Book.INCOMING, year=today.year, closed_at=None
    ).first()
    return {
        "period": period.pk,
        "people": people,
        "burst": {
            **login(Person.objects.get(username="baomat"), "toi_mat"),
            "agency": burst_agency.pk,
            "book_exists": burst_book is not None,
        },
    }


def enqueue(count: int, seconds: float, bunch_at: float, bunch: int, out: Path) -> None:
    """Steady pace plus one bunch; a queueing cut by a database restart is marked uncertain
    (the row may or may not have been written) and done again under a new token."""
    import secrets

    from django.db import DatabaseError, connection

    from bench.loadfault.marker_tasks import mark

    start = time.monotonic()
    steady = count - bunch
    plan = sorted([seconds * i / max(steady, 1) for i in range(steady)] + [bunch_at] * bunch)
    with out.open("a", encoding="utf-8") as log:
        for due in plan:
            pause = start + due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            while True:
                token = f"LF-t-{secrets.token_hex(5)}"
                try:
                    mark.enqueue(token)
                except DatabaseError as exc:
                    log.write(f"{token}\tuncertain\t{type(exc).__name__}\n")
                    log.flush()
                    connection.close()
                    time.sleep(0.5)
                    continue
                log.write(f"{token}\tqueued\n")
                log.flush()
                break


def task_counts() -> dict[str, int]:
    from django_tasks_db.models import DBTaskResult

    return dict(
        Counter(DBTaskResult.objects.filter(task_path=MARKER_TASK).values_list("status", flat=True))
    )


def probe(tokens: dict[str, Any]) -> dict[str, Any]:
    from django_tasks_db.models import DBTaskResult

    from bench.loadfault.marker_tasks import ACTION
    from bmnn.core.models import AuditEvent
    from bmnn.plans.models import ProgressUpdate
    from bmnn.registry.models import Book, RegisterEntry, SecretItem
    from bmnn.reports.models import Submission

    def in_texts(texts: Any) -> list[str]:
        return sorted({t for text in texts for t in TOKEN.findall(text or "")})

    burst = [
        {"token": number, "seq": seq, "book": book, "year": year}
        for number, seq, book, year in RegisterEntry.objects.filter(
            kind=Book.INCOMING, item__number__in=tokens["burst"]
        ).values_list("item__number", "seq", "book_id", "year")
    ]
    markers = Counter(
        (changes or {}).get("token")
        for changes in AuditEvent.objects.filter(action=ACTION).values_list("changes", flat=True)
    )
    results = [
        {"token": (args or {}).get("args", [None])[0], "status": status, "workers": workers}
        for args, status, workers in DBTaskResult.objects.filter(task_path=MARKER_TASK).values_list(
            "args_kwargs", "status", "worker_ids"
        )
    ]
    other_tasks = Counter(
        f"{path} {status}"
        for path, status in DBTaskResult.objects.exclude(task_path=MARKER_TASK).values_list(
            "task_path", "status"
        )
    )
    return {
        "incoming": sorted(
            SecretItem.objects.filter(number__in=tokens["incoming"]).values_list(
                "number", flat=True
            )
        ),
        "progress": in_texts(
            ProgressUpdate.objects.filter(note__contains="LF-").values_list("note", flat=True)
        ),
        "report": in_texts(
            Submission.objects.filter(situation__contains="LF-").values_list("situation", flat=True)
        ),
        "burst": burst,
        "markers": dict(markers),
        "marker_results": results,
        "other_tasks": dict(other_tasks),
    }


def main(argv: list[str]) -> None:
    django.setup()
    command, *args = argv
    if command == "prepare":
        print(json.dumps(prepare(int(args[0]), int(args[1]))))
    elif command == "enqueue":
        enqueue(int(args[0]), float(args[1]), float(args[2]), int(args[3]), Path(args[4]))
    elif command == "tasks":
        print(json.dumps(task_counts()))
    elif command == "probe":
        print(json.dumps(probe(json.loads(Path(args[0]).read_text(encoding="utf-8")))))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    main(sys.argv[1:])
