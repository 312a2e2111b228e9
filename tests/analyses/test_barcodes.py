"""Barcode positions found on a turned copy are placed back in the photo's own frame, so a
redaction can cover a skewed licence barcode."""

from __future__ import annotations

import numpy as np
import pytest

from vmscreen.analyses.barcodes import _rotated, _unrotated


@pytest.mark.parametrize("angle", [-12.0, 5.0, 30.0])
def test_a_point_on_a_turned_copy_maps_back_to_where_it_was(angle):
    grey = np.full((240, 400), 255, np.uint8)
    grey[58:63, 98:103] = 0  # a dot centred on (100, 60)
    turned = _rotated(grey, angle)
    ys, xs = np.nonzero(turned < 128)
    found = np.array([[xs.mean(), ys.mean()]])
    back = _unrotated(found, angle, (400, 240))
    assert back[0] == pytest.approx([100, 60], abs=1.5)
