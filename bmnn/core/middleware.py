"""Remembers the client address of the current request for the audit chain.

Services are called from pages, the API, commands and jobs; only the first two have a client
address. A context variable lets `bmnn.core.audit.record` pick it up without every service
taking a request argument.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from bmnn.core.audit import client_address


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(self.address_of(request))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)

    @staticmethod
    def address_of(request: HttpRequest) -> str:
        proxies = settings.AXES_IPWARE_PROXY_COUNT
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if proxies and forwarded:
            hops = [hop.strip() for hop in forwarded.split(",")]
            if len(hops) >= proxies:
                return hops[-proxies]
        return str(request.META.get("REMOTE_ADDR", ""))
