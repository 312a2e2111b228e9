"""Small generated media for the reference-bank tests: pictures of random shapes (each seed a
different picture, with the structure PDQ needs) and tunes of random notes (each seed a
different tune, long enough for Chromaprint)."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


@lru_cache(maxsize=64)
def shapes(seed: int, width: int = 320, height: int = 240) -> Image.Image:
    """Random ellipses and rectangles over a random two-colour gradient, softened a little.
    Kept once made: callers make copies (transpose, resize), never change it."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width] / max(width, height)
    a, b = rng.integers(0, 256, 3), rng.integers(0, 256, 3)
    angle = rng.uniform(0, np.pi)
    t = (np.cos(angle) * x + np.sin(angle) * y)[..., None]
    image = Image.fromarray(np.clip(a * (1 - t) + b * t, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(image)
    for _ in range(14):
        x0, y0 = rng.integers(0, width), rng.integers(0, height)
        w, h = rng.integers(width // 10, width // 2), rng.integers(height // 10, height // 2)
        colour = tuple(int(c) for c in rng.integers(0, 256, 3))
        box = (int(x0 - w // 2), int(y0 - h // 2), int(x0 + w // 2), int(y0 + h // 2))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)(box, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(1.5))


def tune(seed: int, seconds: float = 12.0, rate: int = 16000) -> np.ndarray:
    """A melody of random notes (a quarter of a second to half a second each) over a drone,
    mono float32 at ``rate``."""
    rng = np.random.default_rng(seed)
    out: list[np.ndarray] = []
    total = int(seconds * rate)
    while sum(len(part) for part in out) < total:
        length = int(rng.uniform(0.25, 0.5) * rate)
        t = np.arange(length) / rate
        notes = 220.0 * 2 ** (rng.integers(0, 24, 2) / 12)
        envelope = np.minimum(1.0, np.minimum(t, t[::-1]) * 40)
        out.append(envelope * (0.3 * np.sin(2 * np.pi * notes[0] * t)
                               + 0.2 * np.sin(2 * np.pi * notes[1] * t)))
    signal = np.concatenate(out)[:total]
    signal += 0.02 * rng.standard_normal(total)
    return signal.astype(np.float32)
