"""OCR behind one small interface: words with boxes and 0..1 confidence.

Two engines: PP-OCRv6 through onnxruntime (the default) and Tesseract through pytesseract (when
the tesseract binary is installed). The pipeline plans where a frame's text is and reads only
there; ``FrameAnalyses.reading`` runs it once per frame for every detector that reads text.
"""

from __future__ import annotations

from vmscreen.analyses.ocr.base import OcrEngine, Word
from vmscreen.analyses.ocr.lines import Line, group_lines, lines_of_text
from vmscreen.analyses.ocr.pipeline import Reading, TextPlan, box_holding, plan_text, read_frame
from vmscreen.analyses.ocr.ppocr import PPOCREngine
from vmscreen.analyses.ocr.tesseract import TesseractEngine, tesseract_available

ENGINES = ("ppocr", "tesseract")

__all__ = ["ENGINES", "Line", "OcrEngine", "PPOCREngine", "Reading", "TesseractEngine",
           "TextPlan", "Word", "box_holding", "group_lines", "lines_of_text", "make_engine",
           "plan_text", "read_frame", "tesseract_available"]


def make_engine(name: str = "ppocr", threads: int = 0) -> OcrEngine:
    """An engine by name. Models load on first use, not here."""
    if name == "ppocr":
        return PPOCREngine(threads=threads)
    if name == "tesseract":
        return TesseractEngine()
    raise ValueError(f"unknown OCR engine {name!r}; choose from {', '.join(ENGINES)}")
