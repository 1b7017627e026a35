"""Two places a level stamp stands besides the top of page one: atop an annex (whose first page
is the only one that carries it, in formats without pages right above the annex's title) and
at the foot of the page, printed as a footer."""

from __future__ import annotations

from bmnn.scanner.engine.detect import detect
from bmnn.scanner.engine.model import BODY, HEADER, Block

LETTER = [
    ("ỦY BAN NHÂN DÂN TỈNH BẮC LÂM", HEADER),
    ("Số: 31/BC-UBND", HEADER),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", HEADER),
    ("BÁO CÁO", HEADER),
    ("Tình hình bảo đảm an ninh các kho dự trữ trên địa bàn.", HEADER),
    ("Nơi nhận:", BODY),
    ("- Lưu: VT.", BODY),
    ("CHỦ TỊCH", BODY),
    ("Nguyễn Văn An", BODY),
]


def _blocks(lines: list[tuple[str, str]]) -> list[Block]:
    return [Block(text=t, zone=z, order=i) for i, (t, z) in enumerate(lines)]


def test_a_level_right_above_an_annex_title_is_the_annexs_stamp() -> None:
    lines = [*LETTER, ("TỐI MẬT", BODY), ("PHỤ LỤC", BODY), ("Vị trí các điểm kho", BODY)]
    verdict = detect(_blocks(lines), "bao-cao.doc", "doc")
    assert verdict.secret and verdict.level == "toi_mat"
    # where the reader knows the pages (DOCX from its breaks), the top of a page decides
    assert not detect(_blocks(lines), "bao-cao.docx", "docx").secret


def test_the_same_level_in_the_body_without_an_annex_title_is_weak() -> None:
    lines = [*LETTER, ("TỐI MẬT", BODY), ("Vị trí các điểm kho", BODY)]
    assert not detect(_blocks(lines), "bao-cao.doc", "doc").secret


def test_a_sentence_that_starts_with_the_word_annex_is_no_title() -> None:
    lines = [*LETTER, ("TỐI MẬT", BODY), ("Phụ lục kèm theo gồm ba trang", BODY)]
    assert not detect(_blocks(lines), "bao-cao.doc", "doc").secret


def _placed(text: str, y: float, order: int) -> Block:
    return Block(text=text, zone=BODY, order=order, box=(0.4, y, 0.6, y + 0.02))


def test_a_level_printed_at_the_foot_of_the_page() -> None:
    blocks = [
        Block(text=t, zone=z, order=i, box=(0.1, 0.05 + 0.05 * i, 0.6, 0.07 + 0.05 * i))
        for i, (t, z) in enumerate(LETTER)
    ]
    foot = [*blocks, _placed("TUYỆT MẬT", 0.94, len(blocks))]
    verdict = detect(foot, "bao-cao.pdf", "pdf")
    assert verdict.secret and verdict.level == "tuyet_mat"
    middle = [*blocks, _placed("TUYỆT MẬT", 0.6, len(blocks))]
    assert not detect(middle, "bao-cao.pdf", "pdf").secret


def test_an_annex_opens_under_its_own_header_in_capitals_only() -> None:
    """A later page that starts with the annex's agency, number and motto opens the annex when
    "PHỤ LỤC" in capitals follows them; a sentence that starts "Phụ lục ..." as deep down a
    continuation page does not."""
    from bmnn.scanner.engine.model import annex_pages

    header = ["UBND TỈNH BẮC LÂM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ XÂY DỰNG"]
    header += ["Độc lập - Tự do - Hạnh phúc", "Số: 12/KH-SXD", "Bắc Lâm, ngày 3 tháng 3 năm 2026"]
    annex = [Block(text=t, page=2, order=i) for i, t in enumerate([*header, "PHỤ LỤC II"])]
    assert annex_pages([Block(text="Kính gửi: các sở, ngành"), *annex]) == [2]
    prose = [f"Dòng {i} của trang tiếp theo." for i in range(5)] + ["Phụ lục kèm theo gồm ba trang"]
    continued = [Block(text=t, page=2, order=i) for i, t in enumerate(prose)]
    assert annex_pages([Block(text="Kính gửi: các sở, ngành"), *continued]) == []
