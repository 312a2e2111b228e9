"""Measures of whether a face is a picture: flat fills, edge steepness and twins, on drawn and
photo-like pixels (the rule that reads them is tested in tests/rules/test_depiction.py)."""

from __future__ import annotations

import cv2
import numpy as np

from benchmarks.sets import synthetic_documents as docs
from tests.drawn_faces import cartoon
from tests.imaging import picture
from vmscreen.analyses.faces import Face
from vmscreen.analyses.faces.depiction import edge_steepness, flat_share, twin_similarities


def _box(x: float, y: float, size: float) -> Face:
    marks = ((x + 0.3 * size, y + 0.4 * size), (x + 0.7 * size, y + 0.4 * size),
             (x + 0.5 * size, y + 0.6 * size), (x + 0.35 * size, y + 0.8 * size),
             (x + 0.65 * size, y + 0.8 * size))
    return Face((x, y, x + size, y + size), marks, 0.9)


def _noisy(pixels: np.ndarray, sigma: float, seed: int) -> np.ndarray:
    noise = np.random.default_rng(seed).normal(0, sigma, pixels.shape)
    return np.clip(pixels.astype(np.float32) + noise, 0, 255).astype(np.uint8)


def test_a_drawing_is_mostly_flat_and_a_shaded_photo_is_not():
    drawn = _noisy(np.asarray(cartoon((200, 200), np.random.default_rng(4))), 3, 1)
    shaded = np.asarray(picture(200, 200, seed=2))  # a gradient under sensor noise
    assert flat_share(drawn) >= 0.5
    assert flat_share(shaded) < 0.2


def test_a_hard_step_is_steep_and_a_soft_one_is_not():
    step = np.full((120, 120), 60, np.uint8)
    step[:, 60:] = 200
    soft = cv2.GaussianBlur(step, (0, 0), 2.0)
    assert edge_steepness(_noisy(step, 2, 1)) >= 0.8
    assert edge_steepness(_noisy(soft, 2, 1)) < 0.6
    assert edge_steepness(np.full((120, 120), 90, np.uint8)) == 0.0  # no edge at all


def test_copies_of_one_face_are_twins_and_different_faces_are_not():
    grey = np.full((300, 700), 128, np.uint8)
    face = cv2.cvtColor(np.asarray(cartoon((120, 120), np.random.default_rng(4))),
                        cv2.COLOR_RGB2GRAY)
    other = cv2.cvtColor(np.asarray(docs.portrait((120, 120), np.random.default_rng(4))),
                         cv2.COLOR_RGB2GRAY)
    grey[50:170, 40:160] = face
    grey[52:172, 242:362] = face  # the same print, two pixels lower
    grey[50:170, 480:600] = other  # another face of the same size
    grey = _noisy(grey, 3, 5)
    first, second, third = twin_similarities(
        [_box(40, 50, 120), _box(242, 52, 120), _box(480, 50, 120)], grey)
    assert first >= 0.9 and second >= 0.9
    assert third < 0.8
    # A face alone in its frame, or beside one of a very different size, has no twin.
    assert twin_similarities([_box(40, 50, 120)], grey) == [0.0]
    assert twin_similarities([_box(40, 50, 120), _box(242, 52, 60)], grey) == [0.0, 0.0]
