"""Text typed by people reaches generated DOCX files whatever it contains: control characters
(not allowed in XML) are dropped instead of failing the build (found by schemathesis on
PostgreSQL: a province report narrative with a control character answered 500)."""

from __future__ import annotations

import io
from datetime import date

import docx

from bmnn.core.documents import AdminDocument, build_docx


def test_control_characters_in_headings_and_paragraphs_are_dropped() -> None:
    meta = AdminDocument(
        issuer_parent="UBND TỈNH",
        issuer="CÔNG AN TỈNH",
        number="1/BC",
        place="Bắc Lâm",
        day=date(2026, 12, 4),
        kind="BÁO CÁO",
        summary="Tóm\x00 tắt\x1f",
    )
    data = build_docx(
        meta,
        [
            ("heading", "Phần\x0b I"),
            ("text", "Tình hình\x01 chung"),
            ("table", (["A"], [["ô\x02"]])),
        ],
    )
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "Tình hình chung" in text and "Phần I" in text and "Tóm tắt" in text


def test_control_characters_in_spreadsheet_cells_are_dropped() -> None:
    from openpyxl import load_workbook

    from bmnn.core.documents import build_xlsx

    data = build_xlsx([("Tổng hợp", ["Cơ quan"], [["Sở\x00 Tư pháp\x1f"], ["=1+1"]])])
    cells = [
        c for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True) for c in row
    ]
    assert cells == ["Cơ quan", "Sở Tư pháp", "'=1+1"]
