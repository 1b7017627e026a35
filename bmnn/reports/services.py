"""Incident services: filing (any agency, at once; every province supervisor told in the app
and by e-mail), follow-up steps and closure — each authorised and audited."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from bmnn.core import audit, policy
from bmnn.core.notify import notify
from bmnn.core.services import require, service
from bmnn.org.models import Agency, Person, Role
from bmnn.org.queries import people_in_roles
from bmnn.reports.models import Incident, IncidentStep


def open_incident(*, actor: Person, agency: Agency, what: str, channel: str, found_at: datetime, level: str = "",
                  scope: str = "", measures: str = "", source: str = Incident.Source.AGENCY,
                  source_ref: str = "") -> Incident:  # fmt: skip
    """The body of `report_incident`, for services that open an incident inside their own
    transaction (a loss recorded in the registry, a scanner finding)."""
    require(policy.can_report_incident(actor, agency.pk), _("Report incidents of your own agency."))
    if channel not in Incident.Channel.values:
        raise ValidationError({"channel": _("Say how the secret was leaked or lost.")})
    if not what.strip():
        raise ValidationError({"what": _("Say what was leaked or lost.")})
    if found_at > timezone.now():
        raise ValidationError({"found_at": _("The time it was found is in the future.")})
    incident = Incident.objects.create(agency=agency, what=what.strip(), level=level, found_at=found_at, channel=channel,
                                       scope=scope.strip(), measures=measures.strip(), source=source,
                                       source_ref=source_ref[:255], reported_by=actor)  # fmt: skip
    audit.record(actor=actor, action="incident.report", obj=incident, agency=agency,
                 changes={"channel": channel, "level": level, "source": source})  # fmt: skip
    notify([*people_in_roles((Role.SUPERVISOR,)), *people_in_roles((Role.HEAD,), {agency.pk})],
           title=_("Leak or loss reported by %(agency)s") % {"agency": agency.name},
           url=reverse("reports:incident", args=[incident.pk]), key=f"incident-{incident.pk}")  # fmt: skip
    return incident


@service
def report_incident(**fields: Any) -> Incident:
    return open_incident(**fields)


@service
def add_step(*, actor: Person, incident: Incident, text: str, close: bool = False) -> IncidentStep:
    incident = Incident.objects.select_for_update().get(pk=incident.pk)
    require(policy.can_report_incident(actor, incident.agency_id) or policy.is_province_wide(actor),
            _("Only the agency and the province supervisors follow this incident up."))  # fmt: skip
    if incident.status == Incident.Status.CLOSED:
        raise ValidationError(_("The incident is closed."))
    if not text.strip():
        raise ValidationError({"text": _("Say what was done.")})
    if close:
        require(
            policy.scope(actor).has(Role.SUPERVISOR), _("A province supervisor closes an incident.")
        )
    step = IncidentStep.objects.create(
        incident=incident, text=text.strip(), author=actor, closes=close
    )
    if close:
        incident.status, incident.closed_at = Incident.Status.CLOSED, timezone.now()
        incident.save(update_fields=["status", "closed_at"])
    audit.record(actor=actor, action="incident.close" if close else "incident.step", obj=incident,
                 agency=incident.agency, changes={"text": text.strip()[:500]})  # fmt: skip
    return step
