"""What people of one installation do, for the backup tests: run as
`python -m bmnn.core.tests.backup_steps STEP [JSON]` with the installation's environment (its own
database, data and var directories); prints one JSON line with what the step did or saw (the
writer prints one line per committed record).

Every write goes through the services the pages use; every read of a secret file through the
download service, as a person opening it would.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import Any

HEALTH = "so-y-te"
OFFICER, HEAD = "bao-mat", "thu-truong"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text(n: int, size: int = 600) -> bytes:
    """A document of about `size` characters, different for every n."""
    line = f"Công văn số {n}/CV-BYT về công tác bảo vệ bí mật nhà nước. "
    return (line * (size // len(line) + 1))[:size].encode()


def populate(args: dict[str, Any]) -> dict[str, Any]:
    """The province's directory and plan, the health department's people, and a first day of
    work: incoming documents with their files, progress with evidence (one large file, so the
    backup spans several parts)."""
    from bmnn.org.models import Agency, Membership, Person, Role
    from bmnn.sync.tests.node_steps import issue_plan, setup_province

    setup_province({})
    health = Agency.objects.get(code=HEALTH)
    for username, role, clearance in (
        (OFFICER, Role.SECURITY_OFFICER, "toi_mat"),
        (HEAD, Role.HEAD, "tuyet_mat"),
    ):
        person = Person(username=username, full_name=f"Người {username}", clearance=clearance)
        person.set_password("Mat-khau-Thu-2026")
        person.save()
        Membership.objects.create(person=person, agency=health, role=role)
    issue_plan({})
    made = [_register(n, size=args.get("large", 0) if n == 1 else 600) for n in range(1, 4)]
    made.append(_progress(4))
    return {"made": made}


def _register(n: int, size: int = 600) -> dict[str, Any]:
    from bmnn.org.models import Agency, Person
    from bmnn.registry.services import attach_file, register_incoming

    officer = Person.objects.get(username=OFFICER)
    entry = register_incoming(
        actor=officer,
        agency=Agency.objects.get(code=HEALTH),
        level="mat",
        issuer_name="Bộ Y tế",
        number=f"{n}/CV-BYT",
        doc_date=date.today(),
        doc_type="Công văn",
        summary=f"Công văn {n}",
    )
    data = _text(n, size or 600)
    stored = attach_file(actor=officer, item=entry.item, name=f"cong-van-{n}.txt", data=data)
    return {"entry": entry.pk, "file": stored.pk, "sha256": _sha(data)}


def _progress(n: int) -> dict[str, Any]:
    from bmnn.core import policy
    from bmnn.org.models import Person
    from bmnn.plans.models import Assignment
    from bmnn.plans.services import post_progress

    officer = Person.objects.get(username=OFFICER)
    assignment = policy.restrict_assignments(officer, Assignment.objects.all()).get(
        task__ref="1", agency__code=HEALTH
    )
    data = _text(n)
    update = post_progress(
        actor=officer,
        assignment=assignment,
        status="in_progress",
        note=f"Tiến độ lần {n}",
        files=[("bien-ban.txt", data)],
    )
    return {"evidence": update.evidence.get().pk, "sha256": _sha(data)}


def write(args: dict[str, Any]) -> dict[str, Any]:
    """Keeps registering documents with files (and every third time posts progress with
    evidence) until the file `args["stop"]` appears; prints a line once each has committed."""
    stop, n = Path(args["stop"]), int(args.get("first", 100))
    while not stop.exists():
        done = _progress(n) if n % 3 == 0 else _register(n)
        print(json.dumps(done), flush=True)
        n += 1
    return {"last": n - 1}


def census(_: Any) -> dict[str, Any]:
    """Which entries, secret files and evidence the database holds, with their fingerprints."""
    from bmnn.core.models import AuditEvent
    from bmnn.plans.models import Evidence
    from bmnn.registry.models import ItemFile, RegisterEntry

    return {
        "entries": sorted(RegisterEntry.objects.values_list("pk", flat=True)),
        "files": dict(ItemFile.objects.values_list("pk", "sha256")),
        "evidence": dict(Evidence.objects.values_list("pk", "sha256")),
        "events": AuditEvent.objects.count(),
    }


def open_files(_: Any) -> dict[str, Any]:
    """Every secret file opened by the health department's officer through the download
    service, every evidence file through its storage: the fingerprint of what came out."""
    from bmnn.org.models import Person
    from bmnn.plans.models import Evidence
    from bmnn.registry.models import ItemFile
    from bmnn.registry.services import open_file

    officer = Person.objects.get(username=OFFICER)
    files = {str(f.pk): _sha(open_file(actor=officer, stored=f)) for f in ItemFile.objects.all()}
    evidence = {}
    for kept in Evidence.objects.all():
        with kept.file.open("rb") as handle:
            evidence[str(kept.pk)] = _sha(handle.read())
    return {"files": files, "evidence": evidence}


STEPS = {f.__name__: f for f in (populate, write, census, open_files)}


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bmnn.config.settings")
    django.setup()
    step = STEPS[sys.argv[1]]
    args = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
    print(json.dumps(step(args), ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
