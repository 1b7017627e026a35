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


def seed_path(name: str) -> Path:
    """A real plan of ../shared/seeds. That folder sits beside the repository here and in CI,
    not in a user's clone: there the tests over it are skipped, and say so."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seed plans ({SEEDS}) are not beside this clone")
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    if not matches:
        pytest.fail(f"seed {name} not found in {SEEDS}")
    return matches[0]


def seed(name: str) -> bytes:
    return seed_path(name).read_bytes()
