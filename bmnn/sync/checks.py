"""Which kind of node this is (printed by `bmnn check`), and a warning in every system check
when the node's settings contradict it."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register


def describe() -> str:
    from django.conf import settings

    from bmnn.sync import node

    if settings.BMNN_PROFILE == "scanner":
        return "node: the internet-facing scanner host (no registers, no plans)"
    kind = (
        f"agency node of {settings.BMNN_NODE_AGENCY or '(no agency set)'}"
        if node.role() == "agency"
        else "province node"
    )
    secrets = (
        "holds secrets: keep it on an independent LAN or an offline computer"
        if node.holds_secrets()
        else "holds no secrets: registry off, secret content refused"
    )
    return f"node: {kind}; {secrets}"


@register()
def node_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from bmnn.sync import node

    return [Warning(text, id="bmnn.W101") for text in node.contradictions()]
