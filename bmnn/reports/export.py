"""An agency's own report as a document: a DOCX in the administrative format (the machinery the
province's report uses, `bmnn.core.documents`) and the same content as a page to print.

Both are built from one list of parts (headings, paragraphs, tables), so the printed page and the
DOCX say the same thing. The document is written in Vietnamese whatever the language of the
screen: it is an administrative document of a Vietnamese agency."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from bmnn.core import documents
from bmnn.org.models import Agency, AgencyType
from bmnn.reports import figures, province
from bmnn.reports.figures import LEVELS
from bmnn.reports.models import Submission

SIGNED_STATES = (Submission.State.SIGNED, Submission.State.ACCEPTED)


def _summary(title: str) -> str:
    """The title under "BÁO CÁO": the period's title without its own leading "Báo cáo"."""
    rest = re.sub(r"^\s*báo cáo\s+", "", title, flags=re.IGNORECASE).strip()
    return (rest[:1].upper() + rest[1:]) if rest else title


def _lines(text: str) -> list[tuple[str, str]]:
    return [("text", line.strip()) for line in text.splitlines() if line.strip()] or [("text", "…")]


def header(submission: Submission) -> documents.AdminDocument:
    agency, period = submission.agency, submission.period
    place = province._place()
    parent = agency.parent.name.upper() if agency.parent else f"UBND TỈNH {place.upper()}"
    police = (
        Agency.objects.filter(type=AgencyType.PROVINCIAL_POLICE, is_active=True)
        .order_by("pk")
        .values_list("name", flat=True)
        .first()
    )
    signer = submission.signed_by if submission.state in SIGNED_STATES else None
    day = timezone.localdate(submission.signed_at) if signer and submission.signed_at else None
    return documents.AdminDocument(
        issuer_parent=parent,
        issuer=agency.name.upper(),
        number=f"      /BC-{agency.short_name}" if agency.short_name else "      /BC",
        place=place,
        day=day or timezone.localdate(),
        kind="BÁO CÁO",
        summary=_summary(period.title),
        recipients=[f"{police or 'Công an tỉnh'} (để tổng hợp)", "Lưu: VT"],
        signer_title=((signer.position if signer else "") or "Thủ trưởng cơ quan").upper(),
        signer_name=signer.full_name if signer else "",
    )


def body(submission: Submission) -> list[tuple[str, Any]]:
    """The parts of the report: the state of the draft, the four parts of the narrative, the
    figures (documents by level, then the others), the corrected figures with their reasons,
    and the answers to a request's questions."""
    period = submission.period
    parts: list[tuple[str, Any]] = []
    if submission.state not in SIGNED_STATES:
        parts.append(("note", "DỰ THẢO — chưa được thủ trưởng cơ quan ký."))
    parts.append(
        (
            "text",
            f"Kỳ báo cáo: {period.title}; số liệu từ ngày {period.window_start:%d/%m/%Y} đến "
            f"ngày {period.window_end:%d/%m/%Y}.",
        )
    )
    values = {key: submission.value(key) for key in figures.KEYS}
    by_level = []
    for name, label in province.DOC_ROWS:
        counts = [values[f"{name}.{level}"] for level in LEVELS]
        by_level.append([label, *counts, sum(counts)])
    others = [[label, values[key]] for key, label in province.OTHER_ROWS]
    parts += [
        ("heading", "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"),
        *_lines(submission.situation),
        (
            "table",
            (
                ("Tài liệu, vật chứa bí mật nhà nước", *province.LEVEL_NAMES, "Tổng"),
                by_level,
            ),
        ),
        ("table", (("Nội dung", "Số lượng"), others)),
        ("heading", "II. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN"),
        *_lines(submission.shortcomings),
        ("heading", "III. BÀI HỌC KINH NGHIỆM"),
        *_lines(submission.lessons),
        ("heading", "IV. PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ"),
        *_lines(submission.proposals),
    ]
    corrected = [
        [
            str(row["label"]) + (f" ({row['level']})" if row["level"] else ""),
            row["auto"],
            row["value"],
            row["reason"],
        ]
        for row in figures.rows_for_display(submission.figures)
        if row["corrected"]
    ]
    if corrected:
        parts += [
            ("heading", "SỐ LIỆU ĐIỀU CHỈNH SO VỚI SỔ SÁCH"),
            ("table", (("Chỉ tiêu", "Theo sổ sách", "Báo cáo", "Lý do"), corrected)),
        ]
    if submission.answers:
        parts.append(("heading", "TRẢ LỜI CÁC CÂU HỎI CỦA YÊU CẦU BÁO CÁO"))
        for number, entry in enumerate(submission.answers, start=1):
            parts.append(("text", f"{number}. {entry.get('question', '')}"))
            parts += _lines(entry.get("answer", ""))
    return parts


def docx(submission: Submission) -> bytes:
    parts = [("text", text) if kind == "note" else (kind, text) for kind, text in body(submission)]
    return documents.build_docx(header(submission), parts)


def printable(submission: Submission) -> dict[str, Any]:
    """The template's context for the page to print."""
    parts = []
    for kind, content in body(submission):
        if kind == "table":
            head, rows = content
            content = {
                "header": head,
                "rows": [[(value, isinstance(value, int)) for value in row] for row in rows],
            }
        parts.append({"kind": kind, "content": content})
    return {"submission": submission, "doc": header(submission), "parts": parts}


def filename(submission: Submission) -> str:
    code = re.sub(r"[^a-z0-9-]+", "-", (submission.agency.code or "co-quan").lower()).strip("-")
    return f"bao-cao-{code}-{submission.period.window_end:%Y}"
