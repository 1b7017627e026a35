"""`refill_figures`: the agency's head or security officer fills a draft's figures again from
BMNN's records. Records added since the draft was started are counted (those of the agency and
the period's window only), a corrected figure keeps its value and reason with the new record
value beside it, the revision moves on and one audit event is written. Anyone else, and a
report no longer editable, is refused with the figures as they were and nothing logged."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent
from bmnn.core.services import NotAllowed
from bmnn.inspections.models import TrainingSession
from bmnn.org.models import Agency, Person
from bmnn.reports import services
from bmnn.reports.models import Incident, Submission

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
STARTED = datetime(2026, 6, 1, 9, 0, tzinfo=HANOI)
REFILLED = datetime(2026, 6, 2, 14, 30, tzinfo=HANOI)
REASON = "Một buổi tập huấn của chi bộ chưa nhập vào BMNN"


@pytest.fixture
def people(province):
    return province("health", "supervisor", "head", "officer", "staff", "health_officer")


def _training(agency: Agency, author: Person, held_on: date) -> None:
    TrainingSession.objects.create(
        agency=agency, kind="training", title="Tập huấn", held_on=held_on, created_by=author
    )


def _incident(agency: Agency, author: Person, found_at: datetime) -> None:
    Incident.objects.create(
        agency=agency, what="Mất tài liệu", found_at=found_at, channel="other", reported_by=author
    )


@pytest.fixture
def draft(people, time_machine) -> Submission:
    """Sở Tư pháp's draft of the 2026 annual report (data window 15/12/2025 – 14/12/2026),
    started on 01/06/2026 with two trainings and one incident on record, the trainings corrected
    to three with a reason."""
    time_machine.move_to(STARTED, tick=False)
    justice, officer = people["justice"], people["officer"]
    _training(justice, officer, date(2026, 2, 10))
    _training(justice, officer, date(2026, 4, 20))
    _incident(justice, officer, datetime(2026, 3, 10, 8, 0, tzinfo=HANOI))
    period = services.create_period(actor=people["supervisor"], kind="annual", year=2026)
    started = services.start_submission(actor=officer, period=period, agency=justice)
    assert started.figures["trainings"] == {"auto": 2, "value": 2, "reason": ""}
    assert started.figures["incidents"] == {"auto": 1, "value": 1, "reason": ""}
    return services.save_submission(
        actor=officer,
        submission=started,
        revision=started.revision,
        situation="Tình hình chung",
        corrections={"trainings": ("3", REASON)},
    )


def _refills(submission: Submission) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action="report.refill", object_id=str(submission.pk)))


def _records_added_since(people) -> None:
    """One more training and incident of Sở Tư pháp in the window, and records that must not
    count: another agency's, and one found before the window opened."""
    justice, officer = people["justice"], people["officer"]
    _training(justice, officer, date(2026, 5, 25))
    _incident(justice, officer, datetime(2026, 5, 30, 16, 0, tzinfo=HANOI))
    _training(people["health"], people["health_officer"], date(2026, 5, 26))
    _incident(people["health"], people["health_officer"], datetime(2026, 5, 1, tzinfo=HANOI))
    _incident(justice, officer, datetime(2025, 12, 14, 23, 0, tzinfo=HANOI))


@pytest.mark.parametrize("who", ["officer", "head"])
def test_the_agency_refills_its_draft_from_the_records(people, draft, time_machine, who) -> None:
    _records_added_since(people)
    time_machine.move_to(REFILLED, tick=False)
    revision = draft.revision

    refilled = services.refill_figures(actor=people[who], submission=draft)

    stored = Submission.objects.get(pk=draft.pk)
    assert stored.figures == refilled.figures
    # the correction stands, with the records' new value beside it
    assert stored.figures["trainings"] == {"auto": 3, "value": 3, "reason": REASON}
    # an uncorrected figure takes the records' value
    assert stored.figures["incidents"] == {"auto": 2, "value": 2, "reason": ""}
    assert stored.revision == revision + 1
    assert stored.figures_filled_at == REFILLED
    assert stored.situation == "Tình hình chung" and stored.state == Submission.State.DRAFT
    [event] = _refills(draft)
    assert event.actor_id == people[who].pk and event.agency_id == people["justice"].pk


def test_a_returned_report_may_be_refilled(people, draft, time_machine) -> None:
    signed = services.sign(actor=people["head"], submission=draft)
    returned = services.review(
        actor=people["supervisor"], submission=signed, accept=False, comment="Bổ sung số liệu"
    )
    _records_added_since(people)
    time_machine.move_to(REFILLED, tick=False)
    refilled = services.refill_figures(actor=people["officer"], submission=returned)
    assert refilled.state == Submission.State.RETURNED
    assert Submission.objects.get(pk=draft.pk).figures["incidents"]["auto"] == 2
    assert len(_refills(draft)) == 1


def test_a_save_with_the_revision_read_before_the_refill_is_refused(people, draft) -> None:
    """The refill moves the revision on, so a form opened before it cannot overwrite it."""
    services.refill_figures(actor=people["officer"], submission=draft)
    with pytest.raises(ValidationError):
        services.save_submission(
            actor=people["head"], submission=draft, revision=draft.revision, lessons="Bài học"
        )
    assert Submission.objects.get(pk=draft.pk).lessons == ""


@pytest.mark.parametrize("who", ["staff", "health_officer", "supervisor"])
def test_only_the_agencys_head_and_officer_refill(people, draft, who) -> None:
    _records_added_since(people)
    with pytest.raises(NotAllowed):
        services.refill_figures(actor=people[who], submission=draft)
    stored = Submission.objects.get(pk=draft.pk)
    assert stored.figures == draft.figures and stored.revision == draft.revision
    assert stored.figures["incidents"] == {"auto": 1, "value": 1, "reason": ""}
    assert _refills(draft) == []


@pytest.mark.parametrize("state", ["submitted", "signed", "accepted"])
def test_a_report_out_of_the_drafters_hands_is_not_refilled(people, draft, state) -> None:
    report = services.submit(actor=people["officer"], submission=draft)
    if state in {"signed", "accepted"}:
        report = services.sign(actor=people["head"], submission=report)
    if state == "accepted":
        report = services.review(actor=people["supervisor"], submission=report, accept=True)
    assert report.state == state
    _records_added_since(people)
    with pytest.raises(ValidationError):
        services.refill_figures(actor=people["head"], submission=report)
    stored = Submission.objects.get(pk=draft.pk)
    assert stored.state == state and stored.revision == report.revision
    assert stored.figures["incidents"] == {"auto": 1, "value": 1, "reason": ""}
    assert _refills(draft) == []
