"""Showing an editor where the markings are: the first pages of a PDF or an image with the
evidence boxes drawn on them, as inline PNG data (nothing leaves the server, nothing is kept)."""

from __future__ import annotations

import base64
import io
from typing import Any

from bmnn.scanner.engine import Verdict
from bmnn.scanner.engine.extract import sniff

MAX_PAGES = 3


def page_images(data: bytes, name: str, verdict: Verdict, width: int = 700) -> list[str]:
    """Data URLs of the pages that carry evidence (at most three), boxes outlined in red."""
    kind = sniff(data, name)
    pages = sorted({e.page for e in verdict.evidence if e.box is not None})[:MAX_PAGES]
    if kind not in ("pdf", "image") or not pages:
        return []
    try:
        images = _pdf_pages(data, pages, width) if kind == "pdf" else {1: _image(data, width)}
    except Exception:
        return []
    from PIL import ImageDraw

    urls = []
    for page in pages:
        image = images.get(page)
        if image is None:
            continue
        draw = ImageDraw.Draw(image)
        for evidence in verdict.evidence:
            if evidence.page == page and evidence.box is not None:
                x0, y0, x1, y1 = evidence.box
                w, h = image.size
                draw.rectangle(
                    (x0 * w - 4, y0 * h - 4, x1 * w + 4, y1 * h + 4), outline=(220, 0, 0), width=3
                )
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        urls.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode())
    return urls


def _pdf_pages(data: bytes, pages: list[int], width: int) -> dict[int, Any]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = {}
        for number in pages:
            page = pdf[number - 1]
            scale = width / page.get_size()[0]
            out[number] = page.render(scale=scale).to_pil().convert("RGB")
            page.close()
        return out
    finally:
        pdf.close()


def _image(data: bytes, width: int) -> Any:
    from bmnn.scanner.engine.extract.images import open_image, prepare

    image = prepare(open_image(data))
    return image.resize((width, int(image.height * width / image.width)))
