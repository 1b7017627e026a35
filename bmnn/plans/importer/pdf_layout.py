"""Tables and the two-column document header put back together from a PDF's text layer.

pdfium hands out a page's characters in content order, one cell of a table after another, so
a task table in an appendix reaches the parser one cell per line and the header of an
administrative document (issuer | national motto; number | place and date) arrives interleaved.
This module reads each character's box and the ruling lines drawn on the page and rebuilds:

- ruled tables: rows and columns from the drawn lines, merged cells from the lines that are
  missing between two grid cells, a cell's wrapped lines joined into one text;
- tables ruled only across (rows between horizontal lines): columns from the x-gaps that no
  text run crosses;
- the document header on the first page: two blocks of text side by side, split into rows at
  the gaps (or short rules) between their lines;
- page furniture: page numbers and running headers or footers, which are dropped;
- tables continued on the next page (same columns), joined into one, a repeated heading row
  dropped.

Merged cells: a cell merged down (a lead or a deadline shared by several tasks) repeats its
text in every row it covers, so each row the parser gets is a complete task; a cell merged
across (a section title over the whole row) keeps its text in its first column and leaves the
columns it covers empty, as a text export writes such a row. The DOCX reader does the same.
Prose is left to pdfium: the text between tables is pdfium's own text of those characters, so a
PDF without tables reads exactly as it did before this module.

Geometry is in PDF points with the origin at the top-left of the displayed page (y grows
downwards). The pure functions take `Page` values and can be tested without pdfium.
"""

from __future__ import annotations

import bisect
import itertools
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bmnn.core.text import fold, nfc

# Distances are relative to the font size where text is concerned and absolute (points) for
# drawn lines: a ruled grid is the same whatever the font.
RULE_SNAP = 2.5  # lines this close are one line (double borders, stroke widths)
RULE_MIN_LENGTH = 3.0
MAX_RULES = 20_000  # a page of vector drawing is not a table; stop reading its paths
MAX_TABLE_RULES = 2_000  # more distinct lines than this: a drawing, not a table
RUN_GAP = 1.2  # a gap wider than this many font sizes ends a text run
HEADER_GAP = 2.0  # the gap between the header's two blocks, at least, in font sizes
WIDE_GAP = 3.0  # a gap inside a line of prose this wide (font sizes) parts two blocks
FURNITURE_BAND = 0.12  # page numbers and running lines sit in this share of the page's height
PAGE_NUMBER_RE = re.compile(
    r"^[-–—(\[ ]*(?:trang\s*)?\d{1,3}(?:\s*(?:/|tren)\s*\d{1,3})?[-–—)\] ]*$"
)


@dataclass(frozen=True)
class Glyph:
    """One character pdfium drew, with its box on the displayed page."""

    index: int  # in pdfium's text page
    char: str
    left: float
    right: float
    top: float
    bottom: float
    baseline: float
    size: float

    @property
    def centre_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def centre_y(self) -> float:
        # the middle of a lower-case letter: stable whatever diacritics sit above or below
        return self.baseline - 0.3 * self.size

    @property
    def blank(self) -> bool:
        return self.char.isspace()


@dataclass(frozen=True)
class Rule:
    """A drawn horizontal or vertical line (or a side of a drawn rectangle)."""

    horizontal: bool
    at: float  # y of a horizontal rule, x of a vertical one
    start: float
    end: float

    def covers(self, position: float, slack: float = 0.0) -> bool:
        return self.start - slack <= position <= self.end + slack


@dataclass
class Page:
    number: int  # from 0
    width: float
    height: float
    glyphs: list[Glyph]
    rules: list[Rule]


@dataclass
class Line:
    """Glyphs sharing a baseline, left to right."""

    glyphs: list[Glyph]

    @property
    def left(self) -> float:
        return min(g.left for g in self.glyphs)

    @property
    def right(self) -> float:
        return max(g.right for g in self.glyphs)

    @property
    def top(self) -> float:
        return min(g.baseline - 0.75 * g.size for g in self.glyphs)

    @property
    def bottom(self) -> float:
        return max(g.baseline + 0.25 * g.size for g in self.glyphs)

    @property
    def baseline(self) -> float:
        return statistics.median(g.baseline for g in self.glyphs)

    @property
    def size(self) -> float:
        return max(g.size for g in self.glyphs) or 10.0

    @property
    def centre_x(self) -> float:
        return (self.left + self.right) / 2

    @property
    def text(self) -> str:
        return text_of(self.glyphs)


@dataclass
class Region:
    """A table found on a page: its rows of cell texts and the glyphs it took from the prose."""

    page: int
    top: float
    bottom: float
    columns: list[float]  # x of the boundaries between (and around) its columns
    rows: list[list[str]]
    glyphs: set[int] = field(default_factory=set)
    header: bool = False  # the document header (issuer | motto; number | place and date)


# --- lines and runs ---------------------------------------------------------------------------


def text_of(glyphs: Iterable[Glyph]) -> str:
    """The glyphs of one line as text: left to right, a space where the PDF has one or where
    the gap between two letters is wider than a space would leave."""
    ordered = sorted(glyphs, key=lambda g: (g.left, g.index))
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in ordered:
        if (
            previous is not None
            and not glyph.blank
            and not previous.blank
            and glyph.left - previous.right > 0.12 * max(glyph.size, previous.size)
        ):
            parts.append(" ")
        parts.append(glyph.char)
        previous = glyph
    return nfc(" ".join("".join(parts).split()))


def lines_of(glyphs: Iterable[Glyph]) -> list[Line]:
    """Groups glyphs into lines by baseline, top to bottom."""
    lines: list[Line] = []
    current: list[Glyph] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.left)):
        if current and glyph.baseline - current[0].baseline > 0.35 * max(
            glyph.size, current[0].size, 1.0
        ):
            lines.append(Line(sorted(current, key=lambda g: (g.left, g.index))))
            current = []
        current.append(glyph)
    if current:
        lines.append(Line(sorted(current, key=lambda g: (g.left, g.index))))
    return [line for line in lines if any(not g.blank for g in line.glyphs)]


def runs_of(line: Line, gap: float = RUN_GAP) -> list[Line]:
    """Splits a line where two letters are further apart than `gap` font sizes."""
    runs: list[Line] = []
    current: list[Glyph] = []
    last: Glyph | None = None
    for glyph in line.glyphs:
        if glyph.blank:
            if current:
                current.append(glyph)
            continue
        if last is not None and glyph.left - last.right > gap * max(glyph.size, last.size):
            runs.append(Line([g for g in current if not g.blank or g.right <= last.right]))
            current = []
        current.append(glyph)
        last = glyph
    if current:
        runs.append(Line(current))
    return [run for run in runs if any(not g.blank for g in run.glyphs)]


# --- ruled tables -----------------------------------------------------------------------------


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    """Positions within `tolerance` of their neighbour are one position (their mean)."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(group) / len(group) for group in groups]


def merge_rules(rules: Iterable[Rule]) -> list[Rule]:
    """Collinear pieces (each cell's own border, a line drawn twice) become one rule."""
    merged: list[Rule] = []
    for horizontal in (True, False):
        same = sorted((r for r in rules if r.horizontal == horizontal), key=lambda r: r.at)
        lanes: list[list[Rule]] = []
        for rule in same:
            if lanes and rule.at - lanes[-1][-1].at <= RULE_SNAP:
                lanes[-1].append(rule)
            else:
                lanes.append([rule])
        for lane in lanes:
            at = sum(r.at for r in lane) / len(lane)
            pieces = sorted(lane, key=lambda r: r.start)
            start, end = pieces[0].start, pieces[0].end
            for piece in pieces[1:]:
                if piece.start <= end + RULE_SNAP:
                    end = max(end, piece.end)
                else:
                    merged.append(Rule(horizontal, at, start, end))
                    start, end = piece.start, piece.end
            merged.append(Rule(horizontal, at, start, end))
    return [r for r in merged if r.end - r.start >= RULE_MIN_LENGTH]


def _components(rules: list[Rule]) -> list[list[Rule]]:
    """Rules that touch each other (a grid) form one component."""
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    horizontals = [i for i, r in enumerate(rules) if r.horizontal]
    verticals = [i for i, r in enumerate(rules) if not r.horizontal]
    for h in horizontals:
        for v in verticals:
            if rules[h].covers(rules[v].at, RULE_SNAP) and rules[v].covers(rules[h].at, RULE_SNAP):
                parent[find(h)] = find(v)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(find(i), []).append(rule)
    return list(groups.values())


def _stacked_horizontals(rules: list[Rule]) -> list[list[Rule]]:
    """Horizontal rules of the same extent stacked one under the other (a table ruled only
    across), three at least, with no vertical rule among them."""
    lone = [r for r in rules if r.horizontal]
    stacks: list[list[Rule]] = []
    for rule in sorted(lone, key=lambda r: (round(r.start), round(r.end), r.at)):
        for stack in stacks:
            first = stack[0]
            if abs(first.start - rule.start) <= 4 and abs(first.end - rule.end) <= 4:
                stack.append(rule)
                break
        else:
            stacks.append([rule])
    return [sorted(s, key=lambda r: r.at) for s in stacks if len(s) >= 3]


class _Cells:
    """Union-find over the cells of a grid: a missing line between two cells merges them."""

    def __init__(self, rows: int, columns: int) -> None:
        self.columns = columns
        self.parent = list(range(rows * columns))

    def find(self, cell: int) -> int:
        while self.parent[cell] != cell:
            self.parent[cell] = self.parent[self.parent[cell]]
            cell = self.parent[cell]
        return cell

    def join(self, a: tuple[int, int], b: tuple[int, int]) -> None:
        first = self.find(a[0] * self.columns + a[1])
        second = self.find(b[0] * self.columns + b[1])
        self.parent[max(first, second)] = min(first, second)

    def root(self, row: int, column: int) -> int:
        return self.find(row * self.columns + column)


def _grid_region(
    page: Page, xs: list[float], ys: list[float], rules: list[Rule], free: set[int]
) -> Region | None:
    """The table inside grid lines xs × ys; None when it is no table (one column of text)."""
    if len(xs) < 2 or len(ys) < 2:
        return None
    verticals = [r for r in rules if not r.horizontal]
    horizontals = [r for r in rules if r.horizontal]
    cells = _Cells(len(ys) - 1, len(xs) - 1)
    for row in range(len(ys) - 1):
        middle = (ys[row] + ys[row + 1]) / 2
        for column in range(1, len(xs) - 1):
            drawn = any(abs(v.at - xs[column]) <= RULE_SNAP and v.covers(middle) for v in verticals)
            if not drawn:
                cells.join((row, column - 1), (row, column))
    for column in range(len(xs) - 1):
        middle = (xs[column] + xs[column + 1]) / 2
        for row in range(1, len(ys) - 1):
            drawn = any(abs(h.at - ys[row]) <= RULE_SNAP and h.covers(middle) for h in horizontals)
            if not drawn:
                cells.join((row - 1, column), (row, column))
    members: dict[int, list[Glyph]] = {}
    taken: set[int] = set()
    for glyph in page.glyphs:
        if glyph.index not in free:
            continue
        x, y = glyph.centre_x, glyph.centre_y
        if not (xs[0] < x < xs[-1] and ys[0] < y < ys[-1]):
            continue
        column = bisect.bisect(xs, x) - 1
        row = bisect.bisect(ys, y) - 1
        members.setdefault(cells.root(row, column), []).append(glyph)
        taken.add(glyph.index)
    texts = {root: cell_text(glyphs) for root, glyphs in members.items()}
    rows = [
        [
            texts.get(cells.root(row, column), "")
            if column == 0 or cells.root(row, column - 1) != cells.root(row, column)
            else ""  # covered by a cell merged across: its text stays in the first column
            for column in range(len(xs) - 1)
        ]
        for row in range(len(ys) - 1)
    ]
    filled_columns = {c for row in rows for c, text in enumerate(row) if text}
    distinct_cells = {root for root, text in texts.items() if text}
    if len(filled_columns) < 2 or len(distinct_cells) < 2:
        return None
    return Region(page.number, ys[0], ys[-1], xs, rows, taken)


BROKEN_DATE_RE = re.compile(r"\d{1,2}/\d{1,2}/\d{1,3}$")
BROKEN_WORD_RE = re.compile(r"\w-$")


def cell_text(glyphs: Iterable[Glyph]) -> str:
    """A cell's lines joined into one text (a wrapped cell is one cell). Lines join with a
    space, except a date a narrow column broke inside its year ("30/10/202" + "6") and a word
    broken at its hyphen ("các-" + "bon"), which pdfium's text of prose joins the same way."""
    text = ""
    for line in lines_of(glyphs):
        piece = line.text
        glued = (BROKEN_DATE_RE.search(text) and piece[:1].isdigit()) or (
            BROKEN_WORD_RE.search(text) and piece[:1].isalpha()
        )
        text = f"{text}{piece}" if glued or not text else f"{text} {piece}"
    return text.strip()


def _text_columns(glyphs: list[Glyph], left: float, right: float) -> list[float]:
    """Column boundaries of a table without vertical rules: the x-gaps no text run crosses."""
    spans = sorted((g.left, g.right) for g in glyphs if not g.blank)
    if not spans:
        return [left, right]
    size = statistics.median(g.size for g in glyphs if not g.blank)
    boundaries = [left]
    reach = spans[0][1]
    for start, end in spans[1:]:
        if start - reach >= RUN_GAP * size:
            boundaries.append((start + reach) / 2)
        reach = max(reach, end)
    boundaries.append(right)
    return boundaries


def find_tables(page: Page, taken: set[int] | None = None) -> list[Region]:
    """Ruled tables on a page: grids of drawn lines, and stacks of horizontal rules whose
    columns are read from the text."""
    free = {g.index for g in page.glyphs} - (taken or set())
    rules = merge_rules(page.rules)
    if len(rules) > MAX_TABLE_RULES:  # a drawing (a map, a chart), not a table
        return []
    regions: list[Region] = []
    used: set[int] = set()
    for component in _components(rules):
        verticals = [r for r in component if not r.horizontal]
        horizontals = [r for r in component if r.horizontal]
        if not verticals or not horizontals:
            continue
        xs = _cluster((r.at for r in verticals), RULE_SNAP)
        ys = _cluster((r.at for r in horizontals), RULE_SNAP)
        region = _grid_region(page, xs, ys, component, free - used)
        if region is not None:
            regions.append(region)
            used |= region.glyphs
    lone = [r for r in rules if r.horizontal and not _touches_vertical(r, rules)]
    for stack in _stacked_horizontals(lone):
        ys = _cluster((r.at for r in stack), RULE_SNAP)
        left, right = stack[0].start, stack[0].end
        inside = [
            g
            for g in page.glyphs
            if g.index in free - used and left < g.centre_x < right and ys[0] < g.centre_y < ys[-1]
        ]
        xs = _text_columns(inside, left, right)
        region = _grid_region(page, xs, ys, [*stack, *_frame(xs, ys)], free - used)
        if region is not None:
            regions.append(region)
            used |= region.glyphs
    return sorted(regions, key=lambda r: r.top)


def _touches_vertical(rule: Rule, rules: list[Rule]) -> bool:
    return any(
        not v.horizontal and rule.covers(v.at, RULE_SNAP) and v.covers(rule.at, RULE_SNAP)
        for v in rules
    )


def _frame(xs: list[float], ys: list[float]) -> list[Rule]:
    """Vertical lines between text columns, as if drawn, so the grid code can read the cells."""
    return [Rule(False, x, ys[0], ys[-1]) for x in xs]


# --- the document header ----------------------------------------------------------------------


def find_header(page: Page, taken: set[int] | None = None) -> Region | None:
    """The two blocks side by side at the top of the first page, as a two-column table.

    One of the first three lines must hold two runs far apart (issuer | motto). Lines below
    belong to the header while each of their runs stays on its side of the gap between the blocks and lines
    up with its block (centred under it, or sharing its left or right edge); the title of the
    plan, centred on the page, ends it. Rows are split where a gap wider than one and a half
    lines, or a drawn rule, separates the lines."""
    taken = taken or set()
    lines = lines_of(g for g in page.glyphs if g.index not in taken)
    for start in range(min(3, len(lines))):  # a stamp or a code may sit above the header
        first = runs_of(lines[start], HEADER_GAP)
        header = _header_from(page, lines[start:], first) if len(first) == 2 else None
        if header is not None:
            return header
    return None


def _header_from(page: Page, lines: list[Line], first: list[Line]) -> Region | None:
    left_block, right_block = first
    corridor = (left_block.right, right_block.left)
    blocks: dict[int, list[Line]] = {0: [left_block], 1: [right_block]}
    members: list[tuple[int, Line]] = [(0, left_block), (1, right_block)]
    bottom = lines[0].bottom
    for line in lines[1:]:
        if line.top - bottom > 3 * line.size:
            break
        runs = runs_of(line, HEADER_GAP)
        if len(runs) > 2:
            runs = _one_run_a_side(runs, corridor)
        sides = [_side(run, corridor, blocks, len(runs) == 2) for run in runs]
        if not runs or len(runs) > 2 or None in sides or len(set(sides)) != len(sides):
            break
        for run, side in zip(runs, sides, strict=True):
            if side is None:  # excluded by the check above; keeps the type checker informed
                continue
            blocks[side].append(run)
            members.append((side, run))
        bottom = line.bottom
    if len(members) < 3:
        return None
    rows = _header_rows(members, page.rules)
    glyphs = {g.index for _side_, run in members for g in run.glyphs}
    top = min(run.top for _side_, run in members)
    return Region(
        page.number,
        top,
        max(run.bottom for _side_, run in members),
        [min(r.left for _s, r in members), sum(corridor) / 2, max(r.right for _s, r in members)],
        rows,
        glyphs,
        header=True,
    )


def _one_run_a_side(runs: list[Line], corridor: tuple[float, float]) -> list[Line]:
    """A line whose blocks have wide blanks inside them (a draft leaves the number and the day
    blank: "Số:      /KH-UBND", "Lào Cai, ngày    tháng    năm 2026") as one run on each
    side of the gap between the blocks; unchanged when a run straddles that gap."""
    middle = sum(corridor) / 2
    left = [run for run in runs if run.right <= middle]
    right = [run for run in runs if run.left >= middle]
    if len(left) + len(right) != len(runs):
        return runs
    return [Line([g for run in side for g in run.glyphs]) for side in (left, right) if side]


def _side(
    run: Line, corridor: tuple[float, float], blocks: dict[int, list[Line]], paired: bool
) -> int | None:
    """Which block a run belongs to (0 left, 1 right), or None when it lines up with neither."""
    tolerance = 1.5 * run.size
    for side in (0, 1):
        if side == 0 and run.right > corridor[1]:
            continue
        if side == 1 and run.left < corridor[0]:
            continue
        if paired:
            return side
        block = blocks[side]
        centred = abs(run.centre_x - statistics.mean(b.centre_x for b in block)) <= tolerance
        flush = any(
            abs(run.left - b.left) <= tolerance / 2 or abs(run.right - b.right) <= tolerance / 2
            for b in block
        )
        if centred or flush:
            return side
    return None


def _header_rows(members: list[tuple[int, Line]], rules: list[Rule]) -> list[list[str]]:
    ordered = sorted(members, key=lambda m: m[1].baseline)
    pitches = []
    for side in (0, 1):
        baselines = [line.baseline for s, line in ordered if s == side]
        pitches += [b - a for a, b in itertools.pairwise(baselines) if b - a > 0]
    pitch = min(pitches) if pitches else ordered[0][1].size * 1.2
    left_edge = min(line.left for _s, line in members)
    right_edge = max(line.right for _s, line in members)
    drawn = [r for r in rules if r.horizontal and r.start < right_edge and r.end > left_edge]
    bands: list[list[tuple[int, Line]]] = []
    band_bottom = 0.0
    for side, line in ordered:
        ruled = any(  # a short rule under the block above, in the same column
            band_bottom < r.at < line.top and r.start < line.right and r.end > line.left
            for r in drawn
        )
        if not bands or line.baseline - band_bottom > 1.45 * pitch or ruled:
            bands.append([])
        bands[-1].append((side, line))
        band_bottom = max(band_bottom, line.baseline) if len(bands[-1]) > 1 else line.baseline
    return [
        [" ".join(line.text for s, line in band if s == side).strip() for side in (0, 1)]
        for band in bands
    ]


# --- page furniture ---------------------------------------------------------------------------


def _masked(text: str) -> str:
    return re.sub(r"\d+", "#", fold(text)).strip()


def find_furniture(pages: Sequence[Page], taken: dict[int, set[int]]) -> dict[int, set[int]]:
    """Glyphs of page numbers and of running headers or footers, page by page.

    Only the top-most and bottom-most line of a page is considered, and only in the top or
    bottom band of the page: a number alone there ("3", "- 3 -", "Trang 3/12") is a page
    number; a line repeated at the same edge of two pages or more, digits aside, is a running
    header or footer."""
    edges: dict[int, list[tuple[str, Line]]] = {}
    for page in pages:
        lines = lines_of(g for g in page.glyphs if g.index not in taken.get(page.number, set()))
        found: list[tuple[str, Line]] = []
        if lines and lines[0].bottom <= FURNITURE_BAND * page.height:
            found.append(("top", lines[0]))
        at_bottom = lines and lines[-1].top >= (1 - FURNITURE_BAND) * page.height
        if at_bottom and (not found or found[0][1] is not lines[-1]):
            found.append(("bottom", lines[-1]))
        edges[page.number] = found
    repeated = Counter(
        (edge, _masked(line.text)) for found in edges.values() for edge, line in found
    )
    furniture: dict[int, set[int]] = {}
    for number, found in edges.items():
        for edge, line in found:
            alone = PAGE_NUMBER_RE.match(fold(line.text)) is not None
            running = len(pages) > 1 and repeated[(edge, _masked(line.text))] > 1
            if alone or running:
                furniture.setdefault(number, set()).update(g.index for g in line.glyphs)
    return furniture


# --- tables across pages ----------------------------------------------------------------------


def continues(previous: Region, following: Region) -> bool:
    """The table at the top of a page carries on the one that ended the page before: same
    number of columns at the same places."""
    if following.page != previous.page + 1 or previous.header or following.header:
        return False
    if len(previous.columns) != len(following.columns):
        return False
    width = max(previous.columns[-1] - previous.columns[0], 1.0)
    return all(
        abs(a - b) <= max(4.0, 0.02 * width)
        for a, b in zip(previous.columns, following.columns, strict=True)
    )


def join_rows(previous: list[list[str]], following: list[list[str]]) -> list[list[str]]:
    """Rows of a continued table: the heading rows repeated at the top of the new page are
    dropped (the longest such run, three rows at most), and a row the page break cut in two
    is put back together.

    A row was cut when the continuation's first row has an empty first column (its number
    stayed on the page before) while the table numbers its rows everywhere else."""
    repeated = 0
    for count in range(1, min(3, len(following) - 1, len(previous)) + 1):
        if _same_rows(previous[:count], following[:count]):
            repeated = count
    rest = following[repeated:]
    if rest and previous and _cut_row(previous, rest[0]):
        last, tail = previous[-1], rest[0]
        previous = [
            *previous[:-1],
            [" ".join(p for p in (a, b) if p) for a, b in zip(last, tail, strict=True)],
        ]
        rest = rest[1:]
    return previous + rest


def _cut_row(previous: list[list[str]], first: list[str]) -> bool:
    filled = [c for c in first[1:] if c.strip()]
    if first[0].strip() or not filled:
        return False
    if all(c.upper() == c for c in filled):  # a section title in capitals starts the page
        return False
    if len(previous[-1]) != len(first) or not previous[-1][0].strip():
        return False
    numbered = [row for row in previous[1:] if row[0].strip()]
    return len(numbered) >= 0.8 * max(len(previous) - 1, 1)


def _same_rows(a: list[list[str]], b: list[list[str]]) -> bool:
    return [[" ".join(c.split()) for c in row] for row in a] == [
        [" ".join(c.split()) for c in row] for row in b
    ]


# --- reading a PDF with pdfium ----------------------------------------------------------------


class _Display:
    """From PDF user space to the displayed page: rotation applied, origin at the top-left."""

    def __init__(self, bbox: tuple[float, float, float, float], rotation: int) -> None:
        self.left, self.bottom, self.right, self.top = bbox
        self.rotation = rotation
        width, height = self.right - self.left, self.top - self.bottom
        self.size = (height, width) if rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        width, height = self.right - self.left, self.top - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return width - x, y
        if self.rotation == 270:
            return height - y, width - x
        return x, height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        (x0, y0), (x1, y1) = self.point(left, bottom), self.point(right, top)
        return min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)


def read_glyphs(textpage: Any, display: _Display) -> list[Glyph]:
    """Every character pdfium found on the page (not those it made up: line breaks, spaces
    it inferred), with its box."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    glyphs: list[Glyph] = []
    x, y = ctypes.c_double(), ctypes.c_double()
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if pdfium_c.FPDFText_IsHyphen(textpage, index) == 1:
            code = ord("-")  # a hyphen that ends a line, which pdfium hands out as a control code
        if not code or 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        if char == "\xad" or (unicodedata.category(char) in {"Cc", "Cf"} and char != "\t"):
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        x0, x1, y0, y1 = display.box(left, bottom, right, top)
        if not char.isspace():  # the advance box: letters touch, a space leaves a gap
            loose = display.box(*textpage.get_charbox(index, loose=True))
            if loose[1] - loose[0] >= x1 - x0 and display.rotation in (0, 180):
                x0, x1 = loose[0], loose[1]
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, ctypes.byref(x), ctypes.byref(y))
        origin = display.point(x.value, y.value)
        size = pdfium_c.FPDFText_GetFontSize(textpage, index) or (y1 - y0) or 10.0
        if display.rotation in (90, 270):
            baseline = origin[1] if abs(y1 - y0) < abs(x1 - x0) * 3 else (y0 + y1) / 2
        else:
            baseline = origin[1]
        glyphs.append(Glyph(index, " " if char == "\t" else char, x0, x1, y0, y1, baseline, size))
    return glyphs


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(inner: Matrix, outer: Matrix) -> Matrix:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _matrix(obj: Any) -> Matrix:
    import pypdfium2.raw as pdfium_c

    raw = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, raw):
        return IDENTITY
    return (raw.a, raw.b, raw.c, raw.d, raw.e, raw.f)


def _objects(container: Any, in_form: bool, depth: int = 0) -> Iterator[tuple[Any, Matrix]]:
    """Path objects of a page or form, each with its matrix to page space."""
    import pypdfium2.raw as pdfium_c

    count = (
        pdfium_c.FPDFFormObj_CountObjects(container)
        if in_form
        else pdfium_c.FPDFPage_CountObjects(container)
    )
    for i in range(max(count, 0)):
        obj = (
            pdfium_c.FPDFFormObj_GetObject(container, i)
            if in_form
            else pdfium_c.FPDFPage_GetObject(container, i)
        )
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            yield obj, _matrix(obj)
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            outer = _matrix(obj)
            for inner, matrix in _objects(obj, True, depth + 1):
                yield inner, _times(matrix, outer)


def _painted(obj: Any) -> bool:
    """Drawn at all (not a clipping path), and not only in white."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return True
    if fill.value == pdfium_c.FPDF_FILLMODE_NONE and not stroke.value:
        return False
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter = (
        pdfium_c.FPDFPageObj_GetStrokeColor if stroke.value else pdfium_c.FPDFPageObj_GetFillColor
    )
    known = getter(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a))
    return not (known and (min(r.value, g.value, b.value) >= 245 or a.value == 0))


def read_rules(page: Any, display: _Display) -> list[Rule]:
    """Horizontal and vertical segments drawn on the page: lines, sides of rectangles, and
    thin filled rectangles (the way some producers draw borders)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    rules: list[Rule] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for obj, matrix in _objects(page, False):
        if len(rules) > MAX_RULES:
            break
        if not _painted(obj):
            continue
        a, b, c, d, e, f = matrix
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        edges: list[tuple[tuple[float, float], tuple[float, float]]] = []
        for i in range(max(pdfium_c.FPDFPath_CountSegments(obj), 0)):
            segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = display.point(a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(segment)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not points:
                start = point
            elif kind == pdfium_c.FPDF_SEGMENT_LINETO:
                edges.append((points[-1], point))
            points.append(point)
            if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
                edges.append((point, start))
        if not edges:
            continue
        xs = [p[0] for edge in edges for p in edge]
        ys = [p[1] for edge in edges for p in edge]
        width, height = max(xs) - min(xs), max(ys) - min(ys)
        if len(edges) >= 4 and min(width, height) <= 2.0 and max(width, height) >= RULE_MIN_LENGTH:
            # a thin rectangle: one line along its middle
            if width >= height:
                rules.append(Rule(True, (min(ys) + max(ys)) / 2, min(xs), max(xs)))
            else:
                rules.append(Rule(False, (min(xs) + max(xs)) / 2, min(ys), max(ys)))
            continue
        for (x0, y0), (x1, y1) in edges:
            if abs(y1 - y0) <= 0.5 and abs(x1 - x0) >= RULE_MIN_LENGTH:
                rules.append(Rule(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
            elif abs(x1 - x0) <= 0.5 and abs(y1 - y0) >= RULE_MIN_LENGTH:
                rules.append(Rule(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    return rules


def read_page(page: Any, textpage: Any, number: int) -> Page:
    display = _Display(page.get_bbox(), page.get_rotation())
    width, height = display.size
    return Page(number, width, height, read_glyphs(textpage, display), read_rules(page, display))


# --- the whole document -----------------------------------------------------------------------


def page_text(textpage: Any, start: int = 0, count: int = -1) -> str:
    """pdfium's text of a page (or of a range of its characters), with the hyphen that ends a
    line as a hyphen: pdfium marks it U+FFFE and joins the word's two halves ("các-bon")."""
    return textpage.get_text_range(start, count).replace("\ufffe", "-")


def prose_text(textpage: Any, glyphs: dict[int, Glyph], start: int = 0, count: int = -1) -> str:
    """`page_text` with the wide gaps of a line kept: where two blocks of text stand side by
    side on the same lines (the recipients and the signature at the end of a document), pdfium
    writes one space between them; a gap of several font sizes becomes three spaces, as
    pdftotext's layout mode writes it, so the parser reads the two blocks apart."""
    text = page_text(textpage, start, count)
    if count < 0:
        count = textpage.count_chars() - start
    if len(text) != count:  # characters outside the BMP: positions no longer line up
        return text
    indexes = range(start, start + count)
    before: list[Glyph | None] = []
    last: Glyph | None = None
    for index in indexes:
        before.append(last)
        glyph = glyphs.get(index)
        if glyph is not None and not glyph.blank:
            last = glyph
    after: list[Glyph | None] = [None] * count
    following: Glyph | None = None
    for position in range(count - 1, -1, -1):
        after[position] = following
        glyph = glyphs.get(start + position)
        if glyph is not None and not glyph.blank:
            following = glyph
    out: list[str] = []
    for position, char in enumerate(text):
        left, right = before[position], after[position]
        wide = (
            char in " \t"
            and left is not None
            and right is not None
            and abs(left.baseline - right.baseline) <= 0.35 * max(left.size, right.size)
            and right.left - left.right > WIDE_GAP * max(left.size, right.size)
        )
        out.append("   " if wide else char)
    return "".join(out)


def _page_items(textpage: Any, page: Page, regions: list[Region], dropped: set[int]) -> list[Any]:
    """A page as prose lines (pdfium's own text of the characters outside tables) and tables,
    top to bottom."""
    glyphs = {g.index: g for g in page.glyphs}
    if not regions and not dropped:  # nothing to take out: pdfium's text as it is
        text = prose_text(textpage, glyphs)
        return [nfc(line) for line in text.replace("\r\n", "\n").split("\n")]
    regions = sorted(regions, key=lambda r: r.top)
    region_of = {index: k for k, region in enumerate(regions) for index in region.glyphs}
    classes: list[tuple[str, int] | None] = []
    previous: tuple[str, int] | None = None
    for index in range(textpage.count_chars()):
        glyph = glyphs.get(index)
        if glyph is None:  # a line break or space pdfium inferred: goes with its neighbour
            classes.append(previous)
            continue
        if index in dropped:
            current = ("drop", 0)
        elif index in region_of:
            current = ("table", region_of[index])
        else:
            current = ("prose", sum(1 for r in regions if r.bottom <= glyph.centre_y))
        classes.append(current)
        previous = current
    first = next((c for c in classes if c is not None), None)
    chunks: list[tuple[tuple[str, int] | None, int, int]] = []
    for index, cls in enumerate(c if c is not None else first for c in classes):
        if chunks and chunks[-1][0] == cls:
            chunks[-1] = (cls, chunks[-1][1], index + 1)
        else:
            chunks.append((cls, index, index + 1))
    keyed: list[tuple[tuple[int, int, int], Any]] = []
    for cls, start, end in chunks:
        if cls is None or cls[0] != "prose":
            continue
        text = prose_text(textpage, glyphs, start, end - start)
        if len(chunks) > 1:
            text = text.strip("\r\n")
        lines = [nfc(line) for line in text.replace("\r\n", "\n").split("\n")]
        keyed.append(((cls[1], 0, start), lines))
    for k, region in enumerate(regions):
        keyed.append(((k, 1, 0), region))
    items: list[Any] = []
    for _key, item in sorted(keyed, key=lambda pair: pair[0]):
        if isinstance(item, Region):
            items.append(item)
        else:
            items.extend(item)
    return items


def document_blocks(pdf: Any) -> list[Any]:
    """Prose lines and `Table`s of a whole PDF (a pypdfium2 `PdfDocument`), in reading order."""
    from bmnn.plans.importer.parser import Table

    pages: list[Page] = []
    textpages: list[Any] = []
    regions: dict[int, list[Region]] = {}
    try:
        for number in range(len(pdf)):
            pdf_page = pdf[number]
            textpage = pdf_page.get_textpage()
            textpages.append(textpage)
            page = read_page(pdf_page, textpage, number)
            pages.append(page)
            found = find_tables(page)
            if number == 0:
                taken = {i for region in found for i in region.glyphs}
                header = find_header(page, taken)
                if header is not None:
                    found.insert(0, header)
            regions[number] = found
        taken_by_page = {
            number: {i for region in found for i in region.glyphs}
            for number, found in regions.items()
        }
        furniture = find_furniture(pages, taken_by_page)
        items: list[Any] = []
        for page, textpage in zip(pages, textpages, strict=True):
            page_items = _page_items(
                textpage, page, regions[page.number], furniture.get(page.number, set())
            )
            last = next((i for i in reversed(items) if not _blank(i)), None)
            head = next((i for i in page_items if not _blank(i)), None)
            if isinstance(last, Region) and isinstance(head, Region) and continues(last, head):
                while items and items[-1] is not last:
                    items.pop()  # blank lines between the two parts
                last.rows = join_rows(last.rows, head.rows)
                last.page = head.page
                page_items = page_items[page_items.index(head) + 1 :]
            items.extend(page_items)
    finally:
        for textpage in textpages:
            textpage.close()
    return [Table(item.rows) if isinstance(item, Region) else item for item in items]


def _blank(item: Any) -> bool:
    return isinstance(item, str) and not item.strip()
