"""The table block every reader hands the parser, and how a table's columns are recognised.

A DOCX table, a `|` table in text, a PDF table rebuilt from its ruling, and a table whose grid
a text layer lost (see layout.py) all become a `Table` of rows of cell texts. A task table is
known by the roles of its heading cells, in any order and in the words plans use: the task
(nội dung, nhiệm vụ), the lead (chủ trì), the partners (phối hợp), the time limit (thời gian),
the expected output (sản phẩm, kết quả), a number (STT) and notes (ghi chú).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bmnn.core.text import fold


@dataclass
class Table:
    rows: list[list[str]]


# (role, folded words), tried in this order: "Thời gian thực hiện" is a time, "Đơn vị phối hợp
# thực hiện" a partner, "Đơn vị thực hiện" a lead.
_ROLES = [
    ("notes", r"ghi chu"),
    ("timing", r"thoi (?:gian|han|diem)|tien do|moc thoi gian"),
    ("coordinating", r"phoi hop"),
    ("lead", r"chu tri|thuc hien|chiu trach nhiem|phu trach|dau moi"),
    ("output", r"san pham|ket qua"),
    ("content", r"noi dung|nhiem vu|cong viec|hoat dong|giai phap|ten de an|chuong trinh"),
]


def column_role(label: str) -> str:
    """The role of a column from its heading's words, or "" when they name none."""
    folded = fold(label).strip(" .:*")
    if folded in {"tt", "stt", "so tt", "so thu tu"}:
        return "ref"
    for role, words in _ROLES:
        if re.search(rf"(?<![a-z]){words}(?![a-z])", folded):
            return role
    return ""
