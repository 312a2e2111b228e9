"""Two face models as one: every face of the first, and the faces only the second one sees.

The second model (CenterFace) is consulted on the same views and parts of views; a face it
finds that overlaps none of the first model's faces is added. Scores stay each model's own.
"""

from __future__ import annotations

import numpy as np

from vmscreen.analyses.faces.base import MODEL_SIDE, Face, FaceModel
from vmscreen.analyses.faces.search import SAME_FACE_CONTAINED, SAME_FACE_IOU, overlap


class SecondOpinion:
    def __init__(self, first: FaceModel, second: FaceModel) -> None:
        self.first = first
        self.second = second
        self.name = f"{first.name}+{second.name}"

    @property
    def min_score(self) -> float:
        """The first model's threshold: its faces are the ones kept or looked at again."""
        return self.first.min_score

    def detect(self, rgb: np.ndarray, offset: tuple[float, float] = (0.0, 0.0),
               scale: float = 1.0, side: int = MODEL_SIDE,
               min_score: float | None = None) -> list[Face]:
        """The first model's faces down to ``min_score`` (its scores), and the second's that
        the first did not see, at the second's own threshold."""
        faces = self.first.detect(rgb, offset, scale, side, min_score)
        extra = [face for face in self.second.detect(rgb, offset, scale, side)
                 if all(iou <= SAME_FACE_IOU and contained <= SAME_FACE_CONTAINED
                        for iou, contained in (overlap(face, seen) for seen in faces))]
        return faces + extra
