"""The province's report for a period: built in one action from the accepted submissions (and
lower installations' imported reports), narrative edited by supervisors, exported as DOCX in the
administrative format with an XLSX annex, and carried upward as a signed bundle."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from bmnn.core import audit, audit_checkpoints, bundles, documents, keys, policy
from bmnn.core.levels import LEVEL_NAME, LEVELS
from bmnn.core.services import locked, require, service
from bmnn.org.models import Agency, AgencyType, Person
from bmnn.reports import aggregate
from bmnn.reports.figures import BY_KEY, KEYS
from bmnn.reports.models import ImportedReport, ProvinceReport, ReportingPeriod, Submission

BUNDLE_KIND = "report"
# the level columns of the report's tables, highest first
LEVEL_NAMES = tuple(LEVEL_NAME[level] for level in LEVELS)
NARRATIVE = ("situation", "shortcomings", "lessons", "proposals")
HEADER_FIELDS = (
    "issuer_parent",
    "issuer",
    "number",
    "place",
    "day",
    "summary",
    "recipients",
    "signer_title",
    "signer_name",
)
DOC_ROWS = (
    ("created", "Xác định độ mật (tạo lập)"),
    ("received", "Tiếp nhận"),
    ("copied", "Sao, chụp"),
    ("provided", "Cung cấp, chuyển giao"),
    ("declassified", "Giải mật"),
    ("destroyed", "Tiêu hủy (bản)"),
)
OTHER_ROWS = (
    ("trainings", "Buổi tập huấn, tuyên truyền"),
    ("training_participants", "Lượt người tham dự"),
    ("self_inspections", "Cuộc tự kiểm tra"),
    ("inspections_received", "Lượt được kiểm tra"),
    ("violations_found", "Vi phạm phát hiện"),
    ("violations_remedied", "Vi phạm đã khắc phục"),
    ("incidents", "Vụ lộ, mất bí mật nhà nước"),
    ("devices", "Máy tính, thiết bị dùng cho BMNN"),
    ("independent_lans", "Mạng nội bộ độc lập"),
    ("regulation_issued", "Cơ quan đã ban hành quy chế"),
)


def _place() -> str:
    name = settings.BMNN_PROVINCE_NAME or ""
    return name.removeprefix("tỉnh ").removeprefix("Tỉnh ").strip() or "..."


def _defaults(period: ReportingPeriod) -> dict[str, Any]:
    police = (
        Agency.objects.filter(type=AgencyType.PROVINCIAL_POLICE, is_active=True)
        .order_by("pk")
        .first()
    )
    place = _place()
    return {
        "issuer_parent": f"UBND TỈNH {place.upper()}",
        "issuer": (police.name if police else "Công an tỉnh").upper(),
        "number": "      /BC-CAT",
        "place": place,
        "day": timezone.localdate(),
        "summary": f"Kết quả công tác bảo vệ bí mật nhà nước ({period.window_start:%d/%m/%Y} – {period.window_end:%d/%m/%Y})",
        "recipients": "Bộ Công an (Cục An ninh chính trị nội bộ)\nỦy ban nhân dân tỉnh\nLưu: VT, PA03",
        "signer_title": "GIÁM ĐỐC",
    }


def _by_level(totals: dict[str, int], name: str) -> list[int]:
    return [totals.get(f"{name}.{level}", 0) for level in LEVELS]


def compose_narrative(period: ReportingPeriod, data: dict[str, Any]) -> dict[str, str]:
    """A first draft of the province's narrative from the figures and the agencies' own words;
    the supervisors rewrite it before export."""
    t = data["totals"]

    def level_text(name: str) -> str:
        values = _by_level(t, name)
        by_level = ", ".join(
            f"{LEVEL_NAME[level]} {n}" for level, n in zip(LEVELS, values, strict=True)
        )
        return f"{sum(values)} ({by_level})"

    situation = (
        f"Trong kỳ báo cáo (từ {period.window_start:%d/%m/%Y} đến {period.window_end:%d/%m/%Y}), "
        f"{data['accepted']}/{data['expected']} cơ quan, đơn vị đã gửi báo cáo và được tiếp nhận"
        + (
            f"; tổng hợp thêm báo cáo của {len(data['imported'])} đơn vị cấp dưới"
            if data["imported"]
            else ""
        )
        + ".\n"
        f"Các cơ quan, đơn vị đã xác định độ mật {level_text('created')} tài liệu, vật chứa bí mật nhà nước; "
        f"tiếp nhận {level_text('received')}; sao, chụp {level_text('copied')} bản; cung cấp, chuyển giao "
        f"{level_text('provided')}; giải mật {level_text('declassified')}; tiêu hủy {level_text('destroyed')} bản.\n"
        f"Tổ chức {t['trainings']} buổi tập huấn, tuyên truyền với {t['training_participants']} lượt người tham dự; "
        f"{t['self_inspections']} cuộc tự kiểm tra và {t['inspections_received']} lượt kiểm tra; phát hiện "
        f"{t['violations_found']} vi phạm, đã khắc phục {t['violations_remedied']}. "
        f"{t['regulation_issued']} cơ quan, đơn vị đã ban hành quy chế bảo vệ bí mật nhà nước; "
        f"{t['devices']} máy tính, thiết bị và {t['independent_lans']} mạng nội bộ độc lập được dùng cho bí mật nhà nước."
    )
    parts = {"situation": situation}
    accepted = Submission.objects.filter(
        period=period, state=Submission.State.ACCEPTED
    ).select_related("agency")
    for name in ("shortcomings", "lessons", "proposals"):
        lines = [
            f"- {s.agency.name}: {getattr(s, name).strip()}"
            for s in accepted.order_by("agency__name")[:200]
            if getattr(s, name).strip()
        ]
        parts[name] = "\n".join(lines)
    return parts


@service
def build(*, actor: Person | None, period: ReportingPeriod) -> ProvinceReport:
    """Aggregates the accepted submissions now (one action); the narrative is drafted the first
    time and kept afterwards, since supervisors edit it."""
    if actor is not None:
        require(
            policy.can_manage_reporting(actor),
            _("Only province supervisors build the province's report."),
        )
    period = locked(ReportingPeriod.objects).get(pk=period.pk)
    data = aggregate.build_data(period)
    report = ProvinceReport.objects.filter(period=period).first()
    if report is None:
        report = ProvinceReport(period=period, **_defaults(period))
        for name, text in compose_narrative(period, data).items():
            setattr(report, name, text)
    report.data, report.built_at, report.built_by = data, timezone.now(), actor
    report.revision += 1
    report.save()
    audit.record(
        actor=actor,
        action="report.province_build",
        obj=report,
        changes={
            "accepted": data["accepted"],
            "expected": data["expected"],
            "imported": len(data["imported"]),
        },
    )
    return report


@service
def update(
    *, actor: Person, report: ProvinceReport, revision: int, **fields: Any
) -> ProvinceReport:
    """Supervisors edit the header and the narrative before export."""
    require(
        policy.can_manage_reporting(actor),
        _("Only province supervisors edit the province's report."),
    )
    report = locked(ProvinceReport.objects).get(pk=report.pk)
    if revision != report.revision:
        raise ValidationError(
            _(
                "Someone else saved or rebuilt this report after you opened it; reload it and make your changes again."
            )
        )
    unknown = set(fields) - set(NARRATIVE) - set(HEADER_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field %(field)s.") % {"field": ", ".join(sorted(unknown))})
    changed = []
    for name, value in fields.items():
        if value is None:
            continue
        value = value.strip() if isinstance(value, str) else value
        if name in ("number", "issuer", "signer_title", "day") and not value:
            raise ValidationError({name: _("This field is required.")})
        if value != getattr(report, name):
            setattr(report, name, value)
            changed.append(name)
    report.full_clean(exclude=["period", "built_by"])
    report.revision += 1
    report.save()
    audit.record(
        actor=actor, action="report.province_edit", obj=report, changes={"fields": changed}
    )
    return report


# --- exports ----------------------------------------------------------------------------------


def _chart_png(totals: dict[str, int]) -> bytes:
    """Grouped bars of the document figures by level, drawn with Pillow and the bundled font."""
    from PIL import Image, ImageDraw, ImageFont

    fonts = Path(__file__).resolve().parent.parent / "core" / "fonts"
    font = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 22)
    small = ImageFont.truetype(str(fonts / "DejaVuSans.ttf"), 18)
    width, height, left, bottom, top = 1600, 700, 90, 110, 70
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((left, 15), "Tài liệu, vật chứa bí mật nhà nước theo độ mật", fill="black", font=font)
    values = [_by_level(totals, name) for name, _label in DOC_ROWS]
    peak = max([1, *(v for group in values for v in group)])
    colours = ("#7a1f1f", "#c0392b", "#e8a09a")
    slot = (width - left - 40) / len(DOC_ROWS)
    bar = slot / 4.5
    draw.line((left, height - bottom, width - 30, height - bottom), fill="black", width=2)
    for index, ((_name, label), group) in enumerate(zip(DOC_ROWS, values, strict=True)):
        x0 = left + index * slot + slot * 0.12
        for offset, (value, colour) in enumerate(zip(group, colours, strict=True)):
            x = x0 + offset * bar
            y = height - bottom - (height - bottom - top) * value / peak
            draw.rectangle((x, y, x + bar * 0.9, height - bottom), fill=colour)
            draw.text((x + 2, y - 24), str(value), fill="black", font=small)
        draw.text((x0, height - bottom + 12), label[:22], fill="black", font=small)
    for offset, (level, colour) in enumerate(zip(LEVELS, colours, strict=True)):
        x = left + offset * 220
        draw.rectangle((x, height - 45, x + 24, height - 21), fill=colour)
        draw.text((x + 32, height - 47), LEVEL_NAME[level], fill="black", font=small)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _lines(text: str) -> list[tuple[str, str]]:
    return [("text", line) for line in text.splitlines() if line.strip()] or [("text", "…")]


ANNEX_HEADER = (
    "TT",
    "Cơ quan, đơn vị",
    "Tạo lập",
    "Tiếp nhận",
    "Sao, chụp",
    "Cung cấp",
    "Giải mật",
    "Tiêu hủy",
    "Tập huấn",
    "Người dự",
    "Tự KT",
    "Được KT",
    "Vi phạm",
    "Lộ, mất",
    "Máy tính",
)
_SUMMED = ("created", "received", "copied", "provided", "declassified", "destroyed")
_SINGLE = (
    "trainings",
    "training_participants",
    "self_inspections",
    "inspections_received",
    "violations_found",
    "incidents",
    "devices",
)


def _annex_rows(data: dict[str, Any]) -> list[list[Any]]:
    index = {key: i for i, key in enumerate(data["keys"])}
    groups = [[index[f"{name}.{level}"] for level in LEVELS] for name in _SUMMED]
    singles = [index[key] for key in _SINGLE]
    rows = []
    for number, row in enumerate(data["rows"], start=1):
        values = row["values"]
        rows.append(
            [
                number,
                row["name"],
                *(sum(values[i] for i in g) for g in groups),
                *(values[i] for i in singles),
            ]
        )
    return rows


def docx(report: ProvinceReport) -> bytes:
    data, period = report.data, report.period
    totals = data.get("totals") or dict.fromkeys(KEYS, 0)
    level_table = [
        [label, *_by_level(totals, name), sum(_by_level(totals, name))] for name, label in DOC_ROWS
    ]
    other_table = [[label, totals.get(key, 0)] for key, label in OTHER_ROWS]
    incidents = [
        [i + 1, row["agency"], row["found"], row["how"], row["level"], row["status"]]
        for i, row in enumerate(data.get("incidents", []))
    ]
    body: list[tuple[str, Any]] = [
        (
            "text",
            f"Kỳ báo cáo: {period.title}; số liệu từ ngày {period.window_start:%d/%m/%Y} đến ngày "
            f"{period.window_end:%d/%m/%Y}.",
        ),
        ("heading", "I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN"),
        *_lines(report.situation),
        ("table", (("Nội dung", *LEVEL_NAMES, "Tổng"), level_table)),
        ("text", ""),
        ("table", (("Nội dung", "Số lượng"), other_table)),
        ("image", _chart_png(totals)),
        ("heading", "II. HẠN CHẾ, TỒN TẠI VÀ NGUYÊN NHÂN"),
        *_lines(report.shortcomings),
        ("heading", "III. BÀI HỌC KINH NGHIỆM"),
        *_lines(report.lessons),
        ("heading", "IV. TÌNH HÌNH LỘ, MẤT BÍ MẬT NHÀ NƯỚC"),
        (
            "text",
            f"Trong kỳ xảy ra {len(incidents)} vụ."
            if incidents
            else "Trong kỳ không xảy ra vụ lộ, mất bí mật nhà nước.",
        ),
    ]
    if incidents:
        body.append(
            (
                "table",
                (("TT", "Cơ quan", "Phát hiện", "Hình thức", "Độ mật", "Tình trạng"), incidents),
            )
        )
    body += [("heading", "V. PHƯƠNG HƯỚNG, ĐỀ XUẤT, KIẾN NGHỊ"), *_lines(report.proposals)]
    missing = data.get("missing", [])
    body += [
        ("heading", "PHỤ LỤC: SỐ LIỆU CỦA TỪNG CƠ QUAN, ĐƠN VỊ"),
        (
            "text",
            f"{data.get('accepted', 0)}/{data.get('expected', 0)} cơ quan, đơn vị có báo cáo được tiếp nhận; "
            f"{len(missing)} chưa gửi báo cáo"
            + (
                f": {', '.join(missing[:300])}" + ("…" if len(missing) > 300 else "")
                if missing
                else ""
            )
            + ".",
        ),
        ("small_table", (ANNEX_HEADER, _annex_rows(data))),
    ]
    meta = documents.AdminDocument(
        issuer_parent=report.issuer_parent,
        issuer=report.issuer,
        number=report.number,
        place=report.place,
        day=report.day,
        kind="BÁO CÁO",
        summary=report.summary,
        recipients=[line.strip() for line in report.recipients.splitlines() if line.strip()],
        signer_title=report.signer_title,
        signer_name=report.signer_name,
    )
    return documents.build_docx(meta, body)


def xlsx(report: ProvinceReport) -> bytes:
    data = report.data
    totals = data.get("totals") or dict.fromkeys(KEYS, 0)
    figure_rows = [
        (key, str(BY_KEY[key].label), LEVEL_NAME.get(BY_KEY[key].level, ""), totals.get(key, 0))
        for key in KEYS
    ]
    header = ("TT", "Cơ quan, đơn vị", "Nguồn", *data.get("keys", KEYS))
    rows = (
        [
            i,
            row["name"],
            "báo cáo cấp dưới" if row["kind"] == "imported" else "cơ quan",
            *row["values"],
        ]
        for i, row in enumerate(data.get("rows", []), start=1)
    )
    return documents.build_xlsx(
        [
            ("Tổng hợp", ("Mã", "Chỉ tiêu", "Độ mật", "Tổng"), figure_rows),
            ("Từng cơ quan", header, rows),
            ("Chưa báo cáo", ("Cơ quan, đơn vị",), ([name] for name in data.get("missing", []))),
            (
                "Lộ, mất BMNN",
                ("Cơ quan", "Phát hiện", "Hình thức", "Độ mật", "Tình trạng", "Nội dung"),
                (
                    [i["agency"], i["found"], i["how"], i["level"], i["status"], i["what"]]
                    for i in data.get("incidents", [])
                ),
            ),
        ]
    )


@service
def record_export(*, actor: Person | None, report: ProvinceReport, fmt: str) -> None:
    if actor is not None:
        require(
            policy.can_manage_reporting(actor),
            _("Only province supervisors export the province's report."),
        )
    audit.record(actor=actor, action="report.province_export", obj=report, changes={"format": fmt})


# --- bundles ----------------------------------------------------------------------------------


def bundle(report: ProvinceReport) -> bytes:
    """The period's report as a signed bundle: payload.json (period, header, narrative,
    totals, per-agency rows, incidents) with the DOCX and XLSX attached, and the newest file of
    signed audit checkpoints (bmnn.core.audit_checkpoints) when there is one."""
    period = report.period
    payload = {
        "period": {
            "kind": period.kind,
            "year": period.year,
            "title": period.title,
            "window_start": period.window_start.isoformat(),
            "window_end": period.window_end.isoformat(),
        },
        "report": {
            "number": report.number,
            "day": report.day.isoformat(),
            "issuer": report.issuer,
            **{name: getattr(report, name) for name in NARRATIVE},
            **{
                k: report.data.get(k)
                for k in ("totals", "rows", "keys", "expected", "accepted", "missing", "incidents")
            },
        },
    }
    files = {
        "payload.json": json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        "report.docx": docx(report),
        "annex.xlsx": xlsx(report),
    }
    checkpoints = audit_checkpoints.latest_file()  # the audit chain's anchor travels upward too
    if checkpoints is not None:
        files[f"{audit_checkpoints.DIRECTORY}/{checkpoints.name}"] = checkpoints.read_bytes()
    return bundles.write(
        BUNDLE_KIND, files, private_pem=keys.signing_key(), issuer=settings.BMNN_INSTALLATION_NAME
    )


@service
def import_bundle(*, actor: Person | None, data: bytes) -> tuple[ImportedReport, bool]:
    """A lower installation's report: accepted only whole, signed by a trusted key, unaltered.
    The same bundle again changes nothing; a newer one from the same issuer for the same period
    replaces the older. Returns (report, changed)."""
    if actor is not None:
        require(policy.can_import_reports(actor), _("Only province supervisors import reports."))
    opened = keys.open_bundle(data, BUNDLE_KIND, _("This bundle does not hold a report."))
    try:
        payload = opened.json()
        period, report = payload["period"], payload["report"]
        kind, start, end = (
            str(period["kind"]),
            parse_date(period["window_start"]),
            parse_date(period["window_end"]),
        )
        if (
            kind not in ReportingPeriod.Kind.values
            or start is None
            or end is None
            or not isinstance(report.get("totals"), dict)
        ):
            raise ValueError("period")
    except (KeyError, ValueError, TypeError) as exc:
        raise ValidationError(_("The bundle's content is damaged.")) from exc
    digest = hashlib.sha256(data).hexdigest()
    existing = (
        locked(ImportedReport.objects)
        .filter(issuer=opened.issuer[:255], period_kind=kind, window_start=start, window_end=end)
        .first()
    )
    if existing is not None and (
        existing.bundle_sha256 == digest or existing.signed_at >= opened.created_at
    ):
        return existing, False
    values = {
        "key_id": opened.key_id,
        "bundle_sha256": digest,
        "signed_at": opened.created_at[:40],
        "payload": payload,
        "imported_by": actor,
    }
    imported, _created = ImportedReport.objects.update_or_create(
        issuer=opened.issuer[:255],
        period_kind=kind,
        window_start=start,
        window_end=end,
        defaults=values,
    )
    audit.record(
        actor=actor,
        action="report.import",
        obj=imported,
        changes={"issuer": imported.issuer, "key_id": opened.key_id, "sha256": digest},
    )
    return imported, True


def period_for_year(year: int, kind: str = ReportingPeriod.Kind.ANNUAL) -> ReportingPeriod | None:
    return ReportingPeriod.objects.filter(kind=kind, year=year).order_by("-window_end").first()
