"""Legacy Word files: Word 97–2003 binary documents (.doc), RTF (often saved as .doc), and the
other files Word saves that agencies keep as ".doc": web archives (MHT, "single file web page")
and Word 2003 XML.

The Word binary format is read directly from its OLE compound file (olefile opens the container):
the FIB gives the lengths of the document's parts (main text, footnotes, page headers and
footers, text boxes) and where the piece table (Clx) sits in the table stream; the pieces hold
the text as UTF-16 or as 8-bit Windows-1252 ("compressed"). Paragraph properties (PAPX) say
which paragraphs are in a table; character properties (CHPX) which runs are bold or struck
through (single or double); the shape anchors (PlcSpaMom) put each text box after the paragraph
it is anchored in. Blocks come out as `extract_docx` makes them: page headers and footers first,
then the main text in reading order with the first paragraphs (and the first table) as the
header zone; a short line whose letters are partly struck through is split as the DOCX reader
splits it (the crossed-out words, `struck`, and the rest).

Text typed in the old 8-bit Vietnamese fonts is decoded, the font taken from the run or else
from its paragraph's style: TCVN3 (".VnTime", capitals-only ".VnTimeH": the ABC keyboard) and
VNI ("VNI-Times": a base letter followed by the byte of its marks). Not handled: Word 6.0/95
files (another FIB; refused with a clear error), comments, strike-through set by a style.

The RTF reader keeps the text and what says where it sits (\\header/\\footer groups, table cells,
shape text) and drops the rest: control words, the font, colour and style tables, pictures,
field instructions and other destinations; \\'xx is decoded in the font's charset or \\ansicpg
(TCVN3 and VNI by the font's name), \\uN with its \\uc fallback skipped; \\b and \\strike (\\striked)
are kept as the binary reader keeps them.
"""

from __future__ import annotations

import bisect
import codecs
import collections
import functools
import io
import itertools
import re
import struct
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from bmnn.scanner.engine.limits import DEFAULT, Budget, ExtractError, LimitReached, Limits, allowed
from bmnn.scanner.engine.model import BODY, HEADER, Block, Extracted
from bmnn.scanner.engine.normalise import nfc

HEADER_PARAGRAPHS = 15  # as extract_docx: non-empty paragraphs that form the header block
HEADER_TABLE_PARAGRAPHS = 40  # the first table's paragraphs count as header up to this many

WORD_IDENT = 0xA5EC
FIB_WORD97 = 0xC1  # nFib of Word 97; Word 6.0/95 files are 0x65–0x68
F_ENCRYPTED = 0x0100
F_WHICH_TABLE = 0x0200
F_OBFUSCATED = 0x8000

# FibRgFcLcb97: index of each (fc, lcb) pair used here
PAIR_PLCF_HDD = 11
PAIR_BTE_CHPX = 12
PAIR_BTE_PAPX = 13
PAIR_CLX = 33
PAIR_SPA_MOM = 40
PAIR_TXBX = 56

SPRM_P_IN_TABLE = 0x2416
SPRM_P_ITAP = 0x6649
SPRM_C_BOLD = 0x0835
SPRM_C_STRIKE = 0x0837  # sprmCFStrike
SPRM_C_DSTRIKE = 0x2A53  # sprmCFDStrike: the double strike-through
SPRM_C_FONT = 0x4A4F  # sprmCRgFtc0: the font of ASCII text
SPRM_C_PIC_LOCATION = 0x6A03  # sprmCPicLocation: where an inline picture's PICF is in "Data"
PICF_HEADER = 0x44  # cbHeader of a PICF: the picture's own data follows
HEADER_PICTURES = 3  # inline pictures of the header paragraphs read (a stamp pasted as a picture)
PAIR_STSH = 1
PAIR_FONTS = 15
SPRM_T_DEF_TABLE = 0xD608
SPRM_P_CHG_TABS = 0xC615

# Other OLE files: what they are, and what to save them as.
OTHER_OLE = (
    (("workbook",), "an Excel 97–2003 workbook (.xls); save it as XLSX or PDF"),
    (("book",), "an Excel 5.0/95 workbook; save it as XLSX or PDF"),
    (("powerpoint document",), "a PowerPoint 97–2003 presentation (.ppt); save it as PPTX or PDF"),
    (("__properties_version1.0",), "an Outlook message (.msg); save it as EML or PDF"),
    (("encryptedpackage",), "a password-protected Office file"),
)

_CP1252 = codecs.getdecoder("cp1252")

# TCVN3 (TCVN 5712:1993, the ".Vn" fonts of the ABC keyboard): the byte each Vietnamese letter
# was typed as, which Word keeps and shows as the Windows-1252 character of that byte.
TCVN3_LETTERS = (
    "ĂÂÊÔƠƯĐăâêôơưđ",
    "àảãáạằẳẵắặầẩẫấậ",
    "èẻẽéẹềểễếệìỉĩíị",
    "òỏõóọồổỗốộờởỡớợ",
    "ùủũúụừửữứựỳỷỹýỵ",
)
TCVN3 = str.maketrans(
    dict(
        zip(
            bytes(range(0xA1, 0xAF)).decode("latin-1")
            + "\xb5\xb6\xb7\xb8\xb9\xbb\xbc\xbd\xbe\xc6\xc7\xc8\xc9\xca\xcb"
            + "\xcc\xce\xcf\xd0\xd1\xd2\xd3\xd4\xd5\xd6\xd7\xd8\xdc\xdd\xde"
            + "\xdf\xe1\xe2\xe3\xe4\xe5\xe6\xe7\xe8\xe9\xea\xeb\xec\xed\xee"
            + "\xef\xf1\xf2\xf3\xf4\xf5\xf6\xf7\xf8\xf9\xfa\xfb\xfc\xfd\xfe",
            "".join(TCVN3_LETTERS),
            strict=True,
        )
    )
)


# VNI (the "VNI-Times" family of fonts, typed with the VNI keyboard): a Vietnamese letter is its
# Latin base letter followed by one byte that draws its marks — the tone, or the circumflex or
# breve with the tone — while ơ, ư, đ, the toned i's and ỵ have bytes of their own. Word keeps
# each byte as the Windows-1252 character it is. Read in two steps: the bytes of a VNI font are
# first moved to private-use characters (so that the same characters typed in any other font
# are left alone), then each base letter and its mark byte are joined into one letter.
_VNI_PRIVATE = 0xF700
_VNI_MARKS = {
    "ù": "\u0301",
    "ø": "\u0300",
    "û": "\u0309",
    "õ": "\u0303",
    "ï": "\u0323",
    "â": "\u0302",
    "á": "\u0302\u0301",
    "à": "\u0302\u0300",
    "å": "\u0302\u0309",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
    "ê": "\u0306",
    "é": "\u0306\u0301",
    "è": "\u0306\u0300",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}
_VNI_OWN = {
    "ô": "ơ",
    "ö": "ư",
    "ñ": "đ",
    "í": "í",
    "ì": "ì",
    "æ": "ỉ",
    "ó": "ĩ",
    "ò": "ị",
    "î": "ỵ",
}
VNI_BYTES = str.maketrans(
    {
        char: chr(_VNI_PRIVATE + ord(char))
        for lower in (*_VNI_MARKS, *_VNI_OWN)
        for char in (lower, lower.upper())
    }
)
_VNI_MARK_OF = {
    chr(_VNI_PRIVATE + ord(char)): marks
    for lower, marks in _VNI_MARKS.items()
    for char in (lower, lower.upper())
}
_VNI_LETTER_OF = {
    chr(_VNI_PRIVATE + ord(char)): letter.upper() if char.isupper() else letter
    for lower, letter in _VNI_OWN.items()
    for char in (lower, lower.upper())
}
_VNI_BASES = {
    **{letter: letter for letter in "aeouyAEOUY"},
    **{key: _VNI_LETTER_OF[key] for key in _VNI_LETTER_OF if _VNI_LETTER_OF[key] in "ơưƠƯ"},
}
_VIETNAMESE_LETTERS = frozenset("".join(TCVN3_LETTERS) + "".join(TCVN3_LETTERS).upper())


_VNI_TYPED = re.compile(f"[{chr(_VNI_PRIVATE)}-{chr(_VNI_PRIVATE + 0xFF)}]")


def vni_letters(text: str) -> str:
    """Text whose VNI bytes were moved to private-use characters (`VNI_BYTES`), as letters:
    a base letter and its mark byte become the letter and a NUL (the length kept, for looking
    up the characters' properties); a byte standing alone is its own letter, or itself."""
    out = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        base = _VNI_BASES.get(char)
        if base is not None and index + 1 < end and text[index + 1] in _VNI_MARK_OF:
            letter = unicodedata.normalize("NFC", base + _VNI_MARK_OF[text[index + 1]])
            if letter in _VIETNAMESE_LETTERS:
                out.append(letter + "\0")
                index += 2
                continue
        if char in _VNI_LETTER_OF:
            out.append(_VNI_LETTER_OF[char])
        elif _VNI_PRIVATE <= ord(char) <= _VNI_PRIVATE + 0xFF:
            out.append(chr(ord(char) - _VNI_PRIVATE))  # a mark with nothing to sit on
        else:
            out.append(char)
        index += 1
    return "".join(out)


def legacy_font(name: str) -> str | None:
    """Which 8-bit Vietnamese encoding a font's name says its text is in: "tcvn3" (".VnTime"),
    "tcvn3h" (".VnTimeH", capitals only), "vni" ("VNI-Times"), or None."""
    name = name.strip().rstrip(";").strip().lower()
    if name.startswith(".vn"):
        return "tcvn3h" if name.endswith("h") else "tcvn3"
    if name.startswith(("vni-", "vni ")) or name == "vni":
        return "vni"
    return None


def _cp1252(raw: bytes) -> str:
    """Word's 8-bit pieces: Windows-1252, the five undefined bytes as Latin-1 would read them."""
    try:
        return str(_CP1252(raw)[0])
    except UnicodeDecodeError:
        return "".join(
            bytes([b]).decode("cp1252", "replace")
            if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
            else chr(b)
            for b in raw
        )


# --- the OLE container ------------------------------------------------------------------------


def extract_ole(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """A file in an OLE compound container: a Word document is read, anything else is refused
    saying what it is."""
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except Exception as exc:  # olefile raises OSError and assorted errors on damaged containers
        # Not known to be a Word document: the old answer for every OLE file stands (what is
        # inside a Word document that fails to read below is "malformed").
        raise ExtractError(
            "unsupported",
            "an Office 97–2003 file whose container cannot be read (damaged, or not a document); "
            "save it as DOCX/XLSX/PPTX or PDF",
        ) from exc
    try:
        return _read_ole(ole, data, limits, budget)
    except ExtractError:
        raise
    except Exception as exc:  # any other failure of a damaged file (a directory tree in a loop…)
        raise ExtractError("malformed", f"damaged Word document ({type(exc).__name__})") from exc
    finally:
        ole.close()


def _read_ole(ole: Any, data: bytes, limits: Limits, budget: Budget | None) -> Extracted:
    """The Word document in an opened container, or what else the container is."""
    names = {"/".join(entry).lower() for entry in ole.listdir(streams=True, storages=False)}
    if "worddocument" not in names:
        for markers, what in OTHER_OLE:
            if any(name == m or name.startswith(m) for name in names for m in markers):
                code = "encrypted" if "password" in what else "unsupported"
                raise ExtractError(code, what)
        if ole.parsing_issues:  # a directory cut short: this may be a damaged document
            raise ExtractError(
                "malformed", "damaged Office 97–2003 file (its directory cannot be read)"
            )
        raise ExtractError("unsupported", "an OLE file that is not a Word document")

    def stream(name: str) -> bytes:
        if not ole.exists(name):
            raise ExtractError("malformed", f"damaged Word document (no {name} stream)")
        size = ole.get_size(name)
        if size > len(data):
            raise ExtractError("malformed", f"damaged Word document ({name} larger than the file)")
        if budget is not None:
            budget.spend_bytes(size)
        return bytes(ole.openstream(name).read(size))

    return read_word(stream, limits, budget.check if budget is not None else None)


# --- the Word binary format -----------------------------------------------------------------


@dataclass
class _Piece:
    cp: int  # first character position
    end: int  # one past the last
    fc: int  # byte offset of the first character in the WordDocument stream
    compressed: bool

    def fc_at(self, cp: int) -> int:
        return self.fc + (cp - self.cp) * (1 if self.compressed else 2)


@dataclass
class _Paragraph:
    text: str
    mark_cp: int  # where its paragraph (or cell) mark is; -1 when it has none
    cell: bool  # ended by a cell mark (\x07)
    start_cp: int = 0
    raw: str = ""  # the characters as stored, for looking up their properties


@dataclass
class _Runs:
    """FC ranges with a property looked up by binary search (built from FKP pages)."""

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    values: list[int] = field(default_factory=list)

    def at(self, fc: int) -> int | None:
        index = bisect.bisect_right(self.starts, fc) - 1
        if index >= 0 and fc < self.ends[index]:
            return self.values[index]
        return None


def _u16(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<H", data, offset)[0])


def _i32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<i", data, offset)[0])


def _u32(data: bytes, offset: int) -> int:
    return int(struct.unpack_from("<I", data, offset)[0])


def _plc(table: bytes, fc: int, lcb: int, item: int) -> tuple[list[int], list[int]]:
    """A PLC in the table stream: n+1 positions then n items of `item` bytes; returns the
    positions and the offset of each item (empty when the PLC is absent or impossible)."""
    if lcb <= 4 or fc < 0 or fc + lcb > len(table) or (lcb - 4) % (4 + item):
        return [], []
    count = (lcb - 4) // (4 + item)
    positions = list(struct.unpack_from(f"<{count + 1}i", table, fc))
    base = fc + 4 * (count + 1)
    return positions, [base + i * item for i in range(count)]


def _sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """The (sprm, operand) pairs of a property list; stops at anything that does not fit."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = _u16(grpprl, at)
        at += 2
        spra = sprm >> 13
        if spra in (0, 1):
            size = 1
        elif spra in (2, 4, 5):
            size = 2
        elif spra == 3:
            size = 4
        elif spra == 7:
            size = 3
        elif sprm == SPRM_T_DEF_TABLE and at + 2 <= len(grpprl):
            size = _u16(grpprl, at) + 1  # the size counts itself minus one
        elif sprm == SPRM_P_CHG_TABS and at < len(grpprl) and grpprl[at] == 255:
            return  # a rarely used long form: nothing after it is needed here
        elif at < len(grpprl):
            size = grpprl[at] + 1
        else:
            return
        if at + size > len(grpprl):
            return
        operand = grpprl[at : at + size]
        at += size
        yield sprm, operand


def _papx_value(grpprl: bytes, style: int) -> int:
    """Bit 0: the paragraph is in a table (sprmPFInTable, or a table depth above zero); the
    other bits: its style."""
    in_table = 0
    for sprm, operand in _sprms(grpprl):
        if sprm == SPRM_P_IN_TABLE and operand[0]:
            in_table = 1
        if sprm == SPRM_P_ITAP and len(operand) == 4 and _i32(operand, 0) > 0:
            in_table = 1
    return in_table | style << 1


CHAR_BOLD = 1
CHAR_STRUCK = 2
CHAR_FONT_SHIFT = 2


def _chpx_value(grpprl: bytes) -> int:
    """Bit 0: the run is bold by direct formatting (on, or the opposite of a plain style); bit
    1: struck through, singly or doubly (likewise); the other bits: its font plus one (0: the
    style's font)."""
    bold = font = strike = double = 0
    for sprm, operand in _sprms(grpprl):
        if sprm == SPRM_C_BOLD:
            bold = 1 if operand[0] in (1, 0x81) else 0
        elif sprm == SPRM_C_STRIKE:
            strike = 1 if operand[0] in (1, 0x81) else 0
        elif sprm == SPRM_C_DSTRIKE:
            double = 1 if operand[0] in (1, 0x81) else 0
        elif sprm == SPRM_C_FONT and len(operand) == 2:
            font = _u16(operand, 0) + 1
    struck = CHAR_STRUCK if strike or double else 0
    return (CHAR_BOLD if bold else 0) | struck | font << CHAR_FONT_SHIFT


def _pic_location(grpprl: bytes) -> int:
    """One plus the "Data" stream offset of the run's inline picture, or 0 (no picture)."""
    for sprm, operand in _sprms(grpprl):
        if sprm == SPRM_C_PIC_LOCATION and len(operand) == 4:
            return _u32(operand, 0) + 1
    return 0


def picture_blob(data: bytes, offset: int) -> bytes | None:
    """The PNG or JPEG inside the PICF at `offset` of the "Data" stream (Word keeps the picture
    in an OfficeArt container after the PICF header), or None."""
    if offset < 0 or offset + 6 > len(data):
        return None
    size, header = _u32(data, offset), _u16(data, offset + 4)
    if header != PICF_HEADER or size <= header or offset + size > len(data):
        return None
    region = data[offset + header : offset + size]
    png, jpeg = region.find(b"\x89PNG\r\n\x1a\n"), region.find(b"\xff\xd8\xff")
    if png >= 0 and (jpeg < 0 or png < jpeg):
        end = region.find(b"IEND", png)
        return region[png : end + 8] if end > png else None
    if jpeg >= 0:
        end = region.rfind(b"\xff\xd9")
        return region[jpeg : end + 2] if end > jpeg else None
    return None


def _font_of(grpprl: bytes) -> int | None:
    font = _chpx_value(grpprl) >> CHAR_FONT_SHIFT
    return font - 1 if font else None


def _fkp_runs(
    document: bytes,
    table: bytes,
    fc: int,
    lcb: int,
    *,
    paragraphs: bool,
    max_pages: int,
    chpx_value: Callable[[bytes], int] = _chpx_value,
) -> _Runs:
    """Every run of one FKP kind (PAPX for paragraphs, CHPX for characters) with its value
    (`chpx_value` of a character run's sprms)."""
    runs = _Runs()
    _positions, items = _plc(table, fc, lcb, 4)
    pieces: list[tuple[int, int, int]] = []
    for offset in items[:max_pages]:
        page = (_u32(table, offset) & 0x3FFFFF) * 512
        if page + 512 > len(document):
            continue
        fkp = document[page : page + 512]
        crun = fkp[511]
        if not crun or 4 * (crun + 1) + crun * (13 if paragraphs else 1) > 511:
            continue
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for index in range(crun):
            start, end = fcs[index], fcs[index + 1]
            if end <= start:
                continue
            if paragraphs:
                where = fkp[4 * (crun + 1) + 13 * index] * 2
                value = 0
                if where and where < 511:
                    size = fkp[where]
                    if size:  # 2·cb−1 bytes: the style (2 bytes), then the sprms
                        style, grpprl = (
                            fkp[where + 1 : where + 3],
                            fkp[where + 3 : where + 2 * size],
                        )
                    else:
                        size = fkp[where + 1] if where + 1 < 511 else 0
                        style, grpprl = (
                            fkp[where + 2 : where + 4],
                            fkp[where + 4 : where + 2 + 2 * size],
                        )
                    value = _papx_value(grpprl, _u16(style, 0) if len(style) == 2 else 0)
            else:
                where = fkp[4 * (crun + 1) + index] * 2
                value = 0
                if where and where < 511:
                    size = fkp[where]
                    value = chpx_value(fkp[where + 1 : where + 1 + size])
            pieces.append((start, end, value))
    pieces.sort()
    for start, end, value in pieces:
        if runs.ends and start < runs.ends[-1]:
            continue  # overlapping runs: a damaged file; the first one read wins
        runs.starts.append(start)
        runs.ends.append(end)
        runs.values.append(value)
    return runs


class _Word:
    """One Word 97–2003 document's text with what the format says about each character."""

    def __init__(self, document: bytes, table: bytes, pairs: list[tuple[int, int]]) -> None:
        self.document = document
        self.table = table
        self.pairs = pairs
        self.pieces = self._pieces()
        self.piece_starts = [p.cp for p in self.pieces]
        self._papx: _Runs | None = None
        self._chpx: _Runs | None = None

    def pair(self, index: int) -> tuple[int, int]:
        return self.pairs[index] if index < len(self.pairs) else (0, 0)

    def _pieces(self) -> list[_Piece]:
        fc, lcb = self.pair(PAIR_CLX)
        table = self.table
        if lcb <= 0 or fc < 0 or fc + lcb > len(table):
            raise ExtractError("malformed", "damaged Word document (no piece table)")
        at, end = fc, fc + lcb
        while at < end and table[at] == 0x01:  # Prc: property lists of pieces, skipped
            if at + 3 > end:
                break
            at += 3 + max(0, struct.unpack_from("<h", table, at + 1)[0])
        if at + 5 > end or table[at] != 0x02:
            raise ExtractError("malformed", "damaged Word document (no piece table)")
        size = _u32(table, at + 1)
        positions, items = _plc(table, at + 5, min(size, end - at - 5), 8)
        if not items:
            raise ExtractError("malformed", "damaged Word document (empty piece table)")
        pieces: list[_Piece] = []
        for index, offset in enumerate(items):
            start, stop = positions[index], positions[index + 1]
            if start < 0 or stop <= start or (pieces and start < pieces[-1].end):
                raise ExtractError("malformed", "damaged Word document (piece table out of order)")
            raw = _u32(self.table, offset + 2)
            compressed = bool(raw & 0x40000000)
            where = (raw & 0x3FFFFFFF) // 2 if compressed else raw & 0x3FFFFFFF
            pieces.append(_Piece(start, stop, where, compressed))
        if pieces[-1].end > len(self.document):  # more characters than the stream has bytes
            raise ExtractError("malformed", "damaged Word document (piece table out of range)")
        return pieces

    def text(self, start: int, stop: int) -> str:
        """Characters [start, stop) as a string of the same length (missing bytes as U+FFFD)."""
        out = []
        index = max(0, bisect.bisect_right(self.piece_starts, start) - 1)
        cp = start
        while cp < stop and index < len(self.pieces):
            piece = self.pieces[index]
            if piece.end <= cp:
                index += 1
                continue
            if piece.cp > cp:  # a gap in the piece table
                gap = min(piece.cp, stop) - cp
                out.append("\ufffd" * gap)
                cp += gap
                continue
            count = min(piece.end, stop) - cp
            where = piece.fc_at(cp)
            if piece.compressed:
                raw = self.document[where : where + count]
                chunk = _cp1252(raw)
            else:
                raw = self.document[where : where + 2 * count]
                chunk = raw[: len(raw) // 2 * 2].decode("utf-16-le", "replace")
                # a lone surrogate half decodes as one U+FFFD for two bytes: keep the length
                if len(chunk) != len(raw) // 2:
                    chunk = "".join(
                        raw[i : i + 2].decode("utf-16-le", "replace")
                        for i in range(0, len(raw) - 1, 2)
                    )
            out.append(chunk + "\ufffd" * (count - len(chunk)))
            cp += count
            index += 1
        if cp < stop:
            out.append("\ufffd" * (stop - cp))
        return "".join(out)

    def fc_of(self, cp: int) -> int | None:
        index = bisect.bisect_right(self.piece_starts, cp) - 1
        if index < 0 or cp >= self.pieces[index].end:
            return None
        return self.pieces[index].fc_at(cp)

    def in_table(self, cp: int) -> bool | None:
        if self._papx is None:
            self._papx = self._runs(PAIR_BTE_PAPX, paragraphs=True)
        if not self._papx.starts:
            return None
        where = self.fc_of(cp)
        value = None if where is None else self._papx.at(where)
        return None if value is None else bool(value & 1)

    def style(self, cp: int) -> int:
        self.in_table(cp)
        where = self.fc_of(cp)
        value = None if where is None or self._papx is None else self._papx.at(where)
        return 0 if value is None else value >> 1

    def chpx(self) -> _Runs:
        if self._chpx is None:
            self._chpx = self._runs(PAIR_BTE_CHPX, paragraphs=False)
        return self._chpx

    @functools.cached_property
    def pictures(self) -> _Runs:
        """Character runs holding an inline picture: one plus its "Data" offset."""
        return self._runs(PAIR_BTE_CHPX, paragraphs=False, chpx_value=_pic_location)

    def _runs(
        self, pair: int, *, paragraphs: bool, chpx_value: Callable[[bytes], int] = _chpx_value
    ) -> _Runs:
        fc, lcb = self.pair(pair)
        return _fkp_runs(
            self.document,
            self.table,
            fc,
            lcb,
            paragraphs=paragraphs,
            max_pages=len(self.document) // 512,
            chpx_value=chpx_value,
        )

    def picture_offsets(self, paragraph: _Paragraph) -> list[int]:
        """The "Data" offsets of the paragraph's inline pictures (its \\x01 characters)."""
        offsets = []
        for position, char in enumerate(paragraph.raw):
            if char != "\x01":
                continue
            cp = paragraph.start_cp + position
            index = bisect.bisect_right(self.piece_starts, cp) - 1
            if index < 0 or cp >= self.pieces[index].end:
                continue
            value = self.pictures.at(self.pieces[index].fc_at(cp))
            if value:
                offsets.append(value - 1)
        return offsets

    @functools.cached_property
    def formatted(self) -> bool:
        """Whether any run of the document is bold or struck through."""
        return any(value & (CHAR_BOLD | CHAR_STRUCK) for value in self.chpx().values)

    def looks(self, start: int, raw: str) -> list[int]:
        """The direct character formatting (CHAR_BOLD, CHAR_STRUCK bits) of each of the
        characters from `start`, looked up run by run (not character by character)."""
        runs = self.chpx()
        out: list[int] = []
        cp, stop = start, start + len(raw)
        while cp < stop:
            index = bisect.bisect_right(self.piece_starts, cp) - 1
            if index < 0 or cp >= self.pieces[index].end:  # in no piece: nothing known
                out.append(0)
                cp += 1
                continue
            piece = self.pieces[index]
            upto, step, fc = min(stop, piece.end), 1 if piece.compressed else 2, piece.fc_at(cp)
            while cp < upto:
                run = bisect.bisect_right(runs.starts, fc) - 1
                if run >= 0 and fc < runs.ends[run]:
                    value, end = runs.values[run], runs.ends[run]
                else:  # between runs: unformatted up to the next one
                    value = 0
                    end = (
                        runs.starts[run + 1]
                        if run + 1 < len(runs.starts)
                        else fc + step * (upto - cp)
                    )
                count = max(1, min(upto - cp, -(-(end - fc) // step)))
                out.extend([value] * count)
                cp, fc = cp + count, fc + count * step
        return out

    @functools.cached_property
    def legacy_fonts(self) -> dict[int, str]:
        """The document's fonts of an 8-bit Vietnamese encoding: font number → "tcvn3"
        (".VnTime", ".VnArial", …), "tcvn3h" (the capitals-only ".VnTimeH"…) or "vni"
        ("VNI-Times", "VNI-Helve", …)."""
        fc, lcb = self.pair(PAIR_FONTS)
        table = self.table
        if lcb < 4 or fc < 0 or fc + lcb > len(table):
            return {}
        count, at, end = _u16(table, fc), fc + 4, fc + lcb
        found = {}
        for number in range(min(count, 4096)):
            if at >= end:
                break
            size = table[at]
            name = table[at + 40 : min(at + 1 + size, end)].decode("utf-16-le", "replace")
            kind = legacy_font(name.split("\0", 1)[0])
            if kind is not None:
                found[number] = kind
            at += 1 + size
        return found

    @functools.cached_property
    def style_fonts(self) -> tuple[dict[int, int], int]:
        """Each style's font (its own, or its base style's) and the document's default font."""
        fc, lcb = self.pair(PAIR_STSH)
        table = self.table
        if lcb < 20 or fc < 0 or fc + lcb > len(table):
            return {}, 0
        end = fc + lcb
        header = _u16(table, fc)
        count, base_size = _u16(table, fc + 2), _u16(table, fc + 4)
        default = _u16(table, fc + 2 + 12) if header >= 14 else 0
        own: dict[int, int | None] = {}
        bases: dict[int, int] = {}
        at = fc + 2 + header
        for style in range(min(count, 4096)):
            if at + 2 > end:
                break
            size = _u16(table, at)
            std = table[at + 2 : min(at + 2 + size, end)]
            at += 2 + size
            if size < 10 or len(std) < size:
                continue
            kind, bases[style] = _u16(std, 2) & 0xF, _u16(std, 2) >> 4
            name_at = base_size
            if name_at + 2 > len(std):
                continue
            upx = name_at + 2 + 2 * _u16(std, name_at) + 2
            if kind == 1 and upx + 2 <= len(std):  # a paragraph style: its PAPX first
                upx += 2 + _u16(std, upx)
                upx += upx % 2
            if kind in (1, 2) and upx + 2 <= len(std):
                own[style] = _font_of(std[upx + 2 : upx + 2 + _u16(std, upx)])
        fonts = {}
        for style in own:
            current, font = style, own[style]
            for _ in range(16):  # the chain of base styles, bounded
                if font is not None or current not in bases or bases[current] == 0xFFF:
                    break
                current = bases[current]
                font = own.get(current)
            fonts[style] = default if font is None else font
        return fonts, default

    def legacy_text(self, start: int, raw: str, mark_cp: int) -> str:
        """`raw` with the characters typed in a TCVN3 or VNI font decoded (the bytes Word
        stored stand for Vietnamese letters in those fonts; TCVN3's capitals-only fonts show
        them upper case), of the same length: where VNI's two bytes make one letter, the second
        becomes a NUL, which cleaning drops."""
        fonts = self.legacy_fonts
        styles, default = self.style_fonts
        paragraph_font = styles.get(self.style(mark_cp), default) if mark_cp >= 0 else default
        runs = self.chpx()
        out = []
        vni_seen = False
        for offset, char in enumerate(raw):
            where = self.fc_of(start + offset)
            value = None if where is None else runs.at(where)
            font = value >> CHAR_FONT_SHIFT if value else 0
            font = font - 1 if font else paragraph_font
            kind = fonts.get(font)
            if kind == "vni":
                char = char.translate(VNI_BYTES)
                vni_seen = True
            elif kind is not None:
                # ư is byte 0xAD, the soft hyphen of Windows-1252: converters store it as Word's
                # optional hyphen (0x1F), which Word then hides
                char = "ư" if char == "\x1f" else char.translate(TCVN3)
                char = char.upper() if kind == "tcvn3h" else char
            out.append(char)
        text = "".join(out)
        return vni_letters(text) if vni_seen else text


_MARKS = re.compile("[\r\x07\x0b\x0c]")
# Word's special characters: tab and no-break space as spaces, a no-break hyphen as a hyphen,
# the other controls (optional hyphen, picture and note anchors, field marks) dropped.
_CLEAN = {code: None for code in range(0x20)} | {0x09: " ", 0xA0: " ", 0x1E: "-", 0xFFFD: None}
_FIELD_MARKS = re.compile("[\x13\x14\x15]")


def _paragraphs(word: _Word, start: int, stop: int) -> list[_Paragraph]:
    """The paragraphs of characters [start, stop), table cells and soft line breaks ending one
    too; field instructions dropped (their results kept), Word's special characters removed."""
    raw = word.text(start, stop)
    paragraphs: list[_Paragraph] = []
    fields: list[bool] = []  # per open field: still in its instructions

    def clean(segment: str) -> str:
        if not fields and not _FIELD_MARKS.search(segment):
            return segment.translate(_CLEAN)
        kept = []
        for char in segment:
            if char == "\x13":
                fields.append(True)
                if len(fields) > 64:  # deeper than Word nests fields: a damaged file
                    del fields[0]
            elif char == "\x14":
                if fields:
                    fields[-1] = False
            elif char == "\x15":
                if fields:
                    fields.pop()
            elif not (fields and fields[-1]):
                kept.append(char)
        return "".join(kept).translate(_CLEAN)

    begin = 0
    legacy = bool(word.legacy_fonts)
    for match in _MARKS.finditer(raw):
        segment = raw[begin : match.start()]
        if legacy:
            segment = word.legacy_text(start + begin, segment, start + match.start())
        paragraphs.append(
            _Paragraph(
                clean(segment),
                start + match.start(),
                match.group() == "\x07",
                start + begin,
                raw=segment,
            )
        )
        begin = match.end()
    if begin < len(raw):
        if legacy:
            raw = raw[:begin] + word.legacy_text(start + begin, raw[begin:], -1)
        paragraphs.append(_Paragraph(clean(raw[begin:]), -1, False, start + begin, raw=raw[begin:]))
    return paragraphs


def _kept(raw: str) -> list[bool]:
    """Which of a paragraph's characters are shown: not those of a field's instructions."""
    kept = []
    fields: list[bool] = []
    for char in raw:
        if char == "\x13":
            fields.append(True)
            del fields[:-64]
        elif char == "\x14" and fields:
            fields[-1] = False
        elif char == "\x15" and fields:
            fields.pop()
        kept.append(char not in "\x13\x14\x15" and not (fields and fields[-1]))
    return kept


def _char_pieces(paragraph: _Paragraph, looks: list[int]) -> list[tuple[str, bool, bool]]:
    """A paragraph's shown characters as (text, bold, struck) pieces, one per run of the same
    formatting."""
    pieces: list[tuple[str, bool, bool]] = []
    chars: list[str] = []
    current = -1
    for char, look, kept in zip(paragraph.raw, looks, _kept(paragraph.raw), strict=True):
        if not kept:
            continue
        look &= CHAR_BOLD | CHAR_STRUCK
        if look != current and chars:
            pieces.append(
                (
                    "".join(chars).translate(_CLEAN),
                    bool(current & CHAR_BOLD),
                    bool(current & CHAR_STRUCK),
                )
            )
            chars = []
        current = look
        chars.append(char)
    if chars:
        pieces.append(
            (
                "".join(chars).translate(_CLEAN),
                bool(current & CHAR_BOLD),
                bool(current & CHAR_STRUCK),
            )
        )
    return pieces


def styled_parts(pieces: list[tuple[str, bool, bool]]) -> list[tuple[str, bool, bool]]:
    """A paragraph's (text, bold, struck) pieces as the blocks it makes, (text, bold, struck):
    one — struck when every letter is — or, when some letters are crossed out and others are
    not (an old level beside the new one), the crossed-out words and the rest, each a block of
    its own in the order they first appear (as the DOCX reader splits them). Bold: every letter
    of the block is."""
    struck_letters = any(p[2] and _has_letters(p[0]) for p in pieces)
    live_letters = any(not p[2] and _has_letters(p[0]) for p in pieces)
    groups: list[tuple[bool, str, list[tuple[str, bool, bool]]]] = []
    if struck_letters and live_letters:
        segments: list[tuple[bool, list[tuple[str, bool, bool]]]] = []
        for piece in pieces:
            if segments and segments[-1][0] == piece[2]:
                segments[-1][1].append(piece)
            else:
                segments.append((piece[2], [piece]))
        for flag in dict.fromkeys(flag for flag, _ in segments):
            chosen = [segment for f, segment in segments if f == flag]
            text = " ".join("".join(p[0] for p in segment) for segment in chosen)
            groups.append((flag, text, [p for segment in chosen for p in segment]))
    else:
        groups.append((struck_letters, "".join(p[0] for p in pieces), pieces))
    out = []
    for struck, text, group in groups:
        lettered = [p for p in group if _has_letters(p[0])]
        out.append((text, bool(lettered) and all(p[1] for p in lettered), struck))
    return out


STRIKE_MIN_BLOCKS = 6


def plain_strike(blocks: list[Block]) -> list[Block]:
    """The blocks, not struck at all when most of the document's text is: an old marking is
    crossed out beside the text, not across it (a draft struck through as a whole, or a
    converter that marks every run struck — LibreOffice's Word 2003 XML export writes
    <w:strike/> for runs whose strike-through was switched off)."""
    lettered = [block for block in blocks if _has_letters(block.text)]
    struck = sum(block.struck for block in lettered)
    if len(lettered) >= STRIKE_MIN_BLOCKS and 2 * struck >= len(lettered):
        return [replace(block, struck=False) if block.struck else block for block in blocks]
    return blocks


def _has_letters(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _fib(document: bytes) -> tuple[int, list[int], list[tuple[int, int]]]:
    """The flags, the FibRgLw97 counts and the (fc, lcb) pairs of a Word 97+ FIB."""
    if len(document) < 34 or _u16(document, 0) != WORD_IDENT:
        raise ExtractError("malformed", "damaged Word document (no Word header)")
    nfib = _u16(document, 2)
    flags = _u16(document, 0x0A)
    if nfib < FIB_WORD97 - 0x10:  # Word 6.0/95 (0x65–0x68) and older
        raise ExtractError("unsupported", "a Word 6.0/95 document; save it as DOCX or PDF")
    if flags & (F_ENCRYPTED | F_OBFUSCATED):
        raise ExtractError("encrypted", "the Word document is password-protected")
    csw = _u16(document, 32)
    at = 34 + 2 * csw
    if at + 2 > len(document):
        raise ExtractError("malformed", "damaged Word document (FIB cut short)")
    cslw = _u16(document, at)
    if cslw < 11 or at + 2 + 4 * cslw + 2 > len(document):
        raise ExtractError("malformed", "damaged Word document (FIB cut short)")
    counts = list(struct.unpack_from(f"<{cslw}i", document, at + 2))
    at += 2 + 4 * cslw
    pairs_count = min(_u16(document, at), (len(document) - at - 2) // 8)
    flat = struct.unpack_from(f"<{2 * pairs_count}I", document, at + 2)
    pairs = [(int(flat[2 * i]), int(flat[2 * i + 1])) for i in range(pairs_count)]
    if pairs_count <= PAIR_CLX:
        raise ExtractError("malformed", "damaged Word document (FIB cut short)")
    return flags, counts, pairs


def read_word(
    stream: Callable[[str], bytes],
    limits: Limits = DEFAULT,
    check: Callable[[], None] | None = None,
) -> Extracted:
    """The blocks of a Word 97–2003 document whose streams `stream(name)` returns; `check`
    (the scan's clock) is called as the paragraphs are read."""
    document = stream("WordDocument")
    flags, counts, pairs = _fib(document)
    table = stream("1Table" if flags & F_WHICH_TABLE else "0Table")
    word = _Word(document, table, pairs)
    total = word.pieces[-1].end
    lengths = [max(0, n) for n in counts[3:11]]  # text, ftn, hdd, mcr, atn, edn, txbx, hdrtxbx
    starts = [0]
    for length in lengths:
        starts.append(min(total, starts[-1] + length))
    main, footnotes, headers, _macros, _comments, endnotes, boxes, header_boxes = (
        (starts[i], starts[i + 1]) for i in range(8)
    )
    result = Extracted(kind="doc")

    def add(paragraph: _Paragraph, zone: str, origin: str) -> None:
        text = nfc(paragraph.text).strip()
        if not text:
            return
        # a sentence is no stamp, and a document with no bold or struck run has nothing to
        # look up: the formatting is read only for short lines of a formatted document
        if len(text) > 80 or not word.formatted:
            parts = [(text, False, False)]
        else:
            parts = styled_parts(
                _char_pieces(paragraph, word.looks(paragraph.start_cp, paragraph.raw))
            )
        _add_parts(
            result, [(nfc(p).strip(), bold, struck) for p, bold, struck in parts], zone, origin
        )

    for start, stop in _header_stories(word, headers):
        for paragraph in _paragraphs(word, start, stop):
            add(paragraph, HEADER, "page-header")
    for paragraph in _paragraphs(word, *header_boxes):
        add(paragraph, HEADER, "page-header")
    anchored = _text_boxes(word, boxes, main)
    pictures: list[int] = []  # "Data" offsets of the header paragraphs' inline pictures
    counted = 0
    first_table_seen = False
    first_table_open = False
    for number, paragraph in enumerate(_paragraphs(word, *main)):
        if len(result.blocks) > limits.max_blocks:
            result.notes.append("text truncated")
            return result
        if check is not None and number % 512 == 0:
            try:
                check()
            except (
                LimitReached
            ) as exc:  # what was read is scanned; the verdict says the rest was not
                result.limit = exc
                return result
        text = paragraph.text.strip()
        marked = word.in_table(paragraph.mark_cp) if paragraph.mark_cp >= 0 else None
        in_table = paragraph.cell if marked is None else marked or paragraph.cell
        if in_table and not first_table_seen:
            first_table_seen = first_table_open = True
        elif not in_table and first_table_open:
            first_table_open = False
        in_header = counted < HEADER_PARAGRAPHS or (
            in_table and first_table_open and counted < HEADER_TABLE_PARAGRAPHS
        )
        zone = HEADER if in_header else BODY
        if in_header and "\x01" in paragraph.raw and len(pictures) < HEADER_PICTURES:
            pictures += word.picture_offsets(paragraph)[: HEADER_PICTURES - len(pictures)]
        if text:
            add(paragraph, zone, "table" if in_table else "text")
            counted += 1
        for box in anchored.pop_until(paragraph.mark_cp):
            add(box, zone, "textbox")
            counted += 1 if box.text.strip() else 0
    for box in anchored.rest():
        add(box, BODY, "textbox")
    for start, stop in (footnotes, endnotes):
        for paragraph in _paragraphs(word, start, stop):
            add(paragraph, BODY, "text")
    result.blocks = plain_strike(result.blocks[: limits.max_blocks])
    if pictures:
        _plan_header_pictures(stream, pictures, result, limits)
    return result


def _plan_header_pictures(
    stream: Callable[[str], bytes], offsets: list[int], result: Extracted, limits: Limits
) -> None:
    """Pictures pasted in the header paragraphs (a stamp as an image) are OCR'd only when the
    text does not already show a secret."""
    from bmnn.scanner.engine.extract.office import read_pictures_later

    try:
        data = stream("Data")
    except ExtractError:
        return  # pictures promised, none kept: the text alone is read
    blobs = [blob for offset in offsets if (blob := picture_blob(data, offset)) is not None]
    read_pictures_later(blobs, result, limits)


def _header_stories(word: _Word, span: tuple[int, int]) -> list[tuple[int, int]]:
    """The header and footer stories (PlcfHdd), without the six note separators before them."""
    start, stop = span
    if stop <= start:
        return []
    fc, lcb = word.pair(PAIR_PLCF_HDD)
    if lcb < 8 or fc < 0 or fc + lcb > len(word.table) or lcb % 4:
        return [span]
    positions = list(struct.unpack_from(f"<{lcb // 4}i", word.table, fc))
    stories = []
    for index in range(6, len(positions) - 1):
        first, last = start + positions[index], start + positions[index + 1]
        if start <= first < last <= stop:
            stories.append((first, last))
    return stories


class _Anchored:
    """Text-box paragraphs waiting for the main-text paragraph that anchors them."""

    def __init__(self, items: list[tuple[int, list[_Paragraph]]]) -> None:
        self.items = collections.deque(sorted(items, key=lambda item: item[0]))

    def pop_until(self, cp: int) -> list[_Paragraph]:
        if cp < 0:
            return []
        out: list[_Paragraph] = []
        while self.items and self.items[0][0] <= cp:
            out.extend(self.items.popleft()[1])
        return out

    def rest(self) -> list[_Paragraph]:
        out = [p for _cp, paragraphs in self.items for p in paragraphs]
        self.items.clear()
        return out


def _text_boxes(word: _Word, span: tuple[int, int], main: tuple[int, int]) -> _Anchored:
    """Each text box's paragraphs keyed by where its shape is anchored in the main text (the
    shape id links a story of PlcftxbxTxt to a shape of PlcSpaMom); unanchored ones at the end."""
    start, stop = span
    if stop <= start:
        return _Anchored([])
    positions, items = _plc(word.table, *word.pair(PAIR_TXBX), 22)
    spa_positions, spa_items = _plc(word.table, *word.pair(PAIR_SPA_MOM), 26)
    anchors = {_i32(word.table, offset): spa_positions[i] for i, offset in enumerate(spa_items)}
    if not items:
        return _Anchored([(main[1], _paragraphs(word, start, stop))])
    found = []
    for index, offset in enumerate(items):
        first, last = start + positions[index], start + positions[index + 1]
        if not start <= first < last <= stop:
            continue
        anchor = anchors.get(_i32(word.table, offset + 14), main[1])
        found.append(
            (anchor if main[0] <= anchor < main[1] else main[1], _paragraphs(word, first, last))
        )
    return _Anchored(found)


# --- RTF ------------------------------------------------------------------------------------------

RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|[\r\n]+|([^\\{}\r\n]+)"
)
# Destinations whose content is not the document's text.
RTF_SKIP = frozenset(
    b"""fonttbl colortbl stylesheet info pict object objdata themedata colorschememapping datastore
    latentstyles listtable listoverridetable rsidtbl generator xmlnstbl filetbl revtbl pgdsctbl
    fldinst bkmkstart bkmkend sn sv sp txfieldtext pnseclvl pntext pntxta pntxtb listtext
    annotation atnid atnauthor atrfstart atrfend comment operator title subject author keywords
    doccomm mmathPr docvar userprops wgrffmtfilter template nonshppict
    """.split()
)
RTF_PAGE_HEADER = frozenset(
    b"header headerl headerr headerf footer footerl footerr footerf".split()
)
RTF_SPECIAL = {
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"bullet": "\u2022",
    b"tab": " ",
    b"emspace": " ",
    b"enspace": " ",
    b"qmspace": " ",
}
RTF_CHARSETS = {
    163: "cp1258",
    161: "cp1253",
    162: "cp1254",
    204: "cp1251",
    238: "cp1250",
    186: "cp1257",
    177: "cp1255",
    178: "cp1256",
    222: "cp874",
    128: "cp932",
    134: "gbk",
    136: "big5",
    129: "cp949",
}


@dataclass
class _RtfState:
    skip: bool = False
    origin: str = "text"
    skip_after_unicode: int = 1
    codepage: str = "cp1252"
    bold: bool = False
    struck: bool = False
    font_table: bool = False


def _rtf_decode(raw: bytes, codepage: str) -> str:
    """Bytes of RTF text in a code page, or in a TCVN3 font ("tcvn3", capitals-only "tcvn3h")."""
    if codepage.startswith("tcvn3"):
        text = raw.decode("cp1252", "replace").translate(TCVN3)
        return text.upper() if codepage == "tcvn3h" else text
    if codepage == "vni":  # joined into letters when the paragraph ends
        return raw.decode("cp1252", "replace").translate(VNI_BYTES)
    return raw.decode(codepage, "replace")


def _codec(number: int) -> str:
    name = f"cp{number}"
    try:
        codecs.lookup(name)
    except LookupError:
        return "cp1252"
    return name


def extract_rtf(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """An RTF file's text: paragraphs, table cells and page headers as blocks (the scan's
    clock is checked as it goes: a big RTF is read a few MB a second)."""
    state = _RtfState()
    stack: list[_RtfState] = []
    result = Extracted(kind="rtf")
    default_codepage = "cp1252"
    fonts: dict[int, str] = {}
    font_names: dict[int, list[bytes]] = {}
    current_font = -1

    def font_codepage(number: int) -> str:
        kind = legacy_font(b"".join(font_names.get(number, [])).decode("latin-1"))
        return kind or fonts.get(number, default_codepage)

    # the paragraph's text so far, in runs of the same (bold, struck)
    segments: list[tuple[bool, bool, list[str]]] = []
    pending = bytearray()  # \'xx bytes, decoded together (multi-byte code pages)
    pending_codepage = "cp1252"
    high_surrogate = 0
    to_skip = 0
    in_table = False
    counted = 0
    first_table = [False, False]  # seen, still open

    def flush_bytes() -> None:
        nonlocal pending
        if pending:
            emit(_rtf_decode(bytes(pending), pending_codepage))
            pending = bytearray()

    def emit(text: str) -> None:
        if state.skip or not text:
            return
        if segments and segments[-1][0] == state.bold and segments[-1][1] == state.struck:
            segments[-1][2].append(text)
        else:
            segments.append((state.bold, state.struck, [text]))

    def end_paragraph(cell: bool = False) -> None:
        nonlocal counted
        flush_bytes()
        pieces = [("".join(texts), bold, struck) for bold, struck, texts in segments]
        segments.clear()
        if state.skip or len(result.blocks) > limits.max_blocks:
            return
        whole = "".join(piece[0] for piece in pieces)
        if _VNI_TYPED.search(whole):  # VNI's letters joined over the runs, lengths kept
            whole, at = vni_letters(whole), 0
            for index, (piece, bold, struck) in enumerate(pieces):
                pieces[index] = (whole[at : at + len(piece)], bold, struck)
                at += len(piece)
        if len(whole.strip()) > 80:  # a sentence: bold is looked at, strike-through not
            pieces = [(piece, bold, False) for piece, bold, _struck in pieces]
        parts = [
            (text, bold, struck)
            for raw, bold, struck in styled_parts(pieces)
            if (text := nfc(raw.replace("\0", "")).strip())
        ]
        table = in_table or cell
        if state.origin == "page-header":
            zone, origin = HEADER, "page-header"
        elif state.origin == "footnote":
            zone, origin = BODY, "text"
        else:
            if table and not first_table[0]:
                first_table[0] = first_table[1] = True
            elif not table and first_table[1]:
                first_table[1] = False
            header = counted < HEADER_PARAGRAPHS or (
                table and first_table[1] and counted < HEADER_TABLE_PARAGRAPHS
            )
            zone = HEADER if header else BODY
            origin = "textbox" if state.origin == "textbox" else ("table" if table else "text")
            if parts:
                counted += 1
        _add_parts(result, parts, zone, origin)

    position = 0
    length = len(data)
    destination_next = False
    tokens = 0
    while position < length:
        tokens += 1
        if budget is not None and not tokens % 65536:
            try:
                budget.check()
            except (
                LimitReached
            ) as exc:  # what was read is scanned; the verdict says the rest was not
                result.limit = exc
                break
        match = RTF_TOKEN.match(data, position)
        if match is None:  # a lone backslash at the end, or a long run of letters after one
            position += 1
            continue
        position = match.end()
        word, number, hex_byte, symbol, brace, text = match.groups()
        if hex_byte is not None:
            if to_skip:
                to_skip -= 1
                continue
            if state.font_table:
                continue
            if pending and pending_codepage != state.codepage:
                flush_bytes()
            pending_codepage = state.codepage
            pending.append(int(hex_byte, 16))
            continue
        if text is not None:
            if to_skip:
                skipped = min(to_skip, len(text))
                to_skip -= skipped
                text = text[skipped:]
            flush_bytes()
            if state.font_table:
                if current_font >= 0 and len(font_names.setdefault(current_font, [])) < 8:
                    font_names[current_font].append(text[:64])
                continue
            emit(_rtf_decode(text, state.codepage))
            continue
        if brace == b"{":
            flush_bytes()
            to_skip = 0
            stack.append(state)
            state = _RtfState(**vars(state))
            if len(stack) > 500:  # deeper than any real document: stop reading
                result.notes.append("RTF nested too deep")
                break
            continue
        if brace == b"}":
            flush_bytes()
            to_skip = 0
            destination_next = False
            if stack and stack[-1].origin != state.origin:
                end_paragraph()  # a header or a text box ends with its group
            if stack:
                state = stack.pop()
            continue
        if word is None and symbol is None:  # a line break in the source: ignored
            continue
        if symbol is not None:
            flush_bytes()
            if symbol == b"*":
                destination_next = True
            elif symbol == b"~":
                emit(" ")
            elif symbol == b"_":
                emit("-")
            elif symbol in (b"\\", b"{", b"}"):
                emit(symbol.decode())
            elif symbol in (b"\n", b"\r"):
                end_paragraph()
            continue
        value = int(number) if number is not None else None
        if word == b"u" and value is not None:
            flush_bytes()
            unit = value + 65536 if value < 0 else value
            to_skip = state.skip_after_unicode
            if not 0 <= unit <= 0xFFFF:  # not a 16-bit code unit: a damaged file
                continue
            if 0xD800 <= unit < 0xDC00:
                high_surrogate = unit
                continue
            if 0xDC00 <= unit < 0xE000 and high_surrogate:
                emit(chr(0x10000 + ((high_surrogate - 0xD800) << 10) + (unit - 0xDC00)))
            elif not 0xD800 <= unit < 0xE000:
                emit(chr(unit))
            high_surrogate = 0
            continue
        flush_bytes()
        if destination_next:
            destination_next = False
            if word == b"shptxt":
                state.origin = "textbox"
            elif word not in (b"shpinst", b"fldrslt"):
                state.skip = True
            continue
        if word in RTF_SKIP:
            state.skip = True
            if word == b"fonttbl":
                state.skip, state.font_table = False, True
        elif word in RTF_PAGE_HEADER:
            state.origin = "page-header"
        elif word == b"footnote":
            state.origin = "footnote"
        elif word == b"shptxt":
            state.origin = "textbox"
        elif word == b"shprslt":
            state.skip = True  # the picture of a shape whose text (shptxt) was read
        elif word == b"ansicpg" and value is not None:
            default_codepage = state.codepage = _codec(value)
        elif word == b"f" and value is not None:
            if state.font_table:
                current_font = value
                fonts.setdefault(value, default_codepage)
            else:
                state.codepage = font_codepage(value)
        elif word == b"fcharset" and value is not None and state.font_table and current_font >= 0:
            fonts[current_font] = RTF_CHARSETS.get(value, default_codepage)
        elif word == b"bin" and value is not None:
            position += max(0, value)  # raw bytes (a picture's data): never text
        elif word == b"uc" and value is not None:
            state.skip_after_unicode = max(0, min(value, 10))
        elif word == b"b":
            state.bold = value is None or value != 0
        elif word in (b"strike", b"striked"):  # struck through, singly or doubly
            state.struck = value is None or value != 0
        elif word == b"plain":
            state.bold = state.struck = False
        elif word in (b"par", b"sect", b"page", b"line", b"column"):
            end_paragraph()
        elif word in (b"cell", b"nestcell"):
            end_paragraph(cell=True)
        elif word == b"intbl":
            in_table = True
        elif word == b"pard":
            in_table = False
        elif word == b"row":
            end_paragraph(cell=True)
        elif word in RTF_SPECIAL:
            emit(RTF_SPECIAL[word])
        if len(result.blocks) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    end_paragraph()
    result.blocks = plain_strike(result.blocks[: limits.max_blocks])
    return result


# --- web archives (MHT) ---------------------------------------------------------------------------
# Word's "single file web page" (.mht, often renamed .doc) and a browser's "save as MHTML": a MIME
# document, multipart/related, whose first part (or the one its `start` names) is the page, the
# others its pictures, Word's page-header part and file list. The page is read by the HTML
# reader with its pictures put back in as data: URIs (so that a stamp picture in the header is
# read with the page); pictures the page does not show are members of their own.

MHT_MAX_PARTS = 2000
MHT_MIN_PICTURE = 800  # bytes: smaller is a bullet, a rule, a spacer
MHT_SHAPES = 200  # VML shapes looked at for the picture behind an <img>
_MHT_IMG = re.compile(r"<img\b[^>]{0,4000}>", re.IGNORECASE)
_MHT_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>"']+)""", re.IGNORECASE)
_MHT_SHAPE = re.compile(r"<v:shape\b", re.IGNORECASE)
_MHT_IMAGEDATA = re.compile(r"<v:imagedata\b[^>]{0,2000}>", re.IGNORECASE)
_MHT_META_CHARSET = re.compile(rb"""<meta[^>]{0,300}charset\s*=\s*["']?([\w.:-]{1,40})""", re.I)


@dataclass
class _Part:
    content_type: str
    location: str
    content_id: str
    charset: str | None
    payload: bytes


def _attributes(tag: str) -> dict[str, str]:
    return {name.lower(): value.strip("\"'") for name, value in _MHT_ATTRIBUTE.findall(tag[:4000])}


def _mht_parts(data: bytes, limits: Limits, budget: Budget | None) -> tuple[list[_Part], str]:
    """The archive's leaf parts, decoded, and the Content-ID its root names as the page."""
    import email
    import email.message
    import email.policy

    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception as exc:  # the parser is lenient; anything it raises is a damaged file
        raise ExtractError("malformed", "the web archive cannot be parsed") from exc
    start = str(message.get_param("start", "") or "").strip("<>")
    parts: list[_Part] = []
    stack: list[email.message.Message] = [message]
    while stack and len(parts) < MHT_MAX_PARTS:
        part = stack.pop()
        payload = part.get_payload()
        if part.is_multipart() and isinstance(payload, list):
            inner = [p for p in payload[:MHT_MAX_PARTS] if isinstance(p, email.message.Message)]
            stack.extend(reversed(inner))
            continue
        body = part.get_payload(decode=True)  # lenient: bad encodings decode as they can
        if not isinstance(body, bytes) or not body:
            continue
        if budget is not None:
            budget.spend_bytes(len(body))
        location = str(part.get("Content-Location", "") or "").strip()
        content_id = str(part.get("Content-ID", "") or "").strip().strip("<>")
        charset = part.get_content_charset()
        parts.append(_Part(part.get_content_type(), location, content_id, charset, body))
    return parts, start


def _html_utf8(part: _Part) -> bytes:
    """The page as UTF-8 (with a BOM, which the HTML reader trusts) in the charset its part or
    its <meta> declares; as it is when neither names a known one."""
    charset = part.charset
    if not charset:
        match = _MHT_META_CHARSET.search(part.payload[:8192])
        charset = match.group(1).decode("ascii", "replace") if match else None
    if charset:
        try:
            text = part.payload.decode(charset, "replace")
        except LookupError:
            return part.payload
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    return part.payload


def _data_uri(part: _Part) -> str:
    import base64

    kind = part.content_type if part.content_type.startswith("image/") else "image/png"
    return f"data:{kind};base64,{base64.b64encode(part.payload).decode('ascii')}"


def _is_picture(part: _Part, limits: Limits) -> bool:
    from bmnn.scanner.engine.extract import sniff

    return (
        MHT_MIN_PICTURE <= len(part.payload) <= limits.max_member_bytes
        and sniff(part.payload[:64]) == "image"
    )


def extract_mht(data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None) -> Extracted:
    """A web archive: its page (and Word's page-header part) as text, the pictures the page
    shows read with it, the other pictures as members."""
    from urllib.parse import unquote, urljoin

    from bmnn.scanner.engine.extract.plain import extract_html, html_text

    try:
        parts, start = _mht_parts(data, limits, budget)
    except RecursionError as exc:
        raise ExtractError("malformed", "the web archive nests too deeply") from exc
    pages = [part for part in parts if part.content_type in ("text/html", "application/xhtml+xml")]
    main = next((p for p in pages if start and p.content_id == start), None)
    main = main or (pages[0] if pages else None)
    if main is None:
        texts = [part for part in parts if part.content_type == "text/plain"]
        if not texts:
            raise ExtractError("unsupported", "a web archive with no page in it")
        main = texts[0]
        main.payload = b"<pre>" + _html_utf8(main).replace(b"<", b"&lt;") + b"</pre>"
        main.charset = None

    def key(location: str) -> str:
        return unquote(location.strip()).replace("\\", "/").lower()

    by_location = {key(p.location): p for p in parts if p.location}
    by_name: dict[str, list[_Part]] = {}
    for part in parts:
        if part.location:
            by_name.setdefault(key(part.location).rsplit("/", 1)[-1], []).append(part)
    by_id = {p.content_id.lower(): p for p in parts if p.content_id}

    def find(reference: str) -> _Part | None:
        reference = reference.strip()
        if reference[:4].lower() == "cid:":
            return by_id.get(reference[4:].strip("<>").lower())
        found = by_location.get(key(urljoin(main.location, reference)))
        if found is None:
            found = by_location.get(key(reference))
        if found is None:  # a location written another way: the file name, when unique
            named = by_name.get(key(reference).rsplit("/", 1)[-1], [])
            found = named[0] if len(named) == 1 else None
        return found

    html = _html_utf8(main).decode("utf-8", "replace")
    # Word shows a picture twice: the original in a VML shape (inside a comment browsers skip)
    # and a copy at its size on the page in the <img> after it, which is too small to read
    originals: dict[str, str] = {}
    for match in itertools.islice(_MHT_SHAPE.finditer(html), MHT_SHAPES):
        window = html[match.start() : match.start() + 6000]
        shape = _attributes(window[: window.find(">") + 1])
        imagedata = _MHT_IMAGEDATA.search(window.split("</v:shape", 1)[0])
        if "id" in shape and imagedata is not None:
            source = _attributes(imagedata.group()).get("src")
            if source:
                originals[shape["id"]] = source
    used: set[int] = set()

    def inline(match: re.Match[str]) -> str:
        tag = match.group()
        attributes = _attributes(tag)
        source = attributes.get("src", "")
        shown = find(source) if source and not source.lower().startswith("data:") else None
        shapes = attributes.get("v:shapes", "").split()
        original = originals.get(shapes[0]) if shapes else None
        best = find(original) if original else None
        chosen = best if best is not None and _is_picture(best, limits) else shown
        if chosen is None or not _is_picture(chosen, limits):
            return tag
        used.update(id(p) for p in (shown, best) if p is not None)
        uri = f'src="{_data_uri(chosen)}"'
        if "src" not in attributes:
            return f"<img {uri}{tag[4:]}"
        return _MHT_ATTRIBUTE.sub(lambda a: uri if a.group(1).lower() == "src" else a.group(), tag)

    html = _MHT_IMG.sub(inline, html)
    result = extract_html(b"\xef\xbb\xbf" + html.encode("utf-8"), limits, budget)
    result.kind = "mht"
    header: list[Block] = []
    extra: list[Block] = []
    for part in pages:
        if part is main:
            continue
        text = html_text(_html_utf8(part))
        is_header = b"mso-element:header" in part.payload or b"mso-element:footer" in part.payload
        for line in text.splitlines():
            if line.strip():
                (header if is_header else extra).append(
                    Block(
                        text=nfc(line).strip(),
                        zone=HEADER if is_header else BODY,
                        origin="page-header" if is_header else "html",
                    )
                )
    blocks = header + result.blocks + extra
    result.blocks = [replace(block, order=index) for index, block in enumerate(blocks)]
    result.blocks = result.blocks[: limits.max_blocks]
    for part in parts:
        if id(part) in used or not part.content_type.startswith("image/"):
            continue
        if not _is_picture(part, limits):
            continue
        if len(result.members) >= limits.max_members_scanned:
            result.notes.append("too many pictures in the web archive; the rest were not read")
            break
        if not allowed(budget, result, member=True):
            break
        name = part.location.replace("\\", "/").rsplit("/", 1)[-1] or part.content_id
        result.members.append((f"img/{name or 'picture'}", part.payload))
    return result


# --- Word 2003 XML ("WordprocessingML", saved as .xml or .doc) -----------------------------------
# One XML file: <w:wordDocument> with the styles, then <w:body> (wx:sect sections holding the
# paragraphs and tables; each section's <w:sectPr> holds its page headers and footers, <w:hdr>
# and <w:ftr>); pictures are base64 in <w:binData>; footnotes sit inside the run that calls them;
# comments and deleted text are aml:annotation elements. Word 2007's "XML document" (a flat
# package, pkg:package) is rebuilt as the DOCX it stands for and read as one.

WORDML = "{http://schemas.microsoft.com/office/word/2003/wordml}"
_WX = "{http://schemas.microsoft.com/office/word/2003/auxHint}"
_AML = "{http://schemas.microsoft.com/aml/2001/core}"
_VML = "{urn:schemas-microsoft-com:vml}"
FLAT_PACKAGE = "{http://schemas.microsoft.com/office/2006/xmlPackage}"
_OFF = frozenset(("off", "false", "0", "none"))
# annotations whose content is not the document's text as printed
_UNPRINTED = frozenset(("Word.Comment", "Word.Deletion"))
_TABLE_PARTS = frozenset(
    WORDML + tag for tag in ("tbl", "tr", "tc")
)  # walked into, as any element that is not one of the skipped below
_BODY_SKIPPED = frozenset(
    WORDML + tag
    for tag in ("sectPr", "pPr", "tblPr", "tblGrid", "trPr", "tcPr", "hdr", "ftr", "binData")
)
_RUN_SKIPPED = frozenset(
    WORDML + tag
    for tag in (
        "pPr",
        "rPr",
        "instrText",
        "delText",
        "delInstrText",
        "binData",
        "footnote",
        "endnote",
        "txbxContent",
        "hdr",
        "ftr",
    )
)
XML_PROLOG = 65536  # bytes before the root element that are looked at for a DOCTYPE


def _refuse_doctype(data: bytes) -> None:
    """XML with a document type (where entities are declared: the billion laughs, external
    files) is refused before it is parsed; Word never writes one."""
    head = data[:XML_PROLOG]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        little = head.startswith(b"\xff\xfe") or head[:1] == b"<"
        text = head.decode("utf-16-le" if little else "utf-16-be", "replace")
    else:
        text = head.decode("utf-8", "replace")
    root = re.search(r"<[A-Za-z_]", text)
    if root is None:
        raise ExtractError("malformed", "no XML element in the document's first 64 KB")
    prolog = text[: root.start()].upper()
    if "<!DOCTYPE" in prolog or "<!ENTITY" in prolog:
        raise ExtractError(
            "malformed", "an XML document with a document type declaration (refused)"
        )


def _parse_xml(data: bytes) -> tuple[Any, bool]:
    """The root element, and whether the file was damaged (read as far as it went)."""
    from lxml import etree

    _refuse_doctype(data)
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=True,  # a picture's base64 may exceed 10 MB; no DTD, so no entity can grow
        remove_comments=True,
        remove_pis=True,
        recover=True,  # a damaged or cut file is read as far as it goes (the header first)
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ExtractError("malformed", "damaged XML document") from exc
    if root is None:
        raise ExtractError("malformed", "damaged XML document")
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ExtractError(
            "malformed", "an XML document with a document type declaration (refused)"
        )
    return root, bool(parser.error_log)


def _switches(properties: Any) -> dict[str, bool]:
    """The bold and strike-through switches a w:rPr sets (w:val off/false/0 turns one off)."""
    found: dict[str, bool] = {}
    if properties is None:
        return found
    for name in ("b", "strike", "dstrike"):
        element = properties.find(WORDML + name)
        if element is not None:
            found[name] = (element.get(WORDML + "val") or "on").lower() not in _OFF
    return found


class _WordmlStyles:
    """Bold and strike-through from the styles: a run's own, its character style's, its
    paragraph style's (each with the styles it is based on), the default paragraph style's."""

    def __init__(self, root: Any) -> None:
        self.own: dict[str, tuple[str | None, dict[str, bool]]] = {}
        self.default: str | None = None
        styles = root.find(WORDML + "styles")
        for style in styles.iterfind(WORDML + "style") if styles is not None else ():
            ident = style.get(WORDML + "styleId")
            if not ident:
                continue
            based = style.find(WORDML + "basedOn")
            base = based.get(WORDML + "val") if based is not None else None
            self.own[ident] = (base, _switches(style.find(WORDML + "rPr")))
            if style.get(WORDML + "type") == "paragraph" and (
                style.get(WORDML + "default") or ""
            ).lower() in ("on", "true", "1"):
                self.default = ident
        self.cache: dict[str | None, dict[str, bool]] = {}
        self.runs: dict[
            tuple[str | None, str | None, tuple[tuple[str, bool], ...]], tuple[bool, bool]
        ] = {}

    def style(self, ident: str | None) -> dict[str, bool]:
        if ident not in self.cache:
            chain = []
            current = ident
            for _ in range(16):  # base styles, bounded (a loop in a damaged file)
                if current is None or current not in self.own:
                    break
                chain.append(self.own[current][1])
                current = self.own[current][0]
            merged: dict[str, bool] = {}
            for switches in reversed(chain):
                merged.update(switches)
            self.cache[ident] = merged
        return self.cache[ident]

    def run(self, run: Any, paragraph_style: str | None) -> tuple[bool, bool]:
        """(bold, struck) of a w:r (None: text outside any run)."""
        properties = run.find(WORDML + "rPr") if run is not None else None
        character = properties.find(WORDML + "rStyle") if properties is not None else None
        character_style = character.get(WORDML + "val") if character is not None else None
        direct = _switches(properties)
        key = (paragraph_style, character_style, tuple(sorted(direct.items())))
        if key not in self.runs:
            known = paragraph_style if paragraph_style in self.own else self.default
            merged = dict(self.style(known))
            merged.update(self.style(character_style))
            merged.update(direct)
            self.runs[key] = (
                merged.get("b", False),
                merged.get("strike", False) or merged.get("dstrike", False),
            )
        return self.runs[key]


def _unprinted(element: Any) -> bool:
    return element.tag == _AML + "annotation" and element.get(WORDML + "type") in _UNPRINTED


@dataclass
class _WordmlParagraph:
    pieces: list[tuple[str, bool, bool]]
    boxes: list[Any]  # w:txbxContent elements anchored in it
    notes: list[Any]  # w:footnote / w:endnote elements called from it
    drawn: list[str]  # WordArt's text (v:textpath)
    pictures: list[str]  # names of the pictures it shows (v:imagedata src)


def _wordml_paragraph(paragraph: Any, styles: _WordmlStyles) -> _WordmlParagraph:
    """A w:p's own text as (text, bold, struck) pieces in order, and what is anchored in it."""
    style = paragraph.find(f"{WORDML}pPr/{WORDML}pStyle")
    paragraph_style = style.get(WORDML + "val") if style is not None else None
    found = _WordmlParagraph([], [], [], [], [])
    text_tag, run_tag = WORDML + "t", WORDML + "r"
    stack = [iter(paragraph)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == text_tag or tag in (WORDML + "tab", WORDML + "br", WORDML + "cr"):
            run = element.getparent()
            bold, struck = styles.run(
                run if run is not None and run.tag == run_tag else None, paragraph_style
            )
            text = (element.text or "") if tag == text_tag else " "
            found.pieces.append((text, bold, struck))
        elif tag == WORDML + "noBreakHyphen":
            found.pieces.append(("-", False, False))
        elif tag == WORDML + "txbxContent":
            found.boxes.append(element)
        elif tag in (WORDML + "footnote", WORDML + "endnote"):
            found.notes.append(element)
        elif tag == _VML + "textpath" and element.get("string"):
            found.drawn.append(element.get("string") or "")
        elif tag == _VML + "imagedata" and element.get("src"):
            found.pictures.append(element.get("src") or "")
        elif tag not in _RUN_SKIPPED and not _unprinted(element) and len(stack) < 200:
            stack.append(iter(element))
    return found


def _walk_paragraphs(container: Any) -> Iterator[tuple[Any, Any]]:
    """The w:p elements of a body, a cell, a header or a text box in reading order, each with
    the outermost table it sits in (or None); section properties, comments and deleted text
    are not walked into."""
    stack: list[tuple[Iterator[Any], Any]] = [(iter(container), None)]
    while stack:
        children, table = stack[-1]
        element = next(children, None)
        if element is None:
            stack.pop()
            continue
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == WORDML + "p":
            yield element, table
        elif tag not in _BODY_SKIPPED and not _unprinted(element) and len(stack) < 200:
            inner = element if table is None and tag == WORDML + "tbl" else table
            stack.append((iter(element), inner))


def _binary_pictures(root: Any) -> dict[str, Any]:
    return {
        element.get(WORDML + "name") or "": element
        for element in root.iter(WORDML + "binData")
        if element.get(WORDML + "name")
    }


def extract_wordml(
    data: bytes, limits: Limits = DEFAULT, budget: Budget | None = None
) -> Extracted:
    """A Word 2003 XML document's text as `extract_docx` makes it: page headers and footers
    first, then the body in reading order (text boxes after the paragraph they are anchored
    in), the first paragraphs and the first table as the header zone, footnotes last; bold and
    strike-through; pictures in the header zone read when the text shows no secret."""
    from bmnn.scanner.engine.extract.office import extract_docx, read_pictures_later

    root, damaged = _parse_xml(data)
    if root.tag == FLAT_PACKAGE + "package":
        result = extract_docx(_flat_package(root, limits), limits, budget)
        result.kind = "wordml"
        return result
    if root.tag != WORDML + "wordDocument":
        raise ExtractError("unsupported", "an XML document that is not a Word document")
    styles = _WordmlStyles(root)
    result = Extracted(kind="wordml")
    if damaged:
        result.notes.append("damaged XML: read as far as it could be")
    found: list[Block] = []

    def add(paragraph: Any, zone: str, origin: str) -> _WordmlParagraph:
        read = _wordml_paragraph(paragraph, styles)
        text = "".join(piece[0] for piece in read.pieces)
        # a sentence is one block: its formatting does not make it a stamp
        long = len(nfc(text).strip()) > 80
        parts = [(text, False, False)] if long else styled_parts(read.pieces)
        for part, bold, struck in parts:
            part = nfc(part.translate(_CLEAN)).strip()
            if part:
                found.append(Block(text=part, zone=zone, origin=origin, bold=bold, struck=struck))
        for drawn in read.drawn:
            if drawn.strip():
                kind = origin if origin == "page-header" else "textbox"
                found.append(Block(text=nfc(drawn).strip(), zone=zone, origin=kind))
        return read

    for part in root.iter(WORDML + "hdr", WORDML + "ftr"):
        for paragraph, _table in _walk_paragraphs(part):
            read = add(paragraph, HEADER, "page-header")
            for box in read.boxes:
                for inner, _ in _walk_paragraphs(box):
                    add(inner, HEADER, "page-header")
    body = root.find(WORDML + "body")
    if body is None:
        raise ExtractError("malformed", "a Word XML document without a body")
    counted = 0
    first_table: Any = None
    notes: list[Any] = []
    pictures: list[str] = []
    for number, (paragraph, table) in enumerate(_walk_paragraphs(body)):
        if budget is not None and number % 512 == 511:
            try:
                budget.check()
            except LimitReached as exc:
                result.limit = exc
                break
        if table is not None and first_table is None:
            first_table = table
        in_header = counted < HEADER_PARAGRAPHS or (
            table is not None and table is first_table and counted < HEADER_TABLE_PARAGRAPHS
        )
        zone = HEADER if in_header else BODY
        before = len(found)
        read = add(paragraph, zone, "table" if table is not None else "text")
        counted += len(found) > before
        if in_header:
            pictures += read.pictures
        for box in read.boxes:
            for inner, _ in _walk_paragraphs(box):
                before = len(found)
                add(inner, zone, "textbox")
                counted += len(found) > before
        notes += read.notes
        if len(found) > limits.max_blocks:
            result.notes.append("text truncated")
            break
    for note in notes:
        for paragraph, _table in _walk_paragraphs(note):
            add(paragraph, BODY, "text")
    result.blocks = plain_strike(
        [replace(block, order=index) for index, block in enumerate(found[: limits.max_blocks])]
    )
    binary = _binary_pictures(root) if pictures else {}
    blobs = []
    for name in pictures[:3]:
        element = binary.get(name)
        if element is None or not element.text:
            continue
        blob = _base64(element.text, limits.max_member_bytes)
        if blob is not None and len(blob) > 2_000:
            if budget is not None:
                budget.spend_bytes(len(blob))
            blobs.append(blob)
    read_pictures_later(blobs, result, limits)
    return result


def _base64(text: str, limit: int) -> bytes | None:
    import base64
    import binascii

    if len(text) * 3 // 4 > limit + 3:
        return None
    try:
        return base64.b64decode("".join(text.split()), validate=False)
    except (binascii.Error, ValueError):
        return None


def _flat_package(root: Any, limits: Limits) -> bytes:
    """Word 2007's XML document (one pkg:package holding every part of a DOCX) as the DOCX."""
    import zipfile
    from html import escape

    from lxml import etree

    types = []
    out = io.BytesIO()
    total = 0
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for part in root.iterfind(FLAT_PACKAGE + "part"):
            name = (part.get(FLAT_PACKAGE + "name") or "").lstrip("/")
            kind = part.get(FLAT_PACKAGE + "contentType") or "application/octet-stream"
            if not name or ".." in name.split("/") or name == "[Content_Types].xml":
                continue
            xml = part.find(FLAT_PACKAGE + "xmlData")
            binary = part.find(FLAT_PACKAGE + "binaryData")
            if xml is not None and len(xml):
                content = etree.tostring(xml[0], xml_declaration=True, encoding="UTF-8")
            elif binary is not None and binary.text:
                content = _base64(binary.text, limits.max_member_bytes) or b""
            else:
                continue
            total += len(content)
            if total > limits.max_unzipped_bytes:
                raise ExtractError("too_large", "the Word XML package is too large")
            archive.writestr(name, content)
            types.append(f'<Override PartName="/{escape(name)}" ContentType="{escape(kind)}"/>')
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns='
            '"http://schemas.openxmlformats.org/package/2006/content-types">'
            + "".join(types)
            + "</Types>",
        )
    return out.getvalue()


def _add_parts(
    result: Extracted, parts: list[tuple[str, bool, bool]], zone: str, origin: str
) -> None:
    """A paragraph's styled parts (text, bold, struck) as blocks, in order; empty ones left out."""
    for text, bold, struck in parts:
        if text:
            result.blocks.append(
                Block(
                    text=text,
                    zone=zone,
                    order=len(result.blocks),
                    origin=origin,
                    bold=bold,
                    struck=struck,
                )
            )
