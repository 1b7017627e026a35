"""The header of an administrative document: issuer, number, place and date, title.

Vietnamese administrative documents open with two columns: on the left the issuing body (under
its parent body when it has one) and the number ("Số: 12/KH-UBND"); on the right the national
motto and "<place>, ngày dd tháng mm năm yyyy". The columns reach the parser as a table (DOCX,
a `|` table in text, a PDF header rebuilt by the PDF reader), as lines with a wide gap between
the columns (pdftotext), or one column after the other (a text layer). All three are read into
left-column and right-column lines first.

A draft often leaves the number or the day blank ("Số:    /KH-UBND", "ngày … tháng 3 năm
2026"): the field is then reported missing and flagged, never guessed from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from bmnn.core.text import fold, fold_aligned, nfc
from bmnn.plans.importer.model import ParsedHeader
from bmnn.plans.importer.table import Table

# Patterns run on folded text (so "So: 12/KH" and "Bac Lam, ngay …" match too); the values are
# sliced from the original at the same positions.
PLACE_DATE_RE = re.compile(
    r"(?P<place>[a-z][a-z]*(?: [a-z]+){0,4}?)\s*,\s*ngay[\s._…]*(?P<d>\d{1,2})?[\s._…]*thang"
    r"[\s._…]*(?P<m>\d{1,2})?[\s._…]*nam\s*(?P<y>\d{4})"
)
NUMBER_RE = re.compile(
    r"(?:^|\s)so\s*:\s*(?P<num>[\w.…_\-]*\s*/\s*[\w\-]+(?:\s*/\s*[\w\-]+)?)", re.UNICODE
)
PROVINCE_RE = re.compile(r"tỉnh\s+((?:[A-ZĐ][\wÀ-ỹ]*\s?){1,3})")
_COLUMN_GAP = re.compile(r"\s{3,}|\s+/\s+")
_DECORATION = re.compile(r"^[-_=*–—.\s]+$")
_DECORATION_TAIL = re.compile(r"[\s\-_=*–—]{3,}$")
_MOTTO = ("cong hoa", "doc lap", "dang cong san")
_DOCUMENT_KINDS = (
    "ke hoach",
    "quyet dinh",
    "bao cao",
    "chi thi",
    "cong van",
    "thong bao",
    "huong dan",
    "chuong trinh",
    "nghi quyet",
    "to trinh",
)
# A line that goes on naming the body above it ("ỦY BAN NHÂN DÂN" / "TỈNH LÀO CAI")
_CONTINUATION = re.compile(r"^(tinh|thanh pho|huyen|quan|thi xa|xa|phuong)\b(?! uy)")


@dataclass
class HeaderLines:
    """The header zone's lines in reading order, and split by column when columns were seen."""

    lines: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    right: list[str] = field(default_factory=list)
    # whole cells and lines, spaces collapsed: a blank left in "Số:      /KH-SNV" is no column
    whole: list[str] = field(default_factory=list)


def _cell_lines(text: str) -> list[str]:
    text = nfc(text).replace("*", " ")
    return [part.strip() for part in _COLUMN_GAP.split(text) if part.strip()]


def header_lines(blocks: Iterable[str | Table]) -> HeaderLines:
    found = HeaderLines()
    for block in blocks:
        if isinstance(block, Table):
            for row in block.rows:
                cells = [c for c in row if c.strip()]
                if not cells:
                    continue
                left = _cell_lines(cells[0])
                right = _cell_lines(cells[-1]) if len(cells) > 1 else []
                found.whole.extend(" ".join(c.replace("*", " ").split()) for c in cells)
                found.left.extend(left)
                found.right.extend(right)
                found.lines.extend(left + right)
            continue
        text = block.strip()
        if not text:
            continue
        found.whole.append(" ".join(text.split()))
        parts = [p.strip() for p in re.split(r"\s{3,}", text) if p.strip()]
        if len(parts) >= 2:
            found.left.append(parts[0])
            found.right.append(parts[-1])
            found.lines.extend(parts)
        else:
            found.left.append(text)
            found.right.append(text)
            found.lines.append(text)
    return found


def is_upper_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.7 * len(letters)


def read_number(header: ParsedHeader, lines: list[str]) -> None:
    for line in lines:
        match = NUMBER_RE.search(fold_aligned(line))
        if match:
            header.number = re.sub(r"\s+", "", line[match.start("num") : match.end("num")])
            header.number = header.number.lstrip("._…")
            if not re.match(r"\d", header.number):
                header.uncertain.append("number")
            return
    header.uncertain.append("number")


def read_place_date(header: ParsedHeader, found: HeaderLines) -> None:
    for raw in [*found.right, *found.lines, *found.whole]:
        number = NUMBER_RE.search(fold_aligned(raw))
        line = raw[number.end() :] if number else raw  # "Số: 12/KH-UBND Bắc Lâm, ngày …"
        match = PLACE_DATE_RE.search(fold_aligned(line))
        if not match:
            continue
        header.place = line[match.start("place") : match.end("place")].strip()
        header.date_text = " ".join(line[match.start() : match.end()].split())
        day, month, year = match.group("d"), match.group("m"), match.group("y")
        if day and month:
            try:
                header.date = date(int(year), int(month), int(day))
            except ValueError:
                header.uncertain.append("date")
        else:
            header.uncertain.append("date")
        return
    header.uncertain.append("date")


def issuer_lines(found: HeaderLines) -> list[str]:
    """The issuing body's lines in capitals at the top of the left column, before the number:
    lines of other text before them (a file's own notes) are skipped, rules are dropped."""
    names: list[str] = []
    for raw in found.left:
        motto = re.search(r"\s(CỘNG HÒA|CỘNG HOÀ|Độc lập)\b", raw)
        text = _DECORATION_TAIL.sub("", raw[: motto.start()] if motto else raw).strip()
        folded = fold(text)
        if not text or _DECORATION.match(text):
            continue
        if folded.startswith(("so:", "so :")) or NUMBER_RE.search(fold_aligned(text)):
            break
        if folded.startswith(_MOTTO):
            continue
        if not is_upper_heading(text):
            if names:
                break
            continue
        if folded.startswith(_DOCUMENT_KINDS):
            break
        names.append(text)
    return names


def issuer_from_lines(lines: list[str], recase: dict[str, str]) -> str:
    """The lowest body of the issuer lines ("UBND TỈNH X" / "SỞ TƯ PHÁP" -> Sở Tư pháp), in the
    casing the document itself uses for that name when it does."""
    bodies: list[str] = []
    for line in lines:
        if bodies and _CONTINUATION.match(fold(line)):
            bodies[-1] = f"{bodies[-1]} {line}"
        else:
            bodies.append(line)
    if not bodies:
        return ""
    name = " ".join(bodies[-1].split())
    match = re.match(r"(?i)(?:ủy|uỷ) ban nhân dân\s+(tỉnh|thành phố)\s+(.+)", name)
    if match:
        return f"UBND {match.group(1).lower()} {match.group(2).title()}"
    written = recase.get(fold(name))
    if written:
        return written
    sentence = name[:1] + name[1:].lower()
    # a place keeps its capitals: "Công an tỉnh Bắc Lâm"
    return re.sub(
        r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)\s+(.+)$",
        lambda m: f"{m.group(1)} {m.group(2).title()}",
        sentence,
    )


def find_written(text: str, names: Iterable[str]) -> dict[str, str]:
    """How the body text writes each of `names` (folded -> first mixed-case occurrence)."""
    folded_text = fold_aligned(text)
    found: dict[str, str] = {}
    for name in names:
        key = fold(name)
        if not key:
            continue
        pattern = re.compile(
            r"(?<![a-z0-9])" + r"\s+".join(map(re.escape, key.split())) + r"(?![a-z0-9])"
        )
        for match in pattern.finditer(folded_text):
            words = " ".join(text[match.start() : match.end()].split())
            if not words.isupper():
                found[key] = words
                break
    return found
