"""Citations of the law as a reader expects them.

The checklist and the findings keep their rules in a compact notation (`L18 Art. 10.1; ND26
Art. 4 (old text)`, shared/domain/SOURCES.md abbreviations): short, searchable, and what
`queries.cited_documents` reads to link the library. People read them the Vietnamese way —
point, clause, article, then the text by its name and number ("khoản 1 Điều 10 Luật Bảo vệ bí
mật nhà nước năm 2018") — or, in English, with the text's number instead of its abbreviation.

`readable(source, language)` turns every part written in that notation into words and leaves
any other part as it was typed (a rule written in full by an inspector stays as written).
"""

from __future__ import annotations

import re

from django.utils.translation import get_language

# The texts the notation names: Vietnamese name, English name.
TEXTS: dict[str, tuple[str, str]] = {
    "L18": ("Luật Bảo vệ bí mật nhà nước năm 2018", "Law 29/2018/QH14"),
    "L25": ("Luật Bảo vệ bí mật nhà nước năm 2025", "Law 117/2025/QH15"),
    "ND26": ("Nghị định số 26/2020/NĐ-CP", "Decree 26/2020/NĐ-CP"),
    "ND63": ("Nghị định số 63/2026/NĐ-CP", "Decree 63/2026/NĐ-CP"),
    "TT24": ("Thông tư số 24/2020/TT-BCA", "Circular 24/2020/TT-BCA"),
    "TT110": ("Thông tư số 110/2013/TT-BTC", "Circular 110/2013/TT-BTC"),
    "QD452": ("Quyết định số 452/QĐ-TTg", "Decision 452/QĐ-TTg"),
    "CT32": ("Chỉ thị số 32/CT-TTg", "Directive 32/CT-TTg"),
    "VPCP286": ("Văn bản số 286/VPCP-NC", "Official letter 286/VPCP-NC"),
}
_CODE = "|".join(sorted(TEXTS, key=len, reverse=True))
_PART = re.compile(rf"^(?:(?P<plan>provincial plan under) )?(?P<code>{_CODE})\b(?P<rest>.*)$")
# ", " followed by a text's code starts a new part ("L18 Art. 17–18, ND26 Art. 6")
_NEXT_TEXT = re.compile(rf",\s+(?=(?:provincial plan under )?(?:{_CODE})\b)")
_ARTICLE = re.compile(r"^\d+(?:\.\d+(?:\.[a-zđ])?)?$")

# The notes the default checklist writes in brackets after a citation, in Vietnamese. A note not
# listed here is shown as it was written.
NOTES_VI = {
    "old text": "văn bản cũ",
    "old text; records before 01/3/2026": "văn bản cũ; áp dụng cho hồ sơ lập trước ngày 01/3/2026",
    "old text: delegation in writing": "văn bản cũ: ủy quyền bằng văn bản",
    "old text; whether ND63 keeps it was not read": (
        "văn bản cũ; chưa đối chiếu Nghị định số 63/2026/NĐ-CP"
    ),
    "old text; the draft of ND63 keeps it": (
        "văn bản cũ; dự thảo Nghị định số 63/2026/NĐ-CP giữ quy định này"
    ),
    "old text: it barred such devices, L25 Art. 5.2 does not": (
        "văn bản cũ cấm dùng các thiết bị này; khoản 2 Điều 5 Luật Bảo vệ bí mật nhà nước năm"
        " 2025 không cấm"
    ),
    "old text; L25 Art. 5 beyond item 5 not read": (
        "văn bản cũ; chưa đối chiếu các khoản sau khoản 5 Điều 5 Luật Bảo vệ bí mật nhà nước"
        " năm 2025"
    ),
    "old text; ND63's reporting article not read": (
        "văn bản cũ; chưa đối chiếu điều về chế độ báo cáo của Nghị định số 63/2026/NĐ-CP"
    ),
    "books or the e-document system; Appendix III": (
        "sổ hoặc Hệ thống quản lý văn bản điện tử bí mật nhà nước; Phụ lục III"
    ),
    "Appendix III": "Phụ lục III",
    "transport and handover": "vận chuyển, giao nhận",
    "recall of electronic documents": "thu hồi tài liệu điện tử",
    "handover when carried abroad": "bàn giao khi mang ra nước ngoài",
    "computers for electronic secret documents": (
        "máy tính dùng cho tài liệu điện tử bí mật nhà nước"
    ),
    "council for Tuyệt mật; article not read": (
        "hội đồng tiêu hủy đối với tài liệu Tuyệt mật; chưa đối chiếu điều cụ thể"
    ),
    "Q2 2026": "quý II năm 2026",
}


def _split_parts(source: str) -> list[str]:
    """Top-level parts: split at ";" outside brackets, then at ", <code>"."""
    parts, depth, current = [], 0, ""
    for char in source:
        depth += (char == "(") - (char == ")")
        if char == ";" and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    out: list[str] = []
    for part in parts:
        body, note = _body_and_note(part.strip())
        pieces = _NEXT_TEXT.split(body)
        out.extend(pieces[:-1])
        out.append(f"{pieces[-1]} ({note})" if note else pieces[-1])
    return [p.strip() for p in out if p.strip()]


def _body_and_note(part: str) -> tuple[str, str]:
    """ "L18 Art. 10.1 (old text)" → ("L18 Art. 10.1", "old text")."""
    if part.endswith(")") and "(" in part:
        depth = 0
        for index in range(len(part) - 1, -1, -1):
            depth += (part[index] == ")") - (part[index] == "(")
            if depth == 0:
                return part[:index].strip(), part[index + 1 : -1].strip()
    return part, ""


def _article_vi(ref: str) -> str | None:
    """ "22.1.a" → "điểm a khoản 1 Điều 22"; "11.4–11.6" → "khoản 4 đến khoản 6 Điều 11"."""
    ref = ref.strip()
    if "–" in ref or re.search(r"\d-\d", ref):
        start, end = re.split(r"[–-]", ref, maxsplit=1)
        first, last = start.strip().split("."), end.strip().split(".")
        if len(first) == len(last) == 2 and first[0] == last[0]:
            return f"khoản {first[1]} đến khoản {last[1]} Điều {first[0]}"
        if len(first) == len(last) == 1 and first[0].isdigit() and last[0].isdigit():
            return f"Điều {first[0]} đến Điều {last[0]}"
        return None
    if not _ARTICLE.match(ref):
        return None
    pieces = ref.split(".")
    words = [f"Điều {pieces[0]}"]
    if len(pieces) > 1:
        words.insert(0, f"khoản {pieces[1]}")
    if len(pieces) > 2:
        words.insert(0, f"điểm {pieces[2]}")
    return " ".join(words)


def _locators_vi(rest: str) -> str | None:
    """What follows a text's code ("Art. 3, Forms 02, 19"), in Vietnamese, or None when it is
    not in the notation."""
    rest = rest.strip()
    if not rest:
        return ""
    if rest == "appendices":
        return "các phụ lục"
    found = re.fullmatch(r"item (\S+)", rest)
    if found:
        return f"mục {found.group(1)}"
    if rest.startswith(","):  # "provincial plan under QD452, II.4": the plan's section
        return f"mục {rest[1:].strip()}"
    words: list[str] = []
    for chunk in re.split(r",\s*(?=(?:Art\.|Forms?)\s)", rest):
        chunk = chunk.strip()
        if chunk.startswith("Art."):
            refs = [_article_vi(r) for r in chunk[4:].split(",")]
            if any(r is None for r in refs):
                return None
            words.append(", ".join(r for r in refs if r))
        elif re.match(r"Forms? ", chunk):
            numbers = chunk.split(" ", 1)[1].strip()
            words.append(f"Mẫu số {numbers}")
        else:
            return None
    return ", ".join(words)


def _part_vi(part: str) -> str:
    body, note = _body_and_note(part)
    matched = _PART.match(body)
    if matched is None:
        return part
    locators = _locators_vi(matched.group("rest"))
    if locators is None:
        return part
    name = TEXTS[matched.group("code")][0]
    if matched.group("plan"):
        name = f"Kế hoạch của tỉnh thực hiện {name}"
    words = f"{locators} {name}" if locators else name
    if note:
        words += f" ({NOTES_VI.get(note, note)})"
    return words


def _part_en(part: str) -> str:
    body, note = _body_and_note(part)
    matched = _PART.match(body)
    if matched is None:
        return part
    name = TEXTS[matched.group("code")][1]
    if matched.group("plan"):
        name = f"provincial plan under {name}"
    words = f"{name}{matched.group('rest')}"
    return f"{words} ({note})" if note else words


def readable(source: str, language: str | None = None) -> str:
    """The citation in words, in the language given or the active one."""
    if not source:
        return ""
    english = (language or get_language() or "vi").startswith("en")
    convert = _part_en if english else _part_vi
    return "; ".join(convert(part) for part in _split_parts(source))
