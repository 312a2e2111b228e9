"""A detected face, in the frame's full-resolution upright pixels, and what a face model is."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from vmscreen.findings import Located

Point = tuple[float, float]

# YuNet's score below which, on the real labelled set, its detections are mostly not faces.
# The face search keeps YuNet's own threshold (0.6), which a printed document portrait needs.
CONFIDENT_FACE_SCORE = 0.75


@dataclass(frozen=True)
class Face(Located):
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    # The subject's right eye, left eye, nose tip, right and left mouth corners (YuNet's order:
    # the subject's right eye is on the image's left).
    landmarks: tuple[Point, ...]
    score: float

    @property
    def eye_distance(self) -> float:
        (rx, ry), (lx, ly) = self.landmarks[0], self.landmarks[1]
        return math.hypot(lx - rx, ly - ry)

    def scaled(self, factor: float) -> Face:
        """The same face in a view ``factor`` times the full resolution."""
        return Face(tuple(v * factor for v in self.box),  # type: ignore[arg-type]
                    tuple((x * factor, y * factor) for x, y in self.landmarks), self.score)


# The long side a face model looks at an image with, unless told otherwise: the size both
# models were trained and published for.
MODEL_SIDE = 640


class FaceModel(Protocol):
    """Finds faces in an RGB image, shrunk first to at most ``side`` pixels on its longer side,
    scored at least ``min_score`` (None: the model's own threshold, ``min_score``); boxes come
    back divided by ``scale`` and shifted by ``offset``, which places a view or a part of it in
    the frame."""

    name: str
    min_score: float

    def detect(self, rgb: np.ndarray, offset: tuple[float, float] = (0.0, 0.0),
               scale: float = 1.0, side: int = MODEL_SIDE,
               min_score: float | None = None) -> list[Face]: ...


def padded_input(rgb: np.ndarray, side: int, bgr: bool = False) -> tuple[np.ndarray, float]:
    """The model input of an RGB image: shrunk to at most ``side`` pixels on its longer side,
    its raw 0..255 values as float32 on a black canvas whose sides are multiples of 32 (both
    models are fully convolutional with a stride of 32), NCHW; and the factor it was shrunk by."""
    height, width = rgb.shape[:2]
    fit = min(1.0, side / max(height, width))
    if fit < 1.0:
        rgb = cv2.resize(rgb, (max(1, round(width * fit)), max(1, round(height * fit))),
                         interpolation=cv2.INTER_AREA)
    padded_h, padded_w = (-(-length // 32) * 32 for length in rgb.shape[:2])
    canvas = np.zeros((padded_h, padded_w, 3), np.float32)
    canvas[:rgb.shape[0], :rgb.shape[1]] = rgb[:, :, ::-1] if bgr else rgb
    return canvas.transpose(2, 0, 1)[None], fit
