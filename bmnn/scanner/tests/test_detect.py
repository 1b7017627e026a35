"""What counts as a stamp: TT24 Form 02 text on a line of its own, in capitals, in the header
(Form 19) — not the word in a sentence, a list item, a specimen or an empty field."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from bmnn.scanner.engine.detect import detect, stamp_level
from bmnn.scanner.engine.model import BODY, HEADER, Block


@pytest.mark.parametrize(
    "line,level,exact",
    [
        ("TUYỆT MẬT", "tuyet_mat", True),
        ("TỐI MẬT", "toi_mat", True),
        ("MẬT", "mat", True),
        ("T Ố I  M Ậ T", "toi_mat", True),
        ("[ MẬT ]", "mat", True),
        ("| TUYỆT MẬT |", "tuyet_mat", True),
        ("TOI MAT", "toi_mat", False),
        ("T0I MẬT", "toi_mat", False),
        ("TUYÊT MÂT", "tuyet_mat", False),
        ("LRỐI MẬT", "toi_mat", False),  # a bracket read as L by OCR
    ],
)
def test_stamp_variants_are_recognised(line, level, exact) -> None:
    assert stamp_level(line) == (level, exact)


@pytest.mark.parametrize(
    "line",
    [
        "Tối mật",
        "tài liệu MẬT",
        "Cán bộ làm lộ tài liệu TỐI MẬT của cơ quan",
        "A. MẬT",
        "2) TỐI MẬT",
        "BẢO MẬT",
        "MẬT KHẨU",
        "BÍ MẬT NHÀ NƯỚC",
        "ĐỘ MẬT",
        "MẶT TRẬN",
        "",
    ],
)
def test_words_and_list_items_are_not_stamps(line) -> None:
    assert stamp_level(line) is None


def _header(*lines: str) -> list[Block]:
    return [Block(text=t, zone=HEADER, order=i) for i, t in enumerate(lines)]


def test_a_specimen_word_counts_only_as_a_whole_word() -> None:
    """ "đơn vị được" folds to "don vi duoc", which holds "vi du" (for example): the everyday
    phrase beside a stamp made it a specimen."""
    blocks = _header(
        "UBND TỈNH NAM SƠN",
        "Số: 271/BC-SKHĐT",
        "TỐI MẬT",
        "BÁO CÁO",
        "Các đơn vị được giao nhiệm vụ quán triệt nội dung đến cán bộ trực tiếp thực hiện",
    )
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == "toi_mat"
    specimen = _header("Số: 271/BC-SKHĐT", "Ví dụ về dấu độ mật:", "TỐI MẬT")
    assert not detect(specimen).secret


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
    blocks += [
        Block(
            text=t, page=3, zone=BODY, order=i + 1, box=(0.1, 0.05 + 0.03 * i, 0.4, 0.07 + 0.03 * i)
        )
        for i, t in enumerate(["UBND TỈNH BẮC LÂM", "Số: 9/PA-STP", "TỐI MẬT"])
    ]
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


# --- issue 18: a changed level, a declassification written differently, envelope marks ---------


@pytest.mark.parametrize(
    "lines,level",
    [
        (("MẬT", "ĐIỀU CHỈNH ĐỘ MẬT", "TỐI MẬT"), "toi_mat"),
        (("TUYỆT MẬT", "ĐIỀU CHỈNH ĐỘ MẬT: MẬT"), "mat"),
        (("TỐI MẬT", "ĐIỀU CHỈNH ĐỘ MẬT THÀNH TUYỆT MẬT"), "tuyet_mat"),
        (("TỐI MẬT", "ĐIỀU CHỈNH ĐỘ MẬT", "Theo văn bản số 12/QĐ ngày 02/03/2026", "MẬT"), "mat"),
        # the new level on the stamp's row "Độ mật mới", in one paragraph or on its own line
        (("TUYỆT MẬT", "ĐIỀU CHỈNH ĐỘ MẬT Độ mật mới: MẬT Ngày 26/5/2027"), "mat"),
        (("MẬT", "ĐIỀU CHỈNH ĐỘ MẬT", "Độ mật mới: TỐI MẬT", "Ngày 8/1/2027"), "toi_mat"),
    ],
)
def test_a_changed_level_is_secret_at_the_new_level(lines, level) -> None:
    """TT24 Form 06: the old stamp stays visible beside the change stamp and the new level."""
    verdict = detect(_header("UBND TỈNH BẮC LÂM", "SỞ Y TẾ", "Số: 31/BC-SYT", *lines))
    assert verdict.secret and verdict.level == level and not verdict.declassified
    assert any(e.rule == "level_change_stamp" for e in verdict.evidence)


def test_a_colour_line_under_a_stamp_is_no_specimen_caption() -> None:
    """ "Màu:" (colour) folds as "Mẫu:" (specimen) does; only the latter is a caption (review)."""
    verdict = detect(_header("UBND TỈNH BẮC LÂM", "Số: 12/BC-UBND", "TỐI MẬT", "Màu: xanh rêu"))
    assert verdict.secret and verdict.level == "toi_mat"
    captioned = _header("UBND TỈNH BẮC LÂM", "Số: 12/BC-UBND", "TỐI MẬT", "Mẫu: dấu độ Tối mật")
    assert not detect(captioned).secret


def test_a_new_level_row_names_it_after_the_word_for_new() -> None:
    from bmnn.scanner.engine.detect import new_level_row

    assert new_level_row("Độ mật mới: TỐI MẬT") == "toi_mat"
    assert new_level_row("Mức mới: MẬT") == "mat"
    assert new_level_row("Mới: Mật ong rừng") is None


def test_the_struck_level_is_the_old_one_whatever_the_order() -> None:
    """In Word the old level is struck through; the new one may come before the change stamp."""
    blocks = _header("UBND TỈNH BẮC LÂM", "Số: 31/BC-SYT", "TỐI MẬT", "ĐIỀU CHỈNH ĐỘ MẬT")
    blocks.insert(2, Block(text="MẬT", zone=HEADER, order=2, struck=True))
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == "toi_mat"


def test_change_stamp_specimens_are_not_a_marking() -> None:
    """The forms circular shows Form 06 next to the level stamps: three levels, specimens."""
    blocks = _header(
        "BỘ CÔNG AN", "Số: 24/2020/TT-BCA", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "ĐIỀU CHỈNH ĐỘ MẬT"
    )
    assert not detect(blocks).secret
    named = _header("UBND TỈNH BẮC LÂM", "Số: 3/HD-CA", "Mẫu số 06", "ĐIỀU CHỈNH ĐỘ MẬT", "TỐI MẬT")
    assert not detect(named).secret


@pytest.mark.parametrize(
    "mark",
    [("GIẢI MẬT Từ: 01/02/2026",), ("GIẢI MẬT", "Từ: 01/02/2026"), ("GIẢI MẬT", "TỪ: 01/02/2026")],
)
def test_declassification_written_on_one_or_two_lines(mark) -> None:
    verdict = detect(_header("UBND TỈNH BẮC LÂM", "Số: 7/CV-STP", "TỐI MẬT", *mark))
    assert not verdict.secret and verdict.declassified and verdict.level == "toi_mat"


def test_declassification_in_the_page_header_counts() -> None:
    blocks = [Block(text="GIẢI MẬT", zone=HEADER, order=0, origin="page-header")]
    blocks += _header("UBND TỈNH BẮC LÂM", "Số: 7/CV-STP", "MẬT")
    blocks += [Block(text=f"Đoạn {i} của văn bản.", zone=BODY, order=10 + i) for i in range(20)]
    verdict = detect(blocks)
    assert not verdict.secret and verdict.declassified


def test_a_lone_envelope_mark_gives_its_level() -> None:
    """ND26 Art. 4.1.b: A Tuyệt mật, B Tối mật, C Mật on the envelope."""
    for letter, level in (("A", "tuyet_mat"), ("B", "toi_mat"), ("C", "mat")):
        blocks = [
            Block(text="Kính gửi: Sở Y tế tỉnh Bắc Lâm", order=0),
            Block(text=letter, order=1, origin="envelope-mark", box=(0.1, 0.1, 0.2, 0.2)),
        ]
        verdict = detect(blocks)
        assert verdict.secret and verdict.level == level


def test_envelope_marks_of_every_level_together_are_specimens() -> None:
    blocks = [
        Block(
            text=letter, order=i, origin="envelope-mark", box=(0.1 * i, 0.5, 0.1 * i + 0.05, 0.55)
        )
        for i, letter in enumerate("ABC")
    ]
    assert not detect(blocks).secret
    shown = [
        Block(text="Mẫu số 03: dấu ký hiệu", order=0),
        Block(text="B", order=1, origin="envelope-mark"),
    ]
    assert not detect(shown).secret


def test_declassified_when_the_crossed_out_level_cannot_be_read() -> None:
    """A scan: the old stamp is crossed out beyond reading, the GIẢI MẬT stamp is clear."""
    verdict = detect(
        _header("UBND TỈNH BẮC LÂM", "Số: 7/CV-STP", "—-~ X", "GIẢI MẬT", "Từ: 01/02/2026")
    )
    assert verdict.declassified and not verdict.secret and verdict.level is None


def test_a_crossed_out_level_beside_a_new_one_is_the_old_marking() -> None:
    """Without the change stamp, a struck level next to a live one is not a specimen pair."""
    blocks = _header("UBND TỈNH BẮC LÂM", "Số: 31/BC-SYT", "TỐI MẬT")
    blocks.insert(2, Block(text="MẬT", zone=HEADER, order=2, struck=True))
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_stamp_in_a_print_header_is_secret_on_its_own() -> None:
    """A workbook whose only marking is its print header (Excel's &C section)."""
    blocks = [Block(text="MẬT", zone=HEADER, order=0, origin="page-header")]
    blocks += [Block(text=f"Số liệu {i}", page=1, order=1 + i) for i in range(10)]
    verdict = detect(blocks, kind="xlsx")
    assert verdict.secret and verdict.score >= 0.75


def test_a_later_sheet_with_its_own_administrative_header_anchors_its_stamp() -> None:
    first = [Block(text=f"Bảng {i}", page=1, zone=HEADER, order=i) for i in range(3)]
    sheet = [
        Block(text=t, page=3, zone=HEADER, order=10 + i)
        for i, t in enumerate(["UBND TỈNH BẮC LÂM", "Số: 12/BC-STC", "TỐI MẬT"])
    ]
    verdict = detect(first + sheet, kind="xlsx")
    assert verdict.secret and verdict.level == "toi_mat" and verdict.score >= 0.9


@pytest.mark.parametrize(
    "line,level",
    [
        ("[ SAO Y BẢN CHÍNH TỐI MẬÂT", "toi_mat"),  # a copy mark beside a misread level
        ("TUYỆT MẬI HỎA TỐC", "tuyet_mat"),
    ],
)
def test_a_misread_level_beside_a_companion_mark_is_read_from_ocr(line, level) -> None:
    assert stamp_level(line) == (level, False)
    assert stamp_level(line, approximate=False) is None


def test_typed_text_needs_the_levels_own_letters() -> None:
    """Approximate matches are OCR's: typed, "TUYỆT MỸ" ("exquisite") is a heading's word, not
    a misread "TUYỆT MẬT"; the letters without their marks still count (ASCII, an old font)."""
    assert stamp_level("TUYỆT MỸ", approximate=False) is None
    assert stamp_level("TUYỆT MỸ") == ("tuyet_mat", False)
    assert stamp_level("TOI MAT", approximate=False) == ("toi_mat", False)
    assert stamp_level("TÓM TẮT") is None  # a real word OCR reads right: not even from OCR
    header = [
        Block(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", zone=HEADER, order=0),
        Block(text="Số: 12/BC-STC", zone=HEADER, order=1),
        Block(text="TUYỆT MỸ", zone=HEADER, order=2),
    ]
    assert not detect(header).secret
    read = [*header[:2], Block(text="TUYỆT MỸ", zone=HEADER, order=2, origin="ocr")]
    verdict = detect(read)
    assert verdict.secret and verdict.level == "tuyet_mat"


def _slide_photo(caption_box: tuple[float, float, float, float]) -> list[Block]:
    """A photo of a training slide as OCR returns it: the red stamp, stray pieces of it (an
    overprinted "MẪU" read as noise), and a caption."""
    noise = [
        Block(
            text=text,
            zone=BODY,
            order=2 + n,
            origin="ocr",
            box=(0.61, 0.39 + 0.01 * n, 0.7, 0.4 + 0.01 * n),
        )
        for n, text in enumerate(["T _Ắ", "KWMÐ", "j4", "“4"])
    ]
    return [
        Block(
            text="Dấu hình chữ nhật, viền đỏ",
            zone=BODY,
            order=0,
            origin="ocr",
            box=(0.2, 0.33, 0.5, 0.36),
        ),
        Block(text="TỐI MẬT", zone=HEADER, order=1, origin="ocr-stamp", box=(0.6, 0.3, 0.72, 0.37)),
        *noise,
        Block(text="Mẫu số 01 - độ Tối mật", zone=BODY, order=9, origin="ocr", box=caption_box),
    ]


def test_a_specimen_caption_right_under_the_stamp_counts_whatever_ocr_put_between() -> None:
    assert not detect(_slide_photo((0.6, 0.43, 0.72, 0.45))).secret
    far = detect(_slide_photo((0.05, 0.9, 0.3, 0.92)))  # the same words elsewhere on the page
    assert far.secret and far.level == "toi_mat"


def test_the_level_alone_on_the_first_line_of_a_plain_text_file_is_its_stamp() -> None:
    from bmnn.scanner.engine import scan_bytes

    table = "\n".join(f"{n},Đơn vị {300 + n},{40 + n},Điểm {n}" for n in range(1, 15))
    csv = f"MẬT\nBảng quân số - trang bị\nSTT,Đơn vị,Quân số,Vị trí\n{table}\n"
    verdict = scan_bytes(csv.encode("utf-8"), "bang.csv")[0]
    assert verdict.secret and verdict.level == "mat"
    # the same word further down (a heading of a note) is not
    note = f"Bảng quân số - trang bị\nMẬT\nSTT,Đơn vị,Quân số,Vị trí\n{table}\n"
    assert not scan_bytes(note.encode("utf-8"), "bang.csv")[0].secret


@pytest.mark.parametrize(
    ("old", "note", "new", "level"),
    [
        ("MẬT", "Tăng độ mật theo Quyết định", "TỐI MẬT", "toi_mat"),
        ("TUYỆT MẬT", "Giảm độ mật theo Quyết định", "MẬT", "mat"),
        ("TỐI MẬT", "Hạ độ mật theo Quyết định", "MẬT", "mat"),
    ],
)
def test_a_raise_or_a_lowering_noted_under_the_old_stamp_is_a_change_of_level(
    old: str, note: str, new: str, level: str
) -> None:
    """A level is adjusted up or down (L18 Art. 21, L25 Art. 21): "tăng", "giảm", "hạ" độ mật."""
    header = [
        Block(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", zone=HEADER, order=0),
        Block(text="Số: 79/CV-PA01", zone=HEADER, order=1),
        Block(text=old, zone=HEADER, order=2),
        Block(text=note, zone=HEADER, order=3),
        Block(text="số 1242/QĐ-UBND ngày 22/02/2025", zone=HEADER, order=4),
        Block(text=new, zone=HEADER, order=5),
    ]
    verdict = detect(header)
    assert verdict.secret and verdict.level == level


def test_a_change_note_read_by_ocr_with_mat_as_mot_still_counts() -> None:
    header = [
        Block(text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", zone=HEADER, order=0, origin="ocr"),
        Block(text="Số: 242/QĐ-BCH", zone=HEADER, order=1, origin="ocr"),
        Block(text="TỐI MÂT", zone=HEADER, order=2, origin="ocr-stamp"),
        Block(text="Thay đổi độ một theo Quyết định", zone=HEADER, order=3, origin="ocr"),
        Block(text="số 1630/QĐ-BTC ngày 02/06/2025", zone=HEADER, order=4, origin="ocr"),
        Block(text="MẶT", zone=HEADER, order=5, origin="ocr-stamp"),
    ]
    verdict = detect(header)
    assert verdict.secret and verdict.level == "mat"


@pytest.mark.parametrize(
    ("line", "secret"),
    [
        ("MẬT öNG", False),
        ("MẬT KHẨU", False),
        ("MẬT", True),
        ("MẬT Đồ Sơn, ngày 12 tháng 5", True),
        ("MẬT MÃ", False),
        # the shadowed "ONG" read as another word: letters as wide as the mark's run on past it
        ("MẬT SING", False),
        ("MẬT 0NG", False),
        # smaller print sharing the stamp's line: many narrower letters
        ("MẬT UBND TỈNH ĐÔNG GIANG", True),
        # a number line or a page number beside it (review of session 12)
        ("MẬT Số: 15/KH-UBND", True),
        ("MẬT Trang 12", True),
    ],
)
def test_a_red_mark_that_the_page_reads_as_the_start_of_another_word_is_not_a_stamp(
    line: str, secret: bool
) -> None:
    """A honey label's red "MẬT ONG" half in shadow: the red-ink mask takes "MẬT" alone, while
    the page's own reading of that line says "MẬT ONG", or reads the shadowed word as another
    word of the same size."""
    blocks = [
        Block(
            text="HTX ONG MẬT THẠCH BÌNH",
            zone=HEADER,
            order=0,
            origin="ocr",
            box=(0.28, 0.18, 0.73, 0.24),
        ),
        Block(
            text="MẬT", zone=HEADER, order=1, origin="ocr-stamp", box=(0.285, 0.257, 0.484, 0.395)
        ),
        Block(text=line, zone=HEADER, order=2, origin="ocr", box=(0.285, 0.258, 0.714, 0.396)),
    ]
    assert detect(blocks).secret is secret


@pytest.mark.parametrize("word", ["MẤT", "MẶT", "MÁT", "TỐI MẤT", "TUYỆT MẶT"])
def test_typed_words_marked_otherwise_are_not_the_level_but_ocr_may_misread_one(word: str) -> None:
    """Typed text carries its marks: "MẤT" (lost) heading an inventory's column is not "MẬT".
    OCR drops and confuses marks, so there the same letters may still be the level."""
    assert stamp_level(word, approximate=False) is None
    assert stamp_level(word) is not None


@pytest.mark.parametrize(
    ("typed", "level"),
    [
        ("MAT", "mat"),
        ("TOI MAT", "toi_mat"),
        ("BẢN SAO TỐI MẬT", "toi_mat"),
        ("MẬT", "mat"),
        # a mark left out in typing: some of the level's own marks (review of session 12)
        ("TÔI MẬT", "toi_mat"),
        ("TỐI MÂT", "toi_mat"),
        ("TUYÊT MẬT", "tuyet_mat"),
        ("MẠT", "mat"),
    ],
)
def test_a_level_typed_without_marks_or_with_its_own_is_read(typed: str, level: str) -> None:
    found = stamp_level(typed, approximate=False)
    assert found is not None and found[0] == level


def test_an_inventory_table_with_a_column_headed_mat_lost_is_not_stamped() -> None:
    """A commune's equipment count: "CÒN | MẤT | HỎNG" (in hand, lost, broken) head the table's
    columns at the top of the page, where a typed "MẬT" would be the stamp."""
    import docx

    from bmnn.scanner.engine import scan_bytes

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN XÃ TÂN AN")
    document.add_paragraph("BIÊN BẢN KIỂM KÊ THIẾT BỊ")
    rows = [["TÊN THIẾT BỊ", "CÒN", "MẤT", "HỎNG"], ["Máy tính", "10", "1", "2"]]
    table = document.add_table(rows=len(rows), cols=4)
    for cells, row in zip(table.rows, rows, strict=True):
        for cell, value in zip(cells.cells, row, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    verdict = scan_bytes(out.getvalue(), "kiem-ke.docx")[0]
    assert not verdict.secret and verdict.level is None


@pytest.mark.parametrize(
    ("beside", "secret"),
    [("MẪU", False), ("MAU", False), ("TỐI MẬT MẪU", False), ("BIỂU MẪU", True), ("Mẫu", True)],
)
def test_a_level_shown_with_the_specimen_stamp_is_a_specimen(beside: str, secret: bool) -> None:
    """A handout's pictures of sample stamps: OCR reads the level and, as a line of its own, the
    "MẪU" stamped beside it (its mark often lost). A heading that ends in the word ("BIỂU MẪU",
    forms) or the word in running text is not that stamp."""
    blocks = [
        Block(text="UBND TỈNH KIM THẠCH", zone=HEADER, order=0),
        Block(text="Số: 128/KH-SKHĐT", zone=HEADER, order=1),
        Block(text="TỐI MẬT", zone=HEADER, order=2, origin="ocr-stamp"),
        Block(text=beside, zone=HEADER, order=3, origin="ocr-stamp"),
    ]
    assert detect(blocks).secret is secret


def test_one_stamp_read_three_times_is_one_place_not_three_stamps() -> None:
    """An annex page's grey stamp read through the light-grey mask, in its own ink and in the
    page's text: three readings in one place are one stamp, not the three body stamps of a
    specimen sheet (corpus 5's 013, once faint marks were read twice)."""
    boxes = [
        (0.760, 0.034, 0.828, 0.055),
        (0.748, 0.029, 0.837, 0.061),
        (0.748, 0.029, 0.837, 0.061),
    ]
    blocks = [Block(text="CÔNG VĂN", zone=HEADER, order=0, box=(0.4, 0.2, 0.6, 0.22))]
    blocks += [
        Block(text=text, zone=BODY, page=2, order=1 + i, origin="ocr", box=box)
        for i, (text, box) in enumerate(zip(["MẬT", "MẬT", "[MẬT|"], boxes, strict=True))
    ]
    blocks.append(Block(text="PHỤ LỤC", zone=BODY, page=2, order=4, box=(0.1, 0.09, 0.2, 0.1)))
    assert detect(blocks).secret
    spread = [
        replace(b, box=(0.1 + 0.3 * i, 0.03 + 0.3 * i, 0.2 + 0.3 * i, 0.05 + 0.3 * i))
        for i, b in enumerate(blocks[1:4])
    ]
    assert detect([blocks[0], *spread, blocks[4]]).score < detect(blocks).score


def test_a_level_run_into_the_recall_mark_in_a_page_header_is_read() -> None:
    """A Word 97 header holding the level stamp and "TÀI LIỆU THU HỒI" (Form 07) side by side
    comes out as one run of text with no space between them."""
    assert stamp_level("TUYỆT MẬTTÀI LIỆU THU HỒI", approximate=False) == ("tuyet_mat", False)
    assert stamp_level("TÀI LIỆU THU HỒI") is None


def test_a_word_list_or_a_poem_under_the_level_word_is_not_a_stamped_file() -> None:
    from bmnn.scanner.engine import scan_bytes

    words = "MẬT\nMẬT ONG\nMẬT KHẨU\nMẬT ĐỘ\nMẬT THIẾT\nBÍ MẬT\n"
    poem = "MẬT\nGiọt mật ngọt trên cành hoa nhãn\nCon ong chăm chỉ suốt mùa hè\nĐể dành cho em\n"
    for text in (words, poem):
        assert not scan_bytes(text.encode("utf-8"), "ghi-chu.txt")[0].secret


def test_a_change_note_in_a_training_text_that_names_no_decision_does_not_count() -> None:
    """A guide to stamping shows a change with the two stamps; no decision is cited, so the
    two levels stay specimens of a guide."""
    blocks = [
        Block(text="HƯỚNG DẪN ĐÓNG DẤU", zone=HEADER, order=0),
        Block(text="TỐI MẬT", zone=HEADER, order=1),
        Block(text="Giảm độ mật từ Tối mật xuống Mật", zone=HEADER, order=2),
        Block(text="MẬT", zone=HEADER, order=3),
    ]
    assert not detect(blocks).secret


@pytest.mark.parametrize(
    ("note", "level"),
    [
        # on one line, longer than a stamp, naming the decision (corpus 8)
        (
            "Độ mật thay đổi từ TỐI MẬT thành MẬT theo Quyết định số 10/QĐ-UBND ngày 18/05/2026",
            "mat",
        ),
        ("Độ mật được điều chỉnh từ Mật lên Tối mật theo Quyết định số 8/QĐ-UBND", "toi_mat"),
    ],
)
def test_a_change_note_that_starts_with_the_level_and_names_both_levels(
    note: str, level: str
) -> None:
    old, new = ("TỐI MẬT", "MẬT") if level == "mat" else ("MẬT", "TỐI MẬT")
    blocks = _header("UBND TỈNH BẠCH LĨNH", "Số: 468/PA-STC", old, new, note)
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == level
    assert any(e.rule == "level_change_stamp" for e in verdict.evidence)


def test_a_sentence_on_changing_levels_without_a_decision_changes_nothing() -> None:
    """The same words in a guide, beside specimens and citing no decision, stay a guide."""
    blocks = _header(
        "HƯỚNG DẪN ĐÓNG DẤU",
        "TỐI MẬT",
        "MẬT",
        "Độ mật thay đổi từ Tối mật thành Mật khi nội dung tài liệu thay đổi",
    )
    assert not detect(blocks).secret


@pytest.mark.parametrize(("typed", "level"), [("Tối Mật", "toi_mat"), ("Tuyệt mật", "tuyet_mat")])
def test_a_level_typed_in_small_letters_right_under_the_number_is_the_stamp(
    typed: str, level: str
) -> None:
    """Word shows "Tối mật" in capitals when a character style says so (caps); the text keeps
    what was typed (corpus 8's DOCX and Word 97 letters)."""
    blocks = _header("ỦY BAN NHÂN DÂN", "XÃ NẬM KHAO", "Số: 170/KH-UBND", typed, "KẾ HOẠCH")
    verdict = detect(blocks)
    assert verdict.secret and verdict.level == level
    # elsewhere in the header, a level in small letters is a word, not a stamp
    elsewhere = _header("ỦY BAN NHÂN DÂN", "Số: 170/KH-UBND", "KẾ HOẠCH", typed)
    assert not detect(elsewhere).secret


def _scanned_header(*marks: tuple[str, str, tuple[float, float, float, float]]) -> list[Block]:
    """A scan's header as OCR gives it: the agency and motto lines, then `marks` (text,
    origin, box)."""
    lines = [
        ("BỘ CHQS TỈNH LAM KIỀU", (0.15, 0.09, 0.38, 0.10)),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", (0.51, 0.09, 0.88, 0.10)),
        ("Số: 246/PA-TC", (0.20, 0.13, 0.34, 0.14)),
        ("PHƯƠNG ÁN", (0.43, 0.22, 0.57, 0.23)),
    ]
    blocks = [
        Block(text=t, zone=HEADER, order=i, box=b, origin="ocr") for i, (t, b) in enumerate(lines)
    ]
    return blocks + [
        Block(text=t, zone=HEADER, order=len(lines) + i, box=b, origin=o)
        for i, (t, o, b) in enumerate(marks)
    ]


def test_the_last_word_of_a_stamp_read_apart_is_not_another_level() -> None:
    """A faint red TUYỆT MẬT whose red broke between its words: the page's reading has the
    whole stamp, the red marks its parts, one of them "MẬT". Two levels at one place were
    taken for specimens shown together, and the stamp lost its weight."""
    blocks = _scanned_header(
        ("TUYỆT MẠT", "ocr", (0.73, 0.035, 0.94, 0.058)),
        ("TUYỆTI", "ocr-stamp", (0.73, 0.03, 0.84, 0.06)),
        ("MẬT", "ocr-stamp", (0.86, 0.03, 0.94, 0.06)),
    )
    verdict = detect(blocks)
    assert (verdict.secret, verdict.level) == (True, "tuyet_mat")


def test_two_levels_side_by_side_in_their_own_boxes_stay_specimens() -> None:
    blocks = _scanned_header(
        ("TỐI MẬT", "ocr", (0.30, 0.03, 0.45, 0.06)),
        ("MẬT", "ocr", (0.50, 0.03, 0.58, 0.06)),
    )
    assert not detect(blocks).secret


def test_a_level_in_a_shape_laid_over_a_bigger_shapes_level_stays_a_specimen() -> None:
    """On a slide a block's box is its shape's, not its ink's: a red "MẬT" text box laid over
    the text box that lists "TỐI MẬT" is a second level shown beside it, not the last word of
    a stamp whose red broke apart (that happens to what OCR reads only)."""
    listing = (0.08, 0.25, 0.92, 0.85)
    blocks = [
        Block(text="Tập huấn nghiệp vụ văn thư", zone=HEADER, box=(0.1, 0.3, 0.9, 0.4)),
        Block(text="Phân loại theo mức độ", page=2, order=1, box=(0.08, 0.05, 0.92, 0.15)),
        Block(text="TỐI MẬT", page=2, order=2, box=listing),
        Block(text="Áp dụng cho thông tin gây thiệt hại rất nghiêm trọng", page=2, order=3),
        Block(text="MẬT", page=2, order=4, box=(0.70, 0.30, 0.85, 0.38), red=True),
    ]
    slides = [replace(block, origin="slide") for block in blocks]
    slides[3] = replace(slides[3], box=listing)
    assert not detect(slides, "tap-huan.pptx", "pptx").secret
