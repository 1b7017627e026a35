"""How a header strip is read cheaply: one Tesseract process for the strip and its red marks,
running text left for later, stamp frames found as rectangles, marks scaled to a size page
segmentation keeps."""

from __future__ import annotations

import io
import random

import pytest

from bmnn.scanner.engine import extract, ocr, scan_document
from bmnn.scanner.engine.extract import images
from tests.corpus.scanner_corpus import FONTS, make_doc, stamp_picture, write_scan


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def test_a_header_strip_and_its_red_stamp_are_read_by_one_tesseract_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runs = []
    real = ocr._run

    def counting(arguments: list[str], image: object, timeout: float) -> str:
        runs.append(arguments)
        return real(arguments, image, timeout)

    monkeypatch.setattr(ocr, "_run", counting)
    rng = random.Random(91)
    verdict, _ = scan_document(
        write_scan(make_doc(rng, "tuyet_mat", variant="framed"), rng), "scan.pdf"
    )
    assert verdict.secret and verdict.level == "tuyet_mat"
    assert any(e.rule.startswith("level_stamp") for e in verdict.evidence)
    assert len(runs) == 1


def test_running_text_is_left_out_of_the_header_reading_and_read_with_the_rest() -> None:
    rng = random.Random(92)
    doc = make_doc(rng, None)
    line = (
        "Tổ chức tập huấn nghiệp vụ văn thư, lưu trữ cho cán bộ các phòng chuyên môn trong quý tới."
    )
    doc.body = [line, *doc.body]
    extracted = extract(write_scan(doc, rng), "scan.pdf")
    assert extracted.needs_more is not None
    header = " ".join(block.text for block in extracted.blocks)
    assert "CỘNG HÒA" in header.upper() and "tập huấn" not in header
    rest = []
    while extracted.needs_more is not None:  # later headers (a blank page two), then the rest
        more, extracted.needs_more = extracted.needs_more, None
        rest += more()
    found = [block.text for block in rest if "tập huấn" in block.text]
    assert len(found) == 1  # read once, in the rest, not again with the header's lines
    assert not any("CỘNG HÒA" in block.text.upper() for block in rest)


def test_prose_lines_are_the_wide_single_lines() -> None:
    from PIL import Image, ImageDraw

    strip = Image.new("L", (1600, 400), 255)
    draw = ImageDraw.Draw(strip)
    draw.rectangle((200, 40, 560, 70), fill=0)  # a header line, left column
    draw.rectangle((900, 40, 1400, 70), fill=0)  # the motto, right column
    draw.rectangle((150, 200, 1500, 230), fill=0)  # a line of running text
    draw.rectangle((300, 300, 600, 330), fill=0)  # a title
    found = images.prose_lines(strip)
    assert len(found) == 1
    left, top, right, bottom = found[0]
    assert left <= 150 and right >= 1500 and top <= 200 and bottom >= 230 and bottom < 300


def test_a_frame_with_text_touching_it_is_found_and_only_the_frame_is_erased() -> None:
    from PIL import Image, ImageDraw

    strip = Image.new("L", (1600, 500), 255)
    draw = ImageDraw.Draw(strip)
    draw.rectangle((600, 200, 900, 300), outline=0, width=5)  # the stamp's frame
    draw.rectangle((560, 160, 980, 202), fill=0)  # the number line, touching its top
    draw.rectangle((680, 230, 820, 270), fill=0)  # the stamp's letters
    small = images._small(strip)
    assert len(images.frames(small)) == 1
    erased = images.erase_frames(strip)
    assert erased.getpixel((602, 250)) == 255  # the frame's left side is gone
    assert erased.getpixel((700, 180)) == 0  # the number line stays
    assert erased.getpixel((750, 250)) == 0  # and so do the letters


def test_a_lone_bold_mark_is_scaled_for_page_segmentation_to_keep_it() -> None:
    """Tesseract's page segmentation drops a lone bold word 60 px high; at letter height it
    reads it, stacked under the page's text in the same process."""
    from PIL import Image

    picture = images.prepare(Image.open(io.BytesIO(stamp_picture("MẬT"))))
    mask = images.red_mask(picture)
    regions = images.stamp_regions(mask)
    assert len(regions) == 1
    mark = images.stamp_picture(mask.crop(regions[0]))
    assert mark.height <= 2 * images.LETTER_HEIGHT + 2 * 24  # letters and diacritics, margins
    text = Image.new("L", (1200, 200), 255)
    from PIL import ImageDraw, ImageFont

    ImageDraw.Draw(text).text(
        (40, 60),
        "Bắc Lâm, ngày 12 tháng 5 năm 2026",
        font=ImageFont.truetype(str(FONTS / "DejaVuSans.ttf"), 40),
        fill=0,
    )
    box = (0.1, 0.1, 0.2, 0.15)
    words, lines = images.read_marks([images.Mark(box, mark, 2.0)], images.DEFAULT, text)
    assert lines == [["MẬT"]]
    assert any("Lâm" in word.text for word in words)


def test_connected_ink_is_labelled_by_runs() -> None:
    from PIL import Image, ImageDraw

    picture = Image.new("L", (100, 60), 255)
    draw = ImageDraw.Draw(picture)
    draw.ellipse((10, 10, 50, 50), outline=0, width=3)  # a ring: one component
    draw.rectangle((70, 20, 80, 30), fill=0)  # a dot
    components = images._components(picture, 128)
    assert len(components) == 2
    boxes = sorted(component.box for component in components)
    assert boxes[0][:2] == (10, 10) and boxes[1] == (70, 20, 11, 11)
    assert next(c for c in components if c.box[0] == 70).size == 121
