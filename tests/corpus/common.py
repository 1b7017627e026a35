"""Primitives the held-out corpora share: the levels' words and envelope letters, a built file
with its labels, a random order of numbered names, writing the files to a folder, the
perspective transform of a photographed page, words wrapped to a width, a bordered Word
paragraph and a ZIP archive with fixed dates. Nothing here decides what a corpus contains; each
corpus's templates, wording and randomness stay its own."""

from __future__ import annotations

import io
import json
import random
import shutil
import subprocess  # nosec B404: LibreOffice makes the corpora's Word 97 files
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PIL import Image, ImageFont

from tests.corpus.scanner_corpus import Item

LEVELS = ("tuyet_mat", "toi_mat", "mat")
# the level as its stamp says it, and the circled letter that stands for it on an envelope
LEVEL_WORD = {"tuyet_mat": "TUYỆT MẬT", "toi_mat": "TỐI MẬT", "mat": "MẬT"}
LEVEL_LETTER = {"tuyet_mat": "A", "toi_mat": "B", "mat": "C"}


def labelled(
    name: str,
    data: bytes,
    level: str | None,
    category: str,
    fmt: str,
    family: str,
    *,
    declassified: bool = False,
) -> Item:
    """A built file and its labels: it is secret exactly when it carries a level and has not
    been declassified (a declassified file may keep the level it had, as the families label)."""
    return Item(
        name=name,
        data=data,
        secret=level is not None and not declassified,
        level=level,
        declassified=declassified,
        category=category,
        format=fmt,
        family=family,
    )


def write_files(folder: Path, items: list[Item]) -> None:
    """A corpus's files in a folder, to look at them by hand."""
    folder.mkdir(parents=True, exist_ok=True)
    for item in items:
        (folder / item.name).write_bytes(item.data)


LABEL_FIELDS = ("name", "secret", "level", "declassified", "category", "format", "family")


def write_corpus(folder: Path, items: list[Item]) -> None:
    """A held-out corpus's files in a folder and its labels beside them, one JSON object a
    line in `labels.jsonl` (what `python -m tests.corpus.heldoutN OUT` writes)."""
    write_files(folder, items)
    with (folder / "labels.jsonl").open("w", encoding="utf-8") as labels:
        for item in items:
            row = {field: getattr(item, field) for field in LABEL_FIELDS}
            labels.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(items)} files in {folder}")


def renumbered(items: list[Item], rng: random.Random) -> list[Item]:
    """The items in a random order, each name's leading three-digit running number replaced by
    its place in that order: the number says nothing about the category."""
    rng.shuffle(items)
    for i, item in enumerate(items, 1):
        item.name = f"{i:03d}{item.name[3:]}"
    return items


def word97_of(docs: dict[str, bytes]) -> dict[str, bytes]:
    """Each stem's .docx made a Word 97 file by LibreOffice headless, in one run for all (the
    corpora's .doc files); an empty dict without LibreOffice, with a note on stderr."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office or not docs:
        if docs:
            print("note: no LibreOffice, the .doc files are left out", file=sys.stderr)
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "in").mkdir()
        for stem, data in docs.items():
            (folder / "in" / f"{stem}.docx").write_bytes(data)
        subprocess.run(  # nosec B603: a fixed program on files written here
            [
                office,
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "doc:MS Word 97",
                "--outdir",
                str(folder / "out"),
                *sorted(str(path) for path in (folder / "in").iterdir()),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
        return {stem: (folder / "out" / f"{stem}.doc").read_bytes() for stem in docs}


def word97_items(
    legacy: list[tuple[str, bytes, str | None, str, str, bool]], converted: dict[str, bytes]
) -> list[Item]:
    """The .doc files of a corpus: each (stem, docx, level, category, family, declassified)
    kept for conversion, with the Word 97 bytes LibreOffice made of it."""
    return [
        labelled(f"{stem}.doc", converted[stem], level, category, "doc", family, declassified=dec)
        for stem, _docx, level, category, family, dec in legacy
    ]


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 × 8: the perspective's coefficients)."""
    n = len(b)
    m = [[*row, v] for row, v in zip(a, b, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [x - f * y for x, y in zip(m[r], m[col], strict=True)]
    return [m[i][n] / m[i][i] for i in range(n)]


def perspective_coeffs(
    dst: Sequence[tuple[float, float]], src: Sequence[tuple[float, float]]
) -> list[float]:
    """Coefficients for Image.transform(PERSPECTIVE): for each output point (dst) the input
    point (src) it is read from."""
    a: list[list[float]] = []
    b: list[float] = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        a.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        b.append(u)
        a.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        b.append(v)
    return solve(a, b)


FONT_DIRS = (
    Path("/usr/share/fonts/truetype/liberation2"),
    Path("/usr/share/fonts/truetype/liberation"),
    Path("/usr/share/fonts/truetype/dejavu"),
)


def png(image: Image.Image) -> bytes:
    """The picture as PNG bytes."""
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def jpeg(image: Image.Image, quality: int) -> bytes:
    """The picture as RGB JPEG bytes of the given quality."""
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def font_path(name: str, *, bold: bool) -> Path:
    """The TrueType file `name`.ttf from the first of FONT_DIRS that has it; failing that,
    DejaVu Sans (`bold` or not)."""
    for folder in FONT_DIRS:
        if (folder / f"{name}.ttf").exists():
            return folder / f"{name}.ttf"
    for folder in FONT_DIRS:
        fallback = folder / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
        if fallback.exists():
            return fallback
    raise FileNotFoundError(f"no TrueType font for {name}")


def wrap_words(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """`text` broken into lines no wider than `width` pixels in `font` (a word longer than the
    width stands on a line of its own)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if font.getlength(trial) <= width or not line:
            line = trial
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def paragraph_border(
    paragraph: Any, colour: str, *, size: int = 12, space: int = 2, style: str = "single"
) -> None:
    """A frame around a Word paragraph: `colour` as hex RGB, `size` in eighths of a point,
    `space` between frame and text in points, `style` as Word names it (single, double)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), style)
        edge.set(qn("w:sz"), str(size))
        edge.set(qn("w:space"), str(space))
        edge.set(qn("w:color"), colour)
        borders.append(edge)
    ppr.append(borders)


def rtf_unicode(text: str) -> str:
    """`text` for an RTF file: braces and backslashes escaped, every character past ASCII as
    \\uN? (N a signed 16-bit number, as Word writes it)."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ord(ch) < 128:
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code if code < 32768 else code - 65536}?")
    return "".join(out)


def zip_of(
    members: list[tuple[str, bytes]], date_time: tuple[int, int, int, int, int, int]
) -> bytes:
    """A deflated ZIP archive of (name, data) members, every entry dated `date_time`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(zipfile.ZipInfo(name, date_time=date_time), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()
