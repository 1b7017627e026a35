"""What kind of node an installation is: `bmnn check` says so and warns on contradictions; a
node that holds no secrets has no registry and refuses secret content with a clear message."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from bmnn.org.models import Role
from bmnn.reports.models import Incident
from bmnn.reports.services import report_incident

pytestmark = pytest.mark.django_db


def _check() -> str:
    out, err = StringIO(), StringIO()
    call_command("check", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_check_names_the_kind_of_node_and_its_contradictions() -> None:
    assert "node: province node; holds secrets" in _check()
    with override_settings(BMNN_NODE="agency", BMNN_NODE_AGENCY="so-y-te", BMNN_HOLDS_SECRETS=True):
        assert "agency node of so-y-te" in _check() and "bmnn.W101" not in _check()
    with override_settings(BMNN_NODE="agency", BMNN_NODE_AGENCY=""):
        assert "bmnn.W101" in _check() and "BMNN_NODE_AGENCY" in _check()
    with override_settings(BMNN_HOLDS_SECRETS=False):
        assert "holds no secrets" in _check()


@override_settings(BMNN_HOLDS_SECRETS=False)
def test_a_node_without_secrets_has_no_registry(make_agency, make_person, client_for) -> None:
    officer = make_person(make_agency("Sở Y tế"), Role.SECURITY_OFFICER, clearance="toi_mat")
    client = client_for(officer)
    page = client.get(reverse("registry:item_list"))
    assert page.status_code == 403 and "kênh bí mật" in page.content.decode()
    api = client.get("/api/secret-items/")
    assert api.status_code == 403 and "kênh bí mật" in api.json()["detail"]
    nav = client.get(reverse("web:dashboard")).content.decode()
    assert reverse("registry:item_list") not in nav


def test_a_node_with_secrets_keeps_its_registry(make_agency, make_person, client_for) -> None:
    officer = make_person(make_agency("Sở Y tế"), Role.SECURITY_OFFICER, clearance="toi_mat")
    assert client_for(officer).get(reverse("registry:item_list")).status_code == 200


def test_a_node_without_secrets_refuses_the_details_of_a_high_level_incident(
    make_agency, make_person
) -> None:
    agency = make_agency("Sở Y tế")
    officer = make_person(agency, Role.SECURITY_OFFICER)
    found = timezone.now() - timedelta(hours=2)
    fields = {
        "actor": officer,
        "agency": agency,
        "what": "Mất sổ tay công tác",
        "channel": "lost_document",
        "found_at": found,
    }
    with override_settings(BMNN_HOLDS_SECRETS=False):
        for level in ("toi_mat", "tuyet_mat"):
            with pytest.raises(ValidationError) as refused:
                report_incident(**fields, level=level)
            assert "level" in refused.value.message_dict
        assert report_incident(**fields, level="mat").level == "mat"
    assert report_incident(**fields, level="tuyet_mat").level == "tuyet_mat"  # a node with secrets
    assert Incident.objects.count() == 2


def test_the_demo_province_shows_an_agency_node_with_its_bundles(client_for) -> None:
    from bmnn.org.models import Person
    from bmnn.sync.models import Inbound, Outbound, Peer

    call_command("demo", stdout=StringIO())
    peer = Peer.objects.get()
    assert peer.agency is not None and peer.agency.code == "demo-sngv"
    sent = Outbound.objects.get(peer=peer)
    assert sent.acknowledged_at is not None and sent.contents["plans"] >= 1
    assert Inbound.objects.get(peer=peer).state == "imported"
    page = client_for(Person.objects.get(username="giamsat")).get(
        reverse("sync:peer", args=[peer.pk])
    )
    assert "Nút Sở Ngoại vụ" in page.content.decode() and "Đã nhập" in page.content.decode()
    call_command("demo", stdout=StringIO())
    assert Outbound.objects.count() == 1  # loading twice changes nothing


@pytest.mark.parametrize("holds_secrets", [True, False])
def test_a_node_without_secrets_refuses_a_secret_annex(settings, holds_secrets) -> None:
    """Evidence, plan sources and regulation files all pass `check_upload`: on a node that holds
    no secrets, a file bearing a secret marking is refused there, whatever form it came in."""
    import random

    from bmnn.core.uploads import check_upload
    from tests.corpus.scanner_corpus import make_doc, write_docx

    settings.BMNN_HOLDS_SECRETS = holds_secrets
    rng = random.Random(7)
    stamped, plain = write_docx(make_doc(rng, "toi_mat")), write_docx(make_doc(rng, None))
    assert check_upload("bien-ban.docx", plain, {"docx"}).endswith("document")
    if holds_secrets:
        assert check_upload("phu-luc.docx", stamped, {"docx"}).endswith("document")
    else:
        with pytest.raises(ValidationError, match="kênh bí mật"):
            check_upload("phu-luc.docx", stamped, {"docx"})
