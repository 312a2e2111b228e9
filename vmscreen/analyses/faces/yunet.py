"""YuNet (OpenCV Zoo, 2023mar) face detection run directly through onnxruntime.

The model takes a BGR input of raw 0..255 values whose sides are multiples of 32 (OpenCV Zoo's
file declares 640 x 640; tools/yunet_dynamic.py declared it dynamic, as OpenCV runs it) and
answers, for strides 8, 16 and 32, a class score, an objectness score, a box and five landmarks
per grid cell, row by row. The decoding below follows OpenCV's FaceDetectorYN for this model:
score = sqrt(cls * obj), box centre = (cell + offset) * stride, size = exp(log-size) * stride.
"""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.analyses.faces.base import MODEL_SIDE, Face, padded_input
from vmscreen.models import YUNET, LazySession

STRIDES = (8, 16, 32)
SCORE_THRESHOLD = 0.6  # OpenCV's default for this model
NMS_THRESHOLD = 0.3


def _decode(outputs: dict[str, np.ndarray], input_width: int, scale: float,
            offset: tuple[float, float], min_score: float) -> list[Face]:
    boxes: list[np.ndarray] = []
    landmarks: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for stride in STRIDES:
        cols = input_width // stride
        cls = np.clip(outputs[f"cls_{stride}"][0, :, 0], 0, 1)
        obj = np.clip(outputs[f"obj_{stride}"][0, :, 0], 0, 1)
        score = np.sqrt(cls * obj)
        keep = np.flatnonzero(score >= min_score)
        if keep.size == 0:
            continue
        cells = np.stack([keep % cols, keep // cols], axis=1).astype(np.float32)
        bbox = outputs[f"bbox_{stride}"][0, keep]
        centre = (cells + bbox[:, :2]) * stride
        size = np.exp(bbox[:, 2:]) * stride
        boxes.append(np.concatenate([centre - size / 2, size], axis=1))
        points = outputs[f"kps_{stride}"][0, keep].reshape(-1, 5, 2)
        landmarks.append((points + cells[:, None, :]) * stride)
        scores.append(score[keep])
    if not boxes:
        return []
    xywh, points, score = np.concatenate(boxes), np.concatenate(landmarks), np.concatenate(scores)
    kept = cv2.dnn.NMSBoxes(xywh.tolist(), score.tolist(), min_score, NMS_THRESHOLD)
    faces = []
    for i in np.asarray(kept, dtype=int).reshape(-1):
        x, y, w, h = xywh[i] / scale
        marks = points[i] / scale
        faces.append(Face(
            box=(float(x + offset[0]), float(y + offset[1]),
                 float(x + w + offset[0]), float(y + h + offset[1])),
            landmarks=tuple((float(px + offset[0]), float(py + offset[1])) for px, py in marks),
            score=float(score[i]),
        ))
    return faces


class YuNet:
    """The default face model. Thread-safe; the session loads on first use and is kept."""

    name = "yunet"

    def __init__(self, threads: int = 0, min_score: float = SCORE_THRESHOLD) -> None:
        self.min_score = min_score
        self._session = LazySession(YUNET, threads)

    def detect(self, rgb: np.ndarray, offset: tuple[float, float] = (0.0, 0.0),
               scale: float = 1.0, side: int = MODEL_SIDE,
               min_score: float | None = None) -> list[Face]:
        """Faces in an RGB image fitted into ``side`` pixels, scored ``min_score`` or more
        (None: the model's threshold). Boxes come back divided by ``scale`` and shifted by
        ``offset`` (to place a view in the frame)."""
        tensor, fit = padded_input(rgb, side, bgr=True)  # the model takes BGR
        names = [output.name for output in self._session.get().get_outputs()]
        values = self._session.run(names, {self._session.input_name: tensor})
        return _decode(dict(zip(names, values, strict=True)), tensor.shape[3], scale * fit,
                       offset, self.min_score if min_score is None else min_score)
