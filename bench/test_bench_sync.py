"""Benchmarks of the channels between nodes (issue 15 budgets), on the province node:
- an agency's bundle with a year of progress on 40 tasks (monthly updates, a few scanned and
  typed evidence files) and its signed annual report imports in under 2 s;
- a batch of 300 agencies' bundles (a few updates and the signed report each) imports with the
  one command `bmnn sync import FILE...`, in under 120 s on a 2-core machine.

The province is set up through the services (plans issued, the annual period opened, each
agency node's key trusted); the agency nodes' bundles are written by hand with their own keys,
as an agency node would sign them. What is measured is checking and applying the bundles.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import time
from datetime import date
from hashlib import sha256
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from bmnn.core import bundles
from bmnn.org.models import Agency, AgencyType, Person, Role
from bmnn.plans.models import Assignment, Evidence, ProgressUpdate
from bmnn.plans.services import PartyDraft, TaskDraft, create_plan, issue_plan
from bmnn.reports.figures import KEYS
from bmnn.reports.models import ReportingPeriod, Submission
from bmnn.reports.services import create_period
from bmnn.sync import channel, node, services
from bmnn.sync.models import Inbound, Peer

YEAR = 2026
TASKS = 40
AGENCIES = 300

_TASK_TEXTS = (
    "Tổ chức tập huấn, phổ biến Luật Bảo vệ bí mật nhà nước cho cán bộ, công chức",
    "Rà soát, đề xuất sửa đổi danh mục bí mật nhà nước thuộc lĩnh vực quản lý",
    "Tự kiểm tra công tác bảo vệ bí mật nhà nước tại các phòng, đơn vị trực thuộc",
    "Bố trí máy tính riêng biệt, không kết nối Internet để soạn thảo tài liệu mật",
    "Cập nhật sổ đăng ký bí mật nhà nước đi, đến và sổ chuyển giao",
    "Ban hành, sửa đổi nội quy bảo vệ bí mật nhà nước của cơ quan",
    "Phân công cán bộ làm công tác bảo vệ bí mật nhà nước, kiện toàn bộ phận văn thư",
    "Kiểm tra, thống kê thiết bị lưu trữ, thiết bị di động dùng cho bí mật nhà nước",
    "Tiêu hủy tài liệu, vật chứa bí mật nhà nước không còn giá trị sử dụng",
    "Báo cáo tình hình, kết quả công tác bảo vệ bí mật nhà nước theo định kỳ",
)
_STEPS = (
    "Đã ban hành văn bản hướng dẫn các phòng chuyên môn triển khai",
    "Đã tổ chức họp giao ban, phân công cụ thể cho từng bộ phận",
    "Đã rà soát hồ sơ, tài liệu phát sinh trong tháng, lập danh sách chi tiết",
    "Đã phối hợp với Công an tỉnh trao đổi nghiệp vụ, thống nhất cách làm",
    "Đã kiểm tra thực tế tại bộ phận văn thư và các máy tính soạn thảo tài liệu mật",
    "Đã tổng hợp kết quả, báo cáo lãnh đạo cơ quan cho ý kiến chỉ đạo",
)
_FINDINGS = (
    "Chưa phát hiện trường hợp vi phạm; sổ đăng ký được ghi chép đầy đủ, đúng mẫu.",
    "Một số phòng còn chậm gửi danh sách tài liệu, đã nhắc nhở và yêu cầu bổ sung trong tuần.",
    "Còn 02 máy tính dùng chung có kết nối mạng, đang đề nghị trang bị máy thay thế.",
    "Cán bộ tham gia đầy đủ, nắm được quy định về độ mật, thời hạn bảo vệ và giải mật.",
)


def _note(task: int, month: int) -> str:
    """What an agency's officer writes in a month: the steps taken, what was found, what next."""
    rng = random.Random(task * 100 + month)
    steps = "; ".join(rng.sample(_STEPS, 3))
    return (
        f"Tháng {month:02d}/{YEAR}, thực hiện nhiệm vụ {_TASK_TEXTS[task % len(_TASK_TEXTS)].lower()}: "
        f"{steps}. {rng.choice(_FINDINGS)} Trong tháng tới tiếp tục theo dõi, đôn đốc các phòng, "
        f"đơn vị thực hiện đúng kế hoạch và tổng hợp báo cáo kết quả về Công an tỉnh đúng thời hạn."
    )


def _pdf(size: int, seed: int) -> bytes:
    """A one-page scanned document of about `size` bytes (a page image that does not compress)."""
    image = random.Random(seed).randbytes(size)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /XObject /Subtype /Image /Width 1240 /Height 1754 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n"
        % len(image)
        + image
        + b"\nendstream",
        b"<< /Length 31 >>\nstream\nq 595 0 0 842 0 0 cm /Im0 Do Q\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _minutes(task: int, month: int, lines: int) -> bytes:
    """Typed minutes of a meeting or an inspection, as a UTF-8 text file."""
    head = (
        f"BIÊN BẢN\nKiểm tra thực hiện nhiệm vụ {task + 1} tháng {month:02d}/{YEAR}\n\n"
        "Thành phần: lãnh đạo cơ quan, cán bộ phụ trách công tác bảo vệ bí mật nhà nước, "
        "văn thư.\n\n"
    )
    body = "\n".join(f"{n}. {_note(task + n, month)}" for n in range(1, lines + 1))
    return (head + body + "\n\nBiên bản kết thúc hồi 11 giờ cùng ngày.\n").encode("utf-8")


def _report(period: ReportingPeriod, signature: int) -> dict[str, Any]:
    """The annual report the agency's head signed, as the agency node exports it."""
    rng = random.Random(signature)
    paragraph = (
        "Cơ quan đã quán triệt, triển khai đầy đủ Luật Bảo vệ bí mật nhà nước và các văn bản "
        "hướng dẫn; xây dựng và ban hành nội quy, phân công cán bộ theo dõi; việc soạn thảo, "
        "in, sao, chụp, vận chuyển, giao nhận, lưu giữ tài liệu mật được thực hiện đúng quy "
        "định, có sổ đăng ký và ký nhận đầy đủ. "
    )
    return {
        "id": signature,
        "period": period.pk,
        "revision": 1,
        "situation": paragraph * 12,  # about 3,500 characters
        "shortcomings": (
            "Một số cán bộ chưa nắm vững quy trình xác định độ mật; máy tính soạn "
            "thảo tài liệu mật còn thiếu. "
        )
        * 8,
        "lessons": ("Cần sự chỉ đạo sát sao của lãnh đạo và kiểm tra thường xuyên. ") * 8,
        "proposals": (
            "Đề nghị Công an tỉnh tổ chức tập huấn chuyên sâu và hỗ trợ trang bị thiết bị. "
        )
        * 6,
        "answers": [],
        "figures": {
            key: {"auto": (v := rng.randrange(0, 30)), "value": v, "reason": ""} for key in KEYS
        },
        "by": "Trần Văn Bình",
        "by_login": "binh.tv",
        "at": f"{YEAR}-12-08T15:20:00+07:00",
    }


def _bundle(
    peer: Peer,
    pem: bytes,
    sections: dict[str, list[dict[str, Any]]],
    attachments: dict[str, bytes],
    name: str,
) -> bytes:
    """What the agency's node would send: bundle no. 1 on its channel to the province."""
    envelope = {
        "from": peer.key_id,
        "from_role": "agency",
        "from_name": name,
        "from_agency": peer.agency_code,
        "to": node.key_id(),
        "seq": 1,
        "ack": 0,
        "contents": {k: len(v) for k, v in sections.items()},
    }
    files = {"envelope.json": json.dumps(envelope, ensure_ascii=False).encode()}
    files.update(
        {
            f"sections/{k}.json": json.dumps(v, ensure_ascii=False).encode()
            for k, v in sections.items()
        }
    )
    files.update({f"attachments/{k}": data for k, data in attachments.items()})
    return bundles.write(channel.KIND, files, private_pem=pem, issuer=name)


class _Counter:
    """Counts the statements sent to the database (all of them: Django's query log keeps only
    the last 9,000)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


def _trust(admin: Person, agency: Agency) -> tuple[Peer, bytes]:
    pem, public = bundles.generate_key()
    card = json.dumps(
        {
            "role": "agency",
            "name": f"Nút {agency.name}",
            "agency": agency.code,
            "key": bundles.public_key_text(public),
        }
    )
    return services.trust_peer(actor=admin, card=card), pem


def _province(make_agency, make_person) -> tuple[Person, Person, ReportingPeriod]:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Hằng")
    admin = make_person(police, Role.ADMINISTRATOR, "Đỗ Minh Khoa")
    period = create_period(actor=supervisor, kind="annual", year=YEAR)
    return supervisor, admin, period


@pytest.mark.django_db
def test_a_year_of_progress_and_the_annual_report_import_in_under_2_s(
    make_agency, make_person
) -> None:
    supervisor, admin, period = _province(make_agency, make_person)
    justice = make_agency("Sở Tư pháp", code="so-tu-phap")
    drafts = [
        TaskDraft(
            ref=str(n + 1),
            content=f"{_TASK_TEXTS[n % len(_TASK_TEXTS)]} (đợt {n // 10 + 1})",
            leads=[PartyDraft("Sở Tư pháp", agency_id=justice.pk)],
            **(
                {"timing_kind": "continuous", "period": "month"}
                if n % 2
                else {"timing_kind": "date", "due_date": date(YEAR, 12, 15)}
            ),
        )
        for n in range(TASKS)
    ]
    plan = create_plan(actor=supervisor, header={"title": f"Kế hoạch năm {YEAR}"}, tasks=drafts)
    issue_plan(actor=supervisor, plan=plan)
    assignments = list(Assignment.objects.filter(agency=justice).order_by("task__order"))
    peer, pem = _trust(admin, justice)

    updates, attachments = [], {}
    for n, assignment in enumerate(assignments):
        continuous = n % 2 == 1
        for month in range(1, 13):
            uid = 1000 + n * 12 + month
            evidence = []
            if month == 12 and n % 5 == 0:  # 8 tasks close with evidence: 4 scans, 4 minutes
                content = (
                    _pdf(250_000 + 40_000 * n // 5, uid) if n % 10 == 0 else _minutes(n, month, 30)
                )
                name = f"bien-ban-nhiem-vu-{n + 1}.{'pdf' if n % 10 == 0 else 'txt'}"
                attachments[f"evidence-{uid}"] = content
                evidence.append(
                    {
                        "name": name,
                        "attachment": f"evidence-{uid}",
                        "sha256": sha256(content).hexdigest(),
                    }
                )
            status = "in_progress" if continuous or month < 12 else "done"
            updates.append(
                {
                    "id": uid,
                    "assignment": assignment.pk,
                    "status": status,
                    "note": _note(n, month),
                    "period": f"{YEAR}-{month:02d}" if continuous else "",
                    "at": f"{YEAR}-{month:02d}-25T16:30:00+07:00",
                    "by": "Nguyễn Thị Hoa",
                    "by_login": "hoa.nt",
                    "evidence": evidence,
                }
            )
    sections = {"progress": updates, "reports": [_report(period, 77)]}
    data = _bundle(peer, pem, sections, attachments, "Nút Sở Tư pháp")

    timings, queries = [], _Counter()
    for round_ in range(3):  # the first two are rolled back; the last one stays
        savepoint = transaction.savepoint()
        queries.count = 0
        with connection.execute_wrapper(queries):
            start = time.perf_counter()
            outcome = channel.import_bundle(actor=supervisor, data=data)
            timings.append(time.perf_counter() - start)
        assert outcome.state == "imported"
        if round_ < 2:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)

    assert ProgressUpdate.objects.filter(assignment__agency=justice).count() == TASKS * 12
    assert Evidence.objects.filter(update__assignment__agency=justice).count() == len(attachments)
    report = Submission.objects.get(period=period, agency=justice)
    assert report.state == "signed" and set(report.figures) == set(KEYS)
    assert Inbound.objects.get(peer=peer).state == "imported"
    median = statistics.median(timings)
    print(
        f"\nimport one agency's year ({TASKS * 12} updates on {TASKS} tasks, {len(attachments)} "
        f"evidence files, signed annual report; bundle {len(data) // 1024} KB): "
        f"{median * 1000:.0f} ms median of 3, worst {max(timings) * 1000:.0f} ms, "
        f"{queries.count} queries on {connection.vendor}"
    )
    assert median < 2.0


@pytest.mark.django_db
def test_300_agencies_bundles_import_with_one_command(make_agency, make_person, tmp_path) -> None:
    supervisor, admin, period = _province(make_agency, make_person)
    agencies = Agency.objects.bulk_create(
        Agency(name=f"UBND xã số {n:04d}", code=f"xa-{n:04d}", type="commune")
        for n in range(AGENCIES)
    )
    leads = [PartyDraft(a.name, agency_id=a.pk) for a in agencies]
    plan = create_plan(
        actor=supervisor,
        header={"title": f"Kế hoạch năm {YEAR}"},
        tasks=[
            TaskDraft(
                ref="1",
                content=_TASK_TEXTS[0],
                leads=leads,
                timing_kind="continuous",
                period="quarter",
            ),
            TaskDraft(
                ref="2",
                content=_TASK_TEXTS[2],
                leads=leads,
                timing_kind="date",
                due_date=date(YEAR, 11, 30),
            ),
        ],
    )
    issue_plan(actor=supervisor, plan=plan)
    by_agency: dict[int, list[Assignment]] = {}
    for assignment in Assignment.objects.filter(task__plan=plan).order_by("task__order"):
        by_agency.setdefault(assignment.agency_id, []).append(assignment)

    folder = tmp_path / "bundles"
    folder.mkdir()
    paths: list[Path] = []
    for n, agency in enumerate(agencies):
        peer, pem = _trust(admin, agency)
        quarterly, inspection = by_agency[agency.pk]
        minutes = _minutes(n, 11, 6)
        evidence = [
            {
                "name": "bien-ban-tu-kiem-tra.txt",
                "attachment": f"evidence-{n}",
                "sha256": sha256(minutes).hexdigest(),
            }
        ]
        updates = [
            {
                "id": 10 * n + k,
                "assignment": a.pk,
                "status": status,
                "note": _note(n + k, month),
                "period": period_ if a is quarterly else "",
                "at": f"{YEAR}-{month:02d}-20T10:00:00+07:00",
                "by": "Phạm Văn Nam",
                "by_login": "nam.pv",
                "evidence": evidence if status == "done" else [],
            }
            for k, (a, status, month, period_) in enumerate(
                [
                    (quarterly, "in_progress", 6, f"{YEAR}-Q2"),
                    (quarterly, "in_progress", 9, f"{YEAR}-Q3"),
                    (inspection, "done", 11, ""),
                ]
            )
        ]
        sections = {"progress": updates, "reports": [_report(period, 100 + n)]}
        data = _bundle(peer, pem, sections, {f"evidence-{n}": minutes}, f"Nút {agency.name}")
        path = folder / f"bmnn-{agency.code}-den-tinh-00001.bmnn"
        path.write_bytes(data)
        paths.append(path)
    total_size = sum(p.stat().st_size for p in paths)

    out, queries = io.StringIO(), _Counter()
    with connection.execute_wrapper(queries):
        start = time.perf_counter()
        call_command("sync_import", *map(str, paths), stdout=out, stderr=io.StringIO())
        elapsed = time.perf_counter() - start

    assert Inbound.objects.filter(state="imported").count() == AGENCIES
    assert Submission.objects.filter(period=period, state="signed").count() == AGENCIES
    assert ProgressUpdate.objects.filter(assignment__task__plan=plan).count() == 3 * AGENCIES
    assert out.getvalue().count(": imported: ") == AGENCIES
    print(
        f"\nbmnn sync import of {AGENCIES} agencies' bundles ({total_size // AGENCIES // 1024} KB "
        f"each, 3 updates and a signed report): {elapsed:.1f} s, "
        f"{elapsed / AGENCIES * 1000:.0f} ms and {queries.count / AGENCIES:.0f} queries per bundle "
        f"on {connection.vendor}"
    )
    assert elapsed < 120.0
