"""The held-out harness draws a corpus's pictures the same whatever ran before it."""

from __future__ import annotations

from PIL import Image

from bench.heldout import seed_c_random


def test_film_grain_is_the_same_after_seeding_whatever_was_drawn_before() -> None:
    seed_c_random(777001)
    first = Image.effect_noise((64, 64), 20).tobytes()
    Image.effect_noise((32, 32), 50)  # another corpus's grain, drawn in between
    seed_c_random(777001)
    assert Image.effect_noise((64, 64), 20).tobytes() == first
    seed_c_random(606162)
    assert Image.effect_noise((64, 64), 20).tobytes() != first
