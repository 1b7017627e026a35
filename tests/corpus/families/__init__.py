"""Families of real-world cases the scanner must handle (issue 18), each a module with

    def items(rng: random.Random, scale: int) -> list[Item]

returning positives *and* the look-alike negatives of that family, every `Item.family` set to
the family's name (e.g. "doc", "envelope", "rotated-scan"). Variation comes from `rng`: layout,
level, wording, noise, position — several variants per family, never one file repeated.

`build_families(seed, scale)` collects every family module listed in FAMILY_MODULES.
"""

from __future__ import annotations

import importlib
import random

from tests.corpus.scanner_corpus import Item

FAMILY_MODULES = ("legacy_doc", "scans", "envelopes", "office_web", "levels")


def build_families(seed: int = 2026, scale: int = 1, only: tuple[str, ...] = ()) -> list[Item]:
    """Every family's items, names prefixed with a running number; `only` picks modules."""
    rng = random.Random(seed)
    items: list[Item] = []
    for name in FAMILY_MODULES:
        if only and name not in only:
            continue
        try:
            module = importlib.import_module(f"tests.corpus.families.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.corpus.families.{name}":
                raise
            continue
        for item in module.items(random.Random(rng.random()), scale):
            item.name = f"f{len(items):04d}-{item.name}"
            items.append(item)
    return items
