"""The device pages in words (issue 19): findings as sentences with their figures, severities
and history in Vietnamese, the audit steps as the agent is obtained now; forms that keep what
was typed; the custodian of a record is one of its agency's people, checked by the service."""

from __future__ import annotations

import html
import importlib
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from bmnn.devices import labels, services
from bmnn.devices.models import Device, DeviceFinding, IndependentLan, Medium
from bmnn.devices.tests.builders import edit_device, host_report, new_device, new_medium

pytestmark = pytest.mark.django_db
AGENT = Path(__file__).resolve().parents[1] / "agent" / "bmnn_audit.py"


@pytest.fixture
def people(province):
    return province("health officer staff health_officer")


def _report(evidence: list[dict]) -> bytes:
    return host_report(evidence, {"hostname": "may-01", "machine_id": "abc"})


def _usb(serial: str) -> dict:
    return {
        "kind": "usb_storage",
        "source": f"SYSTEM\\ControlSet001\\Enum\\USBSTOR\\Disk\\{serial}&0",
        "time": "2026-11-10T01:31:02+00:00",
        "details": {"vendor": "SanDisk", "product": "Cruzer_Blade", "serialnumber": serial},
    }


def _text(response) -> str:
    assert response.status_code == 200
    main = html.unescape(response.content.decode()).split("<main", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


@pytest.fixture
def audited(people):
    device = new_device(
        people, asset_tag="STP-MT-01", ever_connected="no", custodian=people["officer"]
    )
    edit_device(people, device, custodian=people["staff"])
    services.import_report(
        actor=people["officer"], device=device, data=_report([_usb("4C530001"), _usb("4C530002")])
    )
    return device


def test_a_finding_is_a_sentence_with_its_figures_and_a_vietnamese_severity(
    people, audited, client_for
) -> None:
    text = _text(client_for(people["officer"]).get(f"/devices/{audited.pk}/"))
    assert "2 thiết bị lưu trữ USB không có trong danh sách thiết bị lưu trữ đã đăng ký." in text
    assert "Thiết bị lưu trữ USB · 10/11/2026" in text and "số sê-ri: 4C530002" in text
    assert "Trung bình" in text
    for raw in ("device(s)", "medium", "usb_storage", "{'", "serialnumber", "L25 Art"):
        assert raw not in text
    finding = DeviceFinding.objects.get()
    assert finding.counts == {"traces": 2}
    with translation.override("en"):
        assert labels.finding_text(finding.code, {"traces": 1}) == (
            "1 USB storage device that is not in the register of media."
        )
        assert labels.finding_text(finding.code, finding.counts).startswith("2 USB storage devices")


def test_the_history_reads_as_words_not_as_a_python_dict(people, audited, client_for) -> None:
    text = _text(client_for(people["officer"]).get(f"/devices/{audited.pk}/"))
    assert "Đưa vào danh sách thiết bị." in text
    assert "Người quản lý, sử dụng: Nguyễn Thị Hoa → Vũ Đức Hiếu" in text
    assert "created" not in text and "True" not in text


def test_the_audit_steps_match_how_the_agent_is_obtained(people, audited, client_for) -> None:
    client = client_for(people["officer"])
    page = html.unescape(client.get(f"/devices/{audited.pk}/").content.decode())
    steps = page.split('data-testid="audit-steps"', 1)[1].split("</form>", 1)[0]
    assert "bmnn audit-host --save-agent /media/usb/bmnn_audit.py" in steps
    assert "py E:\\bmnn_audit.py --out E:\\STP-MT-01.json" in steps
    assert "sudo python3 /media/usb/bmnn_audit.py" in steps and "quyền quản trị" in steps
    assert "agent/bmnn_audit.py" not in page
    download = client.get("/devices/agent/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == AGENT.read_bytes()
    assert 'filename="bmnn_audit.py"' in download["Content-Disposition"]
    assert client_for(people["staff"]).get("/devices/agent/").status_code == 403


def test_irreversible_answers_ask_first(people, audited, client_for) -> None:
    page = client_for(people["officer"]).get(f"/devices/{audited.pk}/").content.decode()
    finding = DeviceFinding.objects.get()
    answer = page.split(f'data-testid="answer-{finding.pk}"', 1)[1].split(">", 1)[0]
    upload = page.split('data-testid="report-upload"', 1)[1].split(">", 1)[0]
    assert "data-confirm=" in answer and "data-confirm=" in upload


# --- the custodian belongs to the agency --------------------------------------------------------


def test_the_service_refuses_a_custodian_of_another_agency(people) -> None:
    with pytest.raises(ValidationError) as refused:
        new_device(people, asset_tag="STP-MT-09", custodian=people["health_officer"])
    assert "custodian" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        new_medium(people, label="USB-02", serial="ZZ99", custodian=people["health_officer"])
    assert "custodian" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.save_lan(
            actor=people["officer"],
            agency=people["justice"],
            name="LAN",
            site="P. 203",
            administrator=people["health_officer"],
        )
    assert "administrator" in refused.value.message_dict
    assert not Device.objects.exists() and not Medium.objects.exists()
    assert not IndependentLan.objects.exists()


# --- forms keep what was typed ------------------------------------------------------------------


def test_the_device_form_keeps_the_input_and_refuses_31_february(people, client_for) -> None:
    response = client_for(people["officer"]).post(
        "/devices/new/",
        {
            "asset_tag": "STP-MT-07",
            "kind": "computer",
            "make_model": "Dell OptiPlex",
            "connected_to": "none",
            "ever_connected": "yes",
            "ever_connected_on": "31/02/2026",
            "custodian": people["health_officer"].pk,
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and not Device.objects.exists()
    assert 'value="STP-MT-07"' in page and 'value="Dell OptiPlex"' in page
    assert 'value="31/02/2026"' in page
    assert "Nhập một ngày có thật theo dạng ngày/tháng/năm (ví dụ 05/03/2026)." in page
    assert "Chọn một người của cơ quan trong danh sách." in page  # the other agency's person


def test_the_media_form_keeps_the_input_and_shows_errors_by_the_fields(people, client_for) -> None:
    client = client_for(people["officer"])

    def send(serial: str, registered_on: str):
        medium = {"label": "USB-MAT-02", "kind": "usb", "serial": serial}
        fields = medium | {"agency": people["justice"].pk, "registered_on": registered_on}
        data = {f"medium-{name}": value for name, value in fields.items()}
        return client.post("/devices/media/", {"action": "medium", **data})

    response = send("", "31/02/2026")
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and not Medium.objects.exists()
    assert 'value="USB-MAT-02"' in page and 'value="31/02/2026"' in page
    medium_form = page.split('data-testid="medium-form"', 1)[1].split("</form>", 1)[0]
    assert medium_form.count("invalid-feedback") == 2
    future = (timezone.localdate() + timedelta(days=3)).strftime("%d/%m/%Y")
    response = send("AB12", future)
    assert "Ngày đăng ký ở trong tương lai." in html.unescape(response.content.decode())
    assert not Medium.objects.exists()
    empty = client.post("/devices/media/", {"action": "lan", "lan-agency": people["justice"].pk})
    lan_form = html.unescape(empty.content.decode()).split('data-testid="lan-form"', 1)[1]
    assert lan_form.split("</form>", 1)[0].count("invalid-feedback") == 2
    assert not IndependentLan.objects.exists()


def test_a_finding_answered_without_a_note_stays_open_with_the_message(
    people, audited, client_for
) -> None:
    finding = DeviceFinding.objects.get()
    response = client_for(people["officer"]).post(
        f"/devices/{audited.pk}/",
        {
            "action": "finding",
            "finding": finding.pk,
            f"finding-{finding.pk}-status": "resolved",
            f"finding-{finding.pk}-note": "",
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    answer = page.split(f'data-testid="answer-{finding.pk}"', 1)[1].split("</form>", 1)[0]
    assert "invalid-feedback" in answer and 'value="resolved" selected' in answer
    assert DeviceFinding.objects.get().status == DeviceFinding.Status.OPEN


def test_an_empty_report_upload_says_so_by_the_field(people, audited, client_for) -> None:
    client = client_for(people["officer"])
    page = html.unescape(client.post(f"/devices/{audited.pk}/", {}).content.decode())
    assert "Chọn tệp báo cáo." in page
    upload = page.split('data-testid="report-upload"', 1)[1].split("</form>", 1)[0]
    assert "invalid-feedback" in upload
    altered = client.post(
        f"/devices/{audited.pk}/",
        {"report": SimpleUploadedFile("r.json", _report([_usb("X1")]).replace(b"X1", b"X2"))},
    )
    upload = html.unescape(altered.content.decode()).split('data-testid="report-upload"', 1)[1]
    assert "invalid-feedback" in upload.split("</form>", 1)[0]
    assert audited.reports.count() == 1


# --- findings stored before their figures were kept ----------------------------------------------


def test_findings_stored_before_get_their_figures_from_their_summary(people, audited) -> None:
    finding = DeviceFinding.objects.get()
    DeviceFinding.objects.filter(pk=finding.pk).update(
        code="network_on_standalone",
        counts={},
        summary="declared not connected, but 3 network trace(s), 1 Wi-Fi",
    )
    migration = importlib.import_module("bmnn.devices.migrations.0003_finding_counts_and_labels")
    migration.counts_from_summaries(apps, None)
    assert DeviceFinding.objects.get().counts == {"traces": 3, "wifi": 1}
