"""A typed PDF whose stamp is a picture: the text layer has no level word, the picture in the
header is cut out and read on its own — wherever it sits, whatever its ink, inside a Form
XObject or as the whole page of a "searchable" scan."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.limits import DEFAULT
from tests.corpus.families.scans import (
    faded_picture,
    receipt_picture,
    searchable_pdf,
    typed_pdf_with_picture,
)
from tests.corpus.scanner_corpus import LEVELS, Doc, logo_picture, make_doc, stamp_picture

GREY = (70, 70, 70)


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


VARIANTS: dict[str, Callable[[Doc, str, random.Random], bytes]] = {
    "left": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="left"),
    "right": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="right"),
    "grey": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t, GREY), where="right"),
    "small": lambda d, t, r: typed_pdf_with_picture(d, stamp_picture(t), where="left", height=5.5),
    "form placed by its matrix": lambda d, t, r: typed_pdf_with_picture(
        d, stamp_picture(t), where="left", in_form="matrix"
    ),
    "form placed by the page": lambda d, t, r: typed_pdf_with_picture(
        d, stamp_picture(t), where="right", in_form="cm"
    ),
    "faded and askew": lambda d, t, r: typed_pdf_with_picture(d, faded_picture(t, r), where="left"),
    "searchable scan": lambda d, t, r: searchable_pdf(d, r),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_stamp_picture_in_a_typed_pdf_is_read(variant: str) -> None:
    rng = random.Random(f"picture-{variant}")
    level = rng.choice(list(LEVELS))
    data = VARIANTS[variant](make_doc(rng, level), LEVELS[level], rng)
    verdict, extracted = scan_document(data, "typed.pdf")
    assert verdict.secret and verdict.level == level
    assert extracted is not None and extracted.kind == "pdf"
    stamp = next(e for e in verdict.evidence if e.rule.startswith("level_stamp"))
    assert stamp.box is not None and stamp.box[1] < DEFAULT.header_share


NEGATIVES: dict[str, Callable[[Doc, random.Random], bytes]] = {
    "receipt stamp ĐẾN": lambda d, r: typed_pdf_with_picture(
        d, receipt_picture(r), where="right", height=16
    ),
    "ĐÃ KIỂM TRA": lambda d, r: typed_pdf_with_picture(
        d, stamp_picture("ĐÃ KIỂM TRA"), where="left"
    ),
    "logo in a form": lambda d, r: typed_pdf_with_picture(
        d, logo_picture(), where="left", height=14, in_form="cm"
    ),
}


@pytest.mark.parametrize("negative", NEGATIVES)
def test_a_header_picture_that_is_not_a_level_stamp_is_not_taken_for_one(negative: str) -> None:
    rng = random.Random(f"negative-{negative}")
    verdict, extracted = scan_document(NEGATIVES[negative](make_doc(rng, None), rng), "typed.pdf")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and extracted.ocr_pages > 0  # the picture was read


def test_only_the_picture_is_read_not_the_typed_text_around_it() -> None:
    rng = random.Random(61)
    data = typed_pdf_with_picture(make_doc(rng, "mat"), stamp_picture("MẬT"), where="left")
    verdict, extracted = scan_document(data, "typed.pdf")
    assert verdict.level == "mat" and extracted is not None
    read = [block for block in extracted.blocks if block.origin.startswith("ocr")]
    assert read and all(block.text.strip() for block in read)
    assert not any("CỘNG HÒA" in block.text.upper() for block in read)  # the motto is typed text


def test_a_picture_in_a_form_is_placed_by_the_forms_matrix() -> None:
    import pypdfium2 as pdfium

    from bmnn.scanner.engine.extract.pdf import _pictures

    rng = random.Random(62)
    for placed_by in ("matrix", "cm"):
        data = typed_pdf_with_picture(
            make_doc(rng, "mat"), stamp_picture("MẬT"), where="right", in_form=placed_by
        )
        pdf = pdfium.PdfDocument(data)
        try:
            boxes = _pictures(pdf, DEFAULT)
        finally:
            pdf.close()
        assert len(boxes) == 1
        left, top, _right, _bottom = boxes[0]
        # drawn at x = 130 mm, y = 37 mm of an A4 page
        assert abs(left - 130 / 210) < 0.01 and abs(top - 37 / 297) < 0.01, placed_by
