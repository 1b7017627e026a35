"""A document's own record of its level atop it: "Độ mật: Tối mật" as a records system exports
or prints it above the administrative header, on its line or in the next cell of a table row.
A blank field, boxes to tick, a field away from an administrative header or lower in the text
marks nothing."""

from __future__ import annotations

import pytest

from bmnn.scanner.engine import scan_bytes

HEADER = "UBND TỈNH TÂY LÃNG\nVĂN PHÒNG UBND TỈNH\nSố: 500/KH-VP\n\nKẾ HOẠCH\n"
BODY = "Bảo vệ đập thủy điện và sơ tán dân khi xả lũ.\nLực lượng bảo vệ gồm một trung đội.\n"


@pytest.mark.parametrize(
    ("field", "level"),
    [
        ("Độ mật: Tối mật", "toi_mat"),
        ("Độ mật: TUYỆT MẬT", "tuyet_mat"),
        ("Độ mật: Mật", "mat"),
        ("Độ mật: Thường", None),  # no level
        ("Độ mật: ....................", None),  # the blank field of a form
        ("Độ mật: ☐ Tuyệt mật ☐ Tối mật ☐ Mật", None),  # boxes to tick
        ("Độ mật: Mật hoặc Tối mật", None),  # a choice, not a value
    ],
)
def test_a_level_field_above_the_header_of_an_exported_text(field: str, level: str | None) -> None:
    verdict = scan_bytes(f"{field}\nĐộ khẩn: Thường\n{HEADER}{BODY}".encode(), "van-ban.txt")[0]
    assert (verdict.secret, verdict.level) == (level is not None, level)


def test_a_level_field_without_an_administrative_header_is_a_form() -> None:
    form = "PHIẾU ĐỀ NGHỊ SAO CHỤP TÀI LIỆU\nĐộ mật: Mật\nHọ và tên người đề nghị: ..........\n"
    assert not scan_bytes(form.encode(), "phieu.txt")[0].secret


def test_a_level_field_low_in_the_text_is_no_marking() -> None:
    body = "\n".join(f"Dòng {i} của nội dung báo cáo về tình hình địa phương." for i in range(40))
    text = f"{HEADER}{body}\nĐộ mật: Mật\n"
    assert not scan_bytes(text.encode(), "van-ban.txt")[0].secret


def _page(value: str) -> bytes:
    return (
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo</title>'
        "</head><body><div>SỞ CÔNG THƯƠNG</div><div>Số: 173/PA-SCT</div><table>"
        f"<tr><td>Độ mật:</td><td>{value}</td></tr>"
        "<tr><td>Người ký:</td><td>Lò Văn Thắm</td></tr></table>"
        "<h2>Dự trữ xăng dầu phục vụ quốc phòng</h2><p>Kho dự trữ gồm 8 bồn.</p></body></html>"
    ).encode()


@pytest.mark.parametrize(
    ("value", "level"),
    [("Tuyệt mật", "tuyet_mat"), ("<b>TỐI MẬT</b>", "toi_mat"), ("", None), ("☐ Mật", None)],
)
def test_a_level_field_in_a_table_row_atop_a_web_page(value: str, level: str | None) -> None:
    verdict = scan_bytes(_page(value), "bao-cao.html")[0]
    assert (verdict.secret, verdict.level) == (level is not None, level)
