"""Benchmarks of reporting (issue 8 budgets):
- aggregating 3,000 accepted submissions into the province's figures in under 2 s;
- the province's DOCX for 3,000 agencies in under 10 s;
- an incident reaches every supervisor's open page within 1 s (time from the filing's commit to
  the notice on each of two supervisors' pages, over several filings).

Agencies and submissions are inserted in bulk: what is measured is collecting, adding up and
rendering.
"""

from __future__ import annotations

import io
import statistics
import time

import pytest
from django.utils import timezone

from bmnn.org.models import Agency, Person, Role
from bmnn.reports import aggregate, province, services
from bmnn.reports.figures import KEYS
from bmnn.reports.models import ReportingPeriod, Submission

AGENCIES = 3000


def _province(make_person) -> tuple[ReportingPeriod, Person]:
    police = Agency.objects.create(name="Công an tỉnh", code="cat", type="provincial_police")
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    agencies = Agency.objects.bulk_create(
        Agency(name=f"UBND xã số {n:04d}", code=f"xa-{n:04d}", type="commune")
        for n in range(AGENCIES)
    )
    period = services.create_period(actor=supervisor, kind="annual", year=2026)
    now = timezone.make_aware(timezone.datetime(2026, 12, 10, 9, 0))
    Submission.objects.bulk_create(
        Submission(
            period=period,
            agency=agency,
            state="accepted",
            situation="Thực hiện nghiêm quy chế.",
            proposals="Đề nghị tập huấn." if n % 7 == 0 else "",
            first_sent_at=now,
            accepted_at=now,
            figures={
                key: {"auto": (n + i) % 9, "value": (n + i) % 9, "reason": ""}
                for i, key in enumerate(KEYS)
            },
        )
        for n, agency in enumerate(agencies)
    )
    return period, supervisor


@pytest.mark.django_db
def test_aggregating_3000_submissions_and_the_docx(make_person) -> None:
    period, supervisor = _province(make_person)
    expected_trainings = sum((n + KEYS.index("trainings")) % 9 for n in range(AGENCIES))

    timings = []
    for _ in range(3):
        start = time.perf_counter()
        data = aggregate.build_data(period)
        timings.append(time.perf_counter() - start)
    assert data["accepted"] == AGENCIES and data["totals"]["trainings"] == expected_trainings
    build = statistics.median(timings)

    start = time.perf_counter()
    report = province.build(actor=supervisor, period=period)
    whole = time.perf_counter() - start

    start = time.perf_counter()
    content = province.docx(report)
    docx_seconds = time.perf_counter() - start
    start = time.perf_counter()
    annex = province.xlsx(report)
    xlsx_seconds = time.perf_counter() - start

    import docx

    document = docx.Document(io.BytesIO(content))
    table = next(t for t in document.tables if t.rows[0].cells[1].text == "Cơ quan, đơn vị")
    assert len(table.rows) == AGENCIES + 1
    print(
        f"\naggregate {AGENCIES} submissions: {build * 1000:.0f} ms (median of 3); build action "
        f"{whole * 1000:.0f} ms; DOCX {docx_seconds:.2f} s ({len(content) // 1024} KB); XLSX "
        f"{xlsx_seconds:.2f} s ({len(annex) // 1024} KB)"
    )
    assert build < 2.0 and whole < 2.0
    assert docx_seconds < 10.0


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_incident_notice_reaches_an_open_page_within_a_second(
    browser, live_server, make_agency, make_person
) -> None:
    from django.test import Client
    from playwright.sync_api import expect

    from bmnn.testing import login

    police = make_agency("Công an tỉnh", type="provincial_police")
    justice = make_agency("Sở Tư pháp")
    supervisors = [
        make_person(police, Role.SUPERVISOR, name) for name in ("Lê Thị Giám Sát", "Đỗ Văn Trực")
    ]
    staff = make_person(justice, Role.STAFF, "Vũ Đức Hiếu")
    contexts, pages = [], []
    for supervisor in supervisors:
        client = login(Client(), supervisor)
        context = browser.new_context(locale="vi-VN")
        cookie = client.cookies["sessionid"].value
        context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
        page = context.new_page()
        page.goto(f"{live_server.url}/")
        contexts.append(context)
        pages.append(page)
    pages[-1].wait_for_timeout(1000)  # the pages have polled once and know the newest notice
    # each page notes when each notice is added (Playwright's own polling would add its backoff)
    for page in pages:
        page.evaluate("""() => { window.seen = []; new MutationObserver(() => {
            document.querySelectorAll('[data-testid=live-notification]').forEach((n, i) => {
                if (window.seen[i] === undefined) { window.seen[i] = Date.now(); } });
        }).observe(document.body, { childList: true, subtree: true }); }""")
    delays = []
    for n in range(10):
        services.report_incident(
            actor=staff,
            agency=justice,
            what=f"Vụ thử {n}",
            channel="other",
            found_at=timezone.now(),
        )
        committed = time.time() * 1000
        for page in pages:
            expect(page.get_by_test_id("live-notification").nth(n)).to_be_attached(timeout=3000)
            delays.append((page.evaluate(f"window.seen[{n}]") - committed) / 1000)
        pages[0].wait_for_timeout(137 * (n % 5))  # spread the filings over the polling cycle
    for context in contexts:
        context.close()
    delays.sort()
    print(
        f"\nincident notice on {len(pages)} open pages: median "
        f"{statistics.median(delays) * 1000:.0f} ms, worst {delays[-1] * 1000:.0f} ms over "
        f"{len(delays) // len(pages)} filings"
    )
    assert delays[-1] < 1.0
