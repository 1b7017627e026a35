"""What the device tests make again and again: a device, a medium, a LAN, an audit report."""

from __future__ import annotations

from datetime import date
from typing import Any

from bmnn.devices import demo, services
from bmnn.devices.models import Device, IndependentLan, Medium

DEVICE: dict[str, Any] = {"asset_tag": "STP-PC-07", "kind": "computer", "connected_to": "none"}
MEDIUM: dict[str, Any] = {"label": "USB-01", "kind": "usb", "registered_on": date(2026, 3, 1)}
LAN: dict[str, Any] = {"name": "LAN Văn phòng", "site": "P.203"}


def new_device(people: dict[str, Any], **fields: Any) -> Device:
    """A device of the justice department saved by its officer: DEVICE but for `fields`."""
    return services.save_device(
        actor=people["officer"], agency=people["justice"], **(DEVICE | fields)
    )


def device_body(people: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """The body of a new device for the API: the justice department's DEVICE but for `fields`."""
    return {"agency": people["justice"].pk} | DEVICE | fields


def edit_device(people: dict[str, Any], device: Device, **fields: Any) -> Device:
    """The justice department's officer changes `fields` of the device."""
    return services.save_device(
        actor=people["officer"], agency=people["justice"], device=device, **fields
    )


def new_medium(people: dict[str, Any], **fields: Any) -> Medium:
    """A medium of the justice department registered by its officer: MEDIUM but for `fields`."""
    return services.register_medium(
        actor=people["officer"], agency=people["justice"], **(MEDIUM | fields)
    )


def new_lan(people: dict[str, Any], **fields: Any) -> IndependentLan:
    """An independent LAN of the justice department saved by its officer: LAN but for `fields`."""
    return services.save_lan(actor=people["officer"], agency=people["justice"], **(LAN | fields))


def host_report(
    evidence: list[dict[str, Any]],
    machine: dict[str, str] | None = None,
    generated_at: str = "2026-11-20T08:00:00+00:00",
) -> bytes:
    """A host-audit report as the agent writes it, with its checksum."""
    return demo.host_report(
        evidence, machine or {"hostname": "may-soan-thao", "machine_id": "abc"}, generated_at
    )
