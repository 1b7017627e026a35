"""Benchmarks of the registry (issue 4 budgets):
- one year's outgoing book of 20,000 entries as PDF in under 20 s;
- with 1,000,000 register entries on PostgreSQL, the filtered, searched register list renders
  in under 150 ms at p95 with a constant number of queries.

Data is inserted in bulk (with SQL on PostgreSQL), not through the services: what is measured
is reading and rendering.
"""

from __future__ import annotations

import statistics
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bmnn.org.models import Agency, Role
from bmnn.registry import books
from bmnn.registry.models import RegisterBook, RegisterEntry, SecretItem
from bmnn.testing import login

LEVELS = ["mat", "toi_mat", "mat", "mat", "tuyet_mat"]


def _outgoing_entries(agency: Agency, person, count: int) -> RegisterBook:
    book = RegisterBook.objects.create(
        agency=agency, kind="outgoing", year=2026, volume=1, last_seq=count
    )
    items = SecretItem.objects.bulk_create(
        SecretItem(
            agency=agency,
            origin="created",
            level=LEVELS[n % 5],
            status="classified",
            number=f"{n}/CV-STP",
            doc_type="Công văn",
            doc_date=date(2026, 1, 1) + timedelta(days=n % 365),
            summary=f"Về việc thực hiện nhiệm vụ bảo vệ bí mật nhà nước số {n}",
        )
        for n in range(1, count + 1)
    )
    RegisterEntry.objects.bulk_create(
        RegisterEntry(
            book=book,
            agency=agency,
            kind="outgoing",
            year=2026,
            seq=n,
            item=item,
            entered_on=item.doc_date,
            created_by=person,
            columns={
                "seq": n,
                "number": item.number,
                "date": item.doc_date.strftime("%d/%m/%Y"),
                "type_summary": f"Công văn {item.summary}"
                if item.level != "tuyet_mat"
                else "Công văn",
                "level": item.level,
                "signer": "Trần Văn Định",
                "recipients": "Công an tỉnh; Sở Nội vụ; Lưu: VT",
                "keeping_unit": "Văn phòng Sở",
                "copies": 3,
                "note": "",
            },
        )
        for n, item in enumerate(items, start=1)
    )
    return book


@pytest.mark.django_db
def test_pdf_of_a_20000_entry_outgoing_book(make_agency, make_person, capsys) -> None:
    agency = make_agency("Sở Tư pháp")
    person = make_person(agency, Role.SECURITY_OFFICER)
    book = _outgoing_entries(agency, person, 20_000)
    entries = list(RegisterEntry.objects.filter(book=book).select_related("item").order_by("seq"))
    start = time.perf_counter()
    data, _type = books.export(book, entries, "pdf")
    elapsed = time.perf_counter() - start
    import pypdfium2 as pdfium

    pages = len(pdfium.PdfDocument(data))
    with capsys.disabled():
        print(
            f"\nPDF outgoing book, 20,000 entries: {elapsed:.1f} s, {pages} pages, {len(data) // 1024} KiB"
        )
    assert elapsed < 20


def _insert(agency: Agency, other: Agency, person, first: int, last: int) -> None:
    """Items first..last and their register entries: nine in ten in the measured agency."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO registry_secretitem (agency_id, origin, kind, level, status, number, doc_type,
                doc_date, summary, issuer_name, signer, recipients, copies_planned, copy_allowed,
                search_text, created_at)
            SELECT CASE WHEN n %% 10 = 0 THEN %s ELSE %s END, 'received', 'document',
                   (ARRAY['mat','toi_mat','mat','mat','tuyet_mat'])[1 + n %% 5], 'classified',
                   n || '/CV-' || (n %% 97), 'Công văn', DATE '2020-01-01' + (n %% 2500),
                   'Về việc phối hợp công tác số ' || n, 'Bộ Tư pháp', '', '', 1, false,
                   'so ' || n || '/cv-' || (n %% 97) || ' cong van ve viec phoi hop cong tac so ' || n,
                   now() - (n || ' seconds')::interval
            FROM generate_series(%s, %s) AS n
            """,
            [other.pk, agency.pk, first, last],
        )
        cursor.execute(
            """
            INSERT INTO registry_registerbook (agency_id, kind, year, volume, last_seq)
            SELECT a, 'incoming', 2026, 1, 0 FROM unnest(ARRAY[%s, %s]) AS a
            ON CONFLICT DO NOTHING
            """,
            [agency.pk, other.pk],
        )
        cursor.execute(
            """
            INSERT INTO registry_registerentry (book_id, agency_id, kind, year, seq, item_id,
                entered_on, columns, created_by_id, created_at)
            SELECT b.id, i.agency_id, 'incoming', 2026, i.id, i.id, i.doc_date, '{}'::jsonb, %s, now()
            FROM registry_secretitem i JOIN registry_registerbook b ON b.agency_id = i.agency_id
            WHERE NOT EXISTS (SELECT 1 FROM registry_registerentry e WHERE e.item_id = i.id)
            """,
            [person.pk],
        )
        cursor.execute("ANALYZE registry_secretitem; ANALYZE registry_registerentry;")


@pytest.mark.django_db
def test_register_list_with_a_million_entries(make_agency, make_person, capsys) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "the 1,000,000-entry budget is for PostgreSQL: DATABASE_URL=postgres://… ./dev bench"
        )
    agency = make_agency("Sở Tư pháp")
    other = make_agency("Sở Y tế")
    officer = make_person(agency, Role.SECURITY_OFFICER, clearance="toi_mat")
    client = login(Client(), officer)
    url = reverse("registry:item_list")
    cases = {
        "searched": {"q": "cong tac so 1235"},
        "filtered and searched": {
            "q": "phoi hop cong tac so 1235",
            "level": "mat",
            "since": "01/01/2021",
        },
        "filtered only (level)": {"level": "toi_mat"},
        "first page, no filter": {},
    }
    _insert(agency, other, officer, 1, 2000)
    small = {}
    for name, params in cases.items():
        client.get(url, params)  # warm-up: the first audited read creates the chain's head
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        small[name] = len(queries)
    _insert(agency, other, officer, 2001, 1_000_000)
    results = {}
    for name, params in cases.items():
        client.get(url, params)
        timings = []
        for _ in range(20):
            start = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        timings.sort()
        results[name] = (statistics.median(timings), timings[18], len(queries))
    with capsys.disabled():
        print(
            f"\nregister list, {SecretItem.objects.count():,} items / {RegisterEntry.objects.count():,} entries"
        )
        for name, (p50, p95, count) in results.items():
            print(
                f"  {name:<24} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {count} queries (2,000 items: {small[name]})"
            )
    for name, (_p50, _p95, count) in results.items():
        assert count == small[name], name
    assert results["filtered and searched"][1] < 150
