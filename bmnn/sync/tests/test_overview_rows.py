"""The node page's table of trusted nodes: for each node, the last bundle made for it (its
number and time, ✓ once acknowledged), the last number imported from it and how many of its
bundles are held. The figures are read for all nodes at once (test_more_list_query_counts
measures that); this checks each node still gets its own."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from bmnn.core import bundles
from bmnn.org.models import AgencyType, Role
from bmnn.sync.models import Inbound, Outbound, Peer

pytestmark = pytest.mark.django_db


def _peer(name: str) -> Peer:
    _private, public = bundles.generate_key()
    return Peer.objects.create(
        name=name,
        role="agency",
        key_id=bundles.key_id(public),
        public_key=bundles.public_key_text(public),
    )


def _sent(peer: Peer, seq: int, at: datetime, acknowledged: bool = False) -> None:
    made = Outbound.objects.create(
        peer=peer,
        seq=seq,
        sha256="0" * 64,
        size=10,
        file=f"{peer.pk}-{seq}.bmnn",
        acknowledged_at=at if acknowledged else None,
    )
    Outbound.objects.filter(pk=made.pk).update(created_at=at)  # auto_now_add ignores a value


def _received(peer: Peer, seq: int, state: str) -> None:
    Inbound.objects.create(
        peer=peer, seq=seq, state=state, created_at="2026-12-01T00:00:00+00:00", sha256="0", size=1
    )


def _cells(html: str, name: str) -> list[str]:
    """The text of each cell of the node's row, tags and spacing dropped."""
    start = html.index(f">{name}</a>")
    row = html[html.rindex("<tr>", 0, start) : html.index("</tr>", start)]
    cells = re.findall(r"<td>(.*?)</td>", row, flags=re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip() for cell in cells]


def test_each_node_shows_its_own_last_bundles_and_held_count(
    make_agency, make_person, client_for
) -> None:
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Hằng")
    health, justice = _peer("Nút Sở Y tế"), _peer("Nút Sở Tư pháp")
    _peer("Nút Sở Xây dựng")  # trusted, nothing exchanged yet
    # Sở Y tế: three bundles sent (the last acknowledged), 1–4 imported, 5 and 6 held
    for seq, day in ((1, 2), (2, 3), (3, 5)):
        _sent(health, seq, datetime(2026, 12, day, 2, 0, tzinfo=UTC), acknowledged=seq == 3)
    for seq in (1, 2, 3, 4):
        _received(health, seq, "imported")
    for seq in (5, 6):
        _received(health, seq, "held")
    # Sở Tư pháp: one bundle sent, not acknowledged; number 1 held, nothing imported yet
    _sent(justice, 1, datetime(2026, 12, 4, 8, 30, tzinfo=UTC))
    _received(justice, 1, "held")

    html = client_for(supervisor).get(reverse("sync:overview")).content.decode()

    # the times are shown in Hanoi time (UTC+7)
    assert _cells(html, "Nút Sở Y tế")[2:] == ["số 3 · 05/12/2026 09:00 ✓", "số 4", "2"]
    assert _cells(html, "Nút Sở Tư pháp")[2:] == ["số 1 · 04/12/2026 15:30", "—", "1"]
    assert _cells(html, "Nút Sở Xây dựng")[2:] == ["—", "—", "0"]
