"""Bare PP-OCR: RapidOCR's default pipeline (PP-OCRv6 det + rec ONNX shipped in its wheel), then
the shared patterns. vmscreen's own OCR uses the same models, tuned; this is the untuned pipeline.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

import numpy as np

from benchmarks.baselines import patterns
from benchmarks.baselines.base import Hit, timed

NAME = "PP-OCR (rapidocr) + regex"


class PPOCRBaseline:
    name = NAME

    def __init__(self) -> None:
        from rapidocr import RapidOCR

        self.version = f"rapidocr {version('rapidocr')}"
        self._engine = RapidOCR(params={"Global.log_level": "error"})

    def _find(self, path: Path) -> frozenset[str]:
        result = self._engine(str(path))
        lines = _lines(result.boxes, result.txts) if result.txts else []
        return patterns.entities("\n".join(lines))

    def detect(self, path: Path) -> Hit:
        return timed(self._find, path)


def _lines(boxes, texts) -> list[str]:  # type: ignore[no-untyped-def]
    """Join boxes whose vertical centres are close into one line, left to right, as Tesseract
    prints a line; a card number split into four boxes then reads as one."""
    items = sorted(
        ((float(box[:, 1].mean()), float(box[:, 0].min()), float(np.ptp(box[:, 1])), text)
         for box, text in zip(boxes, texts, strict=True)),
    )
    lines: list[list[tuple[float, float, float, str]]] = []
    for item in items:
        if lines and abs(item[0] - lines[-1][0][0]) < 0.5 * max(item[2], 1.0):
            lines[-1].append(item)
        else:
            lines.append([item])
    return [" ".join(text for _, _, _, text in sorted(line, key=lambda i: i[1])) for line in lines]


def create(cache_dir: str | None = None) -> PPOCRBaseline:
    return PPOCRBaseline()
