"""Finding the official markings in extracted text and weighing them into a verdict.

A level stamp (TT24 Form 02) is a short line of its own, in capitals, that says exactly
TUYỆT MẬT, TỐI MẬT or MẬT — not the word inside a sentence — and sits in the header block of
the first page, under the number-and-symbol line (Form 19). The other stamps of TT24 (Forms 04,
05, 07, 08, 09, 11) corroborate. What makes a document *about* secrets look like one is
handled explicitly: several different levels shown together, or next to "Mẫu số" / "mẫu dấu",
are specimens (the forms circular, training material); an empty "Độ mật:" field is a template.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from bmnn.core.levels import ENVELOPE_LETTER, MAT, STAMP_WORDS
from bmnn.scanner.engine.model import (
    ANNEX_TITLE,
    HEADER,
    MAIL_SUBJECT,
    Block,
    Evidence,
    Verdict,
)
from bmnn.scanner.engine.normalise import (
    OCR_LETTERS,
    collapse,
    fold,
    is_upper,
    letters_key,
    strip_diacritics,
)

# The level stamp's words (TT24 Form 02) as printed, and as OCR's letters-only key.
LEVEL_EXACT = {words: level for level, words in STAMP_WORDS.items()}
LEVEL_KEYS = {letters_key(words): level for level, words in STAMP_WORDS.items()}
# Keys long enough to be matched approximately (MẬT alone is too short to tell from noise).
FUZZY_LEVEL_KEYS = tuple(key for key, level in LEVEL_KEYS.items() if level != MAT)
# Real words within the approximate match of a level that OCR reads right far more often than
# it misreads a level into them: "TÓM TẮT" (summary) is two letters from "TỐI MẬT".
LOOKALIKE_KEYS = frozenset({"TOMTAT"})
OCR_ORIGINS = frozenset({"ocr", "ocr-stamp"})
THRESHOLD = 0.7
PAGE_TOP = 6  # the first blocks of a later page of a file without geometry are its top
DECISIVE = 0.85

# Other stamps: letters-only key (or a folded-text pattern) → (rule, weight).
STAMP_KEYS = {
    "GIAIMAT": "declassified_stamp",  # Form 05
    "TAILIEUTHUHOI": "recall_stamp",  # Form 07
    "CHINGUOICOTENMOIDUOCBOCBI": "named_recipient_stamp",  # Form 07
    "BANSAOBMNN": "copy_stamp",  # Forms 09/11, last page
}
STAMP_PATTERNS = (
    (re.compile(r"^ban sao so\s*[:.]?\s*\d{1,4}$"), "copy_stamp"),  # Form 11, first page
    (re.compile(r"^ban so\s*[:.]?\s*\d{1,4}$"), "copy_number_stamp"),  # Form 08
    (re.compile(r"^(gia han )?thoi han bao ve\b.{0,60}$"), "protection_period_stamp"),  # Form 04
)
CHANGE_KEY = "DIEUCHINHDOMAT"  # Form 06
# stamps that sit beside a level stamp: the recall mark (Form 07), copy marks and urgency
# marks, longest first
COMPANION_KEYS = (
    "TAILIEUTHUHOI",
    "SAOYBANCHINH",
    "THUONGKHAN",
    "TRICHSAO",
    "HOATOC",
    "SAOLUC",
    "BANSAO",
    "SAOY",
    "KHAN",
)
# Form 05's second row ("Từ: dd/mm/yyyy"), also written on the first row's line
DATE_ROW = re.compile(r"^(tu|ke tu|ngay)\b\s*[:.]?\s*[\d.…_ /-]*")
# or the decision that declassified it, named after the stamp's words
DECISION_ROW = re.compile(r"^(theo )?(qd|quyet dinh|van ban|cong van)?\s*so\b")
ENVELOPE_LEVELS = {letter: level for level, letter in ENVELOPE_LETTER.items()}  # ND26 Art. 4.1.b
ENVELOPE_ORIGIN = "envelope-mark"  # a circled letter found by its shape (extract/envelope.py)
CORROBORATION = {
    "recall_stamp": 0.15,
    "named_recipient_stamp": 0.2,
    "copy_stamp": 0.1,
    "copy_number_stamp": 0.1,
    "protection_period_stamp": 0.15,
    "level_change_stamp": 0.2,
}

MOTTO = (
    # "cộng hòa xã hội chủ nghĩa Việt Nam" by its first words: a fax or a worn copy keeps
    # them and garbles the rest ("CỘNG HÒA XÃ HỘI CHỦ NG HÌA VIỆT")
    "cong hoa xa hoi chu",
    "doc lap - tu do - hanh phuc",
    "doc lap tu do hanh phuc",
)
NUMBER_LINE = re.compile(r"^so\s*[:.]\s*\S*\d")
# The issuing body's name at the top left (Decree 30/2020 layout): also part of the header.
AGENCY_LINE = re.compile(
    r"^(ubnd|uy ban nhan dan|so |cong an|ban |tinh uy|dang uy|van phong|hoi dong nhan dan|bo )"
)
SPECIMEN_WORDS = (
    "mau so",
    "mau dau",
    "dau chi do",
    "dau do mat",
    "vi du",
    "minh hoa",
    "hinh thuc dau",
    "mau con dau",
    "kich thuoc",
    "khung hinh chu nhat",
    "vi tri dong dau",
    "dau mat",
)
# whole words only: "đơn vị được" folds to "don vi duoc", which holds "vi du" ("for example")
SPECIMEN = re.compile(r"\b(?:" + "|".join(map(re.escape, SPECIMEN_WORDS)) + r")\b")
# the specimen stamp itself: "MẪU" in capitals, alone or after the level it shows ("TUYỆT MẬT
# MẪU"), as a handout prints it beside a sample (OCR drops its mark: "MAU")
# where a caption says its picture is: on the next page or slide
NEXT_PAGE = re.compile(r"\b(?:trang|slide|hinh|phan) (?:sau|tiep theo|ke tiep)\b")
SPECIMEN_STAMP = re.compile(r"^(?:(?:tuyet |toi )?mat )?mau$")
# a caption that opens with the word: "MẪU - dùng để hướng dẫn", "Mẫu: dấu độ Mật" — matched
# with its marks ("Màu:", colour, folds alike), or with none at all, as OCR may drop them
SPECIMEN_CAPTION = re.compile(r"^m(?:ẫ|a)u\s*[-–:]")
# a caption that calls a picture an example: "Hình 2. Mẫu văn bản mật", "(minh họa)", "Ví
# dụ:", "Mẫu: …", "ảnh mẫu" (folded)
PICTURE_CAPTION = re.compile(
    r"\b(?:minh hoa|vi du|anh mau|mau (?:van ban|dau|con dau))\b|^mau\s*[-:]"
)
LEVEL_FIELD = re.compile(r"^do mat\s*[:.]\s*(.*)$")
# "A. MẬT", "2) TỐI MẬT": an answer or a list item, not a stamp.
ENUMERATION = re.compile(r"^(?:[A-Da-d]|\d{1,2})\s*[.)]\s+\S")


@dataclass
class Candidate:
    block: Block
    index: int
    level: str
    score: float
    exact: bool
    notes: list[str]


def stamp_level(text: str, *, approximate: bool = True) -> tuple[str, bool] | None:
    """The level a line states as a stamp, and whether it matched letter for letter. Letters
    misread (`approximate`) are allowed for text read by OCR only: typed text has the level's
    own letters, and a typed "TÓM TẮT" (a summary) is not a misread "TỐI MẬT"."""
    line = collapse(text)
    if not line or len(line) > 40 or not is_upper(line) or ENUMERATION.match(line):
        return None
    if line in LEVEL_EXACT:
        return LEVEL_EXACT[line], True
    joined = line.replace(" ", "")
    for stamp, level in LEVEL_EXACT.items():
        if joined == stamp.replace(" ", ""):
            return level, True
    key = letters_key(line)
    # Two stamps side by side, or one over the other, are read as one line: a copy mark or an
    # urgency mark (Decree 30/2020 Art. 15) before or after the level — the level is the rest.
    rests = [
        rest
        for companion in COMPANION_KEYS
        for rest in (key.removeprefix(companion), key.removesuffix(companion))
        if rest != key
    ]
    marked = _marked_letters(line) if not approximate else ""
    for rest in rests:
        if rest in LEVEL_KEYS:
            part = marked[len(key) - len(rest) :] if key.endswith(rest) else marked[: len(rest)]
            if approximate or _typed_as_level(part, LEVEL_KEYS[rest], len(marked) == len(key)):
                return LEVEL_KEYS[rest], False
    # the letters without their marks: typed in ASCII or an old font
    if key in LEVEL_KEYS and (
        approximate or _typed_as_level(marked, LEVEL_KEYS[key], len(marked) == len(key))
    ):
        return LEVEL_KEYS[key], False
    if not approximate:
        return None
    # A frame or bracket read by OCR often adds an L, I or J at either end of the word; the
    # level beside a companion mark is misread as often as one alone.
    trimmed = key.strip("LIJ") if len(key) > 3 else key
    for variant in dict.fromkeys((key, trimmed, *rests)):
        if variant in LEVEL_KEYS:
            return LEVEL_KEYS[variant], False
        for target in FUZZY_LEVEL_KEYS:
            if (
                variant not in LOOKALIKE_KEYS
                and len(variant) >= 5
                and abs(len(variant) - len(target)) <= 2
                and fuzz.ratio(variant, target) >= 80
            ):
                return LEVEL_KEYS[target], False
    return None


def _level_under_the_number(text: str, above: str) -> tuple[str, bool] | None:
    """A level on its own line right under the document's number (`above`, folded), written
    in any case: where Form 19 puts the stamp. Typed "Tối mật" and shown in capitals by a
    character style (Word's caps), the text keeps the letters as typed."""
    line = collapse(text).upper()
    if line in LEVEL_EXACT and NUMBER_LINE.match(above):
        return LEVEL_EXACT[line], False
    return None


def _marked_letters(line: str) -> str:
    """The letters of a line as `letters_key` keeps them, one for one, but with their marks."""
    return "".join(ch for ch in line.translate(OCR_LETTERS).upper() if ch.isalpha())


def _typed_as_level(marked: str, level: str, aligned: bool) -> bool:
    """Whether typed letters that fold to a level's are that level: each letter written with
    the level's own marks or some of them (ASCII, an old font read bare, a tone mark left out
    in typing: "TÔI MẬT", "MÂT"). A letter with a mark the level's letter lacks makes another
    word: "MẤT" (lost) in an inventory's column, "MẶT", "MÁT", "TỐI MẤT"."""
    if not aligned:  # a letter without a composed form: the marks cannot be told apart here
        return True
    own = STAMP_WORDS[level].replace(" ", "")
    return len(own) == len(marked) and all(
        _marks(typed) <= _marks(wanted) for typed, wanted in zip(marked, own, strict=True)
    )


def _marks(letter: str) -> set[str]:
    """The combining marks of a letter ("Ậ" → circumflex and dot below; "Đ" counts its bar)."""
    marks = {ch for ch in unicodedata.normalize("NFD", letter) if unicodedata.combining(ch)}
    return marks | ({"bar"} if letter in "Đđ" else set())


def is_stamp_line(text: str) -> bool:
    """A line that reads as any official stamp (used by OCR to pick the best reading)."""
    return stamp_level(text) is not None or _other_stamp(text) is not None


def _upper_head(line: str) -> tuple[str, str]:
    """The capitalised words a line starts with, and what follows them ("GIẢI MẬT Từ: 12/05/2026"
    → "GIẢI MẬT", "Từ: 12/05/2026"): a stamp's first row printed on one line with its second."""
    words = line.split(" ")
    count = 0
    while count < len(words) and is_upper(words[count]):
        count += 1
    return " ".join(words[:count]), " ".join(words[count:])


# what a stamp's second row says after the level, printed on the same line (a footer's one
# section, or a stamp's two rows read as one line): the copy's number ("MẬT Bản số: 03"), or
# the date of the change that gave the level ("TUYỆT MẬT Điều chỉnh ngày 27/04/2029")
LEVEL_ROW_AFTER = re.compile(
    r"^(?:(?:ban so|so ban)\s*[:.]?\s*\d"
    r"|(?:dieu chinh|thay doi)(?: do mat)?\s*(?:ngay|tu ngay|theo)\b)"
)


def _level_before_its_row(text: str) -> tuple[str, bool] | None:
    head, rest = _upper_head(collapse(text))
    if not head or not LEVEL_ROW_AFTER.match(fold(rest)):
        return None
    return stamp_level(head, approximate=False)


def change_of_level(text: str) -> tuple[bool, str | None]:
    """Whether a line is the level-change stamp (TT24 Form 06, "ĐIỀU CHỈNH ĐỘ MẬT"), and the
    new level when the line itself states it ("ĐIỀU CHỈNH ĐỘ MẬT: TỐI MẬT", "... THÀNH MẬT")."""
    line = collapse(text)
    if not line or len(line) > NOTE_LENGTH:
        return False, None
    if len(line) > 80:  # longer than a stamp: a note of the change, naming its decision
        return _change_note(line)
    head, rest = _upper_head(line)
    key = letters_key(head)
    if not key.startswith(CHANGE_KEY) and fuzz.ratio(key[: len(CHANGE_KEY)], CHANGE_KEY) < 88:
        return _change_note(line)
    tail = key[len(CHANGE_KEY) :].removeprefix("THANH").removeprefix("LEN").removeprefix("XUONG")
    return True, LEVEL_KEYS.get(tail) or new_level_row(rest)


# the stamp's row naming the new level, on the stamp's line or the next: "Thành: TỐI MẬT",
# "Thành Mật", "Độ mật mới: MẬT", followed perhaps by the deciding document ("Theo QĐ số
# 58/QĐ-BCH ...")
NEW_LEVEL_ROW = re.compile(
    r"^(?:thanh|len|xuong|(?:do mat|muc) moi)\s*[:.]?\s*(?:do )?(tuyet mat|toi mat|mat)\b"
)


def new_level_row(text: str) -> str | None:
    """The new level a row of the level-change stamp states, or None."""
    found = NEW_LEVEL_ROW.match(fold(collapse(text)))
    return LEVEL_KEYS.get(letters_key(found.group(1).upper())) if found else None


# the change written as a note in mixed case: "Thay đổi độ mật theo CV số 33/UBND-NC ...",
# "Điều chỉnh độ mật thành Tối mật" — a short line that starts with the words, then the
# deciding document or the new level (OCR often reads the note's small "mật" as "một")
CHANGE_NOTE = re.compile(
    r"^(?:dieu chinh|thay doi|tang|giam|nang|ha) do m[ao]t\s*(?:(?::|thanh|len|xuong)\s*(.*)|(?:theo|tu|ngay)\b.*|)$"
)


# or with the level first and both levels named: "Độ mật thay đổi từ Tối mật thành Mật theo
# Quyết định số 10/QĐ-UBND", "Độ mật được điều chỉnh từ Mật lên Tối mật"
CHANGE_FROM_TO = re.compile(
    r"^do mat (?:duoc |da )?(?:dieu chinh|thay doi) tu (?:do )?(?:tuyet mat|toi mat|mat)"
    r" (?:thanh|sang|len|xuong) (?:do )?(tuyet mat|toi mat|mat)\b"
)
NOTE_LENGTH = 120  # a change note may name its decision at length


def _change_note(line: str) -> tuple[bool, str | None]:
    folded = fold(line)
    found = CHANGE_NOTE.match(folded) or CHANGE_FROM_TO.match(folded)
    if found is None:
        return False, None
    stated = letters_key((found.group(1) or "").upper())
    return True, LEVEL_KEYS.get(stated) or new_level_row("thanh " + (found.group(1) or ""))


def _other_stamp(text: str) -> str | None:
    line = collapse(text)
    if not line or len(line) > NOTE_LENGTH:
        return None
    if len(line) > 80:  # a stamp's row with its decision named at length
        if change_of_level(line)[0]:
            return "level_change_stamp"
        return "declassified_stamp" if _declassification_line(line) else None
    key = letters_key(line)
    if is_upper(line):
        for stamp, rule in STAMP_KEYS.items():
            if key == stamp or (len(key) >= 6 and fuzz.ratio(key, stamp) >= 88):
                return rule
    if change_of_level(line)[0]:
        return "level_change_stamp"
    if _declassification_line(line):
        return "declassified_stamp"
    folded = fold(line)
    for pattern, rule in STAMP_PATTERNS:
        if pattern.match(folded) and (rule != "protection_period_stamp" or is_upper(line)):
            return rule
    return None


def _declassification_line(line: str) -> bool:
    """Form 05 written on one line with what follows it: "GIẢI MẬT Từ: 12/05/2026", or "ĐÃ GIẢI
    MẬT" with the deciding document ("ĐÃ GIẢI MẬT QĐ số 189/QĐ-UBND ngày 12/08/2026"). The
    words of the stamp are in capitals; a sentence about declassifying ("Giải mật theo ...")
    is not a stamp."""
    head, rest = _upper_head(line)
    key = letters_key(head).removeprefix("DA")
    if not key.startswith("GIAIMAT"):
        return False
    extra = key.removeprefix("GIAIMAT")  # an abbreviation in capitals read with the head
    if extra not in ("", "QD", "SO"):
        return False
    folded = fold(rest)
    if not extra and not folded:
        return key != letters_key(head)  # "ĐÃ GIẢI MẬT" alone ("GIẢI MẬT" is in STAMP_KEYS)
    return bool(extra) or bool(DATE_ROW.match(folded) or DECISION_ROW.match(folded))


def _misread_declassification(text: str, below: list[str]) -> bool:
    """Form 05's words read by OCR with one letter wrong ("GIAT MẠT", "GIẢI MẬI") on a line of
    their own, with one of the stamp's own rows under them: its date ("Ngày 04 tháng 6 năm
    2026", "Từ: …"), its deciding document ("Theo QĐ số …") or who declassified it. The words
    alone, one letter off, could be another pair of words."""
    key = letters_key(text).removeprefix("DA")
    if not is_upper(collapse(text)) or len(key) != len("GIAIMAT") or key == "GIAIMAT":
        return False
    if sum(a != b for a, b in zip(key, "GIAIMAT", strict=True)) != 1:
        return False
    return any(
        DATE_ROW.match(row) or DECISION_ROW.match(row) or row.startswith("nguoi giai mat")
        for row in below
        if row
    )


def _relative_top(block: Block, page_tops: dict[int, float]) -> float | None:
    """How far down the page's text the block starts (0 = the first line), for formats with
    geometry: a photo or a cropped scan puts the document's top anywhere in the image."""
    if block.box is None:
        return None
    first = page_tops.get(block.page, 0.0)
    return (block.box[1] - first) / max(0.2, 1.0 - first)


def _top_of_page(block: Block, page_tops: dict[int, float] | None = None) -> bool:
    position = _relative_top(block, page_tops or {})
    return position is not None and position < 0.35


# formats whose reader gives no pages (where the page is known, the top of a page decides)
PAGELESS = frozenset(("doc", "rtf", "wordml", "text", "html"))
FOOT = 0.9  # a line starting this far down the page is in its foot


def _heads_an_annex(index: int, blocks: Sequence[Block]) -> bool:
    """Whether the line right after a block (one of the next two) is an annex's title
    ("PHỤ LỤC ...") on the same page."""
    block = blocks[index]
    for after in blocks[index + 1 : index + 3]:
        if after.page != block.page:
            return False
        if ANNEX_TITLE.match(fold(collapse(after.text))):
            return is_upper(after.text.split(" ")[0]) or after.bold
    return False


# a forwarded message's first line and header fields, as mail programs write them
MAIL_HEAD = re.compile(
    r"^(?:-+ ?(?:forwarded message|original message|thu chuyen tiep|tin nhan goc) ?-+"
    r"|(?:from|to|cc|date|sent|subject|tu|den|gui|ngay gui|chu de|tieu de)\s*:)"
)


def _opens_the_message(index: int, blocks: Sequence[Block]) -> bool:
    """Whether a mail's line is the first of its body: right after the subject (the mail's
    very first line when it has none) or after a header field of a message forwarded in it."""
    if blocks[index].origin != "mail":
        return False
    if index == 0:
        return True
    before = blocks[index - 1]
    return before.origin == MAIL_SUBJECT or (
        before.origin == "mail" and MAIL_HEAD.match(fold(before.text)) is not None
    )


def _may_be_other_stamp(text: str) -> bool:
    """Cheap test before `_other_stamp` for a line in mixed case: it starts like "Bản sao",
    "Bản số", "Giải mật", "Đã giải mật", "Điều chỉnh", "Thay đổi" or a change's verb before
    "độ mật" ("Tăng độ mật", "Hạ độ mật"; many short cells of a spreadsheet start with
    B/G/Đ)."""
    head = strip_diacritics(text.lstrip()[:2]).lower()
    return (
        head in ("ba", "gi", "di", "da")
        or fold(text.lstrip()[:7]) in ("thay do", "do mat")
        or CHANGE_VERB.match(fold(text.lstrip()[:12])) is not None
    )


CHANGE_VERB = re.compile(r"(?:tang|giam|nang|ha) do m[ao]t\b")


def _maybe_upper(text: str) -> bool:
    """Cheap test before any normalisation: no lower-case letter except OCR's l for I."""
    return not any(ch.islower() and ch != "l" for ch in text)


def _mostly_upper(text: str) -> bool:
    """At least four letters in five are capitals (OCR lowers a few of them)."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def detect(blocks: Sequence[Block], path: str = "", kind: str = "") -> Verdict:
    # Reading order: by page, then top to bottom where the format gives positions.
    blocks = sorted(blocks, key=lambda b: (b.page, b.box[1] if b.box else 0.0, b.order))
    blocks = [part for block in blocks for part in _marks_apart(block)]
    folded_cache: dict[int, str] = {}

    def folded_at(i: int) -> str:
        if i not in folded_cache:
            folded_cache[i] = fold(blocks[i].text) if len(blocks[i].text) < 300 else ""
        return folded_cache[i]

    anchor_cache: dict[int, bool] = {}

    def is_anchor(i: int) -> bool:
        """The national motto or a number line: the marks of an administrative header."""
        if i not in anchor_cache:
            f = folded_at(i) if len(blocks[i].text) < 120 else ""
            anchor_cache[i] = bool(f) and (
                any(m in f for m in MOTTO)
                or bool(NUMBER_LINE.match(f))
                or (bool(AGENCY_LINE.match(f)) and _mostly_upper(blocks[i].text) and len(f) < 60)
            )
        return anchor_cache[i]

    def is_specimen(i: int) -> bool:
        f = folded_at(i)
        return 0 < len(f) < 200 and (
            SPECIMEN.search(f) is not None
            or (is_upper(blocks[i].text) and SPECIMEN_STAMP.match(f) is not None)
            or SPECIMEN_CAPTION.match(collapse(blocks[i].text).lower()) is not None
        )

    # where the format gives positions, a specimen's caption is found by place as well: on a
    # photo of a slide, OCR's stray pieces of the stamp may stand between the two in order
    specimens_with_box: dict[int, list[int]] = {}  # page → its specimen lines with a place
    for i, b in enumerate(blocks):
        if b.box is not None and len(b.text) < 200 and is_specimen(i):
            specimens_with_box.setdefault(b.page, []).append(i)
    # a caption that points at the next page ("the picture on the next slide is a specimen"):
    # that page's stamps are the specimen
    specimen_pages = {
        b.page + 1
        for i, b in enumerate(blocks)
        if len(b.text) < 200
        and ("sau" in b.text or "tiếp" in b.text)
        and is_specimen(i)
        and NEXT_PAGE.search(folded_at(i))
    }
    # a slide or page whose own text has a caption calling what it shows an example ("Hình 2.
    # Mẫu văn bản …", "(minh họa)"): a picture of a whole page pasted on it is that example,
    # wherever on the slide or page the caption stands
    pictured_pages = {b.page for b in blocks if b.pictured}
    captioned_pages = {
        b.page
        for b in blocks
        if b.page in pictured_pages
        and not b.pictured
        and len(b.text) < 200
        and PICTURE_CAPTION.search(fold(b.text)) is not None
    }
    page_starts: dict[int, int] = {}  # each page's first block (a later page opens an annex)
    for index, block in enumerate(blocks):
        page_starts.setdefault(block.page, index)
    page_tops: dict[int, float] = {}
    for block in blocks:
        if block.box is not None:
            page_tops[block.page] = min(page_tops.get(block.page, 1.0), block.box[1])

    def in_header(block: Block) -> bool:
        position = _relative_top(block, page_tops)
        return block.zone == HEADER or (block.page == 1 and position is not None and position < 0.3)

    header_anchored = any(
        is_anchor(i) for i, b in enumerate(blocks[:400]) if b.page == 1 and in_header(b)
    )
    # a workbook's sheets are its "pages": a sheet whose own top rows hold an administrative
    # header anchors a stamp at its top as page one's does
    anchored_pages = (
        {
            blocks[i].page
            for i in [i for i, b in enumerate(blocks) if b.zone == HEADER][:4000]
            if is_anchor(i)
        }
        if kind == "xlsx"
        else set()
    )
    evidence: list[Evidence] = []
    candidates: list[Candidate] = []
    others: list[tuple[int, str]] = []
    for index, block in enumerate(blocks):
        text = block.text
        short_upper = len(text) <= 60 and _maybe_upper(text)
        if block.origin == ENVELOPE_ORIGIN:
            letter = letters_key(text)
            if letter in ENVELOPE_LEVELS:
                specimen = _near(index, len(blocks), 3, is_specimen)
                candidates.append(
                    Candidate(
                        block,
                        index,
                        ENVELOPE_LEVELS[letter],
                        0.3 if specimen else 0.9,
                        True,
                        ["envelope mark (TT24 Form 03)"]
                        + (["specimen context"] if specimen else []),
                    )
                )
            continue
        found = stamp_level(text, approximate=block.origin in OCR_ORIGINS) if short_upper else None
        if found is None and index and len(text) <= 12 and in_header(block):
            found = _level_under_the_number(text, folded_at(index - 1))
        if found is None and len(text) <= 60 and text[:1].isupper():
            found = _level_before_its_row(text)
        if found is None and block.origin == "page-header" and kind == "xlsx":
            found = _level_field_filled_in(text)
        if found is None and block.origin != "page-header" and len(text) <= 40 and in_header(block):
            # a document's own record of its level atop it (a records system's export or
            # print: "Độ mật: Tối mật" above "UBND TỈNH …"), the value on the field's line or
            # in the next cell of its table row; weighed as any mark there (without an
            # administrative header, a form's field falls short)
            value = blocks[index + 1].text if index + 1 < len(blocks) else ""
            found = _level_field_filled_in(text, capitals=False) or (
                _level_field_filled_in(f"{text} {value}", capitals=False)
                if text.rstrip().endswith(":") and len(value) <= 20
                else None
            )
        if found is None:
            rule = None
            if len(text) <= NOTE_LENGTH and (short_upper or _may_be_other_stamp(text)):
                rule = _other_stamp(text)
            if (
                rule is None
                and block.origin in OCR_ORIGINS
                and _misread_declassification(
                    text,
                    [
                        folded_at(i)
                        for i in range(index + 1, min(len(blocks), index + 3))
                        if blocks[i].page == block.page
                    ],
                )
            ):
                rule = "declassified_stamp"
            if rule is None and _says_it_is_declassified(text):
                rule = "declassification_note"
            if rule is not None:
                others.append((index, rule))
            field = (
                LEVEL_FIELD.match(strip_diacritics(text).lower().strip())
                if block.zone == HEADER and len(text) < 120
                else None
            )
            if field is not None:
                value = field.group(1).strip(" .…_-")
                rule = "level_field" if value else "empty_level_field"
                evidence.append(
                    Evidence(rule, collapse(block.text), block.page, block.zone, 0.0, block.box)
                )
            continue
        level, exact = found
        notes = []
        score = 0.55
        if in_header(block):
            # In the header of an administrative document (motto or number line on page one)
            # the place is the one Form 19 gives; a lone capitalised line at the top of a web
            # page or a note is much weaker evidence.
            anchored = header_anchored or block.page in anchored_pages
            score += 0.3 if anchored else 0.1
            notes.append("header" if anchored else "header without an administrative header")
        elif _top_of_page(block, page_tops) or (
            block.box is None and block.page > 1 and index - page_starts[block.page] < PAGE_TOP
        ):
            score += 0.2
            notes.append("top of page")
        elif kind in PAGELESS and _heads_an_annex(index, blocks):
            # an annex carries its own stamp atop its first page, right above its title; in a
            # format without pages (a legacy .doc, RTF) that is the only sign of the new page
            score += 0.2
            notes.append("top of an annex")
        elif block.box is not None and block.box[1] > FOOT:
            score += 0.15  # printed at the foot of the page, as a footer is
            notes.append("foot of page")
        if kind == "eml" and exact and not header_anchored and _opens_the_message(index, blocks):
            # typed atop a mail's body, right under its subject or a forwarded message's
            # header fields: where a sender marks the message (a mail has no header to stamp)
            score += 0.2
            notes.append("top of the message")
        if kind == "text" and index == 0 and exact and _a_table_follows(blocks):
            # a plain text export of a table (CSV) has no header to stamp: its first line, the
            # level alone, is where the stamp is typed (a poem or a word list under the word
            # is not such a file)
            score += 0.1
            notes.append("first line of a table exported as text")
        window = range(max(0, index - 6), min(len(blocks), index + 7))
        if any(blocks[i].page == block.page and is_anchor(i) for i in window):
            score += 0.1
            notes.append("administrative header nearby")
        if block.origin == "page-header":  # printed atop every page: where a stamp is typed
            score += 0.15
            notes.append("page header")
        elif block.bold or block.origin == "textbox":
            score += 0.05
        if exact and level != "mat" and not block.struck and _own_box_atop_the_deck(block, blocks):
            # a deck is marked by a small box of the level atop its first slide (a box reading
            # MẬT alone needs more: the word has other senses)
            score += 0.1
            notes.append("a box of its own atop the first slide")
        if (
            block.origin == "ocr-stamp" or block.red
        ):  # read from red ink alone, or written in red: the stamp's own colour (TT24 Art. 3.2)
            score += 0.1
            notes.append("red ink")
            if block.origin == "ocr-stamp" and _in_a_red_line(block, blocks):
                score -= 0.4
                notes.append("one word of a line in red")
            elif block.origin == "ocr-stamp" and _other_sense_here(block, blocks):
                score -= 0.6
                notes.append("the first word of another word (mật ong, mật khẩu)")
            elif block.origin == "ocr-stamp" and _one_word_of_a_title(block, blocks):
                score -= 0.6
                notes.append("one word of a title the page reads on")
            elif (
                block.origin == "ocr-stamp"
                and level != "mat"
                and not in_header(block)
                and not _printed_in_a_line(block, blocks)
            ):
                # a red mark of its own reading TUYỆT MẬT or TỐI MẬT and nothing else, put lower
                # than the header (over the text, by the signature, at the foot): a stamp out of
                # Form 19's place is still a stamp (a lone red MẬT there may be a honey label)
                score += 0.1
                notes.append("a two-word level stamp of its own below the header")
        elif (
            block.framed
            and level != "mat"
            and not in_header(block)
            and not _printed_in_a_line(block, blocks)
        ):
            # the same on a copy: TUYỆT MẬT or TỐI MẬT alone inside a stamp-shaped frame of its
            # own (Form 02's), in black or grey, below the header
            score += 0.2
            notes.append("a framed two-word level stamp of its own below the header")
        if not exact:
            score -= 0.05
        if (
            any(
                blocks[i].page == block.page and is_specimen(i)
                for i in range(max(0, index - 3), min(len(blocks), index + 4))
            )
            or any(_captions(block, blocks[i]) for i in specimens_with_box.get(block.page, []))
            or block.page in specimen_pages
            or (block.pictured and block.page in captioned_pages)
        ):
            score -= 0.6
            notes.append("specimen context")
        candidates.append(Candidate(block, index, level, min(score, 1.0), exact, notes))

    changes = [
        (
            index,
            change_of_level(blocks[index].text)[1] or _new_level_below(index, blocks),
        )
        for index, rule in others
        if rule == "level_change_stamp"
        and not _near(index, len(blocks), 3, is_specimen)
        # a note in mixed case counts beside a level stamp only, not in a sentence elsewhere,
        # and names the deciding document (its number or date), as a training text does not
        and (
            is_upper(blocks[index].text)
            or (
                any(abs(c.index - index) <= 3 for c in candidates)
                and any(
                    DECIDING_DOCUMENT.search(blocks[i].text)
                    for i in range(index, min(len(blocks), index + 3))
                )
            )
        )
    ]
    if not (changes and _apply_change(candidates, changes, blocks)):
        _weigh_specimens(candidates)
        if kind == "pptx":
            _levels_slide_by_slide(candidates)
    corroboration = 0.0
    declassified_marks = []
    for index, rule in others:
        block = blocks[index]
        if rule == "declassified_stamp":
            # Form 05 where it belongs (the top, a page header, a text box, beside the level stamp)
            # or with its "Từ: date" row: a declassification; alone in the body, weaker
            placed = (
                in_header(block)
                or _top_of_page(block, page_tops)
                or block.origin in ("page-header", "textbox")
                or any(abs(c.index - index) <= 6 and c.block.page == block.page for c in candidates)
                or any(
                    DATE_ROW.match(folded_at(i))
                    for i in range(index + 1, min(len(blocks), index + 3))
                )
                or len(letters_key(block.text)) > len("GIAIMAT")
            )
            weight = 0.6 if placed else 0.4
            if _near(index, len(blocks), 3, is_specimen):
                weight = 0.1
            declassified_marks.append(weight)
            evidence.append(
                Evidence(rule, collapse(block.text), block.page, block.zone, weight, block.box)
            )
        elif rule == "declassification_note":
            # the document saying in so many words that it was declassified, and by what: the
            # "other form" of Law 29/2018 Art. 22 besides the stamp
            weight = 0.1 if _near(index, len(blocks), 3, is_specimen) else 0.6
            declassified_marks.append(weight)
            evidence.append(
                Evidence(rule, collapse(block.text), block.page, block.zone, weight, block.box)
            )
        else:
            weight = CORROBORATION[rule]
            corroboration += weight
            evidence.append(
                Evidence(rule, collapse(block.text), block.page, block.zone, weight, block.box)
            )

    verdict = Verdict(path=path, kind=kind)
    best = max(candidates, key=lambda c: (c.score, c.block.zone == HEADER), default=None)
    for candidate in sorted(candidates, key=lambda c: -c.score)[:5]:
        if candidate.score >= 0.2:
            rule = "level_stamp" + ("" if candidate.exact else " (approximate)")
            text = collapse(candidate.block.text)
            evidence.insert(
                0,
                Evidence(
                    rule,
                    text,
                    candidate.block.page,
                    candidate.block.zone,
                    candidate.score,
                    candidate.block.box,
                ),
            )
    if best is not None:
        verdict.level = best.level
        verdict.score = min(
            1.0, best.score + min(corroboration, 0.2) if best.score >= 0.5 else best.score
        )
    else:
        verdict.score = min(corroboration, 0.5)
    # Form 05 where it belongs declassifies even when the old stamp cannot be read (crossed out
    # on a scan): the document was secret and no longer is
    if any(w >= 0.6 for w in declassified_marks):
        verdict.declassified = True
    verdict.secret = verdict.score >= THRESHOLD and not verdict.declassified
    if not verdict.secret and not verdict.declassified:
        verdict.level = verdict.level if verdict.score >= 0.5 else None
    verdict.evidence = evidence
    verdict.decisive = _decisive(verdict, blocks, candidates)
    return verdict


# "Tài liệu này đã được giải mật (toàn bộ) theo Quyết định số ...": the document itself, in the
# past tense, in full (a part declassified leaves the rest secret), naming the deciding document
SELF_DECLASSIFIED = re.compile(
    r"\b(?:tai lieu|van ban) nay da (?:duoc )?giai mat\b(?! mot phan)(?! mot so)"
)


DECLASSIFIED_WORDS = ("iải mật", "IẢI MẬT", "iai mat", "IAI MAT")


DECLASSIFIED_KEYS = ("GIAIMAT", "DAGIAIMAT")  # Form 05's words, with or without "ĐÃ"


def _marks_apart(block: Block) -> list[Block]:
    """A level and its declassification stamped on one line ("MẬT   GIẢI MẬT" in a page's
    footer, a sheet's print header, one line of a scan) as two marks: each is then weighed as
    its own stamp, the level void beside the Form 05 mark. Any other block is kept whole."""
    text = block.text
    # no copy of a line that cannot be one: running text, or no capital G (GIẢI is in capitals)
    if "G" not in text or len(text) - text.count(" ") > 60:
        return [block]
    line = collapse(block.text)
    if len(line) > 40 or not is_upper(line):
        return [block]
    words = line.split()
    for cut in range(1, len(words)):
        head, tail = " ".join(words[:cut]), " ".join(words[cut:])
        for level_part, mark_part in ((head, tail), (tail, head)):
            if (
                letters_key(level_part) in LEVEL_KEYS
                and letters_key(mark_part) in DECLASSIFIED_KEYS
            ):
                return [replace(block, text=head), replace(block, text=tail)]
    return [block]


def _says_it_is_declassified(text: str) -> bool:
    # substring tests first (no copy of the text): this runs on every line without a stamp
    if len(text) > 400 or not any(word in text for word in DECLASSIFIED_WORDS):
        return False
    return bool(SELF_DECLASSIFIED.search(fold(text))) and bool(DECIDING_DOCUMENT.search(text))


def _in_a_red_line(block: Block, blocks: Sequence[Block]) -> bool:
    """Whether a mark read from red ink is one word of a line printed in red (a label's or a
    heading's words, each read as a mark of its own): two or more other red marks of the same
    height side by side with it. A level stamp stands apart, at most beside one other stamp."""
    if block.box is None:
        return False
    boxes = [
        other.box
        for other in blocks
        if other is not block
        and other.origin == "ocr-stamp"
        and other.page == block.page
        and other.box is not None
    ]
    return words_beside(block.box, boxes) >= 2


SLIDE_CORNER = (0.15, 0.4)  # of a slide: how low a marking box starts, and how wide it is


def _own_box_atop_the_deck(block: Block, blocks: Sequence[Block]) -> bool:
    """Whether a slide's block is a small box of its own at the top of the first slide, no other
    text in it: where a deck's level is put (a slide has no header to stamp)."""
    box = block.box
    if block.origin != "slide" or block.page != 1 or box is None:
        return False
    if box[1] >= SLIDE_CORNER[0] or box[2] - box[0] > SLIDE_CORNER[1]:
        return False
    return not any(other is not block and other.box == box for other in blocks)


def _level_field_filled_in(text: str, *, capitals: bool = True) -> tuple[str, bool] | None:
    """The level of a "Độ mật: TỐI MẬT" line whose value is one level and nothing else (in
    capitals where `capitals`), as a sheet prints its marking in the header or footer of every
    page (a form's blank field, dotted or with boxes to tick, holds none)."""
    if LEVEL_FIELD.match(strip_diacritics(collapse(text)).lower()) is None:
        return None
    value = re.split(r"[:.]", collapse(text), maxsplit=1)[1].strip(" .…_-")
    if not value or not all(ch.isalpha() or ch == " " for ch in value):
        return None  # a box to tick ("☐ MẬT", "[ ] MẬT"), a bracket, a list: not one value
    if capitals and not is_upper(value):
        return None
    found = stamp_level(value.upper(), approximate=False)
    return found if found is not None and found[1] else None


def _printed_in_a_line(mark: Block, blocks: Sequence[Block]) -> bool:
    """Whether the page's own reading has a red word inside a line of print: a line on the
    mark's row, over it and about as tall, that holds more than the level ("1) TỐI MẬT", an
    item of a handout's list). A stamp is bigger than the print around it, and where it stands
    alone the page reads the stamp and nothing else."""
    if mark.box is None:
        return False
    x0, y0, x1, y1 = mark.box
    height = y1 - y0
    letters = sum(ch.isalnum() for ch in mark.text)
    for other in blocks:
        if other.origin != "ocr" or other.box is None or other.page != mark.page:
            continue
        a0, b0, a1, b1 = other.box
        if (
            min(y1, b1) - max(y0, b0) > 0.6 * height
            and abs((b1 - b0) - height) < 0.3 * height
            and a0 < x1
            and a1 > x0
            and sum(ch.isalnum() for ch in other.text) > letters
        ):
            return True
    return False


def words_beside(box: Sequence[float], others: Sequence[Sequence[float]]) -> int:
    """How many of `others` stand beside `box` on its row, about as tall: the other words of a
    line whose words were found apart (a red heading's, one mark a word)."""
    x0, y0, x1, y1 = box
    height = y1 - y0
    beside = 0
    for a0, b0, a1, b1 in others:
        overlap = min(y1, b1) - max(y0, b0)
        if overlap > 0.6 * height and abs((b1 - b0) - height) < 0.3 * height:
            beside += a1 <= x0 or a0 >= x1
    return beside


# words that make "mật" something other than a level: honey, password, close (mật thiết),
# molasses, ambush, honeyed (mật ngọt), bear bile — compared without their marks (OCR drops
# them); density and cipher (độ, mã) only with them, since "Đồ Sơn", "do đó", "mà" fold alike
OTHER_SENSES = frozenset({"ong", "khau", "thiet", "mia", "phuc", "ngot", "gau"})
OTHER_SENSES_MARKED = frozenset({"ĐỘ", "MÃ"})


def _other_sense_here(mark: Block, blocks: Sequence[Block]) -> bool:
    """Whether the page's own reading, on the line where a red mark was cut out, has the mark's
    words followed by a word that makes them another word ("MẬT ONG" on a honey label, the
    "ONG" in a shadow the red-ink mask did not take)."""
    words = fold(mark.text).split()
    for line in _lines_across(mark, blocks):
        marked = line.text.upper().split()
        said = [fold(word) for word in marked]
        for start in range(len(said) - len(words)):
            after = start + len(words)
            if said[start:after] == words and (
                said[after] in OTHER_SENSES or marked[after] in OTHER_SENSES_MARKED
            ):
                return True
    return False


def _lines_across(mark: Block, blocks: Sequence[Block]) -> Iterator[Block]:
    """The page's own OCR lines on the row of a mark cut out of red ink: over most of its
    height, and reaching into it from either side."""
    if mark.box is None:
        return
    x0, y0, x1, y1 = mark.box
    for line in blocks:
        if line.origin != "ocr" or line.page != mark.page or line.box is None:
            continue
        a0, b0, a1, b1 = line.box
        if min(y1, b1) - max(y0, b0) >= 0.6 * (y1 - y0) and a1 > x0 and a0 < x1:
            yield line


def _one_word_of_a_title(mark: Block, blocks: Sequence[Block]) -> bool:
    """Whether the page's own reading puts a red mark inside a line of letters of its own size:
    the line holds the mark's words and runs on past the mark by half its width or more, and
    what it says there (a word of two or more letters) takes as much width per letter as the
    mark does. A title's first word printed in red ("MẬT ONG", its "ONG" in a shadow the
    red-ink mask did not take, and read as anything) is such a line; the smaller print that a
    stamp may share a line with ("Đồ Sơn, ngày 12 tháng 5") is not, and a framed stamp's mark,
    cut out with its frame, is wider per letter than any text beside it."""
    if mark.box is None:
        return False
    x0, _y0, x1, _y1 = mark.box
    words = fold(mark.text).split()
    per_letter = (x1 - x0) / max(1, sum(len(w) for w in words))
    for line in _lines_across(mark, blocks):
        a0, _b0, a1, _b1 = line.box or mark.box
        said = fold(line.text).split()
        at = [i for i in range(len(said)) if said[i : i + len(words)] == words]
        if not at:
            continue
        rest = said[: at[0]] + said[at[0] + len(words) :]
        if NUMBERED.search(" ".join(rest)):
            continue  # "Số: 15/KH-UBND", "Trang 12": a number line or a page's, not a title
        # the blank between the mark and the rest is not a letter: half a letter taken off
        beyond = max(0.0, x0 - a0) + max(0.0, a1 - x1) - 0.5 * per_letter
        letters = sum(len(w) for w in rest)
        if (
            any(sum(c.isalpha() for c in w) >= 2 for w in rest)
            and beyond >= 0.5 * (x1 - x0)
            and beyond / letters >= 0.6 * per_letter
        ):
            return True
    return False


# what a number line or a page number has and a title's words have not: a colon or slash, or
# two digits running
NUMBERED = re.compile(r"[:/]|\d\d")


# a document's number ("số 1242/QĐ-UBND", "33/UBND-NC") or a date: what a change note cites
DECIDING_DOCUMENT = re.compile(r"\d+\s*/\s*[A-ZĐ]|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}")


def _a_table_follows(blocks: Sequence[Block]) -> bool:
    """Whether most of the lines after the first are rows of a table (two or more commas,
    semicolons or tabs): a CSV export, not prose or a list of words."""
    rows = [b.text for b in blocks[1:9]]
    cells = [r for r in rows if max(r.count(","), r.count(";"), r.count("\t")) >= 2]
    return len(rows) >= 3 and len(cells) >= 0.6 * len(rows)


def _captions(stamp: Block, caption: Block) -> bool:
    """Whether `caption` is written right under or over `stamp`, as a specimen's caption is:
    the same page, overlapping columns, no further away than the stamp is tall."""
    if stamp.box is None or caption.box is None or stamp.page != caption.page:
        return False
    x0, y0, x1, y1 = stamp.box
    cx0, cy0, cx1, cy1 = caption.box
    if cx1 < x0 or cx0 > x1:
        return False
    gap = max(cy0 - y1, y0 - cy1)
    return gap <= max(y1 - y0, 0.02)


def _new_level_below(index: int, blocks: Sequence[Block]) -> str | None:
    """The new level stated by one of the two rows under the change stamp's first line. A
    scan's specks, read as a stray mark or two ("ˆ", "^^"), are no row."""
    rows = 0
    for i in range(index + 1, min(len(blocks), index + 3 + MOST_SPECKS)):
        block = blocks[i]
        if block.page != blocks[index].page or rows == 2:
            break
        if sum(letter.isalnum() for letter in block.text[:40]) < SPECK_LETTERS:
            continue
        rows += 1
        if named := new_level_row(block.text):
            return named
    return None


SPECK_LETTERS = 3  # letters and figures in a row of print at the least: fewer are OCR's specks
MOST_SPECKS = 4  # specks passed over between a change stamp's rows, at the most


def _near(index: int, count: int, reach: int, test: Callable[[int], bool]) -> bool:
    """Whether `test` holds for a block within `reach` places of `index` (itself included)."""
    return any(test(i) for i in range(max(0, index - reach), min(count, index + reach + 1)))


def _apply_change(
    candidates: list[Candidate], changes: list[tuple[int, str | None]], blocks: Sequence[Block]
) -> bool:
    """A level changed (TT24 Form 06): the old stamp stays visible — crossed out in the file, or
    not — and the new one is stamped by the "ĐIỀU CHỈNH ĐỘ MẬT" mark. The document is secret at
    the new level: the one the mark's line states, else the first stamp not crossed out after
    the mark, else the nearest. Two levels shown together are then not specimens; three are
    (returns False, and the specimen rule applies)."""
    live = [c for c in candidates if not c.block.struck]
    mark, stated = changes[0]
    new = stated or next((s for _, s in changes if s), None)
    if new is None:
        after = [c for c in live if c.index > mark]
        pool = after or live
        if not pool:
            return False
        new = min(pool, key=lambda c: abs(c.index - mark)).level
    if len({c.level for c in live} | {new}) > 2:
        return False
    kept = False
    for candidate in candidates:
        if candidate.level == new and not candidate.block.struck:
            candidate.score = min(1.0, max(candidate.score, 0.75) + 0.1)
            candidate.notes.append("new level after a change (Form 06)")
            kept = True
        else:
            candidate.score *= 0.3
            candidate.notes.append("level replaced by a change (Form 06)")
    if not kept:
        block = blocks[mark]
        candidates.append(
            Candidate(block, mark, new, 0.85, True, ["new level on the change stamp (Form 06)"])
        )
    return True


def _weigh_specimens(candidates: list[Candidate]) -> None:
    """Different levels shown together — side by side in a table heading, one under another in
    a list of specimen stamps — are specimens (the forms circular, training slides, statistics
    tables), not the marking of the document. A stamp standing apart keeps its weight. A level
    crossed out in the file is the old marking, void: not a specimen, and not the level."""
    live = [c for c in candidates if not c.block.struck]
    for candidate in candidates:
        if candidate.block.struck:  # void, whether or not another level stands beside it
            candidate.score *= 0.3
            candidate.notes.append("crossed out")
    candidates = [c for c in live if not _a_part_of_a_longer_stamp(c, live)]
    for candidate in candidates:
        together = [
            other
            for other in candidates
            if other is not candidate
            and other.level != candidate.level
            and other.block.page == candidate.block.page
            and (
                abs(other.index - candidate.index) <= 1
                or (
                    other.block.origin == candidate.block.origin
                    and abs(other.index - candidate.index) <= 4
                )
            )
        ]
        if together:
            candidate.score *= 0.3
            candidate.notes.append("shown with other levels: specimens")
    strong = [c for c in candidates if c.score >= 0.5]
    body_stamps = [c for c in strong if c.block.zone != HEADER]
    # counted by place: one stamp read twice (its red mark, its own ink, the page's text) is
    # one stamp
    if _places(body_stamps) >= 3 and not any(c.block.zone == HEADER for c in strong):
        for c in candidates:
            c.score *= 0.6


def _a_part_of_a_longer_stamp(candidate: Candidate, candidates: list[Candidate]) -> bool:
    """A "MẬT" read where a "TỐI MẬT" or "TUYỆT MẬT" was read too, inside its box: the stamp's
    last word, cut off as a mark of its own (its red broke between the words). It counts for
    nothing (not another level beside it: the two are not a list of specimens). Read by OCR
    only: in a file's own text a box is its shape's or its line's, and a "MẬT" whose box lies
    in a bigger one's is a level of its own (a text box laid over a slide's list)."""
    box = candidate.block.box
    if candidate.level != "mat" or box is None or candidate.block.origin not in OCR_ORIGINS:
        return False
    for other in candidates:
        if (
            other.level != "mat"
            and other.block.page == candidate.block.page
            and other.block.box is not None
            and _overlap_share(box, other.block.box) >= 0.6
            and (other.block.box[2] - other.block.box[0]) > 1.3 * (box[2] - box[0])
        ):
            candidate.score *= 0.3
            candidate.notes.append("the last word of a longer stamp")
            return True
    return False


def _levels_slide_by_slide(candidates: list[Candidate]) -> None:
    """Stamp pictures read atop a deck's later slides (`office.read_pictures_later`: no place
    on the slide, a page after the first) that show different levels are a lesson's specimens,
    one level to a slide: a deck is marked with one level. Each slide is a page of its own, so
    `_weigh_specimens` never sees them together."""
    pictured = [
        c
        for c in candidates
        if c.block.page > 1 and c.block.box is None and c.block.origin in OCR_ORIGINS
    ]
    if len({c.level for c in pictured}) < 2:
        return
    for candidate in pictured:
        candidate.score *= 0.3
        candidate.notes.append("levels shown slide by slide: specimens")


def _places(candidates: list[Candidate]) -> int:
    """How many places the candidates stand in: those on one page whose boxes overlap by half
    of the smaller are one place; a candidate without a box is a place of its own."""
    places: list[tuple[int, tuple[float, float, float, float]]] = []
    alone = 0
    for candidate in candidates:
        box = candidate.block.box
        if box is None:
            alone += 1
        elif not any(
            page == candidate.block.page and _overlap_share(box, other) >= 0.5
            for page, other in places
        ):
            places.append((candidate.block.page, box))
    return alone + len(places)


def _overlap_share(
    a: tuple[float, float, float, float], b: tuple[float, float, float, float]
) -> float:
    """The share of the smaller box that the two boxes have in common."""
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]))
    return width * height / smaller if smaller > 0 else 0.0


def _decisive(verdict: Verdict, blocks: Sequence[Block], candidates: list[Candidate]) -> bool:
    """Whether reading more of the document could change the verdict: a strong stamp or a
    declassification is decisive; so is a readable header without any stamp-like line."""
    if verdict.declassified or (verdict.secret and verdict.score >= DECISIVE):
        return True
    if any(0.3 <= c.score < DECISIVE for c in candidates):
        return False
    header_letters = sum(sum(ch.isalpha() for ch in b.text) for b in blocks if b.zone == HEADER)
    return header_letters >= 40 and not _cut_under_the_number(blocks)


def _cut_under_the_number(blocks: Sequence[Block]) -> bool:
    """Whether the OCR'd header strip ends right under the number line, where the level stamp
    goes (Decree 30/2020 layout; TT24 Form 01): a photo puts the document lower in the picture
    than a scanner does, and its strip can stop before the stamp."""
    read = [b for b in blocks if b.zone == HEADER and b.origin == "ocr" and b.box is not None]
    numbers = [b for b in read if NUMBER_LINE.match(strip_diacritics(collapse(b.text)).lower())]
    if not numbers:
        return False
    number = max(numbers, key=lambda b: b.box[3])  # type: ignore[index]
    line = number.box[3] - number.box[1]  # type: ignore[index]
    lowest = max(b.box[3] for b in read)  # type: ignore[index]
    return lowest - number.box[3] < 2.5 * line  # type: ignore[index]
