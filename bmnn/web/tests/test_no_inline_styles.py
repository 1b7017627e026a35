"""No template carries a style attribute: the Content Security Policy allows stylesheets from the
site only (`style-src 'self'`, no 'unsafe-inline'), so a browser ignores such a style and the
page breaks silently. A width or a colour is a class in bmnn.css instead."""

from __future__ import annotations

import re
from pathlib import Path

import bmnn

ROOT = Path(bmnn.__file__).resolve().parent
STYLE_BLOCK = re.compile(r"<style\b.*?</style\s*>", re.IGNORECASE | re.DOTALL)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.DOTALL)
# an attribute named style (also style = '…', STYLE=…), not data-style or a word ending in style
STYLE_ATTRIBUTE = re.compile(r"(?<![\w-])style\s*=", re.IGNORECASE)


def inline_styles(text: str) -> list[str]:
    """Each line holding a style attribute, <style> blocks and template comments left aside."""
    text = TEMPLATE_COMMENT.sub("", STYLE_BLOCK.sub("", text))
    return [line.strip() for line in text.splitlines() if STYLE_ATTRIBUTE.search(line)]


def test_the_check_finds_a_style_attribute_and_leaves_style_blocks_alone() -> None:
    assert inline_styles('<td>{{ x }}</td><th style="width: 38%">Kết quả</th>') != []
    assert inline_styles("<p\n  STYLE = 'color: red'>") != []
    assert inline_styles('<style>td { width: 10% }</style><p data-style="a">') == []
    assert inline_styles('{# <p style="color: red"> #}<p class="bmnn-w-40">') == []


def test_no_template_has_an_inline_style_attribute() -> None:
    templates = sorted(ROOT.glob("**/templates/**/*.html"))
    assert len(templates) > 50  # the templates of every app were read
    found = {
        str(path.relative_to(ROOT)): lines
        for path in templates
        if (lines := inline_styles(path.read_text(encoding="utf-8")))
    }
    assert found == {}
