"""Reminders before a due date and notices when overdue: the right people, once."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.management import call_command

from bmnn.core import schedule
from bmnn.core.models import AuditEvent, Notification, ScheduleRun
from bmnn.org.models import AgencyType, Role
from bmnn.plans import services
from bmnn.plans.reminders import send_reminders
from bmnn.plans.tests.builders import task

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(make_agency, make_person, settings):
    settings.BMNN_REMINDER_DAYS = [7, 1]
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice = make_agency("Sở Tư pháp")
    supervisor = make_person(police, Role.SUPERVISOR)
    officer = make_person(justice, Role.SECURITY_OFFICER)
    staff = make_person(justice, Role.STAFF)
    plan = services.create_plan(
        actor=supervisor,
        header={"title": "Kế hoạch"},
        tasks=[
            task("1", "Việc có hạn", ("Sở Tư pháp", justice.pk), date(2026, 6, 30)),
            task("2", "Việc thường xuyên", ("Sở Tư pháp", justice.pk)),
        ],
    )
    services.issue_plan(actor=supervisor, plan=plan)
    Notification.objects.all().delete()
    return {"officer": officer, "staff": staff}


def _titles(person):
    return sorted(Notification.objects.filter(recipient=person).values_list("title", flat=True))


def test_officer_is_reminded_a_week_before_and_nobody_twice(setup) -> None:
    send_reminders(today=date(2026, 6, 23))
    send_reminders(today=date(2026, 6, 23))
    send_reminders(today=date(2026, 6, 25))  # same 7-day window: no repeat
    # task 2 is continuous: its quarter (Q2) also ends on 30/06 and nothing was reported for it
    assert _titles(setup["officer"]) == [
        "Nhiệm vụ 1 đến hạn ngày 30/06/2026",
        "Nhiệm vụ 2 đến hạn ngày 30/06/2026",
    ]
    assert _titles(setup["staff"]) == []  # heads and security officers answer for the agency


def test_the_last_day_reminder_and_the_overdue_notice(setup) -> None:
    send_reminders(today=date(2026, 6, 29))
    send_reminders(today=date(2026, 7, 1))
    titles = _titles(setup["officer"])
    assert "Nhiệm vụ 1 đến hạn ngày 30/06/2026" in titles
    assert "Nhiệm vụ 1 đã quá hạn (hạn 30/06/2026)" in titles
    assert AuditEvent.objects.filter(action="plan.reminders").exists()


def test_continuous_work_is_reminded_until_checked_in_for_the_period(setup, time_machine) -> None:
    from zoneinfo import ZoneInfo

    from bmnn.plans.models import Assignment

    hanoi = ZoneInfo("Asia/Ho_Chi_Minh")
    time_machine.move_to(datetime(2026, 9, 28, 9, 0, tzinfo=hanoi), tick=False)
    send_reminders()  # Q3 ends on 30/09: inside the 7-day window
    assert "Nhiệm vụ 2 đến hạn ngày 30/09/2026" in _titles(setup["officer"])
    Notification.objects.all().delete()
    assignment = Assignment.objects.get(task__ref="2")
    update = services.post_progress(
        actor=setup["officer"], assignment=assignment, status="in_progress", note="Quý III"
    )
    assert update.period == "2026-Q3"
    # the next day opens the last-day window, which would remind anew without the check-in
    time_machine.move_to(datetime(2026, 9, 29, 9, 0, tzinfo=hanoi), tick=False)
    send_reminders()
    titles = _titles(setup["officer"])
    assert "Nhiệm vụ 1 đã quá hạn (hạn 30/06/2026)" in titles  # the run did send notices
    assert not any(t.startswith("Nhiệm vụ 2") for t in titles)


def test_the_command_runs_the_same_function(setup, capsys) -> None:
    call_command("plan_reminders", date="2026-07-02")
    assert "overdue" in capsys.readouterr().out
    assert "Nhiệm vụ 1 đã quá hạn (hạn 30/06/2026)" in _titles(setup["officer"])


def test_the_scheduler_enqueues_the_daily_run_once_a_day(setup) -> None:
    from datetime import datetime

    from django.utils import timezone

    morning = timezone.make_aware(datetime(2026, 6, 23, 7, 30))
    # all six morning jobs run at once here (immediate backend; the backup does nothing
    # without BMNN_BACKUP_DIR)
    jobs = "plan-reminders registry-expiry registry-recalls portal-scans report-reminders backup"
    assert schedule.enqueue_due(morning) == jobs.split()
    assert schedule.enqueue_due(morning) == []
    assert ScheduleRun.objects.count() == 6
    dawn = timezone.make_aware(datetime(2026, 6, 24, 6, 0))
    # 01:00 and 02:00 have passed; 07:00, 06:30 and 06:40 not yet
    assert schedule.enqueue_due(dawn) == ["portal-scans", "backup"]
