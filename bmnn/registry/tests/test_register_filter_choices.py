"""Issue 19, the register list: a classification level or a status that is not in its list
(sent by hand in the address) is refused by its field, in Vietnamese, in `<id>_error`; the page
still answers with the other filters applied, never an error 500."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bmnn.registry.tests.builders import LETTER, classified

pytestmark = pytest.mark.django_db

LEVEL_MESSAGE = "Chọn một độ mật trong danh sách."
STATUS_MESSAGE = "Chọn một tình trạng trong danh sách."


@pytest.fixture
def item(reg):
    return classified(reg, copy_allowed=True, **LETTER)


def _page(client, query: dict[str, str]) -> str:
    response = client.get(reverse("registry:item_list"), query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _select(page: str, field_id: str) -> str:
    tag = re.search(rf'<select[^>]*id="{field_id}"[^>]*>', page)
    assert tag, field_id
    return tag[0]


def _message(page: str, field_id: str) -> str | None:
    found = re.search(
        rf'<div class="invalid-feedback d-block" id="{field_id}_error">([^<]*)</div>', page
    )
    return found[1] if found else None


def _refused_by_its_field(page: str, field_id: str, message: str, other_id: str) -> None:
    """The message is the field's, the field says it is invalid, the other field says nothing."""
    assert _message(page, field_id) == message
    select = _select(page, field_id)
    assert 'aria-invalid="true"' in select and f'aria-describedby="{field_id}_error"' in select
    assert _message(page, other_id) is None


def _listed(page: str) -> bool:
    table = re.search(r'data-testid="register-list".*?</table>', page, re.S)
    assert table
    return "12/CV-STP" in table[0]


def test_a_forged_level_is_refused_by_its_field_and_the_words_still_search(
    reg, item, client_for
) -> None:
    officer = client_for(reg["officer"])
    page = _page(officer, {"level": "xyz", "q": "12/CV"})
    _refused_by_its_field(page, "id_level", LEVEL_MESSAGE, "id_status")
    assert "aria-invalid" not in _select(page, "id_status")
    assert 'value="12/CV"' in page and _listed(page)
    # the words are still applied: others find nothing
    assert not _listed(_page(officer, {"level": "xyz", "q": "99/QĐ"}))
    # the status is still applied while the level is refused
    assert _listed(_page(officer, {"level": "xyz", "status": "classified"}))
    assert not _listed(_page(officer, {"level": "xyz", "status": "destroyed"}))


def test_a_forged_status_is_refused_by_its_field_and_the_level_still_filters(
    reg, item, client_for
) -> None:
    officer = client_for(reg["officer"])
    page = _page(officer, {"status": "'; DROP TABLE x; --", "level": "mat"})
    _refused_by_its_field(page, "id_status", STATUS_MESSAGE, "id_level")
    assert _listed(page)
    assert not _listed(_page(officer, {"status": "xyz", "level": "toi_mat"}))


def test_a_level_and_status_from_the_lists_bring_no_message(reg, item, client_for) -> None:
    page = _page(client_for(reg["officer"]), {"level": "mat", "status": "classified"})
    assert _message(page, "id_level") is None and _message(page, "id_status") is None
    assert "aria-invalid" not in page.split('data-testid="register-filter"')[1].split("</form>")[0]
    assert _listed(page)
