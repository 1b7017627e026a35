"""The web shell: language switch, dates, the 500 page, navigation by role."""

from __future__ import annotations

from datetime import date

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from bmnn.org.models import AgencyType, Role
from bmnn.web.views import server_error

pytestmark = pytest.mark.django_db


def test_english_can_be_chosen(make_agency, make_person, client_for) -> None:
    client = client_for(make_person(make_agency(), Role.STAFF))
    assert "Trang chủ" in client.get(reverse("web:dashboard")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Home" in client.get(reverse("web:dashboard")).content.decode()


def test_dates_read_dd_mm_yyyy_in_both_languages() -> None:
    template = Template('{{ day|date:"SHORT_DATE_FORMAT" }}')
    for language in ("vi", "en"):
        with translation.override(language):
            assert template.render(Context({"day": date(2026, 3, 1)})) == "01/03/2026"


def test_server_error_page_says_nothing_was_saved() -> None:
    request = RequestFactory().get("/")
    with translation.override("vi"):
        response = server_error(request)
    assert response.status_code == 500
    assert "Chưa có dữ liệu nào được lưu" in response.content.decode()


def test_staff_navigation_has_no_audit_log(make_agency, make_person, client_for) -> None:
    staff = client_for(make_person(make_agency(), Role.STAFF))
    assert reverse("core:audit_list") not in staff.get("/").content.decode()
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = client_for(make_person(police, Role.SUPERVISOR))
    assert reverse("core:audit_list") in supervisor.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_login() -> None:
    response = Client().get(reverse("org:agency_list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_an_english_browser_still_gets_vietnamese_until_the_user_switches() -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get(reverse("accounts:login"))
    assert "Đăng nhập" in page.content.decode()
    assert page.headers["Content-Language"] == "vi"
