"""The permission matrix (issue 13; NetBox's generic per-model access tests, STYLE.md §14).

One table says, for every readable kind of record, which of nine people may read which rows; the
test walks every path that shows that kind — page list, page detail, API list, API detail, the
exports and generated documents, search and dashboard counts — as each person, and checks that
exactly the allowed rows come back. Every row carries a marker that appears wherever the row is
shown, so a list page, a JSON list, a CSV file and a DOCX are all read the same way.

The nine people are the seven demo roles (administrator, supervisor, inspector, head, security
officer, staff, the chairman who heads the People's Committee), a security officer of a second
agency and a staff member of the first agency with a lower clearance.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import AgencyType, Role
from bmnn.testing import login

pytestmark = pytest.mark.django_db

PEOPLE = (
    "admin",
    "supervisor",
    "inspector",
    "head",
    "officer",
    "staff",
    "chairman",
    "other",
    "low",
)
TODAY = timezone.localdate()

# Who reads which row, by kind of record. Rows are named <agency>-<what>; J = Sở Tư pháp (the
# first agency: head, officer, staff, low), H = Sở Y tế (the second: other).
EVERYONE_IN_PROVINCE = {"admin", "supervisor"}
JUSTICE = {"head", "officer", "staff", "low"}


def _own_agency(what: str, *, inspector: bool = False) -> dict[str, set[str]]:
    """Rows J-<what> and H-<what>, each read by its own agency and the province (and the
    inspectors, where `inspector`)."""
    also = EVERYONE_IN_PROVINCE | ({"inspector"} if inspector else set())
    return {f"J-{what}": JUSTICE | also, f"H-{what}": {"other"} | also}


ALLOWED: dict[str, dict[str, set[str]]] = {
    # Clearance: head Tuyệt mật, officer and staff Tối mật, low Mật. Need-to-know: the head and
    # the officer keep the register; staff has grants on J-TM and J-TTM, low on J-M and J-TM.
    # Province roles read counts, never rows.
    "secret_item": {
        "J-M": {"head", "officer", "low"},
        "J-TM": {"head", "officer", "staff"},
        "J-TTM": {"head"},
        "H-M": {"other"},
    },
    # Incidents: by agency (province roles and inspectors everywhere), within clearance.
    # Admin has no clearance; the inspector Tối mật; the supervisor Tuyệt mật.
    "incident": {
        "J-TTM": {"head", "supervisor"},
        "J-M": {"head", "officer", "staff", "low", "supervisor", "inspector"},
        "J-NONE": {"head", "officer", "staff", "low", "supervisor", "inspector", "admin"},
        "H-M": {"other", "supervisor", "inspector"},
    },
    # A joint inspection of J and H: each inspected agency reads its own finding only.
    "inspection_finding": _own_agency("FINDING", inspector=True),
    "submission": _own_agency("REPORT"),
    "device": _own_agency("DEVICE", inspector=True),
    "medium": _own_agency("MEDIUM", inspector=True),
    "lan": _own_agency("LAN", inspector=True),
    "device_finding": _own_agency("DEVFINDING", inspector=True),
    "regulation": _own_agency("REGULATION"),
    "designation": _own_agency("DESIGNATION"),
    "training": _own_agency("TRAINING"),
    "person": _own_agency("PERSON"),
    "assignment": _own_agency("TASK"),
    "scan_finding": {"PORTAL-FINDING": {"admin", "supervisor", "inspector"}},
}


def _marker(kind: str, row: str) -> str:
    """An ASCII marker, so it reads the same in HTML, JSON, CSV and the XML inside DOCX/XLSX."""
    return f"MX{kind.replace('_', '').upper()}{row.replace('-', '')}Q"


@dataclass
class World:
    people: dict[str, Any]
    agencies: dict[str, Any]
    rows: dict[str, dict[str, Any]]  # kind -> row name -> object
    extra: dict[str, Any]


@pytest.fixture
def world(make_agency, make_person) -> World:
    from bmnn.devices.models import Device
    from bmnn.inspections import services as inspections
    from bmnn.plans.models import Assignment, Plan, Task
    from bmnn.registry import services as registry
    from bmnn.reports import services as reports
    from bmnn.scanner.models import Finding as ScanFinding

    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    committee = make_agency("Ủy ban nhân dân tỉnh", type=AgencyType.PEOPLES_COMMITTEE)
    people = {
        "admin": make_person(police, Role.ADMINISTRATOR, "Quản Trị Viên"),
        "supervisor": make_person(
            police, Role.SUPERVISOR, "Lê Thị Giám Sát", clearance="tuyet_mat"
        ),
        "inspector": make_person(police, Role.INSPECTOR, "Phạm Quốc Bảo", clearance="toi_mat"),
        "head": make_person(justice, Role.HEAD, "Trần Văn Định", clearance="tuyet_mat"),
        "officer": make_person(
            justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa", clearance="toi_mat"
        ),
        "staff": make_person(
            justice, Role.STAFF, _marker("person", "J-PERSON"), clearance="toi_mat"
        ),
        "chairman": make_person(committee, Role.HEAD, "Hoàng Văn Chủ", clearance="tuyet_mat"),
        "other": make_person(
            health, Role.SECURITY_OFFICER, "Phạm Quỳnh Anh", clearance="tuyet_mat"
        ),
        "low": make_person(justice, Role.STAFF, "Vũ Thị Thấp", clearance="mat"),
    }
    health_staff = make_person(health, Role.STAFF, _marker("person", "H-PERSON"))
    rows: dict[str, dict[str, Any]] = {kind: {} for kind in ALLOWED}

    # Registry: incoming documents at three levels in J, one in H; personal grants.
    levels = {"J-M": "mat", "J-TM": "toi_mat", "J-TTM": "tuyet_mat", "H-M": "mat"}
    for row, level in levels.items():
        agency, keeper = (
            (justice, people["officer"]) if row[0] == "J" else (health, people["other"])
        )
        if level == "tuyet_mat":
            keeper = people["head"]
        entry = registry.register_incoming(
            actor=keeper,
            agency=agency,
            level=level,
            issuer_name="Bộ Tư pháp",
            number=f"{_marker('secret_item', row)}/BTP",
            doc_date=date(2026, 3, 1),
            summary="Văn bản chỉ đạo",
        )
        rows["secret_item"][row] = entry.item
    # Grants are given within clearance; then staff's clearance is lowered to Tối mật and low's
    # to Mật (a clearance review), so each holds a grant above what they may now read.
    from bmnn.org.models import Person

    Person.objects.filter(pk__in=[people["staff"].pk, people["low"].pk]).update(
        clearance="tuyet_mat"
    )
    for person, granted in (("staff", ("J-TM", "J-TTM")), ("low", ("J-M", "J-TM"))):
        people[person].refresh_from_db()
        for row in granted:
            registry.grant_need_to_know(
                actor=people["head"], item=rows["secret_item"][row], person=people[person]
            )

    Person.objects.filter(pk=people["staff"].pk).update(clearance="toi_mat")
    Person.objects.filter(pk=people["low"].pk).update(clearance="mat")
    for person in ("staff", "low"):
        people[person].refresh_from_db()

    # Incidents.
    for row, (agency, level, reporter) in {
        "J-TTM": (justice, "tuyet_mat", "head"),
        "J-M": (justice, "mat", "officer"),
        "J-NONE": (justice, "", "staff"),
        "H-M": (health, "mat", "other"),
    }.items():
        rows["incident"][row] = reports.report_incident(
            actor=people[reporter],
            agency=agency,
            level=level,
            what=_marker("incident", row),
            channel="lost_document",
            found_at=timezone.now() - timedelta(hours=1),
        )

    # A joint inspection of J and H, one finding each.
    inspection = new_inspection(
        people["supervisor"],
        [justice, health],
        title="Kiểm tra năm 2026",
        on_site_from=TODAY,
        on_site_to=TODAY + timedelta(days=3),
        leader=people["inspector"],
        decision="45/QĐ-CAT",
    )
    for row, agency in (("J-FINDING", justice), ("H-FINDING", health)):
        rows["inspection_finding"][row] = inspections.record_finding(
            actor=people["inspector"],
            target=inspection.targets.get(agency=agency),
            item=None,
            severity="medium",
            description=_marker("inspection_finding", row),
            rule="L18 Art. 10",
            deadline=TODAY + timedelta(days=10),
        )

    # Reports of the year's period.
    period = reports.create_period(actor=people["supervisor"], kind="annual", year=TODAY.year)
    for row, agency, writer in (("J-REPORT", justice, "officer"), ("H-REPORT", health, "other")):
        submission = reports.start_submission(actor=people[writer], period=period, agency=agency)
        submission = reports.save_submission(
            actor=people[writer],
            submission=submission,
            revision=submission.revision,
            situation=_marker("submission", row),
        )
        rows["submission"][row] = submission

    # Devices, media, independent LANs, host-audit findings, regulations and training.
    from bmnn.devices.models import DeviceFinding, HostReport, IndependentLan, Medium
    from bmnn.inspections.models import Regulation, StaffDesignation

    for code, agency in (("J", justice), ("H", health)):
        device = rows["device"][f"{code}-DEVICE"] = Device.objects.create(
            agency=agency,
            asset_tag=_marker("device", f"{code}-DEVICE"),
            kind="computer",
            connected_to="none",
            ever_connected="no",
            highest_level="mat",
        )
        rows["medium"][f"{code}-MEDIUM"] = Medium.objects.create(
            agency=agency,
            label=_marker("medium", f"{code}-MEDIUM"),
            kind="usb",
            serial=f"SN-{code}",
            registered_on=TODAY,
        )
        rows["lan"][f"{code}-LAN"] = IndependentLan.objects.create(
            agency=agency, name=_marker("lan", f"{code}-LAN"), site="Phòng cơ yếu"
        )
        report = HostReport.objects.create(
            device=device,
            uploaded_by=people["supervisor"],
            generated_at=timezone.now(),
            sha256=code * 64,
        )
        rows["device_finding"][f"{code}-DEVFINDING"] = DeviceFinding.objects.create(
            device=device,
            report=report,
            code="usb_unregistered",
            severity="high",
            summary=_marker("device_finding", f"{code}-DEVFINDING"),
        )
        rows["regulation"][f"{code}-REGULATION"] = Regulation.objects.create(
            agency=agency,
            status="issued",
            document_number=_marker("regulation", f"{code}-REGULATION"),
            issued_on=TODAY,
            updated_by=people["supervisor"],
        )
        keeper = people["officer"] if code == "J" else people["other"]
        rows["designation"][f"{code}-DESIGNATION"] = StaffDesignation.objects.create(
            agency=agency,
            person=keeper,
            mode="part_time",
            decision=_marker("designation", f"{code}-DESIGNATION"),
            decided_on=TODAY,
            created_by=people["supervisor"],
        )
    for row, agency, recorder in (
        ("J-TRAINING", justice, "officer"),
        ("H-TRAINING", health, "other"),
    ):
        rows["training"][row] = inspections.record_training(
            actor=people[recorder],
            agency=agency,
            kind="training",
            title=_marker("training", row),
            held_on=TODAY - timedelta(days=3),
        )

    rows["person"] = {"J-PERSON": people["staff"], "H-PERSON": health_staff}

    # A plan issued to J and H.
    plan = Plan.objects.create(
        number="12/KH-UBND",
        title="Kế hoạch bảo vệ BMNN",
        status="issued",
        created_by=people["supervisor"],
    )
    for order, (row, agency) in enumerate((("J-TASK", justice), ("H-TASK", health))):
        task = Task.objects.create(
            plan=plan,
            ref=str(order + 1),
            order=order,
            content=_marker("assignment", row),
            timing_kind="once",
            due_date=TODAY + timedelta(days=30),
        )
        rows["assignment"][row] = Assignment.objects.create(task=task, agency=agency, role="lead")

    now = timezone.now()
    rows["scan_finding"]["PORTAL-FINDING"] = ScanFinding.objects.create(
        url=f"https://baclam.example/{_marker('scan_finding', 'PORTAL-FINDING')}.pdf",
        content_hash="ab" * 32,
        level="mat",
        score=0.9,
        first_seen=now,
        last_seen=now,
    )
    return World(
        people, {"J": justice, "H": health}, rows, {"inspection": inspection, "period": period}
    )


# --- Paths --------------------------------------------------------------------------------------


def _text(response: Any) -> str:
    """What a person reads in the response: HTML, JSON or CSV as text; DOCX/XLSX as their XML."""
    body = (
        response.content if hasattr(response, "content") else b"".join(response.streaming_content)
    )
    if body[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace")
                for name in archive.namelist()
                if name.endswith(".xml")
            )
    return body.decode("utf-8", "replace")


@dataclass(frozen=True)
class Path:
    """One way of reading a kind of record. `url` takes the world and a row (detail paths) or the
    world alone (list paths); a detail path must answer 404/403 for a row one may not read."""

    name: str
    url: Callable[..., str]
    detail: bool = False

    @property
    def api(self) -> bool:
        return self.name.startswith("API")


def _api(slug: str, query: str = "") -> list[Path]:
    """A kind's two REST API paths: its list (`query` appended) and one row, under /api/<slug>/."""
    return [
        Path("API list", lambda w: f"/api/{slug}/{query}"),
        Path("API detail", lambda w, o: f"/api/{slug}/{o.pk}/", detail=True),
    ]


PATHS: dict[str, list[Path]] = {
    "secret_item": [
        Path("page list", lambda w: "/registry/"),
        Path("page detail", lambda w, o: f"/registry/items/{o.pk}/", detail=True),
        *_api("secret-items", "?page_size=100"),
        Path("search", lambda w: "/registry/?q=MXSECRETITEM"),
    ],
    "incident": [
        Path("page list", lambda w: "/reports/incidents/"),
        Path("page detail", lambda w, o: f"/reports/incidents/{o.pk}/", detail=True),
        *_api("incidents"),
    ],
    "inspection_finding": [
        Path("inspection page", lambda w: f"/inspections/{w.extra['inspection'].pk}/"),
        Path(
            "conclusion DOCX", lambda w: f"/inspections/{w.extra['inspection'].pk}/conclusion.docx"
        ),
        Path("page detail", lambda w, o: f"/inspections/findings/{o.pk}/", detail=True),
        *_api("inspection-findings"),
    ],
    "submission": [
        Path(
            "page detail",
            lambda w, o: f"/reports/periods/{o.period_id}/agencies/{o.agency_id}/",
            detail=True,
        ),
        *_api("report-submissions"),
    ],
    "device": [
        Path("page list", lambda w: "/devices/"),
        Path("page detail", lambda w, o: f"/devices/{o.pk}/", detail=True),
        *_api("devices"),
    ],
    "medium": [
        Path("page list", lambda w: "/devices/media/"),
        *_api("media"),
    ],
    "lan": [
        Path("page list", lambda w: "/devices/media/"),
        *_api("independent-lans"),
    ],
    "device_finding": [
        Path("device page", lambda w, o: f"/devices/{o.device_id}/", detail=True),
        *_api("device-findings"),
    ],
    "regulation": [
        Path("readiness page", lambda w: "/inspections/agencies/"),
        *_api("regulations"),
    ],
    "designation": _api("designations"),
    "training": [
        Path("page list", lambda w: "/inspections/training/"),
        *_api("trainings"),
    ],
    "person": [
        Path("page list", lambda w: "/people/"),
        Path("CSV export", lambda w: "/people/export.csv"),
        Path("search", lambda w: "/search/?q=MXPERSON"),
        *_api("people"),
    ],
    "assignment": [
        Path("matrix", lambda w: "/plans/matrix/"),
        Path("page detail", lambda w, o: f"/plans/assignments/{o.pk}/", detail=True),
        *_api("assignments"),
    ],
    "scan_finding": [
        Path("page list", lambda w: "/scanner/"),
        Path("page detail", lambda w, o: f"/scanner/findings/{o.pk}/", detail=True),
        *_api("findings"),
    ],
}

# Dashboard counts: the number the dashboard shows for a kind equals the rows one may read.
DASHBOARD_COUNTS = {
    "incident": lambda context: context["protection"]["reporting"]["incidents"],
    "device": lambda context: context["protection"]["device_devices"],
}


def _client(world: World, who: str, clients: dict[str, Client]) -> Client:
    if who not in clients:
        clients[who] = login(Client(), world.people[who])
    return clients[who]


def _check_kind(world: World, kind: str) -> list[str]:
    """Every disagreement between the table and what a path showed, as readable lines."""
    problems: list[str] = []
    clients: dict[str, Client] = {}
    for who in PEOPLE:
        client = _client(world, who, clients)
        allowed = {row for row, readers in ALLOWED[kind].items() if who in readers}
        for path in PATHS[kind]:
            if path.detail:
                for row, obj in world.rows[kind].items():
                    response = client.get(path.url(world, obj))
                    seen = response.status_code == 200 and (
                        response.json().get("id") == obj.pk
                        if path.api
                        else _marker(kind, row) in _text(response)
                    )
                    if response.status_code >= 500 or seen != (row in allowed):
                        problems.append(
                            f"{kind} {row} · {path.name} · {who}: status {response.status_code}, "
                            f"{'shown' if seen else 'hidden'}; expected {'shown' if row in allowed else 'hidden'}"
                        )
            else:
                response = client.get(path.url(world))
                text = _text(response) if response.status_code == 200 else ""
                if response.status_code >= 500:
                    problems.append(f"{kind} · {path.name} · {who}: status {response.status_code}")
                if path.api and response.status_code == 200:
                    data = response.json()
                    ids = {r["id"] for r in (data["results"] if isinstance(data, dict) else data)}
                    shown = {row for row, obj in world.rows[kind].items() if obj.pk in ids}
                else:
                    shown = {row for row in world.rows[kind] if _marker(kind, row) in text}
                if shown != allowed:
                    problems.append(
                        f"{kind} · {path.name} · {who}: shown {sorted(shown)}, expected {sorted(allowed)}"
                    )
        if kind in DASHBOARD_COUNTS:
            response = client.get("/")
            count = DASHBOARD_COUNTS[kind](response.context)
            if count != len(allowed):
                problems.append(
                    f"{kind} · dashboard count · {who}: {count}, expected {len(allowed)}"
                )
    return problems


@pytest.mark.parametrize("kind", sorted(ALLOWED))
def test_every_path_shows_exactly_the_rows_the_table_allows(world, kind) -> None:
    problems = _check_kind(world, kind)
    assert not problems, "\n".join(problems)


def test_the_table_covers_every_row_and_every_row_is_refused_to_someone(world) -> None:
    """A row everyone may read, or a row the fixture never made, would leave a filter untested."""
    for kind, rows in ALLOWED.items():
        assert set(rows) == set(world.rows[kind]), kind
        for row, readers in rows.items():
            assert readers and set(PEOPLE) - readers, f"{kind} {row}"
