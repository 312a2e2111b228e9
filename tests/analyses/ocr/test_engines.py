"""Both OCR engines behind the one interface: words, boxes where the text is, 0..1 confidence."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from vmscreen.analyses.ocr import PPOCREngine, TesseractEngine, group_lines, tesseract_available
from vmscreen.models import (
    PPOCR_DET,
    PPOCR_DET_TINY,
    PPOCR_REC,
    ModelError,
    ModelFile,
    models_used,
)


def _printed(lines: list[str]) -> np.ndarray:
    image = Image.new("RGB", (900, 80 + 70 * len(lines)), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    for row, text in enumerate(lines):
        draw.text((40, 40 + 70 * row), text, font=font(BOLD[0], 40), fill=(20, 20, 20))
    return np.asarray(image)


ENGINES = [pytest.param(PPOCREngine, id="ppocr"),
           pytest.param(TesseractEngine, id="tesseract", marks=pytest.mark.skipif(
               not tesseract_available(), reason="needs Debian's tesseract-ocr (CI installs it)"))]


@pytest.mark.parametrize("thorough", [False, True], ids=["fast", "thorough"])
@pytest.mark.parametrize("engine_class", ENGINES)
def test_engine_reads_printed_lines_with_boxes_and_confidence(engine_class, thorough):
    engine = engine_class()
    words = engine.read(_printed(["SOCIAL SECURITY", "123-45-6789"]), thorough=thorough)
    lines = group_lines(words)
    assert [line.text.replace(" ", "") for line in lines] == ["SOCIALSECURITY", "123-45-6789"]
    for word in words:
        assert 0.0 <= word.confidence <= 1.0 and word.confidence > 0.5
    first, second = lines
    assert 20 <= first.box.y0 < first.box.y1 <= 100 < second.box.y0 < second.box.y1 <= 170
    assert engine.version


def test_a_model_whose_hash_differs_from_the_manifest_is_refused(tmp_path):
    tampered = ModelFile("tampered", PPOCR_DET.package, PPOCR_DET.path, "0" * 64, "x", "x")
    with pytest.raises(ModelError, match="sha256"):
        tampered.verified()
    with pytest.raises(ModelError, match="not installed"):
        ModelFile("ghost", "no_such_package_here", "m.onnx", "0" * 64, "x", "x").locate()


@pytest.mark.parametrize(("thorough", "detector"), [(False, PPOCR_DET_TINY), (True, PPOCR_DET)],
                         ids=["fast", "thorough"])
def test_ppocr_notes_exactly_the_models_each_reading_ran(thorough, detector):
    with models_used() as ran:
        PPOCREngine(threads=1).read(_printed(["NO PARKING"]), thorough=thorough)
    assert ran == {detector.ref, PPOCR_REC.ref}


@pytest.mark.skipif(not tesseract_available(), reason="needs Debian's tesseract-ocr")
def test_tesseract_notes_its_language_data_and_no_ppocr_weights():
    with models_used() as ran:
        TesseractEngine().read(_printed(["NO PARKING"]))
    (data,) = ran
    assert data.name == "tesseract eng.traineddata" and len(data.sha256) == 64
