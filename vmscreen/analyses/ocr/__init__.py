"""OCR behind one small interface: words with boxes and 0..1 confidence.

Two engines: PP-OCRv6 through onnxruntime (the default) and Tesseract through pytesseract (when
the tesseract binary is installed). :func:`shared_reading` runs one pass per medium for every
detector that reads text.
"""

from __future__ import annotations

from vmscreen.ocr.base import OcrEngine, Word
from vmscreen.ocr.lines import Line, group_lines
from vmscreen.ocr.pipeline import Reading, read_media, shared_reading
from vmscreen.ocr.ppocr import PPOCREngine
from vmscreen.ocr.tesseract import TesseractEngine, tesseract_available

ENGINES = ("ppocr", "tesseract")

__all__ = ["ENGINES", "Line", "OcrEngine", "PPOCREngine", "Reading", "TesseractEngine", "Word",
           "group_lines", "make_engine", "read_media", "shared_reading", "tesseract_available"]


def make_engine(name: str = "ppocr", threads: int = 0) -> OcrEngine:
    """An engine by name. Models load on first use, not here."""
    if name == "ppocr":
        return PPOCREngine(threads=threads)
    if name == "tesseract":
        return TesseractEngine()
    raise ValueError(f"unknown OCR engine {name!r}; choose from {', '.join(ENGINES)}")
