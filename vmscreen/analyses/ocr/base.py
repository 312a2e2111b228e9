"""What every OCR engine returns: words (or short runs of words) with a box and a confidence.

Boxes are four corners in the pixels of the image the engine was given, clockwise from the
top-left of the text, so a tilted line keeps its angle; the pipeline maps them to the medium's
full-resolution frame. Nothing engine-specific leaks through this interface.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vmscreen.findings import Box

Quad = tuple[tuple[float, float], tuple[float, float], tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Word:
    text: str
    quad: Quad
    confidence: float  # 0..1

    @property
    def box(self) -> Box:
        xs = [max(0.0, p[0]) for p in self.quad]
        ys = [max(0.0, p[1]) for p in self.quad]
        return Box(int(min(xs)), int(min(ys)), math.ceil(max(xs)), math.ceil(max(ys)))

    @property
    def height(self) -> float:
        (x0, y0), _, _, (x3, y3) = self.quad
        return math.hypot(x3 - x0, y3 - y0)

    @property
    def angle(self) -> float:
        """Baseline angle in degrees (positive: rising to the right in image coordinates)."""
        (x0, y0), (x1, y1), _, _ = self.quad
        return math.degrees(math.atan2(y0 - y1, x1 - x0))

    @property
    def centre(self) -> tuple[float, float]:
        return (sum(p[0] for p in self.quad) / 4, sum(p[1] for p in self.quad) / 4)

    def moved(self, scale: float, dx: float, dy: float) -> Word:
        quad = tuple((x * scale + dx, y * scale + dy) for x, y in self.quad)
        return Word(self.text, quad, self.confidence)  # type: ignore[arg-type]


class OcrEngine(Protocol):
    """Reads the text in one RGB image (an H x W x 3 uint8 array). ``thorough`` asks for the
    engine's slower, more sensitive reading, where it has one (``has_thorough_mode``).
    ``reread_from``: where the fast reading reads a doubtful line again with a stronger model,
    it does so only for lines it read with at least this confidence (0: every doubtful line);
    an engine without a second reading ignores it. Each model it runs is noted as it runs
    (``vmscreen.models.note_use``)."""

    name: str
    has_thorough_mode: bool

    @property
    def version(self) -> str: ...

    def read(self, image: np.ndarray, thorough: bool = False,
             reread_from: float = 0.0) -> list[Word]: ...
