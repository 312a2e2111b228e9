"""Measures of how much of a face can be seen: sharpness, pixelation and pose.

Each works on the face's own pixels at full resolution, so a face's measure does not depend on
the rest of the photo or on how large the photo is.
"""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.analyses.faces.base import Face
from vmscreen.rules.identifiability import FaceMeasures

SHARPNESS_SIDE = 64  # faces are compared at one size: detail finer than this does not count
BLOCK_SIZES = range(4, 33)


def face_crop(grey: np.ndarray, face: Face) -> np.ndarray:
    """The face's box cut from an image in the face's own pixels, grey or colour (empty if it
    lies outside)."""
    x0, y0, x1, y1 = face.pixel_box(grey.shape[1], grey.shape[0]).to_list()
    return grey[y0:y1, x0:x1]


def sharpness(crop: np.ndarray) -> float:
    """Edge energy against contrast, on the face scaled to 64 px wide: about 0.5 or more for a
    face in focus, under 0.1 for one blurred past recognition. A face with fewer than 64 px is
    scaled up and so counts as soft, which is what it is."""
    if crop.size == 0 or min(crop.shape) < 4:
        return 0.0
    height = max(4, round(crop.shape[0] * SHARPNESS_SIDE / crop.shape[1]))
    interpolation = cv2.INTER_AREA if crop.shape[1] > SHARPNESS_SIDE else cv2.INTER_LINEAR
    small = cv2.resize(crop, (SHARPNESS_SIDE, height), interpolation=interpolation)
    small = small.astype(np.float32)
    contrast = float(small.var())
    if contrast < 1.0:
        return 0.0
    return float(cv2.Laplacian(small, cv2.CV_32F).var() / contrast)


def pixelation_block(crop: np.ndarray) -> int:
    """The block size of a mosaic laid over the face (0 if none): the smallest period at which
    nearly every column (and row) boundary is a jump between neighbouring pixels while the
    pixels between boundaries are flat."""
    if crop.size == 0 or min(crop.shape) < 16:
        return 0
    values = crop.astype(np.float32)
    found = 0
    for axis in (1, 0):
        steps = np.abs(np.diff(values, axis=axis)).mean(axis=1 - axis)
        found = next((block for block in BLOCK_SIZES if len(steps) >= 3 * block
                      for phase in range(block) if _grid(steps, block, phase)), 0)
        if not found:
            return 0
    return found


def _grid(steps: np.ndarray, block: int, phase: int) -> bool:
    edges = steps[phase::block]
    inner = np.delete(steps, np.s_[phase::block])
    # Three boundaries in four jump (a block may happen to match its neighbour), and they
    # jump far more than the pixels inside the blocks change.
    return float(np.percentile(edges, 25)) > 6.0 * max(float(inner.mean()), 0.25)


def yaw(face: Face) -> float:
    """How far the head is turned: the nose tip's distance from the eyes' midpoint, in half
    eye distances. About 0 facing the camera, 0.5 at three-quarters, 1 or more in profile."""
    (rx, ry), (lx, ly), (nx, ny) = face.landmarks[:3]
    half = max(face.eye_distance / 2, 1e-6)
    mx, my = (rx + lx) / 2, (ry + ly) / 2
    # Project on the eye line, so a tilted head does not read as turned.
    ux, uy = (lx - rx) / (2 * half), (ly - ry) / (2 * half)
    return abs((nx - mx) * ux + (ny - my) * uy) / half


def measure(face: Face, grey: np.ndarray, scale: float = 1.0) -> FaceMeasures:
    """Every measure the identifiability rule reads, for one face (in full-resolution pixels),
    taken on a grey view ``scale`` times the full resolution (1: the full-resolution frame)."""
    height, width = grey.shape
    seen = face.scaled(scale)
    crop = face_crop(grey, seen)
    return FaceMeasures(height_px=face.height, view_height_px=seen.height,
                        frame_share=face.height * scale / min(width, height),
                        sharpness=sharpness(crop), mosaic_block=pixelation_block(crop),
                        yaw=yaw(face))
