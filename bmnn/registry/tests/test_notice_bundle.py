"""The classifier's notices reach a holder on another installation in a signed bundle (issue 14
point 2; L18 Art. 20.4, 21.5, 22.6; L25 Art. 21): applied to the holder's received copy of the
same item like a notice inside the installation; a bundle from an untrusted key, a damaged one
or one for another kind is refused whole; importing twice applies nothing twice."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bmnn.core import bundles, keys
from bmnn.core.audit_checkpoints import own_public_key
from bmnn.core.services import NotAllowed
from bmnn.registry.models import HolderNotice, ItemStatus
from bmnn.registry.notice_bundle import KIND, export_notices, import_notices
from bmnn.registry.tests.builders import change_level, classified, declassify, extend, received

pytestmark = pytest.mark.django_db


def _trust_this_installation(kind: str = KIND) -> None:
    """The holder's installation trusts the classifier's key (here both are this test's)."""
    keys.trust_key(
        actor=None,
        name="Sở Tư pháp (nút)",
        kind=kind,
        public_key=bundles.public_key_text(own_public_key()),
    )


def _sender_and_holder(reg, time_machine):
    """Sở Tư pháp classifies a Tối mật plan; Sở Y tế, on its own installation, registered the
    paper copy it received as incoming (no link inside BMNN, only number, date and issuer)."""
    item = classified(reg, "toi_mat", number="8/KH-STP", doc_type="Kế hoạch")
    held = received(
        reg,
        "toi_mat",
        by="health_officer",
        agency="health",
        issuer_name="Sở Tư pháp",
        number="8/KH-STP",
        doc_date=date(2026, 4, 2),
        received_on=date(2026, 4, 6),
    ).item
    time_machine.move_to(date(2027, 3, 1))
    extend(reg, item, date(2066, 4, 2), date(2027, 3, 1), "QĐ 40")
    change_level(reg, item, "mat", date(2027, 3, 1), "QĐ 41")
    return item, held


def test_a_holder_on_another_installation_applies_the_notices_from_a_bundle(
    reg, time_machine
) -> None:
    _item, held = _sender_and_holder(reg, time_machine)
    assert not held.notices.exists()  # not linked inside the installation: reached by bundle
    data = export_notices(actor=reg["officer"], agency=reg["justice"])
    _trust_this_installation()
    time_machine.move_to(date(2027, 3, 5))
    result = import_notices(actor=reg["health_officer"], agency=reg["health"], data=data)
    assert result == {"applied": 2, "already": 0, "unmatched": 0, "items": 1}
    held.refresh_from_db()
    assert (held.level, held.protected_until, held.status) == (
        "mat",
        date(2066, 4, 2),
        ItemStatus.CLASSIFIED,
    )
    notices = list(held.notices.order_by("pk"))
    assert [n.kind for n in notices] == [HolderNotice.Kind.EXTENSION, HolderNotice.Kind.LEVEL]
    assert all(n.remark_by == date(2027, 3, 20) and n.bundle for n in notices)
    again = import_notices(actor=reg["health_officer"], agency=reg["health"], data=data)
    assert again["applied"] == 0 and again["already"] == 2
    assert held.notices.count() == 2


def test_a_declassification_arrives_by_bundle_and_ends_the_copy(reg, time_machine) -> None:
    item, held = _sender_and_holder(reg, time_machine)
    council = ["Trần Văn Định, Chủ tịch", "Đại diện Sở Y tế"]
    declassify(reg, item, date(2027, 3, 1), "QĐ 42", council, "Hội đồng đề nghị giải mật")
    _trust_this_installation()
    import_notices(
        actor=reg["health_officer"],
        agency=reg["health"],
        data=export_notices(actor=reg["head"], agency=reg["justice"]),
    )
    held.refresh_from_db()
    assert (held.status, held.declassified_at) == (ItemStatus.DECLASSIFIED, date(2027, 3, 1))


def test_untrusted_damaged_or_wrong_bundles_are_refused_whole(reg, time_machine) -> None:
    _item, held = _sender_and_holder(reg, time_machine)
    data = export_notices(actor=reg["officer"], agency=reg["justice"])
    with pytest.raises(ValidationError):  # no key trusted for this kind yet
        import_notices(actor=reg["health_officer"], agency=reg["health"], data=data)
    _trust_this_installation()
    tampered = (
        data.replace(b"8/KH-STP", b"9/KH-STP") if b"8/KH-STP" in data else data[:-5] + b"xxxxx"
    )
    with pytest.raises(ValidationError):
        import_notices(actor=reg["health_officer"], agency=reg["health"], data=tampered)
    bad = bundles.write(
        KIND,
        {
            "payload.json": json.dumps(
                {
                    "items": [
                        {
                            "number": "8/KH-STP",
                            "doc_date": "2026-04-02",
                            "issuer": "Sở Tư pháp",
                            "notices": [
                                {
                                    "kind": "extension",
                                    "decided_on": "2027-03-01",
                                    "new_end": "2066-04-02",
                                },
                                {
                                    "kind": "level",
                                    "decided_on": "2027-03-01",
                                    "new_level": "secret!",
                                },
                            ],
                        }
                    ]
                }
            ).encode()
        },
        private_pem=keys.signing_key(),
        issuer="x",
    )
    with pytest.raises(ValidationError):
        import_notices(actor=reg["health_officer"], agency=reg["health"], data=bad)
    held.refresh_from_db()
    assert held.protected_until == date(2046, 4, 2) and not held.notices.exists()  # nothing applied


def test_only_the_holders_officer_imports_and_only_the_classifier_exports(
    reg, time_machine
) -> None:
    _sender_and_holder(reg, time_machine)
    with pytest.raises(NotAllowed):
        export_notices(actor=reg["health_officer"], agency=reg["justice"])
    data = export_notices(actor=reg["officer"], agency=reg["justice"])
    _trust_this_installation()
    with pytest.raises(NotAllowed):
        import_notices(actor=reg["staff"], agency=reg["health"], data=data)
    with pytest.raises(NotAllowed):
        import_notices(actor=reg["officer"], agency=reg["health"], data=data)


def test_the_page_exports_and_imports_a_bundle(reg, time_machine, client_for) -> None:
    """The same path through the page: the classifier's officer downloads the bundle, the
    holder's officer uploads it; a damaged upload is refused with a message, nothing applied."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    _item, held = _sender_and_holder(reg, time_machine)
    _trust_this_installation()
    sender = client_for(reg["officer"])
    response = sender.post("/registry/notices/", {"do": "export", "agency": reg["justice"].pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    holder = client_for(reg["health_officer"])
    broken = holder.post(
        "/registry/notices/",
        {"agency": reg["health"].pk, "bundle": SimpleUploadedFile("x.bmnn", b"not a bundle")},
        follow=True,
    )
    assert broken.status_code == 400 and not held.notices.exists()  # the form, with why
    done = holder.post(
        "/registry/notices/",
        {"agency": reg["health"].pk, "bundle": SimpleUploadedFile("t.bmnn", response.content)},
        follow=True,
    )
    assert done.status_code == 200 and held.notices.count() == 2
    assert reg["staff"] and client_for(reg["staff"]).get("/registry/notices/").status_code == 403


def test_the_export_costs_the_same_queries_for_more_items(reg, time_machine) -> None:
    """Decisions are read with the items (prefetched), not by a query per item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _sender_and_holder(reg, time_machine)

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            export_notices(actor=reg["officer"], agency=reg["justice"])
        return len(queries)

    one = cost()
    for number in ("8a/KH-STP", "8b/KH-STP"):
        item = classified(reg, by="officer", number=number)
        declassify(reg, item, date(2027, 3, 1), "QĐ 50", ["Chủ tịch", "Thành viên"], "Biên bản")
    assert cost() == one
