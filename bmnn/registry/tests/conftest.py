"""A small province for registry tests: two departments, their heads and officers, a catalogue."""

from __future__ import annotations

from datetime import date

import pytest

from bmnn.org.models import AgencyType, Role
from bmnn.registry.models import Catalogue, CatalogueItem


@pytest.fixture
def reg(make_agency, make_person):
    justice = make_agency("Sở Tư pháp")
    health = make_agency("Sở Y tế")
    press = make_agency("Báo tỉnh", type=AgencyType.PRESS)
    catalogue = Catalogue.objects.create(
        sector="Tư pháp", decision="Quyết định số 1/QĐ-TTg (mẫu thử)", issued_on=date(2020, 1, 1)
    )
    mat = CatalogueItem.objects.create(
        catalogue=catalogue, code="1", text="Hồ sơ thi hành án đặc biệt", level="mat"
    )
    toi_mat = CatalogueItem.objects.create(
        catalogue=catalogue, code="2", text="Phương án bảo đảm an ninh", level="toi_mat"
    )
    tuyet_mat = CatalogueItem.objects.create(
        catalogue=catalogue, code="3", text="Kế hoạch tuyệt mật", level="tuyet_mat"
    )
    return {
        "justice": justice,
        "health": health,
        "press": press,
        "cat_mat": mat,
        "cat_toi_mat": toi_mat,
        "cat_tuyet_mat": tuyet_mat,
        "head": make_person(justice, Role.HEAD, "Trần Văn Định", clearance="tuyet_mat"),
        "officer": make_person(
            justice, Role.SECURITY_OFFICER, "Nguyễn Thị Hoa", clearance="toi_mat"
        ),
        "staff": make_person(justice, Role.STAFF, "Vũ Đức Hiếu", clearance="mat"),
        "staff_uncleared": make_person(justice, Role.STAFF, "Lê Văn Tám", clearance="none"),
        "health_head": make_person(health, Role.HEAD, "Bùi Văn Thắng", clearance="toi_mat"),
        "health_officer": make_person(
            health, Role.SECURITY_OFFICER, "Phạm Quỳnh Anh", clearance="toi_mat"
        ),
        "press_head": make_person(press, Role.HEAD, "Đỗ Minh Báo", clearance="toi_mat"),
    }
