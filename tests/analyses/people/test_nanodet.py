"""NanoDet-m through onnxruntime: its input as NanoDet was trained, its distance distributions
decoded into boxes, and people found where they are drawn."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.sets import synthetic_scenes as scenes
from vmscreen.analyses.people import NanoDet
from vmscreen.analyses.people.nanodet import BINS, INPUT_SIDE, MEAN_BGR, STD_BGR, _decode, _input


@pytest.fixture(scope="module")
def model() -> NanoDet:
    return NanoDet(threads=1)


def _street(seed: int, height: float, size=(640, 480)) -> np.ndarray:
    rng = np.random.default_rng(seed)
    scene = scenes.walker(scenes.landscape(rng, size), rng, height=height, centre=0.4)
    return scenes.camera(scene, rng)


def test_input_is_bgr_normalised_with_nanodets_mean_and_std():
    red = np.zeros((100, 100, 3), np.uint8)
    red[..., 0] = 255
    tensor, across, down = _input(red)
    assert tensor.shape == (1, 3, INPUT_SIDE, INPUT_SIDE) and tensor.dtype == np.float32
    blue_green_red = tensor[0, :, 10, 10]
    expected = (np.array([0, 0, 255], np.float32) - MEAN_BGR) / STD_BGR
    assert np.allclose(blue_green_red, expected, atol=1e-5)
    assert across == down == INPUT_SIDE / 100


def test_a_panorama_is_padded_to_two_to_one_before_the_stretch():
    _, across, down = _input(np.zeros((100, 500, 3), np.uint8))
    assert across == INPUT_SIDE / 500 and down == INPUT_SIDE / 250


def test_distance_distributions_decode_to_a_box_around_the_cell_centre():
    scores = [np.zeros((1, (INPUT_SIDE // s) ** 2, 80), np.float32) for s in (8, 16, 32)]
    distances = [np.zeros((1, (INPUT_SIDE // s) ** 2, 4 * BINS), np.float32) for s in (8, 16, 32)]
    cols = INPUT_SIDE // 16
    cell = 7 * cols + 5  # column 5, row 7 at stride 16: centre (88, 120)
    scores[1][0, cell, 0] = 0.9
    scores[1][0, cell, 2] = 0.95  # a car there too: only people count
    reach = np.full((4, BINS), -50.0, np.float32)
    reach[[0, 1, 2, 3], [2, 3, 1, 4]] = 50.0  # left 2, top 3, right 1, bottom 4 strides
    distances[1][0, cell] = reach.reshape(-1)
    boxes, score = _decode(scores, distances, 0.5)
    assert score.tolist() == pytest.approx([0.9])
    assert boxes[0].tolist() == pytest.approx([88 - 32, 120 - 48, 88 + 16, 120 + 64], abs=1e-3)


def test_a_person_is_found_where_drawn(model):
    image = _street(4, height=0.5)
    (person,) = [p for p in model.detect(image) if p.score >= 0.6]
    x0, y0, x1, y1 = person.box
    drawn_top, drawn_bottom = 480 * (0.95 - 0.5), 480 * 0.95
    assert abs(y0 - drawn_top) < 25 and abs(y1 - drawn_bottom) < 25
    assert x0 < 0.4 * 640 < x1 and x1 - x0 < 0.2 * 640


def test_boxes_come_back_in_the_full_frame(model):
    image = _street(4, height=0.5)
    (near,) = [p for p in model.detect(image) if p.score >= 0.6]
    (far,) = [p for p in model.detect(image, scale=0.5) if p.score >= 0.6]
    assert np.allclose(far.box, np.array(near.box) * 2, atol=1e-3)


def test_no_person_in_an_empty_landscape(model):
    rng = np.random.default_rng(3)
    empty = scenes.camera(scenes.landscape(rng, (640, 480)), rng)
    assert [p for p in model.detect(empty) if p.score >= 0.6] == []
