"""Demo plans for tỉnh Bắc Lâm: one issued with progress reported, one draft awaiting review.

Both are read from the text files beside this module through the importer, then saved, issued
and reported on through the services, as a user would.
"""

from __future__ import annotations

from pathlib import Path

from bmnn.org.models import Agency, Person, Role
from bmnn.plans import services
from bmnn.plans.directory import directory_resolver
from bmnn.plans.importer import parse_bytes
from bmnn.plans.importing import draft_from_form, initial_forms
from bmnn.plans.models import Assignment, Plan

HERE = Path(__file__).resolve().parent
ISSUED = "ke-hoach-bac-lam-2026.txt"
DRAFT = "du-thao-kiem-tra-2027.txt"

# (agency code, task ref, status, note)
PROGRESS = [
    (
        "demo-stp",
        "II.1.b",
        "in_progress",
        "Đã đưa nội dung vào dự thảo chương trình phổ biến pháp luật; đang xin ý kiến các sở.",
    ),
    (
        "demo-stp",
        "II.2.a",
        "done",
        "Đã rà soát danh mục thuộc lĩnh vực tư pháp, gửi Công an tỉnh văn bản đề xuất.",
    ),
    ("demo-snv", "II.2.a", "done", "Hoàn thành rà soát, không có đề xuất sửa đổi."),
    ("demo-syt", "II.2.a", "in_progress", "Đang lấy ý kiến các đơn vị trực thuộc."),
    ("demo-sct", "II.2.a", "blocked", "Chờ hướng dẫn của Bộ Công Thương về danh mục mới."),
    ("demo-cat", "II.1.a", "done", "Đã tổ chức hội nghị tập huấn ngày 20/8/2026 cho 180 đại biểu."),
    (
        "demo-p01",
        "II.3",
        "in_progress",
        "Đã kiểm kê 6 máy tính soạn thảo văn bản mật; 1 máy chờ xác minh.",
    ),
]
ACCEPTED = [("demo-snv", "II.2.a"), ("demo-cat", "II.1.a")]


def _create(supervisor: Person, filename: str) -> Plan:
    data = (HERE / filename).read_bytes()
    parsed = parse_bytes(data, directory_resolver())
    header, tasks = initial_forms(parsed)
    return services.create_plan(
        actor=supervisor,
        header=header,
        tasks=[draft_from_form(task) for task in tasks],
        source_name=filename,
        source_data=data,
    )


def _reporter(agency: Agency) -> Person:
    """The agency's security officer reports, as in practice."""
    return Person.objects.filter(
        memberships__agency=agency, memberships__role=Role.SECURITY_OFFICER
    ).first() or Person.objects.get(memberships__agency=agency, memberships__role=Role.HEAD)


def load_demo_plans() -> int:
    """Creates the demo plans once; returns how many objects were added."""
    if Plan.objects.filter(source_name__in=[ISSUED, DRAFT]).exists():
        return 0
    supervisor = Person.objects.get(username="giamsat")
    plan = _create(supervisor, ISSUED)
    services.issue_plan(actor=supervisor, plan=plan)
    agencies = {a.code: a for a in Agency.objects.filter(code__in={c for c, *_ in PROGRESS})}
    added = 2
    for code, ref, status, note in PROGRESS:
        assignment = Assignment.objects.get(task__plan=plan, task__ref=ref, agency=agencies[code])
        files = []
        if status == "done":
            files = [
                (
                    f"bao-cao-{ref}.txt",
                    f"Báo cáo kết quả thực hiện nhiệm vụ {ref}\n{note}\n".encode(),
                )
            ]
        services.post_progress(
            actor=_reporter(agencies[code]),
            assignment=assignment,
            status=status,
            note=note,
            files=files,
        )
        added += 1
    for code, ref in ACCEPTED:
        assignment = Assignment.objects.get(task__plan=plan, task__ref=ref, agency=agencies[code])
        services.review_progress(
            actor=supervisor, assignment=assignment, accept=True, note="Đạt yêu cầu."
        )
    _create(supervisor, DRAFT)
    return added
