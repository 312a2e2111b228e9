"""nsfwjs's MobileNetV2Mid as vmscreen runs it: the converted ONNX model with vmscreen's port of
nsfwjs's preprocessing answers what nsfwjs itself answers.

The reference probabilities were produced by nsfwjs 4.4.0 in Node.js with TensorFlow.js 4 (CPU
backend), ``model.infer(tf.tensor3d(pixels))`` on exactly these generated pixels."""

from __future__ import annotations

import numpy as np
import pytest

from vmscreen.analyses.nsfw import NsfwJs, PictureClasses
from vmscreen.analyses.nsfw.nsfwjs import CLASSES, INPUT_SIDE, preprocess
from vmscreen.models import NSFWJS

# Equal to the TF.js graph within this: the largest difference measured on these pictures and on
# 19 art-set and real-set photos was 1.4e-6.
TOLERANCE = 1e-5

REFERENCE = {  # drawing, hentai, neutral, porn, sexy
    "gradient": [0.004483171, 0.0004163432, 0.9950951, 1.520704e-06, 3.822466e-06],
    "noise": [0.01268489, 0.004173486, 0.9830876, 3.930106e-05, 1.473024e-05],
    "square": [0.118805, 0.01291706, 0.8676221, 0.0002925023, 0.0003633251],
}


def _pictures() -> dict[str, np.ndarray]:
    """A colour gradient with a disc, noise of an odd size, and noise already 224 x 224."""
    y, x = np.mgrid[0:200, 0:300]
    gradient = np.stack([x * 255 // 299, y * 255 // 199, (x + y) * 255 // 498], -1).astype(
        np.uint8)
    gradient[(x - 150) ** 2 + (y - 100) ** 2 < 50 ** 2] = (230, 180, 150)
    noise = np.random.default_rng(7).integers(0, 256, (131, 97, 3), dtype=np.uint8)
    square = np.random.default_rng(8).integers(0, 256, (224, 224, 3), dtype=np.uint8)
    return {"gradient": gradient, "noise": noise, "square": square}


@pytest.fixture(scope="module")
def model() -> NsfwJs:
    return NsfwJs(threads=1)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_the_probabilities_equal_nsfwjs_in_tensorflow_js(model, name):
    classes = model.classes(_pictures()[name])
    got = [getattr(classes, label) for label in CLASSES]
    assert np.abs(np.array(got) - np.array(REFERENCE[name])).max() < TOLERANCE
    assert sum(got) == pytest.approx(1.0, abs=1e-5)


def test_the_resize_keeps_the_corners_as_tensorflow_js_aligns_them():
    rgb = np.random.default_rng(1).integers(0, 256, (50, 70, 3), dtype=np.uint8)
    tensor = preprocess(rgb)
    assert tensor.shape == (1, INPUT_SIDE, INPUT_SIDE, 3) and tensor.dtype == np.float32
    for (ty, tx), (sy, sx) in (((0, 0), (0, 0)), ((-1, -1), (-1, -1)), ((0, -1), (0, -1))):
        assert tensor[0, ty, tx] == pytest.approx(rgb[sy, sx] / 255.0, abs=1e-6)
    assert tensor.min() >= 0.0 and tensor.max() <= 1.0


def test_a_picture_of_the_input_size_is_only_scaled():
    rgb = _pictures()["square"]
    assert np.array_equal(preprocess(rgb)[0], rgb.astype(np.float32) / 255.0)


def test_the_unsafe_share_is_hentai_porn_and_sexy():
    classes = PictureClasses(drawing=0.5, hentai=0.1, neutral=0.1, porn=0.2, sexy=0.1)
    assert classes.unsafe == pytest.approx(0.4)


def test_the_model_file_is_the_one_the_manifest_names():
    assert NSFWJS.verified().name == "nsfwjs_mobilenet_v2_mid.onnx"
    assert NSFWJS.licence.startswith("MIT")
