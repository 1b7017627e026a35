"""A scan whose stamp is not on page one (a public covering letter, then a secret annex): the
header strip of every scanned page is read, even when page one's header was readable and clean
— within `Limits.max_ocr_pages` — and what lies below the strips only when that was not enough."""

from __future__ import annotations

import io
import random

import pytest

from bmnn.scanner.engine import ocr, scan_document
from bmnn.scanner.engine.limits import DEFAULT, Limits
from tests.corpus.families.scans import text_page
from tests.corpus.scanner_corpus import ABOUT_SECRETS, SENTENCES, make_doc, page_image


@pytest.fixture(autouse=True, scope="module")
def tesseract() -> None:
    assert ocr.available("vie"), (
        "Tesseract with Vietnamese data is missing (./dev test installs it)"
    )


def _scan(pages: list[object]) -> bytes:
    out = io.BytesIO()
    pages[0].save(out, format="PDF", resolution=200, save_all=True, append_images=pages[1:])  # type: ignore[attr-defined]
    return out.getvalue()


def _letter(rng: random.Random) -> object:
    doc = make_doc(rng, None)
    doc.kind, doc.subject = "CÔNG VĂN", "V/v gửi hồ sơ kèm theo"
    return page_image(doc)


def _annex(rng: random.Random, level: str | None) -> object:
    doc = make_doc(rng, level, variant="framed")
    doc.kind = "PHỤ LỤC"
    return page_image(doc)


def test_a_stamp_on_page_three_after_a_public_covering_letter_is_found() -> None:
    rng = random.Random(71)
    pages = [_letter(rng), text_page(rng.sample(SENTENCES, 6)), _annex(rng, "tuyet_mat")]
    verdict, extracted = scan_document(_scan(pages), "letter-and-annex.pdf")
    assert verdict.secret and verdict.level == "tuyet_mat"
    assert verdict.evidence[0].page == 3
    # the three header strips were enough: nothing below them was read
    assert extracted is not None and extracted.ocr_pages == pytest.approx(3 * DEFAULT.header_share)


def test_a_covering_letter_with_a_public_annex_stays_clean_and_cheap() -> None:
    rng = random.Random(72)
    verdict, extracted = scan_document(_scan([_letter(rng), _annex(rng, None)]), "public.pdf")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and extracted.ocr_pages == pytest.approx(2 * DEFAULT.header_share)
    assert any(block.page == 2 for block in extracted.blocks)  # page two's header was read


def test_a_later_page_that_names_a_level_in_its_prose_is_not_a_stamp() -> None:
    rng = random.Random(73)
    prose = [line for line in ABOUT_SECRETS if "MẬT" in line] + rng.sample(SENTENCES, 2)
    verdict, _ = scan_document(_scan([_letter(rng), text_page(prose)]), "prose.pdf")
    assert not verdict.secret


def test_pages_past_the_ocr_limit_are_not_read() -> None:
    rng = random.Random(74)
    pages = [_letter(rng), text_page(rng.sample(SENTENCES, 6)), _annex(rng, "mat")]
    limits = Limits(max_ocr_pages=2, max_header_pages=2)
    verdict, extracted = scan_document(_scan(pages), "long.pdf", limits)
    assert not verdict.secret
    assert extracted is not None and "OCR stopped after 2 scanned pages" in extracted.notes
    assert not any(block.page == 3 for block in extracted.blocks)


def test_a_stamp_on_a_fourth_page_past_the_whole_page_limit_is_found_by_its_header() -> None:
    """Three annexes after a covering letter, the last one secret: every page's header strip
    is read (up to `max_header_pages`), while whole pages are read only for the first
    `max_ocr_pages`."""
    rng = random.Random(75)
    pages = [
        _letter(rng),
        _annex(rng, None),
        text_page(rng.sample(SENTENCES, 6)),
        _annex(rng, "toi_mat"),
    ]
    verdict, extracted = scan_document(_scan(pages), "cong-van-3-phu-luc.pdf")
    assert DEFAULT.max_ocr_pages < 4 <= DEFAULT.max_header_pages
    assert verdict.secret and verdict.level == "toi_mat"
    assert verdict.evidence[0].page == 4
    assert extracted is not None
    assert "below the header strip, OCR stopped after 3 scanned pages" in extracted.notes


def _tiff(pages: list[object], *, fax: bool = False) -> bytes:
    """A multipage TIFF as a scanner or a fax machine writes it (two-tone, Group 4)."""
    frames = [page.convert("1") if fax else page.convert("RGB") for page in pages]  # type: ignore[attr-defined]
    out = io.BytesIO()
    frames[0].save(
        out,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        dpi=(200, 200),
        compression="group4" if fax else "tiff_deflate",
    )
    return out.getvalue()


@pytest.mark.parametrize("fax", [False, True])
def test_a_stamp_on_page_three_of_a_multipage_tiff_is_found(fax: bool) -> None:
    """Only a TIFF's first page was read (corpus 8's annex in a Group 4 TIFF)."""
    rng = random.Random(73)
    pages = [_letter(rng), text_page(rng.sample(SENTENCES, 6)), _annex(rng, "toi_mat")]
    verdict, extracted = scan_document(_tiff(pages, fax=fax), "scan.tif")
    assert verdict.secret and verdict.level == "toi_mat"
    assert verdict.evidence[0].page == 3
    assert extracted is not None and extracted.ocr_pages == pytest.approx(3 * DEFAULT.header_share)


def test_a_multipage_tiff_of_public_pages_stays_clean_and_cheap() -> None:
    rng = random.Random(74)
    pages = [_letter(rng), _annex(rng, None)]
    verdict, extracted = scan_document(_tiff(pages), "scan.tif")
    assert not verdict.secret and verdict.error is None
    assert extracted is not None and extracted.ocr_pages == pytest.approx(2 * DEFAULT.header_share)
    assert any(block.page == 2 for block in extracted.blocks)  # page two's header was read


def test_a_multipage_tiff_cut_short_is_read_as_far_as_it_goes() -> None:
    """Page two cut short (Pillow cannot walk the chain of pages: TypeError, not OSError):
    page one is read, and the file is no crash."""
    rng = random.Random(75)
    data = _tiff([_annex(rng, "mat"), _letter(rng)])
    verdict, extracted = scan_document(data[: int(len(data) * 0.8)], "cut.tif")
    assert verdict.secret and verdict.level == "mat"
    assert extracted is not None and extracted.kind == "image"
