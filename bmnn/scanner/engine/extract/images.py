"""Scanned pages and photographs: OCR of the header strip first, the rest only on demand.

One page is read like this (the costs are measured by bench/test_bench_scanner_ocr.py):
- its light is evened out when it is uneven (a phone's shadow, a lamp): the paper's brightness
  is estimated on a small copy (a max filter takes the ink away) and every colour is divided by
  it, so that the red-ink mask and Tesseract's binarisation see white paper everywhere;
- the header strip is read first, at `Limits.header_dpi`; a skewed band is turned straight;
  stamp frames, found as rectangles, are erased; the lines of running text (wider than any
  stamp) are left for later, since Tesseract's cost follows the letters it reads; the red marks
  are cut out, cleaned of their frames and stacked under the strip, so that one Tesseract
  process reads it all (starting one costs about a tenth of a second);
- a red mark is read again at a few angles only when its upright reading looked like a stamp
  that did not come out (few, unsure letters in a stamp-shaped box), all angles in one process;
- the orientation is looked for only when the first reading of the strip looks wrong (hardly
  any confident letters where there is ink, or no ink at the top of a page that has some):
  Tesseract's OSD on a small copy of the page, once per page; the rest of the page is then read
  upright too, at `Limits.ocr_dpi`, with the running text the header's reading left out.
"""

from __future__ import annotations

import functools
import io
import itertools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from bmnn.scanner.engine import ocr
from bmnn.scanner.engine.detect import words_beside
from bmnn.scanner.engine.limits import DEFAULT, ExtractError, Limits
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted


def prepare(image: Any, *, exif: bool = True) -> Any:
    """Upright RGB (by the EXIF orientation of a photo), small pictures enlarged so that text
    is at least ~20 px high. A rendered PDF page has no EXIF: `exif=False` spares a copy."""
    from PIL import ImageOps

    image = unsquashed(square_pixels(image))  # the resolution is of the picture as stored
    if exif:
        image = ImageOps.exif_transpose(image) or image
    image = positive(on_white(image))
    if image.width < 1600:
        factor = 1600 / image.width
        image = image.resize((int(image.width * factor), int(image.height * factor)))
    return image


def square_pixels(image: Any) -> Any:
    """The picture with as many pixels per inch down as across, from the resolution it states:
    a fax in normal mode (204 × 98 dpi) is half as tall as the page, its letters squashed."""
    dpi = image.info.get("dpi")
    try:
        across, down = (float(v) for v in dpi)
    except (TypeError, ValueError):
        return image
    if not (math.isfinite(across) and math.isfinite(down)) or across <= 0 or down <= 0:
        return image
    ratio = min(4.0, max(0.25, across / down))
    if 0.8 <= ratio <= 1.25:
        return image
    width, height = image.width, image.height
    if ratio > 1:  # too few rows: stretched down, or the columns narrowed when that is too big
        size = (width, round(height * ratio))
        if size[0] * size[1] > SQUARED_PIXELS:
            size = (round(width / ratio), height)
    else:
        size = (round(width / ratio), height)
        if size[0] * size[1] > SQUARED_PIXELS:
            size = (width, round(height * ratio))
    return image.resize((max(1, size[0]), max(1, size[1])))


SQUARED_PIXELS = 40_000_000  # what a picture may grow to when given square pixels


def unsquashed(image: Any) -> Any:
    """A fax in normal mode saved without its resolution (a PNG from a fax-to-mail service):
    half as tall as its page, its letters wider than tall. Only a two-tone picture lying like
    half an A4 or Letter sheet is measured (`letter_shape`); a squashed one gets its height
    back."""
    if image.info.get("dpi") or not 0.5 <= image.height / max(1, image.width) <= 0.8:
        return image
    grey = image.convert("L")
    if sum(1 for count in grey.histogram() if count) > 2:
        return image
    shape = letter_shape(grey)
    if shape is None or shape < SQUASHED:
        return image
    if image.width * image.height * 2 > SQUARED_PIXELS:  # too big to double: narrowed instead
        return image.resize((max(1, image.width // 2), image.height))
    return image.resize((image.width, image.height * 2))


# letter width over line height: upright print measures 0.6 to 1.0 (bold capitals at 100 dpi
# up to 1.16), a normal-mode fax 1.25 to 1.6. Italic capitals touch one another and measure as
# wide (1.4, the review found): such a page — two-tone, landscape and without a resolution —
# is stretched, and read worse
SQUASHED = 1.2


def letter_shape(grey: Any, most: int = 15) -> float | None:
    """How wide a letter is for the height of its line, the median over up to `most` lines of
    text: the inked width of a line's words over the number of its letters (runs of ink
    between blank columns), over the line's height. None with fewer than three lines."""
    from PIL import Image

    ink = grey.point(_below(170, 0, 255))
    width, height = ink.size
    rows = _runs(_flat(ink.resize((1, height), Image.Resampling.BOX)), gap=2)
    heights = sorted(bottom - top for top, bottom in rows if bottom - top >= 4)
    if len(heights) < 3:
        return None
    common = heights[len(heights) // 2]
    shapes: list[float] = []
    for top, bottom in rows:
        if not 0.7 * common <= bottom - top <= 1.4 * common:
            continue
        columns = _flat(ink.crop((0, top, width, bottom)).resize((width, 1), Image.Resampling.BOX))
        letters = _runs(columns, gap=1)
        if len(letters) < 8:
            continue
        words = _runs(columns, gap=max(3, (bottom - top) // 2))
        shapes.append(sum(right - left for left, right in words) / len(letters) / (bottom - top))
        if len(shapes) >= most:
            break
    return sorted(shapes)[len(shapes) // 2] if shapes else None


def on_white(image: Any) -> Any:
    """RGB, a transparent picture laid on white paper first: a stamp cut out as a PNG often
    keeps one colour everywhere and draws its letters with the alpha channel alone, so dropping
    the alpha would leave a plain red rectangle."""
    from PIL import Image

    if image.mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        image = image.convert("RGBA")
        paper = Image.new("RGBA", image.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, image).convert("RGB")
    return _black_made_paper(image if image.mode == "RGB" else image.convert("RGB"))


NEGATIVE_PAPER = 100  # the middle grey of a negative's background at the most (black film)
NEGATIVE_INK = (0.005, 0.25)  # of its pixels: a negative's light print, the least and the
# most (more is light paper on a dark desk: a photographed envelope or page)
NEGATIVE_SOLID = 0.2  # of the light pixels: those amid light all round, at the most


def positive(image: Any) -> Any:
    """An RGB picture that is a negative — light print on a dark ground: a print from
    microfilm, a copy made inverted, a screen in dark mode — turned to dark print on light
    paper, which is what OCR reads (it is told not to try inverted text itself). A negative's
    ground is dark and what differs from it is much lighter, and little of it; a dim photo of
    a page is dark too, but its print is darker than its paper, and a page or an envelope
    photographed on a dark desk is a large or solid light part: they stay as they are."""
    from PIL import ImageFilter, ImageOps

    grey = image.convert("L")
    grey = grey.reduce(max(1, min(grey.size) // 400))
    counts = grey.histogram()
    total = max(1, sum(counts))
    middle = next(
        value for value, seen in enumerate(itertools.accumulate(counts)) if 2 * seen >= total
    )
    if middle > NEGATIVE_PAPER:
        return image
    lighter = sum(counts[min(256, middle + 80) :])
    darker = sum(counts[: max(0, middle - 40)])
    low, high = NEGATIVE_INK
    if not low * total <= lighter <= high * total or lighter < 3 * darker:
        return image
    # print is strokes a few pixels across here: a square of five holds little of it whole,
    # where a light object (an envelope on a dark desk) is mostly solid
    light = grey.point([255 if value >= middle + 80 else 0 for value in range(256)])
    solid = light.filter(ImageFilter.MinFilter(5)).histogram()[255]
    if solid > NEGATIVE_SOLID * lighter:
        return image
    return ImageOps.invert(image)


CUT_OUT_SIDE = 600  # pixels: a picture no larger than this may be a cut-out (a stamp, a logo)
BLACK = 60  # no colour brighter than this: where a lost transparency was flattened to black
RED_INK = 40  # how much redder than green a stamp's ink is


def _black_made_paper(image: Any) -> Any:
    """A cut-out stamp saved without its transparency (a PNG turned JPEG): black where it was
    clear, its ink (often a dark red) blended with that black at its edges. How much ink each
    pixel holds is recovered from its red (against the ink's own) and the stamp is drawn again
    in stamp red on white paper, as `on_white` lays a picture that kept its alpha. Photos, dark
    pictures in other colours, and white letters on black are left as they are."""
    from PIL import Image, ImageChops

    if max(image.size) > CUT_OUT_SIDE:
        return image
    red, green, blue = image.split()
    black = ImageChops.lighter(red, ImageChops.lighter(green, blue)).point(_below(BLACK))
    black_pixels = black.histogram()[255]
    if not 0.5 <= black_pixels / (image.width * image.height) < 0.97:
        return image
    reddish = ImageChops.subtract(red, green).point(_below(RED_INK, 0, 255))
    ink = ImageChops.multiply(ImageChops.invert(black), reddish).histogram()[255]
    if ink < 0.6 * (image.width * image.height - black_pixels):
        return image
    ink_share = 1 - black_pixels / (image.width * image.height)
    full = max(BLACK, _percentile(red.histogram(), 1 - 0.1 * ink_share))  # the ink's own red
    alpha = red.point([min(255, value * 255 // full) for value in range(256)])
    return Image.composite(
        Image.new("RGB", image.size, STAMP_RED), Image.new("RGB", image.size, "white"), alpha
    )


STAMP_RED = (200, 20, 20)


def _percentile(histogram: list[int], share: float) -> int:
    wanted, seen = share * sum(histogram), 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= wanted:
            return value
    return 255


def _background(band: Any, factor: int) -> Any:
    """The paper's brightness around each point: ink removed by a max filter on a small copy."""
    from PIL import ImageFilter

    small = band.reduce(factor) if factor > 1 else band
    return small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))


def even_light(image: Any) -> Any:
    """The picture with its light evened out — each colour divided by the paper's brightness —
    when the paper is darker in places (a shadow, a lamp's fall-off, a desk around the page);
    an evenly lit scan is returned as it is, after a look at a copy of ~160 pixels wide, unless
    a colour cast tints the whole page (`_without_cast`)."""
    from PIL import Image, ImageMath

    factor = max(1, image.width // 160)
    light = _background(image.convert("L"), factor)
    histogram = light.histogram()
    if _percentile(histogram, 0.05) >= 0.82 * _percentile(histogram, 0.95):
        return darker_when_pale(_without_cast(image, factor))
    bands = []
    for band in image.split():
        background = _background(band, factor).resize(image.size, Image.Resampling.BILINEAR)
        bands.append(
            ImageMath.lambda_eval(
                lambda a: a["convert"](a["x"] * 255 / a["max"](a["b"], 16), "L"),
                x=band,
                b=background,
            )
        )
    return darker_when_pale(Image.merge("RGB", bands))


CAST = 24  # grey steps between the paper's brightest and dimmest colour: more is a cast
LIT_PAPER = 110  # paper dimmer than this in any colour is dark paper, not a tinted light


def _without_cast(image: Any, factor: int) -> Any:
    """An evenly lit picture with a colour cast over the whole page (a warm lamp, a yellowed
    copy, a camera's white balance) with each colour scaled so that the paper is grey again, as
    `even_light` does for uneven light by dividing by the paper itself: under a warm cast a red
    stamp's ink has less blue than green and looks brown to `red_mask`. Grey pictures, neutral
    paper and dark paper are returned as they are."""
    if image.mode != "RGB":
        return image
    small = image.reduce(factor) if factor > 1 else image
    paper = [_percentile(band.histogram(), 0.9) for band in small.split()]
    if max(paper) - min(paper) <= CAST or min(paper) < LIT_PAPER:
        return image
    table: list[int] = []
    for level in paper:
        table += [min(255, round(value * 255 / level)) for value in range(256)]
    return image.point(table)


INK = 140  # grey below this is ink (`inked`)
PALE_SHARE = 0.002  # of a page's pixels: its darkest ink, specks of dust aside
DARKENED_TO = 40  # the grey a washed-out scan's darkest ink is given
PALE_GAP = 30  # grey steps between paper and print: less is noise or the other side's print


def darker_when_pale(image: Any) -> Any:
    """A washed-out scan — the copier's darkness turned down, its darkest ink lighter than
    `INK`, so that the page would pass for blank — with the range from that ink to the paper
    spread to a normal print's (the same on every colour: a pale pink stamp turns red). A
    blank page is kept: its darkest marks no more than `PALE_GAP` below the paper (JPEG noise,
    the print of the other side showing through); print paler than that is left unread."""
    if image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    grey = image.convert("L")
    small = grey.reduce(2) if min(grey.size) >= 4 else grey
    histogram = small.histogram()
    darkest, paper = _percentile(histogram, PALE_SHARE), _percentile(histogram, 0.5)
    if darkest < INK or paper - darkest < PALE_GAP:
        return image
    scale = (paper - DARKENED_TO) / (paper - darkest)
    table = [max(0, min(255, round(paper - (paper - value) * scale))) for value in range(256)]
    return image.point(table * len(image.getbands()))


WHITE_PAPER = 235  # grey of paper that Tesseract's own threshold never takes for ink
DARK_AROUND = 0.15  # of a band: more this dark is a desk or a shadow around a photographed page


def _paper_white(grey: Any) -> Any:
    """A band whose paper is grey (a dim scan, a copy on grey paper) stretched so that its paper
    is white. Tesseract picks one threshold for all it is given, and a band stacked with the
    marks' white pictures (`read_marks`) made the grey paper fall on the ink's side of it: the
    whole band was read as nothing. Paper darker than `LIT_PAPER`, and a photo with the desk
    around the page (more than `DARK_AROUND` of the band that dark), are left alone: stretched,
    a lamp-lit page's red title went from the photo's reading."""
    small = grey.reduce(4) if min(grey.size) >= 16 else grey
    histogram = small.histogram()
    paper = _percentile(histogram, 0.5)
    dark = sum(histogram[:LIT_PAPER]) / max(1, small.width * small.height)
    if paper >= WHITE_PAPER or paper < LIT_PAPER or dark > DARK_AROUND:
        return grey
    return grey.point([min(255, round(value * 255 / paper)) for value in range(256)])


@functools.cache
def _below(limit: int, inside: int = 255, outside: int = 0) -> list[int]:
    """A lookup table for `Image.point`: `inside` for the values below `limit`, `outside` for
    the others (a lambda there is called 256 times per image, a tenth of a page's own work)."""
    return [inside if value < limit else outside for value in range(256)]


def red_mask(image: Any) -> Any:
    """Black where the ink is red (stamps are red, TT24 Art. 3.2), white elsewhere."""
    from PIL import ImageChops

    red, green, blue = image.convert("RGB").split()
    strong = red.point(_below(131, 0, 255))
    # a faded stamp, once the light is evened out, is pink: light, but ~40 redder than green;
    # red ink has about as much blue as green, where brown wood, orange, kraft paper and skin
    # have much less
    not_green = green.point(_below(170))
    not_blue = blue.point(_below(180))
    reddish = ImageChops.subtract(red, green).point(_below(REDDER_THAN_GREEN, 0, 255))
    not_brown = ImageChops.subtract(green, blue).point(_below(22))
    mask = ImageChops.multiply(
        ImageChops.multiply(strong, not_green),
        ImageChops.multiply(ImageChops.multiply(not_blue, reddish), not_brown),
    )
    return ImageChops.invert(mask)


REDDER_THAN_GREEN = 36
MAX_FAINT_MARKS = 3  # light grey marks read on one band (a copied stamp, not every grey patch)


def grey_mask(grey: Any) -> Any:
    """Black where the ink is light grey and away from black print (a red stamp copied in
    black and white comes out grey, while the text stays black), white elsewhere. The fringes
    of black letters are grey too: everything within a few pixels of black ink is left out."""
    from PIL import ImageChops, ImageFilter

    light = grey.point([255 if 95 <= value <= 205 else 0 for value in range(256)])
    black = grey.point(_below(95)).filter(ImageFilter.MaxFilter(7))
    return ImageChops.invert(ImageChops.subtract(light, black))


def _runs(profile: list[int], gap: int, ink: int = 250) -> list[tuple[int, int]]:
    """Stretches of a darkness profile with ink (values below `ink`), split where `gap` clean
    pixels separate them."""
    runs: list[tuple[int, int]] = []
    start, clean = None, 0
    for position, value in enumerate(profile):
        if value < ink:
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
    """Boxes of separate red marks: bands of rows, then columns within each band. A frame's
    sides fill the rows between its lines, so a thin band of clean rows already parts two
    stamps one above the other (the level and the declassification under it); the columns'
    gaps are wide enough that a frameless mark's words stay together. Looked for on a
    half-size copy where a cell is red only when most of it is (a JPEG's stray red pixels
    vanish), so that any red cell counts: a small stamp in a wide photo is a hundredth of
    its rows."""
    from PIL import Image

    if mask.getextrema()[0] > 0:
        return []  # no red pixel at all: the common case of a black-and-white page
    small = mask.reduce(2) if min(mask.size) >= 4 else mask
    small = small.point(_below(128, 0, 255))
    if small.getextrema()[0] > 0:
        return []
    width, height = small.size
    rows = _flat(small.resize((1, height), Image.Resampling.BOX))
    boxes = []
    for top, bottom in _runs(rows, gap=max(6, height // 60), ink=255):
        band = small.crop((0, top, width, bottom))
        columns = _flat(band.resize((width, 1), Image.Resampling.BOX))
        for left, right in _runs(columns, gap=max(15, width // 60), ink=255):
            if (right - left) > 10 and (bottom - top) > 6:
                red = band.crop((left, 0, right, bottom - top)).histogram()[0]
                if red >= 24:  # a mark, not a few specks
                    boxes.append(
                        (
                            2 * left,
                            2 * top,
                            min(mask.width, 2 * right),
                            min(mask.height, 2 * bottom),
                        )
                    )
    return boxes[:12]


SAME_SIDES = 0.02  # of the page's width: two marks' left and right ends this close line up


def _framed_halves_joined(
    regions: list[tuple[int, int, int, int]], width: int
) -> list[tuple[int, int, int, int]]:
    """`stamp_regions` of a grey mask with a stamp's two halves made one again. A copied stamp
    whose letters came out darker than its frame leaves the mask only the frame's lines and the
    letters' pale edges: its top and its bottom, parted by the letters' clean rows. The two
    parts line up at both ends (the frame's sides) and lie a part's height apart at most; two
    marks one above the other (a level and a note under it) are seldom of one width."""
    joined: list[tuple[int, int, int, int]] = []
    for region in sorted(regions, key=lambda r: r[1]):
        for index, (left, top, right, bottom) in enumerate(joined):
            gap = region[1] - bottom
            if (
                abs(region[0] - left) <= SAME_SIDES * width
                and abs(region[2] - right) <= SAME_SIDES * width
                and 0 <= gap <= min(bottom - top, region[3] - region[1])
            ):
                joined[index] = (min(left, region[0]), top, max(right, region[2]), region[3])
                break
        else:
            joined.append(region)
    return joined


INK_RUN = re.compile(b"\x01+")


@dataclass
class Component:
    """Connected ink (4-neighbours) as the runs of its rows: (row, first column, past last)."""

    runs: list[tuple[int, int, int]]

    @property
    def box(self) -> tuple[int, int, int, int]:
        """Left, top, width, height."""
        left = min(run[1] for run in self.runs)
        top = min(run[0] for run in self.runs)
        return (
            left,
            top,
            max(run[2] for run in self.runs) - left,
            max(run[0] for run in self.runs) + 1 - top,
        )

    @property
    def size(self) -> int:
        return sum(end - start for _row, start, end in self.runs)


def _components(image: Any, threshold: int) -> list[Component]:
    """Connected groups of pixels darker than `threshold`, labelled run by run (a run of a row
    joins the runs of the row above that it touches): the runs are found by a regular
    expression over the row's bytes, so that Python only loops over runs, not pixels."""
    width, height = image.size
    ink = image.point(_below(threshold, 1, 0)).tobytes()
    runs: list[tuple[int, int, int]] = []
    parent: list[int] = []

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    above: list[int] = []
    for row in range(height):
        here: list[int] = []
        first = 0  # the first run above that may still touch a run of this row
        for found in INK_RUN.finditer(ink, row * width, (row + 1) * width):
            start, end = found.start() - row * width, found.end() - row * width
            index = len(runs)
            runs.append((row, start, end))
            parent.append(index)
            here.append(index)
            while first < len(above) and runs[above[first]][2] <= start:
                first += 1
            other = first
            while other < len(above) and runs[above[other]][1] < end:
                a, b = root(index), root(above[other])
                if a != b:
                    parent[a] = b
                other += 1
        above = here
    groups: dict[int, list[tuple[int, int, int]]] = {}
    for index, run in enumerate(runs):
        groups.setdefault(root(index), []).append(run)
    return [Component(group) for group in groups.values()]


def _paint(size: tuple[int, int], components: list[Component], value: int) -> Any:
    """A picture of `size`, `value` where the components are, the opposite elsewhere."""
    from PIL import Image

    width, height = size
    pixels = bytearray([255 - value]) * (width * height)
    for component in components:
        for row, start, end in component.runs:
            pixels[row * width + start : row * width + end] = bytes([value]) * (end - start)
    return Image.frombytes("L", size, bytes(pixels))


SMALL_WIDTH = 620  # pixels across the copy in which frames are looked for (~75 dpi on A4)
MIN_STAMP_ASPECT = 1.2  # a framed "MẬT" alone is barely wider than tall; a round seal is 1.0


def _bars(
    ink: bytes, width: int, height: int, shortest: int, *, copied: bool = False
) -> list[list[int]]:
    """Horizontal lines of ink, as [top, bottom, left, right): long runs (at least `shortest`)
    of rows next to each other that overlap — a line a degree or two off level steps from row
    to row — no more than a few rows thick (a block of bold letters is thicker). On a
    `copied` page (no red ink: a photocopy or a fax) a run may cross gaps of a pixel or two
    and the next row's run may start just past this one's end, as a speckled line does; on
    other pages that finds lines in print too, and frames are erased where none is."""
    bars: list[list[int]] = []
    runs, step = (COPIED_RUN, STEP) if copied else (INK_RUN, 0)
    for row in range(height):
        for found in runs.finditer(ink, row * width, (row + 1) * width):
            if found.end() - found.start() < shortest:
                continue
            left, right = found.start() - row * width, found.end() - row * width
            for bar in bars:
                if (bar[1] == row or (copied and bar[1] == row + 1)) and (
                    left < bar[3] + step and right > bar[2] - step
                ):
                    bar[1] = row + 1
                    bar[2], bar[3] = min(bar[2], left), max(bar[3], right)
                    break
            else:
                bars.append([row, row + 1, left, right])
        for bar in bars:
            if bar[1] == row + 1 and bar[1] - bar[0] > BAR_ROWS:
                bar[1] = -1  # too thick for a line: never extended again, never paired
    return [bar for bar in bars if bar[1] > 0]


BAR_ROWS = 6  # rows a frame's line may span at ~75 dpi: two thick, stepping by up to four
# a run of ink along a row, through gaps of a pixel or two (a copied or faxed line is speckled)
COPIED_RUN = re.compile(b"\x01(?:\x00{0,2}\x01)+")
STEP = 3  # a copied line's run on the next row may start up to two columns past this one's end
# columns a copied frame's side may stand beyond the end of its lines: a dashed or speckled
# line often loses its last dash before the corner
CORNER_GAP = 6


def _side(ink: bytes, width: int, columns: range, rows: range) -> bool:
    """Whether a vertical line runs down `columns` over most of `rows`."""
    inked = sum(1 for row in rows if any(0 <= x < width and ink[row * width + x] for x in columns))
    return inked >= 0.75 * len(rows)


def frames(small: Any, *, copied: bool = False) -> list[tuple[int, int, int, int]]:
    """Rectangular outlines in a small black-and-white copy (ink darker than 200): two
    horizontal lines of the same extent, one above the other, joined at both ends by vertical
    lines. A stamp's frame (single or double) is one; text touching it stays out of it."""
    width, height = small.size
    ink = small.point(_below(200, 1, 0)).tobytes()
    bars = _bars(ink, width, height, max(8, int(0.04 * width)), copied=copied)
    found = []
    for top in bars:
        for bottom in bars:
            gap = bottom[0] - top[1]
            if not 4 <= gap <= max(8, 0.25 * height):
                continue
            # the lines overlap over most of the shorter one (text touching a frame lengthens
            # its line); the vertical sides are looked for at the ends of the overlap
            left, right = max(top[2], bottom[2]), min(top[3], bottom[3])
            if right - left < 0.85 * min(top[3] - top[2], bottom[3] - bottom[2]):
                continue
            between = range(top[1], bottom[0])
            reach = CORNER_GAP if copied else 1
            if _side(ink, width, range(left - reach, left + 3), between) and _side(
                ink, width, range(right - 3, right + reach), between
            ):
                found.append((left, top[0], right, bottom[1]))
    return found


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> float:
    """The share of the smaller of two boxes that the other covers."""
    wide = min(a[2], b[2]) - max(a[0], b[0])
    high = min(a[3], b[3]) - max(a[1], b[1])
    if wide <= 0 or high <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return wide * high / max(1, smaller)


def _apart(small: Any, box: tuple[int, int, int, int]) -> bool:
    """Whether a frame stands apart from the print, as a stamp does: little ink in the strips
    beside it, left and right, as wide as it is high (lines of print running through both
    sides of a box are a line of text, not a stamp beside it)."""
    left, top, right, bottom = box
    reach = bottom - top
    strips = [
        small.crop((max(0, left - reach), top, max(0, left - 2), bottom)),
        small.crop((min(small.width, right + 2), top, min(small.width, right + reach), bottom)),
    ]
    inked = [
        strip.point(_below(200)).histogram()[255] / max(1, strip.width * strip.height)
        for strip in strips
        if strip.width > 0 and strip.height > 0
    ]
    return sum(share > 0.05 for share in inked) < 2


def copied_frames(grey: Any, small: Any, *, dashed: bool = True) -> list[tuple[int, int, int, int]]:
    """Stamp-shaped frames of a page without red ink (`frames` as on a copy), as pixel boxes
    of `grey`: a few centimetres wide, wider than tall, at most `MAX_FAINT_MARKS` of them;
    failing those, outlines closed around their words (`_hollow_frames`), and (unless
    `dashed` is false) dashed ones."""
    return (
        _stamp_frames(small, grey.size)
        or _hollow_frames(small, grey.size)
        or _hollow_frames(small, grey.size, joined=True)
        or (_hollow_frames(small, grey.size, dashed=True) if dashed else [])
    )


HOLLOW_INK = 0.4  # of its box: an outline's ink at most (a blot or a picture is fuller)
HOLLOW_BORDER = 0.2  # of its height: the band along each edge of its box where a side runs
HOLLOW_SIDE = 0.8  # of an edge's length: how much of it a side covers (a corner may be round)
HOLLOW_MOST = 1500  # pieces of ink in a band: more are a speckled copy's noise


def _four_sides(outline: Component, box: tuple[int, int, int, int]) -> bool:
    """Whether ink runs along all four edges of `box` (the outline's own): across most columns
    in the bands at its top and bottom, down most rows in the bands at its left and right.
    The words inside may touch the frame and join it; they do not make its sides."""
    from PIL import Image

    left, top, right, bottom = box
    picture = _paint((right - left, bottom - top), [_shifted(outline, left, top)], 0)
    band = max(2, round(HOLLOW_BORDER * (bottom - top)))
    width, height = picture.size
    edges = [
        picture.crop((0, 0, width, band)).resize((width, 1), Image.Resampling.BOX),
        picture.crop((0, height - band, width, height)).resize((width, 1), Image.Resampling.BOX),
        picture.crop((0, 0, band, height)).resize((1, height), Image.Resampling.BOX),
        picture.crop((width - band, 0, width, height)).resize((1, height), Image.Resampling.BOX),
    ]
    return all(
        sum(value < 250 for value in _flat(edge)) >= HOLLOW_SIDE * max(edge.size) for edge in edges
    )


def _shifted(component: Component, left: int, top: int) -> Component:
    return Component([(row - top, start - left, end - left) for row, start, end in component.runs])


def _hollow_frames(
    small: Any, size: tuple[int, int], *, joined: bool = False, dashed: bool = False
) -> list[tuple[int, int, int, int]]:
    """Stamp frames found as one connected outline each: ink of a stamp's shape and size that
    runs along all four edges of its box and fills little of it. A thick double frame put on
    a degree askew steps its outer line into the inner one, which `frames` takes for a block
    of bold print; as an outline it is whole at any small tilt. `joined` thickens the ink by a
    pixel each way first, which closes a worn or copied line's gaps (and may join a frame to
    the print beside it: the second try). `dashed` thickens it by two pixels each way, which
    closes the gaps of a dashed frame up to four pixels (about 1.4 mm on the ~75 dpi copy: the
    third try); the bold letters inside, thickened as much, would fill the outline like a
    blot, so its ink is then counted on the page as it is, and a word's letters, thickened
    into an outline of their own, are told apart by the clean margin a frame leaves
    (`_clear_inside`, which also asks for a frame taller than 24 pixels, about 8 mm).
    Boxes of a picture of `size`."""
    factor = size[0] / max(1, small.width)
    found: list[tuple[int, int, int, int]] = []
    reach = 2 if dashed else 1 if joined else 0
    ink = _thickened(small, reach) if reach else small
    outlines = _components(ink, 200)
    if len(outlines) > HOLLOW_MOST:
        return []  # a speckled copy: its specks, not outlines, and costly to sort through
    outlines.sort(key=lambda c: -c.box[2] * c.box[3])
    for outline in outlines:
        left, top, wide, high = outline.box
        if not (
            MIN_STAMP_ASPECT <= wide / max(1, high) <= 12
            and wide < 0.5 * small.width
            and high >= MIN_FRAME_HEIGHT * small.width
            and (dashed or outline.size <= HOLLOW_INK * wide * high)
        ):
            continue
        box = (left, top, left + wide, top + high)
        if dashed and (
            _ink_share(small.crop(box)) > HOLLOW_INK
            or not _clear_inside(small, box)
            or left <= EDGE_CLEAR * small.width
            or left + wide >= (1 - EDGE_CLEAR) * small.width
        ):
            continue
        if not _four_sides(outline, box) or not _apart(small, box):
            continue
        box = (
            int(left * factor),
            int(top * factor),
            min(size[0], int((left + wide + 1) * factor)),
            min(size[1], int((top + high + 1) * factor)),
        )
        if not any(_overlap(box, kept) > 0.5 for kept in found):  # a double frame: once
            found.append(box)
    return found[:MAX_FAINT_MARKS]


def _clear_inside(small: Any, box: tuple[int, int, int, int]) -> bool:
    """Whether a frame leaves a clean margin inside its line, all round: walking in from each
    side of `box` (a thickened outline's, a little wider than the frame), past a few clean
    rows, then the frame's line (at most `FRAME_LINE` rows of ink), two clean rows follow. A
    stamp's words stand clear of its frame; an outline drawn round letters by thickening them
    hugs them, its letters' ink going on well past a line's width."""
    left, top, right, bottom = box
    end = 2 * FRAME_LINE + 2
    if right - left <= 2 * end + 4 or bottom - top <= 2 * end + 4:
        return False
    sides = [
        [(left + end, top + i, right - end, top + i + 1) for i in range(end)],
        [(left + end, bottom - i - 1, right - end, bottom - i) for i in range(end)],
        [(left + i, top + end, left + i + 1, bottom - end) for i in range(end)],
        [(right - i - 1, top + end, right - i, bottom - end) for i in range(end)],
    ]
    for side in sides:
        inked = [_ink_share(small.crop(strip)) >= CLEAR_INSIDE for strip in side]
        first = inked.index(True) if True in inked else len(inked)
        rest = inked[first:]
        line = rest.index(False) if False in rest else len(rest)
        if first > 3 or not 1 <= line <= FRAME_LINE or rest[line : line + 2] != [False, False]:
            return False
    return True


FRAME_LINE = 4  # rows of ink a frame's line is across, at most, on the ~75 dpi copy
CLEAR_INSIDE = 0.1  # of a strip inside a frame: ink at the most (a speck, a dash's end)


def _thickened(grey: Any, reach: int) -> Any:
    """The ink of a grey picture (darker than 200) spread `reach` pixels each way, black on
    white: a box blur of the ink leaves any pixel with ink within its square short of white.
    The same ink as a minimum filter of that size leaves, computed by a separable blur rather
    than a rank filter (on a header strip, 1 ms against 8 for a five-pixel square)."""
    from PIL import ImageFilter

    ink = grey.point(_below(200, 0, 255))
    return ink.filter(ImageFilter.BoxBlur(reach)).point(_below(250, 0, 255))


def _ink_share(picture: Any) -> float:
    """The share of a grey picture's pixels that are ink (darker than 200)."""
    return picture.point(_below(200)).histogram()[255] / max(1, picture.width * picture.height)


MIN_FRAME_HEIGHT = 0.02  # of the band's width (4 mm on A4): lower boxes are a line's letters


def _stamp_frames(small: Any, size: tuple[int, int]) -> list[tuple[int, int, int, int]]:
    """`copied_frames` found on `small`, as boxes of a picture of `size` it is a copy of. A box
    no taller than a line of print (the bowls of "Đ", "Ộ" and their neighbours closed by
    JPEG's grey) is not a stamp's frame, and would crowd the stamps out of the few kept."""
    factor = size[0] / max(1, small.width)
    found: list[tuple[int, int, int, int]] = []
    for left, top, right, bottom in frames(small, copied=True):
        wide, high = right - left, bottom - top
        if (
            MIN_STAMP_ASPECT <= wide / max(1, high) <= 12
            and wide < 0.5 * small.width
            and high >= MIN_FRAME_HEIGHT * small.width
            and _apart(small, (left, top, right, bottom))
        ):
            box = (
                int(left * factor),
                int(top * factor),
                min(size[0], int((right + 1) * factor)),
                min(size[1], int((bottom + 1) * factor)),
            )
            # a double frame is two outlines around the same words: read once
            if not any(_overlap(box, kept) > 0.5 for kept in found):
                found.append(box)
    return found[:MAX_FAINT_MARKS]


TILTS = (5, -5)  # degrees a stamp put on askew is looked for at, when none is found level


def tilted_frames(grey: Any) -> list[tuple[tuple[int, int, int, int], Any]]:
    """Frames of a copy found on the picture turned by `TILTS`: each as its box on the picture
    as it is (centred where the frame is, of the frame's size) and its inside upright, black
    on white, ready to read."""
    import math

    from PIL import Image

    cx, cy = grey.width / 2, grey.height / 2
    result: list[tuple[tuple[int, int, int, int], Any]] = []
    for angle in TILTS:
        turned = grey.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
        found = _stamp_frames(_small(turned), grey.size)
        a = math.radians(angle)
        for left, top, right, bottom in found:
            # the frame's centre on the picture as it is: the turn undone
            x, y = (left + right) / 2 - cx, (top + bottom) / 2 - cy
            ox = cx + x * math.cos(a) - y * math.sin(a)
            oy = cy + x * math.sin(a) + y * math.cos(a)
            half_w, half_h = (right - left) / 2, (bottom - top) / 2
            box = (
                max(0, int(ox - half_w)),
                max(0, int(oy - half_h)),
                min(grey.width, int(ox + half_w)),
                min(grey.height, int(oy + half_h)),
            )
            if not any(_overlap(box, kept) > 0.5 for kept, _ in result):
                result.append((box, stamp_picture(turned.crop((left, top, right, bottom)))))
    return result[:MAX_FAINT_MARKS]


def _small(grey: Any) -> Any:
    """The picture in black and white, reduced to ~75 dpi (620 pixels across an A4 page): a
    cell with a fifth of its pixels inked is ink (below 200), so that a thin frame line stays
    one line while the letters inside stay apart from it."""
    from PIL import Image

    factor = max(1.0, grey.width / SMALL_WIDTH)
    size = (max(1, int(grey.width / factor)), max(1, int(grey.height / factor)))
    return grey.point(_below(170, 0, 255)).resize(size, Image.Resampling.BOX)


def skew(small: Any) -> float:
    """The angle (degrees, anticlockwise) that makes the lines of a small black-and-white page
    copy horizontal: the one whose row profile is sharpest (lines dark, gaps white)."""
    from PIL import Image

    copy = small.reduce(2) if min(small.size) >= 40 else small  # ~37 dpi: lines still apart

    def sharpness(angle: float) -> float:
        turned = copy.rotate(angle, fillcolor=255, resample=Image.Resampling.NEAREST)
        profile = _flat(turned.resize((1, turned.height), Image.Resampling.BOX))
        return float(sum((b - a) ** 2 for a, b in itertools.pairwise(profile)))

    # every other degree, then to the half degree around the best
    best = max(range(-6, 7, 2), key=sharpness)
    return max((best - 1, best - 0.5, float(best), best + 0.5, best + 1), key=sharpness)


def erase_frames(strip: Any, small: Any = None, *, copied: bool = False) -> Any:
    """A black-and-white copy has no red layer: the stamp's frame is found by its shape instead
    (a rectangular outline) and erased, so that page segmentation reads the words inside it;
    what touches the frame (the number line above it) is kept. `small` is `_small(strip)`,
    when the caller has it."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    small = _small(strip) if small is None else small
    width, height = small.size
    if small.point(_below(200)).histogram()[255] > 0.3 * width * height:
        return strip  # a dark photo or a picture: not a page with frames
    outlines = frames(small, copied=copied)
    if not outlines:
        return strip
    mask = Image.new("L", small.size, 0)
    draw = ImageDraw.Draw(mask)
    for left, top, right, bottom in outlines:
        draw.rectangle((left - 1, top - 1, right, bottom), outline=255, width=3)
    mask = mask.filter(ImageFilter.MaxFilter(3)).resize(strip.size, Image.Resampling.NEAREST)
    return ImageChops.lighter(strip, mask)


def _without_frame(region: Any) -> Any:
    """Keeps the letters and drops the frame: connected ink whose extent spans most of the
    region (the border lines, rings and bars) is erased; when there is such a frame, so are the
    pieces of it that came apart (a broken or tilted frame's dashes). Without a frame the
    letters themselves reach the region's edges, and nothing else goes."""
    scale = min(1.0, 300 / max(region.size))
    small = region.resize((max(1, int(region.width * scale)), max(1, int(region.height * scale))))
    width, height = small.size
    components = _components(small.convert("L"), 128)

    def spans(box: tuple[int, int, int, int]) -> bool:
        return box[2] - 1 > 0.6 * width or box[3] - 1 > 0.85 * height

    framed = any(spans(component.box) for component in components) or _dashed_frame(
        components, width, height
    )
    letters = [
        component
        for component in components
        if not spans(component.box) and not (framed and _frame_piece(component.box, width, height))
    ]
    if len(letters) == len(components):
        return region
    return _paint(small.size, letters, 0).resize(region.size)


DASHED_COVER = 0.5  # of the width: how much of the top and of the bottom band a dashed frame's
# pieces cover (the accents above a line of capitals and the dots below it cover far less)
DASH_THICK = 0.1  # of the region's height: a frame's dash is a line no thicker than this


def _dashed_frame(components: list[Component], width: int, height: int) -> bool:
    """Whether flat dashes in the region's outer band make a frame's top and bottom lines: a
    dashed or worn frame comes apart into dashes, none of which spans the region. The letters
    of a stamp's first and last rows (the level-change stamp has three) are not dashes."""
    covered = {"top": [0] * width, "bottom": [0] * width}
    for component in components:
        left, top, box_w, box_h = component.box
        if box_w >= 0.25 * width or box_h > max(3, DASH_THICK * height) or box_w < 1.5 * box_h:
            continue  # not a dash: a letter of a stamp's top or bottom row, an accent, a dot
        middle = top + box_h / 2
        side = "top" if middle < FRAME_BAND * height else "bottom"
        if side == "bottom" and middle <= (1 - FRAME_BAND) * height:
            continue
        for column in range(left, min(width, left + box_w)):
            covered[side][column] = 1
    return all(sum(columns) >= DASHED_COVER * width for columns in covered.values())


def _frame_piece(box: tuple[int, int, int, int], width: int, height: int) -> bool:
    """A piece of a broken or tilted frame, smaller than a letter: anything in the region's
    outer band (within `FRAME_BAND` of an edge), where the frame runs and no letter is; a thin
    flat dash anywhere (a line of the frame, tilted); a thin upright one near a side."""
    left, top, box_w, box_h = box
    if box_h >= 0.25 * height or box_w >= 0.25 * width:
        return False
    x, y = left + box_w / 2, top + box_h / 2
    if min(x, width - x) < FRAME_BAND * width or min(y, height - y) < FRAME_BAND * height:
        return True
    flat = box_h <= 0.03 * height + 1 and box_w >= 4 * box_h  # a dash of a top or bottom line
    upright = box_w <= 0.015 * width + 1 and box_h >= 4 * box_w  # of a side
    return flat or (upright and min(x, width - x) < 2 * FRAME_BAND * width)


FRAME_BAND = 0.12
STROKE_ROW = 0.6  # of a mark's width: a row of ink at least this long may be a stroke through it
CUT_LETTERS = (0.12, 0.6)  # ink share of the rows beside a stroke when it cuts through letters
EVEN_CUT = 0.5  # the letters' ink above a stroke and below it differ less than this ratio (the
# crossbars atop a line of capitals have the accents' thin row above them)
STROKE_THICK = 0.15  # of a mark's height: a stroke is a line, not a filled band
STANDS_OUT = 0.2  # of a mark's width: how much more ink a stroke's row has than the letters'
MID_HEIGHT = (0.25, 0.75)  # of a mark's height: where a stroke through its letters runs (the
# lines of a double frame, thickened by a photo's blur, lie outside)
LETTERS_AROUND = (0.12, 0.08)  # a stroke through letters has letters on both sides: every row
# within this share of the mark's height of it holds at least this share of ink (the bars atop
# a line of capitals have only the accents above them, rows with far less ink)


def crossed_out(mask: Any) -> bool:
    """Whether a mark (black on white, as found on the page) is crossed out, as the old level is
    when it is changed (TT24 Form 06): a line of ink across most of its width, through its
    letters, in the middle of its height, so that the rows just above and below the line are
    partly and about equally inked, and the line's rows clearly more so (letters drawn broad in the middle are
    not a line). A frame's border lies at the top or bottom, a rule between a stamp's two lines
    has blank rows on both sides, and an underline has them below."""
    from PIL import Image

    ink = mask.convert("L").point(_below(128))  # 255 where there is ink
    height = ink.height
    if height < 12 or ink.width < 12:
        return False
    profile = [value / 255 for value in _flat(ink.resize((1, height), Image.Resampling.BOX))]
    reach = max(2, round(0.05 * height))
    lines = [
        (start, end)
        for start, end in _runs([0 if share >= STROKE_ROW else 255 for share in profile], gap=1)
        if end - start <= STROKE_THICK * height
        and MID_HEIGHT[0] <= (start + end) / 2 / height <= MID_HEIGHT[1]
    ]
    # a line with bare rows on both sides in the middle (the frames of two stamps stacked and
    # touching, a rule between a stamp's rows): more than one mark in one region, and a stroke
    # cannot tell which of them it voids, so none is
    if any(
        min(profile[start - reach : start]) < CUT_LETTERS[0] > min(profile[end : end + reach])
        for start, end in lines
    ) or _side_by_side(ink):
        return False
    around = max(reach + 1, round(LETTERS_AROUND[0] * height))
    for start, end in lines:
        above, below = profile[start - reach], profile[end - 1 + reach]
        if (
            all(CUT_LETTERS[0] <= share < CUT_LETTERS[1] for share in (above, below))
            and min(profile[max(0, start - around) : start] + profile[end : end + around])
            >= LETTERS_AROUND[1]
            and min(above, below) >= EVEN_CUT * max(above, below)
            and max(profile[start:end]) >= max(above, below) + STANDS_OUT
        ):
            return True
    return False


FRAME_SIDE = 0.9  # of a mark's height: a column inked this far is a frame's side
LETTER_COLUMN = 0.25  # of a mark's height: a column inked this far holds letters, not a stroke
LETTERS_BESIDE = 0.05  # of a mark's width: that many such columns are a stamp's letters


def _side_by_side(ink: Any) -> bool:
    """Whether a mark (255 where there is ink) is two framed stamps side by side, joined into one
    region: a frame's side with a stamp's letters on both sides of it (a single stamp has only a
    stroke's ends outside its frame)."""
    from PIL import Image

    columns = [value / 255 for value in _flat(ink.resize((ink.width, 1), Image.Resampling.BOX))]
    least = max(1, round(LETTERS_BESIDE * ink.width))

    def letters(part: list[float]) -> bool:
        return sum(LETTER_COLUMN <= share < FRAME_SIDE for share in part) >= least

    return any(
        letters(columns[:start]) and letters(columns[end:])
        for start, end in _runs([0 if share >= FRAME_SIDE else 255 for share in columns], gap=1)
    )


def inked(grey: Any, share: float = 0.0005) -> bool:
    """Whether a greyscale picture has any ink worth reading (a blank page's strip has none;
    a scanner's specks vanish in the quarter-size copy)."""
    small = grey.reduce(4) if min(grey.size) >= 8 else grey
    dark = small.point(_below(INK)).histogram()[255]
    return dark > share * small.width * small.height


STAMP_HEIGHT = 160  # pixels a stamp region is scaled to for its frame to be found
LETTER_HEIGHT = 32  # pixels a mark's line of capitals is given: page segmentation (psm 3) drops
# a lone word much larger than that, and the mark is read together with the page's text
ANGLES = (4, -4, 7, -7)  # a stamp is often put on askew, and photos add their own tilt
GAP = 40  # white pixels between the pictures stacked for one Tesseract process
PSM = 4


def stamp_picture(region: Any) -> Any:
    """One mark (black on white) as Tesseract reads it best: frame removed, cut to its ink,
    scaled so that a line of it is `LETTER_HEIGHT` high, with a white margin."""
    from PIL import Image, ImageOps

    factor = STAMP_HEIGHT / max(1, region.height)
    if factor < 1 or factor > 1.3:
        region = region.resize((max(1, int(region.width * factor)), STAMP_HEIGHT))
    tilt = _tilt(region)
    if tilt:  # a stamp put on at an angle, or a WordArt-like picture: its line levelled first
        region = region.convert("L").rotate(tilt, expand=True, fillcolor=255)
        region = _cut_to_ink(region)
    cleaned = _without_frame(region)
    box = ImageOps.invert(cleaned.convert("L")).getbbox()
    if box is not None:
        cleaned = cleaned.crop(box)
        # the tallest run of inked rows is one line of capitals (a diacritic above or below
        # stands apart from it, and lines of a multi-line mark are separated by white rows)
        rows = _runs(_flat(cleaned.resize((1, cleaned.height), Image.Resampling.BOX)), gap=3)
        line = max((bottom - top for top, bottom in rows), default=cleaned.height)
        factor = LETTER_HEIGHT / max(1, line)
        if not 0.8 < factor < 1.25:
            cleaned = cleaned.resize(
                (max(1, int(cleaned.width * factor)), max(1, int(cleaned.height * factor)))
            )
    return ImageOps.expand(cleaned, border=24, fill=255)


TILT_RANGE = 16  # degrees either way a mark's own tilt is looked for
LEVEL_ENOUGH = 3  # degrees of tilt Tesseract reads through; `ANGLES` are tried later anyway


def _tilt(region: Any) -> float:
    """The angle that levels a mark (its frame's lines and its line of capitals give the
    sharpest row profile), 0 when under `LEVEL_ENOUGH` or when no angle stands out (a round
    seal, a blot)."""
    from PIL import Image

    small = region.convert("L").point(_below(170, 0, 255))
    small = small.reduce(2) if min(small.size) >= 40 else small

    def sharpness(angle: float) -> float:
        turned = small.rotate(angle, fillcolor=255, resample=Image.Resampling.NEAREST, expand=True)
        profile = _flat(turned.resize((1, turned.height), Image.Resampling.BOX))
        return float(sum((b - a) ** 2 for a, b in itertools.pairwise(profile)))

    scores = {angle: sharpness(angle) for angle in range(-TILT_RANGE, TILT_RANGE + 1, 2)}
    best = max(scores, key=lambda angle: scores[angle])
    if abs(best) < LEVEL_ENOUGH or scores[best] < 1.5 * scores[0]:
        return 0.0
    return max((best - 1.0, float(best), best + 1.0), key=sharpness)


def _cut_to_ink(picture: Any) -> Any:
    from PIL import ImageOps

    box = ImageOps.invert(picture).getbbox()
    return picture.crop(box) if box is not None else picture


def _stack(parts: list[Any]) -> tuple[Any, list[int]]:
    """Pictures one under another on white, and where each starts."""
    from PIL import Image

    width = max(part.width for part in parts)
    height = sum(part.height for part in parts) + GAP * (len(parts) - 1)
    canvas = Image.new("L", (width, height), 255)
    offsets, y = [], 0
    for part in parts:
        canvas.paste(part.convert("L"), (0, y))
        offsets.append(y)
        y += part.height + GAP
    return canvas, offsets


def _read_stacked(parts: list[Any], limits: Limits) -> list[list[ocr.Word]]:
    """The words of each picture, all read by one Tesseract process."""
    if not parts:
        return []
    canvas, offsets = _stack(parts)
    found = ocr.words(canvas, timeout=limits.ocr_timeout, psm=PSM)
    per_part: list[list[ocr.Word]] = [[] for _ in parts]
    for word in found:
        middle = word.top + word.height / 2
        for index in range(len(parts) - 1, -1, -1):
            if middle >= offsets[index]:
                if middle <= offsets[index] + parts[index].height:
                    per_part[index].append(
                        ocr.Word(
                            word.text,
                            word.left,
                            word.top - offsets[index],
                            word.width,
                            word.height,
                            word.key,
                            word.conf,
                        )
                    )
                break
    return per_part


def _stamp_lines(found: list[ocr.Word]) -> list[str]:
    rows: dict[tuple[int, int, int], list[ocr.Word]] = {}
    for word in found:
        rows.setdefault(word.key, []).append(word)
    ordered = sorted(rows.values(), key=lambda row: min(w.top for w in row))
    lines = [
        " ".join(w.text for w in sorted(row, key=lambda w: w.left)).strip().upper()
        for row in ordered
    ]
    return [line for line in lines if line]


def _letters(found: list[ocr.Word], confidence: float = 60.0) -> int:
    """Letters in the words Tesseract is sure of (two letters or more): what a reading that
    makes sense has plenty of, and a page read sideways or upside down has hardly any."""
    total = 0
    for word in found:
        letters = sum(ch.isalpha() for ch in word.text)
        if letters >= 2 and word.conf >= confidence:
            total += letters
    return total


@dataclass
class Mark:
    """A picture of one mark to read on its own (a red stamp cut from its page, a stamp pasted
    as a picture into a PDF): where it is on the page and what Tesseract is given."""

    box: tuple[float, float, float, float]  # fractions of the page, top-left origin
    picture: Any  # black on white, frame removed (`stamp_picture`)
    aspect: float  # width / height of the mark as found
    origin: str = "ocr-stamp"  # "ocr-stamp" for red ink (TT24 Art. 3.2), "ocr" otherwise
    colour: Any = None  # the mark as scanned, in colour, when it was found by its red ink
    struck: bool = False  # a line drawn through its letters (`crossed_out`)
    # one word of a line printed in red (`detect.words_beside`): read as nothing, it still
    # stands on the page as a block without text, for detect to count beside its other words
    in_line: bool = False
    # read from inside a closed outline of a stamp's shape on a page without red ink (a copy,
    # a fax, a stamp in black): the frame TT24 Form 02 draws round the level
    framed: bool = False


def _worth_turning(mark: Mark, found: list[ocr.Word]) -> bool:
    """A mark whose upright reading may have missed a tilted stamp: stamp-shaped (a line of
    capitals in a box, wider than tall) and read with few or unsure letters. A mark read
    cleanly as something else ("ĐẾN", a signature's name) is not tried again."""
    if not MIN_STAMP_ASPECT <= mark.aspect <= 12:
        return False
    sure = [w for w in found if w.conf >= 75 and sum(ch.isalpha() for ch in w.text) >= 2]
    return len(sure) < 2


def read_marks(
    marks: list[Mark], limits: Limits, text: Any | None = None
) -> tuple[list[ocr.Word], list[list[str]]]:
    """The words of `text` (a band of a page, or None) and the lines of each mark, read by one
    Tesseract process; marks that may be tilted stamps are tried at `ANGLES`, all in one more."""
    from bmnn.scanner.engine.detect import is_stamp_line

    parts = ([text] if text is not None else []) + [mark.picture for mark in marks]
    read = _read_stacked(parts, limits)
    text_words = read[0] if text is not None else []
    mark_words = read[1:] if text is not None else read
    mark_lines = [_stamp_lines(found) for found in mark_words]
    retry = [
        index
        for index, (mark, found) in enumerate(zip(marks, mark_words, strict=True))
        if not any(is_stamp_line(line) for line in mark_lines[index])
        and _worth_turning(mark, found)
    ]
    if retry:
        # read beside a band of running text, Tesseract's layout pass may take a small mark
        # for a picture and skip it: the retry, among marks only, reads it upright as well
        angles = (0, *ANGLES) if text is not None else ANGLES
        tries = [(index, angle) for index in retry for angle in angles]
        again = _read_stacked(
            [marks[i].picture.rotate(angle, expand=True, fillcolor=255) for i, angle in tries],
            limits,
        )
        for (index, _angle), found in zip(tries, again, strict=True):
            lines = _stamp_lines(found)
            if any(is_stamp_line(line) for line in mark_lines[index]):
                continue  # an earlier angle read it
            if any(is_stamp_line(line) for line in lines):
                mark_lines[index] = lines
        # the last tries, apart (beside the turned copies' frames the layout pass finds
        # nothing): the inside of the frame alone; then a red mark drawn again from its colour;
        # then the inside of a double frame (its inner frame left beside the letters)
        for redraw in (
            lambda mark: _inside_frame(mark.picture),
            _redrawn,
            lambda mark: _inside_frame(_inside_frame(mark.picture)),
        ):
            left = [i for i in retry if not any(is_stamp_line(line) for line in mark_lines[i])]
            tries = [(i, redraw(marks[i])) for i in left]
            tries = [(i, picture) for i, picture in tries if picture is not None]
            last = _read_stacked([picture for _, picture in tries], limits) if tries else []
            for (index, _), found in zip(tries, last, strict=True):
                lines = _stamp_lines(found)
                if any(is_stamp_line(line) for line in lines):
                    mark_lines[index] = lines
        # last of all, a stamp still unread taken as the one line of text it is: Tesseract's
        # layout pass, which the stacked readings need, can split a worn frame's letters into
        # pieces that a single-line reading keeps whole (one process per mark, a few at most)
        left = [i for i in retry if not any(is_stamp_line(line) for line in mark_lines[i])]
        for index in left[:LINE_TRIES]:
            found = ocr.words(marks[index].picture, timeout=limits.ocr_timeout, psm=LINE_PSM)
            lines = _stamp_lines(found)
            if any(is_stamp_line(line) for line in lines):
                mark_lines[index] = lines
    return text_words, mark_lines


LINE_PSM = 7  # Tesseract's "one line of text"
LINE_TRIES = 2  # marks read that way on one band at most


def _redrawn(mark: Mark) -> Any:
    """A red mark's picture drawn from its colour (`redness`), or None for a mark found
    otherwise."""
    return None if mark.colour is None else stamp_picture(redness(mark.colour))


REDNESS_BLUR = 2  # pixels of blur, at `STAMP_HEIGHT`, that join a grainy stamp's specks
REDNESS_INK = 200  # of 255 once stretched: how little redness still counts as the stamp's ink


def redness(region: Any) -> Any:
    """A red mark drawn from how much redder than green each pixel is, black on white: a stamp
    worn pale and grainy (few of its pixels red enough for `red_mask`, the rest pink) comes
    back as whole letters once its specks are blurred together at a stamp's reading size."""
    from PIL import Image, ImageChops, ImageFilter, ImageOps

    factor = STAMP_HEIGHT / max(1, region.height)
    if factor > 1:
        region = region.resize(
            (max(1, int(region.width * factor)), STAMP_HEIGHT), Image.Resampling.BICUBIC
        )
    red, green, _blue = region.convert("RGB").split()
    level = ImageChops.subtract(red, green).filter(ImageFilter.GaussianBlur(REDNESS_BLUR))
    level = ImageOps.invert(ImageOps.autocontrast(level, cutoff=1))
    return level.point(_below(REDNESS_INK, 0, 255))


def _inside_frame(picture: Any) -> Any:
    """A mark's picture with its outer band cut off: the sides of a frame that `stamp_picture`
    could not lift (broken into specks, or touching the letters) go with it, and a lone framed
    word, which page segmentation takes for a picture, is read as a word."""
    from PIL import ImageOps

    box = ImageOps.invert(picture.convert("L")).getbbox()
    if box is None:
        return picture
    width, height = box[2] - box[0], box[3] - box[1]
    inner = picture.crop(
        (
            box[0] + int(FRAME_CUT * width),
            box[1] + int(FRAME_CUT * height),
            box[2] - int(FRAME_CUT * width),
            box[3] - int(FRAME_CUT * height),
        )
    )
    return ImageOps.expand(inner, border=24, fill=255)


FRAME_CUT = 0.1  # share of a mark's ink box, each side, where its frame runs


def mark_blocks(
    marks: list[Mark], lines: list[list[str]], *, page: int, limits: Limits, start_order: int
) -> list[Block]:
    blocks: list[Block] = []
    for mark, texts in zip(marks, lines, strict=True):
        zone = HEADER if page == 1 and mark.box[1] < limits.header_share else BODY
        for text in texts or ([""] if mark.in_line else []):
            blocks.append(
                Block(
                    text=text,
                    page=page,
                    zone=zone,
                    order=start_order + len(blocks),
                    box=mark.box,
                    origin=mark.origin,
                    struck=mark.struck,
                    framed=mark.framed,
                )
            )
    return blocks


PASTED_STAMP_HEIGHT = 400  # pixels: a pasted picture no taller than this, and wider than tall,
# may be a stamp alone


def read_as_stamp(
    image: Any, limits: Limits, start_order: int = 0, *, size: tuple[int, int]
) -> list[Block]:
    """A small picture that may be a stamp alone (pasted into a slide or a document; `size` is
    the picture's own, before `prepare`), read as one mark: its red ink when it has some, else
    its dark ink. Tesseract's page layout often takes a framed word filling the whole picture
    for a drawing and returns nothing. Returns the lines only when one of them is a stamp's."""
    from bmnn.scanner.engine.detect import is_stamp_line

    width, height = size
    if not (height <= PASTED_STAMP_HEIGHT and width >= MIN_STAMP_ASPECT * height):
        return []
    mask = red_mask(image)
    if mask.getextrema()[0] > 0:  # no red: the dark ink is the mark
        mask = image.convert("L").point(_below(170, 0, 255))
    mark = Mark((0.0, 0.0, 1.0, 1.0), stamp_picture(mask), image.width / max(1, image.height))
    _words, lines = read_marks([mark], limits)
    if not any(is_stamp_line(line) for line in lines[0]):
        return []
    return mark_blocks([mark], lines, page=1, limits=limits, start_order=start_order)


Box = tuple[float, float, float, float]


@dataclass
class Reading:
    blocks: list[Block]
    letters: int  # confident letters in the band's own text
    ink: bool  # whether the band had ink at all
    skipped: list[Box] = field(default_factory=list)  # lines of running text left unread
    cut: bool = False  # a red mark cut by the strip's lower edge was left for the rest


PROSE_WIDTH = 0.55  # a line of ink wider than this share of the page is running text


def prose_lines(grey: Any) -> list[tuple[int, int, int, int]]:
    """Lines of running text in a band (pixel boxes): one stretch of ink, with no column gap,
    wider than `PROSE_WIDTH` of the page and one line high. No stamp is that wide (TT24's
    marks are a few centimetres), so the header's first reading can leave them out: they
    are the costliest part of a header strip for Tesseract, which reads letter by letter."""
    from PIL import Image

    factor = 2 if grey.width >= 1200 else 1
    small = grey.point(_below(170, 0, 255))
    small = small.reduce(factor) if factor > 1 else small
    width, height = small.size
    rows = _runs(_flat(small.resize((1, height), Image.Resampling.BOX)), gap=2)
    heights = sorted(bottom - top for top, bottom in rows if bottom - top > 2)
    if not heights:
        return []
    # one line of text: about the common height, and no taller than 7 mm on an A4 page (a
    # tilted page runs its lines together: none of its rows is one line)
    common = heights[len(heights) // 2]
    line = min(1.6 * common, 0.035 * width)
    found = []
    for index, (top, bottom) in enumerate(rows):
        # a line cut by the band's lower edge: left for the rest, which reads it whole
        cut = bottom == height and index > 0
        if not (2 < bottom - top <= line or cut):
            continue  # specks, or lines run together (one of them may be short)
        band = small.crop((0, top, width, bottom))
        columns = _flat(band.resize((width, 1), Image.Resampling.BOX))
        # the accents above a line and the tails below it are too thin for the row profile:
        # a third of the line's height either side is the line's too, short of the next line
        reach = (bottom - top) // 3 + 1
        above = max(top - reach, rows[index - 1][1] if index else 0)
        below = min(bottom + reach, rows[index + 1][0] if index + 1 < len(rows) else height)
        stretches = _runs(columns, gap=max(4, int(2.5 * (bottom - top))))
        if cut and stretches and bottom - top < common / 2:
            # a sliver of tops of letters: nothing Tesseract can read, whatever its width
            found.append((0, above * factor, width * factor, below * factor))
            continue
        for left, right in stretches:
            if right - left > PROSE_WIDTH * width:
                found.append((left * factor, above * factor, right * factor, below * factor))
    return found


def _ink_box(
    grey: Any, small: Any, blank: list[tuple[int, int, int, int]]
) -> tuple[int, int, int, int]:
    """The box around the ink of a picture, with a margin, the boxes `blank` left out; a
    scanner's specks do not count (they vanish in `small`, its ~75 dpi copy)."""
    from PIL import ImageFilter

    factor = grey.width / small.width
    ink = small.point(_below(200)).filter(ImageFilter.MedianFilter(3))  # specks gone, lines kept
    for x0, y0, x1, y1 in blank:
        ink.paste(
            0, (int(x0 / factor), int(y0 / factor), int(x1 / factor) + 1, int(y1 / factor) + 1)
        )
    box = ink.getbbox()
    if box is None:
        return (0, 0, grey.width, grey.height)
    left, top, right, bottom = (int(v * factor) for v in box)
    margin = int(6 * factor)
    return (
        max(0, left - margin),
        max(0, top - margin),
        min(grey.width, right + margin),
        min(grey.height, bottom + margin),
    )


def read_part(
    image: Any,
    *,
    page: int,
    limits: Limits,
    top: int,
    bottom: int,
    start_order: int,
    skim: bool = False,
    keep: list[Box] | None = None,
    below: int | None = None,
    page_height: int | None = None,
) -> Reading:
    """OCR of one horizontal band of an upright page image: its text (stamp frames erased)
    and its red marks read on their own, in one Tesseract process (two when a mark is tried
    at other angles). `skim` leaves out the lines of running text (`prose_lines`), named in
    `Reading.skipped`; `keep` and `below` read them later: above the row `below` only the
    boxes `keep` are read, the rest of the band was read already. `page_height` is the page's
    when `image` is only its top."""
    from PIL import Image

    width, height = image.width, page_height or image.height
    if bottom - top < 10:
        return Reading([], 0, False)
    band = image.crop((0, top, width, bottom))
    if below is not None and below > top:
        cover = Image.new(band.mode, (width, min(below, bottom) - top), "white")
        for x0, y0, x1, y1 in keep or []:
            box = (int(x0 * width), int(y0 * height), int(x1 * width), int(y1 * height))
            cover.paste(image.crop(box), (box[0], box[1] - top))
        band.paste(cover, (0, 0))
    grey = band.convert("L")
    mask = red_mask(band)
    if not inked(grey) and mask.getextrema()[0] > 0:  # a pale red stamp is ink, if light
        return Reading([], 0, False)
    # a skewed scan or a tilted photo is turned straight: Tesseract reads level lines better,
    # a stamp's frame is a level rectangle again, and lines of running text stay one row each.
    # A page with red marks only from 2° on: its text reads well up to there, and the marks
    # are tried at other angles anyway; without red ink the stamp's frame must be level.
    regions = stamp_regions(mask)
    small = _small(grey)
    angle = skew(small)
    if abs(angle) >= (2 if regions else 1):
        band = band.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor="white")
        grey = band.convert("L")
        small = _small(grey)
        skim = False  # the lines left out must be found again, unturned, by `rest`
        mask = red_mask(band)
        regions = stamp_regions(mask)
    # a mark cut by the lower edge of a header strip is read whole with the rest of the page
    strip = page_height is not None and bottom < page_height  # a header strip: more follows
    cut_off = [r for r in regions if strip and r[3] >= band.height - 2 and r[1] > 0]
    marks = [
        Mark(
            (left / width, (top + y0) / height, right / width, (top + y1) / height),
            stamp_picture(mask.crop((left, y0, right, y1))),
            (right - left) / max(1, y1 - y0),
            colour=band.crop((left, y0, right, y1)),
            struck=crossed_out(mask.crop((left, y0, right, y1))),
            in_line=words_beside(region, [r for r in regions if r != region]) >= 2,
        )
        for region in regions
        if region not in cut_off
        for left, y0, right, y1 in [region]
    ]
    if not regions:  # a copy in black and white: a red stamp became light grey ink
        faint = grey_mask(grey)
        # no wider than a stamp: a band as wide as the page is a photo's shading, whose
        # reading is noise that may happen to spell a level
        greys = [
            r
            for r in _framed_halves_joined(stamp_regions(faint), width)
            if r[2] - r[0] <= STAMP_WIDTH * width
        ]
        greys = greys[:MAX_FAINT_MARKS]
        marks += [
            Mark(
                (left / width, (top + y0) / height, right / width, (top + y1) / height),
                stamp_picture(faint.crop((left, y0, right, y1))),
                (right - left) / max(1, y1 - y0),
                "ocr",
                struck=crossed_out(faint.crop((left, y0, right, y1))),
            )
            for left, y0, right, y1 in greys
        ]
        # the first stamp-shaped one in its own ink as well: a grey stamp darker in places than
        # the mask's band comes out broken through it (one only, of a stamp's width at most: a
        # shadow across the header strip is not read twice)
        shaped = [
            m
            for m in (marks[-len(greys) :] if greys else [])
            if MIN_STAMP_ASPECT <= m.aspect <= 12 and m.box[2] - m.box[0] <= STAMP_WIDTH
        ][:1]
        marks += [
            Mark(
                m.box,
                stamp_picture(grey.crop(_pixel_box(m.box, width, height, top))),
                m.aspect,
                "ocr",
            )
            for m in shaped
        ]
        # or black: a copy's frame is speckled and askew, and the page's own reading may
        # take the box for a picture; what a stamp-shaped frame holds is read on its own
        marks += [
            Mark(
                (left / width, (top + y0) / height, right / width, (top + y1) / height),
                stamp_picture(grey.crop((left, y0, right, y1))),
                (right - left) / max(1, y1 - y0),
                "ocr",
                framed=True,
            )
            for left, y0, right, y1 in copied_frames(grey, small)
            if not any(_overlap((left, y0, right, y1), other) > 0.5 for other in greys)
        ]
        if top == 0 and not greys:
            # a stamp put on askew: its frame's lines step more rows than a line may; the top
            # of the page is looked at turned a few degrees each way
            level = [
                (int(x0 * width), int(y0 * height), int(x1 * width), int(y1 * height))
                for x0, y0, x1, y1 in (m.box for m in marks)
            ]
            marks += [
                Mark(
                    (left / width, y0 / height, right / width, y1 / height),
                    picture,
                    (right - left) / max(1, y1 - y0),
                    "ocr",
                    framed=True,
                )
                for (left, y0, right, y1), picture in tilted_frames(grey)
                if not any(_overlap((left, y0, right, y1), box) > 0.5 for box in level)
            ]
    text = _paper_white(erase_frames(grey, small))
    prose = prose_lines(text) if skim else []
    for box in prose:
        text.paste(255, box)
    skipped = [
        (x0 / width, (top + y0) / height, x1 / width, (top + y1) / height)
        for x0, y0, x1, y1 in prose + cut_off
    ]
    # Tesseract's layout pass costs by the pixel: the white around the ink is left out
    ink = _ink_box(text, small, prose)
    text_words, lines = read_marks(marks, limits, text.crop(ink))
    text_words = [
        ocr.Word(w.text, w.left + ink[0], w.top + ink[1], w.width, w.height, w.key, w.conf)
        for w in text_words
    ]
    blocks = ocr.lines(
        text_words,
        page=page,
        page_width=width,
        page_height=height,
        y_offset=top,
        header_until=limits.header_share,
        start_order=start_order,
    )
    crossed = [mark.box for mark in marks if mark.struck]
    if crossed:  # the page's own reading of a crossed-out mark is that mark: void too
        blocks = [
            replace(block, struck=True) if _within(block.box, crossed) else block
            for block in blocks
        ]
    blocks += mark_blocks(
        marks, lines, page=page, limits=limits, start_order=start_order + len(blocks)
    )
    return Reading(blocks, _letters(text_words), True, skipped, bool(cut_off))


WITHIN = 0.6  # of a line's box: inside a mark's box, the line is that mark read again


def _within(
    box: tuple[float, float, float, float] | None, marks: list[tuple[float, float, float, float]]
) -> bool:
    """Whether most of a line's box (fractions of the page) lies inside one of `marks`."""
    if box is None:
        return False
    area = (box[2] - box[0]) * (box[3] - box[1])
    for mark in marks:
        wide = min(box[2], mark[2]) - max(box[0], mark[0])
        high = min(box[3], mark[3]) - max(box[1], mark[1])
        if wide > 0 and high > 0 and wide * high >= WITHIN * area:
            return True
    return False


STAMP_WIDTH = 0.45  # of the page: wider than any level stamp (about 60 mm of A4's 210)


def stamp_below(picture: Any, share: float, *, frames: bool = True) -> bool:
    """Whether a mark shaped like a level stamp lies below the header strip (the top `share`
    of an upright page): a red mark wider than tall and no wider than a stamp, which a round
    seal beside a signature is not; or, in black or grey (a copy, a fax), a closed frame of a
    stamp's shape standing apart from the print (`copied_frames`, dashed ones left to the
    reading itself: this look is made on every page, and they cost a quarter more) and clear
    of the picture's edges (a photographed page's border is no stamp). Only the header strip
    is read first; a
    stamp put lower — over the text, by the signature, at the foot — is read with the rest of
    the page, which such a mark asks for (`Extracted.unread_images`, and `marks_below` when
    the header already shows a secret). Looked for on the copy of the whole page that the
    envelope search renders anyway (frames on its ~75 dpi `_small` copy): no Tesseract."""
    cut = int(picture.height * share)
    if picture.height - cut < 10:
        return False
    band = picture.crop((0, cut, picture.width, picture.height))
    for left, top, right, bottom in stamp_regions(red_mask(band)):
        wide, high = right - left, bottom - top
        if MIN_STAMP_ASPECT <= wide / max(1, high) <= 12 and wide <= STAMP_WIDTH * picture.width:
            return True
    if not frames:
        return False
    grey = band.convert("L")
    edge = EDGE_CLEAR * grey.width
    return any(
        left > edge and top > edge and right < grey.width - edge and bottom < grey.height - edge
        for left, top, right, bottom in copied_frames(grey, _small(grey), dashed=False)
    )


EDGE_CLEAR = 0.01  # of the page's width: a stamp's frame stands clear of the picture's edges
LOOK_DPI = 60  # a red stamp below a stamped header is looked for at this resolution: a stamp
# 8 mm high is still 19 rows, and the page costs a third of its rendering at `PAGE_DPI`


def _pixel_box(
    box: tuple[float, float, float, float], width: int, height: int, top: int
) -> tuple[int, int, int, int]:
    """A mark's box (fractions of the page) in the pixels of a band starting at row `top`."""
    x0, y0, x1, y1 = box
    return (
        round(x0 * width),
        round(y0 * height) - top,
        round(x1 * width),
        round(y1 * height) - top,
    )


def _turned(image: Any, turn: int) -> Any:
    from PIL import Image

    if turn == 0:
        return image
    steps = {
        90: Image.Transpose.ROTATE_270,
        180: Image.Transpose.ROTATE_180,
        270: Image.Transpose.ROTATE_90,
    }  # a clockwise turn is PIL's anticlockwise one
    return image.transpose(steps[turn])


OSD_SIDE = 1800  # long side of the copy OSD reads: below ~1200 px it guesses 180° wrong
LOOKS_READ = 25  # confident letters that make a header strip's reading look right


class PageImage:
    """One page to read — a PDF page rendered on demand, or a picture — turned upright once its
    orientation is known (looked for at most once per page) and with its light evened out.

    `load(dpi, share)` returns the top `share` of the page in RGB at that resolution (a picture
    ignores the resolution). `spent` is the share of the page looked at by OCR (a header strip
    counts as its share); a blank page costs nothing: no ink, no Tesseract."""

    def __init__(self, load: Callable[..., Any], *, page: int, limits: Limits) -> None:
        self._load = load
        self.page = page
        self.limits = limits
        self.turn = 0  # degrees clockwise that stand the page upright
        self.oriented = False
        # OSD was asked and could not tell (too little text: an envelope): the page may lie
        # turned a quarter, which only the envelope mark's search allows for
        self.turn_unsure = False
        self.blank: bool | None = None  # known once a band without ink was met
        self.spent = 0.0
        self.skipped: list[Box] = []  # the header's lines of running text, for `rest`
        self.cut_mark = False  # the header strip's edge cut a red mark: `rest` must be read
        self.mark_below = False  # a stamp-shaped red mark below the strip: `rest` must be read
        self._images: dict[tuple[int, float], Any] = {}

    @property
    def share(self) -> float:
        return min(1.0, self.limits.header_share)

    def image(self, dpi: int) -> Any:
        """The whole page, upright."""
        if (dpi, 1.0) not in self._images:
            self._images = {(dpi, 1.0): even_light(self._load(dpi, 1.0))}  # one kept at a time
        return _turned(self._images[(dpi, 1.0)], self.turn)

    def top(self, dpi: int) -> tuple[Any, int]:
        """The header strip, upright, and the page's height in its pixels: rendered alone
        while the page is not known to be turned."""
        if self.turn or (dpi, 1.0) in self._images or self.share >= 1:
            page = self.image(dpi)
            return page.crop((0, 0, page.width, int(page.height * self.share))), page.height
        if (dpi, self.share) not in self._images:
            self._images = {(dpi, self.share): even_light(self._load(dpi, self.share))}
        strip = self._images[(dpi, self.share)]
        return strip, round(strip.height / self.share)

    def _find_turn(self, image: Any) -> int:
        """The clockwise turn OSD finds on a small copy of the page, 0 when it is unsure."""
        grey = image.convert("L")
        factor = OSD_SIDE / max(grey.size)
        if factor < 1:
            grey = grey.resize((int(grey.width * factor), int(grey.height * factor)))
        found = ocr.orientation(grey, timeout=self.limits.ocr_timeout)
        if found is None or found[1] < 1.5:
            self.turn_unsure = True
            return 0
        return found[0]

    def _read(self, dpi: int, part: str, start_order: int, enough: int) -> list[Block]:
        """One band, read again upright when its reading looks wrong (fewer than `enough`
        confident letters) and the page, looked at whole, has ink and another orientation."""
        reading = self._band(dpi, part, start_order)
        if not reading.ink and self.blank is None:
            self.blank = not inked(self.image(dpi).convert("L"))
        if not self.blank:
            self.spent += self._share(part)
        if reading.letters < enough and not self.oriented and not self.blank:
            self.oriented = True
            turn = self._find_turn(self.image(dpi))
            if turn:
                self.turn = (self.turn + turn) % 360
                reading = self._band(dpi, part, start_order)
                self.spent += self._share(part)
        if part == "header":
            self.skipped = reading.skipped
            self.cut_mark = reading.cut
        return reading.blocks

    def header(self, start_order: int = 0) -> list[Block]:
        """The header strip at `header_dpi`, read upright, lines of running text left out."""
        return self._read(self.limits.header_dpi, "header", start_order, LOOKS_READ)

    def rest(self, start_order: int = 0) -> list[Block]:
        """What the header's reading left: the page below the strip, and the lines of running
        text in it, at `ocr_dpi`, in the orientation the header found."""
        return self._read(self.limits.ocr_dpi, "rest", start_order, 0)

    def envelope(self, start_order: int = 0) -> list[Block]:
        """The envelope letter marks (TT24 Form 03) anywhere on the page, looked for by shape on
        the whole page at `envelope.PAGE_DPI`: Tesseract runs only on a ring holding a glyph."""
        from bmnn.scanner.engine.extract.envelope import PAGE_DPI, envelope_marks

        if self.blank:
            return []
        picture = _turned(self._load(PAGE_DPI, 1.0), self.turn)
        self.mark_below = stamp_below(picture, self.share)
        return envelope_marks(
            picture,
            page=self.page,
            start_order=start_order,
            limits=self.limits,
            upright_known=not self.turn_unsure,
        )

    def look_below(self, render: Callable[[int], Any]) -> bool:
        """Whether a red stamp-shaped mark lies below the header strip (`stamp_below`), looked
        for without the envelope search on the page rendered at `LOOK_DPI` by `render(dpi)`
        (as it lies, not enlarged): on a page whose header already holds a level stamp, the
        declassification or the change of level may be stamped lower. A copy's grey frames
        are not looked for here."""
        if self.blank:
            return False
        picture = _turned(render(LOOK_DPI), self.turn)
        self.mark_below = stamp_below(picture, self.share, frames=False)
        return self.mark_below

    def release(self) -> None:
        """Lets the page's pictures go (the page stays readable: they are made again)."""
        self._images = {}

    def _share(self, part: str) -> float:
        return {"header": self.share, "rest": 1 - self.share}[part]

    def _band(self, dpi: int, part: str, start_order: int) -> Reading:
        if part == "header":
            strip, height = self.top(dpi)
            # a whole page asked for at once (`header_share` 1) is read whole
            return read_part(
                strip,
                page=self.page,
                limits=self.limits,
                top=0,
                bottom=strip.height,
                start_order=start_order,
                skim=self.share < 1,
                page_height=height,
            )
        image = self.image(dpi)
        cut = int(image.height * self.share)
        top = min([cut, *(int(box[1] * image.height) for box in self.skipped)])
        return read_part(
            image,
            page=self.page,
            limits=self.limits,
            top=top,
            bottom=image.height,
            start_order=start_order,
            keep=self.skipped,
            below=cut,
        )


def ocr_page(
    image: Any, *, page: int, limits: Limits, part: str = "all", start_order: int = 0
) -> list[Block]:
    """OCR of one page image: its header strip (`part="header"`), the rest below it
    (`part="rest"`), or all of it — upright as it is (a picture inside an office file)."""
    height = image.height
    cut = int(height * limits.header_share)
    top, bottom = {"header": (0, cut), "rest": (cut, height), "all": (0, height)}[part]
    return read_part(
        image, page=page, limits=limits, top=top, bottom=bottom, start_order=start_order
    ).blocks


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


def upper_part(image: Any, share: float) -> Any:
    """The top `share` of a picture."""
    return image if share >= 1 else image.crop((0, 0, image.width, int(image.height * share)))


A4_INCHES = (8.3, 11.7)


def _page_sized(image: Any, dpi: int) -> Any:
    """The picture no larger than an A4 page at `dpi`, either way up: its short side at most
    8.3 inches, its long side at most 11.7. A phone's photo is far larger than a page needs; a
    landscape picture (a page turned a quarter, two pages side by side) keeps the resolution its
    pages need, which a limit on its width alone would take from it."""
    short, long = A4_INCHES
    factor = min(1.0, short * dpi / min(image.size), long * dpi / max(image.size))
    if factor >= 1:
        return image
    return image.resize(
        (max(1, int(image.width * factor)), max(1, int(image.height * factor))), resample=3
    )  # bicubic


def extract_image(data: bytes, limits: Limits = DEFAULT) -> Extracted:
    opened = open_image(data, limits)
    if opened.format == "TIFF" and _pages_of(opened) > 1:
        return _tiff_pages(opened, limits)
    picture = prepare(opened)
    # read at about the resolution asked for on an A4 page (`_page_sized`)
    page = PageImage(
        lambda dpi, share=1.0: upper_part(_page_sized(picture, dpi), share),
        page=1,
        limits=limits,
    )
    header = page.header()
    # an envelope's letter mark (TT24 Form 03) may sit anywhere on the photo: looked for on the
    # whole picture by shape, which costs little when there is none — upright, as the header's
    # reading found the page to stand
    from bmnn.scanner.engine.extract.envelope import PAGE_DPI, envelope_marks

    upright = _turned(picture, page.turn)
    page.mark_below = stamp_below(
        upright.reduce(max(1, upright.width // int(8.3 * PAGE_DPI))), page.share
    )
    header += envelope_marks(
        upright,
        page=1,
        start_order=len(header),
        limits=limits,
        upright_known=not page.turn_unsure,
    )
    result = Extracted(kind="image", blocks=header, ocr_pages=page.spent)
    result.unread_images = page.cut_mark or page.mark_below
    result.marks_below = page.mark_below

    def rest() -> list[Block]:
        blocks = page.rest(start_order=len(header))
        result.ocr_pages = page.spent
        return blocks

    result.needs_more = rest
    return result


BROKEN_PAGE = (OSError, ValueError, SyntaxError, EOFError, TypeError, KeyError)  # from Pillow


def _pages_of(tiff: Any) -> int:
    """How many pages a TIFF holds; its first alone when the chain of pages is broken (Pillow
    walks it to count them)."""
    try:
        return int(tiff.n_frames)
    except BROKEN_PAGE:
        tiff.seek(0)
        return 1


def _tiff_pages(tiff: Any, limits: Limits) -> Extracted:
    """A multipage TIFF (a scanner's or a fax's document) read as a scanned PDF is: page one's
    header strip and envelope mark now; when asked, the header strips of the later pages up to
    `max_header_pages` (a stamped annex behind a public covering letter); then the rest of the
    first `max_ocr_pages`."""
    held = _pages_of(tiff)
    count = min(held, max(limits.max_ocr_pages, limits.max_header_pages))

    def loader(index: int) -> Callable[..., Any]:
        def load(dpi: int, share: float = 1.0) -> Any:
            from PIL import Image

            try:
                tiff.seek(index)
                if tiff.width * tiff.height > limits.max_image_pixels:
                    raise ExtractError(
                        "too_large", f"page {index + 1}: {tiff.width} × {tiff.height}"
                    )
                frame = tiff.copy()  # decoded here: a later page may be broken or a bomb
            except ExtractError:
                raise
            except (*BROKEN_PAGE, Image.DecompressionBombError) as exc:
                raise ExtractError("malformed", f"page {index + 1} cannot be decoded") from exc
            return upper_part(_page_sized(prepare(frame), dpi), share)

        return load

    pages = [PageImage(loader(i), page=i + 1, limits=limits) for i in range(count)]
    result = Extracted(kind="image", blocks=[])
    if held > count:
        result.notes.append(f"OCR stopped after {count} pages")

    def read(step: Callable[[PageImage, int], list[Block]], which: list[PageImage]) -> list[Block]:
        blocks: list[Block] = []
        for page in which:
            blocks += step(page, len(result.blocks) + len(blocks))
            page.release()
        result.ocr_pages = sum(page.spent for page in pages)
        return blocks

    def headers() -> list[Block]:
        result.needs_more = rests
        blocks = read(_header_and_envelope, pages[1:])
        result.unread_images = any(page.mark_below for page in pages[: limits.max_ocr_pages])
        result.marks_below = result.unread_images
        return blocks

    def rests() -> list[Block]:
        return read(lambda page, start: page.rest(start), pages[: limits.max_ocr_pages])

    result.blocks = read(_header_and_envelope, pages[:1])
    result.unread_images = count > 1 or pages[0].mark_below
    result.marks_below = pages[0].mark_below
    result.needs_more = headers if count > 1 else rests
    return result


def _header_and_envelope(page: PageImage, start: int) -> list[Block]:
    header = page.header(start_order=start)
    return header + page.envelope(start_order=start + len(header))
