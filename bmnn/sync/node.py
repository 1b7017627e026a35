"""What kind of node this installation is (settings BMNN_NODE, BMNN_NODE_AGENCY,
BMNN_HOLDS_SECRETS) and its identity on the channels (its signing key)."""

from __future__ import annotations

from django.conf import settings

from bmnn.core import bundles


def role() -> str:
    return str(settings.BMNN_NODE)


def holds_secrets() -> bool:
    return bool(settings.BMNN_HOLDS_SECRETS)


def key_id() -> str:
    from bmnn.core.audit_checkpoints import own_public_key

    return bundles.key_id(own_public_key())


def fingerprint(public_key_text: str) -> str:
    """The key's id in groups of four, to read aloud on the phone."""
    key = bundles.key_id(bundles.parse_public_key(public_key_text))
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4)).upper()


def name() -> str:
    if role() == "agency":
        from bmnn.org.models import Agency

        agency = Agency.objects.filter(code=settings.BMNN_NODE_AGENCY).first()
        return (
            agency.name if agency else settings.BMNN_NODE_AGENCY or settings.BMNN_INSTALLATION_NAME
        )
    return settings.BMNN_PROVINCE_NAME or settings.BMNN_INSTALLATION_NAME


def contradictions() -> list[str]:
    """Settings that contradict the kind of node (for `bmnn check`), in English."""
    found = []
    if role() == "agency" and not settings.BMNN_NODE_AGENCY:
        found.append("BMNN_NODE=agency needs BMNN_NODE_AGENCY (the agency's code)")
    if role() == "province" and settings.BMNN_NODE_AGENCY:
        found.append("BMNN_NODE_AGENCY is set but this is the province node: it is ignored")
    if settings.BMNN_PROFILE == "scanner" and role() == "agency":
        found.append("the scanner host is not an agency node: unset BMNN_NODE")
    return found
