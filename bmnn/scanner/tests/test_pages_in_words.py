"""The scanner pages in words (issue 19): every kind of marking the engine reports and every
place it finds one has a Vietnamese label, levels read as their names, a scan's "new findings"
is one figure — the count of the list it links to — and the forms keep what was typed."""

from __future__ import annotations

import html
import importlib
import random
import re
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from bmnn.org.models import Role
from bmnn.scanner import crawl, queries, services
from bmnn.scanner.engine import model
from bmnn.scanner.models import CrawlRun, Finding, Portal
from bmnn.scanner.tests.local_site import local_portal, serve
from tests.corpus.scanner_corpus import make_doc, write_pdf

pytestmark = pytest.mark.django_db
RNG = random.Random(19)
detect = importlib.import_module("bmnn.scanner.engine.detect")
ENGINE = Path(detect.__file__).parent
# A rule name as the engine spells it in its source: words joined by "_", ending in what it is.
RULE_LITERAL = re.compile(
    r"[\"']([a-z]+(?:_[a-z]+)*_(?:stamp|field|mark))(?: \(approximate\))?[\"']"
)


def engine_rules() -> set[str]:
    """Every evidence rule the engine can report: the stamp tables and every rule-like literal
    in its source (a rule added later is found without this test knowing its name)."""
    rules = set(detect.STAMP_KEYS.values()) | {rule for _, rule in detect.STAMP_PATTERNS}
    rules |= set(detect.CORROBORATION)
    for path in ENGINE.rglob("*.py"):
        rules |= set(RULE_LITERAL.findall(path.read_text("utf-8")))
    return rules


def test_every_rule_and_zone_of_the_engine_has_a_label() -> None:
    rules = engine_rules()
    assert {"level_stamp", "declassified_stamp", "level_field", "empty_level_field"} <= rules
    assert sorted(rules - set(services.RULE_LABELS)) == []
    assert {model.HEADER, model.BODY} <= set(services.ZONE_LABELS)
    assert services.rule_label("level_stamp (approximate)") == "Dấu chỉ độ mật, đọc gần đúng"
    assert services.rule_label("something_new") == "Dấu hiệu khác"


@pytest.fixture
def supervisor(make_agency, make_person):
    return make_person(make_agency("Công an tỉnh"), Role.SUPERVISOR, "Lê Thị Giám Sát")


def _finding(portal: Portal | None, url: str, level: str, **fields) -> Finding:
    now = fields.pop("at", timezone.now())
    evidence = [
        {"rule": "level_stamp", "text": "MẬT", "page": 1, "zone": "header", "score": 0.95},
        {
            "rule": "copy_number_stamp",
            "text": "Bản số: 02",
            "page": 1,
            "zone": "body",
            "score": 0.1,
        },
    ]
    return Finding.objects.create(
        portal=portal,
        url=url,
        content_hash=url[-8:].rjust(64, "0"),
        level=level,
        score=0.95,
        evidence=evidence,
        first_seen=now,
        last_seen=now,
        **fields,
    )


def _text(response) -> str:
    assert response.status_code == 200
    body = html.unescape(response.content.decode())
    main = body.split("<main", 1)[-1]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def test_a_finding_reads_in_vietnamese(supervisor, client_for) -> None:
    finding = _finding(None, "https://x.example/a.pdf", "mat")
    text = _text(client_for(supervisor).get(reverse("scanner:finding", args=[finding.pk])))
    assert "Dấu chỉ độ mật" in text and "Dấu ký hiệu bản số" in text
    assert "Phần đầu văn bản" in text and "Phần nội dung văn bản" in text
    assert "Quyết định" in text  # the decision's label
    for code in ("level_stamp", "copy_number_stamp", "header", "Status", " mat "):
        assert code not in text


# --- one definition of a scan's new findings --------------------------------------------------

LEAK = write_pdf(make_doc(RNG, "mat"))
OTHER_LEAK = write_pdf(make_doc(RNG, "toi_mat"))


class Site(BaseHTTPRequestHandler):
    routes = {
        "/": (
            "text/html; charset=utf-8",
            b"<html><body><a href='/a.pdf'>a</a> <a href='/b.pdf'>b</a></body></html>",
        ),
        "/a.pdf": ("application/pdf", LEAK),
        "/b.pdf": ("application/pdf", OTHER_LEAK),
    }

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        content_type, body = self.routes.get(self.path, ("text/plain", b""))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    yield from serve(Site)


def test_the_new_findings_of_a_scan_are_the_findings_it_lists(site, supervisor, client_for) -> None:
    """The overview said "2 new findings" and listed 1: the figure counted what the scan found,
    the list showed only the open ones. Now the figure links to its own list, of every status."""
    portal = local_portal(supervisor, site, "Cổng tỉnh")
    run = services.start_crawl(actor=supervisor, portal=portal, workers=0)
    crawl.work(run.pk, "test-worker")
    run.refresh_from_db()
    assert run.state == CrawlRun.State.DONE and run.new_findings == 2
    assert queries.with_found(CrawlRun.objects.filter(pk=run.pk)).get().found == 2
    assert queries.run_findings(run).count() == 2
    # an older finding of the portal and an imported one are no finding of this scan
    _finding(
        portal, "https://x.example/old.pdf", "mat", at=run.started_at - timezone.timedelta(days=3)
    )
    _finding(
        portal,
        "https://x.example/imported.pdf",
        "mat",
        source=Finding.Source.IMPORT,
        at=run.started_at + timezone.timedelta(seconds=1),
    )
    taken_down = queries.run_findings(run).first()
    services.decide_finding(actor=supervisor, finding=taken_down, status="removed")
    client = client_for(supervisor)
    overview = client.get(reverse("scanner:overview")).content.decode()
    link = re.search(rf'href="\?run={run.pk}" data-testid="run-findings-{run.pk}">(\d+)<', overview)
    assert link is not None and link.group(1) == "2"
    listed = client.get(reverse("scanner:overview"), {"run": run.pk}).content.decode()
    assert listed.count('data-testid="finding-row"') == 2 and "Đã gỡ bỏ" in listed
    detail = client.get(reverse("scanner:portal", args=[portal.pk])).content.decode()
    assert f'?run={run.pk}">2</a>' in detail
    # the open list says how many it holds: the scan's other finding and the two others
    open_list = client.get(reverse("scanner:overview")).content.decode()
    assert open_list.count('data-testid="finding-row"') == 3 and "(3)" in open_list


def test_a_failed_address_says_why_in_words() -> None:
    assert services.fetch_failure("HTTP 404") == "máy chủ trả về lỗi 404"
    assert services.fetch_failure("no answer within 20 s") == "không có phản hồi trong 20 giây"
    assert services.fetch_failure("ConnectError: [Errno 111]") == "không kết nối được"


# --- forms keep what was typed ----------------------------------------------------------------


def test_the_portal_form_refuses_letters_and_absurd_numbers_and_keeps_the_input(
    supervisor, client_for
) -> None:
    client = client_for(supervisor)
    response = client.post(
        reverse("scanner:portal_new"),
        {
            "name": "Cổng Sở Y tế",
            "start_urls": "https://syt.example/",
            "max_depth": "ba",
            "max_pages": "-5",
            "delay": "99999",
            "every_days": "1",
        },
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and not Portal.objects.exists()
    assert 'value="Cổng Sở Y tế"' in page and 'value="ba"' in page and 'value="-5"' in page
    assert "Nhập một số nguyên bằng chữ số." in page
    assert "Ít nhất là 1." in page and "Nhiều nhất là 60." in page


def test_a_dismissal_without_a_reason_comes_back_with_the_message_by_the_field(
    supervisor, client_for
) -> None:
    finding = _finding(None, "https://x.example/b.pdf", "toi_mat")
    response = client_for(supervisor).post(
        reverse("scanner:finding", args=[finding.pk]),
        {"action": "decide", "status": "dismissed", "note": "  "},
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    note = page.split('for="id_note"', 1)[1].split("</textarea>", 1)[1]
    assert re.match(r'\s*<div class="invalid-feedback[^>]*>Ghi rõ lý do không phải lộ lọt', note)
    assert Finding.objects.get(pk=finding.pk).status == Finding.Status.OPEN
    assert 'data-confirm="' in page


def test_an_incident_needs_an_agency_and_says_so_by_the_field(supervisor, client_for) -> None:
    finding = _finding(None, "https://x.example/c.pdf", "mat")
    response = client_for(supervisor).post(
        reverse("scanner:finding", args=[finding.pk]), {"action": "incident", "incident-agency": ""}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and "Chọn cơ quan." in page
    from bmnn.reports.models import Incident

    assert not Incident.objects.exists()


def test_an_empty_bundle_upload_is_refused_by_the_field(supervisor, client_for) -> None:
    response = client_for(supervisor).post(
        reverse("scanner:import"), {"bundle": SimpleUploadedFile("x.bmnn", b"not a bundle")}
    )
    page = html.unescape(response.content.decode())
    assert response.status_code == 200 and "invalid-feedback" in page
    assert "<details" in page and "open" in page.split("<details", 1)[1].split(">", 1)[0]


def test_a_file_not_read_in_full_says_why_in_words(supervisor, client_for) -> None:
    assert services.read_error("malformed: not a readable PDF") == (
        "tệp bị hỏng hoặc không đúng loại tệp như tên gọi"
    )
    assert services.read_error(None) == ""
    response = client_for(supervisor).post(
        reverse("scanner:check"), {"file": SimpleUploadedFile("b.pdf", b"%PDF-1.4 broken")}
    )
    text = _text(response)
    assert "Không đọc được hết tệp: tệp bị hỏng hoặc không đúng loại tệp như tên gọi." in text
    assert "malformed" not in text
