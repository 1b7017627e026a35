"""Reads of the inventory for other areas (the inspection checklist's pre-filled answers): the
caller has already checked that the reader may look at these agencies, as with the registry's
`recalls_overdue(agency_ids, today)`. Pages and the API read through `policy.restrict_devices`."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from bmnn.devices.models import Device, IndependentLan


def devices_in_use(agency_ids: Iterable[int]) -> QuerySet[Device]:
    """The agencies' devices in use, by asset tag."""
    return (
        Device.objects.filter(agency_id__in=list(agency_ids), active=True)
        .select_related("agency")
        .order_by("agency__name", "asset_tag")
    )


def independent_lans(agency_ids: Iterable[int]) -> QuerySet[IndependentLan]:
    return IndependentLan.objects.filter(agency_id__in=list(agency_ids)).order_by("name")
