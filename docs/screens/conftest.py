"""The screenshots reuse the browser tests' Debian chromium."""

from tests.e2e.conftest import browser, page  # noqa: F401  (pytest fixtures)
