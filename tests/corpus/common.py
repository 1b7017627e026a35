"""Primitives the held-out corpora share: a built file with its labels, and the perspective
transform of a photographed page. Nothing here decides what a corpus contains; each corpus's
templates, wording and randomness stay its own."""

from __future__ import annotations

from tests.corpus.scanner_corpus import Item


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
    dst: list[tuple[float, float]], src: list[tuple[float, float]]
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
