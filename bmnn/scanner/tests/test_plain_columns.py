"""A letter saved as plain text keeps its two header columns side by side, laid out with
spaces: the level under the number shares its line with the date at the right (corpus 8's
plain-text letters, in UTF-8 and UTF-16). A table laid out the same way is not
a stamp."""

from __future__ import annotations

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract.plain import lines_to_blocks

LETTER = """\
         ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
           XÃ NẬM KHAO                     Độc lập - Tự do - Hạnh phúc
         Số: 466/PA-UBND
            {level}                  Nậm Khao, ngày 09 tháng 07 năm 2026

                                  PHƯƠNG ÁN
       Bảo đảm an ninh, trật tự khu vực biên giới xã Nậm Khao

    Bố trí 03 tổ công tác thường trực tại điểm chốt, trực 24/24 giờ.
"""


@pytest.mark.parametrize(
    ("level", "expected", "codec"),
    [
        ("TUYỆT MẬT", "tuyet_mat", "utf-16"),
        ("TỐI MẬT", "toi_mat", "utf-8-sig"),
        ("MẬT", "mat", "utf-8"),
    ],
)
def test_a_level_beside_the_date_in_a_text_letter_is_its_stamp(
    level: str, expected: str, codec: str
) -> None:
    data = LETTER.format(level=level).replace("\n", "\r\n").encode(codec)
    verdict = scan_bytes(data, "phuong-an.txt")[0]
    assert verdict.secret and verdict.level == expected


def test_the_header_columns_are_blocks_of_their_own_the_body_lines_are_not_cut() -> None:
    body = "".join(f"Dòng nội dung thứ {row}.\n" for row in range(10))
    text = LETTER.format(level="MẬT") + body + "Kết quả:      đạt      yêu cầu\n"
    blocks = [block.text for block in lines_to_blocks(text)]
    assert blocks[:5] == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "XÃ NẬM KHAO",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 466/PA-UBND",
    ]
    assert "MẬT" in blocks
    assert blocks[-1] == "Kết quả:      đạt      yêu cầu"  # past the header: one line, one block


def test_a_table_of_counts_by_level_laid_out_with_spaces_is_no_stamp() -> None:
    table = """\
BÁO CÁO THỐNG KÊ TÀI LIỆU BÍ MẬT NHÀ NƯỚC NĂM 2026

Độ mật            Số lượng     Ghi chú
TUYỆT MẬT              3       đã tiêu hủy 1
TỐI MẬT               12
MẬT                   40
"""
    assert not scan_bytes(table.encode("utf-8"), "thong-ke.txt")[0].secret


@pytest.mark.parametrize(
    ("level", "expected"), [("T U Y Ệ T     M Ậ T", "tuyet_mat"), ("T Ố I    M Ậ T", "toi_mat")]
)
def test_a_level_typed_letter_by_letter_is_one_stamp_not_two_columns(
    level: str, expected: str
) -> None:
    """The wide gap of a letter-spaced level parts its two words, not two header columns."""
    text = f"CÔNG AN TỈNH\nPHÒNG AN NINH NỘI ĐỊA\nSố: 377/BC-PA09\n{level}\n\nBÁO CÁO\nKết quả khảo sát.\n"
    verdict = scan_bytes(text.encode(), "bao-cao.txt")[0]
    assert verdict.secret and verdict.level == expected
