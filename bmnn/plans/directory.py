"""The bridge from the database to the framework-free importer: the directory as a Resolver."""

from __future__ import annotations

from django.conf import settings

from bmnn.org.models import Agency, AgencyGroup
from bmnn.plans.importer import AgencyEntry, GroupEntry, Resolver


def directory_resolver() -> Resolver:
    agencies = [
        AgencyEntry(pk, name, kind)
        for pk, name, kind in Agency.objects.filter(is_active=True).values_list(
            "pk", "name", "type"
        )
    ]
    groups = [
        GroupEntry(code, name, tuple(aliases or ()))
        for code, name, aliases in AgencyGroup.objects.values_list("code", "name", "aliases")
    ]
    places = [settings.BMNN_PROVINCE_NAME] if settings.BMNN_PROVINCE_NAME else []
    places += _province_names(
        name for _pk, name, _kind in ((a.id, a.name, a.type) for a in agencies)
    )
    return Resolver(agencies, groups, places)


def _province_names(names: object) -> list[str]:
    """'Công an tỉnh Bắc Lâm' -> 'Bắc Lâm': the directory's own province, dropped when matching."""
    import re

    found: dict[str, int] = {}
    for name in names:  # type: ignore[attr-defined]
        match = re.search(r"tỉnh\s+([A-ZĐ][\wÀ-ỹ]*(?:\s+[A-ZĐ][\wÀ-ỹ]*){0,2})$", name)
        if match:
            found[match.group(1)] = found.get(match.group(1), 0) + 1
    return [name for name, count in found.items() if count >= 1]
