"""open_nsfw's reference preprocessing, checked number by number, and its scores on photos
that show nothing sexual."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from skimage import data

from vmscreen.analyses.nsfw import OpenNsfw, preprocess
from vmscreen.analyses.nsfw.open_nsfw import MEAN_BGR, squares


def test_a_flat_colour_becomes_bgr_minus_the_training_mean():
    tensor = preprocess(Image.new("RGB", (640, 480), (200, 100, 50)))
    assert tensor.shape == (224, 224, 3) and tensor.dtype == np.float32
    blue, green, red = tensor[112, 112]
    assert (blue, green, red) == pytest.approx((50 - 104, 100 - 117, 200 - 123), abs=2)


def test_the_crop_is_the_central_224_of_a_256_square():
    # A white image with a black border 16/256 of each side wide: the crop holds no border.
    image = Image.new("RGB", (512, 512), (0, 0, 0))
    image.paste((255, 255, 255), (34, 34, 478, 478))  # 2 px inside the 32 px border
    tensor = preprocess(image) + MEAN_BGR
    assert tensor[2:-2, 2:-2].min() > 200  # the whole crop, away from JPEG ringing, is white
    stretched = preprocess(image.resize((512, 256))) + MEAN_BGR  # squashed to 256 x 256 first
    assert stretched[2:-2, 2:-2].min() > 200


def test_the_jpeg_round_trip_is_part_of_the_pipeline():
    rng = np.random.default_rng(0)
    noise = Image.fromarray(rng.integers(0, 255, (256, 256, 3), dtype=np.uint8))
    raw = np.asarray(noise, np.float32)[16:240, 16:240, ::-1] - MEAN_BGR
    assert np.abs(preprocess(noise) - raw).mean() > 5  # lossy, as the reference is


@pytest.mark.parametrize("name", ["astronaut", "coffee", "chelsea"])
def test_photos_with_nothing_sexual_score_low(name):
    (score,) = OpenNsfw(threads=1).scores([Image.fromarray(getattr(data, name)())])
    assert 0.0 <= score < 0.2


@pytest.mark.parametrize("size", [(900, 300), (300, 900)])
def test_squares_cover_a_long_picture_undistorted_from_end_to_end(size):
    # Three bands of colour along the long side: each square sees one band whole.
    long_side = max(size)
    image = Image.new("RGB", size)
    for band, colour in enumerate([(255, 0, 0), (0, 255, 0), (0, 0, 255)]):
        start, end = band * long_side // 3, (band + 1) * long_side // 3
        image.paste(colour, (start, 0, end, 300) if size[0] > size[1] else (0, start, 300, end))
    cut = squares(image)
    assert [square.size for square in cut] == [(300, 300)] * 3
    assert [square.getpixel((150, 150)) for square in cut] == [(255, 0, 0), (0, 255, 0),
                                                                (0, 0, 255)]


def test_a_square_picture_is_its_own_only_square():
    image = Image.new("RGB", (400, 400), (9, 9, 9))
    (square,) = squares(image)
    assert square.size == (400, 400)
