"""Objects in a frame: every COCO class the person model scores, from the one run of it.

NanoDet-m answers 80 COCO class scores per cell; the person search used to read only the first.
Decoding all of them costs next to nothing once the network has run, so one search per frame now
yields every object over the model's threshold (a person, a tv, a laptop, a toilet, a bed...),
and ``FrameAnalyses.people()`` takes its persons from this same search. Boxes are in the frame's
full-resolution upright pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vmscreen.findings import Located
from vmscreen.media import Frame

# The 80 COCO detection classes in the order detectors trained on COCO answer them.
COCO_LABELS: tuple[str, ...] = (
    "person", "bicycle", "car", "motorcycle", "airplane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite",
    "baseball bat", "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle",
    "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich",
    "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch",
    "potted plant", "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote",
    "keyboard", "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator", "book",
    "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush",
)
PERSON = "person"
# The search's view: the model sees 416 px, so a larger view adds cost and no object.
VIEW_SIDE = 640


@dataclass(frozen=True)
class SceneObject(Located):
    """One detected object: its box (x0, y0, x1, y1), the model's score and its COCO label."""

    box: tuple[float, float, float, float]
    score: float
    label: str

    def area_share(self, width: int, height: int) -> float:
        """The share of a ``width`` x ``height`` frame the box covers, clipped to the frame."""
        x0, y0, x1, y1 = self.box
        inside = max(0.0, min(x1, width) - max(x0, 0.0)) * max(0.0, min(y1, height) - max(y0, 0.0))
        return inside / max(1, width * height)


# A detection of any kind, under the name other detectors may look for.
Detection = SceneObject


class ObjectModel(Protocol):
    """Finds objects of every class it knows in an RGB image, boxes divided by ``scale`` (a
    view's size over the frame's)."""

    name: str

    def detect_objects(self, rgb: np.ndarray, scale: float = 1.0) -> list[SceneObject]: ...


def find_objects(frame: Frame, model: ObjectModel) -> tuple[SceneObject, ...]:
    """Every object the model finds over its own threshold, highest score first."""
    view = frame.array(VIEW_SIDE)
    return tuple(model.detect_objects(view, scale=view.shape[1] / frame.width))
