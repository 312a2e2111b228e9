"""Measures of whether a face is a picture (a drawing, an icon, a printed copy) rather than a
person: how much of it is flat fill, how sharply its edges step, and how closely it matches
another face in the frame. The rule that reads them is vmscreen.rules.depiction.

Each is taken on the face's own pixels in the view the faces are judged on, scaled to a fixed
size, so it depends neither on the rest of the photo nor on its resolution.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from vmscreen.analyses.faces.base import Face
from vmscreen.analyses.faces.quality import face_crop
from vmscreen.rules.depiction import DepictionMeasures

FLAT_SIDE = 64  # flatness is judged at one size: a larger face's noise averages out anyway
FLAT_RANGE = 2  # grey levels a 3x3 neighbourhood may span and still be flat
EDGE_SIDE = 128
STRONG_EDGE_SHARE = 0.1  # the strongest tenth of the gradients are the face's edges
MIN_EDGE_CONTRAST = 30  # grey levels across an edge worth judging
TWIN_SIDE = 64
TWIN_SHIFT = 3  # pixels two boxes of the same printed face may be offset by, at TWIN_SIDE
TWIN_SIZE_RATIO = 1.25  # faces compared for twins differ in height by at most this factor
# Pairs whose coarse 32 px greys correlate less than this are not compared in detail: copies
# of one print correlate 0.58 or more, and most pairs of a crowd far less (0.34 is typical).
TWIN_CANDIDATE = 0.45
COARSE_SIDE = 32


def _resized(crop: np.ndarray, width: int, height: int) -> np.ndarray:
    shrink = crop.shape[1] > width
    return cv2.resize(crop, (width, height),
                      interpolation=cv2.INTER_AREA if shrink else cv2.INTER_LINEAR)


def flat_share(rgb: np.ndarray) -> float:
    """The share of the face's pixels whose 3x3 neighbourhood spans at most 2 grey levels once a
    3x3 median has removed sensor and JPEG noise: under 0.21 on face photos (skin is shaded),
    0.5 and more on drawings made of flat fills."""
    if rgb.size == 0 or min(rgb.shape[:2]) < 4:
        return 0.0
    smooth = cv2.medianBlur(_resized(rgb, FLAT_SIDE, FLAT_SIDE), 3)
    grey = cv2.cvtColor(smooth, cv2.COLOR_RGB2GRAY)
    kernel = np.ones((3, 3), np.uint8)
    spread = cv2.dilate(grey, kernel).astype(np.int16) - cv2.erode(grey, kernel)
    return float((spread <= FLAT_RANGE).mean())


def edge_steepness(grey: np.ndarray) -> float:
    """How sharply the face's strongest edges step: the median, over the strongest tenth of the
    gradients, of the gradient over the contrast across a 5x5 neighbourhood. About 0.5 on
    photos and soft prints (an edge rises over a few pixels), 0.8 and more on drawn outlines
    (a step of one pixel); 0 when the face has no edge of enough contrast."""
    if grey.size == 0 or min(grey.shape) < 8:
        return 0.0
    if grey.shape[1] > EDGE_SIDE:
        grey = _resized(grey, EDGE_SIDE, max(1, round(grey.shape[0] * EDGE_SIDE / grey.shape[1])))
    smooth = cv2.medianBlur(np.ascontiguousarray(grey), 3).astype(np.float32)
    # Sobel over 4: a one-pixel step of height h gives a gradient of h.
    gradient = np.hypot(cv2.Sobel(smooth, cv2.CV_32F, 1, 0),
                        cv2.Sobel(smooth, cv2.CV_32F, 0, 1)) / 4
    kernel = np.ones((5, 5), np.uint8)
    contrast = cv2.dilate(smooth, kernel) - cv2.erode(smooth, kernel)
    strong = (gradient >= np.percentile(gradient, 100 * (1 - STRONG_EDGE_SHARE))) & (
        contrast > MIN_EDGE_CONTRAST)
    if strong.sum() <= 10:
        return 0.0
    return float(np.median(gradient[strong] / contrast[strong]))


def colourfulness(rgb: np.ndarray) -> float:
    """How far the face's median colour lies from grey, in CIELAB a*b* units: 21 on the real
    set's faces (median; under 10 on greyscale photos and some small faces), about 6 to 7 on
    the bronze and marble faces of statues."""
    if rgb.size == 0 or min(rgb.shape[:2]) < 4:
        return 0.0
    lab = cv2.cvtColor(_resized(rgb, FLAT_SIDE, FLAT_SIDE), cv2.COLOR_RGB2LAB)
    a, b = np.median(lab[..., 1]) - 128.0, np.median(lab[..., 2]) - 128.0
    return float(np.hypot(a, b))


def _structure(grey: np.ndarray) -> np.ndarray | None:
    """The face's lines and blobs at a fixed size (a Laplacian), for comparing two faces
    without regard to their lighting."""
    if grey.size == 0 or min(grey.shape) < 4:
        return None
    small = _resized(grey, TWIN_SIDE, TWIN_SIDE).astype(np.float32)
    return cv2.Laplacian(cv2.GaussianBlur(small, (0, 0), 1.0), cv2.CV_32F)


def _coarse(grey: np.ndarray) -> np.ndarray:
    """The face at 32 px, zero mean and unit length: a cheap first comparison."""
    if grey.size == 0 or min(grey.shape) < 4:
        return np.zeros(COARSE_SIDE * COARSE_SIDE, np.float32)
    values = _resized(grey, COARSE_SIDE, COARSE_SIDE).astype(np.float32).ravel()
    values -= values.mean()
    norm = float(np.linalg.norm(values))
    return values / norm if norm > 0 else values


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Normalised correlation of two structures, the best over small offsets of their boxes."""
    core = a[TWIN_SHIFT:-TWIN_SHIFT, TWIN_SHIFT:-TWIN_SHIFT]
    if float(core.std()) == 0.0 or float(b.std()) == 0.0:
        return 0.0
    return float(cv2.matchTemplate(b, core, cv2.TM_CCOEFF_NORMED).max())


def twin_similarities(faces: Sequence[Face], grey: np.ndarray, scale: float = 1.0) -> list[float]:
    """For each face, its highest similarity to another face of about its height in the frame
    (0 when there is none): near 1 for copies of one printed picture, at most 0.65 between
    photos of different people, or of one person in two photos, on the real set."""
    best = [0.0] * len(faces)
    if len(faces) < 2:
        return best
    crops = [face_crop(grey, face.scaled(scale)) for face in faces]
    coarse = np.stack([_coarse(crop) for crop in crops])
    heights = np.array([max(face.height, 1e-6) for face in faces])
    ratio = heights[:, None] / heights[None, :]
    candidate = ((coarse @ coarse.T >= TWIN_CANDIDATE) & (ratio > 1 / TWIN_SIZE_RATIO)
                 & (ratio < TWIN_SIZE_RATIO))
    structures: dict[int, np.ndarray | None] = {}
    for i, j in zip(*np.nonzero(np.triu(candidate, 1)), strict=True):
        for k in (i, j):  # each face's structure once, however many pairs it is in
            if k not in structures:
                structures[k] = _structure(crops[k])
        mine, theirs = structures[i], structures[j]
        if mine is None or theirs is None:
            continue
        similarity = max(_similarity(mine, theirs), _similarity(theirs, mine))
        best[i], best[j] = max(best[i], similarity), max(best[j], similarity)
    return best


def measure_depiction(faces: Sequence[Face], rgb: np.ndarray, grey: np.ndarray,
                      scale: float = 1.0) -> list[DepictionMeasures]:
    """The depiction measures of each face (in full-resolution pixels), taken on RGB and grey
    views ``scale`` times the full resolution."""
    twins = twin_similarities(faces, grey, scale)
    measures = []
    for face, twin in zip(faces, twins, strict=True):
        seen = face.scaled(scale)
        colour = face_crop(rgb, seen)
        measures.append(DepictionMeasures(
            view_height_px=seen.height, flat_share=flat_share(colour),
            edge_steepness=edge_steepness(face_crop(grey, seen)), twin_similarity=twin,
            colourfulness=colourfulness(colour)))
    return measures
