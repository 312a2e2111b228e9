"""EfficientNet-Lite0's ImageNet classes, run on scikit-image's public-domain photos: the
converted weights answer what the photos show."""

from __future__ import annotations

import numpy as np
import pytest
import skimage.data
from PIL import Image

from vmscreen.analyses.image_classes import (
    CROP,
    EfficientNetLite0,
    ImageClasses,
    find_image_classes,
    preprocess,
)
from vmscreen.media import media_from_pil
from vmscreen.models import EFFICIENTNET_LITE0, models_used

ESPRESSO, TABBY, TIGER_CAT, EGYPTIAN_CAT, MISSILE, PROJECTILE = 967, 281, 282, 285, 657, 744


@pytest.fixture(scope="module")
def model() -> EfficientNetLite0:
    return EfficientNetLite0(threads=1)


@pytest.mark.parametrize(("photo", "expected"), [
    ("coffee", {ESPRESSO}), ("chelsea", {TABBY, TIGER_CAT, EGYPTIAN_CAT}),
    ("rocket", {MISSILE, PROJECTILE})])
def test_the_likeliest_class_is_what_the_photo_shows(model, photo, expected):
    probabilities = model.probabilities(Image.fromarray(getattr(skimage.data, photo)()))
    assert probabilities.shape == (1000,) and abs(probabilities.sum() - 1) < 1e-6
    assert int(np.argmax(probabilities)) in expected


def test_the_input_is_the_central_square_of_the_short_side_at_256(model):
    wide = Image.new("RGB", (600, 300), (255, 255, 255))
    wide.paste((0, 0, 0), (0, 0, 100, 300))  # a black band the central crop leaves out
    pixels = preprocess(wide)
    assert pixels.shape == (1, 3, CROP, CROP) and pixels.dtype == np.float32
    assert np.allclose(pixels, (255 - 127) / 128)


def test_a_frame_s_classes_are_read_only_and_name_the_model_that_ran(model):
    media = media_from_pil(Image.fromarray(skimage.data.coffee()))
    with models_used() as used:
        classes = find_image_classes(media.frame(0), model)
    assert EFFICIENTNET_LITE0.ref in used
    assert isinstance(classes, ImageClasses) and not classes.probabilities.flags.writeable
    assert classes.share([ESPRESSO]) > 0.9 and classes.likeliest([TABBY, ESPRESSO]) == ESPRESSO
