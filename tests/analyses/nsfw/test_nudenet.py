"""NudeNet 320n (the optional AGPL extra): NudeNet's own preprocessing, its YOLO rows decoded
into boxes, and nothing reported on photos that show nothing intimate."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import data

from vmscreen.analyses.nsfw.nudenet import CLASSES, INPUT_SIDE, NudeNet, decode, preprocess


def test_the_image_is_padded_right_and_below_to_a_square_then_scaled_to_320():
    rgb = np.zeros((200, 400, 3), np.uint8)
    rgb[..., 0] = 255  # red
    tensor, factor = preprocess(rgb)
    assert tensor.shape == (1, 3, INPUT_SIDE, INPUT_SIDE) and factor == 400 / INPUT_SIDE
    assert tensor[0, :, 80, 160].tolist() == pytest.approx([1.0, 0.0, 0.0])  # RGB, 0..1
    assert tensor[0, :, 240, 160].tolist() == [0.0, 0.0, 0.0]  # the padding below


def test_rows_decode_to_boxes_with_their_class_after_nms():
    rows = np.zeros((1, 4 + len(CLASSES), 6), np.float32)
    breast = CLASSES.index("FEMALE_BREAST_EXPOSED")
    rows[0, :4, 0] = (100, 80, 40, 20)  # centre and size in input pixels
    rows[0, 4 + breast, 0] = 0.9
    rows[0, :4, 1] = (101, 80, 40, 20)  # the same part again, weaker: suppressed
    rows[0, 4 + breast, 1] = 0.5
    rows[0, :4, 2] = (10, 10, 4, 4)
    rows[0, 4 + breast, 2] = 0.1  # under the candidate floor
    (part,) = decode(rows, factor=2.0)
    assert part.label == "FEMALE_BREAST_EXPOSED" and part.score == pytest.approx(0.9)
    assert part.box == pytest.approx((160.0, 140.0, 240.0, 180.0))


@pytest.mark.parametrize("name", ["astronaut", "coffee", "chelsea"])
def test_the_real_model_finds_nothing_intimate_in_ordinary_photos(name):
    image = getattr(data, name)()
    parts = NudeNet(threads=1).detect(image)
    assert all(part.label in CLASSES for part in parts)
    assert not [p for p in parts if p.label.endswith("_EXPOSED") and "FEET" not in p.label
                and "ARMPITS" not in p.label and p.score >= 0.5]
