"""The text-presence step on print it used to lose: large embossed digits over busy art."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests import cards
from vmscreen.analyses.ocr.pipeline import plan_text
from vmscreen.analyses.ocr.presence import _percentiles
from vmscreen.media import media_from_array


def _decoded(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


@pytest.mark.parametrize("seed, number", [
    (1, "4111111111111111"),  # a group lost to the art left the next one alone
    (305, "6011776045550760"),  # the digits' edges joined the edges of the art they touch
])
def test_the_read_boxes_cover_an_embossed_number_over_busy_art(seed, number):
    photo = _decoded(cards.photo(cards.embossed_card(np.random.default_rng(seed), number), seed))
    # The same photo without the number (same art, placement, light and noise) shows where
    # the number lies: wherever the two differ.
    blank = _decoded(cards.photo(cards.embossed_card(np.random.default_rng(seed), " " * 16),
                                 seed))
    ys, xs = np.nonzero(np.abs(photo.astype(int) - blank.astype(int)).max(axis=2) > 60)
    left, right, middle = np.percentile(xs, 1), np.percentile(xs, 99), np.median(ys)
    boxes = [box for box, _ in plan_text(media_from_array(photo).frame(0)).boxes]
    assert any(x0 <= left and right <= x1 and y0 <= middle <= y1 for x0, y0, x1, y1 in boxes)


def test_percentiles_from_the_histogram_match_numpy():
    rng = np.random.default_rng(0)
    for _ in range(50):
        image = rng.integers(0, int(rng.integers(1, 256)), size=(int(rng.integers(1, 200)),
                                                                int(rng.integers(1, 200))))
        image = (image * (rng.random(image.shape) < rng.random())).astype(np.uint8)
        expected = np.percentile(image, (99.5, 99.9))
        assert np.allclose(_percentiles(image, (99.5, 99.9)), expected)
