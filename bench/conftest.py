"""Benchmarks reuse the importer fixtures of the plan tests."""

from bmnn.plans.tests.conftest import resolver  # noqa: F401  (pytest fixture)
from tests.e2e.conftest import browser  # noqa: F401  (pytest fixture)
