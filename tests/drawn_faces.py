"""Faces that are pictures, for the tests: a cartoon face with hard outlines and flat fills,
and a row of packages printed with one drawn face. Plain functions returning images."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

from benchmarks.sets import synthetic_documents as docs

INK = (20, 20, 20)


def cartoon(size: tuple[int, int], rng: np.random.Generator) -> Image.Image:
    """A cartoon head: flat skin and hair, eyes with whites and pupils, brows, a nose stroke
    and a smile, every shape outlined in ink, as avatars and comics draw a face."""
    width, height = size
    image = Image.new("RGB", size, tuple(int(v) for v in rng.integers(150, 255, 3)))
    draw = ImageDraw.Draw(image)
    line = max(2, width // 60)
    skin = docs.SKIN_TONES[int(rng.integers(len(docs.SKIN_TONES)))]
    hair = tuple(int(v) for v in rng.integers(0, 120, 3))
    cx, cy, rx, ry = width * 0.5, height * 0.5, width * 0.3, height * 0.33
    draw.ellipse((cx - rx * 1.15, cy - ry * 1.2, cx + rx * 1.15, cy + ry * 0.6), fill=hair,
                 outline=INK, width=line)
    draw.ellipse((cx - rx, cy - ry, cx + rx, cy + ry), fill=skin, outline=INK, width=line)
    for side in (-1, 1):
        ex, ey = cx + side * rx * 0.4, cy - ry * 0.15
        draw.ellipse((ex - rx * 0.2, ey - ry * 0.13, ex + rx * 0.2, ey + ry * 0.13),
                     fill=(255, 255, 255), outline=INK, width=line)
        draw.ellipse((ex - rx * 0.08, ey - ry * 0.08, ex + rx * 0.08, ey + ry * 0.08), fill=INK)
        draw.line((ex - rx * 0.22, ey - ry * 0.3, ex + rx * 0.22, ey - ry * 0.34), fill=INK,
                  width=line)
    draw.line((cx, cy - ry * 0.05, cx - rx * 0.12, cy + ry * 0.25, cx + rx * 0.02, cy + ry * 0.28),
              fill=INK, width=line)
    draw.arc((cx - rx * 0.4, cy + ry * 0.25, cx + rx * 0.4, cy + ry * 0.65), 15, 165,
             fill=(160, 40, 40), width=line)
    return image


def printed_shelf(copies: int = 3, seed: int = 4, noise: float = 3.0) -> Image.Image:
    """A shelf of identical packages, each printed with the same drawn portrait (the one the
    faces tests' sitter shows), under sensor noise so that no two copies are equal pixels."""
    face = docs.portrait((150, 190), np.random.default_rng(seed))
    shelf = Image.new("RGB", (60 + copies * 230, 380), (90, 70, 55))
    draw = ImageDraw.Draw(shelf)
    for index in range(copies):
        left = 40 + index * 230
        draw.rectangle((left, 40, left + 190, 330), fill=(120, 40, 90), outline=(20, 20, 20))
        shelf.paste(face, (left + 20, 70))
        draw.text((left + 30, 280), "CHOCO CRUNCH", fill=(255, 255, 255))
    pixels = np.asarray(shelf).astype(np.float32)
    pixels += np.random.default_rng(seed).normal(0, noise, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
