"""The inspection conclusion (kết luận kiểm tra) in the administrative format, from the
checklist answers and the findings — those the reader may see: an inspected agency's copy
holds its own part only (policy.restrict_targets)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from bmnn.core import policy
from bmnn.core.documents import AdminDocument, build_docx
from bmnn.inspections.citations import readable
from bmnn.inspections.models import Answer, Inspection

SEVERITY = {"low": "Nhẹ", "medium": "Đáng kể", "high": "Nghiêm trọng"}
STATUS = {
    "open": "Chưa khắc phục",
    "remediated": "Đã báo cáo khắc phục",
    "verified": "Đã khắc phục, đã kiểm tra",
}


def conclusion_docx(inspection: Inspection, actor: Any) -> bytes:
    province = settings.BMNN_PROVINCE_NAME or "..."
    doc = AdminDocument(
        issuer_parent=f"UBND TỈNH {province.upper()}" if inspection.kind == "inspection" else "",
        issuer="ĐOÀN KIỂM TRA"
        if inspection.kind == "inspection"
        else inspection.targets.first().agency.name.upper(),  # type: ignore[union-attr]
        number=f"      /KL-ĐKT ({inspection.decision})" if inspection.decision else "      /KL-ĐKT",
        place=province,
        day=timezone.localdate(),
        kind="KẾT LUẬN KIỂM TRA",
        summary=f"Công tác bảo vệ bí mật nhà nước — {inspection.title}",
        recipients=["Các cơ quan được kiểm tra", "Lưu: hồ sơ kiểm tra"],
        signer_title="TRƯỞNG ĐOÀN",
        signer_name=inspection.leader.full_name,
    )
    body: list[tuple[str, object]] = [
        (
            "text",
            f"Thời kỳ kiểm tra: từ {inspection.period_from:%d/%m/%Y} đến {inspection.period_to:%d/%m/%Y}; "
            f"kiểm tra trực tiếp từ {inspection.on_site_from:%d/%m/%Y} đến {inspection.on_site_to:%d/%m/%Y}.",
        ),
    ]
    if inspection.scope:
        body.append(("text", f"Phạm vi: {inspection.scope}"))
    targets = policy.restrict_targets(actor, inspection.targets.select_related("agency"))
    for target in targets.order_by("agency__name"):
        answers = Answer.objects.filter(target=target, item__removed=False).select_related("item")
        counts = {result: answers.filter(result=result).count() for result in Answer.Result.values}
        body.append(("heading", target.agency.name))
        body.append(
            (
                "text",
                f"Nội dung đã kiểm tra: {sum(counts.values())} nội dung; đạt {counts['compliant']}, "
                f"chưa đạt {counts['not_compliant']}, không áp dụng {counts['not_applicable']}.",
            )
        )
        # Read through the restricted target, as the answers are: a finding is readable with its
        # target (policy.restrict_findings), so a second restrict here could filter nothing.
        findings = target.findings.select_related("responsible").order_by("deadline", "pk")
        if findings:
            rows = [
                (
                    str(i),
                    f.description,
                    readable(f.rule, "vi"),
                    SEVERITY.get(f.severity, f.severity),
                    f.responsible.full_name if f.responsible else "",
                    f.deadline.strftime("%d/%m/%Y"),
                    STATUS.get(f.status, f.status),
                )
                for i, f in enumerate(findings, start=1)
            ]
            header = [
                "STT",
                "Tồn tại, vi phạm",
                "Quy định",
                "Mức độ",
                "Người chịu trách nhiệm",
                "Thời hạn khắc phục",
                "Tình trạng",
            ]
            body.append(("table", (header, rows)))
        else:
            body.append(("text", "Không phát hiện tồn tại, vi phạm."))
    body.append(("heading", "Yêu cầu"))
    body.append(
        (
            "text",
            "Các cơ quan được kiểm tra khắc phục các tồn tại đúng thời hạn và báo cáo kết quả khắc phục "
            "cho Đoàn kiểm tra qua hệ thống BMNN.",
        )
    )
    return build_docx(doc, body)
