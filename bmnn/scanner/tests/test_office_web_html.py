"""Web pages: a level word split across inline elements reads whole, block elements break
lines; a stamp shown only in an embedded picture (data: URI) is read; hostile pages (pictures
that are not pictures, huge or countless ones, nesting that makes the parser slow) end quickly."""

from __future__ import annotations

import base64
import io
import random
import time
import tracemalloc

import pytest

from bmnn.scanner.engine import scan_bytes
from bmnn.scanner.engine.extract import extract
from bmnn.scanner.engine.extract.plain import PAGE_IMAGES, page_text
from bmnn.scanner.engine.model import BODY, HEADER
from tests.corpus.families.office_web import SPLITS, _page, _split_news, split_stamp
from tests.corpus.scanner_corpus import LEVELS, logo_picture, make_doc, page_image, stamp_picture


def _lines(markup: str) -> list[str]:
    return [text for text, _nav in page_text(f"<html><body>{markup}</body></html>".encode()).lines]


def test_inline_elements_join_and_block_elements_break_lines() -> None:
    assert _lines("<p><span>M</span><span>ẬT</span></p>") == ["MẬT"]
    assert _lines("<p><b>TỐI</b> <i>MẬT</i></p><p>x</p>") == ["TỐI MẬT", "x"]
    assert _lines("<div>TỐI</div><div>MẬT</div>") == ["TỐI", "MẬT"]
    assert _lines("<table><tr><td>A</td><td>B</td></tr></table><ul><li>C</li><li>D</li></ul>") == [
        "A",
        "B",
        "C",
        "D",
    ]
    assert _lines("<p>Số: 12<br>MẬT</p><h1>Tiêu <u>đề</u></h1>") == ["Số: 12", "MẬT", "Tiêu đề"]
    assert _lines("<p>\n   TỐI\n   MẬT\n</p>") == ["TỐI MẬT"]  # the source's line breaks are spaces
    assert _lines("<pre>MẬT\nSố: 1</pre>") == ["MẬT", "Số: 1"]
    assert _lines("<p>T&nbsp;Ố&nbsp;I M\u200bẬ&#8203;T</p><p>M&shy;Ậ\u2060T</p>") == [
        "T Ố I MẬT",
        "MẬT",
    ]
    assert _lines(
        "<div style='display:inline'>TỐI</div> <div style='display: inline'>MẬT</div>"
    ) == ["TỐI MẬT"]
    assert _lines("<span style='display:block'>TỐI</span><span>MẬT</span>") == ["TỐI", "MẬT"]
    assert _lines("<script>var a='MẬT'</script><style>p{}</style><p>x<!-- MẬT --></p>") == ["x"]


def test_a_box_laid_out_in_the_line_is_a_line_of_its_own() -> None:
    """A framed stamp as an inline-block right after the number line: the browser draws it as a
    box of its own, and its words are never glued to the number's."""
    boxed = "<span style='display:inline-block;border:2px solid #c00'>TUYỆT MẬT</span>"
    assert _lines(f"<td>Số: 255/KH-BTCTU{boxed}</td>") == ["Số: 255/KH-BTCTU", "TUYỆT MẬT"]
    assert _lines("<p>Số: 7<span class='dm'>MẬT</span></p>") == ["Số: 7MẬT"]  # plain inline
    styled = "<style>.dm{display:inline-flex}</style><p>Số: 7<span class='dm'>MẬT</span></p>"
    assert _lines(styled) == ["Số: 7", "MẬT"]
    page = (
        "<table><tr><td>TỈNH ỦY NAM SƠN<br><b>BAN TỔ CHỨC</b><br>Số: 255/KH-BTCTU"
        "<p style='display:inline-block;color:#c00'>TUYỆT MẬT</p></td>"
        "<td><b>ĐẢNG CỘNG SẢN VIỆT NAM</b><br><i>Nam Sơn, ngày 12 tháng 11 năm 2025</i></td>"
        "</tr></table><h3>KẾ HOẠCH</h3><p>Bố trí lực lượng thường trực tại các vị trí.</p>"
    )
    verdict = scan_bytes(f"<html><body>{page}</body></html>".encode(), "tin-bai.html")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_capitals_drawn_by_css_are_read_as_capitals() -> None:
    assert _lines("<span style='text-transform: uppercase'>tối mật</span>") == ["TỐI MẬT"]
    assert _lines("<p style='font-variant: small-caps'>mật</p>") == ["MẬT"]
    page = "<style>.dau, p.x { text-transform:uppercase }</style><p class='a dau'>tối mật</p><p class=x>mật</p>"
    assert _lines(page) == ["TỐI MẬT", "MẬT"]
    assert _lines(
        "<p style='text-transform:uppercase'>a <span style='text-transform:none'>b</span></p>"
    ) == ["A b"]


@pytest.mark.parametrize("how", SPLITS)
@pytest.mark.parametrize("level", list(LEVELS))
def test_a_split_stamp_is_found_at_its_level(how, level) -> None:
    rng = random.Random(f"{how}{level}")
    page = _page(make_doc(rng, None), split_stamp(LEVELS[level], how, rng), rng)
    verdict = scan_bytes(page, "p.html")[0]
    assert verdict.secret and verdict.level == level, (how, verdict.evidence)


def test_a_split_level_inside_a_headline_sentence_is_not_a_stamp() -> None:
    for seed in range(6):
        page = _split_news(random.Random(seed))
        assert not scan_bytes(page, "n.html")[0].secret


@pytest.mark.parametrize(
    ("style", "red"),
    [
        ("<style>.dm{color:#c8101e;border:2px solid #c8101e}</style>", True),
        ("<style>div.dm{color: rgb(190, 20, 30); outline: 1px solid}</style>", True),
        ("<style>.dm{color:darkred;border-style:double}</style>", True),
        ("<style>.dm{color:#c8101e}</style>", False),  # a red heading: no frame
        ("<style>.dm{color:#c8101e;border:none}</style>", False),
        ("<style>.dm{color:#c8101e;border:0px solid red}</style>", False),  # no line drawn
        ("<style>.dm{color:#1e3a8a;border:2px solid}</style>", False),  # framed, in blue
        ("", False),
    ],
)
def test_a_line_in_red_ink_inside_a_frame_is_marked_red(style: str, red: bool) -> None:
    """The stamp's colour (TT24 Art. 3.2) in its frame counts on a web page as in a document: a
    framed red level above the text of a plain page, with no administrative header, reaches the
    threshold in red only. A red heading without a frame ("MẬT" over a honey shop's page, a
    film's title) is only a heading."""
    body = (
        '<div class="dm">TUYỆT MẬT</div><h2>Lộ trình đoàn công tác</h2>'
        "<p>Thời gian triển khai dự kiến từ ngày 02 đến ngày 09 tháng 4.</p>"
    )
    data = f"<html><head>{style}</head><body>{body}</body></html>".encode()
    blocks = extract(data, "trang.html").blocks
    assert blocks[0].text == "TUYỆT MẬT" and blocks[0].red is red
    assert not blocks[1].red
    assert scan_bytes(data, "trang.html")[0].secret is red


def test_a_red_word_within_a_line_does_not_make_the_line_red() -> None:
    page = page_text(
        b'<html><body><p style="border:1px solid"><font color="red">MAT</font> ONG</p>'
        b'<p style="border:1px solid"><span style="color:#f00">TOI</span> '
        b'<b style="color:#d00">MAT</b></p></body></html>'
    )
    assert page.lines == [("MAT ONG", False), ("TOI MAT", False)]
    assert page.red == {1}


def test_navigation_menus_are_not_the_header() -> None:
    nav = "<nav>" + "".join(f"<a href='/{i}'>Mục {i}</a><br>" for i in range(30)) + "</nav>"
    page = f"<html><body>{nav}<p>UBND TỈNH BẮC LÂM</p><p>Số: 1/BC</p><p>MẬT</p></body></html>"
    blocks = extract(page.encode(), "p.html").blocks
    assert all(b.zone == BODY for b in blocks if b.text.startswith("Mục"))
    assert [b.text for b in blocks if b.zone == HEADER] == ["UBND TỈNH BẮC LÂM", "Số: 1/BC", "MẬT"]


def _data(picture: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(picture).decode()


def test_a_scanned_page_shown_as_a_data_picture_is_read_as_a_member() -> None:
    doc = make_doc(random.Random(4), "toi_mat")
    out = io.BytesIO()
    page_image(doc, dpi=120).convert("RGB").save(out, format="JPEG", quality=80)
    page = f"<html><body><h1>Văn bản</h1><p><img src='{_data(out.getvalue(), 'image/jpeg')}'></p></body></html>"
    extracted = extract(page.encode(), "p.html")
    assert [name for name, _data in extracted.members] == ["img/data-1.jpg"]
    verdicts = scan_bytes(page.encode(), "p.html")
    assert [v.path for v in verdicts] == ["p.html", "p.html!img/data-1.jpg"]
    assert verdicts[0].secret and verdicts[0].level == "toi_mat" and verdicts[1].secret


def test_a_stamp_picture_under_the_number_line_is_read_with_the_page_header() -> None:
    doc = make_doc(random.Random(6), None)
    picture = f"<img src='{_data(stamp_picture('TUYỆT MẬT', dpi=150))}'>"
    page = _page(doc, None, random.Random(1), picture=picture)
    extracted = extract(page, "p.html")
    assert extracted.members == [] and extracted.unread_images  # read as part of the header
    verdict = scan_bytes(page, "p.html")[0]
    assert verdict.secret and verdict.level == "tuyet_mat"


def test_a_logo_is_no_stamp_and_icons_are_not_read() -> None:
    logo = _page(
        make_doc(random.Random(2), None),
        None,
        random.Random(2),
        picture=f"<img src='{_data(logo_picture())}' width='120'>",
    )
    assert not scan_bytes(logo, "l.html")[0].secret
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(out, format="BMP")  # 3 kB, but an icon's size
    icons = f"<p><img src='{_data(out.getvalue(), 'image/bmp')}'><img src='{_data(logo_picture())}' width=16 height=16></p>"
    extracted = extract(f"<html><body>{icons}</body></html>".encode(), "i.html")
    assert extracted.members == [] and not extracted.unread_images


def test_hostile_pictures_end_quickly_in_bounded_memory() -> None:
    picture = stamp_picture("MẬT", dpi=150)
    garbage = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 5000).decode()
    cases = {
        "not a picture": f"<img src='data:text/html;base64,{base64.b64encode(b'<p>MAT</p>' * 500).decode()}'>",
        "svg": "<img src='data:image/svg+xml;base64,"
        + base64.b64encode(b"<svg>" + b" " * 3000 + b"</svg>").decode()
        + "'>",
        "damaged png": f"<img src='data:image/png;base64,{garbage}'>",
        "bad base64": "<img src='data:image/png;base64," + "!@#$" * 1000 + "'>",
        "percent": "<img src='data:image/png," + "%89PNG%00" * 500 + "'>",
        "huge": "<img src='data:image/png;base64," + "A" * 60_000_000 + "'>",
        "many": f"<img src='{_data(picture)}'>" * 10_000,
    }
    for name, markup in cases.items():
        page = f"<html><body><p>Số: 1/BC</p>{markup}</body></html>".encode()
        started = time.monotonic()
        tracemalloc.start()
        try:
            extracted = extract(page, "h.html")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert time.monotonic() - started < 20, name
        assert peak < 3 * len(page) + 50 * 1024 * 1024, name
        if name == "many":
            assert len(extracted.members) <= PAGE_IMAGES and extracted.notes
        else:
            assert extracted.members == [] and not extracted.unread_images, name


def test_nesting_that_makes_the_parser_slow_is_cut() -> None:
    page = ("<p>Số: 1/BC</p><p>MẬT</p>" + "<div>" * 200_000 + "x").encode()
    started = time.monotonic()
    extracted = extract(page, "deep.html")
    assert time.monotonic() - started < 10
    assert [b.text for b in extracted.blocks][:2] == ["Số: 1/BC", "MẬT"]
    assert extracted.limit is not None  # not everything was read: not a clean verdict
    verdict = scan_bytes(page, "deep.html")[0]
    assert verdict.limit == "depth"
    spans = ("<p>" + "<span>" * 100_000 + "MẬT").encode()  # deep, but cheap to parse
    assert extract(spans, "s.html").notes  # read down to the walk's depth limit, and said so
