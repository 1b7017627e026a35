"""The checklist suggests answers from BMNN's own records (issue 14, point 16): devices connected
now (L25 Art. 5.2) and ever connected (provincial plan under QD452, II.4) from the inventory;
recalled documents past their date (ND26 Art. 4.4; L25 Art. 5.4) and holders' notices past their
15 days (L25 Art. 21.5; L18 Art. 20.4, 22.6) from the registry; the police's budget estimate
(L18 Art. 6; TT110 Art. 3). A suggestion is shown to the inspection team and fills the form; the
answer is still the inspector's."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bmnn.devices import services as devices
from bmnn.devices.tests.builders import new_lan
from bmnn.inspections import prefill, services
from bmnn.inspections.models import Answer, BudgetLine
from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import AgencyType, Role
from bmnn.registry.models import HolderNotice, ItemStatus, Origin, Recall, RecallReturn, SecretItem
from bmnn.registry.queries import remarking_overdue

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def world(make_agency, make_person):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    people = {
        "police": police,
        "justice": justice,
        "health": health,
        "supervisor": make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát"),
        "inspector": make_person(police, Role.INSPECTOR, "Phạm Quốc Bảo"),
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
    }
    people["inspection"] = new_inspection(
        people["supervisor"],
        [justice, police],
        title="Kiểm tra 2026",
        year=TODAY.year,
        period_from=date(2026, 1, 1),
        **dict.fromkeys(("period_to", "on_site_from", "on_site_to"), TODAY),
        leader=people["inspector"],
    )
    people["target"] = people["inspection"].targets.get(agency=justice)
    return people


def _device(world, tag: str, **fields):
    values = {
        "asset_tag": tag,
        "kind": "computer",
        "highest_level": "mat",
        "connected_to": "none",
    } | fields
    values.setdefault(
        "ever_connected", "no" if values["connected_to"] in ("none", "lan") else "yes"
    )
    return devices.save_device(actor=world["officer"], agency=world["justice"], **values)


def _suggested(world, code: str) -> prefill.Suggestion | None:
    return prefill.suggestions(world["target"], today=TODAY).get(code)


def _item(world, agency, number: str, **fields) -> SecretItem:
    values = {"origin": Origin.CREATED, "level": "mat", "status": ItemStatus.CLASSIFIED} | fields
    return SecretItem.objects.create(agency=agency, number=number, **values)


# --- devices ---------------------------------------------------------------------------------


def test_a_device_used_for_secrets_while_connected_suggests_not_compliant(world) -> None:
    """L25 Art. 5.2: the asset tag is named; a LAN machine is not."""
    lan = new_lan(world, name="LAN", measures="Không kết nối Internet")
    _device(world, "STP-MT-02", connected_to="lan", lan=lan)
    assert _suggested(world, "computers.offline").result == Answer.Result.COMPLIANT
    _device(world, "STP-LT-03", connected_to="internet")
    offline = _suggested(world, "computers.offline")
    assert offline.result == Answer.Result.NOT_COMPLIANT
    assert "STP-LT-03" in offline.evidence and "STP-MT-02" not in offline.evidence


def test_a_connected_device_with_no_level_is_mentioned_but_does_not_decide(world) -> None:
    """L25 Art. 5.2 forbids secrets on it; with no level recorded it is not shown as in use."""
    _device(world, "STP-MT-09", connected_to="internet", highest_level="")
    offline = _suggested(world, "computers.offline")
    assert offline.result == Answer.Result.COMPLIANT and "STP-MT-09" in offline.evidence


def test_ever_connected_devices_are_listed_for_the_inspector_to_check(world) -> None:
    """Provincial plan under QD452, II.4: checked before use — the records cannot say whether the
    check was made, so no result is suggested while such a device exists."""
    _device(world, "STP-MT-01")
    assert _suggested(world, "computers.ever_connected").result == Answer.Result.COMPLIANT
    _device(
        world,
        "STP-MT-02",
        ever_connected="yes",
        ever_connected_on=date(2024, 3, 15),
        ever_connected_to="Internet văn phòng",
    )
    _device(world, "STP-MT-04", ever_connected="unknown")
    ever = _suggested(world, "computers.ever_connected")
    assert ever.result == ""
    assert (
        "STP-MT-02 (15/03/2024, Internet văn phòng)" in ever.evidence
        and "STP-MT-04" in ever.evidence
    )
    assert "STP-MT-01" not in ever.evidence


def test_an_agency_with_no_device_recorded_gets_no_result(world) -> None:
    """L25 Art. 5.2: an empty inventory proves nothing."""
    assert _suggested(world, "computers.offline").result == ""
    assert _suggested(world, "computers.ever_connected").result == ""
    assert _suggested(world, "computers.lan").result == Answer.Result.NOT_APPLICABLE


def test_a_retired_device_is_not_counted(world) -> None:
    device = _device(world, "STP-LT-03", connected_to="internet")
    devices.save_device(
        actor=world["officer"], agency=world["justice"], device=device, active=False
    )
    assert _suggested(world, "computers.offline").result == ""


# --- the registry ----------------------------------------------------------------------------


def test_a_recalled_document_past_its_date_suggests_not_compliant(world) -> None:
    """ND26 Art. 4.4: returned by the date written on the document; late from the day after it."""
    item = _item(world, world["justice"], "12/BC-STP")
    recall = Recall.objects.create(
        item=item,
        return_by=TODAY,
        decided_by=world["officer"],
        decided_on=TODAY - timedelta(days=20),
    )
    line = RecallReturn.objects.create(
        recall=recall, recipient="Sở Y tế", to_agency=world["health"]
    )
    assert _suggested(world, "transport.recall").result == Answer.Result.COMPLIANT  # due today
    Recall.objects.filter(pk=recall.pk).update(return_by=TODAY - timedelta(days=1))
    late = _suggested(world, "transport.recall")
    assert late.result == Answer.Result.NOT_COMPLIANT
    assert (TODAY - timedelta(days=1)).strftime("%d/%m/%Y") in late.evidence
    assert "12/BC-STP" not in late.evidence  # counts and dates, never the item
    RecallReturn.objects.filter(pk=line.pk).update(returned_on=TODAY)
    assert _suggested(world, "transport.recall").result == Answer.Result.COMPLIANT


def test_a_copy_the_agency_owes_back_counts_too(world) -> None:
    """ND26 Art. 4.4: the holder of a recalled copy returns it by the date."""
    item = _item(world, world["health"], "7/KH-SYT")
    recall = Recall.objects.create(
        item=item,
        return_by=TODAY - timedelta(days=3),
        decided_by=world["officer"],
        decided_on=TODAY - timedelta(days=30),
    )
    RecallReturn.objects.create(recall=recall, recipient="Sở Tư pháp", to_agency=world["justice"])
    assert _suggested(world, "transport.recall").result == Answer.Result.NOT_COMPLIANT


def test_a_notice_past_its_fifteen_days_suggests_not_compliant(world) -> None:
    """L25 Art. 21.5; L18 Art. 20.4, 22.6: copies re-marked within 15 days; late from the day
    after `remark_by`, as record_remarking counts it."""
    held = _item(world, world["justice"], "5/QĐ-UBND", origin=Origin.RECEIVED)
    notice = HolderNotice.objects.create(
        item=held,
        kind=HolderNotice.Kind.EXTENSION,
        issuer_name="UBND tỉnh",
        decided_on=TODAY - timedelta(days=15),
        received_on=TODAY - timedelta(days=15),
        remark_by=TODAY,
    )
    assert _suggested(world, "declassification.notices").result == Answer.Result.COMPLIANT
    assert remarking_overdue({world["justice"].pk}, TODAY) == []
    HolderNotice.objects.filter(pk=notice.pk).update(remark_by=TODAY - timedelta(days=1))
    assert remarking_overdue({world["justice"].pk}, TODAY) == [notice]
    assert remarking_overdue({world["health"].pk}, TODAY) == []
    late = _suggested(world, "declassification.notices")
    assert late.result == Answer.Result.NOT_COMPLIANT and late.evidence.startswith("1 ")
    HolderNotice.objects.filter(pk=notice.pk).update(remarked_on=TODAY)
    assert remarking_overdue({world["justice"].pk}, TODAY) == []
    assert _suggested(world, "declassification.notices").result == Answer.Result.COMPLIANT


# --- the budget ------------------------------------------------------------------------------


def test_the_police_budget_estimate_is_shown_for_the_police_only(world) -> None:
    """L18 Art. 6; TT110 Art. 3: the provincial police prepare the estimate (seed plan 000 III.1)."""
    police_target = world["inspection"].targets.get(agency=world["police"])
    assert "budget.estimate" not in prefill.suggestions(world["target"], today=TODAY)
    missing = prefill.suggestions(police_target, today=TODAY)["budget.estimate"]
    assert missing.result == "" and str(TODAY.year) in missing.evidence
    services.save_budget(
        actor=world["supervisor"],
        year=TODAY.year,
        lines=[("Mua két sắt", 50_000_000)],
        status="submitted",
    )
    assert BudgetLine.objects.exists()
    shown = prefill.suggestions(police_target, today=TODAY)["budget.estimate"]
    assert (
        shown.result == ""
        and str(TODAY.year) in shown.evidence
        and shown.evidence != missing.evidence
    )


# --- the page and the API --------------------------------------------------------------------


def test_the_page_fills_the_form_for_the_team_and_shows_nothing_to_the_agency(
    world, client_for
) -> None:
    """L25 Art. 5.2: the suggestion fills an unanswered item; a given answer stays as given."""
    _device(world, "STP-LT-03", connected_to="internet")
    url = f"/inspections/{world['inspection'].pk}/agencies/{world['target'].pk}/"
    page = client_for(world["inspector"]).get(url).content.decode()
    row = page.split('data-testid="item-computers.offline"')[1].split("</tr>")[0]
    assert 'data-testid="prefill-computers.offline"' in row and "STP-LT-03" in row
    assert '<option value="not_compliant" selected>' in row
    assert 'data-testid="citation-legend"' in page
    agency_page = client_for(world["officer"]).get(url).content.decode()
    assert "prefill-" not in agency_page and 'data-testid="item-computers.offline"' in agency_page

    item = world["inspection"].items.get(code="computers.offline")
    services.answer(
        actor=world["inspector"],
        target=world["target"],
        item=item,
        result="not_applicable",
        evidence="Máy đã được thu hồi trước ngày kiểm tra",
    )
    page = client_for(world["inspector"]).get(url).content.decode()
    row = page.split('data-testid="item-computers.offline"')[1].split("</tr>")[0]
    assert '<option value="not_applicable" selected>' in row and "Máy đã được thu hồi" in row
    assert '<option value="not_compliant" selected>' not in row


def test_the_api_gives_the_suggestions_to_the_team_only(world, client_for) -> None:
    _device(world, "STP-LT-03", connected_to="internet")
    url = f"/api/inspections/{world['inspection'].pk}/checklist/"
    rows = client_for(world["inspector"]).get(url, {"target": world["target"].pk}).json()
    by_code = {row["code"]: row for row in rows}
    assert by_code["computers.offline"]["suggested"]["result"] == "not_compliant"
    assert by_code["ai.no_secrets"]["suggested"] is None
    assert "suggested" not in client_for(world["inspector"]).get(url).json()[0]
    assert client_for(world["officer"]).get(url, {"target": world["target"].pk}).status_code == 403
    assert client_for(world["inspector"]).get(url, {"target": "x"}).status_code == 404
