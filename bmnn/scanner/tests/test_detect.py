"""What counts as a stamp: TT24 Form 02 text on a line of its own, in capitals, in the header
(Form 19) — not the word in a sentence, a list item, a specimen or an empty field."""

from __future__ import annotations

import pytest

from bmnn.scanner.engine.detect import detect, stamp_level
from bmnn.scanner.engine.model import BODY, HEADER, Block


@pytest.mark.parametrize(
    "line,level,exact",
    [
        ("TUYỆT MẬT", "tuyet_mat", True), ("TỐI MẬT", "toi_mat", True), ("MẬT", "mat", True),
        ("T Ố I  M Ậ T", "toi_mat", True), ("[ MẬT ]", "mat", True), ("| TUYỆT MẬT |", "tuyet_mat", True),
        ("TOI MAT", "toi_mat", False), ("T0I MẬT", "toi_mat", False), ("TUYÊT MÂT", "tuyet_mat", False),
        ("LRỐI MẬT", "toi_mat", False),  # a bracket read as L by OCR
    ],
)  # fmt: skip
def test_stamp_variants_are_recognised(line, level, exact) -> None:
    assert stamp_level(line) == (level, exact)


@pytest.mark.parametrize(
    "line",
    ["Tối mật", "tài liệu MẬT", "Cán bộ làm lộ tài liệu TỐI MẬT của cơ quan", "A. MẬT", "2) TỐI MẬT",
     "BẢO MẬT", "MẬT KHẨU", "BÍ MẬT NHÀ NƯỚC", "ĐỘ MẬT", "MẶT TRẬN", ""],
)  # fmt: skip
def test_words_and_list_items_are_not_stamps(line) -> None:
    assert stamp_level(line) is None


def _header(*lines: str) -> list[Block]:
    return [Block(text=t, zone=HEADER, order=i) for i, t in enumerate(lines)]


def test_a_stamp_under_the_number_line_is_decisive() -> None:
    blocks = _header(
        "UBND TỈNH BẮC LÂM",
        "SỞ TƯ PHÁP",
        "Số: 12/KH-STP",
        "TỐI MẬT",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    )
    verdict = detect(blocks)
    assert (
        verdict.secret and verdict.level == "toi_mat" and verdict.score >= 0.85 and verdict.decisive
    )
    assert verdict.evidence[0].rule == "level_stamp" and verdict.evidence[0].text == "TỐI MẬT"


def test_specimens_shown_together_are_not_a_marking() -> None:
    """The forms circular (TT24): every level shown as a sample."""
    blocks = _header("BỘ CÔNG AN", "Số: 24/2020/TT-BCA", "Mẫu số 02", "TUYỆT MẬT", "TỐI MẬT", "MẬT")
    assert not detect(blocks).secret


def test_a_stamp_stands_apart_from_a_statistics_table_below() -> None:
    blocks = _header("UBND TỈNH BẮC LÂM", "Số: 5/BC-STP", "MẬT", "BÁO CÁO", "Thống kê", "Loại")
    blocks += [
        Block(text=t, zone=HEADER, order=10 + i, origin="table")
        for i, t in enumerate(["TUYỆT MẬT", "TỐI MẬT", "MẬT"])
    ]
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == "mat"


def test_an_empty_level_field_is_a_template() -> None:
    verdict = detect(
        _header("UBND TỈNH BẮC LÂM", "Số: ..../KH-UBND", "Độ mật: ..............", "KẾ HOẠCH")
    )
    assert not verdict.secret and [e.rule for e in verdict.evidence] == ["empty_level_field"]


def test_a_declassified_document_is_not_secret_but_says_so() -> None:
    """TT24 Form 05: GIẢI MẬT, Từ: date."""
    verdict = detect(
        _header("UBND TỈNH BẮC LÂM", "Số: 7/CV-STP", "TỐI MẬT", "GIẢI MẬT", "Từ: 12/05/2026")
    )
    assert not verdict.secret and verdict.declassified and verdict.level == "toi_mat"


def test_a_lone_capitalised_level_word_without_an_administrative_header_is_weak() -> None:
    verdict = detect(
        _header("TUYỆT MẬT", "Đạo diễn: Trần Văn Minh", "Bộ phim tài liệu ra mắt khán giả.")
    )
    assert not verdict.secret and 0.5 <= verdict.score < 0.7


def test_a_stamp_at_the_top_of_a_later_page_counts() -> None:
    """A compiled PDF: the stamped document starts on page 3."""
    blocks = [Block(text="Phụ lục", page=1, zone=HEADER, box=(0.1, 0.1, 0.3, 0.12))]
    blocks += [Block(text=t, page=3, zone=BODY, order=i + 1, box=(0.1, 0.05 + 0.03 * i, 0.4, 0.07 + 0.03 * i))
               for i, t in enumerate(["UBND TỈNH BẮC LÂM", "Số: 9/PA-STP", "TỐI MẬT"])]  # fmt: skip
    verdict = detect(blocks)
    assert verdict.secret and verdict.evidence[0].page == 3


def test_corroborating_stamps_add_weight_but_do_not_make_a_secret_alone() -> None:
    alone = detect(_header("UBND TỈNH BẮC LÂM", "Số: 9/PA-STP", "TÀI LIỆU THU HỒI"))
    assert not alone.secret and alone.score < 0.7
    both = detect(_header("UBND TỈNH BẮC LÂM", "Số: 9/PA-STP", "MẬT", "TÀI LIỆU THU HỒI"))
    assert (
        both.secret
        and both.score > detect(_header("UBND TỈNH BẮC LÂM", "Số: 9/PA-STP", "MẬT")).score - 1e-9
    )
