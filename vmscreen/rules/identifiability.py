"""Who can be identified: the rule that turns a detected face into identifiable or not.

A face is identifiable when someone who knows the person could recognise them from the image.
That needs enough pixels, enough of them in focus and not masked, and the face turned towards
the camera. The thresholds were set on the real benchmark set (benchmarks/sets/real.py), where
the faces labelled recognisable are all at least 6% of the frame's short side and, but for one
of 28 px, at least 41 px high, while the faces labelled too small to count (distant
pedestrians, performers on a stage) are 10 to 16 px high:

- size: the face box at least 32 px high at full resolution (below that, features are a few
  pixels each), and at least 2% of the frame's short side (a crowd of tiny figures on a
  distant beach: the photo is not about them, and a 32 px face in a 12 MP frame is a speck);
- sharpness: a face 64 px or larger whose edge energy (analyses/faces/quality.py) is
  under 0.02 has been blurred past recognition, by the lens or on purpose; smaller faces are
  judged by size alone, since a small face is soft anyway;
- pixelation: a mosaic with blocks of at least a sixteenth of the face's height hides it;
- pose: a head turned so far that the nose lies more than two half eye-distances off the eyes'
  midpoint shows too little of the face (profiles, at about 1.3, still count: people are
  recognised in profile).
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_FACE_PX = 32
MIN_FACE_SHARE = 0.02
BLUR_CHECK_PX = 64
MIN_SHARPNESS = 0.02
MOSAIC_SHARE = 1 / 16
MAX_YAW = 2.0


@dataclass(frozen=True)
class FaceMeasures:
    """What was measured of one face (vmscreen.analyses.faces.quality.measure)."""

    height_px: float  # the face box's height at full resolution
    view_height_px: float  # its height in the view sharpness and mosaic were measured on
    frame_share: float  # face height over the frame's short side
    sharpness: float
    mosaic_block: int  # the block size of a mosaic over the face, in view pixels (0: none)
    yaw: float


@dataclass(frozen=True)
class Assessment:
    identifiable: bool
    reasons: tuple[str, ...]  # why not: "too-small", "blurred", "pixelated", "turned-away"
    height_px: int
    frame_share: float
    sharpness: float
    yaw: float


def assess(measures: FaceMeasures) -> Assessment:
    """The rule above for one face."""
    m = measures
    reasons = []
    if m.height_px < MIN_FACE_PX or m.frame_share < MIN_FACE_SHARE:
        reasons.append("too-small")
    # Blur is judged where the view shows the face with enough pixels to tell.
    if min(m.height_px, m.view_height_px) >= BLUR_CHECK_PX and m.sharpness < MIN_SHARPNESS:
        reasons.append("blurred")
    if m.mosaic_block and m.mosaic_block >= MOSAIC_SHARE * m.view_height_px:
        reasons.append("pixelated")
    if m.yaw > MAX_YAW:
        reasons.append("turned-away")
    return Assessment(not reasons, tuple(reasons), round(m.height_px), round(m.frame_share, 3),
                      round(m.sharpness, 3), round(m.yaw, 2))
