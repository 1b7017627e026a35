"""The letter mark of an envelope carrying secret documents: A, B or C inside a small circle.

Decree 26/2020 Art. 4.1.b: the envelope of a Tối mật document is stamped B, of a Mật one C; a
Tuyệt mật document travels in two envelopes, the outer one stamped A. TT24/2020 Form 03 draws
the mark: one capital letter in a circle, in red ink (grey on a photocopy).

`envelope_marks` runs on every photo and scanned page, so it is built to be cheap when there is
no mark: the page is shrunk to 1000 pixels, ink is what is clearly darker than the paper around
it, and only connected shapes that look like a stamp-sized ring holding something are examined
closer (no Tesseract at all on a page without one); when none is read, the ink grown a little
is looked through again for an outline worn into arcs. Each survivor is redrawn at a fixed size
and must pass every test of a lone envelope mark before Tesseract reads the one letter inside,
with the ring left out:

- a round, closed, thin outline, even or drawn by hand without corners (not a box, a disc, a
  thick ring); arcs along one circle are one outline, a second circle just inside is its own;
- one shape inside it, nothing more than specks besides (an accent, a second letter, a word, a
  star with lettering around it are not Form 03), centred and filling much of the circle; the
  pieces of a worn letter within its box are the letter;
- no text on its own line right beside it: text as tall as the circled letter within a diameter
  and a half, or any text within half a diameter (a circled answer or list number, "©", the
  inner ring of a seal in its lettering); another stamp's frame and its words may be beside it;
- red or neutral ink (a blue or green ring is a logo or a pen);
- the reading is a capital A, B or C whose shape agrees: A has one hole, B two, C none and a
  mouth open to the right (a serif G, a closed 4, the "a" of "@" are refused); a letter with a
  stroke broken is mended and read again; on a page whose orientation is unknown, an A or B is
  also read upside down.

What it cannot tell apart: a lone stamp-sized "©" with nothing beside it (a circled c), a logo
that is exactly one red capital in a thin circle with no name beside it.
"""

from __future__ import annotations

import bisect
import io
import math
import re
import shutil
import subprocess  # nosec B404 # runs Tesseract only, with fixed arguments and no shell
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bmnn.core.levels import ENVELOPE_LETTER
from bmnn.scanner.engine import ocr
from bmnn.scanner.engine.limits import ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block

ORIGIN = "envelope-mark"
LETTERS = tuple(ENVELOPE_LETTER.values())
WORK_SIDE = 1000  # pixels on the long side of the image the rings are looked for in
PAGE_DPI = 100  # a scanned page is looked at this resolution (a 1 cm ring is 39 px across)
# the circle's diameter as a share of the image's long side: Form 03's circle is about two or
# three lines of text high (1–2 cm); a page or an envelope photographed whole fills most of the
# frame, so that is ~2–8 % of an A4 page's height; looser bounds for a far or close photo
MIN_DIAMETER = 0.012
MAX_DIAMETER = 0.13
CHECK_DIAMETER = 96  # pixels a candidate circle is redrawn at before it is examined
INK_CONTRAST = 40  # darker than the local paper by this much (0–255, green channel) is ink
MAX_CANDIDATES = 40  # rings examined closely on one image (a page of circles is not a mark)
MAX_READS = 4  # letters read on one image (each is one to four Tesseract runs)
MAX_INK = 0.25  # more of the image than this darker than its surroundings: a picture, not paper
# ink runs on the shrunk image beyond which it is a grainy picture, not paper (a dense page of
# text has ~8000): labelling costs about a second per 100 000 runs
MAX_RUNS = 40_000

_INK_RUN = re.compile(rb"[^\x00]+")


@dataclass
class Shape:
    """A connected group of ink pixels, kept as horizontal runs (y, x0, x1 exclusive)."""

    runs: list[tuple[int, int, int]]
    left: int
    top: int
    right: int  # exclusive
    bottom: int  # exclusive
    area: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def shapes(mask: bytes, width: int, height: int) -> list[Shape]:
    """Connected groups (8-neighbours) of the non-zero bytes of a `width` × `height` mask,
    labelled run by run: a page of text has far fewer runs than pixels."""
    parent: list[int] = []

    def root(label: int) -> int:
        while parent[label] != label:
            parent[label] = parent[parent[label]]
            label = parent[label]
        return label

    labelled: list[tuple[int, int, int, int]] = []  # (y, x0, x1, label)
    previous: list[tuple[int, int, int]] = []  # (x0, x1, label) of the row above
    for y in range(height):
        row = mask[y * width : (y + 1) * width]
        current: list[tuple[int, int, int]] = []
        index = 0
        for match in _INK_RUN.finditer(row):
            x0, x1 = match.span()
            label = -1
            # runs of the row above that touch this one (diagonals included)
            while index < len(previous) and previous[index][1] < x0:
                index += 1
            probe = index
            while probe < len(previous) and previous[probe][0] <= x1:
                other = root(previous[probe][2])
                if label < 0:
                    label = other
                elif other != label:
                    parent[other] = label
                probe += 1
            if probe > index:
                index = probe - 1  # the last one may touch the next run too
            if label < 0:
                label = len(parent)
                parent.append(label)
            current.append((x0, x1, label))
            labelled.append((y, x0, x1, label))
        previous = current
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for y, x0, x1, label in labelled:
        groups.setdefault(root(label), []).append((y, x0, x1))
    found = []
    for runs in groups.values():
        found.append(
            Shape(
                runs,
                min(r[1] for r in runs),
                runs[0][0],
                max(r[2] for r in runs),
                runs[-1][0] + 1,
                sum(r[2] - r[1] for r in runs),
            )
        )
    return found


def _ink(gray: Any, background: Any, threshold: int) -> bytes:
    """255 where the pixel is darker than the paper around it by more than `threshold`."""
    from PIL import ImageChops

    darker = ImageChops.subtract(background, gray)
    return darker.point(lambda v: 255 if v > threshold else 0).tobytes()


def _channel(image: Any) -> Any:
    """The green channel: red and blue ink, black and grey print are all dark in it, while white,
    cream and brown paper stay light."""
    from bmnn.scanner.engine.extract.images import on_white

    if image.mode == "L":
        return image
    return on_white(image).getchannel("G")


def _background(small: Any) -> Any:
    """The paper's brightness around each pixel: the brightest of coarse local means."""
    from PIL import Image, ImageFilter

    width, height = small.size
    coarse = small.resize((max(1, width // 12), max(1, height // 12)), Image.Resampling.BOX)
    return coarse.filter(ImageFilter.MaxFilter(3)).resize(small.size, Image.Resampling.BILINEAR)


ROUND = 1.35  # a ring's width and height differ by this factor at the most
FITS_ROUND = 1.25  # and by this much for `fit_circle` to measure it as a circle
FORESHORTENED = 1.8  # or this much on a photo taken at an angle (`_foreshortening`)


def _ring_like(shape: Shape, low: float, high: float, most: float = ROUND) -> bool:
    """Cheap tests on the shrunk image: stamp-sized, about as wide as high (within `most`),
    mostly hollow, and an outline all round — its middle rows and columns have ink near both
    ends (a word's blob or a letter with its accents has not). A worn stamp's outline may break
    where a line crosses it, so a few of the lines may miss an end (`fit_circle` still wants it
    closed but for a short gap)."""
    width, height = shape.width, shape.height
    if not (low <= width <= high and low <= height <= high):
        return False
    if max(width, height) > most * min(width, height):
        return False
    if shape.area >= 0.55 * width * height:
        return False
    rows: dict[int, list[int]] = {}
    columns: dict[int, list[int]] = {}
    wanted = {shape.left + int(f * width) for f in RING_LINES}
    for y, x0, x1 in shape.runs:
        rows.setdefault(y, []).extend((x0, x1 - 1))
        for x in wanted:
            if x0 <= x < x1:
                columns.setdefault(x, []).append(y)
    crossed = sum(
        bool(line) and _ends_apart(line, shape.top, shape.bottom)
        for line in (columns.get(x, []) for x in wanted)
    )
    crossed += sum(
        bool(line) and _ends_apart(line, shape.left, shape.right)
        for line in (rows.get(shape.top + int(f * height), []) for f in RING_LINES)
    )
    # a letter of a heading (an "e", an "ô") may miss an end too: only a shape larger than
    # that is let off a few
    gaps = RING_GAPS if max(width, height) >= 2 * low else 0
    return crossed >= 2 * len(RING_LINES) - gaps


# where a ring's rows and columns are looked through (fractions of its box), and how many of
# these lines a ring larger than a letter may see miss one of its ends (a short break in a worn
# outline)
RING_LINES = (0.35, 0.42, 0.5, 0.58, 0.65)
RING_GAPS = 3


def _ends_apart(ink: list[int], start: int, end: int) -> bool:
    """Ink near both ends of a line through a shape (within a fifth of its length)."""
    span = end - start
    return min(ink) <= start + 0.2 * span and max(ink) >= end - 1 - 0.2 * span


def _holding_something(candidates: list[Shape], found: list[Shape]) -> list[Shape]:
    """The candidates with ink in the middle of their hole — a shape of its own inside them, or
    their own ink crossing the middle (a letter touching the ring): an "O" or a "0" holds
    nothing."""
    if not candidates:
        return []
    tops = sorted((s.top, index) for index, s in enumerate(found))
    keys = [top for top, _ in tops]
    kept = []
    for ring in candidates:
        x0 = ring.left + 0.25 * ring.width
        x1 = ring.right - 0.25 * ring.width
        y0 = ring.top + 0.25 * ring.height
        y1 = ring.bottom - 0.25 * ring.height
        own = any(y0 <= y < y1 and a < x1 and b > x0 for y, a, b in ring.runs)
        if own:
            kept.append(ring)
            continue
        start = bisect.bisect_left(keys, ring.top + 1)
        for _, index in tops[start : bisect.bisect_left(keys, ring.bottom)]:
            other = found[index]
            if (
                other.left > ring.left
                and other.right < ring.right
                and other.bottom < ring.bottom
                and other.left < x1
                and other.right > x0
                and other.top < y1
                and other.bottom > y0
            ):
                kept.append(ring)
                break
    return kept


def _foreshortening(found: list[Shape], low: float, high: float) -> float:
    """How much a photo taken at an angle squeezed its rings, along x (above 1: the picture is
    to be widened by it) or y (below 1: heightened by its inverse); 1.0 when no squeezed ring
    holds something. A squeezed ring no longer fits a circle; drawn round again, it does."""
    squeezed = [
        s
        for s in found
        if max(s.width, s.height) >= 2 * low  # larger than a letter of running text
        and _ring_like(s, low, high, FORESHORTENED)
        and not _ring_like(s, low, high, FITS_ROUND)
    ]
    squeezed = _holding_something(squeezed, found)
    if not squeezed:
        return 1.0
    largest = max(squeezed, key=lambda s: s.area)
    return largest.height / largest.width


def envelope_marks(
    image: Any,
    *,
    page: int,
    start_order: int,
    limits: Limits,
    upright_known: bool = True,
    redrawn: bool = False,
) -> list[Block]:
    """The envelope letter marks (TT24 Form 03) on one photo or scanned page, one block each:
    `text` the letter, `box` the circle's box as fractions of the page.

    When the page's orientation is not known (`upright_known` false: an envelope has too little
    text for OSD to tell), a ring refused only for text on its line is looked at again with the
    page turned a quarter either way: on an envelope photographed sideways, the sender's lines
    and another stamp stand on the ring's line as the picture lies, above it as the page
    stands."""
    from PIL import Image

    gray = _channel(image)
    width, height = gray.size
    factor = max(1.0, max(width, height) / WORK_SIDE)
    small = gray.resize(
        (max(1, round(width / factor)), max(1, round(height / factor))), Image.Resampling.BOX
    )
    background = _background(small)
    mask = _ink(small, background, INK_CONTRAST)
    if mask.count(0) < (1 - MAX_INK) * len(mask) or len(_INK_RUN.findall(mask)) > MAX_RUNS:
        return []
    long_side = max(small.size)
    low, high = MIN_DIAMETER * long_side, MAX_DIAMETER * long_side
    found = shapes(mask, *small.size)
    candidates = [s for s in found if _ring_like(s, low, high)]
    candidates = _holding_something(candidates, found)
    candidates.sort(key=lambda s: -s.area)
    blocks: list[Block] = []
    reads = 0
    crowded: list[tuple[float, float, float, float]] = []
    looked: list[tuple[float, float, float, float]] = []

    def look(boxes: list[tuple[float, float, float, float]]) -> None:
        nonlocal reads
        for box in boxes:
            if any(_overlaps(box, _pixels(b.box, width, height)) for b in blocks if b.box):
                continue
            looked.append(box)
            mark = examine(image, gray, background, factor, box, crowded=crowded)
            if mark is None or reads >= MAX_READS:
                continue
            reads += 1
            letter = read_letter(mark, limits)
            if letter is None and not upright_known:
                letter = _read_upside_down(mark, limits)
            if letter is not None:
                circle, order = mark.circle, start_order + len(blocks)
                blocks.append(_block(letter, circle, (width, height), page, order, limits))

    look([_box(shape, factor, 0) for shape in candidates[:MAX_CANDIDATES]])
    if not blocks and not redrawn:
        # a worn or dashed outline broken into arcs: found again on the ink grown a little
        # (which joins the arcs), only where no candidate was looked at already
        for grow in BRIDGES:
            joined = shapes(_grown(mask, small.size, grow), *small.size)
            rings = [s for s in joined if _ring_like(s, low, high)]
            rings = _holding_something(rings, joined)
            rings.sort(key=lambda s: -s.area)
            boxes = [_box(shape, factor, grow // 2) for shape in rings[:MAX_CANDIDATES]]
            look([box for box in boxes if not any(_same_place(box, seen) for seen in looked)])
            if blocks:
                break
    if not blocks and not upright_known and crowded:
        turned = _read_turned(image, gray, background, factor, crowded[:MAX_READS], limits)
        blocks += [
            _block(letter, circle, (width, height), page, start_order, limits)
            for letter, circle in turned[:1]
        ]
    if not blocks and not redrawn:
        # a ring squeezed by the camera's angle: the picture stretched until it is round again
        # (boxes are fractions of the page, the same on the stretched copy)
        squeeze = _foreshortening(found, low, high)
        if squeeze != 1.0:
            size = (
                (round(width * squeeze), height)
                if squeeze > 1
                else (width, round(height / squeeze))
            )
            blocks = envelope_marks(
                image.resize(size, Image.Resampling.BILINEAR),
                page=page,
                start_order=start_order,
                limits=limits,
                upright_known=upright_known,
                redrawn=True,
            )
    return blocks


BRIDGES = (3, 5)  # widths (pixels of the shrunk image) the ink is grown by to join a ring's arcs


def _grown(mask: bytes, size: tuple[int, int], grow: int) -> bytes:
    """The ink grown to every pixel within a `grow` × `grow` square of it (a box blur of the
    mask is not zero there: cheaper than a rank filter)."""
    from PIL import Image, ImageFilter

    blurred = Image.frombytes("L", size, mask).filter(ImageFilter.BoxBlur(grow // 2))
    return blurred.point(lambda v: 255 if v else 0).tobytes()


def _box(shape: Shape, factor: float, inset: int) -> tuple[float, float, float, float]:
    """A shape's box on the shrunk image in the picture's own pixels, `inset` pixels taken
    off each side (what growing the ink added)."""
    return (
        (shape.left + inset) * factor,
        (shape.top + inset) * factor,
        (shape.right - inset) * factor,
        (shape.bottom - inset) * factor,
    )


def _same_place(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    """Whether the centre of box `a` lies in box `b`."""
    x, y = (a[0] + a[2]) / 2, (a[1] + a[3]) / 2
    return b[0] <= x <= b[2] and b[1] <= y <= b[3]


def _block(
    letter: str,
    circle: tuple[float, float, float, float],
    size: tuple[int, int],
    page: int,
    order: int,
    limits: Limits,
) -> Block:
    width, height = size
    x0, y0, x1, y1 = circle
    fractions = (x0 / width, y0 / height, x1 / width, y1 / height)
    zone = HEADER if page == 1 and fractions[1] < limits.header_share else BODY
    return Block(text=letter, page=page, zone=zone, order=order, box=fractions, origin=ORIGIN)


TURNED_LETTERS = ("A", "B")  # what a quarter-turned look may read (see `_read_turned`)
# a quarter turn of the picture (PIL's transposes, counter-clockwise and clockwise), with where a
# point (x, y) of the w × h picture goes on the turned one, and back (w, h: the picture's own)
QUARTER_TURNS = ("ROTATE_90", "ROTATE_270")


def _turn_point(turn: str, x: float, y: float, w: float, h: float) -> tuple[float, float]:
    return (y, w - x) if turn == "ROTATE_90" else (h - y, x)


def _unturn_point(turn: str, x: float, y: float, w: float, h: float) -> tuple[float, float]:
    return (w - y, x) if turn == "ROTATE_90" else (y, h - x)


def _turn_box(
    move: Any, turn: str, box: tuple[float, float, float, float], w: float, h: float
) -> tuple[float, float, float, float]:
    (ax, ay), (bx, by) = move(turn, box[0], box[1], w, h), move(turn, box[2], box[3], w, h)
    return (min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _read_turned(
    image: Any,
    gray: Any,
    background: Any,
    factor: float,
    boxes: list[tuple[float, float, float, float]],
    limits: Limits,
) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The rings refused for text on their line, looked at again with the page turned a quarter
    either way: (letter, circle in the picture's own pixels) for each that passes every test
    there and reads as A or B (`TURNED_LETTERS`)."""
    from PIL import Image

    width, height = gray.size
    found: list[tuple[str, tuple[float, float, float, float]]] = []
    for turn in QUARTER_TURNS:
        step = getattr(Image.Transpose, turn)
        turned = (image.transpose(step), gray.transpose(step), background.transpose(step))
        for box in boxes:
            mark = examine(*turned, factor, _turn_box(_turn_point, turn, box, width, height))
            letter = read_letter(mark, limits) if mark is not None else None
            # a C turned a quarter is a "U", "V", "u" or "∩" as the picture lies: a circled tick
            # or answer on a sparse page would read C this way, so only A and B are taken
            if mark is not None and letter in TURNED_LETTERS:
                circle = _turn_box(_unturn_point, turn, mark.circle, width, height)
                found.append((letter, circle))
    return found


def _read_upside_down(mark: Mark, limits: Limits) -> str | None:
    """The letter read once more turned half round: the page may stand upside down (a scan fed
    the wrong way round), and the sender's lines keep to their own, so only the letter tells.
    One look, its holes agreeing; as with a quarter turn, only A or B is taken (a C turned is
    a reversed C)."""
    turned = _half_turned(mark.letter)
    reading = _reading(_tesseract_character(letter_image(turned), limits.ocr_timeout))
    if reading in TURNED_LETTERS and _agrees(reading, turned, mark.holes):
        return reading
    return None


def _half_turned(shape: Shape) -> Shape:
    """The shape turned upside down (half a turn) within its own box."""
    top, bottom, left, right = shape.top, shape.bottom, shape.left, shape.right
    runs = sorted(
        (top + bottom - 1 - y, left + right - x1, left + right - x0) for y, x0, x1 in shape.runs
    )
    return Shape(runs, left, top, right, bottom, shape.area)


def _pixels(box: tuple[float, float, float, float], width: int, height: int) -> tuple[float, ...]:
    return (box[0] * width, box[1] * height, box[2] * width, box[3] * height)


def _overlaps(a: Iterable[float], b: Iterable[float]) -> bool:
    ax0, ay0, ax1, ay1 = a
    bx0, by0, bx1, by1 = b
    return ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1


# --- the close look -----------------------------------------------------------------------------


@dataclass
class Mark:
    """A circle that passed every shape test: where it is and the letter's pixels."""

    circle: tuple[float, float, float, float]  # in the original image's pixels
    letter: Shape  # in the redrawn crop's pixels
    holes: int


@dataclass
class Crop:
    mask: bytes
    width: int
    height: int
    cx: float
    cy: float
    radius: float  # expected outer radius, crop pixels
    scale: float  # crop pixels per original pixel
    origin: tuple[float, float]  # the crop's top left, original pixels


def _crop(
    gray: Any, background: Any, factor: float, box: tuple[float, float, float, float]
) -> Crop | None:
    """The candidate and its surroundings (its line, 1.7 diameters each side), redrawn so the
    circle is CHECK_DIAMETER pixels across, binarised against the local paper."""
    from PIL import Image, ImageChops

    x0, y0, x1, y1 = box
    diameter = max(x1 - x0, y1 - y0)
    side, above = 1.7 * diameter, 0.7 * diameter  # the line it stands on, wider than high
    left, top = max(0.0, x0 - side), max(0.0, y0 - above)
    right, bottom = min(gray.width, x1 + side), min(gray.height, y1 + above)
    scale = CHECK_DIAMETER / diameter
    size = (max(1, round((right - left) * scale)), max(1, round((bottom - top) * scale)))
    area = (round(left), round(top), round(right), round(bottom))
    resample = Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR
    patch = gray.crop(area).resize(size, resample)
    paper = background.crop(
        (area[0] / factor, area[1] / factor, area[2] / factor, area[3] / factor)
    ).resize(size, Image.Resampling.BILINEAR)
    # the threshold follows the stamp's own contrast: a faint stamp gets a lower one, a strong
    # one a higher one, so that blur around strong strokes is not taken for ink
    darker = ImageChops.subtract(paper, patch)
    ring_area = (
        round((x0 - left) * scale),
        round((y0 - top) * scale),
        round((x1 - left) * scale),
        round((y1 - top) * scale),
    )
    histogram = darker.crop(ring_area).histogram()
    total = sum(histogram)
    if total == 0:
        return None
    seen, strong = 0, 0
    for value in range(255, -1, -1):
        seen += histogram[value]
        if seen >= 0.04 * total:
            strong = value
            break
    threshold = max(INK_CONTRAST * 0.75, strong * 0.45)
    mask = darker.point(lambda v: 255 if v > threshold else 0).tobytes()
    return Crop(
        mask,
        size[0],
        size[1],
        ((x0 + x1) / 2 - left) * scale,
        ((y0 + y1) / 2 - top) * scale,
        diameter * scale / 2,
        scale,
        (left, top),
    )


def examine(
    image: Any,
    gray: Any,
    background: Any,
    factor: float,
    box: tuple[float, float, float, float],
    *,
    crowded: list[tuple[float, float, float, float]] | None = None,
) -> Mark | None:
    """The tests of a lone envelope mark on one candidate; None when any fails. A candidate
    that fails only for text on its line is added to `crowded` (when given)."""
    crop = _crop(gray, background, factor, box)
    if crop is None:
        return None
    found = shapes(crop.mask, crop.width, crop.height)
    ring = _the_ring(found, crop)
    circle = fit_circle(ring) if ring is not None else None
    if ring is None or circle is None:
        # a worn or dashed outline comes in arcs: the pieces lying along the expected circle
        arcs = [shape for shape in found if _on_outline(shape, crop)]
        if len(arcs) < 2:
            return None
        ring = _joined(arcs)
        circle = fit_circle(ring)
        if circle is None:
            return None
        found = [shape for shape in found if all(shape is not arc for arc in arcs)] + [ring]
    letter, others, doubled = _inside(found, ring, circle)
    if letter is None or not _specks(others, letter):
        return None
    if doubled and shape_letter(letter, count_holes(letter)) is None:
        # a round seal is a double ring too (its lettering between the circles may be too
        # faint to see at this size): what a double ring holds must be a letter by its shape
        return None
    if not _letter_fits(letter, circle):
        return None
    if not _ink_colour_allowed(image, ring, crop):
        return None
    if _crowded(found, ring, letter, circle):
        if crowded is not None:
            crowded.append(box)
        return None
    left, top = crop.origin
    cx, cy, outer = circle.cx, circle.cy, circle.radius
    box = (
        left + (cx - outer) / crop.scale,
        top + (cy - outer) / crop.scale,
        left + (cx + outer) / crop.scale,
        top + (cy + outer) / crop.scale,
    )
    return Mark(box, letter, count_holes(letter))


def _the_ring(found: list[Shape], crop: Crop) -> Shape | None:
    """The biggest shape centred where the candidate was and about its size."""
    best = None
    for shape in found:
        size = (shape.width + shape.height) / 4
        if not 0.75 * crop.radius <= size <= 1.3 * crop.radius:
            continue
        if abs((shape.left + shape.right) / 2 - crop.cx) > 0.3 * crop.radius:
            continue
        if abs((shape.top + shape.bottom) / 2 - crop.cy) > 0.3 * crop.radius:
            continue
        if best is None or shape.area > best.area:
            best = shape
    return best


def _on_outline(shape: Shape, crop: Crop) -> bool:
    """A piece whose ink all lies along the candidate's expected circle (between ARC_BAND's
    shares of its radius from its centre): an arc of a broken outline."""
    nearest, farthest = ARC_BAND[0] * crop.radius, ARC_BAND[1] * crop.radius
    for y, x0, x1 in shape.runs:
        dy = y + 0.5 - crop.cy
        near = min(max(crop.cx, x0 + 0.5), x1 - 0.5) - crop.cx
        far = max(abs(x0 + 0.5 - crop.cx), abs(x1 - 0.5 - crop.cx))
        if math.hypot(near, dy) < nearest or math.hypot(far, dy) > farthest:
            return False
    return True


ARC_BAND = (0.7, 1.25)  # an arc of the outline lies this far from the centre (shares of its radius)
BINS = 48  # directions around the centre the outline is measured in


@dataclass
class Circle:
    cx: float
    cy: float
    radius: float  # mean outer radius
    stroke: float  # the outline's width (median over the directions)
    edge: list[float]  # the outer radius in each direction (0 where nothing was found)

    @property
    def inner(self) -> float:
        return self.radius - self.stroke

    def bin(self, dx: float, dy: float) -> int:
        return int((math.atan2(dy, dx) + math.pi) / (2 * math.pi) * BINS) % BINS


def fit_circle(ring: Shape) -> Circle | None:
    """Centre, radius and stroke width of a round, closed, thin, even outline; None for anything
    else (a square box, a scrawl, a disc, a thick logo ring, an open arc). In each
    direction the outline is the band of ink reaching inwards from the outermost ink without a
    gap, so that a letter touching the ring does not count as outline."""
    width, height = ring.width, ring.height
    if max(width, height) > FITS_ROUND * min(width, height):
        return None
    cx, cy = (ring.left + ring.right) / 2, (ring.top + ring.bottom) / 2
    radius = (width + height) / 4
    reached: list[set[int]] = [set() for _ in range(BINS)]
    for y, x0, x1 in ring.runs:
        dy = y + 0.5 - cy
        for x in range(x0, x1):
            dx = x + 0.5 - cx
            distance = math.hypot(dx, dy)
            if distance >= 0.3 * radius:
                slot = int((math.atan2(dy, dx) + math.pi) / (2 * math.pi) * BINS) % BINS
                reached[slot].add(int(distance))
    covered = [i for i in range(BINS) if reached[i]]
    if len(covered) < 0.9 * BINS:
        return None  # not closed
    edge = [0.0] * BINS
    strokes = []
    for i in covered:
        outermost = max(reached[i])
        depth = outermost
        while depth - 1 in reached[i] or depth - 2 in reached[i]:
            depth -= 1 if depth - 1 in reached[i] else 2
        edge[i] = outermost + 1.0
        strokes.append(outermost - depth + 1)
    outers = [edge[i] for i in covered]
    mean = sum(outers) / len(outers)
    unevenness = _unevenness(ring, cx, cy)
    if unevenness > EVEN and not _hand_drawn(ring, cx, cy, unevenness):
        return None  # not round (a square, a polygon, a scrawl)
    strokes.sort()
    stroke = float(strokes[len(strokes) // 2])
    if stroke > 0.3 * mean:
        return None  # a disc or a thick ring: a logo, not a stamped outline
    return Circle(cx, cy, mean, stroke, edge)


def _unevenness(ring: Shape, cx: float, cy: float) -> float:
    """How far the outline's outer edge strays from a round one, as a share of its radius,
    once its box is made square: a ring seen a little askew (its box up to 1.25 times taller
    than wide) is an even ellipse, a square or a loop drawn by hand stays uneven."""
    reached = [distance for distance in _outline(ring, cx, cy) if distance > 0]
    if not reached:
        return 1.0
    mean = sum(reached) / len(reached)
    return math.sqrt(sum((d - mean) ** 2 for d in reached) / len(reached)) / max(mean, 1e-9)


def _outline(ring: Shape, cx: float, cy: float) -> list[float]:
    """The outer edge's distance from the centre in each of BINS directions (0 where there is
    no ink), the ring's box made square first."""
    stretch = ring.width / max(1, ring.height)
    outer = [0.0] * BINS
    for y, x0, x1 in ring.runs:
        dy = (y + 0.5 - cy) * stretch
        for x in range(x0, x1):
            dx = x + 0.5 - cx
            slot = int((math.atan2(dy, dx) + math.pi) / (2 * math.pi) * BINS) % BINS
            outer[slot] = max(outer[slot], math.hypot(dx, dy))
    return outer


def _hand_drawn(ring: Shape, cx: float, cy: float, unevenness: float) -> bool:
    """A loop drawn by hand round the letter (a pen's or a brush's): uneven, but with no
    corners — a box with rounded corners is as uneven, its edge bulging four times around
    (the fourth harmonic of its distance from the centre), a hand's loop a few broad times."""
    if unevenness > HAND_DRAWN:
        return False
    outer = _outline(ring, cx, cy)
    mean = sum(outer) / BINS
    turns = [2 * math.pi * 4 * i / BINS for i in range(BINS)]
    along = sum(d * math.cos(t) for d, t in zip(outer, turns, strict=True))
    across = sum(d * math.sin(t) for d, t in zip(outer, turns, strict=True))
    return 2 * math.hypot(along, across) / BINS <= CORNERS * max(mean, 1e-9)


EVEN = 0.06  # a stamped outline strays from round by this share of its radius at the most
HAND_DRAWN = 0.1  # a loop drawn by hand, by this much
CORNERS = 0.03  # a hand's loop bulges four times around by this share at the most (a box: 0.07+)


def _within(shape: Shape, circle: Circle) -> bool:
    """Whether a shape lies inside the circle's outline (its box, a little slack allowed)."""
    reach = circle.inner + 0.1 * circle.stroke + 1
    return (
        shape.left >= circle.cx - reach
        and shape.right <= circle.cx + reach
        and shape.top >= circle.cy - reach
        and shape.bottom <= circle.cy + reach
    )


def _inside(
    found: list[Shape], ring: Shape, circle: Circle
) -> tuple[Shape | None, list[Shape], bool]:
    """The biggest shape inside the ring, the other pieces inside, and whether a second
    outline just inside the first (a double ring) was left out as the ring's own. A letter
    joined to the ring is cut free of it first; the pieces of a worn letter within its box are
    joined to it."""
    pieces = [shape for shape in found if shape is not ring and _within(shape, circle)]
    pieces.extend(_cut_from_ring(ring, circle))
    if not pieces:
        return None, [], False
    pieces.sort(key=lambda s: -s.area)
    within = [piece for piece in pieces if not _inner_ring(piece, circle)]
    doubled = 0 < len(within) < len(pieces)
    if doubled:
        pieces = within
    letter, others = pieces[0], pieces[1:]
    worn = [piece for piece in others if _part_of(piece, letter)]
    if worn:
        letter = _joined([letter, *worn])
        others = [piece for piece in others if all(piece is not part for part in worn)]
    return letter, others, doubled


def _inner_ring(piece: Shape, circle: Circle) -> bool:
    """A piece that is a second round outline close inside the ring, around its centre."""
    span = 2 * circle.inner
    if min(piece.width, piece.height) < 0.75 * span:
        return False
    middle = ((piece.left + piece.right) / 2, (piece.top + piece.bottom) / 2)
    if math.hypot(middle[0] - circle.cx, middle[1] - circle.cy) > 0.1 * span:
        return False
    inner = fit_circle(piece)
    return inner is not None and inner.stroke <= 2 * circle.stroke


def _part_of(piece: Shape, letter: Shape) -> bool:
    """A piece of a worn letter: small, and lying across the letter's box."""
    return (
        piece.height <= 0.5 * letter.height
        and piece.left < letter.right
        and letter.left < piece.right
        and piece.top < letter.bottom
        and letter.top < piece.bottom
    )


def _joined(parts: list[Shape]) -> Shape:
    runs = sorted(run for part in parts for run in part.runs)
    return Shape(
        runs,
        min(p.left for p in parts),
        min(p.top for p in parts),
        max(p.right for p in parts),
        max(p.bottom for p in parts),
        sum(p.area for p in parts),
    )


def _specks(pieces: list[Shape], letter: Shape) -> bool:
    """Whether the other pieces inside are only specks (worn ink, scanner dust): an accent (Â,
    Ă, Ê), a second letter or a word make the circle something else."""
    return all(
        piece.area <= 0.02 * letter.area and piece.height <= 0.12 * letter.height
        for piece in pieces
    )


def _cut_from_ring(ring: Shape, circle: Circle) -> list[Shape]:
    """The ink of the ring's own shape that lies inside the outline in its direction (a letter
    touching the ring), as shapes of their own."""
    margin = 1.5
    runs = []
    for y, x0, x1 in ring.runs:
        dy = y + 0.5 - circle.cy
        start = None
        for x in range(x0, x1 + 1):
            inside = False
            if x < x1:
                dx = x + 0.5 - circle.cx
                limit = circle.edge[circle.bin(dx, dy)] or circle.radius
                inside = math.hypot(dx, dy) < limit - circle.stroke - margin
            if inside and start is None:
                start = x
            elif not inside and start is not None:
                runs.append((y, start, x))
                start = None
    if sum(r[2] - r[1] for r in runs) < 0.004 * (2 * circle.inner) ** 2:
        return []
    width = ring.right + 1
    height = ring.bottom + 1
    mask = bytearray(width * height)
    for y, x0, x1 in runs:
        mask[y * width + x0 : y * width + x1] = b"\xff" * (x1 - x0)
    return shapes(bytes(mask), width, height)


def _letter_fits(letter: Shape, circle: Circle) -> bool:
    """One capital that fills a good part of the circle and sits in its middle. Form 03 gives
    no proportions: some stamps fill the ring, others hold a letter a quarter of its width."""
    span = 2 * circle.inner
    if not MIN_LETTER_SHARE <= letter.height / span <= 0.92:
        return False
    if not 0.22 <= letter.width / span <= 0.9:
        return False
    mx, my = (letter.left + letter.right) / 2, (letter.top + letter.bottom) / 2
    return math.hypot(mx - circle.cx, my - circle.cy) <= 0.3 * circle.inner


def _crowded(found: list[Shape], ring: Shape, letter: Shape, circle: Circle) -> bool:
    """Text on the circle's own line right beside it: a circled answer, list number or "©"
    (text as tall as the circled letter within a diameter and a half, or any text within half
    a diameter), or the lettering around a seal's inner ring. A stamp put near an address keeps
    smaller text further away."""
    cx, cy, outer = circle.cx, circle.cy, circle.radius
    # another stamp's frame beside the circle: the words inside it are that stamp's
    frames = [f for f in found if f is not ring and _frame(f) and not _encloses(f, ring)]
    for shape in found:
        if shape is ring or shape is letter or shape.area < 0.002 * (2 * outer) ** 2:
            continue
        if any(_encloses(frame, shape) for frame in frames):
            continue
        if _within(shape, circle) or shape.height > 2.5 * outer:
            continue  # inside (counted by _inside), or an edge or a frame, not text
        if abs((shape.top + shape.bottom) / 2 - cy) > 0.4 * outer:
            continue  # not on the circle's line: a line of text above or below it
        if shape.height < 0.12 * outer or _frame(shape):
            continue  # a dot, a dash, a dotted line; the frame of a rectangular stamp or a box
        if shape.width < 0.2 * shape.height and shape.height > 1.3 * letter.height:
            continue  # a ruled line or a box's side, taller than any text beside the letter
        gap = max(shape.left - (cx + outer), (cx - outer) - shape.right)
        alike = 0.6 * letter.height <= shape.height <= 2.0 * letter.height
        if gap < 1.0 * outer or (gap < 3.0 * outer and alike):
            return True
    return False


MIN_LETTER_SHARE = 0.22  # the letter's height, of the ring's inner diameter, at the least


def _encloses(outer: Shape, inner: Shape) -> bool:
    return (
        outer.left <= inner.left
        and inner.right <= outer.right
        and outer.top <= inner.top
        and inner.bottom <= outer.bottom
    )


def _frame(shape: Shape) -> bool:
    """A rectangle's outline (another stamp's frame, a form's box), whole or cut by the edge of
    the view: straight full-width top and bottom rows, and in the middle row nothing but its
    narrow sides."""
    if shape.width < 8 or shape.height < 8:
        return False
    rows: dict[int, list[tuple[int, int]]] = {}
    for y, x0, x1 in shape.runs:
        rows.setdefault(y, []).append((x0, x1))

    def full(y: int) -> bool:
        return any(x1 - x0 >= 0.8 * shape.width for x0, x1 in rows.get(y, []))

    edges = (shape.top, shape.top + 1, shape.top + 2)
    bottoms = (shape.bottom - 1, shape.bottom - 2, shape.bottom - 3)
    if not any(full(y) for y in edges) or not any(full(y) for y in bottoms):
        return False
    middle = rows.get((shape.top + shape.bottom) // 2, [])
    slack = 0.1 * shape.width
    return bool(middle) and all(
        x1 - x0 < 0.2 * shape.width and (x0 <= shape.left + slack or x1 >= shape.right - slack)
        for x0, x1 in middle
    )


def _ink_colour_allowed(image: Any, ring: Shape, crop: Crop) -> bool:
    """Red ink, or a neutral grey/black (a photocopy); a blue or green ring is a logo or a pen."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK"):
        return True
    left, top = crop.origin
    step = max(1, len(ring.runs) // 40)
    red = green = blue = count = 0
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    for y, x0, x1 in ring.runs[::step]:
        x = (x0 + x1) / 2
        px = min(rgb.width - 1, max(0, int(left + x / crop.scale)))
        py = min(rgb.height - 1, max(0, int(top + (y + 0.5) / crop.scale)))
        r, g, b = rgb.getpixel((px, py))[:3]
        red, green, blue, count = red + r, green + g, blue + b, count + 1
    if count == 0:
        return False
    return (red + 12 * count) >= max(green, blue)  # sums over the same pixels: means compared


def count_holes(shape: Shape) -> int:
    """Enclosed paper areas of a letter (A has one, B two, C none)."""
    width, height = shape.width + 2, shape.height + 2
    paper = bytearray(b"\xff" * (width * height))
    for y, x0, x1 in shape.runs:
        start = (y - shape.top + 1) * width + (x0 - shape.left + 1)
        paper[start : start + (x1 - x0)] = bytes(x1 - x0)
    minimum = max(4, shape.area // 200)
    enclosed = [
        region.area
        for region in shapes(bytes(paper), width, height)
        if region.left > 0 and region.top > 0 and region.right < width and region.bottom < height
    ]
    # a speck of paper left inside a stroke (JPEG noise, a worn stamp) is far smaller than a
    # bowl: a B's two bowls are alike in size
    floor = max(minimum, SPECK_HOLE * max(enclosed, default=0))
    return sum(area >= floor for area in enclosed)


SPECK_HOLE = 0.15  # of the largest hole: a smaller enclosed area is a speck, not a hole


# --- the letter ---------------------------------------------------------------------------------

LETTER_HEIGHT = 56  # pixels the letter is redrawn at for Tesseract
EXPECTED_HOLES = {"A": (1,), "B": (2,), "C": (0,)}


def letter_image(letter: Shape) -> Any:
    """The letter alone, black on white, ring and specks left out, at a size Tesseract reads
    well, with a white margin."""
    from PIL import Image

    image = Image.new("L", (letter.width, letter.height), 255)
    pixels = bytearray(b"\xff" * (letter.width * letter.height))
    for y, x0, x1 in letter.runs:
        start = (y - letter.top) * letter.width + (x0 - letter.left)
        pixels[start : start + (x1 - x0)] = bytes(x1 - x0)
    image.frombytes(bytes(pixels))
    factor = LETTER_HEIGHT / max(1, letter.height)
    image = image.resize(
        (max(1, round(letter.width * factor)), LETTER_HEIGHT), Image.Resampling.BILINEAR
    )
    framed = Image.new("L", (image.width + 40, image.height + 40), 255)
    framed.paste(image, (20, 20))
    return framed


TURNS = (8, -8)  # after straightening, the estimate's error either way
LETTER_LIKE = "08"  # figures a worn C or B is read as


def read_letter(mark: Mark, limits: Limits) -> str | None:
    """A, B or C. Tesseract reads the letter as found; a capital A, B or C whose holes agree (A
    one, B two, C none and its mouth open to the right) is taken. Otherwise the letter is
    straightened (stamps go on askew: the turn that makes its box smallest) and read again, then
    turned a little either way, where a reading must also pass the shape tests. When no reading
    was a letter at all (nothing, a digit, a sign) the shape alone may decide; a reading of
    another letter ("G", "U", the "a" of "@") or of a figure (but "0" or "8") ends it. A worn
    letter whose strokes are broken (a bowl open, a leg cut off) is mended first and read again
    when mending changes its holes."""
    image = letter_image(mark.letter)
    first = _reading(_tesseract_character(image, limits.ocr_timeout))
    if first in LETTERS and _agrees(first, mark.letter, mark.holes):
        return first
    mended = _mended(mark.letter, mark.holes)
    if mended is not None:
        whole, holes = mended
        reading = _reading(_tesseract_character(letter_image(whole), limits.ocr_timeout))
        if reading in LETTERS and _agrees(reading, whole, holes):
            return reading
    # a figure read as found is a figure ("4" straightened may pass the A's shape tests), but
    # for those a worn letter is read as: an O-like "0" for a C, an "8" for a B
    other = first == "?" or first.isalpha() or (first.isdigit() and first not in LETTER_LIKE)
    upright = _straightened(image)
    shape = _main_shape(upright) if upright is not image else mark.letter
    if shape is None:
        return None
    holes = count_holes(shape)
    by_shape = shape_letter(shape, holes)
    tries = [(upright, False)] if upright is not image else []
    tries += [(upright.rotate(turn, expand=True, fillcolor=255), True) for turn in TURNS]
    for picture, confirm in tries:
        reading = _reading(_tesseract_character(picture, limits.ocr_timeout))
        agrees = reading in LETTERS and _agrees(reading, shape, holes)
        if agrees and (not confirm or by_shape == reading):
            return reading
        other = other or reading == "?" or reading.isalpha()
    return None if other else by_shape


MENDS = (5, 7)  # pixels (of the redrawn circle's 96) a break in a worn stroke may span, in turn


def _mended(letter: Shape, holes: int) -> tuple[Shape, int] | None:
    """The letter with short breaks in its strokes closed (ink grown then shrunk back by the
    same width), at the first width that changes its count of holes; None when none does."""
    from PIL import Image, ImageFilter

    margin = max(MENDS)
    width, height = letter.width + 2 * margin, letter.height + 2 * margin
    pixels = bytearray(width * height)
    for y, x0, x1 in letter.runs:
        start = (y - letter.top + margin) * width + (x0 - letter.left + margin)
        pixels[start : start + (x1 - x0)] = b"\xff" * (x1 - x0)
    ink = Image.frombytes("L", (width, height), bytes(pixels))
    for size in MENDS:
        closed = ink.filter(ImageFilter.MaxFilter(size)).filter(ImageFilter.MinFilter(size))
        parts = shapes(closed.tobytes(), width, height)
        if not parts:
            continue
        whole = _joined(parts)
        count = count_holes(max(parts, key=lambda part: part.area))
        if count != holes:
            return whole, count
    return None


def _straightened(image: Any) -> Any:
    """The letter turned upright: the turn (up to 36 degrees either way) that gives its ink the
    smallest box — a capital is narrowest standing straight."""
    from PIL import Image, ImageOps

    ink = ImageOps.invert(image)
    best, best_turn = None, 0
    for turn in range(-36, 37, 3):
        turned = ink.rotate(turn, expand=True, resample=Image.Resampling.BILINEAR)
        box = turned.point(lambda v: 255 if v > 100 else 0).getbbox()
        if box is None:
            continue
        area = (box[2] - box[0]) * (box[3] - box[1])
        if best is None or area < best:
            best, best_turn = area, turn
    if best_turn == 0:
        return image
    return image.rotate(best_turn, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)


def _main_shape(image: Any) -> Shape | None:
    ink = image.point(lambda v: 255 if v < 128 else 0).tobytes()
    found = shapes(ink, image.width, image.height)
    return max(found, key=lambda s: s.area) if found else None


def _reading(text: str) -> str:
    """One character Tesseract read: a capital (which may come with its own lower case, "Cc":
    its doubt about a C), a lower-case letter, a digit; "" for nothing or signs, "?" for more
    than one character."""
    read = {ch for ch in text if ch.isalnum()}
    if not read:
        return ""
    capitals = {ch for ch in read if not ch.islower()}
    if len(capitals) == 1 and read <= {*capitals, *(ch.lower() for ch in capitals)}:
        return next(iter(capitals))
    return next(iter(read)) if len(read) == 1 else "?"


def _agrees(letter: str, shape: Shape, holes: int) -> bool:
    """The letter's holes are that capital's, it is as wide as a capital, a C opens right."""
    if holes not in EXPECTED_HOLES[letter] or shape.width < 0.45 * shape.height:
        return False
    return letter != "C" or _opens_right(shape)


def _rows(letter: Shape) -> dict[int, list[tuple[int, int]]]:
    rows: dict[int, list[tuple[int, int]]] = {}
    for y, x0, x1 in letter.runs:
        rows.setdefault(y - letter.top, []).append((x0 - letter.left, x1 - letter.left))
    return rows


def _opens_right(letter: Shape) -> bool:
    """A C: its mouth, the widest fan of directions from its centre that meet no ink before
    leaving the letter, spans at least 40 degrees and faces right (within 40 degrees, for a
    stamp put on askew). A G's gap is narrow, an O has none; a "(" is too narrow to be a C."""
    width, height = letter.width, letter.height
    if width < 0.55 * height:
        return False
    ink = bytearray(width * height)
    for y, x0, x1 in letter.runs:
        start = (y - letter.top) * width + (x0 - letter.left)
        ink[start : start + (x1 - x0)] = b"\x01" * (x1 - x0)
    cx, cy = width / 2, height / 2
    free = []
    for step in range(-18, 19):  # every 5 degrees from straight up to straight down
        angle = math.radians(5 * step)
        dx, dy = math.cos(angle), math.sin(angle)
        distance, clear = 0.0, True
        while True:
            distance += 1.0
            x, y = int(cx + dx * distance), int(cy + dy * distance)
            if not (0 <= x < width and 0 <= y < height):
                break
            if ink[y * width + x]:
                clear = False
                break
        free.append(clear)
    best, best_middle, run = 0, 0.0, 0
    for index, clear in enumerate([*free, False]):
        if clear:
            run += 1
            continue
        if run > best:
            best, best_middle = run, 5 * (index - run + (run - 1) / 2 - 18)
        run = 0
    return best * 5 >= 40 and abs(best_middle) <= 40


def shape_letter(letter: Shape, holes: int) -> str | None:
    """A, B or C from the letter's outline, by tests that hold with the letter turned 30
    degrees: A one hole, a narrow apex and two legs at the bottom (a closed 4 stands on one
    stem); B two holes and a straight left side (an 8's sides are curved); C no hole and a wide
    mouth facing right (a G's gap is narrow, a "(" too narrow to be a capital)."""
    width, height = letter.width, letter.height
    if width < 0.45 * height:
        return None
    rows = _rows(letter)

    def spans(fraction: float) -> list[tuple[int, int]]:
        return rows.get(min(height - 1, int(fraction * height)), [])

    if holes == 1:
        top = spans(0.06)
        if len(top) != 1 or top[0][1] - top[0][0] > 0.45 * width:
            return None
        legs = any(len(spans(f)) == 2 for f in (0.82, 0.87, 0.92, 0.96))
        return "A" if legs else None
    if holes == 2:
        return "B" if _straight_left(rows, width, height) else None
    if holes == 0 and _opens_right(letter):
        return "C"
    return None


def _straight_left(rows: dict[int, list[tuple[int, int]]], width: int, height: int) -> bool:
    """The letter's left edge is one straight line (a B's stem, upright or turned)."""
    points = [
        (y, min(x0 for x0, _ in rows[y]))
        for y in range(int(0.1 * height), int(0.9 * height))
        if y in rows
    ]
    if len(points) < 0.6 * height:
        return False
    count = len(points)
    mean_y = sum(y for y, _ in points) / count
    mean_x = sum(x for _, x in points) / count
    spread = sum((y - mean_y) ** 2 for y, _ in points) or 1.0
    slope = sum((y - mean_y) * (x - mean_x) for y, x in points) / spread
    worst = max(abs(x - (mean_x + slope * (y - mean_y))) for y, x in points)
    return worst <= 0.08 * width


def _tesseract_character(image: Any, timeout: float) -> str:
    """One character read by Tesseract (`--psm 10`), in English: its model reads a lone bold
    capital more reliably than the Vietnamese one (which takes a bold A for "^")."""
    lang = "eng" if ocr.available("eng") else "vie"
    binary = shutil.which("tesseract")
    if binary is None or not ocr.available(lang):
        raise ExtractError("ocr_unavailable", "Tesseract is not installed")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments; the image goes through stdin)  # nosec B603 # fixed arguments, no shell
            [binary, "stdin", "stdout", "-l", lang, "--psm", "10"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=timeout,
            check=False,
            env=ocr.ENV,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractError("timeout", f"OCR took longer than {timeout:.0f} s") from exc
    if done.returncode != 0:
        raise ExtractError("ocr_failed", done.stderr.decode("utf-8", "replace")[-200:])
    return done.stdout.decode("utf-8", "replace").strip()
