"""Importer tests run against the demo province's directory, without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from bmnn.plans.importer import Resolver
from bmnn.plans.tests.builders import demo_resolver

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"
SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="session")
def resolver() -> Resolver:
    return demo_resolver()


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
