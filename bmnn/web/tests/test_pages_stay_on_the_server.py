"""Every page renders for every role and asks the browser for nothing outside the server.

BMNN runs on an isolated LAN: a stylesheet, font, script or image from another host would fail
there (and leak that the page was opened). The browser test checks the requests a real page
makes; this test checks every page's markup and every stylesheet it links.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from bmnn.org.demo import LOGINS, load_demo
from bmnn.org.models import Agency, Person
from bmnn.plans import queries as plans_queries
from bmnn.plans.demo import load_demo_plans
from bmnn.registry import queries as registry_queries
from bmnn.registry.demo import load_demo_registry
from bmnn.testing import login

URL_ATTRIBUTES = {
    "src",
    "href",
    "action",
    "formaction",
    "srcset",
    "data",
    "poster",
    "hx-get",
    "hx-post",
}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
CSS_IMPORT = re.compile(r"@import\s+['\"]([^'\"]+)")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and name in URL_ATTRIBUTES:
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(","))
            if value and name == "style":
                self.urls.extend(CSS_URL.findall(value))


def _is_external(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"", "data"} and not url.startswith("//"):
        return False
    return parts.scheme not in {"", "data"} or bool(parts.netloc)


def _external_urls_in(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [url for url in parser.urls if _is_external(url)]


def _pages_for(person: Person) -> list[str]:
    agency = Agency.objects.filter(memberships__person=person).first()
    assert agency is not None
    plan_ids = list(plans_queries.plans(person).values_list("pk", flat=True))
    assignment_ids = [a.pk for a in plans_queries.assignments(person)[:2]]
    item_ids = [i.pk for i in registry_queries.items(person)[:3]]
    book_ids = [b.pk for b in registry_queries.books(person)[:2]]
    return [
        reverse("web:dashboard"),
        reverse("org:agency_list"),
        reverse("org:agency_list") + "?q=so&type=department",
        reverse("org:agency_detail", args=[agency.pk]),
        reverse("org:agency_edit", args=[agency.pk]),
        reverse("org:agency_create"),
        reverse("org:person_list"),
        reverse("org:person_detail", args=[person.pk]),
        reverse("org:person_edit", args=[person.pk]),
        reverse("org:person_create", args=[agency.pk]),
        reverse("org:group_list"),
        reverse("web:search") + "?q=tu+phap",
        reverse("core:audit_list"),
        reverse("accounts:profile"),
        reverse("accounts:password_change"),
        reverse("api:docs"),
        reverse("plans:plan_list"),
        reverse("plans:plan_import"),
        reverse("plans:my_tasks"),
        reverse("plans:matrix"),
        reverse("registry:item_list"),
        reverse("registry:item_list") + "?q=cong+van&level=mat",
        reverse("registry:incoming"),
        reverse("registry:propose"),
        reverse("registry:transfers"),
        reverse("registry:books"),
        reverse("registry:statistics"),
        reverse("registry:expiring") + "?days=30",
        *[reverse("registry:item", args=[pk]) for pk in item_ids],
        *[reverse("registry:book", args=[pk]) for pk in book_ids],
        *[reverse("plans:plan_detail", args=[pk]) for pk in plan_ids],
        *[reverse("plans:assignment", args=[pk]) for pk in assignment_ids],
        "/khong-ton-tai/",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("username", [login_row[0] for login_row in LOGINS])
def test_every_page_renders_for_every_role_without_outside_urls(username: str) -> None:
    load_demo()
    load_demo_plans()
    load_demo_registry()
    person = Person.objects.get(username=username)
    client = login(Client(), person)
    for url in _pages_for(person):
        response = client.get(url)
        assert response.status_code in {200, 403, 404}, (url, response.status_code)
        if url != "/khong-ton-tai/" and response.status_code == 404:
            pytest.fail(f"{url} should render or refuse for {username}, not 404")
        html = response.content.decode()
        assert "<html" in html, url
        assert _external_urls_in(html) == [], (url, _external_urls_in(html))
        assert "Content-Security-Policy" in response.headers, url


@pytest.mark.django_db
def test_anonymous_pages_stay_on_the_server() -> None:
    client = Client()
    for url in [reverse("accounts:login"), "/khong-ton-tai/"]:
        html = client.get(url).content.decode()
        assert _external_urls_in(html) == []


def test_linked_stylesheets_fetch_nothing_from_outside() -> None:
    for path in ["vendor/bootstrap/css/bootstrap.min.css", "bmnn/bmnn.css"]:
        found = finders.find(path)
        assert found, path
        with open(found, encoding="utf-8") as handle:
            css = CSS_COMMENT.sub("", handle.read())
        urls = CSS_URL.findall(css) + CSS_IMPORT.findall(css)
        assert [url for url in urls if _is_external(url)] == [], path


def test_the_checker_itself_flags_outside_urls() -> None:
    html = (
        '<link href="https://cdn.example.org/x.css"><script src="//cdn.example.org/x.js"></script>'
        '<img src="/static/ok.png"><a href="?page=2">2</a><img src="data:image/png;base64,AA==">'
    )
    assert _external_urls_in(html) == ["https://cdn.example.org/x.css", "//cdn.example.org/x.js"]


@pytest.mark.django_db
def test_error_pages_speak_vietnamese(make_agency, make_person, client_for) -> None:
    from bmnn.org.models import Role

    client = client_for(make_person(make_agency(), Role.STAFF))
    not_found = client.get("/khong-ton-tai/")
    assert not_found.status_code == 404
    assert "Trang không tồn tại" in not_found.content.decode()
    refused = client.get(reverse("core:audit_list"))
    assert refused.status_code == 403
    assert "cán bộ theo dõi của tỉnh" in refused.content.decode()
