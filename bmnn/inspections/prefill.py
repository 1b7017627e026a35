"""Answers the checklist can suggest from BMNN's own records for one inspected agency: the
device inventory (devices connected now, devices that have been connected, independent LANs),
the registry (recalled documents not returned by their date, holders' notices not acted on within
15 days) and, for the provincial police, the budget estimate.

A suggestion is never an answer: the page shows it and fills the form with it, and the inspector
confirms, changes or ignores it, so every answer is still given (and audited) by a person. Where
the records cannot decide, the suggestion carries the evidence and no result. Suggestions name
device asset tags, counts and dates — never a secret item's summary — and are shown only to the
inspection team (the caller checks `policy.is_inspector_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from bmnn.devices.models import Device
from bmnn.devices.queries import devices_in_use, independent_lans
from bmnn.inspections.models import Answer, BudgetEstimate, Inspection, Target
from bmnn.org.models import AgencyType
from bmnn.registry.queries import recalls_overdue, remarking_overdue

COMPLIANT, NOT_COMPLIANT, NOT_APPLICABLE = (
    Answer.Result.COMPLIANT,
    Answer.Result.NOT_COMPLIANT,
    Answer.Result.NOT_APPLICABLE,
)
SHOWN = 10  # asset tags named in one suggestion; the rest are counted


@dataclass(frozen=True)
class Suggestion:
    result: str  # one of Answer.Result, or "" when the records cannot decide
    evidence: str


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def _tags(names: list[str]) -> str:
    shown = ", ".join(names[:SHOWN])
    return shown + (_(" and %(n)s more") % {"n": len(names) - SHOWN} if len(names) > SHOWN else "")


def _devices(agency_id: int) -> dict[str, Suggestion]:
    """computers.offline (L25 Art. 5.2) and computers.ever_connected (the province's plan)."""
    devices = list(devices_in_use({agency_id}))
    if not devices:
        nothing = _("No device is recorded in BMNN's inventory for this agency: check on site.")
        return {
            "computers.offline": Suggestion("", nothing),
            "computers.ever_connected": Suggestion("", nothing),
        }
    codes = {device.pk: {concern.code for concern in device.concerns} for device in devices}

    def described(device: Device) -> str:
        return f"{device.asset_tag} ({device.get_connected_to_display()})"

    in_use = [described(d) for d in devices if "connected_in_use" in codes[d.pk]]
    idle = [described(d) for d in devices if "connected" in codes[d.pk]]
    if in_use:
        offline = Suggestion(
            NOT_COMPLIANT,
            _(
                "Used for secrets while connected to a network other than an independent LAN: %(devices)s."
            )
            % {"devices": _tags(in_use)},
        )
    else:
        offline = Suggestion(
            COMPLIANT,
            _(
                "%(n)s device(s) in BMNN's inventory; none used for secrets is connected to a network other than "
                "an independent LAN."
            )
            % {"n": len(devices)},
        )
    if idle:
        offline = Suggestion(
            offline.result,
            offline.evidence
            + " "
            + _("Connected, with no level recorded (not to be used for secrets): %(devices)s.")
            % {"devices": _tags(idle)},
        )

    def history(device: Device) -> str:
        parts = [
            _day(device.ever_connected_on) if device.ever_connected_on else "",
            device.ever_connected_to,
        ]
        known = ", ".join(part for part in parts if part)
        return f"{device.asset_tag} ({known})" if known else device.asset_tag

    ever = [history(d) for d in devices if "ever_connected" in codes[d.pk]]
    unknown = [d.asset_tag for d in devices if "history_unknown" in codes[d.pk]]
    if not ever and not unknown:
        checked = Suggestion(
            COMPLIANT, _("No device in use is recorded as ever connected (BMNN's inventory).")
        )
    else:
        parts = []
        if ever:
            parts.append(_("Have been connected: %(devices)s.") % {"devices": _tags(ever)})
        if unknown:
            parts.append(
                _("Connection history not known: %(devices)s.") % {"devices": _tags(unknown)}
            )
        parts.append(
            _("Check the record of the security check made before each was used for secrets.")
        )
        checked = Suggestion("", " ".join(parts))
    return {"computers.offline": offline, "computers.ever_connected": checked}


def _lans(agency_id: int) -> dict[str, Suggestion]:
    lans = list(independent_lans({agency_id}))
    if not lans:
        return {
            "computers.lan": Suggestion(
                NOT_APPLICABLE, _("No independent LAN is recorded for this agency.")
            )
        }
    without = [lan.name for lan in lans if not lan.measures.strip()]
    text = _("%(n)s independent LAN(s) recorded.") % {"n": len(lans)}
    if without:
        text += " " + _("No security measures recorded for: %(lans)s.") % {"lans": _tags(without)}
    return {"computers.lan": Suggestion("", text)}


def _recalls(agency_id: int, today: date) -> dict[str, Suggestion]:
    """transport.recall (ND26 Art. 4.4; L25 Art. 5.4): returns past their date, those the agency
    recalled and waits for, and those it owes."""
    late = recalls_overdue({agency_id}, today)
    if not late:
        return {
            "transport.recall": Suggestion(
                COMPLIANT, _("No recalled document is past its return date in BMNN's registers.")
            )
        }
    chasing = [r for r in late if r.recall.item.agency_id == agency_id]
    owing = [r for r in late if r.recall.item.agency_id != agency_id]
    earliest = min(r.recall.return_by for r in late)
    parts = []
    if chasing:
        parts.append(
            _("%(n)s copy(ies) this agency recalled are not back by their date.")
            % {"n": len(chasing)}
        )
    if owing:
        parts.append(
            _("%(n)s recalled copy(ies) this agency holds are not returned by their date.")
            % {"n": len(owing)}
        )
    parts.append(_("Earliest return date: %(day)s.") % {"day": _day(earliest)})
    return {"transport.recall": Suggestion(NOT_COMPLIANT, " ".join(parts))}


def _notices(agency_id: int, today: date) -> dict[str, Suggestion]:
    """declassification.notices (L25 Art. 21.5; L18 Art. 20.4, 22.6): notices whose 15 days have
    passed without the copies re-marked."""
    late = remarking_overdue({agency_id}, today)
    if not late:
        return {
            "declassification.notices": Suggestion(
                COMPLIANT,
                _(
                    "Every holder's notice received is acted on, or still within its 15 days (BMNN's registers)."
                ),
            )
        }
    earliest = min(notice.remark_by for notice in late)
    return {
        "declassification.notices": Suggestion(
            NOT_COMPLIANT,
            _(
                "%(n)s notice(s) not acted on although the 15 days have passed; the earliest was due %(day)s."
            )
            % {"n": len(late), "day": _day(earliest)},
        )
    }


def _budget(target: Target, inspection: Inspection) -> dict[str, Suggestion]:
    """budget.estimate: the provincial police prepare the province's estimate (seed plan 000
    III.1); other agencies' budgets are not kept in BMNN."""
    if target.agency.type != AgencyType.PROVINCIAL_POLICE:
        return {}
    estimate = BudgetEstimate.objects.filter(year=inspection.year).first()
    if estimate is None:
        text = _("No budget estimate for %(year)s is recorded in BMNN.") % {"year": inspection.year}
    else:
        text = _("Budget estimate for %(year)s: %(status)s.") % {
            "year": estimate.year,
            "status": estimate.get_status_display(),
        }
        if estimate.decision:
            text += " " + _("Decision %(decision)s.") % {"decision": estimate.decision}
    return {"budget.estimate": Suggestion("", text)}


def suggestions(target: Target, *, today: date) -> dict[str, Suggestion]:
    """The suggested answer for each item code the records speak to, for one target."""
    inspection = target.inspection
    found: dict[str, Suggestion] = {}
    found.update(_devices(target.agency_id))
    found.update(_lans(target.agency_id))
    found.update(_recalls(target.agency_id, today))
    found.update(_notices(target.agency_id, today))
    found.update(_budget(target, inspection))
    return found
