"""BMNN_REPORT_LEAD_DAYS sets the agencies' deadline of a new period, and so the days they are
reminded on (README, configuration table)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bmnn.core.models import Notification
from bmnn.org.models import AgencyType, Role
from bmnn.reports import services
from bmnn.reports.reminders import send_reminders

pytestmark = pytest.mark.django_db

STATUTORY = date(2026, 12, 20)  # Decree 26/2020 Art. 8: the annual report reaches the ministry
LEADS = (5, 10)


@pytest.mark.parametrize("lead", LEADS)
def test_the_lead_days_decide_the_deadline_and_the_day_agencies_are_reminded(
    make_agency, make_person, settings, lead: int
) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát")
    finance = make_agency("Sở Tài chính")
    officer = make_person(finance, Role.SECURITY_OFFICER, "Hà Thị Thu")
    settings.BMNN_REPORT_LEAD_DAYS = lead

    period = services.create_period(actor=supervisor, kind="annual", year=2026)

    assert period.statutory_due_on == STATUTORY
    assert period.due_on == STATUTORY - timedelta(days=lead)
    # a week before the other setting's deadline is no reminder day under this one
    for other in set(LEADS) - {lead}:
        assert send_reminders(STATUTORY - timedelta(days=other + 7))["notified"] == 0
    assert send_reminders(STATUTORY - timedelta(days=lead + 7))["notified"] == 1
    assert Notification.objects.filter(
        recipient=officer, key=f"report-remind-{period.pk}-{finance.pk}-d-7"
    ).exists()


def test_the_quarterly_deadline_follows_the_window_by_the_lead_days(
    make_agency, make_person, settings
) -> None:
    supervisor = make_person(
        make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE), Role.SUPERVISOR
    )
    settings.BMNN_REPORT_LEAD_DAYS = 12
    period = services.create_period(actor=supervisor, kind="quarterly", year=2026, part=2)
    assert (period.window_end, period.due_on) == (date(2026, 6, 30), date(2026, 7, 12))
