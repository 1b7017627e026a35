"""Putting a plan's text back in order before it is read: page furniture, lost table grids.

A text layer taken from a printed PDF (by pdftotext, a gazette's web export, a copy and paste)
keeps things a reader skips and loses things a reader sees:
- a running head and a page number on every page ("CÔNG BÁO/Số 286/…", "95"), which would land
  inside a task's sentence;
- the grid of an appendix table: each cell's text comes out line after line, cell after cell,
  row after row, and a page break repeats the column headings in the middle of a row.

`clean` drops the furniture and rebuilds such tables as `Table` blocks, so the parser reads them
like a DOCX table. Rows are found from the shape of the text: a run of short lines that name
the columns (STT, nội dung, chủ trì, phối hợp, thời gian…), then numbered rows ("1.", "2.", …)
and group rows ("I. …"). Inside a row the task's content comes first, in long lines; the
narrow columns follow, and where one narrow cell ends and the next begins is chosen by scoring
every split: a cell starts with a capital, a lead or partner cell names bodies, a time cell
reads as a time limit.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bmnn.core.text import fold
from bmnn.plans.importer.agencies import GENERIC, looks_like_agency
from bmnn.plans.importer.table import Table, column_role
from bmnn.plans.importer.timing import parse_timing

Block = str | Table

_PAGE_NUMBER = re.compile(r"^\s*[-–]?\s*\d{1,4}\s*[-–]?\s*$")
# "12." alone or before the row's first words, or a bare "12"
_ROW_START = re.compile(r"^(?P<n>\d{1,3})(?:\.(?:\s+(?P<rest>.*))?|\s*)$")
_GROUP_ROW = re.compile(r"^(?P<mark>[IVX]{1,5})\s*[.)]\s*(?P<rest>\S.*)$")
_TABLE_END = re.compile(r"^(noi nhan|phu luc\b|kt\.|tm\.|q\. |tl\.|tuq\.)")
_DOCUMENT_WORDS = (
    "nghi quyet",
    "nghi dinh",
    "quyet dinh",
    "van ban",
    "ke hoach",
    "bao cao",
    "de an",
    "luat",
    "thong tu",
    "chi thi",
    "cac hoat dong",
    "hoat dong",
    "chuong trinh",
    "ket qua",
    "to trinh",
    "huong dan",
    "cong van",
    "tai lieu",
    "so tay",
    "phong su",
    "ban tin",
)
MAX_LABEL = 32  # a column heading's line in a grid-less table is short
MAX_SPLIT_LINES = 40  # the narrow cells of one row: more is not a row of a task table


def clean(blocks: Sequence[Block]) -> list[Block]:
    return rebuild_tables(drop_page_furniture(blocks))


def looks_wrapped(blocks: Sequence[Block]) -> bool:
    """A text layer breaks sentences across lines: many lines end mid-sentence and the next one
    goes on in lower case, or a few do and no line is as long as a paragraph. A typed or DOCX
    text has one line per paragraph."""
    lines = [b.strip() for b in blocks if isinstance(b, str) and b.strip()]
    if len(lines) < 10:
        return False
    breaks = sum(
        1
        for line, following in itertools.pairwise(lines)
        if not line.endswith((".", ":", ";", "!", "?")) and following[:1].islower()
    )
    lengths = sorted(len(line) for line in lines)
    narrow = lengths[int(0.95 * (len(lengths) - 1))] <= 120  # no paragraph on one long line
    return (breaks >= 5 and breaks >= 0.15 * len(lines)) or (narrow and breaks >= 3)


def drop_page_furniture(blocks: Sequence[Block]) -> list[Block]:
    """Without the running head repeated on every page and the page number beside it."""
    counts = Counter(b.strip() for b in blocks if isinstance(b, str) and b.strip())

    def neighbours(index: int) -> list[str]:
        found: list[str] = []
        for step in (-1, 1):
            cursor = index + step
            while 0 <= cursor < len(blocks):
                block = blocks[cursor]
                if not isinstance(block, str):
                    break
                if block.strip():
                    found.append(block.strip())
                    break
                cursor += step
        return found

    heads = {
        line
        for line, count in counts.items()
        if count >= 3
        and len(line) >= 8
        and not line.startswith(("-", "+", "•"))
        and any(ch.isdigit() for ch in line)
    }
    # a running head stands next to a page number somewhere
    heads = {
        line
        for line in heads
        if any(
            isinstance(b, str)
            and b.strip() == line
            and any(_PAGE_NUMBER.match(n) for n in neighbours(i))
            for i, b in enumerate(blocks)
        )
    }
    if not heads:
        return list(blocks)
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, str):
            line = block.strip()
            if line in heads:
                continue
            if _PAGE_NUMBER.match(line) and line and any(n in heads for n in neighbours(index)):
                continue
        kept.append(block)
    return kept


# --- tables whose grid was lost -----------------------------------------------------------


@dataclass
class _Columns:
    roles: list[str]
    labels: list[str]
    end: int  # index of the first block after the column headings
    lines: list[str] = field(default_factory=list)  # the headings' lines as printed


@dataclass
class _Row:
    number: str
    runs: list[list[str]] = field(default_factory=lambda: [[]])  # one run per page


def _lines_from(
    blocks: Sequence[Block], start: int, limit: int | None = None
) -> list[tuple[int, str]]:
    """The non-blank text lines from `start`, with their indexes, up to the next table (or
    `limit` lines)."""
    found: list[tuple[int, str]] = []
    for index in range(start, len(blocks)):
        block = blocks[index]
        if not isinstance(block, str) or (limit is not None and len(found) >= limit):
            break
        if block.strip():
            found.append((index, block.strip()))
    return found


def _is_row_start(line: str) -> bool:
    return bool(_ROW_START.match(line))


def _column_headings(lines: list[tuple[int, str]], at: int) -> _Columns | None:
    """Column headings written one short line after another ("STT", "Tên nhiệm vụ", "Cơ quan",
    "chủ trì", …), ending where the first row starts (or where short lines stop naming
    columns, after a page break: the rest of a row follows the repeated headings)."""
    roles: list[str] = []
    labels: list[str] = []
    taken: list[str] = []
    pending: list[str] = []
    cursor = at
    while cursor < len(lines):
        _index, line = lines[cursor]
        if len(line) > MAX_LABEL or _is_row_start(line) or _GROUP_ROW.match(line):
            break
        pending.append(line)
        role = column_role(" ".join(pending))
        if role and role not in roles:
            roles.append(role)
            labels.append(" ".join(pending))
            taken.extend(pending)
            pending = []
        elif len(pending) > 3 or (role and role in roles):
            break
        cursor += 1
    if len(pending) == 1 and labels and cursor < len(lines) and len(taken) + 1 == cursor - at:
        # the last heading's last word on a line of its own ("Thời gian hoàn" / "thành")
        labels[-1] = f"{labels[-1]} {pending[0]}"
        taken.append(pending[0])
    if not {"content", "lead"} <= set(roles) or len(roles) < 3 or at + len(taken) >= len(lines):
        return None
    if roles[0] not in {"ref", "content"}:
        return None
    end = lines[at + len(taken) - 1][0] + 1
    return _Columns(roles, labels, end, taken)


def rebuild_tables(blocks: Sequence[Block]) -> list[Block]:
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        if isinstance(block, str) and column_role(block) and len(block.strip()) <= MAX_LABEL:
            columns = _column_headings(_lines_from(blocks, index, limit=40), 0)
            if columns is not None:
                table, end = _read_rows(blocks, columns)
                if table is not None:
                    out.append(table)
                    index = end
                    continue
        out.append(block)
        index += 1
    return out


def _read_rows(blocks: Sequence[Block], columns: _Columns) -> tuple[Table | None, int]:
    lines = _lines_from(blocks, columns.end)
    rows: list[list[str]] = [list(columns.labels)]
    current: _Row | None = None
    group: list[str] | None = None
    expected, expected_group = 1, 1
    parsed: list[tuple[str, _Row | list[str]]] = []
    cursor = 0
    end_index = columns.end
    while cursor < len(lines):
        index, line = lines[cursor]
        printed = [text for _i, text in lines[cursor : cursor + len(columns.lines)]]
        repeated = _column_headings(lines, cursor) if printed != columns.lines else None
        if printed == columns.lines or (repeated is not None and repeated.roles == columns.roles):
            # a page break: the headings again, then the rest of the row
            if current is not None:
                current.runs.append([])
            skip = len(columns.lines) if printed == columns.lines else 0
            cursor = (
                cursor + skip
                if skip
                else next(
                    (k for k, (i, _l) in enumerate(lines) if repeated and i >= repeated.end),
                    len(lines),
                )
            )
            end_index = lines[cursor - 1][0] + 1 if cursor else end_index
            continue
        folded = fold(line)
        if _TABLE_END.match(folded):
            break
        group_match = _GROUP_ROW.match(line)
        row_match = _ROW_START.match(line)
        if group_match and _roman(group_match["mark"]) == expected_group:
            group = [group_match["mark"], group_match["rest"]]
            parsed.append(("group", group))
            current = None
            expected_group += 1
        elif row_match and _is_row_start(line) and int(row_match["n"]) == expected:
            current = _Row(row_match["n"])
            if (row_match["rest"] or "").strip():
                current.runs[0].append(row_match["rest"].strip())
            parsed.append(("row", current))
            group = None
            expected += 1
        elif current is not None:
            current.runs[-1].append(line)
        elif group is not None:
            group[1] = f"{group[1]} {line}"
        else:
            return None, columns.end
        end_index = index + 1
        cursor += 1
    if expected <= 2:
        return None, columns.end
    narrow_roles = [r for r in columns.roles if r not in {"ref", "content"}]
    width = _content_width(parsed)
    for _kind, item in parsed:
        if isinstance(item, list):  # a group row
            rows.append(_group_row(columns.roles, item))
        else:
            cells = _split_row(item, narrow_roles, width)
            rows.append([cells.get(role, "") for role in columns.roles])
    return Table(rows), end_index


def _roman(mark: str) -> int:
    values = {"I": 1, "V": 5, "X": 10}
    total = 0
    for ch, following in itertools.zip_longest(mark, mark[1:], fillvalue=""):
        value = values[ch]
        total += -value if following and values[following] > value else value
    return total


def _group_row(roles: list[str], group: list[str]) -> list[str]:
    row = ["" for _ in roles]
    if "ref" in roles:
        row[roles.index("ref")] = group[0]
        row[roles.index("content")] = group[1].strip()
    else:
        row[roles.index("content")] = f"{group[0]}. {group[1].strip()}"
    return row


def _content_width(parsed: list[tuple[str, _Row | list[str]]]) -> int:
    """Lines longer than this belong to the wide content column."""
    lengths = sorted(
        len(line)
        for kind, item in parsed
        if kind == "row" and isinstance(item, _Row)
        for run in item.runs
        for line in run
    )
    if not lengths:
        return MAX_LABEL
    typical = lengths[int(0.9 * (len(lengths) - 1))]
    return max(12, int(typical * 0.6))


def _split_row(row: _Row, roles: list[str], width: int) -> dict[str, str]:
    wide_runs: list[list[str]] = []
    narrow_runs: list[list[str]] = []
    for run in row.runs:
        wide, narrow = _content_prefix(run, width)
        wide_runs.append(wide)
        narrow_runs.append(narrow)
    if roles and roles[-1] == "timing" and narrow_runs[0]:
        narrow_runs[0][-1:] = _timing_tail(narrow_runs[0][-1])
    score, cells = _best_split(narrow_runs[0], roles)
    first = wide_runs[0]
    glued = ""
    if first and narrow_runs[0] and roles and roles[0] == "lead":
        glued = _glued_name(first[-1])
    if glued:
        # the text layer put the lead on the content's last line ("… phù hợp Bộ Y tế")
        rest_score, rest = _best_split(narrow_runs[0], roles[1:])
        rest_score += _cell_score([glued], "lead", last=False)
        if rest_score > score + 1.0:
            cells = {"lead": [glued], **rest}
            first[-1] = first[-1][: -len(glued)].rstrip()
    content = [line for wide in wide_runs for line in wide]
    for more in narrow_runs[1:]:
        if more and not any(cells.values()):
            _score, cells = _best_split(more, roles)  # the page broke inside the content
        elif more:
            cells = _continue_split(cells, more, roles)
    result = {role: " ".join(lines) for role, lines in cells.items()}
    result["content"] = " ".join(content)
    result["ref"] = f"{row.number}."
    return result


def _content_prefix(run: list[str], width: int) -> tuple[list[str], list[str]]:
    """The content's lines at the start of a row's run: long lines, and one short line that
    ends the last sentence; the narrow cells follow."""
    cut = 0
    tail_used = False
    for position, line in enumerate(run):
        if len(line) > width and not tail_used:
            cut = position + 1
            continue
        previous = run[position - 1] if position else ""
        ends_sentence = previous.rstrip().endswith((".", ":", ";"))
        if position == 0 or (line[:1].islower() and not ends_sentence and not tail_used):
            cut = position + 1
            tail_used = position > 0
            continue
        break
    return run[:cut], run[cut:]


_EMPTY = {"lead": -5.0, "coordinating": -1.0, "output": -1.0, "notes": 0.0, "timing": -2.5}


def _agency_share(text: str) -> float:
    parts = [p.strip() for p in re.split(r"[;,]", text) if p.strip()]
    if not parts:
        return 0.0
    named = sum(
        1
        for p in parts
        if looks_like_agency(p) or fold(p).startswith(GENERIC) or fold(p) in {"lien quan"}
    )
    return named / len(parts)


def _cell_score(lines: list[str], role: str, *, last: bool, continued: bool = False) -> float:
    return _scored(tuple(lines), role, last, continued)


@functools.lru_cache(maxsize=65536)
def _scored(lines: tuple[str, ...], role: str, last: bool, continued: bool) -> float:
    if not lines:
        return _EMPTY.get(role, -1.0)
    text = " ".join(lines)
    first = lines[0]
    score = 0.0
    if first[:1].isupper() or first[:1].isdigit():
        score += 1.0
    elif not continued:
        score -= 3.0
    tail = lines[-1].rstrip()
    if not last and (
        tail.endswith(",")
        or re.search(
            r"(?:^|\s)(và|các|có|của|ở|với|cho|liên|tổ|cơ|đơn|trình|gửi|từ|quý|tháng|đến)$",
            tail.lower(),
        )
    ):
        score -= 2.0
    timing = parse_timing(text)
    agencies = _agency_share(text)
    folded = fold(text)
    if role == "timing":
        if timing.kind != "unspecified":
            score += 4.0
        elif "hoan thanh" in folded:
            score += 1.0
        else:
            score -= 4.0
        score -= 0.5 * max(0, len(text.split()) - 8)
    elif role in {"lead", "coordinating"}:
        score += 3.0 * agencies
        if timing.kind != "unspecified" and agencies < 0.5:
            score -= 3.0
        if role == "coordinating" and folded.endswith("lien quan"):
            score += 1.0
    elif role == "output":
        score -= 2.0 * agencies
        if folded.startswith(_DOCUMENT_WORDS):
            score += 1.5
        if timing.kind in {"date", "month", "quarter"}:
            score -= 2.0
    else:
        score -= 1.0
    return score


def _timing_tail(line: str) -> list[str]:
    """A line whose end is the time cell, merged by the text layer ("văn bản phối hợp Thường
    xuyên"), as two lines."""
    words = line.split()
    for index in range(1, len(words)):
        if words[index][:1].isupper() and words[index - 1][:1].islower():
            head, tail = " ".join(words[:index]), " ".join(words[index:])
            if (
                parse_timing(tail).kind != "unspecified"
                and parse_timing(head).kind == "unspecified"
            ):
                return [head, tail]
    return [line]


_NOT_BEFORE_A_NAME = {
    "của",
    "với",
    "cho",
    "tại",
    "và",
    "thuộc",
    "giữa",
    "do",
    "bởi",
    "từ",
    "đến",
    "trong",
    "theo",
    "về",
    "các",
    "là",
    "hoặc",
    "gồm",
}


def _glued_name(line: str) -> str:
    """An agency's name at the end of a content line, not governed by the words before it."""
    words = line.split()
    for index in range(1, len(words)):
        candidate = " ".join(words[index:])
        if len(words) - index > 8 or not words[index][:1].isupper():
            continue
        previous = words[index - 1]
        if previous in _NOT_BEFORE_A_NAME or not previous[:1].islower() or previous[-1:] in ",;:":
            continue
        if index >= 2 and words[index - 2][:1].isupper():
            continue  # "Văn phòng UBND tỉnh": a name goes on, no name starts
        if looks_like_agency(candidate) == "pattern":
            return candidate
    return ""


def _best_split(lines: list[str], roles: list[str]) -> tuple[float, dict[str, list[str]]]:
    """The split of a row's narrow lines into its narrow columns, in order, scoring best."""
    lines = lines[:MAX_SPLIT_LINES]
    count = len(lines)
    last = len(roles) - 1
    # best[k][i]: best score of the first k roles over the first i lines, with the split
    best: list[list[tuple[float, list[int]]]] = [[(float("-inf"), [])] * (count + 1)]
    best[0][0] = (0.0, [])
    for k, role in enumerate(roles):
        row: list[tuple[float, list[int]]] = [(float("-inf"), [])] * (count + 1)
        for i in range(count + 1):
            for j in range(i + 1):
                previous, cuts = best[k][j]
                if previous == float("-inf"):
                    continue
                score = previous + _cell_score(lines[j:i], role, last=k == last)
                if score > row[i][0]:
                    row[i] = (score, [*cuts, i])
        best.append(row)
    score, cuts = best[len(roles)][count]
    cells: dict[str, list[str]] = {}
    start = 0
    for role, end in zip(roles, cuts, strict=True):
        cells[role] = lines[start:end]
        start = end
    return score, cells


def _continue_split(
    cells: dict[str, list[str]], more: list[str], roles: list[str]
) -> dict[str, list[str]]:
    """The narrow lines after a page break continue some of the cells of the row."""
    more = more[:12]
    best: tuple[float, dict[str, list[str]]] | None = None
    for cuts in itertools.combinations_with_replacement(range(len(more) + 1), len(roles) - 1):
        bounds = [0, *cuts, len(more)]
        trial = {
            role: cells.get(role, []) + more[bounds[k] : bounds[k + 1]]
            for k, role in enumerate(roles)
        }
        score = sum(
            _cell_score(trial[role], role, last=k == len(roles) - 1, continued=True)
            for k, role in enumerate(roles)
        )
        if best is None or score > best[0]:
            best = (score, trial)
    return best[1] if best else cells
