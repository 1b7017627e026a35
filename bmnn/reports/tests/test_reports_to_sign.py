"""The head's approvals page lists the reports waiting for the head's signature, the same ones
(and the same number) as the head's home."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from bmnn.org.models import AgencyType, Role
from bmnn.reports.models import ReportingPeriod, Submission
from bmnn.web import homes

pytestmark = pytest.mark.django_db


def _period(supervisor, title: str) -> ReportingPeriod:
    today = timezone.localdate()
    return ReportingPeriod.objects.create(
        kind="ad_hoc",
        year=today.year,
        title=title,
        window_start=date(today.year, 1, 1),
        window_end=today,
        due_on=today + timedelta(days=10),
        status="open",
        created_by=supervisor,
    )


@pytest.fixture
def province(make_agency, make_person):
    justice = make_agency("Sở Tư pháp")
    health = make_agency("Sở Y tế")
    supervisor = make_person(make_agency(type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR)
    head = make_person(justice, Role.HEAD, clearance="tuyet_mat")
    first = _period(supervisor, "Báo cáo đột xuất về thiết bị")
    second = _period(supervisor, "Báo cáo đột xuất về hội nghị")
    third = _period(supervisor, "Báo cáo đột xuất về sao chụp")
    Submission.objects.create(period=first, agency=justice, state="submitted")
    Submission.objects.create(period=second, agency=justice, state="submitted")
    # neither waits for this head: a draft, and another agency's submitted report
    Submission.objects.create(period=third, agency=justice, state="draft")
    Submission.objects.create(period=first, agency=health, state="submitted")
    return {"head": head, "justice": justice, "health": health, "periods": [first, second, third]}


def test_the_approvals_page_links_each_report_waiting_for_the_heads_signature(
    province, client_for
) -> None:
    first, second, _draft = province["periods"]
    justice, health = province["justice"], province["health"]

    page = client_for(province["head"]).get(reverse("registry:approvals")).content.decode()
    table = page[page.index('data-testid="reports-to-sign"') :]
    table = table[: table.index("</table>")]

    assert "Báo cáo đột xuất về thiết bị" in table and "Báo cáo đột xuất về hội nghị" in table
    assert reverse("reports:submission", args=[first.pk, justice.pk]) in table
    assert reverse("reports:submission", args=[second.pk, justice.pk]) in table
    assert "Báo cáo đột xuất về sao chụp" not in table  # a draft is not signed yet
    assert reverse("reports:submission", args=[first.pk, health.pk]) not in table


def test_the_approvals_page_and_the_home_count_the_same_reports_to_sign(
    province, client_for
) -> None:
    head = province["head"]
    page = client_for(head).get(reverse("registry:approvals")).content.decode()
    counted = page.split('data-testid="to-sign-count">', 1)[1].split("<", 1)[0]

    section = homes.reports_to_sign(head)
    assert int(counted) == section.count == 2
    assert section.url == reverse("registry:approvals")  # the home's section leads to this page


def test_someone_who_heads_no_agency_has_no_report_to_sign_on_the_approvals_page(
    province, make_person, client_for
) -> None:
    officer = make_person(province["justice"], Role.SECURITY_OFFICER, clearance="toi_mat")
    page = client_for(officer).get(reverse("registry:approvals")).content.decode()
    table = page[page.index('data-testid="reports-to-sign"') :]
    assert "Báo cáo đột xuất về thiết bị" not in table[: table.index("</table>")]
