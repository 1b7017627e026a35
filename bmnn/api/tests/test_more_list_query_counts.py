"""Query-count baselines of the list pages `test_list_query_counts` does not measure yet, and of
the meetings API list: each costs the same number of queries with 9 rows as with 3 (no N+1).

As there, each maker adds `count` rows to one list and names who reads it, and the rows shown
are counted too, so a maker that fed nothing (or another list) fails rather than measure an
empty page. Rows are made through the services where the page's query depends on what they
set (the registry's items, recalls and meetings), and written directly otherwise.
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

from bmnn.core import bundles
from bmnn.org.models import Agency, AgencyType, Membership, Role
from bmnn.registry import services as registry
from bmnn.registry.models import Catalogue, CatalogueItem, SecretItem
from bmnn.testing import login

pytestmark = pytest.mark.django_db

SMALL, ADDED = 3, 6  # measured with 3 rows, then with 3 × 3

_serial = itertools.count(1)


def _n() -> int:
    return next(_serial)


@pytest.fixture
def world(province) -> dict[str, Any]:
    cast = province(
        "health supervisor head officer health_head health_officer", clearance="tuyet_mat"
    )
    catalogue = Catalogue.objects.create(
        sector="Tư pháp", decision="Quyết định số 1/QĐ-TTg (đo)", issued_on=date(2020, 1, 1)
    )
    return cast | {
        "cat_mat": CatalogueItem.objects.create(
            catalogue=catalogue, code="1", text="Hồ sơ đo", level="mat"
        ),
        "cat_toi_mat": CatalogueItem.objects.create(
            catalogue=catalogue, code="2", text="Phương án đo", level="toi_mat"
        ),
    }


# --- makers ------------------------------------------------------------------------------------


def _my_tasks(w: dict[str, Any], count: int) -> str:
    """Sở Tư pháp's assignments, each in a plan of its own, due on different days."""
    from bmnn.plans.models import Assignment, Plan, Task

    for _ in range(count):
        n = _n()
        plan = Plan.objects.create(
            title=f"Kế hoạch đo {n}", number=f"{n}/KH-UBND", status="issued", source_file="x.txt"
        )
        task = Task.objects.create(
            plan=plan,
            ref=str(n),
            content=f"Nhiệm vụ đo số {n}",
            timing_kind="date",
            due_date=date(2026, 1, 1) + timedelta(days=n),
        )
        Assignment.objects.create(task=task, agency=w["justice"], role="lead")
    return "officer"


def _classified(w: dict[str, Any], *, kind: str = "document", level: str = "mat") -> SecretItem:
    item = registry.propose_item(
        actor=w["officer"],
        agency=w["justice"],
        level=level,
        kind=kind,
        catalogue_item=w[f"cat_{level}"],
        doc_type="Công văn",
        summary="Về phương án đo",
        recipients="- Sở Y tế;\n- Bộ Tư pháp;\n- Lưu: VT.",
        copies_planned=1,
    )
    return registry.classify_item(
        actor=w["head"],
        item=item,
        number=f"{_n()}/CV-STP" if kind == "document" else "",
        doc_date=timezone.localdate() - timedelta(days=30),
    )


def _expiring(w: dict[str, Any], count: int) -> str:
    """Classified items whose protection ends within the next 90 days."""
    today = timezone.localdate()
    for _ in range(count):
        item = _classified(w)
        SecretItem.objects.filter(pk=item.pk).update(
            protected_until=today + timedelta(days=10 + _n() % 60)
        )
    return "head"


def _recalled(w: dict[str, Any]) -> None:
    """An item sent to Sở Y tế and Bộ Tư pháp, its copy handed to Sở Y tế and signed for there,
    then recalled: one open recall for the sender, one return owed by Sở Y tế."""
    item = _classified(w)
    registry.register_outgoing(
        actor=w["officer"], item=item, day=timezone.localdate() - timedelta(days=20)
    )
    transfer = registry.approve_provision(
        actor=w["head"], copy=item.copies.get(number=1), to_agency=w["health"], purpose="Phối hợp"
    )
    registry.hand_over(actor=w["officer"], transfer=transfer)
    registry.receive_transfer(actor=w["health_officer"], transfer=transfer)
    registry.decide_recall(
        actor=w["head"],
        item=item,
        return_by=timezone.localdate() + timedelta(days=10),
        reason="Tài liệu đã sửa đổi",
    )


def _recalls(w: dict[str, Any], count: int) -> str:
    for _ in range(count):
        _recalled(w)
    return "head"  # the sender's head: the open recalls


def _returns_owed(w: dict[str, Any], count: int) -> str:
    for _ in range(count):
        _recalled(w)
    return "health_officer"  # the receiver: the returns it owes


def _catalogues(w: dict[str, Any], count: int) -> str:
    """Catalogues each replacing the one before, each with entries."""
    previous = Catalogue.objects.order_by("-pk").first()
    for _ in range(count):
        n = _n()
        catalogue = Catalogue.objects.create(
            sector=f"Lĩnh vực {n}",
            decision=f"Quyết định số {n}/QĐ-TTg danh mục đo",
            issued_on=date(2021, 1, 1),
            replaces=previous,
        )
        for code in ("1", "2"):
            CatalogueItem.objects.create(
                catalogue=catalogue, code=code, text=f"Mục {code}", level="mat"
            )
        previous = catalogue
    return "supervisor"


def _kept_agencies(w: dict[str, Any], count: int) -> str:
    """Agencies whose registers one officer keeps: the agencies the notices page offers."""
    for _ in range(count):
        n = _n()
        agency = Agency.objects.create(
            name=f"Sở Thông báo {n}", code=f"notice-{n}", type=AgencyType.DEPARTMENT
        )
        Membership.objects.create(person=w["officer"], agency=agency, role=Role.SECURITY_OFFICER)
    return "officer"


def _imported_reports(w: dict[str, Any], count: int) -> str:
    from bmnn.reports.models import ImportedReport

    for _ in range(count):
        n = _n()
        ImportedReport.objects.create(
            period_kind="annual",
            window_start=date(2025, 12, 15),
            window_end=date(2026, 12, 14),
            issuer=f"Công an tỉnh Đo {n}",
            key_id=f"{n:016x}",
            bundle_sha256=f"{n:064x}",
            signed_at="2026-12-20T03:00:00+00:00",
            payload={"period": {"title": "Báo cáo năm 2026"}, "report": {"totals": {}}},
        )
    return "supervisor"


def _peers(w: dict[str, Any], count: int) -> str:
    """Trusted nodes, each with bundles sent, imported and held."""
    from bmnn.sync.models import Inbound, Outbound, Peer

    for _ in range(count):
        n = _n()
        _private, public = bundles.generate_key()
        peer = Peer.objects.create(
            name=f"Nút đo {n}",
            role="agency",
            key_id=bundles.key_id(public),
            public_key=bundles.public_key_text(public),
        )
        for seq in (1, 2):
            Outbound.objects.create(
                peer=peer, seq=seq, sha256="0" * 64, size=10, file=f"out-{n}-{seq}.bmnn"
            )
        for seq, state in ((1, "imported"), (2, "imported"), (3, "held")):
            Inbound.objects.create(
                peer=peer,
                seq=seq,
                state=state,
                created_at="2026-12-01T00:00:00+00:00",
                sha256="0" * 64,
                size=10,
            )
    return "supervisor"


def _meetings(w: dict[str, Any], count: int) -> str:
    """Meetings of Sở Tư pháp planned and awaiting its head's consent."""
    today = timezone.localdate()
    for _ in range(count):
        registry.plan_meeting(
            actor=w["officer"],
            item=_classified(w, kind="meeting", level="toi_mat"),
            starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=7),
            venue=f"Phòng họp đo {_n()}, trụ sở Sở Tư pháp",
            protection_plan="Phòng kín, micro có dây",
            participants="Trần Văn Định — Giám đốc\nNguyễn Thị Hoa — cán bộ bảo mật",
        )
    return "head"


# --- measuring ---------------------------------------------------------------------------------


def _measure(client: Client, url: str, shown: Callable[[Any], int]) -> tuple[int, int]:
    client.get(url)  # a first visit may create one-off rows (the audit chain's head)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(queries), shown(response)


def _baseline(world: dict[str, Any], make: Callable[..., str], url: str, shown: Any) -> None:
    reader = make(world, SMALL)
    client = login(Client(), world[reader])
    small, rows_small = _measure(client, url, shown)
    make(world, ADDED)
    large, rows_large = _measure(client, url, shown)
    assert rows_small >= SMALL and rows_large - rows_small == ADDED, (rows_small, rows_large)
    assert large == small, f"{url}: {small} queries for {rows_small} rows, {large} for {rows_large}"


def _text(row_text: str, per_row: int = 1) -> Callable[[Any], int]:
    return lambda response: response.content.decode().count(row_text) // per_row


# page name → (maker, the text each row shows, how many times a row shows it)
PAGES: dict[str, tuple[Callable[[dict[str, Any], int], str], str, int]] = {
    "plans:my_tasks": (_my_tasks, "Nhiệm vụ đo số ", 1),
    "registry:expiring": (_expiring, "/CV-STP</a>", 1),
    "registry:catalogues": (_catalogues, "danh mục đo</a>", 1),
    # each agency is offered twice: in the export form and in the import form
    "registry:notice_bundles": (_kept_agencies, "Sở Thông báo ", 2),
    "reports:imports": (_imported_reports, "Công an tỉnh Đo ", 1),
    "sync:overview": (_peers, "Nút đo ", 1),
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_list_page_costs_the_same_queries_for_3_and_9_rows(world, name) -> None:
    make, row_text, per_row = PAGES[name]
    _baseline(world, make, reverse(name), _text(row_text, per_row))


@pytest.mark.parametrize(
    ("make", "table"), [(_recalls, "open-recalls"), (_returns_owed, "owed-returns")]
)
def test_the_recalls_page_costs_the_same_queries_for_3_and_9_recalls(world, make, table) -> None:
    """Both of its lists: the sender's open recalls and the returns a receiver owes."""

    def shown(response: Any) -> int:
        html = response.content.decode()
        start = html.index(f'data-testid="{table}"')
        body = html[start : html.index("</table>", start)]
        return body.count('href="/registry/items/')

    _baseline(world, make, reverse("registry:recalls"), shown)


def test_the_meetings_api_list_costs_the_same_queries_for_3_and_9_meetings(world) -> None:
    _baseline(world, _meetings, reverse("api:meeting-list"), lambda response: len(response.json()))
