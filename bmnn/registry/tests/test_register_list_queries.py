"""The register list's reads as reshaped for a million lines (issue 14): the search looks up a
number through the index and still matches the whole phrase; a member of staff's personal
need-to-know (drafter, approver, holder of a copy, explicit grant) is read as one set of ids and
still opens exactly those items within clearance (L18 Art. 26). Rows are created directly: what
is tested is reading them."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from bmnn.core.text import fold, search_key
from bmnn.registry import queries
from bmnn.registry.models import Copy, NeedToKnow, SecretItem

pytestmark = pytest.mark.django_db


def _item(agency, text: str, level: str = "mat", **fields) -> SecretItem:
    return SecretItem.objects.create(
        agency=agency,
        origin="received",
        level=level,
        status="classified",
        number=text[:60],
        summary=text,
        search_text=fold(text),
        **fields,
    )


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("phoi hop cong tac so 1235", "1235"),
        ("cong van 45/cv-stp ve 7", "45/cv-stp"),  # the longest word with a digit
        ("quyet dinh nam 2026", "quyet dinh nam 2026"),  # a bare year is in most documents
        ("ke hoach so 12", "ke hoach so 12"),  # two characters: no trigram to look up
        ("phoi hop cong tac", "phoi hop cong tac"),
        ("1235", "1235"),
    ],
)
def test_search_key_is_a_number_or_symbol_of_the_phrase(phrase, key) -> None:
    assert search_key(phrase) == key


def test_a_searched_phrase_is_matched_whole_not_only_by_its_number(reg) -> None:
    agency = reg["justice"]
    whole = _item(agency, "Về việc phối hợp công tác số 1235")
    longer = _item(agency, "Về việc phối hợp công tác số 12350")  # contains the phrase
    _item(agency, "Số 1235 về việc khác")  # the number without the phrase
    _item(agency, "Về việc phối hợp công tác số 999")  # the words without the number
    found = set(queries.items(reg["officer"], search="phối hợp công tác số 1235"))
    assert found == {whole, longer}


def test_the_list_page_finds_the_phrase_and_not_the_number_alone(reg, client_for) -> None:
    agency = reg["justice"]
    _item(agency, "Về việc phối hợp công tác số 1235")
    _item(agency, "Số 1235 về việc khác")
    page = client_for(reg["officer"]).get(
        reverse("registry:item_list"), {"q": "phoi hop cong tac so 1235"}
    )
    text = page.content.decode()
    assert "Về việc phối hợp công tác số 1235" in text and "việc khác" not in text


def test_each_personal_need_to_know_opens_its_item_to_a_member_of_staff(reg) -> None:
    """L18 Art. 26: outside the register keepers, an item is read by the person who drafted or
    approved it, holds a copy of it, or was granted it — within their clearance (Mật here)."""
    staff, agency = reg["staff"], reg["justice"]
    drafted = _item(agency, "Dự thảo", author=staff)
    approved = _item(agency, "Đã duyệt", approved_by=staff)
    held = _item(agency, "Bản sao đang giữ")
    Copy.objects.create(item=held, number=1, kind="copy", holder=staff)
    granted = _item(agency, "Được cho phép")
    NeedToKnow.objects.create(
        item=granted, person=staff, granted_by=reg["head"], granted_on=date(2026, 1, 5)
    )
    _item(agency, "Không liên quan")  # the agency's, but nothing personal
    _item(agency, "Tối mật tự soạn", level="toi_mat", author=staff)  # above the clearance
    _item(reg["health"], "Sở khác", author=staff)  # another agency's register
    assert set(queries.items(staff)) == {drafted, approved, held, granted}
    assert list(queries.items(reg["staff_uncleared"])) == []
