"""Presidio's image redactor (presidio-image-redactor with Tesseract), run offline.

Presidio's analyzer wants a spaCy pipeline and would download en_core_web_lg; its sensitive
recognisers (CREDIT_CARD, US_SSN, US_PASSPORT, US_DRIVER_LICENSE, IBAN_CODE...) are patterns
and checksums that need no statistical model, so a blank English pipeline saved to the cache
keeps it offline. Only the person-name recogniser loses, and names are not measured here.
"""

from __future__ import annotations

import logging
from importlib.metadata import version
from pathlib import Path

from benchmarks.baselines.base import Hit, timed

NAME = "Presidio image redactor"
DEFAULT_CACHE = Path(__file__).resolve().parents[1] / ".cache"


class PresidioBaseline:
    name = NAME

    def __init__(self, cache_dir: Path) -> None:
        import pytesseract
        import spacy
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider
        from presidio_image_redactor import ImageAnalyzerEngine, TesseractOCR

        pytesseract.get_tesseract_version()  # raises when the binary is missing
        pipeline = cache_dir / "spacy-blank-en"
        if not (pipeline / "meta.json").exists():
            cache_dir.mkdir(parents=True, exist_ok=True)  # spaCy makes only the last folder
            spacy.blank("en").to_disk(pipeline)
        provider = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": str(pipeline)}],
        })
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self._engine = ImageAnalyzerEngine(analyzer_engine=analyzer, ocr=TesseractOCR())
        self.version = f"presidio-image-redactor {version('presidio-image-redactor')}, " \
                       f"tesseract {pytesseract.get_tesseract_version()}"

    def _find(self, path: Path) -> frozenset[str]:
        from PIL import Image, ImageOps

        with Image.open(path) as image:
            results = self._engine.analyze(ImageOps.exif_transpose(image).convert("RGB"),
                                           language="en")
        return frozenset(result.entity_type for result in results)

    def detect(self, path: Path) -> Hit:
        return timed(self._find, path)


def create(cache_dir: str | None = None) -> PresidioBaseline:
    import pytesseract

    try:
        return PresidioBaseline(Path(cache_dir) if cache_dir else DEFAULT_CACHE)
    except pytesseract.TesseractNotFoundError as exc:
        raise RuntimeError("the tesseract binary is missing (apt-get install tesseract-ocr)") \
            from exc
