"""The main menu: at most seven entries, grouped by the work, each shown only to those who may
use it.

Home; plans; registers; reports and incidents; inspections and training; devices and leak
checks; administration. A group with one entry the person may use is a plain link; a group with
none is not shown. The entry matching the current page (the longest matching address) and its
group are marked active.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bmnn.core import policy
from bmnn.org.models import Role

MAX_TOP_LEVEL = 7


@dataclass
class Entry:
    label: str | Promise
    url: str
    active: bool = False


@dataclass
class Group:
    key: str
    label: str | Promise
    entries: list[Entry] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return any(entry.active for entry in self.entries)

    @property
    def single(self) -> Entry | None:
        """The only entry, shown as a plain link instead of a dropdown."""
        return self.entries[0] if len(self.entries) == 1 else None


def _groups(user: Any) -> list[Group]:
    scope = policy.scope(user)
    province = scope.province_wide
    holds_secrets = settings.BMNN_HOLDS_SECRETS
    heads = scope.has(Role.HEAD)
    keeps_registers = bool(policy.managed_agencies(scope))
    plan_manager = policy.can_manage_plans(user)
    sees_scanner = policy.can_view_findings(user)

    def entries(*rows: tuple[Any, str, bool]) -> list[Entry]:
        return [Entry(label, reverse(name)) for label, name, allowed in rows if allowed]

    return [
        Group("home", _("Home"), entries((_("Home"), "web:dashboard", True))),
        Group(
            "plans",
            _("Plans"),
            entries(
                (_("My agency's tasks"), "plans:my_tasks", not province),
                (_("Plans"), "plans:plan_list", True),
                (_("Province at a glance"), "plans:matrix", plan_manager),
            ),
        ),
        Group(
            "registers",
            _("State-secret registers"),
            entries(
                (_("Secret registers"), "registry:item_list", holds_secrets),
                (_("Awaiting your decision"), "registry:approvals", holds_secrets and heads),
                (_("Books"), "registry:books", holds_secrets and keeps_registers),
                (_("To receive"), "registry:transfers", holds_secrets and keeps_registers),
                (_("Secret catalogues"), "registry:catalogues", holds_secrets),
            ),
        ),
        Group(
            "reports",
            _("Reports and incidents"),
            entries(
                (_("Reports"), "reports:periods", True),
                (_("Incidents"), "reports:incidents", True),
            ),
        ),
        Group(
            "inspections",
            _("Inspections and training"),
            entries(
                (_("Inspections"), "inspections:list", True),
                (_("Regulations and staff"), "inspections:readiness", True),
                (_("Training"), "inspections:training", True),
                (_("Legal library"), "inspections:library", True),
            ),
        ),
        Group(
            "devices",
            _("Devices and leak checks"),
            entries(
                (_("Devices"), "devices:list", True),
                # those who do not follow the portals' findings only check documents
                (_("Leak scanner"), "scanner:overview", sees_scanner),
                (_("Check a document"), "scanner:check", True),
            ),
        ),
        Group(
            "admin",
            _("Administration"),
            entries(
                (_("Agencies"), "org:agency_list", True),
                (_("People"), "org:person_list", True),
                (_("Agency groups"), "org:group_list", True),
                (_("Audit log"), "core:audit_list", policy.can_view_audit(user)),
                (
                    _("Bundles between nodes"),
                    "sync:overview",
                    policy.can_carry_bundles(user) or policy.can_manage_peers(user),
                ),
                # the API's reference is for those who connect other systems: the
                # administrator and the province's own staff, not every agency's staff
                (_("API"), "api:docs", policy.is_administrator(user) or province),
            ),
        ),
    ]


def _scanner_groups() -> list[Group]:
    """A scanner-only installation (BMNN_PROFILE=scanner) has the scanner and nothing else."""
    rows = [
        ("scanner", _("Leak scanner"), "scanner:overview"),
        ("check", _("Check a document"), "scanner:check"),
    ]
    return [Group(key, label, [Entry(label, reverse(name))]) for key, label, name in rows]


def main_menu(user: Any, current_path: str) -> list[Group]:
    """The groups this person may use, in order, with the current page marked."""
    if settings.BMNN_PROFILE == "scanner":
        groups = _scanner_groups()
    else:
        groups = [group for group in _groups(user) if group.entries]
    every = [entry for group in groups for entry in group.entries]
    matching = [
        entry
        for entry in every
        if current_path == entry.url or (entry.url != "/" and current_path.startswith(entry.url))
    ]
    if matching:  # /reports/incidents/ is Incidents, not Reports
        max(matching, key=lambda entry: len(entry.url)).active = True
    return groups
