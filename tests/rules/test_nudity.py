"""How open_nsfw's and nsfwjs's scores combine: a photograph needs both, an artwork a lower
open_nsfw score under its own verdict, or a near miss and an undistorted square rated high."""

from __future__ import annotations

import pytest

from vmscreen.rules.nudity import NudityScores, nudity_verdict, wants_squares


@pytest.mark.parametrize(("open_nsfw", "unsafe", "artwork", "verdict"), [
    (0.92, 0.84, False, "photo"),  # both models agree
    (0.5, 0.05, False, "photo"),
    (0.78, 0.01, False, None),  # open_nsfw alone: the real set's false flags
    (0.45, 0.9, False, None),  # nsfwjs alone (its porn class fires on tiled rooms)
    (0.12, 0.0, True, None),  # a clothed painting's score
    (0.15, 0.0, True, "artwork"),
    (0.34, 0.04, True, "artwork"),  # Manet's Olympia
    (0.96, 0.1, True, "artwork"),  # nudity in an artwork goes to review, even when sure
    (0.3, 0.5, False, None),
])
def test_the_verdict(open_nsfw, unsafe, artwork, verdict):
    assert nudity_verdict(NudityScores(open_nsfw, unsafe, artwork)) == verdict


@pytest.mark.parametrize(("open_nsfw", "artwork", "squares", "verdict"), [
    (0.116, True, 0.597, "artwork"),  # Botticelli's Venus: squashed whole, its middle square
    (0.113, True, 0.177, None),  # a real photo that reads as a painting
    (0.12, True, None, None),  # squares not rated: no verdict from them
    (0.075, True, 0.671, None),  # below the near miss: squares are not read
    (0.12, False, 0.9, None),  # a photograph's squares are not read
])
def test_an_artwork_near_miss_is_reported_from_an_undistorted_square(
        open_nsfw, artwork, squares, verdict):
    scores = NudityScores(open_nsfw, 0.0, artwork, squares)
    assert nudity_verdict(scores) == verdict


@pytest.mark.parametrize(("open_nsfw", "artwork", "wanted"), [
    (0.1, True, True), (0.149, True, True), (0.15, True, False), (0.099, True, False),
    (0.12, False, False),
])
def test_squares_are_wanted_only_for_an_artwork_near_miss(open_nsfw, artwork, wanted):
    assert wants_squares(NudityScores(open_nsfw, 0.0, artwork)) is wanted
