"""YuNet (OpenCV Zoo, 2023mar) face detection run directly through onnxruntime.

The model file takes a fixed 640x640 BGR input of raw 0..255 values and answers, for strides
8, 16 and 32, a class score, an objectness score, a box and five landmarks per grid cell. The
decoding below follows OpenCV's FaceDetectorYN for this model: score = sqrt(cls * obj), box
centre = (cell + offset) * stride, size = exp(log-size) * stride.
"""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.analyses.faces.base import Face
from vmscreen.models import YUNET, LazySession

INPUT_SIDE = 640
STRIDES = (8, 16, 32)
SCORE_THRESHOLD = 0.6  # OpenCV's default for this model
NMS_THRESHOLD = 0.3


def _decode(outputs: dict[str, np.ndarray], scale: float, offset: tuple[float, float],
            min_score: float) -> list[Face]:
    boxes: list[np.ndarray] = []
    landmarks: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for stride in STRIDES:
        cols = INPUT_SIDE // stride
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
               scale: float = 1.0) -> list[Face]:
        """Faces in an RGB image whose long side is at most 640 after fitting. Boxes come back
        divided by ``scale`` and shifted by ``offset`` (to place a view or tile in the frame)."""
        height, width = rgb.shape[:2]
        fit = min(1.0, INPUT_SIDE / max(height, width))
        if fit < 1.0:
            rgb = cv2.resize(rgb, (max(1, round(width * fit)), max(1, round(height * fit))),
                             interpolation=cv2.INTER_AREA)
        canvas = np.zeros((INPUT_SIDE, INPUT_SIDE, 3), np.float32)
        canvas[:rgb.shape[0], :rgb.shape[1]] = rgb[:, :, ::-1]  # the model takes BGR
        names = [output.name for output in self._session.get().get_outputs()]
        values = self._session.run(names, {self._session.input_name:
                                           canvas.transpose(2, 0, 1)[None]})
        return _decode(dict(zip(names, values, strict=True)), scale * fit, offset, self.min_score)
