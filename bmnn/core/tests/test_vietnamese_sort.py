"""Lists sort the Vietnamese way: alphabet (ă, â, đ, ê, ô, ơ, ư are letters), then tone."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.template import Context, Template

from bmnn.core.sorting import vietnamese_key, vietnamese_order, vietnamese_sorted
from bmnn.org.models import Agency, AgencyType

AGENCIES_IN_ORDER = [
    "Ban Nội chính Tỉnh ủy",
    "Ban Tổ chức Tỉnh ủy",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy",
    "Bảo hiểm xã hội tỉnh",
    "Công an tỉnh",
    "Cục Thuế",
    "Dân tộc",
    "Đài Phát thanh",
    "Đoàn Đại biểu Quốc hội",
    "Hội Nông dân tỉnh",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Xây dựng",
    "Sở Y tế",
    "Tỉnh đoàn",
    "Tòa án nhân dân tỉnh",
    "Ủy ban Kiểm tra Tỉnh ủy",
    "Ủy ban nhân dân tỉnh",
    "Văn phòng Tỉnh ủy",
]


def test_names_sort_by_the_vietnamese_alphabet_not_code_points() -> None:
    shuffled = AGENCIES_IN_ORDER[:]
    random.Random(19).shuffle(shuffled)
    assert vietnamese_sorted(shuffled) == AGENCIES_IN_ORDER
    # what code points would have done: Đ and Ủ after every plain letter
    assert sorted(AGENCIES_IN_ORDER)[-3:] != AGENCIES_IN_ORDER[-3:]


@pytest.mark.parametrize(
    ("earlier", "later"),
    [
        ("an", "ăn"),  # a < ă < â
        ("ăn", "ân"),
        ("dương", "đông"),  # d < đ whatever follows
        ("den", "đen"),
        ("em", "êm"),
        ("ong", "ông"),
        ("ông", "ơn"),
        ("uống", "ước"),
    ],
)
def test_letters_with_marks_are_letters_of_their_own(earlier: str, later: str) -> None:
    assert vietnamese_key(earlier) < vietnamese_key(later)


def test_u_with_hook_is_a_u_and_comes_before_v() -> None:
    assert vietnamese_key("Ủy ban") < vietnamese_key("Văn phòng") < vietnamese_key("Zalo")


def test_tones_sort_in_dictionary_order() -> None:
    words = ["mạ", "má", "mã", "mả", "mà", "ma"]
    assert vietnamese_sorted(words) == ["ma", "mà", "mả", "mã", "má", "mạ"]
    # the letters decide first: the tone of an earlier syllable does not beat a later letter
    assert vietnamese_key("mà b") < vietnamese_key("ma c")


def test_numbers_compare_as_numbers_and_case_last() -> None:
    assert vietnamese_sorted(["Xã 10", "Xã 2", "xã 3"]) == ["Xã 2", "xã 3", "Xã 10"]
    assert vietnamese_key("sở") != vietnamese_key("Sở")


def test_composed_and_decomposed_text_sort_together() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Đông Thành")
    assert vietnamese_key(nfd)[:2] == vietnamese_key("Đông Thành")[:2]


def test_template_filter_sorts_by_an_attribute_path() -> None:
    rows = [{"agency": {"name": name}} for name in reversed(AGENCIES_IN_ORDER)]
    out = Template(
        '{% load bmnn_format %}{% for r in rows|vi_sort:"agency.name" %}{{ r.agency.name }}|'
        "{% endfor %}"
    ).render(Context({"rows": rows}))
    assert out.split("|")[:-1] == AGENCIES_IN_ORDER


@pytest.mark.django_db
def test_database_order_matches_python_order() -> None:
    shuffled = AGENCIES_IN_ORDER[:]
    random.Random(7).shuffle(shuffled)
    for n, name in enumerate(shuffled):
        Agency.objects.create(name=name, code=f"sort-{n}", type=AgencyType.DEPARTMENT)
    names = list(Agency.objects.order_by(vietnamese_order("name")).values_list("name", flat=True))
    if connection.vendor in {"sqlite", "postgresql"}:
        assert names == AGENCIES_IN_ORDER
    descending = Agency.objects.order_by(vietnamese_order("name", descending=True))
    assert descending.first().name == names[-1]
