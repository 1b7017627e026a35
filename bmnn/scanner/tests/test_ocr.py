"""Scans and photos: Tesseract reads the header strip first and stops there when it decides."""

from __future__ import annotations

import random

import pytest

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.limits import DEFAULT
from tests.corpus.scanner_corpus import make_doc, negative_plan, write_photo, write_scan


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    # `./dev test` installs tesseract-ocr and tesseract-ocr-vie; without them this fails loudly.
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def test_a_stamped_scan_is_found_from_the_header_strip_alone() -> None:
    rng = random.Random(11)
    data = write_scan(make_doc(rng, "toi_mat", variant="framed"), rng)
    verdict, extracted = scan_document(data, "scan.pdf")
    assert verdict.secret and verdict.level == "toi_mat"
    assert extracted is not None and extracted.kind == "scan"
    assert extracted.ocr_pages == pytest.approx(DEFAULT.header_share)  # nothing below was read
    assert verdict.evidence[0].box is not None and verdict.evidence[0].box[1] < 0.2


def test_a_photo_of_a_stamped_page_is_found() -> None:
    rng = random.Random(12)
    verdict, _ = scan_document(write_photo(make_doc(rng, "mat"), rng), "photo.jpg")
    assert verdict.secret and verdict.level == "mat"


def test_a_scanned_plan_about_secrets_is_not_secret() -> None:
    rng = random.Random(13)
    verdict, extracted = scan_document(write_scan(negative_plan(rng), rng), "plan.pdf")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and extracted.ocr_pages == pytest.approx(DEFAULT.header_share)


def test_an_unreadable_header_makes_the_scanner_read_on() -> None:
    """A page whose top is blank (a cover sheet, a cropped photo) is not decided by its header."""
    from PIL import Image

    from tests.corpus.scanner_corpus import page_image

    rng = random.Random(14)
    page = page_image(make_doc(rng, "mat"))
    shifted = Image.new("RGB", page.size, "white")  # type: ignore[attr-defined]
    shifted.paste(
        page.crop((0, 0, page.width, int(page.height * 0.5))), (0, int(page.height * 0.45))
    )  # type: ignore[attr-defined]
    import io

    out = io.BytesIO()
    shifted.save(out, format="PNG")
    verdict, extracted = scan_document(out.getvalue(), "cropped.png")
    assert extracted is not None and extracted.ocr_pages == pytest.approx(1.0)
    assert verdict.secret and verdict.level == "mat"


def test_a_stamp_pasted_as_a_picture_into_a_typed_pdf_or_word_file_is_found() -> None:
    """The text layer has no stamp; the picture in the header is read because the text did not
    decide; a red stamp that is not a level is not mistaken for one."""
    from tests.corpus.scanner_corpus import docx_with_picture, pdf_with_stamp_picture, stamp_picture

    rng = random.Random(15)
    pdf = pdf_with_stamp_picture(make_doc(rng, "toi_mat"), stamp_picture("TỐI MẬT"))
    verdict, extracted = scan_document(pdf, "typed.pdf")
    assert (
        verdict.secret
        and verdict.level == "toi_mat"
        and extracted is not None
        and extracted.ocr_pages > 0
    )
    word = docx_with_picture(make_doc(rng, "mat"), stamp_picture("MẬT"))
    assert scan_document(word, "typed.docx")[0].level == "mat"
    checked = pdf_with_stamp_picture(make_doc(rng, "mat"), stamp_picture("ĐÃ KIỂM TRA"))
    assert not scan_document(checked, "checked.pdf")[0].secret


def test_a_black_and_white_copy_is_read_through_the_stamp_frame() -> None:
    from tests.corpus.scanner_corpus import grey_scan

    rng = random.Random(16)
    verdict, _ = scan_document(grey_scan(make_doc(rng, "tuyet_mat"), rng), "photocopy.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat"
