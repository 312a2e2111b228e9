"""The face search of one frame, shared by every detector that needs faces.

The whole frame is searched on a 640 px view, which finds faces down to about 2% of the long
side. A larger photo is also searched in overlapping 640 px tiles of its 1280 px view, so that
a face of about 40 px in a 12 MP photo (small in the frame, yet enough pixels to recognise
someone) is still found. Faces seen twice, in the view and in a tile or in two tiles, are kept
once.
"""

from __future__ import annotations

from vmscreen.analyses.cancel import checkpoint
from vmscreen.analyses.faces.base import Face, FaceModel
from vmscreen.media import Frame

VIEW_SIDE = 640
TILE_VIEW_SIDE = 1280
TILE_SIDE = 640
TILE_STEP = 320  # half a tile: every face under 320 px at this view lies whole in some tile
SAME_FACE_IOU = 0.3
SAME_FACE_CONTAINED = 0.6  # a tile's cut-off part of a face, inside the view's whole face


def _starts(length: int) -> list[int]:
    if length <= TILE_SIDE:
        return [0]
    starts = list(range(0, length - TILE_SIDE, TILE_STEP))
    return [*starts, length - TILE_SIDE]


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
    """Larger boxes first (a whole face beats a tile's fragment), then by score."""
    kept: list[Face] = []
    for face in sorted(faces, key=lambda f: (-f.width * f.height * f.score)):
        if all(max(iou, 0.0) <= SAME_FACE_IOU and contained <= SAME_FACE_CONTAINED
               for iou, contained in (overlap(face, other) for other in kept)):
            kept.append(face)
    return sorted(kept, key=lambda f: (f.box[1], f.box[0]))


def find_faces(frame: Frame, model: FaceModel) -> tuple[Face, ...]:
    view = frame.array(VIEW_SIDE)
    faces = model.detect(view, scale=view.shape[1] / frame.width)
    if max(frame.width, frame.height) > TILE_VIEW_SIDE:
        tiled = frame.array(TILE_VIEW_SIDE)
        scale = tiled.shape[1] / frame.width
        for top in _starts(tiled.shape[0]):
            for left in _starts(tiled.shape[1]):
                checkpoint()
                tile = tiled[top:top + TILE_SIDE, left:left + TILE_SIDE]
                faces += model.detect(tile, offset=(left / scale, top / scale), scale=scale)
    return tuple(_distinct(faces))
