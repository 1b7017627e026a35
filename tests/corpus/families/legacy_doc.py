"""Family "doc": legacy Word 97–2003 files (.doc), and what else agencies keep with a .doc name:
RTF, Word's single file web pages (MHT) and Word 2003 XML.

Documents are written as DOCX with python-docx, then converted to the Word binary format by
LibreOffice (`soffice --headless --convert-to doc`, Debian package libreoffice-writer-nogui) in
one batch call, cached by content hash under ~/.cache/bmnn-corpus/doc/ so that reruns start no
LibreOffice. LibreOffice stores all text as UTF-16 pieces; Word stores text that fits
Windows-1252 as 8-bit ("compressed") pieces, so the cp1252 variants are rewritten that way
(`compress_pieces`). The RTF variants are written here, as Word writes RTF (\\uN with a
Windows-1252 fallback, or \\'xx in Windows-1258 for a Vietnamese font).

    python -m tests.corpus.families.legacy_doc --fixtures bmnn/scanner/tests/fixtures/doc

writes the small fixture set the unit tests use (see the README there).

Besides the stamped variants: text typed in VNI fonts (.doc, RTF); web archives written as Word
writes them (quoted-printable Windows-1258 or UTF-8, or base64; a table header; the page header
as a part of its own; a stamp picture shown twice, the original in VML and a small copy in the
<img>); Word 2003 XML written as Word writes it (runs split, bold and strike-through by direct
formatting or by style, the page header in the section's properties, a VML text box) and as
LibreOffice's export writes it; a changed level (Form 06) and a declassification (Form 05) with
the old level struck through, in .doc and Word 2003 XML. Hard negatives of the same shapes: a
plan in each of them, the forms circular's specimens, a web archive whose red picture is no
level, a draft whose level was deleted (tracked) and commented on, an edit struck through.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import os
import random
import shutil
import struct
import subprocess  # nosec B404 # runs LibreOffice with fixed arguments
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.corpus.scanner_corpus import (
    ABOUT_SECRETS,
    LEVELS,
    SENTENCES,
    Doc,
    Item,
    make_doc,
    negative_law,
    negative_plan,
    negative_specimens,
)

FAMILY = "doc"
CACHE = Path(os.environ.get("BMNN_CORPUS_CACHE", Path.home() / ".cache" / "bmnn-corpus")) / "doc"
POSITIVE_VARIANTS = (
    "under-number",
    "bold",
    "header-table",
    "page-header",
    "footer",
    "textbox",
    "cell",
    "spaced",
    "cp1252",
    "mixed-pieces",
    "rtf-unicode",
    "rtf-cp1258",
    "tcvn3",
    "rtf-tcvn3",
    "vni",
    "rtf-vni",
    "mht",
    "mht-table",
    "mht-page-header",
    "mht-picture",
    "wordml",
    "wordml-table",
    "wordml-page-header",
    "wordml-textbox",
    "wordml-lo",
)


class ConverterMissing(RuntimeError):
    pass


# --- DOCX writing ----------------------------------------------------------------------------------


def _strip(text: str) -> str:
    from bmnn.scanner.engine.normalise import strip_diacritics

    return strip_diacritics(text)


def doc_lines(doc: Doc, variant: str) -> tuple[list[str], list[str], list[str]]:
    """Left header column, right header column and body, as the variant lays them out."""
    left = [doc.parent, doc.agency, f"Số: {doc.number}"]
    if doc.level is not None and variant in (
        "under-number",
        "bold",
        "spaced",
        "cp1252",
        "mixed-pieces",
        "rtf-unicode",
        "rtf-cp1258",
        "rtf-tcvn3",
        "rtf-vni",
        "header-table",
        "mht",
        "mht-table",
        "wordml",
        "wordml-table",
        "wordml-lo",
    ):
        left.append(_stamp(doc, variant))
    left += list(doc.extra_stamps)
    if doc.declassified_on:
        left += ["GIẢI MẬT", f"Từ: {doc.declassified_on}"]
    right = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", doc.place_date]
    body = doc.body_lines()
    if variant == "cp1252":
        left, right, body = ([_strip(line) for line in part] for part in (left, right, body))
    return left, right, body


def _stamp(doc: Doc, variant: str) -> str:
    if doc.level is None:
        raise ValueError("a stamp needs a level")
    text = LEVELS[doc.level]
    if variant == "spaced":
        return "  ".join(" ".join(word) for word in text.split())
    if variant == "cp1252":
        return _strip(text)
    return text


def write_docx(doc: Doc, variant: str) -> bytes:
    from docx import Document
    from docx.shared import Pt

    from tests.corpus.scanner_corpus import _add_textbox

    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(13)
    section = document.sections[0]
    left, right, body = doc_lines(doc, variant)
    if doc.level is not None and variant == "page-header":
        section.header.paragraphs[0].text = _stamp(doc, variant)
    if doc.level is not None and variant == "footer":
        section.footer.paragraphs[0].text = _stamp(doc, variant)
    if variant == "header-table":
        table = document.add_table(rows=1, cols=2)
        cell_left, cell_right = table.rows[0].cells
        cell_left.text = "\n".join(left)
        cell_right.text = "\n".join(right)
    else:
        for line in left:
            run = document.add_paragraph().add_run(line)
            run.bold = variant == "bold" and doc.level is not None and line == _stamp(doc, variant)
        if variant in ("picture", "picture-logo"):  # pasted under the number, as a picture
            from docx.shared import Cm

            from tests.corpus.scanner_corpus import logo_picture, stamp_picture

            picture = (
                stamp_picture(_stamp(doc, variant)) if variant == "picture" else logo_picture()
            )
            height = Cm(1.1) if variant == "picture" else Cm(2.0)
            document.add_paragraph().add_run().add_picture(io.BytesIO(picture), height=height)
        if doc.level is not None and variant == "cell":
            document.add_table(rows=1, cols=1).rows[0].cells[0].text = _stamp(doc, variant)
        for line in right:
            document.add_paragraph(line)
    if doc.level is not None and variant == "textbox":
        _add_textbox(document, _stamp(doc, variant))
    for line in body:
        document.add_paragraph(line)
    if doc.level is None and variant == "footer":
        section.footer.paragraphs[0].text = "Tài liệu nội bộ"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def tcvn3(text: str) -> str:
    """Text as typed with the ABC keyboard in a TCVN3 font: each Vietnamese letter as the
    Windows-1252 character of its TCVN3 byte (capitals with a tone mark have no code: they are
    typed lower case, and a capitals-only ".VnTimeH" font shows them upper case)."""
    from bmnn.scanner.engine.extract.legacy import TCVN3

    back = {str(v): chr(k) for k, v in TCVN3.items()}
    return "".join(back.get(c, back.get(c.lower(), c)) for c in text)


def write_tcvn3_docx(doc: Doc) -> bytes:
    """An old document typed in TCVN3 fonts: lines in capitals in .VnTimeH, the rest in the
    style's .VnTime (no font on the run: it comes from the Normal style)."""
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = ".VnTime"
    left, right, body = doc_lines(doc, "under-number")
    for line in left + right + body:
        paragraph = document.add_paragraph()
        if line.isupper():
            run = paragraph.add_run(tcvn3(line.lower()))
            run.font.name = ".VnTimeH"
        else:
            paragraph.add_run(tcvn3(line))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lines_docx(lines: list[str], header: str | None = None) -> bytes:
    from docx import Document

    document = Document()
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- conversion --------------------------------------------------------------------------------------


def soffice() -> str:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        raise ConverterMissing(
            "the .doc corpus family needs LibreOffice to write Word 97–2003 files: "
            "apt-get install -y libreoffice-writer-nogui (Debian package libreoffice-writer-nogui)"
        )
    return binary


def _content_key(blob: bytes) -> str:
    """A DOCX's hash over its parts' names and contents (the ZIP's own timestamps change on
    every save)."""
    import zipfile

    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode() + b"\0" + hashlib.sha256(archive.read(name)).digest())
    return digest.hexdigest()


# LibreOffice's export filters by the suffix of what they write
TARGETS = {"doc": "doc", "xml": "xml:MS Word 2003 XML"}


def convert(
    blobs: list[bytes], cache: Path = CACHE, timeout: float = 600.0, target: str = "doc"
) -> list[bytes]:
    """Each DOCX as a Word 97–2003 file (`target` "doc") or as Word 2003 XML ("xml", written
    by LibreOffice's own export); the ones not in the cache converted in one call."""
    keys = [_content_key(blob) for blob in blobs]
    missing = {
        key: blob
        for key, blob in zip(keys, blobs, strict=True)
        if not (cache / f"{key}.{target}").exists()
    }
    if missing:
        binary = soffice()
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="bmnn-doc-") as work:
            folder = Path(work)
            for key, blob in missing.items():
                (folder / f"{key}.docx").write_bytes(blob)
            profile = (
                folder / "profile"
            ).as_uri()  # its own profile: no clash with a running soffice
            command = [
                binary,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                TARGETS[target],
                "--outdir",
                str(folder / "out"),
                *sorted(str(p) for p in folder.glob("*.docx")),
            ]
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)  # nosec B603
            for key in missing:
                produced = folder / "out" / f"{key}.{target}"
                if not produced.exists():
                    raise RuntimeError(
                        f"LibreOffice did not convert a file: {done.stderr.decode()[-400:]}"
                    )
                shutil.copyfile(produced, cache / f"{key}.{target}")
    return [(cache / f"{key}.{target}").read_bytes() for key in keys]


# --- Word's 8-bit pieces -----------------------------------------------------------------------------


def _fib_pairs_at(document: bytes | bytearray) -> int:
    """Where the FIB's (fc, lcb) pairs start."""
    csw = struct.unpack_from("<H", document, 32)[0]
    at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", document, at)[0]
    return at + 2 + 4 * cslw + 2


def _grow_stream(data: bytes, name: str, extra: int) -> bytes:
    """The compound file with stream `name` declared `extra` bytes longer, within the sectors
    it already has (a directory entry's size field; the name is found in the directory)."""
    encoded = name.encode("utf-16-le") + b"\0\0"
    at = data.find(encoded)
    while at >= 0 and struct.unpack_from("<H", data, at + 64)[0] != len(encoded):
        at = data.find(encoded, at + 1)
    if at < 0:
        raise ValueError(f"no {name} stream")
    size = struct.unpack_from("<I", data, at + 120)[0]
    if size < 4096 or -(-size // 512) * 512 < size + extra:
        raise ValueError(f"no room to grow {name}")
    out = bytearray(data)
    struct.pack_into("<I", out, at + 120, size + extra)
    return bytes(out)


def compress_pieces(data: bytes, upto: int | None = None) -> bytes:
    """The same document with its first `upto` characters (all when None) stored as Word
    stores text that fits Windows-1252: 8-bit bytes in a "compressed" piece, the rest left as
    UTF-16 in a second piece. The FCs of the paragraph and character property pages move with
    the text. Needs a single UTF-16 piece (what LibreOffice writes)."""
    import olefile

    probe = olefile.OleFileIO(io.BytesIO(data))
    document = bytearray(probe.openstream("WordDocument").read())
    probe.close()
    table_name = "1Table" if struct.unpack_from("<H", document, 0x0A)[0] & 0x0200 else "0Table"
    pairs_at = _fib_pairs_at(document)
    clx, clx_size = struct.unpack_from("<II", document, pairs_at + 8 * 33)
    probe = olefile.OleFileIO(io.BytesIO(data))
    table = bytearray(probe.openstream(table_name).read())
    probe.close()
    if table[clx] != 0x02 or struct.unpack_from("<I", table, clx + 1)[0] != 16:
        raise ValueError("compress_pieces needs a document with one piece and no Prc")
    cp_end = struct.unpack_from("<I", table, clx + 9)[0]
    fc0 = struct.unpack_from("<I", table, clx + 15)[0]
    if fc0 & 0x40000000:
        raise ValueError("already compressed")
    text = document[fc0 : fc0 + 2 * cp_end].decode("utf-16-le")
    upto = cp_end if upto is None else upto
    document[fc0 : fc0 + upto] = text[:upto].encode("cp1252")  # raises when it does not fit
    boundary = fc0 + 2 * upto

    def moved(fc: int) -> int:
        return fc0 + (fc - fc0) // 2 if fc0 <= fc < boundary else fc

    pieces = [(0, (2 * fc0) | 0x40000000)]
    if upto < cp_end:
        pieces.append((upto, boundary))
    plc = b"".join(struct.pack("<I", cp) for cp in [p[0] for p in pieces] + [cp_end])
    plc += b"".join(struct.pack("<HIH", 0, p[1], 0) for p in pieces)
    new_clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    growth = len(new_clx) - clx_size
    table[clx : clx + clx_size] = new_clx
    if growth:
        data = _grow_stream(data, table_name, growth)
        count = struct.unpack_from("<H", document, pairs_at - 2)[0]
        for index in range(count):  # everything after the piece table moves down
            fc, size = struct.unpack_from("<II", document, pairs_at + 8 * index)
            if size and fc >= clx + clx_size and index != 33:
                struct.pack_into("<I", document, pairs_at + 8 * index, fc + growth)
    struct.pack_into("<I", document, pairs_at + 8 * 33 + 4, len(new_clx))
    for index in (12, 13):  # the bin tables of the CHPX and PAPX pages, then the pages
        fc, size = struct.unpack_from("<II", document, pairs_at + 8 * index)
        count = (size - 4) // 8
        for i in range(count + 1):
            where = fc + 4 * i
            struct.pack_into("<I", table, where, moved(struct.unpack_from("<I", table, where)[0]))
        for i in range(count):
            page = (
                struct.unpack_from("<I", table, fc + 4 * (count + 1) + 4 * i)[0] & 0x3FFFFF
            ) * 512
            for j in range(document[page + 511] + 1):
                where = page + 4 * j
                struct.pack_into(
                    "<I", document, where, moved(struct.unpack_from("<I", document, where)[0])
                )
    handle = io.BytesIO(data)
    ole = olefile.OleFileIO(handle, write_mode=True)
    ole.write_stream("WordDocument", bytes(document))
    ole.write_stream(table_name, bytes(table))
    ole.close()
    return handle.getvalue()


# --- RTF as Word writes it ------------------------------------------------------------------------


TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below


def _cp1258(char: str) -> bytes:
    """One character in Windows-1258 as Vietnamese Windows writes it: the letter with its
    circumflex, breve or horn precomposed where the code page has it, the tone mark after it
    as a combining character."""
    import unicodedata

    try:
        return char.encode("cp1258")
    except UnicodeEncodeError:
        pass
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0], decomposed[1:]
    tones = "".join(m for m in marks if m in TONES)
    head = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES))
    return (head + tones).encode("cp1258", errors="replace")


def _rtf_text(text: str, codepage: str) -> str:
    out = []
    for char in text:
        if char in "\\{}":
            out.append("\\" + char)
        elif ord(char) < 128:
            out.append(char)
        elif codepage == "cp1258":
            out.append("".join(f"\\'{b:02x}" for b in _cp1258(char)))
        elif codepage == "tcvn3":  # the TCVN3 byte, as Word writes text in a .Vn font
            out.append(f"\\'{ord(char):02x}" if ord(char) < 256 else "?")
        else:
            try:
                fallback = char.encode("cp1252")
            except UnicodeEncodeError:
                fallback = b"?"
            code = ord(char) - 65536 if ord(char) > 32767 else ord(char)
            out.append(f"\\u{code}\\'{fallback[0]:02x}")
    return "".join(out)


def write_rtf(doc: Doc, variant: str, header: str | None = None) -> bytes:
    """An RTF file (as saved by Word, often with a .doc name): font table, colour table and
    stylesheet first, then the paragraphs; `header` goes to a \\header group."""
    codepage = "cp1258" if variant == "rtf-cp1258" else "cp1252"
    charset = 163 if codepage == "cp1258" else 0
    left, right, body = doc_lines(doc, variant)
    parts = [
        "{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1",
        f"{{\\fonttbl{{\\f0\\froman\\fcharset{charset} Times New Roman;}}{{\\f1\\fswiss\\fcharset0 Arial;}}}}",
        "{\\colortbl;\\red255\\green0\\blue0;}",
        "{\\stylesheet{\\s0 Normal;}{\\s1 heading 1 M\\u7852?T;}}",
        "{\\info{\\title T\\u7888?I M\\u7852?T}{\\author V\\u259?n th\\u432?}}",
    ]
    if header is not None:
        parts.append(f"{{\\header\\pard\\plain\\f0 {_rtf_text(header, codepage)}\\par}}")
    if variant == "rtf-tcvn3":
        parts[1] = "{\\fonttbl{\\f0\\fnil\\fcharset0 .VnTime;}{\\f1\\fnil\\fcharset0 .VnTimeH;}}"
    if variant == "rtf-vni":
        parts[1] = "{\\fonttbl{\\f0\\fnil\\fcharset0 VNI-Times;}{\\f1\\fswiss\\fcharset0 Arial;}}"
    for line in left + right + body:
        bold = "\\b " if doc.level is not None and line == _stamp(doc, variant) else " "
        if variant == "rtf-vni":  # every line in VNI-Times, its marks as \\'xx bytes
            parts.append(f"\\pard\\plain\\f0\\fs26{bold}{_rtf_text(vni(line), 'tcvn3')}\\par")
            continue
        if variant == "rtf-tcvn3":  # capitals in .VnTimeH typed lower case, the rest in .VnTime
            font, text = ("\\f1", tcvn3(line.lower())) if line.isupper() else ("\\f0", tcvn3(line))
            parts.append(f"\\pard\\plain{font}\\fs26{bold}{_rtf_text(text, 'tcvn3')}\\par")
            continue
        parts.append(f"\\pard\\plain\\f0\\fs26{bold}{_rtf_text(line, codepage)}\\par")
    parts.append("}")
    return "\n".join(parts).encode("ascii")


# --- VNI ------------------------------------------------------------------------------------------

VNI_TONES = {"": 0, "\u0301": 1, "\u0300": 2, "\u0309": 3, "\u0303": 4, "\u0323": 5}
# the byte after a base letter, by tone (none, acute, grave, hook, tilde, dot below)
VNI_AFTER = {
    "": ("", "ù", "ø", "û", "õ", "ï"),
    "\u0302": ("â", "á", "à", "å", "ã", "ä"),  # circumflex with the tone
    "\u0306": ("ê", "é", "è", "ú", "ü", "ë"),  # breve with the tone
}
VNI_I = ("i", "í", "ì", "æ", "ó", "ò")  # the i's are one byte each


def vni(text: str) -> str:
    """Text as typed with the VNI keyboard in a VNI font (VNI-Times): each Vietnamese letter as
    its base letter followed by the Windows-1252 character whose byte carries its marks; ơ, ư
    (as ô, ö), đ (ñ), the i's and ỵ (î) are one byte. Written by rule, not from the reader's
    table, so that the two check each other."""
    import unicodedata

    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        upper = base.isupper()
        lower = base.lower()
        tone = next((VNI_TONES[m] for m in marks if m in VNI_TONES), 0)
        hat = next((m for m in marks if m in ("\u0302", "\u0306")), "")
        horn = "\u031b" in marks
        if lower == "đ":
            piece = "ñ"
        elif lower == "i":
            piece = VNI_I[tone]
        elif lower == "y" and tone == 5:
            piece = "î"
        elif horn and lower in "ou":
            piece = {"o": "ô", "u": "ö"}[lower] + VNI_AFTER[""][tone]
        elif lower in "aeouy" and (tone or hat):
            piece = lower + VNI_AFTER[hat][tone]
        else:
            out.append(char)
            continue
        out.append(piece.upper() if upper else piece)
    return "".join(out)


def write_vni_docx(doc: Doc) -> bytes:
    """An old document typed with the VNI keyboard: every line in VNI-Times."""
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = "VNI-Times"
    left, right, body = doc_lines(doc, "under-number")
    for line in left + right + body:
        run = document.add_paragraph().add_run(vni(line))
        run.font.name = "VNI-Times"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- layouts: what goes where on the page, for the writers below ----------------------------------

Line = tuple[tuple[str, bool], ...]  # runs of (text, struck through)


def plain(text: str) -> Line:
    return ((text, False),)


def line_text(line: Line) -> str:
    return "".join(text for text, _struck in line)


@dataclass
class Layout:
    """A document laid out: the header's left and right columns (paragraphs, or a two-cell
    table), the body, and what sits elsewhere: the page header, a text box anchored at the
    number line, a stamp picture under it, a deleted revision or a reviewer's comment there."""

    left: list[Line]
    right: list[Line]
    body: list[Line]
    table: bool = False
    page_header: list[Line] = field(default_factory=list)
    textbox: list[Line] = field(default_factory=list)
    picture: bytes | None = None
    deleted: str | None = None
    comment: str | None = None


def layout_of(doc: Doc | list[str], variant: str) -> Layout:
    """The layout of a document in one of the family's variants."""
    if isinstance(doc, list):  # lines of a public text (a law, the forms circular)
        header = [plain("MẪU DẤU ĐỘ MẬT")] if variant.endswith("lines-header") else []
        return Layout([], [], [plain(line) for line in doc], page_header=header)
    left, right, body = doc_lines(doc, variant)
    layout = Layout(
        [plain(x) for x in left],
        [plain(x) for x in right],
        [plain(x) for x in body],
        table=variant.endswith("-table"),
    )
    if doc.level is not None and variant.endswith("page-header"):
        layout.page_header = [plain(_stamp(doc, variant))]
    if doc.level is not None and variant.endswith("textbox"):
        layout.textbox = [plain(_stamp(doc, variant))]
    if doc.level is not None and variant.endswith("picture"):
        from tests.corpus.scanner_corpus import stamp_picture

        layout.picture = stamp_picture(LEVELS[doc.level])
    return layout


def changed_layout(rng: random.Random, new: str, order: str | None = None) -> Layout:
    """A level changed (TT24 Form 06): the old level struck through, "ĐIỀU CHỈNH ĐỘ MẬT", the
    new level — on the old one's line, before the mark, or after it (`order`)."""
    old = rng.choice([level for level in LEVELS if level != new])
    doc = make_doc(rng, None)
    left, right, body = doc_lines(doc, "under-number")
    mark = plain("ĐIỀU CHỈNH ĐỘ MẬT")
    struck: Line = ((LEVELS[old], True),)
    order = order or rng.choice(["same-line", "new-first", "old-first"])
    if order == "same-line":
        stamps = [((LEVELS[old], True), (" ", False), (LEVELS[new], False)), mark]
    elif order == "new-first":
        stamps = [plain(LEVELS[new]), mark, struck]
    else:
        stamps = [struck, mark, plain(LEVELS[new])]
    return Layout(
        [*(plain(x) for x in left), *stamps],
        [plain(x) for x in right],
        [plain(x) for x in body],
        table=rng.random() < 0.4,
    )


def declassified_layout(rng: random.Random, level: str) -> Layout:
    """Declassified (TT24 Form 05): the level struck through, "GIẢI MẬT", "Từ: dd/mm/yyyy"."""
    doc = make_doc(rng, None)
    left, right, body = doc_lines(doc, "under-number")
    date = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026"
    stamps = [((LEVELS[level], True),), plain("GIẢI MẬT"), plain(f"Từ: {date}")]
    return Layout(
        [*(plain(x) for x in left), *stamps],
        [plain(x) for x in right],
        [plain(x) for x in body],
        table=rng.random() < 0.4,
    )


def edited_layout(rng: random.Random) -> Layout:
    """A plan with no level whose body was edited: a sentence struck through, one put instead."""
    doc = negative_plan(rng)
    left, right, body = doc_lines(doc, "under-number")
    lines = [plain(x) for x in body]
    old, new = rng.sample(ABOUT_SECRETS, 2)
    lines.insert(3, ((old, True), (" ", False), (new, False)))
    return Layout([plain(x) for x in left], [plain(x) for x in right], lines)


def layout_docx(layout: Layout, rng: random.Random, switched_off: bool = False) -> bytes:
    """A layout as a DOCX (for LibreOffice to convert), struck runs as Word's strike-through
    (now and then the double one); `switched_off`: the other runs say "no strike-through"."""
    from docx import Document

    document = Document()
    document.styles["Normal"].font.name = "Times New Roman"

    def add(container: Any, line: Line) -> None:
        paragraph = container.add_paragraph()
        for text, struck in line:
            run = paragraph.add_run(text)
            run.bold = line_text(line).isupper()
            if struck and rng.random() < 0.25:
                run.font.double_strike = True
            elif struck:
                run.font.strike = True
            elif switched_off:
                run.font.strike = False

    if layout.table:
        table = document.add_table(rows=1, cols=2)
        for cell, lines in zip(table.rows[0].cells, (layout.left, layout.right), strict=True):
            cell.paragraphs[0].text = line_text(lines[0])
            for line in lines[1:]:
                add(cell, line)
    else:
        for line in layout.left + layout.right:
            add(document, line)
    for line in layout.body:
        add(document, line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- Word 2003 XML, as Word writes it -------------------------------------------------------------

WORDML_NAMESPACES = (
    'xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:sl="http://schemas.microsoft.com/schemaLibrary/2003/core" '
    'xmlns:aml="http://schemas.microsoft.com/aml/2001/core" '
    'xmlns:wx="http://schemas.microsoft.com/office/word/2003/auxHint" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:dt="uuid:C2F41010-65B3-11d1-A29F-00AA00C14882"'
)
WORDML_STYLES = (
    '<w:styles><w:versionOfBuiltInStylenames w:val="4"/>'
    '<w:style w:type="paragraph" w:default="on" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><wx:font wx:val="Times New Roman"/><w:sz w:val="26"/><w:lang w:val="EN-US"/></w:rPr>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="center" w:pos="4320"/></w:tabs></w:pPr>'
    "</w:style>"
    '<w:style w:type="paragraph" w:styleId="Stamp"><w:name w:val="Stamp"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/></w:rPr>'
    "</w:style>"
    '<w:style w:type="character" w:default="on" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:semiHidden/></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Void"><w:name w:val="Void"/>'
    '<w:basedOn w:val="DefaultParagraphFont"/><w:rPr><w:strike/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="CommentReference"><w:name w:val="annotation reference"/>'
    '<w:rPr><w:sz w:val="16"/></w:rPr></w:style>'
    "</w:styles>"
)


def _xml(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def write_wordml(layout: Layout, rng: random.Random) -> bytes:
    """A layout as a Word 2003 XML document ("Word 2003 XML Document", saved as .xml or .doc):
    runs split where Word would split them (proofing marks, edits), bold and strike-through by
    direct formatting or by a style, the page header in the section's properties, a text box
    as VML in a run of the number line."""

    def runs(text: str, bold: bool, struck: bool) -> str:
        props = []
        way = rng.random()
        if struck and way < 0.2:
            props.append('<w:rStyle w:val="Void"/>')
        elif bold and way < 0.3:
            props.append('<w:rStyle w:val="Strong"/>')
        if bold and not any("Strong" in p for p in props):
            props.append("<w:b/>")
        if struck and not any("Void" in p for p in props):
            props.append(rng.choice(["<w:strike/>", "<w:dstrike/>", '<w:strike w:val="on"/>']))
        if not bold and rng.random() < 0.2:
            props.append('<w:b w:val="off"/>')
        head = f"<w:rPr>{''.join(props)}</w:rPr>" if props else ""
        cut = rng.randrange(1, len(text)) if len(text) > 3 and rng.random() < 0.4 else len(text)
        pieces = [text[:cut], text[cut:]] if cut < len(text) else [text]
        between = rng.choice(["", '<w:proofErr w:type="spellStart"/>'])
        return between.join(f"<w:r>{head}<w:t>{_xml(piece)}</w:t></w:r>" for piece in pieces)

    def paragraph(line: Line, extra: str = "", style: str = "") -> str:
        bold = line_text(line).isupper()
        properties = f'<w:pStyle w:val="{style}"/>' if style else ""
        if bold and not style and rng.random() < 0.3:
            properties, bold = '<w:pStyle w:val="Stamp"/>', False  # bold by the paragraph style
        elif bold:
            properties += '<w:jc w:val="center"/>'
        inner = "".join(runs(text, bold, struck) for text, struck in line if text)
        return f"<w:p><w:pPr>{properties}</w:pPr>{inner}{extra}</w:p>"

    def extras() -> str:
        out = ""
        if layout.textbox:
            boxed = "".join(paragraph(line) for line in layout.textbox)
            out += (
                '<w:r><w:pict><v:shape id="_x0000_s1026" type="#_x0000_t202" '
                'style="position:absolute;margin-left:30pt;margin-top:4pt;width:110pt;height:26pt;'
                f'z-index:1"><v:textbox><w:txbxContent>{boxed}</w:txbxContent></v:textbox>'
                "</v:shape></w:pict></w:r>"
            )
        if layout.deleted:
            out += (
                '<aml:annotation aml:id="1" w:type="Word.Deletion" aml:author="Văn thư" '
                'aml:createdate="2026-03-02T09:12:00Z"><aml:content><w:r><w:rPr><w:b/></w:rPr>'
                f"<w:delText>{_xml(layout.deleted)}</w:delText></w:r></aml:content></aml:annotation>"
            )
        if layout.comment:
            out += (
                '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
                '<aml:annotation aml:id="2" w:type="Word.Comment" aml:author="Phó phòng" '
                'aml:createdate="2026-03-02T09:15:00Z"><aml:content><w:p><w:r>'
                f"<w:t>{_xml(layout.comment)}</w:t></w:r></w:p></aml:content></aml:annotation></w:r>"
            )
        return out

    anchor = extras()
    body = []
    if layout.table:
        cells = []
        for index, lines in enumerate((layout.left, layout.right)):
            paragraphs = "".join(
                paragraph(line, anchor if index == 0 and number == 2 else "")
                for number, line in enumerate(lines)
            )
            cells.append(
                f'<w:tc><w:tcPr><w:tcW w:w="4428" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'
            )
        body.append(
            '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
            '<w:gridCol w:w="4428"/><w:gridCol w:w="4428"/></w:tblGrid>'
            f"<w:tr>{''.join(cells)}</w:tr></w:tbl>"
        )
    else:
        for number, line in enumerate(layout.left):
            body.append(paragraph(line, anchor if number == 2 else ""))
        body += [paragraph(line) for line in layout.right]
        if not layout.left and anchor:
            body.append(f"<w:p>{anchor}</w:p>")
    body += [paragraph(line) for line in layout.body]
    header = ""
    if layout.page_header:
        written = "".join(paragraph(line, style="Header") for line in layout.page_header)
        header = f'<w:hdr w:type="odd">{written}</w:hdr>'
    section = (
        f'<w:sectPr>{header}<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" '
        'w:right="1134" w:bottom="1134" w:left="1701" w:header="720" w:footer="720" w:gutter="0"/>'
        "</w:sectPr>"
    )
    title = _xml(line_text(layout.left[0]) if layout.left else "Tài liệu")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<?mso-application progid="Word.Document"?>\n'
        f'<w:wordDocument {WORDML_NAMESPACES} w:macrosPresent="no" w:embeddedObjPresent="no" '
        'w:ocxPresent="no" xml:space="preserve">'
        '<w:ignoreSubtree w:val="http://schemas.microsoft.com/office/word/2003/wordml/sp2"/>'
        f"<o:DocumentProperties><o:Title>{title}</o:Title><o:Author>Văn thư</o:Author>"
        "<o:Revision>3</o:Revision></o:DocumentProperties>"
        '<w:fonts><w:defaultFonts w:ascii="Times New Roman" w:fareast="Times New Roman" '
        'w:h-ansi="Times New Roman" w:cs="Times New Roman"/></w:fonts>'
        f"{WORDML_STYLES}"
        '<w:docPr><w:view w:val="print"/><w:zoom w:percent="100"/></w:docPr>'
        f"<w:body><wx:sect>{''.join(body)}{section}</wx:sect></w:body></w:wordDocument>"
    )
    return document.encode("utf-8")


# --- Word's "single file web page" (MHT) ----------------------------------------------------------

MHT_PREAMBLE = (
    "This file is a web page saved whole in one file (a web archive): open it in a program"
    " that reads such archives."
)


def _word_paragraph(line: Line, css: str = "MsoNormal") -> str:
    text = line_text(line)
    inner = "".join(
        f"<s>{_xml(part)}</s>" if struck else _xml(part) for part, struck in line if part
    )
    inner = f"<span lang=VI style='font-size:13.0pt'>{inner}<o:p></o:p></span>"
    if text.isupper():
        return f"<p class={css} align=center style='text-align:center'><b>{inner}</b></p>"
    return f"<p class={css}>{inner}</p>"


def _wrap(html: str) -> str:
    """Word's web page source: lines broken at spaces near 76 characters."""
    import textwrap

    return "\n".join(
        "\n".join(textwrap.wrap(line, 76, break_long_words=False, break_on_hyphens=False))
        for line in html.split("\n")
    )


def _html_bytes(text: str, charset: str) -> bytes:
    """A page in its charset; Windows-1258 as Vietnamese Windows writes it (tone marks as
    combining characters), characters outside it as numeric references."""
    if charset == "utf-8":
        return text.encode("utf-8")
    out = bytearray()
    for char in text:
        encoded = _cp1258(char)
        out += encoded if b"?" not in encoded or char == "?" else f"&#{ord(char)};".encode()
    return bytes(out)


def word_page(layout: Layout, charset: str, folder: str, shape: str) -> tuple[str, str | None]:
    """The HTML Word writes for a layout, and that of its page-header part (or None)."""
    meta = f'<meta http-equiv=Content-Type content="text/html; charset={charset}">'
    head = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\nxmlns:o="urn:schemas-microsoft-com:office:office"\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word"\nxmlns="http://www.w3.org/TR/REC-html40">\n\n'
        f"<head>\n{meta}\n<meta name=ProgId content=Word.Document>\n"
        '<meta name=Generator content="Microsoft Word 12">\n'
        f'<link rel=File-List href="{folder}/filelist.xml">\n'
        f"<title>{_xml(line_text(layout.left[0]) if layout.left else 'Tài liệu')}</title>\n"
        "<!--[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>Văn thư</o:Author>\n"
        " </o:DocumentProperties>\n</xml><![endif]-->\n<style>\n<!--\n"
        " p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:13.0pt;\n"
        '\tfont-family:"Times New Roman","serif";}\n@page Section1\n\t{size:595.3pt 841.9pt;\n'
        "\tmargin:56.7pt 42.5pt 56.7pt 85.05pt;\n"
        + (f'\tmso-header:url("{folder}/header.htm") h1;\n' if layout.page_header else "")
        + "}\ndiv.Section1\n\t{page:Section1;}\n-->\n</style>\n</head>\n\n"
        "<body lang=EN-US style='tab-interval:36.0pt'>\n\n<div class=Section1>\n\n"
    )
    left = [_word_paragraph(line) for line in layout.left]
    if layout.picture is not None:
        picture = (
            "<p class=MsoNormal align=center style='text-align:center'><span lang=VI "
            "style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape id=\"" + shape + '" '
            "type=\"#_x0000_t75\" style='width:99pt;height:21pt;visibility:visible'>\n"
            f' <v:imagedata src="{folder}/image001.png" o:title=""/>\n</v:shape><![endif]-->'
            f'<![if !vml]><img width=132 height=28 src="{folder}/image002.jpg" v:shapes="{shape}">'
            "<![endif]></span></p>"
        )
        left.insert(min(3, len(left)), picture)
    right = [_word_paragraph(line) for line in layout.right]
    if layout.table:
        cell = "<td width=295 valign=top style='width:221.4pt;padding:0cm 5.4pt 0cm 5.4pt'>\n"
        top = (
            "<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0\n"
            " style='border-collapse:collapse'>\n <tr>\n  "
            + cell
            + "\n".join(left)
            + "\n  </td>\n  "
            + cell
            + "\n".join(right)
            + "\n  </td>\n </tr>\n</table>\n"
        )
    else:
        top = "\n\n".join(left + right) + "\n\n"
    body = "\n\n".join(_word_paragraph(line) for line in layout.body)
    page = _wrap(head + top + body + "\n\n</div>\n\n</body>\n\n</html>\n")
    if not layout.page_header:
        return page, None
    header = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml"\nxmlns:o="urn:schemas-microsoft-com:office:office"\n'
        f'xmlns="http://www.w3.org/TR/REC-html40">\n\n<head>\n{meta}\n'
        '<link id=Main-File rel=Main-File href="../bao-cao.htm">\n</head>\n\n<body lang=EN-US>\n\n'
        "<div style='mso-element:footnote-separator' id=fs>\n<p class=MsoNormal><span lang=VI>"
        '<![if !supportFootnotes]>\n<hr align=left size=1 width="33%">\n<![endif]></span></p>\n</div>\n\n'
        "<div style='mso-element:header' id=h1>\n"
        + "\n".join(_word_paragraph(line, "MsoHeader") for line in layout.page_header)
        + "\n</div>\n\n</body>\n\n</html>\n"
    )
    return page, _wrap(header)


def _display_copy(picture: bytes) -> bytes:
    """The copy Word puts in a web page's <img>: the picture at its size on the page, as JPEG."""
    from PIL import Image

    with Image.open(io.BytesIO(picture)) as image:
        small = image.convert("RGB").resize((132, 28))
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=80)
    return out.getvalue()


def write_mht(layout: Layout, rng: random.Random) -> bytes:
    """A layout saved by Word as a single file web page (MHTML): the page as quoted-printable
    Windows-1258 or UTF-8 (or base64 UTF-8), a stamp picture as two parts (the original the VML
    shape shows, a copy at its size on the page for the <img>), the page header as a part of
    its own, the file list."""
    import base64
    import quopri

    charset, transfer = rng.choice(
        [
            ("windows-1258", "quoted-printable"),
            ("utf-8", "quoted-printable"),
            ("utf-8", "base64"),
        ]
    )
    folder_id = "".join(rng.choice("0123456789ABCDEF") for _ in range(8))
    base = f"file:///C:/{folder_id}/"
    folder = "bao-cao_files"
    page, header = word_page(layout, charset, folder, f"Picture_x0020_{rng.randint(1, 9)}")
    parts: list[tuple[str, str, str, bytes]] = [
        (
            base + "bao-cao.htm",
            f'text/html; charset="{charset}"',
            transfer,
            _html_bytes(page, charset),
        )
    ]
    files = []
    if layout.picture is not None:
        parts.append((f"{base}{folder}/image001.png", "image/png", "base64", layout.picture))
        parts.append(
            (f"{base}{folder}/image002.jpg", "image/jpeg", "base64", _display_copy(layout.picture))
        )
        files += ["image001.png", "image002.jpg"]
    if header is not None:
        parts.append(
            (
                f"{base}{folder}/header.htm",
                f'text/html; charset="{charset}"',
                "quoted-printable",
                _html_bytes(header, charset),
            )
        )
        files.append("header.htm")
    listing = "\n".join(
        [
            '<xml xmlns:o="urn:schemas-microsoft-com:office:office">',
            ' <o:MainFile HRef="../bao-cao.htm"/>',
        ]
        + [f' <o:File HRef="{name}"/>' for name in [*files, "filelist.xml"]]
        + ["</xml>"]
    )
    parts.append(
        (
            f"{base}{folder}/filelist.xml",
            'text/xml; charset="utf-8"',
            "quoted-printable",
            listing.encode(),
        )
    )
    boundary = f"----=_NextPart_01D{rng.randrange(16**5):05X}.{rng.randrange(16**8):08X}"
    out = [
        "MIME-Version: 1.0",
        f'Content-Type: multipart/related; boundary="{boundary}"',
        "",
        MHT_PREAMBLE,
        "",
    ]
    for location, content_type, encoding, payload in parts:
        if encoding == "base64":
            text = base64.encodebytes(payload).decode("ascii")
        else:
            text = quopri.encodestring(payload).decode("ascii")
        out += [
            f"--{boundary}",
            f"Content-Location: {location}",
            f"Content-Transfer-Encoding: {encoding}",
            f"Content-Type: {content_type}",
            "",
            text.replace("\r\n", "\n").rstrip("\n"),
            "",
        ]
    out.append(f"--{boundary}--")
    return "\n".join(out).replace("\n", "\r\n").encode("ascii")


# --- the family ----------------------------------------------------------------------------------------


def _template(rng: random.Random) -> Doc:
    return make_doc(rng, None, template_field=True)


def items(rng: random.Random, scale: int) -> list[Item]:
    """Positives at every level in every variant, changed levels and declassified ones, and
    hard negatives of the same shapes."""
    planned: list[tuple[str, Doc | list[str] | Layout, str, str | None, str, bool]] = []
    # (name, content, variant, level, category, declassified)
    for _ in range(scale):
        for level in LEVELS:
            for variant in POSITIVE_VARIANTS:
                extras = rng.choice([(), (), ("Bản số: 2",), ("TÀI LIỆU THU HỒI",)])
                doc = make_doc(rng, level, extra_stamps=extras)
                planned.append(
                    (f"positive-{level}-{variant}", doc, variant, level, "positive", False)
                )
        for level in LEVELS:  # a changed level: secret at the new one
            variant = rng.choice(["struck", "struck", "wordml-struck"])
            planned.append(
                (
                    f"changed-{level}-{variant}",
                    changed_layout(rng, level),
                    variant,
                    level,
                    "positive",
                    False,
                )
            )
        for level in rng.sample(list(LEVELS), 2):
            doc = make_doc(rng, level)
            doc.declassified_on = f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2026"
            variant = rng.choice(["under-number", "header-table", "rtf-unicode", "mht", "wordml"])
            planned.append(
                (f"declassified-{level}-{variant}", doc, variant, level, "declassified", True)
            )
        for level in rng.sample(list(LEVELS), 2):  # the old level struck through
            variant = rng.choice(["struck", "wordml-struck"])
            planned.append(
                (
                    f"declassified-{level}-{variant}",
                    declassified_layout(rng, level),
                    variant,
                    level,
                    "declassified",
                    True,
                )
            )
        planned.append(
            (
                "negative-plan",
                negative_plan(rng),
                rng.choice(["under-number", "header-table"]),
                None,
                "hard_negative",
                False,
            )
        )
        planned.append(
            ("negative-plan-rtf", negative_plan(rng), "rtf-unicode", None, "hard_negative", False)
        )
        planned.append(
            ("negative-template", _template(rng), "under-number", None, "hard_negative", False)
        )
        planned.append(
            ("negative-footer", make_doc(rng, None), "footer", None, "hard_negative", False)
        )
        planned.append(("negative-law", negative_law(rng), "lines", None, "hard_negative", False))
        planned.append(
            ("negative-specimens", negative_specimens(rng), "lines", None, "hard_negative", False)
        )
        planned.append(
            (
                "negative-specimens-header",
                negative_specimens(rng),
                "lines-header",
                None,
                "hard_negative",
                False,
            )
        )
        about = make_doc(rng, None)
        about.body = rng.sample(ABOUT_SECRETS, 4) + rng.sample(SENTENCES, 2)
        planned.append(
            ("negative-plain", about, rng.choice(POSITIVE_VARIANTS[:8]), None, "negative", False)
        )
        # the same shapes without a marking: web archives, Word 2003 XML, VNI, struck edits
        for variant in ("mht", "mht-table", "wordml", "wordml-table", "vni", "rtf-vni"):
            planned.append(
                (
                    f"negative-plan-{variant}",
                    negative_plan(rng),
                    variant,
                    None,
                    "hard_negative",
                    False,
                )
            )
        for variant in ("mht-lines-header", "wordml-lines-header"):
            planned.append(
                (
                    f"negative-specimens-{variant}",
                    negative_specimens(rng),
                    variant,
                    None,
                    "hard_negative",
                    False,
                )
            )
        logo = layout_of(make_doc(rng, None), "mht")
        logo.picture = rng.choice([_logo(), _red_stamp(rng)])  # a red picture that is no level
        planned.append(("negative-picture-mht", logo, "mht", None, "hard_negative", False))
        draft = layout_of(negative_plan(rng), "wordml")
        draft.deleted, draft.comment = (
            rng.choice(list(LEVELS.values())),
            rng.choice(list(LEVELS.values())),
        )
        planned.append(("negative-revisions-wordml", draft, "wordml", None, "hard_negative", False))
        planned.append(
            (
                "negative-edited",
                edited_layout(rng),
                rng.choice(["struck", "wordml-struck"]),
                None,
                "hard_negative",
                False,
            )
        )
    seeds = [rng.random() for _ in planned]
    out = [
        Item(
            name,
            b"",
            label is not None and not declassified,
            label,
            declassified,
            category,
            "doc",
            FAMILY,
        )
        for name, _content, _variant, label, category, declassified in planned
    ]
    for item, data in zip(out, render(planned, seeds), strict=True):
        item.data, item.name = data
    return out


def render(
    planned: list[tuple[str, Doc | list[str] | Layout, str, str | None, str, bool]],
    seeds: list[float],
) -> list[tuple[bytes, str]]:
    """Each planned file's bytes and name (.doc, or now and then .mht or .xml for the web
    archives and the XML): LibreOffice's conversions done in one batch per target."""
    done: dict[int, tuple[bytes, str]] = {}
    batches: dict[str, dict[int, bytes]] = {"doc": {}, "xml": {}}
    for index, (name, content, variant, _label, _category, _decl) in enumerate(planned):
        rng = random.Random(seeds[index])
        suffix = ".doc"
        if variant.startswith("rtf"):
            if not isinstance(content, Doc):
                raise TypeError(name)
            done[index] = (write_rtf(content, variant), f"{name}{suffix}")
            continue
        if variant.startswith(("mht", "wordml")) and variant != "wordml-lo":
            layout = content if isinstance(content, Layout) else layout_of(content, variant)
            if variant.startswith("mht"):
                data, suffix = write_mht(layout, rng), rng.choice([".doc", ".doc", ".mht"])
            else:
                data, suffix = write_wordml(layout, rng), rng.choice([".doc", ".xml"])
            done[index] = (data, f"{name}{suffix}")
            continue
        if isinstance(content, Layout):
            blob = layout_docx(content, rng)
        elif isinstance(content, list):
            page_header = "MẪU DẤU ĐỘ MẬT" if variant == "lines-header" else None
            blob = lines_docx(content, page_header)
        elif variant == "tcvn3":
            blob = write_tcvn3_docx(content)
        elif variant == "vni":
            blob = write_vni_docx(content)
        else:
            blob = write_docx(content, "under-number" if variant == "wordml-lo" else variant)
        batches["xml" if variant == "wordml-lo" else "doc"][index] = blob
    for target, blobs in batches.items():
        if not blobs:
            continue
        for index, data in zip(blobs, convert(list(blobs.values()), target=target), strict=True):
            name, variant = planned[index][0], planned[index][2]
            if variant == "cp1252":
                data = compress_pieces(data)
            elif variant == "mixed-pieces":
                data = compress_pieces(data, upto=_ascii_prefix(data))
            done[index] = (data, f"{name}.{'xml' if target == 'xml' else 'doc'}")
    return [done[index] for index in range(len(planned))]


def _logo() -> bytes:
    from tests.corpus.scanner_corpus import logo_picture

    return logo_picture()


def _red_stamp(rng: random.Random) -> bytes:
    from tests.corpus.scanner_corpus import stamp_picture

    return stamp_picture(rng.choice(["ĐÃ KÝ SỐ", "BẢN CHÍNH", "KHẨN"]))


def _ascii_prefix(data: bytes) -> int:
    """How many characters of the main text fit Windows-1252 from the start (at least one)."""
    import olefile

    ole = olefile.OleFileIO(io.BytesIO(data))
    document = ole.openstream("WordDocument").read()
    flags = struct.unpack_from("<H", document, 0x0A)[0]
    table = ole.openstream("1Table" if flags & 0x0200 else "0Table").read()
    csw = struct.unpack_from("<H", document, 32)[0]
    at = 34 + 2 * csw
    cslw = struct.unpack_from("<H", document, at)[0]
    at += 2 + 4 * cslw + 2
    clx = struct.unpack_from("<I", document, at + 8 * 33)[0]
    cp_end = struct.unpack_from("<I", table, clx + 9)[0]
    fc0 = struct.unpack_from("<I", table, clx + 15)[0]
    text = document[fc0 : fc0 + 2 * cp_end].decode("utf-16-le")
    for count, char in enumerate(text):
        try:
            char.encode("cp1252")
        except UnicodeEncodeError:
            return max(1, count)
    return cp_end


# --- fixtures for the unit tests ---------------------------------------------------------------------


def fixtures(only: tuple[str, ...] = ()) -> dict[str, bytes]:
    """The committed test files: one per shape the reader must get right (`only`: these)."""
    rng = random.Random(2026)
    plan: dict[str, tuple[Doc | list[str], str]] = {
        "mat-under-number": (make_doc(rng, "mat"), "under-number"),
        "tuyet-mat-header-table": (make_doc(rng, "tuyet_mat"), "header-table"),
        "toi-mat-page-header": (make_doc(rng, "toi_mat"), "page-header"),
        "mat-footer": (make_doc(rng, "mat"), "footer"),
        "toi-mat-textbox": (make_doc(rng, "toi_mat"), "textbox"),
        "toi-mat-bold": (make_doc(rng, "toi_mat"), "bold"),
        "mat-cell": (make_doc(rng, "mat"), "cell"),
        "tuyet-mat-cp1252": (make_doc(rng, "tuyet_mat"), "cp1252"),
        "toi-mat-mixed-pieces": (make_doc(rng, "toi_mat"), "mixed-pieces"),
        "negative-plan": (negative_plan(rng), "under-number"),
        "toi-mat-tcvn3": (make_doc(rng, "toi_mat"), "tcvn3"),
        "negative-specimens": (negative_specimens(random.Random(1)), "lines"),
        "toi-mat-picture": (make_doc(random.Random(11), "toi_mat"), "picture"),
        "negative-logo-picture": (negative_plan(random.Random(12)), "picture-logo"),
    }
    declassified = make_doc(rng, "mat")
    declassified.declassified_on = "12/05/2026"
    plan["declassified-mat"] = (declassified, "under-number")
    plan["tuyet-mat-vni"] = (make_doc(rng, "tuyet_mat"), "vni")
    layouts = {
        "changed-same-line": changed_layout(random.Random(3), "toi_mat", "same-line"),
        "changed-new-first": changed_layout(random.Random(4), "mat", "new-first"),
        "declassified-struck": declassified_layout(random.Random(5), "tuyet_mat"),
    }
    layouts["changed-same-line"].table = layouts["changed-new-first"].table = False
    layouts["declassified-struck"].table = True
    blobs = {}
    for name, (content, variant) in plan.items():
        if isinstance(content, list):
            blobs[name] = lines_docx(content)
        elif variant == "tcvn3":
            blobs[name] = write_tcvn3_docx(content)
        elif variant == "vni":
            blobs[name] = write_vni_docx(content)
        else:
            blobs[name] = write_docx(content, variant)
    for name, layout in layouts.items():  # strike-through only: the double one in its own file
        blobs[name] = layout_docx(layout, random.Random(0))
    if only:
        blobs = {name: blob for name, blob in blobs.items() if f"{name}.doc" in only}
    files = dict(zip(blobs, convert(list(blobs.values())), strict=True))
    if "tuyet-mat-cp1252" in files:
        files["tuyet-mat-cp1252"] = compress_pieces(files["tuyet-mat-cp1252"])
    if "toi-mat-mixed-pieces" in files:
        files["toi-mat-mixed-pieces"] = compress_pieces(
            files["toi-mat-mixed-pieces"], upto=_ascii_prefix(files["toi-mat-mixed-pieces"])
        )
    out = {f"{name}.doc": data for name, data in files.items()}
    xml = {
        "toi-mat-libreoffice-2003.xml": write_docx(make_doc(random.Random(7), "toi_mat"), "bold"),
        # LibreOffice writes <w:strike/> for every run of this one (see plain_strike)
        "changed-libreoffice-2003.xml": layout_docx(
            changed_layout(random.Random(6), "tuyet_mat", "old-first"), random.Random(1), True
        ),
    }
    xml = {name: blob for name, blob in xml.items() if not only or name in only}
    out.update(zip(xml, convert(list(xml.values()), target="xml"), strict=True))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="write the .doc test fixtures")
    parser.add_argument("--fixtures", type=Path, required=True)
    parser.add_argument("--only", nargs="*", default=[], help="file names to write")
    args = parser.parse_args()
    args.fixtures.mkdir(parents=True, exist_ok=True)
    for name, data in fixtures(tuple(args.only)).items():
        (args.fixtures / name).write_bytes(data)
        print(name, len(data))


if __name__ == "__main__":
    main()
