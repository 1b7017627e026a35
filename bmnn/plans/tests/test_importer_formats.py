"""The importer reads DOCX (with Word's own numbering and appendix tables), PDF text layers
and plain text in several encodings."""

from __future__ import annotations

from datetime import date

from bmnn.plans.importer import parse_bytes
from bmnn.plans.tests.builders import docx_bytes, pdf_bytes

PLAN_TEXT = """Số: 21/KH-UBND
Bắc Lâm, ngày 3 tháng 6 năm 2026
KẾ HOẠCH
Tuyên truyền pháp luật về bảo vệ bí mật nhà nước
I. MỤC ĐÍCH, YÊU CẦU
Nâng cao ý thức của cán bộ, công chức về bảo vệ bí mật nhà nước.
II. NHIỆM VỤ
1. Biên soạn tài liệu hỏi đáp về Luật Bảo vệ bí mật nhà nước năm 2025 để phát hành tới các xã, phường.
- Cơ quan chủ trì: Sở Tư pháp.
- Cơ quan phối hợp: Công an tỉnh.
- Thời gian hoàn thành: Tháng 9 năm 2026.
2. Tổ chức cuộc thi tìm hiểu pháp luật về bảo vệ bí mật nhà nước trực tuyến (Giao Sở Nội vụ chủ trì, phối hợp với Sở Tư pháp; thời gian: Quý IV/2026).
"""


def _check(parsed) -> None:
    tasks = {t.ref: t for t in parsed.tasks}
    assert list(tasks) == ["II.1", "II.2"]
    assert [p.name for p in tasks["II.1"].lead] == ["Sở Tư pháp"]
    assert tasks["II.1"].timing.due == date(2026, 9, 30)
    assert [p.name for p in tasks["II.2"].lead] == ["Sở Nội vụ"]
    assert tasks["II.2"].source == "inline"
    assert tasks["II.2"].timing.due == date(2026, 12, 31)
    assert parsed.plan.number == "21/KH-UBND"
    assert parsed.plan.date == date(2026, 6, 3)


def test_a_plain_text_plan_in_utf8_is_read_whole(resolver) -> None:
    _check(parse_bytes(PLAN_TEXT.encode("utf-8"), resolver))


def test_a_plain_text_plan_in_utf16_with_a_bom_is_read_whole(resolver) -> None:
    _check(parse_bytes(PLAN_TEXT.encode("utf-16"), resolver))


def test_text_without_diacritics_still_resolves_agencies(resolver) -> None:
    from bmnn.core.text import fold

    ascii_plan = "\n".join(
        line if not line.startswith("-") else fold(line).replace("co quan", "Co quan")
        for line in PLAN_TEXT.splitlines()
    )
    tasks = {t.ref: t for t in parse_bytes(ascii_plan.encode(), resolver).tasks}
    assert [p.name for p in tasks["II.1"].lead] == ["Sở Tư pháp"]
    assert [p.name for p in tasks["II.1"].coordinating] == ["Công an tỉnh Bắc Lâm"]


def test_a_pdf_text_layer_with_wrapped_lines_is_read_whole(resolver) -> None:
    _check(parse_bytes(pdf_bytes(PLAN_TEXT), resolver))


def test_a_docx_of_plain_paragraphs_is_read_whole(resolver) -> None:
    _check(parse_bytes(docx_bytes([("", line) for line in PLAN_TEXT.splitlines()]), resolver))


def test_a_docx_with_word_numbering_and_an_appendix_table_gives_the_tasks_of_both(resolver) -> None:
    paragraphs = [
        ("", "Số: 9/KH-CAT"),
        ("", "Bắc Lâm, ngày 1 tháng 7 năm 2026"),
        ("", "KẾ HOẠCH"),
        ("", "Kiểm tra công tác bảo vệ bí mật nhà nước"),
        ("", "I. NHIỆM VỤ"),
        ("List Number", "Kiểm tra sổ đăng ký văn bản mật tại các sở."),
        ("List Bullet", "Cơ quan chủ trì: Công an tỉnh."),
        ("List Bullet", "Thời gian hoàn thành: trước ngày 15/9/2026."),
        ("", "II. PHỤ LỤC NHIỆM VỤ"),
    ]
    table = [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        [
            "1",
            "Rà soát máy tính soạn thảo văn bản mật",
            "Sở Khoa học và Công nghệ",
            "Công an tỉnh",
            "Quý III/2026",
        ],
        ["2", "Tập huấn cán bộ văn thư", "Sở Nội vụ", "", "Tháng 10/2026"],
    ]
    parsed = parse_bytes(docx_bytes(paragraphs, table), resolver)
    tasks = {t.ref: t for t in parsed.tasks}
    assert [p.name for p in tasks["I.1"].lead] == ["Công an tỉnh Bắc Lâm"]
    assert tasks["I.1"].timing.due == date(2026, 9, 15)
    table_tasks = [t for t in parsed.tasks if t.source == "table"]
    assert [t.content for t in table_tasks] == [
        "Rà soát máy tính soạn thảo văn bản mật",
        "Tập huấn cán bộ văn thư",
    ]
    assert [p.name for p in table_tasks[0].lead] == ["Sở Khoa học và Công nghệ"]
    assert table_tasks[0].timing.due == date(2026, 9, 30)
    assert table_tasks[1].timing.due == date(2026, 10, 31)
