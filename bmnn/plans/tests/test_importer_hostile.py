"""Malformed and hostile files end in a clear ImportFailed, never in another exception."""

from __future__ import annotations

import contextlib
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bmnn.plans.importer import ImportFailed, parse_bytes
from bmnn.plans.importer.extract import MAX_FILE_BYTES
from bmnn.plans.tests.builders import docx_bytes


def _fails_with(data: bytes, code: str, resolver) -> None:
    with pytest.raises(ImportFailed) as failure:
        parse_bytes(data, resolver)
    assert failure.value.code == code


def test_an_empty_file_is_refused_as_empty(resolver) -> None:
    _fails_with(b"", "empty", resolver)


def test_a_file_over_the_size_limit_is_refused_as_too_large(resolver) -> None:
    _fails_with(b"a" * (MAX_FILE_BYTES + 1), "too_large", resolver)


def test_binary_garbage_is_refused_as_binary(resolver) -> None:
    _fails_with(bytes(range(256)) * 10, "binary", resolver)


def test_a_legacy_word_document_is_refused_as_unsupported(resolver) -> None:
    _fails_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "unsupported", resolver)


def test_a_damaged_docx_is_refused_as_malformed(resolver) -> None:
    _fails_with(b"PK\x03\x04" + b"\x00" * 100, "malformed", resolver)


def test_a_zip_that_is_not_a_word_document_is_refused_as_unsupported(resolver) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    _fails_with(buffer.getvalue(), "unsupported", resolver)


def test_a_zip_bomb_disguised_as_docx_is_refused_as_too_large(resolver) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (50 * 1024 * 1024))
    _fails_with(buffer.getvalue(), "too_large", resolver)


def test_a_docx_with_cut_xml_is_refused_as_malformed(resolver) -> None:
    data = docx_bytes([("", "KẾ HOẠCH")])
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            payload = source.read(item)
            if item.filename == "word/document.xml":
                payload = payload[: len(payload) // 2]
            archive.writestr(item, payload)
    _fails_with(buffer.getvalue(), "malformed", resolver)


def test_a_damaged_pdf_is_refused_as_malformed(resolver) -> None:
    _fails_with(b"%PDF-1.7\n" + b"garbage" * 100, "malformed", resolver)


def test_text_that_is_not_a_plan_is_refused_as_not_a_plan(resolver) -> None:
    _fails_with("Xin chào, đây là một bức thư.\nKhông có mục nào.".encode(), "not_a_plan", resolver)


def test_billion_laughs_in_docx_is_not_expanded(resolver) -> None:
    data = docx_bytes([("", "KẾ HOẠCH"), ("", "I. NHIỆM VỤ"), ("", "1. Việc")])
    source = zipfile.ZipFile(io.BytesIO(data))
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        b"<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            archive.writestr(
                item, bomb if item.filename == "word/document.xml" else source.read(item)
            )
    with pytest.raises(ImportFailed):  # entities are not resolved by python-docx's parser
        parse_bytes(buffer.getvalue(), resolver)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=4096))
def test_random_bytes_never_crash(resolver, data: bytes) -> None:
    with contextlib.suppress(ImportFailed):
        parse_bytes(data, resolver)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.sampled_from(
            [
                "I. NHIỆM VỤ",
                "1. Việc làm",
                "a) Việc nhỏ",
                "- Cơ quan chủ trì: Sở Tư pháp",
                "- Thời gian: Quý V/2026",
                "+ chi tiết",
                "(Giao chủ trì",
                "III. PHÂN CÔNG TRÁCH NHIỆM",
                "| TT | Nội dung | Chủ trì |",
                "Nơi nhận:",
                "",
                "KẾ HOẠCH",
                "Số: /",
                "ngày 31/2/2026",
            ]
        ),
        max_size=40,
    )
)
def test_random_plan_shaped_text_never_crashes(resolver, lines: list[str]) -> None:
    with contextlib.suppress(ImportFailed):
        parse_bytes("\n".join(lines).encode(), resolver)
