"""Who can be identified: the rule that turns a detected face into identifiable or not.

A face is identifiable when someone who knows the person could recognise them from the image.
That needs enough pixels, enough of them in focus and not masked, and the face turned towards
the camera. The thresholds were set on the real benchmark set (../shared/datasets/real), where
the faces labelled recognisable are all at least 6% of the frame's short side and, but for one
of 28 px, at least 41 px high, while the faces labelled too small to count (distant
pedestrians, performers on a stage) are 10 to 16 px high:

- size: the face box at least 32 px high at full resolution (below that, features are a few
  pixels each), and at least 2% of the frame's short side (a crowd of tiny figures on a
  distant beach: the photo is not about them, and a 32 px face in a 12 MP frame is a speck);
- sharpness: a face 64 px or larger whose edge energy (vmscreen.faces.quality.sharpness) is
  under 0.02 has been blurred past recognition, by the lens or on purpose; smaller faces are
  judged by size alone, since a small face is soft anyway;
- pixelation: a mosaic with blocks of at least a sixteenth of the face's height hides it;
- pose: a head turned so far that the nose lies more than two half eye-distances off the eyes'
  midpoint shows too little of the face (profiles, at about 1.3, still count: people are
  recognised in profile).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from vmscreen.faces.base import Face
from vmscreen.faces.quality import face_crop, pixelation_block, sharpness, yaw

MIN_FACE_PX = 32
MIN_FACE_SHARE = 0.02
BLUR_CHECK_PX = 64
MIN_SHARPNESS = 0.02
MOSAIC_SHARE = 1 / 16
MAX_YAW = 2.0


@dataclass(frozen=True)
class Assessment:
    identifiable: bool
    reasons: tuple[str, ...]  # why not: "too-small", "blurred", "pixelated", "turned-away"
    height_px: int
    frame_share: float  # face height over the frame's short side
    sharpness: float
    yaw: float


def assess(face: Face, grey: np.ndarray, scale: float = 1.0) -> Assessment:
    """The rule above for one face (in full-resolution pixels), measured on a grey view
    ``scale`` times the full resolution (1: the full-resolution image itself)."""
    height, width = grey.shape
    seen = face.scaled(scale)
    crop = face_crop(grey, seen)
    share = face.height * scale / min(width, height)
    sharp = sharpness(crop)
    turn = yaw(face)
    reasons = []
    if face.height < MIN_FACE_PX or share < MIN_FACE_SHARE:
        reasons.append("too-small")
    # Blur is judged where the view shows the face with enough pixels to tell.
    if min(face.height, seen.height) >= BLUR_CHECK_PX and sharp < MIN_SHARPNESS:
        reasons.append("blurred")
    block = pixelation_block(crop)
    if block and block >= MOSAIC_SHARE * seen.height:
        reasons.append("pixelated")
    if turn > MAX_YAW:
        reasons.append("turned-away")
    return Assessment(not reasons, tuple(reasons), round(face.height), round(share, 3),
                      round(sharp, 3), round(turn, 2))
