"""The real default OCR engine, noting the size of every crop it reads, fast or thorough."""

from __future__ import annotations

import numpy as np

from vmscreen.analyses.ocr import Word, make_engine


class RecordingEngine:
    def __init__(self) -> None:
        self.engine = make_engine()
        self.name, self.has_thorough_mode = "recording", True
        self.crops: list[tuple[int, ...]] = []
        self.thorough: list[tuple[int, ...]] = []

    def read(self, image: np.ndarray, thorough: bool = False,
             reread_from: float = 0.0) -> list[Word]:
        (self.thorough if thorough else self.crops).append(image.shape[:2])
        return self.engine.read(image, thorough, reread_from)
