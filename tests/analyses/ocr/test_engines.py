"""Both OCR engines behind the one interface: words, boxes where the text is, 0..1 confidence."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from benchmarks.sets.synthetic_documents import BOLD, font
from vmscreen.analyses.ocr import PPOCREngine, TesseractEngine, group_lines, tesseract_available
from vmscreen.analyses.ocr.ppocr import REC_BATCH, REC_BATCH_WIDTH, REC_MIN_WIDTH, _batches
from vmscreen.models import (
    PPOCR_DET,
    PPOCR_DET_TINY,
    PPOCR_REC,
    PPOCR_REC_TINY,
    ModelError,
    ModelFile,
    models_used,
)


def _printed(lines: list[str], width: int = 900) -> np.ndarray:
    image = Image.new("RGB", (width, 80 + 70 * len(lines)), (250, 250, 245))
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


@pytest.mark.parametrize(("thorough", "detector", "recogniser"),
                         [(False, PPOCR_DET_TINY, PPOCR_REC_TINY), (True, PPOCR_DET, PPOCR_REC)],
                         ids=["fast", "thorough"])
def test_ppocr_notes_exactly_the_models_each_reading_ran(thorough, detector, recogniser):
    with models_used() as ran:
        PPOCREngine(threads=1).read(_printed(["NO PARKING"]), thorough=thorough)
    assert ran == {detector.ref, recogniser.ref}


def test_the_fast_reading_reads_a_doubtful_line_again_with_the_small_recogniser():
    # Double-struck letters and logic signs: the tiny recogniser reads them with about 0.82
    # confidence, under FAST_CONFIDENT.
    symbols = "\u2115\u2124\u211a \u2200\u2203 \u2211\u222b"
    with models_used() as ran:
        PPOCREngine(threads=1).read(_printed([symbols]))
    assert ran == {PPOCR_DET_TINY.ref, PPOCR_REC_TINY.ref, PPOCR_REC.ref}


def test_a_doubtful_line_under_the_caller_s_floor_is_not_read_again():
    symbols = "\u2115\u2124\u211a \u2200\u2203 \u2211\u222b"  # read at about 0.82, as above
    for floor, models in ((0.5, {PPOCR_DET_TINY.ref, PPOCR_REC_TINY.ref, PPOCR_REC.ref}),
                          (0.89, {PPOCR_DET_TINY.ref, PPOCR_REC_TINY.ref})):
        with models_used() as ran:
            words = PPOCREngine(threads=1).read(_printed([symbols]), reread_from=floor)
        assert ran == models and words


@pytest.mark.skipif(not tesseract_available(), reason="needs Debian's tesseract-ocr")
def test_tesseract_notes_its_language_data_and_no_ppocr_weights():
    with models_used() as ran:
        TesseractEngine().read(_printed(["NO PARKING"]))
    (data,) = ran
    assert data.name == "tesseract eng.traineddata" and len(data.sha256) == 64


def test_recognition_batches_stay_narrow_and_hold_every_line_once():
    # Forty words and a few long lines (a passport's MRZ is about 1500 px at the recogniser's
    # height): a batch never exceeds REC_BATCH lines nor REC_BATCH_WIDTH padded pixels, except
    # a single line wider than that on its own.
    widths = [130, 2000, 96, 1500, 400, *range(100, 500, 10), 3600, 1500, 700]
    batches = _batches(widths)
    assert sorted(i for batch in batches for i in batch) == list(range(len(widths)))
    for batch in batches:
        padded = len(batch) * max(REC_MIN_WIDTH, *(widths[i] for i in batch))
        assert len(batch) <= REC_BATCH and (padded <= REC_BATCH_WIDTH or len(batch) == 1)
    assert [widths[batch[0]] for batch in batches] == sorted(widths[b[0]] for b in batches)


def test_many_long_lines_are_each_read():
    lines = [f"LINE {n:02d} OF A LONG PAGE OF PRINT 0123456789" for n in range(10)]
    words = PPOCREngine().read(_printed(lines, width=1300))
    assert [line.text.replace(" ", "") for line in group_lines(words)] == [
        line.replace(" ", "") for line in lines]
