"""In a real browser, the pages of the channels between nodes (`/sync/`), on both kinds of node.

On the province node: the administrator trusts the justice department's agency node by pasting
its card; the supervisor makes bundle no. 1 for it (the outbox says what it carried and that it
is not yet confirmed), downloads it, and imports the agency's signed bundle no. 1 (a progress
update, acknowledging no. 1): the inbox lists it as imported and the outbox row as arrived. An
altered copy of a later bundle is refused with a message and leaves the inbox as it was.

On the agency node (settings BMNN_NODE=agency for the justice department): the page says so,
lists the trusted province node, and the security officer makes a bundle for it; the head of
another agency cannot open the pages."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from bmnn.core import bundles
from bmnn.core.models import AuditEvent
from bmnn.org.demo import load_demo
from bmnn.org.models import Agency, Person
from bmnn.plans.models import Assignment, ProgressUpdate
from bmnn.plans.services import create_plan, issue_plan
from bmnn.plans.tests.builders import task
from bmnn.sync import channel, node, services
from bmnn.sync.models import Inbound, Outbound, Peer
from bmnn.sync.tests.agency_bundles import agency_bundle, progress_update
from tests.e2e.helpers import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

JUSTICE = "demo-stp"  # Sở Tư pháp in the demo province; baomat is its security officer
NAV = "Gói dữ liệu giữa các nút"


@pytest.fixture
def window(browser: Any, live_server: Any) -> Iterator[Callable[[str], Any]]:
    """Logged-in pages, one browser context per person, each noting its console errors; closed
    before the database goes away (open pages poll for notifications)."""
    contexts = []

    def open_as(username: str) -> Any:
        context = browser.new_context(locale="vi-VN", accept_downloads=True)
        contexts.append(context)
        page = context.new_page()
        page.console_errors = []
        page.on(
            "console",
            lambda message: (
                page.console_errors.append(message.text) if message.type == "error" else None
            ),
        )
        log_in(page, live_server.url, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def _agency_bundle(pem: bytes, public: bytes, seq: int, progress: list[dict], ack: int) -> bytes:
    """What the justice department's node would send the province: its progress records,
    numbered `seq`, acknowledging the province's bundles up to `ack` (as `_bundle()` in
    bmnn/sync/tests/test_channel.py)."""
    return agency_bundle(pem, public, seq, progress, ack, issuer="Nút Sở Tư pháp")


def _update(uid: int, assignment: Assignment, note: str) -> dict:
    return progress_update(uid, assignment.pk, "in_progress", note, "baomat")


def _card(role: str, name: str, agency: str, public: bytes) -> str:
    """A node's card as an administrator pastes it."""
    card = {"role": role, "name": name, "agency": agency, "key": bundles.public_key_text(public)}
    return json.dumps(card, ensure_ascii=False)


def _on_sync_page(window: Callable[[str], Any], live_server: Any, username: str) -> Any:
    """`username`'s window, on the node's page."""
    page = window(username)
    page.goto(f"{live_server.url}/sync/")
    page.wait_for_url(f"{live_server.url}/sync/")
    return page


def _cells(table: Any) -> list[list[str]]:
    rows = table.locator("tbody tr")
    return [
        [cell.strip() for cell in rows.nth(i).locator("td").all_inner_texts()]
        for i in range(rows.count())
    ]


TRAINING = "Tập huấn công tác bảo vệ bí mật nhà nước"


def test_province_trusts_an_agency_node_sends_and_receives_bundles(
    window, live_server, tmp_path: Path
) -> None:
    load_demo()
    justice = Agency.objects.get(code=JUSTICE)
    plan = create_plan(
        actor=Person.objects.get(username="giamsat"),
        header={"title": "Kế hoạch năm 2026"},
        tasks=[task("1", TRAINING, ("Sở Tư pháp", justice.pk), date(2026, 12, 20))],
    )
    issue_plan(actor=Person.objects.get(username="giamsat"), plan=plan)
    assignment = Assignment.objects.get(agency=justice)
    pem, public = bundles.generate_key()  # the agency node's key
    card = _card("agency", "Nút Sở Tư pháp", JUSTICE, public)
    agency_fp = node.fingerprint(bundles.public_key_text(public))

    # The administrator: this node's card and fingerprint, then trust by pasting the card.
    admin = _on_sync_page(window, live_server, "quantri")
    this_node = admin.get_by_test_id("this-node")
    expect(this_node).to_contain_text("Nút cấp tỉnh")
    expect(admin.get_by_test_id("own-fingerprint")).to_have_text(
        node.fingerprint(channel.own_card()["key"])
    )
    assert json.loads(admin.locator("#own-card").input_value()) == channel.own_card()
    expect(admin.get_by_text("Chưa tin cậy nút nào.")).to_be_visible()
    # Pasting this node's own card by mistake is refused with a message.
    admin.get_by_label("Tin cậy nút khác: dán thẻ của nút đó").fill(
        admin.locator("#own-card").input_value()
    )
    admin.get_by_role("button", name="Tin cậy nút này").click()
    expect(admin.locator("#id_card_error")).to_contain_text("nút thuộc loại còn lại")
    expect(admin.locator("#id_card")).to_have_attribute("aria-invalid", "true")
    assert not Peer.objects.exists()
    admin.get_by_label("Tin cậy nút khác: dán thẻ của nút đó").fill(card)
    admin.get_by_role("button", name="Tin cậy nút này").click()
    expect(admin.locator(".alert-success")).to_contain_text("Đã tin cậy Nút Sở Tư pháp")
    expect(admin.locator(".alert-success")).to_contain_text(agency_fp)
    peers = _cells(admin.get_by_test_id("peers"))
    assert len(peers) == 1
    assert peers[0][0].splitlines() == ["Nút Sở Tư pháp", "Nút của cơ quan"]
    assert peers[0][1:] == [agency_fp, "—", "—", "0"]
    peer = Peer.objects.get()
    assert (peer.agency, peer.role, peer.added_by.username) == (justice, "agency", "quantri")

    # The supervisor carries the bundles but does not set up trust.
    supervisor = window("giamsat")
    supervisor.goto(f"{live_server.url}/sync/")
    expect(supervisor.get_by_test_id("trust-form")).to_have_count(0)
    expect(supervisor.get_by_test_id("receive-form")).to_be_visible()
    supervisor.get_by_test_id("peers").get_by_role("link", name="Nút Sở Tư pháp").click()
    supervisor.wait_for_url(f"{live_server.url}/sync/peers/{peer.pk}/")
    expect(supervisor.get_by_role("heading", name="Nút Sở Tư pháp")).to_be_visible()
    expect(supervisor.get_by_text(agency_fp)).to_be_visible()
    expect(supervisor.get_by_text("Chưa gửi gói nào.")).to_be_visible()
    expect(supervisor.get_by_text("Chưa nhận gói nào.")).to_be_visible()
    expect(supervisor.get_by_role("button", name="Hủy tin cậy nút này")).to_have_count(0)
    supervisor.get_by_role("button", name="Tạo gói dữ liệu tiếp theo cho nút này").click()
    expect(supervisor.locator(".alert-success")).to_be_visible()
    sent = Outbound.objects.get()
    assert sent.seq == 1 and sent.contents["plans"] == 1 and sent.contents["directory"] > 3
    outbox = _cells(supervisor.get_by_test_id("outbox"))
    assert len(outbox) == 1 and outbox[0][0] == "1"
    carried = outbox[0][2]
    assert f"danh bạ ({sent.contents['directory']})" in carried and "kế hoạch (1)" in carried
    assert outbox[0][3] == "chưa xác nhận"

    with supervisor.expect_download() as download:
        supervisor.get_by_test_id("outbox").get_by_role("link", name="Tải về").click()
    assert download.value.suggested_filename == "bmnn-tinh-den-demo-stp-00001.bmnn"
    data = Path(download.value.path()).read_bytes()
    assert data[:2] == b"PK" and len(data) == sent.size

    # The agency's bundle no. 1 comes back: a progress update, acknowledging no. 1.
    upload = tmp_path / "bmnn-demo-stp-den-tinh-00001.bmnn"
    upload.write_bytes(
        _agency_bundle(pem, public, 1, [_update(10, assignment, "Đã tổ chức tập huấn")], ack=1)
    )
    supervisor.goto(f"{live_server.url}/sync/")
    supervisor.get_by_label("Tệp gói dữ liệu").set_input_files(upload)
    supervisor.get_by_role("button", name="Nhập", exact=True).click()
    supervisor.wait_for_url(f"{live_server.url}/sync/peers/{peer.pk}/")
    expect(supervisor.locator(".alert-success")).to_contain_text(
        "Đã nhập gói dữ liệu số 1 của Nút Sở Tư pháp."
    )
    inbox = _cells(supervisor.get_by_test_id("inbox"))
    assert len(inbox) == 1
    assert (inbox[0][0], inbox[0][2], inbox[0][3]) == ("1", "tiến độ nhiệm vụ (1)", "Đã nhập")
    outbox = _cells(supervisor.get_by_test_id("outbox"))
    assert re.fullmatch(r"có, \d{2}/\d{2}/\d{4}", outbox[0][3]), outbox[0][3]
    assert list(ProgressUpdate.objects.values_list("note", flat=True)) == ["Đã tổ chức tập huấn"]
    sent.refresh_from_db()
    assert sent.acknowledged_at is not None

    # The overview now shows both directions for the node.
    supervisor.goto(f"{live_server.url}/sync/")
    row = _cells(supervisor.get_by_test_id("peers"))[0]
    assert row[2].startswith("số 1 ·") and row[2].endswith("✓") and row[3] == "số 1", row

    # An altered bundle no. 2 (one byte flipped) is refused whole, with the reason.
    good = _agency_bundle(pem, public, 2, [_update(11, assignment, "Bị sửa")], ack=1)
    middle = len(good) // 2
    altered = tmp_path / "bmnn-demo-stp-den-tinh-00002.bmnn"
    altered.write_bytes(good[:middle] + bytes([good[middle] ^ 1]) + good[middle + 1 :])
    supervisor.get_by_label("Tệp gói dữ liệu").set_input_files(altered)
    supervisor.get_by_role("button", name="Nhập", exact=True).click()
    supervisor.wait_for_load_state()
    expect(supervisor.locator("#id_bundle_error")).to_contain_text(
        "Gói dữ liệu đã bị thay đổi sau khi ký."
    )
    assert supervisor.url == f"{live_server.url}/sync/receive/"  # the same page, refused
    assert AuditEvent.objects.filter(action="sync.refuse").count() == 1
    assert list(Inbound.objects.values_list("seq", "state")) == [(1, "imported")]
    assert ProgressUpdate.objects.count() == 1
    supervisor.get_by_test_id("peers").get_by_role("link", name="Nút Sở Tư pháp").click()
    assert len(_cells(supervisor.get_by_test_id("inbox"))) == 1
    assert admin.console_errors == [] and supervisor.console_errors == []


def test_agency_node_pages_for_its_officer_and_not_for_another_agency(
    window, live_server, settings
) -> None:
    settings.BMNN_NODE, settings.BMNN_NODE_AGENCY = "agency", JUSTICE
    load_demo()
    _pem, public = bundles.generate_key()  # the province node's key
    province_card = _card("province", "Nút tỉnh Bắc Lâm", "", public)
    peer = services.trust_peer(actor=Person.objects.get(username="quantri"), card=province_card)
    province_fp = node.fingerprint(bundles.public_key_text(public))

    officer = _on_sync_page(window, live_server, "baomat")
    this_node = officer.get_by_test_id("this-node")
    expect(this_node).to_contain_text("Sở Tư pháp")
    expect(this_node).to_contain_text("Nút của cơ quan")
    expect(this_node).not_to_contain_text("Nút cấp tỉnh")
    card = json.loads(officer.locator("#own-card").input_value())
    assert (card["role"], card["agency"]) == ("agency", JUSTICE)
    expect(officer.get_by_test_id("own-fingerprint")).to_have_text(node.fingerprint(card["key"]))
    peers = _cells(officer.get_by_test_id("peers"))
    assert len(peers) == 1
    assert peers[0][0].splitlines() == ["Nút tỉnh Bắc Lâm", "Nút cấp tỉnh"]
    assert peers[0][1] == province_fp
    expect(officer.get_by_test_id("trust-form")).to_have_count(0)  # trust is the administrator's
    expect(officer.get_by_test_id("receive-form")).to_be_visible()

    officer.get_by_test_id("peers").get_by_role("link", name="Nút tỉnh Bắc Lâm").click()
    officer.wait_for_url(f"{live_server.url}/sync/peers/{peer.pk}/")
    expect(officer.get_by_text("Chưa gửi gói nào.")).to_be_visible()
    officer.get_by_role("button", name="Tạo gói dữ liệu tiếp theo cho nút này").click()
    expect(officer.locator(".alert-success")).to_be_visible()
    sent = Outbound.objects.get()
    assert (sent.seq, sent.peer, sent.created_by.username) == (1, peer, "baomat")
    outbox = _cells(officer.get_by_test_id("outbox"))
    assert len(outbox) == 1 and outbox[0][0] == "1"
    assert sent.contents == {}  # no progress, report or incident yet: only the acknowledgement
    assert outbox[0][2] == "chỉ xác nhận đã nhận"
    assert outbox[0][3] == "chưa xác nhận"
    with officer.expect_download() as download:
        officer.get_by_test_id("outbox").get_by_role("link", name="Tải về").click()
    assert download.value.suggested_filename == "bmnn-demo-stp-den-tinh-00001.bmnn"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"
    assert officer.console_errors == []

    # The head of another agency (the provincial People's Committee) carries nothing here.
    other = window("chutich")
    expect(other.get_by_role("link", name=NAV)).to_have_count(0)
    assert other.goto(f"{live_server.url}/sync/").status == 200  # this node's public card only
    expect(other.get_by_test_id("peers")).to_have_count(0)
    expect(other.get_by_test_id("receive-form")).to_have_count(0)
    assert other.goto(f"{live_server.url}/sync/peers/{peer.pk}/").status == 404
    assert other.goto(f"{live_server.url}/sync/outbox/{sent.pk}/download/").status == 404
    assert Outbound.objects.count() == 1
