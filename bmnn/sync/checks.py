"""`bmnn check` says which kind of node this is and warns when its settings contradict it."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Info, Warning, register


@register()
def node_kind(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    from django.conf import settings

    from bmnn.sync import node

    if settings.BMNN_PROFILE == "scanner":
        return [Warning(text, id="bmnn.W101") for text in node.contradictions()]
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
    found: list[CheckMessage] = [Info(f"this is the {kind}; it {secrets}", id="bmnn.I100")]
    found += [Warning(text, id="bmnn.W101") for text in node.contradictions()]
    return found
