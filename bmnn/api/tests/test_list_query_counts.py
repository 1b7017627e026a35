"""Every API list costs the same number of queries with 2 rows as with 12 (no N+1).

The lists are read from the router, not written out here: a new list endpoint fails
`test_every_api_list_has_a_query_count_baseline` until a maker below feeds it rows. Each list is
read by someone who sees the rows (the province's supervisor, or the keeper or the deciding head
for the registry's lists), and the number of rows it returns is checked too, so a maker that
fed another list would fail rather than measure an empty page.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bmnn.api.tests import test_more_list_query_counts as more_counts
from bmnn.api.urls import router
from bmnn.org.models import Agency, AgencyType, Person, Role
from bmnn.testing import login

pytestmark = pytest.mark.django_db

_serial = itertools.count(1)


def _n() -> int:
    return next(_serial)


@pytest.fixture
def world(province) -> dict[str, Any]:
    return province(
        "health supervisor inspector head officer health_officer", clearance="tuyet_mat"
    )


# --- makers: each adds `count` rows to one list and names who reads it --------------------------


def _agencies(w: dict[str, Any], count: int) -> str:
    Agency.objects.bulk_create(
        Agency(name=f"Sở Đo {n}", code=f"measure-{n}", type=AgencyType.DEPARTMENT)
        for n in (_n() for _ in range(count))
    )
    return "supervisor"


def _people(w: dict[str, Any], count: int) -> str:
    from bmnn.org.models import Membership

    for _ in range(count):
        n = _n()
        person = Person.objects.create(username=f"measure{n}", full_name=f"Cán bộ Đo {n}")
        Membership.objects.create(person=person, agency=w["justice"], role=Role.STAFF)
    return "supervisor"


def _plans(w: dict[str, Any], count: int) -> str:
    from bmnn.plans.models import Plan

    for _ in range(count):
        Plan.objects.create(title=f"Kế hoạch đo {_n()}", status="issued", source_file="x.txt")
    return "supervisor"


def _assignments(w: dict[str, Any], count: int) -> str:
    from bmnn.plans.models import Assignment, Plan, Task

    plan = Plan.objects.filter(title="Kế hoạch của phép đo").first() or Plan.objects.create(
        title="Kế hoạch của phép đo", status="issued", source_file="x.txt"
    )
    for _ in range(count):
        task = Task.objects.create(plan=plan, ref=str(_n()), content="Nhiệm vụ đo")
        Assignment.objects.create(task=task, agency=w["justice"], role="lead")
    return "supervisor"


def _secret_items(w: dict[str, Any], count: int) -> str:
    from bmnn.registry import services

    for _ in range(count):
        services.register_incoming(
            actor=w["officer"],
            agency=w["justice"],
            level="mat",
            issuer_name="Bộ Tư pháp",
            number=f"{_n()}/BTP",
            doc_date=date(2026, 4, 1),
        )
    return "officer"


def _copy_of_new_item(w: dict[str, Any]) -> Any:
    from bmnn.registry import services

    entry = services.register_incoming(
        actor=w["officer"],
        agency=w["justice"],
        level="mat",
        issuer_name="Bộ Tư pháp",
        number=f"{_n()}/BTP",
        doc_date=date(2026, 4, 1),
    )
    return entry.item.copies.get()


def _transfers(w: dict[str, Any], count: int) -> str:
    from bmnn.registry import services

    for _ in range(count):
        transfer = services.approve_provision(
            actor=w["head"], copy=_copy_of_new_item(w), to_agency=w["health"], purpose="Phối hợp"
        )
        services.hand_over(actor=w["officer"], transfer=transfer)
    return "health_officer"  # transfers awaiting the receiving officer's signature


def _carry_outs(w: dict[str, Any], count: int) -> str:
    from bmnn.registry import services

    for _ in range(count):
        services.request_carry_out(
            actor=w["officer"],
            copy=_copy_of_new_item(w),
            purpose="Họp tại Bộ",
            place="Hà Nội",
            until=timezone.localdate() + timedelta(days=3),
            protection="Cặp khóa",
        )
    return "head"  # requests awaiting the head's decision


def _register_books(w: dict[str, Any], count: int) -> str:
    from bmnn.registry.models import RegisterBook

    for _ in range(count):
        RegisterBook.objects.create(agency=w["justice"], kind="incoming", year=1900 + _n())
    return "officer"


def _scan_findings(w: dict[str, Any], count: int) -> str:
    from bmnn.scanner.models import Finding

    now = timezone.now()
    Finding.objects.bulk_create(
        Finding(
            url=f"https://cong.example.vn/{n}",
            content_hash=f"{n:064d}",
            level="mat",
            first_seen=now,
            last_seen=now,
        )
        for n in (_n() for _ in range(count))
    )
    return "supervisor"


def _portals(w: dict[str, Any], count: int) -> str:
    from bmnn.scanner.models import Portal

    for _ in range(count):
        n = _n()
        Portal.objects.create(
            name=f"Cổng {n}",
            start_urls=f"https://c{n}.example.vn/",
            allowed_hosts=f"c{n}.example.vn",
        )
    return "supervisor"


def _inspection(w: dict[str, Any]) -> Any:
    from bmnn.inspections.models import Inspection, Target

    inspection = Inspection.objects.create(
        title=f"Kiểm tra đo {_n()}",
        year=2026,
        period_from=date(2025, 1, 1),
        period_to=date(2025, 12, 31),
        on_site_from=date(2026, 10, 1),
        on_site_to=date(2026, 10, 5),
        leader=w["inspector"],
        checklist_version="2025",
        created_by=w["supervisor"],
    )
    Target.objects.create(inspection=inspection, agency=w["justice"])
    return inspection


def _inspections(w: dict[str, Any], count: int) -> str:
    for _ in range(count):
        _inspection(w)
    return "supervisor"


def _inspection_findings(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import Finding

    target = _inspection(w).targets.get()
    for _ in range(count):
        Finding.objects.create(
            target=target,
            description=f"Thiếu sổ {_n()}",
            rule="ND26",
            deadline=date(2026, 12, 31),
            created_by=w["inspector"],
        )
    return "supervisor"


def _trainings(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import TrainingSession

    for _ in range(count):
        TrainingSession.objects.create(
            agency=w["justice"],
            kind="training",
            title=f"Tập huấn {_n()}",
            held_on=date(2026, 5, 1),
            created_by=w["officer"],
        )
    return "supervisor"


def _legal_documents(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import LegalDocument

    for _ in range(count):
        LegalDocument.objects.create(
            kind="circular",
            number=f"{_n()}/2026/TT-BCA",
            title="Thông tư đo",
            issuer="Bộ Công an",
            issued_on=date(2026, 1, 1),
            effective_from=date(2026, 3, 1),
        )
    return "supervisor"


def _regulations(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import Regulation

    for _ in range(count):  # one per agency
        agency = Agency.objects.create(
            name=f"Sở Quy chế {_n()}", code=f"reg-{_n()}", type=AgencyType.DEPARTMENT
        )
        Regulation.objects.create(agency=agency, status="drafting", updated_by=w["supervisor"])
    return "supervisor"


def _designations(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import StaffDesignation

    for _ in range(count):
        StaffDesignation.objects.create(
            agency=w["justice"],
            person=w["officer"],
            mode="part_time",
            decision=f"QĐ {_n()}",
            decided_on=date(2026, 1, 5),
            created_by=w["head"],
        )
    return "supervisor"


def _budgets(w: dict[str, Any], count: int) -> str:
    from bmnn.inspections.models import BudgetEstimate

    for _ in range(count):
        BudgetEstimate.objects.create(year=1900 + _n(), created_by=w["supervisor"])
    return "supervisor"


def _devices(w: dict[str, Any], count: int) -> str:
    from bmnn.devices.models import Device

    for _ in range(count):
        Device.objects.create(
            agency=w["justice"], asset_tag=f"STP-{_n()}", kind="computer", connected_to="none"
        )
    return "supervisor"


def _media(w: dict[str, Any], count: int) -> str:
    from bmnn.devices.models import Medium

    for _ in range(count):
        n = _n()
        Medium.objects.create(
            agency=w["justice"],
            label=f"USB {n}",
            kind="usb",
            serial=str(n),
            registered_on=date(2026, 1, 1),
        )
    return "supervisor"


def _lans(w: dict[str, Any], count: int) -> str:
    from bmnn.devices.models import IndependentLan

    for _ in range(count):
        IndependentLan.objects.create(agency=w["justice"], name=f"LAN {_n()}", site="Tầng 2")
    return "supervisor"


def _device_findings(w: dict[str, Any], count: int) -> str:
    from bmnn.devices.models import Device, DeviceFinding, HostReport

    device = Device.objects.create(
        agency=w["justice"], asset_tag=f"STP-{_n()}", kind="computer", connected_to="none"
    )
    report = HostReport.objects.create(
        device=device, uploaded_by=w["officer"], generated_at=timezone.now(), sha256="0" * 64
    )
    for _ in range(count):
        DeviceFinding.objects.create(
            device=device,
            report=report,
            code=f"code_{_n()}",
            severity="high",
            summary="Có kết nối mạng",
        )
    return "supervisor"


def _incidents(w: dict[str, Any], count: int) -> str:
    from bmnn.reports.models import Incident

    for _ in range(count):
        Incident.objects.create(
            agency=w["justice"],
            what=f"Mất tài liệu {_n()}",
            found_at=timezone.now(),
            channel="lost_document",
            reported_by=w["officer"],
        )
    return "supervisor"


def _period(w: dict[str, Any], kind: str = "annual") -> Any:
    from bmnn.reports.models import ReportingPeriod

    n = _n()  # periods of one kind differ by their window
    return ReportingPeriod.objects.create(
        kind=kind,
        year=2026,
        title=f"Báo cáo đo {n}",
        window_start=date(2020, 1, 1) + timedelta(n),
        window_end=date(2026, 12, 31),
        due_on=date(2026, 12, 15),
        created_by=w["supervisor"],
    )


def _periods(w: dict[str, Any], count: int) -> str:
    for _ in range(count):
        _period(w)
    return "supervisor"


def _requests(w: dict[str, Any], count: int) -> str:
    for _ in range(count):
        _period(w, "ad_hoc")
    return "supervisor"


def _submissions(w: dict[str, Any], count: int) -> str:
    from bmnn.reports.models import Submission

    for _ in range(count):
        Submission.objects.create(period=_period(w), agency=w["justice"])
    return "supervisor"


def _province_reports(w: dict[str, Any], count: int) -> str:
    from bmnn.reports.models import ProvinceReport

    for _ in range(count):
        ProvinceReport.objects.create(
            period=_period(w),
            issuer_parent="UBND TỈNH",
            issuer="CÔNG AN TỈNH",
            number=f"{_n()}/BC-CAT",
            place="Bắc Lâm",
            day=date(2026, 12, 20),
            summary="Báo cáo",
            recipients="Bộ Công an",
            signer_title="Giám đốc",
        )
    return "supervisor"


MAKERS: dict[str, Callable[[dict[str, Any], int], str]] = {
    "agency": _agencies,
    "person": _people,
    "plan": _plans,
    "assignment": _assignments,
    "secret-item": _secret_items,
    "transfer": _transfers,
    "carry-out": _carry_outs,
    "register-book": _register_books,
    "finding": _scan_findings,
    "portal": _portals,
    "inspection": _inspections,
    "inspection-finding": _inspection_findings,
    "training": _trainings,
    "legal-document": _legal_documents,
    "regulation": _regulations,
    "designation": _designations,
    "budget": _budgets,
    "device": _devices,
    "medium": _media,
    "independent-lan": _lans,
    "device-finding": _device_findings,
    "incident": _incidents,
    "report-period": _periods,
    "report-request": _requests,
    "report-submission": _submissions,
    "province-report": _province_reports,
}
# API lists measured in test_more_list_query_counts.py (their rows take more setting up), each
# with the test there that measures it
MEASURED_THERE: dict[str, str] = {
    "meeting": "test_the_meetings_api_list_costs_the_same_queries_for_3_and_9_meetings",
}


def _list_endpoints() -> list[str]:
    return sorted(basename for _p, viewset, basename in router.registry if hasattr(viewset, "list"))


def test_every_api_list_has_a_query_count_baseline() -> None:
    assert len(_list_endpoints()) >= 27
    assert set(_list_endpoints()) == set(MAKERS) | set(MEASURED_THERE)
    missing = [name for name in MEASURED_THERE.values() if not hasattr(more_counts, name)]
    assert not missing, missing


def _rows(body: Any) -> int:
    return len(body["results"]) if isinstance(body, dict) else len(body)


def _measure(client: Client, url: str) -> tuple[int, int]:
    client.get(url)  # a first visit may create one-off rows (the audit chain's head)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries), _rows(response.json())


@pytest.mark.parametrize("basename", sorted(MAKERS))
def test_an_api_list_costs_the_same_queries_for_2_and_12_rows(world, basename) -> None:
    make = MAKERS[basename]
    url = reverse(f"api:{basename}-list")
    reader = make(world, 2)
    client = login(Client(), world[reader])
    small, rows_small = _measure(client, url)
    make(world, 10)
    large, rows_large = _measure(client, url)
    assert rows_large - rows_small == 10, (rows_small, rows_large)
    assert large == small, f"{url}: {small} queries for {rows_small} rows, {large} for {rows_large}"


# --- list pages ------------------------------------------------------------------------------


def _groups(w: dict[str, Any], count: int) -> str:
    from bmnn.org.models import AgencyGroup

    for _ in range(count):
        n = _n()
        AgencyGroup.objects.create(
            name=f"Nhóm đo {n}", code=f"group-{n}", agency_types=[AgencyType.DEPARTMENT]
        )
    return "supervisor"


def _audit_events(w: dict[str, Any], count: int) -> str:
    from bmnn.org import services

    for _ in range(count):
        services.update_agency(actor=w["supervisor"], agency=w["health"], phone=f"0{_n()}")
    return "supervisor"


def _notifications(w: dict[str, Any], count: int) -> str:
    from bmnn.core.models import Notification

    for _ in range(count):
        n = _n()
        Notification.objects.create(
            recipient=w["supervisor"], title=f"Thông báo đo {n}", url="/", key=f"measure:{n}"
        )
    return "supervisor"


# The list pages: the URLconf's pages that list rows and take no argument, written out (their
# names follow no single pattern); each with the maker that feeds it and a text every row shows.
# Measured elsewhere: plans:matrix and web:search (grown by agencies in
# web/tests/test_query_counts.py), the homes (web/tests/test_homes.py), and plans:my_tasks,
# registry:expiring, registry:recalls, registry:catalogues, registry:notice_bundles,
# reports:imports and sync:overview (test_more_list_query_counts.py).
PAGES: dict[str, tuple[Callable[[dict[str, Any], int], str], str]] = {
    "org:agency_list": (_agencies, "Sở Đo "),
    "org:person_list": (_people, "Cán bộ Đo "),
    "org:group_list": (_groups, "Nhóm đo "),
    "plans:plan_list": (_plans, "Kế hoạch đo "),
    "registry:item_list": (_secret_items, "/BTP"),
    "registry:transfers": (_transfers, "/BTP"),
    "registry:approvals": (_carry_outs, "/BTP"),
    "registry:books": (_register_books, "Sổ"),
    "scanner:overview": (_scan_findings, "cong.example.vn/"),
    "inspections:list": (_inspections, "Kiểm tra đo "),
    "inspections:training": (_trainings, "Tập huấn "),
    "inspections:library": (_legal_documents, "/2026/TT-BCA"),
    "inspections:readiness": (_regulations, "Sở Quy chế "),
    "inspections:budget": (_budgets, 'data-testid="budget-'),
    "devices:list": (_devices, "STP-"),
    "devices:media": (_media, "USB "),
    "reports:periods": (_periods, "Báo cáo đo "),
    "reports:incidents": (_incidents, "Mất tài liệu "),
    "core:audit_list": (_audit_events, "đã "),
    "core:notifications": (_notifications, "Thông báo đo "),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_list_page_costs_the_same_queries_for_2_and_12_rows(world, name) -> None:
    make, row_text = PAGES[name]
    url = reverse(name)
    reader = make(world, 2)
    client = login(Client(), world[reader])

    def measure() -> tuple[int, int]:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(queries), response.content.decode().count(row_text)

    small, shown_small = measure()
    make(world, 10)
    large, shown_large = measure()
    assert shown_large >= shown_small + 10, (row_text, shown_small, shown_large)
    assert large == small, f"{url}: {small} queries with 2 rows, {large} with 12"
