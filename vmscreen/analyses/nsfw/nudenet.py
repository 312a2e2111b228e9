"""NudeNet's 320n body-part detector (AGPL-3.0: the optional `vmscreen[nudenet]` extra only).

The weights are the ONNX file inside the `nudenet` 3.4.2 wheel (checked by sha256); vmscreen
runs them itself, with NudeNet's own preprocessing: the image padded at the right and bottom to
a square, resized to 320 x 320, RGB scaled to 0..1. The model is a YOLOv8 head: for each of 2100
anchors a centre, a size and 18 class scores, in input pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import cv2
import numpy as np

from vmscreen.findings import Located
from vmscreen.media import Frame
from vmscreen.models import NUDENET, LazySession

INPUT_SIDE = 320
VIEW_SIDE = 640
CANDIDATE_SCORE = 0.2  # NudeNet's own floor before NMS
NMS_THRESHOLD = 0.45
CLASSES = (
    "FEMALE_GENITALIA_COVERED", "FACE_FEMALE", "BUTTOCKS_EXPOSED", "FEMALE_BREAST_EXPOSED",
    "FEMALE_GENITALIA_EXPOSED", "MALE_BREAST_EXPOSED", "ANUS_EXPOSED", "FEET_EXPOSED",
    "BELLY_COVERED", "FEET_COVERED", "ARMPITS_COVERED", "ARMPITS_EXPOSED", "FACE_MALE",
    "BELLY_EXPOSED", "MALE_GENITALIA_EXPOSED", "ANUS_COVERED", "FEMALE_BREAST_COVERED",
    "BUTTOCKS_COVERED",
)


@dataclass(frozen=True)
class BodyPart(Located):
    box: tuple[float, float, float, float]
    label: str
    score: float


def preprocess(rgb: np.ndarray) -> tuple[np.ndarray, float]:
    """The model's input, and full-frame pixels per input pixel."""
    height, width = rgb.shape[:2]
    side = max(height, width)
    square = np.zeros((side, side, 3), np.uint8)
    square[:height, :width] = rgb
    resized = cv2.resize(square, (INPUT_SIDE, INPUT_SIDE), interpolation=cv2.INTER_LINEAR)
    return (resized.astype(np.float32) / 255.0).transpose(2, 0, 1)[None], side / INPUT_SIDE


def decode(output: np.ndarray, factor: float) -> list[BodyPart]:
    """Parts above NudeNet's candidate floor, after NMS, in full-frame pixels."""
    rows = output[0].T  # anchors x (cx, cy, w, h, 18 scores)
    scores = rows[:, 4:]
    best = scores.argmax(axis=1)
    top = scores[np.arange(len(rows)), best]
    keep = np.flatnonzero(top >= CANDIDATE_SCORE)
    if keep.size == 0:
        return []
    centre, size = rows[keep, :2], rows[keep, 2:4]
    xywh = np.concatenate([centre - size / 2, size], axis=1) * factor
    kept = cv2.dnn.NMSBoxes(xywh.tolist(), top[keep].tolist(), CANDIDATE_SCORE, NMS_THRESHOLD)
    parts = []
    for i in np.asarray(kept, dtype=int).reshape(-1):
        x, y, w, h = xywh[i]
        parts.append(BodyPart((float(max(0.0, x)), float(max(0.0, y)), float(x + w),
                               float(y + h)), CLASSES[best[keep[i]]], float(top[keep[i]])))
    return parts


class NudeNet:
    """Thread-safe; the session loads on first use and is kept."""

    name = "nudenet-320n"

    def __init__(self, threads: int = 0) -> None:
        self._session = LazySession(NUDENET, threads)

    def detect(self, rgb: np.ndarray, scale: float = 1.0) -> list[BodyPart]:
        """Body parts in an RGB view, boxes divided by ``scale`` (the view's size over the
        frame's)."""
        tensor, factor = preprocess(rgb)
        (output,) = self._session.run(None, {self._session.input_name: tensor})
        return decode(output, factor / scale)


class BodyPartModel(Protocol):
    """Boxes body parts in an RGB view, boxes divided by ``scale``."""

    def detect(self, rgb: np.ndarray, scale: float = 1.0) -> list[BodyPart]: ...


def find_body_parts(frame: Frame, model: BodyPartModel) -> tuple[BodyPart, ...]:
    """Every body part NudeNet boxes in the frame, from a 640 px view, before any threshold."""
    view = frame.array(VIEW_SIDE)
    return tuple(model.detect(view, scale=view.shape[1] / frame.width))
