"""A detected person, in the medium's full-resolution upright frame."""

from __future__ import annotations

import math
from dataclasses import dataclass

from vmscreen.findings import Box


@dataclass(frozen=True)
class Person:
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    score: float

    @property
    def width(self) -> float:
        return self.box[2] - self.box[0]

    @property
    def height(self) -> float:
        return self.box[3] - self.box[1]

    def holds_head(self, x: float, y: float) -> bool:
        """Whether a point lies where this person's head would be: inside the box, in its
        upper half (a seated or crouching person's head can sit low in a wide box)."""
        x0, y0, x1, y1 = self.box
        return x0 <= x <= x1 and y0 <= y <= y0 + 0.5 * (y1 - y0)

    def pixel_box(self, width: int, height: int) -> Box:
        """The box rounded outward and clipped to a ``width`` x ``height`` frame."""
        x0, y0, x1, y1 = self.box
        return Box(max(0, math.floor(x0)), max(0, math.floor(y0)),
                   min(width, max(0, math.ceil(x1))), min(height, max(0, math.ceil(y1))))
