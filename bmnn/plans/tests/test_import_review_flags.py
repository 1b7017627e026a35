"""The import review page shows every flag the importer raised on a task (issue 17)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bmnn.org.demo import load_demo
from bmnn.org.models import Person
from bmnn.testing import login

pytestmark = pytest.mark.django_db

PLAN = """| UBND TỈNH BẮC LÂM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |
| Số:      /KH-UBND | Bắc Lâm, ngày 12 tháng 5 năm 2026 |

KẾ HOẠCH
Tập huấn công tác bảo vệ bí mật nhà nước

I. MỤC ĐÍCH
Nâng cao kỹ năng của cán bộ làm công tác bảo mật.
II. NHIỆM VỤ
| STT | Nội dung | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian |
|---|---|---|---|---|
| 1 | Mở lớp tập huấn nghiệp vụ bảo mật | Công an tỉnh | Nhà xuất bản Lao động | Quý III/2026 |
| 2 | In tài liệu tập huấn | | Sở Tư pháp | Tháng 7/2026 |
"""


def test_the_review_page_names_what_is_no_agency_and_an_empty_lead_cell(client) -> None:
    load_demo()
    login(client, Person.objects.get(username="giamsat"))
    upload = SimpleUploadedFile("ke-hoach.txt", PLAN.encode("utf-8"))
    page = client.post(reverse("plans:plan_import"), {"file": upload}).content.decode()
    assert 'data-testid="flag-number"' in page  # the number is blank: missing, to be filled
    first = page.split('data-testid="flags-II.1"', 1)[1].split("</ul>", 1)[0]
    assert "Nhà xuất bản Lao động" in first
    second = page.split('data-testid="flags-II.2"', 1)[1].split("</ul>", 1)[0]
    assert "II.1" not in second and "<li>" in second  # the empty lead cell, said in words
