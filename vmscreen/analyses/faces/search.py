"""The face search of one frame, shared by every detector that needs faces.

The whole frame is searched on a 640 px view, which finds faces down to about 2% of the long
side. A larger photo is searched again on its 1280 px view, in one run of the model over the
whole view, so that a face of about 40 px in a 12 MP photo (small in the frame, yet enough
pixels to recognise someone) is still found. The 640 px search stays: the model was trained
at that size and misses a face that fills much of a 1280 px input.

The model's score for a small face moves by up to 0.1 with what surrounds it in its input (a
drawn passport portrait scored 0.49 on the whole 1280 px view and 0.62 to 0.80 on crops of it),
and two thresholds decide what a face is: the model's own (0.6), under which it is no face, and
CONFIDENT_FACE_SCORE (0.75), under which it is not counted as an identifiable person. So a face
the 1280 px run scores between NEAR_MISS under the first and the second is looked at again in
the overlapping 640 px tiles of that view that hold any of it, and each tile's faces are kept
as the whole view's are (a portrait cut by a tile's edge scored 0.73 where the whole view's run
gave 0.597). Searching every tile instead, as the search did before, found the same faces at
about twice the cost of the two runs; 46 of 356 large benchmark photos have a face it is
unsure of. Faces seen more than once are kept once.
"""

from __future__ import annotations

import numpy as np

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.faces.base import CONFIDENT_FACE_SCORE, MODEL_SIDE, Face, FaceModel
from vmscreen.media import Frame

VIEW_SIDE = MODEL_SIDE
SMALL_FACE_VIEW_SIDE = 2 * MODEL_SIDE
NEAR_MISS = 0.15  # under the model's threshold: a face scored this close is looked at again
TILE_SIDE, TILE_STEP = MODEL_SIDE, MODEL_SIDE // 2
SAME_FACE_IOU = 0.3
SAME_FACE_CONTAINED = 0.6  # a part of a face (an eye and brow), inside the other view's face


def _starts(length: int) -> list[int]:
    if length <= TILE_SIDE:
        return [0]
    return [*range(0, length - TILE_SIDE, TILE_STEP), length - TILE_SIDE]


def _tiles_over(box: tuple[float, float, float, float], shape: tuple[int, ...]
                ) -> list[tuple[int, int]]:
    """The (top, left) corners of the view's tiles that hold some of ``box`` (view pixels)."""
    x0, y0, x1, y1 = box
    return [(top, left) for top in _starts(shape[0]) for left in _starts(shape[1])
            if top < y1 and y0 < top + TILE_SIDE and left < x1 and x0 < left + TILE_SIDE]


def _second_looks(view: np.ndarray, scale: float, unsure: list[Face],
                  model: FaceModel) -> list[Face]:
    """The faces of the tiles of ``view`` (``scale`` times the frame) over the faces it is
    unsure of."""
    corners = sorted({corner for face in unsure
                      for corner in _tiles_over(face.scaled(scale).box, view.shape)})
    faces: list[Face] = []
    for top, left in corners:
        checkpoint()
        faces += model.detect(view[top:top + TILE_SIDE, left:left + TILE_SIDE],
                              offset=(left / scale, top / scale), scale=scale)
    return faces


def overlap(a: Face, b: Face) -> tuple[float, float]:
    """Intersection over union, and intersection over the smaller box."""
    x0, y0 = max(a.box[0], b.box[0]), max(a.box[1], b.box[1])
    x1, y1 = min(a.box[2], b.box[2]), min(a.box[3], b.box[3])
    inter = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    area_a, area_b = a.width * a.height, b.width * b.height
    union = area_a + area_b - inter
    return (inter / union if union > 0 else 0.0,
            inter / min(area_a, area_b) if min(area_a, area_b) > 0 else 0.0)


def _distinct(faces: list[Face]) -> list[Face]:
    """Larger boxes first (a whole face beats a fragment of it), then by score."""
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: (-f.width * f.height * f.score)):
        if all(max(iou, 0.0) <= SAME_FACE_IOU and contained <= SAME_FACE_CONTAINED
               for iou, contained in (overlap(face, other) for other in kept)):
            kept.append(face)
    return sorted(kept, key=lambda f: (f.box[1], f.box[0]))


def find_faces(frame: Frame, model: FaceModel) -> tuple[Face, ...]:
    view = frame.array(VIEW_SIDE)
    faces = model.detect(view, scale=view.shape[1] / frame.width)
    if max(frame.width, frame.height) > SMALL_FACE_VIEW_SIDE:
        checkpoint()
        larger = frame.array(SMALL_FACE_VIEW_SIDE)
        scale = larger.shape[1] / frame.width
        found = model.detect(larger, scale=scale, side=SMALL_FACE_VIEW_SIDE,
                             min_score=model.min_score - NEAR_MISS)
        faces += [face for face in found if face.score >= model.min_score]
        faces += _second_looks(larger, scale,
                               [face for face in found if face.score < CONFIDENT_FACE_SCORE],
                               model)
    return tuple(_distinct(faces))
