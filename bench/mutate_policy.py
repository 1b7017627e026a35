"""Mutation check of the read path (issue 13): does any test notice when a filter goes?

Each mutation removes one filter of one `restrict_*` function (agency, clearance,
need-to-know, status), turns one permission check into "yes", or drops one call of a
`restrict_*` function at one place that uses it (the queryset passes through unrestricted). The
script applies it to the source, runs the security tests (stopping at the first failure), puts the
file back, and prints which test caught it. A mutation no test catches is a survivor, and the
script exits 1.

    .venv/bin/python bench/mutate_policy.py [--only SUBSTRING] [--calls] [--out FILE]

Not a pytest module (it rewrites source files): run it by hand or from CI on a clean tree.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "bmnn" / "core" / "policy"

# The tests that guard the read path, fastest-to-fail first.
TESTS = [
    "tests/test_permission_matrix.py",
    "bmnn/core/tests/test_policy_gates.py",
    "bmnn/core/tests/test_notifications_are_personal.py",
    "bmnn/reports/tests/test_incidents.py",
    "bmnn/org/tests/test_person_identity.py",
    "bmnn/org/tests/test_cross_agency_access.py",
    "bmnn/registry/tests/test_access.py",
    "bmnn/registry/tests/test_carry_out.py",
    "bmnn/registry/tests/test_recall.py",
    "bmnn/registry/tests/test_files.py",
    "bmnn/inspections/tests/test_inspections.py",
    "bmnn/accounts/tests",
    "bmnn/registry/tests/test_api.py",
    "bmnn/reports/tests/test_reporting.py",
    "bmnn/devices/tests",
    "bmnn/plans/tests",
    "bmnn/scanner/tests/test_pages_and_api.py",
    "bmnn/core/tests/test_audit_page.py",
    "bmnn/core/tests/test_audit_log_page.py",
    "bmnn/sync/tests/test_channel.py",
]


@dataclass(frozen=True)
class Mutation:
    name: str
    path: Path
    old: str
    new: str
    occurrence: int = 0  # which copy of `old` in the file (identical calls at two places)


def _p(name: str) -> Path:
    return POLICY / f"{name}.py"


FILTERS = [
    # scope.by_agency: the agency filter shared by devices, submissions, training, incidents.
    Mutation(
        "by_agency: agency filter",
        _p("scope"),
        'return rows.filter(**{f"{path}_id__in": actor_scope.agency_ids})',
        "return rows",
    ),
    Mutation(
        "by_agency: inspectors read everything",
        _p("scope"),
        "(inspectors and actor_scope.has(Role.INSPECTOR))",
        "actor_scope.has(Role.INSPECTOR)",
    ),
    Mutation(
        "restrict_items: clearance",
        _p("registry"),
        "return queryset.filter(need_to_know, level__in=levels)",
        "return queryset.filter(need_to_know)",
    ),
    Mutation(
        "restrict_items: need-to-know (non-keepers)",
        _p("registry"),
        "need_to_know = Q(agency_id__in=others) & personal",
        "need_to_know = Q(agency_id__in=others)",
    ),
    Mutation(
        "restrict_items: need-to-know (mixed)",
        _p("registry"),
        "need_to_know = Q(agency_id__in=managed) | (Q(agency_id__in=others) & personal)",
        "need_to_know = Q(agency_id__in=managed) | Q(agency_id__in=others)",
    ),
    Mutation(
        "restrict_items: agency",
        _p("registry"),
        "return queryset.filter(need_to_know, level__in=levels)",
        "return queryset.filter(level__in=levels)",
    ),
    Mutation(
        "restrict_entries: clearance",
        _p("registry"),
        "book__agency_id__in=managed_agencies(scope(actor)), item__level__in=readable_levels(actor)",
        "book__agency_id__in=managed_agencies(scope(actor))",
    ),
    Mutation(
        "restrict_entries: agency",
        _p("registry"),
        "book__agency_id__in=managed_agencies(scope(actor)), item__level__in=readable_levels(actor)",
        "item__level__in=readable_levels(actor)",
    ),
    Mutation(
        "restrict_books: agency",
        _p("registry"),
        "return queryset.filter(agency_id__in=managed_agencies(scope(actor)))",
        "return queryset",
    ),
    Mutation(
        "restrict_incoming_transfers: clearance",
        _p("registry"),
        "        copy__item__level__in=readable_levels(actor),\n",
        "",
    ),
    Mutation(
        "restrict_incidents: clearance",
        _p("reports"),
        "return by_agency(actor, rows, inspectors=True).filter(within)",
        "return by_agency(actor, rows, inspectors=True)",
    ),
    Mutation(
        "restrict_incidents: agency",
        _p("reports"),
        "return by_agency(actor, rows, inspectors=True).filter(within)",
        "return rows.filter(within)",
    ),
    Mutation(
        "restrict_submissions: agency",
        _p("reports"),
        "    return by_agency(actor, rows)\n\n\ndef restrict_periods",
        "    return rows\n\n\ndef restrict_periods",
    ),
    Mutation(
        "restrict_periods: asked agencies",
        _p("reports"),
        'return rows.filter(pk__in=asked.values("pk"))',
        "return rows",
    ),
    Mutation(
        "restrict_periods: ad-hoc only to those asked",
        ROOT / "bmnn" / "reports" / "services.py",  # the reporting rule restrict_periods applies
        "asked |= Q(targets__isnull=True) & ~Q(kind=ReportingPeriod.Kind.AD_HOC)",
        "asked |= Q(targets__isnull=True)",
    ),
    Mutation(
        "restrict_province_reports: supervisors",
        _p("reports"),
        "return rows if can_manage_reporting(actor) else rows.none()",
        "return rows",
    ),
    Mutation(
        "restrict_imported_reports",
        _p("reports"),
        "return rows if can_import_reports(actor) else rows.none()",
        "return rows",
    ),
    Mutation(
        "restrict_targets: own agency or team",
        _p("inspections"),
        'return rows.filter(pk__in=rows.filter(own | on_team).values("pk"))',
        "return rows",
    ),
    Mutation(
        "restrict_targets: team",
        _p("inspections"),
        "rows.filter(own | on_team)",
        "rows.filter(own)",
    ),
    Mutation(
        "restrict_agency_records: agency",
        _p("inspections"),
        "    return by_agency(actor, rows)\n",
        "    return rows\n",
    ),
    Mutation(
        "restrict_inspections: agency",
        _p("inspections"),
        "Q(targets__agency_id__in=actor_scope.agency_ids) | Q(leader=actor) | Q(team=actor)",
        "Q()",
    ),
    Mutation(
        "restrict_budgets",
        _p("inspections"),
        "return rows if can_plan_inspections(actor) else rows.none()",
        "return rows",
    ),
    Mutation(
        "restrict_plans: status", _p("plans"), '        status__in=["issued", "closed"],\n', ""
    ),
    Mutation(
        "restrict_plans: agency",
        _p("plans"),
        "        tasks__assignments__agency_id__in=actor_scope.agency_ids,\n",
        "",
    ),
    Mutation(
        "restrict_assignments: agency",
        _p("plans"),
        'Q(agency_id__in=actor_scope.agency_ids) | (Q(role="coordinating")',
        'Q(pk__isnull=False) | (Q(role="coordinating")',
    ),
    Mutation(
        "restrict_evidence: assignment",
        _p("plans"),
        "return queryset.filter(update__assignment_id__in=visible)",
        "return queryset",
    ),
    Mutation(
        "restrict_people: agency",
        _p("org"),
        "    return queryset.filter(\n        memberships__agency_id__in=actor_scope.agency_ids, memberships__is_active=True\n    ).distinct()",
        "    return queryset",
    ),
    Mutation(
        "restrict_people: active memberships",
        _p("org"),
        "memberships__agency_id__in=actor_scope.agency_ids, memberships__is_active=True",
        "memberships__agency_id__in=actor_scope.agency_ids",
    ),
    Mutation(
        "restrict_agencies: agency",
        _p("org"),
        "    return queryset.filter(pk__in=actor_scope.agency_ids)\n\n\ndef can_view_agency",
        "    return queryset\n\n\ndef can_view_agency",
    ),
    Mutation(
        "restrict_audit",
        _p("org"),
        "return queryset if can_view_audit(actor) else queryset.none()",
        "return queryset",
    ),
    Mutation(
        "restrict_scan_findings",
        _p("scanner"),
        "return queryset if can_view_findings(actor) else queryset.none()",
        "return queryset",
    ),
    # Permission checks turned into "yes".
    Mutation(
        "can_change_person",
        _p("org"),
        '    if getattr(actor, "pk", None) == person.pk:\n        return True\n    target',
        "    if True:\n        return True\n    target",
    ),
    Mutation(
        "can_change_username",
        _p("org"),
        "    return is_administrator(actor) and (",
        "    return True or (",
    ),
    Mutation(
        "requires_second_factor",
        _p("org"),
        "return bool(scope(actor).all_roles & SECOND_FACTOR_ROLES)",
        "return False",
    ),
    Mutation(
        "can_view_audit",
        _p("org"),
        "    return actor_scope.has(Role.SUPERVISOR) or actor_scope.has(Role.ADMINISTRATOR)\n\n\ndef restrict_audit",
        "    return True\n\n\ndef restrict_audit",
    ),
    Mutation(
        "can_keep_registers",
        _p("registry"),
        "return agency_id in managed_agencies(scope(actor))",
        "return True",
    ),
    Mutation(
        "can_close_incident",
        _p("reports"),
        '    """Follow-up and closure: the province supervisor (the standing body)."""\n    return scope(actor).has(Role.SUPERVISOR)',
        '    """Follow-up and closure: the province supervisor (the standing body)."""\n    return True',
    ),
    Mutation(
        "can_follow_incident: clearance",
        _p("reports"),
        "return involved and can_read_incident(actor, incident)",
        "return involved",
    ),
    Mutation(
        "can_manage_reporting",
        _p("reports"),
        '    """Open periods and requests, accept or return reports, build the province\'s report."""\n    return scope(actor).has(Role.SUPERVISOR)',
        '    """Open periods and requests, accept or return reports, build the province\'s report."""\n    return True',
    ),
    Mutation(
        "can_draft_report",
        _p("reports"),
        "    return agency_id in managed_agencies(scope(actor))",
        "    return True",
    ),
    Mutation(
        "can_view_findings",
        _p("scanner"),
        "    return any(\n        actor_scope.has(role) for role in (Role.SUPERVISOR, Role.INSPECTOR, Role.ADMINISTRATOR)\n    )",
        "    return True",
    ),
    Mutation(
        "can_plan_inspections",
        _p("inspections"),
        "def can_plan_inspections(actor: Any) -> bool:\n    return scope(actor).has(Role.SUPERVISOR)",
        "def can_plan_inspections(actor: Any) -> bool:\n    return True",
    ),
    Mutation(
        "can_keep_inventory",
        _p("devices"),
        "return can_self_inspect(actor, agency_id) or scope(actor).has(Role.SUPERVISOR)",
        "return True",
    ),
]

_CALL = re.compile(r"policy\.(restrict_[a-z_]+)\(")


def call_site_mutations() -> list[Mutation]:
    """One mutation per use of a `restrict_*` function outside the policy: the call
    `policy.restrict_x(actor, QUERYSET)` is replaced by `QUERYSET`."""
    found = []
    for path in sorted((ROOT / "bmnn").rglob("*.py")):
        if "tests" in path.parts or POLICY in path.parents:
            continue
        text = path.read_text()
        for match in _CALL.finditer(text):
            start, depth, i = match.end(), 1, match.end()
            while depth and i < len(text):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            inner = text[start : i - 1]
            # Split off the first argument (the actor) at the first top-level comma.
            level, cut = 0, -1
            for j, ch in enumerate(inner):
                level += {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}.get(ch, 0)
                if ch == "," and level == 0:
                    cut = j
                    break
            if cut < 0:
                continue
            queryset = inner[cut + 1 :].strip().rstrip(",").strip()
            line = text.count("\n", 0, match.start()) + 1
            name = f"call {match.group(1)} at {path.relative_to(ROOT)}:{line}"
            snippet = text[match.start() : i]
            occurrence = text.count(snippet, 0, match.start())
            found.append(Mutation(name, path, snippet, f"({queryset})", occurrence))
    return found


def _replace_nth(text: str, old: str, new: str, n: int) -> str:
    """`text` with the n-th (0-based) occurrence of `old` replaced."""
    at = -1
    for _ in range(n + 1):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old) :]


def run(mutation: Mutation, python: str) -> tuple[str, float]:
    original = mutation.path.read_text()
    if mutation.old not in original:
        return "NOT APPLIED (pattern not found)", 0.0
    started = time.monotonic()
    try:
        mutation.path.write_text(
            _replace_nth(original, mutation.old, mutation.new, mutation.occurrence)
        )
        result = subprocess.run(
            [
                python,
                "-m",
                "pytest",
                "-x",
                "-q",
                "-p",
                "no:randomly",
                "--no-header",
                "-rf",
                "-m",
                "not e2e",
                *TESTS,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        mutation.path.write_text(original)
    failed = [
        line[7:].split(" - ")[0]
        for line in result.stdout.splitlines()
        if line.startswith("FAILED ")
    ]
    errors = [
        line[6:].split(" - ")[0] for line in result.stdout.splitlines() if line.startswith("ERROR ")
    ]
    caught = (failed or errors or [""])[0]
    return (
        caught or ("SURVIVED" if result.returncode == 0 else f"exit {result.returncode}")
    ), time.monotonic() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="")
    parser.add_argument("--calls", action="store_true", help="also drop each use of restrict_*")
    parser.add_argument("--calls-only", action="store_true", help="only the uses of restrict_*")
    parser.add_argument("--start", type=int, default=0, help="skip the first N mutations")
    parser.add_argument(
        "--stop", type=int, default=0, help="stop before mutation N (0: run to the end)"
    )
    parser.add_argument("--no-baseline", action="store_true", help="trust the suite passes as is")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    mutations = [] if args.calls_only else list(FILTERS)
    if args.calls or args.calls_only:
        mutations += call_site_mutations()
    mutations = [m for m in mutations if args.only in m.name][args.start : args.stop or None]
    python = str(ROOT / ".venv" / "bin" / "python")
    if not args.no_baseline:
        baseline, seconds = run(
            Mutation("baseline (no mutation)", POLICY / "__init__.py", "", ""), python
        )
        print(f"{'baseline (no mutation)':70} {baseline} ({seconds:.0f} s)", flush=True)
        if baseline != "SURVIVED":
            print("the tests fail without any mutation: fix them first")
            return 2
    results, survivors = [], 0
    for mutation in mutations:
        caught, seconds = run(mutation, python)
        survivors += caught == "SURVIVED" or caught.startswith("NOT APPLIED")
        results.append(
            {"mutation": mutation.name, "caught_by": caught, "seconds": round(seconds, 1)}
        )
        print(f"{mutation.name:70} {caught}", flush=True)
    if args.out:
        Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1))
    print(f"{len(results)} mutations, {survivors} survived or not applied")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
