"""A detected face, in the medium's full-resolution upright frame."""

from __future__ import annotations

import math
from dataclasses import dataclass

from vmscreen.findings import Located

Point = tuple[float, float]


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
