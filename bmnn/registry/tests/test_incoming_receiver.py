"""The incoming register's "Đơn vị và ký nhận" column names the unit or person inside the agency
the item is passed to, who signs for it (Decree 63/2026 Appendix III, column 9; ND26 Art. 4.2),
not the clerk who writes the line."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bmnn.registry.forms import IncomingForm
from bmnn.registry.models import Book, RegisterEntry
from bmnn.registry.tests.builders import incoming_body, provided, received

pytestmark = pytest.mark.django_db


def _register(reg, **extra) -> RegisterEntry:
    return received(reg, number="5/BTP", **extra)


def test_the_receiving_unit_is_written_in_its_column(reg) -> None:
    """Decree 63/2026 Appendix III col. 9: the unit or person that receives and signs."""
    entry = _register(reg, receiver="  Phòng Bổ trợ tư pháp — Vũ Đức Hiếu ")
    assert entry.columns["receiver"] == "Phòng Bổ trợ tư pháp — Vũ Đức Hiếu"
    assert reg["officer"].full_name not in entry.columns.values()


def test_without_a_named_unit_the_agency_keeps_it(reg) -> None:
    assert _register(reg).columns["receiver"] == "Sở Tư pháp"


def test_a_provided_copy_is_received_by_the_agency(reg) -> None:
    """ND26 Art. 4.2–4.3: the receiving agency signs for a provided copy; nobody inside it is
    named at that moment, so the column names the agency."""
    sent = _register(reg, copies=1)
    item = provided(reg, sent.item.copies.get())
    line = RegisterEntry.objects.get(kind=Book.INCOMING, item=item)
    assert line.columns["receiver"] == "Sở Y tế"


def test_the_page_asks_for_the_receiving_unit(reg, client_for) -> None:
    data = {
        "issuer_name": "Bộ Tư pháp",
        "number": "6/BTP",
        "doc_date": "01/04/2026",
        "level": "mat",
        "copies": 1,
        "received_on": "02/04/2026",
    }
    assert "receiver" in IncomingForm(data).errors
    client = client_for(reg["officer"])
    response = client.post(reverse("registry:incoming"), {**data, "receiver": "Văn phòng Sở"})
    assert response.status_code == 302
    assert RegisterEntry.objects.get(kind=Book.INCOMING).columns["receiver"] == "Văn phòng Sở"


def test_the_api_takes_the_receiving_unit(reg, client_for) -> None:
    body = incoming_body(reg, "8/BTP", receiver="Phòng Văn bản")
    made = client_for(reg["officer"]).post(
        "/api/secret-items/incoming/", body, content_type="application/json"
    )
    assert made.status_code == 201
    assert RegisterEntry.objects.get(kind=Book.INCOMING).columns["receiver"] == "Phòng Văn bản"
