"""The item's page shows the envelope letter the registry's rule gives its level (A, B, C:
Decree 26/2020 Art. 4.1.b), not one the template works out for itself."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bmnn.registry import services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("level", "letter"), [("tuyet_mat", "A"), ("toi_mat", "B"), ("mat", "C")])
def test_the_item_page_shows_the_envelope_letter_of_its_level(
    reg, client_for, level, letter
) -> None:
    item = services.propose_item(
        actor=reg["head"],
        agency=reg["justice"],
        level=level,
        catalogue_item=reg[f"cat_{level}"],
        doc_type="Kế hoạch",
        summary="Rà soát",
    )
    assert item.envelope_mark == letter
    page = client_for(reg["head"]).get(reverse("registry:item", args=[item.pk])).content.decode()
    shown = re.search(r"Ký hiệu bì</dt>\s*<dd[^>]*>\s*([^<]*?)\s*</dd>", page)
    assert shown is not None and shown.group(1) == letter
