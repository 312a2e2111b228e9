"""A detected face, in the frame's full-resolution upright pixels, and what a face model is."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

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


class FaceModel(Protocol):
    """Finds faces in an RGB image; boxes come back divided by ``scale`` and shifted by
    ``offset``, which places a view or a tile in the frame."""

    name: str

    def detect(self, rgb: np.ndarray, offset: tuple[float, float] = (0.0, 0.0),
               scale: float = 1.0) -> list[Face]: ...
