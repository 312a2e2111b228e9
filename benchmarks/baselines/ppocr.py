"""Bare PP-OCR: RapidOCR's default pipeline (PP-OCRv6 det + rec ONNX shipped in its wheel), then
the shared patterns. vmscreen's own OCR uses the same models, tuned; this is the untuned pipeline.
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from benchmarks.baselines import patterns
from benchmarks.baselines.base import Hit, timed
from vmscreen.analyses.ocr import Word, group_lines

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
    """Boxes on one line joined left to right, as Tesseract prints a line (a card number split
    into four boxes then reads as one). vmscreen's own line grouping does this join."""
    words = [Word(text, tuple((float(x), float(y)) for x, y in box), 1.0)
             for box, text in zip(boxes, texts, strict=True)]
    return [line.text for line in group_lines(words)]


def create(cache_dir: str | None = None) -> PPOCRBaseline:
    return PPOCRBaseline()
