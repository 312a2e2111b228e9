"""The pixel cues of a screenshot: exactly flat panels, few colours and a phone's bars in a
drawn app; none of them in a photo with a camera's noise."""

from __future__ import annotations

import numpy as np

from tests.screens import phone_app, photo
from vmscreen.analyses.ui_pixels import flat_mask, measure


def test_a_pixel_is_flat_only_when_its_eight_neighbours_share_its_colour():
    key = np.zeros((5, 5), np.int32)
    key[0, 0] = 7
    flat = flat_mask(key)
    assert flat.shape == (3, 3)
    assert not flat[0, 0] and flat[1:, :].all() and flat[:, 1:].all()


def test_a_drawn_app_is_flat_in_several_colours_with_few_colours_and_two_bars():
    app = measure(np.asarray(phone_app(540, 960)))
    assert app.flat_share > 0.6 and app.flat_colours >= 3 and app.panel_share > 0.05
    assert app.colour_share < 0.02 and not app.grey
    assert app.bands == 2


def test_a_photo_has_no_flat_pixels_and_many_colours():
    scene = measure(photo(size=(540, 960)))
    assert scene.flat_share < 0.05 and scene.colour_share > 0.05 and scene.bands == 0


def test_a_grey_picture_is_told_and_a_tiny_one_measures_nothing():
    grey = np.repeat(np.asarray(phone_app(540, 960).convert("L"))[..., None], 3, axis=2)
    assert measure(grey).grey
    tiny = measure(np.zeros((4, 4, 3), np.uint8))
    assert tiny.flat_share == 0 and tiny.bands == 0
