"""The report commands at pinned dates: `report_reminders` tells exactly the agencies that have
not sent their report on the reminder days (seven days before, the day before, on the day, then
weekly while late) and only once; `report_import` brings in a signed report bundle whole, and a
file it cannot trust is refused with its reason and nothing saved."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext

from bmnn.core import bundles
from bmnn.core.keys import trust_key
from bmnn.core.models import AuditEvent, Notification
from bmnn.reports import services
from bmnn.reports.models import ImportedReport, ReportingPeriod

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DUE = date(2026, 12, 15)  # the agencies' deadline of the 2026 annual period


@pytest.fixture
def people(province):
    return province("police", "health", "supervisor", "head", "officer", "staff", "health_officer")


@pytest.fixture
def period(people) -> ReportingPeriod:
    opened = services.create_period(actor=people["supervisor"], kind="annual", year=2026)
    assert opened.due_on == DUE
    return opened


def _reminders(period: ReportingPeriod) -> set[tuple[str, str]]:
    """(recipient's username, occasion) of every reminder stored for the period."""
    prefix = f"report-remind-{period.pk}-"
    return {
        (username, key.rsplit("-", 2)[-2] + "-" + key.rsplit("-", 2)[-1])
        for username, key in Notification.objects.filter(key__startswith=prefix).values_list(
            "recipient__username", "key"
        )
    }


def _send_justice_report(people, period: ReportingPeriod) -> None:
    draft = services.start_submission(
        actor=people["officer"], period=period, agency=people["justice"]
    )
    draft = services.save_submission(
        actor=people["officer"], submission=draft, revision=draft.revision, situation="Ổn định"
    )
    services.sign(actor=people["head"], submission=draft)


def test_reminders_a_week_before_go_to_the_agencies_that_have_not_sent(
    people, period, capsys
) -> None:
    _send_justice_report(people, period)  # Sở Tư pháp has sent its report: not reminded
    call_command("report_reminders", date="08/12/2026")
    assert capsys.readouterr().out.strip() == "1 reminders for 1 periods"
    assert _reminders(period) == {(people["health_officer"].username, "d-7")}
    [notice] = Notification.objects.filter(key__startswith="report-remind-")
    assert notice.title == gettext("Report due %(due)s: %(title)s") % {
        "due": "15/12/2026",
        "title": period.title,
    }
    assert notice.title.startswith("Hạn gửi báo cáo 15/12/2026")  # in Vietnamese, dd/mm/yyyy
    assert notice.url == f"/reports/periods/{period.pk}/agencies/{people['health'].pk}/"


def test_a_reminder_is_stored_once_however_often_the_command_runs(people, period, capsys) -> None:
    call_command("report_reminders", date="14/12/2026")
    call_command("report_reminders", date="2026-12-14")  # the ISO form is read too
    first, second = capsys.readouterr().out.splitlines()
    assert (first, second) == ("3 reminders for 1 periods", "0 reminders for 1 periods")
    assert _reminders(period) == {
        (people["head"].username, "d-1"),
        (people["officer"].username, "d-1"),
        (people["health_officer"].username, "d-1"),
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("07/12/2026", "0 reminders for 0 periods"),  # eight days before: no occasion
        ("13/12/2026", "0 reminders for 0 periods"),
        ("15/12/2026", "3 reminders for 1 periods"),  # on the day
        ("16/12/2026", "3 reminders for 1 periods"),  # a day late
        ("17/12/2026", "0 reminders for 0 periods"),
        ("23/12/2026", "3 reminders for 1 periods"),  # a week and a day late
    ],
)
def test_reminders_come_only_on_their_days(people, period, capsys, day, expected) -> None:
    call_command("report_reminders", date=day)
    assert capsys.readouterr().out.strip() == expected
    assert Notification.objects.filter(key__startswith="report-remind-").count() == int(expected[0])


def test_without_a_date_the_command_uses_today(people, period, capsys, time_machine) -> None:
    time_machine.move_to(datetime(2026, 12, 16, 7, 15, tzinfo=HANOI), tick=False)
    call_command("report_reminders")
    assert capsys.readouterr().out.strip() == "3 reminders for 1 periods"
    assert {occasion for _name, occasion in _reminders(period)} == {"late-1"}
    # the late reminder says so
    reminders = Notification.objects.filter(key__startswith="report-remind-")
    assert set(reminders.values_list("title", flat=True)) == {
        gettext("Report overdue since %(due)s: %(title)s")
        % {"due": "15/12/2026", "title": period.title}
    }


def test_a_closed_period_reminds_nobody(people, period, capsys) -> None:
    services.change_period(actor=people["supervisor"], period=period, status="closed")
    call_command("report_reminders", date="08/12/2026")
    assert capsys.readouterr().out.strip() == "0 reminders for 0 periods"
    assert not Notification.objects.filter(key__startswith="report-remind-").exists()


def test_a_date_that_is_not_a_date_is_refused(people, period) -> None:
    with pytest.raises(CommandError, match=r"^--date 31/02/2026: use dd/mm/yyyy$"):
        call_command("report_reminders", date="31/02/2026")
    assert not Notification.objects.filter(key__startswith="report-remind-").exists()


# --- report_import --------------------------------------------------------------------------

ISSUER = "Công an tỉnh Bắc Lâm"


@pytest.fixture
def sender(db) -> bytes:
    """The lower installation's signing key, trusted here for reports."""
    private, public = bundles.generate_key()
    trust_key(actor=None, name=ISSUER, kind="report", public_key=bundles.public_key_text(public))
    return private


def _payload(trainings: int) -> dict[str, Any]:
    return {
        "period": {
            "kind": "annual",
            "year": 2026,
            "title": "Báo cáo công tác bảo vệ BMNN năm 2026",
            "window_start": "2025-12-15",
            "window_end": "2026-12-14",
        },
        "report": {"number": "45/BC-CAT", "totals": {"trainings": trainings}, "rows": []},
    }


def _bundle(tmp_path: Path, private: bytes, payload: dict[str, Any], name: str = "bc.bmnn") -> str:
    data = bundles.write(
        "report",
        {"payload.json": json.dumps(payload, ensure_ascii=False).encode("utf-8")},
        private_pem=private,
        issuer=ISSUER,
    )
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_a_signed_bundle_is_imported_once(sender, tmp_path, capsys, time_machine) -> None:
    time_machine.move_to(datetime(2026, 12, 20, 10, 0, tzinfo=HANOI), tick=False)
    path = _bundle(tmp_path, sender, _payload(trainings=7))

    call_command("report_import", path)

    assert capsys.readouterr().out.strip() == f"{ISSUER}: imported"
    imported = ImportedReport.objects.get()
    assert (imported.issuer, imported.period_kind) == (ISSUER, "annual")
    assert (imported.window_start, imported.window_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert imported.payload == _payload(trainings=7)
    assert imported.signed_at == "2026-12-20T03:00:00+00:00"
    assert imported.imported_by is None
    [event] = AuditEvent.objects.filter(action="report.import")
    assert event.actor_id is None and event.object_id == str(imported.pk)
    assert event.changes["issuer"] == ISSUER

    call_command("report_import", path)  # the same file again changes nothing
    assert capsys.readouterr().out.strip() == f"{ISSUER}: already imported, nothing changed"
    assert ImportedReport.objects.count() == 1
    assert AuditEvent.objects.filter(action="report.import").count() == 1


def test_a_newer_bundle_of_the_same_period_replaces_the_older(
    sender, tmp_path, capsys, time_machine
) -> None:
    time_machine.move_to(datetime(2026, 12, 20, 10, 0, tzinfo=HANOI), tick=False)
    older = _bundle(tmp_path, sender, _payload(trainings=7), "older.bmnn")
    time_machine.move_to(datetime(2026, 12, 22, 10, 0, tzinfo=HANOI), tick=False)
    newer = _bundle(tmp_path, sender, _payload(trainings=9), "newer.bmnn")

    call_command("report_import", newer)
    call_command("report_import", older)  # arriving late, the older one does not win
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{ISSUER}: imported", f"{ISSUER}: already imported, nothing changed"]
    imported = ImportedReport.objects.get()
    assert imported.payload["report"]["totals"] == {"trainings": 9}
    assert imported.signed_at == "2026-12-22T03:00:00+00:00"


def _refused(path: str) -> str:
    with pytest.raises(CommandError) as refused:
        call_command("report_import", path)
    assert not ImportedReport.objects.exists()
    assert not AuditEvent.objects.filter(action="report.import").exists()
    return str(refused.value)


def test_a_file_that_is_not_a_bundle_is_refused_and_nothing_saved(db, tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Bao cao nam 2026 - khong phai goi tin")
    assert _refused(str(path)) == gettext("The file is not a BMNN bundle, or it is damaged.")


def test_a_missing_file_is_named_in_the_refusal(db, tmp_path) -> None:
    missing = tmp_path / "khong-co.bmnn"
    assert _refused(str(missing)) == f"cannot read {missing}: No such file or directory"


def test_a_bundle_signed_by_an_untrusted_key_is_refused(db, tmp_path) -> None:
    stranger, _public = bundles.generate_key()
    path = _bundle(tmp_path, stranger, _payload(trainings=7))
    assert _refused(path) == gettext(
        "The bundle is signed by a key this installation does not trust."
    )


def test_an_altered_bundle_is_refused(sender, tmp_path) -> None:
    path = Path(_bundle(tmp_path, sender, _payload(trainings=7)))
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    # the flipped byte may fall in the signed content or in the archive's own structure
    assert _refused(str(path)) in {
        gettext("The bundle was altered after it was signed."),
        gettext("The file is not a BMNN bundle, or it is damaged."),
    }


def test_a_signed_bundle_of_another_kind_is_refused(sender, tmp_path) -> None:
    data = bundles.write(
        "registry-notices", {"payload.json": b"{}"}, private_pem=sender, issuer=ISSUER
    )
    path = tmp_path / "sync.bmnn"
    path.write_bytes(data)
    assert _refused(str(path)) == gettext("This bundle does not hold a report.")


def test_a_signed_bundle_with_a_damaged_payload_is_refused(sender, tmp_path) -> None:
    payload = _payload(trainings=7)
    payload["period"]["window_end"] = "14/12/2026"  # not a date the sender would write
    assert _refused(_bundle(tmp_path, sender, payload)) == gettext(
        "The bundle's content is damaged."
    )
