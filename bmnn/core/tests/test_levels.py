"""The one vocabulary of levels: the Django choices, the registry's rules and the scanner read
the same codes, order and words from `bmnn.core.levels`."""

from __future__ import annotations

import subprocess
import sys

from bmnn.core import levels
from bmnn.org.models import ClearanceLevel, Level
from bmnn.registry import rules
from bmnn.scanner.engine.detect import ENVELOPE_LEVELS, stamp_level


def test_the_choices_store_the_codes_of_the_vocabulary() -> None:
    assert Level.values == ["tuyet_mat", "toi_mat", "mat"] == list(levels.LEVELS)
    assert ClearanceLevel.values == ["none", "mat", "toi_mat", "tuyet_mat"] == list(levels.RANK)


def test_levels_rank_highest_first_and_every_table_names_each_level() -> None:
    ranks = [levels.RANK[level] for level in levels.LEVELS]
    assert ranks == sorted(ranks, reverse=True) and levels.RANK[levels.NO_CLEARANCE] < min(ranks)
    for table in (levels.LEVEL_NAME, levels.STAMP_WORDS, levels.ENVELOPE_LETTER):
        assert list(table) == list(levels.LEVELS)
    assert [levels.STAMP_WORDS[level] for level in levels.LEVELS] == ["TUYỆT MẬT", "TỐI MẬT", "MẬT"]


def test_the_rules_and_the_scanner_read_the_same_words() -> None:
    for level in levels.LEVELS:
        assert rules.envelope_mark(level) == levels.ENVELOPE_LETTER[level]
        assert ENVELOPE_LEVELS[levels.ENVELOPE_LETTER[level]] == level
        assert stamp_level(levels.STAMP_WORDS[level]) == (level, True)


def test_the_vocabulary_imports_no_django() -> None:
    code = (
        "import sys, bmnn.core.levels; "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
