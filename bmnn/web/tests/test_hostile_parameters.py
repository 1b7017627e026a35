"""No parameter of any page or endpoint makes the server fail (security review, issue 13).

The test is generated from the site itself: every URL pattern of the URLConf is filled with ids
found by following the links of the pages (valid ids) and with 10**30 (past any database
integer), and every query parameter the views read (found in their source: `GET.get("x")`,
`query_params`, filter forms bound to `request.GET`, DRF's pagination) is sent with hostile
values. Every form a page posts to gets the same treatment: the fields its view reads
(`POST.get("x")`, `POST.getlist("x")`, `POST["x"]`), for each `action` value the view
dispatches on, filled with letters, an empty value, -1 and 10**30. Any answer is fine except a
5xx.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from io import StringIO
from typing import Any
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import (
    NoReverseMatch,
    Resolver404,
    URLPattern,
    URLResolver,
    get_resolver,
    resolve,
    reverse,
)

from bmnn.org.models import Person
from bmnn.testing import login

pytestmark = pytest.mark.django_db

HUGE = 10**30
HOSTILE_VALUES = [str(HUGE), str(-HUGE), "-1", "0", "abc", "", "1e400", "1.5", "١٢"]
# Parameters every list of the site or the API understands, whatever the view's own code says.
GENERIC_PARAMETERS = {"page", "limit", "offset", "format", "q", "next"}
# Reading a parameter: request.GET.get("x"), params["x"], query_params.get("x", ...).
PARAMETER_IN_SOURCE = re.compile(
    r"""(?:GET|POST|query_params|params)(?:\.get\(|\[)\s*["']([a-z_][a-z0-9_]*)["']"""
)
FORM_ON_GET = re.compile(r"(\w+)\(\s*request\.GET\b")
POSTED_FIELD = re.compile(r"""POST(?:\.get\(|\.getlist\(|\[)\s*["']([a-z_][a-z0-9_]*)["']""")
ACTION_VALUE = re.compile(r"""(?:\.get\(\s*["']action["']\)|\baction)\s*==\s*["']([a-z_]+)["']""")
POSTED_VALUES = ["abc", "", "-1", str(HUGE)]
# Posting these would end the session or change the password the rest of the walk logs in with.
NOT_POSTED = {"accounts:logout", "accounts:password", "set_language"}
HREF = re.compile(r"""(?:href|hx-get|action)="(/[^"#]*)""")


@dataclass
class Route:
    """One URL pattern: its reversible name and the converters of its path parameters."""

    name: str
    kwargs: dict[str, str]  # parameter -> "int" or "str"
    callback: Any
    examples: list[str] = field(default_factory=list)


def _walk(
    patterns: list[Any], namespace: str = "", kwargs: dict[str, str] | None = None
) -> Iterator[Route]:
    for entry in patterns:
        found = dict(kwargs or {})
        converters = getattr(entry.pattern, "converters", {})
        for name, converter in converters.items():
            found[name] = "int" if converter.regex.startswith("[0-9") else "str"
        regex = entry.pattern.regex.pattern
        for name in re.findall(r"\(\?P<(\w+)>", regex):
            found.setdefault(name, "int" if name in {"pk", "id"} else "str")
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, found)
        elif isinstance(entry, URLPattern) and entry.name:
            yield Route(f"{namespace}{entry.name}", found, entry.callback)


def _routes() -> dict[str, Route]:
    routes: dict[str, Route] = {}
    for route in _walk(get_resolver().url_patterns):
        if route.name.startswith("api:") and route.kwargs.get("format"):
            continue  # the ".json" twin of an API route: same view
        routes.setdefault(route.name, route)
    return routes


def _reverse(route: Route, values: dict[str, str]) -> str | None:
    kwargs = {name: values[kind] for name, kind in route.kwargs.items() if name != "format"}
    try:
        return reverse(route.name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def _parameters_of(route: Route) -> set[str]:
    """Query parameters the route's view module reads, by name, plus those every list takes."""
    view = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    module = sys.modules[(view or route.callback).__module__]
    source = inspect.getsource(module)
    names = set(PARAMETER_IN_SOURCE.findall(source)) | GENERIC_PARAMETERS
    for form_name in FORM_ON_GET.findall(source):
        form = getattr(module, form_name, None)
        names |= set(getattr(form, "base_fields", {}))
    return names


def _crawl(client: Client, routes: dict[str, Route], failures: list[str]) -> None:
    """Follows the links of every page to find real ids for each route (two examples each)."""
    seen: set[str] = set()
    queue = [url for r in routes.values() if not r.kwargs and (url := _reverse(r, {}))]
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if path in seen or path.startswith(("/static/", "/accounts/logout", "/i18n/")):
            continue
        seen.add(path)
        try:
            match = resolve(path)
        except Resolver404:
            continue
        route = routes.get(match.view_name)
        if route is None:
            continue
        if route.kwargs and len(route.examples) >= 2:
            continue
        if route.kwargs:
            route.examples.append(path)
        response = client.get(path)
        if response.status_code >= 500:
            failures.append(f"{response.status_code} GET {path}")
        if "text/html" in response.headers.get("Content-Type", ""):
            queue.extend(unescape(link) for link in HREF.findall(response.content.decode()))


def _check_every_route(person: Person) -> tuple[list[str], int]:
    client = login(Client(raise_request_exception=False), person)
    routes = _routes()
    failures: list[str] = []
    _crawl(client, routes, failures)
    sent = 0

    def get(url: str) -> int:
        nonlocal sent
        sent += 1
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"{status} GET {url}")
        return status

    for route in routes.values():
        if not route.name.startswith("api:") and route.name not in NOT_POSTED:
            sent += _post_hostile_forms(client, route, failures)
        if route.kwargs and (huge := _reverse(route, {"int": str(HUGE), "str": str(HUGE)})):
            get(huge)
        url = (route.examples or [_reverse(route, {"int": "1", "str": "x"})])[0]
        if url is None or get(url) != 200:
            continue  # refused or absent: the view reads no parameter before answering
        parameters = sorted(_parameters_of(route))
        for value in HOSTILE_VALUES:
            get(f"{url}?{urlencode(dict.fromkeys(parameters, value))}")
        for parameter in parameters:
            get(f"{url}?{urlencode({parameter: HUGE})}")
    return failures, sent


def _post_hostile_forms(client: Client, route: Route, failures: list[str]) -> int:
    """Posts hostile values in every field the route's view module reads, once per action."""
    url = (route.examples or [_reverse(route, {"int": "1", "str": "x"})])[0]
    if url is None:
        return 0
    view = getattr(route.callback, "cls", None) or getattr(route.callback, "view_class", None)
    source = inspect.getsource(sys.modules[(view or route.callback).__module__])
    fields = sorted(set(POSTED_FIELD.findall(source)))
    if not fields:
        return 0
    actions = sorted(set(ACTION_VALUE.findall(source))) or [""]
    sent = 0
    for action in actions:
        for value in POSTED_VALUES:
            data = dict.fromkeys(fields, value) | ({"action": action} if action else {})
            status = client.post(url, data).status_code
            sent += 1
            if status >= 500:
                failures.append(f"{status} POST {url} {data}")
    return sent


@pytest.fixture
def demo_province() -> None:
    call_command("demo", stdout=StringIO())


@pytest.mark.parametrize("username", ["giamsat", "baomat", "thutruong"])
def test_no_parameter_of_any_page_or_endpoint_gives_a_server_error(
    demo_province: None, username: str
) -> None:
    failures, requests = _check_every_route(Person.objects.get(username=username))
    assert requests > 1000
    assert failures == [], "\n".join(failures)


def test_every_id_in_a_url_is_bounded_to_the_database_range() -> None:
    """`<id:…>` (bmnn.core.params.IdConverter), never Django's unbounded `<int:…>`."""
    unbounded = [
        route.name
        for route in _walk(get_resolver().url_patterns)
        if any(kind == "int" for kind in route.kwargs.values())
        and _reverse(route, {"int": str(HUGE), "str": "x"}) is not None
    ]
    assert unbounded == []
