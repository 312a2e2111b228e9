"""What a frame shows, as ImageNet-1k classes: EfficientNet-Lite0 (Apache-2.0 weights) through
onnxruntime.

No scene classifier with permissive weights ships in a registry package; an ImageNet classifier
does, and some of its classes are the furniture of private places: bathtub, shower curtain,
toilet seat, washbasin, medicine chest; four-poster, quilt. Their summed probability tells a
bathroom or a bedroom from a kitchen or a living room far better than the object search can on
small pictures (``vmscreen.rules.place_objects`` weighs it).

Preprocessing is the one the weights were trained with (Google's EfficientNet-Lite): the
picture's short side resized to 256 (bilinear), the central 224 x 224, RGB, (x - 127) / 128.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
from PIL import Image

from vmscreen.media import Frame
from vmscreen.models import EFFICIENTNET_LITE0, LazySession

RESIZE = 256
CROP = 224
VIEW_SIDE = 512  # the frame's view it starts from: twice the resize, cheap and shared


def preprocess(image: Image.Image) -> np.ndarray:
    """The 1 x 3 x 224 x 224 float32 input."""
    picture = image.convert("RGB")
    width, height = picture.size
    scale = RESIZE / min(width, height)
    picture = picture.resize((max(CROP, round(width * scale)), max(CROP, round(height * scale))),
                             Image.Resampling.BILINEAR)
    width, height = picture.size
    left, top = (width - CROP) // 2, (height - CROP) // 2
    pixels = np.asarray(picture.crop((left, top, left + CROP, top + CROP)), np.float32)
    return np.ascontiguousarray(((pixels - 127.0) / 128.0).transpose(2, 0, 1)[None])


class ImageClassifier(Protocol):
    """Answers the 1000 ImageNet-1k class probabilities of a picture."""

    def probabilities(self, image: Image.Image) -> np.ndarray: ...


class EfficientNetLite0:
    """Thread-safe; the session loads on first use and is kept."""

    name = "efficientnet_lite0"

    def __init__(self, threads: int = 0) -> None:
        self._session = LazySession(EFFICIENTNET_LITE0, threads)

    def probabilities(self, image: Image.Image) -> np.ndarray:
        (logits,) = self._session.run(None, {self._session.input_name: preprocess(image)})
        values = np.asarray(logits, np.float64).reshape(-1)
        values = np.exp(values - values.max())
        return values / values.sum()


@dataclass(frozen=True, eq=False)
class ImageClasses:
    """A frame's 1000 class probabilities (read-only)."""

    probabilities: np.ndarray

    def share(self, classes: Iterable[int]) -> float:
        """The summed probability of ``classes`` (ImageNet-1k indices)."""
        return float(self.probabilities[list(classes)].sum())

    def likeliest(self, classes: Iterable[int]) -> int:
        """The most probable of ``classes``."""
        chosen = list(classes)
        return chosen[int(np.argmax(self.probabilities[chosen]))]


def find_image_classes(frame: Frame, model: ImageClassifier) -> ImageClasses:
    probabilities = np.array(model.probabilities(frame.image(VIEW_SIDE)), np.float64)
    probabilities.flags.writeable = False
    return ImageClasses(probabilities)
