"""The custodian of a device or a storage medium is one of the agency's people, checked by the
services themselves (`org.rules.belongs_to`), so the pages, the API and the commands cannot
name someone else's person: a refusal writes nothing and records no event."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from bmnn.core.models import AuditEvent
from bmnn.devices.models import Device, Medium
from bmnn.devices.tests.builders import edit_device, new_device, new_medium
from bmnn.org.models import Membership, Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_agency, make_person):
    justice, health = make_agency("Sở Tư pháp"), make_agency("Sở Y tế")
    return {
        "justice": justice,
        "officer": make_person(justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa"),
        "staff": make_person(justice, Role.STAFF, "Vũ Đức Hiếu"),
        "outsider": make_person(health, Role.STAFF, "Phạm Quỳnh Anh"),
    }


def _refused(excinfo: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return excinfo.value.message_dict["custodian"]


def test_a_device_s_custodian_from_another_agency_is_refused(people) -> None:
    with pytest.raises(ValidationError) as excinfo:
        new_device(people, custodian=people["outsider"])
    assert _refused(excinfo) == ["Chọn một người thuộc Sở Tư pháp."]
    assert not Device.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="device.").exists()


def test_a_device_s_custodian_changed_to_another_agency_s_person_is_refused(people) -> None:
    device = new_device(people, custodian=people["staff"])
    with pytest.raises(ValidationError) as excinfo:
        edit_device(people, device, custodian=people["outsider"])
    assert _refused(excinfo) == ["Chọn một người thuộc Sở Tư pháp."]
    device.refresh_from_db()
    assert device.custodian == people["staff"] and device.changes.count() == 1


def test_a_person_whose_membership_ended_is_no_longer_a_custodian(people) -> None:
    """The boundary: an ended membership does not count; none at all is allowed (no custodian)."""
    Membership.objects.filter(person=people["staff"]).update(is_active=False)
    fields = {"serial": "AA11BB22", "registered_on": date(2026, 11, 1)}
    with pytest.raises(ValidationError) as excinfo:
        new_medium(people, custodian=people["staff"], **fields)
    assert _refused(excinfo) == ["Chọn một người thuộc Sở Tư pháp."]
    assert not Medium.objects.exists()
    medium = new_medium(people, **fields)
    assert medium.custodian is None
