"""The default checklist under the 2025 regime (issue 14, point 16): every item cites Law
117/2025/QH15 or Decree 63/2026 where they apply, else says it rests on an old text; the legal
review's new items are there with their articles; a new inspection copies them."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bmnn.inspections import checklist
from bmnn.inspections.tests.builders import new_inspection
from bmnn.org.models import Role

ITEMS = {item.code: item for area in checklist.AREAS for item in area.items}
OLD_TEXTS = re.compile(r"\b(L18|ND26|TT24)\b")


def test_every_item_cites_the_2025_regime_or_says_it_rests_on_an_old_text() -> None:
    """LAW.md "Sources and what is in force": L25 and ND63 replaced L18, ND26 and TT24 on
    01/3/2026; a citation of a replaced text says so."""
    for item in ITEMS.values():
        cites_new = re.search(r"\b(L25|ND63)\b", item.source)
        says_old = "(old text" in item.source
        assert cites_new or says_old, item.code
        if OLD_TEXTS.search(item.source):
            assert says_old, item.code
        assert len(item.source) <= 255, item.code  # ChecklistItem.source


@pytest.mark.parametrize(
    ("code", "articles"),
    [
        (
            "ai.no_secrets",
            ["L25 Art. 5", "QD452, II.4"],
        ),  # 2025 prohibition on AI infringing secrets
        ("ai.lawful_use", ["L25 Art. 5", "QD452, II.4"]),
        ("budget.estimate", ["L18 Art. 6", "TT110 Art. 3", "III.1"]),  # K21
        ("computers.offline", ["L25 Art. 5.2"]),  # currently connected
        ("computers.ever_connected", ["QD452, II.4", "L18 Art. 5.5 (old text"]),  # ever connected
        ("computers.lan", ["L25 Art. 2, 5.2"]),
        ("transport.recall", ["ND26 Art. 4.4", "L25 Art. 5.4"]),  # "Tài liệu thu hồi"
        ("declassification.notices", ["L25 Art. 21.5", "L18 Art. 20.4, 22.6"]),  # 15-day re-marking
        ("classification.catalogue", ["L25 Art. 5.1"]),
        ("copying.authority", ["L25 Art. 11"]),
        ("declassification.periods", ["L25 Art. 21, 22.1.a"]),
    ],
)
def test_the_items_the_legal_review_asks_for_cite_their_articles(code, articles) -> None:
    for article in articles:
        assert article in ITEMS[code].source, (code, article)


def test_the_current_and_the_past_connection_are_separate_items() -> None:
    """L25 Art. 5.2 speaks of devices connected now; the province checks those ever connected."""
    assert "đang kết nối" in ITEMS["computers.offline"].text
    assert "trừ mạng LAN độc lập" in ITEMS["computers.offline"].text
    assert "đã từng kết nối" in ITEMS["computers.ever_connected"].text
    assert "Tài liệu thu hồi" in ITEMS["transport.recall"].text


@pytest.mark.django_db
def test_a_new_inspection_copies_the_2025_checklist(make_agency, make_person) -> None:
    police, justice = make_agency("Công an tỉnh"), make_agency("Sở Tư pháp")
    supervisor = make_person(police, Role.SUPERVISOR)
    inspector = make_person(police, Role.INSPECTOR)
    inspection = new_inspection(
        supervisor, [justice], title="Kiểm tra 2026", period_from=date(2026, 1, 1), leader=inspector
    )
    assert inspection.checklist_version == checklist.VERSION == "2026.2"
    copied = dict(inspection.items.values_list("code", "source"))
    assert copied == {code: item.source for code, item in ITEMS.items()}
