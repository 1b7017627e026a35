"""The province's registers for supervisors (issue 19): agencies × levels with row and column
totals and the proposals awaiting approval, labels not codes, agencies in Vietnamese order."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bmnn.org.models import AgencyType, Role
from bmnn.registry.models import SecretItem

pytestmark = pytest.mark.django_db


def test_the_supervisor_reads_a_pivot_with_totals_and_labels(make_agency, make_person, client_for):
    police = make_agency("Công an tỉnh", type=AgencyType.PROVINCIAL_POLICE)
    supervisor = make_person(police, Role.SUPERVISOR, "Lê Thị Giám Sát", clearance="tuyet_mat")
    rows = {
        "Ủy ban Mặt trận": ["mat", "mat", "toi_mat"],
        "Đài Phát thanh": ["tuyet_mat"],
        "Sở Xây dựng": ["mat"],
        "Ban Dân tộc": [],
    }
    for name, levels in rows.items():
        agency = make_agency(name)
        for n, level in enumerate(levels):
            SecretItem.objects.create(
                agency=agency,
                origin="created",
                level=level,
                status="classified",
                number=f"{n}/{name}",
            )
        SecretItem.objects.create(agency=agency, origin="created", level="mat", status="proposed")
        SecretItem.objects.create(
            agency=agency, origin="created", level="mat", status="declassified"
        )
    page = client_for(supervisor).get(reverse("registry:item_list")).content.decode()
    pivot = re.search(r'data-testid="register-pivot".*?</table>', page, re.S)
    assert pivot
    table = pivot[0]
    header = re.search(r"<thead>.*?</thead>", table, re.S)
    assert header and all(w in header[0] for w in ("Tuyệt mật", "Tối mật", "Mật", "Chờ duyệt"))
    body = re.findall(r'<tr><th scope="row" class="fw-normal">([^<]*)</th>(.*?)</tr>', table)
    assert [name for name, _cells in body] == [
        "Ban Dân tộc",
        "Đài Phát thanh",
        "Sở Xây dựng",
        "Ủy ban Mặt trận",
    ]
    cells = {name: re.findall(r">(\d+)</td>", row) for name, row in body}
    # Tuyệt mật, Tối mật, Mật, total under protection, awaiting approval; declassified: none
    assert cells["Ủy ban Mặt trận"] == ["0", "1", "2", "3", "1"]
    assert cells["Ban Dân tộc"] == ["0", "0", "0", "0", "1"]
    footer = re.search(r"<tfoot>.*?</tfoot>", table, re.S)
    assert footer and re.findall(r">(\d+)</td>", footer[0]) == ["1", "1", "3", "5", "4"]
    for code in ("toi_mat", "tuyet_mat", "classified", "proposed"):
        assert code not in table
