"""The plan's status as XLSX (for the spreadsheet people still keep) and as a DOCX progress
report in the administrative format, from the same rows the pages show."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core.documents import AdminDocument, build_docx, build_xlsx
from bmnn.org.models import Agency, AgencyType
from bmnn.plans import queries
from bmnn.plans.models import Plan, Review, Status


def _label(choices: Any, value: str) -> str:
    return str(dict(choices).get(value, value))


def plan_xlsx(actor: Any, plan: Plan) -> bytes:
    rows = queries.status_rows(actor, plan)
    detail = [
        (
            row.task.ref,
            row.task.content,
            row.agency.name,
            _label(row._meta.get_field("role").choices, row.role),
            _label(Status.choices, row.status),
            _label(Review.choices, row.review) if row.review else "",
            timezone.localtime(row.last_at).strftime("%d/%m/%Y") if row.last_at else "",  # type: ignore[attr-defined]
            row.last_note or "",  # type: ignore[attr-defined]
        )
        for row in rows
    ]
    per_agency: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        per_agency[row.agency.name][row.status] += 1
    summary = [
        (name, sum(c.values()), c[Status.DONE], round(100 * c[Status.DONE] / sum(c.values())))
        for name, c in sorted(per_agency.items())
    ]
    return build_xlsx(
        [
            (
                _("Progress"),
                [
                    _("Ref."),
                    _("Task"),
                    _("Agency"),
                    _("Role"),
                    _("Status"),
                    _("Review"),
                    _("Last update"),
                    _("Note"),
                ],
                detail,
            ),
            (_("By agency"), [_("Agency"), _("Tasks"), _("Done"), _("% done")], summary),
        ]
    )


def plan_docx(actor: Any, plan: Plan) -> bytes:
    rows = queries.status_rows(actor, plan)
    today = timezone.localdate()
    counts = Counter(row.status for row in rows)
    police = Agency.objects.filter(type=AgencyType.PROVINCIAL_POLICE, is_active=True).first()
    per_task: dict[str, Counter[str]] = defaultdict(Counter)
    contents: dict[str, str] = {}
    for row in rows:
        per_task[row.task.ref][row.status] += 1
        contents[row.task.ref] = row.task.content.split("\n")[0][:160]
    body: list[tuple[str, Any]] = [
        ("heading", _("I. OVERALL PROGRESS")),
        (
            "text",
            _(
                "Plan %(number)s: %(title)s. %(total)s assignments to agencies: %(done)s done, "
                "%(in_progress)s in progress, %(blocked)s blocked, %(not_started)s not started."
            )
            % {
                "number": plan.number or "",
                "title": plan.title,
                "total": len(rows),
                "done": counts[Status.DONE],
                "in_progress": counts[Status.IN_PROGRESS],
                "blocked": counts[Status.BLOCKED],
                "not_started": counts[Status.NOT_STARTED],
            },
        ),
        ("heading", _("II. PROGRESS BY TASK")),
        (
            "table",
            (
                [_("Ref."), _("Task"), _("Done"), _("In progress"), _("Blocked"), _("Not started")],
                [
                    (
                        ref,
                        contents[ref],
                        c[Status.DONE],
                        c[Status.IN_PROGRESS],
                        c[Status.BLOCKED],
                        c[Status.NOT_STARTED],
                    )
                    for ref, c in per_task.items()
                ],
            ),
        ),
    ]
    blocked = [row for row in rows if row.status == Status.BLOCKED]
    if blocked:
        body.append(("heading", _("III. DIFFICULTIES REPORTED")))
        for row in blocked:
            body.append(("text", f"- {row.task.ref}, {row.agency.name}: {row.last_note or ''}"))  # type: ignore[attr-defined]
    document = AdminDocument(
        issuer_parent="UBND " + (plan.place.upper() if plan.place else "TỈNH"),
        issuer=(police.name if police else "CÔNG AN TỈNH").upper(),
        number="      /BC-CAT",
        place=plan.place or "",
        day=today,
        kind="BÁO CÁO",
        summary=_("Progress of plan %(number)s") % {"number": plan.number or plan.title},
        recipients=["Bộ Công an", "UBND tỉnh", "Lưu: VT"],
        signer_title="GIÁM ĐỐC",
        signer_name="",
    )
    return build_docx(document, body)
