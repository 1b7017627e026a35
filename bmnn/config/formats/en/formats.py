"""Dates are written dd/mm/yyyy in every language BMNN speaks: English pages use the Vietnamese
formats (bmnn/config/formats/vi/formats.py)."""

from bmnn.config.formats.vi.formats import *  # noqa: F403
