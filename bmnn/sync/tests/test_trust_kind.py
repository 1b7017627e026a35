"""Trust goes only to a node of the other kind (`sync.rules.may_exchange`), checked by the
service: a province node refuses another province node's card and records nothing."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError

from bmnn.core import bundles
from bmnn.core.models import AuditEvent
from bmnn.org.models import AgencyType, Role
from bmnn.sync import services
from bmnn.sync.models import Peer

pytestmark = pytest.mark.django_db


def _card(role: str, **extra: str) -> str:
    _pem, public = bundles.generate_key()
    return json.dumps(
        {"role": role, "name": f"Nút {role}", "key": bundles.public_key_text(public), **extra}
    )


def test_a_province_node_trusts_an_agency_node_but_not_another_province_node(
    make_agency, make_person, settings
) -> None:
    settings.BMNN_NODE = "province"
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    make_agency("Sở Y tế", code="so-y-te")
    admin = make_person(police, Role.ADMINISTRATOR, "Đỗ Minh Khoa")
    with pytest.raises(ValidationError) as refused:
        services.trust_peer(actor=admin, card=_card("province"))
    assert refused.value.message_dict["card"] == [
        "Một nút chỉ trao đổi gói dữ liệu với nút thuộc loại còn lại (cấp tỉnh với cơ quan)."
    ]
    assert not Peer.objects.exists()
    assert not AuditEvent.objects.filter(action="sync.trust").exists()
    peer = services.trust_peer(actor=admin, card=_card("agency", agency="so-y-te"))
    assert peer.role == "agency"
    assert AuditEvent.objects.filter(action="sync.trust").count() == 1
