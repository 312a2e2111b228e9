"""nsfwjs's MobileNetV2Mid (MIT, Infinite Red) through onnxruntime: five classes of picture.

The weights are the TF.js graph model of the nsfwjs 4.4.0 npm package, converted to ONNX by
tools/tfjs_graph_to_onnx.py and kept in models/. The preprocessing is nsfwjs's own
(``NSFWJS.infer``): RGB divided by 255, resized to 224 x 224 by TF.js's bilinear resize with
aligned corners (no antialiasing), and no mean subtracted (the graph scales to -1..1 itself).
Run that way, the ONNX model's probabilities equal nsfwjs's own, run in Node.js with
TensorFlow.js, to 2e-6 (tests/analyses/nsfw/test_nsfwjs.py holds the reference values).

The classes are nsfwjs's: drawing (drawings, paintings, cartoons that are safe), hentai (sexual
drawings), neutral (safe photographs), porn (sexual photographs), sexy (suggestive: swimwear,
lingerie). It starts from the frame's 1024 px view, as open_nsfw does, rather than the full
decode nsfwjs is handed in a browser: resizing without antialiasing from a 12 MP decode samples
a few pixels of each 50 x 50 block, so the view is also the steadier input.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from vmscreen.media import Frame
from vmscreen.models import NSFWJS, LazySession

INPUT_SIDE = 224
VIEW_SIDE = 1024
CLASSES = ("drawing", "hentai", "neutral", "porn", "sexy")


@dataclass(frozen=True)
class PictureClasses:
    """nsfwjs's five probabilities for one picture (they sum to 1)."""

    drawing: float
    hentai: float
    neutral: float
    porn: float
    sexy: float

    @property
    def unsafe(self) -> float:
        """The share nsfwjs gives to anything sexual or suggestive: hentai, porn and sexy."""
        return self.hentai + self.porn + self.sexy


def _axis(size_in: int, size_out: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Source indices and weights of TF.js's bilinear resize with aligned corners."""
    step = (size_in - 1) / (size_out - 1) if size_out > 1 else 0.0
    position = np.arange(size_out) * step
    low = np.floor(position).astype(np.int64)
    high = np.minimum(low + 1, size_in - 1)
    return low, high, (position - low).astype(np.float32)


def preprocess(rgb: np.ndarray) -> np.ndarray:
    """The 1 x 224 x 224 x 3 float32 input nsfwjs builds from an RGB uint8 picture."""
    pixels = rgb.astype(np.float32) / 255.0
    low, high, weight = _axis(pixels.shape[0], INPUT_SIDE)
    pixels = pixels[low] * (1 - weight)[:, None, None] + pixels[high] * weight[:, None, None]
    low, high, weight = _axis(pixels.shape[1], INPUT_SIDE)
    pixels = pixels[:, low] * (1 - weight)[None, :, None] + pixels[:, high] * weight[None, :, None]
    return np.ascontiguousarray(pixels[None], np.float32)


class PictureClassifier(Protocol):
    """Rates a picture (an RGB uint8 array) into nsfwjs's five classes."""

    def classes(self, rgb: np.ndarray) -> PictureClasses: ...


class NsfwJs:
    """Thread-safe; the session loads on first use and is kept."""

    name = "nsfwjs"

    def __init__(self, threads: int = 0) -> None:
        self._session = LazySession(NSFWJS, threads)

    def classes(self, rgb: np.ndarray) -> PictureClasses:
        (probabilities,) = self._session.run(None, {self._session.input_name: preprocess(rgb)})
        return PictureClasses(*(float(p) for p in probabilities[0]))


def classify_picture(frame: Frame, model: PictureClassifier) -> PictureClasses:
    """nsfwjs's classes for the frame, from its view of at most 1024 px."""
    return model.classes(frame.array(VIEW_SIDE))
