"""Scanned pages and photographs: OCR of the header strip first, the rest only on demand."""

from __future__ import annotations

import io
from typing import Any

from bmnn.scanner.engine import ocr
from bmnn.scanner.engine.limits import DEFAULT, ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted


def prepare(image: Any) -> Any:
    """Upright RGB, small photos enlarged so that text is at least ~20 px high."""
    from PIL import ImageOps

    image = (ImageOps.exif_transpose(image) or image).convert("RGB")
    if image.width < 1600:
        factor = 1600 / image.width
        image = image.resize((int(image.width * factor), int(image.height * factor)))
    return image


def red_mask(image: Any) -> Any:
    """Black where the ink is red (stamps are red, TT24 Art. 3.2), white elsewhere."""
    from PIL import ImageChops

    red, green, blue = image.convert("RGB").split()
    strong = red.point(lambda v: 255 if v > 130 else 0)
    not_green = green.point(lambda v: 255 if v < 130 else 0)
    not_blue = blue.point(lambda v: 255 if v < 140 else 0)
    reddish = ImageChops.subtract(red, green).point(lambda v: 255 if v > 50 else 0)
    mask = ImageChops.multiply(
        ImageChops.multiply(strong, not_green), ImageChops.multiply(not_blue, reddish)
    )
    return ImageChops.invert(mask)


def _runs(profile: list[int], gap: int) -> list[tuple[int, int]]:
    """Stretches of a darkness profile with ink, split where `gap` clean pixels separate them."""
    runs: list[tuple[int, int]] = []
    start, clean = None, 0
    for position, value in enumerate(profile):
        if value < 250:
            if start is None:
                start = position
            clean = 0
        elif start is not None:
            clean += 1
            if clean >= gap:
                runs.append((start, position - clean + 1))
                start, clean = None, 0
    if start is not None:
        runs.append((start, len(profile)))
    return runs


def _flat(image: Any) -> list[int]:
    getter = getattr(image, "get_flattened_data", None) or image.getdata
    return list(getter())


def stamp_regions(mask: Any) -> list[tuple[int, int, int, int]]:
    """Boxes of separate red marks: bands of rows, then columns within each band; the gaps
    are wide enough that a stamp's frame and its text stay together."""
    from PIL import Image

    width, height = mask.size
    rows = _flat(mask.resize((1, height), Image.Resampling.BOX))
    boxes = []
    for top, bottom in _runs(rows, gap=max(25, height // 25)):
        band = mask.crop((0, top, width, bottom))
        columns = _flat(band.resize((width, 1), Image.Resampling.BOX))
        for left, right in _runs(columns, gap=max(30, width // 60)):
            if (right - left) > 20 and (bottom - top) > 12:
                boxes.append((left, top, right, bottom))
    return boxes[:12]


def _components(ink: list[bool], width: int, height: int) -> list[list[int]]:
    """Connected groups of ink pixels (4-neighbours), as lists of pixel indexes."""
    seen = [False] * len(ink)
    groups = []
    for start, is_ink in enumerate(ink):
        if not is_ink or seen[start]:
            continue
        stack, group = [start], []
        seen[start] = True
        while stack:
            here = stack.pop()
            group.append(here)
            x, y = here % width, here // width
            for nx, ny in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
                if 0 <= nx < width and 0 <= ny < height:
                    other = ny * width + nx
                    if ink[other] and not seen[other]:
                        seen[other] = True
                        stack.append(other)
        groups.append(group)
    return groups


def erase_frames(strip: Any) -> Any:
    """A black-and-white copy has no red layer: the stamp's frame is found by its shape instead
    (a wide, thin outline) and erased, so that page segmentation reads the words inside it."""
    from PIL import Image, ImageChops, ImageFilter

    scale = 4
    # thicken thin lines first, so that a frame survives the reduction as one outline
    small = strip.filter(ImageFilter.MinFilter(5)).resize(
        (max(1, strip.width // scale), max(1, strip.height // scale)), Image.Resampling.BOX
    )
    width, height = small.size
    ink = [value < 170 for value in _flat(small)]
    if sum(ink) > 0.3 * len(ink):
        return strip  # a dark photo or a picture: not a page with frames
    erase = []
    for group in _components(ink, width, height):
        xs = [p % width for p in group]
        ys = [p // width for p in group]
        box_w, box_h = max(xs) - min(xs) + 1, max(ys) - min(ys) + 1
        if box_w > 0.08 * width and 5 < box_h < 0.25 * height and len(group) < 0.35 * box_w * box_h:
            erase.extend(group)
    if not erase:
        return strip
    mask = Image.new("L", (width, height), 0)
    values = [0] * (width * height)
    for index in erase:
        values[index] = 255
    mask.putdata(values)
    mask = mask.filter(ImageFilter.MaxFilter(3)).resize(strip.size)
    return ImageChops.lighter(strip, mask)


def _without_frame(region: Any) -> Any:
    """Keeps the letters and drops the frame: connected ink whose extent spans most of the
    region (the border lines, rings and bars) is erased; letters are small components."""
    from PIL import Image

    scale = min(1.0, 300 / max(region.size))
    small = region.resize((max(1, int(region.width * scale)), max(1, int(region.height * scale))))
    width, height = small.size
    ink = [value < 128 for value in _flat(small)]
    erase: list[int] = []
    for component in _components(ink, width, height):
        xs = [p % width for p in component]
        ys = [p // width for p in component]
        if (max(xs) - min(xs)) > 0.6 * width or (max(ys) - min(ys)) > 0.85 * height:
            erase.extend(component)
    if not erase:
        return region
    cleaned = Image.new("L", small.size, 255)
    values = [0 if flag else 255 for flag in ink]
    for index in erase:
        values[index] = 255
    cleaned.putdata(values)
    return cleaned.resize(region.size)


STAMP_HEIGHT = 160  # pixels a stamp region is scaled to before OCR (small photos read badly)
ANGLES = (0, 4, -4, 7, -7)  # a stamp is often put on askew, and photos add their own tilt


def _read_stamp(region: Any, limits: Limits) -> list[str]:
    """The lines of one red mark, frame removed, scaled to a readable size, tried at a few
    angles until one reads as a stamp."""
    from PIL import ImageOps

    from bmnn.scanner.engine.detect import is_stamp_line

    factor = STAMP_HEIGHT / max(1, region.height)
    if factor < 1 or factor > 1.3:
        region = region.resize((max(1, int(region.width * factor)), STAMP_HEIGHT))
    region = ImageOps.expand(_without_frame(region), border=20, fill=255)
    first: list[str] = []
    for angle in ANGLES:
        turned = region if angle == 0 else region.rotate(angle, expand=True, fillcolor=255)
        found = ocr.words(turned, timeout=limits.ocr_timeout, psm=6)
        rows: dict[tuple[int, int, int], list[str]] = {}
        for word in found:
            rows.setdefault(word.key, []).append(word.text)
        lines = [" ".join(rows[key]).strip().upper() for key in sorted(rows)]
        lines = [line for line in lines if line]
        if angle == 0:
            first = lines
        if any(is_stamp_line(line) for line in lines):
            return lines
    return first


def ocr_stamps(
    image: Any, *, page: int, limits: Limits, top: int, bottom: int, start_order: int
) -> list[Block]:
    """OCR of the red marks alone, one region at a time, frames removed: a stamp inside a
    double border is where general page segmentation most often fails."""

    width, height = image.size
    mask = red_mask(image.crop((0, top, width, bottom)))
    blocks: list[Block] = []
    for left, y0, right, y1 in stamp_regions(mask):
        lines = _read_stamp(mask.crop((left, y0, right, y1)), limits)
        box = (left / width, (top + y0) / height, right / width, (top + y1) / height)
        zone = HEADER if page == 1 and box[1] < limits.header_share else BODY
        for text in lines:
            blocks.append(Block(text=text, page=page, zone=zone, order=start_order + len(blocks), box=box,
                                origin="ocr-stamp"))  # fmt: skip
    return blocks


def ocr_page(
    image: Any, *, page: int, limits: Limits, part: str = "all", start_order: int = 0
) -> list[Block]:
    """OCR of one page image: its header strip (`part="header"`), the rest below it
    (`part="rest"`), or all of it."""
    width, height = image.size
    cut = int(height * limits.header_share)
    top, bottom = {"header": (0, cut), "rest": (cut, height), "all": (0, height)}[part]
    if bottom - top < 10:
        return []
    strip = image.crop((0, top, width, bottom)).convert("L")
    strip = erase_frames(strip)
    found = ocr.words(strip, timeout=limits.ocr_timeout)
    blocks = ocr.lines(found, page=page, page_width=width, page_height=height, y_offset=top,
                       header_until=limits.header_share, start_order=start_order)  # fmt: skip
    blocks += ocr_stamps(image, page=page, limits=limits, top=top, bottom=bottom,
                         start_order=start_order + len(blocks))  # fmt: skip
    return blocks


def open_image(data: bytes, limits: Limits = DEFAULT) -> Any:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels
    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > limits.max_image_pixels:
            raise ExtractError("too_large", f"{image.width} × {image.height} pixels")
        image.load()
    except ExtractError:
        raise
    except Image.DecompressionBombError as exc:
        raise ExtractError("too_large", "the image expands to an implausible size") from exc
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise ExtractError("malformed", "the image cannot be decoded") from exc
    return image


def extract_image(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    image = prepare(open_image(data, limits))
    header = ocr_page(image, page=1, limits=limits, part="header")
    result = Extracted(kind="image", blocks=header, ocr_pages=limits.header_share)

    def rest() -> list[Block]:
        result.ocr_pages += 1 - limits.header_share
        return ocr_page(image, page=1, limits=limits, part="rest", start_order=len(header))

    result.needs_more = rest
    return result
