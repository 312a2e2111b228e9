"""How open_nsfw's and nsfwjs's scores combine: a photograph needs both, an artwork a lower
open_nsfw score under its own verdict."""

from __future__ import annotations

import pytest

from vmscreen.rules.nudity import NudityScores, nudity_verdict


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
