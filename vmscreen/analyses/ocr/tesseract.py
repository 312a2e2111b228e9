"""Tesseract 5 through pytesseract: the second engine, used when the tesseract binary is present
(Debian's tesseract-ocr). Words come from its TSV output; its 0..100 confidences become 0..1."""

from __future__ import annotations

import shutil

import numpy as np

from vmscreen.detectors.base import ModelRef
from vmscreen.ocr.base import Word


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


class TesseractEngine:
    name = "tesseract"
    has_thorough_mode = False  # one reading; ``thorough`` changes nothing

    def __init__(self, languages: str = "eng") -> None:
        if not tesseract_available():
            raise RuntimeError("the tesseract binary is not installed (apt-get install "
                               "tesseract-ocr)")
        self.languages = languages

    @property
    def version(self) -> str:
        import pytesseract

        return f"tesseract {pytesseract.get_tesseract_version()}"

    @property
    def models(self) -> tuple[ModelRef, ...]:
        return ()  # Tesseract's traineddata belongs to the system package, not to vmscreen

    def read(self, image: np.ndarray, thorough: bool = False) -> list[Word]:
        import pytesseract

        data = pytesseract.image_to_data(image, lang=self.languages,
                                         output_type=pytesseract.Output.DICT)
        words = []
        for text, conf, left, top, width, height in zip(
            data["text"], data["conf"], data["left"], data["top"], data["width"],
            data["height"], strict=True,
        ):
            if not str(text).strip() or float(conf) < 0:
                continue
            x0, y0, x1, y1 = float(left), float(top), float(left + width), float(top + height)
            words.append(Word(str(text), ((x0, y0), (x1, y0), (x1, y1), (x0, y1)),
                              min(1.0, float(conf) / 100)))
        return words
