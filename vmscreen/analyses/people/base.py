"""A detected person, in the frame's full-resolution upright pixels, and what a person model is."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vmscreen.findings import Located


@dataclass(frozen=True)
class Person(Located):
    box: tuple[float, float, float, float]  # x0, y0, x1, y1
    score: float

    def holds_head(self, x: float, y: float) -> bool:
        """Whether a point lies where this person's head would be: inside the box, in its
        upper half (a seated or crouching person's head can sit low in a wide box)."""
        x0, y0, x1, y1 = self.box
        return x0 <= x <= x1 and y0 <= y <= y0 + 0.5 * (y1 - y0)


class PersonModel(Protocol):
    """Finds people in an RGB image, boxes divided by ``scale`` (a view's size over the
    frame's)."""

    name: str

    def detect(self, rgb: np.ndarray, scale: float = 1.0) -> list[Person]: ...
