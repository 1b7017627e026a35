"""Importer tests run against the demo province's directory, without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.org.demo import GROUPS, PROVINCE, all_agencies
from bmnn.plans.importer import AgencyEntry, GroupEntry, Resolver

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    agencies = [
        AgencyEntry(i, name, kind)
        for i, (_code, kind, name, _short) in enumerate(all_agencies(), 1)
    ]
    groups = [GroupEntry(code, name, tuple(aliases)) for code, name, _types, aliases in GROUPS]
    return Resolver(agencies, groups, [PROVINCE])


def seed(name: str) -> bytes:
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    if not matches:
        pytest.fail(f"seed {name} not found in {SEEDS}")
    return matches[0].read_bytes()
