"""Legacy Word files: Word 97–2003 .doc read from the binary format (text, tables, page headers
and footers, text boxes, 8-bit and UTF-16 pieces) and RTF saved as .doc; then damaged,
truncated and hostile variants, which must end in a verdict or a clear error, quickly."""

from __future__ import annotations

import importlib
import io
import random
import struct
import time
from pathlib import Path

import olefile
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract import extract, sniff
from bmnn.scanner.engine.extract.legacy import picture_blob
from bmnn.scanner.engine.limits import ExtractError
from bmnn.scanner.engine.model import BODY, HEADER
from tests.corpus.families.legacy_doc import (
    changed_layout,
    declassified_layout,
    layout_of,
    plain,
    write_docx,
    write_mht,
    write_rtf,
    write_wordml,
)
from tests.corpus.scanner_corpus import make_doc, negative_plan, negative_specimens

FIXTURES = Path(__file__).parent / "fixtures" / "doc"
# "encoding": a file damaged at its start, read as text whose encoding is unknown
CODES = ("malformed", "encrypted", "unsupported", "limit", "encoding")
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def blocks_of(name: str) -> list:
    extracted = extract(fixture(name), name)
    assert extracted.kind == "doc"
    return extracted.blocks


def stamp(blocks: list, text: str):
    found = [b for b in blocks if b.text == text]
    assert len(found) == 1, [b.text for b in blocks]
    return found[0]


# --- real files --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name,level,origin",
    [
        ("mat-under-number.doc", "mat", "text"),
        ("tuyet-mat-header-table.doc", "tuyet_mat", "table"),
        ("toi-mat-page-header.doc", "toi_mat", "page-header"),
        ("mat-footer.doc", "mat", "page-header"),
        ("toi-mat-textbox.doc", "toi_mat", "textbox"),
        ("mat-cell.doc", "mat", "table"),
        ("toi-mat-bold.doc", "toi_mat", "text"),
        ("toi-mat-mixed-pieces.doc", "toi_mat", "text"),
    ],
)
def test_a_stamped_doc_is_read_with_where_the_stamp_sits(name, level, origin) -> None:
    blocks = blocks_of(name)
    words = {"mat": "MẬT", "toi_mat": "TỐI MẬT", "tuyet_mat": "TUYỆT MẬT"}[level]
    found = stamp(blocks, words)
    assert (found.zone, found.origin) == (HEADER, origin)
    assert any(b.text == MOTTO for b in blocks)  # Vietnamese comes out whole, in NFC
    verdict = scan_bytes(fixture(name), name)[0]
    assert verdict.error is None and verdict.secret and verdict.level == level
    assert verdict.score >= 0.85


def test_the_main_text_is_in_reading_order_with_the_header_block_first() -> None:
    blocks = blocks_of("mat-under-number.doc")
    texts = [b.text for b in blocks]
    assert texts[0] == "UBND TỈNH BẮC LÂM" and texts[2].startswith("Số: ") and texts[3] == "MẬT"
    assert texts[-1] == "Nguyễn Văn An"  # the signature closes the document
    assert [b.order for b in blocks] == list(range(len(blocks)))
    assert all(b.zone == HEADER for b in blocks[:15]) and all(b.zone == BODY for b in blocks[15:])


def test_table_cells_are_separate_blocks_in_cell_order() -> None:
    blocks = blocks_of("tuyet-mat-header-table.doc")
    cells = [b.text for b in blocks if b.origin == "table"]
    assert cells[:4] == ["UBND TỈNH BẮC LÂM", "UBND XÃ TÂN PHÚ", cells[2], "TUYỆT MẬT"]
    assert cells[2].startswith("Số: ")
    assert cells[4:6] == [MOTTO, "Độc lập - Tự do - Hạnh phúc"]  # the right cell after the left
    assert blocks[len(cells)].origin == "text"  # the body after the table is not a cell


def test_page_headers_and_footers_come_first_and_are_not_main_text() -> None:
    for name, text in (("toi-mat-page-header.doc", "TỐI MẬT"), ("mat-footer.doc", "MẬT")):
        blocks = blocks_of(name)
        assert blocks[0].text == text and blocks[0].origin == "page-header"
        assert [b.text for b in blocks].count(text) == 1


def test_a_text_box_comes_right_after_the_paragraph_it_is_anchored_in() -> None:
    blocks = blocks_of("toi-mat-textbox.doc")
    index = next(i for i, b in enumerate(blocks) if b.origin == "textbox")
    assert blocks[index].text == "TỐI MẬT"
    assert blocks[index - 1].text.startswith("Số: ")


def test_bold_is_read_from_the_character_properties() -> None:
    blocks = blocks_of("toi-mat-bold.doc")
    assert stamp(blocks, "TỐI MẬT").bold
    assert not any(b.bold for b in blocks if b.text != "TỐI MẬT")


def test_eight_bit_pieces_are_windows_1252() -> None:
    """Word stores text that fits Windows-1252 one byte a character; a document can mix such
    pieces with UTF-16 ones (the mixed fixture: "UBND T" in 8 bits, the rest in UTF-16)."""
    blocks = blocks_of("tuyet-mat-cp1252.doc")
    assert [b.text for b in blocks[:4]][3] == "TUYET MAT"
    assert blocks[0].text == "UBND TINH BAC LAM"
    mixed = blocks_of("toi-mat-mixed-pieces.doc")
    assert mixed[0].text == "UBND TỈNH BẮC LÂM" and mixed[4].text == MOTTO


def test_text_typed_in_tcvn3_fonts_is_decoded() -> None:
    """An old document typed with the ABC keyboard: body text in the Normal style's .VnTime,
    lines in capitals in the capitals-only .VnTimeH, each letter stored as its TCVN3 byte."""
    blocks = blocks_of("toi-mat-tcvn3.doc")
    texts = [b.text for b in blocks]
    assert texts[:4] == [
        "CÔNG AN TỈNH BẮC LÂM",
        "PHÒNG AN NINH CHÍNH TRỊ NỘI BỘ",
        texts[2],
        "TỐI MẬT",
    ]
    assert MOTTO in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert "- Như trên;" in texts  # ư is the soft-hyphen byte: not lost
    verdict = scan_bytes(fixture("toi-mat-tcvn3.doc"), "old.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat"
    # text in ordinary fonts is left as it is: "Lâm" (â is TCVN3's õ) stays "Lâm"
    assert any(b.text.startswith("Bắc Lâm, ngày") for b in blocks_of("mat-under-number.doc"))


def test_documents_about_secrets_and_declassified_ones_are_not_flagged() -> None:
    for name in ("negative-plan.doc", "negative-specimens.doc"):
        verdict = scan_bytes(fixture(name), name)[0]
        assert verdict.error is None and not verdict.secret, name
        assert len(blocks_of(name)) > 8  # read, not skipped
    declassified = scan_bytes(fixture("declassified-mat.doc"), "declassified-mat.doc")[0]
    assert declassified.declassified and not declassified.secret


# --- what the container says -------------------------------------------------------------------


def patch_stream(data: bytes, name: str, offset: int, value: bytes) -> bytes:
    handle = io.BytesIO(data)
    ole = olefile.OleFileIO(handle, write_mode=True)
    stream = bytearray(ole.openstream(name).read())
    stream[offset : offset + len(value)] = value
    ole.write_stream(name, bytes(stream))
    ole.close()
    return handle.getvalue()


def rename_stream(data: bytes, old: str, new: str) -> bytes:
    """The compound file with one directory entry renamed (as an .xls or .ppt names its main
    stream), the name's length field updated."""
    encoded = old.encode("utf-16-le") + b"\0\0"
    at = data.find(encoded)
    out = bytearray(data)
    replacement = (new.encode("utf-16-le") + b"\0\0").ljust(64, b"\0")
    out[at : at + 64] = replacement
    struct.pack_into("<H", out, at + 64, len(new.encode("utf-16-le")) + 2)
    return bytes(out)


@pytest.mark.parametrize(
    "stream,says",
    [("Workbook", "XLSX"), ("PowerPoint Document", "PPTX"), ("__properties_version1.0", "EML")],
)
def test_other_office_files_say_what_to_save_them_as(stream, says) -> None:
    data = rename_stream(fixture("mat-under-number.doc"), "WordDocument", stream)
    verdict = scan_bytes(data, "old.doc")[0]
    assert (
        verdict.error is not None
        and verdict.error.startswith("unsupported")
        and says in verdict.error
    )
    assert verdict.kind == "unsupported" and not verdict.secret


def test_a_password_protected_office_2007_file_in_its_ole_wrapper_says_so() -> None:
    data = rename_stream(fixture("mat-under-number.doc"), "WordDocument", "EncryptedPackage")
    verdict = scan_bytes(data, "locked.docx")[0]
    assert verdict.error is not None and verdict.error.startswith("encrypted")


def test_the_corpus_family_names_the_package_when_libreoffice_is_missing(
    monkeypatch, tmp_path
) -> None:
    from tests.corpus.families.legacy_doc import ConverterMissing, convert, lines_docx

    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on it
    with pytest.raises(ConverterMissing, match="libreoffice-writer-nogui"):
        convert([lines_docx(["MẬT"])], cache=tmp_path / "cache")


def test_a_password_protected_doc_says_so() -> None:
    data = fixture("mat-under-number.doc")
    flags = struct.unpack_from(
        "<H", olefile.OleFileIO(io.BytesIO(data)).openstream("WordDocument").read(), 0x0A
    )[0]
    locked = patch_stream(data, "WordDocument", 0x0A, struct.pack("<H", flags | 0x0100))
    verdict = scan_bytes(locked, "locked.doc")[0]
    assert (
        verdict.error is not None and verdict.error.startswith("encrypted") and not verdict.secret
    )


def test_a_word_95_document_is_refused_by_name() -> None:
    old = patch_stream(fixture("mat-under-number.doc"), "WordDocument", 2, struct.pack("<H", 0x68))
    with pytest.raises(ExtractError, match=r"Word 6\.0/95"):
        extract(old, "old.doc")


def test_an_ole_file_with_no_word_document_is_not_read_as_one() -> None:
    data = rename_stream(fixture("mat-under-number.doc"), "WordDocument", "Contents")
    with pytest.raises(ExtractError) as caught:
        extract(data, "x.doc")
    assert caught.value.code == "unsupported"


# --- RTF and HTML saved as .doc ------------------------------------------------------------------


def test_rtf_saved_as_doc_is_read_with_unicode_escapes() -> None:
    doc = make_doc(random.Random(4), "toi_mat")
    data = write_rtf(doc, "rtf-unicode", header="Tài liệu lưu hành nội bộ")
    assert sniff(data, "bao-cao.doc") == "rtf"
    extracted = extract(data, "bao-cao.doc")
    texts = [b.text for b in extracted.blocks]
    assert texts[0] == "Tài liệu lưu hành nội bộ" and extracted.blocks[0].origin == "page-header"
    assert "TỐI MẬT" in texts and MOTTO in texts and doc.place_date in texts
    assert next(b for b in extracted.blocks if b.text == "TỐI MẬT").bold
    # the font table, the stylesheet and the document's properties are not text
    assert not any("Times New Roman" in t or "heading" in t or "Văn thư" in t for t in texts)
    assert texts.count("TỐI MẬT") == 1  # the \info title "TỐI MẬT" is not a stamp
    verdict = scan_bytes(data, "bao-cao.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_rtf_in_a_vietnamese_code_page_is_decoded_by_its_font_charset() -> None:
    doc = make_doc(random.Random(5), "tuyet_mat")
    data = write_rtf(doc, "rtf-cp1258")
    assert b"\\u" not in data.split(b"\\info")[1].split(b"}}", 1)[1]  # text only as \'xx escapes
    texts = [b.text for b in extract(data, "x.doc").blocks]
    assert "TUYỆT MẬT" in texts and MOTTO in texts


def test_rtf_in_tcvn3_fonts_is_decoded_by_the_font_name() -> None:
    doc = make_doc(random.Random(6), "mat")
    data = write_rtf(doc, "rtf-tcvn3")
    assert b".VnTimeH" in data and b"\\u" not in data.split(b"\\info")[1].split(b"}}", 1)[1]
    texts = [b.text for b in extract(data, "old.doc").blocks]
    assert texts[:4] == [doc.parent, doc.agency, f"Số: {doc.number}", "MẬT"]
    assert MOTTO in texts and doc.place_date in texts
    plain = rb"{\rtf1\ansi{\fonttbl{\f0 Times New Roman;}}\f0 Caf\'e9 L\'e2m\par}"
    assert [b.text for b in extract(plain, "x.rtf").blocks] == ["Café Lâm"]  # not a TCVN3 font


def test_rtf_escapes_tables_fields_text_boxes_and_binary_data() -> None:
    rtf = (
        r"{\rtf1\ansi\ansicpg1251\deff0{\fonttbl{\f0 Arial;}}"
        r"{\*\generator Hand 1.0;}"
        r"\pard S\'eeo\par"  # Windows-1251 from \ansicpg: "Sоo" with a Cyrillic о
        r"\pard\intbl UBND\cell T\u7888?I M\u7852?T\cell\row"
        r'\pard{\field{\*\fldinst HYPERLINK "x"}{\fldrslt ket qua}}\par'
        r"{\shp{\*\shpinst{\sp{\sn fillColor}{\sv 255}}{\shptxt \pard M\u7852?T\par}}}"
        r"{\pict\bin4 {}{}}\pard \uc0\u-10179\u-8703 X\uc2\u7853\'3f\'3fY\par"
        r"\pard \u21555?\u19968?\par}"
    )
    extracted = extract(rtf.encode("ascii"), "hand.doc")
    blocks = extracted.blocks
    assert [b.text for b in blocks] == [
        "Sоo",
        "UBND",
        "TỐI MẬT",
        "ket qua",
        "MẬT",
        "\U0001f601XậY",
        "吳一",
    ]
    assert [b.origin for b in blocks[1:3]] == ["table", "table"] and blocks[4].origin == "textbox"


def test_html_saved_as_doc_is_read_as_html() -> None:
    page = (
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta charset="utf-8"></head>'
        "<body><p>UBND TỈNH BẮC LÂM</p><p>Số: 12/BC-STP</p><p><b>MẬT</b></p>"
        f"<p>{MOTTO}</p></body></html>"
    ).encode()
    assert sniff(page, "bao-cao.doc") == "html"
    verdict = scan_bytes(page, "bao-cao.doc")[0]
    assert verdict.secret and verdict.level == "mat"


# --- damaged and hostile files --------------------------------------------------------------------


def scanned_quickly(data: bytes, name: str = "x.doc", seconds: float = 3.0) -> None:
    """A verdict (clean, secret or with a clear error), never another exception, in time."""
    started = time.perf_counter()
    verdict = scan_bytes(data, name)[0]
    assert time.perf_counter() - started < seconds
    assert verdict.error is None or verdict.error.startswith(CODES), verdict.error


@pytest.mark.parametrize("name", ["toi-mat-textbox.doc", "tuyet-mat-header-table.doc"])
def test_truncation_at_every_512_bytes_ends_in_a_verdict(name) -> None:
    data = fixture(name)
    errors = set()
    for cut in range(1, len(data), 512):
        scanned_quickly(data[:cut])
        verdict = scan_bytes(data[:cut], name)[0]
        errors.add((verdict.error or "none").split(":")[0])
    assert "malformed" in errors  # a cut container is reported as damaged


def test_seeded_byte_flips_end_in_a_verdict() -> None:
    rng = random.Random(2026)
    for name in (
        "toi-mat-textbox.doc",
        "toi-mat-mixed-pieces.doc",
        "mat-footer.doc",
        "toi-mat-tcvn3.doc",
    ):
        data = fixture(name)
        for _ in range(60):
            mutated = bytearray(data)
            for _ in range(rng.choice([1, 4, 32])):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            scanned_quickly(bytes(mutated), name)


def fib_pairs_at(document: bytes) -> int:
    csw = struct.unpack_from("<H", document, 32)[0]
    cslw = struct.unpack_from("<H", document, 34 + 2 * csw)[0]
    return 34 + 2 * csw + 2 + 4 * cslw + 2


def word_stream(data: bytes) -> bytes:
    return olefile.OleFileIO(io.BytesIO(data)).openstream("WordDocument").read()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    field=st.sampled_from(["ccp", "pair"]),
    index=st.integers(0, 40),
    value=st.sampled_from([0, 1, 511, 512, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 10_000_000])
    | st.integers(0, 2**32 - 1),
    half=st.sampled_from([0, 4]),
)
def test_wrong_sizes_in_the_fib_end_in_a_verdict(field, index, value, half) -> None:
    data = fixture("toi-mat-textbox.doc")
    document = word_stream(data)
    csw = struct.unpack_from("<H", document, 32)[0]
    if field == "ccp":
        offset = 34 + 2 * csw + 2 + 4 * (index % 22)
    else:
        offset = fib_pairs_at(document) + 8 * index + half
    scanned_quickly(patch_stream(data, "WordDocument", offset, struct.pack("<I", value)))


def test_a_huge_piece_count_is_refused_quickly() -> None:
    data = fixture("mat-under-number.doc")
    document = word_stream(data)
    clx, _size = struct.unpack_from("<II", document, fib_pairs_at(document) + 8 * 33)
    for size in (0xFFFFFFF0, 12 * 1_000_000 + 4, 0x7FFFFFFF):
        hostile = patch_stream(data, "1Table", clx + 1, struct.pack("<I", size))
        scanned_quickly(hostile)
    # a piece table that claims the whole table stream: many pieces, all nonsense
    big = patch_stream(
        data, "WordDocument", fib_pairs_at(document) + 8 * 33, struct.pack("<II", 0, 10_000)
    )
    scanned_quickly(big)


def test_a_piece_table_claiming_billions_of_characters_is_refused_quickly() -> None:
    """Found by fuzzing: a piece whose character positions run to 2^31 made the reader pad
    the missing text for a minute; no piece may claim more characters than the stream holds."""
    data = fixture("mat-under-number.doc")
    document = word_stream(data)
    clx, _size = struct.unpack_from("<II", document, fib_pairs_at(document) + 8 * 33)
    hostile = patch_stream(data, "1Table", clx + 5 + 4, struct.pack("<I", 0x7FFFFFF0))
    started = time.perf_counter()
    verdict = scan_bytes(hostile, "x.doc")[0]
    assert time.perf_counter() - started < 1.0
    assert verdict.error is not None and verdict.error.startswith("malformed")


def test_a_directory_read_from_the_wrong_sector_is_a_damaged_file() -> None:
    """Found by fuzzing: with the directory's first sector pointing into the text, the entries
    read from there form a tree in a loop, and olefile's listing recursed without end."""
    data = bytearray(fixture("negative-plan.doc"))
    struct.pack_into("<I", data, 0x30, 19)
    verdict = scan_bytes(bytes(data), "x.doc")[0]
    assert verdict.error is not None and verdict.error.startswith("malformed"), verdict.error


def _fat_entry(data: bytearray, sect: int, value: int) -> None:
    fat_sector = struct.unpack_from("<I", data, 0x4C)[0]
    struct.pack_into("<I", data, (fat_sector + 1) * 512 + 4 * sect, value)


def test_cyclic_ole_chains_end_in_a_verdict() -> None:
    data = fixture("mat-under-number.doc")
    directory = struct.unpack_from("<I", data, 0x30)[0]
    entry = data.find("WordDocument".encode("utf-16-le"))
    stream_start = struct.unpack_from("<I", data, entry + 116)[0]
    mini_fat = struct.unpack_from("<I", data, 0x3C)[0]
    for sect in (directory, stream_start, mini_fat, 0):
        mutated = bytearray(data)
        _fat_entry(mutated, sect, sect)  # a chain that loops on itself
        scanned_quickly(bytes(mutated))
    mutated = bytearray(data)
    struct.pack_into("<I", mutated, 0x2C, 0x7FFFFFFF)  # an absurd number of FAT sectors
    scanned_quickly(bytes(mutated))
    mutated = bytearray(data)
    struct.pack_into("<II", mutated, 0x44, 0, 0x7FFFFFFF)  # a DIFAT chain from the header
    scanned_quickly(bytes(mutated))


def test_a_stream_claiming_more_than_the_file_is_refused() -> None:
    data = bytearray(fixture("mat-under-number.doc"))
    entry = data.find("WordDocument".encode("utf-16-le"))
    struct.pack_into("<I", data, entry + 120, 0x7FFFFF00)
    verdict = scan_bytes(bytes(data), "x.doc")[0]
    assert verdict.error is not None and verdict.error.startswith("malformed")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_of_a_doc_end_in_a_verdict(data) -> None:
    original = fixture(
        data.draw(
            st.sampled_from(
                ["toi-mat-textbox.doc", "tuyet-mat-header-table.doc", "toi-mat-tcvn3.doc"]
            )
        )
    )
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 16))):
        where = data.draw(st.integers(0, len(mutated) - 1))
        mutated[where] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(512, len(mutated)))
    scanned_quickly(bytes(mutated[:cut]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                b"{",
                b"}",
                b"\\par ",
                b"\\cell ",
                b"\\row ",
                b"\\u-1 ",
                b"\\u99999999999 ",
                b"\\u-70000 ",
                b"\\u55357 ",
                b"\\uc9 ",
                b"\\'",
                b"\\'zz",
                b"\\'e1",
                b"\\bin99 ",
                b"\\bin-5 ",
                b"\\*",
                b"\\header ",
                b"\\fonttbl ",
                b"\\f9 ",
                b"\\fcharset163 ",
                b"\\ansicpg99999 ",
                b"\\ansicpg1258 ",
                b"M\\u7852?T",
                b"\\",
                b"text ",
                b"\\shptxt ",
                b"\\intbl ",
            ]
        ),
        max_size=80,
    )
)
def test_random_rtf_ends_in_a_verdict(tokens) -> None:
    scanned_quickly(b"{\\rtf1 " + b"".join(tokens))


def test_a_huge_rtf_spends_the_scans_time_budget_and_says_it_stopped() -> None:
    """How soon it stops once the budget is spent is measured in
    bench/test_bench_scanner_limits.py; here the budget is spent from the start."""
    from bmnn.scanner.engine.limits import Limits

    data = b"{\\rtf1 \\pard M\\u7852?T\\par " + b"Vi\\u7879?t nam " * 2_000_000 + b"}"
    verdict = scan_bytes(data, "big.doc", Limits(max_seconds=0.0))[0]
    assert (
        verdict.limit == "time" and verdict.error is not None and verdict.error.startswith("limit")
    )


def test_deeply_nested_rtf_is_bounded() -> None:
    started = time.perf_counter()
    extracted = extract(b"{\\rtf1 " + b"{" * 200_000 + b"MAT" + b"}" * 200_000, "deep.doc")
    assert time.perf_counter() - started < 3.0
    assert "RTF nested too deep" in extracted.notes


# --- strike-through in .doc ---------------------------------------------------------------------


def test_a_changed_level_struck_on_the_same_line_is_split_and_the_new_level_counts() -> None:
    """Form 06: "T̶U̶Y̶Ệ̶T̶ ̶M̶Ậ̶T̶ TỐI MẬT" on one line, then "ĐIỀU CHỈNH ĐỘ MẬT". Read as one line
    the two levels are no stamp at all; split by the strike-through (sprmCFStrike) they are the
    void old level and the new one."""
    blocks = blocks_of("changed-same-line.doc")
    old, new = stamp(blocks, "TUYỆT MẬT"), stamp(blocks, "TỐI MẬT")
    assert old.struck and not new.struck and old.order + 1 == new.order
    assert not any(b.struck for b in blocks if b is not old)
    verdict = scan_bytes(fixture("changed-same-line.doc"), "x.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_the_struck_old_level_after_the_change_mark_is_not_taken_for_the_new_one() -> None:
    """New level, "ĐIỀU CHỈNH ĐỘ MẬT", then the old one struck through: without the strike the
    level after the mark would be taken as the new one."""
    blocks = blocks_of("changed-new-first.doc")
    assert stamp(blocks, "TUYỆT MẬT").struck and not stamp(blocks, "MẬT").struck
    verdict = scan_bytes(fixture("changed-new-first.doc"), "x.doc")[0]
    assert verdict.secret and verdict.level == "mat"


def test_a_declassified_doc_with_its_level_struck_is_declassified() -> None:
    blocks = blocks_of("declassified-struck.doc")
    assert stamp(blocks, "TUYỆT MẬT").struck and stamp(blocks, "TUYỆT MẬT").origin == "table"
    assert not stamp(blocks, "GIẢI MẬT").struck
    verdict = scan_bytes(fixture("declassified-struck.doc"), "x.doc")[0]
    assert verdict.declassified and not verdict.secret


def test_double_strike_through_and_strike_switched_off_are_read() -> None:
    """sprmCFDStrike (0x2A53) strikes as sprmCFStrike (0x0837) does; operand 0 switches it off."""
    data = fixture("changed-new-first.doc")
    document = word_stream(data)
    at = document.find(bytes([0x37, 0x08, 0x01]))
    assert at > 0 and document.count(bytes([0x37, 0x08, 0x01])) == 1
    double = patch_stream(data, "WordDocument", at, bytes([0x53, 0x2A, 0x01]))
    assert stamp(extract(double, "x.doc").blocks, "TUYỆT MẬT").struck
    off = patch_stream(data, "WordDocument", at, bytes([0x37, 0x08, 0x00]))
    assert not any(b.struck for b in extract(off, "x.doc").blocks)


def test_rtf_strike_through_splits_a_line_like_word() -> None:
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Times New Roman;}}\pard UBND T\u7880?NH\par"
        rb"\pard S\u7889?: 12/BC\par\pard\b{\strike M\u7852?T} T\u7888?I M\u7852?T\par"
        rb"\pard\b {\striked1 TUY\u7878?T M\u7852?T}\par"
        rb"\pard \u272?I\u7872?U CH\u7880?NH \u272?\u7896? M\u7852?T\par}"
    )
    blocks = extract(rtf, "x.doc").blocks
    assert [(b.text, b.struck) for b in blocks[2:5]] == [
        ("MẬT", True),
        ("TỐI MẬT", False),
        ("TUYỆT MẬT", True),
    ]
    assert blocks[3].bold


def test_a_document_struck_through_as_a_whole_has_no_struck_blocks() -> None:
    """Strike-through across most of the text marks no old stamp (a draft crossed out whole, a
    converter striking every run): the blocks are read as not struck."""
    lines = [rb"{\strike UBND T\u7880?NH B\u7854?C L\u194?M}\par"] * 6 + [
        rb"{\strike M\u7852?T}\par"
    ]
    blocks = extract(b"{\\rtf1\\ansi " + b"".join(lines) + b"}", "x.rtf").blocks
    assert len(blocks) == 7 and not any(b.struck for b in blocks)


# --- VNI ----------------------------------------------------------------------------------------------


def test_vni_bytes_are_joined_into_letters() -> None:
    """The VNI table, spelled out by hand: the base letter, then the byte of its marks."""
    from bmnn.scanner.engine.extract.legacy import VNI_BYTES, vni_letters

    typed = {
        "MAÄT": "MẬT",
        "TOÁI MAÄT": "TỐI MẬT",
        "TUYEÄT MAÄT": "TUYỆT MẬT",
        "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM": MOTTO,
        "Ñoäc laäp - Töï do - Haïnh phuùc": "Độc lập - Tự do - Hạnh phúc",
        "Ngöôøi kyù: Nguyeãn Vaên Aên": "Người ký: Nguyễn Văn Ăn",
        "Ñieàu 8. Bí maät nhaø nöôùc ñoä Tuyeät maät": "Điều 8. Bí mật nhà nước độ Tuyệt mật",
        "thôøi haïn, Ôû, Öu, ÑIEÀU, chæ, tyû, Myõ, kyø, ÔÛ": "thời hạn, Ở, Ưu, ĐIỀU, chỉ, tỷ, Mỹ, kỳ, Ở",
        "Yù kieán, tænh, Dòch vuï, Kyõ": "Ý kiến, tỉnh, Dịch vụ, Kỹ",
    }
    for vni, unicode in typed.items():
        assert vni_letters(vni.translate(VNI_BYTES)).replace("\0", "") == unicode
    # the same characters in any other font are left alone, lengths are kept
    assert vni_letters("Café à Zürich") == "Café à Zürich"
    assert len(vni_letters("MAÄT".translate(VNI_BYTES))) == 4


def test_text_typed_in_a_vni_font_is_decoded() -> None:
    blocks = blocks_of("tuyet-mat-vni.doc")
    texts = [b.text for b in blocks]
    assert texts[3] == "TUYỆT MẬT" and MOTTO in texts and "Độc lập - Tự do - Hạnh phúc" in texts
    assert "- Như trên;" in texts
    verdict = scan_bytes(fixture("tuyet-mat-vni.doc"), "x.doc")[0]
    assert verdict.secret and verdict.level == "tuyet_mat" and verdict.score >= 0.85


def test_rtf_in_a_vni_font_is_decoded_and_other_fonts_are_not() -> None:
    doc = make_doc(random.Random(8), "mat")
    data = write_rtf(doc, "rtf-vni")
    assert b"VNI-Times" in data and b"MA\\'c4T" in data
    texts = [b.text for b in extract(data, "old.doc").blocks]
    assert texts[:4] == [doc.parent, doc.agency, f"Số: {doc.number}", "MẬT"]
    assert MOTTO in texts and doc.place_date in texts
    verdict = scan_bytes(data, "old.doc")[0]
    assert verdict.secret and verdict.level == "mat"  # "MAÄT" read as bytes is no stamp
    mixed = rb"{\rtf1\ansi{\fonttbl{\f0 VNI-Times;}{\f1 Arial;}}\f0 MA\'c4T \f1 Caf\'e9\par}"
    assert [b.text for b in extract(mixed, "x.rtf").blocks] == ["MẬT Café"]


# --- web archives (MHT) ---------------------------------------------------------------------------


def mht(variant: str, level: str | None = "toi_mat", seed: int = 3, **layout: object) -> bytes:
    rng = random.Random(seed)
    page = layout_of(make_doc(rng, level), variant)
    for key, value in layout.items():
        setattr(page, key, value)
    return write_mht(page, rng)


def mime(parts: list[tuple[dict[str, str], bytes]], top: str = "") -> bytes:
    """A MIME document by hand: each part's fields and its (already encoded) body."""
    out = [
        b"MIME-Version: 1.0",
        b'Content-Type: multipart/related; boundary="b0"',
        top.encode(),
        b"",
    ]
    for fields, body in parts:
        out.append(b"--b0")
        out += [f"{k}: {v}".encode() for k, v in fields.items()]
        out += [b"", body]
    out.append(b"--b0--")
    return b"\r\n".join(line for line in out if line is not None)


@pytest.mark.parametrize(
    "variant,origin", [("mht", "html"), ("mht-table", "html"), ("mht-page-header", "page-header")]
)
@pytest.mark.parametrize("seed", [3, 4, 5])  # charsets and transfer encodings vary with it
def test_a_word_web_archive_is_read_as_its_page(variant, origin, seed) -> None:
    data = mht(variant, seed=seed)
    assert data.startswith(b"MIME-Version: 1.0") and sniff(data, "bao-cao.doc") == "mht"
    extracted = extract(data, "bao-cao.doc")
    found = stamp(extracted.blocks, "TỐI MẬT")
    assert (found.origin, found.zone) == (origin, HEADER) and extracted.kind == "mht"
    assert any(b.text == MOTTO for b in extracted.blocks)
    assert not any("NextPart" in b.text or "=3D" in b.text for b in extracted.blocks)
    verdict = scan_bytes(data, "bao-cao.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat" and verdict.error is None


def test_windows_1258_pages_keep_their_tone_marks() -> None:
    for seed in range(30):
        data = mht("mht", seed=seed)
        if b'charset="windows-1258"' in data:
            break
    assert b'charset="windows-1258"' in data and b"quoted-printable" in data
    texts = [b.text for b in extract(data, "x.mht").blocks]
    assert MOTTO in texts and "Độc lập - Tự do - Hạnh phúc" in texts


def test_a_stamp_picture_in_a_web_archive_is_read_from_the_original() -> None:
    """Word shows a picture by a VML shape (the original) and an <img> (a copy at its size on
    the page): the original is read with the page's header, the copy not as well."""
    data = mht("mht-picture")
    assert b"image001.png" in data and b"image002.jpg" in data
    extracted = extract(data, "x.mht")
    assert extracted.members == [] and extracted.needs_more is not None
    verdicts = scan_bytes(data, "x.mht")
    assert len(verdicts) == 1 and verdicts[0].secret and verdicts[0].level == "toi_mat"


def test_a_picture_the_page_does_not_show_is_a_member() -> None:
    import base64

    from tests.corpus.scanner_corpus import stamp_picture

    picture = stamp_picture("TỐI MẬT")
    page = "<html><body><p>UBND TỈNH BẮC LÂM</p><p>Số: 3/BC</p></body></html>".encode()
    data = mime(
        [
            (
                {
                    "Content-Location": "file:///C:/x/a.htm",
                    "Content-Type": "text/html; charset=utf-8",
                },
                page,
            ),
            (
                {
                    "Content-Location": "file:///C:/x/a_files/image009.png",
                    "Content-Transfer-Encoding": "base64",
                    "Content-Type": "image/png",
                },
                base64.encodebytes(picture),
            ),
            (
                {
                    "Content-Location": "file:///C:/x/a_files/filelist.xml",
                    "Content-Type": "text/xml",
                },
                b"<xml/>",
            ),
        ]
    )
    extracted = extract(data, "a.mht")
    assert extracted.members == [("img/image009.png", picture)]
    verdicts = scan_bytes(data, "a.mht")
    assert verdicts[1].path == "a.mht!img/image009.png" and verdicts[1].secret
    assert verdicts[0].secret  # the archive holds a secret picture


def test_a_browser_saved_mhtml_is_a_web_archive_and_a_mail_is_not() -> None:
    page = f"<html><body><p>Số: 3/BC</p><p><b>MẬT</b></p><p>{MOTTO}</p></body></html>"
    blink = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://so.example/tin\r\n"
        "Subject: =?utf-8?Q?Tin_t=E1=BB=A9c?=\r\nDate: Tue, 10 Nov 2026 08:30:00 -0000\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
        '\tboundary="----MultipartBoundary--x1--"\r\n\r\n\r\n------MultipartBoundary--x1--\r\n'
        "Content-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: binary\r\nContent-Location: https://so.example/tin\r\n\r\n"
        f"{page}\r\n------MultipartBoundary--x1----\r\n"
    ).encode()
    assert sniff(blink, "tin.mhtml") == "mht"
    verdict = scan_bytes(blink, "tin.mhtml")[0]
    assert verdict.secret and verdict.level == "mat" and verdict.kind == "mht"
    mail = b"To: a@b.example\r\n" + blink
    assert sniff(mail, "x") == "eml" and sniff(blink, "x.eml") == "eml"
    assert sniff(b"MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nhi", "x") == "text"


def test_negative_web_archives_are_not_flagged() -> None:
    rng = random.Random(9)
    plan = write_mht(layout_of(negative_plan(rng), "mht-table"), rng)
    specimens = write_mht(layout_of(negative_specimens(rng), "mht-lines-header"), rng)
    for data in (plan, specimens):
        verdict = scan_bytes(data, "x.doc")[0]
        assert verdict.error is None and not verdict.secret
        assert len(extract(data, "x.doc").blocks) > 8


# --- Word 2003 XML ---------------------------------------------------------------------------------


def wordml(variant: str, level: str | None = "toi_mat", seed: int = 3) -> bytes:
    rng = random.Random(seed)
    return write_wordml(layout_of(make_doc(rng, level), variant), rng)


@pytest.mark.parametrize(
    "variant,origin",
    [
        ("wordml", "text"),
        ("wordml-table", "table"),
        ("wordml-page-header", "page-header"),
        ("wordml-textbox", "textbox"),
    ],
)
@pytest.mark.parametrize("seed", [3, 4])
def test_word_2003_xml_is_read_with_where_the_stamp_sits(variant, origin, seed) -> None:
    data = wordml(variant, seed=seed)
    assert sniff(data, "bao-cao.doc") == "wordml" and sniff(data, "bao-cao.xml") == "wordml"
    extracted = extract(data, "bao-cao.doc")
    found = stamp(extracted.blocks, "TỐI MẬT")
    assert (found.zone, found.origin) == (HEADER, origin) and found.bold
    assert extracted.kind == "wordml" and MOTTO in [b.text for b in extracted.blocks]
    assert [b.order for b in extracted.blocks] == list(range(len(extracted.blocks)))
    verdict = scan_bytes(data, "bao-cao.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat" and verdict.score >= 0.85


def test_word_2003_xml_text_box_follows_its_anchor_and_headers_come_first() -> None:
    boxed = extract(wordml("wordml-textbox"), "x.xml").blocks
    index = next(i for i, b in enumerate(boxed) if b.origin == "textbox")
    assert boxed[index - 1].text.startswith("Số: ")
    headed = extract(wordml("wordml-page-header"), "x.xml").blocks
    assert headed[0].text == "TỐI MẬT" and headed[0].origin == "page-header"


def test_word_2003_xml_bold_and_strike_come_from_runs_and_styles() -> None:
    from bmnn.scanner.engine.extract.legacy import extract_wordml

    xml = (
        '<?xml version="1.0" encoding="UTF-8"?><?mso-application progid="Word.Document"?>'
        '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
        'xmlns:aml="http://schemas.microsoft.com/aml/2001/core"><w:styles>'
        '<w:style w:type="paragraph" w:default="on" w:styleId="N"><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Old"><w:basedOn w:val="Void"/></w:style>'
        '<w:style w:type="character" w:styleId="Void"><w:rPr><w:dstrike/></w:rPr></w:style>'
        "</w:styles><w:body><wx:sect>"
        "<w:p><w:r><w:t>BOLD BY THE DEFAULT STYLE</w:t></w:r></w:p>"
        '<w:p><w:r><w:rPr><w:b w:val="off"/></w:rPr><w:t>not bold</w:t></w:r></w:p>'
        '<w:p><w:r><w:rPr><w:rStyle w:val="Old"/></w:rPr><w:t>MẬT</w:t></w:r>'
        "<w:r><w:t> TỐI </w:t></w:r><w:r><w:t>MẬT</w:t></w:r></w:p>"
        '<w:p><w:r><w:rPr><w:strike w:val="off"/></w:rPr><w:t>live</w:t></w:r>'
        '<aml:annotation w:type="Word.Deletion"><aml:content><w:r><w:delText>TUYỆT MẬT</w:delText>'
        "</w:r></aml:content></aml:annotation><w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"
        '<w:p><w:r><aml:annotation w:type="Word.Comment"><aml:content><w:p><w:r><w:t>MẬT</w:t></w:r>'
        "</w:p></aml:content></aml:annotation></w:r><w:r><w:t>Kết thúc</w:t></w:r></w:p>"
        "</wx:sect></w:body></w:wordDocument>"
    ).encode()
    blocks = extract_wordml(xml).blocks
    assert [(b.text, b.bold, b.struck) for b in blocks] == [
        ("BOLD BY THE DEFAULT STYLE", True, False),
        ("not bold", False, False),
        ("MẬT", True, True),
        ("TỐI MẬT", True, False),
        ("live", True, False),  # deleted text and field instructions are not read
        ("Kết thúc", True, False),  # nor are comments
    ]


def test_deleted_levels_and_comments_in_word_xml_are_not_stamps() -> None:
    rng = random.Random(10)
    draft = layout_of(negative_plan(rng), "wordml")
    draft.deleted, draft.comment = "TỐI MẬT", "MẬT"
    data = write_wordml(draft, rng)
    assert "<w:delText>TỐI MẬT</w:delText>".encode() in data and "MẬT</w:t>".encode() in data
    assert not scan_bytes(data, "draft.xml")[0].secret
    draft.deleted = draft.comment = None
    draft.left.insert(3, plain("TỐI MẬT"))
    assert scan_bytes(write_wordml(draft, rng), "draft.xml")[0].secret  # the same place, typed


def test_word_xml_changed_and_declassified_levels_use_the_strike_through() -> None:
    rng = random.Random(11)
    for order, level in (("same-line", "mat"), ("new-first", "tuyet_mat")):
        data = write_wordml(changed_layout(rng, level, order), rng)
        verdict = scan_bytes(data, "x.xml")[0]
        assert verdict.secret and verdict.level == level, order
    declassified = scan_bytes(write_wordml(declassified_layout(rng, "toi_mat"), rng), "x.xml")[0]
    assert declassified.declassified and not declassified.secret


def test_word_2003_xml_written_by_libreoffice_is_read(monkeypatch) -> None:
    """A second writer of the format: LibreOffice's export (bold through its automatic
    character styles). Its export also marks every run of a file with strike-through switched
    off as struck: such a file reads as not struck, and its level change by position."""
    data = fixture("toi-mat-libreoffice-2003.xml")
    blocks = extract(data, "x.xml").blocks
    assert stamp(blocks, "TỐI MẬT").bold and MOTTO in [b.text for b in blocks]
    assert scan_bytes(data, "x.xml")[0].level == "toi_mat"
    changed = fixture("changed-libreoffice-2003.xml")
    assert not any(b.struck for b in extract(changed, "x.xml").blocks)
    with monkeypatch.context() as patched:  # what the file itself says: nearly every run struck
        reader = importlib.import_module("bmnn.scanner.engine.extract.legacy")
        patched.setattr(reader, "plain_strike", lambda blocks: blocks)
        as_written = extract(changed, "x.xml").blocks
    assert sum(b.struck for b in as_written) > 0.8 * len(as_written)
    verdict = scan_bytes(changed, "x.xml")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_word_2007_flat_xml_is_read_as_the_docx_it_holds() -> None:
    import base64
    import re
    import zipfile

    docx = write_docx(make_doc(random.Random(12), "tuyet_mat"), "page-header")
    parts = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        types = archive.read("[Content_Types].xml").decode()
        overrides = dict(re.findall(r'PartName="/([^"]+)" ContentType="([^"]+)"', types))
        defaults = dict(re.findall(r'Extension="([^"]+)" ContentType="([^"]+)"', types))
        for name in archive.namelist():
            if name == "[Content_Types].xml":
                continue
            content = archive.read(name)
            kind = overrides.get(name) or defaults.get(name.rsplit(".", 1)[-1], "application/xml")
            if name.endswith((".xml", ".rels")):
                body = content.split(b"?>", 1)[-1].decode()
                data = f"<pkg:xmlData>{body}</pkg:xmlData>"
            else:
                data = f"<pkg:binaryData>{base64.b64encode(content).decode()}</pkg:binaryData>"
            parts.append(f'<pkg:part pkg:name="/{name}" pkg:contentType="{kind}">{data}</pkg:part>')
    flat = (
        '<?xml version="1.0" standalone="yes"?><?mso-application progid="Word.Document"?>'
        '<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">'
        + "".join(parts)
        + "</pkg:package>"
    ).encode()
    assert sniff(flat, "x.xml") == "wordml"
    extracted = extract(flat, "x.xml")
    assert extracted.blocks[0].text == "TUYỆT MẬT" and extracted.blocks[0].origin == "page-header"
    verdict = scan_bytes(flat, "x.xml")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_word_xml_sniffing_needs_word_s_own_marks() -> None:
    assert sniff(wordml("wordml").decode().encode("utf-16"), "x.xml") == "wordml"
    excel = b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook/>'
    assert sniff(excel, "x.xml") == "text"
    assert sniff(b"<?xml version='1.0'?><note>wordDocument</note>", "x.xml") == "text"


BOMBS = {
    "billion laughs": (
        '<?xml version="1.0"?><!DOCTYPE w:wordDocument [<!ENTITY a "MẬT MẬT MẬT MẬT MẬT">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        + ']><?mso-application progid="Word.Document"?><w:wordDocument '
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r>'
        "<w:t>&i;</w:t></w:r></w:p></w:body></w:wordDocument>"
    ),
    "external entity": (
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        '<?mso-application progid="Word.Document"?><w:wordDocument '
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r>'
        "<w:t>&e;</w:t></w:r></w:p></w:body></w:wordDocument>"
    ),
    "external DTD": (
        '<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
        '<!DOCTYPE w:wordDocument SYSTEM "http://198.51.100.7/word.dtd"><w:wordDocument '
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>'
    ),
}


@pytest.mark.parametrize("name", list(BOMBS))
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_xml_bombs_are_refused_quickly(name, encoding) -> None:
    data = BOMBS[name].encode(encoding)
    assert sniff(data, "x.doc") == "wordml"
    started = time.perf_counter()
    verdict = scan_bytes(data, "x.doc")[0]
    assert time.perf_counter() - started < 1.0
    assert verdict.error is not None and verdict.error.startswith("malformed")
    assert "document type" in verdict.error and not verdict.secret


def test_a_cut_or_damaged_word_xml_is_read_as_far_as_it_goes() -> None:
    data = wordml("wordml-table", seed=6)
    at = data.find("Độc lập".encode())
    for damaged in (data[: at + 40], data[:at] + b"<w:p><<</w:tc>" + data[at:]):
        extracted = extract(damaged, "x.xml")
        assert "TỐI MẬT" in [b.text for b in extracted.blocks]
        assert "damaged XML: read as far as it could be" in extracted.notes
        assert scan_bytes(damaged, "x.xml")[0].secret


def test_deeply_nested_word_xml_is_bounded() -> None:
    head = (
        '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument '
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body>'
    )
    deep = head + "<w:tbl><w:tr><w:tc>" * 30_000 + "<w:p><w:r><w:t>MẬT</w:t></w:r></w:p>"
    started = time.perf_counter()
    scanned_quickly(deep.encode(), "deep.xml")
    assert time.perf_counter() - started < 3.0


# --- fuzzing the new readers ----------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_mutations_of_web_archives_and_word_xml_end_in_a_verdict(data) -> None:
    original = data.draw(
        st.sampled_from(
            [
                mht("mht", seed=3),
                mht("mht-page-header", seed=4),
                wordml("wordml-textbox"),
                wordml("wordml-table", seed=5),
            ]
        )
    )
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 24))):
        where = data.draw(st.integers(0, len(mutated) - 1))
        mutated[where] = data.draw(st.sampled_from([0, 10, 13, 32, 45, 60, 61, 62, 255]))
    cut = data.draw(st.integers(64, len(mutated)))
    scanned_quickly(bytes(mutated[:cut]), data.draw(st.sampled_from(["x.doc", "x.mht", "x.xml"])))


MHT_TOKENS = [
    b"--b0\r\n",
    b"--b0--\r\n",
    b"\r\n",
    b"Content-Type: text/html; charset=windows-1258\r\n",
    b"Content-Type: image/png\r\n",
    b"Content-Type: multipart/related; boundary=b0\r\n",
    b"Content-Type: text/html; charset=x-unknown\r\n",
    b"Content-Transfer-Encoding: base64\r\n",
    b"Content-Transfer-Encoding: quoted-printable\r\n",
    b"Content-Location: a.htm\r\n",
    b"Content-Location: file:///C:/x/a_files/image001.png\r\n",
    b"Content-ID: <p1>\r\n",
    b"<p>M=C3=A2T</p>",
    b"=\r\n",
    b"=ZZ",
    b"iVBORw0KGgo=",
    b'<img src=3D"cid:p1" v:shapes=3D"s">',
    b'<v:shape id="s"><v:imagedata src="a_files/image001.png"/>',
    b'<img src="a_files/image001.png">',
    "<p>TỐI MẬT</p>".encode(),
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MHT_TOKENS), max_size=60))
def test_random_mime_documents_end_in_a_verdict(tokens) -> None:
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    scanned_quickly(head + b"".join(tokens), "x.mht")


WORDML_TOKENS = [
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>MẬT</w:t>",
    "<w:t>TỐI </w:t>",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:rPr><w:strike/></w:rPr>",
    '<w:rPr><w:b w:val="off"/><w:rStyle w:val="S"/></w:rPr>',
    "<w:pict><v:textbox><w:txbxContent>",
    "</w:txbxContent></v:textbox></w:pict>",
    '<aml:annotation w:type="Word.Comment">',
    "</aml:annotation>",
    "<w:sectPr><w:hdr>",
    "</w:hdr></w:sectPr>",
    "<w:footnote>",
    "</w:footnote>",
    '<w:binData w:name="p">iVBOR</w:binData>',
    '<v:imagedata src="p"/>',
    "&amp;",
    "&bogus;",
    "<![CDATA[MẬT]]>",
    "<!-- MẬT -->",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDML_TOKENS), max_size=80))
def test_random_word_xml_ends_in_a_verdict(tokens) -> None:
    head = (
        '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument '
        'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:aml="http://schemas.microsoft.com/aml/2001/core">'
        '<w:styles><w:style w:styleId="S"><w:basedOn w:val="S"/></w:style></w:styles><w:body>'
    )
    scanned_quickly((head + "".join(tokens) + "</w:body></w:wordDocument>").encode(), "x.xml")


def test_hostile_web_archives_are_bounded() -> None:
    import base64

    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b0"\r\n\r\n'
    many = head + b"".join(
        b"--b0\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 900)
        for _ in range(5000)
    )
    nested = b"".join(
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b{i}"\r\n\r\n--b{i}\r\n'.encode()
        for i in range(3000)
    )
    shapes = "<html><body>" + '<v:shape id="s">' * 100_000 + '<img v:shapes="s" src="a">' * 20_000
    page = head + b"--b0\r\nContent-Type: text/html\r\n\r\n" + shapes.encode()
    for data, seconds in ((many, 10.0), (nested, 5.0), (page, 5.0)):
        scanned_quickly(data, "x.mht", seconds)


# --- pictures pasted in the header ---------------------------------------------------------------


def test_a_stamp_pasted_as_a_picture_under_the_number_is_read() -> None:
    """The inline picture's place in the "Data" stream comes from its run (sprmCPicLocation):
    the PICF there holds the PNG, read when the text shows no secret."""
    extracted = extract(fixture("toi-mat-picture.doc"), "toi-mat-picture.doc")
    assert extracted.needs_more is not None and extracted.unread_images
    assert "TỐI MẬT" not in [b.text for b in extracted.blocks]  # not typed: only the picture
    verdict = scan_bytes(fixture("toi-mat-picture.doc"), "bao-cao.doc")[0]
    assert verdict.secret and verdict.level == "toi_mat"


def test_a_logo_pasted_in_the_header_is_no_stamp() -> None:
    verdict = scan_bytes(fixture("negative-logo-picture.doc"), "ke-hoach.doc")[0]
    assert not verdict.secret


@pytest.mark.parametrize(
    "data,offset",
    [
        (b"", 0),
        (b"\x00" * 10, 0),
        (b"\x00" * 100, 90),  # too near the end
        (struct.pack("<IH", 10**9, 0x44) + b"\x00" * 200, 0),  # claims more than there is
        (struct.pack("<IH", 200, 0x10) + b"\x00" * 200, 0),  # not a PICF header
        (struct.pack("<IH", 120, 0x44) + b"\x00" * 200, 0),  # no picture inside
        (struct.pack("<IH", 120, 0x44) + b"\x00" * 70 + b"\x89PNG\r\n\x1a\n" + b"\x00" * 60, 0),
        (b"\x00" * 50, -5),
    ],
)
def test_a_damaged_picture_place_gives_no_picture(data: bytes, offset: int) -> None:
    assert picture_blob(data, offset) is None


def test_the_picture_is_cut_out_of_its_container() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"body" + b"IEND" + b"\xae\x42\x60\x82"
    data = b"\xff" * 16 + struct.pack("<IH", 0x44 + 30 + len(png), 0x44) + b"\x00" * 92 + png
    assert picture_blob(data, 16) == png
