"""PP-OCRv6 text detection (DB) and recognition (CTC) run directly through onnxruntime.

Two pairs of models. The tiny detector and recogniser make the fast reading: the detector in
40% of the small one's time, the recogniser in a fifth (7.5 ms for a 320 px line on one
thread, against 35 ms), over 6,904 characters (Latin with its accents, Greek, CJK; no
Cyrillic, no Vietnamese) instead of 18,708. A line it reads with little confidence (such
lines among them) is read again by the small recogniser. The small pair makes the thorough
reading, asked for where the fast one shows a number that no rule could settle: its detector
finds embossed and densely set characters that the tiny one breaks up.

The small models are the ones the rapidocr wheel ships, the tiny ones are kept in models/.
This module does its own pre- and post-processing so that it can cap the detector's input
side, skip the angle classifier, and recognise only the boxes the detector found.
Preprocessing follows PaddleOCR's: BGR input, the normalisation each model was exported with,
detector sides a multiple of 32, recogniser height 48.
"""

from __future__ import annotations

import math
import threading

import cv2
import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.ocr.base import Word
from vmscreen.models import (
    PPOCR_DET,
    PPOCR_DET_TINY,
    PPOCR_REC,
    PPOCR_REC_TINY,
    PPOCR_REC_TINY_CHARACTERS,
    LazySession,
    ModelFile,
)

DET_MAX_SIDE = 960  # the detector's input cap: text under ~8 px at this scale is lost
DET_THRESHOLD = 0.3  # probability a pixel is text
BOX_THRESHOLD = 0.5  # mean probability inside a box to keep it
UNCLIP_RATIO = 1.6  # DB's shrunk text kernels grown back to the whole line
REC_HEIGHT = 48
REC_MIN_WIDTH = 2 * REC_HEIGHT  # narrower lines are padded to this
FAST_CONFIDENT = 0.9  # the tiny recogniser's confidence below which a line is read again
REC_BATCH = 8  # lines recognised in one run ...
# ... as long as the batch, padded to its widest line, is at most this many pixels wide: the
# recogniser's activations grow with it, and a batch of eight passport lines (1500 px each)
# took 250 MB, a quarter of a batch worker's memory.
REC_BATCH_WIDTH = 3200


# (mean, std) on 0..1 values: the tiny detector's exported inference.yml gives ImageNet's,
# rapidocr's configuration gives 0.5 for its small models.
HALF = (np.float32(0.5), np.float32(0.5))
IMAGENET = (np.array([0.485, 0.456, 0.406], np.float32),
            np.array([0.229, 0.224, 0.225], np.float32))


# The detector of each reading (by ``thorough``) and the normalisation it was exported with.
DETECTORS: dict[bool, tuple[ModelFile, tuple[np.ndarray, np.ndarray]]] = {
    False: (PPOCR_DET_TINY, IMAGENET), True: (PPOCR_DET, HALF)}
# The recogniser of each reading; both were exported with HALF.
RECOGNISERS: dict[bool, ModelFile] = {False: PPOCR_REC_TINY, True: PPOCR_REC}
# The character lists kept beside recognisers whose files do not carry theirs.
CHARACTERS: dict[ModelFile, ModelFile] = {PPOCR_REC_TINY: PPOCR_REC_TINY_CHARACTERS}


def _normalise(bgr: np.ndarray, norm: tuple[np.ndarray, np.ndarray] = HALF) -> np.ndarray:
    return ((bgr.astype(np.float32) / 255.0 - norm[0]) / norm[1]).transpose(2, 0, 1)[None]


def _order(points: np.ndarray) -> np.ndarray:
    """Corners clockwise from top-left, for a rectangle at any angle under 45 degrees."""
    by_x = points[np.argsort(points[:, 0])]
    left, right = by_x[:2], by_x[2:]
    tl, bl = left[np.argsort(left[:, 1])]
    tr, br = right[np.argsort(right[:, 1])]
    return np.array([tl, tr, br, bl], np.float32)


def _unclip(rect: tuple, ratio: float) -> tuple:
    """Grow a min-area rectangle by DB's offset: area * ratio / perimeter on every side."""
    (cx, cy), (w, h), angle = rect
    distance = w * h * ratio / max(1e-6, 2 * (w + h))
    return (cx, cy), (w + 2 * distance, h + 2 * distance), angle


def _boxes(probability: np.ndarray, scale_x: float, scale_y: float) -> list[np.ndarray]:
    mask = (probability > DET_THRESHOLD).astype(np.uint8)
    mask = cv2.dilate(mask, np.ones((2, 2), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    boxes = []
    for contour in contours[:1000]:
        rect = cv2.minAreaRect(contour)
        if min(rect[1]) < 3:
            continue
        x, y, w, h = cv2.boundingRect(contour)
        region = np.zeros((h, w), np.uint8)
        cv2.fillPoly(region, [contour.reshape(-1, 2) - [x, y]], 1)
        if cv2.mean(probability[y:y + h, x:x + w], region)[0] < BOX_THRESHOLD:
            continue
        grown = _unclip(rect, UNCLIP_RATIO)
        if min(grown[1]) < 5:
            continue
        corners = _order(cv2.boxPoints(grown))
        corners[:, 0] *= scale_x
        corners[:, 1] *= scale_y
        boxes.append(corners)
    return boxes


def _batches(widths: list[int]) -> list[list[int]]:
    """The lines (their widths at REC_HEIGHT) in runs of the recogniser, narrowest first: at
    most REC_BATCH lines, and at most REC_BATCH_WIDTH pixels once padded to the widest. Lines
    of like width run together, so little of a run is padding."""
    batches: list[list[int]] = []
    for index in np.argsort(widths, kind="stable").tolist():
        if (batches and len(batches[-1]) < REC_BATCH
                and (len(batches[-1]) + 1) * max(widths[index], REC_MIN_WIDTH)
                <= REC_BATCH_WIDTH):
            batches[-1].append(index)
        else:
            batches.append([index])
    return batches


def _crop(bgr: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The quadrilateral warped upright; a box taller than wide is read turned a quarter."""
    tl, tr, br, bl = corners
    width = max(1, int(max(np.linalg.norm(tl - tr), np.linalg.norm(bl - br))))
    height = max(1, int(max(np.linalg.norm(tl - bl), np.linalg.norm(tr - br))))
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    crop = cv2.warpPerspective(bgr, cv2.getPerspectiveTransform(corners, target), (width, height),
                               flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE)
    if height >= 1.5 * width:
        crop = np.rot90(crop)
    return crop


class PPOCREngine:
    """The default engine. Thread-safe; sessions load on first use and are kept."""

    name = "ppocr"
    has_thorough_mode = True

    def __init__(self, threads: int = 0) -> None:
        self.threads = threads
        self._detectors = {thorough: LazySession(model, threads)
                           for thorough, (model, _) in DETECTORS.items()}
        self._recognisers = {thorough: LazySession(model, threads)
                             for thorough, model in RECOGNISERS.items()}
        self._lock = threading.Lock()
        self._characters: dict[bool, list[str]] = {}

    @property
    def version(self) -> str:
        return (f"PP-OCRv6 tiny and small detection and recognition "
                f"(rapidocr {PPOCR_DET.package_version()})")

    def _alphabet(self, thorough: bool) -> list[str]:
        """The recogniser's classes: the characters in its file's metadata (the small one's),
        or in the list kept beside it (the tiny one's)."""
        with self._lock:
            if thorough not in self._characters:
                session = self._recognisers[thorough]
                meta = session.get().get_modelmeta().custom_metadata_map
                listed = (meta["character"] if "character" in meta else
                          CHARACTERS[session.model].verified().read_text(encoding="utf-8"))
                # CTC index 0 is the blank; PaddleOCR appends the space last.
                self._characters[thorough] = ["", *listed.splitlines(), " "]
            return self._characters[thorough]

    def detect(self, bgr: np.ndarray, thorough: bool = False) -> list[np.ndarray]:
        det = self._detectors[thorough]
        height, width = bgr.shape[:2]
        ratio = min(1.0, DET_MAX_SIDE / max(height, width))
        new_h = max(32, int(round(height * ratio / 32) * 32))
        new_w = max(32, int(round(width * ratio / 32) * 32))
        resized = cv2.resize(bgr, (new_w, new_h), interpolation=cv2.INTER_AREA
                             if ratio < 1 else cv2.INTER_LINEAR)
        tensor = _normalise(resized, DETECTORS[thorough][1])
        probability = det.run(None, {det.input_name: tensor})[0][0, 0]
        return _boxes(probability, width / new_w, height / new_h)

    def recognise(self, bgr: np.ndarray, boxes: list[np.ndarray], thorough: bool = False,
                  reread_from: float = 0.0) -> list[tuple[str, float]]:
        """Each box's text and confidence. The fast reading's lines are read by the tiny
        recogniser, and those it reads with less than FAST_CONFIDENT (and ``reread_from`` or
        more) are read again by the small one: the more confident of the two is kept."""
        crops = [_crop(bgr, corners) for corners in boxes]
        results = self._recognised(crops, thorough)
        if not thorough:
            doubtful = [i for i, (_, confidence) in enumerate(results)
                        if reread_from <= confidence < FAST_CONFIDENT]
            if doubtful:
                again = self._recognised([crops[i] for i in doubtful], True)
                for index, reading in zip(doubtful, again, strict=True):
                    results[index] = max(results[index], reading, key=lambda r: r[1])
        return results

    def _recognised(self, crops: list[np.ndarray], thorough: bool) -> list[tuple[str, float]]:
        rec, characters = self._recognisers[thorough], self._alphabet(thorough)
        widths = [math.ceil(REC_HEIGHT * crop.shape[1] / crop.shape[0]) for crop in crops]
        results: list[tuple[str, float]] = [("", 0.0)] * len(crops)
        for batch in _batches(widths):
            checkpoint()
            widest = max(REC_MIN_WIDTH, widths[batch[-1]])
            tensor = np.zeros((len(batch), 3, REC_HEIGHT, widest), np.float32)
            for row, index in enumerate(batch):
                resized = cv2.resize(crops[index], (widths[index], REC_HEIGHT))
                tensor[row, :, :, :widths[index]] = _normalise(resized)[0]
            output = rec.run(None, {rec.input_name: tensor})[0]
            for row, index in enumerate(batch):
                results[index] = _ctc_decode(output[row], characters)
        return results

    def read(self, image: np.ndarray, thorough: bool = False,
             reread_from: float = 0.0) -> list[Word]:
        bgr = np.ascontiguousarray(image[..., ::-1])
        boxes = self.detect(bgr, thorough)
        if not boxes:
            return []
        words = []
        for corners, (text, confidence) in zip(
                boxes, self.recognise(bgr, boxes, thorough, reread_from), strict=True):
            if text.strip():
                quad = tuple((float(x), float(y)) for x, y in corners)
                words.append(Word(text, quad, confidence))  # type: ignore[arg-type]
        return words


def _ctc_decode(probabilities: np.ndarray, characters: list[str]) -> tuple[str, float]:
    """Greedy CTC: best class per step, repeats collapsed, blanks dropped."""
    best = probabilities.argmax(axis=1)
    keep = np.ones(len(best), bool)
    keep[1:] = best[1:] != best[:-1]
    keep &= best != 0
    if not keep.any():
        return "", 0.0
    text = "".join(characters[i] if i < len(characters) else "" for i in best[keep])
    return text, float(probabilities.max(axis=1)[keep].mean())
