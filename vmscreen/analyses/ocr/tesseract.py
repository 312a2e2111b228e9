"""Tesseract 5 through pytesseract: the second engine, used when the tesseract binary is present
(Debian's tesseract-ocr). Words come from its TSV output; its 0..100 confidences become 0..1.

Its language data is a system file, not one of vmscreen's: each read notes it as a model with
the sha256 of the file that ran, so a result shows which data read the text.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import threading
from pathlib import Path

import numpy as np

from vmscreen.analyses.ocr.base import Word
from vmscreen.models import ModelRef, note_use

LICENCE = "Apache-2.0 (tesseract-ocr language data, from the system package)"


def tesseract_available() -> bool:
    return shutil.which("tesseract") is not None


def _tessdata() -> Path | None:
    """The folder tesseract reads its language data from, as it reports it."""
    try:
        listing = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                                 timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'"([^"]+)"', listing)
    return Path(found.group(1)) if found else None


class TesseractEngine:
    name = "tesseract"
    has_thorough_mode = False  # one reading; ``thorough`` changes nothing

    def __init__(self, languages: str = "eng") -> None:
        if not tesseract_available():
            raise RuntimeError("the tesseract binary is not installed (apt-get install "
                               "tesseract-ocr)")
        self.languages = languages
        self._lock = threading.Lock()
        self._models: tuple[ModelRef, ...] | None = None

    @property
    def version(self) -> str:
        import pytesseract

        return f"tesseract {pytesseract.get_tesseract_version()}"

    def models(self) -> tuple[ModelRef, ...]:
        """The language data files a read runs on, each with its sha256 (read once)."""
        with self._lock:
            if self._models is None:
                folder = _tessdata()
                refs = []
                for language in self.languages.split("+"):
                    path = folder / f"{language}.traineddata" if folder else None
                    digest = (hashlib.sha256(path.read_bytes()).hexdigest()
                              if path and path.is_file() else "unknown")
                    refs.append(ModelRef(f"tesseract {language}.traineddata", digest, LICENCE))
                self._models = tuple(refs)
            return self._models

    def read(self, image: np.ndarray, thorough: bool = False,
             reread_from: float = 0.0) -> list[Word]:
        import pytesseract

        note_use(*self.models())
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
