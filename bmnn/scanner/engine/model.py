"""What extractors produce and what the detector returns: plain data, no Django."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bmnn.scanner.engine.normalise import fold

HEADER = "header"  # where an administrative document carries its marks: the top of page one
BODY = "body"
MAIL_SUBJECT = "mail-subject"  # the origin of a mail's subject line (its body's is "mail")


def is_red_rgb(r: int, g: int, b: int) -> bool:
    """A colour (0–255 channels) a reader calls red: dark red, faded red and red shading to
    plum ("801E60") included; orange, pink, magenta, purple and brown not — the stamp's colour
    (TT24 Art. 3.2) wherever a format keeps colours."""
    return r >= 0x80 and max(g, b) <= 0x66 and r - g >= 0x50 and r > b


@dataclass(frozen=True)
class Block:
    """One line or short run of text with where it was found.

    `box` is (x0, y0, x1, y1) as fractions of the page, origin top-left, when the format has
    geometry (PDF text layer, OCR); `zone` is the extractor's judgement of whether the block sits
    in the header block of the first page, where the stamps belong; `order` is the reading
    order within the document."""

    text: str
    page: int = 1
    zone: str = BODY
    order: int = 0
    box: tuple[float, float, float, float] | None = None
    # text | ocr | table | textbox | page-header | cell | html | mail | mail-subject
    origin: str = "text"
    bold: bool = False
    # crossed out in the file (Word's strike-through): an old marking kept visible but void,
    # as when a level is changed (TT24 Form 06) or a document declassified (Form 05)
    struck: bool = False
    # written in red in the file (a cell's font, a slide shape's text or outline): the stamp's
    # own colour (Circular 24/2020/TT-BCA Art. 3.2), as `ocr-stamp` is for scans
    red: bool = False
    # read on a scan from inside a closed, stamp-shaped frame (no red ink on the page): the
    # frame Form 02 draws round the level, in a copy's black or grey
    framed: bool = False
    # read from a picture of a whole page inside a document (a scan pasted into a slide or a
    # Word file): `box` is then the place on that pictured page
    pictured: bool = False


@dataclass
class Extracted:
    """The text of one file, and the files inside it (archive members, mail attachments)."""

    kind: str
    blocks: list[Block] = field(default_factory=list)
    pages: int = 1
    members: list[tuple[str, bytes]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ocr_pages: float = 0.0  # pages' worth of OCR done (a header strip counts as its share)
    needs_more: Any = None  # callable that extracts the rest when the header was not decisive
    cleanup: Any = None  # callable releasing what `needs_more` would have used
    # pictures where a stamp could be (a stamp pasted as an image into a typed document, a
    # red mark cut by the header strip's edge): read by `needs_more` unless the text already
    # shows a secret
    unread_images: bool = False
    # a stamp-shaped mark below a scanned page's header strip, not read yet: read by
    # `needs_more` even when the header already shows a secret, as it may be the declassification
    # (Form 05) or the change of level (Form 06) stamped lower than the old level
    marks_below: bool = False
    # the scan's budget ran out while reading this file's members (LimitReached): the rest of
    # them were not read
    limit: Any = None


@dataclass(frozen=True)
class Evidence:
    rule: str
    text: str
    page: int
    zone: str
    score: float
    box: tuple[float, float, float, float] | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "rule": self.rule,
            "text": self.text,
            "page": self.page,
            "zone": self.zone,
            "score": round(self.score, 3),
        }
        if self.box is not None:
            data["box"] = [round(v, 4) for v in self.box]
        return data


@dataclass
class Verdict:
    path: str
    secret: bool = False
    level: str | None = None
    declassified: bool = False
    score: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)
    kind: str = ""
    error: str | None = None
    decisive: bool = True
    # which of the scan's limits stopped the reading of this file or of something inside it
    # (bytes, members, depth, time): the file was not read in full, so "not secret" is no
    # verdict of clean
    limit: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "secret": self.secret,
            "level": self.level,
            "declassified": self.declassified,
            "score": round(self.score, 3),
            "evidence": [e.as_dict() for e in self.evidence],
            "kind": self.kind,
        }
        if self.error:
            data["error"] = self.error
        if self.limit:
            data["limit"] = self.limit
            data["incomplete"] = True
        return data


ANNEX_TITLE = re.compile(r"^phu luc\b")  # an annex's title, folded ("PHỤ LỤC II", "Phụ lục: ...")
ANNEX_PAGES = 3  # later pages (or slides) opening an annex whose top pictures are read


def annex_pages(blocks: list[Block], among: set[int] | None = None) -> list[int]:
    """The later pages (numbered from 1; only those `among`, when given) that open an annex:
    an annex's title in their first three lines, or the title in capitals under the annex's
    own administrative header ("PHỤ LỤC" below its agency, number and motto, within its first
    `ANNEX_HEADED` lines). A public covering letter or deck sends a secret annex, whose stamp
    may be a picture at its top. At most `ANNEX_PAGES`."""
    firsts: dict[int, list[str]] = {}
    for block in blocks:
        wanted = block.page > 1 and (among is None or block.page in among)
        if wanted and len(firsts.setdefault(block.page, [])) < ANNEX_HEADED:
            firsts[block.page].append(block.text[:40])
    opening = [
        page
        for page, lines in firsts.items()
        if any(
            ANNEX_TITLE.match(fold(line)) and (index < 3 or line[:7].upper() == line[:7])
            for index, line in enumerate(lines)
        )
    ]
    return opening[:ANNEX_PAGES]


ANNEX_HEADED = 8  # lines: an administrative header's six, a blank-free title, and its subject
