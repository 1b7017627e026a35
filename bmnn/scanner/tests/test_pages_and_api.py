"""Scanner pages and API: the pre-publication check (page and token API), findings decided by
supervisors, portals managed by supervisors only; everything audited, no file kept."""

from __future__ import annotations

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.core.models import AuditEvent
from bmnn.org.models import Role
from bmnn.scanner.models import Check, Portal
from bmnn.scanner.tests.builders import stored_finding
from tests.corpus.scanner_corpus import make_doc, negative_plan, write_docx, write_pdf

pytestmark = pytest.mark.django_db
RNG = random.Random(41)
STAMPED = write_pdf(make_doc(RNG, "toi_mat"))
PLAIN = write_docx(negative_plan(RNG))


@pytest.fixture
def people(make_agency, make_person):
    police = make_agency("Công an tỉnh")
    department = make_agency("Sở Thông tin")
    return {
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát"),
        "editor": make_person(department, Role.STAFF, "Phan Văn Biên Tập"),
    }


def test_an_editor_checks_a_stamped_pdf_and_sees_the_marking_outlined(people, client_for) -> None:
    client = client_for(people["editor"])
    upload = SimpleUploadedFile("bao-cao.pdf", STAMPED, content_type="application/pdf")
    page = client.post(reverse("scanner:check"), {"file": upload}).content.decode()
    assert 'data-testid="verdict"' in page and "alert-danger" in page and "TỐI MẬT" in page
    assert "data:image/png;base64," in page  # the page with the stamp outlined
    check = Check.objects.get()
    assert (
        check.secret
        and check.level == "toi_mat"
        and check.via == "page"
        and check.size == len(STAMPED)
    )
    assert AuditEvent.objects.filter(action="scanner.check").count() == 1
    clean = client.post(
        reverse("scanner:check"), {"file": SimpleUploadedFile("ke-hoach.docx", PLAIN)}
    )
    assert "alert-success" in clean.content.decode()


def test_a_bad_file_gets_a_clear_message_not_an_error_page(people, client_for) -> None:
    client = client_for(people["editor"])
    response = client.post(
        reverse("scanner:check"), {"file": SimpleUploadedFile("hong.pdf", b"%PDF-1.7 broken")}
    )
    assert response.status_code == 200 and "alert-warning" in response.content.decode()
    empty = client.post(reverse("scanner:check"), {"file": SimpleUploadedFile("rong.pdf", b"")})
    assert empty.status_code == 200 and not Check.objects.filter(name="rong.pdf").exists()


def test_the_publishing_system_calls_the_api_with_a_token(people, client) -> None:
    from bmnn.testing import api_token

    token = api_token(people["editor"])
    response = client.post(
        "/api/scan/",
        {"file": SimpleUploadedFile("bao-cao.pdf", STAMPED)},
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body[0]["secret"] and body[0]["level"] == "toi_mat" and body[0]["path"] == "bao-cao.pdf"
    assert body[0]["evidence"][0]["text"] == "TỐI MẬT" and len(body[0]["evidence"][0]["box"]) == 4
    assert client.post(
        "/api/scan/", {"file": SimpleUploadedFile("x.pdf", STAMPED)}
    ).status_code in (401, 403)
    assert Check.objects.get().via == "api"


def test_findings_are_for_supervisors_and_a_dismissal_needs_a_reason(people, client_for) -> None:
    finding = stored_finding(
        "https://baclam.example/van-ban/1.pdf",
        "ab" * 32,
        "mat",
        0.95,
        evidence=[
            {"rule": "level_stamp", "text": "MẬT", "page": 1, "zone": "header", "score": 0.95}
        ],
    )
    editor = client_for(people["editor"])
    # Others find nothing: not found, empty lists, an overview without the finding.
    assert editor.get(reverse("scanner:finding", args=[finding.pk])).status_code == 404
    assert editor.get("/api/findings/").json()["results"] == []
    assert editor.get(f"/api/findings/{finding.pk}/").status_code == 404
    portal = Portal.objects.create(
        name="Cổng BL", start_urls="https://baclam.example/", allowed_hosts="baclam.example"
    )
    overview = editor.get(reverse("scanner:overview")).content.decode()
    assert "baclam.example" not in overview and "Cổng BL" not in overview
    assert editor.get(reverse("scanner:portal", args=[portal.pk])).status_code == 404
    assert editor.get("/api/portals/").json()["results"] == []
    assert editor.get(f"/api/portals/{portal.pk}/").status_code == 404
    supervisor = client_for(people["supervisor"])
    assert "baclam.example" in supervisor.get(reverse("scanner:overview")).content.decode()
    supervisor.post(
        reverse("scanner:finding", args=[finding.pk]), {"status": "dismissed", "note": ""}
    )
    finding.refresh_from_db()
    assert finding.status == "open"
    supervisor.post(
        reverse("scanner:finding", args=[finding.pk]), {"status": "removed", "note": "Đã gỡ"}
    )
    finding.refresh_from_db()
    assert finding.status == "removed" and finding.decided_by == people["supervisor"]
    assert AuditEvent.objects.filter(action="scanner.finding_removed").exists()


def test_only_supervisors_manage_portals(people, client_for) -> None:
    form = {
        "name": "Cổng TTĐT tỉnh",
        "start_urls": "https://baclam.example/",
        "max_depth": 2,
        "max_pages": 100,
        "delay": 1,
        "every_days": 1,
        "enabled": "on",
    }
    assert client_for(people["editor"]).post(reverse("scanner:portal_new"), form).status_code == 403
    response = client_for(people["supervisor"]).post(reverse("scanner:portal_new"), form)
    portal = Portal.objects.get()
    assert response.status_code == 302 and portal.host_set == {"baclam.example"}
    bad = client_for(people["supervisor"]).post(
        reverse("scanner:portal_new"), form | {"start_urls": "ftp://x"}
    )
    assert bad.status_code == 200 and Portal.objects.count() == 1


def test_the_scanner_profile_serves_only_leak_detection(people, client_for, settings) -> None:
    """DESIGN.md: on the internet-connected scanner host nothing but leak detection answers."""
    settings.BMNN_PROFILE = "scanner"
    client = client_for(people["supervisor"])
    assert client.get("/").url == reverse("scanner:overview")
    for path in ("/registry/", "/plans/", "/agencies/", "/api/secret-items/", "/api/people/"):
        assert client.get(path).status_code == 404, path
    page = client.get(reverse("scanner:overview")).content.decode()
    assert reverse("scanner:check") in page and reverse("registry:item_list") not in page
    settings.BMNN_PROFILE = "internal"
    assert client.get("/registry/").status_code == 200
