"""Bare Tesseract 5 (Debian's tesseract-ocr, through pytesseract), then the shared patterns."""

from __future__ import annotations

from pathlib import Path

from benchmarks.baselines import patterns
from benchmarks.baselines.base import Hit, timed

NAME = "tesseract + regex"


class TesseractBaseline:
    name = NAME

    def __init__(self) -> None:
        import pytesseract

        self._pytesseract = pytesseract
        self.version = f"tesseract {pytesseract.get_tesseract_version()}"

    def _find(self, path: Path) -> frozenset[str]:
        from PIL import Image, ImageOps

        with Image.open(path) as image:
            text = self._pytesseract.image_to_string(ImageOps.exif_transpose(image).convert("RGB"))
        return patterns.entities(text)

    def detect(self, path: Path) -> Hit:
        return timed(self._find, path)


def create(cache_dir: str | None = None) -> TesseractBaseline:
    import pytesseract

    try:
        return TesseractBaseline()
    except pytesseract.TesseractNotFoundError as exc:
        raise RuntimeError("the tesseract binary is missing (apt-get install tesseract-ocr)") \
            from exc
