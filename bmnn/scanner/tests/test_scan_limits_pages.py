"""The pre-publication check under load (security review, issue 13, finding 7): the page and
the API report the scan's limit on a nested archive bomb, and one person runs at most
BMNN_SCAN_CONCURRENT_PER_USER checks at a time, counted in the database so that it holds across
threads and processes, and released however a check ends."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from bmnn.core.models import AuditEvent
from bmnn.org.models import Role
from bmnn.scanner import services
from bmnn.scanner.leases import TooManyScans, scan_slot
from bmnn.scanner.models import Check, ScanLease
from bmnn.scanner.tests.test_scan_budget import nested_bomb


@pytest.fixture
def editor(make_agency, make_person):
    return make_person(make_agency("Sở Thông tin"), Role.STAFF, "Phan Văn Biên Tập")


@pytest.fixture
def api_for(db):
    """An API client signed in as the person (how the token is checked is not the subject)."""
    from rest_framework.test import APIClient

    def make(person):
        client = APIClient()
        client.force_authenticate(person)
        return client

    return make


@pytest.mark.django_db
def test_the_page_reports_the_limit_of_a_nested_zip_bomb(editor, client_for, settings) -> None:
    settings.BMNN_SCAN_EXPANDED_MB = 16
    response = client_for(editor).post(
        reverse("scanner:check"), {"file": SimpleUploadedFile("bomb.zip", nested_bomb())}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "alert-success" not in page and "alert-warning" in page
    assert "giới hạn" in page and "chưa được đọc hết" in page
    event = AuditEvent.objects.get(action="scanner.check")
    assert event.changes["limit"] == "bytes" and event.changes["secret"] is False
    assert ScanLease.objects.count() == 0


@pytest.mark.django_db
def test_the_api_reports_the_limit_of_a_nested_zip_bomb(editor, api_for, settings):
    settings.BMNN_SCAN_EXPANDED_MB = 16
    response = api_for(editor).post(
        "/api/scan/", {"file": SimpleUploadedFile("bomb.zip", nested_bomb())}, format="multipart"
    )
    assert response.status_code == 200, response.content
    top = response.json()[0]
    assert top["limit"] == "bytes" and top["incomplete"] is True and top["secret"] is False
    assert top["error"].startswith("limit:")


@pytest.mark.django_db
def test_the_time_budget_comes_from_the_settings(editor, settings) -> None:
    settings.BMNN_SCAN_SECONDS = 0
    verdicts = services.check_document(actor=editor, name="a.zip", data=nested_bomb(copies=3))
    assert verdicts[0].limit == "time"


@pytest.mark.django_db
def test_a_third_check_at_once_is_refused_on_the_page(editor, client_for, make_person) -> None:
    client = client_for(editor)
    with scan_slot(editor), scan_slot(editor):
        response = client.post(
            reverse("scanner:check"), {"file": SimpleUploadedFile("a.txt", b"van ban")}
        )
        assert response.status_code == 429
        assert "Bạn đang có 2 lượt kiểm tra chưa xong" in response.content.decode()
        assert not Check.objects.exists()
        other = make_person(None, Role.STAFF)
        services.check_document(actor=other, name="b.txt", data=b"van ban")  # others unaffected
    ok = client.post(reverse("scanner:check"), {"file": SimpleUploadedFile("a.txt", b"van ban")})
    assert ok.status_code == 200 and Check.objects.filter(requested_by=editor).count() == 1


@pytest.mark.django_db
def test_a_third_check_at_once_is_refused_by_the_api_with_429(editor, api_for) -> None:
    with scan_slot(editor), scan_slot(editor):
        response = api_for(editor).post(
            "/api/scan/", {"file": SimpleUploadedFile("a.txt", b"van ban")}, format="multipart"
        )
    assert response.status_code == 429
    assert response.json()["code"] == "too_many_scans"
    assert "lượt kiểm tra" in response.json()["message"]


@pytest.mark.django_db
def test_the_limit_is_a_setting(editor, settings) -> None:
    settings.BMNN_SCAN_CONCURRENT_PER_USER = 1
    with scan_slot(editor), pytest.raises(TooManyScans):
        services.check_document(actor=editor, name="a.txt", data=b"van ban")


@pytest.mark.django_db
def test_the_slot_is_released_when_the_scan_fails(editor, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("reader crashed")

    monkeypatch.setattr(services, "scan_bytes", broken)
    for _ in range(3):  # more failures than slots: each one gave its slot back
        with pytest.raises(RuntimeError):
            services.check_document(actor=editor, name="a.txt", data=b"van ban")
    assert ScanLease.objects.count() == 0


@pytest.mark.django_db
def test_slots_of_a_crashed_process_expire(editor) -> None:
    past = timezone.now() - timedelta(seconds=1)
    ScanLease.objects.bulk_create(
        [ScanLease(person=editor, slot=n, token=f"dead-{n}", expires_at=past) for n in range(2)]
    )
    services.check_document(actor=editor, name="a.txt", data=b"van ban")
    assert Check.objects.filter(requested_by=editor).count() == 1


@pytest.mark.django_db(transaction=True)
def test_threads_racing_for_slots_get_exactly_the_limit(make_agency, make_person) -> None:
    editor = make_person(make_agency(), Role.STAFF)
    racers = 6
    start, done = threading.Barrier(racers), threading.Barrier(racers)
    outcome: list[str] = []

    def race() -> None:
        try:
            start.wait()
            try:
                with scan_slot(editor):
                    outcome.append("got")
                    done.wait(timeout=30)
            except TooManyScans:
                outcome.append("refused")
                done.wait(timeout=30)
        finally:
            connection.close()

    threads = [threading.Thread(target=race) for _ in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcome) == ["got"] * 2 + ["refused"] * 4
    assert ScanLease.objects.count() == 0
