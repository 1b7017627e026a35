"""The demo province's node page: one agency that runs its own node (Sở Ngoại vụ, or
the first other agency with a task of the issued plan), trusted, with a bundle sent to it and its
first bundle back (progress on its task), acknowledged."""

from __future__ import annotations

import json

from django.utils import timezone

from bmnn.core import bundles
from bmnn.org.demo import POLICE_CODE
from bmnn.org.models import Person
from bmnn.plans.models import Assignment
from bmnn.sync import channel, node, services
from bmnn.sync.models import Peer

PREFERRED = "demo-sngv"


def load_demo_nodes() -> int:
    if Peer.objects.exists():
        return 0
    assignments = Assignment.objects.filter(task__plan__status="issued").select_related("agency")
    assignment = (
        assignments.filter(agency__code=PREFERRED).first()
        or assignments.exclude(agency__code=POLICE_CODE).order_by("pk").first()
    )
    if assignment is None:
        return 0
    admin, supervisor = (
        Person.objects.get(username="quantri"),
        Person.objects.get(username="giamsat"),
    )
    agency = assignment.agency
    pem, public = bundles.generate_key()  # the agency node's key; it stays with that node
    card = {
        "role": "agency",
        "name": f"Nút {agency.name}",
        "agency": agency.code,
        "key": bundles.public_key_text(public),
    }
    peer = services.trust_peer(actor=admin, card=json.dumps(card, ensure_ascii=False))
    channel.export_bundle(actor=supervisor, peer=peer)
    progress = [
        {
            "id": 1,
            "assignment": assignment.pk,
            "status": "in_progress",
            "note": "Đã quán triệt kế hoạch tới các phòng; đang rà soát danh mục tài liệu mật.",
            "period": "",
            "at": timezone.now().isoformat(),
            "by": "Cán bộ bảo mật",
            "by_login": "baomat",
            "evidence": [],
        }
    ]
    envelope = {
        "from": bundles.key_id(public),
        "from_role": "agency",
        "from_name": peer.name,
        "from_agency": agency.code,
        "to": node.key_id(),
        "seq": 1,
        "ack": 1,
        "contents": {"progress": len(progress)},
    }
    files = {
        "envelope.json": json.dumps(envelope, ensure_ascii=False).encode(),
        "sections/progress.json": json.dumps(progress, ensure_ascii=False).encode(),
    }
    data = bundles.write(channel.KIND, files, private_pem=pem, issuer=peer.name)
    channel.import_bundle(actor=supervisor, data=data)
    return 2
