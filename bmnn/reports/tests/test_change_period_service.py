"""`change_period`: a province supervisor moves the agencies' deadline, or closes and reopens a
reporting period. Each change is saved with one audit event naming the old and new values; a
change that changes nothing logs nothing; a refusal (another role, a deadline before the data
window, an unknown status) saves nothing and logs nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent, Notification
from bmnn.core.services import NotAllowed
from bmnn.org.models import Role
from bmnn.reports import services
from bmnn.reports.models import ReportingPeriod
from bmnn.reports.reminders import send_reminders

pytestmark = pytest.mark.django_db

# the annual period of 2026 by the statutory calendar (test_reporting checks these dates)
WINDOW_START, DUE = date(2025, 12, 15), date(2026, 12, 15)


@pytest.fixture
def people(province):
    return province(
        "supervisor head officer",
        second_supervisor=("police", Role.SUPERVISOR, "Đặng Văn Phúc"),
    )


@pytest.fixture
def period(people) -> ReportingPeriod:
    opened = services.create_period(actor=people["supervisor"], kind="annual", year=2026)
    assert (opened.window_start, opened.due_on) == (WINDOW_START, DUE)
    return opened


def _changes(period: ReportingPeriod) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(action="report.period_change", object_id=str(period.pk)).order_by(
            "seq"
        )
    )


def test_a_supervisor_moves_the_deadline(people, period) -> None:
    moved = services.change_period(
        actor=people["second_supervisor"], period=period, due_on=date(2026, 12, 18)
    )
    assert moved.due_on == date(2026, 12, 18)
    period.refresh_from_db()
    assert period.due_on == date(2026, 12, 18) and period.status == ReportingPeriod.Status.OPEN
    [event] = _changes(period)
    assert event.actor_id == people["second_supervisor"].pk
    assert event.object_type == "reports.reportingperiod"
    assert event.changes == {"due_on": ["2026-12-15", "2026-12-18"]}


def test_the_reminders_follow_the_moved_deadline(people, period) -> None:
    """The daily reminders read the stored deadline: a week before the new one the officer is
    told, a week before the old one nobody is."""
    services.change_period(actor=people["supervisor"], period=period, due_on=date(2026, 12, 18))
    assert send_reminders(date(2026, 12, 8))["notified"] == 0  # seven days before the old date
    assert send_reminders(date(2026, 12, 11)) == {"periods": 1, "notified": 2}
    assert set(
        Notification.objects.filter(key__startswith=f"report-remind-{period.pk}-").values_list(
            "recipient_id", "key"
        )
    ) == {
        (people["head"].pk, f"report-remind-{period.pk}-{people['justice'].pk}-d-7"),
        (people["officer"].pk, f"report-remind-{period.pk}-{people['justice'].pk}-d-7"),
    }


def test_a_supervisor_closes_and_reopens_the_period(people, period) -> None:
    services.change_period(actor=people["supervisor"], period=period, status="closed")
    period.refresh_from_db()
    assert period.status == ReportingPeriod.Status.CLOSED
    # a closed period takes no new report and sends no reminder
    with pytest.raises(ValidationError):
        services.start_submission(actor=people["officer"], period=period, agency=people["justice"])
    assert send_reminders(date(2026, 12, 8)) == {"periods": 0, "notified": 0}

    services.change_period(actor=people["supervisor"], period=period, status="open")
    period.refresh_from_db()
    assert period.status == ReportingPeriod.Status.OPEN
    assert services.start_submission(
        actor=people["officer"], period=period, agency=people["justice"]
    ).pk
    assert [e.changes for e in _changes(period)] == [
        {"status": ["open", "closed"]},
        {"status": ["closed", "open"]},
    ]


def test_both_changes_at_once_are_one_event(people, period) -> None:
    services.change_period(
        actor=people["supervisor"], period=period, due_on=date(2026, 12, 10), status="closed"
    )
    period.refresh_from_db()
    assert (period.due_on, period.status) == (date(2026, 12, 10), "closed")
    [event] = _changes(period)
    assert event.changes == {
        "due_on": ["2026-12-15", "2026-12-10"],
        "status": ["open", "closed"],
    }


def test_a_change_to_the_same_values_is_not_logged(people, period) -> None:
    services.change_period(actor=people["supervisor"], period=period, due_on=DUE, status="open")
    services.change_period(actor=people["supervisor"], period=period)
    assert _changes(period) == []
    period.refresh_from_db()
    assert (period.due_on, period.status) == (DUE, "open")


@pytest.mark.parametrize("who", ["head", "officer"])
def test_only_a_supervisor_changes_a_period(people, period, who) -> None:
    with pytest.raises(NotAllowed):
        services.change_period(actor=people[who], period=period, due_on=date(2026, 12, 31))
    with pytest.raises(NotAllowed):
        services.change_period(actor=people[who], period=period, status="closed")
    period.refresh_from_db()
    assert (period.due_on, period.status) == (DUE, "open")
    assert _changes(period) == []


def test_a_deadline_before_the_data_window_is_refused(people, period) -> None:
    with pytest.raises(ValidationError) as refused:
        services.change_period(actor=people["supervisor"], period=period, due_on=date(2025, 12, 1))
    assert set(refused.value.message_dict) == {"due_on"}
    period.refresh_from_db()
    assert period.due_on == DUE
    assert _changes(period) == []


def test_an_unknown_status_is_refused_and_the_deadline_given_with_it_is_not_saved(
    people, period
) -> None:
    """The refusal comes after the deadline was checked and set on the row: the whole change is
    refused, not half of it."""
    with pytest.raises(ValidationError) as refused:
        services.change_period(
            actor=people["supervisor"], period=period, due_on=date(2026, 12, 18), status="paused"
        )
    assert set(refused.value.message_dict) == {"status"}
    period.refresh_from_db()
    assert (period.due_on, period.status) == (DUE, "open")
    assert _changes(period) == []


def test_the_service_changes_the_stored_row_not_the_callers_copy(people, period) -> None:
    """A caller's copy read before someone else's change: the service reads the row again, so
    the other supervisor's deadline is kept and the log shows the stored value as the old one."""
    stale = ReportingPeriod.objects.get(pk=period.pk)
    services.change_period(
        actor=people["second_supervisor"], period=period, due_on=date(2026, 12, 18)
    )
    services.change_period(actor=people["supervisor"], period=stale, status="closed")
    period.refresh_from_db()
    assert (period.due_on, period.status) == (date(2026, 12, 18), "closed")
    assert _changes(period)[-1].changes == {"status": ["open", "closed"]}
